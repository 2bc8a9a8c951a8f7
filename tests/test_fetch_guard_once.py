"""The address guard resolves each origin once per run, and refuses every link of a refused one."""

from __future__ import annotations

import socket

import pytest

from claimgraph.fetch import check_links, safety


def test_each_origin_is_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def private_answer(host, port, *args, **kwargs):  # no network: every name is a private address
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("10.1.2.3", port))]

    monkeypatch.setattr(safety.socket, "getaddrinfo", private_answer)
    urls = [f"https://intranet.example/page/{n}" for n in range(4)] + ["https://other.example/a"]
    found = check_links(urls, archive=False)
    assert sorted(asked) == ["intranet.example", "other.example"]
    assert {found[url].health for url in urls} == {"blocked"}
    assert all("10.1.2.3" in (found[url].error or "") or "private" in (found[url].error or "")
               for url in urls)
