"""Many simulated visits, each ended by an idle reset: reset time and memory, offscreen.

One visit: touch the attract screen, explore the drawing (taps on a few regions), open a
page, play an animation, answer the whole questionnaire by pressing its buttons, open the
hand-off summary, then the idle reset. The reset time is the app's own time from the
idle timer's expiry to the attract screen painted. Run with ``make bench`` (or
``python benchmarks/bench_sessions.py --sessions 1000``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_tap import rss_mb  # the same RSS reading as the tap benchmark
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtTest import QTest

from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.domain.usage import UsageCounter
from kiosk.resources import default_content_dir
from kiosk.ui.app import create_app
from kiosk.ui.capture import replay_answers
from kiosk.ui.diagram_view import RegionItem
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.uihelpers import inside_point

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("disc-L4-L5", "root-L5", "nerve-sciatic", "area-buttock")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--every", type=int, default=100, help="print the RSS every N visits")
    parser.add_argument("--pixmap-cache-kb", type=int, default=None,
                        help="Qt's pixmap cache limit instead of the kiosk's (to size it by measurement)")
    args = parser.parse_args()

    config = replace(DEFAULT, kiosk_mode=True, reduce_motion=True)
    app = create_app(config)
    if args.pixmap_cache_kb is not None:
        QPixmapCache.setCacheLimit(args.pixmap_cache_kb)
    # A highlight item paints itself only when its cached rendering is missing: count those.
    misses = [0]
    paint = RegionItem.paint

    def counting_paint(item, *rest):
        misses[0] += 1
        paint(item, *rest)

    RegionItem.paint = counting_paint
    content, problems = load_content(default_content_dir(), config.language)
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    answers = json.loads((ROOT / "docs" / "examples" / "recent-sciatica.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        counter = UsageCounter(Path(folder) / "usage.sqlite3")
        window = KioskWindow(config, content, problems, counter=counter)
        window.resize(1920, 1080)
        window.show()
        window.build_screens()
        app.processEvents()
        diagram = window.diagram
        points = {}
        for view in diagram.views:
            for rid in REGIONS:
                point = inside_point(view, rid) if rid in view.region_ids() else None
                if point is not None:
                    points.setdefault(rid, (view, view.mapFromScene(point)))

        resets: list[float] = []
        rss_start = 0.0
        rss_half = 0.0
        misses_start = 0
        for i in range(args.warmup + args.sessions):
            if i == args.warmup:
                rss_start = rss_mb()
                misses_start = misses[0]
            if i == args.warmup + args.sessions // 2:
                rss_half = rss_mb()
            window.attract.touched.emit()
            window.home.explore_button.click()
            for view, pos in points.values():
                diagram.show_view(diagram.views.index(view))
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            window.navigate(NavState(Screen.DIAGRAM, "spinal-stenosis"))
            window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
            window.animation.set_progress((i % 10) / 10)
            window.open_questionnaire()
            replay_answers(app, window.questionnaire, answers, "handoff")
            app.processEvents()
            assert window.questionnaire.page_name() == "handoff", window.questionnaire.page_name()
            start = time.perf_counter()
            window.idle.expired.emit()
            window.repaint()
            elapsed = (time.perf_counter() - start) * 1000
            assert window.state.screen is Screen.ATTRACT and window.questionnaire.session is None
            if i >= args.warmup:
                resets.append(elapsed)
            app.processEvents()
            done = i + 1 - args.warmup
            if done > 0 and done % args.every == 0:
                print(f"  after {done} visits: RSS {rss_mb():.1f} MB", flush=True)
        rss_end = rss_mb()
        counter.close()
        window.shutdown()

    resets.sort()
    p95 = resets[int(len(resets) * 0.95)]
    print(f"sessions: {args.sessions} (after {args.warmup} warm-up visits), each ended by an idle reset")
    print(f"idle reset to attract screen painted: median {statistics.median(resets):.1f} ms, "
          f"p95 {p95:.1f} ms, max {resets[-1]:.1f} ms")
    print(f"RSS: {rss_start:.1f} MB -> {rss_end:.1f} MB ({rss_end - rss_start:+.1f} MB); "
          f"over the last half {rss_half:.1f} MB -> {rss_end:.1f} MB ({rss_end - rss_half:+.1f} MB)")
    print(f"pixmap cache limit {QPixmapCache.cacheLimit() // 1024} MB: highlight items painted afresh "
          f"{(misses[0] - misses_start) / args.sessions:.1f} times a visit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
