"""``kiosk check-theme``: measure every text/background pair of each theme.

The pairs are the ones the style sheet itself draws (:func:`kiosk.ui.theme.text_pairs`), in
the settings' ``accent_color``. The normal theme needs at least 4.5:1 for each pair (WCAG AA),
the high-contrast theme at least 7:1 (WCAG AAA). Exit 0 when every pair passes, exit 1 when
one does not. No window is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.domain.config import CONTRASTS, Config
from kiosk.domain.contrast import AA_TEXT, AAA_TEXT, contrast_ratio

if TYPE_CHECKING:  # imported when the command runs: the kiosk's start does not need it here
    from kiosk.ui import theme

EXIT_OK, EXIT_TOO_LOW = 0, 1
MINIMUM = {"normal": AA_TEXT, "high": AAA_TEXT}


@dataclass(frozen=True)
class Theme:
    name: str
    palette: theme.Palette
    minimum: float


@dataclass(frozen=True)
class Measured:
    pair: theme.TextPair
    text: str  # the colours, "#RRGGBB"
    background: str
    ratio: float

    def passes(self, minimum: float) -> bool:
        return self.ratio >= minimum


def themes_of(config: Config) -> list[Theme]:
    """Each theme the kiosk can show with these settings, with the contrast it must reach."""
    from kiosk.ui import theme

    return [Theme(name, theme.palette_for(config.accent_color, name), MINIMUM[name]) for name in CONTRASTS]


def measure(palette: theme.Palette) -> list[Measured]:
    from kiosk.ui import theme

    found = []
    for pair in theme.text_pairs(palette):
        text, background = getattr(palette, pair.text), getattr(palette, pair.background)
        found.append(Measured(pair, text, background, contrast_ratio(text, background)))
    return found


def report(themes: list[Theme]) -> tuple[list[str], int]:
    """The lines to print and how many pairs fall below their theme's minimum."""
    lines: list[str] = []
    too_low = 0
    for index, item in enumerate(themes):
        if index:
            lines.append("")
        lines.append(f"{item.name} theme: every text at least {item.minimum:g}:1")
        measured = measure(item.palette)
        width = max(len(f"{m.pair.text} {m.text} on {m.pair.background} {m.background}") for m in measured)
        for m in measured:
            what = f"{m.pair.text} {m.text} on {m.pair.background} {m.background}"
            ratio = int(m.ratio * 100) / 100  # rounded down: 4.499 never shows as 4.50
            verdict = "ok" if m.passes(item.minimum) else f"TOO LOW (needs {item.minimum:g}:1)"
            too_low += not m.passes(item.minimum)
            lines.append(f"  {what:<{width}}  {ratio:5.2f}:1  {verdict}")
    total = sum(len(measure(item.palette)) for item in themes)
    if too_low:
        lines += ["", f"{too_low} of {total} pairs are below their theme's minimum."]
    else:
        lines += ["", f"All {total} pairs pass."]
    return lines, too_low


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "check-theme", help="print the contrast of every text/background pair of each theme (normal, "
                            "high); exit 1 below 4.5:1 (normal) or 7:1 (high)",
        description="Measure the WCAG contrast ratio of every text colour on the background it is "
                    "drawn on, in the normal and the high-contrast theme, with the settings' "
                    "accent_color.")
    parser.set_defaults(handler=run)
    return parser


def run(args, ctx) -> int:
    return check(ctx.config)


def check(config: Config, themes: list[Theme] | None = None) -> int:
    lines, too_low = report(themes if themes is not None else themes_of(config))
    print("\n".join(lines))
    return EXIT_TOO_LOW if too_low else EXIT_OK
