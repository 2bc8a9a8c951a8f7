"""A pure-Python store: an rdflib ``Dataset`` in memory, for small jobs and tests.

Spec ``"rdflib"`` (or ``"memory:rdflib"``). Queries run on rdflib's own SPARQL engine with
``initBindings``; it is correct but slow on large graphs (see docs/stores.md).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import rdflib
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from claimgraph.errors import QueryError, StoreError
from claimgraph.graph.ntriples import plain_graph
from claimgraph.graph.store_interface import QueryResult
from claimgraph.graph.store_terms import normalise_bindings
from claimgraph.graph.untrusted import one_line, past, run_bounded


class RdflibStore:
    """A :class:`GraphStore` on an in-memory rdflib ``Dataset``."""

    def __init__(self, dataset: rdflib.Dataset | None = None) -> None:
        self._dataset: rdflib.Dataset | None = dataset if dataset is not None else rdflib.Dataset()
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return "RdflibStore()"

    @property
    def dataset(self) -> rdflib.Dataset:
        """The underlying dataset (for callers that need rdflib directly)."""
        if self._dataset is None:
            raise StoreError("this store is closed; open a new one with open_store('rdflib')")
        return self._dataset

    def replace_graph(self, name: URIRef, graph: rdflib.Graph) -> None:
        """Replace the named graph ``name``; the swap happens under a lock, in memory."""
        with self._lock:
            fresh = rdflib.Graph(identifier=name)
            for triple in plain_graph(graph):  # Oxigraph-backed graphs type plain strings
                fresh.add(triple)
            self.dataset.remove_graph(name)
            target = self.dataset.graph(name)
            for triple in fresh:
                target.add(triple)

    def graph(self, name: URIRef) -> rdflib.Graph:
        """A copy of one named graph (empty if absent)."""
        with self._lock:
            copy = rdflib.Graph(identifier=name)
            for triple in self.dataset.graph(name):
                copy.add(triple)
            return copy

    def graph_names(self) -> list[URIRef]:
        """The names of all named graphs that hold at least one triple, sorted."""
        with self._lock:
            names = [
                context.identifier
                for context in self.dataset.graphs()
                if context.identifier != DATASET_DEFAULT_GRAPH_ID and len(context) > 0
            ]
        return sorted(URIRef(str(name)) for name in names)

    def remove_graph(self, name: URIRef) -> None:
        """Delete one named graph; absent graphs are ignored."""
        with self._lock:
            self.dataset.remove_graph(name)

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        graphs: Sequence[URIRef] | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query with rdflib's ``initBindings`` (``graphs`` is not needed)."""
        init = {rdflib.Variable(name): term for name, term in normalise_bindings(bindings).items()}
        with self._lock:
            try:
                answer = self.dataset.query(sparql, initBindings=init)
            except Exception as error:  # rdflib raises pyparsing and plain exceptions alike
                raise QueryError(f"the query failed: {one_line(error)}") from error
            if answer.type == "ASK":
                return QueryResult(variables=[], rows=[], boolean=bool(answer.askAnswer))
            if answer.type != "SELECT":
                raise QueryError("only SELECT and ASK queries are supported; read with graph()")
            variables = [str(variable) for variable in answer.vars]
            rows = [tuple(row) for row in answer]
        return QueryResult(variables=variables, rows=rows)

    def bounded_query(self, sparql: str, *, timeout_s: float, max_rows: int) -> QueryResult | rdflib.Graph:
        """Run a checked user query, stopping at ``max_rows`` rows (or triples) or ``timeout_s``.

        rdflib is pure Python, so a query past its time is interrupted where it stands.
        """

        def work(deadline: float) -> QueryResult | rdflib.Graph:
            with self._lock:
                try:
                    answer = self.dataset.query(sparql)
                    if answer.type == "ASK":
                        return QueryResult(variables=[], rows=[], boolean=bool(answer.askAnswer))
                    if answer.type in ("CONSTRUCT", "DESCRIBE"):
                        graph = rdflib.Graph()
                        for count, triple in enumerate(answer.graph or ()):
                            past(deadline)
                            if count >= max_rows:
                                graph.truncated = True  # type: ignore[attr-defined]
                                break
                            graph.add(triple)
                        return graph
                    result = QueryResult(variables=[str(v) for v in answer.vars or []])
                    for row in answer:
                        past(deadline)
                        if len(result.rows) >= max_rows:
                            result.truncated = True
                            break
                        result.rows.append(tuple(row))
                    return result
                except (TimeoutError, QueryError):
                    raise
                except Exception as error:  # rdflib raises pyparsing and plain exceptions alike
                    raise QueryError(f"the query failed: {one_line(error)}") from error

        return run_bounded(work, timeout_s)

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads to the dataset (rdflib's parser; slow past ~10^5 triples)."""
        with self._lock:
            try:
                self.dataset.parse(data=data, format="nquads")
            except Exception as error:
                raise StoreError(f"could not parse N-Quads: {error}") from error

    def close(self) -> None:
        """Drop the data."""
        self._dataset = None
