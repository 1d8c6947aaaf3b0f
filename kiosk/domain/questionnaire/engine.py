"""Applying the rules of rules.toml to one set of answers (no Qt).

The order of work, which docs/questionnaire.md explains to clinic staff:

1. Red flags: a "yes" to a red-flag question, or a true rule with ``urgency``, gives the
   most urgent screen ("emergency" before "doctor_today") and nothing else.
2. Every other true rule is collected. Their notes are kept in rule order.
3. A true ``stop`` rule (such as "adults only") ends here: notes, no topics.
4. Scores add up per topic; ``exclude`` removes a topic whatever its score; ``requires``
   removes a topic whose partner topic is not listed. The ``[always]`` topic is always
   listed (the option of not having a procedure).
5. Order: topics marked ``first`` lead, then by score, then by the ``categories`` list; an
   ``after`` effect is a hard rule that wins over both.
6. Reasons: each topic quotes the answers that made its own rules true (limited by each
   rule's ``cite``), at most :data:`MAX_REASONS`, most telling first. A topic with no such
   answer (only ever the ``[always]`` topic) gets the "usual first step" reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kiosk.domain.questionnaire.answers import Answers, parse_answers, said_yes
from kiosk.domain.questionnaire.conditions import Context
from kiosk.domain.questionnaire.model import (
    MAX_REASONS,
    URGENCIES,
    Note,
    Questionnaire,
    Reason,
    Result,
    Rule,
    Suggestion,
)

# When a topic has more reasons than fit, the answers that say most about it come first.
REASON_PRIORITY = ("imaging", "injection_relief", "weakness", "tried", "duration", "severity", "worse_with",
                   "better_with", "numbness", "pain_areas", "main_pain", "age_band", "side")
FIRST_STEP = "first_step"  # the [results] text of the reason that quotes no answer


def evaluate(questionnaire: Questionnaire, answers: Answers | Mapping[str, Any]) -> Result:
    """Apply the rules to ``answers`` (an :class:`Answers`, or a plain mapping that is
    checked with :func:`parse_answers` first)."""
    q = questionnaire
    if not isinstance(answers, Answers):
        answers = parse_answers(answers, q)
    ctx = Context(q, answers)

    red_flags = tuple(question.id for question in q.red_flag_questions() if said_yes(question, answers))
    levels = {q.question(flag).urgency for flag in red_flags}
    urgent_fired = [rule.id for rule in q.rules if rule.urgency and ctx.rule(rule.id) is not None]
    levels |= {q.rule(rule_id).urgency for rule_id in urgent_fired}
    if levels:
        urgent = next(level for level in URGENCIES if level in levels)
        return Result(urgent=urgent, red_flags=red_flags, rules_fired=tuple(urgent_fired))

    fired = [rule for rule in q.rules if not rule.urgency and ctx.rule(rule.id) is not None]
    note_ids = list(dict.fromkeys(note for rule in fired for note in rule.notes))
    notes = tuple(Note(note, q.texts.note(note)) for note in note_ids)
    fired_ids = tuple(rule.id for rule in fired)
    if any(rule.stop for rule in fired):
        return Result(urgent=None, rules_fired=fired_ids, notes=notes, stopped=True)

    scores, cited, order = _topics(q, ctx, fired)
    suggestions = tuple(Suggestion(cat, scores[cat], _reasons(q, cat, cited.get(cat, ()))) for cat in order)
    return Result(urgent=None, suggestions=suggestions, rules_fired=fired_ids, notes=notes)


def _topics(q: Questionnaire, ctx: Context,
            fired: list[Rule]) -> tuple[dict[str, int], dict[str, list[tuple[str, Any]]], list[str]]:
    """(scores, cited answers per topic, listing order) for the fired rules."""
    always = q.always.category
    scores: dict[str, int] = {always: q.always.score}
    cited: dict[str, list[tuple[str, Any]]] = {}
    excluded: set[str] = set()
    first: list[str] = []
    after: list[tuple[str, str]] = []
    requires: list[tuple[str, str]] = []
    for rule in fired:
        hits = [hit for hit in ctx.rule(rule.id) or () if rule.cite is None or hit[0] in rule.cite]
        for effect in rule.effects:
            cat = effect.category
            if effect.exclude:
                excluded.add(cat)
            if effect.score:
                scores[cat] = scores.get(cat, 0) + effect.score
            if effect.score > 0 or effect.first:
                cited.setdefault(cat, []).extend(hits)
            if effect.first and cat not in first:
                first.append(cat)
            if effect.after:
                after.append((cat, effect.after))
            if effect.requires:
                requires.append((cat, effect.requires))

    shown = {cat for cat, score in scores.items() if score > 0 and cat not in excluded} | {always}
    changed = True
    while changed:  # a topic that needs a partner goes when the partner goes
        changed = False
        for cat, partner in requires:
            if cat in shown and partner not in shown and cat != always:
                shown.discard(cat)
                changed = True

    preferred = sorted(shown, key=lambda cat: (first.index(cat) if cat in first else len(first),
                                               -scores[cat], q.categories.index(cat)))
    order: list[str] = []
    while preferred:
        ready = next((cat for cat in preferred
                      if not any(c == cat and anchor in preferred for c, anchor in after)), preferred[0])
        order.append(ready)
        preferred.remove(ready)
    return scores, cited, order


def _reasons(q: Questionnaire, category: str, hits: Iterable[tuple[str, Any]]) -> tuple[Reason, ...]:
    picked = pick_reasons(q, hits)
    if not picked:
        return (Reason(None, None, q.texts.results[FIRST_STEP]),)
    return tuple(Reason(key, value, q.texts.reason(key, value)) for key, value in picked)


def pick_reasons(q: Questionnaire, hits: Iterable[tuple[str, Any]],
                 limit: int = MAX_REASONS) -> list[tuple[str, Any]]:
    """At most ``limit`` different (key, value) answers: one per answer key first, the most
    telling keys first (:data:`REASON_PRIORITY`, then question order), values in option order."""
    keys = list(q.keys)

    def rank(hit: tuple[str, Any]) -> tuple[int, int, int]:
        key, value = hit
        spec = q.keys[key]
        priority = REASON_PRIORITY.index(key) if key in REASON_PRIORITY else len(REASON_PRIORITY)
        position = spec.values.index(value) if isinstance(value, str) and value in spec.values else 0
        return priority, keys.index(key), position

    unique = sorted(dict.fromkeys(hits), key=rank)
    first: list[tuple[str, Any]] = []
    rest: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for key, value in unique:
        (rest if key in seen else first).append((key, value))
        seen.add(key)
    return (first + rest)[:limit]
