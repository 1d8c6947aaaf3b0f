"""Speech for the read-aloud button: a small interface and its Qt backend.

:class:`Speech` is what the screens talk to: :meth:`Speech.say` reads a list of sentences in a
language, one after another, announcing each with :attr:`Speech.sentenceStarted` (its index)
and the end with :attr:`Speech.finished`; :meth:`Speech.stop` falls silent at once (without
``finished``). An engine that breaks down emits :attr:`Speech.failed` with the reason. An
engine that needs a moment to tell whether it can speak is :meth:`Speech.pending` until it
emits :attr:`Speech.availabilityKnown`.

:class:`QtSpeech` speaks through QtTextToSpeech (PySide6-Addons; on Linux through
speech-dispatcher) in a process of its own, the speech host (:mod:`kiosk.speech`): an engine
that hangs (libspeechd waiting forever on a speech-dispatcher without sound) would otherwise
freeze the kiosk, whichever thread called it. A host that does not say it is ready within
:data:`START_SECONDS`, or leaves a command unanswered for :data:`ANSWER_SECONDS`, is killed and
read-aloud is off until the kiosk restarts. Tests hand the kiosk an engine of their own through
:func:`set_speech_factory`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.speech import protocol
from kiosk.speech.process import HostProcess, host_command

log = logging.getLogger(__name__)

START_SECONDS = 10.0  # the host starts (Python, Qt, the engine) and says it is ready
ANSWER_SECONDS = 5.0  # a say or stop is answered (a sentence begins, or it stopped)


class Speech(QObject):
    """Reads sentences aloud. Subclasses speak; this base class is silent and unavailable."""

    sentenceStarted = Signal(int)  # index in the list given to say()
    finished = Signal()  # the last sentence was read (not sent after stop())
    failed = Signal(str)  # the engine stopped working: why, for the log
    availabilityKnown = Signal()  # a pending engine now knows whether it can speak

    def available(self) -> bool:
        """Whether this engine can speak at all (else :meth:`problem` says why)."""
        return False

    def pending(self) -> bool:
        """Still finding out whether it can speak (then :attr:`availabilityKnown` follows)."""
        return False

    def problem(self) -> str:
        return "no speech engine"

    def say(self, sentences: Sequence[str], language: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the engine for good (the kiosk is closing)."""


SpeechFactory = Callable[[QObject | None], Speech]


class _State(Enum):
    STARTING = "starting"
    READY = "ready"
    OFF = "off"


class QtSpeech(Speech):
    """QtTextToSpeech in the speech host, with the first real engine of this computer (or
    ``engine``, e.g. Qt's silent "mock" in tests). ``command`` starts another host (tests)."""

    def __init__(self, parent: QObject | None = None, engine: str | None = None,
                 command: Sequence[str] | None = None, start_seconds: float = START_SECONDS,
                 answer_seconds: float = ANSWER_SECONDS):
        super().__init__(parent)
        self.engine = ""
        self._state = _State.STARTING
        self._problem = ""
        self._reading = 0  # the number of the latest say
        self._active = False  # a reading is under way (not stopped, not finished)
        self._awaiting = protocol.Awaiting()
        self._answer_seconds = answer_seconds
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._no_answer)
        self.host = HostProcess(command if command is not None else host_command(engine), self)
        self.host.line.connect(self._line)
        self.host.ended.connect(self._host_ended)
        self._watchdog.start(round(start_seconds * 1000))
        self.host.start()

    def available(self) -> bool:
        return self._state is _State.READY

    def pending(self) -> bool:
        return self._state is _State.STARTING

    def problem(self) -> str:
        return self._problem

    def say(self, sentences: Sequence[str], language: str) -> None:
        if not self.available():
            return
        self._reading += 1
        self._active = True
        self._send(protocol.say(self._reading, sentences, language), protocol.SAY)

    def stop(self) -> None:
        if self.available() and self._active:
            self._active = False
            self._send(protocol.stop(), protocol.STOP)

    def close(self) -> None:
        """Kill the host at once (a polite quit could wait on a stuck engine)."""
        self._state = _State.OFF
        self._watchdog.stop()
        self.host.kill()

    # -- talking to the host -------------------------------------------------
    def _send(self, line: bytes, kind: str) -> None:
        self._awaiting.sent(kind, self._reading)
        if not self._watchdog.isActive():
            self._watchdog.start(round(self._answer_seconds * 1000))
        self.host.send(line)

    def _line(self, line: bytes) -> None:
        event = protocol.parse_event(line)
        if event is None:
            self._give_up("the speech engine sent garbage")
        elif self._state is _State.STARTING:
            self._first_event(event)
        elif self._state is _State.READY:
            self._event(event)

    def _first_event(self, event: protocol.Event) -> None:
        if event.kind == protocol.READY:
            self._watchdog.stop()
            self._state, self.engine = _State.READY, event.engine
            self.availabilityKnown.emit()
        elif event.kind == protocol.UNAVAILABLE:
            self._give_up(event.reason)
        else:
            self._give_up(f"the speech engine spoke out of turn ({event.kind})")

    def _event(self, event: protocol.Event) -> None:
        if self._awaiting.answered(event):
            self._watchdog.stop()
            if self._awaiting:  # the next command waits its own full time
                self._watchdog.start(round(self._answer_seconds * 1000))
        if event.kind == protocol.FAILED:
            self._give_up(event.reason)
        elif event.reading != self._reading or not self._active:
            return  # a reading stopped or replaced meanwhile
        elif event.kind == protocol.SENTENCE:
            self.sentenceStarted.emit(event.index)
        elif event.kind == protocol.FINISHED:
            self._active = False
            self.finished.emit()

    def _no_answer(self) -> None:
        if self._state is _State.STARTING:
            self._give_up(f"the speech engine did not start within {self._watchdog.interval() / 1000:g} s")
        else:
            self._give_up(f"the speech engine did not answer within {self._watchdog.interval() / 1000:g} s")

    def _host_ended(self, why: str) -> None:
        self._give_up(why)

    def _give_up(self, why: str) -> None:
        """Off until the kiosk restarts: the host is killed, the screens are told once."""
        if self._state is _State.OFF:
            return
        was = self._state
        self.close()
        self._problem, self._active = why, False
        if was is _State.STARTING:
            self.availabilityKnown.emit()
        else:
            self.failed.emit(why)


def _qt_speech(parent: QObject | None) -> Speech:
    return QtSpeech(parent)


_factory: SpeechFactory = _qt_speech


def set_speech_factory(factory: SpeechFactory | None) -> None:
    """Make every new read-aloud button use engines from ``factory`` (None: QtTextToSpeech)."""
    global _factory
    _factory = factory or _qt_speech


def make_speech(parent: QObject | None = None) -> Speech:
    """A new engine from the current factory; never raises (a failure is an unavailable engine)."""
    try:
        return _factory(parent)
    except Exception as exc:
        log.error("the speech engine could not be started: %s: %s", type(exc).__name__, exc)
        return _Unavailable(f"the speech engine could not be started ({type(exc).__name__})", parent)


class _Unavailable(Speech):
    def __init__(self, why: str, parent: QObject | None = None):
        super().__init__(parent)
        self._why = why

    def problem(self) -> str:
        return self._why

    def say(self, sentences: Sequence[str], language: str) -> None:
        return

    def stop(self) -> None:
        return
