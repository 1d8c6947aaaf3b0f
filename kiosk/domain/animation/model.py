"""What an animation is made of, and how it moves between its keyframes.

A drawing holds two or more *states* (keyframes). Each state has the same *parts*, in
the same stacking order, each made of *shapes* with the same path commands, so any two
states can be blended number by number: points, colours, gradient stops, stroke widths.
The script (phases) says when each part moves from one state to another.

Plain data and arithmetic only; the UI turns shapes into Qt paths and brushes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

# ("M", x, y) | ("L", x, y) | ("Q", cx, cy, x, y) | ("C", c1x, c1y, c2x, c2y, x, y) | ("Z",)
Command = tuple[Any, ...]
RGBA = tuple[float, float, float, float]  # each 0..1, not premultiplied
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in SVG
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(values: Iterable[float]) -> Matrix:
    a, b, c, d, e, f = values
    return a, b, c, d, e, f

EASINGS = ("smooth", "linear", "in", "out")


# -- small maths -----------------------------------------------------------------------------
def clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def ease(kind: str, u: float) -> float:
    """``u`` (0..1) through an easing curve: "smooth" is an S curve (slow in, slow out)."""
    u = clamp01(u)
    if kind == "linear":
        return u
    if kind == "in":
        return u * u
    if kind == "out":
        return 1.0 - (1.0 - u) * (1.0 - u)
    return u * u * (3.0 - 2.0 * u)


def smoothstep(edge0: float, edge1: float, x: float) -> float:
    """0 before ``edge0``, 1 after ``edge1``, an S curve between."""
    if edge1 <= edge0:
        return 1.0 if x >= edge1 else 0.0
    return ease("smooth", (x - edge0) / (edge1 - edge0))


def lerp(a: float, b: float, f: float) -> float:
    return a + (b - a) * f


def lerp_rgba(a: RGBA, b: RGBA, f: float) -> RGBA:
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f,
            a[2] + (b[2] - a[2]) * f, a[3] + (b[3] - a[3]) * f)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` applied after ``n`` (SVG order: ``transform="m n"`` maps a point by n first)."""
    a1, b1, c1, d1, e1, f1 = m
    a2, b2, c2, d2, e2, f2 = n
    return (a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2,
            a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1)


def map_point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def transform_commands(commands: tuple[Command, ...], m: Matrix) -> tuple[Command, ...]:
    if m == IDENTITY:
        return commands
    out = []
    for cmd in commands:
        coords = cmd[1:]
        mapped: list[float] = []
        for i in range(0, len(coords), 2):
            mapped.extend(map_point(m, coords[i], coords[i + 1]))
        out.append((cmd[0], *mapped))
    return tuple(out)


def structure(commands: tuple[Command, ...]) -> str:
    """The command letters of a path, e.g. "MCCCZ": what must match between states."""
    return "".join(cmd[0] for cmd in commands)


def bounds(commands: tuple[Command, ...]) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) of every point, control points included; None for no points."""
    xs: list[float] = []
    ys: list[float] = []
    for cmd in commands:
        xs.extend(cmd[1::2])
        ys.extend(cmd[2::2])
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def lerp_commands(a: tuple[Command, ...], b: tuple[Command, ...], f: float) -> tuple[Command, ...]:
    if a is b:
        return a
    out = []
    for ca, cb in zip(a, b, strict=True):
        if len(ca) == 1:
            out.append(ca)
        else:
            out.append((ca[0], *(x + (y - x) * f for x, y in zip(ca[1:], cb[1:], strict=True))))
    return tuple(out)


# -- paints and shapes ---------------------------------------------------------------------
@dataclass(frozen=True)
class Gradient:
    """An SVG linear or radial gradient, with its transform in the drawing's coordinates
    (``bbox`` gradients: in the shape's bounding box, as SVG's objectBoundingBox)."""

    kind: str  # "linear" | "radial"
    coords: tuple[float, ...]  # linear: x1 y1 x2 y2; radial: cx cy r fx fy
    stops: tuple[tuple[float, RGBA], ...]
    matrix: Matrix = IDENTITY
    bbox: bool = False
    spread: str = "pad"  # "pad" | "reflect" | "repeat"

    def same_layout(self, other: Gradient) -> bool:
        return (self.kind == other.kind and self.bbox == other.bbox and self.spread == other.spread
                and len(self.stops) == len(other.stops))

    def translated(self, dx: float, dy: float) -> Gradient:
        if self.bbox:
            return self
        a, b, c, d, e, f = self.matrix
        return replace(self, matrix=(a, b, c, d, e + dx, f + dy))


@dataclass(frozen=True)
class Paint:
    """A fill or a stroke: nothing, one colour, or a gradient."""

    colour: RGBA | None = None
    gradient: Gradient | None = None

    @property
    def kind(self) -> str:
        return "gradient" if self.gradient is not None else "colour" if self.colour is not None else "none"

    @property
    def visible(self) -> bool:
        if self.gradient is not None:
            return any(rgba[3] > 0.0 for _, rgba in self.gradient.stops)
        return self.colour is not None and self.colour[3] > 0.0


NO_PAINT = Paint()


@dataclass(frozen=True)
class Shape:
    """One filled and/or stroked outline, in the drawing's coordinates (transforms applied).
    Opacity is folded into the paints' alpha."""

    commands: tuple[Command, ...]
    fill: Paint = NO_PAINT
    stroke: Paint = NO_PAINT
    stroke_width: float = 1.0
    cap: str = "butt"  # butt | round | square
    join: str = "miter"  # miter | round | bevel
    dashes: tuple[float, ...] = ()
    even_odd: bool = False
    line: int = 0  # in the SVG file

    def translated(self, dx: float, dy: float) -> Shape:
        return replace(self, commands=transform_commands(self.commands, (1.0, 0.0, 0.0, 1.0, dx, dy)),
                       fill=_translate_paint(self.fill, dx, dy), stroke=_translate_paint(self.stroke, dx, dy))

    def same_look(self, other: Shape) -> bool:
        """Everything but the outline is the same."""
        return (self.fill == other.fill and self.stroke == other.stroke
                and self.stroke_width == other.stroke_width and self.cap == other.cap
                and self.join == other.join and self.dashes == other.dashes
                and self.even_odd == other.even_odd)

    def same_drawing(self, other: Shape) -> bool:
        return self.commands == other.commands and self.same_look(other)


