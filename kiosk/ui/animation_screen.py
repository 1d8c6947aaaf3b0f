""""See how it happens" / "See how it is done": an animation played or scrubbed.

One large canvas shows the drawing at the current progress (a condition from healthy to
full, or a treatment from before to after). Play runs it slowly to the end; the big slider
scrubs it (dragging pauses); "Compare side by side" swaps the canvas for two still ones,
the first state and the last. With reduce motion nothing tweens: Play steps from one key
frame to the next (the moments where every part rests in a state), holding each for a
while. Every word on the
drawing, the title and the slider's ends come from the animation's script.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    Property,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap, QRegion
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.animation import Animation
from kiosk.domain.ui_words import UiWords, builtin_words
from kiosk.ui import icons, theme
from kiosk.ui.clock import Clock
from kiosk.ui.condition_art import AnimationArt
from kiosk.ui.playback import Playback

log = logging.getLogger(__name__)
NOTE_MIN_PX = 320  # the note beside the title needs at least this room (else it goes below)
SHORT_PX = 600  # a screen lower than this keeps less room round the drawing
SHORT_TITLE_PX = 40  # the title's size there (at x1; larger text grows it as every size)
SHORT_CONTROL_PX = 56  # and the height of Play and the slider (a touch target still)

PLAY_MS = 6000  # start -> end, slow enough to follow
STEP_MS = 1800  # reduce motion: how long each key frame stays before the next
SLIDER_MAX = 1000
CARD_RADIUS = 20.0


class AnimationCanvas(QWidget):
    """Paints one animation at ``progress`` (0 first state .. 1 last).

    The background, the card and the drawing's parts that never move are cached in one
    opaque pixmap per size; a frame blits it and paints only what changes.
    """

    progressChanged = Signal(float)

    def __init__(self, palette: theme.Palette | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("AnimationCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self._art: AnimationArt | None = None
        self._progress = 0.0
        self._backdrop = QPixmap()
        self._backdrop_key: tuple | None = None
        palette = palette or theme.Palette()
        self.palette_ = palette
        self._background = QColor(palette.diagram_background)
        self._card_fill = QColor(palette.surface)
        self._card_border = QColor(palette.border)

    # -- state --------------------------------------------------------------------------
    def art(self) -> AnimationArt | None:
        return self._art

    def set_art(self, art: AnimationArt | None) -> None:
        self._art = art
        if art is not None:
            art.background = QColor(self._card_fill)
        self._backdrop_key = None
        self.update()

    def get_progress(self) -> float:
        return self._progress

    def set_progress(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        if value == self._progress:
            return
        old, self._progress = self._progress, value
        if self._art is None or self._backdrop_key is None:
            self.update()
        else:  # only the area that differs between the two moments (one rectangle round all
            # that changes: a clip made of several rectangles costs more than it saves)
            inner = self._inner_rect()
            box = QRect()
            for area in self._art.changed(self.art_rect(), old, value):
                box = box.united(area.intersected(inner).toAlignedRect())
            if not box.isEmpty():
                self.update(box)
        self.progressChanged.emit(value)

    progress = Property(float, get_progress, set_progress, notify=progressChanged)

    # -- painting -------------------------------------------------------------------------
    def art_rect(self) -> QRectF:
        inset = 12.0
        return QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)

    def _card_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)

    def _inner_rect(self) -> QRectF:
        """Inside the card's border: where the drawing may paint."""
        return self._card_rect().adjusted(2, 2, -2, -2)

    def _ensure_backdrop(self) -> None:
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, id(self._art))
        if key == self._backdrop_key:
            return
        self._backdrop_key = key
        pixmap = QPixmap(QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self._background)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self._card_border, 2.0))
        p.setBrush(self._card_fill)
        p.drawRoundedRect(self._card_rect(), CARD_RADIUS, CARD_RADIUS)
        if self._art is not None:
            self._art.paint_static(p, self.art_rect())
        p.end()
        self._backdrop = pixmap

    def paint_area(self, p: QPainter, region: QRegion) -> None:
        """Paint what lies in ``region``: the cached backdrop, then the drawing at the progress."""
        self._ensure_backdrop()
        ratio = self._backdrop.devicePixelRatio()
        rects = [QRectF(r) for r in region]  # type: ignore[attr-defined]  # QRegion iterates its rects
        for area in rects:
            p.drawPixmap(area, self._backdrop, QRectF(area.x() * ratio, area.y() * ratio,
                                                      area.width() * ratio, area.height() * ratio))
        if self._art is not None:
            p.save()
            p.setClipRegion(region.intersected(self._inner_rect().toAlignedRect()))
            self._art.paint_dynamic(p, self.art_rect(), self._progress, rects)
            p.restore()

    def paintEvent(self, event):
        p = QPainter(self)
        self.paint_area(p, event.region())
        p.end()


