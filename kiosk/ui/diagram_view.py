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

from typing import TYPE_CHECKING

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

from kiosk.domain.diagrams import ONE_SIDE_NOTE, Diagram, Region
from kiosk.ui import theme
from kiosk.ui.overlay_pixmaps import OverlayPixmaps

if TYPE_CHECKING:
    from kiosk.ui.region_keys import RegionKeys

TAP_SLOP_PX = 24  # a press that moves further than this is a drag, not a tap


def commands_path(commands) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # SVG's default fill-rule is nonzero
    for cmd in commands:
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


def region_path(region: Region) -> QPainterPath:
    return commands_path(region.commands)


class RegionItem(QGraphicsPathItem):
    """Overlay for one region, invisible at rest.

    Each region has two overlays with fixed looks, so changing the selection rarely
    invalidates a cached rendering:
    - "lit up" (a part linked to what was tapped): a warm outline and, unless a coloured
      overlay (a dermatome map) is showing in the drawing, a warm translucent fill;
    - "the one you tapped": a neutral dark outline over a wide light halo, no fill, so it
      never mixes with the colours under it and reads without colour.
    A region drawn on both sides of the body can light one side only (``set_side``).
    """

    def __init__(self, region: Region, palette: theme.Palette, selected_style: bool = False):
        super().__init__(region_path(region))
        self.region_id = region.id
        self.selected_style = selected_style
        self._region = region
        self._side: str | None = None
        self._filled = True
        self._halo = QColor(palette.selected_halo)
        self._halo.setAlphaF(0.85)
        self._fill = QColor(palette.highlight)
        self._fill.setAlphaF(0.40)
        self.setZValue((1000 if selected_style else 10) + region.order)
        self.setOpacity(0.0)  # off; see DiagramView.set_highlight
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Painted once per zoom level; the fade-in then only blends a pixmap.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if selected_style:
            pen = QPen(QColor(palette.selected_outline), 4.0 * palette.line_weight)
            self.setBrush(Qt.BrushStyle.NoBrush)
        else:
            pen = QPen(QColor(palette.highlight_outline), 3.0 * palette.line_weight)
            self.setBrush(QBrush(self._fill))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)

    @property
    def side(self) -> str | None:
        return self._side

    def set_side(self, side: str | None) -> None:
        """Light ``side`` only ("left"/"right"), or every shape (None)."""
        side = side if side in self._region.sides else None
        if side != self._side:
            self._side = side
            self.setPath(commands_path(self._region.side_commands(side)))

    def set_filled(self, filled: bool) -> None:
        if not self.selected_style and filled != self._filled:
            self._filled = filled
            self.setBrush(QBrush(self._fill) if filled else Qt.BrushStyle.NoBrush)

    @property
    def filled(self) -> bool:
        return self._filled and not self.selected_style

    def boundingRect(self):
        # room for the selection halo, drawn outside the outline
        return super().boundingRect().adjusted(-12, -12, 12, 12)

    def paint(self, painter, option, widget=None):
        if self.selected_style:
            painter.setPen(QPen(self._halo, 12.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())
        super().paint(painter, option, widget)


class DiagramView(QGraphicsView):
    """Shows one diagram and reports taps as region ids (None for empty space)."""

    regionTapped = Signal(object)  # str | None
    region_keys: RegionKeys | None = None  # set by a RegionKeys: the arrow keys move around the drawing

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
        self._side_renderers: dict[tuple[str, str], QSvgRenderer] = {}
        self._overlay_pixmaps = OverlayPixmaps()  # by overlay and side, cut to their ink
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
        # What a tap hits: every region's whole shape, topmost first. The lit items' own paths
        # may show one side only; a tap must find either side whatever was lit before.
        top_first = sorted(self._items.values(), key=lambda i: i.zValue(), reverse=True)
        self._hit_shapes = [(item.region_id, item.path(), item.path().controlPointRect())
                            for item in top_first]
        self._shapes = {region_id: path for region_id, path, _ in self._hit_shapes}
        self.setScene(self._scene)

        self._selected: str | None = None
        self._side: str | None = None
        self._highlighted: frozenset[str] = frozenset()
        self._lit: frozenset[str] = frozenset()  # drawn with the "lit up" look
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
        """The region's whole shape (both sides), as a tap finds it."""
        return self._shapes[region_id]

    def region_at(self, scene_pos: QPointF) -> str | None:
        """Topmost region whose exact shape contains ``scene_pos``."""
        for region_id, path, bounds in self._hit_shapes:
            if bounds.contains(scene_pos) and path.contains(scene_pos):
                return region_id
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

    def _render_svg(self, renderer: QSvgRenderer, target: QRectF, ratio: float,
                    fill: QColor | None = None) -> QPixmap:
        """The drawing at ``target``'s size: on ``fill`` (an opaque pixmap, which a repaint
        copies rather than blends), or on transparency (an overlay)."""
        pixel_size = QSize(max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio)))
        pixmap = QPixmap(pixel_size)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent if fill is None else fill)
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
            self._art_pixmap = self._render_svg(self._renderer, target, ratio,
                                                self.backgroundBrush().color())
        painter.drawPixmap(target.topLeft(), self._art_pixmap)
        self._draw_overlays(painter, target, ratio, on_top=False)
        painter.restore()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.diagram.on_top_overlays.intersection(self._overlay_opacity):
            return
        painter.save()
        painter.resetTransform()
        self._draw_overlays(painter, self._art_target(), self.viewport().devicePixelRatioF(), on_top=True)
        painter.restore()

    def _draw_overlays(self, painter: QPainter, target: QRectF, ratio: float, on_top: bool) -> None:
        """The lit overlays: under the highlights, or (class "on-top") above them."""
        for overlay_id, opacity in self._overlay_opacity.items():
            if opacity <= 0 or (overlay_id in self.diagram.on_top_overlays) != on_top:
                continue
            side = self._overlay_side(overlay_id)
            pixmap, offset = self._overlay_pixmaps.get(
                (overlay_id, side), self._overlay_renderer(overlay_id, side), target.size(), ratio)
            painter.setOpacity(opacity)
            painter.drawPixmap(target.topLeft() + offset, pixmap)

    def _overlay_side(self, overlay_id: str) -> str | None:
        """The side of ``overlay_id`` to draw now: the side lit, or None (all of it)."""
        side = self._side
        return side if side in self.diagram.overlay_sides.get(overlay_id, {}) else None

    def _overlay_renderer(self, overlay_id: str, side: str | None) -> QSvgRenderer:
        """The overlay as drawn for ``side`` (all of it for None)."""
        if side is None:
            return self._overlay_renderers[overlay_id]
        key = (overlay_id, side)
        if key not in self._side_renderers:
            svg = self.diagram.overlay_svg(overlay_id, side)
            self._side_renderers[key] = QSvgRenderer(QByteArray(svg), self)
        return self._side_renderers[key]

    # -- highlight ------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self._selected

    @property
    def side(self) -> str | None:
        """The one side of the body lit now ("left"/"right"), or None for both."""
        return self._side

    @property
    def highlighted(self) -> frozenset[str]:
        return self._highlighted

    def set_highlight(self, selected: str | None, ids, side: str | None = None) -> None:
        """Select ``selected`` (may be None) and light up ``ids`` (only ids in this diagram).

        With ``side`` ("left"/"right"), regions and overlays drawn on both sides of the body
        light up on that side only; the selected region keeps its whole outline.
        """
        self._fade.stop()  # finish the previous fade-in first
        for item in self._fading:
            item.setOpacity(1.0)
        for overlay_id in self._fading_overlays:
            self._overlay_opacity[overlay_id] = 1.0
        if selected not in self._items:
            selected = None
        ids = list(ids)
        if side is not None:
            ids.append(ONE_SIDE_NOTE)  # "Usually one side", where the drawing has the note
        overlays = frozenset(i for i in ids if i in self._overlay_renderers)
        ids = frozenset(i for i in ids if i in self._items)
        if side != self._side:
            self._side = side
            self.viewport().update()
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
        lit = ids - {selected}  # the selected region gets the outline and halo, not the fill
        for region_id in lit:
            item = self._items[region_id]
            item.set_side(side)
            item.set_filled(not (overlays - self.diagram.on_top_overlays))
        entering = [self._items[i] for i in lit - self._lit]
        if selected is not None and selected != self._selected:
            entering.append(self._outlines[selected])
        # Overlays stay "visible" and go transparent when off: hiding a Qt item throws
        # away its cached rendering, and repainting a glow costs more than a frame.
        for region_id in self._lit - lit:
            self._items[region_id].setOpacity(0.0)
        if self._selected is not None and self._selected != selected:
            self._outlines[self._selected].setOpacity(0.0)
        self._selected = selected
        self._lit = lit
        self._highlighted = ids | ({selected} if selected is not None else frozenset())
        start = 1.0 if self._reduce_motion else 0.0
        for item in entering:
            item.setOpacity(start)
        self._fading = [] if self._reduce_motion else entering
        if self._fading or self._fading_overlays:
            self._fade.start()

    def lit_regions(self) -> frozenset[str]:
        """Region ids painted as lit or selected (opacity above zero) right now."""
        lit = {rid for rid, item in self._items.items() if item.opacity() > 0}
        if self._selected is not None and self._outlines[self._selected].opacity() > 0:
            lit.add(self._selected)
        return frozenset(lit)

    def lit_item(self, region_id: str) -> RegionItem:
        """The "lit up" item of a region (its shape shows the side that is lit)."""
        return self._items[region_id]

    def selection_item(self, region_id: str) -> RegionItem:
        return self._outlines[region_id]

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
