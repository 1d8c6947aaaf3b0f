"""The pen, the eraser, zoom and pan on any picture view, from a finger, a stylus or a mouse.

:class:`PenController` sits in front of a ``QGraphicsView``'s viewport (an event filter) and
turns input into:

- a stroke (pen or highlighter) once a single pointer moves more than ``DRAW_START_PX``:
  a stroke never selects anything;
- a tap (short and still) handed to ``on_tap`` with its scene point: that selects;
- rubbing strokes out (eraser), or panning (the Move tool, a middle or right mouse drag);
- zoom: two fingers pinch and pan together, the mouse wheel zooms round the pointer,
  a double tap (or double click) fits the picture again.

The stylus's pressure (``QTabletEvent.pressure``) goes into the stroke's points.
Zoom is kept relative to "fit" with the scene point at the centre, so the picture keeps
its place when the window is resized.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsView

from kiosk.domain.annotations import Point, Sketch, Stroke
from kiosk.ui import theme
from kiosk.ui.consult.strokes import StrokeItem

DRAW_START_PX = 8  # a pointer that moves further than this draws (and will not select)
TAP_MS = 500  # a press held longer than this is not a tap
DOUBLE_TAP_MS = 350
DOUBLE_TAP_PX = 40
MIN_POINT_PX = 1.0  # closer points of a stroke are dropped
SETTLE_MS = 150  # the picture is drawn sharp again this long after zooming stops
PEN, HIGHLIGHTER, ERASER, MOVE = "pen", "highlighter", "eraser", "move"


@dataclass
class PenSettings:
    """The tool in hand, shared by every picture of the window."""

    tool: str = PEN
    colour: str = "blue"
    size: str = "thin"

    def stroke(self, points) -> Stroke:
        if self.tool == HIGHLIGHTER:
            return Stroke(tuple(points), "yellow", theme.HIGHLIGHTER_WIDTH, True)
        return Stroke(tuple(points), self.colour, theme.PEN_WIDTHS[self.size], False)


class PenController(QObject):
    """Pen, tap, zoom and pan for one view; ``sketch`` is the picture's strokes."""

    viewChanged = Signal()  # the zoom or the visible part changed
    interactionChanged = Signal(bool)  # zooming or panning now (the picture may draw fast)

    def __init__(self, view: QGraphicsView, settings: PenSettings, max_zoom: float = 6.0):
        super().__init__(view)
        self.view = view
        self.settings = settings
        self.sketch: Sketch | None = None
        self.on_tap: Callable[[QPointF], None] | None = None  # given the scene point
        self.max_zoom = max_zoom
        self.zoom = 1.0  # 1: the whole picture fits
        self.centre: QPointF | None = None  # scene point at the middle of the view (None: the middle)
        self.interacting = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._press: QPointF | None = None  # viewport point of the pointer down now
        self._press_time = 0.0
        self._mode: str | None = None  # None (maybe a tap), "draw", "erase", "pan", "pinch", "spent"
        self._live: StrokeItem | None = None
        self._erased: list[Stroke] = []
        self._last_tap: tuple[float, QPointF] | None = None
        self._pinch: tuple[float, float, QPointF] | None = None  # start distance, zoom, scene centroid
        view.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        view.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        view.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        view.viewport().installEventFilter(self)

    # -- zoom ---------------------------------------------------------------------------
    def fit_scale(self) -> float:
        rect = self.view.sceneRect()
        size = self.view.viewport().size()
        if rect.width() <= 0 or rect.height() <= 0 or size.width() <= 0:
            return 1.0
        return min(size.width() / rect.width(), size.height() / rect.height())

    def apply(self) -> None:
        """Show the picture at ``zoom`` round ``centre`` (called on every resize too)."""
        scale = self.fit_scale() * self.zoom
        self.view.setTransform(QTransform.fromScale(scale, scale))
        centre = self.centre if self.centre is not None else self.view.sceneRect().center()
        self.view.centerOn(centre)
        self.centre = self.visible_rect().center() if self.zoom > 1.0 else None
        self.viewChanged.emit()

    def visible_rect(self):
        """The part of the scene on screen now (scene units)."""
        rect = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        return rect.intersected(self.view.sceneRect())

    def fit(self) -> None:
        self.zoom, self.centre = 1.0, None
        self.apply()

    def zoom_by(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under viewport point ``at`` in place."""
        at = at if at is not None else QPointF(self.view.viewport().rect().center())
        anchor = self.view.mapToScene(at.toPoint())
        self.set_zoom(self.zoom * factor, anchor, at)

    def set_zoom(self, zoom: float, anchor: QPointF, at: QPointF) -> None:
        """``zoom`` with scene point ``anchor`` under viewport point ``at``."""
        self.zoom = max(1.0, min(self.max_zoom, zoom))
        scale = self.fit_scale() * self.zoom
        middle = QPointF(self.view.viewport().rect().center())
        self.centre = anchor + (middle - at) / scale
        self._busy()
        self.apply()

    def pan_by(self, delta: QPointF) -> None:
        """Move the picture by ``delta`` viewport pixels."""
        scale = self.fit_scale() * self.zoom
        centre = self.centre if self.centre is not None else self.view.sceneRect().center()
        self.centre = centre - delta / scale
        self._busy()
        self.apply()

    def _busy(self) -> None:
        if not self.interacting:
            self.interacting = True
            self.interactionChanged.emit(True)
        self._settle.start()

    def _settled(self) -> None:
        self.interacting = False
        self.interactionChanged.emit(False)
        self.view.scene().update()

    # -- input --------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        T = QEvent.Type
        if kind in (T.TouchBegin, T.TouchUpdate, T.TouchEnd, T.TouchCancel):
            self._touch(event)
            event.accept()
            return True
        if kind in (T.TabletPress, T.TabletMove, T.TabletRelease):
            self._pointer(kind, event.position(), event.pressure(), stylus=True)
            event.accept()
            return True
        if kind in (T.MouseButtonPress, T.MouseMove, T.MouseButtonRelease):
            self._mouse(kind, event)
            return True
        if kind == T.MouseButtonDblClick:
            self.fit()
            return True
        if kind == T.Wheel:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(1.15 ** steps, event.position())
            event.accept()
            return True
        return False

    def _mouse(self, kind, event) -> None:
        T = QEvent.Type
        button = event.button() if kind != T.MouseMove else None
        if kind == T.MouseButtonPress and button in (Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton):
            self._press, self._mode = event.position(), "pan"
            return
        if kind == T.MouseButtonPress and button != Qt.MouseButton.LeftButton:
            return
        held = Qt.MouseButton.LeftButton | Qt.MouseButton.MiddleButton | Qt.MouseButton.RightButton
        if kind == T.MouseMove and not (event.buttons() & held):
            return
        self._pointer(kind, event.position(), None, stylus=False)

    def _pointer(self, kind, pos: QPointF, pressure: float | None, stylus: bool) -> None:
        T = QEvent.Type
        if kind in (T.MouseButtonPress, T.TabletPress):
            self._down(pos, pressure)
        elif kind in (T.MouseMove, T.TabletMove):
            if self._press is not None:
                self._moved(pos, pressure)
        elif self._press is not None:
            self._up(pos)

    def _touch(self, event) -> None:
        T = QEvent.Type
        points = [p for p in event.points() if p.state() != p.State.Released] \
            if event.type() not in (T.TouchEnd, T.TouchCancel) else []
        if event.type() == T.TouchCancel:
            self._cancel_stroke()
            self._press, self._mode, self._pinch = None, None, None
            return
        if len(points) >= 2:
            self._pinching(points[0].position(), points[1].position())
            return
        self._pinch = None
        if event.type() == T.TouchBegin and points:
            self._down(points[0].position(), None)
        elif event.type() == T.TouchUpdate and points and self._press is not None:
            self._moved(points[0].position(), None)
        elif event.type() == T.TouchEnd and self._press is not None:
            released = event.points()[0].position() if event.points() else self._press
            self._up(released)

    def _pinching(self, a: QPointF, b: QPointF) -> None:
        distance = max(1.0, math.hypot(a.x() - b.x(), a.y() - b.y()))
        middle = (a + b) / 2
        if self._pinch is None:
            self._cancel_stroke()  # a second finger: the first one was not drawing after all
            self._mode = "pinch"
            self._pinch = (distance, self.zoom, self.view.mapToScene(middle.toPoint()))
            return
        start_distance, start_zoom, anchor = self._pinch
        self.set_zoom(start_zoom * distance / start_distance, anchor, middle)

    def _down(self, pos: QPointF, pressure: float | None) -> None:
        self._press, self._press_time, self._mode = pos, time.monotonic(), None
        self._press_pressure = pressure

    def _scene(self, pos: QPointF, pressure: float | None) -> Point:
        scene = self._map(pos)
        return Point(scene.x(), scene.y(), pressure)

    def _map(self, pos: QPointF) -> QPointF:
        """The scene point under viewport point ``pos``, to a fraction of a pixel."""
        return QPointF(self.view.mapToScene(0, 0)) + pos / (self.fit_scale() * self.zoom)

    def _moved(self, pos: QPointF, pressure: float | None) -> None:
        press = self._press
        if self._mode in ("pinch", "spent") or press is None:  # None: no pointer is down
            return
        if self._mode == "pan":
            self.pan_by(pos - press)
            self._press = pos
            return
        if self._mode is None:
            if (pos - press).manhattanLength() <= DRAW_START_PX:
                return
            tool = self.settings.tool
            if tool == MOVE:
                self._mode = "pan"
                self.pan_by(pos - press)
                self._press = pos
                return
            if self.sketch is None:
                self._mode = "spent"
                return
            if tool == ERASER:
                self._mode = "erase"
                self._erase_at(press)
            else:
                self._mode = "draw"
                first = self._scene(press, self._press_pressure)
                self._live = StrokeItem(self.settings.stroke([first]))
                self.view.scene().addItem(self._live)
        if self._mode == "draw" and self._live is not None:
            last = self._live.stroke.points[-1]
            point = self._scene(pos, pressure)
            scale = self.fit_scale() * self.zoom
            if math.hypot(point.x - last.x, point.y - last.y) * scale >= MIN_POINT_PX:
                self._live.extend(point)
        elif self._mode == "erase":
            self._erase_at(pos)

    def _erase_at(self, pos: QPointF) -> None:
        point = self._scene(pos, None)
        radius = theme.ERASER_RADIUS_PX / (self.fit_scale() * self.zoom)
        layer_items = {id(i.stroke): i for i in self.view.scene().items() if isinstance(i, StrokeItem)}
        for stroke in self.sketch.strokes:
            if stroke not in self._erased and stroke.near(point.x, point.y, radius):
                self._erased.append(stroke)
                item = layer_items.get(id(stroke))
                if item is not None:
                    item.setVisible(False)

    def _up(self, pos: QPointF) -> None:
        mode, press = self._mode, self._press
        self._press, self._mode = None, None
        if mode == "draw" and self._live is not None:
            stroke = self._live.stroke
            self._cancel_stroke()
            self.sketch.add(stroke)
        elif mode == "erase":
            erased, self._erased = self._erased, []
            if erased:
                self.sketch.erase(erased)
        elif mode is None and press is not None and (time.monotonic() - self._press_time) * 1000 <= TAP_MS:
            self._tapped(press)

    def _tapped(self, pos: QPointF) -> None:
        now = time.monotonic()
        last = self._last_tap
        if last is not None and (now - last[0]) * 1000 <= DOUBLE_TAP_MS \
                and (pos - last[1]).manhattanLength() <= DOUBLE_TAP_PX:
            self._last_tap = None
            self.fit()
            return
        self._last_tap = (now, pos)
        if self.on_tap is not None:
            self.on_tap(self._map(pos))

    def _cancel_stroke(self) -> None:
        if self._live is not None:
            if self._live.scene() is not None:
                self._live.scene().removeItem(self._live)
            self._live = None
        for stroke in self._erased:  # an eraser drag cut short: the strokes come back
            for item in self.view.scene().items():
                if isinstance(item, StrokeItem) and item.stroke is stroke:
                    item.setVisible(True)
        self._erased = []

    def drawing(self) -> bool:
        """A stroke is being drawn now."""
        return self._live is not None
