"""The trained judge: a MiniLM cross-encoder in ONNX, run with onnxruntime (no torch).

Per (claim, document) it takes the best few passages by the lexical ranking. How the model
reads them is set by ``judge.json``:

- ``"inputs": "joined"``: ONE input per (claim, document), the top passages joined in document
  order (``joined_input``), cut to ``window_tokens``; the deciding quote is then picked without
  more model calls (the passage a contradiction cue fires on for a dispute, else the best-ranked
  passage).
- absent (the older models): each passage alone, plus the passages joined, aggregated.

Either way the rule in ``aggregate`` turns probabilities into a stance (written up in
docs/evidence.md). The model, its tokenizer and its thresholds ship in
``claimgraph/data/judge/``; ``training/`` rebuilds them; the environment variable
``CLAIMGRAPH_JUDGE_DIR`` names another exported folder. Loaded once per process.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph import settings
from claimgraph.errors import InputError
from claimgraph.evidence import combiner
from claimgraph.evidence.contradiction import CUE_DISPUTE, contradiction_cue
from claimgraph.evidence.features import (
    ClaimTerms,
    negation_conflict,
    number_conflict,
    pair_features,
    rank_passages,
)
from claimgraph.evidence.judges import Verdict
from claimgraph.evidence.retrieval import Document
from claimgraph.hints import Hint
from claimgraph.judge_card import MODEL_DIR
from claimgraph.model import Quote

__all__ = ["OnnxJudge", "MODEL_DIR", "Scored", "Judged", "aggregate", "model_available", "with_cues",
           "joined_input", "JOINED"]

PASSAGES = 3  # passages judged per (claim, document)
WINDOW = -1  # the index standing for the judged passages read together
MENTIONS_AT = 0.3  # share of the claim's terms the passages must hold to be "mentions"
MENTIONS_TERMS = 3  # ... or this many of its distinct terms
DEFAULTS = {"supports_at": 0.5, "disputes_at": 0.5, "max_length": 256}
NO_CUES = {"contradiction_cue": False, "negation_conflict": False, "number_conflict": False}
BATCH_TOKENS = 4096  # padded tokens per model run (sorted by length, so little is padding)
JOINED = "joined"  # judge.json "inputs": one input per (claim, document)
DIR_VARIABLE = "CLAIMGRAPH_JUDGE_DIR"  # another exported judge folder for ``model`` (benchmarks)


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


def joined_input(claim: str, document: Document,
                 idf: dict[str, float] | None = None) -> tuple[str, list[int]]:
    """The text the joined-mode judge reads for (claim, document), and the passages it joins.

    The best ``PASSAGES`` passages of the lexical ranking, joined in document order with " "
    ("" when nothing ranks). Training builds its inputs with this too, so both see one shape.
    """
    terms = ClaimTerms.of(claim)
    indices = [i for _, i in rank_passages(terms, document, idf, k=PASSAGES)] if terms.unique else []
    return _joined_text(document, indices), indices


def _joined_text(document: Document, indices: list[int]) -> str:
    return " ".join(document.passages[i].text for i in sorted(indices))


def _threads() -> int:
    """The cores this process may run on (the intra-op threads of the session)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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
        folder = Path(target or settings.get(DIR_VARIABLE) or MODEL_DIR)
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
        self.passage_tokens = int(self.settings.get("passage_tokens", self.settings["max_length"]))
        self.window_tokens = int(self.settings.get("window_tokens", self.settings["max_length"]))
        self.joined = self.settings.get("inputs") == JOINED
        self.feature_names = combiner.JOINED_FEATURES if self.joined else combiner.FEATURES
        # None when missing or fitted on another feature set: the written rule decides
        self.combiner = combiner.load(folder / "combiner.json", self.feature_names)
        self.labels = list(self.settings.get("labels", ["supports", "disputes", "neither"]))
        self.inputs_judged = 0  # model inputs run in this process (for benchmarks)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # padded per batch in ``probabilities``
        self.tokenizer.enable_truncation(max_length=int(self.settings["max_length"]))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        # no busy-waiting between runs: on a shared machine spinning threads steal the cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = onnxruntime.InferenceSession(
                str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own untyped errors
            raise InputError(f"the trained judge in {folder} cannot be loaded: {error}") from None

    def probabilities(self, pairs: list[tuple[str, str]],
                      caps: list[int] | None = None) -> list[list[float]]:
        """Class probabilities (in ``self.labels`` order) for (claim, passage) pairs.

        The pairs are tokenised once, cut to their token cap (``caps``, else ``max_length``:
        the passage's tail goes, the claim stays), sorted by length and run in batches of at
        most ``BATCH_TOKENS`` padded tokens, each padded only to its own longest pair.
        """
        import numpy as np

        if not pairs:
            return []
        self.inputs_judged += len(pairs)
        caps = caps or [int(self.settings["max_length"])] * len(pairs)
        encodings = [_Encoded.of(e, cap) for e, cap in
                     zip(self.tokenizer.encode_batch(pairs), caps, strict=True)]
        order = sorted(range(len(pairs)), key=lambda i: len(encodings[i].ids))
        results: list[list[float]] = [[] for _ in pairs]
        start = 0
        while start < len(order):
            width = len(encodings[order[start]].ids)
            stop = start + 1
            while stop < len(order):
                longest = len(encodings[order[stop]].ids)
                if longest * (stop - start + 1) > BATCH_TOKENS:
                    break
                width, stop = longest, stop + 1
            chunk = order[start:stop]
            feeds = {name: np.zeros((len(chunk), width), dtype=np.int64)
                     for name in ("input_ids", "attention_mask", "token_type_ids")}
            for row, i in enumerate(chunk):
                encoding = encodings[i]
                size = len(encoding.ids)
                feeds["input_ids"][row, :size] = encoding.ids
                feeds["attention_mask"][row, :size] = 1
                feeds["token_type_ids"][row, :size] = encoding.type_ids
            logits = self.session.run(None, feeds)[0]
            logits = np.exp(logits - logits.max(axis=1, keepdims=True))
            for i, row_probabilities in zip(chunk, (logits / logits.sum(axis=1, keepdims=True))
                                            .tolist(), strict=True):
                results[i] = row_probabilities
            start = stop
        return results

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """The verdict for one document (see ``judge_batch``)."""
        return self.judge_batch([(claim, [document], [True])], idf)[0][0]

    def judge_many(self, claim: str, documents: list[Document],
                   idf: dict[str, float] | None = None,
                   cited: list[bool] | None = None) -> list[Verdict]:
        """Verdicts for one claim against several documents (see ``judge_batch``)."""
        cited = cited if cited is not None else [True] * len(documents)
        return self.judge_batch([(claim, documents, cited)], idf)[0]

    def judge_batch(self, requests: list[tuple[str, list[Document], list[bool]]],
                    idf: dict[str, float] | None = None) -> list[list[Verdict]]:
        """Verdicts for many (claim, documents, cited) requests, all their passages in one run.

        Documents marked not cited whose best passages hold less than ``MENTIONS_AT`` of the
        claim's terms are ``unrelated`` without running the model (an uncited unrelated source is
        not reported anyway): a source the author did not cite must hold a share of the claim,
        not just a few of a long claim's words, to be worth a model input.
        """
        return [[self.verdict(judged) for judged in per_request]
                for per_request in self.score(requests, idf)]

    def feature_rows(self, requests: list[tuple[str, list[Document], list[bool]]],
                     idf: dict[str, float] | None = None) -> list[list[list[float]]]:
        """The combiner's feature row per (claim, document) (for ``training/fit_combiner.py``)."""
        return [[judged.row for judged in per_request]
                for per_request in self.score(requests, idf)]

    def score(self, requests: list[tuple[str, list[Document], list[bool]]],
              idf: dict[str, float] | None = None) -> list[list[Judged]]:
        """Per request and document: the passages judged, their scores and the feature row."""
        plans: list[tuple[str, ClaimTerms, list[tuple[Document, list[tuple[float, int]]]]]] = []
        pairs: list[tuple[str, str]] = []
        caps: list[int] = []
        for claim, documents, cited in requests:
            terms = ClaimTerms.of(claim)
            plan = []
            for document, is_cited in zip(documents, cited, strict=True):
                ranked = self.ranked_scores(terms, document, idf)
                indices = [i for _, i in ranked]
                if not (is_cited or _holds_share(terms, document, indices)):
                    ranked, indices = [], []
                plan.append((document, ranked))
                if self.joined:
                    if indices:
                        pairs.append((claim, _joined_text(document, indices)))
                        caps.append(self.window_tokens)
                    continue
                inputs = self.inputs(claim, document, indices)
                pairs += inputs
                caps += [self.passage_tokens] * len(indices) + [self.window_tokens] * (
                    len(inputs) - len(indices))
            plans.append((claim, terms, plan))
        probabilities = iter(self.probabilities(pairs, caps))
        out = []
        for claim, terms, plan in plans:
            judged = []
            for document, ranked in plan:
                indices = [i for _, i in ranked]
                if not indices:
                    lexical = pair_features(terms, document, [], idf)
                    row = (combiner.joined_features(None, lexical, NO_CUES, 0.0, 0) if self.joined
                           else combiner.features([], None, lexical, NO_CUES, 0.0))
                    judged.append(Judged(terms, document, [], row))
                    continue
                if self.joined:
                    scored = [Scored(WINDOW, *self._ordered(next(probabilities)))]
                else:
                    scored = [Scored(i, *self._ordered(next(probabilities)))
                              for i in indices + ([WINDOW] if len(indices) > 1 else [])]
                judged.append(Judged(terms, document, scored,
                                     self._row(claim, terms, document, ranked, scored, idf),
                                     indices))
            out.append(judged)
        return out

    def _row(self, claim: str, terms: ClaimTerms, document: Document,
             ranked: list[tuple[float, int]], scored: list[Scored],
             idf: dict[str, float] | None) -> list[float]:
        single = [s for s in scored if s.index != WINDOW]
        window = next((s for s in scored if s.index == WINDOW), None)
        lexical = pair_features(terms, document, ranked, idf)
        indices = [i for _, i in ranked]
        texts = [document.passages[i].text for i in indices]
        cues = {
            "contradiction_cue": any(contradiction_cue(claim, terms.unique, text,
                                                       document.terms[i])
                                     for i, text in zip(indices, texts, strict=True)),
            "negation_conflict": any(negation_conflict(claim, text) for text in texts[:2]),
            "number_conflict": any(number_conflict(claim, text) for text in texts[:2]),
        }
        share = max(len(terms.unique.intersection(document.terms[i])) for i in indices)
        if self.joined:
            assert window is not None  # one joined input per judged document
            return combiner.joined_features((window.supports, window.disputes, window.neither),
                                            lexical, cues, share / (len(terms.unique) or 1),
                                            len(indices))
        return combiner.features([(s.supports, s.disputes, s.neither) for s in single],
                                 (window.supports, window.disputes, window.neither)
                                 if window else None, lexical, cues,
                                 share / (len(terms.unique) or 1))

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
        return [i for _, i in self.ranked_scores(terms, document, idf)]

    def ranked_scores(self, terms: ClaimTerms, document: Document,
                      idf: dict[str, float] | None = None) -> list[tuple[float, int]]:
        """``ranked`` with the ranking's scores, as (score, passage index)."""
        if not terms.unique:
            return []
        return rank_passages(terms, document, idf, k=PASSAGES)

    def _ordered(self, row: list[float]) -> tuple[float, float, float]:
        by_label = dict(zip(self.labels, row, strict=True))
        return by_label["supports"], by_label["disputes"], by_label["neither"]

    def verdict(self, judged: Judged) -> Verdict:
        """The verdict on one scored (claim, document) pair (``score``'s output)."""
        return self._verdict(judged) if judged.scored else Verdict("unrelated", 1.0, 0.0, [])

    def dispute_probability(self, judged: Judged, cues: bool = True) -> float:
        """How likely the model finds that the document disputes the claim (0 if not judged):
        the combiner's (or, without one, the model's own) dispute probability; with ``cues``, in
        joined mode (the shipped one), raised as the verdict raises it when a passage restates
        the claim but flips it (other modes weigh their cues into the verdict only)."""
        if not judged.scored:
            return 0.0
        if cues and self.joined:
            return self._joined_probabilities(judged)[0][1]
        if self.combiner is not None:
            return combiner.predict(self.combiner, judged.row)[1]
        return max(s.disputes for s in judged.scored)

    def _joined_probabilities(self, judged: Judged
                              ) -> tuple[tuple[float, float, float], list[int]]:
        """Joined mode: (supports, disputes, neither) and the passages that flip the claim."""
        terms, document, indices = judged.terms, judged.document, judged.passages
        joined = judged.scored[0]
        if self.combiner is not None:
            supports, disputes, neither = combiner.predict(self.combiner, judged.row)
        else:
            supports, disputes, neither = joined.supports, joined.disputes, joined.neither
        flipped = [i for i in indices if contradiction_cue(
            terms.text, terms.unique, document.passages[i].text, document.terms[i])]
        if flipped:  # a passage restating the claim but flipping it: a dispute, whatever the model
            disputes = max(disputes, CUE_DISPUTE)
            supports = min(supports, 1 - disputes)
        return (supports, disputes, neither), flipped

    def _joined_verdict(self, judged: Judged) -> Verdict:
        """Joined mode: a contradiction cue makes a dispute; else ``aggregate`` on the combiner's
        probabilities (or the model's own on the one input). The quote costs no model call."""
        terms, document, indices = judged.terms, judged.document, judged.passages
        (supports, disputes, neither), flipped = self._joined_probabilities(judged)
        if flipped:
            stance = "disputes"
        else:
            stance, _ = aggregate([Scored(WINDOW, supports, disputes, neither)],
                                  float(self.settings["supports_at"]),
                                  float(self.settings["disputes_at"]))
        decisive = flipped[0] if flipped else indices[0]
        quotes = [_quote(document, i) for i in [decisive] + [i for i in indices if i != decisive]]
        if stance == "disputes":
            return Verdict("disputes", disputes, supports, quotes)
        if stance == "supports":
            return Verdict("supports", supports, supports, quotes)
        if _on_topic(terms, document, indices):
            return Verdict("mentions", neither, supports, quotes)
        return Verdict("unrelated", neither, supports, quotes)

    def _verdict(self, judged: Judged) -> Verdict:
        if self.joined:
            return self._joined_verdict(judged)
        terms, document = judged.terms, judged.document
        single = [s for s in judged.scored if s.index != WINDOW]
        if self.combiner is not None:
            supports, disputes, neither = combiner.predict(self.combiner, judged.row)
            stance = max((supports, "supports"), (disputes, "disputes"), (neither, "neither"))[1]
            flipped = [s for s in single if contradiction_cue(
                terms.text, terms.unique, document.passages[s.index].text, document.terms[s.index])]
            if flipped:  # a passage restating the claim but flipping it: support turns dispute
                stance, supports, disputes = "disputes", 0.0, disputes + supports
            lean = stance if stance != "neither" else "supports"
            decisive = flipped[0] if flipped else max(single, key=lambda s: getattr(s, lean))
            quotes = [_quote(document, s.index) for s in [decisive] + [s for s in single
                                                                        if s is not decisive]]
            if stance == "disputes":
                return Verdict("disputes", disputes, supports, quotes)
            if stance == "supports":
                return Verdict("supports", supports, supports, quotes)
            if _on_topic(terms, document, [s.index for s in single]):
                return Verdict("mentions", neither, supports, quotes)
            return Verdict("unrelated", neither, supports, quotes)
        scored = with_cues(terms.text, terms, document, judged.scored)
        single = [s for s in scored if s.index != WINDOW]
        stance, deciding = aggregate(scored, float(self.settings["supports_at"]),
                                     float(self.settings["disputes_at"]))
        decisive = deciding
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


