"""Pieces every questionnaire page uses: words, labels, drawn icons, answer buttons, the
question header and the calm note box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPropertyAnimation, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.questionnaire import Question, Texts
from kiosk.ui import icons, theme
from kiosk.ui.kinetic import grab_touch_scroll
from kiosk.ui.motion import fade_in
from kiosk.ui.widgets import size_by_current_page

ANSWER_MIN_HEIGHT = 112  # px at 1920x1080; the brief asks for at least 88
COMPACT_HEIGHT = 88  # an answer button on a short screen (1366x768)
ICON_PX = 40  # the drawn check box / tick
ICON_GAP = 14  # room between the tick and the label, drawn into the icon (QSS has no icon spacing)
NARROW_PX = 1200  # below this width (a portrait screen) side-by-side parts stack instead
SHORT_PX = 700  # below this height (a 1366x768 screen) pages use smaller margins


class Words:
    """The words of one language: the questionnaire's texts (``questionnaire.toml``, whose
    ``[ui]`` table holds every word of these pages: the loader makes sure it is complete),
    and the questions, so that a page can make room for the longest of them."""

    def __init__(self, texts: Texts, questions: tuple[Question, ...] = ()):
        self.texts = texts
        self.questions = questions

    def ui(self, key: str, **values: object) -> str:
        """A word of the ``[ui]`` table, with its ``{placeholders}`` filled in."""
        text = self.texts.ui[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def button(self, key: str) -> str:
        return self.texts.buttons[key]


def label(object_name: str, text: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(object_name)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def page_frame(widget: QFrame, name: str = "QPage") -> None:
    widget.setObjectName(name)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


class Page(QFrame):
    """One page of the questionnaire's stack.

    :meth:`fit` adapts the layout to the screen (side by side, or one above the other on a
    portrait screen). The stack calls it for every page, shown or not, because a hidden
    page's minimum size still counts in the window's: a page laid out for another screen
    could push the window past the edge of this one.
    """

    def __init__(self, name: str = "QPage", parent=None):
        super().__init__(parent)
        page_frame(self, name)
        self.fitted = QSize(1920, 1080)  # the size it was last laid out for

    def fit(self, size: QSize) -> None:
        self.fitted = QSize(size)

    def resizeEvent(self, event):
        self.fit(event.size())
        super().resizeEvent(event)


class PageStack(QStackedWidget):
    """A stack that lays out every page for its size, not only the one on show; only the
    page on show sets its minimum size."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.size_pages = size_by_current_page(self)

    def minimumSizeHint(self) -> QSize:
        """No size of its own: a page fits itself to the size it is given (side by side or
        one above the other, smaller words, a part that scrolls), so a page that is briefly
        larger (laid out for another screen, about to fit itself) never makes the window
        grow past the screen."""
        return QSize(0, 0)

    def resizeEvent(self, event):
        for index in range(self.count()):
            page = self.widget(index)
            if isinstance(page, Page):
                page.fit(event.size())
                page.resize(event.size())  # a hidden page keeps its old size until shown
        super().resizeEvent(event)


