"""The order in which the keyboard (or a switch) walks the regions of a drawing (no Qt).

Arrow keys step through a drawing's regions one by one, so every region can be reached
with two keys. The order follows the body from the spine outwards, the way the kiosk
explains it: the spine from top to bottom (each vertebra, then the disc below it, then the
sacrum), the canal and the joints, the nerve roots from top to bottom, the muscles, the
nerves, and last the skin areas in the order the drawing lists them (each figure from top
to bottom). Regions of another kind follow, from top to bottom and left to right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kiosk.domain.diagrams import Region

_LEVEL = re.compile(r"([CTLS])(\d+)")
_SEGMENTS = {"C": 0, "T": 10, "L": 30, "S": 40}  # cervical < thoracic < lumbar < sacral
_UNKNOWN = 6


def _level(text: str) -> int:
    """The spine level named first in ``text`` (``L4`` -> 34), 99 if none."""
    match = _LEVEL.search(text)
    return _SEGMENTS[match.group(1)] + int(match.group(2)) if match else 99


def _key(region: Region) -> tuple[int, int, int]:
    rid = region.id
    kind = rid.split("-", 1)[0]
    x0, y0, x1, y1 = region.bounds()
    if kind == "vertebra":
        return (0, _level(rid) * 2, 0)
    if kind == "disc":
        return (0, _level(rid) * 2 + 1, 0)
    if kind == "sacrum":
        return (0, _SEGMENTS["S"] * 2 + 1, 0)  # below the L5-S1 disc
    if kind in ("spinal", "facet", "canal"):
        return (1, region.order, 0)
    if kind == "root":
        return (2, _level(rid), 0)
    if kind == "muscle":
        return (3, round(y0), round(x0))
    if kind == "nerve":
        return (4, round(y0), round(x0))
    if kind == "area":
        return (5, region.order, 0)
    return (_UNKNOWN, round((y0 + y1) / 2), round((x0 + x1) / 2))


def reading_order(regions: Iterable[Region]) -> list[str]:
    """The ids of ``regions`` in the order the arrow keys visit them."""
    return [r.id for r in sorted(regions, key=lambda r: (*_key(r), r.id))]
