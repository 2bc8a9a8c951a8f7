"""The trained judge in joined mode (judge.json "inputs": "joined"): one model input per
(claim, source), the quote picked without more model calls, the model loaded once, fallbacks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.evidence import combiner, judges
from claimgraph.evidence.judges import get_judge
from claimgraph.evidence.lexical import LexicalJudge
from claimgraph.evidence.onnx_judge import (
    DIR_VARIABLE,
    MODEL_DIR,
    WINDOW,
    OnnxJudge,
    joined_input,
    model_available,
)
from claimgraph.evidence.retrieval import document_from_text

pytestmark = pytest.mark.skipif(not model_available(), reason="no shipped model")

# Each source restates its claim but flips it, after a sentence that shares a few of its words.
HAND_CASES = [
    ("Unemployment rose sharply last year.",
     "Unemployment is measured by the statistics office every year. Official figures show that "
     "unemployment has fallen sharply over the last year."),
    ("Exports increased in 2020.",
     "Exports are counted at the border. In 2020 exports decreased, the statistics office said."),
    ("The sky is green.", "The sky was photographed at dawn. It is never green."),
    ("The bridge was opened to traffic in 1932.",
     "The bridge carries a road. The bridge was opened to traffic in 1937 after five years of "
     "work."),
]


def joined_folder(folder: Path, **settings: object) -> Path:
    """The shipped model's files in ``folder`` with a judge.json asking for joined inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "tokenizer.json"):
        (folder / name).symlink_to(MODEL_DIR / name)
    chosen = json.loads((MODEL_DIR / "judge.json").read_text()) | {"inputs": "joined"} | settings
    (folder / "judge.json").write_text(json.dumps(chosen))
    return folder


class CountingSession:
    """Wraps an onnxruntime session and counts the rows (model inputs) it is given."""

    def __init__(self, session: object) -> None:
        self.session, self.rows, self.widths = session, 0, []

    def run(self, names: object, feeds: dict) -> list:
        self.rows += feeds["input_ids"].shape[0]
        self.widths.append(feeds["input_ids"].shape[1])
        return self.session.run(names, feeds)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> OnnxJudge:
    return OnnxJudge(str(joined_folder(tmp_path_factory.mktemp("joined"))))


def test_joined_mode_reads_the_setting_and_keeps_its_own_feature_set(joined: OnnxJudge) -> None:
    assert joined.joined and joined.feature_names == combiner.JOINED_FEATURES
    assert not OnnxJudge().joined or OnnxJudge().feature_names == combiner.JOINED_FEATURES
    row = joined.feature_rows([(HAND_CASES[0][0], [document_from_text(HAND_CASES[0][1])],
                                [True])])[0][0]
    assert len(row) == len(combiner.JOINED_FEATURES)


def test_one_model_input_per_claim_and_source(joined: OnnxJudge) -> None:
    counting = CountingSession(joined.session)
    joined.session = counting
    try:
        documents = [document_from_text(source) for _, source in HAND_CASES]
        requests = [(claim, documents, [True] * len(documents)) for claim, _ in HAND_CASES[:3]]
        verdicts = joined.judge_batch(requests)
    finally:
        joined.session = counting.session
    judged = sum(1 for per in joined.score(requests) for j in per if j.scored)
    assert counting.rows == judged and 0 < judged <= 3 * len(documents)
    assert max(counting.widths) <= joined.window_tokens
    assert [len(v) for v in verdicts] == [len(documents)] * 3


def test_the_joined_text_is_the_top_passages_in_document_order() -> None:
    document = document_from_text("Cats sleep. Dogs bark at night. The moon rises over the hills. "
                                  "Dogs bark when the moon rises. Fish swim.")
    text, indices = joined_input("Dogs bark when the moon rises at night.", document)
    assert 1 < len(indices) <= 3
    assert text == " ".join(document.passages[i].text for i in sorted(indices))
    assert joined_input("", document) == ("", [])


@pytest.mark.parametrize(("claim", "source"), HAND_CASES)
def test_hand_cases_come_out_disputes_quoting_the_flipping_passage(
        joined: OnnxJudge, claim: str, source: str) -> None:
    verdict = joined.judge(claim, document_from_text(source))
    assert verdict.stance == "disputes", verdict
    quote = verdict.quotes[0]
    assert source[quote.start : quote.end] == quote.text
    assert quote.text == document_from_text(source).passages[-1].text  # the flipping sentence


