"""Dates as FOI letters write them, turned into ISO 8601 (partial where the text is).

Finding them is on every document's hot path, so the scan is two-step: a cheap pass
over runs of digits, then anchored patterns tried only where a run could belong to a
date (a day before a month name, a year after one, a numeric d/m/y or y-m-d).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

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
# "4th", "4^th" (a superscript saved as text), "4 th" (a superscript a PDF set apart)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:[ ]?\^?(?:st|nd|rd|th)(?![a-z]))?"
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line break in a hard-wrapped sentence
# Not inside a word or a number; a capital may follow directly, where a saved web page ran
# two lines together ("Responded Mon 27 June 2022This is ...").
_END = r"(?!(?-i:[a-z0-9_/])|[^\W\dA-Za-z_]|\.\d)"

DIGITS = re.compile(r"\d+")
# Anchored at a run of digits.
DAY_FIRST = re.compile(
    rf"""(?P<d1>{_DAY})(?:{_SP}of)?{_SP}(?P<m1>{_MONTH})\.?(?:,?{_SP}(?P<y1>(?:19|20)\d\d))?{_END}   # 4 November 2019, 4 Nov
      | (?P<d3>[0-3]?\d)[/.](?P<m3>[01]?\d)[/.](?P<y3>(?:19|20)?\d\d){_END}                          # 04/11/2019 04.11.19
      | (?P<y4>(?:19|20)\d\d)-(?P<m4>[01]\d)-(?P<d4>[0-3]\d){_END}                                   # 2019-11-04
      | (?P<d6>[0-3]?\d)-(?P<m6>[01]?\d)-(?P<y6>(?:19|20)\d\d){_END}                                # 04-11-2019""",
    re.VERBOSE | re.IGNORECASE,
)
# Ending at a run of digits: the month name stands before it.
MONTH_FIRST = re.compile(
    rf"""(?P<m2>{_MONTH})\.?{_SP}(?P<d2>{_DAY})(?:[ \t]?,?{_SP}(?P<y2>(?:19|20)\d\d))?{_END}      # November 4, 2019; "4 , 2019"
      | (?P<m5>{_MONTH})\.?,?{_SP}(?P<y5>(?:19|20)\d\d){_END}                                      # July 2019""",
    re.VERBOSE | re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(rf"{_MONTH}\.?,?{_SP}$", re.IGNORECASE)


_MONTH_INITIALS = frozenset("jfmasondJFMASOND")


def _may_start_date(text: str, e: int) -> bool:
    """After a run of digits ending at ``e``: a separator, or a space and a month's initial."""
    nxt = text[e : e + 1]
    if nxt in ("/", ".", "-"):
        return True
    rest = text[e : e + 15]
    ordinal = rest.lstrip(" ")
    if ordinal[:2].lower() in ("st", "nd", "rd", "th") and not ordinal[2:3].isalpha():
        rest = ordinal[2:]  # "4th", "4 th"
    rest = rest.lstrip("^stndrhSTNDRH").lstrip(" \t\n")
    if rest[:3].lower() == "of ":
        rest = rest[3:].lstrip(" \t\n")
    return bool(rest) and rest[0] in _MONTH_INITIALS


class FoundDate(NamedTuple):
    """A date in the text: its ISO form (partial, or None for a day and month without a year)."""

    iso: str | None
    start: int
    end: int


def _month(name: str) -> int:
    return MONTHS[name.casefold()[:3]]  # casefold: IGNORECASE also matches "ſ" for "s"


def _day(text: str) -> int:
    return int(text[:2] if text[:2].isdigit() else text[:1])  # "4th" -> 4, "21st" -> 21, "4^th" -> 4


def to_iso(match: re.Match[str], *, month_first: bool = False) -> str | None:
    """The ISO form of a date match; None when it is no real date or has no year.

    Numeric dates are read day first (UK), or month first for a US letter; a first
    number over 12 settles it either way.
    """
    g = match.groupdict()
    try:
        if g.get("d1"):
            return dt.date(int(g["y1"]), _month(g["m1"]), _day(g["d1"])).isoformat() if g["y1"] else None
        if g.get("d2"):
            return dt.date(int(g["y2"]), _month(g["m2"]), _day(g["d2"])).isoformat() if g["y2"] else None
        if g.get("y3") or g.get("y6"):
            numeric = "3" if g.get("y3") else "6"
            year = int(g["y" + numeric])
            if year < 100:
                year += 2000 if year < 70 else 1900
            # UK day-first; a month over 12 means the writer was American.
            day, month = int(g["d" + numeric]), int(g["m" + numeric])
            if month_first:
                day, month = month, day
            if month > 12 and day <= 12:
                day, month = month, day
            return dt.date(year, month, day).isoformat()
        if g.get("y4"):
            return dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"])).isoformat()
        if g.get("y5"):
            return f"{int(g['y5']):04d}-{_month(g['m5']):02d}"
    except ValueError:
        return None
    return None


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    partial: bool = False,
    runs: list[tuple[int, int]] | None = None,
    month_first: bool = False,
) -> list[FoundDate]:
    """Every date between ``start`` and ``end``, in order.

    With ``partial``, a day and month without a year ("1 January") is included with
    ``iso=None``: it is no date we can place, but it is no figure either.
    """
    stop = len(text) if end is None else end
    found: list[FoundDate] = []
    last = start
    spans = runs if runs is not None else [m.span() for m in DIGITS.finditer(text, start, stop)]
    for s, e in spans:
        if s < start or s >= stop:
            continue
        prev = text[s - 1] if s > 0 else " "
        if s < last or prev.isalnum():
            continue  # inside a date already found, or part of a word or code ("FOI2023")
        m = None
        if prev in " \t\n" and s >= 2 and (text[s - 2].isalpha() or text[s - 2] in ".,"):
            before = _MONTH_BEFORE.search(text, max(start, s - 12), s)
            if before is not None and (before.start() == 0 or not text[before.start() - 1].isalpha()):
                m = MONTH_FIRST.match(text, before.start(), stop)
        if m is None and prev not in "/.-" and _may_start_date(text, e):
            m = DAY_FIRST.match(text, s, stop)
        if m is None:
            continue
        iso = to_iso(m, month_first=month_first)
        groups = m.groupdict()
        if iso is None and not (partial and (groups.get("d1") or groups.get("d2"))):
            continue
        found.append(FoundDate(iso, m.start(), m.end()))
        last = m.end()
    return found
