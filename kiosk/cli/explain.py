"""``kiosk explain ID [--json]``: what tapping or opening ``ID`` shows.

The title (in ``--language``), the ids it lights up, its linked conditions and treatments, and
the side when only one lights up. Exit 1 when the content has problems, 2 for an unknown id.
"""

from __future__ import annotations

import json
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("explain", help="show what tapping or opening an id shows")
    parser.add_argument("id")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def run(args, ctx) -> int:
    from kiosk.domain.anatomy import UnknownId, explain

    content, problems = ctx.content()
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
