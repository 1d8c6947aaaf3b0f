"""The speech host: QtTextToSpeech in a small process of its own, driven over stdin/stdout.

Started by the kiosk (:mod:`kiosk.speech.process`) as ``python -m kiosk.speech.host`` or, in
the bundle, as ``spine-kiosk --speech-host``; it speaks the line protocol of
:mod:`kiosk.speech.protocol`. It picks the first real engine of the computer (speech-dispatcher
on Linux), never Qt's silent test engine unless ``--engine mock`` asks for it (the tests do).
It exits on ``quit``, when its stdin closes, and (on Linux) when the kiosk dies: a host stuck in
the engine cannot read its stdin, so the kernel ends it with its parent.

Only Qt Core and QtTextToSpeech are loaded: no window system, no kiosk code beyond the protocol.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from kiosk.speech import protocol
from kiosk.speech.protocol import Command, Event

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

TEST_ENGINE = "mock"  # Qt's silent engine for its own tests
# Voices preferred for a language when the computer's own locale speaks another one: the
# Spanish pages are neutral Latin-American Spanish, so an American voice comes first.
PREFERRED_LOCALES = {"es": ("es_US", "es_MX", "es_419", "es_ES"), "en": ("en_US", "en_GB")}


class Output:
    """Events to the kiosk, one line each, sent at once."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream

    def send(self, event: Event) -> None:
        try:
            self._stream.write(protocol.encode_event(event))
            self._stream.flush()
        except (BrokenPipeError, OSError, ValueError):  # the kiosk is gone
            os._exit(0)


class Reader(QObject):
    """QTextToSpeech reading sentence lists, reporting each sentence and the end."""

    def __init__(self, tts: QTextToSpeech, engine: str, out: Output):
        super().__init__()
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._tts, self._engine, self._out = tts, engine, out
        self._states = QTextToSpeech.State
        self._reading = -1  # the reading in progress (-1: none)
        self._indices: list[int] = []  # for each queued sentence, its index in the say's list
        self._started = 0
        self._voices: dict[str, tuple[QLocale, QVoice | None] | None] = {}
        tts.aboutToSynthesize.connect(self._next_sentence)
        tts.stateChanged.connect(self._state_changed)

    def handle(self, command: Command) -> None:
        if command.kind == protocol.SAY:
            self.say(command.reading, command.sentences, command.language)
        elif command.kind == protocol.STOP:
            self.stop()
            self._out.send(Event(protocol.STOPPED))
        elif command.kind == protocol.QUIT:
            self.stop()
            QCoreApplication.quit()

    def say(self, reading: int, sentences: Sequence[str], language: str) -> None:
        self.stop()
        self._use_language(language)
        self._indices = [i for i, s in enumerate(sentences) if s.strip()]
        self._reading, self._started = reading, 0
        if not self._indices:
            self._reading = -1
            self._out.send(Event(protocol.FINISHED, reading))
            return
        for index in self._indices:
            self._tts.enqueue(sentences[index])

    def stop(self) -> None:
        self._reading = -1
        if self._tts.state() in (self._states.Speaking, self._states.Paused, self._states.Synthesizing):
            self._tts.stop()

    # -- progress -------------------------------------------------------------
    def _next_sentence(self, _id: int) -> None:
        if self._reading >= 0 and self._started < len(self._indices):
            self._out.send(Event(protocol.SENTENCE, self._reading, self._indices[self._started]))
            self._started += 1

    def _state_changed(self, state) -> None:
        if state == self._states.Error:
            self._reading = -1
            self._out.send(Event(protocol.FAILED, reason=f"the speech engine '{self._engine}' failed: "
                                 f"{self._tts.errorString()}"))
        elif state == self._states.Ready and self._reading >= 0 and self._started >= len(self._indices):
            reading, self._reading = self._reading, -1
            self._out.send(Event(protocol.FINISHED, reading))

    # -- voices ---------------------------------------------------------------
    def _use_language(self, language: str) -> None:
        """The engine's voice for ``language`` (its default voice when it has none)."""
        if language not in self._voices:
            self._voices[language] = self._find_voice(language)
            if self._voices[language] is None:
                print(f"the speech engine '{self._engine}' has no voice for '{language}'; "
                      "its default voice reads", file=sys.stderr)
        found = self._voices[language]
        if found is not None:
            locale, voice = found
            if self._tts.locale() != locale:
                self._tts.setLocale(locale)
            if voice is not None:
                self._tts.setVoice(voice)

    def _find_voice(self, language: str) -> tuple[QLocale, QVoice | None] | None:
        wanted = QLocale(language).language()
        locales = [loc for loc in self._tts.availableLocales() if loc.language() == wanted]
        if not locales:
            return None
        system = QLocale.system()
        order = ([system.name()] if system.language() == wanted else []) + list(
            PREFERRED_LOCALES.get(language.split("-")[0], ()))
        locales.sort(key=lambda loc: order.index(loc.name()) if loc.name() in order else len(order))
        locale = locales[0]
        previous = self._tts.locale()
        self._tts.setLocale(locale)
        voices = [v for v in self._tts.availableVoices() if v.locale().language() == wanted]
        self._tts.setLocale(previous)
        return locale, (voices[0] if voices else None)


