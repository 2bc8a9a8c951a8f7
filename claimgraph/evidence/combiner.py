"""The trained judge's verdict from its passages: a small calibrated classifier, numpy only.

The cross-encoder scores each judged passage (and the passages read together) as supports /
disputes / neither; in joined mode (``judge.json`` ``"inputs": "joined"``) it reads the passages
together only, one input per (claim, source). ``features`` (``joined_features`` in joined mode)
turns those scores, the lexical coverage of the claim and the structural contradiction cues into
one row per (claim, source); a multinomial logistic
regression (``predict``), fitted by ``training/fit_combiner.py`` on Check-COVID train only,
gives calibrated probabilities of supports / disputes / neither. Its coefficients ship in
``claimgraph/data/judge/combiner.json``, which names the feature set it was fitted on.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["FEATURES", "JOINED_FEATURES", "CLASSES", "features", "joined_features", "predict",
           "fit", "load"]

CLASSES = ("supports", "disputes", "neither")
FEATURES = (
    "max_supports", "max_disputes", "min_neither", "mean_supports", "mean_disputes",
    "first_supports", "first_disputes", "window_supports", "window_disputes",
    "coverage_best", "coverage_top3", "number_coverage", "entity_coverage", "bigram_coverage",
    "missing_terms",
    "contradiction_cue", "negation_conflict", "number_conflict", "best_passage_share",
)
# One model input per (claim, source): the top passages joined in document order.
JOINED_FEATURES = (
    "joined_supports", "joined_disputes", "joined_neither",
    "coverage_best", "coverage_top3", "number_coverage", "entity_coverage", "bigram_coverage",
    "missing_terms",
    "contradiction_cue", "negation_conflict", "number_conflict", "best_passage_share",
    "passages_joined",
)
_LEXICAL = ("coverage_best", "coverage_top3", "number_coverage", "entity_coverage",
            "bigram_coverage", "missing_terms")
_CUES = ("contradiction_cue", "negation_conflict", "number_conflict")


def features(single: list[tuple[float, float, float]], window: tuple[float, float, float] | None,
             lexical: dict[str, float], cues: dict[str, bool],
             best_share: float) -> list[float]:
    """One row in ``FEATURES`` order.

    ``single`` holds each judged passage's (supports, disputes, neither), best ranked first;
    ``window`` the same for the passages read together (None with one passage); ``lexical``
    the lexical coverage features (``features.pair_features``; not the lexical judge's score,
    whose weights were fitted on WiCE dev, so that WiCE stays held out); ``cues``
    whether a top passage flips the claim (``contradiction_cue``, ``negation_conflict``,
    ``number_conflict``); ``best_share`` the largest share of the claim's terms one passage holds.
    """
    single = single or [(0.0, 0.0, 1.0)]
    window = window or single[0]
    count = len(single)
    return [
        max(s[0] for s in single), max(s[1] for s in single), min(s[2] for s in single),
        sum(s[0] for s in single) / count, sum(s[1] for s in single) / count,
        single[0][0], single[0][1], window[0], window[1],
        lexical["coverage_best"], lexical["coverage_top3"], lexical["number_coverage"],
        lexical["entity_coverage"], lexical["bigram_coverage"], lexical["missing_terms"],
        float(cues["contradiction_cue"]), float(cues["negation_conflict"]),
        float(cues["number_conflict"]), best_share,
    ]


def joined_features(joined: tuple[float, float, float] | None, lexical: dict[str, float],
                    cues: dict[str, bool], best_share: float, passages: int) -> list[float]:
    """One row in ``JOINED_FEATURES`` order.

    ``joined`` is the model's (supports, disputes, neither) for the one input of the pair (None:
    nothing was ranked, read as certainly neither); ``lexical``, ``cues`` and ``best_share`` as
    in ``features``; ``passages`` how many passages the input joined (0 to 3).
    """
    supports, disputes, neither = joined or (0.0, 0.0, 1.0)
    return ([supports, disputes, neither] + [lexical[name] for name in _LEXICAL]
            + [float(cues[name]) for name in _CUES] + [best_share, float(passages)])


def predict(model: dict, row: list[float]) -> list[float]:
    """Probabilities in ``CLASSES`` order for one raw feature row."""
    import numpy as np

    z = ((np.asarray(row) - model["means"]) / model["spreads"]) @ np.asarray(model["weights"])
    z = z + np.asarray(model["bias"])
    z = np.exp(z - z.max())
    return (z / z.sum()).tolist()


def fit(rows: list[list[float]], labels: list[int], l2: float = 10.0, steps: int = 3000,
        rate: float = 0.5, names: tuple[str, ...] = FEATURES) -> dict:
    """A multinomial logistic regression (L2, standardised features) by gradient descent.

    ``names`` is the feature set the rows follow (``FEATURES`` or ``JOINED_FEATURES``); it is
    written into the result so ``load`` can refuse coefficients for another set.
    """
    if rows and len(rows[0]) != len(names):
        raise ValueError(f"rows have {len(rows[0])} features, {len(names)} names given")
    import numpy as np

    x = np.asarray(rows, dtype=float)
    means, spreads = x.mean(axis=0), x.std(axis=0)
    spreads[spreads == 0] = 1.0
    z = (x - means) / spreads
    n, width = z.shape
    target = np.eye(len(CLASSES))[labels]
    weights, bias = np.zeros((width, len(CLASSES))), np.zeros(len(CLASSES))
    for _ in range(steps):
        scores = z @ weights + bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        error = scores / scores.sum(axis=1, keepdims=True) - target
        weights -= rate * (z.T @ error / n + l2 * weights / n)
        bias -= rate * error.mean(axis=0)
    return {"features": list(names), "classes": list(CLASSES), "means": means.tolist(),
            "spreads": spreads.tolist(), "weights": weights.tolist(), "bias": bias.tolist()}


def load(path: Path, names: tuple[str, ...] = FEATURES) -> dict | None:
    """The shipped coefficients, or None when the file is missing or names other features
    than ``names`` (the judge then decides by its written rule)."""
    if not path.is_file():
        return None
    model = json.loads(path.read_text())
    return model if model.get("features") == list(names) else None
