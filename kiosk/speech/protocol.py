"""The speech host's line protocol: one JSON object per line, ASCII, on the host's stdin/stdout.

The kiosk sends commands:

- ``{"cmd": "say", "reading": N, "sentences": [...], "language": "en"}``: stop whatever is
  being read and read these sentences, in this language, one after another;
- ``{"cmd": "stop"}``: fall silent;
- ``{"cmd": "quit"}``: exit (closing the host's stdin does the same).

The host answers with events:

- ``{"event": "ready", "engine": NAME}`` once, when its engine can speak, or
  ``{"event": "unavailable", "reason": WHY}`` (then it exits);
- ``{"event": "sentence", "reading": N, "index": I}``: sentence I of reading N begins (I counts
  in the list given to ``say``);
- ``{"event": "finished", "reading": N}``: the last sentence of reading N was read;
- ``{"event": "failed", "reason": WHY}``: the engine broke down;
- ``{"event": "stopped"}``: a ``stop`` was carried out.

The host handles commands in the order sent, so an answer to a command also proves that the
commands before it were handled. Pure functions, no Qt: both ends and the tests use them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

SAY, STOP, QUIT = "say", "stop", "quit"
READY, UNAVAILABLE, SENTENCE, FINISHED, FAILED, STOPPED = (
    "ready", "unavailable", "sentence", "finished", "failed", "stopped")
COMMANDS = (SAY, STOP, QUIT)
EVENTS = (READY, UNAVAILABLE, SENTENCE, FINISHED, FAILED, STOPPED)
MAX_LINE = 256 * 1024  # bytes: a page of text is a few kB; a longer line is garbage


@dataclass(frozen=True)
class Command:
    kind: str
    reading: int = 0
    sentences: tuple[str, ...] = ()
    language: str = ""


@dataclass(frozen=True)
class Event:
    kind: str
    reading: int = 0
    index: int = 0
    reason: str = ""
    engine: str = ""


def _line(obj: dict[str, object]) -> bytes:
    # ensure_ascii: no raw line break or odd byte can end up inside a line
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def say(reading: int, sentences: Sequence[str], language: str) -> bytes:
    return _line({"cmd": SAY, "reading": reading, "sentences": list(sentences), "language": language})


def stop() -> bytes:
    return _line({"cmd": STOP})


def quit_host() -> bytes:
    return _line({"cmd": QUIT})


def encode_event(event: Event) -> bytes:
    obj: dict[str, object] = {"event": event.kind}
    if event.kind in (SENTENCE, FINISHED):
        obj["reading"] = event.reading
    if event.kind == SENTENCE:
        obj["index"] = event.index
    if event.kind in (UNAVAILABLE, FAILED):
        obj["reason"] = event.reason
    if event.kind == READY:
        obj["engine"] = event.engine
    return _line(obj)


def _object(line: bytes) -> dict[str, object] | None:
    if len(line) > MAX_LINE:
        return None
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return obj if isinstance(obj, dict) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def parse_command(line: bytes) -> Command | None:
    """The command on ``line``, or None for anything else (the host ignores it)."""
    obj = _object(line)
    if obj is None or obj.get("cmd") not in COMMANDS:
        return None
    kind = str(obj["cmd"])
    if kind != SAY:
        return Command(kind)
    reading, language, sentences = _int(obj.get("reading")), _text(obj.get("language")), obj.get("sentences")
    if reading is None or language is None or not isinstance(sentences, list) \
            or not all(isinstance(s, str) for s in sentences):
        return None
    return Command(SAY, reading, tuple(sentences), language)


def parse_event(line: bytes) -> Event | None:
    """The event on ``line``, or None for anything else (the kiosk treats it as garbage)."""
    obj = _object(line)
    if obj is None or obj.get("event") not in EVENTS:
        return None
    kind = str(obj["event"])
    if kind == READY:
        engine = _text(obj.get("engine"))
        return Event(READY, engine=engine) if engine is not None else None
    if kind in (UNAVAILABLE, FAILED):
        reason = _text(obj.get("reason"))
        return Event(kind, reason=reason) if reason is not None else None
    if kind == STOPPED:
        return Event(STOPPED)
    reading = _int(obj.get("reading"))
    if reading is None:
        return None
    if kind == FINISHED:
        return Event(FINISHED, reading)
    index = _int(obj.get("index"))
    return Event(SENTENCE, reading, index) if index is not None else None


class Awaiting:
    """The commands sent and not answered yet, in order: what a watchdog waits for.

    A ``say`` is answered by the first ``sentence`` or ``finished`` of its reading (or by an
    answer to a later command); a ``stop`` by ``stopped``; ``failed`` answers everything."""

    def __init__(self) -> None:
        self._sent: list[tuple[str, int]] = []

    def __bool__(self) -> bool:
        return bool(self._sent)

    def __len__(self) -> int:
        return len(self._sent)

    def sent(self, kind: str, reading: int = 0) -> None:
        if kind in (SAY, STOP):
            self._sent.append((kind, reading))

    def answered(self, event: Event) -> bool:
        """Take ``event`` as an answer; True when it answered a command."""
        if event.kind == FAILED:
            answered, self._sent = bool(self._sent), []
            return answered
        if event.kind == STOPPED:
            wanted = next((i for i, (kind, _) in enumerate(self._sent) if kind == STOP), None)
        elif event.kind in (SENTENCE, FINISHED):
            wanted = next((i for i, sent in enumerate(self._sent) if sent == (SAY, event.reading)), None)
        else:
            wanted = None
        if wanted is None:
            return False
        del self._sent[:wanted + 1]
        return True
