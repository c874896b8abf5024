"""Exemptions by example: each case a letter fragment and the (law, provision) pairs relied on.

Positive cases state the same ground in several wordings (full, abbreviated, spaced,
listed, named without a number); near misses cite sections that withhold nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import parse


class Case(NamedTuple):
    name: str
    text: str
    expected: list[tuple[str, str]]


EXAMPLES = [
    Case(
        "s.40(2) abbreviated",
        "Dear Ms Patel,\n\n"
        "The names of junior officers have been withheld under s.40(2) of the Freedom of\n"
        "Information Act 2000, as they are the personal data of third parties.\n",
        [("FOIA", "40(2)")],
    ),
    Case(
        "section 40(2) with its name in brackets",
        "Harbury District Council holds the information you asked for. The names of\n"
        "individual caseworkers are exempt under section 40(2) (personal information)\n"
        "of the FOIA and have been removed from the attached spreadsheet.\n",
        [("FOIA", "40(2)")],
    ),
    Case(
        "s40 (2) with a space",
        "We have removed the direct dial numbers of the officers involved, relying on\n"
        "s40 (2) of the Freedom of Information Act.\n",
        [("FOIA", "40(2)")],
    ),
    Case(
        "sections 31(1)(a) and (b)",
        "Details of patrol patterns are withheld under sections 31(1)(a) and (b) of the\n"
        "Freedom of Information Act 2000, as disclosure would be likely to prejudice the\n"
        "prevention or detection of crime and the apprehension of offenders.\n",
        [("FOIA", "31(1)(a)"), ("FOIA", "31(1)(b)")],
    ),
    Case(
        "a list of sections with commas and 'and'",
        "The Department has decided that the draft report is exempt from disclosure under\n"
        "sections 35, 42 and 43 of the Freedom of Information Act 2000.\n",
        [("FOIA", "35"), ("FOIA", "42"), ("FOIA", "43")],
    ),
    Case(
        "Section 43(2) of 'the Act', NHS trust",
        "The Trust is withholding the hourly rates paid to each staffing agency under\n"
        "Section 43(2) of the Act, as release would be likely to prejudice the commercial\n"
        "interests of the Trust and of the agencies concerned.\n",
        [("FOIA", "43(2)")],
    ),
    Case(
        "two grounds each in brackets",
        "The contract schedules were supplied to the Council in confidence (section 41)\n"
        "and the pricing would harm the supplier's commercial interests (section 43(2)).\n",
        [("FOIA", "41"), ("FOIA", "43(2)")],
    ),
    Case(
        "section 23(5) neither confirm nor deny, police",
        "In accordance with section 23(5) of the Freedom of Information Act 2000, Westmarsh\n"
        "Police can neither confirm nor deny whether it holds the information requested.\n",
        [("FOIA", "23(5)")],
    ),
    Case(
        "section 12 cost limit cited",
        "Locating the information would mean reading every case file by hand. Section 12\n"
        "of the Freedom of Information Act 2000 therefore applies and we will not be\n"
        "processing your request further.\n",
        [("FOIA", "12")],
    ),
    Case(
        "the cost limit named without a number",
        "Regrettably, complying with this request would exceed the appropriate limit,\n"
        "so the Council is not obliged to provide the information.\n",
        [("FOIA", "12")],
    ),
    Case(
        "vexatious named without a number",
        "Having reviewed the pattern of your correspondence, the Council has concluded\n"
        "that this request is vexatious and it will not be answered.\n",
        [("FOIA", "14(1)")],
    ),
    Case(
        "section 14(1) of the FOI Act",
        "The Ministry is refusing your request under section 14(1) of the FOI Act because\n"
        "it places a grossly oppressive burden on the unit.\n",
        [("FOIA", "14(1)")],
    ),
    Case(
        "section 21 already published",
        "The figures you asked for are published in our annual report and so are exempt\n"
        "under section 21 of the Freedom of Information Act 2000.\n",
        [("FOIA", "21")],
    ),
    Case(
        "regulation 12(5)(e) of the EIR",
        "We have handled your request under the Environmental Information Regulations 2004.\n"
        "The viability assessment is withheld under regulation 12(5)(e), as it contains\n"
        "commercially confidential information supplied by the developer.\n",
        [("EIR", "12(5)(e)")],
    ),
    Case(
        "Reg. 12(4)(b) abbreviated",
        "Your request is manifestly unreasonable and is refused under Reg. 12(4)(b) of the\n"
        "Environmental Information Regulations 2004.\n",
        [("EIR", "12(4)(b)")],
    ),
    Case(
        "FOISA section 38(1)(b)",
        "Dear Mr Fraser,\n\n"
        "Some of the information is personal data and is exempt under section 38(1)(b) of\n"
        "the Freedom of Information (Scotland) Act 2002 (FOISA).\n",
        [("FOISA", "38(1)(b)")],
    ),
    Case(
        "FOISA bare section resolved by the letter's law",
        "Your request has been considered under the Freedom of Information (Scotland) Act\n"
        "2002. The minutes are withheld under section 30(b)(i), as disclosure would inhibit\n"
        "the free and frank provision of advice.\n",
        [("FOISA", "30(b)(i)")],
    ),
    Case(
        "EISR regulation 10(5)(g)",
        "We have dealt with your request under the Environmental Information (Scotland)\n"
        "Regulations 2004. The locations of the nest sites are withheld under regulation\n"
        "10(5)(g) of the EISR to protect the species concerned.\n",
        [("EISR", "10(5)(g)")],
    ),
    Case(
        "US (b)(6) inside the statute citation",
        "Pursuant to 5 U.S.C. § 552(b)(6), the Agency has withheld the names and telephone\n"
        "numbers of its employees.\n",
        [("US-FOIA", "(b)(6)")],
    ),
    Case(
        "US Exemptions (b)(6) and (b)(7)(C)",
        "Your request was processed under the Freedom of Information Act, 5 U.S.C. 552.\n"
        "Portions of the enclosed pages are withheld under Exemptions (b)(6) and (b)(7)(C).\n",
        [("US-FOIA", "(b)(6)"), ("US-FOIA", "(b)(7)(C)")],
    ),
    Case(
        "s.38(1)(a) and (b), police",
        "Revealing the exact positions of the cameras would be likely to endanger the\n"
        "safety of officers and the public, so s.38(1)(a) and (b) apply to that part.\n",
        [("FOIA", "38(1)(a)"), ("FOIA", "38(1)(b)")],
    ),
    Case(
        "US Exemption 5 in words",
        "This request was processed under the Freedom of Information Act, 5 U.S.C. 552.\n"
        "The draft memoranda are withheld in full under Exemption 5, which protects the\n"
        "deliberative process.\n",
        [("US-FOIA", "(b)(5)")],
    ),
    Case(
        "Section 7(1)(c) of the Illinois FOIA",
        "Pursuant to Section 7(1)(c) of the Illinois Freedom of Information Act, personal\n"
        "information in the attached reports has been redacted.\n",
        [("IL-FOIA", "7(1)(c)")],
    ),
    Case(
        "section 36(2)(b)(ii) and (c)",
        "The Cabinet Office considers the briefing exempt under section 36(2)(b)(ii) and\n"
        "(c) of the Freedom of Information Act 2000, on the opinion of the qualified person.\n",
        [("FOIA", "36(2)(b)(ii)"), ("FOIA", "36(2)(c)")],
    ),
    Case(
        "vexatious decided, with 'explained below'",
        "For the reasons explained below, the Council considers your request vexatious.\n",
        [("FOIA", "14(1)")],
    ),
    Case(
        "an Illinois letter calling its own Act FOIA",
        "Your request under the Illinois Freedom of Information Act (5 ILCS 140) is denied in part. Names are\n"
        "withheld under Section 7(1)(c) of FOIA.\n",
        [("IL-FOIA", "7(1)(c)")],
    ),
    Case(
        "the Illinois Act cited by its place in the compiled statutes",
        "Under the Illinois Freedom of Information Act, the request remains unduly burdensome for the Department\n"
        "to comply with under 5 ILCS 140/3(g).\n",
        [("IL-FOIA", "3(g)")],
    ),
]

NEAR_MISSES = [
    Case(
        "section 1(1)(a) duty to confirm",
        "Under section 1(1)(a) of the Freedom of Information Act 2000 we can confirm that\n"
        "the Council holds the information you requested.\n",
        [],
    ),
    Case(
        "section 10 time limit and 20 working days",
        "We apologise that this reply was sent outside the 20 working days set by section\n"
        "10 of the Freedom of Information Act.\n",
        [],
    ),
    Case(
        "section 16 advice and assistance",
        "In line with our duty under section 16 to provide advice and assistance, you may\n"
        "wish to narrow your request to a single financial year.\n",
        [],
    ),
    Case(
        "section 17 refusal notice",
        "This letter serves as a notice under section 17 of the Freedom of Information Act\n"
        "2000 that part of your request cannot be met in the time available.\n",
        [],
    ),
    Case(
        "section 45 code of practice",
        "Our handling of your request follows the code of practice issued under section 45\n"
        "of the Freedom of Information Act 2000.\n",
        [],
    ),
    Case(
        "section 50 in the complaints boilerplate",
        "If you are dissatisfied with the handling of your request, you may ask for an\n"
        "internal review, and then complain to the Information Commissioner under\n"
        "section 50 of the Freedom of Information Act 2000.\n",
        [],
    ),
    Case(
        "a section quoted in the requester's words",
        "You asked:\n"
        "How many requests did the Council refuse under section 40(2) in 2023?\n\n"
        "Response:\n"
        "The Council answered 1,204 requests in 2023, of which 97 were refused.\n",
        [],
    ),
    Case(
        "the cost limit of an earlier request",
        "Although your previous request was refused because of the cost limit, this\n"
        "narrowed request can be answered in full and the figures are set out below.\n",
        [],
    ),
    Case(
        "the cost limit as a hypothetical",
        "If you were to extend the request back to 2010 it may well exceed the cost limit,\n"
        "so we have answered it for the last three years.\n",
        [],
    ),
    Case(
        "a section of the Data Protection Act 2018",
        "Records of this kind are processed for law enforcement purposes as defined in\n"
        "section 31 of the Data Protection Act 2018, and we hold them for six years.\n",
        [],
    ),
    Case(
        "a section of the Children Act 1989",
        "The Council provides accommodation for looked after children under section 22 of\n"
        "the Children Act 1989; the numbers placed out of area are given below.\n",
        [],
    ),
    Case(
        "a regulation of other Regulations",
        "Screening opinions are issued under regulation 13 of the Town and Country Planning\n"
        "(Environmental Impact Assessment) Regulations 2017.\n",
        [],
    ),
    Case(
        "paragraph of a council policy",
        "The rules on resident permits are set out in paragraph 43 of the parking\n"
        "enforcement policy, a copy of which is attached.\n",
        [],
    ),
    Case(
        "section of an inspection report",
        "Section 12 of the attached inspection report sets out the findings for each ward.\n",
        [],
    ),
    Case(
        "a possessive before a number",
        "The Council's 40 enforcement officers issued 4,812 notices in 2023.\n",
        [],
    ),
    Case(
        "a paragraph of the letter",
        "As set out in paragraph 43 below, we received 17 complaints.\n",
        [],
    ),
    Case(
        "hours that are an answer, not the cost limit",
        "The average time to respond to a complaint was 24 hours.\n",
        [],
    ),
    Case(
        "vexatious requests counted, not a refusal",
        "In 2023 the Council classed 12 requests as vexatious.\n",
        [],
    ),
    Case(
        "a UK letter numbering its exemptions",
        "Exemption 1 - section 43(2)(b): the information is commercially sensitive and is withheld.\n",
        [("FOIA", "43(2)(b)")],
    ),
    Case(
        "a statutory notice under another Act",
        "18 of the lots were disposed of following the section 41 notice period.\n",
        [],
    ),
]

XFAIL: list[Any] = []  # none known today; add cases with pytest.mark.xfail(strict=True)

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES)] + XFAIL


@pytest.mark.parametrize("case", CASES)
def test_exemptions(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    assert [(e.law, e.provision) for e in response.exemptions] == case.expected
    for e in response.exemptions:
        assert response.text[e.span[0] : e.span[1]] == e.cited_as
