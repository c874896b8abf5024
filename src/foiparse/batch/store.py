"""The SQLite database of a batch: one row per input, child rows per finding, a text index.

Each input's rows are replaced in one transaction, keyed by its path, so a run killed at
any moment (even by SIGKILL) leaves every input either fully written or not at all,
and the next run writes the missing ones with no duplicates. WAL journaling keeps
that cheap. Every statement is parameterised.

The database says it is foiparse's (``PRAGMA application_id``), and any other SQLite
file, or a file that is not SQLite, is refused before anything is written to it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from foiparse.batch.work import Record, parser_version
from foiparse.errors import DatabaseError

SCHEMA_VERSION = 2  # 2: an attachment is identified by its e-mail and position, not by a path
APPLICATION_ID = 0x464F4950  # "FOIP" in the file's header: how foiparse knows its own database
STATUSES = ("ok", "failed", "timeout", "skipped")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_INDEX_BATCH = 256  # documents whose JSON is held at once while the text index is filled ...
_INDEX_BYTES = 16 * 1024 * 1024  # ... and at most this much of it (one larger document goes alone)

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
    json TEXT,
    parent TEXT,  -- for an e-mail's attachment: the path of the e-mail
    attachment INTEGER,  -- for an e-mail's attachment: its position in the e-mail (1, 2, ...)
    CHECK (attachment IS NULL OR parent IS NOT NULL)
)"""

