"""A small hand-made article with sources for the evidence tests (import it from a test module)."""

from __future__ import annotations

from claimgraph.model import Article, Citation, Claim, Endnote, Source, SourceMetadata

# (block, sentence, endnotes cited by the sentence)
SENTENCES = [
    (0, "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.", [1]),
    (0, "The tower is 330 metres tall and was designed by the engineer Gustave Eiffel.", [2]),
    (1, "Drinking coffee does not raise the risk of heart disease in healthy adults.", [4]),
    (1, "A follow-up study confirmed that coffee drinkers sleep less than tea drinkers.", [5]),
]
SOURCES = {
    1: (
        "https://example.org/eiffel-history",
        "2015-03-01",
        "History of the monument.\nThe Eiffel Tower was completed in March 1889 as the entrance "
        "arch for the World's Fair in Paris. Millions of visitors came that year.",
    ),
    2: (
        "https://example.org/bananas",
        "2018-05-05",
        "Bananas are grown in tropical regions. They are rich in potassium and are eaten "
        "around the world as a snack.",
    ),
    3: (
        "https://example.org/eiffel-facts",
        "2016-01-01",
        "Fact sheet.\nDesigned by the engineer Gustave Eiffel, the tower is 330 metres tall "
        "today. It was the tallest structure in the world for 41 years.",
    ),
    4: (
        "https://example.org/coffee-heart",
        "2021-06-01",
        "A large cohort study of healthy adults reported its results. Drinking coffee does "
        "raise the risk of heart disease in healthy adults, the authors found.",
    ),
    5: (
        "https://example.org/coffee-sleep",
        "2019-02-01",
        "Researchers compared habits. Coffee drinkers sleep less than tea drinkers, the study "
        "confirmed, by about twenty minutes a night.",
    ),
}


def sample_article() -> Article:
    """Two paragraphs, five endnotes, one citation per sentence."""
    text, claims, citations = "", [], []
    for index, (block, sentence, numbers) in enumerate(SENTENCES):
        if text:
            text += "\n\n" if block != claims[-1].block else " "
        start = len(text)
        text += sentence
        claim = Claim(
            id=f"c{index + 1}", text=sentence, section="Body", start=start, end=len(text), block=block
        )
        for n in numbers:
            citation = Citation(
                id=f"{claim.id}.1", claim=claim.id, label=str(n), start=len(text), end=len(text), endnote=n
            )
            claim.citation_ids.append(citation.id)
            citations.append(citation)
        claims.append(claim)
    endnotes = [
        Endnote(number=n, section="Endnotes", url=url, canonical_url=url, published=date, title=f"Source {n}")
        for n, (url, date, _) in SOURCES.items()
    ]
    return Article(
        id="sample-evidence",
        title="Towers and coffee",
        text=text,
        format="text",
        claims=claims,
        citations=citations,
        endnotes=endnotes,
    )


def sample_sources() -> dict[int, Source]:
    """The five sources, keyed by endnote number."""
    return {
        n: Source(
            url=url, health="ok", text=body, metadata=SourceMetadata(published=date, title=f"Source {n}")
        )
        for n, (url, date, body) in SOURCES.items()
    }
