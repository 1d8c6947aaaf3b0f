"""Read-aloud's engine in its own process: the line protocol, the speech host on Qt's silent test
engine (a real process), and the kiosk's watchdog against a host that never answers."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.domain.config import DEFAULT
from kiosk.speech import protocol
from kiosk.speech.process import HOST_FLAG, HOST_MODULE, host_command
from kiosk.speech.protocol import Awaiting, Command, Event
from kiosk.ui.clock import ManualClock
from kiosk.ui.read_aloud import PROBE_SECONDS
from kiosk.ui.shell import KioskWindow, NavState, Screen
from kiosk.ui.speech import QtSpeech, set_speech_factory

ROOT = Path(__file__).resolve().parent.parent
PAGE = NavState(Screen.DIAGRAM, "herniated-disc")
# Loading QtTextToSpeech loads Qt Multimedia, which looks for PipeWire: the host's stderr, logged
QT_SPEECH_WARNINGS = ("pipewire", "text-to-speech plug-in")
HUNG = [sys.executable, "-c", "import time; time.sleep(60)"]
# ready at once, then reads its commands and never answers one (an engine stuck in say)
DEAF = [sys.executable, "-c", "import sys; print('{\"event\":\"ready\",\"engine\":\"deaf\"}', flush=True); "
        "[None for _ in sys.stdin]"]


# ------------------------------------------------------------------ the protocol


def test_commands_and_events_go_through_one_line_each_and_come_back_equal():
    line = protocol.say(3, ["Uno.", "Línea\ncon salto", ""], "es")
    assert line.endswith(b"\n") and line.count(b"\n") == 1 and line.isascii()
    assert protocol.parse_command(line) == Command("say", 3, ("Uno.", "Línea\ncon salto", ""), "es")
    assert protocol.parse_command(protocol.stop()) == Command("stop")
    assert protocol.parse_command(protocol.quit_host()) == Command("quit")
    for event in (Event("ready", engine="speechd"), Event("unavailable", reason="no engine"),
                  Event("sentence", 3, 2), Event("finished", 3), Event("failed", reason="gone"),
                  Event("stopped")):
        assert protocol.parse_event(protocol.encode_event(event)) == event


@pytest.mark.parametrize("line", [
    b"", b"not json\n", b"[1, 2]\n", b'{"cmd": "format-disk"}\n', b'{"event": "ready"}\n',
    b'{"event": "sentence", "reading": 1}\n', b'{"event": "sentence", "reading": 1, "index": -1}\n',
    b'{"event": "sentence", "reading": true, "index": 0}\n', b'{"event": "failed", "reason": 7}\n',
    b'{"cmd": "say", "reading": 1, "sentences": "abc", "language": "en"}\n',
    b'{"cmd": "say", "reading": 1, "sentences": [1], "language": "en"}\n',
    b'\xff\xfe\n', b'{"event": "stopped", "pad": "' + b"x" * protocol.MAX_LINE + b'"}\n',
])
def test_anything_else_on_a_line_is_neither_a_command_nor_an_event(line):
    assert protocol.parse_command(line) is None and protocol.parse_event(line) is None


def test_the_watchdog_waits_for_each_command_until_it_or_a_later_one_is_answered():
    awaiting = Awaiting()
    awaiting.sent("say", 1)
    assert awaiting and not awaiting.answered(Event("sentence", 0, 0))  # an older reading
    assert awaiting.answered(Event("sentence", 1, 0)) and not awaiting
    assert not awaiting.answered(Event("sentence", 1, 1))  # the rest of a reading answers nothing
    awaiting.sent("say", 2)
    awaiting.sent("stop")
    assert awaiting.answered(Event("sentence", 2, 0)) and len(awaiting) == 1  # the stop still waits
    awaiting.sent("say", 3)
    awaiting.sent("stop")
    assert awaiting.answered(Event("stopped")) and len(awaiting) == 2  # the first stop only
    assert awaiting.answered(Event("stopped")) and not awaiting  # the say before it was handled too
    awaiting.sent("say", 4)
    assert awaiting.answered(Event("failed", reason="x")) and not awaiting


def test_the_host_is_this_python_or_in_the_bundle_the_kiosk_itself(monkeypatch):
    assert host_command() == [sys.executable, "-m", HOST_MODULE]
    assert host_command("mock") == [sys.executable, "-m", HOST_MODULE, "--engine", "mock"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert host_command() == [sys.executable, HOST_FLAG]


# ------------------------------------------------------------------ the host on Qt's test engine


def _mock_speech(qtbot) -> QtSpeech:
    speech = QtSpeech(engine="mock")
    with qtbot.waitSignal(speech.availabilityKnown, timeout=20000):
        pass
    missing = "cannot be loaded" in speech.problem() or "not installed" in speech.problem()
    if not speech.available() and missing:
        speech.close()
        pytest.skip(f"QtTextToSpeech or its test engine is missing: {speech.problem()}")
    assert speech.available(), speech.problem()
    assert speech.engine == "mock"
    return speech


@pytest.mark.qt_log_ignore(*QT_SPEECH_WARNINGS)
def test_the_host_reads_sentence_by_sentence_and_stops(kiosk_app, qtbot):
    speech = _mock_speech(qtbot)
    pid = speech.host.pid()
    try:
        started: list[int] = []
        speech.sentenceStarted.connect(started.append)
        with qtbot.waitSignal(speech.finished, timeout=10000):
            speech.say(["One two.", "  ", "Three four five."], "en")
        assert started == [0, 2]  # indices in the list given, the blank one skipped
        finished: list[bool] = []
        speech.finished.connect(lambda: finished.append(True))
        started.clear()
        with qtbot.waitSignal(speech.sentenceStarted, timeout=10000):
            speech.say(["Seis siete ocho nueve diez once doce trece catorce quince."] * 3, "es")
        speech.stop()
        qtbot.wait(1500)  # the mock engine would have finished by now
        assert finished == [] and started == [0]
        assert speech.available() and speech.host.running()
    finally:
        speech.close()
    assert not speech.host.running()
    _assert_gone(pid)


@pytest.mark.qt_log_ignore(*QT_SPEECH_WARNINGS)
def test_the_host_exits_when_its_input_closes(tmp_path):
    """The kiosk crashed: the host's stdin closes and the host ends on its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(host_command("mock"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=env) as host:
        try:
            first = protocol.parse_event(host.stdout.readline())
            if first is not None and first.kind == "unavailable":
                pytest.skip(f"QtTextToSpeech or its test engine is missing: {first.reason}")
            assert first == Event("ready", engine="mock")
            host.stdin.write(protocol.say(1, ["Hello there."], "en"))
            host.stdin.flush()
            assert protocol.parse_event(host.stdout.readline()) == Event("sentence", 1, 0)
            host.stdin.close()
            assert host.wait(timeout=10) == 0
        finally:
            host.kill()


