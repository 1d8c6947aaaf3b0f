"""One slow call at a time off the GUI thread, its answer delivered back on the GUI thread.

The staff PIN pad checks and hashes PINs with 600,000 rounds of PBKDF2 (0.2 s here, up to a
second on a slow kiosk PC): on the GUI thread that would freeze the screen, the busy
indicator and the systemd watchdog ping. ``hashlib`` lets other threads run meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.ui.crash import describe_error

log = logging.getLogger(__name__)


class Background(QObject):
    """Runs ``work`` on a worker thread and ``then(result)`` on the thread this object lives in."""

    finished = Signal(object)  # (ok, result or exception), emitted from the worker thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._then: Callable[[Any], None] | None = None
        self._failed: Callable[[], None] | None = None
        self.finished.connect(self._deliver)  # queued: the worker thread is not this object's

    @property
    def busy(self) -> bool:
        return self._then is not None

    def run(self, work: Callable[[], Any], then: Callable[[Any], None],
            failed: Callable[[], None] | None = None) -> bool:
        """Start ``work``; then ``then(result)``, or ``failed()`` if it raised (logged).

        False (and nothing started) while an earlier call is still running."""
        if self._then is not None:
            return False
        self._then, self._failed = then, failed
        threading.Thread(target=self._work, args=(work,), name="kiosk-background", daemon=True).start()
        return True

    def _work(self, work: Callable[[], Any]) -> None:
        try:
            outcome = (True, work())
        except Exception as exc:
            outcome = (False, exc)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.finished.emit(outcome)

    def _deliver(self, outcome: tuple[bool, Any]) -> None:
        then, failed = self._then, self._failed
        self._then = self._failed = None
        ok, value = outcome
        if not ok:
            log.error("background work failed: %s", describe_error(type(value), value, value.__traceback__))
            if failed is not None:
                failed()
            return
        if then is not None:
            then(value)
