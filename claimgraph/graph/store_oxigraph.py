"""The embedded default: Oxigraph (pyoxigraph) in memory or in a RocksDB directory.

RocksDB lets one process at a time open a directory for writing, so by default each operation opens
the directory briefly under a file lock (``claimgraph.lock`` inside it): shared for reads, exclusive
for writes, waiting up to ``lock_timeout`` seconds. Several processes can therefore ingest and query
the same store; they take turns. ``keep_open=True`` holds the store (and the lock) until
``close()``, which suits one long batch job. Each ``replace_graph`` is one Oxigraph transaction:
a crash midway leaves the previous version of the graph intact.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

from claimgraph import settings
from claimgraph.errors import QueryError, StoreError
from claimgraph.graph.native_store import inner_store
from claimgraph.graph.store_interface import GraphStore, QueryResult
from claimgraph.graph.store_lock import lock_store, rocksdb_lock_free, running_server, unlock_store
from claimgraph.graph.store_terms import (
    add_oxigraph_triples,
    bind_as_values,
    iri_text,
    normalise_bindings,
    oxigraph_converter,
    to_oxigraph,
)
from claimgraph.graph.untrusted import one_line, past, run_bounded
from claimgraph.hints import Hint

DEFAULT_LOCK_TIMEOUT = 120.0
ROCKSDB_LOCK_RETRY = 5.0
PARALLEL_LOAD_BYTES = 4 * 1024 * 1024


def damaged_store(path: Path | None, error: BaseException) -> StoreError:
    """The StoreError for a store RocksDB cannot read: which store, why, and what to do."""
    return StoreError(
        f"the store in {path} is damaged and cannot be opened ({one_line(error, 200)}); restore it from "
        "a backup, or move it aside and re-run the audits to rebuild it"
    )


def open_directory_store(path: Path, **options: Any) -> GraphStore:
    """The store in ``path``: the server for it if ``claimgraph serve`` runs, else embedded."""
    served = running_server(path)
    if served is not None:
        from claimgraph.graph.store_sparql import SparqlStore

        # Oxigraph honours named-graph-uri; a writable server's token is in its owner-only record.
        return SparqlStore(served["base_url"], send_scope=True, token=served.get("token"))
    return OxigraphStore(path, **options)


class OxigraphStore:
    """A :class:`GraphStore` on pyoxigraph; ``path=None`` keeps everything in memory."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        keep_open: bool = False,
        lock_timeout: float | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.keep_open = keep_open
        if lock_timeout is None:
            lock_timeout = settings.get_float("CLAIMGRAPH_STORE_LOCK_TIMEOUT")
        self.lock_timeout = lock_timeout
        self._thread_lock = threading.RLock()
        self._held: ox.Store | None = None
        self._held_lock: int | None = None
        if self.path is None:
            self._held = ox.Store()
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create store directory {self.path}: {error}") from error
        if keep_open:
            self._held_lock = lock_store(self.path, True, self.lock_timeout)
            self._held = self._open_rocksdb(read_only=False)
        elif not (self.path / "CURRENT").exists():  # a new store: create it so read-only opens work
            with self._session(write=True):
                pass

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path) if self.path else 'memory'!r})"

    # -- opening and locking -------------------------------------------------------------------

    def _open_rocksdb(self, read_only: bool) -> ox.Store:
        # The previous holder of our file lock may still be closing its handle (a result or an
        # iterator outlives the session by a few microseconds), so RocksDB's own lock is retried
        # briefly; a program outside claimgraph holding it gets the error after a few seconds.
        deadline = time.monotonic() + min(self.lock_timeout, ROCKSDB_LOCK_RETRY)
        delay = 0.002
        while True:
            try:
                if read_only:
                    return ox.Store.read_only(str(self.path))
                return ox.Store(str(self.path))
            except (RuntimeError, ValueError) as error:  # RocksDB reports damage as RuntimeError
                raise damaged_store(self.path, error) from None
            except OSError as error:
                if "lock" not in str(error).lower() or time.monotonic() >= deadline:
                    raise StoreError(
                        f"cannot open the store in {self.path}: {one_line(error)}. If an Oxigraph server "
                        "or another program has it open, stop it or talk to that server instead",
                        hint=Hint.STORE_URL,
                    ) from error
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    @contextlib.contextmanager
    def _session(self, write: bool, flush: bool = True) -> Iterator[ox.Store]:
        with self._thread_lock:
            if self._held is not None:
                yield self._held
                return
            if self.path is None:
                raise StoreError("this store is closed; open a new one with open_store()")
            fd = lock_store(self.path, write, self.lock_timeout)
            try:
                store = self._open_rocksdb(read_only=not write)
                try:
                    yield store
                    if write and flush:
                        store.flush()
                except (OSError, RuntimeError) as error:
                    if "corrupt" in str(error).lower():
                        raise damaged_store(self.path, error) from None
                    raise
                finally:
                    del store
            finally:
                unlock_store(fd)

    # -- the GraphStore interface --------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: rdflib.Graph) -> None:
        """Atomically replace the named graph ``name`` with the triples of ``graph``.

        A new graph is one transactional load of N-Triples. Otherwise one update transaction
        writes only the difference from the stored version (re-ingesting an article mostly
        rewrites the same triples); with blank nodes it drops and re-inserts the graph.
        """
        target = iri_text(str(name))
        data = _ntriples(graph)
        new = _lines(data)
        if self._unchanged(name, new):
            return
        with self._session(write=True, flush=False) as store:  # nothing to flush when unchanged
            old = _lines(_dump_graph(store, name))
            blank = any("_:" in line for line in new) or any("_:" in line for line in old)
            if old == new:
                return
            try:
                if not old:  # parsing a SPARQL update costs ~20 times a load of the same triples
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
                elif blank:  # DELETE DATA refuses blank nodes
                    store.update(f"DROP SILENT GRAPH {target} ;\n{_data('INSERT', target, new)}")
                else:
                    store.update(f"{_data('DELETE', target, old - new)} ;\n"
                                 f"{_data('INSERT', target, new - old)}")
            except (SyntaxError, OSError, RuntimeError, ValueError) as error:
                raise StoreError(f"could not replace graph {name}: {error}") from error
            if self._held is None:
                store.flush()

    def _unchanged(self, name: URIRef, lines: set[str]) -> bool:
        """The stored graph already holds exactly ``lines``, seen read-only.

        A re-audit mostly rewrites the same graph, and RocksDB's writable open and close cost several
        times its read-only one (new manifest and log files). Only when no process holds RocksDB's
        own lock: a program keeping the store open for writing is left to the writable open, which
        reports it.
        """
        if self._held is not None or self.path is None or not rocksdb_lock_free(self.path):
            return False
        with self._session(write=False) as store:
            return _lines(_dump_graph(store, name)) == lines

    def graph(self, name: URIRef) -> rdflib.Graph:
        """A copy of one named graph (empty if absent)."""
        result = rdflib.Graph(identifier=name)
        with self._session(write=False) as store:
            add_oxigraph_triples(result, store.quads_for_pattern(None, None, None, to_oxigraph(name)))
        return result

    def graph_names(self) -> list[URIRef]:
        """The names of all named graphs that hold at least one triple, sorted."""
        with self._session(write=False) as store:
            solutions = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            names = [URIRef(row[0].value) for row in solutions]
        return sorted(names)

    def remove_graph(self, name: URIRef) -> None:
        """Delete one named graph; absent graphs are ignored."""
        with self._session(write=True) as store:
            store.update(f"DROP SILENT GRAPH {iri_text(str(name))}")

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        graphs: Sequence[URIRef] | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query; bindings become a VALUES block, never query text.

        ``graphs`` limits the named graphs the query sees (Oxigraph evaluates the right side of
        an OPTIONAL or MINUS over every graph it may see, so this is what keeps per-article
        queries fast in a large store).
        """
        text = bind_as_values(sparql, normalise_bindings(bindings))
        named = [ox.NamedNode(str(name)) for name in graphs] if graphs else None
        with self._session(write=False) as store:
            try:  # rows are computed while they are read, so reading can fail too
                return _result(store.query(text, named_graphs=named))
            except SyntaxError as error:
                raise QueryError(f"SPARQL syntax error: {one_line(error)}") from error
            except (OSError, RuntimeError, ValueError) as error:
                raise QueryError(f"the query failed: {one_line(error)}") from error

    def bounded_query(self, sparql: str, *, timeout_s: float, max_rows: int) -> QueryResult | rdflib.Graph:
        """Run a checked user query, stopping at ``max_rows`` rows (or triples) or ``timeout_s``."""

        def work(deadline: float) -> QueryResult | rdflib.Graph:
            with self._session(write=False) as store:
                try:
                    answer = store.query(sparql)
                    if isinstance(answer, ox.QueryBoolean):
                        return QueryResult(variables=[], rows=[], boolean=bool(answer))
                    if isinstance(answer, ox.QueryTriples):
                        return _bounded_triples(answer, deadline, max_rows)
                    return _bounded_rows(answer, deadline, max_rows)
                except SyntaxError as error:
                    raise QueryError(f"SPARQL syntax error: {one_line(error)}") from error
                except (OSError, RuntimeError, ValueError) as error:
                    raise QueryError(f"the query failed: {one_line(error)}") from error

        return run_bounded(work, timeout_s)

    def load_nquads(self, data: bytes) -> None:
        """Bulk-load N-Quads with no transaction: fastest, but a crash may leave a partial load.

        Oxigraph's bulk loader keeps about one core busy, so large inputs are cut at line ends
        into one chunk per core (up to four), loaded side by side (1.7 times the rate on two cores).
        """
        chunks = split_lines(data, min(os.cpu_count() or 1, 4) if len(data) > PARALLEL_LOAD_BYTES else 1)
        errors: list[str] = []

        def load(store: ox.Store, chunk: bytes, offset: int) -> None:
            try:
                store.bulk_load(chunk, ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError) as error:
                where = f" (in the part starting at byte {offset}; lines count from there)" if offset else ""
                errors.append(f"{error}{where}")

        offsets = [sum(len(c) for c in chunks[:index]) for index in range(len(chunks))]
        with self._session(write=True) as store:
            workers = [
                threading.Thread(target=load, args=(store, chunk, offset))
                for chunk, offset in zip(chunks, offsets, strict=True)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        if errors:
            raise StoreError(f"bulk load failed: {errors[0]}")

    def close(self) -> None:
        """Release the store and its lock (a memory store's data is dropped)."""
        with self._thread_lock:
            if self._held is not None and self.path is not None:
                self._held.flush()
            self._held = None
            if self._held_lock is not None:
                unlock_store(self._held_lock)
                self._held_lock = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def split_lines(data: bytes, parts: int) -> list[bytes]:
    """``data`` cut into about ``parts`` pieces, each ending at a line end (N-Quads stay whole)."""
    cuts = [0]
    for index in range(1, parts):
        at = data.find(b"\n", max(cuts[-1], len(data) * index // parts))
        if at < 0:
            break
        cuts.append(at + 1)
    cuts.append(len(data))
    return [data[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if start < end]


def _ntriples(graph: rdflib.Graph) -> bytes:
    """The graph's triples as N-Triples.

    A graph that already lives in Oxigraph (``new_graph``) is dumped natively: converting each
    term to rdflib and back cost most of an audit's store time.
    """
    inner = inner_store(graph)
    if inner is not None and isinstance(graph.identifier, URIRef):
        name = ox.NamedNode(str(graph.identifier))
        return inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name) or b""
    lines = [f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} .\n" for s, p, o in graph]
    return "".join(lines).encode("utf-8")


def _dump_graph(store: ox.Store, name: URIRef) -> bytes | None:
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))


def _lines(dump: bytes | None) -> set[str]:
    return set(dump.decode("utf-8").splitlines()) if dump else set()


def _data(operation: str, target: str, triples: set[str]) -> str:
    body = "\n".join(sorted(triples))
    return f"{operation} DATA {{ GRAPH {target} {{\n{body}\n}} }}"


def _bounded_rows(answer: Any, deadline: float, max_rows: int) -> QueryResult:
    variables = [variable.value for variable in answer.variables]
    convert = oxigraph_converter()
    result = QueryResult(variables=variables)
    for solution in answer:
        past(deadline)
        if len(result.rows) >= max_rows:
            result.truncated = True
            break
        result.rows.append(tuple(convert(value) for value in solution))
    return result


def _bounded_triples(answer: Any, deadline: float, max_rows: int) -> rdflib.Graph:
    from claimgraph.graph.store_terms import from_oxigraph

    graph = rdflib.Graph()
    for count, triple in enumerate(answer):
        past(deadline)
        if count >= max_rows:
            graph.truncated = True  # type: ignore[attr-defined]
            break
        graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate),
                   from_oxigraph(triple.object)))
    return graph


def _result(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(variables=[], rows=[], boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [variable.value for variable in answer.variables]
        convert = oxigraph_converter()
        rows = [tuple(convert(value) for value in solution) for solution in answer]
        return QueryResult(variables=variables, rows=rows)
    raise QueryError("only SELECT and ASK queries are supported; read triples with graph()")
