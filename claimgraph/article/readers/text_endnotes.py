"""Plain-text articles with an endnotes list, as produced by copying a web explainer as text.

The shape: a header (kicker, title, dek), navigation chrome, headings, paragraphs and bullets;
inline markers ``[Label]domain`` followed by a citation card (title, snippet and date run
together), or numeric markers ``[3]``; then sections such as ``Endnotes`` and ``Additional
References`` made of blocks with ``Source:``, ``Title:``, ``Link:``, a snippet and ``Published:``.
Text extraction glues words onto links, drops titles and leaves bullet dashes alone on lines:
this reader recovers what a careful human would and records what it had to guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.article.dates import parse_date
from claimgraph.article.readers._lines import newlines_before
from claimgraph.article.readers.base import Block, ReadResult
from claimgraph.article.urls import find_urls, known_suffix
from claimgraph.model import Citation, Endnote, Section

ENDNOTE_HEADINGS = re.compile(
    r"^(?:end\s*notes|notes|references|sources|citations|bibliography|works cited|footnotes|"
    r"additional references|further reading|see also|external links|more reading)\s*:?$",
    re.IGNORECASE,
)
FURTHER_READING = re.compile(r"additional|further|see also|external|more reading", re.IGNORECASE)
# Page chrome that copying a web page as text brings along; never claims.
CHROME = re.compile(
    r"^(?:on this page|page outline.*|jump (?:to|by) section.*|table of contents|contents|"
    r"topic tree|share(?: this)?(?: article)?|advertisement|related(?: articles)?|"
    r"skip to (?:main )?content|read more|subscribe.*|sign up.*|print)$",
    re.IGNORECASE,
)
TOC_START = re.compile(r"^(?:on this page|table of contents|contents|in this article)$", re.I)
BULLET = re.compile(r"^\s*(?:[-•*‣◦▪]|\d{1,3}[.)])\s+")
LONE_BULLET = re.compile(r"^\s*[-•*‣◦▪]\s*$")
FIELD = re.compile(
    r"^\s*(?P<name>source|title|link|url|published|date|authors?|by|snippet|archived?)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
NUMBERED_ENTRY = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)])\s+")
MARKER = re.compile(r"\[(?P<label>[^\[\]\n]{1,80})\](?P<domain>[a-z0-9][a-z0-9.-]*\.[a-z][a-z0-9.-]*)?")
CARD_END = re.compile(r"(?:…|\.\.\.)")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


@dataclass
class _Line:
    text: str
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(raw, position, position + len(raw)))
        position += len(raw) + 1
    return lines


class EndnoteTextReader:
    """Reader for plain text with ``[Label]domain`` or ``[n]`` markers and an endnotes list."""

    name = "text"

    def sniff(self, text: str, location: str) -> float:
        """Confident when the text has an endnotes heading and Source/Link fields or markers."""
        head = text[:4000].lstrip()
        if head.startswith("<") or "<html" in head.lower():
            return 0.0
        score = 0.3
        if re.search(r"^\s*(?:Link|Source)\s*:", text, re.MULTILINE):
            score += 0.4
        if any(ENDNOTE_HEADINGS.match(line.strip()) for line in text.splitlines()):
            score += 0.2
        return min(score, 1.0)

    def read(self, text: str, location: str) -> ReadResult:
        """Parse the article; problems are recorded, never raised."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = _lines(text)
        notes_at = next(
            (
                i
                for i, ln in enumerate(lines)
                if ENDNOTE_HEADINGS.match(ln.stripped) and self._entries_follow(lines, i)
            ),
            len(lines),
        )
        result = ReadResult(text=text, title="", format=self.name)
        endnotes, note_sections = self._read_endnotes(lines[notes_at:], result)
        result.endnotes = endnotes
        domains = {e.source.lower() for e in endnotes if e.source}
        self._read_body(lines[:notes_at], result, domains)
        result.sections.extend(note_sections)
        if not endnotes:
            result.problems.append("no endnotes section was found: citations cannot be resolved")
        return result

    # --- body --------------------------------------------------------------------------------

    @staticmethod
    def _entries_follow(lines: list[_Line], index: int) -> bool:
        window = [ln.stripped for ln in lines[index + 1 : index + 8] if ln.stripped]
        return any(
            FIELD.match(w) or LONE_BULLET.match(w) or NUMBERED_ENTRY.match(w) or find_urls(w) for w in window
        )

    def _read_body(self, lines: list[_Line], result: ReadResult, domains: set[str]) -> None:
        content = [ln for ln in lines if ln.stripped]
        header, rest = self._split_header(content)
        result.title = self._title(header) or (content[0].stripped if content else "")
        dek = header[-1] if len(header) > 1 and SENTENCE_END.search(header[-1].stripped) else None
        if dek is not None and not dek.stripped.endswith("?"):
            result.blocks.append(
                Block(dek.start + len(dek.text) - len(dek.text.lstrip()), dek.end, result.title)
            )
        toc = self._toc_entries(rest)
        section = Section(title=result.title, start=content[0].start if content else 0, end=0)  # the lead
        sections: list[Section] = []
        skipping_toc = False
        for index, line in enumerate(rest):
            stripped = line.stripped
            if TOC_START.match(stripped):
                skipping_toc = True
                continue
            if skipping_toc:
                if BULLET.match(stripped) and stripped not in ("",):
                    continue
                skipping_toc = False
            if CHROME.match(stripped):
                continue
            following = rest[index + 1].stripped if index + 1 < len(rest) else ""
            if self._is_heading(stripped, following, toc):
                section.end = line.start
                if any(b.section == section.title for b in result.blocks):
                    sections.append(section)
                section = Section(title=stripped, start=line.start, end=line.end)
                continue
            kind = "bullet" if BULLET.match(stripped) else "paragraph"
            offset = len(line.text) - len(line.text.lstrip())
            block_start = line.start + offset
            if kind == "bullet":
                block_start += len(BULLET.match(stripped).group(0))
            block = Block(block_start, line.end, section.title, kind)
            result.blocks.append(block)
            result.citations.extend(self._markers(result.text, block, domains))
        if rest:
            section.end = rest[-1].end
            sections.append(section)
        result.sections.extend(sections)

    @staticmethod
    def _split_header(content: list[_Line]) -> tuple[list[_Line], list[_Line]]:
        """The header is the run of short lines before the first paragraph, chrome or heading."""
        header: list[_Line] = []
        for line in content[:4]:
            stripped = line.stripped
            if len(stripped) > 300 or TOC_START.match(stripped) or BULLET.match(stripped):
                break
            if header and any(
                m.group("domain") or re.fullmatch(r"\^?\d{1,4}", m.group("label"))
                for m in MARKER.finditer(stripped)
            ):
                break  # a cited sentence is body text, not a standfirst
            header.append(line)
            if SENTENCE_END.search(stripped) and not stripped.endswith("?"):
                break  # a dek (standfirst) ends the header
        return header, content[len(header) :]

    @staticmethod
    def _title(header: list[_Line]) -> str:
        """The title is the header line just before a dek; otherwise the first header line."""
        for index, line in enumerate(header[:-1]):
            nxt = header[index + 1].stripped
            if SENTENCE_END.search(nxt) and not nxt.endswith("?") and len(nxt) > len(line.stripped):
                return line.stripped
        return header[0].stripped if header else ""

    @staticmethod
    def _toc_entries(rest: list[_Line]) -> set[str]:
        entries: set[str] = set()
        in_toc = False
        for line in rest:
            if TOC_START.match(line.stripped):
                in_toc = True
            elif in_toc and BULLET.match(line.stripped):
                entries.add(BULLET.sub("", line.stripped).casefold())
            elif in_toc:
                in_toc = False
        return entries

    @staticmethod
    def _is_heading(stripped: str, following: str, toc: set[str]) -> bool:
        if BULLET.match(stripped) or MARKER.search(stripped) or len(stripped) > 120:
            return False
        if stripped.casefold() in toc:
            return True
        if SENTENCE_END.search(stripped) and not stripped.endswith("?"):
            return False
        if stripped.endswith((":", ",", ";")):
            return False
        words = stripped.split()
        return 1 <= len(words) <= 14 and bool(following)

    def _markers(self, text: str, block: Block, domains: set[str]) -> list[Citation]:
        segment = text[block.start : block.end]
        citations: list[Citation] = []
        for match in MARKER.finditer(segment):
            label = match.group("label").strip()
            raw_domain = match.group("domain")
            if raw_domain:
                domain = _split_domain(raw_domain, domains)
                card_start = match.start("domain") + len(domain)
            elif re.fullmatch(r"\^?\d{1,4}", label):
                domain, card_start = None, match.end()
            else:
                continue  # a bracketed aside, not a citation
            card_end = self._card_end(segment, card_start) if domain else card_start
            citations.append(
                Citation(
                    id=f"m{block.start + match.start()}",
                    claim="",
                    label=label,
                    start=block.start + match.start(),
                    end=block.start + card_end,
                    domain=domain,
                    key=None if domain else label.lstrip("^"),
                    card=segment[card_start:card_end].strip(),
                    marker=match.group(0) if not domain else f"[{label}]",
                    line=newlines_before(text, block.start + match.start()) + 1,  # the text is the file's
                    target=None if domain else label.lstrip("^"),
                )
            )
        return citations

    @staticmethod
    def _card_end(segment: str, start: int) -> int:
        """A card runs to its ellipsis (cards are truncated) or, without one, to the line end."""
        nxt = MARKER.search(segment, start)
        limit = nxt.start() if nxt and nxt.group("domain") else len(segment)
        ellipsis = CARD_END.search(segment, start, limit)
        return ellipsis.end() if ellipsis else limit

    # --- endnotes ----------------------------------------------------------------------------

    def _read_endnotes(self, lines: list[_Line], result: ReadResult) -> tuple[list[Endnote], list[Section]]:
        endnotes: list[Endnote] = []
        sections: list[Section] = []
        current: Section | None = None
        entry: list[_Line] = []

        def flush() -> None:
            if entry and current is not None:
                note = self._entry(entry, current, len(endnotes) + 1)
                if note is not None:
                    endnotes.append(note)
            entry.clear()

        for line in lines:
            stripped = line.stripped
            if ENDNOTE_HEADINGS.match(stripped):
                flush()
                if current is not None:
                    current.end = line.start
                kind = "further_reading" if FURTHER_READING.search(stripped) else "endnotes"
                current = Section(title=stripped.rstrip(":"), start=line.start, end=line.end, kind=kind)
                sections.append(current)
                continue
            if not stripped or CHROME.match(stripped):
                continue
            if LONE_BULLET.match(stripped):
                flush()
                continue
            numbered = NUMBERED_ENTRY.match(stripped)
            starts_new = numbered or (
                re.match(r"^\s*(?:source)\s*:", stripped, re.I)
                and any(re.match(r"^\s*(?:source|link|url)\s*:", e.stripped, re.I) for e in entry)
            )
            if starts_new:
                flush()
            entry.append(line)
            if re.search(r"\s-\s*$", line.text) and FIELD.match(stripped):
                flush()  # a bullet dash glued to the end of a field line starts the next entry
        flush()
        if current is not None and lines:
            current.end = lines[-1].end
        return endnotes, sections

    def _entry(self, lines: list[_Line], section: Section, number: int) -> Endnote | None:
        fields: dict[str, str] = {}
        loose: list[str] = []
        key = None
        for line in lines:
            stripped = re.sub(r"\s-\s*$", "", line.stripped)
            numbered = NUMBERED_ENTRY.match(stripped)
            if numbered:
                key = numbered.group("a") or numbered.group("b")
                stripped = stripped[numbered.end() :]
            match = FIELD.match(stripped)
            if match:
                name = match.group("name").lower()
                name = {
                    "url": "link",
                    "date": "published",
                    "author": "authors",
                    "by": "authors",
                    "archived": "archive",
                }.get(name, name)
                value = match.group("value").strip()
                if name == "link" and "snippet" not in fields:
                    value, glued = _split_glued_snippet(value)
                    if glued:
                        fields.setdefault("snippet_marker", "1")
                fields.setdefault(name, value)
            else:
                loose.append(stripped)
        text = "\n".join(ln.text for ln in lines)
        raw_url = fields.get("link")
        if not raw_url:
            urls = find_urls(text)
            raw_url = urls[0] if urls else None
        snippet = fields.get("snippet") or (" ".join(loose).strip() or None)
        title = fields.get("title") or None
        free_form = not fields and loose and raw_url
        if free_form:
            title = _free_form_title(" ".join(loose), raw_url)
            snippet = None
        if not (raw_url or title or snippet):
            return None
        published = parse_date(fields.get("published") or (" ".join(loose) if free_form else None))
        if not published and free_form:
            year = re.search(r"\(((?:19|20)\d\d)[a-z]?\)", " ".join(loose))
            published = year.group(1) if year else None
        published_from = "stated" if published else None
        if not published and snippet:
            published = parse_date(snippet[:200])
            published_from = "snippet" if published else None
        authors = [
            a.strip()
            for a in re.split(r";|\band\b|,(?=\s*[A-Z][a-z]+\s+[A-Z])", fields.get("authors", ""))
            if a.strip()
        ]
        return Endnote(
            number=number,
            section=section.title,
            kind="further_reading" if section.kind == "further_reading" else "endnote",
            key=key,
            label=key or str(number),  # an unnumbered list is read by position
            source=(fields.get("source") or "").strip() or None,
            title=title,
            raw_url=raw_url,
            snippet=snippet,
            published=published,
            published_from=published_from,
            authors=authors,
            archive_url=fields.get("archive") or None,
            text=text,
            start=lines[0].start,
            end=lines[-1].end,
        )


