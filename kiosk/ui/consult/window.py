"""Consult mode: the second composition of the shell's parts.

:class:`ConsultWindow` is a :class:`~kiosk.ui.window.ShellWindow` like the waiting-room
kiosk, with other choices (:func:`consult_room`): one screen, :class:`ConsultScreen`, built
by the screen factory; no attract screen (a visit begins at once and begins again after
each reset); no lockdown; the idle reset only when ``consult_idle_timeout`` is set; no usage
recorder and no staff controller (nothing is counted). "Next patient" is the session
controller's reset: the screen forgets its drawings, selection and steps, and nothing is
written.

The window answers for its screen (``window.active``, ``window.undo()``...; see
:data:`FORWARDED`), so the command line, the hand-out and the mirror use either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.navigation import CONSULT, NavState, Screen
from kiosk.domain.problems import Problem
from kiosk.ui.clock import Clock
from kiosk.ui.consult.screen import ConsultScreen
from kiosk.ui.library import ContentLoader
from kiosk.ui.screens import Builder, ScreenContext
from kiosk.ui.window import Composition, ShellWindow

if TYPE_CHECKING:
    from kiosk.ui.consult.mirror import MirrorWindow


def build_consult(content: ContentSet, context: ScreenContext) -> ConsultScreen | None:
    if not content.diagrams:
        return None
    return ConsultScreen(context.config, content, context.palette)


CONSULT_ROOM: Mapping[Screen, Builder] = {Screen.CONSULT: build_consult}

# What the window answers for its consult screen.
FORWARDED = frozenset({
    "active", "panes", "compare", "sketches", "settings", "selected", "steps", "step_index", "view_names",
    "pen_column", "picker", "help_sheet", "shortcuts", "tabs", "conditions_button", "previous_button",
    "next_button", "compare_button", "print_button", "next_patient_button", "help_button", "title_label",
    "step_label", "message_label", "show_picture", "select", "open_page", "set_compare", "start_condition",
    "go_to_step", "next_step", "previous_step", "current_sketch", "undo", "redo", "clear_drawing", "fit",
    "zoom", "active_play", "open_picker", "open_help", "close_overlays", "hand_out", "show_message",
    "handout_item",
})


def consult_room(config: Config) -> Composition:
    """No attract screen, no lockdown, the consult screen at once; the idle reset (with its
    "Still there?" notice) only when ``consult_idle_timeout`` is set."""
    return Composition(CONSULT_ROOM, between_visits=None, open_with_visit=True,
                       idle_timeout=config.consult_idle_timeout, idle_warning=config.idle_warning,
                       locked=False, start=CONSULT, keyboard_access=False)


class ConsultWindow(ShellWindow):
    pictureChanged = Signal()  # the screen shows another picture, or compare went on or off

    def __init__(self, config: Config, content: ContentSet | None, problems: list[Problem] | None = None,
                 loader: ContentLoader | None = None, languages: list[str] | None = None,
                 clock: Clock | None = None, parent=None):
        super().__init__(config, consult_room(config), content, list(problems or []), loader=loader,
                         languages=languages, clock=clock, parent=parent)
        self.mirror: MirrorWindow | None = None  # the patient's screen, if one was opened

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if event.isAccepted() and self.mirror is not None:
            self.mirror.close()  # the patient's screen goes with the clinician's window

    @property
    def consult(self) -> ConsultScreen | None:
        """The consult screen (None while the problems screen shows instead)."""
        screen = self.screens.built(Screen.CONSULT)
        return screen if isinstance(screen, ConsultScreen) else None

    def wire(self, screen: Screen, widget) -> None:
        if screen is Screen.CONSULT:
            widget.nextPatientRequested.connect(self.next_patient)
            widget.pictureChanged.connect(self.pictureChanged)
            widget.resize(self.stack.size())

    def prepare(self, state: NavState, widget) -> None:
        if state.screen is Screen.CONSULT:
            self.pictureChanged.emit()  # a new screen (after a reload): the mirror follows it

    def next_patient(self) -> None:
        """Wipe the consult (drawings, selection, steps, zoom) as the idle reset does; write nothing."""
        self.session.reset("next")

    def escape(self) -> None:
        """Escape closes the picker or the "?" sheet first."""
        screen = self.consult
        if screen is None or not screen.close_overlays():
            super().escape()

    def finish_animations(self) -> None:
        screen = self.consult
        if screen is not None:
            for pane in screen.panes:
                pane.pause()

    def __getattr__(self, name: str):
        if name in FORWARDED:
            screen = self.screens.built(Screen.CONSULT)
            if screen is not None:
                return getattr(screen, name)
            raise AttributeError(f"{name}: no consult screen (the content could not be shown)")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
