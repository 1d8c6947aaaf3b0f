"""Idle reset: after a quiet spell a "Still there?" countdown, then the session is wiped.

:class:`IdleMonitor` is only timing: the window pokes it on every touch, click or key, shows
the overlay on ``warningStarted`` and resets the session on ``expired``. Its timers come from
a :class:`~kiosk.ui.clock.Clock` (real ``QTimer`` by default), so tests move a
:class:`~kiosk.ui.clock.ManualClock` instead of waiting.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.domain.ui_words import UiWords
from kiosk.ui.clock import Clock, QtClock
from kiosk.ui.widgets import centred_card, touch_button


class IdleMonitor(QObject):
    warningStarted = Signal(int)  # seconds left
    countdown = Signal(int)  # seconds left, once a second while warning
    warningCancelled = Signal()
    expired = Signal()

    def __init__(self, timeout_s: float, warning_s: float, parent=None, clock: Clock | None = None):
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.warning_s = min(warning_s, timeout_s) if timeout_s else warning_s
        self.clock = clock or QtClock()
        self._quiet = self.clock.timer(self._start_warning, self)  # the quiet spell before the notice
        self._tick = self.clock.timer(self._on_tick, self)  # each second of the countdown
        self._left = 0
        self._active = False
        self._warning = False

    @property
    def enabled(self) -> bool:
        return self.timeout_s > 0

    @property
    def warning(self) -> bool:
        return self._warning

    @property
    def quiet_seconds(self) -> float:
        """How long a quiet spell lasts before the "Still there?" notice."""
        return self.timeout_s - self.warning_s

    @property
    def seconds_left(self) -> int:
        return self._left

    def start(self) -> None:
        """Watch from now on (a session is running); with no timeout, stop watching."""
        if not self.enabled:
            self.stop()
            return
        self._active = True
        self.poke()

    def stop(self) -> None:
        """Nothing to protect (the attract screen is showing)."""
        self._active = False
        self._quiet.stop()
        self._cancel_warning()

    def poke(self) -> None:
        """Someone is there: restart the quiet spell, and cancel a warning if one is showing."""
        if not self._active:
            return
        self._cancel_warning()
        self._quiet.start(self.quiet_seconds)

    def _cancel_warning(self) -> None:
        if self._warning:
            self._warning = False
            self._tick.stop()
            self.warningCancelled.emit()

    def _start_warning(self) -> None:
        self._left = max(1, round(self.warning_s))
        self._warning = True
        self._tick.start(1)
        self.warningStarted.emit(self._left)

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self._tick.start(1)
            self.countdown.emit(self._left)
            return
        self._warning = False
        self._active = False
        self.expired.emit()


class StillThereOverlay(QWidget):
    """A calm card over a dimmed screen. Any tap on it keeps the session."""

    keepRequested = Signal()

    def __init__(self, parent: QWidget, words: UiWords):
        super().__init__(parent)
        self.setObjectName("StillThere")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = centred_card(QVBoxLayout(self), 1000)
        self.title = QLabel()
        self.title.setObjectName("OverlayTitle")
        self.message = QLabel()
        self.message.setObjectName("OverlayText")
        self.message.setWordWrap(True)
        self.keep_button = touch_button("", "hero")
        self.keep_button.clicked.connect(self.keepRequested)
        for widget in (self.title, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(widget)
        column.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.words = words
        self.set_words(words)
        self.hide()

    def set_words(self, words: UiWords) -> None:
        """The words of the visit's language (the language button changes them)."""
        self.words = words
        self.title.setText(words["idle.title"])
        self.keep_button.setText(words["idle.keep"])

    def show_seconds(self, seconds: int) -> None:
        words = self.words
        self.message.setText(words["idle.one_second"] if seconds == 1
                             else words.text("idle.seconds", seconds=seconds))
        if not self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()

    def mousePressEvent(self, event) -> None:  # a tap anywhere on the dimmed screen
        self.keepRequested.emit()
        event.accept()
