"""Clinic settings (kiosk.toml): the schema, every kind of bad value, the CLI, the staff PIN."""

from __future__ import annotations

import base64
import dataclasses
import getpass
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import cli
from kiosk.cli import set_pin
from kiosk.domain.config import (
    DEFAULT,
    FIELD_NAMES,
    Config,
    ConfigError,
    default_config_path,
    example_toml,
    load_config,
    resolve_config,
    write_setting,
)
from kiosk.domain.contrast import contrast_ratio, relative_luminance
from kiosk.domain.pin import hash_pin, is_valid_hash, valid_pin, verify_pin
from tests.conftest import FIXTURES, ROOT

FAST = 1000  # PBKDF2 iterations in tests (the real default is 600,000)
GOOD_HASH = hash_pin("2468", iterations=FAST, salt=b"0123456789abcdef")
# Lines 1-3 of every bad file; the line under test is line 4, and one more valid line follows.
HEAD = '# Riverside clinic\nreduce_motion = true\n\n'
TAIL = "\nstatistics = true\n"


def write(folder: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == "\n".join(map(str, caught.value.problems))
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def fast_pin(monkeypatch):
    """set-pin with cheap hashing and a fixed salt (so the file text is the same every run)."""
    monkeypatch.setattr(set_pin, "PIN_ITERATIONS", FAST)
    monkeypatch.setattr("kiosk.domain.pin.secrets.token_bytes", lambda n: bytes(range(n)))


def answer_pin(monkeypatch, *answers: str) -> list[str]:
    """Make getpass return ``answers`` in turn; returns the prompts it was asked with."""
    prompts: list[str] = []
    replies = iter(answers)

    def fake(prompt: str = "Password: ", stream=None) -> str:
        prompts.append(prompt)
        return next(replies)

    monkeypatch.setattr(getpass, "getpass", fake)
    return prompts


# ----------------------------------------------------------------------------- defaults and reading


def test_no_file_gives_the_defaults(_isolated_user_dirs):
    path = default_config_path()
    assert path.name == "kiosk.toml" and path.parent.name == "spine-kiosk"
    assert path.is_relative_to(_isolated_user_dirs)
    assert not path.exists()
    assert resolve_config(None) == (DEFAULT, None)
    assert DEFAULT.clinic_name == "Spine Care Clinic"
    assert DEFAULT.idle_timeout == 90 and DEFAULT.idle_warning == 15
    assert DEFAULT.statistics is True and DEFAULT.kiosk_mode is True and DEFAULT.hide_cursor is False
    assert DEFAULT.logo == DEFAULT.content_dir == DEFAULT.printer == DEFAULT.admin_pin_hash == ""


def test_the_file_in_the_user_settings_folder_is_read():
    path = default_config_path()
    write(path.parent, 'clinic_name = "Lakeside"\nidle_timeout = 0\n')
    config, source = resolve_config(None)
    assert source == path
    assert config == dataclasses.replace(DEFAULT, clinic_name="Lakeside", idle_timeout=0)


def test_an_explicit_file_must_exist(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as caught:
        resolve_config(missing)
    assert list(map(str, caught.value.problems)) == [f"{missing}: cannot read: No such file or directory"]


def test_every_key_is_read_and_typed(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "content").mkdir()
    path = write(tmp_path, f"""
clinic_name = "  Lakeside Spine  "
welcome = "Hello"
disclosure = \"\"\"
Two lines = of text.
[not a table]
\"\"\"
logo = "logo.svg"
accent_color = "#1a1a1a"
language = "pt-BR"
idle_timeout = 3600
idle_warning = 60
content_dir = "content"
statistics = false
printer = "Front desk \\"HP\\""
kiosk_mode = false
hide_cursor = true
reduce_motion = true
admin_pin_hash = "{GOOD_HASH}"
""")
    config = load_config(path)
    assert config == Config(
        clinic_name="Lakeside Spine", welcome=(("en", "Hello"),),
        disclosure="Two lines = of text.\n[not a table]\n",
        logo=str((tmp_path / "logo.svg").resolve()), accent_color="#1a1a1a", language="pt-BR",
        idle_timeout=3600, idle_warning=60, content_dir=str((tmp_path / "content").resolve()),
        statistics=False, printer='Front desk "HP"', kiosk_mode=False, hide_cursor=True, reduce_motion=True,
        admin_pin_hash=GOOD_HASH)
    assert GOOD_HASH not in repr(config)  # never in a log line


def test_relative_paths_resolve_against_the_config_folder_not_the_working_folder(tmp_path, monkeypatch):
    clinic = tmp_path / "clinic"
    (clinic / "images").mkdir(parents=True)
    (clinic / "images" / "logo.PNG").write_bytes(b"\x89PNG\r\n")
    (clinic / "pages").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "images").mkdir()  # a decoy next to the working folder
    monkeypatch.chdir(elsewhere)
    config = load_config(write(clinic, 'logo = "images/logo.PNG"\ncontent_dir = "pages"\n'))
    assert config.logo == str((clinic / "images" / "logo.PNG").resolve())
    assert config.content_dir == str((clinic / "pages").resolve())
    assert Path(config.logo).is_absolute() and Path(config.content_dir).is_absolute()
    # a relative config path works the same way
    monkeypatch.chdir(tmp_path)
    assert load_config(Path("clinic") / "kiosk.toml") == config


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'\xef\xbb\xbfclinic_name = "Notepad Clinic"\n')
    assert load_config(path).clinic_name == "Notepad Clinic"


