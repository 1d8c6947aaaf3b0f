"""``kiosk --self-test``: load the content once, render every screen and selection offscreen.

Exit 0 ("self-test passed ..."), or 1 with one line per failure (a content problem, a blank
screen, a selection that does not light up, a button under 48x48 px).
"""

from __future__ import annotations

import argparse
import sys


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--self-test", action="store_true",
                        help="load the content, render every screen offscreen, and exit")


def run(args, ctx) -> int:
    from kiosk.ui.app import use_offscreen

    use_offscreen()
    content, problems = ctx.content()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"self-test FAILED: {len(problems)} content problem(s)", file=sys.stderr)
        return 1
    from kiosk.ui.capture import self_test

    app, window = ctx.make_window()  # on the content loaded above: it is not read again
    try:
        failures = self_test(app, window)
    finally:
        window.shutdown()
        window.deleteLater()
    for failure in failures:
        print(f"self-test: {failure}", file=sys.stderr)
    if failures:
        print("self-test FAILED", file=sys.stderr)
        return 1
    print(f"self-test passed: {len(content.items)} pages, {len(content.region_ids())} regions, "
          "every screen rendered")
    return 0
