"""The same audit pipeline on a Markdown article with footnotes and on two real Wikipedia pages."""

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from claimgraph.api import AuditOptions, audit
from claimgraph.audit.json_report import audit_to_json
from claimgraph.graph.shapes import validate_graph

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "claimgraph/data/audit.schema.json").read_text())


@pytest.fixture(scope="module")
def markdown_audit():
    return audit(FIXTURES / "markdown" / "coral-reefs.md", options=AuditOptions(evidence=False))


def _wikipedia(shared_dir, name):
    path = shared_dir / "data" / "wikipedia" / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="module", params=["wikipedia.html", "wikipedia-2.html"])
def wikipedia_audit(request, shared_dir):
    path = _wikipedia(shared_dir, request.param)
    return path, audit(path, options=AuditOptions(evidence=False))


def test_markdown_footnotes_resolve_by_key(markdown_audit):
    article = markdown_audit.article
    assert article.format == "markdown"
    keyed = [c for c in article.citations if c.method in ("key", "key-missing")]
    assert keyed and all(c.endnote is not None for c in keyed if c.method == "key")
    noaa = [c for c in article.citations if c.key == "fn:noaa"]
    assert len(noaa) >= 2 and len({c.endnote for c in noaa}) == 1  # a reused footnote is one endnote


def test_markdown_findings(markdown_audit):
    kinds = {(f.kind, tuple(f.endnotes)) for f in markdown_audit.findings}
    unused = next(e.number for e in markdown_audit.article.endnotes if e.key == "fn:unused")
    assert ("orphan_endnote", (unused,)) in kinds
    tracked = next(e for e in markdown_audit.article.endnotes if e.url and "utm_source" in e.url)
    assert "utm_source" not in tracked.canonical_url
    assert any(e.identifiers.get("doi") == "10.1126/science.1152509" for e in markdown_audit.article.endnotes)


def test_markdown_output_is_valid(markdown_audit):
    jsonschema.validate(audit_to_json(markdown_audit), SCHEMA)
    conforms, report = validate_graph(markdown_audit.graph)
    assert conforms, report


def test_wikipedia_every_marker_resolves(wikipedia_audit):
    path, result = wikipedia_audit
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    markers = {a["href"][1:] for a in soup.select("sup.reference a[href^='#']")}
    article = result.article
    assert markers <= {c.key for c in article.citations}, "every reference marker is a citation"
    resolved = [c for c in article.citations if c.endnote is not None]
    assert len(resolved) >= 0.95 * len(markers)
    in_claims = [c for c in resolved if c.claim]  # markers in infoboxes and captions have no claim
    assert len(in_claims) >= 0.85 * len(resolved)
    for citation in in_claims:
        assert "[" not in article.claim(citation.claim).text


def test_wikipedia_graph_and_json_are_valid(wikipedia_audit):
    _, result = wikipedia_audit
    jsonschema.validate(audit_to_json(result), SCHEMA)
    conforms, report = validate_graph(result.graph)
    assert conforms, report[:2000]


def test_wikipedia_findings_are_not_noise(wikipedia_audit):
    _, result = wikipedia_audit
    article = result.article
    unlinked = [e for e in article.endnotes if not e.url]
    flagged = {n for f in result.findings if f.kind == "malformed_url" for n in f.endnotes}
    assert not flagged & {e.number for e in unlinked}, "book citations without links are not malformed links"
    for group in result.duplicate_groups:
        if group.strength == "certain":
            keys = [
                (article.endnote(n).canonical_url, tuple(sorted(article.endnote(n).identifiers.items())))
                for n in group.endnotes
            ]
            assert len(keys) >= 2


def test_wikipedia_duplicate_references_are_found(shared_dir):
    path = _wikipedia(shared_dir, "wikipedia-2.html")
    result = audit(path, options=AuditOptions(evidence=False))
    by_url: dict[str, list[int]] = {}
    for endnote in result.article.endnotes:
        if endnote.canonical_url and endnote.kind != "further_reading":  # reading lists are not notes
            by_url.setdefault(endnote.canonical_url, []).append(endnote.number)
    expected = {tuple(v) for v in by_url.values() if len(v) > 1}
    found = {tuple(g.endnotes) for g in result.duplicate_groups if g.strength == "certain"}
    assert (
        expected
        and expected <= {tuple(sorted(set(n) & set(sum(map(list, expected), [])))) for n in found} | found
    )


def test_bare_inline_links_are_not_reported_as_untitled():
    result = audit(FIXTURES / "html" / "heat-pumps-blog.html", options=AuditOptions(evidence=False))
    bare = {e.number for e in result.article.endnotes if (e.text or "").strip() in (e.url, e.raw_url)}
    assert bare, "the fixture has inline links"
    untitled = {n for f in result.findings if f.details.get("code") == "missing" for n in f.endnotes}
    assert not bare & untitled
