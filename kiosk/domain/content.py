"""Content that clinic staff edit: Markdown pages with TOML front matter.

Layout: ``<content root>/<language>/**/*.md``. Each page starts with a front matter
block between ``+++`` lines::

    +++
    id = "herniated-disc"
    kind = "condition"
    title = "Herniated, bulging or torn disc"
    summary = "One plain sentence."
    sources = ["..."]
    reviewed = 2026-11-25

    [links]
    regions = ["disc-L4-L5", "root-L5"]
    conditions = []
    treatments = ["decompression"]
    topics = ["sciatica"]
    +++

A ``treatment`` page also has a ``[compare]`` table: one or two plain sentences for each
of ``involves``, ``benefits``, ``risks`` and ``recovery``, shown side by side with the
other treatments (an option grid)::

    [compare]
    involves = "An operation to take out what presses on the nerve."
    benefits = "..."
    risks = "..."
    recovery = "..."

:func:`load_content` loads and validates a whole language folder together with the
diagrams, and reports every problem as ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain.animation import Animation, load_animations
from kiosk.domain.animation.pages import check_pages
from kiosk.domain.diagrams import Diagram, load_diagrams
from kiosk.domain.drawing_labels import check_labels
from kiosk.domain.files import SourceError, decode, read_bytes, read_source
from kiosk.domain.problems import Problem, short
from kiosk.domain.questionnaire import QUESTIONS_FILE, Questionnaire, load_questionnaire
from kiosk.domain.toml_source import TomlSource, check_reviewed, line_key_re, parse_toml, value_re
from kiosk.domain.ui_words import UI_FILE, UiWords, builtin_words, load_ui_words

KINDS = ("region", "condition", "treatment", "topic")
LINK_KINDS = {
    "regions": "region",
    "conditions": "condition",
    "treatments": "treatment",
    "topics": "topic",
}
REQUIRED = ("id", "kind", "title", "sources")
ALLOWED_KEYS = {"id", "kind", "title", "summary", "sources", "reviewed", "one_side", "links", "compare"}
# The option-grid rows every treatment page fills in, in the order a compare screen shows them.
COMPARE_KEYS = ("involves", "benefits", "risks", "recovery")
FENCE = "+++"
INTERNAL_SCHEME = "kiosk"
_INTERNAL_LINK = re.compile(r"\]\(\s*kiosk:([^)\s]*)\s*\)")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[A-Za-z0-9]+)*$")
_LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
_MARKUP = re.compile(r"<[A-Za-z!/?]|&[A-Za-z]+;|&#")  # what a label could take for rich text
# Limits: a page must open at once and fit the screen; a file far larger is not even read.
MAX_TITLE_CHARS = 60
MAX_SUMMARY_CHARS = 300
MAX_BODY_CHARS = 20_000  # the longest shipped page has about 4,500
MAX_BODY_LINES = 150  # lines with text; the longest shipped page has 52 (a page opens in under 0.1 s)
MAX_PAGE_BYTES = 200_000


@dataclass(frozen=True)
class Links:
    regions: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    def all_ids(self) -> tuple[str, ...]:
        return self.regions + self.conditions + self.treatments + self.topics


@dataclass(frozen=True)
class ContentItem:
    id: str
    kind: str
    title: str
    body: str  # Markdown
    path: Path
    body_line: int  # line of the first body line in the file
    summary: str = ""
    sources: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    links: Links = Links()
    # Light the linked parts on one side of the body only (a disc usually presses on one side).
    one_side: bool = False
    # Treatment pages only: the option-grid text keyed by COMPARE_KEYS, in that order.
    compare: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass
class ContentSet:
    language: str
    items: dict[str, ContentItem] = field(default_factory=dict)
    diagrams: list[Diagram] = field(default_factory=list)
    questionnaire: Questionnaire | None = None  # None when the content has none
    root: Path | None = None  # the content folder it was loaded from
    animations: dict[str, Animation] = field(default_factory=dict)
    words: UiWords | None = None  # the screens' words (<language>/ui.toml); see ui_words()

    def ui_words(self) -> UiWords:
        """The words every screen shows: the content's own, else the kiosk's built-in ones."""
        return self.words if self.words is not None else builtin_words(self.language)

    def get(self, item_id: str) -> ContentItem | None:
        return self.items.get(item_id)

    def animations_for(self, page_id: str) -> list[Animation]:
        """The animations a page offers: the one named like the page first, then by id."""
        found = [a for a in self.animations.values() if page_id in a.pages and page_id in self.items]
        return sorted(found, key=lambda a: (a.id != page_id, a.id))

    def by_kind(self, kind: str) -> list[ContentItem]:
        return sorted(
            (item for item in self.items.values() if item.kind == kind),
            key=lambda item: item.title.casefold(),
        )

    def region_ids(self) -> set[str]:
        """Tappable region ids in any drawing."""
        return {rid for diagram in self.diagrams for rid in diagram.regions}

    def highlightable_ids(self) -> set[str]:
        """Ids a page may light up: regions and overlays (e.g. dermatome maps)."""
        return {i for diagram in self.diagrams for i in diagram.ids()}


@dataclass(frozen=True)
class _RawPage:
    path: Path
    meta: dict[str, Any]
    src: TomlSource  # the front matter, with the file's line numbers
    body: str
    body_line: int


def _key_line(raw: _RawPage, key: str, value: str | None = None) -> int:
    """Best line for a message about ``key`` (or about one quoted value in it), else 1."""
    needles = ([value_re(value)] if value is not None else []) + [line_key_re(key)]
    return raw.src.find(raw.src.whole(), *needles, default=1)


def _table_line(raw: _RawPage, table: str) -> int:
    """Line of the ``[table]`` header (or of ``table = {...}``), else 1."""
    span = raw.src.span(table)
    return span[0] if span is not None else _key_line(raw, table)


def _table_key_line(raw: _RawPage, table: str, key: str) -> int:
    """Line of ``key = ...`` inside ``[table]``, else the table's own line."""
    table_line = _table_line(raw, table)
    span = raw.src.span(table, children=False)
    return raw.src.find(span, line_key_re(key), default=table_line)


