"""A judge backed by a local NLI model directory (a Hugging Face sequence classifier).

Spec: ``model:/path/to/model``. Needs ``transformers`` and ``torch`` (not claimgraph
dependencies); the model is read from disk only, never downloaded. Its labels must name
entailment and contradiction (``config.id2label``), as MNLI-style models do.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.evidence.features import ClaimTerms, rank_passages
from claimgraph.evidence.judges import Verdict
from claimgraph.evidence.retrieval import Document
from claimgraph.model import Quote

__all__ = ["ModelDirJudge"]


class ModelDirJudge:
    """Entailment and contradiction probabilities of the best passages, from a local model."""

    name = "model"

    def __init__(self, target: str = "") -> None:
        path = Path(target)
        if not target or not path.is_dir():
            raise InputError(f"the model judge needs a model folder: model:/path (got {target!r})")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError:
            raise InputError("the model judge needs transformers and torch: "
                             "pip install transformers torch") from None
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, local_files_only=True).eval()
        labels = {i: str(name).lower() for i, name in self.model.config.id2label.items()}
        self.entail = next((i for i, n in labels.items() if n.startswith("entail")), None)
        self.contradict = next((i for i, n in labels.items() if n.startswith("contradict")), None)
        if self.entail is None or self.contradict is None:
            raise InputError(f"{path}: the model's labels {labels} name no entailment/contradiction")

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """Score the three best passages as premises for the claim; keep the strongest."""
        ranked = [i for _, i in rank_passages(ClaimTerms.of(claim), document, idf, k=3)]
        if not ranked:
            return Verdict("unrelated", 1.0, 0.0, [])
        premises = [document.passages[i].text for i in ranked]
        batch = self.tokenizer(premises, [claim] * len(premises), truncation=True,
                               padding=True, return_tensors="pt")
        with self._torch.no_grad():
            probabilities = self.model(**batch).logits.softmax(-1).tolist()
        scored = sorted(zip(ranked, probabilities, strict=False),
                        key=lambda pair: -pair[1][self.entail])
        quotes = [Quote(document.passages[i].text, document.passages[i].start,
                        document.passages[i].end) for i, _ in scored]
        entail = scored[0][1][self.entail]
        contradict = max(p[self.contradict] for _, p in scored)
        if contradict > 0.5 and contradict > entail:
            return Verdict("disputes", contradict, entail, quotes)
        if entail >= 0.5:
            return Verdict("supports", entail, entail, quotes)
        return Verdict("mentions", 1 - entail, entail, quotes)
