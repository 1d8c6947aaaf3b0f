"""The README's commands are tests, so none of them can go stale.

* Every line of a ``sh`` or ``console`` block is run: ``kiosk ...`` and ``python -m kiosk ...``
  for real (in an empty home folder, in order, each must exit 0; a command that would open
  a window gets ``--first-frame-exit``, and ``set-pin`` gets its PIN on standard input),
  ``make ...`` as a dry run, ``mkdir -p`` as such, and ``sudo apt-get install`` is compared
  with ``deploy/debian-packages.txt`` (or ``debian-test-packages.txt``). A line of any other
  kind fails: add it here first.
* A ``console`` block's output must be exactly what the command prints.
* Every inline `` `kiosk ...` `` names a real command and options it accepts (with the
  choices it lists), and every inline `` `make ...` `` target exists.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from tests.conftest import ROOT

README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
PIN = "2468"
_FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_KIOSK = re.compile(r"(?:\.venv/bin/)?kiosk|python3? -m kiosk")


@dataclass
class Command:
    line: int  # in the README
    text: str
    output: list[str] | None = None  # console blocks: what it must print


@dataclass
class Block:
    line: int
    language: str
    commands: list[Command] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"README.md:{self.line}"


def _blocks() -> list[Block]:
    blocks = []
    for match in _FENCE.finditer(TEXT):
        language, body = match.group(1), match.group(2)
        first = TEXT.count("\n", 0, match.start(2)) + 1
        if language not in ("sh", "shell", "bash", "console"):
            continue
        block = Block(first - 1, language)
        lines = body.splitlines()
        index = 0
        while index < len(lines):
            line, number = lines[index], first + index
            index += 1
            if language == "console":
                if not line.startswith("$ "):
                    raise AssertionError(f"README.md:{number}: console output with no command before it")
                command = Command(number, line[2:], [])
                while index < len(lines) and not lines[index].startswith("$ "):
                    command.output.append(lines[index])
                    index += 1
                block.commands.append(command)
                continue
            while line.endswith("\\") and index < len(lines):  # continued on the next line
                line = line[:-1] + " " + lines[index].strip()
                index += 1
            if line.strip() and not line.lstrip().startswith("#"):
                block.commands.append(Command(number, line.strip()))
        blocks.append(block)
    return blocks


BLOCKS = _blocks()


def test_the_readme_has_command_blocks_to_test():
    texts = [c.text for block in BLOCKS for c in block.commands]
    assert any(_KIOSK.match(t) for t in texts) and any(t.startswith("make ") for t in texts)
    assert any(block.language == "console" for block in BLOCKS)


@pytest.fixture
def home(tmp_path):
    """An empty home folder with the platform's usual layout (~/.config, ~/.local)."""
    folder = tmp_path / "home"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not (k.startswith("XDG_") and k.endswith("_HOME"))}
    env["HOME"] = str(folder)
    return folder, env


def _run_kiosk(words: list[str], env: dict[str, str], home: Path, where: str):
    words = [str(home) + w[1:] if w.startswith("~") else w for w in words]
    redirect = None
    if ">" in words:
        at = words.index(">")
        words, redirect = words[:at], Path(words[at + 1])
    args = build_parser().parse_args(words)
    if args.command is None and not args.self_test:  # it would open a window and wait for people
        words = [*words, "--first-frame-exit"]
        env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    stdin = f"{PIN}\n{PIN}\n" if args.command == "set-pin" else ""
    # A new session has no terminal, so set-pin reads its PIN from standard input.
    result = subprocess.run([sys.executable, "-m", "kiosk", *words], input=stdin, capture_output=True,
                            text=True, env=env, cwd=home, timeout=300, start_new_session=True)
    assert result.returncode == 0, f"{where}: {shlex.join(words)}\n{result.stderr}"
    if redirect is not None:
        redirect.write_text(result.stdout, encoding="utf-8")
    return result


def _run_make(words: list[str], where: str) -> str:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    # A dry run, free of the flags of a make that may be running these tests (make test).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(["make", "-n", *words[1:]], capture_output=True, text=True, cwd=ROOT,
                            timeout=60, env=env)
    assert result.returncode == 0, f"{where}: {shlex.join(words)}\n{result.stderr}"
    return result.stdout


