"""Command line: explain, screenshot and self-test, run as a user would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.ui.app import is_blank
from tests.conftest import FIXTURES


def kiosk(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_explain_json_reports_highlights_and_links(shipped):
    result = kiosk("explain", "disc-L4-L5", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"id", "kind", "title", "highlight", "conditions", "treatments", "side"}
    assert data["side"] == "left"  # a disc usually presses on one side: the left is shown
    item = shipped.get("disc-L4-L5")
    assert data["id"] == "disc-L4-L5" and data["kind"] == "region" and data["title"] == item.title
    assert data["highlight"][0] == "disc-L4-L5"
    assert set(data["highlight"]) == {"disc-L4-L5", *item.links.regions}
    assert "root-L5" in data["highlight"]
    assert data["conditions"] == list(item.links.conditions)
    assert data["treatments"] == list(item.links.treatments)


def test_explain_plain_text_names_the_title():
    result = kiosk("explain", "herniated-disc")
    assert result.returncode == 0
    assert "condition" in result.stdout and "highlights:" in result.stdout


def test_explain_unknown_id_exits_2_naming_it():
    result = kiosk("explain", "disc-L9-L10", "--json")
    assert result.returncode == 2
    assert "disc-L9-L10" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("screen", "select", "size"), [
    ("home", None, (1920, 1080)),
    ("diagram", "disc-L4-L5", (1280, 720)),
])
def test_screenshot_cli_writes_a_png_of_the_requested_size(tmp_path, screen, select, size):
    out = tmp_path / f"{screen}.png"
    args = ["screenshot", "--screen", screen, "--size", f"{size[0]}x{size[1]}", "--out", str(out)]
    if select:
        args += ["--select", select]
    result = kiosk(*args)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    assert not is_blank(image)


def test_screenshot_shows_the_selection_neutral_and_what_it_presses_warm(kiosk_app, make_window):
    from kiosk.ui.capture import render_screen
    from kiosk.ui.theme import Palette

    window = make_window()
    image = render_screen(kiosk_app, window, "diagram", "disc-L4-L5", (1920, 1080))
    view = window.diagram.view
    from tests.uihelpers import inside_point

    def pixel_at(region_id):
        centre = view.mapFromScene(inside_point(view, region_id))
        origin = view.viewport().mapTo(window, centre)
        return QColor(image.pixel(origin.x(), origin.y()))

    glow = QColor(Palette().highlight)
    # the tapped disc keeps its own colour (a neutral outline, no warm fill) ...
    disc = pixel_at("disc-L4-L5")
    assert disc.blue() >= disc.red(), (disc.name(), glow.name())
    # ... while the sciatic nerve it leads to is tinted towards the warm highlight
    nerve = pixel_at("nerve-sciatic")
    assert nerve.red() - nerve.blue() > 100, (nerve.name(), glow.name())


def test_screenshot_unknown_select_is_a_clear_error(tmp_path):
    result = kiosk("screenshot", "--screen", "diagram", "--select", "nope", "--out",
                   str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_self_test_passes_on_the_shipped_content():
    result = kiosk("--self-test", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


def test_self_test_fails_with_the_reason_on_broken_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copy(FIXTURES / "bad" / "missing-title.md", root / "en" / "missing-title.md")
    result = kiosk("--self-test", "--content", str(root))
    assert result.returncode == 1
    assert "missing required field 'title'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("mode", [(), ("--windowed",)], ids=["kiosk", "windowed"])
def test_the_kiosk_starts_and_paints_its_first_frame(mode):
    """Kiosk mode opens on the attract screen, which covers the whole window."""
    result = kiosk(*mode, "--first-frame-exit", timeout=60)
    assert result.returncode == 0, result.stderr
    seconds = float(next(ln for ln in result.stdout.splitlines() if ln.startswith("first-frame")).split()[1])
    assert seconds > 0


def test_without_a_screen_the_kiosk_says_so_instead_of_aborting(monkeypatch, capsys):
    from kiosk.cli import main

    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 2
    assert "no screen" in capsys.readouterr().err
