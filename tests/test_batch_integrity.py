"""Batch identity and storage: upgrades re-parse, attachments cannot collide with files,
the database is compact and read in one pass, links out of the tree are not read, foreign databases are left alone."""

from __future__ import annotations

import base64
import io
import os
import sqlite3
import tracemalloc
import zlib
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SEED
from foiparse import __version__
from foiparse.batch import ingest, parse_many
from foiparse.batch.export import export_jsonl, export_tables
from foiparse.batch.store import SCHEMA_VERSION, Store
from foiparse.cli import cli
from foiparse.errors import DatabaseError, FoiparseError

EML = FIXTURES / "eml-reply-with-attachment.eml"
ATTACHED = "FOI-2024-0588-response.pdf"


def _rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


# 1. An upgrade re-parses ------------------------------------------------------------------


def test_the_package_version_is_real_and_the_parser_version_names_the_code() -> None:
    from foiparse.batch.work import parser_version

    assert __version__ != "0.1.0"
    assert parser_version().startswith(f"{__version__}+")
    assert parser_version() is parser_version()  # computed once per process


def test_a_new_version_of_a_reading_library_changes_the_parser_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from foiparse.batch import work

    real = metadata.version
    before = work.parser_version.__wrapped__()
    monkeypatch.setattr(metadata, "version", lambda name: "999.0" if name == "pypdfium2" else real(name))
    assert work.parser_version.__wrapped__() != before
    monkeypatch.setattr(metadata, "version", lambda name: "999.0" if name == "orjson" else real(name))
    assert work.parser_version.__wrapped__() == before  # a library that reads no input changes nothing


def test_the_code_digest_changes_with_extraction_code_and_data_but_not_with_batch_code(tmp_path: Path) -> None:
    from foiparse.batch.work import code_digest

    package = tmp_path / "foiparse"
    for relative in (
        "extract/dates.py",
        "data/provisions.toml",
        "batch/store.py",
        "batch/work.py",
        "cli.py",
        "readers/pdf.py",
    ):
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text(f"# {relative}\n")
    first = code_digest(package)
    (package / "batch" / "store.py").write_text("# changed\n")
    (package / "cli.py").write_text("# changed\n")
    assert code_digest(package) == first
    for relative in ("extract/dates.py", "data/provisions.toml", "readers/pdf.py", "batch/work.py"):
        before = code_digest(package)
        (package / relative).write_text("# changed\n")
        assert code_digest(package) != before, relative


def test_records_made_by_another_parser_version_are_parsed_again_whatever_their_status(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(SEED.read_bytes())
    (folder / "notes.csv").write_bytes(b"a,b\n1,2\n")  # skipped by the worker
    os.symlink(tmp_path, folder / "dir-link")  # skipped by the walk
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET parser_version = '0.1.0'")  # what every release so far wrote
    summary = ingest([folder], db, jobs=1, progress=False)
    assert "unchanged" not in summary.counts
    assert summary.counts == {"ok": 1, "skipped": 2}
    assert {v for (v,) in _rows(db, "SELECT parser_version FROM documents")} != {"0.1.0"}


def test_retry_failed_tries_again_an_input_skipped_as_unsupported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:  # as recorded before its reader was installed (an .odt without LibreOffice)
        conn.execute("UPDATE documents SET status = 'skipped', error_class = 'UnsupportedFormatError', json = NULL")
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 1}
    assert ingest([folder], db, jobs=1, progress=False, retry_failed=True).counts == {"ok": 1}
    assert _rows(db, "SELECT status FROM documents") == [("ok",)]


# 2. Attachments have an identity no path can take -----------------------------------------


