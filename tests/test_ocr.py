"""OCR of PDF pages without text: scanned letters are read from their page images.

The scans are made here: a reportlab letter rendered to an image and wrapped as an
image-only PDF, so what the engine should find is known word for word.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from conftest import SEED
from foiparse.cli import cli
from foiparse.errors import MissingBackendError, NoTextLayerError, TooSlowError
from foiparse.model import Document
from foiparse.options import Options
from foiparse.readers import ocr
from foiparse.readers import pdf as pdf_reader
from foiparse.readers.pdf import read_pdf

if TYPE_CHECKING:
    from PIL.Image import Image

INSTALL = "pip install 'foiparse[ocr]' and apt-get install tesseract-ocr-eng"

LETTER = [
    "Harbury District Council",
    "Our reference: FOIA 18553",
    "",
    "Dear Applicant,",
    "We hold 259 records of complaints about parking in total.",
    "",
    "Year        Cases        Cost",
    "2019        12           1,200",
    "2020        50           3,400",
    "",
    "Yours sincerely, Disclosure Officer",
    "            Signed for the Council",
]
SECOND = ["Page two of the reply", "The remaining figures were withheld under section 21."]


def _text_pdf(*pages: list[str], logo: bool = False) -> bytes:
    """A PDF with a text layer: each page's lines in Helvetica 12, 16 points apart (indented 6 points a space).

    With ``logo``, each page also draws a small image in its top right corner, as a letterhead does.
    """
    from PIL import Image as PilImage
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        c.setFont("Helvetica", 12)
        if logo:
            c.drawImage(ImageReader(PilImage.new("L", (40, 40), 90)), 480, 770, 40, 40)
        y = 780.0
        for line in lines:
            c.drawString(72 + 6 * (len(line) - len(line.lstrip())), y, line.strip())
            y -= 16
        c.showPage()
    c.save()
    return buffer.getvalue()


def _scanned(pdf: bytes, dpi: int = 200, keep: frozenset[int] = frozenset(), turn: float = 0.0) -> bytes:
    """The PDF's pages as images (image-only pages), except the pages numbered in ``keep`` (0-based), kept as text.

    ``turn``: degrees the paper lay askew on the scanner (anticlockwise).
    """
    from PIL import Image as PilImage
    from pypdfium2 import PdfDocument

    source = PdfDocument(pdf)
    out = PdfDocument.new()
    try:
        for number in range(len(source)):
            if number in keep:
                out.import_pages(source, [number])
                continue
            image = source[number].render(scale=dpi / 72, grayscale=True).to_pil()
            if turn:
                image = image.rotate(turn, resample=PilImage.Resampling.BICUBIC, fillcolor=255)
            buffer = io.BytesIO()
            image.save(buffer, "PDF", resolution=dpi)
            out.import_pages(PdfDocument(buffer.getvalue()))
        result = io.BytesIO()
        out.save(result)
        return result.getvalue()
    finally:
        source.close()
        out.close()


@pytest.fixture(scope="module")
def installed() -> None:
    """Skip when no OCR engine is installed here."""
    try:
        ocr.engine()
    except MissingBackendError as exc:
        pytest.skip(f"no OCR engine ({exc.message}); install with: {INSTALL}")


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Neither engine can be imported (as on a machine without the extra)."""
    ocr.forget()
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    yield
    ocr.forget()


@pytest.fixture(scope="module")
def scan() -> bytes:
    return _scanned(_text_pdf(LETTER))


@pytest.fixture(scope="module")
def scanned_doc(installed: None, scan: bytes) -> Document:
    return read_pdf(scan, "scan.pdf")


def _words(text: str) -> set[str]:
    return set(text.split())


def test_a_scanned_letter_gives_its_words_back(scanned_doc: Document) -> None:
    expected = _words(" ".join(LETTER))
    found = _words(scanned_doc.text)
    assert len(expected & found) >= 0.9 * len(expected)
    assert {"FOIA", "18553", "259", "1,200", "3,400"} <= found
    assert scanned_doc.source.converter == ocr.engine().name


