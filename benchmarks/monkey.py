"""A random-action soak of the real kiosk window, offscreen: it must never fall over.

The kiosk window is built as ``kiosk`` builds it (kiosk mode, the shipped content in every
language, a usage database, the crash guard and Qt's message handler) and then driven by
random actions drawn from :data:`ACTIONS`: taps and drags anywhere, long presses, keys
(Escape, Alt+F4, Ctrl+A, Tab, ...), taps on whatever buttons are on screen, the staff corner
held and a random PIN typed, language switches, and quiet spells on the window's hand-moved
clock that bring up "Still there?" and the idle reset. With ``--seed`` the same actions are
drawn again (what the kiosk does with them can still differ a little: the staff hold and
the PIN check use real time).

It counts unhandled exceptions (the crash guard's ``sys.excepthook``, and any error raised
out of an action), errors the kiosk logged, Qt warnings, slow actions (over ``--slow-ms``,
100 ms, after ``--warmup`` actions) and the resident memory every 1,000 actions, prints a
summary (``--json`` as JSON) and exits 1 on any exception, logged error or slow action after
warm-up. A crash (a segfault in Qt) ends the process: run it as a child process and check its
exit status, as ``tests/test_monkey.py`` does.

Adding an action is one entry in :data:`ACTIONS`: a name, a weight and a function taking the
:class:`Monkey` (its ``window``, ``rng``, ``tap``, ``drag``, ``wait`` ... helpers); give it
``available=`` when it only makes sense on some screens (a consult-mode pen stroke only
while the consult screen shows).

    python benchmarks/monkey.py --actions 3000 --seed 1
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import logging
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIN = "2468"
HOLD_MS = 25  # the staff corner hold, shortened from 3 s (the gesture, not the patience, is tested)
SLOW_MS = 100.0
RSS_EVERY = 1000
# Qt's own notes that say nothing about the kiosk: the offscreen platform has no window manager.
IGNORED_QT = ("This plugin does not support propagateSizeHints",)


def _isolate(folder: Path) -> None:
    """Keep the soak's settings, counts, logs and exports away from the user's own folders."""
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        os.environ[var] = str(folder / sub)
    os.environ["HOME"] = str(folder / "home")
    (folder / "home").mkdir(parents=True, exist_ok=True)
    if "QT_QPA_PLATFORM" not in os.environ:  # a 1920x1080 offscreen screen, as the tests use
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={ROOT / 'tests' / 'offscreen-screen.json'}"


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


@dataclass(frozen=True)
class Action:
    name: str
    weight: float
    run: Callable[[Monkey], None]
    available: Callable[[Monkey], bool] = lambda monkey: True


@dataclass
class Tally:
    actions: Counter = field(default_factory=Counter)
    exceptions: list[str] = field(default_factory=list)  # one line each: action and error type
    logged_errors: list[str] = field(default_factory=list)
    qt_warnings: Counter = field(default_factory=Counter)
    slow: list[tuple[int, str, float, str]] = field(default_factory=list)  # (index, action, ms, where)
    warmup_slow: int = 0
    times_ms: dict[str, list[float]] = field(default_factory=dict)
    rss: list[tuple[int, float]] = field(default_factory=list)
    seen: Counter = field(default_factory=Counter)  # screens (and questionnaire pages) after each action
    restarts: int = 0
    waited_s: float = 0.0  # deliberate pauses (held fingers), not part of any action's time


class _ErrorCatcher(logging.Handler):
    """Counts error records the kiosk writes (an exception it caught and logged is still one)."""

    def __init__(self, tally: Tally) -> None:
        super().__init__(logging.ERROR)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != "kiosk.qt":
            self.tally.logged_errors.append(f"{record.name}: {record.getMessage().splitlines()[0][:200]}")


class Monkey:
    def __init__(self, seed: int, folder: Path) -> None:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        from kiosk.domain.config import DEFAULT
        from kiosk.domain.content import content_languages, load_content
        from kiosk.domain.pin import hash_pin
        from kiosk.resources import default_content_dir
        from kiosk.ui import crash
        from kiosk.ui.app import create_app

        self.rng = random.Random(seed)
        self.folder = folder
        self.tally = Tally()
        self.waited = 0.0  # seconds of deliberate waiting inside the current action
        self.stop_requested = False
        self.done = 0
        # Fast PIN hashing: 600,000 rounds are checked off the GUI thread anyway (tests/test_staff_pin.py).
        # Read-aloud on, with the computer's own engine: it runs in a process of its own, so an
        # engine that never answers (libspeechd without sound) is switched off, not a freeze.
        self.config = replace(DEFAULT, kiosk_mode=True, read_aloud=True,
                              admin_pin_hash=hash_pin(PIN, iterations=1000))
        root = default_content_dir()
        cache = folder / "cache" / "diagrams"
        self.languages = content_languages(root) or [self.config.language]
        self.loader = lambda language: load_content(root, language, diagram_cache=cache)

        previous = crash.install_qt_message_handler()  # the kiosk's: Qt's chatter to the log
        del previous

        def on_qt_message(mode, context, message: str) -> None:
            if (mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
                    and not message.startswith(IGNORED_QT)):
                self.tally.qt_warnings[message[:160]] += 1
            crash._qt_message(mode, context, message)

        qInstallMessageHandler(on_qt_message)
        self.app = create_app(self.config)
        logging.getLogger().addHandler(_ErrorCatcher(self.tally))
        self.window = None
        self.guard = None
        self._build_window()

    # -- the window -----------------------------------------------------------------------------
    def _build_window(self) -> None:
        from kiosk.domain.usage import UsageCounter
        from kiosk.ui.app import show_window
        from kiosk.ui.clock import ManualClock
        from kiosk.ui.crash import CrashGuard
        from kiosk.ui.shell import KioskWindow

        content, problems = self.loader(self.config.language)
        self.clock = ManualClock()
        counter = UsageCounter(self.folder / "data" / "usage.sqlite3")
        window = KioskWindow(self.config, content, problems, loader=self.loader, counter=counter,
                             config_path=self.folder / "config" / "kiosk.toml", languages=self.languages,
                             clock=self.clock)
        window.quit_app = self._staff_exit
        window.guard.hold_ms = HOLD_MS
        window.access.iterations = 1000
        window.access.gate._clock = self.clock.now  # the five-minute lock passes on the same clock
        self.guard = CrashGuard(window.recover).install()
        show_window(self.app, window, kiosk_mode=True)
        self.window = window
        self.settle()

    def _staff_exit(self) -> None:
        """The staff panel's Exit: the service manager would start the kiosk again."""
        self.exited = True

    def restart_if_exited(self) -> None:
        if not getattr(self, "exited", False):
            return
        from kiosk.ui.crash import CrashGuard

        self.exited = False
        self.tally.restarts += 1
        assert self.guard is not None and isinstance(self.guard, CrashGuard)
        self.tally_guard()
        self.guard.uninstall()
        self.window.deleteLater()
        self.settle()
        self._build_window()

    def tally_guard(self) -> None:
        """Move the crash guard's count into the tally (it counts errors the kiosk recovered from)."""
        if self.guard is not None and self.guard.errors:
            self.tally.exceptions += ["unhandled error caught by the crash guard"] * self.guard.errors
            self.guard.errors = 0

    def close(self) -> None:
        self.tally_guard()
        if self.guard is not None:
            self.guard.uninstall()
        if self.window is not None:
            self.window.shutdown()
            self.window.deleteLater()
            self.settle()

    # -- helpers for actions ----------------------------------------------------------------------
    def settle(self) -> None:
        """Let the window finish what the action started: events, repaints, deferred deletes."""
        from PySide6.QtCore import QEvent

        self.app.processEvents()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()

    def wait(self, ms: int) -> None:
        """A deliberate pause (a held finger); it does not count towards the action's time."""
        from PySide6.QtTest import QTest

        started = time.perf_counter()
        self.clock.advance(ms / 1000)  # the kiosk's timers (the staff corner's hold) run on it
        QTest.qWait(ms)
        self.waited += time.perf_counter() - started
        self.tally.waited_s += time.perf_counter() - started

    def point(self):
        from PySide6.QtCore import QPoint

        return QPoint(self.rng.randrange(self.window.width()), self.rng.randrange(self.window.height()))

    def _target(self, window_pos):
        """The widget under a window point and the point in its coordinates."""
        widget = self.window.childAt(window_pos) or self.window
        return widget, widget.mapFrom(self.window, window_pos)

    def tap(self, window_pos) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        widget, pos = self._target(window_pos)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

    def touch(self, window_pos, hold_ms: int = 0) -> None:
        from PySide6.QtTest import QTest

        from tests.uihelpers import touch_device

        widget, pos = self._target(window_pos)
        QTest.touchEvent(widget, touch_device()).press(0, pos, widget).commit()
        if hold_ms:
            self.wait(hold_ms)
        QTest.touchEvent(widget, touch_device()).release(0, pos, widget).commit()

    def drag(self, start, end, steps: int = 8, hold_ms: int = 0) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        widget, pos = self._target(start)
        QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        if hold_ms:
            self.wait(hold_ms)
        for i in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * i // steps
            y = start.y() + (end.y() - start.y()) * i // steps
            QTest.mouseMove(widget, widget.mapFrom(self.window, QPoint(x, y)))
        QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           widget.mapFrom(self.window, end))

    def visible_buttons(self, parent=None) -> list:
        from PySide6.QtWidgets import QAbstractButton

        return [b for b in (parent or self.window).findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and b.window() is self.window]

    def on_top(self, widget) -> bool:
        """True when a tap on the widget's centre reaches it (no overlay covers it)."""
        hit = self.window.childAt(widget.mapTo(self.window, widget.rect().center()))
        return hit is not None and (hit is widget or widget.isAncestorOf(hit))

    def tap_widget(self, widget) -> None:
        self.tap(widget.mapTo(self.window, widget.rect().center()))

    def key(self, key, modifiers=None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifiers or Qt.KeyboardModifier.NoModifier)

    def where(self) -> str:
        state = self.window.state
        if self.window.staff_panel.isVisible():
            return "staff panel"
        if self.window.pin_pad.isVisible():
            return "PIN pad"
        questionnaire = self.window.questionnaire  # None until first shown
        if state.screen.value == "questionnaire" and questionnaire is not None:
            return f"questionnaire: {questionnaire.page_name()}"
        return state.screen.value

    # -- running ----------------------------------------------------------------------------------
    def run(self, actions: int, warmup: int, slow_ms: float, progress: bool) -> Tally:
        table = ACTIONS
        self.done = 0
        for i in range(actions):
            if self.stop_requested:  # Ctrl+C or SIGTERM: stop here and report what was done
                break
            self.done = i + 1
            choices = [a for a in table if a.available(self)]
            action = self.rng.choices(choices, weights=[a.weight for a in choices])[0]
            self.waited = 0.0
            self.detail = self.window.state.screen.value
            started = time.perf_counter()
            try:
                action.run(self)
                self.settle()
            except Exception as exc:  # an error out of the window's own code, raised into the action
                where = traceback.extract_tb(exc.__traceback__)[-1]
                self.tally.exceptions.append(f"{action.name}: {type(exc).__name__} at "
                                             f"{Path(where.filename).name}:{where.lineno}")
                traceback.print_exc()
            ms = (time.perf_counter() - started - self.waited) * 1000
            self.tally.actions[action.name] += 1
            self.tally.times_ms.setdefault(action.name, []).append(ms)
            if ms > slow_ms:
                if i >= warmup:
                    self.tally.slow.append((i, action.name, round(ms, 1), self.detail))
                else:
                    self.tally.warmup_slow += 1
            self.tally_guard()
            self.tally.seen[self.where()] += 1
            self.restart_if_exited()
            if (i + 1) % RSS_EVERY == 0 or i + 1 == actions or self.stop_requested:
                self.tally.rss.append((i + 1, round(rss_mb(), 1)))
                if progress:
                    print(f"{i + 1} actions, RSS {self.tally.rss[-1][1]} MB, exceptions "
                          f"{len(self.tally.exceptions)}, slow {len(self.tally.slow)}", flush=True)
        return self.tally


