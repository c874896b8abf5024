"""Ruled tables read without asking PDFium for each cell, held to what PDFium and pdfplumber give.

The reader takes a cell's text from the text runs it already has; PDFium's bounded text
(what it used to ask for every cell) and pdfplumber's table extraction are the oracles.
The tables are built here in the shapes that make the difference: cells spanning rows
or columns, empty cells, text wrapped in its cell, text drawn across a ruling line, a
table over two pages, turned pages.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from foiparse.readers import cells as cell_module
from foiparse.readers import ruling
from foiparse.readers.pdf import read_pdf

pypdfium2 = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")
platypus = pytest.importorskip("reportlab.platypus")
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

BODY = getSampleStyleSheet()["BodyText"]
CELL = BODY.clone("cell", fontSize=8, leading=9)
RULED = [
    "pdf-ruled-table-letter.pdf",
    "pdf-two-pages-ruled-tables.pdf",
    "pdf-table-over-three-pages.pdf",
    "pdf-table-over-three-pages-header-once.pdf",
    "pdf-wide-table-split.pdf",
    "pdf-different-tables-on-two-pages.pdf",
    "pdf-form-return-library.pdf",
]


class Tally:
    """Every cell the reader reads, beside PDFium's own text for the same box."""

    def __init__(self) -> None:
        self.cells: list[tuple[str, str]] = []
        self.readers: list[cell_module.CellReader] = []

    @property
    def asked(self) -> int:
        """Cells the reader asked of PDFium."""
        return sum(reader.asked for reader in self.readers)

    @property
    def differing(self) -> list[tuple[str, str]]:
        return [pair for pair in self.cells if pair[0] != pair[1]]


@pytest.fixture
def tally(monkeypatch: pytest.MonkeyPatch) -> Tally:
    found = Tally()
    text, init = cell_module.CellReader.text, cell_module.CellReader.__init__

    def checked(self: cell_module.CellReader, box: cell_module.Box) -> str:
        ours = text(self, box)
        theirs = " ".join(self._textpage.get_text_bounded(*box).replace("\x02", "-").split())
        found.cells.append((ours, theirs))
        return ours

    def kept(self: cell_module.CellReader, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        found.readers.append(self)

    monkeypatch.setattr(cell_module.CellReader, "text", checked)
    monkeypatch.setattr(cell_module.CellReader, "__init__", kept)
    return found


def _table_pdf(
    rows: list[list[object]],
    style: list[tuple[Any, ...]] | None = None,
    widths: list[float] | None = None,
    **options: Any,
) -> bytes:
    buf = io.BytesIO()
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), *(style or [])]
    table = platypus.Table(rows, colWidths=widths, style=platypus.TableStyle(grid), **options)
    platypus.SimpleDocTemplate(buf).build([platypus.Paragraph("Dear Ms Okoro, the figures are below.", BODY), table])
    return buf.getvalue()


def _plumber(data: bytes) -> list[list[str]]:
    rows: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend([" ".join((cell or "").split()) for cell in row] for row in table)
    return rows


HEADER: list[object] = ["Offence", "2022", "2023"]
SHAPES: dict[str, tuple[list[list[object]], list[tuple[Any, ...]]]] = {
    "plain": ([HEADER, ["Burglary", "14", "11"], ["Robbery", "9", "<5"]], []),
    "empty cells": ([HEADER, ["Burglary", "", "11"], ["", "9", ""], ["Total", "23", "11"]], []),
    "a cell over two columns": (
        [["Offences by year", "", ""], HEADER, ["Burglary", "14", "11"]],
        [("SPAN", (0, 0), (-1, 0))],
    ),
    "a cell over two rows": (
        [HEADER, ["Theft", "14", "11"], ["", "9", "7"], ["Robbery", "3", "4"]],
        [("SPAN", (0, 1), (0, 2))],
    ),
    "text wrapped in its cell": (
        [
            HEADER,
            [platypus.Paragraph("Possession of an article with a blade or point in a public place", CELL), "14", "11"],
            [platypus.Paragraph("Theft from the person of another", CELL), "9", "<5"],
        ],
        [("VALIGN", (0, 0), (-1, -1), "TOP")],
    ),
    "text tight against the rules": (
        [HEADER, ["Burglary (dwelling)", "1,204", "11"], ["Robbery_of_personal_property", "9", "-"]],
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0.2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    ),
}


