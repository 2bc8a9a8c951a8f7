"""Dates: anything date-like found on a page, turned into ISO 8601 (or None)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            # English, German, French, Spanish, Italian, Dutch (lower-case, accents kept).
            "jan january januar janvier enero gennaio januari jän jänner",
            "feb february februar février fevrier febrero febbraio februari",
            "mar march märz maerz mars marzo maart mär",
            "apr april avril abril aprile", "may mai mayo maggio mei",
            "jun june juni juin junio giugno", "jul july juli juillet julio luglio",
            "aug august août aout agosto augustus",
            "sep sept september septembre septiembre settembre set",
            "oct october oktober octobre octubre ottobre okt",
            "nov november novembre noviembre", "dec december dezember décembre decembre "
            "diciembre dicembre dez",
        ]
    )
    for m in names.split()
}
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(\d{4})\b")
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
# Day first with dots, as German, Dutch and many other European pages write it.
_DOTTED = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


# RFC 2822 / HTTP dates, as RSS and some JSON-LD write them: "Wed, 04 May 2022 02:41:00 GMT".
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def _rfc_2822(text: str) -> str | None:
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if not _valid(stamp.year, stamp.month, stamp.day):
        return None
    if stamp.tzinfo is None:
        return stamp.strftime("%Y-%m-%dT%H:%M:%S")
    offset = stamp.strftime("%z")
    zone = "Z" if offset == "+0000" else f"{offset[:3]}:{offset[3:]}"
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + zone


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return 1990 <= year <= datetime.now(UTC).year + 1


def to_iso(value: object) -> str | None:
    """An ISO 8601 date or date-time for a date string or epoch number, or None."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value > 10**11:
            value = value / 1000
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, list | tuple):
        parts = list(value)
        if parts and isinstance(parts[0], list):  # CSL date-parts
            parts = parts[0]
        if parts and all(isinstance(p, int) for p in parts):
            year, month, day = (parts + [1, 1])[:3]
            if _valid(year, month, day):
                return f"{year:04d}-{month:02d}-{day:02d}" if len(parts) >= 3 else (
                    f"{year:04d}-{month:02d}" if len(parts) == 2 else f"{year:04d}"
                )
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return to_iso(int(text))
    if _RFC_2822.match(text):
        stamp = _rfc_2822(text)
        if stamp:
            return stamp
    match = _ISO.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups()[:3])
        if not _valid(year, month, day):
            return None
        if match.group(4) is None:
            return f"{year:04d}-{month:02d}-{day:02d}"
        seconds = int(match.group(6) or 0)
        zone = match.group(7) or ""
        if zone and zone != "Z" and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"
        clock = f"{int(match.group(4)):02d}:{match.group(5)}:{seconds:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}T{clock}{zone}"
    for pattern in (_COMPACT, _SLASHED):
        found = pattern.match(text)
        if found:
            year, month, day = (int(g) for g in found.groups())
            return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    dotted = _DOTTED.search(text)
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        found = pattern.search(text)
        if found:
            parts = dict(zip(order, found.groups(), strict=True))
            month = _MONTHS.get(parts["m"].lower().rstrip("."))
            if month is None:
                continue
            if month and _valid(int(parts["y"]), month, int(parts["d"])):
                return f"{int(parts['y']):04d}-{month:02d}-{int(parts['d']):02d}"
    found = _YEAR_ONLY.match(text)
    if found and _valid(int(text), 1, 1):
        return text
    return None


def same_day(first: str | None, second: str | None) -> bool:
    """True when two ISO dates fall on the same calendar day as written."""
    return bool(first and second and first[:10] == second[:10])