# -- the actions ------------------------------------------------------------------------------------


def _tap_anywhere(m: Monkey) -> None:
    (m.tap if m.rng.random() < 0.6 else m.touch)(m.point())


def _tap_button(m: Monkey) -> None:
    """Tap one of the buttons on screen: what a visitor mostly does (random taps seldom hit them).
    The language button has its own entry (a switch rebuilds screens: its weight sets how often)."""
    from kiosk.ui.language import LanguageButton

    buttons = [b for b in m.visible_buttons() if not isinstance(b, LanguageButton) and m.on_top(b)]
    no = [b for b in buttons if b.text() == "No"]
    if no and m.rng.random() < 0.7:  # mostly "No" to the safety questions, so visits reach the results
        buttons = no
    if buttons:
        button = m.rng.choice(buttons)
        m.detail += f", {button.objectName() or type(button).__name__} {button.text()[:30]!r}"
        m.tap_widget(button)


def _drag(m: Monkey) -> None:
    start = m.point()
    if m.rng.random() < 0.5:  # a short swipe, as on a list or a slider
        from PySide6.QtCore import QPoint

        end = start + QPoint(m.rng.randint(-300, 300), m.rng.randint(-300, 300))
    else:
        end = m.point()
    m.drag(start, end, steps=m.rng.randint(2, 12))


