"""Speed of foiparse against the floor beneath it, as ratios measured in one run.

    python benchmarks/bench.py [--repeat N] [--cold N]

Prints, for the seed letter and for all text fixtures:

* warm, in-process documents per second on one core: the whole pipeline (read, decode,
  segment, extract, JSON), beside the floor (read the bytes, decode them, run one
  regex over the text) and beside the libraries underneath alone (charset detection
  is not on this path for UTF-8; orjson serialisation of the output);
* a cold ``foiparse FILE`` process, beside a bare ``python -c pass`` and beside
  ``python -c "import click, orjson"`` (what any CLI built on these pays);
* the HTML, PDF and Word pipelines beside the parsers underneath (selectolax, pypdfium2,
  pdfplumber, python-docx);
* batch ingest of a generated directory of responses at ``--jobs 1`` and ``--jobs 2``,
  beside parsing the same inputs in the same worker processes without a database, and
  the database's size per document (``--ingest N`` inputs, 0 to leave it out);
* with ``--stages``, where the time of one warm parse of the seed goes, stage by stage.

Targets for the 2-core reference machine (issue #2): at least 1,300 docs/s per core
for the seed letter, and a cold CLI run under 150 ms. This is not a test: timings
vary with the machine; only the ratios travel.
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from foiparse import parse, to_dict, to_json
from foiparse.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "leicester-data-breaches-2019.txt"
FLOOR_PATTERN = re.compile(r"FOIA[\s\-/]*(\d{3,})\b")


def rate(func: Callable[[], object], repeat: int, rounds: int = 5) -> float:
    """Median calls per second over ``rounds`` rounds of ``repeat`` calls (after a warm-up)."""
    for _ in range(max(1, repeat // 10)):
        func()
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        rates.append(repeat / (time.perf_counter() - start))
    return statistics.median(rates)


def floor(path: Path) -> object:
    text = path.read_bytes().decode("utf-8", "replace")
    return FLOOR_PATTERN.findall(text)


def cold(cmd: list[str], runs: int) -> float:
    """Median wall time of a fresh process, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


STAGES = (
    "split_lines",
    "find_tables",
    "segment",
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

    spent: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return run

    for name in STAGES:
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


def ingest_rates(count: int, rounds: int = 3) -> None:
    """Batch ingest at 1 and 2 workers beside the same workers parsing without a database."""
    import os
    import tempfile

    from foiparse.batch import ingest
    from foiparse.batch.pool import Pool
    from foiparse.batch.work import Job

    texts = sorted((ROOT / "fixtures").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "responses"
        folder.mkdir()
        paths = []
        for i in range(count):  # distinct responses: the text fixtures, each with its own reference line
            path = folder / f"{i:05d}-{texts[i % len(texts)].name}"
            path.write_bytes(texts[i % len(texts)].read_bytes() + f"\nOur ref: BENCH-{i:05d}\n".encode())
            paths.append(str(path))
        results: dict[tuple[str, int], list[float]] = {}
        size = 0
        for r in range(rounds):
            for jobs in (1, 2):
                started = time.perf_counter()
                for _ in Pool(jobs, Job()).run(paths):
                    pass
                results.setdefault(("parse", jobs), []).append(count / (time.perf_counter() - started))
                db = Path(tmp) / f"run{r}-{jobs}.sqlite"
                started = time.perf_counter()
                ingest([folder], db, jobs=jobs, progress=False)
                results.setdefault(("ingest", jobs), []).append(count / (time.perf_counter() - started))
                size = os.path.getsize(db) + sum(os.path.getsize(p) for p in Path(tmp).glob(f"{db.name}-*"))
    rate = {key: statistics.median(values) for key, values in results.items()}
    print(
        f"\n{'batch of ' + format(count, ',') + ' text responses, median of ' + str(rounds):48} {'docs/s':>10} {'x 1 worker':>13}"
    )
    for kind, label in (("parse", "workers parsing, no database"), ("ingest", "foiparse ingest into SQLite")):
        for jobs in (1, 2):
            value = rate[(kind, jobs)]
            print(f"{f'{label}, --jobs {jobs}':48} {value:10,.0f} {value / rate[(kind, 1)]:13.2f}")
    for jobs in (1, 2):
        print(f"{f'ingest / parsing alone, --jobs {jobs}':48} {rate[('ingest', jobs)] / rate[('parse', jobs)]:10.2f}")
    print(f"{'database size per document (KB)':48} {size / count / 1024:10.1f}")
    print("targets: ingest speed-up >= 1.7 on two cores; ingest within 15% of parsing alone")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=300, help="calls per timing round (default 300)")
    parser.add_argument("--cold", type=int, default=9, help="fresh processes to time (default 9)")
    parser.add_argument("--stages", action="store_true", help="also show where one parse's time goes")
    parser.add_argument("--ingest", type=int, default=2000, help="inputs for the batch benchmark (default 2000)")
    args = parser.parse_args(argv)

    fixtures = sorted(p for p in (ROOT / "fixtures").glob("*.txt"))
    response = parse(SEED)
    as_dict = to_dict(response)
    rows: list[tuple[str, float]] = [
        ("floor: read + decode + 1 regex (seed)", rate(lambda: floor(SEED), args.repeat * 10)),
        ("orjson.dumps of the seed's output", rate(lambda: orjson.dumps(as_dict), args.repeat * 10)),
        ("foiparse: seed, whole pipeline", rate(lambda: to_json(parse(SEED)), args.repeat)),
        (
            f"foiparse: all {len(fixtures)} text fixtures, per doc",
            rate(lambda: [to_json(parse(p)) for p in fixtures], max(1, args.repeat // len(fixtures))) * len(fixtures),
        ),
    ]
    base = rows[0][1]
    print(f"{'warm, one process':48} {'docs/s':>10} {'x floor time':>13}")
    for name, value in rows:
        print(f"{name:48} {value:10,.0f} {base / value:13.1f}")

    exe = Path(sys.executable)
    cli = exe.with_name("foiparse")
    bare = cold([str(exe), "-c", "pass"], args.cold)
    libs = cold([str(exe), "-c", "import click, orjson"], args.cold)
    ours = cold([str(cli), str(SEED)], args.cold)
    print(f"\n{'cold process':48} {'ms':>10} {'x bare':>13}")
    for name, value in (
        ("python -c pass", bare),
        ("python -c 'import click, orjson'", libs),
        ("foiparse SEED > /dev/null", ours),
    ):
        print(f"{name:48} {value:10.1f} {value / bare:13.1f}")
    print("\ntargets: seed >= 1,300 docs/s per core; cold CLI < 150 ms")
    html_rates(args.repeat)
    pdf_rates(args.repeat, args.cold)
    docx_rates(args.repeat)
    if args.ingest:
        ingest_rates(args.ingest)
    if args.stages:
        stages(args.repeat * 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
