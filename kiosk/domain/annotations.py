"""A clinician's pen strokes on a picture, their undo history, and the drawings file (no Qt).

Strokes are kept in the picture's own (scene) coordinates: the units of the drawing's SVG
``viewBox`` for a diagram view, or of the animation's sheet. They stay on the anatomy
whatever the zoom or the window size. Each stroke has a colour *name* (the screens map it
to the theme's colour), a width in scene units, a highlighter flag, and points that may
carry the stylus pressure (0..1).

Privacy: a :class:`Sketch` lives in memory only. Nothing here writes a file unless
:func:`save_annotations` is called (the clinician saves, or a test does).

The drawings file is JSON; its format is described in ``docs/annotations.md``.
:func:`load_annotations` reports every problem of a file with its line and key, as
``FILE:LINE: strokes[2].points[5]: message``.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain.files import SourceError, decode, read_bytes
from kiosk.domain.problems import Problem

FORMAT = "spine-kiosk-annotations"
VERSION = 1
COLOURS = ("blue", "red", "green", "black", "yellow")  # the theme has a colour for each name
MIN_WIDTH, MAX_WIDTH = 0.5, 200.0  # scene units
MAX_STROKES = 5000
MAX_POINTS = 20000  # per stroke
MAX_FILE_BYTES = 20 * 1024 * 1024
COORD_LIMIT = 1e6  # a point further out than this is a mistake, not a drawing


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    pressure: float | None = None  # 0..1 from a stylus; None: a finger or a mouse


@dataclass(frozen=True, eq=False)  # compared by identity: two equal strokes are still two strokes
class Stroke:
    points: tuple[Point, ...]
    colour: str = "blue"
    width: float = 6.0
    highlighter: bool = False

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the points, widened by half the width."""
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        half = self.width / 2
        return min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half

    def near(self, x: float, y: float, radius: float) -> bool:
        """True when (x, y) is within ``radius`` of the stroke's line (its width counted)."""
        reach = radius + self.width / 2
        points = self.points
        if len(points) == 1:
            return math.hypot(points[0].x - x, points[0].y - y) <= reach
        return any(_segment_distance(a, b, x, y) <= reach for a, b in itertools.pairwise(points))


def _segment_distance(a: Point, b: Point, x: float, y: float) -> float:
    dx, dy = b.x - a.x, b.y - a.y
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - a.x) * dx + (y - a.y) * dy) / length))
    return math.hypot(a.x + t * dx - x, a.y + t * dy - y)


@dataclass
class _Step:
    """One undoable change: strokes added and strokes removed (with where they were)."""

    added: list[Stroke] = field(default_factory=list)
    removed: list[tuple[int, Stroke]] = field(default_factory=list)


class Sketch:
    """The strokes on one picture, with undo and redo.

    Every change (a stroke drawn, strokes erased, the picture cleared) is one step that
    :meth:`undo` takes back and :meth:`redo` puts again; a new change drops the redo steps.
    Listeners (``on_change``) are called after every change with no arguments.
    """

    def __init__(self, strokes: list[Stroke] | None = None):
        self._strokes: list[Stroke] = list(strokes or [])
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self.listeners: list[Callable[[], None]] = []

    @property
    def strokes(self) -> tuple[Stroke, ...]:
        return tuple(self._strokes)

    def __len__(self) -> int:
        return len(self._strokes)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def add(self, stroke: Stroke) -> None:
        self._do(_Step(added=[stroke]))

    def erase(self, strokes: Iterable[Stroke]) -> bool:
        """Remove ``strokes`` (those still on the picture) as one step. False: nothing to erase."""
        gone = [(i, s) for i, s in enumerate(self._strokes) if any(s is t for t in strokes)]
        if not gone:
            return False
        self._do(_Step(removed=gone))
        return True

    def clear(self) -> bool:
        """Remove every stroke as one step (undo brings them all back). False: already empty."""
        if not self._strokes:
            return False
        self._do(_Step(removed=list(enumerate(self._strokes))))
        return True

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        self._apply(step, forward=False)
        self._redo.append(step)
        self._changed()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        step = self._redo.pop()
        self._apply(step, forward=True)
        self._undo.append(step)
        self._changed()
        return True

    def forget(self) -> None:
        """Drop every stroke and the whole history (the next patient): nothing to undo."""
        self._strokes.clear()
        self._undo.clear()
        self._redo.clear()
        self._changed()

    def _do(self, step: _Step) -> None:
        self._apply(step, forward=True)
        self._undo.append(step)
        self._redo.clear()
        self._changed()

    def _apply(self, step: _Step, forward: bool) -> None:
        if forward:
            for index, _stroke in sorted(step.removed, key=lambda r: r[0], reverse=True):
                del self._strokes[index]
            self._strokes.extend(step.added)
        else:
            for stroke in step.added:
                self._strokes = [s for s in self._strokes if s is not stroke]
            for index, stroke in sorted(step.removed, key=lambda r: r[0]):
                self._strokes.insert(index, stroke)

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()


