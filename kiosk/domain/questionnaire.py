"""The questionnaire engine: "Which treatments could I discuss?" (no Qt).

Three TOML files, all edited and reviewed by the clinic, drive it:

* ``<content>/questionnaire/questions.toml``: the questions in order, their answer keys,
  types and option ids (language-neutral);
* ``<content>/questionnaire/rules.toml``: the rules that turn answers into an urgent screen
  or into ranked treatment topics, written in a small condition language;
* ``<content>/<language>/questionnaire.toml``: every word a patient sees, and one plain
  reason per answer value.

:func:`load_questionnaire` validates all three and reports each problem as
``path:line: message``. :func:`parse_answers` checks an answers object (the ``kiosk
triage`` file format). :func:`evaluate` applies the rules. :class:`Session` holds one
patient's answers in memory for the touch screens.

Privacy: answers live only in :class:`Answers` and :class:`Session` objects. Nothing here
logs, and neither class shows answer values in its ``repr``. Do not log an
:class:`AnswerError` raised from a patient's session either: its message quotes the value.
docs/questionnaire.md describes the file formats and the rules for clinic staff.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kiosk.domain.problems import Problem

QUESTION_TYPES = ("yes_no", "single", "multi", "scale", "body_map")
URGENCIES = ("emergency", "doctor_today")  # most urgent first
TESTS = ("is", "in", "has", "has_any", "gte", "lte", "answered")
COMBINATORS = ("all", "any", "not", "pattern", "rule")
QUESTIONS_FILE = Path("questionnaire") / "questions.toml"
RULES_FILE = Path("questionnaire") / "rules.toml"
TEXTS_FILE = "questionnaire.toml"  # inside <content>/<language>/
WHOLE_FILE = "answers"  # the name an AnswerError uses when the whole object is wrong

_ID = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")
_RULE_ID = re.compile(r"^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


# --------------------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Test:
    """One test on one answer, e.g. ``{key = "severity", gte = 7}``."""

    key: str
    op: str
    arg: Any

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        """None when false; when true, the (answer key, value) pairs that made it true."""
        answers = ctx.answers
        if self.op == "answered":
            return [] if (self.key in answers) == self.arg else None
        if self.key not in answers:
            return None
        value = answers[self.key]
        if self.op == "is":
            same = value == self.arg and isinstance(value, bool) == isinstance(self.arg, bool)
            return [(self.key, value)] if same else None
        if self.op == "in":
            return [(self.key, value)] if value in self.arg else None
        if self.op == "has":
            return [(self.key, self.arg)] if self.arg in value else None
        if self.op == "has_any":
            hits = [(self.key, item) for item in value if item in self.arg]
            return hits or None
        if self.op == "gte":
            return [(self.key, value)] if value >= self.arg else None
        if self.op == "lte":
            return [(self.key, value)] if value <= self.arg else None
        raise AssertionError(self.op)  # pragma: no cover - rejected when loading

    def describe(self) -> str:
        words = {"is": "is", "in": "is one of", "has": "includes", "has_any": "includes any of",
                 "gte": "is at least", "lte": "is at most"}
        if self.op == "answered":
            return f"{self.key} is {'answered' if self.arg else 'not answered'}"
        return f"{self.key} {words[self.op]} {_show(self.arg)}"


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        found: list[tuple[str, Any]] = []
        for item in self.items:
            hits = item.check(ctx)
            if hits is None:
                return None
            found += hits
        return found

    def describe(self) -> str:
        return "(" + " and ".join(item.describe() for item in self.items) + ")"


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        found: list[tuple[str, Any]] | None = None
        for item in self.items:
            hits = item.check(ctx)
            if hits is not None:
                found = (found or []) + hits
        return found

    def describe(self) -> str:
        return "(" + " or ".join(item.describe() for item in self.items) + ")"


@dataclass(frozen=True)
class Not:
    item: Condition

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        # "not" never gives a reason: the absence of an answer is not something the patient said
        return [] if self.item.check(ctx) is None else None

    def describe(self) -> str:
        return f"not {self.item.describe()}"


@dataclass(frozen=True)
class PatternRef:
    name: str

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        return ctx.pattern(self.name)

    def describe(self) -> str:
        return f"pattern {self.name}"


@dataclass(frozen=True)
class RuleRef:
    rule_id: str

    def check(self, ctx: _Context) -> list[tuple[str, Any]] | None:
        return ctx.rule(self.rule_id)

    def describe(self) -> str:
        return f"rule {self.rule_id}"


Condition = Test | All | AnyOf | Not | PatternRef | RuleRef


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


# ----------------------------------------------------------------------- the questionnaire


@dataclass(frozen=True)
class Question:
    id: str
    key: str
    type: str
    options: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    urgency: str | None = None
    when: Condition | None = None

    @property
    def is_red_flag(self) -> bool:
        return self.urgency is not None


@dataclass(frozen=True)
class AnswerKey:
    """What one key of an answers object may hold.

    ``kind``: ``flags`` (list of yes_no question ids answered "yes"), ``bool``, ``choice``
    (one option id), ``choices`` (list of option ids) or ``number`` (whole number in
    ``low``..``high``).
    """

    name: str
    kind: str
    values: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    question_ids: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.kind in ("flags", "choices")

    def expected(self) -> str:
        if self.kind == "bool":
            return "true or false"
        if self.kind == "number":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "choice":
            return "one of: " + ", ".join(self.values)
        return "a list of any of: " + ", ".join(self.values)


@dataclass(frozen=True)
class Effect:
    category: str
    score: int = 0
    exclude: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    source: str
    when: Condition
    effects: tuple[Effect, ...] = ()
    urgency: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pattern:
    name: str
    description: str
    when: Condition


@dataclass(frozen=True)
class Fallback:
    category: str
    score: int
    description: str
    source: str


@dataclass(frozen=True)
class Texts:
    """Every word of the questionnaire in one language."""

    language: str
    intro: Mapping[str, str]
    results: Mapping[str, str]
    urgent: Mapping[str, Mapping[str, str]]
    notes: Mapping[str, str]
    buttons: Mapping[str, str]
    ui: Mapping[str, str]
    categories: Mapping[str, str]
    questions: Mapping[str, Mapping[str, str]]  # question id -> text, help, low, high
    options: Mapping[str, Mapping[str, str]]  # question id -> option id -> label
    reasons: Mapping[str, Any]  # answer key -> {value: sentence} or, for a scale, one template

    def question(self, question_id: str) -> str:
        return self.questions[question_id]["text"]

    def help(self, question_id: str) -> str | None:
        return self.questions[question_id].get("help")

    def option(self, question_id: str, option_id: str) -> str:
        return self.options[question_id][option_id]

    def category(self, category: str) -> str:
        return self.categories[category]

    def reason(self, key: str, value: Any) -> str:
        entry = self.reasons[key]
        if isinstance(entry, str):
            return entry.replace("{value}", str(value))
        if isinstance(value, bool):
            return entry["true" if value else "false"]
        return entry[value]


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]
    keys: Mapping[str, AnswerKey]
    categories: tuple[str, ...]
    patterns: Mapping[str, Pattern]
    rules: tuple[Rule, ...]
    fallback: Fallback
    texts: Texts

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def red_flag_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.is_red_flag)


# ------------------------------------------------------------------------------- answers


class AnswerError(ValueError):
    """An answers object does not fit the schema. ``str()`` names the key and the problem."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"'{key}': {problem}")
        self.key = key
        self.problem = problem


