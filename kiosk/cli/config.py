"""``kiosk config --check [PATH]`` and ``kiosk config --example``.

``config --check`` prints every problem of a settings file, one line each, and exits 1 (0 when
the file is fine or when there is no file and the built-in defaults are used). Besides each
value it checks that the content has a folder for the ``language``. Warnings (a setting that
works but should still be changed, such as the example ``disclosure``) are printed the same
way and leave the exit code at 0.
"""

from __future__ import annotations

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
from kiosk.domain.problems import Problem, errors
from kiosk.resources import default_content_dir

EXIT_OK, EXIT_PROBLEMS = 0, 1
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
    config.set_defaults(handler=run)


def run(args, ctx=None) -> int:
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
