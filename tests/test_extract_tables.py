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
    Case(
        "single spaces, labels wrapped below their figures in lower case",
        "Refunds made:\n"
        "Refund reason 2022 2023\n"
        "Duplicate payment made 41 7\n"
        "Paid by the wrong 12 3\n"
        "account holder\n"
        "Overpayment on closing 9 2\n"
        "balance\n"
        "Card taken in error 4 0\n"
        "\nWe hope this helps.\n",
        [
            (
                ("Refund reason", "2022", "2023"),
                (
                    ("Duplicate payment made", "41", "7"),
                    ("Paid by the wrong account holder", "12", "3"),
                    ("Overpayment on closing balance", "9", "2"),
                    ("Card taken in error", "4", "0"),
                ),
            )
        ],
        ["Refunds made:"],
    ),
    Case(
        "single spaces, the last label wrapped after a joining word",
        "Stops made:\nOfficer stops - vehicle 12 30\nStops under section 60 in 4 2\nthe town centre\nNo further stops were made.\n",
        [
            (
                (),
                (("Officer stops - vehicle", "12", "30"), ("Stops under section 60 in the town centre", "4", "2")),
            )
        ],
    ),
    Case(
        "single spaces, a label wrapped above its figures, a header of quarters",
        "Species Q1 Q2 Q3 Q4 Total\nBrown Rats 40 52 61 38 191\nHarvest\nMice 2 0 1 3 6\nGrey Squirrels 5 9 4 2 20\n",
        [
            (
                ("Species", "Q1", "Q2", "Q3", "Q4", "Total"),
                (
                    ("Brown Rats", "40", "52", "61", "38", "191"),
                    ("Harvest Mice", "2", "0", "1", "3", "6"),
                    ("Grey Squirrels", "5", "9", "4", "2", "20"),
                ),
            )
        ],
    ),
    Case(
        "single spaces under a line of years, the last cells empty",
        "Fines issued each month:\n2021 2022 2023\nJan 310 295 402\nFeb 288 301 377\nMar 305 330\nTotal 903 926 779\n",
        [
            (
                ("", "2021", "2022", "2023"),
                (
                    ("Jan", "310", "295", "402"),
                    ("Feb", "288", "301", "377"),
                    ("Mar", "305", "330", ""),
                    ("Total", "903", "926", "779"),
                ),
            )
        ],
    ),
    Case(
        "one row of figures alone under its years",
        "The number of trees planted each year:\n2019 2020 2021 2022\n1,204 1,310 1,488 1,502\n",
        [(("", "2019", "2020", "2021", "2022"), (("", "1,204", "1,310", "1,488", "1,502"),))],
    ),
    Case(
        "a year's label wrapped at an open bracket",
        "Year Noise Smoke Total\n2022 40 12 52\n2023 38 9 47\n2024 (to\nJune) 11 2 13\n",
        [
            (
                ("Year", "Noise", "Smoke", "Total"),
                (("2022", "40", "12", "52"), ("2023", "38", "9", "47"), ("2024 (to June)", "11", "2", "13")),
            )
        ],
    ),
    Case(
        "one figure a row, the last label longer and wrapped after 'to'",
        "Spend on agency staff:\n2021/22 £12,400.50\n2022/23 £13,100.00\n1 April 2023 to £6,250.25\n30 September 2023\n",
        [
            (
                (),
                (
                    ("2021/22", "£12,400.50"),
                    ("2022/23", "£13,100.00"),
                    ("1 April 2023 to 30 September 2023", "£6,250.25"),
                ),
            )
        ],
    ),
    Case(
        "one cell per line, each cell ending in a bar",
        "Reason |\nCount |\nStress |\n46 |\nAnxiety |\n31 |\nBack injury |\n12 |\n",
        [(("Reason", "Count"), (("Stress", "46"), ("Anxiety", "31"), ("Back injury", "12")))],
    ),
    Case(
        "one cell per line, each cell ending in a tab",
        "Ward\t\nMale\t\nFemale\t\nAbbey\t\n12\t\n14\t\nCastle\t\n8\t\n9\t\nRiverside\t\n20\t\n17\t\n",
        [
            (
                ("Ward", "Male", "Female"),
                (("Abbey", "12", "14"), ("Castle", "8", "9"), ("Riverside", "20", "17")),
            )
        ],
    ),
    Case(
        "box-drawn, the total row's label wrapped below its figure",
        "┌──────────┬──────┐\n"
        "│Region    │Spend │\n"
        "├──────────┼──────┤\n"
        "│North     │1,200 │\n"
        "├──────────┼──────┤\n"
        "│South     │1,400 │\n"
        "├──────────┼──────┤\n"
        "│Total for the│2,600 │\n"
        "│county    │      │\n"
        "└──────────┴──────┘\n",
        [(("Region", "Spend"), (("North", "1,200"), ("South", "1,400"), ("Total for the county", "2,600")))],
    ),
    Case(
        "box-drawn, no header: the first row is years and figures",
        "┌──────┬─────┐\n│2021  │126  │\n├──────┼─────┤\n│2022  │116  │\n├──────┼─────┤\n│2023  │86   │\n└──────┴─────┘\n",
        [((), (("2021", "126"), ("2022", "116"), ("2023", "86")))],
    ),
    Case(
        "box-drawn, a header of years",
        "┌──────┬─────┬─────┐\n│Ward  │2022 │2023 │\n├──────┼─────┼─────┤\n│Abbey │12   │14   │\n"
        "├──────┼─────┼─────┤\n│Castle│8    │9    │\n└──────┴─────┴─────┘\n",
        [(("Ward", "2022", "2023"), (("Abbey", "12", "14"), ("Castle", "8", "9")))],
    ),
    Case(
        "single spaces, a lone figure under the rows is the sum of its column",
        "Year Noise Smoke Total\n2021 22 10 32\n2022 13 14 27\n2023 16 16 32\n91\n",
        [
            (
                ("Year", "Noise", "Smoke", "Total"),
                (
                    ("2021", "22", "10", "32"),
                    ("2022", "13", "14", "27"),
                    ("2023", "16", "16", "32"),
                    ("", "", "", "91"),
                ),
            )
        ],
    ),
    Case(
        "single spaces, a column of dates beside the counts",
        "Date Calls Visits\n03/01/2024 4 2\n10/01/2024 7 3\n17/01/2024 2 0\n",
        [
            (
                ("Date", "Calls", "Visits"),
                (("03/01/2024", "4", "2"), ("10/01/2024", "7", "3"), ("17/01/2024", "2", "0")),
            )
        ],
    ),
    Case(
        "single spaces, dates written out beside one count each",
        "Closures this year:\n4 March 2024 12\n9 April 2024 3\n17 May 2024 8\n",
        [((), (("4 March 2024", "12"), ("9 April 2024", "3"), ("17 May 2024", "8")))],
    ),
    Case(
        "single spaces, a column of postcodes beside the counts",
        "Postcode Reports Fines\nHB4 7TX 14 3\nHB5 2QA 9 1\nHB7 1LD 22 6\n",
        [
            (
                ("Postcode", "Reports", "Fines"),
                (("HB4 7TX", "14", "3"), ("HB5 2QA", "9", "1"), ("HB7 1LD", "22", "6")),
            )
        ],
    ),
    Case(
        "aligned, dates beside the counts",
        "Date          Calls\n03/01/2024        4\n10/01/2024       17\n17/01/2024        2\n",
        [(("Date", "Calls"), (("03/01/2024", "4"), ("10/01/2024", "17"), ("17/01/2024", "2")))],
    ),
    Case(
        "year - value lines",
        "Spent on tribunal hearings each year:\n2022 - £4,455.55\n2023 - £13,638.86\n",
        [((), (("2022", "£4,455.55"), ("2023", "£13,638.86")))],
    ),
    Case(
        "one cell per line, a block of two rows under the same header for each year",
        "2021\nType\nNumber\nPhysical\n12\nVerbal\n30\n\n2022\nType\nNumber\nPhysical\n15\nVerbal\n28\n",
        [
            (("Type", "Number"), (("Physical", "12"), ("Verbal", "30"))),
            (("Type", "Number"), (("Physical", "15"), ("Verbal", "28"))),
        ],
        ["2021", "2022"],
    ),
    Case(
        "one cell per line, a column of dates beside the counts",
        "Postcode\nDate\nReports\nHB4 7TX\n03/01/2024\n4\nHB5 2QA\n10/01/2024\n7\nHB7 1LD\n17/01/2024\n2\n",
        [
            (
                ("Postcode", "Date", "Reports"),
                (("HB4 7TX", "03/01/2024", "4"), ("HB5 2QA", "10/01/2024", "7"), ("HB7 1LD", "17/01/2024", "2")),
            )
        ],
    ),
    Case(
        "one cell per line, dates labelling the rows",
        "Date\nCalls\n4 March 2024\n12\n11 March 2024\n9\n18 March 2024\n15\n",
        [(("Date", "Calls"), (("4 March 2024", "12"), ("11 March 2024", "9"), ("18 March 2024", "15")))],
    ),
    Case(
        "single spaces, a postcode then a date then the count",
        "Postcode Date Reports\nHB4 7TX 03/01/2024 4\nHB5 2QA 10/01/2024 7\nHB7 1LD 17/01/2024 2\n",
        [
            (
                ("Postcode", "Date", "Reports"),
                (("HB4 7TX", "03/01/2024", "4"), ("HB5 2QA", "10/01/2024", "7"), ("HB7 1LD", "17/01/2024", "2")),
            )
        ],
    ),
    Case(
        "bars between cells only, no bar at either end",
        "Ward | Male | Female\n---|---|---\nAbbey | 12 | 14\nCastle | 8 | 9\n",
        [(("Ward", "Male", "Female"), (("Abbey", "12", "14"), ("Castle", "8", "9")))],
    ),
    Case(
        "single spaces, currency and per cent signs set apart from their figures",
        "Grant Amount Share\nYouth clubs £ 12,400 40 %\nLibraries £ 9,300 30 %\nParks £ 9,300 30 %\n",
        [
            (
                ("Grant", "Amount", "Share"),
                (
                    ("Youth clubs", "£ 12,400", "40 %"),
                    ("Libraries", "£ 9,300", "30 %"),
                    ("Parks", "£ 9,300", "30 %"),
                ),
            )
        ],
    ),
    Case(
        "dot leaders between labels and figures",
        "Visits by site:\nCentral Library ........ 1,204\nEast Branch ............ 388\nMobile service ......... 97\n",
        [((), (("Central Library", "1,204"), ("East Branch", "388"), ("Mobile service", "97")))],
    ),
    Case(
        "single spaces, a month and year labelling each row",
        "Month Calls Visits\nApril 2023 12 14\nMay 2023 9 11\nJune 2023 15 8\n",
        [
            (
                ("Month", "Calls", "Visits"),
                (("April 2023", "12", "14"), ("May 2023", "9", "11"), ("June 2023", "15", "8")),
            )
        ],
    ),
    Case(
        "single spaces, figures inside a label, more than the columns",
        "Age group Male Female\nUnder 18s 12 14\nAged 18 to 64 30 41\nAged 65+ 3 4\n",
        [
            (
                ("Age group", "Male", "Female"),
                (("Under 18s", "12", "14"), ("Aged 18 to 64", "30", "41"), ("Aged 65+", "3", "4")),
            )
        ],
    ),
    Case(
        "aligned columns whose labels end in a number are not split at the label's single space",
        "Reports and fines by ward in 2022:\n\n"
        "   Ward             Reports      Fines\n\n"
        "   Ward 1           13           5\n\n"
        "   Ward 2           24           10\n\n"
        "   Ward 3           35           15\n\n"
        "   Ward 4           46           20\n\n"
        "   Ward 5           57           25\n\n"
        "   Ward 6           68           30\n",
        [
            (
                ("Ward", "Reports", "Fines"),
                tuple((f"Ward {k}", str(2 + 11 * k), str(5 * k)) for k in range(1, 7)),
            )
        ],
        ["Reports and fines by ward in 2022:"],
    ),
    Case(
        "a sentence or a question above a table is not its title",
        "You asked how many reports of littering the council received in each of the three years.\n\n"
        "Year      Reports\n"
        "2021          140\n"
        "2022          152\n"
        "2023          171\n\n"
        "How many of those reports led to a fine?\n\n"
        "Year        Fines\n"
        "2021           12\n"
        "2022           15\n"
        "2023           19\n",
        [
            (("Year", "Reports"), (("2021", "140"), ("2022", "152"), ("2023", "171"))),
            (("Year", "Fines"), (("2021", "12"), ("2022", "15"), ("2023", "19"))),
        ],
        [None, None],
    ),
    Case(
        "bar-drawn rows whose figures wrapped onto the next line",
        "Requests handled in the first quarter:\n"
        "| Measure | Total |\n"
        "| Requests received in the quarter |\n"
        "318 |\n"
        "| Requests answered within 20 working days |\n"
        "291 |\n"
        "| Requests refused in full |\n"
        "12 |\n",
        [
            (
                ("Measure", "Total"),
                (
                    ("Requests received in the quarter", "318"),
                    ("Requests answered within 20 working days", "291"),
                    ("Requests refused in full", "12"),
                ),
            )
        ],
    ),
    Case(
        "bar-drawn rows of three columns wrapped after the label, no rule under the header",
        "| Ward | 2022 | 2023 |\n| Abbey |\n12 | 14 |\n| Castle |\n8 | 9 |\n| Riverside |\n20 | 21 |\n",
        [(("Ward", "2022", "2023"), (("Abbey", "12", "14"), ("Castle", "8", "9"), ("Riverside", "20", "21")))],
    ),
    Case(
        "bar-drawn rows labelled by years have no header row",
        "| 2021 | 12 | 14 |\n| 2022 | 8 | 9 |\n| 2023 | 20 | 21 |\n",
        [((), (("2021", "12", "14"), ("2022", "8", "9"), ("2023", "20", "21")))],
    ),
    Case(
        "one cell per line, row labels wrapped onto a second line",
        "Placements on 31 March\n\n"
        "Placement type\n2023\n2024\n"
        "Foster care with\nrelatives or friends\n41\n44\n"
        "Residential\nchildren's homes\n18\n21\n"
        "Supported accommodation for\nyoung people aged 16 and 17\n9\n12\n"
        "Placed for adoption\n6\n4\n",
        [
            (
                ("Placement type", "2023", "2024"),
                (
                    ("Foster care with relatives or friends", "41", "44"),
                    ("Residential children's homes", "18", "21"),
                    ("Supported accommodation for young people aged 16 and 17", "9", "12"),
                    ("Placed for adoption", "6", "4"),
                ),
            )
        ],
    ),
    Case(
        "one cell per line, cells of a figure with a note and cells saying there is no figure",
        "Applications received\n\n"
        "Scheme\nCouncil\nPartners\n"
        "Settlement support\n22 (across all categories)\nN/a\n"
        "Citizenship support\n5 (across all categories)\nN/a\n"
        "Language classes\n14\n3\n",
        [
            (
                ("Scheme", "Council", "Partners"),
                (
                    ("Settlement support", "22 (across all categories)", "N/a"),
                    ("Citizenship support", "5 (across all categories)", "N/a"),
                    ("Language classes", "14", "3"),
                ),
            )
        ],
    ),
]

