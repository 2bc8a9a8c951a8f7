"""Graph page: an interactive offline network of claims, endnotes and works, with filters."""

from __future__ import annotations

import streamlit as st

from claimgraph.api import best_title, export_graph
from claimgraph.explorer import state
from claimgraph.explorer.dot import network_dot
from claimgraph.explorer.graph_view import show_network
from claimgraph.explorer.network import network
from claimgraph.explorer.text import short
from claimgraph.explorer.views import STATUS_STYLE, claim_statuses
from claimgraph.model import AuditResult, Claim

__all__ = ["render", "MAX_CLAIMS"]

MAX_CLAIMS = 60  # Graphviz lays out a few hundred nodes quickly; more becomes unreadable anyway


def _focus(result: AuditResult, claims: list[Claim], stances: set[str]) -> list[Claim]:
    """Only the claims tied to one endnote (and its duplicates), when the user picks one."""
    article = result.article
    titles = {e.number: best_title(e) or e.url or "" for e in article.endnotes}
    focus = st.selectbox(
        "Focus on endnote",
        [0, *titles],
        key="graph-focus",
        format_func=lambda n: "all endnotes" if n == 0 else f"[{n}] {short(titles[n], 80)}",
        help="Show only the claims that cite this endnote, one of its duplicates, or are judged against it.",
    )
    if not focus:
        return claims
    group = next((set(g.endnotes) for g in result.duplicate_groups if focus in g.endnotes), {focus})
    linked = {c.claim for c in article.citations if c.endnote in group}
    linked |= {e.claim for e in result.evidence if e.endnote in group and (e.cited or e.stance in stances)}
    return [c for c in claims if c.id in linked]


def render() -> None:
    """Draw the network graph of the current article."""
    result = state.current_result()
    statuses = claim_statuses(result)
    st.header("Graph")
    cols = st.columns([2, 2, 1, 1])
    wanted = cols[0].multiselect(
        "Claims that are",
        list(STATUS_STYLE),
        default=[s for s in STATUS_STYLE if s != "uncited"],
        key="graph-status",
    )
    stances = cols[1].multiselect(
        "Evidence edges",
        ["supports", "disputes", "mentions", "unrelated"],
        default=["supports", "disputes"],
        key="graph-stances",
    )
    show_works = cols[2].toggle(
        "Works",
        value=True,
        key="graph-works",
        help="Show the works the endnotes cite; duplicates share one work.",
    )
    vertical = cols[3].toggle("Export top to bottom", key="graph-vertical")
    claims = [c for c in result.article.claims if statuses[c.id] in wanted]
    sections = sorted({c.section for c in claims})
    section = st.selectbox("Section", ["All sections", *sections], key="graph-section")
    if section != "All sections":
        claims = [c for c in claims if c.section == section]
    claims = _focus(result, claims, set(stances))
    search = st.text_input("Claims containing", key="graph-search")
    if search.strip():
        claims = [c for c in claims if search.strip().lower() in c.text.lower()]
    if len(claims) > MAX_CLAIMS:
        start = st.slider(
            "First claim shown", 0, len(claims) - MAX_CLAIMS, 0, step=MAX_CLAIMS // 2, key="graph-window"
        )
        st.caption(
            f"Showing claims {start + 1}–{start + MAX_CLAIMS} of {len(claims)}; "
            "narrow the filters to see others."
        )
        claims = claims[start : start + MAX_CLAIMS]
    if not claims:
        st.info("No claims match the filters.")
        return
    st.caption(
        "Legend: "
        + " · ".join(f"{s.symbol} {s.label}" for s in STATUS_STYLE.values())
        + " · endnote borders show their worst problem (red high, orange medium)"
        + " · dashed edges are judged evidence (green supports, red disputes)."
    )
    nodes, edges = network(
        result, [c.id for c in claims], statuses, show_works=show_works, stances=set(stances)
    )
    show_network(nodes, edges, key="graph-network")
    dot = network_dot(nodes, edges, rankdir="TB" if vertical else "LR")
    with st.expander("Download"):
        st.download_button("Graph as Graphviz DOT", dot, file_name=f"{result.article.id}.dot")
        st.download_button(
            "Article graph as Turtle",
            lambda: export_graph(result.graph, "turtle"),
            file_name=f"{result.article.id}.ttl",
            mime="text/turtle",
            on_click="ignore",
        )
    st.caption(f"{len(claims)} claims · first: {short(claims[0].text, 80)}")
