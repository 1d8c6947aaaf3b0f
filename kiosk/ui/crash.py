"""Crash recovery: an error anywhere is logged, the session is wiped, the attract screen returns.

The patient never sees a traceback. Log lines keep the error's type and where it happened,
never its message: a message could quote something a patient answered.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler

from kiosk.logsetup import QT_LOGGER

log = logging.getLogger("kiosk.crash")
qt_log = logging.getLogger(QT_LOGGER)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def describe_error(exc_type, exc, tb) -> str:
    """Type and stack of an error, without its message (it may hold a patient's answer)."""
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    return f"{exc_type.__module__}.{exc_type.__qualname__} (message withheld)\n{frames}".rstrip()


class CrashGuard:
    """Replaces ``sys.excepthook`` while the kiosk runs; :meth:`uninstall` puts it back."""

    def __init__(self, recover: Callable[[], None], min_interval_s: float = 1.0):
        self._recover = recover
        self._min_interval = min_interval_s
        self._last = -1e9
        self._previous: Callable[..., object] | None = None
        self.errors = 0

    def install(self) -> CrashGuard:
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        return self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        self.errors += 1
        log.error("error in the kiosk; the session is reset: %s", describe_error(exc_type, exc, tb))
        now = time.monotonic()
        if now - self._last < self._min_interval:
            return  # the reset itself failed just now: do not loop; the next error retries
        self._last = now
        QTimer.singleShot(0, self._safe_recover)

    def _safe_recover(self) -> None:
        try:
            self._recover()
        except Exception as exc:
            log.error("the reset after an error failed too: %s",
                      describe_error(type(exc), exc, exc.__traceback__))


def _qt_message(mode, context, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_qt_message_handler():
    """Send Qt's own warnings to the kiosk log (Qt does not know any patient data), not to
    the terminal (see :mod:`kiosk.logsetup`).

    Returns the handler it replaced."""
    return qInstallMessageHandler(_qt_message)
