"""Endnote and citation checks written in Python (the graph-shaped ones live in queries/checks/).

Each kind's rule, when it fires and how severe it is, is written in docs/findings.md.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from claimgraph.article.dedupe import is_link_target, same_work
from claimgraph.article.titles import title_problem
from claimgraph.article.urls import work_identifiers
from claimgraph.audit.date_checks import date_findings
from claimgraph.audit.names import citation_name, endnote_name, endnotes_name, opening
from claimgraph.audit.uncited import uncited_claims
from claimgraph.model import Article, DuplicateGroup, Endnote, Finding

_GROUP_SEVERITY = {"certain": "medium", "likely": "medium", "possible": "low"}
_YEAR_FOLDER = re.compile(r"^(?:19|20)\d\d$")
_BIBLIOGRAPHY = re.compile(
    r"\b(?:bibliography|works cited|sources|literature|reading list|further reading|"
    r"external links|see also|additional (?:references|reading|resources))\b",
    re.IGNORECASE,
)
_NOTE_LISTS = re.compile(r"\b(?:notes|footnotes|citations|endnotes)\b", re.IGNORECASE)

__all__ = ["article_findings", "finish_findings", "bibliography_like", "keeper", "uncited_reading"]


def article_findings(
    article: Article, groups: list[DuplicateGroup], today: date | None = None
) -> list[Finding]:
    """Every Python-side finding about the article's entries and links, in a stable order."""
    findings: list[Finding] = []
    findings += _reader_problems(article)
    findings += _url_findings(article)
    findings += _duplicate_findings(article, groups)
    findings += _title_findings(article)
    findings += date_findings(article, today or date.today())
    return findings


def finish_findings(article: Article, groups: list[DuplicateGroup], findings: list[Finding]) -> None:
    """Once every check ran: settle orphans, then add uncited claims capped to a share of the rest."""
    explain_orphans(article, groups, findings)
    _name_unresolved(article, findings)
    findings += uncited_claims(article, other_findings=len(findings))


def _name_unresolved(article: Article, findings: list[Finding]) -> None:
    """Unresolved citations named by marker and sentence; "there is no endnote 9" without candidates."""
    by_id = {c.id: c for c in article.citations}
    for finding in findings:
        citation = by_id.get(finding.citations[0]) if finding.citations else None
        if finding.kind != "unresolved_citation" or citation is None:
            continue
        name = opening(citation_name(article, citation))
        if citation.candidates:
            options = ", ".join(endnote_name(article.endnote(c.endnote)) for c in citation.candidates[:3])
            finding.message = f"{name} matches no endnote clearly; it may mean {options}."
        elif target := (getattr(citation, "target", None) or
                        (citation.label if citation.label.isdigit() else "")):
            finding.message = f"{name}: there is no endnote {target}."
        else:
            finding.message = f"{name} matches no endnote: nothing in the lists carries its label or link."


def _reader_problems(article: Article) -> list[Finding]:
    return [
        Finding(
            "input_problem",
            "medium",
            problem,
            "check the article file; the audit below covers what could be read",
        )
        for problem in article.problems
    ]


def _url_findings(article: Article) -> list[Finding]:
    findings = []
    for endnote in article.endnotes:
        for problem in endnote.url_problems:
            if problem.code == "repeated_segments" and not _joined_paths(endnote.url):
                continue  # a repeated name alone (github.com/x/baselines/…/baselines) is a real path
            kind = "malformed_url" if problem.level == "malformed" else "suspicious_url"
            severity = "high" if kind == "malformed_url" else "medium"
            findings.append(
                Finding(
                    kind,
                    severity,
                    f"{opening(endnote_name(endnote))}: {problem.message}.",
                    problem.suggestion or "check the link against the source",
                    endnotes=[endnote.number],
                    details={"code": problem.code, "url": endnote.url},
                )
            )
        if not endnote.raw_url and endnote.source:  # names a site but gives no address
            findings.append(
                Finding(
                    "malformed_url",
                    "high",
                    f"{opening(endnote_name(endnote))} has no link.",
                    "add the source's address",
                    endnotes=[endnote.number],
                    details={"code": "missing"},
                )
            )
    return findings


def _joined_paths(url: str | None) -> bool:
    """Several date folders in one path: pieces of different links glued together."""
    segments = [seg for seg in (url or "").split("?")[0].split("/")[3:] if seg]
    return sum(bool(_YEAR_FOLDER.match(seg)) for seg in segments) > 1


