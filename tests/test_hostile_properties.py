"""Property tests: generated hostile settings, content pages and answers.

Whatever is generated (deep nesting, numbers of thousands of digits, huge values, markup,
control characters, junk), the settings check, the content loader and ``kiosk triage`` end
in problems that name a file and a line (or an answers key), never in another exception.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli.triage import batch_lines, decode
from kiosk.domain.config import FIELD_NAMES, ConfigError, load_config
from kiosk.domain.content import MAX_TITLE_CHARS, load_content
from kiosk.domain.problems import MAX_MESSAGE, Problem
from kiosk.domain.questionnaire import WHOLE_FILE, AnswerError, load_questionnaire, parse_answers
from kiosk.domain.readability import check_readability
from kiosk.domain.render import check_markup, markdown_to_html
from kiosk.resources import default_content_dir
from tests.conftest import FIXTURES

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def _nested(depth: int, leaf: str = "1") -> str:
    """A TOML value nested ``depth`` deep in arrays and inline tables, like conditions are."""
    return "{all = [" * (depth // 2) + ("[" if depth % 2 else "") + leaf + ("]" if depth % 2 else "") \
        + "]}" * (depth // 2)


VALUES = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.integers(4000, 6000).map(lambda digits: "9" * digits),  # too long for Python's int()
    st.integers(0, 400).map(_nested),
    st.integers(1, 300_000).map(lambda n: json.dumps("x" * n)),
    TEXT.map(json.dumps),
    st.sampled_from(["true", "false", "1979-05-27", "nan", "-inf", "0x1F", "1e999", '"#0B4F8A"',
                     '"~nosuchuser/x.png"', '"~/x.png"', '"\\u0000.png"', "[1, 2", '"""', "{", "}"]),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.from_regex(r"[A-Za-z_-]{1,12}", fullmatch=True),
                 st.integers(1, 30_000).map(lambda n: "a." * n + "b"),
                 st.integers(1, 100_000).map(lambda n: "k" * n))
SETTINGS = st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}")
JUNK = st.one_of(st.integers(1, 3000).map(lambda n: "[" * n),
                 st.sampled_from(["[table]", "[[array]]", "# a comment", "", "=", "key ="]), TEXT)
# Mostly well-formed lines, so that a hostile value is reached before a syntax error stops the reading.
LINES = st.one_of(SETTINGS, SETTINGS, SETTINGS, JUNK)
DOCUMENTS = st.lists(LINES, min_size=1, max_size=5).map("\n".join)


@PROPERTY
@given(DOCUMENTS)
def test_any_settings_file_is_read_or_refused_with_file_and_line(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_config(path)
        except ConfigError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert isinstance(problem, Problem) and problem.path == path
                assert 0 <= problem.line <= max(1, text.count("\n") + 1)
                assert str(problem).startswith(f"{path}:") and len(problem.message) <= MAX_MESSAGE + 40


BODIES = st.one_of(
    TEXT,
    st.sampled_from(["<img src=/etc/hostname>", "[web](https://example.org)", "<script>x</script>",
                     "![x](y.png)", "- a\n" * 200, "> " * 50 + "deep", "`<b>`", "[t](kiosk:box-a)"]),
    st.integers(1, 300_000).map(lambda n: "pain " * n),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=st.lists(LINES, max_size=4).map("\n".join), title=st.one_of(TEXT, VALUES), body=BODIES)
def test_any_page_loads_or_is_a_problem_and_never_breaks_a_check(front, title, body):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        shutil.copytree(FIXTURES / "mini", root)
        page = root / "en" / "made-up.md"
        page.write_text(f'+++\nid = "made-up"\nkind = "topic"\ntitle = {json.dumps(title)}\n'
                        f'sources = ["A source"]\n{front}\n+++\n{body}\n', encoding="utf-8")
        content, problems = load_content(root, "en")
        assert not any("could not be loaded" in p.message for p in problems)  # the loader's last resort
        for problem in problems:
            assert isinstance(problem, Problem) and problem.path.is_relative_to(root)
            assert len(problem.message) <= MAX_MESSAGE + 40
        item = content.get("made-up")
        if item is not None:  # what loads is short plain text that opens quickly
            assert not [p for p in problems if p.path == page]
            assert len(item.title) <= MAX_TITLE_CHARS and "<" not in item.title
            markdown_to_html(item.body)
        check_markup(content)
        check_readability(content)


QUESTIONNAIRE = load_questionnaire(default_content_dir(), "en")[0]
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)
ANSWER_KEYS = st.sampled_from(["red_flags", "pain_areas", "side", "duration", "severity", "worse_with",
                               "numbness", "age_band", "tried", "injection_relief", "imaging"])
ANSWER_TEXTS = st.one_of(
    st.dictionaries(st.one_of(ANSWER_KEYS, TEXT), JSON_VALUES, max_size=8).map(json.dumps),
    st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 100_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.integers(4000, 8000).map(lambda n: '{"red_flags": [], "severity": ' + "9" * n + "}"),
    st.integers(1, 2_000_000).map(lambda n: json.dumps({"red_flags": [], "duration": "x" * n})),
    TEXT,
)


@PROPERTY
@given(ANSWER_TEXTS)
def test_any_answers_text_is_a_result_or_an_answers_error(text):
    assert QUESTIONNAIRE is not None
    try:
        parse_answers(decode(text), QUESTIONNAIRE)
    except AnswerError as exc:
        assert exc.key == WHOLE_FILE or isinstance(exc.key, str)
        assert len(str(exc)) < 2000
    [line] = batch_lines(QUESTIONNAIRE, " ".join(text.splitlines()) or " ")
    json.loads(line)
