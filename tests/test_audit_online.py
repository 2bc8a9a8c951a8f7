"""An online audit end to end against the local web zoo: health findings, then an offline re-run."""

import re

import pytest
from zoo.fixtures import zoo  # noqa: F401  (fixture)

from claimgraph.api import AuditOptions, FetchConfig, audit
from claimgraph.cli import main


def _article(base: str) -> str:
    return f"""Zoo Findings
A standfirst about the zoo and its pages, for the audit test.
Results
The zoo page reports that compilers translate code. [Zoo]127.0.0.1A zoo article…
A second sentence cites a page that has gone missing since. [Zoo]127.0.0.1Missing page…
A third cites a page that moved permanently. [Zoo]127.0.0.1Moved page…
Endnotes
-
Source: 127.0.0.1
Title: A zoo article
Link: {base}/ok
-
Source: 127.0.0.1
Title: Missing page
Link: {base}/missing
-
Source: 127.0.0.1
Title: Moved page
Link: {base}/redirect/permanent
-
Source: 127.0.0.1
Title: Private page
Link: {base}/private/page
"""


@pytest.fixture()
def article_path(zoo, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CLAIMGRAPH_BASE_WAYBACK", f"{zoo.base}/wayback/available")
    path = tmp_path / "zoo-article.txt"
    path.write_text(_article(zoo.base))
    return path


def _kinds(result):
    return {(f.kind, tuple(f.endnotes)) for f in result.findings}


def test_online_audit_then_offline_rerun(zoo, article_path, tmp_path):  # noqa: F811
    cache = tmp_path / "captures"
    options = AuditOptions(online=True, fetch=FetchConfig(allow_private=True), cache_dir=cache, snapshots_dir=None)
    zoo.reset()
    first = audit(article_path, options=options)
    assert zoo.total > 0
    health = {n: s.health for n, s in first.sources.items()}
    assert health[1] == "ok" and health[2] == "dead" and health[3] == "redirected"
    assert health[4] == "blocked"  # robots.txt disallows /private/
    kinds = _kinds(first)
    assert ("dead_link", (2,)) in kinds and ("redirected_link", (3,)) in kinds
    dead = next(f for f in first.findings if f.kind == "dead_link")
    assert "web.archive.org" in dead.fix, "a dead link's fix offers the archived copy"
    assert first.sources[1].capture.kind == "live" and first.sources[1].metadata.title

    zoo.reset()
    again = audit(article_path, options=AuditOptions(online=False, cache_dir=cache, snapshots_dir=None))
    assert zoo.total == 0, "a re-run with a warm cache makes no request"
    assert {n: s.health for n, s in again.sources.items()} == health
    assert _kinds(again) == kinds


def test_private_addresses_are_refused_without_the_flag(zoo, article_path, tmp_path, capsys):  # noqa: F811
    zoo.reset()
    assert (
        main(
            [
                "audit",
                str(article_path),
                "--online",
                "--store",
                "none",
                "--format",
                "json",
                "--cache",
                str(tmp_path / "c"),
            ]
        )
        == 0
    )
    assert zoo.total == 0, "loopback is refused before any request"
    assert '"blocked"' in capsys.readouterr().out


def test_online_audit_says_what_it_fetched_on_stderr_unless_quiet(zoo, article_path, tmp_path, capsys):  # noqa: F811
    base = ["audit", str(article_path), "--online", "--allow-private", "--store", "none",
            "--format", "json", "--no-evidence"]
    zoo.reset()
    main([*base, "--cache", str(tmp_path / "c")])
    lines = [line for line in capsys.readouterr().err.splitlines() if "network requests" in line]
    assert len(lines) == 1, "one end-of-fetch summary line"
    assert "checked 4 links" in lines[0] and "1 dead" in lines[0] and f"{zoo.total} network requests" in lines[0]
    main([*base, "--cache", str(tmp_path / "c"), "--quiet"])
    assert "network requests" not in capsys.readouterr().err
    zoo.reset()
    main([*base, "--cache", str(tmp_path / "c")])
    again = re.search(r"; (\d+) network requests, (\d+) from captures", capsys.readouterr().err)
    assert again and int(again[1]) == zoo.total and int(again[2]) > 0, "a warm cache is replayed"
