"""Command line: run the kiosk, check content and theme, explain an id, take screenshots, self-test."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from kiosk import __version__
from kiosk.domain.anatomy import UnknownId, explain
from kiosk.domain.config import Config, ConfigError, resolve_config
from kiosk.domain.content import ContentSet, content_languages, load_content
from kiosk.domain.problems import Problem, errors
from kiosk.resources import default_content_dir

SCREENS = ("home", "diagram", "animation", "questionnaire", "problems",
           "attract", "still-there", "pin", "staff")
_START = time.perf_counter()
EXIT_INTERRUPTED = 130  # the shell's code for "ended by Ctrl+C" (128 + SIGINT)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def _global_options(default) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name (``--language en check-content``
    and ``check-content --language en`` are the same)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--config", type=Path, default=default, metavar="FILE",
                         help="settings file (default: kiosk.toml in the user's settings folder, "
                              "if there is one; see docs/configuration.md)")
    options.add_argument("--content", type=Path, default=default, metavar="DIR",
                         help="content folder (default: the settings' content_dir, else the built-in "
                              "content)")
    options.add_argument("--language", default=default, metavar="LANG",
                         help="content language folder, e.g. en (default: the settings' language)")
    return options


GLOBAL_OPTIONS = ("--config", "--content", "--language")


class _CommandParser(argparse.ArgumentParser):
    """The parser of each command: it takes the global options too, the one way they are defined.

    Given after the command they win; left out, the value given before the command (or the
    default) stays, because here they default to "not given" (SUPPRESS). A command that
    declares one of them again gets the global one, so every command reads them alike."""

    def __init__(self, *args, **kwargs):
        kwargs["parents"] = [*kwargs.get("parents", ()), _global_options(argparse.SUPPRESS)]
        super().__init__(*args, **kwargs)

    def add_argument(self, *names, **kwargs):
        if names and names[0] in GLOBAL_OPTIONS:
            return self._option_string_actions[names[0]]
        return super().add_argument(*names, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", parents=[_global_options(None)],
                                     description="Spine Kiosk: patient education about "
                                     "the lower back and sciatic nerve.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a normal window instead of full screen")
    parser.add_argument("--self-test", action="store_true",
                        help="load the content, render every screen offscreen, and exit")
    parser.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    from kiosk import config_cli, stats_cli, theme_cli, triage_cli

    triage_cli.add_parser(sub)
    config_cli.add_parser(sub)
    stats_cli.add_parser(sub)
    theme_cli.add_parser(sub)

    sub.add_parser("check-content", help="validate content, diagrams and animations: every language folder "
                   "(or --language), the same pages in each, reading level")

    exp = sub.add_parser("explain", help="show what tapping or opening an id shows")
    exp.add_argument("id")
    exp.add_argument("--json", action="store_true", help="print JSON")

    shot = sub.add_parser("screenshot", help="render a screen to a PNG file, offscreen")
    shot.add_argument("--screen", choices=SCREENS, required=True)
    shot.add_argument("--select", default=None, metavar="ID", help="region or page to open")
    shot.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH")
    shot.add_argument("--view", default=None, metavar="NAME",
                      help="diagram view: back, side, hurts or axial")
    shot.add_argument("--progress", type=float, default=None, metavar="0..1",
                      help="animation position (with --screen animation --select CONDITION)")
    shot.add_argument("--answers", type=Path, default=None, metavar="FILE",
                      help="questionnaire: answers (the 'kiosk triage' format) to tap through")
    shot.add_argument("--page", choices=("handoff", "compare"), default=None,
                      help="questionnaire: from the results, continue to the hand-off summary or to "
                           "'Compare your options'")
    shot.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    return parser


class ConfigRefused(Exception):
    """The settings file has problems: the kiosk does not start (``main`` exits 2)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _content_root(args, config: Config | None = None) -> Path:
    configured = Path(config.content_dir) if config is not None and config.content_dir else None
    given = getattr(args, "sub_content", None) or getattr(args, "content", None)
    return given or configured or default_content_dir()


def _config(args) -> Config:
    """The settings (``--config``, else the user's kiosk.toml, else the defaults) with overrides."""
    try:
        config, source = resolve_config(getattr(args, "config", None))
    except ConfigError as exc:
        raise ConfigRefused(exc.problems) from None
    logging.getLogger("kiosk").info("settings: %s", source or "built-in defaults")
    args.config_source = source
    if getattr(args, "language", None):
        from dataclasses import replace

        config = replace(config, language=args.language)
    return config


def _diagram_cache() -> Path:
    """Where the kiosk keeps its parsed drawings (a cache: deleting it only slows one start)."""
    import platformdirs

    from kiosk.domain.config import APP_NAME

    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "diagrams"


