"""Each finding rule of docs/findings.md: it fires on the true case and not on the look-alike.

The look-alikes reproduce, with made-up text, the structures that produced false findings on
real articles: a spreadsheet tab parameter, section anchors, a country in a title, a year-only
date beside an arXiv month, a question or legal citation as a title, a prose footnote.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.article.dedupe import duplicate_groups
from claimgraph.article.titles import title_problem
from claimgraph.article.urls import canonical_url, work_identifiers
from claimgraph.audit.checks import article_findings, finish_findings
from claimgraph.audit.date_checks import date_findings
from claimgraph.model import Article, Citation, Claim, Endnote, Section

TODAY = date(2025, 6, 1)


def note(number: int, url: str | None = None, title: str | None = None, **fields) -> Endnote:
    """An endnote as a reader would build it from a reference list entry."""
    text = fields.pop("text", None) or " ".join(p for p in (title and f'"{title}."', url) if p)
    return Endnote(
        number=number,
        section=fields.pop("section", "References"),
        title=title,
        raw_url=url,
        url=url,
        canonical_url=canonical_url(url),
        identifiers=work_identifiers(url, text),
        text=text,
        **fields,
    )


def article_with(endnotes: list[Endnote], cited: list[int] = (), claims: list[str] = (), **fields) -> Article:
    """An article whose i-th claim cites endnote ``cited[i]`` (the rest of the claims cite nothing)."""
    texts = list(claims) or [f"Sentence number {i} states a plain thing." for i in range(len(cited))]
    made, citations, position = [], [], 0
    for index, text in enumerate(texts):
        claim = Claim(f"c{index}", text, "Body", position, position + len(text), block=index)
        if index < len(cited):
            citation = Citation(
                f"c{index}.1", claim.id, str(cited[index]), claim.end, claim.end, endnote=cited[index]
            )
            claim.citation_ids.append(citation.id)
            citations.append(citation)
        made.append(claim)
        position = claim.end + 2
    return Article(
        id="a",
        title="An article",
        text="\n\n".join(texts),
        format="markdown",
        sections=fields.pop("sections", [Section("Body", 0, position, "body")]),
        claims=made,
        citations=citations,
        endnotes=endnotes,
        **fields,
    )


def strengths(endnotes: list[Endnote]) -> list[tuple[str, list[int]]]:
    return [(g.strength, g.endnotes) for g in duplicate_groups(endnotes)]


# duplicates ---------------------------------------------------------------------------------


def test_one_finding_per_group_with_its_strongest_evidence():
    notes = [
        note(
            1,
            "https://example.org/reports/ocean-heat?utm_source=x",
            "Ocean Heat Content Rises Again in the Pacific",
            published="2024-03-02",
        ),
        note(
            2,
            "https://example.org/reports/ocean-heat",
            "Ocean Heat Content Rises Again in the Pacific",
            published="2024-03-02",
        ),
        note(
            3,
            "https://example.org/news/ocean-heat",
            "Ocean Heat Content Rises Again in the Pacific",
            published="2024-03-02",
        ),
    ]
    assert strengths(notes) == [("likely", [1, 2, 3])]
    findings = [
        f
        for f in article_findings(article_with(notes, cited=[2, 2, 1]), duplicate_groups(notes))
        if f.kind == "duplicate"
    ]
    assert len(findings) == 1
    assert "the same link" in findings[0].message and "title and date" in findings[0].message
    assert (
        "keep endnote [2]" in findings[0].fix and "move the citations of endnotes [1], [3]" in findings[0].fix
    )


def test_content_selecting_parameters_keep_pages_apart():
    sheet = "https://docs.example.com/spreadsheets/d/abc/edit?gid={}"
    notes = [
        note(n, sheet.format(n * 11), "Regional Rainfall Figures by Month", published="2023-01-05")
        for n in (1, 2)
    ]
    assert strengths(notes) == []
    tracked = [note(1, "https://example.org/a?id=7&utm_medium=mail"), note(2, "https://example.org/a?id=7")]
    assert strengths(tracked) == [("certain", [1, 2])]


def test_section_anchors_of_one_page_are_different_citations():
    page = "https://example.org/posts/long-guide/"
    assert strengths([note(1, page + "#history"), note(2, page + "#methods")]) == []
    assert strengths([note(1, page + "#history"), note(2, page + "#history")]) == [("certain", [1, 2])]


@pytest.mark.parametrize(
    "first, second",
    [
        (
            "Wildfire season outlook for Canada and the north",
            "Wildfire season outlook for Norway and the north",
        ),
        (
            "Annual survey of household energy use 2021 edition",
            "Annual survey of household energy use 2022 edition",
        ),
    ],
)
def test_a_distinguishing_word_keeps_titles_apart(first, second):
    notes = [
        note(1, "https://stats.example.org/a1", first, published="2022-05-01"),
        note(2, "https://stats.example.org/a2", second, published="2022-05-01"),
    ]
    assert strengths(notes) == []


def test_same_title_and_date_on_one_site_is_likely_and_a_crosspost_is_possible():
    title = "Measuring drift in long running sensor networks"
    notes = [
        note(1, "https://lab.example.org/blog/drift", title, published="2021-02-03"),
        note(2, "https://lab.example.org/papers/drift", title, published="2021-02-03"),
        note(3, "https://mirror.example.net/drift-copy", title),
    ]
    assert strengths(notes) == [("likely", [1, 2]), ("possible", [1, 2, 3])]


def test_a_paper_and_a_post_about_it_are_no_copies():
    """A preprint (arXiv id) and a blog post with its title announce one work in two documents."""
    title = "Measuring drift in long running sensor networks"
    paper = note(1, "https://arxiv.org/abs/2101.00042", title)
    post = note(2, "https://blog.lab.example.org/drift/", title)
    assert paper.identifiers and not post.identifiers
    assert strengths([paper, post]) == []
    assert strengths([post, note(4, "https://mirror.example.net/drift-copy", title)]) == [
        ("possible", [2, 4])
    ]


def test_a_chapter_is_not_its_book():
    isbn = "ISBN 978-0-306-40615-7"
    chapter = note(
        1,
        None,
        "Coastal trade before 1900",
        text=f'Smith (2001). "Coastal trade before 1900". In Jones (ed.). Harbours. {isbn}.',
    )
    book = note(2, None, "Harbours", text=f"Jones (2001). Harbours. {isbn}.")
    assert chapter.identifiers["isbn"] == book.identifiers["isbn"]
    assert strengths([chapter, book]) == []


# dates --------------------------------------------------------------------------------------


def _date_messages(endnotes: list[Endnote], **fields) -> list[str]:
    return [f.message for f in date_findings(article_with(endnotes, **fields), TODAY)]


def test_a_year_does_not_conflict_with_a_month_of_that_year():
    assert _date_messages([note(1, "https://arxiv.org/abs/1909.01234", "A Paper", published="2019")]) == []
    later_venue = [note(1, "https://arxiv.org/abs/1312.01234", "A Paper", published="2014")]
    assert _date_messages(later_venue) == []  # published at a venue the next year
    earlier = _date_messages([note(1, "https://arxiv.org/abs/1909.01234", "A Paper", published="2018")])
    assert len(earlier) == 1 and "before arXiv:1909.01234" in earlier[0]


def test_link_dates_at_the_precision_both_sides_state():
    assert (
        _date_messages([note(1, "https://news.example.com/2020/03/story/", "Story", published="2020")]) == []
    )
    assert (
        _date_messages([note(1, "https://news.example.com/2020/03/18/story/", "Story", published="2020-04")])
        == []
    )
    wrong = _date_messages(
        [note(1, "https://news.example.com/2016/07/story/", "Story", published="2019-02-01")]
    )
    assert len(wrong) == 1 and "2016-07" in wrong[0]
    upload = "https://society.example.org/wp-content/uploads/2012/05/paper.pdf"
    assert _date_messages([note(1, upload, "Paper", published="2008")]) == []  # uploaded later


def test_an_updated_article_may_cite_newer_sources():
    notes = [note(1, "https://example.org/x", "Later Work", published="2020-05")]
    claims = ["Updated on 2021-01-10: added a section on later work.", "Another sentence here."]
    assert _date_messages(notes, claims=claims, published="2019-01-01") == []
    assert len(_date_messages(notes, published="2019-01-01")) == 1


# titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, url, source",
    [
        ("When will the harbour reopen?", "https://example.org/when-will-the-harbour-reopen", None),
        ("C.I.A. Records Released on Harbour Survey", "https://cia.example.gov/records", "cia.example.gov"),
        (
            "10 U.S.C. § 164 – Commanders of combatant commands",
            "https://law.example.edu/uscode/10/164",
            "law.example.edu",
        ),
        ("Example – The Harbour Handbook", "https://example.org/handbook", "example.org"),
        ("If the Tide Turns: Essays on Coastal Policy", "https://example.org/essays", None),
        # a one-word lower-case name (a tool, a repository) is what its path segment is made from
        ("tidewatch", "https://code.example.org/harbour-lab/tidewatch", None),
    ],
)
def test_real_titles_are_left_alone(title, url, source):
    assert title_problem(note(1, url, title, source=source)) is None


def test_slug_like_titles_still_fire():
    problem = title_problem(
        note(1, "https://example.org/blog/harbour-dredging-plan/", "harbour dredging plan")
    )
    assert problem and problem.code == "slug_like"
    glued = title_problem(note(1, "https://example.org/x", "harbour-dredging-plan"))
    assert glued and glued.code == "slug_like"


def test_prose_footnotes_and_link_definitions_state_no_title():
    prose = note(
        1,
        "https://example.org/rfcs/0042-tidal_lock.html",
        "tidal lock",
        section="Footnotes",
        text='This feature is called "tidal lock" in the proposal https://example.org/rfcs/0042-tidal_lock.html.',
    )
    assert title_problem(prose) is None
    definition = note(
        2, "https://example.org/issues/42", None, text="[tracking-issue]: https://example.org/issues/42"
    )
    assert title_problem(definition) is None
    bare = note(
        3, "https://example.org/issues/43", None, text="https://example.org/issues/43 ", source="example.org"
    )
    assert title_problem(bare).code == "missing"


# orphans ------------------------------------------------------------------------------------


def _orphans(article: Article) -> list:
    from claimgraph.audit.sparql_checks import run_sparql_checks
    from claimgraph.graph.triples import build_article_graph

    groups = duplicate_groups(article.endnotes)
    findings = article_findings(article, groups) + run_sparql_checks(
        build_article_graph(article, groups), article.id
    )
    finish_findings(article, groups, findings)
    return [f for f in findings if f.kind == "orphan_endnote"]


def test_reading_lists_are_counted_not_reported():
    notes = [
        note(1, "https://example.org/cited", "Cited Work", section="Notes"),
        note(2, "https://example.org/uncited", "Uncited Note", section="Notes"),
        note(3, None, "A Book in the Bibliography", section="References", text="Doe, J. (1999). A Book."),
        note(4, "https://example.org/more", "More", section="External links", kind="further_reading"),
    ]
    orphans = _orphans(article_with(notes, cited=[1]))
    assert [f.endnotes for f in orphans] == [[2]]
    assert "Endnote [2]" in orphans[0].message


def test_an_orphan_that_duplicates_a_cited_entry_is_left_to_the_duplicate_finding():
    """One finding per problem: the duplicate finding names the keeper and moves the citations."""
    notes = [note(1, "https://example.org/paper"), note(2, "https://www.example.org/paper/")]
    article = article_with(notes, cited=[1])
    groups = duplicate_groups(article.endnotes)
    findings = article_findings(article, groups)
    finish_findings(article, groups, findings)
    assert not [f for f in findings if f.kind == "orphan_endnote"]
    (duplicate,) = [f for f in findings if f.kind == "duplicate"]
    assert duplicate.endnotes == [1, 2] and duplicate.fix.startswith("keep endnote [1]")
    assert "move the citations of endnote [2]" in duplicate.fix


# uncited claims -----------------------------------------------------------------------------

FACT = "The harbour handled 4.2 million tonnes of cargo in 2019, a record for the port."
NOT_FACTS = [
    "I think the harbour is the most beautiful place on the whole coast in 2019.",
    "“The harbour handled 4 million tonnes,” the mayor said at the 2019 opening.",
    "The throughput is $T = 4.2 \\times 10^6$ tonnes when the season has 200 days.",
    "Call `load_cargo(4, 2019)` for every ship that docks at the harbour tonight.",
    "Did the harbour really handle 4.2 million tonnes of cargo in 2019?",
    "We measured 4.2 million tonnes in our own survey of the harbour in 2019.",
    "Most people would agree the harbour should grow by 40 % in the coming years.",
    "The pilot model gets better when it wins more and more races against its older versions.",
]


def _uncited(claims: list[str], cited: int = 4) -> list[str]:
    notes = [note(n, f"https://example.org/{n}", f"Work {n}") for n in range(1, cited + 1)]
    article = article_with(
        notes,
        cited=list(range(1, cited + 1)),
        claims=[f"Cited sentence {n} is here." for n in range(cited)] + claims,
    )
    findings = article_findings(article, [])
    finish_findings(article, [], findings)
    return [f.message for f in findings if f.kind == "uncited_claim"]


def test_uncited_checkable_fact_fires_and_look_alikes_do_not():
    assert len(_uncited([FACT])) == 1
    assert len(_uncited(["The pilot model won every race against its older versions last season."])) == 1
    assert _uncited(NOT_FACTS) == []


def test_uncited_claims_need_an_article_that_cites_and_stay_a_small_share():
    assert _uncited([FACT], cited=1) == []
    many = [FACT.replace("2019", str(1990 + i)) for i in range(12)]
    assert len(_uncited(many)) == 1  # nothing else to report: at most one


def test_a_link_in_the_text_cites_its_reference_entry():
    """Author-year links: the body links the pdf, the list gives the abs page of one paper."""
    entry = note(
        1,
        "https://arxiv.org/abs/1804.01234",
        "Understanding Tidal Models",
        text='1 Doe, et al. "Understanding Tidal Models." 2018.',
    )
    link = note(2, "https://arxiv.org/pdf/1804.01234.pdf", None, section="Links")
    link.key = link.text = link.url
    assert strengths([entry, link]) == []
    assert _orphans(article_with([entry, link], cited=[2])) == []


def test_the_same_page_linked_twice_in_the_text_is_no_duplicate():
    links = [
        note(1, "http://example.org/kernels/", None, section="Links"),
        note(2, "http://example.org/kernels", None, section="Links"),
    ]
    for link in links:
        link.key = link.text = link.url
    definition = note(3, "https://example.org/kernels", None, text="[kernels]: https://example.org/kernels")
    assert strengths([*links, definition]) == []


def test_an_entry_named_in_author_date_form_is_cited():
    entries = [
        note(
            1,
            "https://example.org/tides.pdf",
            None,
            text="1 Ada Lovell, et al. Tidal prediction with kernels. ICML. 2015.",
        ),
        note(2, None, None, text="2 Ben Okafor and Chen Li. Harbour Dynamics. 2nd Edition. 2017."),
        note(3, None, None, text="3 Dara Quinn. Sediment transport revisited. 2019."),
    ]
    claims = [
        "Kernel methods predict tides well (Lovell et al. 2015) in most ports.",
        "As Okafor & Li (2017) show, harbours silt up.",
    ]
    article = article_with(entries, claims=claims)
    article.sections.append(Section("References", len(article.text), len(article.text), "endnotes"))
    assert [f.endnotes for f in _orphans(article)] == [[3]]


def test_in_an_author_date_article_an_entry_without_a_year_is_reading():
    entries = [
        note(1, None, None, text="1 Ada Lovell, et al. Tidal prediction. 2015."),
        note(2, None, None, text="2 Ben Okafor. Harbour dynamics. 2017."),
        note(3, None, None, text="3 Chen Li. Silt. 2018."),
        note(4, "https://video.example.com/tides", None, text="4 Lectures on tides by Dara Quinn on video."),
        note(5, None, None, text="5 Eve Park. Sediment transport revisited. 2019."),
    ]
    claims = [
        "Tides (Lovell et al. 2015) and harbours (Okafor 2017) differ.",
        "Silt builds up (Li 2018) over time.",
    ]
    article = article_with(entries, claims=claims)
    article.sections.append(Section("References", len(article.text), len(article.text), "endnotes"))
    assert [f.endnotes for f in _orphans(article)] == [[5]]


def test_an_entry_named_by_its_co_authors_and_year_is_cited():
    """The text gets the first author's name wrong but names the co-authors and the year."""
    entries = [
        note(1, None, None, text='1 Ada Lovell, Ben Okafor, and Chen Q. Li. "Tidal kernels." NeurIPS. 2016.'),
        note(2, None, None, text='2 Dara Quinn and Eve Park. "Silt and sand." 2016.'),
    ]
    claims = ["New tools predict tides better (Ada, Okafor, & Li, 2016) than tables do."]
    article = article_with(entries, claims=claims)
    article.sections.append(Section("References", len(article.text), len(article.text), "endnotes"))
    assert [f.endnotes for f in _orphans(article)] == [[2]]


