"""The shell every kiosk window is made of: bars, screens, navigation, content and language.

:class:`ShellWindow` shows one navigation state at a time (:meth:`~ShellWindow.navigate`,
``go_back``, ``go_home``), builds each screen when it is first shown (through its
:class:`~kiosk.ui.screens.ScreenFactory`), owns the content on screen and its language, and
runs the session, the input guard and the lockdown that its :class:`Composition` asks for.
A composition (:mod:`kiosk.ui.shell` for the waiting room, :mod:`kiosk.ui.consult.window` for
a consult room) adds its own parts in :meth:`~ShellWindow.compose`, connects its screens in
:meth:`~ShellWindow.wire` and readies them in :meth:`~ShellWindow.prepare`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.navigation import HOME, PROBLEMS, Navigator, NavState, Screen
from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import UiWords, builtin_words
from kiosk.ui import theme
from kiosk.ui.chrome import Chrome
from kiosk.ui.clock import Clock, QtClock
from kiosk.ui.crash import describe_error
from kiosk.ui.focus import KeyboardAccess
from kiosk.ui.kiosk_lock import Lockdown
from kiosk.ui.language import capture_place, restore_place
from kiosk.ui.library import ContentLibrary, ContentLoader, showable
from kiosk.ui.lockdown import InputGuard
from kiosk.ui.preferences import DisplayButtons, Preferences, fit_top_bar, restyle
from kiosk.ui.problems import ProblemsScreen
from kiosk.ui.read_aloud import ReadAloud
from kiosk.ui.screens import Builder, ScreenContext, ScreenFactory
from kiosk.ui.session import SessionController
from kiosk.ui.widgets import plain_text, size_by_current_page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Composition:
    """Which screens a window offers and how its visits and lockdown behave."""

    screens: Mapping[Screen, Builder]
    between_visits: NavState | None  # shown while nobody uses it (None: the next visit starts at once)
    open_with_visit: bool  # the first content shown begins a visit (no waiting for a touch)
    idle_timeout: float  # seconds; 0: the visit is never wiped for quiet
    idle_warning: float
    locked: bool  # lockdown: no closing, no exit keys, full screen kept
    start: NavState = HOME  # where a visit begins, and where Home and an empty Back lead
    keyboard_access: bool = True  # Tab, the arrows, Enter and Space move a focus ring (else the
    # window's own shortcuts keep those keys)


class ShellWindow(QMainWindow):
    stateChanged = Signal(object)  # NavState, every time one is shown
    navigated = Signal(object, object)  # previous NavState, new NavState: the patient went somewhere
    languageSwitched = Signal(str)  # the patient's language button
    sessionReset = Signal(str)  # why: "idle", "error", "staff"...

    def __init__(self, config: Config, composition: Composition, content: ContentSet | None,
                 problems: list[Problem], loader: ContentLoader | None = None,
                 languages: list[str] | None = None, clock: Clock | None = None, parent=None):
        super().__init__(parent)
        self.config = config
        self.composition = composition
        self.clock = clock or QtClock()  # what the idle reset waits on (tests move a ManualClock)
        self.language = config.language
        self.default_language = config.language  # where the idle reset returns (staff may change it)
        self.languages = list(languages or [config.language])
        self.words: UiWords = builtin_words(config.language)
        self.preferences = Preferences(config, self)  # the patient's text size, contrast, motion
        self.palette_ = self.preferences.palette()
        restyle(self.palette_)  # the application in this window's palette (as create_app left it)
        self.library = ContentLibrary(loader)
        self.navigator = Navigator(home=composition.start)
        # exit(), not quit(): Qt 6 quit() first asks every window to close, which kiosk mode refuses.
        self.quit_app: Callable[[], None] = lambda: QApplication.exit(0)
        self.lockdown = Lockdown(composition.locked)
        self.setWindowTitle(config.clinic_name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._build_frame()
        self.session = SessionController(self, self, self.words, composition.idle_timeout,
                                         composition.idle_warning, self.clock, composition.between_visits,
                                         composition.open_with_visit, self)
        self.session.sessionReset.connect(self.sessionReset)
        self.idle, self.still_there = self.session.idle, self.session.still_there
        self.guard = InputGuard(self, composition.locked, parent=self, clock=self.clock)
        self.guard.activity.connect(self.idle.poke)
        self.guard.exitKey.connect(self._exit_key)  # a normal window acts on the exit keys
        self.keys: KeyboardAccess | None = None
        if composition.keyboard_access:
            self.keys = KeyboardAccess(self, self.palette_)  # Tab, arrows, Enter, Space; the focus ring
            self.keys.activity.connect(self.idle.poke)
        self.read_aloud.follow(self)  # stops on every screen change and the idle reset
        self.read_aloud.roomChanged.connect(self._place_tabs)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.guard)
        self.compose()
        self.session.on_reset(self.screens.reset_all)
        self.session.on_reset(self.preferences.reset)  # the clinic's text size and contrast again
        self.session.on_reset(self._back_to_default_language)
        self.install_content(content, problems)
        plain_text(self)
        self.preferences.changed.connect(self.restyle)

    def _build_frame(self) -> None:
        chrome = self.chrome = Chrome(self.config, self.words)
        self.top_bar, self.top_row, self.bottom_bar = chrome.top_bar, chrome.top_row, chrome.bottom_bar
        self.logo_label, self.clinic_label = chrome.logo_label, chrome.clinic_label
        self.language_button = chrome.language_button
        self.home_button, self.back_button = chrome.home_button, chrome.back_button
        self.action_button = chrome.action_button
        self.language_button.languageRequested.connect(self.switch_language)
        self.read_aloud = ReadAloud(self.config.read_aloud, self.palette_, self.words, self.top_bar)
        # shown where there is text to read, just before the language button
        self.top_row.insertWidget(self.top_row.indexOf(self.language_button), self.read_aloud.button)
        # "Larger text" and "High contrast" before them (the drawing tabs go in before these)
        self.display_buttons = DisplayButtons(self.preferences, self.top_bar)
        at = self.top_row.indexOf(self.read_aloud.button)
        self.top_row.insertWidget(at, self.display_buttons)
        self.top_row.insertSpacing(at + 1, theme.GAP)
        self.chrome.first_right = self.display_buttons
        self.home_button.clicked.connect(self.go_home)
        self.back_button.clicked.connect(self.go_back)
        root = QWidget()
        root.setObjectName("KioskRoot")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top_bar)
        self.stack = QStackedWidget()
        size_by_current_page(self.stack)
        column.addWidget(self.stack, 1)
        column.addWidget(self.bottom_bar)
        self.setCentralWidget(root)
        self.problems_screen = ProblemsScreen(self.words)
        self.problems_screen.reloadRequested.connect(self.reload_content)
        self.stack.addWidget(self.problems_screen)
        self.screens = ScreenFactory(self.stack, self._screen_context(),
                                     self.composition.screens, self)
        self.screens.screenBuilt.connect(self.wire)

    # -- for compositions ------------------------------------------------------
    def compose(self) -> None:
        """Add the composition's own parts (before the first content is shown)."""

    def wire(self, screen: Screen, widget) -> None:
        """Connect a screen the factory has just built."""

    def prepare(self, state: NavState, widget) -> None:
        """Make ``widget`` show ``state`` before it comes on screen."""

    def overlays(self) -> list[QWidget]:
        """Widgets that cover the whole window when shown."""
        return [self.still_there]

    def finish_animations(self) -> None:
        """Jump every running animation to its end (screenshots, tests)."""

    def escape(self) -> None:
        """Escape in a window that is not locked down: leave full screen, else go back."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.go_back()

    # -- content --------------------------------------------------------------
    @property
    def content(self) -> ContentSet | None:
        return self.screens.content

    def install_content(self, content: ContentSet | None, problems: list[Problem]) -> bool:
        """Show ``content``, or the problems screen listing ``problems``. False: not shown."""
        if showable(content, problems):
            try:
                self._use(content, self.session.first_screen())
                self.session.content_shown()
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
            self.navigator.reset(PROBLEMS)
            self.show_state()
        return False

    def _use(self, content: ContentSet, first: Screen) -> None:
        """New screens for ``content``: ``first`` is built now (a failure changes nothing)."""
        self.screens.use(content, first)
        self.library.keep(content)
        self.words = words = content.ui_words()
        self.chrome.set_words(words, self.languages)
        self.session.set_words(words)
        self.read_aloud.set_words(words)  # a language change stops the reading
        self.display_buttons.set_words(words)
        fit_top_bar(self)
        self.problems_screen.set_words(words)

    def reload_content(self) -> None:
        """Load the content again (from the problems screen: show whatever it finds)."""
        if not self.library.can_load:
            return
        self.library.forget()
        self.install_content(*self.library.load(self.language))

    # -- navigation -----------------------------------------------------------
    @property
    def state(self) -> NavState:
        return self.navigator.state

    @property
    def history(self) -> list[NavState]:
        return self.navigator.history

    def navigate(self, state: NavState) -> None:
        if self.content is None:
            return
        previous = self.navigator.state
        if self.navigator.navigate(state):
            self.navigated.emit(previous, state)
            self.show_state()

    def begin_at(self, state: NavState) -> None:
        """A visit begins at ``state``, with no history."""
        previous = self.navigator.state
        self.navigator.reset(state)
        self.navigated.emit(previous, state)
        self.show_state()

    def go_back(self) -> None:
        self.navigator.back()
        self.show_state()

    def go_home(self) -> None:
        """Start over: forget the history, every answer, and clear every drawing and panel."""
        self.navigator.home()
        self.screens.reset_all()
        self.show_state()

    def show_state(self) -> None:
        """Show the current state (building its screen the first time)."""
        state = self.navigator.state
        widget = self.problems_screen if state.screen is Screen.PROBLEMS else self.screens.get(state.screen)
        if widget is not None:
            self.prepare(state, widget)
            self.stack.setCurrentWidget(widget)
        has_questionnaire = self.content is None or self.content.questionnaire is not None
        self.chrome.show_for(state, self.words, has_questionnaire, self.screens.built(Screen.DIAGRAM))
        self.stateChanged.emit(state)

    # -- language -------------------------------------------------------------
    def content_in(self, language: str) -> ContentSet | None:
        return self.library.content_in(language)

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
        self.languageSwitched.emit(language)
        log.info("language switched to %s in %.0f ms", language, (time.perf_counter() - started) * 1000)
        return True

    def _use_language(self, content: ContentSet) -> bool:
        try:
            self._use(content, self.state.screen)
        except Exception as exc:  # the other language's screens could not be built: stay
            log.error("the '%s' screens cannot be shown: %s", content.language,
                      describe_error(type(exc), exc, exc.__traceback__))
            return False
        self.language = content.language
        return True

    def _back_to_default_language(self) -> None:
        """After a visit: the next patient meets the clinic's language."""
        if self.content is not None and self.language != self.default_language:
            default = self.content_in(self.default_language)
            if default is not None and self._use_language(default):
                self.show_state()

    # -- closing and lockdown -----------------------------------------------------
    def shutdown(self) -> None:
        """Close for good, even when locked down (staff exit, Ctrl+C, systemctl stop)."""
        self.lockdown.release()
        self.close()

    def closeEvent(self, event) -> None:
        if not self.lockdown.allows_close():
            event.ignore()  # only a deliberate shutdown() closes a locked kiosk
            return
        QApplication.instance().removeEventFilter(self.guard)
        self.idle.stop()
        self.read_aloud.close()  # the speech engine's process ends with the window
        super().closeEvent(event)

    def changeEvent(self, event) -> None:
        # Something (a window manager shortcut) took the kiosk out of full screen: go back.
        if event.type() == QEvent.Type.WindowStateChange and self.lockdown.should_restore_full_screen(self):
            QTimer.singleShot(0, self.showFullScreen)
        super().changeEvent(event)

    def _exit_key(self, key: int) -> None:
        """Not locked: Escape is :meth:`escape`; the others close."""
        if not self.isActiveWindow() and QApplication.activeWindow() is not None:
            return  # a key meant for another window of this app
        if key != Qt.Key.Key_Escape:
            self.close()
        else:
            self.escape()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for overlay in self.overlays():
            overlay.setGeometry(self.rect())
        self._place_tabs()

    def _place_tabs(self) -> None:
        """Lay out the top bar for the room there is (a composition may add its own tabs)."""
        fit_top_bar(self)  # words or icons only on the display buttons

    # -- the patient's display choices ------------------------------------------
    def _screen_context(self) -> ScreenContext:
        return ScreenContext(self.config, self.palette_, self.clock, self.preferences.reduce_motion)

    def restyle(self) -> None:
        """The patient's larger text or high contrast: the same screen, place and answers, restyled."""
        self.palette_ = self.preferences.palette()
        restyle(self.palette_)
        self.screens.context = self._screen_context()
        if self.content is not None and self.state.screen is not Screen.PROBLEMS:
            place = capture_place(self)
            if self._use_language(self.content):
                restore_place(self, place)
        self._place_tabs()
