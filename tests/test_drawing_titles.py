"""A drawing's title keeps clear of the anatomy: measured in the kiosk's font, its box stays a
line's height away from the box of every shape drawn in the picture (the spacing lives in the
SVG: the side view's title takes two lines in the free corner above the L1 label)."""

from __future__ import annotations

import svgelements as se
from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.resources import default_diagrams_dir
from kiosk.ui import theme
from kiosk.ui.app import load_fonts

SIDE = default_diagrams_dir() / "side.svg"
MARGIN = 40  # drawing units: a line of the title's 28-unit words, with its spacing
TITLE = ("Seen from", "the left side")


def _text_box(text: se.Text) -> tuple[float, float, float, float]:
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(round(float(text.font_size)))
    font.setBold(True)
    metrics = QFontMetricsF(font)
    return (text.x, text.y - metrics.ascent(), text.x + metrics.horizontalAdvance(text.text),
            text.y + metrics.descent())


def _gap(a, b) -> float:
    dx = max(b[0] - a[2], a[0] - b[2], 0)
    dy = max(b[1] - a[3], a[1] - b[3], 0)
    return max(dx, dy)


def test_the_side_view_title_is_clear_of_the_top_vertebra(kiosk_app):
    assert load_fonts()
    svg = se.SVG.parse(str(SIDE))
    titles = [el for el in svg.elements() if isinstance(el, se.Text) and el.text in TITLE]
    assert [t.text for t in titles] == list(TITLE)
    shapes = {el.id or repr(el)[:40]: el.bbox() for el in svg.elements()
              if isinstance(el, se.Shape) and el.id != "panel-frame" and el.bbox() is not None}
    assert "t12-faded" in shapes and "spinal-canal" in shapes
    for title in titles:
        box = _text_box(title)
        close = {name: round(_gap(box, other)) for name, other in shapes.items() if _gap(box, other) < MARGIN}
        assert close == {}, f"{title.text!r} is too close to {close}"