# ----------------------------------------------------------------------------- bad values

BAD_VALUES = [
    # (the line under test, the key named, fragments of the message)
    ('idle_timout = 120', "idle_timout", ["unknown key", "did you mean 'idle_timeout'?"]),
    ('Clinic_Name = "X"', "Clinic_Name", ["unknown key", "did you mean 'clinic_name'?"]),
    ("frobnicate = 1", "frobnicate", ["unknown key", "kiosk config --example"]),
    ('idle_timeout = "90"', "idle_timeout",
     ["expected a whole number", 'found text ("90")', "without quotes"]),
    ("idle_timeout = true", "idle_timeout", ["expected a whole number", "found a true/false value (true)"]),
    ("idle_warning = false", "idle_warning", ["expected a whole number", "(false)"]),
    ("idle_timeout = 90.5", "idle_timeout", ["expected a whole number", "found a decimal number (90.5)"]),
    ('kiosk_mode = "yes"', "kiosk_mode", ["expected true or false", 'found text ("yes")']),
    ("hide_cursor = 1", "hide_cursor", ["expected true or false", "found a whole number (1)"]),
    ("printer = 5", "printer", ["expected text in quotes", "found a whole number (5)"]),
    ("welcome = true", "welcome", ["expected text in quotes", "found a true/false value (true)"]),
    ("clinic_name = 1979-05-27", "clinic_name", ["expected text in quotes", "a date/time (1979-05-27)"]),
    ('clinic_name = ["A", "B"]', "clinic_name", ["expected text in quotes", "found an array"]),
    ('language = { code = "en" }', "language", ["expected text in quotes", "found a table", "no tables"]),
    ('clinic_name = "   "', "clinic_name", ["must not be empty"]),
    (f'clinic_name = "{"x" * 81}"', "clinic_name", ["81 characters", "at most 80"]),
    ("idle_timeout = 10", "idle_timeout", ["0 (never go back to the start) or from 30 to 3600", "not 10"]),
    ("idle_timeout = 3601", "idle_timeout", ["from 30 to 3600", "not 3601"]),
    ("idle_timeout = -5", "idle_timeout", ["from 30 to 3600", "not -5"]),
    ("idle_warning = 4", "idle_warning", ["from 5 to 60 seconds", "not 4"]),
    ("idle_warning = 61", "idle_warning", ["from 5 to 60 seconds", "not 61"]),
    ('accent_color = "blue"', "accent_color", ['"#RRGGBB"', 'not "blue"']),
    ('accent_color = "#0B4F8"', "accent_color", ['"#RRGGBB"']),
    ('accent_color = "#FFD700"', "accent_color", ["contrast ratio of 1.40:1", "at least 4.5:1", "darker"]),
    ('accent_color = "#777777"', "accent_color", ["contrast ratio of 4.47:1"]),
    ('contrast = "HIGH"', "contrast", ['"normal" or "high"', 'not "HIGH"']),
    ("contrast = true", "contrast", ["expected text in quotes", "found a true/false value (true)"]),
    ("text_size = 2", "text_size", ["from 1.0 (normal) to 1.5", "not 2.0"]),
    ("text_size = 0.9", "text_size", ["from 1.0 (normal) to 1.5", "not 0.9"]),
    ("text_size = nan", "text_size", ["from 1.0 (normal) to 1.5", "not nan"]),
    ('text_size = "1.5"', "text_size", ["expected a number", 'found text ("1.5")', "without quotes"]),
    ("text_size = true", "text_size", ["expected a number", "found a true/false value (true)"]),
    ('language = "EN"', "language", ['"pt-BR"', 'not "EN"']),
    ('language = "pt_BR"', "language", ['not "pt_BR"']),
    ('language = "../secrets"', "language", ["language folder name"]),
    ('logo = "missing.png"', "logo", ["image file not found", "missing.png"]),
    ('logo = "notes.txt"', "logo", [".png, .jpg, .jpeg or .svg", '"notes.txt"']),
    ('content_dir = "no-such-folder"', "content_dir", ["folder not found", "no-such-folder"]),
    ('content_dir = "kiosk.toml"', "content_dir", ["is a file, not a folder"]),
    ('admin_pin_hash = "1234"', "admin_pin_hash", ["not a PIN hash", "kiosk set-pin"]),
    (f'admin_pin_hash = "{GOOD_HASH[:-4]}"', "admin_pin_hash", ["not a PIN hash"]),
    ("[display]", "display", ["unknown key", "no tables"]),
    ("display.kiosk_mode = true", "display", ["unknown key"]),
]


