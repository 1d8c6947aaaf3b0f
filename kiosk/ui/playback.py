"""A value moved from one number to another over a few seconds, on a :class:`~kiosk.ui.clock.Clock`.

Playing an animation is a value (its progress) eased from where it is to the end. The frames
come from the clock's timers, and the value at each frame from the clock's time, so the
kiosk plays at about 60 frames a second on real time while a test moves a
:class:`~kiosk.ui.clock.ManualClock` through the whole six seconds at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, Signal

from kiosk.ui.clock import Clock, QtClock

FRAME_S = 1 / 60


class Playback(QObject):
    """``valueChanged`` at every frame while running, then ``finished`` once at the end value."""

    valueChanged = Signal(float)
    finished = Signal()

    def __init__(self, clock: Clock | None = None,
                 easing: QEasingCurve.Type = QEasingCurve.Type.InOutSine, parent=None):
        super().__init__(parent)
        self.clock = clock or QtClock()
        self._curve = QEasingCurve(easing)
        self._frame = self.clock.timer(self._on_frame, self)
        self._start_value = 0.0
        self._end_value = 1.0
        self._duration = 1.0
        self._started_at = 0.0
        self._running = False

    def is_running(self) -> bool:
        return self._running

    @property
    def duration(self) -> float:
        """Seconds from the start value to the end value."""
        return self._duration

    def start(self, start_value: float, end_value: float, seconds: float) -> None:
        """Run from ``start_value`` to ``end_value`` over ``seconds`` (from now)."""
        self._start_value = float(start_value)
        self._end_value = float(end_value)
        self._duration = max(0.0, float(seconds))
        self._started_at = self.clock.now()
        self._running = True
        self._frame.start(FRAME_S)

    def stop(self) -> None:
        """Stop where it is: no more values, no ``finished``."""
        self._running = False
        self._frame.stop()

    def value_at(self, seconds: float) -> float:
        """The value ``seconds`` after the start (held at the end value afterwards)."""
        done = 1.0 if self._duration <= 0 else min(1.0, max(0.0, seconds / self._duration))
        eased = self._curve.valueForProgress(done)
        return self._start_value + (self._end_value - self._start_value) * eased

    def _on_frame(self) -> None:
        if not self._running:
            return
        elapsed = self.clock.now() - self._started_at
        if elapsed >= self._duration:
            self._running = False
            self.valueChanged.emit(self._end_value)
            self.finished.emit()
            return
        self._frame.start(FRAME_S)  # the next frame first: a handler may stop the playback
        self.valueChanged.emit(self.value_at(elapsed))
