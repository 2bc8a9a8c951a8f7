"""Claim segmentation: blocks → sentences with offsets and stable ids; citations attached."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter

from claimgraph.article.readers.base import Block
from claimgraph.model import Citation, Claim

_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "vs",
    "cf",
    "al",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "sr",
    "jr",
    "st",
    "no",
    "fig",
    "eq",
    "vol",
    "pp",
    "approx",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.k",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")

__all__ = ["split_sentences", "segment_claims", "claim_id", "normalise_claim_text"]


def normalise_claim_text(text: str) -> str:
    """Whitespace-folded, case-folded text: the basis of a claim's stable id."""
    return _SPACE.sub(" ", text).strip().casefold()


def claim_id(text: str, occurrence: int = 1) -> str:
    """A stable id from the claim's own text (and which repeat of that text it is)."""
    digest = hashlib.sha1(normalise_claim_text(text).encode("utf-8")).hexdigest()[:10]
    return f"c-{digest}" if occurrence == 1 else f"c-{digest}-{occurrence}"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; careful with abbreviations, initials, numbers."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        word = re.search(r"(\S+)$", text[start : match.start() + 1])
        token = word.group(1).rstrip(".").lower().lstrip("(\"'“") if word else ""
        if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue  # "e.g. Foo", "R. Greenblatt"
        spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


def segment_claims(text: str, blocks: list[Block], citations: list[Citation]) -> list[Claim]:
    """Split blocks into claims, attach each citation to the claim it follows, give stable ids.

    Citation ids become ``<claim id>.<n>``, so they are as stable as the claims.

    A bullet is one claim unless it holds several sentences. Citation markers are masked before
    splitting, so a marker never becomes (or breaks) a sentence; a marker belongs to the sentence
    it ends or sits in, and a marker at a block's start belongs to the first sentence.
    """
    ordered = sorted(citations, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    claims: list[Claim] = []
    seen: Counter[str] = Counter()
    for block_index, block in enumerate(blocks):
        # By bisection: scanning every citation for every block cost O(blocks × citations).
        inside = ordered[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
        local = [(c.start - block.start, c.end - block.start) for c in inside]
        segment = text[block.start : block.end]
        masked = _masked(segment, local)
        spans = split_sentences(masked)
        block_claims: list[Claim] = []
        for s, e in spans:
            sentence = _SPACE.sub(" ", masked[s:e]).strip()
            if not re.search(r"\w", sentence):
                continue
            key = normalise_claim_text(sentence)
            seen[key] += 1
            block_claims.append(
                Claim(
                    id=claim_id(sentence, seen[key]),
                    text=sentence,
                    section=block.section,
                    start=block.start + s,
                    end=block.start + e,
                    block=block_index,
                )
            )
        for citation in inside:
            owner = _owner(block_claims, citation.start)
            if owner is not None:
                citation.claim = owner.id
                citation.id = f"{owner.id}.{len(owner.citation_ids) + 1}"
                owner.citation_ids.append(citation.id)
        claims.extend(block_claims)
    return claims


def _owner(claims: list[Claim], position: int) -> Claim | None:
    """The claim a marker at ``position`` belongs to: the last claim starting before it."""
    owner = None
    for claim in claims:
        if claim.start <= position:
            owner = claim
        else:
            break
    return owner if owner is not None else (claims[0] if claims else None)
