"""One picture area of consult mode: every diagram view and an animation, one on show.

Compare side by side is two panes. A picture is named by a key: ``view:<diagram id>`` or
``animation:<animation id>``; the strokes of each key are one
:class:`~kiosk.domain.annotations.Sketch`, shared by both panes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSlider, QStackedWidget, QVBoxLayout

from kiosk.domain.annotations import Sketch
from kiosk.domain.content import ContentSet
from kiosk.domain.ui_words import UiWords
from kiosk.ui import theme
from kiosk.ui.condition_art import AnimationArt
from kiosk.ui.consult.boards import AnimationBoard, ConsultDiagramView
from kiosk.ui.consult.pen import PenSettings
from kiosk.ui.diagram_screen import VIEW_ORDER
from kiosk.ui.widgets import touch_button

PLAY_MS = 6000


def ordered_diagrams(content: ContentSet):
    return sorted(content.diagrams, key=lambda d: (VIEW_ORDER.index(d.id) if d.id in VIEW_ORDER
                                                   else len(VIEW_ORDER), d.id))


class Pane(QFrame):
    """A stack of pictures with, under an animation, Play and a slider."""

    regionTapped = Signal(object)  # str | None
    activated = Signal()  # touched: the tabs act on this pane now
    pictureChanged = Signal()

    def __init__(self, content: ContentSet, palette: theme.Palette, settings: PenSettings,
                 sketches: dict[str, Sketch], words: UiWords, parent=None):
        super().__init__(parent)
        self.setObjectName("ConsultPane")
        self._content = content
        self._sketches = sketches
        self._words = words
        self._palette = palette
        self.stack = QStackedWidget()
        self.views: list[ConsultDiagramView] = []
        for diagram in ordered_diagrams(content):
            view = ConsultDiagramView(diagram, palette, settings)
            view.regionTapped.connect(self.regionTapped)
            self._watch(view)
            self.views.append(view)
            self.stack.addWidget(view)
        self.board = AnimationBoard(palette, settings)
        self._watch(self.board)
        self.stack.addWidget(self.board)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.GAP // 2)
        column.addWidget(self.stack, 1)
        self.transport = QFrame()
        row = QHBoxLayout(self.transport)
        row.setContentsMargins(theme.GAP, 0, theme.GAP, theme.GAP // 2)
        self.play_button = touch_button(words["consult.play"], "tool")
        self.play_button.clicked.connect(self.toggle_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("ProgressSlider")
        self.slider.setRange(0, 1000)
        self.slider.setMinimumHeight(theme.CONSULT_TOOL_PX)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.valueChanged.connect(lambda v: self.board.item.set_progress(v / 1000))
        self.slider.sliderPressed.connect(self.pause)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        column.addWidget(self.transport)
        self.transport.hide()
        self._player = QVariantAnimation(self)
        self._player.setEndValue(1.0)
        self._player.valueChanged.connect(lambda v: self.slider.setValue(round(float(v) * 1000)))
        self._player.finished.connect(self._played)
        self.key = ""
        self.show_key(self.views[0].key)

    def _watch(self, board) -> None:
        board.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (event.Type.MouseButtonPress, event.Type.TouchBegin, event.Type.TabletPress):
            self.activated.emit()
        return False

    # -- pictures ---------------------------------------------------------------------------
    @property
    def current(self):
        """The board on show (a ConsultDiagramView or the AnimationBoard)."""
        return self.stack.currentWidget()

    def sketch_for(self, key: str) -> Sketch:
        if key not in self._sketches:
            self._sketches[key] = Sketch()
        return self._sketches[key]

    def show_key(self, key: str, progress: float = 0.0) -> bool:
        """Show the picture ``key``; False when this content has no such picture."""
        kind, _, name = key.partition(":")
        if kind == "view":
            view = next((v for v in self.views if v.diagram.id == name), None)
            if view is None:
                return False
            self.pause()
            self.transport.hide()
            self.stack.setCurrentWidget(view)
            view.set_sketch(self.sketch_for(key))
        elif kind == "animation":
            animation = self._content.animations.get(name)
            if animation is None:
                return False
            self.pause()
            if self.board.animation_id != name:
                self.board.show_animation(AnimationArt(animation, self._content.language, self._palette))
                self.board.pen.fit()
            self.slider.setValue(round(progress * 1000))
            self.board.item.set_progress(progress)
            self.board.set_sketch(self.sketch_for(key))
            self.stack.setCurrentWidget(self.board)
            self.transport.show()
        else:
            return False
        self.key = key
        self.pictureChanged.emit()
        return True

    def view_named(self, diagram_id: str) -> ConsultDiagramView | None:
        return next((v for v in self.views if v.diagram.id == diagram_id), None)

    def set_highlight(self, item_id: str | None, ids, side) -> None:
        for view in self.views:
            view.set_highlight(item_id, ids, side)

    def visible_rect(self) -> QRectF:
        return self.current.pen.visible_rect()

    # -- animation --------------------------------------------------------------------------
    def is_playing(self) -> bool:
        return self._player.state() == QVariantAnimation.State.Running

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
            return
        if self.current is not self.board:
            return
        start = self.slider.value() / 1000
        if start >= 1.0:
            start = 0.0
        self._player.setStartValue(start)
        self._player.setDuration(max(1, round(PLAY_MS * (1.0 - start))))
        self._player.start()
        self.play_button.setText(self._words["consult.pause"])

    def pause(self) -> None:
        if self.is_playing():
            self._player.stop()
        self.play_button.setText(self._words["consult.play"])

    def _played(self) -> None:
        QTimer.singleShot(0, self.pause)

    def reset(self) -> None:
        """Nothing zoomed, nothing playing, the first drawing (the next patient)."""
        self.pause()
        for view in self.views:
            view.pen.fit()
        self.board.pen.fit()
        self.board.show_animation(None)
        self.slider.setValue(0)
        self.show_key(self.views[0].key)

    def scene_point(self, view_point: QPointF) -> QPointF:
        return self.current.pen._map(view_point)
