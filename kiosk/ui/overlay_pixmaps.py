"""Overlays (contact marks, skin maps, "Usually one side") rendered once, cut to what they cover.

An overlay is a separate SVG the size of the whole drawing, but it covers only a small part
of it. Rendered at full size it would cost a drawing-sized pixmap (about 4 MB at kiosk size)
and a drawing-sized blend on every repaint; this keeps only the part with ink in it, found
on a quarter-size trial rendering, and where that part lies.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

TRIAL_SCALE = 4  # the trial rendering is this many times smaller
MARGIN_PX = 2 * TRIAL_SCALE  # room round the found ink for antialiased edges the trial missed


def ink_bounds(renderer: QSvgRenderer, size: QSize) -> QRect:
    """Where ``renderer`` drawn at ``size`` (device pixels) paints anything; empty if nowhere."""
    trial = QImage(max(1, size.width() // TRIAL_SCALE), max(1, size.height() // TRIAL_SCALE),
                   QImage.Format.Format_Alpha8)
    trial.fill(Qt.GlobalColor.transparent)
    painter = QPainter(trial)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, trial.width(), trial.height()))
    painter.end()
    width, stride = trial.width(), trial.bytesPerLine()
    data = bytes(trial.constBits())
    top = bottom = left = right = -1
    for y in range(trial.height()):
        alpha = data[y * stride: y * stride + width]
        first = len(alpha) - len(alpha.lstrip(b"\0"))
        if first == len(alpha):
            continue
        last = len(alpha.rstrip(b"\0")) - 1
        if top < 0:
            top, left, right = y, first, last
        bottom = y
        left, right = min(left, first), max(right, last)
    if top < 0:
        return QRect()
    found = QRect(left * TRIAL_SCALE, top * TRIAL_SCALE, (right - left + 1) * TRIAL_SCALE,
                  (bottom - top + 1) * TRIAL_SCALE)
    return found.adjusted(-MARGIN_PX, -MARGIN_PX, MARGIN_PX, MARGIN_PX).intersected(QRect(QPoint(0, 0), size))


class OverlayPixmaps:
    """Cut renderings of overlays at one size, by key (an overlay, and the side it shows)."""

    def __init__(self) -> None:
        self._size = QSize()
        self._ratio = 1.0
        self._made: dict[Hashable, tuple[QPixmap, QPointF]] = {}

    def clear(self) -> None:
        self._made.clear()

    def __len__(self) -> int:
        return len(self._made)

    def bytes_used(self) -> int:
        return sum(p.width() * p.height() * p.depth() // 8 for p, _ in self._made.values())

    def get(self, key: Hashable, renderer: QSvgRenderer, size: QSizeF,
            ratio: float) -> tuple[QPixmap, QPointF]:
        """The overlay drawn over ``size`` (logical pixels): its cut pixmap, and where its
        top left goes (logical pixels from the drawing's top left)."""
        pixel_size = QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        if pixel_size != self._size or ratio != self._ratio:
            self._made.clear()
            self._size, self._ratio = pixel_size, ratio
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._render(renderer, pixel_size, ratio)
        return made

    @staticmethod
    def _render(renderer: QSvgRenderer, pixel_size: QSize, ratio: float) -> tuple[QPixmap, QPointF]:
        bounds = ink_bounds(renderer, pixel_size)
        if bounds.isEmpty():
            bounds = QRect(0, 0, 1, 1)
        pixmap = QPixmap(bounds.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform
                               | QPainter.RenderHint.TextAntialiasing)
        painter.translate(-bounds.x(), -bounds.y())
        renderer.render(painter, QRectF(0, 0, pixel_size.width(), pixel_size.height()))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        return pixmap, QPointF(bounds.x() / ratio, bounds.y() / ratio)
