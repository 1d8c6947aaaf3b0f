"""The pictures consult mode draws on: a diagram view and an animation, each a scene.

Everything a picture shows is an item of its scene (the drawing, its highlights, its
overlays, the strokes), so a second view of the same scene (the patient's mirror, or a
hand-out page) shows the same picture. The drawing is rendered from its SVG for the part
on screen at the zoom of the moment (vector-sharp at every zoom); while a pinch or a wheel
is moving, the last sharp rendering is stretched, and a sharp one follows when it stops.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView

from kiosk.domain.annotations import Sketch
from kiosk.domain.diagrams import Diagram
from kiosk.ui import theme
from kiosk.ui.condition_art import AnimationArt
from kiosk.ui.consult.pen import PenController, PenSettings
from kiosk.ui.consult.strokes import STROKE_Z, SketchLayer
from kiosk.ui.diagram_view import DiagramView

ANIMATION_SHEET = QRectF(0, 0, 1600, 1000)  # the scene of an animation (its strokes' units)
DIAGRAM_MAX_ZOOM = 8.0
ANIMATION_MAX_ZOOM = 3.0


class _Rendering:
    def __init__(self, key: tuple, pixmap: QPixmap, cover: QRectF, device: QRectF):
        self.key, self.pixmap, self.cover, self.device = key, pixmap, cover, device


class DiagramArtItem(QGraphicsItem):
    """The drawing (``on_top`` False) or its "on-top" overlays, as a scene item.

    Each view that shows it keeps its own rendering of the part it has on screen.
    """

    def __init__(self, view: ConsultDiagramView, on_top: bool = False):
        super().__init__()
        self._view = view
        self._on_top = on_top
        self._rect = view.sceneRect()
        self._renderings: dict[int, _Rendering] = {}
        self.setZValue(STROKE_Z - 10 if on_top else -100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._rect

    def _layers(self) -> list[tuple[QSvgRenderer, float]]:
        """(renderer, opacity) to paint, bottom first."""
        view = self._view
        layers = [] if self._on_top else [(view._renderer, 1.0)]
        for overlay_id, opacity in view._overlay_opacity.items():
            if opacity > 0 and (overlay_id in view.diagram.on_top_overlays) == self._on_top:
                layers.append((view._overlay_renderer(overlay_id, view._overlay_side(overlay_id)), opacity))
        return layers

    def paint(self, painter: QPainter, option, widget=None) -> None:
        layers = self._layers()
        if not layers:
            return
        if widget is None:  # a printer, a PDF or an image: straight from the SVG (vector)
            for renderer, opacity in layers:
                painter.save()
                painter.setOpacity(opacity)
                renderer.render(painter, self._rect)
                painter.restore()
            return
        transform = painter.worldTransform()
        device = transform.mapRect(self._rect).intersected(QRectF(widget.rect()))
        if device.isEmpty():
            return
        ratio = widget.devicePixelRatioF()
        key = (tuple(round(v, 4) for v in (transform.m11(), transform.m22(), transform.dx(), transform.dy())),
               widget.width(), widget.height(), ratio, self._view.side,
               tuple((id(r), o) for r, o in layers))
        cached = self._renderings.get(id(widget))
        fast = getattr(widget.parent(), "interacting", False)
        if cached is None or (cached.key != key and not fast):
            cached = self._renderings[id(widget)] = self._render(layers, transform, device, ratio, key)
        if cached.key == key:
            painter.save()
            painter.resetTransform()
            painter.drawPixmap(cached.device.topLeft(), cached.pixmap)
            painter.restore()
        else:  # zooming now: the last sharp picture, stretched to where it belongs
            painter.drawPixmap(cached.cover, cached.pixmap, QRectF(cached.pixmap.rect()))

    def _render(self, layers, transform, device: QRectF, ratio: float, key: tuple) -> _Rendering:
        device = device.toAlignedRect().toRectF()
        pixmap = QPixmap(QSize(max(1, round(device.width() * ratio)), max(1, round(device.height() * ratio))))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                         | QPainter.RenderHint.TextAntialiasing)
        p.translate(-device.topLeft())
        p.setTransform(transform, True)
        for renderer, opacity in layers:
            p.setOpacity(opacity)
            renderer.render(p, self._rect)
        p.end()
        cover = transform.inverted()[0].mapRect(device)
        return _Rendering(key, pixmap, cover, device)

    def forget(self, widget) -> None:
        self._renderings.pop(id(widget), None)


class _Board:
    """What both kinds of picture share: the pen, the strokes, a key naming the picture."""

    key: str
    pen: PenController
    layer: SketchLayer | None = None
    interacting = False

    def _setup_board(self, view: QGraphicsView, settings: PenSettings, max_zoom: float) -> None:
        """``view``: the board itself (each kind of board is a QGraphicsView)."""
        self.pen = PenController(view, settings, max_zoom)
        self.pen.interactionChanged.connect(self._interaction)
        self.layer = None

    def _interaction(self, busy: bool) -> None:
        self.interacting = busy

    def set_sketch(self, sketch: Sketch) -> None:
        """Show ``sketch``'s strokes on this picture and draw into it."""
        if self.layer is not None:
            self.layer.detach()
        self.layer = SketchLayer(self.pen.view.scene(), sketch)
        self.pen.sketch = sketch


