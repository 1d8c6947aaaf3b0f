"""The command line package: one module per command, one context, content loaded once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.cli.context import Context

PACKAGE = Path(cli.__file__).resolve().parent
SHARED = {"__init__", "context"}  # the parser and the context: every command may use the context


def _commands() -> list[Path]:
    return [path for path in sorted(PACKAGE.glob("*.py")) if path.stem not in SHARED]


def test_every_command_has_its_module_and_none_imports_another():
    names = {path.stem for path in _commands()}
    assert {"triage", "config", "stats", "theme", "explain", "screenshot", "check_content", "set_pin",
            "run", "self_test"} <= names
    offenders = []
    for path in _commands():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            else:
                continue
            for name in imported:
                parts = name.split(".")
                if parts[:2] == ["kiosk", "cli"] and len(parts) > 2 and parts[2] in names:
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_old_command_modules_are_gone():
    kiosk_dir = PACKAGE.parent
    assert not [name for name in ("cli.py", "triage_cli.py", "config_cli.py", "stats_cli.py", "theme_cli.py")
                if (kiosk_dir / name).exists()]


@pytest.mark.parametrize("argv", [
    ["check-content"], ["explain", "disc-L5-S1"], ["triage", "--answers", "-"], ["stats"], ["check-theme"],
    ["screenshot", "--screen", "home", "--out", "x.png"], ["config", "--example"], ["set-pin"]])
def test_the_global_options_work_after_every_command(argv, tmp_path):
    args = cli.build_parser().parse_args([*argv, "--language", "es", "--content", str(tmp_path),
                                          "--config", str(tmp_path / "k.toml")])
    ctx = Context(args)
    assert (ctx.language_given, ctx.content_given, ctx.config_given) == ("es", tmp_path, tmp_path / "k.toml")
    before = Context(cli.build_parser().parse_args(["--language", "es", *argv]))
    assert before.language_given == "es"


def test_the_context_resolves_the_settings_once_and_loads_each_language_once(monkeypatch):
    from kiosk.domain import config as config_module
    from kiosk.domain import content as content_module

    resolved, loaded = [], []
    real_resolve, real_load = config_module.resolve_config, content_module.load_content
    monkeypatch.setattr("kiosk.cli.context.resolve_config",
                        lambda path: resolved.append(path) or real_resolve(path))
    monkeypatch.setattr(content_module, "load_content",
                        lambda root, language, **kw: loaded.append(language)
                        or real_load(root, language, **kw))
    ctx = Context(cli.build_parser().parse_args(["explain", "disc-L5-S1"]))
    assert ctx.config is ctx.config and ctx.content_root == ctx.content_root
    first = ctx.content()
    assert ctx.content() is first and ctx.content("en") is first
    assert resolved == [None] and loaded == ["en"]
    ctx.load("en")  # a reload reads the folder again
    assert loaded == ["en", "en"]


def test_self_test_loads_the_content_once(kiosk_app, monkeypatch, capsys):
    from kiosk.domain import content as content_module
    from kiosk.ui import capture

    loaded, windows = [], []
    real_load = content_module.load_content
    monkeypatch.setattr(content_module, "load_content",
                        lambda root, language, **kw: loaded.append(language)
                        or real_load(root, language, **kw))
    monkeypatch.setattr(capture, "self_test", lambda app, window: windows.append(window) or [])
    assert cli.main(["--self-test"]) == 0
    assert "self-test passed" in capsys.readouterr().out
    assert loaded == ["en"] and len(windows) == 1
