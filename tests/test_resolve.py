"""Citation resolution: exact cards win, near twins are separated, vague cards stay unresolved."""

import re

from claimgraph.article.load import article_from_text
from claimgraph.article.resolve import _resolve_by_clues, score_pair
from claimgraph.model import Candidate, Citation, Endnote
from claimgraph.synthetic import endnote_article


def _endnote(number, title, snippet, url="https://site.example/a", published=None):
    return Endnote(
        number=number,
        section="Endnotes",
        source="site.example",
        title=title,
        snippet=snippet,
        url=url,
        raw_url=url,
        canonical_url=url,
        published=published,
    )


def _citation(card, domain="site.example"):
    return Citation(id="c.1", claim="c", label="Site", start=0, end=1, domain=domain, card=card)


def test_truncated_card_matches_its_endnote_over_the_common_length():
    note = _endnote(
        1,
        "Bees in decline",
        "SiteBees in declineMarch 3, 2024 — Pollinator numbers fell by...",
        published="2024-03-03",
    )
    other = _endnote(2, "Bees in recovery", "SiteBees in recoveryMay 1, 2024 — Numbers rose...")
    card = "Bees in declineSiteBees in declineMarch 3, 2024 — Pollin…"
    assert score_pair(_citation(card), note) > 0.9 > score_pair(_citation(card), other)


def test_domain_alone_never_resolves():
    notes = [_endnote(1, "Bees in decline", "snippet one"), _endnote(2, "Wasps", "snippet two")]
    citation = _citation("Open source on site.example.")
    _resolve_by_clues(citation, notes, top=5)
    assert citation.endnote is None and citation.method == "weak"
    assert {c.endnote for c in citation.candidates} == {1, 2}


def test_twins_with_different_links_are_ambiguous():
    a = _endnote(1, "Same title", "Same snippet text here…", url="https://site.example/a")
    b = _endnote(2, "Same title", "Same snippet text here…", url="https://site.example/b")
    citation = _citation("Same titleSame snippet text here…")
    _resolve_by_clues(citation, [a, b], top=5)
    assert citation.endnote is None and citation.method == "ambiguous"
    assert [c.endnote for c in citation.candidates][:2] == [1, 2]


def test_twins_with_the_same_link_resolve():
    a = _endnote(1, "Same title", "Same snippet text here…")
    b = _endnote(2, "Same title", "Same snippet text here…")
    citation = _citation("Same titleSame snippet text here…")
    _resolve_by_clues(citation, [a, b], top=5)
    assert citation.endnote == 1 and citation.candidates[1] == Candidate(2, citation.candidates[1].score)


def test_a_thousand_endnotes_on_one_site_resolve_correctly():
    # Its speed is measured in benchmarks/audit_scale.py, not asserted here.
    text = re.sub(r"site\d+\.example", "onesite.example", endnote_article(1000, seed=3))
    article = article_from_text(text, "one-site.txt", "text")
    wrong = 0
    for citation in article.citations:
        number = re.search(r"report (\d+)", citation.card)
        if number is None:  # the endnote's title was dropped; the card starts with its snippet
            continue
        endnote = article.endnote(citation.endnote) if citation.endnote else None
        if endnote is None or f"report {number.group(1)}" not in (endnote.snippet or ""):
            wrong += 1
    assert wrong == 0