@pytest.mark.parametrize(("line", "key", "fragments"), BAD_VALUES, ids=[case[0][:30] for case in BAD_VALUES])
def test_a_bad_value_names_the_file_the_line_and_the_key(tmp_path, line, key, fragments):
    path = write(tmp_path, HEAD + line + TAIL)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:4: key '{key}': "), problem
    for fragment in fragments:
        assert fragment in problem, (fragment, problem)
    assert "\n" not in problem


def test_the_warning_must_be_shorter_than_the_timeout(tmp_path):
    path = write(tmp_path, HEAD + "idle_timeout = 40\nidle_warning = 40\n")
    assert problems_of(path) == [
        f"{path}:5: key 'idle_warning': must be smaller than idle_timeout (40), not 40"]
    path = write(tmp_path, HEAD + "idle_warning = 50\nidle_timeout = 45\n")
    assert problems_of(path) == [
        f"{path}:4: key 'idle_warning': must be smaller than idle_timeout (45), not 50"]
    assert load_config(write(tmp_path, "idle_timeout = 45\nidle_warning = 44\n")).idle_warning == 44
    # the default warning (15) is compared with a timeout set alone
    assert load_config(write(tmp_path, "idle_timeout = 30\n")).idle_timeout == 30
    # 0: never reset, so any warning is fine
    assert load_config(write(tmp_path, "idle_timeout = 0\nidle_warning = 60\n")).idle_warning == 60


@pytest.mark.parametrize(("text", "line", "fragment"), [
    (HEAD + "idle_timeout = = 3\n", 4, "Invalid value"),
    (HEAD + "reduce_motion = false\n", 4, "Cannot overwrite a value"),
    (HEAD + 'welcome = "no end\n', 4, ""),
    (HEAD + "printer = [\n", 5, "at the end of the file"),
])
def test_invalid_toml_names_the_line(tmp_path, text, line, fragment):
    path = write(tmp_path, text)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}: not valid TOML: "), problem
    assert fragment in problem


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'clinic_name = "A"\nwelcome = "caf\xe9"\n')
    assert problems_of(path) == [f"{path}:2: not valid TOML: the file is not UTF-8 text (byte 0xe9)"]


