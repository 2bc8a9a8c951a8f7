"""The CLI's words for the library's hints (``claimgraph.hints.Hint``): which option to use."""

from __future__ import annotations

from typing import Any

from claimgraph.hints import Hint, hint_of, with_hint

CLI_WORDS: dict[Hint, str] = {
    Hint.ALLOW_PRIVATE: "use --allow-private to fetch it",
    Hint.ONLINE: "run with --online",
    Hint.STORE_URL: "point --store at that server's URL",
    Hint.LEXICAL_JUDGE: "use --judge lexical",
    Hint.FULL_REPORT: "see --format markdown or json",
}


def explain(thing: Any, text: str | None = None) -> str:
    """``text`` (default: ``str(thing)``) with the hint ``thing`` carries, in the CLI's words."""
    return with_hint(str(thing) if text is None else text, hint_of(thing), CLI_WORDS)
