"""judge_article and evidence_findings on a small hand-made article with five sources.

The verdicts asserted here are the lexical judge's (pinned); the trained judge on the same
article is tested in test_evidence_model_judge.py.
"""

from __future__ import annotations

import pytest
from evidence_sample import sample_article, sample_sources

from claimgraph.evidence import evidence_findings, judge_article
from claimgraph.evidence.article import cited_endnotes, introduces_what_follows
from claimgraph.model import Claim, Source


@pytest.fixture(scope="module")
def judged():
    article, sources = sample_article(), sample_sources()
    return article, sources, judge_article(article, sources, judge="lexical")


def _pair(evidence, claim, endnote):
    return next(e for e in evidence if e.claim == claim and e.endnote == endnote)


def test_paragraph_end_citations_cover_earlier_sentences() -> None:
    cited = cited_endnotes(sample_article())
    assert cited["c1"] == {1: True, 2: False}
    assert cited["c2"] == {2: True}
    assert cited["c3"] == {4: True, 5: False}


def test_cited_sources_come_first_and_are_always_reported(judged) -> None:
    _, _, evidence = judged
    for_c2 = [e for e in evidence if e.claim == "c2"]
    assert [e.endnote for e in for_c2[:1]] == [2]
    assert for_c2[0].cited and for_c2[0].stance == "unrelated"
    assert _pair(evidence, "c1", 1).stance == "supports"
    assert _pair(evidence, "c3", 4).stance == "disputes"


def test_uncited_sources_are_found_as_candidates(judged) -> None:
    _, _, evidence = judged
    other = _pair(evidence, "c2", 3)
    assert not other.cited and other.stance == "supports"
    assert "330 metres" in other.quotes[0].text


def test_quotes_index_the_source_text(judged) -> None:
    _, sources, evidence = judged
    for item in evidence:
        text = sources[item.endnote].text
        for quote in item.quotes:
            assert text[quote.start : quote.end] == quote.text


def test_findings_unsupported_better_and_dates(judged) -> None:
    article, sources, evidence = judged
    findings = evidence_findings(article, evidence, sources)
    kinds = {(f.kind, tuple(f.endnotes)) for f in findings}
    assert ("unsupported_citation", (2,)) in kinds
    assert ("unsupported_citation", (4,)) in kinds
    assert ("unsupported_citation", (1,)) not in kinds
    better = next(f for f in findings if f.kind == "better_citation")
    assert better.details["suggested"] == 3 and better.details["cited"] == 2
    assert "endnote 3" in better.message.lower()
    dated = next(f for f in findings if f.kind == "citation_date_order")
    assert dated.details == {
        "followed": 4,
        "follow_up": 5,
        "followed_date": "2021-06-01",
        "follow_up_date": "2019-02-01",
    }
    severity = {f.endnotes[0]: f.severity for f in findings if f.kind == "unsupported_citation"}
    assert severity[4] == "high"  # the source disputes the sentence


def test_sources_without_text_are_skipped() -> None:
    article = sample_article()
    sources = {1: Source(url="https://example.org/dead", health="dead")}
    assert judge_article(article, sources, judge="lexical") == []
    kinds = {f.kind for f in evidence_findings(article, [], sources)}
    assert "unsupported_citation" not in kinds and "better_citation" not in kinds


def test_extra_sources_have_no_endnote() -> None:
    article = sample_article()
    extra = Source(url="https://example.net/tower", text="The Eiffel Tower was completed in "
                   "1889 for the World's Fair held in Paris that year.")
    evidence = judge_article(article, {}, extra_sources=[extra], judge="lexical")
    item = next(e for e in evidence if e.claim == "c1")
    assert item.endnote is None and not item.cited and item.stance == "supports"
    assert item.source_url == "https://example.net/tower"


def test_verdicts_carry_to_restating_and_contradicting_claims(monkeypatch) -> None:
    monkeypatch.setattr("claimgraph.evidence.article.OTHER_CANDIDATES", 0)  # cited sources only
    article = sample_article()
    article.claims.append(Claim(id="c5", text="In healthy adults, drinking coffee does raise "
                                "the risk of heart disease.", section="Body", start=0, end=0,
                                block=2))
    evidence = judge_article(article, sample_sources(), judge="lexical")
    carried = [e for e in evidence if e.claim == "c5" and e.endnote == 4]
    assert carried and carried[0].stance == "supports" and carried[0].judge.endswith("contradicts")
    assert not carried[0].cited
    assert len(judge_article(article, sample_sources(), relations=False, judge="lexical")) < len(evidence)


def test_a_lead_in_that_introduces_a_list_is_not_judged() -> None:
    """ "In the coffee study:" restates a source's words but asserts nothing; with a negation in
    the source the lexical cue used to call it disputed. The sentence after it is still judged."""
    article, sources = sample_article(), sample_sources()
    lead = Claim(id="lead", text="In the coffee study of healthy adults: [4]", section="Body",
                 start=len(article.text), end=len(article.text) + 40, block=2)
    follows = Claim(id="after", text="Coffee drinkers sleep less than tea drinkers.", section="Body",
                    start=lead.end + 1, end=lead.end + 46, block=2)
    article.claims += [lead, follows]
    evidence = judge_article(article, sources, judge="lexical")
    assert not [e for e in evidence if e.claim == "lead"]
    assert any(e.claim == "after" and e.stance == "supports" for e in evidence)


@pytest.mark.parametrize(("text", "leads_in"), [
    ("In the experiment:", True), ("They found that: [3]", True), ("**Key results:**", True),
    ("Results (see below):", True), ("The ratio was 3:1.", False), ('He said: "yes"', False),
    ("Note: the tower is 330 metres tall.", False),
])
def test_what_counts_as_a_lead_in(text: str, leads_in: bool) -> None:
    assert introduces_what_follows(text) is leads_in


def test_evidence_names_the_judge_that_decided_a_combined_verdict(monkeypatch) -> None:
    from claimgraph.evidence import judges
    from claimgraph.evidence.judges import Verdict

    class Combining:
        name = "combined"

        def judge(self, claim, document, idf=None):
            if "coffee" in claim.lower():
                return Verdict("disputes", 0.8, 0.4, [], decided_by="inner-model")
            return Verdict("supports", 0.9, 0.9, [])

    monkeypatch.setitem(judges._CACHE, "combined", Combining())
    evidence = judge_article(sample_article(), sample_sources(), judge="combined", relations=False)
    named = {(e.claim, e.judge) for e in evidence if e.cited}
    assert ("c3", "combined (inner-model)") in named and ("c1", "combined") in named
