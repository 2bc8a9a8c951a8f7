"""Sources page: each cited source's metadata, link health, capture and the claims tied to it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.api import best_title
from claimgraph.explorer import state
from claimgraph.explorer.labels import endnote_label
from claimgraph.explorer.text import code_escape, md_escape, short
from claimgraph.explorer.todo import link_reason
from claimgraph.explorer.views import source_rows, source_title
from claimgraph.model import AuditResult

__all__ = ["render"]


_METADATA_FIELDS = ("title", "authors", "published", "modified", "site", "type", "language")


def _health(endnote, source) -> None:
    st.markdown("**Link health**")
    health = source.health if source else "unchecked"
    lines = [f"- **{md_escape(health)}**: {md_escape(link_reason(endnote, source))}"]
    if source is not None:
        if source.final_url and source.final_url != source.url:
            lines.append(f"- final link: `{code_escape(source.final_url)}`")
        for i, hop in enumerate(source.redirects, start=1):
            lines.append(
                f"- redirect {i}: HTTP {hop.status} `{code_escape(hop.url)}` → `{code_escape(hop.location)}`"
            )
        if source.archive_url:
            lines.append(f"- archived copy: `{code_escape(source.archive_url)}`")
        if source.capture is not None:
            capture = source.capture
            lines.append(
                f"- checked {md_escape(capture.fetched_at)} from a {md_escape(capture.kind)} copy"
                + (f": {md_escape(capture.note)}" if capture.note else "")
            )
    st.markdown("\n".join(lines))


def _metadata(source) -> None:
    st.markdown("**What the page says about itself**")
    if source is None:
        st.caption("Not read: the page was not fetched and no capture or snapshot holds it.")
        return
    meta, lines = source.metadata, []
    for name in _METADATA_FIELDS:
        value = getattr(meta, name)
        value = ", ".join(value) if isinstance(value, list) else value
        if value:
            origin = meta.provenance.get(name)
            lines.append(
                f"- {name}: {md_escape(str(value))}" + (f" · _from {md_escape(origin)}_" if origin else "")
            )
    if lines:
        st.markdown("\n".join(lines))
    else:
        st.caption("The page gave no title, authors or dates that could be read.")


def _detail(result: AuditResult, number: int) -> None:
    article = result.article
    endnote = article.endnote(number)
    source = result.sources.get(number)
    title = source_title(source) or best_title(endnote) or endnote.url or endnote.raw_url or ""
    st.markdown(f"#### [{md_escape(endnote_label(endnote))}] {md_escape(title)}")
    stated = " · ".join(md_escape(v) for v in (endnote.source, endnote.title, endnote.published) if v)
    st.caption(f"As the endnote states it: {stated or 'no site, title or date'}")
    st.text(endnote.url or endnote.raw_url or "no link")
    left, right = st.columns(2)
    with left:
        _health(endnote, source)
    with right:
        _metadata(source)
    citing = [c for c in article.citations if c.endnote == number]
    st.markdown("**Claims that cite it**")
    if citing:
        texts = {c.id: c.text for c in article.claims}
        st.dataframe(
            pd.DataFrame(
                [{"claim": c.claim, "citation": c.id, "text": texts.get(c.claim, "")} for c in citing]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No inline citation resolves to this endnote.")
    judged = [e for e in result.evidence if e.endnote == number and e.stance in ("supports", "disputes")]
    st.markdown("**Claims it supports or disputes**")
    if judged:
        texts = {c.id: c.text for c in article.claims}
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "stance": e.stance,
                        "claim": e.claim,
                        "support": round(e.support, 3),
                        "text": short(texts.get(e.claim, ""), 140),
                        "quote": short(e.quotes[0].text, 200) if e.quotes else "",
                    }
                    for e in judged
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No judged evidence from this source.")


def _table(result: AuditResult) -> None:
    rows = source_rows(result)
    health = sorted({str(r["health"]) for r in rows})
    chosen = st.multiselect("Link health", health, key="source-health")
    kept = [r for r in rows if not chosen or r["health"] in chosen]
    st.dataframe(
        pd.DataFrame(kept, columns=list(rows[0]) if rows else None),
        hide_index=True,
        width="stretch",
        column_config={
            "title": st.column_config.TextColumn("title", width="large"),
            "site": st.column_config.TextColumn("site", width="small"),
            "why": st.column_config.TextColumn("why", width="medium"),
            "link": st.column_config.TextColumn("link", width="medium"),
        },
    )


def render() -> None:
    """Draw the sources of the current article: one row per endnote, then one in detail."""
    result = state.current_result()
    st.header("Sources")
    numbers = [e.number for e in result.article.endnotes]
    if not numbers:
        st.caption("This article has no endnotes.")
        return
    _table(result)
    titles = {e.number: best_title(e) or e.url or e.raw_url or "" for e in result.article.endnotes}
    labels = {e.number: endnote_label(e) for e in result.article.endnotes}
    number = st.selectbox(
        "Source in detail",
        numbers,
        key="source-choice",
        format_func=lambda n: f"[{labels[n]}] {short(titles[n], 90)}",
    )
    _detail(result, int(number))
