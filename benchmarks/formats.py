"""The format sections of the benchmark: HTML, PDF and Word beside the parsers underneath, and a seed parse by stage.

Kept as they were before issue #16 so that their numbers stay comparable with the README's.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import ROOT, SEED
from foiparse import parse, to_json
from foiparse.readers.pdf import read_pdf
from measure import rate


def cold(cmd: list[str], runs: int) -> float:
    """Median wall time of a fresh process, in milliseconds."""
    import statistics

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


STAGES = (  # the names foiparse.extract calls; those it no longer has are left out
    "split_lines",
    "find_tables",
    "segment",
    "lay_out",
    "relabel",
    "working_text",
    "Context",
    "extract_request",
    "find_laws",
    "extract_reference",
    "extract_date",
    "extract_exemptions",
    "extract_prior_requests",
    "extract_totals",
    "extract_authority",
    "extract_outcome",
)


def stages(repeat: int) -> None:
    """Time each stage of ``foiparse.extract.extract`` inside a whole warm parse of the seed."""
    import foiparse.extract as stage_module
    from foiparse.readers.text import read_text

    names = [n for n in STAGES if hasattr(stage_module, n)]
    names += sorted(n for n in vars(stage_module) if n.startswith(("extract_", "find_")) and n not in names)
    spent: dict[str, float] = dict.fromkeys(names, 0.0)

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return run

    for name in names:
        setattr(stage_module, name, timed(name, getattr(stage_module, name)))
    doc = read_text(SEED.read_bytes(), SEED.name)
    for _ in range(repeat // 5 + 1):
        stage_module.extract(doc)
    for name in spent:
        spent[name] = 0.0
    start = time.perf_counter()
    for _ in range(repeat):
        to_json(stage_module.extract(doc))
    whole = (time.perf_counter() - start) / repeat * 1e6
    print(f"\n{'stage (seed, warm, in a whole parse)':48} {'us':>10} {'share':>13}")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{name:48} {seconds / repeat * 1e6:10.0f} {seconds / repeat * 1e6 / whole:13.0%}")
    print(f"{'extract + JSON, all stages':48} {whole:10.0f}")


def disclosure_log_page(rows: int = 400) -> bytes:
    """A council disclosure-log entry of about 50 KB: site chrome, the letter, its table and the log's table."""
    nav = "".join(f'<li><a href="/section/{i}">Section {i} of the council website</a></li>' for i in range(40))
    letter = (
        "<h1>FOI request FOI/2024/00817: abandoned vehicles</h1>"
        "<dl><dt>Date received</dt><dd>3 May 2024</dd><dt>Date responded</dt><dd>28 May 2024</dd></dl>"
        "<h2>Request</h2><p>Please provide the number of abandoned vehicles reported in each ward in 2023.</p>"
        "<h2>Response</h2><p>The Council received 1,204 reports in 2023, set out below. Personal data is withheld"
        " under section 40(2) of the Freedom of Information Act 2000.</p>"
    )
    wards = "".join(f"<tr><td>Ward {i}</td><td>{(i * 37) % 90 + 3}</td></tr>" for i in range(20))
    table = f"<table><thead><tr><th>Ward</th><th>Reports</th></tr></thead><tbody>{wards}</tbody></table>"
    log = "".join(
        f'<tr><td><a href="/foi/log/{4000 + i}">FOI/2024/{4000 + i:05d}</a></td><td>Request about service {i}</td>'
        f"<td>{(i % 28) + 1} May 2024</td><td>Disclosed</td></tr>"
        for i in range(rows)
    )
    log_table = f"<table><tr><th>Reference</th><th>Title</th><th>Responded</th><th>Outcome</th></tr>{log}</table>"
    footer = "<footer>" + "<p>Copyright Harbury District Council. Cookies and privacy.</p>" * 10 + "</footer>"
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>FOI/2024/00817</title>'
        "<style>body{font-family:sans-serif}</style><script>var tracking = 1;</script></head><body>"
        f'<div class="cookie-banner">We use cookies.</div><nav><ul>{nav}</ul></nav>'
        f"<main>{letter}{table}<h2>Recent responses</h2>{log_table}</main>{footer}</body></html>"
    )
    return page.encode("utf-8")


