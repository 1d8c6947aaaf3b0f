"""Parsed drawings cached on disk (kiosk.domain.diagrams.DiagramCache): same result, no re-parse."""

from __future__ import annotations

import os
import shutil

import pytest

from kiosk.domain import diagrams as diagrams_module
from kiosk.domain.diagrams import DiagramCache, load_diagrams
from kiosk.resources import default_diagrams_dir


@pytest.fixture
def drawings(tmp_path):
    folder = tmp_path / "diagrams"
    shutil.copytree(default_diagrams_dir(), folder)
    return folder


def _no_parsing(monkeypatch):
    def fail(path):
        raise AssertionError(f"{path.name} was parsed again")

    monkeypatch.setattr(diagrams_module, "load_diagram", fail)


def test_cached_drawings_equal_parsed_ones_and_skip_the_parser(drawings, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    parsed, problems = load_diagrams(drawings)
    assert not problems and len(parsed) >= 5
    first, _ = load_diagrams(drawings, cache)
    assert len(list(cache.glob("*.marshal"))) == len(parsed)
    _no_parsing(monkeypatch)
    again, problems = load_diagrams(drawings, cache)
    assert again == first == parsed and not problems
    assert all(d.path.parent == drawings for d in again)


def test_an_edited_drawing_is_parsed_again(drawings, tmp_path):
    cache = tmp_path / "cache"
    load_diagrams(drawings, cache)
    back = drawings / "back.svg"
    text = back.read_text(encoding="utf-8")
    back.write_text(text.replace('<title id="title">', '<title id="title">Edited ', 1), encoding="utf-8")
    again, _ = load_diagrams(drawings, cache)
    assert next(d for d in again if d.id == "back").title.startswith("Edited ")


def test_a_damaged_entry_is_a_miss_and_is_rewritten(drawings, tmp_path):
    cache = tmp_path / "cache"
    parsed, _ = load_diagrams(drawings, cache)
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(entry.read_bytes()[:100])
    again, problems = load_diagrams(drawings, cache)
    assert again == parsed and not problems
    assert DiagramCache(cache).get(drawings / "back.svg") is not None


def test_drawings_with_problems_are_not_cached(drawings, tmp_path):
    cache = tmp_path / "cache"
    back = drawings / "back.svg"
    back.write_text(back.read_text(encoding="utf-8").replace('class="region"', 'class="region" id=""', 1)
                    .replace("</svg>", '<path class="region" d="M0 0"/></svg>'), encoding="utf-8")
    _, problems = load_diagrams(drawings, cache)
    assert problems
    _, again = load_diagrams(drawings, cache)
    assert again == problems
    assert DiagramCache(cache).get(back) is None


def test_an_unwritable_cache_folder_only_costs_time(drawings, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    parsed, problems = load_diagrams(drawings, blocked / "cache")
    assert len(parsed) >= 5 and not problems


def test_prune_keeps_the_newest_entries(tmp_path):
    cache = DiagramCache(tmp_path)
    for number in range(DiagramCache.KEEP + 5):
        entry = tmp_path / f"{number:040d}.marshal"
        entry.write_bytes(b"x")
        os.utime(entry, (number, number))
    cache.prune()
    left = sorted(p.name for p in tmp_path.glob("*.marshal"))
    assert len(left) == DiagramCache.KEEP and left[0] == f"{5:040d}.marshal"
