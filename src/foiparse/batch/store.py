"""The SQLite database of a batch: one row per input, child rows per finding, a text index.

Each input's rows are replaced in one transaction, keyed by its path, so a run killed at
any moment (even by SIGKILL) leaves every input either fully written or not at all,
and the next run writes the missing ones with no duplicates. WAL journaling keeps
that cheap. Every statement is parameterised.

The database is kept small: a document's JSON is stored zlib-compressed (``json``, with
its size in ``json_size``), its text once (``text``), which the full-text index reads
rather than keeping a copy of its own, and a table's column headers once per table.

The database says it is foiparse's (``PRAGMA application_id``), and any other SQLite
file, or a file that is not SQLite, is refused before anything is written to it.
"""

from __future__ import annotations

import base64
import os
import re
import sqlite3
import stat
import urllib.parse
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from foiparse.batch.work import Record, parser_version
from foiparse.collate.figures import PERCENT_WORDS, UNIT_MARKS, Pages, cell_spans, label_width
from foiparse.errors import DatabaseError

# 2: an attachment is identified by its e-mail and position, not by a path
# 3: the JSON compressed, the text stored once (the index reads it), table headers once per table
# 4: each cell's span and whether it names its row, each total's page, and the figures view
SCHEMA_VERSION = 4
APPLICATION_ID = 0x464F4950  # "FOIP" in the file's header: how foiparse knows its own database
STATUSES = ("ok", "failed", "timeout", "skipped")
# For a new database. Measured on 2,000 letters: 4 KB pages 7.0 KB a document, 8 KB 8.2, 16 KB 7.2 (a row of
# 4 to 5 KB leaves most of an 8 KB page empty, and the last page of a long row's overflow chain is half empty).
PAGE_SIZE = 4096
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _unit_sql(text: str, header: str) -> str:
    """:func:`foiparse.collate.figures.cell_unit` in SQL, from the same marks, so the view and the export agree."""
    own = " ".join(f"WHEN instr({text}, '{mark}') THEN '{unit}'" for mark, unit in UNIT_MARKS)
    heading = " ".join(f"WHEN instr({header}, '{mark}') THEN '{unit}'" for mark, unit in UNIT_MARKS)
    words = " OR ".join(f"lower({header}) LIKE '%{word}%'" for word in PERCENT_WORDS)
    return (
        f"CASE WHEN c.label THEN NULL {own} WHEN c.value IS NULL OR {header} IS NULL THEN NULL "
        f"{heading} WHEN {words} THEN 'percent' END"
    )


# An exemption as foiparse.collate.figures.exemption_label writes it, and a document's list of them
# (each provision once, in the order first cited, "; " between), with their names in the same order.
_CITED = (
    "CASE WHEN substr(e.provision, 1, 1) = '(' THEN e.law || ' ' || e.provision "
    "WHEN e.law IN ('EIR', 'EISR') THEN e.law || ' reg.' || e.provision ELSE e.law || ' s.' || e.provision END"
)
_EXEMPTIONS = f"""(SELECT group_concat(cited, '; ') FROM (SELECT {_CITED} AS cited FROM exemptions e
        WHERE e.document_id = d.id GROUP BY cited ORDER BY MIN(e.rowid)))"""
_REASONS = f"""(SELECT group_concat(coalesce(name, ''), '; ') FROM (SELECT {_CITED} AS cited, e.name, MIN(e.rowid)
        FROM exemptions e WHERE e.document_id = d.id GROUP BY cited ORDER BY MIN(e.rowid)))"""
_DOCUMENT = f"d.path AS document, d.authority, d.date, d.reference, d.outcome, {_EXEMPTIONS} AS exemptions, {_REASONS} AS reasons"