def keeper(article: Article, numbers: list[int]) -> Endnote:
    """The entry of a duplicate group to keep: the most cited, then a titled list entry, then the first."""
    counts = {n: 0 for n in numbers}
    for citation in article.citations:
        if citation.endnote in counts:
            counts[citation.endnote] += 1

    def rank(n: int) -> tuple:
        endnote = article.endnote(n)
        return (-counts[n], endnote.kind != "endnote", not endnote.title, n)

    return article.endnote(min(numbers, key=rank))


def _duplicate_findings(article: Article, groups: list[DuplicateGroup]) -> list[Finding]:
    findings = []
    for group in groups:
        keep = keeper(article, group.endnotes)
        others = [n for n in group.endnotes if n != keep.number]
        members = endnotes_name(article, group.endnotes)
        if group.strength == "possible":
            message = f"{opening(members)} may cite copies of one work ({group.reason})."
            fix = f"check whether {members} are copies of one work; if so, cite the original"
        else:
            verb = "cite the same work" if group.strength == "certain" else "very likely cite the same work"
            message = f"{opening(members)} {verb} ({group.reason})."
            fix = (
                f"keep {endnote_name(keep)} ({keep.canonical_url or keep.url or keep.title}), "
                f"move the citations of {endnotes_name(article, others)} to it, then remove "
                f"{'it' if len(others) == 1 else 'them'}"
            )
        findings.append(
            Finding(
                "duplicate",
                _GROUP_SEVERITY[group.strength],
                message,
                fix,
                endnotes=list(group.endnotes),
                details={"strength": group.strength, "keep": keep.number},
            )
        )
    return findings


def _title_findings(article: Article) -> list[Finding]:
    findings = []
    for endnote in article.endnotes:
        problem = title_problem(endnote)
        if problem is None:
            continue
        fix = (
            f"use the title {problem.suggestion!r}"
            if problem.suggestion
            else "take the title from the source page"
        )
        findings.append(
            Finding(
                "title_mismatch",
                problem.severity,
                f"{opening(endnote_name(endnote))}: {problem.message}.",
                fix,
                endnotes=[endnote.number],
                details={
                    "code": problem.code,
                    "title": endnote.title,
                    "suggested": problem.suggestion,
                },
            )
        )
    return findings


def bibliography_like(article: Article, endnote: Endnote) -> bool:
    """An entry of a reading list rather than a note a sentence should cite.

    Further reading, external links and bibliography sections by name, and a "References" list
    beside a notes list the markers point to (Wikipedia's short-citation layout).
    """
    section = endnote.section or ""
    if endnote.kind == "further_reading" or _BIBLIOGRAPHY.search(section):
        return True
    return not _NOTE_LISTS.search(section) and _has_note_list(article)


def _has_note_list(article: Article) -> bool:
    """Some entry sits in a notes list (computed once per article: every orphan asks)."""
    cached = article.__dict__.get("_has_note_list")
    if cached is None:
        cached = any(_NOTE_LISTS.search(s) for s in {e.section or "" for e in article.endnotes})
        article.__dict__["_has_note_list"] = cached
    return cached


_WORD = re.compile(r"\w+")


class _Body:
    """The article's body (before its lists) and its words, built once: checks ask per entry."""

    def __init__(self, article: Article) -> None:
        list_starts = [sec.start for sec in article.sections if sec.kind != "body"]
        self.text = article.text[: min(list_starts, default=len(article.text))]
        self.words = set(_WORD.findall(self.text))
        self.flat = _fold(" ".join(self.text.split()))

    def has_words(self, phrase: str) -> bool:
        """Every word of ``phrase`` occurs in the body: no pattern can match otherwise."""
        return all(w in self.words for w in _WORD.findall(phrase))

    def may_contain(self, words: list[str]) -> bool:
        """The words, in order, case and spacing aside, occur in the body (a quick test before a pattern)."""
        return _fold(" ".join(words)) in self.flat


def _fold(text: str) -> str:
    return text.casefold().replace("ı", "i")  # "ı" matches "I" under re.IGNORECASE


def _body(article: Article) -> _Body:
    cached = article.__dict__.get("_body_index")
    if cached is None or cached.source is not article.text:
        cached = _Body(article)
        cached.source = article.text
        article.__dict__["_body_index"] = cached
    return cached


_AUTHOR_END = re.compile(r",| and | & | et al|(?<=\w{2})\. |[\"“(]")
_YEAR_IN_ENTRY = re.compile(r"\b(?:19|20)\d\d\b")


