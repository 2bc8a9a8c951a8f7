"""An rdflib store kept in an in-memory pyoxigraph store, for the graphs an audit builds.

oxrdflib's store does the same job but imports rdflib's SPARQL package, whose pyparsing grammar
costs about a tenth of a second to build, on every run, even though an article graph's queries
are handed to Oxigraph as text and never parsed in Python. This store implements what the audit
uses (add, remove, pattern matching, length, prefixes) and leaves ``query`` to rdflib, which
then loads its engine only when a caller asks for it. Terms come back as oxrdflib returns them
(a plain literal reads as ``xsd:string``), so code written against either store sees the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.store import Store

__all__ = ["NativeStore", "native_graph", "inner_store", "graph_name"]


class NativeStore(Store):
    """A context-aware rdflib store over one private ``pyoxigraph.Store`` (``inner``)."""

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self) -> None:
        super().__init__()
        self.inner = ox.Store()
        self._namespaces: dict[str, URIRef] = {}
        self._prefixes: dict[URIRef, str] = {}

    def add(self, triple: tuple, context: Any = None, quoted: bool = False) -> None:
        """Add one triple to ``context``'s graph (the default graph without one)."""
        if quoted:
            raise ValueError("an Oxigraph store holds no quoted formulas")
        subject, predicate, obj = triple
        self.inner.add(ox.Quad(_to_ox(subject), _to_ox(predicate), _to_ox(obj), graph_name(context)))

    def addN(self, quads: Iterable[tuple]) -> None:  # noqa: N802 - rdflib's name
        """Add ``(subject, predicate, object, context)`` quads."""
        self.inner.extend([ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph_name(g)) for s, p, o, g in quads])

    def remove(self, triple: tuple, context: Any = None) -> None:
        """Remove every triple matching the pattern (in every graph without a context)."""
        for quad in list(self.inner.quads_for_pattern(*_pattern(triple, context))):
            self.inner.remove(quad)

    def triples(self, triple_pattern: tuple, context: Any = None) -> Iterator[tuple]:
        """Triples matching the pattern, each with an iterator over the graph it sits in."""
        try:
            quads = self.inner.quads_for_pattern(*_pattern(triple_pattern, context))
        except (TypeError, ValueError):  # e.g. a literal in subject position matches nothing
            return
        for quad in quads:
            yield (_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)), iter(
                (self._graph(quad.graph_name),))

    def __len__(self, context: Any = None) -> int:
        """The number of triples in ``context``'s graph, or distinct triples over all graphs."""
        if context is not None:
            return sum(1 for _ in self.inner.quads_for_pattern(None, None, None, graph_name(context)))
        return len({(q.subject, q.predicate, q.object) for q in self.inner})

    def contexts(self, triple: tuple | None = None) -> Iterator[Graph]:
        """The graphs holding ``triple`` (every named graph without one)."""
        if triple is None:
            return (self._graph(name) for name in self.inner.named_graphs())
        return (self._graph(q.graph_name) for q in self.inner.quads_for_pattern(*_pattern(triple, None)))

    def add_graph(self, graph: Graph) -> None:
        """Declare an (empty) named graph."""
        name = graph_name(graph)
        if not isinstance(name, ox.DefaultGraph):
            self.inner.add_graph(name)

    def remove_graph(self, graph: Graph) -> None:
        """Drop a graph and its triples."""
        name = graph_name(graph)
        if isinstance(name, ox.DefaultGraph):
            self.inner.clear_graph(name)
        else:
            self.inner.remove_graph(name)

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        """Bind a prefix to a namespace (one prefix per namespace and one namespace per prefix)."""
        if not override and (prefix in self._namespaces or namespace in self._prefixes):
            return
        old_namespace = self._namespaces.pop(prefix, None)
        if old_namespace is not None:
            self._prefixes.pop(old_namespace, None)
        old_prefix = self._prefixes.pop(namespace, None)
        if old_prefix is not None:
            self._namespaces.pop(old_prefix, None)
        self._namespaces[prefix] = namespace
        self._prefixes[namespace] = prefix

    def prefix(self, namespace: URIRef) -> str | None:
        """The prefix bound to a namespace."""
        return self._prefixes.get(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        """The namespace bound to a prefix."""
        return self._namespaces.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        """Every ``(prefix, namespace)`` binding."""
        return iter(list(self._namespaces.items()))

    def _graph(self, name: Any) -> Graph:
        if isinstance(name, ox.NamedNode):
            return Graph(store=self, identifier=URIRef(name.value))
        if isinstance(name, ox.BlankNode):
            return Graph(store=self, identifier=BNode(name.value))
        return Graph(store=self, identifier=DATASET_DEFAULT_GRAPH_ID)


def native_graph(identifier: URIRef | None = None) -> Graph:
    """An empty rdflib graph living in its own :class:`NativeStore`."""
    return Graph(store=NativeStore(), identifier=identifier, bind_namespaces="none")


def inner_store(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store behind ``graph``, or None when it lives elsewhere."""
    store = graph.store
    return store.inner if isinstance(store, NativeStore) else None


def graph_name(context: Any) -> Any:
    """The pyoxigraph graph name for an rdflib graph (or its identifier); None is the default graph."""
    identifier = getattr(context, "identifier", context)
    if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(identifier, BNode):
        return ox.BlankNode(str(identifier))
    return ox.NamedNode(str(identifier))


def _pattern(triple: tuple, context: Any) -> tuple:
    subject, predicate, obj = triple
    name = None if context is None else graph_name(context)
    return (_to_ox_or_none(subject), _to_ox_or_none(predicate), _to_ox_or_none(obj), name)


def _to_ox_or_none(term: Any) -> Any:
    return None if term is None else _to_ox(term)


def _to_ox(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        datatype = term.datatype
        return ox.Literal(str(term), language=term.language,
                          datatype=ox.NamedNode(str(datatype)) if datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def _from_ox(term: Any) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
