"""Batch ingest into SQLite: every input gets a row, ok or failed, and re-runs resume.

This is the first, serial version: files and directories (walked recursively, in a
stable order) are parsed one by one; each result or error is committed as it comes,
so a killed run loses at most the document in hand, and the next run skips what is
done (same path, same bytes, same parser version). Parallel workers, timeouts and
the child tables are planned (see "What does not work yet" in the README).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from foiparse._version import __version__
from foiparse.errors import FoiparseError
from foiparse.pipeline import Options, parse
from foiparse.serialize import to_json

PARSER_VERSION = __version__
# File types a batch parses; anything else is recorded as skipped, never dropped.
SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".pdf"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    parser_version TEXT NOT NULL,
    format TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
    error_class TEXT,
    error TEXT,
    authority TEXT,
    reference TEXT,
    date TEXT,
    outcome TEXT,
    legislation TEXT,
    request TEXT,
    json TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
CREATE INDEX IF NOT EXISTS documents_authority ON documents (authority);
"""


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What a run did: counts per status, and how long it took."""

    counts: dict[str, int]
    seconds: float

    @property
    def failed(self) -> int:
        """Inputs that could not be parsed."""
        return self.counts.get("failed", 0)


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named, and files under directories named, sorted within each directory."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name
        else:
            yield path


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    db_path: str | os.PathLike[str],
    *,
    options: Options | None = None,
    force: bool = False,
) -> IngestSummary:
    """Parse every input into ``db_path``; already-done inputs are skipped unless ``force``."""
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    try:
        with sqlite3.connect(db_path) as conn:
            conn.executescript(SCHEMA)
            for path in iter_paths(paths):
                counts[_ingest_one(conn, path, options, force)] += 1
                conn.commit()
    except sqlite3.Error as exc:
        raise FoiparseError(f"database error: {exc}", path=os.fspath(db_path)) from exc
    return IngestSummary(dict(counts), time.perf_counter() - started)


def _ingest_one(conn: sqlite3.Connection, path: Path, options: Options | None, force: bool) -> str:
    key = str(path)
    if path.suffix.lower() not in SUFFIXES:
        conn.execute(
            """INSERT OR REPLACE INTO documents (path, parser_version, status, error_class, error)
               VALUES (?, ?, 'skipped', 'UnsupportedFormatError', ?)""",
            (key, PARSER_VERSION, f"not a response file type ({path.suffix or 'no extension'})"),
        )
        return "skipped"
    try:
        data = path.read_bytes()
    except OSError as exc:
        _store_error(conn, key, None, "FoiparseError", f"cannot read: {exc.strerror or exc}")
        return "failed"
    digest = hashlib.sha256(data).hexdigest()
    if not force:
        row = conn.execute(
            "SELECT 1 FROM documents WHERE path = ? AND sha256 = ? AND parser_version = ? AND status = 'ok'",
            (key, digest, PARSER_VERSION),
        ).fetchone()
        if row:
            return "unchanged"
    try:
        response = parse(data, options, name=path.name)
    except FoiparseError as exc:
        _store_error(conn, key, digest, type(exc).__name__, exc.message)
        return "failed"
    except Exception as exc:  # a bug in foiparse must not stop the batch
        _store_error(conn, key, digest, "InternalError", f"{type(exc).__name__}: {exc}")
        return "failed"
    conn.execute(
        """INSERT OR REPLACE INTO documents
           (path, sha256, parser_version, format, status, error_class, error, authority, reference, date,
            outcome, legislation, request, json)
           VALUES (?, ?, ?, ?, 'ok', NULL, NULL, ?, ?, ?, ?, ?, ?, ?)""",
        (
            key,
            digest,
            PARSER_VERSION,
            response.source.format,
            response.authority.name if response.authority else None,
            response.reference.text if response.reference else None,
            response.date,
            response.outcome,
            ",".join(response.legislation),
            response.request.text if response.request else None,
            to_json(response, indent=False).decode("utf-8"),
        ),
    )
    return "ok"


def _store_error(conn: sqlite3.Connection, key: str, digest: str | None, cls: str, message: str) -> None:
    conn.execute(
        """INSERT OR REPLACE INTO documents (path, sha256, parser_version, status, error_class, error)
           VALUES (?, ?, ?, 'failed', ?, ?)""",
        (key, digest, PARSER_VERSION, cls, message),
    )
