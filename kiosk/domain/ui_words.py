"""The words of the kiosk's screens in one language: ``<language>/ui.toml`` (no Qt).

One catalog for the interface: every screen is handed a :class:`UiWords` and reads its
buttons, tabs and hints from it, so that switching the language switches every word.
The questionnaire's own words stay in ``questionnaire.toml``.

The kiosk's built-in English file names every key a screen needs. A content folder may
bring its own ``ui.toml`` per language; it must then have exactly those keys (each a
non-empty text keeping the ``{placeholders}`` of the English one), and every problem is
reported with its file and line. A folder without one uses the kiosk's built-in words for
that language (English when the kiosk has none for it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.domain.drawing_labels import TABLE as LABELS_TABLE
from kiosk.domain.drawing_labels import read_table
from kiosk.domain.problems import Problem
from kiosk.domain.toml_source import TomlSource, is_text, key_re, read_toml

UI_FILE = "ui.toml"
REFERENCE = "en"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class UiWords:
    """Dotted key (``bar.home``) -> text, in one language; and the words inside the drawings
    (``[drawings.<drawing>]``: drawing id -> label id -> text, see :mod:`drawing_labels`)."""

    language: str
    texts: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def text(self, key: str, **values: object) -> str:
        """The text of ``key`` with its ``{placeholders}`` filled in."""
        text = self.texts[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, object]:
    """``{"bar": {"home": "Home"}}`` -> ``{"bar.home": "Home"}``."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten(value, name))
        else:
            flat[name] = value
    return flat


def builtin_path(language: str) -> Path:
    from kiosk.resources import default_content_dir

    return default_content_dir() / language / UI_FILE


@cache
def required_texts() -> Mapping[str, str]:
    """Every key a screen reads, with its English text (from the kiosk's built-in file)."""
    data, _src, found = read_toml(builtin_path(REFERENCE))
    if found or data is None:  # the kiosk's own file: a broken one is a broken install
        raise RuntimeError("; ".join(map(str, found)) or f"cannot read {builtin_path(REFERENCE)}")
    return {key: str(value) for key, value in flatten(_screens(data)).items()}


def _screens(data: Mapping[str, Any]) -> dict[str, Any]:
    """A ``ui.toml`` without its drawings' words (checked against the drawings, not these keys)."""
    return {key: value for key, value in data.items() if key != LABELS_TABLE}


def _line(src: TomlSource, key: str) -> int:
    table, _, name = key.rpartition(".")
    span = src.span(table or None, children=False) or src.whole()
    return src.find(span, key_re(name))


def check_words(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The texts of one ``ui.toml`` and its problems (``file:line``)."""
    texts, _labels, problems = _check_file(path)
    return texts, problems


def _check_file(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Problem]]:
    """The screens' texts, the drawings' words and the problems of one ``ui.toml``."""
    data, src, found = read_toml(path)
    if data is None or src is None:
        return {}, {}, found
    required = required_texts()
    labels, problems = read_table(data[LABELS_TABLE], src) if LABELS_TABLE in data else ({}, [])
    flat = flatten(_screens(data))
    texts: dict[str, str] = {}
    for key, value in flat.items():
        if key not in required:
            problems.append(Problem(path, _line(src, key), f"'{key}' is not a word any screen shows "
                                    f"(the built-in {UI_FILE} has no such key): remove it"))
        elif not is_text(value):
            problems.append(Problem(path, _line(src, key), f"'{key}' must be a text in quotes"))
        else:
            texts[key] = str(value)
            wanted = set(_PLACEHOLDER.findall(required[key]))
            if set(_PLACEHOLDER.findall(str(value))) != wanted:
                keep = ", ".join("{" + p + "}" for p in sorted(wanted)) or "none"
                problems.append(Problem(path, _line(src, key), f"'{key}' must keep the placeholders of "
                                        f"the English text ({keep})"))
    for key in required:
        if key not in flat:
            table = key.rpartition(".")[0]
            span = src.span(table, children=False) if table else None
            line = span[0] if span else 1
            problems.append(Problem(path, line, f"no text for '{key}' (English: \"{required[key]}\"): "
                                                "translate it"))
    return texts, labels, problems


def load_ui_words(root: Path, language: str) -> tuple[UiWords, list[Problem]]:
    """The words of ``root/<language>/ui.toml``, else the kiosk's built-in words for the language.

    Never raises. With problems, the missing or broken texts are the built-in ones, so every
    screen still has a word to show.
    """
    own = Path(root) / language / UI_FILE
    fallback = builtin_path(language) if builtin_path(language).is_file() else builtin_path(REFERENCE)
    base, labels, _ = _check_file(fallback) if fallback != own else ({}, {}, [])
    texts = {**required_texts(), **base}
    problems: list[Problem] = []
    if own.is_file():
        found, own_labels, problems = _check_file(own)
        texts.update(found)
        for drawing, words in own_labels.items():
            labels[drawing] = {**labels.get(drawing, {}), **words}
    return UiWords(language, texts, labels), problems


@cache
def builtin_words(language: str) -> UiWords:
    """The kiosk's own words for ``language`` (English when it has none)."""
    from kiosk.resources import default_content_dir

    return load_ui_words(default_content_dir(), language)[0]