class Answers(Mapping[str, Any]):
    """Checked answers: an immutable mapping from answer key to value.

    Lists are stored as tuples without repeats. Keys that were not answered are absent.
    The repr shows how many keys were answered, never the values.
    """

    def __init__(self, values: Mapping[str, Any] | None = None):
        self._values = {k: tuple(v) if isinstance(v, list) else v for k, v in (values or {}).items()}

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"<Answers: {len(self._values)} answered>"

    def as_dict(self) -> dict[str, Any]:
        """The answers-file JSON shape (lists as lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self._values.items()}


def _check_value(spec: AnswerKey, value: Any) -> Any:
    """The value normalised for ``spec`` (lists without repeats); AnswerError if it does not fit."""
    key = spec.name
    if spec.kind in ("flags", "choices"):
        if not isinstance(value, list | tuple):
            raise AnswerError(key, f"must be a list, not {_json_type(value)} (expected {spec.expected()})")
        items: list[str] = []
        for item in value:
            if not isinstance(item, str):
                raise AnswerError(key, f"every item must be a text id, not {_json_type(item)} "
                                       f"(expected {spec.expected()})")
            if item not in spec.values:
                raise AnswerError(key, f"unknown value {item!r} (expected {spec.expected()})")
            if item not in items:
                items.append(item)
        return tuple(items)
    if spec.kind == "choice":
        if not isinstance(value, str):
            raise AnswerError(key, f"must be a text id, not {_json_type(value)} (expected {spec.expected()})")
        if value not in spec.values:
            raise AnswerError(key, f"unknown value {value!r} (expected {spec.expected()})")
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise AnswerError(key, f"must be true or false, not {_json_type(value)}")
        return value
    if spec.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(key, f"must be {spec.expected()}, not {_json_type(value)}")
        if not spec.low <= value <= spec.high:
            raise AnswerError(key, f"{value} is out of range (expected {spec.expected()})")
        return value
    raise AssertionError(spec.kind)  # pragma: no cover


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def parse_answers(obj: Any, questionnaire: Questionnaire | None = None) -> Answers:
    """Check an answers object (decoded JSON) and return it as :class:`Answers`.

    The schema comes from ``questionnaire`` (default: the built-in questions.toml).
    Rules: the object's keys are answer keys; a missing key or ``null`` means "not
    answered"; lists may repeat an item (kept once); an answer to a question that does not
    apply (``injection_relief`` without ``injections`` in ``tried``) is rejected.
    Raises :class:`AnswerError` naming the key and the problem.
    """
    if questionnaire is None:
        questions, keys = _default_schema()
    else:
        questions, keys = questionnaire.questions, questionnaire.keys
    if not isinstance(obj, Mapping):
        raise AnswerError(WHOLE_FILE, f"must be one JSON object like {{\"duration\": \"over_12_weeks\"}}, "
                                      f"not {_json_type(obj)}")
    values: dict[str, Any] = {}
    for key, value in obj.items():
        spec = keys.get(key) if isinstance(key, str) else None
        if spec is None:
            raise AnswerError(str(key), "unknown key (expected any of: " + ", ".join(keys) + ")")
        if value is None:
            continue
        values[key] = _check_value(spec, value)
    answers = Answers(values)
    for question in questions:
        if question.when is None or not _gave(question, answers):
            continue
        if question.when.check(_Context(None, answers)) is None:
            raise AnswerError(question.key, f"answered, but this question is only asked when "
                                            f"{question.when.describe()}")
    return answers


def _gave(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether ``answers`` holds an answer to ``question`` (for a shared key: a "yes")."""
    if question.key not in answers:
        return False
    value = answers[question.key]
    return question.id in value if isinstance(value, tuple) and question.type == "yes_no" else True


