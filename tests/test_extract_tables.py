"""Tables by example: each case a letter fragment and the columns and rows of its tables.

Positive cases lay the same kind of table out in several ways (aligned with spaces,
tab-separated, one cell per line, ``label: value`` lines, wrapped headers, suppressed
cells); near misses are runs of lines with numbers in them that are no table.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import parse

Grid = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]  # columns, rows


class Case(NamedTuple):
    name: str
    text: str
    expected: list[Grid]
    titles: list[str | None] | None = None  # checked when given


EXAMPLES = [
    Case(
        "aligned with spaces, years heading the columns",
        "Fly-tipping incidents by ward:\n\n"
        "Ward          2022    2023\n"
        "Abbey          140     152\n"
        "Castle          88      91\n"
        "Riverside      203     187\n",
        [
            (
                ("Ward", "2022", "2023"),
                (("Abbey", "140", "152"), ("Castle", "88", "91"), ("Riverside", "203", "187")),
            )
        ],
        ["Fly-tipping incidents by ward:"],
    ),
    Case(
        "tab-separated",
        "The complaints received by the Trust in the first quarter of 2024 were:\n\n"
        "Month\tComplaints\tUpheld\n"
        "January\t45\t12\n"
        "February\t38\t9\n"
        "March\t51\t17\n",
        [
            (
                ("Month", "Complaints", "Upheld"),
                (("January", "45", "12"), ("February", "38", "9"), ("March", "51", "17")),
            )
        ],
    ),
    Case(
        "one cell per line, as copied from a Word table",
        "Financial year\nSpend (£)\n2021/22\n48,200\n2022/23\n51,900\n2023/24\n62,340\n",
        [
            (
                ("Financial year", "Spend (£)"),
                (("2021/22", "48,200"), ("2022/23", "51,900"), ("2023/24", "62,340")),
            )
        ],
    ),
    Case(
        "one cell per line, two value columns",
        "Ward\nMale\nFemale\nAbbey\n12\n14\nCastle\n8\n9\nRiverside\n20\n17\n",
        [
            (
                ("Ward", "Male", "Female"),
                (("Abbey", "12", "14"), ("Castle", "8", "9"), ("Riverside", "20", "17")),
            )
        ],
    ),
    Case(
        "label: value lines",
        "The number of incidents recorded in each ward in 2023 was:\n\n"
        "Abbey ward: 140\n"
        "Castle ward: 88\n"
        "Riverside ward: 203\n",
        [((), (("Abbey ward", "140"), ("Castle ward", "88"), ("Riverside ward", "203")))],
    ),
    Case(
        "label – value lines with en dashes",
        "Consultants employed by specialty on 31 March 2024:\n"
        "Cardiology – 14\n"
        "Oncology – 9\n"
        "Respiratory medicine – 22\n",
        [((), (("Cardiology", "14"), ("Oncology", "9"), ("Respiratory medicine", "22")))],
    ),
    Case(
        "suppressed cells kept as written",
        "Age band      Male    Female\n"
        "18-24           12        <5\n"
        "25-34           31         7\n"
        "35-44            *        11\n",
        [
            (
                ("Age band", "Male", "Female"),
                (("18-24", "12", "<5"), ("25-34", "31", "7"), ("35-44", "*", "11")),
            )
        ],
    ),
    Case(
        "a total row",
        "Team            Staff\nAdult care        112\nChildren's         87\nTotal             199\n",
        [(("Team", "Staff"), (("Adult care", "112"), ("Children's", "87"), ("Total", "199")))],
    ),
    Case(
        "a header wrapped over two lines",
        "                 Number of      Number\n"
        "Quarter          complaints     upheld\n"
        "Q1 2023          45             12\n"
        "Q2 2023          38             9\n"
        "Q3 2023          51             17\n",
        [
            (
                ("Quarter", "Number of complaints", "Number upheld"),
                (("Q1 2023", "45", "12"), ("Q2 2023", "38", "9"), ("Q3 2023", "51", "17")),
            )
        ],
    ),
    Case(
        "money in pounds, NHS trust suppliers",
        "Agency spend by supplier, 2023/24\n\n"
        "Supplier                 Spend\n"
        "Acme Staffing Ltd        £162,340\n"
        "Nurses Direct            £48,900\n"
        "Medicare Locums          £12,500\n",
        [
            (
                ("Supplier", "Spend"),
                (
                    ("Acme Staffing Ltd", "£162,340"),
                    ("Nurses Direct", "£48,900"),
                    ("Medicare Locums", "£12,500"),
                ),
            )
        ],
        ["Agency spend by supplier, 2023/24"],
    ),
    Case(
        "percentages",
        "Outcome                 Share\n"
        "Charged                 18.5%\n"
        "Caution                 7.2%\n"
        "No further action       74.3%\n",
        [
            (
                ("Outcome", "Share"),
                (("Charged", "18.5%"), ("Caution", "7.2%"), ("No further action", "74.3%")),
            )
        ],
    ),
    Case(
        "US agency, fiscal years as row labels",
        "Fiscal Year    Requests Received    Requests Processed\n"
        "FY2021         1,204                1,187\n"
        "FY2022         1,356                1,301\n"
        "FY2023         1,498                1,466\n",
        [
            (
                ("Fiscal Year", "Requests Received", "Requests Processed"),
                (
                    ("FY2021", "1,204", "1,187"),
                    ("FY2022", "1,356", "1,301"),
                    ("FY2023", "1,498", "1,466"),
                ),
            )
        ],
    ),
    Case(
        "two tables separated by prose",
        "Stop and search by outcome:\n\n"
        "Arrest         41\n"
        "Warning        12\n"
        "No action     210\n\n"
        "The second table gives the searches by the power used.\n\n"
        "Section 1 PACE       198\n"
        "Section 23 MDA        65\n",
        [
            ((), (("Arrest", "41"), ("Warning", "12"), ("No action", "210"))),
            ((), (("Section 1 PACE", "198"), ("Section 23 MDA", "65"))),
        ],
    ),
    Case(
        "a nil row",
        "Vehicle type      Seized\nCars              312\nMotorcycles       nil\nVans              27\n",
        [(("Vehicle type", "Seized"), (("Cars", "312"), ("Motorcycles", "nil"), ("Vans", "27")))],
    ),
    Case(
        "years as row labels",
        "Year      Applications    Approved\n"
        "2021      312             280\n"
        "2022      298             251\n"
        "2023      344             302\n",
        [
            (
                ("Year", "Applications", "Approved"),
                (("2021", "312", "280"), ("2022", "298", "251"), ("2023", "344", "302")),
            )
        ],
    ),
    Case(
        "an empty cell in an aligned table",
        "Ward          2022    2023\n"
        "Abbey          140     152\n"
        "Castle                  91\n"
        "Riverside      203     187\n",
        [
            (
                ("Ward", "2022", "2023"),
                (("Abbey", "140", "152"), ("Castle", "", "91"), ("Riverside", "203", "187")),
            )
        ],
    ),
    Case(
        "an empty cell in a tab-separated table",
        "Month\tComplaints\tUpheld\nJanuary\t45\t\nFebruary\t38\t9\nMarch\t51\t17\n",
        [
            (
                ("Month", "Complaints", "Upheld"),
                (("January", "45", ""), ("February", "38", "9"), ("March", "51", "17")),
            )
        ],
    ),
    Case(
        "bulleted label: value lines",
        "• Abbey: 140\n• Castle: 88\n• Riverside: 203\n",
        [((), (("Abbey", "140"), ("Castle", "88"), ("Riverside", "203")))],
    ),
    Case(
        "a source note after the table",
        "Ward          2022    2023\n"
        "Abbey          140     152\n"
        "Castle          88      91\n\n"
        "Source: Harbury District Council case management system\n",
        [(("Ward", "2022", "2023"), (("Abbey", "140", "152"), ("Castle", "88", "91")))],
    ),
    Case(
        "financial years heading money columns",
        "Category of spend                   2022/23      2023/24\n"
        "Agency nurses                       £412,300     £388,100\n"
        "Locum doctors                       £1,204,000   £1,356,200\n",
        [
            (
                ("Category of spend", "2022/23", "2023/24"),
                (
                    ("Agency nurses", "£412,300", "£388,100"),
                    ("Locum doctors", "£1,204,000", "£1,356,200"),
                ),
            )
        ],
    ),
    Case(
        "one cell per line with years as row labels",
        "Year\nIncidents\n2021\n45\n2022\n52\n2023\n61\n",
        [(("Year", "Incidents"), (("2021", "45"), ("2022", "52"), ("2023", "61")))],
    ),
    Case(
        "a pipe table",
        "| Ward | 2022 | 2023 |\n"
        "|------|------|------|\n"
        "| Abbey | 140 | 152 |\n"
        "| Castle | 88 | 91 |\n"
        "| Riverside | 203 | 187 |\n",
        [
            (
                ("Ward", "2022", "2023"),
                (("Abbey", "140", "152"), ("Castle", "88", "91"), ("Riverside", "203", "187")),
            )
        ],
    ),
    Case(
        "single spaces, a one-word header",
        "Recorded offences by year:\nYear Burglary Robbery Theft\n2021 412 88 1,204\n2022 398 91 1,177\nTotal 810 179 2,381\n",
        [
            (
                ("Year", "Burglary", "Robbery", "Theft"),
                (("2021", "412", "88", "1,204"), ("2022", "398", "91", "1,177"), ("Total", "810", "179", "2,381")),
            )
        ],
    ),
    Case(
        "one row of figures under a wrapped header",
        "Social workers (FTE):\nFinancial Year Adult Social Workers FTE Childrens Social Workers FTE\n2018/19 12.23 28.30\n",
        [((), (("2018/19", "12.23", "28.30"),))],
    ),
    Case(
        "single spaces, one figure a row",
        "Complaints by department were as follows.\nHousing 45\nPlanning 12\nParking 30\n",
        [((), (("Housing", "45"), ("Planning", "12"), ("Parking", "30")))],
    ),
    Case(
        "box-drawn, header wrapped inside its ruled cell",
        "Spend on interpreters:\n"
        "┌──────────┬──────────────┬──────────┐\n"
        "│          │Spoken        │Sign      │\n"
        "│Year      │languages     │language  │\n"
        "├──────────┼──────────────┼──────────┤\n"
        "│2022/23   │£41,200.00    │£8,310.50 │\n"
        "├──────────┼──────────────┼──────────┤\n"
        "│2023/24   │£44,975.10    │£9,002.00 │\n"
        "└──────────┴──────────────┴──────────┘\n",
        [
            (
                ("Year", "Spoken languages", "Sign language"),
                (("2022/23", "£41,200.00", "£8,310.50"), ("2023/24", "£44,975.10", "£9,002.00")),
            )
        ],
    ),
    Case(
        "ASCII grid with + corners",
        "+-------+--------+\n| Month | Claims |\n+-------+--------+\n| April | 31     |\n| May   | 27     |\n+-------+--------+\n",
        [(("Month", "Claims"), (("April", "31"), ("May", "27")))],
    ),
    Case(
        "one row of figures under a header wrapped over three lines",
        "How many agency staff did the Council employ on 31 March 2024?\n"
        "Financial      Agency      Number of\n"
        "Year           FTE         agency\n"
        "                           placements\n"
        "2023/24        14.50       7\n",
        [(("Financial Year", "Agency FTE", "Number of agency placements"), (("2023/24", "14.50", "7"),))],
    ),
    Case(
        "label cells wrapped above their figures (a cell aligned to its foot), rows apart",
        "The figures are:\n\n"
        "    Offence                    2022     2023\n\n"
        "    Possession of an\n"
        "    offensive weapon in a\n"
        "    public place               14       11\n\n"
        "    Burglary                   9        12\n\n"
        "   Theft from the person of\n"
        "    another                    3        <5\n\n"
        "Yours sincerely\n",
        [
            (
                ("Offence", "2022", "2023"),
                (
                    ("Possession of an offensive weapon in a public place", "14", "11"),
                    ("Burglary", "9", "12"),
                    ("Theft from the person of another", "3", "<5"),
                ),
            )
        ],
    ),
    Case(
        "label cells wrapped below their figures (a cell aligned to its top), no blank lines",
        "Offence group              Arrests   Charged\n"
        "Possession of an article   41        12\n"
        "with a blade or point\n"
        "Burglary                   9         4\n"
        "Theft from the person of   3         *\n"
        "another\n",
        [
            (
                ("Offence group", "Arrests", "Charged"),
                (
                    ("Possession of an article with a blade or point", "41", "12"),
                    ("Burglary", "9", "4"),
                    ("Theft from the person of another", "3", "*"),
                ),
            )
        ],
    ),
    Case(
        "near miss: a note under a table, in capitals, is not part of its last label",
        "Station        Call-outs   Hours\n"
        "Ashby             412        96\n"
        "Moor End          388        71\n"
        "Figures are provisional\n",
        [(("Station", "Call-outs", "Hours"), (("Ashby", "412", "96"), ("Moor End", "388", "71")))],
    ),
    Case(
        "space-aligned with a dashed rule under the header",
        "Station        Call-outs   Hours\n-------        ---------   -----\nAshby             412        96\nMoor End          388        71\n",
        [(("Station", "Call-outs", "Hours"), (("Ashby", "412", "96"), ("Moor End", "388", "71")))],
    ),
    Case(
        "a piped grid with a rule above its total row",
        "| Year | Fines |\n|------|-------|\n| 2020 | 1,204 |\n| 2021 | 1,310 |\n| 2022 | 1,488 |\n|------|-------|\n"
        "| Total | 4,002 |\n",
        [
            (
                ("Year", "Fines"),
                (("2020", "1,204"), ("2021", "1,310"), ("2022", "1,488"), ("Total", "4,002")),
            )
        ],
    ),
]

NEAR_MISSES = [
    Case(
        "figures in a prose paragraph",
        "The Council issued 4,812 penalty charge notices in 2023 and 5,010 in 2022. Of\n"
        "these, 623 were cancelled on appeal.\n",
        [],
    ),
    Case(
        "an address block",
        "Harbury District Council\nCivic Centre\n14 Market Street\nHarbury HB4 7TX\n",
        [],
    ),
    Case(
        "telephone lines",
        "Switchboard: 0300 123 4567\nDirect line: 0300 123 4599\n",
        [],
    ),
    Case(
        "dates in a header",
        "Request received: 3 May 2024\nResponse due: 31 May 2024\n",
        [],
    ),
    Case(
        "numbered questions",
        "1. How many penalty charge notices were issued in 2023?\n"
        "2. How many were cancelled on appeal?\n"
        "3. How much income did they raise?\n",
        [],
    ),
    Case(
        "exemptions listed with their names",
        "The following exemptions apply:\nSection 40: personal information\nSection 43: commercial interests\n",
        [],
    ),
    Case(
        "a signature with a job title",
        "Yours sincerely\n\nJane Smith      Information Governance Officer\nMark Jones      Data Protection Officer\n",
        [],
    ),
    Case(
        "reference numbers in a header",
        "Our reference: 20931\nYour reference: 4471\n\nDear Mr Baptiste,\n",
        [],
    ),
    Case(
        "telephone and fax numbers written without spaces",
        "Tel: 01632960123\nFax: 01632960124\n",
        [],
    ),
    Case("a sentence ending in a figure", "The number of complaints received in the year was 45\n", []),
    Case(
        "two sentences ending in figures",
        "The Council received complaints from residents numbering 45\nand from businesses in the town centre numbering 12\n",
        [],
    ),
    Case("a letter's reference and date lines", "Our ref: FOI 999\nDate: 28 March 2024\n\nDear Mr Jones,\n", []),
    Case("a telephone line in a signature", "Licensing Team\nTelephone 0116 454 1000\n", []),
    Case("a list of dates", "Monday 4 March 2024\nTuesday 9 April 2024\n", []),
    Case(
        "questions each followed by a one-figure answer are not a table",
        "- How many wards does the Trust run?\n 6\n- How many beds are on those wards?\n 148\n"
        "- How many beds were closed in 2024?\n 12\n",
        [],
    ),
]

XFAIL: list[Any] = []  # none known today; add cases with pytest.mark.xfail(strict=True)

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES)] + XFAIL


@pytest.mark.parametrize("case", CASES)
def test_tables(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    assert [(t.columns, t.rows) for t in response.tables] == case.expected
    if case.titles is not None:
        assert [t.title for t in response.tables] == case.titles
    for t in response.tables:
        evidence = response.text[t.span[0] : t.span[1]]
        for cell in (*t.columns, *(c for row in t.rows for c in row)):
            assert all(word in evidence for word in cell.split())


def test_a_tab_separated_header_wider_than_its_rows_does_not_crash() -> None:
    text = "Year\tNotices\tNotices\tNotices\n\tissued\tpaid\n2022\t4100\t3900\n2023\t4812\t4500\n"
    tables = parse(text.encode(), name="t.txt").tables
    assert [row[:3] for row in tables[0].rows] == [("2022", "4100", "3900"), ("2023", "4812", "4500")]
