"""Training inputs in the runtime's own shape: one joined input per (claim, source).

The text paired with a claim is made by claimgraph's own code, as ``OnnxJudge`` makes it in
joined mode: the source becomes a ``Document`` (``document_from_text`` of title + abstract for
Check-COVID, as ``claimgraph judge --jsonl`` builds it; the page's sentences as passages for
WiCE, as ``benchmarks/wice_accuracy.py`` builds it), the lexical ranking
(``OnnxJudge.ranked_scores``: ``rank_passages`` with the document's own idf, ``PASSAGES``)
picks the top passages, and they are joined in document order with " " (one passage: that
passage alone). A claim the ranking finds nothing for gets no input (the runtime runs no model
on it either). Cutting to ``window_tokens`` happens at encoding (``encode_like_runtime``).

Hard negatives: a supported claim edited by ``perturb.contradict`` is re-ranked for the edited
claim and labelled disputes; a claim against another row's source is labelled neither.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from perturb import contradict

from claimgraph.evidence.features import ClaimTerms, rank_passages
from claimgraph.evidence.onnx_judge import PASSAGES
from claimgraph.evidence.retrieval import Document, document_from_sentences, document_from_text

Pair = tuple[str, str, int]  # (claim, text, label index: supports 0, disputes 1, neither 2)
COVID_LABEL = {"SUPPORT": 0, "REFUTE": 1, "NOTENOUGHINFO": 2, "NEI": 2}
# WiCE: the support AUC the benchmark reports is "supported" against everything else, so a
# partially supported claim must not score as support: it is labelled neither, like
# not_supported (a claim only partly backed is not backed; the model has no 4th class).
WICE_LABEL = {"supported": 0, "partially_supported": 2, "not_supported": 2}


def wice_fit_half(claim_id: str) -> bool:
    """The WiCE dev half that may be fitted on (the same rule as claimgraph.evidence.fit)."""
    return int(hashlib.sha256(claim_id.encode()).hexdigest()[:8], 16) % 2 == 0


def covid_document(row: dict) -> Document:
    """A Check-COVID source as ``claimgraph judge --jsonl`` reads it: title, then the abstract."""
    return document_from_text(row["source_title"].strip() + ".\n" + " ".join(row["evidence"]))


def sentence_document(sentences: list[str]) -> Document:
    """A document whose passages are exactly the given sentences (WiCE pages, SciFact rationales)."""
    return document_from_sentences(sentences)


def joined_text(claim: str, document: Document) -> str | None:
    """The one text the runtime pairs with ``claim`` in joined mode, or None (nothing ranked)."""
    terms = ClaimTerms.of(claim)
    if not terms.unique:
        return None
    ranked = sorted(i for _, i in rank_passages(terms, document, None, k=PASSAGES))
    if not ranked:
        return None
    return " ".join(document.passages[i].text for i in ranked)


def pairs_for(items: list[tuple[str, Document, int]], rng: random.Random, *,
              perturb_share: float = 1.0, other_share: float = 0.3) -> list[Pair]:
    """Joined pairs for (claim, document, label) items, plus their hard negatives."""
    pairs: list[Pair] = []
    for claim, document, label in items:
        text = joined_text(claim, document)
        if text is not None:
            pairs.append((claim, text, label))
        if label == 0 and rng.random() < perturb_share:
            edited = contradict(claim, rng)
            edited_text = joined_text(edited, document) if edited else None
            if edited and edited_text:
                pairs.append((edited, edited_text, 1))
        if len(items) > 1 and rng.random() < other_share:
            other = items[rng.randrange(len(items))][1]
            if other is not document:
                other_text = joined_text(claim, other)
                if other_text:
                    pairs.append((claim, other_text, 2))
    return pairs


def covid_items(rows: list[dict]) -> list[tuple[str, Document, int]]:
    """Check-COVID rows as (claim, document, label); one document per abstract."""
    documents: dict[str, Document] = {}
    items = []
    for row in rows:
        key = row["id"].split("_")[0]
        if key not in documents:
            documents[key] = covid_document(row)
        items.append((row["claim"], documents[key], COVID_LABEL[row["label"]]))
    return items


def scifact_items(rows: list[dict]) -> list[tuple[str, Document, int]]:
    """SciFact rows as (claim, document of its rationale's sentences, label).

    The shared SciFact copy has the rationale, not the whole abstract (its corpus is absent),
    so the document is the rationale split into sentences the runtime's way.
    """
    return [(r["claim"], document_from_text(r["evidence"]), COVID_LABEL[r["label"]]) for r in rows]


def wice_items(rows: list[dict], keep: Callable[[str], bool]) -> list[tuple[str, Document, int]]:
    """WiCE rows whose id ``keep`` accepts, as (claim, its cited page, label)."""
    return [(r["claim"], sentence_document(r["evidence"]), WICE_LABEL[r["label"]])
            for r in rows if keep(r["meta"]["id"])]


def encode_like_runtime(tokenizer, batch: list[Pair], cap: int) -> tuple[list, list]:
    """Token ids and type ids cut as ``OnnxJudge.probabilities`` cuts them (claim kept,
    the text's tail goes, the closing [SEP] kept); ``tokenizer`` truncates at max_length."""
    ids, types = [], []
    for encoding in tokenizer.encode_batch([(c, t) for c, t, _ in batch]):
        row, kind = list(encoding.ids), list(encoding.type_ids)
        if len(row) > cap >= 2:
            row, kind = row[: cap - 1] + row[-1:], kind[: cap - 1] + kind[-1:]
        ids.append(row)
        types.append(kind)
    return ids, types
