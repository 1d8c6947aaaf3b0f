"""Where an animation's drawing, labels, orientation words and captions go in a rectangle.

Labels keep a readable pixel size (at least 24 px) at any scale: the drawing shrinks to
leave room for them rather than the text shrinking. Side labels sit in columns left and
right of the drawing, level with what they name (or at their ``y``), pushed apart where
they would overlap; orientation words sit in bands above and below; the caption below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QPixmap, QStaticText, QTextOption, QTransform

from kiosk.domain.animation import Animation, Label, Words
from kiosk.ui import theme

# The canvas size inside a 1920x1080 window, where the type sizes below are the brief's.
REFERENCE_WIDTH = 1800.0
REFERENCE_HEIGHT = 700.0
LABEL_PX = 26
CAPTION_PX = 32
NOTE_PX = 24
MIN_LABEL_PX = 24
SHORT_PAD = 8.0  # the least room round the drawing, its words and the canvas's edge
# A canvas lower than this (larger text on a low screen) puts the orientation words beside the
# drawing, level with its top and bottom edges, instead of in bands that take its height.
COMPACT_PX = 420


@dataclass
class PlacedLabel:
    label: Label
    text: QStaticText
    pos: QPointF  # top-left of the text, px
    edge: QPointF  # where the leader starts, px


@dataclass
class Sprite:
    """Part of the drawing rendered once per size; a frame only blits it."""

    pixmap: QPixmap
    origin: QPointF  # its top-left in px (relative to the target rect) when not moved


@dataclass
class Layout:
    size: QSize
    transform: QTransform  # drawing units -> px (relative to the target rect)
    scale: float
    label_font: QFont
    caption_font: QFont
    note_font: QFont
    labels: list[PlacedLabel] = field(default_factory=list)
    markers: list[tuple[QStaticText, QPointF]] = field(default_factory=list)
    captions: list[tuple[QStaticText, QPointF]] = field(default_factory=list)
    leader_pen: QPen | None = None
    dot_radius: float = 4.0
    sprites: dict[tuple[str, float], Sprite] = field(default_factory=dict)
    rects: dict[str, QRectF] = field(default_factory=dict)  # px areas the frame loop skips when clean


def font(px: int, bold: bool = False) -> QFont:
    f = QFont(theme.FONT_FAMILY)
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def static_text(text: str, text_font: QFont, width: float | None = None,
                align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    st.setTextOption(option)
    if width is not None:
        st.setTextWidth(width)
    st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    st.prepare(QTransform(), text_font)
    return st


def build_layout(animation: Animation, words: Words, size: QSize, leader: QColor,
                 weight: float = 1.0) -> Layout:
    w, h = float(size.width()), float(size.height())
    ref = min(w / REFERENCE_WIDTH, h / REFERENCE_HEIGHT)
    label_px = max(MIN_LABEL_PX, round(LABEL_PX * ref))
    caption_px = max(MIN_LABEL_PX + 2, round(CAPTION_PX * ref))
    note_px = max(MIN_LABEL_PX, round(NOTE_PX * ref))
    label_font, caption_font, note_font = font(label_px), font(caption_px, True), font(note_px)
    pad = max(SHORT_PAD, 20.0 * ref)  # a short canvas (larger text on a low screen) keeps less
    gap = max(20.0, 28.0 * ref)  # between the drawing and the label text

    # captions at the bottom, wrapped to the width
    captions = []
    cap_h = 0.0
    for text in words.steps:
        st = static_text(text, caption_font, w - 2 * pad, Qt.AlignmentFlag.AlignHCenter)
        captions.append(st)
        cap_h = max(cap_h, st.size().height())
    # orientation words get a band above and/or below the drawing
    markers = [(m, static_text(words.labels[m.id], note_font)) for m in animation.labels
               if m.side in ("above", "below")]
    compact = h < COMPACT_PX
    up_h = max((st.size().height() for m, st in markers if m.side == "above" and not compact), default=0.0)
    down_h = max((st.size().height() for m, st in markers if m.side == "below" and not compact), default=0.0)
    top = pad + up_h
    bottom = h - pad - cap_h - pad - down_h
    area_h = max(10.0, bottom - top)

    # label columns: long names wrap so that a narrow canvas keeps a usable drawing
    labels = [label for label in animation.labels if label.side in ("left", "right")]
    # (a compact canvas's drawing is as high as it can be, so its labels may take more width)
    max_label_w = max(180.0, min(380.0, w * (0.3 if compact else 0.2)))
    metrics = QFontMetricsF(label_font)
    texts = []
    col = {"left": 0.0, "right": 0.0}
    for label in labels:
        text = words.labels[label.id]
        natural = metrics.horizontalAdvance(text) + 2
        align = Qt.AlignmentFlag.AlignRight if label.side == "left" else Qt.AlignmentFlag.AlignLeft
        st = static_text(text, label_font, None if natural <= max_label_w else max_label_w, align)
        texts.append(st)
        col[label.side] = max(col[label.side], st.size().width())
    design = QRectF(*animation.view_box)
    # compact: an orientation word joins the column on its side of the drawing (a centred one,
    # the column with fewer labels)
    fewer = "left" if sum(lb.side == "left" for lb in labels) <= len(labels) / 2 else "right"
    marker_sides = []
    for marker, st in markers if compact else ():
        x = animation.anchor_at(marker.anchor, 0.0)[0] - design.center().x()
        side = fewer if abs(x) < design.width() * 0.1 else ("left" if x < 0 else "right")
        marker_sides.append(side)
        col[side] = max(col[side], min(st.size().width(), max_label_w))
    if compact:
        right, left = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft
        markers = [(m, static_text(words.labels[m.id], note_font,
                                   None if st.size().width() <= max_label_w else max_label_w,
                                   right if side == "left" else left))
                   for (m, st), side in zip(markers, marker_sides, strict=True)]
    left_col = col["left"] + gap + pad if col["left"] else pad
    right_col = col["right"] + gap + pad if col["right"] else pad
    area_w = max(10.0, w - left_col - right_col)
    scale = min(area_w / design.width(), area_h / design.height())
    draw_w, draw_h = design.width() * scale, design.height() * scale
    # centred on the canvas when the label columns allow it, else in the space between
    ox = min(max((w - draw_w) / 2.0, left_col), w - right_col - draw_w)
    oy = top + (area_h - draw_h) / 2.0
    transform = QTransform()
    transform.translate(ox - design.left() * scale, oy - design.top() * scale)
    transform.scale(scale, scale)

    layout = Layout(size=size, transform=transform, scale=scale, label_font=label_font,
                    caption_font=caption_font, note_font=note_font)
    leader_pen = QPen(leader, max(1.5, 1.6 * ref) * weight)
    leader_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    layout.leader_pen = leader_pen
    layout.dot_radius = max(3.5, 4.5 * ref)
    beside: list[tuple[str, float, QStaticText]] = []  # compact: (column, top y, text) per marker
    for index, (marker, st) in enumerate(markers):
        mw, mh = st.size().width(), st.size().height()
        if compact:
            beside.append((marker_sides[index], oy if marker.side == "above" else oy + draw_h - mh, st))
            continue
        x = transform.map(QPointF(animation.anchor_at(marker.anchor, 0.0)[0], 0)).x()
        if marker.align == "end":
            x -= mw
        elif marker.align == "centre":
            x -= mw / 2
        x = min(max(x, pad), w - pad - mw)
        y = oy - mh if marker.side == "above" else oy + draw_h
        layout.markers.append((st, QPointF(x, y)))
    _place_labels(animation, layout, list(zip(labels, texts, strict=True)) + beside, (ox, draw_w, gap, pad),
                  (oy + draw_h / 2.0, h - pad - cap_h - pad), ref)
    for st in captions:
        layout.captions.append((st, QPointF(pad, h - pad - cap_h + (cap_h - st.size().height()) / 2)))
    return layout


def _place_labels(animation: Animation, layout: Layout,
                  items: list[Any], columns: tuple[float, float, float, float],
                  rows: tuple[float, float], ref: float) -> None:
    """Each label level with what it names (or its ``y``), pushed apart where they overlap.

    ``items`` are labels with their texts, then orientation words that go in a column:
    (column, wanted top, text); they get no leader and are placed as markers. A column keeps
    clear of the orientation words that reach into it; where its labels do not fit at their
    usual spacing they close up (evenly) rather than pile on one another.
    """
    ox, draw_w, gap, pad = columns
    middle, lowest = rows  # the drawing's middle; the lowest a label may reach
    spacing = max(8.0, 12.0 * ref)
    for side_name in ("left", "right"):
        wanted: list[list[Any]] = []  # [y, label (None: an orientation word), its static text]
        for item in items:
            if len(item) == 3:
                if item[0] == side_name:
                    wanted.append([item[1], None, item[2]])
                continue
            label, st = item
            if label.side == side_name:
                wanted_y = animation.anchor_at(label.anchor, 0.0)[1] if label.y is None else label.y
                y = layout.transform.map(QPointF(0, wanted_y)).y() - st.size().height() / 2.0
                wanted.append([y, label, st])
        if not wanted:
            continue
        wanted.sort(key=lambda item: item[0])
        widest = max(item[2].size().width() for item in wanted)
        if side_name == "left":
            column = (ox - gap - widest, ox - gap)
        else:
            column = (ox + draw_w + gap, ox + draw_w + gap + widest)
        top, bottom = _column_room(layout, column, (pad, middle, lowest))
        heights = [item[2].size().height() for item in wanted]
        if len(wanted) > 1:  # close up where the usual spacing does not fit
            spacing = min(spacing, max(0.0, (bottom - top - sum(heights)) / (len(wanted) - 1)))
        for i in range(1, len(wanted)):
            wanted[i][0] = max(wanted[i][0], wanted[i - 1][0] + heights[i - 1] + spacing)
        overflow = wanted[-1][0] + heights[-1] - bottom
        if overflow > 0:
            wanted[-1][0] -= overflow
            for i in range(len(wanted) - 2, -1, -1):
                wanted[i][0] = min(wanted[i][0], wanted[i + 1][0] - spacing - heights[i])
        if wanted[0][0] < top:  # down from the top again: the top one went too high
            wanted[0][0] = top
            for i in range(1, len(wanted)):
                wanted[i][0] = max(wanted[i][0], wanted[i - 1][0] + heights[i - 1] + spacing)
        for y, label, st in wanted:
            tw, th = st.size().width(), st.size().height()
            x = ox - gap - tw if side_name == "left" else ox + draw_w + gap
            if label is None:
                layout.markers.append((st, QPointF(x, y)))
                continue
            edge = QPointF(ox - gap + 12.0 if side_name == "left" else x - 12.0, y + th / 2.0)
            layout.labels.append(PlacedLabel(label, st, QPointF(x, y), edge))


def _column_room(layout: Layout, column: tuple[float, float],
                 rows: tuple[float, float, float]) -> tuple[float, float]:
    """From where to where a label column may go: the canvas less the orientation words above
    and below the drawing that reach into the column."""
    top, middle, bottom = rows
    for st, pos in layout.markers:
        if pos.x() < column[1] and pos.x() + st.size().width() > column[0]:
            marker_bottom = pos.y() + st.size().height()
            if pos.y() < middle:
                top = max(top, marker_bottom)
            else:
                bottom = min(bottom, pos.y())
    return top, bottom
