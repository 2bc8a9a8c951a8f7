"""Accuracy of the support score and of evidence retrieval on WiCE (claims with their cited page).

Prints, for claimgraph's judges, a majority-class baseline and a plain word-overlap baseline:
ROC AUC of supported vs not fully supported, macro-F1 of the 3-way label and evidence hit@3, on
the fixed fit half of WiCE dev (``fit.wice_fit_half``; k-fold within it: what may be trained on)
beside the held-out half (weights and label cuts fitted on the fit half only).

    python benchmarks/wice_accuracy.py [--data PATH] [--folds 5] [--repeats 3] [--write-weights]
                                       [--model-dir DIR] [--no-model]

``--write-weights`` then fits the shipped model on all the data and writes
``claimgraph/evidence/model_weights.py`` (its figures are the cross-validated ones printed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimgraph.evidence.features import FEATURES, ClaimTerms, pair_features, rank_passages  # noqa: E402
from claimgraph.evidence.fit import (  # noqa: E402
    fit_logistic,
    folds,
    macro_f1,
    predict,
    roc_auc,
    wice_fit_half,
)
from claimgraph.evidence.lexical import DISPUTE_FACTOR, LexicalJudge, dispute_cue  # noqa: E402
from claimgraph.evidence.retrieval import Document, document_from_sentences  # noqa: E402
from claimgraph.evidence.text import STOPWORDS, tokens  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wice" / "claim_dev.jsonl"
LABELS = ("supported", "partially_supported", "not_supported")
# The shipped model's features: coverage of the claim's words, names and numbers.
MODEL_FEATURES = ("coverage_top3", "coverage_best", "number_coverage", "entity_coverage",
                  "missing_terms", "bigram_coverage")


def document(sentences: list[str]) -> Document:
    """A document whose passages are exactly the given sentences, one per line."""
    return document_from_sentences(sentences, "wice")


def recall_at(top: list[int], supporting: list[list[int]]) -> float | None:
    """Best share of one annotated supporting set found in ``top`` (None: nothing annotated)."""
    sets = [set(s) for s in supporting if s]
    if not sets:
        return None
    return max(len(set(top) & s) / len(s) for s in sets)


def overlap_baseline(claim: str, sentences: list[str]) -> tuple[float, list[int]]:
    """Plain word overlap: share of claim words in the best sentence; top sentences by count."""
    words = {t for t in tokens(claim) if t not in STOPWORDS}
    counts = [len(words & set(tokens(s))) for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-counts[i], i))
    return (max(counts, default=0) / len(words) if words else 0.0), order[:3]


def thresholds(scores: list[float], gold: list[str]) -> tuple[float, float]:
    """The two cut points (not_supported < low <= partially < high <= supported) best by F1."""
    ordered = sorted(scores)
    grid = sorted({ordered[int(q * (len(ordered) - 1) / 40)] for q in range(41)})
    best, cuts = -1.0, (0.0, 1.0)
    for i, low in enumerate(grid):
        for high in grid[i:]:
            f1 = macro_f1([three_way(s, (low, high)) for s in scores], gold)
            if f1 > best:
                best, cuts = f1, (low, high)
    return cuts


def three_way(score: float, cuts: tuple[float, float]) -> str:
    """The 3-way label a score falls in."""
    return "supported" if score >= cuts[1] else (
        "partially_supported" if score >= cuts[0] else "not_supported")


def cross_validate(rows: list[list[float]], gold: list[str], k: int, seed: int,
                   fit: bool, damp: list[float] | None = None) -> tuple[float, float]:
    """Held-out AUC and macro-F1 of a score (fitted model if ``fit``, else ``rows[i][0]``).

    ``damp`` multiplies each fitted score, as the judge does for a disputing passage.
    """
    damp = damp or [1.0] * len(rows)
    binary = [int(label == "supported") for label in gold]
    scores, predicted = [0.0] * len(rows), [""] * len(rows)
    for fold in folds(len(rows), k, seed):
        held = set(fold)
        train = [i for i in range(len(rows)) if i not in held]
        model = fit_logistic([rows[i] for i in train], [binary[i] for i in train]) if fit else None
        def score(i: int, m: dict | None = model) -> float:
            return predict(m, rows[i]) * damp[i] if m else rows[i][0]

        cuts = thresholds([score(i) for i in train], [gold[i] for i in train])
        for i in fold:
            scores[i] = score(i)
            predicted[i] = three_way(scores[i], cuts)
    return roc_auc(scores, binary), macro_f1(predicted, gold)


def fit_then_hold_out(rows: list[list[float]], gold: list[str], fit_part: list[int],
                      held_part: list[int], fit: bool,
                      damp: list[float] | None = None) -> tuple[float, float]:
    """AUC and macro-F1 on ``held_part`` of a score whose weights (if ``fit``) and label cuts
    were fitted on ``fit_part`` only."""
    damp = damp or [1.0] * len(rows)
    binary = [int(label == "supported") for label in gold]
    model = fit_logistic([rows[i] for i in fit_part], [binary[i] for i in fit_part]) if fit else None

    def score(i: int) -> float:
        return predict(model, rows[i]) * damp[i] if model else rows[i][0]

    cuts = thresholds([score(i) for i in fit_part], [gold[i] for i in fit_part])
    held_scores = [score(i) for i in held_part]
    return (roc_auc(held_scores, [binary[i] for i in held_part]),
            macro_f1([three_way(x, cuts) for x in held_scores], [gold[i] for i in held_part]))


def halves(records: list[dict]) -> tuple[list[int], list[int]]:
    """Indices of the fit half and the held-out half (``fit.wice_fit_half`` of ``meta.id``)."""
    fit_part = [i for i, r in enumerate(records) if wice_fit_half(r["meta"]["id"])]
    chosen = set(fit_part)
    return fit_part, [i for i in range(len(records)) if i not in chosen]


def split_row(label: str, rows: list[list[float]], gold: list[str], parts: tuple[list[int],
              list[int]], fit: bool, args: argparse.Namespace, damp: list[float] | None = None,
              retrieval: tuple[float, float] | None = None, note: str = "") -> None:
    """One table line: the fit half (k-fold within it) beside the held-out half (fitted on the
    whole fit half, scored on the other)."""
    fit_part, held_part = parts
    sub = [rows[i] for i in fit_part]
    sub_gold = [gold[i] for i in fit_part]
    sub_damp = [damp[i] for i in fit_part] if damp else None
    runs = [cross_validate(sub, sub_gold, args.folds, seed, fit, sub_damp)
            for seed in range(args.repeats)]
    held = fit_then_hold_out(rows, gold, fit_part, held_part, fit, damp)
    hits = f"{retrieval[0]:>7.3f} {retrieval[1]:>7.3f}" if retrieval else f"{'':>7} {'':>7}"
    print(f"{label:<40} {_mean([r[0] for r in runs]):>7.3f} {_mean([r[1] for r in runs]):>7.3f}  "
          f"{held[0]:>7.3f} {held[1]:>7.3f}  {hits}{note}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write-weights", action="store_true")
    parser.add_argument("--no-model", action="store_true", help="skip the trained judge's rows")
    parser.add_argument("--model-dir", default="", help="an exported judge folder (default: shipped)")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    started = time.perf_counter()
    ours, every, overlap, gold, damp, shipped = [], [], [], [], [], []
    hits: dict[str, list[float | None]] = {"claimgraph": [], "overlap": [], "lead-3": []}
    for record in records:
        doc, claim = document(record["evidence"]), ClaimTerms.of(record["claim"])
        ranked = rank_passages(claim, doc)
        values = pair_features(claim, doc, ranked)
        ours.append([values[name] for name in MODEL_FEATURES])
        every.append([values[name] for name in FEATURES])
        damp.append(DISPUTE_FACTOR if dispute_cue(claim, doc, ranked) else 1.0)
        shipped.append([LexicalJudge().judge(record["claim"], doc).support])
        score, top_overlap = overlap_baseline(record["claim"], record["evidence"])
        overlap.append([score])
        gold.append(record["label"])
        for name, top in (("claimgraph", [i for _, i in ranked[:3]]), ("overlap", top_overlap),
                          ("lead-3", [0, 1, 2])):
            recall = recall_at(top, record["supporting_sentences"])
            hits[name].append(None if recall is None else float(recall > 0))
    featurised = time.perf_counter() - started
    parts = halves(records)
    majority = max(LABELS, key=gold.count)
    print(f"WiCE dev: {len(records)} claims ({', '.join(f'{gold.count(x)} {x}' for x in LABELS)});"
          f" {sum(h is not None for h in hits['claimgraph'])} with annotated supporting sentences")
    print(f"split (fit.wice_fit_half of meta.id): fit half {len(parts[0])} claims, held out "
          f"{len(parts[1])}. FIT column: {args.folds}-fold cross-validation within the fit half x "
          f"{args.repeats} shuffles (weights and label cuts on training folds); HELD-OUT column: "
          "weights and label cuts fitted on the whole fit half, scored on the held-out half\n")
    print(f"{'':<40} {'fit half (trained on)':>16}  {'held out':>15}  {'hit@3':>15}")
    print(f"{'method':<40} {'AUC':>7} {'mF1':>7}  {'AUC':>7} {'mF1':>7}  {'fit':>7} {'held':>7}")
    print(f"{'majority class (' + majority + ')':<40} {0.5:>7.3f} "
          f"{macro_f1([majority] * len(parts[0]), [gold[i] for i in parts[0]]):>7.3f}  {0.5:>7.3f} "
          f"{macro_f1([majority] * len(parts[1]), [gold[i] for i in parts[1]]):>7.3f}  "
          f"{_hit(hits['lead-3'], parts)}   (retrieval: lead-3)")
    for label, data, fit, damping, retrieval, note in (
            ("word overlap baseline", overlap, False, None, "overlap", ""),
            ("lexical judge as shipped (support)", shipped, False, None, "claimgraph",
             "   (weights fitted on ALL WiCE dev)"),
            ("lexical features, k-fold fit + cue", ours, True, damp, "claimgraph", ""),
            ("  no dispute cue", ours, True, None, "claimgraph", ""),
            ("  all 10 features", every, True, None, "claimgraph", "")):
        split_row(label, data, gold, parts, fit, args, damping, _hits(hits[retrieval], parts),
                  note)
    if not args.no_model:
        model_rows(records, ours, gold, parts, args, _hits(hits["claimgraph"], parts))
    print("\nhit@3: at least one annotated supporting sentence among the top 3 (claims with "
          "annotations); the trained judge reads the same top 3")
    print(f"dispute cue fired on {sum(d < 1 for d in damp)} claims (score x {DISPUTE_FACTOR})")
    print(f"features for {len(records)} claims: {featurised:.2f} s")
    if args.write_weights:
        write_weights(ours, [int(label == "supported") for label in gold])
    return 0


def _hits(values: list[float | None], parts: tuple[list[int], list[int]]) -> tuple[float, float]:
    return tuple(_mean([values[i] for i in part if values[i] is not None])  # type: ignore[return-value]
                 for part in parts)


def _hit(values: list[float | None], parts: tuple[list[int], list[int]]) -> str:
    fit_hit, held_hit = _hits(values, parts)
    return f"{fit_hit:>7.3f} {held_hit:>7.3f}"


def model_rows(records: list[dict], lexical: list[list[float]], gold: list[str],
               parts: tuple[list[int], list[int]], args: argparse.Namespace,
               retrieval: tuple[float, float]) -> None:
    """The trained judge on the same claims, one model pass (``OnnxJudge.score``): its own
    support probability alone and the support score of its verdict as shipped (nothing fitted on
    WiCE in either unless its combiner was), and its probabilities beside the lexical coverage
    features in a logistic model fitted on the fit half."""
    from claimgraph.evidence.onnx_judge import MODEL_DIR, OnnxJudge, model_available

    if not model_available(Path(args.model_dir) if args.model_dir else MODEL_DIR):
        print("trained judge: no model files, rows skipped")
        return
    judge = OnnxJudge(args.model_dir)
    started = time.perf_counter()
    judged = [per[0] for per in judge.score([(r["claim"], [document(r["evidence"])], [True])
                                             for r in records])]
    seconds = time.perf_counter() - started
    alone = [[max((s.supports for s in j.scored), default=0.0)] for j in judged]
    verdicts = [[judge._verdict(j).support if j.scored else 0.0] for j in judged]
    combined = [row + [a[0]] + [max((s.disputes for s in j.scored), default=0.0)]
                for row, a, j in zip(lexical, alone, judged, strict=True)]
    mode = "joined input" if judge.joined else "best passage"
    fitted = "combiner" if judge.combiner is not None else "written rule"
    for label, data, fit in ((f"trained judge: {mode} support alone", alone, False),
                             ("trained judge + lexical features (fit)", combined, True),
                             (f"trained judge as shipped ({fitted})", verdicts, False)):
        split_row(label, data, gold, parts, fit, args, retrieval=retrieval)
    print(f"trained judge {judge.name} ({mode}; {judge.inputs_judged} model inputs for "
          f"{len(records)} claims) in {seconds:.1f} s; its combiner, if any, is fitted by "
          "training/fit_combiner.py (Check-COVID train + this fit half at most)")


def write_weights(rows: list[list[float]], labels: list[int]) -> None:
    """Fit the shipped model on all rows and write it as a Python module."""
    model = fit_logistic(rows, labels)
    model["features"] = list(MODEL_FEATURES)
    path = ROOT / "claimgraph" / "evidence" / "model_weights.py"
    body = json.dumps(model, indent=1)
    path.write_text(
        '"""The default judge\'s fitted model (written by benchmarks/wice_accuracy.py'
        ' --write-weights)."""\n\n'
        "# Logistic regression on standardised features, fitted on WiCE dev (349 claims);\n"
        "# its held-out figures are in benchmarks/results/wice_accuracy.txt.\n"
        f"MODEL = {body}\n"
    )
    print(f"wrote {path.relative_to(ROOT)}")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _spread(values: list[float]) -> str:
    sd = statistics.pstdev(values) if len(values) > 1 else 0.0
    return f"{_mean(values):.3f} ± {sd:.3f}"


if __name__ == "__main__":
    sys.exit(main())
