"""Frame time of the animations ("See how it happens" / "See how it is done"), offscreen.

For each animation in the built-in content, a canvas the size it has inside a 1920x1080 window (the animation
screen in the space between the top and bottom bars, about 1856x660; ``--size`` to
override) paints ``--frames`` frames across the progress 0..1. Each sample is one
progress change plus the repaint it asks for, done at once: what the 60 fps animation pays
per frame. The canvas repaints only the area that changed; ``--full`` repaints the whole
canvas every frame instead (the worst case, e.g. the first frame after a resize). Run with
``python benchmarks/bench_animation.py``.
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

from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.animation_screen import AnimationScreen
from kiosk.ui.app import create_app

FRAME_BUDGET_MS = 1000 / 60


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=240)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--size", default="", help="canvas WxH instead of the screen's layout")
    parser.add_argument("--only", default="", help="comma-separated animation ids (default: all)")
    parser.add_argument("--full", action="store_true", help="repaint the whole canvas every frame")
    args = parser.parse_args()

    app = create_app(replace(DEFAULT, kiosk_mode=False))
    screen = AnimationScreen(reduce_motion=False)
    screen.resize(1920, 1080 - 96 - 112)  # the stack between the top and bottom bars
    screen.show()
    app.processEvents()
    content, problems = load_content(default_content_dir(), "en")
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    wanted = [a for a in args.only.split(",") if a] or sorted(content.animations)
    worst = 0.0
    for content_id in wanted:
        screen.show_animation(content.animations[content_id], content.language)
        canvas = screen.canvas
        if args.size:
            w, h = (int(v) for v in args.size.lower().split("x"))
            canvas.setFixedSize(w, h)
        app.processEvents()
        for i in range(args.warmup):  # builds the per-size caches
            canvas.set_progress(i / max(1, args.warmup - 1))
            canvas.repaint()
        wall, cpu = [], []
        n = args.frames
        for i in range(n):
            t = i / (n - 1)
            start, start_cpu = time.perf_counter(), time.process_time()
            canvas.set_progress(t)
            if args.full:
                canvas.repaint()
            else:  # the update the canvas asked for (only what changed), painted now
                app.processEvents()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            app.processEvents()
        median, p95 = stats(wall)
        cpu_median, cpu_p95 = stats(cpu)
        worst = max(worst, p95)
        print(f"{content_id:24s} canvas {canvas.width()}x{canvas.height()}  frames {n}  "
              f"median {median:.2f} ms  p95 {p95:.2f} ms  (CPU time: median {cpu_median:.2f} ms  "
              f"p95 {cpu_p95:.2f} ms)")
    mode = "whole canvas every frame" if args.full else "changed area only"
    print(f"({mode}) budget at 60 fps: {FRAME_BUDGET_MS:.1f} ms per frame; worst p95 {worst:.2f} ms "
          f"(wall clock; CPU time is what the painting itself costs on a busy machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
