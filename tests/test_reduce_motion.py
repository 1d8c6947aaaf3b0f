"""Reduce motion (kiosk.toml ``reduce_motion``): nothing fades or drifts, and animations step
from key frame to key frame instead of tweening."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.animation import load_animations
from kiosk.domain.config import DEFAULT
from kiosk.resources import default_animations_dir
from kiosk.ui.animation_screen import SLIDER_MAX, AnimationScreen, key_frames
from kiosk.ui.attract import STILL_S
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.conftest import dispose_windows

ANIMATIONS = load_animations(default_animations_dir())[0]


@pytest.fixture
def window(kiosk_app, qtbot, shipped):
    made = KioskWindow(replace(DEFAULT, kiosk_mode=True, reduce_motion=True), shipped, [],
                       clock=ManualClock())
    made.quit_app = lambda: None
    qtbot.addWidget(made)
    made.resize(1920, 1080)
    made.show()
    qtbot.waitExposed(made)
    yield made
    dispose_windows([made])


def test_the_attract_picture_stands_still_and_moves_once_a_minute_in_one_step(window):
    attract = window.attract
    assert attract.reduce_motion
    first_minute = {attract.drift(t / 10) for t in range(0, round(STILL_S * 10) - 1)}
    assert len(first_minute) == 1  # not a pixel of drift
    places = [attract.drift(STILL_S * n + 1) for n in range(20)]
    assert len(set(places)) > 5  # it still changes place now and then: nothing burns in


def test_no_fade_on_the_drawings_or_the_panel(window, qtbot):
    window.begin_session()
    window.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    diagram = window.diagram
    assert not diagram.view._fading and not diagram.view._fading_overlays
    assert diagram.panel._fade.state() != diagram.panel._fade.State.Running


@pytest.fixture
def stepping(kiosk_app, qtbot):
    screen = AnimationScreen(reduce_motion=True, clock=ManualClock())  # tests move its time
    qtbot.addWidget(screen)
    screen.resize(1920, 872)
    screen.show()
    qtbot.waitExposed(screen)
    screen.show_animation(ANIMATIONS["herniated-disc"], "en")
    return screen


def test_the_key_frames_are_where_every_phase_ends():
    keys = key_frames(ANIMATIONS["herniated-disc"])
    assert keys[0] == 0.0 and keys[-1] == 1.0 and list(keys) == sorted(set(keys))
    assert {0.32, 0.55, 0.9, 0.95} <= set(keys)  # the ends of its four phases


def test_play_steps_between_key_frames_without_tweening(stepping, qtbot):
    screen = stepping
    seen: list[float] = []
    screen.canvas.progressChanged.connect(seen.append)
    keys = screen.key_frames()
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert screen.is_playing() and screen.progress() == pytest.approx(keys[1])
    screen.clock.advance(1.0)
    assert screen.progress() == pytest.approx(keys[1])  # held, nothing moves in between
    for key in keys[2:]:
        screen.clock.advance(0.8)  # 1.8 s a key frame: the first 1.0 s of it went above
        assert screen.progress() == pytest.approx(key)
        screen.clock.advance(1.0)  # the next one, held
        assert screen.progress() == pytest.approx(key)
    assert screen.progress() == 1.0 and not screen.is_playing()
    assert screen.slider.value() == SLIDER_MAX
    assert seen == pytest.approx(list(keys[1:]))  # only key frames were ever shown
    assert screen.play_button.text() == "Start again"
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert screen.progress() == 0.0 and screen.play_button.text() == "Play"


def test_pause_holds_the_key_frame(stepping, qtbot):
    screen = stepping
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    held = screen.progress()
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert not screen.is_playing() and not screen._stepper.is_active()
    screen.clock.advance(10.0)
    assert screen.progress() == held


def test_without_reduce_motion_play_tweens(kiosk_app, qtbot):
    screen = AnimationScreen(reduce_motion=False)
    qtbot.addWidget(screen)
    screen.resize(1920, 872)
    screen.show()
    screen.show_animation(ANIMATIONS["herniated-disc"], "en")
    seen: list[float] = []
    screen.canvas.progressChanged.connect(seen.append)
    screen.play()
    qtbot.waitUntil(lambda: len(seen) > 5, timeout=3000)
    screen.pause()
    assert not set(seen) <= set(key_frames(ANIMATIONS["herniated-disc"]))
