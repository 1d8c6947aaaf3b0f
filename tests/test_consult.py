"""Consult mode with a finger, a stylus and a mouse: drawing, taps, pinch zoom, undo, the
patient's mirror, the hand-out, Next patient (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.domain.config import DEFAULT, ConfigError, load_config
from kiosk.ui import theme
from tests.uihelpers import empty_point, inside_point, touch_device

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def consult(kiosk_app, qtbot, shipped):
    from kiosk.ui.consult.window import ConsultWindow

    made = []

    def build(size=(1920, 1080), clock=None, **settings):
        window = ConsultWindow(replace(DEFAULT, kiosk_mode=False, mode="consult", **settings), shipped,
                               clock=clock)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield build
    for window in made:
        window.shutdown()


def board(window):
    return window.active.current


def vp(view, scene_point: QPointF) -> QPointF:
    return QPointF(view.mapFromScene(scene_point))


def send_mouse(view, kind, pos: QPointF, button=Qt.MouseButton.LeftButton, buttons=None):
    buttons = button if buttons is None else buttons
    event = QMouseEvent(kind, pos, view.viewport().mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def mouse_stroke(view, points):
    send_mouse(view, QEvent.Type.MouseButtonPress, points[0])
    for p in points[1:]:
        send_mouse(view, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    send_mouse(view, QEvent.Type.MouseButtonRelease, points[-1], buttons=Qt.MouseButton.NoButton)


def touch_stroke(view, points, release=True):
    target = view.viewport()
    QTest.touchEvent(target, touch_device()).press(0, points[0].toPoint(), target).commit()
    for p in points[1:]:
        QTest.touchEvent(target, touch_device()).move(0, p.toPoint(), target).commit()
    if release:
        QTest.touchEvent(target, touch_device()).release(0, points[-1].toPoint(), target).commit()


def line(a: QPointF, b: QPointF, n=12):
    return [a + (b - a) * (i / n) for i in range(n + 1)]


def pixel(view, pos: QPointF) -> QColor:
    return view.viewport().grab().toImage().pixelColor(pos.toPoint())


def is_red(colour: QColor) -> bool:
    red = QColor(theme.PEN_COLOURS["red"])
    return abs(colour.red() - red.red()) < 40 and colour.green() < 90 and colour.blue() < 90


def _stylus():
    return QPointingDevice("test stylus", 4242, QInputDevice.DeviceType.Stylus,
                           QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2)


def tablet(view, kind, pos: QPointF, pressure: float, device):
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
    event = QTabletEvent(kind, device, pos, view.viewport().mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0,
                         0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
    QApplication.sendEvent(view.viewport(), event)


# -- drawing and taps -----------------------------------------------------------------------

def test_a_mouse_stroke_draws_and_never_selects(consult):
    window = consult()
    view = board(window)
    start = inside_point(view, "disc-L4-L5")
    mouse_stroke(view, line(vp(view, start), vp(view, start) + QPointF(160, 90)))
    strokes = window.current_sketch().strokes
    assert len(strokes) == 1 and len(strokes[0].points) > 5
    assert abs(strokes[0].points[0].x - start.x()) < 2 and abs(strokes[0].points[0].y - start.y()) < 2
    assert window.selected is None and view.selected is None  # drawing over a disc selects nothing


def test_a_short_still_tap_still_selects(consult):
    window = consult()
    view = board(window)
    pos = vp(view, inside_point(view, "disc-L4-L5"))
    send_mouse(view, QEvent.Type.MouseButtonPress, pos)
    send_mouse(view, QEvent.Type.MouseButtonRelease, pos + QPointF(3, 0), buttons=Qt.MouseButton.NoButton)
    assert window.selected == "disc-L4-L5" and view.selected == "disc-L4-L5"
    assert window.current_sketch().strokes == ()
    QTest.qWait(400)  # not a double tap
    touch_stroke(view, [vp(view, empty_point(view))])
    assert window.selected is None


def test_a_finger_draws_and_a_finger_tap_selects(consult):
    window = consult()
    window.pen_column.set_colour("red")
    view = board(window)
    a = vp(view, inside_point(view, "root-L5"))
    touch_stroke(view, line(a, a + QPointF(120, 140)))
    assert len(window.current_sketch().strokes) == 1
    assert window.current_sketch().strokes[0].colour == "red"
    assert window.selected is None
    touch_stroke(view, [a])
    assert window.selected == "root-L5"


def test_stylus_pressure_reaches_the_stroke(consult):
    window = consult()
    view = board(window)
    device = _stylus()
    a = vp(view, empty_point(view)) + QPointF(200, 200)
    tablet(view, QEvent.Type.TabletPress, a, 0.2, device)
    for i, pressure in enumerate((0.3, 0.6, 0.9)):
        tablet(view, QEvent.Type.TabletMove, a + QPointF(30 * (i + 1), 10 * (i + 1)), pressure, device)
    tablet(view, QEvent.Type.TabletRelease, a + QPointF(90, 30), 0.0, device)
    (stroke,) = window.current_sketch().strokes
    pressures = [p.pressure for p in stroke.points]
    assert pressures[0] == pytest.approx(0.2, abs=0.01)
    assert pressures[-1] == pytest.approx(0.9, abs=0.01)


def test_highlighter_and_eraser(consult):
    window = consult()
    view = board(window)
    window.pen_column.set_tool("highlighter")
    a = vp(view, empty_point(view)) + QPointF(300, 300)
    mouse_stroke(view, line(a, a + QPointF(200, 0)))
    (stroke,) = window.current_sketch().strokes
    assert stroke.highlighter and stroke.colour == "yellow" and stroke.width == theme.HIGHLIGHTER_WIDTH
    window.pen_column.set_tool("eraser")
    mouse_stroke(view, line(a + QPointF(100, -60), a + QPointF(100, 60)))  # across it
    assert window.current_sketch().strokes == ()
    window.undo()
    assert window.current_sketch().strokes == (stroke,)


def test_undo_redo_and_clear_by_button_and_key(consult, qtbot):
    window = consult()
    view = board(window)
    a = vp(view, empty_point(view)) + QPointF(300, 300)
    mouse_stroke(view, line(a, a + QPointF(100, 50)))
    mouse_stroke(view, line(a + QPointF(0, 80), a + QPointF(100, 130)))
    assert len(window.current_sketch()) == 2
    window.pen_column.undo_button.click()
    assert len(window.current_sketch()) == 1
    window.pen_column.redo_button.click()
    assert len(window.current_sketch()) == 2
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.current_sketch()) == 1
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.current_sketch()) == 2
    window.pen_column.clear_button.click()
    assert len(window.current_sketch()) == 0
    window.undo()
    assert len(window.current_sketch()) == 2


# -- zoom -------------------------------------------------------------------------------------

def test_pinch_zooms_round_the_fingers_and_never_draws(consult):
    window = consult()
    view = board(window)
    target = view.viewport()
    middle = QPointF(target.width() / 2, target.height() / 2)
    anchor = view.pen._map(middle)
    seq = QTest.touchEvent(target, touch_device())
    seq.press(0, (middle - QPointF(50, 0)).toPoint(), target)
    seq.press(1, (middle + QPointF(50, 0)).toPoint(), target)
    seq.commit()
    for step in range(1, 6):
        spread = 50 + 25 * step
        seq = QTest.touchEvent(target, touch_device())
        seq.move(0, (middle - QPointF(spread, 0)).toPoint(), target)
        seq.move(1, (middle + QPointF(spread, 0)).toPoint(), target)
        seq.commit()
    seq = QTest.touchEvent(target, touch_device())
    seq.release(0, (middle - QPointF(175, 0)).toPoint(), target)
    seq.release(1, (middle + QPointF(175, 0)).toPoint(), target)
    seq.commit()
    assert view.pen.zoom == pytest.approx(3.5, rel=0.05)
    after = view.pen._map(middle)
    assert abs(after.x() - anchor.x()) < 2 and abs(after.y() - anchor.y()) < 2
    assert window.current_sketch().strokes == () and window.selected is None


def test_wheel_zoom_and_double_click_fit(consult):
    window = consult()
    view = board(window)
    pos = QPointF(view.viewport().width() / 3, view.viewport().height() / 3)
    QTest.mouseMove(view.viewport(), pos.toPoint())
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.pen.zoom == pytest.approx(1.15 ** 2)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert view.pen.zoom == 1.0


def test_strokes_stay_on_the_anatomy_when_zooming_and_resizing(consult, qtbot):
    window = consult()
    window.pen_column.set_colour("red")
    window.pen_column.set_size("thick")
    view = board(window)
    disc = inside_point(view, "disc-L4-L5")
    touch_stroke(view, line(vp(view, disc) - QPointF(40, 0), vp(view, disc) + QPointF(40, 0)))
    assert is_red(pixel(view, vp(view, disc)))
    view.pen.zoom_by(3.0, vp(view, disc))
    view.pen._settled()
    qtbot.wait(20)
    assert view.pen.zoom == pytest.approx(3.0)
    assert is_red(pixel(view, vp(view, disc)))  # still over the disc, wherever that is now
    assert view.region_at(view.pen._map(vp(view, disc))) == "disc-L4-L5"
    window.resize(1366, 768)
    qtbot.wait(50)
    assert is_red(pixel(view, vp(view, disc)))


def test_the_zoomed_drawing_is_rendered_sharp_for_the_part_on_screen(consult, qtbot):
    window = consult()
    view = board(window)
    view.pen.zoom_by(6.0)
    view.pen._settled()
    qtbot.wait(20)
    image = view.viewport().grab().toImage()
    rendering = view.art._renderings[id(view.viewport())]
    assert rendering.pixmap.width() <= view.viewport().width() + 2  # the visible part, not 6x the drawing
    assert rendering.key[0][0] == pytest.approx(view.transform().m11(), abs=1e-3)
    from kiosk.ui.app import is_blank

    assert not is_blank(image)


# -- presenting -------------------------------------------------------------------------------

def test_the_picker_and_the_steps(consult):
    window = consult()
    window.conditions_button.click()
    assert window.picker.isVisible()
    window.picker.buttons["herniated-disc"].click()
    assert not window.picker.isVisible()
    assert window.active.key == "animation:herniated-disc" and window.active.board.item.progress == 0
    window.next_button.click()
    assert window.selected == "herniated-disc" and window.active.key.startswith("view:")
    assert "root-L5" in window.active.current.highlighted
    steps = len(window.steps)
    for _ in range(steps):
        window.next_button.click()
    assert window.step_index == steps - 1 and not window.next_button.isEnabled()
    assert window.steps[-1].kind == "treatment"
    assert window.step_label.text().startswith(f"Step {steps} of {steps}")


def test_each_picture_keeps_its_own_drawings(consult):
    window = consult()
    view = board(window)
    a = vp(view, empty_point(view)) + QPointF(300, 300)
    mouse_stroke(view, line(a, a + QPointF(100, 50)))
    window.show_picture("view:side")
    assert window.current_sketch().strokes == ()
    window.show_picture("animation:spinal-stenosis", 0.5)
    anim = board(window)
    mouse_stroke(anim, line(QPointF(300, 300), QPointF(500, 400)))
    assert len(window.current_sketch()) == 1
    window.show_picture("view:back")
    assert len(window.current_sketch()) == 1


def test_compare_shows_two_pictures_and_the_mirror_follows(consult, qtbot):
    from kiosk.ui.consult.mirror import MirrorWindow

    window = consult()
    mirror = MirrorWindow(window)
    qtbot.addWidget(mirror)
    mirror.resize(1280, 720)
    mirror.show()
    window.compare_button.click()
    assert window.compare and window.panes[1].isVisible()
    assert window.panes[0].key != window.panes[1].key
    assert [v.isVisible() for v in mirror.views] == [True, True]
    assert mirror.views[1].scene() is window.panes[1].current.scene()
    window.compare_button.click()
    assert not window.compare and not mirror.views[1].isVisible()


def test_the_mirror_shows_a_stroke_while_it_is_drawn(consult, qtbot):
    from kiosk.ui.consult.mirror import MirrorWindow

    window = consult()
    window.pen_column.set_colour("red")
    window.pen_column.set_size("thick")
    mirror = MirrorWindow(window)
    qtbot.addWidget(mirror)
    mirror.setGeometry(1920, 0, 1280, 720)  # beside the window, as on a second screen: touches go
    mirror.show()                           # to the window under the finger
    qtbot.waitExposed(mirror)
    view = board(window)
    a = view.mapToScene(view.viewport().rect().center())
    touch_stroke(view, line(vp(view, a) - QPointF(60, 0), vp(view, a) + QPointF(60, 0)), release=False)
    assert window.current_sketch().strokes == ()  # still being drawn
    qtbot.wait(20)
    shown = mirror.views[0]
    assert is_red(shown.viewport().grab().toImage().pixelColor(shown.mapFromScene(a)))
    assert not any(w.isVisible() for w in mirror.findChildren(type(window.next_button)))  # no controls
    QTest.touchEvent(view.viewport(), touch_device()).release(0, (vp(view, a) + QPointF(60, 0)).toPoint(),
                                                              view.viewport()).commit()
    assert len(window.current_sketch()) == 1


def test_closing_the_window_closes_the_mirror(consult, qtbot):
    from kiosk.ui.consult.mirror import MirrorWindow

    window = consult()
    window.mirror = mirror = MirrorWindow(window)
    qtbot.addWidget(mirror)
    mirror.show()
    window.close()
    assert not window.isVisible() and not mirror.isVisible()


def test_the_mirror_on_a_second_screen():
    """Two virtual offscreen screens: the clinician's window on the first, the mirror on the second."""
    config = ROOT / "tests" / "offscreen-two-screens.json"
    code = (
        "from kiosk.ui.app import create_app\n"
        "from kiosk.domain.config import DEFAULT\n"
        "from kiosk.domain.content import load_content\n"
        "from kiosk.resources import default_content_dir\n"
        "from kiosk.domain.annotations import Stroke, Point\n"
        "from kiosk.ui.consult import launch\n"
        "app = create_app(DEFAULT)\n"
        "screens = app.screens()\n"
        "content, _ = load_content(default_content_dir(), 'en')\n"
        "w = launch.open_consult(app, DEFAULT, content, screens[0], screens[1])\n"
        "for _ in range(5): app.processEvents()\n"
        "w.current_sketch().add(Stroke((Point(200, 200), Point(260, 260)), 'red', 9.0))\n"
        "for _ in range(5): app.processEvents()\n"
        "m = w.mirror\n"
        "print(len(screens), m.screen().name(), w.screen().name(), m.geometry().x(),\n"
        "      len([i for i in m.views[0].items() if type(i).__name__ == 'StrokeItem']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    count, mirror_screen, window_screen, x, strokes = done.stdout.split()[-5:]
    assert count == "2" and mirror_screen == "patient" and window_screen == "clinician"
    assert int(x) == 1920 and strokes == "1"


def test_the_help_sheet_lists_every_shortcut(consult):
    window = consult()
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert window.help_sheet.isVisible()
    listed = " ".join(keys for keys, _ in window.help_sheet.lines)
    for sequence in ("Ctrl+Z", "Ctrl+Y", "Ctrl+P", "Ctrl+N", "Delete", "Space"):
        assert sequence in listed and sequence in window.shortcuts
    texts = [text for _, text in window.help_sheet.lines]
    assert "Undo" in texts and "Print / Save PDF" in texts


# -- hand-out, next patient ---------------------------------------------------------------------

def test_print_save_pdf_writes_the_sheet_with_the_drawing(consult, tmp_path, monkeypatch):
    pypdf = pytest.importorskip("pypdf")
    from kiosk.ui.consult import handout

    window = consult()
    window.open_page("spinal-stenosis")
    view = board(window)
    a = vp(view, empty_point(view)) + QPointF(300, 300)
    mouse_stroke(view, line(a, a + QPointF(100, 50)))
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(handout, "choose_file", lambda *_: out)
    window.print_button.click()
    assert window.message_label.text() == "Saved as sheet.pdf."
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(out).pages)
    assert "Spinal stenosis" in text and "Drawn during your visit" in text
    assert len(window.current_sketch()) == 1  # the drawing stays for the rest of the consult