NEAR_MISSES = [
    Case(
        "one cell per line: a heading line above a label is not part of the label",
        "Waste Services\nMissed bins\n140\n152\nBulky collections\n88\n91\nGarden waste\n203\n187\n",
        [((), (("Missed bins", "140", "152"), ("Bulky collections", "88", "91"), ("Garden waste", "203", "187")))],
    ),
    Case(
        "a line of prose ending in a bar after a bar-drawn note is no row",
        "| Note: figures are provisional |\nPlease contact us if you need more detail |\n",
        [],
    ),
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
    Case("prices on lines of their own", "Items bought:\n$ 556.46\n$ 316.39\n$ 348.38\n", []),
    Case(
        "bullet points with a year and a sum",
        "Spend on celebrities:\n•    In 2023 £0\n•    In 2024 (predicted) £0\nYears asked about:\n•    2023\n•    2024\n",
        [],
    ),
    Case(
        "salary ranges by grade",
        "The grades are:\n1 x Grade 6 - £30,825 - £34,834\n1 x Grade 8 - £40,221 - £43,421\n2 x Grade 9 £44,711 - £47,754\n",
        [],
    ),
    Case(
        "a signature block with phone numbers split by spaces",
        "Kind regards,\nJane Smith 0161 496 0000\nMark Jones 0161 496 0001\n",
        [],
    ),
    Case("numbered contacts", "Phone #1 312 746 7922\nPhone #2 312 746 7923\n", []),
    Case("a fax and telephone block", "Fax 0161 496 0002\nTel 0161 496 0003\n", []),
    Case("a US address", "Room 2180\nChicago, IL 60624\n", []),
    Case(
        "one line of figures under a heading is no table",
        "Invoice summary\nTotal 3 7,074.00\n\nPlease pay within 30 days.\n",
        [],
    ),
    Case(
        "records of dated cheques",
        "Check #17310 dated 03/07/2014 for the amount $71 175.50\nCheck #17312 dated 03/11/2014 for the amount $131 10.00\n",
        [],
    ),
    Case(
        "numbered paragraphs ending in two figures",
        "1. Requests received 45 52\n2. Requests answered 40 50\n",
        [],
    ),
    Case(
        "a list of meeting dates",
        "The panel met on:\nThursday 4 March 2024\nTuesday 9 April 2024\nFriday 17 May 2024\n",
        [],
    ),
    Case(
        "one cell per line with bars but no figures",
        "Name |\nRole |\nJane Smith |\nOfficer |\nMark Jones |\nManager |\nAnn Lee |\nClerk |\n",
        [],
    ),
    Case(
        "a lone figure under the rows that sums no column (a page number) stays out",
        "Year Noise Smoke Total\n2021 22 10 32\n2022 13 14 27\n2023 16 16 32\n2\n",
        [
            (
                ("Year", "Noise", "Smoke", "Total"),
                (("2021", "22", "10", "32"), ("2022", "13", "14", "27"), ("2023", "16", "16", "32")),
            )
        ],
    ),
    Case(
        "dates with a year after them and nothing counted",
        "Hearings were held on:\n4 March 2024\n9 April 2024\n03/05/2024\n",
        [],
    ),
    Case(
        "one cell per line, two rows under a header said once",
        "Type\nNumber\nPhysical\n12\nVerbal\n30\n\nWe hope this helps.\n",
        [],
    ),
    Case(
        "one cell per line, labels and dates but no figure",
        "Received\n03/01/2024\nAcknowledged\n05/01/2024\nDue\n31/01/2024\nAnswered\n29/01/2024\n",
        [],
    ),
    Case(
        "a bar in a line of links or a footer",
        "Freedom of Information requests | Harbury District Council\nHome | Contact us | Accessibility\n",
        [],
    ),
    Case(
        "sentences ending in two figures",
        "Total spend was 45 50\nTotal income was 30 20\n",
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
