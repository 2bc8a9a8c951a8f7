"""What every triple store backend implements (``GraphStore``) and what a query returns.

Backends import these from here; ``claimgraph.graph.store`` picks a backend (and re-exports them).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import rdflib
from rdflib import BNode, Literal, URIRef

__all__ = ["GraphStore", "QueryResult", "json_value", "term_to_python"]

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
    truncated: bool = False  # a row limit cut the answer

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
