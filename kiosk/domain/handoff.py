"""The "Show my doctor" summary: a short plain text of one patient's answers (no Qt).

The same text is shown on screen, put in the QR code and printed. It never holds a name,
an identifier or a date. It is only offered when no red flag was answered "yes", and it
says so: "Safety questions: all answered no". It lists the notes of the result (a weak
leg, pain that may not come from the spine) and stays under :data:`MAX_CHARS` characters
so that the QR code stays easy to scan from a screen.

Labels come from the ``[ui]`` table of the language file (``summary_*`` keys, required by
the loader: :data:`kiosk.domain.questionnaire.loading.UI_KEYS`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.domain.questionnaire import Note, Question, Questionnaire, Result

MAX_CHARS = 600

# answer key -> [ui] label key; answers of other keys (the red flags) are never shown one by one.
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
    return questionnaire.texts.ui[key]  # one of UI_KEYS: every language file has it


def _short(label: str) -> str:
    """A label without its explanation: "A bulging disc (herniated disc)" -> "A bulging disc"."""
    shorter = re.sub(r"\s*\([^)]*\)", "", label)
    shorter = shorter.split(", ")[0]
    return shorter.strip() or label


def _question_for(questionnaire: Questionnaire, key: str) -> Question | None:
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
        # [ui] summary_<key>_<option> words it for the doctor (e.g. "No scan, or not sure")
        own = texts.ui.get(f"summary_{key}_{option}")
        if own:
            return own
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


def red_flags_cleared(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> bool:
    """True when ``answers`` show every safety (red-flag) question answered "no"."""
    flags = questionnaire.red_flag_questions()
    if not flags:
        return False
    for question in flags:
        if question.key not in answers:
            return False
        value = answers[question.key]
        if isinstance(value, (tuple, list)):
            if question.id in value:
                return False
        elif value is not False:
            return False
    return True


def _note_text(questionnaire: Questionnaire, note: Note) -> str:
    """A note as the doctor reads it: [ui] summary_note_<id> if the clinic wrote one, else its text."""
    return questionnaire.texts.ui.get(f"summary_note_{note.id}") or note.text


def _lines(questionnaire: Questionnaire, answers: Mapping[str, Any], result: Result | None,
           short: bool, dropped: tuple[str, ...], title: bool, max_items: int | None = None,
           cleared: bool = False) -> tuple[list[str], list[str]]:
    """(the lines that may be shortened, the lines that always stay: notes and topics)."""
    lines = [_word(questionnaire, "summary_title")] if title else []
    if cleared:
        safety = _word(questionnaire, "summary_safety")
        lines.append(f"{safety}: {_word(questionnaire, 'summary_safety_cleared')}")
    for key, label_key in _LINES:
        if key in dropped or key not in answers:
            continue
        text = _value_text(questionnaire, key, answers[key], short, max_items)
        if text:
            lines.append(f"{_word(questionnaire, label_key)}: {text}")
    kept: list[str] = []
    if result is not None and not result.urgent:
        kept += [f"{_word(questionnaire, 'summary_note')}: {_note_text(questionnaire, note)}"
                 for note in result.notes]
        if result.suggestions:
            names = [questionnaire.texts.category(s.category) for s in result.suggestions]
            if short:
                names = [_short(n) for n in names]
            kept.append(f"{_word(questionnaire, 'summary_topics')}: {', '.join(names)}")
    return lines, kept


def summary_text(questionnaire: Questionnaire, answers: Mapping[str, Any], result: Result | None,
                 max_chars: int = MAX_CHARS, safety_cleared: bool | None = None) -> str:
    """The hand-off text: that the safety questions were all answered "no", one
    ``Label: value`` line per answer given, the result's notes, then the topics.

    ``safety_cleared``: whether every safety question was answered "no" (a session knows:
    ``Session.red_flags_cleared()``); None works it out from ``answers``.
    Single red-flag answers, skipped questions and empty lists are left out. If the text is
    longer than ``max_chars``, labels lose their explanations in brackets, then the least
    needed lines are dropped, then long lists are shortened ("and 4 more"); the safety line,
    the notes and the topics always stay.
    """
    if safety_cleared is None:
        safety_cleared = red_flags_cleared(questionnaire, answers)
    attempts: list[tuple[bool, tuple[str, ...], bool, int | None]] = [
        (False, (), True, None), (True, (), True, None), (True, (), False, None)]
    attempts += [(True, _DROP_ORDER[: n + 1], False, None) for n in range(len(_DROP_ORDER))]
    attempts += [(True, _DROP_ORDER, False, n) for n in (6, 4, 3, 2, 1)]
    lines: list[str] = []
    kept: list[str] = []
    for short, dropped, title, max_items in attempts:
        lines, kept = _lines(questionnaire, answers, result, short, dropped, title, max_items, safety_cleared)
        if len("\n".join(lines + kept)) <= max_chars:
            return "\n".join(lines + kept)
    # Not reachable with the shipped texts; keep the notes and topics whatever happens.
    tail = "\n".join(kept)
    head = "\n".join(lines)[: max(0, max_chars - len(tail) - 4)].rstrip()
    return (head + "...\n" + tail)[-max_chars:] if head else tail[:max_chars]

