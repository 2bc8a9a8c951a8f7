"""Synthetic claimgraph corpora: articles, claims, citations, endnotes, works, evidence, findings.

The triple shapes mirror what the pipeline writes (``claimgraph/graph/triples.py``, ``evidence.py``,
``sources.py``; one named graph per article, no blank nodes), at about the density of the sample
article's graph: ~7,000 triples per article, every claim judged against its cited sources and three
others, a fetched source per endnote (health, capture, extraction facts, authors), duplicate
groups, 40 findings. Works are shared across articles, some papers appear under two work IRIs with
one DOI (for duplicate checks), some claims cite nothing, a few endnotes are uncited and a few
citations unresolved.

    python benchmarks/synthetic.py --triples 100000 --out corpus.nq
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.graph.store_terms import escape_string, from_oxigraph  # noqa: E402
from claimgraph.graph.vocab import (  # noqa: E402
    BIBO,
    BIRO,
    CG,
    CITO,
    DCTERMS,
    FABIO,
    ID,
    OA,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    XSD,
    article_iri,
    citation_iri,
    claim_iri,
    endnote_iri,
    evidence_iri,
    finding_iri,
    graph_iri,
    review_graph_iri,
    work_iri,
)

WORDS = [
    *("model", "agents", "evaluation", "scaling", "risk", "alignment", "data", "compute"),
    *("policy", "safety", "benchmark", "training", "reasoning", "deception", "oversight"),
    *("capability", "forecast", "survey", "audit", "trend", "paper", "lab", "report", "study"),
]
DOMAINS = ["arxiv.org", "example.com", "nytimes.com", "openai.com", "youtube.com", "lesswrong.com"]
KINDS = ["title_mismatch", "orphan_endnote", "duplicate", "unsupported_citation", "malformed_url",
         "unresolved_citation", "uncited_claim", "dead_link"]
SEVERITIES = ["high", "medium", "low"]
# the judge's verdicts: on the cited source, and on other sources of the same article
CITED_STANCES = ["supports"] * 5 + ["mentions"] * 3 + ["disputes", "unrelated"]
UNCITED_STANCES = ["mentions"] * 12 + ["unrelated"] * 5 + ["supports"] * 2 + ["disputes"]
REVIEW_STANCES = ["supports", "supports", "disputes", "mentions"]
HEALTH = ["ok"] * 17 + ["dead", "redirected", "blocked"]


@dataclass
class Corpus:
    """A generated corpus as N-Quads, with sample terms for binding query parameters."""

    nquads: bytes
    triples: int
    graphs: list[URIRef]
    samples: dict[str, str] = field(default_factory=dict)


def _iri(value: object) -> str:
    return f"<{value}>"


def _lit(text: str, datatype: URIRef | None = None) -> str:
    body = f'"{escape_string(text)}"'
    return f"{body}^^<{datatype}>" if datatype else body


def _int(number: int) -> str:
    return _lit(str(number), XSD.integer)


def claim_key(article_id: str, number: int) -> str:
    """A claim id shaped like the reader's (a hash of the sentence), unique across articles."""
    return "c-" + hashlib.sha1(f"{article_id}/{number}".encode()).hexdigest()[:10]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class _Writer:
    """Collects N-Quads lines for one article graph."""

    def __init__(self, graph: URIRef) -> None:
        self.graph = f" <{graph}> .\n"
        self.lines: list[str] = []

    def add(self, s: object, p: object, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o}{self.graph}")


def _position(out: _Writer, subject: URIRef, article: URIRef, start: int, text: str) -> None:
    position, quote = f"{subject}/position", f"{subject}/quote"
    out.add(subject, OA.hasSource, _iri(article))
    out.add(subject, OA.hasSelector, _iri(position))
    out.add(position, RDF.type, _iri(OA.TextPositionSelector))
    out.add(position, OA.start, _int(start))
    out.add(position, OA.end, _int(start + len(text)))
    out.add(subject, OA.hasSelector, _iri(quote))
    out.add(quote, RDF.type, _iri(OA.TextQuoteSelector))
    out.add(quote, OA.exact, _lit(text))


