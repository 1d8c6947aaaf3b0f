"""The drawings teach the disc-to-root lesson the right way round, asserted on their geometry.

Facts (clinical-facts sections 1-3): a disc bulging back and to the side presses on the root
that passes down behind it (L4-L5 -> L5, L5-S1 -> S1), which leaves below its own pedicle;
a typical herniation affects one side; L2-L4 form the femoral nerve at the front of the
thigh; the common peroneal nerve winds round the top of the fibula just below the knee to
the front-outer leg.
"""

from __future__ import annotations

import io

import pytest
import svgelements as se
from PySide6.QtCore import QPointF, QRectF

from kiosk.domain.anatomy import explain
from kiosk.ui.diagram_view import commands_path
from kiosk.ui.shell import NavState, Screen

# disc -> (the root passing down behind it, the root leaving above it at that level)
TRAVERSING = {
    "disc-L3-L4": ("root-L4", "root-L3"),
    "disc-L4-L5": ("root-L5", "root-L4"),
    "disc-L5-S1": ("root-S1", "root-L5"),
}


def _views(shipped):
    return {d.id: d for d in shipped.diagrams}


def _side_path(diagram, region_id, side="left"):
    return commands_path(diagram.regions[region_id].side_commands(side))


def _path(diagram, region_id):
    return commands_path(diagram.regions[region_id].commands)


@pytest.mark.parametrize(("disc", "roots"), TRAVERSING.items())
@pytest.mark.parametrize("view", ["back", "side"])
def test_the_root_a_disc_presses_on_passes_behind_it_not_the_exiting_one(shipped, view, disc, roots):
    diagram = _views(shipped)[view]
    traversing, exiting = roots
    disc_shape = _path(diagram, disc)
    if exiting in diagram.regions:
        assert not _side_path(diagram, exiting).intersects(disc_shape), f"{exiting} crosses {disc}"
    if traversing in diagram.regions:
        assert _side_path(diagram, traversing).intersects(disc_shape), f"{traversing} misses {disc}"


def test_the_l5_root_crosses_the_l4_l5_disc_box_and_leaves_below_the_l5_vertebra(shipped):
    back = _views(shipped)["back"]
    disc_box = _path(back, "disc-L4-L5").boundingRect()
    root = _side_path(back, "root-L5")
    assert root.intersects(QRectF(disc_box))
    l5_bone = _path(back, "vertebra-L5").boundingRect()
    # it comes out at the side below the L5 bone's top half (under its pedicle) ...
    below_pedicle = QRectF(l5_bone.left() - 60, l5_bone.center().y(), 60, l5_bone.height())
    assert root.intersects(below_pedicle)
    # ... and never passes the side of the L4 bone, one level up
    l4_side = QRectF(_path(back, "vertebra-L4").boundingRect())
    l4_side.setRight(l4_side.left())
    l4_side.setLeft(l4_side.left() - 60)
    assert not root.intersects(l4_side)


def test_vertebrae_grow_from_l1_to_l5_and_healthy_discs_stay_inside_the_bone_edges(shipped):
    back = _views(shipped)["back"]
    boxes = [_path(back, f"vertebra-L{n}").boundingRect() for n in range(1, 6)]
    widths = [b.width() for b in boxes]
    heights = [b.height() for b in boxes]
    assert widths == sorted(widths) and len(set(widths)) == 5
    assert heights == sorted(heights)
    assert all(w > h for w, h in zip(widths, heights, strict=True))  # wider than tall
    discs = ("L1-L2", "L2-L3", "L3-L4", "L4-L5")
    for upper, lower, disc in zip(range(1, 5), range(2, 6), discs, strict=True):
        box = _path(back, f"disc-{disc}").boundingRect()
        for n in (upper, lower):
            bone = boxes[n - 1]
            assert box.left() >= bone.left() and box.right() <= bone.right(), f"disc-{disc} bulges past L{n}"
        assert box.height() < boxes[upper - 1].height() / 2  # about a third of a body's height


@pytest.mark.parametrize("disc", TRAVERSING)
def test_a_selected_disc_shows_a_contact_mark_on_the_root_it_presses(shipped, disc):
    traversing, _ = TRAVERSING[disc]
    level = disc.removeprefix("disc-")
    assert f"contact-{level}" in explain(shipped, disc).highlight
    back = _views(shipped)["back"]
    assert f"contact-{level}" in back.on_top_overlays  # drawn above the glow, never hidden by it
    svg = se.SVG.parse(io.BytesIO(back.overlay_svg(f"contact-{level}", "left")))
    x0, y0, x1, y1 = svg.bbox()
    centre = QPointF((x0 + x1) / 2, (y0 + y1) / 2)
    root = _side_path(back, traversing)
    probe = QRectF(centre.x() - 12, centre.y() - 12, 24, 24)
    assert root.intersects(probe), f"the {level} mark is not on the left {traversing}"
    assert not _side_path(back, traversing, "right").intersects(probe)


