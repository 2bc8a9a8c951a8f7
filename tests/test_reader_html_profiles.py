"""HTML reference conventions: CMS footnotes, numbered paragraphs and lists, Wikipedia groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.article.load import article_from_text
from claimgraph.model import Article

PROFILES = Path(__file__).parent / "fixtures" / "html" / "profiles"


def _read(name: str) -> Article:
    path = PROFILES / name
    return article_from_text(path.read_text(encoding="utf-8"), str(path))


def _listed(article: Article) -> list[str]:
    return [e.label for e in article.endnotes if e.section != "Links"]


def _targets(article: Article) -> list[str | None]:
    return [article.endnote(c.endnote).label if c.endnote else None for c in article.citations]


@pytest.mark.parametrize(
    ("name", "targets"),
    [
        ("wordpress.html", ["1", "2", "1"]),
        ("hugo.html", ["1", "2"]),
        ("kramdown.html", ["1", "2"]),
        ("ghost.html", ["1", "2"]),
        ("substack.html", ["1", "2"]),
        ("list-references.html", ["1", "2"]),
    ],
)
def test_cms_footnotes_resolve_to_their_notes_by_visible_label(name: str, targets: list[str]) -> None:
    article = _read(name)
    assert _listed(article) == sorted(set(targets))
    footnotes = [c for c in article.citations if c.start != c.end]  # visible markers, not links
    assert [article.endnote(c.endnote).label for c in footnotes] == targets
    assert not any(e.section == "Links" and "#" in (e.raw_url or "") for e in article.endnotes)
    assert not any("↩" in c.marker for c in article.citations)
    assert not any("↩" in c.text for c in article.claims)


def test_a_section_anchor_is_not_a_citation() -> None:
    article = _read("wordpress.html")
    assert not any((c.key or "").startswith("react") for c in article.citations)
    assert len([c for c in article.citations if c.start != c.end]) == 3


def test_superscript_numbers_cite_a_numbered_reference_list() -> None:
    article = _read("medium.html")
    assert _listed(article) == ["1", "2", "3"]
    assert _targets(article) == ["1", "2", "3"]
    assert [c.marker for c in article.citations] == ["1", "2,3", "2,3"]


def test_numbered_paragraphs_are_entries_and_markers_and_links_cite_them() -> None:
    article = _read("numbered-paragraphs.html")
    assert _listed(article) == ["1", "2", "3", "4", "5"]
    pairs = [(c.marker, t) for c, t in zip(article.citations, _targets(article), strict=True)]
    assert pairs == [
        ("Rem & Nap, 2020", "1"),  # arXiv pdf with a version in the body, abs in the list
        ("[2]", "2"),
        ("[2, 3]", "2"),
        ("[2, 3]", "3"),
        ("[3–4]", "3"),
        ("[3–4]", "4"),
        ("[1]", "1"),
        ("[4]", "4"),
        ("the lab notes", "4"),  # www., trailing slash and utm_source do not make a new work
    ]
    assert not any(e.section == "Links" for e in article.endnotes)
    assert not any("Sleep stages" in c.text for c in article.claims)


def test_wikipedia_groups_keep_the_labels_readers_see() -> None:
    article = _read("wiki-groups.html")
    notes = {e.section: [] for e in article.endnotes}
    for e in article.endnotes:
        notes[e.section].append(e.label)
    assert notes["Notes"] == ["n 1"] and notes["References"] == ["1", "2", "3"]
    assert [(c.marker, t) for c, t in zip(article.citations, _targets(article), strict=True)] == [
        ("[n 1]", "n 1"),
        ("[2]", "2"),
        ("[3]", "3"),
        ("[2]", "2"),
        ("[1]", "1"),  # the marker inside the note
    ]


def test_wikipedia_page_locators_stay_on_the_citation_they_follow() -> None:
    article = _read("wiki-groups.html")
    assert all(c.endnote is not None for c in article.citations)  # no locator is a citation
    located = {c.marker: c.locator for c in article.citations if c.locator}
    assert located == {"[2]": "207", "[3]": "p. 7"}
    assert not any(c.marker == "2" for c in article.citations)  # km² is not a marker


def test_wikipedia_external_links_are_further_reading() -> None:
    article = _read("wiki-groups.html")
    external = [e for e in article.endnotes if e.section == "External links"]
    assert [e.kind for e in external] == ["further_reading"]


def test_html_markers_with_no_list_to_place_are_reported() -> None:
    page = "<html><body><article><p>Rivers carry silt [4]. Deltas grow [5–6].</p></article></body></html>"
    article = article_from_text(page, "rivers.html")
    assert not any(c.marker.startswith("[") for c in article.citations)
    assert any("2 numbered citation marker(s) (e.g. [4], [5–6])" in p for p in article.problems)


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("*.html")))
def test_a_placed_reference_list_raises_no_input_problem(name: str) -> None:
    assert not any("reference list" in p for p in _read(name).problems)
