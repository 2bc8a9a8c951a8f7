"""Namespaces and IRI minting. Standard vocabularies first; ``CG`` only for what none of them has."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIRO = Namespace("http://purl.org/spar/biro/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
CG = Namespace("https://w3id.org/claimgraph/ns#")
ID = Namespace("https://w3id.org/claimgraph/id/")

PREFIXES = {
    "cito": CITO,
    "fabio": FABIO,
    "biro": BIRO,
    "bibo": BIBO,
    "schema": SCHEMA,
    "oa": OA,
    "dcterms": DCTERMS,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "cg": CG,
    "cgid": ID,
}

__all__ = [
    "BIBO",
    "BIRO",
    "CG",
    "CITO",
    "DCTERMS",
    "FABIO",
    "ID",
    "OA",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "XSD",
    "article_iri",
    "graph_iri",
    "claim_iri",
    "citation_iri",
    "endnote_iri",
    "finding_iri",
    "work_iri",
    "capture_iri",
    "evidence_iri",
    "review_graph_iri",
    "bind_prefixes",
]


@lru_cache(maxsize=1024)  # an article's id is quoted for every IRI minted in it
def _safe(text: str) -> str:
    return quote(text, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    """The article itself."""
    return ID[f"article/{_safe(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding one article's claims, citations, endnotes and findings."""
    return ID[f"graph/{_safe(article_id)}"]


def review_graph_iri() -> URIRef:
    """The named graph of human verdicts; it survives re-ingesting any article."""
    return ID["graph/reviews"]


def claim_iri(article_id: str, claim_id: str) -> URIRef:
    return ID[f"article/{_safe(article_id)}/claim/{_safe(claim_id)}"]


def citation_iri(article_id: str, citation_id: str) -> URIRef:
    return ID[f"article/{_safe(article_id)}/citation/{_safe(citation_id)}"]


def endnote_iri(article_id: str, number: int) -> URIRef:
    return ID[f"article/{_safe(article_id)}/endnote/{number}"]


def finding_iri(article_id: str, key: str) -> URIRef:
    return ID[f"article/{_safe(article_id)}/finding/{_safe(key)}"]


def work_iri(key: str) -> URIRef:
    """A cited work, shared across articles: keyed by an identifier (doi:…, arxiv:…) or URL."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return ID[f"work/{digest}"]


def capture_iri(url: str, sha256: str) -> URIRef:
    digest = hashlib.sha1(f"{url} {sha256}".encode()).hexdigest()[:16]
    return ID[f"capture/{digest}"]


def evidence_iri(claim: URIRef, work: URIRef) -> URIRef:
    digest = hashlib.sha1(f"{claim} {work}".encode()).hexdigest()[:16]
    return ID[f"evidence/{digest}"]


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
