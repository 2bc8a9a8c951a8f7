"""Link-check speed: 1,000 zoo links with 50 ms latency, claimgraph against the ideal and LinkChecker.

Usage: python benchmarks/link_check.py [--links N] [--latency S] [--per-host K] [--skip-linkchecker]

The ideal is links × latency ÷ allowed concurrency (all links are on one host, so the per-host
limit is the allowed concurrency). The zoo counts requests in flight to prove the limit holds.
LinkChecker (PyPI ``linkchecker``) checks the same links, reached from an index page, with its
default politeness.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from zoo import start_zoo  # noqa: E402

from claimgraph.fetch import FetchConfig, check_links  # noqa: E402


def run_claimgraph(zoo, links: int, per_host: int) -> tuple[float, dict[str, int]]:
    """Seconds to check the links, and how many came out in each health class."""
    config = FetchConfig(per_host_concurrency=per_host, per_host_interval=0.0,
                         workers=per_host * 2, retries=0, head_first=True)
    config.base_urls["wayback"] = f"{zoo.base}/wayback/available"  # dead links look it up
    urls = [f"{zoo.base}/bench/{i}" for i in range(1, links + 1)]
    started = time.perf_counter()
    found = check_links(urls, config=replace(config, allow_private=True))
    seconds = time.perf_counter() - started
    counts: dict[str, int] = {}
    for source in found.values():
        counts[source.health] = counts.get(source.health, 0) + 1
    return seconds, counts


def run_linkchecker(zoo, links: int) -> tuple[float | None, str]:
    """Seconds LinkChecker takes on the same links, and its closing line."""
    binary = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    if not Path(binary).exists():
        return None, "linkchecker is not installed (pip install linkchecker)"
    command = [binary, "--no-warnings", "-r", "1", "-o", "text",
               f"{zoo.base}/bench-index.html?n={links}"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    summary = re.findall(r"That's it\..*", done.stdout) or done.stdout.strip().splitlines()[-1:]
    return seconds, summary[0] if summary else f"exit {done.returncode}"


def main() -> int:
    """Run both checkers against a fresh zoo and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--skip-linkchecker", action="store_true")
    args = parser.parse_args()

    zoo = start_zoo(latency=args.latency)
    ideal = args.links * args.latency / args.per_host
    seconds, counts = run_claimgraph(zoo, args.links, args.per_host)
    requests, peak = zoo.total, zoo.max_in_flight
    print(f"{args.links} links on one host, {args.latency * 1000:.0f} ms latency each, "
          f"per-host limit {args.per_host}")
    print(f"ideal (links × latency ÷ concurrency): {ideal:6.2f} s")
    print(f"claimgraph:                            {seconds:6.2f} s  = {seconds / ideal:.2f}× ideal;"
          f" {requests} requests; most in flight {peak} (limit {args.per_host}: "
          f"{'kept' if peak <= args.per_host else 'EXCEEDED'})")
    print(f"  health: {', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}")
    if not args.skip_linkchecker:
        zoo.reset()
        lc_seconds, summary = run_linkchecker(zoo, args.links)
        if lc_seconds is None:
            print(f"LinkChecker: {summary}")
        else:
            print(f"LinkChecker:                           {lc_seconds:6.2f} s  = "
                  f"{lc_seconds / ideal:.2f}× ideal; {zoo.total} requests; most in flight "
                  f"{zoo.max_in_flight}; claimgraph is {lc_seconds / seconds:.1f}× faster")
            print(f"  LinkChecker says: {summary}")
    zoo.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
