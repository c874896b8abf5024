"""Figures stated in prose as answers, with their unit, what they count, and the period.

Everything numeric that is not an answer is ruled out first: dates and years,
reference numbers and citations (claimed by earlier extractors), list numbering,
postcodes and phone numbers, deadlines ("20 working days"), and the cost-limit
arithmetic of a refusal ("it would take 43 hours"). Figures inside tables belong to
the tables.
"""

from __future__ import annotations

import regex

from foiparse.extract.context import Context
from foiparse.lines import sentence_bounds
from foiparse.model import Period, Total

FIGURE = regex.compile(
    r"""(?<![\w/.,£$€–-]|\d[.,])
        (?P<cur>[£$€])?[ \t]?
        (?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?
        (?:[ \t]?(?P<mult>million|m|bn|billion|k)\b)?
        (?:[ \t]?(?P<pct>%|per[ \t]?cent\b|percent\b))?
        (?![\w/]|[.,]\d|[()]|[-–]\d)""",
    regex.VERBOSE | regex.IGNORECASE,
)
# Words before a number that make it a label, not a quantity: "section 21", "page 3".
LABEL_BEFORE = regex.compile(
    r"""(?:\b(?:sections?|s|ss|regulations?|reg|part|page|pages|appendix|annex|annexe|question|q|point|item
        |paragraph|para|article|schedule|chapter|no|number|option|phase|stage|tier|level|category|grade|band
        |floor|step|room|unit|version|v|ref|reference|request|year|years|ward|zone|route|line|box|po|act|figure
        |table|column|row|week|month|clause|standard|priority|type|flat|house|suite|building|area|district
        |exemptions?|title|chapter|rule)\.?
        |[#№])[ \t]*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
DEADLINE = regex.compile(
    r"^\s*(?:working|calendar|clear|business)?[ \t]*days?\b(?:[ \t]+(?:of|from|after|following|to))?", regex.I
)
# A paragraph that argues the burden of a request: its figures are arithmetic, not answers.
COST_ARITHMETIC = regex.compile(
    r"""\b(?:cost[ \t]+limit|appropriate[ \t]+limit|per[ \t]+hour|an[ \t]+hour|estimat\w*|would[ \t]+(?:take|need|require|involve|cost)
      |would[ \t]+have[ \t]+to|to[ \t]+(?:locate|retrieve|extract|review|search)|excessive[ \t]+cost|prescribed[ \t]+amount
      |manifestly[ \t]+unreasonable|unduly[ \t]+burdensome|(?:minutes|hours)[ \t]+(?:per|for[ \t]+each|each))\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A sentence explaining how small numbers are hidden: "between 1 and 4", "fewer than 5".
SUPPRESSION = regex.compile(
    r"\b(?:suppress\w*|redact\w*|rounded|fewer[ \t]+than|less[ \t]+than|disclosive|small[ \t]+numbers?|indicates?|denotes?)\b",
    regex.IGNORECASE,
)
UNIT_AFTER = regex.compile(
    r"^[ \t]*(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|secs?)\b", regex.IGNORECASE
)
MEASURE_OF = regex.compile(
    r"\bnumber[ \t]+of[ \t]+(?P<m>[^.;:\n]{3,80}?)(?=[ \t]+(?:is|was|were|are|totals?|stands?|came|amounts?)\b|[ \t]*[:–—-][ \t]|\.|$)",
    regex.IGNORECASE,
)
MEASURE_AFTER = regex.compile(
    r"[ \t]*(?P<m>(?:[A-Za-z][\w'-]*[ \t]+){0,5}?[A-Za-z][\w'-]*)(?=[ \t]+(?:were|was|have|had|are|is|in|during|between|from|since|over|for|at|on|by|to|of|which|that|and)\b|[.,;:)]|$)",
)
_PERIOD_TAIL = regex.compile(r"\s*\(|\s+(?:in|during|between|since|from|over|for[ \t]+the[ \t]+(?:period|year))\s+")
_DAY_MONTH = regex.compile(
    r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ \t]+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
    regex.IGNORECASE,
)
# Citations of statutes by number: "5 U.S.C. § 552(b)(6)", "5 ILCS 140/7", "§ 3".
_STATUTE = regex.compile(
    r"\b\d+[ \t]+(?:U\.?[ \t]?S\.?[ \t]?C\.?(?:[ \t]*§+)?|ILCS)[ \t]*\d+[\w./()-]*|§+[ \t]*\d+[\w./()-]*|\bSI[ \t]+\d{4}[ \t/]+(?:No\.?[ \t]*)?\d+",
    regex.IGNORECASE,
)
_TIME = regex.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ \t]?(?:am|pm|hrs?))?\b|\b(?:1[0-2]|0?[1-9])[ \t]?(?:am|pm)\b", regex.I)
_YEAR = regex.compile(r"^(?:19|20)\d\d$")
_POSTCODE = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")
_PHONE = regex.compile(r"(?:\+44[ \t]?|\b0)\d{2,4}[ \t]?\d{3,4}[ \t]?\d{3,4}\b")
_URLISH = regex.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_NUMBERING = regex.compile(r"^[ \t]*\(?[0-9]{1,2}[.)][ \t]")
_PROSE_KINDS = ("paragraph", "list_item", "quote")
_UNITS = {"£": "GBP", "$": "USD", "€": "EUR"}


