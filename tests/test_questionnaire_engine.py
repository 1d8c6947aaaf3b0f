"""The questionnaire engine: answers, sessions, the rule language and content validation.

The clinical policy itself is tested sentence by sentence in test_questionnaire_policy.py.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from kiosk.domain.questionnaire import (
    AnswerError,
    Session,
    evaluate,
    load_questionnaire,
    parse_answers,
)
from kiosk.resources import default_content_dir
from tests.policy_answers import DOCTOR_TODAY_FLAGS, EMERGENCY_FLAGS, answer_sets

ROOT = Path(__file__).resolve().parent.parent
BODY_AREAS = [
    "area-lower-back", "area-buttock", "area-hip-groin", "area-thigh-back", "area-thigh-front",
    "area-thigh-outer", "area-knee", "area-shin-inner", "area-shin-front", "area-calf-outer",
    "area-calf-back", "area-ankle", "area-foot-top", "area-big-toe", "area-sole", "area-heel",
    "area-foot-outer",
]
CATEGORIES = {"decompression", "stabilization", "injections", "other-procedures", "conservative-care"}


@pytest.fixture(scope="module")
def q():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == [], "\n".join(map(str, problems))
    return questionnaire


# ------------------------------------------------------------------------------ sessions

DISC = {
    "red_flags": [], "pain_areas": ["area-lower-back", "area-buttock", "area-thigh-back", "area-calf-outer",
                                    "area-big-toe"],
    "side": "left", "main_pain": "leg", "duration": "3_to_6_months", "severity": 6,
    "worse_with": ["sitting", "coughing_sneezing"], "better_with": ["lying_down"], "numbness": True,
    "weakness": False, "age_band": "18_to_50", "tried": ["physical_therapy", "medication"],
    "imaging": ["herniated_disc"],
}


def _shipped():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == []
    return questionnaire


SHIPPED = _shipped()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(SHIPPED))
def test_every_valid_answer_set_gives_an_urgent_screen_a_stop_or_topics(obj):
    q = SHIPPED
    answers = parse_answers(obj, q)
    result = evaluate(q, answers)
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"urgent", "red_flags", "suggestions", "notes"}
    if obj["red_flags"]:
        assert result.kind in ("emergency", "doctor_today") and result.urgent == result.kind
        assert result.suggestions == () and result.notes == ()
        return
    order = result.categories()
    assert len(order) == len(set(order)) and set(order) <= CATEGORIES
    assert all(note["text"] == q.texts.note(note["id"]) for note in data["notes"])
    if obj.get("age_band") == "under_18":
        assert result.kind == "stopped" and order == []
    else:
        assert result.kind == "topics" and "conservative-care" in order


@settings(max_examples=100, deadline=None)
@given(answer_sets(SHIPPED, flags="none"))
def test_a_session_answering_in_order_gives_the_same_result(obj):
    q = SHIPPED
    session = Session(q)
    while (question := session.next_question()) is not None:
        if question.is_red_flag:
            session.answer(question.id, False)
        elif question.key in obj:
            session.answer(question.id, obj[question.key])
        else:
            session.skip(question.id)
    assert session.answers() == parse_answers(obj, q)
    assert session.result() == evaluate(q, obj)
    assert session.red_flags_cleared()
    assert [question.id for question, _ in session.history] == list(session._given)


# ------------------------------------------------------------------------------- answers


@pytest.mark.parametrize(("obj", "key", "words"), [
    ({"red_flags": [], "duration": "forever"}, "duration", "unknown value 'forever'"),
    ({"duration": "3_to_6_months"}, "red_flags", "missing: this key is required"),
    ({"red_flags": None}, "red_flags", "missing: this key is required"),
    ({"red_flags": [], "duration": "over_12_weeks"}, "duration", "unknown value 'over_12_weeks'"),
    ({"red_flags": [], "age_band": "20_to_50"}, "age_band", "unknown value '20_to_50'"),
    ({"red_flags": [], "age_band": "under_20"}, "age_band", "unknown value 'under_20'"),
    ({"red_flags": [], "worse_with": ["night"]}, "worse_with", "unknown value 'night'"),
    ({"durations": "over_6_months"}, "durations", "unknown key"),
    ({"severity": 11}, "severity", "out of range"),
    ({"severity": -1}, "severity", "out of range"),
    ({"severity": 6.5}, "severity", "whole number"),
    ({"severity": True}, "severity", "whole number"),
    ({"severity": "7"}, "severity", "whole number"),
    ({"numbness": "yes"}, "numbness", "true or false"),
    ({"worse_with": "sitting"}, "worse_with", "must be a list"),
    ({"worse_with": ["sitting", 3]}, "worse_with", "text id"),
    ({"red_flags": ["headache"]}, "red_flags", "unknown value 'headache'"),
    ({"pain_areas": ["area-elbow"]}, "pain_areas", "unknown value 'area-elbow'"),
    ({"red_flags": [], "tried": ["medication"], "injection_relief": "short"}, "injection_relief",
     "only asked when"),
    ([], "answers", "JSON object"),
    ("duration", "answers", "JSON object"),
])
def test_parse_answers_names_the_key_and_the_problem(q, obj, key, words):
    with pytest.raises(AnswerError) as info:
        parse_answers(obj, q)
    assert info.value.key == key
    assert f"'{key}'" in str(info.value) and words in str(info.value)


def test_parse_answers_accepts_null_and_repeats_and_uses_the_built_in_schema(q):
    answers = parse_answers({"red_flags": [], "duration": None, "severity": 0,
                             "worse_with": ["sitting", "sitting", "walking"]})
    assert dict(answers) == {"red_flags": (), "worse_with": ("sitting", "walking"), "severity": 0}
    assert answers.as_dict() == {"red_flags": [], "worse_with": ["sitting", "walking"], "severity": 0}
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
    assert session.progress() == (12, 23)  # injection_relief is not counted yet
    assert session.next_question().id == "pain_areas"
    assert session.next_question().options == tuple(BODY_AREAS)
    walk = {"pain_areas": ["area-buttock"], "side": "left", "main_pain": "leg", "duration": "over_6_months",
            "severity": 5, "worse_with": [], "better_with": ["lying_down"], "numbness": False,
            "weakness": False, "age_band": "over_50", "tried": ["medication"], "imaging": ["unknown"]}
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        session.answer(question.id, walk[question.key])
    assert "injection_relief" not in asked
    assert session.finished and session.progress() == (23, 23)
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
    session.answer("sexual_function", False)
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
        session.answer("duration", "over_6_months")
    with pytest.raises(AnswerError, match="true or false"):
        session.answer("saddle_numbness", "yes")
    for flag in EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS:
        session.answer(flag, False)
    with pytest.raises(AnswerError, match="area-elbow"):
        session.answer("pain_areas", ["area-elbow"])


# ------------------------------------------------------------------------ content loading


def test_the_shipped_questionnaire_loads_without_problems(q):
    assert [question.id for question in q.red_flag_questions()] == EMERGENCY_FLAGS + DOCTOR_TODAY_FLAGS
    assert all(q.question(flag).urgency == "emergency" for flag in EMERGENCY_FLAGS)
    assert all(q.question(flag).urgency == "doctor_today" for flag in DOCTOR_TODAY_FLAGS)
    body_map = q.question("pain_areas")
    assert body_map.type == "body_map" and body_map.options == tuple(BODY_AREAS)
    assert q.keys["red_flags"].required and not q.keys["duration"].required
    assert list(q.keys) == ["red_flags", "pain_areas", "side", "main_pain", "duration", "severity",
                            "worse_with", "better_with", "numbness", "weakness", "age_band", "tried",
                            "injection_relief", "imaging"]
    assert set(q.categories) == CATEGORIES
    assert q.texts.category("stabilization") == "Stabilization / fusion"
    assert q.texts.category("conservative-care") == "Care without surgery"
    assert q.texts.reason("duration", "over_6_months") == "your pain has lasted more than 6 months"
    assert q.question("duration").options == ("under_6_weeks", "6_to_12_weeks", "3_to_6_months",
                                              "over_6_months")
    assert q.question("age_band").options == ("under_18", "18_to_50", "over_50")
    assert "night" not in q.question("worse_with").options
    assert q.texts.option("imaging", "herniated_disc") == "A disc pressing on a nerve (herniated disc)"
    assert q.texts.option("imaging", "degenerated_disc") == ("Worn or bulging discs (common with age, "
                                                             "often normal)")
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
    ("questionnaire/rules.toml", 'key = "duration"\nis = "under_6_weeks"\n\n[[rule]]\nid = "P3-mild-pain"',
     'key = "duraton"\nis = "under_6_weeks"\n\n[[rule]]\nid = "P3-mild-pain"',
     "unknown answer key 'duraton'"),
    ("questionnaire/rules.toml", 'effects = [{category = "other-procedures", score = 1}]',
     'effects = [{category = "stimulator", score = 1}]', "unknown category 'stimulator'"),
    ("questionnaire/rules.toml", 'id = "P12-stimulator"', 'id = "P12-stimulator"\npriority = 2',
     "unknown key 'priority'"),
    ("questionnaire/rules.toml", '{key = "severity", gte = 5}', '{key = "severity", gte = 50}',
     "from 0 to 10"),
    ("questionnaire/rules.toml", '{key = "severity", gte = 5}', '{key = "severity", more_than = 5}',
     "unknown test 'more_than'"),
    ("questionnaire/rules.toml", 'pattern = "scan_fits"\n', 'pattern = "scan_fit"\n',
     "no such pattern: 'scan_fit'"),
    ("questionnaire/rules.toml", 'id = "P13-short-relief"', 'id = "P13-short-relief', "not valid TOML"),
    ("questionnaire/rules.toml", '{category = "other-procedures", after = "decompression"}',
     '{category = "other-procedures", after = "surgery"}', "'after' must name another category"),
    ("questionnaire/rules.toml", 'requires = "decompression", after',
     'requires = "stabilization", after', "'requires' must name another category"),
    ("questionnaire/rules.toml", '{category = "decompression", first = true}',
     '{category = "decompression", first = "yes"}', "'first' must be true or false"),
    ("questionnaire/rules.toml", 'cite = ["injection_relief"]', 'cite = ["relief"]',
     "'cite' must be a non-empty list of answer keys"),
    ("questionnaire/rules.toml", 'cite = ["injection_relief"]', 'cite = ["severity"]',
     "may be true without quoting any answer"),
    ("questionnaire/rules.toml", 'stop = true\nnotes = ["adults_only"]', 'stop = true',
     "a stop rule needs 'notes'"),
    ("questionnaire/rules.toml", '{category = "injections", exclude = true},\n  {category = "stabilization", '
     'exclude = true},\n  {category = "other-procedures", exclude = true},\n]\n[rule.when]\nkey = "severity"',
     '{category = "conservative-care", exclude = true},\n  {category = "stabilization", '
     'exclude = true},\n  {category = "other-procedures", exclude = true},\n]\n[rule.when]\nkey = "severity"',
     "is the [always] topic: it cannot be excluded"),
    ("questionnaire/questions.toml", 'when = {key = "tried", has = "injections"}',
     'when = {key = "tried", has = "injection"}', "no value 'injection'"),
    ("questionnaire/questions.toml", 'type = "scale"', 'type = "slider"', "'type' must be one of"),
    ("en/questionnaire.toml", 'over_6_months = "More than 6 months"', "",
     "[questions.duration.options]: missing text for 'over_6_months'"),
    ("en/questionnaire.toml", '\nlook_alike = "', '\nlook_alikes = "',
     "[notes]: missing text for 'look_alike'"),
    ("questionnaire/questions.toml", 'exclusive = ["unknown"]', 'exclusive = ["nothing"]',
     "'exclusive' is for multi questions"),
    ("en/questionnaire.toml", 'first_step = "this is the usual first step for most people"', "",
     "[results]: missing text for 'first_step'"),
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
    if "missing text" not in words:  # the problem points at the changed line (or the table holding it)
        changed = text[: text.index(old)].count("\n") + 1
        assert line in (changed, changed + 1), (line, changed, lines)
    else:  # missing text: points at the table it belongs in
        header = path.read_text(encoding="utf-8").splitlines()[line - 1]
        table = re.search(r"\[(.+?)\]:", words)
        assert header.startswith(f"[{table.group(1)}]" if table else "[notes]"), header


def test_a_red_flag_without_an_urgent_rule_is_a_problem(tmp_path):
    root = _copy_content(tmp_path)
    path = root / "questionnaire" / "rules.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"weight_loss", ', ""), encoding="utf-8")
    _, problems = load_questionnaire(root, "en")
    assert [p.message for p in problems] == ["red flag 'weight_loss' (urgency 'doctor_today') is not named "
                                             "by any rule with urgency = \"doctor_today\""]


TOY_RULES = """
reviewed = 2026-12-01
categories = ["conservative-care", "injections", "decompression", "stabilization", "other-procedures"]