def _said_yes(question: Question, answers: Mapping[str, Any]) -> bool:
    value = answers.get(question.key)
    if isinstance(value, tuple):
        return question.id in value
    return value is True


@functools.lru_cache(maxsize=1)
def _default_schema() -> tuple[tuple[Question, ...], Mapping[str, AnswerKey]]:
    from kiosk.resources import default_content_dir

    questions, keys, problems = _load_questions(default_content_dir() / QUESTIONS_FILE)
    if problems:
        raise RuntimeError(f"the built-in questionnaire has problems: {problems[0]}")
    return questions, keys


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    answer: str
    value: Any
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "value": self.value, "text": self.text}


@dataclass(frozen=True)
class Suggestion:
    category: str
    score: int
    reasons: tuple[Reason, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"category": self.category, "score": self.score,
                "reasons": [reason.as_dict() for reason in self.reasons]}


@dataclass(frozen=True)
class Result:
    """What the rules say. ``urgent`` is None, "emergency" or "doctor_today"; when urgent,
    ``suggestions`` is empty. ``notes`` are note ids (text in the language file) for the
    results screen; ``rules_fired`` lists the ids of the rules that were true."""

    urgent: str | None
    red_flags: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    rules_fired: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"urgent": self.urgent, "red_flags": list(self.red_flags),
                "suggestions": [s.as_dict() for s in self.suggestions]}

    def categories(self) -> list[str]:
        return [s.category for s in self.suggestions]


class _Context:
    """Evaluates patterns and rules once per answer set."""

    def __init__(self, questionnaire: Questionnaire | None, answers: Mapping[str, Any]):
        self.questionnaire = questionnaire
        self.answers = answers
        self._memo: dict[tuple[str, str], list[tuple[str, Any]] | None] = {}

    def pattern(self, name: str) -> list[tuple[str, Any]] | None:
        if ("pattern", name) not in self._memo:
            self._memo["pattern", name] = self.questionnaire.patterns[name].when.check(self)
        return self._memo["pattern", name]

    def rule(self, rule_id: str) -> list[tuple[str, Any]] | None:
        if ("rule", rule_id) not in self._memo:
            self._memo["rule", rule_id] = self.questionnaire.rule(rule_id).when.check(self)
        return self._memo["rule", rule_id]


