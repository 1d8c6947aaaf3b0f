"""The question pages: one widget per question type (yes/no, choice, scale); the body map
is in :mod:`.body_map`.

A page shows one question and reports what the patient did with signals; it never keeps
an answer after the next question is shown. The session holds the answers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.questionnaire import Question
from kiosk.ui import theme
from kiosk.ui.questionnaire.common import (
    ANSWER_MIN_HEIGHT,
    COMPACT_HEIGHT,
    ICON_GAP,
    ICON_PX,
    NARROW_PX,
    SHORT_PX,
    AnswerButton,
    Header,
    Page,
    Words,
    label,
    mark_icon,
    wrap_words,
)
from kiosk.ui.questionnaire.page_scroll import PageScroll

YES_NO_PX = 720  # Yes, No and Not sure are never wider than this
MIN_CHOICE_PX = 280  # two columns of choices only when each gets at least this
SCALE_MIN_PX = 64  # a number of the 0-10 scale; the numbers take two rows when one is too narrow
HEADER_SHARE = 45  # the question's share of the width beside the answers (percent)
WIDE_HEADER_SHARE = 55  # its share on a short screen when the longest question needs more
HEADER_MAX_PX = 1500  # a question above its answers is never wider than this
TIGHT_PX = 80  # the least height of an answer packed tightly
VARIANT_PX = {"big": 144, None: ANSWER_MIN_HEIGHT, "compact": COMPACT_HEIGHT}  # as in the theme

# Options that mean "none of the others" (such as "not sure / no scan / none of these" for the
# scan question): choosing one clears the others, and choosing another clears it.


def _set_variant(button: AnswerButton, variant: str | None) -> None:
    """Give ``button`` the theme's ``variant`` ("big", None or "compact") and its height."""
    if button.property("variant") != variant:
        button.setProperty("variant", variant)
        button.style().unpolish(button)
        button.style().polish(button)
        button.setMinimumHeight(VARIANT_PX[variant])
        button.set_label(button.label())  # wrapped again in the new font


