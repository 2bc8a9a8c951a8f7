"""The trainer's joined inputs are what the runtime would read: top passages, document order."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

import joined_inputs  # noqa: E402

from claimgraph.evidence.features import ClaimTerms, rank_passages  # noqa: E402
from claimgraph.evidence.retrieval import document_from_text  # noqa: E402

SOURCE = ("Harbour traffic report. Cargo volumes at the harbour rose in 2019. The weather was mild. "
          "The new crane doubled cargo handling at the harbour. Staff numbers stayed flat. "
          "Bananas are yellow.")


def test_joined_text_is_the_ranked_passages_in_document_order() -> None:
    claim = "Cargo volumes at the harbour rose after the new crane arrived."
    document = document_from_text(SOURCE)
    ranked = [i for _, i in rank_passages(ClaimTerms.of(claim), document, None, k=3)]
    assert len(ranked) == 3 and ranked != sorted(ranked)  # best first is not document order
    expected = " ".join(document.passages[i].text for i in sorted(ranked))
    assert joined_inputs.joined_text(claim, document) == expected
    assert "Bananas" not in expected


def test_one_passage_alone_and_nothing_ranked_gives_no_input() -> None:
    document = document_from_text("The bridge opened in 1932. Bananas are yellow.")
    assert joined_inputs.joined_text("The bridge opened in 1932.", document) == \
        "The bridge opened in 1932."
    assert joined_inputs.joined_text("Quantum chromodynamics explains quarks.", document) is None


def test_hard_negatives_are_reranked_for_the_edited_claim() -> None:
    document = document_from_text(SOURCE)
    claim = "Cargo volumes at the harbour rose in 2019."
    pairs = joined_inputs.pairs_for([(claim, document, 0)], random.Random(1), other_share=0.0)
    labels = [label for _, _, label in pairs]
    assert labels == [0, 1]
    edited, text, _ = pairs[1]
    assert edited != claim
    assert text == joined_inputs.joined_text(edited, document)


def test_wice_labels_count_partial_support_as_not_support() -> None:
    assert joined_inputs.WICE_LABEL == {"supported": 0, "partially_supported": 2, "not_supported": 2}
    ids = [f"dev{n:05d}" for n in range(200)]
    share = sum(joined_inputs.wice_fit_half(i) for i in ids) / len(ids)
    assert 0.35 < share < 0.65