@pytest.mark.parametrize("name", RULED)
def test_each_fixture_cell_is_what_pdfium_gives_and_none_is_asked_of_it(tally: Tally, name: str) -> None:
    read_pdf((FIXTURES / name).read_bytes())
    assert tally.cells and tally.differing == []
    assert tally.asked == 0  # every cell came from the runs


def test_a_ruled_page_s_cells_cost_no_pdfium_text_call_each(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[float, ...]] = []
    bounded = pypdfium2.PdfTextPage.get_text_bounded

    def counted(self: Any, *box: float, **kwargs: Any) -> str:
        calls.append(box)
        return str(bounded(self, *box, **kwargs))

    monkeypatch.setattr(pypdfium2.PdfTextPage, "get_text_bounded", counted)
    document = read_pdf((FIXTURES / "pdf-two-pages-ruled-tables.pdf").read_bytes())
    assert len(document.tables) == 2
    assert calls == []


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_generated_tables_read_as_pdfium_and_pdfplumber_read_them(tally: Tally, shape: str) -> None:
    rows, style = SHAPES[shape]
    data = _table_pdf(rows, style, widths=[150, 60, 60])
    document = read_pdf(data)
    assert tally.cells and tally.differing == []
    [table] = document.tables
    ours = [list(table.columns), *map(list, table.rows)]
    if table.title:
        ours.insert(0, [table.title, *[""] * (len(ours[0]) - 1)])
    theirs = _plumber(data)
    if shape == "text tight against the rules":  # PDFium's box, inset from the rules, leaves out what hangs below
        theirs = [[cell.replace("_", "") for cell in row] for row in theirs]
    assert ours == theirs


def test_a_table_over_two_pages_reads_every_cell_as_pdfium_does(tally: Tally) -> None:
    rows: list[list[object]] = [HEADER] + [[f"Ward number {i}", str(i * 3), str(i % 7)] for i in range(1, 80)]
    document = read_pdf(_table_pdf(rows, widths=[150, 60, 60], repeatRows=1))
    assert tally.differing == [] and len(tally.cells) > 200
    [table] = document.tables
    assert [r[0] for r in table.rows] == [f"Ward number {i}" for i in range(1, 80)]


def _crossing_pdf() -> bytes:
    """A ruled table one of whose labels runs on over the rule into the next cell."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    page.setFont("Helvetica", 10)
    page.drawString(60, 780, "Dear Sir, the figures are below.")
    xs, top, step = [60, 160, 260, 360], 760, 18
    labels = [["Month", "Reports", "Closed"], ["January and February together", "14", "11"], ["March", "9", "<5"]]
    for i in range(len(labels) + 1):
        page.line(xs[0], top - i * step, xs[-1], top - i * step)
    for x in xs:
        page.line(x, top, x, top - len(labels) * step)
    for i, row in enumerate(labels):
        for j, cell in enumerate(row):
            page.drawString(xs[j] + 4, top - i * step - 13, cell)
    page.save()
    return buf.getvalue()


def test_a_run_drawn_across_a_ruling_line_is_asked_of_pdfium(tally: Tally) -> None:
    read_pdf(_crossing_pdf())
    assert tally.differing == []
    # The two cells the label crosses, and at most the cells of the runs beside it in the
    # text (the cut between the label and "14" is in doubt); the other rows come from the runs.
    assert 2 <= tally.asked <= 4 and len(tally.cells) == 9


def _interleaved_pdf(second_line: bool) -> bytes:
    """A ruled row whose label is drawn in two pieces with the next cell's figure drawn between them."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    page.setFont("Helvetica", 10)
    page.drawString(60, 780, "Dear Sir, the figures are below.")
    xs, top, step = [60, 200, 300], 760, 30 if second_line else 18
    for i in range(3):
        page.line(xs[0], top - i * step, xs[-1], top - i * step)
    for x in xs:
        page.line(x, top, x, top - 2 * step)
    page.drawString(64, top - 13, "Offence")
    page.drawString(204, top - 13, "Count")
    page.drawString(64, top - step - 13, "Theft from")
    page.drawString(204, top - step - 13, "14")
    page.drawString(64 if second_line else 116, top - step - (25 if second_line else 13), "the person")
    page.save()
    return buf.getvalue()


