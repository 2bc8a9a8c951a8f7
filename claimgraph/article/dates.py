"""Finding and normalising dates written in prose ("December 18, 2024", "18 Dec 2024", ISO)."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = [
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"{_MONTH}\s+(?P<year>(?:19|20)\d\d)(?!\d)"),
]

__all__ = ["find_dates", "parse_date", "DateMatch", "date_span", "days_apart"]


class DateMatch(tuple):
    """(iso, start, end) of a date found in text."""

    __slots__ = ()

    def __new__(cls, iso: str, start: int, end: int) -> DateMatch:
        return super().__new__(cls, (iso, start, end))

    @property
    def iso(self) -> str:
        return self[0]

    @property
    def start(self) -> int:
        return self[1]

    @property
    def end(self) -> int:
        return self[2]


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"][:3].lower()]
    if parts.get("day") is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(year, month, int(parts["day"])).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text`` in order of position; full dates win over month-year overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            iso = _iso(match)
            if iso:
                found.append(DateMatch(iso, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM``), or None."""
    if not text:
        return None
    dates = find_dates(text)
    return dates[0].iso if dates else None


def date_span(iso: str) -> tuple[date, date] | None:
    """The first and last day an ISO date of any precision (``YYYY``, ``YYYY-MM``, full) covers."""
    try:
        if re.fullmatch(r"\d{4}", iso):
            year = int(iso)
            return date(year, 1, 1), date(year, 12, 31)
        if re.fullmatch(r"\d{4}-\d\d", iso):
            year, month = int(iso[:4]), int(iso[5:])
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return day, day


def days_apart(a: str, b: str) -> int | None:
    """Days between two dates at the precision each states (0 when one contains the other)."""
    span_a, span_b = date_span(a), date_span(b)
    if span_a is None or span_b is None:
        return None
    if span_a[1] < span_b[0]:
        return (span_b[0] - span_a[1]).days
    if span_b[1] < span_a[0]:
        return -(span_a[0] - span_b[1]).days
    return 0
