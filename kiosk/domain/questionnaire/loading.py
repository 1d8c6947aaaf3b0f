"""Loading and validating the questionnaire's three TOML files (no Qt).

* ``<content>/questionnaire/questions.toml``: the questions in order, their answer keys,
  types and option ids (language-neutral);
* ``<content>/questionnaire/rules.toml``: the rules that turn answers into an urgent screen
  or into ranked treatment topics, each with its guideline;
* ``<content>/<language>/questionnaire.toml``: every word a patient sees.

:func:`load_questionnaire` reports each problem as ``path:line: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.domain.problems import Problem
from kiosk.domain.questionnaire.conditions import (
    All,
    AnyOf,
    Condition,
    Not,
    PatternRef,
    RuleRef,
    Scope,
    Test,
    compile_condition,
    red_flag_mentions,
)
from kiosk.domain.questionnaire.engine import FIRST_STEP
from kiosk.domain.questionnaire.model import (
    QUESTION_TYPES,
    QUESTIONS_FILE,
    RULES_FILE,
    TEXTS_FILE,
    URGENCIES,
    Always,
    AnswerKey,
    Effect,
    Pattern,
    Question,
    Questionnaire,
    Rule,
    Texts,
)
from kiosk.domain.questionnaire.model import show as _show
from kiosk.domain.toml_source import check_reviewed as _check_reviewed
from kiosk.domain.toml_source import is_text as _text
from kiosk.domain.toml_source import key_re as _key_re
from kiosk.domain.toml_source import read_toml as _read_toml
from kiosk.domain.toml_source import unknown_keys as _unknown_keys
from kiosk.domain.toml_source import value_re as _value_re

_ID = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")
_RULE_ID = re.compile(r"^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$")


# --------------------------------------------------------------------- loading: questions

_QUESTION_KEYS = ("id", "key", "type", "options", "min", "max", "urgency", "when", "exclusive")


def load_questions(path: Path) -> tuple[tuple[Question, ...], dict[str, AnswerKey], list[Problem]]:
    data, src, problems = _read_toml(path)
    if data is None or src is None:
        return (), {}, problems
    problems += _unknown_keys(src, src.span(None), data, ("reviewed", "question"), "questions.toml")
    problems += _check_reviewed(src, data)
    raw_questions = data.get("question")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(Problem(path, 1, "no questions: add [[question]] tables"))
        return (), {}, problems

    questions: list[Question] = []
    spans: list[tuple[int, int] | None] = []
    raws: list[Mapping[str, Any]] = []
    seen_plain = False
    for index, raw in enumerate(raw_questions):
        span = src.span("question", index)
        if not isinstance(raw, Mapping):
            problems.append(src.problem(span, "each question must be a [[question]] table",
                                        _key_re("question")))
            continue
        before = len(problems)
        problems += _unknown_keys(src, span, raw, _QUESTION_KEYS, "a [[question]]")
        for name in ("id", "key"):
            if not isinstance(raw.get(name), str) or not _ID.match(raw[name]):
                problems.append(src.problem(span, f"'{name}' must be an id of small letters, digits, "
                                                  "'_' and '-'", _key_re(name)))
        qtype: Any = raw.get("type")
        if qtype not in QUESTION_TYPES:
            problems.append(src.problem(span, f"'type' must be one of: {', '.join(QUESTION_TYPES)}",
                                        _key_re("type")))
        options = raw.get("options")
        if qtype in ("single", "multi", "body_map"):
            if (not isinstance(options, list) or not options
                    or not all(isinstance(o, str) and _ID.match(o) for o in options)):
                problems.append(src.problem(span, f"a {qtype} question needs 'options': a list of ids",
                                            _key_re("options"), _key_re("type")))
            elif len(set(options)) != len(options):
                dup = next(o for o in options if options.count(o) > 1)
                problems.append(src.problem(span, f"option '{dup}' is listed twice", _value_re(dup)))
        elif options is not None:
            problems.append(src.problem(span, f"a {qtype} question has no 'options'", _key_re("options")))
        exclusive = raw.get("exclusive", [])
        if exclusive and (qtype not in ("multi", "body_map") or not isinstance(exclusive, list)
                          or not all(isinstance(o, str) and o in (options or ()) for o in exclusive)):
            problems.append(src.problem(span, "'exclusive' is for multi questions: a list of their own "
                                              "option ids", _key_re("exclusive")))
        low, high = raw.get("min"), raw.get("max")
        if qtype == "scale":
            if not (isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool)
                    and not isinstance(high, bool) and low < high):
                problems.append(src.problem(span, "a scale needs whole numbers 'min' < 'max'",
                                            _key_re("min"), _key_re("type")))
        elif low is not None or high is not None:
            problems.append(src.problem(span, f"only a scale has 'min' and 'max', not a {qtype} question",
                                        _key_re("min"), _key_re("max")))
        urgency = raw.get("urgency")
        if urgency is not None:
            if qtype != "yes_no" or urgency not in URGENCIES:
                problems.append(src.problem(span, "'urgency' is for yes_no questions and must be one of: "
                                            + ", ".join(URGENCIES), _key_re("urgency")))
            elif seen_plain:
                problems.append(src.problem(span, "red-flag questions (with 'urgency') must come before "
                                                  "all other questions", _key_re("urgency")))
        else:
            seen_plain = True
        if len(problems) > before:
            continue
        if any(q.id == raw["id"] for q in questions):
            problems.append(src.problem(span, f"duplicate question id '{raw['id']}'", _key_re("id")))
            continue
        questions.append(Question(id=raw["id"], key=raw["key"], type=qtype, options=tuple(options or ()),
                                  min=low, max=high, urgency=urgency, exclusive=tuple(exclusive or ())))
        spans.append(span)
        raws.append(raw)

    keys: dict[str, AnswerKey] = {}
    for question, span in zip(questions, spans, strict=True):
        group = [q for q in questions if q.key == question.key]
        if question.key in keys:
            continue
        if len(group) > 1:
            if any(q.type != "yes_no" for q in group):
                problems.append(src.problem(span, f"questions sharing the key '{question.key}' must all be "
                                                  "yes_no questions", _key_re("key")))
                continue
            keys[question.key] = AnswerKey(question.key, "flags", tuple(q.id for q in group),
                                           question_ids=tuple(q.id for q in group),
                                           required=any(q.is_red_flag for q in group))
        else:
            kind = {"yes_no": "bool", "single": "choice", "multi": "choices", "body_map": "choices",
                    "scale": "number"}[question.type]
            keys[question.key] = AnswerKey(question.key, kind, question.options, question.min,
                                           question.max, (question.id,), required=question.is_red_flag)

    compiled: list[Question] = []
    for index, (question, span) in enumerate(zip(questions, spans, strict=True)):
        raw = raws[index]
        if "when" in raw:
            earlier = {q.key for q in questions[:index]} - {question.key}
            scope = Scope(src, span, f"question '{question.id}' 'when'",
                           {k: v for k, v in keys.items() if k in earlier})
            condition = compile_condition(raw["when"], scope)
            problems += scope.problems
            if condition is not None:
                question = replace(question, when=condition)
        compiled.append(question)
    return tuple(compiled), keys, problems


# ------------------------------------------------------------------------- loading: rules

_RULES_TOP = ("reviewed", "categories", "always", "patterns", "rule")
_RULE_KEYS = ("id", "description", "source", "urgency", "notes", "effects", "stop", "cite", "when")


def _load_rules(path: Path, questions: tuple[Question, ...],
                keys: Mapping[str, AnswerKey]) -> tuple[Any, list[Problem]]:
    data, src, problems = _read_toml(path)
    if data is None or src is None:
        return None, problems
    top = src.span(None)
    problems += _unknown_keys(src, top, data, _RULES_TOP, "rules.toml")
    problems += _check_reviewed(src, data)

    categories = data.get("categories")
    if (not isinstance(categories, list) or not categories
            or not all(isinstance(c, str) and _ID.match(c) for c in categories)
            or len(set(categories)) != len(categories)):
        problems.append(src.problem(top, "'categories' must be a list of different category ids",
                                    _key_re("categories")))
        categories = []

    always: Always | None = None
    raw_always = data.get("always")
    al_span = src.span("always")
    if not isinstance(raw_always, Mapping):
        problems.append(Problem(path, 1, "missing [always] table (category, score, description, source)"))
    else:
        before = len(problems)
        problems += _unknown_keys(src, al_span, raw_always, ("category", "score", "description", "source"),
                                  "[always]")
        if raw_always.get("category") not in categories:
            problems.append(src.problem(al_span, f"[always]: unknown category "
                                        f"{_show(raw_always.get('category'))}", _key_re("category")))
        score: Any = raw_always.get("score")
        if isinstance(score, bool) or not isinstance(score, int) or score <= 0:
            problems.append(src.problem(al_span, "[always]: 'score' must be a whole number above 0",
                                        _key_re("score")))
        for name in ("description", "source"):
            if not _text(raw_always.get(name)):
                problems.append(src.problem(al_span, f"[always]: '{name}' must be a non-empty text",
                                            _key_re(name)))
        if len(problems) == before:
            always = Always(raw_always["category"], score, raw_always["description"].strip(),
                                raw_always["source"].strip())

    always_cat = always.category if always else None
    patterns: dict[str, Pattern] = {}
    raw_patterns = data.get("patterns", {})
    if not isinstance(raw_patterns, Mapping):
        problems.append(src.problem(top, "'patterns' must be tables like [patterns.leg_symptoms]"))
        raw_patterns = {}
    for name, raw in raw_patterns.items():
        span = src.span(f"patterns.{name}")
        # refer to any pattern above, even a broken one (its own problem is reported already)
        above = tuple(raw_patterns)[: tuple(raw_patterns).index(name)]
        scope = Scope(src, span, f"pattern '{name}'", keys, patterns=above)
        if not _ID.match(name):
            scope.report("a pattern name uses small letters, digits, '_' and '-'")
        if not isinstance(raw, Mapping) or not _text(raw.get("description")):
            scope.report("needs a 'description' text", _key_re("description"))
        condition = (compile_condition(raw, scope, extra=("description",))
                     if isinstance(raw, Mapping) else None)
        problems += scope.problems
        if condition is not None and not scope.problems:
            patterns[name] = Pattern(name, raw["description"].strip(), condition)

    rules: list[Rule] = []
    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        problems.append(Problem(path, 1, "no rules: add [[rule]] tables"))
        raw_rules = []
    for index, raw in enumerate(raw_rules):
        span = src.span("rule", index)
        if not isinstance(raw, Mapping):
            problems.append(src.problem(span, "each rule must be a [[rule]] table", _key_re("rule")))
            continue
        rule_id: Any = raw.get("id")
        label = f"rule {rule_id}" if isinstance(rule_id, str) else f"rule number {index + 1}"
        above = tuple(r.get("id") for r in raw_rules[:index] if isinstance(r, Mapping) and "urgency" not in r)
        scope = Scope(src, span, label, keys, patterns=tuple(raw_patterns), rules=above)
        for key in raw:
            if key not in _RULE_KEYS:
                scope.report(f"unknown key '{key}' (expected: {', '.join(_RULE_KEYS)})", _key_re(key))
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            scope.report("'id' must be a short id such as R12", _key_re("id"))
        elif any(r.id == rule_id for r in rules):
            scope.report("duplicate rule id", _key_re("id"))
        for name in ("description", "source"):
            if not _text(raw.get(name)):
                scope.report(f"'{name}' must be a non-empty text", _key_re(name))
        urgency = raw.get("urgency")
        effects: list[Effect] = []
        notes = raw.get("notes", [])
        stop = raw.get("stop", False)
        if not isinstance(stop, bool):
            scope.report("'stop' must be true or false", _key_re("stop"))
            stop = False
        cite = raw.get("cite")
        if cite is not None and (not isinstance(cite, list) or not cite
                                 or not all(isinstance(k, str) and k in keys for k in cite)):
            scope.report("'cite' must be a non-empty list of answer keys (expected any of: "
                         + ", ".join(keys) + ")", _key_re("cite"))
            cite = None
        if urgency is not None:
            if urgency not in URGENCIES:
                scope.report(f"'urgency' must be one of: {', '.join(URGENCIES)}", _key_re("urgency"))
            if "effects" in raw or "notes" in raw or stop or cite:
                scope.report("an urgent rule stops the questionnaire: it has no 'effects', 'notes', "
                             "'stop' or 'cite'", _key_re("effects"), _key_re("notes"), _key_re("stop"))
        elif stop:
            if "effects" in raw:
                scope.report("a stop rule lists no topics: it has 'notes', not 'effects'", _key_re("effects"))
            if not notes:
                scope.report("a stop rule needs 'notes' (what the patient reads instead of topics)",
                             _key_re("stop"))
        elif "effects" not in raw and notes:
            pass  # a rule may only add notes
        else:
            effects = _effects(raw.get("effects"), categories, scope)
            if always_cat is not None and any(e.category == always_cat and e.exclude for e in effects):
                scope.report(f"'{always_cat}' is the [always] topic: it cannot be excluded",
                             _value_re(always_cat))
        if not isinstance(notes, list) or not all(isinstance(n, str) and _ID.match(n) for n in notes):
            scope.report("'notes' must be a list of note ids", _key_re("notes"))
            notes = []
        if "when" not in raw:
            scope.report("missing 'when' (the rule's condition): add a [rule.when] table")
            condition = None
        else:
            condition = compile_condition(raw["when"], scope)
        problems += scope.problems
        if not scope.problems and condition is not None:
            rules.append(Rule(rule_id, raw["description"].strip(), raw["source"].strip(), condition,
                              tuple(effects), urgency, tuple(notes), stop,
                              tuple(cite) if cite is not None else None))

    if problems:
        return None, problems

    # every topic a rule adds must be able to say why: at least one answer it quotes
    for index, rule in enumerate(rules):
        adds = [e.category for e in rule.effects if e.score > 0 and e.category != always_cat]
        if adds and not _always_quotes(rule.when, rule.cite, patterns, rules):
            span = src.span("rule", index)
            problems.append(src.problem(span, f"rule {rule.id}: adds {', '.join(adds)} but may be true "
                                        "without quoting any answer as its reason (add a test on an answer "
                                        "it cites, outside 'not')", _key_re("cite"), _key_re("effects")))

    # every red-flag question must be named by an urgent rule of the same urgency
    for question in questions:
        if not question.is_red_flag:
            continue
        wanted = (question.key, question.id) if keys[question.key].kind == "flags" else (question.key, True)
        if not any(rule.urgency == question.urgency and wanted in red_flag_mentions(rule.when)
                   for rule in rules):
            level = question.urgency
            problems.append(Problem(path, 1, f"red flag '{question.id}' (urgency '{level}') is not named "
                                             f"by any rule with urgency = \"{level}\""))
    return (tuple(categories), patterns, tuple(rules), always), problems


_EFFECT_KEYS = ("category", "score", "exclude", "first", "after", "requires")


def _effects(raw: Any, categories: list[str], scope: Scope) -> list[Effect]:
    if not isinstance(raw, list) or not raw:
        scope.report("'effects' must be a non-empty list like [{category = \"injections\", score = 2}]",
                     _key_re("effects"))
        return []
    effects: list[Effect] = []
    for item in raw:
        if not isinstance(item, Mapping):
            scope.report("each effect must be a table like {category = \"injections\", score = 2}",
                         _key_re("effects"))
            continue
        unknown = [key for key in item if key not in _EFFECT_KEYS]
        for key in unknown:
            scope.report(f"unknown key '{key}' in an effect (expected: {', '.join(_EFFECT_KEYS)})",
                         _key_re(key))
        category = item.get("category")
        if category not in categories:
            scope.report(f"unknown category {_show(category)} (expected one of: {', '.join(categories)})",
                         _value_re(category) if isinstance(category, str) else _key_re("category"))
            continue
        if unknown:
            continue
        score = item.get("score", 0)
        if isinstance(score, bool) or not isinstance(score, int):
            scope.report(f"the effect on '{category}': 'score' must be a whole number", _key_re("score"))
            continue
        flags = {}
        for name in ("exclude", "first"):
            value = item.get(name, False)
            if not isinstance(value, bool):
                scope.report(f"the effect on '{category}': '{name}' must be true or false", _key_re(name))
            flags[name] = value is True
        partners = {}
        for name in ("after", "requires"):
            value = item.get(name)
            if value is not None and (value not in categories or value == category):
                scope.report(f"the effect on '{category}': '{name}' must name another category "
                             f"(one of: {', '.join(categories)})", _key_re(name))
                value = None
            partners[name] = value
        if flags["exclude"] and (score or flags["first"] or partners["after"] or partners["requires"]):
            scope.report(f"the effect on '{category}': 'exclude = true' stands alone", _key_re("exclude"))
            continue
        if not (score or any(flags.values()) or any(partners.values())):
            scope.report(f"the effect on '{category}' does nothing: give 'score' (not 0), 'exclude', "
                         "'first', 'after' or 'requires'", _value_re(category))
            continue
        effects.append(Effect(category, score=score, exclude=flags["exclude"], first=flags["first"],
                              after=partners["after"], requires=partners["requires"]))
    return effects


def _always_quotes(condition: Condition, cite: tuple[str, ...] | None, patterns: Mapping[str, Pattern],
                   rules: Sequence[Rule]) -> bool:
    """Whether ``condition``, whenever it is true, quotes at least one answer in ``cite``."""
    if isinstance(condition, Test):
        return condition.op != "answered" and (cite is None or condition.key in cite)
    if isinstance(condition, All):
        return any(_always_quotes(item, cite, patterns, rules) for item in condition.items)
    if isinstance(condition, AnyOf):
        return all(_always_quotes(item, cite, patterns, rules) for item in condition.items)
    if isinstance(condition, Not):
        return False
    if isinstance(condition, PatternRef):
        return _always_quotes(patterns[condition.name].when, cite, patterns, rules)
    if isinstance(condition, RuleRef):
        rule = next(r for r in rules if r.id == condition.rule_id)
        return _always_quotes(rule.when, cite, patterns, rules)
    return False


# ------------------------------------------------------------------------- loading: texts

_TEXT_TOP = ("reviewed", "intro", "results", "urgent", "notes", "buttons", "ui", "categories",
             "questions", "reasons")
_INTRO = ("title", "body", "not_diagnosis", "privacy")
_RESULTS = ("title", "because", "standing", FIRST_STEP)
_URGENT = ("title", "body", "action")
_BUTTONS = ("yes", "no", "skip")
# The words of the questionnaire's screens and of the hand-off summary: every language file
# has each of them (no screen falls back to words written in the code). The [ui] table may
# also word a note or an answer for the doctor (summary_note_<id>, summary_<key>_<option>).
UI_KEYS = (
    "back", "start_over", "progress", "show_doctor", "print", "start", "next", "none_of_these",
    "not_sure", "clear", "finish", "safety", "intro_is", "intro_not", "intro_privacy", "body_map_hint",
    "you_chose", "nothing_chosen", "more_places", "learn_more", "handoff_title", "handoff_lead",
    "print_done", "print_failed", "pressed_yes_by_mistake", "stopped_title", "stopped_next", "compare",
    "compare_title", "compare_lead", "compare_involves", "compare_benefits", "compare_risks",
    "compare_recovery", "compare_missing",
    "summary_title", "summary_safety", "summary_safety_cleared", "summary_note", "summary_areas",
    "summary_side", "summary_main_pain", "summary_duration", "summary_severity", "summary_severity_value",
    "summary_worse_with", "summary_better_with", "summary_numbness", "summary_weakness", "summary_age_band",
    "summary_tried", "summary_injection_relief", "summary_imaging", "summary_topics", "summary_yes",
    "summary_no", "summary_more",
)


def _load_texts(path: Path, language: str, questions: tuple[Question, ...], keys: Mapping[str, AnswerKey],
                rules_part: Any) -> tuple[Texts | None, list[Problem]]:
    data, src, problems = _read_toml(path)
    if data is None or src is None:
        return None, problems
    categories, _patterns, rules, _always = rules_part
    problems += _unknown_keys(src, src.span(None), data, _TEXT_TOP, f"{language}/{TEXTS_FILE}")
    problems += _check_reviewed(src, data)

    def table(path_name: str, value: Any) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            problems.append(src.problem(src.span(None), f"'{path_name}' must be a table [{path_name}]",
                                        _key_re(path_name.split(".")[-1])))
            return {}
        return value

    def strings(path_name: str, value: Any, required: Iterable[str], closed: bool = True,
                optional: Iterable[str] = ()) -> dict[str, str]:
        """Check a table of texts: every required key present, none unknown (if closed)."""
        found = table(path_name, value)
        span = src.span(path_name, children=False)
        parent = path_name
        while span is None and "." in parent:  # no [a.b.c] header: point at [a.b] instead
            parent = parent.rsplit(".", 1)[0]
            span = src.span(parent, children=False)
        out: dict[str, str] = {}
        for key in required:
            if key not in found:
                problems.append(Problem(src.path, span[0] if span else 1,
                                        f"[{path_name}]: missing text for '{key}'"))
        for key, text in found.items():
            if closed and key not in required and key not in optional:
                problems.append(src.problem(span, f"[{path_name}]: unknown id '{key}' (expected: "
                                            f"{', '.join(map(str, required)) or 'nothing'})", _key_re(key)))
            elif not _text(text):
                problems.append(src.problem(span, f"[{path_name}]: '{key}' must be a non-empty text",
                                            _key_re(key)))
            else:
                out[key] = text.strip()
        return out

    urgencies = sorted({q.urgency for q in questions if q.urgency} | {r.urgency for r in rules if r.urgency},
                       key=URGENCIES.index)
    notes_used = list(dict.fromkeys(note for rule in rules for note in rule.notes))
    intro = strings("intro", data.get("intro"), _INTRO)
    results = strings("results", data.get("results"), _RESULTS)
    raw_urgent = table("urgent", data.get("urgent"))
    urgent: dict[str, dict[str, str]] = {}
    for level in urgencies:
        if level not in raw_urgent:
            problems.append(Problem(src.path, 1, f"missing [urgent.{level}] (title, body, action)"))
        else:
            urgent[level] = strings(f"urgent.{level}", raw_urgent[level], _URGENT)
    for level in raw_urgent:
        if level not in urgencies:
            problems.append(src.problem(src.span(f"urgent.{level}"), f"unknown urgent screen '{level}' "
                                        f"(expected: {', '.join(urgencies)})"))
    notes = strings("notes", data.get("notes"), notes_used)
    buttons = strings("buttons", data.get("buttons"), _BUTTONS)
    ui = strings("ui", data.get("ui"), UI_KEYS, closed=False)
    category_names = strings("categories", data.get("categories"), categories)

    raw_questions = table("questions", data.get("questions"))
    question_texts: dict[str, dict[str, str]] = {}
    option_texts: dict[str, dict[str, str]] = {}
    ids = [q.id for q in questions]
    for qid in raw_questions:
        if qid not in ids:
            problems.append(src.problem(src.span(f"questions.{qid}"), f"[questions.{qid}]: no question has "
                                        f"the id '{qid}' in questions.toml"))
    for question in questions:
        name = f"questions.{question.id}"
        raw = raw_questions.get(question.id)
        if raw is None:
            problems.append(Problem(src.path, 1, f"missing text for question '{question.id}': add [{name}]"))
            continue
        raw = table(name, raw)
        has_options = question.type in ("single", "multi", "body_map")
        needed = ("text", "low", "high") if question.type == "scale" else ("text",)
        own = {k: v for k, v in raw.items() if not (k == "options" and has_options)}
        question_texts[question.id] = strings(name, own, needed, optional=("help",))
        if has_options:
            option_texts[question.id] = strings(f"{name}.options", raw.get("options"), question.options)

    raw_reasons = table("reasons", data.get("reasons"))
    reasons: dict[str, Any] = {}
    citable = [k for k in dict.fromkeys(q.key for q in questions if not q.is_red_flag)]
    span = src.span("reasons", children=False)
    for key in raw_reasons:
        if key not in citable:
            problems.append(src.problem(src.span(f"reasons.{key}") or span, f"[reasons]: '{key}' is not an "
                                        "answer a rule can point to", _key_re(key)))
    for key in citable:
        spec = keys[key]
        if spec.kind == "number":
            template: Any = raw_reasons.get(key)
            if not _text(template) or "{value}" not in template:
                problems.append(src.problem(span, f"[reasons]: '{key}' needs one text with {{value}} in it, "
                                            f"like {key} = \"you rated your pain {{value}} out of 10\"",
                                            _key_re(key)))
            else:
                reasons[key] = template.strip()
            continue
        values = ("true", "false") if spec.kind == "bool" else spec.values
        if key not in raw_reasons:
            problems.append(Problem(src.path, span[0] if span else 1,
                                    f"missing reasons for '{key}': add [reasons.{key}]"))
            continue
        reasons[key] = strings(f"reasons.{key}", raw_reasons[key], values)

    if problems:
        return None, problems
    return Texts(language, intro, results, urgent, notes, buttons, ui, category_names, question_texts,
                 option_texts, reasons), []


# ------------------------------------------------------------------------------- public


def load_questionnaire(content_root: Path, language: str) -> tuple[Questionnaire | None, list[Problem]]:
    """Load and validate the questionnaire; ``(None, problems)`` if anything is wrong."""
    content_root = Path(content_root)
    questions, keys, problems = load_questions(content_root / QUESTIONS_FILE)
    if problems:
        return None, sorted(problems)
    rules_part, found = _load_rules(content_root / RULES_FILE, questions, keys)
    if found or rules_part is None:
        return None, sorted(found)
    texts, found = _load_texts(content_root / language / TEXTS_FILE, language, questions, keys, rules_part)
    if found or texts is None:
        return None, sorted(found)
    categories, patterns, rules, always = rules_part
    return Questionnaire(questions, keys, categories, patterns, rules, always, texts), []
