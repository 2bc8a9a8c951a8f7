"""The explorer's words for the library's hints (``claimgraph.hints.Hint``): what to click or set."""

from __future__ import annotations

from typing import Any

from claimgraph.hints import Hint, hint_of, with_hint

EXPLORER_WORDS: dict[Hint, str] = {
    Hint.ALLOW_PRIVATE: "the explorer fetches public addresses only (CLAIMGRAPH_EXPLORER_ALLOW_PRIVATE=1 "
                        "lifts this for local testing)",
    Hint.ONLINE: "turn on “Fetch sources online”",
    Hint.STORE_URL: "or set CLAIMGRAPH_STORE to that server's URL",
    Hint.LEXICAL_JUDGE: "the lexical judge works without them",
    Hint.FULL_REPORT: "the Markdown report lists them all",
}


def explain(thing: Any, text: str | None = None) -> str:
    """``text`` (default: ``str(thing)``) with the hint ``thing`` carries, in the explorer's words."""
    return with_hint(str(thing) if text is None else text, hint_of(thing), EXPLORER_WORDS)


def fix_words(finding: Any) -> str:
    """A finding's fix followed by its hint in the explorer's words."""
    return explain(finding, finding.fix) if finding.fix else ""
