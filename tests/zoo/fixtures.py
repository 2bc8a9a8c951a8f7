"""Pytest fixtures for the zoo: import them into a test module to use them."""

from __future__ import annotations

import socket

import pytest

from claimgraph.fetch.config import FetchConfig

from . import start_zoo

# Real site names the adapters know; the fake resolver sends them to the zoo.
ZOO_HOSTS = {
    "arxiv.org",
    "news.ycombinator.com",
    "www.youtube.com",
    "www.reddit.com",
    "doi.org",
    "en.wikipedia.org",
    "zoo.test",
}


@pytest.fixture(scope="module")
def zoo():
    """A running zoo for the module's tests."""
    server = start_zoo()
    yield server
    server.stop_stalling.set()
    server.shutdown()
    server.server_close()


def zoo_config(zoo, **changes) -> FetchConfig:
    """A fast test configuration whose outside services all live in the zoo."""
    config = FetchConfig(
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=5.0,
        retries=1,
        backoff=0.05,
        per_host_concurrency=4,
        per_host_interval=0.0,
        max_body_bytes=1024 * 1024,
        contact="mailto:tests@example.org",
    )
    config.base_urls.update(
        {
            "wayback": f"{zoo.base}/wayback/available",
            "arxiv": f"{zoo.base}/api/arxiv",
            "hackernews": f"{zoo.base}/api/hn",
            "youtube": f"{zoo.base}/api/oembed",
            "reddit": zoo.base,
            "doi": zoo.base,
            "wikipedia": f"{zoo.base}/api/wiki",
        }
    )
    for key, value in changes.items():
        setattr(config, key, value)
    return config


@pytest.fixture(scope="module")
def fake_dns():
    """Resolve the adapters' real host names to 127.0.0.1 and *.invalid to a DNS failure.

    Only literal IP addresses reach the real resolver, so no test sends a DNS query out.
    """
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if isinstance(host, str) and host in ZOO_HOSTS:
            host = "127.0.0.1"
        elif isinstance(host, str) and host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", resolve)
        yield
