"""Read-aloud: the speaker button on the patient screens, what it reads and in which language,
the sentence highlight following the engine, stopping on every change, and no button without
a speech engine or with the setting off. The engine is the recording one of tests/fake_speech.py."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QLabel, QTextEdit

from kiosk.domain.config import DEFAULT, load_config
from kiosk.domain.sentences import sentence_spans, sentences
from kiosk.speech.host import choose_engine
from kiosk.ui.clock import ManualClock
from kiosk.ui.read_aloud import PROBE_SECONDS
from kiosk.ui.shell import KioskWindow, NavState, Screen
from tests.conftest import dispose_windows
from tests.test_questionnaire_ui import ANSWERS, walk

AREAS = ["area-buttock", "area-thigh-back"]
PAGE = NavState(Screen.DIAGRAM, "herniated-disc")


@pytest.fixture
def build(kiosk_app, qtbot, shipped, spanish):
    made = []

    def make(read_aloud=True, probe=True):
        contents = {"en": shipped, "es": spanish}
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, read_aloud=read_aloud)
        window = KioskWindow(config, shipped, [], loader=lambda lang: (contents[lang], []),
                             languages=["en", "es"], clock=ManualClock())
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        if probe:
            window.clock.advance(PROBE_SECONDS)  # the engine is looked for after the first frame
        return window

    yield make
    dispose_windows(made)


def tap(qtbot, button) -> None:
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def engine(speech):
    assert len(speech.made) == 1, "one engine per window"
    return speech.made[0]


def questionnaire_at(qtbot, window, until: str | None = None):
    window.open_questionnaire()
    screen = window.questionnaire
    walk(qtbot, screen, AREAS, until=until, answers=ANSWERS)
    return screen


# ------------------------------------------------------------------ sentences


def test_sentences_end_at_stops_and_line_ends_but_not_after_titles():
    text = "Your doctor, e.g. Dr. Lee, can help. Is it sciatica? Yes!\nA heading\n\n• \nP. ej. esto no corta."
    assert sentences(text) == ["Your doctor, e.g. Dr. Lee, can help.", "Is it sciatica?", "Yes!",
                               "A heading", "P. ej. esto no corta."]
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip()
    assert sentences("¿Le duele? «Sí.» Bien") == ["¿Le duele?", "«Sí.»", "Bien"]
    assert sentences("One in 4. Then L5. Then S1.") == ["One in 4.", "Then L5.", "Then S1."]


# ------------------------------------------------------------------ where the button is


def test_the_engine_is_made_after_the_first_frame_not_at_start(build, speech):
    window = build(probe=False)
    assert speech.made == [] and not window.read_aloud.button.isVisible()
    window.clock.advance(PROBE_SECONDS)
    assert len(speech.made) == 1 and window.read_aloud.button.isVisible()


def test_the_button_is_on_home_pages_questions_results_and_the_urgent_screen(build, qtbot):
    window = build()
    button = window.read_aloud.button
    assert button.isVisible() and button.accessibleName() == "Read aloud"
    window.navigate(PAGE)
    assert button.isVisible()
    assert window.top_bar.geometry().contains(button.geometry()) and button.width() >= 48
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    assert not button.isVisible()  # an animation: nothing to read
    screen = questionnaire_at(qtbot, window, until="duration")
    assert screen.page_name() == "question" and button.isVisible()
    walk(qtbot, screen, AREAS, answers=ANSWERS)
    assert screen.page_name() == "results" and button.isVisible()
    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, AREAS, until="saddle_numbness", answers=ANSWERS)
    tap(qtbot, screen.yes_button)
    assert screen.page_name() == "urgent" and button.isVisible()


def test_a_page_is_read_in_order_and_in_the_current_language(build, qtbot, speech):
    window = build()
    window.navigate(PAGE)
    tap(qtbot, window.read_aloud.button)
    said, language = engine(speech).said[-1]
    assert language == "en"
    page = window.diagram.panel.text.document().toPlainText()
    assert said[0] == window.diagram.panel.title()  # the heading first, then the page's sentences
    assert said[1] == sentences(page)[1]
    assert said[: len(sentences(page))] == sentences(page)
    assert window.read_aloud.button.isChecked()
    assert window.read_aloud.button.accessibleName() == "Stop reading"

    tap(qtbot, window.read_aloud.button)  # pressing again stops
    assert not engine(speech).speaking and not window.read_aloud.reading
    assert window.read_aloud.button.accessibleName() == "Read aloud"

    tap(qtbot, window.language_button)
    assert window.read_aloud.button.accessibleName() == "Leer en voz alta"
    tap(qtbot, window.read_aloud.button)
    said, language = engine(speech).said[-1]
    assert language == "es"
    assert said[0] == window.diagram.panel.title() == "Hernia de disco, disco abultado o roto"


def test_a_question_reads_its_words_and_answers_and_the_urgent_screen_its_advice(build, qtbot, speech):
    window = build()
    screen = questionnaire_at(qtbot, window, until="duration")
    tap(qtbot, window.read_aloud.button)
    said = engine(speech).said[-1][0]
    question = screen.current_question
    assert sentences(screen.choice.header.text.text())[0] in said
    for option in question.options:
        assert screen.option_button(option).label() in said
    assert "Back" not in said and "Start over" not in said  # the bar's buttons are not read

    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, AREAS, until="saddle_numbness", answers=ANSWERS)
    tap(qtbot, screen.yes_button)
    tap(qtbot, window.read_aloud.button)
    said = engine(speech).said[-1][0]
    assert said[:2] == [screen.urgent.title.text(), *sentences(screen.urgent.action.text())[:1]]


def test_results_read_their_topics_and_reasons(build, qtbot, speech):
    window = build()
    screen = questionnaire_at(qtbot, window)
    assert screen.page_name() == "results"
    tap(qtbot, window.read_aloud.button)
    said = " ".join(engine(speech).said[-1][0])
    for card in screen.result_cards():
        assert card.title_label.text() in said
        assert card.reasons_text() in said


# ------------------------------------------------------------------ the highlight


def test_the_highlight_follows_the_engine_sentence_by_sentence(build, qtbot, speech):
    window = build()
    window.navigate(PAGE)
    text: QTextEdit = window.diagram.panel.text
    tap(qtbot, window.read_aloud.button)
    said = engine(speech).said[-1][0]
    assert text.extraSelections() == []  # nothing until the engine begins
    for index in (0, 1, 2):
        engine(speech).speak(index)
        selections = text.extraSelections()
        assert len(selections) == 1 and selections[0].cursor.selectedText() == said[index]
        assert window.read_aloud.current_sentence() == said[index]
    engine(speech).finish()
    assert text.extraSelections() == [] and not window.read_aloud.button.isChecked()


def test_a_label_highlights_its_sentence_and_gets_its_words_back(build, qtbot, speech):
    window = build()
    screen = questionnaire_at(qtbot, window)
    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, AREAS, until="saddle_numbness", answers=ANSWERS)
    tap(qtbot, screen.yes_button)
    action: QLabel = screen.urgent.action
    words, text_format = action.text(), action.textFormat()
    tap(qtbot, window.read_aloud.button)
    said = engine(speech).said[-1][0]
    index = said.index(sentences(words)[0])
    engine(speech).speak(index)
    assert action.textFormat() == Qt.TextFormat.RichText and "<span" in action.text()
    assert window.read_aloud.current_sentence() == sentences(words)[0]
    engine(speech).speak(index + 1)  # the next sentence (in this label or the next one)
    engine(speech).finish()
    assert action.text() == words and action.textFormat() == text_format


def test_an_answer_button_gets_a_ring_while_its_words_are_read(build, qtbot, speech):
    window = build()
    screen = questionnaire_at(qtbot, window, until="duration")
    tap(qtbot, window.read_aloud.button)
    said = engine(speech).said[-1][0]
    first = screen.option_button(screen.current_question.options[0])
    engine(speech).speak(said.index(first.label()))
    ring = first.findChild(QFrame, "ReadingRing")
    assert ring is not None and ring.isVisible() and ring.geometry() == first.rect()
    engine(speech).speak(said.index(first.label()) + 1)
    ring = first.findChild(QFrame, "ReadingRing")
    assert ring is None or not ring.isVisible()


# ------------------------------------------------------------------ stopping


def test_reading_stops_on_navigation(build, qtbot, speech):
    window = build()
    window.navigate(PAGE)
    tap(qtbot, window.read_aloud.button)
    engine(speech).speak(0)
    window.navigate(NavState(Screen.DIAGRAM, "sciatica"))
    assert not engine(speech).speaking and not window.read_aloud.reading
    assert window.diagram.panel.text.extraSelections() == []
    tap(qtbot, window.read_aloud.button)
    window.go_back()
    assert not engine(speech).speaking


def test_reading_stops_when_the_question_changes(build, qtbot, speech):
    window = build()
    screen = questionnaire_at(qtbot, window, until="duration")
    tap(qtbot, window.read_aloud.button)
    assert engine(speech).speaking
    tap(qtbot, screen.option_button(ANSWERS["duration"]))  # answering moves to the next question
    assert screen.current_question.id != "duration"
    assert not engine(speech).speaking and not window.read_aloud.reading


def test_reading_stops_on_a_language_switch(build, qtbot, speech):
    window = build()
    window.navigate(PAGE)
    tap(qtbot, window.read_aloud.button)
    engine(speech).speak(0)
    tap(qtbot, window.language_button)
    assert window.language == "es"
    assert not engine(speech).speaking and not window.read_aloud.reading
    assert window.read_aloud.button.isVisible() and not window.read_aloud.button.isChecked()


def test_reading_stops_on_the_idle_reset_and_keeps_the_visit_while_it_reads(build, qtbot, speech):
    window = build()
    window.navigate(PAGE)
    tap(qtbot, window.read_aloud.button)
    window.clock.advance(DEFAULT.idle_timeout - 5)
    engine(speech).speak(0)  # a sentence begins: the patient is listening
    window.clock.advance(DEFAULT.idle_timeout - 5)
    assert window.state.screen is Screen.DIAGRAM and engine(speech).speaking
    window.clock.advance(DEFAULT.idle_timeout + 1)  # then silence: the visit ends
    assert window.state.screen is Screen.ATTRACT
    assert not engine(speech).speaking and not window.read_aloud.reading
    assert window.diagram.panel.text.extraSelections() == []


# ------------------------------------------------------------------ no engine, setting off


def test_without_a_speech_engine_the_button_is_hidden_and_that_is_logged_once(build, qtbot, speech, caplog):
    speech.available = False
    with caplog.at_level(logging.INFO, logger="kiosk.ui.read_aloud"):
        window = build()
        for state in (PAGE, NavState(Screen.HOME), PAGE):
            window.navigate(state)
            assert not window.read_aloud.button.isVisible()
        window.read_aloud.probe()
        window.open_questionnaire()
        assert not window.read_aloud.button.isVisible()
    lines = [r for r in caplog.records if r.name == "kiosk.ui.read_aloud"]
    assert [r.getMessage() for r in lines] == ["read-aloud is off: no speech engine is installed"]


def test_an_engine_that_fails_hides_the_button(build, qtbot, speech, caplog):
    window = build()
    window.navigate(PAGE)
    tap(qtbot, window.read_aloud.button)
    with caplog.at_level(logging.INFO, logger="kiosk.ui.read_aloud"):
        engine(speech).fail("speech-dispatcher went away")
    assert not window.read_aloud.button.isVisible() and not window.read_aloud.reading
    window.navigate(NavState(Screen.HOME))
    assert not window.read_aloud.button.isVisible()
    assert "speech-dispatcher went away" in caplog.text


def test_the_setting_off_hides_the_button_and_loads_no_engine(build, speech, tmp_path):
    window = build(read_aloud=False)
    window.navigate(PAGE)
    assert not window.read_aloud.button.isVisible() and speech.made == []
    assert window.read_aloud.probe() is False and speech.made == []
    settings = tmp_path / "kiosk.toml"
    settings.write_text("read_aloud = false\n", encoding="utf-8")
    assert load_config(settings).read_aloud is False and DEFAULT.read_aloud is True


# ------------------------------------------------------------------ the Qt backend
# (its speech host on Qt's test engine, and a host that never answers: tests/test_speech_host.py)


def test_the_qt_backend_never_picks_qts_silent_test_engine():
    assert choose_engine(["mock", "speechd"], None) == ("speechd", "")
    engine, problem = choose_engine(["mock"], None)
    assert engine == "" and "speech-dispatcher" in problem
    assert choose_engine(["mock", "speechd"], "mock") == ("mock", "")  # only when asked (tests)
    assert choose_engine(["speechd"], "mock")[0] == ""


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_button_fits_the_top_bar_beside_the_tabs_and_the_language_button(build, qtbot, size):
    window = build()
    window.resize(*size)
    tap(qtbot, window.language_button)  # Spanish: the longest words
    window.navigate(PAGE)
    qtbot.waitUntil(lambda: window.width() == size[0])
    button, language = window.read_aloud.button, window.language_button
    assert button.isVisible()
    assert window.width() <= size[0]
    assert window.top_bar.geometry().contains(button.geometry())
    assert not button.geometry().intersects(language.geometry())
    tabs = window.diagram.tab_bar
    if tabs.isVisible() and tabs.parentWidget() is window.top_bar:
        assert not tabs.geometry().intersects(button.geometry())
        assert tabs.geometry().right() < button.geometry().left()


def test_the_drawing_tabs_leave_the_button_its_room_at_every_width(build, qtbot):
    """The tabs move out of the top bar when they, the speaker and the language button do not
    fit side by side: at no width do they overlap or push a button off the bar."""
    window = build()
    tap(qtbot, window.language_button)
    window.navigate(PAGE)
    button, language, tabs = window.read_aloud.button, window.language_button, window.diagram.tab_bar
    for width in range(1280, 1921, 20):
        window.resize(width, 1080)
        QApplication.processEvents()
        window.top_bar.layout().activate()
        if window.width() != width:  # the window keeps a larger size while the tabs move
            continue
        bar = window.top_bar.rect()
        assert bar.contains(button.geometry()) and bar.contains(language.geometry()), width
        assert not button.geometry().intersects(language.geometry()), width
        if tabs.parentWidget() is window.top_bar and tabs.isVisible():
            assert tabs.geometry().right() < button.geometry().left(), width
            assert tabs.width() >= window.diagram.tabs_row_width(), width


def test_the_tabs_make_way_for_the_button_in_the_top_bar(build, qtbot, monkeypatch):
    window = build()
    window.resize(2560, 1440)
    window.navigate(PAGE)
    QApplication.processEvents()
    tabs = window.diagram.tab_bar
    # 2560 px: the tabs, the display buttons, the speaker and the language fit in the bar (at 1920
    # px the tabs take a column of their own beside the drawing once the speaker shows)
    assert tabs.parentWidget() is window.top_bar
    assert window.read_aloud.room_in_bar() >= window.read_aloud.button.width()
    monkeypatch.setattr(window.read_aloud, "room_in_bar", lambda: window.width())  # a very wide button
    window.resize(2550, 1440)
    QApplication.processEvents()
    assert tabs.parentWidget() is not window.top_bar


def test_the_bar_makes_room_when_the_engine_comes_after_the_drawing(build):
    """The speaker shows a moment after start: the drawing tabs already in the bar must move out
    rather than squeeze it (every top-bar button stays at least 48x48 px)."""
    window = build(probe=False)
    window.navigate(PAGE)
    QApplication.processEvents()
    assert not window.read_aloud.button.isVisible()
    window.read_aloud.probe()
    QApplication.processEvents()
    assert window.read_aloud.button.isVisible()
    for button in window.top_bar.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.width() >= 48 and button.height() >= 48, button.accessibleName()
