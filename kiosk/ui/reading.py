"""What the read-aloud button reads on a screen, and the highlight of the sentence being read.

:func:`reading_root` picks the part of a screen a patient reads: the explanation panel of the
drawings, the questionnaire's page on show, the home screen. :func:`collect_parts` walks it in
reading order and takes every visible text: a page's rich text, labels, and the words of
buttons (the answers, the related pages). Each :class:`Part` highlights its own sentences:

- rich text (the panel's page): the sentence's characters, with an extra selection;
- a plain label: the sentence inside the label, drawn in the highlight colours;
- a button, or a label with formatting: a ring round the whole widget.

Every highlight is undone by :meth:`Part.clear` and leaves the widget as it was (a label whose
words changed meanwhile keeps its new words).
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QScrollArea,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from kiosk.domain.sentences import sentence_spans
from kiosk.ui import theme

RING_PX = 5


def reading_root(screen: QWidget | None) -> QWidget | None:
    """The part of ``screen`` that is read aloud; None: nothing to read there (the attract
    screen, the animations, the problems screen)."""
    from kiosk.ui.diagram_screen import DiagramScreen
    from kiosk.ui.home import HomeScreen

    if isinstance(screen, DiagramScreen):
        return screen.panel
    if isinstance(screen, HomeScreen):
        return screen
    questionnaire = sys.modules.get("kiosk.ui.questionnaire.screen")  # imported once it is built
    if questionnaire is not None and isinstance(screen, questionnaire.QuestionnaireScreen):
        return screen.stack.currentWidget()
    return None


@dataclass
class Sentence:
    part: Part
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.part.text[self.start:self.end]


@dataclass(eq=False)
class Part:
    """One widget's text, as read."""

    widget: QWidget
    text: str
    kind: str  # "rich" (a text edit), "label" (plain label), "ring" (whole widget)
    _shown: tuple = field(default=(), repr=False)  # what clear() puts back
    _ring: QFrame | None = field(default=None, repr=False)

    def sentences(self) -> list[Sentence]:
        return [Sentence(self, start, end) for start, end in sentence_spans(self.text)]

    def highlight(self, start: int, end: int, palette: theme.Palette) -> None:
        self.clear()
        widget = self.widget
        if self.kind == "rich" and isinstance(widget, QTextEdit):
            self._highlight_rich(widget, start, end, palette)
        elif self.kind == "label" and isinstance(widget, QLabel):
            self._highlight_label(widget, start, end, palette)
        else:
            self._show_ring(palette)
        _scroll_to(self.widget, self._cursor_rect(start, end))

    def clear(self) -> None:
        widget = self.widget
        if self.kind == "rich" and isinstance(widget, QTextEdit):
            widget.setExtraSelections([])
        elif self.kind == "label" and self._shown and isinstance(widget, QLabel):
            text, text_format, marked, _ = self._shown
            if widget.text() == marked:  # else the page changed the words meanwhile: keep them
                widget.setTextFormat(text_format)
                widget.setText(text)
        if self._ring is not None:
            self._ring.hide()
            self._ring.deleteLater()
            self._ring = None
        self._shown = ()

    def highlighted(self) -> str:
        """The text highlighted now ("" when none): what the tests and a screen reader see."""
        if self.kind == "rich" and isinstance(self.widget, QTextEdit):
            selections = self.widget.extraSelections()
            return selections[0].cursor.selectedText() if selections else ""
        if self.kind == "label":
            return self._shown[3] if len(self._shown) > 3 else ""
        return self.text if self._ring is not None else ""

    # -- the three kinds ------------------------------------------------------
    def _highlight_rich(self, edit: QTextEdit, start: int, end: int, palette: theme.Palette) -> None:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(palette.accent))
        char_format.setForeground(QColor(palette.on_accent))
        selection.format = char_format
        edit.setExtraSelections([selection])

    def _highlight_label(self, label: QLabel, start: int, end: int, palette: theme.Palette) -> None:
        original, text_format = label.text(), label.textFormat()
        text = self.text
        marked = (f"{_html(text[:start])}<span style=\"background-color: {palette.accent}; "
                  f"color: {palette.on_accent};\">{_html(text[start:end])}</span>{_html(text[end:])}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(marked)
        self._shown = (original, text_format, label.text(), text[start:end])

    def _show_ring(self, palette: theme.Palette) -> None:
        ring = QFrame(self.widget)
        ring.setObjectName("ReadingRing")
        ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        ring.setStyleSheet(f"QFrame#ReadingRing {{ background: transparent; border-radius: 16px; "
                           f"border: {RING_PX}px solid {palette.highlight_outline}; padding: 0px; }}")
        ring.setGeometry(self.widget.rect())
        ring.show()
        ring.raise_()
        self._ring = ring

    def _cursor_rect(self, start: int, end: int) -> QRect | None:
        edit = self.widget
        if self.kind != "rich" or not isinstance(edit, QTextEdit):
            return None
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        top = edit.cursorRect(cursor)
        cursor.setPosition(end)
        return top.united(edit.cursorRect(cursor))


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _scroll_to(widget: QWidget, rect: QRect | None) -> None:
    """Scroll the nearest scroll area round ``widget`` so that the sentence is in view."""
    area: QObject | None = widget.parent()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parent()
    page = area.widget() if area is not None else None
    if area is None or page is None or not page.isAncestorOf(widget):
        return
    if rect is None:
        area.ensureWidgetVisible(widget, 0, theme.GAP)
        return
    center = widget.mapTo(page, rect.center())
    area.ensureVisible(center.x(), center.y(), 0, rect.height() // 2 + theme.GAP * 2)


def _plain(label: QLabel) -> tuple[str, bool]:
    """The label's words as read, and whether they carry formatting."""
    text = label.text()
    text_format = label.textFormat()
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text, False
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText(), True


def _button_words(button: QAbstractButton) -> str:
    label = getattr(button, "label", None)  # an answer button: its words before wrapping
    text = label() if callable(label) else button.text()
    return " ".join(str(text).split())


def collect_parts(root: QWidget | None) -> list[Part]:
    """Every visible text under ``root``, in reading order (the order the page was built in)."""
    parts: list[Part] = []
    if root is None:
        return parts

    def walk(widget: QWidget) -> None:
        for child in widget.children():
            if not isinstance(child, QWidget) or child.isHidden() or isinstance(child, QScrollBar):
                continue
            if isinstance(child, QTextEdit):
                text = child.document().toPlainText()
                if text.strip():
                    parts.append(Part(child, text, "rich"))
            elif isinstance(child, QLabel):
                text, rich = _plain(child)
                if text.strip() and child.pixmap().isNull():
                    parts.append(Part(child, " ".join(text.split()) if rich else text,
                                      "ring" if rich else "label"))
            elif isinstance(child, QAbstractButton) and _button_words(child):
                parts.append(Part(child, _button_words(child), "ring"))
            else:
                walk(child)

    walk(root)
    return parts


def collect_sentences(root: QWidget | None) -> list[Sentence]:
    return [sentence for part in collect_parts(root) for sentence in part.sentences()]
