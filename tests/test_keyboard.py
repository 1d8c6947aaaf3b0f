"""Keyboard and switch access: Tab, Shift+Tab, the arrow keys, Enter and Space reach and press
every control of every patient screen (and the staff PIN pad), in reading order, with a
visible focus ring and an accessible name."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QColor, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QApplication, QScrollBar

from kiosk.domain.contrast import contrast_ratio
from kiosk.domain.region_order import reading_order as region_order
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.focus import is_control
from kiosk.ui.focus_ring import ring_colours

ROOT = Path(__file__).resolve().parent.parent
TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab


# ----------------------------------------------------------------------------- helpers


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a keypad sends it: to the control in focus (the window when none is)."""
    QTest.keyClick(window.focusWidget() or window, key, modifiers)
    for _ in range(3):
        QApplication.processEvents()


def focused(window):
    return window.focusWidget()


def tab_walk(window, limit: int = 80) -> list:
    """The controls Tab visits once round, starting from where the focus is."""
    seen = []
    for _ in range(limit):
        press(window, TAB)
        widget = focused(window)
        if seen and widget is seen[0]:
            return seen
        seen.append(widget)
    raise AssertionError("Tab never came back to the first control")


def shown_controls(window) -> set:
    """Every visible, enabled control of the window's top layer, found independently of the order."""
    layer = window.keys.layer()
    found = set()
    for widget in layer.findChildren(QAbstractButton) + layer.findChildren(QAbstractSlider) \
            + layer.findChildren(DiagramView):
        if isinstance(widget, QScrollBar) or not widget.isVisible() or not widget.isEnabled():
            continue
        if layer.findChild(type(layer)) is widget:
            continue
        found.add(widget)
    return found


def label_of(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


@pytest.fixture
def window(make_window, qtbot):
    win = make_window()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def settle(window) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.finish_animations()
    QApplication.processEvents()


# ----------------------------------------------------------------------------- order


def test_regions_go_down_the_spine_then_out_to_the_skin(shipped):
    back = next(d for d in shipped.diagrams if d.id == "back")
    order = region_order(back.regions.values())
    assert order[:11] == ["vertebra-L1", "disc-L1-L2", "vertebra-L2", "disc-L2-L3", "vertebra-L3",
                          "disc-L3-L4", "vertebra-L4", "disc-L4-L5", "vertebra-L5", "disc-L5-S1", "sacrum"]
    assert order.index("root-L3") < order.index("root-S1") < order.index("nerve-sciatic")
    assert order.index("nerve-sciatic") < order.index("nerve-tibial") < order.index("area-buttock")
    assert order.index("area-buttock") < order.index("area-heel") and sorted(order) == sorted(back.regions)


def test_home_walks_in_reading_order_and_enter_opens_the_drawings(window):
    home = window.home
    walk = tab_walk(window)
    expected = [home.explore_button, home.questionnaire_button, home.sciatica_button, home.about_button,
                window.display_buttons.larger_button, window.display_buttons.contrast_button]  # then the bar
    start = walk.index(expected[0])
    assert (walk[start:] + walk[:start]) == expected
    assert set(walk) == shown_controls(window)
    # Shift+Tab goes back the same way
    window.keys.focus(home.about_button)
    press(window, BACKTAB)
    assert focused(window) is home.sciatica_button
    # the arrow keys do what Tab and Shift+Tab do on buttons
    press(window, Qt.Key.Key_Down)
    assert focused(window) is home.about_button
    window.keys.focus(home.explore_button)
    press(window, Qt.Key.Key_Return)
    settle(window)
    assert window.state.screen.value == "diagram"
    assert focused(window) is window.diagram.tabs[0], "a new screen starts at its first control"


def test_diagram_screen_order_tabs_drawing_panel_bar(window):
    window.navigate(type(window.state)(type(window.state.screen)("diagram"), "disc-L4-L5"))
    settle(window)
    diagram = window.diagram
    window.keys.keyboard = True
    window.keys.focus(diagram.tabs[0])
    walk = [diagram.tabs[0], *tab_walk(window)[:-1]]
    walk = tab_walk(window)
    start = walk.index(diagram.tabs[0])
    walk = walk[start:] + walk[:start]
    assert walk[:len(diagram.tabs)] == diagram.tabs
    bar = [window.display_buttons.larger_button, window.display_buttons.contrast_button]  # the top bar's own
    assert walk[len(diagram.tabs):len(diagram.tabs) + 2] == bar
    assert walk[len(diagram.tabs) + 2] is diagram.view
    panel = walk[len(diagram.tabs) + 3:walk.index(window.home_button)]
    assert panel and all(diagram.panel.isAncestorOf(w) for w in panel)
    assert walk[-3:] == [window.home_button, window.back_button, window.action_button]
    assert set(walk) >= shown_controls(window)
    assert all(label_of(w).strip() for w in walk)


def test_arrow_keys_move_over_regions_and_enter_selects_as_a_tap(window):
    window.navigate(type(window.state)(type(window.state.screen)("diagram")))
    settle(window)
    view = window.diagram.view
    window.keys.keyboard = True
    window.keys.focus(view)
    keys = view.region_keys
    order = keys.order()
    assert keys.focused == order[0] and keys.outline.isVisible()
    for _ in range(3):
        press(window, Qt.Key.Key_Down)
    assert keys.focused == order[3]
    press(window, Qt.Key.Key_Up)
    assert keys.focused == order[2]
    press(window, Qt.Key.Key_Left)
    assert keys.focused == order[1]
    title = window.content.get(order[1]).title
    assert title in view.accessibleName() and view.accessibleDescription()
    assert keys.outline.path().boundingRect() == view.region_shape(order[1]).boundingRect()
    press(window, Qt.Key.Key_Return)
    settle(window)
    assert window.state.item_id == order[1] and view.selected == order[1]
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Space)
    settle(window)
    assert window.state.item_id == order[2]
    assert focused(window) is view, "selecting keeps the focus in the drawing"
    # Tab leaves the drawing for the panel; the region's outline goes with the focus
    press(window, TAB)
    assert window.diagram.panel.isAncestorOf(focused(window)) and not keys.outline.isVisible()


