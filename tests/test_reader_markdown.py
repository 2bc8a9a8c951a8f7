"""The Markdown reader: footnotes, reference links and inline links become citations, endnotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.article.claims import segment_claims
from claimgraph.article.readers import detect_format, get_reader
from claimgraph.article.readers.base import ReadResult
from claimgraph.article.readers.markdown import MarkdownReader

FIXTURE = Path(__file__).parent / "fixtures" / "markdown" / "coral-reefs.md"


@pytest.fixture(scope="module")
def source() -> str:
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(source: str) -> ReadResult:
    return MarkdownReader().read(source, str(FIXTURE))


def _footnote_ids(source: str) -> tuple[list[str], set[str]]:
    """Footnote references in the body (in order) and the defined footnote ids."""
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", source, re.M))
    body = re.sub(r"^\[\^[^\]]+\]:.*(?:\n(?:[ \t]+.*))*", "", source, flags=re.M)
    return re.findall(r"\[\^([^\]]+)\]", body), defined


def _url_of(label: str, result: ReadResult) -> str | None:
    """The URL the fixture links from ``label`` (looked up in the Markdown source)."""
    match = re.search(rf"\[{re.escape(label)}\]\((\S+?)\)", FIXTURE.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def test_registry_and_detection_find_the_markdown_reader(source: str) -> None:
    assert isinstance(get_reader("markdown"), MarkdownReader)
    assert detect_format(source, "article.md") == "markdown"
    assert MarkdownReader().sniff(source, "") > 0.5
    assert MarkdownReader().sniff("<html><body><p>Hi</p></body></html>", "") < 0.2


def test_title_date_and_headings(result: ReadResult) -> None:
    assert result.title == "Why Coral Reefs Are Bleaching Faster"
    assert result.published == "2024-03-18"
    titles = [s.title for s in result.sections]
    assert "Causes" in titles and "Setext headings work too" in titles
    for section in result.sections:
        line = result.text[section.start :].split("\n", 1)[0]
        assert line == section.title  # each heading on its own line


def test_text_has_no_markup_and_blocks_skip_definitions(result: ReadResult) -> None:
    body = "\n".join(result.text[b.start : b.end] for b in result.blocks)
    for markup in ("](", "**", "[^", "<https", "*Acropora*"):
        assert markup not in body
    assert "Acropora" in body
    assert not any(line.lstrip().startswith("[^") for line in body.splitlines())
    assert all(b.section for b in result.blocks)
    bullets = [b for b in result.blocks if b.kind == "bullet"]
    assert len(bullets) == 5  # three bullets and two numbered items


def test_every_footnote_reference_becomes_a_citation(source: str, result: ReadResult) -> None:
    refs, defined = _footnote_ids(source)
    footnote_citations = [c for c in result.citations if c.start < c.end]  # visible markers
    assert [c.key for c in footnote_citations] == [f"fn:{i}" for i in refs]
    for citation in footnote_citations:
        assert result.text[citation.start : citation.end] == citation.label


def test_reused_footnote_is_one_endnote(source: str, result: ReadResult) -> None:
    refs, defined = _footnote_ids(source)
    reused = [i for i in set(refs) if refs.count(i) > 1]
    assert reused, "fixture should reuse a footnote"
    for ident in reused:
        notes = [e for e in result.endnotes if e.key == f"fn:{ident}"]
        assert len(notes) == 1
        markers = [c for c in result.citations if c.start < c.end]
        assert sum(c.key == f"fn:{ident}" for c in markers) == refs.count(ident)


def test_orphan_and_missing_footnotes(source: str, result: ReadResult) -> None:
    refs, defined = _footnote_ids(source)
    footnotes = [e for e in result.endnotes if e.section == "Footnotes"]
    assert {e.key for e in footnotes} == {f"fn:{i}" for i in defined}
    keys = {e.key for e in result.endnotes}
    for orphan in defined - set(refs):
        assert not any(c.key == f"fn:{orphan}" for c in result.citations)
        assert any(orphan in p and "never cited" in p for p in result.problems)
    for missing in set(refs) - defined:
        assert f"fn:{missing}" not in keys
        assert any(f"[^{missing}]" in p and "no definition" in p for p in result.problems)


def test_every_link_resolves_to_an_endnote_by_key(result: ReadResult) -> None:
    keys = {e.key for e in result.endnotes}
    unresolved = [c for c in result.citations if c.key not in keys]
    assert all(c.key.startswith("fn:") for c in unresolved)  # only the undefined footnote
    links = [e for e in result.endnotes if e.section == "Links"]
    assert len({e.raw_url for e in links}) == len(links)
    footnote_urls = {e.raw_url: e.key for e in result.endnotes if e.section == "Footnotes"}
    for citation in result.citations:  # a link to a footnote's URL resolves to that footnote
        if citation.key.startswith("fn:") and not citation.label.startswith("["):
            assert footnote_urls.get(_url_of(citation.label, result)) == citation.key
    assert any(c.key.startswith("fn:") and not c.label.startswith("[") for c in result.citations)
    assert not set(footnote_urls) & {e.raw_url for e in links}
    titled = {e.raw_url: e.title for e in links if e.title}
    assert titled == {"https://www.aims.gov.au/research": "AIMS research"}  # [text](url "title")
    for citation in result.citations:
        if citation.key and citation.key.startswith("http"):
            assert citation.start == citation.end  # zero width: link text stays readable
            assert citation.domain and citation.domain in citation.key


def test_reference_definitions_are_endnotes(source: str, result: ReadResult) -> None:
    definitions = re.findall(r"^\[([^\]^][^\]]*)\]:\s*(\S+)", source, re.M)
    references = [e for e in result.endnotes if e.section == "References"]
    assert [e.raw_url for e in references] == [url for _, url in definitions]
    assert references[0].title and references[0].title.startswith("Longer and more frequent")


def test_endnotes_numbered_in_text_order(result: ReadResult) -> None:
    assert [e.number for e in result.endnotes] == list(range(1, len(result.endnotes) + 1))
    starts = [e.start for e in result.endnotes]
    assert starts == sorted(starts)
    for note in result.endnotes:
        assert note.text and note.text in result.text[note.start : note.end]
        section = next(s for s in result.sections if s.title == note.section)
        assert section.kind == "endnotes" and section.start <= note.start < section.end


def test_footnote_entries_parse_authors_dates_and_identifiers(result: ReadResult) -> None:
    by_key = {e.key: e for e in result.endnotes}
    multi_line = by_key["fn:acid"]
    assert "Ocean Acidification" in (multi_line.title or "")  # continuation line joined
    assert multi_line.identifiers.get("doi") == "10.1126/science.1152509"
    assert multi_line.identifiers.get("pmid") == "18079392"
    assert multi_line.authors == ["O. Hoegh-Guldberg", "P. J. Mumby"]
    assert multi_line.published == "2007"
    event = by_key["fn:event"]
    assert event.published == "2024-04-15"  # stated date, not the "Retrieved" date
    assert event.raw_url and event.raw_url.startswith("https://www.reuters.com/")
    assert by_key["fn:heritable"].identifiers.get("doi") == "10.1126/sciadv.abg6070"
    assert by_key["fn:unused"].identifiers.get("isbn") == "9780642322364"


def test_claims_keep_link_text_and_drop_markers(result: ReadResult) -> None:
    claims = segment_claims(result.text, result.blocks, result.citations)
    attached = {cid for claim in claims for cid in claim.citation_ids}
    in_blocks = [c for c in result.citations if any(b.start <= c.start < b.end for b in result.blocks)]
    assert len(attached) == len(in_blocks) == len(result.citations)
    for claim in claims:
        assert "[^" not in claim.text and not re.search(r"\[[a-z]+\]", claim.text)
    linked = next(c for c in claims if "Australian Institute of Marine Science" in c.text)
    assert linked.citation_ids


def test_no_endnotes_and_empty_body_are_problems_not_errors() -> None:
    plain = MarkdownReader().read("# Title\n\nJust a sentence with no sources.\n", "a.md")
    assert plain.blocks and not plain.endnotes
    assert any("nothing is cited" in p for p in plain.problems)
    empty = MarkdownReader().read("# Only a heading\n", "b.md")
    assert not empty.blocks and any("no paragraphs" in p for p in empty.problems)


def test_broken_markdown_does_not_raise() -> None:
    text = "Unclosed [link](http://x.org and `code\n\n[^a]: \n\n* \n[x][nowhere] and [^b]"
    result = MarkdownReader().read(text, "c.md")
    assert any("nowhere" in p for p in result.problems)
    for citation in result.citations:
        assert 0 <= citation.start <= citation.end <= len(result.text)


def test_reference_sections_written_as_lists_are_endnotes() -> None:
    path = FIXTURE.parent / "solar-storms.md"
    source = path.read_text(encoding="utf-8")
    result = MarkdownReader().read(source, str(path))
    sections = re.split(r"^## ", source, flags=re.M)
    items = {part.splitlines()[0]: len(re.findall(r"^(?:\d+\.|-) ", part, re.M)) for part in sections[1:]}
    for title, count in items.items():
        notes = [e for e in result.endnotes if e.section == title]
        assert len(notes) == count
    kinds = {e.section: e.kind for e in result.endnotes}
    assert kinds["Sources"] == "endnote" and kinds["Further reading"] == "further_reading"
    assert len(result.blocks) == 1  # only the body paragraph holds claims
    link = next(c for c in result.citations if c.start == c.end)
    target = next(e for e in result.endnotes if e.key == link.key)
    assert target.section == "Sources" and target.label == "1"  # the entry's visible number
    assert not any(e.section == "Links" for e in result.endnotes)
    assert [e.number for e in result.endnotes] == list(range(1, len(result.endnotes) + 1))
    assert [e.start for e in result.endnotes] == sorted(e.start for e in result.endnotes)
