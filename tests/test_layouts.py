"""Every patient screen at every supported size, landscape and portrait, in both languages,
at the normal text size and with a patient's "Larger text" (x1.5) and "High contrast" on:
the window keeps the size it was given, every text fits its widget, and every control is
at least 48x48 px and inside the window."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
)

from kiosk.domain.config import DEFAULT
from kiosk.domain.content import load_content
from kiosk.resources import default_content_dir
from kiosk.ui.animation_layout import build_layout
from kiosk.ui.capture import render_screen
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, Screen
from tests.conftest import ROOT, dispose_windows

EXAMPLES = ROOT / "docs" / "examples"
SIZES = [(1280, 720), (1366, 768), (1600, 900), (1920, 1080), (1080, 1920), (3840, 2160)]
MIN_CONTROL = 48
MIN_DRAWING_SHARE = 0.16  # of the window's height, for an animation's drawing at x1.5
LOOKS = {"normal": {}, "x1.5 high contrast": {"text_size": 1.5, "contrast": "high"}}


def _answers(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


# (name, answers, page): the questionnaire pages a patient can reach
QUESTIONNAIRE = [
    ("question", {"red_flags": []}, None),
    ("body map", "up-to-body-map", None),
    ("results", "weak-leg-walking-pain", None),
    ("compare", "weak-leg-walking-pain", "compare"),
    ("hand-off", "recent-sciatica", "handoff"),
    ("under-18", "under-18", None),
    ("urgent", "emergency", None),
]


@pytest.fixture(scope="module")
def contents(shipped):
    spanish, problems = load_content(default_content_dir(), "es")
    assert problems == []
    return {"en": shipped, "es": spanish}


def _text_fits(widget) -> bool:
    """True when the widget's whole text is inside its geometry."""
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return True
        rect = widget.contentsRect()
        indent = max(widget.indent(), 0) if widget.indent() > 0 else 0
        width = rect.width() - 2 * widget.margin() - indent
        height = rect.height() - 2 * widget.margin()
        if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
            if widget.wordWrap():
                return widget.heightForWidth(widget.width()) <= widget.height()
            hint = widget.minimumSizeHint()
            return hint.width() <= widget.width() and hint.height() <= widget.height()
        flags = int(Qt.TextFlag.TextWordWrap) if widget.wordWrap() else 0
        bound = widget.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text)
        return bound.width() <= width + 1 and bound.height() <= height + 1
    if isinstance(widget, QPushButton):
        if not widget.text():
            return True
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        # the room inside the theme's padding and border, where the label is drawn (and clipped)
        room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
        if not widget.icon().isNull():
            room.setWidth(room.width() - option.iconSize.width())
        text = widget.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, widget.text())
        return text.width() <= room.width() + 2 and text.height() <= room.height() + 2
    return True


def _scroll_area(widget, window) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _in_scroll_area(widget, window) -> bool:
    return _scroll_area(widget, window) is not None


def _fits_across(widget: QLabel, area: QAbstractScrollArea) -> bool:
    """A label inside a scroll area may run below the fold (it scrolls), but never past its
    sides: its text fits its width (wrapped between words where it may wrap), and the label
    itself lies inside the width the scroll area shows."""
    text = widget.text()
    if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
        return True
    viewport = area.viewport()
    left = widget.mapTo(viewport, QPoint(0, 0)).x()
    if left < -1 or left + widget.width() > viewport.width() + 1:
        return False
    width = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
    if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        document = QTextDocument()
        document.setDefaultFont(widget.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if widget.wordWrap():
            document.setTextWidth(max(width, 1))
        return document.idealWidth() <= width + 1
    flags = int(Qt.TextFlag.TextWordWrap) if widget.wordWrap() else 0
    bound = widget.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text)
    return bound.width() <= width + 1


def _check(window, size: tuple[int, int], where: str) -> list[str]:
    width, height = size
    failures = []
    if window.width() > width or window.height() > height:
        failures.append(f"{where}: the window grew to {window.width()}x{window.height()}")
    bounds = window.rect()
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not widget.isVisible() or widget.window() is not window:
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''} {widget.text()[:40]!r}"
        area = _scroll_area(widget, window)
        if area is None and not _text_fits(widget):
            failures.append(f"{where}: the text of {name} does not fit its "
                            f"{widget.width()}x{widget.height()} px")
        if area is not None and isinstance(widget, QLabel) and not _fits_across(widget, area):
            failures.append(f"{where}: the text of {name} in a scroll area is cut at a side "
                            f"({widget.width()} px wide)")  # below the fold, it scrolls into view
        if isinstance(widget, QAbstractButton):
            if widget.width() < MIN_CONTROL or widget.height() < MIN_CONTROL:
                failures.append(f"{where}: {name} is {widget.width()}x{widget.height()} px")
            if _in_scroll_area(widget, window):
                continue  # scrolled into view on demand; the scroll area itself is checked
            top_left = widget.mapTo(window, QPoint(0, 0))
            if not bounds.contains(QRect(top_left, widget.size())):
                failures.append(f"{where}: {name} leaves the window")
    return failures