class StdinCommands(QObject):
    """Reads commands from stdin on a thread and hands them to the main thread."""

    received = Signal(object)  # a Command
    closed = Signal()

    def __init__(self, stream: IO[bytes]):
        super().__init__()
        self._stream = stream
        self._thread = threading.Thread(target=self._read, name="speech-host-stdin", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _read(self) -> None:
        for line in self._stream:
            command = protocol.parse_command(line)
            if command is not None:
                self.received.emit(command)
        self.closed.emit()


def make_engine(wanted: str | None) -> tuple[QTextToSpeech | None, str, str]:
    """(engine, its name, "") or (None, "", why there is none)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:  # Addons missing, or a library it needs (libspeechd, libpulse)
        return None, "", f"the speech module cannot be loaded ({exc})"
    engine, problem = choose_engine(list(QTextToSpeech.availableEngines()), wanted)
    if not engine:
        return None, "", problem
    tts = QTextToSpeech(engine)  # where speech-dispatcher hangs, this never returns
    if tts.state() == QTextToSpeech.State.Error:
        return None, "", f"the speech engine '{engine}' reports an error: {tts.errorString()}"
    return tts, engine, ""


def choose_engine(installed: Sequence[str], wanted: str | None) -> tuple[str, str]:
    """(the engine to use, "") or ("", why none): ``wanted`` if installed, else the first one
    that is not Qt's silent test engine."""
    if wanted is not None:
        if wanted in installed:
            return wanted, ""
        return "", (f"the speech engine '{wanted}' is not installed "
                    f"(installed: {', '.join(installed) or 'none'})")
    engines = [name for name in installed if name != TEST_ENGINE]
    if not engines:
        return "", "no speech engine is installed (on Linux: speech-dispatcher)"
    return engines[0], ""


def _end_with_parent() -> None:
    """On Linux: the kernel kills this process when the kiosk dies, even if the engine hangs."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the kiosk died before that took effect
        os._exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="speech-host", description="The kiosk's speech engine.")
    parser.add_argument("--engine", default=None, help="a QtTextToSpeech engine (default: the first "
                        f"one of the computer other than Qt's silent '{TEST_ENGINE}')")
    args = parser.parse_args(argv)
    _end_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C on the kiosk's terminal: the kiosk ends it
    app = QCoreApplication([sys.argv[0]])
    out = Output(sys.stdout.buffer)
    tts, engine, problem = make_engine(args.engine)
    if tts is None:
        out.send(Event(protocol.UNAVAILABLE, reason=problem))
        return 0
    reader = Reader(tts, engine, out)
    commands = StdinCommands(sys.stdin.buffer)
    commands.received.connect(reader.handle)
    commands.closed.connect(app.quit)
    commands.start()
    out.send(Event(protocol.READY, engine=engine))
    code = app.exec()
    reader.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
