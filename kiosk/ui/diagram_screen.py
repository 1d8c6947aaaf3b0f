"""Diagram screen: the drawings on the left (about 60%), the explanation on the right.

Each drawing is a view the patient switches between with large tabs. A selection lights
up in every view where the same structure appears, so it carries across views.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from kiosk.domain.anatomy import highlight_ids, lit_side, owned_overlays
from kiosk.domain.config import Config
from kiosk.domain.content import ContentSet
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.panel import ExplanationPanel

# Preferred order of the built-in drawings; other drawings follow by file name.
VIEW_ORDER = ("back", "side", "front", "hurts", "axial")



class DiagramScreen(QWidget):
    """Renders a selection; the shell decides what is selected."""

    selectRequested = Signal(object)  # str | None: a region tapped or a page link followed
    animationRequested = Signal(str)  # an animation id: "See how it happens" / "See how it is done"

    def __init__(self, content: ContentSet, config: Config, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.setObjectName("DiagramScreen")
        self._content = content
        words = content.ui_words()
        self._labels = {view: words[f"views.{view}"] for view in VIEW_ORDER}
        diagrams = sorted(
            content.diagrams,
            key=lambda d: (VIEW_ORDER.index(d.id) if d.id in VIEW_ORDER else len(VIEW_ORDER), d.id),
        )
        self.views: list[DiagramView] = []
        self.tabs: list[QPushButton] = []
        self._tab_group = QButtonGroup(self)
        self._tab_group.setExclusive(True)
        # The tabs live in the window's top bar (the shell places `tab_bar` there), so the
        # drawing gets the full height and its labels stay at 24 px or more.
        self.tab_bar = QWidget()
        self.tab_bar.setObjectName("ViewTabs")
        tab_row = QHBoxLayout(self.tab_bar)
        tab_row.setContentsMargins(0, 0, 0, 0)
        tab_row.setSpacing(theme.GAP)
        self.stack = QStackedWidget()
        for index, diagram in enumerate(diagrams):
            view = DiagramView(diagram, palette, reduce_motion=config.reduce_motion)
            view.regionTapped.connect(self._forward)
            self.views.append(view)
            self.stack.addWidget(view)
            tab = QPushButton(self._labels.get(diagram.id, diagram.title))
            tab.setProperty("role", "tab")
            tab.setCheckable(True)
            tab.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tab.setToolTip(diagram.title)
            self._tab_group.addButton(tab, index)
            tab_row.addWidget(tab)
            self.tabs.append(tab)
        self._tab_group.idClicked.connect(self.show_view)

        self.tab_bar.setVisible(len(self.views) > 1)

        offered = {page_id: [(a.id, a.words(content.language).button)
                             for a in content.animations_for(page_id)] for page_id in content.items}
        self.panel = ExplanationPanel(content, palette, reduce_motion=config.reduce_motion,
                                      disclosure=config.disclosure,
                                      animations={k: v for k, v in offered.items() if v})
        self.panel.navigateRequested.connect(self._forward)
        self.panel.animationRequested.connect(self.animationRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 6)
        layout.addWidget(self.panel, 4)
        self._highlight: tuple[str, ...] = ()
        self.side: str | None = None  # the one side lit now, or None for both
        self.show_view(0)

    # -- views ------------------------------------------------------------------
    @property
    def view(self) -> DiagramView:
        """The drawing on screen now."""
        return self.views[self.stack.currentIndex()]

    def view_named(self, diagram_id: str) -> DiagramView:
        return next(v for v in self.views if v.diagram.id == diagram_id)

    def show_view(self, index: int) -> None:
        if not 0 <= index < len(self.views):
            return
        self.stack.setCurrentIndex(index)
        self.tabs[index].setChecked(True)

    def _forward(self, item_id) -> None:
        self.selectRequested.emit(item_id)

    # -- selection ----------------------------------------------------------------
    @property
    def highlighted(self) -> frozenset[str]:
        """Everything lit up, in any view (regions and overlays)."""
        return frozenset(self._highlight)

    def show_item(self, item_id: str | None) -> None:
        if item_id is None or self._content.get(item_id) is None:
            self._highlight = ()
            self.side = None
            for view in self.views:
                view.set_highlight(None, ())
            self.panel.show_item(None)
            return
        self._highlight = highlight_ids(self._content, item_id)
        self.side = lit_side(self._content, item_id)
        for view in self.views:
            view.set_highlight(item_id, self._highlight, self.side)
        self._ensure_visible(item_id)
        self.panel.show_item(item_id)

    def _ensure_visible(self, item_id: str) -> None:
        """Keep the drawing on screen if it shows what was opened, else switch to one that does.

        A region must be on screen itself or through an overlay of its own (a root's skin
        map, ``dermatome-S1`` for ``root-S1``); for a page (a condition, say), any of the parts
        it lights up will do.
        """
        is_region = any(item_id in view.diagram.regions for view in self.views)
        wanted = ({item_id, *owned_overlays(item_id, self._highlight)} if is_region
                  else set(self._highlight))
        if not wanted or wanted & self.view.diagram.ids():
            return
        for index, view in enumerate(self.views):
            if wanted & view.diagram.ids():
                self.show_view(index)
                return

    def reset(self) -> None:
        self.show_item(None)
        self.show_view(0)

    def finish_animations(self) -> None:
        for view in self.views:
            view.finish_animations()
