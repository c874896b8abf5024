"""Periods by example: each row a label as authorities write it and the period it names, or None."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foiparse.collate.periods import PeriodKey, period_from_dates, period_in, period_of

FY19 = ("2019-04-01", "2020-03-31", "2019/20")
CY19 = ("2019-01-01", "2019-12-31", "2019")

# (label, (start, end, label) or None)
EXAMPLES: list[tuple[str, tuple[str, str, str] | None]] = [
    # --- UK financial year, every way of writing it
    ("2019/20", FY19),
    ("2019-20", FY19),
    ("2019–20", FY19),
    ("2019 — 20", FY19),
    ("2019/2020", FY19),
    ("2019-2020", FY19),
    ("2019 to 2020", FY19),
    ("FY 2019-20", FY19),
    ("FY19/20", FY19),
    ("FY 19-20", FY19),
    ("FY 2019/20", FY19),
    ("FY2019/20", FY19),
    ("F/Y 2019/20", FY19),
    ("Financial year 2019/20", FY19),
    ("financial year 2019-2020", FY19),
    ("2019/20 financial year", FY19),
    ("2019/20 FY", FY19),
    ("Fiscal year 2019/20", FY19),
    ("Year 2019/20", FY19),
    ("(2019/20)", FY19),
    ("2019/20*", FY19),
    ("2019/20¹", FY19),
    ("2019/20 (1)", FY19),
    ("2019/20:", FY19),
    ("2019/20 (April to March)", FY19),
    ("2019/20 (financial year)", FY19),
    ("April 2019 to March 2020", FY19),
    ("Apr 2019 - Mar 2020", FY19),
    ("Apr. 2019 – Mar. 2020", FY19),
    ("April 2019 until March 2020", FY19),
    ("From April 2019 to March 2020", FY19),
    ("1 April 2019 - 31 March 2020", FY19),
    ("1st April 2019 to 31st March 2020", FY19),
    ("Between 1 April 2019 and 31 March 2020", FY19),
    ("April 1, 2019 to March 31, 2020", FY19),
    ("01/04/2019 to 31/03/2020", FY19),
    ("01.04.2019 - 31.03.2020", FY19),
    ("01/04/19 - 31/03/20", FY19),
    ("2019-04-01 to 2020-03-31", FY19),
    ("Year ending 31 March 2020", FY19),
    ("Year ended March 2020", FY19),
    ("12 months to 31/03/2020", FY19),
    ("Financial year April 2019 to March 2020", FY19),
    ("1999/00", ("1999-04-01", "2000-03-31", "1999/00")),
    # --- calendar year
    ("2019", CY19),
    ("Calendar year 2019", CY19),
    ("CY 2019", CY19),
    ("Year 2019", CY19),
    ("2019 calendar year", CY19),
    ("January to December 2019", CY19),
    ("Jan-Dec 2019", CY19),
    ("Jan - Dec 2019", CY19),
    ("2019 (Jan-Dec)", CY19),
    ("January 2019 - December 2019", CY19),
    ("1 January 2019 to 31 December 2019", CY19),
    ("Calendar year Jan-Dec 2019", CY19),
    # --- quarters, months, other ranges
    ("Q1 2019", ("2019-01-01", "2019-03-31", "2019-Q1")),
    ("2019 Q3", ("2019-07-01", "2019-09-30", "2019-Q3")),
    ("2019-Q4", ("2019-10-01", "2019-12-31", "2019-Q4")),
    ("Quarter 2 2019", ("2019-04-01", "2019-06-30", "2019-Q2")),
    ("Q1 2019/20", ("2019-04-01", "2019-06-30", "2019-Q2")),  # the financial year's first quarter
    ("Q4 FY 2019/20", ("2020-01-01", "2020-03-31", "2020-Q1")),
    ("May 2019", ("2019-05-01", "2019-05-31", "2019-05")),
    ("05/2019", ("2019-05-01", "2019-05-31", "2019-05")),
    ("May 2019 to September 2019", ("2019-05-01", "2019-09-30", "2019-05-01 to 2019-09-30")),
    ("1 - 15 March 2020", ("2020-03-01", "2020-03-15", "2020-03-01 to 2020-03-15")),
    ("04/30/2019 - 05/31/2019", ("2019-04-30", "2019-05-31", "2019-04-30 to 2019-05-31")),
    ("Academic year 2019/20", ("2019-09-01", "2020-08-31", "2019-09-01 to 2020-08-31")),
    ("Tax year 2019/20", ("2019-04-06", "2020-04-05", "2019-04-06 to 2020-04-05")),
    ("Federal FY 2019", ("2018-10-01", "2019-09-30", "2018-10-01 to 2019-09-30")),
    ("FFY 2019", ("2018-10-01", "2019-09-30", "2018-10-01 to 2019-09-30")),
    ("October 2018 to September 2019", ("2018-10-01", "2019-09-30", "2018-10-01 to 2019-09-30")),
    ("Year ending 29 February 2020", ("2019-03-01", "2020-02-29", "2019-03-01 to 2020-02-29")),
    # --- names no period, or more than one, or an open one, or could mean two
    ("Q1", None),
    ("2019/20 and 2020/21", None),
    ("2019-21", None),
    ("2018 to 2020", None),
    ("since 2019", None),
    ("up to 2020", None),
    ("Before 2019", None),
    ("2019 onwards", None),
    ("Year to date", None),
    ("2101", None),
    ("1899", None),
    ("3000/01", None),
    ("FY 2019", None),  # whose fiscal year: the UK one ending or starting in 2019, or the US one?
    ("FY19", None),
    ("Fiscal 2019", None),
    ("19/20", None),  # a score or a fraction as much as a year
    ("Calendar year 2019/20", None),
    ("Federal FY 2019/20", None),
    ("2019 (Apr-Mar)", None),  # the bracket contradicts the year
    ("2019/20 (Jan-Dec)", None),
    ("Tax year 2019/20 (April to March)", None),  # 6 April to 5 April
    ("Tax year 2019/20 (April to April)", ("2019-04-06", "2020-04-05", "2019-04-06 to 2020-04-05")),
    ("2019 (Jan-Jan)", None),
    ("2019 incidents", None),
    ("Incidents 2019", None),
    ("2019 (provisional)", None),
    ("31 March 2020", None),  # a day: a point in time, not a period
    ("01/04/2019", None),
    ("March 2020 to April 2019", None),  # ends before it starts
    ("1 April 2019 - 1 April 2019", None),  # one day
    ("31/02/2019 - 31/03/2019", None),
    ("Year 1", None),
    ("Number of incidents", None),
    ("Section 40(2)", None),
    ("£2019", None),
    ("", None),
]


@pytest.mark.parametrize(("label", "expected"), EXAMPLES, ids=[e[0] or "empty" for e in EXAMPLES])
def test_a_label_names_the_period_its_wording_means(label: str, expected: tuple[str, str, str] | None) -> None:
    assert period_of(label) == (PeriodKey(*expected) if expected else None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2019/20", "2020/21"),
        ("2019/20", "2019"),
        ("2019", "2020"),
        ("2019/20", "Academic year 2019/20"),
        ("2019/20", "Tax year 2019/20"),
        ("Q1 2019", "Q2 2019"),
        ("April 2019 to March 2020", "April 2019 to February 2020"),
        ("Federal FY 2019", "2018/19"),
    ],
)
def test_different_periods_get_different_keys_and_labels(a: str, b: str) -> None:
    first, second = period_of(a), period_of(b)
    assert first is not None and second is not None
    assert first != second and first.label != second.label


# (start, end, label or None) as the totals extractor gives them: ISO dates, partial allowed.
FROM_DATES: list[tuple[str | None, str | None, str | None]] = [
    ("2019-04", "2020-03", "2019/20"),
    ("2019-04-01", "2020-03-31", "2019/20"),
    ("2019", "2019", "2019"),
    ("2019-01-01", "2019-12-31", "2019"),
    ("2019-07", "2019-09", "2019-Q3"),
    ("2019-05", "2019-05", "2019-05"),
    ("2019-05-03", "2019-09-30", "2019-05-03 to 2019-09-30"),
    ("2018", "2020", "2018-01-01 to 2020-12-31"),
    (None, "2020-03", None),
    ("2019", None, None),
    ("2020", "2019", None),
    ("2019-05-03", "2019-05-03", None),  # one day
    ("2019-13", "2020-03", None),
    ("2019-02-30", "2020-03", None),
    ("April 2019", "2020-03", None),
]


@pytest.mark.parametrize(("start", "end", "label"), FROM_DATES)
def test_the_periods_of_totals_get_the_labels_of_the_same_periods_in_tables(
    start: str | None, end: str | None, label: str | None
) -> None:
    found = period_from_dates(start, end)
    assert (found.label if found else None) == label


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Data breaches, financial year 2019/20", "2019/20"),
        ("Table 1: Cyber attacks (April 2019 to March 2020)", "2019/20"),
        ("Number of incidents between 1 April 2019 and 31 March 2020", "2019/20"),
        ("Incidents in 2019", "2019"),
        ("Q1 2019 figures", "2019-Q1"),
        ("Requests 2019/20 (2019/20)", "2019/20"),
        ("2019/20", "2019/20"),
        ("2019 incidents", None),  # a bare year counts only after in, during, for, of
        ("Breaches since 2019", None),
        ("Incidents up to March 2020", None),
        ("Incidents 2019/20 and 2020/21", None),
        ("Figures for 2019 and 2020", None),
        ("Staff in post at 31 March 2020", None),
        ("Top 10 reasons", None),
        ("Section 40 exemptions", None),
    ],
)
def test_a_title_names_a_period_when_it_names_exactly_one(title: str, label: str | None) -> None:
    found = period_in(title)
    assert (found.label if found else None) == label


@given(
    st.integers(1900, 2099),
    st.sampled_from(["{y}/{z}", "{y}-{z}", "FY {y}/{z}", "{y}/{y1}", "April {y} to March {y1}"]),
)
def test_every_spelling_of_a_financial_year_is_that_year(year: int, spelling: str) -> None:
    label = spelling.format(y=year, y1=year + 1, z=f"{(year + 1) % 100:02d}")
    found = period_of(label)
    assert found is not None
    assert (found.start, found.end) == (f"{year}-04-01", f"{year + 1}-03-31")
    assert found.label == f"{year}/{(year + 1) % 100:02d}"


_END = st.builds(
    "{} {} {}".format,
    st.sampled_from(["", "1", "15", "31", "1st"]),
    st.sampled_from(["Jan", "March", "april", "Sept.", "December"]),
    st.sampled_from(["", "2019", "2020", "2021"]),
)
_RANGES = st.builds(
    "{}{} {} {}{}".format,
    st.sampled_from(["", "", "from ", "FY "]),
    _END,
    st.sampled_from(["to", "-", "until"]),
    _END,
    st.sampled_from(["", "", " (Jan-Dec)", "*"]),
)


@settings(max_examples=300)
@given(
    st.text(max_size=60)
    | st.from_regex(r"[A-Za-z ]{0,8}[0-9]{1,4}[ /\-–.]{0,3}[0-9]{0,4}[A-Za-z ]{0,12}", fullmatch=True)
    | _RANGES
)
def test_any_text_gives_a_period_that_starts_before_it_ends_or_none(text: str) -> None:
    for found in (period_of(text), period_in(text)):
        if found is not None:
            assert found.start <= found.end
            assert period_from_dates(found.start, found.end) == found  # the label depends on the dates alone


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_label_made_from_dates_reads_back_as_those_dates(day: date) -> None:
    iso = day.isoformat()
    for start, end in ((iso, iso[:4]), (iso[:7], iso[:7]), (iso[:4], iso[:4])):
        found = period_from_dates(start, end)
        if found is None:
            continue
        if len(found.label) != 7 or found.label[4] != "-" or "Q" in found.label:  # "2019-05" is not read as May
            assert period_of(found.label) == found
