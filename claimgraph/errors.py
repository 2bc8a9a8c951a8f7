"""The one exception hierarchy. A bad source is a Finding, not an exception.

ClaimgraphError
├── InputError      an article or argument that cannot be read at all
├── FetchError      a network or capture problem that stops a fetch
├── StoreError      the triple store cannot be opened, read or written
└── QueryError      a named query is missing or its parameters are wrong
"""


from __future__ import annotations

from typing import Any


class ClaimgraphError(Exception):
    """Base class: the message says what happened; ``hint`` (a ``claimgraph.hints.Hint``) what to do.

    The message names no command-line flag: a face turns the hint into its own words.
    """

    def __init__(self, *args: Any, hint: Any = None) -> None:
        super().__init__(*args)
        self.hint = hint


class InputError(ClaimgraphError):
    """The input cannot be read as an article."""


class FetchError(ClaimgraphError):
    """Fetching failed in a way the caller must handle."""


class StoreError(ClaimgraphError):
    """The graph store failed."""


class QueryError(ClaimgraphError):
    """A query could not be found, bound or run."""
