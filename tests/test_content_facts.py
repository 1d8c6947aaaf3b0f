"""Clinical facts the shipped pages must get right, and the shape of the option pages.

Facts: clinical-facts sections 1-3 (nerves, roots, look-alikes), 6 (treatment anchors,
Peul 2007) and 8 (IPDAS: benefits and harms in equal detail, sources, review, funding).
"""

from __future__ import annotations

import re

import pytest

from kiosk.domain.anatomy import explain
from kiosk.domain.content import COMPARE_KEYS

TREATMENTS = ("conservative-care", "decompression", "injections", "stabilization", "other-procedures")
NEW_TOPICS = ("imaging", "back-pain", "cauda-equina", "look-alikes", "what-does-not-help")


def _text(shipped, item_id: str) -> str:
    """Body and compare text of a page, lower case, on one line."""
    item = shipped.get(item_id)
    assert item is not None, f"no page {item_id!r}"
    return " ".join([item.body, *item.compare.values()]).lower().replace("\n", " ")


def _section(shipped, item_id: str, heading: str) -> str:
    """The Markdown under ``## heading`` up to the next ``##`` heading."""
    body = shipped.get(item_id).body
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", body, re.M | re.S)
    assert match, f"{item_id} has no '## {heading}' section"
    return match.group(1)


def _bullets(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("- ")]


# --- Nerves and roots ----------------------------------------------------------------


def test_back_of_thigh_skin_is_not_served_by_the_sciatic_nerve(shipped):
    assert "nerve-sciatic" not in explain(shipped, "area-thigh-back").highlight
    assert "area-thigh-back" not in explain(shipped, "nerve-sciatic").highlight
    thigh = _text(shipped, "area-thigh-back")
    assert "posterior femoral cutaneous nerve" in thigh
    assert "s1, s2 and s3" in thigh
    for page in ("nerve-sciatic", "sciatica"):
        text = _text(shipped, page)
        assert "back of your thigh" in text and "own" in text, page
        assert "feel touch on the back of your thigh" not in text
        assert "gives feeling to the back of your thigh" not in text


def test_no_page_says_the_sciatic_nerve_gives_the_back_of_the_thigh_its_feeling(shipped):
    wrong = re.compile(r"sciatic nerve[^.]*(gives|lets you feel)[^.]*back of (your|the) thigh")
    for item in shipped.items.values():
        assert not wrong.search(_text(shipped, item.id)), item.id


def test_the_sciatic_nerve_lights_up_the_skin_its_branches_serve_below_the_knee(shipped):
    lit = set(explain(shipped, "nerve-sciatic").highlight)
    below_knee = {"area-calf-outer", "area-calf-back", "area-foot-top", "area-big-toe", "area-sole",
                  "area-heel", "area-foot-outer"}
    assert below_knee <= lit
    assert "area-shin-inner" not in lit  # the femoral nerve's saphenous branch serves it


def test_l4_movements_and_knee_jerk_travel_in_the_femoral_nerve(shipped):
    text = _text(shipped, "root-L4")
    assert "femoral nerve" in text
    assert re.search(r"straightening your knee[^.]*\. these messages travel in the femoral nerve", text)
    assert "knee jerk" in text
    assert "femoral" in _text(shipped, "area-shin-inner")


def test_lifting_the_foot_is_l4_and_l5_and_l5_leads_for_the_big_toe(shipped):
    l4 = _text(shipped, "root-L4")
    l5 = _text(shipped, "root-L5")
    assert "lifting your foot at the ankle, together with the l5 root" in l4
    assert "l5 is the main root" in l5 and "big toe" in l5
    assert "l4 root helps" in l5


def test_the_peroneal_nerve_can_be_pinched_below_the_knee(shipped):
    text = _text(shipped, "nerve-peroneal")
    for words in ("below the knee", "cross your legs", "cast", "foot drop", "l5"):
        assert words in text, words


def test_s2_to_s4_serve_the_saddle_bladder_bowel_and_sexual_function(shipped):
    text = _text(shipped, "root-S2")
    for words in ("s3 and s4", "saddle", "bladder", "bowel", "sexual"):
        assert words in text, words


