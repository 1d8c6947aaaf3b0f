"""The frozen bundle in a real X window (Xvfb), driven with xdotool as a patient and staff would.

Start ``dist/spine-kiosk/spine-kiosk`` full screen, tap through a visit (the attract screen,
the drawings, a disc, the condition it links to, the questionnaire to the hand-off), wait
for the idle reset, then leave through the staff corner and the PIN. Where to tap comes from
an offscreen twin of the same window at the same size, driven along in step; screenshots of
the real window (``xwd``) are compared loosely with the offscreen ones in docs/screenshots.
Run by ``make bundle-test`` (marked ``bundle``); skipped, with the reason, where Xvfb, xdotool
or xwd is missing (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
EXE = ROOT / "dist" / "spine-kiosk" / "spine-kiosk"
PIN = "1357"
IDLE_TIMEOUT, IDLE_WARNING = 30, 5  # the shortest the settings allow
SIZE = (1920, 1080)
# Mean colour difference (0-255) of two shrunk screenshots: the same screen in the real window and
# offscreen (text antialiasing apart) / the same screen with other words in it / a picture that drifts
SAME, SIMILAR, DRIFTING = 4, 12, 30

pytestmark = pytest.mark.bundle


def _tools() -> None:
    for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool"), ("xwd", "x11-apps")):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian package {package}; .ci/run installs it)")


def _sources_newer_than(target: Path) -> bool:
    stamp = target.stat().st_mtime
    trees = [ROOT / "kiosk", ROOT / "content", ROOT / "assets"]
    files = [ROOT / "build_kiosk.spec", *(f for tree in trees for f in tree.rglob("*") if f.is_file())]
    return any(f.stat().st_mtime > stamp for f in files)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    """The bundle ``make bundle`` (or tests/test_bundle.py) built, built again when older than the code."""
    _tools()
    if not EXE.exists() or _sources_newer_than(EXE):
        work = tmp_path_factory.mktemp("pyinstaller")
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
             "--distpath", str(ROOT / "dist"), "--workpath", str(work), str(ROOT / "build_kiosk.spec")],
            capture_output=True, text=True, timeout=900, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-4000:]
    return EXE


@pytest.fixture
def display():
    """A private X server at the kiosk's size; its display name."""
    _tools()
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
                               "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


# -- screenshots ---------------------------------------------------------------------------------


def grab(display: str):
    """The whole X screen as a QImage, from ``xwd`` (a 24-bit TrueColor ZPixmap)."""
    from PySide6.QtGui import QImage

    data = subprocess.run(["xwd", "-root", "-silent", "-display", display], capture_output=True,
                          timeout=30, check=True).stdout
    header = struct.unpack(">25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    bits_per_pixel, bytes_per_line, colours = header[11], header[12], header[19]
    assert bits_per_pixel == 32 and header[7] == 0, "expected 32-bit LSB-first pixels"
    start = header_size + colours * 12
    pixels = data[start:start + bytes_per_line * height]
    return QImage(pixels, width, height, bytes_per_line, QImage.Format.Format_RGB32).copy()


def difference(a, b) -> float:
    """Mean difference (0-255) of two pictures shrunk to 96x54: layout and colour, not detail."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = [img.convertToFormat(QImage.Format.Format_RGB32).scaled(
        96, 54, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        for img in (a, b)]
    total = 0
    for y in range(54):
        for x in range(96):
            p, q = small[0].pixel(x, y), small[1].pixel(x, y)
            total += sum(abs(((p >> s) & 255) - ((q >> s) & 255)) for s in (0, 8, 16))
    return total / (96 * 54 * 3)


def reference(name: str):
    from PySide6.QtGui import QImage

    image = QImage(str(SHOTS / f"{name}.png"))
    assert not image.isNull(), name
    return image


# -- the run ---------------------------------------------------------------------------------------


class Kiosk:
    """The frozen kiosk under Xvfb, and its offscreen twin that says where things are."""

    def __init__(self, display: str, process: subprocess.Popen, twin, qtbot) -> None:
        self.display, self.process, self.twin, self.qtbot = display, process, twin, qtbot

    def xdotool(self, *args: str) -> str:
        env = {**os.environ, "DISPLAY": self.display}
        return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30, env=env,
                              check=True).stdout

    def click_at(self, x: int, y: int, settle: float = 0.6) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")
        time.sleep(settle)  # the kiosk's answer to a tap is well under this

    def press(self, widget, settle: float = 0.6) -> None:
        """Tap ``widget``'s twin in the real window, and press it in the twin too."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        assert widget.isVisible(), widget
        centre = widget.mapTo(self.twin, widget.rect().center())
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         widget.rect().center())
        self.qtbot.wait(20)
        self.click_at(centre.x(), centre.y(), settle)

    def tap_region(self, view, region: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from tests.uihelpers import inside_point

        point = view.mapFromScene(inside_point(view, region))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self.qtbot.wait(20)
        where = view.viewport().mapTo(self.twin, point)
        self.click_at(where.x(), where.y())

    def scroll_to_end(self, area) -> None:
        """Turn the wheel over a scroll area until its end shows, in the real window and the twin."""
        centre = area.mapTo(self.twin, area.rect().center())
        self.xdotool("mousemove", str(centre.x()), str(centre.y()),
                     "click", "--repeat", "40", "--delay", "15", "5")  # button 5: the wheel turned down
        time.sleep(0.6)
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum())

    def screenshot(self, name: str, folder: Path):
        image = grab(self.display)
        image.save(str(folder / f"{name}.png"))
        return image

    def offscreen(self, name: str, folder: Path):
        """The twin's picture of the same moment (what ``kiosk screenshot`` renders)."""
        self.qtbot.wait(50)
        image = self.twin.grab().toImage()
        image.save(str(folder / f"{name}-offscreen.png"))
        return image

    def difference_from_twin(self, name: str, folder: Path) -> float:
        return difference(self.screenshot(name, folder), self.offscreen(name, folder))


