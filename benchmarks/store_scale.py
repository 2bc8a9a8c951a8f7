"""Load time and named-query latency at scale: rdflib in memory vs the embedded store vs the server.

    python benchmarks/store_scale.py                 # 10^5 triples (about a minute)
    python benchmarks/store_scale.py --large         # 10^5 and 10^6 (several minutes; 1.5 GB RAM)

Every named query (``claimgraph.graph.queries.list_queries()``) is timed, its required parameters bound
to sample values of the corpus, plus a few reference queries (``ref:``) for query shapes the named
ones may not cover yet. Each query runs in a forked child killed at ``--cap`` seconds.
Oxigraph figures are the median of up to three warm runs finished within the cap; rdflib's is one
run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import rdflib
from rdflib import URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Corpus, iter_articles, synthetic_corpus  # noqa: E402

from claimgraph.graph.queries import NamedQuery, Param, bind_params, list_queries, query_graphs  # noqa: E402
from claimgraph.graph.server import OxigraphServer, start_server  # noqa: E402
from claimgraph.graph.store import GraphStore, open_store  # noqa: E402
from claimgraph.graph.store_memory import RdflibStore  # noqa: E402
from claimgraph.graph.store_oxigraph import OxigraphStore  # noqa: E402
from claimgraph.graph.store_sparql import SparqlStore  # noqa: E402
from claimgraph.graph.vocab import PREFIXES  # noqa: E402

PROLOGUE = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
REFERENCE = {
    "ref:claims-without-source": """SELECT ?claim WHERE {
        GRAPH ?g { ?claim a schema:Claim }
        MINUS { GRAPH ?g { ?citation cito:hasCitingEntity ?claim } } }""",
    "ref:findings-by-kind": """SELECT ?kind ?severity (COUNT(?f) AS ?n) WHERE {
        GRAPH ?g { ?f a cg:Finding ; cg:kind ?kind ; cg:severity ?severity } }
        GROUP BY ?kind ?severity""",
    "ref:duplicate-doi": """SELECT DISTINCT ?doi ?a ?b WHERE {
        GRAPH ?g1 { ?a bibo:doi ?doi } GRAPH ?g2 { ?b bibo:doi ?doi } FILTER(STR(?a) < STR(?b)) }""",
    "ref:endnote-by-number": """SELECT ?e ?title ?url WHERE {
        GRAPH ?graph { ?e cg:number ?endnote ; dcterms:title ?title ; schema:url ?url } }""",
    "ref:citers-of-work": """SELECT ?article ?claim WHERE { GRAPH ?g {
        ?c cito:hasCitedEntity ?work ; cito:hasCitingEntity ?claim . ?claim schema:isPartOf ?article
        } }""",
}
REFERENCE_PARAMS = {
    "ref:endnote-by-number": [Param("endnote", "integer", False, ""), Param("graph", "iri", False, "")],
    "ref:citers-of-work": [Param("work", "iri", False, "")],
}
TYPE_DEFAULTS = {"integer": "3", "decimal": "0.5", "date": "2025-01-15", "url": "https://arxiv.org/w/3"}


def all_queries() -> list[NamedQuery]:
    """The project's named queries, then the reference queries."""
    references = [
        NamedQuery(name, Path(name), text, "", REFERENCE_PARAMS.get(name, []))
        for name, text in REFERENCE.items()
    ]
    return list_queries() + references


def parameters(query: NamedQuery, corpus: Corpus) -> tuple[dict[str, rdflib.term.Identifier], list | None]:
    """Sample values for the query's required parameters, bound as the CLI would bind them, and
    the graphs a scoped query is limited to (as ``run_query`` limits it)."""
    values = {}
    for param in query.params:
        if param.optional:
            continue
        sample = corpus.samples.get(param.name)
        if param.type == "iri":
            values[param.name] = str(sample if isinstance(sample, URIRef) else corpus.graphs[0])
        elif sample is not None:
            values[param.name] = str(sample)
        else:
            values[param.name] = TYPE_DEFAULTS.get(param.type, "c1")
    return bind_params(query, values), query_graphs(query, values)


def with_prefixes(sparql: str) -> str:
    """Add the project's prefixes that the query does not declare itself."""
    declared = set(re.findall(r"PREFIX\s+(\w*):", sparql, re.I))
    missing = [line for line in PROLOGUE.splitlines() if line.split()[1][:-1] not in declared]
    return "\n".join(missing) + "\n" + sparql


def _child(run: Callable[[Callable[[float], None]], None], pipe) -> None:
    try:
        run(pipe.send)
        pipe.send("finished")
    except Exception as error:  # report, do not hang the parent
        pipe.send(f"error: {type(error).__name__}: {str(error)[:120]}")


