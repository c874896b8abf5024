"""Extraction's cost on hostile letters: long lines and endless lists cost time and memory in
proportion to what a letter can hold, not to the square of it (issue 13, defect 11)."""

from __future__ import annotations

import tracemalloc

from foiparse import parse
from foiparse.layout.lines import split_lines
from foiparse.layout.tables import find_tables


def _peak_mb(work: object) -> float:
    tracemalloc.start()
    try:
        work()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_a_line_longer_than_any_row_is_never_split_into_cells() -> None:
    text = "Withheld under sections " + "40  12  " * 125_000 + "\n"  # one megabyte-long line of "figures"
    lines = split_lines(text)
    found: list[object] = []
    assert _peak_mb(lambda: found.append(find_tables(text, lines, ()))) < 10
    assert found[0] == ([], [])


def test_a_citation_list_of_a_million_items_reads_a_bounded_number_of_them() -> None:
    letter = ("Dear Sir,\n\nWithheld under sections " + "40, " * 60_000 + "and 43 of the FOIA.\n").encode()
    seen: list[object] = []
    assert _peak_mb(lambda: seen.append(parse(letter, name="list.txt"))) < 60  # it was 80 MB in the citation alone
    response = seen[0]
    assert [(e.law, e.provision) for e in response.exemptions] == [("FOIA", "40")]  # type: ignore[attr-defined]


def test_thousands_of_figures_in_prose_are_weighed_up_to_a_bound_and_the_cut_is_said() -> None:
    letter = ("Dear Sir,\n\nWe received " + ", ".join(str(n) for n in range(6_000)) + " letters.\n").encode()
    response = parse(letter, name="figures.txt")
    cut = [w for w in response.warnings if w.code == "figures_cut"]
    assert len(cut) == 1 and "only the first 5,000" in cut[0].message
    assert cut[0].span is not None and response.text[cut[0].span[0] : cut[0].span[0] + 4] == "5000"


def test_the_outcome_is_read_from_a_bounded_number_of_blocks_and_the_cut_is_said() -> None:
    letter = ("Dear Sir,\n\nThe information you asked for is attached.\n\n" + ".\n\n" * 30_000).encode()
    response = parse(letter, name="dots.txt")
    cut = [w for w in response.warnings if w.code == "outcome_cut"]
    assert len(cut) == 1 and "read from the first 20,000" in cut[0].message
    assert response.outcome == "disclosed"
