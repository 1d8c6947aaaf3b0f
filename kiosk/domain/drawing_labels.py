"""The words inside the drawings, in each language (no Qt).

Every visible text of a drawing (a ``<text>`` or ``<tspan>`` with words) carries an ``id``, and
so does the ``<title>`` (the drawing's name in the app, shown as the hint of its tab) when it
is to be translated. The words shown for it come from the
language's ``ui.toml``, in one table per drawing (the file's name without ``.svg``)::

    [drawings.axial]
    title = "Corte a la altura del disco L4-L5"
    text-disc = "Disco"

The words written in the SVG are the drawing's own (English) ones: they show only where a
language has no words for a label, and ``kiosk check-content`` reports that (except in English
when the content folder has no ``en/ui.toml`` of its own: then the SVG's words are the English).
The words are put into the drawing when it is loaded, before it is parsed, cached or rendered,
so a drawing in one language never shows another's words.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from kiosk.domain.problems import Problem, short
from kiosk.domain.toml_source import TomlSource, is_text, key_re, read_toml

TABLE = "drawings"  # the table of ``ui.toml`` that holds the drawings' words
TEXT_TAGS = ("text", "tspan", "title")
SVG_LANGUAGE = "en"  # the language of the words written in the drawings themselves


@dataclass(frozen=True)
class Label:
    id: str
    words: str  # as written in the SVG (the drawing's own words)
    line: int


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def scan_labels(text: str, path: Path) -> tuple[dict[str, Label], list[Problem]]:
    """The labels of one SVG (id -> :class:`Label`, in document order) and its label problems:
    words without an id, an id used twice, words after a ``<tspan>`` (they cannot be replaced)."""
    labels: dict[str, Label] = {}
    problems: list[Problem] = []
    parser = expat.ParserCreate()
    # each open element: [tag, id, line, own words, words after a child, has a child element]
    stack: list[list[Any]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if stack:
            stack[-1][5] = True
        stack.append([_local(name), attrs.get("id"), parser.CurrentLineNumber, [], [], False])

    def data(chars: str) -> None:
        if stack:
            top = stack[-1]
            (top[4] if top[5] else top[3]).append(chars)

    def end(_name: str) -> None:
        tag, label_id, line, own, after, _child = stack.pop()
        if tag not in TEXT_TAGS:
            return
        words = " ".join("".join(own).split())
        if "".join(after).strip():
            problems.append(Problem(path, line, f"<{tag}>: words after a <tspan> cannot be translated; "
                                                "put them in a <tspan> with an id of their own"))
        if not words:
            return
        if not label_id and tag == "title":
            return  # the drawing's name shows in the app only as a hint: translated when it has an id
        if not label_id:
            problems.append(Problem(path, line, f'<{tag}> "{short(words, 40)}" has no id, so it cannot '
                                                'be shown in other languages: give it one (id="text-...") '
                                                f"and its words in each language's ui.toml, "
                                                f"[{TABLE}.{path.stem}]"))
        elif label_id in labels:
            problems.append(Problem(path, line, f"label id {label_id!r} is used twice (also on line "
                                                f"{labels[label_id].line})"))
        else:
            labels[label_id] = Label(label_id, words, line)

    parser.StartElementHandler = start
    parser.CharacterDataHandler = data
    parser.EndElementHandler = end
    try:
        parser.Parse(text, True)
    except expat.ExpatError:
        return {}, []  # the drawing's own loader says why it does not parse
    return labels, problems


def apply_labels(root: ET.Element, words: Mapping[str, str]) -> None:
    """Put ``words`` (label id -> text) into the drawing's elements, in place."""
    if not words:
        return
    for element in root.iter():
        label_id = element.get("id")
        if label_id in words and _local(element.tag) in TEXT_TAGS:
            element.text = words[label_id]


# -- the [drawings] table of ui.toml ------------------------------------------------------------

