"""Tables of figures in plain text, whatever became of their markup.

Each layout proposes candidate tables over line ranges, with the evidence for them;
where candidates overlap, the one with the stronger evidence wins (:class:`Candidate`):

* piped: cells between ``|`` characters, a ``|---|`` rule under the header;
* stacked: one cell per line, a label line then its value line(s), as a table copied
  out of a Word letter becomes (the seed's layout), with or without a ``|`` or tab after
  each cell;
* aligned: columns separated by tabs or by runs of spaces, headers possibly wrapped
  over several lines, columns found by character position;
* listed: ``label: value``, ``label = value``, ``label – value`` lines (:mod:`.lists`);
* spaced: a label of words then figures, single spaces apart, labels wrapped above or
  below their figures.

Cells are kept exactly as written (``"<5"``, ``"*"``, ``""``). Where a table states its
own total row, the sums are checked and a warning is given when they do not add up.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from foiparse.layout.cells import is_value, number_of
from foiparse.layout.lines import Line
from foiparse.layout.lists import find_lists
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

    ``taken`` are line ranges already known to be tables (from a page's markup). Every
    layout proposes candidates on the lines still free; the strongest that overlap no
    stronger one are kept, and the layouts look again at the lines the losers freed.
    """
    # A line longer than any row of figures is prose, or junk: never a row, and never split into
    # cells (a megabyte-long line would make hundreds of thousands of them).
    claimed = [len(line.text) > _LONGEST_ROW for line in lines]
    for first, last in taken:
        for i in range(first, last + 1):
            claimed[i] = True
    finders = [_stacked, _aligned]
    if any(bar in text for bar in _PIPE_CHARS):
        finders.insert(0, _piped)
    listed = len(finders)  # lists rank after the grids and before single-spaced rows
    finders.append(_spaced)
    chosen: list[Candidate] = []
    for _ in range(3):  # a round frees lines only where a candidate lost
        proposed = [
            Candidate(*grid, rank + (rank >= listed))
            for rank, finder in enumerate(finders)
            for grid in finder(lines, claimed)
        ]
        # A list finds its own title (a short line just above it), by its own rules.
        proposed += [
            Candidate(t.first, t.last, t.columns, t.rows, listed, t.title, True) for t in find_lists(lines, claimed)
        ]
        kept = _strongest(proposed)
        chosen.extend(kept)
        for c in kept:
            for i in range(c.first, c.last + 1):
                claimed[i] = True
        if len(kept) == len(proposed):
            break
    found = []
    for c in sorted(chosen, key=lambda c: c.first):
        span = (lines[c.first].start + lines[c.first].indent, lines[c.last].end)
        title = c.title if c.titled else _title(lines, c.first, claimed)
        found.append(FoundTable(Table(title, c.columns, c.rows, span), c.first, c.last))
    warnings = [w for f in found for w in check_totals(f.table)]
    return found, warnings


@dataclass(frozen=True, slots=True)
class Candidate:
    """A table one layout proposes over lines ``first..last``; ``rank`` orders the layouts on a tie."""

    first: int
    last: int
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    rank: int
    title: str | None = None
    titled: bool = False  # the layout found the title itself (None: it has none)

    @property
    def evidence(self) -> float:
        """Cells that hold figures, weighed by how many rows have the usual number of cells.

        A header naming the columns counts as a row of evidence. Prose split into cells has few
        figures and ragged rows; a real table has many figures in rows of one width.
        """
        figures = sum(is_value(c) for row in self.rows for c in row[1:])
        widths = Counter(sum(1 for c in row if c) for row in self.rows)
        steady = widths.most_common(1)[0][1] / len(self.rows) if self.rows else 0.0
        return figures * steady + (len(self.rows[0]) if self.columns and self.rows else 0)


