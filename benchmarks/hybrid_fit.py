"""Choosing the hybrid judge's dispute threshold on fit data, then the one look at held-out WiCE.

    python benchmarks/hybrid_fit.py             # fit data: Check-COVID train-heldout, WiCE fit half
    python benchmarks/hybrid_fit.py --held-out  # WiCE held-out half at the shipped DISPUTES_AT

Fit data only for the choice: the part of Check-COVID train the cross-encoder never saw
(``checkcovid_accuracy.py --split train-heldout``) and the WiCE fit half
(``fit.wice_fit_half``). Each pair is judged once (lexical verdict and the model's dispute
probability, ``HybridJudge.parts``); the thresholds are then tried on those numbers with the
shipped rule (``hybrid.combine``). The Check-COVID held-out figure comes from the CLI
(``checkcovid_accuracy.py --judge hybrid``), as for every judge.

WiCE support AUC is scored as the lexical judge's held-out figure is (``wice_accuracy.py``, row
"lexical features, k-fold fit + cue"): the lexical weights are refitted on the fit half only (the
shipped ones saw all of WiCE dev), so the lexical and hybrid rows are comparable and held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checkcovid_accuracy import DATA as COVID  # noqa: E402
from checkcovid_accuracy import STANCE_LABEL, f1_scores, rows_of, source_text  # noqa: E402
from wice_accuracy import DATA as WICE  # noqa: E402
from wice_accuracy import MODEL_FEATURES, document, halves, recall_at  # noqa: E402

from claimgraph.evidence.features import ClaimTerms, pair_features, rank_passages  # noqa: E402
from claimgraph.evidence.fit import fit_logistic, roc_auc  # noqa: E402
from claimgraph.evidence.hybrid import DISPUTES_AT, HybridJudge, combine  # noqa: E402
from claimgraph.evidence.lexical import LexicalJudge  # noqa: E402
from claimgraph.evidence.retrieval import document_from_text  # noqa: E402

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01)


def covid_table(judge: HybridJudge, split: str) -> None:
    """Check-COVID per threshold: macro-F1, REFUTE precision / recall / F1, disputes said."""
    rows = rows_of(split, COVID)
    print(f"model's contradiction cue weighed in: {judge.cues}")
    parts = [p[0] for p in judge.parts([(r["claim"], [document_from_text(source_text(r))],
                                          [True]) for r in rows])]
    gold = [r["label"] for r in rows]
    print(f"Check-COVID {split}: {len(rows)} claims {dict(Counter(gold))}")
    print(f"  {'threshold':>9} {'macro-F1':>8} {'REF P':>6} {'REF R':>6} {'REF F1':>6} "
          f"{'disputes':>8}")
    for threshold in THRESHOLDS:
        stances = [combine(lex, p, model, threshold).stance for lex, p, model in parts]
        predicted = [STANCE_LABEL.get(s, "NOTENOUGHINFO") for s in stances]
        s = f1_scores(predicted, gold)
        name = "lexical" if threshold > 1 else f"{threshold:.2f}"
        print(f"  {name:>9} {s['macro-F1']:>8.3f} {s['REFUTE P']:>6.3f} {s['REFUTE R']:>6.3f} "
              f"{s['REFUTE F1']:>6.3f} {stances.count('disputes'):>8}")


def wice_parts(held_out: bool, cues: bool
               ) -> tuple[list[tuple], list[int], list[float | None], list[str]]:
    """The hybrid's parts on a WiCE half, the lexical weights refitted on the fit half."""
    records = [json.loads(line) for line in WICE.read_text().splitlines()
               if line.strip()]
    fit_part, held_part = halves(records)
    rows, binary = [], []
    for i in fit_part:
        r = records[i]
        doc, claim = document(r["evidence"]), ClaimTerms.of(r["claim"])
        values = pair_features(claim, doc, rank_passages(claim, doc))
        rows.append([values[name] for name in MODEL_FEATURES])
        binary.append(int(r["label"] == "supported"))
    weights = fit_logistic(rows, binary) | {"features": list(MODEL_FEATURES)}
    picked = [records[i] for i in (held_part if held_out else fit_part)]
    judge = HybridJudge(cues=cues)
    judge.lexical = LexicalJudge(weights)
    parts = [p[0] for p in judge.parts([(r["claim"], [document(r["evidence"])], [True])
                                        for r in picked])]
    hits = []
    for r in picked:
        doc, claim = document(r["evidence"]), ClaimTerms.of(r["claim"])
        top = [i for _, i in rank_passages(claim, doc)[:3]]
        recall = recall_at(top, r["supporting_sentences"])
        hits.append(None if recall is None else float(recall > 0))
    return parts, [int(r["label"] == "supported") for r in picked], hits, \
        [r["label"] for r in picked]


def wice_table(held_out: bool, thresholds: tuple[float, ...], cues: bool = False) -> None:
    """WiCE support AUC per threshold: the hybrid's (support kept) and two variants that lower
    an overridden pair's support (x (1 - p), x 0.3), tried and not shipped; disputes said."""
    parts, labels, hits, gold = wice_parts(held_out, cues)
    name = "held-out half" if held_out else "fit half (lexical weights fitted on it)"
    print(f"model's contradiction cue weighed in: {cues}")
    annotated = [h for h in hits if h is not None]
    print(f"WiCE {name}: {len(labels)} claims ({sum(labels)} supported); hit@3 "
          f"{sum(annotated) / len(annotated):.3f} (the lexical ranking, both judges)")
    print(f"  {'threshold':>9} {'AUC':>8} {'x(1-p)':>8} {'x0.3':>8} "
          f"{'disputes':>8} {'wrong':>5}  gold of the disputed (wrong: labelled supported)")
    for threshold in thresholds:
        verdicts = [combine(lex, p, model, threshold) for lex, p, model in parts]
        overridden = [v.stance == "disputes" and lex.stance != "disputes"
                      for v, (lex, _, _) in zip(verdicts, parts, strict=True)]
        lowered = [lex.support * (1 - p if o else 1.0)
                   for (lex, p, _), o in zip(parts, overridden, strict=True)]
        third = [lex.support * (0.3 if o else 1.0)
                 for (lex, _, _), o in zip(parts, overridden, strict=True)]
        disputed = Counter(g for v, g in zip(verdicts, gold, strict=True)
                           if v.stance == "disputes")
        label = "lexical" if threshold > 1 else f"{threshold:.2f}"
        print(f"  {label:>9} {roc_auc([v.support for v in verdicts], labels):>8.3f} "
              f"{roc_auc(lowered, labels):>8.3f} {roc_auc(third, labels):>8.3f} "
              f"{sum(v.stance == 'disputes' for v in verdicts):>8} {disputed['supported']:>5}  "
              f"{dict(disputed)}")


def main(argv: list[str] | None = None) -> int:
    """Print the fit tables, or the held-out WiCE line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true",
                        help=f"the WiCE held-out half at DISPUTES_AT ({DISPUTES_AT}) only")
    args = parser.parse_args(argv)
    if args.held_out:
        wice_table(True, (DISPUTES_AT, 1.01))
        return 0
    for cues in (True, False):
        covid_table(HybridJudge(cues=cues), "train-heldout")
        wice_table(False, THRESHOLDS, cues)
    return 0


if __name__ == "__main__":
    sys.exit(main())
