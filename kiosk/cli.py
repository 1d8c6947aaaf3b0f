"""Command line: run the kiosk, check content, explain an id, take screenshots, self-test."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from kiosk import __version__
from kiosk.domain.anatomy import UnknownId, explain
from kiosk.domain.config import DEFAULT, Config
from kiosk.domain.content import ContentSet, load_content
from kiosk.domain.problems import Problem
from kiosk.resources import default_content_dir

SCREENS = ("home", "diagram", "animation", "questionnaire", "problems")
_START = time.perf_counter()


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Spine Kiosk: patient education about "
                                     "the lower back and sciatic nerve.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--content", type=Path, default=None, metavar="DIR",
                        help="content folder (default: the built-in content)")
    parser.add_argument("--language", default=None, help="content language folder, e.g. en")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a normal window instead of full screen")
    parser.add_argument("--self-test", action="store_true",
                        help="load the content, render every screen offscreen, and exit")
    parser.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from kiosk import triage_cli

    triage_cli.add_parser(sub)

    check = sub.add_parser("check-content", help="validate content and diagrams")
    check.add_argument("--content", type=Path, default=None, metavar="DIR", dest="sub_content")

    exp = sub.add_parser("explain", help="show what tapping or opening an id shows")
    exp.add_argument("id")
    exp.add_argument("--json", action="store_true", help="print JSON")
    exp.add_argument("--content", type=Path, default=None, metavar="DIR", dest="sub_content")

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
    shot.add_argument("--page", choices=("handoff",), default=None,
                      help="questionnaire: continue to the hand-off summary")
    shot.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    shot.add_argument("--content", type=Path, default=None, metavar="DIR", dest="sub_content")
    return parser


def _content_root(args) -> Path:
    return getattr(args, "sub_content", None) or args.content or default_content_dir()


def _config(args) -> Config:
    config = DEFAULT
    if args.language:
        from dataclasses import replace

        config = replace(config, language=args.language)
    return config


def _load(args, config: Config) -> tuple[ContentSet, list[Problem]]:
    return load_content(_content_root(args), config.language)


def cmd_check_content(args) -> int:
    from kiosk.domain.readability import check_readability

    config = _config(args)
    content, problems = _load(args, config)
    problems = sorted(problems + check_readability(content), key=lambda p: (str(p.path), p.line))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    regions = len(content.region_ids())
    print(f"Content OK: {len(content.items)} pages, {regions} diagram regions.", file=sys.stderr)
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
    print(f"  conditions: {', '.join(result.conditions) or '-'}")
    print(f"  treatments: {', '.join(result.treatments) or '-'}")
    return 0


def _make_window(args, config: Config, windowed: bool):
    from kiosk.ui.app import create_app
    from kiosk.ui.shell import KioskWindow

    app = create_app(config)
    content, problems = _load(args, config)
    window = KioskWindow(config, content, problems, loader=lambda: _load(args, config))
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
    app, window = _make_window(args, config, windowed=True)
    try:
        image = render_screen(app, window, args.screen, args.select, args.size, view=args.view,
                              progress=args.progress, answers=answers, page=args.page)
    except ValueError as exc:
        print(f"kiosk screenshot: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out), "PNG"):
        print(f"kiosk screenshot: cannot write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


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
    failures = self_test(app, window)
    for failure in failures:
        print(f"self-test: {failure}", file=sys.stderr)
    if failures:
        print("self-test FAILED", file=sys.stderr)
        return 1
    print(f"self-test passed: {len(content.items)} pages, {len(content.region_ids())} regions, "
          "every screen rendered")
    return 0


def cmd_run(args) -> int:
    config = _config(args)
    if args.windowed:
        from dataclasses import replace

        config = replace(config, kiosk_mode=False)
    app, window = _make_window(args, config, windowed=not config.kiosk_mode)
    if args.first_frame_exit:
        from kiosk.ui.capture import exit_after_first_frame

        exit_after_first_frame(app, window, _START)
    from kiosk.ui.app import show_window

    show_window(app, window, config.kiosk_mode)
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    from kiosk.logsetup import setup_logging

    args = build_parser().parse_args(argv)
    log_file = setup_logging()
    try:
        return _dispatch(args)
    except Exception as exc:  # the last line of defence: a message, never a traceback
        logging.getLogger("kiosk").exception("unexpected error")
        where = f" (details in {log_file})" if log_file else ""
        print(f"kiosk: unexpected error: {exc}{where}", file=sys.stderr)
        return 3


def _dispatch(args) -> int:
    if args.command == "triage":
        from kiosk import triage_cli

        return triage_cli.run(args)
    if args.command == "check-content":
        return cmd_check_content(args)
    if args.command == "explain":
        return cmd_explain(args)
    if args.command == "screenshot":
        return cmd_screenshot(args)
    if args.self_test:
        return cmd_self_test(args)
    return cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
