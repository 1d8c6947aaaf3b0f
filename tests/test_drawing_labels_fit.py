"""Every label of every drawing fits its place in every language: inside the drawing, inside its
note's box, and clear of the other labels (Spanish runs longer than English)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtSvg import QSvgRenderer

from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.app import load_fonts

LANGUAGES = ("en", "es")
SLACK = 3.0  # a text's box includes its line's leading; lines of one label touch


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _groups(svg: bytes) -> tuple[dict[str, str], dict[str, QRectF]]:
    """Each text id -> the label it belongs to (its nearest group with an id), and each text id
    inside a boxed note -> that box."""
    root = ET.fromstring(svg)
    owner: dict[str, str] = {}
    boxes: dict[str, QRectF] = {}

    def walk(node: ET.Element, group: str | None, box: QRectF | None) -> None:
        rect = next((c for c in node if _local(c.tag) == "rect"), None)
        if rect is not None and any(_local(c.tag) == "text" for c in node):
            box = QRectF(*(float(rect.get(k, 0)) for k in ("x", "y", "width", "height")))
        for child in node:
            if _local(child.tag) == "text" and child.get("id"):
                owner[child.get("id")] = group or child.get("id")
                if box is not None:
                    boxes[child.get("id")] = box
            walk(child, child.get("id") if _local(child.tag) == "g" and child.get("id") else group, box)

    walk(root, None, None)
    return owner, boxes


@pytest.fixture(scope="module")
def contents(qapp):
    load_fonts()
    return {language: load_content(default_content_dir(), language)[0] for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_fits_its_place(contents, language):
    misplaced = []
    for diagram in contents[language].diagrams:
        for svg in (diagram.base_svg, *diagram.overlays.values()):
            renderer = QSvgRenderer(QByteArray(svg))
            owner, boxes = _groups(svg)
            where = {tid: renderer.transformForElement(tid).mapRect(renderer.boundsOnElement(tid))
                     for tid in owner}
            page = QRectF(0, 0, diagram.width, diagram.height).adjusted(0, -SLACK, 0, SLACK)
            for tid, rect in where.items():
                text = diagram.labels[tid].words
                if not page.contains(rect):
                    misplaced.append(f"{diagram.id}: {tid} ({text!r}) leaves the drawing: {rect}")
                if tid in boxes and not boxes[tid].adjusted(0, -SLACK, 0, SLACK).contains(rect):
                    misplaced.append(f"{diagram.id}: {tid} ({text!r}) leaves its box {boxes[tid]}: {rect}")
            ids = sorted(where)
            for i, first in enumerate(ids):
                for second in ids[i + 1:]:
                    a, b = (where[t].adjusted(0, SLACK, 0, -SLACK) for t in (first, second))
                    if owner[first] != owner[second] and a.intersects(b):
                        misplaced.append(f"{diagram.id}: {first} and {second} overlap: {a} {b}")
    assert not misplaced, "\n".join(misplaced)
