"""DOI links: content negotiation at the resolver for CSL-JSON."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls, titled_object
from claimgraph.extract.dates import to_iso
from claimgraph.model import Response, SourceMetadata

NAME = "doi"
CSL_JSON = "application/vnd.citationstyles.csl+json"
_CSL_TYPES = {"article-journal": "ScholarlyArticle", "paper-conference": "ScholarlyArticle",
              "book": "Book", "chapter": "Chapter", "report": "Report", "dataset": "Dataset",
              "thesis": "Thesis", "posted-content": "ScholarlyArticle"}


def doi_of(url: str) -> str | None:
    """The DOI in a doi.org link, or None."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in ("doi.org", "dx.doi.org", "www.doi.org"):
        return None
    doi = unquote(parts.path.lstrip("/"))
    return doi if re.match(r"^10\.\d{4,9}/\S+$", doi) else None


def matches(url: str) -> bool:
    """True for doi.org links."""
    return doi_of(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The resolver URL asked for CSL-JSON."""
    doi = doi_of(url)
    return ApiCall(f"{config.base_url('doi')}/{doi}", accept=CSL_JSON) if doi else None


def _person(entry: dict) -> str:
    if entry.get("literal"):
        return str(entry["literal"])
    return " ".join(p for p in (entry.get("given"), entry.get("family")) if p)


def parse(response: Response, url: str) -> Extracted | None:
    """Title, authors, issued date, container and type from CSL-JSON."""
    data = titled_object(response)
    if data is None:
        return None
    title = data["title"][0] if isinstance(data["title"], list) else data["title"]
    container = data.get("container-title")
    if isinstance(container, list):
        container = container[0] if container else None
    issued = (data.get("issued") or {}).get("date-parts")
    abstract = re.sub(r"<[^>]+>", " ", data.get("abstract") or "").strip()
    meta = SourceMetadata(
        title=title, authors=[n for n in (_person(a) for a in data.get("author", [])) if n],
        published=to_iso(issued), site=container or data.get("publisher"),
        type=_CSL_TYPES.get(data.get("type", ""), "CreativeWork"),
        language=data.get("language"), description=abstract or None,
    )
    return Extracted(meta, abstract)
