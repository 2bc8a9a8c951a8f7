"""The explorer replays a source from an imported WARC capture offline, with its original fetch date."""

from __future__ import annotations

import io
import socket

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.api import CaptureStore, default_cache_dir, import_warcs
from claimgraph.extract.html import extract_metadata

URL = "https://reports.example.org/2019/05/06/river-study"
WARC_DATE = "2019-05-06T07:08:09Z"
PAGE = """<html lang="en"><head><title>River study finds cleaner water | Reports</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2019-05-06T06:00:00+02:00">
<meta name="author" content="Ada Lovelace"></head>
<body><article><h1>River study finds cleaner water</h1><p>The river water was cleaner in 2018
than in 2008, the study found.</p></article></body></html>"""
ARTICLE = f"""# Notes on rivers

The river water was cleaner in 2018 than in 2008.[^1]

[^1]: Reports, "River study finds cleaner water", {URL}, May 6, 2019.
"""


def _write_warc(path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(URL, "response", payload=io.BytesIO(PAGE.encode()),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": WARC_DATE})
        writer.write_record(record)


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_explorer_replays_an_imported_capture_offline(tmp_path, monkeypatch, no_network):
    monkeypatch.setenv("CLAIMGRAPH_STORE", "memory")
    monkeypatch.setenv("CLAIMGRAPH_UPLOADS", str(tmp_path / "uploads"))
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    report = import_warcs([warc], CaptureStore(default_cache_dir()))
    assert report.added == [URL]
    st.cache_resource.clear()
    script = ("from claimgraph.explorer import state, sources\n"
              f"state.ingest_text({ARTICLE!r}, 'river-notes.md')\n"
              "sources.render()\n")
    at = AppTest.from_string(script, default_timeout=60)
    at.query_params["article"] = "river-notes"
    at.run()
    st.cache_resource.clear()
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert f"checked {WARC_DATE}" in text.replace("\\", "") and "imported copy" in text
    expected = extract_metadata(PAGE, URL)
    assert "Ada Lovelace" in text and expected.authors == ["Ada Lovelace"]
    assert no_network == [], "the replay made no connection"


def test_api_audit_source_keeps_the_capture_date_and_metadata(tmp_path, no_network):
    from claimgraph.api import AuditOptions, audit

    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    import_warcs([warc], CaptureStore(default_cache_dir()))
    result = audit(text=ARTICLE, location="river-notes.md", options=AuditOptions(online=False))
    source = result.sources[1]
    assert source.capture is not None and source.capture.kind == "imported"
    assert source.capture.fetched_at == WARC_DATE
    expected = extract_metadata(PAGE, URL)
    assert (source.metadata.title, source.metadata.authors, source.metadata.published) == (
        expected.title, expected.authors, expected.published)
    assert no_network == []
