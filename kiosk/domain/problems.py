"""A problem found in a file staff can edit, reported as ``path:line: message``.

The one problem type of the content, the questionnaire and the settings file. ``line`` 0
means the whole file (a file that cannot be read at all): it is written ``path: message``.
A problem about one setting names it: ``path:line: key 'name': message``. A warning
(``warning=True``) is written ``path:line: warning: message``; warnings are printed like
problems but do not make a check fail.

A message never grows without bound: a value quoted from a file (a 10 MB string, a key
of a million letters) is cut to :data:`MAX_MESSAGE` characters, so one bad value cannot
flood a terminal or a log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_MESSAGE = 1000  # characters of one message
MAX_QUOTED = 60  # characters of one value quoted in a message (see short())


def short(text: object, limit: int = MAX_QUOTED) -> str:
    """``text`` (any value, as ``str``) cut to ``limit`` characters, saying how long it was."""
    shown = str(text)
    if len(shown) <= limit:
        return shown
    return f"{shown[:limit]}... ({len(shown):,} characters)"


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int  # from 1; 0: the file as a whole
    message: str
    warning: bool = False
    key: str | None = None  # the setting it is about

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", short(self.message, MAX_MESSAGE))
        if self.key is not None:
            object.__setattr__(self, "key", short(self.key))

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}" if self.line > 0 else f"{self.path}"]
        if self.key is not None:
            parts.append(f"key '{self.key}'")
        if self.warning:
            parts.append("warning")
        return ": ".join([*parts, self.message])


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that are not warnings."""
    return [p for p in problems if not p.warning]
