"""The audit of the embedded sample lists what a careful editor would."""

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from claimgraph.audit.json_report import audit_to_json
from claimgraph.audit.report import render_text
from claimgraph.graph.shapes import validate_graph
from claimgraph.graph.vocab import SCHEMA

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "claimgraph" / "data" / "audit.schema.json"


def _kinds(result):
    return Counter(f.kind for f in result.findings)


def _endnotes_with(result, kind, code=None):
    return {
        n
        for f in result.findings
        if f.kind == kind and (code is None or f.details.get("code") == code)
        for n in f.endnotes
    }


def test_every_citation_is_resolved_or_honestly_unresolved(sample_audit):
    for citation in sample_audit.article.citations:
        if citation.endnote is None:
            assert citation.candidates, "an unresolved citation keeps its candidates"
            assert any(
                f.kind == "unresolved_citation" and citation.id in f.citations for f in sample_audit.findings
            )
        else:
            endnote = sample_audit.article.endnote(citation.endnote)
            assert citation.domain in (endnote.source, endnote.url) or citation.domain in endnote.url


def test_placeholder_cards_stay_unresolved(sample_audit):
    """'Open source on anthropic.com.' names no endnote: it must not be guessed."""
    vague = [
        c
        for c in sample_audit.article.citations
        if "Open source on" in c.card or "Source details in endnotes" in c.card
    ]
    assert len(vague) == 2 and all(c.endnote is None for c in vague)


def test_cards_pick_the_exact_endnote_among_near_twins(sample_audit):
    by_card = {c.card[:60]: c.endnote for c in sample_audit.article.citations}
    twins = [c for c in sample_audit.article.citations if "\\ Anthropic" in c.card]
    assert twins and twins[0].endnote == 11  # title '… \ Anthropic' + snippet: endnote 11, not 10
    assert 12 in by_card.values()  # the fragment-titled endnote is still matched by its card


def test_malformed_and_suspicious_urls(sample_audit):
    assert _endnotes_with(sample_audit, "malformed_url") == {28, 36}
    assert _endnotes_with(sample_audit, "suspicious_url") == {15}
    wandb = sample_audit.article.endnote(28)
    assert "—" in wandb.url and "%E2%80%94" in wandb.canonical_url


def test_duplicate_groups(sample_audit):
    groups = {(g.strength, tuple(g.endnotes)) for g in sample_audit.duplicate_groups}
    assert ("certain", (4, 17)) in groups  # arXiv abs and html of one paper
    # 1, 2, 10, 11 share a link (tracking parameters only); 12, 13 join them by title and date:
    # one group, reported once, with both pieces of evidence
    likely = [g for g in sample_audit.duplicate_groups if g.strength == "likely"]
    assert [g.endnotes for g in likely] == [[1, 2, 10, 11, 12, 13]]
    assert "the same link" in likely[0].reason and "title and date" in likely[0].reason
    strong = [n for g in sample_audit.duplicate_groups if g.strength != "possible" for n in g.endnotes]
    assert len(strong) == len(set(strong)), "an endnote is in one certain-or-likely group at most"
    videos = {18, 19, 38}
    for group in sample_audit.duplicate_groups:
        assert len(videos & set(group.endnotes)) == 0, "distinct videos are never merged"
        assert 21 not in group.endnotes, "a discussion thread is not the paper it discusses"


def test_orphans_and_further_reading(sample_audit):
    """Uncited endnotes are orphans; uncited further reading is only counted in the summary.

    An uncited entry that duplicates a cited one is left to its duplicate finding, which names
    the entry to keep and moves the citations (one finding per problem).
    """
    orphans = {f.endnotes[0]: f for f in sample_audit.findings if f.kind == "orphan_endnote"}
    cited = {c.endnote for c in sample_audit.article.citations if c.endnote}
    article = sample_audit.article
    notes = {e.number for e in article.endnotes if e.kind != "further_reading"}
    reading = {e.number for e in article.endnotes if e.kind == "further_reading"}
    merged = {
        n
        for g in sample_audit.duplicate_groups
        if g.strength != "possible" and cited & set(g.endnotes)
        for n in g.endnotes
    }
    assert reading and set(orphans) == notes - cited - merged
    assert 13 in merged - cited  # uncited, but in a group with the cited endnote 1
    (group,) = [f for f in sample_audit.findings if f.kind == "duplicate" and 13 in f.endnotes]
    assert group.fix.startswith("keep endnote [1]") and "[13]" in group.fix
    assert all(f.severity == "medium" for f in orphans.values())
    summary = render_text(sample_audit)
    assert f"{len(reading - cited)} further-reading entries no sentence cites" in summary


def test_title_problems(sample_audit):
    codes = {
        f.endnotes[0]: f.details["code"]
        for f in sample_audit.findings
        if f.kind == "title_mismatch" and "code" in f.details
    }
    assert codes[12] == "fragment" and codes[32] == "fragment"
    assert codes[2] == "slug_like" and codes[9] == "slug_like"
    assert codes[6] == "truncated"
    assert codes[3] == "missing"
    assert 1 not in codes and 24 not in codes


def test_json_output_validates_against_the_schema(sample_audit):
    document = audit_to_json(sample_audit)
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.validate(document, schema)
    assert [c["start"] for c in document["claims"]] == sorted(c["start"] for c in document["claims"])
    assert [c["id"] for c in document["citations"]] == [c.id for c in sample_audit.article.citations]
    assert [e["number"] for e in document["endnotes"]] == list(range(1, len(document["endnotes"]) + 1))
    assert document["summary"]["findings_by_kind"] == dict(sorted(_kinds(sample_audit).items()))


def test_schema_rejects_a_broken_document(sample_audit):
    document = audit_to_json(sample_audit)
    document["findings"][0]["severity"] = "catastrophic"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text()))


def test_graph_conforms_to_shapes(sample_audit):
    conforms, report = validate_graph(sample_audit.graph)
    assert conforms, report


def test_shapes_catch_a_broken_claim(sample_audit):
    broken = sample_audit.graph.__class__()
    for triple in sample_audit.graph:
        broken.add(triple)
    claim = next(broken.subjects(RDF.type, SCHEMA.Claim))
    broken.remove((claim, SCHEMA.text, None))
    broken.add((URIRef(str(claim) + "x"), RDF.type, SCHEMA.Claim))
    broken.add((claim, SCHEMA.text, Literal("")))
    conforms, report = validate_graph(broken)
    assert not conforms and "schema:text" in report and "MinLength" in report
