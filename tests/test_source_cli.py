"""``claimgraph source``: JSON out, one entry per URL, never a traceback."""

from __future__ import annotations

import json

from zoo.fixtures import zoo  # noqa: F401

from claimgraph.cli import main


def test_source_json_against_the_zoo(zoo, tmp_path, capsys):  # noqa: F811
    urls = [zoo.base + "/paper", zoo.base + "/redirect/permanent", "not a url"]
    code = main(["source", *urls, "--allow-private", "--cache", str(tmp_path), "--format", "json"])
    assert code == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["url"] for r in records] == urls
    paper, moved, bad = records
    assert paper["health"] == "ok"
    assert paper["metadata"]["authors"] == ["Ryan Greenblatt", "Carson Denison", "Evan Hubinger"]
    assert paper["metadata"]["published"] == "2024-12-18" and paper["passages"] >= 1
    assert moved["health"] == "redirected" and moved["final_url"] == zoo.base + "/ok"
    assert moved["redirects"][0]["status"] == 301
    assert bad["health"] == "malformed" and bad["error"]


def test_source_offline_replays_the_cache(zoo, tmp_path, capsys):  # noqa: F811
    url = zoo.base + "/ok"
    main(["source", url, "--allow-private", "--cache", str(tmp_path), "--format", "json"])
    capsys.readouterr()
    zoo.reset()
    main(["source", url, "--offline", "--cache", str(tmp_path), "--format", "json"])
    record = json.loads(capsys.readouterr().out)[0]
    assert zoo.total == 0
    assert record["health"] == "ok" and record["metadata"]["title"]


def test_source_table_format(zoo, tmp_path, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("CLAIMGRAPH_BASE_WAYBACK", zoo.base + "/wayback/available")
    main(["source", zoo.base + "/missing", "--allow-private", "--cache", str(tmp_path)])
    out = capsys.readouterr().out
    assert "dead" in out and "web.archive.org" in out


def test_source_says_what_it_fetched_unless_quiet(zoo, tmp_path, capsys):  # noqa: F811
    urls = [zoo.base + "/ok", zoo.base + "/missing"]
    main(["source", *urls, "--allow-private", "--cache", str(tmp_path), "--format", "json"])
    err = capsys.readouterr().err
    assert "checked 2 links" in err and "1 ok" in err and "1 dead" in err and "network requests" in err
    main(["source", *urls, "--allow-private", "--cache", str(tmp_path), "--format", "json", "--quiet"])
    assert "network requests" not in capsys.readouterr().err
