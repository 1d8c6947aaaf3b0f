"""Shared fixtures: offscreen Qt, one QApplication, isolated user folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# An offscreen screen the size of the kiosk's (Qt's default offscreen screen is 800x800,
# and touch points outside the screen are dropped).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).parent / 'offscreen-screen.json'}"
    )
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's config, data and log folders."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    yield home


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """Python's cycle collector runs between tests, not inside them. Tests drop many top-level
    widgets (the kiosk itself never does); collected in the middle of another widget's paint
    event, such a widget is deleted under Qt's feet and the run ends in a segmentation fault."""
    import gc

    gc.disable()
    yield
    gc.enable()
    gc.collect()


def pytest_configure(config):
    """Windows built by module- or session-wide fixtures (before any test's own fixture runs)
    get a fake speech engine too."""
    from kiosk.ui.speech import set_speech_factory
    from tests.fake_speech import FakeSpeechFactory

    set_speech_factory(FakeSpeechFactory())


@pytest.fixture(autouse=True)
def speech():
    """Every kiosk window in the tests gets a recording speech engine, never the computer's."""
    from kiosk.ui.speech import set_speech_factory
    from tests.fake_speech import FakeSpeechFactory

    factory = FakeSpeechFactory()
    set_speech_factory(factory)
    yield factory
    # Not the computer's engine afterwards either: a window's first-frame probe that fires
    # while the test is torn down gets a fake too (a real speech-dispatcher can block for good).
    set_speech_factory(FakeSpeechFactory())


@pytest.fixture(scope="session")
def shipped():
    """The built-in content, loaded once; it must be valid."""
    from kiosk.domain.content import load_content
    from kiosk.resources import default_content_dir

    content, problems = load_content(default_content_dir(), "en")
    assert problems == [], "\n".join(map(str, problems))
    return content


@pytest.fixture(scope="session")
def spanish():
    """The built-in Spanish content, loaded once; it must be valid."""
    from kiosk.domain.content import load_content
    from kiosk.resources import default_content_dir

    content, problems = load_content(default_content_dir(), "es")
    assert problems == [], "\n".join(map(str, problems))
    return content


@pytest.fixture
def mini_root(tmp_path) -> Path:
    """A writable copy of the small valid content set used by the bad-content tests."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def kiosk_app(qapp):
    from kiosk.domain.config import DEFAULT
    from kiosk.ui.app import create_app

    return create_app(DEFAULT)


@pytest.fixture
def shown_windows(kiosk_app, qtbot):
    """``show(window)``: a test's kiosk window shown at 1920x1080 (or ``size``; its quit a no-op),
    closed and deleted after the test."""
    made = []

    def show(window, size=(1920, 1080)):
        window.quit_app = lambda: None
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield show
    dispose_windows(made)


@pytest.fixture
def make_window(shown_windows, shipped):
    """Build a windowed kiosk at 1920x1080 on the built-in content."""
    from dataclasses import replace

    from kiosk.domain.config import DEFAULT
    from kiosk.ui.shell import KioskWindow

    def build(content=None, problems=(), reduce_motion=True, size=(1920, 1080)):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=reduce_motion)
        return shown_windows(KioskWindow(config, shipped if content is None else content, list(problems)),
                             size)

    return build


@pytest.fixture(scope="module")
def shared_window(kiosk_app, shipped):
    """One windowed kiosk at 1920x1080 for a whole module of tests that each start from Home
    (``window.go_home()``, as "Start over" does): building a window per test costs more than
    most such tests do."""
    from dataclasses import replace

    from kiosk.domain.config import DEFAULT
    from kiosk.ui.shell import KioskWindow

    window = KioskWindow(replace(DEFAULT, kiosk_mode=False, reduce_motion=True), shipped, [])
    window.resize(1920, 1080)
    window.show()
    yield window
    dispose_windows([window])


def dispose_windows(windows) -> None:
    """Close and really delete test windows, so none lingers with its timers and filters."""
    import shiboken6
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for window in windows:
        if shiboken6.isValid(window):
            window.shutdown()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
