"""The one registry of finding kinds: what each means, its report title and how its severity is chosen.

Every kind a check emits is listed here and in the README's Findings table (a test checks both).
A SPARQL check in ``queries/checks/`` names its kind in its header; list that kind here too.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Kind", "KINDS", "kind_title", "known_kind"]


@dataclass(frozen=True)
class Kind:
    """A finding kind: its name, report title, severity rule and one-line doc."""

    name: str
    title: str
    severity: str
    doc: str


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("input_problem", "Problems reading the article", "medium",
         "part of the article could not be read as written: markers with no reference list to place, "
         "a reference section with no readable entries, nesting too deep, a bad encoding"),
    Kind("malformed_url", "Malformed links", "high",
         "a link with stray brackets, typographic characters, a cut-off host, or none at all"),
    Kind("suspicious_url", "Suspicious links", "medium",
         "a link whose path repeats itself or joins several paths"),
    Kind("duplicate", "Duplicate endnotes", "certain: medium; likely: medium; possible: low",
         "entries citing one work, one finding per group with its strongest evidence: `certain` (same "
         "canonical URL or identifier), `likely` (same title and date on one site), `possible` (a "
         "crosspost); the fix names the entry to keep"),
    Kind("orphan_endnote", "Endnotes no sentence cites", "medium; in a further-reading section: low",
         "no sentence cites it (further reading, external links and bibliographies are counted in the "
         "summary instead)"),
    Kind("unresolved_citation", "Unresolved citations", "high",
         "an inline citation that matches no endnote clearly; its candidates are listed"),
    Kind("title_mismatch", "Title problems", "set by the title problem found; differs from the page: medium",
         "missing, slug-like, fragment, truncated or site-prefixed titles; title differs from the page"),
    Kind("date_inconsistency", "Date problems", "medium",
         "an arXiv id, URL path, snippet or citation card that contradicts the stated date, at the "
         "precision both state"),
    Kind("date_mismatch", "Dates that differ from the source", "medium",
         "the endnote's date differs from the date the scraped source states"),
    Kind("no_author", "Sources without an author", "low",
         "neither the endnote nor the scraped source names an author"),
    Kind("uncited_claim", "Sentences without a citation", "low",
         "a checkable fact (number, date, named result) with no citation in its paragraph, in an "
         "article that cites (low, capped)"),
    Kind("dead_link", "Dead links", "high when two failures a day apart confirm it; checked once: medium",
         "the page is gone (404, 410, unknown host)"),
    Kind("network_unavailable", "The network looked unavailable", "high",
         "most hosts of an online run failed as they do when our own network is down; nothing was "
         "recorded as dead"),
    Kind("soft_404", "Pages that say they are gone", "high",
         "the server answers 200 but the page says it does not exist"),
    Kind("blocked_link", "Links that could not be checked", "low",
         "the site refused the checker (403, 429, robots.txt, a challenge page)"),
    Kind("transient_link", "Links that failed for now", "low",
         "a timeout or 5xx that may pass; retry later"),
    Kind("redirected_link", "Redirected links", "permanent to another site: medium; otherwise low",
         "the link redirects; the endnote should cite where it lands"),
    Kind("unsupported_citation", "Citations that do not support their sentence",
         "the source disputes it: high; is unrelated: medium; only mentions it: low",
         "the cited source does not support the sentence"),
    Kind("better_citation", "Better citations available", "low",
         "another endnote supports the sentence better than the cited one, or is the primary source "
         "behind a blog/news/forum citation"),
    Kind("citation_date_order", "Sources dated after the claim they support", "medium",
         "a cited source is dated after the article that cites it"),
    Kind("weak_source_support", "Claims resting on forum, social or video sources",
         "medium; low when another source supports it",
         "a claim whose cited sources are all forum/social or video pages"),
    Kind("judge_fallback", "Judge problems", "low",
         "the trained judge could not load (says why); stances come from the lexical judge"),
)}


def known_kind(name: str) -> bool:
    """Whether ``name`` is a registered finding kind."""
    return name in KINDS


def kind_title(name: str) -> str:
    """The report heading of a kind (a readable fallback for an unregistered one)."""
    kind = KINDS.get(name)
    return kind.title if kind else name.replace("_", " ").capitalize()
