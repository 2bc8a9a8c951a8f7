"""The SSRF guard: only http(s), and never private, loopback, link-local or metadata addresses.

The address is checked twice: when the host name is resolved before a request, and again on every
address the connector is about to dial (``aio_resolver``), so DNS rebinding between the two cannot
slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from claimgraph.errors import FetchError

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
