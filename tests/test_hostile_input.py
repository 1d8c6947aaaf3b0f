"""Hostile settings, content and questionnaire files.

Each ends in a ``file:line`` problem and exit 1 or 2 within 2 s: never a traceback (exit 3),
a hang on a named pipe, a crash on ``/dev/zero`` or a line that echoes a huge value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.domain.config import ConfigError, load_config
from kiosk.domain.content import (
    MAX_BODY_CHARS,
    MAX_BODY_LINES,
    MAX_PAGE_BYTES,
    MAX_TITLE_CHARS,
    load_content,
)
from kiosk.domain.problems import MAX_MESSAGE, Problem
from kiosk.domain.questionnaire import load_questionnaire
from kiosk.domain.toml_source import MAX_DEPTH, parse_toml
from tests.test_questionnaire_engine import _copy_content

# Each would end in a RecursionError, a ValueError or half a minute of parsing if read naively.
HOSTILE_TOML = {
    "nested-arrays": "x = " + "[" * 40_000 + "]" * 40_000,
    "nested-conditions": "x = " + "{all = [" * 3000 + "]}" * 3000,
    "nested-tables": "x = " + "{a = " * 3000 + "1" + "}" * 3000,
    "dotted-key": "a." * 20_000 + "b = 1",
    "dotted-header": "[" + "a." * 5000 + "b]\nc = 1",
    "long-integer": "x = " + "9" * 5000,
}
WORDS = {
    "nested-arrays": "nested too deeply",
    "nested-conditions": "nested too deeply",
    "nested-tables": "nested too deeply",
    "dotted-key": "nested too deeply",
    "dotted-header": "nested too deeply",
    "long-integer": "a number is far too long",
}
CASES = sorted(HOSTILE_TOML)


POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and links as on POSIX")


def _timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


@pytest.mark.parametrize("name", CASES)
def test_the_toml_reader_turns_hostile_text_into_one_problem_on_its_line(name):
    text = "fine = 1\n" + HOSTILE_TOML[name] + "\n"
    (data, src, problems), seconds = _timed(lambda: parse_toml(Path("f.toml"), text))
    assert data is None and src is None
    [problem] = problems
    assert str(problem).startswith("f.toml:2: not valid TOML: ") and WORDS[name] in problem.message
    assert seconds < 2


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_refused():
    def nested(depth: int) -> str:
        return "x = " + "[" * depth + "1" + "]" * depth

    data, _, problems = parse_toml(Path("f.toml"), nested(MAX_DEPTH))
    assert problems == [] and data is not None
    _, _, problems = parse_toml(Path("f.toml"), nested(MAX_DEPTH + 1))
    assert "nested too deeply" in problems[0].message


def test_brackets_inside_strings_and_comments_are_not_nesting():
    text = ('a = "' + "[" * 200 + '"\n' + "b = '" + "{" * 200 + "'\n# " + "[" * 200 + "\n"
            + 'c = """\n' + "[" * 200 + '\n"""\n' + "d = '''" + "{" * 200 + "'''\n")
    data, _, problems = parse_toml(Path("f.toml"), text)
    assert problems == [] and data["a"] == "[" * 200


# ------------------------------------------------------------------------------ settings

def _settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", CASES)
def test_hostile_settings_are_a_settings_problem(tmp_path, capsys, name):
    path = _settings(tmp_path, 'clinic_name = "Lakeside"\n' + HOSTILE_TOML[name] + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:2: not valid TOML: ")
    code, seconds = _timed(lambda: cli.main(["config", "--check", str(path)]))
    assert code == 1 and seconds < 2
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}:2: not valid TOML: ") and WORDS[name] in out
    assert "unexpected error" not in err
    assert cli.main(["--config", str(path)]) == 2  # the kiosk itself does not start
    assert "unexpected error" not in capsys.readouterr().err


@pytest.mark.parametrize(("line", "words"), [
    ('logo = "~nosuchuser/x.png"', "there is no such user"),
    ('logo = "~nosuchuser"', "there is no such user"),
    ('content_dir = "~nosuchuser/content"', "there is no such user"),
    ('logo = "a\\u0000.png"', "NUL"),
    ('logo = "' + "d/" * 3000 + 'x.png"', "image file not found"),
    ('content_dir = "' + "x" * 5000 + '"', "folder not found"),
])
def test_odd_paths_in_settings_are_problems_of_their_key(tmp_path, capsys, line, words):
    path = _settings(tmp_path, line + "\n")
    assert cli.main(["config", "--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}:1: key '") and words in out, out
    assert len(out.splitlines()[0]) < 500 and "unexpected error" not in err
    assert cli.main(["--config", str(path)]) == 2


def test_a_settings_line_never_echoes_a_huge_value(tmp_path, capsys):
    path = _settings(tmp_path, "x" * 100_000 + " = 1\n" + "idle_timeout = " + "9" * 4000 + "\n"
                     + 'accent_color = "' + "#" * 100_000 + '"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(len(line) < 400 for line in lines), lines


@POSIX
def test_a_settings_file_that_is_not_a_regular_file_is_refused(tmp_path, capsys):
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    code, seconds = _timed(lambda: cli.main(["config", "--check", str(fifo)]))
    assert code == 1 and seconds < 2
    assert f"{fifo}: cannot read: it is a named pipe" in capsys.readouterr().out


def test_a_huge_settings_file_is_not_read(tmp_path, capsys):
    path = _settings(tmp_path, 'welcome = "' + "a" * 3_000_000 + '"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    assert f"{path}: cannot read: the file is too large (3.0 MB; at most 250 KB)" in capsys.readouterr().out
    path = _settings(tmp_path, 'welcome = "' + "a" * 249_990 + '"\n')
    assert cli.main(["config", "--check", str(path)]) == 1
    assert "too large (250,003 bytes; at most 250,000 bytes)" in capsys.readouterr().out


# ------------------------------------------------------------------------------ content

PAGE = """+++
id = "{id}"
kind = "topic"
title = "{title}"
sources = ["Test source"]
{extra}
+++
{body}
"""


def _page(root: Path, name: str = "extra", title: str = "An extra page", extra: str = "",
          body: str = "Some words about the back.") -> Path:
    path = root / "en" / f"{name}.md"
    path.write_text(PAGE.format(id=name, title=title, extra=extra, body=body), encoding="utf-8")
    return path


def _problems_of(root: Path, path: Path) -> list[str]:
    _, problems = load_content(root, "en")
    return [str(p) for p in problems if p.path == path]


@pytest.mark.parametrize("name", CASES)
def test_hostile_front_matter_is_a_problem_on_its_line(mini_root, name):
    path = _page(mini_root, extra=HOSTILE_TOML[name])
    problems, seconds = _timed(lambda: _problems_of(mini_root, path))
    assert problems == [f"{path}:6: front matter is not valid TOML: {problems[0].split(': ', 2)[2]}"]
    assert WORDS[name] in problems[0] and seconds < 2


def test_a_huge_one_word_page_is_refused_at_once(mini_root):
    path = mini_root / "en" / "big.md"
    path.write_text(PAGE.format(id="big", title="Big", extra="", body="pain " * 600_000), encoding="utf-8")
    problems, seconds = _timed(lambda: _problems_of(mini_root, path))
    assert problems == [f"{path}: cannot read: the file is too large (3.0 MB; at most 200 KB)"]
    assert seconds < 2


def test_a_page_longer_than_the_page_limit_is_a_problem(mini_root):
    body = "Back pain is common, and most of it gets better on its own in a few weeks. " * 300
    path = _page(mini_root, body=body)
    assert path.stat().st_size < MAX_PAGE_BYTES
    [problem] = _problems_of(mini_root, path)
    assert problem.startswith(f"{path}:8: the page text is ") and f"at most {MAX_BODY_CHARS:,}" in problem


def test_a_page_of_too_many_lines_is_a_problem(mini_root):
    path = _page(mini_root, body="- a point\n" * (MAX_BODY_LINES + 1))
    assert _problems_of(mini_root, path) == [
        f"{path}:8: the page text has {MAX_BODY_LINES + 1} lines (paragraphs, list items, table rows); "
        f"at most {MAX_BODY_LINES} fit one page (split it into several pages)"]
    path = _page(mini_root, body="- a point\n\n" * MAX_BODY_LINES)
    assert _problems_of(mini_root, path) == []


@pytest.mark.parametrize(("title", "words"), [
    ("W" * (MAX_TITLE_CHARS + 1), f"at most {MAX_TITLE_CHARS} fit the screen"),
    ('<img src=\\"/etc/hostname\\">', "must be plain text"),
    ("Sciatica &amp; you", "must be plain text"),
    ("Two\\nlines", "single line"),
])
def test_a_title_must_be_short_plain_text(mini_root, title, words):
    path = _page(mini_root, title=title)
    problems = _problems_of(mini_root, path)
    assert any(p.startswith(f"{path}:4: 'title' ") and words in p for p in problems), problems


def test_a_title_at_the_limit_is_fine(mini_root):
    path = _page(mini_root, title="W" * MAX_TITLE_CHARS)
    assert _problems_of(mini_root, path) == []


def test_a_content_line_never_echoes_a_huge_value(mini_root):
    path = _page(mini_root, extra='[links]\nconditions = ["' + "x" * 150_000 + '"]')
    [problem] = _problems_of(mini_root, path)
    assert "no page has the id 'xxx" in problem and len(problem) < 400
    assert len(str(Problem(path, 1, "y" * 10_000_000))) < MAX_MESSAGE + len(str(path)) + 40


def _check_content(root: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "check-content", "--content", str(root)],
                          capture_output=True, text=True, timeout=timeout)


@POSIX
def test_a_named_pipe_in_the_content_folder_does_not_hang_check_content(mini_root):
    fifo = mini_root / "en" / "notes.md"
    os.mkfifo(fifo)
    result = _check_content(mini_root)  # would wait forever on the pipe
    assert result.returncode == 1, result.stderr
    assert f"{fifo}: cannot read: it is a named pipe, not a regular file" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_not_read(mini_root):
    link = mini_root / "en" / "zero.md"
    link.symlink_to("/dev/zero")
    (_, problems), seconds = _timed(lambda: load_content(mini_root, "en"))
    assert f"{link}: cannot read: it is a device, not a regular file" in [str(p) for p in problems]
    assert seconds < 2


@POSIX
def test_links_to_folders_are_not_followed(mini_root):
    (mini_root / "en" / "loop").symlink_to(mini_root / "en")
    (_, problems), seconds = _timed(lambda: load_content(mini_root, "en"))
    assert problems == [] and seconds < 2


def test_check_content_warns_about_what_rendering_drops(mini_root, capsys):
    path = _page(mini_root, body="\n".join([
        "Read [the NHS page](https://www.nhs.uk/conditions/sciatica/) and [box A](kiosk:box-a).",
        "<div>Boxed</div> and <b>bold</b> and `<code>` as written.",
        "![a spine](spine.png)",
        "```",
        "<script>in a code block</script>",
        "```",
    ]))
    assert cli.main(["check-content", "--content", str(mini_root)]) == 0  # warnings only
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:8: warning: the link to 'https://www.nhs.uk/conditions/sciatica/' is dropped when the "
        "page is shown (only 'kiosk:' links to other pages work); its words stay",
        f"{path}:9: warning: raw HTML <div> is dropped when the page is shown (its words stay)",
        f"{path}:10: warning: the picture 'spine.png' is dropped when the page is shown (pages show "
        "text only)",
    ]
    assert "Content OK" in err and "(3 warnings)" in err


def test_the_kiosk_never_stops_on_content_that_breaks_the_loader(mini_root, monkeypatch):
    from kiosk.domain import content as content_module

    def broken(*args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(content_module, "_parse_page", broken)
    content, problems = load_content(mini_root, "en")
    assert content.items == {}
    assert [str(p) for p in problems] == [
        f"{mini_root}: the content could not be loaded (RecursionError: maximum recursion depth "
        "exceeded); please report this with the content folder"]


# ------------------------------------------------------------------------------ questionnaire

@pytest.mark.parametrize("name", CASES)
def test_hostile_questionnaire_files_are_content_problems(tmp_path, name):
    root = _copy_content(tmp_path)
    rules = root / "questionnaire" / "rules.toml"
    rules.write_text("# rules\n" + HOSTILE_TOML[name] + "\n", encoding="utf-8")
    (questionnaire, problems), seconds = _timed(lambda: load_questionnaire(root, "en"))
    assert questionnaire is None and seconds < 2
    assert str(problems[0]).startswith(f"{rules}:2: not valid TOML: ") and WORDS[name] in str(problems[0])
    result = subprocess.run([sys.executable, "-m", "kiosk", "triage", "--content", str(root),
                             "--answers", "-"], input='{"red_flags": []}', capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and f"{rules}:2: not valid TOML" in result.stderr


def test_check_content_on_a_copy_of_the_shipped_content_with_a_broken_rules_file(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parent.parent / "content", root)
    rules = root / "questionnaire" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nx = " + "{all = [" * 500 + "]}" * 500 + "\n",
                     encoding="utf-8")
    result = _check_content(root, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{rules}:" in result.stdout and "nested too deeply" in result.stdout
