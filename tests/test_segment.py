"""Blocks tile the text; their kinds say what the lines are."""

from __future__ import annotations

import pytest

from foiparse.layout.lines import split_lines
from foiparse.layout.segment import heading_like, segment


def kinds(text: str) -> list[tuple[str, str]]:
    blocks = segment(text, split_lines(text))
    assert "".join(b.text for b in blocks) == text
    return [(b.kind, b.text.strip()) for b in blocks if b.kind != "blank"]


def test_blank_runs_are_one_block() -> None:
    blocks = segment("a.\n\n\n\nb.\n", split_lines("a.\n\n\n\nb.\n"))
    assert [b.kind for b in blocks] == ["paragraph", "blank", "paragraph"]
    assert blocks[1].text == "\n\n\n"


def test_heading_then_paragraph() -> None:
    assert kinds("Response\nWe hold the information.\n") == [
        ("heading", "Response"),
        ("paragraph", "We hold the information."),
    ]


def test_numbered_and_bulleted_items_are_list_items() -> None:
    text = "1. First question\ncontinues here\n2. Second\n- a bullet\n(a) lettered\nQ3. a question\n"
    assert [k for k, _ in kinds(text)] == ["list_item"] * 5


def test_complaints_paragraph_is_boilerplate() -> None:
    text = "If you are dissatisfied with the handling of your request, you may ask for an internal review.\n"
    assert kinds(text) == [("boilerplate", text.strip())]


def test_sign_off_and_address_are_signature() -> None:
    text = "We hope this helps.\n\nYours sincerely\n\nJane Smith\nInformation Officer\n\nTown Hall\nAnytown AB1 2CD\n"
    got = kinds(text)
    assert got[0] == ("paragraph", "We hope this helps.")
    assert {k for k, _ in got[1:]} == {"signature"}


def test_salutation_is_not_a_signature() -> None:
    got = kinds("Yours sincerely\n\nA Person\n\nDear Mr Brown,\n\nThank you for your request.\n")
    assert ("paragraph", "Dear Mr Brown,") in got


def test_table_lines_become_one_table_block() -> None:
    text = "Intro.\n\nA\n1\n\nB\n2\n"
    blocks = segment(text, split_lines(text), [(2, 6)])
    assert [b.kind for b in blocks] == ["paragraph", "blank", "table"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("You asked:", True),
        ("Freedom of Information Act 2000", True),
        ("Request", True),
        ("The Council holds the information.", False),
        ("we hold it", False),
        ("https://example.org/foi", False),
        ("Yours sincerely", False),
        ("1,234", False),
        ("A very long line that goes on and on well past the length any heading would have in a letter", False),
    ],
)
def test_heading_like(line: str, expected: bool) -> None:
    assert heading_like(line) is expected


def test_a_page_with_no_blank_lines_is_one_paragraph_a_line() -> None:
    text = (
        "Thank you for your request.\n"
        "We hold the information you asked for.\n"
        "The figures are set out below.\n"
        "Please contact us with any questions.\n"
    )
    assert [k for k, _ in kinds(text)] == ["paragraph"] * 4


def test_a_hard_wrapped_paragraph_stays_whole() -> None:
    text = (
        "Thank you for your request for information about council housing,\n"
        "which we have dealt with under the Freedom of Information Act 2000.\n"
        "Each of your questions is set out below, followed by our answer.\n"
    )
    assert kinds(text) == [("paragraph", text.strip())]


def test_boilerplate_is_cut_out_of_a_long_hard_wrapped_email() -> None:
    text = (
        "The information you asked for is exempt under section 40(2) of the\n"
        "Freedom of Information Act 2000, as it is the personal data of our\n"
        "staff. We have released the remaining figures, which show that 214\n"
        "complaints were received in 2023.\n"
        "If you are unhappy with the response you have received in relation to\n"
        "your request, you are entitled to ask for an internal review within\n"
        "40 working days.\n"
        "Kind regards,\n"
    )
    got = kinds(text)
    assert got[0][0] == "paragraph" and got[0][1].endswith("received in 2023.")
    assert got[1][0] == "boilerplate" and got[1][1].startswith("If you are unhappy")
