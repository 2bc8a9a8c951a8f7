"""Links an article keeps out of sight: inside HTML comments (``<!-- -->``), which readers never see."""

from __future__ import annotations

import re

from claimgraph.article.urls import canonical_url, clean_url, find_urls

__all__ = ["commented_links"]

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def commented_links(text: str) -> dict[str, int]:
    """The canonical form of each link written inside an HTML comment, with its first line."""
    found: dict[str, int] = {}
    for comment in _COMMENT.finditer(text):
        body, at = comment.group(1), 0
        for raw in find_urls(body):
            at = max(at, body.find(raw, at))
            url = canonical_url(clean_url(_trimmed(raw)).url)
            if url and url not in found:
                found[url] = text.count("\n", 0, comment.start(1) + at) + 1
    return found


def _trimmed(raw: str) -> str:
    """A link without the Markdown or prose punctuation glued after it (``…pdf)).``, ``…pdf))*``)."""
    while raw and raw[-1] in ".,;:!?*_'\"]}>)":
        if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
            break  # a balanced bracket belongs to the link: /wiki/Tide_(disambiguation)
        raw = raw[:-1]
    return raw
