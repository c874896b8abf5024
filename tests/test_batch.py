"""Batch ingest and parse_many: every input recorded, limits hold, runs resume, exports round-trip."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SEED
from foiparse import parse, parse_many, to_dict
from foiparse.batch import ingest
from foiparse.batch.export import _inside, _safe, export_jsonl
from foiparse.cli import cli
from foiparse.errors import EmptyInputError, FoiparseError

GOOD = ["leicester-data-breaches-2019.txt", "police-stop-search.txt", "pdf-ruled-table-letter.pdf"]


def _slow_letter() -> bytes:
    """A letter of 4.5 million characters, within every limit, that takes seconds to parse."""
    letter = (FIXTURES / "police-stop-search.txt").read_bytes()
    return letter * (4_500_000 // len(letter))


def _mixed(folder: Path) -> Path:
    """Good responses beside corrupt, empty, unsupported and hanging inputs."""
    folder.mkdir()
    for name in GOOD:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    (folder / "notes.csv").write_bytes(b"a,b\n1,2\n")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "hangs.txt").write_bytes(_slow_letter())
    return folder


def _statuses(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, status, error_class FROM documents").fetchall()
    return {Path(path).name: (status, error_class) for path, status, error_class in rows}


def test_a_batch_records_every_bad_input_and_parses_the_rest(tmp_path: Path) -> None:
    folder = _mixed(tmp_path / "in")
    started = time.monotonic()
    summary = ingest([folder], tmp_path / "foi.sqlite", jobs=2, timeout=0.5, progress=False)
    assert time.monotonic() - started < 30  # the hanging input cost its timeout, not its run
    assert _statuses(tmp_path / "foi.sqlite") == {
        **dict.fromkeys(GOOD, ("ok", None)),
        "empty.txt": ("failed", "EmptyInputError"),
        "junk.txt": ("failed", "UnsupportedFormatError"),
        "truncated.pdf": ("failed", "CorruptFileError"),
        "notes.csv": ("skipped", "UnsupportedFormatError"),
        "photo.png": ("skipped", "UnsupportedFormatError"),
        "hangs.txt": ("timeout", "TooSlowError"),
    }
    assert summary.counts == {"ok": 3, "failed": 3, "skipped": 2, "timeout": 1}
    assert summary.failed == 4


def test_a_second_run_does_nothing_and_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT id, path, sha256 FROM documents ORDER BY id").fetchall()
    again = ingest([folder], db, jobs=1, progress=False)
    assert again.counts == {"unchanged": 3}
    os.utime(folder / GOOD[0], ns=(1, 1))  # touched, same bytes: not parsed again
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 3}
    (folder / GOOD[1]).write_bytes((FIXTURES / "council-parking-fines.txt").read_bytes())
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 2, "ok": 1}
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT id, path, sha256 FROM documents ORDER BY id").fetchall()
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    assert after[:2] == [row for row in before if row[1] != str(folder / GOOD[1])]


def _corpus(folder: Path, copies: int) -> list[Path]:
    """Many distinct responses: the text fixtures with a varied reference line added."""
    folder.mkdir()
    texts = sorted(FIXTURES.glob("*.txt"))
    paths = []
    for i in range(copies):
        source = texts[i % len(texts)]
        path = folder / f"{i:04d}-{source.name}"
        path.write_bytes(source.read_bytes() + f"\nOur ref: BATCH-{i:05d}\n".encode())
        paths.append(path)
    return paths


def test_a_run_killed_with_sigkill_and_resumed_gives_one_row_per_input(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 2000)
    db = tmp_path / "foi.sqlite"
    command = [sys.executable, "-m", "foiparse", "ingest", str(tmp_path / "in"), "--db", str(db), "-j", "2", "-q"]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=0.1) as conn:
                done = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if done:  # the first commit landed: kill it now
            break
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, at once
    process.wait()
    assert 0 < done < len(paths), "the run should have been killed part-way"
    resumed = subprocess.run(command, capture_output=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, status FROM documents").fetchall()
        assert conn.execute("SELECT count(*) FROM document_text").fetchone() == (len(paths),)
    assert sorted(path for path, _ in rows) == sorted(str(p) for p in paths)  # each once, none lost
    assert {status for _, status in rows} == {"ok"}


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything a run wrote, without the columns that say when and how fast."""
    with sqlite3.connect(db) as conn:
        docs = conn.execute(
            """SELECT path, sha256, size, status, error_class, error, authority, reference, date, outcome,
                      legislation, request, pages, json FROM documents ORDER BY path"""
        ).fetchall()
        children = {
            table: conn.execute(
                f"SELECT d.path, c.* FROM {table} c JOIN documents d ON d.id = c.document_id ORDER BY 1, 3, 4"
            ).fetchall()
            for table in ("exemptions", "prior_requests", "totals")
        }
        cells = conn.execute(
            """SELECT d.path, t.ordinal, t.columns, c.row, c.col, c.header, c.text, c.value, c.page
               FROM table_cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id
               ORDER BY 1, 2, 4, 5"""
        ).fetchall()
    strip = {table: [row[:1] + row[2:] for row in rows] for table, rows in children.items()}  # not document_id
    return {"documents": docs, **strip, "cells": cells}


