"""The read-aloud button: reads the screen's text aloud, highlighting the sentence being read.

The window owns one :class:`ReadAloud`, puts its :attr:`ReadAloud.button` (a speaker) in
the top bar and calls :meth:`ReadAloud.follow` once. From then on the button shows on the
screens that have something to read (home, every page of the drawings, every questionnaire
page: questions, results, the urgent and stop pages), reads the visible text in the current
language, and stops on any change: another screen, page or question, a tap on another
button, a language change, the idle reset. Pressing it again stops the reading.

The speech engine is made after the first frame (:data:`PROBE_SECONDS`), not at start-up;
it starts in a process of its own and the button shows once it says it is ready. With no
engine, one that reports an error or one that does not answer, the button stays (or goes)
hidden and the reason is logged once. ``read_aloud = false`` in the settings hides it and
never loads speech at all.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QStackedWidget, QWidget

from kiosk.domain.ui_words import UiWords
from kiosk.resources import resource_path
from kiosk.ui import theme
from kiosk.ui.reading import Sentence, collect_sentences, reading_root
from kiosk.ui.speech import Speech, make_speech

if TYPE_CHECKING:
    from kiosk.ui.window import ShellWindow

log = logging.getLogger(__name__)

PROBE_SECONDS = 1.0  # after the window is up: look for a speech engine
BUTTON_PX = 64
ICON_PX = 40
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


def speaker_icon(palette: theme.Palette, size: int = ICON_PX) -> QIcon:
    """The speaker (off) and the speaker with a stop mark (on: reading), in the theme's colours."""
    icon = QIcon()
    for name, colour, state in (("speaker", palette.accent, QIcon.State.Off),
                                ("speaker-stop", palette.on_accent, QIcon.State.On)):
        icon.addPixmap(_svg_pixmap(name, colour, size), QIcon.Mode.Normal, state)
    return icon


