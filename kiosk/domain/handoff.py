"""The "Show my doctor" summary: a short plain text of one patient's answers (no Qt).

The same text is shown on screen, put in the QR code and printed. It never holds a name,
an identifier, a date or a red-flag answer (the hand-off is only offered when no red flag
was answered "yes"), and it stays under :data:`MAX_CHARS` characters so that the QR code
stays easy to scan from a screen.

Labels come from the ``[ui]`` table of the language file (``summary_*`` keys); the English
words below are used when a key is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.domain.questionnaire import Questionnaire, Result

MAX_CHARS = 600

# [ui] key -> English default. The order of _LINES is the order of the summary.
_DEFAULTS = {
    "summary_title": "For my doctor (from the clinic kiosk; not a diagnosis)",
    "summary_areas": "Where it hurts",
    "summary_side": "Side",
    "summary_main_pain": "Bothers me more",
    "summary_duration": "How long",
    "summary_severity": "Pain",
    "summary_severity_value": "{value} out of 10",
    "summary_worse_with": "Worse with",
    "summary_better_with": "Better with",
    "summary_numbness": "Numbness or tingling",
    "summary_weakness": "Weak leg or foot",
    "summary_age_band": "Age",
    "summary_tried": "Tried",
    "summary_injection_relief": "The shot helped",
    "summary_imaging": "Scan showed",
    "summary_topics": "Topics to discuss",
    "summary_yes": "Yes",
    "summary_no": "No",
    "summary_more": "and {count} more",
}

# answer key -> [ui] label key; answers of other keys (the red flags) are never shown.
_LINES = (
    ("pain_areas", "summary_areas"),
    ("side", "summary_side"),
    ("main_pain", "summary_main_pain"),
    ("duration", "summary_duration"),
    ("severity", "summary_severity"),
    ("worse_with", "summary_worse_with"),
    ("better_with", "summary_better_with"),
    ("numbness", "summary_numbness"),
    ("weakness", "summary_weakness"),
    ("age_band", "summary_age_band"),
    ("tried", "summary_tried"),
    ("injection_relief", "summary_injection_relief"),
    ("imaging", "summary_imaging"),
)
# When the text is too long, these lines go first (least needed by the doctor first).
_DROP_ORDER = ("age_band", "better_with", "main_pain", "side")


def _word(questionnaire: Questionnaire, key: str) -> str:
    return questionnaire.texts.ui.get(key) or _DEFAULTS[key]


def _short(label: str) -> str:
    """A label without its explanation: "A bulging disc (herniated disc)" -> "A bulging disc"."""
    shorter = re.sub(r"\s*\([^)]*\)", "", label)
    shorter = shorter.split(", ")[0]
    return shorter.strip() or label


def _question_for(questionnaire: Questionnaire, key: str):
    for question in questionnaire.questions:
        if question.key == key and not question.is_red_flag:
            return question
    return None


def _value_text(questionnaire: Questionnaire, key: str, value: Any, short: bool,
                max_items: int | None = None) -> str | None:
    question = _question_for(questionnaire, key)
    if question is None or value is None:
        return None
    texts = questionnaire.texts

    def label(option: str) -> str:
        text = texts.option(question.id, option)
        return _short(text) if short else text

    if question.type == "scale":
        return _word(questionnaire, "summary_severity_value").replace("{value}", str(value))
    if question.type == "yes_no":
        return _word(questionnaire, "summary_yes" if value else "summary_no")
    if isinstance(value, (tuple, list)):
        if not value:
            return None  # "none of these": nothing the doctor needs to read
        ordered = [label(o) for o in question.options if o in value]
        if max_items is not None and len(ordered) > max_items:
            more = _word(questionnaire, "summary_more").replace("{count}", str(len(ordered) - max_items))
            ordered = [*ordered[:max_items], more]
        return ", ".join(ordered)
    return label(value) if value in question.options else None


def _lines(questionnaire: Questionnaire, answers: Mapping[str, Any], result: Result | None,
           short: bool, dropped: tuple[str, ...], title: bool, max_items: int | None = None) -> list[str]:
    lines = [_word(questionnaire, "summary_title")] if title else []
    for key, label_key in _LINES:
        if key in dropped or key not in answers:
            continue
        text = _value_text(questionnaire, key, answers[key], short, max_items)
        if text:
            lines.append(f"{_word(questionnaire, label_key)}: {text}")
    if result is not None and not result.urgent and result.suggestions:
        names = [questionnaire.texts.category(s.category) for s in result.suggestions]
        if short:
            names = [_short(n) for n in names]
        lines.append(f"{_word(questionnaire, 'summary_topics')}: {', '.join(names)}")
    return lines


def summary_text(questionnaire: Questionnaire, answers: Mapping[str, Any], result: Result | None,
                 max_chars: int = MAX_CHARS) -> str:
    """The hand-off text: one ``Label: value`` line per answer given, then the topics.

    Red-flag answers, skipped questions and empty lists are left out. If the text is longer
    than ``max_chars``, labels lose their explanations in brackets, then the least needed
    lines are dropped, then long lists are shortened ("and 4 more"); the topics line always
    stays.
    """
    attempts = [(False, (), True, None), (True, (), True, None), (True, (), False, None)]
    attempts += [(True, _DROP_ORDER[: n + 1], False, None) for n in range(len(_DROP_ORDER))]
    attempts += [(True, _DROP_ORDER, False, n) for n in (6, 4, 3, 2, 1)]
    lines: list[str] = []
    for short, dropped, title, max_items in attempts:
        lines = _lines(questionnaire, answers, result, short, dropped, title, max_items)
        if len("\n".join(lines)) <= max_chars:
            return "\n".join(lines)
    # Not reachable with the shipped texts; keep the last line (the topics) whatever happens.
    last = lines[-1] if lines else ""
    head = "\n".join(lines[:-1])[: max(0, max_chars - len(last) - 4)].rstrip()
    return (head + "...\n" + last)[-max_chars:] if head else last[:max_chars]
