"""The bundled public suffix list read without tldextract agrees with tldextract itself."""

import pytest
import tldextract

from claimgraph.article.suffixes import public_suffixes, split_host

HOSTS = [
    "news.bbc.co.uk",  # two-label suffix
    "a.b.ck",  # wildcard rule (*.ck)
    "www.ck",  # exception to a wildcard (!www.ck)
    "a.b.c.kawasaki.jp",  # wildcard below a two-label rule (*.kawasaki.jp)
    "www.city.kawasaki.jp",  # its exception (!city.kawasaki.jp)
    "a..co.uk",  # an empty label
    "ck",  # a wildcard's parent alone
    "example.com.",  # root label
    "user@Example.ORG:8080",  # userinfo, port, case
    "https://sub.example.net/path?q#f",  # a whole link
    "127.0.0.1",  # IPv4
    "[::1]:80",  # IPv6
    "localhost",  # no suffix
    "a.xn--p1ai",  # punycode suffix
    "blogspot.com",  # a private-section suffix is not a public one
    "",
]


@pytest.mark.parametrize("host", HOSTS)
def test_split_host_agrees_with_tldextract(host: str) -> None:
    parts = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)(host)
    assert split_host(host) == (parts.domain, parts.suffix)


def test_the_rules_are_the_public_section_only() -> None:
    assert set(tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None).tlds) == public_suffixes()