def test_recognised_lines_keep_the_columns_of_a_table(scanned_doc: Document) -> None:
    rows = [line.split() for line in scanned_doc.text.splitlines() if line.startswith("20")]
    assert rows == [["2019", "12", "1,200"], ["2020", "50", "3,400"]]
    row = next(line for line in scanned_doc.text.splitlines() if line.startswith("2019"))
    assert "   " in row  # a column gap, not a single space: the table stays a table


def test_each_ocr_line_span_slices_back_to_its_line(scanned_doc: Document) -> None:
    text = scanned_doc.text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(scanned_doc.ocr_lines) == len(lines)
    for line, shown in zip(scanned_doc.ocr_lines, lines, strict=True):
        start, end = line.span
        assert text[start:end] == shown.strip()
        assert line.page == 1 and 0.0 <= line.confidence <= 1.0
        left, top, right, bottom = line.box
        assert 0 <= left < right <= 595.3 and 0 <= top < bottom <= 841.9


def test_a_skewed_scan_keeps_its_lines_and_their_indents(installed: None) -> None:
    doc = read_pdf(_scanned(_text_pdf(LETTER), turn=1.5), "skewed.pdf")
    lines = [line for line in doc.text.splitlines() if line.strip()]
    expected = [line for line in LETTER if line.strip()]
    assert [line.split()[0] for line in lines] == [line.split()[0] for line in expected]
    indents = [len(line) - len(line.lstrip()) for line in lines]
    assert indents[:-1] == [0] * (len(lines) - 1) and indents[-1] >= 10  # the margin does not drift down the page


def test_the_box_of_a_line_is_where_it_was_drawn(scanned_doc: Document) -> None:
    line = next(o for o in scanned_doc.ocr_lines if scanned_doc.text[o.span[0] : o.span[1]].startswith("Dear"))
    baseline = 841.89 - (780.0 - 3 * 16)  # fourth line of the page, drawn at y = 732 from the bottom
    assert abs(line.box[0] - 72) < 3 and line.box[1] < baseline < line.box[3] + 4


def test_ocr_never_keeps_the_no_text_layer_error(scan: bytes) -> None:
    with pytest.raises(NoTextLayerError, match="--ocr auto"):
        read_pdf(scan, "scan.pdf", Options(ocr="never"))


def test_a_mixed_pdf_keeps_its_text_page_as_text(installed: None) -> None:
    both = _text_pdf(LETTER, SECOND, logo=True)  # the text page draws an image too: it is still no scan
    mixed = read_pdf(_scanned(both, keep=frozenset({0})), "mixed.pdf")
    text_only = read_pdf(_text_pdf(LETTER, logo=True), "letter.pdf")
    first, second = mixed.text.split("\f\n")
    assert first == text_only.text
    assert {o.page for o in mixed.ocr_lines} == {2}
    assert all(o.span[0] >= mixed.page_starts[1] for o in mixed.ocr_lines)
    assert {"remaining", "withheld", "21."} <= _words(second)


def test_ocr_always_reads_text_pages_from_their_image_too(installed: None) -> None:
    doc = read_pdf(_text_pdf(LETTER, SECOND), "letter.pdf", Options(ocr="always"))
    assert {o.page for o in doc.ocr_lines} == {1, 2}
    assert doc.source.converter == ocr.engine().name
    assert read_pdf(_text_pdf(LETTER), "letter.pdf").source.converter is None


def test_a_page_of_shapes_alone_is_not_read_as_a_scan(no_engine: None) -> None:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.rect(80, 400, 300, 200, fill=1)
    c.save()
    with pytest.raises(NoTextLayerError):  # not MissingBackendError: there is no image to read
        read_pdf(buffer.getvalue(), "shapes.pdf")


def test_without_an_engine_a_scan_fails_with_the_install_command(no_engine: None, scan: bytes) -> None:
    with pytest.raises(MissingBackendError) as caught:
        read_pdf(scan, "scan.pdf")
    assert "pip install 'foiparse[ocr]'" in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.path == "scan.pdf"


