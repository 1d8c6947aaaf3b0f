"""The question pages: one widget per question type (yes/no, choice, scale); the body map
is in :mod:`.body_map`.

A page shows one question and reports what the patient did with signals; it never keeps
an answer after the next question is shown. The session holds the answers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QSizePolicy,
    QSpacerItem,
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
    flip,
    label,
    mark_icon,
)

YES_NO_PX = 340  # the width of Yes, No and Not sure at 1920x1080 (less on a narrow screen)

# Options that mean "none of the others" (such as "not sure / no scan / none of these" for the
# scan question): choosing one clears the others, and choosing another clears it.


class QuestionPage(Page):
    """The parts every question page has: the progress line and, in subclasses, a header.

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._column_layout: QVBoxLayout | None = None
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
        self.progress_label.setText(self.words.ui("progress", self.tr("{current} of {total}"))
                                    .replace("{current}", str(current)).replace("{total}", str(total)))
        self.progress_bar.setRange(0, 2 * max(total, 1))  # half a step: this question is under way
        self.progress_bar.setValue(max(0, 2 * current - 1))
        texts = self.words.texts
        kicker = self.words.ui("safety", self.tr("Safety check")) if question.is_red_flag else ""
        self.header.set(kicker, texts.question(question.id), self.help_text(question))
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
        return self.words.ui("next", self.tr("Next"))

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
        margin = 96 if size.width() >= NARROW_PX else 48  # less on a narrow (portrait) screen
        tall = size.height() >= SHORT_PX  # less room above and below on a short screen
        if self._column_layout is not None:
            self._column_layout.setContentsMargins(margin, 40 if tall else 20, margin, 24 if tall else 12)
            self._header_gap.changeSize(0, 48 if tall else 24)
            self._column_layout.invalidate()
        self._progress_row.setContentsMargins(margin, 28 if tall else 16, margin, 0)

    def _column(self) -> QVBoxLayout:
        """The usual layout: the header on top, then the answers (added by the caller)."""
        part = QWidget()
        column = QVBoxLayout(part)
        column.setContentsMargins(96, 40, 96, 24)
        column.setSpacing(0)
        self._column_layout = column
        self.header.setMaximumWidth(1500)
        column.addWidget(self.header)
        self._header_gap = QSpacerItem(0, 48, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        column.addItem(self._header_gap)
        self.body.addWidget(part, 1)
        return column


class YesNoPage(QuestionPage):
    """Yes / No, and "Not sure" for a question that is not a safety question."""

    types = ("yes_no",)

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        self._tick = mark_icon(palette, "tick")
        column = self._column()
        row = self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP * 3)
        self.yes_button = AnswerButton()
        self.yes_button.value = True
        self.no_button = AnswerButton()
        self.no_button.value = False
        self.not_sure_button = AnswerButton()
        self.not_sure_button.value = None
        for button, text in ((self.yes_button, words.button("yes", self.tr("Yes"))),
                             (self.no_button, words.button("no", self.tr("No"))),
                             (self.not_sure_button, words.ui("not_sure", self.tr("Not sure")))):
            button.set_label(text)
            button.setProperty("variant", "big")
            # as wide as YES_NO_PX, narrower when three do not fit (a portrait screen)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(YES_NO_PX)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            # the tick only while checked: a blank icon would push a centred label aside
            button.toggled.connect(lambda on, b=button: b.setIcon(self._tick if on else QIcon()))
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            row.addWidget(button, 1)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    def fit(self, size: QSize) -> None:
        super().fit(size)
        flip(self._row, size.width())  # one above the other on a portrait screen
        across = self._row.direction() == QBoxLayout.Direction.LeftToRight
        self._row.setSpacing(theme.GAP * (3 if across else 2))
        for button in self.answer_buttons():
            button.setMaximumWidth(YES_NO_PX if across else 2 * YES_NO_PX)

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
    """One choice (a tap answers) or several (ticks, then *Next*), as a grid of buttons."""

    types = ("single", "multi")

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        self._tick = mark_icon(palette, "tick")
        self._box = mark_icon(palette, "box")
        column = self._column()
        row = QHBoxLayout()  # the grid keeps to the left, under the question
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
        column.addLayout(row)
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
        """Two columns for more than three options, one on a narrow (portrait) screen; the
        buttons are shorter on a short screen, so that every option fits."""
        columns = 1 if count <= 3 or self.fitted.width() < NARROW_PX else 2
        compact = self.fitted.height() < SHORT_PX
        for button in self.choice_buttons:
            self._grid.removeWidget(button)
            button.hide()
        for index, button in enumerate(self.choice_buttons[:count]):
            if button.property("variant") != ("compact" if compact else None):
                button.setProperty("variant", "compact" if compact else None)
                button.style().unpolish(button)
                button.style().polish(button)
                button.setMinimumHeight(COMPACT_HEIGHT if compact else ANSWER_MIN_HEIGHT)
                button.set_label(button.label())  # wrapped again in the new font
            self._grid.addWidget(button, index // columns, index % columns)
            button.show()
        self._grid.setVerticalSpacing(theme.GAP * (1 if compact else 2))
        for col in range(2):
            self._grid.setColumnStretch(col, 1 if col < columns else 0)
        # wide buttons, never wider than a line can be read; they shrink on a narrower screen
        self._grid_box.setMaximumWidth(1000 if columns == 1 else 1712)

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
            return self.words.ui("none_of_these", self.tr("None of these"))
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
    """Eleven large number buttons (0-10) with the end labels under them."""

    types = ("scale",)

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        column = self._column()
        self._row = QHBoxLayout()
        self._row.setSpacing(theme.GAP)
        self.scale_buttons: list[AnswerButton] = []
        column.addLayout(self._row)
        column.addSpacing(theme.GAP)
        ends = QHBoxLayout()
        self.scale_low = label("QScaleEnd", wrap=False)
        self.scale_high = label("QScaleEnd", wrap=False)
        ends.addWidget(self.scale_low)
        ends.addStretch(1)
        ends.addWidget(self.scale_high)
        column.addLayout(ends)
        column.addStretch(1)

    def fill(self, question: Question, kept: Any) -> None:
        low, high = question.min or 0, question.max if question.max is not None else 10
        values = list(range(low, high + 1))
        while len(self.scale_buttons) < len(values):
            button = AnswerButton("scale")
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self._row.addWidget(button, 1)
            self.scale_buttons.append(button)
        for index, button in enumerate(self.scale_buttons):
            if index < len(values):
                button.value = values[index]
                button.set_label(str(values[index]))
                button.setChecked(kept == values[index] and not isinstance(kept, bool))
                button.show()
            else:
                button.setChecked(False)
                button.hide()
        words = self.words.texts.questions.get(question.id, {})
        self.scale_low.setText(f"{low} = {words.get('low', '')}".rstrip(" ="))
        self.scale_high.setText(f"{high} = {words.get('high', '')}".rstrip(" ="))

    def answer_buttons(self) -> list[AnswerButton]:
        return [b for b in self.scale_buttons if not b.isHidden()]


    def _tapped(self, button: AnswerButton) -> None:
        if self.question is None:
            return
        for other in self.scale_buttons:
            other.setChecked(other is button)
        self.answered.emit(button.value)
