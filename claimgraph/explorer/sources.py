"""Sources page: each cited source's metadata, link health, capture and the claims tied to it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.explorer import state
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.views import source_rows, source_title
from claimgraph.model import AuditResult
from claimgraph.titles import best_title

__all__ = ["render"]


def _detail(result: AuditResult, number: int) -> None:
    article = result.article
    endnote = article.endnote(number)
    source = result.sources.get(number)
    st.markdown(f"#### [{number}] {md_escape(source_title(source) or best_title(endnote) or endnote.url)}")
    facts = {
        "link in the endnote": endnote.url or endnote.raw_url or "",
        "canonical link": endnote.canonical_url or "",
        "date in the endnote": endnote.published or "",
    }
    if source is not None:
        meta = source.metadata
        facts |= {
            "final link": source.final_url or "",
            "health": f"{source.health}" + (f" (HTTP {source.status})" if source.status else ""),
            "error": source.error or "",
            "title (scraped)": meta.title or "",
            "authors": ", ".join(meta.authors),
            "published": meta.published or "",
            "modified": meta.modified or "",
            "site": meta.site or "",
            "type": meta.type or "",
            "language": meta.language or "",
            "archived copy": source.archive_url or "",
        }
        if source.capture is not None:
            facts |= {
                "captured at": source.capture.fetched_at,
                "capture kind": source.capture.kind,
                "capture note": source.capture.note,
            }
        facts |= {
            f"redirect {i}": f"{r.status} {r.url} → {r.location}"
            for i, r in enumerate(source.redirects, start=1)
        }
    st.dataframe(
        pd.DataFrame({"field": list(facts), "value": [str(v) for v in facts.values()]}),
        hide_index=True,
        width="stretch",
        height=35 * (len(facts) + 1) + 3,
    )
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


def render() -> None:
    """Draw the sources of the current article."""
    result = state.current_result()
    st.header("Sources")
    rows = source_rows(result)
    if rows:
        health = sorted({str(r["health"]) for r in rows})
        chosen = st.multiselect("Link health", health, key="source-health")
        kept = [r for r in rows if not chosen or r["health"] in chosen]
        st.dataframe(
            pd.DataFrame(list(paginate(kept, "sources-table", page_size=100))),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info("No source has been checked for this article yet; endnotes are listed below.")
    numbers = [e.number for e in result.article.endnotes]
    if not numbers:
        st.caption("This article has no endnotes.")
        return
    titles = {e.number: best_title(e) or e.url or "" for e in result.article.endnotes}
    number = st.selectbox(
        "Source details for endnote",
        numbers,
        key="source-choice",
        format_func=lambda n: f"[{n}] {short(titles[n], 90)}",
    )
    _detail(result, int(number))
