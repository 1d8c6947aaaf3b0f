"""Time to first frame: from process start to the main window's first paint.

Runs the kiosk 5 times with ``--first-frame-exit`` (it prints the moment of its first
paint and quits) and reports the median wall time seen from outside. Pass
``--bundle PATH`` to time the frozen binary instead of the source tree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", default=None, help="path of the frozen spine-kiosk binary")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kiosk", action="store_true",
                        help="time the full-screen kiosk (its attract screen), not the windowed home screen")
    args = parser.parse_args()
    command = [args.bundle] if args.bundle else [sys.executable, "-m", "kiosk"]
    command += ["--first-frame-exit"] if args.kiosk else ["--windowed", "--first-frame-exit"]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    walls, inner = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        walls.append(time.perf_counter() - start)
        line = next((ln for ln in result.stdout.splitlines() if ln.startswith("first-frame")), None)
        if result.returncode != 0 or line is None:
            print(result.stdout, result.stderr)
            return 1
        inner.append(float(line.split()[1]))
    label = ("bundle" if args.bundle else "source") + (", kiosk mode" if args.kiosk else ", windowed")
    print(f"{label}: first frame median {statistics.median(walls):.2f} s wall "
          f"(runs: {', '.join(f'{w:.2f}' for w in walls)}); "
          f"in-process median {statistics.median(inner):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
