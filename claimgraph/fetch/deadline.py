"""A fetch's total deadline, enforced on the sockets themselves.

requests' timeouts apply to each socket operation, so a server that sends one byte a second (in
the headers, the body or the TLS handshake) never trips them. Every socket a fetch uses is
registered with the deadline of the fetch running on that thread; when it passes, a timer shuts
the sockets down, which ends any blocking read at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

__all__ = ["DeadlineWatch", "deadline_watch", "watch_socket"]

_local = threading.local()


class DeadlineWatch:
    """The sockets of one fetch and whether its deadline has passed."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self.expire)
        self._timer.daemon = True

    def add(self, sock: socket.socket) -> None:
        """Watch one more socket (shut at once if the deadline already passed)."""
        with self._lock:
            self._sockets.append(sock)
            late = self.expired
        if late:
            _shut(sock)

    def expire(self) -> None:
        """Mark the deadline passed and shut every watched socket."""
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def passed(self) -> bool:
        """Whether the deadline has passed (by the timer or the clock)."""
        return self.expired or time.monotonic() >= self.deadline


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def deadline_watch(deadline: float) -> Iterator[DeadlineWatch]:
    """Enforce ``deadline`` (monotonic) on every socket this thread opens or reuses meanwhile."""
    watch = DeadlineWatch(deadline)
    previous = getattr(_local, "watch", None)
    _local.watch = watch
    watch._timer.start()
    try:
        yield watch
    finally:
        watch._timer.cancel()
        _local.watch = previous


def watch_socket(sock: socket.socket | None) -> None:
    """Put a socket under the deadline of the fetch running on this thread, if any."""
    watch = getattr(_local, "watch", None)
    if watch is not None and sock is not None:
        watch.add(sock)
