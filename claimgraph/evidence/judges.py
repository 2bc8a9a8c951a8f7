"""The stance-judge interface and the one registry of judges.

A judge reads a claim and a prepared document and returns a ``Verdict``: a stance
(supports, disputes, mentions, unrelated), a confidence, a ``support`` score in [0, 1] and up to
three quotes with offsets into the document's text. Adding a judge is one module plus one line
in ``JUDGES``. A spec names a judge and may carry a target after a colon:

    default                                  ``judge_card.DEFAULT_JUDGE``: lexical, model or hybrid
    model                                    the trained judge shipped in claimgraph/data/judge
    hybrid                                   lexical stance and support, disputes from the model
    lexical                                  word, number and name coverage (no model file)
    endpoint:http://127.0.0.1:8000/v1        an OpenAI-compatible chat endpoint (``?model=NAME``)
    model:/path/to/folder                    an exported judge (model.onnx …) or a Hugging Face
                                             NLI model folder (needs ``transformers``)

When an audit asks for ``model`` or ``hybrid`` and the trained judge cannot load, it falls back
to the lexical one and says why once, through the ``on_notice`` callback it passes (the audit makes
it a finding); without a callback (``claimgraph judge --judge model``) the failure is an
``InputError``. When ``default`` means one of them, it always falls back (said through
``on_notice`` when given).

Which judge ``default`` is follows a rule on each judge's recorded held-out figures
(``claimgraph/judge_card.py``: beat the lexical judge on Check-COVID dev macro-F1 and match it on
the held-out half of WiCE dev support AUC), so it changes only with a judge that earns it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from claimgraph.errors import InputError
from claimgraph.evidence.retrieval import Document
from claimgraph.model import Quote

__all__ = ["STANCES", "JUDGES", "JUDGE_SUMMARY", "Verdict", "Judge", "get_judge",
           "DEFAULT_JUDGE"]

STANCES = ("supports", "disputes", "mentions", "unrelated")

# The one place that lists every stance judge: name -> "module:Class".
# ``default`` is an alias resolved by ``get_judge``; ``model:DIR`` without model.onnx in DIR
# goes to the Hugging Face folder judge (``HF_FOLDER_JUDGE``).
JUDGES: dict[str, str] = {
    "default": "",
    "model": "claimgraph.evidence.onnx_judge:OnnxJudge",
    "hybrid": "claimgraph.evidence.hybrid:HybridJudge",
    "lexical": "claimgraph.evidence.lexical:LexicalJudge",
    "endpoint": "claimgraph.evidence.endpoint:EndpointJudge",
}
HF_FOLDER_JUDGE = "claimgraph.evidence.modeldir:ModelDirJudge"

from claimgraph.judge_card import DEFAULT_JUDGE, JUDGE_SUMMARY  # noqa: E402 - for the faces


@dataclass
class Verdict:
    """A judge's answer for one (claim, document) pair."""

    stance: str
    confidence: float
    support: float
    quotes: list[Quote] = field(default_factory=list)
    decided_by: str = ""  # a combining judge names the judge whose verdict this is ("" = itself)

    def as_dict(self) -> dict:
        """A JSON-ready dict: stance, confidence, support, quotes (and who decided, if said)."""
        out = {
            "stance": self.stance,
            "confidence": round(self.confidence, 4),
            "support": round(self.support, 4),
            "quotes": [{"text": q.text, "start": q.start, "end": q.end} for q in self.quotes],
        }
        if self.decided_by:
            out["decided_by"] = self.decided_by
        return out


class Judge(Protocol):
    """Decides the stance of a document towards a claim."""

    name: str

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """The verdict; ``idf`` is the corpus's term weights when many documents are judged."""


_CACHE: dict[str, Judge] = {}
_FALLBACK: dict[str, str] = {}  # why a judge needing the model fell back to the lexical one
NEEDS_MODEL = ("model", "hybrid")  # the judges that fall back to the lexical one in an audit


def _load(name: str, target: str) -> Judge:
    try:
        path = JUDGES[name]
    except KeyError:
        known = ", ".join(sorted(JUDGES))
        raise InputError(f"unknown judge {name!r}; choose one of: {known}") from None
    if name == "model" and target and not (Path(target) / "model.onnx").is_file():
        path = HF_FOLDER_JUDGE
    module_name, class_name = path.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(target) if target else cls()


def get_judge(spec: str = "default", on_notice: Callable[[str], None] | None = None) -> Judge:
    """The judge a spec names (``name`` or ``name:target``), created once per spec.

    ``default`` is ``DEFAULT_JUDGE``. ``model`` is the trained judge and ``hybrid`` needs it;
    with ``on_notice`` (an audit) either, when the model cannot load, falls back to the lexical
    one and ``on_notice`` hears why (every time it is asked, so each audit can report it once);
    without it, an ``InputError`` (``default`` always falls back).
    """
    if spec == "default":
        if DEFAULT_JUDGE not in NEEDS_MODEL:
            spec = "lexical"
        else:
            return get_judge(DEFAULT_JUDGE, on_notice=on_notice or (lambda _notice: None))
    if spec in NEEDS_MODEL and on_notice is not None and spec not in _CACHE:
        try:
            _CACHE[spec] = _load(spec, "")  # one model load per process
        except InputError as error:
            _FALLBACK[spec] = f"{spec} judge unavailable: {error}, using lexical"
            _CACHE[spec] = _load("lexical", "")
    if spec not in _CACHE:
        name, _, target = spec.partition(":")
        _CACHE[spec] = _load(name, target)
    if spec in NEEDS_MODEL and on_notice and spec in _FALLBACK:
        on_notice(_FALLBACK[spec])
    return _CACHE[spec]
