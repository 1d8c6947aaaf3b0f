"""The anonymous usage counts, taken from what the parts announce (per day; never an answer).

:class:`UsageRecorder` listens: to the session (a visit began, a visit was wiped), to the
window (a screen or item opened, the language switched) and to each questionnaire screen the
factory builds (started, finished with its topics, stopped on an urgent answer). Nothing
else in the kiosk calls the counter, so a composition without a recorder counts nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.domain.content import ContentSet
from kiosk.domain.navigation import NavState, Screen

NOT_COUNTED = frozenset({Screen.ATTRACT, Screen.PROBLEMS})


class UsageRecorder(QObject):
    def __init__(self, counter, content: Callable[[], ContentSet | None], parent=None):
        """``counter``: a UsageCounter; ``content``: the content on screen now."""
        super().__init__(parent)
        self.counter = counter
        self._content = content

    def watch_session(self, session) -> None:
        session.began.connect(self._visit_began)
        session.sessionReset.connect(self._between_visits)

    def watch_window(self, window) -> None:
        window.navigated.connect(self._opened)
        window.languageSwitched.connect(lambda language: self._count("language", language))

    def watch_screens(self, factory) -> None:
        factory.screenBuilt.connect(self._screen_built)

    def _count(self, metric: str, key: str = "") -> None:
        self.counter.count(metric, key)

    def _visit_began(self, language: str) -> None:
        self._count("sessions")
        self._count("language", language)

    def _between_visits(self, _reason: str) -> None:
        self.counter.checkpoint()  # the quiet moment for the database's upkeep

    def _opened(self, previous: NavState, state: NavState) -> None:
        if state.screen in NOT_COUNTED:
            return
        if state.screen is not previous.screen:  # a screen opened, not a new item on it
            self._count("screen", state.screen.value)
        content = self._content()
        if state.screen is Screen.DIAGRAM and state.item_id and content is not None:
            if state.item_id in content.region_ids():
                self._count("region", state.item_id)
            elif content.get(state.item_id) is not None:
                self._count("page", state.item_id)

    def _screen_built(self, screen: Screen, widget) -> None:
        if screen is not Screen.QUESTIONNAIRE:
            return
        widget.begun.connect(lambda: self._count("questionnaire_started"))
        widget.urgentShown.connect(lambda level: self._count("urgent", level))
        widget.resultsShown.connect(self._results)

    def _results(self, categories: list) -> None:
        self._count("questionnaire_completed")
        for category in categories:
            self._count("suggested", category)
