"""The Home welcome line per language: the clinic's own from kiosk.toml (a text, or a table by
language), else the kiosk's standard one from the word catalog in the language on screen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.domain.config import DEFAULT, ConfigError, config_warnings, example_toml, load_config
from kiosk.domain.ui_words import builtin_words
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow


def _load(tmp_path: Path, text: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize("text", [
    'welcome = { en = "Hello.", es = "Hola." }\n',
    'welcome.en = "Hello."\nwelcome.es = "Hola."\n',
    'clinic_name = "A"\n\nwelcome.es = "  Hola.  "\nwelcome.en = "Hello."\nwelcome.fr = ""\n',
])
def test_a_welcome_per_language(tmp_path, text):
    config = _load(tmp_path, text)
    assert config.welcome_in("en") == "Hello." and config.welcome_in("es") == "Hola."
    assert config.welcome_in("fr") is None  # "" is the kiosk's own line


def test_a_plain_welcome_is_the_english_line(tmp_path):
    config = _load(tmp_path, 'welcome = "Hello."\n')
    assert config.welcome == (("en", "Hello."),)
    assert config.welcome_in("en") == "Hello." and config.welcome_in("es") is None
    assert [w for w in config_warnings(config) if w[0] == "welcome"] == []  # English is the start language
    spanish = _load(tmp_path, 'language = "es"\nwelcome = "Hello."\n')
    [(_key, message)] = [w for w in config_warnings(spanish) if w[0] == "welcome"]
    assert "for en only" in message and 'es = "..."' in message


def test_the_default_has_no_clinic_line_in_any_language():
    assert DEFAULT.welcome == () and DEFAULT.welcome_in("en") is None
    assert "\nwelcome = {}\n" in example_toml()
    assert '#  welcome = { en = "' in example_toml()  # the example stays on one line


@pytest.mark.parametrize(("text", "line", "words"), [
    ("welcome = 3\n", 1, ["expected text in quotes, or a table of texts by language", "a whole number (3)"]),
    ('clinic_name = "A"\nwelcome = { en = ["x"] }\n', 2, ["welcome.en: expected text in quotes", "an array"]),
    ('welcome = { english = "Hi" }\n', 1, ['"english" is not a language folder name']),
    (f'welcome.es = "{"a" * 201}"\n', 1, ["welcome.es: is 201 characters long; at most 200"]),
    ('welcome = { es = "a\\nb" }\n', 1, ["welcome.es: must be a single line"]),
])
def test_a_bad_welcome_is_reported_with_its_line(tmp_path, text, line, words):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    [problem] = map(str, caught.value.problems)
    assert problem.startswith(f"{path}:{line}: key 'welcome': ")
    for word in words:
        assert word in problem


def test_config_check_names_a_language_without_its_welcome(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text('language = "es"\nwelcome = "Welcome to Lakeside."\n'
                    'disclosure = "Lakeside\'s doctors wrote these pages."\n', encoding="utf-8")
    assert cli.main(["config", "--check", str(path)]) == 0
    assert f"{path}:2: key 'welcome': warning: " in capsys.readouterr().out


# -- on Home ---------------------------------------------------------------------
@pytest.fixture
def build(shown_windows, shipped, spanish):
    contents = {"en": shipped, "es": spanish}

    def make(**overrides):
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, **overrides)
        window = KioskWindow(config, contents[config.language], [], loader=lambda lang: (contents[lang], []),
                             languages=["en", "es"], clock=ManualClock())
        return shown_windows(window)

    return make


def test_home_shows_the_catalog_welcome_in_each_language_by_default(build):
    window = build()
    assert window.home.welcome.text() == builtin_words("en")["home.welcome"]
    assert window.switch_language("es")
    assert window.home.welcome.text() == builtin_words("es")["home.welcome"]
    assert window.home.welcome.text() != builtin_words("en")["home.welcome"]


def test_home_shows_the_clinic_line_where_there_is_one(build):
    window = build(welcome=(("en", "Welcome to Lakeside Spine."),))
    assert window.home.welcome.text() == "Welcome to Lakeside Spine."
    assert window.switch_language("es")  # no Spanish line: the kiosk's Spanish one, not English
    assert window.home.welcome.text() == builtin_words("es")["home.welcome"]
    both = build(language="es", welcome=(("en", "Welcome."), ("es", "Bienvenido a Lakeside.")))
    assert both.home.welcome.text() == "Bienvenido a Lakeside."
    assert both.switch_language("en")
    assert both.home.welcome.text() == "Welcome."
