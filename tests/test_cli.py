"""The CLI: audit formats and outputs, named queries with bound parameters, export, re-ingest."""

import json

import pytest
from rdflib import Graph

from claimgraph.cli import main
from claimgraph.graph.queries import list_queries
from claimgraph.graph.store import open_store
from claimgraph.graph.vocab import graph_iri


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_audit_json_and_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["audit", "--format", "json", "--out", str(out), "--store", "none"]) == 0
    document = _json(capsys)
    assert document["schema_version"].startswith("1.")
    for name in ("report.txt", "report.md", "audit.json", "graph.ttl", "graph.jsonld", "graph.nt"):
        assert (out / name).stat().st_size > 0
    graph = Graph().parse(out / "graph.ttl")
    assert len(graph) == len(Graph().parse(out / "graph.nt")) == len(Graph().parse(out / "graph.jsonld"))


def test_audit_text_and_markdown(capsys):
    assert main(["audit", "--store", "none"]) == 0
    text = capsys.readouterr().out
    assert "Malformed links" in text and "fix:" in text
    assert main(["audit", "--format", "markdown", "--store", "none"]) == 0
    assert capsys.readouterr().out.startswith("# Citation audit:")


def test_fail_on_sets_exit_code():
    assert main(["audit", "--store", "none", "--fail-on", "high", "--no-evidence"]) == 1


def test_reingest_replaces_the_article_graph(tmp_path, capsys):
    store_dir = str(tmp_path / "s")
    main(["audit", "--store", store_dir, "--no-evidence"])
    main(["audit", "--store", store_dir, "--no-evidence"])
    capsys.readouterr()
    store = open_store(store_dir)
    try:
        names = store.graph_names()
        assert len(names) == 1
        first = len(store.graph(names[0]))
    finally:
        store.close()
    main(["audit", "--store", store_dir, "--no-evidence"])
    store = open_store(store_dir)
    try:
        assert len(store.graph(names[0])) == first
    finally:
        store.close()


@pytest.fixture()
def filled_store(tmp_path, capsys):
    spec = str(tmp_path / "q")
    assert main(["audit", "--store", spec, "--no-evidence"]) == 0
    capsys.readouterr()
    return spec


def _query(capsys, spec, name, *params):
    args = ["query", name, "--store", spec, "--format", "json"]
    for param in params:
        args += ["--param", param]
    assert main(args) == 0
    return _json(capsys)


def test_every_named_query_runs_on_the_sample(filled_store, capsys, sample_audit):
    claim = next(c.id for c in sample_audit.article.claims if c.citation_ids)
    params = {
        "claim": f"claim={claim}",
        "endnote": "endnote=1",
        "url": "url=https://arxiv.org/abs/2412.14093",
        "article": None,
    }
    core = {
        "articles",
        "claim-trace",
        "claims-citing-source",
        "claims-with-citations",
        "duplicate-groups",
        "endnotes",
        "findings-by-kind",
        "findings-for-endnote",
        "sources-per-domain",
        "orphan-endnotes",
        "unresolved-citations",
    }
    queries = list_queries()
    assert core <= {q.name for q in queries}
    for query in queries:
        given = [params[p.name] for p in query.params if params.get(p.name)]
        rows = _query(capsys, filled_store, query.name, *given)
        if query.name in core:
            assert rows, f"{query.name} returned no rows on the sample"
        for row in rows[:1]:
            assert set(row) <= set(query.columns), f"{query.name} header columns are out of date"


def test_claim_trace_and_claims_citing_source(filled_store, capsys, sample_audit):
    cited = next(c for c in sample_audit.article.citations if c.endnote == 3)
    rows = _query(capsys, filled_store, "claim-trace", f"claim={cited.claim}")
    assert {r["endnote"] for r in rows} == {3}
    rows = _query(capsys, filled_store, "claims-citing-source", "url=http://www.arxiv.org/abs/2412.14093/")
    assert {r["endnote"] for r in rows} == {3}
    assert len(rows) == sum(1 for c in sample_audit.article.citations if c.endnote == 3)


