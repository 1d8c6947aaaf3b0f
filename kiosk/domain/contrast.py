"""Colour contrast as WCAG 2 defines it: the one implementation for the settings check and the theme.

The sRGB linearisation uses the threshold 0.04045 of the sRGB standard (IEC 61966-2-1), as
WCAG 2.2 does; older WCAG texts print 0.03928. No 8-bit channel value lies between the two,
so both give the same ratio for every ``#RRGGBB`` colour.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5  # WCAG 2 level AA, normal text
AAA_TEXT = 7.0  # WCAG 2 level AAA, normal text
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def is_color(text: object) -> bool:
    """True for a ``#RRGGBB`` colour."""
    return isinstance(text, str) and _COLOR.fullmatch(text) is not None


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour (0: black, 1: white)."""
    if not is_color(color):
        raise ValueError(f"not a #RRGGBB colour: {color!r}")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours, from 1.0 to 21.0 (order does not matter)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
