"""Plain data classes shared by every stage: readers, resolver, audit, scraper, evidence, graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low")


@dataclass
class Section:
    """A titled part of an article; ``kind`` is body, endnotes or further_reading."""

    title: str
    start: int
    end: int
    kind: str = "body"
    level: int = 2


@dataclass
class Claim:
    """One claim unit (a sentence or a bullet) with its position in the article text."""

    id: str
    text: str
    section: str
    start: int
    end: int
    citation_ids: list[str] = field(default_factory=list)
    block: int = 0  # index of the paragraph or bullet it belongs to


@dataclass
class Candidate:
    """An endnote a citation might point to, with the resolver's score in [0, 1]."""

    endnote: int
    score: float


@dataclass
class Citation:
    """An inline citation marker, attached to its claim and (if resolved) to an endnote.

    ``key`` is an explicit target given by the format (a footnote id, an anchor, a URL);
    ``card`` holds the text clues the sample format glues after a marker (title, snippet, date).
    ``marker`` is the marker exactly as the author wrote it (``[^5]``, ``[57]``, ``[2–4]``, or a
    link's text), ``line`` its 1-based line in the file when the format has lines, ``target``
    the endnote label it names (``9`` for ``[9]``) and ``locator`` a page or section it adds
    (``p. 7``, ``207``). ``place`` says where the sentence is when the format has no lines
    (HTML): its section heading and paragraph number.
    """

    id: str
    claim: str
    label: str
    start: int
    end: int
    domain: str | None = None
    key: str | None = None
    card: str = ""
    endnote: int | None = None
    score: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    method: str = ""
    marker: str = ""
    line: int | None = None
    target: str | None = None
    locator: str | None = None
    place: str | None = None


@dataclass
class Endnote:
    """One entry of an endnote/reference list; ``number`` counts from 1 across all lists.

    ``label`` is the entry's label as the reader sees it (``5``, ``^note-id``, ``n 3``), or ""
    when the article shows none (a synthetic entry for a body link).
    """

    number: int
    section: str
    kind: str = "endnote"  # endnote | further_reading
    key: str | None = None
    source: str | None = None  # the site label the article gives ("arxiv.org")
    title: str | None = None  # the title as the article states it
    raw_url: str | None = None  # the link text exactly as found
    url: str | None = None  # raw_url with glued words and stray punctuation removed
    canonical_url: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    snippet: str | None = None
    published: str | None = None  # ISO 8601 date as stated (or recovered from the snippet)
    published_from: str | None = None  # "stated" | "snippet" | "citation" | None
    authors: list[str] = field(default_factory=list)
    archive_url: str | None = None
    text: str = ""  # the whole entry as written
    start: int = 0
    end: int = 0
    url_problems: list[UrlProblem] = field(default_factory=list)
    snippet_title: str | None = None  # the headline the snippet carries, when one can be read
    label: str = ""
    links: list[str] = field(default_factory=list)  # every link of the entry, main one first


@dataclass
class UrlProblem:
    """Something wrong or odd about a link: ``level`` is malformed or suspicious."""

    level: str
    code: str
    message: str
    suggestion: str | None = None


@dataclass
class Article:
    """Everything a reader recovers from one article."""

    id: str
    title: str
    text: str
    format: str
    location: str = ""
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    endnotes: list[Endnote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # reader-level troubles, become findings
    commented_links: dict[str, int] = field(default_factory=dict)  # canonical link → line, in <!-- -->

    def endnote(self, number: int) -> Endnote:
        """The endnote with this number."""
        return self.endnotes[number - 1]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)


@dataclass
class DuplicateGroup:
    """Endnotes that cite one work; ``strength`` is certain, likely or possible."""

    endnotes: list[int]
    strength: str
    reason: str


@dataclass
class Finding:
    """One audit result a person can act on."""

    kind: str
    severity: str
    message: str
    fix: str = ""
    endnotes: list[int] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


# --- Scraping -----------------------------------------------------------------------------


@dataclass
class Redirect:
    """One hop of a redirect chain."""

    url: str
    status: int
    location: str


@dataclass
class Capture:
    """A stored response: what was fetched, when, and how (``live`` or ``reconstructed``)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: str
    sha256: str
    kind: str = "live"
    path: str | None = None  # where the body is stored (WARC file, snapshot file)
    note: str = ""


@dataclass
class Passage:
    """A span of a source's main text, for evidence search."""

    text: str
    start: int
    end: int


@dataclass
class SourceMetadata:
    """What a source is: title, people, dates (ISO 8601), site, type, language."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site: str | None = None
    type: str | None = None
    language: str | None = None
    description: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)  # field -> extractor that gave it


@dataclass
class Source:
    """A cited source as scraped (or reconstructed): health, metadata, text and capture."""

    url: str
    final_url: str | None = None
    health: str = "unchecked"  # ok|redirected|dead|blocked|transient|soft_404|malformed|unchecked
    status: int | None = None
    redirects: list[Redirect] = field(default_factory=list)
    metadata: SourceMetadata = field(default_factory=SourceMetadata)
    text: str = ""
    passages: list[Passage] = field(default_factory=list)
    capture: Capture | None = None
    archive_url: str | None = None
    error: str | None = None
    hint: str | None = None  # a claimgraph.hints.Hint code: what would let the link be checked
    dead_checks: list[str] = field(default_factory=list)  # when the link answered "gone" (ISO times)
    source_type: str | None = None  # primary|news|reference|blog|aggregator|forum|video|unknown


# --- Evidence -----------------------------------------------------------------------------


@dataclass
class Quote:
    """An evidence quote with character offsets into the source text."""

    text: str
    start: int
    end: int


@dataclass
class Evidence:
    """A judged (claim, source) pair: ``stance`` is supports, disputes, mentions or unrelated."""

    claim: str
    source_url: str
    stance: str
    score: float
    support: float
    quotes: list[Quote] = field(default_factory=list)
    judge: str = ""
    endnote: int | None = None
    cited: bool = False
    reviewed_by: str | None = None
    reviewed_at: str | None = None


@dataclass
class AuditResult:
    """Everything one audit produced; the CLI, the explorer and scripts all read this."""

    article: Article
    findings: list[Finding] = field(default_factory=list)
    duplicate_groups: list[DuplicateGroup] = field(default_factory=list)
    sources: dict[int, Source] = field(default_factory=dict)  # endnote number -> source
    evidence: list[Evidence] = field(default_factory=list)
    graph: Any = None  # rdflib.Graph of the article's named graph
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """One earlier answer to a request, as the capture index remembers it."""

    fetched_at: str
    status: int
    error_kind: str | None


@dataclass
class Response:
    """One fetch as the rest of the pipeline sees it, live or replayed from a capture (fetch → extract)."""

    url: str
    final_url: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[Redirect] = field(default_factory=list)
    fetched_at: str = ""
    error: str | None = None
    error_kind: str | None = None  # dns|refused|timeout|connect|too_large|loop|robots|ssrf|...
    from_cache: bool = False
    capture: Capture | None = None
    history: list[Check] = field(default_factory=list)  # earlier answers to this request, oldest first

    def header(self, name: str) -> str:
        """A response header, case-insensitively, or an empty string."""
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return ""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case."""
        return self.header("content-type").split(";", 1)[0].strip().lower()
