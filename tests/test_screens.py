"""Screens: home, touch target sizes, the staff-facing problems screen, theme contrast."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QPushButton

from kiosk.domain.problems import Problem
from kiosk.ui import theme
from kiosk.ui.shell import NavState, Screen


def _visible_buttons(window):
    return [b for b in window.findChildren(QPushButton) if b.isVisible()]


def test_home_shows_clinic_name_welcome_and_explore(make_window):
    window = make_window()
    assert window.state.screen is Screen.HOME
    assert window.home.title.text() == window.config.clinic_name
    assert window.home.welcome.text()
    assert window.home.explore_button.isVisible()
    assert window.home.explore_button.height() >= 100
    window.home.explore_button.click()
    assert window.state.screen is Screen.DIAGRAM


@pytest.mark.parametrize("state", [
    NavState(Screen.HOME),
    NavState(Screen.DIAGRAM),
    NavState(Screen.DIAGRAM, "herniated-disc"),
    NavState(Screen.DIAGRAM, "nerve-sciatic"),
    NavState(Screen.DIAGRAM, "sciatica"),
], ids=lambda s: f"{s.screen.value}-{s.item_id}")
def test_every_visible_button_is_at_least_48px(make_window, qtbot, state):
    window = make_window()
    window.navigate(state)
    qtbot.wait(10)
    buttons = _visible_buttons(window)
    assert buttons
    for button in buttons:
        assert button.width() >= 48 and button.height() >= 48, (button.text(), button.size())
    for button in (window.home_button, window.back_button):
        if button.isVisible():
            assert button.height() >= theme.SECONDARY_BUTTON_HEIGHT


def test_invalid_content_shows_the_problems_screen_and_logs(make_window, caplog, tmp_path):
    problems = [Problem(tmp_path / "en" / "a.md", 3, "missing required field 'title'"),
                Problem(tmp_path / "diagrams" / "b.svg", 1, "SVG does not parse: junk")]
    with caplog.at_level(logging.ERROR):
        window = make_window(content=None, problems=problems)
        window.setWindowTitle("x")
    assert window.state.screen is Screen.PROBLEMS
    assert window.stack.currentWidget() is window.problems_screen
    assert window.problems_screen.lines() == [str(p) for p in problems]
    assert not window.bottom_bar.isVisible()
    logged = caplog.text
    assert "a.md:3: missing required field 'title'" in logged
    assert "b.svg:1: SVG does not parse" in logged
    for button in _visible_buttons(window):
        assert button.height() >= 48


def test_reload_recovers_once_the_content_is_fixed(make_window, shipped, tmp_path):
    window = make_window(content=None, problems=[Problem(tmp_path / "x.md", 1, "broken")])
    window.library.loader = lambda language: (shipped, [])
    window.problems_screen.reload_button.click()
    assert window.state.screen is Screen.HOME
    window.home.explore_button.click()
    assert window.diagram is not None and window.state.screen is Screen.DIAGRAM


def test_theme_text_contrast_is_at_least_7_to_1():
    p = theme.Palette()
    assert theme.contrast_ratio(p.text, p.background) >= 7
    assert theme.contrast_ratio(p.text, p.surface) >= 7
    assert theme.contrast_ratio(p.muted_text, p.surface) >= 7
    assert theme.contrast_ratio(p.muted_text, p.background) >= 7
    assert theme.contrast_ratio(p.on_accent, p.accent) >= 7
    assert theme.contrast_ratio(p.accent, p.surface) >= 7
    assert theme.contrast_ratio(p.warning_text, p.warning_bg) >= 7


@pytest.mark.parametrize("kiosk_mode", [True, False], ids=["kiosk", "windowed"])
def test_kiosk_mode_is_frameless_full_screen_and_windowed_is_not(kiosk_app, qtbot, shipped, kiosk_mode):
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from kiosk.domain.config import DEFAULT
    from kiosk.ui.app import show_window
    from kiosk.ui.shell import KioskWindow

    window = KioskWindow(replace(DEFAULT, kiosk_mode=kiosk_mode), shipped, [])
    show_window(kiosk_app, window, kiosk_mode)
    qtbot.waitExposed(window)
    frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
    assert frameless is kiosk_mode
    if kiosk_mode:
        qtbot.waitUntil(window.isFullScreen)
        assert window.geometry() == kiosk_app.primaryScreen().geometry()
    else:
        assert not window.isFullScreen()
    from tests.conftest import dispose_windows

    dispose_windows([window])
