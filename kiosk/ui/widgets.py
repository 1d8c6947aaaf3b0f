"""Small widget builders shared by the screens (their looks live in theme.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def touch_button(text: str, role: str | None = None) -> QPushButton:
    """A push button for fingers: styled by ``role`` in the theme, never takes keyboard focus."""
    button = QPushButton(text)
    if role:
        button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` broken at spaces into lines no wider than ``width`` (a longer word keeps a line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class WrappingButton(QPushButton):
    """A full-width button whose words wrap onto more lines when the column is narrow (long
    page titles, Spanish). ``title()`` is the text as given; ``text()`` the wrapped lines."""

    PADDING = 2 * (24 + 3)  # the theme's side padding and border of a "related" button

    def __init__(self, parent=None):
        super().__init__(parent)
        self._title = ""
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    def title(self) -> str:
        return self._title

    def set_title(self, text: str) -> None:
        self._title = text
        self.setAccessibleName(text)
        self._rewrap()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._rewrap()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rewrap()

    def _rewrap(self) -> None:
        self.ensurePolished()  # measure in the theme's font
        wrapped = wrap_lines(self._title, self.fontMetrics(), max(self.width() - self.PADDING, 1))
        if wrapped != self.text():
            self.setText(wrapped)
            # the theme's minimum, or the lines with a little room above and below
            lines = wrapped.count("\n") + 1
            self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 2 * (3 + 10))


class _CurrentPageSizer(QObject):
    """Gives the pages not on show an ignored size policy, so only the page on show counts."""

    def __init__(self, stack: QStackedWidget):
        super().__init__(stack)
        self._stack = stack
        stack.currentChanged.connect(self.apply)
        stack.installEventFilter(self)
        self.apply()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            QTimer.singleShot(0, self, self.apply)  # the page is not in the stack's list yet
        return False

    def apply(self) -> None:
        current = self._stack.currentWidget()
        for index in range(self._stack.count()):
            page = self._stack.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)


def size_by_current_page(stack: QStackedWidget) -> Callable[[], None]:
    """Make ``stack`` as small as its page on show allows (a stacked widget otherwise takes the
    minimum size of its largest page, and one tall page would make the window grow). Returns
    the function that applies it at once (after pages were added)."""
    return _CurrentPageSizer(stack).apply


def centred_card(outer: QBoxLayout, width: int, margins: tuple[int, int] = (64, 56),
                 spacing: int = 28) -> QVBoxLayout:
    """Add a fixed-width card centred in ``outer`` (a full-window overlay); return its column.

    The card sits between stretches rather than using an alignment flag, so labels in it
    that wrap still get the height they need.
    """
    card = QFrame()
    card.setObjectName("OverlayCard")
    card.setFixedWidth(width)
    column = QVBoxLayout(card)
    column.setContentsMargins(margins[0], margins[1], margins[0], margins[1])
    column.setSpacing(spacing)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(1)
    return column


def plain_text(root: QWidget) -> None:
    """Every label under ``root`` shows its text as written: plain text, never rich text.

    A QLabel guesses rich text from the text itself, so a page title such as
    ``<img src=...>`` would load a file. Labels that set a format on purpose (rich text
    built from escaped parts) keep it.
    """
    labels = root.findChildren(QLabel)
    if isinstance(root, QLabel):
        labels.append(root)
    for label in labels:
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)
