"""Finger-drag (kinetic) scrolling for the kiosk's scroll areas, with one gesture for them all.

``QScroller.grabGesture()`` registers a new gesture recognizer, with a new gesture type
number, on every call, and PySide6 makes a new Python enum class for each number it has not
seen (about 1 KB of Python objects and a few KB of process memory that are never freed). The
screens are built again on every language switch, text-size switch and content reload, each
with six scroll areas, so the kiosk grew by every switch.

Qt's flick recognizer is not tied to the scroll area it was made for: the gesture it makes
for a widget drives that widget's own ``QScroller``. So the kiosk registers it once, for a
holder object that lives as long as the application, and every scroll area after that gets
its own scroller and grabs that same gesture type (what ``grabGesture()`` does besides
registering).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QScroller, QWidget

_holder: QObject | None = None  # owns the one recognizer (its scroller unregisters it when deleted)
_gesture: Qt.GestureType | None = None


def touch_gesture() -> Qt.GestureType:
    """The one touch-flick gesture type of this process (registered on first use)."""
    global _holder, _gesture
    if _gesture is None or _holder is None:
        _holder = QObject()
        _holder.setObjectName("KineticScrollGesture")
        _gesture = QScroller.grabGesture(_holder, QScroller.ScrollerGestureType.TouchGesture)
    return _gesture


def grab_touch_scroll(viewport: QWidget) -> QScroller:
    """Let a finger drag ``viewport`` (a scroll area's viewport) and flick it; its scroller."""
    scroller = QScroller.scroller(viewport)  # made now, deleted with the viewport
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    viewport.grabGesture(touch_gesture())
    return scroller
