"""The explorer's pages in navigation order, each a module with a ``render`` function."""

from __future__ import annotations

import streamlit as st

from claimgraph.explorer import audit_table, claims, corpus, graph, overview, query, review, sources

__all__ = ["all_pages"]


def all_pages() -> list[st.Page]:
    """Every page, the overview first; it also answers at ``/overview`` so every page has a URL."""
    return [
        st.Page(overview.render, title="Overview", url_path="home", default=True),
        st.Page(claims.render, title="Article", url_path="claims"),
        st.Page(audit_table.render, title="Endnote audit", url_path="audit"),
        st.Page(sources.render, title="Sources", url_path="sources"),
        st.Page(graph.render, title="Graph", url_path="graph"),
        st.Page(corpus.render, title="Corpus", url_path="corpus"),
        st.Page(query.render, title="Query", url_path="query"),
        st.Page(review.render, title="Review", url_path="review"),
        st.Page(overview.render_again, title="Overview", url_path="overview", visibility="hidden"),
    ]
