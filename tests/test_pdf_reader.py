"""The PDF reader against pdfplumber, the field's reference, on our generated fixtures.

Our tables come from pdfplumber's own table geometry fed with PDFium's ruling lines and
text, so on every ruled table they must hold the same cells as pdfplumber's full
extraction (after the same tidying of whitespace); where they differ, this test says why.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from foiparse import Options, parse
from foiparse.readers.pdf import read_pdf

pdfplumber = pytest.importorskip("pdfplumber")

RULED = ["pdf-ruled-table-letter.pdf", "pdf-table-over-three-pages.pdf", "pdf-table-over-three-pages-header-once.pdf"]


def _plumber_rows(path: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend([" ".join((cell or "").split()) for cell in row] for row in table)
            page.close()
    return rows


@pytest.mark.parametrize("name", RULED)
def test_ruled_tables_hold_the_cells_pdfplumber_finds(name: str) -> None:
    path = FIXTURES / name
    ours = [row for t in parse(path).tables for row in [list(t.columns), *map(list, t.rows)]]
    theirs = _plumber_rows(path)
    # Differences by design: a header repeated at the top of each page is dropped once the
    # table is merged across pages; pdfplumber reports each page's copy.
    header = theirs[0]
    theirs = [theirs[0]] + [row for row in theirs[1:] if row != header]
    assert ours == theirs


def test_a_table_over_three_pages_is_one_table_with_every_row() -> None:
    tables = parse(FIXTURES / "pdf-table-over-three-pages.pdf").tables
    assert len(tables) == 1
    assert tables[0].columns == ("Ward", "Incidents")
    assert [row[0] for row in tables[0].rows] == [f"Ward number {i}" for i in range(1, 121)]


def test_a_table_whose_header_is_printed_once_is_still_one_table_over_three_pages() -> None:
    tables = parse(FIXTURES / "pdf-table-over-three-pages-header-once.pdf").tables
    assert len(tables) == 1
    table = tables[0]
    assert table.columns == ("Offence group", "Arrests", "Charged", "Cautioned")
    assert [row[0].split(":")[0] for row in table.rows] == [f"Offence group {i}" for i in range(1, 91)]
    assert sorted(set(table.row_pages)) == [1, 2, 3]
    by_name = {row[0].split(":")[0]: row for row in table.rows}
    assert by_name["Offence group 11"][1:3] == ("<5", "*")  # suppression markers kept as written
    assert by_name["Offence group 7"][3] == ""  # a blank cell
    assert by_name["Offence group 15"][0].endswith("blade or point in a public place")  # wrapped in its cell


def test_pages_are_marked_and_counted() -> None:
    r = parse(FIXTURES / "pdf-headers-footers.pdf")
    assert r.source.pages == 2
    assert r.text.count("\f") == 1
    assert {b.page for b in r.blocks} == {1, 2}


def test_running_headers_and_footers_are_boilerplate_blocks() -> None:
    r = parse(FIXTURES / "pdf-headers-footers.pdf")
    furniture = [b.text.strip() for b in r.blocks if b.kind == "boilerplate"]
    assert "OFFICIAL - PUBLIC" in furniture
    assert any(text.startswith("Page ") for text in furniture)


def test_an_unruled_table_keeps_its_columns_aligned_in_the_text() -> None:
    r = parse(FIXTURES / "pdf-unruled-table-letter.pdf")
    assert [(t.columns, t.rows) for t in r.tables] == [
        (
            ("Month", "Calls answered", "Average wait (minutes)"),
            (("January", "4,812", "6"), ("February", "4,390", "5"), ("March", "5,102", "8")),
        )
    ]


def test_a_page_limit_is_a_clear_error() -> None:
    from foiparse.errors import InputTooLargeError

    with pytest.raises(InputTooLargeError, match="too many pages"):
        read_pdf((FIXTURES / "pdf-table-over-three-pages.pdf").read_bytes(), "t.pdf", Options(max_pages=2))


def test_every_row_of_a_pdf_table_has_its_page() -> None:
    for name in ("pdf-table-over-three-pages.pdf", "pdf-two-pages-ruled-tables.pdf", "pdf-ruled-table-letter.pdf"):
        for table in parse(FIXTURES / name).tables:
            assert len(table.row_pages) == len(table.rows)
            assert list(table.row_pages) == sorted(table.row_pages)
            assert table.page == table.row_pages[0]


def test_a_table_found_in_a_pdf_text_gets_its_page() -> None:
    assert [t.page for t in parse(FIXTURES / "pdf-unruled-table-letter.pdf").tables] == [1]


def test_graph_paper_is_no_table_and_costs_little() -> None:
    reportlab = pytest.importorskip("reportlab.pdfgen.canvas")
    import io

    buf = io.BytesIO()
    c = reportlab.Canvas(buf, pagesize=(600, 600))
    for i in range(200):
        c.line(0, i * 3, 600, i * 3)
        c.line(i * 3, 0, i * 3, 600)
    c.drawString(100, 300, "A page of graph paper with one line of text on it.")
    c.save()
    r = parse(buf.getvalue(), name="grid.pdf")
    assert r.tables == ()
    assert "graph paper" in r.text


def _letterhead_and_indented_line() -> bytes:
    """A small-capitals letterhead with a comma, and a line that begins with spaces."""
    import io

    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    head = page.beginText(200, 780)
    for piece, size in [("C", 12), ("OOK ", 9), ("C", 12), ("OUNTY", 9), (", ", 9), ("I", 12), ("LLINOIS", 9)]:
        head.setFont("Times-Roman", size)
        head.textOut(piece)
    page.drawText(head)
    page.setFont("Helvetica", 10)
    page.drawString(36, 700, "of records may exist which could be considered to be responsive to this request.")
    line = page.beginText(36, 686)
    line.setFont("Helvetica", 10)
    line.textOut("       In your narrowed F")  # one word split over two text runs
    line.textOut("OIA request, you state that")
    page.drawText(line)
    page.save()
    return buf.getvalue()


def test_a_comma_at_the_foot_of_a_small_capitals_line_stays_on_its_line() -> None:
    lines = read_pdf(_letterhead_and_indented_line()).text.splitlines()
    assert lines[0].strip() == "COOK COUNTY, ILLINOIS"


def test_a_run_beginning_with_spaces_keeps_its_words_on_its_own_line() -> None:
    lines = [line.strip() for line in read_pdf(_letterhead_and_indented_line()).text.splitlines()]
    assert lines[-2:] == [
        "of records may exist which could be considered to be responsive to this request.",
        "In your narrowed FOIA request, you state that",
    ]


_CUTS = st.lists(st.integers(0, 12), min_size=2, max_size=6, unique=True).map(sorted)
_NUDGES = st.lists(st.sampled_from([0.0, 0.0, 0.4, -1.7, 2.9, 3.2, -4.0]), min_size=80, max_size=80)


@settings(max_examples=300, deadline=None)
@given(xs=_CUTS, ys=_CUTS, drop=st.sets(st.integers(0, 60), max_size=8), nudges=_NUDGES)
def test_ruled_tables_are_found_as_pdfplumber_finds_them(
    xs: list[int], ys: list[int], drop: set[int], nudges: list[float]
) -> None:
    """Grids with segments missing (merged cells, open sides), drawn a little off (snapped or not, joined or not)."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    from foiparse.readers import ruling

    across: list[ruling.Line] = []
    down: list[ruling.Line] = []
    for y in ys:
        for a, b in itertools.pairwise(xs):
            k = len(across) + len(down)
            at, reach = y * 10.0 + nudges[k % 80], nudges[(k + 1) % 80]
            across.append((a * 10.0 + reach, at, b * 10.0 - reach, at))
    for x in xs:
        for a, b in itertools.pairwise(ys):
            k = len(across) + len(down)
            at, reach = x * 10.0 + nudges[k % 80], nudges[(k + 1) % 80]
            down.append((at, a * 10.0 - reach, at, b * 10.0 + reach))
    across = [line for i, line in enumerate(across) if i not in drop and line[2] > line[0]]
    down = [line for i, line in enumerate(down) if i + 100 not in drop and line[3] > line[1]]
    edges: list[dict[str, object]] = [
        {
            "x0": x0,
            "top": top,
            "x1": x1,
            "bottom": bottom,
            "orientation": kind,
            "width": x1 - x0,
            "height": bottom - top,
        }
        | {"doctop": top, "object_type": "line"}
        for kind, found in (("h", across), ("v", down))
        for x0, top, x1, bottom in found
    ]
    merged = [
        e
        for e in merge_edges(edges, 3, 3, 3, 3)
        if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= 3
    ]
    theirs = cells_to_tables(intersections_to_cells(edges_to_intersections(merged, 3, 3)))
    assert ruling.tables((across, down), 10**9) == theirs


