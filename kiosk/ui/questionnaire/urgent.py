"""The end pages that list no topics: the urgent page (a red flag answered "yes") and the
calm page of a result that stops early (such as "this tool is for adults")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.questionnaire.common import SHORT_PX, NoteList, Page, Words, label
from kiosk.ui.questionnaire.page_scroll import PageScroll
from kiosk.ui.widgets import touch_button


class UrgentPage(Page):
    """"Tell the front desk now" or "Please talk to a doctor today": large words, high
    contrast, no topics, and a way to undo a "yes" tapped by mistake."""

    mistakeTapped = Signal()

    def __init__(self, words: Words, parent=None):
        super().__init__("QUrgent", parent)
        self.words = words
        self.setProperty("level", "emergency")
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(40)
        self._layout.addStretch(1)
        self._words_part = words_part = QWidget()  # scrolls on a short screen; the button stays under it
        words_part.setObjectName("QUrgentWords")  # in the page's own colour (theme.py)
        words_part.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._words = QVBoxLayout(words_part)
        self._words.setContentsMargins(0, 0, 0, 0)
        self._words.setSpacing(40)
        self.title = label("QUrgentTitle")
        self.action = label("QUrgentAction")
        self.body = label("QUrgentBody")
        for widget in (self.title, self.action, self.body):
            self._words.addWidget(widget)
        self.words_scroll = PageScroll("QUrgentScroll", words_part)
        self._layout.addWidget(self.words_scroll)
        self.mistake_button = touch_button(words.ui("pressed_yes_by_mistake"), "mistake")
        self.mistake_button.clicked.connect(self.mistakeTapped)
        row = QHBoxLayout()
        row.addWidget(self.mistake_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._layout.addStretch(2)

    @property
    def level(self) -> str:
        return self.property("level")

    def show_level(self, level: str) -> None:
        words = self.words.texts.urgent.get(level, {})
        self.setProperty("level", level)
        self.title.setText(words.get("title", ""))
        self.action.setText(words.get("action", ""))
        self.body.setText(words.get("body", ""))
        for widget in (self, self._words_part, self.title, self.action, self.body, self.mistake_button):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.fit(self.fitted)

    def clear(self) -> None:
        """No words left: which screen showed says which kind of red flag was answered."""
        self.show_level("emergency")
        for widget in (self.title, self.action, self.body):
            widget.clear()

    def fit(self, size: QSize) -> None:
        super().fit(size)
        side = max(theme.MARGIN * 2, min(200, size.width() // 10))
        tall = size.height() >= SHORT_PX
        self._layout.setContentsMargins(side, 64 if tall else 16, side, 64 if tall else 16)
        self._layout.setSpacing(40 if tall else 16)
        self._words.setSpacing(40 if tall else 16)
        fit_words(self, (self.title, self.action, self.body), size.width() - 2 * side, not tall)


class StoppedPage(Page):
    """A result with notes and no topics (under 18: "this tool is for adults"): a calm
    title, the notes as calm boxes, and the line that only a doctor can decide."""

    def __init__(self, words: Words, palette: theme.Palette, parent=None):
        super().__init__(parent=parent)
        self.words = words
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        body = QFrame()  # one calm column in the middle of the screen
        body.setObjectName("QStoppedBody")
        body.setMaximumWidth(1240)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.GAP * 2)
        self.title = label("QStoppedTitle",
                           words.ui("stopped_title"))
        column.addWidget(self.title)
        column.addSpacing(theme.GAP)
        self.notes = NoteList(palette)
        column.addWidget(self.notes)
        self.next_step = label("QStoppedText", words.ui("stopped_next"))
        column.addWidget(self.next_step)
        middle = QWidget()  # scrolls on a short screen
        row = QHBoxLayout(middle)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(body, 100)
        row.addStretch(1)
        self.words_scroll = PageScroll("QStoppedScroll", middle)
        self._layout.addWidget(self.words_scroll)
        self._layout.addStretch(2)

    def show_notes(self, notes) -> None:
        self.notes.set_notes(notes)
        self.fit(self.fitted)

    def clear(self) -> None:
        self.notes.clear()

    def fit(self, size: QSize) -> None:
        super().fit(size)
        side = max(theme.MARGIN * 2, min(200, size.width() // 10))
        tall = size.height() >= SHORT_PX
        self._layout.setContentsMargins(side, 56 if tall else 16, side, 56 if tall else 16)
        width = min(1240, size.width() - 2 * side)
        fit_words(self, (self.title, self.next_step, *self.notes.findChildren(QLabel)), width, not tall)
        for box in self.notes.boxes():  # the note's words beside its mark
            box.text_label.setMinimumHeight(box.text_label.heightForWidth(width - 24 - 28 - 20 - 44))


def fit_words(page: QWidget, labels, width: int, small: bool) -> None:
    """Smaller words on a short screen (the theme's ``fit="small"``), and each wrapped label
    as tall as its words at ``width`` (a layout does not ask a wrapped label for that)."""
    for widget in labels:
        if bool(widget.property("fit")) != small:
            widget.setProperty("fit", "small" if small else None)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if widget.wordWrap() and widget.text():
            widget.setMinimumHeight(widget.heightForWidth(width))
