"""The questionnaire engine: content validation, rules on patient vignettes, sessions.

The vignettes in ``VIGNETTES`` are shared with tests/test_triage_cli.py, which runs the
same table through ``kiosk triage``.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.questionnaire import (
    AnswerError,
    Answers,
    Session,
    evaluate,
    load_questionnaire,
    parse_answers,
)
from kiosk.resources import default_content_dir

ROOT = Path(__file__).resolve().parent.parent
BODY_AREAS = [
    "area-lower-back", "area-buttock", "area-thigh-back", "area-thigh-front", "area-shin-inner",
    "area-calf-outer", "area-calf-back", "area-foot-top", "area-big-toe", "area-sole", "area-heel",
    "area-foot-outer",
]
EMERGENCY_FLAGS = ["saddle_numbness", "bladder_bowel", "progressive_weakness", "both_legs"]
DOCTOR_TODAY_FLAGS = ["fever_unwell", "cancer_history", "major_injury", "weight_loss", "steroids_immune"]
CATEGORIES = {"decompression", "stabilization", "injections", "other-procedures", "conservative-care"}


@pytest.fixture(scope="module")
def q():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == [], "\n".join(map(str, problems))
    return questionnaire


# ------------------------------------------------------------------------------ vignettes


@dataclass(frozen=True)
class Vignette:
    name: str
    answers: dict
    urgent: str | None = None
    red_flags: tuple[str, ...] = ()
    first: str | None = None
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    above: tuple[tuple[str, str], ...] = ()  # (a, b): a is ranked above b (both shown)
    rules: tuple[str, ...] = ()  # these rules fire (others may too)
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


DISC_OVER_12 = {
    "red_flags": [], "pain_areas": ["area-lower-back", "area-buttock", "area-thigh-back", "area-calf-outer",
                                    "area-big-toe"],
    "side": "left", "main_pain": "leg", "duration": "over_12_weeks", "severity": 6,
    "worse_with": ["sitting", "coughing_sneezing"], "better_with": ["lying_down"], "numbness": True,
    "weakness": False, "age_band": "20_to_50", "tried": ["physical_therapy", "medication"],
    "imaging": ["herniated_disc"],
}

VIGNETTES = [
    *[Vignette(f"red flag {flag} -> emergency", {**DISC_OVER_12, "red_flags": [flag]},
               urgent="emergency", red_flags=(flag,), rules=("R0",)) for flag in EMERGENCY_FLAGS],
    *[Vignette(f"red flag {flag} -> doctor today", {**DISC_OVER_12, "red_flags": [flag]},
               urgent="doctor_today", red_flags=(flag,), rules=("R1",)) for flag in DOCTOR_TODAY_FLAGS],
    Vignette("cancer history and saddle numbness -> the more urgent screen",
             {"red_flags": ["cancer_history", "saddle_numbness"], "severity": 3},
             urgent="emergency", red_flags=("saddle_numbness", "cancer_history"), rules=("R0", "R1")),
    Vignette("short recent sciatica -> conservative care first",
             {"red_flags": [], "pain_areas": ["area-lower-back", "area-thigh-back", "area-calf-outer"],
              "main_pain": "leg", "duration": "under_6_weeks", "severity": 5, "worse_with": ["sitting"],
              "numbness": True, "age_band": "20_to_50"},
             first="conservative-care", rules=("R3",), excludes=("stabilization", "other-procedures")),
    Vignette("severe recent leg pain -> injections with conservative care",
             {"pain_areas": ["area-thigh-back", "area-sole", "area-heel"], "main_pain": "leg",
              "duration": "under_6_weeks", "severity": 8},
             first="conservative-care", includes=("injections",), rules=("R3", "R4")),
    Vignette("severe leg pain for 6-12 weeks, nothing tried -> injections first, with conservative care",
             {"pain_areas": ["area-thigh-back", "area-calf-back"], "main_pain": "leg",
              "duration": "6_to_12_weeks", "severity": 9},
             first="injections", includes=("conservative-care",), excludes=("decompression",), rules=("R4",)),
    Vignette("disc pattern over 12 weeks after therapy -> decompression",
             DISC_OVER_12, first="decompression", includes=("injections",),
             above=(("decompression", "injections"),), rules=("R5",), excludes=("stabilization",)),
    Vignette("walking pain eased by sitting, over 50 -> decompression, injections not first",
             {"pain_areas": ["area-lower-back", "area-thigh-back", "area-calf-back"], "side": "both",
              "main_pain": "leg", "duration": "over_12_weeks", "severity": 6,
              "worse_with": ["walking", "standing"], "better_with": ["sitting", "leaning_forward"],
              "age_band": "over_50", "tried": ["physical_therapy"]},
             first="decompression", excludes=("injections",), rules=("R6",)),
    Vignette("known stenosis and a herniated disc, severe pain -> injections shown, below decompression",
             {"pain_areas": ["area-thigh-back"], "main_pain": "leg", "duration": "6_to_12_weeks",
              "severity": 8, "worse_with": ["walking"], "imaging": ["stenosis", "herniated_disc"],
              "tried": ["medication"],
              "age_band": "20_to_50"},
             first="decompression", includes=("injections",), above=(("decompression", "injections"),),
             rules=("R4", "R5", "R6")),
    Vignette("slipped vertebra with the walking pattern -> stabilization",
             {"pain_areas": ["area-lower-back", "area-thigh-back"], "main_pain": "equal",
              "duration": "over_12_weeks", "severity": 6, "worse_with": ["walking", "standing"],
              "better_with": ["leaning_forward"], "age_band": "over_50", "tried": ["physical_therapy"],
              "imaging": ["spondylolisthesis", "stenosis"]},
             first="stabilization", includes=("decompression",), rules=("R6", "R7")),
    Vignette("back-only pain, even with a slipped vertebra -> conservative care, no fusion",
             {"pain_areas": ["area-lower-back"], "main_pain": "back", "duration": "over_12_weeks",
              "severity": 7, "worse_with": ["bending_forward", "sitting"], "numbness": False,
              "weakness": False,
              "tried": ["physical_therapy", "medication"],
              "imaging": ["degenerated_disc", "spondylolisthesis"]},
             first="conservative-care", excludes=("stabilization", "decompression", "injections"),
             rules=("R8",)),
    Vignette("previous surgery with lasting leg pain -> other procedures",
             {"pain_areas": ["area-thigh-back", "area-calf-outer", "area-foot-top"], "main_pain": "leg",
              "duration": "over_12_weeks", "severity": 7, "numbness": True,
              "tried": ["back_surgery", "physical_therapy", "medication"]},
             first="other-procedures", rules=("R9",)),
    Vignette("injections with only short relief -> decompression above injections",
             {"pain_areas": ["area-buttock", "area-thigh-back", "area-sole"], "main_pain": "leg",
              "duration": "6_to_12_weeks", "severity": 8, "worse_with": ["sitting"],
              "tried": ["physical_therapy", "injections"], "injection_relief": "short"},
             first="decompression", includes=("injections",), above=(("decompression", "injections"),),
             rules=("R4", "R5", "R11")),
    Vignette("injection did not help, no disc pattern -> decompression above injections",
             {"main_pain": "leg", "duration": "6_to_12_weeks", "severity": 7, "tried": ["injections"],
              "injection_relief": "none"},
             first="decompression", above=(("decompression", "injections"),), rules=("R4", "R11")),
    Vignette("stable one-sided foot drop -> decompression and see a specialist soon",
             {"pain_areas": ["area-calf-outer", "area-foot-top", "area-big-toe"], "side": "left",
              "main_pain": "leg", "duration": "6_to_12_weeks", "severity": 4, "weakness": True},
             first="decompression", rules=("R2",), notes=("see_specialist_soon",)),
    Vignette("buttock pain worse sitting, no back pain -> conservative care and non-spinal causes",
             {"pain_areas": ["area-buttock"], "side": "right", "duration": "6_to_12_weeks", "severity": 4,
              "worse_with": ["sitting"], "numbness": False, "weakness": False},
             first="conservative-care", excludes=("decompression", "injections"), rules=("R10",),
             notes=("non_spinal_causes",)),
    Vignette("nothing points anywhere -> conservative care as the fallback",
             {"red_flags": [], "age_band": "20_to_50", "side": "right"}, first="conservative-care"),
]


def check_vignette(v: Vignette, data: dict, rules_fired=None, notes=None) -> None:
    """Check a result (in its JSON shape) against a vignette's expectations."""
    assert data["urgent"] == v.urgent
    assert data["red_flags"] == list(v.red_flags)
    order = [s["category"] for s in data["suggestions"]]
    if v.urgent:
        assert order == []
    else:
        assert order, "a non-urgent result has at least one suggestion"
        assert order[0] == v.first, order
        assert set(v.includes) <= set(order), order
        assert not set(v.excludes) & set(order), order
        for a, b in v.above:
            assert a in order and b in order and order.index(a) < order.index(b), order
        scores = [s["score"] for s in data["suggestions"]]
        assert scores == sorted(scores, reverse=True)
    if rules_fired is not None:
        assert set(v.rules) <= set(rules_fired), rules_fired
    if notes is not None:
        assert set(v.notes) <= set(notes)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=str)
