"""Tell systemd how the kiosk is doing: the sd_notify protocol, standard library only.

When the kiosk runs as a ``Type=notify`` service (see ``deploy/spine-kiosk.service``),
systemd passes the address of a datagram socket in ``$NOTIFY_SOCKET``. The kiosk sends
``READY=1`` once its window is up, then ``WATCHDOG=1`` every :func:`watchdog_interval`
seconds from the GUI thread (a QTimer), so a frozen GUI misses its pings and systemd
restarts it. Outside systemd (a terminal, Windows, the tests) every call here is a
no-op that returns False.

Nothing here imports Qt and nothing here raises: a failed notification is logged at
debug level and never stops the kiosk.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)

# A send never blocks the GUI thread for longer than this.
_SEND_TIMEOUT_S = 1.0


def under_systemd() -> bool:
    """Whether systemd (or another service manager) is listening for notifications."""
    return bool(os.environ.get("NOTIFY_SOCKET"))


def _socket_address() -> str | None:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return None
    if address.startswith("@"):  # an abstract socket: no file, a leading NUL byte instead
        return "\0" + address[1:]
    if address.startswith("/"):
        return address
    log.debug("NOTIFY_SOCKET %r is neither a path nor an abstract socket; not notifying", address)
    return None


def notify(message: str) -> bool:
    """Send ``message`` (e.g. ``"READY=1"``) to ``$NOTIFY_SOCKET``; True if it was sent."""
    address = _socket_address()
    if address is None or not hasattr(socket, "AF_UNIX"):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.settimeout(_SEND_TIMEOUT_S)
            sock.sendto(message.encode("utf-8"), address)
    except (OSError, ValueError) as exc:  # ValueError: text that cannot be encoded
        log.debug("sd_notify %r failed: %s", message, exc)
        return False
    return True


def ready() -> bool:
    """Start-up is finished: systemd marks the service as started."""
    return notify("READY=1")


def watchdog_ping() -> bool:
    """The GUI thread is alive: resets systemd's watchdog timer."""
    return notify("WATCHDOG=1")


def stopping() -> bool:
    """The kiosk is shutting down on purpose."""
    return notify("STOPPING=1")


def status(text: str) -> bool:
    """A one-line status shown by ``systemctl --user status spine-kiosk``."""
    one_line = " ".join(text.splitlines())  # a newline would start a new assignment
    return notify(f"STATUS={one_line}")


def watchdog_interval() -> float | None:
    """Seconds between watchdog pings (half of ``WatchdogSec``), or None without a watchdog.

    systemd sets ``$WATCHDOG_USEC`` (microseconds) and ``$WATCHDOG_PID``; the watchdog is
    meant for this process only when ``$WATCHDOG_PID`` is unset or names this process.
    """
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = os.environ.get("WATCHDOG_PID")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    return usec / 2 / 1_000_000
