"""Corpus page: every article in the store with its counts, and the queries that span articles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.api import NamedQuery, list_queries, run_query
from claimgraph.errors import ClaimgraphError
from claimgraph.explorer import state
from claimgraph.explorer.query import user_description

__all__ = ["render", "corpus_queries"]


def corpus_queries() -> list[NamedQuery]:
    """Named queries that read every article and need no value: the cross-article views."""
    return [
        q
        for q in list_queries(include_checks=False)
        if q.scope != "article" and not any(not p.optional for p in q.params) and q.name != "articles"
    ]


def _articles() -> None:
    rows = state.ingested_articles()
    st.subheader(f"Articles in the store ({len(rows)})")
    if not rows:
        st.info("The store holds no article yet: add one in the sidebar.")
        return
    table = pd.DataFrame(
        [
            {
                "title": str(r["title"]),
                "claims": r.get("claims"),
                "endnotes": r.get("endnotes"),
                "id": str(r["article"]),
                "read from": str(r.get("location") or ""),
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _across() -> None:
    queries = corpus_queries()
    st.subheader("Across articles")
    if not queries:
        st.caption("No cross-article query is installed.")
        return
    names = [q.name for q in queries]
    name = st.selectbox(
        "View",
        names,
        index=None,
        placeholder="Choose a view across every article",
        key="corpus-query",
        format_func=lambda n: n.replace("-", " "),
    )
    if name is None:
        st.caption(" · ".join(n.replace("-", " ") for n in names))
        return
    query = queries[names.index(name)]
    st.caption(user_description(query.description))
    try:
        answer = run_query(state.get_store(), query, {})
    except ClaimgraphError as error:
        st.error(f"This view could not be read from the store: {error}")
        return
    rows = [{k: "" if v is None else str(v) for k, v in row.items()} for row in answer.as_dicts()]
    st.caption(f"{len(rows)} rows")
    st.dataframe(pd.DataFrame(rows[:1000], columns=answer.variables), hide_index=True, width="stretch")


def render() -> None:
    """Draw the corpus view."""
    st.header("Corpus")
    _articles()
    _across()