@pytest.fixture
def build(kiosk_app, contents):
    made = []

    def make(language: str, look: str = "normal"):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, language=language, **LOOKS[look])
        window = KioskWindow(config, contents[language], [], loader=lambda lang: (contents[lang], []),
                             languages=["en", "es"], clock=ManualClock())
        made.append(window)
        return window

    yield make
    dispose_windows(made)


def _look_cases():
    for size in SIZES:
        for language in ("en", "es"):
            for look in LOOKS:
                yield pytest.param(size, language, look, id=f"{size[0]}x{size[1]}-{language}-{look}")


@pytest.mark.parametrize(("size", "language", "look"), list(_look_cases()))
def test_home_drawings_and_animation_fit(build, size, language, look):
    window = build(language, look)
    app = QApplication.instance()
    render_screen(app, window, "home", None, (1080, 1920))  # laid out for another screen first
    render_screen(app, window, "home", None, size)
    failures = _check(window, size, "home")
    content = window.content
    for view in window.screens.get(Screen.DIAGRAM).views:  # built here, after home
        region = next(r for r in sorted(view.diagram.regions) if content.get(r) is not None)
        render_screen(app, window, "diagram", region, size, view=view.diagram.id)
        failures += _check(window, size, f"diagram {view.diagram.id} {region}")
    animation = sorted(content.animations)[0]
    render_screen(app, window, "animation", animation, size)
    failures += _check(window, size, f"animation {animation}")
    assert failures == [], "\n".join(failures)


def _questionnaire_cases():
    for size in SIZES:
        for language in ("en", "es"):
            for look in LOOKS:
                yield pytest.param(size, language, look, id=f"{size[0]}x{size[1]}-{language}-{look}")


@pytest.mark.parametrize(("size", "language", "look"), list(_questionnaire_cases()))
def test_questionnaire_pages_fit(build, size, language, look):
    window = build(language, look)
    app = QApplication.instance()
    failures: list[str] = []
    for name, answers, page in QUESTIONNAIRE:
        answers = _answers(answers) if isinstance(answers, str) else answers
        render_screen(app, window, "questionnaire", None, size, answers=answers, page=page)
        failures += _check(window, size, f"questionnaire {name}")
    assert failures == [], "\n".join(failures)


def _answer_something(questionnaire) -> None:
    """Answer the question on screen (no to a safety question, an adult's age, else the first)."""
    question = questionnaire.current_question
    if question.type == "yes_no":
        questionnaire.no_button.click()
    elif question.type == "body_map":
        questionnaire.body_map_view.regionTapped.emit("area-lower-back")
        questionnaire.next_button.click()
    elif question.type == "multi":
        questionnaire.answer_buttons()[0].click()
        questionnaire.next_button.click()
    elif question.id == "age_band":
        questionnaire.option_button("18_to_50").click()
    else:
        questionnaire.answer_buttons()[0].click()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_question_fits_and_its_answers_start_at_the_same_place(build, size, language):
    """Every question, safety questions first: it fits, and its answer area starts at the same
    height as every other question's, however long the question is (the body map has its own
    layout)."""
    window = build(language)
    app = QApplication.instance()
    render_screen(app, window, "home", None, size)
    window.open_questionnaire()
    questionnaire = window.questionnaire
    questionnaire.start_button.click()
    failures: list[str] = []
    tops: dict[int, list[str]] = {}
    asked = []
    while (question := questionnaire.current_question) is not None:
        asked.append(question.id)
        app.processEvents()
        failures += _check(window, size, f"question {question.id}")
        page = questionnaire.question_page
        if question.type != "body_map":
            tops.setdefault(page.answer_area.mapTo(window, QPoint(0, 0)).y(), []).append(question.id)
        _answer_something(questionnaire)
    assert len(asked) >= 20 and asked[0] == "saddle_numbness"
    assert failures == [], "\n".join(failures)
    assert len(tops) == 1, f"the answers start at different heights: {tops}"


