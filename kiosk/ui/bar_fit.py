"""A bar's main button whose words wrap onto more lines when the bar is too narrow for them
on one (a portrait screen, larger text, Spanish): the bar grows to hold the lines, never the
window, and the words never run past the button's edges."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets import wrap_lines

PADDING = 2 * (28 + 3)  # the theme's side padding and border of a button


class WrapInBar(QObject):
    """Keeps ``button``'s words inside the room ``bar``'s row leaves it; ``bar`` is at least
    ``height`` px tall and grows with the lines. The words as given stay the accessible name."""

    def __init__(self, bar: QWidget, button: QPushButton, height: int):
        super().__init__(bar)
        self.bar, self.button, self.height = bar, button, height
        self._title = button.text()
        self._shown = self._title
        self._fitting = False
        self.spacing = bar.layout().spacing()
        button.setMinimumWidth(theme.MIN_TOUCH)  # it narrows with the bar (the words then wrap)
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False

    def _fit(self) -> None:
        button = self.button
        if button.text() != self._shown:  # new words from outside (a language, another screen)
            self._title = button.text()
        if not self.bar.isVisible():
            return  # measured once shown, in the window's size then
        button.ensurePolished()  # measure in the theme's font
        metrics = button.fontMetrics()
        layout = self.bar.layout()
        for spacing in (self.spacing, theme.GAP):  # closer together before the words wrap
            layout.setSpacing(spacing)
            room = self._room() - PADDING
            if metrics.horizontalAdvance(self._title) <= room:
                self._shown = self._title
                break
        else:
            self._shown = wrap_lines(self._title, metrics, max(room, 1))
        if button.text() != self._shown:
            button.setText(self._shown)
        button.setAccessibleName(self._title)
        lines = self._shown.count("\n") + 1
        needed = metrics.lineSpacing() * lines + 2 * (3 + theme.GAP // 2)
        button.setMinimumHeight(needed if lines > 1 else 0)
        self.bar.setFixedHeight(max(self.height, needed + theme.GAP))

    def _room(self) -> int:
        """The width the bar's row leaves the button beside the other widgets on show."""
        layout = self.bar.layout()
        margins = layout.contentsMargins()
        others, shown = 0, 0
        for index in range(layout.count()):
            widget = layout.itemAt(index).widget()
            if widget is None or widget.isHidden():
                continue
            shown += 1
            if widget is not self.button:
                others += widget.sizeHint().width()
        return (self.bar.width() - margins.left() - margins.right() - others
                - layout.spacing() * max(shown - 1, 0))
