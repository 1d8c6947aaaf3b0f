"""Memory over many language switches, text-size switches and content reloads, offscreen.

Each switch and each reload builds the screens again (the new words, the new palette, the
content read again), so anything an old screen leaves behind adds up. After each step every
screen is built (the worst case: a patient who has seen them all), Qt's deferred deletions
are run, and every ``--every`` steps it prints the RSS, the live QWidgets and the live
objects of the kiosk's screen classes. At the end: the RSS at the start and the end of each
kind and its growth over the last half. Run with ``make bench`` (or
``python benchmarks/bench_switches.py --switches 300``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_tap import rss_mb  # the same RSS reading as the tap benchmark
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from kiosk.domain.config import DEFAULT
from kiosk.domain.content import content_languages, load_content
from kiosk.resources import default_content_dir
from kiosk.ui.app import create_app
from kiosk.ui.shell import KioskWindow

KINDS = ("language", "text-size", "reload")


def settle(app) -> None:
    """Run what is queued, deferred deletions included, twice (a deletion may queue another)."""
    for _ in range(2):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def live_counts() -> tuple[int, Counter[str]]:
    """Live QWidgets, and live Python objects of the kiosk's own classes by class name."""
    kiosk_objects: Counter[str] = Counter()
    for obj in gc.get_objects():
        module = getattr(type(obj), "__module__", "") or ""
        if module.startswith("kiosk.ui"):
            kiosk_objects[type(obj).__name__] += 1
    return len(QApplication.allWidgets()), kiosk_objects


def stepper(window: KioskWindow, kind: str) -> Callable[[int], None]:
    languages = window.languages
    if kind == "language":
        return lambda i: window.switch_language(languages[(i + 1) % len(languages)])
    if kind == "text-size":
        return lambda i: window.preferences.set_larger_text(not window.preferences.larger_text)
    return lambda i: window.reload_content()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--switches", type=int, default=300, help="steps of each kind")
    parser.add_argument("--warmup", type=int, default=10, help="steps of each kind before measuring")
    parser.add_argument("--every", type=int, default=50, help="print the figures every N steps")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"a comma-separated subset of {KINDS}")
    parser.add_argument("--objects", action="store_true", help="also print which kiosk objects grew")
    args = parser.parse_args()

    config = replace(DEFAULT, kiosk_mode=True, reduce_motion=True, read_aloud=False)
    app = create_app(config)
    root = default_content_dir()
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "diagrams"

        def loader(language: str):
            return load_content(root, language, diagram_cache=cache)

        content, problems = loader(config.language)
        if problems:
            print("\n".join(map(str, problems)))
            return 1
        languages = content_languages(root) or [config.language]
        window = KioskWindow(config, content, problems, loader=loader, languages=languages)
        window.resize(1920, 1080)
        window.show()
        window.begin_session()
        settle(app)
        results = []
        for kind in args.kinds.split(","):
            step = stepper(window, kind)
            rss_start = rss_half = 0.0
            widgets_start, objects_start = 0, Counter[str]()
            for i in range(args.warmup + args.switches):
                if i == args.warmup:
                    settle(app)
                    rss_start = rss_mb()
                    widgets_start, objects_start = live_counts()
                if i == args.warmup + args.switches // 2:
                    rss_half = rss_mb()
                step(i)
                window.build_screens()
                settle(app)
                done = i + 1 - args.warmup
                if done > 0 and done % args.every == 0:
                    widgets, objects = live_counts()
                    print(f"  {kind} x{done}: RSS {rss_mb():.1f} MB, {widgets} QWidgets, "
                          f"{sum(objects.values())} kiosk objects", flush=True)
                    if args.objects:
                        grown = {name: n - objects_start[name] for name, n in objects.items()
                                 if n > objects_start[name]}
                        print(f"    grown: {dict(sorted(grown.items(), key=lambda kv: -kv[1])[:15])}")
            rss_end = rss_mb()
            widgets_end, objects_end = live_counts()
            results.append((kind, rss_start, rss_half, rss_end, widgets_start, widgets_end,
                            sum(objects_start.values()), sum(objects_end.values())))
        window.shutdown()

    print(f"{args.switches} steps of each kind (after {args.warmup} warm-up), every screen built after each")
    for kind, start, half, end, w0, w1, o0, o1 in results:
        print(f"{kind}: RSS {start:.1f} MB -> {end:.1f} MB ({end - start:+.1f} MB); over the last half "
              f"{half:.1f} -> {end:.1f} MB ({end - half:+.1f} MB); QWidgets {w0} -> {w1}; "
              f"kiosk objects {o0} -> {o1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
