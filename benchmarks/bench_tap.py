"""Tap-to-highlight time and memory over many taps, offscreen at 1920x1080.

Each sample is the app's own time for one tap: the mouse event, the hit test, the
highlight and panel update, and a synchronous repaint of the diagram and the panel
(the first frame that shows the highlight). Run with
``make bench`` (or ``python benchmarks/bench_tap.py --taps 20000``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtTest import QTest

from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.app import create_app
from kiosk.ui.diagram_view import RegionItem
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.uihelpers import empty_point, inside_point


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def count_fresh_paints() -> list[int]:
    """A highlight item paints itself only when its cached rendering is missing (a miss of
    Qt's pixmap cache): count those, in the returned list's one element."""
    misses = [0]
    paint = RegionItem.paint

    def counting_paint(item, *rest):
        misses[0] += 1
        paint(item, *rest)

    RegionItem.paint = counting_paint
    return misses


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=5000, help="timed taps (the issue's target: 20000)")
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--pixmap-cache-kb", type=int, default=None,
                        help="Qt's pixmap cache limit instead of the kiosk's (to size it by measurement)")
    args = parser.parse_args()

    config = replace(DEFAULT, kiosk_mode=False)
    app = create_app(config)
    if args.pixmap_cache_kb is not None:
        QPixmapCache.setCacheLimit(args.pixmap_cache_kb)
    misses = count_fresh_paints()
    content, problems = load_content(default_content_dir(), config.language)
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    window = KioskWindow(config, content, problems)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    window.navigate(NavState(Screen.DIAGRAM))
    view = window.diagram.view
    points = [view.mapFromScene(inside_point(view, rid)) for rid in view.region_ids()]
    points.append(view.mapFromScene(empty_point(view)))
    viewport = view.viewport()
    panel = window.diagram.panel

    samples: list[float] = []
    cpu: list[float] = []
    rss_after_warmup = 0.0
    misses_after_warmup = 0
    for i in range(args.warmup + args.taps):
        if i == args.warmup:
            rss_after_warmup = rss_mb()
            misses_after_warmup = misses[0]
        pos = points[i % len(points)]
        start, start_cpu = time.perf_counter(), time.thread_time()
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        viewport.repaint()
        panel.repaint()
        elapsed = (time.perf_counter() - start) * 1000
        if i >= args.warmup:
            samples.append(elapsed)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        app.processEvents()
        if i % 200 == 0:
            window.go_home()  # exercise the full navigation path too
            window.navigate(NavState(Screen.DIAGRAM))
    print(f"taps: {len(samples)} over {len(points)} targets")
    for name, values in (("tap-to-highlight ms", samples), ("  the same, CPU time of the GUI thread", cpu)):
        values.sort()
        p95 = values[int(len(values) * 0.95)]
        p99 = values[int(len(values) * 0.99)]
        print(f"{name}: median {statistics.median(values):.2f}  p95 {p95:.2f}  p99 {p99:.2f}  "
              f"max {values[-1]:.2f}  (over 16.7 ms: {sum(s > 16.7 for s in values)})")
    print(f"RSS MB: after warm-up {rss_after_warmup:.1f}  after taps {rss_mb():.1f}")
    print(f"pixmap cache limit {QPixmapCache.cacheLimit() // 1024} MB: highlight items painted afresh "
          f"{(misses[0] - misses_after_warmup) / len(samples):.2f} times a tap")
    return 0


if __name__ == "__main__":
    sys.exit(main())
