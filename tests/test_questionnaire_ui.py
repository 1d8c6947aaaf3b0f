"""The questionnaire on screen, driven by taps: intro, red flags, body map, questions,
results with each topic's own reasons and calm notes, the under-18 page, the urgent page
and its "pressed Yes by mistake", "Compare your options", the hand-off with its QR code
and printing, Back / Start over, reset, layouts for other screens, and that no answer
ends up in a log or a file."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
import segno
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.domain.content import load_content
from kiosk.domain.handoff import MAX_CHARS, summary_text
from kiosk.domain.questionnaire import load_questionnaire
from kiosk.resources import default_content_dir
from kiosk.ui import theme
from kiosk.ui.questionnaire import ASPECTS, QR_BORDER, QuestionnaireScreen, qr_image
from tests.uihelpers import compare_pages, inside_point, mouse_tap

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
    pages = compare_pages()

    def build(printer_name=None, size=(1920, 1080), with_pages=True):
        screen = QuestionnaireScreen(questionnaire, body_diagram, theme.palette_for(None), reduce_motion=True,
                                     printer_name=printer_name, pages=pages.get if with_pages else None)
        qtbot.addWidget(screen)
        screen.resize(*size)
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


def walk(qtbot, screen, areas, until: str | None = None, check=None, answers=ANSWERS) -> list[str]:
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
        visited.append(answer_current(qtbot, screen, areas, answers))
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
    assert screen.question_page.progress_label.text() == f"1 of {screen.session.progress()[1]}"
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
        assert texts.option("pain_areas", area) in screen.body_map_page.chosen_label.text()
    tap(qtbot, screen.next_button)
    assert screen.session.value("pain_areas") == tuple(a for a in questionnaire.question("pain_areas").options
                                                         if a in areas)

    # every other question, one per screen
    visited = walk(qtbot, screen, areas)
    asked = [q.id for q in questionnaire.questions if not q.is_red_flag and q.type != "body_map"]
    assert visited == asked
    assert screen.page_name() == "results"

    # results: ranked topics, each with the reasons the engine picked for it
    result = screen.session.result()
    assert result.kind == "topics"
    cards = screen.result_cards()
    assert [c.category for c in cards] == result.categories() and cards
    assert "conservative-care" in [c.category for c in cards]  # always: the option of no procedure
    for card, suggestion in zip(cards, result.suggestions, strict=True):
        assert card.reasons_text() == (f"{texts.results['because']}: "
                                       + "; ".join(r.text for r in suggestion.reasons))
    assert screen.results.standing_label.isVisible()
    assert screen.results.standing_label.text() == texts.results["standing"]

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
    assert "Safety questions: all answered no" in summary.splitlines()[:2]  # cleared, said once
    assert summary == summary_text(questionnaire, screen.session.answers(), result, safety_cleared=True)

    image = screen.qr_code()
    assert not image.isNull()
    dark = sum(image.pixel(x, y) != QColor("#ffffff").rgb()
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    assert 0.2 < dark / ((image.width() // 2) * (image.height() // 2)) < 0.8  # a real code, not blank
    assert image.width() >= 360 and image.width() == image.height()
    assert screen.handoff.qr_label.isVisible() and screen.handoff.qr_label.width() >= 360
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
    assert screen.question_page.progress_label.text().startswith("1 of ")


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_bowel", "sexual_function",
                                  "progressive_weakness", "both_legs", "fever_unwell", "cancer_history",
                                  "major_injury", "weight_loss", "steroids_immune", "night_pain"])
def test_a_red_flag_yes_stops_on_the_urgent_page(qtbot, screen, questionnaire, areas, flag):
    question = questionnaire.question(flag)
    walk(qtbot, screen, areas, until=flag)
    tap(qtbot, screen.yes_button)
    assert screen.page_name() == "urgent"
    assert screen.session.stopped
    assert screen.urgent_level == question.urgency
    words = questionnaire.texts.urgent[question.urgency]
    assert screen.urgent.title.text() == words["title"]
    assert screen.urgent.action.text() == words["action"]
    assert screen.result_cards() == []
    assert not screen.show_doctor_button.isVisible()
    assert screen.session.result().suggestions == ()
    assert screen.summary() == ""
    # calm, high contrast, large
    assert screen.urgent.title.font().pixelSize() >= 56 or screen.urgent.title.height() >= 70
    for label in (screen.urgent.title, screen.urgent.action, screen.urgent.body):
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
    assert "front desk" in screen.urgent.title.text().lower()
    assert "emergency department" in screen.urgent.action.text().lower()
    tap(qtbot, screen.back_button)
    walk(qtbot, screen, areas, until="fever_unwell")
    tap(qtbot, screen.yes_button)
    assert screen.urgent_level == "doctor_today"
    assert "doctor today" in screen.urgent.title.text().lower()


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
    tap(qtbot, screen.body_map_page.clear_button)
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
    tap(qtbot, screen.compare_button)
    check(screen)
    tap(qtbot, screen.show_doctor_button)
    check(screen)
    tap(qtbot, screen.start_over_button)
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    check(screen)
    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, areas, answers=dict(ANSWERS, age_band="under_18"))
    check(screen)
    assert seen_pages == {"intro", "question", "results", "compare", "handoff", "urgent", "stopped"}


def test_reset_leaves_no_answer_anywhere(qtbot, screen, areas):
    walk(qtbot, screen, areas, answers=dict(ANSWERS, weakness=True))
    assert screen.results.notes.boxes()
    tap(qtbot, screen.compare_button)
    assert screen.compare.categories
    tap(qtbot, screen.back_button)
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
    # the under-18 page and the urgent page
    screen.start()
    walk(qtbot, screen, areas, answers=dict(ANSWERS, age_band="under_18"))
    assert screen.stopped.notes.boxes()
    screen.reset()
    _assert_nothing_shown(screen)
    screen.start()
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    assert screen.page_name() == "urgent"
    screen.reset()
    _assert_nothing_shown(screen)


def _assert_nothing_shown(screen) -> None:
    assert screen.session is None
    assert screen.page_name() == "intro"
    assert checked_buttons(screen) == []
    assert screen.selected_areas == frozenset()
    assert screen.body_map_view.highlighted == frozenset()
    assert screen.body_map_view.lit_regions() == frozenset()
    assert screen.body_map_page.chosen_label.text() == ""
    assert screen.summary() == "" and screen.handoff.summary_label.text() == ""
    assert screen.qr_code().isNull()
    pixmap = screen.handoff.qr_label.pixmap()
    assert pixmap is None or pixmap.isNull()
    assert screen.result_cards() == []
    assert all(card.full_text() == "" and card.category is None for card in screen.results.all_cards())
    assert screen.results.notes.boxes() == [] and screen.stopped.notes.boxes() == []
    assert screen.compare.categories == []
    assert screen.urgent.title.text() == "" and screen.urgent.action.text() == ""
    for page in screen.question_pages:
        assert page.question is None
        assert page.progress_label.text() == ""
        assert page.header.text.text() == ""


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
    assert result.notes  # weakness: see a specialist soon
    topics = [questionnaire.texts.category(s.category) for s in result.suggestions]
    assert text.splitlines()[-1].startswith("Topics to discuss:")  # the topics always stay
    assert "Safety questions: all answered no" in text  # so does the safety line
    assert len([line for line in text.splitlines() if line.startswith("Note: ")]) == len(result.notes)
    assert all(t.split(" (")[0] in text for t in topics)
    assert qr_image(text).width() >= 360


def test_a_missing_printer_fails_politely(qtbot, make_screen, areas, questionnaire):
    screen = make_screen(printer_name="No such printer")
    walk(qtbot, screen, areas)
    tap(qtbot, screen.show_doctor_button)
    tap(qtbot, screen.print_button)  # no printer of that name here: a message, no file, no crash
    assert screen.status_label.text() == questionnaire.texts.ui["print_failed"]
    assert screen.page_name() == "handoff" and screen.summary()


# ------------------------------------------------------------- results, notes, end pages


def finish_with(qtbot, screen, areas, **changes) -> None:
    """From the intro, answer every question with ANSWERS changed by ``changes``."""
    walk(qtbot, screen, areas, answers=dict(ANSWERS, **changes))
    assert screen.page_name() != "question"


def test_each_topic_shows_the_reasons_the_engine_picked_for_it(qtbot, screen, questionnaire, areas):
    finish_with(qtbot, screen, areas, weakness=True, duration="over_6_months", imaging=("stenosis",))
    result = screen.session.result()
    assert len(result.suggestions) >= 2
    because = questionnaire.texts.results["because"]
    first_step = questionnaire.texts.results["first_step"]
    shown = {}
    for card in screen.result_cards():
        suggestion = result.suggestion(card.category)
        assert 1 <= len(suggestion.reasons) <= 3
        # exactly the engine's reasons, in its order: the screen picks nothing itself
        assert card.reasons_text() == f"{because}: " + "; ".join(r.text for r in suggestion.reasons)
        shown[card.category] = card.reasons_text()
    care = result.suggestion("conservative-care")
    assert care is not None  # care without surgery is always listed
    if care.reasons[0].answer is None:  # the reason that quotes no answer
        assert shown["conservative-care"] == f"{because}: {first_step}"
    # topics do not all show one shared set of reasons
    assert len(set(shown.values())) == len(shown)


def test_notes_are_calm_boxes_one_for_each_note(qtbot, screen, questionnaire, areas):
    # weakness (see a specialist soon) and walking pain eased by sitting with no scan showing
    # narrowing (the blood-flow look-alike)
    finish_with(qtbot, screen, areas, weakness=True, worse_with=("walking",), better_with=("sitting",),
                imaging=("unknown",))
    result = screen.session.result()
    assert result.note_ids() == ["see_specialist_soon", "look_alike"]
    boxes = screen.results.notes.boxes()
    assert [box.note_id for box in boxes] == result.note_ids()
    assert [box.text() for box in boxes] == [note.text for note in result.notes]
    assert boxes[0].text() == questionnaire.texts.notes["see_specialist_soon"]
    palette = theme.Palette()
    for box in boxes:
        assert box.isVisible() and box.text_label.font().pixelSize() >= 24
        image = box.grab().toImage()
        colours = Counter(QColor(image.pixel(x, y)).name()
                          for x in range(8, image.width() - 8, 4) for y in range(8, image.height() - 8, 4))
        fill = colours.most_common(1)[0][0]
        assert fill == palette.info_bg.lower()  # the theme's calm blue
        for alarm in (palette.warning_bg, palette.highlight, palette.danger, "#14263d"):
            assert fill != alarm.lower()
        assert contrast_of(box.text_label) >= 7.0
    # a result without notes shows no box
    tap(qtbot, screen.start_over_button)
    finish_with(qtbot, screen, areas)
    assert screen.session.result().notes == () and screen.results.notes.boxes() == []
    assert not screen.results.notes.isVisible()


def test_under_18_gets_its_own_calm_page_with_the_adults_only_note(qtbot, screen, questionnaire, areas):
    reported = []
    screen.resultsShown.connect(reported.append)
    finish_with(qtbot, screen, areas, age_band="under_18")
    result = screen.session.result()
    assert result.kind == "stopped" and result.suggestions == ()
    assert screen.page_name() == "stopped"
    boxes = screen.stopped.notes.boxes()
    assert [box.note_id for box in boxes] == result.note_ids() and "adults_only" in result.note_ids()
    assert questionnaire.texts.notes["adults_only"] in [box.text() for box in boxes]
    assert screen.stopped.title.isVisible() and screen.stopped.title.text()
    assert screen.result_cards() == [] and not screen.show_doctor_button.isVisible()
    assert not screen.compare_button.isVisible()
    assert reported == [[]]  # a finished questionnaire, no topic counted
    # calm: the page background, not an urgent colour; high contrast
    assert screen.stopped.objectName() == "QPage"
    assert contrast_of(screen.stopped.title) >= 7.0
    # ways out: start over, or finish and go home
    assert screen.start_over_button.isVisible() and screen.finish_button.isVisible()
    tap(qtbot, screen.back_button)  # back to the last question, its answer kept
    assert screen.current_question.id == "imaging"
    tap(qtbot, screen.next_button)
    assert screen.page_name() == "stopped"
    with qtbot.waitSignal(screen.exitRequested):
        tap(qtbot, screen.finish_button)
    assert screen.session is None and screen.page_name() == "intro"


@pytest.mark.parametrize("flag", ["bladder_bowel", "night_pain"])
def test_pressed_yes_by_mistake_returns_to_that_one_question(qtbot, screen, questionnaire, areas, flag):
    walk(qtbot, screen, areas, until=flag)
    before = [(q.id, v) for q, v in screen.session.history]
    tap(qtbot, screen.yes_button)
    assert screen.page_name() == "urgent"
    assert screen.urgent.mistake_button.isVisible()
    assert screen.urgent.mistake_button.height() >= 48
    assert contrast_of(screen.urgent.mistake_button) >= 4.5
    tap(qtbot, screen.urgent.mistake_button)
    assert screen.page_name() == "question" and screen.current_question.id == flag
    assert not screen.session.stopped
    assert [(q.id, v) for q, v in screen.session.history] == before  # only that answer went
    assert checked_buttons(screen) == []  # asked again, nothing chosen
    tap(qtbot, screen.no_button)
    following = questionnaire.questions[[q.id for q in questionnaire.questions].index(flag) + 1]
    assert screen.current_question.id == following.id


def test_safety_questions_have_no_skip_and_no_not_sure(qtbot, screen, questionnaire, areas):
    tap(qtbot, screen.start_button)
    for question in questionnaire.red_flag_questions():
        assert screen.current_question.id == question.id
        assert not screen.skip_button.isVisible() and not screen.not_sure_button.isVisible()
        screen._skip()  # even if asked to, the screen does not skip a safety question
        assert screen.current_question.id == question.id
        tap(qtbot, screen.no_button)
    walk(qtbot, screen, areas, until="side")
    assert screen.skip_button.isVisible()  # an ordinary question can be skipped


def test_not_sure_about_a_scan_is_one_answer_that_excludes_the_others(qtbot, screen, questionnaire, areas):
    walk(qtbot, screen, areas, until="imaging")
    texts = questionnaire.texts
    assert screen.option_button("unknown").label() == texts.option("imaging", "unknown")
    assert not screen.next_button.isEnabled()  # no separate "None of these": tap an answer
    assert screen.next_button.text() == texts.ui["next"]
    assert texts.ui["none_of_these"] not in [b.text() for b in visible_buttons(screen)]
    tap(qtbot, screen.option_button("herniated_disc"))
    tap(qtbot, screen.option_button("stenosis"))
    assert screen.next_button.isEnabled()
    tap(qtbot, screen.option_button("unknown"))
    assert [b.value for b in checked_buttons(screen)] == ["unknown"]
    tap(qtbot, screen.option_button("degenerated_disc"))
    assert [b.value for b in checked_buttons(screen)] == ["degenerated_disc"]
    tap(qtbot, screen.option_button("degenerated_disc"))  # untick: nothing chosen again
    assert not screen.next_button.isEnabled()
    tap(qtbot, screen.option_button("unknown"))
    tap(qtbot, screen.next_button)
    assert screen.session.value("imaging") == ("unknown",)
    # other questions that allow several answers keep "None of these"
    tap(qtbot, screen.back_button)
    walk(qtbot, screen, areas, until="worse_with")
    tap(qtbot, screen.back_button)
    while screen.current_question.id != "worse_with":
        tap(qtbot, screen.back_button)
    for button in checked_buttons(screen):
        tap(qtbot, button)
    assert screen.next_button.text() == texts.ui["none_of_these"] and screen.next_button.isEnabled()


def test_back_reads_the_answer_from_the_session(qtbot, screen, areas):
    walk(qtbot, screen, areas, until="severity")
    session = screen.session
    session.back()  # changed behind the screen's back: it keeps no copy of its own
    session.answer("duration", "over_6_months")
    tap(qtbot, screen.back_button)
    assert screen.current_question.id == "duration"
    assert [b.value for b in checked_buttons(screen)] == ["over_6_months"]


# --------------------------------------------------------------------- compare your options


def test_compare_your_options_puts_the_topics_side_by_side(qtbot, screen, questionnaire, areas):
    pages = compare_pages()
    finish_with(qtbot, screen, areas, weakness=True, duration="over_6_months",
                imaging=("spondylolisthesis",), tried=("physical_therapy", "medication"),
                injection_relief=None)
    result = screen.session.result()
    assert len(result.suggestions) >= 3
    assert screen.compare_button.isVisible() and screen.compare_button.height() >= 48
    tap(qtbot, screen.compare_button)
    assert screen.page_name() == "compare"
    page = screen.compare
    assert page.categories == result.categories()  # one column per topic, in the result's order
    assert page.is_side_by_side()
    heads = [label.text() for label in page._heads]
    names = [questionnaire.texts.category(c) for c in result.categories()]
    assert [name.startswith(head) for head, name in zip(heads, names, strict=True)] == [True] * len(names)
    assert "Other procedures" in heads or "other-procedures" not in page.categories  # no example in brackets
    for category in result.categories():
        for aspect in ASPECTS:
            cell = page.cell(category, aspect)
            assert cell.isVisibleTo(screen)
            assert pages[category].compare[aspect] in cell.text()
            assert cell.font().pixelSize() >= 24
    # the columns line up: every cell of a topic is in the same column as its name
    for index, category in enumerate(result.categories()):
        x = page._heads[index].geometry().x()
        assert all(page.cell(category, aspect).geometry().x() == x for aspect in ASPECTS)
    assert screen.show_doctor_button.isVisible()
    tap(qtbot, screen.back_button)
    assert screen.page_name() == "results"
    tap(qtbot, screen.compare_button)
    tap(qtbot, screen.show_doctor_button)
    assert screen.page_name() == "handoff"


def test_compare_needs_two_topics_and_their_words(qtbot, make_screen, areas):
    screen = make_screen(with_pages=False)  # treatment pages without [compare] words
    finish_with(qtbot, screen, areas, weakness=True)
    assert len(screen.session.result().suggestions) >= 2
    assert not screen.compare_button.isVisible()
    screen = make_screen()
    finish_with(qtbot, screen, areas, severity=2, weakness=False)  # low pain: care without surgery only
    assert screen.session.result().categories() == ["conservative-care"]
    assert not screen.compare_button.isVisible()


def test_a_missing_word_in_the_grid_says_to_ask_the_doctor(qtbot, kiosk_app, questionnaire, body_diagram,
                                                          areas):
    pages = compare_pages()
    del pages["decompression"].compare["risks"]
    screen = QuestionnaireScreen(questionnaire, body_diagram, theme.palette_for(None), reduce_motion=True,
                                 pages=pages.get)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    screen.start()
    finish_with(qtbot, screen, areas, weakness=True)
    tap(qtbot, screen.compare_button)
    assert screen.compare.cell("decompression", "risks").text() == questionnaire.texts.ui["compare_missing"]
    assert screen.compare.cell("decompression", "risks").property("missing") is True


# ------------------------------------------------------------------- sizes and other screens


def test_body_text_is_at_least_24px_on_every_page(qtbot, screen, areas):
    def check(s):
        settle(qtbot)
        labels = [w for w in s.findChildren(QLabel) if w.isVisible() and w.text()]
        assert labels, s.page_name()
        for widget in labels:
            assert widget.font().pixelSize() >= 24, (s.page_name(), widget.objectName(), widget.text()[:40])

    walk(qtbot, screen, areas, check=check, answers=dict(ANSWERS, weakness=True))
    check(screen)
    tap(qtbot, screen.compare_button)
    check(screen)
    tap(qtbot, screen.show_doctor_button)
    check(screen)
    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, areas, answers=dict(ANSWERS, age_band="under_18"))
    check(screen)
    tap(qtbot, screen.start_over_button)
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    check(screen)


@pytest.mark.parametrize("size", [(1080, 1920 - 96), (1366, 768 - 96)], ids=["portrait", "1366x768"])
def test_every_page_fits_a_portrait_or_small_screen(qtbot, make_screen, areas, size):
    """No page needs more room than the screen: nothing is cut off or pushed past its edge."""
    screen = make_screen(size=size)
    seen = set()

    def check(s):
        settle(qtbot)
        seen.add(s.page_name())
        assert (s.width(), s.height()) == size, s.page_name()  # the screen did not have to grow
        hint = s.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], (s.page_name(), hint)
        for button in visible_buttons(s):
            box = button.rect().translated(button.mapTo(s, button.rect().topLeft()))
            assert s.rect().contains(box), (s.page_name(), button.text())
            assert button.width() >= 48 and button.height() >= 48, (s.page_name(), button.text())

    walk(qtbot, screen, areas, check=check, answers=dict(ANSWERS, weakness=True))
    check(screen)
    results = screen.results
    cards, notes = results.scroll.geometry(), results.side_scroll.geometry()
    if size[0] < size[1]:  # portrait: one column that scrolls, the notes under the topics
        last = results.cards()[-1]
        assert results.is_stacked() and results.scroll.widget().isAncestorOf(results.notes)
        assert not results.side_scroll.isVisible() and results.scroll.width() > size[0] * 0.8
        below_cards = last.mapTo(screen, QPoint(0, last.height())).y()
        assert results.notes.mapTo(screen, QPoint(0, 0)).y() >= below_cards
        assert results.notes.width() > size[0] * 0.7
    else:
        assert not results.is_stacked() and notes.left() >= cards.right()
    tap(qtbot, screen.compare_button)
    check(screen)
    assert screen.compare.is_side_by_side() is (size[0] / len(screen.compare.categories) > 400)
    tap(qtbot, screen.show_doctor_button)
    check(screen)
    tap(qtbot, screen.start_over_button)
    walk(qtbot, screen, areas, answers=dict(ANSWERS, age_band="under_18"))
    check(screen)
    tap(qtbot, screen.start_over_button)
    tap(qtbot, screen.start_button)
    tap(qtbot, screen.yes_button)
    check(screen)
    assert seen == {"intro", "question", "results", "compare", "handoff", "stopped", "urgent"}


def test_the_summary_says_the_safety_questions_were_answered_no_and_lists_the_notes(questionnaire):
    from kiosk.domain.handoff import red_flags_cleared
    from kiosk.domain.questionnaire import evaluate, parse_answers

    ui = questionnaire.texts.ui
    base = {"pain_areas": ["area-heel", "area-sole"], "duration": "over_6_months", "severity": 6,
            "weakness": True, "age_band": "over_50", "imaging": ["unknown"]}
    answers = parse_answers(dict(base, red_flags=[]), questionnaire)
    result = evaluate(questionnaire, answers)
    assert red_flags_cleared(questionnaire, answers)
    text = summary_text(questionnaire, answers, result)
    lines = text.splitlines()
    assert lines[1] == f"{ui['summary_safety']}: {ui['summary_safety_cleared']}"
    assert f"{ui['summary_imaging']}: {ui['summary_imaging_unknown']}" in lines  # the doctor's words
    assert "18 to 50" not in text and "Over 50" in text  # the new age bands
    notes = [line for line in lines if line.startswith(f"{ui['summary_note']}: ")]
    assert notes == [f"{ui['summary_note']}: {ui['summary_note_' + note.id]}" for note in result.notes]
    assert {note.id for note in result.notes} == {"see_specialist_soon", "look_alike"}
    # a session that never reached the safety questions claims nothing about them
    plain = {"duration": "over_6_months"}
    assert not red_flags_cleared(questionnaire, plain)
    assert ui["summary_safety"] not in summary_text(questionnaire, plain, None)
    assert ui["summary_safety"] not in summary_text(questionnaire, dict(base), result, safety_cleared=False)
    assert not red_flags_cleared(questionnaire, {"red_flags": ("night_pain",)})
