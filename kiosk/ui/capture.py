"""Offscreen rendering for screenshots, the self-test and the first-frame benchmark."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.ui.app import is_blank
from kiosk.ui.shell import NavState, Screen


def _settle(app: QApplication, window) -> None:
    for _ in range(3):
        app.processEvents()
    window.finish_animations()
    for _ in range(2):
        app.processEvents()


def render_screen(app: QApplication, window, screen: str, select: str | None,
                  size: tuple[int, int]) -> QImage:
    """Show ``screen`` (with ``select`` opened) at ``size`` and grab it as an image."""
    window.resize(*size)
    window.show()
    _settle(app, window)
    target = Screen(screen)
    if target is Screen.PROBLEMS:
        if window.state.screen is not Screen.PROBLEMS:
            raise ValueError("the content has no problems, so there is no problems screen to show")
    elif window.state.screen is Screen.PROBLEMS:
        raise ValueError("the content has problems; run 'kiosk check-content'")
    elif target is Screen.HOME:
        window.go_home()
    else:
        if select is not None and window.content.get(select) is None:
            raise ValueError(f"unknown id {select!r}: no region or page has this id")
        window.navigate(NavState(Screen.DIAGRAM, select))
    _settle(app, window)
    image = window.grab().toImage()
    if (image.width(), image.height()) != size:
        image = image.scaled(*size)
    return image


def self_test(app: QApplication, window) -> list[str]:
    """Render every screen and every selection; return what went wrong (empty: all fine)."""
    failures: list[str] = []
    size = (1920, 1080)
    for screen in ("home", "diagram"):
        image = render_screen(app, window, screen, None, size)
        if is_blank(image):
            failures.append(f"the {screen} screen rendered blank")
    for region_id in window.content.region_ids():
        window.navigate(NavState(Screen.DIAGRAM, region_id))
        if window.diagram.view.selected != region_id:
            failures.append(f"selecting {region_id} did not highlight it")
    for item_id in window.content.items:
        window.navigate(NavState(Screen.DIAGRAM, item_id))
        if window.diagram.panel.current_id != item_id:
            failures.append(f"the panel did not open {item_id}")
    _settle(app, window)
    for button in window.findChildren(QPushButton):
        if button.isVisible() and (button.width() < 48 or button.height() < 48):
            failures.append(f"button {button.text()!r} is smaller than 48x48 px")
    return failures


class _FirstFrame(QObject):
    def __init__(self, app: QApplication, start: float):
        super().__init__()
        self._app = app
        self._start = start
        self._done = False

    def eventFilter(self, obj, event):
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        elapsed = time.perf_counter() - self._start
        print(f"first-frame {elapsed:.3f}", flush=True)
        sys.stdout.flush()
        self._app.quit()


def exit_after_first_frame(app: QApplication, window, start: float) -> None:
    watcher = _FirstFrame(app, start)
    window._first_frame_watcher = watcher  # keep it alive
    window.installEventFilter(watcher)
