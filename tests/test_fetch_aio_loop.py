"""The asyncio client's loop choice, its per-host slot and its cached per-origin checks."""

from __future__ import annotations

import asyncio
import re

import pytest

from claimgraph.fetch import safety
from claimgraph.fetch.aio_client import AsyncFetcher, _now_iso
from claimgraph.fetch.aio_limits import AsyncHostLimiter
from claimgraph.fetch.aio_loop import loop_factory, run_on_new_loop
from claimgraph.fetch.config import FetchConfig


def test_the_standard_loop_by_default(monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_EVENT_LOOP", raising=False)
    assert loop_factory() is None

    async def kind() -> str:
        return type(asyncio.get_running_loop()).__module__

    assert run_on_new_loop(kind()).startswith("asyncio")


def test_uvloop_when_asked_and_installed(monkeypatch):
    uvloop = pytest.importorskip("uvloop")
    monkeypatch.setenv("CLAIMGRAPH_EVENT_LOOP", "uvloop")
    assert loop_factory() is uvloop.new_event_loop

    async def running() -> bool:
        return isinstance(asyncio.get_running_loop(), uvloop.Loop)

    assert run_on_new_loop(running())


def test_a_run_hands_back_its_value_and_its_error():
    async def value() -> dict[str, int]:
        return {"a": 1}

    async def broken() -> None:
        raise ValueError("boom")

    assert run_on_new_loop(value()) == {"a": 1}
    with pytest.raises(ValueError, match="boom"):
        run_on_new_loop(broken())


def test_a_cancelled_wait_gives_the_host_slot_back():
    async def scenario() -> int:
        limiter = AsyncHostLimiter(concurrency=1, interval=5.0)
        async with limiter.slot("h"):
            pass  # books the next start 5 s away
        waiting = asyncio.ensure_future(limiter.slot("h").__aenter__())
        await asyncio.sleep(0.01)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return limiter._slots["h"]._value

    assert run_on_new_loop(scenario()) == 1  # the one slot is free again, not leaked


def test_a_refused_origin_stays_refused_on_every_link():
    async def scenario() -> list[str]:
        fetcher = AsyncFetcher(FetchConfig(allow_private=True))
        reasons = []
        for url in ("ftp://example.org/a", "ftp://example.org/b", "http:///no-host"):
            try:
                await fetcher._guard(url)
                reasons.append("")
            except safety.RefusedAddress as error:
                reasons.append(str(error))
        await fetcher._guard("http://example.org/fine")  # another origin passes
        return reasons

    first, second, third = run_on_new_loop(scenario())
    assert "only http" in first and first == second
    assert "no host" in third


def test_fetch_times_are_iso_utc_seconds():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", _now_iso())


def test_names_resolve_through_the_socket_module_on_any_loop(monkeypatch):
    """uvloop resolves in libuv; ours asks socket.getaddrinfo, as the guard and the sync client do."""
    import socket

    from claimgraph.fetch.aio_resolver import GuardedResolver, SystemResolver

    real = socket.getaddrinfo
    asked: list[str] = []

    def stand_in(host, port, *args, **kwargs):
        asked.append(host)
        return real("127.0.0.1" if host == "stand-in.test" else host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stand_in)

    async def scenario() -> tuple[list[str], str]:
        found = await SystemResolver().resolve("stand-in.test", 80, socket.AF_INET)
        try:
            await GuardedResolver().resolve("stand-in.test", 80, socket.AF_INET)
            refused = ""
        except safety.RefusedAddress as error:
            refused = str(error)
        return [result["host"] for result in found], refused

    monkeypatch.setenv("CLAIMGRAPH_EVENT_LOOP", "uvloop")  # where the bypass was seen (if installed)
    hosts, refused = run_on_new_loop(scenario())
    assert hosts == ["127.0.0.1"] and asked == ["stand-in.test", "stand-in.test"]
    assert "loopback" in refused
