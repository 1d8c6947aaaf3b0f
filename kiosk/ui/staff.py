"""The staff panel: exit, reload content, usage counts, CSV export, test print, language.

It covers the whole window and is opened only through the PIN pad (the right PIN, or a new
one chosen on the first-run screen). The window does the
work (it owns the content, the printer and the app); the panel asks for it with signals
and shows what came back. Export is handled here: it only needs the usage counter.
"""

from __future__ import annotations

import os
import string
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.languages import language_name
from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme
from kiosk.ui.widgets import touch_button


def export_targets(home: Path | None = None) -> list[Path]:
    """Folders a CSV can go to: plugged-in drives (USB sticks) first, then the home folder."""
    found: list[Path] = []
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        for letter in string.ascii_uppercase[3:]:
            drive = Path(f"{letter}:\\")
            if drive.exists():
                found.append(drive)
    else:
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
        for base in (Path("/media") / user, Path("/run/media") / user, Path("/media")):
            try:
                found += sorted(p for p in base.iterdir() if p.is_dir() and os.access(p, os.W_OK))
            except OSError:
                continue
    home = home or Path.home()
    for folder in (home / "Documents", home):
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return list(dict.fromkeys(found))


class UsageChart(QWidget):
    """Bars of visitors (sessions) per day, with the numbers written on them."""

    def __init__(self, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.palette_ = palette
        self.days: list[tuple[str, int]] = []
        self.day_names = QLocale(QLocale.Language.English)  # the weekdays' names, in the panel's language
        self.setMinimumHeight(240)  # stretched to the room the panel has (up to 480)
        self.setMaximumHeight(480)

    def set_days(self, days: list[tuple[str, int]]) -> None:
        self.days = list(days)
        self.update()

    def paintEvent(self, event) -> None:
        p = self.palette_
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(p.surface))
        if not self.days:
            painter.end()
            return
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(theme.SMALL_PX)
        painter.setFont(font)
        top, bottom = 40, self.height() - 72
        step = self.width() / len(self.days)
        peak = max((n for _, n in self.days), default=0) or 1
        form = QLocale.FormatType.ShortFormat  # "Mon"; on a narrow screen "M" for every day
        if any(painter.fontMetrics().horizontalAdvance(self.day_names.dayName(day, form)) > step - 4
               for day in range(1, 8)):
            form = QLocale.FormatType.NarrowFormat
        for index, (day, n) in enumerate(self.days):
            x = index * step
            height = (bottom - top) * n / peak
            bar = QRectF(x + step * 0.18, bottom - height, step * 0.64, height)
            painter.fillRect(bar, QColor(p.accent))
            painter.setPen(QColor(p.text))
            painter.drawText(QRectF(x, bar.top() - 34, step, 30), Qt.AlignmentFlag.AlignCenter, str(n))
            painter.setPen(QColor(p.muted_text))
            when = date.fromisoformat(day)
            name = self.day_names.dayName(when.isoweekday(), form)
            painter.drawText(QRectF(x, bottom + 6, step, 28), Qt.AlignmentFlag.AlignCenter, name)
            painter.drawText(QRectF(x, bottom + 34, step, 28), Qt.AlignmentFlag.AlignCenter, str(when.day))
        painter.setPen(QColor(p.border))
        painter.drawLine(0, bottom, self.width(), bottom)
        painter.end()


