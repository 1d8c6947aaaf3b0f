"""The questionnaire screen: the page stack, the bottom bar, and the flow between pages.

The engine (:mod:`kiosk.domain.questionnaire`) decides everything and the
:class:`~kiosk.domain.questionnaire.Session` holds every answer; this screen only shows
them and passes taps on. It keeps no copy of the answers: Back reads
``Session.history`` and the end pages read ``Session.result()``.

Page names (``page_name()``): ``intro``, ``question``, ``urgent``, ``stopped`` (a result
with notes and no topics, such as "this tool is for adults"), ``results``, ``compare`` and
``handoff``.

Privacy: :meth:`QuestionnaireScreen.reset` drops the session and clears every page that
shows an answer (checked buttons, chosen areas, result cards, notes, the comparison,
summary, QR code). Nothing here logs an answer, a result or a summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.diagrams import Diagram
from kiosk.domain.handoff import summary_text
from kiosk.domain.questionnaire import URGENCIES, Question, Questionnaire, Result, Session
from kiosk.ui import theme
from kiosk.ui.questionnaire.body_map import BodyMapPage
from kiosk.ui.questionnaire.common import NARROW_PX, AnswerButton, PageStack, Words, label
from kiosk.ui.questionnaire.compare import ComparePage, compare_table
from kiosk.ui.questionnaire.handoff import HandoffPage
from kiosk.ui.questionnaire.intro import IntroPage
from kiosk.ui.questionnaire.question_pages import ChoicePage, QuestionPage, ScalePage, YesNoPage
from kiosk.ui.questionnaire.results import ResultCard, ResultsPage
from kiosk.ui.questionnaire.urgent import StoppedPage, UrgentPage
from kiosk.ui.widgets import touch_button

SHORT_WINDOW_PX = 800  # a window lower than this (1366x768, 1280x720) gets a lower bar
LOOSE_PX = 48  # a bar button's least width while the rows are being chosen (a finger's width)
PAGES = ("intro", "question", "urgent", "stopped", "results", "compare", "handoff")


@dataclass(frozen=True)
class Visit:
    """A questionnaire in progress: its session (every answer), what was counted, the page
    on screen and the answer being chosen there (not yet given)."""

    session: Session
    reported: frozenset[str]
    page: str
    pending: Any = None


class BottomBar(QFrame):
    """Back and Start over on the left, the page's own actions on the right."""

    def __init__(self, words: Words, parent=None):
        super().__init__(parent)
        self.setObjectName("QBar")
        self.setFixedHeight(theme.BOTTOM_BAR_HEIGHT)
        # one row; on a portrait screen the page's actions get a row of their own
        self._rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._rows.setContentsMargins(theme.MARGIN, theme.GAP, theme.MARGIN, theme.GAP)
        self._rows.setSpacing(theme.GAP * 2)
        self._row = QHBoxLayout()
        self._row.setSpacing(theme.GAP * 2)
        self._actions = QHBoxLayout()
        self._actions.setSpacing(theme.GAP * 2)
        self._rows.addLayout(self._row, 1)
        self._rows.addLayout(self._actions)
        self.back_button = touch_button(words.ui("back"))
        self.start_over_button = touch_button(words.ui("start_over"))
        self.status_label = label("Hint")
        self.skip_button = touch_button(words.button("skip"))
        self.compare_button = touch_button(words.ui("compare"))
        self.print_button = touch_button(words.ui("print"))
        self.next_button = touch_button(words.ui("next"), "primary")
        self.show_doctor_button = touch_button(words.ui("show_doctor"), "primary")
        self.finish_button = touch_button(words.ui("finish"), "primary")
        self._size = QSize(1920, 1080)
        self._state: tuple[bool, bool, bool] | None = None
        self._row.addWidget(self.back_button)
        self._row.addWidget(self.start_over_button)
        self._row.addWidget(self.status_label, 1)
        for button in (self.skip_button, self.compare_button, self.print_button, self.next_button,
                       self.show_doctor_button, self.finish_button):
            self._actions.addWidget(button)

    def fit(self, size: QSize | None = None) -> None:
        """One row when the buttons on show fit it, with less padding if need be; else (a
        portrait screen, long words) the page's actions get a row of their own. Lower on a
        short screen. Called again whenever other buttons show."""
        if size is not None:
            self._size = QSize(size)
        width, short = self._size.width(), self._size.height() < SHORT_WINDOW_PX
        plans = ((False, False), (True, False), (True, True)) if width >= NARROW_PX else ((True, True),)
        for tight, two_rows in plans:
            self._apply((tight, two_rows, short))
            if two_rows or self._row_width() <= width:
                break
        # each button as wide as its words (the theme's min-width alone would let a full row
        # squeeze "Start over" or "Empezar de nuevo" narrower than its words)
        for button in self.findChildren(QPushButton):
            button.setMinimumWidth(LOOSE_PX if button.isHidden() else button.sizeHint().width())

    def loosen(self) -> None:
        """Before buttons show, hide or change words: no button holds its width until
        :meth:`fit` has chosen the rows (a button shown in a full row would make the window
        grow at once)."""
        for button in self.findChildren(QPushButton):
            button.setMinimumWidth(LOOSE_PX)  # 0 would mean "as wide as its words" again

    def _apply(self, state: tuple[bool, bool, bool]) -> None:
        if state == self._state:
            return
        self._state = state
        tight, two_rows, short = state
        self.setProperty("narrow", tight)
        spacing = theme.GAP if tight else theme.GAP * 2
        self._row.setSpacing(spacing)
        self._actions.setSpacing(spacing)
        self._rows.setDirection(QBoxLayout.Direction.TopToBottom if two_rows
                                else QBoxLayout.Direction.LeftToRight)
        self._rows.setSpacing(theme.GAP if two_rows else theme.GAP * 2)
        vertical = theme.GAP // 2 if short else theme.GAP
        self._rows.setContentsMargins(theme.MARGIN, vertical, theme.MARGIN, vertical)
        row_height = theme.BOTTOM_BAR_HEIGHT - (16 if short else 0)
        self._drop_stretch()
        if two_rows:  # the actions stay at the right, as on a landscape screen
            self._actions.insertStretch(0, 1)
        for widget in (self, *self.findChildren(QWidget)):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        # two rows of buttons as tall as the (larger) text makes them
        tallest = max(b.sizeHint().height() for b in self.findChildren(QPushButton))
        self.setFixedHeight(max(row_height * 2 - theme.GAP * 2, 2 * (tallest + vertical) + theme.GAP)
                            if two_rows else row_height)

    def _row_width(self) -> int:
        """The width of one row with the buttons on show, as they are padded now."""
        buttons = [b for b in self.findChildren(QPushButton) if not b.isHidden()]
        margins = self._rows.contentsMargins()
        status = self.status_label.minimumSizeHint().width() + self._row.spacing()  # between the rows' parts
        return (sum(b.sizeHint().width() for b in buttons) + self._rows.spacing() + status
                + self._row.spacing() * max(len(buttons) - 1, 0) + margins.left() + margins.right())

    def _drop_stretch(self) -> None:
        item = self._actions.itemAt(0)
        if item is not None and item.spacerItem() is not None:
            self._actions.takeAt(0)