def _work(out: _Writer, rng: random.Random, key: int) -> URIRef:
    """A shared work; every 10th paper also exists under a second IRI with the same DOI."""
    alias = key % 10 == 3 and rng.random() < 0.5
    work = work_iri(f"synthetic:{key}{'-alias' if alias else ''}")
    paper = key % 3 == 0
    out.add(work, RDF.type, _iri(SCHEMA.CreativeWork))
    out.add(work, RDF.type, _iri(FABIO.ScholarlyWork if paper else FABIO.WebPage))
    out.add(work, CG.workKind, _lit("paper" if paper else "page"))
    out.add(work, SCHEMA.name, _lit(f"Work {key}: {_sentence(rng, 4)}"))
    domain = DOMAINS[key % len(DOMAINS)]
    out.add(work, SCHEMA.url, _lit(f"https://{domain}/w/{key}", XSD.anyURI))
    if paper:
        out.add(work, DCTERMS.identifier, _lit(f"doi:10.5555/{key}"))
        out.add(work, BIBO.doi, _lit(f"10.5555/{key}"))
    return work


def _evidence(
    out: _Writer, rng: random.Random, aid: str, claim: URIRef, work: URIRef, endnote: int, cited: bool
) -> None:
    """One judged claim–source pair, as ``claimgraph/graph/evidence.py`` writes it."""
    e = evidence_iri(claim, work)
    stance = rng.choice(CITED_STANCES if cited else UNCITED_STANCES)
    out.add(e, RDF.type, _iri(CG.Evidence))
    out.add(e, RDF.type, _iri(OA.Annotation))
    out.add(e, OA.motivatedBy, _iri(OA.assessing))
    out.add(e, OA.hasBody, _iri(claim))
    out.add(e, CG.claim, _iri(claim))
    out.add(e, CG.work, _iri(work))
    out.add(e, CG.stance, _lit(stance))
    out.add(e, CG.support, _lit(f"{rng.random():.4f}", XSD.decimal))
    out.add(e, CG.confidence, _lit(f"{rng.random():.4f}", XSD.decimal))
    out.add(e, CG.judge, _lit("default"))
    out.add(e, CG.cited, _lit("true" if cited else "false", XSD.boolean))
    out.add(e, CG.sourceUrl, _lit(f"https://example.org/source/{work.rsplit('/', 1)[-1]}", XSD.anyURI))
    out.add(e, CG.endnote, _iri(endnote_iri(aid, endnote)))
    if stance in ("supports", "disputes"):
        out.add(work, CITO.supports if stance == "supports" else CITO.disputes, _iri(claim))
    target = f"{e}/target/1"
    out.add(e, OA.hasTarget, _iri(target))
    out.add(target, RDF.type, _iri(OA.SpecificResource))
    out.add(target, OA.hasSource, _iri(work))
    out.add(target, OA.hasSelector, _iri(f"{target}/quote"))
    out.add(f"{target}/quote", RDF.type, _iri(OA.TextQuoteSelector))
    out.add(f"{target}/quote", OA.exact, _lit(_sentence(rng, 10)))
    out.add(work, CG.origin, _iri(work))


