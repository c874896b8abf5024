"""Lists of figures (``label: 45``, ``label = 45``, ``label – 45`` ...) and their near misses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foiparse.layout.lines import split_lines
from foiparse.layout.lists import ListTable, find_lists

Expected = list[tuple[str | None, list[tuple[str, ...]]]]

# (name, text, expected lists as (title, rows)); every shape comes with near misses (expected []).
EXAMPLES: list[tuple[str, str, Expected]] = [
    # --- colon
    (
        "colon months",
        "Parking fines issued:\nJan: 12\nFeb: 7\nMar: 30\n",
        [("Parking fines issued:", [("Jan", "12"), ("Feb", "7"), ("Mar", "30")])],
    ),
    (
        "colon long labels, one worded line inside",
        "Licensing 2022\n"
        "The number of applications granted in full: 77\n"
        "The number of applications refused outright: 9\n"
        "Average handling: within the statutory period in most cases\n"
        "The number of applications withdrawn by the applicant: 4\n",
        [
            (
                "Licensing 2022",
                [
                    ("The number of applications granted in full", "77"),
                    ("The number of applications refused outright", "9"),
                    ("The number of applications withdrawn by the applicant", "4"),
                ],
            )
        ],
    ),
    (
        "colon double spaced with bullets",
        "• Bridges: 14\n\n• Culverts: 3\n\n• Fords: nil\n",
        [(None, [("Bridges", "14"), ("Culverts", "3"), ("Fords", "nil")])],
    ),
    (
        "colon lists back to back, split where a label comes again",
        "Received: 5\nRefused: 3\nPeriod: April to June\nReceived: 7\nRefused: 2\nJan: 4\nFeb: 1\nJan: 6\nFeb: 2\n",
        [
            (None, [("Received", "5"), ("Refused", "3")]),
            ("Period: April to June", [("Received", "7"), ("Refused", "2"), ("Jan", "4"), ("Feb", "1")]),
            (None, [("Jan", "6"), ("Feb", "2")]),
        ],
    ),
    (
        "punctuated list with roman numerals",
        "i. Pears: 5;\nii. Plums: 11;\niii. Damsons: 2.\n",
        [(None, [("Pears", "5"), ("Plums", "11"), ("Damsons", "2")])],
    ),
    ("near miss: a list of sentences", "(i) We received 5.\n(ii) We refused 2.\n", []),
    (
        "colon quarters and a US label",
        "Visitors\n\n\nQ1: 45\nQ2: 51\nUS visitors: 7\n",
        [("Visitors", [("Q1", "45"), ("Q2", "51"), ("US visitors", "7")])],
    ),
    (
        "capitals that are not pronouns",
        "US visitors: 7\nUS students: 9\n",
        [(None, [("US visitors", "7"), ("US students", "9")])],
    ),
    ("roman numerals in labels", "Class I: 4\nClass II: 9\n", [(None, [("Class I", "4"), ("Class II", "9")])]),
    ("near miss: tabbed columns", "Ward\tNorth: 20\nMarket\tSouth: 17\n", []),
    (
        "another shape inside the label",
        "Delay: 12 weeks = 3\nDelay: 20 weeks = 1\n",
        [(None, [("Delay: 12 weeks", "3"), ("Delay: 20 weeks", "1")])],
    ),
    ("near miss: pairs inline", "North: 4, South: 6, East: 1\nNorth: 2, South: 9, East: 3\n", []),
    ("near miss: letter metadata", "Date received: 3 May 2024\nReference: FOI-123\nTelephone: 0114 273 4567\n", []),
    ("near miss: references", "Our ref: 55120\nCase no: 8812\nRoom: 14\n", []),
    ("near miss: phone numbers", "Main line: 01632960123\nOut of hours: 01632960999\n", []),
    ("near miss: codes with leading zeros", "Badge: 00451\nLocker: 00982\n", []),
    ("near miss: account numbers", "Payee account: 4012345678\nSupplier account: 4012345679\n", []),
    (
        "colon age bands",
        "Victims by age\n0-17: 12\n18-64: 31\n65+: 4\n",
        [("Victims by age", [("0-17", "12"), ("18-64", "31"), ("65+", "4")])],
    ),
    ("near miss: bare numbers", "10: 4\n11: 5\n12: 9\n", []),
    ("near miss: OCR noise", "l.I.i = 4\n.;. = 7\n", []),
    ("near miss: a single pair", "Dear Ms Oduya\nTrees felled: 14\nYours sincerely\n", []),
    ("near miss: citation", "Section 40(2): personal information\nSection 43(2): commercial interests\n", []),
    ("near miss: prose with a colon", "We can confirm that we hold: 4\nWe have decided that you may see: 2\n", []),
    ("near miss: questions", "How many bins were lost: 2019\nWhat did you spend: 450\n", []),
    ("near miss: dates of a case", "Opened: 2019\nClosed: 2021\n", []),
    ("near miss: times", "Opening: 09:30\nClosing: 17:00\n", []),
    ("near miss: nothing but none", "Attachments: None\nEnclosures: None\n", []),
    # --- equals
    (
        "equals with a colon inside the label",
        "Appeals by ground\nNoise: night time = 6\nOdour = 11\nDust = <5\n",
        [("Appeals by ground", [("Noise: night time", "6"), ("Odour", "11"), ("Dust", "<5")])],
    ),
    (
        "equals money",
        "A) Ferry repairs = £12,400\nB) Jetty repairs = £3,150.50\n",
        [(None, [("Ferry repairs", "£12,400"), ("Jetty repairs", "£3,150.50")])],
    ),
    ("near miss: equals in prose", "1 x officer = answering the above enquiries\n1 x clerk = filing\n", []),
    ("near miss: a sum", "Total = 4 + 5\nNet = 9 - 2\n", []),
    # --- dash
    (
        "hyphen bullets under year titles, two lists",
        "2022-23\n- Sofas - 12\n- Mattresses - 40\n2021-22\n- Sofas - 9\n- Tyres - 1,204\n",
        [
            ("2022-23", [("Sofas", "12"), ("Mattresses", "40")]),
            ("2021-22", [("Sofas", "9"), ("Tyres", "1,204")]),
        ],
    ),
    (
        "en dash year list",
        "Complaints received\n2016 – 88\n2017 – 91\n2018 – 102\n",
        [("Complaints received", [("2016", "88"), ("2017", "91"), ("2018", "102")])],
    ),
    (
        "double hyphen",
        "Kestrels -- 14\nBuzzards -- 9\n",
        [(None, [("Kestrels", "14"), ("Buzzards", "9")])],
    ),
    ("near miss: year ranges", "2019 - 2020\n2020 - 2021\n2021 - 2022\n", []),
    ("near miss: pay scale", "Grade 4 - £21,000\nGrade 5 - £24,500\n", []),
    (
        "dash counts with nouns and shares",
        "Outcome of appeals\n• Upheld – 40 appeals\n• Dismissed – 12 (23%)\n• Withdrawn – 3 (5.8 per cent)\n",
        [
            (
                "Outcome of appeals",
                [("Upheld", "40 appeals", ""), ("Dismissed", "12", "23%"), ("Withdrawn", "3", "5.8 per cent")],
            )
        ],
    ),
    ("near miss: times of day", "Doors open - 9 am\nDoors close - 5 pm\n", []),
    ("near miss: dash with words", "The total number - 45 as at 30/01/20\nThe total number - 12 as at 30/01/20\n", []),
    ("near miss: list of dates", "3 May 2024 – 5 May 2024\n9 June 2024 – 12 June 2024\n", []),
    # --- brackets
    (
        "bracketed counts",
        "Absence reasons\nMigraine (31)\nBack pain (58)\nStress (102)\n",
        [("Absence reasons", [("Migraine", "31"), ("Back pain", "58"), ("Stress", "102")])],
    ),
    ("near miss: attachments and their length", "Annex A (2 pages)\nAnnex B (5 pages)\n", []),
    ("near miss: bundle contents", "Witness statement (3 sheets)\nExpert report (12 sheets)\n", []),
    ("near miss: enclosures and their length", "Annex A - 2 pages\nAnnex B - 5 pages\n", []),
    ("near miss: links", "example.org/news?page=2\nexample.org/news?page=3\n", []),
    ("near miss: questions mid-label", "Held? Number: 4\nRecorded? Number: 2\n", []),
    ("near miss: acts with their year", "Freedom of Information Act (2000)\nData Protection Act (2018)\n", []),
    ("near miss: sub-sections", "Section 40 (2)\nSection 41 (1)\n", []),
    ("near miss: attached sub-sections", "under s.31(1)\nand under s.38(2)\n", []),
    (
        "near miss: introductions",
        "Closed cases: 4\nThe terms used are defined as follows:-\n",
        [],
    ),
    # --- dot leaders
    (
        "dot leaders with units",
        "Ward occupancy ........ 91.5 per cent\nBed days lost ....... 1,870\nTheatre delays ........ 12 hours\n",
        [
            (
                None,
                [("Ward occupancy", "91.5 per cent"), ("Bed days lost", "1,870"), ("Theatre delays", "12 hours")],
            )
        ],
    ),
    ("near miss: contents page", "Contents\nIntroduction ........ 3\nFindings ........ 7\nAnnex ........ 12\n", []),
    # --- the text around a list
    (
        "numbered paragraphs and a signature around a list",
        "1. The number of requests received in 2023.\n"
        "2. The number of requests refused.\n"
        "Received: 312\n"
        "Refused: 41\n"
        "Yours sincerely\n"
        "Priya Holm\n"
        "Information Officer\n",
        [(None, [("Received", "312"), ("Refused", "41")])],
    ),
    (
        "near miss: numbered questions",
        "1. The number of requests received in 2023.\n2. The number refused in 2023.\n",
        [],
    ),
    ("near miss: an address block", "Civic Centre\n12 Harbour Road\nPortwick\nPW1 2AB\n", []),
]


def _shown(found: list[ListTable]) -> Expected:
    return [(t.title, list(t.rows)) for t in found]


@pytest.mark.parametrize(("name", "text", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples(name: str, text: str, expected: Expected) -> None:
    lines = split_lines(text)
    assert _shown(find_lists(lines, [False] * len(lines))) == expected


def test_lines_and_spans() -> None:
    text = "Intro line.\n\nFines by month\n\nJan: 12\nFeb: 7\n\nEnd of letter.\n"
    far = "Fines by month\n\n\n\nJan: 12\nFeb: 7\n"  # three blank lines: too far to be its title
    far_lines = split_lines(far)
    assert [t.title for t in find_lists(far_lines, [False] * len(far_lines))] == [None]
    lines = split_lines(text)
    (found,) = find_lists(lines, [False] * len(lines))
    assert (found.first, found.last, found.title, found.columns) == (4, 5, "Fines by month", ())
    assert lines[found.first].text == "Jan: 12"


def test_claimed_lines_are_skipped() -> None:
    text = "Jan: 12\nFeb: 7\nMar: 30\n"
    lines = split_lines(text)
    assert find_lists(lines, [False, True, False]) == []
    (found,) = find_lists(lines, [True, False, False])
    assert (found.first, found.last, found.title) == (1, 2, None)


def test_separator_is_shared() -> None:
    # Rows of two shapes next to each other are two lists, not one.
    text = "Vans: 4\nCars: 9\nBuses = 2\nTrams = 1\n"
    lines = split_lines(text)
    found = find_lists(lines, [False] * len(lines))
    assert [(t.first, t.last) for t in found] == [(0, 1), (2, 3)]


_PIECES = [
    "Jan",
    ": ",
    " = ",
    " - ",
    " – ",
    " (",
    ")",
    " ....... ",
    "12",
    "£4,500",
    "<5",
    "nil",
    "Total",
    "We ",
    "\t",
    "\n",
    "\n\n",
    "2021",
    "?",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.lists(st.booleans(), max_size=30))
def test_any_text_gives_well_formed_lists(pieces: list[str], marks: list[bool]) -> None:
    """Whatever the text: lists lie on unclaimed, non-blank lines, never overlap, and keep two rows."""
    lines = split_lines("".join(pieces))
    claimed = [marks[i] if i < len(marks) else False for i in range(len(lines))]
    found = find_lists(lines, claimed)
    seen: set[int] = set()
    for t in found:
        assert 0 <= t.first < t.last < len(lines)
        assert len(t.rows) >= 2 and all(len(row) == len(t.rows[0]) >= 2 for row in t.rows)
        assert not any(claimed[t.first : t.last + 1])
        assert not lines[t.first].blank and not lines[t.last].blank
        span = set(range(t.first, t.last + 1))
        assert not span & seen
        seen |= span


def test_a_claimed_blank_line_parts_two_lists() -> None:
    text = "Jan: 12\nFeb: 7\n\nMar: 30\nApr: 2\n"
    lines = split_lines(text)
    assert [(t.first, t.last) for t in find_lists(lines, [False] * len(lines))] == [(0, 4)]
    assert [(t.first, t.last) for t in find_lists(lines, [False, False, True, False, False])] == [(0, 1), (3, 4)]
