"""Text tables cut by a page break, joined again: rows going on below, or columns going on beside.

A reader that draws its pages (PDF) joins the ruled tables it finds itself, from their
rulings' positions. The tables found in the text are joined here, from what the text
shows of them: nothing but blank lines and running headers and footers between the two,
cells starting at the same character positions (rows going on), or the same row labels
in the same order after a table as wide as its page (columns going on).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence

from foiparse.layout.cells import is_value
from foiparse.model import Span, Table

_SLACK = 3  # characters a cell may stand off the position of the cell above it
_YEAR = re.compile(r"^(?:19|20)\d\d(?:\s?[/-]\s?(?:19|20)?\d\d)?$")
_WIDE = 0.85  # share of the page's widest line of prose a table reaching its right margin spans


def join_pages(
    tables: Sequence[Table], text: str, page_starts: Sequence[int], furniture: Sequence[Span], keep: Collection[Table]
) -> tuple[Table, ...]:
    """``tables`` (in order) with each one cut by a page break joined to its part on the next page.

    Tables in ``keep`` (a reader's own, already joined where they go on) are left as they are.
    """
    kept = {id(t) for t in keep}
    cut: list[Table] = []
    for table in tables:
        cut.extend([table] if id(table) in kept else _split(table, text, page_starts, furniture))
    out: list[Table] = []
    for table in cut:
        prev = out[-1] if out else None
        if (
            prev is not None
            and id(prev) not in kept
            and id(table) not in kept
            and _adjacent(prev, table, text, page_starts, furniture)
        ):
            joined = _beside(prev, table, text, page_starts) or _below(prev, table, text)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(table)
    return tuple(out)


def _split(table: Table, text: str, page_starts: Sequence[int], furniture: Sequence[Span]) -> list[Table]:
    """A text table read on over a page break into a table with a header of its own: two tables.

    The first line after the break is a row of words standing over the figures above it
    ("Library  Sep  Oct"): the next page's table, whether it goes on beside this one or not.
    """
    for at in (p for p in page_starts if table.span[0] < p < table.span[1]):
        line_start = _next_line(text, at, table.span[1], furniture)
        if line_start is None:
            break
        line = _line_at(text, line_start)
        opening = line.split()[0]
        k = next((k for k, row in enumerate(table.rows) if row[0].startswith(opening) and _starts(line, row)), 0)
        if k == 0 or not _own_header(table.rows[k], table.rows[:k]):
            continue
        end_a = _last_line_end(text, table.span[0], at, furniture)
        width = max(max((i + 1 for i, c in enumerate(row) if c), default=0) for row in table.rows[k:])
        head, rows = table.rows[k][:width], tuple(row[:width] for row in table.rows[k + 1 :])
        first = Table(table.title, table.columns, table.rows[:k], (table.span[0], end_a), table.page)
        indent = len(line) - len(line.lstrip())
        second = Table(None, head, rows, (line_start + indent, table.span[1]), _page_of(line_start, page_starts))
        return [first, *_split(second, text, page_starts, furniture)]
    return [table]


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The (start, end) of each line from ``start`` to ``stop``."""
    out: list[tuple[int, int]] = []
    at = start
    while at < stop:
        end = text.find("\n", at, stop)
        end = stop if end < 0 else end
        out.append((at, end))
        at = end + 1
    return out


def _content(text: str, line: tuple[int, int], furniture: Sequence[Span]) -> bool:
    """A line with text on it that is no running header or footer."""
    start, end = line
    words = len(text[start:end]) - len(text[start:end].lstrip()) + start
    return bool(text[start:end].strip()) and not any(s <= words < e for s, e in furniture)


def _next_line(text: str, start: int, stop: int, furniture: Sequence[Span]) -> int | None:
    """Where the first line of content from ``start`` begins."""
    return next((a for a, b in _lines(text, start, stop) if _content(text, (a, b), furniture)), None)


def _last_line_end(text: str, start: int, stop: int, furniture: Sequence[Span]) -> int:
    """Where the last line of content before ``stop`` ends."""
    found = [b for a, b in _lines(text, start, stop) if _content(text, (a, b), furniture)]
    return len(text[start : found[-1]].rstrip()) + start if found else start


def _own_header(row: Sequence[str], above: Sequence[Sequence[str]]) -> bool:
    """Words (or years) over figures: two or more cells, none a count, one over a column of figures."""
    cells = [(c, cell) for c, cell in enumerate(row) if c and cell]
    if len(cells) < 2 or any(is_value(cell) and not _YEAR.match(cell) for _, cell in cells):
        return False
    for c, _ in cells:
        column = [r[c] for r in above if c < len(r) and r[c]]
        if column and 2 * sum(1 for v in column if is_value(v)) > len(column):
            return True
    return False


def _page_of(offset: int, page_starts: Sequence[int]) -> int:
    return bisect.bisect_right(page_starts, offset)


def _adjacent(a: Table, b: Table, text: str, page_starts: Sequence[int], furniture: Sequence[Span]) -> bool:
    """``b`` starts the page after the one ``a`` ends, with nothing but blanks and running heads between."""
    if _page_of(b.span[0], page_starts) != _page_of(max(a.span[1] - 1, a.span[0]), page_starts) + 1:
        return False
    gap = list(text[a.span[1] : b.span[0]])
    for start, end in furniture:
        for k in range(max(start, a.span[1]), min(end, b.span[0])):
            gap[k - a.span[1]] = " "
    return not "".join(gap).strip()


def _below(a: Table, b: Table, text: str) -> Table | None:
    """``b``'s rows going on under ``a``: as many cells, starting where ``a``'s last row's cells start.

    A header printed again is dropped; a header of its own (words over ``a``'s figures)
    makes ``b`` a table of its own.
    """
    width = len(a.rows[-1]) if a.rows else len(a.columns)
    head = [b.columns] if b.columns and b.columns != a.columns else []
    rows = [*head, *b.rows]
    if not rows or not a.rows or any(len(r) != width for r in rows[:1]):
        return None
    if head and not _data_row(b.columns):
        return None
    if not _lined_up(_line_at(text, a.span[1] - 1), a.rows[-1], _line_at(text, b.span[0]), rows[0]):
        return None
    return Table(a.title, a.columns, a.rows + tuple(rows), (a.span[0], b.span[1]), a.page, a.row_pages)


def _beside(a: Table, b: Table, text: str, page_starts: Sequence[int]) -> Table | None:
    """``b``'s columns going on beside ``a``, a table as wide as its page: the same row labels in order."""
    if len(a.rows) != len(b.rows) or len(a.rows) < 2 or bool(a.columns) != bool(b.columns):
        return None
    if a.columns and b.columns[0] and _fold(a.columns[0]) != _fold(b.columns[0]):
        return None
    if not all(x and y and x[0] and _fold(x[0]) == _fold(y[0]) for x, y in zip(a.rows, b.rows, strict=True)):
        return None
    if not _wide(a, text, page_starts):
        return None
    rows = tuple(x + y[1:] for x, y in zip(a.rows, b.rows, strict=True))
    return Table(a.title, a.columns + b.columns[1:], rows, (a.span[0], b.span[1]), a.page, a.row_pages)


def _wide(table: Table, text: str, page_starts: Sequence[int]) -> bool:
    """The table reaches as far right as the page's prose does (its right margin), or there is no prose."""
    page = _page_of(table.span[0], page_starts)
    start = page_starts[page - 1] if page else 0
    end = page_starts[page] if page < len(page_starts) else len(text)
    inside = text[text.rfind("\n", 0, table.span[0]) + 1 : table.span[1]].split("\n")
    reach = max(len(line.rstrip()) for line in inside)
    prose = [
        len(line.rstrip())
        for line in text[start : table.span[0]].split("\n") + text[table.span[1] : end].split("\n")
        if len(line.split()) >= 6
    ]
    return not prose or reach >= _WIDE * max(prose)


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _lined_up(line_a: str, cells_a: Sequence[str], line_b: str, cells_b: Sequence[str]) -> bool:
    """Each cell of the row below starts (or, for figures set flush right, ends) where the cell above does.

    Tab-separated rows line up by their tabs, whatever their characters' positions.
    """
    if "\t" in line_a or "\t" in line_b:
        return "\t" in line_a and "\t" in line_b
    at_a, at_b = _starts(line_a, cells_a), _starts(line_b, cells_b)
    if at_a is None or at_b is None:
        return False
    pairs = [(x, y, a, b) for x, y, a, b in zip(at_a, at_b, cells_a, cells_b, strict=True) if a and b]
    return bool(pairs) and all(abs(x - y) <= _SLACK or abs(x + len(a) - y - len(b)) <= _SLACK for x, y, a, b in pairs)


def _starts(line: str, cells: Sequence[str]) -> list[int] | None:
    """Where each cell's text starts in its line, found left to right; None when one is not there."""
    out: list[int] = []
    at = 0
    for cell in cells:
        if not cell:
            out.append(at)
            continue
        found = line.find(cell.split()[0], at)
        if found < 0:
            return None
        out.append(found)
        at = found + len(cell.split()[0])
    return out


def _data_row(row: Sequence[str]) -> bool:
    """A label and figures: a row going on, not a header (years head columns: "2022", "2023/24")."""
    cells = [c for c in row[1:] if c]
    return bool(row and row[0]) and bool(cells) and all(is_value(c) and not _YEAR.match(c) for c in cells)


def _fold(label: str) -> str:
    return " ".join(label.casefold().split())
