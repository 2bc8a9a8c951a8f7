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
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from claimgraph.model import Article, Claim, DuplicateGroup, Endnote, Finding
from claimgraph.rdf.vocab import (
    BIBO,
    BIRO,
    CG,
    CITO,
    FABIO,
    OA,
    SCHEMA,
    article_iri,
    bind_prefixes,
    citation_iri,
    claim_iri,
    endnote_iri,
    finding_iri,
    work_iri,
)
from claimgraph.titles import best_title
from claimgraph.urls import host_of, registered_domain, work_kind

_KIND_CLASSES = {
    "paper": (FABIO.ScholarlyWork, SCHEMA.ScholarlyArticle),
    "video": (SCHEMA.VideoObject,),
    "discussion": (SCHEMA.DiscussionForumPosting,),
    "page": (FABIO.WebPage, SCHEMA.WebPage),
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


def endnote_work(endnote: Endnote, article_id: str) -> URIRef:
    """The IRI of the work an endnote cites (shared by every endnote and article citing it)."""
    return work_iri(work_key(endnote, article_id))


def _text(value: str | None) -> Literal | None:
    return Literal(value) if value else None


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value)


def _add(graph: Graph, subject: URIRef, predicate: URIRef, value) -> None:
    if value is not None:
        graph.add((subject, predicate, value))


def build_article_graph(article: Article, groups: list[DuplicateGroup]) -> Graph:
    """The article's named-graph content: article, claims, citations, endnotes, works, groups."""
    graph = Graph()
    bind_prefixes(graph)
    aid = article.id
    a = article_iri(aid)
    graph.add((a, RDF.type, SCHEMA.Article))
    graph.add((a, DCTERMS.identifier, Literal(aid)))
    graph.add((a, DCTERMS.title, Literal(article.title)))
    graph.add((a, CG["format"], Literal(article.format)))
    _add(graph, a, CG.location, _text(article.location))
    _add(graph, a, SCHEMA.datePublished, _date(article.published))
    for index, claim in enumerate(article.claims):
        _add_claim(graph, aid, a, index, claim, article.text)
    named: set[URIRef] = set()
    for endnote in article.endnotes:
        _add_endnote(graph, aid, a, endnote, named)
    for index, citation in enumerate(article.citations):
        c = citation_iri(aid, citation.id)
        graph.add((c, RDF.type, CITO.Citation))
        graph.add((c, DCTERMS.identifier, Literal(citation.id)))
        graph.add((c, CG.order, Literal(index + 1)))
        graph.add((c, DCTERMS.isPartOf, a))
        if citation.claim:
            graph.add((c, CITO.hasCitingEntity, claim_iri(aid, citation.claim)))
        graph.add((c, CG.label, Literal(citation.label)))
        _add(graph, c, CG.domain, _text(citation.domain))
        _add(graph, c, CG.card, _text(citation.card))
        graph.add((c, CG.resolutionScore, Literal(round(citation.score, 4))))
        graph.add((c, CG.resolutionMethod, Literal(citation.method or "none")))
        _add_position(graph, c, a, citation.start, citation.end, article.text)
        for rank, candidate in enumerate(citation.candidates, start=1):
            k = URIRef(f"{c}/candidate/{rank}")
            graph.add((c, CG.candidate, k))
            graph.add((k, RDF.type, CG.Candidate))
            graph.add((k, CG.candidateEndnote, endnote_iri(aid, candidate.endnote)))
            graph.add((k, CG.score, Literal(round(candidate.score, 4))))
            graph.add((k, CG.rank, Literal(rank)))
        if citation.endnote is not None:
            endnote = article.endnote(citation.endnote)
            work = endnote_work(endnote, aid)
            graph.add((c, CG.endnote, endnote_iri(aid, endnote.number)))
            graph.add((c, CITO.hasCitedEntity, work))
            if citation.claim:
                graph.add((claim_iri(aid, citation.claim), CITO.cites, work))
    for index, group in enumerate(groups, start=1):
        g = URIRef(f"{a}/duplicates/{group.strength}/{index}")
        graph.add((g, RDF.type, CG.DuplicateGroup))
        graph.add((g, DCTERMS.isPartOf, a))
        graph.add((g, CG.strength, Literal(group.strength)))
        graph.add((g, CG.reason, Literal(group.reason)))
        for number in group.endnotes:
            graph.add((g, CG.member, endnote_iri(aid, number)))
    return graph


def _add_position(
    graph: Graph, subject: URIRef, article: URIRef, start: int, end: int, text: str
) -> None:
    """A W3C Web Annotation anchoring: the span's position and exact text in the article."""
    position, quote = URIRef(f"{subject}/position"), URIRef(f"{subject}/quote")
    graph.add((subject, OA.hasSource, article))
    graph.add((subject, OA.hasSelector, position))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start)))
    graph.add((position, OA.end, Literal(end)))
    graph.add((subject, OA.hasSelector, quote))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(text[start:end])))


