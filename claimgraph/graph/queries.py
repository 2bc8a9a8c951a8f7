"""Named SPARQL queries: files in ``queries/`` (and ``queries/checks/``) with a header comment.

A header line ``# param: NAME (TYPE[, optional]) description`` declares a parameter; values are
converted to RDF terms of that type and *bound* to ``?NAME``, never pasted into the query text.
Types: string, integer, decimal, iri, url (compared in canonical form), date.

``# scope: article`` says the query reads nothing but the named graph of the article bound to
``?article``; :func:`run_query` then tells the store, which may read only that graph.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from claimgraph import settings
from claimgraph.article.urls import canonical_url
from claimgraph.errors import InputError, QueryError
from claimgraph.graph.vocab import graph_iri
from claimgraph.shipped import shipped_queries_dir

QUERY_DIR_ENV = "CLAIMGRAPH_QUERIES"
_PARAM = re.compile(
    r"^#\s*param:\s*(?P<name>\w+)\s*\((?P<type>\w+)(?P<optional>,\s*optional)?\)\s*(?P<doc>.*)$"
)
_FIELD = re.compile(
    r"^#\s*(?P<key>name|kind|severity|message|fix|columns|scope):\s*(?P<value>.*)$"
)
SCOPES = ("article",)

__all__ = [
    "NamedQuery",
    "Param",
    "queries_dir",
    "query_dirs",
    "list_queries",
    "load_query",
    "bind_params",
    "run_query",
    "query_graphs",
    "run_untrusted_query",
]

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 10_000


@dataclass
class Param:
    """A declared query parameter."""

    name: str
    type: str
    optional: bool
    doc: str


@dataclass
class NamedQuery:
    """A query file and what its header says about it."""

    name: str
    path: Path
    text: str
    description: str
    params: list[Param] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    kind: str | None = None  # for checks: the finding kind the rows become
    severity: str | None = None
    message: str | None = None  # for checks: a template, {column} filled from each row
    fix: str | None = None
    scope: str | None = None  # "article": reads only the graph of the article bound to ?article


def query_dirs() -> list[Path]:
    """Where named queries live: folders in ``$CLAIMGRAPH_QUERIES`` (``:``-separated), then the shipped ones.

    A user folder adds queries and checks; one with a shipped query's name replaces it. A folder
    that does not exist is an error, never silently skipped.
    """
    user = [Path(part) for part in settings.get(QUERY_DIR_ENV).split(os.pathsep) if part.strip()]
    for folder in user:
        if not folder.is_dir():
            raise QueryError(f"{QUERY_DIR_ENV} names {folder}, which is not a folder")
    return [*user, shipped_queries_dir()]


def queries_dir() -> Path:
    """The shipped queries folder (user folders from ``$CLAIMGRAPH_QUERIES`` come on top of it)."""
    return shipped_queries_dir()


def _query_files(sub: str = "") -> list[Path]:
    """One ``.rq`` file per name across the query folders (earlier folders win), sorted by name."""
    found: dict[str, Path] = {}
    for root in query_dirs():
        folder = root / sub if sub else root
        for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
            found.setdefault(path.stem, path)
    return [found[name] for name in sorted(found)]


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    query = NamedQuery(name=path.stem, path=path, text=text, description="")
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if match := _PARAM.match(line):
            query.params.append(
                Param(
                    match["name"],
                    match["type"].lower(),
                    bool(match["optional"]),
                    match["doc"].strip(),
                )
            )
        elif match := _FIELD.match(line):
            key, value = match["key"], match["value"].strip()
            if key == "name":
                query.name = value
            elif key == "columns":
                query.columns = [c.strip() for c in value.split(",") if c.strip()]
            elif key == "scope":
                query.scope = value.split()[0] if value else None
            else:
                setattr(query, key, value)
        else:
            description.append(line.lstrip("#").strip())
    query.description = " ".join(d for d in description if d)
    if query.scope is not None and query.scope not in SCOPES:
        raise QueryError(f"{path}: unknown scope {query.scope!r} (known: {', '.join(SCOPES)})")
    return query


def list_queries(include_checks: bool = True) -> list[NamedQuery]:
    """Every named query, checks last."""
    paths = _query_files()
    if include_checks:
        paths += _query_files("checks")
    return [_parse(p) for p in paths]


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A query by name (``orphan-endnotes``) or by the path of an ``.rq`` file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists():
        return _parse(path)
    if path.suffix == ".rq" or "/" in str(name_or_path):
        raise QueryError(f"no query file {str(name_or_path)!r}")
    for root in query_dirs():
        for candidate in (root / f"{name_or_path}.rq", root / "checks" / f"{name_or_path}.rq"):
            if candidate.is_file():
                return _parse(candidate)
    known = ", ".join(q.name for q in list_queries())
    raise QueryError(f"no query named {str(name_or_path)!r}; known queries: {known}")


def _term(param: Param, value: str) -> Literal | URIRef:
    try:
        if param.type == "integer":
            return Literal(int(value))
        if param.type == "decimal":
            return Literal(float(value), datatype=XSD.decimal)
        if param.type == "date":
            return Literal(value, datatype=XSD.date)
        if param.type == "iri":
            if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.IGNORECASE):
                raise ValueError("not an absolute IRI")
            return URIRef(value)
        if param.type == "url":
            canonical = canonical_url(value)
            if not canonical:
                raise ValueError("not a URL")
            return Literal(canonical, datatype=XSD.anyURI)
    except ValueError as error:
        raise QueryError(
            f"parameter {param.name}={value!r} is not a valid {param.type}: {error}"
        ) from None
    return Literal(value)


def bind_params(query: NamedQuery, values: dict[str, str]) -> dict[str, Literal | URIRef]:
    """RDF terms for the given parameter values; unknown or missing required names are errors."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise QueryError(
            f"query {query.name} has no parameter {', '.join(unknown)}; its parameters: {names}"
        )
    missing = [p.name for p in query.params if not p.optional and p.name not in values]
    if missing:
        docs = "; ".join(f"{p.name}: {p.doc}" for p in query.params if p.name in missing)
        raise QueryError(
            f"query {query.name} needs the parameter {' '.join(m + '=…' for m in missing)} ({docs})"
        )
    for name, value in values.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:  # bytes that are not UTF-8 reach us as lone surrogates
            bad = value[error.start].encode("utf-8", "surrogateescape")
            raise InputError(
                f"parameter {name} is not valid UTF-8 text (byte {bad!r} at position {error.start})"
            ) from None
    return {name: _term(declared[name], value) for name, value in values.items()}