def test_without_tesseract_data_the_message_names_the_package(monkeypatch: pytest.MonkeyPatch, scan: bytes) -> None:
    pytest.importorskip("tesserocr", reason=f"needs tesserocr: {INSTALL}")
    ocr.forget()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setattr(ocr, "_tessdata", lambda: None)
    try:
        with pytest.raises(MissingBackendError, match="apt-get install tesseract-ocr-eng"):
            read_pdf(scan, "scan.pdf")
    finally:
        ocr.forget()


def test_without_an_engine_a_mixed_pdf_keeps_its_text_and_warns(no_engine: None) -> None:
    mixed = read_pdf(_scanned(_text_pdf(LETTER, SECOND), keep=frozenset({0})), "mixed.pdf")
    assert "FOIA 18553" in mixed.text and not mixed.ocr_lines and mixed.source.converter is None
    assert [w.code for w in mixed.warnings] == ["ocr_unavailable"]
    assert "page(s) 2 " in mixed.warnings[0].message and "pip install" in mixed.warnings[0].message


class _SlowEngine:
    """An engine that finds nothing and takes 40 s of (pretend) CPU time a page."""

    name = "slow"

    def __init__(self, clock: list[float]) -> None:
        self.clock = clock

    def recognise(self, image: object) -> list[ocr.Word]:
        self.clock[0] += 40.0
        return []


def test_ocr_time_counts_against_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(time, "process_time", lambda: clock[0])
    monkeypatch.setattr(ocr, "engine", lambda: _SlowEngine(clock))
    three_pages = _scanned(_text_pdf(LETTER, SECOND, SECOND))
    with pytest.raises(TooSlowError, match="at page 3"):  # checked between pages: 80 s of OCR is over 60
        read_pdf(three_pages, "scan.pdf", Options(max_seconds=60))


class _Recorder:
    """An engine that finds one word and remembers the size of each image it was given."""

    name = "recorder"

    def __init__(self) -> None:
        self.sizes: list[tuple[int, int]] = []

    def recognise(self, image: Image) -> list[ocr.Word]:
        self.sizes.append(image.size)
        return [ocr.Word("Hello", (10.0, 10.0, 60.0, 30.0), 0.9)]


def test_a_scan_is_read_at_its_own_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setattr(ocr, "engine", lambda: recorder)
    doc = read_pdf(_scanned(_text_pdf(LETTER), dpi=250), "scan.pdf")
    ((width, height),) = recorder.sizes  # A4 at 250 dpi, not resampled to 300
    assert abs(width - 595.28 * 250 / 72) <= 1 and abs(height - 841.89 * 250 / 72) <= 1
    assert doc.text == "Hello\n" and doc.source.converter == "recorder"


def test_a_huge_page_is_rendered_within_the_pixel_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image as PilImage

    recorder = _Recorder()
    monkeypatch.setattr(ocr, "engine", lambda: recorder)
    buffer = io.BytesIO()
    PilImage.new("L", (100, 100), 255).save(buffer, "PDF", resolution=100 / 200)  # 100 px over 200 inches
    read_pdf(buffer.getvalue(), "huge.pdf")
    ((width, height),) = recorder.sizes
    assert width * height <= pdf_reader.MAX_OCR_PIXELS and width > 1000


@pytest.mark.parametrize("name", sorted(ocr.ENGINES))
def test_each_engine_finds_the_words_with_boxes_in_pixels(name: str) -> None:
    try:
        engine = ocr.ENGINES[name]()
    except MissingBackendError as exc:
        pytest.skip(f"{exc.message}; install with: {INSTALL}")
    import pypdfium2

    image = pypdfium2.PdfDocument(_text_pdf(LETTER))[0].render(scale=200 / 72, grayscale=True).to_pil()
    words = engine.recognise(image)
    text = " ".join(w.text for w in words)
    assert "18553" in text and "259" in text and engine.name == name
    assert all(0 <= w.box[0] < w.box[2] <= image.width and 0 <= w.box[1] < w.box[3] <= image.height for w in words)
    assert all(0.0 <= w.confidence <= 1.0 for w in words)


