"""Every figure of a response as one tidy row, with where it came from.

A journalist collating forty answers wants one row per number: which document, which
authority, which table and row and column, the cell as written and its typed value, and
where it stands in the text so it can be checked. :func:`figures` gives those rows from
a response's JSON (as ``to_dict`` or the database's ``json`` holds it): one per table cell,
one per prose total, and, for a response with neither (a refusal, a not-held answer, a
reply in words), one ``none`` row with its outcome and exemptions, so a reader sees who
did not answer and why rather than a silent gap.

A table keeps its cells as written but not where each stands in the text: the table has
one span. :func:`cell_spans` finds each cell inside it, in reading order, so every row
points at its evidence. The same rules (row labels, units) are written into the
database's ``figures`` view (:mod:`foiparse.batch.store`), which shares :data:`UNIT_MARKS`
and :func:`label_width` with this module so the two give the same rows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from foiparse.layout.cells import is_value, number_of

Span = tuple[int, int]

# What a cell or its column header says about the unit, first match wins: a sign in the
# cell itself, else (for a number) a sign or the word in its header. A plain count has none.
UNIT_MARKS: tuple[tuple[str, str], ...] = (("%", "percent"), ("£", "GBP"), ("$", "USD"), ("€", "EUR"))
PERCENT_WORDS: tuple[str, ...] = ("percent", "per cent")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of one document, or the document's place when it gave none (``kind`` ``none``)."""

    document: str
    authority: str | None
    date: str | None
    reference: str | None
    outcome: str
    exemptions: tuple[str, ...]  # "FOIA s.12", "EIR reg.12(4)(a)": each provision cited, once, in order
    reasons: tuple[str, ...]  # each exemption's name, in the same order ("" when the provisions table has none)
    kind: str  # "cell" | "total" | "none"
    table: int | None = None
    title: str | None = None
    row: int | None = None
    col: int | None = None
    row_label: str | None = None
    column_header: str | None = None
    text: str | None = None
    value: int | float | None = None
    unit: str | None = None
    measure: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    page: int | None = None
    span: Span | None = None


# The columns of an export, in the order of Figure's fields, the span as two columns.
COLUMNS: tuple[str, ...] = tuple(
    name for f in fields(Figure) for name in (("span_start", "span_end") if f.name == "span" else (f.name,))
)


def exemption_label(law: str, provision: str) -> str:
    """``FOIA s.40(2)``, ``EIR reg.12(5)(b)``, ``US-FOIA (b)(6)``: the law and provision as cited."""
    if provision.startswith("("):
        return f"{law} {provision}"
    return f"{law} {'reg.' if law in ('EIR', 'EISR') else 's.'}{provision}"


def label_width(row: Sequence[str]) -> int:
    """How many of a row's leading cells name it: those before its first figure.

    A row with no figure at all (a list of meetings, say) is named by its first cell
    only: its other cells are its content, not its name.
    """
    for index, cell in enumerate(row):
        if is_value(cell):
            return index
    return min(1, len(row))


def row_label(row: Sequence[str]) -> str | None:
    """The row's label cells joined with a space (empty ones left out); None when it has none."""
    return " ".join(cell for cell in row[: label_width(row)] if cell) or None


def cell_unit(text: str, header: str | None, *, label: bool, value: int | float | None) -> str | None:
    """The unit a cell's figure is in, when the cell or (for a number) its column header says so."""
    if label:
        return None
    for mark, unit in UNIT_MARKS:
        if mark in text:
            return unit
    if value is None or not header:
        return None
    for mark, unit in UNIT_MARKS:
        if mark in header:
            return unit
    lowered = header.lower()
    return "percent" if any(word in lowered for word in PERCENT_WORDS) else None