def _long_press(m: Monkey) -> None:
    ms = m.rng.randint(100, 300)
    if m.rng.random() < 0.5:
        m.touch(m.point(), hold_ms=ms)
    else:
        start = m.point()
        m.drag(start, start, steps=1, hold_ms=ms)


def _key(m: Monkey) -> None:
    from PySide6.QtCore import Qt

    ctrl, alt, shift = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                        Qt.KeyboardModifier.ShiftModifier)
    key, modifiers = m.rng.choice([
        (Qt.Key.Key_Escape, None), (Qt.Key.Key_F4, alt), (Qt.Key.Key_A, ctrl), (Qt.Key.Key_Tab, None),
        (Qt.Key.Key_Tab, shift), (Qt.Key.Key_Backtab, None), (Qt.Key.Key_Q, ctrl), (Qt.Key.Key_W, ctrl),
        (Qt.Key.Key_Return, None), (Qt.Key.Key_Space, None), (Qt.Key.Key_Left, None),
        (Qt.Key.Key_Right, None), (Qt.Key.Key_Up, None), (Qt.Key.Key_Down, None),
        (Qt.Key.Key_PageDown, None), (Qt.Key.Key_Home, None), (Qt.Key.Key_C, ctrl), (Qt.Key.Key_X, None),
        (Qt.Key.Key_F11, None), (Qt.Key.Key_Menu, None),
    ])
    m.key(key, modifiers)


