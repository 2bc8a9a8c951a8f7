"""Accuracy of the support score and of evidence retrieval on WiCE (claims with their cited page).

Prints, for claimgraph's default judge, a majority-class baseline and a plain word-overlap
baseline: ROC AUC of supported vs not fully supported, macro-F1 of the 3-way label and evidence
recall@3. Everything fitted (model weights, label thresholds) is fitted on training folds and
scored on the held-out fold (k-fold over claims, repeated with several shuffles).

    python benchmarks/wice_accuracy.py [--data PATH] [--folds 5] [--repeats 3] [--write-weights]

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
from claimgraph.evidence.fit import fit_logistic, folds, macro_f1, predict, roc_auc  # noqa: E402
from claimgraph.evidence.lexical import DISPUTE_FACTOR, dispute_cue  # noqa: E402
from claimgraph.evidence.retrieval import Document  # noqa: E402
from claimgraph.evidence.text import STOPWORDS, tokens  # noqa: E402
from claimgraph.model import Passage  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wice" / "claim_dev.jsonl"
LABELS = ("supported", "partially_supported", "not_supported")
# The shipped model's features: coverage of the claim's words, names and numbers.
MODEL_FEATURES = ("coverage_top3", "coverage_best", "number_coverage", "entity_coverage",
                  "missing_terms", "bigram_coverage")


def document(sentences: list[str]) -> Document:
    """A document whose passages are exactly the given sentences, one per line."""
    text, passages = "", []
    for sentence in sentences:
        start = len(text)
        text += sentence
        passages.append(Passage(sentence, start, len(text)))
        text += "\n"
    return Document("wice", text, passages)


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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write-weights", action="store_true")
    parser.add_argument("--no-model", action="store_true", help="skip the trained judge's rows")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    started = time.perf_counter()
    ours, every, overlap, gold, damp = [], [], [], [], []
    recalls: dict[str, list[float]] = {"claimgraph": [], "overlap": [], "lead-3": []}
    hits: dict[str, list[float]] = {"claimgraph": [], "overlap": [], "lead-3": []}
    for record in records:
        doc, claim = document(record["evidence"]), ClaimTerms.of(record["claim"])
        ranked = rank_passages(claim, doc)
        values = pair_features(claim, doc, ranked)
        ours.append([values[name] for name in MODEL_FEATURES])
        every.append([values[name] for name in FEATURES])
        damp.append(DISPUTE_FACTOR if dispute_cue(claim, doc, ranked) else 1.0)
        score, top_overlap = overlap_baseline(record["claim"], record["evidence"])
        overlap.append([score])
        gold.append(record["label"])
        for name, top in (("claimgraph", [i for _, i in ranked[:3]]), ("overlap", top_overlap),
                          ("lead-3", [0, 1, 2])):
            recall = recall_at(top, record["supporting_sentences"])
            if recall is not None:
                recalls[name].append(recall)
                hits[name].append(float(recall > 0))
    featurised = time.perf_counter() - started
    majority = max(LABELS, key=gold.count)
    print(f"WiCE dev: {len(records)} claims ({', '.join(f'{gold.count(x)} {x}' for x in LABELS)});"
          f" {len(recalls['claimgraph'])} with annotated supporting sentences")
    print(f"cross-validation: {args.folds}-fold over claims x {args.repeats} shuffles; "
          "weights and label thresholds fitted on training folds only\n")
    print(f"{'method':<34} {'ROC AUC':>14} {'macro-F1':>14} {'recall@3':>9} {'hit@3':>6}")
    majority_f1 = macro_f1([majority] * len(gold), gold)
    print(f"{'majority class (' + majority + ')':<34} {0.5:>14.3f} {majority_f1:>14.3f} "
          f"{_mean(recalls['lead-3']):>9.3f} {_mean(hits['lead-3']):>6.3f}   (retrieval: lead-3)")
    rows = [("word overlap baseline", overlap, False, None, "overlap"),
            ("claimgraph default judge", ours, True, damp, "claimgraph"),
            ("  model alone, no dispute cue", ours, True, None, "claimgraph"),
            ("  model alone, all 10 features", every, True, None, "claimgraph")]
    for label, data, fit, damping, retrieval in rows:
        runs = [cross_validate(data, gold, args.folds, seed, fit, damping)
                for seed in range(args.repeats)]
        auc = [r[0] for r in runs]
        f1 = [r[1] for r in runs]
        print(f"{label:<34} {_spread(auc):>14} {_spread(f1):>14} "
              f"{_mean(recalls[retrieval]):>9.3f} {_mean(hits[retrieval]):>6.3f}")
    if not args.no_model:
        model_rows(records, ours, gold, args)
    print("\nrecall@3: best share of one annotated supporting set among the top 3 sentences;"
          " hit@3: at least one supporting sentence in the top 3")
    print(f"dispute cue fired on {sum(d < 1 for d in damp)} claims (score x {DISPUTE_FACTOR})")
    print(f"features for {len(records)} claims: {featurised:.2f} s")
    if args.write_weights:
        write_weights(ours, [int(label == "supported") for label in gold])
    return 0


def model_rows(records: list[dict], lexical: list[list[float]], gold: list[str],
               args: argparse.Namespace) -> None:
    """The trained judge on the same claims: its best passage's support alone and the shipped
    judge's support score (nothing fitted on WiCE in either), and its probabilities beside the
    lexical features in a k-fold logistic model (fitted on WiCE training folds)."""
    from claimgraph.evidence.onnx_judge import OnnxJudge, model_available

    if not model_available():
        print("trained judge: no model file in claimgraph/data/judge, rows skipped")
        return
    judge, started = OnnxJudge(), time.perf_counter()
    alone, combined = [], []
    for record, row in zip(records, lexical, strict=True):
        doc = document(record["evidence"])
        ranked = judge.ranked(ClaimTerms.of(record["claim"]), doc)
        probabilities = [judge._ordered(p) for p in judge.probabilities(
            [(record["claim"], doc.passages[i].text) for i in ranked])] or [(0.0, 0.0, 1.0)]
        best_support = max(p[0] for p in probabilities)
        alone.append([best_support])
        combined.append(row + [best_support, sum(p[0] for p in probabilities) / len(probabilities),
                               max(p[1] for p in probabilities)])
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    verdicts = judge.judge_batch([(r["claim"], [document(r["evidence"])], [True])
                                  for r in records])
    judged = [[v[0].support] for v in verdicts]
    judged_seconds = time.perf_counter() - started
    name = "combined" if judge.combiner is not None else "written rule"
    for label, data, fit in (("trained judge: support alone", alone, False),
                             ("trained judge + lexical (k-fold fit)", combined, True),
                             (f"trained judge as shipped ({name})", judged, False)):
        runs = [cross_validate(data, gold, args.folds, seed, fit) for seed in range(args.repeats)]
        print(f"{label:<34} {_spread([r[0] for r in runs]):>14} "
              f"{_spread([r[1] for r in runs]):>14}   (retrieval as above)")
    print(f"trained judge on {len(records)} claims x 3 passages: {seconds:.1f} s; as shipped "
          f"(3 passages + their window, one batch): {judged_seconds:.1f} s")
    print("as shipped: the support score of OnnxJudge.judge_batch; its combiner was fitted on "
          "Check-COVID train only, so nothing in that row was fitted on WiCE (the label cuts "
          "for macro-F1 are, on training folds)")


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