def _source(out: _Writer, rng: random.Random, endnote: URIRef, work: URIRef, key: int) -> None:
    """A fetched source, as ``claimgraph/graph/sources.py`` writes it: link health on the endnote,
    and the work's capture, extraction activity, per-field facts and authors."""
    health = rng.choice(HEALTH)
    out.add(endnote, CG.linkHealth, _lit(health))
    out.add(endnote, CG.httpStatus, _int({"ok": 200, "dead": 404, "redirected": 200, "blocked": 403}[health]))
    out.add(endnote, CG.redirectCount, _int(1 if health == "redirected" else 0))
    if health == "dead":
        return
    capture = f"{ID}capture/{key}"
    out.add(capture, RDF.type, _iri(PROV.Entity))
    out.add(capture, RDF.type, _iri(CG.Capture))
    out.add(capture, SCHEMA.url, _lit(f"https://example.org/source/{key}", XSD.anyURI))
    out.add(capture, SCHEMA.sha256, _lit(f"{key:064x}"))
    out.add(capture, CG.captureKind, _lit("live"))
    out.add(capture, DCTERMS.source, _iri(work))
    out.add(capture, PROV.generatedAtTime, _lit("2025-06-01T12:00:00Z", XSD.dateTime))
    activity = f"{ID}extraction/{key}"
    extractor = f"{ID}extractor/json-ld"
    out.add(activity, RDF.type, _iri(PROV.Activity))
    out.add(activity, PROV.used, _iri(capture))
    out.add(activity, PROV.wasAssociatedWith, _iri(extractor))
    out.add(extractor, RDF.type, _iri(PROV.SoftwareAgent))
    for name, predicate, value in (
        ("title", SCHEMA.name, f"Work {key}"),
        ("published", SCHEMA.datePublished, f"20{10 + key % 15}-0{1 + key % 9}-01"),
        ("site", SCHEMA.publisher, DOMAINS[key % len(DOMAINS)]),
    ):
        fact = f"{ID}fact/{key}/{name}"
        out.add(fact, RDF.type, _iri(PROV.Entity))
        out.add(fact, CG.field, _lit(name))
        out.add(fact, CG.value, _lit(value))
        out.add(fact, DCTERMS.subject, _iri(work))
        out.add(fact, PROV.wasGeneratedBy, _iri(activity))
        out.add(fact, PROV.wasAttributedTo, _iri(extractor))
        if name != "title":
            out.add(work, predicate, _lit(value))
    for author in range(1 + key % 3):
        person = f"{ID}person/{(key * 7 + author) % 5000}"
        out.add(person, RDF.type, _iri(SCHEMA.Person))
        out.add(person, SCHEMA.name, _lit(f"Author {(key * 7 + author) % 5000}"))
        out.add(work, SCHEMA.author, _iri(person))


def review_lines(graphs: list[URIRef], rng: random.Random, count: int = 50) -> list[str]:
    """A human-review graph: a few reviewers overriding judged stances (``cgid:graph/reviews``)."""
    out = _Writer(review_graph_iri())
    for number in range(count):
        aid = f"synthetic-{rng.randrange(len(graphs)):05d}"
        claim = claim_iri(aid, claim_key(aid, 1 + rng.randrange(40)))
        work = work_iri(f"synthetic:{7 + number}")
        review, agent = f"{ID}review/{number}", f"{ID}agent/{number % 3}"
        out.add(review, RDF.type, _iri(CG.Review))
        out.add(review, CG.reviewOf, _iri(evidence_iri(claim, work)))
        out.add(review, CG.claim, _iri(claim))
        out.add(review, CG.work, _iri(work))
        out.add(review, CG.stance, _lit(rng.choice(REVIEW_STANCES)))
        out.add(review, PROV.wasAttributedTo, _iri(agent))
        out.add(agent, RDFS.label, _lit(f"Reviewer {number % 3}"))
    return list(dict.fromkeys(out.lines))