def test_enter_and_space_press_buttons(window):
    home = window.home
    window.keys.keyboard = True
    window.keys.focus(home.sciatica_button)
    press(window, Qt.Key.Key_Space)
    settle(window)
    assert window.state.item_id == "sciatica"
    window.keys.focus(window.back_button)
    press(window, Qt.Key.Key_Enter)
    settle(window)
    assert window.state.screen.value == "home"


def _questionnaire_pages(window):
    """(name, setter) for every page of the questionnaire, reached with the capture helper."""
    from kiosk.ui.capture import replay_answers

    app = QApplication.instance()
    answers = json.loads((ROOT / "docs/examples/weak-leg-walking-pain.json").read_text())
    red_flag = next(q.id for q in window.content.questionnaire.questions if q.is_red_flag)

    def go(answers, page=None):
        def run():
            window.open_questionnaire()
            window.questionnaire.reset()
            replay_answers(app, window.questionnaire, answers, page)
            settle(window)
        return run

    def intro():
        window.open_questionnaire()
        window.questionnaire.reset()
        window.questionnaire.start()
        settle(window)

    partial = {k: v for k, v in answers.items() if k in ("red_flags", "pain_areas", "side")}
    return [("intro", intro), ("body map", go({"red_flags": []})), ("choice", go(partial)),
            ("results", go(answers)), ("compare", go(answers, "compare")),
            ("hand-off", go(answers, "handoff")), ("urgent", go({"red_flags": [red_flag]})),
            ("under 18", go({**answers, "age_band": "under_18"}))]


