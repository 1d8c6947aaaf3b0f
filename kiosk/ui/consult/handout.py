"""The hand-out sheet: the picture on screen with its drawings, the page's words, a QR code.

A4, drawn the same way on the clinic's printer (``QPrinter``) and into a PDF file
(``QPdfWriter``). The drawing is painted from its SVG (vector) with the strokes over it.
No patient name, number or date of birth is ever on it: the kiosk never has one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QGraphicsScene

from kiosk.domain.consult import page_paragraphs, qr_text
from kiosk.domain.content import ContentSet
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 595.0 - 2 * 42, 842.0 - 2 * 42  # A4 inside 15 mm margins, in points
PICTURE_H = 340.0
QR_SIDE = 120.0


@dataclass
class Sheet:
    title: str
    clinic: str
    scene: QGraphicsScene
    source: QRectF  # the part of the scene to show (what was on screen)
    paragraphs: list[str]
    drawn: bool  # the picture has strokes
    words: UiWords


def sheet_for(content: ContentSet, clinic: str, item_id: str | None, title: str, scene: QGraphicsScene,
              source: QRectF, drawn: bool) -> Sheet:
    item = content.get(item_id) if item_id else None
    paragraphs = page_paragraphs(item) if item is not None else [title]
    return Sheet(item.title if item is not None else title, clinic, scene, source, paragraphs, drawn,
                 content.ui_words())


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont(theme.FONT_FAMILY)
    font.setPointSizeF(px)
    font.setBold(bold)
    return font


def _document(sheet: Sheet) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(_font(11))
    document.setDocumentMargin(0)
    document.setTextWidth(PAGE_W)
    cursor_html = []
    import html

    paragraphs = sheet.paragraphs[1:] if len(sheet.paragraphs) > 1 else sheet.paragraphs
    for index, paragraph in enumerate(paragraphs):
        weight = "font-style: italic;" if index == 0 else ""
        cursor_html.append(f'<p style="margin-bottom: 6px; {weight}">{html.escape(paragraph)}</p>')
    document.setHtml("".join(cursor_html))
    return document


def _slices(document: QTextDocument, first: float, other: float) -> list[tuple[float, float]]:
    """Where each page's part of the text starts and ends, never cutting through a line."""
    slices, start, room = [], 0.0, first
    block = document.begin()
    layout_of = document.documentLayout()
    while block.isValid():
        top = layout_of.blockBoundingRect(block).top()
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            line_top, line_bottom = top + line.y(), top + line.y() + line.height()
            if line_bottom - start > room:
                slices.append((start, line_top))
                start, room = line_top, other
        block = block.next()
    slices.append((start, document.size().height()))
    return slices