def test_results_are_equal_with_one_worker_two_workers_and_a_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = _mixed(tmp_path / "in")
    (folder / "hangs.txt").unlink()  # timing is not what this compares
    for name in ("pdf-table-over-three-pages.pdf", "alaveteli-thread.html", "nested-tables-spans.html"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    ingest([folder], tmp_path / "one.sqlite", jobs=1, progress=False)
    ingest([folder], tmp_path / "two.sqlite", jobs=2, progress=False)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    ) as cluster:  # a real scheduler on loopback TCP, its worker in this process
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        ingest([folder], tmp_path / "dask.sqlite", scheduler=cluster.scheduler_address, progress=False)
    one = _dump(tmp_path / "one.sqlite")
    assert len(one["documents"]) == 11 and one["cells"] and one["exemptions"]
    assert _dump(tmp_path / "two.sqlite") == one
    assert _dump(tmp_path / "dask.sqlite") == one


def test_parse_many_yields_responses_and_errors_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_bytes(SEED.read_bytes())
    (folder / "a.txt").write_bytes(b"   \n")
    names = [folder / "b.txt", folder / "a.txt", tmp_path / "missing.txt"]
    results = list(parse_many(names, jobs=2))
    assert [r.path for r in results] == [str(p) for p in names]
    assert results[0].status == "ok" and results[0].response == parse(SEED, name=str(folder / "b.txt"))
    assert results[1].status == "failed" and isinstance(results[1].error, EmptyInputError)
    assert results[2].status == "failed" and isinstance(results[2].error, FoiparseError)
    assert "no such file" in str(results[2].error)


def test_a_worker_over_its_memory_cap_costs_one_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    line = b"The Council recorded 12 incidents in 2023 and 14 in 2024. " * 4
    (folder / "huge.txt").write_bytes(b"Dear Sir,\n" + (line + b"\n") * 200_000)  # 47 MB of figures
    (folder / "z.txt").write_bytes(SEED.read_bytes())
    results = {Path(r.path).name: r for r in parse_many([folder], jobs=1, max_memory_mb=300, timeout=120)}
    assert results["a.txt"].status == "ok" and results["z.txt"].status == "ok"
    assert results["huge.txt"].status == "failed"
    assert type(results["huge.txt"].error).__name__ in ("InputTooLargeError", "WorkerCrashedError")


def test_the_walk_records_what_it_cannot_read_and_follows_no_directory_links(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "loop").symlink_to(folder)  # a link loop
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder, tmp_path / "no-such-dir"], db, jobs=1, progress=False)
    assert _statuses(db) == {
        "a.txt": ("ok", None),
        "loop": ("skipped", "FoiparseError"),
        "dangling.txt": ("failed", "FoiparseError"),
        "no-such-dir": ("failed", "FoiparseError"),
    }
    assert summary.counts == {"ok": 1, "skipped": 1, "failed": 2}


