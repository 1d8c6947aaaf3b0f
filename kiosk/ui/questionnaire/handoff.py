""""Show my doctor": the summary (:func:`kiosk.domain.handoff.summary_text`), a QR code of
the same words, and printing it on the clinic's printer.

Privacy: the summary lives only in this page's labels and image while it is on screen;
:meth:`HandoffPage.clear` drops them. Nothing here logs the summary.
"""

from __future__ import annotations

import html
import io
import logging
import math
from collections.abc import Callable

import segno
from PySide6.QtCore import QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.questionnaire.common import SHORT_PX, Page, Words, flip, kinetic_scroll, label, roomy
from kiosk.ui.questionnaire.page_scroll import PageScroll

log = logging.getLogger(__name__)

QR_BORDER = 4  # modules of quiet zone around the code (the QR standard's minimum)
QR_TARGET_PX = 480
QR_MIN_PX = 360
QR_SMALL_PX = 200  # the smallest code, on a short screen (2 px a module or more)
CAPTION_SHORT_PX = 400  # the caption's width on a short screen with larger text


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
    qr.save(buffer, kind="png", scale=scale, border=QR_BORDER, dark=theme.PRINT_INK, light=theme.PRINT_PAPER)
    # PySide6 takes the format as str here; its stub says bytes
    return QImage.fromData(buffer.getvalue(), "PNG").convertToFormat(  # type: ignore[arg-type]
        QImage.Format.Format_RGB32)


