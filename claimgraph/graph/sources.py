"""Scraped sources as triples: the work's facts (schema.org), captures and extractions (PROV-O).

For each endnote with a source:

  endnote   cg:linkHealth, cg:httpStatus, cg:finalUrl, cg:redirectCount, cg:archiveUrl
  work      schema:name, schema:author → schema:Person, schema:datePublished, schema:dateModified,
            schema:publisher (site name as text), schema:inLanguage, schema:additionalType
  capture   prov:Entity with schema:url, prov:generatedAtTime, schema:sha256, cg:httpStatus,
            cg:captureKind (live | reconstructed), rdfs:comment (how it was obtained),
            dcterms:source → work
  extraction prov:Activity: prov:used capture, prov:endedAtTime, prov:wasAssociatedWith extractor
  fact      one prov:Entity per scraped field: cg:field, cg:value, prov:wasGeneratedBy extraction,
            prov:wasAttributedTo the extractor (json-ld, highwire, arxiv, …), dcterms:subject work,
            prov:wasDerivedFrom the capture it was read from
No blank nodes: every node has a minted IRI.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from claimgraph.extract.source_type import source_type
from claimgraph.graph.ntriples import TermLines
from claimgraph.graph.vocab import (
    BIRO,
    CG,
    DCTERMS,
    ID,
    PROV,
    RDF,
    SCHEMA,
    XSD,
    capture_iri,
    endnote_iri,
    work_iri,
)
from claimgraph.model import Source

_FIELD_PREDICATES = {
    "title": SCHEMA.name,
    "published": SCHEMA.datePublished,
    "modified": SCHEMA.dateModified,
    "site": SCHEMA.publisher,
    "language": SCHEMA.inLanguage,
    "type": SCHEMA.additionalType,
    "description": SCHEMA.description,
}


def _digest(*parts: str) -> str:
    return hashlib.sha1(" ".join(parts).encode("utf-8")).hexdigest()[:16]


def _date_literal(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if "T" in value:
        return Literal(value, datatype=XSD.dateTime)
    return Literal(value)


def person_iri(name: str) -> URIRef:
    """A person named as an author, minted from the name (no identity resolution)."""
    return ID[f"person/{_digest(name.casefold())}"]


def extractor_iri(name: str) -> URIRef:
    """The software agent that gave a fact (an adapter or a metadata layer)."""
    return ID[f"extractor/{quote(name or 'unknown', safe='-._~')}"]


def add_source_triples(graph: Graph, article_id: str, sources: dict[int, Source]) -> None:
    """Add every source's health, facts, capture and provenance to the graph."""
    out = TermLines()
    works: dict = {}  # one pass over the graph's endnote → work links, not one lookup per source
    for endnote, work in graph.subject_objects(BIRO.references):
        works.setdefault(endnote, work)
    for number, source in sorted(sources.items()):
        endnote = endnote_iri(article_id, number)
        work = works.get(endnote) or work_iri(source.url)
        _add_health(out, endnote, source)
        capture = _add_capture(out, work, source)
        _add_facts(out, work, source, capture)
        out.set((work, CG.sourceType, Literal(source_type(source))))
    out.load_into(graph)


def _add_health(out: TermLines, endnote: URIRef, source: Source) -> None:
    out.set((endnote, CG.linkHealth, Literal(source.health)))
    if source.status:
        out.set((endnote, CG.httpStatus, Literal(source.status)))
    if source.final_url:
        out.set((endnote, CG.finalUrl, Literal(source.final_url, datatype=XSD.anyURI)))
    out.set((endnote, CG.redirectCount, Literal(len(source.redirects))))
    if source.archive_url:
        out.set((endnote, CG.archiveUrl, Literal(source.archive_url, datatype=XSD.anyURI)))
    if source.error:
        out.set((endnote, CG.fetchError, Literal(source.error)))


def _add_capture(out: TermLines, work: URIRef, source: Source) -> URIRef | None:
    capture = source.capture
    if capture is None:
        return None
    node = capture_iri(capture.url, capture.sha256)
    out.add((node, RDF.type, PROV.Entity))
    out.add((node, RDF.type, CG.Capture))
    out.add((node, SCHEMA.url, Literal(capture.final_url or capture.url, datatype=XSD.anyURI)))
    out.add((node, SCHEMA.sha256, Literal(capture.sha256)))
    out.add((node, CG.captureKind, Literal(capture.kind)))
    out.add((node, DCTERMS.source, work))
    if capture.status:
        out.add((node, CG.httpStatus, Literal(capture.status)))
    if capture.fetched_at:
        out.add((node, PROV.generatedAtTime, _date_literal(capture.fetched_at)))
    if capture.note:
        out.add((node, RDFS.comment, Literal(capture.note)))
    return node


def _add_facts(out: TermLines, work: URIRef, source: Source, capture: URIRef | None) -> None:
    meta = source.metadata
    when = source.capture.fetched_at if source.capture else ""
    activity = ID[f"extraction/{_digest(str(work), str(capture), when)}"]
    out.add((activity, RDF.type, PROV.Activity))
    if capture is not None:
        out.add((activity, PROV.used, capture))
    if when:
        out.add((activity, PROV.endedAtTime, _date_literal(when)))
    values: dict[str, list] = {}
    for field, predicate in _FIELD_PREDICATES.items():
        value = getattr(meta, field)
        if not value:
            continue
        literal = _date_literal(value) if field in ("published", "modified") else Literal(value)
        out.add((work, predicate, literal))
        values[field] = [literal]
    for name in meta.authors:
        person = person_iri(name)
        out.add((person, RDF.type, SCHEMA.Person))
        out.set((person, SCHEMA.name, Literal(name)))
        out.add((work, SCHEMA.author, person))
    if meta.authors:
        values["authors"] = [Literal(name) for name in meta.authors]
    for field, literals in values.items():
        extractor = extractor_iri(meta.provenance.get(field, ""))
        out.add((extractor, RDF.type, PROV.SoftwareAgent))
        out.add((activity, PROV.wasAssociatedWith, extractor))
        fact = ID[f"fact/{_digest(str(work), field, str(capture))}"]
        out.add((fact, RDF.type, PROV.Entity))
        out.add((fact, CG.field, Literal(field)))
        out.add((fact, DCTERMS.subject, work))
        out.add((fact, PROV.wasGeneratedBy, activity))
        out.add((fact, PROV.wasAttributedTo, extractor))
        if capture is not None:
            out.add((fact, PROV.wasDerivedFrom, capture))
        for literal in literals:
            out.add((fact, CG.value, literal))
