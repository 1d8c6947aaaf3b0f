"""``kiosk [--windowed]``: start the kiosk (full screen and locked, or in a normal window).

Exit 2 with one line when there is no screen to show it on, or when a library of Qt's X11
platform plugin is missing (naming the Debian packages); 130 after Ctrl+C, 0 otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import replace


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--windowed", action="store_true",
                        help="run in a normal window instead of full screen")
    parser.add_argument("--consult", action="store_true",
                        help="consult mode: a clinician draws on the drawings with a patient (a window)")
    parser.add_argument("--screen", type=int, default=None, metavar="N",
                        help="consult mode: full screen on screen N (0 is the first)")
    parser.add_argument("--patient-screen", type=int, default=None, metavar="N",
                        help="consult mode: mirror the picture and the drawings on screen N, "
                             "without controls")
    parser.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)


def _no_screen() -> bool:
    """True on Linux when there is no display to open (Qt would abort with a core dump)."""
    env = os.environ
    return (sys.platform.startswith("linux") and not env.get("QT_QPA_PLATFORM")
            and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"))


def run(args, ctx) -> int:
    config = ctx.config
    if args.windowed:
        config = replace(config, kiosk_mode=False)
    if _no_screen():
        print("kiosk: there is no screen to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY "
              "is set). Start it from the desktop session (docs/deploy.md), or try 'kiosk --self-test'.",
              file=sys.stderr)
        return 2
    from kiosk import xcb_check

    if xcb_check.will_use_xcb() and (missing := xcb_check.missing_packages()):
        line = xcb_check.message(missing)
        print(line, file=sys.stderr)
        logging.getLogger("kiosk").error("%s", line, extra={"shown": True})
        return 2
    if args.consult or config.mode == "consult":
        return _run_consult(args, ctx, config)
    counter = None
    if config.statistics and not args.first_frame_exit:
        from kiosk.domain.usage import UsageCounter, default_db_path

        counter = UsageCounter(default_db_path())
    try:
        return _run_window(args, ctx, config, counter)
    finally:
        if counter is not None:
            counter.close()  # also when the loop ended some other way than closing the window


def _run_window(args, ctx, config, counter) -> int:
    app, window = ctx.make_window(config, counter=counter)
    if args.first_frame_exit:
        from kiosk.ui.capture import exit_after_first_frame

        exit_after_first_frame(app, window, getattr(args, "started", 0.0))
    from kiosk.ui.app import show_window
    from kiosk.ui.crash import CrashGuard
    from kiosk.ui.stop_signals import SignalStop

    def stop(code: int) -> None:  # Ctrl+C or systemctl stop: as clean as the staff panel's Exit
        window.shutdown()
        app.exit(code)

    signals = SignalStop(stop, app).install()
    guard = CrashGuard(window.recover).install()
    window.switch_to_consult = lambda: _switch_to_consult(app, window, config)
    show_window(app, window, config.kiosk_mode, hide_cursor=config.hide_cursor)
    from kiosk import failures

    failures.clear(getattr(args, "log_folder", None))  # it starts: a later failure is a new one
    _systemd_heartbeat(app)
    try:
        return app.exec()
    finally:
        guard.uninstall()
        signals.uninstall()
        from kiosk import sdnotify

        sdnotify.stopping()


def _run_consult(args, ctx, config) -> int:
    """Consult mode: no attract screen, no lockdown, no counts (``kiosk --consult``)."""
    from kiosk.ui.app import create_app
    from kiosk.ui.consult.launch import run_window
    from kiosk.ui.crash import install_qt_message_handler

    install_qt_message_handler()
    config = replace(config, kiosk_mode=False, mode="consult")
    app = create_app(config)
    content, problems = ctx.content()
    if problems or content is None or not content.diagrams:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("kiosk: consult mode needs content without problems; run 'kiosk check-content'",
              file=sys.stderr)
        return 1
    first_frame = None
    if args.first_frame_exit:
        from kiosk.ui.capture import exit_after_first_frame

        def first_frame(window):
            exit_after_first_frame(app, window, getattr(args, "started", 0.0))
    return run_window(args, app, config, content, first_frame)


def _switch_to_consult(app, window, config) -> None:
    """The staff panel's "Switch to consult mode": the kiosk window closes, consult mode opens."""
    from kiosk.ui.consult.launch import open_consult

    content = window.content
    if content is None:
        return
    consult = open_consult(app, replace(config, kiosk_mode=False, mode="consult"), content)
    consult.quit_app = app.quit
    _KEPT.append(consult)  # kept alive after the kiosk window goes
    logging.getLogger("kiosk").info("switched to consult mode from the staff panel")
    window.shutdown()


_KEPT: list = []  # the consult window opened from the staff panel, for as long as the app runs


def _systemd_heartbeat(app) -> None:
    """Under systemd: READY=1 once the window is up, then WATCHDOG=1 from the GUI thread."""
    from kiosk import sdnotify

    if not sdnotify.under_systemd():
        return
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, sdnotify.ready)
    interval = sdnotify.watchdog_interval()
    if interval:
        timer = QTimer(app)
        timer.timeout.connect(sdnotify.watchdog_ping)
        timer.start(int(interval * 1000))
