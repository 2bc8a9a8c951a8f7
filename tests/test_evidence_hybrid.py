"""The hybrid judge: lexical stance and support, the trained model's confident disputes."""

from __future__ import annotations

import pytest
from test_evidence_model_judge import CONTRADICTIONS

from claimgraph.errors import InputError
from claimgraph.evidence import JUDGES, judge_text, judges
from claimgraph.evidence.hybrid import DISPUTES_AT, HybridJudge, combine
from claimgraph.evidence.judges import DEFAULT_JUDGE, Verdict, get_judge
from claimgraph.evidence.lexical import LexicalJudge
from claimgraph.evidence.retrieval import document_from_text
from claimgraph.model import Quote

LEXICAL_QUOTE = Quote("the lexical judge's passage", 0, 27)
MODEL_QUOTE = Quote("the model's passage", 30, 49)


def lexical(stance: str, support: float = 0.4) -> Verdict:
    return Verdict(stance, 0.6, support, [LEXICAL_QUOTE])


def model_verdict() -> Verdict:
    return Verdict("disputes", 0.7, 0.1, [MODEL_QUOTE])


def test_the_registry_lists_the_hybrid_and_it_shares_the_loaded_model() -> None:
    assert "hybrid" in JUDGES
    hybrid = get_judge("hybrid")
    assert isinstance(hybrid, HybridJudge) and hybrid.name == "hybrid"
    assert hybrid.model is get_judge("model")  # the model loads once per process
    assert get_judge("hybrid") is hybrid


def test_the_model_overrides_only_from_the_threshold_on() -> None:
    below = combine(lexical("mentions"), DISPUTES_AT - 0.01, model_verdict())
    assert below == lexical("mentions")
    at = combine(lexical("supports", 0.8), DISPUTES_AT, model_verdict())
    assert at.stance == "disputes" and at.confidence == DISPUTES_AT
    assert at.support == 0.8  # the ranking score stays the lexical one
    assert at.quotes[0] == MODEL_QUOTE  # the quote of the judge that decided
    assert at.decided_by == "model" and at.as_dict()["decided_by"] == "model"
    assert below.decided_by == "" and "decided_by" not in below.as_dict()
    assert combine(lexical("mentions"), 0.99, None).quotes == [LEXICAL_QUOTE]


def test_an_off_topic_source_or_a_lexical_dispute_is_left_alone() -> None:
    assert combine(lexical("unrelated"), 0.99, model_verdict()).stance == "unrelated"
    kept = combine(lexical("disputes"), 0.99, model_verdict())
    assert kept == lexical("disputes")


@pytest.mark.parametrize("judge", ["hybrid", "default"])
@pytest.mark.parametrize(("claim", "source"), CONTRADICTIONS)
def test_the_hand_contradictions_come_out_disputes(claim: str, source: str, judge: str) -> None:
    verdict = judge_text(claim, source, judge=judge)
    assert verdict.stance == "disputes", verdict
    assert source[verdict.quotes[0].start : verdict.quotes[0].end] == verdict.quotes[0].text


def test_a_restatement_still_supports() -> None:
    source = ("The museum opened in Paris in 1937. It holds about 20,000 works of modern art "
              "and receives a million visitors a year.")
    verdict = judge_text("The museum opened in Paris in 1937.", source, judge="hybrid")
    assert verdict.stance == "supports"
    assert verdict.support == judge_text("The museum opened in Paris in 1937.", source,
                                         judge="lexical").support


def test_the_model_reads_only_cited_on_topic_sources() -> None:
    hybrid = get_judge("hybrid")
    claim = "The bridge was opened to traffic in 1932 after five years of work."
    on_topic = document_from_text("The bridge was opened to traffic in 1932, after five years.")
    off_topic = document_from_text("Bananas grow in warm climates and are rich in potassium.")
    before = hybrid.model.inputs_judged
    parts = hybrid.parts([(claim, [on_topic, on_topic, off_topic], [True, False, True])])[0]
    assert hybrid.model.inputs_judged - before == 1  # the cited, on-topic source only
    assert [dispute > 0 or model is not None for _, dispute, model in parts] == [True, False, False]


def test_one_batch_gives_what_one_pair_at_a_time_gives() -> None:
    hybrid = get_judge("hybrid")
    pairs = [(claim, document_from_text(source)) for claim, source in CONTRADICTIONS]
    batched = hybrid.judge_batch([(claim, [doc], [True]) for claim, doc in pairs])
    assert [v[0].stance for v in batched] == [hybrid.judge(c, d).stance for c, d in pairs]


def test_without_the_model_it_falls_back_to_lexical_and_says_so_once(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setattr("claimgraph.evidence.onnx_judge.MODEL_DIR", tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_JUDGE_DIR", raising=False)
    with pytest.raises(InputError, match="no trained judge"):
        get_judge("hybrid")
    heard: list[str] = []
    assert isinstance(get_judge("hybrid", on_notice=heard.append), LexicalJudge)
    assert len(heard) == 1 and heard[0].startswith("hybrid judge unavailable")
    assert "\n" not in heard[0]
    heard.clear()
    assert isinstance(get_judge("default", on_notice=heard.append), LexicalJudge)
    assert len(heard) == (1 if DEFAULT_JUDGE in ("model", "hybrid") else 0)


def test_the_hybrid_needs_the_trained_judge_not_its_fallback(monkeypatch) -> None:
    monkeypatch.setattr(judges, "_CACHE", {"model": LexicalJudge()})
    with pytest.raises(InputError, match="needs the trained judge"):
        HybridJudge()


def test_an_audit_with_the_hybrid_names_it_and_keeps_lexical_support() -> None:
    from evidence_sample import sample_article, sample_sources

    from claimgraph.evidence.article import judge_article

    hybrid = judge_article(sample_article(), sample_sources(), judge="hybrid", relations=False)
    plain = judge_article(sample_article(), sample_sources(), judge="lexical", relations=False)
    model_name = get_judge("model").name
    assert {e.judge for e in hybrid} <= {"hybrid", f"hybrid ({model_name})"}
    for item in hybrid:  # a dispute the model decided says so; every other verdict is the hybrid's
        assert (item.judge != "hybrid") == (item.stance == "disputes" and item.cited
                                             and item.stance != _lexical_stance(plain, item))
    assert [(e.claim, e.source_url, e.support) for e in hybrid] == \
        [(e.claim, e.source_url, e.support) for e in plain]
    for h, p in zip(hybrid, plain, strict=True):
        assert h.stance == p.stance or (h.stance == "disputes" and h.cited)


def test_judge_and_audit_help_say_which_judge_is_default(capsys) -> None:
    from claimgraph.cli import main

    with pytest.raises(SystemExit):
        main(["judge", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"default ({DEFAULT_JUDGE})" in out and "hybrid" in out
    if DEFAULT_JUDGE == "hybrid":
        assert "the default is the hybrid judge" in out and "held out" in out
    with pytest.raises(SystemExit):
        main(["audit", "--help"])
    assert f"default ({DEFAULT_JUDGE})" in " ".join(capsys.readouterr().out.split())


def _lexical_stance(plain: list, item) -> str:
    return next(e.stance for e in plain if (e.claim, e.source_url) == (item.claim, item.source_url))
