"""Clinic settings: one typed schema, every key with a default and a description.

The settings live in a flat TOML file, ``kiosk.toml`` (top-level ``key = value`` lines, no
tables). :func:`load_config` reads and checks one (with :mod:`kiosk.domain.toml_source`, the
kiosk's one TOML reader); it reports every problem at once, one line each, as
``FILE:LINE: key 'NAME': message`` (a :class:`~kiosk.domain.problems.Problem`).
:func:`write_setting` changes one key in place, keeping every other line and comment, and
never leaves a half-written file behind.
No Qt here: the UI reads the :class:`Config` this module builds.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
import os
import re
import stat
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.domain.contrast import AA_TEXT, contrast_ratio, is_color
from kiosk.domain.files import MAX_FILE_BYTES, SourceError, decode, read_bytes
from kiosk.domain.pin import is_valid_hash
from kiosk.domain.problems import Problem, short
from kiosk.domain.toml_source import read_toml, scan_keys

APP_NAME = "spine-kiosk"
FILE_NAME = "kiosk.toml"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
MIN_CONTRAST = AA_TEXT
CONTRASTS = ("normal", "high")
MODES = ("kiosk", "consult")
TEXT_SIZES = (1.0, 1.5)  # the smallest and the largest text_size
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")


class _Invalid(Exception):
    """One value is wrong; the message says why (the caller adds file, line and key)."""


def _setting(default: Any, description: str, check: Callable[[Any, Path], Any] | None = None,
             types: tuple[type, ...] | None = None, **kwargs: Any) -> Any:
    """``types``: the TOML types the key takes, when not just the type of its default."""
    return field(default=default, metadata={"description": description, "check": check, "types": types},
                 **kwargs)


# -- checks of single values (after the type check; ``base`` is the config file's folder) --

def _check_clinic_name(value: str, base: Path) -> str:
    text = value.strip()
    if not text:
        raise _Invalid("must not be empty (1 to 80 characters)")
    if "\n" in text or "\r" in text:
        raise _Invalid("must be a single line")
    if len(text) > 80:
        raise _Invalid(f"is {len(text)} characters long; at most 80 are allowed")
    return text


WELCOME_LIMIT = 200  # characters of one welcome line


def _check_welcome(value: str | dict[str, Any], base: Path) -> tuple[tuple[str, str], ...]:
    """A plain text (the English line) or a table of lines by language folder name; as
    ``(language, line)`` pairs. A language left out, or given "", gets the kiosk's own line."""
    table = {"en": value} if isinstance(value, str) else value
    lines: list[tuple[str, str]] = []
    for language, text in table.items():
        where = f"welcome.{language}: " if isinstance(value, dict) else ""
        if not _LANGUAGE.fullmatch(language):
            raise _Invalid(f"{_quote(language)} is not a language folder name such as en, es or pt-BR; "
                           'write welcome = { en = "...", es = "..." }')
        if not isinstance(text, str):
            raise _Invalid(f"{where}expected text in quotes, found {_found(text)}")
        line = text.strip()
        if "\n" in line or "\r" in line:
            raise _Invalid(f"{where}must be a single line")
        if len(line) > WELCOME_LIMIT:
            raise _Invalid(f"{where}is {len(line)} characters long; at most {WELCOME_LIMIT} are allowed")
        if line:
            lines.append((language, line))
    return tuple(lines)


DISCLOSURE_LIMIT = 2000  # characters of one statement


def _check_disclosure(value: str | dict[str, Any], base: Path) -> str | tuple[tuple[str, str], ...]:
    """A plain text (the statement in every language) or a table of statements by language
    folder name, kept as ``(language, text)`` pairs."""
    table = {"": value} if isinstance(value, str) else value
    texts: list[tuple[str, str]] = []
    for language, text in table.items():
        where = f"disclosure.{language}: " if language else ""
        if language and not _LANGUAGE.fullmatch(language):
            raise _Invalid(f"{_quote(language)} is not a language folder name such as en, es or pt-BR; "
                           'write disclosure = { en = "...", es = "..." }')
        if not isinstance(text, str):
            raise _Invalid(f"{where}expected text in quotes, found {_found(text)}")
        if len(text.strip()) > DISCLOSURE_LIMIT:
            raise _Invalid(f"{where}is {len(text.strip())} characters long; at most {DISCLOSURE_LIMIT} "
                           "are allowed")
        texts.append((language, text))
    return value if isinstance(value, str) else tuple(texts)