def capped(run: Callable[[Callable[[float], None]], None], cap: float) -> float | str | None:
    """Median seconds of the timed runs a forked child reports within ``cap``; None if none did."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(run, send))
    child.start()
    deadline = time.monotonic() + cap
    times: list[float] = []
    error = None
    while receive.poll(max(0.0, deadline - time.monotonic())):
        message = receive.recv()
        if message == "finished":
            break
        if isinstance(message, str):
            error = message
            break
        times.append(message)
    child.kill()
    child.join()
    if times:
        return statistics.median(times)
    return error


def time_query(
    store_factory: Callable[[], GraphStore], sparql: str, binds: dict, repeats: int, graphs=None
) -> Callable[[Callable[[float], None]], None]:
    """A runner reporting each of ``repeats`` timed runs (after one untimed warm run if repeats > 1)."""

    def run(report: Callable[[float], None]) -> None:
        store = store_factory()
        if repeats > 1:
            store.query(sparql, binds, graphs=graphs)
        for _ in range(repeats):
            started = time.perf_counter()
            store.query(sparql, binds, graphs=graphs)
            report(time.perf_counter() - started)

    return run


def load_backends(corpus: Corpus, workdir: Path) -> tuple[dict, dict, OxigraphServer]:
    """Load the corpus into each backend: (store factories, load rates in triples/s, server)."""
    rates: dict[str, dict[str, float]] = {}
    stores: dict[str, Callable[[], GraphStore]] = {}
    rdf = RdflibStore()
    started = time.perf_counter()
    rdf.load_nquads(corpus.nquads)
    rates["rdflib"] = {"bulk": corpus.triples / (time.perf_counter() - started)}
    stores["rdflib"] = lambda: rdf

    directory = workdir / "embedded"
    embedded = OxigraphStore(directory)
    started = time.perf_counter()
    embedded.load_nquads(corpus.nquads)
    bulk = corpus.triples / (time.perf_counter() - started)
    atomic = _atomic_rate(OxigraphStore(workdir / "embedded-atomic"), corpus)
    rates["embedded"] = {"bulk": bulk, "atomic": atomic}
    stores["embedded"] = lambda: open_store(str(directory))
    stores["embedded held open"] = lambda: OxigraphStore(directory, keep_open=True)

    server = start_server(workdir / "server")
    remote = SparqlStore(server.base_url, send_scope=True)
    started = time.perf_counter()
    remote.load_nquads(corpus.nquads, no_transaction=True)
    bulk = corpus.triples / (time.perf_counter() - started)
    rates["server"] = {"bulk": bulk}
    stores["server"] = lambda: SparqlStore(server.base_url, send_scope=True)
    return stores, rates, server


def _atomic_rate(store: GraphStore, corpus: Corpus, articles: int = 10) -> float:
    """Triples/s through replace_graph, one article graph at a time (the safe ingest path)."""
    import pyoxigraph as ox

    from claimgraph.graph.store_terms import from_oxigraph

    total, elapsed = 0, 0.0
    for name, lines in iter_articles(articles, seed=1):
        graph = rdflib.Graph()
        for quad in ox.parse("".join(lines).encode(), ox.RdfFormat.N_QUADS):
            graph.add(
                (from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object))
            )
        started = time.perf_counter()
        store.replace_graph(name, graph)
        elapsed += time.perf_counter() - started
        total += len(graph)
    store.close()
    return total / elapsed


def _cell(value: float | str | None, cap: float) -> str:
    if value is None:
        return f"> {cap:.0f} s"
    if isinstance(value, str):
        return "error"
    return f"{value * 1000:.1f} ms"


def _ratio(base: float | str | None, other: float | str | None, cap: float) -> str:
    if not isinstance(other, float):
        return "-"
    if base is None:
        return f"> {cap / other:.0f}x"
    if not isinstance(base, float):
        return "-"
    return f"{base / other:.1f}x"


def run_size(size: int, queries: list[NamedQuery], cap: float) -> None:
    """Generate, load and query one corpus size; print its tables."""
    corpus = synthetic_corpus(size)
    print(f"\n## {corpus.triples:,} triples in {len(corpus.graphs)} article graphs\n")
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    server = None
    try:
        stores, rates, server = load_backends(corpus, workdir)
        print("| backend | bulk load (triples/s) | replace_graph per article (triples/s) |")
        print("|---|---:|---:|")
        for backend, rate in rates.items():
            atomic = f"{rate['atomic']:,.0f}" if "atomic" in rate else "-"
            print(f"| {backend} | {rate['bulk']:,.0f} | {atomic} |")
        print(
            "\n| query | rows | rdflib | embedded | embedded held open | server "
            "| embedded vs rdflib | server vs rdflib |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        errors = []
        for query in queries:
            name = query.name
            sparql, (binds, graphs) = with_prefixes(query.text), parameters(query, corpus)
            rows = _rows(stores["embedded"], sparql, binds, graphs)
            figures = {
                backend: capped(
                    time_query(factory, sparql, binds, 1 if backend == "rdflib" else 3, graphs), cap
                )
                for backend, factory in stores.items()
            }
            errors += [
                f"{name} on {where}: {value}" for where, value in figures.items() if isinstance(value, str)
            ]
            base = figures["rdflib"]
            cells = [name, rows, *(_cell(value, cap) for value in figures.values())]
            cells += [_ratio(base, figures["embedded"], cap), _ratio(base, figures["server"], cap)]
            print("| " + " | ".join(cells) + " |", flush=True)
        for error in errors:
            print(f"\n- {error}")
        opened = capped(time_query(stores["embedded"], "ASK {}", {}, 3), cap)
        print(f"\nEmbedded per-operation open + trivial ASK: {_cell(opened, cap)}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _rows(factory: Callable[[], GraphStore], sparql: str, binds: dict, graphs=None) -> str:
    try:
        result = factory().query(sparql, binds, graphs=graphs)
    except Exception as error:  # a broken named query is reported, not fatal
        return f"error: {str(error)[:40]}"
    return str(result.boolean) if result.boolean is not None else str(len(result.rows))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", action="store_true", help="also run 10^6 triples")
    parser.add_argument("--sizes", type=int, nargs="*", help="explicit sizes in triples")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per query (default 60)")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100_000, 1_000_000] if args.large else [100_000])
    queries = all_queries()
    print(f"# store_scale: {len(queries)} queries, sizes {sizes}, cap {args.cap:.0f} s per query")
    for size in sizes:
        run_size(size, queries, args.cap)
    return 0


if __name__ == "__main__":
    sys.exit(main())
