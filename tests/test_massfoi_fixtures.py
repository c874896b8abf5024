"""The mass-FOI fixture set (fixtures/massfoi/, issue #19): one request, fifteen authorities' answers.

``truth.json`` is the ground truth ``foiparse collate`` is checked against, so these tests
hold the letters to it: each parses with the authority, outcome and exemptions it records,
and every figure it lists is where a collation will look for it (a table cell under its
row label and column header, or a prose total for its period). Each letter's whole parse
is pinned by its golden beside it (tests/test_golden.py, which reads this folder too).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest

from conftest import FIXTURES, load_script
from foiparse import FoiResponse, parse
from foiparse.model import Table

MASSFOI = FIXTURES / "massfoi"
TRUTH: dict[str, Any] = orjson.loads((MASSFOI / "truth.json").read_bytes())
FILES: list[dict[str, Any]] = TRUTH["files"]
IDS = [f["file"] for f in FILES]
TABLES = [f for f in FILES if f["where"] == "table"]
PROSE = [f for f in FILES if f["where"] == "prose"]
# A financial year as foiparse's Period gives it: "2019/20" -> ("2019-04", "2020-03").
FY = re.compile(r"(\d{4})/(\d{2})")


@pytest.fixture(scope="module")
def make_massfoi() -> ModuleType:
    return load_script(MASSFOI / "make_massfoi.py")


@pytest.fixture(scope="module")
def parsed() -> dict[str, FoiResponse]:
    return {f["file"]: parse(MASSFOI / f["file"], name=f["file"]) for f in FILES}


def _norm(text: str | None) -> str:
    """A header as a reader sees it: a header wrapped inside its cell is one line."""
    return " ".join((text or "").split())


def test_the_committed_set_is_exactly_what_the_generator_writes(make_massfoi: ModuleType, tmp_path: Path) -> None:
    """Rerunning the generator gives the same bytes (dates, zip times and ids are fixed), so the set is reproducible."""
    written = make_massfoi.write(tmp_path)
    assert sorted(p.name for p in written) == sorted([*IDS, "truth.json"])
    for path in written:
        assert path.read_bytes() == (MASSFOI / path.name).read_bytes(), path.name
        assert path.stat().st_size < (40_000 if path.name == "truth.json" else 30_000), path.name
    committed = {
        p.name for p in MASSFOI.iterdir() if p.is_file() and p.suffix != ".py" and not p.name.endswith(".expected.json")
    }
    assert committed == {p.name for p in written}, "a stale file is left in fixtures/massfoi"


def test_the_set_covers_the_shapes_issue_19_asks_for() -> None:
    assert len({f["authority"] for f in FILES}) == len(FILES) >= 12
    assert {f["format"] for f in FILES} >= {"text", "html", "pdf", "docx", "eml"}
    assert {f["outcome"] for f in FILES} >= {"disclosed", "partly_disclosed", "refused", "not_held"}
    assert {f["where"] for f in FILES} == {"table", "prose", "none"}
    assert {f["orientation"] for f in TABLES} == {"categories_as_rows", "periods_as_rows", "listed"}


def test_truth_figures_are_consistent_with_their_labels_periods_and_rules() -> None:
    """Every rule a figure names is defined, each figure's label and period are recorded, totals add up."""
    for f in FILES:
        for figure in f["figures"]:
            label, period = f["labels"][figure["category"]], f["periods"][figure["period"]]
            assert set(figure["rules"]) == ({*label["rules"], period["rule"]} - {"exact"}), f["file"]
            assert set(figure["rules"]) <= set(TRUTH["rules"]), f["file"]
            written = figure["as_written"]
            assert figure["value"] == (int(written) if written.isdigit() else None)
        for period in f["periods"]:
            values = {x["category"]: x["value"] for x in f["figures"] if x["period"] == period}
            if "total" in values:
                assert values.pop("total") == sum(values.values()), (f["file"], period)


