"""Staff-facing screen shown instead of the kiosk when the content has problems.

Content that failed at start may have no words: the window then hands it the kiosk's own
catalog in the start language (``builtin_words``), so it always has them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import UiWords


class ProblemsScreen(QWidget):
    reloadRequested = Signal()

    def __init__(self, words: UiWords, parent=None):
        super().__init__(parent)
        self.setObjectName("ProblemsScreen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        self.title = QLabel()
        self.title.setObjectName("ProblemsTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.list = QListWidget()
        self.list.setObjectName("ProblemsList")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        self.reload_button = QPushButton()
        self.reload_button.setProperty("role", "primary")
        self.reload_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reload_button.clicked.connect(self.reloadRequested)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignRight)
        self.problems: list[Problem] = []
        self.set_words(words)

    def set_words(self, words: UiWords) -> None:
        self.title.setText(words["problems.title"])
        self.hint.setText(words["problems.hint"])
        self.reload_button.setText(words["problems.reload"])

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.list.clear()
        self.list.addItems([str(p) for p in problems])

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
