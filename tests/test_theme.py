"""The themes: normal and high contrast, the pairs the style sheet draws, and `kiosk check-theme`."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields, replace

import pytest

from kiosk.cli import theme as theme_cli
from kiosk.domain.config import DEFAULT, load_config
from kiosk.domain.contrast import contrast_ratio
from kiosk.ui import theme

COLOURS = [f.name for f in fields(theme.Palette) if f.name != "text_size"]


def distinct_palette() -> theme.Palette:
    """A palette whose every colour is different, so a colour in the style names its field."""
    return theme.Palette(**{name: f"#{index + 1:06X}" for index, name in enumerate(COLOURS)})


def field_of(palette: theme.Palette) -> dict[str, str]:
    return {getattr(palette, name): name for name in COLOURS}


def test_every_text_colour_of_the_style_is_a_measured_pair():
    p = distinct_palette()
    names = field_of(p)
    measured = {pair.text for pair in theme.text_pairs(p)}
    styles = theme.style_sheet(p) + theme.document_css(p)
    colours = re.findall(r"(?<![-\w])color:\s*([^;}\s]+)", styles)
    assert len(colours) > 40
    for colour in colours:
        assert colour in names, f"a text colour outside the palette: {colour}"
        assert names[colour] in measured, f"{names[colour]} is drawn as text but never measured"


def test_the_style_has_no_colour_of_its_own():
    p = distinct_palette()
    hex_colours = set(re.findall(r"#[0-9A-Fa-f]{6}\b", theme.style_sheet(p)))
    assert hex_colours - set(field_of(p)) == {"#FFFFFF"}  # only the QR code's quiet zone: white always


def test_pairs_name_palette_colours_once_each():
    pairs = theme.text_pairs(theme.Palette())
    assert len(pairs) == len(set(pairs)) >= 15
    names = set(COLOURS)
    assert all(pair.text in names and pair.background in names for pair in pairs)
    assert theme.TextPair("on_accent", "accent") in pairs
    assert theme.TextPair("on_urgent", "urgent_bg") in pairs


@pytest.mark.parametrize(("contrast", "minimum"), [("normal", 4.5), ("high", 7.0)])
def test_each_shipped_theme_reaches_its_minimum(contrast, minimum):
    p = theme.palette_for(DEFAULT.accent_color, contrast)
    for pair in theme.text_pairs(p):
        ratio = contrast_ratio(getattr(p, pair.text), getattr(p, pair.background))
        assert ratio >= minimum, (pair, ratio)


def test_high_contrast_is_its_own_palette_and_keeps_only_a_dark_enough_accent():
    assert theme.palette_for(None, "high") == theme.HIGH_CONTRAST
    assert theme.palette_for(DEFAULT.accent_color, "high") == theme.HIGH_CONTRAST
    assert theme.config_palette(replace(DEFAULT, contrast="high")) == theme.HIGH_CONTRAST
    assert theme.config_palette(DEFAULT) == theme.Palette()
    dark = theme.palette_for("#1B3D2F", "high")  # 11.9:1 with white: the clinic's green stays
    assert dark.accent == "#1B3D2F" and dark.text == theme.HIGH_CONTRAST.text
    light = theme.palette_for("#2F6F4F", "high")  # 6.1:1: not enough for high contrast
    assert light.accent == theme.HIGH_CONTRAST.accent
    assert theme.palette_for("#2F6F4F", "normal").accent == "#2F6F4F"
    with pytest.raises(ValueError, match="contrast"):
        theme.palette_for(None, "dark")


def test_the_setting_selects_the_theme(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('contrast = "high"\n', encoding="utf-8")
    config = load_config(path)
    assert config.contrast == "high"
    assert DEFAULT.contrast == "normal"
    assert theme.HIGH_CONTRAST.text in theme.style_sheet(theme.config_palette(config))


def test_the_app_applies_the_high_contrast_style(kiosk_app):
    from kiosk.ui.app import create_app

    try:
        create_app(replace(DEFAULT, contrast="high"))
        assert kiosk_app.styleSheet() == theme.style_sheet(theme.HIGH_CONTRAST)
    finally:
        create_app(DEFAULT)
    assert kiosk_app.styleSheet() == theme.style_sheet(theme.Palette())


# ----------------------------------------------------------------------------- kiosk check-theme

def test_check_theme_passes_the_shipped_themes(capsys):
    assert theme_cli.check(DEFAULT) == theme_cli.EXIT_OK
    out = capsys.readouterr().out
    assert "normal theme: every text at least 4.5:1" in out and "high theme: every text at least 7:1" in out
    assert "TOO LOW" not in out and "All" in out
    pairs = len(theme.text_pairs(theme.Palette())) + len(theme.text_pairs(theme.HIGH_CONTRAST))
    assert out.count(":1  ok") == pairs


def test_check_theme_fails_a_bad_palette(capsys):
    bad = theme_cli.Theme("high", replace(theme.HIGH_CONTRAST, muted_text="#6B6B6B"), 7.0)  # 5.3:1 on white
    good = theme_cli.Theme("normal", theme.Palette(), 4.5)
    assert theme_cli.check(DEFAULT, [good, bad]) == theme_cli.EXIT_TOO_LOW
    out = capsys.readouterr().out
    low = [line for line in out.splitlines() if "TOO LOW" in line]
    assert low and all(line.strip().startswith("muted_text #6B6B6B on ") for line in low)
    assert all("5.32:1" in line and "needs 7:1" in line for line in low)
    assert f"{len(low)} of " in out


def test_a_pair_just_below_the_minimum_fails():
    # #777777 on white is 4.478:1: shown rounded down, never as a pass
    palette = replace(theme.Palette(), inactive_text="#777777")
    lines, too_low = theme_cli.report([theme_cli.Theme("normal", palette, 4.5)])
    assert too_low == 1
    (low,) = [line for line in lines if "TOO LOW" in line]
    assert "inactive_text #777777 on surface #FFFFFF" in low and " 4.47:1 " in low


def kiosk(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120)


def test_check_theme_command_exit_codes(tmp_path):
    result = kiosk("check-theme")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All " in result.stdout
    # a grey the settings accept (4.54:1 with white) is too light as text on the light background
    settings = tmp_path / "kiosk.toml"
    settings.write_text('accent_color = "#767676"\n', encoding="utf-8")
    result = kiosk("check-theme", "--config", str(settings))
    assert result.returncode == 1
    assert "accent #767676 on background #F2F5F8" in result.stdout and "TOO LOW" in result.stdout


# ----------------------------------------------------------------------------- text size

def test_text_size_scales_every_font_size_of_the_style():
    normal = theme.palette_for(None)
    large = theme.palette_for(None, text_size=1.5)
    sizes = [int(px) for px in re.findall(r"font-size: (\d+)px", theme.style_sheet(normal))]
    larger = [int(px) for px in re.findall(r"font-size: (\d+)px", theme.style_sheet(large))]
    assert len(sizes) == len(larger) > 40
    assert larger == [px + 14 for px in sizes]  # body text 28 -> 42 px: 1.5 times; the rest as many px more
    assert f"font-size: {round(theme.BODY_PX * 1.5)}px" in theme.document_css(large)
    assert f"font-size: {round(theme.BODY_PX * 1.5)}px" in theme.style_sheet(large)
    assert theme.font_px(theme.BODY_PX, theme.palette_for(None, text_size=1.25)) == 35
    assert theme.style_sheet(theme.palette_for(None, text_size=1.0)) == theme.style_sheet(normal)
    assert theme.config_palette(replace(DEFAULT, text_size=1.25, contrast="high")).text_size == 1.25
    with pytest.raises(ValueError, match="text_size"):
        theme.palette_for(None, text_size=2.0)


def test_text_size_setting_reads_whole_and_decimal_numbers(tmp_path):
    from kiosk.domain.config import write_setting

    path = tmp_path / "kiosk.toml"
    path.write_text("text_size = 1\n", encoding="utf-8")
    assert load_config(path).text_size == 1.0 and type(load_config(path).text_size) is float
    write_setting(path, "text_size", 1.25)
    assert path.read_text(encoding="utf-8") == "text_size = 1.25\n"
    assert load_config(path).text_size == 1.25


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_home_at_text_size_1_5_fits_1920x1080(kiosk_app, qtbot, shipped, contrast):
    from PySide6.QtCore import QRect

    from kiosk.ui.app import create_app
    from kiosk.ui.shell import KioskWindow
    from tests.conftest import dispose_windows

    config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, text_size=1.5, contrast=contrast)
    create_app(config)
    window = KioskWindow(config, shipped, [])
    try:
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(20)
        assert window.home.title.font().pixelSize() == theme.TITLE_PX + 14
        assert window.home.welcome.font().pixelSize() == 32 + 14
        assert (window.width(), window.height()) == (1920, 1080)
        min_size = window.minimumSizeHint()
        assert min_size.width() <= 1920 and min_size.height() <= 1080, min_size
        inside = QRect(0, 0, 1920, 1080)
        for widget in (window.home.title, window.home.welcome, window.home.explore_button):
            assert widget.isVisible()
            where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            assert inside.contains(where), (widget.objectName(), where)
        for label in (window.home.title, window.home.welcome):  # the whole text, on as many lines as it needs
            needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
            assert label.height() >= needed and label.width() >= label.minimumSizeHint().width(), label.text()
        button = window.home.explore_button
        assert button.width() >= button.sizeHint().width() and button.height() >= button.sizeHint().height()
    finally:
        dispose_windows([window])
        create_app(DEFAULT)