def _strongest(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that overlap no stronger one, strongest first."""
    by_line = sorted(candidates, key=lambda c: c.first)
    if all(a.last < b.first for a, b in itertools.pairwise(by_line)):
        return candidates  # nothing to weigh
    kept: list[Candidate] = []
    covered: set[int] = set()
    for c in sorted(candidates, key=lambda c: (-c.evidence, c.rank, c.first)):
        lines = range(c.first, c.last + 1)
        if not any(i in covered for i in lines):
            kept.append(c)
            covered.update(lines)
    return kept


Grid = tuple[int, int, tuple[str, ...], tuple[tuple[str, ...], ...]]
_LONGEST_ROW = 10_000  # characters: wider than any row of figures


def _stacked(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Label line, then k value lines, repeated; blank lines between are allowed.

    A label is text ("L"), or a year ("Y": "2021", "2021/22") when every record's label is.
    """
    nonblank = [i for i, line in enumerate(lines) if not line.blank and not claimed[i]]
    kinds = [_stack_kind(lines[i].text) for i in nonblank]
    grids: list[Grid] = []
    small: list[Grid] = []  # blocks too short to be tables unless their header repeats
    pos = 0
    while pos < len(nonblank):
        label_kind = kinds[pos]
        cells = "VD" if label_kind == "L" else "V"  # a date is a cell beside a label, or labels its row
        if label_kind not in ("L", "Y", "D") or pos + 1 >= len(kinds) or kinds[pos + 1] not in cells:
            pos += 1
            continue
        k = 1
        while pos + 1 + k < len(kinds) and kinds[pos + 1 + k] in cells:
            k += 1
        pattern = kinds[pos + 1 : pos + 1 + k]
        if "V" not in pattern:
            pos += 1  # dates beside labels and no figure: a list of dates
            continue
        records: list[tuple[int, int]] = []  # each record's first label position (in nonblank) and label lines
        cur = pos
        if label_kind == "L" and pos > 0 and _wrapped(lines, nonblank, kinds, pos - 1):
            cur = pos - 1  # the first record's label wrapped onto the line above its figures
        while True:
            wrap = 2 if label_kind == "L" and cur + 1 < len(kinds) and _wrapped(lines, nonblank, kinds, cur) else 1
            at = cur + wrap - 1  # the label's last line, just above the figures
            if not (
                at + k < len(kinds)
                and kinds[cur] == label_kind
                and kinds[at + 1 : at + 1 + k] == pattern
                and (at + k + 1 >= len(kinds) or kinds[at + k + 1] not in cells)
                and (not records or _gap(lines, nonblank[cur - 1], nonblank[cur]) <= 2)
                and all(_gap(lines, nonblank[at + j - 1], nonblank[at + j]) <= 1 for j in range(1, k + 1))
            ):
                break
            records.append((cur, wrap))
            cur = at + k + 1
        if not records:
            pos += 1
            continue
        start = records[0][0]  # the first label's first line (before pos when it wrapped)
        header_pos = start - (k + 1)
        columns: tuple[str, ...] = ()
        first_pos = start
        if (
            header_pos >= 0
            and all(
                (kinds[h] == "L" or (kinds[h] == "Y" and h > header_pos and label_kind == "L"))
                and len(_stacked_cell(lines[nonblank[h]])) <= MAX_HEADER
                for h in range(header_pos, start)
            )  # a header of words, or of years over the figures of rows labelled in words
            and all(_gap(lines, nonblank[h], nonblank[h + 1]) <= 2 for h in range(header_pos, start))
        ):
            columns = tuple(_stacked_cell(lines[nonblank[h]]) for h in range(header_pos, start))
            first_pos = header_pos
        rows = tuple(
            (
                " ".join(_stacked_cell(lines[nonblank[r + w]]) for w in range(wrap)),
                *(_stacked_cell(lines[nonblank[r + wrap - 1 + j]]) for j in range(1, k + 1)),
            )
            for r, wrap in records
        )
        last = records[-1][0] + records[-1][1] - 1 + k
        grid = (nonblank[first_pos], nonblank[last], columns, rows)
        if len(records) < 3:
            if columns:
                small.append(grid)
            pos += 1
            continue
        grids.append(grid)
        pos = last + 1
    return sorted(grids + _repeated(small, grids), key=lambda g: g[0])


def _wrapped(lines: Sequence[Line], nonblank: list[int], kinds: list[str], p: int) -> bool:
    """Label lines ``p`` and ``p + 1`` are one label that wrapped ("Are EU, EEA or Swiss national" / "citizens").

    Only when the second continues the first: it goes on in lower case, or the first
    ends in a joining word or an open bracket. Two labels of their own stay apart.
    """
    if kinds[p] != "L" or kinds[p + 1] != "L" or _gap(lines, nonblank[p], nonblank[p + 1]) > 1:
        return False
    return _up(_stacked_cell(lines[nonblank[p]]), _stacked_cell(lines[nonblank[p + 1]])) is True


def _repeated(small: list[Grid], grids: list[Grid]) -> list[Grid]:
    """Blocks of one or two records that are tables because their header repeats.

    ("2021 / Type / Number / Physical / 12 / Verbal / 30", then the same for 2022: a
    header said again over each block is evidence of columns that three rows would be.)
    """
    seen = Counter(g[2] for g in (*small, *grids))
    covered = {i for g in grids for i in range(g[0], g[1] + 1)}
    kept: list[Grid] = []
    for g in small:
        lines = range(g[0], g[1] + 1)
        if seen[g[2]] >= 2 and not any(i in covered for i in lines):
            kept.append(g)
            covered.update(lines)
    return kept


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
        if claimed[i] or not _pipe_row(lines[i].text):
            i += 1
            continue
        j = i
        while j < n and not claimed[j] and (_pipe_row(lines[j].text) or (j > i and _pipe_tail(lines[j].text))):
            j += 1
        groups: list[list[list[str]]] = [[]]  # runs of rows between rules
        for k in range(i, j):
            body = lines[k].text.strip()
            if _PIPE_RULE().fullmatch(body):
                groups.append([])
                continue
            cells = [cell.strip() for cell in _PIPES().split(body.strip(_PIPE_CHARS))]
            widest = max((len(row) for g in groups for row in g), default=0)
            if body[0] not in _PIPE_STARTS and groups[-1] and len(groups[-1][-1]) + len(cells) <= widest:
                groups[-1][-1].extend(cells)  # "| label |" then "452 |": a row whose figures went to the next line
            else:
                groups[-1].append(cells)
        groups = [g for g in groups if g]
        # Between two rules, lines whose first cell is empty continue the row above them
        # (a box-drawn cell wrapping); lines that each have a label are rows of their own.
        rows: list[list[str]] = []
        for g in groups:
            rows.extend([_join_wrapped(g)] if len(g) > 1 and _one_row(g) else g)
        header: list[str] = []
        if (
            len(groups) > 1
            and len(groups[0]) <= 4
            and (len(groups[0]) == 1 or not all(c[0] for c in groups[0]))
            and _heads(rows[0])
        ) or (len(groups) == 1 and len(rows) > 2 and _names_columns(rows)):
            header = rows.pop(0)
        rows = [row for row in rows if any(row)]
        if len(rows) >= MIN_ROWS and any(is_value(cell) for row in rows for cell in row[1:]):
            width = max(len(row) for row in [*rows, header])
            grid_rows = tuple(_pad(row, width) for row in rows)
            grids.append((i, j - 1, _pad(header, width) if header else (), grid_rows))
        i = j
    return grids


def _pipe_tail(text: str) -> bool:
    """The end of a bar-drawn row that wrapped: "452 |" (no bar at its start, one at its end)."""
    body = text.strip()
    return len(body) > 1 and body[-1] in _PIPE_CHARS and body[0] not in _PIPE_STARTS


def _names_columns(rows: list[list[str]]) -> bool:
    """A first row of words over rows that all hold figures: a header though no rule is drawn under it."""
    return (
        len(rows[0]) >= 2
        and all(rows[0])
        and not is_value(rows[0][0])
        and not any(is_value(c) and not _YEARISH.match(c) for c in rows[0][1:])
        and _heads(rows[0])
        and sum(any(is_value(c) for c in row[1:]) for row in rows[1:]) >= 0.75 * (len(rows) - 1)
    )


def _pipe_row(text: str) -> bool:
    """A line drawn with bars: one at its start, or bars between cells ("Abbey | 12 | 14")."""
    body = text.strip()
    return body.startswith(_PIPE_STARTS) or any(bar in body[1:-1] for bar in _PIPE_CHARS)


_PIPE_CHARS = "|│┃║"
_PIPE_STARTS = tuple(_PIPE_CHARS + "+┌├└╞╟╠╔╚┏┣┗")
_PIPES = lazy(r"[|│┃║]")
_PIPE_RULE = lazy(
    r"[\s|│┃║:+=─━┄┈┌┐└┘├┤┬┴┼╞╡╪╤╧╟╢╫╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋-]*[-─━═┄┈][\s|│┃║:+=─━┄┈┌┐└┘├┤┬┴┼╞╡╪╤╧╟╢╫╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋-]*"
)


def _one_row(group: list[list[str]]) -> bool:
    """Lines between two rules that are one wrapped row, not rows of their own.

    They are when a line has no label (a cell wrapping under its label) or when only
    the first line holds figures (the label wrapped below them).
    """
    if not all(cells[0] for cells in group):
        return True
    return any(is_value(c) for c in group[0][1:]) and not any(is_value(c) for cells in group[1:] for c in cells[1:])


def _heads(row: list[str]) -> bool:
    """A first row that names columns: not a label with figures like the rows under it.

    Years head columns ("| Ward | 2022 | 2023 |"), but not when a year also labels the row.
    """
    rest = [c for c in row[1:] if c]
    if not rest or not all(is_value(c) or _YEARISH.match(c) for c in rest):
        return True
    return all(_YEARISH.match(c) for c in rest) and not _YEARISH.match(row[0])


def _join_wrapped(lines_of_row: list[list[str]]) -> list[str]:
    """One row from the lines a ruled row wrapped over, each cell's pieces joined by a space."""
    width = max(len(cells) for cells in lines_of_row)
    return [" ".join(piece for cells in lines_of_row if c < len(cells) and (piece := cells[c])) for c in range(width)]


def _stacked_cell(line: Line) -> str:
    """A line's one cell, without the ``|`` or tab a copied cell can end in ("46 |")."""
    text = line.text.strip()
    return text.rstrip("|│\t").rstrip() if text[-1:] in ("|", "│") else text


# A figure with a note in brackets, one cell as written ("22 (total across all categories)"), or a cell
# saying there is no figure ("N/a", "Nil"): values in a one-cell-per-line table.
_NOTED_FIGURE = re.compile(r"[£$€]?\d[\d,.]*%?[ ]?\([^()\n]{1,60}\)$|(?i:n/?a|nil)$")  # and "N/a", "Nil"


@functools.lru_cache(maxsize=8192)
def _stack_kind(line_text: str) -> str:
    """What one line is in a one-cell-per-line table: a year, a value, a label, or prose."""
    text = line_text.strip()
    if text[-1:] in ("|", "│"):
        text = text.rstrip("|│\t").rstrip()
    if not text:
        return "P"
    if _YEARISH.match(text):
        return "Y"
    if is_value(text) or _NOTED_FIGURE.match(text):
        return "V"
    if _NUMERIC_DATE.fullmatch(text) or ((d := _DATE_LABEL.match(text + " ")) is not None and d.end() == len(text)):
        return "D"  # a date: a cell beside the figures, or a row's label
    return "L" if len(text) <= MAX_LABEL and not text.endswith("?") else "P"


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
        if claimed[i] or lines[i].blank or not _row_like(lines[i]):
            i += 1  # a run starts with a row of cells
            continue
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
    cells = _split_cells(line.text)
    return len(cells) >= 2 and not _BULLET.match(cells[0] + " ")  # "•    2023": a bullet point, not a label


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


_NOT_A_ROW = re.compile(
    r"\b(?:ref(?:erence)?|tel(?:ephone)?|phone|fax|mobile|mob|text|case|file|request|ticket|tracking|id|no|postcode|zip|date"
    r"|extension|ext|dx|foi|eir)\b\.?$",
    re.IGNORECASE,
)


def _spaced(lines: Sequence[Line], claimed: list[bool]) -> list[Grid]:
    """Rows whose columns lost their spacing: a label of words, then figures, single spaces apart.

    Evidence of columns here is a rhythm: two or more rows with as many figures each
    (trailing cells may be empty: "Nov 4525 5822" under six years), or one row under a
    header whose last words are as many as its figures. A row's label may wrap onto a
    line of its own above or below its figures (see :func:`_attach`). One line of
    figures alone is no table: OCR noise, a phone number and a price make those.
    """
    grids: list[Grid] = []
    i, n = 0, len(lines)
    while i < n:
        if claimed[i] or lines[i].blank:
            i += 1
            continue
        row = _spaced_row(lines[i].text)
        header = None
        text = lines[i].text.strip()
        if row is None and text[:1] in _FIGURE_START and " " in text and is_value(text.split(None, 1)[0]):
            header = _spaced_header(lines, claimed, i)  # a line of years over a row of figures alone
            row = _bare_row(lines[i].text, len(header) - 1) if header else None
        if row is not None and (header is None or len(header) != len(row)):
            header = _spaced_header(lines, claimed, i, len(row) - 1)
        if row is None:
            i += 1
            continue
        width = len(row) - 1
        rows: dict[int, tuple[str, ...]] = {i: row}
        between: list[list[int]] = [[]]  # fragment lines after each row
        j = i + 1
        while j < n and not claimed[j]:
            if lines[j].blank:
                nxt = _spaced_row(lines[j + 1].text) if j + 1 < n and not claimed[j + 1] else None
                if between[-1] or nxt is None or not _fits(len(nxt) - 1, width):
                    break
                j += 1
                continue
            nxt = _spaced_row(lines[j].text, in_run=True)
            if nxt is not None and len(nxt) - 1 > width and not _fits(len(nxt) - 1, width):
                nxt = _spaced_row(lines[j].text, in_run=True, width=width)  # figures in the label
            if nxt is not None and _fits(len(nxt) - 1, width):
                rows[j] = nxt
                between.append([])
            elif nxt is None and len(between[-1]) < 2 and _spaced_fragment(lines[j].text):
                between[-1].append(j)
            else:
                break
            j += 1
        named = width >= 2 and (header is not None or _heads_below(lines, claimed, i, row))
        if len(rows) >= (3 if width == 1 else 1 if named else 2):
            body = _attach(lines, rows, between)
            span = max(len(r) for r in body)
            first = i - 1 if header else i
            last = max([max(rows), *_joined_below(lines, rows, between)])
            total = _bare_total(lines, claimed, last + 1, body) if last == max(rows) else None
            if total is not None:
                body.append(total)
                last += 1
            grids.append(
                (first, last, _pad(list(header), span) if header else (), tuple(_pad(list(r), span) for r in body))
            )
            i = last + 1
        else:
            i += 1
    return grids


def _heads_below(lines: Sequence[Line], claimed: list[bool], i: int, row: tuple[str, ...]) -> bool:
    """A year's row of figures under a line of column names too wrapped to split.

    ("Financial Year Workers FTE Worker FTE" over "2018/19 122.88 265.70".)
    """
    if len(row) < 3 or not _YEARISH.match(row[0]) or i == 0 or claimed[i - 1] or lines[i - 1].blank:
        return False
    above = lines[i - 1].text.strip()
    return (
        len(above) <= MAX_LABEL
        and above[:1].isupper()
        and not above.endswith((".", ":", ";", ",", "?"))
        and _spaced_row(above) is None
        and not any(is_value(t) for t in above.split())
    )


def _bare_total(
    lines: Sequence[Line], claimed: list[bool], j: int, body: list[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """A lone figure under the rows that is the sum of one column: that column's total, in its place.

    ("2023 16 16 1 33" ... then "96" alone.) Only the sum says which column it totals.
    """
    if j >= len(lines) or claimed[j] or lines[j].blank:
        return None
    text = lines[j].text.strip()
    stated = number_of(text) if is_value(text) else None
    if stated is None or len(body) < 2:
        return None
    width = len(body[0])
    for c in range(width - 1, 0, -1):
        figures = [number_of(row[c]) if c < len(row) else None for row in body]
        if all(f is not None for f in figures) and abs(sum(f or 0 for f in figures) - stated) < 1e-6:
            return tuple(text if k == c else "" for k in range(width))
    return None


def _fits(count: int, width: int) -> bool:
    """Figures in a row that fit a table of ``width`` value columns (a row may end short by two)."""
    return count == width or (
        min(count, width) >= (2 if count < width else 3) and 0 < abs(count - width) <= 2 and width >= 3
    )


_CONNECTOR = re.compile(r"(?:\b(?:to|in|of|and|or|for|from|the|by|with|a|an|per|on|at)|[-–&/,(])$", re.IGNORECASE)


def _spaced_fragment(text: str) -> bool:
    """A short line of words that can be part of a row's label wrapped in its cell."""
    body = text.strip()
    return (
        0 < len(body) <= MAX_FRAGMENT
        and len(body.split()) <= 5
        and any(ch.isalpha() for ch in body)
        and not body.endswith((".", ":", "?", ";"))
        and not _LIST_MARK.match(body)
        and not is_value(body)
    )


def _up(label: str, fragment: str) -> bool | None:
    """Whether a fragment continues the label above it (True), starts the one below (False), or can't tell."""
    up = bool(_CONNECTOR.search(label)) or label.count("(") > label.count(")") or fragment[:1].islower()
    down = bool(_CONNECTOR.search(fragment)) or fragment.count("(") > fragment.count(")")
    return up if up != down else None


def _attach(lines: Sequence[Line], rows: dict[int, tuple[str, ...]], between: list[list[int]]) -> list[tuple[str, ...]]:
    """The rows, each label joined with the lines it wrapped onto.

    A fragment goes up when it continues in lower case or the label above ends in a
    joining word ("Cancelled - not reg in" / "England/Wales"), down when it opens a
    bracket or ends in one ("2024 (To" / "29th Feb) 2 1"). The rest follow the table's
    majority, and go down (a cell aligned to its foot) when nothing tells.
    """
    starts = sorted(rows)
    votes = [_up(rows[starts[k]][0], lines[frags[0]].text.strip()) for k, frags in enumerate(between) if frags]
    default = sum(v is True for v in votes) > sum(v is False for v in votes)
    labels = {r: [rows[r][0]] for r in starts}
    for k, frags in enumerate(between):
        if not frags:
            continue
        text = " ".join(lines[f].text.strip() for f in frags)
        vote = _up(rows[starts[k]][0], lines[frags[0]].text.strip())
        goes_up = default if vote is None else vote
        if k + 1 == len(starts):
            if vote is True:
                labels[starts[k]].append(text)  # the last label, wrapped below its figures
        elif goes_up:
            labels[starts[k]].append(text)
        else:
            labels[starts[k + 1]].insert(0, text)
    return [(" ".join(labels[r]) if rows[r][0] else "", *rows[r][1:]) for r in starts]


def _joined_below(lines: Sequence[Line], rows: dict[int, tuple[str, ...]], between: list[list[int]]) -> list[int]:
    """The fragment lines after the last row that continue its label."""
    last = max(rows)
    frags = between[-1]
    return frags if frags and _up(rows[last][0], lines[frags[0]].text.strip()) is True else []


def _spaced_header(
    lines: Sequence[Line], claimed: list[bool], i: int, width: int | None = None
) -> tuple[str, ...] | None:
    """The line above ``i`` read as a header of ``width`` value columns.

    Its last ``width`` words name the value columns and the words before them (at most
    four) the label column; without ``width``, a line of years alone.
    """
    if i == 0 or claimed[i - 1] or lines[i - 1].blank:
        return None
    text = lines[i - 1].text.strip()
    tokens = text.split()
    if width is None:
        ok = len(tokens) >= 2 and all(_YEARISH.match(t) for t in tokens)
        return ("", *tokens) if ok else None
    extra = len(tokens) - width
    if extra == 0 and not all(_YEARISH.match(t) for t in tokens):
        return None  # every word a column and none for the labels: a phrase, unless it is years
    if width < 1 or not 0 <= extra <= 4 or text.endswith((".", ":", ";", ",", "?")) or len(text) > MAX_LABEL:
        return None
    if any(is_value(t) and not _YEARISH.match(t) for t in tokens) or (extra > 0 and not tokens[0][:1].isupper()):
        return None
    if any(len(t) > 20 or t.endswith(":") for t in tokens) or _spaced_row(text) is not None:
        return None
    return (" ".join(tokens[:extra]), *tokens[extra:])


_FIGURE_START = frozenset("0123456789£$€<>*-–~")


def _bare_row(text: str, width: int) -> tuple[str, ...] | None:
    """A row of figures only, under a header of as many columns: its label is empty."""
    tokens = text.split()
    if len(tokens) == width >= 2 and all(is_value(t) for t in tokens):
        return ("", *tokens)
    return None


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_LABEL = re.compile(
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d\d|(?:\d{{1,2}}(?:st|nd|rd|th)? )?{_MONTH} (?:19|20)\d\d)(?=[ \t])",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[a-z]?[.)]|\(?[a-z]{1,4}\))(?:\s|$)")  # "2.", "(b)", "iv)"; not "June)"
_COPULAS = frozenset(["was", "were", "is", "are", "be", "been", "being", "has", "have", "had"])
_NUMERIC_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:19|20)?\d\d")
_RECORD = re.compile(r"#\s?\d|\b\d{1,2}/\d{1,2}/\d{2,4}\b")  # a numbered item or a dated one: a record, not a category
# A token, with a currency sign or a per cent sign set apart by a space kept in it ("£ 1,200", "45 %").
_TOKEN = re.compile(r"[£$€] (?=\d)\S+(?: %(?!\S))?|\S+(?: %(?!\S))?")
_LEADER = re.compile(r"[.…_·]{2,}")
_MONEY = re.compile(r"^[£$€]")
_DASHES = frozenset("-–—")


@functools.lru_cache(maxsize=8192)
def _spaced_row(text: str, in_run: bool = False, width: int = 0) -> tuple[str, ...] | None:
    """``(label, figure, ...)`` for "2021 412 88 1,204" or "Total 45 52", else None.

    The label is kept as written; it must hold a word (not "$" or a bullet) and not read as
    a date, a reference or a phone number. A line of years is a header, and figures joined
    by dashes between prices ("£30,825 - £34,834") are a range, not cells. ``in_run``: rows
    of the table were seen above, so a longer label before one figure is still a row.
    ``width``: the table's value columns; figures before the last ``width`` belong to the
    label ("Aged 18 to 64 30 41").
    """
    last = text.rsplit(None, 1)
    if not last or not (is_value(last[-1]) or last[-1] == "%"):
        return None  # the common case, prose: no figure ends the line
    dated = _DATE_LABEL.match(text.strip())
    if dated:  # "03/01/2024 4 2", "4 March 2024 12": a date labels the row
        values = text.strip()[dated.end() :].split()
        if len(values) <= 24 and all(is_value(v) for v in values) and not _YEARISH.match(values[0]):
            return (dated.group(), *values)
    spans = [m.span() for m in _TOKEN.finditer(text)]
    tokens = [text[a:b] for a, b in spans]
    if len(tokens) < 2 or len(tokens) > 24:
        return None
    m = len(tokens)
    while m > 0 and is_value(tokens[m - 1]):
        m -= 1
    if m == 0 and _YEARISH.match(tokens[0]):
        m = 1  # a year labels the row
    if width and len(tokens) - m > width:
        m = len(tokens) - width
    dates = 0
    while m - dates > 1 and _NUMERIC_DATE.fullmatch(tokens[m - dates - 1]):
        dates += 1  # "HB4 7TX 03/01/2024 4": a column of dates between the label and the counts
    if dates and m < len(tokens):
        m -= dates
    values = tokens[m:]
    while m > 1 and _LEADER.fullmatch(tokens[m - 1]):
        m -= 1  # "Abbey ........ 12": dots lead the eye from the label to its figure
    label = tokens[:m]
    if not label or not values or len(label) > 8 or label[-1][-1:] in ".,;:" or label[0][:1].islower():
        return None
    words = text[spans[0][0] : spans[m - 1][1]]
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(spans)]
    if m < len(spans) and gaps[m - 1] < 2 and any(g >= 2 for g in gaps[m:]):
        return None  # "Ward 1    13    5": wide gaps between the figures say where its columns are (aligned)
    if not any(ch.isalpha() for ch in words) and not _YEARISH.match(words):
        return None  # "$ 556.46", "• 2023", "312-296-5236 631"
    if (not label[0][:1].isalnum() and label[0][:1] not in "(<") or _NUMBERED.match(words):
        return None  # "• In 2023 £0", "2. The Trust holds 45 52": a bullet point or a numbered paragraph
    if any(v[:1] == "0" and v[1:2].isdigit() and not _NUMERIC_DATE.fullmatch(v) for v in values):
        return None  # "Jane Smith 0161 496 0000": a phone number; no count starts with a 0
    if label[-1].lower() in _COPULAS:
        return None  # "Total spend was 45 50": a sentence
    if ":" in words or _NOT_A_ROW.search(words) or _RECORD.search(words):
        return None  # "Our ref: FOI 999", "Telephone 0116 454 1000", "Check #17310 dated 03/07/2014"
    if label[-1].lower().rstrip(".,") in _MONTH_WORDS and (
        _YEARISH.match(values[0]) or any(t.isdigit() for t in label)
    ):
        return None  # "Monday 4 March 2024", but "Jan 4057 4401" labels a month's row
    if len(values) >= 2 and all(_YEARISH.match(v) for v in values):
        return None  # "Ward 2022 2023": a header of years
    if any(
        v in _DASHES and _MONEY.match(values[k - 1]) and _MONEY.match(values[k + 1])
        for k, v in enumerate(values[1:-1], 1)
    ):
        return None  # "£30,825 - £34,834": a range
    if len(values) == 2 and values[0] in _DASHES:
        return None  # "Cardiology – 14": a dash between a label and its value (listed), not a nil cell
    if len(values) == 1 and len(label) > (6 if in_run else 3):
        return None  # "... numbering 45": a sentence, unless rows of one figure come before it
    return (words, *values)


def _title(lines: Sequence[Line], first: int, claimed: list[bool]) -> str | None:
    i = first - 1
    blanks = 0
    while i >= 0 and lines[i].blank:
        blanks += 1
        i -= 1
    if i < 0 or blanks > 2 or claimed[i]:
        return None
    title = lines[i].text.strip()
    if title[-1:] == "?" or (title[-1:] in ".!" and len(title.split()) > 6):
        return None  # a question, or a sentence of the letter ("You asked for ... in 2022."), not a title
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
