"""Gold answers for real articles, read from each article's own markup (never from claimgraph).

For every article: its reference entries (visible label, links, work identities), its inline
citations (the marker or link as written, and which entries it may point to), the pairs of
entries citing one work, and the entries no citation points to.

The rules follow the formats, not the files:
- Markdown footnotes: ``[^id]: …`` definitions, ``[^id]`` references (CommonMark/kramdown/Zola).
- Markdown numbered references: paragraphs ``[n] …`` under a References heading; a body link or
  a ``[n]`` marker is a citation of the entry whose work it names.
- HTML numbered references: ``<p>[n] …</p>`` or ``<li>`` under a References heading, same rule.
- Wikipedia: each ``<ol class="references">`` list item, labelled as the reader sees it (its
  position in its list, with the group prefix its markers show, e.g. ``n 1``); citations are the
  ``<sup class="reference">`` markers.
Work identity is deliberately written here again, independently of ``claimgraph.article.urls``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from bs4 import BeautifulSoup, Tag

_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf|html|format)/(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I
)
_ARXIV_TEXT = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5})", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>#?]+)")
_REF_TITLE = re.compile(r"^(references?|bibliography|citations|works cited|sources)\W*$", re.I)


@dataclass
class GoldEntry:
    """One reference entry: its visible label, its links and the works it names."""

    label: str
    urls: list[str] = field(default_factory=list)
    works: set[str] = field(default_factory=set)


@dataclass
class GoldCitation:
    """One inline citation: the marker or link as written and the labels it may point to."""

    marker: str
    targets: set[str]


@dataclass
class Gold:
    """Everything known about one article from its markup."""

    entries: list[GoldEntry]
    citations: list[GoldCitation]

    @property
    def labels(self) -> list[str]:
        """Visible labels of the entries, in order."""
        return [e.label for e in self.entries]

    @property
    def duplicate_pairs(self) -> set[frozenset[str]]:
        """Pairs of entries that name one work."""
        pairs: set[frozenset[str]] = set()
        for i, a in enumerate(self.entries):
            for b in self.entries[i + 1 :]:
                if a.works & b.works:
                    pairs.add(frozenset((a.label, b.label)))
        return pairs

    @property
    def orphans(self) -> set[str]:
        """Labels of entries no citation points to."""
        cited = {t for c in self.citations for t in c.targets}
        return {e.label for e in self.entries if e.label not in cited}


def work_identity(url: str) -> str | None:
    """``arxiv:ID``, ``doi:ID`` or ``url:host/path?query`` (scheme, www, slash, tracking dropped)."""
    url = url.strip()
    arxiv = _ARXIV.search(url)
    if arxiv:
        return "arxiv:" + arxiv.group(1).lower()
    if re.search(r"(?:^|//)(?:dx\.)?doi\.org/", url, re.I):
        doi = _DOI.search(unquote(url))
        if doi:
            return "doi:" + doi.group(1).lower().rstrip(".")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    query = [
        (k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "fbclid", "gclid"))
    ]
    path = parts.path.rstrip("/")
    path = re.sub(r"/index\.html?$", "", path)
    return f"url:{host}{path}" + (f"?{urlencode(sorted(query))}" if query else "")


def _entry_works(urls: list[str], text: str) -> set[str]:
    works = {w for w in (work_identity(u) for u in urls) if w}
    works |= {"arxiv:" + m.lower() for m in _ARXIV_TEXT.findall(text)}
    return works


def _cites(works: dict[str, set[str]], url: str) -> set[str]:
    identity = work_identity(url)
    return set(works.get(identity, set())) if identity else set()


def _marker_targets(inner: str, labels: set[str]) -> set[str] | None:
    """Labels named by a numeric marker's inside (``1``, ``1, 2``, ``2–4``), when all exist."""
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", inner.strip()):
        span = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", part)
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            if high < low or high - low > 50:
                return None
            numbers.extend(range(low, high + 1))
        elif part.isdigit():
            numbers.append(int(part))
        else:
            return None
    targets = {str(n) for n in numbers}
    return targets if targets and targets <= labels else None


# --- Markdown -------------------------------------------------------------------------------