def extract_totals(ctx: Context) -> tuple[Total, ...]:
    """Each figure given as an answer, in document order."""
    text = ctx.text
    excluded = _excluded(ctx)
    out: list[Total] = []
    for match in FIGURE.finditer(text):
        a, b = match.span()
        if text[a].isspace():
            a = match.start("num")
        if ctx.kind_at(a) not in _PROSE_KINDS or ctx.in_request(a, b) or ctx.is_claimed(a, b):
            continue
        if excluded.find(1, a, b) != -1:
            continue
        num = match.group("num")
        if not match.group("cur") and not match.group("pct") and _YEAR.match(num) and not match.group("dec"):
            continue
        line_start = text.rfind("\n", 0, a) + 1
        before_on_line = text[line_start:a]
        if not before_on_line.strip() and _NUMBERING.match(text[line_start : b + 2]):
            continue  # the number of a list item
        if LABEL_BEFORE.search(text, max(0, a - 20), a):
            continue
        after = text[b : b + 40]
        if DEADLINE.match(after):
            continue
        s0, s1 = sentence_bounds(text, a, b)
        block = ctx.block_at(a)
        b0, b1 = block.span if block else (s0, s1)
        if COST_ARITHMETIC.search(text, b0, b1) or SUPPRESSION.search(text, s0, s1):
            continue
        value = _value(match)
        unit = _unit(match, after)
        out.append(
            Total(
                value=value,
                text=text[a:b],
                unit=unit,
                measure=_measure(text, s0, a, b),
                period=_period(ctx, s0, s1),
                span=(a, b),
            )
        )
    return tuple(out)


def _excluded(ctx: Context) -> bytearray:
    """A mask of characters no figure may come from: dates, postcodes, phones, links, statutes."""
    mask = bytearray(len(ctx.text))
    spans = [(d.start, d.end) for d in ctx.dates]
    spans.extend(m.span() for m in _DAY_MONTH.finditer(ctx.text))
    spans.extend(m.span() for m in _STATUTE.finditer(ctx.text))
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    for pattern in (_POSTCODE, _PHONE, _URLISH, _TIME):
        spans.extend(m.span() for m in pattern.finditer(ctx.text))
    return mask


def _value(match: regex.Match[str]) -> int | float:
    digits = match.group("num").replace(",", "") + (match.group("dec") or "")
    value: int | float = float(digits) if match.group("dec") else int(digits)
    mult = (match.group("mult") or "").lower()
    if mult in ("m", "million"):
        value = value * 1_000_000
    elif mult in ("bn", "billion"):
        value = value * 1_000_000_000
    elif mult == "k":
        value = value * 1_000
    if isinstance(value, float) and value.is_integer() and not match.group("dec"):
        value = int(value)
    return value


def _unit(match: regex.Match[str], after: str) -> str:
    if match.group("cur"):
        return _UNITS[match.group("cur")]
    if match.group("pct"):
        return "percent"
    m = UNIT_AFTER.match(after)
    if m:
        word = m.group("unit").lower()
        for unit in ("hour", "day", "week", "month", "year", "minute", "second"):
            if word.startswith(unit[:3]):
                return unit + "s"
    return "count"


def _measure(text: str, s0: int, a: int, b: int) -> str | None:
    """What the figure counts: "number of X" before it, else the noun phrase after it."""
    before = MEASURE_OF.search(text, s0, a)
    if before:
        measure = _PERIOD_TAIL.split(before.group("m"), maxsplit=1)[0]
        return regex.sub(r"\s+", " ", measure).strip() or None
    start = b
    unit = UNIT_AFTER.match(text[b : b + 20])
    if unit:
        start = b + unit.end()  # "14,760 hours of work": the unit is not the measure
    after = MEASURE_AFTER.match(text, start, min(len(text), start + 80))
    if after and after.group("m").strip():
        words = after.group("m").split()
        if words[0].lower() not in _NOT_A_NOUN:
            return " ".join(words)
    return None


# Words that start a verb or a prepositional phrase, not the thing counted.
_NOT_A_NOUN = frozenset(
    "was were is are be been has have had will would can could may might should on in of for to by at from "
    "with per each and or than as against between during since over under which that this these those it".split()
)


_SINCE = regex.compile(r"\b(?:since|from|after|starting)\b[ \t]*$", regex.IGNORECASE)
_UNTIL = regex.compile(
    r"\b(?:up[ \t]+to|until|till|to|before|ending|and|-|–)\b[ \t]*\(?[ \t]*$|[-–][ \t]*$", regex.IGNORECASE
)
_FIN_YEAR = regex.compile(r"\b(?P<y>(?:19|20)\d\d)[ \t]*[/–-][ \t]*(?P<z>\d\d(?:\d\d)?)\b")
_IN_YEAR = regex.compile(
    r"\b(?:in|during|for|of)[ \t]+(?:the[ \t]+(?:calendar[ \t]+)?year[ \t]+)?(?P<y>(?:19|20)\d\d)\b(?![ \t]*[/–-])"
)


def _period(ctx: Context, s0: int, s1: int) -> Period | None:
    """The period the sentence states: a year, a financial year, since/until dates."""
    text = ctx.text
    start: str | None = None
    end: str | None = None
    year = _IN_YEAR.search(text, s0, s1)
    if year:
        start = end = year.group("y")
    fin = _FIN_YEAR.search(text, s0, s1)
    if fin and not year:
        y = int(fin.group("y"))
        start, end = f"{y}-04", f"{y + 1}-03"
    for found in ctx.dates_between(s0, s1):
        lead = text[max(s0, found.start - 12) : found.start]
        if _SINCE.search(lead):
            start = found.iso
        elif _UNTIL.search(lead):
            end = found.iso
    if start is None and end is None:
        return None
    return Period(start=start, end=end)