class _Screen:
    def __init__(self, width: int, height: int):
        self._free = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._free


@pytest.mark.parametrize("free", [(1920, 1040), (1366, 728), (1280, 680), (1080, 1880)])
def test_a_window_opens_at_a_size_that_fits_its_screen(free):
    from kiosk.ui.app import windowed_size

    size = windowed_size(_Screen(*free))
    assert size.width() <= free[0] and size.height() <= free[1]
    assert size.width() >= min(1600, free[0] - 40) and size.height() >= min(900, free[1] - 60)


def test_the_windowed_kiosk_opens_inside_the_free_part_of_its_screen(kiosk_app, shipped):
    from kiosk.ui.app import show_window

    window = KioskWindow(replace(DEFAULT, kiosk_mode=False, reduce_motion=True), shipped, [],
                         clock=ManualClock())
    try:
        show_window(kiosk_app, window, kiosk_mode=False)
        QApplication.processEvents()
        free = window.screen().availableGeometry()
        assert window.width() <= free.width() and window.height() <= free.height()
    finally:
        dispose_windows([window])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_drawing_tabs_stay_in_the_top_bar_beside_the_speaker_at_1920x1080(build, speech, language):
    """A speech engine adds the read-aloud button to the top bar: at 1920x1080 there is room for
    it, the display buttons (icons only) and the drawing tabs in one bar, so the drawing keeps
    its full height and width."""
    from kiosk.ui.read_aloud import BUTTON_PX, PROBE_SECONDS

    assert speech.available
    window = build(language)
    app = QApplication.instance()
    render_screen(app, window, "diagram", None, (1920, 1080))
    window.clock.advance(PROBE_SECONDS)  # the engine is looked for after the first frame
    render_screen(app, window, "diagram", "sciatica", (1920, 1080))
    speaker, tabs = window.read_aloud.button, window.diagram.tab_bar
    assert window.read_aloud.ready and speaker.isVisible()
    assert (speaker.width(), speaker.height()) == (BUTTON_PX, BUTTON_PX)
    assert window.top_row.indexOf(tabs) >= 0 and tabs.isVisible()
    assert window.top_bar.isAncestorOf(tabs)
    bar = window.top_bar.rect()
    for widget in (*window.diagram.tabs, speaker, window.language_button,
                   window.display_buttons.larger_button, window.display_buttons.contrast_button):
        place = QRect(widget.mapTo(window.top_bar, QPoint(0, 0)), widget.size())
        assert bar.contains(place), f"{widget.text() or widget.objectName()} leaves the top bar"
        assert widget.width() >= MIN_CONTROL and widget.height() >= MIN_CONTROL
    ordered = sorted((*window.diagram.tabs, speaker), key=lambda w: w.mapTo(window, QPoint(0, 0)).x())
    for left, right in itertools.pairwise(ordered):  # side by side, never on top of each other
        assert left.mapTo(window, QPoint(left.width(), 0)).x() <= right.mapTo(window, QPoint(0, 0)).x()
    assert _check(window, (1920, 1080), f"diagram {language}") == []


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_animation_drawings_keep_their_size_and_words_never_overlap_at_larger_text(build, size, language):
    """A low screen with larger text: the drawing keeps a fair share of the window's height (it
    was 50 px high), and no label or orientation word is painted over another."""
    window = build(language, "x1.5 high contrast")
    app = QApplication.instance()
    failures: list[str] = []
    for animation_id in sorted(window.content.animations):
        render_screen(app, window, "animation", animation_id, size, progress=0.6)
        canvas = window.animation.canvas
        art, rect = canvas.art(), canvas.art_rect()
        layout = build_layout(art.animation, art.words, QSize(round(rect.width()), round(rect.height())),
                              QColor("black"))
        drawing = layout.transform.mapRect(QRectF(*art.animation.view_box))
        if drawing.height() < MIN_DRAWING_SHARE * size[1]:
            failures.append(f"{animation_id}: the drawing is {drawing.height():.0f} px high")
        words = [(label.label.id, QRectF(label.pos, label.text.size())) for label in layout.labels]
        words += [(f"orientation {text.text()!r}", QRectF(pos, text.size())) for text, pos in layout.markers]
        for i, (name, box) in enumerate(words):
            failures += [f"{animation_id}: {name} overlaps {other}" for other, other_box in words[:i]
                         if box.intersects(other_box)]
    assert failures == [], "\n".join(failures)
