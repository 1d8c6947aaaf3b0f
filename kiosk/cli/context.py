"""What every command works from, resolved once: the settings, the content folder, the language.

:class:`Context` reads the settings file (``--config``, else the user's kiosk.toml, else the
built-in defaults) the first time a command asks for it, applies ``--language``, and finds the
content folder (``--content``, else the settings' ``content_dir``, else the built-in content).
:meth:`Context.content` loads the content once; :meth:`Context.load` reads it again from the
folder (a staff reload). :meth:`Context.make_window` builds the kiosk's window on it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from kiosk.domain.config import Config, ConfigError, resolve_config
from kiosk.domain.problems import Problem
from kiosk.resources import default_content_dir


class ConfigRefused(Exception):
    """The settings file has problems: the kiosk does not start (``main`` exits 2)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def diagram_cache() -> Path:
    """Where the kiosk keeps its parsed drawings (a cache: deleting it only slows one start)."""
    import platformdirs

    from kiosk.domain.config import APP_NAME

    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "diagrams"


class Context:
    def __init__(self, args):
        self.args = args
        self.config_given: Path | None = getattr(args, "config", None)
        self.content_given: Path | None = getattr(args, "content", None)
        self.language_given: str | None = getattr(args, "language", None)
        self.config_source: Path | None = None  # the settings file read (None: the defaults)
        self._loaded: dict[str, tuple] = {}

    @cached_property
    def config(self) -> Config:
        """The settings with ``--language`` applied. Raises ConfigRefused for a broken file."""
        try:
            config, source = resolve_config(self.config_given)
        except ConfigError as exc:
            raise ConfigRefused(exc.problems) from None
        logging.getLogger("kiosk").info("settings: %s", source or "built-in defaults")
        self.config_source = source
        return replace(config, language=self.language_given) if self.language_given else config

    @cached_property
    def content_root(self) -> Path:
        configured = Path(self.config.content_dir) if self.config.content_dir else None
        return self.content_given or configured or default_content_dir()

    @property
    def language(self) -> str:
        return self.config.language

    def load(self, language: str | None = None):
        """The content and its problems, read from the folder now."""
        from kiosk.domain.content import load_content

        return load_content(self.content_root, language or self.language, diagram_cache=diagram_cache())

    def content(self, language: str | None = None):
        """The content and its problems, loaded once per language."""
        language = language or self.language
        if language not in self._loaded:
            self._loaded[language] = self.load(language)
        return self._loaded[language]

    def languages(self) -> list[str]:
        from kiosk.domain.content import content_languages

        return content_languages(self.content_root) or [self.language]

    def make_window(self, config: Config | None = None, counter=None):
        """The QApplication and the kiosk's window on this content (``config``: the settings
        with a command's own changes, such as ``--windowed``)."""
        from kiosk.ui.app import create_app
        from kiosk.ui.crash import install_qt_message_handler
        from kiosk.ui.shell import KioskWindow

        install_qt_message_handler()  # first: Qt's own chatter goes to the log, not the terminal
        config = config or self.config
        app = create_app(config)
        content, problems = self.content()
        window = KioskWindow(config, content, problems, loader=self.load, counter=counter,
                             config_path=self.config_source, languages=self.languages())
        return app, window
