"""Fit the trained judge's combiner (``claimgraph/evidence/combiner.py``) and write combiner.json.

Runs in claimgraph's own environment (onnxruntime and numpy, no torch):

    python training/fit_combiner.py [--l2 10]

Rows: every claim of Check-COVID **train** (both the part the model was trained on and the
part it held out), each judged against its title and abstract exactly as ``claimgraph judge``
does (``OnnxJudge.feature_rows``). Check-COVID dev and WiCE dev are never read here: they stay
held out. After the fit, a per-class bias offset is chosen on the same rows for macro-F1 (the
model under-calls "neither" otherwise). Prints a 5-fold cross-validation by abstract (offsets
chosen inside each fold) and the in-sample figure, then writes the coefficients.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checkcovid_accuracy import DATA, f1_scores, rows_of, source_text  # noqa: E402

from claimgraph.evidence import combiner  # noqa: E402
from claimgraph.evidence.onnx_judge import MODEL_DIR, OnnxJudge  # noqa: E402
from claimgraph.evidence.retrieval import document_from_text  # noqa: E402

LABEL_CLASS = {"SUPPORT": 0, "REFUTE": 1, "NOTENOUGHINFO": 2}
CLASS_LABEL = {v: k for k, v in LABEL_CLASS.items()}
OFFSETS = np.linspace(-1.0, 1.5, 26)  # bias offsets tried for disputes and neither


def feature_rows(judge: OnnxJudge, rows: list[dict]) -> np.ndarray:
    """One combiner row per claim (claim vs its title + abstract, one model run)."""
    requests = [(r["claim"], [document_from_text(source_text(r))], [True]) for r in rows]
    return np.asarray([per[0] for per in judge.feature_rows(requests)], dtype=float)


def _probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    return np.asarray([combiner.predict(model, list(row)) for row in x])


def _macro(predicted: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    return f1_scores([CLASS_LABEL[int(p)] for p in predicted], [CLASS_LABEL[int(g)] for g in gold])


def with_offsets(model: dict, x: np.ndarray, y: np.ndarray) -> dict:
    """The model with the (disputes, neither) bias offsets that maximise macro-F1 on (x, y)."""
    logp = np.log(_probabilities(model, x) + 1e-12)
    best = (-1.0, 0.0, 0.0)
    for d in OFFSETS:
        for n in OFFSETS:
            score = _macro((logp + np.array([0.0, d, n])).argmax(axis=1), y)["macro-F1"]
            if score > best[0] + 1e-9:
                best = (score, float(d), float(n))
    bias = np.asarray(model["bias"]) + np.array([0.0, best[1], best[2]])
    return model | {"bias": bias.tolist(), "offsets": [0.0, best[1], best[2]]}


def _predict(model: dict, x: np.ndarray) -> np.ndarray:
    return _probabilities(model, x).argmax(axis=1)


def main(argv: list[str] | None = None) -> int:
    """Judge Check-COVID train, fit, cross-validate, write combiner.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "combiner.json")
    args = parser.parse_args(argv)
    judge = OnnxJudge()
    judge.combiner = None
    rows = rows_of("train", DATA) + rows_of("train-heldout", DATA)
    started = time.perf_counter()
    x = feature_rows(judge, rows)
    y = np.asarray([LABEL_CLASS[r["label"]] for r in rows])
    print(f"Check-COVID train: {len(rows)} claims judged in {time.perf_counter() - started:.1f} s")
    groups = np.asarray([int(hashlib.sha256(r["id"].split("_")[0].encode()).hexdigest()[:8], 16)
                         % 5 for r in rows])
    predicted = np.zeros(len(y), dtype=int)
    for fold in range(5):
        train, test = groups != fold, groups == fold
        model = with_offsets(combiner.fit(x[train].tolist(), y[train].tolist(), l2=args.l2),
                             x[train], y[train])
        predicted[test] = _predict(model, x[test])
    cv = _macro(predicted, y)
    model = with_offsets(combiner.fit(x.tolist(), y.tolist(), l2=args.l2), x, y)
    fitted = _macro(_predict(model, x), y)
    for name, scores in (("5-fold CV by abstract", cv), ("in-sample (trained on)", fitted)):
        print(f"{name}: macro-F1 {scores['macro-F1']:.3f}, SUPPORT F1 {scores['SUPPORT F1']:.3f}, "
              f"REFUTE F1 {scores['REFUTE F1']:.3f}, NOTENOUGHINFO F1 "
              f"{scores['NOTENOUGHINFO F1']:.3f}")
    model["fitted_on"] = f"Check-COVID train, all {len(rows)} claims (claim vs title + abstract)"
    model["l2"] = args.l2
    model["cv_macro_f1"] = round(cv["macro-F1"], 4)
    args.out.write_text(json.dumps(model, indent=1) + "\n")
    print(f"offsets (supports, disputes, neither): {model['offsets']}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
