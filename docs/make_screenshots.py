"""Regenerate the README screenshots with `kiosk screenshot` (run: make screenshots)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
OUT = DOCS / "screenshots"
EXAMPLES = DOCS / "examples"
ANIM = ["--screen", "animation", "--progress", "0.6", "--select"]
WEAK_LEG = EXAMPLES / "weak-leg-walking-pain.json"  # results with notes and four topics
ANIM_AT = ["--screen", "animation", "--progress"]
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
    ("view-front-root-L4", ["--screen", "diagram", "--view", "front", "--select", "root-L4"]),
    ("view-back-nerve-peroneal", ["--screen", "diagram", "--view", "back", "--select", "nerve-peroneal"]),
    ("animation-herniated-disc", [*ANIM, "herniated-disc"]),
    ("animation-spinal-stenosis", [*ANIM, "spinal-stenosis"]),
    ("animation-spondylolisthesis", [*ANIM, "spondylolisthesis"]),
    ("animation-foraminal-narrowing", [*ANIM_AT, "1", "--select", "foraminal-narrowing"]),
    ("animation-microdiscectomy", [*ANIM_AT, "0.45", "--select", "microdiscectomy"]),
    ("animation-spinal-fusion", [*ANIM_AT, "0.73", "--select", "spinal-fusion"]),
    ("questionnaire-body-map",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "up-to-body-map.json")]),
    ("questionnaire-urgent", ["--screen", "questionnaire", "--answers", str(EXAMPLES / "emergency.json")]),
    ("questionnaire-results",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "recent-sciatica.json")]),
    ("questionnaire-handoff",
     ["--screen", "questionnaire", "--answers", str(EXAMPLES / "recent-sciatica.json"), "--page", "handoff"]),
    ("questionnaire-results-notes", ["--screen", "questionnaire", "--answers", str(WEAK_LEG)]),
    # needs the treatment pages' [compare] tables
    ("questionnaire-compare", ["--screen", "questionnaire", "--answers", str(WEAK_LEG), "--page", "compare"]),
    ("questionnaire-under-18", ["--screen", "questionnaire", "--answers", str(EXAMPLES / "under-18.json")]),
    ("es-diagram-disc-L4-L5", ["--language", "es", "--screen", "diagram", "--select", "disc-L4-L5"]),
    ("es-questionnaire-results",
     ["--language", "es", "--screen", "questionnaire", "--answers", str(EXAMPLES / "recent-sciatica.json")]),
    ("consult", ["--screen", "consult", "--select", "disc-L4-L5", "--annotations",
                 str(EXAMPLES / "consult-drawing.json")]),
    ("consult-1366", ["--screen", "consult", "--select", "disc-L4-L5", "--annotations",
                      str(EXAMPLES / "consult-drawing.json"), "--size", "1366x768"]),
    # a patient's own choices: Spanish, "Larger text" (x1.5) and "High contrast", and portrait
    ("look-es-large-high-diagram",
     ["--language", "es", "--screen", "diagram", "--select", "disc-L4-L5", "+large", "+high"]),
    ("look-es-large-high-animation",
     ["--language", "es", *ANIM, "herniated-disc", "+large", "+high"]),
    ("look-es-large-home-1366", ["--language", "es", "--screen", "home", "--size", "1366x768", "+large"]),
    ("look-high-portrait-diagram",
     ["--screen", "diagram", "--select", "root-L5", "--size", "1080x1920", "+high"]),
    ("look-es-large-portrait-results",
     ["--language", "es", "--screen", "questionnaire", "--answers", str(WEAK_LEG), "--size", "1080x1920",
      "+large"]),
    ("attract", ["--screen", "attract"]),
    ("still-there", ["--screen", "still-there", "--select", "disc-L4-L5"]),
    ("pin", ["--screen", "pin"]),
    ("staff", ["--screen", "staff"]),
]


def main(only: list[str] | None = None) -> int:
    """Render every screenshot, or only those whose names start with one of ``only``."""
    sys.path.insert(0, str(DOCS.parent))
    from kiosk.domain.pin import hash_pin

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        # The built-in defaults, plus a staff PIN and a printer so the staff screens show it all.
        settings = f'admin_pin_hash = "{hash_pin("2468")}"\nprinter = "Front desk"\n'
        configs = {}
        for large in (False, True):  # "+large" / "+high": the patient's Larger text / High contrast
            for high in (False, True):
                config = Path(folder) / f"kiosk-{int(large)}{int(high)}.toml"
                config.write_text(settings + ("text_size = 1.5\n" if large else "")
                                  + ('contrast = "high"\n' if high else ""), encoding="utf-8")
                configs[large, high] = config
        failed = []
        for name, args in SHOTS:
            if only and not any(name.startswith(prefix) for prefix in only):
                continue
            out = str(OUT / f"{name}.png")
            config = configs["+large" in args, "+high" in args]
            args = [arg for arg in args if arg not in ("+large", "+high")]
            command = [sys.executable, "-m", "kiosk", "--config", str(config), "screenshot", *args,
                       "--out", out]
            done = subprocess.run(command)
            if done.returncode != 0:  # the others are still worth making
                failed.append(name)
    if failed:
        print("not made: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
