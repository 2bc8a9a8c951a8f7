"""Numbered references and front matter in Markdown: labels, grouped markers, work identity."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.article.load import article_from_text
from claimgraph.article.readers._numbered import marker_targets
from claimgraph.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


@pytest.fixture(scope="module")
def tidal() -> Article:
    path = FIXTURES / "tidal-energy.md"
    return article_from_text(path.read_text(encoding="utf-8"), str(path))


def _cited_labels(article: Article) -> list[str | None]:
    return [article.endnote(c.endnote).label if c.endnote else None for c in article.citations]


def test_numbered_entries_are_endnotes_with_their_visible_labels(tidal: Article) -> None:
    listed = [e for e in tidal.endnotes if e.section == "References"]
    assert [e.label for e in listed] == ["1", "2", "3", "4", "5"]
    assert not any("Spotted a mistake" in e.text for e in tidal.endnotes)
    assert not any("Spotted a mistake" in c.text for c in tidal.claims)


def test_grouped_and_ranged_markers_cite_each_entry(tidal: Article) -> None:
    by_marker: dict[str, list[str | None]] = {}
    for citation, label in zip(tidal.citations, _cited_labels(tidal), strict=True):
        by_marker.setdefault(citation.marker, []).append(label)
    assert by_marker["[2, 3]"] == ["2", "3"]
    assert by_marker["[3–4]"] == ["3", "4"]
    assert by_marker["[1]"] == ["1"] and by_marker["[4]"] == ["4"]


def test_body_links_cite_the_entry_naming_the_same_work(tidal: Article) -> None:
    links = {c.marker: c for c in tidal.citations if c.start == c.end or not c.marker.startswith("[")}
    arxiv = links["Marsh & Lee, 2019"]  # arXiv pdf in the body, abs with a version in the list
    turbines = links["turbine study"]  # www., trailing slash and a tracking parameter
    assert tidal.endnote(arxiv.endnote).label == "1"
    assert tidal.endnote(turbines.endnote).label == "4"
    synthetic = [e.raw_url for e in tidal.endnotes if e.section == "Links"]
    assert synthetic == ["https://example.net/rance"]  # the table's link is kept, nothing else


def test_anchors_maths_attributes_and_captions_are_not_citations_or_claims(tidal: Article) -> None:
    assert not any(c.key and c.key.startswith("#") for c in tidal.citations)
    assert not any(c.marker in ("[0, 1]", "[0, 2]") for c in tidal.citations)
    texts = " ".join(c.text for c in tidal.claims)
    assert "{:" not in tidal.text and "\\frac" not in texts and "Fig. 1" not in texts
    assert "interval" in texts  # the sentence holding inline maths is still a claim


def test_a_marker_naming_no_entry_stays_unresolved_with_its_label(tidal: Article) -> None:
    missing = next(c for c in tidal.citations if c.marker == "[9]")
    assert missing.endnote is None and missing.target == "9"


def test_citations_know_their_line_in_the_file(tidal: Article) -> None:
    source = (FIXTURES / "tidal-energy.md").read_text(encoding="utf-8").splitlines()
    for citation in tidal.citations:
        if citation.marker.startswith("["):
            assert citation.marker in source[citation.line - 1]


def test_yaml_front_matter_is_metadata(tidal: Article) -> None:
    assert tidal.title == "Tidal Energy: A Short Survey"
    assert tidal.published == "2021-04-12" and tidal.authors == ["Ada Marsh"]
    assert not any("layout" in c.text for c in tidal.claims)


def test_toml_front_matter_is_metadata_and_footnotes_keep_labels() -> None:
    path = FIXTURES / "zola-footnotes.md"
    article = article_from_text(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "Shipping the New Scheduler"
    assert article.authors == ["Jo Park", "Sam Ito"] and article.published == "2024-02-01"
    assert not any("team_url" in c.text or "path =" in c.text for c in article.claims)
    assert not any("runtime" in (c.key or "") for c in article.citations)
    assert [e.label for e in article.endnotes if e.section == "Footnotes"] == ["^bench", "^talk", "^lock"]
    assert [c.marker for c in article.citations] == ["[^bench]", "[^talk]", "[^lock]"]
    assert all(c.endnote is not None for c in article.citations)


def test_a_md_file_with_numeric_markers_finds_them_like_text() -> None:
    text = "Coral bleaching doubled since 1998 [1].\n\n## References\n\n1. A. Reef. Ocean heat. 2020.\n"
    article = article_from_text(text, "reefs.md")
    assert [c.marker for c in article.citations] == ["[1]"]
    assert article.endnote(article.citations[0].endnote).label == "1"


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("1", ["1"]),
        ("1, 2", ["1", "2"]),
        ("1,2", ["1", "2"]),
        ("2–4", ["2", "3", "4"]),
        ("2-4", ["2", "3", "4"]),
    ],
)
def test_marker_forms(inner: str, expected: list[str]) -> None:
    assert marker_targets(inner) == expected


@pytest.mark.parametrize("inner", ["0, 1", "4-2", "1-900", "a"])
def test_intervals_and_words_are_not_markers(inner: str) -> None:
    assert marker_targets(inner) is None


def test_a_missing_endnote_is_named_and_json_keeps_labels_and_markers() -> None:
    from claimgraph import audit
    from claimgraph.audit.json_report import audit_to_json
    from claimgraph.audit.pipeline import AuditOptions

    result = audit(FIXTURES / "tidal-energy.md", options=AuditOptions(evidence=False))
    unresolved = [f for f in result.findings if f.kind == "unresolved_citation"]
    assert len(unresolved) == 1
    message = unresolved[0].message
    assert message.startswith("Citation [9] on line 26 in “") and message.endswith(": there is no endnote 9.")
    assert unresolved[0].citations[0] not in message  # named as written, not by an internal id
    document = audit_to_json(result)
    assert [e["label"] for e in document["endnotes"]][:5] == ["1", "2", "3", "4", "5"]
    grouped = [c for c in document["citations"] if c["marker"] == "[2, 3]"]
    assert [c["target"] for c in grouped] == ["2", "3"] and {c["line"] for c in grouped} == {10}


def test_markers_with_no_reference_list_to_place_are_reported_not_guessed() -> None:
    article = article_from_text("Sea levels rose 20 cm since 1900 [1]. Ice sheets melt [2, 3].\n", "sea.md")
    assert article.citations == []
    assert any("numbered citation marker(s) (e.g. [1], [2, 3])" in p for p in article.problems)


def test_a_reference_heading_with_nothing_readable_is_reported() -> None:
    text = "Forests store carbon.\n\n## References\n\n```\nsee the printed edition\n```\n"
    article = article_from_text(text, "forests.md")
    assert any("'References' reads as a reference list but no entries" in p for p in article.problems)


def test_a_readable_reference_list_raises_no_input_problem(tidal: Article) -> None:
    assert not any("reference list" in p for p in tidal.problems)
