"""``kiosk stats``: show the anonymous usage counts (per day; no answers, no free text).

Prints an aligned table (day, metric, key, count) and the totals per metric, or with
``--csv`` exactly the CSV that the kiosk exports. ``--days N`` keeps the last N days. As in
the export, a day's count of suggested topics or urgent stops under 5 is summed into its
ISO week (``2026-W48``), and a week under 5 is left out
(:func:`kiosk.domain.usage.report_rows`).
Exit 0 (also when nothing was counted yet: "No usage counted yet."), exit 1 when the
database cannot be read. It only ever reads: it never creates, repairs or moves a database.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROG = "kiosk stats"
EXIT_OK, EXIT_UNREADABLE = 0, 1
NOTHING_YET = "No usage counted yet."


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of days, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the number of days must be at least 1")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "stats", help="show the anonymous usage counts (per day, no answers)",
        description="Show how often the kiosk's screens and topics were used, per day. Only "
                    "anonymous daily counts are stored: no answers, no free text, no times.")
    parser.add_argument("--csv", action="store_true", help="print CSV (day,metric,key,count)")
    parser.add_argument("--days", type=_positive, default=None, metavar="N",
                        help="only the last N days (today included)")
    parser.add_argument("--db", type=Path, default=None, metavar="FILE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)
    return parser


def format_table(rows: list) -> str:
    """The rows as an aligned table, then the totals per metric (and per key)."""
    from kiosk.domain.usage import METRICS, PRIVATE_METRICS, SMALL_COUNT, rows_totals

    header = ("day", "metric", "key", "count")
    cells = [header, *((r.day, r.metric, r.key or "-", str(r.count)) for r in rows)]
    widths = [max(len(line[col]) for line in cells) for col in range(4)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d:>{widths[3]}}".rstrip()
             for a, b, c, d in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))

    totals: list[tuple[str, str]] = []
    for metric in METRICS:
        per_key = rows_totals(rows, metric)
        if not per_key:
            continue
        totals.append((metric, str(sum(per_key.values()))))
        if list(per_key) != [""]:
            totals += [(f"  {key}", str(n)) for key, n in per_key.items()]
    name_width = max(len(name) for name, _ in totals)
    count_width = max(len(n) for _, n in totals)
    lines += ["", "Totals"]
    lines += [f"  {name:<{name_width}}  {n:>{count_width}}" for name, n in totals]
    lines += ["", f"Counts of {' and '.join(sorted(PRIVATE_METRICS))} under {SMALL_COUNT} a day are "
                  f"summed into their week (YYYY-Www); a week under {SMALL_COUNT} is not shown."]
    return "\n".join(lines) + "\n"


def _days(days: int) -> str:
    return "day" if days == 1 else f"{days} days"


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run(args, ctx=None) -> int:
    from kiosk.domain.usage import default_db_path, read_rows, report_rows, rows_csv

    path = Path(args.db) if getattr(args, "db", None) else default_db_path()
    days = getattr(args, "days", None)
    try:
        rows = report_rows(read_rows(path, days=days))
    except FileNotFoundError:
        rows = None
    except OSError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    nothing = NOTHING_YET if rows is None or not days else f"No usage counted in the last {_days(days)}."
    if getattr(args, "csv", False):
        if not rows:  # still a valid CSV on stdout (the header), the message on stderr
            print(nothing, file=sys.stderr)
        _write(rows_csv(rows or []))
        return EXIT_OK
    if not rows:
        _write(nothing + "\n")
    else:
        span = f", last {_days(days)}" if days else ""
        _write(f"Usage counts ({path}{span})\n\n" + format_table(rows))
    return EXIT_OK
