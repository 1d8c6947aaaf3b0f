"""Helpers for driving the diagram like a finger or a mouse would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

_TOUCH_DEVICE = None


def touch_device():
    global _TOUCH_DEVICE
    if _TOUCH_DEVICE is None:
        _TOUCH_DEVICE = QTest.createTouchDevice()
    return _TOUCH_DEVICE


_INSIDE: dict[tuple, QPointF | None] = {}


def inside_point(view, region_id: str, margin: float = 4.0) -> QPointF | None:
    """A scene point well inside ``region_id``'s shape where it is the topmost region.

    Found once per drawing (its SVG, and the side each region lights now: both decide
    which region a point hits), then remembered: many tests tap the same few regions."""
    sides = tuple(view.lit_item(r).side for r in view.region_ids())
    key = (hash(view.diagram.base_svg), tuple(view.region_ids()), sides, region_id, margin)
    if key not in _INSIDE:
        found = _find_inside_point(view, region_id, margin)
        _INSIDE[key] = None if found is None else QPointF(found)
    found = _INSIDE[key]
    return None if found is None else QPointF(found)


def _find_inside_point(view, region_id: str, margin: float) -> QPointF | None:
    path = view.region_shape(region_id)
    rect = path.boundingRect()
    steps = 40
    centre = rect.center()
    grid = []
    for ix in range(1, steps):
        for iy in range(1, steps):
            p = QPointF(rect.left() + rect.width() * ix / steps, rect.top() + rect.height() * iy / steps)
            grid.append(((p - centre).manhattanLength(), ix, iy, p))
    grid.sort(key=lambda g: g[:3])  # nearest the centre first (ties in grid order)
    for _dist, _ix, _iy, p in grid:
        probes = [p, p + QPointF(margin, 0), p - QPointF(margin, 0), p + QPointF(0, margin),
                  p - QPointF(0, margin)]
        if all(view.region_at(q) == region_id for q in probes):
            return p
    return None


def outside_shape_point(view, region_id: str, margin: float = 6.0) -> QPointF | None:
    """A point inside ``region_id``'s bounding box but outside its shape and every region."""
    path = view.region_shape(region_id)
    rect = path.boundingRect()
    steps = 30
    for ix in range(1, steps):
        for iy in range(1, steps):
            p = QPointF(rect.left() + rect.width() * ix / steps, rect.top() + rect.height() * iy / steps)
            probes = [p, p + QPointF(margin, 0), p - QPointF(margin, 0), p + QPointF(0, margin),
                      p - QPointF(0, margin)]
            if all(view.region_at(q) is None for q in probes):
                return p
    return None


def empty_point(view) -> QPointF:
    rect = view.sceneRect()
    for fx, fy in ((0.01, 0.01), (0.99, 0.01), (0.01, 0.99), (0.5, 0.01)):
        p = QPointF(rect.left() + rect.width() * fx, rect.top() + rect.height() * fy)
        if view.region_at(p) is None:
            return p
    raise AssertionError("no empty corner in the diagram")


def to_viewport(view, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def mouse_tap(view, scene_point: QPointF) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     to_viewport(view, scene_point))


def touch_tap(view, scene_point: QPointF) -> None:
    pos = to_viewport(view, scene_point)
    seq = QTest.touchEvent(view.viewport(), touch_device())
    seq.press(0, pos, view.viewport())
    seq.commit()
    seq = QTest.touchEvent(view.viewport(), touch_device())
    seq.release(0, pos, view.viewport())
    seq.commit()


def compare_pages():
    """Treatment pages with a ``[compare]`` table (tests/fixtures/compare), by id: a lookup
    for the questionnaire's "Compare your options" (``pages=``)."""
    from pathlib import Path
    from types import SimpleNamespace

    from kiosk.domain.content import split_front_matter

    pages = {}
    for path in sorted((Path(__file__).parent / "fixtures" / "compare").glob("*.md")):
        raw, problems = split_front_matter(path, path.read_text(encoding="utf-8"))
        assert raw is not None and not problems, problems
        meta = raw.meta
        pages[meta["id"]] = SimpleNamespace(id=meta["id"], title=meta["title"], compare=dict(meta["compare"]))
    return pages
