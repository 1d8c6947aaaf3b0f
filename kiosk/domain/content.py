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

:func:`load_content` loads and validates a whole language folder together with the
diagrams, and reports every problem as ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain.animation import Animation, load_animations
from kiosk.domain.animation.pages import check_pages
from kiosk.domain.diagrams import Diagram, load_diagrams
from kiosk.domain.problems import Problem
from kiosk.domain.questionnaire import QUESTIONS_FILE, Questionnaire, load_questionnaire

KINDS = ("region", "condition", "treatment", "topic")
LINK_KINDS = {
    "regions": "region",
    "conditions": "condition",
    "treatments": "treatment",
    "topics": "topic",
}
REQUIRED = ("id", "kind", "title", "sources")
ALLOWED_KEYS = {"id", "kind", "title", "summary", "sources", "reviewed", "links"}
FENCE = "+++"
INTERNAL_SCHEME = "kiosk"
_INTERNAL_LINK = re.compile(r"\]\(\s*kiosk:([^)\s]*)\s*\)")
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[A-Za-z0-9]+)*$")


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


@dataclass
class ContentSet:
    language: str
    items: dict[str, ContentItem] = field(default_factory=dict)
    diagrams: list[Diagram] = field(default_factory=list)
    questionnaire: Questionnaire | None = None  # None when the content has none
    animations: dict[str, Animation] = field(default_factory=dict)

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
    meta: dict
    meta_text: str
    body: str
    body_line: int


def _key_line(raw: _RawPage, key: str, value: str | None = None) -> int:
    """Best line for a message about ``key`` (or about one quoted value in it)."""
    lines = raw.meta_text.splitlines()
    if value is not None:
        quoted = re.compile(r"[\"']" + re.escape(value) + r"[\"']")
        for offset, text in enumerate(lines):
            if quoted.search(text):
                return 2 + offset
    pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    for offset, text in enumerate(lines):
        if pattern.match(text):
            return 2 + offset
    return 1


def split_front_matter(path: Path, text: str) -> tuple[_RawPage | None, list[Problem]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path, 1, f"no front matter: the file must start with a '{FENCE}' line")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        return None, [Problem(path, 1, f"front matter is not closed with a second '{FENCE}' line")]
    meta_text = "\n".join(lines[1:end])
    try:
        meta = tomllib.loads(meta_text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = 1 + int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, [Problem(path, line, f"front matter is not valid TOML: {message}")]
    body = "\n".join(lines[end + 1 :])
    return _RawPage(path, meta, meta_text, body, end + 2), []


def _string_list(raw: _RawPage, key: str, value, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(raw.path, _key_line(raw, key), f"'{key}' must be a list of strings"))
        return ()
    return tuple(value)


def _parse_page(raw: _RawPage) -> tuple[ContentItem | None, list[Problem]]:
    problems: list[Problem] = []
    meta = raw.meta
    for key in sorted(set(meta) - ALLOWED_KEYS):
        problems.append(Problem(raw.path, _key_line(raw, key), f"unknown front-matter key '{key}'"))
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
                                f"id {item_id!r} may use only letters, digits and single hyphens"))
    if kind not in KINDS:
        problems.append(Problem(raw.path, _key_line(raw, "kind"),
                                f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})"))
    sources = _string_list(raw, "sources", meta["sources"], problems)
    if not sources and isinstance(meta["sources"], list):
        problems.append(
            Problem(raw.path, _key_line(raw, "sources"), "'sources' must name at least one source")
        )

    reviewed = meta.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        problems.append(Problem(raw.path, _key_line(raw, "reviewed"),
                                "'reviewed' must be a date like 2026-11-25 (no quotes)"))
        reviewed = None

    links_meta = meta.get("links", {})
    link_values: dict[str, tuple[str, ...]] = {}
    if not isinstance(links_meta, dict):
        problems.append(Problem(raw.path, _key_line(raw, "links"), "'links' must be a table: [links]"))
        links_meta = {}
    for key in sorted(set(links_meta) - set(LINK_KINDS)):
        problems.append(Problem(raw.path, _key_line(raw, key),
                                f"unknown key '{key}' in [links] (expected: {', '.join(LINK_KINDS)})"))
    for key in LINK_KINDS:
        if key in links_meta:
            link_values[key] = _string_list(raw, key, links_meta[key], problems)

    if not raw.body.strip():
        problems.append(Problem(raw.path, raw.body_line, "the page has no text after the front matter"))
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
                message = f"links.regions: no diagram has a region '{target}'"
                problems.append(Problem(item.path, line, message))
                continue
            if expected_kind == "region" and target not in region_ids:
                continue  # an overlay: it has no page of its own
            other = content.items.get(target)
            if other is None:
                problems.append(Problem(item.path, line, f"links.{key}: no page has the id '{target}'"))
            elif other.kind != expected_kind:
                problems.append(Problem(item.path, line,
                                        f"links.{key}: '{target}' is a {other.kind}, not a {expected_kind}"))
    for offset, text in enumerate(item.body.splitlines()):
        for match in _INTERNAL_LINK.finditer(text):
            target = match.group(1)
            if target not in content.items:
                problems.append(Problem(item.path, item.body_line + offset,
                                        f"link to '{INTERNAL_SCHEME}:{target}': no page has that id"))
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
    text = questions_path.read_text(encoding="utf-8").splitlines()

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


def load_content(
    root: Path, language: str = "en", diagrams_dir: Path | None = None,
    animations_dir: Path | None = None,
) -> tuple[ContentSet, list[Problem]]:
    """Load and validate ``root/<language>``, the diagrams and the animations.

    ``diagrams_dir`` defaults to ``root/diagrams`` when that folder exists, otherwise
    to the built-in diagrams; ``animations_dir`` likewise to ``root/animations``.
    """
    from kiosk.resources import default_animations_dir, default_content_dir, default_diagrams_dir

    problems: list[Problem] = []
    content = ContentSet(language=language)
    if diagrams_dir is None:
        diagrams_dir = root / "diagrams" if (root / "diagrams").is_dir() else default_diagrams_dir()
    content.diagrams, found = load_diagrams(diagrams_dir)
    problems.extend(found)
    own_animations = animations_dir is not None or (root / "animations").is_dir()
    if animations_dir is None:
        animations_dir = root / "animations" if (root / "animations").is_dir() else default_animations_dir()
    content.animations, found = load_animations(animations_dir)
    problems.extend(found)

    lang_dir = root / language
    files = sorted(lang_dir.rglob("*.md")) if lang_dir.is_dir() else []
    if not files:
        problems.append(Problem(lang_dir, 1, "no content pages (*.md) found in this folder"))

    raw_pages: dict[str, _RawPage] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, 1, f"cannot read the file: {exc}"))
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
    if (root / QUESTIONS_FILE).is_file():
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
