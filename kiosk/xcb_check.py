"""Before a window opens on X11: are the libraries of Qt's xcb platform plugin installed?

When one is missing, Qt aborts with "could not load the Qt platform plugin xcb" and a hint
that names libxcb-cursor0, whichever library is really missing. :func:`missing_packages`
loads each library the plugin links against (with ctypes, as the plugin loader would) and
names the Debian packages that are missing, so the kiosk can say so in one line instead.

No Qt here: it runs before the application exists. ``XCB_LIBRARIES`` lists what
``libqxcb.so`` and ``libQt6XcbQpa.so.6`` need outside Qt itself; a test compares it with the
installed plugin's own list of dependencies.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The shared library (as the plugin names it) -> the Debian / Ubuntu package that has it.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
# "libxcb-icccm.so.4: cannot open shared object file: No such file or directory"
_MISSING = re.compile(r"(lib[^\s:/]+\.so[.\d]*): cannot open shared object file")

Loader = Callable[[str], str | None]  # a library -> why it cannot be loaded (None: it can)


def will_use_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt is going to show the window through its xcb (X11) platform plugin.

    ``QT_QPA_PLATFORM`` decides when it is set (its first entry); otherwise Linux desktops
    use X11 unless the session is a Wayland one.
    """
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return False
    return bool(env.get("DISPLAY"))


def _bundle_dir() -> Path | None:
    folder = getattr(sys, "_MEIPASS", None)  # the frozen bundle carries some of these itself
    return Path(folder) if folder else None


def load_library(name: str) -> str | None:
    """Load ``name`` as the plugin loader would; None if it loads, else the loader's reason."""
    bundle = _bundle_dir()
    target = str(bundle / name) if bundle is not None and (bundle / name).exists() else name
    try:
        ctypes.CDLL(target)
    except OSError as exc:
        return str(exc)
    return None


def missing_packages(load: Loader | None = None) -> list[str]:
    """The Debian packages whose libraries the xcb plugin cannot load, in a stable order.

    A library that is there but needs another that is missing counts as that other one (the
    loader's message names it); a library with no known package is named by its file name.
    """
    load = load or load_library
    missing: list[str] = []
    for library in XCB_LIBRARIES:
        reason = load(library)
        if reason is None:
            continue
        named = _MISSING.search(reason)
        culprit = named.group(1) if named else library
        name = XCB_LIBRARIES.get(culprit, culprit)
        if name not in missing:
            missing.append(name)
    return missing


def message(missing: list[str]) -> str:
    """One line for the terminal and the log, naming what to install."""
    packages = [name for name in missing if ".so" not in name]
    files = [name for name in missing if ".so" in name]
    text = ("kiosk: cannot open a window on X11: Qt's xcb platform plugin needs libraries that are "
            "not installed")
    if packages:
        text += f"; install them with: sudo apt-get install {' '.join(packages)}"
    if files:
        text += f"; also missing: {', '.join(files)}"
    return text
