"""Diagram files: SVG drawings whose tappable regions carry stable ids.

A region is any SVG element with ``class="region"`` and an ``id``. It is either one
closed shape or a group of shapes (left and right leg, for example). Transforms are
applied by svgelements, so the outlines come back in the drawing's own pixel space,
the same space Qt's SVG renderer draws in. Document order is stacking order: a later
region lies on top of an earlier one.

This module has no Qt: outlines are plain command tuples that the UI turns into
``QPainterPath`` objects.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import json
import marshal
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.domain.drawing_labels import Label, apply_labels, scan_labels
from kiosk.domain.files import SourceError, read_source
from kiosk.domain.problems import Problem

if TYPE_CHECKING:
    import svgelements as se

# ("M", x, y) | ("L", x, y) | ("Q", cx, cy, x, y) | ("C", c1x, c1y, c2x, c2y, x, y) | ("Z",)
Command = tuple[Any, ...]
Parents = Mapping[ET.Element, ET.Element | None]  # element -> its parent

REGION_CLASS = "region"
OVERLAY_CLASS = "overlay"
# A shape inside a region or an overlay that lies on one side of the body (the patient's
# side, whichever way the figure faces): class="side-left" or class="side-right".
SIDE_CLASSES = {"side-left": "left", "side-right": "right"}
# Art that explains the drawing on the diagram screen (the dermatome legend) and is left out of
# the questionnaire's body map, where it would invite a self-diagnosis.
LEGEND_CLASS = "legend"
# An overlay that is drawn above the highlights and the selection outline, not under them
# (a mark where a disc meets a root must not hide under the glow): class="overlay on-top".
ON_TOP_CLASS = "on-top"
# The overlay a view shows whenever a selection lights one side only ("Usually one side").
ONE_SIDE_NOTE = "note-one-side"
SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
MAX_SVG_BYTES = 4_000_000  # the shipped drawings are under 100 KB
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Region:
    id: str
    commands: tuple[Command, ...]
    order: int  # stacking order: higher is on top
    line: int  # line of the element in the SVG file, for messages
    # Outline of the shapes on each side of the body ("left"/"right"), for regions drawn on both.
    sides: dict[str, tuple[Command, ...]] = field(default_factory=dict)

    def side_commands(self, side: str | None) -> tuple[Command, ...]:
        """The outline to light for ``side``: that side's shapes, or all of them."""
        if side is None or side not in self.sides:
            return self.commands
        return self.sides[side]

    def bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of every point in the outline, control points included."""
        xs: list[float] = []
        ys: list[float] = []
        for cmd in self.commands:
            coords = cmd[1:]
            xs.extend(coords[0::2])
            ys.extend(coords[1::2])
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Diagram:
    id: str  # file stem, e.g. "back"
    path: Path
    title: str
    width: float
    height: float
    regions: dict[str, Region] = field(default_factory=dict)
    # Drawing without the overlays (what is shown at rest), as SVG bytes.
    base_svg: bytes = b""
    # Overlays: not tappable, shown only while highlighted; id -> SVG bytes of just it.
    overlays: dict[str, bytes] = field(default_factory=dict)
    # The same for overlays drawn on both sides: id -> {"left": svg, "right": svg}.
    overlay_sides: dict[str, dict[str, bytes]] = field(default_factory=dict)
    # The drawing without overlays and without class="legend" art, and the regions inside it.
    legend_free_svg: bytes = b""
    legend_region_ids: frozenset[str] = frozenset()
    on_top_overlays: frozenset[str] = frozenset()
    # Its visible texts by id, with the words written in the SVG (drawing_labels).
    labels: dict[str, Label] = field(default_factory=dict)

    def overlay_svg(self, overlay_id: str, side: str | None = None) -> bytes:
        return self.overlay_sides.get(overlay_id, {}).get(side or "", self.overlays[overlay_id])

    def without_legend(self) -> Diagram:
        """This drawing as a body map to answer on: no legend, no tappable legend keys."""
        if not self.legend_free_svg:
            return self
        regions = {rid: r for rid, r in self.regions.items() if rid not in self.legend_region_ids}
        return dataclasses.replace(self, base_svg=self.legend_free_svg, regions=regions,
                                   legend_free_svg=b"", legend_region_ids=frozenset())

    def regions_bottom_to_top(self) -> list[Region]:
        return sorted(self.regions.values(), key=lambda r: r.order)

    def ids(self) -> set[str]:
        """Every id this drawing can light up: its regions and its overlays."""
        return set(self.regions) | set(self.overlays)


def _element_lines(svg_text: str) -> dict[str, int]:
    """Line number of every ``id="..."`` attribute, for messages that name a line."""
    lines: dict[str, int] = {}
    for number, text in enumerate(svg_text.splitlines(), start=1):
        for match in re.finditer(r'\bid\s*=\s*"([^"]+)"', text):
            lines.setdefault(match.group(1), number)
    return lines


def _shape_commands(shape: se.Shape) -> list[Command]:
    import svgelements as se

    commands: list[Command] = []
    path = se.Path(shape)
    for seg in path.segments():
        if isinstance(seg, se.Move):
            commands.append(("M", seg.end.x, seg.end.y))
        elif isinstance(seg, se.Close):
            commands.append(("Z",))
        elif isinstance(seg, se.Line):
            commands.append(("L", seg.end.x, seg.end.y))
        elif isinstance(seg, se.QuadraticBezier):
            commands.append(("Q", seg.control.x, seg.control.y, seg.end.x, seg.end.y))
        elif isinstance(seg, se.CubicBezier):
            commands.append(
                ("C", seg.control1.x, seg.control1.y, seg.control2.x, seg.control2.y,
                 seg.end.x, seg.end.y)
            )
        elif isinstance(seg, se.Arc):
            for cubic in seg.as_cubic_curves():
                commands.append(
                    ("C", cubic.control1.x, cubic.control1.y, cubic.control2.x,
                     cubic.control2.y, cubic.end.x, cubic.end.y)
                )
    return commands


def _classes(element: se.SVGElement) -> list[str]:
    own = element.values.get("attributes", {}).get("class", "")
    return own.split() if isinstance(own, str) else []


def _own_classes(element: ET.Element) -> list[str]:
    return element.get("class", "").split()


def _wrapped_copy(element: ET.Element, root: ET.Element, parents: Parents, holder_root: ET.Element) -> None:
    """Append a copy of ``element`` to ``holder_root`` inside copies of its ancestor groups'
    transforms, so it lands where it was drawn."""
    chain = []
    node = parents.get(element)
    while node is not None and node is not root:
        chain.append(node)
        node = parents.get(node)
    holder = holder_root
    for ancestor in reversed(chain):
        wrapper = ET.SubElement(holder, f"{{{SVG_NS}}}g")
        transform = ancestor.get("transform")
        if transform:
            wrapper.set("transform", transform)
        holder = wrapper
    holder.append(copy.deepcopy(element))


def _regions_only(root: ET.Element) -> bytes:
    """The drawing reduced to its tappable regions, in document order.

    svgelements only needs the outlines of the regions; skipping the decoration (most of
    a drawing) makes loading several times faster, which matters for the first frame.
    """
    parents: Parents = {child: parent for parent in root.iter() for child in parent}
    reduced = ET.Element(root.tag, dict(root.attrib))
    for element in root.iter():
        if REGION_CLASS in _own_classes(element) and not any(
            REGION_CLASS in _own_classes(a) for a in _ancestors(element, parents)
        ):
            _wrapped_copy(element, root, parents, reduced)
    return bytes(ET.tostring(reduced, encoding="utf-8"))


def _ancestors(element: ET.Element, parents: Parents) -> list[ET.Element]:
    found = []
    node = parents.get(element)
    while node is not None:
        found.append(node)
        node = parents.get(node)
    return found


def _side_of(classes: list[str]) -> str | None:
    return next((SIDE_CLASSES[c] for c in classes if c in SIDE_CLASSES), None)


def _one_side(element: ET.Element, side: str) -> ET.Element | None:
    """A copy of ``element`` without its parts on the other side (None: nothing is left)."""
    kept = copy.deepcopy(element)
    removed = False
    for node in list(kept.iter()):
        for child in list(node):
            child_side = _side_of(_own_classes(child))
            if child_side is not None and child_side != side:
                node.remove(child)
                removed = True
    return kept if removed else None


def _without_legend(root: ET.Element) -> tuple[bytes, frozenset[str]]:
    """The drawing (overlays already cut) without class="legend" art, and the regions it held."""
    reduced = copy.deepcopy(root)
    inside: set[str] = set()
    found = False
    for node in list(reduced.iter()):
        for child in list(node):
            if LEGEND_CLASS in _own_classes(child):
                inside.update(el.get("id", "") for el in child.iter()
                              if REGION_CLASS in _own_classes(el))
                node.remove(child)
                found = True
    if not found:
        return b"", frozenset()
    return bytes(ET.tostring(reduced, encoding="utf-8")), frozenset(inside - {""})


def _split_overlays(root: ET.Element, path: Path, lines: dict[str, int]
                    ) -> tuple[bytes, dict[str, bytes], dict[str, dict[str, bytes]], frozenset[str],
                               list[Problem]]:
    """Cut ``class="overlay"`` elements out of the drawing.

    Returns the drawing without them, one small SVG per overlay (the root element, its
    <defs> and the overlay inside copies of its ancestor groups, so transforms hold),
    and any problems.
    """
    problems: list[Problem] = []
    parents: dict[ET.Element, ET.Element | None] = {
        child: parent for parent in root.iter() for child in parent}
    found = [el for el in root.iter() if OVERLAY_CLASS in _own_classes(el)]
    overlays: dict[str, bytes] = {}
    overlay_sides: dict[str, dict[str, bytes]] = {}
    on_top: set[str] = set()
    defs = [el for el in root if el.tag in (f"{{{SVG_NS}}}defs", "defs")]
    for element in found:
        overlay_id = element.get("id")
        line = lines.get(overlay_id or "", 1)
        if not overlay_id or not _ID_PATTERN.match(overlay_id):
            problems.append(Problem(path, line, 'an element with class="overlay" needs a valid id'))
            continue
        if overlay_id in overlays:
            problems.append(Problem(path, line, f"duplicate overlay id {overlay_id!r}"))
            continue
        overlays[overlay_id] = _overlay_svg(root, defs, parents, element)
        if ON_TOP_CLASS in _own_classes(element):
            on_top.add(overlay_id)
        for side in SIDE_CLASSES.values():
            part = _one_side(element, side)
            if part is not None:
                parents[part] = parents.get(element)
                overlay_sides.setdefault(overlay_id, {})[side] = _overlay_svg(root, defs, parents, part)
    for element in found:
        parent = parents.get(element)
        if parent is not None:
            parent.remove(element)
    return ET.tostring(root, encoding="utf-8"), overlays, overlay_sides, frozenset(on_top), problems


def _overlay_svg(root: ET.Element, defs: list[ET.Element], parents: Parents, element: ET.Element) -> bytes:
    """The root element, its <defs> and ``element`` inside copies of its ancestor groups."""
    single = ET.Element(root.tag, dict(root.attrib))
    for d in defs:
        single.append(copy.deepcopy(d))
    _wrapped_copy(element, root, parents, single)
    return bytes(ET.tostring(single, encoding="utf-8"))


def load_diagram(path: Path, words: Mapping[str, str] | None = None) -> tuple[Diagram | None, list[Problem]]:
    """Parse one SVG, its labels showing ``words`` (label id -> text in the language shown; a
    label without words keeps the SVG's). Returns (None, problems) when the file cannot be used."""
    try:
        text = read_source(path, MAX_SVG_BYTES)
    except SourceError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 1
        return None, [Problem(path, line, f"SVG does not parse: {exc}")]
    if not root.tag.endswith("svg"):
        return None, [Problem(path, 1, "not an SVG file: the top element is not <svg>")]
    labels, label_problems = scan_labels(text, path)
    apply_labels(root, words or {})
    import svgelements as se  # here, not at the top: a start-up that finds its cache skips it

    try:
        svg = se.SVG.parse(io.BytesIO(_regions_only(root)), reify=True)
    except Exception as exc:  # svgelements raises many kinds on odd input
        return None, [Problem(path, 1, f"SVG does not parse: {exc}")]

    problems: list[Problem] = []
    lines = _element_lines(text)
    title_el = root.find("{http://www.w3.org/2000/svg}title")
    if title_el is None:
        title_el = root.find("title")
    title = (title_el.text or "").strip() if title_el is not None else path.stem
    width = float(svg.width or 0)
    height = float(svg.height or 0)
    if width <= 0 or height <= 0:
        problems.append(Problem(path, 1, "the <svg> element needs a width and height"))

    regions: dict[str, Region] = {}
    for order, element in enumerate(svg.elements()):
        if REGION_CLASS not in _classes(element):
            continue
        region_id = element.id
        line = lines.get(region_id or "", 1)
        if not region_id:
            problems.append(Problem(path, line, 'an element with class="region" has no id'))
            continue
        if not _ID_PATTERN.match(region_id):
            problems.append(Problem(path, line, f"region id {region_id!r} is not a valid id"))
            continue
        if region_id in regions:
            problems.append(Problem(path, line, f"duplicate region id {region_id!r}"))
            continue
        if isinstance(element, se.Group):
            shapes = [e for e in element.select() if isinstance(e, se.Shape)]
        elif isinstance(element, se.Shape):
            shapes = [element]
        else:
            shapes = []
        commands: list[Command] = []
        sides: dict[str, list[Command]] = {}
        for shape in shapes:
            shape_commands = _shape_commands(shape)
            commands.extend(shape_commands)
            side = _side_of(_classes(shape))
            if side is not None:
                sides.setdefault(side, []).extend(shape_commands)
        if not any(cmd[0] != "M" and cmd[0] != "Z" for cmd in commands):
            problems.append(Problem(path, line, f"region {region_id!r} has no shape to tap"))
            continue
        regions[region_id] = Region(region_id, tuple(commands), order, line,
                                    {side: tuple(c) for side, c in sides.items()})

    if not regions and not problems:
        problems.append(Problem(path, 1, 'the diagram has no tappable regions (class="region")'))
    base_svg, overlays, overlay_sides, on_top, found = _split_overlays(root, path, lines)
    problems.extend(found)
    legend_free_svg, legend_regions = _without_legend(root)
    for overlay_id in overlays.keys() & regions.keys():
        problems.append(Problem(path, lines.get(overlay_id, 1),
                                f"{overlay_id!r} is used both as a region and as an overlay"))
    diagram = Diagram(path.stem, path, title or path.stem, width, height, regions, base_svg, overlays,
                      overlay_sides, legend_free_svg, legend_regions, on_top, labels)
    return diagram, problems + label_problems


Words = Mapping[str, Mapping[str, str]]  # drawing id -> label id -> text


def load_diagrams(directory: Path, cache_dir: Path | None = None,
                  labels: Words | None = None) -> tuple[list[Diagram], list[Problem]]:
    """Every diagram of ``directory``, its labels in the words of ``labels`` (drawing id -> label
    id -> text: a language's ``[drawings]``). With a ``cache_dir``, a drawing that parsed without
    problems before, with the same words, is read back from there instead of parsed again
    (see ``DiagramCache``)."""
    diagrams: list[Diagram] = []
    problems: list[Problem] = []
    files = sorted(directory.glob("*.svg")) if directory.is_dir() else []
    if not files:
        problems.append(Problem(directory, 1, "no SVG diagrams found in this folder"))
    cache = DiagramCache(cache_dir) if cache_dir is not None else None
    for svg_path in files:
        words = (labels or {}).get(svg_path.stem, {})
        diagram = cache.get(svg_path, words) if cache is not None else None
        if diagram is None:
            diagram, found = load_diagram(svg_path, words)
            problems.extend(found)
            if diagram is not None and not found and cache is not None:
                cache.put(svg_path, diagram, words)
        if diagram is not None:
            diagrams.append(diagram)
    if cache is not None:
        cache.prune()
    return diagrams, problems


def _code_stamp() -> bytes:
    """What the cached results depend on besides the drawing: this parser and Python's
    marshal format. From source, this module's own text; frozen, the kiosk's version."""
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        from kiosk import __version__

        code = __version__.encode()
    return code + sys.version.encode()


class DiagramCache:
    """Parsed drawings on disk, keyed by the SVG's bytes, the words put into its labels (so
    one language's drawing is never read back for another) and the parser's code.

    Parsing the outlines (svgelements) and splitting out the overlays is most of the time a
    start-up spends on content (about 125 ms for the five drawings here); reading the result
    back takes a few. Entries are ``marshal`` data of plain values (no code is run to read
    them). Anything wrong with an entry (unreadable, truncated, another format) counts as a
    miss: the drawing is parsed again and the entry rewritten. Drawings with problems are
    never cached, so every problem is found afresh each time.
    """

    KEEP = 32  # entries kept, newest first: a few content folders' worth of drawings
    _stamp: bytes | None = None

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _key(self, data: bytes, words: Mapping[str, str]) -> str:
        if DiagramCache._stamp is None:
            DiagramCache._stamp = _code_stamp()
        labels = json.dumps(sorted(words.items()), ensure_ascii=False).encode()
        return hashlib.sha256(DiagramCache._stamp + b"\0" + labels + b"\0" + data).hexdigest()[:40]

    def _entry(self, path: Path, words: Mapping[str, str]) -> tuple[Path, bytes] | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return self.folder / f"{self._key(data, words)}.marshal", data

    def get(self, path: Path, words: Mapping[str, str] | None = None) -> Diagram | None:
        entry = self._entry(path, words or {})
        if entry is None:
            return None
        try:
            values = marshal.loads(entry[0].read_bytes())
            diagram = _from_plain(path, values)
            os.utime(entry[0])  # recently used: kept by prune()
        except Exception:  # a damaged entry is a miss, never a failure
            return None
        return diagram

    def put(self, path: Path, diagram: Diagram, words: Mapping[str, str] | None = None) -> None:
        entry = self._entry(path, words or {})
        if entry is None:
            return
        target = entry[0]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = target.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(marshal.dumps(_to_plain(diagram)))
            os.replace(temp, target)
        except (OSError, ValueError):  # read-only or full disk, an unexpected value: no cache
            return

    def prune(self) -> None:
        try:
            entries = sorted(self.folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[self.KEEP:]:
                old.unlink()
        except OSError:
            return


def _to_plain(diagram: Diagram) -> tuple[Any, ...]:
    regions = tuple((r.id, r.commands, r.order, r.line, r.sides) for r in diagram.regions.values())
    labels = tuple((label.id, label.words, label.line) for label in diagram.labels.values())
    return (2, diagram.title, diagram.width, diagram.height, regions, diagram.base_svg,
            diagram.overlays, diagram.overlay_sides, diagram.legend_free_svg,
            tuple(sorted(diagram.legend_region_ids)), tuple(sorted(diagram.on_top_overlays)), labels)


def _from_plain(path: Path, values: tuple[Any, ...]) -> Diagram:
    (version, title, width, height, regions, base_svg, overlays, overlay_sides, legend_free_svg,
     legend_ids, on_top, labels) = values
    if version != 2:
        raise ValueError("another cache format")
    return Diagram(path.stem, path, title, width, height,
                   {rid: Region(rid, commands, order, line, sides)
                    for rid, commands, order, line, sides in regions},
                   base_svg, overlays, overlay_sides, legend_free_svg, frozenset(legend_ids),
                   frozenset(on_top), {lid: Label(lid, words, line) for lid, words, line in labels})
