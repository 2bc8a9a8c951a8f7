"""The sidebar: choose the article (sample, ingested before, upload or URL) and see its health."""

from __future__ import annotations

import streamlit as st

from claimgraph.errors import ClaimgraphError
from claimgraph.explorer import state
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import health_counts
from claimgraph.fetch.client import Fetcher
from claimgraph.fetch.config import FetchConfig
from claimgraph.model import AuditResult
from claimgraph.readers import decode_article

__all__ = ["render_sidebar", "fetch_article_text"]

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]


def fetch_article_text(url: str, allow_private: bool = False) -> str:
    """Download an article page politely (robots, limits, address guard) and decode it."""
    response = Fetcher(FetchConfig(allow_private=allow_private)).get(url)
    if response.error or not (200 <= response.status < 300):
        reason = response.error or f"HTTP status {response.status}"
        raise ClaimgraphError(f"could not fetch {url}: {reason}")
    text, _problems = decode_article(response.body, response.final_url or url)
    return text


def _choose_ingested(current: AuditResult) -> None:
    rows = state.ingested_articles()
    ids = [str(r["article"]) for r in rows]
    if current.article.id not in ids:
        ids.insert(0, current.article.id)
    titles = {str(r["article"]): str(r["title"]) for r in rows}
    titles.setdefault(current.article.id, current.article.title)
    st.session_state["article-choice"] = current.article.id
    st.selectbox(
        "Article",
        ids,
        format_func=lambda i: short(titles.get(i, i), 60),
        key="article-choice",
        on_change=_on_choose,
        help="Articles ingested before (from the store's `articles` query).",
    )


def _on_choose() -> None:
    state.select_article(st.session_state["article-choice"])


def _ingest(action, what: str) -> None:
    try:
        result = action()
    except (ClaimgraphError, ValueError, OSError) as error:
        st.error(f"Could not read {what}: {error}")
        return
    state.select_article(result.article.id)
    st.rerun()


def _add_article() -> None:
    with st.expander("Add an article"):
        upload = st.file_uploader("Upload text, Markdown or HTML", type=UPLOAD_TYPES, key="upload")
        if upload is not None and st.button("Audit upload", key="audit-upload"):
            _ingest(lambda: state.ingest_bytes(upload.getvalue(), upload.name), upload.name)
        url = st.text_input("…or an article URL", key="article-url")
        allow_private = st.checkbox("Allow private addresses (local testing)", key="allow-private")
        if url and st.button("Fetch and audit", key="audit-url"):
            _ingest(lambda: state.ingest_text(fetch_article_text(url, allow_private), url), url)
        st.toggle(
            "Fetch sources online", key="online", help="Off: sources come from captures and snapshots only."
        )


def render_sidebar() -> AuditResult:
    """Draw the sidebar and return the current article's audit."""
    result = state.current_result()
    with st.sidebar:
        for problem in [*state.STORE_PROBLEMS, st.session_state.pop(state.WARNING_KEY, None)]:
            if problem:
                st.warning(problem)
        _choose_ingested(result)
        _add_article()
        counts = health_counts(result)
        st.markdown(f"**{md_escape(result.article.title)}**")
        problems = ", ".join(f"{n} {k}" for k, n in counts.items() if n and k != "ok")
        st.caption(f"{len(result.article.endnotes)} endnotes · {counts['ok']} ok · {problems}")
    return result
