"""The command line: ``kiosk`` starts the kiosk; ``kiosk COMMAND`` runs one of its tools.

Each command is a module of this package with ``add_parser(subparsers)`` (which names its
``run``) and ``run(args, ctx)``; none imports another. The global options (``--config``,
``--content``, ``--language``) are declared once, here, and every command takes them before or
after its name. One :class:`~kiosk.cli.context.Context` per call resolves them.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from kiosk import __version__
from kiosk.cli import (
    check_content,
    config,
    explain,
    handout,
    run,
    screenshot,
    self_test,
    set_pin,
    stats,
    theme,
    triage,
)
from kiosk.cli.context import ConfigRefused, Context

__all__ = ["ConfigRefused", "Context", "build_parser", "main"]

_START = time.perf_counter()
EXIT_INTERRUPTED = 130  # the shell's code for "ended by Ctrl+C" (128 + SIGINT)
GLOBAL_OPTIONS = ("--config", "--content", "--language")
COMMANDS = (triage, config, set_pin, stats, theme, check_content, explain, screenshot, handout)


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
    run.add_options(parser)
    self_test.add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from kiosk import failures
    from kiosk.logsetup import setup_logging

    args = build_parser().parse_args(argv)
    log_file = setup_logging()
    args.log_folder = log_file.parent if log_file else None
    args.started = _START
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
    ctx = Context(args)
    handler = getattr(args, "handler", None)
    if handler is None:  # no command: the kiosk itself (or its self-test)
        handler = self_test.run if args.self_test else run.run
    return handler(args, ctx)


if __name__ == "__main__":
    sys.exit(main())
