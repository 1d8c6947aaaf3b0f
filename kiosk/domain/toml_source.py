"""Reading TOML with line numbers: the one reader of the settings file, the pages' front matter
and the questionnaire, so that every problem can say ``file:line: message``.

Only regular files are read, and only up to a size limit (:mod:`kiosk.domain.files`). Hostile
TOML ends in a :class:`~kiosk.domain.problems.Problem`, never in an exception: tables or lists
nested more than :data:`MAX_DEPTH` levels deep (``a = [[[[...``, ``{all = [{all = [...``) are
refused before ``tomllib`` recurses into them, and so is a number of thousands of digits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from kiosk.domain.files import MAX_FILE_BYTES, SourceError, read_source
from kiosk.domain.problems import Problem

MAX_DEPTH = 32  # tables and lists inside one another (the shipped rules use 11)
NOT_TOML = "not valid TOML"


# ------------------------------------------------------------------------------ parsing

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{3999,}")


def toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, str]:
    """The line (from 1) and the message of a ``tomllib`` error, the position said in words."""
    message = str(exc)
    position = _TOML_POSITION.search(message)
    if position:
        return int(position.group(1)), f"{message[: position.start()]} (column {position.group(2)})"
    end = _TOML_END.search(message)
    if end:
        return text.count("\n") + 1, f"{message[: end.start()]} (at the end of the file)"
    return 1, message


_SPECIAL = re.compile(r"[\"'#\[\]{}\n]")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")


def _multiline_end(text: str, start: int, quote: str) -> int:
    """Index just after the multi-line string opened at ``start`` (len(text): never closed)."""
    closing = quote * 3
    at = start + 3
    while True:
        found = text.find(closing, at)
        if found < 0:
            return len(text)
        if quote == '"':
            slashes = 0
            while text[found - 1 - slashes] == "\\":
                slashes += 1
            if slashes % 2:  # an escaped quote
                at = found + 1
                continue
        end = found + 3
        while end < len(text) and text[end] == quote and end - found < 5:
            end += 1  # up to two quotes of the content may end the string
        return end


def nesting_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line (from 1) where brackets and braces first nest deeper than ``limit``, or None.

    Strings and comments are skipped. It reads the text without recursion, so it is safe on
    any input, and it is quick: a file with few brackets is not scanned at all.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth, line, at = 0, 1, 0
    while True:
        match = _SPECIAL.search(text, at)
        if match is None:
            return None
        at = match.start()
        char = text[at]
        if char == "\n":
            line += 1
            at += 1
        elif char == "#":
            end = text.find("\n", at)
            at = len(text) if end < 0 else end
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
            at += 1
        elif char in "]}":
            depth = max(0, depth - 1)
            at += 1
        elif text.startswith(char * 3, at):
            end = _multiline_end(text, at, char)
            line += text.count("\n", at, end)
            at = end
        else:
            string = (_BASIC if char == '"' else _LITERAL).match(text, at)
            # An unclosed string: tomllib stops there too, so the rest need not be right.
            at = string.end() if string else at + 1


def _too_deep(data: Any, limit: int) -> bool:
    """True when parsed TOML has tables or arrays nested deeper than ``limit`` (no recursion)."""
    level, depth = [data], 0
    while level:
        if depth > limit:
            return True
        below: list[Any] = []
        for value in level:
            items = value.values() if isinstance(value, dict) else value
            below += [item for item in items if isinstance(item, dict | list)]
        level, depth = below, depth + 1
    return False


_KEY_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_KEY_BREAKS = re.compile(r"[=,{}\[\]#]")


def dotted_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line of a key of more than ``limit`` dotted parts (``a.b.c...``), or None.

    ``tomllib`` takes time that grows with the square of the parts (20,000 parts: half a
    minute), so such keys are refused before parsing. Only lines with that many dots are looked at.
    """
    if text.count(".") <= limit:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count(".") > limit:
            bare = _KEY_STRINGS.sub('""', line)
            if any(part.count(".") > limit for part in _KEY_BREAKS.split(bare)):
                return number
    return None


def _deep_dotted_line(text: str, limit: int) -> int:
    """Best guess for the line of a key nested by dots (``a.b.c...``) past the limit."""
    for number, line in enumerate(text.splitlines(), start=1):
        if sum(line.count(char) for char in ".[{") > limit // 2:
            return number
    return 1