# ------------------------------------------------------------------ a host that never answers


def _assert_gone(pid: int) -> None:
    """The process ended and was reaped (no zombie left)."""
    assert pid > 0
    if sys.platform.startswith("linux"):
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().split(")")[-1].split()[0] != "Z", "zombie left"
        assert not stat.exists(), "the host still runs"


@pytest.fixture
def hung_window(shown_windows):
    made: list[QtSpeech] = []

    def build(command, start_seconds=10.0, answer_seconds=5.0):
        def factory(parent):
            made.append(QtSpeech(parent, command=command, start_seconds=start_seconds,
                                 answer_seconds=answer_seconds))
            return made[-1]

        set_speech_factory(factory)
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, read_aloud=True)
        window = shown_windows(KioskWindow(config, kiosk_window_content(), [], clock=ManualClock()))
        window.navigate(PAGE)
        window.clock.advance(PROBE_SECONDS)  # the engine is looked for after the first frame
        assert len(made) == 1
        return window, made[0]

    yield build
    set_speech_factory(None)


def kiosk_window_content():
    from kiosk.domain.content import load_content
    from kiosk.resources import default_content_dir

    content, _ = load_content(default_content_dir(), "en")
    return content


def _longest_stall(qtbot, until, timeout_ms: int) -> float:
    """Wait for ``until()`` while a 20 ms timer ticks; the longest gap between ticks, in seconds."""
    clock, gaps = QElapsedTimer(), [0]
    clock.start()
    last = [0]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(20)
    try:
        qtbot.waitUntil(until, timeout=timeout_ms)
    finally:
        ticker.stop()
    return max(gaps) / 1000


