"""The address guard: no private, loopback, link-local or metadata addresses unless allowed."""

from __future__ import annotations

import pytest
from zoo.fixtures import zoo, zoo_config  # noqa: F401

from claimgraph.fetch import collect_sources, safety
from claimgraph.fetch.safety import RefusedAddress, address_refused, check_url


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "100.64.0.1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert address_refused(address)


def test_public_address_is_allowed():
    assert address_refused("93.184.216.34") is None


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/",
        "http://localhost/",
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://metadata/",
    ],
)
def test_check_url_refuses(url):
    with pytest.raises(RefusedAddress):
        check_url(url)


def test_loopback_zoo_is_refused_without_allow_private(zoo):  # noqa: F811
    zoo.reset()
    source = collect_sources([zoo.base + "/ok"], offline=False, config=zoo_config(zoo))[zoo.base + "/ok"]
    assert source.health == "blocked"
    assert source.hint == "allow_private" and "--" not in source.error, "a code, not a flag name"
    assert zoo.total == 0


@pytest.mark.parametrize("path", ["/redirect/metadata", "/redirect/other-loopback"])
def test_redirect_to_private_address_is_refused(zoo, monkeypatch, path):  # noqa: F811
    """Treat only the zoo's own address as public, so the first hop goes through."""
    real = safety.address_refused
    monkeypatch.setattr(
        safety, "address_refused", lambda address: None if address == "127.0.0.1" else real(address)
    )
    source = collect_sources([zoo.base + path], offline=False, config=zoo_config(zoo))[zoo.base + path]
    assert source.health == "blocked"
    assert source.redirects and source.redirects[0].url == zoo.base + path
    assert source.hint == "allow_private" and "--" not in source.error
