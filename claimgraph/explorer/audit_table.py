"""Endnote audit page: the editor's to-do list, worst first, with a detail for the chosen endnote."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from claimgraph.api import ENDNOTE_FORMATS as FORMATS
from claimgraph.api import corrected_endnotes, render_markdown
from claimgraph.explorer import claim_detail, state
from claimgraph.explorer.article_view import SEVERITY_COLOURS
from claimgraph.explorer.clickable import show_clickable
from claimgraph.explorer.hints import EXPLORER_WORDS
from claimgraph.explorer.labels import endnote_label
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import md_escape, short
from claimgraph.explorer.todo import SEVERITIES, filter_todo, todo_rows
from claimgraph.explorer.views import endnote_rows
from claimgraph.model import AuditResult

__all__ = ["render", "todo_html", "CSV_COLUMNS"]

CSV_COLUMNS = ["severity", "kind", "endnote", "sentence", "problem", "fix"]
ENDNOTE_KEY = "audit-endnote"
_EXTENSIONS = {
    "markdown": ("md", "text/markdown"),
    "csl-json": ("json", "application/json"),
    "bibtex": ("bib", "application/x-bibtex"),
}
_CSS = """
table.cg-todo { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.cg-todo th { text-align: left; border-bottom: 2px solid #999; padding: 4px 6px; }
.cg-todo td { vertical-align: top; border-bottom: 1px solid #ddd; padding: 6px; overflow-wrap: anywhere; }
.cg-todo tr[data-pick] { cursor: pointer; }
.cg-todo tr[data-pick]:hover { background: rgba(128,128,128,0.12); }
.cg-todo tr.cg-selected { background: rgba(255, 214, 0, 0.3); }
.cg-sev { color: #fff; border-radius: 4px; padding: 1px 6px; font-weight: 600; white-space: nowrap; }
.cg-kind { font-family: monospace; font-size: 0.85em; }
.cg-fix { color: #1b5e20; }
.cg-more { color: #666; font-size: 0.85em; }
"""


def todo_html(rows: list[dict[str, object]], selected: int | None = None) -> str:
    """The to-do rows as an escaped HTML table; a row with endnotes reports its first one on click."""
    out = [
        '<table class="cg-todo"><thead><tr><th>severity</th><th>problem</th><th>endnote</th>'
        "<th>sentence it affects</th><th>fix</th></tr></thead><tbody>"
    ]
    for row in rows:
        numbers = list(row["numbers"])  # type: ignore[arg-type]
        pick = f' data-pick="{numbers[0]}" tabindex="0"' if numbers else ""
        chosen = " class='cg-selected'" if selected is not None and selected in numbers else ""
        colour = SEVERITY_COLOURS.get(str(row["severity"]), "#555")
        more = int(row["more sentences"])  # type: ignore[call-overload]
        sentence = html.escape(str(row["sentence"])) or '<span class="cg-more">no sentence cites it</span>'
        if more:
            sentence += f' <span class="cg-more">(and {more} more)</span>'
        out.append(
            f"<tr{pick}{chosen}><td><span class='cg-sev' style='background:{colour}'>"
            f"{html.escape(str(row['severity']))}</span></td>"
            f"<td><span class='cg-kind'>{html.escape(str(row['kind']))}</span><br>"
            f"{html.escape(str(row['problem']))}</td>"
            f"<td>{html.escape(str(row['endnote'])) or '—'}</td><td>{sentence}</td>"
            f"<td class='cg-fix'>{html.escape(str(row['fix']))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _downloads(result: AuditResult, todo: list[dict[str, object]]) -> None:
    slug = result.article.id
    cols = st.columns(4)
    cols[0].download_button(
        "Download to-do list (CSV)",
        pd.DataFrame(todo, columns=CSV_COLUMNS).to_csv(index=False),
        file_name=f"{slug}-problems.csv",
        mime="text/csv",
        on_click="ignore",
    )
    cols[1].download_button(
        "Download endnote table (CSV)",
        lambda: pd.DataFrame(endnote_rows(result)).to_csv(index=False),
        file_name=f"{slug}-endnotes.csv",
        mime="text/csv",
        on_click="ignore",
    )
    cols[2].download_button(
        "Download report (Markdown)",
        lambda: render_markdown(result, words=EXPLORER_WORDS),
        file_name=f"{slug}-audit.md",
        mime="text/markdown",
        on_click="ignore",
    )
    fmt = cols[3].selectbox("Corrected endnotes as", FORMATS, key="corrected-format")
    extension, mime = _EXTENSIONS.get(fmt, ("txt", "text/plain"))
    cols[3].download_button(
        "Download corrected endnotes",
        lambda: corrected_endnotes(result, fmt),
        file_name=f"{slug}-endnotes-corrected.{extension}",
        mime=mime,
        on_click="ignore",
    )


def _detail(result: AuditResult, rows: list[dict[str, object]]) -> None:
    """The chosen endnote: what it says, its link, every problem and fix, the sentences citing it."""
    article = result.article
    numbers = list(dict.fromkeys(n for r in rows for n in r["numbers"]))  # type: ignore[attr-defined]
    if not numbers:
        return
    if st.session_state.get(ENDNOTE_KEY) not in numbers:
        st.session_state[ENDNOTE_KEY] = numbers[0]
    number = st.selectbox(
        "Endnote in detail (or click a row)",
        numbers,
        key=ENDNOTE_KEY,
        format_func=lambda n: (
            f"{endnote_label(article.endnote(n))} · "
            + short(article.endnote(n).title or article.endnote(n).url or "", 80)
        ),
    )
    claim_detail.endnote_panel(result, int(number))
    citing = [c for c in article.citations if c.endnote == number]
    texts = {c.id: c.text for c in article.claims}
    if citing:
        st.markdown("**Sentences that cite it**")
        st.markdown("\n".join(f"- {md_escape(texts.get(c.claim, ''))}" for c in citing))
    else:
        st.caption("No sentence cites this endnote.")


def _endnote_table(result: AuditResult) -> None:
    with st.expander("Every endnote in one table"):
        rows = endnote_rows(result)
        columns = ["endnote", "worst", "health", "cited by", "title", "site", "published", "findings", "link"]
        st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
        if result.duplicate_groups:
            st.markdown("**Duplicate groups**")
            st.markdown(
                "\n".join(
                    f"- G{i} ({md_escape(g.strength)}): endnotes "
                    f"{', '.join(endnote_label(result.article.endnote(n), n) for n in g.endnotes)} — "
                    f"{md_escape(g.reason)}"
                    for i, g in enumerate(result.duplicate_groups, start=1)
                )
            )


def render() -> None:
    """Draw the endnote audit for the current article."""
    result = state.current_result()
    st.header("Endnote audit")
    rows = todo_rows(result)
    kinds = sorted({str(r["kind"]) for r in rows})
    cols = st.columns([1, 2, 2])
    severities = cols[0].multiselect("Severity", list(SEVERITIES), key="sev")
    chosen_kinds = cols[1].multiselect("Problem kinds", kinds, key="kinds")
    text = cols[2].text_input("Search", key="todo-search", placeholder="endnote, sentence, problem, fix…")
    kept = filter_todo(rows, kinds=chosen_kinds, severities=severities, text=text)
    touched = {n for r in kept for n in r["numbers"]}  # type: ignore[attr-defined]
    st.caption(
        f"{len(kept)} of {len(rows)} problems · {len(touched)} of {len(result.article.endnotes)} "
        "endnotes · most severe first"
    )
    if not kept:
        st.success("No problems match." if rows else "No problems found.")
    else:
        page = list(paginate(kept, "todo", page_size=50))
        picked = show_clickable(
            todo_html(page, st.session_state.get(ENDNOTE_KEY)), name="todo", css=_CSS, key="todo-table"
        )
        if picked and picked.isdigit():
            st.session_state[ENDNOTE_KEY] = int(picked)
        st.subheader("Endnote in detail")
        _detail(result, kept)
    _downloads(result, kept)
    _endnote_table(result)
    st.caption("Every problem comes with its fix; click a row to see its endnote in full.")
