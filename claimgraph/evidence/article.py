"""Judging an article's claims: cited sources first, then every other source that shares terms."""

from __future__ import annotations

import re
from collections.abc import Callable

from claimgraph.evidence.judges import Judge, Verdict, get_judge
from claimgraph.evidence.relations import carry_evidence, claim_relations
from claimgraph.evidence.retrieval import Document, PassageIndex, document_from_source
from claimgraph.evidence.text import content_terms
from claimgraph.model import Article, Claim, Evidence, Source

__all__ = ["judge_article", "cited_endnotes", "source_key", "introduces_what_follows", "OTHER_CANDIDATES"]

# What may close a lead-in after its colon: citation markers ([3], [3, 4], [^3], ^3), closing
# quotes and brackets, Markdown emphasis.
_LEAD_IN = re.compile(r"[:\uff1a](?:\s*(?:\[\^?\d+(?:\s*[,\u2013-]\s*\d+)*\]|\^\d+)"
                      r"|[\"'\u201d\u2019)\]*_\s])*$")
OTHER_CANDIDATES = 8  # uncited sources judged per claim, best BM25 passage first


def source_key(source: Source) -> str:
    """The URL evidence names a source by: where it ended up, else where it was asked for."""
    return source.final_url or source.url


def cited_endnotes(article: Article) -> dict[str, dict[int, bool]]:
    """Per claim id, the endnotes citing it: ``True`` if its own, ``False`` if paragraph-level.

    Citations at the end of a paragraph (on its last claim) cover its earlier sentences too.
    """
    by_id = {citation.id: citation for citation in article.citations}
    own: dict[str, dict[int, bool]] = {claim.id: {} for claim in article.claims}
    blocks: dict[int, list[Claim]] = {}
    for claim in article.claims:
        blocks.setdefault(claim.block, []).append(claim)
        for citation_id in claim.citation_ids:
            citation = by_id.get(citation_id)
            if citation is not None and citation.endnote is not None:
                own[claim.id][citation.endnote] = True
    for claims in blocks.values():
        closing = dict(own[claims[-1].id])
        for claim in claims[:-1]:
            for number in closing:
                own[claim.id].setdefault(number, False)
    return own


def introduces_what_follows(text: str) -> bool:
    """Whether a claim unit only leads into what follows ("In the experiment:", "They found
    that:"): a colon at its end hands the assertion to the list or quote after it, so alone it
    states nothing a source could support or dispute."""
    return _LEAD_IN.search(text) is not None


def judge_article(article: Article, sources: dict[int, Source], *, judge: str = "default",
                  extra_sources: list[Source] | None = None,
                  relations: bool = True,
                  on_notice: Callable[[str], None] | None = None) -> list[Evidence]:
    """Evidence for every claim: each cited source, then the other sources that match best.

    A claim unit that only introduces what follows (``introduces_what_follows``) is not judged.

    With ``relations``, a verdict on one claim is also shown against the claims of the article
    that restate or contradict it (``relations.carry_evidence``). ``on_notice`` hears, once,
    why the default judge fell back to the lexical one.
    """
    judge_impl = get_judge(judge, on_notice=on_notice)
    documents: list[Document] = []
    numbers: list[int | None] = []
    for number, source in sorted(sources.items()):
        if source.text.strip():
            documents.append(document_from_source(source))
            numbers.append(number)
    for source in extra_sources or []:
        if source.text.strip():
            documents.append(document_from_source(source))
            numbers.append(None)
    if not documents:
        return []
    position = {number: i for i, number in enumerate(numbers) if number is not None}
    index = PassageIndex(documents)
    cited = cited_endnotes(article)
    plans: list[tuple[Claim, list[int], list[int]]] = []
    for claim in article.claims:
        if introduces_what_follows(claim.text):
            continue
        chosen = [position[n] for n in cited[claim.id] if n in position]
        hits = index.search(content_terms(claim.text), per_document=1)
        others = sorted((d for d in hits if d not in chosen), key=lambda d: -hits[d][0][0])
        candidates = chosen + others[:getattr(judge_impl, "other_candidates", OTHER_CANDIDATES)]
        plans.append((claim, chosen, candidates))
    all_verdicts = _verdicts(judge_impl, [(claim.text, [documents[d] for d in candidates],
                                           [d in chosen for d in candidates])
                                          for claim, chosen, candidates in plans])
    evidence: list[Evidence] = []
    for (claim, chosen, candidates), verdicts in zip(plans, all_verdicts, strict=True):
        for d, verdict in zip(candidates, verdicts, strict=True):
            is_cited = d in chosen
            if not is_cited and verdict.stance == "unrelated":
                continue
            evidence.append(Evidence(
                claim=claim.id, source_url=documents[d].key, stance=verdict.stance,
                score=verdict.confidence, support=verdict.support, quotes=verdict.quotes,
                judge=(f"{judge_impl.name} ({verdict.decided_by})" if verdict.decided_by
                       else judge_impl.name), endnote=numbers[d], cited=is_cited,
            ))
    if relations:
        found = claim_relations([(article.id, c.id, c.text) for c in article.claims
                                 if not introduces_what_follows(c.text)])
        evidence += carry_evidence(evidence, found, article.id)
    return evidence


def _verdicts(judge: Judge, requests: list[tuple[str, list[Document], list[bool]]]
              ) -> list[list[Verdict]]:
    """Per (claim, documents, cited) request, one verdict per document: every claim's passages in
    one model run when the judge can (``judge_batch``), else one claim at a time
    (``judge_many``), else one document at a time."""
    batch = getattr(judge, "judge_batch", None)
    if batch is not None:
        return batch(requests)
    many = getattr(judge, "judge_many", None)
    if many is not None:
        return [many(claim, documents, cited=cited) if documents else []
                for claim, documents, cited in requests]
    return [[judge.judge(claim, document) for document in documents]
            for claim, documents, _ in requests]