def evaluate(questionnaire: Questionnaire, answers: Answers | Mapping[str, Any]) -> Result:
    """Apply the rules to ``answers`` (an :class:`Answers`, or a plain mapping that is
    checked with :func:`parse_answers` first)."""
    q = questionnaire
    if not isinstance(answers, Answers):
        answers = parse_answers(answers, q)
    ctx = _Context(q, answers)
    red_flags = tuple(question.id for question in q.red_flag_questions() if _said_yes(question, answers))
    levels = {q.question(flag).urgency for flag in red_flags}
    fired: list[str] = []
    for rule in q.rules:
        if rule.urgency and ctx.rule(rule.id) is not None:
            fired.append(rule.id)
            levels.add(rule.urgency)
    if levels:
        urgent = next(level for level in URGENCIES if level in levels)
        return Result(urgent=urgent, red_flags=red_flags, rules_fired=tuple(fired))

    scores: dict[str, int] = {}
    cited: dict[str, set[tuple[str, Any]]] = {}
    excluded: set[str] = set()
    notes: list[str] = []
    for rule in q.rules:
        if rule.urgency:
            continue
        hits = ctx.rule(rule.id)
        if hits is None:
            continue
        fired.append(rule.id)
        notes += [note for note in rule.notes if note not in notes]
        for effect in rule.effects:
            if effect.exclude:
                excluded.add(effect.category)
                continue
            scores[effect.category] = scores.get(effect.category, 0) + effect.score
            if effect.score > 0:
                cited.setdefault(effect.category, set()).update(hits)
    shown = [cat for cat, score in scores.items() if score > 0 and cat not in excluded]
    if not shown:
        fallback = q.fallback
        scores[fallback.category] = fallback.score
        cited[fallback.category] = set(_first_citable(q, answers))
        shown = [fallback.category]
    shown.sort(key=lambda cat: (-scores[cat], q.categories.index(cat)))
    suggestions = tuple(
        Suggestion(cat, scores[cat], tuple(
            Reason(key, value, q.texts.reason(key, value))
            for key, value in sorted(cited.get(cat, ()), key=lambda hit: _reason_order(q, hit))
        ))
        for cat in shown
    )
    return Result(urgent=None, red_flags=(), suggestions=suggestions, rules_fired=tuple(fired),
                  notes=tuple(notes))


def _citable_keys(q: Questionnaire) -> list[str]:
    keys: list[str] = []
    for question in q.questions:
        if not question.is_red_flag and question.key not in keys:
            keys.append(question.key)
    return keys


def _first_citable(q: Questionnaire, answers: Answers) -> list[tuple[str, Any]]:
    """The first answer in question order that a reason can quote (none for an empty set)."""
    for key in _citable_keys(q):
        if key not in answers:
            continue
        value = answers[key]
        if isinstance(value, tuple):
            if value:
                return [(key, min(value, key=q.keys[key].values.index))]
            continue
        return [(key, value)]
    return []


def _reason_order(q: Questionnaire, hit: tuple[str, Any]) -> tuple[int, int]:
    key, value = hit
    keys = list(q.keys)
    spec = q.keys[key]
    position = spec.values.index(value) if isinstance(value, str) and value in spec.values else 0
    return keys.index(key), position


# ------------------------------------------------------------------------------- session

_SKIPPED = object()


class Session:
    """One patient's answers, in memory only, asked one question at a time.

    ``next_question()`` is the question to show (None when finished or stopped by a red
    flag); ``answer()`` answers exactly that question; ``skip()`` leaves it unanswered;
    ``back()`` forgets the last answer; ``reset()`` forgets everything. Questions whose
    ``when`` condition is false are skipped. A "yes" to a red-flag question stops the
    questionnaire: ``stopped`` is then true and ``result()`` gives the urgent result.
    """

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self._given: dict[str, Any] = {}  # question id -> value (or _SKIPPED), in answer order

    def __repr__(self) -> str:
        return f"<Session: {len(self._given)} of {len(self.questionnaire.questions)} questions done>"

    # --- state
    @property
    def stopped(self) -> bool:
        """True after a "yes" to a red-flag question."""
        q = self.questionnaire
        return any(q.question(qid).is_red_flag and value is True for qid, value in self._given.items())

    @property
    def finished(self) -> bool:
        return self.next_question() is None

    def applies(self, question: Question) -> bool:
        return question.when is None or question.when.check(_Context(None, self.answers())) is not None

    def next_question(self) -> Question | None:
        if self.stopped:
            return None
        for question in self.questionnaire.questions:
            if question.id not in self._given and self.applies(question):
                return question
        return None

    def progress(self) -> tuple[int, int]:
        """(number of the current question, number of questions) for "3 of 9".

        The total counts the questions that apply to the answers so far, so it can grow by
        one when a later answer opens a follow-up question.
        """
        done = len(self._given)
        if self.stopped:
            return done, done
        remaining = sum(1 for question in self.questionnaire.questions
                        if question.id not in self._given and self.applies(question))
        current = done + 1 if remaining else done
        return current, done + remaining

    def value(self, question_id: str) -> Any:
        """The answer given to a question (None if not answered or skipped)."""
        value = self._given.get(question_id)
        return None if value is _SKIPPED else value

    # --- changes
    def answer(self, question_id: str, value: Any) -> Question | None:
        """Answer the current question; returns the next question (None when done)."""
        question = self._current(question_id)
        if question.type == "yes_no":
            if not isinstance(value, bool):
                raise AnswerError(question.key, f"must be true or false, not {_json_type(value)}")
        else:
            value = _check_value(self.questionnaire.keys[question.key], value)
        self._given[question.id] = value
        return self.next_question()

    def skip(self, question_id: str) -> Question | None:
        """Leave the current question unanswered; returns the next question."""
        self._given[self._current(question_id).id] = _SKIPPED
        return self.next_question()

    def back(self) -> Question | None:
        """Forget the last answer; returns its question (now current again), or None."""
        if not self._given:
            return None
        question_id = next(reversed(self._given))
        del self._given[question_id]
        return self.questionnaire.question(question_id)

    def reset(self) -> None:
        """Forget every answer."""
        self._given.clear()

    # --- output
    def answers(self) -> Answers:
        q = self.questionnaire
        values: dict[str, Any] = {}
        for question_id, value in self._given.items():
            if value is _SKIPPED:
                continue
            question = q.question(question_id)
            if q.keys[question.key].kind == "flags":
                flags = values.setdefault(question.key, [])
                if value:
                    flags.append(question.id)
            else:
                values[question.key] = value
        return Answers(values)

    def result(self) -> Result:
        return evaluate(self.questionnaire, self.answers())

    def _current(self, question_id: str) -> Question:
        current = self.next_question()
        if current is None or current.id != question_id:
            asked = current.id if current else "none (the questionnaire is over)"
            raise AnswerError(question_id, f"is not the question being asked now ({asked})")
        return current


