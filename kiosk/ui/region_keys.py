"""Keyboard and switch access to the regions of one drawing.

A :class:`~kiosk.ui.diagram_view.DiagramView` is one control for the Tab key; inside it the
arrow keys step from region to region (in :func:`kiosk.domain.region_order.reading_order`,
around and around), Home and End go to the first and the last, and Enter or Space selects
the region, exactly as a tap on it does. The region in focus is outlined in the drawing
itself (a thick ring in the theme's focus colours, drawn above everything else), and the
view's accessible name becomes that region's name, so a screen reader says what is in focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from kiosk.domain.region_order import reading_order
from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView, region_path
from kiosk.ui.focus_ring import RING_PX, ring_colours

_PREVIOUS = (Qt.Key.Key_Left, Qt.Key.Key_Up)
_NEXT = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_SELECT = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select)


class FocusOutline(QGraphicsPathItem):
    """The region in focus: the theme's focus ring between two light bands, the same
    thickness on screen at any zoom (cosmetic pens), above every other item."""

    def __init__(self, palette: theme.Palette):
        super().__init__()
        ring, halo = ring_colours(palette)
        self._ring, self._halo = QColor(ring), QColor(halo)
        self.setZValue(10_000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresParentOpacity, True)
        self.hide()

    def boundingRect(self) -> QRectF:
        # The pens are cosmetic (pixels), so leave generous room in scene units.
        scale = 1.0
        scene = self.scene()
        if scene is not None and scene.views():
            scale = max(scene.views()[0].transform().m11(), 0.05)
        pad = (RING_PX + 8) / scale
        return self.path().boundingRect().adjusted(-pad, -pad, pad, pad)

    def paint(self, painter, option, widget=None) -> None:
        for colour, width in ((self._halo, RING_PX + 6), (self._ring, RING_PX)):
            pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path())


class RegionKeys(QObject):
    """Arrow keys over the regions of ``view``.

    ``name_of(region_id)`` gives a region's name in the patient's language, or None for a
    region the keys skip (the body map offers only the places the question asks about).
    ``label`` names the drawing; ``hint`` says how to use the keys; ``describe`` (optional)
    adds what is chosen so far to the accessible description.
    """

    focusedChanged = Signal(object)  # str | None

    def __init__(self, view: DiagramView, palette: theme.Palette, name_of: Callable[[str], str | None],
                 label: str | Callable[[], str] = "", hint: str = "",
                 describe: Callable[[], str] | None = None):
        super().__init__(view)
        self.view = view
        self.name_of = name_of
        self.label = label
        self.hint = hint
        self.describe = describe
        self.focused: str | None = None
        self.outline = FocusOutline(palette)
        view.scene().addItem(self.outline)
        view.region_keys = self  # found by the window's keyboard access
        view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        view.installEventFilter(self)
        self._announce()

    # -- order ------------------------------------------------------------------
    def order(self) -> list[str]:
        """The regions the arrow keys visit, in order."""
        regions = self.view.diagram.regions
        return [rid for rid in reading_order(regions.values()) if self.name_of(rid)]

    def focus_region(self, region_id: str | None) -> None:
        """Put the keyboard focus on ``region_id`` (None: on no region)."""
        if region_id is not None and region_id not in self.view.diagram.regions:
            region_id = None
        if region_id != self.focused:
            self.focused = region_id
            if region_id is not None:
                self.outline.setPath(region_path(self.view.diagram.regions[region_id]))
            self.focusedChanged.emit(region_id)
        self._announce()
        self.show_focus(self.view.hasFocus() or self.view.window().focusWidget() is self.view)

    def step(self, forward: bool) -> None:
        order = self.order()
        if not order:
            self.focus_region(None)
            return
        if self.focused not in order:
            self.focus_region(order[0] if forward else order[-1])
            return
        index = order.index(self.focused) + (1 if forward else -1)
        self.focus_region(order[index % len(order)])

    def enter(self) -> None:
        """The view got the focus: start at the region selected, else where it was, else first."""
        order = self.order()
        if self.focused in order:
            self.focus_region(self.focused)
        elif self.view.selected in order:
            self.focus_region(self.view.selected)
        else:
            self.focus_region(order[0] if order else None)

    def select(self) -> None:
        """Enter or Space: what a tap on the region does."""
        if self.focused is not None and self.focused in self.order():
            self.view.regionTapped.emit(self.focused)
            self._announce()

    def show_focus(self, shown: bool) -> None:
        self.outline.setVisible(shown and self.focused is not None)

    # -- accessibility -----------------------------------------------------------
    def _announce(self) -> None:
        view = self.view
        name = self.name_of(self.focused) if self.focused is not None else None
        label = self.label() if callable(self.label) else self.label
        full = f"{label}: {name}" if name and label else (name or label)
        description = " ".join(t for t in (self.describe() if self.describe else "", self.hint) if t)
        changed = full != view.accessibleName()
        view.setAccessibleName(full)
        view.setAccessibleDescription(description)
        if changed and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(view, QAccessible.Event.NameChanged))

    # -- events --------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.enter()
        elif kind == QEvent.Type.FocusOut:
            self.show_focus(False)
        elif kind == QEvent.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            key = event.key()
            if key in _PREVIOUS or key in _NEXT:
                self.step(key in _NEXT)
            elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                order = self.order()
                if order:
                    self.focus_region(order[0] if key == Qt.Key.Key_Home else order[-1])
            elif key in _SELECT:
                if self.focused is None:
                    self.enter()
                self.select()
            else:
                return False
            return True
        return False
