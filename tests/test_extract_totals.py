"""Totals by example: each case a letter fragment and the figures it gives as answers.

The cases live in ``tests/examples/totals.toml`` (read by ``make train`` too). Positive
cases state counts, money and percentages in several wordings; near misses hold numbers
that are not answers (dates, years, postcodes, phone numbers, deadlines, cost-limit
arithmetic, reference numbers, list numbering, citations). ``PERIODS`` and ``MEASURES``
below check what each figure weighed (kept or not) counts and when: collate files a figure
under its measure and period, so a wrong one is an invented number in someone's dataset.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from foiparse import parse

TABLE = Path(__file__).resolve().parent / "examples" / "totals.toml"


class Case(NamedTuple):
    name: str
    text: str
    expected: list[int | float]
    units: list[str] | None = None  # checked when given: GBP, USD, percent, hours, count
    missed: str | None = None  # why the fitted weights get it wrong today (a strict xfail)


def load(table: str) -> list[Case]:
    """One table of ``totals.toml``."""
    with TABLE.open("rb") as f:
        rows = tomllib.load(f)[table]
    return [Case(r["name"], r["text"], r["expected"], r.get("units"), r.get("missed")) for r in rows]


EXAMPLES, NEAR_MISSES, EVIDENCE = load("examples"), load("near_misses"), load("evidence")
# Answers the weights fitted by `make train` leave out today (recall, not precision): strict, so a
# refit that finds them again fails here and the case's `missed` line is removed.
CASES: list[Any] = [
    pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=c.missed)] if c.missed else [])
    for c in (*EXAMPLES, *NEAR_MISSES, *EVIDENCE)
]


def test_the_example_names_are_unique() -> None:
    names = [c.name for c in (*EXAMPLES, *NEAR_MISSES, *EVIDENCE)]
    assert len(names) == len(set(names)) > 100


@pytest.mark.parametrize("case", CASES)
def test_totals(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    assert [t.value for t in response.totals] == case.expected
    if case.units is not None:
        assert [t.unit for t in response.totals] == case.units
    for t in response.totals:
        assert response.text[t.span[0] : t.span[1]] == t.text


def test_each_total_carries_a_stable_two_place_confidence() -> None:
    text = b"Dear Mr Amos,\nThe Council issued 4,812 penalty charge notices in 2023.\n"
    first, again = parse(text, name="t.txt").totals, parse(text, name="t.txt").totals
    assert [t.confidence for t in first] == [t.confidence for t in again]
    assert all(0.5 <= t.confidence <= 1 and round(t.confidence, 2) == t.confidence for t in first)


def test_candidates_are_recorded_as_the_answer_key_writes_them() -> None:
    from foiparse.extract import weigh

    with weigh.recording() as records:
        parse(b"Dear Sir,\nWe spent \xc2\xa312.50 and received 1,234 letters.\n", name="t.txt")
    values = [c.value for name, cands in records if name == "total" for c in cands]
    assert values == ["12.5", "1234"]
    features = [c.features for name, cands in records if name == "total" for c in cands]
    assert all(isinstance(k, str) and 0 <= v <= 1 for f in features for k, v in f.items())


def _weighed(sentence: str) -> list[tuple[int | float, str | None, tuple[str | None, str | None] | None]]:
    """Every figure of one sentence weighed as a total, kept or not: its value, measure and period."""
    from foiparse.extract import weigh

    with weigh.recording() as records:
        parse(f"Dear Ms Carrow,\n\n{sentence}\n\nYours sincerely,\nJ Smith\n".encode(), name="t.txt")
    return [
        (c.item.value, c.item.measure, c.item.period and (c.item.period.start, c.item.period.end))
        for name, cands in records
        if name == "total"
        for c in cands
    ]


FY19, FY20, FY21 = ("2019-04", "2020-03"), ("2020-04", "2021-03"), ("2021-04", "2022-03")
# A figure's period is the one its own clause names: a wrong one puts it in another year's column.
PERIODS = [
    pytest.param(
        "The total number of data breaches in 2019/20 was 50, in 2020/21 it was 63 and in 2021/22 it was 56.",
        [FY19, FY20, FY21],
        id="a period leads each clause",
    ),
    pytest.param(
        "We recorded 12 cyber attacks in 2019/20, 9 in 2020/21 and 7 in 2021/22.",
        [FY19, FY20, FY21],
        id="a period follows each figure",
    ),
    pytest.param(
        "In 2019/20 the Trust recorded 61 cyber attacks and 93 lost devices, while in 2020/21 it recorded 45 cyber"
        " attacks and 88 lost devices.",
        [FY19, FY19, FY20, FY20],
        id="a leading period holds until the next",
    ),
    pytest.param(
        "The Council received 1,204 requests in 2019 compared with 1,100 requests in 2018.",
        [("2019", "2019"), ("2018", "2018")],
        id="a period after a figure is that figure's alone",
    ),
    pytest.param(
        "In 2019/20 and 2020/21 the Council received 1,204 and 1,310 requests respectively.",
        [FY19, FY20],
        id="respectively pairs them in order",
    ),
    pytest.param(
        "The Council received 1,204 requests in 2019/20 and 2020/21 combined, and 1,276 requests in 2021/22.",
        [None, FY21],
        id="a figure of two years has neither",
    ),
    pytest.param(
        "In 2019/20 the Council received 1,204 requests, 1,100 in 2018/19.",
        [FY19, ("2018-04", "2019-03")],
        id="a later figure's own period is not the one before",
    ),
    pytest.param(
        "In 2019/20 the Council received 1,204 requests against 2018/19.",
        [None],
        id="a figure with two periods of its own has neither",
    ),
    pytest.param(
        "Between 1 April 2019 and 31 March 2020 the Council recorded 12 cyber attacks.",
        [("2019-04-01", "2020-03-31")],
        id="between one date and another",
    ),
    pytest.param(
        "From 1 April 2019 to 31 March 2020 the Council recorded 12 cyber attacks.",
        [("2019-04-01", "2020-03-31")],
        id="from one date to another",
    ),
    pytest.param(
        "During the period 1 April 2019 - 31 March 2020 the Council recorded 12 cyber attacks.",
        [("2019-04-01", "2020-03-31")],
        id="two dates and a dash",
    ),
    pytest.param(
        "In the financial year 2019/20 the Council recorded 12 cyber attacks.", [FY19], id="the financial year"
    ),
    pytest.param("In 2019-20 the Council recorded 12 cyber attacks.", [FY19], id="a financial year with a hyphen"),
    pytest.param(
        "In the calendar year 2019 the Council recorded 12 cyber attacks.",
        [("2019", "2019")],
        id="the calendar year opening a sentence",
    ),
    pytest.param("During 2019 the Council recorded 12 cyber attacks.", [("2019", "2019")], id="during a year"),
    pytest.param(
        "Between 1 April and 31 March 2020 the Council recorded 12 cyber attacks.",
        [("2019-04-01", "2020-03-31")],
        id="a start without its year takes the end's",
    ),
    pytest.param(
        "We recorded 112 cyber attacks in the year to 31 March 2020.",
        [("2019-04-01", "2020-03-31")],
        id="the year to a day",
    ),
    pytest.param(
        "Over the years 2018-2023 the Council recorded 112 cyber attacks.",
        [None],
        id="a run of years is no financial year",
    ),
    pytest.param("In FY19/20 the Council recorded 12 cyber attacks.", [FY19], id="a short financial year"),
    pytest.param(
        "In the first quarter of 2020 the Council recorded 12 cyber attacks.",
        [None],
        id="a part of a year is not the year",
    ),
    pytest.param("In 2020 Q1 the Council recorded 12 cyber attacks.", [None], id="a year's quarter is not the year"),
    pytest.param(
        "Over the whole of 2020 the Council recorded 12 cyber attacks.", [("2020", "2020")], id="the whole of a year"
    ),
    pytest.param(
        "Since 1 April 2019 the Council has recorded 112 cyber attacks.",
        [("2019-04-01", None)],
        id="an open end stays open",
    ),
]


@pytest.mark.parametrize(("sentence", "periods"), PERIODS)
def test_each_figure_takes_the_period_of_its_own_clause(
    sentence: str, periods: list[tuple[str | None, str | None] | None]
) -> None:
    assert [period for _, _, period in _weighed(sentence)] == periods


MEASURES = [
    pytest.param(
        "In 2019/20 we recorded 27 cases of information sent to the wrong recipient.",
        "information sent to the wrong recipient",
        id="cases of",
    ),
    pytest.param(
        "Over the three years, 4,236 incidents of fly-tipping were reported to the Council.",
        "fly-tipping",
        id="incidents of, before a verb",
    ),
    pytest.param("The number of incidents of theft was 112.", "theft", id="the number of incidents of"),
    pytest.param(
        "We found 15 instances of lost equipment and 12 laptops in 2020.", "lost equipment", id="instances of"
    ),
    pytest.param("We received 112 reports of noise nuisance.", "reports", id="a noun that names what is counted"),
]


@pytest.mark.parametrize(("sentence", "measure"), MEASURES)
def test_a_counting_noun_measures_what_it_counts(sentence: str, measure: str) -> None:
    assert _weighed(sentence)[0][1] == measure


def test_fewer_than_a_figure_hides_only_the_figures_of_its_own_clause() -> None:
    beside = _weighed("In 2019/20 there were fewer than five cyber attacks and 14 lost or stolen devices.")
    assert beside == [(14, "lost or stolen devices", FY19)]
    assert _weighed("We recorded fewer than 5 incidents at 3 of our 28 libraries.") == []


def _kept(sentence: str) -> list[tuple[int | float, str | None, tuple[str | None, str | None] | None]]:
    """The totals one sentence gives: value, measure and period."""
    response = parse(f"Dear Ms Carrow,\n\n{sentence}\n\nYours sincerely,\nJ Smith\n".encode(), name="t.txt")
    return [(t.value, t.measure, (t.period.start, t.period.end) if t.period else None) for t in response.totals]


# Figures listed after an answer in one clause share its frame ("we recorded"), each with its own words.
LISTS = [
    pytest.param(
        "The total number of data breaches in 2019/20 was 50, in 2020/21 it was 63 and in 2021/22 it was 56.",
        [(50, "data breaches", FY19), (63, "data breaches", FY20), (56, "data breaches", FY21)],
        id="each clause has its own verb",
    ),
    pytest.param(
        "We recorded 12 cyber attacks in 2019/20, 9 in 2020/21 and 7 in 2021/22.",
        [(12, "cyber attacks", FY19), (9, "cyber attacks", FY20), (7, "cyber attacks", FY21)],
        id="each with its own period counts what the first counts",
    ),
    pytest.param(
        "In 2019/20 we recorded 6 cyber attacks, 9 lost or stolen devices and 27 cases of information sent to the"
        " wrong recipient.",
        [
            (6, "cyber attacks", FY19),
            (9, "lost or stolen devices", FY19),
            (27, "information sent to the wrong recipient", FY19),
        ],
        id="each with its own measure",
    ),
    pytest.param(
        "In 2019/20 there were fewer than five cyber attacks and 14 lost or stolen devices.",
        [(14, "lost or stolen devices", FY19)],
        id="after a suppressed figure",
    ),
]


@pytest.mark.parametrize(("sentence", "totals"), LISTS)
def test_a_figure_listed_after_an_answer_is_an_answer(
    sentence: str, totals: list[tuple[int, str, tuple[str, str]]]
) -> None:
    assert _kept(sentence) == totals


def _listed(sentence: str) -> list[bool]:
    """Whether each figure of one sentence, kept or not, was weighed as a later member of an answer's list."""
    from foiparse.extract import weigh

    with weigh.recording() as records:
        parse(f"Dear Ms Carrow,\n\n{sentence}\n\nYours sincerely,\nJ Smith\n".encode(), name="t.txt")
    return ["listed" in c.features for name, cands in records if name == "total" for c in cands]


