"""A corrected endnote list from the scraped metadata: Markdown, CSL-JSON or BibTeX.

Duplicates (``certain`` and ``likely`` groups) are merged into their first endnote; URLs are kept
exactly as cited (``www.`` and all) minus tracking parameters, or where a redirect lands; titles,
authors and dates come from the source when it was scraped, falling back to what the endnote
states. Organisations stay whole names (CSL ``literal``, a braced BibTeX name), never split into a
given and a family name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from claimgraph.article.titles import best_title
from claimgraph.article.urls import tracking_parameter
from claimgraph.model import AuditResult, Endnote, Source

FORMATS = ("markdown", "csl-json", "bibtex")
MERGED_STRENGTHS = ("certain", "likely")
_CSL_TYPES = {"ScholarlyArticle": "article-journal", "VideoObject": "motion_picture",
              "DiscussionForumPosting": "post", "SocialMediaPosting": "post",
              "NewsArticle": "article-newspaper", "Report": "report", "Book": "book",
              "DigitalDocument": "document", "Dataset": "dataset"}


@dataclass
class Entry:
    """One corrected reference."""

    number: int
    title: str | None
    authors: list[str]
    date: str | None
    site: str | None
    url: str | None
    type: str | None = None
    archive_url: str | None = None
    merged: list[int] = field(default_factory=list)


def corrected_entries(result: AuditResult) -> list[Entry]:
    """The deduplicated, corrected references in endnote order."""
    absorbed: dict[int, int] = {}
    for group in result.duplicate_groups:
        if group.strength in MERGED_STRENGTHS and len(group.endnotes) > 1:
            keep = min(group.endnotes)
            for number in group.endnotes:
                if number != keep:
                    absorbed.setdefault(number, keep)
    entries: dict[int, Entry] = {}
    for endnote in result.article.endnotes:
        if endnote.number in absorbed:
            continue
        entries[endnote.number] = _entry(endnote, result.sources.get(endnote.number))
    for number, keep in sorted(absorbed.items()):
        while keep in absorbed:
            keep = absorbed[keep]
        if keep in entries:
            entries[keep].merged.append(number)
            _fill_from(entries[keep], result.article.endnote(number),
                       result.sources.get(number))
    return list(entries.values())


def _usable(source: Source | None) -> bool:
    return source is not None and source.health in ("ok", "redirected", "unchecked", "blocked")


def without_tracking(url: str | None) -> str | None:
    """The URL exactly as given, minus tracking query parameters (utm_*, fbclid …)."""
    if not url:
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.query:
        return url.strip()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not tracking_parameter(k)]
    if len(kept) == len(pairs):
        return url.strip()
    return urlunsplit(parts._replace(query=urlencode(kept, doseq=True)))


def _entry(endnote: Endnote, source: Source | None) -> Entry:
    meta = source.metadata if _usable(source) and source else None
    url = without_tracking(endnote.url or endnote.canonical_url)
    if source is not None and source.health == "redirected" and source.final_url:
        url = without_tracking(source.final_url)
    return Entry(
        number=endnote.number,
        title=(meta.title if meta else None) or best_title(endnote),
        authors=list((meta.authors if meta else None) or endnote.authors),
        date=_iso_date((meta.published if meta else None) or endnote.published),
        site=(meta.site if meta else None) or endnote.source,
        url=url, type=meta.type if meta else None,
        archive_url=(source.archive_url if source else None) or endnote.archive_url,
    )


def _fill_from(entry: Entry, endnote: Endnote, source: Source | None) -> None:
    other = _entry(endnote, source)
    for name in ("title", "date", "site", "type", "archive_url"):
        if not getattr(entry, name):
            setattr(entry, name, getattr(other, name))
    if not entry.authors:
        entry.authors = other.authors


def corrected_endnotes(result: AuditResult, fmt: str) -> str:
    """The corrected endnote list in ``markdown``, ``csl-json`` or ``bibtex``."""
    entries = corrected_entries(result)
    if fmt == "markdown":
        return _markdown(entries)
    if fmt == "csl-json":
        return json.dumps([_csl(e) for e in entries], indent=2, ensure_ascii=False) + "\n"
    if fmt == "bibtex":
        return "\n".join(_bibtex(e) for e in entries)
    raise ValueError(f"unknown endnote format {fmt!r}; use one of {', '.join(FORMATS)}")


def _markdown(entries: list[Entry]) -> str:
    lines = ["# Endnotes (corrected)", ""]
    for index, e in enumerate(entries, start=1):
        text = f"{', '.join(e.authors)}. " if e.authors else ""
        text += f"*{e.title or 'Untitled'}*."
        where = ", ".join(part for part in (e.site, e.date) if part)
        if where:
            text += f" {where}."
        if e.url:
            text += f" <{e.url}>"
        if e.archive_url:
            text += f" Archived: <{e.archive_url}>"
        if e.merged:
            text += f" (was endnotes {', '.join(str(n) for n in [e.number, *e.merged])})"
        lines.append(f"{index}. {text}")
    return "\n".join(lines) + "\n"


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Words that make a name an organisation's, not a person's (generic: kinds of bodies and media).
_ORGANISATION_WORDS = frozenset((
    "academy", "agency", "archive", "archives", "association", "authority", "board", "bureau", "center",
    "centre", "college", "commission", "committee", "company", "corporation", "council", "department",
    "desk", "editors", "editorial", "foundation", "fund", "government", "group", "inc", "institute",
    "institution", "journal", "lab", "laboratory", "league", "library", "ltd", "llc", "magazine",
    "media", "ministry", "museum", "network", "news", "newspaper", "office", "organisation",
    "organization", "partners", "press", "project", "review", "school", "service", "services",
    "society", "staff", "team", "times", "trust", "university", "wire",
))


def _iso_date(value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a stated date; a bare year is kept."""
    if not value:
        return None
    text = value.strip()
    match = _DATE.match(text)
    if match:
        return "-".join(part for part in match.groups() if part)
    year = _YEAR.search(text)
    return year.group(1) if year else None


