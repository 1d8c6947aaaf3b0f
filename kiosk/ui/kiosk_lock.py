"""Lockdown of the window itself: in kiosk mode it refuses to close and goes back to full
screen, until it is released for a real exit (the staff panel, Ctrl+C, ``systemctl stop``).

The keys and gestures are guarded by :class:`~kiosk.ui.lockdown.InputGuard`; this part only
answers whether the window may close or leave full screen now. A composition without
lockdown (a normal window) passes ``locked=False``: every close is allowed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

NO_WINDOW_MANAGER = ("offscreen", "minimal")  # platforms where full screen cannot be lost


class Lockdown:
    def __init__(self, locked: bool):
        self.locked = locked
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    def allows_close(self) -> bool:
        return not self.locked or self._released

    def release(self) -> None:
        """From now on the window may close (a deliberate exit)."""
        self._released = True

    def should_restore_full_screen(self, window: QWidget) -> bool:
        """True when something (a window manager shortcut) took a locked window out of full screen."""
        return (self.locked and not self._released and window.isVisible() and not window.isFullScreen()
                and QApplication.platformName() not in NO_WINDOW_MANAGER)
