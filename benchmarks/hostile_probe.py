"""Hostile probe: ≥ 300 generated hostile articles and every hostile server route, each in its own process.

For each case a child process is forked from a parent that has imported claimgraph already; the
parent counts crashes (an exception other than ClaimgraphError), hangs (still running past the
fetch's total timeout + 5 s) and the child's peak RSS (``wait4``). Articles are audited offline with
no store and no evidence judging; hostile routes are fetched live from a loopback server in another
process, and one hostile article citing every route is audited online.

    python benchmarks/hostile_probe.py [--articles 320] [--seed 12] [--skip-routes]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hostile import ROUTES, start_hostile  # noqa: E402

from claimgraph.api import audit  # noqa: E402
from claimgraph.audit.pipeline import AuditOptions  # noqa: E402
from claimgraph.errors import ClaimgraphError  # noqa: E402
from claimgraph.fetch import collect_sources  # noqa: E402
from claimgraph.fetch.config import FetchConfig  # noqa: E402

TOTAL_TIMEOUT = FetchConfig().total_timeout
HANG_AFTER = TOTAL_TIMEOUT + 5
CRASH = 70


def _endnotes(n: int, rng: random.Random) -> str:
    return "\n".join(f"{i}. Source {i}. https://example{rng.randint(0, 9)}.org/p/{i}" for i in range(1, n + 1))


def _generators():
    """Kinds of hostile article, each a function of a random generator returning (name, bytes)."""

    def deep_divs(rng):
        depth = rng.choice([500, 5_000, 50_000, 100_000])
        body = "<div>" * depth + "A claim.<sup><a href='#n1'>1</a></sup>" + "</div>" * depth
        return f"deep-{depth}.html", f"<html><body>{body}<ol><li id='n1'>https://example.org/a</li></ol></body></html>"

    def unclosed(rng):
        tag = rng.choice(["div", "span", "b", "a href='x'", "table", "ul", "li", "blockquote", "sup"])
        return "unclosed.html", "<html><body>" + f"<{tag}>claim [1] " * rng.randint(1_000, 30_000)

    def many_citations(rng):
        n = rng.choice([1_000, 5_000, 25_000])
        text = "".join(f"Claim number {i} holds. [{i % 50 + 1}]\n" for i in range(n))
        return f"citations-{n}.txt", f"{text}\nEndnotes\n{_endnotes(50, rng)}\n"

    def nul_flood(rng):
        return "nul.txt", "A claim. [1]\n" + "\x00" * rng.randint(1, 2_000_000) + "\nEndnotes\n1. https://x.org\n"

    def control_flood(rng):
        junk = "".join(chr(rng.randint(1, 31)) for _ in range(rng.randint(100, 200_000)))
        return "control.md", f"# T\n\nA claim.[^1]{junk}\n\n[^1]: https://example.org/a\n"

    def invalid_utf8(rng):
        return "bad.txt", bytes(rng.randint(128, 255) for _ in range(rng.randint(10, 50_000)))

    def long_line(rng):
        return "long.md", "# T\n\n" + "word " * rng.randint(100_000, 1_000_000) + "[^1]\n\n[^1]: https://e.org\n"

    def nested_markdown(rng):
        marker = rng.choice(["> ", "- ", "1. ", "* ", "  ", "[", "(", "*", "_", "`"])
        return "nested.md", marker * rng.randint(1_000, 100_000) + "A claim.[^1]\n\n[^1]: https://e.org\n"

    def url_bomb(rng):
        url = "http://" + rng.choice(["a.", "a-", "%", "(", "[", "/.."]) * rng.randint(1_000, 50_000)
        return "urls.txt", f"A claim. [1]\n\nEndnotes\n1. {url}\n2. {url}\n"

    def many_endnotes(rng):
        n = rng.choice([2_000, 10_000])
        return f"endnotes-{n}.txt", f"A claim. [1]\n\nEndnotes\n{_endnotes(n, rng)}\n"

    def unicode_tricks(rng):
        tricks = ["\u202e", "\u200b", "\ufeff", "e\u0301" * 50, "\U0001F600", "\u0000", "\ufffe", "\u2028"]
        text = "".join(rng.choice(tricks) + "claim. [1] " for _ in range(rng.randint(100, 20_000)))
        return "unicode.txt", text + "\nEndnotes\n1. https://e.org/\u202eevil\n"

    def entity_flood(rng):
        ent = rng.choice(["&amp;", "&#0;", "&#x110000;", "&nbsp;", "&lt;div&gt;", "&#65;"])
        return "entities.html", "<html><body><p>" + ent * rng.randint(10_000, 300_000) + "</p></body></html>"

    def random_bytes(rng):
        return "random.bin", bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 100_000)))

    def script_soup(rng):
        return "scripts.html", ("<script>" + "x" * 1000 + "<!--") * rng.randint(10, 3_000)

    def empty_like(rng):
        return "empty.txt", rng.choice(["", " ", "\n" * 10_000, "\ufeff", "Endnotes\n", "[1]"])

    return [deep_divs, unclosed, many_citations, nul_flood, control_flood, invalid_utf8, long_line,
            nested_markdown, url_bomb, many_endnotes, unicode_tricks, entity_flood, random_bytes,
            script_soup, empty_like]


def _run_forked(work, timeout: float) -> tuple[str, float, float]:
    """``work()`` in a forked child: ('ok' | 'input' | 'crash' | 'hang', seconds, peak RSS MB)."""
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            work()
        except ClaimgraphError:
            code = 2
        except BaseException:  # noqa: BLE001 - what the probe counts
            traceback.print_exc(limit=3)
            code = CRASH
        os._exit(code)
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return "hang", time.monotonic() - started, usage.ru_maxrss / 1024
        time.sleep(0.02)
    took = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    outcome = {0: "ok", 2: "input"}.get(code, "crash")
    return outcome, took, usage.ru_maxrss / 1024


def probe_articles(count: int, seed: int, workdir: Path) -> list[tuple[str, str, float, float]]:
    """Audit ``count`` generated articles offline, one child each."""
    rng = random.Random(seed)
    generators = _generators()
    results = []
    for index in range(count):
        make = generators[index % len(generators)]
        name, content = make(rng)
        path = workdir / f"{index:03d}-{name}"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        options = AuditOptions(online=False, evidence=False, snapshots_dir=None, cache_dir=workdir / "cache")
        outcome, took, rss = _run_forked(lambda p=path, o=options: audit(p, options=o), HANG_AFTER)
        results.append((path.name, outcome, took, rss))
        if outcome in ("crash", "hang"):
            print(f"  {outcome}: {path.name} ({took:.1f} s)", flush=True)
    return results


def probe_routes(workdir: Path) -> list[tuple[str, str, float, float]]:
    """Fetch and extract every hostile route with the default limits, each in its own child."""
    server_pid = os.fork()
    if server_pid == 0:  # the hostile server lives in its own process, away from our parsers
        server = start_hostile(bomb_mb=1000)
        (workdir / "hostile-port").write_text(f"{server.server_address[1]} {server.tls.server_address[1]}")
        signal.pause()
        os._exit(0)
    port_file = workdir / "hostile-port"
    while not port_file.exists() or not port_file.read_text().strip():
        time.sleep(0.05)
    port, tls_port = port_file.read_text().split()
    urls = [f"http://127.0.0.1:{port}{route}" for route in ROUTES] + [f"https://127.0.0.1:{tls_port}/slow-tls"]
    results = []
    try:
        for url in urls:
            def fetch(u=url):
                collect_sources([u], offline=False, config=FetchConfig(allow_private=True))
            outcome, took, rss = _run_forked(fetch, HANG_AFTER)
            results.append((url.split("/", 3)[-1] or url, outcome, took, rss))
        article = workdir / "cites-every-route.md"
        notes = "\n".join(f"[^{i}]: {url}" for i, url in enumerate(urls, 1))
        claims = " ".join(f"Claim {i} holds.[^{i}]" for i in range(1, len(urls) + 1))
        article.write_text(f"# Hostile citations\n\n{claims}\n\n{notes}\n")
        options = AuditOptions(online=True, fetch=FetchConfig(allow_private=True), evidence=False, snapshots_dir=None,
                               cache_dir=workdir / "route-cache")
        outcome, took, rss = _run_forked(lambda: audit(article, options=options), HANG_AFTER + 30)
        results.append(("article citing every route", outcome, took, rss))
    finally:
        os.kill(server_pid, signal.SIGKILL)
        os.waitpid(server_pid, 0)
    return results


def _summary(label: str, rows: list[tuple[str, str, float, float]]) -> None:
    if not rows:
        return
    counts = {kind: sum(1 for row in rows if row[1] == kind) for kind in ("ok", "input", "crash", "hang")}
    worst = max(rows, key=lambda row: row[3])
    slowest = max(rows, key=lambda row: row[2])
    print(f"{label}: {len(rows)} cases — {counts['ok']} audited, {counts['input']} refused as bad input, "
          f"{counts['crash']} crashes, {counts['hang']} hangs past {HANG_AFTER:.0f} s")
    print(f"  peak RSS {worst[3]:.0f} MB ({worst[0]}); slowest {slowest[2]:.1f} s ({slowest[0]})")


def main() -> int:
    """Run the probe and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--skip-routes", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory(prefix="hostile-probe-") as tmp:
        workdir = Path(tmp)
        articles = probe_articles(args.articles, args.seed, workdir)
        _summary("hostile articles", articles)
        kinds: dict[str, list[float]] = {}
        for name, _, _took, rss in articles:
            kinds.setdefault(name.split("-", 1)[1].split(".")[0].split("-")[0], []).append(rss)
        for kind, values in sorted(kinds.items()):
            print(f"  {kind:<12} {len(values):>3} cases, peak RSS {max(values):.0f} MB")
        if args.verbose:
            for row in articles:
                print("   ", *row)
        if not args.skip_routes:
            routes = probe_routes(workdir)
            _summary("hostile routes", routes)
            for name, outcome, took, rss in routes:
                print(f"  {name:<28} {outcome:<6} {took:5.1f} s  {rss:5.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
