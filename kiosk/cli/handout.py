"""``kiosk handout --select ID [--view NAME] [--annotations FILE.json] --out FILE.pdf``: consult
mode's hand-out sheet (the picture with its drawings, the page's plain text and a QR code of it)
made offscreen. Exit 2 for an unknown id or view or a bad drawings file, 1 when the content has
problems or the file cannot be written."""

from __future__ import annotations

from pathlib import Path


def add_parser(subparsers) -> None:
    hand = subparsers.add_parser("handout", help="make consult mode's hand-out sheet (a PDF) for a page, "
                                 "with drawings from a file")
    hand.add_argument("--select", required=True, metavar="ID", help="the region or page the sheet explains")
    hand.add_argument("--view", default=None, metavar="NAME",
                      help="the drawing on the sheet: back, side, front, hurts or axial (default: the "
                           "drawings file's view, else one that shows the selection)")
    hand.add_argument("--annotations", type=Path, default=None, metavar="FILE.json",
                      help="strokes to draw on it (docs/annotations.md)")
    hand.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    hand.set_defaults(handler=run)


def run(args, ctx) -> int:
    from kiosk.ui.consult.launch import run_handout

    return run_handout(args, ctx.config, ctx.content)
