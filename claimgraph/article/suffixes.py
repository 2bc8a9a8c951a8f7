"""Public suffix lookups from the public suffix list bundled with tldextract, without importing it.

Importing tldextract pulls in requests, urllib3 and filelock (~0.15 s per run) only to read a
file it ships; this module reads that same snapshot and applies the list's rules (wildcards,
exceptions, ICANN section only) the way ``tldextract.TLDExtract(suffix_list_urls=())`` does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from ipaddress import AddressValueError, IPv6Address
from pathlib import Path
from urllib.parse import scheme_chars

_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_RULE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_IPV4 = re.compile(r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}"
                   r"(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$", re.ASCII)
_SCHEME_CHARS = frozenset(scheme_chars)
_ODD_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


class _Node:
    __slots__ = ("matches", "end")

    def __init__(self) -> None:
        self.matches: dict[str, _Node] = {}
        self.end = False


@lru_cache(maxsize=1)
def public_suffixes() -> frozenset[str]:
    """Every rule of the ICANN section of the bundled list, as written (``*.ck``, ``!www.ck`` …)."""
    spec = find_spec("tldextract")
    if spec is None or spec.origin is None:
        raise RuntimeError("the public suffix list needs the tldextract package installed")
    text = (Path(spec.origin).parent / ".tld_set_snapshot").read_text("utf-8")
    public = text.partition(_PRIVATE_SECTION)[0]
    return frozenset(m.group("suffix") for m in _RULE.finditer(public))


@lru_cache(maxsize=1)
def _trie() -> _Node:
    root = _Node()
    for rule in public_suffixes():
        node = root
        for label in reversed(rule.split(".")):
            node = node.matches.setdefault(label, _Node())
        node.end = True
    return root


def _decoded(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna

        try:
            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered


def _suffix_index(labels: list[str]) -> int | None:
    node = _trie()
    suffix_at = at = len(labels)
    for label in reversed(labels):
        decoded = _decoded(label)
        if decoded in node.matches:
            at -= 1
            node = node.matches[decoded]
            if node.end:
                suffix_at = at
            continue
        if "*" in node.matches:
            return at if "!" + decoded in node.matches else at - 1
        break
    return None if suffix_at == len(labels) else suffix_at


def _netloc(url: str) -> str:
    start = url.find("//")
    if start == 0:
        url = url[2:]
    elif start >= 2 and url[start - 1] == ":" and not set(url[: start - 1]) - _SCHEME_CHARS:
        url = url[start + 2:]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    host = authority.rpartition("@")[-1]
    if host and host[0] == "[":
        inside, bracket, _ = host.partition("]")
        if bracket:
            return f"{inside}]"
    return host.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def split_host(url_or_host: str) -> tuple[str, str]:
    """``(domain, suffix)`` of a host or link: ``news.bbc.co.uk`` → ``("bbc", "co.uk")``; IPs have none."""
    host = _netloc(url_or_host).translate(_ODD_DOTS)
    if len(host) >= 4 and host[0] == "[" and host[-1] == "]":
        try:
            IPv6Address(host[1:-1])
            return host, ""
        except AddressValueError:
            pass
    labels = host.split(".")
    index = _suffix_index(labels)
    if index is None:
        if len(labels) == 4 and host[:1].isdecimal() and _IPV4.fullmatch(host):
            return host, ""
        return labels[-1], ""
    return (labels[index - 1] if index > 0 else ""), ".".join(labels[index:])
