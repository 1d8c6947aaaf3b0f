"""The keyboard focus ring: a thick band in the theme's accent colour between two light bands.

It is one widget over the whole window that follows the control in focus, so every control
gets the same ring whatever its style: the accent band reads on the light screens, the
light bands on the dark ones (the urgent screen), and the accent band against the light
bands, each at 3:1 or more in the normal and the high-contrast theme (tested). The ring is
drawn around the control, outside its own border, and never takes a tap.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from kiosk.ui import theme

RING_PX = 5  # the accent band
HALO_PX = 3  # each light band, inside and outside the accent one
OUTSET = 2 * HALO_PX + RING_PX  # how far the ring reaches outside the control
RADIUS = 14


def ring_colours(palette: theme.Palette) -> tuple[str, str]:
    """(ring, halo): the accent band and the light bands around it."""
    return palette.accent, palette.on_accent


class FocusRing(QWidget):
    """Drawn over ``window`` around ``target`` (or a rectangle inside it, such as a link)."""

    def __init__(self, window: QWidget, palette: theme.Palette):
        super().__init__(window)
        self.setObjectName("FocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.palette_ = palette
        self.target: QWidget | None = None
        self.part: QRect | None = None  # in the target's coordinates; None: all of it
        self._ring = QRect()  # where the ring goes, in this widget's coordinates
        self.hide()

    def set_palette(self, palette: theme.Palette) -> None:
        self.palette_ = palette
        self.update()

    def follow(self, target: QWidget | None, part: QRect | None = None) -> None:
        self.target, self.part = target, part
        self.place()

    def place(self) -> None:
        """Put the ring around the target as it is now; hide it when the target is not on show."""
        target, window = self.target, self.parentWidget()
        if target is None or window is None or not target.isVisible():
            self.hide()
            return
        area = self.part if self.part is not None else target.rect()
        top_left = target.mapTo(window, area.topLeft())
        ring = QRect(top_left, area.size()).adjusted(-OUTSET, -OUTSET, OUTSET, OUTSET)
        # Clip to what is on show: a control half scrolled out of its list keeps a ring only
        # around its visible part's side of the list.
        clip = QRect(window.rect())
        widget = target.parentWidget()
        while widget is not None and widget is not window:
            if isinstance(widget.parentWidget(), QAbstractScrollArea):  # a viewport
                view = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
                clip = clip.intersected(view.adjusted(-OUTSET, -OUTSET, OUTSET, OUTSET))
            widget = widget.parentWidget()
        shown = ring.intersected(clip)
        if shown.isEmpty():
            self.hide()
            return
        self.setGeometry(shown)
        self._ring = ring.translated(-shown.topLeft())
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event) -> None:
        ring, halo = (QColor(c) for c in ring_colours(self.palette_))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self._ring)
        for colour, inset, width in ((halo, HALO_PX / 2, HALO_PX),
                                     (ring, HALO_PX + RING_PX / 2, RING_PX),
                                     (halo, HALO_PX + RING_PX + HALO_PX / 2, HALO_PX)):
            rect = outer.adjusted(inset, inset, -inset, -inset)
            path = QPainterPath()
            path.addRoundedRect(rect, max(RADIUS - inset, 2), max(RADIUS - inset, 2))
            painter.setPen(QPen(colour, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.end()