def parse_toml(path: Path, text: str, first_line: int = 1,
               what: str = NOT_TOML) -> tuple[dict[str, Any] | None, TomlSource | None, list[Problem]]:
    """Parse ``text`` (which starts on line ``first_line`` of ``path``).

    Returns (data, source, []) or (None, None, [one problem]): a syntax error, nesting deeper
    than :data:`MAX_DEPTH`, or a number too long to read. ``what`` starts each message.
    """
    offset = first_line - 1

    def refused(line: int, message: str) -> tuple[None, None, list[Problem]]:
        return None, None, [Problem(path, offset + line, f"{what}: {message}")]

    too_deep = f"tables or lists are nested too deeply (more than {MAX_DEPTH} levels)"
    deep = nesting_line(text)
    if deep is None:
        deep = dotted_line(text)
    if deep is not None:
        return refused(deep, too_deep)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return refused(*toml_error(exc, text))
    except RecursionError:
        return refused(1, too_deep)
    except ValueError:  # an integer of thousands of digits (Python reads at most 4300)
        match = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        return refused(line, "a number is far too long")
    if _too_deep(data, MAX_DEPTH):
        return refused(_deep_dotted_line(text, MAX_DEPTH), too_deep)
    return data, TomlSource(path, text, first_line), []


def read_toml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[dict[str, Any] | None, TomlSource | None,
                                                                    list[Problem]]:
    """Read and parse a TOML file: (data, source, []) or (None, None, [one problem])."""
    path = Path(path)
    try:
        text = read_source(path, max_bytes)
    except SourceError as exc:
        message = f"{NOT_TOML}: {exc.message}" if exc.decoding else exc.message
        return None, None, [Problem(path, exc.line, message)]
    return parse_toml(path, text)


# ------------------------------------------------------------------------------ lines of keys

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


class TomlSource:
    """The text of one TOML document, to put line numbers on problems.

    Line numbers are the file's: a document that starts on line ``first_line`` of its file
    (front matter after a ``+++`` line) reports lines counted from the top of the file.
    """

    def __init__(self, path: Path, text: str, first_line: int = 1):
        self.path = path
        self.text = text
        self.first_line = first_line
        self.lines = text.splitlines()
        self.last_line = first_line + max(len(self.lines), 1) - 1
        self.headers: list[tuple[int, str]] = []  # (line number, table name)
        for number, line in enumerate(self.lines, start=first_line):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                self.headers.append((number, re.sub(r"\s*\.\s*", ".", match.group(2)).replace('"', "")))

    def span(self, name: str | None, index: int = 0, children: bool = True) -> tuple[int, int] | None:
        """Lines [first, last] of the index-th table called ``name`` (None: before any table)."""
        if name is None:
            end = self.headers[0][0] - 1 if self.headers else self.last_line
            return self.first_line, max(end, self.first_line)
        starts = [i for i, (_, header) in enumerate(self.headers) if header == name]
        if index >= len(starts):
            return None
        i = starts[index]
        first = self.headers[i][0]
        last = self.last_line
        for number, header in self.headers[i + 1:]:
            if not (children and header.startswith(name + ".")):
                last = number - 1
                break
        return first, last

    def whole(self) -> tuple[int, int]:
        """Every line of the document."""
        return self.first_line, self.last_line

    def find(self, span: tuple[int, int] | None, *needles: str, default: int | None = None) -> int:
        """First line in ``span`` matching a needle (tried in order); else ``default``, else the
        span's first line (line 1 when there is no span)."""
        if span is None:
            return 1 if default is None else default
        first, last = span
        for needle in needles:
            pattern = re.compile(needle)
            for number in range(first, last + 1):
                index = number - self.first_line
                if 0 <= index < len(self.lines) and pattern.search(self.lines[index]):
                    return number
        return first if default is None else default

    def problem(self, span: tuple[int, int] | None, message: str, *needles: str) -> Problem:
        return Problem(self.path, self.find(span, *needles), message)

    def keys(self) -> KeyLayout:
        """Where each top-level key is set (see :func:`scan_keys`)."""
        return scan_keys(self.text)