def _resolve(value: str, base: Path) -> Path:
    if "\0" in value:
        raise _Invalid("must not contain a NUL character")
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # "~name/..." for a user this computer does not know
        user = value[1:].replace("\\", "/").split("/")[0]
        raise _Invalid(f"starts with '~{short(user, 40)}', but there is no such user on this computer; "
                       "write the whole path") from None
    return path if path.is_absolute() else base / path


def _kind(path: Path) -> str | None:
    """ "file", "folder", "other" or None (nothing there, or it cannot be looked at)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def _absolute(path: Path) -> str:
    """``path`` with its links resolved, else as given (a link loop cannot be resolved)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _check_logo(value: str, base: Path) -> str:
    if value == "":
        return ""
    path = _resolve(value, base)
    shown = short(path, 200)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise _Invalid(f"must be a .png, .jpg, .jpeg or .svg image, not {_quote(value)}")
    kind = _kind(path)
    if kind == "folder":
        raise _Invalid(f"is a folder, not an image file: {shown}")
    if kind is None:
        raise _Invalid(f"image file not found: {shown}")
    if kind != "file":
        raise _Invalid(f"is not a regular file: {shown}")
    return _absolute(path)


def _check_content_dir(value: str, base: Path) -> str:
    if value == "":
        return ""
    path = _resolve(value, base)
    shown = short(path, 200)
    kind = _kind(path)
    if kind in ("file", "other"):
        raise _Invalid(f"is a file, not a folder: {shown}")
    if kind is None:
        raise _Invalid(f"folder not found: {shown}")
    return _absolute(path)


def _check_accent_color(value: str, base: Path) -> str:
    if not is_color(value):
        raise _Invalid(f'must be a colour written as "#RRGGBB" (six hexadecimal digits, e.g. "#0B4F8A"), '
                       f"not {_quote(value)}")
    ratio = contrast_ratio(value, "#FFFFFF")
    if ratio < MIN_CONTRAST:
        shown = math.floor(ratio * 100) / 100
        raise _Invalid(f"white text on {value} has a contrast ratio of {shown:.2f}:1; at least "
                       f"{MIN_CONTRAST}:1 is needed, so choose a darker colour")
    return value


def _check_contrast(value: str, base: Path) -> str:
    if value not in CONTRASTS:
        raise _Invalid(f'must be "normal" or "high", not {_quote(value)}')
    return value


def _check_text_size(value: float, base: Path) -> float:
    if not (math.isfinite(value) and TEXT_SIZES[0] <= value <= TEXT_SIZES[1]):
        raise _Invalid(f"must be from {TEXT_SIZES[0]} (normal) to {TEXT_SIZES[1]} (half as large again), "
                       f"not {short(value, 20)}")
    return value


def _check_language(value: str, base: Path) -> str:
    if not _LANGUAGE.fullmatch(value):
        raise _Invalid(f'must be a language folder name such as "en", "es" or "pt-BR", not {_quote(value)}')
    return value


def _check_idle_timeout(value: int, base: Path) -> int:
    if value != 0 and not 30 <= value <= 3600:
        raise _Invalid("must be 0 (never go back to the start) or from 30 to 3600 seconds, "
                       f"not {short(value, 20)}")
    return value


def _check_idle_warning(value: int, base: Path) -> int:
    if not 5 <= value <= 60:
        raise _Invalid(f"must be from 5 to 60 seconds, not {short(value, 20)}")
    return value


def _check_mode(value: str, base: Path) -> str:
    if value not in MODES:
        raise _Invalid(f'must be "kiosk" (the waiting room) or "consult" (a clinician explaining), '
                       f"not {_quote(value)}")
    return value


def _check_consult_idle(value: int, base: Path) -> int:
    if value != 0 and not 60 <= value <= 7200:
        raise _Invalid("must be 0 (never) or from 60 to 7200 seconds, "
                       f"not {short(value, 20)}")
    return value


def _check_pin_hash(value: str, base: Path) -> str:
    if value != "" and not is_valid_hash(value):
        raise _Invalid("is not a PIN hash made by 'kiosk set-pin'; run 'kiosk set-pin' again "
                       '(or set it to "" for no staff PIN)')
    return value