# ----------------------------------------------------------------------- loading: sources


class _Source:
    """The text of one TOML file, to put line numbers on problems."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str]] = []  # (line number, table name)
        for number, line in enumerate(self.lines, start=1):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                self.headers.append((number, re.sub(r"\s*\.\s*", ".", match.group(2)).replace('"', "")))

    def span(self, name: str | None, index: int = 0, children: bool = True) -> tuple[int, int] | None:
        """Lines [first, last] of the index-th table called ``name`` (None: before any table)."""
        if name is None:
            end = self.headers[0][0] - 1 if self.headers else len(self.lines)
            return 1, max(end, 1)
        starts = [i for i, (_, header) in enumerate(self.headers) if header == name]
        if index >= len(starts):
            return None
        i = starts[index]
        first = self.headers[i][0]
        last = len(self.lines)
        for number, header in self.headers[i + 1:]:
            if not (children and header.startswith(name + ".")):
                last = number - 1
                break
        return first, last

    def find(self, span: tuple[int, int] | None, *needles: str) -> int:
        """First line in ``span`` matching a needle (tried in order); else the span's first line."""
        if span is None:
            return 1
        first, last = span
        for needle in needles:
            pattern = re.compile(needle)
            for number in range(first, last + 1):
                if number <= len(self.lines) and pattern.search(self.lines[number - 1]):
                    return number
        return first

    def problem(self, span: tuple[int, int] | None, message: str, *needles: str) -> Problem:
        return Problem(self.path, self.find(span, *needles), message)


def _key_re(key: str) -> str:
    return r"(^|[{,\s])[\"']?" + re.escape(str(key)) + r"[\"']?\s*="


def _value_re(value: Any) -> str:
    if isinstance(value, str):
        return r"[\"']" + re.escape(value) + r"[\"']"
    return r"=\s*" + re.escape(_show(value)) + r"\b"


