"""``kiosk check-content [--language LANG]``: validate the content.

Every language folder (or only ``--language``, compared with English), every page, drawing and
animation, the same pages in each language and each page's reading level; one
``path:line: message`` per problem; exit 1 if any, 0 if clean (warnings leave it at 0).
"""

from __future__ import annotations

import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "check-content", help="validate content, diagrams and animations: every language folder "
                              "(or --language), the same pages in each, reading level")
    parser.set_defaults(handler=run)


def run(args, ctx) -> int:
    from kiosk.domain.content import content_languages
    from kiosk.domain.parity import check_content_languages
    from kiosk.domain.problems import errors
    from kiosk.domain.readability import check_readability
    from kiosk.domain.render import check_markup

    root = ctx.content_root
    # every language folder, and the one the kiosk starts in (it may have no folder yet)
    languages = set(content_languages(root)) | {ctx.language}
    contents, problems = check_content_languages(root, languages, only=ctx.language_given)
    for content in contents.values():
        problems += check_readability(content) + check_markup(content)
    problems = sorted(problems, key=lambda p: (str(p.path), p.line))
    for problem in problems:
        print(problem)
    found, warnings = len(errors(problems)), len(problems) - len(errors(problems))
    noted = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
    if found:
        print(f"{found} problem(s) found{noted}.", file=sys.stderr)
        return 1
    pages = ", ".join(f"{language} {len(content.items)}" for language, content in sorted(contents.items()))
    first = next(iter(contents.values()), None)
    regions = len(first.region_ids()) if first else 0
    animations = len(first.animations) if first else 0
    print(f"Content OK: pages per language: {pages}; {regions} diagram regions, {animations} animations"
          f"{noted}.", file=sys.stderr)
    return 0
