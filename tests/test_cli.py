"""Command line: explain, screenshot and self-test, run as a user would."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.ui.app import is_blank
from tests.conftest import FIXTURES, ROOT

EXAMPLES = ROOT / "docs" / "examples"


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


def test_screenshot_of_the_under_18_page_from_an_answers_file(tmp_path):
    out = tmp_path / "under-18.png"
    answers = str(EXAMPLES / "under-18.json")
    result = kiosk("screenshot", "--screen", "questionnaire", "--answers", answers, "--size", "1366x768",
                   "--out", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768) and not is_blank(image)
    # these answers end on the under-18 page, not on the results: no comparison to show
    result = kiosk("screenshot", "--screen", "questionnaire", "--answers", answers, "--page", "compare",
                   "--out", str(tmp_path / "compare.png"))
    assert result.returncode == 2
    assert "results page" in result.stderr and "Traceback" not in result.stderr


def test_screenshot_page_compare_opens_the_comparison(kiosk_app, make_window):
    from kiosk.ui.capture import render_screen
    from tests.uihelpers import compare_pages

    window = make_window()
    window.build_screens()
    window.questionnaire._find_page = compare_pages().get  # treatment pages with [compare] words
    answers = json.loads((EXAMPLES / "weak-leg-walking-pain.json").read_text(encoding="utf-8"))
    image = render_screen(kiosk_app, window, "questionnaire", None, (1920, 1080), answers=answers,
                          page="compare")
    assert window.questionnaire.page_name() == "compare"
    assert window.questionnaire.compare.categories == window.questionnaire.session.result().categories()
    assert not is_blank(image)


def test_screenshot_unknown_select_is_a_clear_error(tmp_path):
    result = kiosk("screenshot", "--screen", "diagram", "--select", "nope", "--out",
                   str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_self_test_passes_on_the_shipped_content():
    result = kiosk("--self-test", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert result.stderr == ""  # Qt's own chatter goes to the log only


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


# ------------------------------------------------------------------ global options
def _commands():
    from kiosk.cli import build_parser

    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices


# the arguments each command needs besides the global options
REQUIRED = {"triage": ["--answers", "-"], "config": ["--check"], "explain": ["disc-L4-L5"],
            "screenshot": ["--screen", "home", "--out", "x.png"],
            "handout": ["--select", "disc-L4-L5", "--out", "x.pdf"]}


def test_every_command_is_listed_with_what_it_requires():
    assert set(REQUIRED) <= set(_commands())


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_takes_the_global_options_before_or_after_its_name(command, tmp_path):
    from kiosk.cli import build_parser

    given = ["--config", str(tmp_path / "a.toml"), "--content", str(tmp_path), "--language", "es"]
    parser = build_parser()
    for argv in ([*given, command, *REQUIRED.get(command, [])],
                 [command, *REQUIRED.get(command, []), *given]):
        args = parser.parse_args(argv)
        assert (args.config, args.content, args.language) == (tmp_path / "a.toml", tmp_path, "es"), argv
    # after the command wins; not given after it, the value before it stays
    args = parser.parse_args(["--language", "de", command, *REQUIRED.get(command, []), "--language", "fr"])
    assert args.language == "fr"
    args = parser.parse_args(["--language", "de", command, *REQUIRED.get(command, [])])
    assert args.language == "de" and args.config is None and args.content is None


def test_check_content_takes_language_after_the_command():
    result = kiosk("check-content", "--language", "en")
    assert result.returncode == 0, result.stderr
    assert "Content OK" in result.stderr


# ------------------------------------------------------------------ quiet terminal, tidy temp folder
def test_qt_chatter_goes_to_the_log_not_the_terminal(tmp_path):
    from kiosk.logsetup import log_dir

    # the drawings at 800x600 make the offscreen platform warn about size hints
    result = kiosk("screenshot", "--screen", "diagram", "--size", "800x600", "--out", str(tmp_path / "s.png"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "propagateSizeHints" in (log_dir() / "kiosk.log").read_text(encoding="utf-8")


def test_a_staff_screenshot_leaves_no_temporary_folder(tmp_path):
    import os

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "kiosk", "screenshot", "--screen", "staff",
                                 "--size", "800x600", "--out", str(tmp_path / "staff.png")],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
    assert list(scratch.iterdir()) == []
    assert not is_blank(QImage(str(tmp_path / "staff.png")))
