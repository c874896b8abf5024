"""Dates as FOI letters write them, turned into ISO 8601 (partial where the text is)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import regex

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

DATE = regex.compile(
    rf"""(?<![\w/.-])(?:
        (?P<d1>{_DAY})(?:\s+of)?[ \t]+(?P<m1>{_MONTH})\.?,?[ \t]+(?P<y1>(?:19|20)\d\d)        # 4 November 2019
      | (?P<m2>{_MONTH})\.?[ \t]+(?P<d2>{_DAY}),?[ \t]+(?P<y2>(?:19|20)\d\d)                   # November 4, 2019
      | (?P<d3>[0-3]?\d)[/.](?P<m3>[01]?\d)[/.](?P<y3>(?:19|20)?\d\d)                         # 04/11/2019 04.11.19
      | (?P<y4>(?:19|20)\d\d)-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)                                  # 2019-11-04
      | (?P<m5>{_MONTH})\.?,?[ \t]+(?P<y5>(?:19|20)\d\d)                                     # July 2019
    )(?![\w/]|\.\d)""",
    regex.VERBOSE | regex.IGNORECASE,
)


class FoundDate(NamedTuple):
    """A date in the text: its ISO form (possibly partial) and where it stands."""

    iso: str
    start: int
    end: int


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _day(text: str) -> int:
    return int(regex.sub(r"\D", "", text))


def to_iso(match: regex.Match[str]) -> str | None:
    """The ISO form of a :data:`DATE` match, or None when it is no real date."""
    g = match.groupdict()
    try:
        if g["y1"]:
            return dt.date(int(g["y1"]), _month(g["m1"]), _day(g["d1"])).isoformat()
        if g["y2"]:
            return dt.date(int(g["y2"]), _month(g["m2"]), _day(g["d2"])).isoformat()
        if g["y3"]:
            year = int(g["y3"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            # UK day-first; a month over 12 means the writer was American.
            day, month = int(g["d3"]), int(g["m3"])
            if month > 12 and day <= 12:
                day, month = month, day
            return dt.date(year, month, day).isoformat()
        if g["y4"]:
            return dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"])).isoformat()
        if g["y5"]:
            return f"{int(g['y5']):04d}-{_month(g['m5']):02d}"
    except ValueError:
        return None
    return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every date between ``start`` and ``end``, in order."""
    found = []
    for match in DATE.finditer(text, start, len(text) if end is None else end):
        iso = to_iso(match)
        if iso is not None:
            found.append(FoundDate(iso, match.start(), match.end()))
    return found
