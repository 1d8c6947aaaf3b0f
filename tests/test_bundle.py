"""Build the PyInstaller bundle and smoke-test the frozen binary (``pytest -m bundle``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.bundle


def _folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    work = tmp_path_factory.mktemp("pyinstaller")
    dist = ROOT / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build_kiosk.spec")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = dist / "spine-kiosk"
    assert (folder / "spine-kiosk").exists()
    return folder


def test_frozen_self_test_passes(bundle):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(bundle / "spine-kiosk"), "--self-test"], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "self-test passed" in result.stdout


def test_frozen_check_content_passes(bundle):
    result = subprocess.run([str(bundle / "spine-kiosk"), "check-content"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundle_leaves_out_unused_qt_parts(bundle):
    names = [p.name for p in bundle.rglob("*")]
    for unused in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Pdf.so.6", "libqwayland.so"):
        assert not any(n.startswith(unused.split(".so")[0] + ".so") for n in names), unused
    for needed in ("libQt6Svg.so.6", "libQt6PrintSupport.so.6", "libqxcb.so", "libqoffscreen.so",
                   "libcupsprintersupport.so", "libqsvg.so", "libqjpeg.so", "libicudata.so.73"):
        assert needed in names, needed
    assert any(n.startswith("AtkinsonHyperlegible") for n in names)
    internal = bundle / "_internal"
    assert (internal / "content" / "es").is_dir() and (internal / "assets" / "diagrams").is_dir()
    assert not (internal / "numpy").exists()
    # read-aloud: QtTextToSpeech and its speech-dispatcher plug-in, nothing else of PySide6-Addons
    plugins = internal / "PySide6" / "Qt" / "plugins" / "texttospeech"
    speech_plugins = sorted(p.name for p in plugins.iterdir())
    assert speech_plugins == ["libqtexttospeech_speechd.so"]
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6TextToSpeech.so.6").exists()
    addons = {"QtMultimedia", "QtMultimediaWidgets", "Qt3DCore", "QtCharts", "QtWebEngineCore", "QtQuick3D",
              "QtBluetooth", "QtSerialPort", "QtSensors", "QtPositioning", "QtRemoteObjects", "QtScxml"}
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("*.so")}
    assert "QtTextToSpeech" in modules and not modules & addons, modules & addons
    assert not any(n.startswith(("libspeechd", "libpulse", "libavcodec")) for n in names)
    size_mb = _folder_size(bundle) / 1e6
    print(f"bundle size: {size_mb:.1f} MB")
    # Qt, ICU (trimmed to English and Spanish) and Python are most of it (README "Bundle size").
    assert size_mb <= 100, f"the bundle grew to {size_mb:.1f} MB, over the 100 MB budget"


def test_frozen_operations_commands_work(bundle, tmp_path):
    """The settings, PIN and counts commands are in the bundle too (a clinic runs them there)."""
    exe = str(bundle / "spine-kiosk")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    example = subprocess.run([exe, "config", "--example"], capture_output=True, text=True, timeout=120,
                             env=env)
    assert example.returncode == 0 and "idle_timeout = 90" in example.stdout
    config = tmp_path / "kiosk.toml"
    config.write_text(example.stdout.replace("idle_timeout = 90", "idle_timeout = 5"), encoding="utf-8")
    check = subprocess.run([exe, "config", "--check", str(config)], capture_output=True, text=True,
                           timeout=120, env=env)
    assert check.returncode == 1 and "idle_timeout" in check.stdout
    stats = subprocess.run([exe, "stats"], capture_output=True, text=True, timeout=120, env=env)
    assert stats.returncode == 0 and "No usage counted yet" in stats.stdout + stats.stderr


def test_frozen_kiosk_is_its_own_speech_host(bundle):
    """``spine-kiosk --speech-host`` is read-aloud's engine process, dispatched before the command
    line: it loads QtTextToSpeech, answers in the line protocol and exits when asked. Qt's silent
    test engine is left out of the bundle, so asking for it is answered "unavailable" with the
    engines that are there (speech-dispatcher's)."""
    from kiosk.speech import protocol

    result = subprocess.run([str(bundle / "spine-kiosk"), "--speech-host", "--engine", "mock"],
                            input=protocol.quit_host(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr[-4000:]
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    event = protocol.parse_event(lines[0])
    assert event is not None and event.kind == "unavailable", lines[0]
    assert "'mock' is not installed" in event.reason and "speechd" in event.reason
