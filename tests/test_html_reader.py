"""The HTML reader by example: a page fragment and the document text or tables it gives.

Near misses are markup that must not become text (scripts, chrome) or must not become a
table of data (a table used for layout, a two-column list of labels and values).
"""

from __future__ import annotations

import contextlib
from typing import NamedTuple

import pytest

from foiparse import Options, parse
from foiparse.errors import EmptyInputError, FoiparseError
from foiparse.readers.html import read_html


class TextCase(NamedTuple):
    name: str
    html: str
    text: str  # the document text the page reads as


TEXT_CASES = [
    TextCase("paragraphs become blocks", "<p>One.</p><p>Two.</p>", "One.\n\nTwo.\n"),
    TextCase("a line break", "<p>Fry Building<br>2 Marsham Street</p>", "Fry Building\n2 Marsham Street\n"),
    TextCase("entities decoded", "<p>Fish &amp; chips &pound;5&nbsp;each</p>", "Fish & chips £5 each\n"),
    TextCase("white space collapsed", "<p>  The   Council\n  holds   it. </p>", "The Council holds it.\n"),
    TextCase("inline markup runs on", "<p>We <b>hold</b> <i>no</i> records.</p>", "We hold no records.\n"),
    TextCase("a list keeps its markers", "<ul><li>Bins</li><li>Roads</li></ul>", "- Bins\n- Roads\n"),
    TextCase("a numbered list is numbered", "<ol><li>Bins</li><li>Roads</li></ol>", "1. Bins\n2. Roads\n"),
    TextCase("pre keeps its layout", "<pre>Ward   2023\nAbbey    14</pre>", "Ward   2023\nAbbey    14\n"),
    TextCase(
        "a term and its description on one line",
        "<dl><dt>Date responded</dt><dd>28 June 2024</dd></dl>",
        "Date responded\t28 June 2024\n",
    ),
    TextCase(
        "scripts, styles and navigation are not text",
        "<nav>Home | News</nav><script>var a=1;</script><style>p{}</style><p>The letter.</p>",
        "The letter.\n",
    ),
    TextCase(
        "chrome named by its class is not text",
        "<div class='cookie-banner'>We use cookies</div><div id='sidebar'>Related</div><p>The letter.</p>"
        "<div class='site-footer'>Copyright</div>",
        "The letter.\n",
    ),
    TextCase(
        "a two-column list of labels and values reads as lines",
        "<table><tr><th>Request ID</th><td>FOI-24-0931</td></tr><tr><th>Date responded</th><td>15/07/2024</td></tr></table>",
        "Request ID\tFOI-24-0931\nDate responded\t15/07/2024\n",
    ),
    TextCase(
        "a question and answer table of prose reads as blocks",
        "<table><tr><th>Question</th><th>Answer</th></tr><tr><td>How many wards does the Trust run in its"
        " community hospitals at present?</td><td>The Trust runs six wards across its three community hospitals"
        " and two more are planned.</td></tr></table>",
        "Question\nAnswer\nHow many wards does the Trust run in its community hospitals at present?\n"
        "The Trust runs six wards across its three community hospitals and two more are planned.\n",
    ),
]


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.name for c in TEXT_CASES])
def test_document_text(case: TextCase) -> None:
    assert read_html(f"<html><body>{case.html}</body></html>".encode()).text == case.text


class TableCase(NamedTuple):
    name: str
    html: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


TABLE_CASES = [
    TableCase(
        "header row from th",
        "<table><tr><th>Ward</th><th>Reports</th></tr><tr><td>Abbey</td><td>14</td></tr><tr><td>Moor</td><td>9</td></tr></table>",
        ("Ward", "Reports"),
        (("Abbey", "14"), ("Moor", "9")),
    ),
    TableCase(
        "a Word table: labels over figures, no th",
        "<table><tr><td><b>Year</b></td><td><b>Claims</b></td></tr><tr><td>2022</td><td>31</td></tr>"
        "<tr><td>2023</td><td>27</td></tr></table>",
        ("Year", "Claims"),
        (("2022", "31"), ("2023", "27")),
    ),
    TableCase(
        "a grouped header spans two columns",
        "<table><thead><tr><th rowspan='2'>Year</th><th colspan='2'>Enforcement</th></tr>"
        "<tr><th>Notices</th><th>Cases</th></tr></thead><tr><td>2023</td><td>94</td><td>6</td></tr></table>",
        ("Year", "Enforcement Notices", "Enforcement Cases"),
        (("2023", "94", "6"),),
    ),
    TableCase(
        "a row label spanning rows heads each of them",
        "<table><tr><th>Year</th><th>Faculty</th><th>Staff</th></tr>"
        "<tr><td rowspan='2'>2021/22</td><td>Arts</td><td>40</td></tr><tr><td>Science</td><td>51</td></tr></table>",
        ("Year", "Faculty", "Staff"),
        (("2021/22", "Arts", "40"), ("2021/22", "Science", "51")),
    ),
    TableCase(
        "a cell's inline pieces run together, a suppression marker kept",
        "<table><tr><th>Month</th><th>Waits</th></tr><tr><td>May</td><td><b>412</b><span>*</span></td></tr>"
        "<tr><td>June</td><td>&lt;5</td></tr><tr><td>July</td><td></td></tr></table>",
        ("Month", "Waits"),
        (("May", "412*"), ("June", "<5"), ("July", "")),
    ),
    TableCase(
        "a nested table is flattened into its cell",
        "<table><tr><th>Site</th><th>Detail</th><th>Total</th></tr><tr><td>Depot</td>"
        "<td><table><tr><td>a</td><td>b</td></tr></table></td><td>12</td></tr>"
        "<tr><td>Yard</td><td>c</td><td>3</td></tr></table>",
        ("Site", "Detail", "Total"),
        (("Depot", "a b", "12"), ("Yard", "c", "3")),
    ),
]


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.name for c in TABLE_CASES])
def test_tables(case: TableCase) -> None:
    doc = read_html(f"<html><body><p>Figures:</p>{case.html}</body></html>".encode())
    assert [(t.columns, t.rows) for t in doc.tables] == [(case.columns, case.rows)]
    start, end = doc.tables[0].span
    for cell in (c for row in case.rows for c in row):
        assert cell in doc.text[start:end]


