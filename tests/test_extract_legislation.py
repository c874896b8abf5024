"""Legislation by example: each case a letter fragment and the laws it is made under.

These cases cover the frames added for issue 14 (the acknowledgement quoted below a
reply, the requester's "Under the Act, I request", American letters and New York's
FOIL); the older cases live in test_extract_metadata.py. Each positive case has a near
miss beside it that must not give the law.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from foiparse import parse


class Case(NamedTuple):
    name: str
    text: str
    expected: tuple[str, ...]


_REPLY = (
    "Dear Ms Okafor,\n"
    "Thank you for your request for information about street trees which we\n"
    "received on 03/02/2025.\n"
    "Please find our response below:\n"
    "We planted 412 trees in 2024.\n"
    "If you have any queries about this response, please do not hesitate to\n"
    "contact us.\n"
    "Kind Regards,\n"
    "Westmarsh Borough Council\n"
)

EXAMPLES = [
    Case(
        "EIR from the acknowledgement quoted below the reply",
        _REPLY + "From: Information Requests\n"
        "Sent: Monday, February 3, 2025 10:12 AM\n"
        "To: Ms Okafor\n"
        "Subject: Your request about street trees\n"
        "Dear Ms Okafor,\n"
        "As your request concerns the environment, it has been logged as a request under\n"
        "the Environmental Information Regulations 2004 and will be answered within 20\n"
        "working days.\n",
        ("EIR",),
    ),
    Case(
        "FOIA from the requester's own 'under the Act' in the quoted e-mail",
        _REPLY + "From: Ms Okafor\n"
        "Sent: Saturday, February 1, 2025 9:00 AM\n"
        "To: Information Requests\n"
        "Subject: Street trees\n"
        "Under the Freedom of Information Act, I would like to request the number of trees\n"
        "planted in 2024.\n",
        ("FOIA",),
    ),
    Case(
        "a reply's own law wins over the requester's",
        "Dear Mr Lund,\n\nYour request has been handled under the Environmental Information Regulations 2004.\n"
        "The river samples are attached.\n\n"
        "From: Mr Lund\nSent: 1 March 2025 08:00\nTo: Requests\nSubject: Samples\n"
        "Under the Freedom of Information Act 2000 please send me the river samples.\n",
        ("EIR",),
    ),
    Case(
        "'FOIA' from an Illinois body is the Illinois Act",
        "Department of Streets\n121 North Main Street, Springfield, Illinois 62701\n\n"
        "Dear Ms Ruiz:\n\nThis letter responds to your FOIA request of May 2, 2024. The records are attached.\n",
        ("IL-FOIA",),
    ),
    Case(
        "New York's Freedom of Information Law",
        "Re: Freedom of Information Law request No. 2024-000117\n\n"
        "Dear Mr Tan:\n\nThe Department has reviewed your FOIL request and grants it in part.\n",
        ("NY-FOIL",),
    ),
    Case(
        "a forwarded letter naming its Act below the forwarder's note",
        "Hi Sam, the council's answer is below. Best, Jo.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Information Officer <foi@example.gov.uk>\n"
        "Date: Tue, 4 Jun 2024 at 10:02\n"
        "Subject: Your request\n"
        "To: Sam <sam@example.org>\n\n"
        "Dear Sam,\n\nThis letter answers your Freedom of Information Act 2000 request of 3 May. The list is attached.\n",
        ("FOIA",),
    ),
    Case(
        "the EIR in capitals",
        "Dear Mr Lowe,\n\nWe have answered your request under the EIR. The survey is attached.\n",
        ("EIR",),
    ),
    # Round 6: real responses from authorities never tuned on.
    Case(
        "'the EIRs' in a letter under the Scottish Regulations",
        "Dear Mr Muir,\n\nYour request concerns environmental information, so we have dealt with it under the\n"
        "Environmental Information (Scotland) Regulations 2004 (EIRs). The survey is attached.\n",
        ("EISR",),
    ),
    Case(
        "'the EIRs' from a body that sends complaints to the Scottish regulator",
        "Dear Ms Kerr,\n\nWe have answered your request under the EIRs and the survey is attached.\n\n"
        "If you are dissatisfied you may ask for a review, and then apply to the Scottish Information\n"
        "Commissioner.\n",
        ("EISR",),
    ),
    Case(
        "an Act whose ground is applied in a block run into the regulator's name",
        "Dear Mr Fyfe,\n\nThe figures for 2023 are on the Scottish Information Commissioner's statistics page.\n"
        "As they are published, section 25 of the Freedom of Information (Scotland) Act 2002 applies and\n"
        "they are not repeated here.\n",
        ("FOISA",),
    ),
    Case(
        "'the Freedom of Information Act' from a body that sends complaints to the Scottish regulator",
        "Dear Mr Fyfe,\n\nUnder the Freedom of Information Act we can confirm the figures below.\n\n"
        "If you are dissatisfied you may ask for a review, and then apply to the Scottish Information\n"
        "Commissioner.\n",
        ("FOISA",),
    ),
    Case(
        "part of a request dealt with under the Data Protection Act",
        "Dear Mrs Lowe,\n\nYour request asked for the school's policies and for your daughter's records, so we\n"
        "have dealt with it under the Freedom of Information Act 2000 and the Data Protection Act 2018.\n"
        "The policies are attached.\n",
        ("FOIA", "DPA"),
    ),
]

NEAR_MISSES = [
    Case(
        "a law in the quoted thread's complaints advice only",
        _REPLY + "From: Information Requests\n"
        "Sent: Monday, February 3, 2025 10:12 AM\n"
        "To: Ms Okafor\n"
        "Subject: Your request\n"
        "If you are unhappy with the handling of your request under the Freedom of\n"
        "Information Act, you can ask for an internal review.\n",
        (),
    ),
    Case(
        "a law named in the quoted thread without a frame",
        _REPLY + "From: Information Requests\n"
        "Sent: Monday, February 3, 2025 10:12 AM\n"
        "To: Ms Okafor\n"
        "Subject: Your request\n"
        "Our guide to the Freedom of Information Act is on our website.\n",
        (),
    ),
    Case(
        "a loose 'Freedom of Information request' in a forwarded subject line",
        "Hi Sam, the council's answer is below. Best, Jo.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Information Officer <info@example.gov.uk>\n"
        "Date: Tue, 4 Jun 2024 at 10:02\n"
        "Subject: Freedom of Information request - bins\n"
        "To: Sam <sam@example.org>\n\n"
        "Dear Sam,\n\nThe list of bin collections is attached.\n",
        (),
    ),
    Case(
        "'FOIA' from an American body in an unknown state is not the UK Act",
        "From: records.officer@example.org\nDate: Wed Aug 30 2017 12:07:56 GMT-0500 (CDT)\nSubject: FOIA Update\n\n"
        "Mr Lane,\n\nI have re-run the awards data for your FOIA request and attached it.\n",
        (),
    ),
    Case(
        "an American company's address in a UK answer",
        "Dear Mr Hale,\n\nUnder the Freedom of Information Act 2000 we can confirm the software is supplied by\n"
        "Example Systems Inc, 100 Main Street, Springfield, Illinois 62701.\n",
        ("FOIA",),
    ),
    Case(
        "the word 'in' before a five-digit number is no state",
        "Dear Ms Hart,\n\nUnder the Freedom of Information Act 2000: there were 312 calls, in 10000 hours.\n",
        ("FOIA",),
    ),
    Case(
        "a scanned 'eir' in lower case",
        "Dear Mr Lowe,\n\nFunding will be available to pay the contractor on receipt of eir invoice.\n",
        (),
    ),
    Case(
        "'the EIRs' in an English letter",
        "Dear Mr Muir,\n\nWe have answered your request under the EIRs and the survey is attached.\n\n"
        "If you are dissatisfied you may complain to the Information Commissioner.\n",
        ("EIR",),
    ),
    Case(
        "a procedural section in the complaints wording",
        "Dear Mr Fyfe,\n\nThe figures are attached.\n\n"
        "If you are dissatisfied you may ask for a review under section 20 of the Freedom of Information\n"
        "(Scotland) Act 2002.\n",
        (),
    ),
    Case(
        "the Act's cost limit taken as a benchmark in a letter under the Regulations",
        "Dear Ms Ward,\n\nWe have handled your request under the Environmental Information Regulations 2004 and\n"
        "refuse it as manifestly unreasonable. We have had regard to the £600 limit under the Freedom of\n"
        "Information Act as a benchmark.\n",
        ("EIR",),
    ),
    Case(
        "the Data Protection Act named only as what disclosure would breach",
        "Dear Mrs Lowe,\n\nUnder the Freedom of Information Act 2000 the names of pupils are withheld, as their\n"
        "disclosure would breach the Data Protection Act 2018.\n",
        ("FOIA",),
    ),
    Case(
        "personal data processed under the Data Protection Act, in a privacy note",
        "Dear Mrs Lowe,\n\nUnder the Freedom of Information Act 2000 the policies are attached. Your own details\n"
        "are processed under the Data Protection Act 2018 and kept for two years.\n",
        ("FOIA",),
    ),
    Case(
        "the UK Act by its year, from a body in Scotland",
        "Dear Mr Fyfe,\n\nUnder the Freedom of Information Act 2000 we can confirm the figures below.\n\n"
        "If you are dissatisfied you may ask for a review, and then apply to the Scottish Information\n"
        "Commissioner.\n",
        ("FOIA",),
    ),
    Case(
        "kitchen foil",
        "Dear Mr Lowe,\n\nThe canteen bought 40 rolls of FOIL wrap and 12 rolls of cling film.\n",
        (),
    ),
]

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES)]


@pytest.mark.parametrize("case", CASES)
def test_legislation(case: Case) -> None:
    assert parse(case.text.encode(), name="t.txt").legislation == case.expected
