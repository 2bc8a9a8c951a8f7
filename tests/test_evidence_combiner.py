"""The trained judge's combiner: features in order, numpy inference, a fit that learns."""

from __future__ import annotations

import json
import random

from claimgraph.evidence import combiner
from claimgraph.evidence.onnx_judge import MODEL_DIR, OnnxJudge
from claimgraph.evidence.retrieval import document_from_text

LEXICAL = {"coverage_best": 0.5, "coverage_top3": 1.0, "number_coverage": 1.0,
           "entity_coverage": 1.0, "bigram_coverage": 0.0, "missing_terms": 0.0}
NO_CUES = {"contradiction_cue": False, "negation_conflict": False, "number_conflict": False}


def test_features_follow_the_declared_order() -> None:
    single = [(0.7, 0.2, 0.1), (0.1, 0.6, 0.3)]
    row = combiner.features(single, (0.3, 0.3, 0.4), LEXICAL, NO_CUES | {"number_conflict": True},
                            0.75)
    assert len(row) == len(combiner.FEATURES)
    named = dict(zip(combiner.FEATURES, row, strict=True))
    assert named["max_supports"] == 0.7 and named["max_disputes"] == 0.6
    assert named["min_neither"] == 0.1 and named["first_disputes"] == 0.2
    assert named["window_supports"] == 0.3 and named["number_conflict"] == 1.0
    assert named["best_passage_share"] == 0.75
    # without a window, the best-ranked passage stands in for it
    alone = dict(zip(combiner.FEATURES, combiner.features(single[:1], None, LEXICAL, NO_CUES, 1.0),
                     strict=True))
    assert alone["window_disputes"] == 0.2


def test_fit_learns_a_three_way_rule_and_predict_gives_probabilities() -> None:
    rng = random.Random(3)
    rows, labels = [], []
    for _ in range(300):
        label = rng.randrange(3)
        row = [rng.random() * 0.3 for _ in combiner.FEATURES]
        row[label] += 0.7  # max_supports, max_disputes or min_neither carries the class
        rows.append(row)
        labels.append(label)
    model = combiner.fit(rows, labels, l2=1.0, steps=500)
    right = 0
    for row, label in zip(rows, labels, strict=True):
        probabilities = combiner.predict(model, row)
        assert abs(sum(probabilities) - 1) < 1e-9
        right += max(range(3), key=probabilities.__getitem__) == label
    assert right / len(rows) > 0.9


def test_load_refuses_coefficients_for_other_features(tmp_path) -> None:
    path = tmp_path / "combiner.json"
    assert combiner.load(path) is None
    path.write_text(json.dumps({"features": ["something_else"]}))
    assert combiner.load(path) is None


def test_the_shipped_judge_uses_the_shipped_combiner() -> None:
    judge = OnnxJudge()
    assert (judge.combiner is not None) == (combiner.load(MODEL_DIR / "combiner.json",
                                                          judge.feature_names) is not None)
    rows = judge.feature_rows([("The museum opened in 1937.",
                                [document_from_text("The museum opened in 1937. It is big.")],
                                [True])])
    assert len(rows[0][0]) == len(judge.feature_names)


def test_joined_features_follow_the_declared_order_and_fit_names_its_set(tmp_path) -> None:
    row = combiner.joined_features((0.2, 0.7, 0.1), LEXICAL, NO_CUES | {"contradiction_cue": True},
                                   0.5, 3)
    named = dict(zip(combiner.JOINED_FEATURES, row, strict=True))
    assert named["joined_disputes"] == 0.7 and named["contradiction_cue"] == 1.0
    assert named["coverage_best"] == 0.5 and named["passages_joined"] == 3.0
    nothing = dict(zip(combiner.JOINED_FEATURES,
                       combiner.joined_features(None, LEXICAL, NO_CUES, 0.0, 0), strict=True))
    assert nothing["joined_neither"] == 1.0 and nothing["joined_supports"] == 0.0
    model = combiner.fit([row, row], [1, 1], steps=5, names=combiner.JOINED_FEATURES)
    path = tmp_path / "combiner.json"
    path.write_text(json.dumps(model))
    assert combiner.load(path, combiner.JOINED_FEATURES) is not None
    assert combiner.load(path) is None  # not for the per-passage feature set
