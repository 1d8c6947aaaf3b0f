"""Logging to stderr and a rotating file in the user's log folder.

Nothing a patient answers is ever passed to a logger; log lines name screens, files
and problems only.
"""

from __future__ import annotations

import logging
import logging.handlers
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
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(_FORMAT))
            root.addHandler(handler)
        except OSError as exc:  # a read-only or full disk never stops the kiosk
            root.warning("cannot write the log file: %s", exc)
            log_file = None
    root._kiosk_configured = True  # type: ignore[attr-defined]
    return log_file