def test_vignette_through_the_engine(q, vignette):
    result = evaluate(q, parse_answers(vignette.answers, q))
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    check_vignette(vignette, data, result.rules_fired, result.notes)
    assert_reasons_were_given(q, parse_answers(vignette.answers, q), result)


def test_the_vignettes_cover_every_rule(q):
    fired = set()
    for vignette in VIGNETTES:
        fired |= set(evaluate(q, vignette.answers).rules_fired)
    assert {rule.id for rule in q.rules} == {f"R{n}" for n in range(12)}
    assert fired == {rule.id for rule in q.rules}
    assert len(VIGNETTES) >= 15


def test_reasons_are_plain_sentences_from_the_answers(q):
    result = evaluate(q, DISC_OVER_12)
    decompression = result.suggestions[0]
    texts = [reason.text for reason in decompression.reasons]
    assert "your pain has lasted more than 12 weeks" in texts
    assert "your pain gets worse when you sit" in texts
    # reasons come in question order: where it hurts before how long
    keys = [reason.answer for reason in decompression.reasons]
    assert keys.index("pain_areas") < keys.index("duration") < keys.index("tried")


def test_an_empty_answer_set_gives_conservative_care_without_reasons(q):
    result = evaluate(q, {})
    assert result.as_dict() == {"urgent": None, "red_flags": [],
                                "suggestions": [{"category": "conservative-care", "score": 1, "reasons": []}]}