def figures(response: dict[str, Any], *, document: str) -> Iterator[Figure]:
    """Every cell and total of a response, or one ``none`` row when it has neither."""
    text = "".join(block["text"] for block in response["blocks"])
    authority = response.get("authority")
    cited = exemptions_of(response)
    reference = response.get("reference")
    common: dict[str, Any] = {
        "document": document,
        "authority": authority["name"] if authority else None,
        "date": response.get("date"),
        "reference": reference["text"] if reference else None,
        "outcome": response.get("outcome") or "unknown",
        "exemptions": tuple(cited),
        "reasons": tuple(cited.values()),
    }
    empty = True
    for ordinal, table in enumerate(response.get("tables") or ()):
        spans = cell_spans(text, table)
        columns = table.get("columns") or []
        row_pages = table.get("row_pages") or []
        for r, row in enumerate(table["rows"]):
            width = label_width(row)
            label = row_label(row)
            page = row_pages[r] if r < len(row_pages) else table.get("page")
            for c, cell in enumerate(row):
                empty = False
                header = (columns[c] if c < len(columns) else None) or None
                value = number_of(cell)
                yield Figure(
                    **common,
                    kind="cell",
                    table=ordinal,
                    title=table.get("title"),
                    row=r,
                    col=c,
                    row_label=label,
                    column_header=header,
                    text=cell,
                    value=value,
                    unit=cell_unit(cell, header, label=c < width, value=value),
                    page=page,
                    span=spans[r][c],
                )
    pages = Pages.of_blocks(response["blocks"])
    for total in response.get("totals") or ():
        empty = False
        period = total.get("period") or {}
        start, end = total["span"]
        yield Figure(
            **common,
            kind="total",
            text=total["text"],
            value=total["value"],
            unit=total.get("unit"),
            measure=total.get("measure"),
            period_start=period.get("from"),
            period_end=period.get("to"),
            page=pages.at(start),
            span=(start, end),
        )
    if empty:
        yield Figure(**common, kind="none")


def exemptions_of(response: dict[str, Any]) -> dict[str, str]:
    """The provisions a response cites, each once, in the order first cited, with the name of each ("" if none)."""
    cited: dict[str, str] = {}
    for e in response.get("exemptions") or ():
        cited.setdefault(exemption_label(e["law"], e["provision"]), e.get("name") or "")
    return cited