def test_query_results_match_the_python_audit(filled_store, capsys, sample_audit):
    orphans = _query(capsys, filled_store, "orphan-endnotes")
    expected = {f.endnotes[0] for f in sample_audit.findings if f.kind == "orphan_endnote"}
    cited = {c.endnote for c in sample_audit.article.citations if c.endnote}
    merged = {  # uncited twins of a cited entry: the duplicate finding reports them, not an orphan
        n
        for g in sample_audit.duplicate_groups
        if g.strength != "possible" and cited & set(g.endnotes)
        for n in g.endnotes
        if n not in cited
    }
    assert merged and {r["endnote"] for r in orphans} == expected | merged
    groups = _query(capsys, filled_store, "duplicate-groups")
    assert len({r["group"] for r in groups}) == len(sample_audit.duplicate_groups)
    findings = _query(capsys, filled_store, "findings-for-endnote", "endnote=28")
    assert {"malformed_url", "orphan_endnote"} <= {r["kind"] for r in findings}


def test_hostile_parameter_values_are_bound_not_pasted(filled_store, capsys):
    hostile = 'c-1" } } DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("1'
    assert _query(capsys, filled_store, "claim-trace", f"claim={hostile}") == []
    store = open_store(filled_store)
    try:
        assert store.graph_names(), "the graph is still there"
    finally:
        store.close()


def test_bad_parameters_are_clear_errors(filled_store, capsys):
    assert main(["query", "findings-for-endnote", "--store", filled_store, "--param", "endnote=x"]) == 2
    assert "not a valid integer" in capsys.readouterr().err
    assert main(["query", "claim-trace", "--store", filled_store]) == 2
    assert "needs the parameter claim" in capsys.readouterr().err
    assert main(["query", "no-such-query", "--store", filled_store]) == 2
    assert "known queries" in capsys.readouterr().err


def test_query_on_an_empty_store_ingests_the_sample(tmp_path, capsys):
    (tmp_path / "fresh").mkdir()
    rows = _query(capsys, str(tmp_path / "fresh"), "articles")
    assert len(rows) == 1 and rows[0]["endnotes"] > 0


def test_query_on_a_missing_store_is_an_error_and_creates_nothing(tmp_path, capsys):
    assert main(["query", "articles", "--store", str(tmp_path / "typo")]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_export_formats(filled_store, capsys, tmp_path):
    for fmt in ("turtle", "nt", "json-ld", "trig"):
        target = tmp_path / f"export.{fmt}"
        assert main(["export", "--format", fmt, "--store", filled_store, "--out", str(target)]) == 0
        assert target.stat().st_size > 1000
    store = open_store(filled_store)
    try:
        stored = len(store.graph(store.graph_names()[0]))
    finally:
        store.close()
    assert len(Graph().parse(tmp_path / "export.nt", format="nt")) == stored


def test_query_file_path(filled_store, capsys, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# name: mine\n# columns: n\nPREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
        "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e cg:number ?x } }\n"
    )
    rows = _query(capsys, filled_store, str(rq))
    assert rows[0]["n"] > 0
    assert graph_iri("x")  # vocab import used by other tests


@pytest.mark.parametrize("fmt", ["markdown", "csl-json", "bibtex"])
def test_export_corrected_endnotes(fmt, capsys):
    assert main(["export", "--endnotes", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csl-json":
        items = json.loads(out)
        urls = [item.get("URL") for item in items]
        assert len(urls) == len(set(urls)), "duplicates are merged"
        assert not any("utm_" in (u or "") or "_hsmi" in (u or "") for u in urls)
    elif fmt == "bibtex":
        assert out.count("@") >= 20 and "title = {" in out.replace("title={", "title = {")
    else:
        assert "Alignment faking in large language models" in out


def test_claims_with_citations_has_one_row_per_citation(filled_store, capsys, sample_audit):
    rows = _query(capsys, filled_store, "claims-with-citations")
    article = sample_audit.article
    expected = sum(max(1, len(c.citation_ids)) for c in article.claims)
    assert len(rows) == expected
    assert [r["claim"] for r in rows][:3] == [c.id for c in article.claims][:3]  # document order
