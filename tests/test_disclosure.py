"""The clinic's statement on the About page, per language (``disclosure`` in kiosk.toml)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from kiosk import cli
from kiosk.domain.config import DEFAULT, ConfigError, config_warnings, load_config
from kiosk.ui.clock import ManualClock
from kiosk.ui.shell import KioskWindow, NavState, Screen

ENGLISH = "Dr. Ana Ruiz of Lakeside Spine reviewed these pages in 2026."
SPANISH = "La Dra. Ana Ruiz, de Lakeside Spine, revisó estas páginas en 2026."


def _load(tmp_path, text):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize("text", [
    f'disclosure.en = "{ENGLISH}"\ndisclosure.es = "{SPANISH}"\n',
    f'disclosure = {{ en = "{ENGLISH}", es = "{SPANISH}" }}\n',
])
def test_a_disclosure_per_language(tmp_path, text):
    config = _load(tmp_path, text)
    assert config.disclosure_in("en") == ENGLISH and config.disclosure_in("es") == SPANISH
    assert config.disclosure_in("pt-BR") == ENGLISH  # no text of its own: the start language's
    assert [w for w in config_warnings(config) if w[0] == "disclosure"] == []


def test_a_plain_disclosure_is_shown_in_every_language(tmp_path):
    config = _load(tmp_path, f'disclosure = "{ENGLISH}"\n')
    assert config.disclosure == ENGLISH
    assert config.disclosure_in("en") == config.disclosure_in("es") == ENGLISH


def test_a_disclosure_in_one_language_only_is_shown_as_it_is(tmp_path):
    config = _load(tmp_path, f'language = "es"\ndisclosure = {{ es = "{SPANISH}" }}\n')
    assert config.disclosure_in("en") == config.disclosure_in("es") == SPANISH


def test_the_example_statement_comes_in_english_and_spanish_and_is_warned_about(tmp_path):
    assert "example" in DEFAULT.disclosure_in("en") and "ejemplo" in DEFAULT.disclosure_in("es")
    example = DEFAULT.disclosure_in("es")
    config = _load(tmp_path, f'disclosure.en = "{ENGLISH}"\ndisclosure.es = "{example}"\n')
    assert [key for key, _ in config_warnings(config)] == ["disclosure"]


@pytest.mark.parametrize(("text", "line", "words"), [
    (f'clinic_name = "A"\ndisclosure = {{ en = "{ENGLISH}", spanish = "Hola" }}\n', 2,
     ['"spanish" is not a language folder name', 'disclosure = { en = "...", es = "..." }']),
    (f'clinic_name = "A"\n\ndisclosure.en = "{ENGLISH}"\ndisclosure.es = 3\n', 3,
     ["disclosure.es: expected text in quotes, found a whole number (3)"]),
    ("disclosure = true\n", 1, ["expected text in quotes, or a table of texts by language",
                                "found a true/false value (true)"]),
])
def test_a_bad_disclosure_is_reported_with_its_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    [problem] = map(str, caught.value.problems)
    assert problem.startswith(f"{path}:{line}: key 'disclosure': "), problem
    for word in words:
        assert word in problem, problem
    assert cli.main(["config", "--check", str(path)]) == 1


# -- on the About page ------------------------------------------------------------------------

@pytest.fixture
def about(shown_windows, shipped, spanish):
    def show(disclosure, language):
        contents = {"en": shipped, "es": spanish}
        config = replace(DEFAULT, kiosk_mode=False, reduce_motion=True, disclosure=disclosure,
                         language=language)
        window = shown_windows(KioskWindow(config, contents[language], [],
                                           loader=lambda lang: (contents[lang], []),
                                           languages=["en", "es"], clock=ManualClock()))
        window.home.about_button.click()
        assert window.state == NavState(Screen.DIAGRAM, "about")
        return window

    return show


def _about_text(window) -> str:
    return window.diagram.panel.text.toPlainText()


def test_the_about_page_shows_the_disclosure_of_its_language(about, qtbot):
    both = (("en", ENGLISH), ("es", SPANISH))
    english = _about_text(about(both, "en"))
    assert ENGLISH in english and SPANISH not in english
    window = about(both, "es")
    spanish = _about_text(window)
    assert SPANISH in spanish and ENGLISH not in spanish
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)  # the patient switches
    assert ENGLISH in _about_text(window) and SPANISH not in _about_text(window)


def test_the_about_page_shows_a_one_language_disclosure_as_it_is(about):
    assert ENGLISH in _about_text(about(ENGLISH, "es"))
    assert ENGLISH in _about_text(about((("en", ENGLISH),), "es"))


def test_the_example_statement_is_spanish_on_the_spanish_about_page(about):
    text = _about_text(about(DEFAULT.disclosure, "es"))
    assert DEFAULT.disclosure_in("es") in text and DEFAULT.disclosure_in("en") not in text