def cited_author_date(article: Article, endnote: Endnote) -> bool:
    """The text names the entry in author-date form: "Mnih et al. 2015", "Sutton & Barto (2017)"."""
    text = re.sub(r"^\s*\[?\d+\]?\.?\s+", "", endnote.text or "")
    years = set(_YEAR_IN_ENTRY.findall(text))
    first_author = _AUTHOR_END.split(text[:80], maxsplit=1)[0]
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", first_author) if len(w) >= 2]
    if not names or not years:
        return False
    surname = names[-1]
    body = _body(article)
    year = "|".join(sorted(years))
    pattern = rf"\b{re.escape(surname)}\b(?:,? et al\.?|,? (?:and|&) [A-Z][\w'’-]+)?,? \(?(?:{year})\b"
    if body.has_words(surname) and re.search(pattern, body.text):
        return True
    return _co_authors_named(text, year, body)


_TITLE_START = re.compile(r"[\"“]|(?<=\w{2})\. ")
_AUTHOR_LIST = r"[\w\s,&.'’-]{0,60}?"


def _co_authors_named(text: str, year: str, body: _Body) -> bool:
    """Two of the entry's author names, then its year: "(Kim, Khanna, & Koyejo, 2016)"."""
    authors = _TITLE_START.split(text[:160], maxsplit=1)[0]
    names = sorted({w for w in re.findall(r"[A-Z][\w'’-]+", authors) if len(w) >= 3}, key=len, reverse=True)
    if len(names) < 2 or sum(body.has_words(n) for n in names) < 2:
        return False
    if not any(y in body.text for y in year.split("|")):  # the pattern ends in the year: cheap to rule out
        return False
    alternatives = "|".join(re.escape(n) for n in names)
    pattern = rf"\b({alternatives})\b,?{_AUTHOR_LIST}\b({alternatives})\b,?{_AUTHOR_LIST}\(?(?:{year})\b"
    return any(m.group(1) != m.group(2) for m in re.finditer(pattern, body.text))


def named_by_title(article: Article, endnote: Endnote) -> bool:
    """The text names the entry's work by its title, as a capitalised name ("Neural Turing Machines").

    The title before a colon counts too ("The Lottery Ticket Hypothesis: Finding …"), without a
    leading article; a name of one word is too weak to count.
    """
    title = re.sub(r"^[\s\"“”'‘’]+|[\s\"“”'‘’.,]+$", "", endnote.title or "")
    short = re.sub(r"^(?:the|a|an)\s+", "", title.split(":")[0], flags=re.I).strip()
    words = short.split()
    if len(words) < 2:
        return False
    body = _body(article)
    if not body.may_contain(words):
        return False
    phrase = r"\s+".join(re.escape(w) for w in words)
    for match in re.finditer(rf"(?<![\w-]){phrase}(?![\w-])", body.text, re.I):
        if all(w[:1].isupper() or not w[:1].isalpha() for w in match.group(0).split()):
            return True
    return False


_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\)")
_MINOR_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "via",
     "with")
)


def abbreviations(endnote: Endnote) -> set[str]:
    """Short names an entry gives its work: one it defines ("(BERT)"), or its title's initials.

    Initials come from every word of the title (or of its part before a colon), with and
    without its function words, and count only from three letters ("CALM" for "Confident
    Adaptive Language Modeling").
    """
    names = {m.group(1) for m in _IN_PARENS.finditer(endnote.text or "") if len(m.group(1)) <= 10}
    title = re.sub(r"[\"“”'‘’]", "", endnote.title or "")
    for part in {title, title.split(":")[0]}:
        words = re.findall(r"[A-Za-z][\w'’]*", part)
        if len(words) < 3:
            continue
        names.add("".join(w[0] for w in words).upper())
        names.add("".join(w[0] for w in words if w.lower() not in _MINOR_WORDS).upper())
    return {n for n in names if len(re.sub(r"[^A-Z]", "", n)) >= 3}


def named_by_abbreviation(article: Article, endnote: Endnote) -> bool:
    """The text names the entry's work by a short name only that entry gives it ("CALM")."""
    own = {name for name in abbreviations(endnote) if _abbreviation_counts(article)[name] == 1}
    if not own:
        return False
    body = _body(article).text
    return any(name in body and re.search(rf"(?<![\w-]){re.escape(name)}(?:s|-\w+)?(?![\w])", body)
               for name in own)


