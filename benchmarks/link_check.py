"""Link-check speed on a many-host zoo: claimgraph, LinkChecker and the ideal, in one run.

Usage: python benchmarks/link_check.py [--scenario 600x60 --scenario 10000x600] [--latency S]
                                       [--skip-linkchecker] [--also-uvloop] [--one-host]

Each scenario is LINKSxHOSTS: servers on 127.0.0.2 … (one asyncio process listening on every
address), 50 ms latency per answer, every tenth link a 404, the links spread round-robin over the
hosts. claimgraph checks them with its default politeness (2 in flight and 0.25 s between
starts per host, robots.txt read) in health-only mode without archive lookups (LinkChecker does
none either), in a child process whose peak memory is read from the kernel. The ideal is the
busiest host's links ÷ its concurrency, the starts 0.25 s apart: (k - 1) × 0.25 s + latency.
LinkChecker (PyPI ``linkchecker``, in the dev extra) checks the same links from an index page
(``-r 1 --check-extern``). The zoo's own CPU is printed beside each tool's (it runs in this
process, on a thread, while the tool runs in a child). ``--also-uvloop`` checks the links a second
time on uvloop (``CLAIMGRAPH_EVENT_LOOP=uvloop``) against the same zoo.
``--one-host`` runs the older single-host benchmark.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from zoo.hosts import HostZoo  # noqa: E402

INTERVAL = 0.25  # FetchConfig's default per-host interval
CONCURRENCY = 2  # FetchConfig's default per-host concurrency


def check_in_child(urls_file: Path, loop: str = "") -> dict:
    """Run claimgraph's check in a child process; its seconds, health counts, peak RSS (MB) and
    the zoo's CPU meanwhile (this process's, whose main thread only waits)."""
    command = [sys.executable, __file__, "--child", str(urls_file)]
    env = dict(os.environ, CLAIMGRAPH_EVENT_LOOP=loop) if loop else None
    started, zoo_cpu = time.perf_counter(), time.process_time()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    zoo_cpu = time.process_time() - zoo_cpu
    output = child.stdout.read() if child.stdout else ""
    if status != 0 or not output.strip():
        return {"error": f"child exit status {status}"}
    result = json.loads(output)
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    result["process_seconds"] = wall
    result["zoo_cpu"] = zoo_cpu
    return result


def child(urls_file: Path) -> int:
    """The child side: check the listed links with the default politeness, print JSON."""
    from claimgraph.fetch import FetchConfig, check_links
    from claimgraph.fetch.aio_loop import loop_factory

    urls = urls_file.read_text().split()
    config = FetchConfig(retries=0)
    started = time.perf_counter()
    found = check_links(urls, config=replace(config, allow_private=True), archive=False)
    seconds = time.perf_counter() - started
    counts: dict[str, int] = {}
    for source in found.values():
        counts[source.health] = counts.get(source.health, 0) + 1
    print(json.dumps({"seconds": seconds, "health": counts,
                      "loop": "asyncio" if loop_factory() is None else "uvloop"}))
    return 0


def run_linkchecker(index_url: str) -> tuple[float | None, str]:
    """Seconds LinkChecker takes on the links of an index page, and its closing line."""
    binary = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    if not Path(binary).exists():
        return None, "linkchecker is not installed (pip install linkchecker)"
    command = [binary, "--no-warnings", "-r", "1", "--check-extern", "-o", "text", index_url]
    started, zoo_cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        zoo_cpu = time.process_time() - zoo_cpu
        out.seek(0)
        stdout = out.read()
    summary = re.findall(r"That's it\..*", stdout) or stdout.strip().splitlines()[-1:]
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, (summary[0] if summary else f"exit {status}") + (
        f" (CPU {cpu:.2f} s; the zoo's CPU meanwhile {zoo_cpu:.2f} s)")


def scenario(links: int, hosts: int, latency: float, linkchecker: bool,
             also_uvloop: bool = False) -> list[str]:
    """Run one LINKSxHOSTS scenario and return its printed lines."""
    zoo = HostZoo(hosts, latency=latency).start()
    per_host = math.ceil(links / hosts)
    ideal = (per_host - 1) * INTERVAL + latency  # the interval, not the latency, paces a host
    lines = [f"{links} links over {hosts} hosts ({per_host} per host), {latency * 1000:.0f} ms latency, "
             f"every tenth a 404; politeness {CONCURRENCY} in flight, {INTERVAL} s between starts",
             f"  ideal ((k - 1) × {INTERVAL} s + latency):  {ideal:7.2f} s"]
    with tempfile.TemporaryDirectory() as folder:
        urls_file = Path(folder) / "urls.txt"
        urls_file.write_text("\n".join(zoo.urls(links)))
        result = check_in_child(urls_file)
        if "error" in result:
            lines.append(f"  claimgraph: {result['error']}")
            zoo.stop()
            return lines
        lines += claimgraph_lines(result, zoo, ideal)
        seconds = result["seconds"]
        if also_uvloop:
            zoo.reset()
            lines += claimgraph_lines(check_in_child(urls_file, "uvloop"), zoo, ideal)
    if linkchecker:
        zoo.reset()
        lc_seconds, summary = run_linkchecker(zoo.index_url(links))
        if lc_seconds is None:
            lines.append(f"  LinkChecker: {summary}")
        else:
            lines.append(f"  LinkChecker 10.6 -r 1 --check-extern:  {lc_seconds:7.2f} s  = "
                         f"{lc_seconds / ideal:.2f}× ideal; {zoo.total} requests; most in flight on a "
                         f"host {max(zoo.max_in_flight.values(), default=0)}; claimgraph is "
                         f"{lc_seconds / seconds:.1f}× faster")
            lines.append(f"    LinkChecker says: {summary}")
    zoo.stop()
    return lines


def claimgraph_lines(result: dict, zoo: HostZoo, ideal: float) -> list[str]:
    """The printed lines for one claimgraph run."""
    if "error" in result:
        return [f"  claimgraph: {result['error']}"]
    seconds, peak_host = result["seconds"], max(zoo.max_in_flight.values(), default=0)
    return [f"  claimgraph ({result.get('loop', '?')}, health only): {seconds:7.2f} s  = "
            f"{seconds / ideal:.2f}× ideal; {zoo.total} requests (robots.txt included); most in flight "
            f"on a host {peak_host} (limit {CONCURRENCY}: "
            f"{'kept' if peak_host <= CONCURRENCY else 'EXCEEDED'}); peak memory "
            f"{result['peak_mb']:.0f} MB; CPU {result['cpu_seconds']:.2f} s (imports included); "
            f"process wall {result['process_seconds']:.2f} s; the zoo's CPU meanwhile "
            f"{result['zoo_cpu']:.2f} s",
            f"    health: {', '.join(f'{v} {k}' for k, v in sorted(result['health'].items()))}"]


def main() -> int:
    """Run every scenario and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", action="append", default=None, metavar="LINKSxHOSTS")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--skip-linkchecker", action="store_true")
    parser.add_argument("--also-uvloop", action="store_true",
                        help="check once more on uvloop, against the same zoo")
    parser.add_argument("--one-host", action="store_true", help="the older single-host benchmark")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    if args.one_host:
        from link_check_one_host import main as one_host

        return one_host()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores")
    for spec in args.scenario or ["600x60", "10000x600"]:
        links, hosts = (int(part) for part in spec.lower().split("x"))
        print("\n".join(scenario(links, hosts, args.latency, not args.skip_linkchecker,
                                 args.also_uvloop)), flush=True)
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
