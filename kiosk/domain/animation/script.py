"""Reading an animation's script (``<id>.toml``): timing, labels, effects and words.

::

    kind = "condition"                 # or "treatment"
    pages = ["herniated-disc"]         # pages whose panel offers it
    steps = [0.0, 0.45]                # where each caption takes over

    [[phases]]                         # parts move to a state over part of the progress
    parts = ["gel"]                    # (no parts: every part that changes)
    to = "herniated"
    start = 0.15
    end = 0.9
    ease = "smooth"                    # smooth | linear | in | out

    [[labels]]
    id = "root"                        # its words: [captions.<language>.labels]
    anchor = "root-left"               # an id in the drawing
    side = "left"                      # left | right | above | below
    appear = [0.6, 0.8]                # optional: fades in (hide = [..]: fades out)

    [[effects]]
    name = "glow"                      # glow | pulse | fade (drawn by the kiosk)
    anchor = "contact"
    strength = [[0.6, 0.0], [0.95, 1.0]]

    [captions.en]
    title = "..."  view = "..."  button = "..."  start = "..."  end = "..."
    steps = ["...", "..."]
    [captions.en.labels]
    root = "L5 nerve root"
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain.animation.drawing import Drawing
from kiosk.domain.animation.model import (
    EASINGS,
    EFFECTS,
    FADE_EDGES,
    LABEL_SIDES,
    Effect,
    Label,
    Segment,
    Words,
)
from kiosk.domain.problems import Problem
from kiosk.domain.toml_source import (
    TomlSource,
    is_text,
    key_re,
    read_toml,
    unknown_keys,
    value_re,
)

KINDS = ("condition", "treatment")
TOP_KEYS = ("kind", "pages", "steps", "phases", "labels", "effects", "captions")
PHASE_KEYS = ("parts", "to", "start", "end", "ease")
LABEL_KEYS = ("id", "anchor", "side", "y", "appear", "hide", "align")
ALIGNS = ("start", "centre", "end")
WORD_KEYS = ("title", "view", "button", "start", "end", "steps", "labels")
DEFAULT_LANGUAGE = "en"
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


@dataclass(frozen=True)
class Phase:
    parts: tuple[str, ...] | None  # None: every part that changes
    to: str
    start: float
    end: float
    ease: str
    index: int  # which [[phases]] table, for messages


@dataclass(frozen=True)
class Script:
    path: Path
    kind: str
    pages: tuple[str, ...]
    steps: tuple[float, ...]
    phases: tuple[Phase, ...]
    labels: tuple[Label, ...]
    effects: tuple[Effect, ...]
    captions: dict[str, Words]
    source: TomlSource


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fraction(value: Any) -> bool:
    return _is_number(value) and 0.0 <= value <= 1.0


class _ScriptReader:
    def __init__(self, src: TomlSource):
        self.src = src
        self.problems: list[Problem] = []

    def problem(self, span: tuple[int, int] | None, message: str, *needles: str) -> None:
        self.problems.append(self.src.problem(span, message, *needles))

    def table_list(self, data: dict[str, Any], key: str, required: bool) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if key not in data and required:
            self.problem(self.src.span(None), f"missing '{key}': add at least one [[{key}]] table")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(self.src.span(None), f"'{key}' must be [[{key}]] tables", key_re(key))
            return []
        return value

    def read(self, data: dict[str, Any]) -> Script | None:
        src = self.src
        top = src.span(None)
        self.problems += unknown_keys(src, top, data, TOP_KEYS, "the animation script")
        kind: Any = data.get("kind")
        if kind not in KINDS:
            self.problem(top, f"'kind' must be one of: {', '.join(KINDS)}", key_re("kind"))
        pages = data.get("pages")
        if not isinstance(pages, list) or not pages or not all(is_text(p) for p in pages):
            self.problem(top, "'pages' must list the ids of the pages that offer this animation",
                         key_re("pages"))
            pages = []
        steps = data.get("steps")
        if (not isinstance(steps, list) or not steps or not all(_fraction(s) for s in steps)
                or steps[0] != 0 or any(b <= a for a, b in itertools.pairwise(steps))):
            self.problem(top, "'steps' must be rising numbers from 0 to below 1, starting with 0 "
                              "(where each caption takes over)", key_re("steps"))
            steps = [0.0]
        phases = tuple(self._phase(i, p) for i, p in enumerate(self.table_list(data, "phases", True)))
        labels = tuple(self._label(i, t) for i, t in enumerate(self.table_list(data, "labels", False)))
        effects = tuple(self._effect(i, t) for i, t in enumerate(self.table_list(data, "effects", False)))
        seen: set[str] = set()
        for i, label in enumerate(labels):
            if label is not None and label.id in seen:
                self.problem(src.span("labels", i), f"duplicate label id {label.id!r}", key_re("id"))
            if label is not None:
                seen.add(label.id)
        captions = self._captions(data.get("captions"), len(steps), [lb.id for lb in labels if lb])
        if self.problems:
            return None
        return Script(src.path, kind, tuple(pages), tuple(float(s) for s in steps),
                      tuple(p for p in phases if p), tuple(lb for lb in labels if lb),
                      tuple(e for e in effects if e), captions, src)

    def _phase(self, index: int, table: dict[str, Any]) -> Phase | None:
        span = self.src.span("phases", index)
        before = len(self.problems)
        self.problems += unknown_keys(self.src, span, table, PHASE_KEYS, "[[phases]]")
        parts = table.get("parts")
        if parts is not None and (not isinstance(parts, list) or not parts
                                  or not all(is_text(p) for p in parts)):
            self.problem(span, "'parts' must list part ids (leave it out for every part)", key_re("parts"))
        if not is_text(table.get("to")):
            self.problem(span, "each phase needs 'to': the state its parts move to", key_re("to"))
        start: Any = table.get("start")
        end: Any = table.get("end")
        if not _fraction(start) or not _fraction(end) or end < start:
            self.problem(span, "'start' and 'end' must be numbers from 0 to 1, start before end",
                         key_re("start"), key_re("end"))
        ease = table.get("ease", "smooth")
        if ease not in EASINGS:
            self.problem(span, f"'ease' must be one of: {', '.join(EASINGS)}", key_re("ease"))
        if len(self.problems) > before:
            return None
        return Phase(tuple(parts) if parts else None, table["to"], float(start), float(end), ease, index)

    def _label(self, index: int, table: dict[str, Any]) -> Label | None:
        span = self.src.span("labels", index)
        before = len(self.problems)
        self.problems += unknown_keys(self.src, span, table, LABEL_KEYS, "[[labels]]")
        for key in ("id", "anchor"):
            if not is_text(table.get(key)):
                self.problem(span, f"each label needs '{key}'", key_re(key))
        side: Any = table.get("side")
        if side not in LABEL_SIDES:
            self.problem(span, f"'side' must be one of: {', '.join(LABEL_SIDES)}", key_re("side"))
        y = table.get("y")
        if y is not None and not _is_number(y):
            self.problem(span, "'y' must be a number (drawing units)", key_re("y"))
        ranges: dict[str, Any] = {}
        for key, verb in (("appear", "fades in"), ("hide", "fades out")):
            value = table.get(key)
            if value is not None and (not isinstance(value, list) or len(value) != 2
                                      or not all(_fraction(v) for v in value) or value[1] < value[0]):
                self.problem(span, f"'{key}' must be [from, to]: the progress over which the label {verb}",
                             key_re(key))
            ranges[key] = tuple(float(v) for v in value) if value else None
        if ranges["appear"] and ranges["hide"] and ranges["hide"][0] < ranges["appear"][1]:
            self.problem(span, "'hide' must start after 'appear' ends", key_re("hide"))
        align = table.get("align", "centre")
        if align not in ALIGNS:
            self.problem(span, f"'align' must be one of: {', '.join(ALIGNS)}", key_re("align"))
        if len(self.problems) > before:
            return None
        return Label(table["id"], table["anchor"], side, None if y is None else float(y),
                     ranges["appear"], align, ranges["hide"])

    def _effect(self, index: int, table: dict[str, Any]) -> Effect | None:
        span = self.src.span("effects", index)
        before = len(self.problems)
        name = table.get("name")
        if name not in EFFECTS:
            self.problem(span, f"unknown effect {name!r} (the kiosk draws: {', '.join(EFFECTS)})",
                         key_re("name"))
            return None
        allowed = ("name", "strength", "under", *EFFECTS[name])
        self.problems += unknown_keys(self.src, span, table, allowed, f"the {name} effect")
        strength: Any = table.get("strength")
        if (not isinstance(strength, list) or not strength
                or not all(isinstance(p, list) and len(p) == 2 and all(_fraction(v) for v in p)
                           for p in strength)
                or any(b[0] < a[0] for a, b in itertools.pairwise(strength))):
            self.problem(span, "'strength' must be [progress, strength] pairs, both 0 to 1, in order of "
                               "progress", key_re("strength"))
        for key in ("anchor", "under"):
            if key in table and not is_text(table[key]):
                self.problem(span, f"'{key}' must be an id in the drawing", key_re(key))
        if "anchor" in allowed and "anchor" not in table:
            self.problem(span, f"the {name} effect needs an 'anchor' (an id in the drawing)")
        for key in ("radius", "size"):
            if key in table and not (_is_number(table[key]) and table[key] > 0):
                self.problem(span, f"'{key}' must be a number above 0 (drawing units)", key_re(key))
        if "waves" in table and not (isinstance(table["waves"], int) and 1 <= table["waves"] <= 40):
            self.problem(span, "'waves' must be a whole number from 1 to 40", key_re("waves"))
        if "edge" in table and table["edge"] not in FADE_EDGES:
            self.problem(span, f"'edge' must be one of: {', '.join(FADE_EDGES)}", key_re("edge"))
        if len(self.problems) > before:
            return None
        kwargs = {k: table[k] for k in ("anchor", "under", "radius", "waves", "edge", "size") if k in table}
        return Effect(name, tuple((float(a), float(b)) for a, b in strength), **kwargs)

    def _captions(self, captions: object, n_steps: int, label_ids: list[str]) -> dict[str, Words]:
        src = self.src
        if not isinstance(captions, dict) or DEFAULT_LANGUAGE not in captions:
            self.problem(src.span(None), f"missing [captions.{DEFAULT_LANGUAGE}]: the words in English")
            return {}
        out: dict[str, Words] = {}
        for language, words in captions.items():
            span = src.span(f"captions.{language}")
            if not LANGUAGE.match(language) or not isinstance(words, dict):
                self.problem(span, f"[captions.{language}]: expected a language code such as 'en' or 'es' "
                                   "with a table of words")
                continue
            before = len(self.problems)
            self.problems += unknown_keys(src, span, words, WORD_KEYS, f"[captions.{language}]")
            for key in ("title", "view", "button", "start", "end"):
                if not is_text(words.get(key)):
                    self.problem(span, f"[captions.{language}] needs '{key}'", key_re(key))
            steps: Any = words.get("steps")
            if not isinstance(steps, list) or not all(is_text(s) for s in steps) or len(steps) != n_steps:
                self.problem(span, f"[captions.{language}] 'steps' must be {n_steps} caption(s), one per "
                                   "entry in the top-level 'steps'", key_re("steps"))
            labels = words.get("labels", {})
            labels_span = src.span(f"captions.{language}.labels") or span
            if not isinstance(labels, dict) or not all(is_text(v) for v in labels.values()):
                self.problem(labels_span, f"[captions.{language}.labels] must map label ids to words")
                labels = {}
            for label_id in label_ids:
                if label_id not in labels:
                    self.problem(labels_span, f"[captions.{language}.labels] has no words for the label "
                                              f"{label_id!r}")
            for label_id in labels.keys() - set(label_ids):
                self.problem(labels_span, f"[captions.{language}.labels]: no [[labels]] table has the id "
                                          f"{label_id!r}", key_re(label_id))
            if len(self.problems) > before:
                continue
            out[language] = Words(words["title"].strip(), words["view"].strip(), words["button"].strip(),
                                  words["start"].strip(), words["end"].strip(),
                                  tuple(s.strip() for s in steps), {k: v.strip() for k, v in labels.items()})
        return out


def read_script(path: Path) -> tuple[Script | None, list[Problem]]:
    data, src, problems = read_toml(path)
    if data is None or src is None:
        return None, problems
    reader = _ScriptReader(src)
    script = reader.read(data)
    return script, reader.problems


def timelines(script: Script, drawing: Drawing) -> tuple[dict[str, tuple[Segment, ...]], list[Problem]]:
    """Each part's moves, checked against the drawing (states and ids that exist, no part
    moving in two phases at once, every part that changes moved by some phase)."""
    src = script.source
    problems: list[Problem] = []
    states = {name: i for i, name in enumerate(drawing.states)}
    moving = {pid for pid, part in drawing.parts.items() if part.changes}
    per_part: dict[str, list[tuple[Phase, int]]] = {pid: [] for pid in drawing.parts}
    for phase in script.phases:
        span = src.span("phases", phase.index)
        target = states.get(phase.to)
        if target is None:
            problems.append(src.problem(span, f"no state {phase.to!r} in {drawing.path.name} (states: "
                                              f"{', '.join(drawing.states)})", key_re("to")))
            continue
        for part_id in phase.parts or sorted(moving):
            if part_id not in drawing.parts:
                problems.append(src.problem(span, f"no part {part_id!r} in the state groups of "
                                                  f"{drawing.path.name}", value_re(part_id)))
                continue
            per_part[part_id].append((phase, target))
    result: dict[str, tuple[Segment, ...]] = {}
    for part_id, moves in per_part.items():
        moves.sort(key=lambda m: (m[0].start, m[0].end))
        segments: list[Segment] = []
        current = 0
        for i, (phase, target) in enumerate(moves):
            if i and phase.start < moves[i - 1][0].end:
                problems.append(src.problem(src.span("phases", phase.index),
                                            f"part {part_id!r} would move in two phases at once "
                                            f"(this one starts at {phase.start} before the other ends at "
                                            f"{moves[i - 1][0].end})", key_re("start")))
            segments.append(Segment(phase.start, phase.end, current, target, phase.ease))
            current = target
        result[part_id] = tuple(segments)
        if part_id in moving and not segments:
            problems.append(Problem(drawing.path, drawing.parts[part_id].lines[0],
                                    f"part {part_id!r} changes between states but no phase in "
                                    f"{script.path.name} moves it"))
    known = drawing.parts.keys() | drawing.fixed.keys()
    for i, label in enumerate(script.labels):
        if label.anchor not in known:
            problems.append(src.problem(src.span("labels", i), f"label {label.id!r}: no element with the id "
                                        f"{label.anchor!r} in {drawing.path.name}", key_re("anchor")))
    for i, effect in enumerate(script.effects):
        span = src.span("effects", i)
        if effect.anchor is not None and effect.anchor not in known:
            problems.append(src.problem(span, f"no element with the id {effect.anchor!r} in "
                                              f"{drawing.path.name}", key_re("anchor")))
        under = drawing.parts.get(effect.under or "")
        if effect.under is not None and (under is None or under.anchor):
            problems.append(src.problem(span, f"'under' must name a drawn part in the state groups of "
                                              f"{drawing.path.name}", key_re("under")))
    return result, problems
