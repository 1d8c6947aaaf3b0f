"""Speech for the read-aloud button: a small interface and its Qt backend.

:class:`Speech` is what the screens talk to: :meth:`Speech.say` reads a list of sentences in a
language, one after another, announcing each with :attr:`Speech.sentenceStarted` (its index)
and the end with :attr:`Speech.finished`; :meth:`Speech.stop` falls silent at once (without
``finished``). An engine that breaks down emits :attr:`Speech.failed` with the reason.

:class:`QtSpeech` speaks through QtTextToSpeech (PySide6-Addons; on Linux through
speech-dispatcher). The module is imported only when the first engine is made, after the
first frame, so starting the kiosk does not wait for it. Qt's own test engine ("mock") is
never chosen: it speaks silently. Tests hand the kiosk an engine of their own through
:func:`set_speech_factory`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

if TYPE_CHECKING:  # the module itself is imported when the first engine is made
    from PySide6.QtTextToSpeech import QVoice

log = logging.getLogger(__name__)

TEST_ENGINE = "mock"  # Qt's silent engine for its own tests
# Voices preferred for a language when the computer's own locale speaks another one: the
# Spanish pages are neutral Latin-American Spanish, so an American voice comes first.
PREFERRED_LOCALES = {"es": ("es_US", "es_MX", "es_419", "es_ES"), "en": ("en_US", "en_GB")}


class Speech(QObject):
    """Reads sentences aloud. Subclasses speak; this base class is silent and unavailable."""

    sentenceStarted = Signal(int)  # index in the list given to say()
    finished = Signal()  # the last sentence was read (not sent after stop())
    failed = Signal(str)  # the engine stopped working: why, for the log

    def available(self) -> bool:
        """Whether this engine can speak at all (else :meth:`problem` says why)."""
        return False

    def problem(self) -> str:
        return "no speech engine"

    def say(self, sentences: Sequence[str], language: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


SpeechFactory = Callable[[QObject | None], Speech]


class QtSpeech(Speech):
    """QtTextToSpeech with the first real engine of this computer (speech-dispatcher on Linux)."""

    def __init__(self, parent: QObject | None = None, engine: str | None = None):
        super().__init__(parent)
        self._tts = None
        self._engine = ""
        self._problem = ""
        self._started = 0  # sentences begun in the current reading
        self._count = 0  # sentences in the current reading
        self._active = False
        self._voices: dict[str, tuple[QLocale, QVoice | None] | None] = {}
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:  # Addons missing, or a library it needs (libspeechd, libpulse)
            self._problem = f"the speech module cannot be loaded ({exc})"
            return
        self._states = QTextToSpeech.State
        engines = [name for name in QTextToSpeech.availableEngines() if name != TEST_ENGINE]
        if engine is not None:
            engines = [engine] if engine in QTextToSpeech.availableEngines() else []
        if not engines:
            self._problem = "no speech engine is installed (on Linux: speech-dispatcher)"
            return
        self._tts = QTextToSpeech(engines[0], self)
        self._engine = engines[0]
        if self._tts.state() == self._states.Error:
            self._problem = f"the speech engine '{engines[0]}' reports an error: {self._tts.errorString()}"
            return
        self._tts.aboutToSynthesize.connect(self._next_sentence)
        self._tts.stateChanged.connect(self._state_changed)

    def available(self) -> bool:
        return self._tts is not None and not self._problem

    def problem(self) -> str:
        return self._problem

    def say(self, sentences: Sequence[str], language: str) -> None:
        if not self.available():
            return
        self.stop()
        self._use_language(language)
        spoken = [s for s in sentences if s.strip()]
        self._started, self._count, self._active = 0, len(spoken), True
        for sentence in spoken:
            self._tts.enqueue(sentence)

    def stop(self) -> None:
        self._active = False
        if self._tts is not None and self._tts.state() in (self._states.Speaking, self._states.Paused):
            self._tts.stop()

    # -- voices ---------------------------------------------------------------
    def _use_language(self, language: str) -> None:
        """The engine's voice for ``language`` (its default voice when it has none)."""
        if language not in self._voices:
            self._voices[language] = self._find_voice(language)
            if self._voices[language] is None:
                log.warning("the speech engine '%s' has no voice for '%s'; its default voice reads",
                            self._engine, language)
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

    # -- progress -------------------------------------------------------------
    def _next_sentence(self, _id: int) -> None:
        if self._active and self._started < self._count:
            self._started += 1
            self.sentenceStarted.emit(self._started - 1)

    def _state_changed(self, state) -> None:
        if state == self._states.Error:
            self._active = False
            self._problem = f"the speech engine '{self._engine}' failed: {self._tts.errorString()}"
            self.failed.emit(self._problem)
        elif state == self._states.Ready and self._active and self._started >= self._count:
            self._active = False
            self.finished.emit()


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