def front_matter_line(path: Path, key: str, table: str | None = None) -> int:
    """Line of ``key = ...`` in a page's front matter; else of the ``[table]`` header; else 1."""
    try:
        raw, _ = split_front_matter(path, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return 1
    if raw is None:
        return 1
    line = raw.src.find(raw.src.whole(), line_key_re(key), default=0)
    if line:
        return line
    return _table_line(raw, table) if table else 1


def split_front_matter(path: Path, text: str) -> tuple[_RawPage | None, list[Problem]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path, 1, f"no front matter: the file must start with a '{FENCE}' line")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if end is None:
        return None, [Problem(path, 1, f"front matter is not closed with a second '{FENCE}' line")]
    meta, src, problems = parse_toml(path, "\n".join(lines[1:end]), first_line=2,
                                     what="front matter is not valid TOML")
    if meta is None or src is None:
        return None, problems
    body = "\n".join(lines[end + 1 :])
    return _RawPage(path, meta, src, body, end + 2), []


def _string_list(raw: _RawPage, key: str, value: object, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(raw.path, _key_line(raw, key), f"'{key}' must be a list of strings"))
        return ()
    return tuple(value)


def _parse_compare(raw: _RawPage, kind: str, problems: list[Problem]) -> dict[str, str]:
    """The ``[compare]`` option-grid table: required on treatment pages, and only there."""
    value = raw.meta.get("compare")
    if value is None:
        if kind == "treatment":
            problems.append(Problem(raw.path, _key_line(raw, "kind"),
                                    "a treatment page needs a [compare] table with "
                                    + ", ".join(COMPARE_KEYS)))
        return {}
    line = _table_line(raw, "compare")
    if kind != "treatment":
        problems.append(Problem(raw.path, line, "[compare] is only for treatment pages"))
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(raw.path, line, "'compare' must be a table: [compare]"))
        return {}
    for key in sorted(set(value) - set(COMPARE_KEYS)):
        problems.append(Problem(raw.path, _table_key_line(raw, "compare", key),
                                f"unknown key '{short(key)}' in [compare] "
                                f"(expected: {', '.join(COMPARE_KEYS)})"))
    compare: dict[str, str] = {}
    for key in COMPARE_KEYS:
        if key not in value:
            problems.append(Problem(raw.path, line, f"[compare] is missing '{key}'"))
        elif not isinstance(value[key], str) or not value[key].strip():
            problems.append(Problem(raw.path, _table_key_line(raw, "compare", key),
                                    f"compare.{key} must be a non-empty string"))
        else:
            compare[key] = " ".join(value[key].split())
    return compare


