"""Ruling lines from a PDF page's paths, and the cells they draw.

The lines come straight from PDFium's path segments through its C interface: the
Python wrapper object, matrix object and method call made for each of a table page's
hundreds of path objects cost more than reading the points. Points are read and
transformed exactly as before (the object's own matrix, in double precision), so the
ruling lines, and the tables found from them, are the same to the last bit.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from foiparse.readers.cells import unchecked

Point = tuple[float, float]
Line = tuple[float, float, float, float]  # x0, top, x1, bottom in the page's view (y downwards)
Cell = tuple[float, float, float, float]
Lines = tuple[list[Line], list[Line]]  # across (horizontal) and down (vertical), in the order drawn
_MAX_DEPTH = 3  # form XObjects nested deeper than this are not looked into
_SNAP = _JOIN = _MEET = 3.0  # pdfplumber's tolerances, as the reader has always used them
_SHORTEST = 3.0  # a merged line shorter than this is no ruling


def edges(page: Any, to_view: Callable[..., tuple[float, float, float, float]]) -> Lines:
    """Axis-aligned segments of the page's paths, across and down (thin rectangles as lines).

    Raises:
        pypdfium2.PdfiumError: PDFium cannot list the page's objects or give one's matrix.
    """
    import pypdfium2.raw as raw
    from pypdfium2 import PdfiumError

    out: Lines = ([], [])
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    matrix = raw.FS_MATRIX()
    at_matrix = ctypes.byref(matrix)
    get_segment, get_point = unchecked("FPDFPath_GetPathSegment"), unchecked("FPDFPathSegment_GetPoint")
    get_type, get_close, move = (
        unchecked("FPDFPathSegment_GetType"),
        unchecked("FPDFPathSegment_GetClose"),
        raw.FPDF_SEGMENT_MOVETO,
    )
    object_type, path_kind, form_kind = unchecked("FPDFPageObj_GetType"), raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    get_matrix, count_segments = unchecked("FPDFPageObj_GetMatrix"), unchecked("FPDFPath_CountSegments")

    def path(obj: Any) -> None:
        if not get_matrix(obj, at_matrix):
            raise PdfiumError("Failed to get matrix of pageobject.")
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        points: list[Point] = []
        for i in range(count_segments(obj)):
            segment = get_segment(obj, i)
            if not get_point(segment, at_x, at_y):
                continue
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            if not points or get_type(segment) == move:
                points = [point]  # a path's first point is where it moves to, whatever its kind
                continue
            _segment(points[-1], point, to_view, out)
            points.append(point)
            if len(points) > 2 and get_close(segment):
                _segment(points[-1], points[0], to_view, out)

    def walk(parent: Any, count: int, get: Any, level: int) -> None:
        if count < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(count):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = object_type(obj)
            if kind == path_kind:
                path(obj)
            elif kind == form_kind and level < _MAX_DEPTH - 1:
                walk(obj, raw.FPDFFormObj_CountObjects(obj), unchecked("FPDFFormObj_GetObject"), level + 1)

    walk(page.raw, raw.FPDFPage_CountObjects(page.raw), unchecked("FPDFPage_GetObject"), 0)
    return out


def _segment(a: Point, b: Point, to_view: Callable[..., tuple[float, float, float, float]], out: Lines) -> None:
    # min() and max() of two, as they pick (the first unless the second is less / greater), without their calls.
    (ax, ay), (bx, by) = a, b
    x0, top, x1, bottom = to_view(
        bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay
    )
    x0, x1 = x1 if x1 < x0 else x0, x1 if x1 > x0 else x0
    top, bottom = bottom if bottom < top else top, bottom if bottom > top else top
    if bottom - top <= 1.0 and x1 - x0 > 1.0:
        top = bottom = (top + bottom) / 2
        out[0].append((x0, top, x1, bottom))
    elif x1 - x0 <= 1.0 and bottom - top > 1.0:
        x0 = x1 = (x0 + x1) / 2
        out[1].append((x0, top, x1, bottom))
    # else a curve, a diagonal or a point: no ruling line


def may_cross(lines: Lines) -> bool:
    """Two lines each way at least: without them no cell is drawn."""
    return len(lines[0]) >= 2 and len(lines[1]) >= 2


def tables(lines: Lines, most: int) -> list[list[Cell]] | None:
    """The ruled tables the lines draw, each its cells, as pdfplumber's "lines" strategy finds them.

    pdfplumber's ``merge_edges``, ``edges_to_intersections``, ``intersections_to_cells``
    and ``cells_to_tables``, with the tolerances the reader gives them, on tuples instead
    of dictionaries, and without loading pdfplumber (and pdfminer) for them: the same
    numbers, in the same order, as the tests check on random rulings. None when the
    merged lines cross more than ``most`` times (graph paper: finding cells grows with
    the square of the crossings).

    The same lines give the same tables, so a grid drawn again (the same table layout on
    every page of an annex, a letter template in a batch) is worked out once: a table
    page's geometry costs more than reading its lines.
    """
    key = (tuple(lines[0]), tuple(lines[1]), most)
    with _remembering:
        known = _remembered.get(key)
        if known is not None:
            _remembered.move_to_end(key)
    if known is not None:
        found = known[0]
    else:
        found = _tables_drawn(lines, most)
        if len(key[0]) + len(key[1]) <= _REMEMBERED_SIZE and sum(map(len, found or ())) <= _REMEMBERED_SIZE:
            with _remembering:
                _remembered[key] = (found,)
                if len(_remembered) > _REMEMBERED:
                    _remembered.popitem(last=False)
    return None if found is None else [list(table) for table in found]


def _tables_drawn(lines: Lines, most: int) -> tuple[tuple[Cell, ...], ...] | None:
    across = [e for e in _merged(_snapped(lines[0], 1), 1) if e[2] - e[0] >= _SHORTEST]
    down = [e for e in _merged(_snapped(lines[1], 0), 0) if e[3] - e[1] >= _SHORTEST]
    if len(across) * len(down) > most:
        return None
    return tuple(tuple(table) for table in _tables(cells_of(_crossings(across, down))))


# The last grids worked out, by their lines, most recent last. Only grids of up to this many
# lines and cells are kept (a few hundred KB at most each, a few KB as a rule): memory stays small.
_REMEMBERED = 32
_REMEMBERED_SIZE = 1000
_remembering = threading.Lock()  # parse() may be called from several threads
_remembered: OrderedDict[tuple[tuple[Line, ...], tuple[Line, ...], int], tuple[tuple[tuple[Cell, ...], ...] | None]] = (
    OrderedDict()
)


def _snapped(lines: list[Line], key: int) -> list[Line]:
    """Lines within the tolerance of the next, in a chain, moved to their mean: pdfplumber's ``snap_objects``.

    ``key`` is the position compared: 0 the x of lines down, 1 the y of lines across.
    The arithmetic is pdfplumber's (a shift of the mean less the position), to the last bit.
    """
    values = sorted({line[key] for line in lines})
    group: dict[float, int] = {}
    for i, value in enumerate(values):
        group[value] = group[values[i - 1]] + (value > values[i - 1] + _SNAP) if i else 0
    clusters: dict[int, list[Line]] = {}
    for line in lines:
        clusters.setdefault(group[line[key]], []).append(line)
    out: list[Line] = []
    for number in sorted(clusters):
        cluster = clusters[number]
        mean = sum(line[key] for line in cluster) / len(cluster)
        for x0, top, x1, bottom in cluster:
            if key == 0:
                shift = mean - x0
                out.append((x0 + shift, top, x1 + shift, bottom))
            else:
                shift = mean - top
                out.append((x0, top + shift, x1, bottom + shift))
    return out


def _merged(lines: list[Line], key: int) -> list[Line]:
    """Lines on one line joined where they overlap or nearly meet: pdfplumber's ``join_edge_group`` per line."""
    first, last = (0, 2) if key == 1 else (1, 3)  # across: x0..x1; down: top..bottom
    out: list[Line] = []
    for _, group in itertools.groupby(sorted(lines, key=lambda line: line[key]), key=lambda line: line[key]):
        ordered = sorted(group, key=lambda line: line[first])
        joined = [ordered[0]]
        for line in ordered[1:]:
            previous = joined[-1]
            if line[first] <= previous[last] + _JOIN:
                if line[last] > previous[last]:
                    joined[-1] = (*previous[:last], line[last], *previous[last + 1 :])  # type: ignore[assignment]
            else:
                joined.append(line)
        out += joined
    return out


