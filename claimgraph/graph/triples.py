"""Model → triples: one named graph per article, stable IRIs, standard vocabularies, no blank nodes.

The shapes (see docs/model.md):
  article   schema:Article            dcterms:title, dcterms:identifier, schema:datePublished
  claim     schema:Claim, oa:SpecificResource   schema:text, schema:isPartOf article,
            oa:hasSource article, oa:hasSelector (TextPositionSelector, TextQuoteSelector)
  citation  cito:Citation             cito:hasCitingEntity claim, cito:hasCitedEntity work,
            cg:endnote endnote, cg:resolutionScore, cg:candidate …
  endnote   biro:BibliographicReference   cg:number, dcterms:title, schema:url, biro:references work
  work      schema:CreativeWork (+ fabio:ScholarlyWork | schema:VideoObject | …)  schema:url
  group     cg:DuplicateGroup         cg:member endnote, cg:strength, cg:reason
  finding   cg:Finding                cg:kind, cg:severity, schema:description, cg:fix, cg:concerns

Triples are written as N-Triples lines and parsed into an Oxigraph-backed rdflib graph in one
go (see ``ntriples.py``): the graph of a 2,000-endnote article builds in about a second.
"""

from __future__ import annotations

from rdflib import Graph

from claimgraph.article.titles import best_title
from claimgraph.article.urls import host_of, registered_domain, work_kind
from claimgraph.graph.ntriples import TripleLines, decimal, integer, iri, load_lines, new_graph, text, typed
from claimgraph.graph.vocab import (
    BIBO,
    BIRO,
    CG,
    CITO,
    DCTERMS,
    FABIO,
    OA,
    RDF,
    SCHEMA,
    XSD,
    article_iri,
    bind_prefixes,
    citation_iri,
    claim_iri,
    endnote_iri,
    finding_iri,
    graph_iri,
    work_iri,
)
from claimgraph.model import Article, Claim, DuplicateGroup, Endnote, Finding

A = iri(str(RDF.type))
P = {
    name: iri(str(ns[name]))
    for ns, names in (
        (
            CG,
            (
                "format",
                "location",
                "section",
                "order",
                "block",
                "label",
                "marker",
                "line",
                "target",
                "locator",
                "domain",
                "card",
                "resolutionScore",
                "resolutionMethod",
                "candidate",
                "candidateEndnote",
                "score",
                "rank",
                "endnote",
                "number",
                "kind",
                "source",
                "rawUrl",
                "canonicalUrl",
                "site",
                "snippet",
                "snippetTitle",
                "dateSource",
                "archiveUrl",
                "urlProblem",
                "workKind",
                "strength",
                "reason",
                "member",
                "severity",
                "fix",
                "concerns",
                "Candidate",
                "DuplicateGroup",
                "Finding",
            ),
        ),
        (
            SCHEMA,
            (
                "Article",
                "Claim",
                "CreativeWork",
                "text",
                "isPartOf",
                "datePublished",
                "url",
                "name",
                "description",
                "ScholarlyArticle",
                "VideoObject",
                "DiscussionForumPosting",
                "WebPage",
            ),
        ),
        (DCTERMS, ("identifier", "title", "isPartOf", "date", "creator")),
        (
            OA,
            (
                "SpecificResource",
                "hasSource",
                "hasSelector",
                "TextPositionSelector",
                "TextQuoteSelector",
                "start",
                "end",
                "exact",
            ),
        ),
        (CITO, ("Citation", "hasCitingEntity", "hasCitedEntity", "cites")),
        (BIRO, ("BibliographicReference", "references")),
        (FABIO, ("ScholarlyWork", "WebPage")),
        (BIBO, ("doi", "isbn")),
    )
    for name in names
} | {"schema:isPartOf": iri(str(SCHEMA.isPartOf))}
_ANY_URI, _DATE, _YEAR_MONTH = str(XSD.anyURI), str(XSD.date), str(XSD.gYearMonth)
_KIND_CLASSES = {
    "paper": (iri(str(FABIO.ScholarlyWork)), iri(str(SCHEMA.ScholarlyArticle))),
    "video": (iri(str(SCHEMA.VideoObject)),),
    "discussion": (iri(str(SCHEMA.DiscussionForumPosting)),),
    "page": (iri(str(FABIO.WebPage)), iri(str(SCHEMA.WebPage))),
}

__all__ = ["build_article_graph", "add_findings", "work_key", "endnote_work", "finding_key"]