@dataclass
class Judged:
    """One (claim, document) pair after the model: the scored inputs (in joined mode one, the
    passages read together), the feature row and the ranked passages, best first (scored and
    passages empty when the document was not judged)."""

    terms: ClaimTerms
    document: Document
    scored: list[Scored]
    row: list[float]
    passages: list[int] = field(default_factory=list)


@dataclass
class _Encoded:
    """A tokenised pair cut to a token cap."""

    ids: list[int]
    type_ids: list[int]

    @classmethod
    def of(cls, encoding: object, cap: int) -> _Encoded:
        ids, type_ids = list(encoding.ids), list(encoding.type_ids)  # type: ignore[attr-defined]
        if len(ids) > cap >= 2:  # keep the closing [SEP]
            ids, type_ids = ids[: cap - 1] + ids[-1:], type_ids[: cap - 1] + type_ids[-1:]
        return cls(ids, type_ids)


def _on_topic(terms: ClaimTerms, document: Document, ranked: list[int]) -> bool:
    """Whether the passages share enough of the claim's terms to be about it."""
    shared = {t for i in ranked for t in document.terms[i]} & terms.unique
    return bool(terms.unique) and (len(shared) / len(terms.unique) >= MENTIONS_AT
                                   or len(shared) >= MENTIONS_TERMS)


def _holds_share(terms: ClaimTerms, document: Document, ranked: list[int]) -> bool:
    """Whether the passages hold at least ``MENTIONS_AT`` of the claim's terms."""
    shared = {t for i in ranked for t in document.terms[i]} & terms.unique
    return bool(terms.unique) and len(shared) / len(terms.unique) >= MENTIONS_AT


def _quote(document: Document, index: int) -> Quote:
    passage = document.passages[index]
    return Quote(passage.text, passage.start, passage.end)
