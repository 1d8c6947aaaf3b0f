"""Where the patient is and the way back: navigation states and their history, without Qt.

A :class:`NavState` names a screen and, for the drawings and the animations, the item shown
on it. The :class:`Navigator` keeps the current state and the history that Back walks:
``navigate`` goes forward, ``back`` steps back (to the home state when there is nothing left),
``home`` starts over and ``reset`` forgets the history for a state outside any visit (the
attract screen, the problems screen). It only keeps states; showing them is the window's job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Screen(enum.Enum):
    ATTRACT = "attract"  # between visitors: a calm loop inviting a touch
    HOME = "home"
    DIAGRAM = "diagram"  # item_id: the region or page opened (None: nothing)
    ANIMATION = "animation"  # item_id: the animation played
    QUESTIONNAIRE = "questionnaire"
    PROBLEMS = "problems"
    CONSULT = "consult"  # consult mode's one screen: the pictures, the pen and the steps


@dataclass(frozen=True)
class NavState:
    screen: Screen
    item_id: str | None = None


HOME = NavState(Screen.HOME)
ATTRACT = NavState(Screen.ATTRACT)
PROBLEMS = NavState(Screen.PROBLEMS)
CONSULT = NavState(Screen.CONSULT)


class Navigator:
    """The current state and the history of the states before it.

    ``unremembered`` screens never enter the history: Back from the first screen of a visit
    does not lead to the attract screen that came before it.
    """

    def __init__(self, home: NavState = HOME, start: NavState | None = None,
                 unremembered: frozenset[Screen] = frozenset({Screen.ATTRACT})):
        self.home_state = home
        self.state = start if start is not None else home
        self.history: list[NavState] = []
        self._unremembered = unremembered

    def navigate(self, state: NavState) -> bool:
        """Go to ``state``, remembering the current one. False when already there; a TypeError
        (and no change) for anything that is not a state."""
        if not isinstance(state, NavState):
            raise TypeError(f"not a navigation state: {type(state).__name__}")
        if state == self.state:
            return False
        if self.state.screen not in self._unremembered:
            self.history.append(self.state)
        self.state = state
        return True

    def back(self) -> NavState:
        """The state before this one (the home state when there is none); it is now current."""
        self.state = self.history.pop() if self.history else self.home_state
        return self.state

    def home(self) -> NavState:
        """Start over: the home state, with no history."""
        return self.reset(self.home_state)

    def reset(self, state: NavState) -> NavState:
        """Forget the history and stand at ``state``."""
        self.history.clear()
        self.state = state
        return state

    def can_go_back(self) -> bool:
        return bool(self.history)
