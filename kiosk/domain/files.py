"""Reading the files staff edit: regular files only, up to a size limit, as UTF-8 text.

A named pipe in the content folder cannot make a check wait forever, and a link to
``/dev/zero`` cannot fill the memory: what is opened is checked before a byte is read, and
no more than the limit is read. Every failure is a :class:`SourceError` with a message
ready for a ``path:line: message`` problem.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 250_000  # a settings or questionnaire file (the shipped ones are under 25 KB)


class SourceError(Exception):
    """A file cannot be read as text. ``line`` 0: the file as a whole."""

    def __init__(self, message: str, line: int = 0, decoding: bool = False):
        super().__init__(message)
        self.message = message
        self.line = line
        self.decoding = decoding  # the bytes were read but are not UTF-8 text


_KINDS = ((stat.S_ISDIR, "it is a folder, not a file"),
          (stat.S_ISFIFO, "it is a named pipe, not a regular file"),
          (stat.S_ISCHR, "it is a device, not a regular file"),
          (stat.S_ISBLK, "it is a device, not a regular file"),
          (stat.S_ISSOCK, "it is a socket, not a regular file"))


def size_text(size: int) -> str:
    """A file size for people: ``3.1 MB``, ``250 KB``, ``12 bytes``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.0f} KB"
    return f"{size} bytes"


def _too_large(size: int, limit: int) -> str:
    shown, most = size_text(size), size_text(limit)
    if shown == most:  # just over the limit: the rounded sizes would read the same
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"cannot read: the file is too large ({shown}; at most {most})"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    Opens without waiting (a named pipe never blocks) and checks what was opened, so only a
    regular file (or a link to one) is read. Raises SourceError saying why not.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(handle)
        for test, why in _KINDS:
            if test(info.st_mode):
                raise SourceError(f"cannot read: {why}")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("cannot read: not a regular file")
        if info.st_size > max_bytes:
            raise SourceError(_too_large(info.st_size, max_bytes))
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(handle, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew after the size check
            raise SourceError(_too_large(total, max_bytes))
        return b"".join(chunks)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.close(handle)


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped). Raises SourceError naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})", line,
                          decoding=True) from None


def read_source(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes``. Raises SourceError."""
    return decode(read_bytes(Path(path), max_bytes))
