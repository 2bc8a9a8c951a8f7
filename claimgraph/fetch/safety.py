"""The SSRF guard: only http(s), and never private, loopback, link-local or metadata addresses.

The address is checked twice: when the host name is resolved before a request, and again on the
socket that was actually connected, so DNS rebinding between the two cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from claimgraph.errors import FetchError
from claimgraph.fetch.deadline import watch_socket

ALLOWED_SCHEMES = ("http", "https")
METADATA_HOSTS = {"metadata.google.internal", "metadata", "instance-data"}
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
}


class RefusedAddress(FetchError):
    """The URL points at an address we refuse to fetch (private, loopback, metadata …)."""


def address_refused(address: str) -> str | None:
    """Why an IP address may not be fetched, or None when it is a public address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified or not ip.is_global:
        return f"{ip} is a private or reserved address"
    return None


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise RefusedAddress unless the URL is http(s) to a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        scheme = parts.scheme or "none"
        raise RefusedAddress(f"only http and https links are fetched, not {scheme}:")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise RefusedAddress("the link has no host name")
    if allow_private:
        return
    if host in METADATA_HOSTS or host == "localhost" or host.endswith(".localhost"):
        raise RefusedAddress(f"{host} is a local or metadata host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return  # a name that does not resolve fails later as a DNS error, which is a dead link
    for info in infos:
        reason = address_refused(str(info[4][0]))
        if reason:
            raise RefusedAddress(f"{host} resolves to {reason}")


def _checked(sock: socket.socket) -> socket.socket:
    peer = sock.getpeername()[0]
    reason = address_refused(str(peer))
    if reason:
        sock.close()
        raise RefusedAddress(f"connected to {reason}")
    return sock


class _GuardedHTTPConnection(HTTPConnection):
    check_peer = True

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch_socket(sock)  # the fetch's deadline covers the connect, the TLS handshake and reads
        return _checked(sock) if self.check_peer else sock

    def request(self, *args, **kwargs) -> None:  # type: ignore[override]
        watch_socket(self.sock)  # a kept-alive socket serves a new fetch with its own deadline
        return super().request(*args, **kwargs)


class _GuardedHTTPSConnection(HTTPSConnection):
    check_peer = True

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch_socket(sock)
        return _checked(sock) if self.check_peer else sock

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