def paint_sheet(device: QPagedPaintDevice, sheet: Sheet) -> None:
    """Paint the hand-out on ``device`` (a QPdfWriter or a QPrinter), one or more pages."""
    from kiosk.ui.questionnaire.handoff import qr_image

    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    painter = QPainter(device)
    scale = device.logicalDpiX() / 72.0
    painter.scale(scale, scale)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    ink = QColor(theme.Palette().text)
    muted = QColor(theme.Palette().muted_text)
    # heading: the clinic, the title; the QR code on the right
    painter.setPen(muted)
    painter.setFont(_font(10))
    painter.drawText(QRectF(0, 0, PAGE_W - QR_SIDE - 12, 16), Qt.AlignmentFlag.AlignLeft, sheet.clinic)
    painter.setPen(ink)
    painter.setFont(_font(18, bold=True))
    painter.drawText(QRectF(0, 18, PAGE_W - QR_SIDE - 12, 80), Qt.TextFlag.TextWordWrap, sheet.title)
    code = qr_image(qr_text(sheet.paragraphs), target_px=600, min_px=400)
    painter.drawImage(QRectF(PAGE_W - QR_SIDE, 0, QR_SIDE, QR_SIDE), code)
    painter.setPen(muted)
    painter.setFont(_font(8))
    painter.drawText(QRectF(PAGE_W - QR_SIDE - 150, QR_SIDE - 24, 140, 30),
                     Qt.AlignmentFlag.AlignRight | Qt.TextFlag.TextWordWrap,
                     sheet.words["consult.handout_qr"])
    # the picture, with its strokes, as on screen
    top = QR_SIDE + 10
    box = QRectF(0, top, PAGE_W, PICTURE_H)
    source = sheet.source
    fitted = QSizeF(source.size()).scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(QPointF(box.center().x() - fitted.width() / 2, box.top()), fitted)
    painter.fillRect(target, QColor(theme.Palette().diagram_background))
    sheet.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.setPen(QPen(QColor(theme.Palette().border), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)
    y = target.bottom() + 6
    painter.setPen(muted)
    painter.setFont(_font(9))
    caption = sheet.words["consult.handout_drawn"] + " · " if sheet.drawn else ""
    painter.drawText(QRectF(0, y, PAGE_W, 14), Qt.AlignmentFlag.AlignLeft,
                     caption + date.today().strftime("%Y-%m-%d"))
    y += 22
    document = _document(sheet)
    note_h = 30
    for index, (start, end) in enumerate(_slices(document, PAGE_H - y - note_h, PAGE_H - note_h)):
        if index > 0:
            device.newPage()
            y = 0.0
        painter.save()
        painter.translate(0, y - start)
        painter.setClipRect(QRectF(0, start, PAGE_W, end - start))
        document.drawContents(painter, QRectF(0, start, PAGE_W, end - start))
        painter.restore()
        painter.setPen(muted)
        painter.setFont(_font(8))
        painter.drawText(QRectF(0, PAGE_H - 20, PAGE_W, 20), Qt.TextFlag.TextWordWrap,
                         sheet.words["consult.handout_note"])
    painter.end()


def write_pdf(path: Path, sheet: Sheet) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(sheet.title)  # the page's title only: never a patient's name
    writer.setCreator("Spine Kiosk")
    paint_sheet(writer, sheet)


def configured_printer(name: str):
    """The clinic's printer by its system name, or None when the system does not know it."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if not name or name not in QPrinterInfo.availablePrinterNames():
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer


def choose_file(window, words: UiWords) -> Path | None:
    """Ask where to save the PDF (a file dialog; the tests replace this)."""
    from PySide6.QtWidgets import QFileDialog

    folder = Path.home() / "Documents"
    suggested = (folder if folder.is_dir() else Path.home()) / f"handout-{date.today():%Y-%m-%d}.pdf"
    name, _ = QFileDialog.getSaveFileName(window, words["consult.print"], str(suggested), "PDF (*.pdf)")
    return Path(name) if name else None


def window_sheet(window) -> Sheet:
    """The sheet of what the consult window's picture shows now (the active pane)."""
    pane = window.active
    board = pane.current
    drawn = bool(pane.sketch_for(pane.key).strokes)
    return sheet_for(window.content, window.config.clinic_name, window.handout_item(),
                     window.title_label.text(), board.scene(), board.pen.visible_rect(), drawn)


def hand_out_from_window(window) -> str:
    """Print on the configured printer, else save a PDF where the clinician chooses; say which."""
    sheet = window_sheet(window)
    words = window.words
    printer = configured_printer(window.config.printer)
    try:
        if printer is not None:
            paint_sheet(printer, sheet)
            return words.text("consult.printed", printer=window.config.printer)
        path = choose_file(window, words)
        if path is None:
            return ""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        write_pdf(path, sheet)
        return words.text("consult.saved", file=path.name)
    except Exception as exc:  # a full disk, a printer gone: say so, keep the drawings
        log.error("consult hand-out failed: %s", type(exc).__name__)
        return words.text("consult.not_saved", reason=type(exc).__name__)