def test_the_ocr_option_works_on_the_command_line(installed: None, scan: bytes, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan)
    runner = CliRunner()
    # Under the default memory cap: it counts what the parse adds, not the test process's own libraries.
    done = runner.invoke(cli, ["parse", "--ocr", "auto", str(path)], catch_exceptions=False)
    assert done.exit_code == 0, done.stderr
    obj = orjson.loads(done.stdout_bytes)
    assert obj["source"]["converter"] == ocr.engine().name and obj["reference"]["id"] == "18553"
    assert obj["ocr_lines"] and all(set(o) == {"span", "page", "box", "confidence"} for o in obj["ocr_lines"])
    refused = runner.invoke(cli, ["parse", "--ocr", "never", str(path)], catch_exceptions=False)
    assert refused.exit_code == NoTextLayerError.exit_code and "no text layer" in refused.stderr
    assert runner.invoke(cli, ["parse", "--ocr", "sometimes", str(path)]).exit_code == 2


def test_ingest_carries_the_ocr_option_to_its_workers(installed: None, scan: bytes, tmp_path: Path) -> None:
    import sqlite3

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(scan)
    db = tmp_path / "foi.sqlite"
    runner = CliRunner()
    done = runner.invoke(cli, ["ingest", "--ocr", "never", "-q", str(tmp_path / "in"), "--db", str(db)])
    assert done.exit_code == 1
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT status, error_class FROM documents").fetchall() == [("failed", "NoTextLayerError")]


def test_review_carries_the_ocr_option(installed: None, scan: bytes, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan)
    runner = CliRunner()
    refused = runner.invoke(cli, ["review", "--ocr", "never", str(path), "-o", str(tmp_path / "r.html")])
    assert refused.exit_code == 1 and "no text layer" in refused.stderr
    done = runner.invoke(cli, ["review", str(path), "-o", str(tmp_path / "r.html")])
    assert done.exit_code == 0 and "18553" in (tmp_path / "r.html").read_text()


def test_a_bar_before_a_lower_case_word_is_the_pronoun() -> None:
    found = [
        ("|", (0.0, 0.0, 4.0, 10.0), 0.8, 0),
        ("would", (8.0, 0.0, 40.0, 10.0), 0.9, 0),
        ("|", (0.0, 20.0, 4.0, 30.0), 0.8, 1),
        ("15", (8.0, 20.0, 20.0, 30.0), 0.9, 1),
    ]
    words = ocr._with_lines(found, [0.0, 0.0], (100, 100))
    assert [w.text for w in words] == ["I", "would", "|", "15"]
    assert words[1].straight == (8.0, 0.0, 40.0, 10.0)  # a straight page: the boxes as they were


def test_ruling_lines_are_painted_out_and_strokes_kept() -> None:
    np = pytest.importorskip("numpy")
    from PIL import Image

    from foiparse.readers.ocr import RULING, without_rulings

    page = np.full((200, 300), 255, np.uint8)
    page[50, 10:290] = 0  # a rule across
    page[60:190, 150] = 0  # a rule down
    page[100:130, 40:43] = 0  # a letter's stroke: shorter than a rule
    page[120, 200 : 200 + RULING - 1] = 0  # one pixel short of a rule
    cleaned = np.asarray(without_rulings(Image.fromarray(page)))
    assert (cleaned[49:52, 10:290] == 255).all() and (cleaned[60:190, 149:152] == 255).all()
    assert (cleaned[100:130, 40:43] == 0).all()
    assert (cleaned[120, 200 : 200 + RULING - 1] == 0).all()


def test_a_page_without_rulings_is_left_as_it_is() -> None:
    np = pytest.importorskip("numpy")
    from PIL import Image

    from foiparse.readers.ocr import without_rulings

    image = Image.fromarray(np.full((40, 80), 255, np.uint8))
    assert without_rulings(image) is image


RULED = [["Category", "2022", "2023"], ["Complaints", "14", "11"], ["Appeals", "9", "12"], ["Total", "23", "23"]]


