"""SPARQL over one article's graph while the audit runs, without copying it into another store.

An article graph built by ``triples.py`` lives alone in its own in-memory Oxigraph store, so a
check query runs there directly; any other graph is first loaded into a scratch Oxigraph store.
Either way the triples sit in one named graph, as they do in a persistent store.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from claimgraph.graph.native_store import inner_store
from claimgraph.graph.ntriples import ntriples
from claimgraph.graph.store_interface import term_to_python
from claimgraph.graph.store_terms import from_oxigraph
from claimgraph.graph.vocab import ID

__all__ = ["select_rows"]


def select_rows(graph: Graph, sparql: str) -> list[dict[str, object]]:
    """The rows of a SELECT over ``graph`` as ``{variable: Python value}`` (None when unbound)."""
    solutions = _oxigraph_of(graph).query(sparql)
    names = [v.value for v in solutions.variables]
    return [{name: _python(row[name]) for name in names} for row in solutions]


_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRINGS = {f"{_XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _python(term: Any) -> object:
    """``term_to_python(from_oxigraph(term))``, without building rdflib terms for the common kinds."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _STRINGS:
            return term.value
        if datatype == f"{_XSD}integer" and term.value.lstrip("+-").isdigit():
            return int(term.value)
    return term_to_python(from_oxigraph(term))


def _oxigraph_of(graph: Graph) -> Any:
    # a graph from ``new_graph`` has its own pyoxigraph store; without one, fall back to a copy
    inner = inner_store(graph)
    if inner is not None and _holds_only(inner, graph):
        return inner
    scratch = ox.Store()
    scratch.load(ntriples(graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
                 to_graph=ox.NamedNode(str(ID["graph/audit"])))
    return scratch


def _holds_only(store: Any, graph: Graph) -> bool:
    """The store holds this graph's triples and nothing else (no default-graph triples, one name)."""
    names = list(store.named_graphs())
    if len(names) != 1 or names[0].value != str(graph.identifier):
        return False
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
