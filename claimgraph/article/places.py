"""Where a citation sits when the file has no useful lines: its section heading and paragraph."""

from __future__ import annotations

from claimgraph.article.readers.base import Block
from claimgraph.model import Citation, Claim

__all__ = ["place_citations"]


def paragraph_numbers(blocks: list[Block]) -> list[int]:
    """The 1-based number of each block within its section (a new heading starts again at 1)."""
    numbers: list[int] = []
    previous, count = None, 0
    for block in blocks:
        count = count + 1 if block.section == previous else 1
        previous = block.section
        numbers.append(count)
    return numbers


def place_citations(blocks: list[Block], claims: list[Claim], citations: list[Citation]) -> None:
    """Give each citation without a line a place an editor can find: section “Results”, paragraph 3."""
    numbers = paragraph_numbers(blocks)
    by_id = {claim.id: claim for claim in claims}
    for citation in citations:
        claim = by_id.get(citation.claim)
        if citation.line or claim is None or not 0 <= claim.block < len(blocks):
            continue
        section = blocks[claim.block].section
        number = numbers[claim.block]
        citation.place = (
            f"section “{section}”, paragraph {number}"
            if section
            else f"paragraph {number} before the first heading"
        )
