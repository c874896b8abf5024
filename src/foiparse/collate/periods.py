"""The period a row label, column header or title names, as one key collate can compare.

Forty authorities write the same year forty ways ("2019/20", "FY 2019-20", "April 2019 to
March 2020", "01/04/2019 - 31/03/2020"); collate lines their figures up only if all of them
become one key. A key is its first and last day, and its label is a function of those two
days alone, so equal periods always get equal labels however they were written.

Precision comes first: a label that names no period, names two ("2019/20 and 2020/21"),
leaves one end open ("since 2019", "up to 2020") or could mean two periods is ``None``,
and collate then treats it as a plain label. Readings chosen:

- "2019/20", "2019-20", "2019 to 2020", "FY 2019/20", "FY19/20": the UK financial year,
  1 April 2019 to 31 March 2020. "Academic year 2019/20" is 1 September to 31 August,
  "tax year 2019/20" 6 April to 5 April.
- "2019", "Calendar year 2019", "Jan-Dec 2019", "2019 (Jan-Dec)": 1 January to 31 December.
- "FY 2019" alone is ambiguous (the UK financial year ending or starting in 2019, or the US
  federal year): ``None``. "Federal FY 2019" is 1 October 2018 to 30 September 2019; so
  is "October 2018 to September 2019", as any range of months is.
- Numeric dates are day first ("01/04/2019"); an end is read month first only when day
  first cannot be a date ("04/30/2019"). A single day ("31 March 2020") is a point in time,
  not a period: ``None``. A bare year inside other words ("2019 incidents") is not one either.
- A start without a year takes the end's, or the year before when that would put it after
  the end: "Apr-Mar 2020" is April 2019 to March 2020.
- Labels: "2019/20" (1 April - 31 March), "2019" (calendar year), "2019-Q1" (a calendar
  quarter: the financial "Q1 2019/20" is "2019-Q2", the same three months), "2019-05" (a
  month), else "2019-05-01 to 2019-09-30".
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_LONGEST = 120  # characters: a label longer than this is a sentence, not a period's name


@dataclass(frozen=True, slots=True)
class PeriodKey:
    """A period: its first and last day (ISO dates) and the label collate shows for it."""

    start: str
    end: str
    label: str  # "2019/20" (1 Apr - 31 Mar), "2019", "2019-Q2", "2019-05", else "2019-05-01 to 2019-09-30"


_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

# What a word before or after the dates says the period is. "fy" and "fiscal" alone do not
# say whose fiscal year, which matters only for a single year ("FY 2019").
_KINDS = {
    "financial year": "financial",
    "fin year": "financial",
    "fiscal year": "fiscal",
    "fiscal": "fiscal",
    "fy": "fiscal",
    "f/y": "fiscal",
    "f y": "fiscal",
    "federal fiscal year": "federal",
    "federal fy": "federal",
    "ffy": "federal",
    "calendar year": "calendar",
    "cy": "calendar",
    "year": "year",
    "yr": "year",
    "academic year": "academic",
    "school year": "academic",
    "ay": "academic",
    "tax year": "tax",
}
_KIND_WORDS = "|".join(re.escape(k) for k in sorted(_KINDS, key=len, reverse=True))
_PREFIX = re.compile(rf"(?P<kind>{_KIND_WORDS})(?![a-z])\s*(?P<rest>.*)")
_SUFFIX = re.compile(rf"(?P<rest>.*?[^a-z/])\s*(?P<kind>{_KIND_WORDS})")
# Where a year starts, for the kinds whose year is not the calendar year: (month, day).
_YEAR_STARTS = {"financial": (4, 1), "fiscal": (4, 1), "year": (4, 1), None: (4, 1), "academic": (9, 1), "tax": (4, 6)}

_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_MARKS = re.compile(r"[*†‡§¹²³\u2070-\u2079]+|\s[(\[]\d{1,2}[)\]]$")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_SPACE = re.compile(r"\s+")
_TRIM = " .,:;"

_YEAR_PAIR = re.compile(r"(\d{4}|\d\d)\s*(?:/|-|to)\s*(\d{4}|\d\d)")
_YEAR = re.compile(r"\d{4}")
_QUARTER = re.compile(r"(?:q|quarter\s*)([1-4])\s*[-/]?\s*(?P<rest>.+)|(?P<lead>.+?)\s*[-/]?\s*(?:q|quarter\s*)([1-4])")
_ENDING = re.compile(
    r"(?:(?:financial|fiscal)\s+)?(?:year|12\s+months|twelve\s+months|ye)\s+(?:ending|ended|to)\s+(?P<end>.+)|ye\s+(?P<ye>.+)"
)
_QUALIFIED = re.compile(r"(?P<core>[^()]+?)\s*\((?P<qual>[^()]+)\)")
_RANGE_SEP = re.compile(r"\s*-\s*|\s+(?:to|until|till|through|thru)\s+")
_BETWEEN_SEP = re.compile(r"\s+and\s+")
_ISO = re.compile(r"(\d{4})-(\d\d?)-(\d\d?)")
_NUMERIC = re.compile(r"(\d\d?)([/.-])(\d\d?)\2(\d{4}|\d\d)")
_DAY = re.compile(r"\d\d?")
_MONTH_YEAR = re.compile(r"(\d\d?)/(\d{4})")
_WORDS = re.compile(r"(?:(\d\d?)\s*)?([a-z]+)\.?(?:\s*(\d{4}))?")
_US_WORDS = re.compile(r"([a-z]+)\.?\s*(\d\d?)(?:\s+(\d{4}))?")

_Day = tuple[int | None, int | None, int | None]  # day, month, year as written; None where left out


def period_of(label: str) -> PeriodKey | None:
    """The period ``label`` names and nothing else, or ``None`` (see the module's docstring)."""
    return _period_of(label)


@functools.lru_cache(maxsize=65536)
def _period_of(label: str) -> PeriodKey | None:
    if len(label) > _LONGEST or not any(c.isdigit() for c in label):
        return None  # every period this reads names a year
    found = _parse(_normal(label))
    return _key(*found) if found else None


def period_in(text: str) -> PeriodKey | None:
    """The one period a longer text names: a title ("Data breaches, financial year 2019/20").

    Every stretch of up to eight words that :func:`period_of` reads is a candidate,
    leftmost longest first. A bare year counts only after "in", "during", "for" or "of"
    ("Incidents in 2019", not "2019 incidents"). ``None`` when no period is named, when two
    different ones are ("2019/20 and 2020/21", "for 2019 and 2020"), when one is left open
    ("since 2019", "up to March 2020") or is a day ("at 31 March 2020").
    """
    return _period_in(text)


@functools.lru_cache(maxsize=16384)
def _period_in(text: str) -> PeriodKey | None:
    whole = _period_of(text)
    if whole is not None or not any(c.isdigit() for c in text):
        return whole
    words = _normal(_BREAKS.sub(" ", text[: _LONGEST * 4])).split(" ")
    found: set[PeriodKey] = set()
    loose: set[PeriodKey] = set()
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _WINDOW), i, -1):
            key = _period_of(" ".join(words[i:j])) if any(c.isdigit() for c in words[j - 1]) else None
            if key is None:
                continue
            before = words[i - 1] if i else ""
            if before in _OPEN or (before.isdigit() and words[i] in _MONTHS):
                return None  # "since 2019": one end only; "at 31 March 2020": a day
            if j - i > 1 or not _YEAR.fullmatch(words[i]) or before in _IN:
                found.add(key)
            else:
                loose.add(key)  # "2019 incidents": not a period by itself, but a second year named
            i = j - 1
            break
        i += 1
    return found.pop() if len(found) == 1 and loose <= found else None


