"""Clues in a reference entry as written: dates, identifiers, authors, titles, archive links."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:1[5-9]|20)\d\d)-(?P<mnum>[01]\d)(?:-(?P<day>[0-3]\d))?\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\s+" + _MONTH + r",?\s+(?P<year>(?:1[5-9]|20)\d\d)\b", re.I),
    re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:1[5-9]|20)\d\d)\b", re.I),
    re.compile(r"\((?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)"),
]
URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]\[)]+(?:\([^\s()<>]*\)[^\s<>\"'\]\[)]*)*", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx])")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b")
_PMC = re.compile(r"\bPMC\s*(\d{3,9})\b")
_ARXIV = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)
_ARCHIVE_HOSTS = (
    "web.archive.org",
    "archive.org",
    "archive.today",
    "archive.is",
    "archive.ph",
    "archive.li",
    "archive.md",
    "webcitation.org",
    "wayback.archive-it.org",
)
_CITED_QUOTE = re.compile(r"\"(.{3,}?)\"(?=[.,;:)]|\s*\(|$)|“(.{3,}?)”(?=[.,;:)]|\s*\(|$)")
_ANY_QUOTE = re.compile(r"\"([^\"]{3,})\"|“([^”]{3,})”")
_WAYBACK = re.compile(r"^https?://[^/]*archive[^/]*/(?:web/)?\d{4,14}[a-z_]*/(.+)$", re.I)

__all__ = [
    "URL_PATTERN",
    "parse_date",
    "find_date",
    "identifiers_from_url",
    "identifiers_from_text",
    "split_authors",
    "leading_authors",
    "quoted_title",
    "is_archive_url",
    "original_from_archive",
    "absolute_url",
    "trim_url",
]


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    year = parts["year"]
    month = _MONTHS.get((parts.get("month") or "").lower().rstrip(".")) or (
        int(parts["mnum"]) if parts.get("mnum") else None
    )
    if month is None:
        return year
    if not 1 <= month <= 12:
        return None
    day = int(parts["day"]) if parts.get("day") else None
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def find_date(text: str) -> str | None:
    """The first full-ish date stated in ``text`` as ISO 8601 (day, month or year precision)."""
    best: tuple[int, int, str] | None = None
    for rank, pattern in enumerate(_DATE_PATTERNS):
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso and (best is None or (match.start(), rank) < best[:2]):
                best = (match.start(), rank, iso)
            break
    return best[2] if best else None


def parse_date(text: str | None) -> str | None:
    """A date string (ISO, "21 December 2007", "Dec 21, 2007", "2007") as ISO 8601."""
    if not text:
        return None
    text = text.strip()
    iso = re.match(r"^((?:1[5-9]|20)\d\d)(?:-([01]\d)(?:-([0-3]\d))?)?", text)
    if iso:
        return "-".join(part for part in iso.groups() if part)
    return find_date(text)


def trim_url(url: str) -> str:
    """A URL found in running text without trailing punctuation."""
    url = url.rstrip(".,;:!?'\"”’")
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def absolute_url(href: str | None, base: str = "") -> str | None:
    """An http(s) URL for ``href`` (protocol-relative links get https); None for other links."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("//"):
        return "https:" + href
    if re.match(r"^https?://", href, re.I):
        return href
    if base and href.startswith("/") and re.match(r"^https?://", base, re.I):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{href}"
    return None


