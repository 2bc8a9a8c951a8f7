"""The endnote-text reader on the embedded sample and on hand-made articles of the same shape."""

from claimgraph.article.claims import segment_claims, split_sentences
from claimgraph.article.load import article_from_text, load_article
from claimgraph.article.readers import detect_format, read_text

SMALL = """Kicker Line
A Plain Title About Bees
A standfirst sentence that ends with a full stop.
On this page
- Why bees matter
Why bees matter
Bees pollinate a third of crops, according to the survey. Honey yields rose in 2023. [FAO]fao.orgBee survey 2023FAOThe state of pollinators report March 3, 2024…
- A bullet with one claim about wax prices falling sharply. [Agri News]agrinews.exampleWax prices fall as supply grows May 1, 2024 — Prices of wax fell…
Endnotes
-
Source: fao.org
Title: Bee survey 2023
Link: https://www.fao.org/bees/survey-2023?utm_source=newsletterSource snippet
FAOThe state of pollinators report March 3, 2024...
Published: March 3, 2024
-
Source: agrinews.example
Link: https://agrinews.example/2024/05/01/wax-prices/Source snippet
Wax prices fall as supply grows May 1, 2024 — Prices of wax fell...
Published: May 1, 2024
-
Source: unused.example
Title: never cited
Link: https://unused.example/never-cited -
Source: second.example
Link: https://second.example/page
Further reading
-
Source: more.example
Link: https://more.example/read
"""


def test_detects_the_endnote_text_format(sample_path):
    assert detect_format(sample_path.read_text(encoding="utf-8"), "") == "text"


def test_header_title_and_chrome():
    result = read_text(SMALL, "small.txt", "text")
    assert result.title == "A Plain Title About Bees"
    assert [s.title for s in result.sections if s.kind == "body"] == [
        "A Plain Title About Bees",
        "Why bees matter",
    ]
    texts = [SMALL[b.start : b.end] for b in result.blocks]
    assert not any(t.startswith(("On this page", "- Why bees", "Kicker")) for t in texts)


def test_endnote_blocks_fields_and_glued_dashes():
    result = read_text(SMALL, "small.txt", "text")
    notes = result.endnotes
    assert [n.number for n in notes] == [1, 2, 3, 4, 5]
    assert notes[0].title == "Bee survey 2023" and notes[0].published == "2024-03-03"
    assert notes[0].raw_url == "https://www.fao.org/bees/survey-2023?utm_source=newsletter"
    assert notes[1].title is None  # dropped by the source; recovered later from the snippet
    assert notes[2].raw_url == "https://unused.example/never-cited"  # " -" glued dash removed
    assert notes[3].source == "second.example"  # the glued dash started a new entry
    assert notes[4].kind == "further_reading" and notes[0].kind == "endnote"


def test_markers_split_domain_from_card():
    result = read_text(SMALL, "small.txt", "text")
    assert [(c.label, c.domain) for c in result.citations] == [
        ("FAO", "fao.org"),
        ("Agri News", "agrinews.example"),
    ]
    assert result.citations[0].card.startswith("Bee survey 2023FAO")


def test_citations_resolve_and_attach_to_their_sentence():
    article = article_from_text(SMALL, "small.txt", "text")
    first, second = article.citations
    assert (first.endnote, second.endnote) == (1, 2)
    owner = article.claim(first.claim)
    assert owner.text == "Honey yields rose in 2023."
    bullet = article.claim(second.claim)
    assert bullet.text.startswith("A bullet with one claim")
    assert "[" not in owner.text and "fao.org" not in owner.text


def test_sentence_splitting_respects_abbreviations():
    text = "Dr. Smith et al. found it, e.g. in 2020. R. Greenblatt agreed. It rose 3.5 percent."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "Dr. Smith et al. found it, e.g. in 2020.",
        "R. Greenblatt agreed.",
        "It rose 3.5 percent.",
    ]


def test_claim_ids_are_stable_and_local_to_edits(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    before = article_from_text(text, "a.txt", "text")
    again = article_from_text(text, "a.txt", "text")
    assert [c.id for c in before.claims] == [c.id for c in again.claims]
    edited_text = text.replace(
        "The core study examined Claude 3 Opus", "The main study examined Claude 3 Opus"
    )
    edited = article_from_text(edited_text, "a.txt", "text")
    changed = {c.id for c in before.claims} ^ {c.id for c in edited.claims}
    assert len(changed) == 2  # one claim's old and new id; every other id is unchanged


def test_claims_carry_offsets_into_the_text(sample_path):
    article = load_article(sample_path)
    for claim in article.claims:
        span = article.text[claim.start : claim.end]
        assert claim.text.split()[0] in span and claim.text.split()[-1] in span


def test_sample_reader_recovers_every_endnote_url(sample_path):
    article = load_article(sample_path)
    lines = [ln for ln in article.text.splitlines() if ln.startswith("Link:")]
    assert len(article.endnotes) == len(lines)
    for endnote in article.endnotes:
        assert endnote.url and "Source snippet" not in endnote.url and not endnote.url.endswith(" -")
        assert " " not in endnote.url


def test_segment_claims_with_no_blocks_is_empty():
    assert segment_claims("", [], []) == []


NUMBERED = """The Deep Sea Report
Scientists have mapped only a quarter of the ocean floor, according to recent surveys [1]. The mapping effort accelerated after 2017 [2][3].
Funding
Public funding for ocean science fell by 10 percent in 2020 [2]. Private foundations filled part of the gap [4].

References
1. Seabed 2030 Project. "Quarter of ocean floor mapped". https://seabed2030.org/news/quarter-mapped (2023-06-20)
2. Smith, J. (2021). Ocean funding trends. Marine Policy. https://doi.org/10.1016/j.marpol.2021.104567
3. https://www.example.org/ocean-mapping?utm_campaign=x
"""


def test_numbered_markers_and_free_form_references():
    article = article_from_text(NUMBERED, "deep-sea.txt", "text")
    assert article.title == "The Deep Sea Report"
    assert [(c.label, c.endnote) for c in article.citations] == [
        ("1", 1),
        ("2", 2),
        ("3", 3),
        ("2", 2),
        ("4", None),
    ]
    first = article.claim(article.citations[0].claim)
    assert first.text.startswith("Scientists have mapped"), (
        "a cited first paragraph is body, not a standfirst"
    )
    notes = article.endnotes
    assert (notes[0].title, notes[0].published) == ("Quarter of ocean floor mapped", "2023-06-20")
    assert (notes[1].title, notes[1].published) == ("Ocean funding trends", "2021")
    assert notes[1].identifiers == {"doi": "10.1016/j.marpol.2021.104567"}
    assert article.citations[-1].method == "key-missing"
