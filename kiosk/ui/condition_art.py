"""Draws an animation (``assets/animations/<id>.svg`` + ``.toml``) at a progress ``t``.

Everything the patient sees comes from the animation's files: shapes and colours from the
SVG's keyframes, timing, labels and words from its script. This module only paints, and
does it cheaply enough for 60 fps on a software renderer:

- Art below the first moving part is painted once per size into a cached layer
  (``paint_static``); a frame (``paint_dynamic``) paints only the rest.
- Whatever does not change shape is a *sprite*, rendered once per size and then blitted:
  later runs of unchanging art, a part resting in one of its states, a part that only
  slides (moved by whole pixels), a glow, a fading label. A moving outline filled with an
  unchanging gradient is filled from a sprite of that gradient.
- :meth:`AnimationArt.changed` says which area differs between two moments, so a frame
  repaints only that area and skips everything outside it.

The layout (label columns, type sizes) is in :mod:`kiosk.ui.animation_layout`; the Qt
painting of shapes and the few effects drawn by code in :mod:`kiosk.ui.animation_paint`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPixmap, QStaticText

from kiosk.domain.animation import Animation, Effect, Shape
from kiosk.domain.animation.model import clamp01, level
from kiosk.ui import theme
from kiosk.ui.animation_layout import Layout, PlacedLabel, Sprite, build_layout
from kiosk.ui.animation_paint import (
    circle_rect,
    fade_rect,
    paint_fade,
    paint_glow,
    paint_pulse,
    paint_shape,
    qbrush,
    qpath,
    qpen,
    shapes_rect,
)

_PAD = 3.0  # px around an area that changes: sprites sit on whole pixels, strokes antialias


def _label_alpha(placed: PlacedLabel, t: float) -> float:
    return placed.label.opacity(t)


class AnimationArt:
    """One animation in one language, ready to paint in any rectangle at any progress."""

    def __init__(self, animation: Animation, language: str = "en", palette: theme.Palette | None = None):
        self.animation = animation
        self.words = animation.words(language)
        palette = palette or theme.Palette()
        self.background = QColor(palette.diagram_background)
        self._text = QColor(palette.text)
        self._muted = QColor(palette.muted_text)
        self._leader = QColor(palette.leader)
        self._hot = QColor(palette.highlight)
        self._signal = QColor(palette.signal)
        self._line_weight = palette.line_weight
        self.design = QRectF(*animation.view_box)
        layers = animation.layers
        self._first = 1 if layers and layers[0].static else 0  # layers[:first] go in the cached layer
        # outlines of every shape as drawn in some state: built once, never per frame
        self._rest_paths: dict[int, QPainterPath] = {}
        self._extents: dict[int, list[QRectF]] = {}  # each layer's area in each state, drawing units
        for index, layer in enumerate(layers):
            states = (layer.shapes,) if layer.static else animation.drawing.parts[layer.part].states
            for shapes in states:
                for shape in shapes:
                    self._rest_paths[id(shape)] = qpath(shape)
            self._extents[index] = [shapes_rect(shapes) for shapes in states]
        self._textures = {layer.part: self._texture_rects(layer.part) for layer in layers if not layer.static}
        self._under: dict[str, list[Effect]] = {}
        for effect in animation.effects:
            if effect.under:
                self._under.setdefault(effect.under, []).append(effect)
        self._rects: dict[str, QRectF] = {}  # what each sprite covers, drawing units
        self._layout_cache: Layout | None = None
        self._frame_layout: Layout | None = None
        self._frame_base = None
        self._frame_ratio = 1.0

    # -- words --------------------------------------------------------------------------------
    @property
    def content_id(self) -> str:
        return self.animation.id

    @property
    def title(self) -> str:
        return self.words.title

    def view_note(self) -> str:
        return self.words.view

    def captions(self) -> tuple[str, ...]:
        return self.words.steps

    def caption(self, t: float) -> str:
        return self.words.steps[self.animation.step_at(t)]

    # -- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, rect: QRectF, t: float) -> None:
        """Paint the drawing at progress ``t`` (0 .. 1) into ``rect``."""
        self.paint_static(painter, rect)
        self.paint_dynamic(painter, rect, t)

    def paint_static(self, painter: QPainter, rect: QRectF) -> None:
        """Paint only the parts that never change (for a caller that caches them)."""
        layout = self._layout(rect)
        painter.save()
        painter.translate(rect.topLeft())
        self._render_static(painter, layout)
        painter.restore()

    def paint_dynamic(self, painter: QPainter, rect: QRectF, t: float,
                      areas: list[QRectF] | None = None) -> None:
        """Paint the parts that change with ``t`` over what :meth:`paint_static` drew; with
        ``areas`` (painter coordinates), only what touches them."""
        layout = self._layout(rect)
        painter.save()
        painter.translate(rect.topLeft())
        local = None if areas is None else [a.translated(-rect.topLeft()) for a in areas]
        self._render_frame(painter, layout, clamp01(t), local)
        painter.restore()

    def changed(self, rect: QRectF, t0: float, t1: float) -> list[QRectF]:
        """The areas (painter coordinates) where the picture at ``t1`` may differ from the one
        at ``t0``, one per thing that changes: none when nothing moves between them."""
        layout = self._layout(rect)
        t0, t1 = clamp01(t0), clamp01(t1)
        animation = self.animation
        out: list[QRectF] = []
        for index, layer in enumerate(animation.layers):
            if not layer.static and animation.where(layer.part, t0) != animation.where(layer.part, t1):
                out += [self._layer_area(layout, index, t0), self._layer_area(layout, index, t1)]
        for effect in animation.effects:
            r0, r1 = self._effect_area(layout, effect, t0), self._effect_area(layout, effect, t1)
            if r0 != r1 or (effect.name == "pulse" and not r1.isEmpty() and t0 != t1) \
                    or level(effect.strength, t0) != level(effect.strength, t1):
                out += [r0, r1]
        for placed in layout.labels:
            r0, r1 = self._label_area(layout, placed, t0), self._label_area(layout, placed, t1)
            if r0 != r1 or _label_alpha(placed, t0) != _label_alpha(placed, t1):
                out += [r0, r1]
        if animation.caption_level(t0) != animation.caption_level(t1):
            for index in {animation.caption_level(t0)[0], animation.caption_level(t1)[0]}:
                out.append(self._caption_area(layout, index))
        offset = rect.topLeft()
        return [r.adjusted(-_PAD, -_PAD, _PAD, _PAD).translated(offset) for r in out if not r.isEmpty()]

    # -- areas (px, relative to the target rect) ----------------------------------------------
    def _layer_area(self, layout: Layout, index: int, t: float) -> QRectF:
        """Where a layer paints at ``t``: a part between two states lies within both."""
        layer = self.animation.layers[index]
        if layer.static:
            a = b = 0
        else:
            offset = self.animation.offset_at(layer.part, t)
            if offset is not None:  # a part that slides: its first state, moved
                rect = self._extents[index][0].translated(*offset)
                return layout.transform.mapRect(rect).adjusted(-_PAD, -_PAD, _PAD, _PAD)
            a, b, _ = self.animation.where(layer.part, t)
        key = f"layer-{index}-{a}-{b}"
        area = layout.rects.get(key)
        if area is None:
            rect = self._extents[index][a].united(self._extents[index][b])
            area = layout.rects[key] = layout.transform.mapRect(rect).adjusted(-_PAD, -_PAD, _PAD, _PAD)
        return area

    def _effect_area(self, layout: Layout, effect: Effect, t: float) -> QRectF:
        if level(effect.strength, t) <= 0.01:
            return QRectF()
        if effect.name == "fade":
            return layout.transform.mapRect(fade_rect(effect, self.animation.view_box))
        return layout.transform.mapRect(circle_rect(self.animation.anchor_at(effect.anchor, t),
                                                    effect.radius * 1.1))

    def _label_area(self, layout: Layout, placed: PlacedLabel, t: float) -> QRectF:
        if _label_alpha(placed, t) <= 0.01:
            return QRectF()
        end = layout.transform.map(QPointF(*self.animation.anchor_at(placed.label.anchor, t)))
        r = layout.dot_radius + 2
        area = QRectF(placed.edge, end).normalized().adjusted(-r, -r, r, r)
        if not placed.label.still:
            size = placed.text.size()
            area = area.united(QRectF(placed.pos, size).adjusted(-3, -3, 3, 3))
        return area

    def _caption_area(self, layout: Layout, index: int) -> QRectF:
        text, pos = layout.captions[index]
        return QRectF(pos, text.size()).adjusted(-3, -3, 3, 3)

    # -- sprites ------------------------------------------------------------------------------
    def _sprite(self, key: str, design_rect: QRectF, paint: Callable[[QPainter], None]) -> Sprite:
        """What ``paint`` draws (in drawing units) inside ``design_rect``, as a pixmap."""
        layout = self._frame_layout
        cache_key = (key, self._frame_ratio)
        sprite = layout.sprites.get(cache_key)
        if sprite is None:
            area = layout.transform.mapRect(design_rect).toAlignedRect().adjusted(-2, -2, 2, 2)
            ratio = self._frame_ratio
            pixmap = QPixmap(QSize(max(1, round(area.width() * ratio)), max(1, round(area.height() * ratio))))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing)
            painter.translate(-area.left(), -area.top())
            painter.setTransform(layout.transform, True)
            paint(painter)
            painter.end()
            sprite = layout.sprites[cache_key] = Sprite(pixmap, QPointF(area.topLeft()))
        return sprite

    def _blit(self, p: QPainter, sprite: Sprite, dx: float = 0.0, dy: float = 0.0,
              opacity: float = 1.0) -> None:
        """Draw a sprite moved by (dx, dy) drawing units, on whole pixels (a plain copy)."""
        if opacity <= 0.004:
            return
        scale = self._frame_layout.scale
        p.save()
        p.setWorldTransform(self._frame_base)
        if opacity < 1.0:
            p.setOpacity(p.opacity() * opacity)
        p.drawPixmap(QPointF(round(sprite.origin.x() + dx * scale), round(sprite.origin.y() + dy * scale)),
                     sprite.pixmap)
        p.restore()

    def _fill_with_sprite(self, p: QPainter, path: QPainterPath, sprite: Sprite) -> None:
        """Fill ``path`` (drawing units) with a sprite's pixels: an outline that changes over a
        texture that does not, without redoing its gradient."""
        p.save()
        device_path = self._frame_layout.transform.map(path)
        p.setWorldTransform(self._frame_base)
        p.setBrushOrigin(sprite.origin)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(sprite.pixmap))
        p.drawPath(device_path)
        p.restore()

    # -- the drawing --------------------------------------------------------------------------
    def _rect(self, key: str, shapes) -> QRectF:
        rect = self._rects.get(key)
        if rect is None:
            rect = self._rects[key] = shapes_rect(shapes)
        return rect

    def _path(self, shape: Shape) -> QPainterPath:
        path = self._rest_paths.get(id(shape))
        return path if path is not None else qpath(shape)

    def _paint_shapes(self, p: QPainter, shapes) -> None:
        for shape in shapes:
            paint_shape(p, shape, self._path(shape))

    def _texture_rects(self, part_id: str) -> dict[int, QRectF]:
        """Shapes of a part filled with the same drawing-space gradient in every state: the
        area that gradient must cover, so a frame can fill them from a sprite."""
        states = self.animation.drawing.parts[part_id].states
        out = {}
        for i, shape in enumerate(states[0]):
            gradient = shape.fill.gradient
            if gradient is None or gradient.bbox or any(s[i].fill != shape.fill for s in states):
                continue
            rect = QRectF()
            for s in states:
                rect = rect.united(qpath(s[i]).controlPointRect())
            out[i] = rect
        return out

    def _paint_part(self, p: QPainter, part_id: str, t: float) -> None:
        animation = self.animation
        states = animation.drawing.parts[part_id].states
        offset = animation.offset_at(part_id, t)
        if offset is not None:  # only slides: one picture, moved
            key = f"part-{part_id}"
            sprite = self._sprite(key, self._rect(key, states[0]), lambda q: self._paint_shapes(q, states[0]))
            self._blit(p, sprite, *offset)
            return
        a, _, f = animation.where(part_id, t)
        if f <= 0.0:  # resting in a state: a picture of it
            key = f"part-{part_id}-{a}"
            sprite = self._sprite(key, self._rect(key, states[a]), lambda q: self._paint_shapes(q, states[a]))
            self._blit(p, sprite)
            return
        textures = self._textures[part_id]
        for i, shape in enumerate(animation.shapes_at(part_id, t)):
            path = self._path(shape)
            rect = textures.get(i)
            if rect is None:
                paint_shape(p, shape, path)
                continue
            texture = self._sprite(f"texture-{part_id}-{i}", rect,
                                   lambda q, r=rect, s=shape: q.fillRect(r, qbrush(s.fill, QPainterPath())))
            self._fill_with_sprite(p, path, texture)
            if shape.stroke.visible:
                p.setPen(qpen(shape, path))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)

    def _paint_effect(self, p: QPainter, effect: Effect, t: float) -> None:
        strength = level(effect.strength, t)
        if strength <= 0.01:
            return
        if effect.name == "glow":
            r = effect.radius
            sprite = self._sprite(f"glow-{r}", circle_rect((0.0, 0.0), r),
                                  lambda q: paint_glow(q, (0.0, 0.0), r, self._hot))
            self._blit(p, sprite, *self.animation.anchor_at(effect.anchor, t), strength)
        elif effect.name == "pulse":
            paint_pulse(p, self.animation.anchor_at(effect.anchor, t), effect.radius, effect.waves, t,
                        strength, self._signal)
        elif effect.name == "fade":
            key = f"fade-{effect.edge}-{effect.size}-{self.background.name(QColor.NameFormat.HexArgb)}"
            sprite = self._sprite(key, fade_rect(effect, self.animation.view_box),
                                  lambda q: paint_fade(q, effect, self.animation.view_box, self.background))
            self._blit(p, sprite, opacity=strength)

    # -- frames -------------------------------------------------------------------------------
    def _render_static(self, p: QPainter, layout: Layout) -> None:
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                         | QPainter.RenderHint.SmoothPixmapTransform)
        p.save()
        p.setTransform(layout.transform, True)
        p.setClipRect(self.design, Qt.ClipOperation.IntersectClip)
        for layer in self.animation.layers[:self._first]:
            self._paint_shapes(p, layer.shapes)
        p.restore()
        # (static texts are drawn with the painter's font: set the one they were laid out in)
        p.setPen(self._text)
        p.setFont(layout.label_font)
        for placed in layout.labels:
            if placed.label.still:
                p.drawStaticText(placed.pos, placed.text)
        p.setPen(self._muted)
        p.setFont(layout.note_font)
        for text, pos in layout.markers:
            p.drawStaticText(pos, text)

    def _render_frame(self, p: QPainter, layout: Layout, t: float, areas: list[QRectF] | None) -> None:
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self._frame_layout = layout
        self._frame_base = p.worldTransform()
        device = p.device()
        self._frame_ratio = device.devicePixelRatioF() if device is not None else 1.0

        def touches(rect: QRectF) -> bool:
            return areas is None or any(rect.intersects(area) for area in areas)

        p.save()
        p.setTransform(layout.transform, True)
        p.setClipRect(self.design, Qt.ClipOperation.IntersectClip)
        for index, layer in enumerate(self.animation.layers):
            if index < self._first:
                continue
            for effect in self._under.get(layer.part, ()):
                if touches(self._effect_area(layout, effect, t)):
                    self._paint_effect(p, effect, t)
            if not touches(self._layer_area(layout, index, t)):
                continue
            if layer.static:
                key = f"layer-{index}"
                sprite = self._sprite(key, self._rect(key, layer.shapes),
                                      lambda q, shapes=layer.shapes: self._paint_shapes(q, shapes))
                self._blit(p, sprite)
                continue
            self._paint_part(p, layer.part, t)
        for effect in self.animation.effects:
            if not effect.under and touches(self._effect_area(layout, effect, t)):
                self._paint_effect(p, effect, t)
        p.restore()
        self._render_labels(p, layout, t, touches)

    def _render_labels(self, p: QPainter, layout: Layout, t: float,
                       touches: Callable[[QRectF], bool]) -> None:
        """Leader lines (their ends may move), labels that fade in, and the caption."""
        m = layout.transform
        p.setFont(layout.label_font)
        for placed in layout.labels:
            alpha = _label_alpha(placed, t)
            if alpha <= 0.01 or not touches(self._label_area(layout, placed, t)):
                continue
            end = m.map(QPointF(*self.animation.anchor_at(placed.label.anchor, t)))
            p.setOpacity(alpha)
            p.setPen(layout.leader_pen)
            p.drawLine(placed.edge, end)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._leader)
            p.drawEllipse(end, layout.dot_radius, layout.dot_radius)
            if not placed.label.still:
                self._draw_text(p, f"label-{placed.label.id}", placed.text, layout.label_font, placed.pos)
        index, alpha = self.animation.caption_level(t)
        if alpha > 0.01 and touches(self._caption_area(layout, index)):
            p.setOpacity(alpha)
            text, pos = layout.captions[index]
            self._draw_text(p, f"caption-{index}", text, layout.caption_font, pos)
        p.setOpacity(1.0)

    def _draw_text(self, p: QPainter, key: str, text: QStaticText, font: QFont, pos: QPointF) -> None:
        """Text that is drawn every frame (it fades), from a pixmap made once per size."""
        layout = self._frame_layout
        cache_key = (key, self._frame_ratio)
        sprite = layout.sprites.get(cache_key)
        if sprite is None:
            size = text.size()
            ratio = self._frame_ratio
            pixmap = QPixmap(QSize(max(1, math.ceil((size.width() + 4) * ratio)),
                                   max(1, math.ceil((size.height() + 4) * ratio))))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            painter.setPen(self._text)
            painter.setFont(font)
            painter.drawStaticText(QPointF(2, 2), text)
            painter.end()
            sprite = layout.sprites[cache_key] = Sprite(pixmap, QPointF(-2, -2))
        p.drawPixmap(QPointF(round(pos.x() + sprite.origin.x()), round(pos.y() + sprite.origin.y())),
                     sprite.pixmap)

    def _layout(self, rect: QRectF) -> Layout:
        size = QSize(max(1, round(rect.width())), max(1, round(rect.height())))
        cached = self._layout_cache
        if cached is not None and cached.size == size:
            return cached
        self._layout_cache = layout = build_layout(self.animation, self.words, size, self._leader,
                                                   self._line_weight)
        self._frame_layout = layout
        return layout
