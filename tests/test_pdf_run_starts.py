"""Where each text run begins in the page's text: the reader's probe against PDFium asked plainly.

The reader finds a run's first character with PDFium's point probe, asked through a bare
C call with its doubles made once, then steps back over the characters before it that
stand in the run's box. Here the same is asked the slow, plain way (pypdfium2's checked
call with tolerance, its character boxes) for every run of every fixture PDF, so a
shortcut that found another character would show.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from foiparse.readers import pdf as pdf_module

pypdfium2 = pytest.importorskip("pypdfium2")

PDFS = sorted(p.name for p in Path(FIXTURES).glob("*.pdf"))
LEADS = [" space", "\u00a0no-break space", "_underscore", ". dot", "'quote", "  two spaces", "|bar", ",comma"]


def _leading_glyphs_pdf() -> bytes:
    """Runs opening on thin or empty glyphs, where the probe lands past the run's first character."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=(595, 842))
    y = 800
    for font in ("Helvetica", "Times-Roman", "Courier"):
        for lead in LEADS:
            page.setFont(font, 10)
            page.drawString(72, y, lead)
            page.drawString(300, y, "x" + lead)
            y -= 14
    page.save()
    return buf.getvalue()


def _first_character(textpage: Any, box: tuple[float, float, float, float]) -> tuple[int, int]:
    """PDFium's tolerant probe at a run's left edge (-1: no hit), and the character stepped back to over its box."""
    import pypdfium2.raw as raw

    left, bottom, right, top = box
    half = max((top - bottom) / 2, 0.5)
    hit = -1
    for x in (left + 0.3, left + 1.5, left + 3.0, (left + right) / 2):
        hit = raw.FPDFText_GetCharIndexAtPos(textpage.raw, min(x, right), bottom + half, 0.5, half)
        if hit >= 0:
            break
    start = hit
    while start > 0:
        x0, y0, x1, y1 = textpage.get_charbox(start - 1)
        if not (left - 0.5 <= x0 and x1 <= right + 0.5 and bottom - 0.5 <= (y0 + y1) / 2 <= top + 0.5):
            break
        start -= 1
    return hit, start


@pytest.mark.parametrize("name", ["leading glyphs", *PDFS])
def test_each_run_begins_at_the_character_pdfium_s_plain_probe_finds(name: str) -> None:
    data = _leading_glyphs_pdf() if name == "leading glyphs" else (Path(FIXTURES) / name).read_bytes()
    runs = stepped = 0
    for page in pypdfium2.PdfDocument(data):
        textpage = page.get_textpage()
        left, bottom, right, top = page.get_cropbox()
        side = max(right - left, top - bottom)
        _, dropped, reader = pdf_module._run_texts(textpage, (left, bottom, left + side, bottom + side))
        assert dropped == 0
        boxes = [textpage.get_rect(k) for k in range(textpage.count_rects())]
        expected = {box: _first_character(textpage, box) for box in boxes}
        for span in reader._spans:
            hit, start = expected[span.box]
            if hit >= 0:  # else no probe hit: the reader looks between its neighbours' starts
                assert span.start == start, (name, span)
                runs += 1
                stepped += start != hit
    assert runs
    if name == "leading glyphs":
        assert stepped  # the probe landed past a run's first character, and the reader stepped back