def test_a_file_named_like_an_attachment_is_a_row_of_its_own_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reply.eml").write_bytes(EML.read_bytes())
    twin = folder / f"reply.eml#{ATTACHED}"
    twin.write_bytes((FIXTURES / "docx-council-letter.docx").read_bytes())
    (folder / "z-after.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 3, "attachment ok": 1}
    rows = _rows(db, "SELECT path, format, attachment FROM documents ORDER BY id")
    assert sorted(rows, key=str) == sorted(
        [
            (str(folder / "reply.eml"), "eml", None),
            (str(twin), "docx", None),
            (str(twin), "pdf", 1),
            (str(folder / "z-after.txt"), "text", None),
        ],
        key=str,
    )
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 3}
    (folder / "reply.eml").write_bytes(EML.read_bytes() + b"\n")
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 2, "ok": 1, "attachment ok": 1}
    assert sorted(_rows(db, "SELECT format FROM documents WHERE path = ?", (str(twin),))) == [("docx",), ("pdf",)]


def _mail_with(attachments: int) -> bytes:
    message = EmailMessage()
    message["From"] = "FOI Team <foi@example.gov.uk>"
    message["To"] = "requester@example.org"
    message["Subject"] = "RE: Freedom of Information request"
    message.set_content("Dear Sir,\n\nPlease find our response attached.\n\nYours faithfully,\nFOI Team\n")
    pdf = (FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes()
    for _ in range(attachments):
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename="response.pdf")
    return bytes(message)


def test_attachments_with_one_name_are_each_kept_in_a_constant_number_of_statements(tmp_path: Path) -> None:
    from foiparse.batch.work import Job, work

    (tmp_path / "mail.eml").write_bytes(_mail_with(3))
    record = work(str(tmp_path / "mail.eml"), Job())
    assert [child["status"] for child in record["children"]] == ["ok"] * 3

    def statements(children: int) -> int:
        store = Store(tmp_path / f"{children}.sqlite")
        big = dict(record, children=[dict(record["children"][0], attachment=i + 1) for i in range(children)])
        store.put(dict(big), new=True)
        count = 0

        def trace(_: str) -> None:
            nonlocal count
            count += 1

        store.conn.set_trace_callback(lambda sql: None if sql.startswith("--") else trace(sql))  # not FTS5's own
        store.put(dict(big))  # a second time: the old rows are replaced
        store.close()
        assert _rows(tmp_path / f"{children}.sqlite", "SELECT count(*) FROM documents") == [(children + 1,)]
        return count

    ten, hundred, two_hundred = statements(10), statements(100), statements(200)
    assert (two_hundred - hundred) / 100 == (hundred - ten) / 90  # the same cost for each, however many share a name


def test_a_database_error_on_one_input_is_recorded_as_its_failure_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(SEED.read_bytes() + name.encode())
    real = Store._replace

    def replace(self: Store, record: dict[str, object], new: bool) -> None:
        if str(record["path"]).endswith("b.txt") and record["status"] == "ok":
            raise sqlite3.IntegrityError("UNIQUE constraint failed: documents.path")
        real(self, record, new)

    monkeypatch.setattr(Store, "_replace", replace)
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 2, "failed": 1}
    rows = {Path(str(p)).name: (s, e) for p, s, e in _rows(db, "SELECT path, status, error FROM documents")}
    assert rows["a.txt"][0] == rows["c.txt"][0] == "ok"
    assert rows["b.txt"][0] == "failed" and "UNIQUE constraint failed" in str(rows["b.txt"][1])