def test_facet_joints_come_two_pairs_to_a_bone(shipped):
    text = _text(shipped, "facet-joints")
    assert "two pairs" in text
    assert "each bone has a pair." not in text


def test_the_l1_l2_disc_page_names_its_root(shipped):
    text = _text(shipped, "disc-L1-L2")
    assert "l2 nerve root" in text
    assert "spinal cord ends" in text


# --- Wear, back pain and fusion ------------------------------------------------------------


def test_disc_wear_is_called_a_normal_part_of_ageing(shipped):
    assert "normal part of getting older" in _text(shipped, "degenerative-disc-disease")
    assert "normal part of getting older" in _text(shipped, "facet-joints")
    assert "stabilization" not in shipped.get("degenerative-disc-disease").links.treatments


def test_most_low_back_pain_has_no_single_structural_cause(shipped):
    for page in ("back-pain", "area-lower-back"):
        assert "no single" in _text(shipped, page), page


def test_no_page_says_fusion_brings_back_steadiness(shipped):
    for item in shipped.items.values():
        text = _text(shipped, item.id)
        assert "bring back the steadiness" not in text and "restore" not in text, item.id
    stabilization = _text(shipped, "stabilization")
    assert "does not fix worn discs" in stabilization
    assert "disc replacement" in stabilization and "should not be offered for low back pain" in stabilization
    assert "disc replacement" in _text(shipped, "what-does-not-help")


# --- Look-alikes ---------------------------------------------------------------------------

LOOK_ALIKES = {
    "area-heel": ["plantar fasciitis", "diabetes"],
    "area-sole": ["plantar fasciitis", "diabetes"],
    "area-big-toe": ["gout", "diabetes"],
    "area-foot-top": ["diabetes", "peroneal nerve"],
    "area-foot-outer": ["diabetes", "gout"],
    "area-calf-back": ["blood clot", "same day", "blood flow"],
    "area-calf-outer": ["blood clot", "same day", "blood flow", "peroneal nerve"],
    "area-thigh-front": ["hip joint"],
    "look-alikes": ["plantar fasciitis", "gout", "diabetes", "hip joint", "groin", "blood flow",
                    "standing still", "blood clot", "same day", "piriformis", "peroneal nerve"],
}


@pytest.mark.parametrize(("page", "words"), LOOK_ALIKES.items())
def test_foot_calf_and_hip_pages_name_their_look_alikes(shipped, page, words):
    text = _text(shipped, page)
    for word in words:
        assert word in text, f"{page} should name {word!r}"
    if page != "look-alikes":
        assert "look-alikes" in shipped.get(page).links.topics
        assert "](kiosk:look-alikes)" in shipped.get(page).body


# --- New pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", NEW_TOPICS)
def test_new_topic_pages_exist_with_sources_and_are_linked(shipped, page):
    item = shipped.get(page)
    assert item is not None and item.kind == "topic"
    assert item.sources and item.reviewed is not None
    linking = {other.id for other in shipped.items.values()
               if page in other.links.topics or f"](kiosk:{page})" in other.body}
    assert "about" in linking
    assert linking - {"about"}, f"only the about page links {page}"


def test_the_main_pages_link_the_new_topics(shipped):
    for page in ("sciatica", "about"):
        assert set(NEW_TOPICS) <= set(shipped.get(page).links.topics), page
    assert {"back-pain", "what-does-not-help", "look-alikes", "imaging"} <= set(
        shipped.get("conservative-care").links.topics)


def test_the_scan_page_covers_exam_need_mri_xray_and_findings_without_pain(shipped):
    text = _text(shipped, "imaging")
    for words in ("reflex", "strength", "do not need a scan", "mri", "x-ray", "radiation",
                  "no back pain", "37 in 100", "96 in 100"):
        assert words in text, words


def test_the_cauda_equina_page_says_go_now_and_lists_every_sign(shipped):
    text = _text(shipped, "cauda-equina")
    assert text.startswith("## go now") and "emergency department now" in text
    for words in ("saddle", "urine", "bowels", "sexual", "both legs", "getting worse"):
        assert words in text, words


