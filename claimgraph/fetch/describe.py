"""What a fetched source is and says: the CPU-bound half of collecting, safe to run in a worker process."""

from __future__ import annotations

import dataclasses

from claimgraph.fetch.captures import Response
from claimgraph.fetch.limits import parseable_body
from claimgraph.model import Passage, SourceMetadata

READABLE = ("ok", "redirected", "soft_404")

Described = tuple[SourceMetadata, str, list[Passage]]


def describe(
    response: Response | None, api_answer: Response | None, adapter_url: str, url: str,
) -> Described | None:
    """Metadata, text and passages from a page body and a site API's answer (either may be None)."""
    from claimgraph.extract import extract_response, merge_extracted, split_passages
    from claimgraph.extract.adapters import adapter_for
    from claimgraph.extract.adapters.base import Extracted

    adapter = adapter_for(adapter_url) or adapter_for(url)
    if response is not None:  # parsers see the body without control bytes, and bounded
        body = parseable_body(response.body, response.header("content-type"))
        response = dataclasses.replace(response, body=body)
    generic = extract_response(response) if response is not None else None
    primary = adapter.parse(api_answer, url) if adapter is not None and api_answer is not None else None
    if generic is None and primary is None:
        return None
    merged = merge_extracted(primary, generic or Extracted(), adapter.NAME if adapter else "")
    return merged.metadata, merged.text, split_passages(merged.text)
