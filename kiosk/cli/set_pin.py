"""``kiosk set-pin``: ask for a staff PIN twice and store only its hash (``admin_pin_hash``).

The hash goes into the ``--config`` file (default: the user's kiosk.toml). A PIN that is not 4
to 8 digits, or two entries that differ, exit 2 and change nothing; a settings file with
problems, or one that cannot be written, exit 1.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kiosk.domain.config import ConfigError, default_config_path
from kiosk.domain.pin import DEFAULT_ITERATIONS, valid_pin

PIN_ITERATIONS = DEFAULT_ITERATIONS  # tests lower it for speed
EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED = 0, 1, 2


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "set-pin", help="set the staff PIN (stored as a hash in the settings file)",
        description="Ask for a new staff PIN (4 to 8 digits) twice and store its hash as "
                    "admin_pin_hash in the --config file (default: kiosk.toml in the user's "
                    "settings folder). The PIN itself is never written or shown. A running kiosk "
                    "uses the new PIN from its next corner gesture.")
    parser.set_defaults(handler=run)


def _refuse(message: str) -> int:
    print(f"kiosk set-pin: {message}; nothing was changed.", file=sys.stderr)
    return EXIT_REFUSED


def run(args, ctx=None) -> int:
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
    from kiosk.domain.staff_gate import save_pin

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