@pytest.fixture
def twin(kiosk_app, qtbot):
    from kiosk.domain.config import DEFAULT
    from kiosk.domain.content import content_languages, load_content
    from kiosk.resources import default_content_dir
    from kiosk.ui.app import show_window
    from kiosk.ui.clock import ManualClock
    from kiosk.ui.shell import KioskWindow
    from tests.conftest import dispose_windows

    # read_aloud off in both: whether a speech engine shows the speaker button depends on the
    # machine (the frozen kiosk finds speech-dispatcher, the twin never probes), not on the bundle
    config = replace(DEFAULT, kiosk_mode=True, reduce_motion=True, idle_timeout=IDLE_TIMEOUT,
                     idle_warning=IDLE_WARNING, admin_pin_hash="x", read_aloud=False)
    content, problems = load_content(default_content_dir(), "en")
    window = KioskWindow(config, content, problems, counter=None, clock=ManualClock(),
                         languages=content_languages(default_content_dir()))
    window.quit_app = lambda: None
    show_window(kiosk_app, window, kiosk_mode=True)
    qtbot.waitExposed(window)
    window.build_screens()
    assert (window.width(), window.height()) == SIZE
    yield window
    dispose_windows([window])


def test_a_visit_in_the_frozen_kiosk_under_x(frozen, display, twin, qtbot, tmp_path):
    from kiosk.domain.pin import hash_pin
    from kiosk.ui.shell import Screen

    home = tmp_path / "home"
    settings = tmp_path / "kiosk.toml"
    pin_hash = hash_pin(PIN, iterations=1000)
    settings.write_text(f'kiosk_mode = true\nreduce_motion = true\nread_aloud = false\n'
                        f'idle_timeout = {IDLE_TIMEOUT}\n'
                        f'idle_warning = {IDLE_WARNING}\nadmin_pin_hash = "{pin_hash}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CACHE_HOME=str(home / "cache"))
    shots = tmp_path / "shots"
    shots.mkdir()
    log = tmp_path / "kiosk-stderr.txt"
    with log.open("wb") as err:
        process = subprocess.Popen([str(frozen), "--config", str(settings)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=err)
    kiosk = Kiosk(display, process, twin, qtbot)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", twin.windowTitle()],
                                   capture_output=True, text=True, env={**os.environ, "DISPLAY": display})
            if found.stdout.strip():
                break
            assert process.poll() is None, log.read_text(errors="replace")
            time.sleep(0.3)
        else:
            pytest.fail("the kiosk window never appeared: " + log.read_text(errors="replace"))
        time.sleep(2)  # its first frames

        attract = kiosk.screenshot("1-attract", shots)
        assert difference(attract, reference("attract")) < DRIFTING

        kiosk.click_at(SIZE[0] // 2, SIZE[1] // 2)  # a touch starts the visit
        twin.attract.touched.emit()
        assert kiosk.difference_from_twin("2-home", shots) < SAME

        kiosk.press(twin.home.explore_button, settle=1.5)
        assert twin.state.screen is Screen.DIAGRAM
        assert kiosk.difference_from_twin("3-diagram", shots) < SAME

        view = twin.diagram.views[0]
        kiosk.tap_region(view, "disc-L4-L5")
        assert kiosk.difference_from_twin("4-disc", shots) < SAME
        kiosk.scroll_to_end(twin.diagram.panel.scroll)  # down to the conditions it links to
        assert kiosk.difference_from_twin("4-disc-scrolled", shots) < SAME
        condition = twin.content.get("herniated-disc").title
        [button] = [b for b in twin.diagram.panel.related_buttons() if b.text() == condition]
        kiosk.press(button)
        assert twin.diagram.panel.current_id == "herniated-disc"
        assert kiosk.difference_from_twin("5-condition", shots) < SAME

        kiosk.press(twin.action_button)  # "Which treatments could I discuss?"
        questionnaire = twin.questionnaire
        kiosk.press(questionnaire.start_button)
        answers = json.loads((ROOT / "docs" / "examples" / "recent-sciatica.json").read_text("utf-8"))
        for _ in range(60):
            question = questionnaire.current_question
            if questionnaire.page_name() != "question" or question is None:
                break
            value = answers.get(question.key)
            if question.is_red_flag:
                kiosk.press(questionnaire.yes_button if question.id in answers["red_flags"]
                            else questionnaire.no_button)
            elif question.type == "body_map":
                for area in value:
                    kiosk.tap_region(questionnaire.body_map_view, area)
                kiosk.press(questionnaire.next_button)
            elif question.type == "yes_no":
                kiosk.press(questionnaire.yes_button if value else questionnaire.no_button)
            elif question.type == "multi":
                for option in value:
                    kiosk.press(questionnaire.option_button(option))
                kiosk.press(questionnaire.next_button)
            else:
                kiosk.press(questionnaire.option_button(value))
        assert questionnaire.page_name() == "results"
        assert kiosk.difference_from_twin("6-results", shots) < SAME
        kiosk.press(questionnaire.show_doctor_button)
        handoff = kiosk.screenshot("7-handoff", shots)
        assert difference(handoff, kiosk.offscreen("7-handoff", shots)) < SAME
        assert difference(handoff, reference("questionnaire-handoff")) < SIMILAR  # the README's picture

        time.sleep(IDLE_TIMEOUT + 3)  # nobody touches it: "Still there?", then the reset
        after = kiosk.screenshot("8-after-idle", shots)
        twin.reset_session("idle")
        assert difference(after, kiosk.offscreen("8-after-idle", shots)) < DRIFTING
        assert difference(after, handoff) > 2 * difference(after, reference("attract"))

        kiosk.xdotool("mousemove", "10", "10", "mousedown", "1")
        time.sleep(3.5)  # the staff corner: held for 3 seconds
        kiosk.xdotool("mouseup", "1")
        time.sleep(0.6)
        twin.open_staff_gate()
        assert kiosk.difference_from_twin("9-pin", shots) < SAME
        for digit in PIN:
            kiosk.press(twin.pin_pad.digit_buttons[digit], settle=0.2)
        kiosk.click_at(*_centre(twin, twin.pin_pad.enter_button), settle=2.0)  # checked off the GUI thread
        twin.pin_pad.close_pad()
        twin.open_staff_panel()
        assert kiosk.difference_from_twin("10-staff", shots) < SIMILAR  # its counts differ
        kiosk.click_at(*_centre(twin, twin.staff_panel.exit_button), settle=0)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    errors = log.read_text(errors="replace")
    assert "Traceback" not in errors and "ERROR" not in errors, errors
    assert (home / "data" / "spine-kiosk" / "usage.sqlite3").exists()  # the visit was counted


def _centre(window, widget) -> tuple[int, int]:
    point = widget.mapTo(window, widget.rect().center())
    return point.x(), point.y()
