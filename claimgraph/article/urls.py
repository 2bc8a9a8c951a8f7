"""URL cleaning, validation, canonical form and work identifiers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from claimgraph.article.suffixes import public_suffixes, split_host
from claimgraph.model import UrlProblem

# Words that text extraction glues onto the end of a link, in the order they are tried.
GLUED_SUFFIXES = ("Source snippet", "Sourcesnippet", "Snippet", "Read more", "Published", "Source")
_TYPOGRAPHIC = {
    "\u2014": "--",
    "\u2013": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": "",
    "\u201d": "",
    "\u00a0": "",
    "\u2026": "",
    "\u200b": "",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")

# What kind of work a host publishes, where the host alone tells: used to keep distinct works
# (two videos, a discussion thread about a paper) from merging on a shared title.
SITE_KINDS = {
    "video": ("youtube.com", "youtu.be", "vimeo.com", "tiktok.com", "dailymotion.com", "twitch.tv"),
    "discussion": (
        "news.ycombinator.com",
        "reddit.com",
        "facebook.com",
        "x.com",
        "twitter.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "linkedin.com",
        "quora.com",
        "stackexchange.com",
        "stackoverflow.com",
        "discord.com",
    ),
}

__all__ = [
    "CleanUrl",
    "SITE_KINDS",
    "work_kind",
    "clean_url",
    "canonical_url",
    "work_identifiers",
    "work_key",
    "registered_domain",
    "host_of",
    "find_urls",
    "tracking_parameter",
]


@dataclass
class CleanUrl:
    """A link as cleaned from article text, with what was wrong or odd about it."""

    raw: str
    url: str | None
    problems: list[UrlProblem] = field(default_factory=list)

    @property
    def malformed(self) -> bool:
        return any(p.level == "malformed" for p in self.problems)


@lru_cache(maxsize=1)
def _tracking_rules() -> tuple[frozenset[str], tuple[str, ...]]:
    text = (Path(__file__).resolve().parent.parent / "data" / "tracking_params.txt").read_text("utf-8")
    names = [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def tracking_parameter(name: str) -> bool:
    """True when a query parameter only tracks the reader (utm_*, fbclid, affiliate ids …)."""
    exact, prefixes = _tracking_rules()
    lowered = name.lower()
    return lowered in exact or lowered.startswith(prefixes)


def find_urls(text: str) -> list[str]:
    """Every http(s) or www. link in free text."""
    return [m.group(0) for m in _URL_IN_TEXT.finditer(text)]


def host_of(url: str | None) -> str:
    """The lower-case host of ``url`` without ``www.``, or '' when there is none."""
    if not url:
        return ""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=65536)
def registered_domain(url_or_host: str | None) -> str:
    """The site a host belongs to under the public suffix list (``a.example.com`` → ``example.com``)."""
    if not url_or_host:
        return ""
    host = host_of(url_or_host) if "/" in url_or_host else url_or_host.lower()
    domain, suffix = split_host(host)
    if suffix and domain:
        return f"{domain}.{suffix}"
    return host


@lru_cache(maxsize=1)
def _top_labels() -> frozenset[str]:
    return frozenset(rule.lstrip("!*.").split(".")[-1] for rule in public_suffixes())


def known_suffix(label: str) -> bool:
    """True when ``label`` (e.g. ``com``, ``co.uk``, ``ck``) is, or ends in, a public suffix."""
    label = label.lower()
    return split_host(f"example.{label}")[1] == label or label in _top_labels()


def clean_url(raw: str) -> CleanUrl:
    """Strip glued words and stray punctuation from a link as written; report what is wrong."""
    problems: list[UrlProblem] = []
    text = raw.strip()
    for suffix in GLUED_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    text = re.sub(r"\s+-$", "", text).strip()
    stripped = text.strip("[]()<>{}\"'“”‘’,;")
    if stripped != text:
        unbalanced = text.count("[") != text.count("]") or text.count("(") != text.count(")")
        if unbalanced or stripped.rstrip(".") != stripped or text[:1] in "[(<{":
            problems.append(
                UrlProblem(
                    "malformed",
                    "stray_bracket",
                    f"stray punctuation around the link: {raw.strip()!r}",
                    "remove the stray bracket and check that the link is complete",
                )
            )
        text = stripped
    if not text:
        return CleanUrl(
            raw,
            None,
            [UrlProblem("malformed", "empty", "the link is empty", "add the source's address")],
        )
    if " " in text:
        problems.append(
            UrlProblem(
                "malformed",
                "whitespace",
                "the link contains spaces",
                "remove the spaces or percent-encode them",
            )
        )
    typographic = sorted(
        {
            ch
            for ch in text
            if ch in _TYPOGRAPHIC or ord(ch) > 0x7F and unicodedata.category(ch).startswith(("P", "Z", "C"))
        }
    )
    if typographic:
        names = ", ".join(unicodedata.name(ch, repr(ch)).lower() for ch in typographic)
        fixed = "".join(_TYPOGRAPHIC.get(ch, ch) for ch in text)
        problems.append(
            UrlProblem(
                "malformed",
                "typographic_character",
                f"the link contains typographic characters ({names}) where ASCII was meant",
                f"use {fixed}",
            )
        )
    if text.lower().startswith("www."):
        text = "https://" + text
    problems.extend(_structure_problems(text))
    return CleanUrl(raw, text, problems)


def _structure_problems(url: str) -> list[UrlProblem]:
    problems: list[UrlProblem] = []
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError as error:
        return [
            UrlProblem(
                "malformed",
                "unparseable",
                f"the link cannot be parsed: {error}",
                "retype the link from the source",
            )
        ]
    del port
    if parts.scheme.lower() not in ("http", "https"):
        problems.append(
            UrlProblem(
                "malformed",
                "scheme",
                f"unsupported scheme {parts.scheme!r}",
                "use an http or https link",
            )
        )
    labels = host.split(".")
    if not host or len(labels) < 2 or not all(labels):
        problems.append(
            UrlProblem(
                "malformed",
                "truncated_host",
                f"the host {host!r} is incomplete",
                "complete the host name",
            )
        )
    elif not re.fullmatch(r"[a-z0-9.-]+", host.encode("idna").decode("ascii") if host.isascii() else host):
        problems.append(
            UrlProblem("malformed", "bad_host", f"the host {host!r} is not valid", "retype the host name")
        )
    elif not host.replace(".", "").isdigit() and not known_suffix(labels[-1]):
        problems.append(
            UrlProblem(
                "malformed",
                "unknown_suffix",
                f"{labels[-1]!r} is not a known top-level domain; the host may be cut off",
                "complete the host name",
            )
        )
    segments = [s for s in parts.path.split("/") if s]
    repeated = sorted({s for s in segments if len(s) >= 3 and segments.count(s) > 1})
    years = [s for s in segments if _YEAR.match(s)]
    if repeated or len(years) > 1:
        what = f"repeated path segments ({', '.join(repeated)})" if repeated else "several date folders"
        pieces = _split_joined_path(segments)
        suggestion = (
            (
                "it looks like several paths joined together: "
                + "; ".join("/" + "/".join(p) + "/" for p in pieces)
            )
            if len(pieces) > 1
            else None
        )
        problems.append(
            UrlProblem(
                "suspicious",
                "repeated_segments",
                f"the path has {what}",
                suggestion or "check the link against the source",
            )
        )
    if "%25" in url:
        problems.append(
            UrlProblem(
                "suspicious",
                "double_encoded",
                "the link looks percent-encoded twice",
                "decode it once",
            )
        )
    return problems


def _split_joined_path(segments: list[str]) -> list[list[str]]:
    pieces: list[list[str]] = []
    for segment in segments:
        if _YEAR.match(segment) or not pieces:
            pieces.append([segment])
        else:
            pieces[-1].append(segment)
    return [p for p in pieces if len(p) > 1]


def canonical_url(url: str | None) -> str | None:
    """The normalised form used to compare links: case, ports, www, fragments, slash, encoding, tracking."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = (parts.scheme or "https").lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS.get(parts.scheme.lower())) else f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not tracking_parameter(k)]
    query_text = urlencode(sorted(query), quote_via=quote, safe="-._~:@!$'()*,;/?")
    return urlunsplit((scheme, netloc, path, query_text, ""))