_WINDOW = 8  # words: "between 1st april 2019 and 31st march 2020" is seven
_BREAKS = re.compile(r"[()\[\]:;,!?\"“”]")
_OPEN = frozenset({"since", "until", "till", "before", "after", "to", "by", "beyond", "ending", "ended", "from"})
_IN = frozenset({"in", "during", "for", "of"})


def period_from_dates(start: str | None, end: str | None) -> PeriodKey | None:
    """The key of a period given as ISO dates, partial ones included ("2019", "2019-04").

    A partial start is its first day and a partial end its last, so the totals extractor's
    ``Period("2019-04", "2020-03")`` is "2019/20" and ``Period("2019", "2019")`` is "2019".
    An open end (``None``), a date that is not one, or an end before the start or on it: ``None``.
    """
    if start is None or end is None:
        return None
    first, last = _iso(start, first=True), _iso(end, first=False)
    if first is None or last is None or first >= last:
        return None  # backwards, or one day: a point in time, as for period_of
    return _key(first, last)


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _iso(text: str, *, first: bool) -> date | None:
    found = _ISO_PARTIAL.fullmatch(text.strip())
    if found is None:
        return None
    year = int(found.group(1))
    month = int(found.group(2) or (1 if first else 12))
    day = int(found.group(3)) if found.group(3) else None
    return _date(year, month, day, first=first)