@dataclass(frozen=True)
class Config:
    clinic_name: str = _setting(
        "Spine Care Clinic",
        "Name shown in the top bar and on the home screen (1 to 80 characters).",
        _check_clinic_name,
    )
    welcome: tuple[tuple[str, str], ...] = _setting(
        (),
        "Short welcome line under the clinic name on the home screen, in each language the kiosk "
        "shows (at most 200 characters each), for example:\n"
        '  welcome = { en = "Welcome to Riverside Spine.", es = "Bienvenido a Riverside Spine." }\n'
        'or one line per language: welcome.en = "..." and welcome.es = "...". A language without '
        "its own line shows the kiosk's standard welcome in that language ({}: in every language); "
        'a plain welcome = "..." is the English line.',
        _check_welcome,
        types=(str, dict),
    )
    disclosure: str | tuple[tuple[str, str], ...] = _setting(
        (("en", "This kiosk is for learning only. It does not give a diagnosis or medical advice. "
                "This is the example statement: the clinic has not yet said who checked these pages "
                "or who pays for this screen. Please talk with your doctor about your care."),
         ("es", "Esta pantalla es solo para aprender. No da un diagnóstico ni consejos médicos. "
                "Este es el texto de ejemplo: la clínica aún no ha dicho quién revisó estas páginas "
                "ni quién paga esta pantalla. Hable con su médico sobre su cuidado.")),
        "Clinic statement shown on the 'About this information' page (who reviewed the pages, "
        "any ties), in each language the kiosk shows:\n"
        '  disclosure.en = "Dr. Ana Ruiz reviewed these pages in 2026."\n'
        '  disclosure.es = "La Dra. Ana Ruiz revisó estas páginas en 2026."\n'
        'or on one line: disclosure = { en = "...", es = "..." }. A plain disclosure = "..." is '
        "shown in every language. A language without its own text shows the one in the start "
        "language (else the first one given).",
        _check_disclosure,
        types=(str, dict),
    )
    logo: str = _setting(
        "",
        "Clinic logo: a .png, .jpg, .jpeg or .svg file. A relative path is read from the folder "
        "of this settings file. Empty: no logo.",
        _check_logo,
    )
    accent_color: str = _setting(
        "#0B4F8A",
        'Colour of the main buttons, as "#RRGGBB". It must be dark enough for white text '
        "(a contrast ratio of at least 4.5:1).",
        _check_accent_color,
    )
    contrast: str = _setting(
        "normal",
        'Colours of the screens: "normal", or "high" for black text on white with darker buttons, '
        "every text at least 7:1 against its background (WCAG AAA), black labels and stronger "
        "outlines on the drawings. In high contrast accent_color is used only when white text on it "
        "reaches 7:1. Patients can switch high contrast on or off for their visit (the 'High "
        "contrast' button); the next visit starts with this setting again.",
        _check_contrast,
    )
    text_size: float = _setting(
        1.0,
        "Size of the text on the screens, from 1.0 (normal) to 1.5, e.g. 1.25: body text becomes "
        "this many times as large and every other text grows by as many pixels. The drawings' "
        "labels keep their size. Patients can choose 1.5 for their visit (the 'Larger text' "
        "button); the next visit starts with this setting again.",
        _check_text_size,
    )
    language: str = _setting(
        "en",
        'Language folder of the content shown at start, e.g. "en", "es" or "pt-BR". Patients can '
        "switch language for their visit; the next visit starts in this one again.",
        _check_language,
    )
    idle_timeout: int = _setting(
        90,
        "Seconds without a touch before the kiosk clears the visit and returns to the attract "
        "screen: 30 to 3600, or 0 to never reset (for a clinician's laptop).",
        _check_idle_timeout,
    )
    idle_warning: int = _setting(
        15,
        "Seconds the 'are you still there?' notice shows before that reset: 5 to 60, and less "
        "than idle_timeout.",
        _check_idle_warning,
    )
    content_dir: str = _setting(
        "",
        "Folder with the clinic's own content. A relative path is read from the folder of this "
        "settings file. Empty: the built-in content.",
        _check_content_dir,
    )
    statistics: bool = _setting(True, "Keep anonymous usage counts (true) or none at all (false).")
    printer: str = _setting(
        "",
        "Printer for handouts, by the name the operating system gives it. Empty: no printer, "
        "and printing is hidden.",
    )
    kiosk_mode: bool = _setting(
        True, "Full screen and locked, without window chrome (false: a normal window)."
    )
    mode: str = _setting(
        "kiosk",
        '"kiosk": the waiting-room kiosk. "consult": a clinician draws on the drawings with a '
        "patient (docs in the README's Consult mode); no attract screen, no lockdown, no counts.",
        _check_mode,
    )
    consult_idle_timeout: int = _setting(
        0,
        "Consult mode: seconds without a touch, click or key before the drawings and the selection "
        "are wiped as by 'Next patient' (the 'are you still there?' notice shows first, for "
        "idle_warning seconds): 0 (never, the default) or 60 to 7200.",
        _check_consult_idle,
    )
    hide_cursor: bool = _setting(False, "Hide the mouse pointer (for touch screens).")
    reduce_motion: bool = _setting(
        False,
        "Calm the screens for people upset by motion: highlights and panels appear at once instead "
        "of fading in, the attract screen's picture stands still (it moves to a new place once a "
        "minute, in one step, so nothing burns in) and its ring does not pulse, and Play shows an "
        "animation's key frames one after another instead of moving smoothly.",
    )
    read_aloud: bool = _setting(
        True,
        "Show a speaker button that reads each page, question and result aloud in the patient's "
        "language (needs a speech engine: speech-dispatcher on Linux). false: no button.",
    )
    admin_pin_hash: str = _setting(
        "",
        "Hash of the staff PIN, written by 'kiosk set-pin' (never the PIN itself). Empty: no "
        "staff PIN is set.",
        _check_pin_hash,
        repr=False,  # kept out of log lines
    )

    def disclosure_in(self, language: str) -> str:
        """The clinic's statement for the About page in ``language``: its own text, else the
        plain one, else the start language's, else the first given (a clinic that wrote it in
        one language only has it shown as it is)."""
        if isinstance(self.disclosure, str):
            return self.disclosure
        texts = dict(self.disclosure)
        for choice in (language, "", self.language):
            if choice in texts:
                return texts[choice]
        return next(iter(texts.values()), "")

    def welcome_in(self, language: str) -> str | None:
        """The clinic's own welcome line in ``language``, or None (then the kiosk's own is shown)."""
        return dict(self.welcome).get(language)

    @classmethod
    def describe(cls) -> list[tuple[str, object, str]]:
        return [(f.name, f.default, f.metadata["description"]) for f in fields(cls)]