@dataclass(frozen=True)
class Annotations:
    """What a drawings file holds: the strokes and, if it says, the view they were drawn on."""

    strokes: tuple[Stroke, ...] = ()
    view: str | None = None


# -- the file ------------------------------------------------------------------------------

def _number(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def to_json(strokes: Iterable[Stroke], view: str | None = None) -> str:
    """The drawings file for ``strokes`` (see docs/annotations.md): one stroke per line."""
    lines = []
    for stroke in strokes:
        points = []
        for p in stroke.points:
            point = [_number(p.x), _number(p.y)]
            if p.pressure is not None:
                point.append(_number(p.pressure))
            points.append(point)
        entry = {"colour": stroke.colour, "width": _number(stroke.width), "highlighter": stroke.highlighter,
                 "points": points}
        lines.append("    " + json.dumps(entry, separators=(", ", ": ")))
    head = {"format": FORMAT, "version": VERSION}
    if view is not None:
        head["view"] = view
    head_text = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items())
    body = ",\n".join(lines)
    strokes_text = f'"strokes": [\n{body}\n  ]' if lines else '"strokes": []'
    return "{\n" + head_text + ",\n  " + strokes_text + "\n}\n"


def save_annotations(path: Path, strokes: Iterable[Stroke], view: str | None = None) -> None:
    Path(path).write_text(to_json(strokes, view), encoding="utf-8")


def _key_lines(text: str) -> dict[str, int]:
    """Each JSON pointer of ``text`` -> the 1-based line of its key (of its value for array
    items and the root). json_source_map ships no type hints: this is the one place it is used,
    so its untyped values are turned into plain ints here."""
    import json_source_map

    lines: dict[str, int] = {}
    for pointer, entry in json_source_map.calculate(text).items():
        start = entry.key_start or entry.value_start
        lines[str(pointer)] = int(start.line) + 1
    return lines


