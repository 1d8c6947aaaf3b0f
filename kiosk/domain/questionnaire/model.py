"""The questionnaire's data: questions, answer keys, rules, texts and results (no logic)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.domain.toml_source import toml_text as show

__all__ = ["show"]

if TYPE_CHECKING:
    from kiosk.domain.questionnaire.conditions import Condition

QUESTION_TYPES = ("yes_no", "single", "multi", "scale", "body_map")
URGENCIES = ("emergency", "doctor_today")  # most urgent first
QUESTIONS_FILE = Path("questionnaire") / "questions.toml"
RULES_FILE = Path("questionnaire") / "rules.toml"
TEXTS_FILE = "questionnaire.toml"  # inside <content>/<language>/
WHOLE_FILE = "answers"  # the name an AnswerError uses when the whole object is wrong
MAX_REASONS = 3  # a topic lists at most this many reasons: a patient has a minute, not ten


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
    exclusive: tuple[str, ...] = ()  # options that clear the others on screen ("not sure / no scan")

    @property
    def is_red_flag(self) -> bool:
        return self.urgency is not None


@dataclass(frozen=True)
class AnswerKey:
    """What one key of an answers object may hold.

    ``kind``: ``flags`` (list of yes_no question ids answered "yes"), ``bool``, ``choice``
    (one option id), ``choices`` (list of option ids) or ``number`` (whole number in
    ``low``..``high``). ``required``: the answers file must give this key.
    """

    name: str
    kind: str
    values: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    question_ids: tuple[str, ...] = ()
    required: bool = False

    @property
    def is_list(self) -> bool:
        return self.kind in ("flags", "choices")

    def in_range(self, value: int) -> bool:
        """For a number: ``low <= value <= high`` (a bound not given does not limit it)."""
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

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
    """What a true rule does to one topic (category).

    ``score``: added to the topic's score (a topic is listed when its score is above 0).
    ``exclude``: the topic is not listed, whatever its score. ``first``: the topic comes
    first when it is listed. ``after``: the topic comes after that other topic when both
    are listed. ``requires``: the topic is listed only together with that other topic.
    """

    category: str
    score: int = 0
    exclude: bool = False
    first: bool = False
    after: str | None = None
    requires: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    source: str
    when: Condition
    effects: tuple[Effect, ...] = ()
    urgency: str | None = None
    notes: tuple[str, ...] = ()
    stop: bool = False  # true: no topics at all (the result is the notes only)
    cite: tuple[str, ...] | None = None  # answer keys its reasons may quote (None: every key it tested)


@dataclass(frozen=True)
class Pattern:
    name: str
    description: str
    when: Condition


@dataclass(frozen=True)
class Always:
    """The topic every non-urgent result lists (the option of not having a procedure)."""

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

    def note(self, note_id: str) -> str:
        return self.notes[note_id]

    def reason(self, key: str, value: Any) -> str:
        entry = self.reasons[key]
        if isinstance(entry, str):
            return entry.replace("{value}", str(value))
        if isinstance(value, bool):
            return str(entry["true" if value else "false"])
        return str(entry[value])


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]
    keys: Mapping[str, AnswerKey]
    categories: tuple[str, ...]
    patterns: Mapping[str, Pattern]
    rules: tuple[Rule, ...]
    always: Always
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


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """Why a topic is listed: one answer (key and value) and its sentence.

    The one reason that quotes no answer (the usual first step) has ``answer`` and
    ``value`` None.
    """

    answer: str | None
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
class Note:
    id: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True)
class Result:
    """What the rules say.

    ``urgent`` is None, "emergency" or "doctor_today"; when urgent, ``suggestions`` and
    ``notes`` are empty. ``stopped`` is true when a stop rule (such as "adults only") took
    every topic away. ``notes`` are the calm boxes of the results screen, in rule order;
    ``rules_fired`` lists the ids of the rules that were true.
    """

    urgent: str | None
    red_flags: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    rules_fired: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    stopped: bool = False

    @property
    def kind(self) -> str:
        """Which screen shows it: "emergency", "doctor_today", "stopped" or "topics"."""
        if self.urgent:
            return self.urgent
        return "stopped" if self.stopped else "topics"

    def note_ids(self) -> list[str]:
        return [note.id for note in self.notes]

    def categories(self) -> list[str]:
        return [s.category for s in self.suggestions]

    def suggestion(self, category: str) -> Suggestion | None:
        return next((s for s in self.suggestions if s.category == category), None)

    def as_dict(self) -> dict[str, Any]:
        return {"urgent": self.urgent, "red_flags": list(self.red_flags),
                "suggestions": [s.as_dict() for s in self.suggestions],
                "notes": [note.as_dict() for note in self.notes]}