def html_rates(repeat: int) -> None:
    """A 50 KB disclosure-log page through the whole pipeline, beside the HTML parser alone."""
    from selectolax.lexbor import LexborHTMLParser

    page = disclosure_log_page()
    html = page.decode("utf-8")
    rounds = max(1, repeat // 5)
    parser_alone = rate(lambda: LexborHTMLParser(html).body, rounds)
    whole = rate(lambda: to_json(parse(page, name="log.html")), rounds)
    print(
        f"\n{'HTML, warm, one process (' + str(len(page) // 1024) + ' KB page)':48} {'docs/s':>10} {'x parser time':>13}"
    )
    print(f"{'selectolax/lexbor: parse alone':48} {parser_alone:10,.0f} {1.0:13.1f}")
    print(f"{'foiparse: whole pipeline':48} {whole:10,.0f} {parser_alone / whole:13.1f}")
    print("target: >= 130 docs/s per core for a 50 KB disclosure-log page")


def pdf_rates(repeat: int, cold_runs: int) -> None:
    """PDF letters through the whole pipeline beside pdfplumber on the same files, cold start, peak memory."""
    import pdfplumber

    letter = ROOT / "fixtures" / "pdf-headers-footers.pdf"
    tables = ROOT / "fixtures" / "pdf-two-pages-ruled-tables.pdf"

    def plumber(path: Path, with_tables: bool) -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                if with_tables:
                    page.extract_tables()
                page.close()

    rounds = max(1, repeat // 10)
    rows = [
        ("2-page text letter", letter, False),
        ("2-page letter, a ruled table on each page", tables, True),
    ]
    print(f"\n{'PDF, warm, one process':48} {'docs/s':>10} {'x pdfplumber':>13}")
    for label, path, with_tables in rows:
        ours = rate(functools.partial(lambda p: to_json(parse(p)), path), rounds * 4)
        theirs = rate(functools.partial(plumber, path, with_tables), rounds)
        print(f"{'foiparse: ' + label:48} {ours:10,.0f} {ours / theirs:13.1f}")
        print(
            f"{'pdfplumber text' + (' + tables' if with_tables else '') + ': same file':48} {theirs:10,.0f} {1.0:13.1f}"
        )
        reader = rate(functools.partial(lambda p: read_pdf(p.read_bytes()), path), rounds * 4)
        floor_ = rate(functools.partial(_pdfium_text, path), rounds * 4)
        print(f"{'  of which the PDF reader alone':48} {reader:10,.0f} {reader / theirs:13.1f}")
        print(f"{'  pypdfium2 alone: open, text of each page':48} {floor_:10,.0f} {floor_ / theirs:13.1f}")
    exe = Path(sys.executable)
    print(
        f"{'cold foiparse letter.pdf (ms)':48} {cold([str(exe.with_name('foiparse')), str(letter)], cold_runs):10.1f}"
    )
    print(f"{'peak memory, 60 pages of tables (MB)':48} {_peak_memory_mb(60):10.0f}")
    print("targets: 400 and 120 docs/s per core; cold < 150 ms; peak memory < 100 MB")


def docx_rates(repeat: int) -> None:
    """A Word letter through the whole pipeline beside python-docx loading the same file."""
    import io

    import docx

    path = ROOT / "fixtures" / "docx-council-letter.docx"
    data = path.read_bytes()

    def load() -> None:
        document = docx.Document(io.BytesIO(data))
        for paragraph in document.paragraphs:
            paragraph.text  # noqa: B018  (python-docx builds the text when asked)

    ours = rate(lambda: to_json(parse(data, name="letter.docx")), max(1, repeat // 3))
    theirs = rate(load, max(1, repeat // 3))
    print(f"\n{'Word, warm, one process':48} {'docs/s':>10} {'x load time':>13}")
    print(f"{'python-docx: load, text of every paragraph':48} {theirs:10,.0f} {1.0:13.1f}")
    print(f"{'foiparse: Word letter, whole pipeline':48} {ours:10,.0f} {theirs / ours:13.1f}")


def _pdfium_text(path: Path) -> None:
    """The floor under the PDF reader: PDFium's own text of every page, no layout, no tables."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path.read_bytes())
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def _peak_memory_mb(pages: int) -> float:
    """Peak resident memory of one ``foiparse`` process on a generated PDF of ``pages`` table pages."""
    import importlib.util
    import resource
    import tempfile

    spec = importlib.util.spec_from_file_location("make_pdfs", ROOT / "fixtures" / "make_pdfs.py")
    if spec is None or spec.loader is None:
        return float("nan")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # needs reportlab (the dev extra)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annex.pdf"
        module.ruled_tables(path, pages)
        code = (
            "import resource, sys; from foiparse import parse; parse(sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True)
    del resource
    return int(out.stdout.strip()) / 1024


def all_formats(repeat: int, cold_runs: int) -> None:
    """HTML, PDF and Word, each beside the parser underneath."""
    html_rates(repeat)
    pdf_rates(repeat, cold_runs)
    docx_rates(repeat)
