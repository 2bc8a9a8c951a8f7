"""Passage splitting, BM25 retrieval across documents and greedy passage ranking."""

from __future__ import annotations

from claimgraph.evidence.features import ClaimTerms, rank_passages
from claimgraph.evidence.retrieval import PassageIndex, document_from_source, document_from_text
from claimgraph.evidence.text import content_terms, numbers, split_passages
from claimgraph.model import Passage, Source


def test_passages_keep_offsets_into_the_text() -> None:
    text = "Title line\nFirst sentence here. Second one, with Dr. Smith! Third?\n\nLast line"
    passages = split_passages(text)
    assert [p.text for p in passages][:2] == ["Title line", "First sentence here."]
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text


def test_terms_numbers_and_stems() -> None:
    assert content_terms("The models were trained") == content_terms("a model is training")[:1] + [
        content_terms("trained")[0]
    ]
    assert numbers("In 1998, 1,000 people paid 3.5 dollars.") == {"1998", "1000", "3.5"}


def test_index_finds_the_document_and_passage_that_match() -> None:
    docs = [
        document_from_text("Cats sleep a lot. They purr when content.", "cats"),
        document_from_text("Volcanoes erupt lava. Mount Etna is in Sicily.", "volcanoes"),
        document_from_text("Sicily is an island. Its capital is Palermo.", "sicily"),
    ]
    index = PassageIndex(docs)
    hits = index.search(content_terms("Mount Etna volcano erupts in Sicily"))
    best = max(hits, key=lambda d: hits[d][0][0])
    assert docs[best].key == "volcanoes"
    assert hits[best][0][1] == 1  # the Etna sentence
    assert 0 not in hits  # no shared term, never scored


def test_rank_passages_covers_different_parts_of_the_claim() -> None:
    doc = document_from_text(
        "Ada Lovelace was born in London in 1815. She wrote about the Analytical Engine. "
        "She was born to Lord Byron. Lovelace worked with Charles Babbage."
    )
    ranked = rank_passages(
        ClaimTerms.of("Ada Lovelace, born in 1815, worked with Charles Babbage on the Analytical Engine."),
        doc,
    )
    chosen = {doc.passages[i].text for _, i in ranked}
    assert "Lovelace worked with Charles Babbage." in chosen
    assert "Ada Lovelace was born in London in 1815." in chosen
    assert len(ranked) == 3


def test_source_passages_are_used_only_when_they_match_the_text() -> None:
    text = "One sentence. Another sentence."
    good = Source(url="u", text=text, passages=[Passage("One sentence.", 0, 13)])
    bad = Source(url="u", text=text, passages=[Passage("Something else", 0, 14)])
    assert [p.text for p in document_from_source(good).passages] == ["One sentence."]
    assert [p.text for p in document_from_source(bad).passages] == ["One sentence.", "Another sentence."]
