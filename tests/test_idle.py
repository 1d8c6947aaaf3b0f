"""The idle monitor on a hand-moved clock: the whole 90 seconds of a reset in no time."""

from __future__ import annotations

import pytest

from kiosk.ui.clock import ManualClock, QtClock
from kiosk.ui.idle import IdleMonitor


@pytest.fixture
def monitor(kiosk_app):
    clock = ManualClock()
    idle = IdleMonitor(90, 15, clock=clock)
    events: list[tuple[str, object]] = []
    idle.warningStarted.connect(lambda left: events.append(("warning", left)))
    idle.countdown.connect(lambda left: events.append(("countdown", left)))
    idle.warningCancelled.connect(lambda: events.append(("cancelled", None)))
    idle.expired.connect(lambda: events.append(("expired", None)))
    idle.events = events
    return idle, clock


def test_a_quiet_visit_gets_the_notice_a_countdown_and_the_reset(monitor):
    idle, clock = monitor
    idle.start()
    clock.advance(74.9)
    assert idle.events == [] and not idle.warning
    clock.advance(0.1)
    assert idle.events == [("warning", 15)] and idle.warning and idle.seconds_left == 15
    clock.advance(14)
    assert idle.events[-1] == ("countdown", 1)
    assert [left for kind, left in idle.events if kind == "countdown"] == list(range(14, 0, -1))
    clock.advance(1)
    assert idle.events[-1] == ("expired", None) and not idle.warning
    clock.advance(1000)  # nothing more until the next visit starts it
    assert idle.events[-1] == ("expired", None)


def test_a_touch_restarts_the_quiet_spell_and_cancels_the_notice(monitor):
    idle, clock = monitor
    idle.start()
    clock.advance(60)
    idle.poke()
    clock.advance(74)
    assert idle.events == []
    clock.advance(3)  # 77 s after the touch: the notice has been up for 2 s
    assert idle.events == [("warning", 15), ("countdown", 14), ("countdown", 13)]
    idle.poke()
    assert idle.events[-1] == ("cancelled", None) and not idle.warning
    clock.advance(74)
    assert idle.events[-1] == ("cancelled", None)


def test_stopping_and_no_timeout_never_reset(monitor, kiosk_app):
    idle, clock = monitor
    idle.start()
    clock.advance(80)
    idle.stop()  # the attract screen came back
    assert idle.events == [("warning", 15), ("countdown", 14), ("countdown", 13), ("countdown", 12),
                           ("countdown", 11), ("countdown", 10), ("cancelled", None)]
    clock.advance(3600)
    idle.poke()  # a touch with nothing to protect
    clock.advance(3600)
    assert idle.events[-1] == ("cancelled", None)
    never = IdleMonitor(0, 15, clock=clock)
    never.start()
    clock.advance(24 * 3600)
    assert not never.warning


def test_the_manual_clock_fires_timers_in_time_order():
    clock = ManualClock(0)
    fired = []
    late = clock.timer(lambda: fired.append(("late", clock.now())))
    early = clock.timer(lambda: (fired.append(("early", clock.now())), again.start(1)))
    again = clock.timer(lambda: fired.append(("again", clock.now())))
    late.start(5)
    early.start(2)
    clock.advance(10)
    assert fired == [("early", 2), ("again", 3), ("late", 5)] and clock.now() == 10


def test_the_real_clock_uses_qt_timers(kiosk_app, qtbot):
    clock = QtClock()
    fired = []
    timer = clock.timer(lambda: fired.append(True))
    timer.start(0.01)
    assert timer.is_active() and timer.interval() == 0.01
    qtbot.waitUntil(lambda: fired == [True], timeout=2000)
    assert not timer.is_active()
