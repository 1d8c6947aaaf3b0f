"""Reading an animation's SVG: the unchanging art and the keyframe groups.

Layout of the file (see docs/animations.md)::

    <svg viewBox="...">
      <defs> gradients </defs>
      ... art below the moving parts (never changes) ...
      <g id="state-healthy">   <path id="gel" d="..."/> <g id="root"> ... </g> </g>
      <g id="state-herniated"> <path id="gel" d="..."/> <g id="root"> ... </g> </g>
      ... art above the moving parts ...
    </svg>

Every state group holds the same parts (direct children with an id), in the same order,
with the same path commands; a part that is the same in every state is simply art. Shapes
come back with their transforms applied and their opacity folded into their paints.
"""

from __future__ import annotations

import math
import re
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import svgelements as se

from kiosk.domain.animation.model import (
    IDENTITY,
    NO_PAINT,
    Command,
    Gradient,
    Layer,
    Matrix,
    Paint,
    Part,
    Shape,
    bounds,
    multiply,
    structure,
    transform_commands,
)
from kiosk.domain.problems import Problem

STATE_PREFIX = "state-"
ANCHOR_CLASS = "anchor"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[A-Za-z0-9]+)*$")
SHAPES = ("path", "rect", "circle", "ellipse", "line", "polyline", "polygon")
SKIPPED = ("defs", "title", "desc", "metadata", "linearGradient", "radialGradient", "stop")
INHERITED = ("fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
             "stroke-linecap", "stroke-linejoin", "stroke-dasharray")
REFUSED_ATTRIBUTES = {
    "style": "style with attributes (fill=\"...\"), not style=\"...\"",
    "clip-path": "clip paths are not drawn",
    "mask": "masks are not drawn",
    "filter": "filters are not drawn",
}
WORDS_ELEMENTS = ("text", "tspan", "textPath")
_TRANSFORM = re.compile(r"^\s*((matrix|translate|scale|rotate|skewX|skewY)\s*\([^()]*\)\s*,?\s*)*$")
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_KAPPA = 0.5522847498


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Drawing:
    path: Path
    view_box: tuple[float, float, float, float]
    states: tuple[str, ...]
    state_lines: tuple[int, ...]
    below: tuple[Shape, ...]  # art under the state groups
    above: tuple[Shape, ...]  # art over them
    parts: dict[str, Part]  # in stacking order
    fixed: dict[str, tuple[float, float]]  # ids outside the state groups: the centre of each

    def layers(self, keep: frozenset[str] = frozenset()) -> tuple[Layer, ...]:
        """The stacking order in slices: runs of art that never changes, and each part that
        does. Parts named in ``keep`` get a layer of their own even if they never change."""
        layers: list[Layer] = []
        run: list[Shape] = list(self.below)
        for part in self.parts.values():
            if part.anchor:
                continue
            if part.changes or part.id in keep:
                if run:
                    layers.append(Layer(shapes=tuple(run)))
                    run = []
                layers.append(Layer(part=part.id))
            else:
                run.extend(part.states[0])
        run.extend(self.above)
        if run:
            layers.append(Layer(shapes=tuple(run)))
        return tuple(layers)


