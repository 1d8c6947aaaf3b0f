"""The way into the staff panel: the staff PIN, its pad, and the first PIN on a first run.

The PIN's hash lives in the settings file. ``kiosk set-pin`` may change it while the kiosk
runs: on each corner gesture the file is read again when it has changed since the last
look, so the new PIN works without a restart. With no PIN set, the pad is the first-run
screen; the PIN chosen there is stored exactly as ``kiosk set-pin`` stores one
(:func:`kiosk.domain.staff_gate.save_pin`: only its salted hash, written atomically) and
used at once. The hash is made off the GUI thread while the pad shows that it is busy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.domain.config import Config, ConfigError, default_config_path, load_config
from kiosk.domain.pin import DEFAULT_ITERATIONS, hash_pin, valid_pin
from kiosk.domain.staff_gate import PinGate, store_pin_hash
from kiosk.domain.ui_words import UiWords
from kiosk.ui.pinpad import PinPad

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int] | None:
    """When and how big the file last changed (None: there is no file)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class StaffAccess(QObject):
    unlocked = Signal()  # the right PIN: open the staff panel
    pinSaved = Signal(object)  # first run: a new PIN is set and stored in this settings file (Path)
    exitRequested = Signal()  # first run in a normal window: leave without setting a PIN

    def __init__(self, window: QWidget, config: Config, config_path: Path | None, words: UiWords):
        super().__init__(window)
        self.kiosk_mode = config.kiosk_mode
        self.config_path = Path(config_path) if config_path is not None else None
        self.iterations = DEFAULT_ITERATIONS  # PBKDF2 rounds of a PIN chosen here, as set-pin's
        self.gate = PinGate(config.admin_pin_hash)
        self.pad = PinPad(self.gate, words, window, exit_offered=not config.kiosk_mode)
        self.pad.accepted.connect(self.unlocked)
        self.pad.pinChosen.connect(self.save_first_pin)
        self.pad.exitRequested.connect(self._exit_without_pin)
        self._seen = _stamp(self.settings_path)

    @property
    def settings_path(self) -> Path:
        """The settings file: the one the kiosk started with, else where 'kiosk set-pin' writes."""
        return self.config_path if self.config_path is not None else default_config_path()

    def open(self, words: UiWords | None = None) -> None:
        """The corner gesture: the PIN pad, or with no PIN set the first-run screen (in ``words``,
        the language on screen)."""
        self.reread_pin()
        self.pad.open(words)

    def reread_pin(self) -> None:
        """Take a PIN set with 'kiosk set-pin' while the kiosk runs (if the file has changed)."""
        path = self.settings_path
        stamp = _stamp(path)
        if stamp is None or stamp == self._seen:
            return
        self._seen = stamp
        try:
            pin_hash = load_config(path).admin_pin_hash
        except ConfigError as exc:
            log.warning("the settings file %s changed but has problems; the staff PIN stays as it "
                        "was: %s", path, exc.problems[0])
            return
        if pin_hash != self.gate.pin_hash:
            self.gate.pin_hash = pin_hash
            log.info("the staff PIN was changed in %s; it is used from now on", path)

    def save_first_pin(self, pin: str) -> bool:
        """First run: hash the PIN chosen on the screen (off the GUI thread), then store it and
        use it from now on. False when nothing was started."""
        if self.gate.configured or not self.pad.isVisible() or not valid_pin(pin):
            return False
        iterations = self.iterations
        started = self.pad.worker.run(lambda: hash_pin(pin, iterations=iterations), self._store_first_pin,
                                      self._hash_failed)
        if started:
            self.pad.show_busy(self.pad.words["pin.saving"])
        return started

    def _hash_failed(self) -> None:
        self.pad.end_busy()
        self.pad.show_problem(self.pad.words["pin.not_saved"])

    def _store_first_pin(self, encoded: str) -> None:
        self.pad.end_busy()
        if self.gate.configured:  # set meanwhile ('kiosk set-pin'): that one stays
            return
        path = self.settings_path
        try:
            store_pin_hash(path, encoded)
            self.gate.pin_hash = encoded
        except (ValueError, ConfigError, OSError) as exc:
            if isinstance(exc, ConfigError):
                reason = str(exc.problems[0])
            else:
                reason = getattr(exc, "strerror", None) or str(exc)
            log.warning("the staff PIN could not be saved in %s: %s", path, reason)
            self.pad.show_problem(self.pad.words.text("pin.not_saved_in", file=path, reason=reason))
            return
        self.config_path = path
        self._seen = _stamp(path)
        log.info("staff PIN set on the first-run screen; its hash is stored in %s", path)
        if self.pad.isVisible():  # not after the idle reset closed the pad meanwhile
            self.pad.close_pad()
            self.pinSaved.emit(path)

    def _exit_without_pin(self) -> None:
        """Only a normal window may be left before a PIN is set; a locked kiosk needs one."""
        if self.kiosk_mode or self.gate.configured or not self.pad.isVisible():
            return
        log.info("kiosk closed from the first-run screen (no staff PIN set)")
        self.exitRequested.emit()