def _read_toml(path: Path) -> tuple[dict | None, _Source | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None, [Problem(path, 1, "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, None, [Problem(path, 1, f"cannot read the file: {exc}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return None, None, [Problem(path, int(match.group(1)) if match else 1, f"not valid TOML: {message}")]
    return data, _Source(path, text), []


def _unknown_keys(src: _Source, span, table: Mapping, allowed, where: str) -> list[Problem]:
    return [src.problem(span, f"unknown key '{key}' in {where} (expected: {', '.join(allowed)})",
                        _key_re(key))
            for key in table if key not in allowed]


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_reviewed(src: _Source, data: Mapping) -> list[Problem]:
    if "reviewed" in data and not isinstance(data["reviewed"], dt.date):
        return [src.problem(src.span(None), "'reviewed' must be a date like 2026-11-25 (no quotes)",
                            _key_re("reviewed"))]
    return []


# -------------------------------------------------------------------- loading: conditions


@dataclass
class _Scope:
    """What a condition may refer to, and where its problems are reported."""

    src: _Source
    span: tuple[int, int] | None
    where: str
    keys: Mapping[str, AnswerKey]
    patterns: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def report(self, message: str, *needles: str) -> None:
        self.problems.append(self.src.problem(self.span, f"{self.where}: {message}", *needles))


def _compile(raw: Any, scope: _Scope, extra: tuple[str, ...] = ()) -> Condition | None:
    if not isinstance(raw, Mapping):
        scope.report("a condition must be a table, like {key = \"duration\", is = \"over_12_weeks\"}")
        return None
    words = [word for word in raw if word not in extra]
    if "key" in raw:
        tests = [word for word in words if word != "key"]
        for word in tests:
            if word not in TESTS:
                scope.report(f"unknown test '{word}' (expected one of: {', '.join(TESTS)})", _key_re(word))
                return None
        if len(tests) != 1:
            scope.report(f"a test needs exactly one of: {', '.join(TESTS)}", _key_re("key"))
            return None
        return _compile_test(raw["key"], tests[0], raw[tests[0]], scope)
    used = [word for word in words if word in COMBINATORS]
    for word in words:
        if word not in COMBINATORS:
            scope.report(f"unknown word '{word}' in a condition (expected 'key' with a test, "
                         f"or one of: {', '.join(COMBINATORS)})", _key_re(word))
            return None
    if len(used) != 1:
        scope.report("a condition needs 'key' with one test, or exactly one of: " + ", ".join(COMBINATORS))
        return None
    word, arg = used[0], raw[used[0]]
    if word in ("all", "any"):
        if not isinstance(arg, list) or not arg:
            scope.report(f"'{word}' must be a non-empty list of conditions", _key_re(word))
            return None
        items = [_compile(item, scope) for item in arg]
        if any(item is None for item in items):
            return None
        return All(tuple(items)) if word == "all" else AnyOf(tuple(items))
    if word == "not":
        item = _compile(arg, scope)
        return None if item is None else Not(item)
    known = scope.patterns if word == "pattern" else scope.rules
    if not isinstance(arg, str) or arg not in known:
        what = "pattern defined above" if word == "pattern" else "rule above (not an urgent one)"
        scope.report(f"'{word}' must name a {what}; no such {word}: {_show(arg)}", _value_re(arg))
        return None
    return PatternRef(arg) if word == "pattern" else RuleRef(arg)


def _compile_test(key: Any, op: str, arg: Any, scope: _Scope) -> Test | None:
    spec = scope.keys.get(key) if isinstance(key, str) else None
    if spec is None:
        scope.report(f"unknown answer key {_show(key)} (expected one of: {', '.join(scope.keys)})",
                     _value_re(key) if isinstance(key, str) else _key_re("key"))
        return None
    allowed = {
        "is": ("choice", "bool", "number"), "in": ("choice", "number"), "has": ("flags", "choices"),
        "has_any": ("flags", "choices"), "gte": ("number",), "lte": ("number",),
        "answered": ("flags", "choices", "choice", "bool", "number"),
    }[op]
    if spec.kind not in allowed:
        hint = " (use 'has' or 'has_any' for a list answer)" if spec.is_list else ""
        scope.report(f"'{op}' cannot test '{key}'{hint}", _key_re(op))
        return None
    if op == "answered":
        if not isinstance(arg, bool):
            scope.report("'answered' must be true or false", _key_re(op))
            return None
        return Test(key, op, arg)
    values = arg if op in ("in", "has_any") else [arg]
    if op in ("in", "has_any") and (not isinstance(arg, list) or not arg):
        scope.report(f"'{op}' must be a non-empty list", _key_re(op))
        return None
    for value in values:
        problem = _value_problem(spec, value)
        if problem:
            scope.report(problem, _value_re(value), _key_re(op))
            return None
    return Test(key, op, tuple(arg) if isinstance(arg, list) else arg)


def _value_problem(spec: AnswerKey, value: Any) -> str | None:
    if spec.kind in ("flags", "choices", "choice"):
        if not isinstance(value, str) or value not in spec.values:
            return f"'{spec.name}' has no value {_show(value)} (expected one of: {', '.join(spec.values)})"
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            return f"'{spec.name}' is true or false, not {_show(value)}"
    elif isinstance(value, bool) or not isinstance(value, int) or not spec.low <= value <= spec.high:
        return f"'{spec.name}' is a whole number from {spec.low} to {spec.high}, not {_show(value)}"
    return None


def _red_flag_mentions(condition: Condition | None) -> set[tuple[str, Any]]:
    """(key, value) pairs an urgent rule tests with is/has/has_any (to check coverage)."""
    if isinstance(condition, Test):
        if condition.op in ("has", "is"):
            return {(condition.key, condition.arg)}
        if condition.op == "has_any":
            return {(condition.key, value) for value in condition.arg}
        return set()
    if isinstance(condition, All | AnyOf):
        return set().union(*(_red_flag_mentions(item) for item in condition.items))
    return set()


# --------------------------------------------------------------------- loading: questions

_QUESTION_KEYS = ("id", "key", "type", "options", "min", "max", "urgency", "when")


def _load_questions(path: Path) -> tuple[tuple[Question, ...], dict[str, AnswerKey], list[Problem]]:
    data, src, problems = _read_toml(path)
    if data is None:
        return (), {}, problems
    problems += _unknown_keys(src, src.span(None), data, ("reviewed", "question"), "questions.toml")
    problems += _check_reviewed(src, data)
    raw_questions = data.get("question")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(Problem(path, 1, "no questions: add [[question]] tables"))
        return (), {}, problems

    questions: list[Question] = []
    spans: list[tuple[int, int] | None] = []
    raws: list[Mapping] = []
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
        qtype = raw.get("type")
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
                                  min=low, max=high, urgency=urgency))
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
                                           question_ids=tuple(q.id for q in group))
        else:
            kind = {"yes_no": "bool", "single": "choice", "multi": "choices", "body_map": "choices",
                    "scale": "number"}[question.type]
            keys[question.key] = AnswerKey(question.key, kind, question.options, question.min,
                                           question.max, (question.id,))

    compiled: list[Question] = []
    for index, (question, span) in enumerate(zip(questions, spans, strict=True)):
        raw = raws[index]
        if "when" in raw:
            earlier = {q.key for q in questions[:index]} - {question.key}
            scope = _Scope(src, span, f"question '{question.id}' 'when'",
                           {k: v for k, v in keys.items() if k in earlier})
            condition = _compile(raw["when"], scope)
            problems += scope.problems
            if condition is not None:
                question = replace(question, when=condition)
        compiled.append(question)
    return tuple(compiled), keys, problems


