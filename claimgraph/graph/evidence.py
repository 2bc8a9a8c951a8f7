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
from claimgraph.graph.ntriples import TripleLines, integer, iri, load_lines, term, text, typed
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


def _terms(namespace, *names: str) -> dict[str, str]:
    return {name: iri(str(namespace[name])) for name in names}


# N-Triples forms made once: an rdflib ``Namespace`` attribute costs microseconds per use
_A = iri(str(RDF.type))
_C = _terms(CG, "Evidence", "claim", "work", "stance", "support", "confidence", "judge", "cited", "sourceUrl",
            "endnote", "rank", "origin")
_O = _terms(OA, "Annotation", "motivatedBy", "assessing", "hasBody", "hasTarget", "SpecificResource",
            "hasSource", "hasSelector", "TextQuoteSelector", "exact", "TextPositionSelector", "start", "end")
_SUPPORTS, _DISPUTES, _CITES_AS_EVIDENCE = (iri(str(CITO[name]))
                                            for name in ("supports", "disputes", "citesAsEvidence"))
_TRUE, _FALSE = typed("true", str(XSD.boolean)), typed("false", str(XSD.boolean))
_ANY_URI = str(XSD.anyURI)


def _decimal(value: float) -> str:
    """rdflib's own lexical form of a decimal (kept exactly: stored graphs compare line by line)."""
    return term(Literal(value, datatype=XSD.decimal))


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
    out = TripleLines()
    add = out.add
    works: dict[str, URIRef] = {}
    # Several endnotes can cite one work (tracking-parameter copies): one evidence node per
    # (claim, work), from the strongest verdict, cited if any of them is cited.
    pairs: dict[URIRef, list[Evidence]] = {}
    for item in evidence:
        claim = claim_iri(article_id, item.claim)
        work = evidence_work(article, article_id, item)
        works[item.source_url] = work
        pairs.setdefault(evidence_iri(claim, work), []).append(item)
    c, o = _C, _O
    for evidence_node, items in pairs.items():
        item = max(items, key=lambda i: (i.cited, i.support, -(i.endnote or 0)))
        e = iri(evidence_node)
        claim = iri(claim_iri(article_id, item.claim))
        work = iri(evidence_work(article, article_id, item))
        add(e, _A, c["Evidence"])
        add(e, _A, o["Annotation"])
        add(e, o["motivatedBy"], o["assessing"])
        add(e, o["hasBody"], claim)
        add(e, c["claim"], claim)
        add(e, c["work"], work)
        add(e, c["stance"], text(item.stance))
        add(e, c["support"], _decimal(round(item.support, 4)))
        add(e, c["confidence"], _decimal(round(item.score, 4)))
        add(e, c["judge"], text(item.judge or "default"))
        cited = any(i.cited for i in items)
        add(e, c["cited"], _TRUE if cited else _FALSE)
        add(e, c["sourceUrl"], typed(item.source_url, _ANY_URI))
        for number in sorted({i.endnote for i in items if i.endnote is not None}):
            add(e, c["endnote"], iri(endnote_iri(article_id, number)))
        if item.stance == "supports":
            add(work, _SUPPORTS, claim)
            if cited:
                add(claim, _CITES_AS_EVIDENCE, work)
        elif item.stance == "disputes":
            add(work, _DISPUTES, claim)
        for rank, quote in enumerate(item.quotes, start=1):
            target_iri = f"{evidence_node}/target/{rank}"
            target = iri(target_iri)
            add(e, o["hasTarget"], target)
            add(target, _A, o["SpecificResource"])
            add(target, c["rank"], integer(rank))
            add(target, o["hasSource"], work)
            exact, position = iri(f"{target_iri}/quote"), iri(f"{target_iri}/position")
            add(target, o["hasSelector"], exact)
            add(exact, _A, o["TextQuoteSelector"])
            add(exact, o["exact"], text(quote.text))
            add(target, o["hasSelector"], position)
            add(position, _A, o["TextPositionSelector"])
            add(position, o["start"], integer(quote.start))
            add(position, o["end"], integer(quote.end))
    for url, work in works.items():
        origin = (origins or {}).get(url, url)
        add(iri(work), c["origin"], iri(works.get(origin) or _work_iri(canonical_url(origin) or origin)))
    load_lines(graph, out)


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
