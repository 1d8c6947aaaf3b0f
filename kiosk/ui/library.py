"""The content the window can show, per language: loaded once, kept for quick switching."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from kiosk.domain.content import ContentSet
from kiosk.domain.problems import Problem
from kiosk.ui.crash import describe_error

log = logging.getLogger(__name__)

ContentLoader = Callable[[str], tuple[ContentSet, list[Problem]]]  # language -> content


def showable(content: ContentSet | None, problems: list[Problem]) -> TypeGuard[ContentSet]:
    return not problems and content is not None and bool(content.diagrams)


class ContentLibrary:
    """Wraps the loader (None: nothing can be loaded again, as in tests and screenshots)."""

    def __init__(self, loader: ContentLoader | None = None):
        self.loader = loader
        self._kept: dict[str, ContentSet] = {}

    @property
    def can_load(self) -> bool:
        return self.loader is not None

    def keep(self, content: ContentSet) -> None:
        self._kept[content.language] = content

    def forget(self) -> None:
        """Read everything from the folder again next time (a reload)."""
        self._kept.clear()

    def load(self, language: str) -> tuple[ContentSet | None, list[Problem]]:
        """The loader's content and problems; an error in it is one more problem to list."""
        assert self.loader is not None
        try:
            return self.loader(language)
        except Exception as exc:
            log.error("loading the content failed: %s", describe_error(type(exc), exc, exc.__traceback__))
            message = f"the content could not be loaded ({type(exc).__name__})"
            return None, [Problem(Path(language), 0, message)]

    def content_in(self, language: str) -> ContentSet | None:
        """The content in ``language``: kept from its first use, else loaded now. None when it
        cannot be loaded, or has problems (the kiosk then stays in its language)."""
        content = self._kept.get(language)
        if content is None and self.loader is not None:
            content, problems = self.load(language)
            if not showable(content, problems):
                for problem in problems:
                    log.error("content problem ('%s' not offered): %s", language, problem)
                return None
            self._kept[language] = content
        return content
