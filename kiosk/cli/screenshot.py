"""``kiosk screenshot --screen NAME --out FILE.png``: render a screen offscreen.

The questionnaire is tapped through with ``--answers`` (the ``kiosk triage`` format) and shows
where they end; ``--page`` goes on from the results. Exit 2 for a screen, id, view or answers
file that cannot be shown, 1 when the file cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

SCREENS = ("home", "diagram", "animation", "questionnaire", "problems",
           "attract", "still-there", "pin", "staff", "consult")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000 pixels")
    return width, height


def add_parser(subparsers) -> None:
    shot = subparsers.add_parser("screenshot", help="render a screen to a PNG file, offscreen")
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
    shot.add_argument("--zoom", type=float, default=None, metavar="F",
                      help="consult: zoom factor of the picture (1 = fit)")
    shot.add_argument("--annotations", type=Path, default=None, metavar="FILE.json",
                      help="consult: strokes to draw on the picture (docs/annotations.md)")
    shot.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    shot.set_defaults(handler=run)


def run(args, ctx) -> int:
    from kiosk.ui.app import use_offscreen

    use_offscreen()
    from kiosk.ui.capture import render_screen

    ctx.config  # noqa: B018  a broken settings file stops here, before anything is drawn
    answers = None
    if args.answers is not None:
        try:
            answers = json.loads(args.answers.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"kiosk screenshot: cannot read answers file {args.answers}: {exc}", file=sys.stderr)
            return 2
    if args.screen == "consult":
        return _consult(args, ctx)
    with tempfile.TemporaryDirectory(prefix="kiosk-sample-", ignore_cleanup_errors=True) as folder:
        counter = _sample_counter(Path(folder)) if args.screen == "staff" else None
        app, window = ctx.make_window(counter=counter)
        try:
            image = render_screen(app, window, args.screen, args.select, args.size, view=args.view,
                                  progress=args.progress, answers=answers, page=args.page)
        except ValueError as exc:
            print(f"kiosk screenshot: {exc}", file=sys.stderr)
            return 2
        finally:
            window.shutdown()  # a kiosk-mode window refuses an ordinary close
            window.deleteLater()
            if counter is not None:
                counter.close()  # before its folder goes (Windows keeps open files)
    return _save(image, args.out)


def _consult(args, ctx) -> int:
    from kiosk.ui.app import create_app
    from kiosk.ui.consult.launch import screenshot

    app = create_app(ctx.config)
    content, problems = ctx.content()
    if problems:
        print("kiosk screenshot: the content has problems; run 'kiosk check-content'", file=sys.stderr)
        return 1
    try:
        image = screenshot(app, ctx.config, content, args)
    except ValueError as exc:
        print(f"kiosk screenshot: {exc}", file=sys.stderr)
        return 2
    return _save(image, args.out)


def _save(image, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        print(f"kiosk screenshot: cannot write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


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