# One row per figure, as `foiparse export --cells` writes them (foiparse.collate.figures.Figure), and the
# document's id to join on: every cell, every total, and one row for a parsed document with neither.
FIGURES = f"""
CREATE VIEW IF NOT EXISTS figures AS
    SELECT {_DOCUMENT}, 'cell' AS kind, t.ordinal AS "table", t.title, c.row, c.col,
           (SELECT group_concat(text, ' ') FROM (SELECT l.text FROM cells l
                WHERE l.table_id = c.table_id AND l.row = c.row AND l.label AND l.text != '' ORDER BY l.col)) AS row_label,
           nullif(h.header, '') AS column_header, c.text, c.value, {_unit_sql("c.text", "nullif(h.header, '')")} AS unit,
           NULL AS measure, NULL AS period_start, NULL AS period_end, c.page, c.span_start, c.span_end,
           d.id AS document_id
    FROM cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id
    LEFT JOIN table_columns h ON h.table_id = c.table_id AND h.col = c.col
    UNION ALL
    SELECT {_DOCUMENT}, 'total', NULL, NULL, NULL, NULL, NULL, NULL, x.text, x.value, x.unit, x.measure,
           x.period_start, x.period_end, x.page, x.span_start, x.span_end, d.id
    FROM totals x JOIN documents d ON d.id = x.document_id
    UNION ALL
    SELECT {_DOCUMENT}, 'none', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, d.id
    FROM documents d
    WHERE d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM totals x WHERE x.document_id = d.id)
      AND NOT EXISTS (SELECT 1 FROM tables t JOIN cells c ON c.table_id = t.id WHERE t.document_id = d.id);
"""

# Small columns first: a query reading them never walks the overflow pages of the JSON and text.
DOCUMENTS = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,  -- the file; for an attachment EMAIL#NAME, for people (the identity is below)
    sha256 TEXT,
    size INTEGER,
    mtime_ns INTEGER,
    parser_version TEXT NOT NULL,
    format TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'skipped')),
    error_class TEXT,
    error TEXT,
    authority TEXT,
    reference TEXT,
    date TEXT,
    outcome TEXT,
    legislation TEXT,
    request TEXT,
    pages INTEGER,
    seconds REAL,
    parent TEXT,  -- for an e-mail's attachment: the path of the e-mail
    attachment INTEGER,  -- for an e-mail's attachment: its position in the e-mail (1, 2, ...)
    json_size INTEGER,  -- bytes of the JSON once decompressed (the sqlite3 shell's sqlar_uncompress wants it)
    json BLOB,  -- the whole output, zlib-compressed: zlib.decompress(json), or foiparse export --jsonl
    text TEXT,  -- the document text, which the full-text index reads
    CHECK (attachment IS NULL OR parent IS NOT NULL)
)"""

SCHEMA = (
    DOCUMENTS
    + """;
CREATE UNIQUE INDEX IF NOT EXISTS documents_path ON documents (path) WHERE attachment IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS documents_attachment ON documents (parent, attachment) WHERE attachment IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_order ON documents (path);  -- export --jsonl reads in this order
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256, parser_version);
CREATE INDEX IF NOT EXISTS documents_authority ON documents (authority);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);
CREATE INDEX IF NOT EXISTS documents_outcome ON documents (outcome);

