"""Consult mode's walk through a condition (no Qt): healthy, the condition, the treatments.

A clinician picks a condition and steps through it with the patient: first the healthy
picture, then the condition (its parts lit on the drawings, then its animation played to
the end where it has one), then each treatment its page links to as worth discussing
(lit on the drawings, then its animations from the start). Every step comes from the
content's links, so a clinic's own pages step the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.content import ContentItem, ContentSet

HEALTHY, CONDITION, TREATMENT = "healthy", "condition", "treatment"


@dataclass(frozen=True)
class Step:
    kind: str  # HEALTHY, CONDITION or TREATMENT
    item_id: str | None  # the page lit on the drawings (None: nothing lit)
    animation_id: str | None = None  # an animation shown instead of the drawings
    progress: float = 0.0  # where that animation stands (0: its first picture, 1: its last)


def condition_steps(content: ContentSet, condition_id: str) -> list[Step]:
    """The steps for ``condition_id`` (a condition page); [] for an unknown or other page."""
    item = content.get(condition_id)
    if item is None or item.kind != "condition":
        return []
    animations = [a.id for a in content.animations_for(condition_id)]
    steps = [Step(HEALTHY, None, animations[0], 0.0) if animations else Step(HEALTHY, None)]
    steps.append(Step(CONDITION, condition_id))
    steps += [Step(CONDITION, condition_id, animation_id, 1.0) for animation_id in animations]
    for treatment_id in item.links.treatments:
        if content.get(treatment_id) is None:
            continue
        steps.append(Step(TREATMENT, treatment_id))
        steps += [Step(TREATMENT, treatment_id, a.id, 0.0) for a in content.animations_for(treatment_id)]
    return steps


def conditions(content: ContentSet) -> list[str]:
    """Condition page ids in title order: the picker's list."""
    return [item.id for item in sorted(content.by_kind("condition"), key=lambda i: i.title.lower())]


def treatments(content: ContentSet) -> list[str]:
    return [item.id for item in sorted(content.by_kind("treatment"), key=lambda i: i.title.lower())]


QR_MAX_BYTES = 1400  # a QR code with more is too dense to scan from a printed sheet


def page_paragraphs(item: ContentItem) -> list[str]:
    """A page's words as plain paragraphs: title, summary, then each heading, paragraph and
    list item of its body (the hand-out's text)."""
    import html as html_module
    import re

    from kiosk.domain.render import markdown_to_html

    blocks = [item.title, item.summary]
    for tag, inner in re.findall(r"<(p|li|h[1-6])>(.*?)</\1>", markdown_to_html(item.body), re.S):
        text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        blocks.append(f"• {text}" if tag == "li" and text else text)
    return [" ".join(b.split()) for b in blocks if b and b.strip()]


def qr_text(paragraphs: list[str], limit: int = QR_MAX_BYTES) -> str:
    """The paragraphs for a QR code: as many whole paragraphs (then sentences) as fit in
    ``limit`` UTF-8 bytes, ending with "…" when something was left out."""
    out: list[str] = []
    for paragraph in paragraphs:
        candidate = "\n".join([*out, paragraph])
        if len(candidate.encode()) <= limit:
            out.append(paragraph)
            continue
        sentences = paragraph.split(". ")
        kept: list[str] = []
        for sentence in sentences:
            trial = "\n".join([*out, ". ".join([*kept, sentence])]) + " …"
            if len(trial.encode()) > limit:
                break
            kept.append(sentence)
        if kept:
            out.append(". ".join(kept).rstrip(".") + ".")
        return "\n".join(out) + " …"
    return "\n".join(out)
