"""The animations on screen: every one renders, and the play / scrub / compare screen works.

The animations are content (assets/animations/*.svg + *.toml, tested in
test_animation_data.py); here they are drawn offscreen at kiosk size.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionSlider

from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui import theme
from kiosk.ui.animation_screen import PLAY_MS, SLIDER_MAX, AnimationCanvas, AnimationScreen
from kiosk.ui.app import is_blank
from kiosk.ui.clock import ManualClock
from kiosk.ui.condition_art import AnimationArt
from kiosk.ui.shell import NavState, Screen

SHIPPED, _ = load_content(default_content_dir(), "en")
ANIMATIONS = SHIPPED.animations
CONDITIONS = sorted(i for i, a in ANIMATIONS.items() if a.kind == "condition")
TREATMENTS = sorted(i for i, a in ANIMATIONS.items() if a.kind == "treatment")
# conditions that end with something pressing on a nerve (drawn in the warm highlight)
PRESSING = ("herniated-disc", "spinal-stenosis", "spondylolisthesis", "foraminal-narrowing")


def check_warmth(content_id: str, start: QImage, end: QImage) -> None:
    """What presses glows in as a condition develops; a treatment takes the pressure (or the
    pain) away, so it ends calmer than it starts."""
    if content_id in PRESSING:
        assert warm_pixels(start) == 0
        assert warm_pixels(end) > 20
    elif content_id in TREATMENTS:
        assert warm_pixels(start) > 20
        assert warm_pixels(end) < warm_pixels(start) / 4


@pytest.fixture
def make_screen(kiosk_app, qtbot):
    def build(content_id: str = "herniated-disc", reduce_motion: bool = False) -> AnimationScreen:
        screen = AnimationScreen(reduce_motion=reduce_motion, clock=ManualClock())
        qtbot.addWidget(screen)
        screen.resize(1920, 872)  # the space between the top and bottom bars at 1920x1080
        screen.show()
        qtbot.waitExposed(screen)
        screen.show_animation(ANIMATIONS[content_id], "en")
        return screen

    return build


def frame(canvas: AnimationCanvas) -> QImage:
    return canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def differing_samples(a: QImage, b: QImage, samples: int = 80) -> int:
    assert a.size() == b.size()
    count = 0
    for ix in range(samples):
        for iy in range(samples):
            x = int((ix + 0.5) * a.width() / samples)
            y = int((iy + 0.5) * a.height() / samples)
            if a.pixel(x, y) != b.pixel(x, y):
                count += 1
    return count


def warm_pixels(image: QImage, step: int = 3) -> int:
    """Pixels close to the warm highlight (orange-red), "what presses / where it hurts"."""
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = QColor(image.pixel(x, y))
            if c.red() > 190 and c.green() < 130 and c.blue() < 110:
                count += 1
    return count


def handle_rect(slider):
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)


def groove_rect(slider):
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderGroove, slider)


# -- the drawings -----------------------------------------------------------------------------

def test_the_words_come_from_the_script():
    for content_id, animation in ANIMATIONS.items():
        art = AnimationArt(animation, "en")
        words = animation.script.captions["en"]
        assert art.content_id == content_id
        assert art.title == words.title and art.view_note() == words.view
        assert art.captions() == words.steps
        assert art.caption(0.0) == words.steps[0] and art.caption(1.0) == words.steps[-1]


def test_another_language_falls_back_to_english():
    animation = ANIMATIONS["herniated-disc"]
    assert AnimationArt(animation, "xx").title == animation.script.captions["en"].title


@pytest.mark.parametrize("content_id", sorted(ANIMATIONS))
def test_every_animation_renders_at_kiosk_size(kiosk_app, content_id):
    """At 1920x1080 the canvas is about 1856x660: each animation draws something at
    several moments, and the picture changes from start to end."""
    art = AnimationArt(ANIMATIONS[content_id])
    images = []
    for t in (0.0, 0.3, 0.6, 1.0):
        image = QImage(1856, 660, QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        art.paint(painter, QRectF(12, 12, 1832, 636), t)
        painter.end()
        assert not is_blank(image), t
        images.append(image)
    assert differing_samples(images[0], images[-1]) > 10
    assert differing_samples(images[1], images[2]) > 0


@pytest.mark.parametrize("content_id", sorted(ANIMATIONS))
def test_frames_render_and_change_from_start_to_end(make_screen, content_id):
    screen = make_screen(content_id)
    frames = {}
    for t in (0.0, 0.5, 1.0):
        screen.set_progress(t)
        assert screen.progress() == t
        frames[t] = frame(screen.canvas)
        assert not is_blank(frames[t]), t
    assert differing_samples(frames[0.0], frames[0.5]) > 10
    assert differing_samples(frames[0.5], frames[1.0]) > 10
    assert differing_samples(frames[0.0], frames[1.0]) > 10
    check_warmth(content_id, frames[0.0], frames[1.0])


@pytest.mark.parametrize("content_id", sorted(ANIMATIONS))
def test_slider_position_is_the_animation_progress(make_screen, qtbot, content_id):
    screen = make_screen(content_id)
    at_zero = frame(screen.canvas)
    screen.slider.setValue(250)
    assert screen.progress() == pytest.approx(0.25)
    assert screen.canvas.progress == pytest.approx(0.25)
    shown = frame(screen.canvas)
    # a fresh canvas of the same size drawn at t=0.25 looks exactly the same
    reference = AnimationCanvas()
    qtbot.addWidget(reference)
    reference.set_art(AnimationArt(ANIMATIONS[content_id]))
    reference.resize(screen.canvas.size())
    reference.set_progress(0.25)
    assert frame(reference) == shown
    assert differing_samples(at_zero, shown) > 0
    screen.slider.setValue(SLIDER_MAX)
    assert screen.progress() == 1.0
    screen.slider.setValue(0)
    assert screen.progress() == 0.0


def test_play_advances_and_pause_stops(make_screen, qtbot):
    screen = make_screen("spinal-stenosis")
    assert screen.play_button.text() == "Play"
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert screen.is_playing()
    assert screen.play_button.text() == "Pause"
    clock = screen.clock
    clock.advance(1.0)
    assert 0.0 < screen.progress() < 0.2  # eased in: slow at first
    clock.advance(1.5)
    assert 0.2 < screen.progress() < 0.6
    # the slider follows the animation
    assert screen.slider.value() == round(screen.progress() * SLIDER_MAX)
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert not screen.is_playing()
    assert screen.play_button.text() == "Play"
    paused_at = screen.progress()
    clock.advance(2.0)
    assert screen.progress() == paused_at
    # Play resumes from where it stopped, not from the start
    screen.play()
    clock.advance(0.5)
    assert screen.progress() > paused_at + 0.01
    # and runs on to the end, in about the rest of the six seconds
    clock.advance(PLAY_MS / 1000 * (1 - paused_at) - 0.6)
    assert screen.is_playing() and screen.progress() < 1.0
    clock.advance(0.2)
    assert not screen.is_playing() and screen.progress() == 1.0


def test_play_stops_at_the_end_and_offers_play_again(make_screen, qtbot):
    screen = make_screen("spondylolisthesis")
    screen.set_progress(0.95)
    screen.play()
    screen.clock.advance(0.5)  # the last bit takes its minimum of 0.4 s
    assert not screen.is_playing()
    assert screen.progress() == 1.0
    assert screen.slider.value() == SLIDER_MAX
    assert screen.play_button.text() == "Play again"
    screen.clock.advance(1.0)
    assert screen.progress() == 1.0
    screen.play()  # again: from healthy
    assert screen.is_playing()
    screen.clock.advance(0.05)
    assert 0.0 <= screen.progress() < 0.2
    screen.pause()


def test_dragging_the_slider_pauses_and_scrubs(make_screen, qtbot):
    screen = make_screen("herniated-disc")
    screen.play()
    screen.clock.advance(1.0)
    assert screen.progress() > 0.02
    handle = handle_rect(screen.slider)
    qtbot.mousePress(screen.slider, Qt.MouseButton.LeftButton, pos=handle.center())
    assert not screen.is_playing()
    target = handle.center() + QPoint(400, 0)
    qtbot.mouseMove(screen.slider, target)
    qtbot.mouseRelease(screen.slider, Qt.MouseButton.LeftButton, pos=target)
    assert not screen.is_playing()
    assert screen.progress() > 0.2
    assert screen.progress() == pytest.approx(screen.slider.value() / SLIDER_MAX)
    # a value set from outside while playing also pauses
    screen.play()
    screen.slider.setValue(100)
    assert not screen.is_playing()
    assert screen.progress() == pytest.approx(0.1)


def test_a_tap_on_the_bar_jumps_there(make_screen, qtbot):
    screen = make_screen("herniated-disc")
    groove = groove_rect(screen.slider)
    handle = handle_rect(screen.slider)
    x = groove.left() + handle.width() // 2 + int((groove.width() - handle.width()) * 0.75)
    qtbot.mouseClick(screen.slider, Qt.MouseButton.LeftButton, pos=QPoint(x, groove.center().y()))
    assert screen.progress() == pytest.approx(0.75, abs=0.02)


@pytest.mark.parametrize("content_id", sorted(ANIMATIONS))
def test_compare_shows_start_and_end_side_by_side(make_screen, qtbot, content_id):
    screen = make_screen(content_id)
    screen.set_progress(0.4)
    qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)
    assert screen.is_comparing()
    left, right = screen.compare_canvases
    assert left.isVisible() and right.isVisible()
    assert not screen.canvas.isVisible()
    assert not screen.slider.isVisible() and not screen.play_button.isVisible()
    assert left.progress == 0.0 and right.progress == 1.0
    words = ANIMATIONS[content_id].script.captions["en"]
    assert [label.text() for label in screen.compare_labels] == [words.start, words.end]
    assert left.width() > 600 and right.width() > 600
    healthy, condition = frame(left), frame(right)
    assert not is_blank(healthy) and not is_blank(condition)
    assert differing_samples(healthy, condition) > 10
    check_warmth(content_id, healthy, condition)
    # and back
    qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)
    assert not screen.is_comparing()
    assert screen.canvas.isVisible() and not left.isVisible()
    assert screen.progress() == pytest.approx(0.4)


@pytest.mark.parametrize("comparing", [False, True])
def test_touch_targets_are_large(make_screen, qtbot, comparing):
    screen = make_screen("herniated-disc")
    if comparing:
        screen.compare_button.click()
    qtbot.wait(10)
    buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible()]
    assert screen.compare_button in buttons
    assert (screen.play_button in buttons) is not comparing
    for button in buttons:
        assert button.width() >= theme.MIN_TOUCH and button.height() >= theme.MIN_TOUCH, button.text()
    if not comparing:
        assert screen.play_button.height() >= 64
        handle = handle_rect(screen.slider)
        assert handle.width() >= 56 and handle.height() >= 56, handle
        assert handle.height() <= screen.slider.height()
        assert groove_rect(screen.slider).height() >= 16
        assert screen.slider.width() > 800


def test_play_button_keeps_its_width_as_its_label_changes(make_screen, qtbot):
    screen = make_screen("herniated-disc")
    width = screen.play_button.width()
    screen.play()
    screen.clock.advance(0.1)
    assert screen.play_button.text() == "Pause"
    assert screen.play_button.width() == width
    screen.finish_animations()
    assert screen.play_button.text() == "Play again"
    assert screen.play_button.width() == width


def test_reset_returns_to_healthy_paused_single_view(make_screen, qtbot):
    screen = make_screen("spondylolisthesis")
    screen.set_progress(0.7)
    screen.compare_button.click()
    screen.reset()
    assert screen.progress() == 0.0 and screen.slider.value() == 0
    assert not screen.is_comparing() and not screen.is_playing()
    assert screen.canvas.isVisible() and not screen.compare_canvases[0].isVisible()
    assert screen.play_button.text() == "Play"
    # also while playing
    screen.play()
    screen.clock.advance(0.5)
    assert screen.progress() > 0.0
    screen.reset()
    assert not screen.is_playing()
    screen.clock.advance(1.0)
    assert screen.progress() == 0.0


def test_showing_another_animation_starts_it_from_the_beginning(make_screen):
    screen = make_screen("herniated-disc")
    screen.set_progress(0.6)
    screen.show_animation(ANIMATIONS["spinal-stenosis"], "en")
    words = ANIMATIONS["spinal-stenosis"].script.captions["en"]
    assert screen.progress() == 0.0
    assert screen.title_label.text() == words.title == "Spinal stenosis"
    assert screen.start_label.text() == words.start
    assert screen.end_label.text() == words.end
    assert screen.canvas.art().content_id == "spinal-stenosis"
    assert screen.note_label.text() == words.view


def test_hiding_the_screen_pauses_it(make_screen, qtbot):
    screen = make_screen("herniated-disc")
    screen.play()
    assert screen.is_playing()
    screen.hide()
    assert not screen.is_playing()


def nearly_equal(a: QImage, b: QImage, tolerance: int = 4) -> bool:
    """Every channel of every pixel within ``tolerance`` of 255 (a clip made of several
    rectangles is applied as a mask, which can round an antialiased edge by a step or two)."""
    diff = QImage(a)
    painter = QPainter(diff)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, b)
    painter.end()
    rgb = diff.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())[: rgb.width() * 3 * rgb.height()]  # (no row padding at these widths)
    return not data.translate(None, bytes(range(tolerance + 1)))


@pytest.mark.parametrize("content_id", sorted(ANIMATIONS))
def test_repainting_only_what_changed_gives_the_same_picture(kiosk_app, qtbot, content_id):
    """A frame repaints only the area the art says changed; over a whole run, every frame
    must look exactly like one painted from scratch."""
    canvas = AnimationCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1856, 660)
    canvas.set_art(AnimationArt(ANIMATIONS[content_id]))
    asked: list[QRegion] = []
    canvas.update = lambda *args: asked.append(QRegion(args[0]) if args else QRegion(canvas.rect()))
    full = QRegion(canvas.rect())
    shown = QImage(canvas.size(), QImage.Format.Format_RGB32)
    painter = QPainter(shown)
    canvas.paint_area(painter, full)
    painter.end()
    checked = 0
    for i in range(1, 61):
        asked.clear()
        canvas.set_progress(i / 60)
        painter = QPainter(shown)
        for region in asked:
            canvas.paint_area(painter, region)
        painter.end()
        if i % 6 == 0:
            fresh = QImage(canvas.size(), QImage.Format.Format_RGB32)
            painter = QPainter(fresh)
            canvas.paint_area(painter, full)
            painter.end()
            assert nearly_equal(shown, fresh), f"t={i / 60:.2f}"
            checked += 1
    assert checked == 10
    # and the areas are small: most frames (at the 6 s play's 60 fps) repaint well under the
    # whole canvas
    canvas.set_progress(0.0)
    sizes = []
    for i in range(1, 361, 3):
        asked.clear()
        canvas.set_progress(i / 360)
        sizes.append(sum(r.width() * r.height() for region in asked for r in region))
    assert sorted(sizes)[len(sizes) // 2] < 0.6 * canvas.width() * canvas.height()


def test_pages_offer_their_animations_and_a_tap_plays_one(make_window, qtbot):
    window = make_window()
    window.navigate(NavState(Screen.DIAGRAM, "decompression"))
    panel = window.diagram.panel
    buttons = panel.animation_buttons()
    expected = [ANIMATIONS[i].words("en").button for i in ("laminectomy", "microdiscectomy")]
    assert [b.text() for b in buttons] == expected
    assert all(b.height() >= theme.MIN_TOUCH for b in buttons)
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert window.state == NavState(Screen.ANIMATION, "microdiscectomy")
    assert window.animation.title_label.text() == "Microdiscectomy"
    assert window.animation.start_label.text() == "Before"
    window.go_back()
    assert window.state == NavState(Screen.DIAGRAM, "decompression")
    for page, offered in (("stabilization", ["spinal-fusion"]), ("injections", ["epidural-injection"]),
                          ("other-procedures", ["spinal-cord-stimulator"]), ("conservative-care", []),
                          ("herniated-disc", ["herniated-disc"]), ("sciatica", [])):
        window.navigate(NavState(Screen.DIAGRAM, page))
        assert [b.text() for b in panel.animation_buttons()] == \
            [ANIMATIONS[i].words("en").button for i in offered], page
    assert [b.text() for b in panel.animation_buttons()] == []
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    assert [b.text() for b in panel.animation_buttons()] == ["See how it happens"]
    window.navigate(NavState(Screen.DIAGRAM, "stabilization"))
    assert [b.text() for b in panel.animation_buttons()] == ["See how fusion is done"]


def test_the_window_plays_animations_on_its_own_clock(kiosk_app, shipped):
    from dataclasses import replace

    from kiosk.domain.config import DEFAULT
    from kiosk.ui.shell import KioskWindow
    from tests.conftest import dispose_windows

    clock = ManualClock()
    window = KioskWindow(replace(DEFAULT, kiosk_mode=False, reduce_motion=False), shipped, [], clock=clock)
    window.resize(1920, 1080)
    window.show()
    try:
        window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
        screen = window.animation
        assert screen.clock is clock
        screen.play()
        clock.advance(PLAY_MS / 2000)
        assert screen.is_playing() and 0.3 < screen.progress() < 0.7
        clock.advance(PLAY_MS / 2000 + 0.1)
        assert not screen.is_playing() and screen.progress() == 1.0
    finally:
        dispose_windows([window])
