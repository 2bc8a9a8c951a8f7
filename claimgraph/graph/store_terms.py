"""RDF terms across backends: rdflib ⇄ pyoxigraph, safe SPARQL serialisation, bound parameters.

Parameters reach a SPARQL text only as a ``VALUES`` block placed first in the query's outermost
group, built from terms serialised here with full escaping, so a hostile string stays one literal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from claimgraph.errors import QueryError

XSD_STRING = str(XSD.string)
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*\Z")
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_IRIREF_AT = re.compile(r'<[^\x00-\x20<>"{}|^`\\]*>')


def to_rdflib_term(value: Any) -> URIRef | Literal | BNode:
    """Coerce a binding value: rdflib terms pass through, other Python values become literals."""
    if isinstance(value, URIRef | Literal | BNode):
        return value
    if value is None:
        raise QueryError("a parameter is None: give a value or leave the parameter out")
    return Literal(value)


def _plain_literal_factory() -> Callable[[str], Literal]:
    """A maker of plain (xsd:string) literals that skips ``Literal()``'s parsing and checks.

    Results hold tens of thousands of strings, and ``Literal(text)`` costs ~1.6 µs each (a quarter
    of a 7,000-row answer's time). The fast maker fills the same four slots rdflib's constructor
    fills for a plain string; it is used only if it matches ``Literal`` on a probe here, so a
    future rdflib that stores literals differently falls back to the constructor.
    """

    def plain(value: str) -> Literal:
        literal = str.__new__(Literal, value)
        literal._language = None
        literal._datatype = None
        literal._value = value
        literal._ill_typed = None
        return literal

    try:
        probe, expected = plain("probe é \"x\""), Literal("probe é \"x\"")
        same = (
            probe == expected
            and hash(probe) == hash(expected)
            and repr(probe) == repr(expected)
            and probe.n3() == expected.n3()
            and probe.toPython() == expected.toPython()
            and probe.datatype is expected.datatype is None
            and probe.language is expected.language is None
            and probe.eq(expected)
        )
    except (AttributeError, TypeError):
        same = False
    return plain if same else Literal


plain_literal = _plain_literal_factory()


def from_oxigraph(term: Any) -> URIRef | Literal | BNode | None:
    """The rdflib term for a pyoxigraph term (plain literals stay without datatype)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return plain_literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported RDF term from the store: {term!r}")


def oxigraph_converter() -> Callable[[Any], URIRef | Literal | BNode | None]:
    """A :func:`from_oxigraph` that remembers terms it has seen (results repeat many values)."""
    seen: dict[Any, URIRef | Literal | BNode | None] = {}

    def convert(term: Any) -> URIRef | Literal | BNode | None:
        if term is None:
            return None
        known = seen.get(term)
        if known is None:
            known = seen[term] = from_oxigraph(term)
        return known

    return convert


def add_oxigraph_triples(graph: Any, triples: Any) -> Any:
    """Add pyoxigraph triples or quads (their subject, predicate, object) to an rdflib graph."""
    convert = oxigraph_converter()
    for triple in triples:
        graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
    return graph


def to_oxigraph(term: URIRef | Literal | BNode) -> Any:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"not an RDF term: {term!r}")


def escape_string(text: str) -> str:
    """A SPARQL/N-Triples string body with every special character escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def iri_text(iri: str) -> str:
    """``<iri>``, refusing characters that no IRI may contain."""
    if _IRI_FORBIDDEN.search(iri):
        raise QueryError(f"not a valid IRI (spaces, quotes, braces or backslashes): {iri!r}")
    return f"<{iri}>"


def term_text(term: URIRef | Literal | BNode) -> str:
    """An rdflib term in SPARQL/N-Triples syntax, safely escaped."""
    if isinstance(term, URIRef):
        return iri_text(str(term))
    if isinstance(term, BNode):
        if not _BNODE.match(str(term)):
            raise QueryError(f"not a valid blank node label: {str(term)!r}")
        return f"_:{term}"
    if isinstance(term, Literal):
        body = f'"{escape_string(str(term))}"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{body}^^{iri_text(str(term.datatype))}"
        return body
    raise QueryError(f"not an RDF term: {term!r}")


def variable_name(key: str) -> str:
    """A binding key (``"x"``, ``"?x"`` or ``"$x"``) as a checked variable name."""
    name = key[1:] if key[:1] in ("?", "$") else key
    if not _VARNAME.match(name):
        raise QueryError(f"not a SPARQL variable name: {key!r}")
    return name


def normalise_bindings(bindings: Mapping[str, Any] | None) -> dict[str, URIRef | Literal | BNode]:
    """Checked variable names mapped to rdflib terms."""
    checked = {}
    for key, value in (bindings or {}).items():
        term = to_rdflib_term(value)
        term_text(term)  # refuses IRIs, language tags and labels that no store could hold
        checked[variable_name(key)] = term
    return checked


def values_block(bindings: Mapping[str, URIRef | Literal | BNode]) -> str:
    """``VALUES (?a ?b) { (term term) }`` for one row of bindings."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term_text(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def outer_group_start(sparql: str) -> int:
    """Index just after the ``{`` opening the WHERE group (skipping IRIs, strings, comments)."""
    i, n = 0, len(sparql)
    while i < n:
        char = sparql[i]
        if char == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif char == "<":
            match = _IRIREF_AT.match(sparql, i)
            i = match.end() if match else i + 1
        elif char in "\"'":
            i = _skip_string(sparql, i)
        elif char == "{":
            return i + 1
        else:
            i += 1
    raise QueryError("the query has no WHERE group '{ … }' to bind parameters into")


def _skip_string(text: str, start: int) -> int:
    quote = text[start]
    long_quote = text.startswith(quote * 3, start)
    delimiter = quote * 3 if long_quote else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(delimiter, i):
            return i + len(delimiter)
        else:
            i += 1
    raise QueryError("the query has an unterminated string")


def bind_as_values(sparql: str, bindings: Mapping[str, URIRef | Literal | BNode]) -> str:
    """The query with a VALUES block for ``bindings`` first in its outermost WHERE group."""
    if not bindings:
        return sparql
    at = outer_group_start(sparql)
    return f"{sparql[:at]} {values_block(bindings)} {sparql[at:]}"
