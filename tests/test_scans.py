"""Scanned letters (fixtures/scans/, made by fixtures/make_scans.py) read back through OCR.

Issue #18's "done when": a 200 dpi scan of the seed, lightly noisy, gives the seed's fields.
Each other scan is judged against what foiparse extracts from the PDF it was scanned from:
fields, not characters, within the tolerance stated at ``same_fields``.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import FIXTURES, ROOT, load_script
from foiparse import FoiResponse, parse
from foiparse.errors import FoiparseError
from foiparse.model import Table
from foiparse.readers import ocr

SCANS = FIXTURES / "scans"
SEED_SCAN = SCANS / "scan-leicester-data-breaches-2019-200dpi.pdf"
TYPESET_SEED = SCANS / "typeset-leicester-data-breaches-2019.pdf"
MIN_CELLS_SAME = 0.95  # share of table cells read exactly as in the original
MIN_REQUEST_RATIO = 0.95  # difflib ratio of the request's text to the original's


def _no_ocr() -> str:
    """Why no OCR engine can run here ("" when one can): the scans are then left untested."""
    try:
        ocr.engine()
    except FoiparseError as exc:
        return str(exc)
    return ""


NEEDS_OCR = pytest.mark.skipif(bool(_no_ocr()), reason=f"no OCR engine: {_no_ocr()}")


@pytest.fixture(scope="module")
def make_scans() -> ModuleType:
    return load_script(FIXTURES / "make_scans.py")


def scan_files() -> list[Path]:
    return sorted(SCANS.glob("scan-*.pdf"))


def seed_fields(response: FoiResponse) -> None:
    """Assert the seed's fields: the 259 total, s.21, FOIA 18553, the 18-row table of 62."""
    assert 259 in [total.value for total in response.totals]
    assert ("FOIA", "21") in [(e.law, e.provision) for e in response.exemptions]
    assert "FOIA 18553" in [prior.reference for prior in response.prior_requests]
    tables = [t for t in response.tables if len(t.rows) == 18]
    assert len(tables) == 1, [(t.columns, len(t.rows)) for t in response.tables]
    assert sum(int(row[-1]) for row in tables[0].rows) == 62


@NEEDS_OCR
def test_scanned_seed_at_200_dpi_gives_the_seeds_fields() -> None:
    seed_fields(parse(SEED_SCAN))


def test_typeset_seed_with_its_text_layer_gives_the_seeds_fields() -> None:
    """The original the seed's scans are made from: what OCR has to get back to."""
    seed_fields(parse(TYPESET_SEED))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def same_fields(scanned: FoiResponse, original: FoiResponse) -> None:
    """The tolerance: identifiers exactly as in the original (authority, reference, date, laws,
    outcome, exemptions, prior requests, totals); the request's text at least 95% alike; and
    as many tables of the same shape with at least 95% of their cells the same."""

    def ids(r: FoiResponse) -> dict[str, object]:
        return {
            "authority": r.authority and r.authority.name,
            "reference": r.reference and r.reference.id,
            "date": r.date,
            "legislation": r.legislation,
            "outcome": r.outcome,
            "exemptions": [(e.law, e.provision) for e in r.exemptions],
            "prior": [p.reference for p in r.prior_requests],
            "totals": [t.value for t in r.totals],
        }

    assert ids(scanned) == ids(original)
    if original.request is not None:
        assert scanned.request is not None
        ratio = difflib.SequenceMatcher(None, _words(scanned.request.text), _words(original.request.text)).ratio()
        assert ratio >= MIN_REQUEST_RATIO
    assert [(len(t.columns), len(t.rows)) for t in scanned.tables] == [
        (len(t.columns), len(t.rows)) for t in original.tables
    ]
    pairs = [(_cells(s), _cells(o)) for s, o in zip(scanned.tables, original.tables, strict=True)]
    cells = [(a, b) for read, printed in pairs for a, b in zip(read, printed, strict=False)]
    total = sum(max(len(read), len(printed)) for read, printed in pairs)  # a missing cell is a wrong one
    same = sum(a == b for a, b in cells)
    assert same >= MIN_CELLS_SAME * total, [(a, b) for a, b in cells if a != b]