DEFAULT = Config()
_FIELDS = {f.name: f for f in fields(Config)}
FIELD_NAMES = tuple(_FIELDS)


class ConfigError(Exception):
    """A settings file cannot be used. ``problems``: one each, written ``FILE:LINE: key 'NAME': message``."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


def default_config_path() -> Path:
    """Where the kiosk looks for its settings when no ``--config`` is given."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILE_NAME


# -- describing values in messages --

def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return json.dumps(shown, ensure_ascii=False)


def _found(value: object) -> str:
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({short(value, 20)})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        return f"text ({_quote(value)})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, datetime | date | time):
        return f"a date/time ({value.isoformat()})"
    return type(value).__name__


_EXPECTED = {str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false"}


def _wrong_type(kind: type, value: object) -> str:
    message = f"expected {_EXPECTED[kind]}, found {_found(value)}"
    if isinstance(value, dict):
        return message + "; this file has no tables: write each setting as a top-level 'key = value' line"
    if isinstance(value, list):
        return message + "; give a single value"
    if isinstance(value, str) and kind in (int, float) and re.fullmatch(r"\s*[0-9]+(\.[0-9]+)?\s*", value):
        return message + "; write the number without quotes"
    if isinstance(value, str) and kind is bool and value.strip().lower() in ("true", "false"):
        return message + "; write true or false without quotes"
    if isinstance(value, bool) and kind is str:
        return message + "; put text in quotes"
    return message


_CLOSE = 0.8  # difflib similarity of a typo and the key meant (idle_timout ~ idle_timeout: 0.96)


def closest_key(typed: str) -> str | None:
    """The setting a mistyped key most likely meant, or None when no key is close enough.

    A near-spelling of a whole key (``idle_timout``, ``accent-colour``), else of one word of
    exactly one key (``colour``: accent_color, ``cursor``: hide_cursor). Words of 4 letters or
    more only, so short or unrelated words suggest nothing.
    """
    if len(typed) > 64:  # no setting is that long: nothing to compare (and no slow comparing)
        return None
    word = typed.lower().replace("-", "_")
    match = difflib.get_close_matches(word, FIELD_NAMES, n=1, cutoff=_CLOSE)
    if match:
        return match[0]
    words = [w for w in word.split("_") if len(w) >= 4]
    found = {name for name in FIELD_NAMES for part in name.split("_") for w in words
             if len(part) >= 4 and difflib.SequenceMatcher(None, w, part).ratio() >= _CLOSE}
    return found.pop() if len(found) == 1 else None


def _unknown(key: str, value: object) -> str:
    message = "unknown key"
    match = None if isinstance(value, dict) else closest_key(key)  # a [table] is no typo of a key
    if match:
        message += f"; did you mean '{match}'?"
    else:
        message += "; 'kiosk config --example' lists every key"
    if isinstance(value, dict):
        message += " (this file has no tables: write each setting as a top-level 'key = value' line)"
    return message


def _typed(kind: type, value: object) -> bool:
    """``value`` has the type ``kind`` (exactly: TOML true/false is a bool, never a number);
    a whole number is a number too (``text_size = 1``)."""
    return type(value) is kind or (kind is float and type(value) is int)


def _validate(name: str, value: object, base: Path) -> object:
    spec = _FIELDS[name]
    kind = type(spec.default)
    if spec.metadata["types"]:
        if not isinstance(value, spec.metadata["types"]):
            raise _Invalid(f"expected text in quotes, or a table of texts by language "
                           f'({{ en = "...", es = "..." }}), found {_found(value)}')
        return spec.metadata["check"](value, base)
    if not _typed(kind, value):
        raise _Invalid(_wrong_type(kind, value))
    if kind is float:
        value = float(value)  # type: ignore[arg-type]  # a number: _typed checked it
    check = spec.metadata["check"]
    return check(value, base) if check else value


# -- reading --

def _problem(path: Path, line: int | None, key: str, message: str) -> Problem:
    return Problem(path, line or 0, message, key=key)


def _check_all(data: dict[str, Any], text: str, path: Path,
               base: Path) -> tuple[dict[str, Any], list[Problem]]:
    layout = scan_keys(text)
    values: dict[str, object] = {}
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(_problem(path, layout.line(key), key, message))

    for key, value in data.items():
        if key not in _FIELDS:
            report(key, _unknown(key, value))
            continue
        try:
            values[key] = _validate(key, value, base)
        except _Invalid as exc:
            report(key, str(exc))
    bad = {key for key in data if key not in values}
    if not bad & {"idle_timeout", "idle_warning"}:
        timeout: Any = values.get("idle_timeout", DEFAULT.idle_timeout)
        warning: Any = values.get("idle_warning", DEFAULT.idle_warning)
        if timeout != 0 and warning >= timeout:
            if "idle_warning" in data:
                report("idle_warning", f"must be smaller than idle_timeout ({timeout}), not {warning}")
            else:
                report("idle_timeout", f"must be larger than idle_warning ({warning}), not {timeout}")
    problems.sort(key=lambda problem: problem.line)
    return values, problems


def load_config(path: Path) -> Config:
    """Read and check a settings file. Raises ConfigError listing every problem."""
    path = Path(path)
    data, src, problems = read_toml(path)
    if data is None or src is None:
        raise ConfigError(problems)
    values, problems = _check_all(data, src.text, path, path.absolute().parent)
    if problems:
        raise ConfigError(problems)
    return Config(**values)


def _read_text(path: Path) -> str | None:
    try:
        return decode(read_bytes(Path(path), MAX_FILE_BYTES))
    except SourceError:
        return None


def key_line(path: Path, key: str) -> int | None:
    """The line (from 1) where the settings file ``path`` sets ``key``; None if it does not."""
    text = _read_text(path)
    return None if text is None else scan_keys(text).line(key)


def setting_note(path: Path | None, key: str, message: str, warning: bool = False) -> Problem:
    """A problem about a key, written ``FILE:LINE: key 'NAME': message``."""
    if path is None:
        return Problem(Path("(built-in defaults)"), 0, message, warning, key)
    return Problem(Path(path), key_line(path, key) or 0, message, warning, key)


def config_warnings(config: Config) -> list[tuple[str, str]]:
    """Settings that work but that a clinic should still change, as (key, message)."""
    found = []
    if config.welcome and config.welcome_in(config.language) is None:
        own = ", ".join(language for language, _ in config.welcome)
        found.append(("welcome", f"the clinic's welcome is written for {own} only (a plain text is the "
                                 f"English line), so the '{config.language}' home screen shows the kiosk's "
                                 f'standard one; add {config.language} = "..." to welcome = {{ ... }}'))
    examples = {DEFAULT.disclosure_in(language).strip() for language in ("en", "es")}
    given: list[str] = ([config.disclosure] if isinstance(config.disclosure, str)
                        else [text for _, text in config.disclosure])
    if any(text.strip() in examples for text in given):
        found.append(("disclosure", "this is still the example statement shipped with the kiosk; write "
                                    "the clinic's own (it is shown on the 'About this information' page)"))
    return found


def resolve_config(path: Path | None) -> tuple[Config, Path | None]:
    """The settings to use, and the file they came from (None: the built-in defaults).

    An explicit ``path`` must exist; otherwise :func:`default_config_path` is read when it
    exists. Raises ConfigError when the file chosen has problems.
    """
    if path is not None:
        return load_config(Path(path)), Path(path)
    default = default_config_path()
    if default.exists():
        return load_config(default), default
    return DEFAULT, None


# -- writing --

def _toml_string(text: str) -> str:
    # JSON string escaping is TOML basic-string escaping, except that TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)  # "1.0", "1.25": a TOML float
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, tuple):  # (key, text) pairs: an inline table
        pairs = ", ".join(f"{key} = {_toml_string(text)}" for key, text in value)
        return "{ " + pairs + " }" if value else "{}"
    raise TypeError(f"cannot write a {type(value).__name__} as a setting")