def test_a_folder_is_not_readable_as_a_file(tmp_path):
    [problem] = problems_of(tmp_path)
    assert problem.startswith(f"{tmp_path}: cannot read: ")


def test_every_problem_is_reported_together_in_line_order(tmp_path):
    path = write(tmp_path, """# settings
idle_warning = 2
accent_color = "#FFFFFF"
colour = "red"
disclosure = \"\"\"
idle_timeout = "not a key line"
\"\"\"
idle_timeout = "ninety"
statistics = "on"
""")
    problems = problems_of(path)
    assert [p.split(": key ")[0] for p in problems] == [f"{path}:{n}" for n in (2, 3, 4, 8, 9)]
    assert [p.split("'")[1] for p in problems] == [
        "idle_warning", "accent_color", "colour", "idle_timeout", "statistics"]


def test_contrast_follows_wcag():
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # lightest passing grey
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5 < contrast_ratio("#767676", "#FFFFFF")
    assert contrast_ratio(DEFAULT.accent_color, "#FFFFFF") >= 4.5
    with pytest.raises(ValueError, match="RRGGBB"):
        relative_luminance("#FFF")


# ----------------------------------------------------------------------------- example file and docs


def test_the_example_file_is_current_and_loads_as_the_defaults():
    example = ROOT / "docs" / "kiosk.example.toml"
    assert example.read_text(encoding="utf-8") == example_toml(), (
        "docs/kiosk.example.toml is out of date: run `python -m kiosk config --example > "
        "docs/kiosk.example.toml`")
    assert load_config(example) == DEFAULT


def test_the_example_lists_every_key_with_its_description():
    text = example_toml()
    described = Config.describe()
    assert [name for name, _, _ in described] == list(FIELD_NAMES)
    assert len(described) == 20
    for name, default, description in described:
        assert default == getattr(DEFAULT, name)
        assert description.strip()
        assert f"\n{name} = " in text or f"\n{name}.en = " in text  # a text per language: one line each
        assert description.split()[0] in text


def test_the_docs_describe_every_key_in_a_table():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in FIELD_NAMES if f"| `{name}` |" not in text]
    assert missing == []


# ----------------------------------------------------------------------------- kiosk config --check


def test_check_without_a_file_says_the_defaults_are_used(capsys):
    assert cli.main(["config", "--check"]) == 0
    out = capsys.readouterr().out
    assert "built-in defaults" in out and str(default_config_path()) in out


OWN_DISCLOSURE = 'disclosure = "Lakeside\'s doctors wrote and review these pages."\n'


