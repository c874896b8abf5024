"""Figures stated in prose as answers, with their unit, what they count, and the period.

Everything numeric that is not an answer is ruled out first: dates and years,
reference numbers and citations (claimed by earlier extractors), list numbering,
postcodes and phone numbers, deadlines ("20 working days"), and the cost-limit
arithmetic of a refusal ("it would take 43 hours"). Figures inside tables belong to
the tables.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from foiparse.extract.cells import is_value
from foiparse.extract.context import Context
from foiparse.extract.voice import asks
from foiparse.lazyre import lazy
from foiparse.model import ParseWarning, Period, Total
from foiparse.segment import SALUTATION

# A figure, matched where a run of digits starts; a currency sign is looked for before it.
FIGURE = re.compile(
    r"""(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?
        (?:[ \t]?(?P<mult>million|billion)\b|(?P<short>m|bn|k)\b)?
        (?:[ \t]?(?P<pct>%|per[ \t]?cent\b|percent\b))?
        (?![\w/]|[.,]\d|\(|[-–]\d)""",
    re.VERBOSE | re.IGNORECASE,
)
_CURRENCY = "£$€"
# A letter with more figures in its prose than this is a data dump, not answers; the
# cap keeps such an input's cost bounded, and a warning says the list was cut.
MAX_TOTALS = 1000
# Words before a number that make it a label, not a quantity: "section 21", "page 3".
LABEL_BEFORE = re.compile(
    r"""(?:\b(?:sections?|s|ss|regulations?|reg|part|page|pages|appendix|annex|annexe|question|q|point|item
        |paragraph|para|article|schedule|chapter|no|number|option|phase|stage|tier|level|category|grade|band
        |floor|step|room|unit|version|v|ref|reference|request|year|years|ward|zone|route|line|box|po|act|figure
        |table|column|row|week|month|clause|standard|priority|type|flat|house|suite|building|area|district
        |exemptions?|title|chapter|rule|case|crime|incident|complaint|claim|account|invoice|sch)\.?
        |[#№]
        # "the 14 parishes", "these 12 cases": a number already known, used to name things
        # "waited longer than 4 hours": a threshold the answer is measured against
        |\b(?:more|less|fewer|longer|shorter|greater|higher|lower|older|younger)[ \t]+than
        # "<5", "≤ 10": a suppression marker or a bound, never a count
        |[<>≤≥]=?)[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "20 working days", "within 90 days of receipt": a deadline; "lost 45 days" is an answer.
DEADLINE = re.compile(
    r"^\s*(?:attachments?\b|(?:working|calendar|clear|business)[ \t]+days?\b"
    r"|days?[ \t]+(?:of|from|after|following)[ \t]+(?:receipt|the[ \t]+date|receiving|the[ \t]+day))",
    re.I,
)
# A paragraph that argues the burden of a request: its figures are arithmetic, not answers.
COST_ARITHMETIC = re.compile(
    r"""\b(?:cost[ \t]+limit|appropriate[ \t]+limit|per[ \t]+hour|an[ \t]+hour|estimat\w*|would[ \t]+(?:take|need|require|involve|cost)
      |would[ \t]+have[ \t]+to|to[ \t]+(?:locate|retrieve|extract|review|search)|excessive[ \t]+cost|prescribed[ \t]+amount
      |manifestly[ \t]+unreasonable|unduly[ \t]+burdensome|(?:minutes|hours)[ \t]+(?:per|for[ \t]+each|each))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A sentence explaining how small numbers are hidden: "between 1 and 4", "fewer than 5".
SUPPRESSION = re.compile(
    r"\b(?:suppress\w*|redact\w*|rounded|fewer[ \t]+than|less[ \t]+than|disclosive|small[ \t]+numbers?|indicates?|denotes?)\b",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(
    r"[ \t]*(?:each\b|per[ \t]+(?!cent\b)[a-z]+|a[ \t]+(?:head|hour|day|week|month|year|night|time)\b|-[a-z])",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"(?<![\w£$€])[A-Z]{2,6}[ \t-]?$")
_WITHIN = re.compile(r"\b(?:within|after|before|up[ \t]+to|past|last|previous|next|first|final)[ \t]+$", re.IGNORECASE)
# Lines whose numbers are never answers: e-mail header fields and telephone lines.
_HEADER_LINE = re.compile(
    r"^[ \t>]*(?:from|sent|date|to|cc|subject|tel|telephone|phone|fax|mobile|ext)\b\.?[ \t]*:", re.IGNORECASE
)
_NAMING = re.compile(r"(?<!\bof[ \t])\b(?:the|these|those|its|their|your|both)[ \t]+$", re.IGNORECASE)
UNIT_AFTER = re.compile(
    r"^[ \t]*(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|secs?)\b", re.IGNORECASE
)
MEASURE_OF = re.compile(
    r"\bnumber[ \t]+of[ \t]+(?P<m>[^.;:\n]{3,80}?)(?=[ \t]+(?:is|was|were|are|totals?|stands?|came|amounts?)\b|[ \t]*[:–—-][ \t]|\.|$)",
    re.IGNORECASE,
)
MEASURE_AFTER = re.compile(
    r"[ \t]*(?P<m>(?:[A-Za-z][\w'-]*[ \t]+){0,5}?[A-Za-z][\w'-]*)(?=[ \t]+(?:were|was|have|had|are|is|in|during|between|from|since|over|for|at|on|by|to|of|which|that|and)\b|[.,;:)]|$)",
)
_PERIOD_TAIL = re.compile(r"\s*\(|\s+(?:in|during|between|since|from|over|for[ \t]+the[ \t]+(?:period|year))\s+")
# Citations of statutes by number: "5 U.S.C. § 552(b)(6)", "5 ILCS 140/7", "§ 3".
_STATUTE = re.compile(
    r"\b\d+[ \t]+(?:U\.?[ \t]?S\.?[ \t]?C\.?(?:[ \t]*§+)?|ILCS)[ \t]*\d+[\w./()-]*|§+[ \t]*\d+[\w./()-]*|\bSI[ \t]+\d{4}[ \t/]+(?:No\.?[ \t]*)?\d+",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?:[ \t]?(?:am|pm|hrs?))?(?!\d)", re.I)
_AM_PM = re.compile(r"(?<!\d)(?:1[0-2]|0?[1-9])[ \t]?[ap]\.?m\b\.?", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")
_PHONE = re.compile(r"(?:\+44[ \t]?|\b0)\d{2,4}[ \t]?\d{3,4}[ \t]?\d{3,4}\b")
# A house number: "1010 Pioneer Avenue".
_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?[ \t]+(?:[A-Z][a-z']+[ \t]+){1,3}"
    r"(?:Road|Street|Avenue|Lane|Way|Drive|Place|Close|Crescent|Square|Terrace|Gardens|Row|Walk"
    r"|Parade|Boulevard|Rd|St|Ave)\b(?=[ \t]*(?:,|$))",
    re.MULTILINE,
)
# A file's size in an attachment list ("26K", "1.2 MB"); "£26K" is money.
_FILE_SIZE = re.compile(r"(?<![£$€\d.,])\b\d+(?:\.\d+)?[ \t]?(?:[KMG]B|kB|K)\b")
_NUMBERING = re.compile(r"^[ \t]*[(\[]?[0-9]{1,2}[.)\]](?:[ \t]|$)")
_PROSE_KINDS = ("paragraph", "list_item", "quote")
_UNITS = {"£": "GBP", "$": "USD", "€": "EUR"}


def extract_totals(ctx: Context, reference_ids: Collection[str] = ()) -> tuple[Total, ...]:
    """Each figure given as an answer, in document order: in digits, or in words ("three").

    ``reference_ids`` are the numbers of the letter's own and earlier requests: the
    same number met again in the text ("request 1438") is not a figure.
    """
    text = ctx.text
    prose_mask = bytearray(len(text))  # 1 on the characters of prose blocks
    for block in ctx.blocks:
        if block.kind in _PROSE_KINDS:
            prose_mask[block.span[0] : block.span[1]] = b"\x01" * (block.span[1] - block.span[0])
    prose = [run for run in ctx.digit_runs if prose_mask[run[0]]]  # tables hold their own figures
    words = _number_words(ctx, prose_mask)
    if not prose and not words:
        return ()
    dates = _date_mask(ctx)
    history = ctx.history_start  # figures in the quoted earlier messages are not the reply's
    body_start = _salutation_end(ctx)  # nothing above "Dear ..." answers anything
    burden: dict[tuple[int, int], bool] = {}
    rows: dict[int, bool] = {}  # line start -> is it a row of figures
    out: list[Total] = []
    for a, cur, match in _figures(text, prose):
        b = match.end()
        if dates.find(1, a, b) != -1 or ctx.in_request(a, b) or ctx.is_claimed(a, b) or a >= history:
            continue
        num = match.group("num")
        if not cur and not match.group("pct") and _YEAR.match(num) and not match.group("dec"):
            continue
        if len(num.replace(",", "")) > 15:
            continue  # "20192019201920192019": an identifier, not a count (nor a number JSON can carry)
        if num.replace(",", "") in reference_ids:
            continue
        line = ctx.lines[ctx.index.line_no(a)]
        if not text[line.start : a].strip() and _NUMBERING.match(text[line.start : b + 2]):
            continue  # the number of a list item
        if a < body_start or _HEADER_LINE.match(line.text):
            continue  # the letterhead's address, an e-mail header, a telephone line
        if line.start not in rows:
            rows[line.start] = _row_of_figures(line.text)
        if rows[line.start]:
            continue  # "2018/19 12.23 28.30": a table row that lost its layout
        after = text[b : b + 40]
        if _part_of_something_else(text, a, b):
            continue
        sentence = _answer_sentence(ctx, a, b, after, burden)
        if sentence is not None:
            out.append(_total(ctx, _value(match, cur), _unit(cur, match, after), a, b, sentence))
            if len(out) >= MAX_TOTALS:
                ctx.warnings.append(
                    ParseWarning(
                        code="totals_truncated",
                        message=f"over {MAX_TOTALS} figures in prose: only the first {MAX_TOTALS} are reported",
                        span=(a, b),
                    )
                )
                break
    for a, b, value in words:
        if ctx.in_request(a, b) or ctx.is_claimed(a, b) or a >= history:
            continue
        after = text[b : b + 40]
        sentence = _answer_sentence(ctx, a, b, after, burden)
        if sentence is not None:
            out.append(_total(ctx, value, _unit(None, None, after), a, b, sentence))
    out.sort(key=lambda t: t.span)
    return tuple(out)


def _salutation_end(ctx: Context) -> int:
    """Where the letter's body starts: after its first "Dear ..." line (0 when it has none)."""
    for i in ctx.lines_with(("dear",)):
        line = ctx.lines[i]
        if SALUTATION.match(line.text) and line.start < ctx.history_start:
            return line.stop
    return 0


def _row_of_figures(line: str) -> bool:
    """A line made mostly of figures is a table row, whatever its spacing."""
    if len(line) > 300:
        return False  # a paragraph on one line, not a row
    tokens = line.split()
    figures = sum(1 for token in tokens if is_value(token.strip(",;")))
    return figures >= 2 and figures * 10 >= len(tokens) * 6


_BURDEN_WORDS = (
    "cost limit",
    "appropriate limit",
    "section 12",
    "s.12",
    "s12",
    "18 hours",
    "24 hours",
    "£450",
    "£600",
    "burdensome",
    "manifestly unreasonable",
    "12(4)(b)",
    "excessive cost",
    "prescribed amount",
    "vexatious",
)


def _argues_burden(ctx: Context) -> bool:
    """Whether the letter argues the burden of the request at all (the cost limit, unreasonableness)."""
    return ctx.has(*_BURDEN_WORDS)


def _answer_sentence(
    ctx: Context, a: int, b: int, after: str, burden: dict[tuple[int, int], bool]
) -> tuple[int, int] | None:
    """The sentence around a candidate figure, or None when the figure is not an answer.

    Not an answer: a label ("section 21"), a deadline ("20 working days"), the
    arithmetic of a refusal, or the explanation of how small numbers are hidden.
    """
    text = ctx.text
    if LABEL_BEFORE.search(text, max(0, a - 20), a) or DEADLINE.match(after):
        return None
    if _WITHIN.search(text, max(0, a - 12), a) and UNIT_AFTER.match(after):
        return None  # "within 14 days", "the past 10 years": a time allowed or a period, not an answer
    if _RATE_AFTER.match(after):
        return None  # "£28 each", "24-hour waits": a rate or part of a compound word, not an amount
    if _ACRONYM.search(text, max(0, a - 8), a):
        return None  # "IFRS 9", "ISO 9001", "COVID 19": the number is part of a name
    if b - a <= 2 and _NAMING.search(text, max(0, a - 12), a):
        return None  # "the 14 parishes", "its 3 sites": a small number naming things, not an answer
    s0, s1 = ctx.sentence(a, b)
    holder = ctx.block_at(a)
    span = holder.span if holder else (s0, s1)
    if span not in burden:
        burden[span] = _argues_burden(ctx) and COST_ARITHMETIC.search(text, *span) is not None
    if burden[span] or SUPPRESSION.search(text, s0, s1):
        return None
    line = ctx.lines[ctx.index.line_no(a)]
    # A figure opening its line answers what is above it; otherwise read its sentence so far.
    lead = line.start if not text[line.start : a].strip() else s0
    if asks(text[lead : min(s1, line.end)]):
        return None  # a question restated above its answer: "... the policies in 14 and 15?"
    return s0, s1


def _total(ctx: Context, value: int | float, unit: str, a: int, b: int, sentence: tuple[int, int]) -> Total:
    s0, s1 = sentence
    return Total(
        value=value,
        text=ctx.text[a:b],
        unit=unit,
        measure=_measure(ctx.text, s0, a, b),
        period=_period(ctx, s0, s1),
        span=(a, b),
    )


_UNITS_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {word: i for i, word in enumerate(_UNITS_WORDS, start=2)} | {
    word: 10 * i for i, word in enumerate(_TENS_WORDS, start=2)
}
# "one" is left out: it is far more often a pronoun ("one of our officers") than a count.
NUMBER_WORD = lazy(
    # The look-ahead on first letters lets the engine skip most positions at C speed.
    rf"\b(?=[{''.join(sorted({w[0] for w in [*_UNITS_WORDS, *_TENS_WORDS, 'one']}))}])(?:(?P<tens>{'|'.join(_TENS_WORDS)})(?:[- ](?P<unit>{'|'.join(_UNITS_WORDS[:8])}|one))?|(?P<word>{'|'.join(_UNITS_WORDS)}))\b"
    r"(?![- ](?:of|or|to|and|hundred|thousand|million|times|per|week|weeks|month|months|year|years|day|days|working"
    r"|hour|hours|minute|minutes|second|seconds|reasons?|ways?|options?|things?|points?|parts?|steps?|stages?"
    r"|questions?|issues?|categories|types?|aspects?|-))",
    re.IGNORECASE,
)
# Words after which a count in words is an answer ("we received three complaints").
_COUNTING_VERBS = frozenset(
    [
        "received",
        "issued",
        "recorded",
        "were",
        "was",
        "are",
        "is",
        "served",
        "made",
        "had",
        "has",
        "have",
        "totalled",
        "identified",
        "found",
        "opened",
        "closed",
        "held",
        "took",
        "paid",
        "employed",
        "spent",
        "answered",
    ]
)
# Cheap substring gate before the regex: every number word starts with one of these.
_NUMBER_HINTS = tuple(sorted({word[:4] for word in [*_UNITS_WORDS, *_TENS_WORDS]}))
_ONES = {"one": 1} | {word: i for i, word in enumerate(_UNITS_WORDS[:8], start=2)}


def _number_words(ctx: Context, prose_mask: bytearray) -> list[tuple[int, int, int]]:
    """``(start, end, value)`` of counts written in words in prose ("three complaints")."""
    if not ctx.has(*_NUMBER_HINTS):
        return []
    out = []
    for m in NUMBER_WORD().finditer(ctx.text):
        if not prose_mask[m.start()]:
            continue
        before = ctx.text[max(0, m.start() - 30) : m.start()].rstrip()
        last_word = before.rsplit(None, 1)[-1].lower() if before else ""
        if before and before[-1] not in ".:\n" and last_word not in _COUNTING_VERBS:
            continue  # "at its three sites": a description, not an answer
        if m.group("tens"):
            unit = m.group("unit")
            value = WORD_VALUES[m.group("tens").casefold()] + (_ONES[unit.casefold()] if unit else 0)
        else:
            value = WORD_VALUES[m.group("word").casefold()]
        out.append((m.start(), m.end(), value))
    return out


def _figures(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, str | None, re.Match[str]]]:
    """``(start, currency, match)`` for each number that starts a figure."""
    out = []
    last = 0
    for s, run_end in runs:
        if s < last:
            continue
        a, cur = s, None
        if s and text[s - 1] in _CURRENCY:
            a, cur = s - 1, text[s - 1]
        elif s > 1 and text[s - 1] in " \t" and text[s - 2] in _CURRENCY:
            a, cur = s - 2, text[s - 2]
        before = text[a - 1] if a else " "
        if before.isalnum() or before in "/.,£$€–-_" or (before in ".," and a > 1 and text[a - 2].isdigit()):
            last = run_end
            continue  # inside a code, a decimal or a range ("FOI123", "2023-24")
        match = FIGURE.match(text, s)
        closing = text[match.end() : match.end() + 1] if match is not None else ""
        # "1) exceeded $5,000 and 2) ...": enumeration inside a sentence, not figures
        enumeration = match is not None and closing == ")" and before != "(" and len(match.group()) <= 2
        if match is None or enumeration or (before + closing in ("()", "[]") and not match.group("pct")):
            last = run_end
            continue  # "(3)", "[1]": the number of a list item or a footnote, not a figure
        last = match.end()
        out.append((a, cur, match))
    return out


def _date_mask(ctx: Context) -> bytearray:
    """1 on every character of a date (or a day and month): no figure comes from those."""
    mask = bytearray(len(ctx.text))
    for d in ctx.dates:
        mask[d.start : d.end] = b"\x01" * (d.end - d.start)
    return mask


def _part_of_something_else(text: str, a: int, b: int) -> bool:
    """A postcode, phone number, time, link, e-mail address or statute around ``a..b``.

    Checked in a small window around each candidate, which costs far less than
    scanning the whole letter for each of these shapes.
    """
    lo, hi = max(0, a - 200), min(len(text), b + 200)  # bounded: a letter may be one long line
    left = max(text.rfind(" ", lo, a), text.rfind("\n", lo, a), text.rfind("\t", lo, a), lo - 1) + 1
    right_ends = [i for i in (text.find(" ", b, hi), text.find("\n", b, hi), text.find("\t", b, hi)) if i != -1]
    token = text[left : min(right_ends) if right_ends else hi]
    if "://" in token or token.startswith("www.") or "@" in token:
        return True  # inside a link or an e-mail address
    lo, hi = max(0, a - 40), min(len(text), b + 40)
    for pattern in _shapes_possible(text, a, b, lo, hi):
        for m in pattern.finditer(text, lo, hi):
            if m.start() < b and a < m.end():
                return True
    return False


def _shapes_possible(text: str, a: int, b: int, lo: int, hi: int) -> list[re.Pattern[str]]:
    """The shapes of _AROUND the characters next to a figure allow: each test is far cheaper than its pattern."""
    before, after = text[max(0, a - 4) : a], text[b : b + 4]
    near = before + after
    shapes = []
    if any(c.isupper() for c in near):
        shapes.append(_POSTCODE)
    if text[a : a + 1] == "0" or "+" in before or any(c.isdigit() for c in near):
        shapes.append(_PHONE)
    if ":" in near or any(c in "aApPhH" for c in after):
        shapes += [_TIME, _AM_PM]
    window = text[lo:hi]
    if "§" in window or "U" in window or "ILCS" in window or "SI" in window:
        shapes.append(_STATUTE)
    if after[:1] in (" ", "\t") and after[1:2].isupper():
        shapes.append(_ADDRESS)
    if any(c in "KMGk" for c in text[b - 1 : b] + after.lstrip(" \t")[:1]):  # "26K" may be in the match
        shapes.append(_FILE_SIZE)
    return shapes


def _value(match: re.Match[str], cur: str | None = None) -> int | float:
    """The figure's value; "m", "bn" and "k" multiply only money ("£2.5m", but "400m of road")."""
    digits = match.group("num").replace(",", "") + (match.group("dec") or "")
    value: int | float = float(digits) if match.group("dec") else int(digits)
    mult = (match.group("mult") or (match.group("short") if cur else None) or "").lower()
    factor = {"m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000, "k": 1_000}
    if mult:
        value = value * factor[mult]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return value


def _unit(cur: str | None, match: re.Match[str] | None, after: str) -> str:
    if cur:
        return _UNITS[cur]
    if match is not None and match.group("pct"):
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
    before = MEASURE_OF.search(text, max(s0, a - 200), a)
    if before:
        measure = _PERIOD_TAIL.split(before.group("m"), maxsplit=1)[0]
        return re.sub(r"\s+", " ", measure).strip() or None
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
    [
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "on",
        "in",
        "of",
        "for",
        "to",
        "by",
        "at",
        "from",
        "with",
        "per",
        "each",
        "and",
        "or",
        "than",
        "as",
        "against",
        "between",
        "during",
        "since",
        "over",
        "under",
        "which",
        "that",
        "this",
        "these",
        "those",
        "it",
    ]
)


_SINCE = re.compile(r"\b(?:since|from|after|starting)\b[ \t]*$", re.IGNORECASE)
_UNTIL = re.compile(
    r"\b(?:up[ \t]+to|until|till|to|before|ending|and|-|–)\b[ \t]*\(?[ \t]*$|[-–][ \t]*$", re.IGNORECASE
)
_FIN_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d\d)[ \t]*[/–-][ \t]*(?P<z>\d\d(?:\d\d)?)\b")
_IN_YEAR = re.compile(
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
        if found.iso is None:
            continue
        lead = text[max(s0, found.start - 12) : found.start]
        if _SINCE.search(lead):
            start = found.iso
        elif _UNTIL.search(lead):
            end = found.iso
    if start is None and end is None:
        return None
    return Period(start=start, end=end)