def _translate_paint(paint: Paint, dx: float, dy: float) -> Paint:
    if paint.gradient is None:
        return paint
    return Paint(gradient=paint.gradient.translated(dx, dy))


def lerp_gradient(a: Gradient, b: Gradient, f: float) -> Gradient:
    if a == b:
        return a
    stops = tuple((lerp(sa[0], sb[0], f), lerp_rgba(sa[1], sb[1], f)) for sa, sb in zip(a.stops, b.stops,
                                                                                        strict=True))
    return Gradient(a.kind, tuple(lerp(x, y, f) for x, y in zip(a.coords, b.coords, strict=True)), stops,
                    _matrix(lerp(x, y, f) for x, y in zip(a.matrix, b.matrix, strict=True)), a.bbox, a.spread)


def lerp_paint(a: Paint, b: Paint, f: float) -> Paint:
    if a == b:
        return a
    if a.gradient is not None and b.gradient is not None:
        return Paint(gradient=lerp_gradient(a.gradient, b.gradient, f))
    if a.colour is not None and b.colour is not None:
        return Paint(colour=lerp_rgba(a.colour, b.colour, f))
    return a if f < 0.5 else b  # (different kinds are refused when the drawing is checked)


def lerp_shape(a: Shape, b: Shape, f: float) -> Shape:
    if f <= 0.0 or a is b:
        return a
    if f >= 1.0:
        return b
    return Shape(
        commands=lerp_commands(a.commands, b.commands, f),
        fill=lerp_paint(a.fill, b.fill, f),
        stroke=lerp_paint(a.stroke, b.stroke, f),
        stroke_width=lerp(a.stroke_width, b.stroke_width, f),
        cap=a.cap, join=a.join,
        dashes=tuple(lerp(x, y, f) for x, y in zip(a.dashes, b.dashes, strict=True)) if a.dashes else (),
        even_odd=a.even_odd, line=a.line,
    )


# -- parts and the timeline ----------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """An element (shape or group) with an id inside the state groups: its shapes in each state."""

    id: str
    states: tuple[tuple[Shape, ...], ...]
    lines: tuple[int, ...]  # the element's line in each state group
    anchor: bool = False  # class="anchor": a point for labels and effects, never drawn
    centres: tuple[tuple[float, float], ...] = ()  # centre of its bounds in each state

    @property
    def changes(self) -> bool:
        first = self.states[0]
        return any(len(s) != len(first) or not all(a.same_drawing(b) for a, b in zip(first, s, strict=False))
                   for s in self.states[1:])

    def offsets(self) -> tuple[tuple[float, float], ...] | None:
        """If every state is the first one moved, without any other change: how far."""
        first = self.states[0]
        if not first:
            return None
        result = [(0.0, 0.0)]
        for shapes in self.states[1:]:
            a, b = first[0].commands, shapes[0].commands
            start_a = next((c for c in a if len(c) > 1), None)
            start_b = next((c for c in b if len(c) > 1), None)
            if start_a is None or start_b is None:
                return None
            dx, dy = start_b[1] - start_a[1], start_b[2] - start_a[2]
            for sa, sb in zip(first, shapes, strict=True):
                moved = sa.translated(dx, dy)
                if not moved.same_look(sb) or not _close(moved.commands, sb.commands):
                    return None
            result.append((dx, dy))
        return tuple(result)


