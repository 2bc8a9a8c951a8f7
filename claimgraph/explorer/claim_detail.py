"""One claim in detail: its citations and endnotes, evidence cards, timeline and provenance."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from claimgraph.api import best_title
from claimgraph.explorer.dot import provenance_dot
from claimgraph.explorer.hints import fix_words
from claimgraph.explorer.labels import citation_marker, endnote_label
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.todo import link_reason, severity_rank
from claimgraph.explorer.views import STANCE_COLOURS, STATUS_STYLE, evidence_for_claim, source_title
from claimgraph.model import AuditResult, Claim, Evidence

__all__ = ["badge", "citations", "endnote_panel", "evidence", "timeline", "provenance"]


def badge(status: str) -> str:
    """A coloured badge with the status written out (colour is never the only signal)."""
    style = STATUS_STYLE[status]
    return f":{style.colour}-badge[{style.symbol} {style.label}]"


def citations(result: AuditResult, claim: Claim) -> list[int]:
    """The claim's inline citations as written, each with its endnote; returns the endnote numbers."""
    by_id = {c.id: c for c in result.article.citations}
    numbers, lines = [], []
    for citation_id in claim.citation_ids:
        c = by_id.get(citation_id)
        if c is None:
            continue
        marker = md_escape(citation_marker(c))
        if c.endnote is None:
            candidates = ", ".join(endnote_label(result.article.endnote(k.endnote)) for k in c.candidates[:3])
            lines.append(
                f"- {marker} → :violet[no endnote matches clearly]"
                + (f" (candidates: {candidates})" if candidates else "")
            )
            continue
        endnote = result.article.endnote(c.endnote)
        numbers.append(c.endnote)
        title = best_title(endnote) or endnote.url or ""
        lines.append(
            f"- {marker} → endnote **{md_escape(endnote_label(endnote))}**: {md_escape(short(title, 120))}"
        )
    if lines:
        st.markdown("\n".join(lines))
    else:
        st.caption("This sentence has no inline citation of its own.")
    return numbers


def endnote_panel(result: AuditResult, number: int) -> None:
    """One endnote: what it says, its link and why it is in that state, its problems and fixes."""
    endnote = result.article.endnote(number)
    source = result.sources.get(number)
    title = source_title(source) or best_title(endnote) or endnote.url or ""
    with st.container(border=True):
        st.markdown(f"**Endnote {md_escape(endnote_label(endnote))}** · {md_escape(title)}")
        stated = " · ".join(md_escape(v) for v in (endnote.source, endnote.title, endnote.published) if v)
        if stated:
            st.caption(f"As written: {stated}")
        st.text(endnote.url or endnote.raw_url or "no link")
        health = source.health if source else "unchecked"
        st.markdown(f"Link: **{md_escape(health)}** · {md_escape(link_reason(endnote, source))}")
        found = sorted(
            (f for f in result.findings if number in f.endnotes), key=lambda f: severity_rank(f.severity)
        )
        for finding in found:
            st.markdown(
                f"- **{finding.severity}** · {md_escape(finding.kind)}: {md_escape(finding.message)}"
                + (f"  \n  Fix: {md_escape(fix_words(finding))}" if finding.fix else "")
            )
        if not found:
            st.caption("No problems found for this endnote.")


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
            f"endnote {', '.join(_labels(result, endnotes)) or '—'}{' (cited)' if item.cited else ''}"
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


def evidence(result: AuditResult, claim: Claim, side_by_side: bool = True) -> list[Evidence]:
    """Supporting and disputing sources as cards (side by side, or stacked in a narrow column)."""
    items, endnotes = _by_source(evidence_for_claim(result, claim.id))
    if not items:
        st.info("No evidence judged for this sentence yet: its sources have no captured text.")
        return items
    left, right = st.columns(2) if side_by_side else (st.container(), st.container())
    with left:
        st.markdown("##### :green[✔ Supporting]")
        for item in [e for e in items if e.stance == "supports"] or []:
            _card(result, item, endnotes[item.source_url])
        if not any(e.stance == "supports" for e in items):
            st.caption("No source supports this claim.")
    with right:
        st.markdown("##### :red[✘ Disputing]")
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


def timeline(result: AuditResult, claim: Claim, items: list[Evidence]) -> None:
    """The claim's sources on a time axis, coloured by stance."""
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


def provenance(result: AuditResult, claim: Claim, status: str) -> None:
    """The claim's provenance chain: sentence → citation → endnote → work → evidence."""
    st.graphviz_chart(provenance_dot(result, claim.id, status))


def _labels(result: AuditResult, numbers: list[int]) -> list[str]:
    return [md_escape(endnote_label(result.article.endnote(n), n)) for n in numbers]