class Pages:
    """The page of a position in the text, from where each block starts and its page."""

    def __init__(self, starts: Sequence[int], pages: Sequence[int | None]) -> None:
        self._starts = starts
        self._pages = pages

    @classmethod
    def of_blocks(cls, blocks: Sequence[dict[str, Any]]) -> Pages:
        """From a response's JSON blocks."""
        return cls([block["span"][0] for block in blocks], [block.get("page") for block in blocks])

    def at(self, offset: int) -> int | None:
        """The page of the block holding ``offset`` (None for a document without pages)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._pages[index] if index >= 0 else None


_WORD_START = re.compile(r"\w")


def cell_spans(text: str, table: dict[str, Any]) -> list[list[Span | None]]:
    r"""Each cell's span inside ``table["span"]``, found in reading order; None where it is not found.

    A cursor walks the table's text: past the column headers, then through each row's
    cells in order, each matched as its words with any white space between them (a
    PDF cell wrapped over two lines is ``Lost or\nstolen`` in the text) and not as
    part of a longer word or number (``5`` is not found inside ``15`` or ``5.5``). A
    row's next cell must start on the line where its previous one ended or the line
    after, so a cell missing from its place is not taken from a row further down; a
    row's first cell within a few lines of the row before (a page's footer and repeated
    header may stand between), and when that is not found, its next on the two lines
    after the row before. A cell that is not found (empty, or wrapped around its
    neighbours) is None, and the cursor stays where it was, so one miss does not lose
    the rest of the table. Every search looks a few lines ahead at most, so a table
    whose cells are missing costs no more than one whose cells are all found.

    A wide table that a PDF prints as column blocks, one under the other, each row's
    label repeated, leaves the later blocks' cells missing after the first walk: further
    walks pick them up, each row's missing cells on the line after its repeated label.
    """
    start, end = table["span"]
    rows: Sequence[Sequence[str]] = table["rows"]
    out: list[list[Span | None]] = [[None] * len(row) for row in rows]
    cursor = start
    previous: int | None = None
    for header in table.get("columns") or ():
        found = _find(text, header, cursor, end, _lines_after(text, cursor if previous is None else previous, end, 2))
        if found is not None:
            cursor = previous = found[1]
    for walk in range(_WALKS):
        progress = False
        for r, row in enumerate(rows):
            previous = None
            lead = next((k for k, cell in enumerate(row) if cell.strip()), len(row))  # its first cell with text
            for c, cell in enumerate(row):
                if out[r][c] is not None:
                    continue
                if previous is None and walk:  # a later block: each row's cells follow its repeated label
                    anchor = (
                        _find(text, row[0], cursor, end, _lines_after(text, cursor, end, _GAP, blank=False))
                        if c
                        else None
                    )
                    if anchor is None:
                        break
                    previous = anchor[1]
                if previous is not None:  # the line of the row's cell before, or the next: a cell a line, wrapped
                    near = _lines_after(text, previous, end, 2)
                elif c <= lead:  # the row's first cell: near the row before
                    near = _lines_after(text, cursor, end, _GAP, blank=False)
                else:  # its first cells not found: on the lines after the row before (past a label's wrapped end)
                    near = _lines_after(text, cursor, end, 3)
                found = _find(text, cell, cursor if previous is None else previous, end, near)
                if found is not None:
                    out[r][c] = found
                    cursor = previous = found[1]
                    progress = True
        if not progress:
            break
    return out


_GAP = 12  # lines with text from one row to the next at most: a page's footer, its break and the header repeated
_BLANK = 200  # and lines in all, blank ones included
_WALKS = 8  # column blocks of one table at most (a wide table printed in parts is two or three)


def _lines_after(text: str, at: int, end: int, lines: int, *, blank: bool = True) -> int:
    """Where the ``lines``-th line break after ``at`` stands (``end`` if sooner): the end of the next line for 2.

    The line ``at`` stands on counts, whatever is left of it. With ``blank=False``, blank
    lines after it are not counted (a PDF's page break leaves a dozen), up to
    :data:`_BLANK` lines in all.
    """
    counted = seen = 0
    while counted < lines and seen < _BLANK:
        stop = text.find("\n", at, end)
        if stop < 0:
            return end
        if blank or not seen or text[at:stop].strip():
            counted += 1
        seen += 1
        at = stop + 1
    return at - 1


def _find(text: str, cell: str, start: int, end: int, before: int) -> Span | None:
    """Where ``cell`` first stands in ``text[start:end]``, starting before ``before``, its words apart by any white space."""
    words = cell.split()
    if not words:
        return None
    head = words[0]
    pattern = re.compile(r"\s+".join(map(re.escape, words))) if len(words) > 1 else None
    limit = min(end, before - 1 + len(head))  # the first word must start before ``before``
    at = text.find(head, start, limit)
    while at >= 0:
        if pattern is None:
            stop = at + len(head)
        else:
            match = pattern.match(text, at, end)
            stop = match.end() if match else -1
        if stop >= 0 and _bounded(text, cell, at, stop, end):
            return (at, stop)
        at = text.find(head, at + 1, limit)
    return None


def _bounded(text: str, cell: str, at: int, stop: int, end: int) -> bool:
    """Whether ``text[at:stop]`` is a whole cell: not the middle of a longer word or number."""
    stripped = cell.strip()
    if _WORD_START.match(stripped[0]) and at > 0:
        before = text[at - 1]
        if _is_word(before) or (before in ".," and at > 1 and text[at - 2].isdigit()):
            return False  # 5 inside 15, 234 inside 1,234
    if _WORD_START.match(stripped[-1]) and stop < end:
        after = text[stop]
        if _is_word(after):
            return False
        if after in ".," and stop + 1 < end and text[stop + 1].isdigit():
            return False  # 12 inside 12.5 or 1,234
    return True


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