class ProgressSlider(QSlider):
    """A horizontal slider where a tap anywhere on the bar jumps there (and can drag on)."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            style = self.style()
            handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                          QStyle.SubControl.SC_SliderHandle, self)
            if not handle.contains(event.position().toPoint()):
                groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                              QStyle.SubControl.SC_SliderGroove, self)
                span = max(1, groove.width() - handle.width())
                x = round(event.position().x() - groove.x() - handle.width() / 2)
                self.setValue(QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span,
                                                             option.upsideDown))
        super().mousePressEvent(event)


class AnimationScreen(QWidget):
    """Play, pause and scrub an animation from start to end, or compare the two."""

    playingChanged = Signal(bool)

    def __init__(self, reduce_motion: bool, words: UiWords | None = None,
                 palette: theme.Palette | None = None, parent=None, clock: Clock | None = None):
        """``clock``: what Play runs on (real time by default; tests move a ManualClock)."""
        super().__init__(parent)
        self.setObjectName("AnimationScreen")
        self._words = words = words or builtin_words("en")  # the window passes the visit's
        self._reduce_motion = reduce_motion
        self._content_id: str | None = None
        self._syncing = False  # the slider is being moved by the animation, not by a finger
        self.palette_ = palette = palette or theme.Palette()
        self._icons = {kind: icons.icon(kind, palette.on_accent, 32) for kind in ("play", "pause", "again")}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.GAP, theme.MARGIN, theme.GAP)
        layout.setSpacing(theme.GAP)

        # title, how the drawing is seen, and the compare toggle
        self._header = header = QGridLayout()  # the note goes below the title when short of room
        header.setHorizontalSpacing(theme.GAP * 2)
        header.setVerticalSpacing(0)
        self.title_label = QLabel()
        self.title_label.setObjectName("ScreenTitle")
        self.title_label.setWordWrap(True)  # a long page title wraps instead of widening the window
        self.note_label = QLabel()
        self.note_label.setObjectName("AnimationNote")
        self.note_label.setWordWrap(True)
        self.compare_button = QPushButton(words["animation.compare"])
        self.compare_button.setProperty("role", "toggle")
        self.compare_button.setCheckable(True)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.compare_button.toggled.connect(self._on_compare_toggled)
        self._note_place: str | None = None
        self._place_note(True)
        layout.addLayout(header)

        # the animated drawing
        self.canvas = AnimationCanvas(palette)
        layout.addWidget(self.canvas, 1)

        # healthy vs condition, side by side
        self._compare_box = QWidget()
        compare = QHBoxLayout(self._compare_box)
        compare.setContentsMargins(0, 0, 0, 0)
        compare.setSpacing(theme.GAP)
        canvases, self.compare_labels = [], []
        for _ in range(2):
            column = QVBoxLayout()
            column.setSpacing(theme.GAP // 2)
            label = QLabel()
            label.setObjectName("CompareLabel")
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            canvas = AnimationCanvas(palette)
            column.addWidget(label)
            column.addWidget(canvas, 1)
            compare.addLayout(column, 1)
            canvases.append(canvas)
            self.compare_labels.append(label)
        canvases[1].set_progress(1.0)
        self.compare_canvases: tuple[AnimationCanvas, AnimationCanvas] = (canvases[0], canvases[1])
        self._compare_box.hide()
        layout.addWidget(self._compare_box, 1)

        # play / pause and the slider between "Healthy" and the condition
        self._transport = QWidget()
        row = QHBoxLayout(self._transport)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP * 2)
        self.play_button = QPushButton()
        self.play_button.setProperty("role", "primary")
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play_button.setIconSize(QSize(32, 32))
        self.play_button.clicked.connect(self._on_play_clicked)
        self.start_label = QLabel()
        self.start_label.setObjectName("SliderEnd")
        self.slider = ProgressSlider()
        self.slider.setObjectName("ProgressSlider")
        self.slider.setRange(0, SLIDER_MAX)
        self.slider.setPageStep(SLIDER_MAX // 10)
        self.slider.setSingleStep(SLIDER_MAX // 100)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setMinimumHeight(72)
        self.slider.setAccessibleName(words["access.progress"])
        self.slider.sliderPressed.connect(self.pause)
        self.slider.valueChanged.connect(self._on_slider_value)
        self.end_label = QLabel()
        self.end_label.setObjectName("SliderEnd")
        self.end_label.setWordWrap(True)
        row.addWidget(self.play_button)
        row.addWidget(self.start_label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.end_label)
        layout.addWidget(self._transport)

        self._animation = Playback(clock, parent=self)
        self._animation.valueChanged.connect(self._on_animation_value)
        self._animation.finished.connect(self._on_animation_finished)
        # reduce motion: one key frame after another, no tweening (on the same clock as Play)
        self._stepper = self.clock.timer(self._step, self)
        self._keys: tuple[float, ...] = (0.0, 1.0)
        self._fit_play_button()
        self._update_play_button()

    # -- public API -------------------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        """The clock Play runs on."""
        return self._animation.clock

    @property
    def content_id(self) -> str | None:
        return self._content_id

    def show_animation(self, animation: Animation, language: str = "en") -> None:
        """Show ``animation`` with its words in ``language``, from the start."""
        self._content_id = animation.id
        self._keys = key_frames(animation)
        art = AnimationArt(animation, language, self.palette_)
        words = art.words
        self.title_label.setText(words.title)
        self.note_label.setText(words.view)
        self.start_label.setText(words.start)
        self.end_label.setText(words.end)
        self.compare_labels[0].setText(words.start)
        self.compare_labels[1].setText(words.end)
        self._arrange()  # a longer or shorter title may go on a line of its own
        self.canvas.set_art(art)
        self.compare_canvases[0].set_art(AnimationArt(animation, language, self.palette_))
        self.compare_canvases[1].set_art(AnimationArt(animation, language, self.palette_))
        self.reset()

    def reset(self) -> None:
        """Back to healthy, paused, one animated drawing (the kiosk's idle reset)."""
        self._animation.stop()
        self._stepper.stop()
        self.compare_button.setChecked(False)
        self._set_progress(0.0)
        self._update_play_button()

    def progress(self) -> float:
        return self.canvas.progress  # type: ignore[return-value]  # a Qt property: its value

    def set_progress(self, value: float) -> None:
        """Scrub to ``value`` (0..1); pauses."""
        self.pause()
        self._set_progress(value)

    def is_playing(self) -> bool:
        return self._animation.is_running() or self._stepper.is_active()

    def key_frames(self) -> tuple[float, ...]:
        """The moments Play stops at with reduce motion (0 and 1 included)."""
        return self._keys

    def is_comparing(self) -> bool:
        return self.compare_button.isChecked()

    def play(self) -> None:
        if self._art_missing():
            return
        if self.is_comparing():
            self.compare_button.setChecked(False)
        start = self.progress()
        if start >= 1.0:
            start = 0.0  # "Play again"
            if self._reduce_motion:  # "Start again": back to healthy, nothing moves
                self._set_progress(0.0)
                self._update_play_button()
                return
        if self._reduce_motion:  # the next key frame now, the others one by one
            self._step()
            if self._stepper.is_active():
                self.playingChanged.emit(True)
            return
        self._animation.stop()
        self._animation.start(start, 1.0, max(400, round(PLAY_MS * (1.0 - start))) / 1000)
        self._update_play_button()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.is_playing():
            self._animation.stop()
            self._stepper.stop()
            self.playingChanged.emit(False)
        self._update_play_button()

    def finish_animations(self) -> None:
        """Jump a running animation to its end (screenshots, tests)."""
        if self.is_playing():
            self._animation.stop()
            self._stepper.stop()
            self._set_progress(1.0)
            self.playingChanged.emit(False)
        self._update_play_button()

    # -- internals -----------------------------------------------------------------------------
    def _art_missing(self) -> bool:
        if self.canvas.art() is None:
            log.info("play pressed with no animation shown")
            return True
        return False

    def _set_progress(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        self.canvas.set_progress(value)
        self._syncing = True
        try:
            self.slider.setValue(round(value * SLIDER_MAX))
        finally:
            self._syncing = False

    def _on_play_clicked(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def _on_slider_value(self, value: int) -> None:
        if self._syncing:
            return
        self.pause()  # a finger on the slider takes over from the animation
        self.canvas.set_progress(value / SLIDER_MAX)
        self._update_play_button()

    def _step(self) -> None:
        """Reduce motion: straight to the next key frame; the last one ends the play."""
        now = self.progress()
        self._set_progress(next((key for key in self._keys if key > now + 1e-6), 1.0))
        if self.progress() >= 1.0:
            if self._stepper.is_active():
                self._stepper.stop()
            self.playingChanged.emit(False)
        else:
            self._stepper.start(STEP_MS / 1000)
        self._update_play_button()

    def _on_animation_value(self, value) -> None:
        if self.is_playing():
            self._set_progress(float(value))

    def _on_animation_finished(self) -> None:
        self._set_progress(1.0)
        self._update_play_button()
        self.playingChanged.emit(False)

    def _on_compare_toggled(self, checked: bool) -> None:
        self.pause()
        self.canvas.setVisible(not checked)
        self._transport.setVisible(not checked)
        self._compare_box.setVisible(checked)
        self.compare_button.setText(self._words["animation.back_to_animation"] if checked
                                    else self._words["animation.compare"])

    def _button_state(self) -> tuple[str, str]:
        if self.is_playing():
            return "pause", self._words["animation.pause"]
        if self.progress() >= 1.0:
            again = "animation.start_again" if self._reduce_motion else "animation.play_again"
            return "again", self._words[again]
        return "play", self._words["animation.play"]

    def _update_play_button(self) -> None:
        kind, text = self._button_state()
        self.play_button.setText(text)
        self.play_button.setIcon(self._icons[kind])

    def _fit_play_button(self) -> None:
        """Wide enough for its longest label, so the row does not jump as it changes."""
        font = QFont(theme.FONT_FAMILY)
        font.setPixelSize(theme.BUTTON_PX)
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = [self._words[f"animation.{key}"] for key in ("play", "pause", "play_again", "start_again")]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        self.play_button.ensurePolished()  # the style sheet's min-width would override ours
        self.play_button.setMinimumWidth(widest + 32 + 12 + 2 * 28 + 16)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The header and the room round the drawing for this size and this title."""
        short = self.height() < SHORT_PX  # larger text at 1280x720: less room around the drawing
        # the title no taller than the compare toggle beside it: the drawing keeps the height
        title_css = f"font-size: {theme.font_px(SHORT_TITLE_PX, self.palette_)}px;" if short else ""
        if self.title_label.styleSheet() != title_css:
            self.title_label.setStyleSheet(title_css)
        self.ensurePolished()  # measure in the theme's fonts
        self.title_label.ensurePolished()
        margins = self.layout().contentsMargins()
        note = self.note_label
        wanted = min(note.fontMetrics().horizontalAdvance(note.text()), NOTE_MIN_PX)
        room = self.width() - margins.left() - margins.right()
        beside_title = room - self.compare_button.sizeHint().width() - 2 * self._header.horizontalSpacing()
        beside = self.title_label.sizeHint().width() + wanted <= beside_title
        title = self.title_label
        self._place_note(beside, short and not beside
                         and title.fontMetrics().horizontalAdvance(title.text()) > beside_title)
        vertical = theme.GAP // 2 if short else theme.GAP
        self.layout().setContentsMargins(theme.MARGIN, vertical, theme.MARGIN, vertical)
        self.layout().setSpacing(vertical)
        for canvas in (self.canvas, *self.compare_canvases):
            canvas.setMinimumHeight(200 if short else 240)
        self.slider.setMinimumHeight(SHORT_CONTROL_PX if short else 72)
        play_css = f"min-height: {SHORT_CONTROL_PX - 6}px;" if short else ""  # 6: the border
        if self.play_button.styleSheet() != play_css:
            self.play_button.setStyleSheet(play_css)

    def _place_note(self, beside: bool, stacked: bool = False) -> None:
        """How the drawing is seen: between the title and the compare toggle, else (a narrow
        screen, larger text) on a line of its own below them. ``stacked`` (a short screen whose
        title would wrap beside the toggle): the title has the first line to itself, the note
        and the toggle share the second, so the drawing keeps the height."""
        place = "beside" if beside else "stacked" if stacked else "below"
        if place == self._note_place:
            return
        self._note_place = place
        header, centre = self._header, Qt.AlignmentFlag.AlignVCenter
        for widget in (self.title_label, self.note_label, self.compare_button):
            header.removeWidget(widget)
        if place == "stacked":
            header.addWidget(self.title_label, 0, 0, 1, 3, centre)
            header.addWidget(self.note_label, 1, 0, 1, 2, centre)
        else:
            header.addWidget(self.title_label, 0, 0, centre)
            if beside:
                header.addWidget(self.note_label, 0, 1, centre)
            else:
                header.addWidget(self.note_label, 1, 0, 1, 3)
        header.addWidget(self.compare_button, 1 if place == "stacked" else 0, 2, centre)
        header.setColumnStretch(1, 1 if beside else 0)
        header.setColumnStretch(0, 0 if beside else 1)

    def hideEvent(self, event):
        self.pause()  # nothing animates off screen
        super().hideEvent(event)


def key_frames(animation: Animation) -> tuple[float, ...]:
    """0, the end of every phase (every part that moved then rests in a state) and 1."""
    ends = {round(phase.end, 4) for phase in animation.script.phases}
    return tuple(sorted({0.0, 1.0} | {end for end in ends if 0.0 < end < 1.0}))
