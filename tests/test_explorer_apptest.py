"""The explorer's pages, driven headless with Streamlit's AppTest on the embedded sample.

Each test gets a fresh in-memory store, its own uploads folder and a snapshots folder holding
the project's sample snapshots plus one hostile page whose title carries a ``<script>`` tag.
"""

from __future__ import annotations

import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from claimgraph.api import default_article_path, load_article, open_store
from claimgraph.article.load import article_id_for
from claimgraph.explorer.query import read_only_form
from claimgraph.explorer.text import dot_escape, md_escape
from claimgraph.explorer.views import STATUS_STYLE
from claimgraph.graph.reviews import load_reviews

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SNAPSHOTS = ROOT / "sources" / "snapshots"
HOSTILE_URL = "https://www.anthropic.com/research/alignment-faking"
HOSTILE_TITLE = "Alignment faking <script>window.__pwned=1</script> <b>bold</b>"
SAMPLE_ID = default_article_path().stem
TIMEOUT = 60


@pytest.fixture(autouse=True)
def explorer_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A memory store, a private uploads folder and snapshots with one hostile title."""
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    for path in SNAPSHOTS.glob("*.json"):
        shutil.copy(path, snapshots / path.name)
    hostile = {
        "url": HOSTILE_URL,
        "aliases": [HOSTILE_URL + "?aff=O0D1K"],
        "kind": "reconstructed",
        "note": "test page",
        "obtained": "2026-01-02",
        "health": "ok",
        "metadata": {"title": HOSTILE_TITLE, "authors": ["Ryan Greenblatt"], "published": "2024-12-18"},
        "text": "Researchers reported the first empirical evidence of a large language model "
        "engaging in alignment faking. The study examined Claude 3 Opus.",
    }
    (snapshots / "00-hostile.json").write_text(json.dumps([hostile]), encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_STORE", "memory")
    monkeypatch.setenv("CLAIMGRAPH_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.setenv("CLAIMGRAPH_SNAPSHOTS", str(snapshots))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()


def page(module: str) -> AppTest:
    """One page with the sidebar, as app.py draws it after navigation."""
    script = f"from claimgraph.explorer import picker, {module}\npicker.render_sidebar()\n{module}.render()\n"
    return AppTest.from_string(script, default_timeout=TIMEOUT)


def all_text(at: AppTest) -> str:
    """Every markdown, caption and text element's value, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.text]
    return "\n".join(parts)


def no_html(at: AppTest) -> None:
    """No markdown element of the run may render raw HTML."""
    assert not any(m.proto.allow_html for m in at.markdown)


def test_app_opens_on_the_sample_with_title_and_health() -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == md_escape("Was Claude Pretending to Stay Aligned?")
    metrics = {m.label: m.value for m in at.metric}
    sample = load_article(default_article_path())
    assert metrics["Endnotes"] == str(len(sample.endnotes))
    assert metrics["Claims"] == str(len(sample.claims))
    assert "Endnote health" in [h.value for h in at.subheader]
    health = next(m.value for m in at.markdown if "**orphan**" in m.value)
    for category in ("ok", "dead", "blocked", "duplicate", "orphan", "unresolved", "unsupported"):
        assert f"**{category}**" in health
    assert at.get("vega_lite_chart"), "the health chart is drawn"
    severities = at.dataframe[0].value["severity"].tolist()
    order = {"high": 0, "medium": 1, "low": 2}
    assert severities == sorted(severities, key=order.get), "worst problems come first"
    assert f"{len(sample.endnotes)} endnotes" in "\n".join(c.value for c in at.sidebar.caption)
    assert at.query_params["article"] == SAMPLE_ID


def test_article_page_shows_the_chosen_sentence_with_its_citations_and_evidence() -> None:
    at = page("claims").run()
    assert not at.exception
    claim_box = at.selectbox(key="claim-choice")
    sample = load_article(default_article_path())
    chosen = next(c for c in sample.claims if c.id == claim_box.value)
    assert chosen.citation_ids, "the page opens on a cited sentence"
    text = "\n".join(m.value for m in at.markdown)
    assert "-badge[" in text and md_escape(chosen.text) in text
    assert "Endnote" in text and "Link: **" in text, "the cited endnote is shown beside the text"
    assert any("Supporting" in m.value for m in at.markdown)
    assert any("Disputing" in m.value for m in at.markdown)
    dot = at.get("graphviz_chart")[0].proto.spec
    for step in ("CLAIM", "CITATION", "ENDNOTE"):
        assert step in dot
    other = next(c.id for c in sample.claims if c.id != claim_box.value)
    at = claim_box.select(other).run()
    assert not at.exception and at.query_params["claim"] == other
    no_html(at)


