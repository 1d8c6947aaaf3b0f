"""Overlays are kept cut to the part they cover: drawn there, they look exactly as drawn whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.ui.overlay_pixmaps import OverlayPixmaps, ink_bounds

SIZE = QSizeF(1135, 869)  # a drawing's size on the kiosk's 1920x1080 screen


def whole(renderer: QSvgRenderer, size: QSize) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                           | QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


def overlay_svgs(shipped):
    for diagram in shipped.diagrams:
        for overlay_id in diagram.overlays:
            yield f"{diagram.id}:{overlay_id}", diagram.overlay_svg(overlay_id)
            for side in diagram.overlay_sides.get(overlay_id, {}):
                yield f"{diagram.id}:{overlay_id}:{side}", diagram.overlay_svg(overlay_id, side)


def test_every_overlay_drawn_cut_looks_the_same_as_drawn_whole(kiosk_app, shipped):
    cache = OverlayPixmaps()
    checked = 0
    for name, svg in overlay_svgs(shipped):
        renderer = QSvgRenderer(QByteArray(svg))
        expected = whole(renderer, SIZE.toSize())
        pixmap, offset = cache.get(name, renderer, SIZE, 1.0)
        shown = QImage(SIZE.toSize(), QImage.Format.Format_ARGB32_Premultiplied)
        shown.fill(Qt.GlobalColor.transparent)
        painter = QPainter(shown)
        painter.drawPixmap(offset, pixmap)
        painter.end()
        assert shown == expected, name
        # and it is small: a contact mark or a skin map, not the whole drawing
        assert pixmap.width() * pixmap.height() < 0.5 * SIZE.width() * SIZE.height(), name
        checked += 1
    assert checked >= 10
    assert len(cache) == checked
    assert cache.bytes_used() < checked * 4 * SIZE.width() * SIZE.height() / 4


def test_bounds_hold_all_the_ink_and_little_else(kiosk_app):
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
           b'<circle cx="300" cy="60" r="20" fill="red"/></svg>')
    bounds = ink_bounds(QSvgRenderer(QByteArray(svg)), QSize(800, 600))  # drawn at twice the size
    assert bounds.contains(QRectF(560, 80, 80, 80).toRect())
    assert bounds.width() < 110 and bounds.height() < 110
    empty = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"></svg>'
    assert ink_bounds(QSvgRenderer(QByteArray(empty)), QSize(40, 30)).isEmpty()


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_new_size_renders_again(kiosk_app, ratio):
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
           b'<rect x="10" y="10" width="50" height="40" fill="blue"/></svg>')
    renderer = QSvgRenderer(QByteArray(svg))
    cache = OverlayPixmaps()
    small, _ = cache.get("a", renderer, QSizeF(400, 300), ratio)
    assert cache.get("a", renderer, QSizeF(400, 300), ratio)[0].cacheKey() == small.cacheKey()
    large, offset = cache.get("a", renderer, QSizeF(800, 600), ratio)
    assert large.width() > small.width() and offset.x() == pytest.approx(20, abs=8)
    assert len(cache) == 1