SCHEMA = (
    DOCUMENTS
    + """;
CREATE UNIQUE INDEX IF NOT EXISTS documents_path ON documents (path) WHERE attachment IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS documents_attachment ON documents (parent, attachment) WHERE attachment IS NOT NULL;
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
    span_end INTEGER
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

CREATE TABLE IF NOT EXISTS table_cells (
    table_id INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    col INTEGER NOT NULL,
    header TEXT,
    text TEXT NOT NULL,
    value REAL,
    page INTEGER
);
CREATE INDEX IF NOT EXISTS table_cells_table ON table_cells (table_id, row, col);

CREATE VIRTUAL TABLE IF NOT EXISTS document_text USING fts5 (text, request, tokenize = 'unicode61');

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
)
_VIEWS = ("exemptions_per_authority", "outcomes_per_authority", "failures")  # they read documents
_COLUMNS = (  # schema 1's, copied as they are by the migration
    "id, path, sha256, size, mtime_ns, parser_version, format, status, error_class, error, authority, reference, "
    "date, outcome, legislation, request, pages, seconds, json"
)


# Every name foiparse's schema puts in sqlite_master (its full-text index adds shadow tables).
_OUR_NAMES = frozenset(re.findall(r"CREATE (?:VIRTUAL |UNIQUE )?(?:TABLE|INDEX|VIEW) IF NOT EXISTS (\w+)", SCHEMA))


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


def _read_only(path: str) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _text_of(json: str) -> str:
    return "".join(block["text"] for block in orjson.loads(json)["blocks"])


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
        _refuse_if_not_sqlite(self.path)
        if readonly:  # exports read beside a running ingest: no lock taken, no schema written
            try:
                self.conn = _read_only(self.path)
                if _schema_version(self.conn, self.path) is None:
                    raise DatabaseError("an empty database (run foiparse ingest first)", path=self.path)
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
                raise DatabaseError(
                    f"written by a newer foiparse (database schema {version}): upgrade foiparse to add to it",
                    path=self.path,
                )
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the indexes of a large batch stay in memory
            if version is not None and version < 2:
                self._migrate()
            self.conn.executescript(SCHEMA)
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot use the database: {exc}", path=self.path) from None

    def _migrate(self) -> None:
        """Rebuild ``documents`` without the UNIQUE path of schema 1, giving old attachment rows an identity.

        Ids are kept, so the child tables and the text index still point at their rows;
        foreign keys are off on this connection until the schema is in place, so nothing cascades.
        """
        have = {row[1] for row in self.conn.execute("PRAGMA table_info(documents)")}
        columns = _COLUMNS
        parent = "parent" if "parent" in have else "NULL"
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for view in _VIEWS:
                self.conn.execute(f"DROP VIEW IF EXISTS {view}")
            self.conn.execute(DOCUMENTS.replace("documents", "documents_v2", 1))
            self.conn.execute(
                f"""INSERT INTO documents_v2 ({columns}, parent, attachment)
                    SELECT {columns}, {parent}, CASE WHEN {parent} IS NOT NULL THEN id END FROM documents"""
            )
            self.conn.execute("DROP TABLE documents")
            self.conn.execute("ALTER TABLE documents_v2 RENAME TO documents")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

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
            try:
                self._replace(record, new)
                if not new or record.get("children"):
                    self._drop_children(record["path"])
                for child in record.get("children", ()):
                    self._replace(child, True)  # its old rows went with the e-mail's
            except BaseException:
                self.conn.execute("ROLLBACK TO document")
                self.conn.execute("RELEASE document")
                raise
            self.conn.execute("RELEASE document")
            self._pending += 1
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None

    def _drop_children(self, parent: str) -> None:
        """Delete an e-mail's attachment rows: two statements, however many it had."""
        children = "SELECT id FROM documents WHERE parent = ? AND attachment IS NOT NULL"
        self.conn.execute(f"DELETE FROM document_text WHERE rowid IN ({children})", (parent,))
        self.conn.execute("DELETE FROM documents WHERE parent = ? AND attachment IS NOT NULL", (parent,))

    def _replace(self, record: Record, new: bool) -> None:
        old = (
            None
            if new
            else self.conn.execute(
                "SELECT id FROM documents WHERE path = ? AND attachment IS NULL", (record["path"],)
            ).fetchone()
        )
        if old is not None:
            self.conn.execute("DELETE FROM document_text WHERE rowid = ?", (old[0],))
            self.conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))  # children cascade
        cursor = self.conn.execute(
            """INSERT INTO documents (path, sha256, size, mtime_ns, parser_version, format, status, error_class,
                   error, authority, reference, date, outcome, legislation, request, pages, seconds, json, parent,
                   attachment)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                record.get("json"),
                record.get("parent"),
                record.get("attachment"),
            ),
        )
        doc = cursor.lastrowid
        if record["status"] == "ok":
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
            """INSERT INTO totals (document_id, value, text, unit, measure, period_start, period_end, span_start, span_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(doc, *t) for t in record.get("totals", ())],
        )
        for table in record.get("tables", ()):
            cursor = execute(
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
            )
            many(
                "INSERT INTO table_cells (table_id, row, col, header, text, value, page) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, *cell) for cell in table["cells"]],
            )

    def index_text(self) -> int:
        """Add to the full-text index every parsed document not in it yet; return how many.

        A batch indexes after its workers are done rather than as each document comes,
        so that while they parse, the process writing the database takes as little of
        their CPU as it can; a run stopped before this is caught up by the next one.
        The text is rebuilt from the stored JSON (its blocks tile it), a few hundred
        documents at a time in id order and never more than 16 MB of JSON (one larger document
        alone), so memory stays flat however large the batch or its documents.
        """
        pending = """SELECT id, length(json) FROM documents d
                     WHERE status = 'ok' AND id > ? AND NOT EXISTS (SELECT 1 FROM document_text WHERE rowid = d.id)
                     ORDER BY id LIMIT 4096"""
        count = last = 0
        try:
            while page := self.conn.execute(pending, (last,)).fetchall():
                batch: list[int] = []
                held = 0
                for doc, size in page:
                    batch.append(doc)
                    held += size or 0
                    if len(batch) >= _INDEX_BATCH or held >= _INDEX_BYTES:
                        count += self._index(batch)
                        batch, held = [], 0
                if batch:
                    count += self._index(batch)
                last = page[-1][0]
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error: {exc}", path=self.path) from None
        return count

    def _index(self, ids: list[int]) -> int:
        """Index the text of these documents in one transaction."""
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT id, json, request FROM documents WHERE id IN ({marks})", ids).fetchall()
        self._begin()
        self.conn.executemany(
            "INSERT INTO document_text (rowid, text, request) VALUES (?, ?, ?)",
            [(doc, _text_of(json), request or "") for doc, json, request in rows],
        )
        self.commit()
        return len(rows)

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
        """Make what was put so far durable (a batch commits every few hundred inputs or every second)."""
        try:
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