def test_the_fallback_quotes_the_first_answer_given(q):
    result = evaluate(q, {"imaging": ["unknown"], "age_band": "over_50"})
    assert result.rules_fired == ()
    [only] = result.suggestions
    assert [(r.answer, r.value) for r in only.reasons] == [("age_band", "over_50")]


# ----------------------------------------------------------------------------- hypothesis


def assert_reasons_were_given(q, answers: Answers, result) -> None:
    for suggestion in result.suggestions:
        for reason in suggestion.reasons:
            assert reason.answer in answers, reason
            given_value = answers[reason.answer]
            if isinstance(given_value, tuple):
                assert reason.value in given_value, reason
            else:
                assert reason.value == given_value and type(reason.value) is type(given_value), reason
            assert reason.text == q.texts.reason(reason.answer, reason.value)


def _citable(q, answers) -> bool:
    for key, value in answers.items():
        if q.keys[key].kind != "flags" and (value != () or not isinstance(value, tuple)):
            return True
    return False


@st.composite
def answer_sets(draw, q, flags: bool = True):
    """Any valid answers object for ``q`` (keys may be missing); red flags are rarely set."""
    obj = {}
    for key, spec in q.keys.items():
        if draw(st.integers(0, 3)) == 0:  # most keys are answered, some are not
            continue
        if spec.kind == "flags":
            if not flags:
                continue
            some = st.lists(st.sampled_from(spec.values), unique=True, min_size=1, max_size=3)
            obj[key] = draw(st.one_of(st.just([]), st.just([]), st.just([]), some))
        elif spec.kind == "choices":
            obj[key] = draw(st.lists(st.sampled_from(spec.values), unique=True))
        elif spec.kind == "choice":
            obj[key] = draw(st.sampled_from(spec.values))
        elif spec.kind == "bool":
            obj[key] = draw(st.booleans())
        else:
            obj[key] = draw(st.integers(spec.low, spec.high))
    if "injections" not in obj.get("tried", []):
        obj.pop("injection_relief", None)
    return obj


def _shipped():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == []
    return questionnaire


