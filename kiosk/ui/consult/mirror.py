"""The patient's screen: the clinician's picture and strokes, live, without any control.

Each mirror view shows the *same scene* as a pane of the clinician's window (a second
``QGraphicsView`` on it), so a stroke appears on both screens as it is drawn, and it shows
the part of the picture the clinician has zoomed to, fitted to its own screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView, QHBoxLayout, QWidget

from kiosk.ui import theme


class MirrorView(QGraphicsView):
    def __init__(self, palette: theme.Palette, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor(palette.diagram_background))
        self.setInteractive(False)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.source = None  # the clinician's board shown here

    @property
    def interacting(self) -> bool:
        """While the clinician zooms, the drawing may be stretched here too (see DiagramArtItem)."""
        return bool(self.source is not None and self.source.interacting)

    def follow(self, board) -> None:
        self.source = board
        if self.scene() is not board.scene():
            self.setScene(board.scene())
        self.setBackgroundBrush(board.backgroundBrush())
        self.fitInView(board.pen.visible_rect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.source is not None:
            self.follow(self.source)


class MirrorWindow(QWidget):
    """Follows a :class:`~kiosk.ui.consult.window.ConsultWindow`: one view per pane on show."""

    def __init__(self, consult, parent=None):
        super().__init__(parent)
        self.setObjectName("KioskRoot")
        self.setWindowTitle(consult.config.clinic_name)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.consult = consult
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP)
        self.views = [MirrorView(consult.palette_) for _ in consult.panes]
        for view in self.views:
            row.addWidget(view, 1)
        consult.pictureChanged.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        for pane, view in zip(self.consult.panes, self.views, strict=True):
            shown = not pane.isHidden()
            view.setVisible(shown)
            if shown:
                view.follow(pane.current)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.sync()
