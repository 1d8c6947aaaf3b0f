"""The bundle's trimmed ICU data (deploy/icu_data.py): English and Spanish kept, the rest dropped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

from deploy import icu_data

LIBRARIES = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
needs_library = pytest.mark.skipif(not LIBRARIES or not icu_data.tools_available(),
                                   reason="no ICU data library in this Qt, or no binutils")


@pytest.mark.parametrize(("name", "kept"), [
    ("es.res", True), ("en_GB.res", True), ("coll/es.res", True), ("zone/en.res", True),
    ("root.res", True), ("pool.res", True), ("coll/ucadata.icu", True), ("brkitr/line.brk", True),
    ("supplementalData.res", True), ("zoneinfo64.res", True), ("unames.icu", True),
    ("de.res", False), ("coll/zh.res", False), ("curr/sr_Latn_BA.res", False), ("yue_Hant.res", False),
    ("ibm-943_P15A-2003.cnv", False), ("brkitr/cjdict.dict", False),
])
def test_keep_item_keeps_shared_tables_and_the_kiosk_languages(name, kept):
    assert icu_data.keep_item(name) is kept


@needs_library
def test_items_survive_a_round_trip_byte_for_byte():
    _, offset, size = icu_data._symbol(LIBRARIES[0])
    raw = LIBRARIES[0].read_bytes()[offset:offset + size]
    header, items = icu_data.read_items(raw)
    assert len(items) > 1000
    assert icu_data.write_items(header, items) == raw


@needs_library
def test_trimmed_library_is_small_and_holds_what_it_kept(tmp_path):
    library = icu_data.build_trimmed_library(LIBRARIES[0], tmp_path)
    assert library.name == LIBRARIES[0].name
    assert library.stat().st_size < LIBRARIES[0].stat().st_size / 4
    _, offset, size = icu_data._symbol(library)
    _, items = icu_data.read_items(library.read_bytes()[offset:offset + size])
    names = {name.split("/", 1)[1] for name, _ in items}
    assert {"es.res", "en.res", "coll/es.res", "coll/ucadata.icu", "root.res"} <= names
    assert "de.res" not in names and not any(n.endswith(".cnv") for n in names)
    if shutil.which("readelf"):
        dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True).stdout
        assert f"[{LIBRARIES[0].name}]" in dynamic  # same soname, so Qt Core loads it
