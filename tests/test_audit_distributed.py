"""The scale-out seam: a Dask local cluster (2 workers) audits a corpus into one Oxigraph server."""

from __future__ import annotations

import pytest
from oxigraph_server import oxigraph_server  # noqa: F401
from zoo.hosts import HostZoo

from claimgraph.audit.pipeline import AuditOptions
from claimgraph.fetch.config import FetchConfig
from claimgraph.graph.queries import run_query
from claimgraph.graph.store import open_store

distributed = pytest.importorskip("distributed", reason="the 'distributed' extra is not installed")
from claimgraph.audit.distributed import audit_on_cluster, prefetch_corpus  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.timeout(900)]  # a cluster starts slowly on a loaded machine


def test_local_cluster_audits_every_article_into_one_server(oxigraph_server, tmp_path, monkeypatch):  # noqa: F811
    zoo = HostZoo(3, latency=0.0).start()
    monkeypatch.setenv("CLAIMGRAPH_BASE_WAYBACK", f"{zoo.base}/wayback/available")
    urls = zoo.urls(12)
    folder = tmp_path / "posts"
    folder.mkdir()
    for n in range(4):
        (folder / f"post-{n}.md").write_text(
            f"# Post {n}\n\nRivers rose in 2020, the survey said.[^1] Prices fell in 2021, the "
            f"report said.[^2]\n\n[^1]: Shared. <{urls[0]}>\n[^2]: Own. <{urls[1 + n]}>\n",
            encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    options = AuditOptions(online=True, fetch=FetchConfig(allow_private=True), cache_dir=tmp_path / "captures",
                           snapshots_dir=None, evidence=False)
    try:
        distinct, requests = prefetch_corpus([folder], options)
        assert distinct == 5 and requests >= 5
        zoo.reset()
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None, host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            corpus = audit_on_cluster(client, [folder], store_spec=oxigraph_server.base_url,
                                      options=options)
        assert zoo.total == 0  # the workers read the captures; no second fetch
    finally:
        zoo.stop()
    assert sorted(r.article.id for r in corpus.results) == [f"post-{n}" for n in range(4)]
    assert [item for item, _ in corpus.errors] == [str(folder / "empty.md")]
    assert corpus.summary.most_cited[0].articles == 4
    rows = run_query(open_store(oxigraph_server.base_url), "sources-cited-by-many", {}).as_dicts()
    assert [r["articles"] for r in rows] == [4]
