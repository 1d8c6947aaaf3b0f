"""The questionnaire "Which treatments could I discuss?" (no Qt).

Three TOML files, all edited and reviewed by the clinic, drive it (see
docs/questionnaire.md): the questions, the rules (each with its guideline) and, per
language, every word a patient reads.

* :mod:`.model`: questions, answer keys, rules, texts and results (data only);
* :mod:`.conditions`: the condition language and its compiler;
* :mod:`.answers`: the answers-file schema (:func:`parse_answers`);
* :mod:`.engine`: :func:`evaluate` applies the rules and picks each topic's reasons;
* :mod:`.session`: :class:`Session`, one patient's answers in memory;
* :mod:`.loading`: :func:`load_questionnaire` validates the files (``path:line: message``).

Privacy: answers live only in :class:`Answers` and :class:`Session` objects. Nothing here
logs, and neither class shows answer values in its ``repr``.
"""

from kiosk.domain.questionnaire.answers import AnswerError, Answers, parse_answers
from kiosk.domain.questionnaire.engine import evaluate, pick_reasons
from kiosk.domain.questionnaire.loading import load_questionnaire
from kiosk.domain.questionnaire.model import (
    MAX_REASONS,
    QUESTION_TYPES,
    QUESTIONS_FILE,
    RULES_FILE,
    TEXTS_FILE,
    URGENCIES,
    WHOLE_FILE,
    Always,
    AnswerKey,
    Effect,
    Note,
    Question,
    Questionnaire,
    Reason,
    Result,
    Rule,
    Suggestion,
    Texts,
)
from kiosk.domain.questionnaire.session import Session

__all__ = [
    "MAX_REASONS", "QUESTIONS_FILE", "QUESTION_TYPES", "RULES_FILE", "TEXTS_FILE", "URGENCIES", "WHOLE_FILE",
    "Always", "AnswerError", "AnswerKey", "Answers", "Effect", "Note", "Question", "Questionnaire", "Reason",
    "Result", "Rule", "Session", "Suggestion", "Texts", "evaluate", "load_questionnaire", "parse_answers",
    "pick_reasons",
]
