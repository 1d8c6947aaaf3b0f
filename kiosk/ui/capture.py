"""Offscreen rendering for screenshots, the self-test and the first-frame benchmark."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.ui.app import is_blank
from kiosk.ui.shell import NavState, Screen


def _settle(app: QApplication, window) -> None:
    for _ in range(3):
        app.processEvents()
    window.finish_animations()
    for _ in range(2):
        app.processEvents()


def replay_answers(app: QApplication, questionnaire, answers: dict, page: str | None) -> None:
    """Answer the on-screen questionnaire from a `kiosk triage` answers object, by pressing
    its buttons, until an answer is missing (that question stays on screen) or it ends."""
    questionnaire.start()
    questionnaire.start_button.click()
    for _ in range(200):
        app.processEvents()
        question = questionnaire.current_question
        if questionnaire.page_name() != "question" or question is None:
            break
        if question.is_red_flag:
            button = questionnaire.yes_button if question.id in answers.get("red_flags", []) else \
                questionnaire.no_button
            button.click()
            continue
        value = answers.get(question.key)
        if value is None:
            break
        if question.type == "body_map":
            for area in value:
                questionnaire.body_map_view.regionTapped.emit(area)
            questionnaire.next_button.click()
        elif question.type == "yes_no":
            (questionnaire.yes_button if value else questionnaire.no_button).click()
        elif question.type == "multi":
            for option in value:
                questionnaire.option_button(option).click()
            questionnaire.next_button.click()
        else:
            questionnaire.option_button(value).click()
    if page in ("handoff", "compare") and questionnaire.page_name() != "results":
        raise ValueError(f"--page {page} needs answers that end on the results page "
                         f"(these end on the {questionnaire.page_name()} page)")
    if page == "handoff":
        questionnaire.show_doctor_button.click()
    elif page == "compare":
        if questionnaire.compare_button.isHidden():
            raise ValueError("no comparison for these results: it needs two or more topics whose "
                             "treatment pages have a [compare] table")
        questionnaire.compare_button.click()


def render_screen(app: QApplication, window, screen: str, select: str | None,
                  size: tuple[int, int], view: str | None = None, progress: float | None = None,
                  answers: dict | None = None, page: str | None = None) -> QImage:
    """Show ``screen`` (with ``select`` opened) at ``size`` and grab it as an image."""
    window.resize(*size)
    window.show()
    _settle(app, window)
    if screen in OPERATION_SCREENS:
        return _render_operations(app, window, screen, select)
    target = Screen(screen)
    if target is Screen.PROBLEMS:
        if window.state.screen is not Screen.PROBLEMS:
            raise ValueError("the content has no problems, so there is no problems screen to show")
    elif window.state.screen is Screen.PROBLEMS:
        raise ValueError("the content has problems; run 'kiosk check-content'")
    elif target is Screen.HOME:
        window.go_home()
    elif target is Screen.QUESTIONNAIRE:
        if window.screens.get(Screen.QUESTIONNAIRE) is None:
            raise ValueError("this content has no questionnaire")
        window.open_questionnaire()
        replay_answers(app, window.questionnaire, answers or {}, page)
    else:
        if target is Screen.ANIMATION:
            animations = window.content.animations
            if select not in animations:
                raise ValueError(f"no animation {select!r}; try one of: {', '.join(sorted(animations))}")
            window.navigate(NavState(Screen.ANIMATION, select))
            window.animation.set_progress(0.5 if progress is None else progress)
        else:
            if select is not None and window.content.get(select) is None:
                raise ValueError(f"unknown id {select!r}: no region or page has this id")
            if view is not None:
                diagram = window.screens.get(Screen.DIAGRAM)
                ids = [v.diagram.id for v in diagram.views]
                if view not in ids:
                    raise ValueError(f"unknown view {view!r}; views: {', '.join(ids)}")
                diagram.show_view(ids.index(view))
            window.navigate(NavState(Screen.DIAGRAM, select))
    _settle(app, window)
    image = window.grab().toImage()
    if (image.width(), image.height()) != size:
        image = image.scaled(*size)
    return image


OPERATION_SCREENS = ("attract", "still-there", "pin", "staff")


def _render_operations(app: QApplication, window, screen: str, select: str | None) -> QImage:
    if window.state.screen is Screen.PROBLEMS:
        raise ValueError("the content has problems; run 'kiosk check-content'")
    if screen == "attract":
        window.reset_session("idle")
        attract = window.attract
        attract.clock = lambda: attract._started + 0.9  # the touch ring in mid-pulse
    elif screen == "still-there":
        window.begin_session()
        if select is not None:
            window.navigate(NavState(Screen.DIAGRAM, select))
        window.still_there.show_seconds(12)
    elif screen == "pin":
        window.reset_session("idle")
        window.pin_pad.open()
        for digit in "25":
            window.pin_pad.press(digit)
    else:
        window.reset_session("idle")
        window.open_staff_panel()
    _settle(app, window)
    return window.grab().toImage()


def self_test(app: QApplication, window) -> list[str]:
    """Render every screen and every selection; return what went wrong (empty: all fine)."""
    failures: list[str] = []
    size = (1920, 1080)
    for screen in ("home", "diagram"):
        image = render_screen(app, window, screen, None, size)
        if is_blank(image):
            failures.append(f"the {screen} screen rendered blank")
    for index in range(len(window.diagram.views)):
        window.diagram.show_view(index)
        _settle(app, window)
        if is_blank(window.grab().toImage()):
            failures.append(f"diagram view {window.diagram.views[index].diagram.id} rendered blank")
    for animation_id in window.content.animations:
        image = render_screen(app, window, "animation", animation_id, size, progress=0.5)
        if is_blank(image):
            failures.append(f"the {animation_id} animation rendered blank")
    if window.screens.get(Screen.QUESTIONNAIRE) is not None:
        image = render_screen(app, window, "questionnaire", None, size, answers={"red_flags": []})
        if is_blank(image) or window.questionnaire.page_name() != "question":
            failures.append("the questionnaire did not reach its first question after the red flags")
        window.go_home()
    for region_id in window.content.region_ids():
        window.navigate(NavState(Screen.DIAGRAM, region_id))
        if window.diagram.view.selected != region_id:  # the screen switches to a view that has it
            failures.append(f"selecting {region_id} did not highlight it")
    for item_id in window.content.items:
        window.navigate(NavState(Screen.DIAGRAM, item_id))
        if window.diagram.panel.current_id != item_id:
            failures.append(f"the panel did not open {item_id}")
    _settle(app, window)
    for button in window.findChildren(QPushButton):
        if button.isVisible() and (button.width() < 48 or button.height() < 48):
            name = button.text() or button.accessibleName() or button.objectName()
            failures.append(f"button {name!r} is smaller than 48x48 px ({button.width()}x{button.height()})")
    for screen in OPERATION_SCREENS:
        if is_blank(render_screen(app, window, screen, None, size)):
            failures.append(f"the {screen} screen rendered blank")
    window.reset_session("idle")
    return failures


class _FirstFrame(QObject):
    """Notes the first paint anywhere in the window (in kiosk mode the attract screen covers
    the whole window, so the window itself never paints)."""

    def __init__(self, app: QApplication, window, start: float):
        super().__init__()
        self._app = app
        self._window = window
        self._start = start
        self._done = False

    def eventFilter(self, obj, event):
        if (not self._done and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and obj.window() is self._window):
            self._done = True
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        elapsed = time.perf_counter() - self._start
        print(f"first-frame {elapsed:.3f}", flush=True)
        sys.stdout.flush()
        self._app.exit(0)  # not quit(): a kiosk-mode window refuses the close that quit() asks for


def exit_after_first_frame(app: QApplication, window, start: float) -> None:
    watcher = _FirstFrame(app, window, start)
    window._first_frame_watcher = watcher  # keep it alive
    app.installEventFilter(watcher)
