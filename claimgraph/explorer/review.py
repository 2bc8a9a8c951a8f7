"""Review page: a person's verdict on a claim–source pair, saved with who and when."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from rdflib import URIRef

from claimgraph.api import STANCES, claim_iri, endnote_work, evidence_work, load_reviews, record_review
from claimgraph.errors import ClaimgraphError
from claimgraph.explorer import state
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import STATUS_STYLE, claim_statuses, evidence_for_claim
from claimgraph.model import AuditResult, Claim

__all__ = ["render", "review_pairs"]


def review_pairs(result: AuditResult, claim: Claim) -> dict[str, tuple[URIRef, str, str]]:
    """The sources a claim can be reviewed against: label → (work IRI, current stance, quote)."""
    article = result.article
    pairs: dict[str, tuple[URIRef, str, str]] = {}
    for item in evidence_for_claim(result, claim.id):
        label = f"[{item.endnote or '—'}] {short(item.source_url, 80)}"
        quote = item.quotes[0].text if item.quotes else ""
        pairs.setdefault(label, (evidence_work(article, article.id, item), item.stance, quote))
    by_id = {c.id: c for c in article.citations}
    for citation_id in claim.citation_ids:
        citation = by_id.get(citation_id)
        if citation is None or citation.endnote is None:
            continue
        endnote = article.endnote(citation.endnote)
        label = f"[{endnote.number}] {short(endnote.url or endnote.title or '', 80)}"
        pairs.setdefault(label, (endnote_work(endnote, article.id), "not judged", ""))
    return pairs


def _existing(result: AuditResult) -> None:
    claims = {claim_iri(result.article.id, c.id): c for c in result.article.claims}
    rows = [
        {
            "claim": claims[r.claim].id,
            "text": short(claims[r.claim].text, 100),
            "stance": r.stance,
            "reviewer": r.reviewer,
            "at": r.at,
            "note": r.note,
            "work": str(r.work),
        }
        for r in load_reviews(state.get_store()).values()
        if r.claim in claims
    ]
    st.subheader("Reviews of this article")
    if rows:
        st.dataframe(pd.DataFrame(rows).sort_values("at", ascending=False), hide_index=True, width="stretch")
    else:
        st.caption("No reviews yet.")


def render() -> None:
    """Draw the review form for the current article."""
    result = state.current_result()
    st.header("Review evidence")
    statuses = claim_statuses(result)
    judged = {e.claim for e in result.evidence}
    claims = [c for c in result.article.claims if c.citation_ids or c.id in judged]
    if not claims:
        st.info("No claim has a cited or judged source to review.")
        _existing(result)
        return
    texts = {c.id: c.text for c in claims}
    ids = list(texts)
    wanted = st.query_params.get("claim")
    claim_id = st.selectbox(
        "Claim",
        ids,
        index=ids.index(wanted) if wanted in texts else 0,
        key="review-claim",
        format_func=lambda i: f"{STATUS_STYLE[statuses[i]].label} · {short(texts[i], 110)}",
    )
    claim = result.article.claim(claim_id)
    st.markdown(md_escape(claim.text))
    pairs = review_pairs(result, claim)
    label = st.selectbox(
        "Source", list(pairs), key="review-source", format_func=lambda k: f"{k} (now: {pairs[k][1]})"
    )
    if pairs[label][2]:
        st.markdown("> " + md_escape(short(pairs[label][2], 500)))
    with st.form("review-form"):
        stance = st.radio("Verdict", STANCES, index=None, horizontal=True, key="review-stance")
        reviewer = st.text_input("Your name", key="review-name")
        note = st.text_area("Note (optional)", key="review-note")
        submitted = st.form_submit_button("Save review", type="primary")
    if submitted and stance is None:
        st.error(
            "Choose a verdict first: does the source support, dispute, mention or not concern the claim?"
        )
    elif submitted:
        try:
            record_review(
                state.get_store(),
                claim_iri(result.article.id, claim.id),
                pairs[label][0],
                stance,
                reviewer,
                note=note,
            )
        except ClaimgraphError as error:
            st.error(str(error))
        else:
            state.reviews_changed()
            st.success(f"Saved: {stance} by {md_escape(reviewer.strip())}.")
    _existing(result)