def work_key(endnote: Endnote, article_id: str) -> str:
    """What identifies the work an endnote cites: an identifier, else its canonical URL."""
    for kind in ("doi", "arxiv", "pmid", "isbn", "youtube"):
        if kind in endnote.identifiers:
            return f"{kind}:{endnote.identifiers[kind]}"
    if endnote.canonical_url:
        return endnote.canonical_url
    return f"unlinked:{article_id}/{endnote.number}"


def endnote_work(endnote: Endnote, article_id: str):
    """The IRI of the work an endnote cites (shared by every endnote and article citing it)."""
    return work_iri(work_key(endnote, article_id))


def _maybe(value: str | None) -> str | None:
    return text(value) if value else None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) == 10:
        return typed(value, _DATE)
    if len(value) == 7:
        return typed(value, _YEAR_MONTH)
    return text(value)


def build_article_graph(article: Article, groups: list[DuplicateGroup]) -> Graph:
    """The article's named-graph content: article, claims, citations, endnotes, works, groups."""
    graph = new_graph(graph_iri(article.id))
    bind_prefixes(graph)
    out = TripleLines(graph)  # loaded in batches: 25,000 citations make a million lines
    aid = article.id
    a = iri(str(article_iri(aid)))
    out.add(a, A, P["Article"])
    out.add(a, P["identifier"], text(aid))
    out.add(a, P["title"], text(article.title))
    out.add(a, P["format"], text(article.format))
    out.add(a, P["location"], _maybe(article.location))
    out.add(a, P["datePublished"], _date(article.published))
    for index, claim in enumerate(article.claims):
        _add_claim(out, aid, a, index, claim, article.text)
    named: set[str] = set()
    works = {e.number: iri(str(endnote_work(e, aid))) for e in article.endnotes}
    for endnote in article.endnotes:
        _add_endnote(out, aid, a, endnote, works[endnote.number], named)
    for index, citation in enumerate(article.citations):
        c = iri(str(citation_iri(aid, citation.id)))
        out.add(c, A, P["Citation"])
        out.add(c, P["identifier"], text(citation.id))
        out.add(c, P["order"], integer(index + 1))
        out.add(c, P["isPartOf"], a)
        claim = iri(str(claim_iri(aid, citation.claim))) if citation.claim else None
        out.add(c, P["hasCitingEntity"], claim)
        out.add(c, P["label"], text(citation.label))
        out.add(c, P["marker"], _maybe(citation.marker))
        out.add(c, P["line"], integer(citation.line) if citation.line else None)
        out.add(c, P["target"], _maybe(citation.target))
        out.add(c, P["locator"], _maybe(citation.locator))
        out.add(c, P["domain"], _maybe(citation.domain))
        out.add(c, P["card"], _maybe(citation.card))
        out.add(c, P["resolutionScore"], decimal(citation.score))
        out.add(c, P["resolutionMethod"], text(citation.method or "none"))
        _add_position(out, c[1:-1], a, citation.start, citation.end, None)
        for rank, candidate in enumerate(citation.candidates[:3], start=1):
            k = iri(f"{c[1:-1]}/candidate/{rank}")
            out.add(c, P["candidate"], k)
            out.add(k, A, P["Candidate"])
            out.add(k, P["candidateEndnote"], iri(str(endnote_iri(aid, candidate.endnote))))
            out.add(k, P["score"], decimal(candidate.score))
            out.add(k, P["rank"], integer(rank))
        if citation.endnote is not None:
            work = works[citation.endnote]
            out.add(c, P["endnote"], iri(str(endnote_iri(aid, citation.endnote))))
            out.add(c, P["hasCitedEntity"], work)
            if claim:
                out.add(claim, P["cites"], work)
    for index, group in enumerate(groups, start=1):
        g = iri(f"{a[1:-1]}/duplicates/{group.strength}/{index}")
        out.add(g, A, P["DuplicateGroup"])
        out.add(g, P["isPartOf"], a)
        out.add(g, P["strength"], text(group.strength))
        out.add(g, P["reason"], text(group.reason))
        for number in group.endnotes:
            out.add(g, P["member"], iri(str(endnote_iri(aid, number))))
    out.flush()
    return graph


def _add_position(
    out: TripleLines, subject: str, article: str, start: int, end: int, quote: str | None
) -> None:
    """A W3C Web Annotation anchoring: the span's position (and exact text) in the article."""
    s = iri(subject)
    out.add(s, P["hasSource"], article)
    position = iri(f"{subject}/position")
    out.add(s, P["hasSelector"], position)
    out.add(position, A, P["TextPositionSelector"])
    out.add(position, P["start"], integer(start))
    out.add(position, P["end"], integer(end))
    if quote is not None:
        selector = iri(f"{subject}/quote")
        out.add(s, P["hasSelector"], selector)
        out.add(selector, A, P["TextQuoteSelector"])
        out.add(selector, P["exact"], text(quote))


