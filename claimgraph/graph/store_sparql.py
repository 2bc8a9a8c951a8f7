"""Any SPARQL 1.1 server: Query and Update protocols, plus the Graph Store Protocol when offered.

Endpoints default to Oxigraph's layout (``<base>/query``, ``<base>/update``, ``<base>/store``)
and can be set one by one, by keyword or by ``CLAIMGRAPH_SPARQL_QUERY`` / ``_UPDATE`` / ``_STORE``;
set the store endpoint to ``none`` for servers without the Graph Store Protocol (graphs are then
written with one ``DELETE WHERE … ; INSERT DATA …`` update and read with a SELECT).
``CLAIMGRAPH_SPARQL_AUTH`` may hold ``user:password`` for HTTP basic auth, or
``CLAIMGRAPH_SPARQL_TOKEN`` a bearer token (QLever's access token). Parameters are bound as a VALUES
block of escaped terms. Graphs are cleared with ``DELETE WHERE``, which every server supports.
With ``send_scope=True`` (or ``CLAIMGRAPH_SPARQL_SEND_SCOPE=1``) a query limited to some named
graphs sends them as the protocol's ``named-graph-uri`` dataset; Oxigraph's server honours it (and
``claimgraph serve`` turns it on), other servers may refuse a dataset in the request.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox
import rdflib
import requests
from rdflib import BNode, Literal, URIRef

from claimgraph import settings
from claimgraph.errors import QueryError, StoreError
from claimgraph.graph.store_interface import QueryResult
from claimgraph.graph.store_terms import (
    XSD_STRING,
    add_oxigraph_triples,
    bind_as_values,
    iri_text,
    normalise_bindings,
    term_text,
)
from claimgraph.graph.untrusted import one_line, past, run_bounded

RESULTS_JSON = "application/sparql-results+json"
MAX_ANSWER_BYTES = 64 * 2**20
NO_ENDPOINT = ("", "none", "off")
TRUE = ("1", "true", "yes", "on")


def _endpoint(explicit: str | None, env: str, default: str) -> str | None:
    value = explicit if explicit is not None else settings.get(env, default)
    return None if value.strip().lower() in NO_ENDPOINT else value.strip()


def ntriples(graph: rdflib.Graph) -> str:
    """The graph as N-Triples text, every term escaped by :func:`term_text`."""
    return "".join(f"{term_text(s)} {term_text(p)} {term_text(o)} .\n" for s, p, o in graph)


class SparqlStore:
    """A :class:`GraphStore` on a remote SPARQL 1.1 server."""

    def __init__(
        self,
        base_url: str,
        *,
        query_endpoint: str | None = None,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
        timeout: float | None = None,
        auth: tuple[str, str] | None = None,
        send_scope: bool | None = None,
        token: str | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        if send_scope is None:
            send_scope = settings.get_flag("CLAIMGRAPH_SPARQL_SEND_SCOPE")
        self.send_scope = send_scope
        self.base_url = base
        self.query_url = _endpoint(query_endpoint, "CLAIMGRAPH_SPARQL_QUERY", f"{base}/query")
        self.update_url = _endpoint(update_endpoint, "CLAIMGRAPH_SPARQL_UPDATE", f"{base}/update")
        self.store_url = _endpoint(store_endpoint, "CLAIMGRAPH_SPARQL_STORE", f"{base}/store")
        if self.query_url is None:
            raise StoreError("a SPARQL store needs a query endpoint: set CLAIMGRAPH_SPARQL_QUERY")
        self.timeout = timeout or settings.get_float("CLAIMGRAPH_SPARQL_TIMEOUT")
        self._session = requests.Session()
        credentials = settings.get("CLAIMGRAPH_SPARQL_AUTH") or None
        token = token or settings.get("CLAIMGRAPH_SPARQL_TOKEN") or None
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"
        if auth is not None:
            self._session.auth = auth
        elif credentials and ":" in credentials:
            user, password = credentials.split(":", 1)
            self._session.auth = (user, password)

    def __repr__(self) -> str:
        return f"SparqlStore({self.base_url!r})"

    # -- HTTP ----------------------------------------------------------------------------------

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise StoreError(
                f"cannot reach the SPARQL server at {url}: {error}. Start it (claimgraph serve) "
                "or check the store URL and the endpoint settings"
            ) from error
        if response.status_code in (401, 403):
            raise StoreError(
                f"{url} refused access ({response.status_code}); set CLAIMGRAPH_SPARQL_AUTH="
                "user:password, or use a writable endpoint if this one is read-only"
            )
        return response

    def _update(self, update: str) -> None:
        if self.update_url is None:
            raise StoreError("this SPARQL store has no update endpoint: set CLAIMGRAPH_SPARQL_UPDATE")
        response = self._send(
            "POST",
            self.update_url,
            data=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        if response.status_code >= 300:
            raise StoreError(
                f"update refused by {self.update_url} ({response.status_code}): "
                f"{response.text.strip()[:500]} — is the server read-only?"
            )

    # -- the GraphStore interface --------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: rdflib.Graph) -> None:
        """Replace one named graph: a Graph Store Protocol PUT, or one DELETE+INSERT update."""
        body = ntriples(graph)
        target = iri_text(str(name))
        if self.store_url is None:
            self._update(f"{_clear(target)} ;\nINSERT DATA {{ GRAPH {target} {{\n{body}}} }}")
            return
        response = self._send(
            "PUT",
            self.store_url,
            params={"graph": str(name)},
            data=body.encode("utf-8"),
            headers={"Content-Type": "application/n-triples"},
        )
        if response.status_code >= 300:
            raise StoreError(
                f"{self.store_url} refused to replace graph {name} ({response.status_code}): "
                f"{response.text.strip()[:500]}"
            )

    def graph(self, name: URIRef) -> rdflib.Graph:
        """A copy of one named graph (empty if absent)."""
        result = rdflib.Graph(identifier=name)
        if self.store_url is None:
            rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
            for s, p, o, *_ in rows.rows:
                result.add((s, p, o))
            return result
        response = self._send(
            "GET",
            self.store_url,
            params={"graph": str(name)},
            headers={"Accept": "application/n-triples"},
        )
        if response.status_code == 404:
            return result
        if response.status_code >= 300:
            raise StoreError(
                f"{self.store_url} could not return graph {name} ({response.status_code}): "
                f"{response.text.strip()[:500]}"
            )
        return add_oxigraph_triples(result, ox.parse(response.content, ox.RdfFormat.N_TRIPLES))

    def graph_names(self) -> list[URIRef]:
        """The names of all named graphs that hold at least one triple, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(row[0])) for row in result.rows if row[0] is not None)

    def remove_graph(self, name: URIRef) -> None:
        """Delete one named graph; absent graphs are ignored."""
        self._update(_clear(iri_text(str(name))))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Any] | None = None,
        graphs: Sequence[URIRef] | None = None,
    ) -> QueryResult:
        """Run a SELECT or ASK query over the SPARQL 1.1 Protocol (POST, JSON results).

        ``graphs`` is sent as ``named-graph-uri`` only with ``send_scope``: servers differ in how
        they treat a dataset in the request, and the answer is the same without it.
        """
        text = bind_as_values(sparql, normalise_bindings(bindings))
        dataset = [("named-graph-uri", str(name)) for name in graphs] if graphs and self.send_scope else None
        response = self._send(
            "POST",
            self.query_url,
            params=dataset,
            data=text.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": RESULTS_JSON,
            },
        )
        if response.status_code == 400:
            raise QueryError(f"the server rejected the query: {response.text.strip()[:500]}")
        if response.status_code >= 300:
            raise StoreError(
                f"query failed at {self.query_url} ({response.status_code}): {response.text.strip()[:500]}"
            )
        try:
            return parse_json_results(response.json())
        except ValueError as error:
            raise QueryError(
                f"{self.query_url} did not answer with SPARQL JSON results; only SELECT and ASK "
                f"queries are supported ({error})"
            ) from error

    def bounded_query(self, sparql: str, *, timeout_s: float, max_rows: int) -> QueryResult | rdflib.Graph:
        """Run a checked user query with a total time limit; keep at most ``max_rows`` rows."""

        def work(deadline: float) -> QueryResult | rdflib.Graph:
            body = self._bounded_post(sparql, deadline, timeout_s)
            if body[1].startswith("application/n-triples"):
                graph = rdflib.Graph()
                for count, triple in enumerate(ox.parse(body[0], ox.RdfFormat.N_TRIPLES)):
                    if count >= max_rows:
                        graph.truncated = True  # type: ignore[attr-defined]
                        break
                    add_oxigraph_triples(graph, [triple])
                return graph
            try:
                result = parse_json_results(json.loads(body[0]))
            except (ValueError, KeyError, TypeError) as error:
                raise QueryError(f"{self.query_url} did not answer with SPARQL results ({error})") from None
            if len(result.rows) > max_rows:
                result.rows, result.truncated = result.rows[:max_rows], True
            return result

        return run_bounded(work, timeout_s)

    def _bounded_post(self, sparql: str, deadline: float, timeout_s: float) -> tuple[bytes, str]:
        headers = {
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": f"{RESULTS_JSON}, application/n-triples;q=0.9",
        }
        try:
            response = self._session.post(
                self.query_url, data=sparql.encode("utf-8"), headers=headers, stream=True,
                timeout=(min(5.0, timeout_s), timeout_s),
            )
            chunks, size = [], 0
            for chunk in response.iter_content(65536):
                past(deadline)
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    raise QueryError(f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MB; add a LIMIT")
                chunks.append(chunk)
        except requests.RequestException as error:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {one_line(error)}") \
                from None
        if response.status_code >= 300:
            raise QueryError(f"the server refused the query ({response.status_code}): "
                             f"{one_line(b''.join(chunks).decode('utf-8', 'replace'), 200)}")
        return b"".join(chunks), response.headers.get("Content-Type", "")

    def load_nquads(self, data: bytes, *, no_transaction: bool = False) -> None:
        """POST N-Quads to the store endpoint (``no_transaction`` is Oxigraph's fast bulk mode)."""
        if self.store_url is None:
            raise StoreError("bulk loading needs a Graph Store Protocol endpoint")
        url = f"{self.store_url}?no_transaction" if no_transaction else self.store_url
        response = self._send("POST", url, data=data, headers={"Content-Type": "application/n-quads"})
        if response.status_code >= 300:
            raise StoreError(f"bulk load refused ({response.status_code}): {response.text[:500]}")

    def close(self) -> None:
        """Close the HTTP session."""
        self._session.close()


def _clear(target: str) -> str:
    return f"DELETE WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}"


def _json_term(value: Mapping[str, str]) -> URIRef | Literal | BNode:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise ValueError(f"unknown term type {kind!r}")


def parse_json_results(document: Mapping[str, Any]) -> QueryResult:
    """A :class:`QueryResult` from SPARQL 1.1 Query Results JSON."""
    if "boolean" in document:
        return QueryResult(variables=[], rows=[], boolean=bool(document["boolean"]))
    variables = list(document["head"].get("vars", []))
    seen: dict[tuple, URIRef | Literal | BNode] = {}

    def convert(value: Mapping[str, str]) -> URIRef | Literal | BNode:
        key = tuple(sorted(value.items()))
        if key not in seen:
            seen[key] = _json_term(value)
        return seen[key]

    rows = []
    for binding in document["results"]["bindings"]:
        rows.append(tuple(convert(binding[name]) if name in binding else None for name in variables))
    return QueryResult(variables=variables, rows=rows)
