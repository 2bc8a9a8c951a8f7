"""Link health is right for every kind of answer the zoo gives."""

from __future__ import annotations

import pytest
from zoo.fixtures import fake_dns, zoo, zoo_config  # noqa: F401

from claimgraph.fetch import collect_sources

CASES = {
    "/ok": "ok",
    "/redirect/permanent": "redirected",
    "/redirect/temporary": "redirected",
    "/redirect/chain1": "redirected",
    "/redirect/loop-a": "dead",
    "/redirect/home": "soft_404",
    "/redirect/members": "blocked",
    "/missing": "dead",
    "/gone": "dead",
    "/forbidden": "blocked",
    "/unauthorized": "blocked",
    "/linkedin": "blocked",
    "/always429": "blocked",
    "/flaky429": "ok",
    "/flaky503": "ok",
    "/error500": "transient",
    "/slow": "transient",
    "/stall": "transient",
    "/huge": "ok",
    "/soft404": "soft_404",
    "/challenge": "blocked",
    "/private/page": "blocked",
    "/gzip": "ok",
}
OTHER = {
    "http://127.0.0.1:1/": "transient",  # refused and DNS failures could be our own network's
    "http://nonexistent.invalid/": "transient",
    "htp://example.org/": "malformed",
    "not a url": "malformed",
    "http://exa mple.com/": "malformed",
    "javascript:alert(1)": "malformed",
}


@pytest.fixture(scope="module")
def checked(zoo, fake_dns):  # noqa: F811
    urls = [zoo.base + path for path in CASES] + list(OTHER)
    return collect_sources(urls, offline=False, config=zoo_config(zoo, allow_private=True))


@pytest.mark.parametrize("path", list(CASES))
def test_zoo_link_health(checked, zoo, path):  # noqa: F811
    assert checked[zoo.base + path].health == CASES[path]


@pytest.mark.parametrize("url", list(OTHER))
def test_unreachable_and_malformed_links(checked, url):
    source = checked[url]
    assert source.health == OTHER[url]
    assert source.error


def test_redirect_chain_records_every_hop(checked, zoo):  # noqa: F811
    source = checked[zoo.base + "/redirect/chain1"]
    assert [hop.status for hop in source.redirects] == [302, 307, 308]
    assert source.final_url == zoo.base + "/ok"


def test_dead_link_gets_archived_copy_from_wayback_stand_in(checked, zoo):  # noqa: F811
    assert checked[zoo.base + "/missing"].archive_url.startswith("http://web.archive.org/web/")
    assert checked[zoo.base + "/gone"].archive_url is None


def test_retry_after_is_waited_out_once(checked, zoo):  # noqa: F811
    assert zoo.hits["/flaky429"] == 2
    assert zoo.hits["/always429"] == 1  # an hour's Retry-After is not waited for


def test_huge_body_is_cut_at_the_limit(checked, zoo):  # noqa: F811
    source = checked[zoo.base + "/huge"]
    assert "cut" in source.error


def test_robots_disallow_means_no_request(checked, zoo):  # noqa: F811
    assert zoo.hits["/private/page"] == 0
    assert zoo.hits["/robots.txt"] == 1


def test_transient_server_errors_are_retried(checked, zoo):  # noqa: F811
    assert zoo.hits["/error500"] == 2
    assert zoo.hits["/missing"] == 1  # a 404 is not retried
