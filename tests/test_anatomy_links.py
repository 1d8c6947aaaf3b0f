"""The anatomy mappings, table-driven: disc -> root, root -> skin areas, area -> roots.

Facts: clinical-facts section 1 (root table) and section 2 (posterolateral herniation
presses the root that passes down past the disc: L4-L5 -> L5, L5-S1 -> S1).
"""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from kiosk.domain.anatomy import explain

DISC_TO_ROOT = {
    "disc-L2-L3": "root-L3",
    "disc-L3-L4": "root-L4",
    "disc-L4-L5": "root-L5",
    "disc-L5-S1": "root-S1",
}

ROOT_TO_SKIN = {
    "root-L3": {"area-thigh-front"},
    "root-L4": {"area-shin-inner", "dermatome-L4"},
    "root-L5": {"area-calf-outer", "area-foot-top", "area-big-toe", "dermatome-L5"},
    "root-S1": {"area-sole", "area-heel", "area-foot-outer", "area-calf-back", "dermatome-S1"},
    "root-S2": {"area-thigh-back"},
}

AREA_TO_ROOTS = {
    "area-sole": {"root-S1"},
    "area-heel": {"root-S1"},
    "area-foot-outer": {"root-S1"},
    "area-calf-back": {"root-S1"},
    "area-foot-top": {"root-L5"},
    "area-big-toe": {"root-L5"},
    "area-calf-outer": {"root-L5"},
    "area-shin-inner": {"root-L4"},
    "area-thigh-front": {"root-L3"},
    "area-thigh-back": {"root-L5", "root-S1", "root-S2"},
    "area-buttock": {"root-L5", "root-S1"},
}

# words each root page must use to name what the root moves (clinical-facts section 1)
ROOT_MOVEMENTS = {
    "root-L3": ["knee", "femoral nerve"],
    "root-L4": ["knee", "foot", "lifting your foot at the ankle", "femoral nerve"],
    "root-L5": ["big toe", "heel", "main root", "l4"],
    "root-S1": ["toes", "ankle"],
}


def _roots(ids):
    return {i for i in ids if i.startswith("root-")}


@pytest.mark.parametrize(("disc", "root"), DISC_TO_ROOT.items())
def test_a_disc_lights_up_the_root_it_usually_presses_and_that_roots_skin(shipped, disc, root):
    lit = set(explain(shipped, disc).highlight)
    assert _roots(lit) == {root}
    skin = ROOT_TO_SKIN[root]
    assert skin & lit, f"{disc} should also light up some of {root}'s skin areas"


def test_the_far_lateral_exception_is_explained(shipped):
    body = shipped.get("disc-L4-L5").body
    assert "L4" in body and ("far" in body.lower() or "side" in body.lower())


@pytest.mark.parametrize(("root", "skin"), ROOT_TO_SKIN.items())
def test_a_root_lights_up_its_skin_area(shipped, root, skin):
    lit = set(explain(shipped, root).highlight)
    assert skin <= lit, skin - lit
    other_dermatomes = {f"dermatome-{r}" for r in ("L4", "L5", "S1")} - skin
    assert not (other_dermatomes & lit)


@pytest.mark.parametrize(("root", "words"), ROOT_MOVEMENTS.items())
def test_a_root_page_names_the_movements_it_powers(shipped, root, words):
    body = shipped.get(root).body.lower()
    for word in words:
        assert word in body, f"{root} should mention {word!r}"


@pytest.mark.parametrize(("area", "roots"), AREA_TO_ROOTS.items())
def test_an_area_lights_up_the_roots_that_serve_it_and_lists_causes(shipped, area, roots):
    result = explain(shipped, area)
    assert _roots(result.highlight) == roots
    assert result.conditions, f"{area} should list conditions that can cause pain there"
    body = shipped.get(area).body.lower()
    assert "doctor" in body
    assert "pattern" in body or "overlap" in body


def test_buttock_pain_also_points_to_the_piriformis(shipped):
    result = explain(shipped, "area-buttock")
    assert "muscle-piriformis" in result.highlight
    assert "piriformis-syndrome" in result.conditions


def test_every_region_in_every_drawing_has_a_page_and_explains(shipped, capsys):
    ids = sorted(shipped.region_ids())
    assert len(ids) >= 34
    # The command loads the content each time; once through it, then what it prints for each
    # region straight from the function it prints.
    assert main(["explain", ids[0], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == explain(shipped, ids[0]).as_dict()
    for region_id in ids:
        data = json.loads(json.dumps(explain(shipped, region_id).as_dict()))
        assert data["id"] == region_id and data["kind"] == "region"
        assert data["highlight"][0] == region_id
        assert set(data["highlight"]) <= shipped.highlightable_ids()


def test_the_drawings_have_every_region_the_issue_names(shipped):
    views = {d.id: d for d in shipped.diagrams}
    side = {*(f"vertebra-L{n}" for n in range(1, 6)), "sacrum", "spinal-canal",
            "disc-L1-L2", "disc-L2-L3", "disc-L3-L4", "disc-L4-L5", "disc-L5-S1",
            "root-L3", "root-L4", "root-L5", "root-S1", "root-S2"}
    back = {"muscle-piriformis", "nerve-sciatic", "nerve-tibial", "nerve-peroneal"}
    hurts = {"area-lower-back", "area-buttock", "area-thigh-back", "area-thigh-front",
             "area-shin-inner", "area-calf-outer", "area-calf-back", "area-foot-top",
             "area-big-toe", "area-sole", "area-heel", "area-foot-outer"}
    assert side <= set(views["side"].regions)
    assert back <= set(views["back"].regions)
    assert hurts <= set(views["hurts"].regions)
    assert {"dermatome-L4", "dermatome-L5", "dermatome-S1"} <= set(views["hurts"].overlays)
    assert {"disc-L4-L5", "spinal-canal", "root-L4", "root-L5"} <= set(views["axial"].regions)
