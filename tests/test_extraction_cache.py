"""Extraction results are kept beside the captures: a re-run reads them and extracts nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.fetch import aio_collect, collect_sources, extracted
from claimgraph.fetch.captures import CaptureStore, capture_key
from claimgraph.model import Response

URL = "https://news.example/2024/river-bridge"
PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Council approves the river bridge</title>
<meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2024-03-05">
</head><body><article><h1>Council approves the river bridge</h1>
<p>The council voted on Tuesday to build a bridge across the river, at a cost of four million.</p>
<p>Work begins in the spring and should end within two years, the council said.</p>
</article></body></html>"""


@pytest.fixture
def captured(tmp_path: Path) -> Path:
    """A capture folder holding one HTML page, as an earlier online run left it."""
    store = CaptureStore(tmp_path / "captures")
    response = Response(URL, URL, 200, {"Content-Type": "text/html; charset=utf-8"}, PAGE,
                        fetched_at="2024-03-06T10:00:00Z")
    store.put(capture_key("GET", URL), response)
    return tmp_path / "captures"


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the extractor is run on, in order."""
    calls: list[str] = []
    real = aio_collect.describe

    def counted(response, answer, adapter_url, url):
        calls.append(url)
        return real(response, answer, adapter_url, url)

    monkeypatch.setattr(aio_collect, "describe", counted)
    return calls


def test_a_rerun_reads_the_kept_extraction(captured: Path, extractions: list[str]) -> None:
    first = collect_sources([URL], offline=True, cache_dir=captured)[URL]
    second = collect_sources([URL], offline=True, cache_dir=captured)[URL]
    assert extractions == [URL]
    assert first.metadata.title == "Council approves the river bridge"
    assert second.metadata == first.metadata
    assert second.text == first.text and "four million" in second.text
    assert second.passages == first.passages
    assert list((captured / "extracted").glob("*.json"))


def test_a_new_extractor_version_extracts_again(captured: Path, extractions: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    collect_sources([URL], offline=True, cache_dir=captured)
    monkeypatch.setattr(extracted, "extractor_version", lambda: "a-newer-extractor")
    again = collect_sources([URL], offline=True, cache_dir=captured)[URL]
    assert extractions == [URL, URL]
    assert again.metadata.title == "Council approves the river bridge"


def test_a_damaged_kept_extraction_is_a_miss(captured: Path, extractions: list[str]) -> None:
    collect_sources([URL], offline=True, cache_dir=captured)
    for path in (captured / "extracted").glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    again = collect_sources([URL], offline=True, cache_dir=captured)[URL]
    assert extractions == [URL, URL]
    assert again.metadata.title == "Council approves the river bridge"

