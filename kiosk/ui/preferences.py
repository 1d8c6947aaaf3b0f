"""The patient's display choices for one visit: larger text and high contrast (and reduce motion).

Staff choose the defaults in kiosk.toml (``text_size``, ``contrast``, ``reduce_motion``). Two
buttons in the top bar, beside the language button, let a patient change text size and
contrast for their own visit; the idle reset gives the next patient the clinic's defaults back.
Reduce motion has no patient button: it is the clinic's setting (see the README).

:class:`Preferences` holds the choices and says when they change (``changed``); the window
then restyles the application (:func:`restyle`) and builds its screens again in the new
palette, keeping the place and the answers as a language switch does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from kiosk.domain.config import TEXT_SIZES, Config
from kiosk.domain.navigation import Screen
from kiosk.domain.ui_words import UiWords
from kiosk.ui import icons, theme

LARGER_TEXT = TEXT_SIZES[1]  # the "Larger text" button: half as large again
ICON_PX = 32
ICON_GAP = 12  # between the icon and the label


@dataclass(frozen=True)
class Choice:
    text_size: float = 1.0
    contrast: str = "normal"
    reduce_motion: bool = False


class Preferences(QObject):
    """The display choices in force, and the clinic's defaults they return to."""

    changed = Signal()

    def __init__(self, config: Config, parent=None):
        super().__init__(parent)
        self.accent = config.accent_color
        self.defaults = Choice(config.text_size, config.contrast, config.reduce_motion)
        self.current = self.defaults

    @property
    def text_size(self) -> float:
        return self.current.text_size

    @property
    def contrast(self) -> str:
        return self.current.contrast

    @property
    def reduce_motion(self) -> bool:
        return self.current.reduce_motion

    @property
    def larger_text(self) -> bool:
        return self.current.text_size >= LARGER_TEXT

    @property
    def high_contrast(self) -> bool:
        return self.current.contrast == "high"

    def palette(self) -> theme.Palette:
        return theme.palette_for(self.accent, self.contrast, self.text_size)

    def set_larger_text(self, on: bool) -> None:
        """x1.5 text; off: the clinic's size (or the normal size when the clinic's is x1.5)."""
        default = self.defaults.text_size
        self._use(replace(self.current, text_size=LARGER_TEXT if on else
                          (default if default < LARGER_TEXT else TEXT_SIZES[0])))

    def set_high_contrast(self, on: bool) -> None:
        self._use(replace(self.current, contrast="high" if on else "normal"))

    def set_reduce_motion(self, on: bool) -> None:
        self._use(replace(self.current, reduce_motion=on))

    def reset(self) -> None:
        """The clinic's defaults again (the idle reset, before the next patient)."""
        self._use(self.defaults)

    def _use(self, choice: Choice) -> None:
        if choice != self.current:
            self.current = choice
            self.changed.emit()


def restyle(palette: theme.Palette) -> None:
    """The application's font and style sheet in ``palette`` (its colours and text size)."""
    app = QApplication.instance()
    style = theme.style_sheet(palette)
    if not isinstance(app, QApplication) or app.styleSheet() == style:
        return
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(theme.font_px(theme.BODY_PX, palette))
    app.setFont(font)
    app.setStyleSheet(style)


