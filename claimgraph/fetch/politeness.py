"""Politeness: at most N requests in flight per host, a gap between request starts, Retry-After."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class HostLimiter:
    """Per-host concurrency and rate limits shared by every worker thread."""

    def __init__(self, concurrency: int = 2, interval: float = 0.0) -> None:
        self.concurrency = max(1, concurrency)
        self.interval = max(0.0, interval)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._paused_until: dict[str, float] = {}

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.concurrency)
            return self._slots[host]

    def pause(self, host: str, seconds: float) -> None:
        """Hold every request to a host for a while (a 429 or 503 with Retry-After)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._paused_until[host] = max(self._paused_until.get(host, 0.0), until)

    def _wait_turn(self, host: str) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                start = max(self._next_start.get(host, now), self._paused_until.get(host, now), now)
                if start <= now:
                    self._next_start[host] = now + self.interval
                    return
            time.sleep(min(start - now, 1.0))

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's request slots for the duration of a request."""
        semaphore = self._slot(host)
        semaphore.acquire()
        try:
            self._wait_turn(host)
            yield
        finally:
            semaphore.release()


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a Retry-After header asks us to wait (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