def _ruled_table_pdf(border: float = 1.0) -> bytes:
    """A letter's line and a small table drawn with ruling lines round every cell.

    ``border``: the width of the table's outer lines and of the line under its header, in points.
    """
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 760, "The figures you asked for are below.")
    lefts, top, height = [100, 260, 360, 460], 720, 22
    for r, row in enumerate(RULED):
        for c, cell in enumerate(row):
            page.drawString(lefts[c] + 6, top - (r + 1) * height + 7, cell)
    for r in range(len(RULED) + 1):
        page.setLineWidth(border if r in (0, 1, len(RULED)) else 1.0)
        page.line(lefts[0], top - r * height, lefts[-1], top - r * height)
    for x in lefts:
        page.setLineWidth(border if x in (lefts[0], lefts[-1]) else 1.0)
        page.line(x, top, x, top - len(RULED) * height)
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("turn", [0.0, 0.4], ids=["straight", "skewed"])
def test_a_scanned_ruled_table_comes_back_as_that_table(installed: None, turn: float) -> None:
    doc = read_pdf(_scanned(_ruled_table_pdf(), dpi=300, turn=turn), "scan.pdf")
    assert [(t.columns, t.rows) for t in doc.tables] == [(tuple(RULED[0]), tuple(tuple(r) for r in RULED[1:]))]
    assert "The figures you asked for are below." in doc.text  # the words outside the grid stay text


@pytest.mark.parametrize("border", [2.0, 3.0])
def test_a_scanned_table_with_a_thick_border_comes_back_as_that_table(installed: None, border: float) -> None:
    """A 2-3 pt border and header line scanned at 300 dpi (8-12 pixels) is painted out as a thin one is,
    and makes the table's walls: its words are not read with the lines in them."""
    doc = read_pdf(_scanned(_ruled_table_pdf(border), dpi=300), "scan.pdf")
    assert [(t.columns, t.rows) for t in doc.tables] == [(tuple(RULED[0]), tuple(tuple(r) for r in RULED[1:]))]


def test_ruling_pixels_become_one_segment_per_line() -> None:
    np = pytest.importorskip("numpy")
    from PIL import Image

    page = np.full((200, 300), 255, np.uint8)
    page[50:53, 10:290] = 0  # a rule across, three pixels thick
    page[60:190, 294:296] = 0  # a rule down, two pixels thick
    page[120, 200 : 200 + ocr.RULING - 1] = 0  # one pixel short of a rule
    page[100:130, 40:43] = 0  # a letter's stroke
    across, down = ocr.rulings(Image.fromarray(page))
    assert across == [(10.0, 51.0, 290.0, 51.0)]
    assert down == [(294.5, 60.0, 294.5, 190.0)]


@pytest.mark.parametrize("turn", [0.0, 1.0, -1.5])
def test_a_skewed_grid_comes_back_straight_with_its_walls_meeting(turn: float) -> None:
    """A turned grid's lines are staircases of short steps: found whole, straightened, they make its cells."""
    np = pytest.importorskip("numpy")
    from PIL import Image

    from foiparse.readers import ruling

    page = np.full((800, 1000), 255, np.uint8)
    for y in (200, 300, 400):
        page[y : y + 2, 200:800] = 0
    for x in (200, 500, 798):
        page[200:402, x : x + 2] = 0
    image = Image.fromarray(page).rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
    across, down = ocr.rulings(image)
    assert len(across) == 3 and len(down) == 3
    cells = ruling.tables((across, down), 100)
    assert cells is not None and [len(table) for table in cells] == [4]
    assert all(abs((x1 - x0) - 600) < 4 for x0, _, x1, _ in across)  # whole, end to end
    assert all(abs((bottom - top) - 202) < 4 for _, top, _, bottom in down)


