"""Animations as content: ``<id>.svg`` (keyframes) plus ``<id>.toml`` (timing, labels, words).

:func:`load_animations` reads a folder of them and reports every problem as
``file:line: message``; an :class:`Animation` answers what to draw at a progress ``t``
(0 = the first state, 1 = the end of the last phase). No Qt here.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain.animation.drawing import Drawing, read_drawing
from kiosk.domain.animation.model import (
    EFFECTS,
    Effect,
    Label,
    Layer,
    Segment,
    Shape,
    Words,
    lerp,
    lerp_shape,
    position,
    smoothstep,
)
from kiosk.domain.animation.script import DEFAULT_LANGUAGE, KINDS, Script, read_script, timelines
from kiosk.domain.problems import Problem

__all__ = ["EFFECTS", "KINDS", "Animation", "Effect", "Label", "Layer", "Shape", "Words",
           "load_animation", "load_animations"]

CAPTION_FADE = 0.06  # progress over which one caption gives way to the next


@dataclass
class Animation:
    id: str
    drawing: Drawing
    script: Script
    timelines: dict[str, tuple[Segment, ...]]
    layers: tuple[Layer, ...] = ()
    offsets: dict[str, tuple[tuple[float, float], ...] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keep = frozenset(e.under for e in self.script.effects if e.under)
        self.layers = self.drawing.layers(keep)
        self.offsets = {layer.part: self.drawing.parts[layer.part].offsets()
                        for layer in self.layers if layer.part is not None}

    # -- what it is ----------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.script.kind

    @property
    def pages(self) -> tuple[str, ...]:
        return self.script.pages

    @property
    def view_box(self) -> tuple[float, float, float, float]:
        return self.drawing.view_box

    @property
    def labels(self) -> tuple[Label, ...]:
        return self.script.labels

    @property
    def effects(self) -> tuple[Effect, ...]:
        return self.script.effects

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.script.captions)

    def words(self, language: str) -> Words:
        """The words in ``language``, else in English."""
        captions = self.script.captions
        return captions.get(language) or captions[DEFAULT_LANGUAGE]

    # -- where things are at progress t --------------------------------------------------------
    def where(self, part_id: str, t: float) -> tuple[int, int, float]:
        """Between which states a part is, and how far: (a, b, f)."""
        return position(self.timelines.get(part_id, ()), t)

    def shapes_at(self, part_id: str, t: float) -> tuple[Shape, ...]:
        """A part's shapes at ``t``. At rest in a state these are that state's own objects."""
        a, b, f = self.where(part_id, t)
        states = self.drawing.parts[part_id].states
        if f <= 0.0:
            return states[a]
        return tuple(lerp_shape(sa, sb, f) for sa, sb in zip(states[a], states[b], strict=True))

    def offset_at(self, part_id: str, t: float) -> tuple[float, float] | None:
        """For a part that only slides (the same drawing moved): how far it has moved from its
        first state at ``t``; None for a part that changes shape or colour."""
        offsets = self.offsets.get(part_id)
        if offsets is None:
            return None
        a, b, f = self.where(part_id, t)
        return (lerp(offsets[a][0], offsets[b][0], f), lerp(offsets[a][1], offsets[b][1], f))

    def anchor_at(self, element_id: str, t: float) -> tuple[float, float]:
        """The centre of an element (a part, or art outside the state groups) at ``t``."""
        part = self.drawing.parts.get(element_id)
        if part is None:
            return self.drawing.fixed[element_id]
        a, b, f = self.where(element_id, t)
        (xa, ya), (xb, yb) = part.centres[a], part.centres[b]
        return (lerp(xa, xb, f), lerp(ya, yb, f))

    def step_at(self, t: float) -> int:
        """Which caption is current at ``t``."""
        return max((i for i, start in enumerate(self.script.steps) if t >= start), default=0)

    def caption_level(self, t: float) -> tuple[int, float]:
        """The caption showing at ``t`` and its opacity: each fades out just before the next
        step and the next fades in just after, so two never overlap."""
        steps = self.script.steps
        i = self.step_at(t)
        alpha = 1.0
        if i > 0:
            alpha *= smoothstep(steps[i], steps[i] + CAPTION_FADE, t)
        if i + 1 < len(steps):
            alpha *= 1.0 - smoothstep(steps[i + 1] - CAPTION_FADE, steps[i + 1], t)
        return i, alpha


# Animations read before in this process, by path and the bytes of both files: reading one
# (svgelements parsing each path of every keyframe) takes about 70 ms, and a content reload
# or a check of the same folder reads the same ten again. An Animation is never changed once
# made, so the same one can be handed out again.
_READ: OrderedDict[tuple[str, bytes, bytes | None], tuple[Animation | None, tuple[Problem, ...]]] = \
    OrderedDict()
_READ_KEEP = 64


def _file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def load_animation(svg_path: Path) -> tuple[Animation | None, list[Problem]]:
    """One animation: ``svg_path`` and the ``.toml`` beside it."""
    svg_bytes = _file_bytes(svg_path)
    if svg_bytes is None:
        return _load_animation(svg_path)
    key = (str(svg_path), svg_bytes, _file_bytes(svg_path.with_suffix(".toml")))
    done = _READ.get(key)
    if done is None:
        animation, problems = _load_animation(svg_path)
        done = _READ[key] = (animation, tuple(problems))
        while len(_READ) > _READ_KEEP:
            _READ.popitem(last=False)
    else:
        _READ.move_to_end(key)
    return done[0], list(done[1])


def _load_animation(svg_path: Path) -> tuple[Animation | None, list[Problem]]:
    toml_path = svg_path.with_suffix(".toml")
    drawing, problems = read_drawing(svg_path)
    if not toml_path.is_file():
        return None, [*problems, Problem(svg_path, 1, f"no script {toml_path.name} beside the drawing")]
    script, found = read_script(toml_path)
    problems += found
    if drawing is None or script is None:
        return None, problems
    tracks, found = timelines(script, drawing)
    problems += found
    if problems:
        return None, problems
    return Animation(svg_path.stem, drawing, script, tracks), problems


def load_animations(directory: Path) -> tuple[dict[str, Animation], list[Problem]]:
    """Every animation in ``directory`` by id (the file name), and the problems found."""
    animations: dict[str, Animation] = {}
    problems: list[Problem] = []
    if not directory.is_dir():
        return animations, problems
    for toml_path in sorted(directory.glob("*.toml")):
        if not toml_path.with_suffix(".svg").is_file():
            problems.append(Problem(toml_path, 1, f"no drawing {toml_path.with_suffix('.svg').name} "
                                                  "beside the script"))
    for svg_path in sorted(directory.glob("*.svg")):
        animation, found = load_animation(svg_path)
        problems += found
        if animation is not None:
            animations[animation.id] = animation
    return animations, problems
