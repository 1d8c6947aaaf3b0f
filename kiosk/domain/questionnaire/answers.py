"""Checked answers: the ``kiosk triage`` answers-file schema and its validation.

Privacy: answers live only in :class:`Answers` objects (and the screen's session). Nothing
here logs, and the repr shows no values. Do not log an :class:`AnswerError` raised from a
patient's session: its message quotes the value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from kiosk.domain.questionnaire.conditions import Context
from kiosk.domain.questionnaire.model import QUESTIONS_FILE, WHOLE_FILE, AnswerKey, Question, Questionnaire


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


def check_value(spec: AnswerKey, value: Any) -> Any:
    """The value normalised for ``spec`` (lists without repeats); AnswerError if it does not fit."""
    key = spec.name
    if spec.kind in ("flags", "choices"):
        if not isinstance(value, list | tuple):
            raise AnswerError(key, f"must be a list, not {json_type(value)} (expected {spec.expected()})")
        items: list[str] = []
        for item in value:
            if not isinstance(item, str):
                raise AnswerError(key, f"every item must be a text id, not {json_type(item)} "
                                       f"(expected {spec.expected()})")
            if item not in spec.values:
                raise AnswerError(key, f"unknown value {short(item)} (expected {spec.expected()})")
            if item not in items:
                items.append(item)
        return tuple(items)
    if spec.kind == "choice":
        if not isinstance(value, str):
            raise AnswerError(key, f"must be a text id, not {json_type(value)} (expected {spec.expected()})")
        if value not in spec.values:
            raise AnswerError(key, f"unknown value {short(value)} (expected {spec.expected()})")
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise AnswerError(key, f"must be true or false, not {json_type(value)}")
        return value
    if spec.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(key, f"must be {spec.expected()}, not {json_type(value)}")
        if not spec.in_range(value):
            raise AnswerError(key, f"{short(value)} is out of range (expected {spec.expected()})")
        return value
    raise AssertionError(spec.kind)  # pragma: no cover


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: an error line never echoes a huge value."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (true/false)"
    if isinstance(value, int | float):
        return f"the number {short(value)}"
    if isinstance(value, str):
        return f"the text {short(value)}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def parse_answers(obj: Any, questionnaire: Questionnaire | None = None) -> Answers:
    """Check an answers object (decoded JSON) and return it as :class:`Answers`.

    The schema comes from ``questionnaire`` (default: the built-in questions.toml).
    Rules: the object's keys are answer keys; a missing key or ``null`` means "not
    answered", except for a required key (the red flags: the safety questions must have
    been answered); lists may repeat an item (kept once); an answer to a question that does not
    apply (``injection_relief`` without ``injections`` in ``tried``) is rejected.
    Raises :class:`AnswerError` naming the key and the problem.
    """
    if questionnaire is None:
        questions, keys = _default_schema()
    else:
        questions, keys = questionnaire.questions, questionnaire.keys
    if not isinstance(obj, Mapping):
        raise AnswerError(WHOLE_FILE, "must be one JSON object like "
                                      f"{{\"red_flags\": [], \"duration\": \"over_6_months\"}}, "
                                      f"not {json_type(obj)}")
    values: dict[str, Any] = {}
    for key, value in obj.items():
        spec = keys.get(key) if isinstance(key, str) else None
        if spec is None:
            name = str(key) if len(str(key)) <= 60 else str(key)[:57] + "..."
            raise AnswerError(name, "unknown key (expected any of: " + ", ".join(keys) + ")")
        if value is None:
            continue
        values[key] = check_value(spec, value)
    for spec in keys.values():
        if spec.required and spec.name not in values:
            raise AnswerError(spec.name, f"missing: this key is required ({spec.expected()}; "
                                         "[] when every answer was no)")
    answers = Answers(values)
    for question in questions:
        if question.when is None or not gave(question, answers):
            continue
        if question.when.check(Context(None, answers)) is None:
            raise AnswerError(question.key, f"answered, but this question is only asked when "
                                            f"{question.when.describe()}")
    return answers


def gave(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether ``answers`` holds an answer to ``question`` (for a shared key: a "yes")."""
    if question.key not in answers:
        return False
    value = answers[question.key]
    return question.id in value if isinstance(value, tuple) and question.type == "yes_no" else True


def said_yes(question: Question, answers: Mapping[str, Any]) -> bool:
    value = answers.get(question.key)
    if isinstance(value, tuple):
        return question.id in value
    return value is True


@functools.lru_cache(maxsize=1)
def _default_schema() -> tuple[tuple[Question, ...], Mapping[str, AnswerKey]]:
    from kiosk.domain.questionnaire.loading import load_questions
    from kiosk.resources import default_content_dir

    questions, keys, problems = load_questions(default_content_dir() / QUESTIONS_FILE)
    if problems:
        raise RuntimeError(f"the built-in questionnaire has problems: {problems[0]}")
    return questions, keys
