"""One palette: every colour of the screens comes from kiosk/ui/theme.py, and every icon is an
SVG file in assets/icons/ coloured from it."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from kiosk.resources import default_icons_dir
from tests.conftest import ROOT

UI = ROOT / "kiosk" / "ui"
HEX = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{2})?)?\b")
NUMBERED = re.compile(r"\b(?:QColor|QColor\.from(?:Rgb|Hsv|Hsl)F?|fromRgbF?)\(\s*[0-9.]")
NAMED = re.compile(r"\bQt\.GlobalColor\.(?!transparent\b)\w+|\bQColor\(\s*[\"'][a-z]+[\"']")
PAINTED_SHAPES = re.compile(r"\.draw(?:Ellipse|RoundedRect|Arc|Polygon)\(|QPainterPath\(QPointF")


def _ui_files() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name != "theme.py")


def colour_literals(source: str) -> list[str]:
    """Colours written into code: a hex string, QColor(r, g, b) and the like, a named colour."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and (match := HEX.search(token.string)):
            found.append(f"{token.start[0]}: {match.group()}")
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0] if "\"#" not in line and "'#" not in line else line
        for pattern in (NUMBERED, NAMED):
            found += [f"{number}: {m.group()}" for m in pattern.finditer(code)]
    return found


def test_the_check_finds_what_it_looks_for():
    assert colour_literals('c = QColor("#DCE7F1")\n') == ['1: #DCE7F1']
    assert colour_literals("c = QColor(13, 27, 42)\n") == ["1: QColor(1"]
    assert colour_literals("c = QColor.fromRgbF(0.2, 0.3, 0.4)\n") == ["1: QColor.fromRgbF(0"]
    assert colour_literals("painter.setPen(Qt.GlobalColor.black)\n") == ["1: Qt.GlobalColor.black"]
    assert colour_literals("pixmap.fill(Qt.GlobalColor.transparent)  # see #12\n") == []
    assert colour_literals("c = QColor(palette.accent)\n") == []


@pytest.mark.parametrize("path", _ui_files(), ids=lambda p: str(p.relative_to(UI)))
def test_no_colour_is_written_outside_the_theme(path):
    found = colour_literals(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.relative_to(ROOT)}: colours belong in kiosk/ui/theme.py: {found}"


@pytest.mark.parametrize("path", _ui_files(), ids=lambda p: str(p.relative_to(UI)))
def test_no_screen_paints_an_icon_by_hand(path):
    """Icons are SVG files; code paints only the drawings' content, the attract screen's calm
    shapes, the animation card and the usage chart, in the files that do that."""
    if path.name in {"attract.py", "animation_paint.py", "animation_screen.py", "condition_art.py",
                     "diagram_view.py", "staff.py", "boards.py"}:
        return
    found = PAINTED_SHAPES.findall(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.relative_to(ROOT)} paints shapes: make them an icon in assets/icons/"


def test_every_icon_is_an_svg_that_takes_its_colour_from_the_theme(kiosk_app):
    from kiosk.ui import icons

    names = sorted(p.stem for p in default_icons_dir().glob("*.svg"))
    assert {"play", "pause", "again", "check-box", "check-box-on", "check-disc-on", "chevron", "info",
            "text-larger", "contrast"} <= set(names)
    for name in names:
        text = (default_icons_dir() / f"{name}.svg").read_text(encoding="utf-8")
        assert "currentColor" in text and not HEX.search(text), name  # no colour of its own
        image = icons.pixmap(name, "#123456", 40, "#ABCDEF").toImage()
        colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
                   if image.pixelColor(x, y).alpha() == 255}
        assert "#123456" in colours, name
