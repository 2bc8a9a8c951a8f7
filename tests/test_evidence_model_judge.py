"""The shipped trained judge: disputes the lexical judge missed, aggregation, fallback, the CLI."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.evidence import judge_text, judges
from claimgraph.evidence.judges import DEFAULT_JUDGE, JUDGE_SUMMARY, get_judge
from claimgraph.evidence.lexical import LexicalJudge
from claimgraph.evidence.onnx_judge import OnnxJudge, Scored, aggregate, model_available

# (claim, source): each source contradicts its claim. The lexical judge called the first three
# "supports" and the last one "mentions" (issue 11).
CONTRADICTIONS = [
    ("Unemployment rose sharply last year.",
     "Official figures show that unemployment has fallen sharply over the last year."),
    ("Exports increased in 2020.", "In 2020 exports decreased, the statistics office said."),
    ("The sky is green.", "It is never green."),
    ("The bridge was opened to traffic in 1932.",
     "The bridge was opened to traffic in 1937 after five years of work."),
]


def test_the_trained_judge_ships_and_loads_once() -> None:
    assert model_available()
    judge = get_judge("model")
    assert isinstance(judge, OnnxJudge)
    assert judge is get_judge("model")  # loaded once per process
    # the default follows the rule on held-out figures (judge_card.model_is_default)
    assert get_judge("default") is get_judge(DEFAULT_JUDGE)
    assert judge.name in JUDGE_SUMMARY


@pytest.mark.parametrize("judge", ["model", "lexical", "default"])
@pytest.mark.parametrize(("claim", "source"), CONTRADICTIONS)
def test_contradictions_come_out_disputes(claim: str, source: str, judge: str) -> None:
    verdict = judge_text(claim, source, judge=judge)
    assert verdict.stance == "disputes", verdict
    assert source[verdict.quotes[0].start : verdict.quotes[0].end] == verdict.quotes[0].text


def test_a_restatement_supports_and_an_unrelated_text_does_not() -> None:
    source = ("The museum opened in Paris in 1937. It holds about 20,000 works of modern art "
              "and receives a million visitors a year.")
    assert judge_text("The museum opened in Paris in 1937.", source, judge="model").stance == \
        "supports"
    off_topic = judge_text("The museum opened in Paris in 1937.",
                           "Bananas grow in warm climates and are rich in potassium.",
                           judge="model")
    assert off_topic.stance in ("mentions", "unrelated")


def test_aggregation_rule() -> None:
    weak_support = Scored(0, 0.55, 0.05, 0.40)
    strong_dispute = Scored(1, 0.05, 0.90, 0.05)
    undecided = Scored(2, 0.20, 0.20, 0.60)
    assert aggregate([weak_support, strong_dispute], 0.5, 0.6) == ("disputes", strong_dispute)
    strong_support = Scored(3, 0.95, 0.01, 0.04)
    assert aggregate([strong_support, Scored(4, 0.1, 0.7, 0.2)], 0.5, 0.6)[0] == "supports"
    assert aggregate([undecided, Scored(5, 0.1, 0.55, 0.35)], 0.5, 0.6)[0] == "neither"


def test_default_is_lexical_and_a_missing_model_falls_back_and_says_why(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setattr("claimgraph.evidence.onnx_judge.MODEL_DIR", tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_JUDGE_DIR", raising=False)
    heard: list[str] = []
    assert isinstance(get_judge("default", on_notice=heard.append), LexicalJudge)
    assert len(heard) == (0 if DEFAULT_JUDGE == "lexical" else 1)  # no model in tmp_path
    heard.clear()
    with pytest.raises(InputError, match="no trained judge"):
        get_judge("model")
    judge = get_judge("model", on_notice=heard.append)
    assert isinstance(judge, LexicalJudge)
    assert len(heard) == 1 and "model judge unavailable" in heard[0] and "\n" not in heard[0]


def test_audit_reports_the_fallback_once(tmp_path, monkeypatch) -> None:
    from evidence_sample import sample_article, sample_sources

    from claimgraph.evidence.article import judge_article
    from claimgraph.evidence.findings import judge_fallback_finding

    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setattr("claimgraph.evidence.onnx_judge.MODEL_DIR", tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_JUDGE_DIR", raising=False)
    notices: list[str] = []
    evidence = judge_article(sample_article(), sample_sources(), judge="model",
                             on_notice=notices.append)
    assert evidence and {e.judge for e in evidence} <= {"lexical", "lexical+restates",
                                                          "lexical+contradicts"}
    assert len(notices) == 1
    assert judge_fallback_finding(notices[0]).kind == "judge_fallback"


def test_cli_jsonl_with_the_model(tmp_path, capsys) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(i), "claim": c, "text": s})
                              for i, (c, s) in enumerate(CONTRADICTIONS)) + "\n")
    assert main(["judge", "--jsonl", str(path), "--judge", "model"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["0", "1", "2", "3"]
    assert all(line["stance"] == "disputes" for line in lines)


def test_help_names_the_judge_and_its_figures(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["judge", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "minilm-judge" in out and "held out" in out.lower()


def test_lexical_judge_stays_available() -> None:
    assert isinstance(get_judge("lexical"), LexicalJudge)
    verdict = judge_text("The museum opened in Paris in 1937.",
                         "The museum opened in Paris in 1937.", judge="lexical")
    assert verdict.stance == "supports"


def test_judge_article_with_the_trained_judge() -> None:
    from evidence_sample import sample_article, sample_sources

    from claimgraph.evidence.article import judge_article

    sources = sample_sources()
    evidence = judge_article(sample_article(), sources, judge="model")
    by_pair = {(e.claim, e.endnote): e for e in evidence}
    assert by_pair[("c1", 1)].stance == "supports"  # the same fact, reworded
    assert by_pair[("c3", 4)].stance == "disputes"  # "does not raise" vs "does raise"
    assert by_pair[("c2", 2)].stance in ("mentions", "unrelated")  # a page about bananas
    for item in evidence:
        text = sources[item.endnote].text
        assert all(text[q.start : q.end] == q.text for q in item.quotes)


def test_one_batch_for_many_claims_gives_the_verdicts_judged_one_claim_at_a_time() -> None:
    from claimgraph.evidence.retrieval import document_from_text

    judge = get_judge("model")
    requests = [(claim, [document_from_text(source), document_from_text(CONTRADICTIONS[0][1])],
                 [True, False]) for claim, source in CONTRADICTIONS]
    together = judge.judge_batch(requests)
    for (claim, documents, cited), verdicts in zip(requests, together, strict=True):
        alone = judge.judge_many(claim, documents, cited=cited)
        assert [v.stance for v in verdicts] == [v.stance for v in alone]
        # int8 activations are quantised per batch, so probabilities may move a little
        assert all(abs(a.confidence - b.confidence) < 0.05
                   for a, b in zip(verdicts, alone, strict=True))
    assert [v[0].stance for v in together] == ["disputes"] * len(CONTRADICTIONS)
