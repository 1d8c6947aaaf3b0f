"""Logging to stderr and a rotating file in the user's log folder.

Nothing a patient answers is ever passed to a logger; log lines name screens, files
and problems only.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path

import platformdirs

APP_NAME = "spine-kiosk"
QT_LOGGER = "kiosk.qt"  # Qt's own messages (kiosk.ui.crash forwards them here)
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _NoTraceback(logging.Formatter):
    """Terminal lines stay one line: the traceback goes to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname}: {record.getMessage()}"


def _for_the_terminal(record: logging.LogRecord) -> bool:
    """Records marked "shown" were already printed for the person at the terminal, and Qt's
    own chatter (a platform plugin that "does not support propagateSizeHints()") is for the
    log file only, unless Qt is about to abort."""
    if getattr(record, "shown", False):
        return False
    return record.name != QT_LOGGER or record.levelno >= logging.CRITICAL


class _LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file. When it cannot be written (a full disk, its folder removed or
    made read-only), one line on stderr says so, not a traceback for every record; once a
    record is written again, a later failure is reported again."""

    failing = False
    _error = False

    def emit(self, record: logging.LogRecord) -> None:
        self._error = False
        super().emit(record)  # calls handleError on failure
        if not self._error:
            self.failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._error = True
        if self.failing:
            return
        self.failing = True
        reason = sys.exc_info()[1]
        with contextlib.suppress(OSError, ValueError):  # no terminal either: nothing more to do
            sys.stderr.write(f"WARNING: cannot write the log file {self.baseFilename} ({reason}); "
                             "the kiosk keeps running and its warnings still go here\n")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(level: int = logging.INFO, to_file: bool = True) -> Path | None:
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return None
    root.setLevel(level)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(_NoTraceback())
    stderr.addFilter(_for_the_terminal)
    root.addHandler(stderr)
    log_file = None
    if to_file:
        try:
            folder = log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            log_file = folder / "kiosk.log"
            handler = _LogFile(
                log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(_FORMAT))
            root.addHandler(handler)
        except OSError as exc:  # a read-only or full disk never stops the kiosk
            root.warning("cannot write the log file: %s", exc)
            log_file = None
    root._kiosk_configured = True  # type: ignore[attr-defined]
    return log_file