def parse_xml(text: str) -> Node:
    """The element tree with each element's line (raises ``xml.parsers.expat.ExpatError``)."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Node] = []
    top: list[Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else top).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(text, True)
    return top[0]


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.gradients: dict[str, Node] = {}
        self.view_box = (0.0, 0.0, 0.0, 0.0)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    # -- values ----------------------------------------------------------------------------
    def number(self, node: Node, name: str, default: float = 0.0, percent_of: float = 1.0) -> float:
        raw = node.attrs.get(name)
        if raw is None:
            return default
        text = raw.strip()
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100.0 * percent_of
            return float(text.removesuffix("px"))
        except ValueError:
            self.problem(node.line, f"{name}={raw!r} is not a number")
            return default

    def colour(self, line: int, raw: str, opacity: float) -> tuple[float, float, float, float] | None:
        text = raw.strip()
        if text in ("none", "transparent"):
            return None
        parsed = se.Color(text)
        named_black = parsed.value == 0xFF and text.lower() not in ("black", "#000", "#000000")
        if parsed.value is None or (not _HEX.match(text) and not text.startswith("rgb") and named_black):
            self.problem(line, f"{raw!r} is not a colour (use #RRGGBB)")
            return None
        return (parsed.red / 255.0, parsed.green / 255.0, parsed.blue / 255.0,
                parsed.alpha / 255.0 * opacity)

    def matrix(self, node: Node) -> Matrix:
        raw = node.attrs.get("transform")
        if not raw:
            return IDENTITY
        if not _TRANSFORM.match(raw):
            self.problem(node.line, f"transform={raw!r} is not an SVG transform")
            return IDENTITY
        m = se.Matrix(raw)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def paint(self, node: Node, style: dict[str, str], kind: str, ctm: Matrix, opacity: float) -> Paint:
        raw = style.get(kind, "#000000" if kind == "fill" else "none").strip()
        alpha = opacity * self._opacity(node, style.get(f"{kind}-opacity", "1"))
        match = re.fullmatch(r"url\(\s*#([^)\s]+)\s*\)", raw)
        if match:
            gradient = self.gradient(node.line, match.group(1), ctm, alpha)
            return Paint(gradient=gradient) if gradient is not None else NO_PAINT
        colour = self.colour(node.line, raw, alpha)
        return Paint(colour=colour) if colour is not None else NO_PAINT

    def _opacity(self, node: Node, raw: str) -> float:
        try:
            return min(1.0, max(0.0, float(raw)))
        except ValueError:
            self.problem(node.line, f"opacity {raw!r} is not a number from 0 to 1")
            return 1.0

    # -- gradients ---------------------------------------------------------------------------
    def collect_gradients(self, node: Node) -> None:
        for child in node.children:
            if child.tag in ("linearGradient", "radialGradient"):
                gradient_id = child.attrs.get("id")
                if not gradient_id:
                    self.problem(child.line, "a gradient needs an id")
                elif gradient_id in self.gradients:
                    self.problem(child.line, f"duplicate gradient id {gradient_id!r}")
                else:
                    self.gradients[gradient_id] = child
            self.collect_gradients(child)

    def _gradient_chain(self, node: Node) -> list[Node]:
        chain = [node]
        while True:
            href = chain[-1].attrs.get("href") or chain[-1].attrs.get("xlink:href")
            target = self.gradients.get(href[1:]) if href and href.startswith("#") else None
            if target is None or target in chain:
                return chain
            chain.append(target)

    def gradient(self, line: int, gradient_id: str, ctm: Matrix, alpha: float) -> Gradient | None:
        node = self.gradients.get(gradient_id)
        if node is None:
            self.problem(line, f"no gradient with the id {gradient_id!r} (put it in <defs>)")
            return None
        chain = self._gradient_chain(node)

        def attr(name: str) -> Node | None:
            return next((n for n in chain if name in n.attrs), None)

        units = attr("gradientUnits")
        bbox = (units.attrs["gradientUnits"] if units else "objectBoundingBox") != "userSpaceOnUse"
        _, _, vw, vh = self.view_box
        diag = 1.0 if bbox else math.hypot(vw, vh) / math.sqrt(2)
        w, h = (1.0, 1.0) if bbox else (vw, vh)

        def num(name: str, default: str, ref: float) -> float:
            holder = attr(name)
            return self.number(holder, name, 0.0, ref) if holder else self.number(
                Node("", {name: default}, line), name, 0.0, ref)

        if node.tag == "linearGradient":
            coords: tuple[float, ...] = (num("x1", "0%", w), num("y1", "0%", h), num("x2", "100%", w),
                                         num("y2", "0%", h))
        else:
            cx, cy, r = num("cx", "50%", w), num("cy", "50%", h), num("r", "50%", diag)
            fx = num("fx", "", w) if attr("fx") else cx
            fy = num("fy", "", h) if attr("fy") else cy
            coords = (cx, cy, r, fx, fy)
        holder = attr("gradientTransform")
        own = self.matrix(Node("", {"transform": holder.attrs["gradientTransform"]}, holder.line)) \
            if holder else IDENTITY
        matrix = own if bbox else multiply(ctm, own)
        stops_node = next((n for n in chain if any(c.tag == "stop" for c in n.children)), None)
        stops = []
        for stop in stops_node.children if stops_node else []:
            if stop.tag != "stop":
                continue
            offset = min(1.0, max(0.0, self.number(stop, "offset", 0.0)))
            stop_alpha = alpha * self._opacity(stop, stop.attrs.get("stop-opacity", "1"))
            rgba = self.colour(stop.line, stop.attrs.get("stop-color", "#000000"), stop_alpha)
            stops.append((offset, rgba if rgba is not None else (0.0, 0.0, 0.0, 0.0)))
        if not stops:
            self.problem(node.line, f"gradient {gradient_id!r} has no <stop>")
            return None
        spread_holder = attr("spreadMethod")
        spread = spread_holder.attrs["spreadMethod"] if spread_holder else "pad"
        kind = "linear" if node.tag == "linearGradient" else "radial"
        return Gradient(kind, coords, tuple(stops), matrix, bbox, spread)

    # -- shapes ------------------------------------------------------------------------------
    def geometry(self, node: Node) -> tuple[Command, ...]:
        tag = node.tag

        def num(name: str, default: float = 0.0) -> float:
            return self.number(node, name, default)

        if tag == "path":
            return self._path_data(node)
        if tag == "rect":
            return _rect(num("x"), num("y"), num("width"), num("height"), node.attrs.get("rx"),
                         node.attrs.get("ry"), num)
        if tag == "circle":
            r = num("r")
            return _ellipse(num("cx"), num("cy"), r, r)
        if tag == "ellipse":
            return _ellipse(num("cx"), num("cy"), num("rx"), num("ry"))
        if tag == "line":
            return (("M", num("x1"), num("y1")), ("L", num("x2"), num("y2")))
        values = [float(v) for v in re.split(r"[\s,]+", node.attrs.get("points", "").strip()) if v]
        pts = list(zip(values[0::2], values[1::2], strict=False))
        if len(pts) < 2:
            self.problem(node.line, f"<{tag}> needs at least two points")
            return ()
        cmds: list[Command] = [("M", *pts[0]), *(("L", *p) for p in pts[1:])]
        return (*cmds, ("Z",)) if tag == "polygon" else tuple(cmds)

    def _path_data(self, node: Node) -> tuple[Command, ...]:
        d = node.attrs.get("d", "")
        try:
            segments = list(se.Path(d).segments())
        except Exception:  # svgelements raises several kinds on bad path data
            self.problem(node.line, "the path data (d=...) does not parse")
            return ()
        out: list[Command] = []
        for seg in segments:
            if isinstance(seg, se.Move):
                out.append(("M", seg.end.x, seg.end.y))
            elif isinstance(seg, se.Close):
                out.append(("Z",))
            elif isinstance(seg, se.Line):
                out.append(("L", seg.end.x, seg.end.y))
            elif isinstance(seg, se.QuadraticBezier):
                out.append(("Q", seg.control.x, seg.control.y, seg.end.x, seg.end.y))
            elif isinstance(seg, se.CubicBezier):
                out.append(("C", seg.control1.x, seg.control1.y, seg.control2.x, seg.control2.y,
                            seg.end.x, seg.end.y))
            else:
                self.problem(node.line, "path data may use only M, L, H, V, Q, T, C, S and Z "
                                        "(draw arcs with C curves)")
                return ()
        return tuple(out)

    def flatten(self, node: Node, style: dict[str, str], ctm: Matrix, opacity: float,
                out: list[Shape]) -> None:
        """Append the shapes ``node`` draws (groups recursively), in drawing order."""
        if node.attrs.get("display") == "none":
            return
        for name, why in REFUSED_ATTRIBUTES.items():
            if name in node.attrs:
                self.problem(node.line, f"'{name}' is not supported: {why}")
        style = {**style, **{k: v for k, v in node.attrs.items() if k in INHERITED}}
        ctm = multiply(ctm, self.matrix(node))
        opacity *= self._opacity(node, node.attrs.get("opacity", "1"))
        if node.tag == "g":
            for child in node.children:
                if self.check_tag(child):
                    self.flatten(child, style, ctm, opacity, out)
            return
        commands = transform_commands(self.geometry(node), ctm)
        if not commands:
            return
        scale = math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) or 1.0
        dash_text = style.get("stroke-dasharray", "").strip()
        dashes = tuple(float(v) * scale for v in re.split(r"[\s,]+", dash_text) if v and v != "none")
        out.append(Shape(
            commands=commands,
            fill=NO_PAINT if node.tag == "line" else self.paint(node, style, "fill", ctm, opacity),
            stroke=self.paint(node, style, "stroke", ctm, opacity),
            stroke_width=self.number(Node("", style, node.line), "stroke-width", 1.0) * scale,
            cap=style.get("stroke-linecap", "butt"),
            join=style.get("stroke-linejoin", "miter"),
            dashes=dashes,
            even_odd=style.get("fill-rule") == "evenodd",
            line=node.line,
        ))

    def check_tag(self, node: Node) -> bool:
        """True for an element that draws; a problem for one this renderer refuses."""
        if ":" in node.tag or node.tag in SKIPPED:
            return False
        if node.tag in WORDS_ELEMENTS:
            self.problem(node.line, "no <text> in an animation: put words in the .toml file, "
                                    "[captions.<language>.labels], so they can be translated")
            return False
        if node.tag != "g" and node.tag not in SHAPES:
            self.problem(node.line, f"<{node.tag}> is not supported in an animation "
                                    f"(use g, {', '.join(SHAPES)})")
            return False
        return True


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> tuple[Command, ...]:
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return (
        ("M", cx + rx, cy),
        ("C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        ("C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        ("C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        ("C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
        ("Z",),
    )


def _rect(x: float, y: float, w: float, h: float, rx_raw: object, ry_raw: object,
          num: Callable[[str], float]) -> tuple[Command, ...]:
    rx = num("rx") if rx_raw is not None else (num("ry") if ry_raw is not None else 0.0)
    ry = num("ry") if ry_raw is not None else rx
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return (("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",))
    kx, ky = rx * (1 - _KAPPA), ry * (1 - _KAPPA)
    r, b = x + w, y + h
    return (
        ("M", x + rx, y), ("L", r - rx, y), ("C", r - kx, y, r, y + ky, r, y + ry),
        ("L", r, b - ry), ("C", r, b - ky, r - kx, b, r - rx, b),
        ("L", x + rx, b), ("C", x + kx, b, x, b - ky, x, b - ry),
        ("L", x, y + ry), ("C", x, y + ky, x + kx, y, x + rx, y), ("Z",),
    )


def _centre(shapes: list[Shape] | tuple[Shape, ...]) -> tuple[float, float] | None:
    boxes = [b for b in (bounds(s.commands) for s in shapes) if b is not None]
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return ((x0 + x1) / 2.0, (y0 + y1) / 2.0)


def _view_box(reader: _Reader, root: Node) -> tuple[float, float, float, float] | None:
    raw = root.attrs.get("viewBox")
    if raw:
        try:
            x, y, w, h = (float(v) for v in re.split(r"[\s,]+", raw.strip()))
        except ValueError:
            reader.problem(root.line, f"viewBox={raw!r} needs four numbers: x y width height")
            return None
    else:
        x = y = 0.0
        w, h = reader.number(root, "width"), reader.number(root, "height")
    if w <= 0 or h <= 0:
        reader.problem(root.line, "the <svg> element needs a viewBox (or a width and height)")
        return None
    return (x, y, w, h)


def read_drawing(path: Path) -> tuple[Drawing | None, list[Problem]]:
    """Parse and check one animation SVG. (None, problems) when it cannot be animated."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, 1, f"cannot read the drawing: {exc}")]
    try:
        root = parse_xml(text)
    except xml.parsers.expat.ExpatError as exc:
        return None, [Problem(path, exc.lineno or 1, f"SVG does not parse: {exc}")]
    reader = _Reader(path)
    if root.tag != "svg":
        return None, [Problem(path, root.line, "not an SVG file: the top element is not <svg>")]
    view_box = _view_box(reader, root)
    if view_box is None:
        return None, reader.problems
    reader.view_box = view_box
    reader.collect_gradients(root)

    below: list[Shape] = []
    above: list[Shape] = []
    states: list[Node] = []
    fixed: dict[str, tuple[float, float]] = {}
    after_states = False
    for child in root.children:
        child_id = child.attrs.get("id", "")
        if child.tag == "g" and child_id.startswith(STATE_PREFIX):
            if after_states:
                reader.problem(child.line, "state groups must come one after another: move the art "
                                           "between them before or after them")
            states.append(child)
            continue
        if not reader.check_tag(child):
            continue
        if states:
            after_states = True
        shapes: list[Shape] = []
        reader.flatten(child, {}, IDENTITY, 1.0, shapes)
        _collect_fixed(reader, child, fixed)
        if ANCHOR_CLASS not in child.attrs.get("class", "").split():
            (above if states else below).extend(shapes)
    if len(states) < 2:
        reader.problem(root.line, 'an animation needs at least two state groups, <g id="state-...">, '
                                  "one per keyframe")
        return None, reader.problems
    parts = _read_parts(reader, states)
    if parts is None or reader.problems:
        return None, reader.problems
    for part_id in parts.keys() & fixed.keys():
        reader.problem(parts[part_id].lines[0],
                       f"id {part_id!r} is used both in and outside the state groups")
    if reader.problems:
        return None, reader.problems

    names = tuple(s.attrs["id"][len(STATE_PREFIX):] for s in states)
    drawing = Drawing(path, view_box, names, tuple(s.line for s in states), tuple(below), tuple(above),
                      parts, fixed)
    return drawing, reader.problems


