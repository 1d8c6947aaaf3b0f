"""Home screen: the clinic's name, a short welcome, and the large entry buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.config import Config
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme
from kiosk.ui.widgets import wrap_lines


class HomeScreen(QWidget):
    exploreRequested = Signal()
    topicRequested = Signal(str)
    questionnaireRequested = Signal()

    def __init__(self, config: Config, words: UiWords, questionnaire: bool = True, parent=None):
        super().__init__(parent)
        self.setObjectName("HomeScreen")
        # it arranges itself for every size it is given (resizeEvent): the arrangement for the
        # last size never makes the window grow when the screen changes
        self.setMinimumSize(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.GAP, theme.MARGIN, theme.GAP)
        layout.setSpacing(theme.GAP)
        layout.addStretch(2)

        self.title = QLabel(config.clinic_name)
        self.title.setObjectName("ScreenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        # the clinic's own line in this language, else the kiosk's
        self.welcome = QLabel(config.welcome_in(words.language) or words["home.welcome"])
        self.welcome.setObjectName("Welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.welcome.setWordWrap(True)
        layout.addWidget(self.welcome)
        self._before_heroes = QSpacerItem(0, theme.GAP, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addItem(self._before_heroes)

        self.explore_button = QPushButton(words["home.explore"])
        self.explore_button.setProperty("role", "hero")
        self.explore_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.explore_button.clicked.connect(self.exploreRequested)
        self.questionnaire_button = QPushButton(words["home.treatments"])
        self.questionnaire_button.setProperty("role", "hero")
        self.questionnaire_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.questionnaire_button.clicked.connect(self.questionnaireRequested)
        self.questionnaire_button.setVisible(questionnaire)
        self.heroes = (self.explore_button, self.questionnaire_button)
        self._hero_texts = (words["home.explore"], words["home.treatments"])
        # side by side when they fit (their words wrapped if need be), else one above the other
        self.hero_row = row = QHBoxLayout()
        _arrange_row(row, self.heroes, True, theme.GAP * 3)
        layout.addLayout(row)

        self.sciatica_button = self._topic_button(words["home.sciatica"], "sciatica")
        self.about_button = self._topic_button(words["home.about"], "about")
        self.topics_row = QHBoxLayout()  # side by side when they fit, else one above the other
        self.topics_row.setSpacing(theme.GAP * 3)
        self._side_by_side: bool | None = None
        layout.addLayout(self.topics_row)

        self.note = QLabel(words["home.note"])
        self.note.setObjectName("Hint")
        self.note.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.note.setWordWrap(True)
        layout.addStretch(3)
        layout.addWidget(self.note)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.ensurePolished()  # measure in the theme's fonts
        self._arrange_heroes()
        self._arrange_topics()
        self._fit_height()

    def _arrange_heroes(self) -> None:
        """Side by side in the fewest lines that fit the row (two at most); else, and on a
        portrait screen, one above the other, as wide as the wider. Both as tall as the taller."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        pairs = [(b, t) for b, t in zip(self.heroes, self._hero_texts, strict=True) if b.isVisibleTo(self)]
        spacing = theme.GAP * 3
        side_by_side = None
        if self.width() >= self.height():
            for lines in (1, 2):
                widths = [_narrowest(text, button.fontMetrics(), lines) for button, text in pairs]
                if sum(widths) + len(pairs) * HERO_PAD + spacing * (len(pairs) - 1) <= room:
                    side_by_side = widths
                    break
        for index, (button, text) in enumerate(pairs):
            width = side_by_side[index] if side_by_side else room - HERO_PAD
            button.setText(wrap_lines(text, button.fontMetrics(), width))
            button.setMinimumSize(0, 0)
        widest = max((b.sizeHint().width() for b, _ in pairs), default=0)
        tallest = max((b.sizeHint().height() for b, _ in pairs), default=0)
        for button, _text in pairs:
            button.setMinimumSize(0 if side_by_side else widest, tallest)
        _arrange_row(self.hero_row, [b for b, _ in pairs], side_by_side is not None,
                     spacing if side_by_side else theme.GAP * 2)

    def _fit_height(self) -> None:
        """Less room above, below and between the words on a short screen (larger text at
        1280x720): the buttons keep their gaps."""
        layout = self.layout()
        for compact in (False, True):
            margin, gap = (theme.GAP // 2, theme.GAP // 2) if compact else (theme.GAP, theme.GAP)
            layout.setContentsMargins(theme.MARGIN, margin, theme.MARGIN, margin)
            layout.setSpacing(gap)
            self._before_heroes.changeSize(0, gap)
            self.topics_row.setContentsMargins(0, theme.GAP - gap, 0, 0)
            layout.invalidate()
            if layout.totalHeightForWidth(self.width()) <= self.height():
                break

    def _arrange_topics(self) -> None:
        """The two page buttons share a row when it is wide enough (a short screen, or larger
        text, needs the height), else stand one above the other."""
        margins = self.layout().contentsMargins()
        buttons = (self.sciatica_button, self.about_button)
        wide = (sum(b.sizeHint().width() for b in buttons) + theme.GAP * 3
                <= self.width() - margins.left() - margins.right())
        if wide == self._side_by_side:
            return
        self._side_by_side = wide
        _arrange_row(self.topics_row, buttons, wide, theme.GAP * 3 if wide else theme.GAP)

    def _topic_button(self, text: str, page_id: str) -> QPushButton:
        """A secondary button that opens one page."""
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.topicRequested.emit(page_id))
        return button


HERO_PAD = 2 * (56 + 3)  # the theme's side padding and border of a hero button


def _narrowest(text: str, metrics: QFontMetrics, lines: int) -> int:
    """The width of the widest line of ``text`` wrapped into ``lines`` lines as narrow as can be."""
    def widest(width: int) -> tuple[int, int]:
        wrapped = wrap_lines(text, metrics, width).split("\n")
        return len(wrapped), max(metrics.horizontalAdvance(line) for line in wrapped)

    low, high = 1, metrics.horizontalAdvance(text)
    while low < high:  # the narrowest width that needs no more than ``lines`` lines
        middle = (low + high) // 2
        if widest(middle)[0] <= lines:
            high = middle
        else:
            low = middle + 1
    return widest(high)[1]


def _arrange_row(row: QBoxLayout, buttons, wide: bool, spacing: int) -> None:
    """``buttons`` side by side, centred (``wide``), else one above the other, centred."""
    while row.count():
        row.takeAt(0)
    row.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
    row.setSpacing(spacing)
    if wide:
        row.addStretch(1)
    align = Qt.AlignmentFlag(0) if wide else Qt.AlignmentFlag.AlignHCenter
    for button in buttons:
        row.addWidget(button, 0, align)
    if wide:
        row.addStretch(1)
