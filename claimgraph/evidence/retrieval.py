"""Passage retrieval: BM25 over the sentence passages of many documents, with an inverted index."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from claimgraph.evidence.text import content_terms, entities, numbers, split_passages
from claimgraph.model import Passage, Source

__all__ = ["Document", "PassageIndex", "document_from_sentences", "document_from_source",
           "document_from_text"]

COMMON_SHARE = 0.02  # a query term in more passages than this share is skipped in retrieval
COMMON_MIN = 200  # ... but never when it occurs in this many passages or fewer


@dataclass
class Document:
    """A source prepared for evidence search: its passages and their content terms."""

    key: str
    text: str
    passages: list[Passage]
    terms: list[list[str]] = field(default_factory=list)
    vocabulary: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    source: Source | None = None
    _idf: dict[str, float] | None = field(default=None, repr=False)

    def local_idf(self) -> dict[str, float]:
        """Term weights from this document alone, its passages counted as documents."""
        if self._idf is None:
            count = len(self.terms) or 1
            frequency: Counter[str] = Counter()
            for terms in self.terms:
                frequency.update(set(terms))
            self._idf = {t: math.log(1 + (count - n + 0.5) / (n + 0.5))
                         for t, n in frequency.items()}
        return self._idf

    def __post_init__(self) -> None:
        if not self.terms:
            self.terms = [content_terms(p.text) for p in self.passages]
        if not self.vocabulary:
            self.vocabulary = {t for ts in self.terms for t in ts}
        if not self.numbers:
            self.numbers = numbers(self.text)
        if not self.entities:
            self.entities = entities(self.text)


def document_from_text(text: str, key: str = "text") -> Document:
    """A document from plain text, split into sentence passages."""
    return Document(key=key, text=text, passages=split_passages(text))


def document_from_sentences(sentences: list[str], key: str = "sentences") -> Document:
    """A document whose passages are exactly the given sentences, one per line."""
    text, passages = "", []
    for sentence in sentences:
        start = len(text)
        text += sentence
        passages.append(Passage(sentence, start, len(text)))
        text += "\n"
    return Document(key, text, passages)


def document_from_source(source: Source) -> Document:
    """A document from a scraped source, using its passages when the scraper gave them."""
    passages = [p for p in source.passages if p.text.strip()]
    if not passages or any(source.text[p.start : p.end] != p.text for p in passages):
        passages = split_passages(source.text)  # quotes must point into the text we keep
    return Document(key=source.final_url or source.url, text=source.text, passages=passages,
                    source=source)


class PassageIndex:
    """An inverted index of BM25 passage weights over a list of documents."""

    def __init__(self, documents: list[Document], k1: float = 1.2, b: float = 0.75) -> None:
        self.documents = documents
        self.owner: list[tuple[int, int]] = []  # global passage id -> (document, passage)
        lengths: list[int] = []
        frequency: Counter[str] = Counter()
        for d, document in enumerate(documents):
            for p, terms in enumerate(document.terms):
                self.owner.append((d, p))
                lengths.append(len(terms))
                frequency.update(set(terms))
        count = max(len(lengths), 1)
        average = (sum(lengths) / count) or 1.0
        self.idf = {t: math.log(1 + (count - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        pid = 0
        for document in documents:
            for terms in document.terms:
                norm = k1 * (1 - b + b * len(terms) / average)
                for term, tf in Counter(terms).items():
                    postings[term].append((pid, self.idf[term] * tf * (k1 + 1) / (tf + norm)))
                pid += 1
        self.postings = dict(postings)

    def passage_scores(self, query: list[str]) -> dict[int, float]:
        """BM25 score of every passage sharing a term with ``query`` (global passage ids).

        Terms found in more than ``COMMON_SHARE`` of all passages are skipped (unless nothing
        else is left): their idf is near zero, and their long postings would dominate the time.
        """
        terms = [t for t in set(query) if t in self.postings]
        limit = max(COMMON_MIN, COMMON_SHARE * len(self.owner))
        rare = [t for t in terms if len(self.postings[t]) <= limit] or terms
        scores: dict[int, float] = defaultdict(float)
        for term in rare:
            for pid, weight in self.postings[term]:
                scores[pid] += weight
        return scores

    def search(self, query: list[str], per_document: int = 5) -> dict[int, list[tuple[float, int]]]:
        """Per document index, its best passages as (score, passage index), best first."""
        grouped: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for pid, score in self.passage_scores(query).items():
            d, p = self.owner[pid]
            grouped[d].append((score, p))
        for hits in grouped.values():
            hits.sort(key=lambda hit: (-hit[0], hit[1]))
            del hits[per_document:]
        return dict(grouped)

    def max_score(self, query: list[str]) -> float:
        """The BM25 score a passage made of exactly the query's terms would get (for scaling)."""
        return sum(self.idf.get(t, 0.0) for t in set(query)) or 1.0