def _grey_grid_page() -> tuple[Any, list[tuple[slice, slice]], list[tuple[slice, slice]]]:
    """A white page with a 1-pixel grid in light grey (a thin rule scanned at 150 dpi), black letter-like
    strokes in its cells (one standing on a rule), and a bold heading's letters run together into a bar.

    Returns the page and where its grid and its strokes are.
    """
    np = pytest.importorskip("numpy")
    page = np.full((400, 600), 255, np.uint8)
    grid = [(slice(y, y + 1), slice(50, 551)) for y in (100, 160, 220)]
    grid += [(slice(100, 221), slice(x, x + 1)) for x in (50, 300, 550)]
    for where in grid:
        page[where] = 190
    strokes = [
        (slice(115, 145), slice(80, 83)),  # a letter's stem in a cell
        (slice(120, 123), slice(90, 110)),  # a letter's bar
        (slice(130, 160), slice(200, 203)),  # a stem standing on the rule below it
        (slice(300, 312), slice(100, 200)),  # a bold heading's letters run together: thick, not a line
    ]
    for where in strokes:
        page[where] = 0
    return page, grid, strokes


def test_a_thin_grey_grid_is_found_and_painted_out_and_the_letters_kept() -> None:
    """A rule lighter than ink is a line by its contrast with the paper on both sides of it; a dark
    bar as long as a rule but thick is a letter's ink, and is neither a ruling nor painted out."""
    np = pytest.importorskip("numpy")
    from PIL import Image

    page, grid, strokes = _grey_grid_page()
    across, down = ocr.rulings(Image.fromarray(page))
    assert [(x0, y, x1) for x0, y, x1, _ in across] == [
        (50.0, 100.0, 551.0),
        (50.0, 160.0, 551.0),
        (50.0, 220.0, 551.0),
    ]
    assert [(x, y0, y1) for x, y0, _, y1 in down] == [
        (50.0, 100.0, 221.0),
        (300.0, 100.0, 221.0),
        (550.0, 100.0, 221.0),
    ]
    cleaned = np.asarray(ocr.without_rulings(Image.fromarray(page)))
    assert all((cleaned[where] == 255).all() for where in grid)
    assert all((cleaned[where] == 0).all() for where in strokes[:2] + strokes[3:])
    assert (cleaned[130:158, 200:203] == 0).all()  # the stem on the rule, but for where it meets it


def _reader(
    monkeypatch: pytest.MonkeyPatch, again: list[tuple[str, ocr.Box, float, int]]
) -> tuple[ocr.Tesseract, list[tuple[int, int, int, int]]]:
    """A Tesseract reader whose engine reads ``again`` in any rectangle; the rectangles it was given."""

    asked: list[tuple[int, int, int, int]] = []

    class Api:  # the two calls of tesserocr's API the reread makes, by their names
        def SetRectangle(self, left: int, top: int, width: int, height: int) -> None:
            asked.append((left, top, width, height))

        def Recognize(self) -> None:
            pass

    def words(slopes: list[float]) -> list[tuple[str, ocr.Box, float, int]]:
        slopes.extend(0.0 for _ in {w[3] for w in again})
        return list(again)

    reader = object.__new__(ocr.Tesseract)
    monkeypatch.setattr(reader, "_api", Api(), raising=False)
    monkeypatch.setattr(reader, "_words", words)
    return reader, asked


PAGE_READ = [
    ("The", (10.0, 10.0, 40.0, 30.0), 0.95, 0),
    ("PARA", (10.0, 40.0, 100.0, 80.0), 0.1, 1),  # two close lines run into one, read as noise
    ("ee", (110.0, 40.0, 150.0, 80.0), 0.3, 1),
    ("Yours", (10.0, 90.0, 60.0, 110.0), 0.9, 2),
]


def test_a_line_read_with_little_confidence_is_read_again_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    again = [("names", (10.0, 40.0, 60.0, 58.0), 0.95, 0), ("2000.", (10.0, 62.0, 50.0, 80.0), 0.96, 1)]
    reader, asked = _reader(monkeypatch, again)
    slopes = [0.0, 0.0, 0.0]
    words = reader._reread(list(PAGE_READ), slopes, (200, 200))
    assert asked == [(6, 36, 148, 48)]  # the line's box and a margin of paper
    assert [(w[0], w[3]) for w in words] == [("The", 0), ("names", 3), ("2000.", 4), ("Yours", 2)]
    assert len(slopes) == 5