def _add_claim(graph: Graph, aid: str, a: URIRef, index: int, claim: Claim, text: str) -> None:
    c = claim_iri(aid, claim.id)
    graph.add((c, RDF.type, SCHEMA.Claim))
    graph.add((c, RDF.type, OA.SpecificResource))
    graph.add((c, DCTERMS.identifier, Literal(claim.id)))
    graph.add((c, SCHEMA.text, Literal(claim.text)))
    graph.add((c, SCHEMA.isPartOf, a))
    graph.add((c, CG.section, Literal(claim.section)))
    graph.add((c, CG.order, Literal(index + 1)))
    graph.add((c, CG.block, Literal(claim.block)))
    _add_position(graph, c, a, claim.start, claim.end, text)


def _add_endnote(graph: Graph, aid: str, a: URIRef, endnote: Endnote, named: set[URIRef]) -> None:
    e = endnote_iri(aid, endnote.number)
    work = endnote_work(endnote, aid)
    graph.add((e, RDF.type, BIRO.BibliographicReference))
    graph.add((e, DCTERMS.isPartOf, a))
    graph.add((e, CG.number, Literal(endnote.number)))
    graph.add((e, CG.section, Literal(endnote.section)))
    graph.add((e, CG.kind, Literal(endnote.kind)))
    graph.add((e, BIRO.references, work))
    _add(graph, e, DCTERMS.title, _text(endnote.title))
    _add(graph, e, CG.source, _text(endnote.source))
    _add(graph, e, CG.rawUrl, _text(endnote.raw_url))
    if endnote.url:
        graph.add((e, SCHEMA.url, Literal(endnote.url, datatype=XSD.anyURI)))
    if endnote.canonical_url:
        graph.add((e, CG.canonicalUrl, Literal(endnote.canonical_url, datatype=XSD.anyURI)))
        graph.add((e, CG.domain, Literal(host_of(endnote.canonical_url))))
        graph.add((e, CG.site, Literal(registered_domain(endnote.canonical_url))))
    _add(graph, e, CG.snippet, _text(endnote.snippet))
    _add(graph, e, CG.snippetTitle, _text(endnote.snippet_title))
    _add(graph, e, DCTERMS.date, _date(endnote.published))
    _add(graph, e, CG.dateSource, _text(endnote.published_from))
    _add(graph, e, CG.archiveUrl, _text(endnote.archive_url))
    for author in endnote.authors:
        graph.add((e, DCTERMS.creator, Literal(author)))
    for problem in endnote.url_problems:
        graph.add((e, CG.urlProblem, Literal(f"{problem.level}: {problem.code}")))
    kind = work_kind(endnote.url, endnote.identifiers)
    graph.add((work, RDF.type, SCHEMA.CreativeWork))
    for cls in _KIND_CLASSES[kind]:
        graph.add((work, RDF.type, cls))
    graph.add((work, CG.workKind, Literal(kind)))
    title = best_title(endnote)
    if title and work not in named:  # one name per work: the first endnote's best title
        graph.add((work, SCHEMA.name, Literal(title)))
        named.add(work)
    if endnote.canonical_url:
        graph.add((work, SCHEMA.url, Literal(endnote.canonical_url, datatype=XSD.anyURI)))
    for scheme, value in sorted(endnote.identifiers.items()):
        graph.add((work, DCTERMS.identifier, Literal(f"{scheme}:{value}")))
        if scheme == "doi":
            graph.add((work, BIBO.doi, Literal(value)))
        if scheme == "isbn":
            graph.add((work, BIBO.isbn, Literal(value)))


def finding_key(finding: Finding) -> str:
    """A stable key for a finding: its kind and the things it concerns."""
    parts = (
        [finding.kind] + [f"e{n}" for n in finding.endnotes] + finding.citations + finding.claims
    )
    return "-".join(parts)[:200]


def add_findings(graph: Graph, article: Article, findings: list[Finding]) -> None:
    """Findings as cg:Finding resources pointing at what they concern."""
    aid = article.id
    a = article_iri(aid)
    seen: dict[str, int] = {}
    for finding in findings:
        key = finding_key(finding)
        seen[key] = seen.get(key, 0) + 1
        f = finding_iri(aid, key if seen[key] == 1 else f"{key}-{seen[key]}")
        graph.add((f, RDF.type, CG.Finding))
        graph.add((f, DCTERMS.isPartOf, a))
        graph.add((f, CG.kind, Literal(finding.kind)))
        graph.add((f, CG.severity, Literal(finding.severity)))
        graph.add((f, SCHEMA.description, Literal(finding.message)))
        graph.add((f, RDFS.comment, Literal(finding.message)))
        _add(graph, f, CG.fix, _text(finding.fix))
        for number in finding.endnotes:
            graph.add((f, CG.concerns, endnote_iri(aid, number)))
        for citation in finding.citations:
            graph.add((f, CG.concerns, citation_iri(aid, citation)))
        for claim in finding.claims:
            graph.add((f, CG.concerns, claim_iri(aid, claim)))