def _apt_packages(words: list[str]) -> list[str]:
    return [w for w in words[words.index("install") + 1:] if not w.startswith("-")]


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_every_command_in_the_readme_runs(block, home):
    folder, env = home
    for command in block.commands:
        where = f"README.md:{command.line}"
        words = shlex.split(command.text, comments=True)
        kiosk = _KIOSK.match(command.text)
        if kiosk:
            words = shlex.split(command.text[kiosk.end():], comments=True)
            result = _run_kiosk(words, env, folder, where)
            if command.output is not None:
                assert result.stdout.rstrip("\n").split("\n") == command.output, where
        elif words[0] == "make":
            _run_make(words, where)
        elif words[:2] == ["mkdir", "-p"]:
            for target in words[2:]:
                path = Path(str(folder) + target[1:] if target.startswith("~") else folder / target)
                path.mkdir(parents=True, exist_ok=True)
        elif words[:3] == ["sudo", "apt-get", "install"]:
            lists = [[p for p in (ROOT / "deploy" / name).read_text(encoding="utf-8").splitlines()
                      if p and not p.startswith("#")]
                     for name in ("debian-packages.txt", "debian-test-packages.txt")]
            assert _apt_packages(words) in lists, where
        else:
            raise AssertionError(f"{where}: no way to test {command.text!r}; teach tests/test_readme.py")


def test_the_settings_block_leaves_a_checked_file_with_a_pin(home):
    """The 'Settings' block as a whole: example written, checked, PIN hash stored."""
    from kiosk.domain.pin import verify_pin

    [block] = [b for b in BLOCKS if any("set-pin" in c.text for c in b.commands)]
    test_every_command_in_the_readme_runs(block, home)
    folder, _ = home
    import tomllib

    settings = tomllib.loads((folder / ".config" / "spine-kiosk" / "kiosk.toml").read_text(encoding="utf-8"))
    assert verify_pin(PIN, settings["admin_pin_hash"])


# ------------------------------------------------------------------ inline `kiosk ...` and `make ...`
_SPAN = re.compile(r"`([^`\n]+)`")


def _inline(prefix: re.Pattern) -> list[str]:
    spans = []
    for text in _SPAN.findall(TEXT):
        match = prefix.match(text)
        if match and (match.end() == len(text) or text[match.end()] == " "):
            spans.append(text)
    return spans


KIOSK_SPANS = sorted(set(_inline(_KIOSK)))
MAKE_SPANS = _inline(re.compile(r"make"))


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return parser, sub.choices


def test_the_readme_mentions_commands_inline():
    assert len(KIOSK_SPANS) > 10 and "make run ARGS=--windowed" in MAKE_SPANS


@pytest.mark.parametrize("span", KIOSK_SPANS)
def test_every_inline_kiosk_command_exists_with_its_options(span):
    top, commands = _parsers()
    words = span[_KIOSK.match(span).end():].replace("\\|", "|").split()
    names = [w for w in words if w in commands]
    parser = commands[names[0]] if names else top
    known = parser._option_string_actions
    for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", " ".join(words)):
        assert option in known, f"{span!r}: {option} is not an option of {parser.prog}"
    for option, values in re.findall(r"(--[a-z-]+) ((?:[\w-]+\|)+[\w-]+)", " ".join(words)):
        choices = known[option].choices
        assert choices is not None and set(values.split("|")) <= set(choices), span


@pytest.mark.parametrize("span", sorted(set(MAKE_SPANS)))
def test_every_inline_make_command_is_a_target(span):
    _run_make(span.split(), f"README.md: `{span}`")


def test_make_run_passes_args_on_to_the_kiosk():
    assert re.search(r"-m kiosk --windowed\s*$", _run_make(["make", "run", "ARGS=--windowed"], "README"),
                     re.MULTILINE)


# ------------------------------------------------------------------ sentences that state behaviour
def test_the_still_there_notice_is_described_as_coming_before_the_reset(kiosk_app):
    """It shows idle_warning seconds *before* idle_timeout runs out, not after it."""
    from kiosk.domain.config import DEFAULT
    from kiosk.ui.idle import IdleMonitor

    bullet = " ".join(TEXT[TEXT.index("- **Between visitors**"):].split("\n- ")[0].split())
    quiet = DEFAULT.idle_timeout - DEFAULT.idle_warning
    assert (f"After `idle_timeout` seconds without a touch ({DEFAULT.idle_timeout} by default) everything "
            "is wiped") in bullet
    assert (f"`idle_warning` seconds ({DEFAULT.idle_warning}) before that, so after {quiet} quiet "
            "seconds") in bullet
    from kiosk.ui.clock import ManualClock

    clock = ManualClock()
    monitor = IdleMonitor(DEFAULT.idle_timeout, DEFAULT.idle_warning, clock=clock)
    started, expired = [], []
    monitor.warningStarted.connect(started.append)
    monitor.expired.connect(lambda: expired.append(True))
    monitor.start()
    clock.advance(quiet - 0.5)
    assert started == []
    clock.advance(0.5)  # the notice's countdown starts then...
    assert started == [DEFAULT.idle_warning] and not expired
    clock.advance(DEFAULT.idle_warning)  # ...and the visit is wiped idle_timeout seconds after the last touch
    assert expired == [True]