def test_a_line_read_again_no_better_is_kept_and_a_sure_one_is_not_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reader, asked = _reader(monkeypatch, [("PAR", (10.0, 40.0, 100.0, 80.0), 0.15, 0)])
    assert reader._reread(list(PAGE_READ), [0.0, 0.0, 0.0], (200, 200)) == PAGE_READ
    sure = [w for w in PAGE_READ if w[2] > 0.5]
    asked.clear()
    assert reader._reread(sure, [0.0, 0.0, 0.0], (200, 200)) == sure
    assert asked == []


def _thick_border_page() -> tuple[Any, list[tuple[slice, slice]], list[tuple[slice, slice]]]:
    """A white page with a table whose outer border is 8-10 pixels thick (a 2 pt border at 300 dpi)
    and its inner lines 2, at grey 0-60; a heading underlined 8 pixels thick; letter-like strokes in
    the cells (one standing on the border); and a bold heading's letters run together into a 12 x 100 bar.

    Returns the page, where its lines are, and where its strokes are.
    """
    np = pytest.importorskip("numpy")
    page = np.full((700, 900), 255, np.uint8)
    lines = [
        (slice(150, 160), slice(100, 801), 0),  # the border: top, 10 thick
        (slice(543, 551), slice(100, 801), 40),  # bottom, 8 thick
        (slice(150, 551), slice(100, 109), 20),  # left, 9 thick
        (slice(150, 551), slice(792, 801), 0),  # right, 9 thick
        (slice(250, 252), slice(109, 792), 60),  # inner lines, 2 thick
        (slice(350, 352), slice(109, 792), 60),
        (slice(450, 452), slice(109, 792), 30),
        (slice(160, 543), slice(350, 352), 30),
        (slice(160, 543), slice(575, 577), 60),
        (slice(100, 108), slice(100, 500), 0),  # a heading's underline, 8 thick
    ]
    for rows, cols, grey in lines:
        page[rows, cols] = grey
    strokes = [
        (slice(60, 72), slice(100, 200)),  # a bold heading's letters run together: 12 x 100
        (slice(180, 210), slice(130, 133)),  # a letter's stem in a cell
        (slice(190, 193), slice(140, 160)),  # a letter's bar
        (slice(505, 543), slice(400, 403)),  # a stem standing on the thick border
    ]
    for where in strokes:
        page[where] = 0
    return page, [(rows, cols) for rows, cols, _ in lines], strokes


def test_a_thick_border_is_found_end_to_end_and_a_bold_bar_is_not() -> None:
    """A line thicker than ``BESIDE`` has no paper that close to its middle, but is long and thin:
    found whole, with the thin lines inside it; a bold bar as thick but short is letters."""
    np = pytest.importorskip("numpy")
    from PIL import Image

    from foiparse.readers import ruling

    page, lines, strokes = _thick_border_page()
    across, down = ocr.rulings(Image.fromarray(page))
    # each line's middle, and where its ends may be: a border's at the table's corners, an inner line's in the border
    left, right, top, bottom = (100, 100), (801, 801), (150, 150), (551, 551)
    in_left, in_right, in_top, in_bottom = (100, 109), (792, 801), (150, 160), (543, 551)
    want_across = [(103.5, (100, 100), (500, 500)), (154.5, left, right), (546.5, left, right)]
    want_across += [(y, in_left, in_right) for y in (250.5, 350.5, 450.5)]
    want_down = [(104.0, top, bottom), (350.5, in_top, in_bottom), (575.5, in_top, in_bottom), (796.0, top, bottom)]
    got_across = sorted((y, x0, x1) for x0, y, x1, _ in across)
    got_down = sorted((x, y0, y1) for x, y0, _, y1 in down)
    for got, want in ((got_across, sorted(want_across)), (got_down, want_down)):
        assert len(got) == len(want)
        for (middle, start, end), (at, (a, b), (c, d)) in zip(got, want, strict=True):
            assert abs(middle - at) <= 0.5 and a <= start <= b and c <= end <= d, got
    cells = ruling.tables((across, down), 100)
    assert cells is not None and [len(table) for table in cells] == [12]
    cleaned = np.asarray(ocr.without_rulings(Image.fromarray(page)))
    assert all((cleaned[where] == 255).all() for where in lines)
    assert all((cleaned[where] == 0).all() for where in strokes[:3])
    assert (cleaned[505:541, 400:403] == 0).all()  # the stem on the border, but for where it meets it


