"""The soak's own checks: ``benchmarks/monkey.py`` must notice what it is there to count.

The 3,000-action soak itself runs as ``make soak`` (part of ``make test``); these runs are
short and each plants one fault.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLANT = """
import sys
sys.path.insert(0, {benchmarks!r})
import monkey
from PySide6.QtCore import QTimer

def {name}(m):
{body}

monkey.ACTIONS.append(monkey.Action("planted", {weight}, {name}))
sys.exit(monkey.main(["--actions", "30", "--seed", "3", "--warmup", "0", "--slow-ms", {slow_ms!r},
                      "--json", {report!r}]))
"""


def _run(tmp_path: Path, name: str, body: str, weight: float = 40,
         slow_ms: str = "5000") -> tuple[subprocess.CompletedProcess, dict]:
    """30 actions; the first screens are built during them, so only a very slow one counts."""
    report = tmp_path / "report.json"
    code = PLANT.format(benchmarks=str(ROOT / "benchmarks"), name=name, body=body, report=str(report),
                        weight=weight, slow_ms=slow_ms)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the monkey's own 1920x1080
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            cwd=ROOT, env=env)
    return result, json.loads(report.read_text(encoding="utf-8"))


def test_an_error_in_a_slot_is_counted_and_fails_the_run(tmp_path):
    """Raised in a Qt slot, it reaches the kiosk's crash guard (which recovers), not the action."""
    result, report = _run(tmp_path, "error_in_a_slot",
                          "    QTimer.singleShot(0, lambda: m.window.navigate(None))")
    assert result.returncode == 1, result.stdout + result.stderr
    assert report["exceptions"] > 0
    assert report["actions"] == 30 and report["per_action"]["planted"]["count"] > 0


def test_a_slow_action_and_a_qt_warning_are_counted(tmp_path):
    body = ("    import time\n"
            "    from PySide6.QtCore import qWarning\n"
            "    qWarning('planted warning')\n"
            "    time.sleep(5.1)")
    result, report = _run(tmp_path, "slow_action", body, weight=3)
    assert result.returncode == 1, result.stdout + result.stderr
    planted = report["per_action"]["planted"]["count"]
    assert [name for _, name, _, _ in report["slow_examples"]] == ["planted"] * planted and planted > 0
    assert dict(report["qt_warning_lines"]).get("planted warning") == report["per_action"]["planted"]["count"]
    assert report["exceptions"] == 0


def test_a_clean_run_exits_0(tmp_path):
    result, report = _run(tmp_path, "nothing", "    pass")
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["exceptions"] == report["logged_errors"] == report["slow_after_warmup"] == 0
    assert "unhandled exceptions: 0" in result.stdout
