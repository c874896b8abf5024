"""A whole ingest as a static site: an index of every document with charts and filters, and a page each.

Written in one pass over the database in path order, each document's page as it is
read, so memory stays flat whatever the number of documents: what the index needs of
each (a short row) goes to a temporary file beside the site, and the counts behind
the charts are per authority and provision, not per document. The index holds every
row as inert JSON that its script pages through (100 at a time) and filters, so it
needs no server and fetches nothing.
"""

from __future__ import annotations

import os
import shutil
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import orjson

from foiparse.batch.store import Store, unpack
from foiparse.errors import FoiparseError
from foiparse.outputs import write_atomically
from foiparse.review.charts import bars, stacked
from foiparse.review.page import asset, document_page, failure, site_page

TOP = 15  # authorities and provisions drawn in a chart; the rest are summed as "others"
_NO_AUTHORITY = "(no authority found)"
OUTCOMES = ("disclosed", "partly_disclosed", "refused", "not_held", "neither_confirm_nor_deny", "unknown")


@dataclass(frozen=True, slots=True)
class SiteSummary:
    """What a site shows: its documents by status, and where its index is."""

    documents: int
    ok: int
    failed: int
    index: str


class _Tally:
    """The counts behind the charts, kept as the documents stream past."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.outcomes: dict[str, Counter[str]] = {}
        self.provisions: Counter[str] = Counter()
        self.by_authority: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def add(self, status: str, authority: str | None, obj: Mapping[str, Any] | None, error_class: str | None) -> None:
        self.status[status] += 1
        if status in ("failed", "timeout"):
            self.errors[error_class or status] += 1
        if obj is None:
            return
        who = authority or _NO_AUTHORITY
        self.outcomes.setdefault(who, Counter())[str(obj.get("outcome") or "unknown")] += 1
        cited = {f"{e['law']} {e['provision'].split('(')[0]}" for e in obj.get("exemptions") or ()}
        self.provisions.update(cited)
        if cited:
            self.by_authority[who] += 1

    def charts(self) -> str:
        busiest = sorted(self.outcomes.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        rows: list[tuple[str, Mapping[str, int]]] = list(busiest[:TOP])
        if len(busiest) > TOP:
            rest: Counter[str] = Counter()
            for _, counts in busiest[TOP:]:
                rest.update(counts)
            rows.append((f"{len(busiest) - TOP:,} other authorities", rest))
        present = [o for o in OUTCOMES if any(c.get(o) for _, c in rows)]
        return "".join(
            (
                stacked("Outcomes per authority", rows, present),
                bars("Documents citing each exemption (by section)", self.provisions.most_common(TOP * 2), "#e15759"),
                bars("Documents citing any exemption, by authority", self.by_authority.most_common(TOP), "#f28e2b"),
                bars("Inputs that failed, by error", self.errors.most_common(TOP), "#9c755f"),
            )
        )


def _json_row(values: list[Any]) -> bytes:
    """A row as JSON that cannot end the script element holding it (no ``<``, ``>`` or ``&`` as such)."""
    return orjson.dumps(values).replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def _load(blob: Any) -> Mapping[str, Any] | None:
    """A row's stored JSON, or None when it cannot be read (the row is then listed as failed, not dropped)."""
    try:
        data = unpack(blob)
        loaded = None if data is None else orjson.loads(data)
    except (zlib.error, orjson.JSONDecodeError, TypeError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def _nav(prev_id: int | None, next_id: int | None) -> str:
    links = ['<a href="../index.html">all documents</a>']
    if prev_id is not None:
        links.append(f'<a href="{prev_id}.html" rel="prev">previous</a>')
    if next_id is not None:
        links.append(f'<a href="{next_id}.html" rel="next">next</a>')
    return f'<nav class="site">{" · ".join(links)}</nav>'


_QUERY = (
    "SELECT id, path, status, error_class, error, format, authority, date, outcome, json FROM documents ORDER BY path"
)


def write_site(
    db_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    progress: Callable[[int], None] | None = None,
    collate: bool = False,
) -> SiteSummary:
    """Write the review site of an ingest into ``out_dir`` (made if missing; its pages replaced).

    With ``collate``, a collation page too (``collation.html``): the responses' figures
    lined up as ``foiparse collate`` does. It is a second pass that holds every figure,
    so it is asked for, not done for every site: it is meant for the answers to one request.
    """
    store = Store(db_path, readonly=True)
    out = Path(out_dir)
    docs = out / "docs"
    try:
        docs.mkdir(parents=True, exist_ok=True)
        (out / "assets").mkdir(exist_ok=True)
        for name in ("review.css", "review.js", "index.js"):
            with write_atomically(out / "assets" / name) as fh:
                fh.write(asset(name).encode("utf-8"))
        tally = _Tally()
        rows_path = out / ".index-rows.part"
        ids: dict[str, int] = {}
        with open(rows_path, "wb") as rows:
            count = 0
            for count, (page, row) in enumerate(_pages(store, tally), 1):
                doc_id, html = page
                if collate:
                    ids[row[1]] = doc_id
                with open(docs / f"{doc_id}.html", "w", encoding="utf-8") as fh:
                    fh.write(html)
                rows.write(b"," if count > 1 else b"")
                rows.write(_json_row(row))
                if progress is not None:
                    progress(count)
        if collate:
            _collation(db_path, out, ids)
        index = out / "index.html"
        head, tail = _index(str(db_path), tally, count, collate)
        with write_atomically(index) as fh, open(rows_path, "rb") as rows_in:
            fh.write(head.encode("utf-8"))
            shutil.copyfileobj(rows_in, fh)
            fh.write(tail.encode("utf-8"))
        rows_path.unlink()
    finally:
        store.conn.close()
    failed = tally.status["failed"] + tally.status["timeout"]
    return SiteSummary(count, tally.status["ok"], failed, str(index))


def _pages(store: Store, tally: _Tally) -> Iterator[tuple[tuple[int, str], list[Any]]]:
    """Each document's page and index row, one behind the reading, so each page can link the next."""
    pending: tuple[int, str, Mapping[str, Any] | None, str, list[Any]] | None = None
    prev_id: int | None = None
    for doc_id, path, status, error_class, error, fmt, authority, date, outcome, blob in store.rows(_QUERY):
        obj = _load(blob) if status == "ok" else None
        if status == "ok" and obj is None:  # a damaged row: shown as a failure of the site, never left out
            status, error_class, error = "failed", "DatabaseError", "the stored JSON cannot be read"
        tally.add(status, authority, obj, error_class)
        if pending is not None:
            yield _page(pending, prev_id, doc_id)
            prev_id = pending[0]
        row: list[Any] = [doc_id, path, status, authority, date, outcome, fmt]
        if obj is not None:
            cited = sorted({f"{e['law']} {e['provision']}" for e in obj.get("exemptions") or ()})
            row += ["; ".join(cited), len(obj.get("totals") or ()), len(obj.get("tables") or ()), None, None]
        else:
            row += ["", 0, 0, error_class, error]
        failed = failure(path, status, error_class, error) if obj is None else ""
        pending = (doc_id, path, obj, failed, row)
    if pending is not None:
        yield _page(pending, prev_id, None)


def _page(
    pending: tuple[int, str, Mapping[str, Any] | None, str, list[Any]], prev_id: int | None, next_id: int | None
) -> tuple[tuple[int, str], list[Any]]:
    doc_id, path, obj, failed, row = pending
    return (doc_id, document_page(obj, path, _nav(prev_id, next_id), failed)), row


_CONTROLS = """
<div class="controls" role="search">
<label>Search path, authority, exemption<input type="search" id="q" autocomplete="off"></label>
<label>Status<select id="status"><option value="">any</option></select></label>
<label>Outcome<select id="outcome"><option value="">any</option></select></label>
<label>Authority<select id="authority"><option value="">any</option></select></label>
<label>Exemption<select id="provision"><option value="">any</option></select></label>
</div>
<p id="shown" aria-live="polite"></p>
<div class="table"><table id="documents"><thead><tr>
<th scope="col"><button type="button" data-sort="1">Document</button></th>
<th scope="col"><button type="button" data-sort="2">Status</button></th>
<th scope="col"><button type="button" data-sort="3">Authority</button></th>
<th scope="col"><button type="button" data-sort="4">Date</button></th>
<th scope="col"><button type="button" data-sort="5">Outcome</button></th>
<th scope="col"><button type="button" data-sort="7">Exemptions</button></th>
<th scope="col"><button type="button" data-sort="8">Totals</button></th>
<th scope="col"><button type="button" data-sort="9">Tables</button></th>
<th scope="col"><button type="button" data-sort="10">Error</button></th>
</tr></thead><tbody></tbody></table></div>
<div class="pager"><button type="button" id="prev">previous</button><span id="where"></span>
<button type="button" id="next">next</button></div>
<noscript><p>The list of documents needs JavaScript; every document's page is in docs/.</p></noscript>
"""


def _collation(db_path: str | os.PathLike[str], out: Path, ids: Mapping[str, int]) -> None:
    from foiparse.collate.match import Failure, collate
    from foiparse.collate.sources import from_database
    from foiparse.review.collation import collation_page

    failures: list[Failure] = []
    done = collate(from_database(db_path, failures), failures=failures)
    title = f"foiparse collation: {os.path.basename(os.fspath(db_path))}"
    with write_atomically(out / "collation.html") as fh:
        fh.write(collation_page(done, ids, title).encode("utf-8"))


def _index(db_name: str, tally: _Tally, count: int, collated: bool = False) -> tuple[str, str]:
    """The index page around its rows: what comes before them, and after."""
    status = tally.status
    summary = "".join(
        f"<span><strong>{n:,}</strong> {escape(label)}</span>"
        for label, n in (
            ("documents", count),
            ("parsed", status["ok"]),
            ("failed", status["failed"]),
            ("timed out", status["timeout"]),
            ("skipped", status["skipped"]),
        )
    )
    title = f"foiparse review: {os.path.basename(db_name)}"
    link = '<nav class="site"><a href="collation.html">the collated figures</a></nav>' if collated else ""
    body = (
        f'<header><h1>{escape(title)}</h1><p class="summary">{summary}</p>{link}</header><main>'
        f'<section class="charts" aria-label="charts">{tally.charts()}</section>'
        f"<h2>Documents</h2>{_CONTROLS}"
        '<h2 id="failures-title">Inputs that gave no response</h2>'
        '<div class="table"><table id="failures"><thead><tr><th scope="col">Input</th><th scope="col">Status</th>'
        '<th scope="col">Error</th></tr></thead><tbody></tbody></table></div>'
        '<div class="pager"><button type="button" id="fprev">previous</button><span id="fwhere"></span>'
        '<button type="button" id="fnext">next</button></div>'
        '</main><script type="application/json" id="rows">['
    )
    page = site_page(title, body + "\x00", "")
    head, tail = page.split("\x00")
    tail = tail.replace('<script src="assets/review.js"></script>', '<script src="assets/index.js"></script>')
    return head, "]</script>" + tail


def site_error(exc: FoiparseError | OSError) -> str:
    """One line for a site that could not be written."""
    if isinstance(exc, FoiparseError):
        return exc.message
    return f"cannot write: {exc.strerror or exc}"
