"""Endnote title quality: missing, slug-like, fragment, site-prefixed, truncated or off-topic titles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from claimgraph.model import Endnote
from claimgraph.resolve import normalise_text

_OPENERS = re.compile(
    r"^(?:for example|for instance|in the study|in this|in that|in short|however|but|and|so|"
    r"this is|that is|according to|as a result|meanwhile|moreover|furthermore|in addition|"
    r"in contrast|on the other hand|instead|then|also|because|while|although|when|if)\b[ ,]",
    re.IGNORECASE,
)
_TRAILING_FUNCTION_WORD = re.compile(
    r"\b(?:it[’']s|that[’']s|the|a|an|of|and|or|to|that|is|are|was|were|with|for|in|on|by|as|but)$",
    re.IGNORECASE,
)

__all__ = ["TitleProblem", "title_problem", "best_title", "titles_match"]


@dataclass
class TitleProblem:
    """What is wrong with an endnote's stated title, and the better title when one is known."""

    code: str  # missing | slug_like | fragment | site_prefix | truncated | differs
    message: str
    suggestion: str | None
    severity: str


def _slug_tokens(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    return set(re.findall(r"[a-z0-9]+", path.lower()))


def _site_names(endnote: Endnote) -> list[str]:
    names = []
    if endnote.source:
        host = endnote.source.lower().removeprefix("www.")
        names += [host, host.split(".")[-2] if "." in host else host]
    return [n for n in names if n]


def _without_site_prefix(title: str, endnote: Endnote) -> str | None:
    """The title without a leading site name ("arXiv Foo" → "Foo"), or None if it has none."""
    words = title.split()
    for name in _site_names(endnote):
        squashed_name = re.sub(r"[^a-z0-9]", "", name)
        for count in range(1, min(4, len(words))):
            if re.sub(r"[^a-z0-9]", "", "".join(words[:count]).lower()) == squashed_name:
                return " ".join(words[count:])
    return None


def titles_match(a: str | None, b: str | None, threshold: float = 90) -> bool:
    """Two titles name the same work (case, punctuation and word order aside)."""
    na, nb = normalise_text(a), normalise_text(b)
    if not na or not nb:
        return False
    return fuzz.token_sort_ratio(na, nb) >= threshold


def title_problem(endnote: Endnote) -> TitleProblem | None:
    """The first problem found with ``endnote.title``, checked in a fixed order."""
    title, headline = (endnote.title or "").strip(), endnote.snippet_title
    if not title:
        if not (endnote.url or endnote.raw_url) and not headline:
            return None  # a note or an offline citation: nothing to check a title against
        if not endnote.source and (endnote.text or "").strip() in ("", endnote.raw_url, endnote.url):
            return None  # a bare inline link: the sentence around it names it
        if headline:
            return TitleProblem("missing", "the endnote has no title", headline, "low")
        return TitleProblem("missing", "the endnote has no title and its snippet gives none", None, "low")
    words = re.findall(r"[\w’']+", title)
    lowered = {w.lower() for w in words}
    if title == title.lower() and words:
        slug = _slug_tokens(endnote.url or endnote.raw_url)
        if sum(w in slug for w in lowered) >= 0.6 * len(lowered):
            return TitleProblem(
                "slug_like", f"the title {title!r} looks made from the link's slug", headline, "low"
            )
    rest = _without_site_prefix(title, endnote)
    if rest is not None:
        if (
            headline
            and len(normalise_text(headline)) > len(normalise_text(rest)) + 10
            and normalise_text(headline).startswith(normalise_text(rest))
        ):
            return TitleProblem(
                "truncated",
                f"the title {title!r} is cut short and prefixed with the site's name",
                headline,
                "medium",
            )
        return TitleProblem(
            "site_prefix",
            f"the title {title!r} starts with the site's name",
            headline if titles_match(rest, headline) else rest,
            "low",
        )
    fragment_like = _OPENERS.match(title) or _TRAILING_FUNCTION_WORD.search(title)
    if fragment_like and not (headline and titles_match(title, headline)):
        return TitleProblem(
            "fragment",
            f"the title {title!r} reads like a fragment of body text",
            headline,
            "medium",
        )
    if headline:
        nt, nh = normalise_text(title), normalise_text(headline)
        if len(nh) > len(nt) + 10 and nh.startswith(nt):
            return TitleProblem("truncated", f"the title {title!r} is cut short", headline, "medium")
        if fuzz.token_set_ratio(nt, nh) < 60:
            return TitleProblem(
                "differs",
                f"the title {title!r} does not match the snippet's headline {headline!r}",
                headline,
                "medium",
            )
    return None


def best_title(endnote: Endnote) -> str | None:
    """The title to believe: the stated one unless it has a problem and a better one is known."""
    problem = title_problem(endnote)
    if problem and problem.suggestion:
        return problem.suggestion
    return endnote.title or endnote.snippet_title
