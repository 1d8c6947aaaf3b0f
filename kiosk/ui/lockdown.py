"""One application-wide event filter: it notices people, guards the keys, and finds staff.

* Every touch, click, key or wheel turn is *activity* (the idle timer restarts).
* In kiosk mode the keys that would close or leave the app (Escape, Alt+F4, Ctrl+Q,
  Ctrl+W), Select All (Ctrl+A: no text is selectable) and context menus never reach a widget.
* Pressing and holding the top-left corner for a few seconds is the staff gesture.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.ui.clock import Clock, QtClock

HOLD_MS = 3000
CORNER_PX = 120

_PRESS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                    QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_RELEASE = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel,
                      QEvent.Type.TabletRelease})
_MOVE = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate})
_KEY = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})
_WATCHED = _PRESS | _RELEASE | _MOVE | _KEY | {QEvent.Type.Wheel, QEvent.Type.ContextMenu}

_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier


def is_exit_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Keys that close or leave a window: Escape, Alt+F4, Ctrl+Q and Ctrl+W."""
    if key == Qt.Key.Key_Escape:
        return True
    if key == Qt.Key.Key_F4 and modifiers & _ALT:
        return True
    return key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(modifiers & _CTRL)


class InputGuard(QObject):
    activity = Signal()
    cornerHeld = Signal()
    exitKey = Signal(int)  # windowed only: the exit key pressed (Qt.Key), for the window to act on

    def __init__(self, window: QWidget, kiosk_mode: bool, hold_ms: int = HOLD_MS,
                 corner_px: int = CORNER_PX, parent=None, clock: Clock | None = None):
        super().__init__(parent)
        self.window = window
        self.kiosk_mode = kiosk_mode
        self.corner_px = corner_px
        self.hold_ms = hold_ms
        # The hold runs on the window's clock: tests and the soak move it instead of waiting.
        self._hold = (clock or QtClock()).timer(self._on_hold, self)
        self._swallow_release = False

    def _start_hold(self) -> None:
        if not self._hold.is_active():
            self._hold.start(self.hold_ms / 1000)

    def _in_corner(self, event) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            points = event.points()
            if len(points) != 1:
                return False
            where = points[0].globalPosition()
        else:
            where = event.globalPosition()
        local = self.window.mapFromGlobal(QPoint(round(where.x()), round(where.y())))
        return QRect(0, 0, self.corner_px, self.corner_px).contains(local)

    def _on_hold(self) -> None:
        # The finger is still down: whatever it pressed must not also act on release.
        self._swallow_release = True
        grabber = QWidget.mouseGrabber()
        if isinstance(grabber, QAbstractButton):
            grabber.setDown(False)
        self.cornerHeld.emit()

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind in _PRESS:
            self._swallow_release = False  # a release that never came must not eat this one
            self.activity.emit()
            if self._in_corner(event):
                self._start_hold()
            else:
                self._hold.stop()
        elif kind in _RELEASE:
            self._hold.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True
        elif kind in _MOVE:
            if self._hold.is_active() and not self._in_corner(event):
                self._hold.stop()
        elif kind in _KEY:
            if self.kiosk_mode and event.matches(QKeySequence.StandardKey.SelectAll):
                event.accept()  # text widgets select all on it whatever their interaction flags
                if kind == QEvent.Type.KeyPress:
                    self.activity.emit()
                return True
            if not is_exit_key(event.key(), event.modifiers()):
                if kind == QEvent.Type.KeyPress:
                    self.activity.emit()
                return False
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self.activity.emit()
                if not self.kiosk_mode:
                    self.exitKey.emit(event.key())
            return True
        elif kind == QEvent.Type.Wheel:
            self.activity.emit()
        elif kind == QEvent.Type.ContextMenu:
            return self.kiosk_mode
        return False