def example_toml() -> str:
    """A complete, commented settings file: every key, set to its default."""
    out = [
        "# Spine Kiosk settings (kiosk.toml).",
        "#",
        "# Every key is optional: a key left out keeps the default shown here.",
        "# The file is flat: top-level 'key = value' lines only, no [sections].",
        "# Check a file with 'kiosk config --check PATH'; see docs/configuration.md.",
    ]
    for name, default, description in Config.describe():
        out.append("")
        for paragraph in description.split("\n"):  # an indented line (an example) is kept whole
            out += ([f"#{paragraph}"] if paragraph.startswith("  ") else
                    textwrap.wrap(paragraph, width=98, initial_indent="# ", subsequent_indent="# ",
                                  break_on_hyphens=False))
        if isinstance(default, tuple) and default and name == "disclosure":  # one line per language
            out += [f"{name}.{language} = {_toml_string(text)}" for language, text in default]
        else:
            out.append(f"{name} = {_toml_value(default)}")
    return "\n".join(out) + "\n"


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def write_setting(path: Path, key: str, value: str | bool | int | float) -> None:
    """Set one key in a settings file, keeping every other line and comment.

    The file (and its folder) is created when missing. The new file is checked with
    :func:`load_config`; when it has problems the original is put back and ConfigError is
    raised with them.
    """
    path = Path(path)
    if key not in _FIELDS:
        raise ConfigError([_problem(path, None, key, _unknown(key, value))])
    kind = type(_FIELDS[key].default)
    types = _FIELDS[key].metadata["types"]
    if not (isinstance(value, types) if types else _typed(kind, value)):
        raise ConfigError([_problem(path, None, key, _wrong_type(kind, value))])
    try:
        original: bytes | None = read_bytes(path, MAX_FILE_BYTES)
    except SourceError as exc:
        if path.exists() or path.is_symlink():
            raise ConfigError([Problem(path, 0, exc.message)]) from None
        original = None
    try:
        text = original.decode("utf-8-sig") if original is not None else ""
    except UnicodeDecodeError:
        raise ConfigError([Problem(path, 0, "cannot read: not UTF-8 text")]) from None
    entry = f"{key} = {_toml_value(value)}" + ("\r" if "\r\n" in text else "")
    lines = text.split("\n") if text else []
    layout = scan_keys(text)
    if key in layout.keys:
        first, last = layout.keys[key]
        lines[first:last + 1] = [entry]
    elif layout.first_table is not None:
        lines.insert(layout.first_table, entry)
    elif lines and lines[-1] == "":
        lines.insert(len(lines) - 1, entry)
    else:
        lines += [entry, ""]
    if original is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o600
    else:
        mode = path.stat().st_mode & 0o7777
    if key == "admin_pin_hash":
        # A 4-digit PIN's hash can be brute-forced offline: only the kiosk's user may read it.
        mode &= 0o700
    _atomic_write(path, "\n".join(lines).encode("utf-8"), mode)
    try:
        load_config(path)
    except ConfigError:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            _atomic_write(path, original, mode)
        raise
