"""The sidebar: choose the article (sample, ingested before, upload or URL) and see its health."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from claimgraph.api import MAX_ARTICLE_BYTES, fetch_article
from claimgraph.errors import ClaimgraphError
from claimgraph.explorer import state
from claimgraph.explorer.hints import explain
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import health_counts
from claimgraph.model import AuditResult

__all__ = ["render_sidebar", "fetch_article_text", "article_names", "allow_private", "ALLOW_PRIVATE_ENV"]

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]


# The explorer may fetch loopback or private addresses only when whoever runs it says so.
ALLOW_PRIVATE_ENV = "CLAIMGRAPH_EXPLORER_ALLOW_PRIVATE"


def allow_private() -> bool:
    """Whether the article fetcher may reach private and loopback addresses (off unless set)."""
    from claimgraph import settings

    return settings.get_flag(ALLOW_PRIVATE_ENV)


def fetch_article_text(url: str) -> str:
    """Download an article page with the CLI's guard and limits (robots, addresses, size)."""
    return fetch_article(url, allow_private=allow_private())


def article_names(rows: list[dict[str, object]]) -> dict[str, str]:
    """Article id → the name the picker shows; equal titles also show the id and where each came from."""
    counts = Counter(str(r["title"]) for r in rows)
    names = {}
    for row in rows:
        title, article_id = str(row["title"]), str(row["article"])
        name = short(title, 60)
        if counts[title] > 1:
            where = str(row.get("location") or "")
            name += f" · {article_id}" + (f" · {short(where, 50)}" if where else "")
        names[article_id] = name
    return names


def _choose_ingested(current: AuditResult) -> None:
    rows = state.ingested_articles()
    names = article_names(rows)
    ids = list(names)
    if current.article.id not in ids:
        ids.insert(0, current.article.id)
    names.setdefault(current.article.id, short(current.article.title, 60))
    st.session_state["article-choice"] = current.article.id
    st.selectbox(
        "Article",
        ids,
        format_func=lambda i: names.get(i, i),
        key="article-choice",
        on_change=_on_choose,
        help="Articles audited before and kept in the graph store.",
    )


def _on_choose() -> None:
    state.select_article(st.session_state["article-choice"])


def _ingest(action, what: str) -> None:
    try:
        result = action()
    except (ClaimgraphError, ValueError, OSError) as error:
        st.error(f"Could not read {what}: {explain(error)}")
        return
    state.select_article(result.article.id)
    st.rerun()


def _add_article() -> None:
    limit = MAX_ARTICLE_BYTES // 2**20
    with st.expander("Add an article"):
        upload = st.file_uploader(
            f"Upload text, Markdown or HTML (up to {limit} MiB)", type=UPLOAD_TYPES, key="upload"
        )
        if upload is not None and st.button("Audit upload", key="audit-upload"):
            _ingest(lambda: state.ingest_bytes(upload.getvalue(), upload.name), upload.name)
        url = st.text_input(
            "…or an article URL",
            key="article-url",
            help="Fetched politely (robots.txt, size limit); private and local addresses are refused"
            + (" unless this explorer was started to allow them." if not allow_private() else "."),
        )
        if url and st.button("Fetch and audit", key="audit-url"):
            _ingest(lambda: state.ingest_text(fetch_article_text(url), url), url)
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
