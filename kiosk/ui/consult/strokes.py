"""Pen strokes as scene items: drawn in scene coordinates, so they zoom with the anatomy.

A :class:`SketchLayer` keeps one scene's stroke items in step with a domain
:class:`~kiosk.domain.annotations.Sketch` (undo, redo, erase, clear); a stroke being drawn
is a :class:`StrokeItem` too, so every view of the scene (the patient's mirror as well)
shows it growing live.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from kiosk.domain.annotations import Point, Sketch, Stroke
from kiosk.ui import theme

STROKE_Z = 5000.0  # above the drawing, its highlights and its overlays


def stroke_colour(stroke: Stroke) -> QColor:
    colour = QColor(theme.PEN_COLOURS.get(stroke.colour, theme.PEN_COLOURS["blue"]))
    if stroke.highlighter:
        colour.setAlphaF(theme.HIGHLIGHTER_ALPHA)
    return colour


def _width_at(stroke: Stroke, point: Point) -> float:
    """A stylus presses a line from a third of its width (a light touch) to the full width."""
    if point.pressure is None or stroke.highlighter:
        return stroke.width
    return stroke.width * (0.35 + 0.65 * max(0.0, min(1.0, point.pressure)))


def stroke_path(stroke: Stroke) -> QPainterPath:
    path = QPainterPath()
    first, *rest = stroke.points
    path.moveTo(first.x, first.y)
    if not rest:
        path.lineTo(first.x + 0.01, first.y)  # a dot
    for point in rest:
        path.lineTo(point.x, point.y)
    return path


def paint_stroke(painter: QPainter, stroke: Stroke) -> None:
    """Paint ``stroke`` in scene coordinates (screens, the mirror and the hand-out alike)."""
    colour = stroke_colour(stroke)
    points = stroke.points
    pressured = not stroke.highlighter and any(p.pressure is not None for p in points)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if not pressured:
        cap = Qt.PenCapStyle.FlatCap if stroke.highlighter else Qt.PenCapStyle.RoundCap
        painter.setPen(QPen(colour, stroke.width, Qt.PenStyle.SolidLine, cap, Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(stroke_path(stroke))
    else:  # each segment as wide as the pressure at its ends
        if len(points) == 1:
            points = (points[0], Point(points[0].x + 0.01, points[0].y, points[0].pressure))
        for a, b in itertools.pairwise(points):
            width = (_width_at(stroke, a) + _width_at(stroke, b)) / 2
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawLine(QPointF(a.x, a.y), QPointF(b.x, b.y))
    painter.restore()


class StrokeItem(QGraphicsItem):
    """One stroke. A stroke being drawn grows with :meth:`extend`."""

    def __init__(self, stroke: Stroke):
        super().__init__()
        self.stroke = stroke
        self._rect = QRectF()
        self.setZValue(STROKE_Z + (0 if stroke.highlighter else 1))  # ink over highlighter
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._measure()

    def _measure(self) -> None:
        left, top, right, bottom = self.stroke.bounds()
        self._rect = QRectF(left, top, right - left, bottom - top).adjusted(-2, -2, 2, 2)

    def extend(self, point: Point) -> None:
        self.prepareGeometryChange()
        stroke = self.stroke
        self.stroke = Stroke((*stroke.points, point), stroke.colour, stroke.width, stroke.highlighter)
        self._measure()

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.stroke.width, 1.0))
        stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
        return stroker.createStroke(stroke_path(self.stroke))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        paint_stroke(painter, self.stroke)


class SketchLayer:
    """The items of ``sketch`` in ``scene``, redrawn whenever the sketch changes."""

    def __init__(self, scene: QGraphicsScene, sketch: Sketch):
        self.scene = scene
        self.sketch = sketch
        self._items: dict[int, StrokeItem] = {}
        sketch.listeners.append(self.sync)
        self.sync()

    def sync(self) -> None:
        wanted = {id(s): s for s in self.sketch.strokes}
        for key in [k for k in self._items if k not in wanted]:
            item = self._items.pop(key)
            if item.scene() is not None:
                self.scene.removeItem(item)
        for key, stroke in wanted.items():
            if key not in self._items:
                item = self._items[key] = StrokeItem(stroke)
                self.scene.addItem(item)
            else:
                self._items[key].setVisible(True)

    def items(self) -> list[StrokeItem]:
        return [self._items[id(s)] for s in self.sketch.strokes if id(s) in self._items]

    def item_of(self, stroke: Stroke) -> StrokeItem | None:
        return self._items.get(id(stroke))

    def detach(self) -> None:
        """Stop following the sketch and take its items off the scene."""
        if self.sync in self.sketch.listeners:
            self.sketch.listeners.remove(self.sync)
        for item in self._items.values():
            if item.scene() is not None:
                self.scene.removeItem(item)
        self._items.clear()
