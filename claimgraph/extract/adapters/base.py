"""The small interface every site adapter implements, and what an extraction returns."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol

from claimgraph.model import Response, SourceMetadata


class ServiceUrls(Protocol):
    """Where outside services live (``FetchConfig`` is one); adapters need nothing more from fetch."""

    def base_url(self, service: str) -> str:
        """The base URL of an outside service, without a trailing slash."""
        ...


@dataclass
class ApiCall:
    """The request an adapter wants made (through the same polite fetcher as any page)."""

    url: str
    accept: str = ""


@dataclass
class Extracted:
    """What an extractor learned: metadata and the main text."""

    metadata: SourceMetadata = field(default_factory=SourceMetadata)
    text: str = ""


class Adapter(Protocol):
    """A site adapter: which URLs it knows, which API call to make, how to read the answer."""

    NAME: str

    def matches(self, url: str) -> bool:
        """True when this adapter knows the URL's site."""

    def api_call(self, url: str, config: ServiceUrls) -> ApiCall | None:
        """The API request that describes the URL, or None."""

    def parse(self, response: Response, url: str) -> Extracted | None:
        """Metadata and text from the API's answer, or None when it says nothing useful."""


def json_body(response: Response) -> object | None:
    """The response body parsed as JSON, or None when it is not JSON."""
    try:
        return json.loads(response.body.decode("utf-8", "replace"))
    except ValueError:
        return None


def titled_object(response: Response) -> dict | None:
    """A JSON object with a non-empty ``title``, or None: what most metadata APIs answer."""
    data = json_body(response)
    return data if isinstance(data, dict) and data.get("title") else None