def _crossings(across: list[Line], down: list[Line]) -> dict[Point, tuple[set[Line], set[Line]]]:
    """Where lines down meet lines across, within the tolerance: pdfplumber's ``edges_to_intersections``."""
    points: dict[Point, tuple[set[Line], set[Line]]] = {}
    ordered = sorted(across, key=lambda line: (line[1], line[0]))
    for v in sorted(down, key=lambda line: (line[0], line[1])):
        x, top, _, bottom = v
        for h in ordered:
            if top <= h[1] + _MEET and bottom >= h[1] - _MEET and h[0] - _MEET <= x <= h[2] + _MEET:
                found = points.get((x, h[1]))
                if found is None:
                    found = points[(x, h[1])] = (set(), set())
                found[0].add(v)
                found[1].add(h)
    return points


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables by shared corners: pdfplumber's ``cells_to_tables``, in its order."""
    # Each cell with its corners, made once rather than on every pass.
    remaining = [
        (cell, (cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3])) for cell in cells
    ]
    corners: set[Point] = set()
    current: list[Cell] = []
    found: list[list[Cell]] = []
    while remaining:
        before = len(current)
        left = []
        for item in remaining:
            cell, a, b, c, d = item
            if not current or a in corners or b in corners or c in corners or d in corners:
                corners.update((a, b, c, d))
                current.append(cell)
            else:
                left.append(item)
        remaining = left
        if len(current) == before:
            found.append(current)
            corners, current = set(), []
    if current:
        found.append(current)
    found.sort(key=lambda table: min((c[1], c[0]) for c in table))
    return [table for table in found if len(table) > 1]


