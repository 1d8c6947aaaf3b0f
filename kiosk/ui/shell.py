"""The main window: top bar, screens, bottom bar, and navigation as explicit states.

Every screen change goes through :meth:`KioskWindow.navigate`; the window keeps the
history that Back walks and Home clears. It also runs the kiosk's operations: the idle
reset to the attract screen, the lockdown, the staff PIN pad and panel, the anonymous
usage counts and the recovery after an error.
"""

from __future__ import annotations

import enum
import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import UiWords, builtin_words
from kiosk.ui import theme
from kiosk.ui.attract import AttractScreen
from kiosk.ui.clock import Clock, QtClock
from kiosk.ui.crash import describe_error
from kiosk.ui.diagram_screen import DiagramScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.idle import IdleMonitor, StillThereOverlay
from kiosk.ui.language import LanguageButton, capture_place, restore_place
from kiosk.ui.lockdown import InputGuard
from kiosk.ui.problems import ProblemsScreen
from kiosk.ui.staff import StaffPanel
from kiosk.ui.staff_access import StaffAccess
from kiosk.ui.widgets import plain_text, size_by_current_page, touch_button

if TYPE_CHECKING:  # imported when first built: they are not needed for the first frame
    from kiosk.ui.animation_screen import AnimationScreen
    from kiosk.ui.questionnaire import QuestionnaireScreen

log = logging.getLogger(__name__)

ContentLoader = Callable[[str], tuple[ContentSet, list[Problem]]]  # language -> content


class Screen(enum.Enum):
    ATTRACT = "attract"  # between visitors: a calm loop inviting a touch
    HOME = "home"
    DIAGRAM = "diagram"  # item_id: the region or page opened (None: nothing)
    ANIMATION = "animation"  # item_id: the animation played
    QUESTIONNAIRE = "questionnaire"
    PROBLEMS = "problems"


@dataclass(frozen=True)
class NavState:
    screen: Screen
    item_id: str | None = None


HOME = NavState(Screen.HOME)
ATTRACT = NavState(Screen.ATTRACT)
WARM_UP_MS = 400  # build the other screens this long after start, once the first frame is up


