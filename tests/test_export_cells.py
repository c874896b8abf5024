"""`foiparse export --cells`: every figure of an ingest as one row, with where it came from (issue #19)."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
import sqlite3
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, fixture_files
from foiparse.batch import ingest
from foiparse.batch.export import export_cells
from foiparse.batch.store import Store
from foiparse.cli import cli
from foiparse.collate.figures import COLUMNS, cell_spans, cell_unit, exemption_label, figures, row_label

MASSFOI = FIXTURES / "massfoi"
# A letter of our own whose table has what the rules for labels and units weigh: two label
# cells, a header that gives the unit, figures that are not numbers, a row of words only.
UNITS_LETTER = """Bramblewick Borough Council
Freedom of Information Team

Our ref: FOI-2025-0042
Date: 3 March 2025

Dear Requester,

Thank you for your request for information about the cost of pest control.

| Area | Ward | Cost (£) | % of total | Visits |
| --- | --- | --- | --- | --- |
| North | Abbey | 12,500 | 40 | 7 |
| North | Brook | <5 | n/a | 3 |
| South | Carrow | £9,100 | 60% | 4 |
| Notes | Figures rounded | See annex | | |

In total we made 14 visits.

Yours sincerely,
Information Governance
"""
FAILING = {"empty.txt": b"", "truncated.pdf": b"%PDF-1.7\n1 0 obj <<"}  # inputs that give no response
NO_FIGURES = ("not-held-fire-service.txt", "not-held-inline-quote.txt", "internal-review-s14-upheld.txt")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures (and the mass-FOI set) ingested once: the database the exports read."""
    root = tmp_path_factory.mktemp("cells")
    folder = root / "in"
    folder.mkdir()
    for path in fixture_files():
        shutil.copy(path, folder / path.name)
    if MASSFOI.is_dir():
        shutil.copytree(
            MASSFOI, folder / "massfoi", ignore=shutil.ignore_patterns("*.json", "*.py", "*.csv", "*.md", "collated")
        )
    for name, data in FAILING.items():
        (folder / name).write_bytes(data)
    (folder / "units-letter.txt").write_text(UNITS_LETTER, encoding="utf-8")
    ingest([folder], root / "foi.sqlite", jobs=2, progress=False)
    return root / "foi.sqlite"


def _export(runner: CliRunner, db: Path, out: Path) -> Any:
    result = runner.invoke(cli, ["export", "--db", str(db), "--cells", str(out)])
    assert result.exit_code == 0, result.output
    return result