def test_article_page_filter_by_status() -> None:
    at = page("claims").run()
    at = at.multiselect(key="claim-status-filter").set_value(["uncited"]).run()
    box = at.selectbox(key="claim-choice")
    symbol = STATUS_STYLE["uncited"].symbol
    assert not at.exception and box.options and all(o.startswith(symbol) for o in box.options)
    assert len(box.options) < len(load_article(default_article_path()).claims)


def test_audit_page_is_a_to_do_list_with_filters_detail_and_downloads() -> None:
    at = page("audit_table").run()
    assert not at.exception
    captions = "\n".join(c.value for c in at.caption)
    total = int(captions.split(" of ")[1].split()[0])
    assert total > 0
    at = at.multiselect(key="kinds").set_value(["orphan_endnote"]).run()
    shown = int(at.caption[0].value.split()[0])
    assert 0 < shown < total
    detail = at.selectbox(key="audit-endnote")
    endnote = load_article(default_article_path()).endnote(int(detail.value))
    text = "\n".join(m.value for m in at.markdown)
    assert "orphan\\_endnote" in text or "orphan_endnote" in text
    assert "Fix:" in text and f"**Endnote {endnote.number}**" in text
    at = at.multiselect(key="kinds").set_value([]).run()
    at = at.multiselect(key="sev").set_value(["high"]).run()
    assert int(at.caption[0].value.split()[0]) < total
    labels = [b.proto.label for b in at.get("download_button")]
    assert {
        "Download to-do list (CSV)",
        "Download endnote table (CSV)",
        "Download report (Markdown)",
        "Download corrected endnotes",
    } <= set(labels)
    no_html(at)


def test_sources_page_shows_a_scraped_script_title_as_text() -> None:
    at = page("sources").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert HOSTILE_TITLE in table["title"].tolist()
    heading = next(m.value for m in at.markdown if m.value.startswith("####"))
    assert "\\<script\\>" in heading and "<script>" not in heading.replace("\\<", "")
    no_html(at)


def test_query_page_runs_a_named_query() -> None:
    at = page("query").run()
    at = at.selectbox(key="named-query").select("articles").run()
    at = at.button(key="run-named").click().run()
    assert not at.exception
    result = at.dataframe[0].value
    assert SAMPLE_ID in result["article"].tolist()
    assert any(b.proto.label == "Download results (CSV)" for b in at.get("download_button"))


def test_query_page_binds_parameters() -> None:
    at = page("query").run()
    at = at.selectbox(key="named-query").select("claims-with-citations").run()
    at = at.button(key="run-named").click().run()
    rows = at.dataframe[0].value
    claim = rows[rows["citation"].notna() & (rows["citation"] != "")].iloc[0]["claim"]  # a cited claim
    at = at.selectbox(key="named-query").select("claim-trace").run()
    at = at.selectbox(key="param-claim-trace-claim").select(claim).run()
    at = at.button(key="run-named").click().run()
    assert not at.exception and not at.error
    assert set(at.dataframe[0].value["claim"]) == {claim}