def _markdown_lines(text: str) -> list[str]:
    """Lines outside front matter and fenced code, with inline code and maths blanked."""
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    fence: str | None = None
    start = 0
    if lines and lines[0].strip() in ("---", "+++"):
        close = lines[0].strip()
        for i in range(1, len(lines)):
            if lines[i].strip() == close:
                start = i + 1
                break
    out.extend([""] * start)
    for line in lines[start:]:
        mark = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence:
            if mark and mark.group(1)[0] == fence[0]:
                fence = None
            out.append("")
            continue
        if mark:
            fence = mark.group(1)
            out.append("")
            continue
        line = re.sub(r"`[^`]*`", " ", line)
        line = re.sub(r"\$\$.*?\$\$", " ", line)
        out.append(line)
    return out


_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>]+)")


def gold_markdown_footnotes(text: str) -> Gold:
    """Footnote definitions and references."""
    lines = _markdown_lines(text)
    entries: list[GoldEntry] = []
    citations: list[GoldCitation] = []
    definition = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
    for line in lines:
        found = definition.match(line)
        if found:
            urls = [m.group(3) for m in _MD_LINK.finditer(line)]
            entries.append(GoldEntry("^" + found.group(1), urls))
    labels = {e.label for e in entries}
    for line in lines:
        body = definition.sub("", line)
        for ref in re.finditer(r"\[\^([^\]\s]+)\]", body):
            label = "^" + ref.group(1)
            if label in labels:
                citations.append(GoldCitation(ref.group(0), {label}))
    return Gold(entries, citations)


def gold_markdown_refs(text: str) -> Gold:
    """A numbered References list, and the body links and markers that name its works."""
    lines = _markdown_lines(text)
    headings = [i for i, line in enumerate(lines) if re.match(r"^#{1,6}\s", line)]
    heading = next((i for i in headings if _REF_TITLE.match(lines[i].lstrip("# ").strip())), None)
    if heading is None:  # a numbered list under another title: the section whose first entry is [1]
        first = next((i for i, line in enumerate(lines) if re.match(r"^\s*\[1\]\s+\S", line)), None)
        heading = max((i for i in headings if first is not None and i < first), default=None)
    if heading is None:
        return Gold([], [])
    entries: list[GoldEntry] = []
    for line in lines[heading + 1 :]:
        if re.match(r"^#{1,6}\s", line):
            break
        found = re.match(r"^\s*\[(\d+)\]\s*(.*)$", line)
        if found:
            urls = [m.group(3) for m in _MD_LINK.finditer(line) if not m.group(1)]
            urls += re.findall(r"<(https?://[^>]+)>", line)
            entries.append(GoldEntry(found.group(1), urls, _entry_works(urls, line)))
    works: dict[str, set[str]] = {}
    for entry in entries:
        for work in entry.works:
            works.setdefault(work, set()).add(entry.label)
    labels = {e.label for e in entries}
    citations: list[GoldCitation] = []
    for line in lines[:heading]:
        tokens = sorted(
            [(m.start(), "link", m) for m in _MD_LINK.finditer(line) if not m.group(1)]
            + [(m.start(), "marker", m) for m in re.finditer(r"\[([\d,\s\-–—]+)\](?![(:\[])", line)],
            key=lambda t: t[0],
        )
        for _, kind, match in tokens:
            if kind == "link":
                targets = _cites(works, match.group(3))
                if targets:
                    citations.append(GoldCitation(match.group(3), targets))
            else:
                targets = _marker_targets(match.group(1), labels)
                if targets:
                    citations.append(GoldCitation(match.group(0), targets))
    return Gold(entries, citations)


# --- HTML -----------------------------------------------------------------------------------


def _heading_text(tag: Tag) -> str:
    return re.sub(r"[#¶§]+$", "", tag.get_text(" ", strip=True)).strip()


