"""A speech engine for tests: it records what it is asked to read and speaks when told to."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.ui.speech import Speech


class FakeSpeech(Speech):
    """``say`` records the sentences and the language; :meth:`speak` and :meth:`finish` play
    the engine's part (a sentence begins, the reading ends); :meth:`fail` breaks it."""

    def __init__(self, parent=None, available: bool = True, problem: str = "no speech engine is installed"):
        super().__init__(parent)
        self._available = available
        self._problem = "" if available else problem
        self.said: list[tuple[list[str], str]] = []
        self.stops = 0
        self.speaking = False

    def available(self) -> bool:
        return self._available

    def problem(self) -> str:
        return self._problem

    def say(self, sentences: Sequence[str], language: str) -> None:
        self.said.append((list(sentences), language))
        self.speaking = True

    def stop(self) -> None:
        self.stops += 1
        self.speaking = False

    # -- the engine's side ----------------------------------------------------
    def speak(self, index: int) -> None:
        self.sentenceStarted.emit(index)

    def finish(self) -> None:
        self.speaking = False
        self.finished.emit()

    def fail(self, why: str = "the engine stopped") -> None:
        self._available, self._problem = False, why
        self.speaking = False
        self.failed.emit(why)


class FakeSpeechFactory:
    """Makes :class:`FakeSpeech` engines (``available`` or not) and keeps each one made."""

    def __init__(self, available: bool = True):
        self.available = available
        self.made: list[FakeSpeech] = []

    def __call__(self, parent=None) -> FakeSpeech:
        engine = FakeSpeech(parent, available=self.available)
        self.made.append(engine)
        return engine
