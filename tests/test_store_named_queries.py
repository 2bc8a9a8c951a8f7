"""The sample article audited into the embedded store and into a real Oxigraph server answers every
named query identically, and the audit's findings do not depend on the store.

The sample alone leaves some queries empty (it has no disputed claim, for one), so a small
synthetic corpus (benchmarks/synthetic.py: several articles, shared works, evidence of every
stance, reviews) is loaded into both stores too before the answers are compared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from oxigraph_server import oxigraph_server  # noqa: F401  (fixture)

from claimgraph.api import AuditOptions, audit
from claimgraph.audit.json_report import audit_to_json
from claimgraph.graph.queries import NamedQuery, bind_params, list_queries
from claimgraph.graph.store import GraphStore, open_store
from claimgraph.graph.vocab import graph_iri

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import synthetic_corpus  # noqa: E402

PROBES = {
    "claim": "PREFIX schema: <https://schema.org/> PREFIX dcterms: <http://purl.org/dc/terms/> "
    "SELECT ?v WHERE { GRAPH ?g { ?c a schema:Claim ; dcterms:identifier ?v } } ORDER BY ?v LIMIT 1",
    "url": "PREFIX cg: <https://w3id.org/claimgraph/ns#> "
    "SELECT ?v WHERE { GRAPH ?g { ?e cg:canonicalUrl ?v } } ORDER BY ?v LIMIT 1",
}
DEFAULTS = {"integer": "1", "decimal": "0.5", "date": "2024-01-01", "string": "x", "iri": "https://e.org/"}


def _values(query: NamedQuery, store: GraphStore) -> dict[str, str]:
    values = {}
    for param in query.params:
        if param.optional:
            continue
        probe = PROBES.get(param.name) or PROBES.get(param.type)
        rows = store.query(probe).rows if probe else []
        values[param.name] = str(rows[0][0]) if rows else DEFAULTS.get(param.type, "1")
    return values


def _answers(store: GraphStore, probe_store: GraphStore) -> dict[str, list[str]]:
    answers = {}
    for query in list_queries():
        binds = bind_params(query, _values(query, probe_store))
        result = store.query(query.text, binds)
        answers[query.name] = sorted(repr(row) for row in result.rows)
    return answers


@pytest.mark.slow
@pytest.mark.server
def test_named_queries_and_findings_agree_between_embedded_and_server(
    tmp_path: Path,
    oxigraph_server,  # noqa: F811
) -> None:
    embedded = open_store(str(tmp_path / "embedded"))
    remote = open_store(oxigraph_server.base_url)
    local_result = audit(store=embedded, options=AuditOptions())
    remote_result = audit(store=remote, options=AuditOptions())
    local_json, remote_json = audit_to_json(local_result), audit_to_json(remote_result)
    assert local_json["findings"] == remote_json["findings"]
    assert local_json["findings"], "the sample should produce findings"

    name = graph_iri(local_result.article.id)
    assert embedded.graph_names() == remote.graph_names() == [name]
    assert set(embedded.graph(name)) == set(remote.graph(name))

    corpus = synthetic_corpus(3_000, seed=11)
    embedded.load_nquads(corpus.nquads)
    remote.load_nquads(corpus.nquads)
    local, served = _answers(embedded, embedded), _answers(remote, embedded)
    assert local == served
    answered = [name for name, rows in local.items() if rows]
    print(f"{len(answered)} of {len(local)} named queries returned rows: {answered}")
    assert len(answered) >= len(local) // 2, f"too few queries found rows: {answered}"
