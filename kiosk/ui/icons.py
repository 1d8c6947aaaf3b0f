"""The kiosk's icons: SVG files in ``assets/icons/``, coloured from the theme when loaded.

An icon file draws in ``currentColor`` (its ink) and, where it needs a second colour, in
``white`` (its paper, e.g. the tick on a filled box). :func:`pixmap` puts the theme colours
it is given in their place, so the same file serves the normal and the high-contrast theme
and no screen paints an icon by hand.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.resources import default_icons_dir

_INK = re.compile(rb"currentColor")
_PAPER = re.compile(rb'"white"')
_RATIO = 2.0  # drawn at twice the size: sharp on a high-density screen and when scaled


@cache
def _source(name: str) -> bytes:
    return (default_icons_dir() / f"{name}.svg").read_bytes()


def svg(name: str, ink: str, paper: str | None = None) -> bytes:
    """The icon file ``name`` with its colours replaced by ``ink`` (and ``paper``)."""
    data = _INK.sub(ink.encode("ascii"), _source(name))
    if paper is not None:
        data = _PAPER.sub(b'"' + paper.encode("ascii") + b'"', data)
    return data


def pixmap(name: str, ink: str, size: int, paper: str | None = None, width: int | None = None) -> QPixmap:
    """The icon ``name``, ``size`` px tall (as wide as its shape), at the left of a pixmap
    ``width`` px wide (default: the icon's own width)."""
    renderer = QSvgRenderer(QByteArray(svg(name, ink, paper)))
    if not renderer.isValid():
        raise ValueError(f"the icon {name}.svg cannot be drawn")
    shape = renderer.defaultSize()
    across = size * shape.width() / max(1, shape.height())
    width = width or round(across)
    image = QPixmap(round(width * _RATIO), round(size * _RATIO))
    image.setDevicePixelRatio(_RATIO)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, across, size))
    painter.end()
    return image


def icon(name: str, ink: str, size: int, paper: str | None = None) -> QIcon:
    return QIcon(pixmap(name, ink, size, paper))


def toggle_icon(name: str, off: str, on: str, size: int, width: int | None = None) -> QIcon:
    """An icon for a checkable button: in ``off`` while unchecked, ``on`` while checked (``width``
    wider than ``size`` leaves room before the button's label: style sheets have no icon gap)."""
    result = QIcon()
    result.addPixmap(pixmap(name, off, size, width=width), QIcon.Mode.Normal, QIcon.State.Off)
    result.addPixmap(pixmap(name, on, size, width=width), QIcon.Mode.Normal, QIcon.State.On)
    return result
