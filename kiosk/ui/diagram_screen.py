"""Diagram screen: the drawings on the left (about 60%), the explanation on the right.

Each drawing is a view the patient switches between with large tabs. A selection lights
up in every view where the same structure appears, so it carries across views.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
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
from kiosk.ui.region_keys import RegionKeys

# Preferred order of the built-in drawings; other drawings follow by file name.
VIEW_ORDER = ("back", "side", "front", "hurts", "axial")
PANEL_SHARE = 36  # per cent of the width the explanation keeps beside a column of tabs



class DiagramScreen(QWidget):
    """Renders a selection; the shell decides what is selected."""

    selectRequested = Signal(object)  # str | None: a region tapped or a page link followed
    animationRequested = Signal(str)  # an animation id: "See how it happens" / "See how it is done"

    def __init__(self, content: ContentSet, config: Config, palette: theme.Palette, parent=None,
                 reduce_motion: bool | None = None):
        super().__init__(parent)
        self.setObjectName("DiagramScreen")
        reduce_motion = config.reduce_motion if reduce_motion is None else reduce_motion
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
        self._tab_grid = QGridLayout(self.tab_bar)
        self._tab_grid.setContentsMargins(0, 0, 0, 0)
        self._tab_grid.setSpacing(theme.GAP)
        self.stack = QStackedWidget()
        for index, diagram in enumerate(diagrams):
            view = DiagramView(diagram, palette, reduce_motion=reduce_motion)
            view.regionTapped.connect(self._forward)
            RegionKeys(view, palette, self._region_name, self._labels.get(diagram.id, diagram.title),
                       words["access.drawing_hint"])
            self.views.append(view)
            self.stack.addWidget(view)
            tab = QPushButton(self._labels.get(diagram.id, diagram.title))
            tab.setProperty("role", "tab")
            tab.setCheckable(True)
            tab.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tab.setToolTip(diagram.title)
            self._tab_group.addButton(tab, index)
            self._tab_grid.addWidget(tab, 0, index)
            self.tabs.append(tab)
        self._tab_group.idClicked.connect(self.show_view)

        self.tab_bar.setVisible(len(self.views) > 1)

        offered = {page_id: [(a.id, a.words(content.language).button)
                             for a in content.animations_for(page_id)] for page_id in content.items}
        self.panel = ExplanationPanel(content, palette, reduce_motion=reduce_motion,
                                      disclosure=config.disclosure_in(content.language),
                                      animations={k: v for k, v in offered.items() if v})
        self.panel.navigateRequested.connect(self._forward)
        self.panel.animationRequested.connect(self.animationRequested)
        # Landscape: drawing left (60%), panel right; portrait: the panel below the drawing.
        # The tabs go in the top bar when they fit there, else here (see hold_tabs).
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(0)
        self._holding = False
        self._portrait: bool | None = None
        self._relayout()
        self._highlight: tuple[str, ...] = ()
        self.side: str | None = None  # the one side lit now, or None for both
        self.show_view(0)

    def hold_tabs(self) -> None:
        """Show the tabs on this screen: a column beside the drawing in landscape, rows
        above it in portrait."""
        self._holding = True
        self._portrait = None
        self._relayout()

    def release_tabs(self) -> None:
        """The tabs go to the top bar: one row."""
        self._holding = False
        self._grid.removeWidget(self.tab_bar)
        self._tab_grid.setContentsMargins(0, 0, 0, 0)
        self._arrange_tabs(len(self.tabs))
        self._portrait = None
        self._relayout()

    def tabs_row_width(self) -> int:
        """How wide the tabs are side by side in one row."""
        return sum(tab.sizeHint().width() for tab in self.tabs) + theme.GAP * (len(self.tabs) - 1)

    def _arrange_tabs(self, columns: int) -> None:
        for index, tab in enumerate(self.tabs):
            self._tab_grid.addWidget(tab, index // columns, index % columns)

    def _relayout(self) -> None:
        portrait = self.height() > self.width()
        grid = self._grid
        for index in range(3):
            grid.setRowStretch(index, 0)
            grid.setColumnStretch(index, 0)
            grid.setColumnMinimumWidth(index, 0)
        if portrait:
            if self._holding:
                widest = max((tab.sizeHint().width() for tab in self.tabs), default=1)
                room = self.width() - 2 * theme.MARGIN + theme.GAP
                self._arrange_tabs(max(1, min(len(self.tabs), room // (widest + theme.GAP))))
                self._tab_grid.setContentsMargins(theme.MARGIN, theme.GAP, theme.MARGIN, theme.GAP)
                grid.addWidget(self.tab_bar, 0, 0)
            grid.addWidget(self.stack, 1, 0)
            grid.addWidget(self.panel, 2, 0)
            grid.setRowStretch(1, 6)
            grid.setRowStretch(2, 4)
        else:
            column = 0
            if self._holding:
                self._arrange_tabs(1)
                self._tab_grid.setContentsMargins(theme.MARGIN, theme.GAP, 0, theme.GAP)
                grid.addWidget(self.tab_bar, 0, 0, Qt.AlignmentFlag.AlignTop)
                column = 1
            grid.addWidget(self.stack, 0, column)
            grid.addWidget(self.panel, 0, column + 1)
            grid.setColumnStretch(column, 6)
            grid.setColumnStretch(column + 1, 4)
            if self._holding:  # the tabs' column comes out of the drawing's share, not the words'
                grid.setColumnMinimumWidth(column + 1, self.width() * PANEL_SHARE // 100)
        self._portrait = portrait

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._holding or (self.height() > self.width()) != self._portrait:
            self._relayout()

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

    def _region_name(self, region_id: str) -> str | None:
        item = self._content.get(region_id)
        return item.title if item is not None else None

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
