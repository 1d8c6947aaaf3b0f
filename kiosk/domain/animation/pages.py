"""Which pages offer which animation: checked against the content they are shown with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.domain.animation import Animation
from kiosk.domain.problems import Problem
from kiosk.domain.toml_source import value_re

OFFERING_KINDS = ("condition", "treatment")


def check_pages(animations: dict[str, Animation], pages: Mapping[str, Any], language: str,
                strict: bool) -> tuple[dict[str, Animation], list[Problem]]:
    """Each animation's pages exist, are conditions or treatments, and it has words in the
    content's ``language``. ``pages`` maps page ids to pages (with a ``kind``).

    ``strict`` off (the built-in animations lent to another content folder): an animation is
    simply not offered on pages that content does not have, and one offered on none of them
    is left out. Returns the animations kept and the problems.
    """
    problems: list[Problem] = []
    kept: dict[str, Animation] = {}
    for animation_id, animation in animations.items():
        src = animation.script.source
        top = src.span(None)
        offered = []
        for page_id in animation.pages:
            page = pages.get(page_id)
            if page is None:
                if strict:
                    problems.append(src.problem(top, f"pages: no page has the id '{page_id}'",
                                                value_re(page_id)))
                continue
            if page.kind not in OFFERING_KINDS:
                problems.append(src.problem(top, f"pages: '{page_id}' is a {page.kind}; only condition and "
                                                 "treatment pages offer animations", value_re(page_id)))
            offered.append(page_id)
        if strict or offered:
            kept[animation_id] = animation
        if offered and language not in animation.languages:
            problems.append(src.problem(top, f"no [captions.{language}]: the animation has no words in this "
                                             f"language (it has: {', '.join(animation.languages)})"))
    return kept, problems
