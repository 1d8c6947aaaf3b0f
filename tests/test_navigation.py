"""The navigator (``kiosk.domain.navigation``): states and history, without Qt."""

from __future__ import annotations

import pytest

from kiosk.domain.navigation import ATTRACT, HOME, PROBLEMS, Navigator, NavState, Screen

DIAGRAM = NavState(Screen.DIAGRAM)
DISC = NavState(Screen.DIAGRAM, "disc-L4-L5")
ANIMATION = NavState(Screen.ANIMATION, "herniated-disc")


def test_it_starts_at_home_with_no_history():
    nav = Navigator()
    assert nav.state == HOME and nav.history == [] and not nav.can_go_back()


def test_navigate_remembers_where_it_came_from_and_back_walks_it_in_reverse():
    nav = Navigator()
    for state in (DIAGRAM, DISC, ANIMATION):
        assert nav.navigate(state) is True
    assert nav.history == [HOME, DIAGRAM, DISC]
    assert nav.back() == DISC and nav.state == DISC
    assert nav.back() == DIAGRAM
    assert nav.back() == HOME
    assert nav.back() == HOME  # nothing left: Back stays at home
    assert nav.history == []


def test_going_where_it_already_is_changes_nothing():
    nav = Navigator()
    nav.navigate(DISC)
    assert nav.navigate(DISC) is False
    assert nav.history == [HOME]


def test_the_same_screen_with_another_item_is_a_step_of_its_own():
    nav = Navigator()
    nav.navigate(DISC)
    nav.navigate(NavState(Screen.DIAGRAM, "root-L5"))
    assert nav.back() == DISC


def test_home_forgets_the_history():
    nav = Navigator()
    nav.navigate(DISC)
    nav.navigate(ANIMATION)
    assert nav.home() == HOME
    assert nav.state == HOME and nav.history == []


def test_reset_stands_at_a_state_outside_the_visit():
    nav = Navigator()
    nav.navigate(DISC)
    assert nav.reset(ATTRACT) == ATTRACT
    assert nav.history == []
    nav.reset(PROBLEMS)
    assert nav.state == PROBLEMS


def test_the_attract_screen_is_never_stepped_back_to():
    nav = Navigator(start=ATTRACT)
    nav.navigate(HOME)
    assert nav.history == []
    assert nav.back() == HOME


def test_a_composition_chooses_its_home_and_what_is_not_remembered():
    start = NavState(Screen.DIAGRAM)
    nav = Navigator(home=start, unremembered=frozenset({Screen.ANIMATION}))
    assert nav.state == start
    nav.navigate(ANIMATION)
    nav.navigate(DISC)
    assert nav.history == [start]
    assert nav.home() == start


def test_something_that_is_not_a_state_changes_nothing():
    navigator = Navigator()
    navigator.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    before = (navigator.state, list(navigator.history))
    with pytest.raises(TypeError):
        navigator.navigate(None)  # type: ignore[arg-type]  # what a broken caller might pass
    assert (navigator.state, list(navigator.history)) == before