def key_re(key: str) -> str:
    """A needle for ``key = ...`` (also inside an inline table, and quoted)."""
    return r"(^|[{,\s])[\"']?" + re.escape(str(key)) + r"[\"']?\s*="


def line_key_re(key: str) -> str:
    """A needle for ``key = ...`` at the start of a line only."""
    return r"^\s*" + re.escape(str(key)) + r"\s*="


def toml_text(value: Any) -> str:
    """A value as it is written in TOML (for needles and messages)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def value_re(value: Any) -> str:
    """A needle for one value: a quoted string, or ``= value``."""
    if isinstance(value, str):
        return r"[\"']" + re.escape(value) + r"[\"']"
    return r"=\s*" + re.escape(toml_text(value)) + r"\b"


def unknown_keys(src: TomlSource, span: tuple[int, int] | None, table: Mapping[str, Any],
                 allowed: Iterable[str], where: str) -> list[Problem]:
    allowed = tuple(allowed)
    return [src.problem(span, f"unknown key '{key}' in {where} (expected: {', '.join(allowed)})",
                        key_re(key))
            for key in table if key not in allowed]


def is_text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def check_reviewed(src: TomlSource, data: Mapping[str, Any]) -> list[Problem]:
    if "reviewed" in data and not isinstance(data["reviewed"], dt.date):
        return [src.problem(src.span(None), "'reviewed' must be a date like 2026-11-25 (no quotes)",
                            key_re("reviewed"))]
    return []


# ------------------------------------------------------------------------------ top-level keys
# tomllib gives no positions: a flat file (the settings) is scanned for its top-level keys.

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"""(?:{_BARE}|"(?:[^"\\]|\\.)*"|'[^']*')"""
_ASSIGN = re.compile(rf"\s*({_KEY})\s*[=.]")
_TABLE = re.compile(rf"\s*\[\[?\s*({_KEY})")
_STRINGS_AND_COMMENT = re.compile(r"""("(?:[^"\\]|\\.)*"|'[^']*')|#.*""")


@dataclass
class KeyLayout:
    keys: dict[str, tuple[int, int]]  # top-level key -> first and last line (0-based)
    first_table: int | None  # line of the first [table] header (0-based)

    def line(self, key: str) -> int | None:
        """The line (from 1) where ``key`` is set, or None."""
        span = self.keys.get(key)
        return span[0] + 1 if span else None


def _key_name(token: str) -> str:
    if token.startswith('"'):
        with contextlib.suppress(ValueError):
            return str(json.loads(token))
        return token[1:-1]
    if token.startswith("'"):
        return token[1:-1]
    return token


def _open_delimiter(rest: str) -> str | None:
    """The multi-line string delimiter left open at the end of ``rest`` (a value), if any."""
    value = rest.lstrip()
    for delim in ('"""', "'''"):
        if value.startswith(delim) and delim not in value[3:]:
            return delim
    return None


def _depth(text: str) -> int:
    bare = _STRINGS_AND_COMMENT.sub("", text)
    return bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")


def scan_keys(text: str) -> KeyLayout:
    """Where each top-level key is assigned (a good guess for flat files like the settings).

    Works on text that does not parse too, so a broken file still gets line numbers.
    """
    lines = text.split("\n")
    keys: dict[str, tuple[int, int]] = {}
    first_table = None
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        start = index
        table = _TABLE.match(line)
        assign = None if table else _ASSIGN.match(line)
        if table:
            if first_table is None:
                first_table = index
            keys.setdefault(_key_name(table.group(1)), (index, index))
        elif assign:
            equals = line.find("=", assign.end(1))
            rest = line[equals + 1:] if equals >= 0 else ""
            delim = _open_delimiter(rest)
            if delim:  # a multi-line string: skip to its end
                index += 1
                while index < len(lines) and delim not in lines[index]:
                    index += 1
            else:  # a multi-line array or inline table: skip to its closing bracket
                depth = _depth(rest)
                while depth > 0 and index + 1 < len(lines):
                    index += 1
                    depth += _depth(lines[index])
            if first_table is None:
                keys.setdefault(_key_name(assign.group(1)), (start, min(index, len(lines) - 1)))
        index += 1
    return KeyLayout(keys, first_table)
