"""arXiv: abs, html and pdf links answered by the export API (all authors, first and last dates)."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls
from claimgraph.extract.dates import to_iso
from claimgraph.model import Response, SourceMetadata

NAME = "arxiv"
_ID = re.compile(r"^/(?:abs|pdf|html|format)/((?:\d{4}\.\d{4,5})|(?:[a-z\-]+(?:\.[A-Z]{2})?/\d{7}))"
                 r"(v\d+)?(?:\.pdf)?/?$")
_ATOM = {"a": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier (without version) of an arxiv.org URL, or None."""
    parts = urlsplit(url)
    if (parts.hostname or "").removeprefix("www.").removeprefix("export.") != "arxiv.org":
        return None
    match = _ID.match(parts.path)
    return match.group(1) if match else None


def matches(url: str) -> bool:
    """True for arxiv.org abs, html and pdf links."""
    return arxiv_id(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The export API query for the paper."""
    paper = arxiv_id(url)
    if not paper:
        return None
    query = urlencode({"id_list": paper})
    return ApiCall(f"{config.base_url('arxiv')}?{query}", accept="application/atom+xml")


def parse(response: Response, url: str) -> Extracted | None:
    """Title, all authors, first-version and latest-version dates, abstract."""
    try:
        root = ElementTree.fromstring(response.body)
    except ElementTree.ParseError:
        return None
    entry = root.find("a:entry", _ATOM)
    if entry is None or entry.find("a:title", _ATOM) is None:
        return None

    def text(tag: str) -> str:
        found = entry.find(tag, _ATOM)
        return re.sub(r"\s+", " ", found.text or "").strip() if found is not None else ""

    authors = [re.sub(r"\s+", " ", a.text or "").strip()
               for a in entry.findall("a:author/a:name", _ATOM)]
    summary = text("a:summary")
    meta = SourceMetadata(
        title=text("a:title") or None, authors=[a for a in authors if a],
        published=to_iso(text("a:published")), modified=to_iso(text("a:updated")),
        site="arXiv", type="ScholarlyArticle", language="en", description=summary or None,
    )
    return Extracted(meta, summary)
