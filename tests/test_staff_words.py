"""The staff side in the word catalog: the PIN pad, the first-run screen, the staff panel and
the problems screen speak the language on screen, and ``ui.toml`` is the only mechanism."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.domain.config import DEFAULT
from kiosk.domain.pin import hash_pin
from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import builtin_words, required_texts
from kiosk.domain.usage import UsageCounter
from kiosk.resources import default_content_dir
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, Screen

ROOT = default_content_dir()
KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
PIN = "2468"
STAFF_TABLES = ("staff.", "pin.", "problems.")


@pytest.fixture
def build(shown_windows, shipped, spanish, tmp_path):
    def make(language="en", pin=PIN, counter=True, content="shipped", problems=(), **overrides):
        contents = {"en": shipped, "es": spanish}
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, language=language,
                         admin_pin_hash=hash_pin(pin, iterations=1000) if pin else "", **overrides)
        usage = UsageCounter(tmp_path / "usage.sqlite3") if counter else None
        window = KioskWindow(config, contents[language] if content == "shipped" else content, list(problems),
                             loader=lambda lang: (contents[lang], []), counter=usage,
                             config_path=tmp_path / "kiosk.toml", languages=["en", "es"], clock=ManualClock())
        window.access.iterations = 1000
        return shown_windows(window)

    return make


def _texts(widget) -> set[str]:
    """Every text shown by a visible label or button inside ``widget``."""
    found = set()
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if child.isVisibleTo(widget) and child.text().strip():
            found.add(child.text())
    return found


def _english_only(texts: set[str]) -> set[str]:
    """The texts that are English catalog words of the staff side and not also Spanish ones."""
    english, spanish = builtin_words("en"), builtin_words("es")
    staff = [key for key in required_texts() if key.startswith(STAFF_TABLES)]
    words = {english[key] for key in staff} - {spanish[key] for key in staff}
    return texts & words


def _unlock(qtbot, window, pin=PIN):
    window.open_staff_gate()
    for digit in pin:
        window.pin_pad.digit_buttons[digit].click()
    window.pin_pad.enter_button.click()
    qtbot.waitUntil(lambda: not window.pin_pad.busy, timeout=5000)


# -- one mechanism ---------------------------------------------------------------
def test_no_qt_translation_calls_are_left_in_the_code():
    """The word catalog is the one mechanism: no ``.tr(`` / ``QCoreApplication.translate``."""
    pattern = re.compile(r"\.tr\(|QCoreApplication\.translate|QT_TR_NOOP|QTranslator")
    found = [f"{path.relative_to(KIOSK.parent)}:{number}: {line.strip()}"
             for path in sorted(KIOSK.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == [], "\n".join(found)


def test_the_staff_words_come_from_the_shipped_catalog_in_both_languages():
    """Every staff key is in the kiosk's English file, and the built-in Spanish words (what the
    problems screen uses when the content is broken) translate each one."""
    keys = [key for key in required_texts() if key.startswith(STAFF_TABLES)]
    assert len(keys) > 50
    english, spanish = builtin_words("en"), builtin_words("es")
    assert all(english[key] == required_texts()[key] for key in keys)
    untranslated = [key for key in keys if spanish[key] == english[key]]
    assert untranslated == []
    # a language the kiosk has no words for falls back to the shipped English file
    assert builtin_words("fr")["problems.title"] == required_texts()["problems.title"]


# -- the screens ------------------------------------------------------------------
def test_pin_pad_and_staff_panel_follow_the_language_on_screen(build, qtbot):
    window = build()
    assert window.switch_language("es")
    window.open_staff_gate()
    pad = window.pin_pad
    es = builtin_words("es")
    assert pad.title.text() == es["pin.title"] and pad.message.text() == es["pin.prompt"]
    assert pad.cancel_button.text() == es["staff.back"] and pad.enter_button.text() == es["pin.enter"]
    assert _english_only(_texts(pad)) == set()
    for digit in "99":
        pad.digit_buttons[digit].click()
    pad.enter_button.click()
    assert pad.message.text() == es["pin.too_short"]
    window.close_staff()
    _unlock(qtbot, window)
    panel = window.staff_panel
    assert panel.title.text() == es["staff.title"]
    assert panel.chart_title.text() == es["staff.chart"]
    assert panel.totals.text().startswith(es.text("staff.visitors", count=0).split("0")[0])
    assert _english_only(_texts(panel)) == set()
    # the chart's weekdays are Spanish too
    assert panel.chart.day_names.dayName(1, panel.chart.day_names.FormatType.ShortFormat).startswith("lun")
    window.close_staff()
    assert window.switch_language("en")
    _unlock(qtbot, window)
    assert panel.title.text() == builtin_words("en")["staff.title"]


def test_staff_messages_are_in_the_language_on_screen(build, qtbot):
    window = build(language="es")
    _unlock(qtbot, window)
    es = builtin_words("es")
    window.test_print()
    assert window.staff_panel.message.text() == es["staff.no_printer"]
    window.staff_set_language("en")  # the panel reloads in English: its words follow
    assert window.staff_panel.title.text() == builtin_words("en")["staff.title"]
    assert window.staff_panel.message.text().startswith("Language at start: English.")


def test_first_run_screen_in_spanish(build, qtbot):
    window = build(language="es", pin="")
    window.open_staff_gate()
    es = builtin_words("es")
    assert window.pin_pad.title.text() == es["pin.choose_title"]
    assert window.pin_pad.enter_button.text() == es["pin.next"]
    for _ in range(2):
        for digit in "1357":
            window.pin_pad.digit_buttons[digit].click()
        window.pin_pad.enter_button.click()
    qtbot.waitUntil(window.staff_panel.isVisible, timeout=5000)
    assert window.staff_panel.message.text() == es["staff.pin_set"]


def test_problems_screen_has_the_kiosk_words_when_the_content_is_broken(build, tmp_path):
    broken = [Problem(tmp_path / "es" / "x.md", 3, "broken")]
    window = build(language="es", content=None, problems=broken)
    assert window.state.screen is Screen.PROBLEMS
    screen = window.problems_screen
    es = builtin_words("es")
    assert (screen.title.text(), screen.hint.text(), screen.reload_button.text()) == (
        es["problems.title"], es["problems.hint"], es["problems.reload"])
    assert screen.lines() == [str(broken[0])]
