"""Anonymous usage counts (``kiosk.domain.usage``) and ``kiosk stats`` (``kiosk.cli.stats``).

``kiosk stats`` is run in-process through the kiosk's own parser (``kiosk.cli.build_parser``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import build_parser
from kiosk.cli import stats as stats_cli
from kiosk.domain import usage
from kiosk.domain.usage import KEY_PATTERN, KEYED_METRICS, METRICS, UsageCounter, UsageRow, default_db_path

ROOT = Path(__file__).resolve().parent.parent
DAY1, DAY2 = date(2026, 11, 26), date(2026, 11, 27)
LOGGER = "kiosk.domain.usage"


class Clock:
    """An injectable ``today``."""

    def __init__(self, day: date = DAY1) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "usage.sqlite3"


@pytest.fixture
def counter(db):
    with UsageCounter(db, today=Clock()) as c:
        yield c


def scripted_session(c: UsageCounter) -> None:
    c.count("sessions")
    c.count("language", "en")
    c.count("screen", "diagram")
    c.count("screen", "diagram")
    c.count("region", "disc-L4-L5")
    c.count("page", "herniated-disc")
    c.count("questionnaire_started")
    c.count("questionnaire_completed")
    c.count("suggested", "decompression")
    c.count("suggested", "conservative-care")


SESSION_ROWS = [
    UsageRow("2026-11-26", "language", "en", 1),
    UsageRow("2026-11-26", "page", "herniated-disc", 1),
    UsageRow("2026-11-26", "questionnaire_completed", "", 1),
    UsageRow("2026-11-26", "questionnaire_started", "", 1),
    UsageRow("2026-11-26", "region", "disc-L4-L5", 1),
    UsageRow("2026-11-26", "screen", "diagram", 2),
    UsageRow("2026-11-26", "sessions", "", 1),
    UsageRow("2026-11-26", "suggested", "conservative-care", 1),
    UsageRow("2026-11-26", "suggested", "decompression", 1),
]


def raw_bytes(path: Path) -> bytes:
    """The database file and its WAL, as stored on disk."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def stored(path: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


# -- counting ------------------------------------------------------------------------------------


def test_metric_names_are_the_documented_ones():
    assert set(METRICS) == {"sessions", "screen", "region", "page", "questionnaire_started",
                            "questionnaire_completed", "suggested", "urgent", "language"}
    assert all(isinstance(text, str) and text for text in METRICS.values())


def test_scripted_session_gives_exactly_the_expected_rows(counter):
    scripted_session(counter)
    assert counter.rows() == SESSION_ROWS
    assert counter.totals("screen") == {"diagram": 2}
    assert counter.totals("sessions") == {"": 1}
    assert counter.totals("urgent") == {}


def test_urgent_stops_are_counted_by_level(counter):
    counter.count("urgent", "emergency")
    counter.count("urgent", "doctor_today")
    counter.count("urgent", "doctor_today")
    assert counter.totals("urgent") == {"doctor_today": 2, "emergency": 1}


def test_days_are_counted_separately(db):
    clock = Clock(DAY1)
    with UsageCounter(db, today=clock) as c:
        c.count("sessions")
        c.count("screen", "home")
        clock.day = DAY2
        c.count("sessions")
        c.count("sessions")
        assert c.rows() == [UsageRow("2026-11-26", "screen", "home", 1),
                            UsageRow("2026-11-26", "sessions", "", 1),
                            UsageRow("2026-11-27", "sessions", "", 2)]
        assert c.totals("sessions") == {"": 3}
        assert c.rows(days=1) == [UsageRow("2026-11-27", "sessions", "", 2)]
        assert c.daily("sessions", days=4) == [("2026-11-24", 0), ("2026-11-25", 0),
                                               ("2026-11-26", 1), ("2026-11-27", 2)]
        assert c.daily("screen", days=2) == [("2026-11-26", 1), ("2026-11-27", 0)]


