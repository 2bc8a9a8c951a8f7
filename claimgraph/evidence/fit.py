"""Fitting and scoring the judge's small model: logistic regression, ROC AUC, macro-F1, k folds,
and the fixed WiCE fit / held-out split."""

from __future__ import annotations

import hashlib
import math
import random

__all__ = ["fit_logistic", "predict", "roc_auc", "macro_f1", "folds", "standardise",
           "wice_fit_half"]


def standardise(rows: list[list[float]]) -> tuple[list[float], list[float]]:
    """Column means and standard deviations (a zero spread becomes 1)."""
    n = len(rows) or 1
    columns = list(zip(*rows, strict=False)) if rows else []
    means = [sum(c) / n for c in columns]
    spreads = []
    for column, mean in zip(columns, means, strict=False):
        variance = sum((v - mean) ** 2 for v in column) / n
        spreads.append(math.sqrt(variance) or 1.0)
    return means, spreads


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z > -60 else 0.0


def predict(model: dict, row: list[float]) -> float:
    """The model's probability for one raw feature row."""
    z = model["bias"]
    for value, weight, mean, spread in zip(
        row, model["weights"], model["means"], model["spreads"], strict=False
    ):
        z += weight * (value - mean) / spread
    return _sigmoid(z)


def fit_logistic(rows: list[list[float]], labels: list[int], l2: float = 1.0,
                 steps: int = 400, rate: float = 0.5) -> dict:
    """An L2-regularised logistic regression on standardised features, by gradient descent."""
    means, spreads = standardise(rows)
    xs = [[(v - m) / s for v, m, s in zip(r, means, spreads, strict=False)] for r in rows]
    n, width = len(xs), len(means)
    weights, bias = [0.0] * width, 0.0
    for _ in range(steps):
        grad, grad_bias = [0.0] * width, 0.0
        for x, y in zip(xs, labels, strict=False):
            error = _sigmoid(bias + sum(w * v for w, v in zip(weights, x, strict=False))) - y
            grad_bias += error
            for j in range(width):
                grad[j] += error * x[j]
        bias -= rate * grad_bias / n
        for j in range(width):
            weights[j] -= rate * (grad[j] / n + l2 * weights[j] / n)
    return {"weights": weights, "bias": bias, "means": means, "spreads": spreads}


def roc_auc(scores: list[float], labels: list[int]) -> float:
    """Area under the ROC curve (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=False))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + j + 1) / 2
        rank_sum += average_rank * sum(label for _, label in ranked[i:j])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def macro_f1(predicted: list[str], gold: list[str]) -> float:
    """Macro-averaged F1 over the labels present in ``gold``."""
    scores = []
    for label in sorted(set(gold)):
        tp = sum(p == label and g == label for p, g in zip(predicted, gold, strict=False))
        fp = sum(p == label and g != label for p, g in zip(predicted, gold, strict=False))
        fn = sum(p != label and g == label for p, g in zip(predicted, gold, strict=False))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def folds(n: int, k: int = 5, seed: int = 13) -> list[list[int]]:
    """``k`` disjoint shuffled folds of ``range(n)``."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def wice_fit_half(claim_id: str) -> bool:
    """Whether a WiCE dev claim (by ``meta.id``) is in the half the judge may be fitted on.

    Fixed by a hash of the id, so the other half stays held out whatever the file's order.
    """
    return int(hashlib.sha256(claim_id.encode()).hexdigest()[:8], 16) % 2 == 0
