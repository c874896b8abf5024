"""Totals by example: each case a letter fragment and the figures it gives as answers.

Positive cases state counts, money and percentages in several wordings; near misses
hold numbers that are not answers (dates, years, postcodes, phone numbers, deadlines,
cost-limit arithmetic, reference numbers, list numbering, citations).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import parse


class Case(NamedTuple):
    name: str
    text: str
    expected: list[int | float]
    units: list[str] | None = None  # checked when given: GBP, USD, percent, hours, count


EXAMPLES = [
    Case(
        "a count with a thousands comma",
        "Dear Mr Okafor,\n\nThe Council issued 4,812 penalty charge notices in the Moss Lane car park during\n2023.\n",
        [4812],
    ),
    Case(
        "pounds spent in a financial year",
        "The Trust spent £162,340 on agency radiographers in the financial year 2022/23.\n",
        [162340],
        ["GBP"],
    ),
    Case(
        "pounds in millions",
        "The total cost of refurbishing the Brightwell Road depot was £1.2 million.\n",
        [1_200_000],
    ),
    Case(
        "pounds in thousands with k",
        "The annual value of the grounds maintenance contract is £75k.\n",
        [75_000],
    ),
    Case(
        "dollars, US agency",
        "The Department paid $45,000 in settlement costs in fiscal year 2021.\n",
        [45000],
        ["USD"],
    ),
    Case(
        "a percentage with a decimal",
        "On 1 April 2024, 12.5% of council-owned homes did not meet the Decent Homes\nStandard.\n",
        [12.5],
        ["percent"],
    ),
    Case(
        "per cent in words",
        "Across the force area, 38 per cent of reported burglaries resulted in a suspect\nbeing identified.\n",
        [38],
        ["percent"],
    ),
    Case(
        "a total of N",
        "NHS Lothian received a total of 97 complaints about waiting times in 2023.\n",
        [97],
    ),
    Case(
        "the number of X was N",
        "The number of fixed penalty notices issued for fly-tipping was 231.\n",
        [231],
    ),
    Case(
        "several figures in one sentence",
        "Of the 1,204 applications received, 97 were refused and 18 were withdrawn.\n",
        [1204, 97, 18],
    ),
    Case(
        "hours worked as an answer",
        "Repairs staff recorded 14,760 hours on damp and mould jobs during 2023/24.\n",
        [14760],
        ["hours"],
    ),
    Case(
        "police count with a period",
        "Between 1 January 2022 and 31 December 2023, the Constabulary recorded 312\nincidents of dog theft.\n",
        [312],
    ),
    Case(
        "answers in lettered list items",
        "In answer to your questions:\n"
        "(a) 23 school buses were inspected in March.\n"
        "(b) 4 of those buses failed the inspection.\n",
        [23, 4],
    ),
    Case(
        "a count after a date",
        "As at 31 March 2024 there were 6,418 households on the housing register.\n",
        [6418],
    ),
    Case(
        "pounds and pence",
        "The grant paid to the community interest company was £12,500.50 in total.\n",
        [12500.5],
        ["GBP"],
    ),
    Case(
        "pages located and released, US agency: the size of a release, not an answer",
        "The agency located 1,432 pages of responsive records, of which 1,120 pages are\nreleased in full.\n",
        [],
    ),
    Case(
        "answers in a questions-and-answers letter",
        "Q1. How many households are on the housing register?\n"
        "A1. 6,418 households.\n\n"
        "Q2. How many of them are in Band A?\n"
        "A2. 512 households.\n",
        [6418, 512],
    ),
    Case(
        "a figure after a range of years",
        "In 2019–2023 the Council spent £3,400 on translation services.\n",
        [3400],
    ),
    Case(
        "a count leading the sentence, Scottish council",
        "14 CCTV cameras are in operation in Perth city centre, all monitored from the\nCouncil's control room.\n",
        [14],
    ),
    Case(
        "a count and a bracketed percentage",
        "Of the complaints received, 54 (23%) were upheld.\n",
        [54],  # the bracketed share has no answer frame of its own: left out, precision first
        ["count"],
    ),
    Case(
        "a number written in words",
        "The Council received three complaints about the scheme in 2023.\n",
        [3],
    ),
    Case(
        "a figure in a hard-wrapped sentence",
        "Dear Ms Shah,\n\nWe issued 4,812 penalty charge notices in\nHarrowfield during 2023.\n",
        [4812],
    ),
    Case("a statement on a line of its own", "Dear Ms Shah,\n\nWe received 45 complaints\n", [45]),
    Case("'by phone.' is not a contact line", "Of these, 45 were made by phone.\n", [45]),
    Case("money in millions", "The scheme cost £2.5m in 2023.\n", [2500000], ["GBP"]),
    Case(
        "days that are an answer",
        "In 2023 Trust staff lost 14,760 days to sickness absence. The average time to fill a vacancy was 45 days.\n",
        [14760, 45],
    ),
    Case(
        "answers under a questionnaire's questions",
        "- How many beds does the Trust have?\n 148\n- How much was spent on beds in 2024?\n £18,640\n",
        [148, 18640],
    ),
    Case(
        "figures after the request quoted with 'On ... you wrote:'",
        'On 12 March 2023 you wrote:\n"How many fixed penalty notices were issued for littering in 2022?"\n\n'
        "Response\nThe council issued 2,418 fixed penalty notices for littering in 2022.\n",
        [2418],
    ),
    Case(
        "an authority sentence opening 'I would like to confirm'",
        "I would like to confirm that the Council issued 1,234 penalty charge notices in 2022, of which 312 were\n"
        "cancelled on appeal.\n",
        [1234, 312],
    ),
    Case(
        "a large figure after 'the'",
        "In 2022 the 1,234 penalty charge notices issued were all paid in full.\n",
        [1234],
    ),
    Case(
        "court names are not street addresses",
        "In 2023 the force referred 45 Crown Court cases and 312 Youth Court cases.\n",
        [45, 312],
    ),
    Case(
        "a memo header under the letterhead is not quoted history",
        "Harbury Council\nFrom: Information Governance\nTo: Mr Smith\nDate: 3 May 2024\n\n"
        "The Council received 87 complaints about noise in 2023.\n",
        [87],
    ),
    Case(
        "a period written From/To inside the answer",
        "The Council issued 512 permits in the year.\nFrom: 1 April 2022\nTo: 31 March 2023\n"
        "Of these, 40 were cancelled.\n",
        [512, 40],
    ),
    Case(
        "an estimate in a letter that argues no burden",
        "We estimate that the cost of false alarms in 2023 was £1,296,560. Call-outs have fallen by 41% since 2019.\n",
        [1296560, 41],
    ),
]

NEAR_MISSES = [
    Case(
        "dates and years",
        "Your request was received on 4 March 2024 and covers the years 2019 to 2023.\n",
        [],
    ),
    Case(
        "a financial year alone",
        "Figures for 2022/23 have not yet been published.\n",
        [],
    ),
    Case(
        "a day and month without a year",
        "The figures were extracted from the case management system on 31 March.\n",
        [],
    ),
    Case(
        "20 working days",
        "We aim to respond to all requests within 20 working days of receipt.\n",
        [],
    ),
    Case(
        "cost-limit arithmetic",
        "We estimate that it would take 40 hours to review the 2,400 case files, well over\n"
        "the 18 hours the Act allows.\n",
        [],
    ),
    Case(
        "reference numbers",
        "Our ref: FOI 1234\n\nThank you for your request, which was logged as request 5567.\n",
        [],
    ),
    Case(
        "list numbering",
        "You asked us to provide:\n\n1. The policy on staff parking.\n2. The charges for staff permits.\n",
        [],
    ),
    Case(
        "section numbers of an exemption",
        "Staff names are exempt under section 40(2) of the Freedom of Information Act.\n",
        [],
    ),
    Case(
        "a suppression note",
        "Where fewer than 5 people are involved the figure is shown as <5 to protect\ntheir identity.\n",
        [],
    ),
    Case(
        "a US statute citation",
        "Names are withheld under 5 U.S.C. § 552(b)(6) to protect personal privacy.\n",
        [],
    ),
    Case(
        "a page of an attachment",
        "Please see page 4 of the attached inspection report.\n",
        [],
    ),
    Case(
        "a figure in the requester's words",
        "You asked:\n"
        "Did the Council spend more than £10,000 on consultants in 2023?\n\n"
        "Response:\n"
        "The Council does not hold this information.\n",
        [],
    ),
    Case(
        "figures in a table belong to the table",
        "Fly-tipping incidents by ward:\n\n"
        "Ward          2022    2023\n"
        "Abbey          140     152\n"
        "Castle          88      91\n"
        "Riverside      203     187\n",
        [],
    ),
    Case(
        "the cost limit in pounds and hours",
        "The appropriate limit for local authorities is £450, which equates to 18 hours\nof work.\n",
        [],
    ),
    Case(
        "a time of day",
        "Officers attended the address at 14:30 and left shortly afterwards.\n",
        [],
    ),
    Case(
        "a telephone number in a sentence",
        "If you have any questions about this reply, please telephone the FOI team on\n0116 454 1000.\n",
        [],
    ),
    Case(
        "a telephone number wrapped over a line break",
        "We received 31 complaints in 2023.\nOur Empty Homes Officer can be contacted on 01684\n295010.\n",
        [31],
    ),
    Case(
        "near miss: a count on the line after a zero is not read as the end of a phone number",
        "Penalty charge notices cancelled: 0\n412 fines were paid in full.\n",
        [412],
    ),
    Case(
        "an international telephone number",
        "Please ring us on +44 20 7946 0000 if anything in this letter is unclear.\n",
        [],
    ),
    Case(
        "a number inside a link",
        "The guidance is at https://www.harbury.gov.uk/article?id=12345 for reference.\n",
        [],
    ),
    Case("a length in metres is not millions", "The Council resurfaced 400 m of footway in 2023.\n", [400]),
    Case("a case number in brackets", "Your complaint (case 284519) was previously considered.\n", []),
    Case(
        "reasons counted in words", "Section 40(2) applies to the names.\n\nI have withheld them for two reasons.\n", []
    ),
    Case(
        "a table row that lost its spacing",
        "The figures for each year are:\nFinancial Year Permanent Agency\n2018/19 12.23 28.30\n",
        [],
    ),
    Case("a footnote marker", "Further guidance is published on our website [1] for you to read.\n", []),
    Case("a superscript ordinal in a date", "We received your request on 4^th March 2015 and replied promptly.\n", []),
    Case("a date broken over two lines", "This relates to the request you made on 26\nSeptember 2020.\n", []),
    Case(
        "the letter's own reference met again",
        "Our ref: FOI 10376\n\nDear Sir,\n\nWe have now completed request 10376 and enclose the documents.\n",
        [],
    ),
    Case(
        "a number naming things already counted",
        "The Council does not hold this information. Westmarsh County Council maintains the roads in the 14 parishes.\n",
        [],
    ),
    Case(
        "a house number in an address",
        "Please write to the Information Governance Team, 1010 Harrow Avenue, Brockwell.\n",
        [],
    ),
    Case(
        "an attachment list with file sizes",
        "2 Attachments\nresponse letter.pdf\n26K\nspend table.xlsx\n1.4 MB\n\nThe Council spent £5,200 on signs.\n",
        [5200],
    ),
    Case(
        "a paragraph of a schedule to an Act",
        "Personal data is exempt under Sch. 19, para 307 of the Data Protection Act 2018.\n",
        [],
    ),
    Case(
        "numbers inside a question restated above its answer",
        "16. Please disclose the assessments made for the policies in 14 and 15.\n"
        "Please see the attached assessment.\n",
        [],
    ),
    Case(
        "figures in the requester's e-mail quoted below the reply",
        "The Council evicted 219 tenants in 2018/19.\n\nFOI Team\n"
        "From: A Requester\nSent: 07 October 2019 07:46\nTo: FOI\nSubject: Evictions\n\n"
        "Dear Council,\nI understand 300 households were evicted in 2017.\n",
        [219],
    ),
    Case(
        "a threshold the answer is measured against",
        "In 2024, 38 handovers took longer than 60 minutes.\n",
        [38],
    ),
    Case(
        "a suppression marker explained in prose",
        "We recorded 412 arrests. Counts under five are shown as <5 and the related counts as *.\n",
        [412],
    ),
    Case(
        "a telephone line with a short code and an extension",
        "The force recorded 212 thefts.\n\nTel: 101 (ext 44120)\n",
        [212],
    ),
    Case(
        "an e-mail header's time and time zone",
        "Date: Tue, 16 Apr 2024 10:42:17 +0100\nSubject: Verge cutting\n\nThe parish paid £1,150 for verge cutting.\n",
        [1150],
    ),
    Case(
        "the letterhead's address above the salutation",
        "Strathview House, 4 Kirkgate\nInverdale IV9 2QT\n\nDear Mr Ross,\n\nThe Board employed 61 pharmacists in 2023.\n",
        [61],
    ),
    Case(
        "a time allowed: 'within 14 days'",
        "The penalty is reduced if it is paid within 14 days. The council issued 3,118 penalties.\n",
        [3118],
    ),
    Case(
        "an enumeration inside a sentence",
        "The request covers purchases which 1) exceeded $5,000 and 2) were made in the last five years.\n",
        [],  # neither the list numbers nor the threshold the request sets are answers
    ),
    Case(
        "a day whose ordinal a PDF set apart",
        "Your request was received on 15 th September 2025. We hold 44 records.\n",
        [44],
    ),
]

# Positive evidence (issue 14): each frame that makes a figure an answer, beside a near miss
# in the same shape that gives no such evidence (or evidence against).
EVIDENCE = [
    Case(
        "a figure alone under the question it answers",
        "Dear Ms Holt,\n1. How many parking permits were issued in 2023?\n57\n2. How many were revoked?\n3\n",
        [57, 3],
    ),
    Case(
        "near miss: a lone figure under rows of figures is a lost table's total",
        "Dear Ms Holt,\nYear Jan Feb Mar Total\n2022 12 10 4 26\n2023 13 14 0 27\n53\n",
        [],
    ),
    Case(
        "an answer label",
        "Dear Mr Pike,\nQ3. How many fixed penalty notices were paid?\nAnswer: 22\n",
        [22],
    ),
    Case("near miss: a question number is a label", "Dear Mr Pike,\nPlease see our reply to Question 22 below.\n", []),
    Case(
        "a short label, a colon, the figure",
        "Dear Sir,\nNumber of applicants with a forces discharge date: 28. Number of joint applicants: 17.\n",
        [28, 17],
    ),
    Case("near miss: a telephone line has a label and a colon too", "Dear Sir,\nTel: 0161 496 0234\n", []),
    Case(
        "a label line that ends in its figure",
        "Dear Sir,\nPlease find our answers below.\na. Total number of cases 1219\nb. No of adult cases 1097\n",
        [1219, 1097],
    ),
    Case(
        "near miss: a money figure after a year label is money, not a year number",
        "Dear Sir,\nii. Total spend for the 2023/24 financial year £4,849,058\n",
        [4849058],
    ),
    Case(
        "there were N",
        "Dear Ms Lowe,\nOn 31 March 2024 there were 21,564 applications on the housing register.\n",
        [21564],
    ),
    Case(
        "near miss: a figure in a hypothesis",
        "Dear Ms Lowe,\nIf there were 500 files to read, it would take us 125 hours to answer.\n",
        [],
    ),
    Case(
        "the number of X ... was N",
        "Dear Mr Amos,\nThe number of abandoned vehicles reported in the period you asked about was 1896.\n",
        [1896],
    ),
    Case(
        "the number of X ... is – N, with a dotted date between",
        "Dear Mr Amos,\nThe number of missed bin collections logged in 2022 (up to 30.06.22) is – 87.\n",
        [87],
    ),
    Case(
        "near miss: the number in a hypothesis",
        "Dear Mr Amos,\nThe number of files, if we had to read each one, would be 40.\n",
        [],
    ),
    Case(
        "a year-like count before what it counts",
        "Dear Mr Amos,\nWe have received 2069 subject access requests since 1 January 2022.\n",
        [2069],
    ),
    Case(
        "near miss: a year is not a count",
        "Dear Mr Amos,\nWe have kept these records since 2019, and in 2021 we changed supplier.\n",
        [],
    ),
    Case(
        "near miss: the requester's own count, quoted in a review",
        "Dear Mr Quill,\nIn your request for review you said: I have made a total of 31 requests since 2016.\n",
        [],
    ),
    Case(
        "the authority's count of the same thing is an answer",
        "Dear Mr Quill,\nThe Council has received a total of 31 requests from you since 2016.\n",
        [31],
    ),
    Case(
        "near miss: a sentence about the request itself",
        "Dear Mr Quill,\nYour request of 3 May asked for six items, 4 of which concern parking.\n",
        [],
    ),
    Case(
        "near miss: the number of parts of the request",
        "Dear Mr Quill,\nThere are 3 parts to your request, which we answer in turn.\n",
        [],
    ),
    Case(
        "near miss: a count of the request's parts an answer covers",
        "Dear Mr Quill,\nWe hold information for 2 of the 4 parts of your request.\n",
        [],
    ),
    Case(
        "near miss: how many exemptions apply",
        "Dear Mr Quill,\nThere are 3 exemptions that apply to parts of this request.\n",
        [],
    ),
    Case(
        "near miss: an exemption applied to some of the names in a release",
        "Dear Mr Quill,\nSection 40(2) applies to 2 of the names in the attached documents.\n",
        [],
    ),
    Case(
        "a hedged count in words",
        "Dear Mr Quill,\nAs requested: approximately six complaints were upheld last year.\n",
        [6],
    ),
    Case(
        "near miss: a hedged number in words that only describes",
        "Dear Mr Quill,\nThe team works at about three sites across the city.\n",
        [],
    ),
    Case(
        "N of which were",
        "Dear Mr Quill,\nWe received 40 appeals, 4 of which were upheld.\n",
        [40, 4],
    ),
    Case(
        "near miss: a bound the request sets",
        "Dear Mr Quill,\nWe hold details of purchases in excess of $5,000 made by the unit.\n",
        [],
    ),
    Case(
        "an amount as the answer",
        "Dear Mr Quill,\nPurchases made by the unit in 2022 totalled $5,000.\n",
        [5000],
    ),
    Case(
        "near miss: the size of what is released",
        "Dear Mr Quill,\nWe have located 14 pages of records, which are attached.\n",
        [],
    ),
    Case(
        "a count of what was asked about",
        "Dear Mr Quill,\nWe have located 14 complaints about the contractor.\n",
        [14],
    ),
    Case(
        "near miss: cells of a table drawn with bars, one to a line",
        "Dear Mr Quill,\nReason |\nTotal |\nAnxiety |\n46 |\nStress |\n99 |\n",
        [],
    ),
    Case(
        "near miss: a street number in an address",
        "Dear Mr Quill,\nYou may write to the Counselor, who can be contacted at 500 S. Second Street.\n",
        [],
    ),
    Case(
        "near miss: a label word ending the line above",
        "Dear Mr Quill,\nThe figures are set out in the appendix\n5 of this letter.\n",
        [],
    ),
    Case(
        "a count after a sentence that ends with a label word",
        "Dear Ms Roe,\n1. How many licences were renewed? Please break the figures down by year.\n5 renewals.\n",
        [5],
    ),
    Case(
        "a subject and its verb after the figure",
        "Dear Ms Roe,\nAs stated above, 219 tenants were evicted.\n",
        [219],
    ),
    Case(
        "near miss: a relative clause after a stray number is no verb of the figure's",
        "Dear Ms Roe,\nThis concerns your request\n1 which the Department construed as a request for copies.\n",
        [],
    ),
    Case(
        "a figure alone under the numbered item it answers",
        "Dear Sir,\nPlease find our response below.\n4. The total number of staff you employ.\n8402.\n",
        [8402],
    ),
    Case(
        "near miss: a labelled amount in a record attached below the letter's close",
        "Dear Sir,\nWe hold no records of this.\nIf you have any queries, please contact us.\n"
        "Enclosure 2. Invoice for the repairs\ntotaling: $990.50\n",
        [],
    ),
    Case(
        "a figure below the letter's close is not the letter's answer",
        "Dear Ms Roe,\nWe hold no such records.\nIf you have any queries, please contact us.\n"
        "Memo: the unit received 14 invoices.\n",
        [],
    ),
]

# Answers the weights fitted by `make train` leave out today (recall, not precision): strict, so a
# refit that finds them again fails here and the case moves back to the tables above.
MISSED = {
    "an estimate in a letter that argues no burden": "a percentage after an estimate is weighed below the cut-off",
    "N of which were": "the second figure of 'N, M of which were' is weighed below the cut-off",
    "a figure alone under the numbered item it answers": "a figure alone under a statement (no question mark) is too weak",
}
XFAIL: list[Any] = [
    pytest.param(c, id=c.name, marks=pytest.mark.xfail(strict=True, reason=MISSED[c.name]))
    for c in (*EXAMPLES, *NEAR_MISSES, *EVIDENCE)
    if c.name in MISSED
]

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES, *EVIDENCE) if c.name not in MISSED] + XFAIL


@pytest.mark.parametrize("case", CASES)
def test_totals(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    assert [t.value for t in response.totals] == case.expected
    if case.units is not None:
        assert [t.unit for t in response.totals] == case.units
    for t in response.totals:
        assert response.text[t.span[0] : t.span[1]] == t.text


def test_each_total_carries_a_stable_two_place_confidence() -> None:
    text = b"Dear Mr Amos,\nThe Council issued 4,812 penalty charge notices in 2023.\n"
    first, again = parse(text, name="t.txt").totals, parse(text, name="t.txt").totals
    assert [t.confidence for t in first] == [t.confidence for t in again]
    assert all(0.5 <= t.confidence <= 1 and round(t.confidence, 2) == t.confidence for t in first)


def test_candidates_are_recorded_as_the_answer_key_writes_them() -> None:
    from foiparse.extract import weigh

    with weigh.recording() as records:
        parse(b"Dear Sir,\nWe spent \xc2\xa312.50 and received 1,234 letters.\n", name="t.txt")
    values = [c.value for name, cands in records if name == "total" for c in cands]
    assert values == ["12.5", "1234"]
    features = [c.features for name, cands in records if name == "total" for c in cands]
    assert all(isinstance(k, str) and 0 <= v <= 1 for f in features for k, v in f.items())
