"""Anonymous usage counts: how often the kiosk's screens and topics are used, per day.

Privacy: this is a medical kiosk in a waiting room. Only per-day counts are stored, in one
SQLite table ``counts(day, metric, key, n)``: no questionnaire answers, no free text, no time
finer than the day, nothing that could identify a person. ``metric`` must be one of
:data:`METRICS` and ``key`` a short identifier (a screen, region, page, treatment category,
urgency level or language id), so free text cannot be stored even by mistake: anything else
is dropped with a warning that names the metric but never the key.

Counting never raises and never stops the kiosk: a database that cannot be written (read-only
folder, full disk, locked) logs one warning and is retried on later calls; a corrupt database
is moved aside (``usage.sqlite3.corrupt-YYYYMMDD-HHMMSS``) and a fresh one is created; a
database deleted (or replaced) while the kiosk runs is noticed at the next count and created
again, so no count goes to a file that is no longer there.

What staff see and export (:func:`report_rows`): on a quiet day a count of suggested topics
or urgent stops could point to one visitor, so those per-day counts are shown only from
:data:`SMALL_COUNT` up; smaller ones are summed into their ISO week (``2026-W48``), and a
week that still sums to less is not shown at all.

The database uses WAL with ``synchronous=NORMAL``: each count is its own committed
transaction, a killed process loses nothing committed, and a count costs well under a
millisecond (a tap must highlight within 16 ms).
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "spine-kiosk"
DB_NAME = "usage.sqlite3"
SCHEMA_VERSION = 1
CSV_HEADER = ("day", "metric", "key", "count")

METRICS: dict[str, str] = {
    "sessions": "kiosk sessions started (a patient began using the kiosk)",
    "screen": "screens opened, by screen name (e.g. diagram)",
    "region": "diagram regions tapped, by region id (e.g. disc-L4-L5)",
    "page": "content pages read, by page id (e.g. herniated-disc)",
    "questionnaire_started": "questionnaires started",
    "questionnaire_completed": "questionnaires completed",
    "suggested": "treatment categories suggested by the questionnaire, by category id",
    "urgent": "questionnaires that stopped with urgent advice (emergency or doctor_today)",
    "language": "sessions by content language (e.g. en)",
}
KEYED_METRICS = frozenset({"screen", "region", "page", "suggested", "urgent", "language"})
URGENT_KEYS = frozenset({"emergency", "doctor_today"})
PRIVATE_METRICS = frozenset({"suggested", "urgent"})  # per-day counts that could point to a visitor
SMALL_COUNT = 5  # below this, a private metric's count is summed into its week (and hidden below it)
KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"
_KEY_RE = re.compile(KEY_PATTERN)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, metric, key)
)
"""
_UPSERT = ("INSERT INTO counts (day, metric, key, n) VALUES (?, ?, ?, 1) "
           "ON CONFLICT (day, metric, key) DO UPDATE SET n = n + 1")
_SELECT = "SELECT day, metric, key, n FROM counts WHERE day >= ? ORDER BY day, metric, key"
_BUSY_TIMEOUT = 0.05  # seconds: a locked database drops the count instead of freezing a tap
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


@dataclass(frozen=True)
class UsageRow:
    day: str  # ISO date, e.g. "2026-11-26"
    metric: str
    key: str
    count: int


_AUTOCHECKPOINT_PAGES = 10_000  # about 40 MB of log at most, if no visit ever ends


def default_db_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_NAME


def check(metric: object, key: object) -> str | None:
    """Why ``(metric, key)`` may not be counted, or None when it may. Never mentions the key."""
    if not isinstance(metric, str) or metric not in METRICS:
        return "unknown metric"
    if not isinstance(key, str):
        return "key is not text"
    if metric not in KEYED_METRICS:
        return None if key == "" else "this metric takes no key"
    if key == "":
        return "this metric needs a key"
    if not _KEY_RE.fullmatch(key):
        return "key is not a short identifier"
    if metric == "urgent" and key not in URGENT_KEYS:
        return "key is not emergency or doctor_today"
    return None