def _split_glued_snippet(value: str) -> tuple[str, bool]:
    """``https://x.org/aSource snippet`` → (``https://x.org/a``, True)."""
    match = re.search(r"\s*Source\s*snippet\s*$", value, re.IGNORECASE)
    if match:
        return value[: match.start()], True
    return value, False


def _free_form_title(text: str, url: str) -> str | None:
    """The title of a free-form reference: quoted, APA-style after "(year).", or the lead text."""
    before = text.split(url)[0].strip(" .,-–—")
    quoted = re.search(r"[\"“]([^\"”]{4,})[\"”]", before)
    if quoted:
        return quoted.group(1).strip()
    apa = re.search(r"\((?:19|20)\d\d[a-z]?[^)]*\)\.?\s+(?P<title>[^.?!]{4,}[?!]?)", before)
    if apa:
        return apa.group("title").strip()
    return before or None


def _split_domain(raw: str, known: set[str]) -> str:
    """Cut the card off a domain glued to it: ``example.comSome Title`` → ``example.com``.

    The domains the endnotes name are tried first (longest first); otherwise the longest
    prefix whose last label is a public suffix.
    """
    lowered = raw.lower()
    for domain in sorted(known, key=len, reverse=True):
        if lowered.startswith(domain) and (len(lowered) == len(domain) or lowered[len(domain)] not in ".-"):
            return raw[: len(domain)]
    labels = raw.split(".")
    for count in range(len(labels), 1, -1):
        last = labels[count - 1]
        for cut in range(len(last), 1, -1):
            if last[:cut].isalpha() and known_suffix(last[:cut].lower()):
                return ".".join(labels[: count - 1] + [last[:cut]])
    return raw