def test_every_patient_screen_walks_every_control_with_a_name(window):
    """On each screen Tab reaches every visible control, and each has a name to read aloud."""
    from kiosk.ui.shell import NavState, Screen

    screens = [("home", lambda: window.go_home()),
               ("diagram", lambda: window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))),
               ("animation", lambda: window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))),
               *_questionnaire_pages(window)]
    window.read_aloud.probe()  # the speaker button is there from the start, not a second later
    window.keys.keyboard = True
    for name, show in screens:
        show()
        settle(window)
        walk = tab_walk(window)
        missing = shown_controls(window) - set(walk)
        assert not missing, f"{name}: Tab never reaches {[label_of(w) or w for w in missing]}"
        unnamed = [type(w).__name__ for w in walk if not label_of(w).strip()]
        assert not unnamed, f"{name}: controls without an accessible name: {unnamed}"
        assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in walk), name


def test_the_body_map_areas_are_reached_and_chosen_with_the_keys(window):
    pages = dict(_questionnaire_pages(window))
    pages["body map"]()
    screen = window.questionnaire
    view = screen.body_map_view
    window.keys.keyboard = True
    assert view in tab_walk(window)
    window.keys.focus(view)
    keys = view.region_keys
    question = screen.current_question
    assert set(keys.order()) == set(question.options) & set(view.diagram.regions)
    first = keys.focused
    press(window, Qt.Key.Key_Space)
    assert screen.selected_areas == {first}
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Return)
    assert len(screen.selected_areas) == 2
    assert "You chose" in view.accessibleDescription()
    press(window, Qt.Key.Key_Up)
    press(window, Qt.Key.Key_Return)
    assert screen.selected_areas == {keys.order()[1]}


def test_the_language_button_is_reached(make_window, qtbot, shipped):
    from kiosk.domain.content import load_content
    from kiosk.resources import default_content_dir

    win = make_window()
    win.languages = ["en", "es"]
    win.library.loader = lambda lang: load_content(default_content_dir(), lang)
    win.language_button.set_languages(win.languages, "en", win.words)
    win.activateWindow()
    qtbot.waitActive(win)
    win.navigate(type(win.state)(type(win.state.screen)("diagram")))
    settle(win)
    win.keys.keyboard = True
    walk = tab_walk(win)
    assert win.language_button in walk
    between = walk[walk.index(win.diagram.tabs[-1]) + 1:walk.index(win.language_button)]
    assert all(win.display_buttons.isAncestorOf(w) or w is win.read_aloud.button for w in between)
    assert label_of(win.language_button).startswith("Change the language")
    win.keys.focus(win.language_button)
    press(win, Qt.Key.Key_Return)
    settle(win)
    assert win.language == "es"


def test_overlays_keep_the_keys_and_give_the_focus_back(window):
    window.keys.keyboard = True
    window.keys.focus(window.home.sciatica_button)
    window.still_there.show_seconds(10)
    settle(window)
    assert focused(window) is window.still_there.keep_button
    assert tab_walk(window) == [window.still_there.keep_button]
    assert label_of(window.still_there.keep_button)
    window.still_there.hide()
    settle(window)
    assert focused(window) is window.home.sciatica_button


def test_the_pin_pad_digits_are_reached_and_pressed(window):
    window.open_staff_gate()
    settle(window)
    pad = window.pin_pad
    window.keys.keyboard = True
    press(window, TAB)
    walk = tab_walk(window)
    digits = [pad.digit_buttons[d] for d in "1234567890"]
    assert all(d in walk for d in digits)
    start = walk.index(digits[0])
    walk = walk[start:] + walk[:start]
    assert [walk.index(d) for d in digits[:9]] == sorted(walk.index(d) for d in digits[:9])
    assert set(walk) == shown_controls(window)
    window.keys.focus(pad.digit_buttons["7"])
    press(window, Qt.Key.Key_Return)
    assert pad._digits == "7"


def test_any_key_starts_a_visit_from_the_attract_screen(make_window, qtbot):
    win = make_window()
    win.reset_session("idle")
    settle(win)
    assert win.state.screen.value == "attract"
    win.activateWindow()
    qtbot.waitActive(win)
    press(win, Qt.Key.Key_Space)
    assert win.state.screen.value == "home"


