"""Keyboard and switch access for the whole window: a USB keypad or a switch interface
sends Tab, Shift+Tab, the arrow keys, Enter and Space, and nothing then needs a finger.

* Tab and the right/down arrows go to the next control, Shift+Tab and left/up to the
  previous one, around and around. The order is the reading order of the screen: the top
  bar, then the screen itself as its layouts place it (a row left to right, a column top to
  bottom, a grid row by row), then the bottom bar. An overlay on show (the PIN pad, the
  staff panel, "Still there?") keeps the keys to itself.
* Enter and Space press the control in focus. Inside a drawing the arrow keys move from
  region to region (:mod:`kiosk.ui.region_keys`); inside a page's text Tab visits its links;
  a slider keeps its own arrow keys.
* When a screen or an overlay changes under the keyboard, the focus goes to its first
  control (not the language button); when an overlay closes, back to where it was.
* The ring (:mod:`kiosk.ui.focus_ring`) shows only while the keyboard is in use: a touch
  or a click puts it away, so a finger never leaves a ring behind.
* Each key handled here, and each move of the focus by the keyboard, is activity for the
  idle timer (``activity``): keys used here never reach the window's other key filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QApplication,
    QGridLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QScrollArea,
    QScrollBar,
    QStackedWidget,
    QTextBrowser,
    QWidget,
)
from shiboken6 import isValid

from kiosk.ui import theme
from kiosk.ui.diagram_view import DiagramView
from kiosk.ui.focus_ring import FocusRing

_NEXT = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down})
_PREVIOUS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up})
_ENTER = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select})
_POINTER = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_BY_KEYS = frozenset({Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                      Qt.FocusReason.ShortcutFocusReason})
_CHORDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
           | Qt.KeyboardModifier.MetaModifier)
_WATCHED = _POINTER | {QEvent.Type.KeyPress, QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move,
                       QEvent.Type.Resize, QEvent.Type.FocusIn}
_SKIP_AT_START = "LanguageButton"  # a new screen starts on its own controls, not on this


# ----------------------------------------------------------------------------- order


def is_control(widget: QWidget) -> bool:
    """Something a patient can press, move, read through or choose in (its children are not
    controls). A scroll bar is not one: the keys scroll what they reach into view."""
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, (QAbstractButton, QAbstractSlider, DiagramView, QTextBrowser)) \
        or is_scroll_region(widget)


def is_scroll_region(widget: QWidget) -> bool:
    """A list of text longer than its box with nothing to press in it (a summary, the
    comparison): the keys reach it, so the arrow keys can scroll it."""
    if not isinstance(widget, QScrollArea):
        return False
    page = widget.widget()
    return page is not None and widget.verticalScrollBar().maximum() > 0 and not reading_order(page)


def _name_scroll_region(area: QScrollArea) -> None:
    """A scroll region without a name is named by the first words it shows."""
    if area.accessibleName():
        return
    for label in [area.widget(), *area.widget().findChildren(QLabel)]:
        if isinstance(label, QLabel) and label.text().strip():
            document = QTextDocument()
            if label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
                document.setHtml(label.text())
            else:
                document.setPlainText(label.text())
            area.setAccessibleName(" ".join(document.toPlainText().split())[:120])
            return


def scroll_area_of(widget: QWidget | None) -> QAbstractScrollArea | None:
    """The scroll region itself, or the scroll area ``widget`` sits in."""
    while widget is not None and not (isinstance(widget, QAbstractScrollArea)
                                      and not isinstance(widget, (QTextBrowser, DiagramView))):
        widget = widget.parentWidget()
    return widget


def scroll(widget: QWidget, forward: bool, page: bool = False) -> bool:
    """Scroll what ``widget`` is read in by a few lines (a page); False when already at its end."""
    area = scroll_area_of(widget)
    if area is None:
        return False
    bar = area.verticalScrollBar()
    step = bar.pageStep() * 4 // 5 if page else max(bar.singleStep(), theme.BODY_PX * 3)
    value = min(bar.maximum(), bar.value() + step) if forward else max(bar.minimum(), bar.value() - step)
    if value == bar.value():
        return False
    bar.setValue(value)
    return True


def reading_order(root: QWidget) -> list[QWidget]:
    """The visible, enabled controls under ``root`` in reading order (see the module)."""
    found: list[QWidget] = []
    seen: set[int] = set()

    def visit(widget: QWidget) -> None:
        if id(widget) in seen or not widget.isVisible():
            return
        seen.add(id(widget))
        if is_control(widget):
            if widget.isEnabled():
                found.append(widget)
                if isinstance(widget, QScrollArea):
                    _name_scroll_region(widget)
            return
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)
        for child in widget.children():  # widgets outside any layout (a scroll area's page)
            if isinstance(child, QWidget) and not child.isWindow():
                visit(child)

    def visit_layout(layout: QLayout) -> None:
        indexes = list(range(layout.count()))
        if isinstance(layout, QGridLayout):  # row by row, whatever order the cells were filled in
            indexes.sort(key=lambda i: layout.getItemPosition(i)[:2])
        for index in indexes:
            item = layout.itemAt(index)
            if (child := item.widget()) is not None:
                visit(child)
            elif (inner := item.layout()) is not None:
                visit_layout(inner)

    visit(root)
    return found


# ----------------------------------------------------------------------------- page links


def links(browser: QTextBrowser) -> list[tuple[int, int, str]]:
    """The links of a page's text: (start, end, target), in reading order."""
    found: list[tuple[int, int, str]] = []
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            form = fragment.charFormat()
            if fragment.isValid() and form.isAnchor() and form.anchorHref():
                start, end = fragment.position(), fragment.position() + fragment.length()
                if found and found[-1][1] == start and found[-1][2] == form.anchorHref():
                    found[-1] = (found[-1][0], end, found[-1][2])
                else:
                    found.append((start, end, form.anchorHref()))
            fragments += 1
        block = block.next()
    return found


