"""One patient's answers, in memory only, asked one question at a time (no Qt)."""

from __future__ import annotations

from typing import Any

from kiosk.domain.questionnaire.answers import AnswerError, Answers, check_value, json_type
from kiosk.domain.questionnaire.conditions import Context
from kiosk.domain.questionnaire.engine import evaluate
from kiosk.domain.questionnaire.model import Question, Questionnaire, Result

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
        return question.when is None or question.when.check(Context(None, self.answers())) is not None

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

    @property
    def history(self) -> list[tuple[Question, Any]]:
        """The questions answered so far, in order, with their answers (None: skipped).

        The screen reads this instead of keeping its own copy of the answers.
        """
        q = self.questionnaire
        return [(q.question(qid), None if value is _SKIPPED else value) for qid, value in self._given.items()]

    def red_flags_cleared(self) -> bool:
        """True when every safety question has been answered "no"."""
        flags = self.questionnaire.red_flag_questions()
        return bool(flags) and all(self._given.get(flag.id) is False for flag in flags)

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
                raise AnswerError(question.key, f"must be true or false, not {json_type(value)}")
        else:
            value = check_value(self.questionnaire.keys[question.key], value)
        self._given[question.id] = value
        return self.next_question()

    def skip(self, question_id: str) -> Question | None:
        """Leave the current question unanswered; returns the next question.

        The safety (red-flag) questions cannot be skipped: they must be answered.
        """
        question = self._current(question_id)
        if question.is_red_flag:
            raise AnswerError(question.key, "a safety question must be answered yes or no")
        self._given[question.id] = _SKIPPED
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
