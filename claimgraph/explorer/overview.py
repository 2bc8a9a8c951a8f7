"""Overview page: the article's title, counts, a health chart and the worst problems first."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claimgraph.api import JUDGE_SUMMARY
from claimgraph.explorer import state
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import md_escape
from claimgraph.explorer.views import HEALTH_CATEGORIES, claim_statuses, finding_rows, health_counts

__all__ = ["render"]

HEALTH_COLOURS = {
    "ok": "#2e7d32",
    "dead": "#b71c1c",
    "blocked": "#e65100",
    "duplicate": "#6a1b9a",
    "orphan": "#455a64",
    "unresolved": "#ad1457",
    "unsupported": "#c62828",
    "unchecked": "#9e9e9e",
}


def _health_chart(counts: dict[str, int]) -> alt.Chart:
    data = pd.DataFrame(
        {"health": list(HEALTH_CATEGORIES), "endnotes": [counts[c] for c in HEALTH_CATEGORIES]}
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("health:N", sort=list(HEALTH_CATEGORIES), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("endnotes:Q", title="count"),
            color=alt.Color(
                "health:N",
                legend=None,
                scale=alt.Scale(domain=list(HEALTH_COLOURS), range=list(HEALTH_COLOURS.values())),
            ),
            tooltip=["health", "endnotes"],
        )
        .properties(height=260)
    )


def render() -> None:
    """Draw the overview of the current article."""
    result = state.current_result()
    article = result.article
    st.title(md_escape(article.title))
    st.caption(f"{md_escape(article.format)} article · id `{article.id}` · {md_escape(article.location)}")
    counts = health_counts(result)
    resolved = sum(1 for c in article.citations if c.endnote is not None)
    statuses = claim_statuses(result)
    cols = st.columns(7)
    cols[0].metric("Claims", len(article.claims))
    cols[1].metric("Citations", len(article.citations))
    cols[2].metric("Resolved", resolved, help="Inline citations matched to an endnote.")
    cols[3].metric("Endnotes", len(article.endnotes))
    cols[4].metric(
        "Checked",
        len(article.endnotes) - counts["unchecked"],
        help="Endnotes whose source was fetched or read from a capture or snapshot.",
    )
    cols[5].metric(
        "Supported",
        sum(1 for s in statuses.values() if s == "supported"),
        help="Claims a cited source supports. " + JUDGE_SUMMARY,
    )
    cols[6].metric("Findings", len(result.findings))
    st.subheader("Endnote health")
    st.markdown(" · ".join(f"**{k}**: {counts[k]}" for k in HEALTH_CATEGORIES))
    st.altair_chart(_health_chart(counts), width="stretch")
    st.subheader("Worst problems first")
    rows = finding_rows(result)
    if not rows:
        st.success("No findings.")
        return
    st.dataframe(pd.DataFrame(list(paginate(rows, "overview-findings"))), hide_index=True, width="stretch")


def render_again() -> None:
    """The overview at its own address, ``/overview`` (Streamlit needs a second page function)."""
    render()
