"""The staff PIN pad: an on-screen keypad over the whole window (no keyboard needed).

It opens from the hidden corner gesture. Five wrong PINs lock it for five minutes (the
rule lives in :class:`kiosk.domain.staff_gate.PinGate`).

With no PIN set it is the first-run screen: staff choose a PIN on the same keypad, twice,
under the same rules as ``kiosk set-pin`` (4 to 8 digits). The pad hands the PIN to the
window (``pinChosen``), which stores its hash and opens the staff panel. Until then "Exit"
is offered only when the kiosk runs in a normal window: a locked kiosk is never left
without a PIN.

Checking a PIN (and hashing a new one) takes 600,000 rounds of PBKDF2: it runs off the GUI
thread (:class:`kiosk.ui.background.Background`) while the pad shows a moving bar and takes
no keys. A check counts towards the lock even when the pad is closed before it ends, and
an answer that comes after the pad was closed opens nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.pin import valid_pin
from kiosk.domain.staff_gate import PinGate
from kiosk.domain.ui_words import UiWords
from kiosk.ui.background import Background
from kiosk.ui.widgets import centred_card, touch_button

MAX_DIGITS = 8
MIN_DIGITS = 4
COMPACT_BELOW = 900  # window heights (px) that get the smaller keypad


class PinPad(QWidget):
    accepted = Signal()  # the right PIN: open the staff panel
    cancelled = Signal()
    pinChosen = Signal(str)  # first run: the new PIN, entered twice the same (the window saves it)
    exitRequested = Signal()  # first run, windowed only: leave without setting a PIN

    def __init__(self, gate: PinGate, words: UiWords, parent: QWidget, exit_offered: bool = False):
        super().__init__(parent)
        self.gate = gate
        self.words = words  # the language on screen (set again each time the pad opens)
        self.exit_offered = exit_offered  # before a PIN is set (a normal window only)
        self.setObjectName("StaffScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._digits = ""
        self._first: str | None = None  # first run: the PIN entered once, waiting for the repeat
        self.column = column = centred_card(QVBoxLayout(self), 1060, margins=(56, 48), spacing=20)
        self.compact = False  # a short window (768 px and less): smaller keys and gaps
        self.title = QLabel()
        self.title.setObjectName("OverlayTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.dots = QLabel()
        self.dots.setObjectName("PinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.dots)
        self.message = QLabel()
        self.message.setObjectName("OverlayText")
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.busy_bar = QProgressBar()  # moving while a PIN is checked or saved
        self.busy_bar.setObjectName("PinBusy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(12)
        self.busy_bar.hide()
        column.addWidget(self.busy_bar)
        self.worker = Background(self)
        self._busy_text = ""

        self.keys = QWidget()
        self.grid = grid = QGridLayout(self.keys)
        grid.setSpacing(16)
        grid.setContentsMargins(0, 0, 0, 0)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self.digit_buttons[digit] = self._digit(digit)
            grid.addWidget(self.digit_buttons[digit], index // 3, index % 3)
        self.clear_button = touch_button(words["pin.clear"], "pin")
        self.clear_button.clicked.connect(self.clear)
        self.digit_buttons["0"] = self._digit("0")
        self.delete_button = touch_button(words["pin.delete"], "pin")
        self.delete_button.clicked.connect(self._delete)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self.digit_buttons["0"], 3, 1)
        grid.addWidget(self.delete_button, 3, 2)
        column.addWidget(self.keys)

        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.cancel_button = touch_button(words["staff.back"])
        self.cancel_button.clicked.connect(self.cancelled)
        self.exit_button = touch_button(words["staff.exit"], "danger")
        self.exit_button.clicked.connect(self.exitRequested)
        self.enter_button = touch_button(words["pin.enter"], "primary")
        self.enter_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.exit_button, 1)
        buttons.addWidget(self.enter_button, 1)
        column.addLayout(buttons)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._refresh)
        self.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit(self.height())

    def _fit(self, height: int) -> None:
        """Below about 900 px the full-size keypad does not fit: smaller keys, margins and gaps."""
        compact = height < COMPACT_BELOW
        if compact == self.compact:
            return
        self.compact = compact
        self.column.setContentsMargins(56, 24 if compact else 48, 56, 24 if compact else 48)
        self.column.setSpacing(12 if compact else 20)
        self.grid.setSpacing(10 if compact else 16)
        for button in (*self.digit_buttons.values(), self.clear_button, self.delete_button):
            button.setProperty("compact", compact)
            button.style().unpolish(button)
            button.style().polish(button)

    def _digit(self, digit: str) -> QPushButton:
        button = touch_button(digit, "pin")
        button.clicked.connect(lambda: self.press(digit))
        return button

    # -- state ----------------------------------------------------------------
    @property
    def choosing(self) -> bool:
        """True on the first-run screen: no PIN is set, so staff choose one."""
        return not self.gate.configured

    def set_words(self, words: UiWords) -> None:
        self.words = words
        self.clear_button.setText(words["pin.clear"])
        self.delete_button.setText(words["pin.delete"])
        self.cancel_button.setText(words["staff.back"])
        self.exit_button.setText(words["staff.exit"])

    def open(self, words: UiWords | None = None) -> None:
        if words is not None:
            self.set_words(words)
        self._digits = ""
        self._first = None
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self._refresh()
        if self.busy:  # a check (or a save) from before is still running: wait for it
            self.show_busy(self._busy_text)

    def close_pad(self) -> None:
        self._digits = ""
        self._first = None
        self._lock_timer.stop()
        self.hide()

    @property
    def entered(self) -> int:
        return len(self._digits)

    @property
    def busy(self) -> bool:
        """A PIN is being checked or saved (off the GUI thread)."""
        return self.worker.busy

    def show_busy(self, text: str) -> None:
        """The moving bar and ``text``; no key works until :meth:`end_busy`."""
        self._busy_text = text
        self.message.setText(text)
        self.busy_bar.show()
        for button in self._keys():
            button.setEnabled(False)

    def end_busy(self) -> None:
        self.busy_bar.hide()
        self._refresh(keep_message=True)

    def _keys(self) -> tuple[QPushButton, ...]:
        return (*self.digit_buttons.values(), self.clear_button, self.delete_button, self.enter_button)

    def press(self, digit: str) -> None:
        if self.busy or self.gate.locked_for() or len(self._digits) >= MAX_DIGITS:
            return
        self._digits += digit
        self._refresh(keep_message=True)

    def _delete(self) -> None:
        if self.busy:
            return
        self._digits = self._digits[:-1]
        self._refresh(keep_message=True)

    def clear(self) -> None:
        if self.busy:
            return
        self._digits = ""
        self._refresh(keep_message=self.choosing)

    def submit(self) -> None:
        if self.busy:
            return
        if self.choosing:
            self._submit_new()
            return
        if len(self._digits) < MIN_DIGITS:
            self.message.setText(self.words["pin.too_short"])
            return
        entry, self._digits = self._digits, ""
        if self.gate.locked_for():
            self._refresh()
            return
        pin_hash = self.gate.pin_hash
        self.worker.run(lambda: self.gate.check(entry, pin_hash), self._checked,
                        lambda: self._checked(False))
        self.show_busy(self.words["pin.checking"])
        self.dots.setText(" ")

    def _checked(self, ok: bool) -> None:
        """The answer of a check, back on the GUI thread."""
        attempt = self.gate.record(ok)  # counted even if the pad was closed meanwhile
        self.busy_bar.hide()
        if not self.isVisible():
            return  # closed (cancelled, or the idle reset): nothing opens
        if attempt.ok:
            self.close_pad()
            self.accepted.emit()
            return
        if attempt.locked_for:
            self._refresh()
            return
        self._refresh()
        left = attempt.attempts_left
        self.message.setText(self.words["pin.wrong_one"] if left == 1
                             else self.words.text("pin.wrong", count=left))

    def _submit_new(self) -> None:
        entry, self._digits = self._digits, ""
        if not valid_pin(entry):
            self._digits = entry
            self.message.setText(self.words["pin.digits"])
            return
        if self._first is None:
            self._first = entry
            self._refresh()
            return
        first, self._first = self._first, None
        if entry != first:
            self._refresh()
            self.message.setText(self.words["pin.not_same"])
            return
        self._refresh()
        self.pinChosen.emit(entry)

    def show_problem(self, text: str) -> None:
        """The chosen PIN could not be stored: say why; staff start again."""
        self._digits = ""
        self._first = None
        self._refresh()
        self.message.setText(text)

    # -- what the pad shows -----------------------------------------------------
    def _refresh(self, keep_message: bool = False) -> None:
        if self.busy:
            return  # the keys stay off until the answer comes
        self.exit_button.setVisible(self.choosing and self.exit_offered)
        self.dots.setText(" ".join("\u25cf" * len(self._digits)) or " ")
        if self.choosing:
            self._show_choosing(keep_message)
            return
        self.enter_button.setText(self.words["pin.enter"])
        locked = self.gate.locked_for()
        self.title.setText(self.words["pin.title"])
        for button in self._keys():
            button.setEnabled(not locked)
        if locked:
            minutes = max(1, math.ceil(locked / 60))
            self.message.setText(self.words["pin.locked_one"] if minutes == 1
                                 else self.words.text("pin.locked", minutes=minutes))
            if not self._lock_timer.isActive():
                self._lock_timer.start()
            return
        if self._lock_timer.isActive():
            self._lock_timer.stop()
            self.message.setText("")
        if not keep_message:
            self.message.setText(self.words["pin.prompt"])

    def _show_choosing(self, keep_message: bool) -> None:
        for button in self._keys():
            button.setEnabled(True)
        if self._first is None:
            self.title.setText(self.words["pin.choose_title"])
            self.enter_button.setText(self.words["pin.next"])
            text = self.words["pin.choose"]
        else:
            self.title.setText(self.words["pin.again_title"])
            self.enter_button.setText(self.words["pin.save"])
            text = self.words["pin.again"]
        if not keep_message:
            self.message.setText(text)

    @property
    def locked(self) -> bool:
        return bool(self.gate.locked_for())
