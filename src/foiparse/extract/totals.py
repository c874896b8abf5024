"""Figures stated in prose as answers, with their unit, what they count, the period, and a confidence.

A figure is a total on positive evidence only. What is plainly something else is
ruled out first: dates and years, reference numbers and citations (claimed by earlier
extractors), labels ("section 21"), list numbering, postcodes, phone numbers, links,
deadlines ("20 working days"), figures inside the quoted request, and figures inside
tables (the tables hold them). Every other figure becomes a candidate whose named
features say how the text frames it (an answer verb before it, "the number of ... was",
a label and a colon, alone under the question it answers; or, against it, cost-limit
arithmetic, a hypothesis, a bound, the size of a release, below the letter's close),
and ``weigh.each("total", ...)`` keeps the likely ones; the probability is the total's
``confidence``.

What a figure counts (its ``measure``) and when (its ``period``) are what ``collate`` files
it under, so both are read from the figure's own words: the period its clause names
(:func:`_own`), none when that is unclear, and the thing a counting word such as "cases"
is "of". A figure listed after an answer in the same clause ("we recorded 12 cyber attacks
in 2019/20, 9 in 2020/21 and 7 in 2021/22") is weighed with the feature ``listed`` when it
has words of its own (:func:`_mark_listed`), and counts what the first counts when it
names only its period.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Collection
from dataclasses import replace
from typing import NamedTuple

from foiparse.extract import weigh
from foiparse.extract.context import Context
from foiparse.extract.dates import DAY_FIRST, MONTH_FIRST, MONTHS
from foiparse.extract.voice import asks
from foiparse.extract.weigh import Candidate
from foiparse.layout.cells import is_value
from foiparse.layout.segment import SALUTATION, SIGN_OFF
from foiparse.lazyre import lazy
from foiparse.model import ParseWarning, Period, Total

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
MAX_CANDIDATES = 3000  # figures weighed in one letter: far more than any letter states
# Words before a number that make it a label, not a quantity: "section 21", "page 3".
LABEL_BEFORE = re.compile(
    r"""(?:\b(?:sections?|s|ss|regulations?|reg|part|page|pages|appendix|annex|annexe|question|q|point|item
        |paragraph|para|article|schedule|chapter|no|number|option|phase|stage|tier|level|category|grade|band
        |floor|step|room|unit|version|v|ref|reference|request|year|years|ward|zone|route|line|box|po|act|figure
        |table|column|row|week|month|clause|standard|priority|type|flat|house|suite|building|area|district
        |exemptions?|title|chapter|rule|case|crime|incident|complaint|claim|account|invoice|sch)
        # "s. 21", or a label hard-wrapped before its number; "by year.\n5" ends a sentence instead
        (?:\.|[ \t]*\n)?
        |[#№]
        # "the 14 parishes", "these 12 cases": a number already known, used to name things
        # "waited longer than 4 hours": a threshold the answer is measured against
        |\b(?:more|less|fewer|longer|shorter|greater|higher|lower|older|younger)[ \t]+than
        # "<5", "≤ 10": a suppression marker or a bound, never a count
        |[<>≤≥]=?)[ \t]*\Z""",
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
_ACRONYM = re.compile(r"(?<![\w£$€])[A-Z]{2,6}[ \t-]?\Z")
_WITHIN = re.compile(r"\b(?:within|after|before|up[ \t]+to|past|last|previous|next|first|final)[ \t]+\Z", re.IGNORECASE)
# Lines whose numbers are never answers: e-mail header fields and telephone lines.
_HEADER_LINE = re.compile(
    r"^[ \t>]*(?:from|sent|date|to|cc|subject|tel|telephone|phone|fax|mobile|ext)\b\.?[ \t]*:", re.IGNORECASE
)
_NAMING = re.compile(r"(?<!\bof[ \t])\b(?:the|these|those|its|their|your|both)[ \t]+\Z", re.IGNORECASE)
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
# A year-like number is a year after these words, and a count only before a plural noun ("2069 requests").
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|from|to|until|till|during|of|between|and|for|by|before|after|year|years|fy|calendar|financial"
    r"|academic|early|late|mid|summer|winter|spring|autumn|the|this|that|each|per)[ \t\n]*\Z|[-–/][ \t]*\Z",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(r"[ \t\n]+(?:[A-Za-z]+[ \t\n]+){0,3}?[A-Za-z]+s\b(?![ \t\n]+(?:of|on|in|to)[ \t\n]+\d)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")
# A line may wrap inside the number ("contacted on 01684\n295010").
_PHONE = re.compile(r"(?:\+44[ \t]?|\b0)\d{2,4}[ \t\n]?\d{3,4}[ \t\n]?\d{3,4}\b")
# A house number: "1010 Pioneer Avenue".
_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?[ \t]+(?:[A-Z][a-z']+[ \t]+){1,3}"
    r"(?:Road|Street|Avenue|Lane|Way|Drive|Place|Close|Crescent|Square|Terrace|Gardens|Row|Walk"
    r"|Parade|Boulevard|Rd|St|Ave)\b(?=[ \t]*(?:,|$))",
    re.MULTILINE,
)
# A US street address: "500 S. Second St".
_US_ADDRESS = re.compile(r"\b\d{1,5}[ \t]+[NSEW]\.?[ \t]+[A-Z][a-z]+")
# A file's size in an attachment list ("26K", "1.2 MB"); "£26K" is money.
_FILE_SIZE = re.compile(r"(?<![£$€\d.,])\b\d+(?:\.\d+)?[ \t]?(?:[KMG]B|kB|K)\b")
_CELL_AFTER = re.compile(r"[ \t]*\|")
_NUMBERING = re.compile(r"^[ \t]*[(\[]?[0-9]{1,2}[.)\]](?:[ \t]|$)")
# Boilerplate is weighed too, marked as such: a segmenter's guess can take in an answer paragraph.
_PROSE_KINDS = ("paragraph", "list_item", "quote", "boilerplate")
_UNITS = {"£": "GBP", "$": "USD", "€": "EUR"}


def extract_totals(ctx: Context, reference_ids: Collection[str] = ()) -> tuple[Total, ...]:
    """Each figure the letter gives as an answer, in document order, with how sure we are of it.

    Every figure in prose that is not plainly something else (a date, a reference, a
    label, a deadline...) becomes a candidate with named features of the evidence
    around it, and :func:`weigh.each` keeps those likely to be answers: a figure is a
    total on positive evidence ("we received 1,234", "the total was", a figure alone
    under the question it answers), not for want of a rule against it.
    ``reference_ids`` are the numbers of the letter's own and earlier requests: the
    same number met again in the text ("request 1438") is not a figure.
    """
    found = _candidates(ctx, reference_ids)
    if not found:
        return ()
    out: list[Total] = []
    for candidate, p in weigh.each("total", found):
        out.append(replace(candidate.item, confidence=round(p, 2)))
        if len(out) >= MAX_TOTALS:
            ctx.warnings.append(
                ParseWarning(
                    code="totals_truncated",
                    message=f"over {MAX_TOTALS} figures in prose: only the first {MAX_TOTALS} are reported",
                    span=candidate.span,
                )
            )
            break
    else:
        if len(found) >= MAX_CANDIDATES:
            ctx.warnings.append(
                ParseWarning(
                    code="totals_truncated",
                    message=f"over {MAX_CANDIDATES} figures in prose: only the first {MAX_CANDIDATES} were weighed",
                    span=found[-1].span,
                )
            )
    return tuple(out)


_MOST_FIGURES = 5_000


def _candidates(ctx: Context, reference_ids: Collection[str]) -> list[Candidate[Total]]:
    """Every figure in prose that could be an answer, with the features of what surrounds it."""
    text = ctx.text
    prose_mask = bytearray(len(text))  # 1 on the characters of prose blocks
    for block in ctx.blocks:
        if block.kind in _PROSE_KINDS:
            prose_mask[block.span[0] : block.span[1]] = b"\x01" * (block.span[1] - block.span[0])
    prose = [run for run in ctx.digit_runs if prose_mask[run[0]]]  # tables hold their own figures
    if len(prose) > _MOST_FIGURES:  # bounded work: a letter states answers in tens of figures, not thousands
        ctx.warnings.append(
            ParseWarning(
                "figures_cut",
                f"{len(prose):,} figures in prose: only the first {_MOST_FIGURES:,} were weighed as totals",
                (prose[_MOST_FIGURES][0], prose[-1][1]),
            )
        )
        prose = prose[:_MOST_FIGURES]
    words = _number_words(ctx, prose_mask)
    if not prose and not words:
        return []
    dates = _date_mask(ctx)
    history = ctx.history_start  # figures in the quoted earlier messages are not the reply's
    body_start = _salutation_end(ctx)  # nothing above "Dear ..." answers anything
    # Figures that count towards "many figures in one sentence": not the digits of dates and years.
    counted = [
        (x, y)
        for x, y in prose
        if not dates[x]
        and not _YEAR.match(text[x:y])
        and not (text[x - 1 : x] in ",./" and text[x - 2 : x - 1].isdigit())
    ]
    scene = _Scene(ctx, counted, body_start)
    rows: dict[int, bool] = {}  # line start -> is it a row of figures
    found: list[_Figure] = []
    for a, cur, match in _figures(text, prose):
        b = match.end()
        if dates.find(1, a, b) != -1 or ctx.in_request(a, b) or ctx.is_claimed(a, b) or a >= history:
            continue
        num = match.group("num")
        year = not cur and not match.group("pct") and _YEAR.match(num) and not match.group("dec")
        if year and (_YEAR_BEFORE.search(text, max(0, a - 30), a) or not _COUNTED_AFTER.match(text, b, b + 40)):
            continue  # "in 2019", "2019 saw": a year; "received 2069 requests" is weighed as a count
        if len(num.replace(",", "")) > 15:
            continue  # "20192019201920192019": an identifier, not a count (nor a number JSON can carry)
        if num.replace(",", "") in reference_ids:
            continue
        line = ctx.lines[ctx.index.line_no(a)]
        lead = text[max(line.start, a - 200) : a]  # bounded: a letter may be one long line
        if a - line.start <= 200 and not lead.strip() and _NUMBERING.match(text[line.start : b + 2]):
            continue  # the number of a list item
        if a < body_start or _HEADER_LINE.match(line.text):
            continue  # the letterhead's address, an e-mail header, a telephone line
        if line.start not in rows:
            rows[line.start] = _row_of_figures(line.text)
        if rows[line.start]:
            continue  # "2018/19 12.23 28.30": a table row that lost its layout
        after = text[b : b + 40]
        if _CELL_AFTER.match(after) or lead.rstrip().endswith("|"):
            continue  # "46 |": a cell of a table drawn with bars, one cell a line
        if a > 1 and text[a - 1] == "=" and text[a - 2].isalnum():
            continue  # "?page=2": a parameter of a link broken over lines
        if _part_of_something_else(text, a, b):
            continue
        sentence = _answer_sentence(ctx, a, b, after)
        if sentence is not None:
            found.append(_Figure(_value(match, cur), _unit(cur, match, after), (a, b), sentence, False))
            if len(found) >= MAX_CANDIDATES:  # a data dump, not a letter: what follows costs time, answers nothing new
                break
    for a, b, value in words:
        if ctx.in_request(a, b) or ctx.is_claimed(a, b) or a >= history or a < body_start:
            continue
        after = text[b : b + 40]
        sentence = _answer_sentence(ctx, a, b, after)
        if sentence is not None:
            found.append(_Figure(value, _unit(None, None, after), (a, b), sentence, True))
    found.sort(key=lambda f: f.span)
    # Each sentence's periods are read once, for all its figures: which clause names which period.
    by_sentence: dict[tuple[int, int], list[_Figure]] = {}
    for figure in found:
        by_sentence.setdefault(figure.sentence, []).append(figure)
    period: dict[tuple[int, int], Period | None] = {}
    for sentence, figures in by_sentence.items():
        spans = [f.span for f in figures]
        period.update(zip(spans, _periods(ctx, sentence, spans), strict=True))
    out = [_candidate(scene, _total(ctx, f, period[f.span]), f.sentence, f.words) for f in found]
    return _mark_listed(ctx, out, [f.sentence for f in found])


class _Figure(NamedTuple):
    """A figure that may be an answer, before its period is read with the others of its sentence."""

    value: int | float
    unit: str
    span: tuple[int, int]
    sentence: tuple[int, int]
    words: bool  # written in words ("three complaints")


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


def _bounds_another_clause(text: str, s0: int, suppression: re.Match[str], a: int) -> bool:
    """Whether ``suppression`` is "fewer than N" hiding a figure of another clause than the one at ``a``.

    "In 2019/20 there were fewer than five cyber attacks and 14 lost devices": the 14 is
    given, only the attacks are hidden. A sentence explaining how small numbers are
    hidden hides all its figures: "figures fewer than 5 are suppressed", "where fewer
    than 5 people were involved, we have recorded 10".
    """
    word = suppression.group().lower()
    if not (word.startswith(("fewer", "less")) and _BOUND_FIGURE.match(text, suppression.end())):
        return False
    if _CONDITION.search(text, s0, suppression.start()):
        return False
    x, y = sorted((suppression.end(), a))
    return _CLAUSE_BREAK.search(text, x, y) is not None


def _answer_sentence(ctx: Context, a: int, b: int, after: str) -> tuple[int, int] | None:
    """The sentence around a candidate figure, or None when the figure is plainly not an answer.

    Not an answer: a label ("section 21"), a deadline ("20 working days"), a rate, a
    number that is part of a name, the explanation of how small numbers are hidden,
    or a question restated above its answer.
    """
    text = ctx.text
    money = text[a] in _CURRENCY  # "financial year £4,849,058": a label word never names an amount
    if (not money and LABEL_BEFORE.search(text, max(0, a - 20), a)) or DEADLINE.match(after):
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
    if any(not _bounds_another_clause(text, s0, m, a) for m in SUPPRESSION.finditer(text, s0, s1)):
        return None
    line = ctx.lines[ctx.index.line_no(a)]
    # A figure opening its line answers what is above it; otherwise read its sentence so far.
    lead = line.start if _opens_line(text[line.start : a]) else s0
    if asks(text[lead : min(s1, line.end)]):
        own = text[line.start : min(s1, line.end)]
        if not (lead < line.start and own[:1].isupper() and asks(text[lead : line.start]) and not asks(own)):
            return None  # a question restated above its answer: "... the policies in 14 and 15?"
        # else the question above ended without its mark, and this line, a statement, answers it
    return s0, s1


# The evidence that a figure is an answer, read around each candidate (weighed in data/weights/total.json).
_S = r"[ \t\n]+"  # a space in a hard-wrapped sentence
_QUALIFIER = (
    rf"(?:{_S}(?:a{_S}total{_S}of|in{_S}total|approximately|approx\.?|around|about|roughly|some|only|just|over"
    rf"|nearly|almost|exactly|circa|c\.|an?{_S}(?:average|mean|median){_S}of|a{_S}further|another|of))*"
)
_ACTION_VERBS = (
    r"received|issued|recorded|registered|logged|reported|identified|found|made|refused|rejected|declined|approved"
    r"|granted|awarded|stored|disposed[ \t\n]+of|processed|completed|carried[ \t\n]+out|conducted|undertaken|seized"
    r"|spent|paid|cost|employ(?:s|ed)?|handled|dealt[ \t\n]+with|served|opened|closed|attended|removed|collected"
    r"|investigated|prosecuted|sold|purchased|installed|recovered|lost|took|taken|resolved|upheld|returned|submitted"
    r"|answered|sent|delivered|allocated|claimed|incurred|charged|raised|generated|fined|arrested|cautioned"
    r"|dismissed|suspended|excluded|evicted|treated|admitted|recruited|hired|appointed|trained|inspected|visited"
    r"|repaired|replaced|cancelled|withdrawn|waived|totall?ed|totals|amount(?:s|ed)?[ \t\n]+to|c[oa]me[ \t\n]+to"
    r"|comes[ \t\n]+to|stands?[ \t\n]+at|stood[ \t\n]+at|numbered|reached|rose[ \t\n]+to|fell[ \t\n]+to"
    r"|(?:in|de)creased[ \t\n]+to|(?:set|fixed)[ \t\n]+at"
)
# "we received 1,234", "the Council has issued 57": a verb of doing or counting just before the figure.
_ACTION_BEFORE = re.compile(rf"\b(?:{_ACTION_VERBS}){_QUALIFIER}[ \t\n]*$", re.IGNORECASE)
# "we have 14", "the register holds 21,564": having or holding.
_HAVE_BEFORE = re.compile(
    rf"\b(?:had|has|have|holds?|held|contains?|contained|includes?|included){_QUALIFIER}[ \t\n]*$", re.I
)
# "the number of ... was 1896", "Total evictions = 219".
_BE_BEFORE = re.compile(rf"(?:\b(?:is|was|were|are|been|be)|=){_QUALIFIER}[ \t\n]*[:–—-]?[ \t\n]*$", re.IGNORECASE)
# "the number of vehicles reported ... was 1896": the frame of an answer.
_NUMBER_OF_BE = re.compile(
    rf"\b(?:number|total|amount|count|sum|cost)\b(?:(?!\b(?:if|would|could)\b)(?:[^.?!;]|(?<=\d)\.(?=\d))){{0,160}}"
    rf"(?:\b(?:is|was|were|are|stands[ \t\n]+at|stood[ \t\n]+at|came[ \t\n]+to|totall?ed)|=){_QUALIFIER}[ \t\n]*[:–—-]?[ \t\n]*$",
    re.IGNORECASE,
)
# "in excess of $5,000", "under 18": a bound the answer is measured against, not the answer.
_BOUND_BEFORE = re.compile(
    rf"\b(?:in{_S}excess{_S}of|exceed(?:ing|s)?|above|below|under|at{_S}(?:least|most)|up{_S}to|more{_S}than|less{_S}than"
    rf"|fewer{_S}than|no{_S}more{_S}than|a{_S}maximum{_S}of|a{_S}minimum{_S}of)[ \t\n]*$",
    re.IGNORECASE,
)
# "b. No of adult cases 1097": a label line that ends in its figure.
_LABEL_LINE = re.compile(
    r"^[ \t\xa0•*·-]*(?:[a-z0-9]{1,3}[.)][ \t\xa0]+)?(?:the[ \t]+)?(?:total[ \t]+)?(?:number|no\.?|amount|count|total|cost"
    r"|spend)\b(?:(?!\b(?:is|was|were|are|be|been|would|could|will|had|has|have|if)\b)[^.?!:\n]){0,100}(?<![\d,.])[ \t\xa0]*$",
    re.IGNORECASE,
)
# A numbered item above a figure: the question it answers ("4. The number of employees.").
_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}|[a-z]|[ivx]{1,4})[.),][ \t]+[A-Za-z]")
# "I can confirm that the Trust engaged 23 agencies": the letter saying it is answering.
_CONFIRM = re.compile(
    r"\b(?:can|able[ \t\n]+to|pleased[ \t\n]+to|like[ \t\n]+to|would[ \t\n]+)[ \t\n]*confirm[ \t\n]+that\b", re.I
)
# A sentence about the request itself: "your request asked for five items, 4 of which ...".
_ABOUT_REQUEST = re.compile(
    r"\byour[ \t\n]+(?:\w+[ \t\n]+)?(?:request|email|e-mail|letter|application),?[ \t\n]+(?:\S+[ \t\n]+){0,6}?"
    r"(?:asked|sought|requested|listed|contained|included|comprised|had|has)\b|\byou[ \t\n]+(?:asked|requested|listed|sought)\b",
    re.IGNORECASE,
)
# The requester counting their own requests, quoted in a review: "I have made 27 requests".
_REQUESTER_COUNT = re.compile(
    r"\bI[ \t\n]+(?:have|had|'ve)[ \t\n]+(?:made|submitted|sent|asked)\b|\bmy[ \t\n]+(?:previous[ \t\n]+)?requests\b"
)
_THERE_BE = re.compile(rf"\bthere{_S}(?:were|are|was|is|(?:have|has|had){_S}been)\b", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"\b(?:totals?|totall?ed|overall|altogether|in[ \t\n]+all|sum)\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(
    r"^(?:[ \t\n]+[a-z]+){0,3}?[ \t\n]+(?:in[ \t\n]+total|in[ \t\n]+all|altogether|overall)\b", re.I
)
_MEASURE_WORD = re.compile(
    r"\b(?:number|no\.?|amount|count|figure|sum|value|costs?|spend|spent|expenditure|average|mean|median)\b", re.I
)
# "Band A: 80", "Number of main applicants: 28": a short label, then the figure.
_LABEL_TAIL = re.compile(r"^[ \t•*·▪◦‣○>-]*(?:[A-Za-z][\w'’()/&.-]*[ \t]+){0,12}[A-Za-z][\w'’()/&.-]*[ \t]*[:=][ \t]*$")
_ANSWER_LABEL = re.compile(r"\b(?:answer|response|reply|a)[ \t]*[:.\-–][ \t]*$", re.IGNORECASE)
_ANSWER_LINE = re.compile(r"^[ \t]*(?:answer|response|reply|our[ \t]+response|a)[ \t]*[:.\-–]?[ \t]*$", re.IGNORECASE)
# "219 tenants were evicted", "18 of the lots": the figure as the subject of the answer.
_VERB_AFTER = re.compile(
    rf"^(?:[ \t]*\([^()\n]{{1,24}}\))?[ \t]+(?:(?!(?:which|that|who|whom|whose|when|where|if)\b)[A-Za-z][\w'’-]*{_S}){{0,5}}?"
    rf"(?:were|was|(?:have|has|had){_S}been|are|is|have|had|did|do|does|took|made|spent|paid"
    rf"|(?<!the )(?<!of )(?<! a )(?<!an )(?<!all )(?!(?:need|us|requir)ed)[a-z]{{3,}}ed)\b",
    re.IGNORECASE,
)
# "the force referred 45 cases", "call-outs have fallen by 41%": a verb in the past before the figure.
_PAST_BEFORE = re.compile(
    rf"\b(?:(?!(?:ag|dat|titl|entitl|nam|call|bas|list|number|label|mark|head|attach|enclos|exceed|need|requir"
    rf"|limit|relat|includ|ask|request|receiv)ed\b)[a-z]{{2,}}ed|fallen|risen|grown|grew|fell|rose|dropped|won|lost)"
    rf"(?:{_QUALIFIER}|{_S}(?:by|at|to))?[ \t\n]*$",
    re.IGNORECASE,
)
# "45 Crown Court cases and 312 Youth Court cases": a figure listed beside another as a second answer.
_COORDINATED = re.compile(r"\d[^\d.;:?!\n]{2,30}(?:,|\band|\bwhile|\bwhilst|\bwith)[ \t\n]*$", re.IGNORECASE)
# "Of the 1,204 applications received, 97 were refused": the whole the parts are taken from.
_OF_THE_BEFORE = re.compile(r"(?:^|[.;:]\s*|\n\s*)of[ \t\n]+the[ \t\n]+$", re.IGNORECASE)
_OF_AFTER = re.compile(rf"^{_S}(?:of|out{_S}of){_S}(?:them|these|those|which|the|our|all|its|their)\b", re.I)
# "5 pages", "fourteen (14) documents": a count of what is sent, not an answer.
_DOCS_AFTER = re.compile(
    r"^[ \t\n]*(?:\(\d+\)[ \t\n]*)?(?:[a-z]+[ \t\n]+)?(?:pages?|documents?|files?|attachments?|e-?mails?"
    r"|spreadsheets?|copies|enclosures?)\b",
    re.IGNORECASE,
)
# "it would take 43 hours", "if each took 5 minutes": a figure in a hypothesis, not an answer.
# "there are 2 parts to your request": the shape of the request, not an answer to it.
_PARTS_AFTER = re.compile(
    r"^[ \t\n]+(?:of[ \t\n]+(?:the|your)[ \t\n]+(?:\d+[ \t\n]+)?)?(?:separate[ \t\n]+|distinct[ \t\n]+|main[ \t\n]+)?"
    r"(?:parts?|questions?|elements?|points?|strands?|sections?|exemptions?|exceptions?)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:would|could|might)\b(?![ \t\n]+(?:like|be[ \t\n]+(?:happy|pleased|grateful)|appreciate))|\b(?:if|unless|assum\w*)\b",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"\b(?:sections?|s\.|acts?|regulations?|regs?\.?|exempt\w*|ILCS|U\.S\.C|statutes?|subsection|clause|schedule"
    r"|article)\b",
    re.IGNORECASE,
)
_PROCESS = re.compile(
    r"\b(?:(?:working|calendar|business)[ \t\n]+days|internal[ \t\n]+review|commissioner|request[ \t\n]+for[ \t\n]+review|extension"
    r"|deadline|acknowledg\w*|re-?use|licen[cs]e)\b",
    re.IGNORECASE,
)
_WE_BEFORE = re.compile(
    r"\b(?:we|our|the[ \t\n]+(?:council|trust|force|department|authority|service|board|office|agency|team))\b", re.I
)
# The end of the letter's own words: a closing line or a sign-off.
_CLOSING = re.compile(
    r"^[ \t]*(?:if[ \t]+(?:I|we)[ \t]+can[ \t]+be[ \t]+of[ \t]+(?:any[ \t]+)?further[ \t]+assistance"
    r"|if[ \t]+you[ \t]+have[ \t]+any[ \t]+(?:further[ \t]+|other[ \t]+)?(?:queries|questions|enquiries)"
    r"|please[ \t]+do[ \t]+not[ \t]+hesitate)\b",
    re.IGNORECASE,
)
_QUOTES_OPEN = "“"
_QUOTES_CLOSE = "”"
_WORD = re.compile(r"[a-z]{4,}")
# Words any request or answer uses: sharing them says nothing about what was asked.
_COMMON_WORDS = frozenset(
    [
        "please",
        "provide",
        "information",
        "request",
        "requested",
        "requesting",
        "would",
        "like",
        "know",
        "number",
        "many",
        "much",
        "that",
        "this",
        "with",
        "from",
        "have",
        "what",
        "which",
        "your",
        "their",
        "there",
        "they",
        "were",
        "been",
        "each",
        "other",
        "within",
        "under",
        "freedom",
        "year",
        "years",
        "also",
        "about",
        "following",
        "details",
        "detail",
        "total",
        "could",
        "should",
        "these",
        "those",
        "into",
        "over",
        "such",
        "than",
        "then",
        "when",
        "where",
        "will",
        "copy",
        "copies",
        "records",
        "data",
        "council",
        "authority",
        "department",
        "including",
        "include",
        "includes",
        "period",
        "between",
        "since",
        "time",
        "dates",
        "date",
        "last",
        "current",
        "currently",
        "respect",
        "regard",
        "regards",
        "relating",
        "related",
        "relation",
        "whether",
        "held",
        "hold",
        "holds",
        "confirm",
        "breakdown",
        "broken",
        "answer",
        "response",
        "thank",
        "dear",
        "sincerely",
        "faithfully",
    ]
)


class _Scene:
    """What every candidate of one letter is weighed against: the request's words, where the letter ends."""

    def __init__(self, ctx: Context, runs: list[tuple[int, int]], body_start: int) -> None:
        self.ctx = ctx
        self.run_starts = [a for a, _ in runs]
        asked = " ".join(ctx.text[a:b] for a, b in ctx.request_spans).lower()
        self.request_words = frozenset(_stems(asked))
        self.request_numbers = frozenset(m.group().replace(",", "") for m in _REQUEST_NUMBER.finditer(asked))
        self.close = len(ctx.text)
        for i in ctx.lines_with(("further assistance", "any queries", "any questions", "any enquiries", "hesitate")):
            line = ctx.lines[i]
            if line.start >= body_start and _CLOSING.match(line.text):
                self.close = line.start
                break
        for i in ctx.lines_with(("sincerely", "faithfully", "regards", "truly", "respectfully")):
            line = ctx.lines[i]
            if body_start <= line.start < self.close and SIGN_OFF.match(line.text):
                self.close = line.start
                break
        self._burden: dict[tuple[int, int], bool] = {}
        self.argues_burden = _argues_burden(ctx)

    def figures_between(self, a: int, b: int) -> int:
        return bisect.bisect_left(self.run_starts, b) - bisect.bisect_left(self.run_starts, a)

    def burden(self, sentence: tuple[int, int]) -> bool:
        """Whether the figure's sentence, or the one after it, argues the cost of the request.

        Sentences, not the block: a letter without blank lines is one block, and its
        answers must not take the arithmetic of a later refusal.
        """
        if not self.argues_burden:
            return False
        s0, s1 = sentence
        holder = self.ctx.block_at(s0)
        stop = holder.span[1] if holder is not None else len(self.ctx.text)
        end = min(stop, self.ctx.sentence(min(s1 + 1, stop), min(s1 + 1, stop))[1]) if s1 < stop else s1
        key = (s0, end)
        if key not in self._burden:
            self._burden[key] = COST_ARITHMETIC.search(self.ctx.text, s0, max(s1, end)) is not None
        return self._burden[key]


_REQUEST_NUMBER = re.compile(r"(?<![\d/.,-])\d[\d,]*(?:\.\d+)?(?![\d/-])")


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, a crude stem ("evicted", "evictions" -> "evict")."""
    return {w[:5] for w in _WORD.findall(text) if w not in _COMMON_WORDS}


def _candidate(scene: _Scene, total: Total, sentence: tuple[int, int], words: bool) -> Candidate[Total]:
    """``total`` as a candidate answer, with the features of the text around it."""
    ctx, text = scene.ctx, scene.ctx.text
    a, b = total.span
    s0, s1 = sentence
    i = ctx.index.line_no(a)
    line = ctx.lines[i]
    whole = a - line.start <= 200  # a letter may be one long line: read at most 200 characters of it
    on_line = text[max(line.start, a - 200) : a]
    opens_line = whole and _opens_line(on_line)
    rest = text[b : min(line.end, b + 200)]
    prev = i - 1
    while prev >= 0 and ctx.lines[prev].blank:
        prev -= 1
    prev_line = ctx.lines[prev] if prev >= 0 else None
    # The clause before the figure: its sentence so far, from the last question mark, colon or semicolon.
    c0 = line.start if opens_line else max(s0, a - 100)
    cut = max(text.rfind("?", c0, a), text.rfind(";", c0, a), text.rfind(": ", c0, a - 3))
    clause = text[cut + 1 if cut >= 0 else c0 : a]
    near = clause[-60:]  # the verb and its hedges ("received a total of approximately") fit in this
    acted = _ACTION_BEFORE.search(near) is not None
    tail = re.split(r"[,;(\n]|\.\s", on_line)[-1]
    after = text[b : b + 60]
    question_before = "?" in on_line or (prev_line is not None and prev_line.text.rstrip().endswith("?"))
    item_before = opens_line and prev_line is not None and _ITEM.match(prev_line.text) is not None
    under_request = (
        prev_line is not None
        and opens_line
        and any(x <= prev_line.end - 1 and prev_line.start < y for x, y in ctx.request_spans)
    )
    lead = ctx.lines[max(0, i - 2)].start if opens_line or question_before or item_before else s0
    shared = len(_stems(text[lead:s1].lower()) & scene.request_words)
    # A figure alone on its line answers by itself: the sentence around it may run on into the next question.
    n = scene.figures_between(line.start, line.end) if opens_line else scene.figures_between(s0, s1)
    value = total.value
    features: dict[str, float] = {
        "action_before": _flag(acted),
        "have_before": _flag(_HAVE_BEFORE.search(near)),
        "past_before": _flag(not acted and _PAST_BEFORE.search(near)),
        "confirm": _flag(_CONFIRM.search(text, s0, a)),
        "of_the_before": _flag(_OF_THE_BEFORE.search(clause)),
        "coordinated": _flag(_COORDINATED.search(clause[-40:])),
        "be_before": _flag(_BE_BEFORE.search(near)),
        "there_be": _flag(_THERE_BE.search(near)),
        "number_of": _flag(_NUMBER_OF_BE.search(clause)),
        "total_word": _flag(_TOTAL_WORD.search(near) or _TOTAL_AFTER.match(after)),
        "measure_word": _flag(_MEASURE_WORD.search(near)),
        "label_colon": _flag(_LABEL_TAIL.match(tail)),
        "label_line": _flag(whole and not rest.strip(" \t.,;") and _LABEL_LINE.match(on_line)),
        "answer_label": _flag(
            _ANSWER_LABEL.search(on_line)
            or (opens_line and prev_line is not None and _ANSWER_LINE.match(prev_line.text))
        ),
        "verb_after": _flag(_VERB_AFTER.match(after)),
        "of_after": _flag(_OF_AFTER.match(after)),
        "we_before": _flag(_WE_BEFORE.search(near)),
        "opens_line": float(opens_line),
        "line_alone": float(opens_line and len(rest.split()) <= 4),
        "ends_line": float(not rest.strip(" \t.,;:)")),
        "question_before": float(question_before),
        "item_before": float(item_before and not question_before),
        "under_request": float(under_request),
        "after_rows": float(prev_line is not None and opens_line and _row_of_figures(prev_line.text)),
        "request_words": min(shared, 3) / 3,
        "no_request": float(not scene.request_words),
        "echo_request": float(str(value) in scene.request_numbers and value >= 10),
        "requester_count": _flag(_REQUESTER_COUNT.search(text, max(s0 - 200, 0), s1)),
        "about_request": _flag(_ABOUT_REQUEST.search(text, s0, a)),
        "docs_after": _flag(_DOCS_AFTER.match(after)),
        "parts_after": _flag(_PARTS_AFTER.match(after)),
        "modal": _flag(_MODAL.search(clause)),
        "bound_before": _flag(_BOUND_BEFORE.search(near)),
        "legal": _flag(_LEGAL.search(text, s0, s1)),
        "process": _flag(_PROCESS.search(text, s0, s1)),
        "burden": float(scene.burden(sentence)),
        "after_close": float(a >= scene.close),
        "quoted": float(_inside_quotes(text, max(s0, a - 300), a)),
        "many_figures": float(n >= 4),
        "figures": min(max(n - 1, 0), 6) / 6,
        "small": float(value < 10),
        "money": float(total.unit in _UNITS.values()),
        "percent": float(total.unit == "percent"),
        "time_unit": float(total.unit in ("hours", "days", "weeks", "months", "years", "minutes", "seconds")),
        "in_words": float(words),
        "boilerplate": float(ctx.kind_at(a) == "boilerplate"),
        "year_like": float(isinstance(value, int) and 1900 <= value <= 2099 and total.unit == "count"),
    }
    return Candidate(total, _key(value), (a, b), {k: v for k, v in features.items() if v})


# A list member's own words between it and the next: what it counts and when, no verb nor other figure.
_LIST_GAP = re.compile(
    r"(?:[ \t\n]+(?!(?:which|that|who|whom|whose|if|would|could|might|was|were|is|are|be|been|has|have|had"
    r"|will|of[ \t\n]+which|but|while|whilst|whereas|than)\b)(?:[A-Za-z][\w'’-]*|(?:19|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?)){0,12}"
    r"[ \t\n]*(?:,[ \t\n]+(?:and[ \t\n]+)?|[ \t\n]+and[ \t\n]+)"
)
# What makes a list's first member an answer: the frame the list shares.
_FRAMES = ("action_before", "have_before", "be_before", "there_be", "number_of", "past_before", "verb_after")
# What makes it no answer (or an unsure one), which its list shares too.
_AGAINST = (
    "modal",
    "bound_before",
    "burden",
    "quoted",
    "echo_request",
    "about_request",
    "requester_count",
    "docs_after",
    "parts_after",
    "after_close",
    "legal",
    "process",
    "year_like",
    "boilerplate",
    "time_unit",
)


def _mark_listed(
    ctx: Context, candidates: list[Candidate[Total]], sentences: list[tuple[int, int]]
) -> list[Candidate[Total]]:
    """Mark ``listed`` each figure that follows an answer in a list of its sentence, with words of its own.

    "We recorded 12 cyber attacks in 2019/20, 9 in 2020/21 and 7 in 2021/22": the 9 and
    the 7 share the frame of the 12 ("we recorded") though nothing frames them alone. A
    member is listed when only its head's own words (what it counts, its period) and a
    comma or "and" come between it and the figure before, that figure is framed as an
    answer (or is itself listed) with nothing against it, and the member names what it
    counts or its period. A member that names only its period counts what its head
    counts. A suppressed head ("there were fewer than five cyber attacks and 14 lost
    devices") heads a list as well.
    """
    text = ctx.text
    out: list[Candidate[Total]] = []
    head: Candidate[Total] | None = None
    for k, (candidate, sentence) in enumerate(zip(candidates, sentences, strict=True)):
        a, b = candidate.span
        framed = False
        if k and sentences[k - 1] == sentence and head is not None:
            gap = _LIST_GAP.fullmatch(text, head.span[1], a) if a - head.span[1] <= 120 else None
            framed = gap is not None and _answer_frame(head.features)
        elif a - sentence[0] <= 200:
            bound = _BOUND_HEAD.search(text, sentence[0], a)
            if bound is not None and _LIST_GAP.fullmatch(text, bound.end(), a):
                frame = text[max(sentence[0], bound.start() - 60) : bound.start()]
                framed = bool(
                    (_THERE_BE.search(frame) or _ACTION_BEFORE.search(frame) or _HAVE_BEFORE.search(frame))
                    and not _MODAL.search(frame)
                )
        if framed and _own_words(ctx, candidate.item, b, sentence):
            total = candidate.item
            if total.measure is None and head is not None and sentences[k - 1] == sentence:
                total = replace(total, measure=head.item.measure)  # "12 attacks in 2019/20, 9 in 2020/21": 9 attacks
            candidate = replace(candidate, item=total, features={**candidate.features, "listed": 1.0})
        out.append(candidate)
        head = candidate
    return out


def _answer_frame(features: weigh.Features) -> bool:
    """Whether a figure's features frame it as an answer with nothing against it (or it is listed itself)."""
    return any(features.get(f) for f in (*_FRAMES, "listed")) and not any(features.get(f) for f in _AGAINST)


def _own_words(ctx: Context, total: Total, b: int, sentence: tuple[int, int]) -> bool:
    """Whether the words after a figure, up to its list's next comma or "and", name what it counts or when.

    A measure read from "the number of X was 50, 63 and 56" is the sentence's, not the figure's own.
    """
    s0, s1 = sentence
    if total.measure is not None and not MEASURE_OF.search(ctx.text, max(s0, b - 300), b):
        return True
    stop = _CLAUSE_BREAK.search(ctx.text, b, min(s1, b + 80))
    return bool(_mentions(ctx, b, stop.start() if stop else min(s1, b + 80)))


def _opens_line(before: str) -> bool:
    """Whether only white space or a bullet comes before a figure on its line."""
    return not before.strip(" \t\xa0•*·▪◦‣○>-–")


def _flag(found: object) -> float:
    return 1.0 if found else 0.0


def _key(value: int | float) -> str:
    """The value as an answer key writes it: "259", "12.5"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _inside_quotes(text: str, a: int, b: int) -> bool:
    """Whether ``b`` lies inside a quotation opened after ``a``: the requester's or a document's words."""
    window = text[a:b]
    return window.count(_QUOTES_OPEN) > window.count(_QUOTES_CLOSE) or window.count('"') % 2 == 1


def _total(ctx: Context, figure: _Figure, period: Period | None) -> Total:
    a, b = figure.span
    return Total(
        value=figure.value,
        text=ctx.text[a:b],
        unit=figure.unit,
        measure=_measure(ctx.text, figure.sentence[0], a, b),
        period=period,
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
# "fewer than five cyber attacks": a bound standing for one suppressed figure, not a rule for hiding them.
_BOUND_FIGURE = re.compile(rf"[ \t\n]+(?:\d|(?:{'|'.join(_UNITS_WORDS + _TENS_WORDS)})\b)", re.IGNORECASE)
# "there were fewer than five cyber attacks and 14 ...": a suppressed figure heading a list.
_BOUND_HEAD = re.compile(
    rf"\b(?:fewer|less){_S}than{_S}(?:\d+|{'|'.join(_UNITS_WORDS + _TENS_WORDS)})\b(?=[^\d]*\Z)", re.IGNORECASE
)
_CONDITION = re.compile(r"\b(?:where|wherever|if|when|whenever|unless)\b", re.IGNORECASE)
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
_QUALIFYING_WORDS = frozenset(
    ["approximately", "around", "about", "roughly", "some", "only", "just", "nearly", "almost"]
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
        before = ctx.text[max(0, m.start() - 40) : m.start()].rstrip()
        last_word = before.rsplit(None, 1)[-1].lower() if before else ""
        if last_word in _QUALIFYING_WORDS:  # "approximately six responses": read what comes before the hedge
            before = before[: -len(last_word)].rstrip()
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
        shapes += [_ADDRESS, _US_ADDRESS]
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
    """What the figure counts: "number of X" before it, else the noun phrase after it.

    A counting word says only that things were counted, not what: "27 cases of
    information sent to the wrong recipient" counts "information sent to the wrong
    recipient", as "the number of incidents of theft" counts "theft" (see _COUNTING_NOUN).
    """
    before = MEASURE_OF.search(text, max(s0, a - 200), a)
    if before:
        measure = _PERIOD_TAIL.split(before.group("m"), maxsplit=1)[0]
        measure = re.sub(r"\s+", " ", measure).strip()
        counted = _COUNTING_OF.match(measure)
        return (counted.group("m") if counted else measure) or None
    start = b
    unit = UNIT_AFTER.match(text[b : b + 20])
    if unit:
        start = b + unit.end()  # "14,760 hours of work": the unit is not the measure
    after = MEASURE_AFTER.match(text, start, min(len(text), start + 80))
    if after and after.group("m").strip():
        words = after.group("m").split()
        if words[0].lower() not in _NOT_A_NOUN:
            if _COUNTING_NOUN.fullmatch(words[-1]):
                what = _OF_WHAT.match(text, after.end())  # bounded: ten words at most
                if what:
                    return re.sub(r"\s+", " ", what.group("m"))
            return " ".join(words)
    return None


# Nouns that count without saying what: "27 cases of ...", "12 incidents of theft", "on 3 occasions".
_COUNTING = r"(?:case|instance|incident|occasion|occurrence)s?"
_COUNTING_NOUN = re.compile(_COUNTING, re.IGNORECASE)
# "incidents of theft" inside "the number of incidents of theft".
_COUNTING_OF = re.compile(rf"(?:[A-Za-z][\w'-]*[ \t]+)?{_COUNTING}[ \t]+of[ \t]+(?P<m>.+)", re.IGNORECASE)
# What the counted things are "of", up to what starts a period, a verb, a clause or another figure.
_OF_WHAT = re.compile(
    r"[ \t\n]+of[ \t\n]+(?P<m>(?:[A-Za-z][\w'-]*[ \t\n]+){0,9}?[A-Za-z][\w'-]*)"
    r"(?=[ \t\n]+(?:(?:were|was|are|is|have|has|had|in|during|between|from|since|over|within|which|that|who|where"
    r"|when)\b|(?:and|or)[ \t\n]+[\d£$€])|[ \t\n]*(?:[.,;:()]|\Z))",
)


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
# "2019/20", "2019-20", "2019/2020": a financial year, whose second year must follow the first
# ("1 April 2019 - 31 March 2020" holds "2019 - 31", which is none).
_FIN_YEAR = re.compile(
    r"\b(?P<y>(?:19|20)\d\d)[ \t]*[/–-][ \t]*(?P<z>\d\d(?:\d\d)?)\b|\bFY[ \t]?(?P<y2>\d\d)[ \t]*[/–-][ \t]*(?P<z2>\d\d)\b",
    re.IGNORECASE,
)
# "in 2019", "during the calendar year 2019", "the whole of 2019"; not "the first quarter of 2019" nor "2019 Q1".
_IN_YEAR = re.compile(
    r"\b(?:in|during|for|(?:whole|all|course|entirety)[ \t]+of)[ \t]+(?:the[ \t]+(?:calendar[ \t]+)?year[ \t]+)?"
    r"(?P<y>(?:19|20)\d\d)\b(?![ \t]*(?:[/–-]|Q[1-4]\b|H[12]\b))",
    re.IGNORECASE,
)
# Between the two dates of a range: "1 April 2019 - 31 March 2020", "between 1 April 2019 and 31 March 2020".
_RANGE_GAP = re.compile(r"[ \t\n]*(?:[-–—]|to|and|until|till|through)[ \t\n]*", re.IGNORECASE)
# Where one clause of a sentence ends and the next starts: "in 2019/20 was 50, in 2020/21 it was 63 and ...".
_CLAUSE_BREAK = re.compile(
    r"[,;:](?=[ \t\n])|[()]|[ \t\n](?:and|but|while|whilst|whereas)(?=[ \t\n])|[ \t][-–—](?=[ \t])", re.IGNORECASE
)


class _Mention(NamedTuple):
    """A period a sentence names, and where: "in 2019/20", "1 April 2019 - 31 March 2020", "since May 2019"."""

    start: int
    end: int
    period: Period


def _mentions(ctx: Context, s0: int, s1: int) -> list[_Mention]:
    """Every period named in ``s0..s1``, in order: years, financial years, ranges of dates, open ends."""
    text = ctx.text
    found: list[_Mention] = []
    dates = ctx.dates_between(s0, s1)
    i = 0
    while i < len(dates):
        d, nxt = dates[i], dates[i + 1] if i + 1 < len(dates) else None
        if nxt is not None and nxt.iso is not None and _RANGE_GAP.fullmatch(text, d.end, nxt.start):
            period = Period(d.iso or _start_before(text, d.start, nxt.iso), nxt.iso)
            if period.start is not None and _bounds(period)[0] < _bounds(period)[1]:
                found.append(_Mention(d.start, nxt.end, period))
                i += 2
                continue
        i += 1
        if d.iso is None:
            continue
        lead = text[max(s0, d.start - 12) : d.start]
        if len(d.iso) == 10 and _YEAR_TO.search(text, max(s0, d.start - 30), d.start):
            found.append(_Mention(d.start, d.end, Period(_year_ending(d.iso), d.iso)))
        elif _SINCE.search(lead):
            found.append(_Mention(d.start, d.end, Period(d.iso, None)))
        elif _UNTIL.search(lead):
            found.append(_Mention(d.start, d.end, Period(None, d.iso)))
    in_dates = [(d.start, d.end) for d in dates]  # in order, none overlapping another
    for m in _IN_YEAR.finditer(text, s0, s1):
        if not _overlaps(m.span(), in_dates):
            found.append(_Mention(m.start(), m.end(), Period(m.group("y"), m.group("y"))))
    for m in _FIN_YEAR.finditer(text, s0, s1):
        short = int(m.group("y2") or 0)  # "FY19/20"; "FY99/00" is 1999/00
        y, z = int(m.group("y") or short + (1900 if short >= 70 else 2000)), m.group("z") or m.group("z2")
        if int(z) == (y + 1 if len(z) == 4 else (y + 1) % 100) and not _overlaps(m.span(), in_dates):
            found.append(_Mention(m.start(), m.end(), Period(f"{y}-04", f"{y + 1}-03")))
    return sorted(found)


# "in the year to 31 March 2020", "the 12 months ending 30 June 2021": the year that ends on that day.
_YEAR_TO = re.compile(
    r"\b(?:year|12[ \t\n]+months|twelve[ \t\n]+months)[ \t\n]+(?:to|ending|ended|up[ \t\n]+to)[ \t\n]+(?:on[ \t\n]+)?$",
    re.IGNORECASE,
)


def _year_ending(iso: str) -> str:
    """The first day of the year that ends on ``iso``: 2020-03-31 -> 2019-04-01."""
    last = dt.date.fromisoformat(iso)
    try:
        before = last.replace(year=last.year - 1)
    except ValueError:  # 29 February
        before = last.replace(year=last.year - 1, day=28)
    return (before + dt.timedelta(days=1)).isoformat()


def _start_before(text: str, at: int, end: str) -> str | None:
    """The start of "1 April to 31 March 2020", which takes its year from the end's (or the year before)."""
    found = DAY_FIRST.match(text, at) or MONTH_FIRST.match(text, at)
    if found is None or len(end) != 10:
        return None
    groups = found.groupdict()
    day, month = groups.get("d1") or groups.get("d2"), groups.get("m1") or groups.get("m2")
    if not day or not month:
        return None
    last = dt.date.fromisoformat(end)
    when = (MONTHS[month.casefold()[:3]], int(day[:2] if day[:2].isdigit() else day[:1]))
    year = last.year - 1 if when > (last.month, last.day) else last.year
    try:
        return dt.date(year, *when).isoformat()
    except ValueError:
        return None


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps one of ``spans`` (in order, none overlapping another): a search, not a scan."""
    i = bisect.bisect_left(spans, (span[1],))
    return i > 0 and spans[i - 1][1] > span[0]


@functools.lru_cache(maxsize=1024)
def _bounds(period: Period) -> tuple[str, str]:
    """A period's first and last day, so that "2019-04" to "2020-03" equals "2019-04-01" to "2020-03-31"."""
    start, end = period.start or "", period.end or "9999"
    if len(start) == 4:
        start += "-01"
    if len(start) == 7:
        start += "-01"
    if len(end) == 4:
        end += "-12"
    if len(end) == 7:
        end += f"-{calendar.monthrange(int(end[:4]), int(end[5:7]))[1]:02d}"
    return start, end


def _periods(ctx: Context, sentence: tuple[int, int], figures: list[tuple[int, int]]) -> list[Period | None]:
    """The period of each figure of one sentence (``figures`` in order).

    A sentence that names one period gives it to every figure, with any open end it
    also names ("since 1 May 2019"). A sentence naming several gives each figure the
    period of its own clause, so "in 2019/20 was 50, in 2020/21 it was 63" puts 63 in
    2020/21, and "12 attacks in 2019/20, 9 in 2020/21" puts 9 there too; see :func:`_own`.
    """
    mentions = _mentions(ctx, *sentence)
    closed = [m for m in mentions if m.period.start is not None and m.period.end is not None]
    if len({_bounds(m.period) for m in closed}) > 1:
        return _own(ctx.text, sentence, closed, figures)
    if not mentions:
        return [None] * len(figures)
    start, end = (closed[0].period.start, closed[0].period.end) if closed else (None, None)
    for m in mentions:
        if m.period.end is None:
            start = m.period.start
        elif m.period.start is None:
            end = m.period.end
    return [Period(start=start, end=end)] * len(figures)


def _own(
    text: str, sentence: tuple[int, int], mentions: list[_Mention], figures: list[tuple[int, int]]
) -> list[Period | None]:
    """Each figure's period when a sentence names several: the one its clause names, else none.

    Clauses are split at commas, semicolons, colons, brackets, dashes and "and", "but",
    "while" (never inside a period's own words). A period names the figures after it in
    its clause ("in 2019/20 we recorded 6 ...") and in the clauses after that name none
    ("..., 9 lost devices and 27 ..."); a period just after a figure is that figure's
    alone ("12 attacks in 2019/20, 9 in 2020/21"). "In 2019/20 and 2020/21 ... 50 and 63
    respectively" pairs them in order. A figure with two different periods of its own,
    only a later figure's before it, or a list of periods ("50 in 2019/20 and 2020/21")
    gets none: a wrong period would put the figure in another year's column.
    """
    s0, s1 = sentence
    if _RESPECTIVELY.search(text, s0, s1) and len(mentions) == len(figures):
        return [m.period for m in mentions]
    inside = [(m.start, m.end) for m in mentions]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, s0, s1) if not _overlaps(m.span(), inside)]
    # (position, clause, mention or None for a figure), in order
    tokens = sorted(
        [(a, bisect.bisect_right(breaks, a), None) for a, _ in figures]
        + [(m.start, bisect.bisect_right(breaks, m.start), m) for m in mentions],
        key=lambda t: t[0],
    )

    def mention(j: int) -> _Mention | None:
        return tokens[j][2] if 0 <= j < len(tokens) else None

    def follows_figure(j: int) -> bool:
        """A period just after a figure of its own clause: that figure's, leading nothing after it."""
        return 0 < j < len(tokens) and mention(j - 1) is None and tokens[j - 1][1] == tokens[j][1]

    def listed(j: int) -> bool:
        """A period beside another one ("in 2019/20 and 2020/21"): no one figure's."""
        this = mention(j)
        return this is not None and any(
            (other := mention(i)) is not None and _bounds(other.period) != _bounds(this.period) for i in (j - 1, j + 1)
        )

    out: list[Period | None] = []
    lead = -1  # the last period before the token
    for k, (_, clause, m) in enumerate(tokens):
        if m is not None:
            lead = k
            continue
        own = mention(k + 1) if follows_figure(k + 1) else None
        led = mention(lead) if lead >= 0 and not follows_figure(lead) and not listed(lead) else None
        if own is None:
            out.append(None if led is None else led.period)
        elif listed(k + 1):
            out.append(None)  # "50 in 2019/20 and 2020/21": both years, not one
        elif led is not None and tokens[lead][1] == clause and _bounds(led.period) != _bounds(own.period):
            out.append(None)  # "in 2019/20 it was 50 against 2018/19": two of its own
        else:
            out.append(own.period)
    return out


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
