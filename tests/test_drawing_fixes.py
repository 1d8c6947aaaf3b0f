"""Fixes around the drawings: the root's skin map in "Where it hurts", no root legend while
answering, no stray line on the body map, one_side checked, lit areas never tinted over a map."""

from __future__ import annotations

from kiosk.domain.content import load_content
from kiosk.ui.capture import render_screen
from kiosk.ui.shell import NavState, Screen


def test_a_root_selected_in_where_it_hurts_shows_its_skin_map_there(kiosk_app, make_window):
    """`kiosk screenshot --screen diagram --view hurts --select root-S1` stays on that view."""
    window = make_window()
    render_screen(kiosk_app, window, "diagram", "root-S1", (1920, 1080), view="hurts")
    screen = window.diagram
    assert screen.view.diagram.id == "hurts"
    assert screen.view.lit_overlays() == {"dermatome-S1"}
    assert {"area-sole", "area-heel"} <= screen.view.lit_regions()


def test_the_root_legend_is_a_set_of_keys_that_show_each_skin_map(make_window):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM))
    screen = window.diagram
    hurts = screen.view_named("hurts")
    screen.show_view(screen.views.index(hurts))
    for root in ("L4", "L5", "S1"):
        window.navigate(NavState(Screen.DIAGRAM, f"root-{root}"))
        screen.finish_animations()
        assert screen.view is hurts
        assert hurts.lit_overlays() == {f"dermatome-{root}"}


def test_lit_skin_areas_are_outlined_not_tinted_while_a_skin_map_shows(make_window):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "root-S1"))
    window.diagram.finish_animations()
    hurts = window.diagram.view_named("hurts")
    assert not hurts.lit_item("area-sole").filled  # the violet map is not muddied by the warm glow
    back = window.diagram.view_named("back")
    assert back.lit_item("nerve-sciatic").filled  # no map in that drawing: the warm fill stays


def test_the_questionnaire_body_map_has_no_root_legend(make_window, shipped):
    hurts = next(d for d in shipped.diagrams if d.id == "hurts")
    assert hurts.legend_region_ids == {"root-L4", "root-L5", "root-S1"}
    window = make_window()
    window.open_questionnaire()
    body_map = window.questionnaire.body_map_view.diagram
    assert b'id="legend"' not in body_map.base_svg
    assert b'id="legend"' in hurts.base_svg
    assert not {"root-L4", "root-L5", "root-S1"} & set(body_map.regions)
    assert {"area-hip-groin", "area-knee", "area-ankle"} <= set(body_map.regions)


def test_no_stray_line_beside_clear_on_the_body_map(kiosk_app, make_window):
    from PySide6.QtGui import QColor

    from kiosk.ui.theme import Palette

    window = make_window()
    render_screen(kiosk_app, window, "questionnaire", None, (1920, 1080), answers={"red_flags": []})
    screen = window.questionnaire
    assert screen.current_question.type == "body_map"
    button = screen.body_map_page.clear_button
    side = button.parentWidget()
    image = side.grab().toImage()
    clear = button.geometry()
    surface = QColor(Palette().surface)
    for y in range(clear.top(), clear.bottom()):
        for x in range(0, 4):
            assert QColor(image.pixel(x, y)) == surface, (x, y, QColor(image.pixel(x, y)).name())


def test_one_side_must_be_true_or_false(mini_root):
    page = mini_root / "en" / "box-a.md"
    text = page.read_text().replace("reviewed = 2026-11-25\n", 'reviewed = 2026-11-25\none_side = "yes"\n')
    page.write_text(text)
    content, problems = load_content(mini_root, "en")
    assert any(f"{page}:7: 'one_side' must be true or false" in str(p) for p in problems), problems
    page.write_text(page.read_text().replace('one_side = "yes"', "one_side = true"))
    content, problems = load_content(mini_root, "en")
    assert problems == [] and content.get("box-a").one_side
