"""The command line, run in-process: output, exit codes, and one-line errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SEED
from foiparse.cli import cli


def run(runner: CliRunner, args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = runner.invoke(cli, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_one_file_prints_one_indented_json_object(runner: CliRunner) -> None:
    code, out, err = run(runner, [str(SEED)])
    assert code == 0 and err == ""
    obj = orjson.loads(out)
    assert obj["authority"]["name"] == "Leicester City Council"
    assert out.startswith(b"{\n  ")


def test_parse_is_also_an_explicit_command(runner: CliRunner) -> None:
    assert run(runner, ["parse", str(SEED)])[1] == run(runner, [str(SEED)])[1]


def test_several_files_print_one_object_per_line(runner: CliRunner) -> None:
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))[:3]
    code, out, _ = run(runner, files)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert [orjson.loads(line)["source"]["name"] for line in lines] == files


def test_jsonl_flag_makes_one_file_one_line(runner: CliRunner) -> None:
    _, out, _ = run(runner, ["--jsonl", str(SEED)])
    assert len(out.splitlines()) == 1


def test_standard_input_is_read_with_a_dash(runner: CliRunner) -> None:
    code, out, _ = run(runner, ["-"], stdin=SEED.read_bytes())
    assert code == 0
    assert orjson.loads(out)["source"]["name"] is None


def test_output_option_writes_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run(runner, ["-o", str(target), str(SEED)])
    assert code == 0 and out == b""
    assert orjson.loads(target.read_bytes())["totals"][0]["value"] == 259


def test_render_gives_back_the_original_bytes(runner: CliRunner, tmp_path: Path) -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        json_path = tmp_path / (path.stem + ".json")
        run(runner, ["-o", str(json_path), str(path)])
        code, out, _ = run(runner, ["render", str(json_path)])
        assert code == 0
        assert out == path.read_bytes(), path.name


def test_render_reads_standard_input(runner: CliRunner) -> None:
    _, json_bytes, _ = run(runner, [str(SEED)])
    code, out, _ = run(runner, ["render", "-"], stdin=json_bytes)
    assert code == 0 and out == SEED.read_bytes()


def test_validate_passes_our_output_and_names_what_is_wrong(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    run(runner, ["-o", str(good), str(SEED)])
    code, out, _ = run(runner, ["validate", str(good)])
    assert code == 0 and b"valid" in out
    bad = tmp_path / "bad.json"
    obj = orjson.loads(good.read_bytes())
    obj["outcome"] = "maybe"
    bad.write_bytes(orjson.dumps(obj))
    code, _, err = run(runner, ["validate", str(bad)])
    assert code == 14  # SchemaValidationError
    assert err.count("\n") == 1 and "$.outcome" in err and "bad.json" in err


def test_validate_accepts_json_lines(runner: CliRunner, tmp_path: Path) -> None:
    lines = tmp_path / "all.jsonl"
    files = [str(p) for p in sorted(FIXTURES.glob("*.txt"))]
    run(runner, ["-o", str(lines), *files])
    code, out, _ = run(runner, ["validate", str(lines)])
    assert code == 0 and f"({len(files)} objects)".encode() in out


def test_schema_command_prints_the_schema(runner: CliRunner) -> None:
    code, out, _ = run(runner, ["schema"])
    assert code == 0
    assert orjson.loads(out)["$schema"].endswith("2020-12/schema")


def test_version(runner: CliRunner) -> None:
    code, out, _ = run(runner, ["--version"])
    assert code == 0 and out.startswith(b"foiparse, version ")


@pytest.mark.parametrize(
    ("content", "message", "exit_code"),
    [
        pytest.param(b"", "empty input", 4, id="empty"),
        pytest.param(b"   \n\n", "empty input", 4, id="whitespace"),
        pytest.param(b"PK\x03\x04\x14\x00", "corrupt ZIP", 8, id="zip"),
        pytest.param(b"%PDF-1.4\n", "corrupt or truncated PDF", 8, id="pdf"),
    ],
)
def test_a_bad_input_is_one_line_on_stderr_and_exits_with_its_cause(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str, exit_code: int
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, out, err = run(runner, [str(path)])
    assert code == exit_code and out == b""
    assert err.startswith(f"foiparse: {path}: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_file_is_named(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, [str(tmp_path / "nope.txt")])
    assert code == 1 and err.strip().endswith("nope.txt: no such file")


def test_a_failure_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(runner, [str(empty), str(SEED)])
    assert code == 4  # one cause: its own exit code
    assert len(out.splitlines()) == 1 and "empty.txt" in err
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(32)) * 8)
    code, out, err = run(runner, [str(empty), str(junk), str(SEED)])
    assert code == 1 and len(out.splitlines()) == 1  # two causes: 1


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert run(runner, ["parse"])[0] == 2
    assert run(runner, ["--format", "word", str(SEED)])[0] == 2
    assert run(runner, ["--no-such-option", str(SEED)])[0] == 2


def test_render_of_something_that_is_not_json_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"not json")
    code, _, err = run(runner, ["render", str(path)])
    assert code == 13 and "not JSON" in err and err.count("\n") == 1  # InvalidJsonError


def test_ingest_records_every_file_and_resumes(runner: CliRunner, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(SEED.read_bytes())
    (docs / "b.txt").write_bytes(b"")
    (docs / "notes.md").write_bytes(b"# not a response")
    db = tmp_path / "foi.sqlite"
    code, _, err = run(runner, ["ingest", str(docs), "--db", str(db)])
    assert code == 1
    assert "1 ok, 1 failed, 1 skipped" in err
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, status FROM documents").fetchall())
    assert rows == {str(docs / "a.txt"): "ok", str(docs / "b.txt"): "failed", str(docs / "notes.md"): "skipped"}
    code, _, err = run(runner, ["ingest", str(docs), "--db", str(db)])
    assert "3 unchanged" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
        authority = conn.execute("SELECT authority FROM documents WHERE status = 'ok'").fetchone()
    assert authority == ("Leicester City Council",)


def test_an_unwritable_output_is_one_line_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, ["-o", str(tmp_path / "missing" / "x.json"), str(SEED)])
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err


def test_file_errors_of_render_and_validate_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, ["render", str(tmp_path / "nope.json")])[0] == 1
    code, _, err = run(runner, ["validate", str(tmp_path)])
    assert code == 1 and "is a directory" in err


def test_a_truncated_json_file_is_reported_where_it_breaks(runner: CliRunner, tmp_path: Path) -> None:
    _, whole, _ = run(runner, [str(SEED)])
    truncated = tmp_path / "t.json"
    truncated.write_bytes(whole[:400])
    code, _, err = run(runner, ["validate", str(truncated)])
    assert code == 13 and "char 400" in err


def test_render_of_json_with_an_unknown_encoding_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    _, whole, _ = run(runner, [str(SEED)])
    obj = orjson.loads(whole)
    obj["source"]["encoding"] = "klingon"
    path = tmp_path / "k.json"
    path.write_bytes(orjson.dumps(obj))
    code, _, err = run(runner, ["render", str(path)])
    assert code == 14 and "$.source.encoding is 'klingon'" in err and "Traceback" not in err  # GroundingError


def test_ingest_into_something_that_is_not_a_database_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "not.sqlite"
    db.write_bytes(b"hello, not sqlite at all" * 10)
    code, _, err = run(runner, ["ingest", str(SEED), "--db", str(db)])
    assert code == 1 and "not a database" in err and err.count("\n") == 1


def test_max_bytes_stops_reading_an_endless_input(runner: CliRunner) -> None:
    code, _, err = run(runner, ["--max-bytes", "10", "/dev/zero"])
    assert code == 9 and "input too large" in err


def test_a_file_named_like_a_command_is_parsed_with_parse(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema").write_bytes(SEED.read_bytes())
    code, out, _ = run(runner, ["parse", "schema"])
    assert code == 0 and orjson.loads(out)["authority"]["name"] == "Leicester City Council"
    assert orjson.loads(run(runner, ["schema"])[1])["title"] == "foiparse response"


@pytest.mark.parametrize(
    ("field", "change", "where"),
    [
        ("blocks", lambda o: o["blocks"][0].__setitem__("span", [5, 999]), "$.blocks[0].span"),
        ("totals", lambda o: o["totals"][0].__setitem__("span", [0, 3]), "$.totals[0].span"),
        ("request", lambda o: o["request"].__setitem__("span", [0, 99999]), "$.request.span"),
    ],
)
def test_validate_and_render_catch_spans_that_do_not_hold_their_evidence(
    runner: CliRunner, tmp_path: Path, field: str, change: Any, where: str
) -> None:
    _, whole, _ = run(runner, [str(SEED)])
    obj = orjson.loads(whole)
    change(obj)
    path = tmp_path / f"{field}.json"
    path.write_bytes(orjson.dumps(obj))
    for command in ("validate", "render"):
        code, _, err = run(runner, [command, str(path)])
        assert code == 14 and where in err and err.count("\n") == 1  # GroundingError


def test_a_pdf_over_the_page_limit_is_refused_in_one_line(runner: CliRunner) -> None:
    path = str(FIXTURES / "pdf-table-over-three-pages.pdf")
    code, out, err = run(runner, ["--max-pages", "2", path])
    assert code == 9 and out == b""
    assert err == f"foiparse: {path}: too many pages: 4, over the limit of 2\n"


# --min-confidence (issue 14): a user can drop the totals foiparse is unsure of.
_UNSURE = (
    b"Dear Ms Kerr,\nWe issued 412 parking fines in 2023.\n"
    b"Reason |\nTotal |\nThe fines came to 9 |\nReminders were sent about 36 cases.\n"
)


def test_min_confidence_drops_less_likely_totals(runner: CliRunner) -> None:
    code, out, _ = run(runner, ["-", "--jsonl"], stdin=_UNSURE)
    totals = orjson.loads(out)["totals"]
    assert code == 0 and totals and all(0 <= t["confidence"] <= 1 for t in totals)
    cut = min(t["confidence"] for t in totals) + 0.001
    code, out, _ = run(runner, ["-", "--jsonl", "--min-confidence", str(cut)], stdin=_UNSURE)
    kept = orjson.loads(out)["totals"]
    assert code == 0 and kept == [t for t in totals if t["confidence"] >= cut] and len(kept) < len(totals)


def test_min_confidence_zero_and_one_are_the_ends(runner: CliRunner) -> None:
    everything = orjson.loads(run(runner, ["-", "--jsonl"], stdin=_UNSURE)[1])
    assert orjson.loads(run(runner, ["-", "--jsonl", "--min-confidence", "0"], stdin=_UNSURE)[1]) == everything
    nothing_below_one = orjson.loads(run(runner, ["-", "--jsonl", "--min-confidence", "1"], stdin=_UNSURE)[1])
    assert all(t["confidence"] == 1 for t in nothing_below_one["totals"])
    assert nothing_below_one["outcome"] == everything["outcome"]  # judged before the cut


@pytest.mark.parametrize("value", ["-0.1", "1.5", "nan", "lots"])
def test_min_confidence_out_of_range_is_a_usage_error(runner: CliRunner, value: str) -> None:
    code, out, err = run(runner, [str(SEED), "--min-confidence", value])
    assert code == 2 and out == b"" and err.count("\n") == 1 and "--min-confidence" in err


def test_min_confidence_in_the_library_options() -> None:
    from foiparse.errors import FoiparseError
    from foiparse.pipeline import Options, parse

    assert parse(_UNSURE, Options(min_confidence=1.0), name="t.txt").totals == tuple(
        t for t in parse(_UNSURE, name="t.txt").totals if t.confidence >= 1.0
    )
    with pytest.raises(FoiparseError):
        Options(min_confidence=float("nan"))


def test_explain_shows_each_weighed_choice_with_its_probability_and_reasons(runner: CliRunner) -> None:
    code, out, err = run(runner, ["explain", str(SEED)])
    text = out.decode()
    assert code == 0, err
    assert "authority:" in text and "'Leicester City Council'" in text
    assert "total:" in text and "'259'" in text
    chosen = next(line for line in text.splitlines() if "'259'" in line)
    assert chosen.lstrip().startswith("+ 0.") and "(" in chosen  # kept, a probability, and the features behind it


def test_explain_lists_every_candidate_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    figures = "\n".join(f"{n}. We received {n * 7} complaints in {2015 + n}." for n in range(1, 7))
    letter.write_text(f"Dear Ms Bell,\n\nYour request:\nHow many complaints?\n\n{figures}\n\nYours sincerely\n")
    _, short, _ = run(runner, ["explain", str(letter)])
    _, full, _ = run(runner, ["explain", "--all", str(letter)])

    def count(out: bytes) -> int:
        return sum(1 for line in out.decode().splitlines() if line.startswith("  "))

    assert count(full) > count(short)


def test_explain_of_a_missing_file_is_one_line_and_a_failure(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = run(runner, ["explain", str(tmp_path / "absent.txt")])
    assert code != 0 and out == b"" and err.count("\n") == 1 and "absent.txt" in err
