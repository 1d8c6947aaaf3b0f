"""The staff PIN: salted PBKDF2-SHA256 hashes, standard library only.

A hash looks like ``pbkdf2_sha256$600000$<salt base64>$<hash base64>``. Only the hash is
ever stored (``admin_pin_hash`` in ``kiosk.toml``); the PIN itself is never written or logged.
The kiosk's on-screen PIN pad has digits only, so a PIN is 4 to 8 ASCII digits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets

SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
MAX_ITERATIONS = 10_000_000  # a bound, so that a doctored hash cannot stall the kiosk
SALT_BYTES = 16
_DIGEST_BYTES = 32  # SHA-256
_PIN = re.compile(r"[0-9]{4,8}")
_ITERATIONS = re.compile(r"[1-9][0-9]{0,7}")


def valid_pin(pin: str) -> bool:
    """True for 4 to 8 ASCII digits (what the on-screen PIN pad can type)."""
    return isinstance(pin, str) and _PIN.fullmatch(pin) is not None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """Hash a PIN for ``admin_pin_hash``. Raises ValueError for a PIN that is not 4-8 digits."""
    if not valid_pin(pin):
        raise ValueError("a staff PIN is 4 to 8 digits")
    if type(iterations) is not int or not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be a whole number from 1 to {MAX_ITERATIONS}")
    if salt is None:
        salt = secrets.token_bytes(SALT_BYTES)
    if not salt:
        raise ValueError("the salt must not be empty")
    return f"{SCHEME}${iterations}${_b64(salt)}${_b64(_derive(pin, salt, iterations))}"


def _parse(encoded: str) -> tuple[int, bytes, bytes] | None:
    if not isinstance(encoded, str):
        return None
    parts = encoded.split("$")
    if len(parts) != 4 or parts[0] != SCHEME or not _ITERATIONS.fullmatch(parts[1]):
        return None
    iterations = int(parts[1])
    if iterations > MAX_ITERATIONS:
        return None
    try:
        salt, digest = _unb64(parts[2]), _unb64(parts[3])
    except (binascii.Error, UnicodeEncodeError):
        return None
    if not salt or len(digest) != _DIGEST_BYTES:
        return None
    return iterations, salt, digest


def is_valid_hash(encoded: str) -> bool:
    """True when ``encoded`` has the form :func:`hash_pin` produces."""
    return _parse(encoded) is not None


def verify_pin(pin: str, encoded: str) -> bool:
    """True when ``pin`` matches the hash. False (never an exception) for anything malformed."""
    parsed = _parse(encoded)
    if parsed is None or not isinstance(pin, str):
        return False
    iterations, salt, digest = parsed
    try:
        candidate = _derive(pin, salt, iterations)
    except UnicodeEncodeError:  # a lone surrogate cannot be a typed PIN
        return False
    return hmac.compare_digest(candidate, digest)
