"""The words inside the drawings come from each language's ui.toml ([drawings.<drawing>])."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.domain.content import load_content
from kiosk.domain.drawing_labels import TEXT_TAGS, scan_labels
from kiosk.domain.toml_source import read_toml
from kiosk.resources import default_content_dir, default_diagrams_dir

ROOT = default_content_dir()
DRAWINGS = sorted(default_diagrams_dir().glob("*.svg"))
# Labels that are the same in every language: the names of the spine's levels.
LEVEL = re.compile(r"^[LS][1-5]$")


def _catalog(language: str) -> dict[str, dict[str, str]]:
    data, _src, problems = read_toml(ROOT / language / "ui.toml")
    assert data is not None and not problems
    return data["drawings"]


def _texts(svg: bytes) -> dict[str, str]:
    """id -> words of every text element in one rendered SVG."""
    found = {}
    for element in ET.fromstring(svg).iter():
        if element.tag.rsplit("}", 1)[-1] in TEXT_TAGS and element.get("id"):
            found[element.get("id")] = element.text or ""
    return found


@pytest.fixture(scope="module")
def spanish():
    content, problems = load_content(ROOT, "es")
    assert not problems
    return {d.id: d for d in content.diagrams}


def test_every_visible_text_of_every_drawing_has_an_id():
    for path in DRAWINGS:
        labels, problems = scan_labels(path.read_text(encoding="utf-8"), path)
        assert not problems
        assert "title" in labels and len(labels) > 10, path.name


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda p: p.stem)
def test_a_spanish_drawing_shows_only_spanish_labels(path, spanish):
    """Every label id of the drawing, in the SVG the screens render (the drawing, each overlay
    and each side of an overlay), shows its Spanish words, never the English ones."""
    own, _ = scan_labels(path.read_text(encoding="utf-8"), path)
    english, words = _catalog("en")[path.stem], _catalog("es")[path.stem]
    assert set(english) == set(words) == set(own)
    diagram = spanish[path.stem]
    shown: dict[str, str] = {}
    svgs = [diagram.base_svg, *diagram.overlays.values(),
            *(svg for sides in diagram.overlay_sides.values() for svg in sides.values())]
    for svg in svgs:
        shown.update(_texts(svg))
    assert diagram.title == words["title"]
    for label_id, text in english.items():
        if label_id == "title":
            continue
        assert shown[label_id] == words[label_id], (path.stem, label_id)
        if not LEVEL.match(text):
            assert shown[label_id] != text, f"{path.stem}: '{label_id}' is still English: {text!r}"
            assert text not in shown.values(), f"{path.stem}: the English {text!r} is still shown"


def test_english_drawings_show_the_english_catalog(shipped):
    english = _catalog("en")
    for diagram in shipped.diagrams:
        assert _texts(diagram.base_svg).items() <= english[diagram.id].items()


def test_a_cached_english_drawing_is_never_read_back_for_spanish(tmp_path):
    cache = tmp_path / "cache"
    load_content(ROOT, "en", diagram_cache=cache)
    spanish, _ = load_content(ROOT, "es", diagram_cache=cache)
    english, _ = load_content(ROOT, "en", diagram_cache=cache)
    back_es = next(d for d in spanish.diagrams if d.id == "back")
    back_en = next(d for d in english.diagrams if d.id == "back")
    assert _texts(back_es.base_svg)["text-sacrum"] == "Sacro"
    assert _texts(back_en.base_svg)["text-sacrum"] == "Sacrum"
    assert len(list(cache.glob("*.marshal"))) == 2 * len(DRAWINGS)


# -- check-content ----------------------------------------------------------------------------

@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT, root)
    return root


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def _messages(root: Path, language: str) -> list[str]:
    _content, problems = load_content(root, language)
    return [str(p) for p in problems]


def test_a_label_without_words_and_words_without_a_label_are_reported_with_file_and_line(folder):
    words = folder / "es" / "ui.toml"
    text = words.read_text(encoding="utf-8")
    text = text.replace('text-sacrum = "Sacro"\n', "", 1)  # the first: back.svg's
    text = text.replace('text-disc = "Disco"\n', 'text-disc = "Disco"\ntext-spleen = "Bazo"\n', 1)
    text += '\n[drawings.knee]\ntext-kneecap = "Rótula"\n'
    words.write_text(text, encoding="utf-8")
    found = _messages(folder, "es")
    back = _line_of(words, "[drawings.back]")
    in_svg = _line_of(default_diagrams_dir() / "back.svg", 'id="text-sacrum"')
    assert (f"{words}:{back}: [drawings.back]: no words for the label 'text-sacrum' of back.svg "
            f"(line {in_svg}: \"Sacrum\"): translate it") in found
    assert any(m.startswith(f"{words}:{_line_of(words, 'text-spleen')}: [drawings.axial]: 'text-spleen' is "
                            "not a label of axial.svg") for m in found), found
    assert any(m.startswith(f"{words}:{_line_of(words, '[drawings.knee]')}: [drawings.knee]: there is no "
                            "drawing 'knee.svg'") for m in found), found
    assert len([m for m in found if "drawings" in m]) == 3
    assert not [m for m in _messages(folder, "en") if "drawings" in m]


def test_a_new_text_in_a_drawing_must_have_an_id_and_words_in_each_language(folder):
    drawings = folder / "diagrams"
    shutil.copytree(default_diagrams_dir(), drawings)
    svg = drawings / "side.svg"
    text = svg.read_text(encoding="utf-8").replace(
        "</svg>", '<text x="9" y="9">Pelvis</text><text id="text-pelvis" x="9" y="40">Pelvis</text></svg>')
    svg.write_text(text, encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "Pelvis" in line]
    for language in ("en", "es"):
        found = _messages(folder, language)
        assert any(m.startswith(f"{svg}:{lines[0]}: <text> \"Pelvis\" has no id") for m in found), found
        words = folder / language / "ui.toml"
        assert any(m.startswith(f"{words}:{_line_of(words, '[drawings.side]')}: [drawings.side]: no words "
                                "for the label 'text-pelvis' of side.svg") for m in found), found


def test_without_its_own_ui_toml_a_missing_label_is_reported_at_the_drawing(folder):
    drawings = folder / "diagrams"
    shutil.copytree(default_diagrams_dir(), drawings)
    (folder / "es" / "ui.toml").unlink()
    (folder / "en" / "ui.toml").unlink()
    svg = drawings / "axial.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace(
        "</svg>", '<text id="text-pelvis" x="9" y="40">Pelvis</text></svg>'), encoding="utf-8")
    line = _line_of(svg, "text-pelvis")
    found = _messages(folder, "es")
    assert [m for m in found if "Pelvis" in m] == [
        f"{svg}:{line}: label 'text-pelvis' (\"Pelvis\") has no words in 'es': add text-pelvis = \"...\" "
        "to [drawings.axial] in es/ui.toml"]


def test_a_clinic_drawing_label_shows_its_own_words_and_the_others_the_kiosk_ones(folder):
    words = folder / "es" / "ui.toml"
    text = words.read_text(encoding="utf-8")
    text = text.replace('text-sacrum = "Sacro"', 'text-sacrum = "Hueso sacro"', 1)
    words.write_text(text, encoding="utf-8")
    content, problems = load_content(folder, "es")
    assert not problems
    back = next(d for d in content.diagrams if d.id == "back")
    assert _texts(back.base_svg)["text-sacrum"] == "Hueso sacro"
    assert _texts(back.base_svg)["text-disc"] == "Disco"


def test_a_label_that_is_not_text_is_reported(folder):
    words = folder / "es" / "ui.toml"
    words.write_text(words.read_text(encoding="utf-8").replace('text-sacrum = "Sacro"', "text-sacrum = 3", 1),
                     encoding="utf-8")
    found = _messages(folder, "es")
    assert (f"{words}:{_line_of(words, 'text-sacrum = 3')}: 'drawings.back.text-sacrum' must be a text in "
            "quotes, not empty") in found
