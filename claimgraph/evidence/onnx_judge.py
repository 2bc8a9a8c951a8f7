"""The trained judge: a MiniLM cross-encoder in ONNX, run with onnxruntime (no torch).

Per (claim, document) it takes the best few passages by the lexical ranking, scores each as
supports / disputes / neither, and aggregates them with the rule in ``aggregate`` (written up
in docs/evidence.md). The model, its tokenizer and its thresholds ship in
``claimgraph/data/judge/``; ``training/`` rebuilds them. Loaded once per process.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.evidence.contradiction import CUE_DISPUTE, contradiction_cue
from claimgraph.evidence.features import ClaimTerms, rank_passages
from claimgraph.evidence.judges import Verdict
from claimgraph.evidence.retrieval import Document
from claimgraph.hints import Hint
from claimgraph.model import Quote

__all__ = ["OnnxJudge", "MODEL_DIR", "Scored", "aggregate", "model_available", "with_cues"]

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "judge"
PASSAGES = 3  # passages judged per (claim, document)
WINDOW = -1  # the index standing for the judged passages read together
MENTIONS_AT = 0.3  # share of the claim's terms the passages must hold to be "mentions"
MENTIONS_TERMS = 3  # ... or this many of its distinct terms
DEFAULTS = {"supports_at": 0.5, "disputes_at": 0.5, "max_length": 256}


@dataclass
class Scored:
    """One passage's probabilities: supports, disputes, neither."""

    index: int
    supports: float
    disputes: float
    neither: float


def model_available(folder: Path = MODEL_DIR) -> bool:
    """Whether a model folder holds the three files the judge needs."""
    return all((folder / name).is_file() for name in ("model.onnx", "tokenizer.json", "judge.json"))


def aggregate(scored: list[Scored], supports_at: float, disputes_at: float) -> tuple[str, Scored]:
    """The stance of a document from its passages' scores, and the passage that decides it.

    A passage disputes when its dispute probability reaches ``disputes_at``; it supports when
    its support probability reaches ``supports_at``. A dispute outweighs support unless the
    supporting passage is the more probable of the two; with neither, nothing decides.
    """
    best_support = max(scored, key=lambda s: s.supports)
    best_dispute = max(scored, key=lambda s: s.disputes)
    disputes = best_dispute.disputes >= disputes_at
    supports = best_support.supports >= supports_at
    if disputes and (not supports or best_dispute.disputes >= best_support.supports):
        return "disputes", best_dispute
    if supports:
        return "supports", best_support
    return "neither", max(scored, key=lambda s: 1 - s.neither)


