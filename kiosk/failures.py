"""Failures that stop the kiosk, logged once each, in one line.

Under systemd (``Restart=always``, ``RestartSec=1``) a kiosk that cannot start tries again
every second. Each attempt used to log the whole traceback (195 KB for a RecursionError),
so the rotating log turned over in seconds and the first, useful entry was lost. Now a
failure is one line (its type, where it happened, and the start of its message), and the
same failure on the next attempts is logged again only at its 10th, 100th, 1000th...
occurrence, with the count. A start that gets its window up forgets the failure
(:func:`clear`), so the next one is logged in full again.

The state is a small JSON file next to the log: ``last-failure.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
import traceback
from pathlib import Path

from kiosk.domain.problems import short

STATE_NAME = "last-failure.json"
FRAMES = 3  # innermost distinct frames named in the line
_PACKAGE = Path(__file__).resolve().parent


def _where(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    with contextlib.suppress(ValueError):
        path = path.resolve().relative_to(_PACKAGE.parent)
    return f"{path.as_posix()}:{frame.lineno} in {frame.name}"


def describe(exc: BaseException) -> str:
    """One line: type, the innermost frames (a recursion counted once), the message shortened."""
    frames: list[str] = []
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        where = _where(frame)
        if where not in frames:
            frames.append(where)
        if len(frames) == FRAMES:
            break
    place = f" at {' < '.join(frames)}" if frames else ""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}{place}" + (f": {short(message, 120)}" if message else "")


def signature(lines: list[str]) -> str:
    """What makes two failures the same: their lines (a failure is the same from start to start)."""
    return hashlib.sha256("\n".join(lines).encode("utf-8", "replace")).hexdigest()[:16]


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(folder: Path | None, lines: list[str], now: float | None = None) -> tuple[bool, int, float]:
    """Count one more occurrence of the failure ``lines``.

    Returns (log it?, how many times in a row, since when). Without a folder (no log file)
    every failure is logged.
    """
    now = time.time() if now is None else now
    if folder is None:
        return True, 1, now
    path = Path(folder) / STATE_NAME
    state = _read(path)
    key = signature(lines)
    if state.get("signature") == key and isinstance(state.get("count"), int):
        count, since = state["count"] + 1, float(state.get("since", now))
    else:
        count, since = 1, now
    with contextlib.suppress(OSError):
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".last-failure.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"signature": key, "count": count, "since": since}, stream)
        os.replace(temp, path)
    return _worth_logging(count), count, since


def _worth_logging(count: int) -> bool:
    """The 1st, 10th, 100th, 1000th... time in a row."""
    while count % 10 == 0:
        count //= 10
    return count == 1


def clear(folder: Path | None) -> None:
    """The kiosk started: the next failure is a new one."""
    if folder is not None:
        with contextlib.suppress(OSError):
            (Path(folder) / STATE_NAME).unlink()


def repeated_note(count: int, since: float) -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(since))
    return f"(the same failure {count} times in a row since {when})"