def _collect_fixed(reader: _Reader, node: Node, fixed: dict[str, tuple[float, float]],
                   ctm: Matrix = IDENTITY) -> None:
    """The centre of every element with an id outside the state groups (for labels)."""
    quiet = _Reader(reader.path)  # (the element's own problems are reported once, elsewhere)
    quiet.gradients, quiet.view_box = reader.gradients, reader.view_box
    node_id = node.attrs.get("id")
    if node_id:
        shapes: list[Shape] = []
        quiet.flatten(node, {}, ctm, 1.0, shapes)
        centre = _centre(shapes)
        if node_id in fixed:
            reader.problem(node.line, f"duplicate id {node_id!r}")
        elif centre is not None:
            fixed[node_id] = centre
    inner = multiply(ctm, quiet.matrix(node))
    for child in node.children:
        if child.tag == "g" or child.tag in SHAPES:
            _collect_fixed(reader, child, fixed, inner)


def _read_parts(reader: _Reader, states: list[Node]) -> dict[str, Part] | None:
    names = [s.attrs["id"][len(STATE_PREFIX):] for s in states]
    per_state: list[dict[str, tuple[Node, list[Shape]]]] = []
    orders: list[list[str]] = []
    seen_states: set[str] = set()
    for state, name in zip(states, names, strict=True):
        if not ID_PATTERN.match(name):
            reader.problem(state.line, f"state name {name!r} may use only letters, digits and single hyphens")
        if name in seen_states:
            reader.problem(state.line, f"duplicate state {name!r}")
        seen_states.add(name)
        if state.attrs.get("transform") or state.attrs.get("opacity"):
            reader.problem(state.line, "a state group may not have a transform or opacity: put it on the "
                                       "parts inside")
        found: dict[str, tuple[Node, list[Shape]]] = {}
        order: list[str] = []
        for child in state.children:
            if not reader.check_tag(child):
                continue
            part_id = child.attrs.get("id")
            if not part_id:
                reader.problem(child.line, f"every element directly inside state '{name}' needs an id "
                                           "(the same id in every state)")
                continue
            if not ID_PATTERN.match(part_id):
                reader.problem(child.line, f"id {part_id!r} may use only letters, digits and single hyphens")
                continue
            if part_id in found:
                reader.problem(child.line, f"duplicate id {part_id!r} in state '{name}'")
                continue
            shapes: list[Shape] = []
            reader.flatten(child, {}, IDENTITY, 1.0, shapes)
            found[part_id] = (child, shapes)
            order.append(part_id)
        per_state.append(found)
        orders.append(order)
    if reader.problems:
        return None
    first, first_name = per_state[0], names[0]
    for found, name, state in zip(per_state[1:], names[1:], states[1:], strict=True):
        for part_id in first.keys() - found.keys():
            reader.problem(state.line, f"state '{name}' has no part {part_id!r} (state '{first_name}' "
                                       f"has it at line {first[part_id][0].line})")
        for part_id in found.keys() - first.keys():
            reader.problem(found[part_id][0].line, f"part {part_id!r} is not in state '{first_name}': "
                                                   "every state needs the same parts")
    if reader.problems:
        return None
    for order, name, found in zip(orders[1:], names[1:], per_state[1:], strict=True):
        if order != orders[0]:
            moved = next(a for a, b in zip(order, orders[0], strict=True) if a != b)
            reader.problem(found[moved][0].line, f"part {moved!r} is in a different place in state "
                                                 f"'{name}' than in '{first_name}': keep the same order")
    parts: dict[str, Part] = {}
    for part_id in orders[0]:
        node0, shapes0 = first[part_id]
        for found, name in zip(per_state[1:], names[1:], strict=True):
            node, shapes = found[part_id]
            _compare(reader, part_id, (node0, shapes0, first_name), (node, shapes, name))
        entries = [found[part_id] for found in per_state]
        anchor = ANCHOR_CLASS in node0.attrs.get("class", "").split()
        centres = tuple(_centre(shapes) or (0.0, 0.0) for _, shapes in entries)
        parts[part_id] = Part(part_id, tuple(tuple(shapes) for _, shapes in entries),
                              tuple(node.line for node, _ in entries), anchor, centres)
    return None if reader.problems else parts


