"""Markdown -> HTML for the explanation panel, sanitised to what QTextBrowser shows.

Only internal links (``kiosk:<id>``) survive; any other link keeps its text and loses
its target, so nothing in a content file can open a file, a web page or a program.
"""

from __future__ import annotations

import html

import nh3

from kiosk.domain.content import INTERNAL_SCHEME, ContentItem, ContentSet

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
