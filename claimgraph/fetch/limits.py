"""Bounds on what a fetched body may cost: decoded size, control bytes, size handed to parsers.

A 1 MB gzip body can hold a gigabyte; so the fetcher decodes it itself, never producing more than
the body limit, and never asks the server for encodings it cannot bound (only gzip and deflate).
NUL and other C0 control bytes mean nothing in HTML or text but make parsers slow and large, so
they are removed before parsing (not from the stored capture); parsers see at most
``MAX_PARSE_BYTES`` of a page.
"""

from __future__ import annotations

import re
import zlib

__all__ = [
    "ABSURD_LENGTH",
    "BodyTooLarge",
    "BoundedDecoder",
    "MAX_PARSE_BYTES",
    "UnsupportedEncoding",
    "cut_at_depth",
    "declared_length",
    "parseable_body",
]

MAX_PARSE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 512  # real pages nest a few dozen elements deep; parsers and selectors slow down past this
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
# Elements that never hold content, or whose end tag HTML lets an author leave out: not nesting.
_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr keygen command basefont "
    b"frame isindex p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rt rp "
    b"!doctype".split()
)
ABSURD_LENGTH = 2**30  # a declared body past this is not read at all: no page is a gigabyte
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_BLANK_RUN = re.compile(rb"[ \t\r\n]{128,}")  # renders as one space; costs regex-heavy extractors dearly
_WIDE = re.compile(r"charset\s*=\s*['\"]?(utf-?16|utf-?32|ucs-?2)", re.IGNORECASE)
_BOMS = (b"\xff\xfe", b"\xfe\xff")
TEXTUAL = ("text/", "application/xhtml", "application/xml", "application/json", "application/ld+json")


class BodyTooLarge(Exception):
    """The decoded body would pass the limit."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding the fetcher did not ask for and cannot bound."""


def declared_length(value: str) -> int | None:
    """The Content-Length header as an int, or None when absent or not a number."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _decoder(encoding: str):
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return zlib.decompressobj()
    raise UnsupportedEncoding(name)


class BoundedDecoder:
    """Decodes a body fed chunk by chunk; BodyTooLarge as soon as more than ``limit`` bytes would come.

    For fetchers that receive chunks themselves (the asyncio client).
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding, self.limit = encoding, limit
        self.produced = 0
        self._decoder = _decoder(encoding)  # UnsupportedEncoding for what we cannot bound

    def _count(self, out: bytes) -> bytes:
        self.produced += len(out)
        if self.produced > self.limit:
            raise BodyTooLarge(self.limit)
        return out

    def feed(self, chunk: bytes) -> list[bytes]:
        """The decoded bytes this wire chunk yields (possibly none yet)."""
        outs: list[bytes] = []
        pending = chunk
        while pending:
            decoder = self._decoder
            if decoder is None:
                out, pending = pending, b""
            else:
                out = decoder.decompress(pending, self.limit - self.produced + 1)
                pending = decoder.unconsumed_tail
                if decoder.eof and decoder.unused_data:  # a second gzip member follows
                    pending = decoder.unused_data + pending
                    self._decoder = _decoder(self.encoding)
            if self._count(out):
                outs.append(out)
            if decoder is not None and not out and pending and not decoder.eof:
                break  # the decoder needs more input than this chunk holds
        return outs

    def finish(self) -> bytes:
        """What the decoder still holds once the body has ended."""
        if self._decoder is None:
            return b""
        return self._count(self._decoder.flush())


def parseable_body(body: bytes, content_type_header: str) -> bytes:
    """A text body ready for a parser: no control bytes or long blank runs, bounded size and depth.

    Bodies that are not text (PDF) and UTF-16/32 text (where NUL bytes are part of characters)
    are only cut.
    """
    media = content_type_header.split(";", 1)[0].strip().lower()
    textual = media.startswith(TEXTUAL) or media.endswith(("+xml", "/xml")) or not media
    wide = _WIDE.search(content_type_header) or body.startswith(_BOMS)
    if textual and not wide and (media or not body.startswith(b"%PDF")):
        body = _BLANK_RUN.sub(b"\n", _CONTROL.sub(b"", body[: MAX_PARSE_BYTES * 4]))
    if media == "application/pdf" or body.startswith(b"%PDF"):
        return body
    return cut_at_depth(body[:MAX_PARSE_BYTES], MAX_DEPTH)


def cut_at_depth(html: bytes, limit: int) -> bytes:
    """The markup up to the first element nested deeper than ``limit`` (the parser closes the rest)."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT:
            continue
        depth += -1 if closing else 1
        depth = max(depth, 0)
        if depth > limit:
            return html[: match.start()]
    return html
