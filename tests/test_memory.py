"""Language switches, text-size switches and content reloads build the screens again: the
old ones must really go. Counted (live QWidgets, live objects of the kiosk's screen classes,
live Python classes), not timed or read from the RSS, so a loaded machine cannot flake it."""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from kiosk.domain.config import DEFAULT
from kiosk.ui.kinetic import grab_touch_scroll
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.uihelpers import touch_device

SCREEN_CLASSES = ("AttractScreen", "HomeScreen", "DiagramScreen", "AnimationScreen", "QuestionnaireScreen",
                  "ExplanationPanel", "DiagramView")


@pytest.fixture
def window(shown_windows, shipped, spanish):
    contents = {"en": shipped, "es": spanish}
    config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True)
    return shown_windows(KioskWindow(config, shipped, [], loader=lambda language: (contents[language], []),
                                     languages=["en", "es"]))


def settle() -> None:
    """Run the deferred deletions the switch queued, then collect what Python still held."""
    for _ in range(2):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def live() -> tuple[int, Counter[str], int]:
    """Live QWidgets; live kiosk screens by class; live Python classes (PySide6 makes one for
    each enum value it has not seen: a leak that no widget count shows)."""
    screens: Counter[str] = Counter()
    classes = 0
    for obj in gc.get_objects():
        if isinstance(obj, type):
            classes += 1
        elif type(obj).__name__ in SCREEN_CLASSES and type(obj).__module__.startswith("kiosk.ui"):
            screens[type(obj).__name__] += 1
    return len(QApplication.allWidgets()), screens, classes


def on_every_screen(window) -> None:
    """A visit that has seen the drawing, a page, an animation and the questionnaire."""
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    window.open_questionnaire()
    window.build_screens()


def test_language_switches_leave_nothing_behind(window):
    on_every_screen(window)
    for language in ("es", "en"):  # warm-up: both languages loaded, every enum seen once
        assert window.switch_language(language)
        window.build_screens()
    settle()
    widgets, screens, classes = live()
    assert screens["QuestionnaireScreen"] == 1 and screens["DiagramScreen"] == 1
    for index in range(30):  # each builds the questionnaire and the drawing again (restore_place)
        assert window.switch_language("es" if index % 2 == 0 else "en")
    window.build_screens()  # the screens not on show, as before
    settle()
    assert live() == (widgets, screens, classes)
    assert window.state.screen is Screen.QUESTIONNAIRE  # still where the patient was


def test_text_size_switches_and_reloads_leave_nothing_behind(window):
    on_every_screen(window)
    window.preferences.set_larger_text(True)
    window.preferences.set_larger_text(False)
    window.reload_content()
    window.build_screens()
    settle()
    before = live()
    for _ in range(3):
        window.preferences.set_larger_text(True)
        window.preferences.set_larger_text(False)
        window.reload_content()
        window.build_screens()
    settle()
    assert live() == before


def drag_up(scroll: QScrollArea) -> None:
    viewport, device = scroll.viewport(), touch_device()
    x = viewport.width() // 2
    QTest.touchEvent(viewport, device).press(0, QPoint(x, 250)).commit()
    for y in range(240, 30, -10):
        QTest.qWait(5)
        QTest.touchEvent(viewport, device).move(0, QPoint(x, y)).commit()
    QTest.touchEvent(viewport, device).release(0, QPoint(x, 30)).commit()
    QTest.qWait(30)


def test_a_finger_scrolls_every_scroll_area_with_the_one_gesture(kiosk_app, qtbot):
    """Scroll areas made after others were deleted still follow a finger (the shared gesture
    outlives them), and making them adds no Python class."""
    from PySide6.QtWidgets import QLabel

    def area() -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(QLabel("\n".join(f"line {n}" for n in range(200))))
        grab_touch_scroll(scroll.viewport())
        scroll.resize(300, 300)
        return scroll

    area().deleteLater()
    settle()
    classes = live()[2]
    for _ in range(10):
        area().deleteLater()
    settle()
    assert live()[2] == classes
    scroll = area()
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    assert scroll.verticalScrollBar().value() == 0
    drag_up(scroll)
    assert scroll.verticalScrollBar().value() > 100


def test_only_the_kinetic_module_registers_a_flick_gesture():
    """Every other scroll area takes the one gesture from kiosk/ui/kinetic.py (a direct
    QScroller.grabGesture() call registers a new gesture type, and a new enum class, each time)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "kiosk"
    users = sorted(str(path.relative_to(root)) for path in root.rglob("*.py")
                   if "QScroller.grabGesture" in path.read_text(encoding="utf-8"))
    assert users == ["ui/kinetic.py"]