class QuestionnaireScreen(QWidget):
    """The whole questionnaire flow. ``session`` is None until :meth:`start`.

    ``pages`` finds a treatment page by its id (the category id); the comparison reads its
    ``[compare]`` words. Without it there is no "Compare your options".
    """

    topicRequested = Signal(str)  # a treatment page id (= a category id)
    exitRequested = Signal()  # leave to the home screen
    # For the anonymous counts: once per session each, never with an answer in them.
    begun = Signal()
    urgentShown = Signal(str)  # "emergency" or "doctor_today"
    resultsShown = Signal(list)  # the suggested category ids ([] for a result without topics)

    def __init__(self, questionnaire: Questionnaire, body_map_diagram: Diagram, palette: theme.Palette,
                 reduce_motion: bool = False, printer_name: str | None = None,
                 pages: Callable[[str], Any] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("QuestionnaireScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._q = questionnaire
        self._find_page = pages
        self.words = words = Words(questionnaire.texts, questionnaire.questions)
        self.session: Session | None = None
        self._reported: set[str] = set()  # what was counted this session (begun, urgent, results)

        self.intro = IntroPage(words)
        self.intro.startTapped.connect(self._begin)
        self.yes_no = YesNoPage(words, palette, reduce_motion)
        self.choice = ChoicePage(words, palette, reduce_motion)
        self.scale = ScalePage(words, palette, reduce_motion)
        self.body_map_page = BodyMapPage(words, palette, reduce_motion, body_map_diagram)
        self.question_pages: tuple[QuestionPage, ...] = (self.yes_no, self.choice, self.scale,
                                                         self.body_map_page)
        for page in self.question_pages:
            page.answered.connect(self._answer)
            page.skipped.connect(self._skip)
            page.changed.connect(self._update_next)
        self.urgent = UrgentPage(words)
        self.urgent.mistakeTapped.connect(self._undo_yes)
        self.stopped = StoppedPage(words, palette)
        self.results = ResultsPage(words, palette)
        self.results.topicRequested.connect(self.topicRequested)
        self.compare = ComparePage(words)
        self.handoff = HandoffPage(words, printer_name)

        self.stack = PageStack()
        self._names: dict[QWidget, str] = {self.intro: "intro", self.urgent: "urgent",
                                           self.stopped: "stopped", self.results: "results",
                                           self.compare: "compare", self.handoff: "handoff"}
        self._names.update({page: "question" for page in self.question_pages})
        for widget in self._names:
            self.stack.addWidget(widget)
        self.stack.size_pages()  # only the page on show counts, from the first layout on
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_bar())
        self._show(self.intro)

    def _build_bar(self) -> QWidget:
        self.bar = bar = BottomBar(self.words)
        for button, slot in ((bar.back_button, self._go_back), (bar.start_over_button, self.start_over),
                             (bar.skip_button, self._skip), (bar.compare_button, self._show_compare),
                             (bar.print_button, lambda: self.print_summary()), (bar.next_button, self._next),
                             (bar.show_doctor_button, self._show_handoff), (bar.finish_button, self.finish)):
            button.clicked.connect(slot)
        self.back_button = bar.back_button
        self.start_over_button = bar.start_over_button
        self.status_label = bar.status_label
        self.skip_button = bar.skip_button
        self.compare_button = bar.compare_button
        self.print_button = bar.print_button
        self.next_button = bar.next_button
        self.show_doctor_button = bar.show_doctor_button
        self.finish_button = bar.finish_button
        return bar

    # ------------------------------------------------------------------ public
    def start(self) -> None:
        """A fresh session and the intro page."""
        self._clear_pages()
        self.session = Session(self._q)
        self._reported = set()
        self._show(self.intro)

    def reset(self) -> None:
        """Drop the session and every answer shown anywhere; back to the intro page."""
        if self.session is not None:
            self.session.reset()  # in case anything still holds the old session
        self.session = None
        self._reported = set()
        self._clear_pages()
        self._show(self.intro)

    def start_over(self) -> None:
        self.reset()
        self.start()

    def finish(self) -> None:
        """The patient is done: forget everything and leave to the home screen."""
        self.reset()
        self.exitRequested.emit()

    def page_name(self) -> str:
        return self._names[self.stack.currentWidget()]

    @property
    def question_page(self) -> QuestionPage | None:
        """The question page on screen (None on any other page)."""
        page = self.stack.currentWidget()
        return page if page in self.question_pages else None

    @property
    def current_question(self) -> Question | None:
        page = self.question_page
        return page.question if page is not None else None

    # the widgets a patient (or a test, or the screenshot tool) taps
    @property
    def start_button(self):
        return self.intro.start_button

    @property
    def yes_button(self) -> AnswerButton:
        return self.yes_no.yes_button

    @property
    def no_button(self) -> AnswerButton:
        return self.yes_no.no_button

    @property
    def not_sure_button(self) -> AnswerButton:
        return self.yes_no.not_sure_button

    @property
    def body_map_view(self):
        return self.body_map_page.view

    body_map = body_map_view

    @property
    def selected_areas(self) -> frozenset[str]:
        return frozenset(self.body_map_page.areas)

    @property
    def urgent_level(self) -> str | None:
        return self.urgent.level if self.page_name() == "urgent" else None

    @property
    def printer_name(self) -> str | None:
        return self.handoff.printer_name

    @property
    def printer_factory(self) -> Callable[[], QPrinter | None]:
        return self.handoff.printer_factory

    @printer_factory.setter
    def printer_factory(self, factory: Callable[[], QPrinter | None]) -> None:
        self.handoff.printer_factory = factory

    def summary(self) -> str:
        """The hand-off text shown on screen and held by the QR code ("" when none)."""
        return self.handoff.summary()

    def qr_code(self) -> QImage:
        return self.handoff.qr_code()

    def answer_buttons(self) -> list[AnswerButton]:
        """The answer buttons of the question on screen."""
        page = self.question_page
        return [b for b in page.answer_buttons() if b.isVisibleTo(self)] if page is not None else []

    def option_button(self, value: Any) -> AnswerButton:
        """The visible answer button for ``value`` (True/False/None for yes/no, a number, an id)."""
        for button in self.answer_buttons():
            if button.value == value and type(button.value) is type(value):
                return button
        raise KeyError(value)

    def result_cards(self) -> list[ResultCard]:
        return self.results.cards()

    def finish_animations(self) -> None:
        for page in self.question_pages:
            page.finish_animations()

    def print_summary(self, printer: QPrinter | None = None) -> bool:
        """Print the hand-off page (summary, QR code, the standing line). True when it printed."""
        outcome = self.handoff.print_summary(printer)
        if outcome is None:
            return False
        printed, message = outcome
        self.status_label.setText(message)
        return printed

    def resizeEvent(self, event):
        self.bar.fit(self.window().size())
        super().resizeEvent(event)

    # ------------------------------------------------------------------ language
    def visit(self) -> Visit | None:
        """The visit in progress, to go on with on this screen in another language."""
        if self.session is None:
            return None
        page = self.question_page
        return Visit(self.session, frozenset(self._reported), self.page_name(),
                     page.pending() if page is not None else None)

    def carry_on(self, visit: Visit) -> None:
        """Go on with ``visit`` (begun in another language): the same Session with its answers,
        the same page, and an answer being chosen still chosen."""
        session = visit.session
        session.questionnaire = self._q  # the same questions and ids; its sentences in this language
        self._clear_pages()
        self.session = session
        self._reported = set(visit.reported)
        if visit.page == "question" and (question := session.next_question()) is not None:
            self._show_question(question, visit.pending)
        elif visit.page in ("urgent", "stopped", "results", "compare", "handoff"):
            self._show_end(session.result())
            if visit.page == "compare":
                self._show_compare()
            elif visit.page == "handoff":
                self._show_handoff()
        else:
            self._show(self.intro)

    # ------------------------------------------------------------------ flow
    def _begin(self) -> None:
        if self.session is None:
            self.session = Session(self._q)
        if self._first("begun"):
            self.begun.emit()
        self._advance()

    def _first(self, what: str) -> bool:
        """True the first time ``what`` happens in this session."""
        if what in self._reported:
            return False
        self._reported.add(what)
        return True

    def _advance(self) -> None:
        session = self.session
        if session is None:
            self._show(self.intro)
        elif session.stopped or (question := session.next_question()) is None:
            self._show_end(session.result())
        else:
            self._show_question(question, None)

    def _answer(self, value: Any) -> None:
        question = self.current_question
        if self.session is None or question is None:
            return
        self.session.answer(question.id, value)
        self._advance()

    def _skip(self) -> None:
        question = self.current_question
        if self.session is None or question is None or question.is_red_flag:
            return  # a safety question must be answered
        self.session.skip(question.id)
        self._advance()

    def _next(self) -> None:
        page = self.question_page
        if page is None or not page.uses_next() or (value := page.pending()) is None:
            return
        self._answer(value)

    def _go_back(self) -> None:
        page = self.page_name()
        if page == "intro":
            self.finish()
        elif page == "handoff":
            self.handoff.clear()
            self._show(self.results)
        elif page == "compare":
            self._show(self.results)
        else:
            self._step_back(keep=True)

    def _undo_yes(self) -> None:
        """ "I pressed Yes by mistake": the same safety question again, nothing chosen."""
        if self.page_name() == "urgent":
            self._step_back(keep=False)

    def _step_back(self, keep: bool) -> None:
        """Forget the last answer and ask its question again (with that answer shown if ``keep``)."""
        session = self.session
        if session is None or not session.history:
            self._clear_questions()
            self._show(self.intro)
            return
        question, kept = session.history[-1]
        session.back()
        self._clear_ends()
        self._show_question(question, kept if keep else None)

    # ------------------------------------------------------------------ pages
    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        name = self._names[page]
        question = self.current_question
        skippable = question is not None and self.question_page.can_skip() and question.type != "yes_no"
        self.bar.loosen()
        self.skip_button.setVisible(skippable)
        self.next_button.setVisible(question is not None and self.question_page.uses_next())
        self.compare_button.setVisible(name == "results" and self._can_compare())
        self.show_doctor_button.setVisible(name in ("results", "compare"))
        self.print_button.setVisible(name == "handoff" and self.handoff.printer_name is not None)
        self.finish_button.setVisible(name in ("urgent", "stopped", "handoff"))
        self.status_label.clear()
        if name != "question":
            self._clear_questions()
        self._update_next()
        self.bar.fit()

    def _show_question(self, question: Question, kept: Any) -> None:
        """Show ``question``; ``kept`` is its previous answer (after Back), shown checked."""
        page = next(p for p in self.question_pages if question.type in p.types)
        for other in self.question_pages:
            if other is not page:
                other.clear()  # an answer given is in the session; no other page keeps it
        self.stack.setCurrentWidget(page)  # visible first, so the header fades in
        page.show_question(question, self.session.progress(), kept)
        self._show(page)

    def _show_end(self, result: Result) -> None:
        self._clear_ends()
        if result.kind in URGENCIES:
            self.urgent.show_level(result.kind)
            self._show(self.urgent)
            if self._first("urgent"):
                self.urgentShown.emit(result.kind)
            return
        if result.kind == "stopped":
            self.stopped.show_notes(result.notes)
            self._show(self.stopped)
        else:
            self.results.show_result(result)
            self._show(self.results)
        if self._first("results"):
            self.resultsShown.emit(result.categories())

    def _compare_tables(self) -> dict[str, dict[str, str]]:
        if self.session is None or self._find_page is None:
            return {}
        return {cat: compare_table(self._find_page(cat)) for cat in self.session.result().categories()}

    def _can_compare(self) -> bool:
        tables = self._compare_tables()
        return len(tables) >= 2 and any(tables.values())

    def _show_compare(self) -> None:
        if self.session is None or self.session.result().kind != "topics":
            return
        self.compare.show_topics(self.session.result().categories(), self._compare_tables())
        self._show(self.compare)

    def _show_handoff(self) -> None:
        session = self.session
        if session is None:
            return
        result = session.result()
        if result.kind != "topics":
            return
        self.handoff.show_summary(summary_text(self._q, session.answers(), result,
                                               safety_cleared=session.red_flags_cleared()))
        self._show(self.handoff)

    def _update_next(self) -> None:
        page = self.question_page
        if page is None or not page.uses_next():
            return
        self.bar.loosen()
        self.next_button.setText(page.next_label())
        self.next_button.setEnabled(page.pending() is not None)
        self.bar.fit()

    # ------------------------------------------------------------------ clearing
    def _clear_questions(self) -> None:
        for page in self.question_pages:
            page.clear()

    def _clear_ends(self) -> None:
        self.urgent.clear()
        self.stopped.clear()
        self.results.clear()
        self.compare.clear()
        self.handoff.clear()

    def _clear_pages(self) -> None:
        self._clear_questions()
        self._clear_ends()
        self.status_label.clear()
        self.finish_animations()
