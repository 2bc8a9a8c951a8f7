"""How long `claimgraph --help` (target: under 0.3 s) and the offline sample audit (target: under 1 s) take.

Prints the median of several runs of each command in a fresh interpreter, beside the interpreter
alone (``python -c pass``) measured in the same run, and the load average; figures only, no asserts.
The sample audit runs in a scratch folder with its default store, after one unmeasured run that
creates the store (a re-run, as a user re-auditing sees it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7
COMMANDS = {
    "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
    "claimgraph --help": [sys.executable, "-m", "claimgraph", "--help"],
    "claimgraph --version": [sys.executable, "-m", "claimgraph", "--version"],
    "claimgraph audit --help": [sys.executable, "-m", "claimgraph", "audit", "--help"],
    "claimgraph audit (sample, offline, re-run)": [sys.executable, "-m", "claimgraph", "audit"],
    "claimgraph audit --store none (sample)": [sys.executable, "-m", "claimgraph", "audit", "--store", "none"],
}


def median_seconds(command: list[str], cwd: str, env: dict[str, str]) -> tuple[float, float]:
    """The median wall time and median CPU time (user + system) of RUNS runs of a command."""
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)  # warm caches, create the store
    walls, cpus = [], []
    for _ in range(RUNS):
        before = os.times()
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
        walls.append(time.perf_counter() - started)
        after = os.times()
        cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Print one line per command."""
    # Bytecode caches on, as an installed package has them (pip compiles on install); a few
    # environments set PYTHONDONTWRITEBYTECODE, which makes every run recompile ~230 modules.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLAIMGRAPH_") and k != "PYTHONDONTWRITEBYTECODE"}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    baseline = None
    with tempfile.TemporaryDirectory() as scratch:
        for label, command in COMMANDS.items():
            wall, cpu = median_seconds(command, scratch, env)
            baseline = baseline or wall
            print(f"{label:44} {wall * 1000:7.0f} ms wall ({wall / baseline:5.1f}x python -c pass), "
                  f"{cpu * 1000:6.0f} ms CPU (medians of {RUNS})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    probe = ("import sys; from claimgraph.cli import build_parser; build_parser(); "
             "print(len([m for m in sys.modules if m.startswith('claimgraph')]), "
             "'rdflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    count, rdflib_loaded = out.split()
    print(f"modules of claimgraph loaded by --help: {count}; rdflib loaded: {rdflib_loaded}")


if __name__ == "__main__":
    main()