def test_an_entry_whose_work_the_text_names_by_title_is_cited():
    """The body names the work as a capitalised name and links elsewhere (the author's own post)."""
    entries = [
        note(1, "https://arxiv.org/abs/1901.00001", "The Harbour Silt Hypothesis: Finding Sparse Channels"),
        note(2, "https://arxiv.org/abs/1901.00002", "Tidal turbine arrays"),
        note(3, "https://arxiv.org/abs/1901.00003", "Coastal Erosion Models"),
        note(4, "https://arxiv.org/abs/1901.00004", "Dredging"),
    ]
    claims = [
        "The Harbour Silt Hypothesis says most channels stay clear on their own.",
        "Tidal Turbine Arrays were first tried in the north.",
        "Simple coastal erosion models are easy to fit.",  # a phrase in lower case names nothing
        "Dredging costs money every year.",  # one word is too weak to name a work
    ]
    article = article_with(entries, claims=claims)
    article.sections.append(Section("References", len(article.text), len(article.text), "endnotes"))
    assert [f.endnotes for f in _orphans(article)] == [[3], [4]]


def test_recovered_html_nesting_is_no_input_problem(tmp_path):
    """An unmatched closing tag the lenient parse recovers loses nothing: it is no finding."""
    from claimgraph import audit
    from claimgraph.audit.pipeline import AuditOptions

    page = tmp_path / "post.html"
    page.write_text(
        "<html><body><article><h1>Tides</h1><figure><img src='t.png'></div></figure>"
        "<p>Tides rose 2 metres in 2019.<sup><a href='#fn1'>1</a></sup></p>"
        "<ol class='footnotes'><li id='fn1'>Doe. <a href='https://example.org/tides'>Tides report</a>."
        "</li></ol></article></body></html>"
    )
    result = audit(page, options=AuditOptions(evidence=False))
    assert not [f for f in result.findings if f.kind == "input_problem"]
    assert result.article.citations[0].endnote == 1
    assert not result.article.problems


def test_a_whole_book_named_by_its_edition_is_reading_not_an_orphan():
    entries = [
        note(
            1,
            "https://example.org/tides.pdf",
            "Tidal prediction with kernels",
            text="1 Ada Lovell. Tidal prediction with kernels. 2015.",
        ),
        note(
            2,
            "https://example.org/book",
            "Harbour Engineering",
            text="2 Ben Okafor. Harbour Engineering. 2nd Edition. 2017.",
        ),
        note(
            3,
            "https://example.org/silt.pdf",
            "Silt transport",
            text="3 Chen Li. Silt transport. Journal of Ports 4.1 (2018).",
        ),
    ]
    article = article_with(entries, cited=[1], claims=["Kernels predict tides well in most ports today."])
    assert [f.endnotes for f in _orphans(article)] == [[3]]
