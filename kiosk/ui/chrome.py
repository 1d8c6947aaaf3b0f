"""The bars around the screens: the top bar (logo, clinic name, drawing tabs, language button)
and the bottom bar (Home, Back and the main action), and which of them each screen shows."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.domain.config import Config
from kiosk.domain.navigation import NavState, Screen
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme
from kiosk.ui.bar_fit import WrapInBar
from kiosk.ui.language import LanguageButton
from kiosk.ui.widgets import touch_button

log = logging.getLogger(__name__)

# Screens with their own way out (the questionnaire has Back and Start over on every page).
OWN_BOTTOM_BAR = frozenset({Screen.HOME, Screen.PROBLEMS, Screen.QUESTIONNAIRE, Screen.ATTRACT,
                            Screen.CONSULT})
NO_TOP_BAR = frozenset({Screen.ATTRACT, Screen.CONSULT})  # consult mode has its own bar of tools
SCIATICA = NavState(Screen.DIAGRAM, "sciatica")


class Chrome:
    """Builds both bars; the window places them above and below its screens."""

    def __init__(self, config: Config, words: UiWords):
        self.top_bar = self._build_top_bar(config)
        self.bottom_bar = self._build_bottom_bar(words)

    def _build_top_bar(self, config: Config) -> QWidget:
        bar = QFrame()
        bar.setObjectName("TopBar")
        bar.setFixedHeight(theme.TOP_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        self.logo_label = QLabel(bar)
        self.logo_label.setObjectName("Logo")
        logo = _logo_pixmap(config.logo, theme.TOP_BAR_HEIGHT - 32)
        if logo is not None:
            self.logo_label.setPixmap(logo)
            row.addWidget(self.logo_label)
            row.addSpacing(theme.GAP)
        self.logo_label.setVisible(logo is not None)
        self.clinic_label = QLabel(config.clinic_name)
        self.clinic_label.setObjectName("ClinicName")
        row.addWidget(self.clinic_label)
        row.addStretch(1)
        self.language_button = LanguageButton(bar)
        row.addSpacing(theme.GAP)
        row.addWidget(self.language_button)
        self.top_row = row  # screens may add their own controls here (the drawing tabs)
        self.first_right: QWidget = self.language_button  # the drawing tabs go in just before this one
        return bar

    def _build_bottom_bar(self, words: UiWords) -> QWidget:
        bar = QFrame()
        bar.setObjectName("BottomBar")
        bar.setFixedHeight(theme.BOTTOM_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        row.setSpacing(theme.GAP * 2)
        self.home_button = touch_button(words["bar.home"])
        self.back_button = touch_button(words["bar.back"])
        self.action_button = touch_button(words["bar.treatments"], "primary")
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.action_button)
        self.action_fit = WrapInBar(bar, self.action_button, theme.BOTTOM_BAR_HEIGHT)  # long words wrap
        return bar

    def set_words(self, words: UiWords, languages: list[str]) -> None:
        self.home_button.setText(words["bar.home"])
        self.action_button.setText(words["bar.treatments"])  # show_for offers "What is sciatica?" instead
        self.back_button.setText(words["bar.back"])
        self.language_button.set_languages(languages, words.language, words)

    def show_for(self, state: NavState, words: UiWords, has_questionnaire: bool, diagram=None) -> None:
        """The bars and their buttons as ``state`` wants them (``diagram``: the drawing screen,
        if built, whose tabs show only on it)."""
        if diagram is not None:
            diagram.tab_bar.setVisible(state.screen is Screen.DIAGRAM and len(diagram.views) > 1)
        self.show_clinic_name(state, diagram)
        self.bottom_bar.setVisible(state.screen not in OWN_BOTTOM_BAR)
        self.top_bar.setVisible(state.screen not in NO_TOP_BAR)
        if not has_questionnaire:  # the main action opens "What is sciatica?" instead
            self.action_button.setText(words["bar.sciatica"])
            self.action_button.setVisible(state != SCIATICA)

    def show_clinic_name(self, state: NavState, diagram=None) -> None:
        """Home shows the clinic's name large; drawing tabs in the top bar take its place."""
        tabs_in_bar = diagram is not None and self.top_row.indexOf(diagram.tab_bar) >= 0
        self.clinic_label.setVisible(state.screen is not Screen.HOME
                                     and not (state.screen is Screen.DIAGRAM and tabs_in_bar))

    def place_tabs(self, diagram, width: int, height: int, state: NavState, reserved: int = 0) -> None:
        """The drawing tabs sit in the top bar when they fit beside the language button (and
        ``reserved`` pixels for other controls there), else
        (narrow or portrait windows) in a row of their own above the drawing."""
        tabs = diagram.tab_bar
        tabs.ensurePolished()  # the theme's tab sizes, before the tabs were ever shown
        margins = self.top_row.contentsMargins()
        room = (width - margins.left() - margins.right() - self.language_button.sizeHint().width() - reserved
                - theme.GAP * 2 - (self.logo_label.sizeHint().width() + theme.GAP
                                   if self.logo_label.isVisibleTo(self.top_bar) else 0))
        in_bar = self.top_row.indexOf(tabs) >= 0
        fits = diagram.tabs_row_width() <= room and width >= height
        if fits and not in_bar:
            diagram.release_tabs()
            self.clinic_label.hide()  # first: the bar never holds both (the window would grow)
            self.top_row.insertWidget(self.top_row.indexOf(self.first_right) - 1, tabs)
        elif not fits and (in_bar or tabs.parent() is None):
            self.top_row.removeWidget(tabs)
            diagram.hold_tabs()
        tabs.setVisible(state.screen is Screen.DIAGRAM and len(diagram.views) > 1)
        self.show_clinic_name(state, diagram)


def _logo_pixmap(path: str, height: int) -> QPixmap | None:
    """The clinic's logo scaled to ``height``, or None (no logo, or it cannot be read)."""
    if not path:
        return None
    pixmap = QPixmap(path)
    if pixmap.isNull():
        log.warning("the logo %s could not be read", path)
        return None
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
