"""``kiosk triage --answers FILE`` / ``--batch FILE``: run the questionnaire rules on answers.

``--answers`` prints the result as JSON (``{"urgent", "red_flags", "suggestions",
"notes"}``) and exits 0; exit 2 with one line on stderr when the answers are wrong
(malformed JSON, unknown key or value, wrong type, out-of-range severity, no
``red_flags``). ``--batch`` reads JSON Lines (one answers object per line) and prints one
compact result line per input line; a bad line prints ``{"error": "<key>: <problem>"}`` on
its line and the run goes on (exit 0). Exit 1 listing the problems when the
questionnaire content is broken. The answers are never logged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from kiosk.cli.context import Context
from kiosk.domain.questionnaire import WHOLE_FILE, AnswerError, evaluate, load_questionnaire, parse_answers

PROG = "kiosk triage"
EXIT_OK, EXIT_CONTENT, EXIT_ANSWERS = 0, 1, 2


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "triage", help="show which treatment topics the questionnaire rules give for an answers file",
        description="Apply the questionnaire rules to a JSON answers file and print the result as JSON "
                    "(see docs/questionnaire.md for the file format).")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--answers", metavar="FILE",
                        help="JSON file with one object of answers; '-' reads standard input")
    source.add_argument("--batch", metavar="FILE",
                        help="JSON Lines file, one answers object per line ('-': standard input); "
                             "prints one result line per input line")
    parser.set_defaults(handler=run)
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_ANSWERS


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise AnswerError(key, "is given twice")
        seen[key] = value
    return seen


def _near_key(text: str, position: int) -> str | None:
    """The last object key written before ``position`` (to name it in a JSON error)."""
    keys = re.findall(r'"((?:[^"\\]|\\.)*)"\s*:', text[:position])
    return keys[-1] if keys else None


def read_text(source: str) -> str:
    """The text of ``source`` (``-``: stdin). Raises AnswerError when it cannot be read."""
    try:
        return sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise AnswerError(WHOLE_FILE, f"cannot read {source}: {reason}") from None


def read_answers(source: str) -> object:
    """Decode the answers file (``-``: stdin). Raises AnswerError for unreadable or malformed JSON."""
    return decode(read_text(source))


def decode(text: str) -> object:
    """One answers object from JSON text. Raises AnswerError naming the key near the mistake."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        near = _near_key(text, exc.pos)
        where = f"line {exc.lineno}, column {exc.colno}" + (f", after the key '{near}'" if near else "")
        key = near if near else WHOLE_FILE
        raise AnswerError(key, f"not valid JSON ({where}): {exc.msg}") from None
    except AnswerError:  # a key given twice (from _no_duplicates)
        raise
    except RecursionError:
        raise AnswerError(WHOLE_FILE, "not valid answers: lists or objects are nested too deeply") from None
    except ValueError:  # a number of thousands of digits
        raise AnswerError(WHOLE_FILE, "not valid answers: a number is far too long") from None


def run(args, ctx=None) -> int:
    """``--content`` and ``--language`` (the language of the reasons) are the global options."""
    ctx = ctx or Context(args)  # the kiosk's own settings (a broken file: exit 2)
    questionnaire, problems = load_questionnaire(Path(ctx.content_root), ctx.language)
    if questionnaire is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{PROG}: the questionnaire content has {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_CONTENT
    if args.batch is not None:
        try:
            text = read_text(args.batch)
        except AnswerError as exc:
            return _error(exc.problem)
        return _write("\n".join(batch_lines(questionnaire, text)))
    try:
        answers = parse_answers(read_answers(args.answers), questionnaire)
    except AnswerError as exc:
        return _error(str(exc))
    return _write(json.dumps(evaluate(questionnaire, answers).as_dict(), indent=2, ensure_ascii=False))


def batch_lines(questionnaire, text: str) -> list[str]:
    """One compact JSON result (or ``{"error": "<key>: <problem>"}``) per line of ``text``."""
    out = []
    for line in text.splitlines():
        try:
            if not line.strip():
                raise AnswerError(WHOLE_FILE, "empty line (expected one JSON object)")
            result = evaluate(questionnaire, parse_answers(decode(line), questionnaire)).as_dict()
        except AnswerError as exc:
            result = {"error": f"{exc.key}: {exc.problem}"}
        out.append(json.dumps(result, ensure_ascii=False))
    return out


def _write(text: str) -> int:
    try:
        if text:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (`| head`): not worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK

