"""The outcome by example: what happened to each part of the request, combined.

Each case is a letter fragment written for this table and the outcome a careful
reader would record. Near misses (named so) hold something that looks like a signal
and is not one: a format the answer was not held in, "Attachments: None", a section 17
that is not FOISA's, a covering letter attached, a neither-confirm-nor-deny for one
part only, an appeal that is granted.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from foiparse import parse
from foiparse.extract.outcome import Statement, decide


class Case(NamedTuple):
    name: str
    text: str
    expected: str


PARTS = [
    Case(
        "questions answered in turn, one not held",
        "Dear Ms Roe,\n\nYou asked:\n\n1. How many taxi licences did the Council issue in 2023?\n"
        "2. How many taxi licences were revoked in 2023?\n3. How many drivers were aged over 70?\n\n"
        "Our response:\n\n1. How many taxi licences did the Council issue in 2023?\nThe Council issued 412 licences.\n"
        "2. How many taxi licences were revoked in 2023?\nNine licences were revoked.\n"
        "3. How many drivers were aged over 70?\nThe Council does not hold the ages of its licensed drivers.\n\n"
        "Yours sincerely\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: every question answered, one of them in words",
        "Dear Ms Roe,\n\nYou asked:\n\n1. How many taxi licences did the Council issue in 2023?\n"
        "2. Which company tests the vehicles for the licensing service?\n3. How many drivers were aged over 70?\n\n"
        "Our response:\n\n1. How many taxi licences did the Council issue in 2023?\nThe Council issued 412 licences.\n"
        "2. Which company tests the vehicles for the licensing service?\nKestrel Motor Testing Ltd.\n"
        "3. How many drivers were aged over 70?\nThere were 37 drivers over 70.\n\nYours sincerely\n",
        "disclosed",
    ),
    Case(
        "one part answered, another not held, in one paragraph",
        "The council spent £6,240 on trolley collections in 2023-24. The council holds no record of the fees\n"
        "retailers pay to the contractor.\n",
        "partly_disclosed",
    ),
    Case(
        "a figure given, the breakdown asked for not held",
        "The council issued 1,234 parking fines in 2022, but we cannot break this figure down by street.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: not held in the format asked for, the figures given",
        "We do not hold the information in the format you have requested. This is the breakdown we have:\n\n"
        "Year        Spend\n2021/22     £4,120\n2022/23     £5,380\n",
        "disclosed",
    ),
    Case(
        "a part answered by pointing to published information",
        "The Council received 1,204 complaints about noise in 2023. The number of noise abatement notices is\n"
        "already publicly available on our website, so that part of your request is exempt under section 21.\n",
        "partly_disclosed",
    ),
    Case(
        "the letter says it is withholding some of the information",
        "The Trust holds the information you requested. However, we are withholding some of the information\n"
        "because it is exempt under section 43(2) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "some of the information is being withheld",
        "I can confirm that the Department holds information within the scope of your request. Some of this\n"
        "information is being withheld under section 35(1)(a) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: all of the information withheld",
        "I can confirm that the Department holds information within the scope of your request. All of this\n"
        "information is being withheld under section 35(1)(a) of the Freedom of Information Act 2000.\n",
        "refused",
    ),
    Case(
        "a review upheld in part",
        "I have reviewed the handling of your request and the complaint is upheld in part: the training records\n"
        "are attached, but the contract remains exempt under section 43(2) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
]

GRID = [
    Case(
        "a grid of questions and answers, one cell not held",
        "Dear Mr Cole,\n\nOur answers are in the grid below.\n\nItem                  Response\n"
        "Vans owned            12\nFuel budget           Not held\nDrivers employed      31\n\nYours sincerely,\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a grid whose every cell is answered",
        "Dear Mr Cole,\n\nOur answers are in the grid below.\n\nItem                  Response\n"
        "Vans owned            12\nFuel budget           £48,000\nDrivers employed      31\n\nYours sincerely,\n",
        "disclosed",
    ),
]

NIL = [
    Case(
        "a nil answer is disclosure",
        "Response: None.\n",
        "disclosed",
    ),
    Case(
        "near miss: 'Attachments: None' beside a not-held answer",
        "Our response: The Council does not hold any records of drone flights.\nAttachments: None\n",
        "not_held",
    ),
    Case(
        "there were none",
        "There were no prosecutions for fly-tipping in the borough in 2023.\n",
        "disclosed",
    ),
    Case(
        "near miss: 'there is no' document is not held, not a nil answer",
        "I can confirm that the information you have requested is not held. There is no flood plan for 2021.\n",
        "not_held",
    ),
]

WITHHELD = [
    Case(
        "everything withheld under an exemption",
        "The contract pricing is exempt under section 43(2) of the Freedom of Information\n"
        "Act 2000 and is withheld in full.\n",
        "refused",
    ),
    Case(
        "near miss: released with redactions under the same exemption",
        "Please find attached the contract. The unit prices have been redacted under\n"
        "section 43(2) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "minutes attached as a list, with redactions",
        "Please find attached:\n- the minutes of the March meeting\n- the two papers discussed\n\n"
        "The names of junior officers have been redacted.\n",
        "partly_disclosed",
    ),
    Case(
        "a cost-limit refusal with goodwill answers for two questions",
        "Complying with the whole of your request would exceed the appropriate limit under section 12 of the\n"
        "Freedom of Information Act 2000. However, as a gesture of goodwill, we have provided the information\n"
        "for questions 2 and 3 below.\n\n2. The number of appeals received in 2023 was 57.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a vexatious refusal quoting the requester's own count",
        "I have upheld the original decision to refuse your request under section 14(1) of the Freedom of\n"
        'Information Act 2000.\n\nYou wrote: "I have made a total of 31 requests since March."\n',
        "refused",
    ),
    Case(
        "US: records exempt under the Illinois Act",
        "Dear Mr. Lane:\n\nThe records you requested are exempt from disclosure pursuant to Section 7(1)(c) of the\n"
        "Act, 5 ILCS 140/7(1)(c). See Day v. City of Chicago, 388 Ill. App. 3d 70, 79 (1st Dist. 2009).\n",
        "refused",
    ),
    Case(
        "NY: an appeal determination that agrees with the first decision",
        "Based on my review, I concur with the Records Access Officer's determination that your request does not\n"
        "reasonably describe the records sought.\n",
        "refused",
    ),
    Case(
        "near miss: an appeal officer who does not agree with the first decision",
        "Dear Ms. Park:\n\nI do not agree with the determination of the Records Access Officer. The responsive\n"
        "records are enclosed.\n",
        "disclosed",
    ),
]

REVIEW = [
    Case(
        "a review that upholds a not-held answer",
        "Dear Mr Grant,\n\nI have reviewed the Council's response. The Council searched its committee records and\n"
        "I am satisfied that it does not hold the minutes you asked for. I therefore uphold the original decision.\n",
        "not_held",
    ),
    Case(
        "near miss: a review that upholds a refusal under an exemption",
        "Dear Mr Grant,\n\nI have reviewed the Council's response. The legal advice was withheld under section 42\n"
        "of the Freedom of Information Act 2000 and I am satisfied the exemption applies. I therefore uphold the\n"
        "original decision.\n",
        "refused",
    ),
]

NOT_HELD = [
    Case(
        "nothing held",
        "Harbury District Council does not hold the information you have requested.\n",
        "not_held",
    ),
    Case(
        "near miss: 'if you do not have internet access' is not a not-held answer",
        "Please find attached the inspection reports for 2023.\nIf you do not have internet access and need a\n"
        "paper copy, please let me know.\n",
        "disclosed",
    ),
    Case(
        "FOISA: a section 17 notice for one part, figures for the rest",
        "We have dealt with your request under the Freedom of Information (Scotland) Act 2002. The number of\n"
        "pupils excluded in 2023 was 48. We do not hold figures for 2019. This letter is a notice under section 17 of the Act that the\n"
        "information is not held.\n",
        "partly_disclosed",
    ),
    Case(
        "FOISA: a section 17 notice alone",
        "Under the Freedom of Information (Scotland) Act 2002, this is a formal notice under section 17 of the\n"
        "Act: the Council does not hold the information you asked for.\n",
        "not_held",
    ),
    Case(
        "US: no responsive records were located",
        "Dear Ms. Park:\n\nA search of the Department's files was conducted and no responsive records were located.\n",
        "not_held",
    ),
]

NCND = [
    Case(
        "NCND over the whole request, its sections argued again below",
        "Dunmore Police can neither confirm nor deny that it holds the information you requested, by virtue\n"
        "of the following exemptions:\n\nSection 23(5) Information supplied by security bodies\n"
        "Section 24(2) National security\n\nSection 24 is a qualified exemption and the public interest has been"
        " considered.\nThis letter is a refusal notice.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: one part refused outright, another neither confirmed nor denied",
        "Question 1 is refused under sections 30(1) and 31(1)(a) of the Freedom of Information Act 2000.\n\n"
        "For question 2, the force can neither confirm nor deny that it holds the information, by virtue of\n"
        "section 23(5) and section 24(2).\n",
        "refused",
    ),
    Case(
        "NCND for one part, figures for another",
        "The force received 312 complaints in 2023. For your second question, the force can neither confirm\n"
        "nor deny that it holds the information, by virtue of section 31(3).\n",
        "partly_disclosed",
    ),
]

EMAIL = [
    Case(
        "US: spreadsheet attached to an e-mail",
        "Dear Mr. Stone,\n\nI write in response to your request of May 1. Attached is an Excel spreadsheet "
        "containing\nthe fields you asked for.\n\nSincerely,\n",
        "disclosed",
    ),
    Case(
        "near miss: the attachment is the response letter",
        "Dear Mr. Stone,\n\nPlease see the attached letter.\n\nSincerely,\n",
        "unknown",
    ),
    Case(
        "a forwarded reply below the requester's own note",
        "Hi all, see below.\n\n---------- Forwarded message ----------\nFrom: records@harbury.gov.uk\n"
        "Date: 3 May 2024\nSubject: Your request\nTo: j.stone@example.org\n\nDear Mr. Stone,\n\n"
        "The\u00a0updated\u00a0dataset\u00a0is\u00a0attached\u00a0to\u00a0this\u00a0e-mail.\n",
        "disclosed",
    ),
]

PROSE = [
    Case(
        "an answer in plain words, nothing refused or not held",
        "Dear Ms Carter,\n\nThank you for your request about the Town Hall.\n\nThe Town Hall project was approved by the"
        " Cabinet in March 2022 and was carried out by Brightwell Construction Ltd. The work was finished in October"
        " 2023 and the building reopened to the public in November.\n\nYours sincerely,\n",
        "disclosed",
    ),
    Case(
        "near miss: a letter about the request's handling only",
        "Dear Ms Carter,\n\nThank you for your request about the Town Hall. We need to extend the time for our reply"
        " by 20 working days while we consider the public interest. We apologise for the delay and will write again"
        " by 4 June.\n\nYours sincerely,\n",
        "unknown",
    ),
]

CASES = [
    pytest.param(c, id=c.name) for c in (*PARTS, *GRID, *NIL, *WITHHELD, *REVIEW, *NOT_HELD, *NCND, *EMAIL, *PROSE)
]


@pytest.mark.parametrize("case", CASES)
def test_outcome(case: Case) -> None:
    assert parse(case.text.encode(), name="t.txt").outcome == case.expected


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((), "unknown"),
        (("given",), "disclosed"),
        (("given", "not_held"), "not_held"),
        (("released", "not_held"), "partly_disclosed"),
        (("nil", "not_held"), "not_held"),
        (("refused_word",), "refused"),
        (("released", "refused_word"), "disclosed"),
        (("ncnd", "refused_word"), "neither_confirm_nor_deny"),
        (("ncnd", "exemption"), "refused"),
        (("ncnd", "figure"), "partly_disclosed"),
    ],
)
def test_decide(kinds: tuple[str, ...], expected: str) -> None:
    """How statements about the whole letter combine (no quoted parts)."""
    assert decide(Statement(k, (i, i + 1)) for i, k in enumerate(kinds)) == expected


def test_parts_decide_alone() -> None:
    """A part not held beside parts answered is partial even when the whole-letter signals say nothing."""
    said = [Statement("answered", (10, 20), 1), Statement("not_held", (30, 40), 2)]
    assert decide(said) == "partly_disclosed"
