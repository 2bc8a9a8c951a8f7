"""Fit the trained judge's combiner (``claimgraph/evidence/combiner.py``) and write combiner.json.

Runs in claimgraph's own environment (onnxruntime and numpy, no torch):

    python training/fit_combiner.py [--folder claimgraph/data/judge] [--l2 10]

Rows: the claims of Check-COVID train the model was trained on (the held-out 12 % stays out:
thresholds are chosen and the model is compared there), each judged against its title and
abstract exactly as ``claimgraph judge`` does, and the claims of the WiCE dev fit half
(``wice_fit_half``) against their cited page (supported -> supports, partially or not
supported -> neither, as the support AUC counts them), all through ``OnnxJudge.feature_rows``
(the runtime's own rows, joined mode or not as judge.json says). Check-COVID dev and the WiCE
held-out half are never read here. After the fit, a per-class bias offset is chosen on the same
rows for macro-F1 (the model under-calls "neither" otherwise). Prints a 5-fold
cross-validation by abstract / claim (offsets chosen inside each fold) and the in-sample
figure, then writes the coefficients.
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
sys.path.insert(0, str(ROOT / "training"))

from checkcovid_accuracy import DATA, f1_scores, rows_of, source_text  # noqa: E402
from joined_inputs import WICE_LABEL, sentence_document, wice_fit_half  # noqa: E402

from claimgraph.evidence import combiner  # noqa: E402
from claimgraph.evidence.onnx_judge import MODEL_DIR, OnnxJudge  # noqa: E402
from claimgraph.evidence.retrieval import document_from_text  # noqa: E402

WICE = ROOT.parent / "shared" / "data" / "wice" / "claim_dev.jsonl"

LABEL_CLASS = {"SUPPORT": 0, "REFUTE": 1, "NOTENOUGHINFO": 2}
CLASS_LABEL = {v: k for k, v in LABEL_CLASS.items()}
OFFSETS = np.linspace(-1.0, 1.5, 26)  # bias offsets tried for disputes and neither


def feature_rows(judge: OnnxJudge, rows: list[dict]) -> np.ndarray:
    """One combiner row per claim (claim vs its title + abstract, one model run)."""
    requests = [(r["claim"], [document_from_text(source_text(r))], [True]) for r in rows]
    return np.asarray([per[0] for per in judge.feature_rows(requests)], dtype=float)


def wice_rows(judge: OnnxJudge, path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Rows, classes and ids of the WiCE fit half (claim vs its cited page)."""
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    records = [r for r in records if wice_fit_half(r["meta"]["id"])]
    requests = [(r["claim"], [sentence_document(r["evidence"])], [True]) for r in records]
    x = np.asarray([per[0] for per in judge.feature_rows(requests)], dtype=float)
    return x, np.asarray([WICE_LABEL[r["label"]] for r in records]), [r["meta"]["id"] for r in records]


def _fit(x: np.ndarray, y: np.ndarray, l2: float, names: list[str] | None) -> dict:
    if names is None:
        return combiner.fit(x.tolist(), y.tolist(), l2=l2)
    return combiner.fit(x.tolist(), y.tolist(), l2=l2, names=names)


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
    """Judge Check-COVID train and the WiCE fit half, fit, cross-validate, write combiner.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=MODEL_DIR, help="the model folder")
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--wice", type=Path, default=WICE)
    parser.add_argument("--out", type=Path, help="default: FOLDER/combiner.json")
    args = parser.parse_args(argv)
    judge = OnnxJudge(str(args.folder))
    judge.combiner = None
    names = getattr(judge, "feature_names", None)  # joined mode names its own row
    names = list(names) if names is not None and list(names) != list(combiner.FEATURES) else None
    rows = rows_of("train", DATA)
    started = time.perf_counter()
    x = feature_rows(judge, rows)
    y = np.asarray([LABEL_CLASS[r["label"]] for r in rows])
    keys = [r["id"].split("_")[0] for r in rows]
    print(f"Check-COVID train (trained-on part): {len(rows)} claims judged in "
          f"{time.perf_counter() - started:.1f} s")
    if args.wice.is_file():
        started = time.perf_counter()
        wx, wy, ids = wice_rows(judge, args.wice)
        print(f"WiCE dev fit half: {len(ids)} claims judged in {time.perf_counter() - started:.1f} s")
        x, y, keys = np.vstack([x, wx]), np.concatenate([y, wy]), keys + ids
    groups = np.asarray([int(hashlib.sha256(k.encode()).hexdigest()[:8], 16) % 5 for k in keys])
    predicted = np.zeros(len(y), dtype=int)
    for fold in range(5):
        train, test = groups != fold, groups == fold
        model = with_offsets(_fit(x[train], y[train], args.l2, names), x[train], y[train])
        predicted[test] = _predict(model, x[test])
    cv = _macro(predicted, y)
    model = with_offsets(_fit(x, y, args.l2, names), x, y)
    fitted = _macro(_predict(model, x), y)
    for name, scores in (("5-fold CV by abstract / claim", cv), ("in-sample (trained on)", fitted)):
        print(f"{name}: macro-F1 {scores['macro-F1']:.3f}, SUPPORT F1 {scores['SUPPORT F1']:.3f}, "
              f"REFUTE F1 {scores['REFUTE F1']:.3f}, NOTENOUGHINFO F1 "
              f"{scores['NOTENOUGHINFO F1']:.3f}")
    model["fitted_on"] = (f"Check-COVID train, the {len(rows)} claims the model trained on "
                          f"(claim vs title + abstract), and the WiCE dev fit half "
                          f"({len(y) - len(rows)} claims vs their page)")
    model["l2"] = args.l2
    model["cv_macro_f1"] = round(cv["macro-F1"], 4)
    out = args.out or args.folder / "combiner.json"
    out.write_text(json.dumps(model, indent=1) + "\n")
    print(f"offsets (supports, disputes, neither): {model['offsets']}; wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
