"""The interactive diagram: an SVG drawing with exact-shape tappable regions.

The artwork is drawn by Qt's SVG renderer (vector, so it stays sharp at any size).
Each region's outline comes from the domain as plain commands and becomes a
``QPainterPath``; a tap selects the topmost region whose *shape* (not its bounding
box) contains the point. Highlights are path items drawn above the artwork that glow
in with a short ease-out animation.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsView

from kiosk.domain.diagrams import Diagram, Region
from kiosk.ui import theme

TAP_SLOP_PX = 24  # a press that moves further than this is a drag, not a tap


def region_path(region: Region) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # SVG's default fill-rule is nonzero
    for cmd in region.commands:
        op = cmd[0]
        if op == "M":
            path.moveTo(cmd[1], cmd[2])
        elif op == "L":
            path.lineTo(cmd[1], cmd[2])
        elif op == "Q":
            path.quadTo(cmd[1], cmd[2], cmd[3], cmd[4])
        elif op == "C":
            path.cubicTo(cmd[1], cmd[2], cmd[3], cmd[4], cmd[5], cmd[6])
        elif op == "Z":
            path.closeSubpath()
    return path


class RegionItem(QGraphicsPathItem):
    """Overlay for one region: invisible at rest, a warm glow when highlighted."""

    def __init__(self, region: Region, palette: theme.Palette):
        super().__init__(region_path(region))
        self.region_id = region.id
        self._palette = palette
        self._selected = False
        self.setZValue(10 + region.order)
        self.setVisible(False)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._apply_style()

    def set_state(self, highlighted: bool, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self._apply_style()
        self.setVisible(highlighted or selected)

    def is_selected(self) -> bool:
        return self._selected

    def _apply_style(self) -> None:
        fill = QColor(self._palette.highlight)
        fill.setAlphaF(0.50 if self._selected else 0.38)
        palette = self._palette
        outline = QColor(palette.selected_outline if self._selected else palette.highlight_outline)
        pen = QPen(outline, 6.0 if self._selected else 3.0)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCosmetic(False)
        self.setPen(pen)
        self.setBrush(QBrush(fill))

    def paint(self, painter, option, widget=None):
        if self._selected:
            # A soft outer glow under the outline, so the selection reads without colour.
            glow = QColor(self._palette.highlight)
            glow.setAlphaF(0.35)
            painter.setPen(QPen(glow, 16.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())
        super().paint(painter, option, widget)


class DiagramView(QGraphicsView):
    """Shows one diagram and reports taps as region ids (None for empty space)."""

    regionTapped = Signal(object)  # str | None

    def __init__(self, diagram: Diagram, palette: theme.Palette, reduce_motion: bool = False,
                 parent=None):
        super().__init__(parent)
        self.diagram = diagram
        self._palette = palette
        self._reduce_motion = reduce_motion
        self._press_pos: QPointF | None = None
        self.setObjectName("DiagramView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setBackgroundBrush(QColor(palette.diagram_background))
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

        self._scene = QGraphicsScene(self)
        self._renderer = QSvgRenderer(str(diagram.path), self)
        self._art = QGraphicsSvgItem()
        self._art.setSharedRenderer(self._renderer)
        self._art.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._art.setZValue(0)
        self._scene.addItem(self._art)
        size = self._renderer.defaultSize()
        self._scene.setSceneRect(QRectF(0, 0, max(size.width(), 1), max(size.height(), 1)))

        self._items: dict[str, RegionItem] = {}
        for region in diagram.regions_bottom_to_top():
            item = RegionItem(region, palette)
            self._scene.addItem(item)
            self._items[region.id] = item
        self._top_first = sorted(self._items.values(), key=lambda i: i.zValue(), reverse=True)
        self.setScene(self._scene)

        self._selected: str | None = None
        self._highlighted: frozenset[str] = frozenset()
        self._fading: list[RegionItem] = []
        self._fade = QVariantAnimation(self)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setDuration(theme.HIGHLIGHT_MS)
        self._fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._fade.valueChanged.connect(self._on_fade)

    # -- geometry -------------------------------------------------------------
    def region_ids(self) -> list[str]:
        return list(self._items)

    def region_shape(self, region_id: str) -> QPainterPath:
        return self._items[region_id].path()

    def region_at(self, scene_pos: QPointF) -> str | None:
        """Topmost region whose exact shape contains ``scene_pos``."""
        for item in self._top_first:
            path = item.path()
            if path.controlPointRect().contains(scene_pos) and path.contains(scene_pos):
                return item.region_id
        return None

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event):
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # -- highlight ------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self._selected

    @property
    def highlighted(self) -> frozenset[str]:
        return self._highlighted

    def set_highlight(self, selected: str | None, ids) -> None:
        """Select ``selected`` (may be None) and light up ``ids`` (only ids in this diagram)."""
        ids = frozenset(i for i in ids if i in self._items)
        if selected not in self._items:
            selected = None
        entering = [self._items[i] for i in ids if i not in self._highlighted]
        for region_id, item in self._items.items():
            item.set_state(region_id in ids, region_id == selected)
            if region_id not in ids:
                item.setOpacity(1.0)
        self._selected = selected
        self._highlighted = ids
        self._fade.stop()
        if entering and not self._reduce_motion:
            self._fading = entering
            for item in entering:
                item.setOpacity(0.0)
            self._fade.start()
        else:
            for item in entering:
                item.setOpacity(1.0)

    def finish_animations(self) -> None:
        if self._fade.state() == QVariantAnimation.State.Running:
            self._fade.setCurrentTime(self._fade.duration())
            self._fade.stop()

    def _on_fade(self, value) -> None:
        for item in self._fading:
            item.setOpacity(float(value))

    # -- input ----------------------------------------------------------------
    def _tap(self, view_pos: QPointF) -> None:
        self.regionTapped.emit(self.region_at(self.mapToScene(view_pos.toPoint())))

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position()
        event.accept()

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._press_pos is not None:
            moved = (event.position() - self._press_pos).manhattanLength()
            self._press_pos = None
            if moved <= TAP_SLOP_PX:
                self._tap(event.position())
        event.accept()

    def mouseDoubleClickEvent(self, event):
        event.accept()  # no double-tap actions

    def mouseMoveEvent(self, event):
        event.accept()

    def wheelEvent(self, event):
        event.accept()  # the drawing always fits; nothing to scroll

    def viewportEvent(self, event):
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            if kind == QEvent.Type.TouchBegin and event.points():
                self._press_pos = event.points()[0].position()
            event.accept()
            return True
        if kind == QEvent.Type.TouchEnd:
            points = event.points()
            if points and self._press_pos is not None:
                pos = points[0].position()
                if (pos - self._press_pos).manhattanLength() <= TAP_SLOP_PX:
                    self._tap(pos)
            self._press_pos = None
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._press_pos = None
            event.accept()
            return True
        return super().viewportEvent(event)