class _Checker:
    """Builds the strokes from parsed JSON, noting each problem at its key's line."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.problems: list[Problem] = []
        try:
            self._lines = _key_lines(text)
        except Exception:  # the map is only for line numbers: without it, line 1
            self._lines = {}

    def line(self, pointer: str) -> int:
        return self._lines.get(pointer, 1)

    def note(self, pointer: str, where: str, message: str) -> None:
        text = f"{where}: {message}" if where else message
        self.problems.append(Problem(self.path, self.line(pointer), text))

    def annotations(self, data: object) -> Annotations:
        if not isinstance(data, dict):
            self.note("", "", f'must be a JSON object {{"format": "{FORMAT}", "version": {VERSION}, '
                              '"strokes": [...]}')
            return Annotations()
        for key in data:
            if key not in ("format", "version", "view", "strokes"):
                self.note(f"/{_escape(key)}", key, "unknown key (keys: format, version, view, strokes)")
        if data.get("format") != FORMAT:
            self.note("/format", "format", f'must be "{FORMAT}"' +
                      ("" if "format" in data else " (the key is missing)"))
        version = data.get("version")
        if version != VERSION or isinstance(version, bool):
            self.note("/version", "version", f"must be {VERSION}" +
                      ("" if "version" in data else " (the key is missing)"))
        view = data.get("view")
        if view is not None and (not isinstance(view, str) or not view.strip()):
            self.note("/view", "view", 'must be the name of a drawing, e.g. "back"')
            view = None
        strokes = data.get("strokes")
        if not isinstance(strokes, list):
            self.note("/strokes" if "strokes" in data else "", "strokes",
                      "must be a list of strokes" + ("" if "strokes" in data else " (the key is missing)"))
            return Annotations((), view)
        if len(strokes) > MAX_STROKES:
            self.note("/strokes", "strokes", f"has {len(strokes)} strokes; at most {MAX_STROKES} are read")
            strokes = strokes[:MAX_STROKES]
        built = [self.stroke(i, s) for i, s in enumerate(strokes)]
        return Annotations(tuple(s for s in built if s is not None), view)

    def stroke(self, index: int, data: object) -> Stroke | None:
        pointer, where = f"/strokes/{index}", f"strokes[{index}]"
        if not isinstance(data, dict):
            self.note(pointer, where, 'must be an object with "colour", "width" and "points"')
            return None
        ok = True
        for key in data:
            if key not in ("colour", "width", "highlighter", "points"):
                self.note(f"{pointer}/{_escape(key)}", f"{where}.{key}",
                          "unknown key (keys: colour, width, highlighter, points)")
        colour = data.get("colour", "blue")
        if colour not in COLOURS:
            self.note(f"{pointer}/colour", f"{where}.colour",
                      f"must be one of {', '.join(COLOURS)}, not {json.dumps(colour)[:40]}")
            ok = False
        width = data.get("width", 6)
        if not _real(width) or not MIN_WIDTH <= width <= MAX_WIDTH:
            self.note(f"{pointer}/width", f"{where}.width",
                      f"must be a number from {MIN_WIDTH} to {MAX_WIDTH:g} (scene units)")
            ok = False
        highlighter = data.get("highlighter", False)
        if not isinstance(highlighter, bool):
            self.note(f"{pointer}/highlighter", f"{where}.highlighter", "must be true or false")
            ok = False
        points = data.get("points")
        if not isinstance(points, list) or not points:
            self.note(f"{pointer}/points" if "points" in data else pointer, f"{where}.points",
                      "must be a list of one or more points [x, y] or [x, y, pressure]")
            return None
        if len(points) > MAX_POINTS:
            self.note(f"{pointer}/points", f"{where}.points",
                      f"has {len(points)} points; at most {MAX_POINTS}")
            return None
        built = []
        for j, point in enumerate(points):
            made = self.point(f"{pointer}/points/{j}", f"{where}.points[{j}]", point)
            if made is None:
                ok = False
            else:
                built.append(made)
        if not ok:
            return None
        return Stroke(tuple(built), colour, float(width), highlighter)

    def point(self, pointer: str, where: str, data: object) -> Point | None:
        if (not isinstance(data, list) or len(data) not in (2, 3) or not all(_real(v) for v in data)
                or any(abs(v) > COORD_LIMIT for v in data[:2])):
            self.note(pointer, where, f"must be [x, y] or [x, y, pressure]: numbers, x and y within "
                                      f"±{COORD_LIMIT:g}")
            return None
        pressure = None
        if len(data) == 3:
            if not 0 <= data[2] <= 1:
                self.note(pointer, where, "the pressure (third number) must be from 0 to 1")
                return None
            pressure = float(data[2])
        return Point(float(data[0]), float(data[1]), pressure)


def _real(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _escape(key: str) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def parse_annotations(path: Path, text: str) -> tuple[Annotations, list[Problem]]:
    """The strokes in ``text`` (a drawings file's contents) and every problem found."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Annotations(), [Problem(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]
    except RecursionError:
        return Annotations(), [Problem(path, 1, "not valid JSON: nested too deeply")]
    checker = _Checker(path, text)
    found = checker.annotations(data)
    return found, sorted(checker.problems, key=lambda p: p.line)


def load_annotations(path: Path) -> tuple[Annotations, list[Problem]]:
    """Read a drawings file. Never raises: an unreadable file is one problem."""
    path = Path(path)
    try:
        text = decode(read_bytes(path, MAX_FILE_BYTES))
    except SourceError as exc:
        return Annotations(), [Problem(path, exc.line, str(exc))]
    return parse_annotations(path, text)
