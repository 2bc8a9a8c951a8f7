"""What a store spec names, and why a spec is wrong, checked before anything is opened or created."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["IN_MEMORY", "store_spec_problem", "is_directory_spec"]

IN_MEMORY = ("memory", "memory:oxigraph", "rdflib", "memory:rdflib")
_HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})(?P<rest>/.*)?$")
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")


def is_directory_spec(spec: str) -> bool:
    """True when the spec names a directory (not memory, not none, not a server URL)."""
    return spec not in (*IN_MEMORY, "none") and not _SCHEME.match(spec)


def store_spec_problem(spec: str, *, must_exist: bool = False) -> str | None:
    """Why ``spec`` cannot name a store (``None`` when it can).

    ``host:port`` without a scheme is refused (it would silently become a folder of that name);
    with ``must_exist`` a directory that is not there is refused instead of being created.
    """
    text = spec.strip()
    if not text:
        return "empty store spec: give a directory, 'memory', 'rdflib' or a SPARQL server URL"
    if match := _SCHEME.match(text):
        if match["scheme"].lower() not in ("http", "https"):
            return f"store URL {text!r} must start with http:// or https://"
        return None
    if match := _HOST_PORT.match(text):
        return f"{text!r} looks like a server address without a scheme; did you mean 'http://{text}'?"
    if not is_directory_spec(text):
        return None
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        return f"store {text!r} is a file, not a store directory"
    if must_exist and not path.is_dir():
        return f"no store at {text!r} (a store directory is created only by commands that write)"
    return None
