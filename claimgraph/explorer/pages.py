"""The explorer's pages in navigation order, each a module with a ``render`` function."""

from __future__ import annotations

import streamlit as st

from claimgraph.explorer import audit_table, claims, graph, overview, query, review, sources

__all__ = ["all_pages"]


def all_pages() -> list[st.Page]:
    """Every page, the overview first (the default)."""
    return [
        st.Page(overview.render, title="Overview", url_path="overview", default=True),
        st.Page(claims.render, title="Claims", url_path="claims"),
        st.Page(audit_table.render, title="Endnote audit", url_path="audit"),
        st.Page(sources.render, title="Sources", url_path="sources"),
        st.Page(query.render, title="Query", url_path="query"),
        st.Page(graph.render, title="Graph", url_path="graph"),
        st.Page(review.render, title="Review", url_path="review"),
    ]
