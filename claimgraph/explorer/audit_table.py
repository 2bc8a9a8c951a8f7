"""Endnote audit page: a filterable, sortable endnote table with findings, fixes and downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimgraph.audit.endnote_export import FORMATS, corrected_endnotes
from claimgraph.audit.report import render_markdown
from claimgraph.explorer import state
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.views import endnote_rows, finding_rows
from claimgraph.model import AuditResult

__all__ = ["render", "filter_rows", "sort_rows", "SORT_KEYS"]

_EXTENSIONS = {
    "markdown": ("md", "text/markdown"),
    "csl-json": ("json", "application/json"),
    "bibtex": ("bib", "application/x-bibtex"),
}


def filter_rows(
    rows: list[dict[str, object]], *, severities: list[str], kinds: list[str], text: str, only_problems: bool
) -> list[dict[str, object]]:
    """The endnote rows that pass the page's filters."""
    needle = text.strip().lower()
    kept = []
    for row in rows:
        row_kinds = set(str(row["findings"]).split("; ")) - {""}
        if only_problems and not row_kinds and not row["duplicate group"]:
            continue
        if severities and row["worst"] not in severities:
            continue
        if kinds and not row_kinds & set(kinds):
            continue
        if needle and needle not in " ".join(str(v) for v in row.values()).lower():
            continue
        kept.append(row)
    return kept


SORT_KEYS = ("duplicate groups first", "endnote", "worst", "health", "cited by", "published", "title", "site")
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "other": 3, "": 4}


def sort_rows(rows: list[dict[str, object]], key: str, descending: bool = False) -> list[dict[str, object]]:
    """The rows in the chosen order (``duplicate groups first`` keeps the audit's own order)."""
    if key == "duplicate groups first":
        return list(reversed(rows)) if descending else list(rows)
    if key == "worst":
        return sorted(
            rows, key=lambda r: (_SEVERITY_ORDER.get(str(r["worst"]), 4), r["endnote"]), reverse=descending
        )
    if key in ("endnote", "cited by"):
        return sorted(rows, key=lambda r: (int(r[key]), r["endnote"]), reverse=descending)
    return sorted(rows, key=lambda r: (str(r[key]).lower(), r["endnote"]), reverse=descending)


def _downloads(result: AuditResult, table: pd.DataFrame) -> None:
    slug = result.article.id
    cols = st.columns(3)
    cols[0].download_button(
        "Download table (CSV)",
        table.to_csv(index=False),
        file_name=f"{slug}-endnotes.csv",
        mime="text/csv",
        on_click="ignore",
    )
    cols[1].download_button(
        "Download report (Markdown)",
        lambda: render_markdown(result),
        file_name=f"{slug}-audit.md",
        mime="text/markdown",
        on_click="ignore",
    )
    fmt = cols[2].selectbox("Corrected endnotes as", FORMATS, key="corrected-format")
    extension, mime = _EXTENSIONS.get(fmt, ("txt", "text/plain"))
    cols[2].download_button(
        "Download corrected endnotes",
        lambda: corrected_endnotes(result, fmt),
        file_name=f"{slug}-endnotes-corrected.{extension}",
        mime=mime,
        on_click="ignore",
    )


def render() -> None:
    """Draw the endnote audit for the current article."""
    result = state.current_result()
    st.header("Endnote audit")
    rows = endnote_rows(result)
    kinds = sorted({k for r in rows for k in str(r["findings"]).split("; ") if k})
    cols = st.columns([1, 2, 2, 1])
    severities = cols[0].multiselect("Worst severity", ["high", "medium", "low"], key="sev")
    chosen_kinds = cols[1].multiselect("Finding kinds", kinds, key="kinds")
    text = cols[2].text_input("Search", key="endnote-search", placeholder="title, link, site…")
    only_problems = cols[3].toggle("Only problems", key="only-problems")
    kept = filter_rows(
        rows, severities=severities, kinds=chosen_kinds, text=text, only_problems=only_problems
    )
    sort_cols = st.columns([2, 1, 3])
    order = sort_cols[0].selectbox("Sort by", SORT_KEYS, key="endnote-sort")
    descending = sort_cols[1].toggle("Descending", key="endnote-descending")
    kept = sort_rows(kept, order, descending)
    st.caption(
        f"{len(kept)} of {len(rows)} endnotes · sorting applies to every page; a column header "
        "sorts the page shown"
    )
    table = pd.DataFrame(kept, columns=list(rows[0]) if rows else None)
    st.dataframe(
        pd.DataFrame(list(paginate(kept, "endnote-table", page_size=100)), columns=table.columns),
        hide_index=True,
        width="stretch",
        column_config={"link": st.column_config.TextColumn("link")},
    )
    _downloads(result, table)
    st.subheader("Duplicate groups")
    if not result.duplicate_groups:
        st.caption("No duplicate endnotes.")
    numbered = list(enumerate(result.duplicate_groups, start=1))
    for index, group in paginate(numbered, "duplicate-groups"):
        st.text(
            f"G{index} ({group.strength}): endnotes {', '.join(map(str, group.endnotes))} — {group.reason}"
        )
    st.subheader("All findings with fixes")
    findings = finding_rows(result)
    if not findings:
        st.caption("No findings.")
        return
    st.dataframe(
        pd.DataFrame(list(paginate(findings, "audit-findings", page_size=100))),
        hide_index=True,
        width="stretch",
    )