def _normalise_path(path: str) -> str:
    path = re.sub(r"/{2,}", "/", path or "/")
    segments = []
    for segment in path.split("/"):
        if segment == ".":
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(quote(unquote(segment), safe="-._~!$&'()*+,;=:@"))
    text = "/".join(segments) or "/"
    if not text.startswith("/"):
        text = "/" + text
    if len(text) > 1 and text.endswith("/"):
        text = text[:-1]
    return text


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>?#]+)", re.IGNORECASE)
_ARXIV_PATH = re.compile(
    r"^/(?:abs|pdf|html|format)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))"
    r"(v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_ISBN = re.compile(r"\b(?:97[89][- ]?)?\d{1,5}[- ]?\d{1,7}[- ]?\d{1,7}[- ]?[\dX]\b")


def work_identifiers(url: str | None, text: str = "") -> dict[str, str]:
    """Identifiers naming the work a link points to: doi, arxiv, youtube, pmid, isbn."""
    ids: dict[str, str] = {}
    if url:
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is not None:
            host = host_of(url)
            query = dict(parse_qsl(parts.query))
            path = unquote(parts.path)
            if host.endswith("arxiv.org"):
                match = _ARXIV_PATH.match(path)
                if match:
                    ids["arxiv"] = match.group(1)
            elif host in ("youtube.com", "m.youtube.com", "music.youtube.com"):
                video = query.get("v") or _path_after(path, ("embed", "shorts", "live", "v"))
                if video and _YOUTUBE_ID.match(video):
                    ids["youtube"] = video
            elif host == "youtu.be":
                video = path.strip("/").split("/")[0]
                if _YOUTUBE_ID.match(video):
                    ids["youtube"] = video
            elif host in ("pubmed.ncbi.nlm.nih.gov",):
                pmid = path.strip("/").split("/")[0]
                if pmid.isdigit():
                    ids["pmid"] = pmid
            elif host.endswith("ncbi.nlm.nih.gov") and "/pubmed/" in path:
                pmid = path.rstrip("/").rsplit("/", 1)[-1]
                if pmid.isdigit():
                    ids["pmid"] = pmid
            doi = _DOI.search(path if host in ("doi.org", "dx.doi.org") else url)
            if doi:
                ids["doi"] = doi.group(1).rstrip(".,;)").lower()
    isbn = _find_isbn(text)
    if isbn:
        ids["isbn"] = isbn
    return ids


def work_key(url: str | None) -> str | None:
    """One string naming the work a link points to: an identifier, else its canonical URL.

    ``arxiv:1406.2661`` for every arXiv form (abs, pdf, html, versions), ``doi:…``, ``youtube:…``,
    ``pmid:…``; otherwise ``url:`` and the canonical URL (scheme, ``www.``, trailing slash,
    fragment and tracking parameters dropped).
    """
    if not url or not re.match(r"^(?:https?:)?//|^www\.", url.strip(), re.I):
        return None
    ids = work_identifiers(url.strip())
    for name in ("arxiv", "doi", "pmid", "youtube"):
        if ids.get(name):
            return f"{name}:{ids[name].lower()}"
    canonical = canonical_url(url if "//" in url else "https://" + url.strip())
    if canonical is None:
        return None
    return "url:" + canonical.split("://", 1)[-1]


def _path_after(path: str, markers: tuple[str, ...]) -> str | None:
    segments = [s for s in path.split("/") if s]
    for index, segment in enumerate(segments[:-1]):
        if segment in markers:
            return segments[index + 1]
    return None


def _find_isbn(text: str) -> str | None:
    if "isbn" not in text.lower():
        return None
    for match in _ISBN.finditer(text):
        digits = re.sub(r"[- ]", "", match.group(0)).upper()
        if len(digits) == 13 and digits.isdigit() and _isbn13_ok(digits):
            return digits
        if len(digits) == 10 and _isbn10_ok(digits):
            return digits
    return None


def _isbn13_ok(digits: str) -> bool:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return total % 10 == 0


def _isbn10_ok(digits: str) -> bool:
    if not digits[:9].isdigit():
        return False
    total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
    return total % 11 == 0


def work_kind(url: str | None, identifiers: dict[str, str] | None = None) -> str:
    """``video``, ``discussion``, ``paper`` or ``page``: what the link most likely is."""
    identifiers = identifiers or {}
    if "youtube" in identifiers:
        return "video"
    if {"doi", "arxiv", "pmid", "isbn"} & set(identifiers):
        return "paper"
    host = host_of(url)
    for kind, hosts in SITE_KINDS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return kind
    if (url or "").lower().split("?")[0].endswith(".pdf"):
        return "paper"
    return "page"
