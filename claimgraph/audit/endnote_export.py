"""A corrected endnote list from the scraped metadata: Markdown, CSL-JSON or BibTeX.

Duplicates (``certain`` and ``likely`` groups) are merged into their first endnote; URLs are the
canonical ones; titles, authors and dates come from the source when it was scraped, falling back
to what the endnote itself states.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from claimgraph.model import AuditResult, Endnote, Source
from claimgraph.titles import best_title

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


def _entry(endnote: Endnote, source: Source | None) -> Entry:
    meta = source.metadata if _usable(source) and source else None
    url = endnote.canonical_url or endnote.url
    if source is not None and source.health == "redirected" and source.final_url:
        url = source.final_url
    return Entry(
        number=endnote.number,
        title=(meta.title if meta else None) or best_title(endnote),
        authors=list((meta.authors if meta else None) or endnote.authors),
        date=((meta.published if meta else None) or endnote.published or "")[:10] or None,
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


def _csl_name(name: str) -> dict[str, str]:
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"given": " ".join(words[:-1]), "family": words[-1]}


def _csl(e: Entry) -> dict:
    item: dict = {"id": f"endnote-{e.number}", "type": _CSL_TYPES.get(e.type or "", "webpage"),
                  "title": e.title or "Untitled"}
    if e.authors:
        item["author"] = [_csl_name(a) for a in e.authors]
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


def _bibtex(e: Entry) -> str:
    first = re.sub(r"\W", "", (e.authors[0].split()[-1] if e.authors else "ref")).lower() or "ref"
    key = f"{first}{(e.date or '')[:4]}n{e.number}"
    kind = "article" if e.type == "ScholarlyArticle" else "online"
    fields = [("title", f"{{{_tex(e.title or 'Untitled')}}}")]
    if e.authors:
        fields.append(("author", " and ".join(_tex(a) for a in e.authors)))
    if e.date:
        fields.append(("date", e.date))
    if e.site:
        fields.append(("journaltitle" if kind == "article" else "organization", _tex(e.site)))
    if e.url:
        fields.append(("url", e.url))
    if e.archive_url:
        fields.append(("note", f"Archived at \\url{{{e.archive_url}}}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