def query_graphs(query: NamedQuery, values: dict[str, str]) -> list[URIRef] | None:
    """The named graphs a scoped query can match, for the given parameter values (else None)."""
    if query.scope == "article" and values.get("article"):
        return [graph_iri(values["article"])]
    return None


def run_query(store, query: NamedQuery | str, values: dict[str, str] | None = None):
    """Run a named query (or one loaded by name) on a store with bound parameters."""
    named = query if isinstance(query, NamedQuery) else load_query(query)
    values = values or {}
    return store.query(named.text, bind_params(named, values), graphs=query_graphs(named, values))


def run_untrusted_query(
    store, text: str, *, timeout_s: float = DEFAULT_TIMEOUT_S, max_rows: int = DEFAULT_MAX_ROWS
):
    """Run a query a user typed: only reads of this store, within a time and a row limit.

    Refuses ``FROM``, ``FROM NAMED``, ``SERVICE``, ``LOAD`` and every update (QueryRefused), stops
    after ``timeout_s`` (QueryTimeout) and keeps at most ``max_rows`` rows (``truncated`` says so).
    Returns a QueryResult, or an rdflib Graph for CONSTRUCT and DESCRIBE.
    """
    from claimgraph.graph.untrusted import check_untrusted_query

    check_untrusted_query(text)
    bounded = getattr(store, "bounded_query", None)
    if bounded is None:
        raise QueryError(f"{type(store).__name__} cannot run user queries safely; use a claimgraph store")
    return bounded(text, timeout_s=timeout_s, max_rows=max_rows)