def read_table(value: Any, src: TomlSource) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The ``[drawings]`` table of one ``ui.toml``: drawing -> label id -> words."""
    if not isinstance(value, Mapping):
        return {}, [src.problem(src.whole(), f"'{TABLE}' must be a table: [{TABLE}.<drawing>] with "
                                             'label = "words" lines', key_re(TABLE))]
    tables: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for drawing, labels in value.items():
        span = src.span(f"{TABLE}.{drawing}", children=False) or src.span(TABLE) or src.whole()
        if not isinstance(labels, Mapping):
            problems.append(src.problem(span, f"'{TABLE}.{drawing}' must be a table of label = \"words\"",
                                        key_re(drawing)))
            continue
        own: dict[str, str] = {}
        for label_id, words in labels.items():
            if not is_text(words) or not words.strip():
                problems.append(src.problem(span, f"'{TABLE}.{drawing}.{label_id}' must be a text in quotes, "
                                                  "not empty", key_re(label_id)))
            elif "\n" in words or "\r" in words:
                problems.append(src.problem(span, f"'{TABLE}.{drawing}.{label_id}' must be one line "
                                                  "(each line of a label has its own id)", key_re(label_id)))
            else:
                own[str(label_id)] = words.strip()
        tables[str(drawing)] = own
    return tables, problems


def check_labels(drawings: Mapping[str, tuple[Path, Mapping[str, Label]]],
                 words: Mapping[str, Mapping[str, str]], language: str,
                 words_file: Path | None) -> list[Problem]:
    """Every label of every drawing has words in ``language``, and the language's ``ui.toml``
    (``words_file``, None: the content has none and uses the kiosk's built-in words) names no
    label that no drawing has. ``drawings``: drawing id -> (its SVG, its labels)."""
    problems: list[Problem] = []
    data: Any = None
    src = None
    if words_file is not None:
        data, src, _found = read_toml(words_file)  # a broken file: its own problems are reported
    if src is not None:  # the clinic's own file: what it lacks is not hidden by the built-in words
        words, _ = read_table(data.get(TABLE, {}), src) if isinstance(data, Mapping) else ({}, [])
    for drawing, (svg, labels) in drawings.items():
        have = words.get(drawing, {})
        for label in labels.values():
            if label.id in have or (src is None and language == SVG_LANGUAGE):
                continue  # without a ui.toml of its own, English shows the SVG's own words
            entry = f'{label.id} = "..."'
            if src is None:
                quoted = short(label.words, 40)
                problems.append(Problem(svg, label.line, f"label '{label.id}' (\"{quoted}\") has no words in "
                                                         f"'{language}': add {entry} to [{TABLE}.{drawing}] "
                                                         f"in {language}/ui.toml"))
            else:
                span = src.span(f"{TABLE}.{drawing}", children=False) or src.span(TABLE, children=False)
                line = span[0] if span else 1
                problems.append(Problem(src.path, line, f"[{TABLE}.{drawing}]: no words for the label "
                                                        f"'{label.id}' of {svg.name} (line {label.line}: "
                                                        f"\"{short(label.words, 40)}\"): translate it"))
    if src is None:
        return problems
    table = data.get(TABLE, {}) if isinstance(data, Mapping) else {}
    for drawing, labels in (table.items() if isinstance(table, Mapping) else ()):
        span = src.span(f"{TABLE}.{drawing}", children=False) or src.span(TABLE) or src.whole()
        if drawing not in drawings:
            known = ", ".join(sorted(drawings)) or "none"
            problems.append(src.problem(span, f"[{TABLE}.{drawing}]: there is no drawing '{drawing}.svg' "
                                              f"(drawings: {known}): remove it", key_re(drawing)))
            continue
        svg, own = drawings[drawing]
        for label_id in (labels if isinstance(labels, Mapping) else ()):
            if label_id not in own:
                problems.append(src.problem(span, f"[{TABLE}.{drawing}]: '{label_id}' is not a label of "
                                                  f"{svg.name} (no <text> or <title> with that id): "
                                                  "remove it", key_re(label_id)))
    return problems
