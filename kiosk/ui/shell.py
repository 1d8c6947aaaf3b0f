"""The waiting-room kiosk: one composition of the shell's parts.

:class:`KioskWindow` is a :class:`~kiosk.ui.window.ShellWindow` (bars, screens built when
first shown, navigation, content and language, session, lockdown) with what the waiting room
adds: the attract screen between visitors, the staff controller behind the corner gesture
(:mod:`kiosk.ui.staff_controller`) and the anonymous usage counts
(:mod:`kiosk.ui.usage_recorder`, which only listens to signals). :func:`waiting_room` says
which parts it uses; :mod:`kiosk.ui.consult.window` (a consult room) makes its own choices
with the same parts.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.navigation import ATTRACT, HOME, NavState, Screen
from kiosk.domain.problems import Problem
from kiosk.ui import theme
from kiosk.ui.clock import Clock
from kiosk.ui.library import ContentLoader
from kiosk.ui.preferences import fit_top_bar
from kiosk.ui.screens import WAITING_ROOM
from kiosk.ui.staff_controller import StaffController
from kiosk.ui.usage_recorder import UsageRecorder
from kiosk.ui.window import Composition, ShellWindow

__all__ = ["ATTRACT", "HOME", "Composition", "ContentLoader", "KioskWindow", "NavState", "Screen",
           "waiting_room"]


def waiting_room(config: Config) -> Composition:
    """The attract screen between visitors and the idle reset; in kiosk mode the lockdown, in a
    normal window (a clinician's) a visit begins at once."""
    return Composition(WAITING_ROOM, ATTRACT, open_with_visit=not config.kiosk_mode,
                       idle_timeout=config.idle_timeout, idle_warning=config.idle_warning,
                       locked=config.kiosk_mode)


class KioskWindow(ShellWindow):
    def __init__(self, config: Config, content: ContentSet | None, problems: list[Problem],
                 loader: ContentLoader | None = None, counter=None, config_path: Path | None = None,
                 languages: list[str] | None = None, clock: Clock | None = None, parent=None):
        self.counter = counter  # a UsageCounter, or None: nothing is counted
        self._config_path = config_path
        super().__init__(config, waiting_room(config), content, problems, loader=loader,
                         languages=languages, clock=clock, parent=parent)

    def compose(self) -> None:
        self.action_button.clicked.connect(self._main_action)
        self.screens.screenDropped.connect(self._dropped)
        self.staff = StaffController(self, self.session, self.counter, self.palette_, self.config,
                                     self._config_path)
        self.access, self.pin_gate, self.pin_pad = self.staff.access, self.staff.pin_gate, self.staff.pin_pad
        self.staff_panel = self.staff.panel
        self.session.on_reset(self.staff.close)
        self.guard.cornerHeld.connect(self.staff.open_gate)
        self.recorder = None
        if self.counter is not None:
            self.recorder = UsageRecorder(self.counter, lambda: self.content, self)
            self.recorder.watch_session(self.session)
            self.recorder.watch_window(self)
            self.recorder.watch_screens(self.screens)

    def wire(self, screen: Screen, widget) -> None:
        if screen is Screen.HOME:
            widget.exploreRequested.connect(lambda: self.navigate(NavState(Screen.DIAGRAM)))
            widget.topicRequested.connect(lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
            widget.questionnaireRequested.connect(self.open_questionnaire)
        elif screen is Screen.ATTRACT:
            widget.touched.connect(self.session.begin)
        elif screen is Screen.DIAGRAM:
            widget.selectRequested.connect(lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
            widget.animationRequested.connect(lambda i: self.navigate(NavState(Screen.ANIMATION, i)))
            self._place_tabs()
        elif screen is Screen.QUESTIONNAIRE:
            widget.topicRequested.connect(lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
            widget.exitRequested.connect(self.go_home)
            widget.resize(self.stack.size())  # laid out for this window, not Qt's default

    def restyle(self) -> None:
        self.staff_panel.chart.palette_ = self.preferences.palette()  # the counts chart, too
        super().restyle()

    def prepare(self, state: NavState, widget) -> None:
        if state.screen is Screen.DIAGRAM:
            widget.show_item(state.item_id)
        elif state.screen is Screen.ANIMATION and self.content is not None:
            animation = self.content.animations.get(state.item_id or "")
            if widget.content_id != state.item_id and animation is not None:
                widget.show_animation(animation, self.content.language)
        elif state.screen is Screen.QUESTIONNAIRE and widget.session is None:
            widget.start()

    def _dropped(self, screen: Screen, widget) -> None:
        if screen is Screen.DIAGRAM:
            widget.tab_bar.deleteLater()  # it may live in the top bar, outside the screen

    def finish_animations(self) -> None:
        diagram, questionnaire = self.screens.diagram_screen(), self.screens.questionnaire_screen()
        if diagram is not None:
            diagram.finish_animations()
        if questionnaire is not None:
            questionnaire.finish_animations()

    def overlays(self) -> list:
        return [*super().overlays(), *self.staff.overlays]

    def _place_tabs(self) -> None:
        """The drawing tabs in the top bar or beside the drawing, for the room there is."""
        super()._place_tabs()
        diagram = self.screens.built(Screen.DIAGRAM)
        if diagram is not None:
            # the display buttons give up their words for tabs in the bar (fit_top_bar)
            reserved = (self.read_aloud.room_in_bar() + self.display_buttons.full_width(words=False)
                        + theme.GAP)
            self.chrome.place_tabs(diagram, self.width(), self.height(), self.state, reserved=reserved)
            fit_top_bar(self)  # again, once the tabs have left the bar: their room is free for words

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if event.isAccepted() and self.counter is not None:
            self.counter.close()  # the usage database is closed with the window

    def open_questionnaire(self) -> None:
        questionnaire = self.screens.questionnaire_screen(build=True)
        if questionnaire is None:
            return
        if questionnaire.session is None:
            questionnaire.start()
        self.navigate(NavState(Screen.QUESTIONNAIRE))

    def _main_action(self) -> None:
        if self.content is not None and self.content.questionnaire is not None:
            self.open_questionnaire()
        else:
            self.navigate(NavState(Screen.DIAGRAM, "sciatica"))

    # -- the screens built so far (None until first shown; build_screens() builds them all) ----
    @property
    def home(self):
        return self.screens.built(Screen.HOME)

    @property
    def attract(self):
        return self.screens.built(Screen.ATTRACT)

    @property
    def diagram(self):
        return self.screens.built(Screen.DIAGRAM)

    @property
    def animation(self):
        return self.screens.built(Screen.ANIMATION)

    @property
    def questionnaire(self):
        return self.screens.built(Screen.QUESTIONNAIRE)

    def build_screens(self) -> None:
        self.screens.build_all()

    # -- the session and the staff controller, by the window's older names ------------
    @property
    def in_session(self) -> bool:
        return self.session.in_session

    @property
    def config_path(self) -> Path | None:
        return self.staff.config_path

    def begin_session(self) -> None:
        self.session.begin()

    def reset_session(self, reason: str = "idle") -> None:
        self.session.reset(reason)

    def recover(self) -> None:
        """After an unexpected error: a clean start on the attract screen."""
        self.session.recover()

    def open_staff_gate(self) -> None:
        self.staff.open_gate()

    def open_staff_panel(self) -> None:
        self.staff.open_panel()

    def close_staff(self) -> None:
        self.staff.close()

    @property
    def staff_unlocked(self) -> bool:
        return self.staff.unlocked

    def staff_exit(self) -> None:
        self.staff.exit()

    def staff_reload(self, language: str | None = None) -> bool:
        return self.staff.reload(language)

    def staff_set_language(self, language: str) -> None:
        self.staff.set_language(language)

    def test_print(self) -> bool:
        return self.staff.test_print()

    def staff_consult(self) -> bool:
        return self.staff.consult()

    @property
    def switch_to_consult(self):
        return self.staff.switch_to_consult

    @switch_to_consult.setter
    def switch_to_consult(self, switch) -> None:
        self.staff.switch_to_consult = switch
