"""How long `claimgraph --help` and `--version` take (target: under 0.3 s), and what they import.

Prints the median of several runs of each command in a fresh interpreter; figures only, no asserts.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
COMMANDS = {
    "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
    "claimgraph --help": [sys.executable, "-m", "claimgraph", "--help"],
    "claimgraph --version": [sys.executable, "-m", "claimgraph", "--version"],
    "claimgraph audit --help": [sys.executable, "-m", "claimgraph", "audit", "--help"],
}


def median_seconds(command: list[str]) -> float:
    """The median wall time of RUNS runs of a command."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print one line per command."""
    for label, command in COMMANDS.items():
        print(f"{label:40} {median_seconds(command) * 1000:7.0f} ms (median of {RUNS})")
    probe = ("import sys; from claimgraph.cli import build_parser; build_parser(); "
             "print(len([m for m in sys.modules if m.startswith('claimgraph')]), "
             "'rdflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    count, rdflib_loaded = out.split()
    print(f"modules of claimgraph loaded by --help: {count}; rdflib loaded: {rdflib_loaded}")


if __name__ == "__main__":
    main()