def test_a_host_that_never_starts_is_killed_and_the_button_stays_hidden(hung_window, qtbot, caplog):
    with caplog.at_level(logging.INFO, logger="kiosk.ui.read_aloud"):
        window, speech = hung_window(HUNG, start_seconds=1.5)
        pid = speech.host.pid()
        assert speech.pending() and not window.read_aloud.button.isVisible()
        stall = _longest_stall(qtbot, lambda: not speech.pending(), 8000)
        assert stall < 0.5, f"the kiosk stood still for {stall:.2f} s"
        assert not speech.available() and not window.read_aloud.button.isVisible()
        _assert_gone(pid)
        assert window.read_aloud.start() is False and window.read_aloud.probe() is False  # harmless
        window.navigate(NavState(Screen.HOME))
        assert not window.read_aloud.button.isVisible()
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.read_aloud"]
    assert lines == ["read-aloud is off: the speech engine did not start within 1.5 s"]


def test_a_host_that_does_not_answer_a_say_is_killed_and_the_button_hides(hung_window, qtbot, caplog):
    window, speech = hung_window(DEAF, answer_seconds=1.0)
    qtbot.waitUntil(lambda: window.read_aloud.button.isVisible(), timeout=10000)  # ready
    pid = speech.host.pid()
    with caplog.at_level(logging.INFO, logger="kiosk.ui.read_aloud"):
        caplog.clear()  # "read-aloud ready" came before (captured too when logging is at INFO)
        assert window.read_aloud.start() is True
        stall = _longest_stall(qtbot, lambda: not window.read_aloud.button.isVisible(), 5000)
        assert stall < 0.5, f"the kiosk stood still for {stall:.2f} s"
        assert not window.read_aloud.reading and not speech.available()
        _assert_gone(pid)
        window.read_aloud.button.click()  # a later press does nothing
        window.navigate(NavState(Screen.HOME))
        window.navigate(PAGE)
        assert not window.read_aloud.button.isVisible() and not window.read_aloud.reading
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.read_aloud"]
    assert lines == ["read-aloud is off: the speech engine did not answer within 1 s"]


def test_closing_the_kiosk_ends_a_hung_host_at_once(hung_window, qtbot):
    window, speech = hung_window(HUNG)
    qtbot.waitUntil(lambda: speech.host.pid() > 0, timeout=5000)
    pid = speech.host.pid()
    began = time.monotonic()
    window.shutdown()
    assert time.monotonic() - began < 1.0
    _assert_gone(pid)


def test_the_kiosks_entry_point_dispatches_to_the_host_before_loading_the_kiosk():
    """``spine-kiosk --speech-host`` (here: ``python -m kiosk --speech-host``) is the host, and it
    imports neither the command line nor the screens (``-X importtime`` lists every import)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "kiosk", HOST_FLAG, "--engine",
                             "none-such"], input=b"", capture_output=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    event = protocol.parse_event(result.stdout)
    assert event is not None and event.kind == "unavailable" and "'none-such'" in event.reason
    imported = result.stderr.decode()
    assert "kiosk.speech.host" in imported
    for heavy in ("kiosk.cli", "kiosk.ui", "PySide6.QtWidgets", "PySide6.QtGui"):
        assert f" {heavy}\n" not in imported and f" {heavy}." not in imported, heavy