# ----------------------------------------------------------------------------- ring


@pytest.mark.parametrize("palette", [theme.Palette(), theme.HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_the_ring_stands_out_on_every_background(palette):
    ring, halo = ring_colours(palette)
    assert contrast_ratio(ring, halo) >= 3.0
    for background in (palette.background, palette.surface, palette.diagram_background, palette.accent,
                       palette.urgent_bg, palette.info_bg, palette.danger):
        assert max(contrast_ratio(ring, background), contrast_ratio(halo, background)) >= 3.0, background


def _ring_pixels(window, button) -> int:
    image = window.grab().toImage()
    ring = QColor(ring_colours(window.palette_)[0])
    top_left = button.mapTo(window, button.rect().topLeft())
    y = top_left.y() + button.height() // 2
    count = 0
    for x in range(top_left.x() - 12, top_left.x()):
        pixel = image.pixelColor(x * image.width() // window.width(), y * image.height() // window.height())
        distance = abs(pixel.red() - ring.red()) + abs(pixel.green() - ring.green()) \
            + abs(pixel.blue() - ring.blue())
        if distance < 40:
            count += 1
    return count


def test_the_focus_ring_is_drawn_for_the_keyboard_only(window, qtbot):
    button = window.home.sciatica_button
    assert _ring_pixels(window, button) == 0
    window.keys.focus(window.home.about_button)
    press(window, BACKTAB)
    assert focused(window) is button and window.keys.ring.isVisible()
    assert _ring_pixels(window, button) >= 3, "a thick band in the accent colour left of the button"
    about = window.home.about_button
    qtbot.mouseClick(about, Qt.MouseButton.LeftButton, pos=about.rect().center())
    settle(window)
    assert not window.keys.ring.isVisible() and _ring_pixels(window, button) == 0


def test_the_ring_follows_the_high_contrast_theme(make_window, qtbot):
    win = make_window()
    win.palette_ = theme.HIGH_CONTRAST
    win.keys.ring.set_palette(theme.HIGH_CONTRAST)
    win.keys.keyboard = True
    win.keys.focus(win.home.sciatica_button)
    settle(win)
    assert _ring_pixels(win, win.home.sciatica_button) >= 3


# ----------------------------------------------------------------------------- lockdown, idle


def test_the_lockdown_swallows_escape_but_lets_the_navigation_keys_through(make_window, qtbot):
    from kiosk.ui.lockdown import InputGuard

    win = make_window()
    guard = InputGuard(win, kiosk_mode=True)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        assert guard.eventFilter(win, event) is False, key
    escape = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert guard.eventFilter(win, escape) is True
    # and in a kiosk-mode window Tab moves the focus while Escape does nothing
    win.guard.kiosk_mode = True
    win.activateWindow()
    qtbot.waitActive(win)
    press(win, TAB)
    first = focused(win)
    press(win, TAB)
    assert is_control(first) and focused(win) is not first and is_control(focused(win))
    press(win, Qt.Key.Key_Escape)
    assert win.isVisible() and win.state.screen.value == "home"


def test_keys_and_focus_moves_keep_the_visit(kiosk_app, qtbot, shipped):
    from kiosk.domain.config import DEFAULT
    from kiosk.ui.clock import ManualClock
    from kiosk.ui.shell import KioskWindow
    from tests.conftest import dispose_windows

    clock = ManualClock()
    win = KioskWindow(replace(DEFAULT, kiosk_mode=False, reduce_motion=True), shipped, [], clock=clock)
    win.resize(1920, 1080)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    try:
        clock.advance(win.idle.quiet_seconds + 1)
        assert win.idle.warning
        press(win, TAB)
        assert not win.idle.warning, "Tab is activity"
        clock.advance(win.idle.quiet_seconds + 1)
        assert win.idle.warning
        win.keys.focus(win.home.about_button)  # a focus move by the keys (a switch's scan)
        assert not win.idle.warning
        settle(win)  # the card hides on the next turn of the event loop
    finally:
        dispose_windows([win])