def test_check_a_good_file(tmp_path, capsys):
    path = write(tmp_path, 'clinic_name = "Lakeside"\n' + OWN_DISCLOSURE)
    assert cli.main(["config", "--check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: OK\n"
    # with no PATH: the --config file, else the one in the user's settings folder
    assert cli.main(["--config", str(path), "config", "--check"]) == 0
    assert capsys.readouterr().out == f"{path}: OK\n"
    default = write(default_config_path().parent, "hide_cursor = true\n" + OWN_DISCLOSURE)
    assert cli.main(["config", "--check"]) == 0
    assert capsys.readouterr().out == f"{default}: OK\n"


def test_check_warns_while_the_disclosure_is_the_shipped_example(tmp_path, capsys):
    example = write(tmp_path, example_toml(), "example.toml")
    line = example_toml().splitlines().index(
        f"disclosure.en = {json.dumps(DEFAULT.disclosure_in('en'), ensure_ascii=False)}") + 1
    assert cli.main(["config", "--check", str(example)]) == 0  # a warning, not a problem
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{example}:{line}: key 'disclosure': warning: this is still the example statement shipped with "
        "the kiosk; write the clinic's own (it is shown on the 'About this information' page)",
        f"{example}: OK (1 warning)",
    ]
    assert err == ""
    left_out = write(tmp_path, 'clinic_name = "Lakeside"\n')  # the default is that same example
    assert cli.main(["config", "--check", str(left_out)]) == 0
    assert f"{left_out}: key 'disclosure': warning:" in capsys.readouterr().out
    assert cli.main(["config", "--check"]) == 0  # no file at all: the built-in defaults
    assert "key 'disclosure': warning:" in capsys.readouterr().out
    # alongside a real problem the exit code is 1, and only the problem is counted
    both = write(tmp_path, 'language = "xx"\n', "both.toml")
    assert cli.main(["config", "--check", str(both)]) == 1
    out, err = capsys.readouterr()
    assert "key 'disclosure': warning:" in out and "1 problem(s)" in err


def test_check_names_a_language_that_has_no_content(tmp_path, capsys):
    path = write(tmp_path, OWN_DISCLOSURE + 'language = "xx"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f'{path}:2: key \'language\': no content in the language "xx": the built-in content has no "xx" '
        "folder with pages (languages there: en, es)"]
    assert "1 problem(s)" in err
    clinic = tmp_path / "clinic-content"
    (clinic / "es").mkdir(parents=True)
    (clinic / "es" / "page.md").write_text("+++\n+++\n", encoding="utf-8")
    (clinic / "de").mkdir()  # a folder without pages is no language
    path = write(tmp_path, OWN_DISCLOSURE + 'content_dir = "clinic-content"\nlanguage = "de"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f'{clinic.resolve()} has no "de" folder with pages (languages there: es)' in out
    path = write(tmp_path, OWN_DISCLOSURE + 'content_dir = "clinic-content"\nlanguage = "es"\n')
    assert cli.main(["config", "--check", str(path)]) == 0


@pytest.mark.parametrize(("line", "meant"), [
    ('colour = "#123456"', "accent_color"),
    ('accent_colour = "#123456"', "accent_color"),
    ("idle_timout = 120", "idle_timeout"),
    ("cursor = true", "hide_cursor"),
    ("admin_pin = 1", "admin_pin_hash"),
    ('logo_path = "x.png"', "logo"),
    ("Kiosk-Mod = true", "kiosk_mode"),
    ("[screen]", None),
    ("[kiosk]", None),  # a table is never a typo of a key, however close its name
    ("[display]", None),
    ("frobnicate = 1", None),
    ("idle = 30", None),  # idle_timeout or idle_warning: no guess
    ("name = 1", "clinic_name"),
    ("disclaimer = 1", None),
    ("pin = 1", None),
])
def test_did_you_mean_only_for_close_matches(tmp_path, line, meant):
    [problem] = problems_of(write(tmp_path, line + "\n"))
    if meant is None:
        assert "did you mean" not in problem, problem
        assert "kiosk config --example" in problem
    else:
        assert problem.endswith(f"unknown key; did you mean '{meant}'?"), problem


def test_check_a_bad_file_prints_every_problem_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, 'idle_timeout = 5\nlanguage = "english"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:1: key 'idle_timeout': must be 0 (never go back to the start) or from 30 to 3600 "
        "seconds, not 5",
        f"{path}:2: key 'language': must be a language folder name such as \"en\", \"es\" or "
        "\"pt-BR\", not \"english\"",
    ]
    assert "2 problem(s)" in err
    assert cli.main(["config", "--check", str(tmp_path / "missing.toml")]) == 1
    assert "cannot read" in capsys.readouterr().out


def test_config_example_prints_the_example(capsys):
    assert cli.main(["config", "--example"]) == 0
    assert capsys.readouterr().out == example_toml()


def test_config_needs_check_or_example(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["config"])
    assert caught.value.code == 2
    assert "--check" in capsys.readouterr().err


# ----------------------------------------------------------------------------- start-up


def test_start_up_refuses_a_broken_config_with_exit_2_and_no_traceback(tmp_path):
    path = write(tmp_path, HEAD + 'accent_color = "#FFFF00"\nhide_cursor = "no"\n')
    result = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(path), "--self-test"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2, result.stderr
    assert f"{path}:4: key 'accent_color': white text on #FFFF00" in result.stderr
    assert f"{path}:5: key 'hide_cursor': expected true or false" in result.stderr
    assert "Traceback" not in result.stderr
    assert "self-test passed" not in result.stdout


def test_the_config_sets_the_content_folder_unless_content_is_given(tmp_path):
    content = tmp_path / "clinic-content"
    content.mkdir()
    path = write(tmp_path, 'content_dir = "clinic-content"\nlanguage = "es"\n')
    ctx = cli.Context(cli.build_parser().parse_args(["--config", str(path), "check-content"]))
    assert ctx.config.language == "es" and ctx.language == "es"
    assert ctx.content_root == content.resolve()
    args = ["--config", str(path), "--content", str(FIXTURES / "mini"), "--language", "en", "check-content"]
    ctx = cli.Context(cli.build_parser().parse_args(args))
    assert ctx.config.language == "en"  # --language overrides the file
    assert ctx.content_root == FIXTURES / "mini"
    assert cli.Context(cli.build_parser().parse_args(["check-content"])).config == DEFAULT


def test_a_broken_config_stops_start_up_before_anything_runs(tmp_path):
    path = write(tmp_path, "idle_warning = 0\n")
    with pytest.raises(cli.ConfigRefused) as caught:
        _ = cli.Context(cli.build_parser().parse_args(["--config", str(path)])).config
    assert list(map(str, caught.value.problems)) == [
        f"{path}:1: key 'idle_warning': must be from 5 to 60 seconds, not 0"]


# ----------------------------------------------------------------------------- kiosk set-pin

ORIGINAL = """# Lakeside clinic kiosk
clinic_name = "Lakeside"  # shown in the top bar

# after hours
idle_timeout = 120
"""


def test_set_pin_stores_a_hash_that_only_this_pin_opens(tmp_path, capsys, monkeypatch, fast_pin):
    path = write(tmp_path, ORIGINAL)
    prompts = answer_pin(monkeypatch, "40917", "40917")
    assert cli.main(["set-pin", "--config", str(path)]) == 0
    assert prompts == ["New staff PIN (4-8 digits): ", "Repeat the PIN: "]
    out, err = capsys.readouterr()
    assert str(path) in out
    text = path.read_text(encoding="utf-8")
    assert "40917" not in text and "40917" not in out + err
    assert text.startswith(ORIGINAL)  # every comment and key kept
    config = load_config(path)
    assert config.clinic_name == "Lakeside" and config.idle_timeout == 120
    assert verify_pin("40917", config.admin_pin_hash)
    assert not verify_pin("40918", config.admin_pin_hash)
    # setting it again replaces the line instead of adding one
    answer_pin(monkeypatch, "1234", "1234")
    assert cli.main(["--config", str(path), "set-pin"]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count("admin_pin_hash") == 1
    assert verify_pin("1234", load_config(path).admin_pin_hash)
    assert not verify_pin("40917", load_config(path).admin_pin_hash)


def test_the_pin_hash_file_is_readable_by_its_owner_only(tmp_path, capsys, monkeypatch, fast_pin):
    import stat

    path = write(tmp_path, ORIGINAL)
    path.chmod(0o644)
    answer_pin(monkeypatch, "2468", "2468")
    assert cli.main(["set-pin", "--config", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a short PIN's hash is easy to brute-force
    fresh = tmp_path / "new" / "kiosk.toml"
    answer_pin(monkeypatch, "2468", "2468")
    assert cli.main(["set-pin", "--config", str(fresh)]) == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_set_pin_writes_the_default_file_when_no_config_is_given(capsys, monkeypatch, fast_pin):
    answer_pin(monkeypatch, "87654321", "87654321")
    assert cli.main(["set-pin"]) == 0
    path = default_config_path()
    assert str(path) in capsys.readouterr().out
    assert verify_pin("87654321", load_config(path).admin_pin_hash)
    assert resolve_config(None)[1] == path


@pytest.mark.parametrize("answers", [
    ("1234", "1243"),  # the two differ
    ("12a4", "12a4"),
    ("123", "123"),
    ("123456789", "123456789"),
    ("", ""),
    (" 1234", " 1234"),
    ("١٢٣٤", "١٢٣٤"),  # digits, but not ones the PIN pad has
])
def test_set_pin_refuses_and_writes_nothing(tmp_path, capsys, monkeypatch, fast_pin, answers):
    path = write(tmp_path, ORIGINAL)
    answer_pin(monkeypatch, *answers)
    assert cli.main(["set-pin", "--config", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "nothing was changed" in err and out == ""
    assert answers[0] not in err or answers[0] == ""
    assert path.read_text(encoding="utf-8") == ORIGINAL
    answer_pin(monkeypatch, *answers)
    assert cli.main(["set-pin", "--config", str(tmp_path / "new" / "kiosk.toml")]) == 2
    assert not (tmp_path / "new").exists()


def test_set_pin_leaves_a_broken_config_alone(tmp_path, capsys, monkeypatch, fast_pin):
    broken = ORIGINAL + "idle_warning = 500\n"
    path = write(tmp_path, broken)
    answer_pin(monkeypatch, "2580", "2580")
    assert cli.main(["set-pin", "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "key 'idle_warning'" in err and "nothing was changed" in err
    assert path.read_text(encoding="utf-8") == broken


def test_set_pin_stops_on_end_of_input(tmp_path, capsys, monkeypatch):
    def no_input(prompt="", stream=None):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", no_input)
    path = tmp_path / "kiosk.toml"
    assert cli.main(["set-pin", "--config", str(path)]) == 2
    assert "no PIN was entered" in capsys.readouterr().err
    assert not path.exists()


# ----------------------------------------------------------------------------- write_setting


def test_write_setting_replaces_or_appends_and_keeps_the_rest(tmp_path):
    path = write(tmp_path, ORIGINAL.replace("idle_timeout = 120", 'disclosure = """\nOld text.\n"""'))
    write_setting(path, "disclosure", 'New "quoted" text\\ with a\nsecond line')
    write_setting(path, "hide_cursor", True)
    write_setting(path, "idle_timeout", 600)
    write_setting(path, "clinic_name", "Lakeside Spine")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines() == [
        "# Lakeside clinic kiosk",
        'clinic_name = "Lakeside Spine"',
        "",
        "# after hours",
        'disclosure = "New \\"quoted\\" text\\\\ with a\\nsecond line"',
        "hide_cursor = true",
        "idle_timeout = 600",
    ]
    config = load_config(path)
    assert config.disclosure == 'New "quoted" text\\ with a\nsecond line'
    assert (config.hide_cursor, config.idle_timeout, config.clinic_name) == (True, 600, "Lakeside Spine")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]  # no temporary file left


def test_write_setting_creates_the_file_and_folder(tmp_path):
    path = tmp_path / "a" / "b" / "kiosk.toml"
    write_setting(path, "language", "es")
    assert path.read_text(encoding="utf-8") == 'language = "es"\n'
    assert load_config(path).language == "es"


def test_write_setting_keeps_windows_line_ends(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"# clinic\r\nidle_timeout = 120\r\n")
    write_setting(path, "idle_timeout", 300)
    write_setting(path, "printer", "Front desk")
    assert path.read_bytes() == b'# clinic\r\nidle_timeout = 300\r\nprinter = "Front desk"\r\n'


def test_write_setting_restores_the_original_when_the_result_is_invalid(tmp_path):
    path = write(tmp_path, ORIGINAL)
    with pytest.raises(ConfigError) as caught:
        write_setting(path, "idle_timeout", 5)
    assert list(map(str, caught.value.problems)) == [
        f"{path}:5: key 'idle_timeout': must be 0 (never go back to the start) or from 30 to 3600 "
        "seconds, not 5"]
    assert path.read_text(encoding="utf-8") == ORIGINAL
    short = write(tmp_path, "idle_timeout = 40\n", name="short.toml")
    with pytest.raises(ConfigError, match="must be smaller than idle_timeout"):
        write_setting(short, "idle_warning", 45)
    assert short.read_text(encoding="utf-8") == "idle_timeout = 40\n"
    short.unlink()
    new = tmp_path / "new.toml"
    with pytest.raises(ConfigError):
        write_setting(new, "accent_color", "#FFFFFF")
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


def test_write_setting_rejects_unknown_keys_and_wrong_types_without_writing(tmp_path):
    path = write(tmp_path, ORIGINAL)
    with pytest.raises(ConfigError, match="did you mean 'idle_timeout'"):
        write_setting(path, "idle_timeut", 100)
    with pytest.raises(ConfigError, match="expected a whole number"):
        write_setting(path, "idle_timeout", True)
    with pytest.raises(ConfigError, match="expected true or false"):
        write_setting(path, "kiosk_mode", "false")
    assert path.read_text(encoding="utf-8") == ORIGINAL


def test_a_crash_while_writing_leaves_the_original_file(tmp_path, monkeypatch):
    path = write(tmp_path, ORIGINAL)

    def power_cut(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        write_setting(path, "idle_timeout", 300)
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


@settings(max_examples=40, deadline=None, database=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_any_text_survives_a_round_trip_through_the_file(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.toml"
        path.write_text("# kept\nhide_cursor = true\n", encoding="utf-8")
        write_setting(path, "printer", text)
        config = load_config(path)
        assert config.printer == text and config.hide_cursor is True
        assert path.read_text(encoding="utf-8").startswith("# kept\nhide_cursor = true\n")


# ----------------------------------------------------------------------------- PIN hashes


def test_hash_pin_round_trip():
    encoded = hash_pin("0000", iterations=FAST)
    scheme, iterations, salt, digest = encoded.split("$")
    assert (scheme, iterations) == ("pbkdf2_sha256", "1000")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 32
    assert is_valid_hash(encoded)
    assert verify_pin("0000", encoded)
    assert not verify_pin("00000", encoded) and not verify_pin("0001", encoded)
    assert hash_pin("0000", iterations=FAST) != encoded  # a new random salt each time
    fixed = hash_pin("0000", iterations=FAST, salt=b"x" * 16)
    assert fixed == hash_pin("0000", iterations=FAST, salt=b"x" * 16)
    assert hash_pin("1234").split("$")[1] == "600000"


@pytest.mark.parametrize("encoded", [
    "", "1234", "pbkdf2_sha256", "pbkdf2_sha256$1000$$",
    GOOD_HASH.replace("pbkdf2_sha256", "pbkdf2_sha1"),
    GOOD_HASH.replace("$1000$", "$0$"), GOOD_HASH.replace("$1000$", "$-1000$"),
    GOOD_HASH.replace("$1000$", "$01000$"), GOOD_HASH.replace("$1000$", "$99999999999$"),
    GOOD_HASH + "$extra", GOOD_HASH[:-4], GOOD_HASH[:-2] + "!!", GOOD_HASH + "é",
    GOOD_HASH.split("$", 3)[0] + "$1000$$" + GOOD_HASH.split("$")[3],
    None, 1234,
])
def test_malformed_hashes_never_verify(encoded):
    assert verify_pin("2468", GOOD_HASH)
    assert not is_valid_hash(encoded)
    assert verify_pin("2468", encoded) is False


def test_verify_never_raises_on_odd_pins():
    for pin in ("", "\ud800", None, 2468, "2468 "):
        assert verify_pin(pin, GOOD_HASH) is False


@pytest.mark.parametrize(("pin", "ok"), [
    ("1234", True), ("12345678", True), ("0000", True), ("123", False), ("123456789", False),
    ("12a4", False), ("", False), ("1234\n", False), ("١٢٣٤", False), ("１２３４", False), (1234, False),
])
def test_valid_pin(pin, ok):
    assert valid_pin(pin) is ok
    if not ok:
        with pytest.raises(ValueError):
            hash_pin(pin, iterations=FAST)


def test_hash_pin_rejects_bad_parameters():
    for iterations in (0, -1, True, 1.5, 10_000_001):
        with pytest.raises(ValueError):
            hash_pin("1234", iterations=iterations)
    with pytest.raises(ValueError):
        hash_pin("1234", iterations=FAST, salt=b"")


@settings(max_examples=25, deadline=None, database=None)
@given(pin=st.from_regex(r"[0-9]{4,8}", fullmatch=True), other=st.text(max_size=10))
def test_any_pin_round_trips_and_any_other_text_is_rejected(pin, other):
    encoded = hash_pin(pin, iterations=FAST)
    assert is_valid_hash(encoded)
    assert verify_pin(pin, encoded)
    if other != pin:
        assert not verify_pin(other, encoded)
