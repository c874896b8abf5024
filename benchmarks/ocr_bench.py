"""OCR engines side by side on the scanned fixtures: character error rate and pages per second.

    python benchmarks/ocr_bench.py [--engines tesseract,rapidocr,pytesseract] [--rounds N]

Issue #18 asks for the OCR engine to be chosen by measurement on the same pages. The pages
are the image-only PDFs of ``fixtures/scans/`` (``fixtures/make_scans.py``), rendered back at
the resolution they were scanned at, as the OCR reader renders them. Each engine reads every
page; its text is compared with the text layer of the PDF the scan was made from.

CER is the Levenshtein distance (rapidfuzz) between the two texts with every run of white space
made one space, divided by the length of the original: reading order counts, so an engine that
reads a table column by column pays for it. Pages per second is the engine's own time over the
pages (warm: the engine is loaded once, before timing; its load time is a column of its own),
the median of ``--rounds`` runs. Only recognition is timed: rendering and comparison are not.

``ocr_rows()`` returns the rows for ``benchmarks/bench.py``; ``__main__`` prints them.
Tesseract needs Debian's ``tesseract-ocr`` and ``tesseract-ocr-eng`` and the ``tesserocr`` (or
``pytesseract``) wheel; RapidOCR needs ``rapidocr-onnxruntime``. A missing engine is a row that
says so, not a failure. This is not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import importlib.util
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")
ENGINES = ("tesseract", "rapidocr")
SPACE = re.compile(r"\s+")

Recognise = Callable[[Image.Image], str]


@dataclass(frozen=True)
class Page:
    """One scanned page, as the OCR reader sees it, and the text it was printed from."""

    scan: str
    seed: bool
    dpi: int
    image: Image.Image
    truth: str


@dataclass(frozen=True)
class OcrRow:
    """One engine on one set of pages (the seed, or the other letters) at one resolution."""

    engine: str
    pages: str  # "seed" or "letters"
    dpi: int
    count: int
    cer: float | None  # None: the engine is not installed
    cer_no_spaces: float | None
    words: float | None  # share of the original's words read exactly, in any order
    pages_per_second: float | None
    load_seconds: float | None
    note: str = ""


def make_scans() -> ModuleType:
    """fixtures/make_scans.py, loaded from its path (fixtures/ is no package)."""
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "fixtures" / "make_scans.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("fixtures/make_scans.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def normalised(text: str) -> str:
    """TEXT with each run of white space one space: layout is not what CER judges."""
    return SPACE.sub(" ", text).strip()


def errors(truth: str, read: str, spaces: bool = True) -> tuple[int, int]:
    """Edits from TRUTH to READ, and TRUTH's length, white space normalised (or, without
    SPACES, removed: then words run together or split apart cost nothing)."""
    truth, read = normalised(truth), normalised(read)
    if not spaces:
        truth, read = truth.replace(" ", ""), read.replace(" ", "")
    return Levenshtein.distance(truth, read), len(truth)


def words_found(truth: str, read: str) -> tuple[int, int]:
    """How many of TRUTH's words READ has (each as often as TRUTH has it), and how many there are.

    Blind to reading order: a table read column by column loses nothing here."""
    wanted, got = Counter(truth.split()), Counter(read.split())
    return sum((wanted & got).values()), sum(wanted.values())


def cer(truth: str, read: str, spaces: bool = True) -> float:
    """Character error rate of READ against TRUTH (edits per character of the truth)."""
    edits, size = errors(truth, read, spaces)
    return edits / max(1, size)


def pages() -> list[Page]:
    """Every page of every scanned fixture, rendered at its scan's dpi, with its original's text."""
    scans = make_scans()
    found = []
    for scan in scans.scans():
        if not scan.path.exists():
            raise SystemExit(f"{scan.path} is missing: run python fixtures/make_scans.py")
        truth = _texts(scan.source)
        doc = pdfium.PdfDocument(scan.path)
        try:
            for n, page in enumerate(doc):
                image = page.render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L")
                found.append(Page(scan.path.name, "leicester" in scan.path.name, scan.dpi, image, truth[n]))
        finally:
            doc.close()
    return found


def _texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def _optional(name: str) -> Any:
    """The module NAME, or None when it is not installed (Any: the OCR wheels ship no types)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _tessdata() -> str | None:
    for path in (os.environ.get("TESSDATA_PREFIX"), *TESSDATA):
        if path and Path(path, "eng.traineddata").exists():
            return path
    return None


