"""Time for the screens that wait: real Qt timers in the kiosk, a hand-moved clock in tests.

A part that waits (the idle reset) takes a :class:`Clock` and asks it for timers instead of
making ``QTimer`` objects itself. :class:`QtClock` is the kiosk's: monotonic time and
``QTimer``. :class:`ManualClock` stands still until :meth:`ManualClock.advance` moves it,
firing every timer that falls due on the way, in order: a test of a 90-second idle reset
takes no time and cannot be late on a busy machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class Timer(Protocol):
    """A single-shot timer: :meth:`start` (again) restarts it."""

    def start(self, seconds: float) -> None: ...

    def stop(self) -> None: ...

    def is_active(self) -> bool: ...


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    def timer(self, callback: Callable[[], object], parent: QObject | None = None) -> Timer:
        """A stopped single-shot timer that calls ``callback`` when it runs out."""
        ...


class _QtTimer:
    def __init__(self, callback: Callable[[], object], parent: QObject | None):
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)

    def start(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def interval(self) -> float:
        """Seconds it was last started with."""
        return self._timer.interval() / 1000


class QtClock:
    """Real time: ``time.monotonic`` and ``QTimer``."""

    def now(self) -> float:
        return time.monotonic()

    def timer(self, callback: Callable[[], object], parent: QObject | None = None) -> _QtTimer:
        return _QtTimer(callback, parent)


class _ManualTimer:
    def __init__(self, clock: ManualClock, callback: Callable[[], object]):
        self._clock = clock
        self._callback = callback
        self.due: float | None = None
        self.interval = 0.0

    def start(self, seconds: float) -> None:
        self.interval = max(0.0, seconds)
        self.due = self._clock.now() + self.interval
        self._clock._order += 1
        self.order = self._clock._order  # timers due at the same moment fire in the order started

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None

    def fire(self) -> None:
        self.due = None
        self._callback()


class ManualClock:
    """A clock that moves only when :meth:`advance` is called (tests, benchmarks)."""

    def __init__(self, start: float = 1000.0):
        self._now = start
        self._timers: list[_ManualTimer] = []
        self._order = 0

    def now(self) -> float:
        return self._now

    def timer(self, callback: Callable[[], object], parent: QObject | None = None) -> _ManualTimer:
        made = _ManualTimer(self, callback)
        self._timers.append(made)
        return made

    def advance(self, seconds: float) -> None:
        """Move time forward, firing each timer as its moment comes (also ones started meanwhile)."""
        end = self._now + seconds
        while True:
            due = [t for t in self._timers if t.due is not None and t.due <= end]
            if not due:
                break
            first = min(due, key=lambda t: (t.due, t.order))
            self._now = max(self._now, first.due or self._now)
            first.fire()
        self._now = end