def _load(args, config: Config, language: str | None = None) -> tuple[ContentSet, list[Problem]]:
    return load_content(_content_root(args, config), language or config.language,
                        diagram_cache=_diagram_cache())


def cmd_check_content(args) -> int:
    """Validate every language folder of the content (or only ``--language``) and their parity."""
    from kiosk.domain.parity import check_content_languages
    from kiosk.domain.readability import check_readability
    from kiosk.domain.render import check_markup

    config = _config(args)
    root = _content_root(args, config)
    only = getattr(args, "language", None)
    # every language folder, and the one the kiosk starts in (it may have no folder yet)
    languages = set(content_languages(root)) | {config.language}
    contents, problems = check_content_languages(root, languages, only=only)
    for content in contents.values():
        problems += check_readability(content) + check_markup(content)
    problems = sorted(problems, key=lambda p: (str(p.path), p.line))
    for problem in problems:
        print(problem)
    found, warnings = len(errors(problems)), len(problems) - len(errors(problems))
    noted = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
    if found:
        print(f"{found} problem(s) found{noted}.", file=sys.stderr)
        return 1
    pages = ", ".join(f"{language} {len(content.items)}" for language, content in sorted(contents.items()))
    first = next(iter(contents.values()), None)
    regions = len(first.region_ids()) if first else 0
    animations = len(first.animations) if first else 0
    print(f"Content OK: pages per language: {pages}; {regions} diagram regions, {animations} animations"
          f"{noted}.", file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    config = _config(args)
    content, problems = _load(args, config)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("The content has problems; run 'kiosk check-content'.", file=sys.stderr)
        return 1
    try:
        result = explain(content, args.id)
    except UnknownId:
        print(f"kiosk explain: unknown id {args.id!r}: no region or page has this id", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
        return 0
    print(f"{result.title}  ({result.kind}, id {result.id})")
    print(f"  highlights: {', '.join(result.highlight) or '-'}")
    if result.side:
        print(f"  one side: {result.side} (usually one side; shown on the {result.side})")
    print(f"  conditions: {', '.join(result.conditions) or '-'}")
    print(f"  treatments: {', '.join(result.treatments) or '-'}")
    return 0


def _make_window(args, config: Config, windowed: bool, counter=None):
    from kiosk.ui.app import create_app
    from kiosk.ui.crash import install_qt_message_handler
    from kiosk.ui.shell import KioskWindow

    install_qt_message_handler()  # first: Qt's own chatter goes to the log, not the terminal
    app = create_app(config)
    content, problems = _load(args, config)
    root = _content_root(args, config)
    window = KioskWindow(config, content, problems,
                         loader=lambda language: _load(args, config, language),
                         counter=counter, config_path=getattr(args, "config_source", None),
                         languages=content_languages(root) or [config.language])
    return app, window


def cmd_screenshot(args) -> int:
    from kiosk.ui.app import use_offscreen

    use_offscreen()
    from kiosk.ui.capture import render_screen

    config = _config(args)
    answers = None
    if args.answers is not None:
        try:
            answers = json.loads(args.answers.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"kiosk screenshot: cannot read answers file {args.answers}: {exc}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="kiosk-sample-", ignore_cleanup_errors=True) as folder:
        counter = _sample_counter(Path(folder)) if args.screen == "staff" else None
        app, window = _make_window(args, config, windowed=True, counter=counter)
        try:
            image = render_screen(app, window, args.screen, args.select, args.size, view=args.view,
                                  progress=args.progress, answers=answers, page=args.page)
        except ValueError as exc:
            print(f"kiosk screenshot: {exc}", file=sys.stderr)
            return 2
        finally:
            _dispose(window)
            if counter is not None:
                counter.close()  # before its folder goes (Windows keeps open files)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out), "PNG"):
        print(f"kiosk screenshot: cannot write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _dispose(window) -> None:
    """Close an offscreen window for good (a kiosk-mode window refuses an ordinary close)."""
    window.shutdown()
    window.deleteLater()


def _sample_counter(folder: Path):
    """Made-up counts in ``folder`` (a temporary one), so the staff panel screenshot has a chart."""
    from datetime import date, timedelta

    from kiosk.domain.usage import UsageCounter

    today = date(2026, 11, 20)
    visitors = (14, 22, 19, 25, 9, 4, 17, 21, 26, 18, 23, 8, 5, 20)
    for back, n in enumerate(reversed(visitors)):
        day = today - timedelta(days=back)
        counter = UsageCounter(folder / "usage.sqlite3", today=lambda day=day: day)
        for i in range(n):
            counter.count("sessions")
            if i % 2 == 0:
                counter.count("questionnaire_started")
            if i % 3 == 0:
                counter.count("questionnaire_completed")
                counter.count("page", "herniated-disc")
            if i % 4 == 0:
                counter.count("page", "spinal-stenosis")
        if back % 6 == 0:
            counter.count("urgent", "doctor_today")
        counter.close()
    return UsageCounter(folder / "usage.sqlite3", today=lambda: today)


def cmd_self_test(args) -> int:
    from kiosk.ui.app import use_offscreen

    use_offscreen()
    config = _config(args)
    content, problems = _load(args, config)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"self-test FAILED: {len(problems)} content problem(s)", file=sys.stderr)
        return 1
    from kiosk.ui.capture import self_test

    app, window = _make_window(args, config, windowed=True)
    try:
        failures = self_test(app, window)
    finally:
        _dispose(window)
    for failure in failures:
        print(f"self-test: {failure}", file=sys.stderr)
    if failures:
        print("self-test FAILED", file=sys.stderr)
        return 1
    print(f"self-test passed: {len(content.items)} pages, {len(content.region_ids())} regions, "
          "every screen rendered")
    return 0


def _no_screen() -> bool:
    """True on Linux when there is no display to open (Qt would abort with a core dump)."""
    env = os.environ
    return (sys.platform.startswith("linux") and not env.get("QT_QPA_PLATFORM")
            and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"))


def cmd_run(args) -> int:
    config = _config(args)
    if args.windowed:
        from dataclasses import replace

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
    counter = None
    if config.statistics and not args.first_frame_exit:
        from kiosk.domain.usage import UsageCounter, default_db_path

        counter = UsageCounter(default_db_path())
    try:
        return _run_window(args, config, counter)
    finally:
        if counter is not None:
            counter.close()  # also when the loop ended some other way than closing the window


def _run_window(args, config: Config, counter) -> int:
    app, window = _make_window(args, config, windowed=not config.kiosk_mode, counter=counter)
    if args.first_frame_exit:
        from kiosk.ui.capture import exit_after_first_frame

        exit_after_first_frame(app, window, _START)
    from kiosk.ui.app import show_window
    from kiosk.ui.crash import CrashGuard
    from kiosk.ui.stop_signals import SignalStop

    def stop(code: int) -> None:  # Ctrl+C or systemctl stop: as clean as the staff panel's Exit
        window.shutdown()
        app.exit(code)

    signals = SignalStop(stop, app).install()
    guard = CrashGuard(window.recover).install()
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


def main(argv: list[str] | None = None) -> int:
    from kiosk import failures
    from kiosk.logsetup import setup_logging

    args = build_parser().parse_args(argv)
    log_file = setup_logging()
    args.log_folder = log_file.parent if log_file else None
    log = logging.getLogger("kiosk")
    try:
        return _dispatch(args)
    except KeyboardInterrupt:  # Ctrl+C before the kiosk's own handling is in place
        log.info("stopped by SIGINT (Ctrl+C); exit code %d", EXIT_INTERRUPTED)
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except ConfigRefused as exc:  # a broken settings file: say what is wrong, never start half-configured
        lines = [str(problem) for problem in exc.problems]
        for line in lines:
            print(line, file=sys.stderr)
        # Restarted every second by systemd: the same problems are logged once, not every time.
        logged, count, since = failures.record(args.log_folder, lines)
        if logged:
            for line in lines:
                # "shown": already on the terminal (a stderr log handler may skip such records)
                log.error("settings problem: %s", line, extra={"shown": True})
            if count > 1:
                log.error("not started: %s", failures.repeated_note(count, since), extra={"shown": True})
        print(f"kiosk: not started: the settings file has {len(lines)} problem(s); fix them "
              "and check with 'kiosk config --check'.", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: one line, never a traceback
        line = failures.describe(exc)
        logged, count, since = failures.record(args.log_folder, [line])
        if logged:
            note = f" {failures.repeated_note(count, since)}" if count > 1 else ""
            log.error("unexpected error: %s%s", line, note, extra={"shown": True})
        where = f" (logged in {log_file})" if log_file else ""
        print(f"kiosk: unexpected error: {line}{where}", file=sys.stderr)
        return 3


def _dispatch(args) -> int:
    if args.command == "triage":
        from kiosk import triage_cli

        return triage_cli.run(args)
    from kiosk import config_cli

    if args.command in config_cli.COMMANDS:
        return config_cli.run(args)
    if args.command == "stats":
        from kiosk import stats_cli

        return stats_cli.run(args)
    if args.command == "check-content":
        return cmd_check_content(args)
    if args.command == "check-theme":
        from kiosk import theme_cli

        return theme_cli.run(_config(args))
    if args.command == "explain":
        return cmd_explain(args)
    if args.command == "screenshot":
        return cmd_screenshot(args)
    if args.self_test:
        return cmd_self_test(args)
    return cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
