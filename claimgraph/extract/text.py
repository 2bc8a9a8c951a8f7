"""Main text: decoding bytes right, and splitting clean text into passages with offsets."""

from __future__ import annotations

import re

from claimgraph.model import Passage

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([A-Za-z0-9_\-:.]+)", content_type or "", re.IGNORECASE)
    return match.group(1).lower() if match else None


def decode_body(body: bytes, content_type: str = "") -> str:
    """Text from bytes: BOM, then clean UTF-8, then the declared charset, then cp1252.

    Servers often declare a wrong charset; a body that decodes cleanly as UTF-8 and has
    multi-byte sequences is UTF-8 whatever the header says, since that rarely happens by chance.
    """
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", "replace")
    try:
        text = body.decode("utf-8")
        return text
    except UnicodeDecodeError:
        pass
    declared = _charset(content_type)
    if not declared:
        found = _META_CHARSET.search(body[:4096])
        declared = found.group(1).decode("ascii", "ignore").lower() if found else None
    for candidate in (declared, "cp1252"):
        if candidate and candidate not in ("utf-8", "utf8"):
            try:
                return body.decode(candidate)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", "replace")


def split_passages(text: str, *, target: int = 600) -> list[Passage]:
    """Consecutive paragraphs grouped into passages of about ``target`` characters."""
    passages: list[Passage] = []
    start = end = None
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        if start is None:
            start = match.start()
        end = match.end()
        if end - start >= target:
            passages.append(Passage(text=text[start:end], start=start, end=end))
            start = None
    if start is not None and end is not None:
        passages.append(Passage(text=text[start:end], start=start, end=end))
    return passages