def kinetic_scroll(name: str, widget: QWidget | None = None) -> QScrollArea:
    """A vertical scroll area a finger can drag (no horizontal scrolling)."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    grab_touch_scroll(scroll.viewport())
    if widget is not None:
        scroll.setWidget(widget)
    return scroll


ROOMY_LINES = 13  # lines of body text a page needs in height before its parts sit side by side


def roomy(size: QSize, body: QLabel) -> bool:
    """Room for two columns side by side: a landscape screen at least ``ROOMY_LINES`` lines of
    ``body``'s text tall. Larger text on a short screen (x1.5 at 1280x720 or 1366x768) has no
    room: its columns stack into one that scrolls."""
    body.ensurePolished()
    return size.width() >= NARROW_PX and size.height() >= ROOMY_LINES * body.fontMetrics().lineSpacing()


def flip(layout: QBoxLayout, width: int) -> None:
    """Side by side on a landscape screen, one above the other on a narrow (portrait) one."""
    direction = (QBoxLayout.Direction.TopToBottom if width < NARROW_PX
                 else QBoxLayout.Direction.LeftToRight)
    if layout.direction() != direction:
        layout.setDirection(direction)


# ----------------------------------------------------------------------------- drawing


_MARKS = {("box", False): "check-box", ("box", True): "check-box-on", ("tick", True): "check-disc-on"}


def _mark_pixmap(palette: theme.Palette, shape: str, checked: bool) -> QPixmap:
    """A check box ("box") or a tick disc ("tick") from ``assets/icons/``, with room after it."""
    name = _MARKS.get((shape, checked))
    if name is None:  # an unticked answer: a blank of the same size keeps the label where it was
        blank = QPixmap(ICON_PX + ICON_GAP, ICON_PX)
        blank.fill(Qt.GlobalColor.transparent)
        return blank
    ink, paper = (palette.on_accent, palette.accent) if checked else (palette.accent, None)
    return icons.pixmap(name, ink, ICON_PX, paper, width=ICON_PX + ICON_GAP)


def mark_icon(palette: theme.Palette, shape: str) -> QIcon:
    """Icon whose "on" state (shown while a checkable button is checked) carries a tick."""
    icon = QIcon()
    icon.addPixmap(_mark_pixmap(palette, shape, False), QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(_mark_pixmap(palette, shape, True), QIcon.Mode.Normal, QIcon.State.On)
    return icon


def chevron(palette: theme.Palette) -> QPixmap:
    return icons.pixmap("chevron", palette.accent, 40)


def info_pixmap(palette: theme.Palette, size: int = 44) -> QPixmap:
    """A round "i": marks a note as information, so colour is not its only sign."""
    return icons.pixmap("info", palette.info_border, size, palette.on_accent)


# ----------------------------------------------------------------------------- widgets


class AnswerButton(QPushButton):
    """A large checkable answer. ``value`` is what it answers; checked shows a tick."""

    def __init__(self, role: str = "answer", parent=None):
        super().__init__(parent)
        self.setProperty("role", role)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(ANSWER_MIN_HEIGHT)
        self.value: Any = None
        self._label = ""

    def minimumSizeHint(self) -> QSize:
        """Small: the page gives the button its width and height (a label, wrapped for a
        width the button no longer has, must never make the window grow)."""
        return QSize(min(super().minimumSizeHint().width(), 2 * ANSWER_MIN_HEIGHT), self.minimumHeight())

    def set_label(self, text: str) -> None:
        """Set the label; it wraps onto two lines when one line does not fit the button."""
        self._label = text
        self._fit()

    def label(self) -> str:
        return self._label

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        text = self._label
        if not text:
            return
        icon = 0 if self.icon().isNull() else self.iconSize().width()
        room = self.width() - icon - 2 * 28 - 8  # padding and border, as in the style sheet
        shown = wrap_words(text, room, self.fontMetrics().horizontalAdvance) if room > 0 else text
        if shown != self.text():
            self.setText(shown)
            self.updateGeometry()


def wrap_words(text: str, room: int, width) -> str:
    """``text`` on as few lines as fit ``room`` pixels (``width(text)`` measures a line);
    two lines are balanced, so a label does not leave one word alone on its last line."""
    if width(text) <= room:
        return text
    words = text.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    if not splits:
        return text
    first, second = min(splits, key=lambda pair: max(map(width, pair)))
    if max(width(first), width(second)) <= room:
        return f"{first}\n{second}"
    lines = [words[0]]
    for word in words[1:]:
        if width(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class Header(QWidget):
    """Kicker ("Safety check"), the question, and its help line; fades in when it changes."""

    def __init__(self, reduce_motion: bool, parent=None):
        super().__init__(parent)
        self._reduce_motion = reduce_motion
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kicker = label("QKicker")
        self.text = label("QuestionText")
        self.help = label("QuestionHelp")
        for widget in (self.kicker, self.text, self.help):
            layout.addWidget(widget)
        self._opacity, self._fade = fade_in(self, self)

    def set(self, kicker: str, text: str, help_text: str) -> None:
        changed = text != self.text.text()
        self.kicker.setText(kicker)
        self.kicker.setVisible(bool(kicker))
        self.text.setText(text)
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        if changed and text and not self._reduce_motion and self.isVisible():
            self._opacity.setEnabled(True)
            self._fade.stop()
            self._fade.start()

    def set_small(self, small: bool) -> None:
        """Smaller words (the theme's ``fit="small"``), for a short screen that has no room
        for the longest question in the usual size."""
        for widget in (self.kicker, self.text, self.help):
            if bool(widget.property("fit")) != small:
                widget.setProperty("fit", "small" if small else None)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def hold(self, width: int) -> None:
        """Each label as tall as its words need at ``width`` (a layout beside other widgets
        does not ask a wrapped label for that)."""
        for widget in (self.kicker, self.text, self.help):
            widget.setMinimumHeight(_text_height(widget, widget.text(), width) if widget.text() else 0)

    def height_for(self, width: int, text: str, help_text: str, kicker: bool) -> int:
        """How tall the header is at ``width`` with these words (in its current fonts)."""
        spacing = self.layout().spacing()
        height = _text_height(self.text, text, width)
        if help_text:
            height += spacing + _text_height(self.help, help_text, width)
        if kicker:
            height += spacing + _text_height(self.kicker, "X", width)
        return height

    def finish_animations(self) -> None:
        if self._fade.state() == QPropertyAnimation.State.Running:
            self._fade.setCurrentTime(self._fade.duration())
            self._fade.stop()
        self._opacity.setEnabled(False)


def _text_height(widget: QLabel, text: str, width: int) -> int:
    widget.ensurePolished()
    flags = int(Qt.TextFlag.TextWordWrap)
    return widget.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text).height()


class NoteBox(QFrame):
    """One note of a result (``Note``) as a calm box: an "i" mark and the note's words.

    Notes are information, not alarms: the theme's soft blue, never red or orange.
    """

    def __init__(self, icon: QPixmap, parent=None):
        super().__init__(parent)
        self.setObjectName("QNote")
        self.note_id: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 20, 28, 22)
        row.setSpacing(20)
        mark = QLabel()
        mark.setObjectName("QNoteMark")
        mark.setPixmap(icon)
        mark.setFixedSize(icon.size())
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = label("QNoteText")
        row.addWidget(self.text_label, 1)

    def set_note(self, note_id: str | None, text: str) -> None:
        self.note_id = note_id
        self.text_label.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.text_label.text()


class NoteList(QWidget):
    """The notes of a result, one :class:`NoteBox` each (a pool, reused between results)."""

    def __init__(self, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self._icon = info_pixmap(palette)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(theme.GAP)
        self._boxes: list[NoteBox] = []

    def set_notes(self, notes) -> None:
        """Show ``notes`` (``Note`` objects: id and text, already in the patient's language)."""
        notes = list(notes)
        while len(self._boxes) < len(notes):
            box = NoteBox(self._icon)
            self._column.addWidget(box)
            self._boxes.append(box)
        for index, box in enumerate(self._boxes):
            if index < len(notes):
                box.set_note(notes[index].id, notes[index].text)
                box.show()
            else:
                box.set_note(None, "")
                box.hide()
        self.setVisible(bool(notes))

    def boxes(self) -> list[NoteBox]:
        """The boxes on show, in order."""
        return [box for box in self._boxes if not box.isHidden()]

    def clear(self) -> None:
        self.set_notes(())
