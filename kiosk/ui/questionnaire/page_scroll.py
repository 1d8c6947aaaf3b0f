"""A part of a questionnaire page that scrolls when the screen is too short for it.

On a short screen with larger text (x1.5 on 1280x720) a long page (the intro, an urgent
page, a long question) needs more height than there is. Its words then scroll under a
finger, while the page's buttons stay where they are: the part that scrolls asks for the
height of its words (so on a tall screen the page looks as it always did) but needs only
a little, so a long page never makes the window grow past the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

from kiosk.ui.kinetic import grab_touch_scroll

LEAST_PX = 96  # the least height a scrolling part keeps: a line or two of its words


class PageScroll(QScrollArea):
    """A frameless, see-through, vertical-only scroll area around ``body``; a finger drags it."""

    def __init__(self, name: str, body: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("part", "page")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.viewport().setAutoFillBackground(False)
        body.setProperty("part", "page")
        body.setAutoFillBackground(False)
        grab_touch_scroll(self.viewport())  # the kiosk's one flick gesture (kiosk/ui/kinetic.py)
        self.setWidget(body)
        body.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the words changed: so does the height this part asks for
        return super().eventFilter(obj, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped words need another height at another width

    def _body_height(self, width: int) -> int:
        """The body's height at ``width``, measured beside a scroll bar: asking for the height
        of the full width would show the bar, and the narrower words would need more."""
        body = self.widget()
        height = body.minimumSizeHint().height()
        if body.hasHeightForWidth():
            bar = self.verticalScrollBar().sizeHint().width()
            height = max(height, body.heightForWidth(max(width - bar, 1)))
        return height

    def sizeHint(self) -> QSize:
        body = self.widget()
        width = self.width() if self.isVisible() and self.width() > 100 else body.sizeHint().width()
        return QSize(body.sizeHint().width(), self._body_height(width))

    def minimumSizeHint(self) -> QSize:
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self.widget().minimumSizeHint().width() + bar,
                     min(LEAST_PX, self._body_height(max(self.width(), 1))))
