"""The main window: top bar, screens, bottom bar, and navigation as explicit states.

Every screen change goes through :meth:`KioskWindow.navigate`; the window keeps the
history that Back walks and Home clears.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.domain.problems import Problem
from kiosk.ui import theme
from kiosk.ui.diagram_screen import DiagramScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.problems import ProblemsScreen

if TYPE_CHECKING:  # imported when first built: they are not needed for the first frame
    from kiosk.ui.animation_screen import AnimationScreen
    from kiosk.ui.questionnaire_screen import QuestionnaireScreen

log = logging.getLogger(__name__)

ContentLoader = Callable[[], tuple[ContentSet, list[Problem]]]


class Screen(enum.Enum):
    HOME = "home"
    DIAGRAM = "diagram"  # item_id: the region or page opened (None: nothing)
    ANIMATION = "animation"  # item_id: the condition played
    QUESTIONNAIRE = "questionnaire"
    PROBLEMS = "problems"


@dataclass(frozen=True)
class NavState:
    screen: Screen
    item_id: str | None = None


HOME = NavState(Screen.HOME)
WARM_UP_MS = 400  # build the other screens this long after start, once the first frame is up


class KioskWindow(QMainWindow):
    stateChanged = Signal(object)  # NavState

    def __init__(self, config: Config, content: ContentSet | None, problems: list[Problem],
                 loader: ContentLoader | None = None, parent=None):
        super().__init__(parent)
        self.config = config
        self.palette_ = theme.palette_for(config.accent_color)
        self._loader = loader
        self.content: ContentSet | None = None
        self.state = HOME
        self.history: list[NavState] = []
        self.setWindowTitle(config.clinic_name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        root = QWidget()
        root.setObjectName("KioskRoot")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar())
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_bottom_bar())
        self.setCentralWidget(root)

        self.problems_screen = ProblemsScreen()
        self.problems_screen.reloadRequested.connect(self.reload_content)
        self.stack.addWidget(self.problems_screen)
        self.home: HomeScreen | None = None
        # Built on first use (or just after the first frame), so the home screen shows fast.
        self._diagram: DiagramScreen | None = None
        self._animation: AnimationScreen | None = None
        self._questionnaire: QuestionnaireScreen | None = None
        self._install_content(content, problems)

    # -- building -------------------------------------------------------------
    def _build_top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("TopBar")
        bar.setFixedHeight(theme.TOP_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        self.clinic_label = QLabel(self.config.clinic_name)
        self.clinic_label.setObjectName("ClinicName")
        row.addWidget(self.clinic_label)
        row.addStretch(1)
        self.top_row = row  # screens may add their own controls here (the drawing tabs)
        return bar

    def _button(self, text: str, role: str | None = None) -> QPushButton:
        button = QPushButton(text)
        if role:
            button.setProperty("role", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _build_bottom_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("BottomBar")
        bar.setFixedHeight(theme.BOTTOM_BAR_HEIGHT)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.MARGIN, 0, theme.MARGIN, 0)
        row.setSpacing(theme.GAP * 2)
        self.home_button = self._button(self.tr("Home"))
        self.home_button.clicked.connect(self.go_home)
        self.back_button = self._button(self.tr("Back"))
        self.back_button.clicked.connect(self.go_back)
        self.action_button = self._button(self.tr("Which treatments could I discuss?"), "primary")
        self.action_button.clicked.connect(self._main_action)
        row.addWidget(self.home_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.action_button)
        self.bottom_bar = bar
        return bar

    def _install_content(self, content: ContentSet | None, problems: list[Problem]) -> None:
        if problems or content is None or not content.diagrams:
            for problem in problems:
                log.error("content problem: %s", problem)
            self.problems_screen.set_problems(problems)
            self.history.clear()
            self._apply(NavState(Screen.PROBLEMS))
            return
        for old in (self.home, self._diagram, self._animation, self._questionnaire):
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
        if self._diagram is not None:
            self._diagram.tab_bar.deleteLater()
        self._diagram = self._animation = self._questionnaire = None
        self.content = content
        self.home = HomeScreen(self.config, questionnaire=content.questionnaire is not None)
        self.home.exploreRequested.connect(lambda: self.navigate(NavState(Screen.DIAGRAM)))
        self.home.topicRequested.connect(lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
        self.home.questionnaireRequested.connect(self.open_questionnaire)
        self.stack.addWidget(self.home)
        self.history.clear()
        self._apply(HOME)
        QTimer.singleShot(WARM_UP_MS, self.build_screens)

    def build_screens(self) -> None:
        """Build every screen now (normally done in the background after the first frame)."""
        _ = self.diagram, self.animation, self.questionnaire

    @property
    def diagram(self) -> DiagramScreen | None:
        if self._diagram is None and self.content is not None:
            from kiosk.ui.condition_art import ANIMATIONS

            animated = {i for i in ANIMATIONS if self.content.get(i) is not None}
            self._diagram = DiagramScreen(self.content, self.config, self.palette_, animated_ids=animated)
            self._diagram.selectRequested.connect(self._on_select)
            self._diagram.animationRequested.connect(
                lambda i: self.navigate(NavState(Screen.ANIMATION, i)))
            self.stack.addWidget(self._diagram)
            self.top_row.addWidget(self._diagram.tab_bar)
            self._diagram.tab_bar.setVisible(self.state.screen is Screen.DIAGRAM)
        return self._diagram

    @property
    def animation(self) -> AnimationScreen | None:
        if self._animation is None and self.content is not None:
            from kiosk.ui.animation_screen import AnimationScreen

            self._animation = AnimationScreen(self.config.reduce_motion)
            self.stack.addWidget(self._animation)
        return self._animation

    @property
    def questionnaire(self) -> QuestionnaireScreen | None:
        content = self.content
        if self._questionnaire is None and content is not None and content.questionnaire is not None:
            from kiosk.ui.questionnaire_screen import QuestionnaireScreen

            body_map = next((d for d in content.diagrams if d.id == "hurts"), content.diagrams[0])
            self._questionnaire = QuestionnaireScreen(content.questionnaire, body_map, self.palette_,
                                                      reduce_motion=self.config.reduce_motion)
            self._questionnaire.topicRequested.connect(
                lambda i: self.navigate(NavState(Screen.DIAGRAM, i)))
            self._questionnaire.exitRequested.connect(self.go_home)
            self.stack.addWidget(self._questionnaire)
        return self._questionnaire

    # -- navigation -----------------------------------------------------------
    def navigate(self, state: NavState) -> None:
        if state == self.state or self.content is None:
            return
        self.history.append(self.state)
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
        elif state.screen is Screen.HOME and self.home is not None:
            self.stack.setCurrentWidget(self.home)
        elif state.screen is Screen.DIAGRAM and self.diagram is not None:
            self.diagram.show_item(state.item_id)
            self.stack.setCurrentWidget(self.diagram)
        elif state.screen is Screen.ANIMATION and self.animation is not None and self.content is not None:
            item = self.content.get(state.item_id or "")
            if self.animation.content_id != state.item_id and item is not None:
                self.animation.show_condition(item.id, item.title)
            self.stack.setCurrentWidget(self.animation)
        elif state.screen is Screen.QUESTIONNAIRE and self.questionnaire is not None:
            if self.questionnaire.session is None:
                self.questionnaire.start()
            self.stack.setCurrentWidget(self.questionnaire)
        if self._diagram is not None:
            self._diagram.tab_bar.setVisible(state.screen is Screen.DIAGRAM and len(self._diagram.views) > 1)
        # The questionnaire has its own Back and Start over on every question.
        own_bar = state.screen in (Screen.HOME, Screen.PROBLEMS, Screen.QUESTIONNAIRE)
        self.bottom_bar.setVisible(not own_bar)
        if self.content is not None and self.content.questionnaire is None:
            self.action_button.setText(self.tr("What is sciatica?"))
            self.action_button.setVisible(state != NavState(Screen.DIAGRAM, "sciatica"))
        self.stateChanged.emit(state)

    def reload_content(self) -> None:
        if self._loader is None:
            return
        content, problems = self._loader()
        self._install_content(content, problems)

    def finish_animations(self) -> None:
        if self._diagram is not None:
            self._diagram.finish_animations()
