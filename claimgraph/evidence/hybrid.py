"""The hybrid judge: the lexical judge's stance and support, overridden to "disputes" by the
trained model when it is confident the source disputes the claim.

The rule, for each (claim, source):

1. The lexical judge gives a stance, a support score and its quotes.
2. If the source is cited for the claim and the lexical judge found it on topic (not
   "unrelated") and not already disputing, the trained model reads it. When the model's own
   dispute probability (its calibrated classifier, without the model judge's contradiction cue:
   the lexical judge has its own, stricter one) is at least ``DISPUTES_AT``, the stance becomes
   "disputes", with that probability as its confidence and the model's deciding passage as the
   first quote. The support score stays the lexical one.
3. Otherwise the lexical verdict stands, quotes and all (so the uncited sources an audit compares
   for a better citation are judged by the lexical judge alone, as cheaply as before).

So the ranking by support is the lexical judge's (better on WiCE), and the disputes are the
model's (the lexical judge almost never finds one). Chosen on fit data only (Check-COVID train's
held-out part and the WiCE fit half; ``benchmarks/hybrid_fit.py``,
``benchmarks/results/judge_hybrid.txt``): ``DISPUTES_AT`` is the threshold with the best
Check-COVID dispute F1 among those whose dispute precision is at least 0.5 on both fit sets (on
WiCE, overriding a claim labelled supported counts as wrong). With the model's contradiction cue
most of its WiCE overrides fell on supported claims, so the cue is left out. Lowering the
support score of an overridden pair (x (1 - p) or x 0.3) did not help WiCE support AUC, so it is
not lowered. The model loads once per process (shared with ``model``); when it cannot load,
``get_judge`` falls back to the lexical judge and says so once.
"""

from __future__ import annotations

from claimgraph.evidence.judges import Verdict, get_judge
from claimgraph.evidence.lexical import LexicalJudge
from claimgraph.evidence.onnx_judge import OnnxJudge
from claimgraph.evidence.retrieval import Document
from claimgraph.judge_card import HYBRID_DISPUTES_AT as DISPUTES_AT
from claimgraph.judge_card import HYBRID_RULE as RULE

__all__ = ["HybridJudge", "DISPUTES_AT", "RULE", "combine"]

# DISPUTES_AT (the model's dispute probability from which the hybrid says "disputes") and RULE
# live in judge_card, which the CLI help quotes without loading any judge.


def combine(lexical: Verdict, dispute: float, model: Verdict | None,
            disputes_at: float = DISPUTES_AT, model_name: str = "model") -> Verdict:
    """The hybrid verdict from the lexical verdict and the model's dispute probability (and its
    verdict, for the deciding quote); the rule in the module docstring. An overridden verdict
    names the model that decided it (``decided_by``), so a reader knows whose dispute it is."""
    if lexical.stance in ("unrelated", "disputes") or dispute < disputes_at:
        return lexical
    quotes = model.quotes if model is not None and model.quotes else lexical.quotes
    return Verdict("disputes", dispute, lexical.support, quotes, decided_by=model_name)


class HybridJudge:
    """Lexical support, trained disputes (see the module docstring)."""

    name = "hybrid"

    def __init__(self, model: OnnxJudge | None = None, disputes_at: float = DISPUTES_AT,
                 cues: bool = False) -> None:
        # get_judge("model") without a notice callback raises InputError when the model cannot
        # load; get_judge("hybrid", on_notice=...) then falls back to the lexical judge.
        loaded = model if model is not None else get_judge("model")
        if not isinstance(loaded, OnnxJudge):
            from claimgraph.errors import InputError

            raise InputError("the hybrid judge needs the trained judge (model.onnx)")
        self.model = loaded
        self.lexical = LexicalJudge()
        self.disputes_at = disputes_at
        self.cues = cues  # weigh the model judge's contradiction cue in (tried on fit data; off)

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """The verdict for one document (see ``judge_batch``)."""
        return self.judge_batch([(claim, [document], [True])], idf)[0][0]

    def judge_batch(self, requests: list[tuple[str, list[Document], list[bool]]],
                    idf: dict[str, float] | None = None) -> list[list[Verdict]]:
        """Verdicts for many (claim, documents, cited) requests; the model reads, in one run,
        only the cited documents the lexical judge found on topic and did not call disputed."""
        return [[combine(lexical, dispute, model, self.disputes_at, self.model.name)
                 for lexical, dispute, model in per_request]
                for per_request in self.parts(requests, idf)]

    def parts(self, requests: list[tuple[str, list[Document], list[bool]]],
              idf: dict[str, float] | None = None
              ) -> list[list[tuple[Verdict, float, Verdict | None]]]:
        """Per request and document: the lexical verdict, the model's dispute probability (0 when
        the model did not read it) and the model's verdict (None then); what ``combine`` reads,
        kept apart so a benchmark can try thresholds without running the model again."""
        lexical = [[self.lexical.judge(claim, document, idf) for document in documents]
                   for claim, documents, _ in requests]
        asked = [[i for i, (verdict, is_cited) in enumerate(zip(verdicts, cited, strict=True))
                  if is_cited and verdict.stance not in ("unrelated", "disputes")]
                 for verdicts, (_, _, cited) in zip(lexical, requests, strict=True)]
        scored = self.model.score([(claim, [documents[i] for i in picked], [True] * len(picked))
                                   for (claim, documents, cited), picked
                                   in zip(requests, asked, strict=True)], idf)
        out = []
        for verdicts, picked, judged in zip(lexical, asked, scored, strict=True):
            read = dict(zip(picked, judged, strict=True))
            out.append([(verdict, self.model.dispute_probability(read[i], self.cues),
                         self.model.verdict(read[i])) if i in read else (verdict, 0.0, None)
                        for i, verdict in enumerate(verdicts)])
        return out
