"""Faults a kiosk meets over months: the disk, the log, the content folder, the font, the printer.

In each, the kiosk keeps running, loses no count it had committed and says what happened
once in the log (not once per count or per record). The faults tested elsewhere: a folder of
the usage database that is read-only for a normal user, deleted while counting, a file
deleted or replaced while counting, a garbage or truncated file found at start, a locked
database, kill -9 in a burst of counts (``tests/test_usage.py``); no printer set
(``tests/test_operations.py``); bad content on a staff reload (``tests/test_start_failures.py``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.domain import usage
from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.domain.pin import hash_pin
from kiosk.domain.usage import UsageCounter
from kiosk.resources import default_content_dir
from kiosk.ui.shell import KioskWindow, NavState, Screen

ROOT = Path(__file__).resolve().parent.parent
PIN = "2468"
USAGE_LOG = "kiosk.domain.usage"


def _usage_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == USAGE_LOG and r.levelno >= logging.WARNING]


def _stored(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("SELECT key, n FROM counts WHERE metric = 'page'").fetchall())


def _today() -> date:
    return date(2026, 11, 26)


# -- the usage database ------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "usage.sqlite3"


def test_a_database_made_read_only_keeps_its_counts_and_says_so_once(db, caplog, monkeypatch):
    """A read-only file (a mount turned read-only, or permissions root ignores): SQLite itself
    refuses each write; opened read-only here, so the test also works as root."""
    counter = UsageCounter(db, today=_today)
    for key in ("a", "b", "c"):
        counter.count("page", key)
    counter.close()
    real_connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        if isinstance(path, str) and path.startswith("file:"):
            return real_connect(path, *args, **kwargs)
        kwargs.pop("uri", None)
        return real_connect(Path(path).absolute().as_uri() + "?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(usage.sqlite3, "connect", read_only)
    with caplog.at_level(logging.WARNING, logger=USAGE_LOG):
        for _ in range(20):
            counter.count("page", "a")  # never raises
    warnings = _usage_warnings(caplog)
    assert len(warnings) == 1 and "readonly" in warnings[0] and str(db) in warnings[0]
    monkeypatch.undo()
    assert _stored(db) == {"a": 1, "b": 1, "c": 1}  # nothing committed was lost
    counter.count("page", "a")  # writable again: counting goes on
    counter.close()
    assert _stored(db) == {"a": 2, "b": 1, "c": 1}
    assert len(_usage_warnings(caplog)) == 1


def test_a_full_disk_loses_only_the_counts_it_could_not_write(db, caplog, monkeypatch):
    """SQLite's own "database or disk is full", from a page limit at the file's current size."""
    counter = UsageCounter(db, today=_today)
    counter.count("page", "first")
    counter.close()
    real_connect = sqlite3.connect

    def full_disk(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(usage.sqlite3, "connect", full_disk)
    written = ["first"]
    with caplog.at_level(logging.WARNING, logger=USAGE_LOG):
        for i in range(400):  # new keys need new pages: the disk fills up
            key = f"page-{i:03d}-" + "x" * 40
            counter.count("page", key)
            if _usage_warnings(caplog):
                break
            written.append(key)
        for i in range(50):
            counter.count("page", f"later-{i}")  # still full: dropped, never raised, not logged again
    warnings = _usage_warnings(caplog)
    assert len(warnings) == 1 and "full" in warnings[0], warnings
    assert len(written) > 1  # some counts fitted before the disk filled
    monkeypatch.undo()
    with caplog.at_level(logging.INFO, logger=USAGE_LOG):
        counter.count("page", "after")  # space again
    counter.close()
    assert _stored(db) == {key: 1 for key in [*written, "after"]}
    assert any("saved again" in r.getMessage() for r in caplog.records if r.name == USAGE_LOG)


@pytest.mark.parametrize("how", ["replaced", "overwritten"])
def test_a_database_turned_to_garbage_while_counting_is_moved_aside_once(db, caplog, how):
    with UsageCounter(db, today=_today) as counter:
        counter.count("page", "before")
        counter.checkpoint()  # between visits: the count is in the database file itself
        garbage = os.urandom(64 * 1024)
        if how == "replaced":  # a new file at the path (another inode)
            other = db.with_name("garbage")
            other.write_bytes(garbage)
            os.replace(other, db)
        else:  # the same file written over (as "cp" does)
            db.write_bytes(garbage)
        with caplog.at_level(logging.WARNING, logger=USAGE_LOG):
            for _ in range(10):
                counter.count("page", "after")
        assert counter.totals("page") == {"after": 10}
    aside = [p for p in db.parent.glob(db.name + ".corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1
    moved = [m for m in _usage_warnings(caplog) if "moved it to" in m]
    assert len(moved) == 1 and str(aside[0]) in moved[0]
    assert len(_usage_warnings(caplog)) <= 2  # at most "removed or replaced" and "moved aside"
    assert _stored(db) == {"after": 10}
    with UsageCounter(db, today=_today) as again:  # and after a restart
        assert again.totals("page") == {"after": 10}


# -- the log -------------------------------------------------------------------------------------------


def _run_logging(env: dict, records: int) -> subprocess.CompletedProcess:
    code = ("import logging, sys\n"
            "from kiosk.logsetup import setup_logging\n"
            "print(setup_logging())\n"
            f"for i in range({records}):\n"
            "    logging.getLogger('kiosk.test').warning('record %d', i)\n"
            "print('still running')\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={**os.environ, **env})


def test_a_log_folder_that_cannot_be_made_is_one_line_and_the_kiosk_runs(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "spine-kiosk").write_text("a file where the log folder should be", encoding="utf-8")
    result = _run_logging({"XDG_STATE_HOME": str(state)}, 5)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["None", "still running"]
    lines = result.stderr.splitlines()
    assert [line for line in lines if "cannot write the log file" in line] == [lines[0]]
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_log_file_on_a_full_disk_is_reported_once_not_per_record(tmp_path):
    folder = tmp_path / "state" / "spine-kiosk" / "log"
    folder.mkdir(parents=True)
    (folder / "kiosk.log").symlink_to("/dev/full")  # every write: "No space left on device"
    result = _run_logging({"XDG_STATE_HOME": str(tmp_path / "state")}, 50)
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "still running"
    assert "Logging error" not in result.stderr and "Traceback" not in result.stderr
    notes = [line for line in result.stderr.splitlines() if "cannot write the log file" in line]
    assert len(notes) == 1 and "No space left on device" in notes[0]
    assert result.stderr.count("record ") == 50  # the warnings themselves still reach the terminal


def test_a_log_file_that_works_again_is_reported_again_when_it_next_fails(tmp_path, capsys):
    from kiosk.logsetup import _LogFile

    handler = _LogFile(tmp_path / "kiosk.log", maxBytes=1_000_000, backupCount=1, encoding="utf-8")
    record = logging.LogRecord("kiosk.test", logging.WARNING, __file__, 1, "hello", None, None)
    real_emit = logging.FileHandler.emit

    def failing(self, record):
        try:
            raise OSError(28, "No space left on device")
        except OSError:
            self.handleError(record)

    try:
        logging.FileHandler.emit = failing
        handler.emit(record)
        handler.emit(record)
        logging.FileHandler.emit = real_emit
        handler.emit(record)
        logging.FileHandler.emit = failing
        handler.emit(record)
    finally:
        logging.FileHandler.emit = real_emit
        handler.close()
    assert capsys.readouterr().err.count("cannot write the log file") == 2
    assert (tmp_path / "kiosk.log").read_text(encoding="utf-8") == "hello\n"


# -- the window: content, font, printer -----------------------------------------------------------------


@pytest.fixture
def window_with(shown_windows):
    show = shown_windows

    def make(content, loader, **overrides):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True,
                         admin_pin_hash=hash_pin(PIN, iterations=1000), **overrides)
        window = KioskWindow(config, content, [], loader=loader, languages=["en"])
        return show(window)

    yield make


def _unlock(qtbot, window) -> None:
    window.open_staff_gate()
    for digit in PIN:
        window.pin_pad.digit_buttons[digit].click()
    window.pin_pad.enter_button.click()
    qtbot.waitUntil(lambda: window.staff_unlocked, timeout=5000)


def _set_title(root: Path, page: str, title: str) -> None:
    path = next(root.glob(f"en/*/{page}.md"))
    text = path.read_text(encoding="utf-8")
    lines = [f'title = "{title}"' if line.startswith("title = ") else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_content_folder_replaced_while_running_is_used_on_reload_or_refused(window_with, qtbot,
                                                                               tmp_path, caplog):
    root = tmp_path / "content"
    shutil.copytree(default_content_dir(), root)
    cache = tmp_path / "diagram-cache"
    loader = lambda language: load_content(root, language, diagram_cache=cache)  # noqa: E731
    content, problems = loader("en")
    assert problems == []
    window = window_with(content, loader)
    _unlock(qtbot, window)

    # A new folder put in place of the old one (a copy from the clinic's USB stick).
    new = tmp_path / "content-new"
    shutil.copytree(root, new)
    _set_title(new, "sciatica", "Sciatica, as the clinic explains it")
    shutil.rmtree(root)
    new.rename(root)
    window.staff_panel.reload_button.click()
    assert "reloaded" in window.staff_panel.message.text()
    assert window.content.get("sciatica").title == "Sciatica, as the clinic explains it"

    # Replaced by a broken one: refused, its problems listed and logged once each, the old one stays.
    shown = window.content
    _set_title(root, "sciatica", "")
    caplog.clear()
    window.staff_panel.reload_button.click()
    assert window.content is shown and "not loaded" in window.staff_panel.message.text()
    listed = window.staff_panel.problem_list.toPlainText()
    assert "sciatica.md:" in listed and "title" in listed
    refused = [r.getMessage() for r in caplog.records if "reload refused" in r.getMessage()]
    assert refused and len(refused) == len(set(refused))

    # Gone altogether: refused too, and the kiosk goes on showing what it had.
    shutil.rmtree(root)
    window.staff_panel.reload_button.click()
    assert window.content is shown and "not loaded" in window.staff_panel.message.text()
    assert str(root) in window.staff_panel.problem_list.toPlainText()
    window.close_staff()
    window.navigate(NavState(Screen.DIAGRAM, "sciatica"))
    assert window.state == NavState(Screen.DIAGRAM, "sciatica")
    assert window.diagram.panel.current_id == "sciatica"


def test_a_missing_or_broken_font_falls_back_to_the_system_font_once(kiosk_app, tmp_path, monkeypatch,
                                                                      caplog):
    from kiosk.ui import app as app_module

    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font" * 100)
    monkeypatch.setattr(app_module, "font_files", lambda: [tmp_path / "missing.ttf", broken])
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.app"):
        assert app_module.load_fonts() is False
    warnings = [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.app"]
    assert warnings == ["Atkinson Hyperlegible could not be loaded; using the system font"]

    monkeypatch.setattr(app_module, "font_files", lambda: [])  # the package itself missing
    assert app_module.load_fonts() is False


def test_a_printer_that_is_gone_is_said_on_screen_and_once_in_the_log(window_with, qtbot, shipped, caplog):
    window = window_with(shipped, lambda language: (shipped, []), printer="Front desk")
    window.printer_factory = lambda: None  # the configured printer is not known to the system
    _unlock(qtbot, window)
    with caplog.at_level(logging.WARNING):
        window.staff_panel.print_button.click()
    assert "“Front desk” was not found" in window.staff_panel.message.text()
    logged = [r.getMessage() for r in caplog.records if "Front desk" in r.getMessage()]
    assert logged == ["test print: the printer 'Front desk' was not found"]
    assert window.staff_unlocked  # the panel stays; nothing else happened


def test_a_patient_print_without_the_printer_says_so_and_stays_on_the_summary(kiosk_app, qtbot, shipped,
                                                                               caplog):
    from kiosk.ui.questionnaire.common import Words
    from kiosk.ui.questionnaire.handoff import HandoffPage

    page = HandoffPage(Words(shipped.questionnaire.texts), printer_name="Front desk")
    qtbot.addWidget(page)
    page.printer_factory = lambda: None
    page._summary = "Safety questions: all answered no."
    with caplog.at_level(logging.WARNING):
        printed, message = page.print_summary()
    assert printed is False and "front desk" in message.lower()
    logged = [r.getMessage() for r in caplog.records if "Front desk" in r.getMessage()]
    assert logged == ["cannot print the questionnaire summary: printer 'Front desk' is not available"]
