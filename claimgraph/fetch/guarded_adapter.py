"""The requests adapter of the threaded client: its connections apply the address guard.

Kept apart from ``safety`` so that code needing only the guard's rules (the asyncio client, the
offline audit) does not import requests and urllib3.
"""

from __future__ import annotations

import socket

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from claimgraph.fetch.deadline import watch_socket
from claimgraph.fetch.safety import checked_socket

__all__ = ["GuardedAdapter"]


class _GuardedHTTPConnection(HTTPConnection):
    check_peer = True

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch_socket(sock)  # the fetch's deadline covers the connect, the TLS handshake and reads
        return checked_socket(sock) if self.check_peer else sock

    def request(self, *args, **kwargs) -> None:  # type: ignore[override]
        watch_socket(self.sock)  # a kept-alive socket serves a new fetch with its own deadline
        return super().request(*args, **kwargs)


class _GuardedHTTPSConnection(HTTPSConnection):
    check_peer = True

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch_socket(sock)
        return checked_socket(sock) if self.check_peer else sock

    def request(self, *args, **kwargs) -> None:  # type: ignore[override]
        watch_socket(self.sock)
        return super().request(*args, **kwargs)


class _PrivateHTTPConnection(_GuardedHTTPConnection):
    check_peer = False


class _PrivateHTTPSConnection(_GuardedHTTPSConnection):
    check_peer = False


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _PrivateHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PrivateHTTPConnection


class _PrivateHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PrivateHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose connections refuse non-public peers unless allowed."""

    def __init__(self, *, allow_private: bool = False, pool_maxsize: int = 32) -> None:
        self.allow_private = allow_private
        super().__init__(pool_connections=64, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: D401 - requests hook
        super().init_poolmanager(*args, **kwargs)
        if self.allow_private:
            self.poolmanager.pool_classes_by_scheme = {"http": _PrivateHTTPPool, "https": _PrivateHTTPSPool}
        else:
            self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