def _key(start: date, end: date) -> PeriodKey:
    return PeriodKey(start.isoformat(), end.isoformat(), _label(start, end))


def _label(start: date, end: date) -> str:
    """A short label for whole months that make a year, a quarter or a month; else the two dates."""
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 12 and start.month == 1:
            return f"{start.year}"
        if months == 12 and start.month == 4:
            return f"{start.year}/{(start.year + 1) % 100:02d}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}-Q{start.month // 3 + 1}"
        if months == 1:
            return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()} to {end.isoformat()}"


def _normal(label: str) -> str:
    """Lower case, one kind of dash, no footnote marks, ordinals or commas, single spaces."""
    text = unicodedata.normalize("NFKC", _MARKS.sub("", label.strip())).casefold()
    text = _ORDINAL.sub("", _DASHES.sub("-", text)).replace(",", " ")
    text = _SPACE.sub(" ", text).strip(_TRIM)
    while text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(_TRIM)
    return text


def _parse(text: str) -> tuple[date, date] | None:
    qualified = _QUALIFIED.fullmatch(text)
    if qualified is None:
        return _plain(text)
    found = _plain(qualified.group("core"))
    if found is None or not _agrees(found, qualified.group("qual").strip(_TRIM)):
        return None
    return found


def _agrees(found: tuple[date, date], qualifier: str) -> bool:
    """Whether a bracketed note ("(Jan-Dec)", "(financial year)", "(1/4/19 - 31/3/20)") says the same period."""
    start, end = found
    if qualifier in _KINDS:
        return _fits(_KINDS[qualifier], start, end)
    months = _RANGE_SEP.split(qualifier)
    if len(months) == 2 and all(m in _MONTHS for m in months):
        return (start.month, end.month) == (_MONTHS[months[0]], _MONTHS[months[1]]) and end < _add_years(start, 1)
    return _plain(qualifier) == found


def _plain(text: str) -> tuple[date, date] | None:
    ending = _ENDING.fullmatch(text)
    if ending is not None:
        return _year_ending(ending.group("end") or ending.group("ye"))
    kind = None
    rest = text
    for pattern in (_PREFIX, _SUFFIX):
        found = pattern.fullmatch(rest)
        if found is not None and found.group("rest"):
            if kind is not None and _KINDS[found.group("kind")] != kind:
                return None
            kind, rest = _KINDS[found.group("kind")], found.group("rest").strip(_TRIM)
    return _core(kind, rest)


def _core(kind: str | None, text: str) -> tuple[date, date] | None:
    pair = _YEAR_PAIR.fullmatch(text)
    if pair is not None:
        years = _year_pair(kind, pair.group(1), pair.group(2))
        if years is not None or len(pair.group(1)) == 4:
            return years  # else perhaps a month: "05/2019"
    if _YEAR.fullmatch(text):
        return _one_year(kind, int(text))
    quarter = _QUARTER.fullmatch(text)
    if quarter is not None:
        number = int(quarter.group(1) or quarter.group(4))
        rest = quarter.group("rest") or quarter.group("lead")
        year = _core(kind, rest) if kind else _plain(rest)
        if year is None or year[1] != _add_years(year[0], 1) - timedelta(days=1) or year[0].day != 1:
            return None
        first = _add_months(year[0], 3 * (number - 1))
        return first, _add_months(first, 3) - timedelta(days=1)
    found = _range(text)
    if found is None or (kind is not None and not _fits(kind, *found)):
        return None
    return found


def _year_pair(kind: str | None, first: str, second: str) -> tuple[date, date] | None:
    """A year written as two ("2019/20", "2019-2020"; "19/20" only after FY and the like): not a calendar year."""
    if kind not in _YEAR_STARTS or (len(first) == 2 and kind in (None, "year")):
        return None
    year = int(first) if len(first) == 4 else 2000 + int(first)
    follows = int(second) == (year + 1 if len(second) == 4 else (year + 1) % 100)
    if not follows or not _FIRST_YEAR <= year < _LAST_YEAR:
        return None
    month, day = _YEAR_STARTS[kind]
    start = date(year, month, day)
    return start, _add_years(start, 1) - timedelta(days=1)


