"""Source findings, source triples and the corrected endnote export, on a small real-looking audit."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal

from claimgraph.audit.endnote_export import corrected_endnotes
from claimgraph.audit.source_checks import source_findings
from claimgraph.graph.sources import add_source_triples
from claimgraph.graph.vocab import BIRO, CG, PROV, SCHEMA, endnote_iri, work_iri
from claimgraph.model import (
    Article,
    AuditResult,
    Capture,
    DuplicateGroup,
    Endnote,
    Redirect,
    Source,
    SourceMetadata,
)


def _article() -> Article:
    notes = [
        Endnote(
            1,
            "Endnotes",
            title="Alignment faking in LLMs",
            url="https://example.org/paper?ref=x",
            canonical_url="https://example.org/paper",
            published="2024-12-18",
        ),
        Endnote(
            2,
            "Endnotes",
            title="Something else entirely",
            url="https://example.org/paper",
            canonical_url="https://example.org/paper",
            published="2023-01-01",
        ),
        Endnote(3, "Endnotes", title="Gone page", url="https://old.example.org/post"),
        Endnote(4, "Endnotes", title="Moved", url="http://example.net/a"),
        Endnote(5, "Endnotes", title="Locked", url="https://blocked.example.com/x"),
    ]
    return Article(id="demo", title="Demo", text="", format="text", endnotes=notes)


def _sources() -> dict[int, Source]:
    meta = SourceMetadata(
        title="Alignment faking in large language models",
        authors=["Ryan Greenblatt", "Evan Hubinger"],
        published="2024-12-18",
        site="arXiv",
        type="ScholarlyArticle",
        provenance={"title": "arxiv", "authors": "arxiv"},
    )
    capture = Capture(
        "https://example.org/paper",
        "https://example.org/paper",
        200,
        {},
        "2026-01-01T00:00:00Z",
        "ab" * 32,
        path="/tmp/x.warc.gz",
    )
    paper = Source(
        "https://example.org/paper",
        "https://example.org/paper",
        "ok",
        200,
        metadata=meta,
        capture=capture,
        text="t",
    )
    return {
        1: paper,
        2: paper,
        3: Source(
            "https://old.example.org/post",
            health="dead",
            status=404,
            archive_url="http://web.archive.org/web/2020/https://old.example.org/post",
        ),
        4: Source(
            "http://example.net/a",
            "https://example.com/b",
            "redirected",
            200,
            redirects=[Redirect("http://example.net/a", 301, "https://example.com/b")],
            metadata=SourceMetadata(title="Moved"),
        ),
        5: Source("https://blocked.example.com/x", health="blocked", status=403),
    }


def test_link_findings_have_kinds_severities_and_fixes():
    found = {(f.kind, tuple(f.endnotes)): f for f in source_findings(_article(), _sources())}
    dead = found[("dead_link", (3,))]
    assert dead.severity == "medium" and "web.archive.org" in dead.fix
    assert "checked once" in dead.message
    redirect = found[("redirected_link", (4,))]
    assert "https://example.com/b" in redirect.fix and redirect.details["offsite"]
    assert found[("blocked_link", (5,))].severity == "low"


def test_metadata_findings():
    found = {(f.kind, tuple(f.endnotes)) for f in source_findings(_article(), _sources())}
    assert ("title_mismatch", (2,)) in found
    assert ("title_mismatch", (1,)) not in found  # an abbreviation of the same title
    assert ("date_mismatch", (2,)) in found and ("date_mismatch", (1,)) not in found
    assert ("no_author", (4,)) in found


def test_source_triples_with_provenance_and_no_blank_nodes():
    graph = Graph()
    article = _article()
    cited = work_iri("doi:10.1/xyz")
    graph.add((endnote_iri("demo", 1), BIRO.references, cited))
    add_source_triples(graph, "demo", _sources())
    assert (cited, SCHEMA.name, Literal("Alignment faking in large language models")) in graph
    assert (endnote_iri("demo", 3), CG.linkHealth, Literal("dead")) in graph
    assert len(list(graph.objects(cited, SCHEMA.author))) == 2
    facts = list(graph.subjects(CG.field, Literal("authors")))
    assert facts and graph.value(facts[0], PROV.wasAttributedTo).endswith("extractor/arxiv")
    assert list(graph.subjects(PROV.used, None))
    assert not any(type(term).__name__ == "BNode" for triple in graph for term in triple)
    assert article.endnote(4).url == "http://example.net/a"


def _result() -> AuditResult:
    return AuditResult(
        article=_article(),
        sources=_sources(),
        duplicate_groups=[DuplicateGroup([1, 2], "certain", "same URL")],
    )


def test_markdown_export_merges_duplicates_and_uses_real_metadata():
    text = corrected_endnotes(_result(), "markdown")
    assert text.count("Alignment faking in large language models") == 1
    expected = (
        "Ryan Greenblatt, Evan Hubinger. *Alignment faking in large language models*. arXiv, 2024-12-18."
    )
    assert expected in text
    assert "<https://example.org/paper>" in text and "was endnotes 1, 2" in text
    assert "<https://example.com/b>" in text  # the redirect's final address
    assert "Archived: <http://web.archive.org" in text


def test_csl_json_and_bibtex_exports():
    items = json.loads(corrected_endnotes(_result(), "csl-json"))
    assert len(items) == 4
    assert items[0]["author"][0] == {"given": "Ryan", "family": "Greenblatt"}
    assert items[0]["issued"] == {"date-parts": [[2024, 12, 18]]}
    bib = corrected_endnotes(_result(), "bibtex")
    assert bib.startswith("@article{greenblatt2024n1,")
    assert "author = {Ryan Greenblatt and Evan Hubinger}" in bib


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        corrected_endnotes(_result(), "docx")


def test_a_dead_link_is_high_only_after_two_failures_a_day_apart():
    article, sources = _article(), _sources()
    sources[3].dead_checks = ["2026-01-01T00:00:00Z", "2026-01-01T20:00:00Z"]  # the same day
    same_day = next(f for f in source_findings(article, sources) if f.kind == "dead_link")
    sources[3].dead_checks = ["2026-01-01T00:00:00Z", "2026-01-02T00:00:01Z"]
    confirmed = next(f for f in source_findings(article, sources) if f.kind == "dead_link")
    assert same_day.severity == "medium" and "checked once" in same_day.message
    assert confirmed.severity == "high" and "checked once" not in confirmed.message
