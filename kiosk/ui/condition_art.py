"""Procedural drawings of how a spine condition develops, from healthy (t=0) to full (t=1).

Each drawing is built in its own "design" coordinates and scaled to whatever rectangle it
is given, so it stays sharp at any size. Progress is eased per stage (smooth S curves that
overlap: e.g. the tear opens, then the gel pushes out, then it touches the root).

Painting is kept cheap for 60 fps on a software renderer. Parts that never move are
painted once per size into a cached layer (``paint_static``); a frame (``paint_dynamic``)
paints only what changes. Whatever is costly to rasterise (gradients, rigid pieces that
only slide, fading text) is rendered once per size into a "sprite" pixmap and then blitted,
moved by whole pixels, or used as a texture under an outline that changes. Labels keep a
readable pixel size (at least 24 px) at any scale: the drawing shrinks to leave room for
them rather than the text shrinking.

Colours follow ``assets/diagrams/back.svg``: ivory bone, blue-grey disc ring with a gel
centre, golden nerves, and the warm orange-red highlight for "what presses" and "where it
hurts". Anatomy follows ``clinical-facts.md``: the common (posterolateral) L4-L5
herniation presses on the L5 root as it passes down the lateral recess; degenerative
spondylolisthesis is mostly L4 slipping forward over L5.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QRadialGradient,
    QStaticText,
    QTextOption,
    QTransform,
)

from kiosk.ui import theme

Point = tuple[float, float]

# The canvas size inside a 1920x1080 window, where the type sizes below are the brief's.
REFERENCE_WIDTH = 1800.0
REFERENCE_HEIGHT = 700.0
LABEL_PX = 26
CAPTION_PX = 32
NOTE_PX = 24
MIN_LABEL_PX = 24

# -- palette (back.svg) ------------------------------------------------------------------
BONE = QColor("#F4EBD8")
BONE_LIGHT = QColor("#FBF6EB")
BONE_DARK = QColor("#E7DABF")
BONE_LINE = QColor("#B9A888")
ANNULUS = QColor("#C9D6E3")
ANNULUS_LIGHT = QColor("#D8E2EC")
LAMELLA = QColor("#AFC0D1")
NUCLEUS = QColor("#E6EEF6")
NUCLEUS_CORE = QColor("#F8FBFD")
DISC_LINE = QColor("#8FA3B8")
TEAR = QColor("#6F8499")
NERVE = QColor("#E8B923")
NERVE_LIGHT = QColor("#F4D46A")
NERVE_LINE = QColor("#B8860B")
SAC = QColor("#FFFBEF")
SAC_LINE = QColor("#CDB88A")
CANAL = QColor("#DCE3EB")
LIGAMENT = QColor("#E9CDBE")
LIGAMENT_LINE = QColor("#B8917F")
HOT = QColor(theme.Palette.highlight)
HOT_LINE = QColor(theme.Palette.highlight_outline)
TEXT = QColor(theme.Palette.text)
MUTED = QColor(theme.Palette.muted_text)
LEADER = QColor("#4A5866")
TRANSPARENT = QColor(0, 0, 0, 0)


# -- small maths ----------------------------------------------------------------------------
def clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def smoothstep(edge0: float, edge1: float, x: float) -> float:
    """0 before ``edge0``, 1 after ``edge1``, an ease-in-out S curve between."""
    u = clamp01((x - edge0) / (edge1 - edge0))
    return u * u * (3.0 - 2.0 * u)


def lerp(a: float, b: float, f: float) -> float:
    return a + (b - a) * f


def lerp_pt(a: Point, b: Point, f: float) -> Point:
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)


def mix(a: QColor, b: QColor, f: float) -> QColor:
    f = clamp01(f)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * f,
        a.greenF() + (b.greenF() - a.greenF()) * f,
        a.blueF() + (b.blueF() - a.blueF()) * f,
        a.alphaF() + (b.alphaF() - a.alphaF()) * f,
    )


def with_alpha(colour: QColor, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlphaF(clamp01(alpha))
    return c


def mirror(points: list[Point]) -> list[Point]:
    return [(-x, y) for x, y in points]


def spline(points: list[Point], closed: bool = True) -> QPainterPath:
    """A smooth Catmull-Rom curve through ``points``, as cubic Bezier segments."""
    path = QPainterPath()
    n = len(points)
    if n == 0:
        return path
    path.moveTo(points[0][0], points[0][1])
    last = n if closed else n - 1
    for i in range(last):
        p0 = points[i - 1] if (closed or i > 0) else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if (closed or i + 2 < n) else p2
        path.cubicTo(
            p1[0] + (p2[0] - p0[0]) / 6.0, p1[1] + (p2[1] - p0[1]) / 6.0,
            p2[0] - (p3[0] - p1[0]) / 6.0, p2[1] - (p3[1] - p1[1]) / 6.0,
            p2[0], p2[1],
        )
    if closed:
        path.closeSubpath()
    return path


def ellipse_points(cx: float, cy: float, rx: float, ry: float, n: int = 16,
                   angle: float = 0.0) -> list[Point]:
    ca, sa = math.cos(angle), math.sin(angle)
    pts = []
    for i in range(n):
        a = 2.0 * math.pi * i / n
        x, y = rx * math.cos(a), ry * math.sin(a)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def offset_polyline(points: list[Point], widths: list[float]) -> tuple[list[Point], list[Point]]:
    """Points offset to each side of a polyline by half the given widths."""
    left, right = [], []
    n = len(points)
    for i, (x, y) in enumerate(points):
        ax, ay = points[max(i - 1, 0)]
        bx, by = points[min(i + 1, n - 1)]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        h = widths[i] / 2.0
        left.append((x + nx * h, y + ny * h))
        right.append((x - nx * h, y - ny * h))
    return left, right


def bone_brush(top: float, bottom: float) -> QBrush:
    grad = QLinearGradient(0, top, 0, bottom)
    grad.setColorAt(0.0, BONE_LIGHT)
    grad.setColorAt(0.55, BONE)
    grad.setColorAt(1.0, BONE_DARK)
    return QBrush(grad)


def pen(colour: QColor, width: float) -> QPen:
    p = QPen(colour, width)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    return p


def glow(painter: QPainter, centre: Point, radius: float, strength: float) -> None:
    """A soft warm glow: "this is where it presses"."""
    if strength <= 0.01:
        return
    grad = QRadialGradient(centre[0], centre[1], radius)
    grad.setColorAt(0.0, with_alpha(HOT, 0.55 * strength))
    grad.setColorAt(0.45, with_alpha(HOT, 0.28 * strength))
    grad.setColorAt(1.0, with_alpha(HOT, 0.0))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(grad))
    painter.drawEllipse(QPointF(centre[0], centre[1]), radius, radius)


# -- labels -------------------------------------------------------------------------------
Anchor = Callable[[float], Point]


@dataclass(frozen=True)
class Label:
    """A name beside the drawing with a thin leader line to what it names.

    ``y`` is where the text would like to sit (design units); ``anchor(t)`` is the point it
    names, which may move with the progress. ``appear`` fades the label in over a range of
    progress (None: always shown).
    """

    text: str
    side: str  # "left" or "right"
    y: float | None  # None: level with the anchor at t=0
    anchor: Anchor
    appear: tuple[float, float] | None = None


@dataclass(frozen=True)
class Marker:
    """An orientation word ("Front", "Back") in a band above ("up") or below ("down") the
    drawing, at the design x of ``point``; ``align`` says which end of the text sits there."""

    text: str
    point: Point
    grow: str  # "up" or "down"
    align: str = "centre"  # "left" (text ends at x), "centre", "right" (text starts at x)


@dataclass
class _PlacedLabel:
    label: Label
    text: QStaticText
    pos: QPointF  # top-left of the text, px
    edge: QPointF  # where the leader starts, px


@dataclass
class _Layout:
    size: QSize
    transform: QTransform  # design units -> px (relative to the target rect)
    scale: float
    label_font: QFont
    caption_font: QFont
    note_font: QFont
    labels: list[_PlacedLabel] = field(default_factory=list)
    markers: list[tuple[QStaticText, QPointF]] = field(default_factory=list)
    captions: list[tuple[QStaticText, QPointF]] = field(default_factory=list)
    leader_pen: QPen | None = None
    dot_radius: float = 4.0
    static: QPixmap | None = None
    sprites: dict[tuple[str, float], _Sprite] = field(default_factory=dict)


@dataclass
class _Sprite:
    """Part of the drawing rendered once per size; a frame only blits it."""

    pixmap: QPixmap
    origin: QPointF  # its top-left in px (relative to the target rect) when not moved


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(px)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _static_text(text: str, font: QFont, width: float | None = None,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    st.setTextOption(option)
    if width is not None:
        st.setTextWidth(width)
    st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    st.prepare(QTransform(), font)
    return st


class ConditionArt:
    """Base class: layout, label placement, caching and the frame loop.

    Subclasses set ``content_id`` and ``DESIGN`` (the drawing's bounds in design units)
    and implement ``_paint_static`` and ``_paint_dynamic`` in design units.
    """

    content_id = ""
    DESIGN = QRectF(-300, -300, 600, 600)
    CLIP = False  # True: nothing is drawn outside DESIGN (for drawings cut out of a larger whole)

    def __init__(self) -> None:
        self.background = QColor(theme.Palette.diagram_background)
        self._layout_cache: _Layout | None = None
        self._frame_layout: _Layout | None = None
        self._frame_base = QTransform()
        self._frame_ratio = 1.0

    # -- text -------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        raise NotImplementedError

    def captions(self) -> tuple[str, str]:
        """Short lines for the healthy state (t=0) and the full condition (t=1)."""
        raise NotImplementedError

    def caption(self, t: float) -> str:
        healthy, condition = self.captions()
        return healthy if t < 0.5 else condition

    def view_note(self) -> str:
        """How the drawing is seen (e.g. "Seen from above"); the screen shows it by the title."""
        return ""

    def labels(self) -> list[Label]:
        return []

    def markers(self) -> list[Marker]:
        return []

    # -- painting ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, rect: QRectF, t: float) -> None:
        """Paint the drawing at progress ``t`` (0 healthy .. 1 full condition) into ``rect``."""
        layout = self._layout(rect)
        if layout.static is None:
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            pixmap = QPixmap(QSize(max(1, round(layout.size.width() * ratio)),
                                   max(1, round(layout.size.height() * ratio))))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            self._render_static(p, layout)
            p.end()
            layout.static = pixmap
        painter.save()
        painter.translate(rect.topLeft())
        painter.drawPixmap(0, 0, layout.static)
        self._render_frame(painter, layout, clamp01(t))
        painter.restore()

    def paint_static(self, painter: QPainter, rect: QRectF) -> None:
        """Paint only the parts that never change (for a caller that caches them)."""
        layout = self._layout(rect)
        painter.save()
        painter.translate(rect.topLeft())
        self._render_static(painter, layout)
        painter.restore()

    def paint_dynamic(self, painter: QPainter, rect: QRectF, t: float) -> None:
        """Paint the parts that change with ``t`` over what :meth:`paint_static` drew."""
        layout = self._layout(rect)
        painter.save()
        painter.translate(rect.topLeft())
        self._render_frame(painter, layout, clamp01(t))
        painter.restore()

    # -- subclass hooks (design units) ------------------------------------------------------
    def _paint_static(self, p: QPainter) -> None:
        raise NotImplementedError

    def _paint_dynamic(self, p: QPainter, t: float) -> None:
        raise NotImplementedError

    def _paint_overlay(self, p: QPainter, t: float) -> None:
        """Drawn after the dynamic parts, before labels (e.g. soft fades at the edges)."""

    # -- sprites: gradient-filled or rigid parts, rendered once per size ---------------------
    def _sprite(self, key: str, design_rect: QRectF, paint: Callable[[QPainter], None]) -> _Sprite:
        """The part ``paint`` draws (in design units) inside ``design_rect``, as a pixmap."""
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
            sprite = layout.sprites[cache_key] = _Sprite(pixmap, QPointF(area.topLeft()))
        return sprite

    def _blit(self, p: QPainter, sprite: _Sprite, dx: float = 0.0, dy: float = 0.0,
              opacity: float = 1.0) -> None:
        """Draw a sprite moved by (dx, dy) design units, on whole pixels (a plain copy)."""
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

    def _fill_with_sprite(self, p: QPainter, path: QPainterPath, sprite: _Sprite) -> None:
        """Fill ``path`` (design units) with a sprite's pixels: a shape that changes outline
        over a texture that does not, without redoing its gradients."""
        p.save()
        device_path = self._frame_layout.transform.map(path)
        p.setWorldTransform(self._frame_base)
        # (the brush origin, unlike a brush transform, also lands right at a device pixel
        # ratio other than 1)
        p.setBrushOrigin(sprite.origin)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(sprite.pixmap))
        p.drawPath(device_path)
        p.restore()

    def _glow(self, p: QPainter, centre: Point, radius: float, strength: float) -> None:
        """A soft warm glow ("this is where it presses"), from a cached sprite."""
        if strength <= 0.01:
            return
        sprite = self._sprite(f"glow-{radius}", QRectF(-radius, -radius, 2 * radius, 2 * radius),
                              lambda q: glow(q, (0.0, 0.0), radius, 1.0))
        self._blit(p, sprite, centre[0], centre[1], strength)

    # -- internals --------------------------------------------------------------------------
    def _render_static(self, p: QPainter, layout: _Layout) -> None:
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                         | QPainter.RenderHint.SmoothPixmapTransform)
        p.save()
        p.setTransform(layout.transform, True)
        if self.CLIP:
            p.setClipRect(self.DESIGN)
        self._paint_static(p)
        p.restore()
        # (static texts are drawn with the painter's font: set the one they were laid out in)
        p.setPen(TEXT)
        p.setFont(layout.label_font)
        for placed in layout.labels:
            if placed.label.appear is None:
                p.drawStaticText(placed.pos, placed.text)
        p.setPen(MUTED)
        p.setFont(layout.note_font)
        for text, pos in layout.markers:
            p.drawStaticText(pos, text)

    def _render_frame(self, p: QPainter, layout: _Layout, t: float) -> None:
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self._frame_layout = layout
        self._frame_base = p.worldTransform()
        device = p.device()
        self._frame_ratio = device.devicePixelRatioF() if device is not None else 1.0
        p.save()
        p.setTransform(layout.transform, True)
        if self.CLIP:
            p.setClipRect(self.DESIGN)
        self._paint_dynamic(p, t)
        self._paint_overlay(p, t)
        p.restore()
        # leader lines (their ends may move) and labels that fade in
        m = layout.transform
        p.setFont(layout.label_font)
        for placed in layout.labels:
            label = placed.label
            alpha = 1.0 if label.appear is None else smoothstep(label.appear[0], label.appear[1], t)
            if alpha <= 0.01:
                continue
            ax, ay = label.anchor(t)
            end = m.map(QPointF(ax, ay))
            p.setOpacity(alpha)
            p.setPen(layout.leader_pen)
            p.drawLine(placed.edge, end)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(LEADER)
            p.drawEllipse(end, layout.dot_radius, layout.dot_radius)
            if label.appear is not None:
                self._draw_text(p, f"label-{id(placed)}", placed.text, layout.label_font, placed.pos)
        p.setOpacity(1.0)
        # caption: the healthy line fades out, then the condition line fades in
        fades = (1.0 - smoothstep(0.28, 0.4, t), smoothstep(0.4, 0.5, t))
        for i, ((text, pos), alpha) in enumerate(zip(layout.captions, fades, strict=True)):
            if alpha > 0.01:
                p.setOpacity(alpha)
                self._draw_text(p, f"caption-{i}", text, layout.caption_font, pos)
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
            painter.setPen(TEXT)
            painter.setFont(font)
            painter.drawStaticText(QPointF(2, 2), text)
            painter.end()
            sprite = layout.sprites[cache_key] = _Sprite(pixmap, QPointF(-2, -2))
        p.drawPixmap(QPointF(round(pos.x() + sprite.origin.x()), round(pos.y() + sprite.origin.y())),
                     sprite.pixmap)

    def _layout(self, rect: QRectF) -> _Layout:
        size = QSize(max(1, round(rect.width())), max(1, round(rect.height())))
        cached = self._layout_cache
        if cached is not None and cached.size == size:
            return cached
        self._layout_cache = layout = self._build_layout(size)
        return layout

    def _build_layout(self, size: QSize) -> _Layout:
        w, h = float(size.width()), float(size.height())
        ref = min(w / REFERENCE_WIDTH, h / REFERENCE_HEIGHT)
        label_px = max(MIN_LABEL_PX, round(LABEL_PX * ref))
        caption_px = max(MIN_LABEL_PX + 2, round(CAPTION_PX * ref))
        note_px = max(MIN_LABEL_PX, round(NOTE_PX * ref))
        label_font, caption_font, note_font = _font(label_px), _font(caption_px, True), _font(note_px)
        pad = max(12.0, 20.0 * ref)
        gap = max(20.0, 28.0 * ref)  # between the drawing and the label text

        # captions at the bottom, wrapped to the width
        captions = []
        cap_h = 0.0
        for text in self.captions():
            st = _static_text(text, caption_font, w - 2 * pad, Qt.AlignmentFlag.AlignHCenter)
            captions.append(st)
            cap_h = max(cap_h, st.size().height())
        # orientation words get a band above and/or below the drawing
        markers = [(m, _static_text(m.text, note_font)) for m in self.markers()]
        up_h = max((st.size().height() for m, st in markers if m.grow == "up"), default=0.0)
        down_h = max((st.size().height() for m, st in markers if m.grow == "down"), default=0.0)
        top = pad + up_h
        bottom = h - pad - cap_h - pad - down_h
        area_h = max(10.0, bottom - top)

        # label columns: long names wrap so that a narrow canvas keeps a usable drawing
        labels = self.labels()
        max_label_w = max(180.0, min(380.0, w * 0.2))
        metrics = QFontMetricsF(label_font)
        texts = []
        col = {"left": 0.0, "right": 0.0}
        for label in labels:
            natural = metrics.horizontalAdvance(label.text) + 2
            align = Qt.AlignmentFlag.AlignRight if label.side == "left" else Qt.AlignmentFlag.AlignLeft
            st = _static_text(label.text, label_font, None if natural <= max_label_w else max_label_w, align)
            texts.append(st)
            col[label.side] = max(col[label.side], st.size().width())
        left_col = col["left"] + gap + pad if col["left"] else pad
        right_col = col["right"] + gap + pad if col["right"] else pad
        area_w = max(10.0, w - left_col - right_col)
        design = self.DESIGN
        scale = min(area_w / design.width(), area_h / design.height())
        draw_w, draw_h = design.width() * scale, design.height() * scale
        # centred on the canvas when the label columns allow it, else in the space between
        ox = min(max((w - draw_w) / 2.0, left_col), w - right_col - draw_w)
        oy = top + (area_h - draw_h) / 2.0
        transform = QTransform()
        transform.translate(ox - design.left() * scale, oy - design.top() * scale)
        transform.scale(scale, scale)

        layout = _Layout(size=size, transform=transform, scale=scale, label_font=label_font,
                         caption_font=caption_font, note_font=note_font)
        layout.leader_pen = pen(LEADER, max(1.5, 1.6 * ref))
        layout.dot_radius = max(3.5, 4.5 * ref)

        # place labels, then push apart any that overlap within a column
        spacing = max(8.0, 12.0 * ref)
        for side_name in ("left", "right"):
            wanted = []
            for label, st in zip(labels, texts, strict=True):
                if label.side == side_name:
                    wanted_y = label.anchor(0.0)[1] if label.y is None else label.y
                    y = transform.map(QPointF(0, wanted_y)).y() - st.size().height() / 2.0
                    wanted.append([y, label, st])
            wanted.sort(key=lambda item: item[0])
            for i in range(1, len(wanted)):
                prev_bottom = wanted[i - 1][0] + wanted[i - 1][2].size().height() + spacing
                wanted[i][0] = max(wanted[i][0], prev_bottom)
            if wanted:
                overflow = wanted[-1][0] + wanted[-1][2].size().height() - (h - pad - cap_h - pad)
                if overflow > 0:
                    wanted[-1][0] -= overflow
                    for i in range(len(wanted) - 2, -1, -1):
                        limit = wanted[i + 1][0] - spacing - wanted[i][2].size().height()
                        wanted[i][0] = min(wanted[i][0], limit)
                wanted[0][0] = max(wanted[0][0], pad)
            for y, label, st in wanted:
                tw, th = st.size().width(), st.size().height()
                if side_name == "left":
                    x = ox - gap - tw
                    edge = QPointF(ox - gap + 12.0, y + th / 2.0)
                else:
                    x = ox + draw_w + gap
                    edge = QPointF(x - 12.0, y + th / 2.0)
                layout.labels.append(_PlacedLabel(label, st, QPointF(x, y), edge))

        for marker, st in markers:
            mw, mh = st.size().width(), st.size().height()
            x = transform.map(QPointF(marker.point[0], 0)).x()
            if marker.align == "left":
                x -= mw
            elif marker.align == "centre":
                x -= mw / 2
            y = oy - mh if marker.grow == "up" else oy + draw_h
            layout.markers.append((st, QPointF(x, y)))
        for st in captions:
            layout.captions.append((st, QPointF(pad, h - pad - cap_h + (cap_h - st.size().height()) / 2)))
        return layout


# ==========================================================================================
# Cross-section (seen from above) of the L4-L5 disc and the spinal canal
# ==========================================================================================

# Right half of the disc outline, front (top) to back; the left half mirrors it.
_DISC_RIGHT: list[Point] = [
    (0, -252), (105, -243), (178, -207), (214, -142), (211, -72), (184, -18), (132, 16), (64, 12),
]
_DISC_BACK_MID: Point = (0, 4)
_NUCLEUS_CENTRE: Point = (0, -112)
_NUCLEUS_R: Point = (104, 70)

# The canal (a hole in the vertebral ring): its front lies under the disc.
_CANAL_RIGHT: list[Point] = [(70, -8), (136, 6), (146, 32), (138, 66), (108, 108), (62, 146)]
_CANAL_FRONT_MID: Point = (0, -8)
_CANAL_BACK_MID: Point = (0, 164)

# Right half of the vertebra seen from above: pedicle, transverse process, facet, lamina,
# spinous process. The body itself is hidden under the disc (a thin rim shows).
_ARCH_RIGHT: list[Point] = [
    (150, -40), (196, -2), (252, 8), (298, 16), (312, 38), (296, 58), (244, 66), (206, 78),
    (204, 110), (192, 146), (150, 176), (92, 196), (44, 222), (28, 268), (22, 318),
]
_ARCH_TIP: Point = (0, 344)

_SAC_CENTRE: Point = (0, 84)
_SAC_R: Point = (66, 50)
# Cauda equina: nerve roots floating in the sac, as (u, v) fractions of the sac's radii.
_ROOTLETS: list[tuple[float, float, float]] = [
    (-0.52, 0.10, 10), (-0.26, -0.18, 10), (0.0, -0.26, 10), (0.26, -0.18, 10), (0.52, 0.10, 10),
    (-0.36, 0.44, 9.5), (-0.12, 0.20, 9.5), (0.12, 0.20, 9.5), (0.36, 0.44, 9.5), (0.0, 0.58, 9),
]
_L5_ROOT: Point = (104, 40)
_L5_R = 18.0


def _closed_from_right(right: list[Point], front: Point, back: Point) -> list[Point]:
    """Symmetric closed outline: front midpoint, right half, back midpoint, left half."""
    return [front, *right, back, *reversed(mirror(right))]


class _AxialArt(ConditionArt):
    """Shared parts of the two cross-section drawings."""

    DESIGN = QRectF(-320, -266, 640, 616)

    def __init__(self) -> None:
        super().__init__()
        self._disc_pts = _closed_from_right(_DISC_RIGHT, _DISC_RIGHT[0], _DISC_BACK_MID)[1:]
        self._canal_pts = _closed_from_right(_CANAL_RIGHT, _CANAL_FRONT_MID, _CANAL_BACK_MID)
        arch = [*_ARCH_RIGHT, _ARCH_TIP, *reversed(mirror(_ARCH_RIGHT))]
        self._arch_path = spline(arch)
        # the hole: Qt fills with the odd-even rule, so the canal subpath cuts it out
        self._arch_path.addPath(spline(self._canal_pts))
        self._arch_path.setFillRule(Qt.FillRule.OddEvenFill)
        self._canal_path = spline(self._canal_pts)
        self._rim_path = spline([(x * 1.045, (y + 120) * 1.05 - 120) for x, y in self._disc_pts])
        self._arch_brush = bone_brush(-60, 344)
        self._rim_brush = bone_brush(-262, 20)
        self._nucleus_brush = self._make_nucleus_brush()
        self._annulus_brush = self._make_annulus_brush()
        self._root_brush = self._make_root_brush()
        self._bone_pen = pen(BONE_LINE, 2.2)
        self._disc_pen = pen(DISC_LINE, 2.2)
        self._lamella_pen = pen(LAMELLA, 1.6)
        self._nerve_pen = pen(NERVE_LINE, 2.0)
        self._sac_pen = pen(SAC_LINE, 1.8)
        self._facet_paths = self._make_facet_lines()

    # shared brushes ----------------------------------------------------------------------
    @staticmethod
    def _make_nucleus_brush() -> QBrush:
        cx, cy = _NUCLEUS_CENTRE
        # light in the middle, gel-blue at the centre's edge, and light again further out,
        # so gel that has been squeezed out of the ring stands out against the canal
        grad = QRadialGradient(cx, cy, 230)
        grad.setColorAt(0.0, NUCLEUS_CORE)
        grad.setColorAt(0.4, NUCLEUS)
        grad.setColorAt(0.62, QColor("#EAF0F7"))
        grad.setColorAt(1.0, QColor("#F4F8FB"))
        return QBrush(grad)

    @staticmethod
    def _make_annulus_brush() -> QBrush:
        grad = QRadialGradient(0, -112, 240)
        grad.setColorAt(0.0, ANNULUS_LIGHT)
        grad.setColorAt(0.7, ANNULUS)
        grad.setColorAt(1.0, QColor("#BCCBDA"))
        return QBrush(grad)

    @staticmethod
    def _make_root_brush() -> QBrush:
        grad = QRadialGradient(-0.3, -0.35, 1.3)
        grad.setCoordinateMode(QRadialGradient.CoordinateMode.ObjectBoundingMode)
        grad.setCenter(0.38, 0.32)
        grad.setFocalPoint(0.38, 0.32)
        grad.setRadius(0.75)
        grad.setColorAt(0.0, NERVE_LIGHT)
        grad.setColorAt(1.0, NERVE)
        return QBrush(grad)

    @staticmethod
    def _make_facet_lines() -> list[QPainterPath]:
        """The facet joints: a thin cartilage gap between L5's upper joint surface (front,
        outside) and L4's lower one (back, inside), running back and outwards."""
        return [spline([(sign * 150, 76), (sign * 168, 98), (sign * 180, 120), (sign * 190, 142)],
                       closed=False) for sign in (1, -1)]

    # shared drawing -----------------------------------------------------------------------
    def _draw_arch(self, p: QPainter) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(CANAL)
        p.drawPath(self._canal_path)
        p.setPen(self._bone_pen)
        p.setBrush(self._arch_brush)
        p.drawPath(self._arch_path)
        # facet joints: the joint line between L4's lower and L5's upper joint surfaces
        p.setBrush(Qt.BrushStyle.NoBrush)
        for path in self._facet_paths:
            p.setPen(pen(BONE_LINE, 9.0))
            p.drawPath(path)
            p.setPen(pen(ANNULUS_LIGHT, 5.0))
            p.drawPath(path)
        p.setPen(self._bone_pen)
        p.setBrush(self._rim_brush)
        p.drawPath(self._rim_path)

    def _draw_disc(self, p: QPainter, outline: list[Point]) -> None:
        p.setPen(self._disc_pen)
        p.setBrush(self._annulus_brush)
        p.drawPath(spline(outline))
        # the ring's layers (lamellae) between the centre and the edge
        p.setPen(self._lamella_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        nucleus = self._nucleus_ring(len(outline))
        for f in (0.34, 0.58, 0.8):
            p.drawPath(spline([lerp_pt(a, b, f) for a, b in zip(nucleus, outline, strict=True)]))

    def _nucleus_ring(self, n: int) -> list[Point]:
        """Points on the nucleus edge matching the disc outline points by angle."""
        cx, cy = _NUCLEUS_CENTRE
        rx, ry = _NUCLEUS_R
        pts = []
        for x, y in self._disc_pts[:n]:
            a = math.atan2((y - cy) / ry, (x - cx) / rx)
            pts.append((cx + rx * 1.05 * math.cos(a), cy + ry * 1.05 * math.sin(a)))
        return pts

    def _draw_sac(self, p: QPainter, outline: list[Point], rootlets: list[tuple[float, float, float]],
                  heat: float) -> None:
        p.setPen(self._sac_pen)
        p.setBrush(SAC)
        p.drawPath(spline(outline))
        fill = mix(NERVE, HOT, heat * 0.9)
        p.setPen(pen(mix(NERVE_LINE, HOT_LINE, heat), 1.6 + 1.2 * heat))
        p.setBrush(fill)
        for x, y, r in rootlets:
            p.drawEllipse(QPointF(x, y), r, r)

    def _draw_root(self, p: QPainter, centre: Point, rx: float, ry: float, angle: float,
                   heat: float) -> None:
        p.save()
        p.translate(centre[0], centre[1])
        p.rotate(angle)
        if heat > 0.01:
            p.setPen(pen(mix(NERVE_LINE, HOT_LINE, heat), 2.0 + 2.2 * heat))
            p.setBrush(mix(NERVE, HOT, heat))
        else:
            p.setPen(self._nerve_pen)
            p.setBrush(self._root_brush)
        p.drawEllipse(QPointF(0, 0), rx, ry)
        p.restore()

    def _static_rootlets(self) -> list[tuple[float, float, float]]:
        cx, cy = _SAC_CENTRE
        rx, ry = _SAC_R
        return [(cx + u * rx, cy + v * ry, r) for u, v, r in _ROOTLETS]

    def markers(self) -> list[Marker]:
        return [
            Marker(QCoreApplication.translate("ConditionArt", "Front of the body"), (0, 0), "up"),
            Marker(QCoreApplication.translate("ConditionArt", "Back of the body"), (0, 0), "down"),
        ]

    def view_note(self) -> str:
        return QCoreApplication.translate("ConditionArt", "Seen from above, at the disc between L4 and L5")


class HerniatedDiscArt(_AxialArt):
    """The soft centre pushes out through a tear toward the back and one side (image left)
    and presses on the L5 root in the lateral recess; the other side stays normal."""

    content_id = "herniated-disc"

    # the tear, from the soft centre out to the back edge of the disc
    _TEAR: ClassVar[list[Point]] = [(-40, -74), (-52, -56), (-60, -38), (-69, -20), (-76, -3), (-81, 13)]
    # the gel squeezes along this line, then swells into a lump outside the ring
    _NECK: ClassVar[list[Point]] = [
        (-30, -88), (-46, -64), (-58, -40), (-68, -18), (-76, 2), (-81, 18), (-83, 34),
    ]
    _LUMP_START: Point = (-80, 16)
    _LUMP_END: Point = (-78, 42)
    _LUMP_R: Point = (34, 23)
    _ROOT_PUSH: Point = (-16, 26)

    def __init__(self) -> None:
        super().__init__()
        self._rootlets = self._static_rootlets()
        self._sac_pts = ellipse_points(*_SAC_CENTRE, *_SAC_R, n=16)
        self._gel_pen = pen(DISC_LINE, 2.4)
        self._tear_len = self._lengths(self._TEAR)
        self._neck_len = self._lengths(self._NECK)

    @staticmethod
    def _lengths(points: list[Point]) -> list[float]:
        out = [0.0]
        for a, b in itertools.pairwise(points):
            out.append(out[-1] + math.dist(a, b))
        return out

    @property
    def title(self) -> str:
        return QCoreApplication.translate("HerniatedDiscArt", "Herniated disc")

    def captions(self) -> tuple[str, str]:
        return (
            QCoreApplication.translate("HerniatedDiscArt", "Healthy disc: the soft centre stays inside"),
            QCoreApplication.translate("HerniatedDiscArt",
                                       "The soft centre pushes out and presses on the nerve root"),
        )

    # progress phases -----------------------------------------------------------------------
    @staticmethod
    def _phases(t: float) -> tuple[float, float, float, float]:
        tear = smoothstep(0.0, 0.32, t)  # the ring cracks from the inside out
        squeeze = smoothstep(0.15, 0.55, t)  # gel works its way along the crack
        lump = smoothstep(0.45, 0.9, t)  # and swells outside the ring
        contact = smoothstep(0.6, 0.95, t)  # pressing on the root
        return tear, squeeze, lump, contact

    def _root_state(self, t: float) -> tuple[Point, float, float, float]:
        contact = self._phases(t)[3]
        x0, y0 = -_L5_ROOT[0], _L5_ROOT[1]
        centre = (x0 + self._ROOT_PUSH[0] * contact, y0 + self._ROOT_PUSH[1] * contact)
        return centre, _L5_R + 3 * contact, _L5_R - 5 * contact, -30 * contact

    def _lump(self, t: float) -> tuple[Point, float, float]:
        lump = self._phases(t)[2]
        centre = lerp_pt(self._LUMP_START, self._LUMP_END, lump)
        return centre, lerp(9, self._LUMP_R[0], lump), lerp(8, self._LUMP_R[1], lump)

    def labels(self) -> list[Label]:
        tr = QCoreApplication.translate
        return [
            Label(tr("HerniatedDiscArt", "Disc: tough outer ring"), "left", -190, lambda t: (-150, -190)),
            Label(tr("HerniatedDiscArt", "Tear in the ring"), "left", -40, lambda t: (-64, -30),
                  appear=(0.1, 0.28)),
            Label(tr("HerniatedDiscArt", "L5 nerve root"), "left", 70, lambda t: self._root_state(t)[0]),
            Label(tr("HerniatedDiscArt", "Soft centre"), "right", -150, lambda t: (60, -130)),
            Label(tr("HerniatedDiscArt", "L5 nerve root"), "right", 30, lambda t: (_L5_ROOT[0] + 8, 40)),
            Label(tr("HerniatedDiscArt", "Nerves in the spinal canal"), "right", 120, lambda t: (40, 104)),
            Label(tr("HerniatedDiscArt", "Bone (vertebra)"), "right", 250, lambda t: (26, 270)),
        ]

    def _paint_static(self, p: QPainter) -> None:
        self._draw_arch(p)
        self._draw_disc(p, self._disc_pts)
        self._draw_sac(p, self._sac_pts, self._rootlets, 0.0)
        self._draw_root(p, _L5_ROOT, _L5_R, _L5_R, 0, 0.0)

    def _paint_dynamic(self, p: QPainter, t: float) -> None:
        tear, squeeze, lump, contact = self._phases(t)
        if tear > 0.01:
            p.setPen(pen(TEAR, 2.5 + 3.5 * tear))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(spline(self._partial(self._TEAR, self._tear_len, tear), closed=False))

        centre, root_rx, root_ry, angle = self._root_state(t)
        (lx, ly), lrx, lry = self._lump(t)
        if contact > 0.01:  # behind everything that moves: "this is where it presses"
            self._glow(p, lerp_pt((lx, ly), centre, 0.6), 80, contact)
        # the gel: the centre, the part squeezing through the crack and the lump outside.
        # Outlines first, then all the fills on top, so the pieces read as one soft shape.
        cx, cy = _NUCLEUS_CENTRE
        rx, ry = _NUCLEUS_R
        neck = self._neck(squeeze, lump) if squeeze > 0.02 else None
        show_lump = lump > 0.01
        p.setPen(self._gel_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(cx, cy), rx, ry)
        if neck is not None:
            p.drawPath(neck)
        if show_lump:
            p.drawEllipse(QPointF(lx, ly), lrx, lry)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._nucleus_brush)
        p.drawEllipse(QPointF(cx, cy), rx - 1.2, ry - 1.2)
        if neck is not None:
            p.drawPath(neck)
        if show_lump:
            p.drawEllipse(QPointF(lx, ly), lrx - 1.2, lry - 1.2)
        self._draw_root(p, centre, root_rx, root_ry, angle, contact)

    @staticmethod
    def _partial(points: list[Point], lengths: list[float], f: float) -> list[Point]:
        """The first ``f`` (0..1) of a polyline, by length."""
        reach = lengths[-1] * f
        out = [points[0]]
        for i in range(1, len(points)):
            if lengths[i] <= reach:
                out.append(points[i])
            else:
                seg = lengths[i] - lengths[i - 1]
                out.append(lerp_pt(points[i - 1], points[i], (reach - lengths[i - 1]) / seg if seg else 0))
                break
        if len(out) == 1:
            out.append(points[0])
        return out

    def _neck(self, squeeze: float, lump: float) -> QPainterPath:
        """The gel in the crack: a tube from the centre to how far it has got, a little
        wider as more pushes through."""
        inside = self._neck_len[-2] / self._neck_len[-1]  # the last stretch opens into the lump
        reach = squeeze * inside + lump * (1 - inside)
        pts = self._partial(self._NECK, self._neck_len, reach)
        n = len(pts)
        widths = [lerp(30, 13 + 6 * lump, i / max(1, n - 1)) for i in range(n)]
        left, right = offset_polyline(pts, widths)
        tip = pts[-1]
        return spline([*left, tip, *reversed(right)])


