"""The staff screens at every supported size in both languages: the PIN pad, the first-run
screen, the staff panel (with and without a printer) and the problems screen; every text fits
its widget, every control is at least 48x48 px and inside the window, and nothing overlaps."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.domain.config import DEFAULT
from kiosk.domain.pin import hash_pin
from kiosk.domain.problems import Problem
from kiosk.domain.usage import UsageCounter
from kiosk.ui.capture import render_screen
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow
from tests.conftest import dispose_windows
from tests.test_layouts import SIZES, _check, contents  # noqa: F401  (contents: a fixture)

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture
def build(kiosk_app, contents, tmp_path):  # noqa: F811
    made, counters = [], []

    def make(language: str, pin: bool = True, content=True, **overrides):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, language=language,
                         admin_pin_hash=hash_pin("2468", iterations=1000) if pin else "", **overrides)
        counter = UsageCounter(tmp_path / f"usage-{len(made)}.sqlite3")
        counter.count("sessions")
        counter.count("page", "herniated-disc")
        counters.append(counter)
        problems = [] if content else [Problem(tmp_path / language / "topics" / "x.md", 3,
                                               "a problem that is long enough to need a second line "
                                               "on a small screen, as real ones do")]
        window = KioskWindow(config, contents[language] if content else None, problems,
                             loader=lambda lang: (contents[lang], []), counter=counter,
                             languages=["en", "es"], clock=ManualClock())
        made.append(window)
        return window

    yield make
    dispose_windows(made)


def _buttons_overlap(window) -> list[str]:
    """Visible buttons of the window that cover one another (a squeezed keypad)."""
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.window() is window]
    found = []
    for index, first in enumerate(buttons):
        a = QRect(first.mapTo(window, QPoint(0, 0)), first.size())
        for second in buttons[index + 1:]:
            if a.intersects(QRect(second.mapTo(window, QPoint(0, 0)), second.size())):
                found.append(f"{first.text()!r} overlaps {second.text()!r}")
    return found


def _overlaps(panel) -> list[str]:
    """Visible widgets of the panel's right column that cover one another."""
    parts = [w for w in (panel.chart_title, panel.chart, panel.totals, panel.message) if w.isVisible()]
    found = []
    for index, first in enumerate(parts):
        for second in parts[index + 1:]:
            a = QRect(first.mapTo(panel, QPoint(0, 0)), first.size())
            b = QRect(second.mapTo(panel, QPoint(0, 0)), second.size())
            if a.intersects(b):
                found.append(f"{first.objectName() or type(first).__name__} overlaps "
                             f"{second.objectName() or type(second).__name__}")
    return found


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_staff_panel_and_pin_pad_fit(build, size, language):
    app = QApplication.instance()
    failures = []
    for printer in ("", "Front desk"):
        window = build(language, printer=printer)
        render_screen(app, window, "staff", None, size)
        where = f"staff panel ({'printer' if printer else 'no printer'})"
        failures += _check(window, size, where)
        failures += [f"{where}: {o}" for o in _overlaps(window.staff_panel) + _buttons_overlap(window)]
    render_screen(app, window, "pin", None, size)
    failures += _check(window, size, "PIN pad") + [f"PIN pad: {o}" for o in _buttons_overlap(window)]
    first_run = build(language, pin=False)
    render_screen(app, first_run, "pin", None, size)
    failures += _check(first_run, size, "first-run screen")
    failures += [f"first-run screen: {o}" for o in _buttons_overlap(first_run)]
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_problems_screen_fits(build, size, language):
    window = build(language, content=False)
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    assert window.problems_screen.isVisible()
    assert _check(window, size, "problems screen") == []