def _close(a: tuple[Command, ...], b: tuple[Command, ...], eps: float = 1e-3) -> bool:
    if structure(a) != structure(b):
        return False
    return all(abs(x - y) <= eps for ca, cb in zip(a, b, strict=True) for x, y in zip(ca[1:], cb[1:],
                                                                                       strict=True))


@dataclass(frozen=True)
class Segment:
    """A part moving from one state to another between two moments of the progress."""

    start: float
    end: float
    source: int  # state index
    target: int
    easing: str = "smooth"

    def fraction(self, t: float) -> float:
        if self.end <= self.start:
            return 1.0 if t >= self.end else 0.0
        return ease(self.easing, (t - self.start) / (self.end - self.start))


def position(segments: tuple[Segment, ...], t: float) -> tuple[int, int, float]:
    """Where a part is at progress ``t``: between states (a, b) at fraction f."""
    if not segments:
        return 0, 0, 0.0
    if t < segments[0].start:
        return segments[0].source, segments[0].source, 0.0
    current = segments[0]
    for segment in segments:
        if t >= segment.start:
            current = segment
        else:
            break
    f = current.fraction(t)
    if f >= 1.0:
        return current.target, current.target, 0.0
    return current.source, current.target, f


def level(curve: tuple[tuple[float, float], ...], t: float) -> float:
    """A value over the progress: through (t, value) points, an S curve between them."""
    if not curve:
        return 0.0
    if t <= curve[0][0]:
        return curve[0][1]
    for (t0, v0), (t1, v1) in itertools.pairwise(curve):
        if t <= t1:
            return lerp(v0, v1, smoothstep(t0, t1, t))
    return curve[-1][1]


# -- the script: labels, effects, words -----------------------------------------------------
LABEL_SIDES = ("left", "right", "above", "below")


@dataclass(frozen=True)
class Label:
    """Words beside the drawing (left/right, with a leader line to the anchor) or an
    orientation word in a band above/below it (no leader)."""

    id: str
    anchor: str
    side: str
    y: float | None = None  # where the words would like to sit (drawing units); None: the anchor's
    appear: tuple[float, float] | None = None  # fades in over this progress range
    align: str = "centre"  # above/below: "start" (words begin at the anchor), "centre", "end"
    hide: tuple[float, float] | None = None  # fades out over this progress range

    @property
    def still(self) -> bool:
        """Shown the whole time (its words can be painted once)."""
        return self.appear is None and self.hide is None

    def opacity(self, t: float) -> float:
        alpha = 1.0 if self.appear is None else smoothstep(self.appear[0], self.appear[1], t)
        if self.hide is not None:
            alpha *= 1.0 - smoothstep(self.hide[0], self.hide[1], t)
        return alpha


@dataclass(frozen=True)
class Effect:
    """A procedural effect the renderer draws by name (see ``EFFECTS``)."""

    name: str
    strength: tuple[tuple[float, float], ...]  # (progress, 0..1) points
    anchor: str | None = None
    under: str | None = None  # drawn just beneath this part (None: over the drawing)
    radius: float = 80.0
    waves: int = 4
    edge: str = "top"
    size: float = 80.0


# Effects the renderer knows, with the keys each takes (besides name, strength, under).
EFFECTS: dict[str, tuple[str, ...]] = {
    "glow": ("anchor", "radius"),  # a soft warm glow: "this is where it presses"
    "pulse": ("anchor", "radius", "waves"),  # rings spreading from a point: an electrical signal
    "fade": ("edge", "size"),  # the drawing fades into the card at one edge: it goes on beyond
}
FADE_EDGES = ("top", "bottom", "left", "right")


@dataclass(frozen=True)
class Words:
    """Everything a patient reads in an animation, in one language."""

    title: str
    view: str  # how the drawing is seen ("Seen from above, ...")
    button: str  # the panel's button ("See how it happens")
    start: str  # the slider's and the comparison's first end ("Healthy")
    end: str  # and its last ("Herniated disc")
    steps: tuple[str, ...]  # one caption per step
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    """One slice of the stacking order: shapes that never change, or one moving part."""

    shapes: tuple[Shape, ...] = ()
    part: str | None = None

    @property
    def static(self) -> bool:
        return self.part is None
