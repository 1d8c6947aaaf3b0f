"""The staff PIN gate: checks PINs against the configured hash and locks after misses.

No Qt here, so the rules (five misses lock the pad for five minutes) are tested on their own.
The lock lives in memory: a restart clears it, but nothing on the kiosk screen can restart it.
:func:`save_pin` sets a new PIN the one way both ``kiosk set-pin`` and the kiosk's first-run
screen do it.

Checking a PIN costs 600,000 rounds of PBKDF2 (0.2 s here, up to a second on a slow kiosk
PC), so the PIN pad runs :meth:`PinGate.check` (no state, safe on another thread) off the
GUI thread and hands its answer to :meth:`PinGate.record` (the misses and the lock) back on
it; :meth:`PinGate.try_pin` does both at once. Likewise :func:`hash_pin` then
:func:`store_pin_hash` are :func:`save_pin` in two steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.domain.config import write_setting
from kiosk.domain.pin import DEFAULT_ITERATIONS, hash_pin, is_valid_hash, valid_pin, verify_pin

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

    def check(self, pin: str, pin_hash: str | None = None) -> bool:
        """True when ``pin`` matches the stored (or the given) hash. Slow, and changes nothing."""
        pin_hash = self.pin_hash if pin_hash is None else pin_hash
        return bool(pin_hash) and verify_pin(pin, pin_hash)

    def try_pin(self, pin: str) -> Attempt:
        locked = self.locked_for()
        if locked:
            return Attempt(False, 0, locked)
        return self.record(self.check(pin))

    def record(self, ok: bool) -> Attempt:
        """Count the answer of :meth:`check`: a miss brings the lock closer, a match clears them."""
        locked = self.locked_for()
        if locked:
            return Attempt(False, 0, locked)
        if ok:
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
    store_pin_hash(path, encoded)
    return encoded


def store_pin_hash(path: Path, encoded: str) -> None:
    """The second step of :func:`save_pin`: store a hash made by :func:`hash_pin`."""
    if not is_valid_hash(encoded):
        raise ValueError("not a PIN hash made by hash_pin")
    write_setting(Path(path), "admin_pin_hash", encoded)