def test_next_patient_wipes_everything_and_writes_nothing(consult, _isolated_user_dirs):
    window = consult()
    before = sorted(p for p in _isolated_user_dirs.rglob("*"))
    window.start_condition("spinal-stenosis")
    window.next_step()
    view = board(window)
    a = vp(view, empty_point(view)) + QPointF(300, 300)
    mouse_stroke(view, line(a, a + QPointF(100, 50)))
    view.pen.zoom_by(2.0)
    window.compare_button.click()
    window.next_patient_button.click()
    assert all(len(s) == 0 and not s.can_undo for s in window.sketches.values())
    assert window.selected is None and window.steps == []
    assert not window.compare and window.active.key == "view:back"
    assert board(window).pen.zoom == 1.0 and view.selected is None
    assert all(not v.highlighted for v in window.active.views)
    window.undo()  # nothing to bring back
    assert window.current_sketch().strokes == ()
    assert sorted(p for p in _isolated_user_dirs.rglob("*")) == before


def _draw_and_select(window):
    from kiosk.domain.annotations import Point, Stroke

    window.current_sketch().add(Stroke((Point(1, 1), Point(40, 40))))
    window.select("disc-L4-L5")


def _wiped(window) -> bool:
    return (all(len(s) == 0 and not s.can_undo for s in window.sketches.values())
            and window.selected is None and window.steps == [])


