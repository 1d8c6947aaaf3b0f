"""Starting and leaving the kiosk from a terminal: Ctrl+C and SIGTERM end it cleanly, and a
missing X11 library is named before Qt gets the chance to abort."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kiosk import cli, xcb_check
from kiosk.cli import run
from kiosk.cli.context import Context
from kiosk.logsetup import log_dir

POSIX_SIGNALS = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                   reason="sends POSIX signals and listens on an abstract AF_UNIX socket")


# ------------------------------------------------------------------ SIGINT and SIGTERM
def _start_and_wait_until_up(*mode: str) -> subprocess.Popen:
    """Start the real kiosk offscreen; return once it has told 'systemd' it is up (READY=1)."""
    name = f"kiosk-test-{uuid.uuid4().hex}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind("\0" + name)
    receiver.settimeout(60)
    env = {**os.environ, "NOTIFY_SOCKET": "@" + name}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    process = subprocess.Popen([sys.executable, "-m", "kiosk", *mode], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        with receiver:
            while receiver.recv(256) != b"READY=1":
                pass
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return process


@POSIX_SIGNALS
@pytest.mark.parametrize("mode", [(), ("--windowed",)], ids=["kiosk", "windowed"])
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)],
                         ids=["SIGINT", "SIGTERM"])
def test_a_signal_ends_the_kiosk_cleanly(mode, sig, code):
    database = Path(os.environ["XDG_DATA_HOME"]) / "spine-kiosk" / "usage.sqlite3"
    process = _start_and_wait_until_up(*mode)
    try:
        if mode:  # a normal window starts a visit at once: the database is open, its log written
            assert database.with_name(database.name + "-wal").exists()
        process.send_signal(sig)  # the event loop is idle: nothing but the signal wakes it
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err == ""
    log = (log_dir() / "kiosk.log").read_text(encoding="utf-8")
    stops = [line for line in log.splitlines() if "stopped by" in line]
    assert len(stops) == 1 and sig.name in stops[0] and f"exit code {code}" in stops[0], stops
    if mode:
        # closed, not killed: SQLite folds its write-ahead log in and removes it on close
        assert not database.with_name(database.name + "-wal").exists()
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT n FROM counts WHERE metric = 'sessions'").fetchone() == (1,)
        db.close()


def test_ctrl_c_before_the_window_is_up_exits_130_without_a_traceback(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main(["check-content"]) == 130
    assert "Traceback" not in capsys.readouterr().err


# ------------------------------------------------------------------ the xcb libraries
def _not_found(name: str) -> str:
    return f"{name}: cannot open shared object file: No such file or directory"


def test_missing_xcb_libraries_are_named_in_one_line_before_qt_starts(monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    gone = {"libxcb-icccm.so.4", "libxcb-util.so.1"}

    def load(name):
        if name in gone:
            return _not_found(name)
        if name == "libxcb-image.so.0":  # there, but it needs libxcb-util, which is not
            return _not_found("libxcb-util.so.1")
        return None

    def no_window(*args, **kwargs):
        raise AssertionError("Qt was started")

    monkeypatch.setattr(xcb_check, "load_library", load)
    monkeypatch.setattr(Context, "make_window", no_window)
    assert cli.main(["--windowed"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "kiosk: cannot open a window on X11: Qt's xcb platform plugin needs libraries that are not "
        "installed; install them with: sudo apt-get install libxcb-icccm4 libxcb-util1"]
    assert "libxcb-cursor0" not in err and "libxcb-image0" not in err


def test_a_library_with_no_known_package_is_named_by_its_file():
    def load(name):
        return _not_found("libweird.so.3") if name == "libxcb-shape.so.0" else None

    missing = xcb_check.missing_packages(load)
    assert missing == ["libweird.so.3"]
    assert xcb_check.message(missing).endswith("not installed; also missing: libweird.so.3")


@pytest.mark.parametrize(("env", "platform", "xcb"), [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:nograb;wayland"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", False),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", False),
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "win32", False),
])
def test_the_check_runs_only_when_qt_will_use_xcb(env, platform, xcb):
    assert xcb_check.will_use_xcb(env, platform) is xcb


def test_offscreen_never_runs_the_xcb_check(monkeypatch):
    def refuse(*args):
        raise AssertionError("checked the xcb libraries for an offscreen window")

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(xcb_check, "missing_packages", refuse)
    monkeypatch.setattr(run, "_run_window", lambda args, ctx, config, counter: 0)
    assert cli.main(["--windowed"]) == 0


def _xcb_plugin() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))]
    return [f for f in files if f.is_file()]


@pytest.mark.skipif(not shutil.which("readelf"), reason="needs readelf (binutils)")
def test_every_library_the_xcb_plugin_needs_has_a_package():
    files = _xcb_plugin()
    if not files:
        pytest.skip("this PySide6 has no xcb plugin")
    needed = set()
    for file in files:
        dynamic = subprocess.run(["readelf", "-d", str(file)], capture_output=True, text=True, check=True)
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic.stdout))
    runtime = re.compile(r"lib(Qt6\w*|c|m|dl|rt|pthread|stdc\+\+|gcc_s)\.so[.\d]*|ld-linux.*")
    outside_qt = {name for name in needed if not runtime.fullmatch(name)}
    assert outside_qt, needed
    assert outside_qt <= set(xcb_check.XCB_LIBRARIES), outside_qt - set(xcb_check.XCB_LIBRARIES)


@pytest.mark.skipif(not shutil.which("ldd") or not sys.platform.startswith("linux"), reason="needs ldd")
def test_the_check_agrees_with_the_dynamic_loader_on_this_machine():
    """Here, whatever is installed: the packages named are exactly the libraries ldd misses."""
    files = _xcb_plugin()
    if not files:
        pytest.skip("this PySide6 has no xcb plugin")
    resolved = subprocess.run(["ldd", str(files[0])], capture_output=True, text=True)
    not_found = set(re.findall(r"^\s*(\S+) => not found", resolved.stdout, flags=re.MULTILINE))
    assert set(xcb_check.missing_packages()) == {xcb_check.XCB_LIBRARIES.get(n, n) for n in not_found}
