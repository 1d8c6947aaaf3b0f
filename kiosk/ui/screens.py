"""The screen factory: each screen is built the first time it is shown, for the content shown.

A composition hands the factory one builder per screen it offers (:data:`WAITING_ROOM`
for the waiting-room kiosk, ``CONSULT_ROOM`` in :mod:`kiosk.ui.consult.window`). Nothing is
built up front except what :meth:`ScreenFactory.use`
is asked to show first (the attract or the home screen), so the first frame waits for one
screen only. :meth:`~ScreenFactory.get` builds a screen on demand; :meth:`~ScreenFactory.built`
only looks. Each new screen is announced with ``screenBuilt`` so that the parts that listen to
it (navigation, the usage counts, the session) connect their signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.navigation import Screen
from kiosk.ui import theme
from kiosk.ui.clock import Clock
from kiosk.ui.crash import describe_error
from kiosk.ui.home import HomeScreen
from kiosk.ui.widgets import plain_text

if TYPE_CHECKING:  # imported by their builders, when first needed
    from kiosk.ui.animation_screen import AnimationScreen
    from kiosk.ui.diagram_screen import DiagramScreen
    from kiosk.ui.questionnaire import QuestionnaireScreen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenContext:
    """What every builder may use besides the content."""

    config: Config
    palette: theme.Palette
    clock: Clock | None = None  # what animations play on (None: Qt's timers)
    reduce_motion: bool = False  # the visit's choice (the clinic's setting to start with)


Builder = Callable[[ContentSet, ScreenContext], QWidget | None]  # None: this content has no such screen


def build_home(content: ContentSet, context: ScreenContext) -> QWidget:
    return HomeScreen(context.config, content.ui_words(), questionnaire=content.questionnaire is not None)


def build_attract(content: ContentSet, context: ScreenContext) -> QWidget:
    from kiosk.ui.attract import AttractScreen

    art = next((d for d in content.diagrams if d.id == "back"), content.diagrams[0])
    return AttractScreen(context.config.clinic_name, art.base_svg, context.palette,
                         reduce_motion=context.reduce_motion, words=content.ui_words())


def build_diagram(content: ContentSet, context: ScreenContext) -> QWidget:
    from kiosk.ui.diagram_screen import DiagramScreen

    return DiagramScreen(content, context.config, context.palette, reduce_motion=context.reduce_motion)


def build_animation(content: ContentSet, context: ScreenContext) -> QWidget:
    from kiosk.ui.animation_screen import AnimationScreen

    return AnimationScreen(context.reduce_motion, content.ui_words(), palette=context.palette,
                           clock=context.clock)


def build_questionnaire(content: ContentSet, context: ScreenContext) -> QWidget | None:
    if content.questionnaire is None:
        return None
    from kiosk.ui.questionnaire import QuestionnaireScreen

    body_map = next((d for d in content.diagrams if d.id == "hurts"), content.diagrams[0])
    return QuestionnaireScreen(content.questionnaire, body_map.without_legend(), context.palette,
                               reduce_motion=context.reduce_motion,
                               printer_name=context.config.printer or None, pages=content.get)


WAITING_ROOM: Mapping[Screen, Builder] = {
    Screen.ATTRACT: build_attract,
    Screen.HOME: build_home,
    Screen.DIAGRAM: build_diagram,
    Screen.ANIMATION: build_animation,
    Screen.QUESTIONNAIRE: build_questionnaire,
}


class ScreenFactory(QObject):
    """Builds, keeps and drops the screens of one content set inside ``stack``."""

    screenBuilt = Signal(object, object)  # Screen, the new widget
    screenDropped = Signal(object, object)  # Screen, the widget about to be deleted

    def __init__(self, stack: QStackedWidget, context: ScreenContext,
                 builders: Mapping[Screen, Builder] = WAITING_ROOM, parent=None):
        super().__init__(parent)
        self.stack = stack
        self.context = context
        self.builders = dict(builders)
        self.content: ContentSet | None = None
        self._screens: dict[Screen, QWidget] = {}

    def offers(self, screen: Screen) -> bool:
        return screen in self.builders

    def use(self, content: ContentSet, first: Screen) -> None:
        """Switch to ``content``: its ``first`` screen is built now (if that fails, it raises and
        nothing changes); the old screens go and the others are built when first shown."""
        made = self._make(first, content) if self.offers(first) else None
        self.discard()
        self.content = content
        if made is not None:
            self._keep(first, made)

    def get(self, screen: Screen) -> QWidget | None:
        """The screen, built now if it was not yet (None: no content, or none of that kind)."""
        widget = self._screens.get(screen)
        if widget is None and self.content is not None and self.offers(screen):
            widget = self._make(screen, self.content)
            if widget is not None:
                self._keep(screen, widget)
        return widget

    def built(self, screen: Screen) -> QWidget | None:
        """The screen if it has been built (never builds)."""
        return self._screens.get(screen)

    # The waiting room's screens as what their builders make (None: not built, or not offered).
    # Each module is imported only once its screen exists, so looking costs no import.
    def diagram_screen(self, build: bool = False) -> DiagramScreen | None:
        widget = self.get(Screen.DIAGRAM) if build else self.built(Screen.DIAGRAM)
        if widget is None:
            return None
        from kiosk.ui.diagram_screen import DiagramScreen

        return widget if isinstance(widget, DiagramScreen) else None

    def animation_screen(self, build: bool = False) -> AnimationScreen | None:
        widget = self.get(Screen.ANIMATION) if build else self.built(Screen.ANIMATION)
        if widget is None:
            return None
        from kiosk.ui.animation_screen import AnimationScreen

        return widget if isinstance(widget, AnimationScreen) else None

    def questionnaire_screen(self, build: bool = False) -> QuestionnaireScreen | None:
        widget = self.get(Screen.QUESTIONNAIRE) if build else self.built(Screen.QUESTIONNAIRE)
        if widget is None:
            return None
        from kiosk.ui.questionnaire import QuestionnaireScreen

        return widget if isinstance(widget, QuestionnaireScreen) else None

    def built_screens(self) -> list[QWidget]:
        return list(self._screens.values())

    def build_all(self) -> None:
        for screen in self.builders:
            self.get(screen)

    def reset_all(self) -> None:
        """Clear every built screen that holds part of a visit: the answers first, then the
        highlights, scroll positions and animations. A failure is logged and the rest cleared."""
        order = sorted(self._screens, key=lambda screen: screen is not Screen.QUESTIONNAIRE)
        for screen in order:
            reset = getattr(self._screens[screen], "reset", None)
            if reset is None:
                continue
            try:
                reset()
            except Exception as exc:  # log it and go on clearing the rest
                log.error("clearing the screen failed: %s", describe_error(type(exc), exc, exc.__traceback__))

    def discard(self) -> None:
        """Drop every screen (a new content set or language comes)."""
        for screen, widget in self._screens.items():
            # Hidden and left to Qt: the stack forgets a page when Qt deletes it. (Taking it out
            # with removeWidget() first would hand the page to Python, and Python and Qt both
            # deleting parts of the same tree crashed the kiosk after a language switch.)
            widget.hide()
            self.screenDropped.emit(screen, widget)
            widget.deleteLater()
        self._screens.clear()
        self.content = None

    def _make(self, screen: Screen, content: ContentSet) -> QWidget | None:
        widget = self.builders[screen](content, self.context)
        if widget is not None:
            plain_text(widget)
        return widget

    def _keep(self, screen: Screen, widget: QWidget) -> None:
        self._screens[screen] = widget
        self.stack.addWidget(widget)
        self.screenBuilt.emit(screen, widget)