class ConsultDiagramView(_Board, DiagramView):
    """A diagram with the pen, zoom and pan. Taps still select (``regionTapped``)."""

    def __init__(self, diagram: Diagram, palette: theme.Palette, settings: PenSettings, parent=None):
        DiagramView.__init__(self, diagram, palette, reduce_motion=True, parent=parent)
        self.key = f"view:{diagram.id}"
        self._background = QColor(palette.diagram_background)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.art = DiagramArtItem(self)
        self.art_on_top = DiagramArtItem(self, on_top=True)
        self.scene().addItem(self.art)
        self.scene().addItem(self.art_on_top)
        self._setup_board(self, settings, DIAGRAM_MAX_ZOOM)
        self.pen.on_tap = lambda scene_pos: self.regionTapped.emit(self.region_at(scene_pos))

    def _fit(self) -> None:  # on resize and show: keep the zoom and the place
        self.pen.apply()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, self._background)  # the drawing itself is an item (DiagramArtItem)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        pass

    def set_highlight(self, selected, ids, side=None) -> None:
        super().set_highlight(selected, ids, side)
        self.art.update()
        self.art_on_top.update()


class AnimationItem(QGraphicsItem):
    """One animation at a progress, painted on a card the size of ``ANIMATION_SHEET``."""

    def __init__(self, palette: theme.Palette):
        super().__init__()
        self.art: AnimationArt | None = None
        self.progress = 0.0
        self._card = QColor(palette.surface)
        self._border = QColor(palette.border)
        self.setZValue(-100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return ANIMATION_SHEET

    def set_art(self, art: AnimationArt | None, progress: float = 0.0) -> None:
        self.art = art
        if art is not None:
            art.background = QColor(self._card)
        self.progress = progress
        self.update()

    def set_progress(self, value: float) -> None:
        value = min(1.0, max(0.0, value))
        if value != self.progress:
            self.progress = value
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._border, 2.0))
        painter.setBrush(self._card)
        painter.drawRoundedRect(ANIMATION_SHEET.adjusted(1, 1, -1, -1), 20, 20)
        painter.restore()
        if self.art is not None:
            painter.save()
            painter.setClipRect(ANIMATION_SHEET.adjusted(3, 3, -3, -3))
            self.art.paint(painter, ANIMATION_SHEET.adjusted(12, 12, -12, -12), self.progress)
            painter.restore()


class AnimationBoard(_Board, QGraphicsView):
    """An animation with the pen, zoom and pan (a tap does nothing here)."""

    def __init__(self, palette: theme.Palette, settings: PenSettings, parent=None):
        QGraphicsView.__init__(self, parent)
        self.key = "animation:"
        self.setObjectName("AnimationBoard")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor(palette.diagram_background))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        scene.setSceneRect(ANIMATION_SHEET)
        self.item = AnimationItem(palette)
        scene.addItem(self.item)
        self.setScene(scene)
        self._setup_board(self, settings, ANIMATION_MAX_ZOOM)

    @property
    def animation_id(self) -> str | None:
        return self.item.art.animation.id if self.item.art is not None else None

    def show_animation(self, art: AnimationArt | None, progress: float = 0.0) -> None:
        self.item.set_art(art, progress)
        self.key = f"animation:{art.animation.id}" if art is not None else "animation:"

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.pen.apply()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.pen.apply()
