"""A progress bar on stderr for long runs, and a one-paragraph summary at the end."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from typing import TextIO


class Progress:
    """A thread-safe bar: ``update(health)`` after each link; silent when disabled."""

    def __init__(self, total: int, *, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.total, self.enabled = total, enabled and total > 0
        self.stream = stream or sys.stderr
        self.done = 0
        self.health: Counter[str] = Counter()
        self.started = time.monotonic()
        self._lock = threading.Lock()

    def update(self, health: str) -> None:
        """Count one finished link and redraw."""
        with self._lock:
            self.done += 1
            self.health[health] += 1
            if self.enabled:
                width = 30
                filled = int(width * self.done / self.total)
                counts = " ".join(f"{k}:{v}" for k, v in sorted(self.health.items()))
                self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                                  f"{self.done}/{self.total} {counts}  ")
                self.stream.flush()

    def close(self, requests: int, cache_hits: int) -> None:
        """Finish the bar and print the summary."""
        if self.enabled:
            self.stream.write("\n" + summary(self.health, requests, cache_hits,
                                             time.monotonic() - self.started) + "\n")
            self.stream.flush()


def summary(health: Counter[str], requests: int, cache_hits: int, seconds: float) -> str:
    """One line: how many links in each health class, and what went over the network."""
    counts = ", ".join(f"{v} {k}" for k, v in sorted(health.items(), key=lambda kv: -kv[1]))
    return (f"checked {sum(health.values())} links in {seconds:.1f} s: {counts or 'none'}; "
            f"{requests} network requests, {cache_hits} from captures")