def test_the_cli_reads_paths_from_stdin_filters_by_glob_and_summarises(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", 4)[0].parent
    (folder / "letter.pdf").write_bytes((FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes())
    db = tmp_path / "foi.sqlite"
    listing = "\n".join(str(p) for p in sorted(folder.iterdir())) + "\n"
    result = CliRunner().invoke(
        cli, ["ingest", "-", "--db", str(db), "--exclude", "*.pdf", "-j", "1", "--no-progress"], input=listing
    )
    assert result.exit_code == 0, result.output
    assert "4 ok in" in result.stderr and "documents/s" in result.stderr
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--include", "*.pdf", "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(_statuses(db)) == 5


def test_export_jsonl_gives_the_json_of_foiparse_file_for_each_document(tmp_path: Path) -> None:
    folder = _mixed(tmp_path / "in")
    (folder / "hangs.txt").unlink()
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=2, progress=False)
    out = tmp_path / "all.jsonl"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_bytes().splitlines()
    assert len(lines) == len(GOOD)
    for line in lines:
        exported = orjson.loads(line)
        name = exported["source"]["name"]
        printed = CliRunner().invoke(cli, [name])
        assert exported == orjson.loads(printed.stdout_bytes) == to_dict(parse(name))


def test_export_tables_writes_each_table_and_collates_same_column_tables(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    letter = (FIXTURES / "pdf-two-pages-ruled-tables.pdf").read_bytes()
    for name in ("north.pdf", "south.pdf"):
        (folder / name).write_bytes(letter + name.encode())  # two authorities' copies of one table
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=2, progress=False)
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--tables", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    singles = sorted((tmp_path / "csv").glob("*.csv"))
    assert len(singles) == 4  # two tables in each letter
    [combined] = (tmp_path / "csv" / "combined").glob("*.csv")
    with open(combined, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["authority", "source_file", "page", "Month", "Reports", "Closed"]
    assert len(rows) == 1 + 4 * 20
    assert {row[1] for row in rows[1:]} == {str(folder / "north.pdf"), str(folder / "south.pdf")}
    assert {row[2] for row in rows[1:]} == {"1", "2"}


def test_export_names_cannot_leave_the_chosen_folder(tmp_path: Path) -> None:
    assert _safe("../../etc/passwd") == "etc_passwd"
    assert _safe("..") == "document"
    with pytest.raises(FoiparseError):
        _inside(tmp_path.resolve(), "../escape.csv")


def test_export_of_a_missing_database_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(FoiparseError, match="no such database"), open(os.devnull, "wb") as out:
        export_jsonl(tmp_path / "none.sqlite", out)
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.sqlite"), "--jsonl", "-"])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


# Found by review: each of these once lost an input, duplicated one, hung or printed a traceback.


def test_a_file_name_that_is_not_utf8_is_parsed_and_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9-reply.txt")  # Latin-1 bytes in a name, as old archives have
    (folder / name).write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 1}
    with sqlite3.connect(db) as conn:
        [(path, packed)] = conn.execute("SELECT path, json FROM documents").fetchall()
    source = orjson.loads(zlib.decompress(packed))["source"]["name"]
    assert path.endswith("caf\\xe9-reply.txt") and path == source
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 1}
    result = CliRunner().invoke(cli, [str(folder / name)])
    assert result.exit_code == 0 and orjson.loads(result.stdout_bytes)["source"]["name"].endswith("caf\\xe9-reply.txt")


def test_a_figure_longer_than_64_bits_in_a_table_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (
        (FIXTURES / "police-stop-search.txt").read_text(encoding="utf-8").replace("1,204", "123456789012345678901234")
    )
    (folder / "big.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "foi.sqlite"
    assert ingest([folder], db, jobs=1, progress=False).counts == {"ok": 1}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM table_cells WHERE text = '123456789012345678901234'").fetchone() == (
            1.2345678901234568e23,
        )


