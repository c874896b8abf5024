"""Counts written as lists, one ``label <separator> figure`` pair a line.

Separators: ``label: 45``, ``label = 45``, ``label – 45``, ``label (45)``, ``label ..... 45``,
with or without a bullet or an item number before the label; values are counts, money,
shares, markers (``<5``, ``nil``) or a figure with its unit (``91.15 per cent``), kept as
written, and ``45 (12%)`` gives two cells. Lists one after another each under its own short
title line are tables of their own; a label met again starts a new list.

Responses state figures this way far more often than in a grid, and a list is easy to
mistake for metadata (``Reference: 1234``), citations or prose with a colon. So a list is
kept only on positive evidence, weighed over the whole run of lines: two or more
consecutive rows sharing one separator, every value a figure, labels that are names of
things rather than sentences, and no sign of a list of dates, phone numbers, references,
ranges or a contents page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from foiparse.layout.cells import is_value
from foiparse.layout.lines import Line

MIN_ROWS = 2
MAX_LINE = 300  # a longer line is a paragraph, never a row
MAX_LABEL = 160  # "The number of requests where the information was not held ...": long labels exist
MAX_TITLE = 80

# A leading bullet or item number is not part of the label ("- Tyres - 73", "2) Fines: 4").
_MARK = re.compile(r"^(?:[-•*·▪◦‣–—]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+", re.IGNORECASE)
# A figure followed by a unit or a counted noun, kept as written ("91.15 per cent", "12 weeks", "40 incidents").
_UNIT = re.compile(
    r"^[£$€]?\d[\d,]*(?:\.\d+)?\s?(?:(?i:per\s?cent|percent|hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?"
    r"|fte|wte|miles?|km|kg|tonnes?|litres?)|[a-z]{3,})$"
)
# A count with its share in brackets, two cells: "45 (12%)", "45 (12.5 per cent)".
_SHARE = re.compile(r"^([£$€]?\d[\d,]*(?:\.\d+)?)\s?\(\s?(\d+(?:\.\d+)?\s?(?:%|per\s?cent))\s?\)$", re.IGNORECASE)
_YEARISH = re.compile(r"^(?:19|20)\d\d(?:\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d))?$")  # 2014, 2021-22, 2018/2019
_BAND = re.compile(r"^(?:[<>≤≥]\s?\d+|\d+\s?(?:[-–]|to)\s?\d+|\d+\+)$")  # "0-4", "65+", "<18": an age or size band
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_FIGURE_END = re.compile(r"(?:^|\s)[£$€]?\d[\d,.]*%?$")
_LONG_ZERO = re.compile(r"^0\d{3,}$")  # 01632960123, 0045: a phone number or a reference, not a count
# Labels of letter metadata, whose figure is an identifier: "Our ref: 2231", "Tel: 5550123", "Case no. 88".
_METADATA = re.compile(
    r"(?:\b(?:ref|refs|reference|tel|telephone|phone|fax|mobile|mob|id|postcode|zip|extension|ext|dx|date|dated"
    r"|room|floor|suite|flat|building|box|desk)"
    r"|\b(?:case|file|ticket|tracking|account|invoice|order|policy|payroll|page|room|version|request|foi|eir|sar"
    r"|reference|ref|phone|telephone)\s+(?:no|number|num|id|ref)|#)\.?$",
    re.IGNORECASE,
)
# Words that make a label a sentence of the letter rather than the name of a counted thing.
_SENTENCE_WORD = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our|[Tt]hey|[Pp]lease|can|could|would|will|shall)\b")
# A label opening like a question or a condition is the request's text ("If outsourced: n/a").
_QUESTION = re.compile(
    r"^(?:if|how|what|which|why|when|where|who|whether|is|are|do|does|did|has|have|was|were)\b", re.IGNORECASE
)
# A label names something in words or a code ("Q1", "S17"); OCR noise such as "l.I.i" does not.
_WORD = re.compile(r"[^\W\d_]{2}|\b[^\W\d_]\d")
_IDENTIFIER = re.compile(r"^\d{10,}$")  # ten digits or more with no grouping: a phone or account number


@dataclass(frozen=True, slots=True)
class ListTable:
    """One list: rows ``(label, value, ...)`` from lines ``first..last`` (inclusive).

    ``title`` is the short line just above the list (outside ``first..last``), if any;
    ``columns`` is empty as lists state no header of their own.
    """

    first: int
    last: int
    title: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class _Pair:
    kind: str  # the separator shared by a list: "=", ":", "-", "()", "..."
    label: str
    value: str
    figure: bool  # the value is a figure (else the line may only sit inside a list, not be a row)
    more: tuple[str, ...] = ()  # further cells: the share in "45 (12%)"


def find_lists(lines: Sequence[Line], claimed: list[bool]) -> list[ListTable]:
    """Every list of figures among the lines not ``claimed``, in document order."""
    pairs: dict[int, list[_Pair]] = {}
    by_kind: dict[str, list[tuple[int, _Pair]]] = {}
    for i, line in enumerate(lines):
        text = line.text
        if claimed[i] or line.blank or len(text) > MAX_LINE or not _may_be_row(text):
            continue
        found_here = _pairs(text, figures_only=True)
        if found_here:
            pairs[i] = found_here
            for pair in found_here:
                by_kind.setdefault(pair.kind, []).append((i, pair))
    runs: list[tuple[int, list[int], str]] = []
    for kind, rows_of_kind in by_kind.items():
        if len(rows_of_kind) >= MIN_ROWS:
            runs.extend((len(rows), rows, kind) for rows in _runs(lines, claimed, rows_of_kind, kind))
    runs.sort(key=lambda r: (-r[0], r[1][0]))
    taken: set[int] = set()
    found: list[ListTable] = []
    for _, rows, kind in runs:
        span = range(rows[0], rows[-1] + 1)
        if any(i in taken for i in span):
            continue
        cells = [next(p for p in pairs[i] if p.kind == kind) for i in rows]
        if not _is_list([(c.label, c.value) for c in cells], kind):
            continue
        taken.update(span)
        title = _title(lines, pairs, claimed, rows[0])
        width = max(len(c.more) for c in cells)
        table_rows = tuple((c.label, c.value, *c.more, *[""] * (width - len(c.more))) for c in cells)
        found.append(ListTable(rows[0], rows[-1], title, (), table_rows))
    found.sort(key=lambda t: t.first)
    return found


def _may_be_row(text: str) -> bool:
    """Whether a line has a separator and a figure or a marker at all.

    Most lines of a letter are dismissed here, by string tests far cheaper than splitting them.
    """
    separated = "=" in text or ":" in text or "-" in text or "–" in text or "—" in text or ")" in text
    if not (separated or ".." in text or "…" in text or "__" in text):
        return False
    # The value ends the row, so its figure is near the end ("... = 45", "...: 91.15 per cent").
    return _DIGIT.search(text, max(0, len(text.rstrip()) - 24)) is not None or _MARKER_END.search(text[-8:]) is not None


_DIGIT = re.compile(r"\d")
_MARKER_END = re.compile(r"(?:nil|none|n/?a|null|[*~xX–—-])\W*$", re.IGNORECASE)


def _runs(
    lines: Sequence[Line], claimed: list[bool], rows_of_kind: list[tuple[int, _Pair]], kind: str
) -> list[list[int]]:
    """Line numbers of consecutive figure rows of ``kind``, runs of two or more.

    A single blank line, or one line of the same shape whose value is words (once the
    list has two rows), may sit between two rows. A label seen again starts the next list
    ("Apr: 63 ... Apr: 20").
    """
    runs: list[list[int]] = []
    run: list[int] = []
    labels: set[str] = set()
    for i, pair in rows_of_kind:  # in line order
        label = pair.label.casefold()
        if run:
            last = run[-1]
            joined = i == last + 1 or (
                i == last + 2
                and not claimed[last + 1]
                and (lines[last + 1].blank or (len(run) >= MIN_ROWS and _same_shape(lines, claimed, last + 1, kind)))
            )
            if not joined or label in labels:
                if len(run) >= MIN_ROWS:
                    runs.append(run)
                run, labels = [], set()
        run.append(i)
        labels.add(label)
    if len(run) >= MIN_ROWS:
        runs.append(run)
    return runs


def _same_shape(lines: Sequence[Line], claimed: list[bool], i: int, kind: str) -> bool:
    """Line ``i`` is a ``label <kind> words`` pair (its value need not be a figure)."""
    line = lines[i]
    if claimed[i] or line.blank or len(line.text) > MAX_LINE:
        return False
    return any(p.kind == kind for p in _pairs(line.text, figures_only=False))


def _pairs(text: str, *, figures_only: bool) -> list[_Pair]:
    """Every reading of one line as ``label <separator> value``, one per separator."""
    body = text.strip()
    mark = _MARK.match(body)
    if mark and mark.end() < len(body):
        body = body[mark.end() :]
    found: list[_Pair] = []
    if "=" in body:
        at = body.rfind("=")
        _add(found, "=", body[:at], body[at + 1 :], figures_only)
    at = body.rfind(":")
    # "10:30" is a time, "as follows:-" an introduction
    if 0 < at < len(body) - 1 and not (body[at - 1].isdigit() and body[at + 1].isdigit()) and body[at + 1] != "-":
        _add(found, ":", body[:at], body[at + 1 :], figures_only)
    if (dash := _DASH.search(body)) is not None:
        _add(found, "-", body[: dash.start()], body[dash.end() :], figures_only)
    if body.endswith(")") and (paren := _PAREN.match(body)) is not None:
        _add(found, "()", paren.group(1), paren.group(2), figures_only)
    if ("..." in body or "…" in body or "___" in body) and (leader := _LEADER.match(body)) is not None:
        _add(found, "...", leader.group(1), leader.group(2), figures_only)
    return found


_PAGES = re.compile(r"\bpages?$", re.IGNORECASE)
_NOT_IN_LABEL = ("?", "://", "www.", "@")  # a question, a web or an e-mail address
_INLINE_PAIR = re.compile(r"[:=]\s*[£$€]?\d")


def _inline_pair(label: str, kind: str) -> bool:
    """Whether the label holds another pair of the same shape ("North: 4, South").

    A pair of another shape is part of the label ("Future publication: 12 weeks = 1").
    """
    return kind in (":", "=") and any(m.group()[0] == kind for m in _INLINE_PAIR.finditer(label))


_DASH = re.compile(r"\s+(?:--?|[–—])\s+(?=[^-–—]*$)")  # the last spaced dash on the line
_PAREN = re.compile(r"^(.*?\S)\s+\(([^()]+)\)$")  # "Stress (102)"; "s.23(1)" is a citation
_LEADER = re.compile(r"^(.*?\S)\s*(?:\.{3,}|…+|_{3,})[\s.…_]*(\S.*)$")


def _add(found: list[_Pair], kind: str, label: str, value: str, figures_only: bool) -> None:
    label, value = label.strip(), value.strip()
    if value[-1:] in (".", ";", ",") and is_value(value[:-1]):
        value = value[:-1]  # "Pears: 5;" in a punctuated list
    digits = value.replace(" ", "")
    # "(2 pages)" after a document's name is its length, not a count of anything it reports
    worded = kind != "()" and not _PAGES.search(value) and bool(_UNIT.match(value))
    figure = (is_value(value) or worded) and not (_LONG_ZERO.match(digits) or _IDENTIFIER.match(digits))
    share = None if figure else _SHARE.match(value)
    if figures_only and not figure and share is None:
        return
    if not label or not value or len(label) > MAX_LABEL or "\t" in label or _inline_pair(label, kind):
        return  # "Abbey\t2022/23: 20\t2023/24: 26", "A: 80 days, B: 184": columns or pairs inline, not a list
    if not _WORD.search(label) and not (_YEARISH.match(label) or _BAND.match(label)):
        return  # "12 - 14": a range of figures; "l.I.i": OCR noise
    if kind in ("-", "()", "...") and _FIGURE_END.search(label) and not _YEARISH.match(label):
        return  # "Grade 8 - 45", "Section 40 (2)", "Step 3 ...... 7": a range, a citation or a number
    if _METADATA.search(label) or _QUESTION.match(label) or any(mark in label for mark in _NOT_IN_LABEL):
        return  # "Our ref: 2231", "How many were there?: 4", "If outsourced: n/a", "site.org/?page=2"
    if share is not None:
        found.append(_Pair(kind, label, share.group(1), True, (share.group(2),)))
    else:
        found.append(_Pair(kind, label, value, figure))


def _is_list(rows: list[tuple[str, str]], kind: str) -> bool:
    """Whether the rows, taken together, are a list of figures rather than letter text."""
    labels = [label for label, _ in rows]
    values = [value for _, value in rows]
    sentences = sum(1 for label in labels if _sentence(label))
    if not any(ch.isdigit() for v in values for ch in v):
        return False  # "Attachments: None / Enclosures: None": no figure at all
    if 2 * sentences > len(labels):
        return False  # "We answered within the deadline: 45": the letter's prose
    if all(_YEAR.match(v) for v in values) and not all(_YEARISH.match(label) for label in labels):
        return False  # "Opened: 2019 / Closed: 2021", "Data Protection Act (2018)": dates, not counts
    if all(_YEARISH.match(label) for label in labels) and all(_YEAR.match(v) for v in values):
        return False  # "2019 - 2020 / 2020 - 2021": year ranges
    # "Introduction ...... 3 / Findings ...... 7": a contents page
    return not (kind == "..." and _ascending_pages(values))


def _sentence(label: str) -> bool:
    words = label.split()
    return len(words) > 25 or bool(_SENTENCE_WORD.search(label)) or (label.endswith(".") and len(words) > 3)


def _ascending_pages(values: list[str]) -> bool:
    numbers = [int(v) for v in values if v.isdigit()]
    return len(numbers) == len(values) and all(a < b for a, b in itertools.pairwise(numbers))


def _title(lines: Sequence[Line], pairs: dict[int, list[_Pair]], claimed: list[bool], first: int) -> str | None:
    """The short line just above a list (up to two blank lines above).

    Not a row, a sentence, or part of another table.
    """
    i = first - 1
    while i >= 0 and first - i <= 2 and lines[i].blank:
        i -= 1
    if i < 0 or lines[i].blank or claimed[i] or i in pairs:
        return None
    title = lines[i].text.strip()
    if len(title) > MAX_TITLE or (title.endswith(".") and len(title.split()) > 3):
        return None
    return title
