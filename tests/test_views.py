"""Switching between drawings with large tabs; a selection carries across them."""

from __future__ import annotations

from kiosk.ui.shell import NavState, Screen
from tests.uihelpers import inside_point, mouse_tap


def _diagram(make_window):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM))
    return window, window.diagram


def test_there_is_a_large_tab_per_drawing_and_tapping_one_switches(make_window):
    _, screen = _diagram(make_window)
    assert len(screen.tabs) == len(screen.views) >= 4
    for index, tab in enumerate(screen.tabs):
        assert tab.height() >= 64 and tab.width() >= 48
        tab.click()
        assert screen.stack.currentIndex() == index
        assert tab.isChecked()


def test_a_selection_carries_over_to_another_view(make_window):
    window, screen = _diagram(make_window)
    back = screen.view_named("back")
    screen.show_view(screen.views.index(back))
    mouse_tap(back, inside_point(back, "disc-L4-L5"))
    side = screen.view_named("side")
    screen.tabs[screen.views.index(side)].click()
    assert screen.view is side
    assert side.selected == "disc-L4-L5"
    assert "root-L5" in side.highlighted
    hurts = screen.view_named("hurts")
    assert hurts.lit_overlays() == {"dermatome-L5"} or "dermatome-L5" in window.diagram.highlighted


def test_opening_a_page_switches_to_a_view_that_shows_it(make_window):
    window, screen = _diagram(make_window)
    screen.show_view(screen.views.index(screen.view_named("back")))
    window.navigate(NavState(Screen.DIAGRAM, "root-S2"))  # drawn only in the side view
    assert "root-S2" in screen.view.diagram.regions
    window.navigate(NavState(Screen.DIAGRAM, "area-heel"))
    assert screen.view.diagram.ids() & {"area-heel", "root-S1"}


def test_a_root_shows_its_dermatome_overlay_on_the_where_it_hurts_view(make_window):
    window, screen = _diagram(make_window)
    hurts = screen.view_named("hurts")
    screen.show_view(screen.views.index(hurts))
    window.navigate(NavState(Screen.DIAGRAM, "root-S1"))
    screen.finish_animations()
    assert hurts.lit_overlays() == {"dermatome-S1"}
    assert {"area-sole", "area-heel"} <= hurts.lit_regions()
    window.navigate(NavState(Screen.DIAGRAM, None))
    assert hurts.lit_overlays() == frozenset()


def test_home_resets_the_drawing_to_the_first_view_next_time(make_window):
    window, screen = _diagram(make_window)
    window.navigate(NavState(Screen.DIAGRAM, "root-S1"))
    screen.tabs[2].click()
    window.home_button.click()
    assert screen.stack.currentIndex() == 0
    assert screen.highlighted == frozenset()


def test_diagram_labels_are_at_least_24_px_at_1920x1080(make_window):
    import re

    _, screen = _diagram(make_window)
    for index, view in enumerate(screen.views):
        screen.show_view(index)
        sizes = [float(v) for v in re.findall(r'font-size="([0-9.]+)"', view.diagram.path.read_text())]
        assert sizes, view.diagram.id
        smallest_px = min(sizes) * view.transform().m11()
        assert smallest_px >= 24, f"{view.diagram.id}: smallest label {smallest_px:.1f} px"