CREATE TABLE IF NOT EXISTS exemptions (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    law TEXT NOT NULL,
    provision TEXT NOT NULL,
    section TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    cited_as TEXT,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS exemptions_document ON exemptions (document_id);
CREATE INDEX IF NOT EXISTS exemptions_provision ON exemptions (law, section, provision);

CREATE TABLE IF NOT EXISTS prior_requests (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    reference TEXT,
    request_id TEXT,
    date TEXT,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS prior_requests_document ON prior_requests (document_id);
CREATE INDEX IF NOT EXISTS prior_requests_id ON prior_requests (request_id);

CREATE TABLE IF NOT EXISTS totals (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    value REAL NOT NULL,
    text TEXT,
    unit TEXT,
    measure TEXT,
    period_start TEXT,
    period_end TEXT,
    span_start INTEGER,
    span_end INTEGER,
    page INTEGER
);
CREATE INDEX IF NOT EXISTS totals_document ON totals (document_id);

CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    title TEXT,
    columns TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    page INTEGER,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX IF NOT EXISTS tables_document ON tables (document_id);
CREATE INDEX IF NOT EXISTS tables_columns ON tables (columns);

CREATE TABLE IF NOT EXISTS table_columns (
    table_id INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    col INTEGER NOT NULL,
    header TEXT NOT NULL,
    PRIMARY KEY (table_id, col)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS cells (
    table_id INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    col INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    page INTEGER,
    span_start INTEGER,  -- where the cell stands in the document text; NULL when it cannot be found there
    span_end INTEGER,
    label INTEGER,  -- 1 when the cell names its row: one of its leading cells before its first figure
    PRIMARY KEY (table_id, row, col)
) WITHOUT ROWID;

CREATE VIEW IF NOT EXISTS table_cells AS
    SELECT c.table_id, c.row, c.col, h.header, c.text, c.value, c.page
    FROM cells c LEFT JOIN table_columns h ON h.table_id = c.table_id AND h.col = c.col;

CREATE VIEW IF NOT EXISTS indexed_text AS
    SELECT id, text, request FROM documents WHERE text IS NOT NULL;

CREATE VIRTUAL TABLE IF NOT EXISTS document_text USING fts5 (
    text, request, content = 'indexed_text', content_rowid = 'id', tokenize = 'unicode61'
);

CREATE VIEW IF NOT EXISTS exemptions_per_authority AS
    SELECT d.authority, e.law, e.section, COUNT(*) AS citations, COUNT(DISTINCT d.id) AS documents
    FROM exemptions e JOIN documents d ON d.id = e.document_id
    GROUP BY d.authority, e.law, e.section;

CREATE VIEW IF NOT EXISTS outcomes_per_authority AS
    SELECT authority, outcome, COUNT(*) AS documents
    FROM documents WHERE status = 'ok'
    GROUP BY authority, outcome;

CREATE VIEW IF NOT EXISTS failures AS
    SELECT path, status, error_class, error FROM documents WHERE status IN ('failed', 'timeout');

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
    + FIGURES
)
_VIEWS = ("exemptions_per_authority", "outcomes_per_authority", "failures", "indexed_text", "table_cells", "figures")
# What schema 4 added to the tables of schema 3, added in place by the migration.
_ADDED = {
    "cells": ("span_start INTEGER", "span_end INTEGER", "label INTEGER"),
    "totals": ("page INTEGER",),
}
_COLUMNS = (  # schema 1's, copied as they are by the migration
    "id, path, sha256, size, mtime_ns, parser_version, format, status, error_class, error, authority, reference, "
    "date, outcome, legislation, request, pages, seconds, json"
)
_OLD_NAMES = frozenset({"table_cells_table"})  # in sqlite_master of schemas 1 and 2, not of 3


# Every name foiparse's schema puts in sqlite_master (its full-text index adds shadow tables).
_OUR_NAMES = _OLD_NAMES | frozenset(
    re.findall(r"CREATE (?:VIRTUAL |UNIQUE )?(?:TABLE|INDEX|VIEW) IF NOT EXISTS (\w+)", SCHEMA)
)


def _sqlite_own(names: set[str]) -> set[str]:
    """The names SQLite itself adds: its own tables and indexes, and the full-text index's shadow tables."""
    return {n for n in names if n.startswith(("sqlite_", "document_text_"))}


def _refuse_if_not_sqlite(path: str) -> None:
    """Refuse a file that is not SQLite (an empty or missing one becomes a new database)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))  # a pipe: no wait
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseError(f"cannot open the database: {exc.strerror or exc}", path=path) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DatabaseError("not a database (not a regular file: a device, pipe or directory)", path=path)
        head = os.read(fd, len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read the database: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)
    if head and head != _SQLITE_MAGIC:
        raise DatabaseError("not a database (the file is not SQLite; left as it is)", path=path)


def _schema_version(conn: sqlite3.Connection, path: str) -> int | None:
    """The schema version of foiparse's database, None for an empty one; refuse anyone else's.

    Only reads: foiparse's application id in the header, or (written before there was
    one) its ``meta`` and ``documents`` tables.
    """
    (application_id,) = conn.execute("PRAGMA application_id").fetchone()
    (user_version,) = conn.execute("PRAGMA user_version").fetchone()
    names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if application_id == 0 and user_version == 0 and not names:
        return None  # nothing in it at all: not even a view, an index or a version of its own
    ours = application_id == APPLICATION_ID
    if (
        application_id == 0
        and user_version == 0
        and {"meta", "documents"} <= names
        and names <= _OUR_NAMES | _sqlite_own(names)
    ):
        # Written before foiparse set its id: its tables and schema 1's columns, and nothing of anyone else's.
        columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
        ours = set(_COLUMNS.replace(" ", "").split(",")) <= columns
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if ours else None
    if row is None or not str(row[0]).isdigit():
        raise DatabaseError(
            "not a foiparse database (another program's SQLite file, left as it is): give --db a new file",
            path=path,
        )
    return int(row[0])


def _other_schema(version: int) -> str:
    return f"written by a newer foiparse (database schema {version}): upgrade foiparse to use it"


def _read_only(path: str) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _text_of(json: str | bytes) -> str:
    return "".join(block["text"] for block in orjson.loads(json)["blocks"])


def _pack(json: str | bytes | None) -> bytes | None:
    """A document's JSON as the database keeps it (zlib); a record from a worker brings it packed."""
    if json is None:
        return None
    return zlib.compress(json.encode("utf-8") if isinstance(json, str) else json)


def unpack(blob: bytes | str | None) -> bytes | None:
    """The JSON bytes of ``documents.json`` (zlib; a schema 1 or 2 row migrated holds the same)."""
    if blob is None:
        return None
    return zlib.decompress(blob) if isinstance(blob, bytes) else blob.encode("utf-8")


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, one at a time (``executescript`` would commit the transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _padded(row: list[Any], width: int) -> list[Any]:
    """A record's row with the columns a record of an earlier foiparse did not have yet as NULL."""
    return [*row, *([None] * (width - len(row)))]


@dataclass(frozen=True, slots=True)
class Seen:
    """What the database knows of an input from an earlier run."""

    sha256: str | None
    size: int | None
    mtime_ns: int | None
    parser_version: str
    status: str


class Store:
    """One connection, one writer: the process that runs the batch."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        self._pending = 0
        self._unindexed: dict[int, None] = {}  # documents written in this transaction, indexed when it commits
        self._undo: list[tuple[bool, int]] = []  # what the document being put did to _unindexed (added?, id)
        _refuse_if_not_sqlite(self.path)
        if readonly:  # exports read beside a running ingest: no lock taken, no schema written
            try:
                self.conn = _read_only(self.path)
                version = _schema_version(self.conn, self.path)
                if version is None:
                    raise DatabaseError("an empty database (run foiparse ingest first)", path=self.path)
                if version > SCHEMA_VERSION:
                    raise DatabaseError(_other_schema(version), path=self.path)
                self.version = version  # an export reads an older schema as it is
            except sqlite3.Error as exc:
                raise DatabaseError(f"cannot read the database: {exc}", path=self.path) from None
            return
        try:
            version = None
            if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
                # Recognised through a read-only connection: closing a read-write one could
                # checkpoint another program's WAL into its file before it is refused.
                check = _read_only(self.path)
                try:
                    version = _schema_version(check, self.path)
                finally:
                    check.close()
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            if version is not None and version > SCHEMA_VERSION:
                raise DatabaseError(_other_schema(version), path=self.path)
            self.version = SCHEMA_VERSION
            if version is None:
                self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table: fixed from then on
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # 16 MB of pages: the index pages a batch touches stay in memory; more would fill with the JSON
            # and text just written, never read again, and a batch's memory would grow with its size.
            self.conn.execute("PRAGMA cache_size = -16384")
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if version is not None and version < SCHEMA_VERSION:
                    self._migrate(version)
                for statement in _statements(SCHEMA):
                    self.conn.execute(statement)
                if version is not None and version < 4:
                    self._locate_figures()
                if version is not None and version < 3:
                    self.conn.execute("INSERT INTO document_text (document_text) VALUES ('rebuild')")
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot use the database: {exc}", path=self.path) from None

    def _migrate(self, version: int) -> None:
        """Bring an older database to this schema, in the caller's transaction, keeping every row and id.

        Schema 1 or 2 is first made schema 3 (:meth:`_migrate_to_3`); then the columns
        schema 4 added are added in place (filled by :meth:`_locate_figures` once the
        schema's views are back), and the ``figures`` view is dropped to be made anew.
        """
        if version < 3:
            self._migrate_to_3()
        self.conn.execute("DROP VIEW IF EXISTS figures")
        for table, columns in _ADDED.items():
            have = {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}
            for column in columns if have else ():  # a table it did not have yet comes whole with the schema
                if column.split()[0] not in have:
                    self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def _locate_figures(self) -> None:
        """Fill what schema 4 added for the rows an older foiparse wrote, from what the database holds.

        Each cell's span and label come from its table's rows, headers and span and the
        document's text, as a worker finds them (:func:`foiparse.batch.work.flatten`); a
        total's page from the blocks of its document's JSON, for documents with pages.
        One table (one document's JSON) at a time.
        """
        conn = self.conn
        tables = conn.execute(
            "SELECT id, document_id, span_start, span_end FROM tables ORDER BY document_id"
        ).fetchall()
        current, text = None, None
        for table_id, doc, start, end in tables:
            if doc != current:
                current = doc
                (text,) = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
            headers = [
                h
                for (h,) in conn.execute(
                    "SELECT header FROM table_columns WHERE table_id = ? ORDER BY col", (table_id,)
                )
            ]
            rows: dict[int, list[tuple[int, str]]] = {}
            for row, col, cell in conn.execute(
                "SELECT row, col, text FROM cells WHERE table_id = ? ORDER BY row, col", (table_id,)
            ):
                rows.setdefault(row, []).append((col, cell))
            texts = [[cell for _, cell in cells] for cells in rows.values()]
            spans = None
            if text is not None and start is not None and end is not None:
                spans = cell_spans(text, {"span": (start, end), "columns": headers, "rows": texts})
            updates = []
            for r, (row, cells) in enumerate(rows.items()):
                width = label_width(texts[r])
                for c, (col, _) in enumerate(cells):
                    span = spans[r][c] if spans else None
                    updates.append((*(span or (None, None)), int(c < width), table_id, row, col))
            conn.executemany(
                "UPDATE cells SET span_start = ?, span_end = ?, label = ? WHERE table_id = ? AND row = ? AND col = ?",
                updates,
            )
        paged = conn.execute(
            """SELECT id, json FROM documents d WHERE pages IS NOT NULL AND json IS NOT NULL
               AND EXISTS (SELECT 1 FROM totals x WHERE x.document_id = d.id)"""
        ).fetchall()
        for doc, blob in paged:
            try:
                pages = Pages.of_blocks(orjson.loads(unpack(blob) or b"{}")["blocks"])
                totals = conn.execute("SELECT rowid, span_start FROM totals WHERE document_id = ?", (doc,)).fetchall()
                conn.executemany(
                    "UPDATE totals SET page = ? WHERE rowid = ?",
                    [(pages.at(start), rowid) for rowid, start in totals if start is not None],
                )
            except (orjson.JSONDecodeError, KeyError, TypeError, IndexError, zlib.error):
                continue  # a JSON an earlier foiparse wrote without blocks: its totals keep no page

    def _migrate_to_3(self) -> None:
        """Bring a database of schema 1 or 2 to schema 3, keeping every row and id.

        ``documents`` is rebuilt with its JSON compressed and its text beside it (from
        the JSON's blocks), the identity of schema 1's attachment rows given (e-mail and
        position), and cells moved to ``cells``, their headers to ``table_columns``; the
        text index is dropped, and rebuilt from the new rows by the caller. Foreign keys
        are off on this connection until the schema is in place, so nothing cascades.
        """
        conn = self.conn
        conn.create_function("foiparse_pack", 1, _pack, deterministic=True)
        conn.create_function("foiparse_text", 1, lambda j: None if j is None else _text_of(j), deterministic=True)
        have = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        columns = _COLUMNS.replace(", json", "")
        parent = "parent" if "parent" in have else "NULL"
        attachment = "attachment" if "attachment" in have else f"CASE WHEN {parent} IS NOT NULL THEN id END"
        for view in _VIEWS:
            if view != "table_cells":
                conn.execute(f"DROP VIEW IF EXISTS {view}")
        conn.execute("DROP TABLE IF EXISTS document_text")
        conn.execute(DOCUMENTS.replace("documents", "documents_v3", 1))
        conn.execute(
            f"""INSERT INTO documents_v3 ({columns}, parent, attachment, json_size, json, text)
                SELECT {columns}, {parent}, {attachment}, length(CAST(json AS BLOB)), foiparse_pack(json),
                       CASE WHEN status = 'ok' THEN foiparse_text(json) END
                FROM documents"""
        )
        conn.execute("DROP TABLE documents")
        conn.execute("ALTER TABLE documents_v3 RENAME TO documents")
        if "table_cells" in names:  # a table then, a view now
            for statement in _statements(SCHEMA):
                if re.match(r"CREATE TABLE IF NOT EXISTS (cells|table_columns)\b", statement):
                    conn.execute(statement)
            conn.execute(
                """INSERT INTO table_columns (table_id, col, header)
                   SELECT table_id, col, MIN(header) FROM table_cells WHERE header IS NOT NULL GROUP BY table_id, col"""
            )
            conn.execute(
                "INSERT INTO cells (table_id, row, col, text, value, page) "
                "SELECT table_id, row, col, text, value, page FROM table_cells"
            )
            conn.execute("DROP TABLE table_cells")

    def seen(self) -> dict[str, Seen]:
        """Every input already recorded (not the attachments), by path."""
        rows = self.conn.execute(
            "SELECT path, sha256, size, mtime_ns, parser_version, status FROM documents WHERE attachment IS NULL"
        )
        return {row[0]: Seen(*row[1:]) for row in rows}

    def touch(self, path: str, mtime_ns: int) -> None:
        """Same bytes with a new modification time: remember it, so the next run need not read them."""
        self._write("UPDATE documents SET mtime_ns = ? WHERE path = ? AND attachment IS NULL", (mtime_ns, path))

    def put(self, record: Record, *, new: bool = False) -> None:
        """Replace everything known of one input by this record (``new``: nothing is known of it yet).

        Its rows go in under a savepoint, so an interrupt or an error between two of its
        statements takes all of them back; the transaction they join is committed by
        :meth:`commit`.
        """
        try:
            self._begin()
            self.conn.execute("SAVEPOINT document")
            self._undo.clear()
            try:
                self._replace(record, new)
                if not new or record.get("children"):
                    self._drop_children(record["path"])
                for child in record.get("children", ()):
                    self._replace(child, True)  # its old rows went with the e-mail's
            except BaseException:
                self.conn.execute("ROLLBACK TO document")
                self.conn.execute("RELEASE document")
                for added, doc in reversed(self._undo):
                    if added:
                        del self._unindexed[doc]
                    else:
                        self._unindexed[doc] = None
                raise
            self.conn.execute("RELEASE document")
            self._pending += 1
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None

    def _drop_children(self, parent: str) -> None:
        """Delete an e-mail's attachment rows: three statements, however many it had."""
        self._delete("parent = ? AND attachment IS NOT NULL", parent)

    def _delete(self, where: str, key: str) -> None:
        """Delete documents (their child rows cascade), taking their text out of the index first.

        The index reads the text from ``documents``, so it is told the old text before
        the row goes; a row written in this transaction is not in the index yet.
        """
        ids = [doc for (doc,) in self.conn.execute(f"SELECT id FROM documents WHERE {where}", (key,))]
        if not ids:
            return
        indexed = []
        for doc in ids:
            if doc in self._unindexed:
                del self._unindexed[doc]
                self._undo.append((False, doc))
            else:
                indexed.append(doc)
        if indexed:
            self.conn.execute(
                """INSERT INTO document_text (document_text, rowid, text, request)
                   SELECT 'delete', id, text, request FROM documents
                   WHERE id IN (SELECT value FROM json_each(?)) AND text IS NOT NULL""",
                (orjson.dumps(indexed).decode(),),
            )
        self.conn.execute(f"DELETE FROM documents WHERE {where}", (key,))

    def _replace(self, record: Record, new: bool) -> None:
        if not new:
            self._delete("path = ? AND attachment IS NULL", record["path"])
        packed = record.get("json_z")
        if packed is not None:  # from a worker: compressed there, with its text
            blob: bytes | None = base64.b64decode(packed)
            size, text = record.get("json_size"), record.get("text")
        else:
            json = record.get("json")
            blob = _pack(json)
            size = None if json is None else len(json.encode("utf-8") if isinstance(json, str) else json)
            text = _text_of(json) if json is not None and record["status"] == "ok" else None
        cursor = self.conn.execute(
            """INSERT INTO documents (path, sha256, size, mtime_ns, parser_version, format, status, error_class,
                   error, authority, reference, date, outcome, legislation, request, pages, seconds, parent,
                   attachment, json_size, json, text)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                record["path"],
                record.get("sha256"),
                record.get("size"),
                record.get("mtime_ns"),
                record.get("parser_version") or parser_version(),
                record.get("format"),
                record["status"],
                record.get("error_class"),
                record.get("error"),
                record.get("authority"),
                record.get("reference"),
                record.get("date"),
                record.get("outcome"),
                record.get("legislation"),
                record.get("request"),
                record.get("pages"),
                record.get("seconds"),
                record.get("parent"),
                record.get("attachment"),
                size,
                blob,
                text if record["status"] == "ok" else None,
            ),
        )
        doc = cursor.lastrowid
        if record["status"] == "ok":
            if text is not None and doc is not None:
                self._unindexed[doc] = None
                self._undo.append((True, doc))
            self._children(doc, record)

    def _children(self, doc: int | None, record: Record) -> None:
        execute = self.conn.execute

        def many(sql: str, rows: list[tuple[Any, ...]]) -> None:
            if rows:  # most documents have no rows for most child tables: skip the call
                self.conn.executemany(sql, rows)

        many(
            """INSERT INTO exemptions (document_id, law, provision, section, name, kind, cited_as, span_start, span_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(doc, e[0], e[1], e[1].split("(")[0], *e[2:]) for e in record.get("exemptions", ())],
        )
        many(
            "INSERT INTO prior_requests (document_id, reference, request_id, date, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc, *p) for p in record.get("prior_requests", ())],
        )
        many(
            """INSERT INTO totals (document_id, value, text, unit, measure, period_start, period_end, span_start, span_end,
                   page)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(doc, *_padded(t, 9)) for t in record.get("totals", ())],
        )
        for table in record.get("tables", ()):
            table_id = execute(
                """INSERT INTO tables (document_id, ordinal, title, columns, n_rows, page, span_start, span_end)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    doc,
                    table["ordinal"],
                    table["title"],
                    "\t".join(table["columns"]),
                    table["n_rows"],
                    table["page"],
                    *table["span"],
                ),
            ).lastrowid
            many(
                "INSERT INTO table_columns (table_id, col, header) VALUES (?, ?, ?)",
                [(table_id, c, header) for c, header in enumerate(table["columns"])],
            )
            # A cell is [row, col, header, text, value, page, span_start, span_end, label]: its header is the
            # table's, stored once above.
            many(
                """INSERT INTO cells (table_id, row, col, text, value, page, span_start, span_end, label)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [(table_id, cell[0], cell[1], *_padded(cell[3:], 6)) for cell in table["cells"]],
            )

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        try:
            self._begin()
            self.conn.execute(sql, params)
            self._pending += 1
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None

    def commit(self) -> None:
        """Index the text of what was put, and make it durable (a batch commits every second or so).

        The text index is filled once per transaction, in one statement: a document at a
        time, under its savepoint, FTS5 would write a segment for each.
        """
        try:
            if self._unindexed:
                self.conn.execute(
                    """INSERT INTO document_text (rowid, text, request)
                       SELECT id, text, request FROM documents
                       WHERE id IN (SELECT value FROM json_each(?)) AND text IS NOT NULL""",
                    (orjson.dumps(list(self._unindexed)).decode(),),
                )
                self._unindexed.clear()
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None
        self._pending = 0

    @property
    def pending(self) -> int:
        """Inputs written since the last commit."""
        return self._pending

    def close(self) -> None:
        """Commit and close."""
        self.commit()
        self.conn.close()

    def rows(self, sql: str, params: tuple[object, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a read-only query (exports)."""
        try:
            yield from self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None