def test_consult_is_a_composition_of_the_shared_parts(consult):
    from kiosk.domain.navigation import CONSULT, Screen
    from kiosk.ui.consult.screen import ConsultScreen
    from kiosk.ui.session import SessionController
    from kiosk.ui.usage_recorder import UsageRecorder
    from kiosk.ui.window import ShellWindow

    window = consult()
    assert isinstance(window, ShellWindow) and isinstance(window.session, SessionController)
    assert window.state == CONSULT and window.history == []
    assert isinstance(window.consult, ConsultScreen) and window.stack.currentWidget() is window.consult
    assert window.session.in_session and window.session.between_visits is None  # no attract screen
    assert not window.screens.offers(Screen.ATTRACT) and window.screens.built(Screen.ATTRACT) is None
    assert not window.lockdown.locked and window.lockdown.allows_close()
    assert not window.top_bar.isVisible() and not window.bottom_bar.isVisible()  # its own bar of tools
    assert window.findChildren(UsageRecorder) == []  # nothing is counted
    for part in ("recorder", "counter", "staff", "staff_panel"):
        assert not hasattr(window, part), part
    window.go_back()  # nowhere to go back to: the consult screen stays
    assert window.state == CONSULT and window.stack.currentWidget() is window.consult


def test_idle_reset_is_off_by_default(consult):
    from kiosk.ui.clock import ManualClock

    clock = ManualClock()
    window = consult(clock=clock)
    assert not window.idle.enabled
    _draw_and_select(window)
    clock.advance(7200)
    assert len(window.current_sketch()) == 1 and window.selected == "disc-L4-L5"


