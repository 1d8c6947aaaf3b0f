"""The patient's "Larger text" and "High contrast" buttons: on every patient screen beside the
language button, applied at once without losing the place or the answers, and back to the
clinic's settings for the next patient."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.domain.config import DEFAULT
from kiosk.ui import theme
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, NavState, Screen


@pytest.fixture
def build(shown_windows, shipped, spanish):
    show = shown_windows

    def make(**settings):
        contents = {"en": shipped, "es": spanish}
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, **settings)
        window = KioskWindow(config, contents[config.language], [], loader=lambda lang: (contents[lang], []),
                             languages=["en", "es"], clock=ManualClock())
        return show(window)

    yield make
    QApplication.instance().setStyleSheet(theme.style_sheet(theme.Palette()))


def tap(qtbot, button) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _title_px(window) -> int:
    return window.home.findChild(QLabel, "ScreenTitle").font().pixelSize()


def test_both_buttons_sit_beside_the_language_button_on_every_patient_screen(build):
    window = build()
    buttons = window.display_buttons
    for state in (NavState(Screen.HOME), NavState(Screen.DIAGRAM, "sciatica"),
                  NavState(Screen.ANIMATION, "herniated-disc"), NavState(Screen.QUESTIONNAIRE)):
        window.navigate(state)
        for button in (buttons.larger_button, buttons.contrast_button):
            assert button.isVisible(), state
            assert button.width() >= 48 and button.height() >= 48
            assert window.top_bar.geometry().contains(button.mapTo(window, button.rect().topLeft()))
            assert not button.isChecked()
        assert buttons.geometry().right() < window.language_button.geometry().left()
    # at 1920x1080 the drawing tabs take the bar's room, so the buttons show their icons only
    assert buttons.compact and buttons.larger_button.text() == ""
    assert buttons.larger_button.accessibleName() == buttons.larger_button.toolTip() == "Larger text"
    assert buttons.contrast_button.accessibleName() == "High contrast"
    window.resize(1080, 1920)  # portrait: the tabs stand above the drawing ...
    window.resize(2560, 1440)  # ... and on a larger screen there is room for the words too
    assert not buttons.compact and buttons.larger_button.text() == "Larger text"
    assert buttons.contrast_button.text() == "High contrast"


def test_larger_text_grows_every_screen_at_once_and_keeps_the_place(build, qtbot):
    window = build()
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    window.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    window.diagram.show_view(next(i for i, v in enumerate(window.diagram.views) if v.diagram.id == "side"))
    history = list(window.history)
    body_before = window.diagram.panel.text.document().defaultStyleSheet()
    tap(qtbot, window.display_buttons.larger_button)
    assert window.preferences.text_size == 1.5 and window.palette_.text_size == 1.5
    assert window.display_buttons.larger_button.isChecked()
    diagram = window.diagram
    assert window.state == NavState(Screen.DIAGRAM, "disc-L4-L5") and window.history == history
    assert diagram.isVisible() and diagram.view.diagram.id == "side"
    assert "disc-L4-L5" in diagram.highlighted and diagram.panel.current_id == "disc-L4-L5"
    body_after = diagram.panel.text.document().defaultStyleSheet()
    body_px = theme.font_px(theme.BODY_PX, window.palette_)
    assert body_after != body_before and f"font-size: {body_px}px" in body_after
    assert window.home_button.font().pixelSize() == theme.font_px(theme.BUTTON_PX, window.palette_)
    tap(qtbot, window.display_buttons.larger_button)  # and back
    assert window.preferences.text_size == 1.0
    assert window.home_button.font().pixelSize() == theme.BUTTON_PX


def test_high_contrast_reaches_the_style_the_drawings_and_the_animations(build, qtbot):
    window = build()
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    window.animation.set_progress(0.6)
    tap(qtbot, window.display_buttons.contrast_button)
    assert window.preferences.contrast == "high" and window.palette_.text == theme.HIGH_CONTRAST.text
    assert theme.HIGH_CONTRAST.text in QApplication.instance().styleSheet()
    screen = window.animation
    assert screen.isVisible() and screen.progress() == pytest.approx(0.6)
    art = screen.canvas.art()
    assert art._leader.name().upper() == theme.HIGH_CONTRAST.leader
    assert art._line_weight == theme.HIGH_CONTRAST.line_weight > 1.0
    # every screen built from now on gets the new palette (screens are built when first shown)
    assert window.screens.get(Screen.DIAGRAM).view._palette == window.palette_
    assert window.screens.get(Screen.ATTRACT).palette_ == window.palette_


def test_the_answers_and_the_question_stay(build, qtbot):
    window = build()
    window.open_questionnaire()
    screen = window.questionnaire
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.no_button)
    tap(qtbot, screen.no_button)
    session, question = screen.session, screen.current_question
    tap(qtbot, window.display_buttons.larger_button)
    tap(qtbot, window.display_buttons.contrast_button)
    restyled = window.questionnaire
    assert restyled is not screen and restyled.isVisible()
    assert restyled.session is session and restyled.current_question.id == question.id
    assert len(session.history) == 2


def test_the_idle_reset_gives_the_next_patient_the_clinic_settings(build, qtbot):
    window = build(text_size=1.25)
    window.navigate(NavState(Screen.DIAGRAM, "sciatica"))
    tap(qtbot, window.display_buttons.larger_button)
    tap(qtbot, window.display_buttons.contrast_button)
    assert (window.preferences.text_size, window.preferences.contrast) == (1.5, "high")
    window.clock.advance(DEFAULT.idle_timeout + 1)
    assert window.state.screen is Screen.ATTRACT
    assert (window.preferences.text_size, window.preferences.contrast) == (1.25, "normal")
    assert window.palette_ == theme.palette_for(DEFAULT.accent_color, "normal", 1.25)
    assert window.attract.palette_ == window.palette_
    assert not window.display_buttons.larger_button.isChecked()
    assert not window.display_buttons.contrast_button.isChecked()
    assert theme.HIGH_CONTRAST.text not in QApplication.instance().styleSheet()


def test_the_clinic_defaults_show_as_pressed_buttons_and_can_be_turned_off(build, qtbot):
    window = build(text_size=1.5, contrast="high")
    buttons = window.display_buttons
    assert buttons.larger_button.isChecked() and buttons.contrast_button.isChecked()
    assert _title_px(window) == theme.font_px(theme.TITLE_PX, window.palette_) > theme.TITLE_PX
    tap(qtbot, buttons.larger_button)
    tap(qtbot, buttons.contrast_button)
    assert (window.preferences.text_size, window.preferences.contrast) == (1.0, "normal")
    assert _title_px(window) == theme.TITLE_PX


def test_the_buttons_speak_the_visit_language(build, qtbot):
    window = build()
    tap(qtbot, window.display_buttons.larger_button)
    tap(qtbot, window.language_button)
    buttons = window.display_buttons
    assert buttons.larger_button.text() == "Letra grande"
    assert buttons.contrast_button.text() == "Alto contraste"
    assert buttons.larger_button.isChecked()  # the choice outlives the language switch
    assert window.palette_.text_size == 1.5