[always]
category = "conservative-care"
score = 5
description = "always"
source = "test"

[[rule]]
id = "E"
description = "emergency"
source = "test"
urgency = "emergency"
[rule.when]
key = "red_flags"
has_any = ["saddle_numbness", "bladder_bowel", "sexual_function", "progressive_weakness", "both_legs"]

[[rule]]
id = "D"
description = "doctor today"
source = "test"
urgency = "doctor_today"
[rule.when]
key = "red_flags"
has_any = ["fever_unwell", "cancer_history", "major_injury", "weight_loss", "steroids_immune", "night_pain"]

[[rule]]
id = "kids"
description = "stop"
source = "test"
stop = true
notes = ["adults_only"]
[rule.when]
key = "age_band"
is = "under_18"

[[rule]]
id = "inj"
description = "injections score 9, citing severity only"
source = "test"
cite = ["severity"]
effects = [{category = "injections", score = 9}]
[rule.when]
all = [{key = "severity", gte = 7}, {key = "numbness", is = true}]

[[rule]]
id = "dec"
description = "decompression"
source = "test"
effects = [{category = "decompression", score = 2}]
[rule.when]
key = "weakness"
is = true

[[rule]]
id = "dec-first"
description = "decompression first"
source = "test"
effects = [{category = "decompression", first = true}]
[rule.when]
key = "imaging"
has = "herniated_disc"

