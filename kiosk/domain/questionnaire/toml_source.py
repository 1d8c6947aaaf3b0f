"""Reading a TOML file with line numbers, so every problem can say ``file:line: message``."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.domain.problems import Problem
from kiosk.domain.questionnaire.model import show

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


class TomlSource:
    """The text of one TOML file, to put line numbers on problems."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str]] = []  # (line number, table name)
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                self.headers.append((number, re.sub(r"\s*\.\s*", ".", match.group(2)).replace('"', "")))

    def span(self, name: str | None, index: int = 0, children: bool = True) -> tuple[int, int] | None:
        """Lines [first, last] of the index-th table called ``name`` (None: before any table)."""
        if name is None:
            end = self.headers[0][0] - 1 if self.headers else len(self.lines)
            return 1, max(end, 1)
        starts = [i for i, (_, header) in enumerate(self.headers) if header == name]
        if index >= len(starts):
            return None
        i = starts[index]
        first = self.headers[i][0]
        last = len(self.lines)
        for number, header in self.headers[i + 1:]:
            if not (children and header.startswith(name + ".")):
                last = number - 1
                break
        return first, last

    def find(self, span: tuple[int, int] | None, *needles: str) -> int:
        """First line in ``span`` matching a needle (tried in order); else the span's first line."""
        if span is None:
            return 1
        first, last = span
        for needle in needles:
            pattern = re.compile(needle)
            for number in range(first, last + 1):
                if number <= len(self.lines) and pattern.search(self.lines[number - 1]):
                    return number
        return first

    def problem(self, span: tuple[int, int] | None, message: str, *needles: str) -> Problem:
        return Problem(self.path, self.find(span, *needles), message)


def key_re(key: str) -> str:
    return r"(^|[{,\s])[\"']?" + re.escape(str(key)) + r"[\"']?\s*="


def value_re(value: Any) -> str:
    if isinstance(value, str):
        return r"[\"']" + re.escape(value) + r"[\"']"
    return r"=\s*" + re.escape(show(value)) + r"\b"


def read_toml(path: Path) -> tuple[dict | None, TomlSource | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None, [Problem(path, 1, "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, None, [Problem(path, 1, f"cannot read the file: {exc}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, None, [Problem(path, int(match.group(1)) if match else 1, f"not valid TOML: {message}")]
    except RecursionError:
        return None, None, [Problem(path, 1, "not valid TOML: tables or lists are nested too deeply")]
    except ValueError:  # an integer of thousands of digits
        return None, None, [Problem(path, 1, "not valid TOML: a number is far too long")]
    return data, TomlSource(path, text), []


def unknown_keys(src: TomlSource, span, table: Mapping, allowed, where: str) -> list[Problem]:
    return [src.problem(span, f"unknown key '{key}' in {where} (expected: {', '.join(allowed)})",
                        key_re(key))
            for key in table if key not in allowed]


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_reviewed(src: TomlSource, data: Mapping) -> list[Problem]:
    if "reviewed" in data and not isinstance(data["reviewed"], dt.date):
        return [src.problem(src.span(None), "'reviewed' must be a date like 2026-11-25 (no quotes)",
                            key_re("reviewed"))]
    return []
