"""Deployment: the systemd user unit (deploy/spine-kiosk.service) and kiosk.sdnotify."""

from __future__ import annotations

import configparser
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from kiosk import sdnotify

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "spine-kiosk.service"
SPEC = ROOT / "build_kiosk.spec"
# The app pings the watchdog every 15 s from the GUI thread (half of WatchdogSec=30).
APP_PING_INTERVAL_S = 15.0
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_unix_sockets = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no AF_UNIX sockets here")


# --- the unit file -----------------------------------------------------------------------


def _unit() -> configparser.ConfigParser:
    # strict=False: unit files may repeat a key (e.g. Environment=); no interpolation: %h
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # unit file keys are case-sensitive
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


_SPAN_UNITS = {"us": 1e-6, "ms": 1e-3, "": 1.0, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


def _seconds(span: str) -> float:
    """A systemd time span ("30", "30s", "1min 30s") in seconds."""
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span.strip())
    assert parts, f"not a time span: {span!r}"
    return sum(float(number) * _SPAN_UNITS[unit] for number, unit in parts)


def test_unit_has_the_settings_an_unattended_kiosk_needs():
    unit = _unit()
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # in [Unit]: never stop restarting
    assert unit["Unit"]["PartOf"] == "graphical-session.target"
    assert unit["Unit"]["After"] == "graphical-session.target"
    service = unit["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "main"
    assert service["Restart"] == "always"
    assert _seconds(service["RestartSec"]) == 1
    assert _seconds(service["TimeoutStartSec"]) == 60
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_watchdog_leaves_room_for_a_late_ping(clean_env, monkeypatch):
    watchdog_s = _seconds(_unit()["Service"]["WatchdogSec"])
    # At least two pings fall into every watchdog period, so one late ping (a long
    # repaint) does not get a healthy kiosk killed; a frozen GUI misses both.
    assert watchdog_s >= 2 * APP_PING_INTERVAL_S
    # What the app derives from systemd's $WATCHDOG_USEC matches that assumption.
    monkeypatch.setenv("WATCHDOG_USEC", str(int(watchdog_s * 1_000_000)))
    assert sdnotify.watchdog_interval() == APP_PING_INTERVAL_S


def test_exec_start_is_the_bundle_in_the_home_folder():
    name = re.search(r'^NAME = "([^"]+)"', SPEC.read_text(encoding="utf-8"), re.MULTILINE)
    assert name, "build_kiosk.spec names the bundle in NAME"
    bundle = name.group(1)
    assert _unit()["Service"]["ExecStart"] == f"%h/{bundle}/{bundle}"


# --- systemd-analyze verify ----------------------------------------------------------------
#
# The unit file is checked exactly as shipped, in the user manager's mode (it is a user
# unit). %h is the home folder of whoever runs the manager: HOME points at a temporary
# folder holding a stand-in executable at %h/spine-kiosk/spine-kiosk, because verify
# fails when ExecStart's program does not exist. XDG_RUNTIME_DIR is a temporary folder
# too, so this also works as root in a container where systemd is not PID 1 and there
# is no user session (without it the user manager refuses to start).
#
# verify only *warns* about a bad value ("Failed to parse ..., ignoring") and still
# exits 0, so the exit code alone proves little. It also prints lines about things
# outside this unit that depend on the machine: other units' files, a missing
# graphical-session.target in a container, "Failed to connect to bus". The check
# therefore is: exit code 0 AND no output line naming spine-kiosk.service (every
# message about the unit starts with its file path or its name). The broken copies
# below show that this check does fail when the unit is wrong.


def _verify(unit: Path, home: Path, runtime_dir: Path) -> subprocess.CompletedProcess[str]:
    assert SYSTEMD_ANALYZE
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "LC_ALL": "C",
        "SYSTEMD_COLORS": "0",
    }
    return subprocess.run(
        [SYSTEMD_ANALYZE, "--user", "--man=no", "verify", str(unit)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def _problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What verify found wrong with the unit file; [] when it passes."""
    output = (result.stdout + result.stderr).splitlines()
    problems = [line for line in output if UNIT.name in line]
    if result.returncode != 0:
        problems.append(f"exit code {result.returncode}: " + " | ".join(output))
    return problems


@pytest.fixture
def verify_dirs(tmp_path) -> tuple[Path, Path]:
    if SYSTEMD_ANALYZE is None:
        pytest.skip(
            f"systemd-analyze is not installed, so {UNIT.name} cannot be verified "
            "(Debian package 'systemd'; .ci/run installs it)"
        )
    home = tmp_path / "home"
    program = home / "spine-kiosk" / "spine-kiosk"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    runtime_dir = tmp_path / "run"
    runtime_dir.mkdir(mode=0o700)
    return home, runtime_dir


def test_systemd_analyze_verify_accepts_the_unit(verify_dirs):
    home, runtime_dir = verify_dirs
    result = _verify(UNIT, home, runtime_dir)
    assert _problems(result) == [], result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Restart=always", "Restart=sometimes"),
        ("WatchdogSec=30", "WatchdogSec=half a minute"),
        ("Type=notify", "Type=notfy"),
        ("ExecStart=%h/spine-kiosk/spine-kiosk", "ExecStart=%h/spine-kiosk/no-such-program"),
    ],
)
def test_systemd_analyze_verify_rejects_a_broken_copy(verify_dirs, tmp_path, old, new):
    home, runtime_dir = verify_dirs
    text = UNIT.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert sum(line.rstrip("\n") == old for line in lines) == 1
    broken = tmp_path / "broken" / UNIT.name
    broken.parent.mkdir()
    broken.write_text("".join(new + "\n" if line.rstrip("\n") == old else line for line in lines),
                      encoding="utf-8")
    changed = [(a, b) for a, b in zip(lines, broken.read_text(encoding="utf-8").splitlines(keepends=True),
                                      strict=True) if a != b]
    assert changed == [(old + "\n", new + "\n")]  # the copy differs in that one line only
    result = _verify(broken, home, runtime_dir)
    assert _problems(result) != [], result.stdout + result.stderr


# --- kiosk.sdnotify ------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch):
    """No notification socket or watchdog, even when pytest itself runs under systemd."""
    for var in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        monkeypatch.delenv(var, raising=False)


def _receiver(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.settimeout(5)
    return sock


@pytest.fixture
def short_dir():
    # AF_UNIX paths are limited to about 107 bytes; pytest's tmp_path can be longer.
    folder = tempfile.mkdtemp(prefix="sk-", dir="/tmp" if os.path.isdir("/tmp") else None)
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@needs_unix_sockets
def test_notifications_reach_a_socket_file(clean_env, monkeypatch, short_dir):
    path = str(short_dir / "notify")
    with _receiver(path) as receiver:
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        assert sdnotify.under_systemd()
        assert sdnotify.ready()
        assert sdnotify.watchdog_ping()
        assert sdnotify.status("x")
        assert sdnotify.status("two\nlines")
        assert sdnotify.stopping()
        received = [receiver.recv(4096) for _ in range(5)]
    assert received == [b"READY=1", b"WATCHDOG=1", b"STATUS=x", b"STATUS=two lines", b"STOPPING=1"]


@needs_unix_sockets
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux only")
def test_notifications_reach_an_abstract_socket(clean_env, monkeypatch):
    name = f"spine-kiosk-test-{uuid.uuid4().hex}"
    with _receiver("\0" + name) as receiver:
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert sdnotify.ready()
        assert sdnotify.notify("STATUS=Showing home")
        assert receiver.recv(4096) == b"READY=1"
        assert receiver.recv(4096) == b"STATUS=Showing home"


def test_without_notify_socket_nothing_is_sent(clean_env, monkeypatch):
    def no_socket(*args, **kwargs):
        raise AssertionError("a socket was opened without NOTIFY_SOCKET")

    monkeypatch.setattr(socket, "socket", no_socket)
    assert not sdnotify.under_systemd()
    assert sdnotify.notify("READY=1") is False
    assert sdnotify.ready() is False
    assert sdnotify.watchdog_ping() is False
    assert sdnotify.status("x") is False
    assert sdnotify.stopping() is False


@needs_unix_sockets
def test_a_missing_socket_is_logged_not_raised(clean_env, monkeypatch, short_dir, caplog):
    monkeypatch.setenv("NOTIFY_SOCKET", str(short_dir / "gone"))
    with caplog.at_level(logging.DEBUG, logger="kiosk.sdnotify"):
        assert sdnotify.ready() is False
        assert sdnotify.watchdog_ping() is False
    assert any("READY=1" in record.getMessage() for record in caplog.records)


def test_an_address_that_is_not_a_socket_is_ignored(clean_env, monkeypatch):
    monkeypatch.setenv("NOTIFY_SOCKET", "relative/path")
    assert sdnotify.ready() is False
    monkeypatch.setenv("NOTIFY_SOCKET", "/" + "x" * 300)  # too long for AF_UNIX
    assert sdnotify.ready() is False


def test_watchdog_interval(clean_env, monkeypatch):
    assert sdnotify.watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert sdnotify.watchdog_interval() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert sdnotify.watchdog_interval() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))  # meant for another process
    assert sdnotify.watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_PID", "not-a-pid")
    assert sdnotify.watchdog_interval() is None
    monkeypatch.delenv("WATCHDOG_PID")
    for bad in ("0", "-5", "soon", ""):
        monkeypatch.setenv("WATCHDOG_USEC", bad)
        assert sdnotify.watchdog_interval() is None


def test_sdnotify_loads_no_qt():
    code = (
        "import sys, kiosk.sdnotify\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
