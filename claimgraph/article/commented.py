"""Links an article keeps out of sight: inside HTML comments (``<!-- -->``), which readers never see."""

from __future__ import annotations

from collections.abc import Iterator

from claimgraph.article.readers._lines import newlines_before
from claimgraph.article.urls import canonical_url, clean_url, find_urls

__all__ = ["commented_links"]


def _comments(text: str) -> Iterator[tuple[int, str]]:
    """Each closed comment's body and where it starts, in one pass (a regex with a lazy body
    rescans the rest of the text for every unclosed ``<!--``: quadratic on hostile input)."""
    at = text.find("<!--")
    while at != -1:
        end = text.find("-->", at + 4)
        if end == -1:
            return  # nothing after this is closed
        yield at + 4, text[at + 4:end]
        at = text.find("<!--", end + 3)


def commented_links(text: str) -> dict[str, int]:
    """The canonical form of each link written inside an HTML comment, with its first line."""
    found: dict[str, int] = {}
    for start, body in _comments(text):
        at = 0
        for raw in find_urls(body):
            at = max(at, body.find(raw, at))
            url = canonical_url(clean_url(_trimmed(raw)).url)
            if url and url not in found:
                found[url] = newlines_before(text, start + at) + 1
    return found


def _trimmed(raw: str) -> str:
    """A link without the Markdown or prose punctuation glued after it (``…pdf)).``, ``…pdf))*``)."""
    while raw and raw[-1] in ".,;:!?*_'\"]}>)":
        if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
            break  # a balanced bracket belongs to the link: /wiki/Tide_(disambiguation)
        raw = raw[:-1]
    return raw
