"""Consult mode's screen: a clinician explains with the drawings, draws on them, and hands
out a sheet.

:class:`ConsultScreen` holds the bar of tools, the pen column, the picture tabs, one or two
panes (compare), the condition picker and the "?" sheet. The drawings (strokes) live in
memory only, one :class:`~kiosk.domain.annotations.Sketch` per picture, until the clinician
prints or saves the hand-out; :meth:`~ConsultScreen.reset` forgets them with the selection,
the steps and the zoom, and writes nothing. The window around it
(:class:`~kiosk.ui.consult.window.ConsultWindow`) runs that reset through its session
controller for "Next patient" and the idle reset.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.anatomy import highlight_ids, lit_side
from kiosk.domain.annotations import Sketch
from kiosk.domain.config import Config
from kiosk.domain.consult import CONDITION, HEALTHY, Step, condition_steps
from kiosk.domain.content import ContentSet
from kiosk.ui import theme
from kiosk.ui.consult.pane import Pane, ordered_diagrams
from kiosk.ui.consult.pen import ERASER, HIGHLIGHTER, MOVE, PEN, PenSettings
from kiosk.ui.consult.tools import PEN_NAMES, HelpSheet, PenColumn, Picker, tool_button


class ConsultScreen(QWidget):
    pictureChanged = Signal()  # a pane shows another picture, or compare went on or off
    nextPatientRequested = Signal()  # the button or Ctrl+N: the window wipes the visit

    def __init__(self, config: Config, content: ContentSet, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.setObjectName("ConsultScreen")
        self.config = config
        self.content = content
        self.words = words = content.ui_words()
        self.palette_ = palette
        self.settings = PenSettings()
        self.sketches: dict[str, Sketch] = {}
        self.selected: str | None = None
        self.steps: list[Step] = []
        self.step_index = -1
        self.view_names = {d.id: words[f"views.{d.id}"] if f"views.{d.id}" in words.texts else d.title
                           for d in ordered_diagrams(content)}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar())
        middle = QHBoxLayout()
        middle.setSpacing(theme.GAP // 2)
        self.pen_column = PenColumn(self.settings, words)
        self.pen_column.undo_button.clicked.connect(self.undo)
        self.pen_column.redo_button.clicked.connect(self.redo)
        self.pen_column.clear_button.clicked.connect(self.clear_drawing)
        self.pen_column.fit_button.clicked.connect(self.fit)
        middle.addWidget(self.pen_column)
        stage = QVBoxLayout()
        stage.setContentsMargins(0, theme.GAP // 2, theme.GAP // 2, theme.GAP // 2)
        stage.addLayout(self._build_tabs())
        self.panes = [Pane(content, self.palette_, self.settings, self.sketches, words) for _ in range(2)]
        panes_row = QHBoxLayout()
        panes_row.setSpacing(theme.GAP)
        for pane in self.panes:
            pane.regionTapped.connect(self.select)
            pane.activated.connect(lambda p=pane: self._activate(p))
            pane.pictureChanged.connect(self._picture_changed)
            panes_row.addWidget(pane, 1)
        self.panes[1].hide()
        self.active = self.panes[0]
        stage.addLayout(panes_row, 1)
        middle.addLayout(stage, 1)
        column.addLayout(middle, 1)
        self.picker = Picker(content, words, self.view_names, self)
        self.picker.conditionPicked.connect(self.start_condition)
        self.picker.pagePicked.connect(self.open_page)
        self.picker.pictureKeyPicked.connect(self.show_picture)
        self.help_sheet = HelpSheet(words, self)
        self._shortcuts()
        for pane in self.panes:
            for pen in [*(view.pen for view in pane.views), pane.board.pen]:
                pen.viewChanged.connect(self.pictureChanged)
        self._update()

    # -- building ---------------------------------------------------------------------------
    def _build_top_bar(self) -> QWidget:
        w = self.words
        bar = QWidget()
        bar.setObjectName("ConsultBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(theme.GAP, theme.GAP // 2, theme.GAP, theme.GAP // 2)
        row.setSpacing(theme.GAP // 2)
        self.conditions_button = tool_button(w["consult.conditions"])
        self.conditions_button.clicked.connect(self.open_picker)
        self.previous_button = tool_button("◀ " + w["consult.previous"])
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = tool_button(w["consult.next"] + " ▶")
        self.next_button.clicked.connect(self.next_step)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title_label = QLabel()
        self.title_label.setObjectName("ConsultTitle")
        self.step_label = QLabel()
        self.step_label.setObjectName("ConsultStep")
        self.step_label.setWordWrap(True)
        for label in (self.title_label, self.step_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        titles.addWidget(self.title_label)
        titles.addWidget(self.step_label)
        self.compare_button = tool_button(w["consult.compare"], True)
        self.compare_button.toggled.connect(self.set_compare)
        self.print_button = tool_button(w["consult.print"])
        self.print_button.clicked.connect(self.hand_out)
        self.next_patient_button = tool_button(w["consult.next_patient"])
        self.next_patient_button.setProperty("accent", "true")
        self.next_patient_button.clicked.connect(lambda: self.nextPatientRequested.emit())
        self.help_button = tool_button(w["consult.help"])
        self.help_button.clicked.connect(self.open_help)
        for widget in (self.conditions_button, self.previous_button, self.next_button):
            row.addWidget(widget)
        row.addSpacing(theme.GAP)
        row.addLayout(titles, 1)
        for widget in (self.compare_button, self.print_button, self.next_patient_button, self.help_button):
            row.addWidget(widget)
        return bar

    def _build_tabs(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.tabs: dict[str, QPushButton] = {}
        for diagram_id, name in self.view_names.items():
            button = tool_button(name, True)
            button.clicked.connect(lambda _=False, k=f"view:{diagram_id}": self.show_picture(k))
            row.addWidget(button)
            self.tabs[f"view:{diagram_id}"] = button
        self.message_label = QLabel()
        self.message_label.setObjectName("ConsultStep")
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.message_label, 1)
        return row

    def _shortcuts(self) -> None:
        keys: dict[str, Callable[[], object]] = {
            "P": lambda: self.pen_column.set_tool(PEN), "H": lambda: self.pen_column.set_tool(HIGHLIGHTER),
            "E": lambda: self.pen_column.set_tool(ERASER), "M": lambda: self.pen_column.set_tool(MOVE),
            "T": lambda: self.pen_column.set_size("thick" if self.settings.size == "thin" else "thin"),
            "Ctrl+Z": self.undo, "Ctrl+Y": self.redo, "Ctrl+Shift+Z": self.redo, "Delete": self.clear_drawing,
            "0": self.fit, "F": self.fit, "+": lambda: self.zoom(1.25), "=": lambda: self.zoom(1.25),
            "-": lambda: self.zoom(0.8), "C": self.open_picker, "Right": self.next_step,
            "Left": self.previous_step, "V": self.compare_button.toggle, "Space": self.active_play,
            "Ctrl+P": self.hand_out, "Ctrl+N": self.nextPatientRequested.emit, "?": self.open_help,
            "F1": self.open_help,
        }
        for index, name in enumerate(PEN_NAMES):
            keys[str(index + 1)] = partial(self.pen_column.set_colour, name)
        self.shortcuts = {}
        for sequence, action in keys.items():
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(action)
            self.shortcuts[sequence] = shortcut

    # -- pictures and selection -------------------------------------------------------------
    @property
    def compare(self) -> bool:
        return not self.panes[1].isHidden()

    def _activate(self, pane: Pane) -> None:
        if self.active is not pane:
            self.active = pane
            self._update()

    def show_picture(self, key: str, progress: float = 0.0) -> bool:
        return self.active.show_key(key, progress)

    def select(self, item_id: str | None) -> None:
        """Light ``item_id`` (a region or a page) on every drawing; None clears."""
        if item_id is not None and self.content.get(item_id) is None:
            item_id = None
        self.selected = item_id
        ids = highlight_ids(self.content, item_id) if item_id else ()
        side = lit_side(self.content, item_id) if item_id else None
        for pane in self.panes:
            pane.set_highlight(item_id, ids, side)
        self._update()

    def open_page(self, page_id: str) -> None:
        """A page from the picker: lit on a drawing that shows it."""
        self.steps, self.step_index = [], -1
        self.select(page_id)
        self._show_a_view_with(page_id)

    def _show_a_view_with(self, item_id: str) -> None:
        wanted = set(highlight_ids(self.content, item_id))
        current = self.active.current
        if hasattr(current, "diagram") and wanted & current.diagram.ids():
            return
        for view in self.active.views:
            if wanted & view.diagram.ids():
                self.show_picture(view.key)
                return
        if not hasattr(current, "diagram"):
            self.show_picture(self.active.views[0].key)

    def set_compare(self, on: bool) -> None:
        first, second = self.panes
        if on and second.isHidden():
            key = first.key
            if key.startswith("view:"):  # the next drawing beside this one
                keys = [v.key for v in first.views]
                key = keys[(keys.index(key) + 1) % len(keys)]
                second.show_key(key)
            else:  # the same animation: its first picture beside its last
                first.show_key(key, 0.0)
                second.show_key(key, 1.0)
            second.show()
            self.active = second
        elif not on:
            second.hide()
            self.active = first
        if self.compare_button.isChecked() != on:
            self.compare_button.setChecked(on)
        self._picture_changed()

    # -- steps ------------------------------------------------------------------------------
    def start_condition(self, condition_id: str) -> None:
        self.steps = condition_steps(self.content, condition_id)
        self.step_index = -1
        self.go_to_step(0)

    def go_to_step(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            return
        self.step_index = index
        step = self.steps[index]
        if step.animation_id is not None:
            self.select(step.item_id)
            self.show_picture(f"animation:{step.animation_id}", step.progress)
        else:
            self.select(step.item_id)
            if step.item_id is not None:
                self._show_a_view_with(step.item_id)
            elif step.kind == HEALTHY:
                self.show_picture(self.active.views[0].key)
        self._update()

    def next_step(self) -> None:
        self.go_to_step(self.step_index + 1)

    def previous_step(self) -> None:
        self.go_to_step(self.step_index - 1)

    # -- drawing ----------------------------------------------------------------------------
    def current_sketch(self) -> Sketch:
        return self.active.sketch_for(self.active.key)

    def undo(self) -> None:
        self.current_sketch().undo()

    def redo(self) -> None:
        self.current_sketch().redo()

    def clear_drawing(self) -> None:
        self.current_sketch().clear()

    def fit(self) -> None:
        self.active.current.pen.fit()

    def zoom(self, factor: float) -> None:
        self.active.current.pen.zoom_by(factor)

    def active_play(self) -> None:
        self.active.toggle_play()

    # -- overlays ---------------------------------------------------------------------------
    def open_picker(self) -> None:
        self.help_sheet.hide()
        self.picker.open()

    def open_help(self) -> None:
        self.picker.close_picker()
        self.help_sheet.open()

    def close_overlays(self) -> bool:
        """Close the picker and the "?" sheet; False if neither was open."""
        was_open = self.picker.isVisible() or self.help_sheet.isVisible()
        self.picker.close_picker()
        self.help_sheet.hide()
        return was_open

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for overlay in (self.picker, self.help_sheet):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    # -- hand-out and next patient ----------------------------------------------------------
    def hand_out(self) -> None:
        from kiosk.ui.consult.handout import hand_out_from_window

        self.show_message(hand_out_from_window(self))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def reset(self) -> None:
        """Forget everything of this consult: drawings, their history, selection, steps, zoom."""
        for sketch in self.sketches.values():
            sketch.forget()
        self.sketches.clear()
        self.steps, self.step_index = [], -1
        self.close_overlays()
        self.set_compare(False)
        for pane in self.panes:
            pane.reset()
        self.active = self.panes[0]
        self.select(None)
        self.message_label.clear()

    # -- words on screen --------------------------------------------------------------------
    def _picture_changed(self) -> None:
        self._update()
        self.pictureChanged.emit()

    def _update(self) -> None:
        w = self.words
        key = self.active.key
        for tab_key, button in self.tabs.items():
            button.setChecked(tab_key == key)
        for pane in self.panes:
            pane.setProperty("active", "true" if (pane is self.active and self.compare) else "false")
            pane.style().unpolish(pane)
            pane.style().polish(pane)
        item = self.content.get(self.selected) if self.selected else None
        if key.startswith("animation:"):
            animation = self.content.animations.get(key.partition(":")[2])
            title = animation.words(self.content.language).title if animation else ""
        elif item is not None:
            title = item.title
        else:
            title = self.view_names.get(key.partition(":")[2], "")
        if self.steps and 0 <= self.step_index < len(self.steps):
            step = self.steps[self.step_index]
            if step.kind == HEALTHY and step.animation_id is None:
                title = w["consult.healthy_title"]
            what = w[{HEALTHY: "consult.step_healthy", CONDITION: "consult.step_condition"}.get(
                step.kind, "consult.step_treatment")]
            self.step_label.setText(w.text("consult.step", number=self.step_index + 1,
                                           total=len(self.steps), what=what))
        else:
            self.step_label.setText(w["consult.zoom_hint"] if not self.selected else "")
        self.title_label.setText(title)
        self.previous_button.setEnabled(self.step_index > 0)
        self.next_button.setEnabled(0 <= self.step_index < len(self.steps) - 1)

    def handout_item(self) -> str | None:
        """The page the hand-out explains: what is selected, else the animation's page."""
        if self.selected:
            return self.selected
        key = self.active.key
        if key.startswith("animation:"):
            animation = self.content.animations.get(key.partition(":")[2])
            if animation is not None and animation.pages:
                return animation.pages[0]
        return None

    def finish_animations(self) -> None:
        for pane in self.panes:
            pane.pause()
