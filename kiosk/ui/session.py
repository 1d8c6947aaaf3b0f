"""The visit's life: it begins, it is kept alive by touches, and it is wiped.

:class:`SessionController` owns the idle timer and its "Still there?" card. A visit begins on
a touch of the attract screen (or at once, for a composition that opens ready to use); it is
wiped after a quiet spell, after an error, after a staff reload, or when asked to
(:meth:`~SessionController.reset`: consult mode's "Next patient"). A visit begins on the
navigator's home state (the composition's first screen). Wiping runs the steps the other parts registered with
:meth:`~SessionController.on_reset` (the staff overlays, the screens, the language), each on
its own: if one fails, the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.domain.navigation import PROBLEMS, Navigator, NavState, Screen
from kiosk.domain.ui_words import UiWords
from kiosk.ui.clock import Clock
from kiosk.ui.crash import describe_error
from kiosk.ui.idle import IdleMonitor, StillThereOverlay

log = logging.getLogger(__name__)


class SessionHost(Protocol):
    """What the controller needs of the window it runs in."""

    navigator: Navigator
    language: str

    @property
    def content(self) -> object | None: ...

    def show_state(self) -> None: ...

    def begin_at(self, state: NavState) -> None: ...


class SessionController(QObject):
    began = Signal(str)  # a visit began, in this language
    sessionReset = Signal(str)  # why: "idle", "error", "staff" or "next"

    def __init__(self, host: SessionHost, window: QWidget, words: UiWords, idle_timeout: float,
                 idle_warning: float, clock: Clock, between_visits: NavState | None,
                 open_with_visit: bool, parent=None):
        """``between_visits``: the state shown while nobody is using the kiosk (None: a new
        visit begins at once). ``open_with_visit``: the first content shown begins a visit."""
        super().__init__(parent)
        self.host = host
        self.between_visits = between_visits
        self.open_with_visit = open_with_visit
        self.in_session = False
        self._steps: list[Callable[[], None]] = []
        self.idle = IdleMonitor(idle_timeout, idle_warning, window, clock=clock)
        self.still_there = StillThereOverlay(window, words)
        self.idle.warningStarted.connect(self.still_there.show_seconds)
        self.idle.countdown.connect(self.still_there.show_seconds)
        # Hide only after the tap that cancelled the warning has reached the overlay: hidden at
        # once, the tap would fall through to the button under it.
        card = self.still_there  # the context: a card deleted meanwhile is not touched
        self.idle.warningCancelled.connect(lambda: QTimer.singleShot(0, card, card.hide))
        self.idle.expired.connect(lambda: self.reset("idle"))
        self.still_there.keepRequested.connect(self.idle.poke)

    def on_reset(self, step: Callable[[], None]) -> None:
        """Run ``step`` whenever a visit is wiped (after the screen has left the visit)."""
        self._steps.append(step)

    def set_words(self, words: UiWords) -> None:
        self.still_there.set_words(words)

    def first_screen(self) -> Screen:
        """The screen that new content opens on (built before anything else is changed)."""
        if not self.open_with_visit and self.between_visits is not None:
            return self.between_visits.screen
        return self.host.navigator.home_state.screen

    def content_shown(self) -> None:
        """New content is on screen: wait for a visitor, begin a visit, or start over at home."""
        if not self.open_with_visit:
            self._between_visits()
        elif not self.in_session:
            self.begin()
        else:
            self.host.navigator.home()
            self.host.show_state()

    def begin(self) -> None:
        """Someone touched the attract screen (or a clinician opened the window)."""
        if self.host.content is None:
            return
        self.in_session = True
        self.began.emit(self.host.language)
        self.host.begin_at(self.host.navigator.home_state)  # the composition's first screen
        self.idle.start()

    def _between_visits(self) -> None:
        self.in_session = False
        self.idle.stop()
        if self.between_visits is not None:
            self.host.navigator.reset(self.between_visits)
            self.host.show_state()

    def reset(self, reason: str = "idle") -> None:
        """Forget the visit: answers, highlights, scroll positions, history, open overlays.

        The screen between visits comes first and the answers go first: if clearing one part
        fails, the others are still cleared and nothing of the visit stays in view.
        """
        if self.host.content is None:
            self.idle.stop()
            self.host.navigator.reset(PROBLEMS)
            self.host.show_state()
        else:
            self._between_visits()
        for step in (self.still_there.hide, *self._steps):
            try:
                step()
            except Exception as exc:  # log it and go on clearing the rest
                log.error("clearing the screen failed: %s", describe_error(type(exc), exc, exc.__traceback__))
        log.info("session reset (%s)", reason)
        self.sessionReset.emit(reason)
        if self.between_visits is None and self.host.content is not None:
            self.begin()  # no screen between visits: the next one starts now

    def recover(self) -> None:
        """After an unexpected error: a clean start."""
        self.reset("error")

    def watch_while_open(self) -> None:
        """An overlay (the staff PIN pad) opened between visits: the idle reset closes it again."""
        if not self.in_session:
            self.idle.start()

    def overlay_closed(self) -> None:
        if not self.in_session:
            self.idle.stop()  # back between visits: nothing left to time out
