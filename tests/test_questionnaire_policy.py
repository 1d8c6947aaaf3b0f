"""The questionnaire policy (docs/questionnaire.md, sentences P1-P15), one test per sentence
on generated answer sets, plus a table of clinical vignettes.

Each property test states its sentence with the independent definitions of
tests/policy_answers.py and checks every result the engine gives.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.questionnaire import evaluate, load_questionnaire, parse_answers
from kiosk.resources import default_content_dir
from tests import policy_answers as P


def _shipped():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == [], problems
    return questionnaire


Q = _shipped()
MANY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ADULT_ANSWERS = P.answer_sets(Q, flags="none").filter(lambda a: a.get("age_band") != "under_18")


def run(answers: dict):
    return evaluate(Q, parse_answers(answers, Q))


def shown(result) -> list[str]:
    return result.categories()


def before(order: list[str], a: str, b: str) -> bool:
    return order.index(a) < order.index(b)


# ------------------------------------------------------------------- P1: red flags first


@MANY
@given(P.answer_sets(Q), st.lists(st.sampled_from(P.EMERGENCY_FLAGS + P.DOCTOR_TODAY_FLAGS), min_size=1,
                                  unique=True))
def test_p1_a_red_flag_gives_the_urgent_screen_and_nothing_else(answers, flags):
    answers["red_flags"] = flags
    result = run(answers)
    expected = "emergency" if set(flags) & set(P.EMERGENCY_FLAGS) else "doctor_today"
    assert result.urgent == expected
    assert result.suggestions == () and result.notes == ()
    assert set(result.red_flags) == set(flags)


def test_p1_the_two_new_red_flags():
    assert run({"red_flags": ["sexual_function"]}).urgent == "emergency"
    assert run({"red_flags": ["night_pain"]}).urgent == "doctor_today"
    assert Q.question("sexual_function").urgency == "emergency"
    assert Q.question("night_pain").urgency == "doctor_today"


# ---------------------------------------------------------------------- P2: adults only


@MANY
@given(P.answer_sets(Q, flags="none"))
def test_p2_under_18_gives_no_topics_and_the_adults_only_note(answers):
    answers["age_band"] = "under_18"
    result = run(answers)
    assert result.urgent is None and result.kind == "stopped"
    assert result.suggestions == ()
    assert "adults_only" in result.note_ids()
    note = next(n for n in result.notes if n.id == "adults_only")
    assert "adult" in note.text and "doctor" in note.text


# ---------------------------------------------- P3: care without surgery always, with reasons


@MANY
@given(ADULT_ANSWERS)
def test_p3_care_without_surgery_is_always_listed_and_every_topic_says_why(answers):
    result = run(answers)
    assert result.kind == "topics"
    assert "conservative-care" in shown(result)
    for suggestion in result.suggestions:
        assert suggestion.reasons, suggestion.category
        for reason in suggestion.reasons:
            assert reason.text.strip()
            if reason.answer is None:
                assert reason.text == Q.texts.results["first_step"]
            else:  # a reason quotes an answer the patient gave
                given_value = parse_answers(answers, Q)[reason.answer]
                assert reason.value in given_value if isinstance(given_value, tuple) else (
                    reason.value == given_value)
                assert reason.text == Q.texts.reason(reason.answer, reason.value)


def test_p3_an_answer_set_with_only_the_safety_questions_gets_the_usual_first_step():
    result = run({"red_flags": []})
    [only] = result.suggestions
    assert only.category == "conservative-care"
    assert [r.text for r in only.reasons] == ["this is the usual first step for most people"]


# -------------------------------------------------------------------- P4: mild pain


@MANY
@given(ADULT_ANSWERS, st.integers(0, 3))
def test_p4_pain_0_to_3_gives_no_procedure_except_decompression_with_weakness(answers, pain):
    answers["severity"] = pain
    order = shown(run(answers))
    for topic in ("injections", "stabilization", "other-procedures"):
        assert topic not in order
    if "decompression" in order:
        assert P.weakness(answers)


# ------------------------------------------------------------------- P5: under 6 weeks


@MANY
@given(ADULT_ANSWERS)
def test_p5_under_6_weeks_care_without_surgery_first_never_fusion_or_stimulator(answers):
    answers["duration"] = "under_6_weeks"
    order = shown(run(answers))
    assert order[0] == "conservative-care"
    assert "stabilization" not in order and "other-procedures" not in order


# --------------------------------------------------------------- P6: no leg symptoms


@MANY
@given(ADULT_ANSWERS)
def test_p6_no_leg_symptoms_no_procedure(answers):
    answers["pain_areas"] = [a for a in answers.get("pain_areas", []) if a in P.NOT_LEG]
    answers["numbness"] = False
    answers.pop("weakness", None)
    assert not P.leg_symptoms(answers)
    assert shown(run(answers)) == ["conservative-care"]


# ---------------------------------------------------------------- P7: back pain worst


@MANY
@given(ADULT_ANSWERS)
def test_p7_back_pain_worst(answers):
    answers["main_pain"] = "back"
    order = shown(run(answers))
    for topic in ("stabilization", "injections", "other-procedures"):
        assert topic not in order
    if "decompression" in order:
        assert P.below_knee(answers) and (answers.get("numbness") is True or P.weakness(answers))


# ------------------------------------------------------------------- P8: look-alikes


@MANY
@given(ADULT_ANSWERS, st.lists(st.sampled_from(sorted(P.FOOT)), min_size=1, unique=True))
def test_p8_foot_only_pain_gets_the_look_alike_note_and_no_procedure_without_weakness(answers, feet):
    answers["pain_areas"] = feet
    result = run(answers)
    assert "look_alike" in result.note_ids()
    for topic in ("injections", "stabilization", "other-procedures"):
        assert topic not in shown(result)
    if "decompression" in shown(result):
        assert P.weakness(answers)


@MANY
@given(ADULT_ANSWERS, st.lists(st.sampled_from(sorted(P.HIP_LOOK_ALIKE)), min_size=1, unique=True))
def test_p8_front_of_thigh_or_hip_and_groin_only_gets_the_look_alike_note_and_care_first(answers, places):
    answers["pain_areas"] = places
    result = run(answers)
    assert "look_alike" in result.note_ids()
    assert shown(result)[0] == "conservative-care"


@MANY
@given(ADULT_ANSWERS)
def test_p8_walking_pain_eased_by_sitting_without_stenosis_on_a_scan(answers):
    answers["worse_with"] = sorted(set(answers.get("worse_with", [])) | {"walking"})
    answers["better_with"] = sorted(set(answers.get("better_with", [])) | {"sitting"})
    answers["imaging"] = [i for i in answers.get("imaging", []) if i != "stenosis"]
    result = run(answers)
    assert "look_alike" in result.note_ids()
    assert shown(result)[0] == "conservative-care"


@MANY
@given(ADULT_ANSWERS)
def test_p8_no_look_alike_note_without_a_look_alike_pattern(answers):
    result = run(answers)
    if "look_alike" in result.note_ids():
        assert (P.foot_only(answers) or (P.areas(answers) and P.areas(answers) <= P.HIP_LOOK_ALIKE)
                or (P.walking_eased_by_sitting(answers) and "stenosis" not in P.imaging(answers)))


# ---------------------------------------------------------------- P9: piriformis pattern


@MANY
@given(ADULT_ANSWERS)
def test_p9_buttock_pain_worse_sitting_without_nerve_signs_no_decompression_or_injections(answers):
    answers["pain_areas"] = sorted(({"area-buttock"} | P.areas(answers)) - P.BELOW_KNEE)
    answers["worse_with"] = sorted(set(answers.get("worse_with", [])) | {"sitting"})
    answers["numbness"] = False
    answers["weakness"] = False
    assert P.piriformis_pattern(answers)
    order = shown(run(answers))
    assert "decompression" not in order and "injections" not in order


# ------------------------------------------------------------------- P10: decompression


@MANY
@given(ADULT_ANSWERS)
def test_p10_decompression_without_weakness_needs_care_6_weeks_pain_4_and_leg_symptoms(answers):
    order = shown(run(answers))
    if "decompression" in order and not P.weakness(answers):
        assert P.care_tried(answers) and P.weeks_at_least(answers, 6)
        assert (P.severity(answers) or 0) >= 4 and P.leg_symptoms(answers)


@MANY
@given(ADULT_ANSWERS)
def test_p10_decompression_ranks_first_with_a_fitting_scan_else_below_care(answers):
    order = shown(run(answers))
    if "decompression" not in order:
        return
    if P.scan_fits(answers) and not P.conservative_first_forced(answers):
        assert order[0] == "decompression"
    else:
        assert before(order, "conservative-care", "decompression")


@MANY
@given(ADULT_ANSWERS)
def test_p10_walking_pain_eased_by_sitting_does_not_put_decompression_first_before_3_months(answers):
    answers["worse_with"] = ["walking"]
    answers["better_with"] = ["sitting"]
    answers["duration"] = answers.get("duration", "6_to_12_weeks")
    if P.weeks_at_least(answers, 13):
        answers["duration"] = "6_to_12_weeks"
    answers["imaging"] = [i for i in answers.get("imaging", []) if i != "herniated_disc"]
    assert shown(run(answers))[0] == "conservative-care"


@MANY
@given(ADULT_ANSWERS)
def test_p10_weakness_makes_decompression_a_topic_at_any_duration(answers):
    answers["weakness"] = True
    answers.pop("main_pain", None)  # back-worst is P7's exception
    result = run(answers)
    assert "decompression" in shown(result)
    assert "see_specialist_soon" in result.note_ids()
    decompression = result.suggestion("decompression")
    assert ("weakness", True) in [(r.answer, r.value) for r in decompression.reasons]


def test_p10_the_needs_met_make_decompression_a_topic():
    answers = {"red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg",
               "duration": "6_to_12_weeks", "severity": 6, "tried": ["medication"]}
    assert shown(run(answers)) == ["conservative-care", "decompression"]
    answers["imaging"] = ["herniated_disc"]
    assert shown(run(answers)) == ["decompression", "conservative-care"]
    answers["imaging"] = ["stenosis"]  # stenosis fits only from 3 months
    assert shown(run(answers)) == ["conservative-care", "decompression"]
    answers["duration"] = "3_to_6_months"
    assert shown(run(answers)) == ["decompression", "conservative-care"]


# ------------------------------------------------------------------- P11: stabilization


@MANY
@given(ADULT_ANSWERS)
def test_p11_stabilization_only_with_decompression_after_it_and_a_slipped_vertebra(answers):
    order = shown(run(answers))
    if "stabilization" in order:
        assert "decompression" in order and before(order, "decompression", "stabilization")
        assert "spondylolisthesis" in P.imaging(answers)
        assert P.weeks_at_least(answers, 13) and P.care_tried(answers) and not P.back_worst(answers)


@MANY
@given(ADULT_ANSWERS, st.sampled_from(["3_to_6_months", "over_6_months"]))
def test_p11_stabilization_never_appears_without_decompression_even_when_its_own_needs_are_met(answers, time):
    answers["imaging"] = sorted(set(answers.get("imaging", [])) | {"spondylolisthesis"})
    answers["duration"] = time
    answers["tried"] = sorted(set(answers.get("tried", [])) | {"physical_therapy"})
    order = shown(run(answers))
    if "stabilization" in order:
        assert "decompression" in order and before(order, "decompression", "stabilization")
        assert not P.back_worst(answers)


def test_p11_a_slipped_vertebra_with_decompression_adds_stabilization_after_it():
    answers = {"red_flags": [], "pain_areas": ["area-calf-outer", "area-lower-back"], "main_pain": "equal",
               "duration": "3_to_6_months", "severity": 6, "tried": ["physical_therapy"],
               "imaging": ["stenosis", "spondylolisthesis"], "worse_with": ["walking"],
               "better_with": ["leaning_forward"]}
    assert shown(run(answers)) == ["decompression", "conservative-care", "stabilization"]
    answers["main_pain"] = "back"
    assert "stabilization" not in shown(run(answers))


# ------------------------------------------------------------ P12: other procedures (SCS)


@MANY
@given(ADULT_ANSWERS)
def test_p12_a_stimulator_needs_6_months_pain_5_leg_symptoms_not_back_worst_and_something_tried(answers):
    order = shown(run(answers))
    if "other-procedures" in order:
        assert answers.get("duration") == "over_6_months" and (P.severity(answers) or 0) >= 5
        assert P.leg_symptoms(answers) and not P.back_worst(answers) and P.something_tried(answers)


@MANY
@given(ADULT_ANSWERS)
def test_p12_after_surgery_with_a_new_herniated_disc_decompression_ranks_above_it(answers):
    answers["tried"] = sorted(set(answers.get("tried", [])) | {"back_surgery"})
    answers["imaging"] = sorted(set(answers.get("imaging", [])) | {"herniated_disc"})
    order = shown(run(answers))
    if "other-procedures" in order and "decompression" in order:
        assert before(order, "decompression", "other-procedures")


def test_p12_four_months_after_surgery_is_too_early_for_a_stimulator():
    answers = {"red_flags": [], "pain_areas": ["area-calf-back"], "main_pain": "leg", "severity": 7,
               "duration": "3_to_6_months", "tried": ["back_surgery", "medication"]}
    assert "other-procedures" not in shown(run(answers))
    answers["duration"] = "over_6_months"
    assert "other-procedures" in shown(run(answers))


# ------------------------------------------------------------------------ P13: injections


@MANY
@given(ADULT_ANSWERS)
def test_p13_injections_only_for_acute_severe_sciatica_or_after_lasting_relief(answers):
    order = shown(run(answers))
    if "injections" in order:
        assert P.leg_symptoms(answers) and not P.back_worst(answers)
        acute_severe = (P.severity(answers) or 0) >= 7 and answers.get("duration") in ("under_6_weeks",
                                                                                      "6_to_12_weeks")
        assert acute_severe or answers.get("injection_relief") == "lasting"
        assert not (P.walking_eased_by_sitting(answers) and "stenosis" in P.imaging(answers))


@MANY
@given(ADULT_ANSWERS)
def test_p13_never_injections_for_walking_pain_eased_by_sitting_with_stenosis(answers):
    answers["worse_with"] = sorted(set(answers.get("worse_with", [])) | {"walking"})
    answers["better_with"] = sorted(set(answers.get("better_with", [])) | {"sitting"})
    answers["imaging"] = sorted(set(answers.get("imaging", [])) | {"stenosis"})
    assert "injections" not in shown(run(answers))


# ----------------------------------------------------------------- P14: worn discs


@MANY
@given(ADULT_ANSWERS)
def test_p14_a_worn_or_bulging_disc_on_the_scan_changes_nothing(answers):
    without = dict(answers, imaging=[i for i in answers.get("imaging", []) if i != "degenerated_disc"])
    with_it = dict(answers, imaging=[*without["imaging"], "degenerated_disc"])
    a, b = run(without), run(with_it)
    assert a.categories() == b.categories() and a.notes == b.notes
    assert [s.reasons for s in a.suggestions] == [s.reasons for s in b.suggestions]


# ------------------------------------------------------------------------ P15: weakness


@MANY
@given(P.answer_sets(Q, flags="none"))
def test_p15_weakness_always_gives_the_see_a_specialist_soon_note(answers):
    answers["weakness"] = True
    assert "see_specialist_soon" in run(answers).note_ids()


@MANY
@given(ADULT_ANSWERS)
def test_p15_no_specialist_note_without_weakness(answers):
    answers["weakness"] = False
    assert "see_specialist_soon" not in run(answers).note_ids()


# ------------------------------------------------------------- reasons are a topic's own

OWN_REASONS = {
    "conservative-care": {None, "duration", "severity", "main_pain", "pain_areas", "worse_with"},
    "decompression": {"weakness", "tried", "duration", "imaging"},
    "injections": {"severity", "duration", "injection_relief"},
    "stabilization": {"imaging"},
    "other-procedures": {"duration", "severity", "tried"},
}


@MANY
@given(ADULT_ANSWERS)
def test_each_topic_shows_only_reasons_that_are_its_own(answers):
    result = run(answers)
    seen = []
    for suggestion in result.suggestions:
        keys = {reason.answer for reason in suggestion.reasons}
        assert keys <= OWN_REASONS[suggestion.category], (suggestion.category, keys)
        assert len(suggestion.reasons) <= 3
        pairs = tuple((r.answer, r.value) for r in suggestion.reasons)
        assert pairs not in seen, "two topics show the same reasons"
        seen.append(pairs)


# ---------------------------------------------------------------------------- vignettes

VIGNETTES = [
    # (name, answers, expected topics in order or None to skip, notes that must be there, urgent)
    ("a child with back and leg pain worse at night", {
        "red_flags": [], "age_band": "under_18", "pain_areas": ["area-lower-back", "area-calf-outer"],
        "main_pain": "equal", "severity": 8, "duration": "6_to_12_weeks", "tried": ["medication"]},
     [], ["adults_only"], None),
    ("a child whose night pain does not ease", {"red_flags": ["night_pain"], "age_band": "under_18"},
     [], [], "doctor_today"),
    ("pain 2 out of 10 with a herniated disc", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 2,
        "duration": "3_to_6_months", "tried": ["physical_therapy"], "imaging": ["herniated_disc"]},
     ["conservative-care"], [], None),
    ("pain 0 out of 10", {"red_flags": [], "severity": 0, "pain_areas": ["area-thigh-back"]},
     ["conservative-care"], [], None),
    ("back pain worst with a slipped vertebra", {
        "red_flags": [], "pain_areas": ["area-lower-back", "area-thigh-back"], "main_pain": "back",
        "severity": 7, "duration": "over_6_months", "tried": ["physical_therapy", "medication"],
        "imaging": ["spondylolisthesis"]},
     ["conservative-care"], [], None),
    ("heel pain alone, worse walking", {
        "red_flags": [], "pain_areas": ["area-heel"], "main_pain": "leg", "severity": 6,
        "duration": "3_to_6_months", "worse_with": ["walking"], "tried": ["medication"]},
     ["conservative-care"], ["look_alike"], None),
    ("big-toe pain alone, worse walking", {
        "red_flags": [], "pain_areas": ["area-big-toe"], "severity": 7, "duration": "6_to_12_weeks",
        "worse_with": ["walking"], "tried": ["physical_therapy"]},
     ["conservative-care"], ["look_alike"], None),
    ("calf pain walking, nothing tried, no scan", {
        "red_flags": [], "pain_areas": ["area-calf-back"], "main_pain": "leg", "severity": 6,
        "duration": "3_to_6_months", "worse_with": ["walking"], "better_with": ["sitting"],
        "tried": [], "imaging": ["unknown"]},
     ["conservative-care"], ["look_alike"], None),
    ("four months after back surgery", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 7,
        "duration": "3_to_6_months", "tried": ["back_surgery"]},
     ["conservative-care"], [], None),
    ("eight months after back surgery", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 7,
        "duration": "over_6_months", "tried": ["back_surgery"]},
     ["conservative-care", "other-procedures"], [], None),
    ("after back surgery with a new herniated disc", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 7,
        "duration": "over_6_months", "tried": ["back_surgery", "physical_therapy"],
        "imaging": ["herniated_disc"]},
     ["decompression", "conservative-care", "other-procedures"], [], None),
    ("only the safety questions answered", {"red_flags": []}, ["conservative-care"], [], None),
    ("acute severe sciatica", {
        "red_flags": [], "pain_areas": ["area-calf-outer", "area-foot-top"], "main_pain": "leg",
        "severity": 8, "duration": "under_6_weeks", "numbness": True},
     ["conservative-care", "injections"], [], None),
    ("stable foot drop, two weeks", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 5,
        "duration": "under_6_weeks", "weakness": True},
     ["conservative-care", "decompression"], ["see_specialist_soon"], None),
    ("disc herniation on the scan after physical therapy", {
        "red_flags": [], "pain_areas": ["area-thigh-back", "area-calf-back", "area-sole"], "main_pain": "leg",
        "severity": 7, "duration": "6_to_12_weeks", "worse_with": ["sitting", "coughing_sneezing"],
        "tried": ["physical_therapy", "medication"], "imaging": ["herniated_disc"]},
     ["decompression", "conservative-care", "injections"], [], None),
    ("an injection that helped only briefly", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 8,
        "duration": "6_to_12_weeks", "tried": ["injections"], "injection_relief": "short"},
     ["conservative-care", "decompression", "injections"], [], None),
    ("an injection that helped for months", {
        "red_flags": [], "pain_areas": ["area-calf-outer"], "main_pain": "leg", "severity": 5,
        "duration": "3_to_6_months", "tried": ["injections"], "injection_relief": "lasting"},
     ["conservative-care", "injections", "decompression"], [], None),
    ("stenosis walking pattern for months", {
        "red_flags": [], "pain_areas": ["area-thigh-back", "area-calf-back"], "main_pain": "leg",
        "severity": 8, "duration": "6_to_12_weeks", "worse_with": ["walking", "standing"],
        "better_with": ["sitting"], "tried": ["physical_therapy"], "imaging": ["stenosis"],
        "age_band": "over_50"},
     ["conservative-care", "decompression"], [], None),
    ("buttock pain worse sitting", {
        "red_flags": [], "pain_areas": ["area-buttock"], "main_pain": "leg", "severity": 6,
        "duration": "3_to_6_months", "worse_with": ["sitting"], "numbness": False, "weakness": False,
        "tried": ["physical_therapy"]},
     ["conservative-care"], ["non_spinal_causes"], None),
    ("new loss of sexual feeling", {"red_flags": ["sexual_function"]}, [], [], "emergency"),
]


@pytest.mark.parametrize(("name", "answers", "order", "notes", "urgent"), VIGNETTES,
                         ids=[v[0] for v in VIGNETTES])
def test_vignette(name, answers, order, notes, urgent):
    result = run(answers)
    assert result.urgent == urgent
    assert shown(result) == order
    assert set(notes) <= set(result.note_ids())


# -------------------------------------------------------------------- rules cite the policy


def test_every_policy_sentence_has_a_rule_that_names_it_and_a_guideline():
    named = set()
    for rule in Q.rules:
        assert rule.source.strip() and rule.description.strip()
        named |= {int(n) for n in re.findall(r"\bP(\d+)\b", rule.description)}
    assert named == set(range(1, 16)) - {14}
    text = (default_content_dir() / "questionnaire" / "rules.toml").read_text(encoding="utf-8")
    assert "# P14" in text and "degenerated_disc" not in text.split("# P14")[0]
