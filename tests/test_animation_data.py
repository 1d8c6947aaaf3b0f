"""Animations as content: the keyframe SVG and the script are read, checked (every problem as
``file:line: message``) and blended without Qt. The drawing on screen is in test_animations.py."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.animation import load_animation, load_animations
from kiosk.domain.animation.model import (
    Gradient,
    Paint,
    Segment,
    Shape,
    lerp_commands,
    lerp_gradient,
    lerp_rgba,
    level,
    position,
)
from kiosk.domain.content import load_content
from kiosk.resources import default_animations_dir

# -- a small animation written by each test -----------------------------------------------------

SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
  <defs>
    <linearGradient id="g1" x1="0" y1="0" x2="100" y2="0" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#000000"/>
      <stop offset="1" stop-color="#FFFFFF"/>
    </linearGradient>
    <linearGradient id="g2" x1="0" y1="0" x2="100" y2="0" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#FF0000"/>
      <stop offset="1" stop-color="#0000FF"/>
    </linearGradient>
  </defs>
  <rect id="ground" x="0" y="80" width="200" height="20" fill="#888888"/>
  <g id="state-start">
    <path id="blob" d="M10,10 L30,10 L30,30 Z" fill="#000000" stroke="#000000"/>
    <rect id="box" x="0" y="40" width="20" height="10" fill="url(#g1)"/>
    <g id="block"><circle cx="100" cy="50" r="10" fill="#00FF00"/></g>
    <circle id="dot" class="anchor" cx="50" cy="50" r="2" fill="none"/>
  </g>
  <g id="state-end">
    <path id="blob" d="M20,20 L50,20 L50,60 Z" fill="#FFFFFF" stroke="#000000"/>
    <rect id="box" x="0" y="40" width="20" height="10" fill="url(#g2)"/>
    <g id="block" transform="translate(40 -10)"><circle cx="100" cy="50" r="10" fill="#00FF00"/></g>
    <circle id="dot" class="anchor" cx="70" cy="50" r="2" fill="none"/>
  </g>
</svg>
"""

TOML = """\
kind = "condition"
pages = ["cond-x"]
steps = [0.0, 0.5]

[[phases]]
parts = ["blob", "box", "dot"]
to = "end"
start = 0.2
end = 0.6
ease = "linear"

[[phases]]
parts = ["block"]
to = "end"
start = 0.0
end = 1.0
ease = "linear"

[[labels]]
id = "blob"
anchor = "dot"
side = "left"

[[effects]]
name = "glow"
anchor = "dot"
strength = [[0.5, 0.0], [1.0, 1.0]]

[captions.en]
title = "Test"
view = "From the side"
button = "See it"
start = "Start"
end = "End"
steps = ["First", "Second"]

[captions.en.labels]
blob = "A blob"
"""


