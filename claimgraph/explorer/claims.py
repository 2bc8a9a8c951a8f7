"""Article page: the text as written, markers and sentences coloured; a click opens the evidence."""

from __future__ import annotations

import streamlit as st

from claimgraph.explorer import claim_detail, state
from claimgraph.explorer.article_view import SEVERITY_COLOURS, STATUS_COLOURS, article_html, show_article
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import STATUS_STYLE, claim_statuses
from claimgraph.model import AuditResult, Claim

__all__ = ["render", "badge", "default_claim"]

CLAIM_PARAM = "claim"
CLAIM_KEY = "claim-choice"
ENDNOTE_KEY = "claim-endnote"
PARAGRAPHS_PER_PAGE = 150
badge = claim_detail.badge


def default_claim(result: AuditResult, shown: list[Claim]) -> str:
    """The claim to open first: cited, with a source taking sides, else cited with any evidence."""
    sides = {e.claim for e in result.evidence if e.stance in ("supports", "disputes")}
    judged = {e.claim for e in result.evidence}

    def rank(claim: Claim) -> tuple[bool, bool, bool]:
        return (not claim.citation_ids, claim.id not in sides, claim.id not in judged)

    return min(shown, key=rank).id


def _legend() -> None:
    sentences = " ".join(
        f'<span style="border-bottom:3px solid {STATUS_COLOURS[k]}">{v.symbol} {v.label}</span>'
        for k, v in STATUS_STYLE.items()
    )
    markers = " ".join(
        f'<span style="color:{colour};border:1px solid {colour};border-radius:4px;padding:0 3px">'
        f"{name or 'no problem'}</span>"
        for name, colour in SEVERITY_COLOURS.items()
    )
    st.html(
        f'<div style="font-size:0.85rem;line-height:2">Sentences: {sentences}<br>'
        f"Citation markers, by their endnote's worst problem: {markers} "
        '<span style="color:#fff;background:#6a1b9a;border-radius:4px;padding:0 3px">'
        "matches no endnote</span></div>"
    )


def _selected(result: AuditResult, shown: list[Claim]) -> str:
    ids = {c.id for c in shown}
    chosen = st.session_state.get(CLAIM_KEY) or st.query_params.get(CLAIM_PARAM)
    return chosen if chosen in ids else default_claim(result, shown)


def _text(result: AuditResult, statuses: dict[str, str], shown: list[Claim], selected: str) -> None:
    ids = {c.id for c in shown}
    keys = list(dict.fromkeys((c.section, c.block) for c in result.article.claims if c.id in ids))
    page = list(paginate(keys, "article-text", page_size=PARAGRAPHS_PER_PAGE))
    pick = show_article(article_html(result, statuses, page, selected), key="article-text-view")
    if pick is not None and pick.claim in ids:
        st.session_state[CLAIM_KEY] = pick.claim
        st.session_state[ENDNOTE_KEY] = pick.endnote
        st.query_params[CLAIM_PARAM] = pick.claim
        st.rerun()


def _detail(result: AuditResult, statuses: dict[str, str], shown: list[Claim], selected: str) -> None:
    texts = {c.id: c.text for c in shown}
    ids = list(texts)
    st.session_state[CLAIM_KEY] = selected
    chosen = st.selectbox(
        "Sentence (or click one in the text)",
        ids,
        key=CLAIM_KEY,
        format_func=lambda i: f"{STATUS_STYLE[statuses[i]].symbol} {short(texts[i], 90)}",
    )
    if st.query_params.get(CLAIM_PARAM) != chosen:
        st.query_params[CLAIM_PARAM] = chosen
    claim = result.article.claim(chosen)
    st.markdown(f"{badge(statuses[claim.id])}  \n{md_escape(claim.text)}")
    st.markdown("**Citations**")
    numbers = claim_detail.citations(result, claim)
    wanted = st.session_state.get(ENDNOTE_KEY)
    for number in sorted(set(numbers), key=lambda n: (n != wanted, numbers.index(n))):
        claim_detail.endnote_panel(result, number)
    st.markdown("**Evidence**")
    items = claim_detail.evidence(result, claim, side_by_side=False)
    if items:
        with st.expander("Timeline and provenance"):
            claim_detail.timeline(result, claim, items)
            claim_detail.provenance(result, claim, statuses[claim.id])


def render() -> None:
    """Draw the article with its citations, and the chosen sentence's evidence beside it."""
    result = state.current_result()
    statuses = claim_statuses(result)
    st.header(md_escape(result.article.title))
    wanted = st.multiselect(
        "Show sentences that are", list(STATUS_STYLE), default=list(STATUS_STYLE), key="claim-status-filter"
    )
    shown = [c for c in result.article.claims if statuses[c.id] in wanted]
    if not shown:
        st.info("No sentences match the filter.")
        return
    _legend()
    selected = _selected(result, shown)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _text(result, statuses, shown, selected)
    with right:
        _detail(result, statuses, shown, selected)
    st.caption("Status labels: " + " · ".join(f"{v.symbol} {v.label}" for v in STATUS_STYLE.values()))
