"""Home screen: the clinic's name, a short welcome, and the large entry buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

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
        layout.addSpacing(theme.GAP)

        self.explore_button = QPushButton(words["home.explore"])
        self.explore_button.setProperty("role", "hero")
        self.explore_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.explore_button.clicked.connect(self.exploreRequested)
        self.questionnaire_button = QPushButton(words["home.treatments"])
        self.questionnaire_button.setProperty("role", "hero")
        self.questionnaire_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.questionnaire_button.clicked.connect(self.questionnaireRequested)
        self.questionnaire_button.setVisible(questionnaire)
        self._hero_texts = (words["home.explore"], words["home.treatments"])
        self.hero_row = row = QHBoxLayout()
        row.setSpacing(theme.GAP * 3)
        row.addStretch(1)
        row.addWidget(self.explore_button)
        row.addWidget(self.questionnaire_button)
        row.addStretch(1)
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
        margins = self.layout().contentsMargins()
        pad = 2 * (56 + 3)  # the theme's side padding and border of a hero button
        needed = self.explore_button.fontMetrics().horizontalAdvance(self._hero_texts[0]) + pad
        if self.questionnaire_button.isVisibleTo(self):  # measured unwrapped, as on one line
            needed += (self.hero_row.spacing() + pad
                       + self.questionnaire_button.fontMetrics().horizontalAdvance(self._hero_texts[1]))
        narrow = needed > self.width() - margins.left() - margins.right()
        # too narrow for both on one line each: their words wrap (side by side, as before)
        room = (self.width() - margins.left() - margins.right() - self.hero_row.spacing()) // 2
        for button, text in ((self.explore_button, self._hero_texts[0]),
                             (self.questionnaire_button, self._hero_texts[1])):
            button.setText(wrap_lines(text, button.fontMetrics(), room - pad) if narrow else text)
        self._arrange_topics()

    def _arrange_topics(self) -> None:
        """The two page buttons share a row when it is wide enough (a short screen, or larger
        text, needs the height), else stand one above the other."""
        margins = self.layout().contentsMargins()
        buttons = (self.sciatica_button, self.about_button)
        wide = (sum(b.sizeHint().width() for b in buttons) + self.topics_row.spacing()
                <= self.width() - margins.left() - margins.right())
        if wide == self._side_by_side:
            return
        self._side_by_side = wide
        while self.topics_row.count():
            self.topics_row.takeAt(0)
        self.topics_row.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                     else QBoxLayout.Direction.TopToBottom)
        if wide:
            self.topics_row.addStretch(1)
        align = Qt.AlignmentFlag(0) if wide else Qt.AlignmentFlag.AlignHCenter
        for button in buttons:
            self.topics_row.addWidget(button, 0, align)
        if wide:
            self.topics_row.addStretch(1)

    def _topic_button(self, text: str, page_id: str) -> QPushButton:
        """A secondary button that opens one page."""
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.topicRequested.emit(page_id))
        return button
