"""Idle reset: after a quiet spell a "Still there?" countdown, then the session is wiped.

:class:`IdleMonitor` is only timing: the window pokes it on every touch, click or key, shows
the overlay on ``warningStarted`` and resets the session on ``expired``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets import centred_card, touch_button


class IdleMonitor(QObject):
    warningStarted = Signal(int)  # seconds left
    countdown = Signal(int)  # seconds left, once a second while warning
    warningCancelled = Signal()
    expired = Signal()

    def __init__(self, timeout_s: float, warning_s: float, parent=None):
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.warning_s = min(warning_s, timeout_s) if timeout_s else warning_s
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._left = 0
        self._active = False

    @property
    def enabled(self) -> bool:
        return self.timeout_s > 0

    @property
    def warning(self) -> bool:
        return self._tick.isActive()

    @property
    def seconds_left(self) -> int:
        return self._left

    def start(self) -> None:
        """Watch from now on (a session is running)."""
        self._active = self.enabled
        self.poke()

    def stop(self) -> None:
        """Nothing to protect (the attract screen is showing)."""
        self._active = False
        self._quiet.stop()
        if self._tick.isActive():
            self._tick.stop()
            self.warningCancelled.emit()

    def poke(self) -> None:
        """Someone is there: restart the quiet spell, and cancel a warning if one is showing."""
        if not self._active:
            return
        if self._tick.isActive():
            self._tick.stop()
            self.warningCancelled.emit()
        self._quiet.start(int((self.timeout_s - self.warning_s) * 1000))

    def _start_warning(self) -> None:
        self._left = max(1, round(self.warning_s))
        self._tick.start()
        self.warningStarted.emit(self._left)

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick.stop()
        self._active = False
        self.expired.emit()


class StillThereOverlay(QWidget):
    """A calm card over a dimmed screen. Any tap on it keeps the session."""

    keepRequested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("StillThere")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = centred_card(QVBoxLayout(self), 1000)
        self.title = QLabel(self.tr("Are you still there?"))
        self.title.setObjectName("OverlayTitle")
        self.message = QLabel()
        self.message.setObjectName("OverlayText")
        self.message.setWordWrap(True)
        self.keep_button = touch_button(self.tr("Yes, I am still here"), "hero")
        self.keep_button.clicked.connect(self.keepRequested)
        for widget in (self.title, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(widget)
        column.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        text = (self.tr("To keep your visit private, this screen will start over in 1 second.")
                if seconds == 1 else
                self.tr("To keep your visit private, this screen will start over in %1 seconds."))
        self.message.setText(text.replace("%1", str(seconds)))
        if not self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()

    def mousePressEvent(self, event) -> None:  # a tap anywhere on the dimmed screen
        self.keepRequested.emit()
        event.accept()
