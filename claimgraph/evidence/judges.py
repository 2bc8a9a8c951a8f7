"""The stance-judge interface and the one registry of judges.

A judge reads a claim and a prepared document and returns a ``Verdict``: a stance
(supports, disputes, mentions, unrelated), a confidence, a ``support`` score in [0, 1] and up to
three quotes with offsets into the document's text. Adding a judge is one module plus one line
in ``JUDGES``. A spec names a judge and may carry a target after a colon:

    default                                  the built-in lexical judge (CPU, no download)
    endpoint:http://127.0.0.1:8000/v1        an OpenAI-compatible chat endpoint (``?model=NAME``)
    model:/path/to/nli-model                 a local NLI model directory (needs ``transformers``)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from claimgraph.errors import InputError
from claimgraph.evidence.retrieval import Document
from claimgraph.model import Quote

__all__ = ["STANCES", "JUDGES", "Verdict", "Judge", "get_judge"]

STANCES = ("supports", "disputes", "mentions", "unrelated")

# The one place that lists every stance judge: name -> "module:Class".
JUDGES: dict[str, str] = {
    "default": "claimgraph.evidence.lexical:LexicalJudge",
    "endpoint": "claimgraph.evidence.endpoint:EndpointJudge",
    "model": "claimgraph.evidence.modeldir:ModelDirJudge",
}


@dataclass
class Verdict:
    """A judge's answer for one (claim, document) pair."""

    stance: str
    confidence: float
    support: float
    quotes: list[Quote] = field(default_factory=list)

    def as_dict(self) -> dict:
        """A JSON-ready dict: stance, confidence, support and quotes."""
        return {
            "stance": self.stance,
            "confidence": round(self.confidence, 4),
            "support": round(self.support, 4),
            "quotes": [{"text": q.text, "start": q.start, "end": q.end} for q in self.quotes],
        }


class Judge(Protocol):
    """Decides the stance of a document towards a claim."""

    name: str

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """The verdict; ``idf`` is the corpus's term weights when many documents are judged."""


_CACHE: dict[str, Judge] = {}


def get_judge(spec: str = "default") -> Judge:
    """The judge a spec names (``name`` or ``name:target``), created once per spec."""
    if spec in _CACHE:
        return _CACHE[spec]
    name, _, target = spec.partition(":")
    try:
        module_name, class_name = JUDGES[name].split(":")
    except KeyError:
        known = ", ".join(sorted(JUDGES))
        raise InputError(f"unknown judge {name!r}; choose one of: {known}") from None
    cls = getattr(importlib.import_module(module_name), class_name)
    judge = cls(target) if target else cls()
    _CACHE[spec] = judge
    return judge
