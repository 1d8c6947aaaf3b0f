"""The questionnaire policy's terms, written again here in plain Python, and a generator of
answer sets. The policy tests check the engine (driven by rules.toml) against these
independent definitions, so a rule that drifts from the policy fails a test."""

from __future__ import annotations

from hypothesis import strategies as st

FOOT = {"area-foot-top", "area-big-toe", "area-sole", "area-heel", "area-foot-outer"}
BELOW_KNEE = {"area-shin-inner", "area-shin-front", "area-calf-outer", "area-calf-back", "area-ankle"} | FOOT
HIP_LOOK_ALIKE = {"area-thigh-front", "area-hip-groin"}  # pain only here may come from the hip joint
NOT_LEG = {"area-lower-back", "area-buttock"}
PROCEDURES = ("injections", "decompression", "stabilization", "other-procedures")
CARE = {"physical_therapy", "medication", "injections"}
EMERGENCY_FLAGS = ["saddle_numbness", "bladder_bowel", "sexual_function", "progressive_weakness", "both_legs"]
DOCTOR_TODAY_FLAGS = ["fever_unwell", "cancer_history", "major_injury", "weight_loss", "steroids_immune",
                      "night_pain"]
WEEKS = {"under_6_weeks": 0, "6_to_12_weeks": 6, "3_to_6_months": 13, "over_6_months": 26}


def areas(a: dict) -> set[str]:
    return set(a.get("pain_areas") or ())


def leg_symptoms(a: dict) -> bool:
    return bool(areas(a) - NOT_LEG) or a.get("numbness") is True or a.get("weakness") is True


def below_knee(a: dict) -> bool:
    return bool(areas(a) & BELOW_KNEE)


def foot_only(a: dict) -> bool:
    return bool(areas(a)) and areas(a) <= FOOT


def care_tried(a: dict) -> bool:
    return bool(set(a.get("tried") or ()) & CARE)


def something_tried(a: dict) -> bool:
    return bool(a.get("tried"))


def back_worst(a: dict) -> bool:
    return a.get("main_pain") == "back"


def weakness(a: dict) -> bool:
    return a.get("weakness") is True


def weeks_at_least(a: dict, weeks: int) -> bool:
    return "duration" in a and WEEKS[a["duration"]] >= weeks


def severity(a: dict) -> int | None:
    return a.get("severity")


def imaging(a: dict) -> set[str]:
    return set(a.get("imaging") or ())


def walking_eased_by_sitting(a: dict) -> bool:
    return "walking" in (a.get("worse_with") or ()) and "sitting" in (a.get("better_with") or ())


def scan_fits(a: dict) -> bool:
    return (("herniated_disc" in imaging(a) and weeks_at_least(a, 6))
            or ("stenosis" in imaging(a) and weeks_at_least(a, 13)))


def piriformis_pattern(a: dict) -> bool:
    return ("area-buttock" in areas(a) and "sitting" in (a.get("worse_with") or ())
            and a.get("numbness") is not True and not weakness(a) and not below_knee(a))


def conservative_first_forced(a: dict) -> bool:
    """The answers for which the policy keeps care without surgery first (P5, P8)."""
    return (a.get("duration") == "under_6_weeks" or (bool(areas(a)) and areas(a) <= HIP_LOOK_ALIKE)
            or (walking_eased_by_sitting(a) and "stenosis" not in imaging(a)))


@st.composite
def answer_sets(draw, q, flags: str = "rare"):
    """A valid answers object for the questionnaire ``q``.

    ``red_flags`` is always given (it is required): with ``flags="rare"`` it is mostly [],
    with ``"none"`` always []. Other keys are answered three times in four.
    """
    obj: dict = {}
    for key, spec in q.keys.items():
        if spec.kind == "flags":
            some = st.lists(st.sampled_from(spec.values), unique=True, min_size=1, max_size=3)
            obj[key] = [] if flags == "none" else draw(st.one_of(*[st.just([])] * 5, some))
            continue
        if draw(st.integers(0, 3)) == 0:
            continue
        if spec.kind == "choices":
            obj[key] = draw(st.lists(st.sampled_from(spec.values), unique=True, max_size=4))
        elif spec.kind == "choice":
            obj[key] = draw(st.sampled_from(spec.values))
        elif spec.kind == "bool":
            obj[key] = draw(st.booleans())
        else:
            obj[key] = draw(st.integers(spec.low, spec.high))
    if "injections" not in obj.get("tried", []):
        obj.pop("injection_relief", None)
    return obj