def test_what_does_not_help_follows_ng59(shipped):
    item = shipped.get("what-does-not-help")
    assert "NICE guideline NG59" in item.sources
    text = _text(shipped, "what-does-not-help")
    for words in ("bed rest", "belts", "traction", "tens", "acupuncture", "fusion"):
        assert words in text, words


# --- Option pages (IPDAS) ---------------------------------------------------------------------


@pytest.mark.parametrize("page", TREATMENTS)
def test_every_treatment_has_a_compare_row(shipped, page):
    compare = shipped.get(page).compare
    assert list(compare) == list(COMPARE_KEYS)
    for key, value in compare.items():
        assert 5 <= len(value.split()) <= 40, f"{page} compare.{key} should be one or two short sentences"
        assert value.count(".") <= 2, f"{page} compare.{key}: at most two sentences"
    assert re.search(r"\d", compare["benefits"] + compare["risks"]), page


NAMED_SOURCES = {
    "conservative-care": ["Peul et al., NEJM 2007", "NICE guideline NG59"],
    "decompression": ["Peul et al., NEJM 2007", "NHS: lumbar decompression surgery"],
    "injections": ["Cochrane review on epidural steroid injections for sciatica (Oliveira 2020)",
                   "FDA safety communication on epidural steroid injections (2014)"],
    "stabilization": ["Ghogawala et al., NEJM 2016 (SLIP trial)",
                      "Nunna et al. 2021, systematic review (smoking and non-union)",
                      "Ghiselli et al., J Bone Joint Surg Am 2004 (adjacent-level wear)"],
    "other-procedures": ["Kumar et al., Pain 2007 (PROCESS trial)", "NICE TA159"],
}


@pytest.mark.parametrize("page", TREATMENTS)
def test_benefits_and_harms_in_equal_detail_with_numbers_and_named_sources(shipped, page):
    item = shipped.get(page)
    benefits = _section(shipped, page, "Possible benefits")
    harms_heading = "Possible downsides" if page == "conservative-care" else "Possible harms"
    harms = _section(shipped, page, harms_heading)
    assert len(_bullets(benefits)) == len(_bullets(harms)) >= 4
    assert abs(len(benefits.split()) - len(harms.split())) <= 0.5 * max(len(benefits.split()),
                                                                       len(harms.split()))
    assert re.search(r"\d", benefits) and re.search(r"\d", harms)
    assert set(NAMED_SOURCES[page]) <= set(item.sources)
    for heading in ("Recovery", "Living with this choice", "What we do not know"):
        assert _section(shipped, page, heading).strip(), heading
    recovery = _section(shipped, page, "Recovery") + " " + item.compare["recovery"]
    assert re.search(r"\b(same day|days?|weeks?|months?)\b", recovery), "recovery needs a typical time"


@pytest.mark.parametrize("page", ["decompression", "conservative-care"])
def test_surgery_versus_waiting_comes_from_one_trial(shipped, page):
    box = _section(shipped, page, "Surgery or waiting: one trial").lower()
    for words in ("95 in 100 in both groups", "39 in 100", "4 weeks", "12 weeks"):
        assert words in box, words
    assert "55 in 100" not in box  # a different group of patients belongs elsewhere
    assert "Peul et al., NEJM 2007" in shipped.get(page).sources


def test_the_other_group_is_kept_apart_from_the_trial(shipped):
    text = _section(shipped, "conservative-care", "What we do not know").lower()
    assert "55 in 100" in text and "cannot be compared" in text


# --- About page and the example disclosure ---------------------------------------------------------


def test_about_page_says_who_wrote_checked_funded_and_how_often(shipped):
    text = _text(shipped, "about")
    for words in ("open-source", "own words", "the clinic is responsible", "from the clinic",
                  "reviewed", "at least once a year", "no money from companies"):
        assert words in text, words
    assert "doctors review" not in text


def test_the_example_disclosure_does_not_claim_a_review():
    from kiosk.domain.config import DEFAULT

    text = DEFAULT.disclosure_in("en").lower()
    assert "review" not in text
    assert "example" in text
    assert "revis" not in DEFAULT.disclosure_in("es").split("quién revisó")[0].lower()
    assert "ejemplo" in DEFAULT.disclosure_in("es").lower()
