"""Regenerate the README screenshots with `kiosk screenshot` (run: make screenshots)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"
SHOTS = [
    ("home", "home", None),
    ("diagram", "diagram", None),
    ("diagram-disc-L4-L5", "diagram", "disc-L4-L5"),
    ("diagram-herniated-disc", "diagram", "herniated-disc"),
    ("diagram-area-sole", "diagram", "area-sole"),
]


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, screen, select in SHOTS:
        args = [sys.executable, "-m", "kiosk", "screenshot", "--screen", screen,
                "--out", str(OUT / f"{name}.png")]
        if select:
            args += ["--select", select]
        subprocess.run(args, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
