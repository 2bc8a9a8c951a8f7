"""One interface to every triple store claimgraph can use, and ``open_store`` to pick one.

Each article lives in its own named graph; ``replace_graph`` swaps one atomically. Queries are
SPARQL SELECT or ASK with explicit ``GRAPH ?g { … }`` patterns; parameters are *bound*, never
pasted as text. A query about one article may name that article's graph (``graphs=``): the
embedded store then reads only that graph, which keeps it fast however large the store grows.

Store specs understood by :func:`open_store`:

- ``None``: the ``CLAIMGRAPH_STORE`` environment variable, else the directory ``.claimgraph/store``.
- ``"memory"``: an in-memory Oxigraph store (fast, gone when the process ends).
- ``"rdflib"`` or ``"memory:rdflib"``: an in-memory rdflib ``Dataset`` (pure Python; small jobs).
- ``"http://…"`` / ``"https://…"``: a SPARQL 1.1 server; endpoints ``<base>/query``,
  ``<base>/update`` and ``<base>/store`` unless set by keyword (``query_endpoint=`` …) or by
  ``CLAIMGRAPH_SPARQL_QUERY`` / ``CLAIMGRAPH_SPARQL_UPDATE`` / ``CLAIMGRAPH_SPARQL_STORE``.
- anything else: a directory holding the embedded Oxigraph (RocksDB) store.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import rdflib
from rdflib import BNode, Literal, URIRef

from claimgraph import settings
from claimgraph.errors import StoreError
from claimgraph.rdf.store_spec import store_spec_problem

__all__ = [
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "QueryResult",
    "open_store",
    "term_to_python",
    "json_value",
]

DEFAULT_STORE_DIR = Path(".claimgraph") / "store"
STORE_ENV = "CLAIMGRAPH_STORE"

Term = URIRef | Literal | BNode


def term_to_python(term: Any) -> object:
    """A plain Python value: str for IRIs and blank nodes, ``toPython()`` for literals."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)


def json_value(value: object) -> object:
    """A value ``json.dumps`` accepts: decimals become int or float, dates ISO text, bytes hex."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


@dataclass
class QueryResult:
    """Rows of a SELECT (rdflib terms, ``None`` if unbound), or an ASK's answer in ``boolean``."""

    variables: list[str]
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None

    def as_dicts(self) -> list[dict[str, object]]:
        """Each row as ``{variable: value}``, every value JSON-serialisable (str, int, float, bool)."""
        return [
            {name: json_value(term_to_python(value)) for name, value in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        """An ASK's answer; for a SELECT, whether any row came back."""
        return self.boolean if self.boolean is not None else bool(self.rows)


@runtime_checkable
class GraphStore(Protocol):
    """What claimgraph needs from a triple store: named graphs in, SPARQL out."""

    def replace_graph(self, name: URIRef, graph: rdflib.Graph) -> None:
        """Atomically replace the named graph ``name`` with the triples of ``graph``."""
        ...

    def graph(self, name: URIRef) -> rdflib.Graph:
        """A copy of one named graph (empty if absent)."""
        ...

    def graph_names(self) -> list[URIRef]:
        """The names of all non-empty named graphs, sorted."""
        ...

    def remove_graph(self, name: URIRef) -> None:
        """Delete one named graph; absent graphs are ignored."""
        ...

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        graphs: Sequence[URIRef] | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query with variables bound to RDF terms.

        ``graphs`` names the only named graphs the query can match (a query's ``# scope:``); a
        store may limit the dataset to them for speed or ignore it: the answer is the same.
        """
        ...

    def close(self) -> None:
        """Release files, locks and connections."""
        ...


def open_store(
    spec: str | os.PathLike[str] | None = None, *, create: bool = True, **options: Any
) -> GraphStore:
    """Open the store named by ``spec`` (see the module docstring); options go to the backend.

    ``create=False`` refuses a store directory that does not exist yet (for commands that only read).
    """
    if spec is None:
        spec = settings.get(STORE_ENV)
    text = str(spec).strip()
    problem = store_spec_problem(text, must_exist=not create)
    if problem:
        raise StoreError(problem)
    if text == "memory" or text == "memory:oxigraph":
        from claimgraph.rdf.store_oxigraph import OxigraphStore

        return OxigraphStore(None, **options)
    if text in ("rdflib", "memory:rdflib"):
        from claimgraph.rdf.store_memory import RdflibStore

        return RdflibStore(**options)
    if text.startswith(("http://", "https://")):
        from claimgraph.rdf.store_sparql import SparqlStore

        return SparqlStore(text, **options)
    from claimgraph.rdf.store_oxigraph import open_directory_store

    return open_directory_store(Path(text), **options)
