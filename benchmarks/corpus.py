"""A corpus run: 200 generated articles sharing 1,000 distinct sources on a 60-host loopback zoo.

Usage: python benchmarks/corpus.py [--articles 200] [--sources 1000] [--hosts 60] [--per-article 30]
                                   [--latency 0.05] [--evidence]

Each article cites ``--per-article`` sources drawn from the shared pool (popular ones more often,
every pool source at least once). The audit runs online in a child process, with the default
politeness, one capture cache and one embedded store; printed: requests made vs distinct URLs
(and the most any one URL was requested), wall time by stage, peak memory, then each
cross-article named query timed on the resulting embedded store (median of 5 after a warm-up).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from zoo.hosts import HostZoo  # noqa: E402

_WORDS = ("river", "market", "budget", "survey", "school", "energy", "court", "trade", "forest",
          "vaccine", "signal", "region", "trial", "policy", "price", "water")
CROSS_ARTICLE = ("sources-cited-by-many", "dead-links-by-impact", "sources-per-domain")


def write_articles(folder: Path, pool: list[str], articles: int, per_article: int, seed: int) -> int:
    """Markdown articles with footnotes citing the pool; returns the citations written."""
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(len(pool))]  # a few sources cited by many
    order = list(range(len(pool)))
    rng.shuffle(order)
    unused = list(order)
    citations = 0
    for n in range(articles):
        chosen: list[int] = []
        while unused and len(chosen) < per_article // 3:  # every source cited somewhere
            chosen.append(unused.pop())
        while len(chosen) < per_article:
            pick = rng.choices(range(len(pool)), weights=weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        lines = [f"# Generated article {n}", ""]
        for i, _ in enumerate(chosen, start=1):
            words = rng.sample(_WORDS, 3)
            lines.append(f"The {words[0]} {words[1]} changed by {rng.randint(2, 90)} percent in "
                         f"{rng.randint(2000, 2024)}, the {words[2]} report said.[^{i}]")
        lines.append("")
        lines += [f"[^{i}]: Source {pick}. <{pool[pick]}>" for i, pick in enumerate(chosen, start=1)]
        (folder / f"article-{n:04d}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        citations += len(chosen)
    return citations


def child(folder: Path, work: Path, evidence: bool, wayback: str) -> int:
    """The child side: audit the folder as one corpus into an embedded store, print JSON."""
    os.environ["CLAIMGRAPH_BASE_WAYBACK"] = wayback
    from claimgraph.audit.corpus import audit_corpus
    from claimgraph.audit.pipeline import AuditOptions
    from claimgraph.fetch.config import FetchConfig
    from claimgraph.graph.store import open_store

    store = open_store(work / "store", keep_open=True)
    options = AuditOptions(online=True, fetch=FetchConfig(allow_private=True), cache_dir=work / "captures",
                           snapshots_dir=None, evidence=evidence)
    started = time.perf_counter()
    corpus = audit_corpus([folder], store=store, options=options)
    seconds = time.perf_counter() - started
    store.close()
    print(json.dumps({"seconds": seconds, "timings": corpus.timings, "requests": corpus.requests,
                      "distinct_urls": corpus.distinct_urls, "articles": len(corpus.results),
                      "errors": len(corpus.errors), "works": corpus.summary.works,
                      "most_cited": corpus.summary.most_cited[0].articles,
                      "dead": len(corpus.summary.dead_by_impact)}))
    return 0


def time_queries(store_dir: Path, runs: int = 5) -> list[str]:
    """Median milliseconds of each cross-article query on the embedded store, opened per query."""
    from claimgraph.graph.queries import run_query
    from claimgraph.graph.store import open_store

    lines = []
    for name in CROSS_ARTICLE:
        times, rows = [], 0
        for attempt in range(runs + 1):
            store = open_store(store_dir)
            started = time.perf_counter()
            rows = len(run_query(store, name, {}).as_dicts())
            elapsed = time.perf_counter() - started
            store.close()
            if attempt:
                times.append(elapsed)
        lines.append(f"  {name:<24} {statistics.median(times) * 1000:7.1f} ms  ({rows} rows)")
    return lines


def main() -> int:
    """Generate the corpus, audit it in a child, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=60)
    parser.add_argument("--per-article", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--evidence", action="store_true", help="also judge claims against sources")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--work", type=Path, help="keep the articles, captures and store in this new folder")
    parser.add_argument("--queries-only", type=Path, metavar="STORE",
                        help="only time the cross-article queries on an existing embedded store")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, work, evidence, wayback = args.child
        return child(Path(folder), Path(work), evidence == "1", wayback)

    if args.queries_only:
        print("\n".join(time_queries(args.queries_only)))
        return 0
    zoo = HostZoo(args.hosts, latency=args.latency).start()
    with tempfile.TemporaryDirectory() as scratch:
        temp = args.work or scratch
        folder, work = Path(temp) / "articles", Path(temp) / "work"
        folder.mkdir(parents=True)
        work.mkdir()
        pool = zoo.urls(args.sources)
        citations = write_articles(folder, pool, args.articles, args.per_article, args.seed)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on "
              f"{os.cpu_count()} cores")
        print(f"{args.articles} articles, {citations} citations of {args.sources} distinct sources on "
              f"{args.hosts} hosts, {args.latency * 1000:.0f} ms latency, every tenth source a 404; "
              f"evidence {'on' if args.evidence else 'off'}")
        command = [sys.executable, __file__, "--child", str(folder), str(work),
                   "1" if args.evidence else "0", f"{zoo.base}/wayback/available"]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        output = process.stdout.read() if process.stdout else ""
        if status != 0 or not output.strip():
            print(f"the audit failed (exit status {status})")
            zoo.stop()
            return 1
        result = json.loads(output)
        pages = {key: count for key, count in zoo.paths.items() if "/bench/" in key}
        robots = sum(count for key, count in zoo.paths.items() if key.endswith("/robots.txt"))
        archive = sum(count for key, count in zoo.paths.items() if "/wayback/" in key)
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in result["timings"].items())
        print(f"  requests: {sum(pages.values())} page requests for {result['distinct_urls']} distinct "
              f"URLs ({len(pages)} URLs requested, at most {max(pages.values())} times each); plus "
              f"{robots} robots.txt and {archive} archive lookups; {zoo.total} in all")
        print(f"  audited {result['articles']} articles ({result['errors']} not audited); "
              f"{result['works']} works; most cited by {result['most_cited']} articles; "
              f"{result['dead']} dead links in the summary")
        print(f"  wall {result['seconds']:.1f} s ({timings}); process wall {wall:.1f} s, CPU "
              f"{usage.ru_utime + usage.ru_stime:.1f} s (the extraction pool's workers not included); "
              f"peak memory {usage.ru_maxrss / 1024:.0f} MB (the main process)")
        print("cross-article queries on the embedded store:")
        print("\n".join(time_queries(work / "store")))
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    zoo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