def _abbreviation_counts(article: Article) -> Counter:
    """How many entries give each short name (computed once per article)."""
    cached = getattr(article, "_abbreviations", None)
    if cached is None:
        cached = Counter(name for e in article.endnotes for name in abbreviations(e))
        article.__dict__["_abbreviations"] = cached
    return cached


def _author_date_article(article: Article) -> bool:
    """The text cites its list in author-date form (three entries or more named that way)."""
    cached = getattr(article, "_author_date", None)
    if cached is None:
        cached = sum(cited_author_date(article, e) for e in article.endnotes if not is_link_target(e)) >= 3
        article.__dict__["_author_date"] = cached
    return cached


_EDITION = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|revised)\s+ed(?:ition|\.)", re.I)


def _reading_pointer(article: Article, endnote: Endnote) -> bool:
    """An entry no sentence can cite: it points to reading, not to a claim's source.

    In an author-date article, an entry with no year; in any list, a whole book named by its
    edition ("1st Edition", "2nd ed."), the general reference a list keeps beside its citations.
    """
    if _EDITION.search(endnote.text or ""):
        return True
    return not _YEAR_IN_ENTRY.search(endnote.text or "") and _author_date_article(article)


def _commented_out(article: Article, endnote: Endnote) -> int | None:
    """The line of a link to the entry's work inside an HTML comment, if the article has one."""
    for url, line in getattr(article, "commented_links", {}).items():
        if url == endnote.canonical_url or any(
            endnote.identifiers.get(k) == v for k, v in work_identifiers(url).items() if k != "isbn"
        ):
            return line
    return None


def uncited_reading(article: Article) -> int:
    """How many reading-list entries no sentence cites (counted in the summary, not reported)."""
    cited = {c.endnote for c in article.citations if c.endnote is not None}
    return sum(1 for e in article.endnotes if e.number not in cited and bibliography_like(article, e))


def explain_orphans(article: Article, groups: list[DuplicateGroup], findings: list[Finding]) -> None:
    """Drop orphans an editor need not act on: reading lists (the summary counts them), entries the
    text cites another way (a link, author-date, title or short name), and entries a duplicate
    finding already covers; name the unresolved citation an orphan may be the target of."""
    cited = {c.endnote for c in article.citations if c.endnote is not None}
    maybe: dict[int, list[str]] = {}
    for citation in article.citations:
        if citation.endnote is None:
            for candidate in citation.candidates[:3]:
                maybe.setdefault(candidate.endnote, []).append(citation.id)
    # built once, not per orphan: an article of thousands of entries has thousands of orphans
    strong_groups: dict[int, list[DuplicateGroup]] = {}
    for g in groups:
        if g.strength in ("certain", "likely"):
            for n in g.endnotes:
                strong_groups.setdefault(n, []).append(g)
    cited_links = [article.endnote(n) for n in cited if is_link_target(article.endnote(n))]
    by_id = {c.id: c for c in article.citations}
    dropped: set[int] = set()
    for finding in findings:
        if finding.kind != "orphan_endnote" or not finding.endnotes:
            continue
        endnote = article.endnote(finding.endnotes[0])
        twins = sorted(
            n
            for g in strong_groups.get(endnote.number, [])
            for n in g.endnotes
            if n in cited and n != endnote.number
        )
        if (
            bibliography_like(article, endnote)
            or twins  # the duplicate finding already says to merge
            or any(same_work(endnote, link) for link in cited_links)  # a link in the text cites its work
            or cited_author_date(article, endnote)  # cited in author-date form, which no marker resolves
            or named_by_title(article, endnote)  # the text names the work; its link goes elsewhere
            or named_by_abbreviation(article, endnote)
            or _reading_pointer(article, endnote)  # "Lectures by … on YouTube": a pointer, not a work
        ):
            dropped.add(id(finding))
            continue
        finding.message = f"{opening(endnote_name(endnote))} is not cited by any sentence."
        if line := _commented_out(article, endnote):
            finding.message += (
                f" Its only citation is in a passage commented out (<!-- -->, line {line}), "
                "which the published page does not show."
            )
            finding.fix = "restore the commented-out passage that cites it, or remove the entry"
        elif endnote.number in maybe:
            unresolved = [by_id[i] for i in maybe[endnote.number]]
            names = "; ".join(citation_name(article, c) for c in unresolved[:2])
            finding.message += f" It may be the target of the unresolved {names}."
    findings[:] = [f for f in findings if id(f) not in dropped]
