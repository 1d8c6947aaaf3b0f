"""The interactive diagram: an SVG drawing with exact-shape tappable regions.

The artwork is drawn by Qt's SVG renderer (vector, so it stays sharp at any size) into
a pixmap at the view's current scale, re-rendered only when the view is resized, so a
tap repaints a blit and the highlight items, not the whole drawing.
Each region's outline comes from the domain as plain commands and becomes a
``QPainterPath``; a tap selects the topmost region whose *shape* (not its bounding
box) contains the point. Highlights are path items drawn above the artwork that glow
in with a short ease-out animation.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
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
    """Overlay for one region, invisible at rest.

    Each region has two overlays with fixed looks, so changing the selection never
    invalidates a cached rendering: a warm translucent fill ("lit up") and, on top of it,
    a heavy dark outline with a soft glow ("the one you tapped"; it reads without colour).
    """

    def __init__(self, region: Region, palette: theme.Palette, selected_style: bool = False):
        super().__init__(region_path(region))
        self.region_id = region.id
        self.selected_style = selected_style
        self._glow = QColor(palette.highlight)
        self._glow.setAlphaF(0.35)
        self.setZValue((1000 if selected_style else 10) + region.order)
        self.setOpacity(0.0)  # off; see DiagramView.set_highlight
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Painted once per zoom level; the fade-in then only blends a pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if selected_style:
            pen = QPen(QColor(palette.selected_outline), 6.0)
            self.setBrush(Qt.BrushStyle.NoBrush)
        else:
            fill = QColor(palette.highlight)
            fill.setAlphaF(0.40)
            pen = QPen(QColor(palette.highlight_outline), 3.0)
            self.setBrush(QBrush(fill))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)

    def boundingRect(self):
        # room for the selection glow, drawn outside the outline
        return super().boundingRect().adjusted(-10, -10, 10, 10)

    def paint(self, painter, option, widget=None):
        if self.selected_style:
            painter.setPen(QPen(self._glow, 16.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
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
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._renderer = QSvgRenderer(QByteArray(diagram.base_svg), self)
        self._art_pixmap = QPixmap()
        self._art_key: tuple | None = None
        # Overlays (e.g. dermatome maps) are drawn in their own colours, only while lit.
        self._overlay_renderers = {
            oid: QSvgRenderer(QByteArray(svg), self) for oid, svg in diagram.overlays.items()
        }
        self._overlay_pixmaps: dict[str, QPixmap] = {}
        self._overlay_opacity: dict[str, float] = {}
        size = self._renderer.defaultSize()
        self._scene.setSceneRect(QRectF(0, 0, max(size.width(), 1), max(size.height(), 1)))

        self._items: dict[str, RegionItem] = {}
        self._outlines: dict[str, RegionItem] = {}
        for region in diagram.regions_bottom_to_top():
            self._items[region.id] = RegionItem(region, palette)
            self._outlines[region.id] = RegionItem(region, palette, selected_style=True)
            self._scene.addItem(self._items[region.id])
            self._scene.addItem(self._outlines[region.id])
        self._top_first = sorted(self._items.values(), key=lambda i: i.zValue(), reverse=True)
        self.setScene(self._scene)

        self._selected: str | None = None
        self._highlighted: frozenset[str] = frozenset()
        self._overlays_lit: frozenset[str] = frozenset()
        self._fading_overlays: set[str] = set()
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

    def overlay_ids(self) -> list[str]:
        return list(self._overlay_renderers)

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

    def _art_target(self) -> QRectF:
        """Where the drawing lands in viewport pixels."""
        return self.mapFromScene(self._scene.sceneRect()).boundingRect().toRectF()

    def _render_svg(self, renderer: QSvgRenderer, target: QRectF, ratio: float) -> QPixmap:
        pixel_size = QSize(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)))
        pixmap = QPixmap(pixel_size)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        art_painter = QPainter(pixmap)
        art_painter.setRenderHints(QPainter.RenderHint.Antialiasing
                                   | QPainter.RenderHint.SmoothPixmapTransform
                                   | QPainter.RenderHint.TextAntialiasing)
        renderer.render(art_painter, QRectF(0, 0, target.width(), target.height()))
        art_painter.end()
        return pixmap

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        painter.fillRect(self.viewport().rect(), self.backgroundBrush())
        target = self._art_target()
        ratio = self.viewport().devicePixelRatioF()
        key = (target.width(), target.height(), ratio)
        if key != self._art_key:
            self._art_key = key
            self._art_pixmap = self._render_svg(self._renderer, target, ratio)
            self._overlay_pixmaps.clear()
        painter.drawPixmap(target.topLeft(), self._art_pixmap)
        for overlay_id, opacity in self._overlay_opacity.items():
            if opacity <= 0:
                continue
            pixmap = self._overlay_pixmaps.get(overlay_id)
            if pixmap is None:
                pixmap = self._render_svg(self._overlay_renderers[overlay_id], target, ratio)
                self._overlay_pixmaps[overlay_id] = pixmap
            painter.setOpacity(opacity)
            painter.drawPixmap(target.topLeft(), pixmap)
        painter.restore()

    # -- highlight ------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self._selected

    @property
    def highlighted(self) -> frozenset[str]:
        return self._highlighted

    def set_highlight(self, selected: str | None, ids) -> None:
        """Select ``selected`` (may be None) and light up ``ids`` (only ids in this diagram)."""
        self._fade.stop()  # finish the previous fade-in first
        for item in self._fading:
            item.setOpacity(1.0)
        for overlay_id in self._fading_overlays:
            self._overlay_opacity[overlay_id] = 1.0
        if selected not in self._items:
            selected = None
        ids = list(ids)
        overlays = frozenset(i for i in ids if i in self._overlay_renderers)
        ids = frozenset(i for i in ids if i in self._items)
        if selected is not None:
            ids |= {selected}
        entering_overlays = overlays - self._overlays_lit
        self._overlays_lit = overlays
        gone = [o for o in self._overlay_opacity if o not in overlays]
        for overlay_id in self._overlay_renderers:
            if overlay_id not in overlays:
                self._overlay_opacity.pop(overlay_id, None)
            elif overlay_id in entering_overlays:
                self._overlay_opacity[overlay_id] = 1.0 if self._reduce_motion else 0.0
        self._fading_overlays = set() if self._reduce_motion else set(entering_overlays)
        if entering_overlays or gone:
            self.viewport().update()
        entering = [self._items[i] for i in ids - self._highlighted]
        if selected is not None and selected != self._selected:
            entering.append(self._outlines[selected])
        # Overlays stay "visible" and go transparent when off: hiding a Qt item throws
        # away its cached rendering, and repainting a glow costs more than a frame.
        for region_id in self._highlighted - ids:
            self._items[region_id].setOpacity(0.0)
        if self._selected is not None and self._selected != selected:
            self._outlines[self._selected].setOpacity(0.0)
        self._selected = selected
        self._highlighted = ids
        start = 1.0 if self._reduce_motion else 0.0
        for item in entering:
            item.setOpacity(start)
        self._fading = [] if self._reduce_motion else entering
        if self._fading or self._fading_overlays:
            self._fade.start()

    def lit_regions(self) -> frozenset[str]:
        """Region ids whose overlay is painted (opacity above zero) right now."""
        return frozenset(rid for rid, item in self._items.items() if item.opacity() > 0)

    def lit_overlays(self) -> frozenset[str]:
        return frozenset(o for o, opacity in self._overlay_opacity.items() if opacity > 0)

    def finish_animations(self) -> None:
        if self._fade.state() == QVariantAnimation.State.Running:
            self._fade.setCurrentTime(self._fade.duration())
            self._fade.stop()

    def _on_fade(self, value) -> None:
        for item in self._fading:
            item.setOpacity(float(value))
        if self._fading_overlays:
            for overlay_id in self._fading_overlays:
                self._overlay_opacity[overlay_id] = float(value)
            self.viewport().update()

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
