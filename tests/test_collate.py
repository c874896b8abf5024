"""foiparse collate: figures from many responses lined up on what they count and when."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from foiparse.collate.figures import Figure
from foiparse.collate.match import TOTAL, Collation, collate
from foiparse.collate.write import MappingFileError, read_mapping, report, write_collation


def cell(
    document: str, row: str | None, column: str, text: str, *, table: int = 0, r: int = 0, c: int = 1, **extra: Any
) -> Figure:
    """A table cell of ``document`` at row label ``row`` and column header ``column``."""
    from foiparse.layout.cells import number_of

    fields: dict[str, Any] = {
        "document": document,
        "authority": document.title(),
        "date": None,
        "reference": None,
        "outcome": "disclosed",
        "exemptions": (),
        "reasons": (),
        "kind": "cell",
        "table": table,
        "title": None,
        "row": r,
        "col": c,
        "row_label": row,
        "column_header": column,
        "text": text,
        "value": number_of(text),
        "unit": None,
        "measure": None,
        "period_start": None,
        "period_end": None,
        "page": None,
        "span": None,
    }
    fields.update(extra)
    return Figure(**fields)


def total(document: str, measure: str | None, value: int, start: str, end: str) -> Figure:
    """A total stated in prose: its measure and period, no table."""
    return Figure(
        document, document.title(), None, None, "disclosed", (), (), "total",
        text=str(value), value=value, measure=measure, period_start=start, period_end=end,
    )  # fmt: skip


def nothing(document: str, outcome: str, exemptions: tuple[str, ...] = (), reasons: tuple[str, ...] = ()) -> Figure:
    """The one row of a response that gave no figure."""
    return Figure(document, document.title(), None, None, outcome, exemptions, reasons, "none")


def grid(document: str, rows: list[str], columns: list[str], values: list[list[str]], **extra: Any) -> list[Figure]:
    """A whole table: ``values[r][c]`` under ``columns[c]`` on row ``rows[r]``."""
    return [
        cell(document, rows[r], columns[c], values[r][c], r=r, c=c + 1, **extra)
        for r in range(len(rows))
        for c in range(len(columns))
    ]


def columns(collation: Collation) -> dict[str, dict[str, object]]:
    """heading -> {document: value} of the dataset."""
    out: dict[str, dict[str, object]] = {}
    for column in collation.columns:
        out[column.heading] = {
            r.document: (
                r.values[column.key].value if r.values[column.key].value is not None else r.values[column.key].text
            )
            for r in collation.respondents
            if column.key in r.values
        }
    return out


def test_a_transposed_table_lines_up_with_one_the_right_way_round() -> None:
    across = grid("a", ["Cyber attack", "Total"], ["2019/20", "2020/21"], [["3", "4"], ["10", "12"]])
    down = grid("b", ["2019-20", "2020-21"], ["Cyber attacks", "Total"], [["5", "11"], ["6", "13"]])
    got = columns(collate([("a", across), ("b", down)]))
    assert got == {
        "Cyber attack 2019/20": {"a": 3, "b": 5},
        "Cyber attack 2020/21": {"a": 4, "b": 6},
        "Total 2019/20": {"a": 10, "b": 11},
        "Total 2020/21": {"a": 12, "b": 13},
    }


def test_a_row_led_by_a_bare_year_is_that_years_row() -> None:
    years = [
        cell("a", None, "Year", "2019", c=0),
        cell("a", None, "Cyber attacks", "4", c=1),
        cell("a", None, "Year", "2020", r=1, c=0),
        cell("a", None, "Cyber attacks", "6", r=1, c=1),
    ]
    across = grid("b", ["Cyber attack"], ["2019", "2020"], [["5", "7"]])
    assert columns(collate([("a", years), ("b", across)])) == {
        "Cyber attack 2019": {"a": 4, "b": 5},
        "Cyber attack 2020": {"a": 6, "b": 7},
    }


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("Cyber attack", "CYBER-ATTACKS"),  # case, punctuation, plural
        ("Lost or stolen devices", "No. of devices lost/stolen"),  # abbreviation, word order
        ("Number of staff", "Employees"),  # a synonym of the vocabulary
        ("Sent to wrong recipient", "Number sent to wrong recipient"),  # a counting word before the label
    ],
)
def test_wordings_of_one_thing_share_a_column(ours: str, theirs: str) -> None:
    got = collate([("a", [cell("a", ours, "2019/20", "1")]), ("b", [cell("b", theirs, "2019/20", "2")])])
    assert [(c.key.period, c.responses) for c in got.columns] == [("2019/20", 2)]


def test_different_things_and_different_periods_stay_apart() -> None:
    got = collate(
        [
            ("a", [cell("a", "Cyber attack", "2019/20", "1"), cell("a", "Lost device", "2019/20", "2", r=1)]),
            ("b", [cell("b", "Cyber attack", "2019", "3"), cell("b", "Stolen device", "2019/20", "4", r=1)]),
        ]
    )
    assert got.columns == ()
    assert {p.why for p in got.unmatched} == {
        "no other response gives 'attack cyber' for 2019/20",
        "no other response gives 'attack cyber' for 2019",
        "no other response gives 'device lost' for 2019/20",
        "no other response gives 'device stolen' for 2019/20",
    }


def test_a_label_joins_the_only_label_whose_words_contain_it_unless_one_response_gives_both() -> None:
    full = "Information sent to the wrong recipient"
    got = collate(
        [
            ("a", [cell("a", full, "2019/20", "1")]),
            ("b", [cell("b", "Wrong recipient", "2019/20", "2")]),
            ("c", [cell("c", full, "2019/20", "3")]),
        ]
    )
    assert columns(got) == {f"{full} 2019/20": {"a": 1, "b": 2, "c": 3}}
    assert got.mapping["Wrong recipient"] == got.mapping[full]
    assert [p.note for p in got.placed if p.figure.document == "b"] == [
        f"matched to {got.mapping[full]!r} by its words"
    ]
    both = collate(
        [
            ("a", [cell("a", full, "2019/20", "1")]),
            ("b", [cell("b", "Wrong recipient", "2019/20", "2"), cell("b", full, "2019/20", "5", r=1)]),
        ]
    )
    assert list(columns(both)) == [f"{full} 2019/20"] and columns(both)[f"{full} 2019/20"] == {"a": 1, "b": 5}


def test_a_label_contained_in_two_others_is_left_alone() -> None:
    got = collate(
        [
            ("a", [cell("a", "Physical attack", "2019/20", "1")]),
            ("b", [cell("b", "Cyber attack", "2019/20", "2")]),
            ("c", [cell("c", "Attack", "2019/20", "3")]),
            ("d", [cell("d", "Attack", "2019/20", "4")]),
        ]
    )
    assert list(columns(got)) == ["Attack 2019/20"]


def test_the_last_row_or_column_starting_with_total_or_all_is_the_total() -> None:
    a = grid("a", ["2019/20"], ["Cyber attack", "Lost device", "Total incidents"], [["1", "2", "3"]])
    b = grid("b", ["Cyber attack", "Lost device", "All breaches"], ["2019/20"], [["4"], ["5"], ["9"]])
    got = collate([("a", a), ("b", b)])
    assert columns(got)["Total 2019/20"] == {"a": 3, "b": 9}
    assert [c.key.subject for c in got.columns][-1] == TOTAL


def test_a_prose_total_lines_up_with_table_cells_by_its_measure_and_period() -> None:
    got = collate(
        [
            ("a", [cell("a", "Cyber attacks", "2019/20", "7")]),
            ("b", [total("b", "cyber attacks", 12, "2019-04-01", "2020-03-31")]),
        ]
    )
    assert columns(got) == {"Cyber attacks 2019/20": {"a": 7, "b": 12}}


def test_withheld_figures_keep_their_marker_and_refusals_keep_their_reasons() -> None:
    got = collate(
        [
            ("a", [cell("a", "Cyber attack", "2019/20", "<5")]),
            ("b", [cell("b", "Cyber attack", "2019/20", "12")]),
            ("c", [nothing("c", "refused", ("FOIA s.12",), ("Cost of compliance",))]),
            ("d", [nothing("d", "not_held")]),
        ]
    )
    assert columns(got) == {"Cyber attack 2019/20": {"a": "<5", "b": 12}}
    answers = {r.document: (r.answer, r.cited) for r in got.respondents}
    assert answers == {
        "a": ("answered", []),
        "b": ("answered", []),
        "c": ("refused", ["FOIA s.12 (Cost of compliance)"]),
        "d": ("not_held", []),
    }
    text = report(got)
    assert "- C: refused under FOIA s.12 (Cost of compliance)" in text
    assert "- D: does not hold the information" in text


def test_two_different_figures_for_one_key_in_one_response_are_a_clash_not_a_choice() -> None:
    got = collate(
        [
            (
                "a",
                [cell("a", "Cyber attack", "2019/20", "3"), total("a", "cyber attacks", 4, "2019-04-01", "2020-03-31")],
            ),
            ("b", [cell("b", "Cyber attack", "2019/20", "5")]),
        ]
    )
    assert columns(got) == {"Cyber attack 2019/20": {"a": 3, "b": 5}}
    assert [p.why for p in got.unmatched] == ["clashes with table 1's cell '3' for the same key"]
    same = collate(
        [
            (
                "a",
                [cell("a", "Cyber attack", "2019/20", "3"), total("a", "cyber attacks", 3, "2019-04-01", "2020-03-31")],
            ),
            ("b", [cell("b", "Cyber attack", "2019/20", "5")]),
        ]
    )
    assert same.unmatched == ()


def test_a_column_needs_min_responses_responses() -> None:
    responses = [("a", [cell("a", "Cyber attack", "2019/20", "3")]), ("b", [cell("b", "Phishing", "2019/20", "1")])]
    assert collate(responses).columns == ()
    assert len(collate(responses, min_responses=1).columns) == 2
    assert len(collate(responses[:1]).columns) == 1  # a single response: everything it gives


def test_the_users_mapping_decides_a_labels_subject() -> None:
    responses = [
        ("a", [cell("a", "Wrong recipient", "2019/20", "1")]),
        ("b", [cell("b", "Disclosed to the wrong person", "2019/20", "2")]),
    ]
    assert collate(responses).columns == ()
    got = collate(responses, mapping={"Disclosed to the  wrong person": "recipient wrong"})
    assert columns(got) == {"Wrong recipient 2019/20": {"a": 1, "b": 2}}
    assert got.mapping["Disclosed to the wrong person"] == "recipient wrong"


def test_the_mapping_file_is_written_then_read_back_with_the_users_edit(tmp_path: Path) -> None:
    responses = [
        ("a", [cell("a", "Wrong recipient", "2019/20", "1")]),
        ("b", [cell("b", "=Disclosed to the wrong person", "2019/20", "2")]),
    ]
    mapping = tmp_path / "mapping.csv"
    write_collation(collate(responses), tmp_path / "out", mapping)
    rows = list(csv.reader(io.StringIO(mapping.read_text())))
    assert (
        rows[0] == ["label", "canonical"] and ["'=Disclosed to the wrong person", "disclosed person to wrong"] in rows
    )
    edited = mapping.read_text().replace("disclosed person to wrong", "recipient wrong")
    mapping.write_text(edited)
    again = collate(responses, mapping=read_mapping(mapping))
    assert [c.responses for c in again.columns] == [2]
    wide = list(csv.reader(io.StringIO((tmp_path / "out" / "wide.csv").read_text())))
    assert wide[0][:7] == ["authority", "document", "date", "reference", "answer", "outcome", "exemptions"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"label,subject\nx,y\n", "must start with the header label,canonical"),
        (b"label,canonical\nonly\n", "line 2 has no canonical column"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_mapping_file_that_cannot_be_read_says_why(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "mapping.csv"
    path.write_bytes(content)
    with pytest.raises(MappingFileError, match=message):
        read_mapping(path)


def test_a_missing_mapping_file_is_the_first_run(tmp_path: Path) -> None:
    assert read_mapping(tmp_path / "none.csv") == {}


def test_parsing_a_letter_never_imports_the_collation() -> None:
    import subprocess
    import sys

    from conftest import SEED

    code = (
        "import sys; from foiparse import parse; parse(sys.argv[1]); "
        "print(sorted(m for m in sys.modules if m.startswith('foiparse.collate') or m == 'tomllib'))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
