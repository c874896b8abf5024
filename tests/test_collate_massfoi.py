"""foiparse collate on the mass-FOI set: fifteen authorities' answers to one request, lined up.

The wide CSV is pinned by a golden (``make golden`` rewrites it), and held to the set's
own ground truth (``truth.json``), so the golden cannot quietly pin a wrong answer: every
figure the truth lists is in the column of its category and period, except the two
the truth cannot reach by the rules collate claims, each named below with why.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MASSFOI, MASSFOI_GOLDEN, collate_massfoi

TRUTH = json.loads((MASSFOI / "truth.json").read_text(encoding="utf-8"))
HEADINGS = {  # truth's category -> the wide CSV's heading (the wording most authorities used)
    "cyber attack": "Cyber attack",
    "lost or stolen device": "Lost or stolen device",
    "wrong recipient": "Information sent to the wrong recipient",
    "total": "Total",
}
# Figures collate leaves out of the dataset on purpose, with the reason (the report says it too).
NOT_COLLATED = {
    # A calendar year is not the financial year of the same number: kept apart, reported unmatched.
    ("ashcombe-borough-calendar-years.txt", None),
    # "Disclosed to the wrong person" shares one word with the others' wording: the user's
    # mapping joins it (the second run below).
    ("fenmoor-hospitals-ruled-pdf.pdf", "wrong recipient"),
}


@pytest.fixture(scope="module")
def collated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("collated")
    return out, collate_massfoi(out)


def _rows(wide: str) -> dict[str, dict[str, str]]:
    return {row["document"].rsplit("/", 1)[-1]: row for row in csv.DictReader(io.StringIO(wide))}


def test_the_collated_wide_csv_matches_its_golden(collated: tuple[Path, str]) -> None:
    _, wide = collated
    assert MASSFOI_GOLDEN.exists(), "no golden: run `make golden` and review it"
    assert wide == MASSFOI_GOLDEN.read_text(encoding="utf-8")


def _expected(entry: dict[str, Any], figure: dict[str, Any]) -> bool:
    return (entry["file"], None) not in NOT_COLLATED and (entry["file"], figure["category"]) not in NOT_COLLATED


def test_every_figure_of_the_truth_is_in_its_column_and_nothing_else_is(collated: tuple[Path, str]) -> None:
    rows = _rows(collated[1])
    heading_of = {f"{HEADINGS[c]} {p}": (c, p) for c in HEADINGS for p in TRUTH["periods"]}
    assert set(next(iter(rows.values()))) - {
        "authority",
        "document",
        "date",
        "reference",
        "answer",
        "outcome",
        "exemptions",
    } == set(heading_of)
    for entry in TRUTH["files"]:
        row = rows[entry["file"]]
        want = {
            f"{HEADINGS[f['category']]} {f['period']}": f["as_written"] for f in entry["figures"] if _expected(entry, f)
        }
        got = {h: row[h] for h in heading_of if row[h] != ""}
        assert got == want, entry["file"]
        assert row["authority"] == entry["authority"] and row["outcome"] == entry["outcome"]


def test_the_report_says_who_refused_or_did_not_hold_it_and_why(collated: tuple[Path, str]) -> None:
    report = (collated[0] / "report.md").read_text(encoding="utf-8")
    assert "- Upper Tarn Council: refused under FOIA s.12 (Cost of compliance over the appropriate limit)" in report
    assert "- Coldharbour Combined Authority: does not hold the information" in report
    rows = _rows(collated[1])
    assert rows["upper-tarn-council-s12-refusal.txt"]["answer"] == "refused"
    assert rows["upper-tarn-council-s12-refusal.txt"]["exemptions"] == "FOIA s.12"
    assert rows["coldharbour-combined-authority-not-held.txt"]["answer"] == "not_held"
    for label in ("Disclosed to the wrong person", "Cyber attack | 2019"):
        assert f"| {label.split(' | ')[0]} |" in report, label


def test_the_users_edit_of_the_mapping_file_is_used_on_the_next_run(collated: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = collated
    mapping = tmp_path / "mapping.csv"
    lines = (out / "mapping.csv").read_text(encoding="utf-8").splitlines()
    wrong = next(line.split(",", 1)[1] for line in lines if line.startswith("Information sent to the wrong recipient,"))
    edited = [
        f"Disclosed to the wrong person,{wrong}" if line.startswith("Disclosed to the wrong person,") else line
        for line in lines
    ]
    assert edited != lines
    mapping.write_text("\n".join(edited) + "\n", encoding="utf-8")
    again = _rows(collate_massfoi(tmp_path / "again", mapping))
    fenmoor = again["fenmoor-hospitals-ruled-pdf.pdf"]
    assert [fenmoor[f"Information sent to the wrong recipient {p}"] for p in TRUTH["periods"]] == ["143", "151", "138"]
    assert mapping.read_text(encoding="utf-8").count(f"Disclosed to the wrong person,{wrong}") == 1  # kept on rewrite
