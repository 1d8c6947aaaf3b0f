"""The results page: the topics to discuss, each with its own reasons, the notes as calm
boxes, and the standing line (only a doctor decides; imaging before any procedure)."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.questionnaire import Result
from kiosk.ui import theme
from kiosk.ui.questionnaire.common import (
    ANSWER_MIN_HEIGHT,
    NoteList,
    Page,
    Words,
    chevron,
    kinetic_scroll,
    label,
    roomy,
)


class ResultCard(QPushButton):
    """One topic to discuss: its name, "Because: ...", and "Learn more" with an arrow."""

    def __init__(self, arrow: QPixmap, more: str, parent=None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.category: str | None = None
        self._reasons = ""
        self.title_label = label("QCardTitle")
        self.reasons_label = label("QCardReasons")
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.more_label = label("QCardMore", more, wrap=False)
        arrow_label = QLabel()
        arrow_label.setPixmap(arrow)
        arrow_label.setStyleSheet("background: transparent;")
        for child in (self.title_label, self.reasons_label, self.more_label, arrow_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title_label)
        text.addWidget(self.reasons_label)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        row.setContentsMargins(32, 16, 28, 18)
        row.setSpacing(24)
        row.addLayout(text, 1)
        row.addWidget(self.more_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(arrow_label, 0, Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_topic(self, category: str | None, title: str, because: str = "",
                  reasons: tuple[str, ...] = ()) -> None:
        """Show a topic; ``reasons`` are sentences that follow ``because`` ("Because")."""
        self.category = category
        self.title_label.setText(title)
        self._reasons = f"{because}: {'; '.join(reasons)}" if reasons else ""
        self.reasons_label.setText(f"<b>{html.escape(because)}:</b> {html.escape('; '.join(reasons))}"
                                   if reasons else "")
        self.reasons_label.setVisible(bool(reasons))
        self.setAccessibleName(f"{title}. {self._reasons}" if reasons else title)
        self.updateGeometry()

    def reasons_text(self) -> str:
        """The reasons as plain text: "Because: ...; ..." ("" when none)."""
        return self._reasons

    def full_text(self) -> str:
        return f"{self.title_label.text()}\n{self._reasons}".strip()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(ANSWER_MIN_HEIGHT, self.layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 200 else 1000
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(300, ANSWER_MIN_HEIGHT)


class ResultsPage(Page):
    """Topics on the left (they scroll when there are many), notes and the standing line on
    the right; on a portrait screen, or a short one with larger text, the title, the topics,
    the notes and the standing line are one column that scrolls."""

    topicRequested = Signal(str)

    def __init__(self, words: Words, palette: theme.Palette, parent=None):
        super().__init__(parent=parent)
        self.words = words
        self._chevron = chevron(palette)
        self._split = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._split.setContentsMargins(80, 36, 56, 28)
        self._split.setSpacing(48)
        left = self._left = QVBoxLayout()
        left.setSpacing(theme.GAP * 2)
        self.title = label("QuestionText", words.texts.results.get("title", ""))
        left.addWidget(self.title)
        self._stacked = False
        cards = QWidget()
        cards.setObjectName("QCards")
        self._cards_box = QVBoxLayout(cards)
        self._cards_box.setContentsMargins(0, 0, 16, 0)
        self._cards_box.setSpacing(theme.GAP + 8)
        self._cards_box.addStretch(1)
        self.scroll = kinetic_scroll("QResultsScroll", cards)
        self._cards: list[ResultCard] = []
        left.addWidget(self.scroll, 1)
        self._split.addLayout(left, 64)

        side = self._side = QWidget()  # scrolls only on a short screen
        side.setObjectName("QResultsSide")
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 12, 0)
        right.setSpacing(theme.GAP * 2)
        right.addSpacing(8)
        self.notes = NoteList(palette)
        right.addWidget(self.notes)
        self.standing_label = label("QStanding", words.texts.results.get("standing", ""))
        right.addWidget(self.standing_label)
        right.addStretch(1)
        self.side_scroll = kinetic_scroll("QResultsSideScroll", side)
        self._split.addWidget(self.side_scroll, 36)

    def show_result(self, result: Result) -> None:
        """Show the topics of a "topics" result, each with the reasons the engine picked."""
        texts = self.words.texts
        because = texts.results["because"]
        more = self.words.ui("learn_more")
        while len(self._cards) < len(result.suggestions):
            card = ResultCard(self._chevron, more)
            card.clicked.connect(lambda _=False, c=card: self._tapped(c))
            self._cards_box.insertWidget(len(self._cards) + int(self._stacked), card)  # after the title
            self._cards.append(card)
        for index, card in enumerate(self._cards):
            if index < len(result.suggestions):
                suggestion = result.suggestions[index]
                card.set_topic(suggestion.category, texts.category(suggestion.category), because,
                               tuple(reason.text for reason in suggestion.reasons))
                card.show()
            else:
                card.set_topic(None, "")
                card.hide()
        self.notes.set_notes(result.notes)
        self.scroll.verticalScrollBar().setValue(0)
        self.side_scroll.verticalScrollBar().setValue(0)

    def cards(self) -> list[ResultCard]:
        return [card for card in self._cards if not card.isHidden()]

    def all_cards(self) -> list[ResultCard]:
        return list(self._cards)

    def clear(self) -> None:
        for card in self._cards:
            card.set_topic(None, "")
            card.hide()
        self.notes.clear()

    def is_stacked(self) -> bool:
        """True when the topics, notes and standing line are one scrolling column."""
        return self._stacked

    def fit(self, size: QSize) -> None:
        super().fit(size)
        stacked = not roomy(size, self.standing_label)
        if stacked == self._stacked:
            return
        self._stacked = stacked
        if stacked:  # the title, the topics, then the notes: one column under one finger
            self._left.removeWidget(self.title)
            self._cards_box.insertWidget(0, self.title)
            self.side_scroll.takeWidget()
            self._cards_box.insertWidget(self._cards_box.count() - 1, self._side)  # before the stretch
            self.side_scroll.hide()
        else:
            self._cards_box.removeWidget(self.title)
            self._left.insertWidget(0, self.title)
            self._cards_box.removeWidget(self._side)
            self.side_scroll.setWidget(self._side)
            self.side_scroll.show()
        self._side.show()
        self._split.setDirection(QBoxLayout.Direction.TopToBottom if stacked
                                 else QBoxLayout.Direction.LeftToRight)

    def _tapped(self, card: ResultCard) -> None:
        if card.category:
            self.topicRequested.emit(card.category)
