"""Resolve bundled resources the same way from a source checkout and a frozen build.

Every file the app reads from its own distribution (content, diagrams, fonts,
translations) is found through :func:`resource_path`, so PyInstaller bundles and
source runs cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _base_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    # kiosk/resources.py -> project root
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a bundled resource, e.g. ``resource_path("content")``."""
    return _base_dir().joinpath(*parts)


def default_content_dir() -> Path:
    return resource_path("content")


def default_diagrams_dir() -> Path:
    return resource_path("assets", "diagrams")


def default_animations_dir() -> Path:
    return resource_path("assets", "animations")


def font_files() -> list[Path]:
    """The Atkinson Hyperlegible font files (bundled copy first, then the PyPI package)."""
    bundled = resource_path("fonts")
    if bundled.is_dir():
        return sorted(bundled.glob("*.ttf"))
    try:
        import fontpkg_atkinson_hyperlegible as font_pkg
    except ImportError:  # pragma: no cover - a broken install; the app falls back to a system font
        return []
    return sorted((Path(font_pkg.ROOT) / "files").glob("*.ttf"))


def default_icons_dir() -> Path:
    return resource_path("assets", "icons")
