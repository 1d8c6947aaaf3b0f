"""The questionnaire on screen, driven by taps: intro, red flags, body map, questions,
results with reasons, the hand-off with its QR code and printing, Back / Start over,
reset, and that no answer ends up in a log or a file."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.domain.content import load_content
from kiosk.domain.handoff import MAX_CHARS, summary_text
from kiosk.domain.questionnaire import load_questionnaire
from kiosk.resources import default_content_dir
from kiosk.ui import theme
from kiosk.ui.questionnaire_screen import QR_BORDER, QuestionnaireScreen, qr_image
from tests.uihelpers import inside_point, mouse_tap

# One patient's answers (by answer key); the red flags are all "no".
ANSWERS = {
    "side": "left",
    "main_pain": "leg",
    "duration": "3_to_6_months",
    "severity": 7,
    "worse_with": ("sitting", "coughing_sneezing"),
    "better_with": ("lying_down",),
    "numbness": True,
    "weakness": False,
    "age_band": "18_to_50",
    "tried": ("physical_therapy", "injections"),
    "injection_relief": "short",
    "imaging": ("herniated_disc",),
}
PREFERRED_AREAS = ("area-buttock", "area-thigh-back", "area-calf-outer")


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def questionnaire():
    q, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == [], "\n".join(map(str, problems))
    return q


@pytest.fixture(scope="module")
def content():
    # The pages are validated elsewhere; here only the drawings and page ids are needed.
    loaded, _problems = load_content(default_content_dir(), "en")
    return loaded


@pytest.fixture(scope="module")
def body_diagram(content):
    diagrams = {d.id: d for d in content.diagrams}
    return diagrams.get("hurts") or diagrams["back"]


@pytest.fixture
def areas(questionnaire, body_diagram):
    """Up to three pain areas that are options of the question and drawn in the diagram."""
    drawn = [a for a in questionnaire.question("pain_areas").options if a in body_diagram.ids()]
    chosen = [a for a in PREFERRED_AREAS if a in drawn] or drawn[:2]
    assert chosen, "the body-map drawing has none of the questionnaire's areas"
    return chosen


@pytest.fixture
def make_screen(kiosk_app, qtbot, questionnaire, body_diagram):
    def build(printer_name=None):
        screen = QuestionnaireScreen(questionnaire, body_diagram, theme.palette_for(None), reduce_motion=True,
                                     printer_name=printer_name)
        qtbot.addWidget(screen)
        screen.resize(1920, 1080)
        screen.show()
        qtbot.waitExposed(screen)
        screen.start()
        return screen

    return build


@pytest.fixture
def screen(make_screen):
    return make_screen()


# -------------------------------------------------------------------------- helpers


def tap(qtbot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(1)


def tap_area(qtbot, screen, area: str) -> None:
    view = screen.body_map_view
    qtbot.waitUntil(lambda: view.isVisible() and view.width() > 300)
    settle(qtbot)
    point = inside_point(view, area)
    assert point is not None, area
    mouse_tap(view, point)


def answer_current(qtbot, screen, areas, answers=ANSWERS) -> str:
    """Answer the question on screen by tapping, as a patient would; returns its id."""
    question = screen.current_question
    assert question is not None
    if question.is_red_flag:
        tap(qtbot, screen.no_button)
    elif question.type == "body_map":
        for area in areas:
            tap_area(qtbot, screen, area)
        tap(qtbot, screen.next_button)
    elif question.type == "multi":
        for value in answers[question.key]:
            tap(qtbot, screen.option_button(value))
        tap(qtbot, screen.next_button)
    else:
        tap(qtbot, screen.option_button(answers[question.key]))
    settle(qtbot)
    return question.id


def walk(qtbot, screen, areas, until: str | None = None, check=None) -> list[str]:
    """From the intro (or any question) answer questions until ``until`` is on screen."""
    if screen.page_name() == "intro":
        if check:
            check(screen)
        tap(qtbot, screen.start_button)
    visited = []
    while screen.page_name() == "question":
        if until is not None and screen.current_question.id == until:
            break
        if check:
            check(screen)
        visited.append(answer_current(qtbot, screen, areas))
    return visited


def visible_buttons(screen) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton) if b.isVisible()]


def checked_buttons(screen) -> list[QPushButton]:
    return [b for b in screen.findChildren(QPushButton) if b.isChecked()]


def contrast_of(widget) -> float:
    """Contrast between a label's background (its commonest colour) and its text colour."""
    # grab the parent: the page paints the background behind the label
    image = widget.parentWidget().grab(widget.geometry()).toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    colours = Counter(image.pixel(x, y) for x in range(0, image.width(), 2)
                      for y in range(0, image.height(), 2))
    background = QColor(colours.most_common(1)[0][0]).name()
    best = max((QColor(c).name() for c in colours), key=lambda c: theme.contrast_ratio(c, background))
    return theme.contrast_ratio(best, background)


