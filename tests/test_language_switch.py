"""The patient's language button: every patient screen, the same place and answers in the
other language, the interface words from content/<language>/ui.toml, and back to the
clinic's language for the next patient."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.config import DEFAULT
from kiosk.domain.parity import check_content_languages
from kiosk.domain.problems import Problem
from kiosk.domain.ui_words import UI_FILE, load_ui_words, required_texts
from kiosk.domain.usage import UsageCounter
from kiosk.resources import default_content_dir
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, NavState, Screen

ROOT = default_content_dir()


@pytest.fixture
def build(shown_windows, shipped, spanish, tmp_path):
    loads: list[str] = []

    def make(languages=("en", "es"), language="en", counter=True):
        contents = {"en": shipped, "es": spanish}

        def loader(lang):
            loads.append(lang)
            return contents[lang], []

        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, language=language)
        usage = UsageCounter(tmp_path / "usage.sqlite3") if counter else None
        window = KioskWindow(config, contents[language], [], loader=loader, counter=usage,
                             languages=list(languages), clock=ManualClock())
        window.loads = loads
        return shown_windows(window)

    return make


def tap(qtbot, button) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------ the button

def test_the_button_names_the_other_language_in_its_own_words_on_every_patient_screen(build, qtbot):
    window = build()
    button = window.language_button
    for state in (NavState(Screen.HOME), NavState(Screen.DIAGRAM, "sciatica"),
                  NavState(Screen.ANIMATION, "herniated-disc"), NavState(Screen.QUESTIONNAIRE)):
        window.navigate(state)
        assert button.isVisible() and button.text() == "Español", state
        assert button.width() >= 48 and button.height() >= 48
        assert window.top_bar.geometry().contains(button.geometry())
    tap(qtbot, button)
    assert window.language == "es" and button.text() == "English"
    assert button.isVisible()


def test_the_button_is_hidden_when_the_content_has_one_language(build):
    window = build(languages=["en"])
    assert not window.language_button.isVisible()
    assert window.language_button.offered is None


def test_with_three_languages_the_button_offers_each_in_turn(build):
    window = build()
    button = window.language_button
    button.set_languages(["en", "es", "fr"], "en", window.words)
    assert button.text() == "Español"
    button.set_languages(["en", "es", "fr"], "es", window.words)
    assert button.text() == "Français"
    button.set_languages(["en", "es", "fr"], "fr", window.words)
    assert button.text() == "English"


# ------------------------------------------------------------------ the same place

def test_home_and_the_bars_switch_their_words(build, qtbot):
    window = build()
    assert window.home.explore_button.text() == "Explore your spine"
    tap(qtbot, window.language_button)
    assert window.state == NavState(Screen.HOME)
    assert window.home.explore_button.text() == "Explore su columna"
    assert window.home.isVisible()
    assert window.home_button.text() == "Inicio" and window.back_button.text() == "Atrás"
    assert window.action_button.text() == "¿Qué tratamientos podría consultar?"
    tap(qtbot, window.language_button)
    assert window.home.explore_button.text() == "Explore your spine"
    assert window.home_button.text() == "Home"


def test_the_diagram_keeps_its_selection_tab_and_history(build, qtbot, spanish):
    window = build()
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    window.navigate(NavState(Screen.DIAGRAM, "disc-L4-L5"))
    window.diagram.show_view(next(i for i, v in enumerate(window.diagram.views) if v.diagram.id == "side"))
    history = list(window.history)
    tap(qtbot, window.language_button)
    diagram = window.diagram
    assert window.state == NavState(Screen.DIAGRAM, "disc-L4-L5") and window.history == history
    assert diagram.isVisible() and diagram.view.diagram.id == "side"
    assert "disc-L4-L5" in diagram.highlighted and diagram.panel.current_id == "disc-L4-L5"
    assert spanish.get("disc-L4-L5").title in diagram.panel.text.toPlainText()
    assert [t.text() for t in diagram.tabs if t.isChecked()] == ["Vista de lado"]
    assert diagram.tab_bar.isVisible()
    for tab in [*diagram.tabs, window.language_button]:  # Spanish runs longer: nothing is clipped
        assert tab.width() >= tab.fontMetrics().horizontalAdvance(tab.text()) + 32, tab.text()
    tap(qtbot, window.back_button)
    assert window.state == NavState(Screen.DIAGRAM, "herniated-disc")


def test_the_panel_start_words_switch(build, qtbot):
    window = build()
    window.navigate(NavState(Screen.DIAGRAM))
    tap(qtbot, window.language_button)
    text = window.diagram.panel.text.toPlainText()
    assert "Toque el dibujo" in text and "Tap the drawing" not in text


def test_the_animation_keeps_its_progress(build, qtbot):
    window = build()
    window.navigate(NavState(Screen.ANIMATION, "herniated-disc"))
    old = window.animation
    old.set_progress(0.6)
    old_title = old.title_label.text()
    tap(qtbot, window.language_button)
    screen = window.animation
    assert screen is not old and screen.isVisible()
    assert screen.content_id == "herniated-disc" and screen.progress() == pytest.approx(0.6)
    assert screen.title_label.text() != old_title
    assert screen.play_button.text() == "Reproducir"
    assert screen.compare_button.text() == "Comparar lado a lado"


def test_the_questionnaire_keeps_its_session_and_question(build, qtbot):
    window = build()
    window.open_questionnaire()
    screen = window.questionnaire
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.no_button)
    tap(qtbot, screen.no_button)
    session = screen.session
    question = screen.current_question
    answered = [q.id for q, _ in session.history]
    assert len(answered) == 2
    tap(qtbot, window.language_button)
    spanish_screen = window.questionnaire
    assert spanish_screen is not screen and spanish_screen.isVisible()
    assert spanish_screen.session is session  # the same answers, held by ids
    assert [q.id for q, _ in session.history] == answered
    assert all(session.value(qid) is False for qid in answered)
    assert spanish_screen.current_question.id == question.id
    assert spanish_screen.yes_button.text() == "Sí"
    assert spanish_screen.back_button.text() == "Atrás"
    tap(qtbot, spanish_screen.back_button)  # Back still walks the same answers
    assert spanish_screen.current_question.id == answered[-1]


def test_results_stay_on_screen_with_their_reasons_in_the_new_language(build, qtbot, spanish):
    from kiosk.domain.questionnaire import Session

    window = build()
    window.open_questionnaire()
    screen = window.questionnaire
    session = screen.session
    tap(qtbot, screen.start_button)
    while (question := session.next_question()) is not None:  # a short path: every answer skipped
        if question.is_red_flag:
            tap(qtbot, screen.no_button)
        else:
            tap(qtbot, screen.skip_button) if screen.skip_button.isVisible() else screen._skip()
    assert screen.page_name() == "results"
    tap(qtbot, window.language_button)
    assert window.questionnaire.page_name() == "results"
    assert isinstance(window.questionnaire.session, Session) and window.questionnaire.session is session
    texts = " ".join(c.text() for c in window.questionnaire.findChildren(type(screen.status_label))
                     if c.isVisible())
    assert spanish.questionnaire.texts.results["title"] in texts


# ------------------------------------------------------------------ next patient, counting, speed

def test_the_idle_reset_returns_to_the_clinic_language(build, qtbot):
    window = build()
    window.navigate(NavState(Screen.DIAGRAM, "sciatica"))
    tap(qtbot, window.language_button)
    assert window.language == "es"
    window.clock.advance(DEFAULT.idle_timeout - DEFAULT.idle_warning)
    assert window.still_there.isVisible()  # the warning speaks the patient's language
    assert window.still_there.title.text() == "¿Sigue ahí?"
    assert "segundos" in window.still_there.message.text()
    window.clock.advance(DEFAULT.idle_warning + 1)
    assert window.state.screen is Screen.ATTRACT
    assert window.language == "en" and window.content.language == "en"
    assert window.attract.isVisible() and window.attract.headline.startswith("Touch")
    window.begin_session()
    assert window.home.explore_button.text() == "Explore your spine"
    assert window.language_button.text() == "Español"


def test_a_clinic_that_starts_in_spanish_comes_back_to_spanish(build, qtbot):
    window = build(language="es")
    assert window.home_button.text() == "Inicio" and window.language_button.text() == "English"
    tap(qtbot, window.language_button)
    window.reset_session("idle")
    assert window.language == "es" and window.home_button.text() == "Inicio"


def test_a_switch_is_counted_once_and_each_language_is_loaded_once(build, qtbot):
    window = build()
    before = window.counter.totals("language").get("es", 0)
    for _ in range(3):
        tap(qtbot, window.language_button)
    assert window.counter.totals("language").get("es", 0) == before + 2
    assert window.loads == ["es"]  # English was given at start; Spanish loaded once, then kept


def test_a_language_whose_content_has_problems_is_not_switched_to(build, qtbot, shipped):
    window = build()
    window.library.loader = lambda lang: (shipped, [Problem(ROOT / "es", 1, "broken")])
    assert not window.switch_language("es")
    assert window.language == "en" and window.home.isVisible()


# ------------------------------------------------------------------ the catalog

def test_every_language_has_every_interface_word():
    for language in ("en", "es"):
        words, problems = load_ui_words(ROOT, language)
        assert problems == []
        assert set(words.texts) == set(required_texts())
    assert load_ui_words(ROOT, "es")[0]["bar.home"] == "Inicio"


def test_a_missing_extra_or_broken_word_is_reported_with_file_and_line(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "en", root / "en")
    shutil.copytree(ROOT / "es", root / "es")
    path = root / "es" / UI_FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace('home = "Inicio"\n', "")
    text = text.replace('[views]\n', '[views]\nbottom = "Vista de abajo"\n')
    text = text.replace("{seconds} segundos", "unos segundos")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    _, problems = load_ui_words(root, "es")
    assert len(problems) == 3, problems
    missing = next(p for p in problems if "bar.home" in p.message)
    assert lines[missing.line - 1] == "[bar]" and missing.path == path
    extra = next(p for p in problems if "views.bottom" in p.message)
    assert lines[extra.line - 1].startswith("bottom =")
    placeholder = next(p for p in problems if "idle.seconds" in p.message)
    assert lines[placeholder.line - 1].startswith("seconds =") and "{seconds}" in placeholder.message


def test_check_content_reports_a_language_without_its_twin_words(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT, root)
    (root / "es" / UI_FILE).unlink()
    _, problems = check_content_languages(root, ["en", "es"])
    twin = [p for p in problems if UI_FILE in str(p.path)]
    assert len(twin) == 1 and twin[0].path == root / "en" / UI_FILE and "es" in twin[0].message


def test_staff_can_choose_the_language_a_patient_switched_to_as_the_start_language(build, qtbot):
    window = build()
    tap(qtbot, window.language_button)  # a patient chose Spanish
    window.open_staff_panel()
    window.staff_set_language("es")  # staff then make Spanish the clinic's start language
    assert window.default_language == "es" and window.language == "es"
    window.reset_session("idle")
    assert window.language == "es" and window.home_button.text() == "Inicio"
    window.open_staff_panel()
    window.staff_set_language("en")
    assert window.default_language == "en" and window.home_button.text() == "Home"