def test_daily_sums_over_keys_and_defaults_to_two_weeks(counter):
    counter.count("page", "herniated-disc")
    counter.count("page", "sciatica")
    daily = counter.daily("page")
    assert len(daily) == 14
    assert daily[-1] == ("2026-11-26", 2)
    assert daily[0] == ((DAY1 - timedelta(days=13)).isoformat(), 0)


def test_counts_survive_reopening(db):
    with UsageCounter(db, today=Clock()) as c:
        scripted_session(c)
    with UsageCounter(db, today=Clock()) as c:
        scripted_session(c)
        assert c.totals("screen") == {"diagram": 4}


INVALID = [
    ("unknown metric", "answers", ""),
    ("free text as a metric", "my leg hurts", ""),
    ("key with spaces", "region", "disc L4 L5"),
    ("free text key", "page", "my leg hurts"),
    ("over-long key", "page", "a" * 65),
    ("answer on a keyless metric", "questionnaire_completed", "severity-8"),
    ("answer on sessions", "sessions", "numbness_both_legs"),
    ("keyed metric without a key", "screen", ""),
    ("urgent level that does not exist", "urgent", "tomorrow"),
    ("newline smuggled after a valid key", "language", "en\nsecret"),
    ("non-ASCII key", "page", "hernié"),
    ("key starting with a dash", "region", "-disc"),
    ("key that is not text", "screen", 7),
    ("metric that is not text", None, ""),
]


@pytest.mark.parametrize(("why", "metric", "key"), INVALID, ids=[row[0] for row in INVALID])
def test_invalid_input_is_dropped_with_a_warning_that_never_shows_the_key(counter, caplog, why, metric, key):
    counter.count("sessions")
    counter.count(metric, key)  # never raises
    assert counter.rows() == [UsageRow("2026-11-26", "sessions", "", 1)]
    messages = warnings_of(caplog)
    assert len(messages) == 1, why
    if isinstance(key, str) and key:
        assert key not in messages[0]
    if metric in METRICS:
        assert repr(metric) in messages[0]
    else:
        assert "my leg hurts" not in messages[0]


def test_free_text_never_reaches_the_database_file(counter, db):
    free_text = ["my leg hurts", "since my fall in May", "x" * 65, "Jane Doe 1970"]
    answer_like = ["numbness_both_legs", "severity-8", "Jane.Doe"]
    secrets = free_text + answer_like
    counter.count("sessions")
    for text in free_text:
        counter.count("page", text)
        counter.count("region", text)
    for text in secrets:
        counter.count("questionnaire_completed", text)
        counter.count("sessions", text)
        counter.count(text)
    counter.count("page", "herniated-disc")
    assert db.with_name(db.name + "-wal").exists()
    for snapshot in (raw_bytes(db), None):
        if snapshot is None:  # after close: everything checkpointed into the main file
            counter.close()
            snapshot = raw_bytes(db)
        assert b"herniated-disc" in snapshot
        for text in secrets:
            assert text.encode() not in snapshot


def test_schema_has_only_day_metric_key_n_and_days_have_no_time(counter, db):
    scripted_session(counter)
    counter.close()
    assert stored(db, "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')") == [
        ("table", "counts")]
    assert [row[1] for row in stored(db, "PRAGMA table_info(counts)")] == ["day", "metric", "key", "n"]
    assert stored(db, "PRAGMA user_version") == [(1,)]
    assert stored(db, "PRAGMA journal_mode") == [("wal",)]
    days = [row[0] for row in stored(db, "SELECT day FROM counts")]
    assert days and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in days)


def test_folder_is_created_on_first_count_only(tmp_path):
    path = tmp_path / "a" / "b" / "usage.sqlite3"
    c = UsageCounter(path)
    assert c.enabled
    assert c.rows() == [] and c.csv_text() == "day,metric,key,count\n"
    assert not (tmp_path / "a").exists()
    c.count("sessions")
    c.close()
    assert path.is_file()