def test_a_layout_table_is_not_a_table_of_data() -> None:
    doc = read_html(b"<table><tr><td><p>Dear Ms Ray,</p><p>The Council holds no such records.</p></td></tr></table>")
    assert doc.tables == ()
    assert "The Council holds no such records." in doc.text


def test_the_page_declares_its_charset() -> None:
    page = "<html><head><meta charset='windows-1252'></head><body><p>Fee: £25 – “paid”</p></body></html>"
    doc = read_html(page.encode("cp1252"))
    assert doc.text == "Fee: £25 – “paid”\n"
    assert doc.source.encoding == "windows-1252"


def test_latin_1_is_read_as_windows_1252_as_browsers_do() -> None:
    page = b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><p>It\x92s \xa35</p>"
    assert read_html(page).text == "It’s £5\n"


def test_links_to_files_are_attachments_with_their_names() -> None:
    doc = read_html(b"<p>See <a href='/files/response.pdf'>our response letter</a> and <a href='/about'>us</a>.</p>")
    assert [(a.name, a.url) for a in doc.attachments] == [("our response letter", "/files/response.pdf")]
    att = doc.attachments[0]
    assert att.span is not None and doc.text[att.span[0] : att.span[1]] == "our response letter"


def test_a_thread_page_gives_messages_and_the_status() -> None:
    page = (
        "<div class='request-status-message request-status-message--not_held'>Not held.</div>"
        "<div class='outgoing correspondence' id='outgoing-1'><div class='correspondence__header'>"
        "<span class='correspondence__header__author'>A Requester</span><time datetime='2024-03-01T09:00'>1 March 2024</time>"
        "</div><p>Dear Council,</p><p>Please send the minutes.</p><p>Yours faithfully,</p><p>A Requester</p></div>"
        "<div class='incoming correspondence' id='incoming-2'><div class='correspondence__header'>"
        "<span class='correspondence__header__author'>Harbury Council,</span><time datetime='2024-03-20T10:00'>20 March 2024</time>"
        "</div><p>Dear Requester,</p><p>We do not hold minutes of that meeting.</p></div>"
    )
    r = parse(page.encode(), Options(format="html"), name="thread.html")
    assert r.status == "not_held"
    assert [(m.direction, m.author, m.date) for m in r.messages] == [
        ("to_authority", "A Requester", "2024-03-01"),
        ("from_authority", "Harbury Council", "2024-03-20"),
    ]
    assert r.request is not None and r.request.text == "Please send the minutes."
    assert (r.outcome, r.date) == ("not_held", "2024-03-20")


def test_deep_nesting_does_not_overflow_the_stack() -> None:
    page = b"<div>" * 5000 + b"<p>Deep text.</p>" + b"</div>" * 5000
    assert "Deep text." in read_html(page).text


@pytest.mark.parametrize("page", [b"", b"   ", b"<html><body><script>x()</script></body></html>"])
def test_a_page_with_no_text_is_an_empty_input_error(page: bytes) -> None:
    with pytest.raises(EmptyInputError):
        read_html(page)


def test_the_reader_raises_nothing_but_foiparse_errors_on_junk() -> None:
    for junk in (b"<<<>>>", b"<table><tr><td colspan='99999999'>x</td></tr></table>", b"\xff\xfe<\x00p\x00>"):
        with contextlib.suppress(FoiparseError):  # any other exception fails the test
            read_html(junk)


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib", "hex", "punycode", "utf-16"])
def test_a_charset_that_is_no_text_encoding_falls_back(codec: str) -> None:
    page = f"<html><head><meta charset='{codec}'></head><body><p>Fee: 25 pounds</p></body></html>".encode()
    assert read_html(page).text == "Fee: 25 pounds\n"


def test_a_staircase_of_huge_spans_is_read_in_bounded_time_and_memory() -> None:
    rows = "".join("<tr><td colspan='1000' rowspan='1000'>x</td></tr>" for _ in range(400))
    doc = read_html(f"<table>{rows}</table>".encode())
    assert "x" in doc.text


def test_deeply_nested_layout_tables_are_read_once() -> None:
    page = "<table><tr><td>" * 1000 + "Deep text." + "</td></tr></table>" * 1000
    assert "Deep text." in read_html(page.encode()).text
