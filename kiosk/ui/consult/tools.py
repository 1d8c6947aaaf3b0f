"""Consult mode's controls: the pen column, the picture tabs, the picker and the "?" sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.consult import conditions, treatments
from kiosk.domain.content import ContentSet
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme
from kiosk.ui.consult.pen import ERASER, HIGHLIGHTER, MOVE, PEN, PenSettings
from kiosk.ui.widgets import centred_card, touch_button

PEN_NAMES = ("blue", "red", "green", "black")  # the pen's colours, in the column's order


def tool_button(text: str, checkable: bool = False) -> QPushButton:
    button = touch_button(text, "tool")
    button.setCheckable(checkable)
    return button


class PenColumn(QFrame):
    """Tools, colours, sizes, undo, redo, clear and fit, one column beside the picture."""

    changed = Signal()  # the tool, colour or size changed

    def __init__(self, settings: PenSettings, words: UiWords, parent=None):
        super().__init__(parent)
        self.setObjectName("ConsultBar")
        self.settings = settings
        grid = QGridLayout(self)
        grid.setContentsMargins(theme.GAP // 2, theme.GAP, theme.GAP // 2, theme.GAP)
        grid.setSpacing(6)
        self.tools: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for row, tool in enumerate((PEN, HIGHLIGHTER, ERASER, MOVE)):
            button = tool_button(words[f"consult.{tool}"], True)
            button.clicked.connect(lambda _=False, t=tool: self.set_tool(t))
            group.addButton(button)
            grid.addWidget(button, row, 0, 1, 2)
            self.tools[tool] = button
        self.colours: dict[str, QPushButton] = {}
        colour_group = QButtonGroup(self)
        for index, name in enumerate(PEN_NAMES):
            button = tool_button(words[f"consult.{name}"], True)
            colour = theme.PEN_COLOURS[name]
            # a thick bar of the pen's colour under the word, the word in the text colour
            button.setStyleSheet(f"QPushButton {{ border-bottom: 8px solid {colour}; }}")
            button.clicked.connect(lambda _=False, n=name: self.set_colour(n))
            colour_group.addButton(button)
            grid.addWidget(button, 4 + index // 2, index % 2)
            self.colours[name] = button
        self.sizes: dict[str, QPushButton] = {}
        size_group = QButtonGroup(self)
        for index, size in enumerate(theme.PEN_WIDTHS):
            button = tool_button(words[f"consult.{size}"], True)
            button.clicked.connect(lambda _=False, s=size: self.set_size(s))
            size_group.addButton(button)
            grid.addWidget(button, 6, index)
            self.sizes[size] = button
        self.undo_button = tool_button(words["consult.undo"])
        self.redo_button = tool_button(words["consult.redo"])
        self.clear_button = tool_button(words["consult.clear"])
        self.fit_button = tool_button(words["consult.fit"])
        grid.addWidget(self.undo_button, 7, 0)
        grid.addWidget(self.redo_button, 7, 1)
        grid.addWidget(self.clear_button, 8, 0)
        grid.addWidget(self.fit_button, 8, 1)
        grid.setRowStretch(9, 1)
        self.show_settings()

    def set_tool(self, tool: str) -> None:
        self.settings.tool = tool
        self.show_settings()

    def set_colour(self, name: str) -> None:
        self.settings.colour = name
        if self.settings.tool not in (PEN,):
            self.settings.tool = PEN  # picking a colour picks the pen
        self.show_settings()

    def set_size(self, size: str) -> None:
        self.settings.size = size
        self.show_settings()

    def show_settings(self) -> None:
        s = self.settings
        for tool, button in self.tools.items():
            button.setChecked(tool == s.tool)
        for name, button in self.colours.items():
            button.setChecked(name == s.colour)
        for size, button in self.sizes.items():
            button.setChecked(size == s.size)
        self.changed.emit()


class Picker(QFrame):
    """One tap from the top bar: conditions (step through one), treatments, drawings, animations."""

    conditionPicked = Signal(str)
    pagePicked = Signal(str)
    pictureKeyPicked = Signal(str)
    closed = Signal()

    def __init__(self, content: ContentSet, words: UiWords, view_names: dict[str, str], parent=None):
        super().__init__(parent)
        self.setObjectName("ConsultOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        card = centred_card(outer, 1200, margins=(32, 24), spacing=12)
        head = QHBoxLayout()
        title = QLabel(words["consult.conditions"])
        title.setObjectName("ConsultTitle")
        close = tool_button(words["consult.close"])
        close.clicked.connect(self.close_picker)
        head.addWidget(title, 1)
        head.addWidget(close)
        card.addLayout(head)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setSpacing(theme.GAP)
        self.buttons: dict[str, QPushButton] = {}

        def column(heading: str, entries) -> None:
            box = QVBoxLayout()
            label = QLabel(heading)
            label.setObjectName("ConsultStep")
            box.addWidget(label)
            for key, text, signal, value in entries:
                button = touch_button(text, "pick")
                button.clicked.connect(lambda _=False, s=signal, v=value: self._pick(s, v))
                box.addWidget(button)
                self.buttons[key] = button
            box.addStretch(1)
            columns.addLayout(box, 1)

        column(words["consult.conditions"], [(i, content.get(i).title, self.conditionPicked, i)
                                             for i in conditions(content)])
        column(words["consult.treatments"], [(i, content.get(i).title, self.pagePicked, i)
                                             for i in treatments(content)])
        column(words["consult.drawings"], [(f"view:{d}", name, self.pictureKeyPicked, f"view:{d}")
                                           for d, name in view_names.items()])
        column(words["consult.animations"],
               [(f"animation:{a.id}", a.words(content.language).title, self.pictureKeyPicked,
                 f"animation:{a.id}") for a in sorted(content.animations.values(), key=lambda a: a.id)])
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumHeight(420)
        card.addWidget(scroll, 1)
        self.hide()

    def _pick(self, signal, value: str) -> None:
        self.close_picker()
        signal.emit(value)

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def close_picker(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()


SHORTCUTS = (  # (keys, the words key that says what they do)
    ("P", "consult.pen"), ("H", "consult.highlighter"), ("E", "consult.eraser"), ("M", "consult.move"),
    ("1 2 3 4", "consult.blue"), ("T", "consult.thick"), ("Ctrl+Z", "consult.undo"),
    ("Ctrl+Y, Ctrl+Shift+Z", "consult.redo"), ("Delete", "consult.clear"), ("0, F", "consult.fit"),
    ("+ −", "consult.zoom_in"), ("C", "consult.conditions"), ("←  →", "consult.next"),
    ("V", "consult.compare"), ("Space", "consult.play"), ("Ctrl+P", "consult.print"),
    ("Ctrl+N", "consult.next_patient"), ("?, F1", "consult.help_title"),
)


class HelpSheet(QFrame):
    """The "?" sheet: every keyboard shortcut."""

    def __init__(self, words: UiWords, parent=None):
        super().__init__(parent)
        self.setObjectName("ConsultOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        card = centred_card(outer, 900, margins=(40, 28), spacing=10)
        title = QLabel(words["consult.help_title"])
        title.setObjectName("ConsultTitle")
        card.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.GAP * 2)
        self.lines: list[tuple[str, str]] = []
        colours = " / ".join(words[f"consult.{n}"] for n in PEN_NAMES)
        for row, (keys, word) in enumerate(SHORTCUTS):
            text = {"consult.blue": colours,
                    "consult.thick": f"{words['consult.thin']} / {words['consult.thick']}",
                    "consult.zoom_in": f"{words['consult.zoom_in']} / {words['consult.zoom_out']}",
                    "consult.next": f"{words['consult.previous']} / {words['consult.next']}",
                    "consult.play": f"{words['consult.play']} / {words['consult.pause']}",
                    }.get(word, words[word])
            key_label, what = QLabel(keys), QLabel(text)
            key_label.setObjectName("ConsultTitle")
            what.setObjectName("ConsultHelpText")
            grid.addWidget(key_label, row, 0)
            grid.addWidget(what, row, 1)
            self.lines.append((keys, text))
        card.addLayout(grid)
        hint = QLabel(words["consult.zoom_hint"])
        hint.setObjectName("ConsultHelpText")
        hint.setWordWrap(True)
        card.addWidget(hint)
        close = tool_button(words["consult.close"])
        close.clicked.connect(self.hide)
        card.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.hide()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