def _cells(table: Table) -> list[str]:
    return [_words(cell) for cell in (*table.columns, *(c for row in table.rows for c in row))]


@NEEDS_OCR
@pytest.mark.parametrize("path", scan_files(), ids=lambda p: p.stem)
def test_scan_gives_the_fields_of_the_letter_it_was_made_from(path: Path) -> None:
    source = re.sub(r"-\d+dpi$", "", path.stem.removeprefix("scan-"))
    original = SCANS / f"typeset-{source}.pdf" if "leicester" in source else FIXTURES / f"{source}.pdf"
    # Tables too: unruled ones stand by position, which an image keeps; ruled ones are found
    # from their rulings seen as pixels, through the same geometry as a text PDF's drawn lines.
    same_fields(parse(path), parse(original))


@pytest.mark.parametrize("path", scan_files(), ids=lambda p: p.stem)
def test_scan_is_only_an_image(path: Path) -> None:
    """No text layer on any page (so OCR is the only way in), and a picture on every one."""
    doc = pdfium.PdfDocument(path)
    try:
        assert len(doc) > 0
        for page in doc:
            assert page.get_textpage().get_text_range() == ""
            kinds = [obj.type for obj in page.get_objects()]
            assert kinds == [pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    finally:
        doc.close()


def test_the_committed_scans_are_the_set_the_script_makes(make_scans: ModuleType) -> None:
    assert sorted(scan.path for scan in make_scans.scans()) == scan_files()
    assert all(path.stat().st_size <= make_scans.MAX_BYTES for path in scan_files())


def _pages(pdf: bytes | Path) -> list[tuple[tuple[float, float], np.ndarray]]:
    """Each page's size in points and its image (rendered at 72 dpi: a page's worth of pixels)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [(page.get_size(), np.asarray(page.render(grayscale=True).to_pil().convert("L"))) for page in doc]
    finally:
        doc.close()


def test_make_scans_gives_the_same_bytes_twice_and_the_committed_scan_again(make_scans: ModuleType) -> None:
    """Rerunning the script rewrites the scans: the same bytes from run to run in one install; the
    same pages and pixel sizes as the committed file, and nearly the same pixels, whatever the
    PDFium, Pillow or libjpeg builds (which may each move a grey level here and there)."""
    scan = next(s for s in make_scans.scans() if s.path.name == "scan-pdf-unruled-table-letter-200dpi.pdf")
    first = make_scans.image_pdf(make_scans.scan_pages(scan), scan.dpi)
    assert first == make_scans.image_pdf(make_scans.scan_pages(scan), scan.dpi)
    made, committed = _pages(first), _pages(scan.path)
    assert [size for size, _ in made] == [size for size, _ in committed]
    for (_, new), (_, old) in zip(made, committed, strict=True):
        assert new.shape == old.shape
        assert float(np.abs(new.astype(int) - old.astype(int)).mean()) < 2.0


def test_scanned_page_is_turned_and_noisy_but_keeps_its_size(make_scans: ModuleType) -> None:
    """A scan is not the rendering: the page is skewed and the paper speckled, at the same size."""
    clean = make_scans.render_pages(ROOT / "fixtures" / "pdf-unruled-table-letter.pdf", 100)[0]
    scanned = make_scans.scanned_page(clean, np.random.default_rng(1), 4.0)
    assert scanned.size == clean.size
    paper = np.asarray(scanned)[:20, :20]  # a corner of blank paper
    assert paper.std() > 0.5 and 200 < paper.mean() < 250
    ink, inked = np.asarray(clean) < 128, np.asarray(scanned) < 160  # the scanner's blur greys thin strokes
    assert inked.sum() > 0.5 * ink.sum()  # the text is still there...
    assert (ink & inked).sum() < 0.5 * (ink | inked).sum()  # ...but no longer where it was: turned