def _metric_label(metric: object) -> str:
    """The metric for a log line: only a known metric is named (an unknown one may be free text)."""
    if isinstance(metric, str) and metric in METRICS:
        return repr(metric)
    return "(unknown)"


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return type(exc) is sqlite3.DatabaseError


def _since(today: date, days: int | None) -> str:
    if days is None:
        return ""
    return (today - timedelta(days=max(days, 1) - 1)).isoformat()


# -- pure helpers on rows (shared by UsageCounter and ``kiosk stats``) -----------------------------


def rows_csv(rows: Iterable[UsageRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows((row.day, row.metric, row.key, row.count) for row in rows)
    return out.getvalue()


def rows_totals(rows: Iterable[UsageRow], metric: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        if row.metric == metric:
            totals[row.key] = totals.get(row.key, 0) + row.count
    return dict(sorted(totals.items()))


def rows_daily(rows: Iterable[UsageRow], metric: str, today: date, days: int) -> list[tuple[str, int]]:
    per_day = {(today - timedelta(days=back)).isoformat(): 0 for back in range(days - 1, -1, -1)}
    for row in rows:
        if row.metric == metric and row.day in per_day:
            per_day[row.day] += row.count
    return list(per_day.items())


def iso_week(day: str) -> str:
    """The ISO week of an ISO date: ``2026-11-26`` -> ``2026-W48``."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _order(row: UsageRow) -> tuple[str, int, str, str]:
    """Days in order, each week's row after the last day of that week (its Sunday)."""
    if "-W" in row.day:
        year, week = row.day.split("-W")
        return date.fromisocalendar(int(year), int(week), 7).isoformat(), 1, row.metric, row.key
    return row.day, 0, row.metric, row.key


def report_rows(rows: Iterable[UsageRow], small: int = SMALL_COUNT) -> list[UsageRow]:
    """The rows as staff see and export them: a day's count of a private metric (suggested
    topics, urgent stops) below ``small`` is summed into its ISO week instead, and a week
    that still sums to less than ``small`` is left out."""
    shown: list[UsageRow] = []
    weeks: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row.metric in PRIVATE_METRICS and row.count < small and "-W" not in row.day:
            week = (iso_week(row.day), row.metric, row.key)
            weeks[week] = weeks.get(week, 0) + row.count
        else:
            shown.append(row)
    shown += [UsageRow(week, metric, key, n) for (week, metric, key), n in weeks.items() if n >= small]
    return sorted(shown, key=_order)


def _fetch(conn: sqlite3.Connection, since: str) -> list[UsageRow]:
    return [UsageRow(day, metric, key, int(n)) for day, metric, key, n in conn.execute(_SELECT, (since,))]


def read_rows(path: Path, days: int | None = None, today: date | None = None) -> list[UsageRow]:
    """Read the counts without writing anything: never creates, repairs or moves a file.

    Raises FileNotFoundError when there is no database, OSError ("cannot read the usage
    database PATH: ...") when it cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no usage database at {path}")
    since = _since(today or date.today(), days)
    wal = path.with_name(path.name + "-wal")
    # With no -wal file nobody is writing and everything is in the main file: read it as
    # immutable, which creates no -wal/-shm files (they could end up owned by another user).
    query = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
    try:
        with contextlib.closing(sqlite3.connect(path.absolute().as_uri() + query, uri=True,
                                                timeout=1.0)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise OSError(f"cannot read the usage database {path}: damaged ({problems[0]})")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise OSError(f"cannot read the usage database {path}: written by a newer kiosk "
                              f"(format {version})")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "counts" not in tables:
                if tables:
                    raise OSError(f"cannot read the usage database {path}: not a Spine Kiosk usage database")
                return []
            return _fetch(conn, since)
    except sqlite3.Error as exc:
        raise OSError(f"cannot read the usage database {path}: {exc}") from None


# -- the counter ---------------------------------------------------------------------------------


class UsageCounter:
    """Per-day usage counts in a SQLite file; ``path=None`` disables counting (every call a no-op)."""

    def __init__(self, path: Path | None, today: Callable[[], date] = date.today) -> None:
        self._path = Path(path) if path is not None else None
        self._today = today
        self._conn: sqlite3.Connection | None = None
        # (device, inode, size, mtime) of the file self._conn has open, as this counter last left it
        self._identity: tuple[int, int, int, int] | None = None
        self._failing = False  # a write failure was logged; log again only after a success
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._path is not None

    @property
    def path(self) -> Path | None:
        return self._path

    def __enter__(self) -> UsageCounter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing

    def count(self, metric: str, key: str = "") -> None:
        """Add one to today's count of ``(metric, key)``. Never raises."""
        if self._path is None:
            return
        try:
            problem = check(metric, key)
            if problem is not None:
                log.warning("usage count dropped for metric %s: %s", _metric_label(metric), problem)
                return
            with self._lock:
                self._write(metric, key)
        except Exception:  # the kiosk keeps running whatever happens here
            log.exception("usage count failed")

    def _write(self, metric: str, key: str) -> None:
        day = self._today().isoformat()
        for attempt in (1, 2):
            try:
                conn = self._open()
                conn.execute(_UPSERT, (day, metric, key))
            except (sqlite3.Error, OSError) as exc:
                self._drop_connection()
                corrupt = isinstance(exc, sqlite3.DatabaseError) and _is_corruption(exc)
                if corrupt and attempt == 1:
                    continue  # the next open runs quick_check and moves the damaged file aside
                self._write_failed(exc)
                return
            self._identity = self._file_identity()  # a checkpoint may have written the file
            if self._failing:
                log.info("usage counts are being saved again to %s", self._path)
            self._failing = False
            return

    def _write_failed(self, exc: BaseException) -> None:
        if not self._failing:
            log.warning("usage counts are not being saved (cannot write %s: %s); the kiosk keeps "
                        "running and will retry", self._path, exc)
        self._failing = True

    def _file_identity(self) -> tuple[int, int, int, int] | None:
        assert self._path is not None
        try:
            info = os.stat(self._path)
        except OSError:
            return None
        return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns

    def _open(self) -> sqlite3.Connection:
        if self._conn is not None:
            identity = self._file_identity()
            if identity == self._identity:
                return self._conn
            if identity is not None and self._identity is not None and identity[:2] == self._identity[:2]:
                # The same file, written by something else (a file copied over it): SQLite would
                # go on from its cache and its log, and the counts would be lost with the file.
                damage = self._damage()
                if damage is None:
                    self._identity = identity
                    return self._conn
                self._move_aside(damage)  # first: closing the connection may write to the file
                self._drop_connection()
                return self._open()
            # Deleted (or replaced) under the kiosk: an open connection would go on writing to a
            # file no longer in any folder, and every later count would be lost with it.
            log.warning("the usage database %s was removed or replaced while the kiosk was running; "
                        "counting goes on in a new one", self._path)
            self._drop_connection()
            assert self._path is not None
            for suffix in ("-wal", "-shm"):  # the old file's log must not be replayed into the new one
                with contextlib.suppress(OSError):
                    self._path.with_name(self._path.name + suffix).unlink()
        assert self._path is not None
        self._path.parent.mkdir(parents=True, exist_ok=True)
        damage = self._damage()
        if damage is not None:
            self._move_aside(damage)
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            self._move_aside(str(exc))
            conn = self._connect()
        self._conn = conn
        self._identity = self._file_identity()
        return conn

    def _damage(self) -> str | None:
        """Why the existing database is damaged (None: it is fine, or there is none yet).

        Checked on a read-only connection, so nothing is written to a damaged file (closing a
        read-write connection may checkpoint or delete its WAL) before it is moved aside.
        """
        assert self._path is not None
        if not self._path.is_file():
            return None
        try:
            with contextlib.closing(sqlite3.connect(self._path.absolute().as_uri() + "?mode=ro", uri=True,
                                                    timeout=_BUSY_TIMEOUT)) as conn:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                return str(exc)
            raise
        return None if problems == ["ok"] else f"quick_check: {problems[0]}"

    def _connect(self) -> sqlite3.Connection:
        """Open and (if new) create the database. Raises sqlite3.Error."""
        assert self._path is not None
        conn = sqlite3.connect(self._path, timeout=_BUSY_TIMEOUT, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # Folding the log into the database costs milliseconds: the kiosk does it between
            # visits (checkpoint()), not in the middle of a tap; this is only the backstop.
            conn.execute(f"PRAGMA wal_autocheckpoint = {_AUTOCHECKPOINT_PAGES}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            elif version > SCHEMA_VERSION:
                raise sqlite3.OperationalError(f"written by a newer kiosk (format {version})")
        except BaseException:
            conn.close()
            raise
        return conn

    def _move_aside(self, reason: str) -> None:
        assert self._path is not None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self._path.with_name(f"{self._path.name}.corrupt-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self._path.with_name(f"{self._path.name}.corrupt-{stamp}-{number}")
        for suffix in ("-wal", "-shm"):
            extra = self._path.with_name(self._path.name + suffix)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + suffix))
        os.replace(self._path, aside)
        log.warning("the usage database %s was damaged (%s): moved it to %s and started a new one",
                    self._path, reason, aside)

    def _drop_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
            self._identity = None

    def close(self) -> None:
        with self._lock:
            self._drop_connection()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database now, at a quiet moment. Never raises."""
        with self._lock:
            if self._conn is None:
                return
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                self._identity = self._file_identity()
            except sqlite3.Error as exc:
                log.debug("usage database checkpoint skipped: %s", exc)

    # -- reading

    def rows(self, days: int | None = None) -> list[UsageRow]:
        """Every count, sorted by day, metric, key; ``days=N``: only the last N days (today included).

        Creates no file when nothing was counted yet. Raises OSError when the database cannot be read.
        """
        if self._path is None:
            return []
        since = _since(self._today(), days)
        with self._lock:
            if self._conn is None and not self._path.exists():
                return []
            try:
                return _fetch(self._open(), since)
            except sqlite3.Error as exc:
                self._drop_connection()
                raise OSError(f"cannot read the usage database {self._path}: {exc}") from None

    def totals(self, metric: str) -> dict[str, int]:
        """Key -> total over all days (key "" for the metrics without a key); every count."""
        return rows_totals(self.rows(), metric)

    def report_rows(self, days: int | None = None) -> list[UsageRow]:
        """The rows as staff see and export them (:func:`report_rows`)."""
        return report_rows(self.rows(days))

    def report_totals(self, metric: str) -> dict[str, int]:
        """Key -> total of :meth:`report_rows`: what the staff panel shows."""
        return rows_totals(self.report_rows(), metric)

    def daily(self, metric: str, days: int = 14) -> list[tuple[str, int]]:
        """(day, total over keys) for each of the last ``days`` days, oldest first, 0 included."""
        if self._path is None:
            return []
        return rows_daily(self.rows(days), metric, self._today(), days)

    def csv_text(self) -> str:
        """The export: :meth:`report_rows` as CSV (the same as ``kiosk stats --csv``)."""
        return rows_csv(self.report_rows())

    def export_csv(self, folder: Path) -> Path:
        """Write :meth:`csv_text` to ``folder/spine-kiosk-usage-<today>.csv`` atomically.

        Raises OSError with a clear message when the folder is missing or cannot be written.
        """
        folder = Path(folder)
        target = folder / f"spine-kiosk-usage-{self._today().isoformat()}.csv"
        text = self.csv_text()
        if not folder.is_dir():
            raise OSError(f"cannot export the usage counts: {folder} is not an existing folder")
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            tmp = None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise OSError(f"cannot export the usage counts to {target}: {reason}") from exc
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        return target
