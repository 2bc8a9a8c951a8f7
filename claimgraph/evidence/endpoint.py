"""A judge that asks an OpenAI-compatible chat endpoint, shown the best passages of the source.

Spec: ``endpoint:http://127.0.0.1:8000/v1?model=NAME`` (``/chat/completions`` is appended).
The key, if the server needs one, comes from ``CLAIMGRAPH_JUDGE_API_KEY``.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit, urlunsplit

from claimgraph import settings
from claimgraph.errors import FetchError, InputError
from claimgraph.evidence.features import ClaimTerms, rank_passages
from claimgraph.evidence.judges import STANCES, Verdict
from claimgraph.evidence.retrieval import Document
from claimgraph.model import Quote

__all__ = ["EndpointJudge", "PROMPT"]

PROMPT = (
    "You check whether numbered passages from a source support a claim. Answer with JSON only: "
    '{"stance": "supports" | "disputes" | "mentions" | "unrelated", "confidence": 0..1, '
    '"support": 0..1 (how strongly the passages support the claim), "passages": [numbers of '
    "the passages that decide it, best first, at most 3]}. \"mentions\" means on topic but no "
    "verdict."
)
PASSAGES = 6  # passages shown to the model, best lexical matches first


class EndpointJudge:
    """Stance from a chat model behind an OpenAI-compatible HTTP endpoint."""

    name = "endpoint"

    def __init__(self, target: str = "", timeout: float = 60.0) -> None:
        if not target.startswith(("http://", "https://")):
            raise InputError("the endpoint judge needs a URL: endpoint:http://HOST:PORT/v1?model=NAME")
        parts = urlsplit(target)
        self.model = parse_qs(parts.query).get("model", ["default"])[0]
        base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
        self.url = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.timeout = timeout

    def _ask(self, claim: str, passages: list[str]) -> dict:
        numbered = "\n".join(f"[{i}] {text}" for i, text in enumerate(passages, start=1))
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": PROMPT},
                {"role": "user", "content": f"Claim: {claim}\n\nPassages:\n{numbered}"},
            ],
        }
        headers = {"Content-Type": "application/json"}
        if settings.get("CLAIMGRAPH_JUDGE_API_KEY"):
            headers["Authorization"] = f"Bearer {settings.get('CLAIMGRAPH_JUDGE_API_KEY')}"
        request = urllib.request.Request(self.url, json.dumps(body).encode(), headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply = json.loads(response.read().decode("utf-8"))
            content = reply["choices"][0]["message"]["content"]
        except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError) as error:
            raise FetchError(f"judge endpoint {self.url} failed: {error}; check the URL and "
                             "that the server speaks the OpenAI chat API") from None
        match = re.search(r"\{.*\}", content, re.S)
        try:
            return json.loads(match.group(0) if match else content)
        except ValueError:
            raise FetchError(f"judge endpoint {self.url} did not answer with JSON: "
                             f"{content[:200]!r}") from None

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """Show the model the best passages; read its stance, scores and chosen passages."""
        ranked = [i for _, i in rank_passages(ClaimTerms.of(claim), document, idf, k=PASSAGES)]
        if not ranked:
            return Verdict("unrelated", 1.0, 0.0, [])
        answer = self._ask(claim, [document.passages[i].text for i in ranked])
        stance = answer.get("stance") if answer.get("stance") in STANCES else "mentions"
        quotes = []
        for number in answer.get("passages") or []:
            if isinstance(number, int) and 1 <= number <= len(ranked) and len(quotes) < 3:
                passage = document.passages[ranked[number - 1]]
                quotes.append(Quote(passage.text, passage.start, passage.end))
        return Verdict(stance, _unit(answer.get("confidence"), 0.5),
                       _unit(answer.get("support"), 1.0 if stance == "supports" else 0.0), quotes)


def _unit(value: object, default: float) -> float:
    try:
        return min(max(float(value), 0.0), 1.0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