class OnnxJudge:
    """Supports / disputes / neither from a cross-encoder over the best passages."""

    other_candidates = 2  # uncited sources judged per claim (the lexical judge takes 8: cheaper)

    def __init__(self, target: str = "") -> None:
        folder = Path(target) if target else MODEL_DIR
        if not model_available(folder):
            raise InputError(f"no trained judge in {folder} (needs model.onnx, tokenizer.json, "
                             "judge.json)", hint=Hint.LEXICAL_JUDGE)
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:
            raise InputError(f"the model judge needs onnxruntime and tokenizers ({error}); "
                             "pip install onnxruntime tokenizers", hint=Hint.LEXICAL_JUDGE) from None
        self.settings = DEFAULTS | json.loads((folder / "judge.json").read_text())
        self.name = str(self.settings.get("name", "model"))
        self.labels = list(self.settings.get("labels", ["supports", "disputes", "neither"]))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=int(self.settings["max_length"]))
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        try:
            self.session = onnxruntime.InferenceSession(
                str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own untyped errors
            raise InputError(f"the trained judge in {folder} cannot be loaded: {error}") from None

    def probabilities(self, pairs: list[tuple[str, str]]) -> list[list[float]]:
        """Class probabilities (in ``self.labels`` order) for (claim, passage) pairs."""
        import numpy as np

        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][1]))
        results: dict[int, list[float]] = {}
        for start in range(0, len(order), 32):
            chunk = order[start : start + 32]
            encodings = self.tokenizer.encode_batch([pairs[i] for i in chunk])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            logits = self.session.run(None, feeds)[0]
            for i, row in zip(chunk, logits.tolist(), strict=True):
                top = max(row)
                exp = [math.exp(v - top) for v in row]
                results[i] = [v / sum(exp) for v in exp]
        return [results[i] for i in range(len(pairs))]

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """The verdict for one document (see ``judge_many``)."""
        return self.judge_many(claim, [document], idf)[0]

    def judge_many(self, claim: str, documents: list[Document],
                   idf: dict[str, float] | None = None,
                   cited: list[bool] | None = None) -> list[Verdict]:
        """Verdicts for one claim against several documents, their passages in one batch.

        Documents marked not ``cited`` whose best passages are off topic are ``unrelated``
        without running the model (an uncited unrelated source is not reported anyway).
        """
        terms = ClaimTerms.of(claim)
        cited = cited if cited is not None else [True] * len(documents)
        ranked_per_doc: list[list[int]] = []
        pairs: list[tuple[str, str]] = []
        for document, is_cited in zip(documents, cited, strict=True):
            ranked = self.ranked(terms, document, idf)
            ranked_per_doc.append(ranked if is_cited or _on_topic(terms, document, ranked) else [])
            pairs += self.inputs(claim, document, ranked_per_doc[-1])
        probabilities = iter(self.probabilities(pairs)) if pairs else iter(())
        verdicts = []
        for document, ranked in zip(documents, ranked_per_doc, strict=True):
            if not ranked:
                verdicts.append(Verdict("unrelated", 1.0, 0.0, []))
                continue
            indices = ranked + ([WINDOW] if len(ranked) > 1 else [])
            scored = [Scored(i, *self._ordered(next(probabilities))) for i in indices]
            verdicts.append(self._verdict(terms, document, with_cues(claim, terms, document,
                                                                     scored)))
        return verdicts

    def inputs(self, claim: str, document: Document, ranked: list[int]) -> list[tuple[str, str]]:
        """The (claim, text) pairs judged: each passage, then (with several) all of them joined
        in document order, so evidence split over sentences is read together."""
        pairs = [(claim, document.passages[i].text) for i in ranked]
        if len(ranked) > 1:
            pairs.append((claim, " ".join(document.passages[i].text for i in sorted(ranked))))
        return pairs

    def ranked(self, terms: ClaimTerms, document: Document,
               idf: dict[str, float] | None = None) -> list[int]:
        """The passages judged for a claim: the lexical ranking's best ``PASSAGES``."""
        if not terms.unique:
            return []
        return [i for _, i in rank_passages(terms, document, idf, k=PASSAGES)]

    def _ordered(self, row: list[float]) -> tuple[float, float, float]:
        by_label = dict(zip(self.labels, row, strict=True))
        return by_label["supports"], by_label["disputes"], by_label["neither"]

    def _verdict(self, terms: ClaimTerms, document: Document, scored: list[Scored]) -> Verdict:
        stance, deciding = aggregate(scored, float(self.settings["supports_at"]),
                                     float(self.settings["disputes_at"]))
        decisive = deciding
        single = [s for s in scored if s.index != WINDOW]
        if decisive.index == WINDOW:  # quote the passage that leans most the same way
            lean = {"supports": "supports", "disputes": "disputes"}.get(stance, "neither")
            decisive = max(single, key=lambda s: getattr(s, lean) if lean != "neither"
                           else 1 - s.neither)
        order = [decisive] + [s for s in single if s is not decisive]
        quotes = [_quote(document, s.index) for s in order]
        support = max(s.supports for s in scored)
        if stance == "disputes":
            return Verdict("disputes", deciding.disputes, support * (1 - deciding.disputes), quotes)
        if stance == "supports":
            return Verdict("supports", deciding.supports, support, quotes)
        if _on_topic(terms, document, [s.index for s in single]):
            return Verdict("mentions", deciding.neither, support, quotes)
        return Verdict("unrelated", deciding.neither, support, quotes)


def with_cues(claim: str, terms: ClaimTerms, document: Document,
              scored: list[Scored]) -> list[Scored]:
    """Scores with structural contradictions weighed in: a passage that restates the claim but
    flips it (``contradiction.contradiction_cue``) disputes with at least ``CUE_DISPUTE``."""
    out = []
    for s in scored:
        if s.index != WINDOW and contradiction_cue(claim, terms.unique,
                                                   document.passages[s.index].text,
                                                   document.terms[s.index]):
            disputes = max(s.disputes, CUE_DISPUTE)
            supports = min(s.supports, 1 - disputes)
            s = Scored(s.index, supports, disputes, max(0.0, 1 - disputes - supports))
        out.append(s)
    return out


def _on_topic(terms: ClaimTerms, document: Document, ranked: list[int]) -> bool:
    """Whether the passages share enough of the claim's terms to be about it."""
    shared = {t for i in ranked for t in document.terms[i]} & terms.unique
    return bool(terms.unique) and (len(shared) / len(terms.unique) >= MENTIONS_AT
                                   or len(shared) >= MENTIONS_TERMS)


def _quote(document: Document, index: int) -> Quote:
    passage = document.passages[index]
    return Quote(passage.text, passage.start, passage.end)
