"""A pytest fixture that runs a real ``oxigraph serve`` on 127.0.0.1 for the store tests.

Import the fixture into a test module (``from oxigraph_server import oxigraph_server``) and mark the
tests ``@pytest.mark.server``. Without the ``oxigraph`` binary they skip and say why.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.errors import StoreError
from claimgraph.graph.server import OxigraphServer, find_oxigraph_binary, start_server


def oxigraph_binary_or_skip() -> str:
    """The binary's path, or skip the calling test with the reason."""
    try:
        return find_oxigraph_binary()
    except StoreError as error:
        pytest.skip(f"oxigraph binary not found ({error})")


@pytest.fixture
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A fresh, empty Oxigraph server on a free port; stopped after the test."""
    binary = oxigraph_binary_or_skip()
    location = tmp_path_factory.mktemp("oxigraph-server")
    server = start_server(location, binary=binary)
    try:
        yield server
    finally:
        server.stop()