def test_disabled_counter_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    c = UsageCounter(None)
    assert not c.enabled
    scripted_session(c)
    assert c.rows() == [] and c.totals("sessions") == {} and c.daily("sessions") == []
    c.close()
    assert list(tmp_path.iterdir()) == []


def test_default_db_path_is_in_the_user_data_folder(_isolated_user_dirs):
    path = default_db_path()
    assert path.name == "usage.sqlite3"
    assert path.parent.name == "spine-kiosk"
    assert _isolated_user_dirs in path.parents


# -- CSV -----------------------------------------------------------------------------------------


def test_csv_text_and_export_match_and_parse_back(counter, tmp_path):
    scripted_session(counter)
    counter.count("urgent", "doctor_today")
    text = counter.csv_text()
    assert text.startswith("day,metric,key,count\n")
    assert "\r" not in text and text.endswith("\n")
    out = tmp_path / "export"
    out.mkdir()
    path = counter.export_csv(out)
    assert path == out / "spine-kiosk-usage-2026-11-26.csv"
    assert path.read_bytes() == text.encode("utf-8")
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left behind
    parsed = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    back = [UsageRow(r["day"], r["metric"], r["key"], int(r["count"])) for r in parsed]
    assert back == counter.report_rows()
    # one suggested topic of each kind and one urgent stop: too few to show on their own
    assert back == [row for row in counter.rows() if row.metric not in ("suggested", "urgent")]


def test_export_replaces_an_earlier_export_of_the_same_day(counter, tmp_path):
    counter.count("sessions")
    first = counter.export_csv(tmp_path)
    counter.count("sessions")
    assert counter.export_csv(tmp_path) == first
    assert first.read_text(encoding="utf-8").splitlines()[1] == "2026-11-26,sessions,,2"