def _svg_pixmap(name: str, colour: str, size: int) -> QPixmap:
    source = resource_path("assets", "icons", f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(source.replace("currentColor", colour).encode("utf-8")))
    ratio = 2  # sharp on a high-density screen too
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class ReadAloud(QObject):
    """The speaker button and the reading in progress."""

    activity = Signal()  # a sentence began: the patient is listening, not gone
    sentenceShown = Signal(str)  # the sentence highlighted now
    roomChanged = Signal()  # the button's room in the top bar changed (the engine came or went)

    def __init__(self, enabled: bool, palette: theme.Palette, words: UiWords, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = enabled
        self.palette = palette
        self.words = words
        self.speech: Speech | None = None  # made by probe()
        self._problem_logged = False
        self._stack: QStackedWidget | None = None
        self._reading: list[Sentence] = []
        self._current: Sentence | None = None
        self._root: QWidget | None = None

        self.button = QPushButton(parent)
        self.button.setObjectName("ReadAloudButton")
        self.button.setCheckable(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setFixedSize(BUTTON_PX, BUTTON_PX)
        self.button.setIcon(speaker_icon(palette))
        self.button.setIconSize(QSize(ICON_PX, ICON_PX))
        self.button.setStyleSheet(
            f"QPushButton#ReadAloudButton {{ background: {palette.surface}; "
            f"border: 3px solid {palette.accent}; border-radius: 16px; padding: 0px; "
            f"min-height: {BUTTON_PX - 6}px; min-width: {BUTTON_PX - 6}px; }}"  # 64 px with the border
            f"QPushButton#ReadAloudButton:checked {{ background: {palette.accent}; }}")
        self.button.clicked.connect(self.toggle)
        self.button.hide()
        self._name_button()

    # -- wiring ---------------------------------------------------------------
    def follow(self, window: ShellWindow) -> None:
        """Stop on every change of ``window``'s screen and on its idle reset; keep its visit alive
        while reading; look for a speech engine once the window is up."""
        self._stack = window.stack
        window.stateChanged.connect(self.refresh)
        window.sessionReset.connect(self.stop)
        window.stack.currentChanged.connect(self.refresh)
        self.activity.connect(window.idle.poke)
        if self.enabled:
            self._probe_timer = window.clock.timer(self.probe, self)
            self._probe_timer.start(PROBE_SECONDS)

    def set_words(self, words: UiWords) -> None:
        """A new language: stop, and name the button in it."""
        self.stop()
        self.words = words
        self._name_button()

    def probe(self) -> bool:
        """Make the speech engine (once). False when there is none: the button stays hidden."""
        if not self.enabled:
            return False
        if self.speech is None:
            self.speech = make_speech(self)
            self.speech.sentenceStarted.connect(self._show_sentence)
            self.speech.finished.connect(self._finished)
            self.speech.failed.connect(self._failed)
            self.speech.availabilityKnown.connect(self._engine_known)
            if self.speech.available():
                log.info("read-aloud ready")
        if self.speech.pending():  # its own process is starting: the button shows once it is ready
            return False
        if not self.speech.available():
            self._log_problem(self.speech.problem())
        self.refresh()
        self.roomChanged.emit()  # the bar makes room for the button (the drawing tabs may move)
        return self.speech.available()

    def close(self) -> None:
        """The window is closing: stop, and end the speech engine at once."""
        self.stop()
        if self.speech is not None:
            self.speech.close()

    def _engine_known(self) -> None:
        if self.speech is not None and self.speech.available():
            log.info("read-aloud ready")
        self.probe()

    @property
    def ready(self) -> bool:
        return self.enabled and self.speech is not None and self.speech.available()

    def room_in_bar(self) -> int:
        """Pixels the button takes in the top bar (0 while it cannot be shown)."""
        return BUTTON_PX + theme.GAP if self.ready else 0

    # -- reading --------------------------------------------------------------
    @property
    def reading(self) -> bool:
        return bool(self._reading)

    def current_sentence(self) -> str:
        return self._current.text if self._current is not None else ""

    def toggle(self) -> None:
        if self.reading:
            self.stop()
        else:
            self.start()

    def start(self) -> bool:
        """Read the visible text of the screen on show. False: nothing to read, or no engine."""
        self.stop()
        root = self._root_now()
        sentences = collect_sentences(root) if self.ready else []
        if not sentences:
            self._mark(False)
            return False
        self._reading, self._root = sentences, root
        self._mark(True)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.speech.say([s.text for s in sentences], self.words.language)
        return True

    def stop(self) -> None:
        if not self._reading:
            self._mark(False)
            return
        reading, self._reading, self._root = self._reading, [], None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.speech is not None:
            self.speech.stop()
        self._clear_highlight(reading)
        self._mark(False)

    def refresh(self, *_args) -> None:
        """The screen changed: stop, and show the button only where there is something to read."""
        self.stop()
        self.button.setVisible(self.ready and self._root_now() is not None)

    # -- engine events --------------------------------------------------------
    def _show_sentence(self, index: int) -> None:
        if not 0 <= index < len(self._reading):
            return
        if self._current is not None:
            self._current.part.clear()
        sentence = self._reading[index]
        try:
            sentence.part.highlight(sentence.start, sentence.end, self.palette)
        except RuntimeError:  # its widget was deleted meanwhile (screens rebuilt): stop
            self.stop()
            return
        self._current = sentence
        self.activity.emit()
        self.sentenceShown.emit(sentence.text)

    def _finished(self) -> None:
        self.stop()

    def _failed(self, why: str) -> None:
        self.stop()
        self._log_problem(why)
        self.button.hide()
        self.roomChanged.emit()  # the button's room in the bar is free again

    # -- helpers --------------------------------------------------------------
    def _root_now(self) -> QWidget | None:
        return reading_root(self._stack.currentWidget()) if self._stack is not None else None

    def _clear_highlight(self, reading: list[Sentence]) -> None:
        for part in {id(s.part): s.part for s in reading}.values():
            with contextlib.suppress(RuntimeError):  # deleted with its screen: nothing to clear
                part.clear()
        self._current = None

    def _mark(self, reading: bool) -> None:
        self.button.setChecked(reading)
        self._name_button()

    def _name_button(self) -> None:
        self.button.setAccessibleName(self.words["read_aloud.stop" if self.reading else "read_aloud.read"])

    def _log_problem(self, why: str) -> None:
        if not self._problem_logged:
            self._problem_logged = True
            log.info("read-aloud is off: %s", why)  # a kiosk PC without speech is normal, not an error

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While reading, a press on any other button (an answer, a link, Back) stops it."""
        if event.type() in _PRESSES and self._reading and isinstance(watched, QWidget):
            widget: QWidget | None = watched
            while widget is not None and not isinstance(widget, QAbstractButton):
                widget = widget.parentWidget()
            if widget is not None and widget is not self.button:
                self.stop()
        return False
