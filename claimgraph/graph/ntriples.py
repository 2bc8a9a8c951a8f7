"""Writing triples as N-Triples text, fast, and loading them into an Oxigraph-backed rdflib graph.

rdflib's ``Graph.add`` costs tens of microseconds a triple; an article with 2,000 endnotes has
~200,000 triples. Formatting N-Triples lines in Python and parsing them in Rust (pyoxigraph,
behind the rdflib store of ``native_store``) builds the same graph an order of magnitude faster.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from claimgraph.graph.native_store import graph_name, inner_store, native_graph

_XSD = "http://www.w3.org/2001/XMLSchema#"

__all__ = [
    "TripleLines",
    "TermLines",
    "escape",
    "iri",
    "text",
    "integer",
    "decimal",
    "typed",
    "new_graph",
    "ntriples",
    "load_lines",
    "plain_graph",
    "native_serialize",
]


def escape(value: str) -> str:
    """A string's N-Triples escapes (backslash, quote, newline, return, tab).

    Each ``replace`` runs only when its character is there: ``str.translate`` with a table costs
    ~40 times more on non-ASCII text, and an article graph escapes a few hundred kilobytes of it.
    """
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    if "\t" in value:
        value = value.replace("\t", "\\t")
    return value


def iri(value: str) -> str:
    """An IRI term; ``value`` must already be a valid absolute IRI (the project mints them)."""
    return f"<{value}>"


def text(value: str) -> str:
    """A plain string literal."""
    return f'"{escape(value)}"'


def integer(value: int) -> str:
    """An xsd:integer literal."""
    return f'"{int(value)}"^^<{_XSD}integer>'


def decimal(value: float) -> str:
    """An xsd:decimal literal (six places at most)."""
    digits = f"{float(value):.6f}".rstrip("0").rstrip(".") or "0"
    return f'"{digits}"^^<{_XSD}decimal>'


def typed(value: str, datatype: str) -> str:
    """A literal with a datatype IRI (``xsd:date``, ``xsd:anyURI`` …)."""
    return f'"{escape(value)}"^^<{datatype}>'


FLUSH_EVERY = 20_000  # lines held before a bound graph parses them: bounds the text kept in Python


class TripleLines:
    """An append-only buffer of N-Triples lines; bound to a graph, it loads them there in batches."""

    __slots__ = ("lines", "graph")

    def __init__(self, graph: Graph | None = None) -> None:
        self.lines: list[str] = []
        self.graph = graph

    def add(self, subject: str, predicate: str, obj: str | None) -> None:
        """Add one triple of formatted terms; a ``None`` object adds nothing."""
        if obj is not None:
            self.lines.append(f"{subject} {predicate} {obj} .")
            if self.graph is not None and len(self.lines) >= FLUSH_EVERY:
                self.flush()

    def flush(self) -> None:
        """Parse the buffered lines into the bound graph and forget them."""
        if self.graph is not None and self.lines:
            load_lines(self.graph, self)
            self.lines = []

    def __len__(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        """All lines as one N-Triples document."""
        return "\n".join(self.lines) + "\n"


def term(value: URIRef | Literal | BNode) -> str:
    """The N-Triples form of an rdflib term (its lexical form kept as rdflib made it)."""
    kind = type(value)
    if kind is URIRef:  # most terms: first, and without isinstance's cost
        return f"<{value}>"
    if kind is Literal or isinstance(value, Literal):
        if value.language:
            return f'"{escape(str(value))}"@{value.language}'
        if value.datatype is not None:
            return f'"{escape(str(value))}"^^<{value.datatype}>'
        return f'"{escape(str(value))}"'
    if isinstance(value, BNode):
        return f"_:{value}"
    return iri(str(value))


class TermLines:
    """Triples of rdflib terms buffered as N-Triples and loaded in one go; ``set`` acts as ``Graph.set``.

    For code written against ``Graph.add``: the same calls, without rdflib's per-triple cost.
    """

    __slots__ = ("_added", "_set")

    def __init__(self) -> None:
        self._added: list[tuple[str, str, str]] = []
        self._set: dict[tuple, object] = {}

    def add(self, triple: tuple) -> None:
        """Add one triple."""
        subject, predicate, obj = triple
        self._added.append((term(subject), term(predicate), term(obj)))

    def set(self, triple: tuple) -> None:
        """Give ``(subject, predicate)`` this one object, replacing any other (the last set wins)."""
        subject, predicate, obj = triple
        self._set[(subject, predicate)] = obj

    def load_into(self, graph: Graph) -> Graph:
        """Write the buffered triples into ``graph``."""
        lines = TripleLines()
        replaced = set()
        for (subject, predicate), obj in self._set.items():
            graph.remove((subject, predicate, None))
            replaced.add((term(subject), term(predicate)))
            lines.add(term(subject), term(predicate), term(obj))
        for subject, predicate, obj in self._added:
            if (subject, predicate) not in replaced:
                lines.add(subject, predicate, obj)
        self._added, self._set = [], {}
        return load_lines(graph, lines)


def new_graph(identifier: URIRef | None = None) -> Graph:
    """An empty rdflib graph stored in Oxigraph (fast bulk parsing, native SPARQL through ``inner_store``)."""
    return native_graph(identifier)


def load_lines(graph: Graph, lines: TripleLines) -> Graph:
    """Parse the buffered lines into ``graph`` (Rust-side for an Oxigraph-backed graph)."""
    if not len(lines):
        return graph
    inner = inner_store(graph)
    if inner is not None:
        inner.load(lines.text().encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph_name(graph))
    else:
        graph.parse(data=lines.text(), format="nt")
    return graph


def ntriples(graph: Graph) -> str:
    """The graph as N-Triples text, serialised natively when the graph lives in Oxigraph."""
    inner = inner_store(graph)
    if inner is None:
        return graph.serialize(format="nt")
    return (inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_name(graph)) or b"").decode("utf-8")


def plain_graph(graph: Graph) -> Graph:
    """A copy in rdflib's own memory store (plain literals stay plain), for tools that need one."""
    if inner_store(graph) is None:
        return graph
    copy = Graph(identifier=graph.identifier, bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    return copy.parse(data=ntriples(graph), format="nt")


_NATIVE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}


def native_serialize(graph: Graph, fmt: str) -> str | None:
    """Serialise natively (Rust) when the graph lives in Oxigraph and the format allows; else None."""
    inner, native = inner_store(graph), _NATIVE_FORMATS.get(fmt)
    if inner is None or native is None:
        return None
    dumped = inner.dump(format=native, from_graph=graph_name(graph), base_iri=graph.base,
                        prefixes={prefix: str(namespace) for prefix, namespace in graph.namespaces()})
    return (dumped or b"").decode("utf-8")