def _check_labels(raw: _RawPage) -> list[Problem]:
    """Title and summary: plain text of one line that fits the screen (never markup)."""
    problems: list[Problem] = []
    for key, limit in (("title", MAX_TITLE_CHARS), ("summary", MAX_SUMMARY_CHARS)):
        text = raw.meta.get(key)
        if not isinstance(text, str):
            continue
        line = _key_line(raw, key)
        text = text.strip()
        if len(text) > limit:
            problems.append(Problem(raw.path, line, f"'{key}' is {len(text):,} characters long; at most "
                                                    f"{limit} fit the screen"))
        if "\n" in text or "\r" in text:
            problems.append(Problem(raw.path, line, f"'{key}' must be a single line"))
        if _MARKUP.search(text):
            problems.append(Problem(raw.path, line, f"'{key}' must be plain text: no HTML tags or "
                                                    "entities (it is shown exactly as written)"))
    return problems


def _parse_page(raw: _RawPage) -> tuple[ContentItem | None, list[Problem]]:
    problems: list[Problem] = []
    meta = raw.meta
    for key in sorted(set(meta) - ALLOWED_KEYS):
        problems.append(Problem(raw.path, _key_line(raw, key), f"unknown front-matter key '{short(key)}'"))
    missing = [key for key in REQUIRED if key not in meta]
    for key in missing:
        problems.append(Problem(raw.path, 1, f"missing required field '{key}'"))
    if missing:
        return None, problems

    for key in ("id", "kind", "title", "summary"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(
                Problem(raw.path, _key_line(raw, key), f"'{key}' must be a non-empty string")
            )
    if problems:
        return None, problems

    item_id, kind = meta["id"], meta["kind"]
    if not _ID_PATTERN.match(item_id):
        problems.append(Problem(raw.path, _key_line(raw, "id"),
                                f"id {short(item_id)!r} may use only letters, digits and single hyphens"))
    if kind not in KINDS:
        problems.append(Problem(raw.path, _key_line(raw, "kind"),
                                f"unknown kind {short(kind)!r} (expected one of: {', '.join(KINDS)})"))
    problems += _check_labels(raw)
    sources = _string_list(raw, "sources", meta["sources"], problems)
    if not sources and isinstance(meta["sources"], list):
        problems.append(
            Problem(raw.path, _key_line(raw, "sources"), "'sources' must name at least one source")
        )

    reviewed = meta.get("reviewed")
    found = check_reviewed(raw.src, meta)
    if found:
        problems += found
        reviewed = None

    one_side = meta.get("one_side", False)
    if not isinstance(one_side, bool):
        problems.append(Problem(raw.path, _key_line(raw, "one_side"),
                                "'one_side' must be true or false (no quotes)"))

    links_meta = meta.get("links", {})
    link_values: dict[str, tuple[str, ...]] = {}
    if not isinstance(links_meta, dict):
        problems.append(Problem(raw.path, _key_line(raw, "links"), "'links' must be a table: [links]"))
        links_meta = {}
    for key in sorted(set(links_meta) - set(LINK_KINDS)):
        problems.append(Problem(raw.path, _key_line(raw, key),
                                f"unknown key '{short(key)}' in [links] (expected: {', '.join(LINK_KINDS)})"))
    for key in LINK_KINDS:
        if key in links_meta:
            link_values[key] = _string_list(raw, key, links_meta[key], problems)

    compare = _parse_compare(raw, kind, problems)

    if not raw.body.strip():
        problems.append(Problem(raw.path, raw.body_line, "the page has no text after the front matter"))
    elif len(raw.body) > MAX_BODY_CHARS:
        problems.append(Problem(raw.path, raw.body_line,
                                f"the page text is {len(raw.body):,} characters long; at most "
                                f"{MAX_BODY_CHARS:,} fit one page (split it into several pages)"))
    elif (lines := sum(1 for line in raw.body.splitlines() if line.strip())) > MAX_BODY_LINES:
        problems.append(Problem(raw.path, raw.body_line,
                                f"the page text has {lines:,} lines (paragraphs, list items, table rows); "
                                f"at most {MAX_BODY_LINES} fit one page (split it into several pages)"))
    if problems:
        return None, problems
    item = ContentItem(
        id=item_id,
        kind=kind,
        title=meta["title"].strip(),
        summary=meta.get("summary", "").strip(),
        body=raw.body,
        path=raw.path,
        body_line=raw.body_line,
        sources=sources,
        reviewed=reviewed,
        links=Links(**link_values),
        one_side=one_side,
        compare=compare,
    )
    return item, problems


def _check_links(item: ContentItem, raw: _RawPage, content: ContentSet) -> list[Problem]:
    problems: list[Problem] = []
    region_ids = content.region_ids()
    highlightable = content.highlightable_ids()
    for key, expected_kind in LINK_KINDS.items():
        for target in getattr(item.links, key):
            line = _key_line(raw, key, target)
            if expected_kind == "region" and target not in highlightable:
                message = f"links.regions: no diagram has a region '{short(target)}'"
                problems.append(Problem(item.path, line, message))
                continue
            if expected_kind == "region" and target not in region_ids:
                continue  # an overlay: it has no page of its own
            other = content.items.get(target)
            if other is None:
                problems.append(Problem(item.path, line,
                                        f"links.{key}: no page has the id '{short(target)}'"))
            elif other.kind != expected_kind:
                problems.append(Problem(item.path, line, f"links.{key}: '{short(target)}' is a {other.kind}, "
                                                         f"not a {expected_kind}"))
    for offset, text in enumerate(item.body.splitlines()):
        for match in _INTERNAL_LINK.finditer(text):
            target = match.group(1)
            if target not in content.items:
                problems.append(Problem(item.path, item.body_line + offset,
                                        f"link to '{INTERNAL_SCHEME}:{short(target)}': no page has that id"))
    if item.kind == "region" and item.id not in region_ids:
        problems.append(Problem(item.path, _key_line(raw, "id"),
                                f"region '{item.id}' is not in any diagram (no SVG element has this id)"))
    return problems


def _check_questionnaire_links(content: ContentSet, questions_path: Path) -> list[Problem]:
    """Body-map options must be drawn; suggested categories must have a treatment page."""
    q = content.questionnaire
    if q is None:
        return []
    problems = []
    try:
        text = read_source(questions_path).splitlines()
    except SourceError:
        text = []  # load_questionnaire has said why

    def line_of(value: str) -> int:
        return next((n for n, t in enumerate(text, 1) if f'"{value}"' in t), 1)

    regions = content.region_ids()
    for question in q.questions:
        if question.type != "body_map":
            continue
        for option in question.options:
            if option not in regions:
                problems.append(Problem(questions_path, line_of(option),
                                        f"body-map option '{option}' is not a region in any diagram"))
    for category in q.categories:
        page = content.get(category)
        if page is None or page.kind != "treatment":
            problems.append(Problem(questions_path.parent / "rules.toml", 1,
                                    f"category '{category}' has no treatment page with that id"))
    return problems


def page_files(folder: Path) -> list[Path]:
    """The ``*.md`` files in ``folder`` and its subfolders, sorted.

    Linked folders are not followed (a link back up cannot make the search endless); a link
    to a file is listed, and reading it later checks that it is a regular file.
    """
    found: list[Path] = []
    for parent, folders, names in os.walk(folder, followlinks=False):
        folders.sort()
        found += (Path(parent) / name for name in names if name.endswith(".md"))
    return sorted(found)


def content_languages(root: Path) -> list[str]:
    """Language folders of a content root: folders with a language-code name and pages."""
    try:
        folders = sorted(p for p in Path(root).iterdir() if p.is_dir())
    except OSError:
        return []
    return [p.name for p in folders if _LANGUAGE_FOLDER.fullmatch(p.name) and page_files(p)]


def read_page(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of one page file: a regular file of at most MAX_PAGE_BYTES, in UTF-8."""
    try:
        return decode(read_bytes(path, MAX_PAGE_BYTES)), []
    except SourceError as exc:
        return None, [Problem(path, exc.line, exc.message)]


def load_content(
    root: Path, language: str = "en", diagrams_dir: Path | None = None,
    animations_dir: Path | None = None, diagram_cache: Path | None = None,
) -> tuple[ContentSet, list[Problem]]:
    """Load and validate ``root/<language>``, the diagrams and the animations.

    ``diagrams_dir`` defaults to ``root/diagrams`` when that folder exists, otherwise
    to the built-in diagrams; ``animations_dir`` likewise to ``root/animations``.
    ``diagram_cache``: a folder for parsed drawings (``DiagramCache``). Never raises:
    whatever goes wrong is a problem to list.
    """
    try:
        return _load_content(Path(root), language, diagrams_dir, animations_dir, diagram_cache)
    except Exception as exc:  # a bug met by odd content: the problems screen, never a crash
        return ContentSet(language=language, root=Path(root)), [
            Problem(Path(root), 0, f"the content could not be loaded ({type(exc).__name__}: {short(exc)}); "
                                   "please report this with the content folder")]


def _load_content(root: Path, language: str, diagrams_dir: Path | None, animations_dir: Path | None,
                  diagram_cache: Path | None) -> tuple[ContentSet, list[Problem]]:
    from kiosk.resources import default_animations_dir, default_content_dir, default_diagrams_dir

    problems: list[Problem] = []
    content = ContentSet(language=language, root=root)
    if diagrams_dir is None:
        diagrams_dir = root / "diagrams" if (root / "diagrams").is_dir() else default_diagrams_dir()
    # the screens' words first: the drawings are loaded with their labels in the language
    content.words, found = load_ui_words(root, language)
    problems.extend(found)
    content.diagrams, found = load_diagrams(diagrams_dir, diagram_cache, content.words.labels)
    problems.extend(found)
    own_words = root / language / UI_FILE
    problems.extend(check_labels({d.id: (d.path, d.labels) for d in content.diagrams}, content.words.labels,
                                 language, own_words if own_words.is_file() else None))
    own_animations = animations_dir is not None or (root / "animations").is_dir()
    if animations_dir is None:
        animations_dir = root / "animations" if (root / "animations").is_dir() else default_animations_dir()
    content.animations, found = load_animations(animations_dir)
    problems.extend(found)

    lang_dir = root / language
    files = page_files(lang_dir) if lang_dir.is_dir() else []
    if not files:
        # The one real cause: every check below would only repeat it for each region and page.
        here = ", ".join(content_languages(root)) or "none"
        problems.append(Problem(lang_dir, 1, f"no content pages (*.md) for the language '{language}' "
                                             f"in this folder (languages with pages here: {here})"))
        return content, problems

    raw_pages: dict[str, _RawPage] = {}
    for path in files:
        text, found = read_page(path)
        problems.extend(found)
        if text is None:
            continue
        raw, found = split_front_matter(path, text)
        problems.extend(found)
        if raw is None:
            continue
        item, found = _parse_page(raw)
        problems.extend(found)
        if item is None:
            continue
        if item.id in content.items:
            first = content.items[item.id].path
            problems.append(
                Problem(path, _key_line(raw, "id"), f"duplicate id '{item.id}' (also in {first})")
            )
            continue
        content.items[item.id] = item
        raw_pages[item.id] = raw

    for item_id, item in content.items.items():
        problems.extend(_check_links(item, raw_pages[item_id], content))
    if (root / QUESTIONS_FILE).exists():
        content.questionnaire, found = load_questionnaire(root, language)
        problems.extend(found)
        problems.extend(_check_questionnaire_links(content, root / QUESTIONS_FILE))
    strict = own_animations or root.resolve() == default_content_dir().resolve()
    content.animations, found = check_pages(content.animations, content.items, language, strict)
    problems.extend(found)
    for diagram in content.diagrams:
        for region in diagram.regions.values():
            if region.id not in content.items:
                problems.append(Problem(diagram.path, region.line,
                                        f"region '{region.id}' has no content page (kind = \"region\")"))
    problems.sort(key=lambda p: (str(p.path), p.line, p.message))
    return content, problems
