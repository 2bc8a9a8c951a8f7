"""Line numbers of offsets in a text, by binary search: counting newlines per marker is quadratic."""

from __future__ import annotations

from bisect import bisect_left

__all__ = ["newlines_before"]

_last: tuple[str, list[int]] | None = None  # the text asked about last and its newline offsets


def newlines_before(text: str, offset: int) -> int:
    """How many newlines ``text`` has before ``offset`` (``text.count("\\n", 0, offset)``)."""
    global _last
    if _last is None or _last[0] is not text:
        found, at = [], text.find("\n")
        while at != -1:
            found.append(at)
            at = text.find("\n", at + 1)
        _last = (text, found)
    return bisect_left(_last[1], max(offset, 0))
