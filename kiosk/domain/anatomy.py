"""What lights up and what is explained when a region or page is opened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.domain.content import ContentSet

# The side shown when a page lights one side only: the patient's left, as the drawings are
# labelled. A herniated disc usually presses on one side; which one differs between people.
DEFAULT_SIDE = "left"
SIDES = ("left", "right")


class UnknownId(KeyError):
    pass


@dataclass(frozen=True)
class Explanation:
    id: str
    kind: str
    title: str
    highlight: tuple[str, ...]
    conditions: tuple[str, ...]
    treatments: tuple[str, ...]
    side: str | None = None  # "left": linked parts light on that side only; None: both sides

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "highlight": list(self.highlight),
            "conditions": list(self.conditions),
            "treatments": list(self.treatments),
            "side": self.side,
        }


def highlight_ids(content: ContentSet, item_id: str) -> tuple[str, ...]:
    """Region ids to light up for ``item_id``: itself (if a region) then its links."""
    item = content.get(item_id)
    if item is None:
        raise UnknownId(item_id)
    ordered: list[str] = [item.id] if item.kind == "region" else []
    for region_id in item.links.regions:
        if region_id not in ordered:
            ordered.append(region_id)
    return tuple(ordered)


def lit_side(content: ContentSet, item_id: str) -> str | None:
    """The one side of the body to light for ``item_id`` (None: both sides)."""
    item = content.get(item_id)
    if item is None:
        raise UnknownId(item_id)
    return DEFAULT_SIDE if item.one_side else None


def owned_overlays(item_id: str, ids: Iterable[str]) -> tuple[str, ...]:
    """Overlays among ``ids`` that belong to ``item_id``: named after the same level.

    ``dermatome-S1`` belongs to ``root-S1`` and ``contact-L4-L5`` to ``disc-L4-L5``: a view
    that shows the overlay shows the item, even where the item itself is not drawn.
    """
    _, _, level = item_id.partition("-")
    return tuple(i for i in ids if level and i != item_id and i.partition("-")[2] == level)


def explain(content: ContentSet, item_id: str) -> Explanation:
    item = content.get(item_id)
    if item is None:
        raise UnknownId(item_id)
    return Explanation(
        id=item.id,
        kind=item.kind,
        title=item.title,
        highlight=highlight_ids(content, item_id),
        conditions=item.links.conditions,
        treatments=item.links.treatments,
        side=lit_side(content, item_id),
    )