def _staff_corner(m: Monkey) -> None:
    """Hold the top-left corner, then type a PIN: mostly a wrong one, sometimes the right one."""
    from PySide6.QtCore import QPoint

    corner = QPoint(m.rng.randint(2, 100), m.rng.randint(2, 100))
    if m.rng.random() < 0.5:
        m.touch(corner, hold_ms=HOLD_MS + 30)
    else:
        m.drag(corner, corner, steps=1, hold_ms=HOLD_MS + 30)
    m.settle()
    pad = m.window.pin_pad
    if not pad.isVisible() or pad.choosing:
        return
    pin = PIN if m.rng.random() < 0.4 else "".join(m.rng.choice("0123456789")
                                                    for _ in range(m.rng.randint(0, 9)))
    for digit in pin:
        m.tap_widget(pad.digit_buttons[digit])
    m.tap_widget(pad.enter_button)
    started = time.perf_counter()
    while pad.busy and time.perf_counter() - started < 10:  # checked off the GUI thread
        m.wait(2)


def _staff_panel(m: Monkey) -> None:
    """One of the staff panel's buttons (only while it is open): reload, export, print, language,
    counts, back, exit."""
    m.tap_widget(m.rng.choice(m.visible_buttons(m.window.staff_panel)))


def _language(m: Monkey) -> None:
    button = m.window.language_button
    m.detail += f", to {button.text()!r}"
    if button.isVisible():
        m.tap_widget(button)
    else:  # hidden on the attract screen: a switch made some other way must be safe too
        m.window.switch_language(m.rng.choice(m.languages))


def _text_size(m: Monkey) -> None:
    m.window.set_text_size(m.rng.choice([1.0, 1.25, 1.5]))


def _quiet(m: Monkey) -> None:
    """Nobody touches the screen: a few seconds, long enough for "Still there?", or the reset."""
    idle = m.window.idle
    seconds = m.rng.choice([
        m.rng.uniform(0.5, 10),
        idle.quiet_seconds + m.rng.uniform(0, idle.warning_s),
        idle.timeout_s + m.rng.uniform(0, 30),
    ])
    m.detail += f", {seconds:.0f} s"
    m.clock.advance(seconds)


ACTIONS: list[Action] = [
    Action("tap anywhere", 30, _tap_anywhere),
    Action("tap a button", 30, _tap_button),
    Action("drag", 10, _drag),
    Action("long press", 0.5, _long_press),
    Action("key", 8, _key),
    Action("staff corner + PIN", 1, _staff_corner),
    Action("staff panel button", 6, _staff_panel, available=lambda m: m.window.staff_panel.isVisible()),
    Action("language", 2, _language, available=lambda m: len(m.languages) > 1),
    Action("text size", 2, _text_size, available=lambda m: hasattr(m.window, "set_text_size")),
    Action("quiet spell", 3, _quiet),
]