def article_lines(index: int, rng: random.Random, work_pool: int) -> list[str]:
    """N-Quads lines of one synthetic article graph (about 7,000 triples)."""
    aid = f"synthetic-{index:05d}"
    a, out = article_iri(aid), _Writer(graph_iri(aid))
    out.add(a, RDF.type, _iri(SCHEMA.Article))
    out.add(a, DCTERMS.identifier, _lit(aid))
    out.add(a, DCTERMS.title, _lit(f"Article {index}: {_sentence(rng, 5)}"))
    out.add(a, CG["format"], _lit("markdown"))
    out.add(a, SCHEMA.datePublished, _lit(f"2025-{1 + index % 12:02d}-15", XSD.date))
    offset = 0
    claims, claim_ids = [], []
    for number in range(1, 41):
        cid = claim_key(aid, number)
        c, text = claim_iri(aid, cid), _sentence(rng, 12)
        claims.append(c)
        claim_ids.append(cid)
        out.add(c, RDF.type, _iri(SCHEMA.Claim))
        out.add(c, RDF.type, _iri(OA.SpecificResource))
        out.add(c, DCTERMS.identifier, _lit(cid))
        out.add(c, SCHEMA.text, _lit(text))
        out.add(c, SCHEMA.isPartOf, _iri(a))
        out.add(c, CG.section, _lit(f"Section {1 + number // 10}"))
        out.add(c, CG.order, _int(number))
        out.add(c, CG.block, _int(number // 3))
        _position(out, c, a, offset, text)
        offset += len(text) + 1
    works = {}
    for number in range(1, 46):
        e = endnote_iri(aid, number)
        popular = rng.random() < 0.5  # half cite works shared by many articles
        key = int(rng.paretovariate(1.2) * 7) if popular else rng.randrange(work_pool)
        key %= work_pool
        works[number] = work = _work(out, rng, key)
        domain = DOMAINS[key % len(DOMAINS)]
        out.add(e, RDF.type, _iri(BIRO.BibliographicReference))
        out.add(e, DCTERMS.isPartOf, _iri(a))
        out.add(e, CG.number, _int(number))
        out.add(e, CG.section, _lit("Endnotes"))
        out.add(e, CG.kind, _lit("web"))
        out.add(e, BIRO.references, _iri(work))
        out.add(e, DCTERMS.title, _lit(f"Work {key}: {_sentence(rng, 3)}"))
        out.add(e, SCHEMA.url, _lit(f"https://{domain}/w/{key}?utm_source=x", XSD.anyURI))
        out.add(e, CG.canonicalUrl, _lit(f"https://{domain}/w/{key}", XSD.anyURI))
        out.add(e, CG.domain, _lit(domain))
        out.add(e, CG.site, _lit(domain))
        out.add(e, DCTERMS.date, _lit(f"20{10 + key % 15}-0{1 + key % 9}-01", XSD.date))
        out.add(e, DCTERMS.creator, _lit(f"Author {key % 97}"))
        _source(out, rng, e, work, key)
    cited: dict[int, int] = {}
    judged: set[tuple[URIRef, URIRef]] = set()
    for number in range(1, 61):
        which = min(39, int(rng.random() ** 1.5 * 40))  # later claims are cited less
        claim = claims[which]
        cited[which] = cited.get(which, 0) + 1
        cid = f"{claim_ids[which]}.{cited[which]}"
        c = citation_iri(aid, cid)
        endnote = 1 + (number - 1) % 42  # endnotes 43-45 stay uncited (orphans)
        resolved = number % 20 != 0  # every 20th citation matches no endnote clearly
        label = f"[{endnote}]"
        out.add(c, RDF.type, _iri(CITO.Citation))
        out.add(c, DCTERMS.identifier, _lit(cid))
        out.add(c, CG.order, _int(number))
        out.add(c, DCTERMS.isPartOf, _iri(a))
        out.add(c, CITO.hasCitingEntity, _iri(claim))
        out.add(c, CG.label, _lit(label))
        out.add(c, CG.resolutionScore, _lit(f"{rng.random():.4f}", XSD.decimal))
        out.add(c, CG.resolutionMethod, _lit("number"))
        _position(out, c, a, number * 50, label)
        for rank in (1, 2):
            k = f"{c}/candidate/{rank}"
            out.add(c, CG.candidate, _iri(k))
            out.add(k, RDF.type, _iri(CG.Candidate))
            other = 1 + endnote % 45
            out.add(k, CG.candidateEndnote, _iri(endnote_iri(aid, endnote if rank == 1 else other)))
            out.add(k, CG.score, _lit(f"{1 / rank:.4f}", XSD.decimal))
            out.add(k, CG.rank, _int(rank))
        if not resolved:
            continue
        out.add(c, CG.endnote, _iri(endnote_iri(aid, endnote)))
        out.add(c, CITO.hasCitedEntity, _iri(works[endnote]))
        out.add(claim, CITO.cites, _iri(works[endnote]))
        if (claim, works[endnote]) not in judged:
            judged.add((claim, works[endnote]))
            _evidence(out, rng, aid, claim, works[endnote], endnote, cited=True)
    for claim in claims:  # the judge also reads each claim against a few other sources
        for endnote in rng.sample(range(1, 46), 3):
            if (claim, works[endnote]) not in judged:
                judged.add((claim, works[endnote]))
                _evidence(out, rng, aid, claim, works[endnote], endnote, cited=False)
    by_work: dict[URIRef, list[int]] = {}
    for number, work in works.items():
        by_work.setdefault(work, []).append(number)
    for index, members in enumerate(m for m in by_work.values() if len(m) > 1):
        group = f"{a}/duplicates/certain/{index + 1}"
        out.add(group, RDF.type, _iri(CG.DuplicateGroup))
        out.add(group, DCTERMS.isPartOf, _iri(a))
        out.add(group, CG.strength, _lit("certain"))
        out.add(group, CG.reason, _lit("same work"))
        for number in members:
            out.add(group, CG.member, _iri(endnote_iri(aid, number)))
    for number in range(1, 41):
        kind = KINDS[number % len(KINDS)]
        f = finding_iri(aid, f"{kind}-e{number}")
        out.add(f, RDF.type, _iri(CG.Finding))
        out.add(f, DCTERMS.isPartOf, _iri(a))
        out.add(f, CG.kind, _lit(kind))
        out.add(f, CG.severity, _lit(SEVERITIES[number % 3]))
        out.add(f, SCHEMA.description, _lit(f"Endnote {number}: {kind}"))
        out.add(f, RDFS.comment, _lit(f"Endnote {number}: {kind}"))
        out.add(f, CG.fix, _lit("Check the link."))
        out.add(f, CG.concerns, _iri(endnote_iri(aid, number)))
    return list(dict.fromkeys(out.lines))  # a work cited twice is written once


def iter_articles(count: int, seed: int = 0) -> Iterator[tuple[URIRef, list[str]]]:
    """``(graph IRI, N-Quads lines)`` for ``count`` articles, deterministic for a seed."""
    rng = random.Random(seed)
    for index in range(count):
        yield graph_iri(f"synthetic-{index:05d}"), article_lines(index, rng, max(50, count * 20))


def synthetic_corpus(target_triples: int, seed: int = 0) -> Corpus:
    """Enough whole articles to reach ``target_triples`` (within one article's size)."""
    lines: list[str] = []
    graphs: list[URIRef] = []
    rng = random.Random(seed)
    index = 0
    while len(lines) < target_triples:
        graphs.append(graph_iri(f"synthetic-{index:05d}"))
        lines.extend(article_lines(index, rng, max(50, target_triples // 200)))
        index += 1
    lines.extend(review_lines(graphs, rng))
    aid = "synthetic-00000"
    samples: dict[str, str] = {  # parameter values as typed on the CLI; URIRefs for iri params
        "article": aid,
        "claim": claim_key(aid, 1),
        "citation": f"{claim_key(aid, 1)}.1",
        "endnote": "3",
        "kind": "orphan_endnote",
        "severity": "medium",
        "domain": "arxiv.org",
        "url": _first_canonical_url(lines),
        "work": work_iri("synthetic:7"),  # the most cited work
        "graph": graphs[0],
    }
    return Corpus("".join(lines).encode("utf-8"), len(lines), graphs, samples)


def _first_canonical_url(lines: list[str]) -> str:
    marker = f'<{CG.canonicalUrl}> "'
    for line in lines:
        if marker in line:
            return line.split(marker, 1)[1].split('"', 1)[0]
    return "https://example.com/"


def article_graph(index: int = 0, seed: int = 0) -> rdflib.Graph:
    """One synthetic article as an rdflib graph (for tests and small jobs)."""
    rng = random.Random(seed)
    for skipped in range(index):
        article_lines(skipped, rng, 50)
    data = "".join(article_lines(index, rng, 50)).encode("utf-8")
    graph = rdflib.Graph(identifier=graph_iri(f"synthetic-{index:05d}"))
    for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
        graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    return graph


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic corpus as N-Quads."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("synthetic.nq"))
    args = parser.parse_args(argv)
    corpus = synthetic_corpus(args.triples, args.seed)
    args.out.write_bytes(corpus.nquads)
    print(f"{corpus.triples} triples in {len(corpus.graphs)} article graphs → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
