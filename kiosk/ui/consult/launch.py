"""Consult mode's windows as the command line starts them: `kiosk --consult` (with the
patient's mirror on another screen), `kiosk handout` and `kiosk screenshot --screen consult`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.domain.config import Config


def _annotations(path: Path | None, command: str):
    """The strokes of a drawings file, or None after printing its problems."""
    from kiosk.domain.annotations import Annotations, load_annotations

    if path is None:
        return Annotations()
    found, problems = load_annotations(path)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"kiosk {command}: the drawings file has {len(problems)} problem(s)", file=sys.stderr)
        return None
    return found


def prepare(window, select: str | None, view: str | None, zoom: float | None, annotations) -> None:
    """Put a consult window in the state asked for; ValueError says what is wrong."""
    content = window.content
    if select is not None and content.get(select) is None:
        raise ValueError(f"unknown id {select!r}: no region or page has this id")
    view = view or annotations.view
    names = [v.diagram.id for v in window.active.views]
    if view is not None and view not in names:
        raise ValueError(f"unknown view {view!r}; views: {', '.join(names)}")
    if select is not None:
        window.open_page(select)
    if view is not None:
        window.show_picture(f"view:{view}")
    sketch = window.current_sketch()
    for stroke in annotations.strokes:
        sketch.add(stroke)
    if zoom is not None:
        if not 1.0 <= zoom <= 8.0:
            raise ValueError("--zoom must be from 1 (fit) to 8")
        window.active.current.pen.set_zoom(zoom, window.active.current.pen.visible_rect().center(),
                                           window.active.current.rect().center().toPointF())


def _consult_window(config: Config, content, size=(1920, 1080)):
    from kiosk.ui.consult.window import ConsultWindow

    window = ConsultWindow(config, content)
    window.resize(*size)
    window.show()
    return window


def screenshot(app, config: Config, content, args):
    """`kiosk screenshot --screen consult`: the consult window as an image (ValueError: bad options)."""
    annotations = _annotations(args.annotations, "screenshot")
    if annotations is None:
        raise ValueError("see the problems above")
    window = _consult_window(config, content, args.size)
    try:
        for _ in range(3):
            app.processEvents()
        prepare(window, args.select, args.view, args.zoom, annotations)
        window.active.current.pen._settled()
        for _ in range(3):
            app.processEvents()
        return window.grab().toImage()
    finally:
        window.shutdown()
        window.deleteLater()


def run_handout(args, config: Config, load) -> int:
    from kiosk.ui.app import use_offscreen

    use_offscreen()
    annotations = _annotations(args.annotations, "handout")
    if annotations is None:
        return 2
    from kiosk.ui.app import create_app

    app = create_app(config)
    content, problems = load()
    if problems or content is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("kiosk handout: the content has problems; run 'kiosk check-content'", file=sys.stderr)
        return 1
    from kiosk.ui.consult.handout import window_sheet, write_pdf

    window = _consult_window(config, content)
    try:
        for _ in range(3):
            app.processEvents()
        prepare(window, args.select, args.view, None, annotations)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_pdf(args.out, window_sheet(window))
    except ValueError as exc:
        print(f"kiosk handout: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kiosk handout: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        window.shutdown()
        window.deleteLater()
    if not args.out.is_file():
        print(f"kiosk handout: cannot write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


def _screen(app, number: int | None, option: str):
    screens = app.screens()
    if number is None:
        return None
    if not 0 <= number < len(screens):
        raise argparse.ArgumentTypeError(f"{option} {number}: this computer has {len(screens)} screen(s), "
                                         f"numbered 0 to {len(screens) - 1}")
    return screens[number]


def open_consult(app, config: Config, content, screen=None, patient_screen=None, full_screen=False):
    """The clinician's window (on ``screen``) and, with ``patient_screen``, the mirror there."""
    from kiosk.ui.app import windowed_size
    from kiosk.ui.consult.mirror import MirrorWindow
    from kiosk.ui.consult.window import ConsultWindow

    window = ConsultWindow(config, content)
    target = screen or app.primaryScreen()
    if full_screen:
        window.setGeometry(target.geometry())
        window.showFullScreen()
    else:
        free = target.availableGeometry()
        size = windowed_size(target)
        window.setGeometry(free.x() + (free.width() - size.width()) // 2,
                           free.y() + (free.height() - size.height()) // 2, size.width(), size.height())
        window.show()
    mirror = None
    if patient_screen is not None:
        mirror = MirrorWindow(window)
        mirror.setGeometry(patient_screen.geometry())
        mirror.showFullScreen()
        window.destroyed.connect(mirror.close)
    window.mirror = mirror
    return window


def run_window(args, app, config: Config, content, first_frame=None) -> int:
    """`kiosk --consult` (or mode = "consult"): run until the clinician closes the window."""
    try:
        screen = _screen(app, getattr(args, "screen", None), "--screen")
        patient = _screen(app, getattr(args, "patient_screen", None), "--patient-screen")
    except argparse.ArgumentTypeError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    window = open_consult(app, config, content, screen, patient, full_screen=screen is not None)
    window.quit_app = app.quit
    if first_frame is not None:  # the start-up benchmark and the README's test: exit once painted
        first_frame(window)
    return app.exec()