SHIPPED = _shipped()


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(SHIPPED))
def test_every_valid_answer_set_gives_an_urgent_screen_or_a_suggestion(obj):
    q = SHIPPED
    answers = parse_answers(obj, q)
    result = evaluate(q, answers)
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"urgent", "red_flags", "suggestions"}
    if obj.get("red_flags"):
        assert result.urgent in ("emergency", "doctor_today")
        assert result.suggestions == ()
        assert set(result.red_flags) == set(obj["red_flags"])
        return
    assert result.urgent is None and result.red_flags == ()
    assert len(result.suggestions) >= 1
    order = result.categories()
    assert len(order) == len(set(order)) and set(order) <= CATEGORIES
    scores = [s.score for s in result.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(s.score > 0 for s in result.suggestions)
    assert_reasons_were_given(q, answers, result)
    for suggestion in result.suggestions:
        # a reason is missing only when nothing quotable was answered
        assert suggestion.reasons or not _citable(q, answers)
    # the clinical intent that must hold whatever else is answered
    fired = set(result.rules_fired)
    if "R3" in fired:
        assert order[0] == "conservative-care"
    if "R6" in fired:
        assert order[0] != "injections"
        assert "injections" not in order or order.index("decompression") < order.index("injections")
    if "R8" in fired:
        assert "stabilization" not in order
    if "R11" in fired:
        assert "injections" not in order or order.index("decompression") < order.index("injections")


@settings(max_examples=200, deadline=None)
@given(answer_sets(SHIPPED, flags=False))
def test_a_session_answering_in_order_gives_the_same_result(obj):
    q = SHIPPED
    session = Session(q)
    while (question := session.next_question()) is not None:
        if question.key in obj:
            session.answer(question.id, obj[question.key])
        else:
            session.skip(question.id)
    assert session.answers() == parse_answers(obj, q)
    assert session.result() == evaluate(q, obj)


# ------------------------------------------------------------------------------- answers


@pytest.mark.parametrize(("obj", "key", "words"), [
    ({"duration": "forever"}, "duration", "unknown value 'forever'"),
    ({"durations": "over_12_weeks"}, "durations", "unknown key"),
    ({"severity": 11}, "severity", "out of range"),
    ({"severity": -1}, "severity", "out of range"),
    ({"severity": 6.5}, "severity", "whole number"),
    ({"severity": True}, "severity", "whole number"),
    ({"severity": "7"}, "severity", "whole number"),
    ({"numbness": "yes"}, "numbness", "true or false"),
    ({"worse_with": "sitting"}, "worse_with", "must be a list"),
    ({"worse_with": ["sitting", 3]}, "worse_with", "text id"),
    ({"red_flags": ["headache"]}, "red_flags", "unknown value 'headache'"),
    ({"pain_areas": ["area-knee"]}, "pain_areas", "unknown value 'area-knee'"),
    ({"tried": ["medication"], "injection_relief": "short"}, "injection_relief", "only asked when"),
    ([], "answers", "JSON object"),
    ("duration", "answers", "JSON object"),
])
def test_parse_answers_names_the_key_and_the_problem(q, obj, key, words):
    with pytest.raises(AnswerError) as info:
        parse_answers(obj, q)
    assert info.value.key == key
    assert f"'{key}'" in str(info.value) and words in str(info.value)


def test_parse_answers_accepts_null_and_repeats_and_uses_the_built_in_schema(q):
    answers = parse_answers({"duration": None, "worse_with": ["sitting", "sitting", "night"], "severity": 0})
    assert dict(answers) == {"worse_with": ("sitting", "night"), "severity": 0}
    assert answers.as_dict() == {"worse_with": ["sitting", "night"], "severity": 0}
    assert "sitting" not in repr(answers)


# -------------------------------------------------------------------------------- session


def test_session_asks_red_flags_first_then_skips_what_does_not_apply(q):
    session = Session(q)
    asked = []
    for flag in EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS:
        question = session.next_question()
        assert question.id == flag and question.type == "yes_no" and question.is_red_flag
        asked.append(question.id)
        session.answer(flag, False)
    assert session.progress() == (10, 21)  # injection_relief is not counted yet
    assert session.next_question().id == "pain_areas"
    assert session.next_question().options == tuple(BODY_AREAS)
    walk = {"pain_areas": ["area-buttock"], "side": "left", "main_pain": "leg", "duration": "over_12_weeks",
            "severity": 5, "worse_with": [], "better_with": ["lying_down"], "numbness": False,
            "weakness": False, "age_band": "over_50", "tried": ["medication"], "imaging": ["unknown"]}
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        session.answer(question.id, walk[question.key])
    assert "injection_relief" not in asked
    assert session.finished and session.progress() == (21, 21)
    assert session.answers()["red_flags"] == ()
    assert session.result().urgent is None


def test_session_asks_about_injection_relief_only_after_injections(q):
    session = Session(q)
    for flag in EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS:
        session.answer(flag, False)
    while session.next_question().id != "tried":
        session.skip(session.next_question().id)
    assert session.answer("tried", ["injections"]).id == "injection_relief"
    session.back()
    assert session.answer("tried", ["medication"]).id == "imaging"


def test_a_red_flag_yes_stops_the_session(q):
    session = Session(q)
    session.answer("saddle_numbness", False)
    session.answer("bladder_bowel", False)
    assert session.answer("progressive_weakness", True) is None
    assert session.stopped and session.finished and session.next_question() is None
    result = session.result()
    assert result.urgent == "emergency" and result.red_flags == ("progressive_weakness",)
    assert result.suggestions == ()
    with pytest.raises(AnswerError):
        session.answer("both_legs", False)
    # a doctor-today flag stops it too
    session.reset()
    for flag in EMERGENCY_FLAGS:
        session.answer(flag, False)
    assert session.answer("fever_unwell", True) is None
    assert session.result().urgent == "doctor_today"


def test_back_and_reset_drop_answers(q):
    session = Session(q)
    for flag in EMERGENCY_FLAGS:
        session.answer(flag, False)
    session.answer("fever_unwell", True)
    assert session.stopped
    assert session.back().id == "fever_unwell"
    assert not session.stopped and session.next_question().id == "fever_unwell"
    for flag in DOCTOR_TODAY_FLAGS:
        session.answer(flag, False)
    session.answer("pain_areas", ["area-lower-back"])
    session.answer("side", "both")
    assert session.answers()["side"] == "both"
    assert session.back().id == "side"
    assert "side" not in session.answers() and session.answers()["pain_areas"] == ("area-lower-back",)
    assert session.value("side") is None
    session.reset()
    assert len(session.answers()) == 0
    assert session.next_question().id == "saddle_numbness"
    assert session.back() is None
    assert "area-lower-back" not in repr(session)


def test_session_rejects_a_wrong_question_or_value(q):
    session = Session(q)
    with pytest.raises(AnswerError, match="not the question being asked"):
        session.answer("duration", "over_12_weeks")
    with pytest.raises(AnswerError, match="true or false"):
        session.answer("saddle_numbness", "yes")
    for flag in EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS:
        session.answer(flag, False)
    with pytest.raises(AnswerError, match="area-knee"):
        session.answer("pain_areas", ["area-knee"])


# ------------------------------------------------------------------------ content loading


def test_the_shipped_questionnaire_loads_without_problems(q):
    assert [question.id for question in q.red_flag_questions()] == EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS
    assert all(q.question(flag).urgency == "emergency" for flag in EMERGENCY_FLAGS)
    assert all(q.question(flag).urgency == "doctor_today" for flag in DOCTOR_TODAY_FLAGS)
    body_map = q.question("pain_areas")
    assert body_map.type == "body_map" and body_map.options == tuple(BODY_AREAS)
    assert list(q.keys) == ["red_flags", "pain_areas", "side", "main_pain", "duration", "severity",
                            "worse_with", "better_with", "numbness", "weakness", "age_band", "tried",
                            "injection_relief", "imaging"]
    assert set(q.categories) == CATEGORIES
    assert q.texts.category("stabilization") == "Stabilization / fusion"
    assert q.texts.category("conservative-care") == "Care without surgery"
    assert q.texts.reason("duration", "over_12_weeks") == "your pain has lasted more than 12 weeks"
    assert q.texts.reason("severity", 7) == "you rated your pain 7 out of 10"
    assert q.texts.reason("numbness", True)
    assert "doctor" in q.texts.results["standing"] and "procedure" in q.texts.results["standing"]
    for rule in q.rules:
        assert rule.source and rule.description


def _copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "en").mkdir(parents=True)
    shutil.copytree(default_content_dir() / "questionnaire", root / "questionnaire")
    shutil.copy(default_content_dir() / "en" / "questionnaire.toml", root / "en" / "questionnaire.toml")
    return root


