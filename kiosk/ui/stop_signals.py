"""Ctrl+C in the terminal and ``systemctl stop``: the kiosk ends cleanly.

The terminal that started the kiosk is staff, so SIGINT (Ctrl+C) and SIGTERM (systemd's
stop) end it like the staff panel's Exit does: the window closes, the usage database is
closed, one line goes to the log, and the exit code is 130 for SIGINT and 0 for SIGTERM.

Python runs a signal handler only between bytecodes, and while Qt's event loop waits for
the next event no Python code runs at all, so a handler alone would wait for a tap. The
interpreter's own C handler also writes the signal's number to a socket
(:func:`signal.set_wakeup_fd`); a QSocketNotifier on the other end wakes the event loop,
which stops the kiosk from there, never from inside whatever code the signal interrupted.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger("kiosk")

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 0}
_NAMES = {signal.SIGINT: "SIGINT (Ctrl+C)", signal.SIGTERM: "SIGTERM"}


class SignalStop(QObject):
    """Calls ``stop(exit_code)`` once, from the event loop, on the first SIGINT or SIGTERM."""

    def __init__(self, stop: Callable[[int], None], parent=None):
        super().__init__(parent)
        self._stop = stop
        self.stopped_by: signal.Signals | None = None
        self._previous: dict[signal.Signals, Any] = {}  # each signal's handler before ours
        self._previous_fd = -1
        self._reader: socket.socket | None = None
        self._writer: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None

    def install(self) -> SignalStop:
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for number in EXIT_CODES:
            self._previous[number] = signal.signal(number, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)
        return self

    def uninstall(self) -> None:
        if self._reader is None:
            return
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for end in (self._reader, self._writer):
            end.close()
        self._reader = self._writer = None

    @staticmethod
    def _on_signal(number, frame) -> None:
        """Nothing to do here: it only replaces the default (KeyboardInterrupt, or death by
        SIGTERM). The number reaches :meth:`_wake` through the wakeup socket."""

    def _wake(self) -> None:
        received = b""
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while chunk := self._reader.recv(64):
                received += chunk
        for number in received:
            if number in EXIT_CODES and self.stopped_by is None:
                self.stopped_by = signal.Signals(number)
                code = EXIT_CODES[self.stopped_by]
                log.info("kiosk stopped by %s; exit code %d", _NAMES[self.stopped_by], code)
                self._stop(code)