# A list shares its head's frame only when the head is an answer and each member has words of its own.
NOT_LISTED = [
    pytest.param(
        "If we had recorded 12 attacks in 2019/20, 9 in 2020/21 and 7 in 2021/22, we would have said so.",
        id="a hypothesis",
    ),
    pytest.param("We sent 5 pages of minutes, 3 spreadsheets and 2 letters.", id="pages sent"),
    pytest.param("We recorded at least 5 incidents in 2019/20, 9 in 2020/21 and 7 in 2021/22.", id="a bound"),
    pytest.param("The number of data breaches was 50, 63 and 56.", id="members without words of their own"),
    pytest.param("We received 40 appeals, 4 of which were upheld.", id="a relative clause is no list"),
    pytest.param(
        "We recorded 12 cyber attacks that were reported to the police, 9 lost devices and 27 misdirected letters.",
        id="a clause of its own between",
    ),
]


@pytest.mark.parametrize("sentence", NOT_LISTED)
def test_a_list_shares_no_frame_its_head_lacks(sentence: str) -> None:
    assert not any(_listed(sentence))


def test_a_list_shares_the_frame_of_an_answer() -> None:
    assert _listed("We recorded 12 cyber attacks in 2019/20, 9 in 2020/21 and 7 in 2021/22.") == [False, True, True]
