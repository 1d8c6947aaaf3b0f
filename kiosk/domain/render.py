"""Markdown -> HTML for the explanation panel, sanitised to what QTextBrowser shows.

Only internal links (``kiosk:<id>``) survive; any other link keeps its text and loses
its target, so nothing in a content file can open a file, a web page or a program.
"""

from __future__ import annotations

import html
import re

import nh3

from kiosk.domain.content import INTERNAL_SCHEME, ContentItem, ContentSet
from kiosk.domain.problems import Problem, short

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def _keep_internal_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if value.startswith(f"{INTERNAL_SCHEME}:") else None
    return value


def sanitize(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={INTERNAL_SCHEME},
        attribute_filter=_keep_internal_links,
        link_rel=None,
        strip_comments=True,
    )


def markdown_to_html(text: str) -> str:
    # imported on the first page shown, not at start-up (markdown is 20 ms of imports)
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension

    return sanitize(markdown.markdown(text, extensions=[SaneListExtension()], output_format="html"))


def internal_url(item_id: str) -> str:
    return f"{INTERNAL_SCHEME}:{item_id}"


def parse_internal_url(url: str) -> str | None:
    """The page id of an internal link, or None for anything else."""
    prefix = f"{INTERNAL_SCHEME}:"
    if not url.startswith(prefix):
        return None
    target = url[len(prefix):].strip("/")
    return target or None


def page_html(item: ContentItem) -> str:
    """The panel's HTML for one page: title, summary, body."""
    parts = [f"<h1>{html.escape(item.title)}</h1>"]
    if item.summary:
        parts.append(f'<p class="summary">{html.escape(item.summary)}</p>')
    parts.append(markdown_to_html(item.body))
    return "\n".join(parts)


def related_pages(item: ContentItem, content: ContentSet) -> list[ContentItem]:
    """Pages linked from ``item`` that the panel offers as large buttons."""
    seen: list[ContentItem] = []
    for target in item.links.topics + item.links.conditions + item.links.treatments:
        other = content.get(target)
        if other is not None and other not in seen:
            seen.append(other)
    return seen


ABOUT_ID = "about"


def sources_html(content: ContentSet, disclosure: str, heading_sources: str = "Sources and review dates",
                 heading_clinic: str = "From the clinic") -> str:
    """The generated part of the "About this information" page: the clinic's
    disclosure text and, for every page, its review date and sources."""
    parts = []
    if disclosure.strip():
        parts.append(f"<h2>{html.escape(heading_clinic)}</h2><p>{html.escape(disclosure)}</p>")
    parts.append(f"<h2>{html.escape(heading_sources)}</h2><ul>")
    kinds = {"topic": 0, "condition": 1, "treatment": 2, "region": 3}
    for item in sorted(content.items.values(), key=lambda i: (kinds.get(i.kind, 9), i.title.casefold())):
        reviewed = item.reviewed.isoformat() if item.reviewed else "-"
        sources = "; ".join(html.escape(s) for s in item.sources)
        parts.append(f"<li><b>{html.escape(item.title)}</b> (reviewed {reviewed}): {sources}</li>")
    parts.append("</ul>")
    return "\n".join(parts)


# -- what rendering drops, for ``kiosk check-content`` -----------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")
_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)([^<>]*)>?")
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]*)""", re.I)


def _internal(target: str) -> bool:
    return target.startswith(f"{INTERNAL_SCHEME}:")


def _dropped_link(target: str) -> str:
    return (f"the link to '{short(target)}' is dropped when the page is shown (only "
            f"'{INTERNAL_SCHEME}:' links to other pages work); its words stay")


def _line_warnings(text: str) -> list[str]:
    found: list[str] = []
    text = _CODE_SPAN.sub("", text)  # code is shown as written
    for match in _IMAGE.finditer(text):
        found.append(f"the picture '{short(match.group(1))}' is dropped when the page is shown "
                     "(pages show text only)")
    text = _IMAGE.sub("", text)
    for pattern in (_LINK, _REFERENCE, _AUTOLINK):
        found += [_dropped_link(m.group(1)) for m in pattern.finditer(text) if not _internal(m.group(1))]
        text = pattern.sub("", text) if pattern is _AUTOLINK else text
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        if tag == "img":
            found.append("raw HTML <img>: the picture is dropped when the page is shown (pages show "
                         "text only)")
        elif tag not in ALLOWED_TAGS:
            found.append(f"raw HTML <{short(tag, 20)}> is dropped when the page is shown (its words stay)")
        elif tag == "a":
            found += [_dropped_link(m.group(1)) for m in _HREF.finditer(match.group(2))
                      if not _internal(m.group(1))]
    return list(dict.fromkeys(found))


def check_markup(content: ContentSet) -> list[Problem]:
    """Warnings for what a page's text asks for but rendering drops: links that leave the
    kiosk, pictures and raw HTML. The page still works; its author should know."""
    warnings: list[Problem] = []
    for item in sorted(content.items.values(), key=lambda i: str(i.path)):
        in_code = False
        for offset, line in enumerate(item.body.splitlines()):
            if _FENCE.match(line):
                in_code = not in_code
                continue
            if in_code:
                continue
            for message in _line_warnings(line):
                warnings.append(Problem(item.path, item.body_line + offset, message, warning=True))
    return warnings
