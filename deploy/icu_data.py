"""Trim the ICU data library that Qt links to the languages the kiosk shows.

Qt Core links ICU, whose data library (``libicudata.so.73``) holds collation, names,
currencies, units and time-zone names for every locale ICU knows, plus legacy character
set converters: 31 MB, a fifth of the bundle. The kiosk shows English and Spanish and reads
UTF-8 only, so the bundle build keeps the shared tables and those two languages, and writes a
smaller library with the same name and exported symbol. Only Python and binutils (``as``,
``ld``, which PyInstaller needs anyway) are used.

ICU's common data format: a header, then a table of contents (a count, then one pair of
name and data offsets per item, sorted by name), the names, and the items, each aligned
to 16 bytes.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("en", "es")
# A locale item: "af.res", "coll/de_AT.res", "zone/sr_Latn_BA.res" (not pool.res, root.res,
# supplementalData.res, ucadata.icu...).
_LOCALE_ITEM = re.compile(r"^(?:[a-z]+/)?(?P<lang>[a-z]{2,3})(?:_[A-Za-z0-9_]+)?\.res$")
# Legacy character set converters (Qt and the kiosk use UTF-8 and UTF-16, built into ICU)
# and line-break dictionaries for Chinese, Japanese, Thai, Khmer, Lao and Burmese.
_DROPPED_SUFFIXES = (".cnv", ".dict")


def keep_item(name: str, languages=KEEP_LANGUAGES) -> bool:
    """Whether an item (named without the ``icudt73l/`` prefix) stays in the trimmed data."""
    if name.endswith(_DROPPED_SUFFIXES):
        return False
    match = _LOCALE_ITEM.match(name)
    return match is None or match["lang"] in languages


def read_items(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split common data into its header and (name, bytes) items, in table order."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or b"CmnD" not in data[:header_size]:
        raise ValueError("not ICU common data")
    count = struct.unpack_from("<I", data, header_size)[0]
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        end = entries[index + 1][1] if index + 1 < count else len(data) - header_size
        raw_name = data[header_size + name_offset:data.index(b"\0", header_size + name_offset)]
        items.append((raw_name.decode("ascii"), data[header_size + data_offset:header_size + end]))
    return data[:header_size], items


def write_items(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """Common data with these items (names already sorted, as read); ICU pads with 0xAA."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    first_data = toc_size + len(names)
    first_data += -first_data % 16
    offsets, position = [], first_data
    body = bytearray()
    name_position = toc_size
    for name, blob in items:
        offsets.append((name_position, position))
        name_position += len(name) + 1
        padded = blob + b"\xaa" * (-len(blob) % 16)
        body += padded
        position += len(padded)
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *pair) for pair in offsets)
    return header + toc + names + b"\xaa" * (first_data - toc_size - len(names)) + bytes(body)


def trim(data: bytes, languages=KEEP_LANGUAGES) -> bytes:
    header, items = read_items(data)
    prefix = items[0][0].split("/", 1)[0] + "/"
    kept = [(name, blob) for name, blob in items if keep_item(name.removeprefix(prefix), languages)]
    return write_items(header, kept)


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol (``icudt73_dat``), its file offset and its size."""
    out = subprocess.run(["nm", "-D", "-S", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            address, size = int(parts[0], 16), int(parts[1], 16)
            return parts[3], _file_offset(library, address), size
    raise ValueError(f"no ICU data symbol in {library.name}")


def _file_offset(library: Path, address: int) -> int:
    out = subprocess.run(["readelf", "-W", "-l", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "LOAD":
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                return address - vaddr + offset
    raise ValueError("data symbol outside every loaded segment")


def build_trimmed_library(library: Path, out_dir: Path, languages=KEEP_LANGUAGES) -> Path:
    """Write a trimmed copy of ``libicudata.so.NN`` into ``out_dir`` and return its path."""
    symbol, offset, size = _symbol(library)
    raw = library.read_bytes()[offset:offset + size]
    trimmed = trim(raw, languages)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = (out_dir / library.name).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "data.dat").write_bytes(trimmed)
        (work / "data.s").write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
            f'{symbol}:\n.incbin "data.dat"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        subprocess.run(["as", "-o", "data.o", "data.s"], cwd=work, check=True)
        subprocess.run(["ld", "-shared", "-soname", library.name, "-o", str(target), "data.o"],
                       cwd=work, check=True)
    return target


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("nm", "readelf", "as", "ld"))