def _documents(db: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, json FROM documents WHERE status = 'ok'").fetchall()
    return {path: orjson.loads(zlib.decompress(blob)) for path, blob in rows}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_every_cell_and_total_is_one_row_and_a_document_without_either_is_one_none_row(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    _export(runner, ingested, tmp_path / "cells.jsonl")
    rows = _jsonl_rows(tmp_path / "cells.jsonl")
    documents = _documents(ingested)
    kinds = Counter((row["document"], row["kind"]) for row in rows)
    assert {document for document, _ in kinds} == set(documents)
    for path, response in documents.items():
        cells = sum(len(row) for table in response["tables"] for row in table["rows"])
        totals = len(response["totals"])
        assert kinds[path, "cell"] == cells, path
        assert kinds[path, "total"] == totals, path
        assert kinds[path, "none"] == (0 if cells or totals else 1), path
    assert sum(kinds.values()) == len(rows) > 1000


def test_every_rows_span_slices_to_the_cell_or_the_total_as_written(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    _export(runner, ingested, tmp_path / "cells.jsonl")
    texts = {path: "".join(b["text"] for b in r["blocks"]) for path, r in _documents(ingested).items()}
    located = 0
    for row in _jsonl_rows(tmp_path / "cells.jsonl"):
        start, end = row["span_start"], row["span_end"]
        if row["kind"] == "none" or (row["kind"] == "cell" and not row["text"].split()):
            assert start is None and end is None  # nothing written: nothing to point at
            continue
        assert start is not None, row  # the fixtures' tables are all found in their text
        written = texts[row["document"]][start:end]
        if row["kind"] == "total":
            assert written == row["text"], row
        else:
            assert written.split() == row["text"].split(), row  # a wrapped cell: the same words
        located += 1
    assert located > 1000


def test_a_rows_cells_stand_in_order_within_their_table(ingested: Path) -> None:
    for path, response in _documents(ingested).items():
        text = "".join(b["text"] for b in response["blocks"])
        for table in response["tables"]:
            start, end = table["span"]
            for spans in cell_spans(text, table):
                found = [span for span in spans if span is not None]
                assert all(start <= s < e <= end for s, e in found), path
                assert all(a[1] <= b[0] for a, b in itertools.pairwise(found)), path


def test_refusals_and_not_held_answers_are_rows_with_their_outcome_and_exemptions(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    _export(runner, ingested, tmp_path / "cells.csv")
    rows = _csv_rows(tmp_path / "cells.csv")
    for name in NO_FIGURES:
        golden = orjson.loads((FIXTURES / name).with_suffix(".expected.json").read_bytes())
        [row] = [r for r in rows if Path(r["document"]).name == name]
        assert row["kind"] == "none" and row["value"] == row["text"] == row["span_start"] == ""
        assert row["outcome"] == golden["outcome"] != "disclosed"
        cited = [exemption_label(e["law"], e["provision"]) for e in golden["exemptions"]]
        assert row["exemptions"] == "; ".join(dict.fromkeys(cited))
    [s14] = [r for r in rows if Path(r["document"]).name == "internal-review-s14-upheld.txt"]
    assert s14["exemptions"] == "FOIA s.14(1)" and s14["reasons"] == "Vexatious request"
    assert s14["authority"] and s14["reference"]


def test_row_labels_and_units_of_a_letters_table(ingested: Path, runner: CliRunner, tmp_path: Path) -> None:
    _export(runner, ingested, tmp_path / "cells.jsonl")
    rows = [r for r in _jsonl_rows(tmp_path / "cells.jsonl") if r["document"].endswith("units-letter.txt")]
    cells = [r for r in rows if r["kind"] == "cell"]
    assert [r["row_label"] for r in cells[::5]] == ["North Abbey", "North Brook", "South Carrow", "Notes"]
    assert [(r["text"], r["value"], r["unit"]) for r in cells if r["col"] >= 2 and r["row"] < 3] == [
        ("12,500", 12500, "GBP"),
        ("40", 40, "percent"),
        ("7", 7, None),
        ("<5", None, None),
        ("n/a", None, None),
        ("3", 3, None),
        ("£9,100", 9100, "GBP"),
        ("60%", 60, "percent"),
        ("4", 4, None),
    ]
    assert {r["unit"] for r in cells if r["col"] < 2} == {None}
    [total] = [r for r in rows if r["kind"] == "total"]
    assert (total["text"], total["value"], total["unit"], total["measure"]) == ("14", 14, "count", "visits")
    assert {r["reference"] for r in rows} == {"FOI-2025-0042"}


def test_failed_inputs_are_not_rows_and_are_counted_in_the_summary(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = _export(runner, ingested, tmp_path / "cells.csv")
    documents = {Path(r["document"]).name for r in _csv_rows(tmp_path / "cells.csv")}
    assert not documents & set(FAILING)
    assert f"({len(FAILING)} failed or timed out: see the failures view)" in result.output


def test_csv_and_jsonl_hold_the_same_rows(ingested: Path, runner: CliRunner, tmp_path: Path) -> None:
    _export(runner, ingested, tmp_path / "cells.csv")
    _export(runner, ingested, tmp_path / "cells.jsonl")
    as_csv = _csv_rows(tmp_path / "cells.csv")
    as_jsonl = _jsonl_rows(tmp_path / "cells.jsonl")
    assert len(as_csv) == len(as_jsonl)
    for a, b in zip(as_csv, as_jsonl, strict=True):
        for name in COLUMNS:
            expected = b[name]
            if isinstance(expected, list):
                expected = "; ".join(expected)
            assert a[name] == ("" if expected is None else str(expected)), name


def test_the_figures_view_gives_the_rows_the_export_writes(ingested: Path, runner: CliRunner, tmp_path: Path) -> None:
    _export(runner, ingested, tmp_path / "cells.jsonl")
    exported = sorted(_comparable(row) for row in _jsonl_rows(tmp_path / "cells.jsonl"))
    assert exported == sorted(_comparable(row) for row in _view(ingested))


def _view(db: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        cursor = conn.execute("SELECT * FROM figures")
        names = [d[0] for d in cursor.description]
        assert tuple(names[: len(COLUMNS)]) == COLUMNS and names[len(COLUMNS) :] == ["document_id"]
        return [dict(zip(names, row, strict=True)) for row in cursor]


def _comparable(row: dict[str, Any]) -> tuple[str, ...]:
    """A row with lists joined and numbers as reals, as SQL gives them."""
    out = []
    for name in COLUMNS:
        value = row[name]
        if isinstance(value, list):
            value = "; ".join(value) or None
        if isinstance(value, int | float) and name == "value":
            value = float(value)
        out.append(repr(value))
    return tuple(out)


def test_a_schema_3_database_is_upgraded_with_every_cells_span_label_and_totals_page(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "v3.sqlite"
    shutil.copy(ingested, db)
    with sqlite3.connect(db) as conn:  # as foiparse wrote it before schema 4: the added columns and view gone
        conn.executescript(
            """DROP VIEW figures;
               ALTER TABLE cells DROP COLUMN span_start; ALTER TABLE cells DROP COLUMN span_end;
               ALTER TABLE cells DROP COLUMN label; ALTER TABLE totals DROP COLUMN page;
               UPDATE meta SET value = '3' WHERE key = 'schema_version';"""
        )
    _export(runner, db, tmp_path / "old.jsonl")  # read as it is, without the view
    _export(runner, ingested, tmp_path / "new.jsonl")
    assert (tmp_path / "old.jsonl").read_bytes() == (tmp_path / "new.jsonl").read_bytes()
    Store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(map(_comparable, _view(db))) == sorted(map(_comparable, _view(ingested)))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM totals WHERE page IS NOT NULL").fetchone()[0] > 0


def _record(json: dict[str, Any]) -> dict[str, Any]:
    return {"path": "/in/evil.txt", "status": "ok", "json": orjson.dumps(json).decode(), "authority": "+evil"}


EVIL_TEXT = "=HYPERLINK(1)\t-5\t@SUM(A1)\n"
EVIL = {
    "authority": {"name": "+cmd|' /C calc'!A0", "span": [0, 1]},
    "reference": None,
    "date": None,
    "outcome": "disclosed",
    "exemptions": [],
    "totals": [],
    "tables": [
        {
            "title": "-2+3",
            "columns": ["@A", "B", "C"],
            "rows": [["=HYPERLINK(1)", "-5", "@SUM(A1)"]],
            "span": [0, len(EVIL_TEXT)],
            "page": None,
            "row_pages": [],
        }
    ],
    "blocks": [{"kind": "table", "text": EVIL_TEXT, "span": [0, len(EVIL_TEXT)], "page": None}],
}


def test_a_csv_cell_a_spreadsheet_would_run_is_written_as_text_and_jsonl_keeps_it_as_written(tmp_path: Path) -> None:
    db = tmp_path / "evil.sqlite"
    store = Store(db)
    store.put(_record(EVIL), new=True)
    store.close()
    out = io.BytesIO()
    written = export_cells(db, out, form="csv")
    assert (written.figures, written.documents, written.left_out) == (3, 1, 0)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(1)", "-5", "'@SUM(A1)"]
    assert {r["authority"] for r in rows} == {"'+cmd|' /C calc'!A0"}
    assert {r["title"] for r in rows} == {"'-2+3"}
    assert rows[0]["column_header"] == "'@A" and rows[1]["value"] == "-5"
    out = io.BytesIO()
    export_cells(db, out, form="jsonl")
    [first, *_] = [orjson.loads(line) for line in out.getvalue().splitlines()]
    assert first["text"] == "=HYPERLINK(1)" and first["authority"] == "+cmd|' /C calc'!A0"
    assert (first["span_start"], first["span_end"]) == (0, len("=HYPERLINK(1)"))


def test_a_stored_json_that_is_not_foiparses_output_is_one_line_and_no_file(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "odd.sqlite"
    store = Store(db)
    store.put({"path": "/in/odd.txt", "status": "ok", "json": '{"blocks": [{"text": "12 fines"}], "totals": [{}]}'})
    store.close()
    result = runner.invoke(cli, ["export", "--db", str(db), "--cells", str(tmp_path / "cells.csv")])
    assert result.exit_code == 1 and not (tmp_path / "cells.csv").exists()
    assert result.output.count("\n") == 1 and "the stored JSON of /in/odd.txt is not foiparse's output" in result.output


def test_cells_must_be_named_csv_or_jsonl_and_dash_writes_csv_to_standard_output(
    ingested: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--cells", str(tmp_path / "cells.xlsx")])
    assert result.exit_code == 2 and "FILE.csv or FILE.jsonl" in result.output
    assert not (tmp_path / "cells.xlsx").exists()
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--cells", "-", "-q"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--cells", str(ingested.with_suffix(".csv"))])
    assert result.exit_code == 0  # a CSV beside the database is no threat to it
    db_as_csv = tmp_path / "db.csv"
    db_as_csv.symlink_to(ingested)
    result = runner.invoke(cli, ["export", "--db", str(ingested), "--cells", str(db_as_csv)])
    assert result.exit_code == 2 and "refusing to write over it" in result.output


# figures() and cell_spans() on their own ------------------------------------------------------------


def _response(text: str, tables: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "authority": None,
        "reference": None,
        "date": None,
        "outcome": "disclosed",
        "exemptions": [],
        "totals": [],
        "tables": tables,
        "blocks": [{"kind": "paragraph", "text": text, "span": [0, len(text)], "page": None}],
        **extra,
    }


def test_row_labels_are_the_cells_before_the_first_figure_and_units_come_from_the_cell_or_its_header() -> None:
    text = "Area\tSub\tSpend (£)\tShare\tCount\nNorth\tEast\t12,500\t12%\t7\nNotes only\tsee below\n"
    table = {
        "title": None,
        "columns": ["Area", "Sub", "Spend (£)", "Share", "Count"],
        "rows": [["North", "East", "12,500", "12%", "7"], ["Notes only", "see below"]],
        "span": [0, len(text)],
    }
    rows = list(figures(_response(text, [table]), document="d"))
    assert [f.row_label for f in rows] == ["North East"] * 5 + ["Notes only"] * 2
    assert [f.unit for f in rows] == [None, None, "GBP", "percent", None, None, None]
    assert [f.value for f in rows] == [None, None, 12500, 12, 7, None, None]
    assert all(text[f.span[0] : f.span[1]] == f.text for f in rows if f.span)
    assert row_label(["", "5"]) is None
    assert cell_unit("£1.2m", None, label=False, value=None) == "GBP"
    assert cell_unit("45", "Proportion (per cent)", label=False, value=45) == "percent"
    assert cell_unit("n/a", "Cost £", label=False, value=None) is None


def test_exemptions_are_each_provision_once_in_the_order_first_cited_with_their_names() -> None:
    cited = [
        {"law": "FOIA", "provision": "40(2)", "name": "Personal information"},
        {"law": "EIR", "provision": "12(5)(e)", "name": None},
        {"law": "FOIA", "provision": "40(2)", "name": "Personal information"},
        {"law": "US-FOIA", "provision": "(b)(6)", "name": "Personal privacy"},
    ]
    [row] = figures(_response("No figures here.", [], exemptions=cited, outcome="refused"), document="d")
    assert row.kind == "none" and row.outcome == "refused" and row.value is None
    assert row.exemptions == ("FOIA s.40(2)", "EIR reg.12(5)(e)", "US-FOIA (b)(6)")
    assert row.reasons == ("Personal information", "", "Personal privacy")


def test_a_cell_missing_from_its_place_is_not_taken_from_a_row_further_down() -> None:
    text = "Year\tA\tB\n2021\t4\t9\n2022\t6\t7\n2023\t5\t8\n"
    table = {"columns": ["Year", "A", "B"], "rows": [["2021", "4", "8"], ["2022", "6", "7"]], "span": [0, len(text)]}
    spans = cell_spans(text, table)
    assert spans[0][2] is None  # the 8 is in 2023's row, not 2021's
    assert spans[1][2] == (text.index("7"), text.index("7") + 1)


def test_a_figure_is_not_found_inside_a_longer_number() -> None:
    text = "Item\tCount\nWidgets 15 2.5\t5\nGadgets 12.5\t12\nBolts 1,234\t234\n"
    rows = [["Widgets (all)", "5"], ["Gadgets (all)", "12"], ["Bolts (all)", "234"]]  # labels the reader rewrote
    spans = cell_spans(text, {"columns": ["Item", "Count"], "rows": rows, "span": [0, len(text)]})
    assert [row[0] for row in spans] == [None, None, None]  # not in the text: the cursor stays before them
    for [_, figure], [_, span] in zip(rows, spans, strict=True):
        at = text.index("\t" + figure + "\n") + 1
        assert span == (at, at + len(figure))


def test_a_row_is_found_after_a_page_break_but_not_far_below() -> None:
    footer = "Page 1 of 2\n" + "\n" * 15 + "\f\n" + "Borough Council\n\n\n\nParking fines\n\n"
    far = "\n".join(f"note {i}" for i in range(20))
    text = f"Ward\tFines\nAbbey\t4\n{footer}Brook\t5\nCrown\t6\n{far}\nDocks\t7\n"
    rows = [["Abbey", "4"], ["Brook", "5"], ["Dell", "6"], ["Docks", "7"]]
    spans = cell_spans(text, {"columns": ["Ward", "Fines"], "rows": rows, "span": [0, len(text)]})
    assert [text[s[0] : s[1]] for row in spans[:2] for s in row if s] == ["Abbey", "4", "Brook", "5"]
    assert spans[2][0] is None and spans[2][1] == (text.index("\t6") + 1, text.index("\t6") + 2)
    assert spans[3] == [None, None]  # twenty lines below its row: another part of the letter


def test_a_wide_table_printed_as_two_column_blocks_is_found_in_both() -> None:
    text = "Station\tApr\tMay\nStation 1\t8\t16\nStation 2\t15\t30\n\nStation\tJun\tJul\nStation 1\t16\t8\nStation 2\t30\t15\n"
    rows = [["Station 1", "8", "16", "16", "8"], ["Station 2", "15", "30", "30", "15"]]
    spans = cell_spans(text, {"columns": ["Station", "Apr", "May", "Jun", "Jul"], "rows": rows, "span": [0, len(text)]})
    lines = text.split("\n")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            span = spans[r][c]
            assert span is not None and text[span[0] : span[1]] == cell
            line = text.count("\n", 0, span[0])
            assert lines[line].startswith(f"Station {r + 1}")
            assert line == r + 1 + (4 if c >= 3 else 0)  # the second block's lines for Jun and Jul


WORD = st.text(alphabet="ab1£%,.-", min_size=1, max_size=4).filter(lambda w: w.strip(",.") == w)
CELL = st.lists(WORD, min_size=1, max_size=3)
SEPARATOR = st.sampled_from(["\t", "  ", "   ", " | "])


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(1, 4),
    data=st.data(),
    before=st.text(alphabet="ab1 \n", max_size=20),
    gap=st.sampled_from([" ", "\n", "  \n "]),
)
def test_cell_spans_find_every_cell_of_any_table_where_it_was_written(
    width: int, data: st.DataObject, before: str, gap: str
) -> None:
    height = data.draw(st.integers(1, 5))
    columns = [" ".join(data.draw(CELL)) for _ in range(width)]
    cells = [[data.draw(CELL) for _ in range(width)] for _ in range(height)]
    separator = data.draw(SEPARATOR)
    text, where = before + "\n", {}
    start = len(text)
    text += separator.join(columns) + "\n"
    for r, row in enumerate(cells):
        for c, words in enumerate(row):
            if c:
                text += separator
            written = gap.join(words) if c == 0 else " ".join(words)  # a first cell may wrap
            where[r, c] = (len(text), len(text) + len(written))
            text += written
        text += "\n"
    table = {"columns": columns, "rows": [[" ".join(w) for w in row] for row in cells], "span": [start, len(text)]}
    spans = cell_spans(text + "after 1 a", table)
    assert {(r, c): span for r, row in enumerate(spans) for c, span in enumerate(row)} == where
