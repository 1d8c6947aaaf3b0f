"""``kiosk triage --answers FILE``: the vignettes, bad answers files and broken content.

The command is run in-process through the kiosk's own parser (``kiosk.cli.build_parser``) and
``kiosk.cli.triage.run``, so exit codes, stdout and stderr are exactly what ``kiosk triage``
gives. One test runs the real ``python -m kiosk triage``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.cli import triage as triage_cli
from kiosk.domain.questionnaire import evaluate, load_questionnaire
from kiosk.resources import default_content_dir
from tests.test_questionnaire_engine import _copy_content
from tests.test_questionnaire_policy import VIGNETTES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def triage(tmp_path, capsys, monkeypatch):
    """Run ``kiosk triage`` with the given answers (an object, or raw text); (exit code, stdout, stderr)."""

    def run(answers=None, *extra: str, raw: str | None = None, stdin: bool = False):
        text = raw if raw is not None else json.dumps(answers)
        if stdin:
            monkeypatch.setattr(sys, "stdin", io.StringIO(text))
            source = "-"
        else:
            source = str(tmp_path / "answers.json")
            Path(source).write_text(text, encoding="utf-8")
        parser = build_parser()
        code = triage_cli.run(parser.parse_args(["triage", "--answers", source, *extra]))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def q():
    questionnaire, problems = load_questionnaire(default_content_dir(), "en")
    assert problems == []
    return questionnaire


@pytest.mark.parametrize(("name", "answers", "order", "notes", "urgent"), VIGNETTES,
                         ids=[v[0] for v in VIGNETTES])
def test_vignette_through_the_cli(triage, q, name, answers, order, notes, urgent):
    code, out, err = triage(answers)
    assert code == 0, err
    assert err == ""
    data = json.loads(out)
    assert out.startswith('{\n  "urgent"')  # indent 2
    assert data == evaluate(q, answers).as_dict()
    assert data["urgent"] == urgent
    assert [s["category"] for s in data["suggestions"]] == order
    assert set(notes) <= {note["id"] for note in data["notes"]}
    for note in data["notes"]:
        assert set(note) == {"id", "text"} and note["text"] == q.texts.note(note["id"])
    for suggestion in data["suggestions"]:
        assert set(suggestion) == {"category", "score", "reasons"}
        assert suggestion["reasons"]
        for reason in suggestion["reasons"]:
            assert set(reason) == {"answer", "value", "text"}
            if reason["answer"] is None:
                continue
            given = answers[reason["answer"]]
            assert reason["value"] in given if isinstance(given, list) else reason["value"] == given


def test_answers_from_stdin(triage):
    code, out, _ = triage({"red_flags": ["bladder_bowel"]}, stdin=True)
    assert code == 0
    assert json.loads(out) == {"urgent": "emergency", "red_flags": ["bladder_bowel"], "suggestions": [],
                               "notes": []}


def test_only_the_safety_answers_give_care_without_surgery_with_a_reason(triage):
    code, out, _ = triage({"red_flags": []})
    assert code == 0
    assert json.loads(out)["suggestions"] == [{"category": "conservative-care", "score": 10, "reasons": [
        {"answer": None, "value": None, "text": "this is the usual first step for most people"}]}]


def test_under_18_gives_the_adults_only_note(triage):
    code, out, _ = triage({"red_flags": [], "age_band": "under_18", "severity": 9})
    data = json.loads(out)
    assert code == 0 and data["suggestions"] == []
    assert [note["id"] for note in data["notes"]] == ["adults_only"]
    assert "adults" in data["notes"][0]["text"]


def test_red_flags_are_required(triage):
    assert_answers_error(triage({"duration": "6_to_12_weeks"}), "red_flags", "missing", "required")
    assert_answers_error(triage({}), "red_flags", "missing")


@pytest.mark.parametrize(("key", "value"), [("duration", "over_12_weeks"), ("age_band", "20_to_50"),
                                            ("age_band", "under_20"), ("worse_with", ["night"])])
def test_old_values_are_rejected_naming_the_key(triage, key, value):
    assert_answers_error(triage({"red_flags": [], key: value}), key, "unknown value")


# ------------------------------------------------------------------------------- --batch


def test_batch_gives_one_result_line_per_input_line(tmp_path, capsys, q):
    lines = [
        json.dumps({"red_flags": ["night_pain"]}),
        '{"red_flags": [], "severity": 12}',
        json.dumps(VIGNETTES[2][1]),
        "not json",
        "",
        '{"severity": 3}',
        json.dumps({"red_flags": [], "age_band": "under_18"}),
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parser = build_parser()
    code = triage_cli.run(parser.parse_args(["triage", "--batch", str(path)]))
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(lines)
    assert results[0]["urgent"] == "doctor_today"
    assert results[1] == {"error": "severity: 12 is out of range (expected a whole number from 0 to 10)"}
    assert results[2] == evaluate(q, VIGNETTES[2][1]).as_dict()
    assert results[3]["error"].startswith("answers: not valid JSON")
    assert results[4] == {"error": "answers: empty line (expected one JSON object)"}
    assert results[5]["error"].startswith("red_flags: missing")
    assert [n["id"] for n in results[6]["notes"]] == ["adults_only"]
    assert all("\n" not in line for line in out.splitlines())


def test_batch_from_stdin_and_an_unreadable_file(tmp_path, capsys, monkeypatch):
    parser = build_parser()
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"red_flags": []}\n'))
    assert triage_cli.run(parser.parse_args(["triage", "--batch", "-"])) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["suggestions"][0]["category"] == "conservative-care"
    assert triage_cli.run(parser.parse_args(["triage", "--batch", str(tmp_path / "none.jsonl")])) == 2
    _, err = capsys.readouterr()
    assert "cannot read" in err and "Traceback" not in err


# ---------------------------------------------------------------- malformed answers: exit 2


def assert_answers_error(result, key: str, *words: str) -> None:
    code, out, err = result
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert f"'{key}'" in lines[0], err
    assert lines[0].startswith("kiosk triage: ")
    for word in words:
        assert word in lines[0], err


def test_malformed_json(triage):
    result = triage(raw='{"red_flags": [], "duration": "over_6_months", "severity": }')
    assert_answers_error(result, "severity", "not valid JSON", "line 1")


def test_malformed_json_before_any_key(triage):
    assert_answers_error(triage(raw="duration = over_6_months"), "answers", "not valid JSON")


def test_empty_file(triage):
    assert_answers_error(triage(raw=""), "answers", "not valid JSON")


def test_unknown_key(triage):
    result = triage({"red_flags": [], "duration": "over_6_months", "pain_level": 4})
    assert_answers_error(result, "pain_level", "unknown key")


def test_unknown_value(triage):
    assert_answers_error(triage({"red_flags": [], "duration": "two_years"}), "duration",
                         "unknown value 'two_years'", "over_6_months")


def test_unknown_value_in_a_list(triage):
    result = triage({"red_flags": [], "worse_with": ["sitting", "running"]})
    assert_answers_error(result, "worse_with", "'running'")


def test_wrong_type(triage):
    assert_answers_error(triage({"red_flags": [], "numbness": "yes"}), "numbness", "true or false")


def test_wrong_type_text_instead_of_list(triage):
    assert_answers_error(triage({"red_flags": [], "tried": "injections"}), "tried", "must be a list")


def test_wrong_type_severity_as_text(triage):
    assert_answers_error(triage({"red_flags": [], "severity": "7"}), "severity", "whole number")


def test_severity_11(triage):
    assert_answers_error(triage({"red_flags": [], "severity": 11}), "severity", "out of range", "0 to 10")


def test_severity_minus_1(triage):
    assert_answers_error(triage({"red_flags": [], "severity": -1}), "severity", "out of range", "0 to 10")


def test_severity_not_whole(triage):
    assert_answers_error(triage({"red_flags": [], "severity": 6.5}), "severity", "whole number")


def test_not_an_object(triage):
    assert_answers_error(triage(["duration", "over_6_months"]), "answers", "JSON object")


def test_a_key_given_twice(triage):
    assert_answers_error(triage(raw='{"severity": 3, "severity": 9}'), "severity", "given twice")


def test_injection_relief_without_injections(triage):
    result = triage({"red_flags": [], "tried": ["medication"], "injection_relief": "short"})
    assert_answers_error(result, "injection_relief", "injections")


def test_a_missing_answers_file(tmp_path, capsys):
    parser = build_parser()
    missing = tmp_path / "nope.json"
    code = triage_cli.run(parser.parse_args(["triage", "--answers", str(missing)]))
    _, err = capsys.readouterr()
    assert code == 2 and "cannot read" in err and "Traceback" not in err


# ---------------------------------------------------------------- broken content: exit 1


def test_content_problems_exit_1_listing_them(triage, tmp_path):
    root = _copy_content(tmp_path)
    rules = root / "questionnaire" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('score = 1}]', 'score = 1, weight = 1}]'),
                     encoding="utf-8")
    code, out, err = triage({"severity": 3}, "--content", str(root))
    assert code == 1
    assert out == ""
    assert f"{rules}:" in err and "unknown key 'weight' in an effect" in err
    assert "Traceback" not in err


def test_the_language_option_picks_the_text_file(triage, tmp_path):
    root = _copy_content(tmp_path)
    code, _, err = triage({"severity": 3}, "--content", str(root), "--language", "de")
    assert code == 1 and "de/questionnaire.toml: cannot read: No such file" in err.replace("\\", "/")


# ------------------------------------------------------------------ through `kiosk` itself


def test_python_m_kiosk_triage(tmp_path):
    answers = {"red_flags": [], "main_pain": "leg", "duration": "under_6_weeks", "severity": 4}
    command = [sys.executable, "-m", "kiosk", "triage", "--answers", "-"]
    ok = subprocess.run(command, input=json.dumps(answers), capture_output=True, text=True, timeout=120,
                        cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["suggestions"][0]["category"] == "conservative-care"
    bad = subprocess.run(command, input='{"red_flags": [], "severity": 11}', capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert bad.returncode == 2 and "'severity'" in bad.stderr and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_triage_reads_the_content_folder_named_in_the_settings(tmp_path, capsys):
    from kiosk.cli import main

    content = tmp_path / "clinic-content"
    content.mkdir()  # a folder with no questionnaire: triage must report that folder
    config = tmp_path / "kiosk.toml"
    config.write_text(f'content_dir = "{content.as_posix()}"\n', encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text('{"red_flags": []}', encoding="utf-8")
    assert main(["--config", str(config), "triage", "--answers", str(answers)]) == triage_cli.EXIT_CONTENT
    assert str(content) in capsys.readouterr().err
    config.write_text("idle_timeout = true\n", encoding="utf-8")
    assert main(["--config", str(config), "triage", "--answers", str(answers)]) == 2
    assert "idle_timeout" in capsys.readouterr().err


# ------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(("raw", "words"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"red_flags": [], "severity": ' + "9" * 5000 + "}", "far too long"),
])
def test_hostile_json_is_an_answers_error_not_a_crash(triage, raw, words):
    assert_answers_error(triage(raw=raw), "answers", words)


def test_an_error_line_never_echoes_a_huge_value(triage):
    code, _, err = triage({"red_flags": [], "duration": "x" * 1_000_000})
    assert code == 2 and len(err) < 400 and "unknown value 'xxx" in err


def test_deeply_nested_rules_are_a_content_problem(triage, tmp_path):
    root = _copy_content(tmp_path)
    rules = root / "questionnaire" / "rules.toml"
    rules.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = triage({"red_flags": []}, "--content", str(root))
    assert code == 1 and f"{rules}:1: not valid TOML: tables or lists are nested too deeply" in err
