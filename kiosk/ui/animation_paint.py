"""Qt painting of an animation's shapes, and the few effects drawn by code.

The domain hands over plain shapes (path commands, colours, gradients); this module turns
them into ``QPainterPath``, ``QBrush`` and ``QPen``. Effects are the only drawing that is
not in the SVG, because they are procedural (a glow that fades, rings that spread); the
script names them and this module draws them in the theme's colours.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGradient,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
    QTransform,
)

from kiosk.domain.animation import Effect, Shape
from kiosk.domain.animation.model import Gradient, Paint

_CAPS = {"butt": Qt.PenCapStyle.FlatCap, "round": Qt.PenCapStyle.RoundCap,
         "square": Qt.PenCapStyle.SquareCap}
_JOINS = {"miter": Qt.PenJoinStyle.MiterJoin, "round": Qt.PenJoinStyle.RoundJoin,
          "bevel": Qt.PenJoinStyle.BevelJoin}
_SPREADS = {"pad": QGradient.Spread.PadSpread, "reflect": QGradient.Spread.ReflectSpread,
            "repeat": QGradient.Spread.RepeatSpread}


def qpath(shape: Shape) -> QPainterPath:
    path = QPainterPath()
    for cmd in shape.commands:
        op = cmd[0]
        if op == "C":
            path.cubicTo(cmd[1], cmd[2], cmd[3], cmd[4], cmd[5], cmd[6])
        elif op == "L":
            path.lineTo(cmd[1], cmd[2])
        elif op == "M":
            path.moveTo(cmd[1], cmd[2])
        elif op == "Q":
            path.quadTo(cmd[1], cmd[2], cmd[3], cmd[4])
        else:
            path.closeSubpath()
    if shape.even_odd:
        path.setFillRule(Qt.FillRule.OddEvenFill)
    else:
        path.setFillRule(Qt.FillRule.WindingFill)
    return path


def qcolour(rgba: tuple[float, float, float, float]) -> QColor:
    return QColor.fromRgbF(*(min(1.0, max(0.0, v)) for v in rgba))


def _qgradient(gradient: Gradient, box: QRectF) -> QBrush:
    c = gradient.coords
    if gradient.kind == "linear":
        qg: QGradient = QLinearGradient(c[0], c[1], c[2], c[3])
    else:
        qg = QRadialGradient(QPointF(c[0], c[1]), c[2], QPointF(c[3], c[4]))
    qg.setStops([(offset, qcolour(rgba)) for offset, rgba in gradient.stops])
    qg.setSpread(_SPREADS.get(gradient.spread, QGradient.Spread.PadSpread))
    brush = QBrush(qg)
    a, b, cc, d, e, f = gradient.matrix
    matrix = QTransform(a, b, cc, d, e, f)
    if gradient.bbox:  # objectBoundingBox: unit square -> the shape's bounds
        matrix = matrix * QTransform(box.width(), 0, 0, box.height(), box.x(), box.y())
    brush.setTransform(matrix)
    return brush


def qbrush(paint: Paint, path: QPainterPath) -> QBrush:
    if paint.gradient is not None:
        return _qgradient(paint.gradient, path.boundingRect())
    if paint.colour is not None:
        return QBrush(qcolour(paint.colour))
    return QBrush(Qt.BrushStyle.NoBrush)


def qpen(shape: Shape, path: QPainterPath) -> QPen:
    if not shape.stroke.visible or shape.stroke_width <= 0:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(qbrush(shape.stroke, path), shape.stroke_width)
    pen.setCapStyle(_CAPS.get(shape.cap, Qt.PenCapStyle.FlatCap))
    pen.setJoinStyle(_JOINS.get(shape.join, Qt.PenJoinStyle.MiterJoin))
    if shape.dashes and shape.stroke_width > 0:
        pen.setDashPattern([max(0.01, d / shape.stroke_width) for d in shape.dashes])
    return pen


def paint_shape(p: QPainter, shape: Shape, path: QPainterPath, fill: QBrush | None = None) -> None:
    """Fill then stroke one shape (``fill`` overrides the shape's own fill, e.g. a texture)."""
    p.setPen(qpen(shape, path))
    if fill is not None:
        p.setBrush(fill)
    elif shape.fill.visible:
        p.setBrush(qbrush(shape.fill, path))
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)


def shapes_rect(shapes) -> QRectF:
    """Everything the shapes paint, strokes included (drawing units)."""
    rect = QRectF()
    for shape in shapes:
        pad = shape.stroke_width if shape.stroke.visible else 0.0
        rect = rect.united(qpath(shape).controlPointRect().adjusted(-pad, -pad, pad, pad))
    return rect


# -- effects --------------------------------------------------------------------------------
def paint_glow(p: QPainter, centre: tuple[float, float], radius: float, colour: QColor) -> None:
    """A soft warm glow: "this is where it presses" (full strength; fade with opacity)."""
    grad = QRadialGradient(centre[0], centre[1], radius)
    for stop, alpha in ((0.0, 0.55), (0.45, 0.28), (1.0, 0.0)):
        c = QColor(colour)
        c.setAlphaF(alpha)
        grad.setColorAt(stop, c)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawEllipse(QPointF(*centre), radius, radius)


def paint_pulse(p: QPainter, centre: tuple[float, float], radius: float, waves: int, t: float,
                strength: float, colour: QColor) -> None:
    """Rings spreading out from a point and fading, ``waves`` of them over the progress: a
    gentle electrical signal. Scrubbing back plays them backwards, like the rest."""
    phase = (t * waves) % 1.0
    for k in range(2):
        u = (phase + k * 0.5) % 1.0
        c = QColor(colour)
        c.setAlphaF(max(0.0, min(1.0, strength * (1.0 - u) * 0.9)))
        pen = QPen(c, max(1.5, radius * 0.07 * (1.0 - 0.5 * u)))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = radius * (0.25 + 0.75 * u)
        p.drawEllipse(QPointF(*centre), r, r)


def fade_rect(effect: Effect, view_box: tuple[float, float, float, float]) -> QRectF:
    x, y, w, h = view_box
    s = effect.size
    return {
        "top": QRectF(x, y, w, s), "bottom": QRectF(x, y + h - s, w, s),
        "left": QRectF(x, y, s, h), "right": QRectF(x + w - s, y, s, h),
    }[effect.edge]


def paint_fade(p: QPainter, effect: Effect, view_box: tuple[float, float, float, float],
               background: QColor) -> None:
    """The drawing melts into the card at one edge: the body goes on beyond the picture."""
    rect = fade_rect(effect, view_box)
    solid, clear = QColor(background), QColor(background)
    clear.setAlphaF(0.0)
    start, end = {
        "top": (rect.topLeft(), rect.bottomLeft()), "bottom": (rect.bottomLeft(), rect.topLeft()),
        "left": (rect.topLeft(), rect.topRight()), "right": (rect.topRight(), rect.topLeft()),
    }[effect.edge]
    grad = QLinearGradient(start, end)
    grad.setColorAt(0.0, solid)
    grad.setColorAt(1.0, clear)
    p.fillRect(rect, QBrush(grad))


# Every effect a script may name (kiosk.domain.animation.EFFECTS) is drawn here.
DRAWN_EFFECTS = frozenset({"glow", "pulse", "fade"})


def circle_rect(centre: tuple[float, float], radius: float) -> QRectF:
    return QRectF(centre[0] - radius, centre[1] - radius, 2 * radius, 2 * radius)
