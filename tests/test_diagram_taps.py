"""Tapping the diagram: exact shapes, topmost wins, highlights follow the content links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from kiosk.domain.anatomy import highlight_ids
from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.shell import NavState, Screen
from tests.uihelpers import empty_point, inside_point, mouse_tap, outside_shape_point, touch_tap

REQUIRED_REGIONS = [
    *(f"vertebra-L{n}" for n in range(1, 6)),
    "sacrum",
    "disc-L1-L2", "disc-L2-L3", "disc-L3-L4", "disc-L4-L5", "disc-L5-S1",
    "root-L4", "root-L5", "root-S1",
    "nerve-sciatic", "area-buttock", "area-thigh-back", "area-calf-outer", "area-sole",
]


def _every_region():
    content, _ = load_content(default_content_dir(), "en")
    return [(d.id, rid) for d in content.diagrams for rid in sorted(d.regions)]


EVERY_REGION = _every_region()


@pytest.fixture
def diagram_window(make_window):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM))
    return window


@pytest.fixture
def home_window(shared_window):
    """The module's window, back at Home and then on the diagram screen."""
    shared_window.go_home()
    shared_window.navigate(NavState(Screen.DIAGRAM))
    return shared_window


def test_the_diagram_has_every_required_region(shipped):
    assert set(REQUIRED_REGIONS) <= shipped.region_ids()


@pytest.mark.parametrize("tap", [mouse_tap, touch_tap], ids=["mouse", "touch"])
@pytest.mark.parametrize(("diagram_id", "region_id"), EVERY_REGION, ids=[f"{d}:{r}" for d, r in EVERY_REGION])
def test_tap_inside_a_region_selects_it_and_its_links(home_window, shipped, diagram_id, region_id, tap):
    """(One window for all of them: each tap follows the last one's visit, after Start over.)"""
    diagram_window = home_window
    screen = diagram_window.diagram
    view = screen.view_named(diagram_id)
    screen.show_view(screen.views.index(view))
    assert screen.view is view
    point = inside_point(view, region_id)
    assert point is not None, f"{region_id} has no tappable point of its own in {diagram_id}"
    tap(view, point)
    lit = frozenset(highlight_ids(shipped, region_id))
    assert view.selected == region_id
    assert screen.highlighted == lit
    assert view.highlighted == lit & set(view.region_ids())
    assert screen.view is view  # tapping never switches the drawing
    assert screen.panel.current_id == region_id
    assert screen.panel.title() == shipped.get(region_id).title
    assert diagram_window.state == NavState(Screen.DIAGRAM, region_id)


def test_highlight_set_equals_the_content_links(diagram_window, shipped):
    view = diagram_window.diagram.view
    mouse_tap(view, inside_point(view, "disc-L4-L5"))
    expected = {"disc-L4-L5", *shipped.get("disc-L4-L5").links.regions}
    screen = diagram_window.diagram
    assert set(screen.highlighted) == expected
    assert "root-L5" in expected  # the L4-L5 disc usually presses on the L5 root
    screen.finish_animations()
    for each in screen.views:
        # a disc lights one side only, and every drawing that has the note says "usually one side"
        shown = (expected | {"note-one-side"}) & each.diagram.ids()
        assert each.lit_regions() | each.lit_overlays() == shown, each.diagram.id


def test_tap_in_bounding_box_but_outside_shape_selects_nothing(diagram_window):
    view = diagram_window.diagram.view
    checked = []
    for region_id in ("nerve-sciatic", "area-buttock", "area-heel", "root-L5", "sacrum"):
        point = outside_shape_point(view, region_id)
        if point is None:
            continue
        assert view.region_shape(region_id).boundingRect().contains(point)
        assert not view.region_shape(region_id).contains(point)
        mouse_tap(view, inside_point(view, "vertebra-L3"))
        mouse_tap(view, point)
        assert view.selected is None, f"a tap outside {region_id}'s shape selected {view.selected}"
        checked.append(region_id)
    assert checked, "no region has a bounding box larger than its shape"