def _label(text: str = "", name: str = "StaffText") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class StaffPanel(QWidget):
    backRequested = Signal()
    exitRequested = Signal()
    reloadRequested = Signal()
    testPrintRequested = Signal()
    consultRequested = Signal()
    languageRequested = Signal(str)

    def __init__(self, counter, palette: theme.Palette, words: UiWords, parent: QWidget,
                 printer: str = ""):
        super().__init__(parent)
        self.counter = counter
        self.words = words
        self.printer = printer  # the settings' printer: without one, no "Test print" button
        self.title_of = lambda page_id: page_id  # the window gives page titles
        self.setObjectName("StaffScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(64, 28, 64, 28)
        outer.setSpacing(20)

        head = QHBoxLayout()
        self.title = _label("", "StaffTitle")
        self.back_button = touch_button("", "primary")
        self.back_button.clicked.connect(self.backRequested)
        head.addWidget(self.title, 1)
        head.addWidget(self.back_button)
        outer.addLayout(head)

        body = QHBoxLayout()
        body.setSpacing(40)
        outer.addLayout(body, 1)

        # Left: what staff can do.
        actions = QFrame()
        actions.setObjectName("StaffCard")
        column = QVBoxLayout(actions)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(12)
        self.reload_button = touch_button("")
        self.reload_button.clicked.connect(self.reloadRequested)
        self.export_button = touch_button("")
        self.export_button.clicked.connect(lambda: self.show_export_targets())
        self.print_button = touch_button("")
        self.print_button.clicked.connect(self.testPrintRequested)
        self.consult_button = touch_button("")
        self.consult_button.clicked.connect(self.consultRequested)
        self.print_button.setVisible(bool(printer))
        self.no_printer = _label("", "StaffNote")  # instead of the button: how to set a printer
        self.no_printer.setVisible(not printer)
        for widget in (self.reload_button, self.export_button, self.print_button, self.consult_button,
                       self.no_printer):
            column.addWidget(widget)
        self.language_label = _label("", "StaffHeading")
        column.addWidget(self.language_label)
        self.language_row = QHBoxLayout()
        self.language_row.setSpacing(12)
        column.addLayout(self.language_row)
        self.language_buttons: dict[str, QPushButton] = {}
        column.addStretch(1)
        self.exit_button = touch_button("", "danger")
        self.exit_button.clicked.connect(self.exitRequested)
        column.addWidget(self.exit_button)
        body.addWidget(actions, 2)

        # Right: counts, or the export targets, and messages.
        right = QVBoxLayout()
        right.setSpacing(16)
        self.chart_title = _label("", "StaffHeading")
        right.addWidget(self.chart_title)
        self.chart = UsageChart(palette)
        right.addWidget(self.chart, 3)
        self.totals = _label("", "StaffText")
        right.addWidget(self.totals)

        self.targets_box = QWidget()
        targets = QVBoxLayout(self.targets_box)
        targets.setContentsMargins(0, 0, 0, 0)
        self.targets_title = _label("", "StaffHeading")
        targets.addWidget(self.targets_title)
        self.targets_scroll = QScrollArea()
        self.targets_scroll.setWidgetResizable(True)
        self._targets_inner = QWidget()
        self._targets_grid = QGridLayout(self._targets_inner)
        self._targets_grid.setSpacing(12)
        self.targets_scroll.setWidget(self._targets_inner)
        targets.addWidget(self.targets_scroll, 1)
        self.targets_cancel = touch_button("")
        self.targets_cancel.clicked.connect(lambda: self.targets_box.hide())
        targets.addWidget(self.targets_cancel, 0, Qt.AlignmentFlag.AlignLeft)
        self.targets_box.hide()
        right.addWidget(self.targets_box, 1)
        self.target_buttons: list[tuple[Path, QPushButton]] = []

        self.message = _label("", "StaffMessage")
        right.addWidget(self.message)
        self.problem_list = QPlainTextEdit()
        self.problem_list.setObjectName("ProblemsList")
        self.problem_list.setReadOnly(True)
        self.problem_list.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.problem_list.hide()
        right.addWidget(self.problem_list, 1)
        right.addStretch(1)
        body.addLayout(right, 3)
        self.set_words(words)
        self.hide()

    def set_words(self, words: UiWords) -> None:
        """Every word of the panel in ``words``' language (the language on screen)."""
        self.words = words
        for widget, key in ((self.title, "title"), (self.back_button, "back"), (self.reload_button, "reload"),
                            (self.export_button, "export"), (self.print_button, "test_print"),
                            (self.no_printer, "no_printer"), (self.consult_button, "consult"),
                            (self.language_label, "language"), (self.exit_button, "exit"),
                            (self.chart_title, "chart"), (self.targets_title, "export_where"),
                            (self.targets_cancel, "cancel")):
            widget.setText(words[f"staff.{key}"])
        self.chart.day_names = QLocale(words.language)

    # -- opening ----------------------------------------------------------------
    def open(self, languages: list[str], current_language: str, words: UiWords | None = None) -> None:
        if words is not None:
            self.set_words(words)
        self._set_languages(languages, current_language)
        self.targets_box.hide()
        self.show_message("")
        self.refresh_counts()
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def close_panel(self) -> None:
        self.targets_box.hide()
        self.problem_list.clear()
        self.hide()

    def _set_languages(self, languages: list[str], current: str) -> None:
        for button in self.language_buttons.values():
            self.language_row.removeWidget(button)
            button.deleteLater()
        self.language_buttons = {}
        for code in languages:
            button = touch_button(language_name(code), "tab")
            button.setCheckable(True)
            button.setChecked(code == current)
            button.clicked.connect(lambda _=False, c=code: self.languageRequested.emit(c))
            self.language_row.addWidget(button)
            self.language_buttons[code] = button
        self.language_label.setVisible(bool(languages))

    def mark_language(self, code: str) -> None:
        for other, button in self.language_buttons.items():
            button.setChecked(other == code)

    # -- counts -----------------------------------------------------------------
    def refresh_counts(self) -> None:
        try:
            self._refresh_counts()
        except OSError as exc:  # an unreadable database: say so, never show stale numbers
            self.chart.set_days([])
            self.totals.setText("")
            self._show_chart()
            self.chart_title.setText(self.words.text("staff.counts_unreadable", reason=exc))

    def _refresh_counts(self) -> None:
        counter = self.counter
        if counter is None or not counter.enabled:
            self.chart.set_days([])
            self._show_chart()
            self.chart_title.setText(self.words["staff.counts_off"])
            self.totals.setText("")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.chart_title.setText(self.words["staff.chart"])
        self.chart.set_days(counter.daily("sessions", 14))
        self._show_chart()

        def total(metric: str) -> int:  # as exported: small counts of urgent stops summed by week
            return sum(counter.report_totals(metric).values())

        pages = sorted(counter.report_totals("page").items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        started, finished = total("questionnaire_started"), total("questionnaire_completed")
        lines = [
            self.words.text("staff.visitors", count=total("sessions")),
            self.words.text("staff.questionnaires", started=started, finished=finished),
            self.words.text("staff.urgent", count=total("urgent")),
        ]
        if pages:
            read = ", ".join(f"{self.title_of(k)} ({n})" for k, n in pages)
            lines.append(self.words.text("staff.most_read", pages=read))
        self.totals.setText("\n".join(lines))

    # -- export -----------------------------------------------------------------
    def show_export_targets(self, targets: list[Path] | None = None) -> None:
        for _, button in self.target_buttons:
            self._targets_grid.removeWidget(button)
            button.deleteLater()
        self.target_buttons = []
        for index, folder in enumerate(export_targets() if targets is None else targets):
            button = touch_button(str(folder), "related")
            button.clicked.connect(lambda _=False, f=folder: self.export_to(f))
            self._targets_grid.addWidget(button, index, 0)
            self.target_buttons.append((folder, button))
        if not self.target_buttons:
            self.show_message(self.words["staff.no_folder"])
            return
        self.targets_box.show()

    def export_to(self, folder: Path) -> Path | None:
        self.targets_box.hide()
        try:
            written = self.counter.export_csv(folder)
        except OSError as exc:
            self.show_message(self.words.text("staff.not_saved", reason=exc))
            return None
        self.show_message(self.words.text("staff.saved", file=written))
        return written

    # -- messages ---------------------------------------------------------------
    def show_message(self, text: str, problems: list[Problem] | tuple = ()) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.problem_list.setPlainText("\n".join(str(p) for p in problems))
        self.problem_list.setVisible(bool(problems))
        if problems:
            self.chart.hide()
            self.totals.hide()
            self.chart_title.hide()
        else:
            self.totals.show()
            self.chart_title.show()
        self._show_chart()

    def _show_chart(self) -> None:
        """The chart only with days to draw (no counts, unreadable counts: no empty box), and not
        while a list of problems takes its place."""
        self.chart.setVisible(bool(self.chart.days) and self.problem_list.isHidden())
