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
_IPV4 = re.compile(r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}"
                   r"(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$", re.ASCII)
_SCHEME_CHARS = frozenset(scheme_chars)
_ODD_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


@lru_cache(maxsize=1)
def public_suffixes() -> frozenset[str]:
    """Every rule of the ICANN section of the bundled list, as written (``*.ck``, ``!www.ck`` …)."""
    spec = find_spec("tldextract")
    if spec is None or spec.origin is None:
        raise RuntimeError("the public suffix list needs the tldextract package installed")
    text = (Path(spec.origin).parent / ".tld_set_snapshot").read_text("utf-8")
    public = text.partition(_PRIVATE_SECTION)[0]
    return frozenset(rule for line in public.split("\n") if (rule := _rule(line)))


def _rule(line: str) -> str | None:
    """The rule a line of the list starts with: its first word if that is ``[.*!]*`` then a word character.

    Comments (``//``) and indented or blank lines hold none. A plain loop over the lines is several
    times faster than one regular expression over the whole file.
    """
    if not line or line[0].isspace():
        return None
    word = line.split(maxsplit=1)[0]
    rest = word.lstrip(".*!")
    return word if rest and (rest[0].isalnum() or rest[0] == "_") else None


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    """The rules, and every label-suffix of a rule (``uk`` and ``co.uk`` for ``co.uk``)."""
    rules = public_suffixes()
    tails = set(rules)
    for rule in rules:
        dot = rule.find(".")
        while dot != -1:
            tails.add(rule[dot + 1:])
            dot = rule.find(".", dot + 1)
    return rules, frozenset(tails)


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
    """Where the public suffix starts in ``labels``: the longest rule, wildcards and exceptions applied."""
    rules, tails = _tables()
    suffix_at = at = len(labels)
    matched = ""  # the labels walked so far, joined: always one of ``tails``
    for label in reversed(labels):
        decoded = _decoded(label)
        longer = decoded if at == len(labels) else f"{decoded}.{matched}"
        if longer in tails:
            at -= 1
            matched = longer
            if longer in rules:
                suffix_at = at
            continue
        below = "" if at == len(labels) else f".{matched}"
        if f"*{below}" in tails:
            return at if f"!{decoded}{below}" in tails else at - 1
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