class HandoffPage(Page):
    """The summary on the left (it scrolls on a short screen), the QR code on the right. On a
    short screen with larger text the title spans the page, the code is small and its
    caption scrolls under it, so that the summary keeps as many lines as it can."""

    def __init__(self, words: Words, printer_name: str | None = None, parent=None):
        super().__init__(parent=parent)
        self.words = words
        self.printer_name = printer_name or None
        self.printer_factory: Callable[[], QPrinter | None] = self._default_printer
        self._summary = ""
        self._qr = QImage()
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(96, 40, 96, 32)
        self._outer.setSpacing(theme.GAP)
        self._split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._split.setSpacing(64)
        self._outer.addLayout(self._split, 1)
        left = self._left = QVBoxLayout()
        left.setSpacing(theme.GAP * 2)
        self.title = label("QuestionText", self._title())
        left.addWidget(self.title)
        self._roomy: bool | None = None
        self.summary_label = QLabel()
        self.summary_label.setObjectName("QSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # scrolls only on a screen shorter than the reference
        left.addWidget(kinetic_scroll("QSummaryScroll", self.summary_label), 1)
        self._split.addLayout(left, 1)
        right_body = QWidget()
        right = self._right = QVBoxLayout(right_body)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(theme.GAP * 2)
        right.addSpacing(8)
        self.qr_label = QLabel()
        self.qr_label.setObjectName("QQrImage")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        caption = words.ui("handoff_lead")
        self.qr_caption = label("QQrCaption", caption)
        self.qr_caption.setFixedWidth(QR_TARGET_PX + 32)
        # its full height: a wrapped label in a nested layout would be squeezed
        self.qr_caption.setMinimumHeight(self.qr_caption.heightForWidth(QR_TARGET_PX + 32))
        right.addWidget(self.qr_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)
        self.qr_scroll = PageScroll("QQrScroll", right_body)  # the caption scrolls on a short screen
        self._split.addWidget(self.qr_scroll, 0)

    def _title(self) -> str:
        return self.words.ui("handoff_title")

    def qr_side(self) -> int:
        """How wide the code can be: QR_TARGET_PX, smaller on a short screen (never below
        QR_SMALL_PX), so that the code and its caption fit beside the summary."""
        if self._split.direction() != QBoxLayout.Direction.LeftToRight:
            return QR_TARGET_PX
        if self._roomy is False:
            return QR_SMALL_PX
        caption = self.qr_caption.heightForWidth(self.qr_caption.width())
        margins = self._outer.contentsMargins()
        room = (self.fitted.height() - margins.top() - margins.bottom() - 8 - 2 * self._right.spacing()
                - caption - 32)
        return max(QR_SMALL_PX, min(QR_TARGET_PX, room))

    def show_summary(self, summary: str) -> None:
        self._summary = summary
        lines = []
        for line in summary.split("\n"):
            head, sep, tail = line.partition(": ")
            lines.append(f"<b>{html.escape(head)}:</b> {html.escape(tail)}" if sep else
                         f"<b>{html.escape(line)}</b>")
        self.summary_label.setText(f"<div style='line-height: 125%'>{'<br>'.join(lines)}</div>")
        self._show_code()

    def _show_code(self) -> None:
        side = self.qr_side()
        self._qr = qr_image(self._summary, side, QR_MIN_PX if side >= QR_MIN_PX else QR_SMALL_PX)
        self.qr_label.setPixmap(QPixmap.fromImage(self._qr))
        self.qr_label.setFixedSize(self._qr.size().grownBy(QMargins(16, 16, 16, 16)))

    def summary(self) -> str:
        return self._summary

    def qr_code(self) -> QImage:
        return QImage(self._qr)

    def clear(self) -> None:
        self._summary = ""
        self._qr = QImage()
        self.summary_label.clear()
        self.qr_label.clear()

    def fit(self, size: QSize) -> None:
        super().fit(size)
        flip(self._split, size.width())
        tall = size.height() >= SHORT_PX  # less room above and below on a short screen
        room = roomy(size, self.qr_caption) or self._split.direction() != QBoxLayout.Direction.LeftToRight
        if room != self._roomy:
            self._roomy = room
            if room:
                self._outer.removeWidget(self.title)
                self._left.insertWidget(0, self.title)
            else:  # the title across the page, the summary and the code below it
                self._left.removeWidget(self.title)
                self._outer.insertWidget(0, self.title)
        side = 96 if room else 48
        self._outer.setContentsMargins(side, 40 if tall else 16, side, 32 if tall else 16)
        self._split.setSpacing(64 if room else 40)
        self._right.setSpacing(theme.GAP * (2 if tall else 1))
        caption = QR_TARGET_PX + 32 if room else CAPTION_SHORT_PX
        self.qr_caption.setFixedWidth(caption)
        self.qr_caption.setMinimumHeight(self.qr_caption.heightForWidth(caption))
        if self._summary:
            self._show_code()

    # ------------------------------------------------------------------ printing
    def _default_printer(self) -> QPrinter | None:
        """The configured printer, or None when the system does not know it."""
        if not self.printer_name or self.printer_name not in QPrinterInfo.availablePrinterNames():
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(self.printer_name)
        return printer

    def print_summary(self, printer: QPrinter | None = None) -> tuple[bool, str] | None:
        """Print the summary, the QR code and the standing line.

        Returns (printed, the message for the patient), or None when there is nothing to print.
        """
        if not self._summary:
            return None
        printer = printer or self.printer_factory()
        failed = self.words.ui("print_failed")
        # Without a known printer Qt falls back to a PDF file: never write one by accident.
        if printer is None or (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
                               and not printer.outputFileName()):
            log.warning("cannot print the questionnaire summary: printer %r is not available",
                        self.printer_name)
            return False, failed
        printer.setDocName(self._title())
        painter = QPainter()
        if not painter.begin(printer):
            log.warning("printing the questionnaire summary failed: the printer did not start")
            return False, failed
        try:
            self._paint_page(painter, printer)
        finally:
            painter.end()
        return True, self.words.ui("print_done")

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

        painter.setPen(QColor(theme.PRINT_INK))
        block(self._title(), 20, bold=True)
        block(self._summary, 13)
        side = min(70 * mm, width, max(0.0, height - y - 30 * mm))
        if side > 20 * mm and not self._qr.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRectF(0, y, side, side), self._qr)
            y += side + 5 * mm
        block(self.words.texts.results.get("standing", ""), 12)
