"""Tables of figures in plain text, whatever became of their markup.

Four layouts are found, in this order, each on lines the earlier ones left:

* piped: cells between ``|`` characters, a ``|---|`` rule under the header;
* stacked: one cell per line, a label line then its value line(s), as a table copied
  out of a Word letter becomes (the seed's layout);
* aligned: columns separated by tabs or by runs of spaces, headers possibly wrapped
  over several lines;
* listed: ``label: value`` or ``label - value`` lines.

Cells are kept exactly as written (``"<5"``, ``"*"``, ``""``). Where a table states its
own total row, the sums are checked and a warning is given when they do not add up.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from foiparse.layout.cells import is_value, number_of
from foiparse.layout.lines import Line
from foiparse.lazyre import lazy
from foiparse.model import ParseWarning, Table

MAX_LABEL = 90  # longer lines are prose, not a row label
MAX_HEADER = 60
MAX_FRAGMENT = 45  # a label cell's wrapped line is as narrow as its column
_LIST_MARK = re.compile(r"^(?:\(?[0-9]{1,2}[a-z]?[.)]|\(?[a-z]{1,4}\)|[-•*·▪])(?:\s|$)", re.IGNORECASE)
MIN_ROWS = 2
TOTAL_LABEL = re.compile(r"^\s*(?:grand\s+)?totals?\b", re.IGNORECASE)
_TAB_SPLIT = re.compile(r"[ ]*\t[\t ]*")
_GAP = re.compile(r"\S(?:\S| (?! ))*")  # a run of text with single spaces inside
_BULLET = re.compile(r"^[-•*·▪][ \t]+")


@dataclass(frozen=True, slots=True)
class FoundTable:
    """A table and the lines it covers (``first..last`` inclusive line numbers)."""

    table: Table
    first: int
    last: int


def find_tables(
    text: str, lines: Sequence[Line], taken: Sequence[tuple[int, int]] = ()
) -> tuple[list[FoundTable], list[ParseWarning]]:
    """Every table in ``text``, in document order, and warnings about their totals.

    ``taken`` are line ranges already known to be tables (from a page's markup).
    """
    # A line longer than any row of figures is prose, or junk: never a row, and never split into
    # cells (a megabyte-long line would make hundreds of thousands of them).
    claimed = [len(line.text) > _LONGEST_ROW for line in lines]
    for first, last in taken:
        for i in range(first, last + 1):
            claimed[i] = True
    found: list[FoundTable] = []
    finders = [_stacked, _aligned]
    if any(bar in text for bar in _PIPE_CHARS):
        finders.insert(0, _piped)
    if ":" in text or " - " in text or " – " in text:
        finders.append(_listed)
    finders.append(_spaced)
    for finder in finders:
        for first, last, columns, rows in finder(lines, claimed):
            for i in range(first, last + 1):
                claimed[i] = True
            title = _title(lines, first, claimed)
            span = (lines[first].start + lines[first].indent, lines[last].end)
            found.append(FoundTable(Table(title, columns, rows, span), first, last))
    found.sort(key=lambda f: f.first)
    warnings = [w for f in found for w in check_totals(f.table)]
    return found, warnings


Grid = tuple[int, int, tuple[str, ...], tuple[tuple[str, ...], ...]]
_LONGEST_ROW = 10_000  # characters: wider than any row of figures


def _is_label(line: Line) -> bool:
    s = line.text.strip()
    return bool(s) and len(s) <= MAX_LABEL and not s.endswith("?") and not is_value(s)  # a question is asked, not a row


def _stacked(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Label line, then k value lines, repeated; blank lines between are allowed.

    A label is text ("L"), or a year ("Y": "2021", "2021/22") when every record's label is.
    """
    nonblank = [i for i, line in enumerate(lines) if not line.blank and not claimed[i]]
    kinds = [_stack_kind(lines[i]) for i in nonblank]
    grids: list[Grid] = []
    pos = 0
    while pos < len(nonblank):
        label_kind = kinds[pos]
        if label_kind not in ("L", "Y") or pos + 1 >= len(kinds) or kinds[pos + 1] != "V":
            pos += 1
            continue
        k = 1
        while pos + 1 + k < len(kinds) and kinds[pos + 1 + k] == "V":
            k += 1
        records: list[int] = []  # positions (in nonblank) of each record's label
        cur = pos
        while (
            cur + k < len(kinds)
            and kinds[cur] == label_kind
            and all(kinds[cur + j] == "V" for j in range(1, k + 1))
            and (cur + k + 1 >= len(kinds) or kinds[cur + k + 1] != "V")
            and (not records or _gap(lines, nonblank[cur - 1], nonblank[cur]) <= 2)
            and all(_gap(lines, nonblank[cur + j - 1], nonblank[cur + j]) <= 1 for j in range(1, k + 1))
        ):
            records.append(cur)
            cur += k + 1
        if len(records) < 3:
            pos += 1
            continue
        header_pos = pos - (k + 1)
        columns: tuple[str, ...] = ()
        first_pos = pos
        if (
            header_pos >= 0
            and all(
                kinds[h] == "L" and len(lines[nonblank[h]].text.strip()) <= MAX_HEADER for h in range(header_pos, pos)
            )
            and all(_gap(lines, nonblank[h], nonblank[h + 1]) <= 2 for h in range(header_pos, pos))
        ):
            columns = tuple(lines[nonblank[h]].text.strip() for h in range(header_pos, pos))
            first_pos = header_pos
        rows = tuple(tuple(lines[nonblank[r + j]].text.strip() for j in range(k + 1)) for r in records)
        grids.append((nonblank[first_pos], nonblank[records[-1] + k], columns, rows))
        pos = records[-1] + k + 1
    return grids


_MONTH_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


def _piped(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Rows drawn with ``|`` (or box-drawing ``│``) between cells.

    A rule (``|---|``, ``├───┼───┤``) under the first row makes it the header. When
    rules run between every row, as in a box-drawn table, the lines between two rules
    are one row whose cells wrap, and are joined cell by cell.
    """
    grids: list[Grid] = []
    i, n = 0, len(lines)
    while i < n:
        if claimed[i] or not lines[i].text.lstrip().startswith(_PIPE_STARTS):
            i += 1
            continue
        j = i
        while j < n and not claimed[j] and lines[j].text.lstrip().startswith(_PIPE_STARTS):
            j += 1
        groups: list[list[list[str]]] = [[]]  # runs of rows between rules
        for k in range(i, j):
            body = lines[k].text.strip()
            if _PIPE_RULE().fullmatch(body):
                groups.append([])
                continue
            groups[-1].append([cell.strip() for cell in _PIPES().split(body.strip(_PIPE_CHARS))])
        groups = [g for g in groups if g]
        # Between two rules, lines whose first cell is empty continue the row above them
        # (a box-drawn cell wrapping); lines that each have a label are rows of their own.
        rows: list[list[str]] = []
        for g in groups:
            rows.extend([_join_wrapped(g)] if len(g) > 1 and not all(cells[0] for cells in g) else g)
        header: list[str] = []
        if len(groups) > 1 and len(groups[0]) <= 4 and (len(groups[0]) == 1 or not all(c[0] for c in groups[0])):
            header = rows.pop(0)
        rows = [row for row in rows if any(row)]
        if len(rows) >= MIN_ROWS and any(is_value(cell) for row in rows for cell in row[1:]):
            width = max(len(row) for row in [*rows, header])
            grid_rows = tuple(_pad(row, width) for row in rows)
            grids.append((i, j - 1, _pad(header, width) if header else (), grid_rows))
        i = j
    return grids


_PIPE_CHARS = "|│┃║"
_PIPE_STARTS = tuple(_PIPE_CHARS + "+┌├└╞╟╠╔╚┏┣┗")
_PIPES = lazy(r"[|│┃║]")
_PIPE_RULE = lazy(
    r"[\s|│┃║:+=─━┄┈┌┐└┘├┤┬┴┼╞╡╪╤╧╟╢╫╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋-]*[-─━═┄┈][\s|│┃║:+=─━┄┈┌┐└┘├┤┬┴┼╞╡╪╤╧╟╢╫╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋-]*"
)


def _join_wrapped(lines_of_row: list[list[str]]) -> list[str]:
    """One row from the lines a ruled row wrapped over, each cell's pieces joined by a space."""
    width = max(len(cells) for cells in lines_of_row)
    return [" ".join(piece for cells in lines_of_row if c < len(cells) and (piece := cells[c])) for c in range(width)]


def _stack_kind(line: Line) -> str:
    text = line.text.strip()
    if _YEARISH.match(text):
        return "Y"
    if is_value(text):
        return "V"
    return "L" if _is_label(line) else "P"


def _gap(lines: Sequence[Line], a: int, b: int) -> int:
    """Blank lines between line ``a`` and line ``b``."""
    return sum(1 for i in range(a + 1, b) if lines[i].blank)


@functools.lru_cache(maxsize=8192)
def _split_cells(text: str) -> list[str]:
    body = text.strip()
    if "\t" in body:
        return [c.strip() for c in _TAB_SPLIT.split(body)]
    return [m.group() for m in _GAP.finditer(body)]


_RULE_LINE = re.compile(r"[ \t]*[-=_]{3,}(?:[ \t]+[-=_]{3,})*[ \t]*")


def _aligned(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Runs of lines split into cells by tabs or 2+ spaces, with figures in them."""
    grids: list[Grid] = []
    i = 0
    n = len(lines)
    while i < n:
        run: list[int] = []
        j = i
        while j < n and not claimed[j]:
            if lines[j].blank:
                if (
                    run
                    and j + 1 < n
                    and not lines[j + 1].blank
                    and (_row_like(lines[j + 1]) or _label_fragment(lines, run, j + 1))
                ):
                    j += 1
                    continue
                break
            if run and _RULE_LINE.fullmatch(lines[j].text):
                j += 1  # "-----   ------": a rule under the header, kept in the table's span, not a row
                continue
            if (
                not _row_like(lines[j])
                and not (run and _continues_header(lines, run, j))
                and not _label_fragment(lines, run, j)
            ):
                break
            run.append(j)
            j += 1
        grid = _grid_from_run(lines, run) if run else None
        if grid is not None:
            grids.append(grid)
            i = grid[1] + 1
        else:
            i = max(j, i + 1)
    return grids


def _label_fragment(lines: Sequence[Line], run: list[int], j: int) -> bool:
    """A line holding only part of a row's label, wrapped inside its cell ("Possession of an").

    It stands where the labels of the rows already seen stand (within a column of the
    layout's rounding), once the table has figures, and either continues the row just
    above in lower case or comes before a row of figures with at most one blank line.
    """
    data = [r for r in run if _has_value(lines[r])]
    if not data:
        return False
    line = lines[j]
    text = line.text.strip()
    if not text or len(text) > MAX_FRAGMENT or _row_like(line) or is_value(text) or text.endswith((".", ":", "?")):
        return False
    if _LIST_MARK.match(text):
        return False  # "ii) What was …": the next question, not a label's second line
    if min(abs(line.indent - lines[r].indent) for r in data) > 1:
        return False
    if text[:1].islower() and run[-1] == j - 1 and _has_value(lines[j - 1]):
        return True  # the last row's label, wrapped below its figures
    k, blanks = j + 1, 0
    while k < len(lines) and k <= j + 8:
        if lines[k].blank:
            blanks += 1
            if blanks > 1:
                return False
        elif _has_value(lines[k]):
            return abs(lines[k].indent - line.indent) <= 1
        elif _row_like(lines[k]) or abs(lines[k].indent - line.indent) > 1:
            return False
        k += 1
    return False


def _join_fragments(lines: Sequence[Line], body: list[int]) -> list[tuple[int, list[int]]]:
    """Each row of figures with the label fragments that belong to it.

    Fragments go with the row of figures after them (a label wrapped above the row's
    figures, as a cell aligned to its foot prints), unless a blank line parts them from it
    and not from the row before, or the row after starts its own label in capitals while
    the fragment continues in lower case: then the label wrapped below its figures.
    """
    out: list[tuple[int, list[int]]] = []
    pending: list[int] = []
    for r in body:
        if _has_value(lines[r]) or _row_like(lines[r]):
            if pending and out and _belongs_above(lines, out[-1][0], pending, r):
                out[-1][1].extend(pending)
                pending = []
            out.append((r, pending))
            pending = []
        else:
            pending.append(r)
    if pending and out:
        out[-1][1].extend(pending)
    return out


def _belongs_above(lines: Sequence[Line], above: int, pending: list[int], below: int) -> bool:
    gap_before = any(lines[k].blank for k in range(above + 1, pending[0]))
    gap_after = any(lines[k].blank for k in range(pending[-1] + 1, below))
    if gap_after and not gap_before:
        return True
    if gap_before and not gap_after:
        return False
    first = lines[pending[0]].text.strip()
    label = _split_cells(lines[below].text)[0]
    return first[:1].islower() and label[:1].isupper()


def _row_like(line: Line) -> bool:
    return len(_split_cells(line.text)) >= 2


def _continues_header(lines: Sequence[Line], run: list[int], j: int) -> bool:
    """A wrapped header line: indented text under a header row with no figures yet."""
    return all(not _has_value(lines[r]) for r in run) and lines[j].indent > 0


def _has_value(line: Line) -> bool:
    cells = _split_cells(line.text)
    return len(cells) >= 2 and any(is_value(c) for c in cells[1:])


def _grid_from_run(lines: Sequence[Line], run: list[int]) -> Grid | None:
    data = [r for r in run if _has_value(lines[r])]
    if len(data) > MIN_ROWS and _years_only(lines[data[0]]) and not _years_only(lines[data[1]]):
        data = data[1:]  # "Category  2021  2022  2023": years head the columns
    first_data = run.index(data[0]) if data else 0
    while (
        first_data > 1
        and not _row_like(lines[run[first_data - 1]])
        and abs(lines[run[first_data - 1]].indent - lines[run[first_data]].indent) <= 1
        and _years_only(lines[run[0]])
    ):
        first_data -= 1  # the first row's label wrapped above its figures, under a header of figures (years)
    header = run[:first_data]
    # One row of figures is a table when a header names its columns ("Year  FTE  Spend").
    single = len(data) == 1 and bool(header) and sum(is_value(c) for c in _split_cells(lines[data[0]].text)) >= 2
    if len(data) < MIN_ROWS and not single:
        return None
    body = run[first_data:]
    # Trailing rows without figures after the data are not part of the table, unless they
    # continue the last row's label in lower case with no gap.
    while body and not _has_value(lines[body[-1]]):
        last = body[-1]
        text = lines[last].text.strip()
        if _row_like(lines[last]) or not text[:1].islower() or any(lines[k].blank for k in range(body[-2] + 1, last)):
            body.pop()
        else:
            break
    tabbed = any("\t" in lines[r].text.strip() for r in body)
    if tabbed:
        width = max(len(_split_cells(lines[r].text)) for r in body)
        rows = tuple(_pad(_split_cells(lines[r].text), width) for r in body)
        head = [_split_cells(lines[h].text) for h in header]
        width = max([width, *(len(cells) for cells in head)])
        rows = tuple(_pad(list(row), width) for row in rows)
        head_cells = [_pad(cells, width) for cells in head]
    else:
        columns = _columns(lines, body)
        if len(columns) < 2:
            return None
        rows = tuple(_slice(lines[r].text, columns) for r in body)
        head_cells = [_assign(lines[h].text, columns) for h in header]
    if any(not _row_like(lines[r]) for r in body):
        rows = tuple(_with_fragments(lines, body, rows))
    cols = tuple(" ".join(c for c in parts if c) for parts in zip(*head_cells, strict=True)) if head_cells else ()
    first = header[0] if header else body[0]
    return (first, body[-1], cols, rows)


def _with_fragments(lines: Sequence[Line], body: list[int], rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """The rows of figures, each with the wrapped parts of its label joined in reading order."""
    row_of = dict(zip(body, rows, strict=True))
    out = []
    for r, fragments in _join_fragments(lines, body):
        parts = sorted([*fragments, r])
        label = " ".join(row_of[k][0] if k == r else lines[k].text.strip() for k in parts)
        out.append((" ".join(label.split()), *row_of[r][1:]))
    return out


_YEARISH = re.compile(r"^(?:FY[ ]?)?(?:19|20)\d\d(?:[ ]?[/–-][ ]?\d\d(?:\d\d)?)?$")


def _years_only(line: Line) -> bool:
    cells = _split_cells(line.text)
    return len(cells) >= 2 and all(_YEARISH.match(c) for c in cells[1:] if c)


def _pad(cells: list[str], width: int) -> tuple[str, ...]:
    return tuple(cells + [""] * (width - len(cells)))


def _columns(lines: Sequence[Line], body: list[int]) -> list[tuple[int, int]]:
    """Column ranges: character positions that hold text in some data row."""
    width = max(len(lines[r].text) for r in body)
    used = [False] * width
    for r in body:
        for m in _GAP.finditer(lines[r].text):
            for x in range(m.start(), m.end()):
                used[x] = True
    columns: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if not used[x]:
            x += 1
            continue
        start = x
        while x < width and (used[x] or (x + 1 < width and used[x + 1] and x > start)):
            x += 1
        columns.append((start, x))
    return columns


def _slice(text: str, columns: list[tuple[int, int]]) -> tuple[str, ...]:
    return tuple(text[a:b].strip() if a < len(text) else "" for a, b in columns)


def _assign(text: str, columns: list[tuple[int, int]]) -> tuple[str, ...]:
    """Header chunks go to the column they overlap most."""
    parts: list[list[str]] = [[] for _ in columns]
    for m in _GAP.finditer(text):
        a, b = m.span()
        best = max(range(len(columns)), key=lambda c: min(b, columns[c][1]) - max(a, columns[c][0]))
        parts[best].append(m.group())
    return tuple(" ".join(p) for p in parts)


def _listed(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Two or more consecutive ``label: value`` lines whose values are figures."""
    grids: list[Grid] = []
    run: list[tuple[int, str, str]] = []

    def flush() -> None:
        if len(run) >= MIN_ROWS:
            rows = tuple((label, value) for _, label, value in run)
            grids.append((run[0][0], run[-1][0], (), rows))
        run.clear()

    for i, line in enumerate(lines):
        if claimed[i]:
            flush()
            continue
        if line.blank:
            if run and i + 1 < len(lines) and not lines[i + 1].blank:
                continue
            flush()
            continue
        pair = _label_value(line.text)
        if pair is not None:
            run.append((i, *pair))
        else:
            flush()
    flush()
    return grids


_NOT_A_ROW = re.compile(
    r"\b(?:ref(?:erence)?|tel(?:ephone)?|phone|fax|mobile|mob|text|case|file|request|ticket|tracking|id|no|postcode|zip|date"
    r"|extension|ext|dx|foi|eir)\b\.?$",
    re.IGNORECASE,
)


def _label_value(text: str) -> tuple[str, str] | None:
    """``Label: value`` or ``Label - value`` with a figure for the value, else None."""
    body = text.strip()
    for sep in (":", " – ", " - "):
        at = body.find(sep) if sep == ":" else body.rfind(sep)
        if at <= 0:
            continue
        label, value = body[:at].strip(), body[at + len(sep) :].strip()
        label = _BULLET.sub("", label)
        if value and is_value(value) and 0 < len(label) <= MAX_LABEL and not label.isdigit():
            if _NOT_A_ROW.search(label):
                return None  # "Our reference: 20931", "Tel: 01632 960123": details, not figures
            return label, value
    return None


def _spaced(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Rows whose columns lost their spacing: a short label, then figures, single spaces apart.

    Rows with two or more figures count on their own; rows with one figure only in a
    run of two or more, so "a sentence ending in 45" is not a table.
    """
    grids: list[Grid] = []
    i, n = 0, len(lines)
    while i < n:
        row = None if claimed[i] or lines[i].blank else _spaced_row(lines[i].text)
        if row is None:
            i += 1
            continue
        rows = [row]
        j = i + 1
        while j < n and not claimed[j] and not lines[j].blank:
            nxt = _spaced_row(lines[j].text)
            if nxt is None or len(nxt) != len(row):
                break
            rows.append(nxt)
            j += 1
        if len(row) >= 3 or len(rows) >= 2:
            header: tuple[str, ...] = ()
            if i > 0 and not claimed[i - 1] and not lines[i - 1].blank:
                words = tuple(lines[i - 1].text.split())
                if len(words) == len(row) and not any(is_value(w) for w in words[1:]):
                    header = words  # "Year Burglary Robbery Theft": one word a column
            first = i - 1 if header else i
            grids.append((first, j - 1, header, tuple(rows)))
        i = j
    return grids


def _spaced_row(text: str) -> tuple[str, ...] | None:
    """``(label, figure, ...)`` for "2021 412 88 1,204" or "Total 45 52", else None."""
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > 14:
        return None
    m = len(tokens)
    while m > 0 and is_value(tokens[m - 1]):
        m -= 1
    if m == 0 and _YEARISH.match(tokens[0]):
        m = 1  # a year labels the row
    label, values = tokens[:m], tokens[m:]
    if not label or not values or len(label) > 6 or label[-1][-1:] in ".,;:" or label[0][:1].islower():
        return None
    words = " ".join(label)
    if ":" in words or _NOT_A_ROW.search(words) or label[-1].lower().rstrip(".,") in _MONTH_WORDS:
        return None  # "Our ref: FOI 999", "Telephone 0116 454 1000", "Monday 4 March 2024"
    if len(values) == 1 and len(label) > 3:
        return None
    return (" ".join(label), *values)


def _title(lines: Sequence[Line], first: int, claimed: list[bool]) -> str | None:
    i = first - 1
    blanks = 0
    while i >= 0 and lines[i].blank:
        blanks += 1
        i -= 1
    if i < 0 or blanks > 2 or claimed[i]:
        return None
    title = lines[i].text.strip()
    return title if 0 < len(title) <= 200 else None


def check_totals(table: Table) -> list[ParseWarning]:
    """Warn where a stated total row does not equal the sum of the rows since the last total.

    One pass with running sums, so a table of many subtotals costs no more than its size.
    """
    warnings: list[ParseWarning] = []
    if not any(row and TOTAL_LABEL.match(row[0]) for row in table.rows):
        return warnings  # no total row to check
    sums: dict[int, float] = {}
    unknown: set[int] = set()  # columns with a suppressed or non-numeric cell since the last total
    for row in table.rows:
        if row and TOTAL_LABEL.match(row[0]):
            for c in range(1, len(row)):
                stated = number_of(row[c])
                if stated is None or c in unknown or c not in sums:
                    continue
                total = sums[c]
                if abs(total - stated) > 1e-6 * max(1.0, abs(stated)):
                    column = table.columns[c] if c < len(table.columns) else f"column {c + 1}"
                    warnings.append(
                        ParseWarning(
                            code="table_total_mismatch",
                            message=f"row {row[0]!r}, {column}: states {row[c]} but the rows above add up to {total:g}",
                            span=table.span,
                        )
                    )
            sums, unknown = {}, set()
            continue
        for c in range(1, len(row)):
            value = number_of(row[c])
            if value is None:
                if row[c].strip() not in ("", "-", "0"):
                    unknown.add(c)
                continue
            sums[c] = sums.get(c, 0) + value
    return warnings
