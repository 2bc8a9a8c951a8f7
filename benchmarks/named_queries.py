"""Latency of every named query at 10^6 triples: the embedded (on-disk) store vs Oxigraph in memory.

The quick check behind the "every named query under 200 ms at 10^6 triples on the embedded
store" target; store_scale.py adds rdflib and the Oxigraph server at several sizes.

    python benchmarks/named_queries.py [--triples 1000000] [--runs 3]
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

from claimgraph.queries import bind_params, list_queries, query_graphs  # noqa: E402
from claimgraph.rdf.store import open_store  # noqa: E402


def _median_ms(store, text, binds, graphs, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(store.query(text, binds, graphs=graphs).rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
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
        print(f"{'query':28} {'embedded ms':>12} {'memory ms':>10} {'ratio':>6} {'rows':>7}")
        slow = 0
        for query in list_queries():
            values = {p.name: str(corpus.samples.get(p.name, "")) for p in query.params if not p.optional}
            binds, graphs = bind_params(query, values), query_graphs(query, values)
            disk, rows = _median_ms(embedded, query.text, binds, graphs, args.runs)
            ram, _ = _median_ms(memory, query.text, binds, graphs, args.runs)
            slow += disk > 200
            print(f"{query.name:28} {disk:12.1f} {ram:10.1f} {disk / ram:6.2f} {rows:7}")
        print(f"{slow} of {len(list_queries())} queries over 200 ms on the embedded store")
        embedded.close()
        memory.close()


if __name__ == "__main__":
    main()
