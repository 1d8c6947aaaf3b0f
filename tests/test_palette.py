"""The dermatome overlays stay apart for colour-blind viewers, and each names its root.

About 1 in 12 men has red-green colour blindness. The overlay colours are read from the
drawing itself (hurts.svg), blended over the skin the way the kiosk shows them, passed
through the Machado et al. (2009) simulation of deuteranopia and protanopia (severity 1),
and compared with CIEDE2000: each pair must stay clearly apart, and each must stand out
from the bare skin.
"""

from __future__ import annotations

import itertools
import re
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # colour-science notes that SciPy is absent; it is not needed here
    import colour

from kiosk.resources import default_diagrams_dir
from kiosk.ui.theme import Palette

SVG = "{http://www.w3.org/2000/svg}"
ROOTS = ("L4", "L5", "S1")
VISION = ("normal", "Deuteranomaly", "Protanomaly")
MIN_APART = 12.0  # CIEDE2000 between two overlays
MIN_ON_SKIN = 10.0  # CIEDE2000 between an overlay and the skin it lies on


def _linear(hex_colour: str) -> np.ndarray:
    return colour.models.eotf_sRGB(colour.notation.HEX_to_RGB(hex_colour))


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = colour.RGB_to_XYZ(linear_rgb, colour.RGB_COLOURSPACES["sRGB"], apply_cctf_decoding=False)
    return colour.XYZ_to_Lab(xyz)


def _seen(linear_rgb: np.ndarray, vision: str) -> np.ndarray:
    if vision == "normal":
        return linear_rgb
    return np.clip(colour.blindness.matrix_cvd_Machado2009(vision, 1.0) @ linear_rgb, 0.0, 1.0)


def _delta_e(a: np.ndarray, b: np.ndarray) -> float:
    return float(colour.difference.delta_E_CIE2000(_lab(a), _lab(b)))


@pytest.fixture(scope="module")
def hurts():
    return ET.parse(default_diagrams_dir() / "hurts.svg").getroot()


def _overlay_colour(root, overlay_id: str) -> tuple[str, float]:
    """(the one hue, its strongest opacity) of an overlay's gradients."""
    overlay = root.find(f".//*[@id='{overlay_id}']")
    assert overlay is not None, overlay_id
    gradients = {m for el in overlay.iter() for m in re.findall(r"url\(#([^)]+)\)", el.get("fill", ""))}
    stops = [stop for gid in gradients for stop in root.find(f".//*[@id='{gid}']").iter(f"{SVG}stop")]
    hues = {stop.get("stop-color").upper() for stop in stops}
    assert len(hues) == 1, f"{overlay_id} should use one hue, not {sorted(hues)}"
    return hues.pop(), max(float(stop.get("stop-opacity", "1")) for stop in stops)


def _skin(root) -> np.ndarray:
    """The tappable skin the overlays lie on: the area colour over the body's skin."""
    area = root.find(".//*[@id='area-calf-back']")
    body = root.find(f".//{SVG}linearGradient[@id='skin-fade']/{SVG}stop[last()]")
    alpha = float(area.get("fill-opacity", "1"))
    return _linear(area.get("fill")) * alpha + _linear(body.get("stop-color")) * (1 - alpha)


def _shown(root) -> dict[str, np.ndarray]:
    skin = _skin(root)
    shown = {}
    for name in ROOTS:
        hue, alpha = _overlay_colour(root, f"dermatome-{name}")
        shown[name] = _linear(hue) * alpha + skin * (1 - alpha)
    return shown


@pytest.mark.parametrize("vision", VISION)
def test_overlays_stay_apart_from_each_other_and_from_the_skin(hurts, vision):
    shown = _shown(hurts)
    skin = _seen(_skin(hurts), vision)
    for a, b in itertools.combinations(ROOTS, 2):
        apart = _delta_e(_seen(shown[a], vision), _seen(shown[b], vision))
        assert apart >= MIN_APART, f"{vision}: {a} and {b} are only {apart:.1f} apart"
    for name in ROOTS:
        on_skin = _delta_e(_seen(shown[name], vision), skin)
        assert on_skin >= MIN_ON_SKIN, f"{vision}: {name} is only {on_skin:.1f} from the skin"


def test_the_old_blue_and_violet_would_fail_for_red_green_colour_blindness(hurts):
    """The check can fail: the colours this drawing used before merge under deuteranopia."""
    skin = _skin(hurts)
    blue, violet = (_linear(c) * 0.55 + skin * 0.45 for c in ("#3A6EA5", "#7B4FA0"))
    assert _delta_e(_seen(blue, "Deuteranomaly"), _seen(violet, "Deuteranomaly")) < MIN_APART


def test_each_overlay_is_labelled_with_its_root_and_the_legend_names_every_root(hurts):
    for name in ROOTS:
        overlay = hurts.find(f".//*[@id='dermatome-{name}']")
        words = {(text.text or "").strip() for text in overlay.iter(f"{SVG}text")}
        assert words == {name}
    legend = hurts.find(".//*[@id='legend']")
    assert "legend" in legend.get("class", "").split()
    words = " ".join((text.text or "") for text in legend.iter(f"{SVG}text"))
    for name in ROOTS:
        assert f"{name} nerve root" in words


def test_the_selection_is_neutral_not_a_hue_that_mixes_with_the_overlays():
    palette = Palette()
    for name in ("selected_outline", "selected_halo"):
        r, g, b = colour.notation.HEX_to_RGB(getattr(palette, name))
        assert max(r, g, b) - min(r, g, b) < 0.12, f"{name} should be a neutral grey, not a hue"