def cells_of(points: dict[Point, tuple[set[Line], set[Line]]]) -> list[Cell]:
    """The cells of pdfplumber's ``intersections_to_cells``, in its order, without its cost.

    ``points`` holds, for each crossing, the lines down and across through it. pdfplumber
    rebuilds the sets of lines at both points for every pair it compares and filters
    every later point for those below and to the right; here the sets are made once, and
    the points below and to the right are the rest of its sorted column and row.
    """
    ordered = sorted(points)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    place: dict[Point, tuple[int, int]] = {}
    for point in ordered:  # in sorted order, so each list runs top to bottom or left to right
        column, row = columns.setdefault(point[0], []), rows.setdefault(point[1], [])
        place[point] = (len(column), len(row))
        column.append(point)
        row.append(point)
    cells: list[Cell] = []
    for point in ordered:
        x, y = point
        down, across = place[point]
        v, h = points[point]
        found: Cell | None = None
        for below in columns[x][down + 1 :]:
            below_v, below_h = points[below]
            if v.isdisjoint(below_v):
                continue
            for right in rows[y][across + 1 :]:
                right_v, right_h = points[right]
                if h.isdisjoint(right_h):
                    continue
                corner = points.get((right[0], below[1]))
                if corner is not None and not corner[0].isdisjoint(right_v) and not corner[1].isdisjoint(below_h):
                    found = (x, y, right[0], below[1])
                    break
            if found is not None:
                break
        if found is not None:
            cells.append(found)
    return cells
