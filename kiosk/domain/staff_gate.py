"""The staff PIN gate: checks PINs against the configured hash and locks after misses.

No Qt here, so the rules (five misses lock the pad for five minutes) are tested on their own.
The lock lives in memory: a restart clears it, but nothing on the kiosk screen can restart it.
:func:`save_pin` sets a new PIN the one way both ``kiosk set-pin`` and the kiosk's first-run
screen do it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.config import write_setting
from kiosk.domain.pin import DEFAULT_ITERATIONS, hash_pin, valid_pin, verify_pin

MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 5 * 60


@dataclass(frozen=True)
class Attempt:
    ok: bool
    attempts_left: int  # before the pad locks
    locked_for: float  # seconds the pad stays locked (0: not locked)


class PinGate:
    def __init__(self, pin_hash: str, clock: Callable[[], float] = time.monotonic,
                 max_attempts: int = MAX_ATTEMPTS, lockout_seconds: float = LOCKOUT_SECONDS):
        self.pin_hash = pin_hash
        self._clock = clock
        self.max_attempts = max_attempts
        self.lockout_seconds = lockout_seconds
        self._misses = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        """False when no staff PIN is set: the panel then only allows what is safe."""
        return bool(self.pin_hash)

    def locked_for(self) -> float:
        remaining = self._locked_until - self._clock()
        if remaining <= 0 and self._locked_until:
            self._locked_until = 0.0
            self._misses = 0
        return max(0.0, remaining)

    def attempts_left(self) -> int:
        return self.max_attempts - self._misses

    def try_pin(self, pin: str) -> Attempt:
        locked = self.locked_for()
        if locked:
            return Attempt(False, 0, locked)
        if self.configured and verify_pin(pin, self.pin_hash):
            self._misses = 0
            return Attempt(True, self.max_attempts, 0.0)
        self._misses += 1
        if self._misses >= self.max_attempts:
            self._locked_until = self._clock() + self.lockout_seconds
            return Attempt(False, 0, self.lockout_seconds)
        return Attempt(False, self.attempts_left(), 0.0)


def save_pin(path: Path, pin: str, iterations: int = DEFAULT_ITERATIONS) -> str:
    """Store a new staff PIN as ``admin_pin_hash`` in the settings file ``path``; return the hash.

    Only the salted hash is written, atomically, and the file becomes readable by its owner
    only (:func:`kiosk.domain.config.write_setting`). Raises ValueError for a PIN that is not
    4 to 8 digits, ConfigError when the settings file has problems, OSError when it cannot be
    written; the file is unchanged in each case.
    """
    if not valid_pin(pin):
        raise ValueError("a staff PIN is 4 to 8 digits (0-9), nothing else")
    encoded = hash_pin(pin, iterations=iterations)
    write_setting(Path(path), "admin_pin_hash", encoded)
    return encoded