class SpinalStenosisArt(_AxialArt):
    """The canal narrows: the ligament at the back thickens, the facet joints grow and
    the disc bulges a little, so the nerves are squeezed."""

    content_id = "spinal-stenosis"

    def __init__(self) -> None:
        super().__init__()
        # how much each disc point moves back when the disc bulges (its back edge only)
        self._bulge_weight = [smoothstep(-60, 10, y) * (1.0 - smoothstep(150, 200, abs(x)))
                              for x, y in self._disc_pts]
        self._sac_healthy = ellipse_points(*_SAC_CENTRE, *_SAC_R, n=20)
        self._wall_right = [(140, 56), (130, 80), (108, 108), (62, 146), (0, 164)]
        self._ligament_pen = pen(LIGAMENT_LINE, 1.8)

    @property
    def title(self) -> str:
        return QCoreApplication.translate("SpinalStenosisArt", "Spinal stenosis")

    def captions(self) -> tuple[str, str]:
        return (
            QCoreApplication.translate("SpinalStenosisArt", "Healthy spinal canal: the nerves have room"),
            QCoreApplication.translate("SpinalStenosisArt",
                                       "The canal narrows and squeezes the nerves"),
        )

    @staticmethod
    def _phases(t: float) -> tuple[float, float, float, float]:
        ligament = smoothstep(0.0, 0.8, t)
        facet = smoothstep(0.1, 0.9, t)
        bulge = smoothstep(0.2, 0.85, t)
        squeeze = smoothstep(0.3, 1.0, t)
        return ligament, facet, bulge, squeeze

    def labels(self) -> list[Label]:
        tr = QCoreApplication.translate
        return [
            Label(tr("SpinalStenosisArt", "Disc"), "left", -190, lambda t: (-150, -190)),
            Label(tr("SpinalStenosisArt", "Facet joint"), "left", 110, lambda t: (-172, 108)),
            Label(tr("SpinalStenosisArt", "Ligament"), "left", 200, lambda t: self._ligament_anchor(t)),
            Label(tr("SpinalStenosisArt", "L5 nerve root"), "right", 20,
                  lambda t: self._root_centre(t, 1)),
            Label(tr("SpinalStenosisArt", "Nerves in the spinal canal"), "right", 110,
                  lambda t: self._sac_anchor(t)),
            Label(tr("SpinalStenosisArt", "Bone (vertebra)"), "right", 250, lambda t: (26, 270)),
        ]

    # geometry for a given progress -------------------------------------------------------
    def _root_centre(self, t: float, sign: int) -> Point:
        _, facet, bulge, _ = self._phases(t)
        return (sign * (_L5_ROOT[0] - 16 * facet), _L5_ROOT[1] + 14 * bulge)

    def _ligament_anchor(self, t: float) -> Point:
        ligament = self._phases(t)[0]
        return (-96, 134 - 8 * ligament)

    def _sac_anchor(self, t: float) -> Point:
        squeeze = self._phases(t)[3]
        return (lerp(40, 28, squeeze), lerp(110, 100, squeeze))

    def _disc_outline(self, bulge: float) -> list[Point]:
        return [(x, y + 16 * bulge * w) for (x, y), w in zip(self._disc_pts, self._bulge_weight, strict=True)]

    def _ligament_band(self, thickness: float, sign: int) -> list[Point]:
        wall = [(sign * x, y) for x, y in self._wall_right]
        # thicker in the middle of the wall, thin where it ends
        profile = [0.2, 0.7, 1.0, 0.9, 0.7]
        inner = []
        for i, (x, y) in enumerate(wall):
            ax, ay = wall[max(i - 1, 0)]
            bx, by = wall[min(i + 1, len(wall) - 1)]
            dx, dy = bx - ax, by - ay
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length * sign, dx / length * sign  # points into the canal
            d = thickness * profile[i]
            inner.append((x - nx * d, y - ny * d))
        return [*wall, *reversed(inner)]

    def _paint_static(self, p: QPainter) -> None:
        self._draw_arch(p)

    def _paint_dynamic(self, p: QPainter, t: float) -> None:
        ligament, facet, bulge, squeeze = self._phases(t)
        thickness = lerp(9, 40, ligament)
        # ligament lining the back of the canal
        p.setPen(self._ligament_pen)
        p.setBrush(LIGAMENT)
        for sign in (1, -1):
            p.drawPath(spline(self._ligament_band(thickness, sign)))
        # facet joints grow bony lumps into the sides of the canal: filled with the bone's
        # own shading so they merge into it, outlined only where they stick into the canal
        if facet > 0.01:
            bone = self._sprite("bone", QRectF(-200, 20, 400, 90),
                                lambda q: q.fillRect(QRectF(-200, 20, 400, 90), self._arch_brush))
            p.setPen(self._bone_pen)
            for sign in (1, -1):
                centre = (sign * lerp(152, 134, facet), lerp(60, 68, facet))
                radii = (8 + 22 * facet, 12 + 16 * facet)
                lump = spline(ellipse_points(*centre, *radii, n=10, angle=sign * 0.5))
                self._fill_with_sprite(p, lump, bone)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(self._arc_in_canal(centre, radii, sign * 0.5))
        # the nerve sac, squeezed from the front (disc), sides (facets) and back (ligament)
        sac, rootlets = self._squeezed_sac(squeeze)
        p.setPen(self._sac_pen)
        p.setBrush(SAC)
        p.drawPath(spline(sac))
        cold = self._sprite("rootlet-cold", QRectF(-12, -12, 24, 24), lambda q: self._paint_rootlet(q, 0.0))
        hot = self._sprite("rootlet-hot", QRectF(-12, -12, 24, 24), lambda q: self._paint_rootlet(q, 1.0))
        for x, y, _ in rootlets:
            self._blit(p, cold, x, y)
            self._blit(p, hot, x, y, squeeze)
        for sign in (1, -1):
            centre = self._root_centre(t, sign)
            self._draw_root(p, centre, _L5_R + 3 * facet, _L5_R - 6 * facet, sign * -30 * facet, squeeze)
        self._glow(p, (0, 80), 120, squeeze * 0.8)
        # the disc bulges back a little: its outline moves over a texture that does not
        disc = self._sprite("disc", spline(self._disc_outline(1.0)).boundingRect(), self._paint_disc_texture)
        outline = spline(self._disc_outline(bulge))
        self._fill_with_sprite(p, outline, disc)
        p.setPen(self._disc_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(outline)

    def _paint_rootlet(self, p: QPainter, heat: float) -> None:
        p.setPen(pen(mix(NERVE_LINE, HOT_LINE, heat), 1.6 + 1.2 * heat))
        p.setBrush(mix(NERVE, HOT, heat * 0.9))
        p.drawEllipse(QPointF(0, 0), 9.5, 9.5)

    def _paint_disc_texture(self, p: QPainter) -> None:
        """The disc at its fullest bulge, without its outline: ring, layers, soft centre."""
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._annulus_brush)
        p.drawPath(spline(self._disc_outline(1.0)))
        p.setPen(self._lamella_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        outline = self._disc_outline(0.5)
        nucleus = self._nucleus_ring(len(outline))
        for f in (0.34, 0.58, 0.8):
            p.drawPath(spline([lerp_pt(a, b, f) for a, b in zip(nucleus, outline, strict=True)]))
        cx, cy = _NUCLEUS_CENTRE
        rx, ry = _NUCLEUS_R
        p.setPen(pen(QColor("#9FB3C8"), 2.0))
        p.setBrush(self._nucleus_brush)
        p.drawEllipse(QPointF(cx, cy), rx, ry)

    def _arc_in_canal(self, centre: Point, radii: Point, angle: float) -> QPainterPath:
        """The part of an ellipse's outline that lies inside the canal, as an open curve."""
        pts = ellipse_points(*centre, *radii, n=32, angle=angle)
        inside = [self._canal_path.contains(QPointF(x, y)) for x, y in pts]
        if all(inside):
            return spline(pts)
        if not any(inside):
            return QPainterPath()
        start = next(i for i in range(len(pts)) if inside[i] and not inside[i - 1])
        run = []
        i = start
        while inside[i % len(pts)]:
            run.append(pts[i % len(pts)])
            i += 1
        before, after = pts[start - 1], pts[i % len(pts)]
        run = [lerp_pt(before, run[0], 0.5), *run, lerp_pt(run[-1], after, 0.5)]
        return spline(run, closed=False)

    def _squeezed_sac(self, squeeze: float) -> tuple[list[Point], list[tuple[float, float, float]]]:
        """The sac shrinks into what is left of the canal and turns three-cornered (the
        ligament pushes in from both back sides); its nerve roots crowd together."""
        cx, cy = _SAC_CENTRE
        rx, ry = _SAC_R
        ncx, ncy = cx, cy - 6 * squeeze
        nrx, nry = rx * (1 - 0.22 * squeeze), ry * (1 - 0.2 * squeeze)
        out = []
        for x, y in self._sac_healthy:
            u, v = (x - cx) / rx, (y - cy) / ry
            if v > 0:
                v *= 1.0 - 0.28 * squeeze * abs(u)
                u *= 1.0 - 0.22 * squeeze * v
            out.append((ncx + u * nrx, ncy + v * nry))
        crowd = 1.0 - 0.12 * squeeze
        rootlets = [(ncx + u * nrx * crowd, ncy + v * nry * crowd - 3 * squeeze, r * (1.0 - 0.1 * squeeze))
                    for u, v, r in _ROOTLETS]
        return out, rootlets


# ==========================================================================================
# Side view (a cut down the middle): L4 slips forward over L5
# ==========================================================================================

_HW = 100.0  # half the front-to-back depth of a vertebral body
_CANAL_DEPTH = 80.0


@dataclass(frozen=True)
class _Body:
    ha: float  # half-height at the front
    hp: float  # half-height at the back


def _body_path(b: _Body) -> QPainterPath:
    """A lumbar vertebral body from the side (front to the left): wider than tall, with
    slightly hollow end plates and a waist at the front."""
    hw, r = _HW, 14.0
    path = QPainterPath()
    path.moveTo(-hw + r, -b.ha)
    path.quadTo(0, -(b.ha + b.hp) / 2 + 7, hw - r, -b.hp)
    path.quadTo(hw, -b.hp, hw, -b.hp + r)
    path.quadTo(hw - 5, 0, hw, b.hp - r)
    path.quadTo(hw, b.hp, hw - r, b.hp)
    path.quadTo(0, (b.ha + b.hp) / 2 - 7, -hw + r, b.ha)
    path.quadTo(-hw, b.ha, -hw, b.ha - r)
    path.quadTo(-hw + 10, 0, -hw, -b.ha + r)
    path.quadTo(-hw, -b.ha, -hw + r, -b.ha)
    path.closeSubpath()
    return path


def _arch_path() -> QPainterPath:
    """Lamina and spinous process cut down the middle, behind the canal: a broad plate
    pointing backwards and a little down."""
    x0 = _HW + _CANAL_DEPTH
    pts = [
        (x0 + 2, -22), (x0 + 36, -30), (x0 + 100, -24), (x0 + 150, -12), (x0 + 172, 10),
        (x0 + 166, 42), (x0 + 140, 60), (x0 + 92, 64), (x0 + 50, 78), (x0 + 24, 104),
        (x0 + 6, 98), (x0 - 2, 60), (x0 - 2, 14),
    ]
    return spline(pts)


_ARCH_BOTTOM: Point = (_HW + _CANAL_DEPTH + 10, 100)


class SpondylolisthesisArt(ConditionArt):
    content_id = "spondylolisthesis"

    DESIGN = QRectF(-300, -420, 720, 900)  # replaced per instance from the geometry
    CLIP = True
    _SACRAL_TILT = -26.0
    _SLIP = 58.0  # about a quarter of the body depth (grade 1, the usual degenerative slip)

    def __init__(self) -> None:
        super().__init__()
        self._bodies = {
            "L3": _Body(56, 56), "L4": _Body(58, 56), "L5": _Body(64, 56), "S1": _Body(58, 52),
        }
        self._body_paths = {name: _body_path(b) for name, b in self._bodies.items()}
        self._arch = _arch_path()
        self._bone_pen = pen(BONE_LINE, 2.2)
        self._disc_pen = pen(DISC_LINE, 2.2)
        self._body_brush = bone_brush(-70, 70)
        self._arch_brush = bone_brush(-50, 100)
        self._annulus_brush = QBrush(ANNULUS)
        # place the stack from the sacrum up: sacral slope, then each disc (front, back height)
        # (the whole drawing is turned a little so that L4 and L5 sit nearly level)
        s1 = QTransform()
        s1.translate(0, 0)
        s1.rotate(self._SACRAL_TILT)
        self._t = {"S1": s1}
        self._t["L5"] = self._stack(s1, "S1", "L5", 46, 20)
        self._t["L4"] = self._stack(self._t["L5"], "L5", "L4", 42, 26)
        self._t["L3"] = self._stack(self._t["L4"], "L4", "L3", 40, 30)
        self._sacrum_path = self._make_sacrum()
        self._sacrum_brush = bone_brush(-60, 320)
        l5 = self._t["L5"]
        self._slip_dir = self._unit(l5.map(QPointF(-1, 0)) - l5.map(QPointF(0, 0)))
        self._down_dir = self._unit(l5.map(QPointF(0, 1)) - l5.map(QPointF(0, 0)))
        self._nerve_pen = pen(NERVE_LINE, 2.0)
        self._sac_pen = pen(SAC_LINE, 1.8)
        self._fibre_pen = pen(NERVE_LIGHT, 1.6)
        self.DESIGN = self._design_box()

    def _design_box(self) -> QRectF:
        """From half-way up L3 to the top of the sacrum, front of the slipped L4 to the tips
        of the spinous processes."""
        box = QRectF()
        for name, moves in (("L4", True), ("L5", False)):
            for t in (0.0, 1.0):
                m = self._upper_transform(name, t) if moves else self._t[name]
                box = box.united(m.map(self._body_paths[name]).boundingRect())
                box = box.united(m.map(self._arch).boundingRect())
        top = self._t["L3"].map(QPointF(0, 0)).y()
        bottom = self._t["S1"].map(QPointF(0, 70)).y()
        return QRectF(box.left() - 20, top, box.width() + 40, bottom - top)

    # geometry helpers -----------------------------------------------------------------------
    @staticmethod
    def _unit(v: QPointF) -> Point:
        length = math.hypot(v.x(), v.y()) or 1.0
        return (v.x() / length, v.y() / length)

    def _stack(self, lower: QTransform, lower_name: str, upper_name: str, front: float,
               back: float) -> QTransform:
        """Place a vertebra on the one below with a disc ``front``/``back`` high."""
        lb, ub = self._bodies[lower_name], self._bodies[upper_name]
        a = lower.map(QPointF(-_HW + 8, -lb.ha))
        b = lower.map(QPointF(_HW - 8, -lb.hp))
        ux, uy = self._unit(lower.map(QPointF(0, -1)) - lower.map(QPointF(0, 0)))
        a2 = QPointF(a.x() + ux * front, a.y() + uy * front)
        b2 = QPointF(b.x() + ux * back, b.y() + uy * back)
        angle = math.degrees(math.atan2(b2.y() - a2.y(), b2.x() - a2.x()))
        mid = (a2 + b2) / 2
        rad = math.radians(angle)
        up = (math.sin(rad), -math.cos(rad))
        half = (ub.ha + ub.hp) / 2
        t = QTransform()
        t.translate(mid.x() + up[0] * half, mid.y() + up[1] * half)
        t.rotate(angle)
        return t

    def _slip(self, t: float) -> tuple[float, float]:
        slip = smoothstep(0.05, 0.9, t)
        settle = smoothstep(0.3, 1.0, t)
        return slip, settle

    def _move(self, t: float) -> Point:
        """How far L4 (and everything above it) has moved: forward along L5's top, and
        settled a little lower."""
        slip, settle = self._slip(t)
        d = self._SLIP * slip
        s = 3.0 * settle
        return (self._slip_dir[0] * d + self._down_dir[0] * s, self._slip_dir[1] * d + self._down_dir[1] * s)

    def _upper_transform(self, name: str, t: float) -> QTransform:
        dx, dy = self._move(t)
        return self._t[name] * QTransform.fromTranslate(dx, dy)

    def _disc_corners(self, upper: QTransform, upper_name: str, lower: QTransform,
                      lower_name: str) -> tuple[QPointF, QPointF, QPointF, QPointF]:
        ub, lb = self._bodies[upper_name], self._bodies[lower_name]
        return (upper.map(QPointF(-_HW + 6, ub.ha - 1)), upper.map(QPointF(_HW - 6, ub.hp - 1)),
                lower.map(QPointF(_HW - 6, -lb.hp + 1)), lower.map(QPointF(-_HW + 6, -lb.ha + 1)))

    def _disc_path(self, upper: QTransform, upper_name: str, lower: QTransform, lower_name: str,
                   back_bulge: float = 10.0) -> QPainterPath:
        ua, up_, lp, la = self._disc_corners(upper, upper_name, lower, lower_name)
        fx, fy = self._unit(la - lp)  # towards the front, along the lower end plate
        bx, by = -fx, -fy
        ux, uy = fy, -fx  # up, away from the lower end plate
        # the back wall: a rounded bulge from the upper body down to the lower one, even
        # when the upper body has slid forward and left the lower one's back edge bare
        over = max(0.0, (lp.x() - up_.x()) * bx + (lp.y() - up_.y()) * by)
        rise = (up_.x() - lp.x()) * ux + (up_.y() - lp.y()) * uy
        c1 = up_ + QPointF(bx, by) * (back_bulge + over * 0.55)
        c2 = lp + QPointF(bx, by) * back_bulge + QPointF(ux, uy) * (rise * 0.55)
        path = QPainterPath()
        path.moveTo(ua)
        path.lineTo(up_)
        path.cubicTo(c1, c2, lp)
        path.lineTo(la)
        path.cubicTo(la + QPointF(fx * 12, fy * 12), ua + QPointF(fx * 12, fy * 12), ua)
        path.closeSubpath()
        return path

    def _nucleus(self, corners: tuple[QPointF, QPointF, QPointF, QPointF]
                 ) -> tuple[QPointF, float, float, float]:
        ua, up_, lp, la = corners
        centre = (ua + up_ + lp + la) / 4
        back = (up_ + lp) / 2
        centre = centre + (back - centre) * 0.12
        width = (math.dist((ua.x(), ua.y()), (up_.x(), up_.y())) + math.dist((la.x(), la.y()),
                                                                               (lp.x(), lp.y()))) / 2
        height = (math.dist((ua.x(), ua.y()), (la.x(), la.y()))
                  + math.dist((up_.x(), up_.y()), (lp.x(), lp.y()))) / 2
        angle = math.degrees(math.atan2(lp.y() - la.y(), lp.x() - la.x()))
        return centre, width * 0.27, height * 0.26, angle

    def _make_sacrum(self) -> QPainterPath:
        """The top of the sacrum: the S1 body running down into the sacrum, and the sacral
        canal's back wall; it fades out below."""
        s1 = self._bodies["S1"]
        path = QPainterPath()
        hw = _HW
        path.moveTo(-hw + 14, -s1.ha)
        path.quadTo(0, -(s1.ha + s1.hp) / 2 + 7, hw - 14, -s1.hp)
        path.quadTo(hw, -s1.hp, hw, -s1.hp + 14)
        path.cubicTo(hw - 4, 60, hw - 12, 180, hw - 30, 300)
        path.lineTo(-hw + 10, 300)
        path.cubicTo(-hw + 40, 200, -hw + 10, 60, -hw, -s1.ha + 14)
        path.quadTo(-hw, -s1.ha, -hw + 14, -s1.ha)
        path.closeSubpath()
        back = QPainterPath()
        x0 = _HW + _CANAL_DEPTH
        back.moveTo(x0 + 2, -6)
        back.cubicTo(x0 + 30, -22, x0 + 76, -20, x0 + 90, 6)
        back.cubicTo(x0 + 96, 90, x0 + 70, 200, x0 + 40, 300)
        back.lineTo(x0 - 30, 300)
        back.cubicTo(x0 - 10, 200, x0 + 2, 90, x0 + 2, -6)
        back.closeSubpath()
        path.addPath(back)
        return path

    def _fade(self, y0: float, y1: float, top: bool) -> tuple[QRectF, QBrush]:
        grad = QLinearGradient(0, y0, 0, y1)
        if top:
            grad.setColorAt(0.0, self.background)
            grad.setColorAt(1.0, with_alpha(self.background, 0.0))
        else:
            grad.setColorAt(0.0, with_alpha(self.background, 0.0))
            grad.setColorAt(1.0, self.background)
        return QRectF(self.DESIGN.left(), y0, self.DESIGN.width(), y1 - y0), QBrush(grad)

    # text -------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return QCoreApplication.translate("SpondylolisthesisArt", "Spondylolisthesis")

    def captions(self) -> tuple[str, str]:
        return (
            QCoreApplication.translate("SpondylolisthesisArt", "Healthy spine: the bones line up"),
            QCoreApplication.translate("SpondylolisthesisArt",
                                       "L4 slips forward over L5 and pinches the nerves"),
        )

    def view_note(self) -> str:
        return QCoreApplication.translate("SpondylolisthesisArt", "Seen from the side, cut down the middle")

    def markers(self) -> list[Marker]:
        tr = QCoreApplication.translate
        return [
            Marker(tr("ConditionArt", "Front"), (self.DESIGN.left(), 0), "up", "right"),
            Marker(tr("ConditionArt", "Back"), (self.DESIGN.right(), 0), "up", "left"),
        ]

    def labels(self) -> list[Label]:
        tr = QCoreApplication.translate

        def on(name: str, x: float, y: float, moves: bool) -> Anchor:
            def anchor(t: float) -> Point:
                m = self._upper_transform(name, t) if moves else self._t[name]
                pt = m.map(QPointF(x, y))
                return (pt.x(), pt.y())
            return anchor

        return [
            Label(tr("SpondylolisthesisArt", "L4"), "left", None, on("L4", -40, 0, True)),
            Label(tr("SpondylolisthesisArt", "Disc"), "left", None, lambda t: self._disc_anchor(t)),
            Label(tr("SpondylolisthesisArt", "L5"), "left", None, on("L5", -40, 10, False)),
            Label(tr("SpondylolisthesisArt", "Sacrum"), "left", None, on("S1", -30, 10, False)),
            Label(tr("SpondylolisthesisArt", "Nerves in the spinal canal"), "right", None,
                  lambda t: self._nerve_anchor(t)),
            Label(tr("SpondylolisthesisArt", "Nerves pinched here"), "right", None,
                  lambda t: self._pinch(t)[0], appear=(0.55, 0.8)),
            Label(tr("SpondylolisthesisArt", "Back of the vertebra"), "right", None,
                  on("L5", _HW + _CANAL_DEPTH + 120, 20, False)),
        ]

    def _disc_anchor(self, t: float) -> Point:
        corners = self._disc_corners(self._upper_transform("L4", t), "L4", self._t["L5"], "L5")
        c = (corners[0] + corners[3]) / 2
        f = (corners[1] + corners[2]) / 2
        pt = c + (f - c) * 0.18
        return (pt.x(), pt.y())

    def _nerve_anchor(self, t: float) -> Point:
        pt = self._upper_transform("L4", t).map(QPointF(_HW + _CANAL_DEPTH / 2 + 10, -40))
        return (pt.x(), pt.y())

    # the nerve bundle ---------------------------------------------------------------------
    def _pinch(self, t: float) -> tuple[Point, float]:
        """Where the bundle is narrowest (between L5's back top corner and L4's lamina) and
        how wide the gap is there."""
        corner = self._t["L5"].map(QPointF(_HW - 4, -self._bodies["L5"].hp - 4))
        lamina = self._upper_transform("L4", t).map(QPointF(*_ARCH_BOTTOM))
        gap = math.dist((corner.x(), corner.y()), (lamina.x(), lamina.y()))
        mid = (corner + lamina) / 2
        return (mid.x(), mid.y()), gap

    def _bundle_centreline(self, t: float) -> tuple[list[Point], int]:
        cx = _HW + _CANAL_DEPTH / 2
        pts: list[Point] = []
        l3 = self._upper_transform("L3", t)
        l4 = self._upper_transform("L4", t)
        for m, ys in ((l3, (-200, -60, 40)), (l4, (-30, 40))):
            for y in ys:
                p = m.map(QPointF(cx, y))
                pts.append((p.x(), p.y()))
        pinch_index = len(pts)
        pinch, _ = self._pinch(t)
        healthy = self._t["L5"].map(QPointF(cx, -self._bodies["L5"].hp - 18))
        pts.append(lerp_pt((healthy.x(), healthy.y()), pinch, smoothstep(0.0, 0.5, t)))
        for m, ys in ((self._t["L5"], (10, 70)), (self._t["S1"], (0, 120, 260))):
            for y in ys:
                p = m.map(QPointF(cx, y))
                pts.append((p.x(), p.y()))
        return pts, pinch_index

    def _paint_bundle(self, p: QPainter, t: float) -> None:
        pts, k = self._bundle_centreline(t)
        _, gap = self._pinch(t)
        squeeze = smoothstep(0.35, 1.0, t)
        sac_w, nerve_w = 66.0, 44.0
        pinch_sac = min(sac_w, gap - 4)
        pinch_nerve = min(nerve_w, gap - 10)
        sac_ws, nerve_ws = [], []
        for i in range(len(pts)):
            f = {0: 1.0, 1: 0.45, 2: 0.1}.get(abs(i - k), 0.0)
            sac_ws.append(lerp(sac_w, max(14.0, pinch_sac), f))
            nerve_ws.append(lerp(nerve_w, max(10.0, pinch_nerve), f))
        sl, sr = offset_polyline(pts, sac_ws)
        p.setPen(self._sac_pen)
        p.setBrush(SAC)
        p.drawPath(spline([*sl, *reversed(sr)]))
        nl, nr = offset_polyline(pts, nerve_ws)
        nerve = spline([*nl, *reversed(nr)])
        p.setPen(self._nerve_pen)
        p.setBrush(NERVE)
        p.drawPath(nerve)
        # fibres running along the bundle
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(self._fibre_pen)
        for f in (0.3, 0.7):
            p.drawPath(spline([lerp_pt(a, b, f) for a, b in zip(nl, nr, strict=True)], closed=False))
        if squeeze > 0.01:
            # warm up the pinched stretch only (a short piece of the bundle: cheap to fill)
            centre = pts[k]
            self._glow(p, centre, 110, squeeze)
            lo, hi = max(0, k - 2), min(len(pts), k + 3)
            local = spline([*nl[lo:hi], *reversed(nr[lo:hi])])
            grad = QRadialGradient(centre[0], centre[1], 120)
            grad.setColorAt(0.0, with_alpha(HOT, squeeze))
            grad.setColorAt(0.5, with_alpha(HOT, 0.6 * squeeze))
            grad.setColorAt(1.0, with_alpha(HOT, 0.0))
            outline = QRadialGradient(centre[0], centre[1], 120)
            outline.setColorAt(0.0, with_alpha(HOT_LINE, squeeze))
            outline.setColorAt(0.6, with_alpha(HOT_LINE, 0.7 * squeeze))
            outline.setColorAt(1.0, with_alpha(HOT_LINE, 0.0))
            p.setPen(QPen(QBrush(outline), 2.0 + 2.5 * squeeze))
            p.setBrush(QBrush(grad))
            p.drawPath(local)

    def _paint_vertebra(self, p: QPainter, name: str, m: QTransform, arch: bool = True) -> None:
        p.save()
        p.setTransform(m, True)
        p.setPen(self._bone_pen)
        if arch:
            p.setBrush(self._arch_brush)
            p.drawPath(self._arch)
        p.setBrush(self._body_brush)
        p.drawPath(self._body_paths[name])
        p.restore()

    def _paint_disc(self, p: QPainter, upper: QTransform, upper_name: str, lower: QTransform,
                    lower_name: str, back_bulge: float = 10.0) -> None:
        p.setPen(self._disc_pen)
        p.setBrush(self._annulus_brush)
        p.drawPath(self._disc_path(upper, upper_name, lower, lower_name, back_bulge))
        centre, rx, ry, angle = self._nucleus(self._disc_corners(upper, upper_name, lower, lower_name))
        p.save()
        p.translate(centre)
        p.rotate(angle)
        grad = QRadialGradient(0, 0, rx)
        grad.setColorAt(0.0, NUCLEUS_CORE)
        grad.setColorAt(0.6, NUCLEUS)
        grad.setColorAt(1.0, with_alpha(NUCLEUS, 0.0))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(grad))
        p.scale(1.0, ry / rx)
        p.drawEllipse(QPointF(0, 0), rx, rx)
        p.restore()

    def _paint_static(self, p: QPainter) -> None:
        s1 = self._t["S1"]
        p.save()
        p.setTransform(s1, True)
        p.setPen(self._bone_pen)
        p.setBrush(self._sacrum_brush)
        p.drawPath(self._sacrum_path)
        p.restore()
        self._paint_disc(p, self._t["L5"], "L5", s1, "S1")

    def _paint_dynamic(self, p: QPainter, t: float) -> None:
        # the nerves first: the bones on either side cover their edges where they pinch
        self._paint_bundle(p, t)
        # L5 never moves, and L4 with everything above it moves as one piece: both are
        # pictures painted once per size
        l5 = self._sprite("L5", self._t["L5"].mapRect(self._vertebra_bounds("L5")),
                          lambda q: self._paint_vertebra(q, "L5", self._t["L5"]))
        self._blit(p, l5)
        upper = self._sprite("upper", self._upper_bounds(), self._paint_upper)
        dx, dy = self._move(t)
        self._blit(p, upper, dx, dy)
        slip, _ = self._slip(t)
        self._paint_disc(p, self._upper_transform("L4", t), "L4", self._t["L5"], "L5",
                         back_bulge=10 + 8 * slip)

    def _vertebra_bounds(self, name: str) -> QRectF:
        return self._body_paths[name].boundingRect().united(self._arch.boundingRect()).adjusted(-4, -4, 4, 4)

    def _upper_bounds(self) -> QRectF:
        rect = QRectF()
        for name in ("L3", "L4"):
            rect = rect.united(self._t[name].mapRect(self._vertebra_bounds(name)))
        return rect.intersected(self.DESIGN.adjusted(-40, -40, 40, 40))

    def _paint_upper(self, p: QPainter) -> None:
        l3, l4 = self._t["L3"], self._t["L4"]
        self._paint_disc(p, l3, "L3", l4, "L4")
        self._paint_vertebra(p, "L3", l3)
        self._paint_vertebra(p, "L4", l4)

    def _paint_overlay(self, p: QPainter, t: float) -> None:
        """Soft fades at the top and bottom: the spine goes on beyond the picture."""
        key = self.background.name(QColor.NameFormat.HexArgb)
        top, bottom = self.DESIGN.top(), self.DESIGN.bottom()
        for name, y0, y1, fade_top in (("top", top, top + 90, True), ("bottom", bottom - 110, bottom, False)):
            rect, brush = self._fade(y0, y1, fade_top)
            sprite = self._sprite(f"fade-{name}-{key}", rect, lambda q, r=rect, b=brush: q.fillRect(r, b))
            self._blit(p, sprite)


ANIMATIONS: dict[str, type[ConditionArt]] = {
    HerniatedDiscArt.content_id: HerniatedDiscArt,
    SpinalStenosisArt.content_id: SpinalStenosisArt,
    SpondylolisthesisArt.content_id: SpondylolisthesisArt,
}
