"""Attract screen: a calm, slowly drifting invitation shown between visitors.

Nothing on it stays on the same pixels for long (the whole picture drifts a few dozen
pixels over minutes), so a screen left on for months does not burn in. With reduce motion
nothing drifts or pulses: the picture stands still and moves to its next place once a
minute, in one step. The picture is
painted once per size into a pixmap; a frame only blits it, and the small "touch" ring
repaints just its own square.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QByteArray, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from kiosk.domain.ui_words import UiWords, builtin_words
from kiosk.ui import theme

DRIFT_X, DRIFT_Y = 44.0, 30.0  # px at 1920x1080
PERIOD_X, PERIOD_Y = 97.0, 71.0  # s: slow, and never in step, so the path does not repeat soon
PULSE_PERIOD = 2.6  # s
FRAME_MS = 40
STILL_S = 60.0  # reduce motion: how long the picture stays in one place


class AttractScreen(QWidget):
    touched = Signal()

    def __init__(self, clinic_name: str, art_svg: bytes | None, palette: theme.Palette,
                 reduce_motion: bool = False, words: UiWords | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("AttractScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a keypad or a switch starts a visit too
        self.clinic_name = clinic_name
        self.palette_ = palette
        self.reduce_motion = reduce_motion
        self._renderer = QSvgRenderer(QByteArray(art_svg), self) if art_svg else None
        words = words or builtin_words("en")  # the window passes the content's
        self.headline = words["attract.headline"]
        self.subline = words["attract.subline"]
        self.cta = words["attract.cta"]
        self.setAccessibleName(self.cta)
        self.setAccessibleDescription(self.headline)
        self._picture: QPixmap | None = None
        self._ring_centre = QPointF()
        self._started = time.monotonic()
        self.clock = time.monotonic  # tests and screenshots pin the time
        self._offset = (0, 0)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    # -- motion ---------------------------------------------------------------
    def elapsed(self) -> float:
        return self.clock() - self._started

    def drift(self, t: float | None = None) -> tuple[int, int]:
        """Whole-pixel offset of the picture at ``t`` seconds (scaled to the screen)."""
        t = self.elapsed() if t is None else t
        if self.reduce_motion:  # no drifting: the place of the minute
            t = math.floor(t / STILL_S) * STILL_S
        scale = self.height() / 1080 if self.height() else 1.0
        return (round(DRIFT_X * scale * math.sin(2 * math.pi * t / PERIOD_X)),
                round(DRIFT_Y * scale * math.sin(2 * math.pi * t / PERIOD_Y)))

    def _tick(self) -> None:
        offset = self.drift()
        if offset != self._offset:
            self._offset = offset
            self.update()
        elif not self.reduce_motion:
            self.update(self._ring_rect())

    def showEvent(self, event) -> None:
        self._timer.start(1000 if self.reduce_motion else FRAME_MS)
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # any key starts, as a touch does

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    # -- input ----------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        event.accept()
        self.touched.emit()

    def keyPressEvent(self, event) -> None:
        event.accept()
        if not event.isAutoRepeat():
            self.touched.emit()

    def event(self, event) -> bool:
        if event.type() == event.Type.TouchBegin:
            event.accept()
            return True
        if event.type() == event.Type.TouchEnd:
            event.accept()
            self.touched.emit()
            return True
        return super().event(event)

    # -- painting -------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        self._picture = None
        super().resizeEvent(event)

    def _font(self, px: float, bold: bool = False) -> QFont:
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(max(12, round(px)))
        font.setBold(bold)
        return font

    def _ring_rect(self) -> QRect:
        scale = self.height() / 1080 if self.height() else 1.0
        r = 70 * scale
        c = self._ring_centre + QPointF(*self._offset)
        return QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).toAlignedRect().adjusted(-4, -4, 4, 4)

    def _build_picture(self) -> QPixmap:
        """Everything but the background and the pulse, on a transparent pixmap."""
        w, h = self.width(), self.height()
        scale = h / 1080
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(w * ratio), round(h * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = self.palette_
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        margin = 150 * scale
        # The drawing, in a soft white card on the right that hugs it.
        area = QRectF(w * 0.52, 120 * scale, w * 0.48 - margin * 0.8, h - 240 * scale)
        pad = 40 * scale
        art = QRectF()
        if self._renderer is not None and self._renderer.isValid():
            size = self._renderer.defaultSize()
            inner = area.adjusted(pad, pad, -pad, -pad)
            fit = min(inner.width() / size.width(), inner.height() / size.height())
            art = QRectF(0, 0, size.width() * fit, size.height() * fit)
            art.moveCenter(inner.center())
        card = art.adjusted(-pad, -pad, pad, pad) if not art.isEmpty() else area
        path = QPainterPath()
        path.addRoundedRect(card, 36 * scale, 36 * scale)
        painter.fillPath(path, QColor(p.surface))
        painter.setPen(QPen(QColor(p.border), 2 * scale))
        painter.drawPath(path)
        if not art.isEmpty():
            self._renderer.render(painter, art)
        # The words, on the left.
        left = margin
        text_w = w * 0.52 - margin - 60 * scale
        y = 190 * scale
        painter.setPen(QColor(p.accent))
        painter.setFont(self._font(36 * scale, bold=True))
        box = QRectF(left, y, text_w, 60 * scale)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.clinic_name)
        y += 100 * scale
        painter.setPen(QColor(p.text))
        painter.setFont(self._font(80 * scale, bold=True))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(QRectF(left, y, text_w, h), flags, self.headline)
        painter.drawText(used, flags, self.headline)
        y = used.bottom() + 40 * scale
        painter.setPen(QColor(p.muted_text))
        painter.setFont(self._font(36 * scale))
        used = painter.boundingRect(QRectF(left, y, text_w, h), flags, self.subline)
        painter.drawText(used, flags, self.subline)
        # Call to action: a round "touch" mark and its words.
        cy = h - 250 * scale
        self._ring_centre = QPointF(left + 70 * scale, cy)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(p.accent))
        painter.drawEllipse(self._ring_centre, 34 * scale, 34 * scale)
        painter.setPen(QColor(p.accent))
        painter.setFont(self._font(40 * scale, bold=True))
        painter.drawText(QRectF(left + 150 * scale, cy - 40 * scale, text_w, 80 * scale),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.cta)
        painter.end()
        return pixmap

    def paintEvent(self, event) -> None:
        if self._picture is None or self._picture.size() != self.size() * self.devicePixelRatioF():
            self._picture = self._build_picture()
        p = self.palette_
        painter = QPainter(self)
        gradient = QLinearGradient(0, 0, self.width(), self.height())
        gradient.setColorAt(0.0, QColor(p.background))
        gradient.setColorAt(1.0, QColor(p.backdrop_glow))
        painter.fillRect(event.rect(), gradient)
        painter.drawPixmap(QPointF(*self._offset), self._picture)
        if not self.reduce_motion:
            phase = (self.elapsed() % PULSE_PERIOD) / PULSE_PERIOD
            scale = self.height() / 1080
            ring = QColor(p.accent)
            ring.setAlphaF(0.55 * (1.0 - phase))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(ring, 6 * scale))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = (38 + 28 * phase) * scale
            painter.drawEllipse(self._ring_centre + QPointF(*self._offset), radius, radius)
        painter.end()
