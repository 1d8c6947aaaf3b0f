"""Every class of bad content gets a clear ``path:line: message``."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from kiosk.domain.content import load_content
from tests.conftest import FIXTURES


def _problems(root):
    _, problems = load_content(root, "en")
    return [str(p) for p in problems]


def test_the_mini_fixture_is_clean(mini_root):
    content, problems = load_content(mini_root, "en")
    assert problems == []
    assert set(content.items) == {"box-a", "ring-b", "cond-x", "treat-y"}
    assert content.get("box-a").links.regions == ("ring-b",)
    assert content.get("box-a").compare == {}


def test_the_shipped_content_is_clean(shipped):
    kinds = {item.kind for item in shipped.items.values()}
    assert {"region", "condition", "treatment", "topic"} <= kinds
    for item in shipped.items.values():
        assert item.sources, f"{item.id} names no source"
        assert item.reviewed is not None, f"{item.id} has no reviewed date"


# (fixture file, expected line, words the message must contain)
PAGE_CASES = [
    ("toml-syntax.md", 4, "front matter is not valid TOML"),
    ("missing-title.md", 1, "missing required field 'title'"),
    ("unknown-kind.md", 3, "unknown kind 'recipe'"),
    ("duplicate-id.md", 2, "duplicate id 'cond-x'"),
    ("dangling-link.md", 8, "links.conditions: no page has the id 'no-such-condition'"),
    ("region-not-in-svg.md", 2, "region 'disc-L9-L10' is not in any diagram"),
    ("no-front-matter.md", 1, "no front matter"),
    ("empty-body.md", 7, "the page has no text"),
    ("unknown-key.md", 5, "unknown front-matter key 'sauces'"),
    ("body-link.md", 8, "link to 'kiosk:missing-page': no page has that id"),
]


@pytest.mark.parametrize(("name", "line", "words"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_bad_page_is_reported_with_file_line_and_problem(mini_root, name, line, words):
    target = mini_root / "en" / name
    shutil.copy(FIXTURES / "bad" / name, target)
    problems = _problems(mini_root)
    mine = [p for p in problems if p.startswith(f"{target}:")]
    assert mine, problems
    assert any(p.startswith(f"{target}:{line}: ") and words in p for p in mine), mine


def test_svg_that_does_not_parse_is_reported(mini_root):
    target = mini_root / "diagrams" / "truncated.svg"
    shutil.copy(FIXTURES / "bad" / "truncated.svg", target)
    problems = _problems(mini_root)
    assert any(p.startswith(f"{target}:") and "SVG does not parse" in p for p in problems), problems


def test_svg_region_without_a_page_is_reported(mini_root):
    target = mini_root / "diagrams" / "orphan-region.svg"
    shutil.copy(FIXTURES / "bad" / "orphan-region.svg", target)
    problems = _problems(mini_root)
    assert f"{target}:3: region 'orphan-part' has no content page (kind = \"region\")" in problems


def test_link_to_a_page_of_the_wrong_kind_is_reported(mini_root):
    page = mini_root / "en" / "treat-y.md"
    page.write_text(page.read_text().replace(
        'sources = ["Test source"]', 'sources = ["Test source"]\n[links]\nconditions = ["treat-y"]'))
    problems = _problems(mini_root)
    assert any("links.conditions: 'treat-y' is a treatment, not a condition" in p for p in problems)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          timeout=120)


def test_check_content_cli_exits_1_and_prints_one_line_per_problem(mini_root):
    for name in ("missing-title.md", "dangling-link.md"):
        shutil.copy(FIXTURES / "bad" / name, mini_root / "en" / name)
    result = _cli("check-content", "--content", str(mini_root))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(str(mini_root / "en")) for line in lines)
    assert "Traceback" not in result.stderr


def test_check_content_cli_exits_0_on_clean_content(mini_root):
    result = _cli("check-content", "--content", str(mini_root))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_check_content_cli_passes_the_shipped_content():
    result = _cli("check-content")
    assert result.returncode == 0, result.stdout + result.stderr


TREATMENT_HEAD = """+++
id = "treat-z"
kind = "treatment"
title = "Treatment Z"
sources = ["Test source"]
"""
GOOD_COMPARE = """
[compare]
involves = "A shot in the back."
benefits = "Less leg pain for a few weeks."
risks = "Rare but serious harm."
recovery = "Home the same day."
"""
BODY = "+++\nTreatment Z is a test.\n"

# (front matter after the head, expected line, words the message must contain)
COMPARE_CASES = [
    ("", 3, "a treatment page needs a [compare] table with involves, benefits, risks, recovery"),
    (GOOD_COMPARE.replace('risks = "Rare but serious harm."\n', ""), 7, "[compare] is missing 'risks'"),
    (GOOD_COMPARE.replace('"Less leg pain for a few weeks."', '"  "'), 9,
     "compare.benefits must be a non-empty string"),
    (GOOD_COMPARE.replace('"Home the same day."', "3"), 11, "compare.recovery must be a non-empty string"),
    (GOOD_COMPARE + 'costs = "free"\n', 12, "unknown key 'costs' in [compare] (expected: involves, benefits, "
                                             "risks, recovery)"),
    ('compare = "short"\n', 6, "'compare' must be a table: [compare]"),
]


@pytest.mark.parametrize(
    ("extra", "line", "words"), COMPARE_CASES,
    ids=["missing", "missing-key", "blank", "not-a-string", "unknown-key", "not-a-table"])
def test_a_bad_compare_table_is_reported_with_file_and_line(mini_root, extra, line, words):
    target = mini_root / "en" / "treat-z.md"
    target.write_text(TREATMENT_HEAD + extra + BODY, encoding="utf-8")
    mine = [p for p in _problems(mini_root) if p.startswith(f"{target}:")]
    assert f"{target}:{line}: {words}" in mine, mine


def test_compare_is_only_for_treatment_pages(mini_root):
    target = mini_root / "en" / "cond-x.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('treatments = ["treat-y"]\n', 'treatments = ["treat-y"]\n' + GOOD_COMPARE),
                      encoding="utf-8")
    mine = [p for p in _problems(mini_root) if p.startswith(f"{target}:")]
    assert mine == [f"{target}:11: [compare] is only for treatment pages"]


def test_a_good_compare_table_is_on_the_item_in_grid_order(mini_root):
    from kiosk.domain.content import COMPARE_KEYS

    target = mini_root / "en" / "treat-z.md"
    shuffled = (GOOD_COMPARE.replace('involves = "A shot in the back."\n', "")
                + 'involves = """A shot\n  in the back."""\n')
    target.write_text(TREATMENT_HEAD + shuffled + BODY, encoding="utf-8")
    content, problems = load_content(mini_root, "en")
    assert problems == []
    item = content.get("treat-z")
    assert list(item.compare) == list(COMPARE_KEYS) == ["involves", "benefits", "risks", "recovery"]
    assert item.compare["involves"] == "A shot in the back."  # white space folded
    assert item.compare["recovery"] == "Home the same day."
    assert hash(item)  # a content item stays usable as a dict key


def test_compare_text_is_part_of_the_reading_level_check(mini_root):
    from kiosk.domain.readability import patient_text

    content, _ = load_content(mini_root, "en")
    text = patient_text(content.get("treat-y"))
    assert text.endswith("It may ease the pain for a while. It may not help. You go home the same day.")


def test_readability_check_reports_an_over_grade_page_with_its_score(mini_root):
    target = mini_root / "en" / "over-grade.md"
    shutil.copy(FIXTURES / "bad" / "over-grade.md", target)
    result = _cli("check-content", "--content", str(mini_root))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{target}:7: reading level is grade ")
    score = float(lines[0].split("grade ")[1].split(" ")[0])
    assert score > 6
    assert "keep patient text at grade 6 or below" in lines[0]


def test_the_reading_level_limit_is_grade_6():
    from kiosk.domain.readability import MAX_GRADE

    assert MAX_GRADE == 6.0


def test_readability_of_the_shipped_content_is_grade_6_or_below(shipped):
    from kiosk.domain.readability import MAX_GRADE, grade, patient_text

    assert MAX_GRADE <= 6
    scores = {item.id: grade(patient_text(item)) for item in shipped.items.values()}
    too_hard = {k: round(v, 1) for k, v in scores.items() if v > MAX_GRADE}
    assert too_hard == {}


def test_patient_text_closes_headings_and_list_items_as_sentences(mini_root):
    from kiosk.domain.readability import patient_text

    content, _ = load_content(mini_root, "en")
    text = patient_text(content.get("cond-x"))
    assert text == "Condition X. What it is. Condition X affects box A."


def test_a_language_without_pages_is_the_one_problem_named():
    """Not one problem per region and page with the real cause last: the missing language."""
    from kiosk.resources import default_content_dir

    root = default_content_dir()
    content, problems = load_content(root, "xx")
    assert [str(p) for p in problems] == [
        f"{root / 'xx'}:1: no content pages (*.md) for the language 'xx' in this folder "
        "(languages with pages here: en, es)"]
    assert content.items == {}
    result = subprocess.run([sys.executable, "-m", "kiosk", "check-content", "--language", "xx"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [str(problems[0])]