def test_an_interrupt_while_a_document_is_written_leaves_none_of_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foiparse.batch.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes((FIXTURES / "police-stop-search.txt").read_bytes())
    writes = []
    original = Store._children

    def interrupted(self: Store, doc: int | None, record: dict[str, object]) -> None:
        writes.append(doc)
        if len(writes) == 2:
            self.conn.execute(
                "INSERT INTO exemptions (document_id, law, provision, section) VALUES (?, 'X', '1', '1')", (doc,)
            )
            raise KeyboardInterrupt  # Ctrl-C between two statements of one document
        original(self, doc, record)

    monkeypatch.setattr(Store, "_children", interrupted)
    db = tmp_path / "foi.sqlite"
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM exemptions WHERE law = 'X'").fetchone() == (0,)
    monkeypatch.setattr(Store, "_children", original)
    assert ingest([folder], db, jobs=1, progress=False).counts == {"unchanged": 1, "ok": 1}


def test_long_paths_and_large_results_do_not_deadlock_the_pool(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(12):  # a path of 2,400 control characters: 14 KB once escaped in JSON
        folder = folder / ("\x01" * 200)
    folder.mkdir(parents=True)
    letter = (FIXTURES / "police-stop-search.txt").read_bytes() * 12  # results of over 64 KB each
    for i in range(16):
        (folder / f"{i}.txt").write_bytes(letter)
    started = time.monotonic()
    results = list(parse_many([tmp_path], jobs=1, timeout=20))
    assert time.monotonic() - started < 30
    assert [r.status for r in results] == ["ok"] * 16


def test_the_same_folder_spelled_two_ways_is_one_set_of_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "foi.sqlite"
    summary = ingest(["in", "./in", str(folder / "a.txt")], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 1}
    assert ingest(["./in/"], db, jobs=1, progress=False).counts == {"unchanged": 1}


def test_identical_files_in_two_folders_export_two_table_files(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "letter.txt").write_bytes((FIXTURES / "police-stop-search.txt").read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([tmp_path / "a", tmp_path / "b"], db, jobs=1, progress=False)
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--tables", str(tmp_path / "csv")])
    assert result.exit_code == 0
    assert len(list((tmp_path / "csv").glob("*.csv"))) == 2


def test_an_unreachable_dask_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import foiparse.batch.cluster

    monkeypatch.setattr(foiparse.batch.cluster, "CONNECT_TIMEOUT", 2.0)
    result = CliRunner().invoke(
        cli, ["ingest", str(SEED), "--db", str(tmp_path / "foi.sqlite"), "--scheduler", "tcp://127.0.0.1:9", "-q"]
    )
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_rerun_exits_1_while_inputs_recorded_as_failed_are_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "foi.sqlite")
    first = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "-j", "1"])
    second = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "-j", "1"])
    assert first.exit_code == second.exit_code == 1
    assert "2 unchanged, of which 1 failed before" in second.stderr


def test_export_reads_while_an_ingest_holds_the_write_lock(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as a running ingest does between its commits
    writer.execute("UPDATE documents SET seconds = 0")
    try:
        out = tmp_path / "all.jsonl"
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--jsonl", str(out)])
        assert result.exit_code == 0, result.stderr
        assert len(out.read_bytes().splitlines()) == 1
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["export", "--db", str(empty), "--jsonl", "-"])
    assert result.exit_code == 1 and empty.read_bytes() == b""  # nothing written into it


def test_the_full_text_index_finds_documents_by_their_words_and_views_answer(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("leicester-data-breaches-2019.txt", "police-stop-search.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:
        hits = conn.execute(
            """SELECT d.authority FROM document_text JOIN documents d ON d.id = document_text.rowid
               WHERE document_text MATCH 'NEAR(stop search)'"""
        ).fetchall()
        assert hits == [("Northshire Constabulary",)]
        views = conn.execute("SELECT authority, law, section FROM exemptions_per_authority ORDER BY 1, 3").fetchall()
        assert ("Leicester City Council", "FOIA", "21") in views
        assert conn.execute("SELECT count(*) FROM outcomes_per_authority").fetchone() == (2,)