def _turned_letter(rotation: int, crop: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """A letter with a ruled table, drawn so that it reads upright once the page's /Rotate is applied.

    Landscape annexes are made this way: the content is drawn turned in the page's own
    coordinates and the page says how to turn it back. ``crop`` moves the crop box's origin.
    """
    import io

    pdfgen = pytest.importorskip("reportlab.pdfgen.canvas")
    width, height = 595.0, 842.0
    buf = io.BytesIO()
    page = pdfgen.Canvas(buf, pagesize=(width, height))
    page.setPageRotation(rotation)
    page.rotate(rotation)  # turned back by the viewer: where each point seen lands in the page's coordinates

    def at(x: float, y: float) -> tuple[float, float]:
        x += crop[0]
        return {0: (x, height - y), 90: (x, -y), 180: (x - width, -y), 270: (x - height, width - y)}[rotation]

    page.setFont("Helvetica", 11)
    page.drawString(*at(60, 60), "Dear Ms Okoro, the figures are below.")
    rows = [["Month", "Reports", "Closed"], ["January", "14", "11"], ["February", "9", "<5"]]
    xs, top, step = [60, 220, 320, 420], 90, 20
    for i in range(len(rows) + 1):
        page.line(*at(xs[0], top + i * step), *at(xs[-1], top + i * step))
    for x in xs:
        page.line(*at(x, top), *at(x, top + len(rows) * step))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            page.drawString(*at(xs[j] + 4, top + i * step + 14), cell)
    page.save()
    if crop == (0.0, 0.0):
        return buf.getvalue()
    import pypdfium2

    pdf = pypdfium2.PdfDocument(buf.getvalue())
    first = pdf[0]
    left, bottom, right, top_ = first.get_mediabox()
    first.set_cropbox(left + crop[0], bottom + crop[1], right, top_)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("crop", [(0.0, 0.0), (25.0, 40.0)])
def test_a_turned_page_reads_upright_with_its_ruled_table(rotation: int, crop: tuple[float, float]) -> None:
    import io

    data = _turned_letter(rotation, crop)
    document = read_pdf(data)
    assert document.text.splitlines()[0].strip() == "Dear Ms Okoro, the figures are below."
    [table] = document.tables
    assert [list(table.columns), *map(list, table.rows)] == [
        ["Month", "Reports", "Closed"],
        ["January", "14", "11"],
        ["February", "9", "<5"],
    ]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_tables() == [[list(table.columns), *map(list, table.rows)]]


@pytest.mark.parametrize("valign", ["BOTTOM", "TOP"])
def test_an_unruled_table_joins_label_cells_wrapped_over_lines(valign: str) -> None:
    import io

    pytest.importorskip("reportlab")
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["BodyText"]
    rows: list[list[object]] = [
        ["Offence", "2022", "2023"],
        [Paragraph("Possession of an offensive weapon in a public place", style), "14", "11"],
        ["Burglary", "9", "12"],
        [Paragraph("Theft from the person of another", style), "3", "<5"],
    ]
    table = Table(rows, colWidths=[128, 70, 70])  # no rulings
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(
        [
            Paragraph("Dear Ms Okoro,", style),
            Paragraph("You asked how many offences were recorded. The figures are:", style),
            table,
            Paragraph("Yours sincerely", style),
        ]
    )
    [found] = parse(buf.getvalue(), name="letter.pdf").tables
    assert (found.columns, found.rows) == (
        ("Offence", "2022", "2023"),
        (
            ("Possession of an offensive weapon in a public place", "14", "11"),
            ("Burglary", "9", "12"),
            ("Theft from the person of another", "3", "<5"),
        ),
    )
