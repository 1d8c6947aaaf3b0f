"""The shell's parts: screens built on demand, counts taken from signals, private state kept
private, and a public shutdown."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from kiosk.domain.config import DEFAULT
from kiosk.domain.navigation import ATTRACT, HOME, NavState, Screen
from kiosk.ui.shell import KioskWindow
from kiosk.ui.usage_recorder import UsageRecorder

ROOT = Path(__file__).resolve().parent.parent
LATER_SCREENS = (Screen.DIAGRAM, Screen.ANIMATION, Screen.QUESTIONNAIRE)


# ------------------------------------------------------------------ screens built on demand


@pytest.fixture
def kiosk_window(shown_windows, shipped):
    def build(kiosk_mode: bool):
        config = replace(DEFAULT, kiosk_mode=kiosk_mode, reduce_motion=True)
        return shown_windows(KioskWindow(config, shipped, [], languages=["en"]))

    return build


def test_a_normal_window_builds_only_home_until_another_screen_is_shown(kiosk_window, qtbot):
    window = kiosk_window(kiosk_mode=False)
    qtbot.wait(600)  # longer than any warm-up after the first frame used to wait
    assert window.state == HOME and window.screens.built(Screen.HOME) is not None
    for screen in (Screen.ATTRACT, *LATER_SCREENS):
        assert window.screens.built(screen) is None, screen
    window.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    assert window.diagram is not None and window.stack.currentWidget() is window.diagram
    assert window.animation is None and window.questionnaire is None
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    assert window.stack.currentWidget() is window.animation
    assert window.questionnaire is None
    window.open_questionnaire()
    assert window.stack.currentWidget() is window.questionnaire


def test_a_kiosk_builds_only_the_attract_screen_until_someone_touches_it(kiosk_window, qtbot):
    window = kiosk_window(kiosk_mode=True)
    qtbot.wait(600)
    assert window.state == ATTRACT and window.attract is not None
    for screen in (Screen.HOME, *LATER_SCREENS):
        assert window.screens.built(screen) is None, screen
    window.attract.touched.emit()
    assert window.state == HOME and window.stack.currentWidget() is window.home
    assert all(window.screens.built(screen) is None for screen in LATER_SCREENS)


def test_looking_at_a_screen_never_builds_it(kiosk_window):
    window = kiosk_window(kiosk_mode=False)
    assert window.diagram is None and window.diagram is None  # a property that only looks
    assert window.screens.built(Screen.DIAGRAM) is None
    window.build_screens()
    assert all(window.screens.built(screen) is not None for screen in LATER_SCREENS)


FIRST_FRAME = """
import sys
from dataclasses import replace
from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.app import create_app
from kiosk.ui.shell import KioskWindow

config = replace(DEFAULT, kiosk_mode=sys.argv[1] == "kiosk")
app = create_app(config)
content, problems = load_content(default_content_dir(), "en")
window = KioskWindow(config, content, problems)
window.show()
app.processEvents()
names = ("kiosk.ui.diagram_screen", "kiosk.ui.animation_screen", "kiosk.ui.questionnaire",
         "kiosk.ui.attract", "kiosk.ui.home")
print(" ".join(name for name in names if name in sys.modules))
window.shutdown()
"""


@pytest.mark.parametrize(("mode", "first"), [("windowed", "kiosk.ui.home"), ("kiosk", "kiosk.ui.attract")])
def test_the_first_frame_imports_only_the_first_screens_module(mode, first):
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME, mode], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    assert first in imported
    later = {"kiosk.ui.diagram_screen", "kiosk.ui.animation_screen", "kiosk.ui.questionnaire"}
    assert not later & set(imported)


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


# ------------------------------------------------------------------ counts from signals


class FakeCounter:
    def __init__(self):
        self.counted: list[tuple[str, str]] = []
        self.checkpoints = 0

    def count(self, metric: str, key: str = "") -> None:
        self.counted.append((metric, key))

    def checkpoint(self) -> None:
        self.checkpoints += 1


class FakeSession(QObject):
    began = Signal(str)
    sessionReset = Signal(str)


class FakeWindow(QObject):
    navigated = Signal(object, object)
    languageSwitched = Signal(str)


class FakeFactory(QObject):
    screenBuilt = Signal(object, object)


class FakeQuestionnaire(QObject):
    begun = Signal()
    urgentShown = Signal(str)
    resultsShown = Signal(list)


def test_the_usage_recorder_counts_what_the_signals_announce(kiosk_app, shipped):
    counter = FakeCounter()
    recorder = UsageRecorder(counter, lambda: shipped)
    session, window, factory = FakeSession(), FakeWindow(), FakeFactory()
    recorder.watch_session(session)
    recorder.watch_window(window)
    recorder.watch_screens(factory)

    session.began.emit("en")
    window.navigated.emit(ATTRACT, HOME)
    window.navigated.emit(HOME, NavState(Screen.DIAGRAM))
    window.navigated.emit(NavState(Screen.DIAGRAM), NavState(Screen.DIAGRAM, "disc-L4-L5"))
    window.navigated.emit(NavState(Screen.DIAGRAM, "disc-L4-L5"), NavState(Screen.DIAGRAM, "herniated-disc"))
    window.navigated.emit(HOME, ATTRACT)  # never counted
    window.languageSwitched.emit("es")
    questionnaire = FakeQuestionnaire()
    factory.screenBuilt.emit(Screen.QUESTIONNAIRE, questionnaire)
    questionnaire.begun.emit()
    questionnaire.resultsShown.emit(["conservative", "decompression"])
    questionnaire.urgentShown.emit("emergency")
    session.sessionReset.emit("idle")

    assert counter.counted == [
        ("sessions", ""), ("language", "en"), ("screen", "home"), ("screen", "diagram"),
        ("region", "disc-L4-L5"), ("page", "herniated-disc"), ("language", "es"),
        ("questionnaire_started", ""), ("questionnaire_completed", ""), ("suggested", "conservative"),
        ("suggested", "decompression"), ("urgent", "emergency")]
    assert counter.checkpoints == 1


def test_only_the_usage_recorder_calls_the_counter():
    offenders = []
    for path in sorted((ROOT / "kiosk" / "ui").rglob("*.py")):
        if path.name == "usage_recorder.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("count", "checkpoint")
                    and "counter" in ast.unparse(node.func.value)):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


# ------------------------------------------------------------------ private state stays private


def _private_names(path: Path) -> set[str]:
    """Every ``self._name`` a module assigns or defines as a method."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            names.add(node.attr)
    return names


def test_no_module_touches_the_staff_controllers_or_the_lockdowns_private_state():
    owners = [ROOT / "kiosk" / "ui" / "staff_controller.py", ROOT / "kiosk" / "ui" / "kiosk_lock.py"]
    private = set().union(*map(_private_names, owners)) | {"_exit_allowed"}
    assert {"_released", "_host", "_session"} <= private
    folders = ("kiosk", "tests", "benchmarks", "docs")
    sources = [path for folder in folders for path in (ROOT / folder).rglob("*.py")]
    offenders = []
    for path in sources:
        if path in owners:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in private
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert offenders == []


def test_shutdown_closes_a_locked_kiosk_that_refuses_an_ordinary_close(kiosk_window):
    window = kiosk_window(kiosk_mode=True)
    window.close()
    assert window.isVisible()
    window.shutdown()
    assert not window.isVisible() and window.lockdown.released
