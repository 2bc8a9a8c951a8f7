"""Endnote title quality: missing, slug-like, fragment, site-prefixed, truncated or off-topic titles.

A title that reads as a real title is left alone: a question, an abbreviation written with dots
("C.I.A."), a legal citation ("10 U.S.C. § 164"), a title in Title Case, or a site name set off by
a separator ("CIA – The World Factbook"). Notes written as prose (a footnote that mentions a term
in quotes) and Markdown link reference definitions state no title to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from claimgraph.article.resolve import normalise_text
from claimgraph.model import Endnote

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

_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*<?\S+>?(?:\s+[\"'(].*[\"')])?\s*$")
_PROSE_VERBS_TEXT = (
    "is are was were be been see called means refers has have had can could will would may migh"
    "t should does did do uses used"
)
_PROSE_VERBS = frozenset(_PROSE_VERBS_TEXT.split())
_SEPARATORS = frozenset("-–—:|·•»/")

__all__ = ["TitleProblem", "title_problem", "best_title", "titles_match", "states_no_title"]


@dataclass
class TitleProblem:
    """What is wrong with an endnote's stated title, and the better title when one is known."""

    code: str  # missing | slug_like | fragment | site_prefix | truncated | differs
    message: str
    suggestion: str | None
    severity: str


def _slug_sequences(url: str | None) -> list[list[str]]:
    """The words of each path segment in order, without numbers and file extensions."""
    if not url:
        return []
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    sequences = []
    for segment in path.split("/"):
        segment = re.sub(r"\.(?:html?|php|aspx?|pdf)$", "", segment.lower())
        words = [w for w in re.split(r"[-_.+]+", segment) if w and not w.isdigit()]
        if words:
            sequences.append(words)
    return sequences


def _looks_like_slug(title: str, url: str | None) -> bool:
    """All lower case, written with the slug's separators or its exact words in order."""
    if title != title.lower() or not re.search(r"[a-z]", title):
        return False
    if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", title.strip()):
        return True
    words = re.findall(r"[a-z0-9]+", title)
    words = [w for w in words if not w.isdigit()]
    # one lower-case word equal to a path segment is a name (a tool, a repository: "crater"),
    # the segment made from it; only several words in the slug's order show a slug-made title
    return len(words) > 1 and any(seq == words for seq in _slug_sequences(url))


_OPENING_QUOTES = "\"“‘'"
_CLOSING_QUOTES = "\"”’'"


def _quoted_in(title: str, text: str) -> bool:
    """``title`` appears in ``text`` between quote marks (a scan: no pattern compiled per title)."""
    start = text.find(title, 1)
    while start != -1:
        end = start + len(title)
        if text[start - 1] in _OPENING_QUOTES and end < len(text) and text[end] in _CLOSING_QUOTES:
            return True
        start = text.find(title, start + 1)
    return False


def states_no_title(endnote: Endnote) -> bool:
    """A link reference definition or a prose note: the entry has no title field to judge."""
    text = (endnote.text or "").strip()
    if _LINK_DEFINITION.match(text):
        return True
    if (
        endnote.source
        or not endnote.title
        or not _quoted_in(endnote.title, text)
    ):
        return False  # a titled entry (field-style or a reference list item), not a note in prose
    rest = text.replace(endnote.title, " ")
    for url in (endnote.raw_url, endnote.url):
        if url:
            rest = rest.replace(url, " ")
    words = re.findall(r"[A-Za-z’']+|[^\sA-Za-z’']+", rest)
    run = []
    for word in words:
        if word.isalpha() and word == word.lower():
            run.append(word)
            if len(run) >= 3 and _PROSE_VERBS & set(run):
                return True
        else:
            run = []
    return False


def _describes_itself(endnote: Endnote) -> bool:
    """The entry has words of its own besides links, numbers and labels ("Wikimedia Atlas of …")."""
    text = endnote.text or ""
    for url in (endnote.raw_url, endnote.url):
        if url:
            text = text.replace(url, " ")
    text = re.sub(r"https?://\S+|^\s*\[?\^?[\w-]+\]?[:.]?\s", " ", text)
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def _reads_as_title(title: str) -> bool:
    """Questions, dotted abbreviations, legal and section citations, and Title Case read as titles."""
    if title.rstrip().endswith(("?", "!")):
        return True
    if re.search(r"\b(?:[A-Z]\.){2,}|§|\b\d+\s+[A-Z][\w.]*\.\s*[A-Z]", title):
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w’']*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


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
            prefix = words[:count]
            if any(re.search(r"\w\.\w", w) for w in prefix):
                continue  # an abbreviation written with dots ("C.I.A.") is part of the title
            if re.sub(r"[^a-z0-9]", "", "".join(prefix).lower()) != squashed_name:
                continue
            rest = words[count:]
            if not rest or rest[0] in _SEPARATORS or prefix[-1][-1] in _SEPARATORS:
                return None  # "CIA – The World Factbook": a site name set off is the page's own title
            if len(rest) < 2 or not re.match(r"[A-Za-z]", rest[0]):
                return None  # "10 U.S.C. § 164" style: what follows is no title of its own
            return " ".join(rest)
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
        if not endnote.source and (states_no_title(endnote) or _describes_itself(endnote)):
            return None  # a note in prose, or an entry whose words name the work
        if headline:
            return TitleProblem("missing", "the endnote has no title", headline, "low")
        return TitleProblem("missing", "the endnote has no title and its snippet gives none", None, "low")
    if states_no_title(endnote):
        return None
    if _looks_like_slug(title, endnote.url or endnote.raw_url):
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
    if fragment_like and not _reads_as_title(title) and not (headline and titles_match(title, headline)):
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