def test_a_thin_lines_blurred_edge_is_not_taken_for_a_thick_line() -> None:
    """Its dark edge has paper a thick line's distance away, but no thick middle: the line stays as thin as before."""
    np = pytest.importorskip("numpy")

    page = np.full((200, 400), 250, np.uint8)
    page[100:106, 50:350] = np.array([227, 159, 89, 65, 126, 196], np.uint8)[
        :, None
    ]  # a box's thin line in a 200 dpi scan
    across, down = ocr._ruling_runs(page)
    assert np.flatnonzero(across.any(axis=1)).tolist() == [102, 103, 104] and not down.any()


def test_a_long_scan_in_a_batch_costs_its_timeout_not_the_batch(installed: None, scan: bytes, tmp_path: Path) -> None:
    import sqlite3

    import pypdfium2

    long_scan = pypdfium2.PdfDocument.new()
    one = pypdfium2.PdfDocument(scan)
    for _ in range(60):  # sixty scanned pages: minutes of OCR
        long_scan.import_pages(one)
    buffer = io.BytesIO()
    long_scan.save(buffer)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long-scan.pdf").write_bytes(buffer.getvalue())
    (tmp_path / "in" / "letter.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "short-scan.pdf").write_bytes(scan)
    db = tmp_path / "foi.sqlite"
    args = ["ingest", "-q", "--jobs", "1", "--timeout", "4", str(tmp_path / "in"), "--db", str(db)]
    assert CliRunner().invoke(cli, args).exit_code == 1
    with sqlite3.connect(db) as con:
        rows = dict(con.execute("SELECT path, status || ':' || coalesce(error_class, '') FROM documents"))
    statuses = {Path(p).name: s for p, s in rows.items()}
    assert statuses["letter.txt"] == "ok:" and statuses["short-scan.pdf"] == "ok:"
    assert statuses["long-scan.pdf"] == "timeout:TooSlowError", statuses


def _stamped(pdf: bytes, stamp: str, dpi: int = 200) -> bytes:
    """Each page of ``pdf`` as a full-page image with ``stamp`` drawn over it as text (a Bates or page number)."""
    from pypdfium2 import PdfDocument
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for page in PdfDocument(pdf):
        c.drawImage(ImageReader(page.render(scale=dpi / 72, grayscale=True).to_pil()), 0, 0, width, height)
        c.setFont("Helvetica", 9)
        c.drawString(width - 150, 20, stamp)
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_a_scan_with_a_number_stamped_over_it_is_read_from_its_image(installed: None) -> None:
    document = read_pdf(_stamped(_text_pdf(LETTER), "DOJ-000123"), "stamped.pdf")
    assert "18553" in document.text and "259" in document.text  # the letter, read from the image
    assert document.text.rstrip().endswith("DOJ-000123")  # and the stamp kept, after it
    assert document.source.converter == ocr.engine().name and document.ocr_lines


def test_a_text_page_over_a_full_page_image_is_not_read_from_the_image(installed: None) -> None:
    from PIL import Image as PilImage
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawImage(ImageReader(PilImage.new("L", (400, 560), 235)), 0, 0, *A4)  # a tinted background image
    c.setFont("Helvetica", 12)
    for k, line in enumerate(LETTER):
        c.drawString(72, 780 - 16 * k, line.strip())
    c.showPage()
    c.save()
    document = read_pdf(buffer.getvalue(), "letter.pdf")
    assert document.source.converter is None and not document.ocr_lines
    assert "18553" in document.text