def is_organisation(name: str, site: str | None = None) -> bool:
    """Whether an author name is an organisation's: the site's own name, or a body's name."""
    words = re.findall(r"[\w']+", name.casefold())
    if not words:
        return False
    if site and name.casefold().strip() == site.casefold().strip():
        return True
    if len(words) == 1 or len(words) > 4 or "&" in name or any(ch.isdigit() for ch in name):
        return True
    if name.isupper():
        return True
    return any(word in _ORGANISATION_WORDS for word in words) or words[0] == "the"


def _csl_name(name: str, site: str | None = None) -> dict[str, str]:
    if is_organisation(name, site):
        return {"literal": name}
    words = name.split()
    return {"given": " ".join(words[:-1]), "family": words[-1]}


def _csl(e: Entry) -> dict:
    item: dict = {"id": f"endnote-{e.number}", "type": _CSL_TYPES.get(e.type or "", "webpage"),
                  "title": e.title or "Untitled"}
    if e.authors:
        item["author"] = [_csl_name(a, e.site) for a in e.authors]
    if e.date:
        item["issued"] = {"date-parts": [[int(p) for p in e.date.split("-")]]}
    if e.site:
        item["container-title"] = e.site
    if e.url:
        item["URL"] = e.url
    if e.archive_url:
        item["archive_location"] = e.archive_url
    if e.merged:
        item["note"] = f"merges endnotes {', '.join(str(n) for n in [e.number, *e.merged])}"
    return item


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _bibtex_name(name: str, site: str | None) -> str:
    """A BibTeX name: organisations in braces so no tool splits them into first and last names."""
    return f"{{{_tex(name)}}}" if is_organisation(name, site) else _tex(name)


def _bibtex(e: Entry) -> str:
    first_word = "ref"
    if e.authors and e.authors[0].split():
        words = e.authors[0].split()
        first_word = words[0] if is_organisation(e.authors[0], e.site) else words[-1]
    first = re.sub(r"\W", "", first_word).lower() or "ref"
    key = f"{first}{(e.date or '')[:4]}n{e.number}"
    kind = "article" if e.type == "ScholarlyArticle" else "online"
    fields = [("title", f"{{{_tex(e.title or 'Untitled')}}}")]
    if e.authors:
        fields.append(("author", " and ".join(_bibtex_name(a, e.site) for a in e.authors)))
    if e.date:
        fields.append(("date", e.date))
        fields.append(("year", e.date[:4]))
    if e.site:
        fields.append(("journaltitle" if kind == "article" else "organization", _tex(e.site)))
    if e.url:
        fields.append(("url", e.url))
    if e.archive_url:
        fields.append(("note", f"Archived at \\url{{{e.archive_url}}}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