def _add_claim(out: TripleLines, aid: str, a: str, index: int, claim: Claim, article_text: str) -> None:
    subject = str(claim_iri(aid, claim.id))
    c = iri(subject)
    out.add(c, A, P["Claim"])
    out.add(c, A, P["SpecificResource"])
    out.add(c, P["identifier"], text(claim.id))
    out.add(c, P["text"], text(claim.text))
    out.add(c, P["schema:isPartOf"], a)
    out.add(c, P["section"], text(claim.section))
    out.add(c, P["order"], integer(index + 1))
    out.add(c, P["block"], integer(claim.block))
    _add_position(out, subject, a, claim.start, claim.end, article_text[claim.start : claim.end])


def _add_endnote(out: TripleLines, aid: str, a: str, endnote: Endnote, work: str, named: set[str]) -> None:
    e = iri(str(endnote_iri(aid, endnote.number)))
    out.add(e, A, P["BibliographicReference"])
    out.add(e, P["isPartOf"], a)
    out.add(e, P["number"], integer(endnote.number))
    out.add(e, P["label"], _maybe(endnote.label))
    out.add(e, P["section"], text(endnote.section))
    out.add(e, P["kind"], text(endnote.kind))
    out.add(e, P["references"], work)
    out.add(e, P["title"], _maybe(endnote.title))
    out.add(e, P["source"], _maybe(endnote.source))
    out.add(e, P["rawUrl"], _maybe(endnote.raw_url))
    out.add(e, P["url"], typed(endnote.url, _ANY_URI) if endnote.url else None)
    if endnote.canonical_url:
        out.add(e, P["canonicalUrl"], typed(endnote.canonical_url, _ANY_URI))
        out.add(e, P["domain"], text(host_of(endnote.canonical_url)))
        out.add(e, P["site"], text(registered_domain(endnote.canonical_url)))
    out.add(e, P["snippet"], _maybe(endnote.snippet))
    out.add(e, P["snippetTitle"], _maybe(endnote.snippet_title))
    out.add(e, P["date"], _date(endnote.published))
    out.add(e, P["dateSource"], _maybe(endnote.published_from))
    out.add(e, P["archiveUrl"], _maybe(endnote.archive_url))
    for author in endnote.authors:
        out.add(e, P["creator"], text(author))
    for problem in endnote.url_problems:
        out.add(e, P["urlProblem"], text(f"{problem.level}: {problem.code}"))
    kind = work_kind(endnote.url, endnote.identifiers)
    out.add(work, A, P["CreativeWork"])
    for cls in _KIND_CLASSES[kind]:
        out.add(work, A, cls)
    out.add(work, P["workKind"], text(kind))
    title = best_title(endnote)
    if title and work not in named:  # one name per work: the first endnote's best title
        out.add(work, P["name"], text(title))
        named.add(work)
    if endnote.canonical_url:
        out.add(work, P["url"], typed(endnote.canonical_url, _ANY_URI))
    for scheme, value in sorted(endnote.identifiers.items()):
        out.add(work, P["identifier"], text(f"{scheme}:{value}"))
        if scheme in ("doi", "isbn"):
            out.add(work, P[scheme], text(value))


def finding_key(finding: Finding) -> str:
    """A stable key for a finding: its kind and the things it concerns."""
    parts = [finding.kind] + [f"e{n}" for n in finding.endnotes] + finding.citations + finding.claims
    return "-".join(parts)[:200]


def add_findings(graph: Graph, article: Article, findings: list[Finding]) -> None:
    """Findings as cg:Finding resources pointing at what they concern."""
    out = TripleLines()
    aid = article.id
    a = iri(str(article_iri(aid)))
    seen: dict[str, int] = {}
    for finding in findings:
        key = finding_key(finding)
        seen[key] = seen.get(key, 0) + 1
        f = iri(str(finding_iri(aid, key if seen[key] == 1 else f"{key}-{seen[key]}")))
        out.add(f, A, P["Finding"])
        out.add(f, P["isPartOf"], a)
        out.add(f, P["kind"], text(finding.kind))
        out.add(f, P["severity"], text(finding.severity))
        out.add(f, P["description"], text(finding.message))
        out.add(f, P["fix"], _maybe(finding.fix))
        for number in finding.endnotes:
            out.add(f, P["concerns"], iri(str(endnote_iri(aid, number))))
        for citation in finding.citations:
            out.add(f, P["concerns"], iri(str(citation_iri(aid, citation))))
        for claim in finding.claims:
            out.add(f, P["concerns"], iri(str(claim_iri(aid, claim))))
    load_lines(graph, out)