class KioskWindow(QMainWindow):
    stateChanged = Signal(object)  # NavState

    sessionReset = Signal(str)  # why: "idle", "error" or "staff"

    def __init__(self, config: Config, content: ContentSet | None, problems: list[Problem],
                 loader: ContentLoader | None = None, counter=None, config_path=None,
                 languages: list[str] | None = None, clock: Clock | None = None, parent=None):
        super().__init__(parent)
        self.config = config
        self.clock = clock or QtClock()  # what the idle reset waits on (tests move a ManualClock)
        self.config_path = config_path
        self.language = config.language
        self.default_language = config.language  # where the idle reset returns (staff may change it)
        self.languages = list(languages or [config.language])
        self.words: UiWords = builtin_words(config.language)
        self._cache: dict[str, ContentSet] = {}  # language -> content, once loaded (switching is fast)
        self.palette_ = theme.config_palette(config)
        self._loader = loader
        self.counter = counter  # a UsageCounter, or None: nothing is counted
        self.content: ContentSet | None = None
        self.state = HOME
        self.history: list[NavState] = []
        self.in_session = False
        # exit(), not quit(): Qt 6 quit() first asks every window to close, which kiosk mode refuses.
        self.quit_app: Callable[[], None] = lambda: QApplication.exit(0)
        self.printer_factory = self._configured_printer
        self._exit_allowed = False
        self.setWindowTitle(config.clinic_name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        root = QWidget()
        root.setObjectName("KioskRoot")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar())
        self.stack = QStackedWidget()
        size_by_current_page(self.stack)
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_bottom_bar())
        self.setCentralWidget(root)

        self.problems_screen = ProblemsScreen()
        self.problems_screen.reloadRequested.connect(self.reload_content)
        self.stack.addWidget(self.problems_screen)
        self.attract: AttractScreen | None = None
        self.home: HomeScreen | None = None
        # Built on first use (or just after the first frame), so the home screen shows fast.
        self._diagram: DiagramScreen | None = None
        self._animation: AnimationScreen | None = None
        self._questionnaire: QuestionnaireScreen | None = None
        self._build_operations()
        self._install_content(content, problems)
        plain_text(self)

    # -- building -------------------------------------------------------------
    def _build_top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("TopBar")
        self.top_bar = bar
        bar.setFixedHeight(theme.TOP_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        self.logo_label = QLabel(bar)
        self.logo_label.setObjectName("Logo")
        logo = _logo_pixmap(self.config.logo, theme.TOP_BAR_HEIGHT - 32)
        if logo is not None:
            self.logo_label.setPixmap(logo)
            row.addWidget(self.logo_label)
            row.addSpacing(theme.GAP)
        self.logo_label.setVisible(logo is not None)
        self.clinic_label = QLabel(self.config.clinic_name)
        self.clinic_label.setObjectName("ClinicName")
        row.addWidget(self.clinic_label)
        row.addStretch(1)
        self.language_button = LanguageButton(bar)
        self.language_button.languageRequested.connect(self.switch_language)
        row.addSpacing(theme.GAP)
        row.addWidget(self.language_button)
        self.top_row = row  # screens may add their own controls here (the drawing tabs)
        return bar

    def _build_bottom_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("BottomBar")
        bar.setFixedHeight(theme.BOTTOM_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        row.setSpacing(theme.GAP * 2)
        self.home_button = touch_button(self.words["bar.home"])
        self.home_button.clicked.connect(self.go_home)
        self.back_button = touch_button(self.words["bar.back"])
        self.back_button.clicked.connect(self.go_back)
        self.action_button = touch_button(self.words["bar.treatments"], "primary")
        self.action_button.clicked.connect(self._main_action)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.action_button)
        self.bottom_bar = bar
        return bar

    def _build_operations(self) -> None:
        """Idle reset, lockdown, the staff gesture, PIN pad and panel (all inside this window)."""
        config = self.config
        self.idle = IdleMonitor(config.idle_timeout, config.idle_warning, self, clock=self.clock)
        self.still_there = StillThereOverlay(self, self.words)
        self.idle.warningStarted.connect(self.still_there.show_seconds)
        self.idle.countdown.connect(self.still_there.show_seconds)
        # Hide only after the tap that cancelled the warning has reached the overlay: hidden at
        # once, the tap would fall through to the button under it.
        self.idle.warningCancelled.connect(lambda: QTimer.singleShot(0, self.still_there.hide))
        self.idle.expired.connect(lambda: self.reset_session("idle"))
        self.still_there.keepRequested.connect(self.idle.poke)

        self.guard = InputGuard(self, config.kiosk_mode, parent=self)
        self.guard.activity.connect(self.idle.poke)
        self.guard.cornerHeld.connect(self.open_staff_gate)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.guard)

        self.access = StaffAccess(self, config, self.config_path)
        self.pin_gate, self.pin_pad = self.access.gate, self.access.pad
        self.access.unlocked.connect(self.open_staff_panel)
        self.access.pinSaved.connect(self._first_pin_saved)
        self.access.exitRequested.connect(self._exit_without_pin)
        self.pin_pad.cancelled.connect(self.close_staff)
        self.staff_panel = StaffPanel(self.counter, self.palette_, self)
        self.staff_panel.title_of = self._title_of
        self.staff_panel.backRequested.connect(self.close_staff)
        self.staff_panel.exitRequested.connect(self.staff_exit)
        self.staff_panel.reloadRequested.connect(self.staff_reload)
        self.staff_panel.testPrintRequested.connect(self.test_print)
        self.staff_panel.languageRequested.connect(self.staff_set_language)

        # In kiosk mode the guard swallows the exit keys; a normal window acts on them.
        self.guard.exitKey.connect(self._exit_key)

    def _load(self, language: str) -> tuple[ContentSet | None, list[Problem]]:
        """The loader's content and problems; an error in it is one more problem to list."""
        assert self._loader is not None
        try:
            return self._loader(language)
        except Exception as exc:
            log.error("loading the content failed: %s", describe_error(type(exc), exc, exc.__traceback__))
            message = f"the content could not be loaded ({type(exc).__name__})"
            return None, [Problem(Path(language), 0, message)]

    def _install_content(self, content: ContentSet | None, problems: list[Problem]) -> bool:
        """Show ``content``, or the problems screen listing ``problems``. False: not shown."""
        if not problems and content is not None and content.diagrams:
            try:
                self._replace_screens(content)
                return True
            except Exception as exc:  # content the checks let through but no screen can show
                log.error("the content cannot be shown: %s",
                          describe_error(type(exc), exc, exc.__traceback__))
                where = content.root or Path(content.language)
                problems = [Problem(where, 0, f"the kiosk cannot show this content ({type(exc).__name__}); "
                                              "run 'kiosk --self-test' with it for details")]
        for problem in problems:
            log.error("content problem: %s", problem)
        self.problems_screen.set_problems(problems)
        if self.content is None:  # at start: nothing else to show (a reload keeps what it had)
            self.history.clear()
            self._apply(NavState(Screen.PROBLEMS))
        return False

    def _replace_screens(self, content: ContentSet) -> None:
        """New screens for ``content``, shown from the start of a visit."""
        self._swap_screens(content)
        self.history.clear()
        if self.config.kiosk_mode:
            self._show_attract()
        elif not self.in_session:  # a clinician's window opens ready to use
            self.begin_session()
        else:
            self._apply(HOME)
        QTimer.singleShot(WARM_UP_MS, self.build_screens)

    def _swap_screens(self, content: ContentSet) -> None:
        """New home and attract screens for ``content`` (the others are built when first shown);
        built first, so a failure changes nothing. The state and the history stay."""
        words = content.ui_words()
        home = HomeScreen(self.config, words, questionnaire=content.questionnaire is not None)
        art = next((d for d in content.diagrams if d.id == "back"), content.diagrams[0])
        attract = AttractScreen(self.config.clinic_name, art.base_svg, self.palette_,
                                reduce_motion=self.config.reduce_motion, words=words)
        plain_text(home)
        for old in (self.attract, self.home, self._diagram, self._animation, self._questionnaire):
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
        if self._diagram is not None:
            self._diagram.tab_bar.deleteLater()
        self._diagram = self._animation = self._questionnaire = None
        self.content = content
        self._cache[content.language] = content
        self._set_words(words)
        self.home, self.attract = home, attract
        home.exploreRequested.connect(lambda: self.navigate(NavState(Screen.DIAGRAM)))
        home.topicRequested.connect(lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
        home.questionnaireRequested.connect(self.open_questionnaire)
        self.stack.addWidget(home)
        attract.touched.connect(self.begin_session)
        self.stack.addWidget(attract)

    def _set_words(self, words: UiWords) -> None:
        """The window's own words (its bars and the idle card) in ``words``' language."""
        self.words = words
        self.home_button.setText(words["bar.home"])
        self.action_button.setText(words["bar.treatments"])  # _apply shows "What is sciatica?" instead
        self.back_button.setText(words["bar.back"])
        self.still_there.set_words(words)
        self.language_button.set_languages(self.languages, words.language, words)

    def build_screens(self) -> None:
        """Build every screen now (normally done in the background after the first frame)."""
        _ = self.diagram, self.animation, self.questionnaire

    @property
    def diagram(self) -> DiagramScreen | None:
        if self._diagram is None and self.content is not None:
            self._diagram = DiagramScreen(self.content, self.config, self.palette_)
            self._diagram.selectRequested.connect(self._on_select)
            self._diagram.animationRequested.connect(
                lambda i: self.navigate(NavState(Screen.ANIMATION, i)))
            self.stack.addWidget(self._diagram)
            plain_text(self._diagram)
            self._place_tabs()
            self._diagram.tab_bar.setVisible(self.state.screen is Screen.DIAGRAM)
        return self._diagram

    @property
    def animation(self) -> AnimationScreen | None:
        if self._animation is None and self.content is not None:
            from kiosk.ui.animation_screen import AnimationScreen

            self._animation = AnimationScreen(self.config.reduce_motion, self.content.ui_words())
            plain_text(self._animation)
            self.stack.addWidget(self._animation)
        return self._animation

    @property
    def questionnaire(self) -> QuestionnaireScreen | None:
        content = self.content
        if self._questionnaire is None and content is not None and content.questionnaire is not None:
            from kiosk.ui.questionnaire import QuestionnaireScreen

            body_map = next((d for d in content.diagrams if d.id == "hurts"), content.diagrams[0])
            body_map = body_map.without_legend()  # no root legend while answering
            self._questionnaire = QuestionnaireScreen(content.questionnaire, body_map, self.palette_,
                                                      reduce_motion=self.config.reduce_motion,
                                                      printer_name=self.config.printer or None,
                                                      pages=content.get)
            self._questionnaire.begun.connect(lambda: self._count("questionnaire_started"))
            self._questionnaire.urgentShown.connect(lambda level: self._count("urgent", level))
            self._questionnaire.resultsShown.connect(self._count_results)
            self._questionnaire.topicRequested.connect(
                lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
            self._questionnaire.exitRequested.connect(self.go_home)
            plain_text(self._questionnaire)
            self.stack.addWidget(self._questionnaire)
        return self._questionnaire

    # -- navigation -----------------------------------------------------------
    def navigate(self, state: NavState) -> None:
        if state == self.state or self.content is None:
            return
        if self.state.screen is not Screen.ATTRACT:
            self.history.append(self.state)
        self._count_visit(state)
        self._apply(state)

    def go_back(self) -> None:
        if self.history:
            self._apply(self.history.pop())
        else:
            self._apply(HOME)

    def go_home(self) -> None:
        """Start over: forget the history, every answer, and clear every drawing and panel."""
        self.history.clear()
        for screen in (self._diagram, self._animation, self._questionnaire):
            if screen is not None:
                screen.reset()
        self._apply(HOME)

    def open_questionnaire(self) -> None:
        if self.questionnaire is None:
            return
        if self.questionnaire.session is None:
            self.questionnaire.start()
        self.navigate(NavState(Screen.QUESTIONNAIRE))

    def _main_action(self) -> None:
        if self.content is not None and self.content.questionnaire is not None:
            self.open_questionnaire()
        else:
            self.navigate(NavState(Screen.DIAGRAM, "sciatica"))

    def _on_select(self, item_id: str | None) -> None:
        self.navigate(NavState(Screen.DIAGRAM, item_id))

    def _apply(self, state: NavState) -> None:
        self.state = state
        if state.screen is Screen.PROBLEMS:
            self.stack.setCurrentWidget(self.problems_screen)
        elif state.screen is Screen.ATTRACT and self.attract is not None:
            self.stack.setCurrentWidget(self.attract)
        elif state.screen is Screen.HOME and self.home is not None:
            self.stack.setCurrentWidget(self.home)
        elif state.screen is Screen.DIAGRAM and self.diagram is not None:
            self.diagram.show_item(state.item_id)
            self.stack.setCurrentWidget(self.diagram)
        elif state.screen is Screen.ANIMATION and self.animation is not None and self.content is not None:
            animation = self.content.animations.get(state.item_id or "")
            if self.animation.content_id != state.item_id and animation is not None:
                self.animation.show_animation(animation, self.content.language)
            self.stack.setCurrentWidget(self.animation)
        elif state.screen is Screen.QUESTIONNAIRE and self.questionnaire is not None:
            if self.questionnaire.session is None:
                self.questionnaire.start()
            self.stack.setCurrentWidget(self.questionnaire)
        if self._diagram is not None:
            self._diagram.tab_bar.setVisible(state.screen is Screen.DIAGRAM and len(self._diagram.views) > 1)
        self._show_clinic_name()
        # The questionnaire has its own Back and Start over on every question.
        own_bar = state.screen in (Screen.HOME, Screen.PROBLEMS, Screen.QUESTIONNAIRE, Screen.ATTRACT)
        self.bottom_bar.setVisible(not own_bar)
        self.top_bar.setVisible(state.screen is not Screen.ATTRACT)
        if self.content is not None and self.content.questionnaire is None:
            self.action_button.setText(self.words["bar.sciatica"])
            self.action_button.setVisible(state != NavState(Screen.DIAGRAM, "sciatica"))
        self.stateChanged.emit(state)

    def show_state(self) -> None:
        """Show the current state again (after its screens were rebuilt)."""
        self._apply(self.state)

    def reload_content(self) -> None:
        """Load the content again (from the problems screen: show whatever it finds)."""
        if self._loader is None:
            return
        self._cache.clear()
        self._install_content(*self._load(self.language))

    # -- language -------------------------------------------------------------
    def content_in(self, language: str) -> ContentSet | None:
        """The content in ``language``: kept from its first use, else loaded now. None when it
        cannot be loaded, or has problems (the kiosk then stays in its language)."""
        content = self._cache.get(language)
        if content is None and self._loader is not None:
            content, problems = self._load(language)
            if problems or content is None or not content.diagrams:
                for problem in problems:
                    log.error("content problem ('%s' not offered): %s", language, problem)
                return None
            self._cache[language] = content
        return content

    def switch_language(self, language: str) -> bool:
        """The patient's language button: the same screen, place and answers in ``language``."""
        if language == self.language or self.content is None or self.state.screen is Screen.PROBLEMS:
            return False
        started = time.perf_counter()
        content = self.content_in(language)
        if content is None:
            return False
        place = capture_place(self)
        if not self._use_language(content):
            return False
        restore_place(self, place)
        self._count("language", language)
        log.info("language switched to %s in %.0f ms", language, (time.perf_counter() - started) * 1000)
        return True

    def _use_language(self, content: ContentSet) -> bool:
        try:
            self._swap_screens(content)
        except Exception as exc:  # the other language's screens could not be built: stay
            log.error("the '%s' screens cannot be shown: %s", content.language,
                      describe_error(type(exc), exc, exc.__traceback__))
            return False
        self.language = content.language
        QTimer.singleShot(WARM_UP_MS, self.build_screens)
        return True

    def finish_animations(self) -> None:
        if self._diagram is not None:
            self._diagram.finish_animations()
        if self._questionnaire is not None:
            self._questionnaire.finish_animations()

    # -- sessions -------------------------------------------------------------
    def _show_attract(self) -> None:
        self.in_session = False
        self.idle.stop()
        self._apply(ATTRACT)

    def begin_session(self) -> None:
        """Someone touched the attract screen (or a clinician opened the window)."""
        if self.content is None:
            return
        self.in_session = True
        self._count("sessions")
        self._count("language", self.language)
        self.history.clear()
        self._count_visit(HOME)
        self._apply(HOME)
        self.idle.start()

    def reset_session(self, reason: str = "idle") -> None:
        """Forget the visit: answers, highlights, scroll positions, history, open overlays.

        The attract screen comes first and the answers go first: if clearing one screen
        fails, the others are still cleared and nothing of the visit stays in view.
        """
        self.history.clear()
        if self.content is None:
            self.idle.stop()
            self._apply(NavState(Screen.PROBLEMS))
        else:
            self._show_attract()
        screens = (self._questionnaire, self._diagram, self._animation)
        steps = [self.still_there.hide, self.close_staff, *(s.reset for s in screens if s is not None)]
        for step in steps:
            try:
                step()
            except Exception as exc:  # log it and go on clearing the rest
                log.error("clearing the screen failed: %s", describe_error(type(exc), exc, exc.__traceback__))
        if self.content is not None and self.language != self.default_language:
            default = self.content_in(self.default_language)  # the next patient meets the clinic's
            if default is not None and self._use_language(default):
                self._apply(ATTRACT)
        if self.counter is not None:
            self.counter.checkpoint()  # between visits: the quiet moment for the database's upkeep
        log.info("session reset (%s)", reason)
        self.sessionReset.emit(reason)

    def recover(self) -> None:
        """After an unexpected error: a clean start on the attract screen."""
        self.reset_session("error")

    # -- counting (anonymous, per day; never an answer) -------------------------
    def _count(self, metric: str, key: str = "") -> None:
        if self.counter is not None:
            self.counter.count(metric, key)

    def _count_visit(self, state: NavState) -> None:
        if state.screen in (Screen.ATTRACT, Screen.PROBLEMS):
            return
        if state.screen is not self.state.screen:  # a screen opened, not a new item on it
            self._count("screen", state.screen.value)
        if state.screen is Screen.DIAGRAM and state.item_id and self.content is not None:
            if state.item_id in self.content.region_ids():
                self._count("region", state.item_id)
            elif self.content.get(state.item_id) is not None:
                self._count("page", state.item_id)

    def _count_results(self, categories: list) -> None:
        self._count("questionnaire_completed")
        for category in categories:
            self._count("suggested", category)

    # -- lockdown -------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self.config.kiosk_mode and not self._exit_allowed:
            event.ignore()  # only the staff panel may close the kiosk
            return
        QApplication.instance().removeEventFilter(self.guard)
        self.idle.stop()
        if self.counter is not None:
            self.counter.close()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:
        # Something (a window manager shortcut) took the kiosk out of full screen: go back.
        if (event.type() == QEvent.Type.WindowStateChange and self.config.kiosk_mode
                and self.isVisible() and not self._exit_allowed and not self.isFullScreen()
                and QApplication.platformName() not in ("offscreen", "minimal")):
            QTimer.singleShot(0, self.showFullScreen)
        super().changeEvent(event)

    def _exit_key(self, key: int) -> None:
        """Windowed only: Escape leaves full screen (else goes back); the others close."""
        if not self.isActiveWindow() and QApplication.activeWindow() is not None:
            return  # a key meant for another window of this app
        if key != Qt.Key.Key_Escape:
            self.close()
        elif self.isFullScreen():
            self.showNormal()
        else:
            self.go_back()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for overlay in (self.still_there, self.pin_pad, self.staff_panel):
            overlay.setGeometry(self.rect())
        self._place_tabs()

    def _place_tabs(self) -> None:
        """The drawing tabs sit in the top bar when they fit beside the language button, else
        (narrow or portrait windows) in a row of their own above the drawing."""
        if self._diagram is None:
            return
        tabs = self._diagram.tab_bar
        tabs.ensurePolished()  # the theme's tab sizes, before the tabs were ever shown
        margins = self.top_row.contentsMargins()
        room = (self.width() - margins.left() - margins.right() - self.language_button.sizeHint().width()
                - theme.GAP * 2 - (self.logo_label.sizeHint().width() + theme.GAP
                                   if self.logo_label.isVisibleTo(self.top_bar) else 0))
        in_bar = self.top_row.indexOf(tabs) >= 0
        fits = self._diagram.tabs_row_width() <= room and self.width() >= self.height()
        if fits and not in_bar:
            self._diagram.release_tabs()
            self.top_row.insertWidget(self.top_row.indexOf(self.language_button) - 1, tabs)
        elif not fits and (in_bar or tabs.parent() is None):
            self.top_row.removeWidget(tabs)
            self._diagram.hold_tabs()
        tabs.setVisible(self.state.screen is Screen.DIAGRAM and len(self._diagram.views) > 1)
        self._show_clinic_name()

    def _show_clinic_name(self) -> None:
        """Home shows the clinic's name large; drawing tabs in the top bar take its place."""
        tabs_in_bar = self._diagram is not None and self.top_row.indexOf(self._diagram.tab_bar) >= 0
        self.clinic_label.setVisible(self.state.screen is not Screen.HOME
                                     and not (self.state.screen is Screen.DIAGRAM and tabs_in_bar))

    # -- staff ----------------------------------------------------------------
    def _title_of(self, item_id: str) -> str:
        item = self.content.get(item_id) if self.content is not None else None
        return item.title if item is not None else item_id

    def open_staff_gate(self) -> None:
        """The corner gesture: the PIN pad (with no PIN set: the first-run screen to choose one)."""
        if self.staff_panel.isVisible():
            return
        self.still_there.hide()
        if not self.in_session:  # from the attract screen: the idle reset must close it again
            self.idle.start()
        self.access.open()

    def _first_pin_saved(self, path: Path) -> None:
        self.config_path = path
        self.open_staff_panel()
        self.staff_panel.show_message(self.tr(
            "The staff PIN is set. From now on, hold the top-left corner for 3 seconds and enter it "
            "to open this panel."))

    def _exit_without_pin(self) -> None:
        self.shut_down()
        self.quit_app()

    def open_staff_panel(self) -> None:
        self.pin_pad.close_pad()
        self.staff_panel.open(self.languages, self.default_language)  # the start language

    def close_staff(self) -> None:
        self.pin_pad.close_pad()
        self.staff_panel.close_panel()
        if not self.in_session:
            self.idle.stop()  # back on the attract screen: nothing left to time out

    @property
    def staff_unlocked(self) -> bool:
        return self.staff_panel.isVisible()

    def staff_exit(self) -> None:
        if not self.staff_unlocked:
            return
        log.info("kiosk closed from the staff panel")
        self.shut_down()
        self.quit_app()

    def shut_down(self) -> None:
        """Close for good, even in kiosk mode (staff exit, Ctrl+C, systemctl stop): the usage
        database is closed with the window."""
        self._exit_allowed = True
        self.close()

    def staff_reload(self, language: str | None = None) -> bool:
        """Validate the content first; a set with problems is refused and the old one stays."""
        if not self.staff_unlocked or self._loader is None:
            return False
        language = language or self.language
        self._cache.clear()
        content, problems = self._load(language)
        if problems or content is None or not content.diagrams:
            for problem in problems:
                log.error("content problem (reload refused): %s", problem)
            self._refuse_reload(problems)
            return False
        reopen = self.staff_panel.isVisible()
        if not self._install_content(content, []):
            self._refuse_reload(self.problems_screen.problems)
            return False
        self.language = self.default_language = language
        self.reset_session("staff")
        if reopen:
            self.open_staff_panel()
        self.staff_panel.show_message(self.tr("Content reloaded: %1 pages.").replace(
            "%1", str(len(content.items))))
        return True

    def _refuse_reload(self, problems: list[Problem]) -> None:
        self.staff_panel.show_message(self.tr(
            "The new content has problems, so it was not loaded. The kiosk keeps showing the "
            "content it had. Fix these and reload:"), problems)

    def staff_set_language(self, language: str) -> None:
        if language == self.default_language == self.language and self.content is not None:
            self.staff_panel.mark_language(language)
            return
        if not self.staff_reload(language):
            self.staff_panel.mark_language(self.default_language)
            return
        self.staff_panel.mark_language(language)
        note = self.tr("Language at start: %1.").replace("%1", language.upper())
        if self.config_path is not None:
            try:
                from kiosk.domain.config import write_setting

                write_setting(self.config_path, "language", language)
                note += " " + self.tr("Saved in %1.").replace("%1", str(self.config_path))
            except Exception as exc:
                log.warning("could not save the language in %s: %s", self.config_path, exc)
                note += " " + self.tr("It could not be saved, so it lasts until the kiosk restarts.")
        self.staff_panel.show_message(note)

    def _configured_printer(self):
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        name = self.config.printer
        if not name or name not in QPrinterInfo.availablePrinterNames():
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(name)
        return printer

    def test_print(self) -> bool:
        if not self.staff_unlocked:
            return False
        if not self.config.printer:
            self.staff_panel.show_message(self.tr(
                "No printer is set. Add its name as “printer” in kiosk.toml."))
            return False
        printer = self.printer_factory()
        if printer is None:
            log.warning("test print: the printer %r was not found", self.config.printer)
            self.staff_panel.show_message(self.tr("The printer “%1” was not found.").replace(
                "%1", self.config.printer))
            return False
        from PySide6.QtGui import QTextDocument

        title = html.escape(self.config.clinic_name)
        line = self.tr("If you can read this, the kiosk can print the summaries patients take "
                       "to their doctor.")
        document = QTextDocument()
        document.setHtml(f"<h1>{title}</h1><p>{self.tr('Kiosk test page')}</p><p>{html.escape(line)}</p>")
        document.print_(printer)
        self.staff_panel.show_message(
            self.tr("A test page was sent to %1.").replace("%1", self.config.printer))
        return True


def _logo_pixmap(path: str, height: int) -> QPixmap | None:
    """The clinic's logo scaled to ``height``, or None (no logo, or it cannot be read)."""
    if not path:
        return None
    pixmap = QPixmap(path)
    if pixmap.isNull():
        log.warning("the logo %s could not be read", path)
        return None
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
