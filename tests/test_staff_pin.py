"""The staff PIN is checked (and a first PIN hashed) off the GUI thread, with a busy bar.

The check is held on an event here, as a slow kiosk PC would hold it for a second: the
screen keeps running meanwhile, no key works, and the answer is applied when it comes.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer

from kiosk.domain.config import DEFAULT, load_config
from kiosk.domain.pin import hash_pin, verify_pin
from kiosk.domain.staff_gate import PinGate
from kiosk.ui.shell import KioskWindow
from tests.conftest import dispose_windows

PIN = "2468"


@pytest.fixture
def window(kiosk_app, qtbot, shipped, tmp_path):
    made = []

    def make(pin=PIN, config_path=None):
        config = replace(DEFAULT, kiosk_mode=True, reduce_motion=True,
                         admin_pin_hash=hash_pin(pin, iterations=1000) if pin else "")
        made.append(KioskWindow(config, shipped, [], config_path=config_path, languages=["en"]))
        made[-1].quit_app = lambda: None
        made[-1].access.iterations = 1000
        qtbot.addWidget(made[-1])
        made[-1].resize(1920, 1080)
        made[-1].show()
        qtbot.waitExposed(made[-1])
        return made[-1]

    yield make
    dispose_windows(made)


class Held:
    """Wraps a slow function so it waits until the test lets it go."""

    def __init__(self, function):
        self.function = function
        self.go = threading.Event()
        self.started = threading.Event()

    def __call__(self, *args, **kwargs):
        self.started.set()
        assert self.go.wait(10)
        return self.function(*args, **kwargs)


def _type(pad, pin):
    for digit in pin:
        pad.digit_buttons[digit].click()
    pad.enter_button.click()


def _ticks_while(qtbot, busy) -> int:
    """How often a 10 ms timer fires in 0.3 s: the GUI thread is free (about 30) or held (0)."""
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(300)
    timer.stop()
    assert busy()
    return len(ticks)


def test_the_pin_is_checked_off_the_gui_thread_with_a_busy_bar(window, qtbot):
    window = window()
    pad = window.pin_pad
    held = Held(window.pin_gate.check)
    window.pin_gate.check = held
    window.open_staff_gate()
    _type(pad, PIN)
    assert held.started.wait(5)
    assert pad.busy and pad.busy_bar.isVisible() and "Checking" in pad.message.text()
    assert not any(button.isEnabled() for button in pad.digit_buttons.values())
    assert not pad.enter_button.isEnabled()
    assert _ticks_while(qtbot, lambda: pad.busy) >= 10  # the screen keeps running
    pad.press("1")  # no key works meanwhile
    assert pad.entered == 0
    held.go.set()
    qtbot.waitUntil(lambda: window.staff_unlocked, timeout=5000)
    assert not pad.isVisible() and not pad.busy_bar.isVisible()


def test_a_wrong_pin_counts_even_when_the_pad_closes_before_the_answer(window, qtbot):
    window = window()
    pad = window.pin_pad
    held = Held(window.pin_gate.check)
    window.pin_gate.check = held
    window.open_staff_gate()
    _type(pad, "1111")
    assert held.started.wait(5)
    pad.cancel_button.click()  # closing does not take the attempt back
    window.open_staff_gate()  # opened again meanwhile: it still waits for that answer
    assert pad.busy_bar.isVisible() and "Checking" in pad.message.text()
    assert not pad.enter_button.isEnabled()
    held.go.set()
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert window.pin_gate.attempts_left() == 4


def test_the_right_pin_opens_nothing_once_the_pad_was_closed(window, qtbot):
    window = window()
    pad = window.pin_pad
    held = Held(window.pin_gate.check)
    window.pin_gate.check = held
    window.open_staff_gate()
    _type(pad, PIN)
    assert held.started.wait(5)
    window.reset_session("idle")  # the idle reset closes the pad meanwhile
    held.go.set()
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert not window.staff_unlocked and not pad.isVisible()


def test_a_first_pin_is_hashed_off_the_gui_thread(window, qtbot, tmp_path, monkeypatch):
    from kiosk.ui import staff_access

    settings = tmp_path / "kiosk.toml"
    window = window(pin="", config_path=settings)
    held = Held(staff_access.hash_pin)
    monkeypatch.setattr(staff_access, "hash_pin", held)
    pad = window.pin_pad
    window.open_staff_gate()
    _type(pad, "1357")
    _type(pad, "1357")
    assert held.started.wait(5)
    assert pad.busy and pad.busy_bar.isVisible() and "Saving" in pad.message.text()
    assert _ticks_while(qtbot, lambda: pad.busy) >= 10
    assert not settings.exists()
    held.go.set()
    qtbot.waitUntil(lambda: window.staff_unlocked, timeout=5000)
    assert verify_pin("1357", load_config(settings).admin_pin_hash)


def test_the_gate_checks_without_state_and_records_the_answer():
    gate = PinGate(hash_pin(PIN, iterations=1000))
    assert gate.check(PIN) and not gate.check("1111")
    assert gate.attempts_left() == 5  # checking alone counts nothing
    assert not gate.record(False).ok and gate.attempts_left() == 4
    assert gate.record(True).ok and gate.attempts_left() == 5
