"""The staff PIN pad: an on-screen keypad over the whole window (no keyboard needed).

It opens from the hidden corner gesture. Five wrong PINs lock it for five minutes (the
rule lives in :class:`kiosk.domain.staff_gate.PinGate`). With no PIN configured it says how
to set one and offers only what is safe: viewing the usage counts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.staff_gate import PinGate
from kiosk.ui.widgets import centred_card, touch_button

MAX_DIGITS = 8
MIN_DIGITS = 4


class PinPad(QWidget):
    accepted = Signal()  # the right PIN: open the full staff panel
    limitedRequested = Signal()  # no PIN set: open the read-only panel
    cancelled = Signal()

    def __init__(self, gate: PinGate, parent: QWidget):
        super().__init__(parent)
        self.gate = gate
        self.setObjectName("StaffScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._digits = ""
        column = centred_card(QVBoxLayout(self), 880, margins=(56, 48), spacing=20)
        self.title = QLabel()
        self.title.setObjectName("OverlayTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
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

        self.keys = QWidget()
        grid = QGridLayout(self.keys)
        grid.setSpacing(16)
        grid.setContentsMargins(0, 0, 0, 0)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self.digit_buttons[digit] = self._digit(digit)
            grid.addWidget(self.digit_buttons[digit], index // 3, index % 3)
        self.clear_button = touch_button(self.tr("Clear"), "pin")
        self.clear_button.clicked.connect(self.clear)
        self.digit_buttons["0"] = self._digit("0")
        self.delete_button = touch_button(self.tr("Delete"), "pin")
        self.delete_button.clicked.connect(self._delete)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self.digit_buttons["0"], 3, 1)
        grid.addWidget(self.delete_button, 3, 2)
        column.addWidget(self.keys)

        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.cancel_button = touch_button(self.tr("Back to the kiosk"))
        self.cancel_button.clicked.connect(self.cancelled)
        self.limited_button = touch_button(self.tr("View usage counts"), "primary")
        self.limited_button.clicked.connect(self.limitedRequested)
        self.enter_button = touch_button(self.tr("Enter"), "primary")
        self.enter_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.limited_button, 1)
        buttons.addWidget(self.enter_button, 1)
        column.addLayout(buttons)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._refresh)
        self.hide()

    def _digit(self, digit: str) -> QPushButton:
        button = touch_button(digit, "pin")
        button.clicked.connect(lambda: self.press(digit))
        return button

    # -- state ----------------------------------------------------------------
    def open(self) -> None:
        self._digits = ""
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self._refresh()

    def close_pad(self) -> None:
        self._digits = ""
        self._lock_timer.stop()
        self.hide()

    @property
    def entered(self) -> int:
        return len(self._digits)

    def press(self, digit: str) -> None:
        if self.gate.locked_for() or len(self._digits) >= MAX_DIGITS:
            return
        self._digits += digit
        self._refresh(keep_message=True)

    def _delete(self) -> None:
        self._digits = self._digits[:-1]
        self._refresh(keep_message=True)

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def submit(self) -> None:
        if len(self._digits) < MIN_DIGITS:
            self.message.setText(self.tr("Enter your staff PIN: 4 to 8 digits."))
            return
        attempt = self.gate.try_pin(self._digits)
        self._digits = ""
        if attempt.ok:
            self.close_pad()
            self.accepted.emit()
            return
        if attempt.locked_for:
            self._refresh()
            return
        self._refresh()
        left = attempt.attempts_left
        text = (self.tr("That PIN is not right. 1 try left before the pad locks.") if left == 1
                else self.tr("That PIN is not right. %1 tries left before the pad locks."))
        self.message.setText(text.replace("%1", str(left)))

    def _refresh(self, keep_message: bool = False) -> None:
        configured = self.gate.configured
        locked = self.gate.locked_for()
        self.keys.setVisible(configured)
        self.dots.setVisible(configured)
        self.enter_button.setVisible(configured)
        self.limited_button.setVisible(not configured)
        if not configured:
            self.title.setText(self.tr("No staff PIN is set"))
            self.message.setText(self.tr(
                "To set one, open a terminal on this computer and run \u201ckiosk set-pin\u201d "
                "(see \u201cRunning it in a clinic\u201d in the README). Until then, staff can only "
                "view the usage counts here."))
            return
        self.title.setText(self.tr("Staff PIN"))
        self.dots.setText(" ".join("\u25cf" * len(self._digits)) or " ")
        for button in (*self.digit_buttons.values(), self.clear_button, self.delete_button,
                       self.enter_button):
            button.setEnabled(not locked)
        if locked:
            minutes = max(1, math.ceil(locked / 60))
            text = (self.tr("Too many wrong PINs. The pad is locked; try again in 1 minute.") if minutes == 1
                    else self.tr("Too many wrong PINs. The pad is locked; try again in %1 minutes."))
            self.message.setText(text.replace("%1", str(minutes)))
            if not self._lock_timer.isActive():
                self._lock_timer.start()
            return
        if self._lock_timer.isActive():
            self._lock_timer.stop()
            self.message.setText("")
        if not keep_message:
            self.message.setText(self.tr("Enter your staff PIN."))

    @property
    def locked(self) -> bool:
        return bool(self.gate.locked_for())
