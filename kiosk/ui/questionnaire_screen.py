"""The questionnaire "Which treatments could I discuss?" as touch screens.

One question per screen with huge answer buttons, red flags first, the body map on the
shared diagram component, then the ranked topics with their reasons and a "Show my
doctor" page with a QR code. The engine (:mod:`kiosk.domain.questionnaire`) decides
everything; this module only shows it.

Pages (``page_name()``): ``intro``, ``question``, ``urgent``, ``results``, ``handoff``.

Privacy: the answers live only in ``self.session``. Widgets show them while a patient is
here; :meth:`QuestionnaireScreen.reset` drops the session and clears every widget that
shows an answer (checked buttons, chosen areas, result cards, summary, QR code). Nothing
here logs an answer, a result or a summary.
"""

from __future__ import annotations

import html
import io
import logging
import math
from collections.abc import Callable
from typing import Any

import segno
from PySide6.QtCore import (
    QMargins,
    QPointF,
    QPropertyAnimation,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.diagrams import Diagram
from kiosk.domain.handoff import summary_text
from kiosk.domain.questionnaire import Question, Questionnaire, Session
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.motion import fade_in
from kiosk.ui.widgets import touch_button

log = logging.getLogger(__name__)

PAGES = ("intro", "question", "urgent", "results", "handoff")
ANSWER_MIN_HEIGHT = 112  # px at 1920x1080; the brief asks for at least 88
QR_BORDER = 4  # modules of quiet zone around the code (the QR standard's minimum)
QR_TARGET_PX = 480
QR_MIN_PX = 360
ICON_PX = 40  # the drawn check box / tick
ICON_GAP = 14  # room between the tick and the label, drawn into the icon (QSS has no icon spacing)
MAX_REASONS = 3  # a card lists at most this many reasons: a patient has a minute, not ten
# When a topic has more reasons, the answers that say most about it come first, one per answer.
REASON_PRIORITY = ("imaging", "injection_relief", "tried", "duration", "weakness", "severity", "worse_with",
                   "better_with", "age_band", "main_pain", "numbness", "side", "pain_areas")


# ----------------------------------------------------------------------------- drawing


def qr_image(text: str, target_px: int = QR_TARGET_PX, min_px: int = QR_MIN_PX) -> QImage:
    """A QR code for ``text`` (error level M, never a micro code) with its quiet zone.

    Each module is a whole number of pixels, so the code stays sharp; the image is at
    least ``min_px`` wide.
    """
    qr = segno.make(text, error="m", micro=False)
    modules = qr.symbol_size(border=QR_BORDER)[0]
    scale = max(1, target_px // modules)
    if scale * modules < min_px:
        scale = math.ceil(min_px / modules)
    buffer = io.BytesIO()  # in memory only: the code holds the patient's answers
    qr.save(buffer, kind="png", scale=scale, border=QR_BORDER, dark="#000000", light="#ffffff")
    return QImage.fromData(buffer.getvalue(), "PNG").convertToFormat(QImage.Format.Format_RGB32)


def pick_reasons(reasons, limit: int = MAX_REASONS) -> list:
    """At most ``limit`` of ``reasons``: one per answer first, most telling answers first."""
    def rank(reason) -> int:
        key = reason.answer
        return REASON_PRIORITY.index(key) if key in REASON_PRIORITY else len(REASON_PRIORITY)

    first, rest, seen = [], [], set()
    for reason in sorted(reasons, key=rank):
        (rest if reason.answer in seen else first).append(reason)
        seen.add(reason.answer)
    return (first + rest)[:limit]


def _mark_pixmap(palette: theme.Palette, shape: str, checked: bool) -> QPixmap:
    """A check box ("box") or a tick disc ("tick"), drawn: the font has no check glyph."""
    pixmap = QPixmap(ICON_PX + ICON_GAP, ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    if shape == "tick" and not checked:
        return pixmap  # a blank of the same size keeps the label where it was
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(3, 3, ICON_PX - 6, ICON_PX - 6)
    if checked:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(palette.on_accent))
    else:
        painter.setPen(QPen(QColor(palette.accent), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    if shape == "tick":
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, 8, 8)
    if checked:
        path = QPainterPath(QPointF(ICON_PX * 0.27, ICON_PX * 0.52))
        path.lineTo(ICON_PX * 0.44, ICON_PX * 0.69)
        path.lineTo(ICON_PX * 0.75, ICON_PX * 0.33)
        painter.setPen(QPen(QColor(palette.accent), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.end()
    return pixmap


def _mark_icon(palette: theme.Palette, shape: str) -> QIcon:
    """Icon whose "on" state (shown while a checkable button is checked) carries a tick."""
    icon = QIcon()
    icon.addPixmap(_mark_pixmap(palette, shape, False), QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(_mark_pixmap(palette, shape, True), QIcon.Mode.Normal, QIcon.State.On)
    return icon


def _chevron(palette: theme.Palette) -> QPixmap:
    pixmap = QPixmap(28, 40)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(palette.accent), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    path = QPainterPath(QPointF(7, 6))
    path.lineTo(21, 20)
    path.lineTo(7, 34)
    painter.drawPath(path)
    painter.end()
    return pixmap


def _label(object_name: str, text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


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
        label = self._label
        if not label:
            return
        icon = 0 if self.icon().isNull() else self.iconSize().width()
        room = self.width() - icon - 2 * 28 - 8  # padding and border, as in the style sheet
        metrics = self.fontMetrics()
        text = label
        if room > 0 and metrics.horizontalAdvance(label) > room:
            words = label.split(" ")
            splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
            if splits:
                first, second = min(splits, key=lambda pair: max(map(metrics.horizontalAdvance, pair)))
                text = f"{first}\n{second}"
        if text != self.text():
            self.setText(text)


class ResultCard(QPushButton):
    """One topic to discuss: its name, "Because: ...", and "Learn more" with an arrow."""

    def __init__(self, chevron: QPixmap, more: str, parent=None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.category: str | None = None
        self._reasons = ""
        self.title_label = _label("QCardTitle")
        self.reasons_label = _label("QCardReasons")
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.more_label = _label("QCardMore", more, wrap=False)
        arrow = QLabel()
        arrow.setPixmap(chevron)
        arrow.setStyleSheet("background: transparent;")
        for child in (self.title_label, self.reasons_label, self.more_label, arrow):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title_label)
        text.addWidget(self.reasons_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(32, 16, 28, 18)
        row.setSpacing(24)
        row.addLayout(text, 1)
        row.addWidget(self.more_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(arrow, 0, Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_topic(self, category: str | None, title: str, because: str = "",
                  reasons: tuple[str, ...] = ()) -> None:
        """Show a topic; ``reasons`` are sentences that follow ``because`` ("Because")."""
        self.category = category
        self.title_label.setText(title)
        self._reasons = f"{because}: {'; '.join(reasons)}" if reasons else ""
        self.reasons_label.setText(f"<b>{html.escape(because)}:</b> {html.escape('; '.join(reasons))}"
                                   if reasons else "")
        self.reasons_label.setVisible(bool(reasons))
        self.setAccessibleName(f"{title}. {self._reasons}" if reasons else title)
        self.updateGeometry()

    def reasons_text(self) -> str:
        """The reasons as plain text: "Because: ...; ..." ("" when none)."""
        return self._reasons

    def full_text(self) -> str:
        return f"{self.title_label.text()}\n{self._reasons}".strip()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(ANSWER_MIN_HEIGHT, self.layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 200 else 1000
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(300, ANSWER_MIN_HEIGHT)


class _Header(QWidget):
    """Kicker ("Safety check"), the question, and its help line; fades in when it changes."""

    def __init__(self, reduce_motion: bool, parent=None):
        super().__init__(parent)
        self._reduce_motion = reduce_motion
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kicker = _label("QKicker")
        self.text = _label("QuestionText")
        self.help = _label("QuestionHelp")
        for label in (self.kicker, self.text, self.help):
            layout.addWidget(label)
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

    def finish_animations(self) -> None:
        if self._fade.state() == QPropertyAnimation.State.Running:
            self._fade.setCurrentTime(self._fade.duration())
            self._fade.stop()
        self._opacity.setEnabled(False)


# ------------------------------------------------------------------------------ screen


class QuestionnaireScreen(QWidget):
    """The whole questionnaire flow. ``session`` is None until :meth:`start`."""

    topicRequested = Signal(str)  # a treatment page id (= a category id)
    exitRequested = Signal()  # leave to the home screen
    # For the anonymous counts: once per session each, never with an answer in them.
    begun = Signal()
    urgentShown = Signal(str)  # "emergency" or "doctor_today"
    resultsShown = Signal(list)  # the suggested category ids

    def __init__(self, questionnaire: Questionnaire, body_map_diagram: Diagram, palette: theme.Palette,
                 reduce_motion: bool = False, printer_name: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("QuestionnaireScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._q = questionnaire
        self._body_diagram = body_map_diagram
        self._texts = questionnaire.texts
        self._palette = palette
        self._reduce_motion = reduce_motion
        self._printer_name = printer_name or None
        self.session: Session | None = None
        self._asked: list[str] = []  # question ids in answer order (no values): what Back undoes
        self._reported: dict[str, bool] = {}  # what was counted this session (begun, urgent, results)
        self._current: Question | None = None
        self._areas: set[str] = set()
        self._summary = ""
        self._qr = QImage()
        self._tick_icon = _mark_icon(palette, "tick")
        self._box_icon = _mark_icon(palette, "box")
        self._chevron = _chevron(palette)
        self.printer_factory: Callable[[], QPrinter | None] = self._default_printer

        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        for name, build in (("intro", self._build_intro), ("question", self._build_question),
                            ("urgent", self._build_urgent), ("results", self._build_results),
                            ("handoff", self._build_handoff)):
            page = build()
            self._pages[name] = page
            self.stack.addWidget(page)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_bar())
        self.body_map = self.body_map_view  # alias: the diagram the patient taps
        self._show_page("intro")

    # ------------------------------------------------------------------ words
    def _ui(self, key: str, default: str) -> str:
        """A short word from the language file's [ui] table, else the translated default."""
        return self._texts.ui.get(key) or default

    # ------------------------------------------------------------------ building
    def _page(self, name: str = "QPage") -> QFrame:
        page = QFrame()
        page.setObjectName(name)
        return page

    def _build_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("QBar")
        bar.setFixedHeight(theme.BOTTOM_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, theme.GAP, theme.MARGIN, theme.GAP)
        row.setSpacing(theme.GAP * 2)
        self.back_button = touch_button(self._ui("back", self.tr("Back")))
        self.back_button.clicked.connect(self._go_back)
        self.start_over_button = touch_button(self._ui("start_over", self.tr("Start over")))
        self.start_over_button.clicked.connect(self.start_over)
        self.status_label = _label("Hint")
        self.skip_button = touch_button(self._texts.buttons.get("skip") or self.tr("Skip this question"))
        self.skip_button.clicked.connect(self._skip)
        self.next_button = touch_button(self._ui("next", self.tr("Next")), "primary")
        self.next_button.clicked.connect(self._next)
        self.show_doctor_button = touch_button(self._ui("show_doctor", self.tr("Show my doctor")), "primary")
        self.show_doctor_button.clicked.connect(self._show_handoff)
        self.print_button = touch_button(self._ui("print", self.tr("Print")))
        self.print_button.clicked.connect(lambda: self.print_summary())
        self.finish_button = touch_button(self._ui("finish", self.tr("Finish")), "primary")
        self.finish_button.clicked.connect(self.finish)
        row.addWidget(self.back_button)
        row.addWidget(self.start_over_button)
        row.addWidget(self.status_label, 1)
        for button in (self.skip_button, self.print_button, self.next_button, self.show_doctor_button,
                       self.finish_button):
            row.addWidget(button)
        return bar

    def _build_intro(self) -> QWidget:
        page = self._page()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(140, 56, 140, 40)
        layout.setSpacing(theme.GAP * 2)
        layout.addStretch(1)
        intro = self._texts.intro
        self.intro_title = _label("QIntroTitle", intro.get("title", ""))
        self.intro_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.intro_title)
        layout.addSpacing(24)
        cards = QHBoxLayout()
        cards.setSpacing(theme.GAP * 2)
        blocks = ((self._ui("intro_is", self.tr("What this is")), intro.get("body", "")),
                  (self._ui("intro_not", self.tr("What it is not")), intro.get("not_diagnosis", "")),
                  (self._ui("intro_privacy", self.tr("Your answers")), intro.get("privacy", "")))
        for heading, text in blocks:
            card = QFrame()
            card.setObjectName("QIntroCard")
            box = QVBoxLayout(card)
            box.setContentsMargins(36, 32, 36, 36)
            box.setSpacing(14)
            box.addWidget(_label("QIntroHeading", heading))
            box.addWidget(_label("QIntroText", text))
            box.addStretch(1)
            cards.addWidget(card, 1)
        layout.addLayout(cards)
        layout.addSpacing(40)
        self.start_button = touch_button(self._ui("start", self.tr("Start")), "hero")
        self.start_button.setObjectName("QStart")
        self.start_button.clicked.connect(self._begin)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_question(self) -> QWidget:
        page = self._page()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        progress = QHBoxLayout()
        progress.setContentsMargins(96, 28, 96, 0)
        progress.setSpacing(24)
        self.progress_label = _label("QProgress", wrap=False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("QProgressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(12)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar, 1)
        layout.addLayout(progress)

        # Only one of the parts below is shown at a time. Hidden widgets take no room, so
        # the page never needs more height than the question on screen.
        # -- every type but the body map: the question on top, the answers below
        self.general_part = QWidget()
        column = QVBoxLayout(self.general_part)
        column.setContentsMargins(96, 40, 96, 24)
        column.setSpacing(0)
        self.header = _Header(self._reduce_motion)
        self.header.setMaximumWidth(1500)
        column.addWidget(self.header)
        column.addSpacing(48)

        # yes / no (/ not sure)
        self.yes_no_part = QWidget()
        row = QHBoxLayout(self.yes_no_part)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP * 3)
        self.yes_button = AnswerButton()
        self.yes_button.value = True
        self.no_button = AnswerButton()
        self.no_button.value = False
        self.not_sure_button = AnswerButton()
        self.not_sure_button.value = None
        for button, text in ((self.yes_button, self._texts.buttons.get("yes") or self.tr("Yes")),
                             (self.no_button, self._texts.buttons.get("no") or self.tr("No")),
                             (self.not_sure_button, self._ui("not_sure", self.tr("Not sure")))):
            button.set_label(text)
            button.setProperty("variant", "big")
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            # the tick only while checked: a blank icon would push a centred label aside
            button.toggled.connect(lambda on, b=button: b.setIcon(self._tick_icon if on else QIcon()))
            button.clicked.connect(lambda _=False, b=button: self._on_yes_no(b))
            row.addWidget(button)
        row.addStretch(1)
        column.addWidget(self.yes_no_part)

        # single / multi: a grid of large buttons (a pool, reused from question to question)
        self.choices_part = QWidget()
        choices_row = QHBoxLayout(self.choices_part)  # the grid keeps to the left, under the question
        choices_row.setContentsMargins(0, 0, 0, 0)
        self._choices_box = QWidget()
        self._choices_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        choices_row.addWidget(self._choices_box, 1)
        choices_row.addStretch(0)  # takes only what the box, at its widest, leaves
        self._choice_grid = QGridLayout(self._choices_box)
        self._choice_grid.setContentsMargins(0, 0, 0, 0)
        self._choice_grid.setHorizontalSpacing(theme.GAP * 2)
        self._choice_grid.setVerticalSpacing(theme.GAP * 2)
        self.choice_buttons: list[AnswerButton] = []
        column.addWidget(self.choices_part)

        # scale: eleven large number buttons with the end labels under them
        self.scale_part = QWidget()
        scale_column = QVBoxLayout(self.scale_part)
        scale_column.setContentsMargins(0, 0, 0, 0)
        scale_column.setSpacing(theme.GAP)
        self._scale_row = QHBoxLayout()
        self._scale_row.setSpacing(theme.GAP)
        self.scale_buttons: list[AnswerButton] = []
        scale_column.addLayout(self._scale_row)
        ends = QHBoxLayout()
        self.scale_low = _label("QScaleEnd", wrap=False)
        self.scale_high = _label("QScaleEnd", wrap=False)
        ends.addWidget(self.scale_low)
        ends.addStretch(1)
        ends.addWidget(self.scale_high)
        scale_column.addLayout(ends)
        column.addWidget(self.scale_part)
        column.addStretch(1)
        layout.addWidget(self.general_part, 1)

        # -- the body map: the shared diagram on the left, the question and choices on the right
        self.body_part = QWidget()
        split = QHBoxLayout(self.body_part)
        split.setContentsMargins(32, 20, 0, 0)
        split.setSpacing(0)
        self.body_map_view = DiagramView(self._body_diagram, self._palette, self._reduce_motion)
        self.body_map_view.regionTapped.connect(self._on_region)
        split.addWidget(self.body_map_view, 55)
        side = QFrame()
        side.setObjectName("QSidePanel")
        side_outer = QVBoxLayout(side)
        side_outer.setContentsMargins(0, 0, 0, 0)
        side_outer.setSpacing(0)
        # The list scrolls only if a drawing lacks many areas (then they are buttons here).
        side_scroll = QScrollArea()
        side_scroll.setObjectName("QSideScroll")
        side_scroll.setWidgetResizable(True)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(side_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        side_body = QWidget()
        side_body.setObjectName("QSideBody")
        side_column = QVBoxLayout(side_body)
        side_column.setContentsMargins(48, 32, 40, 16)
        side_column.setSpacing(theme.GAP)
        self.map_header = _Header(self._reduce_motion)
        side_column.addWidget(self.map_header)
        side_column.addSpacing(16)
        self.chosen_label = _label("QChosen")
        side_column.addWidget(self.chosen_label)
        side_column.addSpacing(8)
        self.more_places_label = _label("QuestionHelp",
                                        self._ui("more_places", self.tr("Not in the drawing:")))
        side_column.addWidget(self.more_places_label)
        self._extra_grid = QGridLayout()
        self._extra_grid.setHorizontalSpacing(theme.GAP)
        self._extra_grid.setVerticalSpacing(12)
        side_column.addLayout(self._extra_grid)
        self.extra_buttons: list[AnswerButton] = []
        side_column.addStretch(1)
        side_scroll.setWidget(side_body)
        side_outer.addWidget(side_scroll, 1)
        clear_row = QHBoxLayout()
        clear_row.setContentsMargins(48, 8, 40, 24)
        self.clear_button = touch_button(self._ui("clear", self.tr("Clear")))
        self.clear_button.clicked.connect(self._clear_areas)
        clear_row.addWidget(self.clear_button)
        clear_row.addStretch(1)
        side_outer.addLayout(clear_row)
        split.addWidget(side, 45)
        layout.addWidget(self.body_part, 1)
        self.body_part.hide()
        return page

    def _build_urgent(self) -> QWidget:
        page = self._page("QUrgent")
        page.setProperty("level", "emergency")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(200, 64, 200, 64)
        layout.setSpacing(40)
        layout.addStretch(1)
        self.urgent_title = _label("QUrgentTitle")
        self.urgent_action = _label("QUrgentAction")
        self.urgent_body = _label("QUrgentBody")
        for label in (self.urgent_title, self.urgent_action, self.urgent_body):
            layout.addWidget(label)
        layout.addStretch(2)
        return page

    def _build_results(self) -> QWidget:
        page = self._page()
        row = QHBoxLayout(page)
        row.setContentsMargins(80, 36, 56, 28)
        row.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(theme.GAP * 2)
        self.results_title = _label("QuestionText", self._texts.results.get("title", ""))
        left.addWidget(self.results_title)
        self.results_scroll = QScrollArea()
        self.results_scroll.setObjectName("QResultsScroll")
        self.results_scroll.setWidgetResizable(True)
        self.results_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.results_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        cards = QWidget()
        cards.setObjectName("QCards")
        self._cards_box = QVBoxLayout(cards)
        self._cards_box.setContentsMargins(0, 0, 16, 0)
        self._cards_box.setSpacing(theme.GAP + 8)
        self._cards_box.addStretch(1)
        self.results_scroll.setWidget(cards)
        self._cards: list[ResultCard] = []
        left.addWidget(self.results_scroll, 1)
        row.addLayout(left, 68)

        right = QVBoxLayout()
        right.setSpacing(theme.GAP * 2)
        right.addSpacing(8)
        self.notes_label = _label("QNotes")
        right.addWidget(self.notes_label)
        self.standing_label = _label("QStanding", self._texts.results.get("standing", ""))
        right.addWidget(self.standing_label)
        right.addStretch(1)
        row.addLayout(right, 32)
        return page

    def _build_handoff(self) -> QWidget:
        page = self._page()
        row = QHBoxLayout(page)
        row.setContentsMargins(96, 40, 96, 32)
        row.setSpacing(64)
        left = QVBoxLayout()
        left.setSpacing(theme.GAP * 2)
        left.addWidget(_label("QuestionText", self._ui("handoff_title", self.tr("Show this to your doctor"))))
        self.summary_label = QLabel()
        self.summary_label.setObjectName("QSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        summary_scroll = QScrollArea()  # scrolls only on a screen shorter than the reference
        summary_scroll.setObjectName("QSummaryScroll")
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(summary_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        summary_scroll.setWidget(self.summary_label)
        left.addWidget(summary_scroll, 1)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(theme.GAP * 2)
        right.addSpacing(8)
        self.qr_label = QLabel()
        self.qr_label.setObjectName("QQrImage")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        caption = self._ui("handoff_lead", self.tr("Your doctor or nurse can read this, or scan the code "
                                                   "with a phone. It has no name on it."))
        self.qr_caption = _label("QQrCaption", caption)
        self.qr_caption.setFixedWidth(QR_TARGET_PX + 32)
        right.addWidget(self.qr_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)
        row.addLayout(right, 0)
        return page

    # ------------------------------------------------------------------ public
    def start(self) -> None:
        """A fresh session and the intro page."""
        self._clear_widgets()
        self.session = Session(self._q)
        self._asked = []
        self._reported = {}
        self._show_page("intro")

    def reset(self) -> None:
        """Drop the session and every answer shown anywhere; back to the intro page."""
        if self.session is not None:
            self.session.reset()  # in case anything still holds the old session
        self.session = None
        self._asked = []
        self._reported = {}
        self._clear_widgets()
        self._show_page("intro")

    def start_over(self) -> None:
        self.reset()
        self.start()

    def finish(self) -> None:
        """The patient is done: forget everything and leave to the home screen."""
        self.reset()
        self.exitRequested.emit()

    def page_name(self) -> str:
        return PAGES[self.stack.currentIndex()]

    @property
    def current_question(self) -> Question | None:
        return self._current if self.page_name() == "question" else None

    @property
    def selected_areas(self) -> frozenset[str]:
        return frozenset(self._areas)

    @property
    def urgent_level(self) -> str | None:
        return self._pages["urgent"].property("level") if self.page_name() == "urgent" else None

    def summary(self) -> str:
        """The hand-off text shown on screen and held by the QR code ("" when none)."""
        return self._summary

    def qr_code(self) -> QImage:
        return QImage(self._qr)

    def answer_buttons(self) -> list[AnswerButton]:
        """The answer buttons of the question on screen."""
        buttons = [self.yes_button, self.no_button, self.not_sure_button, *self.choice_buttons,
                   *self.scale_buttons, *self.extra_buttons]
        return [b for b in buttons if b.isVisibleTo(self)]

    def option_button(self, value: Any) -> AnswerButton:
        """The visible answer button for ``value`` (True/False/None for yes/no, a number, an id)."""
        for button in self.answer_buttons():
            if button.value == value and type(button.value) is type(value):
                return button
        raise KeyError(value)

    def result_cards(self) -> list[ResultCard]:
        return [card for card in self._cards if not card.isHidden()]

    def finish_animations(self) -> None:
        self.header.finish_animations()
        self.map_header.finish_animations()
        self.body_map_view.finish_animations()

    # ------------------------------------------------------------------ flow
    def _begin(self) -> None:
        if self.session is None:
            self.session = Session(self._q)
            self._asked = []
        if not self._reported.get("begun"):
            self._reported["begun"] = True
            self.begun.emit()
        self._advance()

    def _report_once(self, what: str) -> bool:
        """True the first time ``what`` happens in this session."""
        if self._reported.get(what):
            return False
        self._reported[what] = True
        return True

    def _advance(self) -> None:
        session = self.session
        if session is None:
            self._show_page("intro")
        elif session.stopped:
            self._show_urgent()
        elif (question := session.next_question()) is None:
            self._show_results()
        else:
            self._show_question(question, None)

    def _answer(self, value: Any) -> None:
        question = self._current
        if self.session is None or question is None:
            return
        self.session.answer(question.id, value)
        self._asked.append(question.id)
        self._advance()

    def _skip(self) -> None:
        question = self._current
        if self.session is None or question is None or self.page_name() != "question":
            return
        self.session.skip(question.id)
        self._asked.append(question.id)
        self._advance()

    def _next(self) -> None:
        question = self._current
        if question is None or self.page_name() != "question":
            return
        if question.type == "multi":
            self._answer([b.value for b in self.choice_buttons if b.isVisibleTo(self) and b.isChecked()])
        elif question.type == "body_map" and self._areas:
            self._answer([o for o in question.options if o in self._areas])

    def _go_back(self) -> None:
        page = self.page_name()
        if page == "intro":
            self.finish()
            return
        if page == "handoff":
            self._clear_handoff()
            self._show_page("results")
            return
        if self.session is None or not self._asked:
            self._clear_question()
            self._show_page("intro")
            return
        last = self._asked.pop()
        kept = self.session.value(last)
        question = self.session.back()
        self._clear_results()
        if question is None:
            self._show_page("intro")
            return
        self._show_question(question, kept if question.id == last else None)

    # ------------------------------------------------------------------ pages
    def _show_page(self, name: str) -> None:
        self.stack.setCurrentWidget(self._pages[name])
        question = self._current if name == "question" else None
        kind = question.type if question else None
        optional = question is not None and not question.is_red_flag
        self.skip_button.setVisible(optional and kind in ("single", "multi", "scale", "body_map"))
        self.next_button.setVisible(kind in ("multi", "body_map"))
        self.show_doctor_button.setVisible(name == "results")
        self.print_button.setVisible(name == "handoff" and self._printer_name is not None)
        self.finish_button.setVisible(name in ("urgent", "handoff"))
        self.status_label.clear()
        if name != "question":
            self._current = None
            self._uncheck_answers()

    def _show_question(self, question: Question, kept: Any) -> None:
        """Show ``question``; ``kept`` is its previous answer (after Back), shown checked."""
        texts = self._texts
        self._uncheck_answers()  # an answer given is in the session; no button keeps it
        self._current = question
        current, total = self.session.progress()
        self.progress_label.setText(self._ui("progress", self.tr("{current} of {total}"))
                                    .replace("{current}", str(current)).replace("{total}", str(total)))
        self.progress_bar.setRange(0, 2 * max(total, 1))  # half a step: this question is under way
        self.progress_bar.setValue(max(0, 2 * current - 1))
        kicker = self._ui("safety", self.tr("Safety check")) if question.is_red_flag else ""
        help_text = texts.help(question.id) or ""
        if question.type == "body_map":
            help_text = help_text or self._ui("body_map_hint", self.tr("Tap the drawing. "
                                                                       "Tap a place again to take it away."))
            self.map_header.set(kicker, texts.question(question.id), help_text)
            self.general_part.hide()
            self._show_body_map(question, kept)
            self.body_part.show()
        else:
            self.header.set(kicker, texts.question(question.id), help_text)
            self.body_part.hide()
            parts = {"yes_no": self.yes_no_part, "single": self.choices_part, "multi": self.choices_part,
                     "scale": self.scale_part}
            # hide the old part before showing the new one: two at once would grow the window
            for part in (self.yes_no_part, self.choices_part, self.scale_part):
                if part is not parts.get(question.type):
                    part.hide()
            if question.type == "yes_no":
                self._show_yes_no(question, kept)
            elif question.type == "scale":
                self._show_scale(question, kept)
            else:
                self._show_choices(question, kept)
            parts[question.type].show()
            self.general_part.show()
        self._show_page("question")
        self._update_next()

    def _show_yes_no(self, question: Question, kept: Any) -> None:
        self.yes_button.setChecked(kept is True)
        self.no_button.setChecked(kept is False)
        self.not_sure_button.setChecked(False)
        self.not_sure_button.setVisible(not question.is_red_flag)

    def _show_choices(self, question: Question, kept: Any) -> None:
        multi = question.type == "multi"
        chosen = set(kept) if multi and kept else set()
        options = question.options
        columns = 1 if len(options) <= 3 else 2
        while len(self.choice_buttons) < len(options):
            button = AnswerButton()
            button.setProperty("align", "left")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            button.clicked.connect(lambda _=False, b=button: self._on_choice(b))
            self.choice_buttons.append(button)
        for button in self.choice_buttons:
            self._choice_grid.removeWidget(button)
            button.hide()
        for index, option in enumerate(options):
            button = self.choice_buttons[index]
            button.value = option
            button.setIcon(self._box_icon if multi else self._tick_icon)
            button.set_label(self._texts.option(question.id, option))
            button.setChecked(option in chosen if multi else option == kept)
            self._choice_grid.addWidget(button, index // columns, index % columns)
            button.show()
        for column in range(2):
            self._choice_grid.setColumnStretch(column, 1 if column < columns else 0)
        # wide buttons, never wider than a line can be read; they shrink on a narrower screen
        self._choices_box.setMaximumWidth(1000 if columns == 1 else 1712)

    def _show_scale(self, question: Question, kept: Any) -> None:
        low, high = question.min or 0, question.max if question.max is not None else 10
        values = list(range(low, high + 1))
        while len(self.scale_buttons) < len(values):
            button = AnswerButton("scale")
            button.clicked.connect(lambda _=False, b=button: self._on_scale(b))
            self._scale_row.addWidget(button, 1)
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
        words = self._texts.questions.get(question.id, {})
        self.scale_low.setText(f"{low} = {words.get('low', '')}".rstrip(" ="))
        self.scale_high.setText(f"{high} = {words.get('high', '')}".rstrip(" ="))

    def _show_body_map(self, question: Question, kept: Any) -> None:
        self._areas = {a for a in (kept or ()) if a in question.options}
        in_drawing = self._body_diagram.ids()
        extras = [o for o in question.options if o not in in_drawing]
        while len(self.extra_buttons) < len(extras):
            button = AnswerButton()
            button.setIcon(self._box_icon)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            button.setProperty("align", "left")
            button.setProperty("variant", "compact")
            button.clicked.connect(lambda _=False, b=button: self._on_extra_area(b))
            self.extra_buttons.append(button)
        for button in self.extra_buttons:
            self._extra_grid.removeWidget(button)
            button.hide()
        for index, option in enumerate(extras):
            button = self.extra_buttons[index]
            button.value = option
            button.set_label(self._texts.option(question.id, option))
            self._extra_grid.addWidget(button, index // 2, index % 2)
            button.show()
        self.more_places_label.setVisible(bool(extras))
        self._refresh_areas()

    def _show_urgent(self) -> None:
        result = self.session.result()
        level = result.urgent or "emergency"
        words = self._texts.urgent.get(level, {})
        page = self._pages["urgent"]
        page.setProperty("level", level)
        self.urgent_title.setText(words.get("title", ""))
        self.urgent_action.setText(words.get("action", ""))
        self.urgent_body.setText(words.get("body", ""))
        for widget in (page, self.urgent_title, self.urgent_action, self.urgent_body):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._clear_results()
        self._show_page("urgent")
        if self._report_once("urgent"):
            self.urgentShown.emit(level)

    def _show_results(self) -> None:
        result = self.session.result()
        if result.urgent:  # never reached (a red flag stops first), but never show topics then
            self._show_urgent()
            return
        because = self._texts.results.get("because") or self.tr("Because")
        while len(self._cards) < len(result.suggestions):
            card = ResultCard(self._chevron, self._ui("learn_more", self.tr("Learn more")))
            card.clicked.connect(lambda _=False, c=card: self._on_card(c))
            self._cards_box.insertWidget(len(self._cards), card)
            self._cards.append(card)
        for index, card in enumerate(self._cards):
            if index < len(result.suggestions):
                suggestion = result.suggestions[index]
                card.set_topic(suggestion.category, self._texts.category(suggestion.category), because,
                               tuple(r.text for r in pick_reasons(suggestion.reasons)))
                card.show()
            else:
                card.set_topic(None, "")
                card.hide()
        notes = [note.text for note in result.notes]
        self.notes_label.setText("\n\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self.results_scroll.verticalScrollBar().setValue(0)
        self._show_page("results")
        if self._report_once("results"):
            self.resultsShown.emit([s.category for s in result.suggestions])

    def _show_handoff(self) -> None:
        if self.session is None:
            return
        result = self.session.result()
        if result.urgent:
            return
        self._summary = summary_text(self._q, self.session.answers(), result)
        lines = []
        for line in self._summary.split("\n"):
            head, sep, tail = line.partition(": ")
            lines.append(f"<b>{html.escape(head)}:</b> {html.escape(tail)}" if sep else
                         f"<b>{html.escape(line)}</b>")
        self.summary_label.setText(
            f"<div style='line-height: 125%'>{'<br>'.join(lines)}</div>")
        self._qr = qr_image(self._summary)
        self.qr_label.setPixmap(QPixmap.fromImage(self._qr))
        self.qr_label.setFixedSize(self._qr.size().grownBy(QMargins(16, 16, 16, 16)))
        self._show_page("handoff")

    # ------------------------------------------------------------------ taps
    def _on_yes_no(self, button: AnswerButton) -> None:
        question = self._current
        if question is None or question.type != "yes_no":
            return
        for other in (self.yes_button, self.no_button, self.not_sure_button):
            other.setChecked(other is button)
        if button is self.not_sure_button:
            if not question.is_red_flag:  # a red flag must be answered yes or no
                self._skip()
            return
        self._answer(button.value)

    def _on_choice(self, button: AnswerButton) -> None:
        question = self._current
        if question is None or question.type not in ("single", "multi"):
            return
        if question.type == "multi":
            self._update_next()
            return
        for other in self.choice_buttons:
            other.setChecked(other is button)
        self._answer(button.value)

    def _on_scale(self, button: AnswerButton) -> None:
        if self._current is None or self._current.type != "scale":
            return
        for other in self.scale_buttons:
            other.setChecked(other is button)
        self._answer(button.value)

    def _on_region(self, region_id: str | None) -> None:
        question = self._current
        if (question is None or question.type != "body_map" or self.page_name() != "question"
                or region_id not in question.options):
            return
        self._toggle_area(region_id)

    def _on_extra_area(self, button: AnswerButton) -> None:
        if self._current is not None and self._current.type == "body_map":
            self._toggle_area(button.value)

    def _toggle_area(self, area: str) -> None:
        if area in self._areas:
            self._areas.discard(area)
        else:
            self._areas.add(area)
        self._refresh_areas()

    def _clear_areas(self) -> None:
        self._areas.clear()
        self._refresh_areas()

    def _refresh_areas(self) -> None:
        self.body_map_view.set_highlight(None, sorted(self._areas))
        for button in self.extra_buttons:
            button.setChecked(button.value in self._areas and not button.isHidden())
        question = self._current
        if self._areas and question is not None:
            names = [self._texts.option(question.id, o) for o in question.options if o in self._areas]
            self.chosen_label.setText(f"{self._ui('you_chose', self.tr('You chose:'))} {', '.join(names)}")
        else:
            self.chosen_label.setText(self._ui("nothing_chosen", self.tr("Nothing chosen yet.")))
        self.clear_button.setEnabled(bool(self._areas))
        self._update_next()

    def _update_next(self) -> None:
        question = self._current
        if question is None:
            return
        if question.type == "multi":
            chosen = any(b.isChecked() for b in self.choice_buttons if not b.isHidden())
            self.next_button.setText(self._ui("next", self.tr("Next")) if chosen
                                     else self._ui("none_of_these", self.tr("None of these")))
            self.next_button.setEnabled(True)
        elif question.type == "body_map":
            self.next_button.setText(self._ui("next", self.tr("Next")))
            self.next_button.setEnabled(bool(self._areas))

    def _on_card(self, card: ResultCard) -> None:
        if card.category:
            self.topicRequested.emit(card.category)

    # ------------------------------------------------------------------ printing
    def _default_printer(self) -> QPrinter | None:
        """The configured printer, or None when the system does not know it."""
        if not self._printer_name or self._printer_name not in QPrinterInfo.availablePrinterNames():
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(self._printer_name)
        return printer

    def print_summary(self, printer: QPrinter | None = None) -> bool:
        """Print the hand-off page (summary, QR code, the standing line). True when it printed."""
        if not self._summary:
            return False
        printer = printer or self.printer_factory()
        failed = self._ui("print_failed", self.tr("The printer did not work. Please ask at the front desk."))
        # Without a known printer Qt falls back to a PDF file: never write one by accident.
        if printer is None or (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
                               and not printer.outputFileName()):
            log.warning("cannot print the questionnaire summary: printer %r is not available",
                        self._printer_name)
            self.status_label.setText(failed)
            return False
        printer.setDocName(self._ui("handoff_title", self.tr("Show this to your doctor")))
        painter = QPainter()
        if not painter.begin(printer):
            log.warning("printing the questionnaire summary failed: the printer did not start")
            self.status_label.setText(failed)
            return False
        try:
            self._paint_page(painter, printer)
        finally:
            painter.end()
        self.status_label.setText(self._ui("print_done", self.tr(
            "Printed. Please take your page from the printer.")))
        return True

    def _paint_page(self, painter: QPainter, printer: QPrinter) -> None:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        width, height = float(page.width()), float(page.height())
        mm = printer.resolution() / 25.4
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        y = 0.0

        def block(text: str, points: float, bold: bool = False, gap_mm: float = 5.0) -> None:
            nonlocal y
            font = QFont(theme.FONT_FAMILY)
            font.setPointSizeF(points)
            font.setBold(bold)
            painter.setFont(font)
            rect = painter.boundingRect(QRectF(0, y, width, height - y), flags, text)
            painter.drawText(QRectF(0, y, width, rect.height()), flags, text)
            y += rect.height() + gap_mm * mm

        painter.setPen(QColor("#000000"))
        block(self._ui("handoff_title", self.tr("Show this to your doctor")), 20, bold=True)
        block(self._summary, 13)
        side = min(70 * mm, width, max(0.0, height - y - 30 * mm))
        if side > 20 * mm and not self._qr.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRectF(0, y, side, side), self._qr)
            y += side + 5 * mm
        block(self._texts.results.get("standing", ""), 12)

    # ------------------------------------------------------------------ clearing
    def _uncheck_answers(self) -> None:
        for button in (self.yes_button, self.no_button, self.not_sure_button, *self.choice_buttons,
                       *self.scale_buttons, *self.extra_buttons):
            button.setChecked(False)
        self._areas.clear()
        self.body_map_view.set_highlight(None, ())
        self.chosen_label.clear()

    def _clear_question(self) -> None:
        self._uncheck_answers()
        self._current = None
        self.progress_label.clear()
        self.progress_bar.setValue(0)

    def _clear_results(self) -> None:
        for card in self._cards:
            card.set_topic(None, "")
            card.hide()
        self.notes_label.clear()
        self._clear_handoff()

    def _clear_handoff(self) -> None:
        self._summary = ""
        self._qr = QImage()
        self.summary_label.clear()
        self.qr_label.clear()

    def _clear_widgets(self) -> None:
        self._clear_question()
        self._clear_results()
        self.header.set("", "", "")
        self.map_header.set("", "", "")
        self.status_label.clear()
        self.finish_animations()