@pytest.mark.parametrize("second_line", [False, True])
def test_a_label_drawn_in_pieces_around_another_cell_s_figure_reads_as_pdfium_reads_it(
    tally: Tally, second_line: bool
) -> None:
    [table] = read_pdf(_interleaved_pdf(second_line)).tables
    assert tally.differing == [] and len(tally.cells) == 4
    # PDFium puts the pieces of one line in order across it; a piece on a line of its own
    # comes after the figure in the text, and the label's pieces are joined round it.
    assert table.rows == (("Theft from the person", "14"),)
    assert tally.asked == 0


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_s_cells_are_what_pdfium_gives(tally: Tally, rotation: int) -> None:
    from test_pdf_reader import _turned_letter

    [table] = read_pdf(_turned_letter(rotation)).tables
    assert tally.cells and tally.differing == [] and tally.asked == 0
    assert table.rows[-1] == ("February", "9", "<5")


_WORDS = st.sampled_from(["", "14", "<5", "Total", "Burglary", "n/a", "1,204", "Theft of a motor vehicle", "*"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(_WORDS, min_size=3, max_size=3), min_size=2, max_size=6),
    padding=st.sampled_from([0.0, 0.5, 1.5, 3.0, 6.0]),
    size=st.sampled_from([6, 8, 10, 12]),
)
def test_random_ruled_tables_read_as_pdfium_reads_them(
    tally: Tally, rows: list[list[str]], padding: float, size: int
) -> None:
    style = CELL.clone("c", fontSize=size, leading=size + 1)
    cells: list[list[object]] = [[platypus.Paragraph(c, style) if len(c) > 10 else c for c in row] for row in rows]
    pads = [(side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "TOPPADDING", "BOTTOMPADDING")]
    tally.cells.clear()
    read_pdf(_table_pdf(cells, [*pads, ("FONTSIZE", (0, 0), (-1, -1), size)], widths=[90, 50, 50]))
    assert tally.cells and tally.differing == []


def _lines_pdf(count: int) -> bytes:
    """A letter with ``count`` horizontal rules (a letterhead, a signature line) and no table."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    page.setFont("Helvetica", 10)
    for i in range(count):
        page.line(60, 800 - i * 200, 535, 800 - i * 200)
    page.drawString(60, 700, "Dear Sir, we do not hold the information you asked for.")
    page.save()
    return buf.getvalue()


@pytest.mark.parametrize("source", ["letter", "rules", "table"])
def test_reading_a_pdf_never_loads_pdfplumber(tmp_path: Path, source: str) -> None:
    """pdfplumber (and pdfminer under it) cost 45 ms to load: the reader has its table geometry itself."""
    data = {
        "letter": (FIXTURES / "pdf-headers-footers.pdf").read_bytes(),
        "rules": _lines_pdf(4),
        "table": (FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes(),
    }[source]
    path = tmp_path / "in.pdf"
    path.write_bytes(data)
    code = (
        "import sys; from foiparse import parse; tables = parse(sys.argv[1]).tables; "
        "print(len(tables), 'pdfplumber' in sys.modules, 'pdfminer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["1" if source == "table" else "0", "False", "False"]


def _reference_edges(page: Any, to_view: Any) -> ruling.Lines:
    """The ruling lines as read through pypdfium2's object wrappers (how the reader used to read them)."""
    import ctypes

    import pypdfium2.raw as raw

    out: ruling.Lines = ([], [])
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=3):
        matrix = obj.get_matrix()
        points: list[tuple[float, float]] = []
        for i in range(raw.FPDFPath_CountSegments(obj.raw)):
            segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
            if not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = matrix.on_point(x.value, y.value)
            if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO:
                points = [point]
                continue
            if points:
                ruling._segment(points[-1], point, to_view, out)
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment) and len(points) > 2:
                ruling._segment(points[-1], points[0], to_view, out)
    return out