def test_a_disc_lights_one_side_the_left_and_says_so(make_window, shipped):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    screen = window.diagram
    screen.finish_animations()
    assert screen.side == "left"
    for view in screen.views:
        for region_id in view.lit_regions() - {"disc-L4-L5"}:
            region = view.diagram.regions[region_id]
            if region.sides:
                lit = view.lit_item(region_id)
                assert lit.side == "left"
                assert lit.path().boundingRect() == commands_path(region.sides["left"]).boundingRect()
                shared = lit.path().intersected(commands_path(region.sides["right"])).boundingRect()
                assert min(shared.width(), shared.height()) < 2, region_id  # at most a shared edge
        if "note-one-side" in view.diagram.overlays:
            assert "note-one-side" in view.lit_overlays(), view.diagram.id
    # in the back view (seen from behind) the patient's left leg is on the viewer's left
    back = screen.view_named("back")
    sciatic = back.lit_item("nerve-sciatic").path().boundingRect()
    assert sciatic.right() < back.diagram.regions["nerve-sciatic"].bounds()[2] - 100
    # a root tapped on its own lights both sides, with no note
    window.navigate(NavState(Screen.DIAGRAM, "root-L5"))
    screen.finish_animations()
    assert screen.side is None
    assert "note-one-side" not in screen.view_named("hurts").lit_overlays()
    assert screen.view_named("back").lit_item("nerve-sciatic").side is None


def test_l4_lights_the_femoral_nerve_down_the_front_of_the_thigh(shipped):
    lit = set(explain(shipped, "root-L4").highlight)
    assert {"nerve-femoral", "area-shin-inner", "area-knee", "dermatome-L4"} <= lit
    front = _views(shipped)["front"]
    assert {"nerve-femoral", "root-L3", "root-L4", "area-thigh-front"} <= set(front.regions)
    femoral = _side_path(front, "nerve-femoral")
    # it starts where the L4 root joins it and runs down over the front of the thigh to the inner shin
    assert femoral.intersects(_side_path(front, "root-L4"))
    assert femoral.intersects(_side_path(front, "area-thigh-front"))
    assert femoral.intersects(_side_path(front, "area-shin-inner"))
    assert not femoral.intersects(_side_path(front, "area-calf-outer"))
    assert "nerve-femoral" in explain(shipped, "root-L3").highlight


def _lowest_point(path):
    polygon = path.toFillPolygon()
    return max((polygon.at(i) for i in range(polygon.count())), key=lambda p: p.y())


def _highest_point(path):
    polygon = path.toFillPolygon()
    return min((polygon.at(i) for i in range(polygon.count())), key=lambda p: p.y())


def test_the_peroneal_nerve_winds_round_the_top_of_the_fibula_to_the_front_outer_leg(shipped):
    front = _views(shipped)["front"]
    peroneal = _side_path(front, "nerve-peroneal")
    knee = _side_path(front, "area-knee").boundingRect()
    top = _highest_point(peroneal)
    # it comes round just below the knee joint, at the outer side of the leg
    assert knee.center().y() <= top.y() <= knee.bottom() + 20
    outer = 1 if knee.center().x() > front.width / 2 else -1  # the patient's left leg, seen from the front
    assert (top.x() - knee.center().x()) * outer > knee.width() / 4
    # and ends on the front-outer leg, not at the back or the inner side
    end = _lowest_point(peroneal)
    front_outer = _side_path(front, "area-calf-outer").united(_side_path(front, "area-shin-front"))
    assert front_outer.contains(end + QPointF(0, -6))
    assert not _side_path(front, "area-shin-inner").contains(end + QPointF(0, -6))


def test_behind_the_knee_the_tibial_nerve_goes_to_the_heel_and_the_peroneal_to_the_outer_side(shipped):
    back = _views(shipped)["back"]
    tibial, peroneal = _side_path(back, "nerve-tibial"), _side_path(back, "nerve-peroneal")
    sciatic = _side_path(back, "nerve-sciatic")
    thigh = _side_path(back, "area-thigh-back").boundingRect()
    # the split lies above the knee, on the back of the thigh
    split = _highest_point(tibial)
    assert thigh.top() < split.y() < thigh.bottom()
    assert sciatic.intersects(QRectF(split.x() - 10, split.y() - 10, 20, 20))
    assert _side_path(back, "area-heel").contains(_lowest_point(tibial) + QPointF(0, -4))
    # the peroneal branch reaches the outer side just below the knee
    end = _lowest_point(peroneal)
    assert _side_path(back, "area-calf-outer").united(_side_path(back, "area-thigh-outer")).contains(
        end + QPointF(0, -4))
    assert end.y() < thigh.bottom() + 80