def test_export_to_a_missing_folder_raises_oserror(counter, tmp_path):
    counter.count("sessions")
    with pytest.raises(OSError, match="missing"):
        counter.export_csv(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_export_to_a_file_instead_of_a_folder_raises_oserror(counter, tmp_path):
    counter.count("sessions")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(OSError, match=r"file\.txt"):
        counter.export_csv(not_a_folder)


def test_export_that_cannot_write_raises_oserror_and_leaves_nothing(counter, tmp_path, monkeypatch):
    counter.count("sessions")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(usage.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left on device"):
        counter.export_csv(tmp_path)
    assert list(tmp_path.glob("*.csv*")) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions; root ignores them")
def test_export_to_a_read_only_folder_raises_oserror(counter, tmp_path):
    counter.count("sessions")
    target = tmp_path / "readonly"
    target.mkdir()
    target.chmod(0o500)
    try:
        with pytest.raises(OSError, match="readonly"):
            counter.export_csv(target)
    finally:
        target.chmod(0o700)


# -- damaged databases ---------------------------------------------------------------------------


def _aside_files(db: Path) -> list[Path]:
    """The damaged databases moved aside (without their -wal/-shm files)."""
    return sorted(p for p in db.parent.glob(db.name + ".corrupt-*") if not p.name.endswith(("-wal", "-shm")))


def test_garbage_file_is_moved_aside_and_a_fresh_database_works(db, caplog):
    db.parent.mkdir(parents=True)
    garbage = bytes(range(256)) * 64
    db.write_bytes(garbage)
    with UsageCounter(db, today=Clock()) as c:
        c.count("sessions")
        assert c.rows() == [UsageRow("2026-11-26", "sessions", "", 1)]
    aside = _aside_files(db)
    assert len(aside) == 1
    assert re.fullmatch(r"usage\.sqlite3\.corrupt-\d{8}-\d{6}", aside[0].name)
    assert aside[0].read_bytes() == garbage
    messages = warnings_of(caplog)
    assert len(messages) == 1
    assert str(db) in messages[0] and str(aside[0]) in messages[0]


def test_truncated_database_is_moved_aside_and_a_fresh_database_works(db, caplog):
    with UsageCounter(db, today=Clock()) as c:
        for i in range(500):
            c.count("region", f"region-{i:04d}")
    data = db.read_bytes()
    assert data.startswith(b"SQLite format 3\x00") and len(data) > 8192
    db.write_bytes(data[: len(data) // 2])
    with UsageCounter(db, today=Clock()) as c:
        c.count("sessions")
        assert c.rows() == [UsageRow("2026-11-26", "sessions", "", 1)]
    aside = _aside_files(db)
    assert len(aside) == 1
    assert aside[0].read_bytes() == data[: len(data) // 2]
    assert any(str(aside[0]) in m for m in warnings_of(caplog))


def test_damaged_wal_and_shm_files_move_aside_with_the_database(db):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).write_bytes(b"junk" * 100)
    with UsageCounter(db) as c:
        c.count("sessions")
        assert c.totals("sessions") == {"": 1}
    (aside,) = _aside_files(db)
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"junk" * 100
    assert aside.with_name(aside.name + "-shm").exists()  # shared memory: SQLite rewrites it


# -- failing writes ------------------------------------------------------------------------------


def _failing_connect(*args, **kwargs):
    raise sqlite3.OperationalError("disk I/O error")


def test_failing_writes_never_raise_log_once_and_are_retried(db, caplog, monkeypatch):
    c = UsageCounter(db, today=Clock())
    c.count("sessions")
    c.close()
    monkeypatch.setattr(usage.sqlite3, "connect", _failing_connect)
    for _ in range(5):
        c.count("screen", "home")  # never raises
    messages = warnings_of(caplog)
    assert len(messages) == 1
    assert "disk I/O error" in messages[0] and str(db) in messages[0]
    assert "home" not in messages[0]

    monkeypatch.undo()
    c.count("sessions")  # works again: the failure is not sticky
    assert c.totals("sessions") == {"": 2}
    assert c.totals("screen") == {}
    assert len(warnings_of(caplog)) == 1

    c.close()
    monkeypatch.setattr(usage.sqlite3, "connect", _failing_connect)
    c.count("sessions")
    c.count("sessions")
    assert len(warnings_of(caplog)) == 2  # logged again after the success in between
    monkeypatch.undo()
    c.close()


def test_database_path_that_is_a_folder_does_not_stop_the_kiosk(db, caplog):
    db.mkdir(parents=True)
    with UsageCounter(db) as c:
        for _ in range(3):
            c.count("sessions")
        assert len(warnings_of(caplog)) == 1
        db.rmdir()
        c.count("sessions")
        assert c.totals("sessions") == {"": 1}
    assert _aside_files(db) == []


def test_locked_database_drops_the_count_quickly(db, caplog):
    with UsageCounter(db) as c:
        c.count("sessions")
        with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
            other.execute("BEGIN EXCLUSIVE")
            c.count("sessions")  # busy: dropped after a short timeout, no exception
            other.execute("ROLLBACK")
        assert len(warnings_of(caplog)) == 1
        c.count("sessions")
        assert c.totals("sessions") == {"": 2}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions; root ignores them")
def test_read_only_folder_does_not_stop_the_kiosk(tmp_path, caplog):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    c = UsageCounter(folder / "usage.sqlite3")
    try:
        for _ in range(3):
            c.count("sessions")
        assert len(warnings_of(caplog)) == 1
        folder.chmod(0o700)
        c.count("sessions")
        assert c.totals("sessions") == {"": 1}
    finally:
        folder.chmod(0o700)
        c.close()


# -- kill -9 -------------------------------------------------------------------------------------

CHILD = """
import sys
from pathlib import Path
from kiosk.domain.usage import UsageCounter

counter = UsageCounter(Path(sys.argv[1]))
total = 0
while True:
    counter.count("screen", "diagram")
    total += 1
    print(total, flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_9_loses_nothing_committed(db, tmp_path):
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    errors = tmp_path / "child-stderr.txt"
    last = 0
    with errors.open("wb") as err, subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=err, text=True,
    ) as proc:
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                last = int(line)
                if last >= 200:
                    break
        finally:
            proc.send_signal(signal.SIGKILL)
            rest = proc.stdout.read()  # lines printed after we stopped reading
            proc.wait(timeout=30)
        last = max([last, *(int(n) for n in rest.split())])
    assert proc.returncode == -signal.SIGKILL
    assert last >= 200, errors.read_text(encoding="utf-8")
    assert db.with_name(db.name + "-wal").exists()  # killed before any clean close
    with UsageCounter(db) as c:
        total = c.totals("screen").get("diagram", 0)
    assert last <= total <= last + 1
    assert _aside_files(db) == []


# -- property ------------------------------------------------------------------------------------

KEYS = st.from_regex(re.compile(KEY_PATTERN), fullmatch=True)
CALLS = st.one_of(
    st.sampled_from(sorted(set(METRICS) - KEYED_METRICS)).map(lambda m: (m, "")),
    st.tuples(st.sampled_from(sorted(KEYED_METRICS - {"urgent"})), KEYS),
    st.tuples(st.just("urgent"), st.sampled_from(["emergency", "doctor_today"])),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CALLS, max_size=40))
def test_totals_equal_a_counter_of_the_calls(calls):
    with tempfile.TemporaryDirectory() as folder, UsageCounter(Path(folder) / "usage.sqlite3") as c:
        for metric, key in calls:
            c.count(metric, key)
        got = {(metric, key): n for metric in METRICS for key, n in c.totals(metric).items()}
    assert got == dict(Counter(calls))


# -- kiosk stats ---------------------------------------------------------------------------------


@pytest.fixture
def stats(capsys):
    """Run ``kiosk stats ARGS``: (exit code, stdout, stderr)."""

    def run(*argv: str):
        parser = build_parser()
        code = stats_cli.run(parser.parse_args(["stats", *argv]))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _filled(db: Path) -> None:
    today = date.today()
    clock = Clock(today - timedelta(days=3))
    with UsageCounter(db, today=clock) as c:
        scripted_session(c)
        clock.day = today
        c.count("sessions")
        for _ in range(5):  # shown: from 5 a day
            c.count("urgent", "emergency")


def test_stats_prints_a_table_and_totals(db, stats):
    _filled(db)
    code, out, err = stats("--db", str(db))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split() == ["day", "metric", "key", "count"])
    table = lines[header + 2: lines.index("Totals") - 1]
    assert len(table) == len(SESSION_ROWS) - 2 + 2  # not the two single suggested topics
    old = (date.today() - timedelta(days=3)).isoformat()
    assert f"{old}  screen" in out
    assert any(line.split() == [old, "screen", "diagram", "2"] for line in table)
    assert any(line.split() == [date.today().isoformat(), "urgent", "emergency", "5"] for line in table)
    assert "suggested" not in "\n".join(table)
    # the count column is right-aligned: every row ends at the same column
    assert len({len(line) for line in table}) == 1
    totals = lines[lines.index("Totals") + 1:]
    assert "sessions" in totals[0] and totals[0].split() == ["sessions", "2"]
    assert ["urgent", "5"] in [line.split() for line in totals]
    assert "suggested" not in "\n".join(totals[:-2])
    assert totals[-1] == ("Counts of suggested and urgent under 5 a day are summed into their week "
                          "(YYYY-Www); a week under 5 is not shown.")


def test_stats_days_limits_the_rows(db, stats):
    _filled(db)
    code, out, _ = stats("--db", str(db), "--days", "2")
    assert code == 0
    assert "herniated-disc" not in out
    assert "emergency" in out


def test_stats_csv_prints_exactly_the_csv_text(db, stats):
    _filled(db)
    code, out, err = stats("--db", str(db), "--csv")
    assert (code, err) == (0, "")
    with UsageCounter(db) as c:
        assert out == c.csv_text()
    code, out, _ = stats("--db", str(db), "--csv", "--days", "1")
    with UsageCounter(db) as c:
        assert out == usage.rows_csv(c.report_rows(days=1)) == usage.rows_csv(c.rows(days=1))
    assert len(out.splitlines()) == 3


def test_stats_with_no_database_says_so_and_creates_nothing(tmp_path, stats, _isolated_user_dirs):
    before = sorted(_isolated_user_dirs.rglob("*"))
    code, out, err = stats()
    assert (code, out, err) == (0, "No usage counted yet.\n", "")
    assert sorted(_isolated_user_dirs.rglob("*")) == before
    assert not default_db_path().exists()

    missing = tmp_path / "nowhere" / "usage.sqlite3"
    code, out, err = stats("--db", str(missing), "--csv")
    assert (code, out) == (0, "day,metric,key,count\n")
    assert "No usage counted yet." in err
    assert list(tmp_path.iterdir()) == []


def test_stats_reads_without_leaving_files_behind(db, stats):
    _filled(db)
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    assert list(before) == [db.name]
    assert stats("--db", str(db))[0] == 0
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before


def test_stats_sees_counts_of_a_running_kiosk(db, stats):
    with UsageCounter(db) as c:
        c.count("sessions")
        c.count("sessions")
        code, out, _ = stats("--db", str(db), "--csv")
    assert code == 0
    assert out.splitlines()[1:] == [f"{date.today().isoformat()},sessions,,2"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_stats_never_modifies_a_damaged_database(db, stats, damage):
    if damage == "garbage":
        db.parent.mkdir(parents=True)
        db.write_bytes(bytes(range(256)) * 64)
    else:
        with UsageCounter(db) as c:
            for i in range(500):
                c.count("page", f"page-{i:04d}")
        db.write_bytes(db.read_bytes()[:12288])
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    code, out, err = stats("--db", str(db))
    assert code == 1 and out == ""
    assert err.startswith(f"kiosk stats: cannot read the usage database {db}: ")
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before


def test_stats_rejects_a_bad_days_value(stats):
    with pytest.raises(SystemExit):
        stats("--days", "0")


def test_checkpoint_folds_the_log_into_the_database_file(tmp_path):
    """The kiosk checkpoints between visits; afterwards the main file alone holds the counts."""
    path = tmp_path / "usage.sqlite3"
    counter = UsageCounter(path)
    for _ in range(40):
        counter.count("sessions")
    copy = tmp_path / "main-file-only.sqlite3"
    shutil.copyfile(path, copy)  # without the -wal file: the counts still sit in the log
    with contextlib.closing(sqlite3.connect(copy)) as db:
        try:
            before = db.execute("SELECT COALESCE(SUM(n), 0) FROM counts").fetchone()[0]
        except sqlite3.OperationalError:  # even the table is still only in the log
            before = 0
    counter.checkpoint()
    shutil.copyfile(path, copy)
    with contextlib.closing(sqlite3.connect(copy)) as db:
        after = db.execute("SELECT SUM(n) FROM counts").fetchone()[0]
    counter.close()
    assert before < 40 and after == 40
    UsageCounter(None).checkpoint()  # a disabled counter: nothing to do, no error


# -- a database removed while the kiosk runs -------------------------------------------------------


@pytest.mark.parametrize("removed", ["file", "folder"])
def test_a_database_deleted_while_counting_is_created_again(db, caplog, removed):
    with UsageCounter(db, today=Clock()) as c:
        c.count("sessions")
        c.count("sessions")
        if removed == "folder":
            shutil.rmtree(db.parent)
        else:
            for path in db.parent.glob(db.name + "*"):
                path.unlink()
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            c.count("sessions")  # not to the deleted file: to a new one
            c.count("page", "sciatica")
        assert c.rows() == [UsageRow("2026-11-26", "page", "sciatica", 1),
                            UsageRow("2026-11-26", "sessions", "", 1)]
    assert stored(db, "SELECT metric, n FROM counts ORDER BY metric") == [("page", 1), ("sessions", 1)]
    assert len([m for m in warnings_of(caplog) if "removed or replaced" in m]) == 1


def test_a_database_replaced_while_counting_is_used_from_then_on(db, tmp_path):
    with UsageCounter(db, today=Clock()) as c:
        c.count("sessions")
        backup = tmp_path / "backup.sqlite3"
        with UsageCounter(backup, today=Clock(DAY2)) as other:
            other.count("sessions")
        os.replace(backup, db)
        c.count("sessions")
        assert c.rows() == [UsageRow("2026-11-26", "sessions", "", 1),
                            UsageRow("2026-11-27", "sessions", "", 1)]


# -- small counts of suggested topics and urgent stops are not shown per day -----------------------


def test_report_rows_sum_small_private_counts_into_their_week():
    rows = [
        UsageRow("2026-11-23", "sessions", "", 2),  # never held back
        UsageRow("2026-11-23", "suggested", "decompression", 3),
        UsageRow("2026-11-24", "suggested", "decompression", 2),  # with the 3: 5 in week 48
        UsageRow("2026-11-25", "suggested", "decompression", 6),  # 5 or more: shown as it is
        UsageRow("2026-11-25", "urgent", "emergency", 1),  # alone in its week: not shown at all
        UsageRow("2026-11-29", "urgent", "doctor_today", 4),  # Sunday, week 48
        UsageRow("2026-11-30", "urgent", "doctor_today", 1),  # Monday, week 49
    ]
    assert usage.report_rows(rows) == [
        UsageRow("2026-11-23", "sessions", "", 2),
        UsageRow("2026-11-25", "suggested", "decompression", 6),
        UsageRow("2026-W48", "suggested", "decompression", 5),
    ]
    assert usage.iso_week("2027-01-01") == "2026-W53"  # an ISO week belongs to the year of its Thursday
    assert usage.report_rows([UsageRow("2026-12-31", "urgent", "emergency", 2),
                              UsageRow("2027-01-02", "urgent", "emergency", 3)]) == [
        UsageRow("2026-W53", "urgent", "emergency", 5)]


@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["suggested", "urgent", "page"]),
                          st.sampled_from(["emergency", "decompression"]), st.integers(1, 9)),
                max_size=40))
def test_no_private_count_under_five_is_ever_shown(entries):
    merged: Counter = Counter()
    for offset, metric, key, n in entries:
        merged[(DAY1 + timedelta(days=offset)).isoformat(), metric, key] += n
    rows = [UsageRow(day, metric, key, n) for (day, metric, key), n in sorted(merged.items())]
    shown = usage.report_rows(rows)
    assert all(row.count >= usage.SMALL_COUNT for row in shown if row.metric in ("suggested", "urgent"))
    assert [r for r in shown if r.metric == "page"] == [r for r in rows if r.metric == "page"]
    # nothing is lost: every private count is either shown on its day, in its week, or in a week under 5
    for metric in ("suggested", "urgent"):
        total = sum(r.count for r in rows if r.metric == metric)
        hidden = sum(n for (week, m, _), n in _weeks(rows, metric).items() if n < usage.SMALL_COUNT)
        assert sum(r.count for r in shown if r.metric == metric) == total - hidden


def _weeks(rows, metric):
    weeks: Counter = Counter()
    for row in rows:
        if row.metric == metric and row.count < usage.SMALL_COUNT:
            weeks[usage.iso_week(row.day), metric, row.key] += row.count
    return weeks


def test_the_staff_panel_totals_and_the_export_hold_back_small_counts(counter, tmp_path):
    counter.count("urgent", "emergency")
    for _ in range(5):
        counter.count("suggested", "decompression")
    assert counter.totals("urgent") == {"emergency": 1}  # stored as counted
    assert counter.report_totals("urgent") == {}
    assert counter.report_totals("suggested") == {"decompression": 5}
    assert counter.csv_text() == "day,metric,key,count\n2026-11-26,suggested,decompression,5\n"
