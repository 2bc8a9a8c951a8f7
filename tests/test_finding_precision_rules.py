"""Findings an editor would not act on, from the structure of writing (hand-made fixtures).

Each test reproduces a structure seen in real articles with invented text: a work named by a
short name, the author's own survey, a sentence restating the paper cited just before, a date
read as an author, and citations in HTML placed by heading and paragraph.
"""

from __future__ import annotations

from test_finding_rules import FACT, _orphans, _uncited, article_with, note

from claimgraph.audit.checks import abbreviations
from claimgraph.audit.uncited import uncited_claims
from claimgraph.model import Section


def _with_list(entries, claims):
    article = article_with(entries, claims=claims)
    article.sections.append(Section("References", len(article.text), len(article.text), "endnotes"))
    return article


def test_short_names_come_from_the_entry_or_its_title_initials():
    entry = note(1, "https://arxiv.org/abs/2001.00001", "Tidal Adaptive Harbour Models")
    assert "TAHM" in abbreviations(entry)
    defined = note(2, None, None, text='2 Doe. "Sediment sensing at scale (SEDNet)." 2020.')
    assert "SEDNet" in abbreviations(defined)
    short = note(3, None, "Harbour Models")  # two initials are too weak to name a work
    assert abbreviations(short) == set()


def test_an_entry_the_text_names_by_its_short_name_is_cited():
    entries = [
        note(1, "https://arxiv.org/abs/2001.00001", "Tidal Adaptive Harbour Models"),
        note(2, None, None, text='2 Doe. "Sediment sensing at scale (SEDNet)." 2020.'),
        note(3, "https://arxiv.org/abs/2001.00003", "Coastal Erosion Under Storms"),
    ]
    claims = [
        "Early exits in TAHM save compute on calm days.",
        "SEDNet-style sensors watch the channel floor.",
        "Storms move sand along the coast every winter.",  # CEUS is never written
    ]
    assert [f.endnotes for f in _orphans(_with_list(entries, claims))] == [[3]]


def test_a_short_name_two_entries_share_names_neither():
    entries = [
        note(1, "https://arxiv.org/abs/2001.00001", "Tidal Adaptive Harbour Models"),
        note(2, "https://arxiv.org/abs/2001.00002", "Towards Accurate Harbour Maps"),
    ]
    claims = ["TAHM is what the harbour team calls its planning method."]
    assert [f.endnotes for f in _orphans(_with_list(entries, claims))] == [[1], [2]]


def _one_paragraph(claims: list[str]) -> list[str]:
    """``_uncited`` with the given claims forming one paragraph after the cited ones."""
    notes = [note(n, f"https://example.org/{n}", f"Work {n}") for n in range(1, 5)]
    article = article_with(
        notes, cited=[1, 2, 3, 4], claims=[f"Cited sentence {n} is here." for n in range(4)] + claims
    )
    for claim in article.claims[4:]:
        claim.block = 4
    return [f.message for f in uncited_claims(article, other_findings=0)]


def test_figures_of_the_authors_own_survey_are_not_uncited():
    survey = "Of the respondents, 62% rated the new channel as safe in 2023."
    assert _one_paragraph(["One thing we found hard was reaching the night pilots.", survey]) == []
    assert _one_paragraph(["In our survey the questions were short.", survey]) == []
    assert len(_one_paragraph(["The night pilots were hard to reach.", survey])) == 1


def test_a_sentence_restating_the_paper_cited_just_before_is_not_uncited():
    restating = "According to their experiments, the new dredger moves 4.2 million tonnes a year."
    assert _uncited([restating]) == []  # the paragraph before cites: it restates that source
    assert len(_uncited(["The harbour office is built of old grey stone.", restating])) == 1
    assert _uncited(["The authors report that dredging took 3 years in total at the port."]) == []


def test_a_month_or_a_preposition_before_a_year_is_a_date_not_an_author():
    assert len(_uncited(["In 2019 the harbour handled 4.2 million tonnes of cargo, a record."])) == 1
    assert len(_uncited(["The port was dredged in March 2021 and reopened to 300 ships."])) == 1
    assert len(_uncited(["The port was dredged in May 2021 and reopened to 300 ships."])) == 1
    assert _uncited(["The port may reopen to 300 ships after the dredging in 2021."]) == []  # a hedge
    assert _uncited(["The port reopened to 300 ships, as Lovell et al. 2021 describe it."]) == []
    assert len(_uncited([FACT])) == 1


def test_html_citations_are_placed_by_heading_and_paragraph(tmp_path):
    from claimgraph import audit
    from claimgraph.audit.json_report import audit_to_json
    from claimgraph.audit.pipeline import AuditOptions

    page = tmp_path / "post.html"
    page.write_text(
        "<html><body><article><h1>Tides</h1><p>Tides rose in the bay.<sup><a href='#fn1'>1</a></sup></p>"
        "<h2>Silt</h2><p>Silt is fine.</p><p>Silt built up by 2 metres.<sup><a href='#fn2'>2</a></sup></p>"
        "<ol class='footnotes'><li id='fn1'>Doe. <a href='https://example.org/tides'>Tides report</a>.</li>"
        "<li id='fn2'>Roe. <a href='https://example.org/silt'>Silt report</a>.</li></ol>"
        "<h2>Further reading</h2><ul><li><a href='https://example.org/book'>A harbour book</a></li></ul>"
        "</article></body></html>"
    )
    result = audit(page, options=AuditOptions(evidence=False))
    places = [c.place for c in result.article.citations if c.endnote is not None]
    assert places == ["section “Tides”, paragraph 1", "section “Silt”, paragraph 2"]
    doc = audit_to_json(result)
    assert [c["place"] for c in doc["citations"] if c["endnote"]] == places
    reading = [e for e in result.article.endnotes if e.section == "Further reading"]
    assert doc["summary"]["reading_list_entries"] == len(reading) >= 1
    assert doc["summary"]["uncited_reading_list_entries"] == len(reading)


def test_markdown_citations_keep_their_line_and_no_place(tmp_path):
    from claimgraph.article.load import load_article

    post = tmp_path / "post.md"
    post.write_text("# Tides\n\nTides rose in the bay.[^a]\n\n[^a]: Doe. Tides report. 2019.\n")
    (citation,) = load_article(post).citations
    assert citation.line == 3 and citation.place is None


def test_an_entry_cited_only_in_a_commented_out_passage_says_so(tmp_path):
    from claimgraph import audit
    from claimgraph.audit.pipeline import AuditOptions

    post = tmp_path / "post.md"
    post.write_text(
        "# Tides\n\n## Body\n\nTides rise ([Doe, 2019](https://example.org/tides.pdf)).\n\n"
        "<!--\nSilt builds up ([Roe, 2020](http://www.example.org/silt.pdf)).\n-->\n\n"
        "## References\n\n"
        '[1] Ada Doe. ["Tides."](https://example.org/tides.pdf) 2019.\n\n'
        '[2] Ben Roe. ["Silt."](http://www.example.org/silt.pdf) 2020.\n\n'
        '[3] Cy Poe. ["Sand."](https://example.org/sand.pdf) 2021.\n'
    )
    result = audit(post, options=AuditOptions(evidence=False))
    orphans = {f.endnotes[0]: f for f in result.findings if f.kind == "orphan_endnote"}
    assert set(orphans) == {2, 3}
    assert "commented out" in orphans[2].message and "line 8" in orphans[2].message
    assert orphans[2].fix.startswith("restore the commented-out passage")
    assert "commented out" not in orphans[3].message
