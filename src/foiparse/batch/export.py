"""A batch database written back out: JSON lines, tables as CSV, and every figure as one row.

``jsonl`` writes each parsed document's JSON as ``foiparse FILE`` gives it, one per
line, in path order. ``tables`` writes every table to its own CSV, and for each set of
tables that share the same columns across documents one combined CSV with the
authority, source file and page of every row: the mass-FOI workflow of collating the
same table from forty authorities. ``cells`` writes one row per table cell and per prose
total, with its document, table, row label, column header, value and span (CSV or JSON
lines): the tidy form of every figure, for collating by hand or by program. Every file written stays inside the chosen folder,
whatever the names in the database say, and none is written over the database.

A CSV is opened in spreadsheets, which run a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``): such cells are written
with a leading ``'`` (:func:`csv_cell`, the OWASP rule). JSON and SQLite keep the text
as written. Files are written whole or not at all (:func:`foiparse.outputs.write_atomically`).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from foiparse.batch.store import Store, unpack
from foiparse.errors import DatabaseError, FoiparseError
from foiparse.outputs import refuse_overwriting, write_atomically

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_PLAIN_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-+")  # -3, -1.5, -1,234; a lone dash
_SIDECARS = ("", "-wal", "-shm", "-journal")  # SQLite's files beside a database


def database_files(db_path: str | os.PathLike[str]) -> list[str]:
    """The database and the files SQLite keeps beside it, which an output must not replace either."""
    return [os.fspath(db_path) + suffix for suffix in _SIDECARS]


def csv_cell(text: str) -> str:
    """A cell as a spreadsheet must show it: text, never a formula.

    A cell starting with ``=``, ``+``, ``-`` or ``@``, after any white space or invisible
    characters a spreadsheet would drop, or starting with a tab, carriage return or line
    feed, gets a leading ``'`` (OWASP's rule for CSV injection). A plain number such as
    ``-3`` or ``-1,234.5``, or a lone dash, is left as it is: it cannot run, and stays a
    number in the sheet.
    """
    if not text:
        return text
    if text[0] in "\t\r\n":
        return "'" + text
    start = 0
    while start < len(text) and (text[start].isspace() or not text[start].isprintable()):
        start += 1
    if text[start : start + 1] in ("=", "+", "-", "@") and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


@dataclass(frozen=True, slots=True)
class TablesWritten:
    """How many CSV files an export wrote."""

    tables: int
    combined: int


def export_jsonl(db_path: str | os.PathLike[str], out: IO[bytes]) -> int:
    """Write the JSON of every parsed document, one per line; return how many.

    One pass in path order along the ``documents_order`` index, so one document's JSON
    is held at a time, however many there are (an ORDER BY without the index would sort
    them all in a temporary B-tree first).
    """
    store = _open(db_path)
    count = 0
    try:
        for (json,) in store.rows(  # +status: keep the planner on the path index (no sort) rather than on status
            "SELECT json FROM documents WHERE +status = 'ok' AND json IS NOT NULL ORDER BY path, id"
        ):
            out.write((unpack(json) or b"") + b"\n")
            count += 1
    finally:
        store.close()
    return count


@dataclass(frozen=True, slots=True)
class CellsWritten:
    """What ``export --cells`` wrote: rows, the documents they came from, and the inputs left out."""

    figures: int
    documents: int
    left_out: int  # failed or timed out: no figures to give (the failures view lists them)


CELLS_FORMATS = ("csv", "jsonl")


def export_cells(db_path: str | os.PathLike[str], out: IO[bytes], *, form: str = "csv") -> CellsWritten:
    """Write one row per figure of every parsed document (:func:`foiparse.collate.figures.figures`).

    ``form`` is ``csv`` (a header line, then the columns of
    :data:`~foiparse.collate.figures.COLUMNS`, each cell formula-safe, exemptions and
    their names joined with ``"; "``) or ``jsonl`` (one object per row, the same keys,
    exemptions and names as lists, text as written). Documents go in path order along
    the ``documents_order`` index and each is written before the next is read, so memory
    does not grow with the database. Failed, timed-out and skipped inputs have no
    figures and are not rows; failed and timed-out ones are counted in ``left_out``.
    """
    from foiparse.collate.figures import COLUMNS, figures

    if form not in CELLS_FORMATS:
        raise ValueError(f"form must be one of {CELLS_FORMATS}, not {form!r}")
    store = _open(db_path)
    rows = documents = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    try:
        if form == "csv":
            writer.writerow(COLUMNS)
        for path, blob in store.rows(  # +status: along the path index, as export_jsonl
            "SELECT path, json FROM documents WHERE +status = 'ok' AND json IS NOT NULL ORDER BY path, id"
        ):
            documents += 1
            try:
                for figure in figures(orjson.loads(unpack(blob) or b"{}"), document=path):
                    rows += 1
                    if form == "csv":
                        writer.writerow([csv_cell(_csv_text(value)) for value in _flat(figure)])
                    else:
                        line = orjson.dumps(dict(zip(COLUMNS, _flat(figure), strict=True))).decode("utf-8")
                        buffer.write(line + "\n")
            except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:  # orjson's error is a ValueError
                raise DatabaseError(
                    f"the stored JSON of {path} is not foiparse's output ({exc!r})", path=os.fspath(db_path)
                ) from None
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
        if form == "csv" and not documents:
            out.write(buffer.getvalue().encode("utf-8"))  # the header alone
        ((left_out,),) = store.rows("SELECT count(*) FROM documents WHERE status IN ('failed', 'timeout')")
    finally:
        store.close()
    return CellsWritten(rows, documents, left_out)


def _flat(figure: Any) -> list[Any]:
    """A figure's fields in column order, its span as two columns."""
    *head, span = (getattr(figure, name) for name in figure.__slots__)
    return [*head, *(span or (None, None))]


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(value)
    return str(value)