# ---------------------------------------------------------------------------- tests


def test_the_whole_flow_by_taps(qtbot, screen, questionnaire, areas):
    texts = questionnaire.texts
    assert screen.page_name() == "intro"
    assert screen.session is not None and len(screen.session.answers()) == 0
    tap(qtbot, screen.start_button)

    # red flags first, each a plain yes/no
    red = questionnaire.red_flag_questions()
    assert screen.current_question.id == red[0].id
    assert screen.progress_label.text() == f"1 of {screen.session.progress()[1]}"
    for question in red:
        assert screen.current_question.id == question.id
        assert [b.value for b in screen.answer_buttons()] == [True, False]  # no "not sure" or skip
        assert not screen.skip_button.isVisible()
        tap(qtbot, screen.no_button)
    assert screen.session.answers()["red_flags"] == ()

    # the body map: taps toggle areas on the shared drawing
    assert screen.current_question.type == "body_map"
    assert screen.body_map_view.isVisible()
    assert not screen.next_button.isEnabled()  # nothing chosen yet
    for area in areas:
        tap_area(qtbot, screen, area)
    assert screen.selected_areas == set(areas)
    assert screen.body_map_view.highlighted == set(areas)
    for area in areas:
        assert texts.option("pain_areas", area) in screen.chosen_label.text()
    tap(qtbot, screen.next_button)
    assert screen.session.value("pain_areas") == tuple(a for a in questionnaire.question("pain_areas").options
                                                         if a in areas)

    # every other question, one per screen
    visited = walk(qtbot, screen, areas)
    asked = [q.id for q in questionnaire.questions if not q.is_red_flag and q.type != "body_map"]
    assert visited == asked
    assert screen.page_name() == "results"

    # results: ranked topics with the patient's own answers as reasons
    result = screen.session.result()
    cards = screen.result_cards()
    assert [c.category for c in cards] == result.categories() and cards
    assert any(r.text in cards[0].reasons_text() for r in result.suggestions[0].reasons)
    assert cards[0].reasons_text().startswith(texts.results["because"])
    assert screen.standing_label.isVisible()
    assert screen.standing_label.text() == texts.results["standing"]

    # hand-off: summary and QR code
    tap(qtbot, screen.show_doctor_button)
    assert screen.page_name() == "handoff"
    summary = screen.summary()
    assert 0 < len(summary) <= MAX_CHARS
    for area in areas:
        assert texts.option("pain_areas", area) in summary
    for question in red:  # nothing of the red flags, neither the question nor the answer
        assert question.id not in summary
        assert texts.question(question.id) not in summary
    assert "red_flags" not in summary
    assert summary == summary_text(questionnaire, screen.session.answers(), result)

    image = screen.qr_code()
    assert not image.isNull()
    dark = sum(image.pixel(x, y) != QColor("#ffffff").rgb()
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    assert 0.2 < dark / ((image.width() // 2) * (image.height() // 2)) < 0.8  # a real code, not blank
    assert image.width() >= 360 and image.width() == image.height()
    assert screen.qr_label.isVisible() and screen.qr_label.width() >= 360
    assert image == qr_image(summary)  # the code holds exactly the summary
    qr = segno.make(summary, error="m", micro=False)
    scale = image.width() // qr.symbol_size(border=QR_BORDER)[0]
    quiet = QR_BORDER * scale
    white = QColor("#ffffff").rgb()
    for i in range(0, image.width(), 3):  # the quiet zone is kept on all four sides
        for x, y in ((i, quiet // 2), (quiet // 2, i), (i, image.height() - 1 - quiet // 2),
                     (image.width() - 1 - quiet // 2, i)):
            assert image.pixel(x, y) == white
    assert not screen.print_button.isVisible()  # no printer configured

    with qtbot.waitSignal(screen.exitRequested):
        tap(qtbot, screen.finish_button)
    assert screen.session is None and screen.page_name() == "intro"


def test_back_goes_to_the_previous_question_with_its_answer_kept(qtbot, screen, questionnaire, areas):
    walk(qtbot, screen, areas, until="better_with")
    assert screen.current_question.id == "better_with"

    tap(qtbot, screen.back_button)  # multi: the toggles are kept
    assert screen.current_question.id == "worse_with"
    assert {b.value for b in checked_buttons(screen)} == set(ANSWERS["worse_with"])
    assert screen.session.value("worse_with") is None  # forgotten until answered again

    tap(qtbot, screen.back_button)  # scale
    assert screen.current_question.id == "severity"
    assert [b.value for b in checked_buttons(screen)] == [ANSWERS["severity"]]
    assert screen.option_button(ANSWERS["severity"]).isChecked()

    tap(qtbot, screen.back_button)  # single
    assert screen.current_question.id == "duration"
    assert [b.value for b in checked_buttons(screen)] == [ANSWERS["duration"]]

    # answering again goes on, and the later answer can be changed
    tap(qtbot, screen.option_button("6_to_12_weeks"))
    assert screen.session.value("duration") == "6_to_12_weeks"
    assert screen.current_question.id == "severity"
    assert checked_buttons(screen) == []  # a question not answered before shows nothing

    while screen.current_question.type != "body_map":
        tap(qtbot, screen.back_button)
    assert screen.selected_areas == set(areas)  # the body map keeps its areas
    assert screen.body_map_view.highlighted == set(areas)
    tap(qtbot, screen.back_button)  # the last red flag, "no" kept
    question = screen.current_question
    assert question.is_red_flag and question.id == questionnaire.red_flag_questions()[-1].id
    assert screen.no_button.isChecked() and not screen.yes_button.isChecked()

    while screen.page_name() == "question":
        tap(qtbot, screen.back_button)
    assert screen.page_name() == "intro"
    assert len(screen.session.answers()) == 0
    with qtbot.waitSignal(screen.exitRequested):  # Back on the intro leaves to home
        tap(qtbot, screen.back_button)


def test_start_over_returns_to_the_intro_with_an_empty_session(qtbot, screen, areas):
    walk(qtbot, screen, areas, until="severity")
    assert len(screen.session.answers()) > 3
    first_session = screen.session
    tap(qtbot, screen.start_over_button)
    assert screen.page_name() == "intro"
    assert screen.session is not None and screen.session is not first_session
    assert len(screen.session.answers()) == 0
    assert len(first_session.answers()) == 0  # the old answers are dropped, not kept aside
    assert checked_buttons(screen) == []
    assert screen.selected_areas == frozenset()
    tap(qtbot, screen.start_button)
    assert screen.current_question.is_red_flag
    assert screen.progress_label.text().startswith("1 of ")


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_bowel", "progressive_weakness", "both_legs",
                                  "fever_unwell", "cancer_history", "major_injury", "weight_loss",
                                  "steroids_immune"])
def test_a_red_flag_yes_stops_on_the_urgent_page(qtbot, screen, questionnaire, areas, flag):
    question = questionnaire.question(flag)
    walk(qtbot, screen, areas, until=flag)
    tap(qtbot, screen.yes_button)
    assert screen.page_name() == "urgent"
    assert screen.session.stopped
    assert screen.urgent_level == question.urgency
    words = questionnaire.texts.urgent[question.urgency]
    assert screen.urgent_title.text() == words["title"]
    assert screen.urgent_action.text() == words["action"]
    assert screen.result_cards() == []
    assert not screen.show_doctor_button.isVisible()
    assert screen.session.result().suggestions == ()
    assert screen.summary() == ""
    # calm, high contrast, large
    assert screen.urgent_title.font().pixelSize() >= 56 or screen.urgent_title.height() >= 70
    for label in (screen.urgent_title, screen.urgent_action, screen.urgent_body):
        assert contrast_of(label) >= 7.0, label.text()
    assert screen.back_button.isVisible() and screen.start_over_button.isVisible()

    tap(qtbot, screen.back_button)  # a mis-tap can be undone: back to the question, "yes" kept
    assert screen.current_question.id == flag
    assert screen.yes_button.isChecked()
    assert not screen.session.stopped


def test_emergency_and_doctor_today_use_their_own_words(qtbot, screen, questionnaire, areas):
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    assert screen.urgent_level == "emergency"
    assert "front desk" in screen.urgent_title.text().lower()
    assert "emergency department" in screen.urgent_action.text().lower()
    tap(qtbot, screen.back_button)
    walk(qtbot, screen, areas, until="fever_unwell")
    tap(qtbot, screen.yes_button)
    assert screen.urgent_level == "doctor_today"
    assert "doctor today" in screen.urgent_title.text().lower()


def test_tapping_a_topic_asks_for_its_page(qtbot, screen, content, areas):
    walk(qtbot, screen, areas)
    cards = screen.result_cards()
    assert cards
    for card in cards:
        assert card.height() >= 88
        assert content.get(card.category) is not None  # the category id is a treatment page id
        with qtbot.waitSignal(screen.topicRequested) as blocker:
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        assert blocker.args == [card.category]


def test_notes_show_when_a_rule_asks_for_them(qtbot, screen, questionnaire, areas):
    answers = dict(ANSWERS, weakness=True)
    tap(qtbot, screen.start_button)
    while screen.page_name() == "question":
        answer_current(qtbot, screen, areas, answers)
    notes = screen.session.result().notes
    assert "see_specialist_soon" in {note.id for note in notes}
    assert screen.notes_label.isVisible()
    assert questionnaire.texts.notes["see_specialist_soon"] in screen.notes_label.text()


def test_skip_and_not_sure_leave_a_question_unanswered(qtbot, screen, areas):
    walk(qtbot, screen, areas, until="duration")
    tap(qtbot, screen.skip_button)
    assert screen.current_question.id == "severity"
    assert "duration" not in screen.session.answers()
    walk(qtbot, screen, areas, until="numbness")
    assert screen.not_sure_button.isVisible()
    tap(qtbot, screen.not_sure_button)
    assert screen.current_question.id == "weakness"
    assert "numbness" not in screen.session.answers()


def test_body_map_counts_only_its_own_areas_and_clears(qtbot, screen, questionnaire, areas):
    walk(qtbot, screen, areas, until="pain_areas")
    view = screen.body_map_view
    options = set(questionnaire.question("pain_areas").options)
    other = next((r for r in sorted(view.region_ids()) if r not in options), None)
    if other is not None:  # a disc or a nerve is not an answer to "where does it hurt"
        tap_area(qtbot, screen, other)
        assert screen.selected_areas == frozenset()
    tap_area(qtbot, screen, areas[0])
    tap_area(qtbot, screen, areas[0])  # a second tap takes it away
    assert screen.selected_areas == frozenset()
    for area in areas:
        tap_area(qtbot, screen, area)
    tap(qtbot, screen.clear_button)
    assert screen.selected_areas == frozenset() and view.highlighted == frozenset()
    assert not screen.next_button.isEnabled()


def test_print_to_pdf(qtbot, make_screen, tmp_path, areas):
    screen = make_screen(printer_name="Front desk")
    target = tmp_path / "summary.pdf"

    def pdf_printer():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    screen.printer_factory = pdf_printer
    walk(qtbot, screen, areas)
    tap(qtbot, screen.show_doctor_button)
    tap(qtbot, screen.print_button)
    assert target.is_file()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    assert screen.status_label.text()


def test_every_visible_button_is_large_enough_at_1920x1080(qtbot, screen, areas):
    seen_pages = set()

    def check(s):
        settle(qtbot)
        seen_pages.add(s.page_name())
        buttons = visible_buttons(s)
        assert buttons
        for button in buttons:
            assert button.width() >= 48 and button.height() >= 48, (s.page_name(), button.text(),
                                                                    button.size())
        for button in s.answer_buttons():
            assert button.height() >= 88, (button.text(), button.size())
        assert s.back_button.isVisible() and s.start_over_button.isVisible()

    walk(qtbot, screen, areas, check=check)
    check(screen)
    tap(qtbot, screen.show_doctor_button)
    check(screen)
    tap(qtbot, screen.start_over_button)
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    check(screen)
    assert seen_pages == {"intro", "question", "results", "handoff", "urgent"}


def test_reset_leaves_no_answer_anywhere(qtbot, screen, areas):
    walk(qtbot, screen, areas)
    tap(qtbot, screen.show_doctor_button)
    assert screen.summary() and not screen.qr_code().isNull()
    screen.reset()
    _assert_nothing_shown(screen)

    # also in the middle of the body map, and on a question with a kept answer
    screen.start()
    walk(qtbot, screen, areas, until="pain_areas")
    for area in areas:
        tap_area(qtbot, screen, area)
    screen.reset()
    _assert_nothing_shown(screen)
    screen.start()
    walk(qtbot, screen, areas, until="severity")
    tap(qtbot, screen.back_button)
    assert checked_buttons(screen)
    screen.reset()
    _assert_nothing_shown(screen)


def _assert_nothing_shown(screen) -> None:
    assert screen.session is None
    assert screen.page_name() == "intro"
    assert checked_buttons(screen) == []
    assert screen.selected_areas == frozenset()
    assert screen.body_map_view.highlighted == frozenset()
    assert screen.body_map_view.lit_regions() == frozenset()
    assert screen.chosen_label.text() == ""
    assert screen.summary() == "" and screen.summary_label.text() == ""
    assert screen.qr_code().isNull()
    pixmap = screen.qr_label.pixmap()
    assert pixmap is None or pixmap.isNull()
    assert screen.result_cards() == []
    assert all(card.full_text() == "" and card.category is None for card in screen._cards)
    assert screen.notes_label.text() == ""
    assert screen.progress_label.text() == ""
    assert screen.header.text.text() == "" and screen.map_header.text.text() == ""


def test_answers_never_reach_a_log_or_a_file(qtbot, screen, questionnaire, areas, tmp_path,
                                            _isolated_user_dirs):
    log_file = tmp_path / "kiosk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        logging.getLogger("kiosk.test").info("privacy test marker")
        walk(qtbot, screen, areas)
        result = screen.session.result()
        tap(qtbot, screen.show_doctor_button)
        summary = screen.summary()
        tap(qtbot, screen.back_button)
        for card in screen.result_cards():
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        tap(qtbot, screen.show_doctor_button)
        tap(qtbot, screen.finish_button)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()

    texts = questionnaire.texts
    needles = {*areas, *(texts.option("pain_areas", a) for a in areas), ANSWERS["duration"],
               texts.option("duration", ANSWERS["duration"]), f"{ANSWERS['severity']} out of 10",
               texts.reason("severity", ANSWERS["severity"]), "coughing_sneezing", "herniated_disc",
               texts.option("imaging", "herniated_disc"), *summary.split("\n")[1:]}
    needles |= {r.text for s in result.suggestions for r in s.reasons}
    assert "privacy test marker" in log_file.read_text(encoding="utf-8")  # the log did work
    searched = [log_file, *sorted(p for p in Path(_isolated_user_dirs).rglob("*") if p.is_file())]
    for path in searched:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode("utf-8") not in data, f"{needle!r} found in {path}"


def test_the_flow_also_runs_with_motion(qtbot, kiosk_app, questionnaire, body_diagram, areas):
    screen = QuestionnaireScreen(questionnaire, body_diagram, theme.palette_for(None), reduce_motion=False)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    walk(qtbot, screen, areas)
    tap(qtbot, screen.show_doctor_button)
    assert screen.page_name() == "handoff" and screen.summary()
    screen.finish_animations()


def test_the_summary_stays_short_even_with_every_answer(questionnaire):
    from kiosk.domain.questionnaire import evaluate, parse_answers

    everything = {"red_flags": [], "side": "both", "main_pain": "equal", "duration": "6_to_12_weeks",
                  "severity": 10, "numbness": True, "weakness": True, "age_band": "over_50",
                  "injection_relief": "short"}
    for key in ("pain_areas", "worse_with", "better_with", "tried", "imaging"):
        everything[key] = list(questionnaire.question(key).options)
    answers = parse_answers(everything, questionnaire)
    result = evaluate(questionnaire, answers)
    text = summary_text(questionnaire, answers, result)
    assert len(text) <= MAX_CHARS
    topics = [questionnaire.texts.category(s.category) for s in result.suggestions]
    assert text.splitlines()[-1].startswith("Topics to discuss:")  # the topics always stay
    assert all(t.split(" (")[0] in text for t in topics)
    assert qr_image(text).width() >= 360


def test_a_missing_printer_fails_politely(qtbot, make_screen, areas, questionnaire):
    screen = make_screen(printer_name="No such printer")
    walk(qtbot, screen, areas)
    tap(qtbot, screen.show_doctor_button)
    tap(qtbot, screen.print_button)  # no printer of that name here: a message, no file, no crash
    assert screen.status_label.text() == questionnaire.texts.ui["print_failed"]
    assert screen.page_name() == "handoff" and screen.summary()
