"""Claims page: the article text with each claim's support status, and one claim's evidence."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claimgraph.explorer import state
from claimgraph.explorer.dot import STANCE_COLOURS, provenance_dot
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import (
    STATUS_STYLE,
    claim_statuses,
    evidence_for_claim,
    source_title,
)
from claimgraph.model import AuditResult, Claim, Evidence
from claimgraph.titles import best_title

__all__ = ["render", "badge"]

CLAIM_PARAM = "claim"


def badge(status: str) -> str:
    """A coloured badge with the status written out (colour is never the only signal)."""
    style = STATUS_STYLE[status]
    return f":{style.colour}-badge[{style.symbol} {style.label}]"


def _article_text(result: AuditResult, statuses: dict[str, str], shown: set[str]) -> None:
    blocks: dict[tuple[str, int], list[Claim]] = {}
    for claim in result.article.claims:
        blocks.setdefault((claim.section, claim.block), []).append(claim)
    keys = [k for k, claims in blocks.items() if any(c.id in shown for c in claims)]
    section = None
    for key in paginate(keys, "claims-text", page_size=25):
        if key[0] != section:
            section = key[0]
            st.markdown(f"##### {md_escape(section)}")
        parts = []
        for claim in blocks[key]:
            style = STATUS_STYLE[statuses[claim.id]]
            parts.append(f"{badge(statuses[claim.id])} :{style.colour}[{md_escape(claim.text)}]")
        st.markdown(" ".join(parts))


def _pick_claim(result: AuditResult, statuses: dict[str, str], shown: list[Claim]) -> Claim | None:
    if not shown:
        st.info("No claims match the filter.")
        return None
    ids = [c.id for c in shown]
    wanted = st.query_params.get(CLAIM_PARAM)
    if wanted not in ids:
        wanted = _default_claim(result, shown)
    texts = {c.id: c.text for c in shown}
    chosen = st.selectbox(
        "Claim",
        ids,
        index=ids.index(wanted),
        key="claim-choice",
        format_func=lambda i: f"{STATUS_STYLE[statuses[i]].label} · {short(texts[i], 110)}",
    )
    if st.query_params.get(CLAIM_PARAM) != chosen:
        st.query_params[CLAIM_PARAM] = chosen
    return result.article.claim(chosen)


def _default_claim(result: AuditResult, shown: list[Claim]) -> str:
    """The claim to open first: cited, with a source taking sides, else cited with any evidence."""
    sides = {e.claim for e in result.evidence if e.stance in ("supports", "disputes")}
    judged = {e.claim for e in result.evidence}

    def rank(claim: Claim) -> tuple[bool, bool, bool]:
        return (not claim.citation_ids, claim.id not in sides, claim.id not in judged)

    return min(shown, key=rank).id


def _citations(result: AuditResult, claim: Claim) -> None:
    by_id = {c.id: c for c in result.article.citations}
    rows = []
    for citation_id in claim.citation_ids:
        c = by_id.get(citation_id)
        if c is None:
            continue
        endnote = result.article.endnote(c.endnote) if c.endnote else None
        rows.append(
            {
                "citation": c.id,
                "label": c.label,
                "domain": c.domain or "",
                "endnote": c.endnote,
                "score": round(c.score, 3),
                "method": c.method,
                "endnote title": (best_title(endnote) or "") if endnote else "",
                "link": (endnote.url or "") if endnote else "",
            }
        )
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.caption("This claim has no inline citation of its own.")


def _card(result: AuditResult, item: Evidence, endnotes: list[int]) -> None:
    source = result.sources.get(item.endnote) if item.endnote else None
    endnote = result.article.endnote(item.endnote) if item.endnote else None
    title = source_title(source) or (best_title(endnote) if endnote else "") or item.source_url
    authors = ", ".join(source.metadata.authors) if source else ""
    date = (source.metadata.published if source else None) or (endnote.published if endnote else "")
    with st.container(border=True):
        st.markdown(f"**{md_escape(title)}**")
        st.caption(
            f"{md_escape(authors or 'authors unknown')} · {md_escape(date or 'undated')} · "
            f"endnote {', '.join(map(str, endnotes)) or '—'}{' (cited)' if item.cited else ''}"
        )
        st.markdown(f"{item.stance.upper()} · support **{item.support:.2f}** · confidence {item.score:.2f}")
        if item.quotes:
            st.markdown("> " + md_escape(short(item.quotes[0].text, 400)))
        st.text(item.source_url)
        if item.reviewed_by:
            st.caption(f"Reviewed by {md_escape(item.reviewed_by)} at {md_escape(item.reviewed_at)}")


def _by_source(items: list[Evidence]) -> tuple[list[Evidence], dict[str, list[int]]]:
    """One item per source URL (the strongest), with every endnote that links to that source."""
    kept: dict[str, Evidence] = {}
    endnotes: dict[str, list[int]] = {}
    for item in items:
        kept.setdefault(item.source_url, item)
        if item.endnote is not None:
            endnotes.setdefault(item.source_url, []).append(item.endnote)
        else:
            endnotes.setdefault(item.source_url, [])
    return list(kept.values()), endnotes


def _evidence(result: AuditResult, claim: Claim) -> list[Evidence]:
    items, endnotes = _by_source(evidence_for_claim(result, claim.id))
    if not items:
        st.info("No evidence judged for this claim yet: its sources have no captured text.")
        return items
    left, right = st.columns(2)
    with left:
        st.markdown("#### :green[✔ Supporting]")
        for item in [e for e in items if e.stance == "supports"] or []:
            _card(result, item, endnotes[item.source_url])
        if not any(e.stance == "supports" for e in items):
            st.caption("No source supports this claim.")
    with right:
        st.markdown("#### :red[✘ Disputing]")
        for item in [e for e in items if e.stance == "disputes"]:
            _card(result, item, endnotes[item.source_url])
        if not any(e.stance == "disputes" for e in items):
            st.caption("No source disputes this claim.")
    others = [e for e in items if e.stance not in ("supports", "disputes")]
    if others:
        with st.expander(f"Mentions and unrelated sources ({len(others)})"):
            for item in others:
                _card(result, item, endnotes[item.source_url])
    return items


def _timeline(result: AuditResult, claim: Claim, items: list[Evidence]) -> None:
    rows = []
    for item in items:
        source = result.sources.get(item.endnote) if item.endnote else None
        endnote = result.article.endnote(item.endnote) if item.endnote else None
        date = (source.metadata.published if source else None) or (endnote.published if endnote else None)
        if date:
            rows.append(
                {
                    "date": date[:10],
                    "stance": item.stance,
                    "endnote": item.endnote,
                    "title": source_title(source) or (endnote.title if endnote else "") or "",
                }
            )
    if not rows:
        st.caption("None of this claim's sources has a known date.")
        return
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_circle(size=120)
        .encode(
            x=alt.X(
                "date:T",
                title="published",
                axis=alt.Axis(format="%Y-%m-%d", tickMinStep=86_400_000, labelOverlap=True),
            ),
            y=alt.Y("stance:N", title=None),
            color=alt.Color(
                "stance:N", scale=alt.Scale(domain=list(STANCE_COLOURS), range=list(STANCE_COLOURS.values()))
            ),
            tooltip=["date", "stance", "endnote", "title"],
        )
        .properties(height=180)
    )
    st.altair_chart(chart, width="stretch")


def render() -> None:
    """Draw the claims page for the current article."""
    result = state.current_result()
    statuses = claim_statuses(result)
    st.header("Claims")
    wanted = st.multiselect(
        "Show claims that are", list(STATUS_STYLE), default=list(STATUS_STYLE), key="claim-status-filter"
    )
    shown = [c for c in result.article.claims if statuses[c.id] in wanted]
    text_tab, claim_tab = st.tabs(["Article text", "Claim evidence"])
    with text_tab:
        _article_text(result, statuses, {c.id for c in shown})
    with claim_tab:
        claim = _pick_claim(result, statuses, shown)
        if claim is None:
            return
        st.markdown(f"{badge(statuses[claim.id])} {md_escape(claim.text)}")
        st.subheader("Citations")
        _citations(result, claim)
        st.subheader("Evidence")
        items = _evidence(result, claim)
        st.subheader("Timeline of sources")
        _timeline(result, claim, items)
        st.subheader("Provenance")
        st.graphviz_chart(provenance_dot(result, claim.id, statuses[claim.id]))
    st.caption("Status labels: " + " · ".join(f"{v.symbol} {v.label}" for v in STATUS_STYLE.values()))
