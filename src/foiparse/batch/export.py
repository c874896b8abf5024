"""A batch database written back out: JSON lines, and tables as CSV.

``jsonl`` writes each parsed document's JSON as ``foiparse FILE`` gives it, one per
line, in path order. ``tables`` writes every table to its own CSV, and for each set of
tables that share the same columns across documents one combined CSV with the
authority, source file and page of every row: the mass-FOI workflow of collating the
same table from forty authorities. Every file written stays inside the chosen folder,
whatever the names in the database say.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from foiparse.batch.store import Store
from foiparse.errors import FoiparseError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class TablesWritten:
    """How many CSV files an export wrote."""

    tables: int
    combined: int


def export_jsonl(db_path: str | os.PathLike[str], out: IO[bytes]) -> int:
    """Write the JSON of every parsed document, one per line; return how many."""
    store = _open(db_path)
    count = 0
    try:
        for (json,) in store.rows("SELECT json FROM documents WHERE status = 'ok' ORDER BY path"):
            out.write(json.encode("utf-8") + b"\n")
            count += 1
    finally:
        store.close()
    return count


def export_tables(db_path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> TablesWritten:
    """Write each table to ``folder`` as CSV, and ``folder/combined/`` one CSV per set of same-column tables."""
    root = Path(folder).resolve()
    root.mkdir(parents=True, exist_ok=True)
    store = _open(db_path)
    groups: dict[str, list[int]] = {}
    written = 0
    try:
        for table in list(_tables(store)):
            name = f"{table.document:06d}-{_safe(Path(table.path).name)}-table{table.ordinal + 1}.csv"
            _write_csv(_inside(root, name), table.columns, [row for _, row in _rows(store, table)])
            groups.setdefault(table.columns_key, []).append(table.id)
            written += 1
        combined = 0
        by_id = {t.id: t for t in _tables(store)}
        for key, ids in groups.items():
            if len(ids) < 2:
                continue
            first = by_id[ids[0]]
            header = ["authority", "source_file", "page", *first.columns]
            rows = [
                [by_id[i].authority or "", by_id[i].path, "" if page is None else str(page), *row]
                for i in ids
                for page, row in _rows(store, by_id[i])
            ]
            slug = _safe("_".join(first.columns))[:60] or "table"
            digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
            _write_csv(_inside(root, f"combined/{slug}-{digest}.csv"), header, rows)
            combined += 1
    finally:
        store.close()
    return TablesWritten(written, combined)


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


def _tables(store: Store) -> Iterator[_Table]:
    query = """SELECT t.id, d.id, d.path, d.authority, t.ordinal, t.columns,
                      (SELECT MAX(col) + 1 FROM table_cells c WHERE c.table_id = t.id)
               FROM tables t JOIN documents d ON d.id = t.document_id ORDER BY d.path, t.ordinal"""
    for row in store.rows(query):
        table_id, document, path, authority, ordinal, columns, width = row
        names = columns.split("\t") if columns else []
        names += [""] * ((width or 0) - len(names))
        names = [n or f"column {i + 1}" for i, n in enumerate(names)]
        yield _Table(table_id, document, path, authority, ordinal, names)


def _rows(store: Store, table: _Table) -> list[tuple[int | None, list[str]]]:
    """Each row's page and cells, in order; a short row is padded with empty cells."""
    rows: dict[int, tuple[int | None, dict[int, str]]] = {}
    for row, col, text, page in store.rows(
        "SELECT row, col, text, page FROM table_cells WHERE table_id = ? ORDER BY row, col", (table.id,)
    ):
        rows.setdefault(row, (page, {}))[1][col] = text
    width = len(table.columns)
    return [(page, [cells.get(c, "") for c in range(width)]) for _, (page, cells) in sorted(rows.items())]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


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
        raise FoiparseError("no such database (run foiparse ingest first)", path=os.fspath(db_path))
    return Store(db_path, readonly=True)
