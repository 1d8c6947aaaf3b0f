"""The first page: what the questionnaire is, what it is not, what happens to the answers."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.questionnaire.common import SHORT_PX, Page, Words, flip, label
from kiosk.ui.questionnaire.page_scroll import PageScroll
from kiosk.ui.widgets import touch_button


class IntroPage(Page):
    startTapped = Signal()

    def __init__(self, words: Words, parent=None):
        super().__init__(parent=parent)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(theme.GAP * 2)
        self._layout.addStretch(1)
        # the title and the cards scroll on a short screen; Start stays under them
        words_part = QWidget()
        column = QVBoxLayout(words_part)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        intro = words.texts.intro
        self.title = label("QIntroTitle", intro.get("title", ""))
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.title)
        column.addSpacing(24 + theme.GAP * 4)  # as the spacing around it was
        self._title_gap = column.itemAt(column.count() - 1).spacerItem()
        self._cards = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._cards.setSpacing(theme.GAP * 2)
        self._boxes: list[QVBoxLayout] = []
        blocks = ((words.ui("intro_is"), intro.get("body", "")),
                  (words.ui("intro_not"), intro.get("not_diagnosis", "")),
                  (words.ui("intro_privacy"), intro.get("privacy", "")))
        for heading, text in blocks:
            card = QFrame()
            card.setObjectName("QIntroCard")
            box = QVBoxLayout(card)
            box.setContentsMargins(36, 32, 36, 36)
            box.setSpacing(14)
            box.addWidget(label("QIntroHeading", heading))
            box.addWidget(label("QIntroText", text))
            box.addStretch(1)
            self._cards.addWidget(card, 1)
            self._boxes.append(box)
        column.addLayout(self._cards)
        self.words_scroll = PageScroll("QIntroScroll", words_part)
        self._layout.addWidget(self.words_scroll)
        self._layout.addSpacing(40)
        self._gap = self._layout.itemAt(self._layout.count() - 1).spacerItem()
        self.start_button = touch_button(words.ui("start"), "hero")
        self.start_button.setObjectName("QStart")
        self.start_button.clicked.connect(self.startTapped)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self._layout.addStretch(2)

    def fit(self, size: QSize) -> None:
        super().fit(size)
        flip(self._cards, size.width())
        side = 140 if size.width() >= 1600 else theme.MARGIN * 2
        tall = size.height() >= SHORT_PX
        self._layout.setContentsMargins(side, 56 if tall else 16, side, 40 if tall else 16)
        # on a short screen the words get the room the gaps would take
        self._layout.setSpacing(theme.GAP * 2 if tall else 0)
        for gap, usual in ((self._gap, 40), (self._title_gap, 24 + theme.GAP * 4)):
            if gap is not None:
                gap.changeSize(0, usual if tall else theme.GAP)
        self._set_small(False)
        if self._needed(size.width() - 2 * side) > size.height() - (96 if tall else 32):
            self._set_small(True)  # a short screen: smaller words rather than a page that grows

    def _set_small(self, small: bool) -> None:
        for widget in self.findChildren(QLabel):
            if bool(widget.property("fit")) != small:
                widget.setProperty("fit", "small" if small else None)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        for box in self._boxes:
            box.setContentsMargins(*((24, 20, 24, 24) if small else (36, 32, 36, 36)))

    def _needed(self, width: int) -> int:
        """The height the title, the three cards and Start need at ``width``."""
        across = self._cards.direction() == QBoxLayout.Direction.LeftToRight
        spacing = self._cards.spacing()
        card_width = (width - 2 * spacing) // 3 if across else width
        heights = []
        for box in self._boxes:
            margins = box.contentsMargins()
            inner = card_width - margins.left() - margins.right()
            labels = [box.itemAt(i).widget() for i in range(2)]  # the heading and the text
            heights.append(margins.top() + margins.bottom() + box.spacing()
                           + sum(w.heightForWidth(inner) for w in labels if w is not None))
        cards = max(heights) if across else sum(heights) + spacing * (len(heights) - 1)
        return (self.title.heightForWidth(width) + 24 + cards + 40 + self.start_button.sizeHint().height()
                + 3 * self._layout.spacing())