def gold_html_refs(html: str) -> Gold:
    """A References heading followed by ``[n]`` paragraphs or list items, and the body links."""
    soup = BeautifulSoup(html, "lxml")
    heading = next(
        (h for h in soup.find_all(re.compile(r"^h[1-6]$")) if _REF_TITLE.match(_heading_text(h))), None
    )
    if heading is None:
        return Gold([], [])
    entries: list[GoldEntry] = []
    entry_tags: list[Tag] = []
    for node in heading.find_all_next(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6"]):
        if re.match(r"^h[1-6]$", node.name):
            break
        text = node.get_text(" ", strip=True)
        found = re.match(r"^\[(\d+)\]", text)
        if found:
            urls = [str(a["href"]) for a in node.find_all("a", href=True)]
            entries.append(GoldEntry(found.group(1), urls, _entry_works(urls, text)))
            entry_tags.append(node)
    works: dict[str, set[str]] = {}
    for entry in entries:
        for work in entry.works:
            works.setdefault(work, set()).add(entry.label)
    labels = {e.label for e in entries}
    citations: list[GoldCitation] = []
    for node in soup.descendants:  # the whole page: broken nesting can put the heading anywhere
        if node is heading:
            break
        if isinstance(node, Tag) and node.name == "a" and node.get("href"):
            if node.find_parent(["pre", "code"]):
                continue
            targets = _cites(works, str(node["href"]))
            if targets:
                citations.append(GoldCitation(str(node["href"]), targets))
        elif isinstance(node, str) and not isinstance(node, Tag):
            if node.find_parent(["pre", "code", "script", "style", "a"]) is not None:
                continue
            for match in re.finditer(r"\[([\d,\s\-–—]+)\]", str(node)):
                targets = _marker_targets(match.group(1), labels)
                if targets:
                    citations.append(GoldCitation(match.group(0), targets))
    return Gold(entries, citations)


def gold_wikipedia(html: str) -> Gold:
    """Every ``ol.references`` item, labelled as shown, and every reference marker."""
    soup = BeautifulSoup(html, "lxml")
    owner: dict[str, tuple[int, int]] = {}  # li id -> (list index, position)
    lists = soup.select("ol.references")
    for index, ol in enumerate(lists):
        for position, li in enumerate(ol.find_all("li", recursive=False), start=1):
            if li.get("id"):
                owner[str(li["id"])] = (index, position)
    prefixes: dict[int, str] = {}
    markers: list[tuple[str, str]] = []
    for sup in soup.select("sup.reference"):
        anchor = sup.find("a", href=True)
        target = str(anchor["href"]).split("#", 1)[-1] if anchor else ""
        if target not in owner:
            continue
        shown = sup.get_text("", strip=True).strip("[]")
        prefix = re.sub(r"\d+$", "", shown)
        prefixes.setdefault(owner[target][0], prefix)
        markers.append((sup.get_text("", strip=True), target))
    entries: list[GoldEntry] = []
    label_of: dict[str, str] = {}
    for index, ol in enumerate(lists):
        for position, li in enumerate(ol.find_all("li", recursive=False), start=1):
            label = f"{prefixes.get(index, '')}{position}"
            if li.get("id"):
                label_of[str(li["id"])] = label
            urls = [
                str(a["href"])
                for a in li.select("a.external[href]")
                if "archive.org" not in str(a["href"]) and "archive.today" not in str(a["href"])
            ]
            text = li.get_text(" ", strip=True)
            works = {w for w in (work_identity(u) for u in urls[:1]) if w}
            works |= {"doi:" + d.lower().rstrip(".") for d in re.findall(r"\bdoi:\s*(10\.\d{4,9}/\S+)", text)}
            entries.append(GoldEntry(label, urls, works))
    citations = [GoldCitation(marker, {label_of[target]}) for marker, target in markers]
    return Gold(entries, citations)


def gold_for(path: Path) -> Gold:
    """The gold of one article file, by the kind its folder (or name) says it is."""
    text = path.read_text(encoding="utf-8", errors="replace")
    name = path.parent.name if path.name.startswith("article.") else path.stem
    if name.startswith("md-footnotes"):
        return gold_markdown_footnotes(text)
    if name.startswith("md-refs"):
        return gold_markdown_refs(text)
    if name.startswith("html-refs"):
        return gold_html_refs(text)
    return gold_wikipedia(text)
