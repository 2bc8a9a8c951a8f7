"""Politeness for the asyncio client: per-host concurrency, a gap between starts, Retry-After pauses."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class AsyncHostLimiter:
    """The asyncio twin of ``politeness.HostLimiter``: the same rules, kept on one event loop."""

    def __init__(self, concurrency: int = 2, interval: float = 0.0) -> None:
        self.concurrency = max(1, concurrency)
        self.interval = max(0.0, interval)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._paused_until: dict[str, float] = {}
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}

    def pause(self, host: str, seconds: float) -> None:
        """Hold every request to a host for a while (a 429 or 503 with Retry-After)."""
        until = time.monotonic() + seconds
        self._paused_until[host] = max(self._paused_until.get(host, 0.0), until)

    async def _wait_turn(self, host: str) -> None:
        # One event loop runs this, so reading and booking the next start cannot interleave.
        while True:
            now = time.monotonic()
            start = max(self._next_start.get(host, now), self._paused_until.get(host, now), now)
            if start <= now:
                self._next_start[host] = now + self.interval
                return
            await asyncio.sleep(min(start - now, 1.0))

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots for the duration of a request."""
        semaphore = self._slots.get(host)
        if semaphore is None:
            semaphore = self._slots[host] = asyncio.Semaphore(self.concurrency)
        async with semaphore:
            await self._wait_turn(host)
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self.in_flight[host])
            try:
                yield
            finally:
                self.in_flight[host] -= 1
