"""First frame, side by side: the kiosk bundle, a bare PySide6 window and Chromium headless.

In one run, alternating (so a busy moment of the machine hits all of them alike):

- the one-folder bundle (``dist/spine-kiosk/spine-kiosk``, built by ``make bundle``) with
  ``--first-frame-exit``: it quits on its first paint;
- a bare PySide6 window (a QMainWindow with a QLabel) that quits on its first paint, run by
  the same Python the kiosk is built from;
- when ``chromium`` is installed, Chromium headless taking a screenshot of a page that shows
  the same diagram (``assets/diagrams/back.svg``) at the same size.

Each sample is the wall time, seen from outside, from launch to the first frame (the kiosk
and the bare window print ``first-frame`` right after their first paint; Chromium counts
until it has written its screenshot and exited) and to exit, and the peak resident memory of
the largest process. Prints the medians and the ratios of the kiosk's first frame to the
others'. The kiosk runs with an empty cache folder and one untimed warm-up run, like a kiosk
PC after its first start.
Offscreen at 1920x1080 unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = ROOT / "tests" / "offscreen-screen.json"  # one 1920x1080 screen

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

def report():
    print("first-frame", flush=True)
    app.quit()

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1920, 1080)
watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; height: 100%; background: #fff; }}
img {{ display: block; height: 100%; margin: 0 auto; }}
</style></head><body><img src="{svg}" alt=""></body></html>
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from launch to the first frame and to exit, and peak RSS (MB) of the largest
    process. The first frame is when the process says ``first-frame`` on its standard output
    (the kiosk and the bare window do, right after their first paint); a process that does
    not (Chromium writes its screenshot and exits) counts its exit."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=errors)
        first = None
        for line in process.stdout:
            if first is None and line.startswith(b"first-frame"):
                first = time.perf_counter() - start
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.stdout.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{command[0]} exited with {process.returncode}:\n"
                               f"{errors.read().decode(errors='replace')[-2000:]}")
    return (wall if first is None else first), wall, usage.ru_maxrss / 1024


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="samples of each (default 9)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "spine-kiosk" / "spine-kiosk",
                        help="the frozen binary (default: dist/spine-kiosk/spine-kiosk)")
    parser.add_argument("--source", action="store_true",
                        help="time the kiosk from the source tree instead of the bundle")
    parser.add_argument("--kiosk", action="store_true",
                        help="time the full-screen kiosk (its attract screen), not the windowed home screen")
    parser.add_argument("--no-chromium", action="store_true", help="leave Chromium out")
    args = parser.parse_args()

    if args.source:
        kiosk = [sys.executable, "-m", "kiosk"]
    elif args.bundle.exists():
        kiosk = [str(args.bundle)]
    else:
        print(f"No bundle at {args.bundle}: run `make bundle` first (or pass --source).")
        return 1
    kiosk += ["--first-frame-exit"] if args.kiosk else ["--windowed", "--first-frame-exit"]
    platform = os.environ.get("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")
    env = {**os.environ, "QT_QPA_PLATFORM": platform}

    with tempfile.TemporaryDirectory() as tmp:
        # The kiosk keeps its settings and counts out of the user's folders during the run.
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(Path(tmp) / name.lower())
        contenders: dict[str, list[str]] = {
            "kiosk" + (" (source)" if args.source else " bundle"): kiosk,
            "bare PySide6 window": [sys.executable, "-c", BARE_WINDOW],
        }
        browser = None if args.no_chromium else chromium_binary()
        if browser:
            page = Path(tmp) / "page.html"
            page.write_text(PAGE.format(svg=(ROOT / "assets" / "diagrams" / "back.svg").as_uri()),
                            encoding="utf-8")
            contenders["Chromium headless"] = [
                browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                f"--user-data-dir={Path(tmp) / 'chromium'}", "--window-size=1920,1080",
                f"--screenshot={Path(tmp) / 'shot.png'}", page.as_uri()]
        for command in contenders.values():  # one untimed warm-up each: page cache, fonts
            run(command, env)
        samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in contenders}
        for _ in range(args.runs):
            for name, command in contenders.items():
                samples[name].append(run(command, env))

    print(f"First frame, median of {args.runs} alternating runs ({platform.split(':')[0]}, 1920x1080):")
    medians = {}
    for name, values in samples.items():
        firsts = [first for first, _, _ in values]
        medians[name] = statistics.median(firsts)
        print(f"  {name:<22} first frame {medians[name]:.3f} s (min {min(firsts):.3f}, "
              f"max {max(firsts):.3f}); exit {statistics.median(w for _, w, _ in values):.3f} s; "
              f"peak RSS {statistics.median(m for _, _, m in values):.0f} MB")
    names = list(samples)
    kiosk_time = medians[names[0]]
    for other in names[1:]:
        print(f"  {names[0]} / {other}: {kiosk_time / medians[other]:.2f}x")
    if not browser and not args.no_chromium:
        print("  (Chromium not installed: `apt-get install chromium` to compare with it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