def _one_year(kind: str | None, year: int) -> tuple[date, date] | None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    if kind in (None, "calendar", "year"):
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "federal":
        return date(year - 1, 10, 1), date(year, 9, 30)
    return None  # "FY 2019": whose fiscal year?


def _fits(kind: str, start: date, end: date) -> bool:
    """Whether explicit dates are the kind of year a word beside them says."""
    first = {"calendar": (1, 1), "federal": (10, 1)}.get(kind) or _YEAR_STARTS.get(kind)
    twelve_months = end == _add_years(start, 1) - timedelta(days=1)
    return twelve_months and (kind == "year" or (start.month, start.day) == first)


def _year_ending(text: str) -> tuple[date, date] | None:
    """The twelve months up to a day ("year ending 31 March 2020"), or to a month's end ("year ended March 2020")."""
    day = _endpoint(text)
    if day is None or day[1] is None or day[2] is None:
        return None
    end = _date(day[2], day[1], day[0], first=False)
    if end is None:
        return None
    return _add_years(end + timedelta(days=1), -1), end


def _range(text: str) -> tuple[date, date] | None:
    """Two ends: "April 2019 to March 2020", "1/4/2019 - 31/3/2020", "Jan-Dec 2019", "May 2019"."""
    separators = _RANGE_SEP
    for lead, sep in (("from ", _RANGE_SEP), ("between ", _BETWEEN_SEP)):
        if text.startswith(lead):
            text, separators = text[len(lead) :], sep
            break
    for found in separators.finditer(text):
        first, last = _endpoint(text[: found.start()]), _endpoint(text[found.end() :])
        if first is not None and last is not None:
            ends = _ends(first, last)
            if ends is not None:
                return ends
    if separators is _RANGE_SEP:
        month = _endpoint(text)  # a whole month: "May 2019", "05/2019"
        if month is not None and month[0] is None and month[1] is not None and month[2] is not None:
            return _ends(month, month)
    return None


def _ends(first: _Day, last: _Day) -> tuple[date, date] | None:
    day1, month1, year1 = first
    day2, month2, year2 = last
    if month2 is None or year2 is None:
        return None
    if month1 is None:
        if day1 is None or year1 is not None or day2 is None:
            return None  # "2019 to March 2020": a bare year is no start
        month1 = month2  # "1 - 31 March 2020"
    if year1 is None:
        year1 = year2 if (month1, day1 or 1) <= (month2, day2 or 31) else year2 - 1
    start, end = _date(year1, month1, day1, first=True), _date(year2, month2, day2, first=False)
    if start is None or end is None or start >= end:
        return None  # backwards, or one day: a point in time
    return start, end


def _endpoint(text: str) -> _Day | None:
    """One end of a range as written: its day, month and year, each possibly left out."""
    text = text.strip(_TRIM)
    found = _ISO.fullmatch(text)
    if found is not None:
        return int(found.group(3)), int(found.group(2)), int(found.group(1))
    found = _NUMERIC.fullmatch(text)
    if found is not None:
        year = int(found.group(4))
        year = year if year >= 100 else 2000 + year
        day, month = int(found.group(1)), int(found.group(3))
        if month > 12 >= day:
            day, month = month, day  # month first: "04/30/2019"
        return day, month, year
    if _DAY.fullmatch(text):
        return int(text), None, None  # "1" of "1 - 15 March 2020"
    found = _MONTH_YEAR.fullmatch(text)
    if found is not None:
        return None, int(found.group(1)), int(found.group(2))
    found = _WORDS.fullmatch(text)
    if found is not None and found.group(2) in _MONTHS:
        written = int(found.group(1)) if found.group(1) else None
        return written, _MONTHS[found.group(2)], int(found.group(3)) if found.group(3) else None
    found = _US_WORDS.fullmatch(text)
    if found is not None and found.group(1) in _MONTHS:
        return int(found.group(2)), _MONTHS[found.group(1)], int(found.group(3)) if found.group(3) else None
    return None


def _date(year: int, month: int, day: int | None, *, first: bool) -> date | None:
    """A day of the calendar, its month's first or last day when ``day`` is left out; None if none is."""
    if not (_FIRST_YEAR <= year <= _LAST_YEAR and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = 1 if first else last
    return date(year, month, day) if 1 <= day <= last else None


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, day.day)


def _add_years(day: date, years: int) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year + years, 3, 1)
    return date(day.year + years, day.month, day.day)