def test_query_page_refuses_updates() -> None:
    at = page("query").run()
    at = at.radio(key="query-mode").set_value("Write your own").run()
    update = "DROP ALL"
    at = at.text_area(key="custom-query").input(update).run()
    at = at.button(key="run-custom").click().run()
    assert at.error and "only read queries" in at.error[0].value
    at = (
        at.text_area(key="custom-query")
        .input("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        .run()
    )
    at = at.button(key="run-custom").click().run()
    assert int(at.dataframe[0].value["n"][0]) > 0, "the DROP did not run"
    at = (
        at.text_area(key="custom-query")
        .input(
            "PREFIX schema: <https://schema.org/> CONSTRUCT { ?c a schema:Claim } "
            "WHERE { GRAPH ?g { ?c a schema:Claim } }"
        )
        .run()
    )
    at = at.button(key="run-custom").click().run()
    assert not at.error and "schema:Claim" in at.code[-1].value
    with pytest.raises(ValueError):
        read_only_form("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert read_only_form("ASK { ?s ?p ?o }") == "ASK"


def _claims_drawn(at: AppTest) -> int:
    return int(next(c.value for c in at.caption if " claims · first:" in c.value).split()[0])


def test_graph_page_draws_a_network_with_filters_and_a_graphviz_export() -> None:
    at = page("graph").run()
    assert not at.exception
    total = _claims_drawn(at)
    assert total > 0
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Graph as Graphviz DOT", "Article graph as Turtle"} <= set(labels)
    at = at.selectbox(key="graph-focus").set_value(1).run()
    assert 0 < _claims_drawn(at) < total
    at = at.selectbox(key="graph-focus").set_value(0).run()
    at = at.text_input(key="graph-search").input("zzzz-no-such-claim").run()
    assert at.info and not at.get("download_button")


def test_review_page_saves_a_verdict_with_who_and_when() -> None:
    at = page("review").run()
    assert not at.exception
    at.radio(key="review-stance").set_value("disputes")
    at.text_input(key="review-name").input("Ada Editor")
    at = at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert any("Saved: disputes" in s.value for s in at.success)
    reviews = list(load_reviews(_store()).values())
    assert reviews and reviews[0].reviewer == "Ada Editor" and reviews[0].stance == "disputes"
    assert reviews[0].at.startswith("20")
    assert "Ada Editor" in at.dataframe[-1].value["reviewer"].tolist()


def _store():
    from claimgraph.explorer.state import get_store

    return get_store()


def test_review_starts_with_no_verdict_and_needs_one_and_a_name() -> None:
    at = page("review").run()
    assert at.radio(key="review-stance").value is None
    at.text_input(key="review-name").input("Ada Editor")
    at = at.get("form_submit_button")[0].click().run()
    assert at.error and "verdict" in at.error[0].value
    assert not load_reviews(_store())
    at.radio(key="review-stance").set_value("mentions")
    at.text_input(key="review-name").input("")
    at = at.get("form_submit_button")[0].click().run()
    assert at.error and "name" in at.error[0].value


MARKDOWN_ARTICLE = """# A small uploaded article

Alignment faking was reported in 2024.[^1] Critics disputed the framing.[^2]

[^1]: Anthropic, "Alignment faking in large language models", https://www.anthropic.com/research/alignment-faking, December 18, 2024.
[^2]: Alignment Forum, "Alignment Faking frame is somewhat fake", https://www.alignmentforum.org/posts/PWHkMac9Xve6LoMJy/alignment-faking-frame-is-somewhat-fake-1
"""


def test_uploaded_article_is_listed_and_reopened_by_id() -> None:
    script = (
        "from claimgraph.explorer import picker, state, overview\n"
        f"state.ingest_text({MARKDOWN_ARTICLE!r}, 'small-upload.md')\n"
        "picker.render_sidebar()\noverview.render()\n"
    )
    at = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    assert not at.exception
    titles = {o.replace("\\", "") for o in at.selectbox(key="article-choice").options}
    assert {"Was Claude Pretending to Stay Aligned?", "A small uploaded article"} <= titles
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["article"] = "small-upload"
    again.run()
    assert not again.exception
    assert "A small uploaded article" in again.title[0].value.replace("\\", "")
    back = again.selectbox(key="article-choice").set_value(SAMPLE_ID).run()
    assert "Was Claude" in back.title[0].value


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _fetch_by_url(url: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="article-url").input(url)
    at = at.run()
    return at.button(key="audit-url").click().run()


def test_article_by_url_refuses_loopback_unless_the_operator_allows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "post.md").write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/post.md"
    try:
        refused = _fetch_by_url(url)
        assert not refused.exception
        message = refused.error[0].value
        assert "public addresses only" in message and "--" not in message
        assert refused.query_params["article"] == SAMPLE_ID
        assert not any(c.label.lower().startswith("allow private") for c in refused.checkbox)
        monkeypatch.setenv("CLAIMGRAPH_EXPLORER_ALLOW_PRIVATE", "1")
        at = _fetch_by_url(url)
        assert not at.exception, at.exception
        assert not at.error, at.error[0].value
        assert at.query_params["article"] == "post"
        assert "small uploaded" in at.title[0].value.replace("\\", "")
    finally:
        server.shutdown()


def test_md_escape_leaves_no_markup() -> None:
    escaped = md_escape("<script>alert(1)</script> **bold** [x](http://e) $x$ :red[y]")
    for raw in ("<script>", "**", "](", "$x$", ":red["):
        assert raw not in escaped


def test_open_store_memory_is_isolated() -> None:
    assert open_store("memory").graph_names() == []


def test_article_ingested_elsewhere_is_reopened_from_its_file(tmp_path: Path) -> None:
    article = tmp_path / "cli-ingested.md"
    article.write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    script = (
        "from claimgraph.api import audit\nfrom claimgraph.explorer import picker, state, overview\n"
        f"audit({str(article)!r}, store=state.get_store())\n"
        "picker.render_sidebar()\noverview.render()\n"
    )
    at = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    assert any("A small uploaded article" in o for o in at.selectbox(key="article-choice").options)
    at = at.selectbox(key="article-choice").set_value(article_id_for(str(article))).run()
    assert not at.exception
    assert "A small uploaded article" in at.title[0].value.replace("\\", "")


def test_dot_labels_escape_quotes_and_backslashes() -> None:
    assert dot_escape('say "hi" \\ bye') == 'say \\"hi\\" \\\\ bye'


def test_ingested_articles_persist_in_a_directory_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMGRAPH_STORE", str(tmp_path / "store"))
    script = (
        "from claimgraph.explorer import picker, state, overview\n"
        f"state.ingest_text({MARKDOWN_ARTICLE!r}, 'kept-upload.md')\n"
        "picker.render_sidebar()\n"
    )
    assert not AppTest.from_string(script, default_timeout=TIMEOUT).run().exception
    from claimgraph.explorer.state import get_store

    get_store().close()
    st.cache_resource.clear()  # as if the app restarted: nothing cached, the store reopened
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    options = [o.replace("\\", "") for o in at.selectbox(key="article-choice").options]
    assert any("A small uploaded article" in o for o in options)


def test_an_article_whose_text_is_gone_falls_back_to_the_sample_with_a_warning() -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["article"] = "no-such-article"
    at.run()
    assert not at.exception
    assert "Was Claude" in at.title[0].value
    assert any("no-such-article" in w.value for w in at.sidebar.warning)


def test_a_saved_review_overrides_the_stance_shown_on_the_claims_page() -> None:
    at = page("review").run()
    claim_id = at.selectbox(key="review-claim").value
    assert "(now: not judged)" not in at.selectbox(key="review-source").format_func(
        at.selectbox(key="review-source").value
    ), "the first source of the first claim is a judged pair"
    at.radio(key="review-stance").set_value("supports")
    at.text_input(key="review-name").input("Ada Editor")
    at = at.get("form_submit_button")[0].click().run()
    claims = page("claims")
    claims.query_params["claim"] = claim_id
    claims.run()
    assert not claims.exception
    assert claims.selectbox(key="claim-choice").value == claim_id
    assert any("Reviewed by Ada Editor" in c.value for c in claims.caption)
    assert any("SUPPORTS · support" in m.value for m in claims.markdown)


def test_corpus_page_lists_articles_with_counts_and_runs_a_cross_article_view() -> None:
    at = page("corpus").run()
    assert not at.exception
    table = at.dataframe[0].value
    sample = load_article(default_article_path())
    row = table[table["id"] == SAMPLE_ID].iloc[0]
    assert int(row["endnotes"]) == len(sample.endnotes) and int(row["claims"]) == len(sample.claims)
    assert row["read from"].endswith(default_article_path().name)
    view = at.selectbox(key="corpus-query")
    assert view.value is None and "articles" not in view.options
    from claimgraph.explorer.corpus import corpus_queries

    at = view.select(corpus_queries()[0].name).run()
    assert not at.exception and not at.error and len(at.dataframe) == 2
