"""Small widget builders shared by the screens (their looks live in theme.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def touch_button(text: str, role: str | None = None) -> QPushButton:
    """A push button for fingers: styled by ``role`` in the theme, never takes keyboard focus."""
    button = QPushButton(text)
    if role:
        button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


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