# ------------------------------------------------------------------------- loading: rules

_RULES_TOP = ("reviewed", "categories", "fallback", "patterns", "rule")
_RULE_KEYS = ("id", "description", "source", "urgency", "notes", "effects", "when")


def _load_rules(path: Path, questions: tuple[Question, ...], keys: Mapping[str, AnswerKey]):
    data, src, problems = _read_toml(path)
    if data is None:
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

    fallback = None
    raw_fallback = data.get("fallback")
    fb_span = src.span("fallback")
    if not isinstance(raw_fallback, Mapping):
        problems.append(Problem(path, 1, "missing [fallback] table (category, score, description, source)"))
    else:
        before = len(problems)
        problems += _unknown_keys(src, fb_span, raw_fallback, ("category", "score", "description", "source"),
                                  "[fallback]")
        if raw_fallback.get("category") not in categories:
            problems.append(src.problem(fb_span, f"[fallback]: unknown category "
                                        f"{_show(raw_fallback.get('category'))}", _key_re("category")))
        score = raw_fallback.get("score")
        if isinstance(score, bool) or not isinstance(score, int) or score <= 0:
            problems.append(src.problem(fb_span, "[fallback]: 'score' must be a whole number above 0",
                                        _key_re("score")))
        for name in ("description", "source"):
            if not _text(raw_fallback.get(name)):
                problems.append(src.problem(fb_span, f"[fallback]: '{name}' must be a non-empty text",
                                            _key_re(name)))
        if len(problems) == before:
            fallback = Fallback(raw_fallback["category"], score, raw_fallback["description"].strip(),
                                raw_fallback["source"].strip())

    patterns: dict[str, Pattern] = {}
    raw_patterns = data.get("patterns", {})
    if not isinstance(raw_patterns, Mapping):
        problems.append(src.problem(top, "'patterns' must be tables like [patterns.leg_symptoms]"))
        raw_patterns = {}
    for name, raw in raw_patterns.items():
        span = src.span(f"patterns.{name}")
        # refer to any pattern above, even a broken one (its own problem is reported already)
        above = tuple(raw_patterns)[: tuple(raw_patterns).index(name)]
        scope = _Scope(src, span, f"pattern '{name}'", keys, patterns=above)
        if not _ID.match(name):
            scope.report("a pattern name uses small letters, digits, '_' and '-'")
        if not isinstance(raw, Mapping) or not _text(raw.get("description")):
            scope.report("needs a 'description' text", _key_re("description"))
        condition = _compile(raw, scope, extra=("description",)) if isinstance(raw, Mapping) else None
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
        rule_id = raw.get("id")
        label = f"rule {rule_id}" if isinstance(rule_id, str) else f"rule number {index + 1}"
        above = tuple(r.get("id") for r in raw_rules[:index] if isinstance(r, Mapping) and "urgency" not in r)
        scope = _Scope(src, span, label, keys, patterns=tuple(raw_patterns), rules=above)
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
        if urgency is not None:
            if urgency not in URGENCIES:
                scope.report(f"'urgency' must be one of: {', '.join(URGENCIES)}", _key_re("urgency"))
            if "effects" in raw or "notes" in raw:
                scope.report("an urgent rule stops the questionnaire: it has no 'effects' or 'notes'",
                             _key_re("effects"), _key_re("notes"))
        else:
            effects = _effects(raw.get("effects"), categories, scope)
        if not isinstance(notes, list) or not all(isinstance(n, str) and _ID.match(n) for n in notes):
            scope.report("'notes' must be a list of note ids", _key_re("notes"))
            notes = []
        if "when" not in raw:
            scope.report("missing 'when' (the rule's condition): add a [rule.when] table")
            condition = None
        else:
            condition = _compile(raw["when"], scope)
        problems += scope.problems
        if not scope.problems and condition is not None:
            rules.append(Rule(rule_id, raw["description"].strip(), raw["source"].strip(), condition,
                              tuple(effects), urgency, tuple(notes)))

    if problems:
        return None, problems

    # every red-flag question must be named by an urgent rule of the same urgency
    for question in questions:
        if not question.is_red_flag:
            continue
        wanted = (question.key, question.id) if keys[question.key].kind == "flags" else (question.key, True)
        if not any(rule.urgency == question.urgency and wanted in _red_flag_mentions(rule.when)
                   for rule in rules):
            level = question.urgency
            problems.append(Problem(path, 1, f"red flag '{question.id}' (urgency '{level}') is not named "
                                             f"by any rule with urgency = \"{level}\""))
    return (tuple(categories), patterns, tuple(rules), fallback), problems


