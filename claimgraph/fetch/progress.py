"""Progress of a long fetch, reported through a callback; the CLI or the explorer draws it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

ProgressCallback = Callable[[int, int, dict[str, int]], None]  # (done, total, counts by health)

__all__ = ["Progress", "ProgressCallback", "summary"]


class Progress:
    """Thread-safe counting: ``update(health)`` after each link calls ``report`` (if any)."""

    def __init__(self, total: int, *, report: ProgressCallback | None = None) -> None:
        self.total, self.report = total, report if total > 0 else None
        self.done = 0
        self.health: Counter[str] = Counter()
        self._lock = threading.Lock()
        if self.report is not None:
            self.report(0, total, {})  # say at once that work has started

    def update(self, health: str) -> None:
        """Count one finished link and report it."""
        with self._lock:
            self.done += 1
            self.health[health] += 1
            if self.report is not None:
                self.report(self.done, self.total, dict(self.health))


def summary(health: Counter[str], requests: int, cache_hits: int, seconds: float) -> str:
    """One line: how many links in each health class, and what went over the network."""
    counts = ", ".join(f"{v} {k}" for k, v in sorted(health.items(), key=lambda kv: -kv[1]))
    return (f"checked {sum(health.values())} links in {seconds:.1f} s: {counts or 'none'}; "
            f"{requests} network requests, {cache_hits} from captures")