def _drawing() -> bytes:
    """Lines, rectangles (stroked, filled, thin), curves, a closed path, and the same inside nested forms."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))

    def shapes(dx: float) -> None:
        page.line(50 + dx, 700, 300 + dx, 700)
        page.line(50 + dx, 600, 50 + dx, 700)
        page.rect(60 + dx, 500, 120, 40)
        page.rect(60 + dx, 480, 200, 0.4, stroke=0, fill=1)  # a thin filled box drawn as a rule
        page.roundRect(60 + dx, 400, 120, 50, 8)
        page.bezier(60 + dx, 300, 100 + dx, 350, 150 + dx, 250, 200 + dx, 300)
        path = page.beginPath()
        path.moveTo(60 + dx, 200)
        path.lineTo(160 + dx, 200)
        path.lineTo(160 + dx, 150)
        path.close()
        page.drawPath(path)

    shapes(0)
    page.beginForm("inner")
    shapes(260)
    page.endForm()
    page.beginForm("outer")
    page.translate(5, -20)
    page.doForm("inner")
    page.endForm()
    page.doForm("outer")
    page.save()
    return buf.getvalue()


def _flipped(height: float) -> Any:
    def to_view(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (x0, height - y1, x1, height - y0)

    return to_view


@pytest.mark.parametrize("source", ["drawing", "pdf-form-return-library.pdf", "pdf-two-pages-ruled-tables.pdf"])
def test_ruling_lines_read_through_pdfium_s_c_interface_are_those_its_wrappers_give(source: str) -> None:
    data = _drawing() if source == "drawing" else (FIXTURES / source).read_bytes()
    lines = 0
    for page in pypdfium2.PdfDocument(data):
        to_view = _flipped(page.get_size()[1])
        found = ruling.edges(page, to_view)
        assert found == _reference_edges(page, to_view)
        lines += len(found[0]) + len(found[1])
    assert lines  # the pages have ruling lines: the comparison is not of empty lists


def _grid_pages(shifts: list[float]) -> bytes:
    """A ruled table on each page, drawn with the same lines (each page's ``shift`` moves its grid down), other figures."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    xs, step = [60, 180, 260, 340], 18
    for number, shift in enumerate(shifts):
        top = 760 - shift
        page.setFont("Helvetica", 10)
        page.drawString(60, 790, f"Part {number + 1} of the answer is below.")
        rows = [["Month", "Reports", "Closed"]] + [
            [f"Month {number}-{i}", str(i * 3 + number), str(i)] for i in range(6)
        ]
        for i in range(len(rows) + 1):
            page.line(xs[0], top - i * step, xs[-1], top - i * step)
        for x in xs:
            page.line(x, top, x, top - len(rows) * step)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                page.drawString(xs[j] + 4, top - i * step - 13, cell)
        page.showPage()
    page.save()
    return buf.getvalue()


def _worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the reader works a grid's cells out from its lines (the cache emptied first)."""
    calls: list[int] = []
    work = ruling._tables_drawn

    def counted(*args: Any) -> Any:
        calls.append(1)
        return work(*args)

    monkeypatch.setattr(ruling, "_tables_drawn", counted)
    ruling._remembered.clear()
    return calls


def test_a_grid_drawn_again_on_later_pages_is_worked_out_once_and_read_as_pdfium_reads_it(
    tally: Tally, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _worked_out(monkeypatch)
    document = read_pdf(_grid_pages([0.0, 0.0, 0.0]))
    assert len(calls) == 1
    assert tally.differing == [] and len(tally.cells) == 3 * 7 * 3
    [table] = document.tables  # one table going on over the three pages
    assert [row[1] for row in table.rows] == [str(i * 3 + number) for number in range(3) for i in range(6)]


def test_a_grid_drawn_a_little_lower_on_the_next_page_is_worked_out_again(
    tally: Tally, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _worked_out(monkeypatch)
    data = _grid_pages([0.0, 0.3])
    document = read_pdf(data)
    assert len(calls) == 2
    assert tally.differing == []
    [table] = document.tables
    assert [row[0] for row in table.rows] == [f"Month {n}-{i}" for n in range(2) for i in range(6)]
    assert [list(table.columns), *map(list, table.rows)] == [r for k, r in enumerate(_plumber(data)) if k != 7]


def test_tables_found_again_are_new_lists_each_time() -> None:
    """The reader may change what it is given; a remembered grid must not change with it."""
    across = [(60.0, 100.0 + 18 * i, 340.0, 100.0 + 18 * i) for i in range(4)]
    down = [(x, 100.0, x, 154.0) for x in (60.0, 180.0, 260.0, 340.0)]
    first = ruling.tables((across, down), 1000)
    assert first is not None and len(first[0]) == 9
    first[0].clear()
    again = ruling.tables((across, down), 1000)
    assert again is not None and len(again[0]) == 9


def test_a_grid_of_more_lines_than_the_cache_keeps_is_not_remembered() -> None:
    ruling._remembered.clear()
    across = [(0.0, float(y), 600.0, float(y)) for y in range(0, 5 * ruling._REMEMBERED_SIZE, 5)]
    down = [(0.0, 0.0, 0.0, 5000.0), (600.0, 0.0, 600.0, 5000.0)]
    found = ruling.tables((across, down), 10**6)
    assert found is not None and len(found[0]) == len(across) - 1
    assert not ruling._remembered


@pytest.mark.parametrize("name", ["pdf-two-pages-ruled-tables.pdf", "pdf-headers-footers.pdf"])
def test_pdfium_called_unchecked_answers_as_pypdfium2_s_checked_calls(name: str) -> None:
    import ctypes

    import pypdfium2.raw as raw

    def answers(call: Any, handle: Any, index: int, count: int) -> tuple[Any, ...]:
        numbers = [ctypes.c_double() for _ in range(count)]
        result = call(handle, index, *map(ctypes.byref, numbers))
        return (result, *(n.value for n in numbers))

    for page in pypdfium2.PdfDocument((FIXTURES / name).read_bytes()):
        text = page.get_textpage()
        handle, chars, rects = text.raw, text.count_chars(), text.count_rects()
        for k in range(chars):
            for fn, count in (("FPDFText_GetCharBox", 4), ("FPDFText_GetCharOrigin", 2)):
                assert answers(cell_module.unchecked(fn), handle, k, count) == answers(
                    getattr(raw, fn), handle, k, count
                )
            assert cell_module.unchecked("FPDFText_IsGenerated")(handle, k) == raw.FPDFText_IsGenerated(handle, k)
        for k in range(rects + 1):  # one past the last: both say it has no box
            assert answers(cell_module.unchecked("FPDFText_GetRect"), handle, k, 4) == answers(
                raw.FPDFText_GetRect, handle, k, 4
            )
        assert cell_module.unchecked("FPDFText_CountRects")(handle, 3, 40) == raw.FPDFText_CountRects(handle, 3, 40)
        assert chars > 100


def _out_of_order_pdf() -> bytes:
    """Text drawn out of reading order: the last line first, the right column before the left, one word drawn twice."""
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    page.setFont("Helvetica", 11)
    page.drawString(60, 600, "Yours sincerely, the records team.")
    page.drawString(300, 700, "14")
    page.drawString(60, 700, "Burglary")
    page.setFont("Helvetica", 7)
    page.drawString(60, 703, "small text over the line")  # its baseline runs through the words above
    page.setFont("Helvetica-Bold", 11)
    page.drawString(60, 750, "Dear Ms Okoro,")
    page.drawString(60.4, 750, "Dear Ms Okoro,")  # drawn again a little to the right: bold by overprinting
    page.save()
    return buf.getvalue()


@pytest.mark.parametrize("source", ["out of order", "pdf-two-pages-ruled-tables.pdf", "pdf-headers-footers.pdf"])
def test_the_character_found_at_a_point_is_the_one_pdfium_s_tolerant_probe_finds(source: str) -> None:
    """The reader asks first with no tolerance (a shorter scan); the answer must be the tolerant probe's, hit or miss."""
    import pypdfium2.raw as raw

    from foiparse.readers import pdf as pdf_module

    data = _out_of_order_pdf() if source == "out of order" else (FIXTURES / source).read_bytes()
    probe = raw.FPDFText_GetCharIndexAtPos
    hits = misses = 0
    for page in pypdfium2.PdfDocument(data):
        text = page.get_textpage()
        boxes = [text.get_rect(k) for k in range(text.count_rects())]
        points = [(left + dx, (bottom + top) / 2) for left, bottom, _, top in boxes for dx in (-0.3, 0.0, 0.3, 1.5)]
        points += [(x * 7.0, y * 7.0) for x in range(10, 80) for y in range(50, 115)]
        for x, y in points:
            for half in (0.5, 3.0):
                ours = pdf_module._char_at(probe, text.raw, x, y, half)
                assert ours == probe(text.raw, x, y, 0.5, half), (x, y, half)
                hits += probe(text.raw, x, y, 0.0, 0.0) >= 0
                misses += ours >= 0 and probe(text.raw, x, y, 0.0, 0.0) < 0
    assert hits and misses  # both ways through: a box holding the point, and only the tolerance finding one


def test_each_run_of_text_drawn_out_of_reading_order_is_cut_at_its_own_characters() -> None:
    from foiparse.readers import pdf as pdf_module

    page = pypdfium2.PdfDocument(_out_of_order_pdf())[0]
    texts, dropped, _ = pdf_module._run_texts(page.get_textpage(), (0.0, 0.0, 842.0, 842.0))
    assert dropped == 0
    assert [text.strip("\x00 \r\n") for _, text, _ in texts] == [
        "Yours sincerely, the records team.",
        "Burglary",
        "small text over the line",
        "14",
        "Dear Ms Okoro,",
    ]
