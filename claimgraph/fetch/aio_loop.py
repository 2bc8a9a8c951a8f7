"""Which event loop runs the asyncio client: the standard one, or uvloop when asked and installed.

``CLAIMGRAPH_EVENT_LOOP=uvloop`` picks uvloop (not a dependency). On the 10,000-link benchmark it
saved no CPU here (aiohttp's own Python work per request dominates the loop's), so it is not the
default; the client's name resolution goes through ``socket.getaddrinfo`` on either loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from claimgraph import settings

T = TypeVar("T")

__all__ = ["loop_factory", "run_on_new_loop"]


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop constructor when asked for and installed, else None (the standard loop)."""
    if settings.get("CLAIMGRAPH_EVENT_LOOP").lower() != "uvloop":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run_on_new_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on a new loop of the chosen kind (as ``asyncio.run`` does)."""
    box: list[T] = []

    async def main() -> None:
        # The value is handed over beside the task, not as its result: on the main thread the
        # runner's SIGINT check ends in repr() of the finished task, which formats its result
        # in full (0.2 s for 10,000 Sources).
        box.append(await coroutine)

    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(main())
    return box[0]