class DisplayButtons(QWidget):
    """"Larger text" and "High contrast": two toggles for the top bar, showing the choices in force."""

    def __init__(self, preferences: Preferences, parent=None):
        super().__init__(parent)
        self.setObjectName("DisplayButtons")
        self.preferences = preferences
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP)
        self.larger_button = self._toggle("LargerTextButton", preferences.set_larger_text)
        self.contrast_button = self._toggle("HighContrastButton", preferences.set_high_contrast)
        row.addWidget(self.larger_button)
        row.addWidget(self.contrast_button)
        preferences.changed.connect(self.show_choices)
        self.show_choices()

    def _toggle(self, name: str, apply) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setProperty("role", "toggle")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
        button.setMinimumSize(theme.MIN_TOUCH, theme.MIN_TOUCH)
        button.clicked.connect(apply)
        return button

    def set_words(self, words: UiWords) -> None:
        self._words = [(self.larger_button, words["bar.larger_text"]),
                       (self.contrast_button, words["bar.high_contrast"])]
        for button, text in self._words:
            button.setAccessibleName(text)
        self.set_compact(self.compact)

    compact = False

    def set_compact(self, compact: bool) -> None:
        """Icons only (a narrow top bar), else icons and words; the words stay the accessible name."""
        self.compact = compact
        for button, text in getattr(self, "_words", []):
            button.setText("" if compact else text)
            button.setToolTip(text if compact else "")
            button.setIconSize(QSize(ICON_PX, ICON_PX) if compact else QSize(ICON_PX + ICON_GAP, ICON_PX))
            if button.property("compact") != compact:  # the theme's narrower icon-only button
                button.setProperty("compact", compact)
                button.style().unpolish(button)
                button.style().polish(button)
        self.show_choices()  # the icon without the gap before a label
        self.layout().invalidate()
        self.updateGeometry()

    def full_width(self, words: bool = True) -> int:
        """The width with words on the buttons (else icons only), however they show now."""
        width = self.layout().spacing() * (len(getattr(self, "_words", [])) - 1)
        for button, text in getattr(self, "_words", []):
            button.ensurePolished()  # the theme's font
            shown = ICON_PX + ICON_GAP + button.fontMetrics().horizontalAdvance(text) if words else ICON_PX
            width += max(shown + 2 * (20 + 3) + 8, button.minimumWidth(),
                         button.sizeHint().width() if words and not self.compact else 0)
        return width

    def show_choices(self) -> None:
        """Checked as the choices are; icons in the palette in force (ink on the button's colour)."""
        palette = self.preferences.palette()
        for button, name, on in ((self.larger_button, "text-larger", self.preferences.larger_text),
                                 (self.contrast_button, "contrast", self.preferences.high_contrast)):
            button.setChecked(on)
            button.setIcon(icons.toggle_icon(name, palette.accent, palette.on_accent, ICON_PX,
                                              ICON_PX if self.compact else ICON_PX + ICON_GAP))


def fit_top_bar(window) -> None:
    """Words on the display buttons when the top bar has room for them beside the clinic's name
    (or the drawing tabs) and the language button, else icons only (a narrow or portrait
    screen, or larger text). The drawing tabs come first: in the bar they leave the drawing
    its full width, so the buttons give up their words for them (on every screen alike)."""
    buttons = window.display_buttons
    margins = window.top_row.contentsMargins()
    window.clinic_label.ensurePolished()
    window.language_button.ensurePolished()
    clinic = window.clinic_label.fontMetrics().horizontalAdvance(window.clinic_label.text())
    label = window.logo_label
    logo_px = label.sizeHint().width() + theme.GAP if label.isVisibleTo(window.top_bar) else 0
    free = (window.width() - margins.left() - margins.right() - logo_px
            - window.language_button.sizeHint().width() - window.read_aloud.room_in_bar() - theme.GAP * 4)
    compact = buttons.full_width() > free - clinic
    diagram = window.screens.built(Screen.DIAGRAM)
    if diagram is not None and len(diagram.views) > 1 and window.width() >= window.height():
        diagram.tab_bar.ensurePolished()
        for tab in diagram.tabs:
            tab.ensurePolished()  # the theme's tab sizes, before the tabs were ever shown
        tabs = free - diagram.tabs_row_width()
        in_bar = window.top_row.indexOf(diagram.tab_bar) >= 0  # words only once the tabs are out
        if buttons.full_width() > tabs and (in_bar or tabs >= buttons.full_width(words=False)):
            compact = True
    if compact != buttons.compact:
        buttons.set_compact(compact)
