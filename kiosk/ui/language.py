"""The patient's language button, and carrying the visit's place across a language change.

The button in the top bar shows the other language in its own words ("Español" while the
screens are in English, "English" while they are in Spanish); with three or more languages
it offers the next one in turn. A tap rebuilds the screens' words in that language; the
helpers here note where the patient was (the screen, the drawing tab, the animation's
progress, the questionnaire's session and page) and put them back on the new screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton

from kiosk.domain.languages import language_name
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme

if TYPE_CHECKING:
    from kiosk.ui.window import ShellWindow


class LanguageButton(QPushButton):
    """Offers the next language of the content; hidden when there is only one."""

    languageRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("LanguageButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(theme.MIN_TOUCH, theme.MIN_TOUCH)
        self.offered: str | None = None
        self.clicked.connect(self._tapped)
        self.hide()

    def set_languages(self, languages: list[str], current: str, words: UiWords) -> None:
        """Show the language after ``current`` in ``languages`` (in its own name)."""
        others = [language for language in languages if language != current]
        if not others:
            self.offered = None
            self.hide()
            return
        ordered = sorted(set(languages) | {current})
        after = ordered[(ordered.index(current) + 1) % len(ordered)]
        self.offered = after if after in others else others[0]
        name = language_name(self.offered)
        self.setText(name)
        self.setAccessibleName(f"{words['bar.language']}: {name}")
        self.show()

    def _tapped(self) -> None:
        if self.offered is not None:
            self.languageRequested.emit(self.offered)


@dataclass
class Place:
    """Where the patient is, in words no language needs."""

    view: str | None = None  # the drawing tab on screen
    animation_progress: float | None = None
    animation_playing: bool = False
    animation_comparing: bool = False
    questionnaire: Any = None  # the questionnaire screen's visit, see QuestionnaireScreen.visit()


def capture_place(window: ShellWindow) -> Place:
    place = Place()
    screens = window.screens
    diagram, animation = screens.diagram_screen(), screens.animation_screen()
    questionnaire = screens.questionnaire_screen()
    if diagram is not None:
        place.view = diagram.view.diagram.id
    if animation is not None and animation.content_id is not None:
        place.animation_progress = animation.progress()
        place.animation_playing = animation.is_playing()
        place.animation_comparing = animation.is_comparing()
        animation.pause()
    if questionnaire is not None:
        place.questionnaire = questionnaire.visit()
    return place


def restore_place(window: ShellWindow, place: Place) -> None:
    """Show the window's state again on its new screens, at ``place``."""
    screens = window.screens
    questionnaire = screens.questionnaire_screen(build=True) if place.questionnaire is not None else None
    if questionnaire is not None:
        questionnaire.carry_on(place.questionnaire)  # first: no new session is started
    window.show_state()
    diagram = screens.diagram_screen(build=True) if place.view is not None else None
    if diagram is not None:
        for index, view in enumerate(diagram.views):
            if view.diagram.id == place.view:
                diagram.show_view(index)
    animation = screens.animation_screen()
    if place.animation_progress is not None and animation is not None and animation.content_id:
        animation.set_progress(place.animation_progress)
        if place.animation_comparing:
            animation.compare_button.setChecked(True)
        elif place.animation_playing:
            animation.play()