def _compare(reader: _Reader, part_id: str, a: tuple[Node, list[Shape], str],
             b: tuple[Node, list[Shape], str]) -> None:
    """A part must be drawn the same way in two states: same shapes, commands and paint kinds."""
    node_a, shapes_a, name_a = a
    node_b, shapes_b, _name_b = b
    where = f"state '{name_a}' (line {node_a.line})"
    if node_a.tag != node_b.tag:
        reader.problem(node_b.line,
                       f"part {part_id!r} is a <{node_b.tag}> here but a <{node_a.tag}> in {where}")
        return
    if len(shapes_a) != len(shapes_b):
        reader.problem(node_b.line, f"part {part_id!r} has {len(shapes_b)} shapes here but {len(shapes_a)} "
                                    f"in {where}")
        return
    for sa, sb in zip(shapes_a, shapes_b, strict=True):
        ka, kb = structure(sa.commands), structure(sb.commands)
        if ka != kb:
            if len(ka) != len(kb):
                detail = f"{len(kb)} path commands here, {len(ka)} in {where}"
            else:
                i = next(i for i, (x, y) in enumerate(zip(ka, kb, strict=True)) if x != y)
                detail = f"command {i + 1} is '{kb[i]}' here and '{ka[i]}' in {where}"
            reader.problem(sb.line, f"part {part_id!r}: the path commands differ between states: {detail}")
            continue
        for paint_name in ("fill", "stroke"):
            pa, pb = getattr(sa, paint_name), getattr(sb, paint_name)
            if pa.kind != pb.kind:
                reader.problem(sb.line, f"part {part_id!r}: its {paint_name} is {pb.kind} here and "
                                        f"{pa.kind} in {where} (to fade it, change its opacity)")
            elif pa.gradient is not None and not pa.gradient.same_layout(pb.gradient):
                reader.problem(sb.line, f"part {part_id!r}: its {paint_name} gradient differs in kind, units "
                                        f"or number of stops from the one in {where}")
        if len(sa.dashes) != len(sb.dashes):
            reader.problem(sb.line, f"part {part_id!r}: stroke-dasharray has a different number of values "
                                    f"in {where}")
