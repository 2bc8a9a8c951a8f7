"""Extraction: what a fetched source is (metadata) and says (text in passages).

Precedence: a site adapter's API answer first, then the generic extractor's layers
(see extract/metadata.py for their written-down order). The extractors (trafilatura, pypdf)
load on the first body extracted, so importing a submodule such as ``source_type`` stays cheap.
"""

from __future__ import annotations

from dataclasses import fields

from claimgraph.extract.adapters.base import Extracted
from claimgraph.extract.text import decode_body, split_passages
from claimgraph.model import Response, SourceMetadata

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def extract_response(response: Response) -> Extracted:
    """Metadata and main text of a fetched body (HTML, plain text or PDF)."""
    from claimgraph.extract.adapters.pdf import is_pdf, parse_pdf
    from claimgraph.extract.html import extract_html

    body, content_type = response.body, response.content_type
    if not body:
        return Extracted()
    if is_pdf(content_type, body):
        extracted = parse_pdf(body) or Extracted()
        for key in ("title", "authors", "published", "modified", "type"):
            if getattr(extracted.metadata, key):
                extracted.metadata.provenance[key] = "pypdf"
        return extracted
    if content_type not in TEXT_TYPES and not content_type.endswith(("+xml", "/xml")):
        return Extracted()
    text = decode_body(body, response.header("content-type"))
    if content_type == "text/plain":
        return Extracted(SourceMetadata(type="TextDigitalDocument"), text)
    metadata, main_text = extract_html(text, response.final_url)
    return Extracted(metadata, main_text)


def merge_extracted(primary: Extracted | None, fallback: Extracted, name: str) -> Extracted:
    """Field by field, the adapter's answer (``primary``) over the page's own metadata."""
    if primary is None:
        return fallback
    merged = SourceMetadata(provenance=dict(fallback.metadata.provenance))
    for spec in fields(SourceMetadata):
        if spec.name == "provenance":
            continue
        value = getattr(primary.metadata, spec.name)
        if value:
            setattr(merged, spec.name, value)
            merged.provenance[spec.name] = name
        else:
            setattr(merged, spec.name, getattr(fallback.metadata, spec.name))
    text = primary.text if len(primary.text) > 200 else fallback.text or primary.text
    return Extracted(merged, text)


__all__ = ["Extracted", "extract_response", "merge_extracted", "split_passages"]