def test_idle_reset_after_consult_idle_timeout(consult):
    from kiosk.domain.navigation import CONSULT
    from kiosk.ui.clock import ManualClock

    clock = ManualClock()
    window = consult(clock=clock, consult_idle_timeout=60)
    assert window.idle.timeout_s == 60 and window.idle.enabled
    reasons = []
    window.sessionReset.connect(reasons.append)
    _draw_and_select(window)
    clock.advance(50)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Shift)  # the clinician is there: the quiet spell starts again
    clock.advance(55)
    assert not _wiped(window) and reasons == []
    clock.advance(60 - window.idle.warning_s - 55 + 0.5)
    assert window.still_there.isVisible() and not _wiped(window)  # "Still there?" first
    clock.advance(window.idle.warning_s)
    assert _wiped(window) and reasons == ["idle"]
    assert window.state == CONSULT and window.session.in_session  # ready for the next patient
    assert not window.still_there.isVisible()
    _draw_and_select(window)
    clock.advance(61)  # the idle reset watches the next consult too
    assert _wiped(window) and reasons == ["idle", "idle"]


def test_next_patient_goes_through_the_session_controller(consult, _isolated_user_dirs):
    window = consult()
    before = sorted(_isolated_user_dirs.rglob("*"))
    reasons, steps = [], []
    window.sessionReset.connect(reasons.append)
    window.session.on_reset(lambda: steps.append(len(window.current_sketch())))
    _draw_and_select(window)
    window.next_patient_button.click()
    assert reasons == ["next"] and steps == [0]  # the screen was wiped by the controller's reset
    assert _wiped(window) and window.session.in_session
    _draw_and_select(window)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert reasons == ["next", "next"] and _wiped(window)
    assert sorted(_isolated_user_dirs.rglob("*")) == before


def test_escape_closes_the_picker_before_anything_else(consult):
    window = consult()
    window.activateWindow()
    window.open_picker()
    assert window.picker.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.picker.isVisible() and window.isVisible()


def test_mode_setting(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('mode = "consult"\nconsult_idle_timeout = 300\n', encoding="utf-8")
    config = load_config(path)
    assert config.mode == "consult" and config.consult_idle_timeout == 300
    path.write_text('mode = "consul"\nconsult_idle_timeout = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = "\n".join(map(str, caught.value.problems))
    assert "kiosk.toml:1: key 'mode': must be \"kiosk\"" in text
    assert "kiosk.toml:2: key 'consult_idle_timeout'" in text


def test_switch_to_consult_mode_needs_the_staff_panel(make_window):
    window = make_window()
    called = []
    window.switch_to_consult = lambda: called.append(True)
    assert not window.staff_consult() and called == []
    window.open_staff_panel()
    window.staff_panel.consult_button.click()
    assert called == [True]