def _overlap_point(view):
    """(lower id, upper id, point) where two regions overlap and the upper one is on top."""
    items = sorted(view._items.values(), key=lambda i: i.zValue())
    for lower_index, lower in enumerate(items):
        for upper in items[lower_index + 1 :]:
            common = lower.path().intersected(upper.path())
            if common.isEmpty():
                continue
            rect = common.boundingRect()
            for ix in range(1, 30):
                for iy in range(1, 30):
                    p = QPointF(rect.left() + rect.width() * ix / 30, rect.top() + rect.height() * iy / 30)
                    if lower.path().contains(p) and view.region_at(p) == upper.region_id:
                        return lower.region_id, upper.region_id, p
    return None


def test_topmost_region_wins_where_regions_overlap(diagram_window):
    view = diagram_window.diagram.view
    found = _overlap_point(view)
    assert found, "the drawing should layer the nerve over the skin areas"
    lower_id, upper_id, point = found
    mouse_tap(view, point)
    assert view.selected == upper_id != lower_id


@pytest.mark.parametrize("tap", [mouse_tap, touch_tap], ids=["mouse", "touch"])
def test_tapping_empty_space_clears(diagram_window, tap):
    view = diagram_window.diagram.view
    tap(view, inside_point(view, "root-S1"))
    assert view.selected == "root-S1"
    tap(view, empty_point(view))
    assert view.selected is None
    assert view.highlighted == frozenset()
    assert view.lit_regions() == frozenset()
    assert diagram_window.diagram.panel.current_id is None


def test_a_drag_is_not_a_tap(diagram_window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view = diagram_window.diagram.view
    start = view.mapFromScene(inside_point(view, "sacrum"))
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    end = start + type(start)(200, 0)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert view.selected is None


def test_highlight_glows_in_with_an_animation(make_window, qtbot):
    window = make_window(reduce_motion=False)
    window.navigate(NavState(Screen.DIAGRAM))
    view = window.diagram.view
    mouse_tap(view, inside_point(view, "disc-L5-S1"))
    entering = [view.lit_item(i) for i in view.highlighted - {"disc-L5-S1"}]
    entering.append(view.selection_item("disc-L5-S1"))
    assert all(item.opacity() < 0.5 for item in entering)
    qtbot.waitUntil(lambda: all(item.opacity() == 1.0 for item in entering), timeout=2000)


def test_back_returns_to_the_previous_selection_and_home_clears(diagram_window):
    view = diagram_window.diagram.view
    mouse_tap(view, inside_point(view, "disc-L4-L5"))
    mouse_tap(view, inside_point(view, "root-L5"))
    diagram_window.back_button.click()
    assert view.selected == "disc-L4-L5"
    diagram_window.home_button.click()
    assert diagram_window.state.screen is Screen.HOME
    assert diagram_window.history == []


def test_the_diagram_scales_with_the_window(make_window):
    small = make_window(size=(1024, 640))
    small.navigate(NavState(Screen.DIAGRAM))
    big = make_window(size=(1920, 1080))
    big.navigate(NavState(Screen.DIAGRAM))
    for window in (small, big):
        view = window.diagram.view
        fit = min(view.viewport().width() / view.sceneRect().width(),
                  view.viewport().height() / view.sceneRect().height())
        assert abs(view.transform().m11() - fit) < 0.01  # the drawing fills its pane
    assert big.diagram.view.transform().m11() > small.diagram.view.transform().m11()
    # taps still hit exact shapes at the smaller size
    view = small.diagram.view
    mouse_tap(view, inside_point(view, "disc-L5-S1"))
    assert view.selected == "disc-L5-S1"


def test_a_region_lit_on_one_side_still_answers_taps_on_both(home_window):
    """Lighting one side of a root or an area (a disc presses on one side) must not leave the
    other side deaf to taps afterwards."""
    checked = 0
    for view in home_window.diagram.views:
        for region in view.diagram.regions.values():
            if not region.sides:
                continue
            rect = view.region_shape(region.id).boundingRect()
            grid = [QPointF(rect.left() + rect.width() * i / 16, rect.top() + rect.height() * j / 16)
                    for i in range(1, 16) for j in range(1, 16)]
            before = [p for p in grid if view.region_at(p) == region.id]
            for side in region.sides:
                view.set_highlight(None, [region.id], side)
                assert view.lit_item(region.id).side == side
                view.set_highlight(None, ())
                assert [p for p in grid if view.region_at(p) == region.id] == before, (region.id, side)
            checked += 1
    assert checked >= 10