def write(folder: Path, svg: str = SVG, toml: str = TOML, name: str = "thing") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    (folder / f"{name}.toml").write_text(toml, encoding="utf-8")
    return folder / f"{name}.svg"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def problems_of(tmp_path, svg=SVG, toml=TOML) -> list[str]:
    svg_path = write(tmp_path, svg, toml)
    animation, problems = load_animation(svg_path)
    assert (animation is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_small_animation_is_clean(tmp_path):
    animation, problems = load_animation(write(tmp_path))
    assert problems == []
    assert animation.drawing.states == ("start", "end")
    assert list(animation.drawing.parts) == ["blob", "box", "block", "dot"]
    # the ground never changes and lies under everything; every other part moves
    assert animation.layers[0].part is None and len(animation.layers[0].shapes) == 1
    assert [layer.part for layer in animation.layers[1:]] == ["blob", "box", "block"]



def test_an_animation_read_again_is_read_again_only_when_a_file_changed(tmp_path):
    svg_path = write(tmp_path)
    first, _ = load_animation(svg_path)
    again, problems = load_animation(svg_path)
    assert again is first and problems == []  # the same files: the one read before
    problems.append("a caller's own list")
    assert load_animation(svg_path)[1] == []
    write(tmp_path, toml=TOML.replace('kind = "condition"', 'kind = "nonsense"'))
    changed, problems = load_animation(svg_path)
    assert changed is None and any("'kind' must be one of" in str(p) for p in problems)
    write(tmp_path, svg=SVG.replace("<svg ", "<svg data-x='1' "))  # and the script put right
    other, problems = load_animation(svg_path)
    assert problems == [] and other is not first and other.drawing.parts == first.drawing.parts
    write(tmp_path)
    assert load_animation(svg_path)[0] is first


# -- blending -------------------------------------------------------------------------------------

def test_path_midpoint():
    a = (("M", 0.0, 0.0), ("C", 10.0, 0.0, 20.0, 10.0, 20.0, 20.0), ("Z",))
    b = (("M", 10.0, 20.0), ("C", 30.0, 40.0, 40.0, 50.0, 60.0, 60.0), ("Z",))
    assert lerp_commands(a, b, 0.5) == (("M", 5.0, 10.0), ("C", 20.0, 20.0, 30.0, 30.0, 40.0, 40.0), ("Z",))
    assert lerp_commands(a, b, 0.0) == a and lerp_commands(a, b, 1.0) == b


def test_colour_and_gradient_midpoints():
    assert lerp_rgba((0.0, 0.2, 1.0, 1.0), (1.0, 0.4, 0.0, 0.0), 0.5) == pytest.approx((0.5, 0.3, 0.5, 0.5))
    black, white = (0.0, 0.0, 0.0, 1.0), (1.0, 1.0, 1.0, 1.0)
    red, blue = (1.0, 0.0, 0.0, 1.0), (0.0, 0.0, 1.0, 1.0)
    g1 = Gradient("linear", (0.0, 0.0, 100.0, 0.0), ((0.0, black), (1.0, white)))
    g2 = Gradient("linear", (0.0, 0.0, 200.0, 0.0), ((0.0, red), (1.0, blue)))
    mid = lerp_gradient(g1, g2, 0.5)
    assert mid.coords == (0.0, 0.0, 150.0, 0.0)
    assert mid.stops[0][1] == pytest.approx((0.5, 0.0, 0.0, 1.0))
    assert mid.stops[1][1] == pytest.approx((0.5, 0.5, 1.0, 1.0))


def test_a_part_half_way_through_its_phase_is_half_way_in_shape_and_colour(tmp_path):
    animation, _ = load_animation(write(tmp_path))
    (blob,) = animation.shapes_at("blob", 0.4)  # phase 0.2 .. 0.6, linear: half way
    assert blob.commands[0] == ("M", 15.0, 15.0)
    assert blob.commands[2] == ("L", 40.0, 45.0)
    assert blob.fill.colour == pytest.approx((0.5, 0.5, 0.5, 1.0))
    (box,) = animation.shapes_at("box", 0.4)
    assert box.fill.gradient.stops[0][1] == pytest.approx((0.5, 0.0, 0.0, 1.0))
    # before and after its phase, a part is exactly in its states (the very same objects)
    assert animation.shapes_at("blob", 0.1) is animation.drawing.parts["blob"].states[0]
    assert animation.shapes_at("blob", 0.9) is animation.drawing.parts["blob"].states[1]
    assert animation.anchor_at("dot", 0.4) == pytest.approx((60.0, 50.0))


def test_a_part_that_only_slides_is_found_and_moved_as_one_piece(tmp_path):
    animation, _ = load_animation(write(tmp_path))
    assert animation.offset_at("block", 0.5) == pytest.approx((20.0, -5.0))
    assert animation.offset_at("blob", 0.5) is None  # it changes shape


def test_phases_follow_one_another():
    segments = (Segment(0.1, 0.3, 0, 1, "linear"), Segment(0.5, 0.9, 1, 2, "linear"))
    assert position(segments, 0.0) == (0, 0, 0.0)
    assert position(segments, 0.2) == pytest.approx((0, 1, 0.5))
    assert position(segments, 0.4) == (1, 1, 0.0)
    assert position(segments, 0.7) == pytest.approx((1, 2, 0.5))
    assert position(segments, 1.0) == (2, 2, 0.0)
    smooth = (Segment(0.0, 1.0, 0, 1),)
    assert position(smooth, 0.25)[2] < 0.25  # eases in


def test_effect_strength_curve():
    curve = ((0.5, 0.0), (1.0, 1.0))
    assert level(curve, 0.2) == 0.0 and level(curve, 1.0) == 1.0
    assert level(curve, 0.75) == pytest.approx(0.5)


def test_shape_equality_drives_what_is_cached():
    a = Shape((("M", 0.0, 0.0), ("L", 1.0, 1.0)), Paint(colour=(1.0, 0.0, 0.0, 1.0)))
    assert a.same_drawing(a.translated(0, 0)) and not a.same_drawing(a.translated(1, 0))


# -- problems in the drawing, with their lines ---------------------------------------------------

def test_different_path_commands_between_states_are_reported_at_their_line(tmp_path):
    svg = SVG.replace('d="M20,20 L50,20 L50,60 Z"', 'd="M20,20 L50,20 Z"')
    problems = problems_of(tmp_path, svg=svg)
    line = line_of(svg, 'd="M20,20 L50,20 Z"')
    assert any(p.startswith(f"{tmp_path / 'thing.svg'}:{line}: part 'blob': the path commands differ")
               and "3 path commands here, 4 in state 'start'" in p for p in problems), problems


def test_a_command_of_another_kind_is_named(tmp_path):
    svg = SVG.replace('d="M20,20 L50,20 L50,60 Z"', 'd="M20,20 L50,20 Q50,40 50,60 Z"')
    problems = problems_of(tmp_path, svg=svg)
    assert any("command 3 is 'Q' here and 'L' in state 'start'" in p for p in problems), problems


@pytest.mark.parametrize(("change", "needle", "words"), [
    # a part missing from the second state: reported at that state's group
    (('<circle id="dot" class="anchor" cx="70"', '<circle class="x" cx="70"'), '<circle class="x"',
     "needs an id"),
    (('<rect id="box" x="0" y="40" width="20" height="10" fill="url(#g2)"/>', ''), '<g id="state-end">',
     "state 'end' has no part 'box'"),
    (('<path id="blob" d="M20,20', '<path id="blob2" d="M20,20'), 'id="blob2"',
     "part 'blob2' is not in state"),
    (('fill="url(#g2)"', 'fill="#123456"'), 'fill="#123456"', "its fill is colour here and gradient"),
    (('<circle id="dot" class="anchor" cx="50"',
      '<text id="word" x="1" y="1">Hi</text>\n    <circle id="dot" class="anchor" cx="50"'),
     "<text", "no <text> in an animation"),
    (('<path id="blob" d="M10,10', '<path id="blob" style="fill:red" d="M10,10'), 'style="fill:red"',
     "'style' is not supported"),
    (('d="M10,10 L30,10 L30,30 Z"', 'd="M10,10 A5,5 0 0 1 30,10 L30,30 Z"'), "A5,5",
     "draw arcs with C curves"),
    (('fill="url(#g1)"', 'fill="url(#nothing)"'), "url(#nothing)", "no gradient with the id 'nothing'"),
    (('<g id="state-end">', '<g id="state-end" transform="scale(2)">'), 'transform="scale(2)"',
     "a state group may not have a transform"),
    (('fill="#888888"', 'fill="greenish"'), "greenish", "is not a colour"),
])
def test_drawing_problems_are_reported_with_file_line_and_words(tmp_path, change, needle, words):
    svg = SVG.replace(*change)
    assert svg != SVG
    problems = problems_of(tmp_path, svg=svg)
    line = line_of(svg, needle, 1)
    assert any(p.startswith(f"{tmp_path / 'thing.svg'}:{line}: ") and words in p for p in problems), problems


def test_parts_in_another_order_are_reported(tmp_path):
    end = SVG.index('<g id="state-end">')
    head, tail = SVG[:end], SVG[end:]
    blob = '    <path id="blob" d="M20,20 L50,20 L50,60 Z" fill="#FFFFFF" stroke="#000000"/>\n'
    box = '    <rect id="box" x="0" y="40" width="20" height="10" fill="url(#g2)"/>\n'
    assert blob in tail and box in tail
    svg = head + tail.replace(blob + box, box + blob)
    problems = problems_of(tmp_path, svg=svg)
    assert any("is in a different place in state 'end'" in p for p in problems), problems


def test_one_state_is_not_an_animation(tmp_path):
    start, end = SVG.index('  <g id="state-end">'), SVG.index("</svg>")
    problems = problems_of(tmp_path, svg=SVG[:start] + SVG[end:])
    assert any(":1: an animation needs at least two state groups" in p for p in problems), problems


def test_svg_that_does_not_parse(tmp_path):
    problems = problems_of(tmp_path, svg=SVG.replace("</defs>", ""))
    assert any("SVG does not parse" in p for p in problems), problems


# -- problems in the script, with their lines ------------------------------------------------------

@pytest.mark.parametrize(("change", "needle", "words"), [
    (('to = "end"\nstart = 0.2', 'to = "middle"\nstart = 0.2'), 'to = "middle"', "no state 'middle'"),
    (('parts = ["blob", "box", "dot"]', 'parts = ["blob", "bxo", "dot"]'), '"bxo"', "no part 'bxo'"),
    (('parts = ["block"]', 'parts = ["block", "blob"]'), 'start = 0.2', "would move in two phases at once"),
    (('anchor = "dot"\nside = "left"', 'anchor = "dto"\nside = "left"'), 'anchor = "dto"',
     "no element with the id 'dto'"),
    (('blob = "A blob"', 'blub = "A blob"'), "[captions.en.labels]", "has no words for the label 'blob'"),
    (('steps = ["First", "Second"]', 'steps = ["First"]'), 'steps = ["First"]', "must be 2 caption(s)"),
    (('name = "glow"', 'name = "sparkle"'), 'name = "sparkle"', "unknown effect 'sparkle'"),
    (('side = "left"', 'side = "middle"'), 'side = "middle"', "'side' must be one of"),
    (('kind = "condition"', 'kind = "recipe"'), 'kind = "recipe"', "'kind' must be one of"),
    (('start = 0.2\nend = 0.6', 'start = 0.6\nend = 0.2'), "start = 0.6", "start before end"),
    (('ease = "linear"\n\n[[phases]]', 'ease = "bouncy"\n\n[[phases]]'), 'ease = "bouncy"', "'ease' must be"),
    (('title = "Test"', 'title = "Test'), 'title = "Test', "not valid TOML"),
    (('[captions.en]', '[captions.xx]\ntitle = "x"\n\n[captions.en]'), "[captions.xx]",
     "[captions.xx] needs"),
])
def test_script_problems_are_reported_with_file_line_and_words(tmp_path, change, needle, words):
    toml = TOML.replace(*change)
    assert toml != TOML
    problems = problems_of(tmp_path, toml=toml)
    line = line_of(toml, needle)
    assert any(p.startswith(f"{tmp_path / 'thing.toml'}:{line}: ") and words in p for p in problems), problems


def test_a_part_that_changes_but_never_moves_is_reported_in_the_drawing(tmp_path):
    toml = TOML.replace('parts = ["blob", "box", "dot"]', 'parts = ["box", "dot"]')
    problems = problems_of(tmp_path, toml=toml)
    line = line_of(SVG, '<path id="blob"')
    expected = "part 'blob' changes between states but no phase in thing.toml moves it"
    assert f"{tmp_path / 'thing.svg'}:{line}: {expected}" in problems


def test_a_drawing_without_script_and_a_script_without_drawing(tmp_path):
    write(tmp_path)
    (tmp_path / "thing.toml").rename(tmp_path / "other.toml")
    animations, problems = load_animations(tmp_path)
    assert animations == {}
    assert f"{tmp_path / 'thing.svg'}:1: no script thing.toml beside the drawing" in map(str, problems)
    assert f"{tmp_path / 'other.toml'}:1: no drawing other.svg beside the script" in map(str, problems)


# -- with the content ------------------------------------------------------------------------------

def test_animations_of_a_content_folder_must_name_its_pages_and_speak_its_language(mini_root):
    folder = mini_root / "animations"
    write(folder, toml=TOML.replace('pages = ["cond-x"]', 'pages = ["cond-x", "no-such-page", "box-a"]'))
    _, problems = load_content(mini_root, "en")
    problems = [str(p) for p in problems]
    toml = folder / "thing.toml"
    assert f"{toml}:2: pages: no page has the id 'no-such-page'" in problems
    assert any(p.startswith(f"{toml}:2: pages: 'box-a' is a region") for p in problems), problems
    # and in a language the script has no words for
    shutil.copytree(mini_root / "en", mini_root / "xx")
    _, problems = load_content(mini_root, "xx")
    assert any(p.startswith(f"{toml}:") and "no [captions.xx]" in p for p in map(str, problems))


def test_a_clean_content_folder_offers_its_animation_on_its_pages(mini_root):
    write(mini_root / "animations")
    content, problems = load_content(mini_root, "en")
    assert problems == []
    assert [a.id for a in content.animations_for("cond-x")] == ["thing"]
    assert content.animations_for("treat-y") == []


def test_the_built_in_animations_lent_to_another_content_folder_stay_quiet(mini_root):
    """A clinic's own content without an animations folder: the built-in ones are not offered
    on pages that content does not have, and that is not a problem."""
    content, problems = load_content(mini_root, "en")
    assert problems == []
    assert content.animations == {}


def test_check_content_reports_animation_problems(mini_root):
    write(mini_root / "animations", svg=SVG.replace('d="M20,20 L50,20 L50,60 Z"', 'd="M20,20 L50,20 Z"'))
    result = subprocess.run([sys.executable, "-m", "kiosk", "check-content", "--content", str(mini_root)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    line = line_of(SVG, 'd="M20,20 L50,20 L50,60 Z"')
    assert result.stdout.startswith(f"{mini_root / 'animations' / 'thing.svg'}:{line}: part 'blob'")


# -- the shipped animations ------------------------------------------------------------------------

SHIPPED = ("herniated-disc", "spinal-stenosis", "spondylolisthesis", "degenerated-disc",
           "foraminal-narrowing", "microdiscectomy", "laminectomy", "spinal-fusion", "epidural-injection",
           "spinal-cord-stimulator")


@pytest.fixture(scope="module")
def shipped_animations():
    animations, problems = load_animations(default_animations_dir())
    assert problems == [], "\n".join(map(str, problems))
    return animations


def test_every_shipped_animation_loads_cleanly(shipped_animations):
    assert set(shipped_animations) == set(SHIPPED)
    for animation in shipped_animations.values():
        # English, and Spanish for the Spanish pages
        assert set(animation.languages) == {"en", "es"}, animation.id
        assert animation.words("es").steps != animation.words("en").steps
        words = animation.words("en")
        assert len(words.steps) == len(animation.script.steps)


def test_every_treatment_with_a_procedure_and_the_conditions_offer_animations(shipped):
    offered = {page: [a.id for a in shipped.animations_for(page)] for page in shipped.items}
    assert offered["decompression"] == ["laminectomy", "microdiscectomy"]
    assert offered["stabilization"] == ["spinal-fusion"]
    assert offered["injections"] == ["epidural-injection"]
    assert offered["other-procedures"] == ["spinal-cord-stimulator"]
    assert offered["conservative-care"] == []
    assert offered["herniated-disc"] == ["herniated-disc"]
    assert offered["spinal-stenosis"] == ["spinal-stenosis", "foraminal-narrowing"]
    assert offered["degenerative-disc-disease"] == ["degenerated-disc", "foraminal-narrowing"]
    for animation in shipped.animations.values():
        kinds = {shipped.get(page).kind for page in animation.pages}
        assert kinds == {animation.kind}, animation.id


def _gap(animation, a: str, b: str, t: float) -> float:
    """The smallest distance between two parts' outlines (their path points) at t."""
    def points(part):
        return [(c[i], c[i + 1]) for shape in animation.shapes_at(part, t) for c in shape.commands
                for i in range(1, len(c), 2)]
    return min(math.dist(p, q) for p in points(a) for q in points(b))


def test_a_posterolateral_l4_l5_herniation_presses_the_traversing_l5_root(shipped_animations):
    animation = shipped_animations["herniated-disc"]
    words = animation.words("en").labels
    pressed = next(label for label in animation.labels if label.anchor == "root-left")
    assert words[pressed.id] == "L5 nerve root"
    assert "L4 and L5" in animation.words("en").view
    assert _gap(animation, "gel", "root-left", 0.0) > 25  # healthy: the gel stays inside
    assert _gap(animation, "gel", "root-left", 1.0) < 12  # herniated: it reaches the root


def test_foraminal_narrowing_pinches_the_exiting_l4_root(shipped_animations):
    animation = shipped_animations["foraminal-narrowing"]
    words = animation.words("en").labels
    pinched = next(label for label in animation.labels if label.anchor == "pinch")
    assert words[pinched.id].startswith("L4 nerve root")
    # the pinch lies in the opening below L4's pedicle, above the L4-L5 disc
    x, y = animation.anchor_at("pinch", 1.0)
    disc = animation.shapes_at("disc-L4-L5", 1.0)
    disc_top = min(c[2] for shape in disc for c in shape.commands if len(c) > 1)
    assert 90 < x < 170 and y < disc_top
    assert _gap(animation, "spur", "root-L4", 1.0) < _gap(animation, "spur", "root-L4", 0.0)