def _runs(dark: np.ndarray, length: int) -> np.ndarray:
    """The pixels of DARK (2-D, bool) inside a horizontal run of at least LENGTH dark pixels."""
    height, _ = dark.shape
    sums = np.concatenate([np.zeros((height, 1), np.int32), np.cumsum(dark, axis=1, dtype=np.int32)], axis=1)
    starts = (sums[:, length:] - sums[:, :-length]) == length  # a full run begins here
    begun = np.concatenate([np.zeros((height, 1), np.int32), np.cumsum(starts, axis=1, dtype=np.int32)], axis=1)
    width = dark.shape[1]
    ends = np.minimum(np.arange(width) + 1, starts.shape[1])  # runs begun at or before each pixel...
    since = np.maximum(np.arange(width) - length + 1, 0)  # ...and no more than LENGTH - 1 before it
    return np.asarray((begun[:, ends] - begun[:, since]) > 0)


def unruled(image: Image.Image, length: int = 60, ink: int = 160) -> Image.Image:
    """IMAGE with its ruling lines painted over as paper: every straight dark run, across or down,
    of LENGTH pixels or more (a letter's stroke is shorter), and the pixels beside it.

    Tesseract reads a table's grid as letters ("|", "_", "—") and loses the words inside boxes;
    without the lines it reads the cells as it reads any text.
    """
    pixels = np.asarray(ImageOps.autocontrast(image.convert("L"), cutoff=(0, 1)))
    dark = pixels < ink
    lines = _runs(dark, length) | _runs(dark.T, length).T
    grown = lines.copy()  # one pixel more each way: the line's soft edge
    grown[1:, :] |= lines[:-1, :]
    grown[:-1, :] |= lines[1:, :]
    grown[:, 1:] |= lines[:, :-1]
    grown[:, :-1] |= lines[:, 1:]
    return Image.fromarray(np.where(grown, np.uint8(255), pixels))


def tesseract(psm: str = "AUTO", clean: Callable[[Image.Image], Image.Image] | None = None) -> Recognise | str:
    """Tesseract through tesserocr (the C++ API in process), or why it cannot run.

    PSM is tesserocr's page segmentation mode: AUTO (Tesseract's default, 3) finds blocks and
    may read a table's columns one after the other; SINGLE_COLUMN (4) and SINGLE_BLOCK (6)
    read the page as one column of lines.
    """
    tesserocr = _optional("tesserocr")
    path = _tessdata()
    if tesserocr is None:
        return "pip install tesserocr"
    if path is None:
        return "apt-get install tesseract-ocr-eng"
    api = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=getattr(tesserocr.PSM, psm))

    def read(image: Image.Image) -> str:
        api.SetImage(clean(image) if clean else image)
        return str(api.GetUTF8Text())

    return read


def pytesseract() -> Recognise | str:
    """Tesseract through pytesseract (the ``tesseract`` command, one process per page)."""
    module = _optional("pytesseract")
    if module is None:
        return "pip install pytesseract"
    try:
        module.get_tesseract_version()
    except module.TesseractNotFoundError:
        return "apt-get install tesseract-ocr"

    def read(image: Image.Image) -> str:
        return str(module.image_to_string(image, lang="eng"))

    return read


def rapidocr() -> Recognise | str:
    """RapidOCR (PaddleOCR's models in ONNX, run by onnxruntime), lines joined top to bottom."""
    module = _optional("rapidocr_onnxruntime")
    if module is None:
        return "pip install rapidocr-onnxruntime"
    engine = module.RapidOCR()

    def read(image: Image.Image) -> str:
        result, _ = engine(np.asarray(image.convert("RGB")))
        return "\n".join(str(text) for _box, text, _score in result or [])

    return read


LOADERS: dict[str, Callable[[], Recognise | str]] = {
    "tesseract": tesseract,
    "tesseract-psm4": lambda: tesseract("SINGLE_COLUMN"),
    "tesseract-psm6": lambda: tesseract("SINGLE_BLOCK"),
    "tesseract-unruled": lambda: tesseract("AUTO", unruled),
    "tesseract-psm6-unruled": lambda: tesseract("SINGLE_BLOCK", unruled),
    "pytesseract": pytesseract,
    "rapidocr": rapidocr,
}


def ocr_rows(engines: Sequence[str] = ENGINES, rounds: int = 1, found: list[Page] | None = None) -> list[OcrRow]:
    """One row per engine, page set and dpi: CER, warm pages per second (median of ROUNDS)."""
    found = pages() if found is None else found
    groups = sorted({("seed" if page.seed else "letters", page.dpi) for page in found}, reverse=True)
    rows = []
    for name in engines:
        start = time.perf_counter()
        loaded = LOADERS[name]()
        load = time.perf_counter() - start
        for group, dpi in groups:
            chosen = [p for p in found if p.dpi == dpi and ("seed" if p.seed else "letters") == group]
            if isinstance(loaded, str):
                rows.append(OcrRow(name, group, dpi, len(chosen), None, None, None, None, None, loaded))
                continue
            texts: list[str] = []
            speeds = []
            for _ in range(rounds):
                start = time.perf_counter()
                texts = [loaded(page.image) for page in chosen]
                speeds.append(len(chosen) / (time.perf_counter() - start))
            counts = [(p.truth, t) for p, t in zip(chosen, texts, strict=True)]
            rows.append(_row(name, group, dpi, counts, statistics.median(speeds), load))
    return rows


