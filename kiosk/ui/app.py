"""QApplication set-up shared by the kiosk, screenshots and the self-test."""

from __future__ import annotations

import logging
import os
import sys
from typing import cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPixmapCache
from PySide6.QtWidgets import QApplication

from kiosk.domain.config import Config
from kiosk.resources import font_files
from kiosk.ui import theme

log = logging.getLogger(__name__)


def use_offscreen() -> None:
    """Render without a display (screenshots, self-test). Must run before the app exists."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def load_fonts() -> bool:
    loaded = False
    for path in font_files():
        if QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded = True
    if not loaded:
        log.warning("Atkinson Hyperlegible could not be loaded; using the system font")
    return loaded


def create_app(config: Config, argv: list[str] | None = None) -> QApplication:
    app = cast("QApplication | None", QApplication.instance())  # this module only makes QApplications
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("spine-kiosk")
    # Qt's pixmap cache holds the highlights' renderings (and the style's). Sized by
    # measurement (benchmarks/bench_tap.py and bench_sessions.py, --pixmap-cache-kb): a tap
    # repaints a highlight afresh 0.33 times at 8 MB as at 64 MB (those are highlights whose
    # side or fill changed, never evictions), 0.55 times at 2 MB; over 40 visits the kiosk
    # holds 155 MB at 8 MB, 163 MB at 16, 180 MB at 32 (still growing) and 214 MB at 64.
    QPixmapCache.setCacheLimit(8 * 1024)
    app.setOrganizationName("spine-kiosk")
    load_fonts()
    font = QFont(theme.FONT_FAMILY)
    palette = theme.config_palette(config)
    font.setPixelSize(theme.font_px(theme.BODY_PX, palette))
    app.setFont(font)
    app.setStyleSheet(theme.style_sheet(palette))
    return app


def is_blank(image: QImage, samples: int = 40) -> bool:
    """True when a grid of sampled pixels shows (almost) a single colour."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return True
    colours = set()
    for ix in range(samples):
        for iy in range(samples):
            x = int((ix + 0.5) * image.width() / samples)
            y = int((iy + 0.5) * image.height() / samples)
            colours.add(image.pixel(x, y))
    return len(colours) < 4


def show_window(app: QApplication, window, kiosk_mode: bool, hide_cursor: bool = False) -> None:
    """Kiosk: frameless, on top, covering the screen. Otherwise a normal window."""
    if hide_cursor:  # touch screens: no arrow left sitting where the last finger was
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    if kiosk_mode:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())  # bare X servers ignore full-screen requests
        window.showFullScreen()
    else:
        window.resize(windowed_size(window.screen() or app.primaryScreen()))
        window.show()


def windowed_size(screen) -> QSize:
    """A clinician's window: 1600x900, or smaller to fit the free area of ``screen`` (the
    part not taken by panels and docks), keeping a little room for the window's frame."""
    if screen is None:
        return QSize(1600, 900)
    free = screen.availableGeometry()
    return QSize(min(1600, free.width() - 40), min(900, free.height() - 60))