def export_tables(
    db_path: str | os.PathLike[str], folder: str | os.PathLike[str], *, keep: Iterable[str | os.PathLike[str]] = ()
) -> TablesWritten:
    """Write each table to ``folder`` as CSV, and ``folder/combined/`` one CSV per set of same-column tables.

    Raises:
        OutputIsInputError: a CSV would be written over the database (or a file in
            ``keep``), or ``folder`` is the database; checked before anything is written.
    """
    protected = [*database_files(db_path), *keep]
    refuse_overwriting(folder, protected, "the database")
    store = _open(db_path)
    cells = "cells" if store.version >= 3 else "table_cells"  # an older database is read as it is
    try:
        tables = list(_tables(store, cells))
        root = Path(folder).resolve()
        names = {
            t.id: _inside(root, f"{t.document:06d}-{_safe(Path(t.path).name)}-table{t.ordinal + 1}.csv") for t in tables
        }
        groups: dict[str, list[_Table]] = {}
        for table in tables:
            groups.setdefault(table.columns_key, []).append(table)
        merged = {key: _inside(root, _combined_name(group[0], key)) for key, group in groups.items() if len(group) > 1}
        for path in [*names.values(), *merged.values()]:
            refuse_overwriting(path, protected, "the database")
        root.mkdir(parents=True, exist_ok=True)
        # Each table's cells are read once, streamed into its own CSV and, when it has
        # same-column tables elsewhere, into their combined CSV as well; one group at a time.
        for key, group in groups.items():
            with contextlib.ExitStack() as stack:
                combined = None
                if key in merged:
                    combined = stack.enter_context(_csv(merged[key]))
                    combined.writerow(_safe_row(["authority", "source_file", "page", *group[0].columns]))
                for table in group:
                    with _csv(names[table.id]) as own:
                        own.writerow(_safe_row(table.columns))
                        for page, row in _rows(store, table, cells):
                            cells_of_row = _safe_row(row)
                            own.writerow(cells_of_row)
                            if combined is not None:
                                where = [table.authority or "", table.path, "" if page is None else str(page)]
                                combined.writerow([*_safe_row(where), *cells_of_row])
    finally:
        store.close()
    return TablesWritten(len(tables), len(merged))


def _combined_name(first: _Table, key: str) -> str:
    slug = _safe("_".join(first.columns))[:60] or "table"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"combined/{slug}-{digest}.csv"


@dataclass(frozen=True, slots=True)
class _Table:
    id: int
    document: int
    path: str
    authority: str | None
    ordinal: int
    columns: list[str]

    @property
    def columns_key(self) -> str:
        return "\t".join(c.strip().casefold() for c in self.columns)


def _tables(store: Store, cells: str) -> Iterator[_Table]:
    query = f"""SELECT t.id, d.id, d.path, d.authority, t.ordinal, t.columns,
                      (SELECT MAX(col) + 1 FROM {cells} c WHERE c.table_id = t.id)
               FROM tables t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.ordinal"""
    for row in store.rows(query):
        table_id, document, path, authority, ordinal, columns, width = row
        names = columns.split("\t") if columns else []
        names += [""] * ((width or 0) - len(names))
        names = [n or f"column {i + 1}" for i, n in enumerate(names)]
        yield _Table(table_id, document, path, authority, ordinal, names)


def _rows(store: Store, table: _Table, cells: str) -> Iterator[tuple[int | None, list[str]]]:
    """Each row's page and cells, in order, one row at a time; a short row is padded with empty cells."""
    width = len(table.columns)
    current: int | None = None
    page: int | None = None
    row: list[str] = []
    for number, col, text, cell_page in store.rows(
        f"SELECT row, col, text, page FROM {cells} WHERE table_id = ? ORDER BY row, col", (table.id,)
    ):
        if number != current:
            if current is not None:
                yield page, row
            current, page, row = number, cell_page, [""] * width
        if col < width:
            row[col] = text
    if current is not None:
        yield page, row


def _safe_row(cells: list[str]) -> list[str]:
    return [csv_cell(c) for c in cells]


@contextlib.contextmanager
def _csv(path: Path) -> Iterator[Any]:
    """A CSV writer onto ``path``, written whole or not at all; a write error names the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
            yield csv.writer(fh)
    except OSError as exc:
        raise FoiparseError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None


def _safe(name: str) -> str:
    """A file name made of safe characters only: no separators, no leading dots."""
    return _UNSAFE.sub("_", name).strip("._") or "document"


def _inside(root: Path, relative: str) -> Path:
    """``root / relative``, refused if it would land outside ``root``."""
    path = (root / relative).resolve()
    if path != root and root not in path.parents:
        raise FoiparseError(f"refusing to write outside the export folder: {relative!r}", path=str(root))
    return path


def _open(db_path: str | os.PathLike[str]) -> Store:
    if not os.path.isfile(db_path):
        raise DatabaseError("no such database (run foiparse ingest first)", path=os.fspath(db_path))
    return Store(db_path, readonly=True)
