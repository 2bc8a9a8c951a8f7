"""What to do next, as codes: the library names a remedy, each face turns it into its own words.

Library messages never name a command-line flag. An error carries ``hint``, a finding carries
``details["hint"]`` and a source ``hint``; the CLI says "use --allow-private", the explorer
"tick 'Allow private addresses'", the JSON report gives the code itself. This is the one
registry of hints: a face's table must cover every member (a test checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

__all__ = ["Hint", "LIBRARY_WORDS", "hint_for_error_kind", "hint_of", "with_hint"]


class Hint(StrEnum):
    """A remedy the caller can choose; the value is the stable code written in JSON reports."""

    ALLOW_PRIVATE = "allow_private"  # the address guard refused a private, loopback or metadata host
    ONLINE = "online"  # sources were not fetched from the network; fetching them would settle it
    STORE_URL = "store_url"  # a store directory is held by a running server; talk to that server
    LEXICAL_JUDGE = "lexical_judge"  # the trained judge cannot run; the lexical judge can
    FULL_REPORT = "full_report"  # a short report left items out; a full report lists them all


# Words for callers that are no face (scripts, notebooks): plain remedies naming no option.
LIBRARY_WORDS: dict[Hint, str] = {
    Hint.ALLOW_PRIVATE: "allow private addresses to fetch it",
    Hint.ONLINE: "fetch the sources online",
    Hint.STORE_URL: "open that server's URL as the store instead",
    Hint.LEXICAL_JUDGE: "choose the lexical judge",
    Hint.FULL_REPORT: "a Markdown or JSON report lists them all",
}

_BY_ERROR_KIND = {"ssrf": Hint.ALLOW_PRIVATE}  # fetch error kinds a caller can lift


def hint_for_error_kind(kind: str | None) -> Hint | None:
    """The hint for a fetch error kind (``ssrf`` → ALLOW_PRIVATE), or None."""
    return _BY_ERROR_KIND.get(kind or "")


def hint_of(thing: Any) -> Hint | None:
    """The hint an error, a finding (``details["hint"]``) or a source carries, or None."""
    code = getattr(thing, "hint", None)
    if code is None:
        details = getattr(thing, "details", None)
        code = details.get("hint") if isinstance(details, Mapping) else None
    try:
        return Hint(code) if code else None
    except ValueError:
        return None


def with_hint(text: str, hint: Hint | str | None, words: Mapping[Hint, str] | None = None) -> str:
    """``text`` followed by the hint in a face's words (the library's when none are given)."""
    if not hint:
        return text
    phrase = (words or LIBRARY_WORDS).get(Hint(hint)) or LIBRARY_WORDS[Hint(hint)]
    return f"{text.rstrip().rstrip('.;')}; {phrase}" if text else phrase