[[rule]]
id = "stab"
description = "stabilization needs decompression and comes after it"
source = "test"
effects = [{category = "stabilization", score = 20, requires = "decompression", after = "decompression"}]
[rule.when]
key = "imaging"
has = "spondylolisthesis"

[[rule]]
id = "no-inj"
description = "exclude wins over any score"
source = "test"
effects = [{category = "injections", exclude = true}]
[rule.when]
key = "side"
is = "both"

[[rule]]
id = "inj-after-care"
description = "after is a hard order"
source = "test"
effects = [{category = "injections", after = "conservative-care"}]
[rule.when]
key = "duration"
is = "under_6_weeks"

[[rule]]
id = "notes"
description = "notes only"
source = "test"
notes = ["see_specialist_soon", "non_spinal_causes"]
[rule.when]
key = "weakness"
is = true

[[rule]]
id = "feet"
description = "only"
source = "test"
notes = ["look_alike"]
[rule.when]
key = "pain_areas"
only = ["area-heel", "area-sole"]
"""


@pytest.fixture
def toy(tmp_path):
    root = _copy_content(tmp_path)
    (root / "questionnaire" / "rules.toml").write_text(TOY_RULES, encoding="utf-8")
    questionnaire, problems = load_questionnaire(root, "en")
    assert problems == [], problems
    return lambda answers: evaluate(questionnaire, {"red_flags": [], **answers})


def test_scores_rank_topics_and_the_always_topic_is_always_there(toy):
    assert toy({}).categories() == ["conservative-care"]
    result = toy({"severity": 8, "numbness": True})
    assert result.categories() == ["injections", "conservative-care"]
    [reason] = result.suggestion("injections").reasons  # cite: severity, not numbness
    assert (reason.answer, reason.value) == ("severity", 8)
    assert result.suggestion("conservative-care").reasons[0].answer is None


def test_exclude_removes_a_topic_whatever_its_score(toy):
    assert toy({"severity": 8, "numbness": True, "side": "both"}).categories() == ["conservative-care"]


def test_first_leads_and_cites_its_answers(toy):
    result = toy({"weakness": True, "imaging": ["herniated_disc"]})
    assert result.categories() == ["decompression", "conservative-care"]
    cited = [(r.answer, r.value) for r in result.suggestion("decompression").reasons]
    assert cited == [("imaging", "herniated_disc"), ("weakness", True)]
    # first alone never lists a topic
    assert toy({"imaging": ["herniated_disc"]}).categories() == ["conservative-care"]


def test_requires_and_after(toy):
    assert "stabilization" not in toy({"imaging": ["spondylolisthesis"]}).categories()
    order = toy({"weakness": True, "imaging": ["spondylolisthesis"]}).categories()
    # stabilization scores 20 but must come after decompression
    assert order == ["conservative-care", "decompression", "stabilization"]
    order = toy({"severity": 9, "numbness": True, "duration": "under_6_weeks"}).categories()
    assert order == ["conservative-care", "injections"]


def test_a_stop_rule_gives_its_notes_and_no_topics(toy):
    result = toy({"age_band": "under_18", "severity": 9, "numbness": True})
    assert result.kind == "stopped" and result.suggestions == ()
    assert result.note_ids() == ["adults_only"]
    assert result.as_dict()["notes"] == [{"id": "adults_only", "text": result.notes[0].text}]


def test_only_needs_a_non_empty_list_within_the_set(toy):
    assert toy({"pain_areas": ["area-heel"]}).note_ids() == ["look_alike"]
    assert toy({"pain_areas": ["area-heel", "area-sole"]}).note_ids() == ["look_alike"]
    assert toy({"pain_areas": ["area-heel", "area-calf-back"]}).note_ids() == []
    assert toy({"pain_areas": []}).note_ids() == []


def test_urgent_wins_over_a_stop(toy):
    assert toy({"age_band": "under_18", "red_flags": ["night_pain"]}).kind == "doctor_today"


def test_a_missing_language_file_is_a_problem(tmp_path):
    root = _copy_content(tmp_path)
    questionnaire, problems = load_questionnaire(root, "fr")
    assert questionnaire is None
    assert [str(p) for p in problems] == [
        f"{root / 'fr' / 'questionnaire.toml'}: cannot read: No such file or directory"]


# -------------------------------------------------------------------------------- privacy


def test_the_engine_and_the_triage_command_never_log():
    package = ROOT / "kiosk" / "domain" / "questionnaire"
    paths = [*sorted(package.glob("*.py")), ROOT / "kiosk" / "cli" / "triage.py"]
    assert len(paths) >= 7
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "logging" not in imported, path
