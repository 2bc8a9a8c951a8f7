"""Latency of every named query at 10^6 triples: the embedded (on-disk) store vs Oxigraph in memory.

The quick check behind the "every named query under 200 ms at 10^6 triples on the embedded
store" target: "embedded" opens the store directory for each query as a command does, "held open"
keeps it open (``keep_open=True``); store_scale.py adds rdflib and the Oxigraph server at several
sizes.

    python benchmarks/named_queries.py [--triples 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_corpus  # noqa: E402

from claimgraph.graph.queries import bind_params, list_queries, query_graphs  # noqa: E402
from claimgraph.graph.store import open_store  # noqa: E402


def _median_ms(store, text, binds, graphs, runs: int) -> tuple[float, int]:
    """Median milliseconds of ``runs`` timed runs after one untimed warm-up, and the row count."""
    store.query(text, binds, graphs=graphs)
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(store.query(text, binds, graphs=graphs).rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.triples)
    with tempfile.TemporaryDirectory() as folder:
        embedded = open_store(Path(folder) / "store", keep_open=True)
        memory = open_store("memory")
        for name, store in (("embedded", embedded), ("memory", memory)):
            started = time.perf_counter()
            store.load_nquads(corpus.nquads)
            seconds = time.perf_counter() - started
            print(f"load {name:9} {corpus.triples:>9} triples in {seconds:5.2f} s "
                  f"({corpus.triples / seconds:,.0f} triples/s)")
        embedded.close()
        queries = list_queries()
        jobs = []
        for query in queries:
            values = {p.name: str(corpus.samples.get(p.name, "")) for p in query.params if not p.optional}
            jobs.append((query, bind_params(query, values), query_graphs(query, values)))
        # each query opens the directory, as a command does; then the same with the store held open
        per_query = open_store(Path(folder) / "store")
        opened = [_median_ms(per_query, q.text, b, g, args.runs) for q, b, g in jobs]
        held_open = open_store(Path(folder) / "store", keep_open=True)
        held = [_median_ms(held_open, q.text, b, g, args.runs)[0] for q, b, g in jobs]
        held_open.close()
        ram = [_median_ms(memory, q.text, b, g, args.runs)[0] for q, b, g in jobs]
        print(f"{'query':28} {'embedded ms':>12} {'held open':>10} {'memory ms':>10} {'ratio':>6} {'rows':>7}")
        for (query, _, _), (disk, rows), kept, mem in zip(jobs, opened, held, ram, strict=True):
            print(f"{query.name:28} {disk:12.1f} {kept:10.1f} {mem:10.1f} {disk / mem:6.2f} {rows:7}")
        slow = sum(disk > 200 for disk, _ in opened)
        print(f"{slow} of {len(queries)} queries over 200 ms on the embedded store "
              f"(opened per query; median of {args.runs} warm runs)")
        memory.close()


if __name__ == "__main__":
    main()
