"""Bad content at start and on a staff reload, and failures under ``Restart=always``.

Content with problems shows the problems screen (never exit 3); a reload of such content
lists its problems and keeps the visit; a kiosk that cannot start logs one line per
distinct failure instead of a traceback on every restart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import failures
from kiosk.domain.config import DEFAULT
from kiosk.domain.pin import hash_pin
from kiosk.domain.problems import Problem
from kiosk.logsetup import log_dir
from kiosk.ui.shell import KioskWindow, NavState, Screen

PIN = "2468"


@pytest.fixture
def window_for(shown_windows, shipped):
    show = shown_windows

    def make(content=shipped, problems=(), loader=None):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True,
                         admin_pin_hash=hash_pin(PIN, iterations=1000))
        window = KioskWindow(config, content, list(problems), loader=loader, languages=["en"])
        return show(window)

    yield make


def _open_staff_panel(qtbot, window):
    window.open_staff_gate()
    for digit in PIN:
        window.pin_pad.digit_buttons[digit].click()
    window.pin_pad.enter_button.click()
    qtbot.waitUntil(lambda: window.staff_unlocked, timeout=5000)


def test_a_reload_whose_loader_fails_lists_it_and_keeps_the_visit(window_for, qtbot, shipped):
    def broken(language):
        raise RecursionError("maximum recursion depth exceeded")

    window = window_for(loader=broken)
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    resets = []
    window.sessionReset.connect(resets.append)
    _open_staff_panel(qtbot, window)
    window.staff_panel.reload_button.click()
    assert window.content is shipped and resets == []
    assert window.state == NavState(Screen.DIAGRAM, "herniated-disc")
    assert "not loaded" in window.staff_panel.message.text()
    assert "the content could not be loaded (RecursionError)" in window.staff_panel.problem_list.toPlainText()


def test_content_no_screen_can_show_is_listed_at_start_and_refused_on_reload(window_for, qtbot, shipped,
                                                                             monkeypatch):
    from kiosk.ui import screens

    class Broken(screens.HomeScreen):
        def __init__(self, *args, **kwargs):
            raise ValueError("a drawing Qt cannot use")

    with monkeypatch.context() as patch:
        patch.setattr(screens, "HomeScreen", Broken)
        window = window_for()
    assert window.state.screen is Screen.PROBLEMS and window.content is None
    [line] = window.problems_screen.lines()
    assert "the kiosk cannot show this content (ValueError)" in line

    window = window_for(loader=lambda language: (shipped, []))
    home = window.home
    _open_staff_panel(qtbot, window)
    monkeypatch.setattr(screens, "HomeScreen", Broken)
    assert window.staff_reload() is False
    assert window.home is home and window.content is shipped
    assert "cannot show this content" in window.staff_panel.problem_list.toPlainText()


def _page_with_deep_front_matter(root: Path) -> None:
    (root / "en" / "deep.md").write_text(
        '+++\nid = "deep"\nkind = "topic"\ntitle = "Deep"\nsources = ["x"]\nx = '
        + "{all = [" * 5000 + "]}" * 5000 + "\n+++\nText.\n", encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_bad_content_starts_the_kiosk_on_the_problems_screen(mini_root):
    _page_with_deep_front_matter(mini_root)
    os.mkfifo(mini_root / "en" / "pipe.md")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "kiosk", "--windowed", "--first-frame-exit",
                             "--content", str(mini_root)], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    log = (log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert f"content problem: {mini_root / 'en' / 'deep.md'}:6: front matter is not valid TOML" in log
    assert "it is a named pipe" in log


# ------------------------------------------------------------------ Restart=always

CRASH = """
import sys
from kiosk import cli

def deep(args, n=0):
    return deep(args, n + 1)

cli._dispatch = deep
sys.exit(cli.main(sys.argv[1:]))
"""


def _attempt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CRASH, *args], capture_output=True, text=True, timeout=60)


def test_a_failing_start_logs_one_line_and_its_repeats_only_now_and_then():
    log = log_dir() / "kiosk.log"
    first = _attempt()
    assert first.returncode == 3
    [line] = first.stderr.splitlines()
    assert line.startswith("kiosk: unexpected error: RecursionError at <string>:6 in deep")
    logged = log.read_text(encoding="utf-8").splitlines()
    assert len(logged) == 1 and "ERROR kiosk: unexpected error: RecursionError at <string>:6" in logged[0]
    size = log.stat().st_size
    assert size < 1000
    for _ in range(8):
        assert _attempt().returncode == 3
    assert log.read_text(encoding="utf-8").count("unexpected error") == 1  # attempts 2 to 9: nothing
    assert _attempt().returncode == 3
    assert "(the same failure 10 times in a row since" in log.read_text(encoding="utf-8")
    assert log.stat().st_size < size + 2000  # ten attempts; a traceback each was 195 KB


def test_a_start_that_succeeds_forgets_the_failure(tmp_path):
    folder = tmp_path
    assert failures.record(folder, ["x"])[:2] == (True, 1)
    assert failures.record(folder, ["x"])[:2] == (False, 2)
    assert failures.record(folder, ["y"])[:2] == (True, 1)  # another failure: logged at once
    failures.clear(folder)
    assert failures.record(folder, ["y"])[:2] == (True, 1)
    counts = [failures.record(folder, ["y"])[0] for _ in range(2, 1001)]
    assert [n for n, logged in enumerate(counts, start=2) if logged] == [10, 100, 1000]


def test_a_broken_settings_file_under_restart_is_logged_once(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text("idle_timeout = 5\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(3):
        result = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(settings)],
                                capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 2 and "idle_timeout" in result.stderr
    log = (log_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("settings problem:") == 1


def test_describe_names_the_innermost_frames_once():
    def inner():
        raise ValueError("x" * 10_000)

    try:
        inner()
    except ValueError as exc:
        line = failures.describe(exc)
    assert line.startswith("ValueError at tests/test_start_failures.py:") and "in inner <" in line
    assert len(line) < 400 and "\n" not in line


def test_problem_lines_name_the_whole_file_without_a_line():
    assert str(Problem(Path("a.toml"), 0, "cannot read: gone")) == "a.toml: cannot read: gone"