@pytest.mark.parametrize("truth", FILES, ids=IDS)
def test_each_letter_gives_its_authority_outcome_and_exemptions(
    truth: dict[str, Any], parsed: dict[str, FoiResponse]
) -> None:
    response = parsed[truth["file"]]
    assert response.source.format == truth["format"]
    assert response.authority is not None and response.authority.name == truth["authority"]
    assert response.date == truth["date"]
    assert response.outcome == truth["outcome"]
    assert [e.provision for e in response.exemptions] == truth["exemptions"]


def _cell(tables: tuple[Table, ...], row_label: str, column: str) -> list[str]:
    """Every cell whose row starts with ``row_label`` and whose column is headed ``column``."""
    found = []
    for table in tables:
        headers = [_norm(c) for c in table.columns]
        if _norm(column) not in headers:
            continue
        at = headers.index(_norm(column))
        found += [row[at] for row in table.rows if row and _norm(row[0]) == _norm(row_label) and at < len(row)]
    return found


def _listed(tables: tuple[Table, ...], row_label: str, period: str) -> list[str]:
    """A 'label: value' list's cell for ``row_label``, in a list whose title names ``period``."""
    return [
        row[1]
        for table in tables
        if period in _norm(table.title)
        for row in table.rows
        if len(row) == 2 and _norm(row[0]) == _norm(row_label)
    ]


@pytest.mark.parametrize("truth", TABLES, ids=[f["file"] for f in TABLES])
def test_each_table_figure_is_the_cell_under_its_row_label_and_column_header(
    truth: dict[str, Any], parsed: dict[str, FoiResponse]
) -> None:
    tables = parsed[truth["file"]].tables
    for figure in truth["figures"]:
        label = truth["labels"][figure["category"]]["as_written"]
        period = truth["periods"][figure["period"]]["as_written"]
        if truth["orientation"] == "categories_as_rows":
            cells = _cell(tables, label, period)
        elif truth["orientation"] == "periods_as_rows":
            cells = _cell(tables, period, label)
        else:
            cells = _listed(tables, label, period)
        assert cells == [figure["as_written"]], (label, period)


@pytest.mark.parametrize("truth", PROSE, ids=[f["file"] for f in PROSE])
def test_each_prose_figure_is_a_total_for_its_financial_year(
    truth: dict[str, Any], parsed: dict[str, FoiResponse]
) -> None:
    """foiparse reads "In 2019/20 we recorded 12 cyber attacks, ..." as one total per figure, with its period."""
    response = parsed[truth["file"]]
    got = sorted(
        (t.text, t.period.start, t.period.end) for t in response.totals if t.period is not None and t.unit == "count"
    )
    want = []
    for figure in truth["figures"]:
        start, end = FY.fullmatch(figure["period"]).groups()  # type: ignore[union-attr]
        want.append((figure["as_written"], f"{start}-04", f"20{end}-03"))
    assert got == sorted(want)
    assert response.tables == ()
    for total in response.totals:
        assert response.text[slice(*total.span)] == total.text


def test_the_refusal_is_a_cost_limit_refusal_with_no_figures(parsed: dict[str, FoiResponse]) -> None:
    (truth,) = [f for f in FILES if f["outcome"] == "refused"]
    response = parsed[truth["file"]]
    assert [(e.law, e.provision, e.kind) for e in response.exemptions] == [("FOIA", "12", "cost_limit")]
    assert response.tables == () and response.totals == ()


def test_the_not_held_answer_gives_no_figures_and_no_exemption(parsed: dict[str, FoiResponse]) -> None:
    (truth,) = [f for f in FILES if f["outcome"] == "not_held"]
    response = parsed[truth["file"]]
    assert response.outcome == "not_held"
    assert response.exemptions == () and response.tables == () and response.totals == ()
    assert truth["figures"] == []


@pytest.mark.parametrize("truth", TABLES, ids=[f["file"] for f in TABLES])
def test_every_cell_is_written_inside_its_tables_span(truth: dict[str, Any], parsed: dict[str, FoiResponse]) -> None:
    """What `export --cells` needs to give each cell a span: its text is found in its table's stretch of the text."""
    response = parsed[truth["file"]]
    assert response.tables
    for table in response.tables:
        stretch = _norm(response.text[slice(*table.span)])
        assert [c for row in (table.columns, *table.rows) for c in row if _norm(c) not in stretch] == []
