"""Every language folder tells the same story: parity between translations (no Qt).

A page in one language has a twin in every other language folder of the same content: the
same id, at the same path inside the folder, of the same kind, with the same ``[links]``
and the same ``kiosk:`` links in its text, so that a tap lights up the same parts and opens
the same pages whatever the language. The questionnaire's words file
(``<language>/questionnaire.toml``) has the same keys in every language.

Each language is compared with the reference language (``en`` when there is one), and
every difference is a :class:`Problem` (``path:line: message``) in the file to fix.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from kiosk.domain.content import _INTERNAL_LINK as INTERNAL_LINK
from kiosk.domain.content import (
    INTERNAL_SCHEME,
    LINK_KINDS,
    ContentItem,
    ContentSet,
    content_languages,
    front_matter_line,
    load_content,
)
from kiosk.domain.problems import Problem
from kiosk.domain.questionnaire import QUESTIONS_FILE
from kiosk.domain.questionnaire.model import TEXTS_FILE
from kiosk.domain.toml_source import TomlSource, key_re, read_toml
from kiosk.domain.ui_words import UI_FILE

REFERENCE_LANGUAGE = "en"


def reference_language(languages: Iterable[str]) -> str:
    """The language every other one is compared with: English if present, else the first by name."""
    languages = sorted(languages)
    return REFERENCE_LANGUAGE if REFERENCE_LANGUAGE in languages else languages[0]


def check_content_languages(root: Path, languages: Iterable[str],
                            only: str | None = None) -> tuple[dict[str, ContentSet], list[Problem]]:
    """Load and validate each language folder of ``root`` and check their parity.

    With ``only``, that language is loaded and validated, and compared with the reference
    language (or, if it is the reference, with every other language), so that a page
    missing from it is reported too. Problems found in several languages (the diagrams)
    are listed once.
    """
    languages = sorted(set(languages) | ({only} if only else set()))
    contents: dict[str, ContentSet] = {}
    problems: set[Problem] = set()
    with_pages = [language for language in languages if language in content_languages(root)]
    ref = reference_language(with_pages or languages)
    for language in languages:
        if only and only != ref and language not in (only, ref):
            continue  # only one language is checked: it is compared with the reference alone
        content, found = load_content(root, language)
        contents[language] = content
        if only is None or language == only:
            problems.update(found)
    problems.update(check_parity(root, contents, only))
    return ({k: v for k, v in contents.items() if only is None or k == only},
            sorted(problems, key=lambda p: (str(p.path), p.line, p.message)))


def check_parity(root: Path, contents: Mapping[str, ContentSet], only: str | None = None) -> list[Problem]:
    """Differences between each language and the reference language (only ``only``'s, if given).

    A twin file that exists but did not load is left to its own problems when they are
    reported too (every language is checked, or ``only`` is the twin's language)."""
    present = [language for language, content in contents.items() if content.items]
    if len(present) < 2:
        return []
    ref = reference_language(present)
    problems: list[Problem] = []
    for language in sorted(present):
        if language == ref or (only and ref != only and language != only):
            continue
        validated = set(contents) if only is None else {only}
        problems += _page_parity(root, contents[ref], contents[language], validated)
        problems += _questionnaire_parity(root, ref, language)
        problems += _ui_parity(root, ref, language)
    return problems


def _relative(root: Path, item: ContentItem, language: str) -> Path:
    try:
        return item.path.relative_to(root / language)
    except ValueError:
        return Path(item.path.name)


def _text_links(item: ContentItem) -> list[tuple[str, int]]:
    """``kiosk:`` link targets in the page's text, with their line numbers."""
    return [(match.group(1), item.body_line + offset)
            for offset, text in enumerate(item.body.splitlines())
            for match in INTERNAL_LINK.finditer(text)]


def _listed(ids: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


def _difference(theirs: Iterable[str], ours: Iterable[str]) -> str:
    missing = [i for i in dict.fromkeys(theirs) if i not in set(ours)]
    extra = [i for i in dict.fromkeys(ours) if i not in set(theirs)]
    parts = [f"missing {_listed(missing)}"] if missing else []
    parts += [f"extra {_listed(extra)}"] if extra else []
    return "; ".join(parts)


def _page_parity(root: Path, ref: ContentSet, other: ContentSet, validated: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    for item_id, mine in sorted(ref.items.items()):
        if item_id not in other.items:
            problems += _missing_twin(root, mine, ref.language, other.language, validated)
    for item_id, page in sorted(other.items.items()):
        twin = ref.items.get(item_id)
        if twin is None:
            problems += _missing_twin(root, page, other.language, ref.language, validated)
        else:
            problems += _twin_problems(root, twin, page, ref.language, other.language)
    return problems


def _missing_twin(root: Path, page: ContentItem, lang: str, twin_lang: str,
                  validated: Collection[str]) -> list[Problem]:
    """``page`` (in ``lang``) has no twin in ``twin_lang``: none at all, or one that did not load."""
    wanted = root / twin_lang / _relative(root, page, lang)
    line = front_matter_line(page.path, "id")
    if not wanted.is_file():
        return [Problem(page.path, line, f"page '{page.id}' has no '{twin_lang}' twin: add {wanted} "
                                         f"with id = \"{page.id}\"")]
    if twin_lang in validated:
        return []  # the twin's own problems are reported: no need to say it twice
    return [Problem(page.path, line, f"page '{page.id}': its '{twin_lang}' twin {wanted} has problems "
                                     f"(kiosk check-content --language {twin_lang})")]


def _twin_problems(root: Path, twin: ContentItem, page: ContentItem, ref_lang: str,
                   lang: str) -> list[Problem]:
    problems: list[Problem] = []
    where = f"its '{ref_lang}' twin {twin.path}"
    if _relative(root, page, lang) != _relative(root, twin, ref_lang):
        problems.append(Problem(page.path, front_matter_line(page.path, "id"),
                                f"page '{page.id}' is at {_relative(root, page, lang)} but {where} is at "
                                f"{_relative(root, twin, ref_lang)}: keep twins at the same path"))
    if page.kind != twin.kind:
        problems.append(Problem(page.path, front_matter_line(page.path, "kind"),
                                f"kind is '{page.kind}' but {where} is a '{twin.kind}'"))
    for key in LINK_KINDS:
        theirs, ours = getattr(twin.links, key), getattr(page.links, key)
        if set(theirs) != set(ours):
            line = front_matter_line(page.path, key, table="links")
            problems.append(Problem(page.path, line, f"links.{key} differs from {where}: "
                                                     + _difference(theirs, ours)))
    theirs_text, ours_text = _text_links(twin), _text_links(page)
    theirs_ids, ours_ids = [t for t, _ in theirs_text], [t for t, _ in ours_text]
    if set(theirs_ids) != set(ours_ids):
        extra_lines = [n for t, n in ours_text if t not in set(theirs_ids)]
        line = extra_lines[0] if extra_lines else page.body_line
        problems.append(Problem(page.path, line, f"the {INTERNAL_SCHEME}: links in the text differ from "
                                f"{where}: " + _difference([f"{INTERNAL_SCHEME}:{t}" for t in theirs_ids],
                                              [f"{INTERNAL_SCHEME}:{t}" for t in ours_ids])))
    return problems


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Dotted key -> the table it is in, for every text of a words file."""
    keys: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            keys.update(_flatten(value, name))
        elif name != "reviewed":
            keys[name] = prefix
    return keys


def _questionnaire_parity(root: Path, ref_lang: str, lang: str) -> list[Problem]:
    """The words file of ``lang`` has exactly the keys of the reference language's."""
    if not (root / QUESTIONS_FILE).is_file():
        return []
    ref_data, _ref_src, ref_found = read_toml(root / ref_lang / TEXTS_FILE)
    data, src, found = read_toml(root / lang / TEXTS_FILE)
    if ref_found or found or ref_data is None or data is None or src is None:
        return []  # a missing or broken file: the questionnaire loader reports it
    theirs, ours = _flatten(ref_data), _flatten(data)
    problems: list[Problem] = []
    reference = root / ref_lang / TEXTS_FILE
    for name in theirs:
        if name not in ours:
            table = theirs[name]
            key = name[len(table) + 1:] if table else name
            span = _nearest_span(src, table)
            problems.append(src.problem(span, f"[{table}]: no text for '{key}' (the '{ref_lang}' file "
                                              f"{reference} has one): translate it"))
    for name in ours:
        if name not in theirs:
            table = ours[name]
            key = name[len(table) + 1:] if table else name
            problems.append(src.problem(_nearest_span(src, table), f"[{table}]: '{key}' is not in the "
                                        f"'{ref_lang}' file {reference}: remove it or add it there too",
                                        key_re(key)))
    return problems


def _ui_parity(root: Path, ref_lang: str, lang: str) -> list[Problem]:
    """Both languages bring their own screen words, or neither does.

    Each file is checked against the kiosk's keys when it is loaded (so both have the same
    keys); here a file without its twin is reported: one language would show the clinic's
    words and the other the kiosk's built-in ones."""
    ref_file, file = root / ref_lang / UI_FILE, root / lang / UI_FILE
    if ref_file.is_file() == file.is_file():
        return []
    have, missing = (ref_file, file) if ref_file.is_file() else (file, ref_file)
    return [Problem(have, 1, f"{have.name} has no twin {missing}: add it with the same keys "
                             "(or remove this one, and the kiosk's built-in words are shown)")]


def _nearest_span(src: TomlSource, table: str) -> tuple[int, int] | None:
    """Lines of ``[table]``, else of the nearest table above it that has a header."""
    span = src.span(table or None, children=False)
    while span is None and table:
        table = table.rsplit(".", 1)[0] if "." in table else ""
        span = src.span(table or None, children=False)
    return span
