"""The kiosk's end of the speech host: starts it, sends it lines, hands on the lines it sends.

This is the one module of the kiosk that starts a program, and the program is the kiosk's own
speech host (:func:`host_command`): the same Python running ``-m kiosk.speech.host``, or in the
bundle the kiosk executable itself with ``--speech-host``. Everything is asynchronous
(:class:`QProcess` and its signals): the GUI thread never waits on the host, except for the
moment the kernel takes to end it on :meth:`HostProcess.kill`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from kiosk.speech.protocol import MAX_LINE

log = logging.getLogger(__name__)

HOST_FLAG = "--speech-host"  # the bundle's hidden argument (see kiosk/__main__.py)
HOST_MODULE = "kiosk.speech.host"
STDERR_LINES = 40  # of the host's complaints, logged (at debug level) per host
REAP_MS = 1000  # after SIGKILL the kernel ends a process at once; this is a safety bound


def host_command(engine: str | None = None) -> list[str]:
    """The command line that starts the speech host (``engine``: a QtTextToSpeech engine name)."""
    extra = ["--engine", engine] if engine is not None else []
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its executable is the kiosk
        return [sys.executable, HOST_FLAG, *extra]
    return [sys.executable, "-m", HOST_MODULE, *extra]


class HostProcess(QObject):
    """One speech host process. :attr:`line` carries each line it writes; :attr:`ended` says it
    stopped (or never started) on its own, with why; :meth:`kill` ends it without a signal."""

    line = Signal(bytes)
    ended = Signal(str)

    def __init__(self, command: Sequence[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.command = list(command) if command is not None else host_command()
        self._process: QProcess | None = None
        self._stderr_lines = 0

    def start(self) -> None:
        process = self._process = QProcess(self)
        if not getattr(sys, "frozen", False):
            # the host imports this very kiosk package, wherever it was started from
            environment = QProcessEnvironment.systemEnvironment()
            root = str(Path(__file__).resolve().parents[2])
            paths = [root, *filter(None, [environment.value("PYTHONPATH")])]
            environment.insert("PYTHONPATH", os.pathsep.join(paths))
            process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read_lines)
        process.readyReadStandardError.connect(self._read_errors)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        process.start(self.command[0], self.command[1:])

    def running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    def pid(self) -> int:
        return int(self._process.processId()) if self._process is not None else 0

    def send(self, data: bytes) -> None:
        if self.running():
            self._process.write(data)

    def kill(self) -> None:
        """End the host at once, quietly (no :attr:`ended`), and reap it."""
        process, self._process = self._process, None
        if process is None:
            return
        for signal in (process.readyReadStandardOutput, process.readyReadStandardError,
                       process.finished, process.errorOccurred):
            signal.disconnect()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()  # SIGKILL: a host stuck inside the engine cannot refuse it
            process.waitForFinished(REAP_MS)  # reaped: no zombie left behind
        process.deleteLater()

    # -- the host's output ----------------------------------------------------
    def _read_lines(self) -> None:
        process = self._process
        while process is not None and process.canReadLine():
            self.line.emit(bytes(process.readLine().data()))
            process = self._process  # a line may have ended it
        if process is not None and process.bytesAvailable() > MAX_LINE:
            self._end("the speech engine sent garbage")

    def _read_errors(self) -> None:
        if self._process is None:
            return
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        for message in text.splitlines():
            if message.strip() and self._stderr_lines < STDERR_LINES:
                self._stderr_lines += 1
                log.debug("speech host: %s", message.strip())

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_lines()
        if self._process is None:
            return
        how = "crashed" if status == QProcess.ExitStatus.CrashExit else f"exited with code {code}"
        self._end(f"the speech engine's process {how}")

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._end(f"the speech engine's process could not be started ({self._process.errorString()})")

    def _end(self, why: str) -> None:
        self.kill()
        self.ended.emit(why)
