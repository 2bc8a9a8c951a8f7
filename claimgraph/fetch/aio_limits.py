"""Politeness for the asyncio client: per-host concurrency, a gap between starts, Retry-After pauses."""

from __future__ import annotations

import asyncio
import time


class AsyncHostLimiter:
    """Per-host limits on one event loop: at most N requests in flight, a gap between starts,
    and a pause a Retry-After asks for."""

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

    def slot(self, host: str) -> HostSlot:
        """One of the host's request slots, held for the duration of a request (``async with``)."""
        return HostSlot(self, host)

    def _semaphore(self, host: str) -> asyncio.Semaphore:
        semaphore = self._slots.get(host)
        if semaphore is None:
            semaphore = self._slots[host] = asyncio.Semaphore(self.concurrency)
        return semaphore


class HostSlot:
    """``async with limiter.slot(host)``: a plain context manager, no generator per request."""

    __slots__ = ("host", "limiter")

    def __init__(self, limiter: AsyncHostLimiter, host: str) -> None:
        self.limiter, self.host = limiter, host

    async def __aenter__(self) -> None:
        limiter, host = self.limiter, self.host
        semaphore = limiter._semaphore(host)
        await semaphore.acquire()
        try:
            await limiter._wait_turn(host)
        except BaseException:
            semaphore.release()
            raise
        count = limiter.in_flight[host] = limiter.in_flight.get(host, 0) + 1
        if count > limiter.max_in_flight.get(host, 0):
            limiter.max_in_flight[host] = count

    async def __aexit__(self, *exc: object) -> None:
        limiter = self.limiter
        limiter.in_flight[self.host] -= 1
        limiter._slots[self.host].release()