def test_a_restatement_supports_and_an_unrelated_text_does_not(joined: OnnxJudge) -> None:
    claim = "The museum opened in Paris in 1937."
    source = ("The museum opened in Paris in 1937. It holds about 20,000 works of modern art "
              "and receives a million visitors a year.")
    verdict = joined.judge(claim, document_from_text(source))
    assert verdict.stance == "supports"
    assert source[verdict.quotes[0].start : verdict.quotes[0].end] == verdict.quotes[0].text
    off = joined.judge(claim, document_from_text("Bananas grow in warm climates."))
    assert off.stance in ("mentions", "unrelated")


def test_an_uncited_off_topic_source_costs_no_model_input(joined: OnnxJudge) -> None:
    counting = CountingSession(joined.session)
    joined.session = counting
    try:
        verdicts = joined.judge_many("The museum opened in Paris in 1937.",
                                     [document_from_text("Bananas grow in warm climates.")],
                                     cited=[False])
    finally:
        joined.session = counting.session
    assert counting.rows == 0 and verdicts[0].stance == "unrelated"


def test_an_uncited_source_holding_little_of_a_long_claim_costs_no_model_input(
        joined: OnnxJudge) -> None:
    claim = ("The regional council approved the new harbour bridge, the tram extension, the "
             "coastal cycle path and the northern ferry terminal in its spring budget.")
    source = document_from_text("The harbour bridge and the ferry terminal are busy.")  # 4 of 16
    counting = CountingSession(joined.session)
    joined.session = counting
    try:
        uncited = joined.judge_many(claim, [source], cited=[False])
        assert counting.rows == 0 and uncited[0].stance == "unrelated"
        cited = joined.judge_many(claim, [source], cited=[True])
    finally:
        joined.session = counting.session
    assert counting.rows == 1 and cited[0].stance != "unrelated"  # 3+ shared terms: on topic


def test_the_joined_judge_scores_one_input_standing_for_the_passages(joined: OnnxJudge) -> None:
    document = document_from_text(HAND_CASES[0][1])
    judged = joined.score([(HAND_CASES[0][0], [document], [True])])[0][0]
    assert [s.index for s in judged.scored] == [WINDOW]
    assert judged.passages and set(judged.passages) <= set(range(len(document.passages)))


def test_the_model_loads_once_per_process(tmp_path, monkeypatch) -> None:
    import onnxruntime
    from evidence_sample import sample_article, sample_sources

    from claimgraph.evidence import judge_text
    from claimgraph.evidence.article import judge_article

    made: list[str] = []
    real = onnxruntime.InferenceSession

    def counting(path: str, *args: object, **kwargs: object) -> object:
        made.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setattr(onnxruntime, "InferenceSession", counting)
    monkeypatch.setenv(DIR_VARIABLE, str(joined_folder(tmp_path / "judge")))
    for claim, source in HAND_CASES:
        judge_text(claim, source, judge="model")
    judge_article(sample_article(), sample_sources(), judge="model", on_notice=lambda _: None)
    assert len(made) == 1
    assert get_judge("model").joined  # the folder named by the environment variable


def test_without_onnxruntime_the_audit_falls_back_with_one_line(monkeypatch) -> None:
    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime fails
    with pytest.raises(InputError, match="needs onnxruntime"):
        get_judge("model")
    heard: list[str] = []
    assert isinstance(get_judge("model", on_notice=heard.append), LexicalJudge)
    assert len(heard) == 1 and "\n" not in heard[0] and "onnxruntime" in heard[0]


def test_a_missing_model_folder_from_the_environment_falls_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(judges, "_CACHE", {})
    monkeypatch.setattr(judges, "_FALLBACK", {})
    monkeypatch.setenv(DIR_VARIABLE, str(tmp_path / "nowhere"))
    heard: list[str] = []
    assert isinstance(get_judge("model", on_notice=heard.append), LexicalJudge)
    assert len(heard) == 1 and "nowhere" in heard[0] and "\n" not in heard[0]


def test_a_contradiction_cue_disputes_whatever_the_threshold(tmp_path) -> None:
    strict = OnnxJudge(str(joined_folder(tmp_path / "strict", disputes_at=0.99)))
    for claim, source in HAND_CASES:
        verdict = strict.judge(claim, document_from_text(source))
        assert verdict.stance == "disputes" and verdict.confidence >= 0.9, verdict