_V1_DOCUMENTS = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    parser_version TEXT NOT NULL, format TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'skipped')),
    error_class TEXT, error TEXT, authority TEXT, reference TEXT, date TEXT, outcome TEXT, legislation TEXT,
    request TEXT, pages INTEGER, seconds REAL, json TEXT, parent TEXT
);
CREATE TABLE exemptions (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE, law TEXT NOT NULL,
    provision TEXT NOT NULL, section TEXT NOT NULL, name TEXT, kind TEXT, cited_as TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE VIEW failures AS SELECT path, status, error_class, error FROM documents WHERE status IN ('failed', 'timeout');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO documents (id, path, parser_version, status, json, parent)
    VALUES (7, '/old/reply.eml', '0.1.0', 'ok', '{"blocks": []}', NULL),
           (8, '/old/reply.eml#a.pdf', '0.1.0', 'ok', '{"blocks": []}', '/old/reply.eml');
INSERT INTO exemptions VALUES (7, 'FOIA', '40(2)', '40', NULL, NULL, NULL, 0, 1);
"""


def test_a_database_of_an_earlier_foiparse_is_migrated_with_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        conn.executescript(_V1_DOCUMENTS)
    Store(db).close()
    assert _rows(db, "SELECT id, path, attachment FROM documents ORDER BY id") == [
        (7, "/old/reply.eml", None),
        (8, "/old/reply.eml#a.pdf", 8),
    ]
    assert _rows(db, "SELECT document_id, provision FROM exemptions") == [(7, "40(2)")]
    assert _rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    packed = [j for (j,) in _rows(db, "SELECT json FROM documents ORDER BY id")]
    assert [zlib.decompress(j) for j in packed if isinstance(j, bytes)] == [b'{"blocks": []}'] * 2
    assert _rows(db, "PRAGMA application_id") != [(0,)]
    assert _rows(db, "PRAGMA foreign_key_check") == []
    store = Store(db)  # a file now named like the old attachment takes its own row
    store.put({"path": "/old/reply.eml#a.pdf", "status": "ok", "json": '{"blocks": []}'}, new=True)
    store.close()
    assert len(_rows(db, "SELECT id FROM documents WHERE path = '/old/reply.eml#a.pdf'")) == 2


# 4. A compact database, written and read in one pass ------------------------------------------------

_V2 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    parser_version TEXT NOT NULL, format TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'skipped')),
    error_class TEXT, error TEXT, authority TEXT, reference TEXT, date TEXT, outcome TEXT, legislation TEXT,
    request TEXT, pages INTEGER, seconds REAL, json TEXT, parent TEXT, attachment INTEGER
);
CREATE UNIQUE INDEX documents_path ON documents (path) WHERE attachment IS NULL;
CREATE TABLE tables (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, title TEXT, columns TEXT NOT NULL, n_rows INTEGER NOT NULL, page INTEGER,
    span_start INTEGER, span_end INTEGER
);
CREATE TABLE table_cells (
    table_id INTEGER NOT NULL REFERENCES tables (id) ON DELETE CASCADE, row INTEGER NOT NULL, col INTEGER NOT NULL,
    header TEXT, text TEXT NOT NULL, value REAL, page INTEGER
);
CREATE INDEX table_cells_table ON table_cells (table_id, row, col);
CREATE VIRTUAL TABLE document_text USING fts5 (text, request, tokenize = 'unicode61');
CREATE VIEW failures AS SELECT path, status, error_class, error FROM documents WHERE status IN ('failed', 'timeout');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '2');
PRAGMA application_id = 1179601232;
"""
_V2_JSON = '{"blocks":[{"text":"The council holds 12 parking records. "},{"text":"Yours, Records Team"}]}'


def _v2_database(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.executescript(_V2)
        conn.execute(
            "INSERT INTO documents (id, path, parser_version, status, request, json) VALUES (5, '/in/a.txt', 'x', 'ok', ?, ?)",
            ("parking fines", _V2_JSON),
        )
        conn.execute("INSERT INTO documents (id, path, parser_version, status) VALUES (6, '/in/b.txt', 'x', 'failed')")
        conn.execute("INSERT INTO tables VALUES (3, 5, 0, NULL, 'Year\tFines', 2, 1, 0, 10)")
        conn.executemany(
            "INSERT INTO table_cells VALUES (3, ?, ?, ?, ?, ?, 1)",
            [
                (0, 0, "Year", "2022", 2022),
                (0, 1, "Fines", "<5", None),
                (1, 0, "Year", "2023", 2023),
                (1, 1, "Fines", "7", 7),
            ],
        )
        conn.execute(
            "INSERT INTO document_text (rowid, text, request) VALUES (5, ?, 'parking fines')", (_text(_V2_JSON),)
        )
    conn.close()


def _text(json: str) -> str:
    return "".join(block["text"] for block in orjson.loads(json)["blocks"])


def test_a_worker_packs_the_json_and_the_text_without_digesting_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from foiparse import parse, to_json
    from foiparse.batch import work

    monkeypatch.setattr(work, "parser_version", lambda: pytest.fail("a worker digested the package"))
    record = work.work(str(SEED), work.Job(pack=True))
    assert record["status"] == "ok" and "parser_version" not in record and "json" not in record
    response = parse(SEED.read_bytes(), name=str(SEED))
    raw = zlib.decompress(base64.b64decode(record["json_z"]))
    assert raw + b"\n" == to_json(response, indent=False) and record["json_size"] == len(raw)
    assert record["text"] == response.text


def test_a_schema_2_database_is_upgraded_with_its_json_text_index_and_table_cells(tmp_path: Path) -> None:
    db = tmp_path / "v2.sqlite"
    _v2_database(db)
    cells = _rows(db, "SELECT table_id, row, col, header, text, value, page FROM table_cells ORDER BY row, col")
    Store(db).close()
    assert _rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    [(packed, size, text)] = _rows(db, "SELECT json, json_size, text FROM documents WHERE id = 5")
    assert isinstance(packed, bytes) and zlib.decompress(packed) == _V2_JSON.encode()
    assert size == len(_V2_JSON) and text == _text(_V2_JSON)
    assert _rows(db, "SELECT rowid FROM document_text WHERE document_text MATCH 'parking AND team'") == [(5,)]
    assert _rows(db, "SELECT table_id, row, col, header, text, value, page FROM table_cells ORDER BY row, col") == cells
    assert _rows(db, "PRAGMA foreign_key_check") == [] and _rows(db, "PRAGMA integrity_check") == [("ok",)]
    out = io.BytesIO()
    assert export_jsonl(db, out) == 1 and out.getvalue() == _V2_JSON.encode() + b"\n"


def test_an_export_reads_a_schema_2_database_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "v2.sqlite"
    _v2_database(db)
    before = db.read_bytes()
    out = io.BytesIO()
    assert export_jsonl(db, out) == 1 and out.getvalue() == _V2_JSON.encode() + b"\n"
    assert export_tables(db, tmp_path / "csv").tables == 1
    assert (tmp_path / "csv" / "000005-a.txt-table1.csv").read_bytes() == b"Year,Fines\r\n2022,<5\r\n2023,7\r\n"
    assert db.read_bytes() == before  # read-only: not upgraded by an export


def test_the_json_is_stored_compressed_the_text_once_and_table_headers_once_per_table(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    out = io.BytesIO()
    export_jsonl(db, out)
    [(packed, size, text)] = _rows(db, "SELECT json, json_size, text FROM documents")
    assert isinstance(packed, bytes) and isinstance(size, int) and len(packed) < size / 2
    assert zlib.decompress(packed) + b"\n" == out.getvalue() and size == len(out.getvalue()) - 1
    assert text == _text(out.getvalue().decode())
    names = {name for (name,) in _rows(db, "SELECT name FROM sqlite_master")}
    assert "document_text_content" not in names  # the index keeps no copy of the text: it reads documents.text
    assert _rows(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'breaches'") == [(1,)]
    assert "header" not in {row[1] for row in _rows(db, "PRAGMA table_info(cells)")}
    headers = _rows(db, "SELECT DISTINCT c.col, c.header FROM table_cells c ORDER BY 1")
    assert headers and headers == _rows(db, "SELECT col, header FROM table_columns ORDER BY 1")


def test_a_document_parsed_again_leaves_the_text_index_with_its_old_words(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    letter = folder / "letter.txt"
    letter.write_bytes(SEED.read_bytes() + b"\nZEBRAWORD\n")
    (folder / "mail.eml").write_bytes(EML.read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    letter.write_bytes(SEED.read_bytes() + b"\nYAKWORD and more\n")
    ingest([folder], db, jobs=1, progress=False)
    ingest([folder], db, jobs=1, progress=False, force=True)  # the e-mail and its attachment replaced too
    assert _rows(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'ZEBRAWORD'") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'YAKWORD'") == [(1,)]
    with sqlite3.connect(db) as conn:  # raises when the index and the text it reads disagree
        conn.execute("INSERT INTO document_text (document_text, rank) VALUES ('integrity-check', 1)")
    assert _rows(db, "SELECT count(*) FROM document_text") == _rows(
        db, "SELECT count(*) FROM documents WHERE text IS NOT NULL"
    )
    assert _rows(db, "SELECT count(*) FROM documents WHERE text IS NOT NULL") == [(3,)]


def _many_tables(db: Path, documents: int, rows: int = 100) -> None:
    store = Store(db)
    for i in range(documents):
        cells = [[r, c, name, f"{name} {r} of document {i}", r, 1] for r in range(rows) for c, name in enumerate("ABC")]
        table = {
            "ordinal": 0,
            "title": None,
            "columns": ["A", "B", "C"],
            "n_rows": rows,
            "page": 1,
            "span": [0, 1],
            "cells": cells,
        }
        store.put({"path": f"/in/{i:04d}.txt", "status": "ok", "json": '{"blocks": []}', "tables": [table]}, new=True)
    store.close()


def _peak_exporting_tables(db: Path, folder: Path) -> int:
    tracemalloc.start()
    try:
        written = export_tables(db, folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written.combined == 1
    return peak


def test_exporting_tables_streams_each_table_once_however_many_share_their_columns(tmp_path: Path) -> None:
    _many_tables(tmp_path / "small.sqlite", 20)
    _many_tables(tmp_path / "large.sqlite", 200)
    small = _peak_exporting_tables(tmp_path / "small.sqlite", tmp_path / "small")
    large = _peak_exporting_tables(tmp_path / "large.sqlite", tmp_path / "large")
    assert large < 2 * small, (small, large)  # holding a combined CSV's rows, it would be about ten times
    combined = next((tmp_path / "large" / "combined").iterdir()).read_text().splitlines()
    assert (
        len(combined) == 1 + 200 * 100
        and combined[1] == ",/in/0000.txt,1,A 0 of document 0,B 0 of document 0,C 0 of document 0"
    )


def test_the_jsonl_export_reads_documents_in_path_order_without_sorting_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.txt", "a.txt", "c.eml"):
        (folder / name).write_bytes(EML.read_bytes() if name.endswith(".eml") else SEED.read_bytes() + name.encode())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=2, progress=False)
    queries: list[str] = []
    real = Store.rows

    def rows(self: Store, sql: str, params: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
        queries.append(sql)
        return real(self, sql, params)

    monkeypatch.setattr(Store, "rows", rows)
    out = io.BytesIO()
    assert export_jsonl(db, out) == 4
    names = [orjson.loads(line)["source"]["name"] for line in out.getvalue().splitlines()]
    assert [Path(n).name for n in names] == ["a.txt", "b.txt", "c.eml", f"c.eml#{ATTACHED}"]
    plan = " ".join(str(row[-1]) for q in queries for row in _rows(db, "EXPLAIN QUERY PLAN " + q))
    assert "TEMP B-TREE" not in plan, plan  # read along an index: one document's JSON held at a time


# 7. Links out of the tree -----------------------------------------------------------------------


def _linked_tree(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_bytes(SEED.read_bytes() + b"\nThe password is SECRETWORD.\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.txt").write_bytes((FIXTURES / "police-stop-search.txt").read_bytes())
    os.symlink(secret, folder / "letter.txt")  # absolute
    os.symlink("../../outside/secret.txt", folder / "sub" / "dotdot.txt")  # relative, climbing out
    os.symlink("letter.txt", folder / "chain.txt")  # a link to a link that leaves
    os.symlink("real.txt", folder / "inside.txt")  # stays in the tree
    os.symlink("../sub/../real.txt", folder / "sub" / "inside-too.txt")
    return folder, secret


def test_a_link_out_of_the_folders_given_is_skipped_and_not_read(tmp_path: Path) -> None:
    folder, _ = _linked_tree(tmp_path)
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    rows = {Path(str(p)).name: (s, e, j) for p, s, e, j in _rows(db, "SELECT path, status, error, json FROM documents")}
    for name in ("letter.txt", "dotdot.txt", "chain.txt"):
        status, error, json = rows[name]
        assert status == "skipped" and json is None, name
        assert "outside the folders given" in str(error)
    for name in ("real.txt", "inside.txt", "inside-too.txt"):
        assert rows[name][0] == "ok", name
    assert _rows(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'SECRETWORD'") == [(0,)]


def test_follow_links_reads_a_link_out_of_the_tree(tmp_path: Path) -> None:
    folder, _ = _linked_tree(tmp_path)
    db = tmp_path / "foi.sqlite"
    result = CliRunner().invoke(cli, ["ingest", "-q", "--follow-links", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert {s for (s,) in _rows(db, "SELECT status FROM documents")} == {"ok"}
    assert _rows(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'SECRETWORD'") == [(3,)]


def test_a_link_named_on_the_command_line_or_inside_another_folder_given_is_read(tmp_path: Path) -> None:
    folder, secret = _linked_tree(tmp_path)
    db = tmp_path / "foi.sqlite"
    ingest([folder / "letter.txt"], db, jobs=1, progress=False)  # named: the user's choice
    assert _rows(db, "SELECT status FROM documents") == [("ok",)]
    results = list(parse_many([folder, secret.parent], jobs=1))
    assert {Path(r.path).name: r.status for r in results}["letter.txt"] == "ok"  # its target is in a folder given


def test_an_email_read_through_a_link_keeps_its_attachments_under_the_link(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "reply.eml").write_bytes(EML.read_bytes())
    os.symlink("sub/reply.eml", folder / "mail.eml")
    db = tmp_path / "foi.sqlite"
    for force in (False, True):  # and once more, replacing every row
        summary = ingest([folder], db, jobs=1, progress=False, force=force)
        assert summary.counts == {"ok": 2, "attachment ok": 2}
    link = str(folder / "mail.eml")
    assert _rows(db, "SELECT path, attachment FROM documents WHERE parent = ?", (link,)) == [(f"{link}#{ATTACHED}", 1)]


def test_parse_many_skips_a_link_out_of_the_tree_too(tmp_path: Path) -> None:
    folder, _ = _linked_tree(tmp_path)
    results = {Path(r.path).name: r for r in parse_many([folder], jobs=1)}
    assert results["letter.txt"].status == "skipped"
    assert results["letter.txt"].response is None


# 9. Foreign SQLite files --------------------------------------------------------------------------


def _foreign(path: Path, sql: str) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT, status TEXT, json TEXT);"
        "INSERT INTO documents VALUES (1, 'x', 'ok', '{}');",
        "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);",
        "PRAGMA application_id = 42; CREATE TABLE t (x);",
        "CREATE VIEW totals_v AS SELECT 1 AS x;",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');"
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT, sha256 TEXT, parser_version TEXT, status TEXT,"
        " json TEXT, owner TEXT); INSERT INTO documents (path, owner) VALUES ('x', 'theirs');",
        "PRAGMA user_version = 7;",
    ],
    ids=[
        "own-documents-table",
        "other-tables",
        "meta-only",
        "other-application",
        "a-view-only",
        "look-alike-meta-and-documents",
        "its-own-user-version",
    ],
)
def test_another_programs_sqlite_file_is_refused_and_left_unchanged(tmp_path: Path, sql: str) -> None:
    db = tmp_path / "theirs.sqlite"
    before = _foreign(db, sql)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(cli, ["ingest", "-q", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1 and "not a foiparse database" in result.output
    assert db.read_bytes() == before
    with pytest.raises(DatabaseError, match="not a foiparse database"):
        export_jsonl(db, io.BytesIO())
    assert db.read_bytes() == before


def test_another_programs_database_with_a_write_ahead_log_is_refused_without_a_checkpoint(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite"
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("CREATE TABLE notes (body TEXT)")
    writer.execute("INSERT INTO notes VALUES ('mine')")
    writer.commit()
    db = tmp_path / "theirs.sqlite"  # as that program left it when it was killed: its last writes in the log
    db.write_bytes(live.read_bytes())
    Path(f"{db}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    writer.close()
    before = db.read_bytes(), Path(f"{db}-wal").read_bytes()
    with pytest.raises(FoiparseError, match="not a foiparse database"):
        Store(db)
    assert (db.read_bytes(), Path(f"{db}-wal").read_bytes()) == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(b"my notes, not a database\n" * 100)
    with pytest.raises(FoiparseError, match="not a database"):
        Store(db)
    assert db.read_bytes() == b"my notes, not a database\n" * 100


def test_an_empty_file_becomes_a_foiparse_database(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    db.write_bytes(b"")
    Store(db).close()
    Store(db).close()  # and is recognised the next time
    (application_id,) = _rows(db, "PRAGMA application_id")[0]
    assert application_id != 0


# --- found by review: names that display alike, a file swapped for a link, a database that is a pipe ---------


def test_two_files_whose_names_display_alike_are_two_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\\xffb.txt").write_bytes(SEED.read_bytes())  # a backslash, then "xff"
    os.close(os.open(os.fsencode(folder) + b"/a\xffb.txt", os.O_WRONLY | os.O_CREAT))  # the byte 0xff
    Path(os.fsdecode(os.fsencode(folder) + b"/a\xffb.txt")).write_bytes(
        (FIXTURES / "police-stop-search.txt").read_bytes()
    )
    (folder / "z.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 3}
    names = sorted(Path(str(path)).name for (path,) in _rows(db, "SELECT path FROM documents"))
    assert names == ["a\\\\xffb.txt", "a\\xffb.txt", "z.txt"]
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 3}


def test_display_names_are_one_to_one() -> None:
    from foiparse.pipeline import display_name

    names = ["a\\xffb", "a\udcffb", "a\x00b", "a\\x00b", "a\\\\b", "a\\b", "ab"]
    assert len({display_name(name) for name in names}) == len(names)


def test_a_file_swapped_for_a_link_after_it_was_listed_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import foiparse.batch.runner as runner

    secret = tmp_path / "secret.txt"
    secret.write_text("Dear Sir, the password is SECRET-TOKEN.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.txt").write_bytes(SEED.read_bytes())
    listed = runner.walk

    def walk_then_swap(*args: object, **kwargs: object) -> object:
        items = list(listed(*args, **kwargs))  # type: ignore[arg-type]
        (folder / "letter.txt").unlink()
        (folder / "letter.txt").symlink_to(secret)
        yield from items

    monkeypatch.setattr(runner, "walk", walk_then_swap)
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    [(status, error, json)] = _rows(db, "SELECT status, error, json FROM documents")
    assert status == "failed" and "became a link" in str(error)
    assert json is None and not _rows(db, "SELECT 1 FROM documents WHERE text LIKE '%SECRET-TOKEN%'")


def test_a_database_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "foi.sqlite"
    os.mkfifo(pipe)
    with pytest.raises(DatabaseError, match="not a regular file"):
        Store(pipe)