def identifiers_from_url(url: str | None) -> dict[str, str]:
    """Work identifiers a link states (DOI, ISBN, PubMed, PMC, arXiv)."""
    if not url:
        return {}
    found: dict[str, str] = {}
    decoded = unquote(url)
    lower = decoded.lower()
    doi = re.search(r"(?:dx\.)?doi\.org/(10\.\d{4,9}/.+)$", decoded, re.I)
    if doi:
        found["doi"] = trim_url(doi.group(1).split("#")[0])
    isbn = re.search(r"BookSources/([\dXx\-]{10,17})", decoded)
    if isbn:
        found["isbn"] = isbn.group(1).replace("-", "").upper()
    pmid = re.search(r"(?:pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)(\d+)", lower)
    if pmid:
        found["pmid"] = pmid.group(1)
    pmc = re.search(r"/pmc/articles/pmc(\d+)", lower)
    if pmc:
        found["pmc"] = pmc.group(1)
    arxiv = re.search(r"arxiv\.org/(?:abs|pdf|html)/([^?#]+?)(?:v\d+)?(?:\.pdf)?/?(?:[?#]|$)", decoded, re.I)
    if arxiv:
        found["arxiv"] = arxiv.group(1)
    return found


def identifiers_from_text(text: str) -> dict[str, str]:
    """Work identifiers stated in running text ("doi:10.…", "ISBN …", "PMID …", "arXiv:…")."""
    found: dict[str, str] = {}
    doi = _DOI.search(unquote(text))
    if doi:
        found["doi"] = trim_url(doi.group(1))
    isbn = _ISBN.search(text)
    if isbn:
        digits = re.sub(r"[\s-]", "", isbn.group(1)).upper()
        if len(digits) in (10, 13):
            found["isbn"] = digits
    for name, pattern in (("pmid", _PMID), ("pmc", _PMC), ("arxiv", _ARXIV)):
        match = pattern.search(text)
        if match:
            found[name] = match.group(1)
    return found


def _person(name: str) -> str:
    name = name.strip(" ,;:")
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    return name


def split_authors(segment: str) -> list[str]:
    """Names in an author list ("Smith, J.; Doe, A." or "J. Smith and A. Doe")."""
    segment = re.sub(r"\bet al\.?", "", segment).strip(" ,;:")
    if segment.endswith(".") and not re.search(r"\b[A-Z]\.$", segment):
        segment = segment[:-1]
    if not segment or len(segment) > 300:
        return []
    if ";" in segment:
        pieces = segment.split(";")
    else:
        pieces = re.split(r",?\s+(?:and|&)\s+", segment)
        if len(pieces) == 1 and segment.count(",") >= 3:
            items = [p.strip() for p in segment.split(",")]
            pieces = [", ".join(items[i : i + 2]) for i in range(0, len(items), 2)]
    names = [_person(piece) for piece in pieces]
    return [name for name in names if name and not re.search(r"\d|https?:", name)]


def leading_authors(text: str) -> list[str]:
    """Authors at the start of an entry, before its "(date)" or quoted title."""
    text = text.strip()
    match = re.match(r"^([^()\"“]{2,300}?)\s*\([^()]*\d{4}[^()]*\)", text)
    if not match:
        match = re.match(r"^([^()\"“]{2,200}?)[.,]\s+[\"“]", text)
    return split_authors(match.group(1)) if match else []


def quoted_title(text: str) -> str | None:
    """The first title in straight or curly double quotes, without the closing punctuation.

    A quotation closed by punctuation ("Title". / "Title", / "Title" (…)) is preferred, so
    a title that itself quotes something ("Is "X" valid?") is kept whole.
    """
    match = _CITED_QUOTE.search(text) or _ANY_QUOTE.search(text)
    if not match:
        return None
    return (match.group(1) or match.group(2)).strip().rstrip(".,")


def is_archive_url(url: str | None) -> bool:
    """Whether ``url`` points at a web archive's copy."""
    host = (urlsplit(url).hostname or "") if url else ""
    return any(host == h or host.endswith("." + h) for h in _ARCHIVE_HOSTS)


def original_from_archive(url: str) -> str | None:
    """The original URL embedded in a Wayback-style archive URL."""
    match = _WAYBACK.match(url)
    if not match:
        return None
    original = match.group(1)
    if not re.match(r"^https?:/", original, re.I):
        original = "http://" + original
    return re.sub(r"^(https?):/+", r"\1://", original, flags=re.I)
