"""Query page: run a named query with its parameters, or a read-only query of your own."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from rdflib import Dataset, Graph
from rdflib.plugins.sparql import prepareQuery

from claimgraph.api import (
    QueryResult,
    bind_prefixes,
    check_untrusted_query,
    graph_iri,
    list_queries,
    run_query,
    run_untrusted_on_dataset,
    run_untrusted_query,
)
from claimgraph.errors import ClaimgraphError
from claimgraph.explorer import state
from claimgraph.explorer.hints import explain
from claimgraph.explorer.paging import paginate
from claimgraph.explorer.text import short

__all__ = ["render", "read_only_form", "construct", "READ_FORMS", "user_description", "run_custom_query"]

READ_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
EXAMPLE = """PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?claim ?text WHERE {
  GRAPH ?g { ?c a schema:Claim ; dcterms:identifier ?claim ; schema:text ?text }
} LIMIT 20"""


def read_only_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE for a read query; ValueError for updates or bad syntax."""
    try:
        parsed = prepareQuery(sparql)
    except Exception as error:  # pyparsing raises its own types; any failure means "not a query"
        raise ValueError(
            "only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) can run here; this text is not "
            f"one ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})"
        ) from None
    form = READ_FORMS.get(parsed.algebra.name)
    if form is None:
        raise ValueError(f"only read queries can run here, not {parsed.algebra.name}")
    return form


@st.cache_resource(max_entries=2, show_spinner="Loading the article's graph…")
def _article_dataset(article_id: str) -> Dataset:
    result = state.open_article(article_id) or state.sample_result()
    dataset = Dataset(default_union=True)
    named = dataset.graph(graph_iri(result.article.id))
    for triple in result.graph:
        named.add(triple)
    return dataset


def construct(sparql: str, article_id: str) -> Graph:
    """Run a CONSTRUCT or DESCRIBE on one article's named graph (the store answers SELECT and ASK)."""
    graph = Graph()
    bind_prefixes(graph)
    for triple in _article_dataset(article_id).query(sparql).graph:
        graph.add(triple)
    return graph


def _show(answer: QueryResult | Graph, name: str) -> None:
    if isinstance(answer, Graph):
        turtle = answer.serialize(format="turtle")
        st.caption(f"{len(answer)} triples (Turtle)")
        st.code(
            turtle[:20_000] + ("\n# … cut here; download for the rest" if len(turtle) > 20_000 else ""),
            language="turtle",
        )
        st.download_button(
            "Download triples (Turtle)",
            turtle,
            file_name=f"{name}.ttl",
            mime="text/turtle",
            key=f"download-{name}",
            on_click="ignore",
        )
        return
    if answer.boolean is not None:
        st.success(f"ASK answer: {answer.boolean}")
        return
    rows = [{k: "" if v is None else str(v) for k, v in row.items()} for row in answer.as_dicts()]
    table = pd.DataFrame(rows, columns=answer.variables)
    st.caption(f"{len(rows)} rows")
    st.dataframe(
        pd.DataFrame(list(paginate(rows, f"query-{name}", page_size=100)), columns=answer.variables),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        "Download results (CSV)",
        table.to_csv(index=False),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download-{name}",
    )


def _run(action, name: str) -> None:
    try:
        answer = action()
    except (ClaimgraphError, ValueError) as error:
        st.error(explain(error))
        return
    st.session_state["query-answer"] = (name, answer)


def user_description(text: str) -> str:
    """A query header's description for readers: notes on how it is written for the engine dropped."""
    return re.split(r"\s*\bShape:", text, maxsplit=1)[0].strip()


def _param_help(doc: str) -> str:
    """A parameter's doc without remarks about the command line."""
    return re.sub(r"\s*\([^()]*\bCLI\b[^()]*\)", "", doc).strip()


def _claim_input(query_name: str, label: str, help_text: str) -> str:
    """A claim picked from the current article's sentences, by text (its id is what gets bound)."""
    claims = state.current_result().article.claims
    if not claims:
        st.caption("The current article has no claims.")
        return ""
    texts = {c.id: c.text for c in claims}
    return st.selectbox(
        label,
        list(texts),
        key=f"param-{query_name}-claim",
        help=help_text,
        format_func=lambda i: short(texts[i], 120),
    )


def _param_input(query, param) -> str:
    label = f"{param.name}{' (optional)' if param.optional else ''}"
    help_text = _param_help(param.doc)
    if param.name == "claim":
        return _claim_input(query.name, "claim (a sentence of the current article)", help_text)
    return st.text_input(
        label,
        value=state.current_result().article.id if param.name == "article" else "",
        key=f"param-{query.name}-{param.name}",
        help=help_text,
    )


def _named() -> None:
    queries = list_queries()
    names = [q.name for q in queries]
    name = st.selectbox("Named query", names, key="named-query")
    query = queries[names.index(name)]
    st.caption(user_description(query.description))
    values = {}
    for param in query.params:
        value = _param_input(query, param)
        if value and value.strip():
            values[param.name] = value.strip()
    with st.expander("Query text"):
        st.code(query.text, language="sparql")
    if st.button("Run query", key="run-named", type="primary"):
        _run(lambda: run_query(state.get_store(), query, values), query.name)


def _custom() -> None:
    st.caption(
        "SELECT and ASK run over the whole store; CONSTRUCT and DESCRIBE over the current article's graph."
    )
    text = st.text_area("SPARQL (read-only)", value=EXAMPLE, height=200, key="custom-query")
    if st.button("Run query", key="run-custom", type="primary"):
        _run(lambda: run_custom_query(text), "custom-query")


def run_custom_query(text: str) -> QueryResult | Graph:
    """Run a query someone typed: SELECT and ASK on the store, CONSTRUCT and DESCRIBE on the article.

    The untrusted guard refuses FROM, SERVICE, LOAD and updates, and bounds time and rows.
    """
    if check_untrusted_query(text) in ("CONSTRUCT", "DESCRIBE"):
        return run_untrusted_on_dataset(_article_dataset(state.current_result().article.id), text)
    return run_untrusted_query(state.get_store(), text)


def render() -> None:
    """Draw the query page."""
    st.header("Query the graph")
    st.caption("Queries run over every article in the store. Updates are refused: this page only reads.")
    mode = st.radio("Query", ["Named query", "Write your own"], horizontal=True, key="query-mode")
    if mode == "Named query":
        _named()
    else:
        _custom()
    answer = st.session_state.get("query-answer")
    if answer is not None:
        _show(answer[1], answer[0])
