"""Regenerate the README screenshots with `kiosk screenshot` (run: make screenshots)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
OUT = DOCS / "screenshots"
EXAMPLES = DOCS / "examples"
ANIM = ["--screen", "animation", "--progress", "0.6", "--select"]
SHOTS = [
    ("home", ["--screen", "home"]),
    ("diagram", ["--screen", "diagram"]),
    ("diagram-disc-L4-L5", ["--screen", "diagram", "--select", "disc-L4-L5"]),
    ("diagram-herniated-disc", ["--screen", "diagram", "--select", "herniated-disc"]),
    ("diagram-area-sole", ["--screen", "diagram", "--select", "area-sole"]),
    ("view-side-disc-L4-L5", ["--screen", "diagram", "--view", "side", "--select", "disc-L4-L5"]),
    ("view-hurts-area-foot-top", ["--screen", "diagram", "--view", "hurts", "--select", "area-foot-top"]),
    ("view-hurts-root-S1", ["--screen", "diagram", "--view", "hurts", "--select", "root-S1"]),
    ("view-axial-root-L5", ["--screen", "diagram", "--view", "axial", "--select", "root-L5"]),
    ("view-back-piriformis", ["--screen", "diagram", "--view", "back", "--select", "muscle-piriformis"]),
    ("animation-herniated-disc", [*ANIM, "herniated-disc"]),
    ("animation-spinal-stenosis", [*ANIM, "spinal-stenosis"]),
    ("animation-spondylolisthesis", [*ANIM, "spondylolisthesis"]),
    ("questionnaire-body-map",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "up-to-body-map.json")]),
    ("questionnaire-urgent", ["--screen", "questionnaire", "--answers", str(EXAMPLES / "emergency.json")]),
    ("questionnaire-results",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "recent-sciatica.json")]),
    ("questionnaire-handoff",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "recent-sciatica.json"), "--page", "handoff"]),
]


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, args in SHOTS:
        out = str(OUT / f"{name}.png")
        subprocess.run([sys.executable, "-m", "kiosk", "screenshot", *args, "--out", out], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
