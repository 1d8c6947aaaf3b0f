"""The body-map question: the shared "Where it hurts" drawing on the left, the question and
the places chosen on the right. Taps toggle places; *Next* gives them as the answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.diagrams import Diagram
from kiosk.domain.questionnaire import Question
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.questionnaire.common import (
    ICON_GAP,
    ICON_PX,
    AnswerButton,
    Words,
    flip,
    kinetic_scroll,
    label,
    mark_icon,
)
from kiosk.ui.questionnaire.question_pages import QuestionPage
from kiosk.ui.region_keys import RegionKeys
from kiosk.ui.widgets import touch_button


class BodyMapPage(QuestionPage):
    """``areas`` is the set of places tapped so far for the question on screen (not yet an
    answer: it becomes one with *Next*)."""

    types = ("body_map",)

    def __init__(self, words: Words, palette: theme.Palette, reduce_motion: bool, diagram: Diagram,
                 parent=None):
        super().__init__(words, palette, reduce_motion, parent)
        self._diagram = diagram
        self._box = mark_icon(palette, "box")
        self.areas: set[str] = set()
        split_widget = QWidget()
        self._split = QHBoxLayout(split_widget)
        self._split.setContentsMargins(32, 20, 0, 0)
        self._split.setSpacing(0)
        self.view = DiagramView(diagram, palette, reduce_motion)
        self.view.regionTapped.connect(self._on_region)
        self._split.addWidget(self.view, 55)

        side = QFrame()
        side.setObjectName("QSidePanel")
        side_outer = QVBoxLayout(side)
        side_outer.setContentsMargins(0, 0, 0, 0)
        side_outer.setSpacing(0)
        side_body = QWidget()
        side_body.setObjectName("QSideBody")
        column = QVBoxLayout(side_body)
        column.setContentsMargins(48, 32, 40, 16)
        column.setSpacing(theme.GAP)
        column.addWidget(self.header)
        column.addSpacing(16)
        self.chosen_label = label("QChosen")
        column.addWidget(self.chosen_label)
        column.addSpacing(8)
        more = words.ui("more_places")
        self.more_places_label = label("QuestionHelp", more)
        column.addWidget(self.more_places_label)
        self._extra_grid = QGridLayout()
        self._extra_grid.setHorizontalSpacing(theme.GAP)
        self._extra_grid.setVerticalSpacing(12)
        column.addLayout(self._extra_grid)
        self.extra_buttons: list[AnswerButton] = []
        column.addStretch(1)
        # The list scrolls only if a drawing lacks many areas (then they are buttons here).
        side_outer.addWidget(kinetic_scroll("QSideScroll", side_body), 1)
        clear_row = QHBoxLayout()
        clear_row.setContentsMargins(48, 8, 40, 24)
        self.clear_button = touch_button(words.ui("clear"))
        self.clear_button.clicked.connect(self.clear_areas)
        clear_row.addWidget(self.clear_button)
        clear_row.addStretch(1)
        side_outer.addLayout(clear_row)
        self._split.addWidget(side, 45)
        self.body.addWidget(split_widget, 1)
        RegionKeys(self.view, palette, self._area_name, lambda: self.header.text.text(),
                   describe=lambda: self.chosen_label.text())

    def help_text(self, question: Question) -> str:
        return super().help_text(question) or self.words.ui("body_map_hint")

    def fill(self, question: Question, kept: Any) -> None:
        self.areas = {a for a in (kept or ()) if a in question.options}
        in_drawing = self._diagram.ids()
        extras = [o for o in question.options if o not in in_drawing]
        while len(self.extra_buttons) < len(extras):
            button = AnswerButton()
            button.setIcon(self._box)
            button.setIconSize(QSize(ICON_PX + ICON_GAP, ICON_PX))
            button.setProperty("align", "left")
            button.setProperty("variant", "compact")
            button.clicked.connect(lambda _=False, b=button: self._toggle(b.value))
            self.extra_buttons.append(button)
        for button in self.extra_buttons:
            self._extra_grid.removeWidget(button)
            button.hide()
        for index, option in enumerate(extras):
            button = self.extra_buttons[index]
            button.value = option
            button.set_label(self.words.texts.option(question.id, option))
            self._extra_grid.addWidget(button, index // 2, index % 2)
            button.show()
        self.more_places_label.setVisible(bool(extras))
        self._refresh()

    def answer_buttons(self) -> list[AnswerButton]:
        return [b for b in self.extra_buttons if not b.isHidden()]

    def uses_next(self) -> bool:
        return True

    def pending(self) -> Any:
        if self.question is None or not self.areas:
            return None
        return [o for o in self.question.options if o in self.areas]

    def clear_areas(self) -> None:
        self.areas.clear()
        self._refresh()

    def clear(self) -> None:
        super().clear()
        self.areas.clear()
        self.view.set_highlight(None, ())
        self.chosen_label.clear()

    def finish_animations(self) -> None:
        super().finish_animations()
        self.view.finish_animations()

    def fit(self, size: QSize) -> None:
        super().fit(size)
        flip(self._split, size.width())
        across = self._split.direction() == self._split.Direction.LeftToRight
        self._split.setStretch(0, 55 if across else 62)  # the drawing gets more of a tall screen
        self._split.setStretch(1, 45 if across else 38)

    def _area_name(self, region_id: str) -> str | None:
        """A place this question offers, in the patient's words (the keys skip the others)."""
        if self.question is None or region_id not in self.question.options:
            return None
        return self.words.texts.option(self.question.id, region_id)

    def _on_region(self, region_id: str | None) -> None:
        if self.question is not None and region_id in self.question.options:
            self._toggle(region_id)

    def _toggle(self, area: str) -> None:
        if self.question is None:
            return
        if area in self.areas:
            self.areas.discard(area)
        else:
            self.areas.add(area)
        self._refresh()

    def _refresh(self) -> None:
        self.view.set_highlight(None, sorted(self.areas))
        for button in self.extra_buttons:
            button.setChecked(button.value in self.areas and not button.isHidden())
        question = self.question
        if self.areas and question is not None:
            names = [self.words.texts.option(question.id, o) for o in question.options if o in self.areas]
            chose = self.words.ui("you_chose")
            self.chosen_label.setText(f"{chose} {', '.join(names)}")
        else:
            self.chosen_label.setText(self.words.ui("nothing_chosen"))
        self.clear_button.setEnabled(bool(self.areas))
        self.changed.emit()