def _row(name: str, group: str, dpi: int, texts: list[tuple[str, str]], speed: float, load: float) -> OcrRow:
    """The row of NAME from (original, read) text pairs."""
    with_spaces = _rate([errors(truth, read) for truth, read in texts])
    no_spaces = _rate([errors(truth, read, spaces=False) for truth, read in texts])
    words = _rate([words_found(truth, read) for truth, read in texts])
    return OcrRow(name, group, dpi, len(texts), with_spaces, no_spaces, words, speed, load)


def _rate(counts: list[tuple[int, int]]) -> float:
    return sum(edits for edits, _ in counts) / max(1, sum(size for _, size in counts))


def print_rows(rows: Sequence[OcrRow]) -> None:
    """The rows as a table, a line per engine, page set and dpi."""
    print(
        f"{'engine':24}{'pages':>8}{'dpi':>5}{'n':>4}{'CER %':>8}{'CER-sp %':>10}{'words %':>9}{'pages/s':>9}{'load s':>8}"
    )
    for r in rows:
        head = f"{r.engine:24}{r.pages:>8}{r.dpi:>5}{r.count:>4}"
        if r.cer is None or r.cer_no_spaces is None or r.words is None or r.pages_per_second is None:
            print(f"{head}  not installed: {r.note}")
            continue
        load = "" if r.load_seconds is None else f"{r.load_seconds:.2f}"
        print(
            f"{head}{100 * r.cer:>8.2f}{100 * r.cer_no_spaces:>10.2f}{100 * r.words:>9.2f}"
            f"{r.pages_per_second:>9.2f}{load:>8}"
        )


def reader_rows(engines: Sequence[str] = ENGINES) -> list[OcrRow]:
    """foiparse's own OCR path, end to end: each scan read by the PDF reader with ENGINE (its
    engine settings, rendering and layout), its document text beside the original PDF's as the
    same reader lays it out. Pages per second counts rendering and layout too."""
    ocr: Any = importlib.import_module("foiparse.readers.ocr")  # its API is the reader's, not this script's
    pipeline = importlib.import_module("foiparse.pipeline")
    options = importlib.import_module("foiparse.options")
    scans = make_scans().scans()
    rows = []
    chosen = ocr.engine
    try:
        for name in engines:
            try:
                start = time.perf_counter()
                engine = ocr.ENGINES[name]()
                load = time.perf_counter() - start
            except Exception as exc:  # MissingBackendError, or an engine foiparse does not have
                rows.append(OcrRow(f"foiparse/{name}", "all", 0, 0, None, None, None, None, None, str(exc)))
                continue
            ocr.engine = lambda _name="", engine=engine: engine  # the PDF reader asks for it by this name
            for group in ("seed", "letters"):
                for dpi in sorted({s.dpi for s in scans}, reverse=True):
                    wanted = [s for s in scans if s.dpi == dpi and ("leicester" in s.path.name) == (group == "seed")]
                    if not wanted:
                        continue
                    texts, seconds, count = [], 0.0, 0
                    for scan in wanted:
                        truth = pipeline.load_document(scan.source).text
                        start = time.perf_counter()
                        document = pipeline.load_document(scan.path, options.Options(ocr="always"))
                        seconds += time.perf_counter() - start
                        count += document.text.count("\f") + 1
                        texts.append((truth, document.text))
                    row = _row(f"foiparse/{name}", group, dpi, texts, count / seconds, load)
                    rows.append(dataclasses.replace(row, count=count))
    finally:
        ocr.engine = chosen
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: " + ", ".join(LOADERS))
    parser.add_argument("--reader", action="store_true", help="also foiparse's own OCR path, end to end")
    parser.add_argument("--rounds", type=int, default=1, help="timed runs per engine and dpi (median)")
    args = parser.parse_args(argv)
    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    unknown = [name for name in engines if name not in LOADERS]
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r}: choose from {', '.join(LOADERS)}")
    rows = ocr_rows([e for e in engines if e in LOADERS], max(1, args.rounds))
    if args.reader:
        rows += reader_rows([e for e in ("tesseract", "rapidocr") if e in engines])
    print_rows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