def _link_in_focus(browser: QTextBrowser) -> tuple[int, int, str] | None:
    cursor = browser.textCursor()
    return next((link for link in links(browser)
                 if cursor.hasSelection() and (cursor.selectionStart(), cursor.selectionEnd()) == link[:2]),
                None)


def _focus_link(browser: QTextBrowser, link: tuple[int, int, str] | None) -> None:
    cursor = QTextCursor(browser.document())
    if link is not None:
        cursor.setPosition(link[0])
        cursor.setPosition(link[1], QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def _step_link(browser: QTextBrowser, forward: bool) -> bool:
    """Focus the next (previous) link of ``browser``; False when there is none left."""
    found = links(browser)
    current = _link_in_focus(browser)
    if current is None:
        return False
    index = found.index(current) + (1 if forward else -1)
    if not 0 <= index < len(found):
        return False
    _focus_link(browser, found[index])
    return True


def link_rect(browser: QTextBrowser) -> QRect | None:
    """Where the link in focus is, in ``browser``'s coordinates."""
    link = _link_in_focus(browser)
    if link is None:
        return None
    cursor = QTextCursor(browser.document())
    cursor.setPosition(link[0])
    start = browser.cursorRect(cursor)
    cursor.setPosition(link[1])
    end = browser.cursorRect(cursor)
    viewport = browser.viewport()
    if start.top() == end.top():
        rect = QRect(start.topLeft(), end.bottomRight())
    else:  # wrapped onto more lines: the lines it spans
        rect = QRect(0, start.top(), viewport.width(), end.bottom() - start.top())
    return QRect(viewport.mapTo(browser, rect.topLeft()), rect.size()).adjusted(-2, -2, 2, 2)


# ----------------------------------------------------------------------------- the window


class KeyboardAccess(QObject):
    """Installed once per window: moves the focus, presses controls, draws the ring."""

    activity = Signal()

    def __init__(self, window: QMainWindow, palette: theme.Palette, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.ring = FocusRing(window, palette)
        self.keyboard = False  # the keyboard was used last (not a finger or a mouse)
        self._layer: QWidget | None = None
        self._resume: dict[int, QWidget] = {}  # layer -> the control to go back to
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._settle_timer.timeout.connect(self.settle)
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(0)
        self._place_timer.timeout.connect(self.show_ring)
        self._region_view: DiagramView | None = None
        self._mine: QWidget | None = None  # the control the keys put the focus on last
        app = QApplication.instance()
        app.installEventFilter(self)
        app.focusChanged.connect(self._focus_changed)

    # -- where ----------------------------------------------------------------
    def layer(self) -> QWidget:
        """The overlay on top (PIN pad, staff panel, "Still there?"), else the window's content."""
        central = self.window.centralWidget()
        for child in reversed(self.window.children()):
            if (isinstance(child, QWidget) and child.isVisible() and not child.isWindow()
                    and child is not central and child is not self.ring
                    and child.geometry().contains(self.window.rect())):
                return child
        return central if central is not None else self.window  # no content yet: the window itself

    def controls(self) -> list[QWidget]:
        """The controls the keys reach now, in order."""
        found = reading_order(self.layer())
        # The screens make their buttons NoFocus, so that a window opening or a tap never puts
        # the focus (and a ring) anywhere; the controls on show take it from the keys once used.
        for widget in found:
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return found

    def focused(self) -> QWidget | None:
        """The control in focus in this window (also while the window is not the active one)."""
        widget = self.window.focusWidget()
        return widget if widget is not None and isValid(widget) else None

    def first_control(self, controls: list[QWidget]) -> QWidget | None:
        first = controls[0] if controls else None
        return next((c for c in controls if c.objectName() != _SKIP_AT_START), first)

    # -- moving ---------------------------------------------------------------
    def step(self, forward: bool) -> bool:
        """Tab / Shift+Tab: the next (previous) control, around and around."""
        controls = self.controls()
        if not controls:
            return False
        current = self.focused()
        if current in controls:
            if isinstance(current, QTextBrowser) and _step_link(current, forward):
                self.show_ring()
                return True
            index = (controls.index(current) + (1 if forward else -1)) % len(controls)
            target = controls[index]
        else:
            first = self.first_control(controls)  # not None: there are controls
            target = first if forward and first is not None else controls[-1]
        self.focus(target, forward)
        return True

    def focus(self, widget: QWidget, forward: bool = True,
              reason: Qt.FocusReason | None = None) -> None:
        """Give ``widget`` the focus as the keyboard would (scrolled into view, ring drawn)."""
        if isinstance(widget, QTextBrowser):
            found = links(widget)
            _focus_link(widget, (found[0] if forward else found[-1]) if found else None)
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None \
                    and parent.widget().isAncestorOf(widget):
                parent.ensureWidgetVisible(widget, theme.GAP, theme.GAP)
            parent = parent.parentWidget()
        if reason is None:
            reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        widget.setFocus(reason)
        self._mine = widget
        keys = getattr(widget, "region_keys", None)
        if keys is not None:
            keys.enter()
        self.show_ring()

    def show_ring(self) -> None:
        """The ring around the control in focus (inside a drawing: the region's outline)."""
        widget = self.focused()
        shown = self.keyboard and widget is not None and widget in self.controls()
        view = None  # a drawing whose regions the arrow keys visit
        if shown and isinstance(widget, DiagramView) and widget.region_keys is not None:
            view = widget
        if self._region_view is not None and isValid(self._region_view) and self._region_view is not view:
            self._region_view.region_keys.show_focus(False)
        self._region_view = view
        if view is not None:
            view.region_keys.show_focus(True)
            self.ring.follow(None)
        elif shown:
            part = link_rect(widget) if isinstance(widget, QTextBrowser) else None
            self.ring.follow(widget, part)
        else:
            self.ring.follow(None)

    def settle(self) -> None:
        """After a screen or an overlay changed: keep the focus on what is on show."""
        if not self.keyboard:
            return
        layer = self.layer()
        controls = reading_order(layer)
        current = self.focused()
        if layer is not self._layer:
            left = current.parentWidget() if current is not None else None
            while left is not None and left is not layer and left.parentWidget() is not self.window:
                left = left.parentWidget()
            if current is not None and left is not None and left is not layer:  # the layer the focus was on
                self._resume[id(left)] = current
            self._layer = layer
        if current in controls and current is self._mine:
            self.show_ring()
            return
        # The control in focus went away (Qt then moves the focus on by itself): start this
        # screen from its first control, or go back to where this overlay was left.
        back = self._resume.pop(id(layer), None)
        if back is None or not isValid(back) or back not in controls:
            back = self.first_control(controls)
        target = back
        if target is not None:
            self.focus(target, reason=Qt.FocusReason.OtherFocusReason)
        else:
            self.ring.follow(None)

    def pointer_used(self) -> None:
        """A touch or a click: the ring goes away until the keyboard is used again."""
        self.keyboard = False
        widget = self.focused()
        if widget is not None and is_control(widget):
            widget.clearFocus()
        self.show_ring()

    # -- keys -----------------------------------------------------------------
    def press(self, widget: QWidget) -> bool:
        """Enter on the control in focus: press it (a link: follow it)."""
        if isinstance(widget, QAbstractButton):
            widget.click()
        elif isinstance(widget, QTextBrowser) and _link_in_focus(widget) is not None:
            widget.anchorClicked.emit(QUrl(_link_in_focus(widget)[2]))
        elif isinstance(widget, (QTextBrowser, QScrollArea)):
            # A switch has no arrow keys: Enter reads on a page, and from the end starts again.
            if not scroll(widget, True, page=True):
                area = scroll_area_of(widget)
                if area is not None:
                    area.verticalScrollBar().setValue(area.verticalScrollBar().minimum())
            self._place_timer.start()
            return True
        else:
            return False
        self._settle_timer.start()  # what it did may have hidden it
        return True

    def _key(self, obj: QObject, event) -> bool:
        if event.modifiers() & _CHORDS:
            return False
        current = self.focused()
        if obj is not (current or self.window):
            return False  # already seen at the widget in focus (a key passed on to its parents)
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyboard = True
            forward = key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            handled = self.step(forward)
        elif key in _NEXT or key in _PREVIOUS:
            self.keyboard = True
            if (isinstance(current, QAbstractSlider) or getattr(current, "region_keys", None) is not None) \
                    and current in self.controls():
                self._place_timer.start()
                return False  # the slider and the drawing have their own arrow keys
            reading = isinstance(current, (QTextBrowser, QScrollArea)) and current in self.controls()
            vertical = key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            # Text longer than its box: up and down read on through it, then move on.
            handled = (reading and vertical and current is not None and scroll(current, key in _NEXT)) \
                or self.step(key in _NEXT)
            self._place_timer.start()
        elif key in _ENTER:
            handled = current is not None and current in self.controls() and self.press(current)
            if handled:
                self.keyboard = True
        else:
            if key == Qt.Key.Key_Space and current is not None:
                self.keyboard = True
                self._settle_timer.start()
            return False
        if handled:
            self.activity.emit()
        return handled

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind not in _WATCHED or not isValid(obj) or not isValid(self.window):
            return False  # (an object being deleted still gets its hide event)
        if kind == QEvent.Type.KeyPress:
            if isinstance(obj, QWidget) and obj.window() is self.window:
                return self._key(obj, event)
        elif kind in _POINTER:
            if self.keyboard and isinstance(obj, QWidget) and obj.window() is self.window:
                self.pointer_used()
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide):
            if isinstance(obj, QWidget) and obj is not self.ring and isinstance(
                    obj.parent(), (QStackedWidget, QMainWindow)) and obj.window() is self.window:
                self._settle_timer.start()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize):
            target = self.ring.target
            if (target is not None and isinstance(obj, QWidget) and obj is not self.ring and isValid(target)
                    and (obj is target or obj.isAncestorOf(target))):
                self._place_timer.start()
        elif (kind == QEvent.Type.FocusIn and event.reason() in _BY_KEYS and isinstance(obj, QWidget)
              and obj.window() is self.window):
            self.activity.emit()
        return False

    def _focus_changed(self, old, new) -> None:
        if self.keyboard:
            self._place_timer.start()