BROKEN = [
    # (file, text to replace, replacement, words in the message)
    ("questionnaire/rules.toml", '{key = "worse_with", has = "sitting"},\n  {not',
     '{key = "worse_with", has = "sittin"},\n  {not', "no value 'sittin'"),
    ("questionnaire/rules.toml", '{key = "duration", is = "under_6_weeks"}',
     '{key = "duraton", is = "under_6_weeks"}', "unknown answer key 'duraton'"),
    ("questionnaire/rules.toml", 'effects = [{category = "other-procedures", score = 6}]',
     'effects = [{category = "stimulator", score = 6}]', "unknown category 'stimulator'"),
    ("questionnaire/rules.toml", 'id = "R9"', 'id = "R9"\npriority = 2', "unknown key 'priority'"),
    ("questionnaire/rules.toml", '{key = "severity", gte = 5}', '{key = "severity", gte = 50}',
     "from 0 to 10"),
    ("questionnaire/rules.toml", '{key = "severity", gte = 5}', '{key = "severity", more_than = 5}',
     "unknown test 'more_than'"),
    ("questionnaire/rules.toml", '{pattern = "disc_pattern"}', '{pattern = "disc_patern"}',
     "no such pattern: 'disc_patern'"),
    ("questionnaire/rules.toml", 'id = "R11"', 'id = "R11', "not valid TOML"),
    ("questionnaire/questions.toml", 'when = {key = "tried", has = "injections"}',
     'when = {key = "tried", has = "injection"}', "no value 'injection'"),
    ("questionnaire/questions.toml", 'type = "scale"', 'type = "slider"', "'type' must be one of"),
    ("en/questionnaire.toml", 'over_12_weeks = "More than 12 weeks"', "",
     "[questions.duration.options]: missing text for 'over_12_weeks'"),
    ("en/questionnaire.toml", 'stabilization = "Stabilization / fusion"', 'fusion = "Fusion"',
     "unknown id 'fusion'"),
    ("en/questionnaire.toml", 'severity = "you rated your pain {value} out of 10"',
     'severity = "you rated your pain"', "{value}"),
]