class QuestionPage(Page):
    """The parts every question page has: the progress line and, in subclasses, a header
    beside (landscape) or above (portrait) the answer area.

    The answer area starts at the same place on every question, however long the question
    is: on a landscape screen it is the column beside the question; on a portrait screen
    the header keeps the height of the longest question of the questionnaire.

    Signals: ``answered(value)`` when a tap answers the question, ``skipped()`` for
    "Not sure", ``changed()`` when a choice that needs *Next* changed.
    """

    answered = Signal(object)
    skipped = Signal()
    changed = Signal()

    types: tuple[str, ...] = ()

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(parent=parent)
        self.words = words
        self.palette_ = palette
        self.question: Question | None = None
        self.header = Header(reduce_motion)
        self.answer_area: QWidget | None = None
        self.room = QSize(1000, 600)  # the answer area's room, for the page's own arrangement
        self._reserved = 0  # the header's height above the answers (portrait), else 0
        self._header_width = 800
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._frame: QBoxLayout | None = None
        progress = self._progress_row = QHBoxLayout()
        progress.setContentsMargins(96, 28, 96, 0)
        progress.setSpacing(24)
        self.progress_label = label("QProgress", wrap=False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("QProgressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(12)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar, 1)
        outer.addLayout(progress)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body, 1)

    # --- shown by the screen
    def show_question(self, question: Question, progress: tuple[int, int], kept: Any) -> None:
        """Show ``question`` at ``progress`` (current, total); ``kept``: its earlier answer."""
        self.question = question
        current, total = progress
        self.progress_label.setText(self.words.ui("progress", current=current, total=total))
        self.progress_bar.setRange(0, 2 * max(total, 1))  # half a step: this question is under way
        self.progress_bar.setValue(max(0, 2 * current - 1))
        texts = self.words.texts
        kicker = self.words.ui("safety") if question.is_red_flag else ""
        self.header.set(kicker, texts.question(question.id), self.help_text(question))
        self._hold_header()
        self.fill(question, kept)

    def help_text(self, question: Question) -> str:
        return self.words.texts.help(question.id) or ""

    def fill(self, question: Question, kept: Any) -> None:
        raise NotImplementedError

    # --- asked by the screen
    def can_skip(self) -> bool:
        """Whether *Skip* is offered: never for a safety question (it must be answered)."""
        return self.question is not None and not self.question.is_red_flag

    def uses_next(self) -> bool:
        """True when the answer is given with *Next* (several choices, the body map)."""
        return False

    def pending(self) -> Any:
        """The answer *Next* would give, or None when *Next* cannot be pressed yet."""
        return None

    def next_label(self) -> str:
        return self.words.ui("next")

    def answer_buttons(self) -> list[AnswerButton]:
        return []

    def clear(self) -> None:
        """Forget the question: nothing checked, no words left on the page."""
        self.question = None
        for button in self.findChildren(AnswerButton):
            button.setChecked(False)
        self.progress_label.clear()
        self.progress_bar.setValue(0)
        self.header.set("", "", "")

    def finish_animations(self) -> None:
        self.header.finish_animations()

    def fit(self, size: QSize) -> None:
        super().fit(size)
        portrait = size.width() < NARROW_PX
        tall = size.height() >= SHORT_PX  # less room above and below on a short screen
        margin = 48 if portrait else (96 if tall else 64)
        self._progress_row.setContentsMargins(margin, 28 if tall else 16, margin, 0)
        if self._frame is None:
            return
        top, bottom = (40, 24) if tall else (16, 8)
        self._column_layout.setContentsMargins(margin, top, margin, bottom)
        progress = (28 if tall else 16) + self.progress_label.sizeHint().height()
        height = size.height() - progress - top - bottom
        width = size.width() - 2 * margin
        if portrait:  # the header above, as tall as the longest question's
            self._frame.setDirection(QBoxLayout.Direction.TopToBottom)
            self._frame.setSpacing(48 if tall else 24)
            self._frame.setStretch(0, 0)
            self._frame.setStretch(1, 1)
            text_width = min(width, HEADER_MAX_PX)
            self.header.set_small(False)
            reserved = min(self._longest_header(text_width), height // 2)
            self.room = QSize(width, height - reserved - self._frame.spacing())
        else:  # the question on the left, the answers beside it at the top
            self._frame.setDirection(QBoxLayout.Direction.LeftToRight)
            self._frame.setSpacing(64 if width >= 1500 else 40)
            # the usual words in the usual share of the width, else (a short screen, long
            # questions) smaller words, then a wider question column
            for small, share in ((False, HEADER_SHARE), (True, HEADER_SHARE),
                                 (False, WIDE_HEADER_SHARE), (True, WIDE_HEADER_SHARE)):
                text_width = (width - self._frame.spacing()) * share // 100
                self.header.set_small(small)
                reserved = self._longest_header(text_width)
                if reserved <= height:
                    break
            reserved = min(reserved, height)
            self._frame.setStretch(0, share)
            self._frame.setStretch(1, 100 - share)
            self.room = QSize(width - self._frame.spacing() - text_width, height)
        # a wrapped label beside other widgets is not given the height its width needs: the
        # header column is as tall as the longest question's header
        self._reserved = reserved if portrait else 0
        self._header_width = text_width
        self._hold_header()
        self._column_layout.invalidate()

    def _hold_header(self) -> None:
        """Give the header column its height: a wrapped label beside other widgets is not
        given the height its width needs. On a portrait screen it is as tall as the longest
        question's header (the answers below never move); beside the answers, as tall as
        this question's (never more than the screen has, so a window once larger can shrink
        back)."""
        if self._frame is None:
            return
        self.header.hold(self._header_width)
        question = self.question
        need = 0 if question is None else self.header.height_for(
            self._header_width, self.words.texts.question(question.id), self.help_text(question),
            question.is_red_flag)
        # all of its words; they scroll when the screen has less room (larger text)
        self._header_column.setMinimumHeight(need)
        if self._reserved:
            self._header_scroll.setFixedHeight(self._reserved)
            return
        self._header_scroll.setMinimumHeight(0)
        self._header_scroll.setMaximumHeight(16_777_215)  # Qt's "no maximum"

    def _longest_header(self, width: int) -> int:
        """The height of the tallest header of the questionnaire's questions at ``width``."""
        texts = self.words.texts
        return max((self.header.height_for(width, texts.question(q.id), texts.help(q.id) or "",
                                           q.is_red_flag)
                    for q in self.words.questions if q.type != "body_map" and q.id in texts.questions),
                   default=0)

    def _column(self) -> QVBoxLayout:
        """The usual layout: the header, and beside or under it the answer area (filled by
        the caller in the column returned)."""
        part = QWidget()
        column = QVBoxLayout(part)
        column.setContentsMargins(96, 40, 96, 24)
        column.setSpacing(0)
        self._column_layout = column
        self._frame = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        column.addLayout(self._frame, 1)
        self._header_column = QWidget()
        header_box = QVBoxLayout(self._header_column)
        header_box.setContentsMargins(0, 0, 0, 0)
        header_box.addWidget(self.header)
        header_box.addStretch(1)
        self._header_scroll = PageScroll("QHeaderScroll", self._header_column)
        self._frame.addWidget(self._header_scroll, HEADER_SHARE)
        self.answer_area = QWidget()
        self.answer_area.setObjectName("QAnswers")
        answers = QVBoxLayout(self.answer_area)
        answers.setContentsMargins(0, 0, 0, 0)
        answers.setSpacing(0)
        self._frame.addWidget(self.answer_area, 100 - HEADER_SHARE)
        self.body.addWidget(part, 1)
        return answers


class YesNoPage(QuestionPage):
    """Yes / No, and "Not sure" for a question that is not a safety question: one above
    the other, large, at the top of the answer area."""

    types = ("yes_no",)

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        self._tick = mark_icon(palette, "tick")
        column = self._column()
        self.yes_button = AnswerButton()
        self.yes_button.value = True
        self.no_button = AnswerButton()
        self.no_button.value = False
        self.not_sure_button = AnswerButton()
        self.not_sure_button.value = None
        self._buttons = QVBoxLayout()
        self._buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons.setSpacing(theme.GAP * 2)
        for button, text in ((self.yes_button, words.button("yes")), (self.no_button, words.button("no")),
                             (self.not_sure_button, words.ui("not_sure"))):
            button.set_label(text)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(YES_NO_PX)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            # the tick only while checked: a blank icon would push a centred label aside
            button.toggled.connect(lambda on, b=button: b.setIcon(self._tick if on else QIcon()))
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self._buttons.addWidget(button)
        column.addLayout(self._buttons)
        column.addStretch(1)
        self._variant("big")

    def _variant(self, variant: str | None) -> None:
        """"big" (144 px), None (112 px) or "compact" (88 px): the largest the room allows."""
        for button in self.answer_buttons():
            _set_variant(button, variant)

    def fit(self, size: QSize) -> None:
        super().fit(size)
        plans = (("big", theme.GAP * 2), (None, theme.GAP * 2), ("compact", theme.GAP))
        room = self.room.height()
        variant, gap = next((plan for plan in plans if 3 * VARIANT_PX[plan[0]] + 2 * plan[1] <= room),
                            plans[-1])
        self._variant(variant)
        self._buttons.setSpacing(gap)

    def fill(self, question: Question, kept: Any) -> None:
        self.yes_button.setChecked(kept is True)
        self.no_button.setChecked(kept is False)
        self.not_sure_button.setChecked(False)
        self.not_sure_button.setVisible(not question.is_red_flag)  # a safety question: yes or no

    def answer_buttons(self) -> list[AnswerButton]:
        return [self.yes_button, self.no_button, self.not_sure_button]

    def _tapped(self, button: AnswerButton) -> None:
        question = self.question
        if question is None:
            return
        for other in self.answer_buttons():
            other.setChecked(other is button)
        if button is self.not_sure_button:
            if not question.is_red_flag:
                self.skipped.emit()
            return
        self.answered.emit(button.value)


class ChoicePage(QuestionPage):
    """One choice (a tap answers) or several (ticks, then *Next*), as a grid of buttons:
    one column when the answer area is tall enough, else two."""

    types = ("single", "multi")

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        self._tick = mark_icon(palette, "tick")
        self._box = mark_icon(palette, "box")
        column = self._column()
        answers = QWidget()  # many long answers scroll on a short screen
        row = QHBoxLayout(answers)  # the grid keeps to the left
        row.setContentsMargins(0, 0, 0, 0)
        self._grid_box = QWidget()
        self._grid_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self._grid_box, 1)
        row.addStretch(0)  # takes only what the box, at its widest, leaves
        self._grid = QGridLayout(self._grid_box)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(theme.GAP * 2)
        self._grid.setVerticalSpacing(theme.GAP * 2)
        self.choice_buttons: list[AnswerButton] = []
        self._probes: dict[bool, AnswerButton] = {}
        self.answers_scroll = PageScroll("QAnswersScroll", answers)
        column.addWidget(self.answers_scroll)
        column.addStretch(1)

    @property
    def multi(self) -> bool:
        return self.question is not None and self.question.type == "multi"

    def exclusive(self) -> frozenset[str]:
        return frozenset(self.question.exclusive) if self.question else frozenset()

    def fill(self, question: Question, kept: Any) -> None:
        multi = question.type == "multi"
        chosen = set(kept) if multi and kept else set()
        options = question.options
        while len(self.choice_buttons) < len(options):
            button = AnswerButton()
            button.setProperty("align", "left")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self.choice_buttons.append(button)
        for index, button in enumerate(self.choice_buttons):
            if index < len(options):
                option = options[index]
                button.value = option
                button.setIcon(self._box if multi else self._tick)
                button.set_label(self.words.texts.option(question.id, option))
                button.setChecked(option in chosen if multi else option == kept)
            else:
                button.value = None
                button.setChecked(False)
        self._arrange(len(options))

    def _arrange(self, count: int) -> None:
        """The largest buttons in the fewest columns that fit the answer area (each button as
        tall as its wrapped label needs)."""
        buttons = self.choice_buttons[:count]
        labels = [button.label() for button in buttons]
        room = self.room
        two = room.width() >= 2 * MIN_CHOICE_PX + theme.GAP * 2
        # (smaller words, columns, gap, room above and below a label), largest first; the last
        # ones pack long labels (Spanish, larger text) tightly on a short screen
        plans = [(False, 1, theme.GAP * 2, 24), (True, 1, theme.GAP, 24)]
        plans += [(False, 2, theme.GAP * 2, 24), (True, 2, theme.GAP, 24)] if two else []
        plans += [(True, 1, theme.GAP // 2, 12)] + ([(True, 2, theme.GAP // 2, 12)] if two else [])
        for compact, columns, gap, pad in plans:
            width = min(room.width() if columns == 1 else (room.width() - theme.GAP * 2) // 2, 1000)
            heights = [self._height_at(text, width, compact, pad) for text in labels]
            rows = [max(heights[i:i + columns]) for i in range(0, len(heights), columns)]
            if sum(rows) + (len(rows) - 1) * gap <= room.height():
                break
        self._grid_box.hide()  # rearranged out of sight: a half-done grid never sizes the window
        for button in self.choice_buttons:
            self._grid.removeWidget(button)
            button.hide()
        for index, button in enumerate(buttons):
            _set_variant(button, "compact" if compact else None)
            button.setFixedHeight(rows[index // columns])  # as tall as its row's longest label
            self._grid.addWidget(button, index // columns, index % columns)
            button.show()
        self._grid.setVerticalSpacing(gap)
        for col in range(2):
            self._grid.setColumnStretch(col, 1 if col < columns else 0)
        # wide buttons, never wider than a line can be read; they shrink on a narrower screen
        self._grid_box.setMaximumWidth(1000 if columns == 1 else 1712)
        self._grid_box.show()

    def _height_at(self, text: str, width: int, compact: bool, pad: int) -> int:
        """How tall an answer button with ``text`` is at ``width``: its minimum, or its
        wrapped label's lines (measured on a button that is never shown)."""
        probe = self._probes.get(compact)
        if probe is None:
            probe = self._probes[compact] = AnswerButton()
            probe.setProperty("align", "left")
            _set_variant(probe, "compact" if compact else None)
            probe.ensurePolished()
        metrics = probe.fontMetrics()
        room = width - ICON_PX - ICON_GAP - 2 * 28 - 8  # as AnswerButton wraps its label
        lines = wrap_words(text, room, metrics.horizontalAdvance).count("\n") + 1
        least = probe.minimumHeight() if pad > 12 else TIGHT_PX
        return max(least, lines * metrics.lineSpacing() + pad)

    def fit(self, size: QSize) -> None:
        super().fit(size)
        if self.question is not None:
            self._arrange(len(self.question.options))

    def answer_buttons(self) -> list[AnswerButton]:
        return [b for b in self.choice_buttons if not b.isHidden()]

    def uses_next(self) -> bool:
        return self.multi

    def pending(self) -> Any:
        if not self.multi:
            return None
        chosen = [b.value for b in self.answer_buttons() if b.isChecked()]
        if not chosen and self.exclusive():
            return None  # "none of these" is one of the options here: tap it
        return chosen

    def next_label(self) -> str:
        if self.multi and not self.exclusive() and not any(b.isChecked() for b in self.answer_buttons()):
            return self.words.ui("none_of_these")
        return super().next_label()

    def _tapped(self, button: AnswerButton) -> None:
        if self.question is None:
            return
        if self.multi:
            exclusive = self.exclusive()
            if button.isChecked():
                for other in self.answer_buttons():
                    if other is not button and (button.value in exclusive or other.value in exclusive):
                        other.setChecked(False)
            self.changed.emit()
            return
        for other in self.choice_buttons:
            other.setChecked(other is button)
        self.answered.emit(button.value)


class ScalePage(QuestionPage):
    """Eleven large number buttons (0-10) in a row, or in two rows when the answer area is
    narrow, with the end labels under them."""

    types = ("scale",)

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        column = self._column()
        self._grid = QGridLayout()
        self._grid.setSpacing(theme.GAP)
        self.scale_buttons: list[AnswerButton] = []
        column.addLayout(self._grid)
        column.addSpacing(theme.GAP)
        ends = QHBoxLayout()
        ends.setSpacing(theme.GAP * 2)
        self.scale_low = label("QScaleEnd")
        self.scale_high = label("QScaleEnd")
        self.scale_high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        ends.addWidget(self.scale_low, 1, Qt.AlignmentFlag.AlignTop)
        ends.addWidget(self.scale_high, 1, Qt.AlignmentFlag.AlignTop)
        column.addLayout(ends)
        column.addStretch(1)
        self._per_row = 0

    def fill(self, question: Question, kept: Any) -> None:
        low, high = question.min or 0, question.max if question.max is not None else 10
        values = list(range(low, high + 1))
        while len(self.scale_buttons) < len(values):
            button = AnswerButton("scale")
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self.scale_buttons.append(button)
        for index, button in enumerate(self.scale_buttons):
            if index < len(values):
                button.value = values[index]
                button.set_label(str(values[index]))
                button.setChecked(kept == values[index] and not isinstance(kept, bool))
            else:
                button.setChecked(False)
        words = self.words.texts.questions.get(question.id, {})
        self.scale_low.setText(f"{low} = {words.get('low', '')}".rstrip(" ="))
        self.scale_high.setText(f"{high} = {words.get('high', '')}".rstrip(" ="))
        self._per_row = 0
        self._arrange()

    def _arrange(self) -> None:
        if self.question is None:
            return
        count = len(range(self.question.min or 0, (self.question.max if self.question.max is not None
                                                    else 10) + 1))
        fits = (self.room.width() + theme.GAP) // (SCALE_MIN_PX + theme.GAP)
        rows = -(-count // max(fits, 1))
        per_row = -(-count // rows)  # balanced rows: 6 and 5, not 9 and 2
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for button in self.scale_buttons:
            self._grid.removeWidget(button)
            button.hide()
        for index, button in enumerate(self.scale_buttons[:count]):
            self._grid.addWidget(button, index // per_row, index % per_row)
            button.show()
        for col in range(max(self._grid.columnCount(), per_row)):
            self._grid.setColumnStretch(col, 1 if col < per_row else 0)

    def fit(self, size: QSize) -> None:
        super().fit(size)
        self._arrange()

    def answer_buttons(self) -> list[AnswerButton]:
        return [b for b in self.scale_buttons if not b.isHidden()]

    def _tapped(self, button: AnswerButton) -> None:
        if self.question is None:
            return
        for other in self.scale_buttons:
            other.setChecked(other is button)
        self.answered.emit(button.value)