def _effects(raw: Any, categories: list[str], scope: _Scope) -> list[Effect]:
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
        for key in item:
            if key not in ("category", "score", "exclude"):
                scope.report(f"unknown key '{key}' in an effect (expected: category, score, exclude)",
                             _key_re(key))
        category = item.get("category")
        if category not in categories:
            scope.report(f"unknown category {_show(category)} (expected one of: {', '.join(categories)})",
                         _value_re(category) if isinstance(category, str) else _key_re("category"))
            continue
        score, exclude = item.get("score"), item.get("exclude")
        if exclude is not None:
            if exclude is not True or score is not None:
                scope.report("an effect has either 'score' or 'exclude = true', not both", _key_re("exclude"))
                continue
            effects.append(Effect(category, exclude=True))
        elif isinstance(score, bool) or not isinstance(score, int) or score == 0:
            scope.report(f"the effect on '{category}' needs a 'score': a whole number, not 0",
                         _value_re(category))
        else:
            effects.append(Effect(category, score=score))
    return effects


# ------------------------------------------------------------------------- loading: texts

_TEXT_TOP = ("reviewed", "intro", "results", "urgent", "notes", "buttons", "ui", "categories",
             "questions", "reasons")
_INTRO = ("title", "body", "not_diagnosis", "privacy")
_RESULTS = ("title", "because", "standing")
_URGENT = ("title", "body", "action")
_BUTTONS = ("yes", "no", "skip")


def _load_texts(path: Path, language: str, questions: tuple[Question, ...], keys: Mapping[str, AnswerKey],
                rules_part) -> tuple[Texts | None, list[Problem]]:
    data, src, problems = _read_toml(path)
    if data is None:
        return None, problems
    categories, _patterns, rules, _fallback = rules_part
    problems += _unknown_keys(src, src.span(None), data, _TEXT_TOP, f"{language}/{TEXTS_FILE}")
    problems += _check_reviewed(src, data)

    def table(path_name: str, value: Any) -> Mapping:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            problems.append(src.problem(src.span(None), f"'{path_name}' must be a table [{path_name}]",
                                        _key_re(path_name.split(".")[-1])))
            return {}
        return value

    def strings(path_name: str, value: Any, required, closed: bool = True, optional=()) -> dict[str, str]:
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
    ui = strings("ui", data.get("ui"), (), closed=False)
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
            template = raw_reasons.get(key)
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
    questions, keys, problems = _load_questions(content_root / QUESTIONS_FILE)
    if problems:
        return None, sorted(problems)
    rules_part, found = _load_rules(content_root / RULES_FILE, questions, keys)
    if found or rules_part is None:
        return None, sorted(found)
    texts, found = _load_texts(content_root / language / TEXTS_FILE, language, questions, keys, rules_part)
    if found or texts is None:
        return None, sorted(found)
    categories, patterns, rules, fallback = rules_part
    return Questionnaire(questions, keys, categories, patterns, rules, fallback, texts), []