@pytest.mark.parametrize(("name", "old", "new", "words"), BROKEN, ids=[b[3] for b in BROKEN])
def test_a_broken_file_gives_a_path_line_message_problem(tmp_path, name, old, new, words):
    root = _copy_content(tmp_path)
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    questionnaire, problems = load_questionnaire(root, "en")
    assert questionnaire is None
    assert problems, "expected a problem"
    lines = [str(problem) for problem in problems]
    match = [line for line in lines if words in line]
    assert match, lines
    head = re.match(r"^(.+):(\d+): (.+)$", match[0])
    assert head and Path(head.group(1)) == path
    line = int(head.group(2))
    if new:  # the problem points at the changed line (or the table holding it)
        changed = text[: text.index(old)].count("\n") + 1
        assert line in (changed, changed + 1), (line, changed, lines)
    else:  # missing text: points at the table it belongs in
        header = path.read_text(encoding="utf-8").splitlines()[line - 1]
        assert header.startswith("[questions.duration.options]")


def test_a_red_flag_without_an_urgent_rule_is_a_problem(tmp_path):
    root = _copy_content(tmp_path)
    path = root / "questionnaire" / "rules.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"weight_loss", ', ""), encoding="utf-8")
    _, problems = load_questionnaire(root, "en")
    assert [p.message for p in problems] == ["red flag 'weight_loss' (urgency 'doctor_today') is not named "
                                             "by any rule with urgency = \"doctor_today\""]


def test_exclude_removes_a_category_whatever_its_score(tmp_path):
    root = _copy_content(tmp_path)
    path = root / "questionnaire" / "rules.toml"
    old = '{category = "stabilization", exclude = true},'
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + '\n  {category = "stabilization", score = 9},'), encoding="utf-8")
    questionnaire, problems = load_questionnaire(root, "en")
    assert problems == []
    result = evaluate(questionnaire, {"main_pain": "back", "pain_areas": ["area-lower-back"]})
    assert result.rules_fired == ("R8",)
    assert result.categories() == ["conservative-care"]


def test_a_missing_language_file_is_a_problem(tmp_path):
    root = _copy_content(tmp_path)
    questionnaire, problems = load_questionnaire(root, "fr")
    assert questionnaire is None
    assert [str(p) for p in problems] == [f"{root / 'fr' / 'questionnaire.toml'}:1: file not found"]


# -------------------------------------------------------------------------------- privacy


def test_the_engine_and_the_triage_command_never_log():
    for path in (ROOT / "kiosk" / "domain" / "questionnaire.py", ROOT / "kiosk" / "triage_cli.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "logging" not in imported, path
