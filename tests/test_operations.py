"""Kiosk operations in the window: idle reset, attract screen, lockdown, staff PIN and panel,
usage counting from a scripted visit, and recovery after an error."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTextEdit

from kiosk.domain.config import DEFAULT, load_config
from kiosk.domain.pin import hash_pin, verify_pin
from kiosk.domain.usage import UsageCounter
from kiosk.ui.capture import replay_answers
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.conftest import dispose_windows
from tests.uihelpers import inside_point, mouse_tap, touch_device

PIN = "2468"
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


@pytest.fixture
def build(kiosk_app, qtbot, shipped, tmp_path):
    """A window with a fast PIN hash, a usage counter in tmp_path, a short staff hold and a
    hand-moved clock for the idle reset (``window.clock.advance(seconds)``)."""
    made = []

    def make(kiosk_mode=False, pin=PIN, counter=True, loader=None, config_path=None, **overrides):
        pin_hash = hash_pin(pin, iterations=1000) if pin else ""
        config = replace(DEFAULT, kiosk_mode=kiosk_mode, reduce_motion=True, admin_pin_hash=pin_hash,
                         **overrides)
        usage = UsageCounter(tmp_path / "usage.sqlite3") if counter else None
        window = KioskWindow(config, shipped, [], loader=loader or (lambda language: (shipped, [])),
                             counter=usage, config_path=config_path, languages=["en"], clock=ManualClock())
        window.quit_app = lambda: None  # never end the test run's QApplication
        window.guard.hold_ms = 150
        window.access.iterations = 1000  # a PIN chosen on the first-run screen: cheap to hash
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    dispose_windows(made)  # a kiosk-mode window refuses to close: let it, as staff exit does


QUIET = DEFAULT.idle_timeout - DEFAULT.idle_warning  # seconds before "Still there?" (75)


def _press_corner(qtbot, window, hold=True):
    """Press (and hold) the top-left corner with the mouse, then release."""
    target = window.childAt(QPoint(10, 10)) or window
    pos = target.mapFrom(window, QPoint(10, 10))
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    if hold:
        assert not window.pin_pad.isVisible()  # the hold waits on the window's clock...
        window.clock.advance(window.guard.hold_ms / 1000)  # ...which the test moves
        assert window.pin_pad.isVisible()
    else:
        window.clock.advance(window.guard.hold_ms / 2000)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def _enter(qtbot, window, pin):
    for digit in pin:
        window.pin_pad.digit_buttons[digit].click()
    window.pin_pad.enter_button.click()
    qtbot.waitUntil(lambda: not window.pin_pad.busy, timeout=5000)  # checked off the GUI thread


def _unlock(qtbot, window):
    _press_corner(qtbot, window)
    _enter(qtbot, window, PIN)
    assert window.staff_unlocked


# ------------------------------------------------------------------ attract and sessions
def test_kiosk_mode_starts_on_the_attract_screen_and_a_touch_starts_a_visit(build, qtbot):
    window = build(kiosk_mode=True)
    assert window.state.screen is Screen.ATTRACT
    assert not window.in_session and not window.top_bar.isVisible()
    assert window.attract.animating
    seq = QTest.touchEvent(window.attract, touch_device())
    seq.press(0, QPoint(900, 500), window.attract)
    seq.commit()
    seq = QTest.touchEvent(window.attract, touch_device())
    seq.release(0, QPoint(900, 500), window.attract)
    seq.commit()
    assert window.state.screen is Screen.HOME
    assert window.in_session and window.idle.enabled
    assert not window.attract.animating  # hidden: no timer burns CPU under other screens


def test_attract_picture_drifts_slowly_so_nothing_burns_in(build):
    window = build(kiosk_mode=True)
    attract = window.attract
    attract.reduce_motion = False  # the motion itself (reduce motion: tests/test_reduce_motion.py)
    offsets = {attract.drift(t) for t in range(0, 600, 5)}
    assert len(offsets) > 20  # it really moves over ten minutes
    steps = [abs(attract.drift(t + 0.04)[0] - attract.drift(t)[0]) for t in range(0, 300)]
    assert max(steps) <= 1  # at most one pixel between frames: slow, calm motion
    assert max(abs(x) for x, _ in offsets) <= 60


# ------------------------------------------------------------------ idle reset
def test_idle_warning_appears_and_a_tap_keeps_the_visit(build, qtbot):
    window = build()
    window.home.explore_button.click()
    window.clock.advance(QUIET - 1)
    assert not window.still_there.isVisible()
    window.clock.advance(1)
    assert window.still_there.isVisible()
    assert "start over in 15 seconds" in window.still_there.message.text()
    window.clock.advance(5)
    assert "start over in 10 seconds" in window.still_there.message.text()
    QTest.mouseClick(window.still_there, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    qtbot.waitUntil(lambda: not window.still_there.isVisible(), timeout=1000)
    assert window.state.screen is Screen.DIAGRAM and window.in_session
    window.clock.advance(QUIET - 1)  # the quiet spell started again from the tap
    assert window.state.screen is Screen.DIAGRAM and not window.still_there.isVisible()
    window.clock.advance(1 + DEFAULT.idle_warning)
    assert window.state.screen is Screen.ATTRACT


def test_a_full_idle_timeout_leaves_no_answer_highlight_or_history(build, qtbot):
    window = build()
    # Explore: a tapped disc lights up the drawing and opens a scrolled panel.
    window.home.explore_button.click()
    view = window.diagram.view
    mouse_tap(view, inside_point(view, "disc-L4-L5") or QPointF())
    assert window.diagram.highlighted
    window.diagram.panel.scroll.verticalScrollBar().setValue(200)
    # Answer part of the questionnaire, body map included.
    answers = json.loads((EXAMPLES / "recent-sciatica.json").read_text())
    window.open_questionnaire()
    replay_answers(QApplication.instance(), window.questionnaire, answers, None)
    assert window.questionnaire.session is not None
    assert window.questionnaire.session.answers()
    assert window.history
    session = window.questionnaire.session

    window.clock.advance(DEFAULT.idle_timeout)
    assert window.state.screen is Screen.ATTRACT
    assert not window.still_there.isVisible()
    assert window.history == [] and not window.in_session
    q = window.questionnaire
    assert q.session is None and q.selected_areas == frozenset() and q.summary() == ""
    assert session.answers() == {}  # even an old reference to the session holds nothing
    assert window.diagram.highlighted == frozenset()
    assert all(not v.lit_regions() and not v.lit_overlays() and v.selected is None
               for v in window.diagram.views)
    assert window.diagram.panel.scroll.verticalScrollBar().value() == 0
    assert window.diagram.stack.currentIndex() == 0
    # Nothing of the visit is on screen in any label or text box either.
    texts = " ".join(w.text() for w in window.findChildren(QLabel)).lower()
    texts += " ".join(w.toPlainText() for w in window.findChildren(QTextEdit)).lower()
    for value in ("3 to 6 months", "3_to_6_months"):
        assert value not in texts


def test_a_tap_on_still_there_never_reaches_the_button_under_it(build, qtbot):
    window = build()
    window.clock.advance(QUIET)
    assert window.still_there.isVisible()
    button = window.home.explore_button
    centre = button.mapTo(window, button.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: not window.still_there.isVisible(), timeout=1000)
    assert window.state.screen is Screen.HOME  # the visit goes on, and nothing was pressed


def test_a_reset_that_fails_on_one_screen_still_clears_the_others(build, qtbot, caplog):
    window = build()
    window.build_screens()  # the drawings too, though the visit never opened them
    window.open_questionnaire()
    replay_answers(QApplication.instance(), window.questionnaire,
                   json.loads((EXAMPLES / "recent-sciatica.json").read_text()), None)

    def broken():
        raise RuntimeError("drawing")

    window.diagram.reset = broken
    with caplog.at_level(logging.ERROR):
        window.reset_session("idle")
    assert window.state.screen is Screen.ATTRACT
    assert window.questionnaire.session is None and window.history == []
    assert "clearing the screen failed" in caplog.text


def test_idle_timeout_zero_never_resets(build, qtbot):
    window = build()
    window.idle.timeout_s = 0
    window.idle.start()
    assert not window.idle.enabled
    window.clock.advance(24 * 3600)
    assert window.in_session and not window.still_there.isVisible()


# ------------------------------------------------------------------ lockdown
def _key(window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(window, key, modifiers)
    QApplication.processEvents()


EXIT_KEYS = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
]


class _KeySpy(QObject):
    """Records the keys that reach the window itself (after the app-wide guard)."""

    def __init__(self):
        super().__init__()
        self.keys = []

    def eventFilter(self, obj, event):
        modifiers = (Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Meta)
        if event.type() == QEvent.Type.KeyPress and event.key() not in modifiers:
            self.keys.append(event.key())
        return False


@pytest.mark.parametrize(("key", "modifiers"), EXIT_KEYS, ids=["Escape", "Alt+F4", "Ctrl+Q", "Ctrl+W"])
def test_exit_keys_are_ignored_in_kiosk_mode(build, key, modifiers):
    window = build(kiosk_mode=True)
    window.attract.touched.emit()
    window.home.explore_button.click()
    spy = _KeySpy()
    window.installEventFilter(spy)
    _key(window, Qt.Key.Key_A)  # an ordinary key does reach the window: the spy works
    _key(window, key, modifiers)
    window.removeEventFilter(spy)
    assert spy.keys == [Qt.Key.Key_A]  # the exit key never reached any widget
    assert window.isVisible() and window.state.screen is Screen.DIAGRAM


@pytest.mark.parametrize(("key", "modifiers"), EXIT_KEYS[1:], ids=["Alt+F4", "Ctrl+Q", "Ctrl+W"])
def test_exit_keys_close_a_normal_window(build, key, modifiers):
    window = build(kiosk_mode=False)
    _key(window, key, modifiers)
    assert not window.isVisible()


def test_escape_goes_back_in_a_normal_window(build):
    window = build(kiosk_mode=False)
    window.home.explore_button.click()
    _key(window, Qt.Key.Key_Escape)
    assert window.state.screen is Screen.HOME


def test_close_requests_are_refused_in_kiosk_mode_and_accepted_windowed(build):
    kiosk = build(kiosk_mode=True)
    assert kiosk.close() is False and kiosk.isVisible()
    normal = build(kiosk_mode=False)
    assert normal.close() is True and not normal.isVisible()


def test_no_context_menu_and_no_selectable_text_in_kiosk_mode(build):
    window = build(kiosk_mode=True)
    window.attract.touched.emit()
    window.home.explore_button.click()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert window.guard.eventFilter(window.diagram.panel, event) is True
    for widget in window.findChildren(QLabel) + window.findChildren(QTextEdit):
        flags = widget.textInteractionFlags()
        assert not flags & Qt.TextInteractionFlag.TextSelectableByMouse, widget.objectName()
        assert not flags & Qt.TextInteractionFlag.TextEditable, widget.objectName()


@pytest.mark.parametrize("kiosk_mode", [True, False], ids=["kiosk", "windowed"])
def test_select_all_selects_no_text_in_kiosk_mode(build, kiosk_mode):
    from kiosk.ui.panel import PageText

    window = build(kiosk_mode=kiosk_mode)
    window.begin_session()
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    [text] = [t for t in window.findChildren(PageText) if t.isVisible()]
    assert text.toPlainText().strip()
    QTest.keyClick(text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert text.textCursor().hasSelection() is (not kiosk_mode)


def test_the_kiosk_never_opens_other_programs_or_windows():
    """No code path may launch a browser, a process or a file manager.

    One exception, and only one: read-aloud's speech engine runs in a process of its own (a hung
    engine would otherwise freeze the kiosk), and kiosk/speech/process.py starts it. That module
    may use QProcess, nothing else on the list, and it starts the kiosk's own speech host only:
    the same Python with ``-m kiosk.speech.host`` or, in the bundle, the kiosk executable itself."""
    banned = ("QDesktopServices", "webbrowser", "subprocess", "os.system", "QProcess", "os.startfile",
              "QDialog", "QMessageBox", "QFileDialog")
    root = Path(__file__).resolve().parent.parent / "kiosk"
    starter = root / "speech" / "process.py"
    paths = [*(root / "ui").glob("*.py"), *root.glob("*.py"), *(root / "speech").glob("*.py")]
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        for word in banned:
            if path == starter and word == "QProcess":
                continue
            assert word not in text, f"{path.relative_to(root)} uses {word}"
    text = starter.read_text(encoding="utf-8")
    assert text.count(".start(") == 1 and "process.start(self.command[0], self.command[1:])" in text
    assert "self.command = list(command) if command is not None else host_command()" in text

    from kiosk.speech.process import HOST_FLAG, HostProcess, host_command

    assert host_command() == [sys.executable, "-m", "kiosk.speech.host"]
    assert HostProcess().command == host_command()
    # the kiosk's engine is QtSpeech with its default command (another one is for tests only)
    assert "return QtSpeech(parent)\n" in (root / "ui" / "speech.py").read_text(encoding="utf-8")
    assert (root / "__main__.py").read_text(encoding="utf-8").count(HOST_FLAG) == 1


# ------------------------------------------------------------------ staff gesture and PIN
def test_holding_the_corner_opens_the_pin_pad_but_a_short_tap_does_not(build, qtbot):
    window = build(kiosk_mode=True)
    assert window.guard.hold_ms == 150
    _press_corner(qtbot, window)
    assert window.pin_pad.isVisible() and not window.staff_panel.isVisible()
    # The attract screen under the finger did not also take the held press as a touch.
    assert window.state.screen is Screen.ATTRACT
    window.pin_pad.cancel_button.click()
    _press_corner(qtbot, window, hold=False)  # a short tap is an ordinary touch
    qtbot.wait(300)
    assert not window.pin_pad.isVisible()
    assert window.state.screen is Screen.HOME


def test_default_staff_hold_is_three_seconds(kiosk_app):
    from kiosk.ui.lockdown import HOLD_MS, InputGuard

    assert HOLD_MS == 3000 and InputGuard(None, True).hold_ms == 3000


def test_a_touch_hold_in_the_corner_opens_the_pin_pad(build, qtbot):
    window = build(kiosk_mode=True)
    seq = QTest.touchEvent(window, touch_device())
    seq.press(0, QPoint(12, 12), window)
    seq.commit()
    window.clock.advance(window.guard.hold_ms / 1000 - 0.01)
    assert not window.pin_pad.isVisible()
    window.clock.advance(0.02)
    assert window.pin_pad.isVisible()
    seq = QTest.touchEvent(window, touch_device())
    seq.release(0, QPoint(12, 12), window)
    seq.commit()
    QApplication.processEvents()
    # The held finger's release was eaten: it did not also start a visit underneath...
    assert window.state.screen is Screen.ATTRACT and window.pin_pad.isVisible()
    # ...and nothing is left waiting to eat the next patient's tap.
    assert window.guard._swallow_release is False


def test_a_lost_release_never_eats_the_next_tap(build):
    from PySide6.QtGui import QMouseEvent

    window = build(kiosk_mode=True)
    window.guard._swallow_release = True  # as if the held finger's release never arrived
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(900, 500), QPointF(900, 500),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    release = QMouseEvent(QEvent.Type.MouseButtonRelease, QPointF(900, 500), QPointF(900, 500),
                          Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    assert window.guard.eventFilter(window.attract, press) is False
    assert window.guard.eventFilter(window.attract, release) is False


def test_the_right_pin_opens_the_staff_panel(build, qtbot):
    window = build(kiosk_mode=True)
    _press_corner(qtbot, window)
    _enter(qtbot, window, PIN)
    assert window.staff_panel.isVisible() and window.staff_unlocked
    assert not window.pin_pad.isVisible()
    assert window.staff_panel.exit_button.isVisible()


def test_five_wrong_pins_lock_the_pad_for_five_minutes(build, qtbot):
    window = build(kiosk_mode=True)
    clock = [1000.0]
    window.pin_gate._clock = lambda: clock[0]
    _press_corner(qtbot, window)
    for attempt in range(5):
        _enter(qtbot, window, "1111")
        assert not window.staff_panel.isVisible()
        if attempt < 4:
            left = 4 - attempt
            assert f"{left} {'try' if left == 1 else 'tries'} left" in window.pin_pad.message.text()
    assert window.pin_pad.locked
    assert "5 minutes" in window.pin_pad.message.text()
    assert not window.pin_pad.digit_buttons["2"].isEnabled()
    _enter(qtbot, window, PIN)  # even the right PIN is refused while locked
    assert not window.staff_panel.isVisible()
    assert window.pin_gate.try_pin(PIN).ok is False
    clock[0] += 5 * 60 + 1
    window.pin_pad.open()
    assert not window.pin_pad.locked and window.pin_pad.digit_buttons["2"].isEnabled()
    _enter(qtbot, window, PIN)
    assert window.staff_unlocked


def test_exit_works_only_from_the_unlocked_staff_panel(build, qtbot):
    window = build(kiosk_mode=True)
    quits = []
    window.quit_app = lambda: quits.append(True)
    window.staff_exit()  # not unlocked: nothing happens
    assert window.isVisible() and not quits
    _unlock(qtbot, window)
    window.staff_panel.exit_button.click()
    assert quits == [True] and not window.isVisible()


def _choose(qtbot, window, pin):
    for digit in pin:
        window.pin_pad.digit_buttons[digit].click()
    window.pin_pad.enter_button.click()
    qtbot.waitUntil(lambda: not window.pin_pad.busy, timeout=5000)  # hashed off the GUI thread


def test_first_run_chooses_a_pin_twice_stores_its_hash_and_opens_the_panel(build, qtbot, tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('clinic_name = "Lakeside"  # ours\n', encoding="utf-8")
    window = build(kiosk_mode=True, pin="", config_path=settings)
    _press_corner(qtbot, window)
    pad = window.pin_pad
    assert pad.choosing and pad.keys.isVisible() and "Choose a staff PIN" in pad.title.text()
    assert not pad.exit_button.isVisible()  # a locked kiosk is never left without a PIN
    _choose(qtbot, window, "1357")
    assert "again" in pad.title.text() and not window.staff_panel.isVisible()
    _choose(qtbot, window, "1357")
    assert window.staff_unlocked and window.staff_panel.exit_button.isVisible()
    assert not pad.isVisible()
    text = settings.read_text(encoding="utf-8")
    assert 'clinic_name = "Lakeside"  # ours' in text and "1357" not in text
    stored = load_config(settings).admin_pin_hash
    assert verify_pin("1357", stored) and not verify_pin("2468", stored)
    assert window.pin_gate.pin_hash == stored  # used at once, no restart
    if sys.platform != "win32":
        assert settings.stat().st_mode & 0o077 == 0  # as set-pin: the owner only
    window.staff_panel.back_button.click()
    _press_corner(qtbot, window)
    assert not pad.choosing and pad.title.text() == "Staff PIN"
    _enter(qtbot, window, "1357")
    assert window.staff_unlocked


def test_first_run_refuses_two_different_pins_and_a_short_one(build, qtbot, tmp_path):
    settings = tmp_path / "kiosk.toml"
    window = build(kiosk_mode=True, pin="", config_path=settings)
    _press_corner(qtbot, window)
    _choose(qtbot, window, "12")
    assert "4 to 8 digits" in window.pin_pad.message.text() and "again" not in window.pin_pad.title.text()
    window.pin_pad.clear()
    _choose(qtbot, window, "1357")
    _choose(qtbot, window, "1358")
    assert "not the same" in window.pin_pad.message.text()
    assert "Choose a staff PIN" in window.pin_pad.title.text()
    assert not window.staff_panel.isVisible() and not window.pin_gate.configured
    assert not settings.exists()


def test_first_run_that_cannot_save_says_why_and_sets_no_pin(build, qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    window = build(kiosk_mode=True, pin="", config_path=blocker / "kiosk.toml")
    _press_corner(qtbot, window)
    _choose(qtbot, window, "1357")
    _choose(qtbot, window, "1357")
    assert "could not be saved" in window.pin_pad.message.text()
    assert not window.pin_gate.configured and not window.staff_panel.isVisible()


@pytest.mark.parametrize("kiosk_mode", [False, True], ids=["windowed", "kiosk"])
def test_first_run_offers_exit_only_in_a_normal_window(build, qtbot, kiosk_mode):
    window = build(kiosk_mode=kiosk_mode, pin="")
    quits = []
    window.quit_app = lambda: quits.append(True)
    _press_corner(qtbot, window)
    assert window.pin_pad.exit_button.isVisible() is (not kiosk_mode)
    window.pin_pad.exitRequested.emit()  # as if tapped, even where the button is hidden
    assert quits == ([] if kiosk_mode else [True])
    assert window.isVisible() is kiosk_mode


@pytest.mark.parametrize("with_file", [False, True], ids=["default-file", "config-file"])
def test_set_pin_while_the_kiosk_runs_works_at_the_next_corner_gesture(build, qtbot, tmp_path,
                                                                      monkeypatch, with_file):
    import getpass

    from kiosk import cli
    from kiosk.cli import set_pin
    from kiosk.domain.config import default_config_path

    settings = tmp_path / "kiosk.toml" if with_file else default_config_path()
    old = hash_pin(PIN, iterations=1000)
    if with_file:
        settings.write_text(f'admin_pin_hash = "{old}"\n', encoding="utf-8")
    window = build(kiosk_mode=True, pin=PIN if with_file else "", config_path=settings if with_file else None)
    monkeypatch.setattr(set_pin, "PIN_ITERATIONS", 1000)
    replies = iter(["9753", "9753"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(replies))
    assert cli.main([*(["--config", str(settings)] if with_file else []), "set-pin"]) == 0
    _press_corner(qtbot, window)
    assert not window.pin_pad.choosing
    if with_file:
        _enter(qtbot, window, PIN)  # the old PIN no longer opens it
        assert not window.staff_panel.isVisible()
    _enter(qtbot, window, "9753")
    assert window.staff_unlocked


def test_idle_reset_closes_an_open_staff_panel(build, qtbot):
    window = build(kiosk_mode=True)
    window.attract.touched.emit()
    _unlock(qtbot, window)
    window.clock.advance(DEFAULT.idle_timeout)
    assert window.state.screen is Screen.ATTRACT
    assert not window.staff_panel.isVisible() and not window.pin_pad.isVisible()


def test_a_staff_panel_opened_on_the_attract_screen_also_times_out(build, qtbot):
    window = build(kiosk_mode=True)
    _unlock(qtbot, window)
    assert window.staff_panel.isVisible() and window.idle.enabled
    window.clock.advance(DEFAULT.idle_timeout)
    assert not window.staff_panel.isVisible()
    assert window.state.screen is Screen.ATTRACT and not window.pin_pad.isVisible()


def test_staff_reload_in_a_normal_window_counts_no_extra_visit(build, qtbot, tmp_path):
    window = build(kiosk_mode=False)
    _unlock(qtbot, window)
    window.staff_panel.reload_button.click()
    assert "reloaded" in window.staff_panel.message.text()
    assert dict(((m, k), n) for m, k, n in _rows(tmp_path))[("sessions", "")] == 1


def test_staff_controls_are_touch_sized(build, qtbot):
    window = build(kiosk_mode=True)
    _press_corner(qtbot, window)
    buttons = [b for b in window.pin_pad.findChildren(QPushButton) if b.isVisible()]
    _enter(qtbot, window, PIN)
    buttons += [b for b in window.staff_panel.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) > 15
    for button in buttons:
        assert button.width() >= 48 and button.height() >= 48, button.text()


# ------------------------------------------------------------------ staff panel actions
def test_reload_refuses_broken_content_and_keeps_the_old(build, qtbot, shipped, tmp_path):
    from kiosk.domain.problems import Problem

    result = {"value": (None, [Problem(tmp_path / "bad.md", 3, "missing required field 'title'")])}
    window = build(kiosk_mode=True, loader=lambda language: result["value"])
    _unlock(qtbot, window)
    before = window.content
    window.staff_panel.reload_button.click()
    assert window.content is before
    assert "bad.md:3: missing required field 'title'" in window.staff_panel.problem_list.toPlainText()
    assert "not loaded" in window.staff_panel.message.text()
    result["value"] = (shipped, [])
    window.staff_panel.reload_button.click()
    assert "reloaded" in window.staff_panel.message.text()
    assert window.staff_panel.isVisible() and not window.staff_panel.problem_list.isVisible()


def test_export_writes_the_same_csv_as_kiosk_stats(build, qtbot, tmp_path, capsys):
    window = build(kiosk_mode=True)
    window.attract.touched.emit()
    window.home.explore_button.click()
    _unlock(qtbot, window)
    usb = tmp_path / "usb"
    usb.mkdir()
    window.staff_panel.export_button.click()
    window.staff_panel.show_export_targets([usb])
    _folder, button = window.staff_panel.target_buttons[0]
    button.click()
    written = list(usb.glob("*.csv"))
    assert len(written) == 1 and str(written[0]) in window.staff_panel.message.text()
    from kiosk.cli import main

    assert main(["stats", "--csv", "--db", str(tmp_path / "usage.sqlite3")]) == 0
    assert written[0].read_text(encoding="utf-8") == capsys.readouterr().out
    assert "sessions" in written[0].read_text(encoding="utf-8")


def test_export_to_a_folder_that_fails_shows_a_message(build, qtbot, tmp_path):
    window = build(kiosk_mode=True)
    _unlock(qtbot, window)
    assert window.staff_panel.export_to(tmp_path / "missing" / "deeper") is None
    assert "could not be saved" in window.staff_panel.message.text()


def test_test_print_goes_to_the_configured_printer(build, qtbot, tmp_path):
    window = build(kiosk_mode=True, printer="Front desk")
    out = tmp_path / "test-page.pdf"

    def pdf_printer():
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    window.staff.printer_factory = pdf_printer
    _unlock(qtbot, window)
    window.staff_panel.print_button.click()
    assert out.exists() and out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000
    assert "Front desk" in window.staff_panel.message.text()


def test_test_print_without_a_printer_says_how_to_set_one(build, qtbot):
    """No printer configured: no "Test print" button, and the panel says how to add one."""
    window = build(kiosk_mode=True)
    _unlock(qtbot, window)
    panel = window.staff_panel
    assert not panel.print_button.isVisible()
    assert panel.no_printer.isVisible()
    assert "printer = " in panel.no_printer.text() and "kiosk.toml" in panel.no_printer.text()
    assert not window.test_print()  # asked all the same (from code): the same explanation
    assert panel.message.text() == panel.no_printer.text()
    with_printer = build(kiosk_mode=True, printer="Front desk")
    _unlock(qtbot, with_printer)
    assert with_printer.staff_panel.print_button.isVisible()
    assert not with_printer.staff_panel.no_printer.isVisible()


def test_language_choice_reloads_and_is_saved_in_the_config(build, qtbot, tmp_path, shipped):
    config_path = tmp_path / "kiosk.toml"
    config_path.write_text('clinic_name = "Test clinic"\n', encoding="utf-8")
    asked = []

    def loader(language):
        asked.append(language)
        return shipped, []

    window = build(kiosk_mode=True, loader=loader, config_path=config_path)
    window.languages = ["en", "es"]
    _unlock(qtbot, window)
    window.staff_panel.language_buttons["es"].click()
    assert asked == ["es"] and window.language == "es"
    assert 'language = "es"' in config_path.read_text(encoding="utf-8")
    assert 'clinic_name = "Test clinic"' in config_path.read_text(encoding="utf-8")
    assert window.staff_panel.language_buttons["es"].isChecked()


# ------------------------------------------------------------------ usage counts
def _rows(tmp_path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "usage.sqlite3") as db:
        rows = db.execute("SELECT metric, key, n FROM counts ORDER BY metric, key").fetchall()
    db.close()
    return rows


def test_a_scripted_visit_counts_the_right_things_and_no_answers(build, qtbot, tmp_path):
    window = build(kiosk_mode=True)
    window.attract.touched.emit()  # one visit, in English
    window.home.explore_button.click()  # screen: diagram
    view = window.diagram.view
    mouse_tap(view, inside_point(view, "disc-L5-S1"))  # region tapped
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))  # page read
    answers = json.loads((EXAMPLES / "recent-sciatica.json").read_text())
    window.open_questionnaire()
    replay_answers(QApplication.instance(), window.questionnaire, answers, None)
    assert window.questionnaire.page_name() == "results"
    suggested = [s.category for s in window.questionnaire.session.result().suggestions]
    window.reset_session("idle")
    window.attract.touched.emit()  # a second visit
    window.open_questionnaire()
    replay_answers(QApplication.instance(), window.questionnaire, {"red_flags": ["saddle_numbness"]}, None)
    assert window.questionnaire.urgent_level == "emergency"

    rows = {(m, k): n for m, k, n in _rows(tmp_path)}
    assert rows[("sessions", "")] == 2
    assert rows[("language", "en")] == 2
    assert rows[("region", "disc-L5-S1")] == 1
    assert rows[("page", "herniated-disc")] == 1
    assert rows[("screen", "diagram")] == 1  # opened once; a new item on it is not a new screen
    assert rows[("screen", "questionnaire")] == 2
    assert rows[("questionnaire_started", "")] == 2
    assert rows[("questionnaire_completed", "")] == 1
    assert rows[("urgent", "emergency")] == 1
    assert {k for (m, k) in rows if m == "suggested"} == set(suggested)
    # The body-map areas the patient tapped are answers: they are not counted as regions.
    assert not any(m == "region" and k.startswith("area-") for (m, k) in rows)
    raw = (tmp_path / "usage.sqlite3").read_bytes()
    wal = tmp_path / "usage.sqlite3-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    categories = {"decompression", "stabilization", "injections", "other-procedures", "conservative-care"}
    checked = 0
    for value in answers.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item not in categories:  # "injections" is also a category
                assert item.encode() not in raw, item
                checked += 1
    assert checked > 10


def test_statistics_off_counts_nothing(build, tmp_path):
    window = build(kiosk_mode=True, counter=False)
    window.attract.touched.emit()
    window.home.explore_button.click()
    assert not (tmp_path / "usage.sqlite3").exists()


# ------------------------------------------------------------------ crash recovery
@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_kiosk_returns_to_the_attract_screen(build, qtbot, caplog):
    from kiosk.ui.crash import CrashGuard

    window = build(kiosk_mode=True)
    window.attract.touched.emit()
    window.home.explore_button.click()
    window.open_questionnaire()
    answers = json.loads((EXAMPLES / "recent-sciatica.json").read_text())
    replay_answers(QApplication.instance(), window.questionnaire, answers, None)
    guard = CrashGuard(window.recover).install()
    try:
        button = QPushButton("boom", window)

        secret = "_".join(("3", "to", "6", "months"))  # as if it came from an answer

        def explode():
            raise ValueError(f"patient said {secret}")

        button.clicked.connect(explode)
        with caplog.at_level(logging.ERROR):
            button.click()
            qtbot.waitUntil(lambda: window.state.screen is Screen.ATTRACT, timeout=2000)
    finally:
        guard.uninstall()
    assert guard.errors == 1
    assert window.questionnaire.session is None and window.history == []
    assert "ValueError" in caplog.text and "explode" in caplog.text
    assert "3_to_6_months" not in caplog.text  # the message may hold an answer: never logged
    assert sys.excepthook is not guard.handle


@pytest.mark.parametrize("kiosk_mode", [True, False], ids=["kiosk", "windowed"])
def test_ordinary_keys_pass_through_and_count_as_activity(build, kiosk_mode):
    window = build(kiosk_mode=kiosk_mode)
    seen = []
    window.guard.activity.connect(lambda: seen.append(True))
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert window.guard.eventFilter(window, event) is False
    assert seen == [True]


# ------------------------------------------------------------------ settings applied
def test_the_window_uses_the_configured_idle_times_logo_and_printer(build, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#0B4F8A"))
    assert image.save(str(logo))
    window = build(idle_timeout=120, idle_warning=20, logo=str(logo), printer="Front desk")
    assert (window.idle.timeout_s, window.idle.warning_s) == (120, 20)
    assert window.logo_label.isVisible() and window.logo_label.pixmap().height() == 64
    window.open_questionnaire()
    assert window.questionnaire.printer_name == "Front desk"
    plain = build()
    assert not plain.logo_label.isVisible()


def test_hide_cursor_blanks_the_pointer_only_when_asked(kiosk_app):
    from kiosk.ui.app import show_window

    class Dummy:
        def resize(self, *a):
            pass

        def show(self):
            pass

        def screen(self):
            return None  # not on a screen yet: the window is sized for the primary screen

    show_window(kiosk_app, Dummy(), kiosk_mode=False, hide_cursor=True)
    try:
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    finally:
        QApplication.restoreOverrideCursor()
    show_window(kiosk_app, Dummy(), kiosk_mode=False, hide_cursor=False)
    assert QApplication.overrideCursor() is None


def test_qt_warnings_go_to_the_kiosk_log(caplog):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from kiosk.ui.crash import _qt_message, install_qt_message_handler

    previous = install_qt_message_handler()
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.qt"):
            qWarning("a Qt warning for the log")
    finally:
        qInstallMessageHandler(previous)
    assert previous is not _qt_message
    assert any(r.name == "kiosk.qt" and "a Qt warning for the log" in r.getMessage() for r in caplog.records)
