"""What lights up and what is explained when a region or page is opened."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.content import ContentSet


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

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "highlight": list(self.highlight),
            "conditions": list(self.conditions),
            "treatments": list(self.treatments),
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
    )
