"""Cutting a text into the sentences the read-aloud button reads and highlights one at a time.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space, or at the end of a line
(a heading, a list item, a button's words). Short titles such as "Dr." or "p. ej." and
initials do not end one. Each sentence is a ``(start, end)`` span of the text, so the screen
can highlight exactly those characters.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
_WORD = re.compile(r"\w")
# Words with a full stop that do not end a sentence (English and Spanish), in lower case.
ABBREVIATIONS = ("e.g.", "i.e.", "dr.", "dra.", "mr.", "mrs.", "ms.", "sr.", "sra.", "vs.", "approx.",
                 "p. ej.", "ej.", "no.", "núm.")


_INITIAL = re.compile(r"(?:^|\W)[^\W\d_]\.$")  # one letter and a full stop: "J. Smith", "p. ej."


def _is_abbreviation(text: str, end: int) -> bool:
    before = text[:end].lower()
    if _INITIAL.search(before):
        return True
    return any(before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum())
               for word in ABBREVIATIONS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` spans, without surrounding spaces; parts
    with no letter or digit (a lone bullet) are left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group() != "\n" and _is_abbreviation(text, end):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if _WORD.search(text, begin, end):
            trimmed.append((begin, end))
    return trimmed


def sentences(text: str) -> list[str]:
    return [text[begin:end] for begin, end in sentence_spans(text)]
