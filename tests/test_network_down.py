"""An --online run with the network down poisons nothing: the next offline audit reports no dead link."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from claimgraph.api import audit
from claimgraph.audit.pipeline import AuditOptions
from claimgraph.fetch.captures import CaptureStore

ARTICLE = """# Five claims

Rivers flood in spring.[^1] Glaciers retreat.[^2] Bees pollinate crops.[^3]
Cities grow warmer.[^4] Coral bleaches in heat.[^5]

[^1]: Floods. https://rivers.example.com/floods
[^2]: Ice. https://glaciers.example.org/retreat
[^3]: Bees. https://bees.example.net/crops
[^4]: Heat. https://cities.example.info/heat
[^5]: Coral. https://coral.example.edu/bleaching
"""


@pytest.fixture
def no_network(monkeypatch):
    """Every name lookup fails, as it does with the network unplugged."""

    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", fail)


def _options(cache: Path, online: bool) -> AuditOptions:
    return AuditOptions(online=online, cache_dir=cache, snapshots_dir=None, evidence=False)


def test_network_down_then_offline_reports_no_dead_links(tmp_path: Path, no_network, monkeypatch) -> None:
    article = tmp_path / "five.md"
    article.write_text(ARTICLE)
    cache = tmp_path / "cache"
    online = audit(article, options=_options(cache, online=True))
    kinds = [f.kind for f in online.findings]
    assert "network_unavailable" in kinds
    assert "dead_link" not in kinds
    assert {s.health for s in online.sources.values()} == {"transient"}
    assert len(CaptureStore(cache)._index) == 0  # nothing kept to replay as an answer
    monkeypatch.undo()
    offline = audit(article, options=_options(cache, online=False))
    assert not [f for f in offline.findings if f.kind == "dead_link"]
    assert "dead" not in {s.health for s in offline.sources.values()}


def test_one_unreachable_host_among_working_ones_is_transient_not_network_down(tmp_path: Path) -> None:
    from claimgraph.fetch.health import network_looks_down

    assert network_looks_down({"a": "dns", "b": "dns", "c": "refused", "d": None})
    assert not network_looks_down({"a": "dns", "b": None, "c": None, "d": None})
    assert not network_looks_down({"a": "dns"})  # one host says nothing about the network
