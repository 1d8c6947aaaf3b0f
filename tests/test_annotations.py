"""The drawings model and file (no Qt), the condition steps, and `kiosk handout` from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.annotations import (
    Point,
    Sketch,
    Stroke,
    load_annotations,
    parse_annotations,
    to_json,
)
from kiosk.domain.consult import CONDITION, HEALTHY, TREATMENT, condition_steps, qr_text

ROOT = Path(__file__).resolve().parent.parent


def stroke(*xy, colour="red"):
    return Stroke(tuple(Point(x, y) for x, y in xy), colour, 6.0)


def test_undo_redo_erase_and_clear():
    sketch = Sketch()
    a, b = stroke((0, 0), (10, 10)), stroke((50, 50), (60, 60))
    sketch.add(a)
    sketch.add(b)
    assert sketch.erase([a])
    assert sketch.strokes == (b,)
    assert sketch.undo() and sketch.strokes == (a, b)  # back in its place
    assert sketch.clear() and sketch.strokes == ()
    assert sketch.undo() and sketch.strokes == (a, b)
    assert sketch.redo() and sketch.strokes == ()
    sketch.undo()  # the clear (the erase's redo went when the clear was done)
    sketch.undo()  # b
    assert sketch.strokes == (a,) and sketch.can_redo
    sketch.add(b)
    assert not sketch.can_redo  # a new stroke drops what could be redone


def test_forget_drops_the_history():
    sketch = Sketch()
    sketch.add(stroke((0, 0), (1, 1)))
    sketch.forget()
    assert sketch.strokes == () and not sketch.can_undo and not sketch.can_redo


def test_near_counts_the_line_not_only_the_points():
    s = stroke((0, 0), (100, 0))
    assert s.near(50, 4, 2)  # half the width (3) plus the radius
    assert not s.near(50, 20, 2)


def test_the_file_round_trips(tmp_path):
    strokes = [Stroke((Point(1.5, 2, 0.25), Point(30, 40, 0.9)), "blue", 4.0),
               Stroke((Point(5, 5),), "yellow", 28.0, True)]
    path = tmp_path / "d.json"
    path.write_text(to_json(strokes, view="side"), encoding="utf-8")
    found, problems = load_annotations(path)
    assert problems == []
    assert found.view == "side"
    assert [(s.colour, s.width, s.highlighter, s.points) for s in found.strokes] == \
        [(s.colour, s.width, s.highlighter, s.points) for s in strokes]


def test_bad_files_name_the_line_and_the_key(tmp_path):
    text = ('{\n  "format": "spine-kiosk-annotations",\n  "version": 1,\n  "strokes": [\n'
            '    {"colour": "red", "width": 4, "points": [[1, 2], [3, 4]]},\n'
            '    {"colour": "purple", "width": 4, "points": [[1, 2]]},\n'
            '    {"colour": "blue", "width": -1,\n     "points": [[1, 2], [3, "x"], [5, 6, 2]]}\n  ],\n'
            '  "extra": true\n}\n')
    found, problems = parse_annotations(Path("d.json"), text)
    lines = [str(p) for p in problems]
    colour = 'd.json:6: strokes[1].colour: must be one of blue, red, green, black, yellow, not "purple"'
    assert colour in lines
    assert any(line.startswith("d.json:7: strokes[2].width: must be a number") for line in lines)
    assert any(line.startswith("d.json:8: strokes[2].points[1]: must be [x, y]") for line in lines)
    assert any(line.startswith("d.json:8: strokes[2].points[2]: the pressure") for line in lines)
    assert any(line.startswith("d.json:10: extra: unknown key") for line in lines)
    assert len(found.strokes) == 1  # the good stroke is still read


@pytest.mark.parametrize(("text", "expected"), [
    ("{\n  \"format\": \"x\",\n", "d.json:3: not valid JSON"),
    ("[]", "d.json:1: must be a JSON object"),
    ('{"format": "spine-kiosk-annotations", "version": 2, "strokes": []}', "d.json:1: version: must be 1"),
    ('{"format": "spine-kiosk-annotations", "version": 1}', "d.json:1: strokes: must be a list of strokes "
                                                              "(the key is missing)"),
])
def test_broken_files(text, expected):
    _found, problems = parse_annotations(Path("d.json"), text)
    assert problems and str(problems[0]).startswith(expected), problems


def test_an_unreadable_file_is_one_problem(tmp_path):
    _found, problems = load_annotations(tmp_path / "missing.json")
    assert len(problems) == 1 and "cannot read" in problems[0].message


def test_condition_steps_go_healthy_condition_treatments(shipped):
    steps = condition_steps(shipped, "herniated-disc")
    kinds = [s.kind for s in steps]
    assert kinds[0] == HEALTHY and steps[0].animation_id == "herniated-disc" and steps[0].progress == 0
    assert steps[1] == type(steps[1])(CONDITION, "herniated-disc")
    assert any(s.kind == CONDITION and s.animation_id == "herniated-disc" and s.progress == 1 for s in steps)
    treated = [s.item_id for s in steps if s.kind == TREATMENT and s.animation_id is None]
    assert treated == list(shipped.get("herniated-disc").links.treatments)
    assert any(s.animation_id == "microdiscectomy" for s in steps)  # decompression's animations
    assert condition_steps(shipped, "disc-L4-L5") == []  # not a condition


def test_qr_text_keeps_whole_paragraphs_within_the_limit():
    paragraphs = ["Title.", "A first sentence. A second one.", "x" * 2000]
    text = qr_text(paragraphs, limit=60)
    assert len(text.encode()) <= 62
    assert text.startswith("Title.\nA first sentence. A second one.") and text.endswith("…")
    assert qr_text(["a", "b"]) == "a\nb"


def _run(*args, cwd=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=180)


def test_kiosk_handout_makes_the_sheet_with_the_page_text(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    drawings = tmp_path / "d.json"
    drawings.write_text(to_json([stroke((300, 300), (500, 400))], view="side"), encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    done = _run("handout", "--select", "herniated-disc", "--annotations", str(drawings), "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert "Herniated, bulging or torn disc" in text
    assert "When the soft centre of a spinal disc pushes out and presses on a nerve." in text
    assert "Drawn during your visit" in text
    for identifier in ("Name:", "Patient", "Date of birth", "MRN"):
        assert identifier not in text


def test_kiosk_handout_refuses_a_bad_drawings_file(tmp_path):
    drawings = tmp_path / "d.json"
    drawings.write_text(json.dumps({"format": "spine-kiosk-annotations", "version": 1,
                                    "strokes": [{"points": []}]}), encoding="utf-8")
    done = _run("handout", "--select", "herniated-disc", "--annotations", str(drawings),
                "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert f"{drawings}:1: strokes[0].points: must be a list of one or more points" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
    done = _run("handout", "--select", "no-such-page", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "unknown id 'no-such-page'" in done.stderr
