"""Evidence → triples: CiTO stance links plus a W3C Web Annotation per judged (claim, source) pair.

The shape (no blank nodes; every IRI derives from the claim and work IRIs, so it is stable):
  evidence  cg:Evidence, oa:Annotation   oa:motivatedBy oa:assessing, oa:hasBody claim,
            cg:claim claim, cg:work work, cg:stance, cg:support, cg:confidence, cg:judge,
            cg:cited, cg:endnote endnote, oa:hasTarget quote targets (best first, cg:rank)
  target    oa:SpecificResource   oa:hasSource work, oa:hasSelector TextQuoteSelector and
            TextPositionSelector (offsets into the source's text)
  stance    work cito:supports claim | work cito:disputes claim; a cited supporting source also
            gets claim cito:citesAsEvidence work
  origin    work cg:origin work (the first source of its derivation family; itself if alone)
  relation  claim cg:restates claim | claim cg:contradicts claim (with a cg:ClaimRelation node)
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from claimgraph.article.urls import canonical_url
from claimgraph.graph.ntriples import TermLines
from claimgraph.graph.triples import endnote_work
from claimgraph.graph.vocab import CG, CITO, OA, bind_prefixes, claim_iri, endnote_iri, evidence_iri
from claimgraph.graph.vocab import work_iri as _work_iri
from claimgraph.model import Article, Evidence

__all__ = ["add_evidence_triples", "add_relation_triples", "evidence_work"]


def evidence_work(article: Article, article_id: str, evidence: Evidence) -> URIRef:
    """The work IRI of an evidence's source: its endnote's work, else one keyed by its URL."""
    if evidence.endnote is not None and 0 < evidence.endnote <= len(article.endnotes):
        return endnote_work(article.endnote(evidence.endnote), article_id)
    return _work_iri(canonical_url(evidence.source_url) or evidence.source_url)


def add_evidence_triples(
    graph: Graph,
    article_id: str,
    article: Article,
    evidence: list[Evidence],
    *,
    origins: dict[str, str] | None = None,
) -> None:
    """Add every evidence item of one article to ``graph`` (the article's named graph).

    ``origins`` maps a source URL to the URL of its origin (``independence.origin_of``).
    """
    bind_prefixes(graph)
    out = TermLines()
    works: dict[str, URIRef] = {}
    # Several endnotes can cite one work (tracking-parameter copies): one evidence node per
    # (claim, work), from the strongest verdict, cited if any of them is cited.
    pairs: dict[URIRef, list[Evidence]] = {}
    for item in evidence:
        claim = claim_iri(article_id, item.claim)
        work = evidence_work(article, article_id, item)
        works[item.source_url] = work
        pairs.setdefault(evidence_iri(claim, work), []).append(item)
    for e, items in pairs.items():
        item = max(items, key=lambda i: (i.cited, i.support, -(i.endnote or 0)))
        claim = claim_iri(article_id, item.claim)
        work = evidence_work(article, article_id, item)
        out.add((e, RDF.type, CG.Evidence))
        out.add((e, RDF.type, OA.Annotation))
        out.add((e, OA.motivatedBy, OA.assessing))
        out.add((e, OA.hasBody, claim))
        out.add((e, CG.claim, claim))
        out.add((e, CG.work, work))
        out.add((e, CG.stance, Literal(item.stance)))
        out.add((e, CG.support, Literal(round(item.support, 4), datatype=XSD.decimal)))
        out.add((e, CG.confidence, Literal(round(item.score, 4), datatype=XSD.decimal)))
        out.add((e, CG.judge, Literal(item.judge or "default")))
        cited = any(i.cited for i in items)
        out.add((e, CG.cited, Literal(cited)))
        out.add((e, CG.sourceUrl, Literal(item.source_url, datatype=XSD.anyURI)))
        for number in sorted({i.endnote for i in items if i.endnote is not None}):
            out.add((e, CG.endnote, endnote_iri(article_id, number)))
        if item.stance == "supports":
            out.add((work, CITO.supports, claim))
            if cited:
                out.add((claim, CITO.citesAsEvidence, work))
        elif item.stance == "disputes":
            out.add((work, CITO.disputes, claim))
        for rank, quote in enumerate(item.quotes, start=1):
            target = URIRef(f"{e}/target/{rank}")
            out.add((e, OA.hasTarget, target))
            out.add((target, RDF.type, OA.SpecificResource))
            out.add((target, CG.rank, Literal(rank)))
            out.add((target, OA.hasSource, work))
            exact, position = URIRef(f"{target}/quote"), URIRef(f"{target}/position")
            out.add((target, OA.hasSelector, exact))
            out.add((exact, RDF.type, OA.TextQuoteSelector))
            out.add((exact, OA.exact, Literal(quote.text)))
            out.add((target, OA.hasSelector, position))
            out.add((position, RDF.type, OA.TextPositionSelector))
            out.add((position, OA.start, Literal(quote.start)))
            out.add((position, OA.end, Literal(quote.end)))
    for url, work in works.items():
        origin = (origins or {}).get(url, url)
        out.add((work, CG.origin, works.get(origin) or _work_iri(canonical_url(origin) or origin)))
    out.load_into(graph)


def add_relation_triples(graph: Graph, relations: list) -> None:
    """Claim-to-claim relations (``relations.Relation``) as direct links plus a scored node."""
    for relation in relations:
        left, right = claim_iri(*relation.left), claim_iri(*relation.right)
        predicate = CG.restates if relation.kind == "restates" else CG.contradicts
        graph.add((left, predicate, right))
        node = URIRef(f"{left}/relation/{evidence_iri(left, right).split('/')[-1]}")
        graph.add((node, RDF.type, CG.ClaimRelation))
        graph.add((node, CG.kind, Literal(relation.kind)))
        graph.add((node, CG.left, left))
        graph.add((node, CG.right, right))
        graph.add((node, CG.score, Literal(relation.score, datatype=XSD.decimal)))
