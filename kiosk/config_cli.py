"""``kiosk config --check [PATH]``, ``kiosk config --example`` and ``kiosk set-pin``.

``config --check`` prints every problem of a settings file, one line each, and exits 1 (0 when
the file is fine or when there is no file and the built-in defaults are used). Besides each
value it checks that the content has a folder for the ``language``. Warnings (a setting that
works but should still be changed, such as the example ``disclosure``) are printed the same
way and leave the exit code at 0. ``set-pin`` asks for a staff PIN twice and stores only its
hash (``admin_pin_hash``); a PIN that is not 4 to 8 digits, or two entries that differ, exit 2
and change nothing.

``kiosk.cli`` wires it in with :func:`add_parser` and :func:`run`.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kiosk.domain.config import (
    DEFAULT,
    Config,
    ConfigError,
    config_warnings,
    default_config_path,
    example_toml,
    load_config,
    setting_note,
)
from kiosk.domain.content import content_languages
from kiosk.domain.pin import DEFAULT_ITERATIONS, valid_pin
from kiosk.domain.problems import Problem, errors
from kiosk.domain.staff_gate import save_pin
from kiosk.resources import default_content_dir

COMMANDS = ("config", "set-pin")
PIN_ITERATIONS = DEFAULT_ITERATIONS  # tests lower it for speed
EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED = 0, 1, 2
_DEFAULT_FILE = object()  # marker: --check given without a PATH


def add_parser(subparsers) -> None:
    config = subparsers.add_parser(
        "config", help="check a settings file (kiosk.toml) or print an example one",
        description="Check a settings file, or print a complete example with every key "
                    "(see docs/configuration.md).")
    action = config.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", nargs="?", const=_DEFAULT_FILE, default=None, metavar="PATH",
                        help="check PATH (default: the --config file, else kiosk.toml in the user's "
                             "settings folder); exit 1 listing every problem")
    action.add_argument("--example", action="store_true",
                        help="print an example settings file with every key and its default")
    subparsers.add_parser(
        "set-pin", help="set the staff PIN (stored as a hash in the settings file)",
        description="Ask for a new staff PIN (4 to 8 digits) twice and store its hash as "
                    "admin_pin_hash in the --config file (default: kiosk.toml in the user's "
                    "settings folder). The PIN itself is never written or shown. A running kiosk "
                    "uses the new PIN from its next corner gesture.")


def run(args) -> int:
    if args.command == "config":
        return _config(args)
    if args.command == "set-pin":
        return _set_pin(args)
    raise ValueError(f"not a config command: {args.command!r}")


def _config(args) -> int:
    if args.example:
        print(example_toml(), end="")
        return EXIT_OK
    top_level = getattr(args, "config", None)
    if args.check is not _DEFAULT_FILE:
        path: Path | None = Path(args.check)
    elif top_level is not None:
        path = Path(top_level)
    else:
        path = default_config_path()
        if not path.exists():
            print(f"No settings file at {path}: the built-in defaults are used.")
            path = None
    try:
        config = load_config(path) if path is not None else DEFAULT
    except ConfigError as exc:
        return _report(exc.problems)
    problems = [setting_note(path, "language", message) for message in _language_problems(config)]
    notes = [setting_note(path, key, message, warning=True) for key, message in config_warnings(config)]
    if problems:
        return _report(problems + notes)
    for note in notes:
        print(note)
    if path is not None:
        count = f" ({len(notes)} warning{'s' if len(notes) != 1 else ''})" if notes else ""
        print(f"{path}: OK{count}")
    return EXIT_OK


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem)
    count = len(errors(problems))
    print(f"{count} problem(s) found.", file=sys.stderr)
    return EXIT_PROBLEMS


def _language_problems(config: Config) -> list[str]:
    """The content folder must have pages in the chosen language (else every page is missing)."""
    root = Path(config.content_dir) if config.content_dir else default_content_dir()
    languages = content_languages(root)
    if config.language in languages:
        return []
    where = "the built-in content" if not config.content_dir else str(root)
    found = ", ".join(languages) or "none"
    return [f'no content in the language "{config.language}": {where} has no "{config.language}" '
            f"folder with pages (languages there: {found})"]


def _refuse(message: str) -> int:
    print(f"kiosk set-pin: {message}; nothing was changed.", file=sys.stderr)
    return EXIT_REFUSED


def _set_pin(args) -> int:
    path = getattr(args, "config", None) or default_config_path()
    try:
        pin = getpass.getpass("New staff PIN (4-8 digits): ")
        if not valid_pin(pin):
            return _refuse("a staff PIN is 4 to 8 digits (0-9), nothing else")
        again = getpass.getpass("Repeat the PIN: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return _refuse("no PIN was entered")
    if again != pin:
        return _refuse("the two PINs are not the same")
    try:
        save_pin(Path(path), pin, iterations=PIN_ITERATIONS)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"kiosk set-pin: fix the problems in {path} first ('kiosk config --check'); "
              "nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"kiosk set-pin: cannot write {path}: {exc.strerror or exc}; nothing was changed.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Staff PIN set: its hash is stored in {path}. A running kiosk uses it from the next "
          "corner gesture.")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m kiosk.config_cli config --check PATH``."""
    from kiosk.cli import main as kiosk_main

    return kiosk_main(argv)


if __name__ == "__main__":
    sys.exit(main())
