"""Prior requests by example: each case a letter fragment and the ids of earlier requests.

Positive cases point to an earlier request or published response in several wordings
(a prefixed reference, a bare "request 1438", a disclosure-log link); near misses are
the response's own reference, the requester's reference, and numbers beside the same
cue words that are no request at all.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import parse


class Case(NamedTuple):
    name: str
    text: str
    expected: list[str | None]
    dates: list[str | None] | None = None  # checked when given
    urls: list[str | None] | None = None  # checked when given


EXAMPLES = [
    Case(
        "FOI prefix and a previous request",
        "Dear Mr Hughes,\n\n"
        "This information was provided in response to a previous request, FOI 2023-0412,\n"
        "and is reproduced below for ease of reference.\n",
        ["2023-0412"],
    ),
    Case(
        "FOI Request No: with a date after",
        "Our ref: FOI 2024-0777\n\nThe same information was released under FOI Request No: 4471 on 12 January 2024.\n",
        ["4471"],
        ["2024-01-12"],
    ),
    Case(
        "two earlier responses in one sentence",
        "Your questions were answered in our previous responses FOI 1893 and FOI 1907.\n",
        ["1893", "1907"],
    ),
    Case(
        "EIR prefix with slashes",
        "Our reference: EIR 24/061\n\n"
        "This matches an earlier request made under the Environmental Information\n"
        "Regulations (EIR/2022/118), which was refused as manifestly unreasonable.\n",
        ["2022/118"],
    ),
    Case(
        "RFI reference already released",
        "This information has already been released in response to RFI2023/0456.\n",
        ["2023/0456"],
    ),
    Case(
        "ATISN in the disclosure log, Welsh Government",
        "The Welsh Government published its response to ATISN 17345 in its disclosure log\nlast month.\n",
        ["17345"],
    ),
    Case(
        "a bare request number, published",
        "Please see our response to request 1438, published on our website in May 2023.\n",
        ["1438"],
    ),
    Case(
        "Scottish body: own reference and an earlier one",
        "Our ref: FOISA/2024/0311\n\n"
        "We answered a similar request last year (reference FOISA/2023/0877) and the\n"
        "figures given then remain correct.\n",
        ["2023/0877"],
    ),
    Case(
        "a disclosure-log link on its own",
        "This information is already published in our disclosure log:\n"
        "https://www.harbury.gov.uk/foi-disclosure-log/request-5521\n",
        ["5521"],
        None,
        ["https://www.harbury.gov.uk/foi-disclosure-log/request-5521"],
    ),
    Case(
        "a WhatDoTheyKnow link with no number",
        "A similar request was answered in March and can be read on WhatDoTheyKnow at\n"
        "https://www.whatdotheyknow.com/request/bus_lane_fines_by_camera.\n",
        [None],
        None,
        ["https://www.whatdotheyknow.com/request/bus_lane_fines_by_camera"],
    ),
    Case(
        "a named request and its link merged",
        "Request reference: 2024-1150\n\n"
        "This was answered previously under FOI 3390; the response can be found at\n"
        "https://www.harbury.gov.uk/foi/responses/3390.\n",
        ["3390"],
        None,
        ["https://www.harbury.gov.uk/foi/responses/3390"],
    ),
    Case(
        "F-number after the letter's own F-number",
        "Our reference: F00851267\n\n"
        "Please see our response to an earlier request, reference F00847312, which covers\n"
        "the same period.\n",
        ["F00847312"],
    ),
    Case(
        "US agency: earlier request under its own tracking number",
        "Re: FOIA Request No. 2024-HQ-01187\n\n"
        "Records responsive to your earlier FOIA request No. 2021-HQ-00432 were released to\n"
        "you in full.\n",
        ["2021-HQ-00432"],
    ),
    Case(
        "previously provided, after a dated letterhead",
        "Harbury District Council\n"
        "Our ref: FOI 2024-0219\n\n"
        "We previously provided these figures in FOI 5512 of 3 May 2023, and they have not\n"
        "changed since.\n",
        ["5512"],
        ["2023-05-03"],
    ),
    Case(
        "previously provided, 'of' a date",
        "We previously provided these figures in FOI 5512 of 3 May 2023, and they have not\nchanged since.\n",
        ["5512"],
        ["2023-05-03"],
    ),
    Case(
        "F-number of a government department",
        "Please see our response to an earlier request, reference F00847312, which covers\nthe same period.\n",
        ["F00847312"],
    ),
    Case(
        "US agency: earlier FOIA request number",
        "Records responsive to your earlier FOIA request No. 2021-HQ-00432 were released to\nyou in full.\n",
        ["2021-HQ-00432"],
    ),
    Case(
        "a list of earlier requests",
        "This follows your earlier FOI requests 4410, 4522 and 4630 about the same contract.\n",
        ["4410", "4522", "4630"],
    ),
    Case(
        "a bracketed reference number",
        "On 22 December 2023 I submitted a previous request, FOI [2023-24-1188], on this subject.\n",
        ["2023-24-1188"],
    ),
    Case(
        "'further to' an earlier request",
        "Specifically you asked the following, further to case reference FOI-3247-2223:\n",
        ["3247-2223"],
    ),
    Case(
        "the request whose handling is reviewed",
        "Thank you for your complaint about our handling of your request FOI / 2023-24-0917, which concerned\n"
        "parking permits.\n",
        ["2023-24-0917"],
    ),
    Case(
        "one request named twice, in full and by its serial",
        "On 3 May 2023 you made FOI request 2022-23-1438, an earlier request about trees. We have reviewed\n"
        "our earlier answer to request 1438 and the published response stands.\n",
        ["2022-23-1438"],
    ),
    Case(
        "a house-format id after 'a previous request'",
        "Figures for earlier years were published in response to a previous request, PFR-FOI-0117, on our log.\n",
        ["PFR-FOI-0117"],
    ),
    Case(
        "a letter-prefixed case number of an earlier request",
        "Our reference: F0031822\n\nThis information was released in response to an earlier request,\n"
        "F0029751, and is attached again.\n",
        ["F0029751"],
    ),
    Case(
        "a CRM case number of a previous request",
        "We answered the same question in your previous request CAS-89155 in March.\n",
        ["CAS-89155"],
    ),
    Case(
        "letters and digits run together",
        "Please refer to our response to your previous request DA3720, which set out the figures.\n",
        ["DA3720"],
    ),
    Case(
        "a year and a serial joined by a dot",
        "The same data was disclosed under a previous request, reference 2020.41771.\n",
        ["2020.41771"],
    ),
    Case(
        "our response to request N",
        "Our ref: 1101990\n\nThe figures for 2022 were provided in our response to request 1038892, and the\n"
        "figures for 2023 are below.\n",
        ["1038892"],
    ),
    Case(
        "the authority's own scheme, another number, updated",
        "FOI DOF/2024-0112\n\nRequest\n\nUpdate to DOF/2023-0871 Response with the figures to the end of March.\n",
        ["DOF/2023-0871"],
    ),
    Case(
        "'our ref' of another request, in a sentence that says it came before",
        "Our ref: FOI-5120\n\nDear Mr Vale,\nThis request is substantially similar to your request of 11 January 2024 "
        "(our ref FOI-4471), which we answered in full.\n",
        ["4471"],
    ),
    Case(
        "plural 'requests' and a list wrapped over a line",
        "Dear Mr Vale,\nThis request follows your requests 101009873312,\n101009881045 and 101010024417, "
        "which concerned the same matter.\n",
        ["101009873312", "101009881045", "101010024417"],
    ),
]

NEAR_MISSES = [
    Case(
        "near miss: 'our ref' of this very response, in a sentence about an earlier one",
        "Dear Mr Vale,\nThis request (our ref FOI-5120) is similar to one we answered last year.\n\nOur ref: FOI-5120\n",
        [],
    ),
    Case(
        "near miss: 'our ref' with no sentence saying it came before, and no own reference known",
        "Dear Mr Vale,\nThank you for your request (our ref FOI-5120) received on 3 May 2024.\n",
        [],
    ),
    Case(
        "near miss: plural 'requests' before a count",
        "Dear Mr Vale,\nWe answered requests 250 times faster than last year.\n",
        [],
    ),
    Case(
        "near miss: financial years before the earlier response's id",
        "Dear Ms Hart,\nThe figures for 2019/20 to 2022/23 were provided in our response to FOI/2023/0412.\n",
        ["2023/0412"],
    ),
    Case(
        "near miss: financial years in the shape of the response's own reference scheme",
        "Our Ref: FOI/2024/1876\n\nDear Ms Hart,\n"
        "The figures for 2019/20 to 2022/23 were provided in our response to FOI/2023/0412.\n",
        ["2023/0412"],
    ),
    Case(
        "the own reference",
        "Our ref: FOI 1234\n\nThank you for your request for information, which we received on 3 May 2024.\n",
        [],
    ),
    Case(
        "the own reference beside a cue word",
        "Reference: FOI 2024-0098\n\n"
        "Thank you for request FOI 2024-0098. Some of this information was published\n"
        "previously, but we have answered your questions in full below.\n",
        [],
    ),
    Case(
        "the requester's reference with a prefix",
        "Your ref: FOI/4471\n\n"
        "Thank you for your request, which is similar to one you sent to the Council\n"
        "previously.\n",
        [],
    ),
    Case(
        "the requester's reference without a prefix",
        "Your reference: 4471\n"
        "Our reference: EIR-2024-015\n\n"
        "Thank you for your letter, which repeats points you have made previously.\n",
        [],
    ),
    Case(
        "years beside a cue word",
        "Before 2019 the Council did not record this information electronically.\n",
        [],
    ),
    Case(
        "a section number beside a cue word",
        "As explained previously, section 40(2) applies to the names of junior staff.\n",
        [],
    ),
    Case(
        "a published page that is not a response",
        "Our spending over £500 is published every month at\n"
        "https://www.harbury.gov.uk/transparency/spending-over-500.\n",
        [],
    ),
    Case(
        "the complaints boilerplate link",
        "If you are unhappy with the way your request has been handled, you have the\n"
        "right to complain to the Information Commissioner's Office at\n"
        "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/.\n",
        [],
    ),
    Case(
        "an internal review of this same request",
        "Our ref: FOI 2024-0400\n\n"
        "This letter gives the outcome of the internal review of FOI 2024-0400, which was\n"
        "answered previously on 2 April 2024.\n",
        [],
    ),
    Case(
        "a police crime reference",
        "Our ref: 000512/24\n\n"
        "The incident you describe was recorded previously under crime reference 2287123\n"
        "and is not itself a request for information.\n",
        [],
    ),
    Case(
        "a complaint reference, not an FOI request",
        "Our ref: FOI 2024-0345\n\n"
        "Your complaint, reference 88213, was previously investigated by the Local\n"
        "Government Ombudsman and is not part of this request.\n",
        [],
    ),
    Case(
        "a link whose path merely contains 'freedom'",
        "The figures were already published at https://www.example.gov.uk/services/freedom-pass/2023 for you.\n",
        [],
    ),
    Case("a case number in brackets", "Your complaint (case 284519) was previously considered.\n", []),
    Case("a count after 'request'", "Since the original request 500 further records have been added.\n", []),
    Case(
        "a WhatDoTheyKnow address placeholder for this very request",
        "Please use this email address for all replies to this request:\n[FOI #551203 email]\n"
        "Is this the wrong address for previous requests to this authority?\n",
        [],
    ),
    Case(
        "an attachment name with the references spaced out",
        "2 Attachments\nRE FOI 2021 2022 4410 Redacted.pdf\n120K\n\nDear Ms Lowe,\n\nThe earlier answer stands.\n",
        [],
    ),
    Case(
        "the handling of this very request in the complaints advice",
        "The Council does not hold this information.\n\n"
        "If you have any queries about the handling of your request FOI 2023-0456, please contact us.\n",
        [],
    ),
    Case(
        "the authority's generic FOI page in the complaints advice",
        "Your attention is drawn to the below link to our website, which details your right to complain:\n"
        "https://www.example-police.uk/about-us/freedom-of-information/general/FOI-Request.aspx\n",
        [],
    ),
    Case(
        "published information at a link, no earlier request",
        "The data is published on our website and a link to it is here:\n"
        "https://www.example.gov.uk/freedom-of-information/datasets\n",
        [],
    ),
    Case(
        "the response's own reference in another shape",
        "Our ref: DOF/2024-0112\n\nPlease quote DOF/2024-0112 in any further correspondence.\n",
        [],
    ),
    Case(
        "a letter-prefixed number that is a crime reference",
        "The earlier incident, crime reference CR4471, was passed to the investigating officer.\n",
        [],
    ),
    Case(
        "the authority's disclosure log page, no response named",
        "Responses to earlier requests are published in our disclosure log:\n"
        "https://www.example.gov.uk/council/disclosure-log\n",
        [],
    ),
    Case(
        "a subject line naming this request, with a cue word",
        "Subject: Re: FOI 2024-0456 - previous correspondence about bins\n\nDear Mr Ray,\n\nThe figures are below.\n",
        [],
    ),
    Case(
        "the response's own reference labelled 'Our ref' in a sentence with a cue",
        "As before, please quote our ref: FOI 7731 when you write to us.\n",
        [],
    ),
    Case(
        "the response's own reference written shorter",
        "Our ref: FOI/2024/1187\n\nThe information for request 1187 was released in full and is attached.\n",
        [],
    ),
]

XFAIL: list[Any] = []  # none known today; add cases with pytest.mark.xfail(strict=True)

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES)] + XFAIL


@pytest.mark.parametrize("case", CASES)
def test_prior_requests(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    prior = response.prior_requests
    assert [p.id for p in prior] == case.expected
    if case.dates is not None:
        assert [p.date for p in prior] == case.dates
    if case.urls is not None:
        assert [p.url for p in prior] == case.urls
    for p in prior:
        evidence = response.text[p.span[0] : p.span[1]]
        assert evidence == (p.reference if p.reference is not None else p.url)