# -- the report ------------------------------------------------------------------------------------


def summary(tally: Tally, actions: int, warmup: int, seconds: float) -> dict:
    rss = tally.rss
    after_warmup = [mb for n, mb in rss if n > warmup]
    per_action = {name: {"count": len(t), "median_ms": round(statistics.median(t), 2),
                         "max_ms": round(max(t), 1), "total_s": round(sum(t) / 1000, 2)}
                  for name, t in sorted(tally.times_ms.items())}
    return {
        "actions": actions,
        "seconds": round(seconds, 1),
        "waited_s": round(tally.waited_s, 1),
        "exceptions": len(tally.exceptions),
        "exception_lines": sorted(Counter(tally.exceptions).items()),
        "logged_errors": len(tally.logged_errors),
        "logged_error_lines": sorted(Counter(tally.logged_errors).items())[:20],
        "qt_warnings": sum(tally.qt_warnings.values()),
        "qt_warning_lines": tally.qt_warnings.most_common(20),
        "slow_after_warmup": len(tally.slow),
        "slow_examples": tally.slow[:40],
        "slow_by_action": Counter(name for _, name, _, _ in tally.slow).most_common(),
        "slow_during_warmup": tally.warmup_slow,
        "restarts": tally.restarts,
        "seen": dict(tally.seen.most_common()),
        "rss_mb": rss,
        "rss_range_after_warmup_mb": [min(after_warmup), max(after_warmup)] if after_warmup else [],
        "per_action": per_action,
    }


def print_summary(report: dict) -> None:
    print(f"{report['actions']} actions in {report['seconds']} s ({report['waited_s']} s of it held fingers)")
    for name, row in report["per_action"].items():
        print(f"  {name:22} {row['count']:7}  median {row['median_ms']:7.2f} ms  "
              f"max {row['max_ms']:8.1f} ms  total {row['total_s']:6.1f} s")
    print(f"unhandled exceptions: {report['exceptions']}")
    for line, n in report["exception_lines"]:
        print(f"  {n} x {line}")
    print(f"errors logged by the kiosk: {report['logged_errors']}")
    for line, n in report["logged_error_lines"]:
        print(f"  {n} x {line}")
    print(f"Qt warnings: {report['qt_warnings']}")
    for line, n in report["qt_warning_lines"]:
        print(f"  {n} x {line}")
    print(f"slow actions (over the limit) after warm-up: {report['slow_after_warmup']} "
          f"(during warm-up: {report['slow_during_warmup']}): "
          + ", ".join(f"{name} {n}" for name, n in report["slow_by_action"]))
    for i, name, ms, where in report["slow_examples"]:
        print(f"  #{i} {name}: {ms} ms ({where})")
    print(f"staff exits (window built again): {report['restarts']}")
    print("where the actions left the kiosk: " + ", ".join(f"{k} {n}" for k, n in report["seen"].items()))
    print("RSS (MB) by actions: " + ", ".join(f"{n}: {mb}" for n, mb in report["rss_mb"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=None, help="the same seed draws the same actions")
    parser.add_argument("--warmup", type=int, default=500,
                        help="actions before slow ones count (screens and the other language are built)")
    parser.add_argument("--slow-ms", type=float, default=SLOW_MS)
    parser.add_argument("--json", metavar="FILE", help="also write the summary as JSON")
    parser.add_argument("--progress", action="store_true", help="a line every 1,000 actions")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)

    faulthandler.enable()  # a crash in Qt prints where it happened
    with tempfile.TemporaryDirectory(prefix="kiosk-monkey-") as tmp:
        folder = Path(tmp)
        _isolate(folder)
        logging.basicConfig(filename=folder / "kiosk.log", level=logging.INFO)
        started = time.perf_counter()
        monkey = Monkey(seed, folder)

        def stop(signum, frame) -> None:
            monkey.stop_requested = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        tally = monkey.run(args.actions, args.warmup, args.slow_ms, args.progress)
        monkey.close()
        report = summary(tally, monkey.done, args.warmup, time.perf_counter() - started)
    report["seed"] = seed
    print(f"seed {seed}")
    print_summary(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    failed = report["exceptions"] or report["logged_errors"] or report["slow_after_warmup"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
