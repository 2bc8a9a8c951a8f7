"""A corpus run: one fetch per distinct source for all articles, a summary, and cross-article queries."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from zoo.hosts import HostZoo

from claimgraph.article.urls import canonical_url
from claimgraph.audit.corpus import audit_corpus
from claimgraph.audit.corpus_inputs import expand_inputs, read_input_list
from claimgraph.audit.pipeline import AuditOptions
from claimgraph.cli import main
from claimgraph.fetch.config import FetchConfig
from claimgraph.graph.queries import run_query
from claimgraph.graph.store import open_store

ARTICLE = """# Article {n}

Rivers rose by ten percent in 2020 according to the survey.[^1] Markets fell sharply in the
same year, the report said.[^2] A third source describes the city budget in detail.[^3]

[^1]: Shared page. <{shared}>
[^2]: [Broken page]({broken})
[^3]: Own page {n}. <{own}>
"""


@pytest.fixture(scope="module")
def hosts():
    zoo = HostZoo(4, latency=0.0).start()
    yield zoo
    zoo.stop()


@pytest.fixture(autouse=True)
def archive_in_the_zoo(hosts, monkeypatch):
    """Dead links look up an archived copy: keep that lookup in the zoo, never the real service."""
    monkeypatch.setenv("CLAIMGRAPH_BASE_WAYBACK", f"{hosts.base}/wayback/available")


def _corpus(hosts, folder, articles: int = 6) -> tuple[str, str, list[str]]:
    urls = hosts.urls(40)
    shared, broken = urls[0], urls[9]  # /bench/10 answers 404
    broken_for = range(4)  # the first four articles cite the broken page
    own = []
    for n in range(articles):
        link = broken if n in broken_for else urls[20 + n]
        own.append(urls[30 + n])
        text = ARTICLE.format(n=n, shared=shared, broken=link, own=urls[30 + n])
        (folder / f"post-{n}.md").write_text(text, encoding="utf-8")
    return shared, broken, own


def _options(tmp_path) -> AuditOptions:
    return AuditOptions(online=True, fetch=FetchConfig(allow_private=True), cache_dir=tmp_path / "captures",
                        snapshots_dir=None, evidence=False)


def test_each_source_is_fetched_once_for_the_whole_corpus(hosts, tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    shared, broken, own = _corpus(hosts, folder)
    hosts.reset()
    store = open_store("memory")
    corpus = audit_corpus([folder], store=store, options=_options(tmp_path))
    assert len(corpus.results) == 6 and not corpus.errors
    distinct = {e.url for r in corpus.results for e in r.article.endnotes}
    assert corpus.distinct_urls == len(distinct) == 1 + 1 + 2 + 6
    pages = {key: n for key, n in hosts.paths.items() if "/bench/" in key}
    assert len(pages) == len(distinct) and set(pages.values()) == {1}

    summary = corpus.summary
    assert summary.most_cited[0].urls == [shared] and summary.most_cited[0].articles == 6
    (dead,) = summary.dead_by_impact
    assert dead.urls == [broken] and dead.articles == 4 and dead.health == "dead"

    rows = run_query(store, "sources-cited-by-many", {}).as_dicts()
    assert [(r["url"], r["articles"]) for r in rows] == [(canonical_url(shared), 6),
                                                         (canonical_url(broken), 4)]
    rows = run_query(store, "dead-links-by-impact", {}).as_dicts()
    assert [(r["url"], r["health"], r["articles"]) for r in rows] == [
        (canonical_url(broken), "dead", 4)]


def test_second_run_is_offline_from_the_shared_captures(hosts, tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    _corpus(hosts, folder, articles=3)
    audit_corpus([folder], store=None, options=_options(tmp_path))
    hosts.reset()
    offline = AuditOptions(cache_dir=tmp_path / "captures", snapshots_dir=None, evidence=False)
    corpus = audit_corpus([folder], options=offline)
    assert hosts.total == 0 and corpus.requests == 0
    assert corpus.cache_hits == corpus.distinct_urls + 1  # and the one archive lookup
    assert corpus.summary.dead_by_impact[0].articles == 3


def test_inputs_from_list_files_sitemaps_and_folders(tmp_path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text("x", encoding="utf-8")
    (sub / "notes.json").write_text("{}", encoding="utf-8")
    listing = tmp_path / "corpus.list"
    listing.write_text("# articles\na.md\nhttps://example.org/post\n\n", encoding="utf-8")
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<url><loc>https://example.org/a?x=1&amp;y=2</loc></url>"
                       "<url><loc> https://example.org/b </loc></url></urlset>", encoding="utf-8")
    assert read_input_list(listing) == [str(tmp_path / "a.md"), "https://example.org/post"]
    assert read_input_list(sitemap) == ["https://example.org/a?x=1&y=2", "https://example.org/b"]
    items = list(expand_inputs([tmp_path / "sub", listing, tmp_path / "a.md"]))
    assert items == [str(sub / "b.html"), str(tmp_path / "a.md"), "https://example.org/post"]


def test_cli_audits_a_folder_and_reports_bad_inputs(hosts, tmp_path, capsys):
    folder = tmp_path / "posts"
    folder.mkdir()
    _, broken, _ = _corpus(hosts, folder, articles=3)
    code = main(["audit", str(folder), str(tmp_path / "missing.md"), "--online", "--allow-private",
                 "--cache", str(tmp_path / "c"), "--store", "none", "--no-evidence",
                 "--format", "json", "--out", str(tmp_path / "out"), "--fail-on", "medium"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 1  # dead links checked once are medium findings (high once a later run confirms them)
    assert data["corpus"]["articles"] == 3 and len(data["articles"]) == 3
    assert data["corpus"]["dead_by_impact"][0]["urls"] == [broken]
    assert "missing.md" in data["corpus"]["not_audited"][0]["input"]
    assert "not audited" in captured.err and "Traceback" not in captured.err
    assert (tmp_path / "out" / "corpus.json").exists()
    for article in data["articles"]:  # one folder per article, named by its id
        assert (tmp_path / "out" / article["article"]["id"] / "audit.json").exists()


def test_cli_with_nothing_readable_exits_2(tmp_path, capsys):
    code = main(["audit", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--store", "none"])
    assert code == 2
    assert "no article could be audited" in capsys.readouterr().err


def test_same_file_stem_in_two_folders_keeps_two_graphs(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.md").write_text(
            f"# Post {name}\n\nA sentence about rivers rising in 2020.[^1]\n\n"
            f"[^1]: A page. <https://example.org/{name}>\n", encoding="utf-8")
    corpus = audit_corpus([tmp_path], options=AuditOptions(snapshots_dir=None, evidence=False,
                                                            cache_dir=tmp_path / "c"))
    ids = [r.article.id for r in corpus.results]
    assert len(set(ids)) == 2 and all(i.startswith("article") for i in ids)
    assert {urlsplit(r.sources[1].url).path for r in corpus.results} == {"/one", "/two"}
