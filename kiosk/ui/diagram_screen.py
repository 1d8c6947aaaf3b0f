"""Diagram screen: the drawing on the left (about 60%), the explanation on the right."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.domain.anatomy import highlight_ids
from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.panel import ExplanationPanel


class DiagramScreen(QWidget):
    """Renders a selection; the shell decides what is selected."""

    selectRequested = Signal(object)  # str | None: a region tapped or a page link followed

    def __init__(self, content: ContentSet, config: Config, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.setObjectName("DiagramScreen")
        self._content = content
        diagram = content.diagrams[0]
        self.view = DiagramView(diagram, palette, reduce_motion=config.reduce_motion)
        self.panel = ExplanationPanel(content, palette, reduce_motion=config.reduce_motion)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 6)
        layout.addWidget(self.panel, 4)
        self.view.regionTapped.connect(self._forward)
        self.panel.navigateRequested.connect(self._forward)

    def _forward(self, item_id) -> None:
        self.selectRequested.emit(item_id)

    def show_item(self, item_id: str | None) -> None:
        if item_id is None or self._content.get(item_id) is None:
            self.view.set_highlight(None, ())
            self.panel.show_item(None)
            return
        self.view.set_highlight(item_id, highlight_ids(self._content, item_id))
        self.panel.show_item(item_id)

    def finish_animations(self) -> None:
        self.view.finish_animations()
