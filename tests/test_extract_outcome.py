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
from foiparse.extract.outcome import ANSWER_FIGURE, Statement, decide


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

# Round 2: families of wording from other laws and templates, each with a near miss.
NCND_WORDINGS = [
    Case(
        "FOISA section 18, the exemptions only as they would apply if held",
        "Freedom of Information (Scotland) Act 2002\n\nIn terms of section 18 of the Act, the Force can neither confirm\n"
        "nor deny that it holds the information you asked for. If the information were held, it would be exempt\n"
        "from disclosure under section 34(1)(a) of the Act.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: not held, with an aside on what would apply if it were held",
        "Harbury District Council does not hold the survey you asked for. Even if the survey were held, it would\n"
        "be exempt under section 22 of the Freedom of Information Act 2000 as it is intended for publication.\n",
        "not_held",
    ),
    Case(
        "US: a Glomar response, the exemptions hypothetical",
        "Dear Ms. Vance:\n\nThe Bureau can neither confirm nor deny the existence of records responsive to your request,\n"
        "which, if they were to exist, would be exempt from disclosure pursuant to FOIA Exemptions (b)(6) and\n"
        "(b)(7)(C), 5 U.S.C. § 552(b)(6) and (b)(7)(C).\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: US records withheld in full under an exemption",
        "Dear Ms. Vance:\n\nThe Bureau located 40 pages of records responsive to your request. The records are\n"
        "withheld in their entirety pursuant to FOIA Exemption (b)(7)(A), 5 U.S.C. § 552(b)(7)(A).\n",
        "refused",
    ),
    Case(
        "the duty to confirm or deny disapplied by a section",
        "Section 23(5) of the Freedom of Information Act 2000 exempts the Trust from the duty to confirm or deny\n"
        "whether it holds information supplied by the security bodies.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: the duty to confirm or deny described, then not held",
        "Section 1(1)(a) of the Freedom of Information Act 2000 places a duty on the Trust to confirm or deny\n"
        "whether it holds the information. The Trust does not hold any records of the meetings you describe.\n",
        "not_held",
    ),
    Case(
        "'is or is not held' in the closing caution",
        "Dunmore Police will not confirm whether it holds information about the operation you name, by virtue\n"
        "of section 30 of the Freedom of Information Act 2000. This should not be taken as an indication that the\n"
        "information you requested is or is not held.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: a caution after a plain not-held answer",
        "Dunmore Police does not hold information about the operation you name. It is not held because no such\n"
        "operation was run by this force.\n",
        "not_held",
    ),
]

WITHHELD_WHOLE = [
    Case(
        "documents counted within scope, all withheld in full",
        "The Department holds 9 briefing notes that fall within the scope of your request. We are withholding this\n"
        "information in full under section 36(2)(b) of the Freedom of Information Act 2000.\n",
        "refused",
    ),
    Case(
        "near miss: a count given as an answer, the letters themselves withheld",
        "The Council received 14 complaints about the market in 2023. The complaint letters are exempt in their\n"
        "entirety under section 40(2) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "NY: a request denied in its entirety",
        "Dear Mr. Hale:\n\nYour request is hereby denied in its entirety pursuant to Public Officers Law § 87(2)(e).\n",
        "refused",
    ),
    Case(
        "US: records released in part",
        "Dear Mr. Hale:\n\nThe enclosed records are released in part. Names of witnesses were redacted under\n"
        "Exemption (b)(6).\n",
        "partly_disclosed",
    ),
]

US_SEARCH = [
    Case(
        "US: the search did not locate records",
        "Dear Ms. Ortiz:\n\nThe search of the Office's electronic files yielded no responsive records.\n",
        "not_held",
    ),
    Case(
        "near miss: the search located records, released in full",
        "Dear Ms. Ortiz:\n\nThe search of the Office's electronic files yielded the permits you described. The\n"
        "permits are released in full and are enclosed.\n",
        "disclosed",
    ),
]

NOT_STATED = [
    Case(
        "a withholding named only in the review-rights paragraph",
        "Dear Ms Hill,\n\nThe register of grants paid in 2023 is attached as a spreadsheet. Should you believe\n"
        "information has been withheld, you have the right to request an internal review.\n\nYours sincerely,\n",
        "disclosed",
    ),
    Case(
        "near miss: a withholding stated, then the review rights",
        "Please find attached the register of grants for 2023. The bank details of recipients have been withheld\n"
        "under section 40(2).\n\nIf you are unhappy with this response, you may ask for an internal review.\n",
        "partly_disclosed",
    ),
    Case(
        "a review that upholds the refusal in words alone",
        "Dear Mr Grant,\n\nI have now completed the internal review you asked for. Having considered the papers,\n"
        "I uphold the original decision.\n",
        "refused",
    ),
    Case(
        "near miss: a review that does not uphold the decision and releases",
        "Dear Mr Grant,\n\nI have now completed the internal review you asked for. I do not uphold the original\n"
        "decision, and the report is attached.\n",
        "disclosed",
    ),
]

DRAWN_GRID = [
    Case(
        "a grid drawn with bars: two questions answered, one refused",
        "Dear Requester,\n\nOur response to each part is in the table below.\n\n"
        "+------------------------------+---------------------------+\n"
        "| Your question                | Our response              |\n"
        "+------------------------------+---------------------------+\n"
        "| 1. How many bridges did the  | 41 bridges were           |\n"
        "| county inspect in 2023?      | inspected.                |\n"
        "+------------------------------+---------------------------+\n"
        "| 2. Which firm inspected      | Exempt - section 43(2).   |\n"
        "| them, and at what price?     |                           |\n"
        "+------------------------------+---------------------------+\n\n"
        "Yours faithfully\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a grid drawn with bars, every question answered",
        "Dear Requester,\n\nOur response to each part is in the table below.\n\n"
        "+------------------------------+---------------------------+\n"
        "| Your question                | Our response              |\n"
        "+------------------------------+---------------------------+\n"
        "| 1. How many bridges did the  | 41 bridges were           |\n"
        "| county inspect in 2023?      | inspected.                |\n"
        "+------------------------------+---------------------------+\n"
        "| 2. Which firm inspected      | Harbury Structures Ltd.   |\n"
        "| them?                        |                           |\n"
        "+------------------------------+---------------------------+\n\n"
        "Yours faithfully\n",
        "disclosed",
    ),
]

CLAUSES = [
    Case(
        "a figure in the clause after a not-held clause",
        "Dear Mr Brown,\n\nWe do not hold a breakdown by ward; the overall figure for 2023 is 1,204.\n\nYours sincerely\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a figure inside the not-held clause itself",
        "Dear Mr Brown,\n\nWe do not hold any records for the 14 schools you list in your letter.\n\nYours sincerely\n",
        "not_held",
    ),
    Case(
        "'I enclose' a document",
        "Dear Mr Brown,\n\nI enclose a copy of the Council's parking enforcement policy, which answers your request.\n\n"
        "Yours sincerely\n",
        "disclosed",
    ),
    Case(
        "near miss: 'I enclose' the response letter",
        "Dear Mr Brown,\n\nI enclose our response letter.\n\nYours sincerely\n",
        "unknown",
    ),
]

LABELLED = [
    Case(
        "near miss: a figure in the reason nothing is held",
        "Dear Ms Fry,\n\nThe Trust did not pay for the away day. Staff paid £15 each towards the coach and the venue was\n"
        "lent free of charge, so the Trust holds no record of what the day cost.\n\nYours sincerely\n",
        "not_held",
    ),
    Case(
        "answers under 'Response:' labels, one not held",
        "Dear Mr Price,\n\nYou asked about street lights.\n\nQ1. How many street lights did the Council repair in 2023?\n"
        "Response: The Council repaired 2,417 lights.\nQ2. How much did the repairs cost?\n"
        "Response: Not held. The cost is met by the contractor within a fixed fee.\n\nYours sincerely\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: 'Response date:' is a heading, not an answer",
        "Response date: 4 May 2024\n\nThe Council does not hold the information you requested.\n",
        "not_held",
    ),
    Case(
        "near miss: a 'Response:' that points to the letter attached, one sentence only",
        "Dear Mr Price,\n\nResponse: please see the attached letter.\n\nYours sincerely\n",
        "unknown",
    ),
    Case(
        "an answer run into the stock paragraph on re-use and review",
        "Dear Mr Price,\n\nThank you for your request about street lights, received on 2 May 2024.\n"
        "Our response: The number of street lights repaired in the borough during the period you asked about\n"
        "was 2,417. We cannot say which of the repairs followed a report from the public without reading\n"
        "every job sheet, which would take well over 18 hours and so exceeds the cost limit under section 12.\n"
        "The information in this response may be re-used under the Open Government Licence, and you\n"
        "may ask for an internal review if you are unhappy with it.\n\nYours sincerely\n",
        "partly_disclosed",
    ),
]


POINTERS_AND_REVIEWS = [
    Case(
        "a pointer to the website in place of an answer, no section named",
        "Dear Mr Dale,\n\nThe minutes of the Planning Committee are published on our website at\n"
        "https://www.harbury.gov.uk/minutes, where each meeting since 2015 can be read.\n\nYours sincerely\n",
        "refused",
    ),
    Case(
        "near miss: published, and a copy sent all the same",
        "Dear Mr Dale,\n\nThe parking policy was published on our website in May and a copy is attached for ease of\n"
        "reference.\n\nYours sincerely\n",
        "disclosed",
    ),
    Case(
        "a review that does not uphold the complaint",
        "Dear Mr Dale,\n\nI have now reviewed the Council's handling of your request. I have decided not to uphold your\n"
        "complaint, and the Council's decision stands.\n\nYours sincerely\n",
        "refused",
    ),
    Case(
        "near miss: a review that upholds the complaint and releases",
        "Dear Mr Dale,\n\nI have now reviewed the Council's handling of your request. I have decided to uphold your\n"
        "complaint. The report is attached.\n\nYours sincerely\n",
        "disclosed",
    ),
]


NCND_REASONED = [
    Case(
        "NCND argued at length: harm, 'exempt from disclosure', factors for confirmation or denial",
        "Dear Requester,\n\nDunmore Police can neither confirm nor deny that it holds the information you requested, as\n"
        "the duty in section 1(1)(a) of the Act does not apply by virtue of the following exemptions:\n\n"
        "Section 24(2) National Security\nSection 31(3) Law Enforcement\n\n"
        "Harm in confirming or denying that information is held\nConfirming or denying whether the force uses this"
        " tactic at particular events would allow offenders to avoid detection. Information that undermines the"
        " operational integrity of policing is exempt from disclosure.\n\n"
        "Factors favouring confirmation or denial: greater transparency about how public money is spent.\n\n"
        "Yours sincerely\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "near miss: held, and exempt from disclosure",
        "Dear Requester,\n\nDunmore Police can confirm that it holds information relevant to your request. However, the"
        " information is exempt from disclosure by virtue of section 31(1)(a) Law Enforcement, and the public"
        " interest lies in withholding it.\n\nYours sincerely\n",
        "refused",
    ),
    Case(
        "the search found nothing in scope",
        "Dear Ms Grey,\n\nOur search of Departmental records has been completed. We have not found any information\n"
        "falling within the scope of your request.\n\nYours sincerely\n",
        "not_held",
    ),
    Case(
        "near miss: no reason found to withhold",
        "Dear Ms Grey,\n\nWe have not found any reason to withhold the inspection report, which is attached.\n\n"
        "Yours sincerely\n",
        "disclosed",
    ),
]


SUPPOSED = [
    Case(
        "a not-held phrase only supposed, in the letter's paraphrase of the request",
        "Dear Mr Shaw,\n\nIf the information you asked for is not held, you asked us to say so. The Trust employed 212\n"
        "agency nurses in 2023.\n\nYours sincerely\n",
        "disclosed",
    ),
    Case(
        "near miss: 'whether' in an earlier clause, then not held stated",
        "Dear Mr Shaw,\n\nWe have searched our records to establish whether we hold this information, and I can confirm\n"
        "that it is not held.\n\nYours sincerely\n",
        "not_held",
    ),
    Case(
        "NCND in other words: not in a position to confirm or deny",
        "Dear Mr Shaw,\n\nThe Trust is not in a position to confirm or deny whether it holds information about the named\n"
        "patient, by virtue of section 40(5A) of the Act.\n\nYours sincerely\n",
        "neither_confirm_nor_deny",
    ),
]


UNDER_HEADING = [
    Case(
        "a one-line answer under an 'Our response:' heading",
        "Dear Mr Price\n\nYour request:\nHow many electric vehicle charging points does the Council operate?\n\n"
        "Our response:\nThe Council operates 86 public charging points.\n\nYours sincerely\n",
        "disclosed",
    ),
    Case(
        "near miss: a long paragraph under the heading, the cost limit's reasoning",
        "Dear Mr Price\n\nYour request:\nPlease provide every report on the Council's data projects since 2015.\n\n"
        "Our response:\n\nLike other councils, the Council runs many data projects across its services, each kept by the"
        " service that runs it. To find every report you asked for we would need to contact each service and review"
        " its files, which would take far longer than 18 hours and so exceeds the appropriate limit under section 12"
        " of the Act.\n\nYours sincerely\n",
        "refused",
    ),
]


YES_NO = [
    Case(
        "'we do not have a' answering a question that asked whether there is one",
        "Your request:\n1. Does the Council have a policy on the use of drones?\n2. How many drones does it own?\n\n"
        "Our response:\nThe Council does not have a drone policy. The Council owns three drones, bought in 2022.\n",
        "disclosed",
    ),
    Case(
        "a 'no' by 'we do not have', the only answer",
        "Dear Dr Amis,\n\nYou asked: Does the Trust have a car-sharing scheme for its staff?\n\n"
        "The Trust does not have a car-sharing scheme at present, though one is being considered.\n",
        "disclosed",
    ),
    Case(
        "near miss: the request asked for a copy of the thing said not to exist",
        "Your request:\nPlease send me a copy of the Council's policy on the use of drones.\n\n"
        "Our response:\nThe Council does not have a drone policy.\n",
        "not_held",
    ),
    Case(
        "near miss: a yes/no question about footage, answered 'we do not have any footage'",
        "Your request:\nDoes the force have any CCTV footage of the protest on 3 May?\n\n"
        "Our response:\nThe force does not have any CCTV footage of the protest.\n",
        "not_held",
    ),
    Case(
        "near miss: a yes/no question about records, answered 'we do not have any records'",
        "Your request:\nDoes the Council have any records of drone flights over Ashby Park?\n\n"
        "Our response:\nThe Council does not have any records of drone flights over the park.\n",
        "not_held",
    ),
]

COST_WORDS = [
    Case(
        "the cost limit in words: 'cost more than the appropriate limit'",
        "Dear Ms Vane,\n\nI estimate that it would cost more than the appropriate limit to answer your request, as"
        " we would need to read every claim file held by our insurers.\n",
        "refused",
    ),
    Case(
        "the redaction a cost-limit refusal says the work would need",
        "Dear Ms Vane,\n\nFinding the papers would exceed the upper cost limit of £600. This is because of the many"
        " files which would need to be found, read and appropriately redacted.\n",
        "refused",
    ),
    Case(
        "near miss: a redaction done, beside a clause about what disclosure would do",
        "Dear Ms Vane,\n\nPlease find attached the inspection reports. Names which would identify junior staff"
        " have been redacted.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a redaction done, after a clause saying disclosure would be unfair",
        "Dear Ms Vane,\n\nPlease find attached the inspection reports. Where disclosure would be unfair, names have"
        " been redacted.\n",
        "partly_disclosed",
    ),
    Case(
        "a cost-limit refusal that still gives the figures it could run",
        "Dear Mr Holt,\n\nTo answer every part of your request would exceed the appropriate limit of £450. We were"
        " able to run a report of open cases as at 3 May and the figures have been provided at the end of this letter.\n",
        "partly_disclosed",
    ),
    Case(
        "a cost-limit refusal that has been able to provide one year",
        "Dear Mr Holt,\n\nAlthough the whole of your request would exceed the appropriate limit under section 12, we"
        " have been able to provide the 2023 figures below.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a cost-limit refusal that has not been able to provide anything",
        "Dear Mr Holt,\n\nAs the whole of your request would exceed the appropriate limit under section 12, we"
        " have not been able to provide any of the figures.\n",
        "refused",
    ),
    Case(
        "near miss: a cost-limit refusal that says what a narrower request could get",
        "Dear Mr Holt,\n\nTo answer every part of your request would exceed the appropriate limit of £450. If you"
        " narrow it to a single year, we may be able to help.\n",
        "refused",
    ),
]

DESCRIBED = [
    Case(
        "US: a request refused as not reasonably describing the records",
        "Dear Ms. Fox:\n\nYour request does not reasonably describe the records you seek, so the Department cannot"
        " conduct a search for them.\n",
        "refused",
    ),
    Case(
        "near miss: a request that reasonably describes the records, which are enclosed",
        "Dear Ms. Fox:\n\nYour request reasonably describes the records you seek. The responsive records are"
        " enclosed.\n",
        "disclosed",
    ),
]

DECIDED = [
    Case(
        "a decision to disclose what was found, some questions not recorded",
        "I have decided to disclose the located information to you. Information is held for questions 1 and 3."
        " Information for questions 2 and 4 is not recorded by the force.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a decision not to disclose",
        "I have decided not to disclose the located information to you, as it is exempt under section 31(1)(a) of"
        " the Freedom of Information Act 2000.\n",
        "refused",
    ),
]

NOTHING_TO_GIVE = [
    Case(
        "not held, a document attached only to explain why",
        "Dear Mr Ince,\n\nThe licence was surrendered in 2001 and our records of surrendered licences are kept for"
        " six years, so we no longer hold it. Please find attached our retention schedule.\n\nThe information you"
        " asked for is not held, so there is no information we can provide.\n",
        "not_held",
    ),
    Case(
        "near miss: a figure given, the rest not held, 'no further information' to add",
        "Dear Mr Ince,\n\nWe received 14 complaints about the site in 2023. Records before 2020 are not held and"
        " there is no further information we can provide.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a report attached, another year not held",
        "Dear Mr Ince,\n\nPlease find attached the inspection report for 2022. The report for 2019 is not held.\n",
        "partly_disclosed",
    ),
]

FOISA_NOTICE = [
    Case(
        "FOISA: a notice under 's 17(1)' for one question, figures for others",
        "Under the Freedom of Information (Scotland) Act 2002:\n\n1. The Board received 640 requests in 2023.\n"
        "2. On the reasons for late replies, this is a notice under FOISA s 17(1).\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: 's 17' of another Act, in a FOIA refusal notice",
        "This letter is a refusal notice under s 17 of the Freedom of Information Act 2000. The report is withheld in"
        " full under section 36(2)(b).\n",
        "refused",
    ),
]

NUMBERED_UNDER_HEADING = [
    Case(
        "numbered one-word answers a few blank lines under 'Our response'",
        "Request\n\n1. Does the Council plan to buy electric refuse lorries?\n2. How will they be charged?\n\n"
        "Our response\n\n\n1. No\n\n2. Charging has not yet been looked at, as there are no firm plans.\n",
        "disclosed",
    ),
    Case(
        "near miss: a not-held answer a few blank lines under the heading",
        "Request\n\n1. How many electric refuse lorries were bought in 2019?\n\n"
        "Our response\n\n\nThe Council does not hold this information.\n",
        "not_held",
    ),
]


EXPLAINING = [
    Case(
        "a refusal whose public interest test is 'set out below'",
        "Dear Mr Hale,\n\nAll information within the scope of your request has been withheld under section 43(2) of the"
        " Freedom of Information Act 2000. Details of the public interest test are set out below.\n",
        "refused",
    ),
    Case(
        "near miss: a report attached, and the reasons for a redaction set out below",
        "Dear Mr Hale,\n\nThe report is attached. The names of two officers have been redacted under section 40(2);"
        " the reasons are set out below.\n",
        "partly_disclosed",
    ),
    Case(
        "no records found, the records schedule attached to explain",
        "Dear Ms Ray,\n\nNo records were located that respond to your request. The Department's records schedule is"
        " attached for your information.\n",
        "not_held",
    ),
    Case(
        "near miss: the retention schedule is what was asked for",
        "Dear Ms Ray,\n\nYou asked for a copy of the Department's records retention schedule. Our records retention"
        " schedule is attached.\n",
        "disclosed",
    ),
    Case(
        "near miss: a spreadsheet attached 'as per the explanation above'",
        "Dear Mr Hale,\n\nIncidents before 2020 are not held. Please find attached a spreadsheet of the later"
        " incidents as per the explanation above.\n",
        "partly_disclosed",
    ),
    Case(
        "a refusal with a published leaflet offered as possibly helpful",
        "Dear Mr Hale,\n\nThe valuation report is withheld in full under section 43(2) of the Freedom of Information"
        " Act 2000. We have attached a leaflet on how the Council sells land, which you may find useful.\n",
        "refused",
    ),
]

PORTAL = [
    Case(
        "US: records released through a portal link, one part not held",
        "Dear Requester:\n\nThe Agency does not have any records of payments to the vendor before 2019. Please log in"
        " to the Records Center at the following link to view the responsive records for 2019 to 2023.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a portal link to track the request, nothing released",
        "Dear Requester:\n\nThe Agency does not have any records of payments to the vendor. You can log in to the"
        " Records Center to track the status of your request.\n",
        "not_held",
    ),
]


BARE_ITEMS = [
    Case(
        "a numbered list of bare answers, one not held",
        "Dear Ms Fry,\n\nThe information requested is below.\n\n1. 2,400\n2. 1,870\n3. Not held\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a bulleted list of years, then a cost-limit refusal",
        "Dear Ms Fry,\n\nYour request covers these years:\n\n- 2019\n- 2020\n- 2021\n\nFinding the claims for"
        " every year would exceed the appropriate limit under section 12 of the Freedom of Information Act 2000.\n",
        "refused",
    ),
]


RELEASE_FRAMES = [
    Case(
        "'please find the ... documents attached'",
        "Dear Mr. Cruz:\n\nPlease find the responsive documents attached.\n\nSincerely,\nRecords Officer\n",
        "disclosed",
    ),
    Case(
        "the answers are in the attached spreadsheet",
        "Dear Sir,\n\nThe answers to your questions are in the attached spreadsheet.\n",
        "disclosed",
    ),
    Case(
        "near miss: the decision is in the attached letter, which refuses",
        "Dear Sir,\n\nOur decision is set out in the attached letter. Your request is refused under section 14(1) of"
        " the Freedom of Information Act 2000.\n",
        "refused",
    ),
    Case(
        "a release denied: 'cannot be released to you'",
        "Dear Sir,\n\nI have concluded that the information is exempt under section 40(2) and cannot be released to"
        " you.\n",
        "refused",
    ),
    Case(
        "a redaction said to be impossible: nothing released",
        "Dear Ms Cole,\n\nThe risk register is exempt under section 36(2)(c) of the Freedom of Information Act 2000"
        " and has been withheld. A redacted version is not possible.\n",
        "refused",
    ),
    Case(
        "near miss: a redacted version provided, a full one not possible",
        "Dear Ms Cole,\n\nThe risk register is exempt in part under section 36(2)(c) of the Freedom of Information"
        " Act 2000. A redacted version is attached; an unredacted copy is not possible.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a release done, 'has been released to you'",
        "Dear Sir,\n\nThe information has been released to you in the attached spreadsheet.\n",
        "disclosed",
    ),
    Case(
        "not held, a strategy attached 'which you may find of interest'",
        "Dear Ms Fry,\n\nThe information you have asked for is not held by the Council.\n\nThe Council's road safety"
        " strategy, which you may find of interest, is attached.\n",
        "not_held",
    ),
    Case(
        "near miss: not held for one year, the other years' report attached",
        "Dear Ms Fry,\n\nThe 2018 survey is not held by the Council.\n\nThe surveys for 2019 to 2023, which were"
        " carried out by our contractor, are attached.\n",
        "partly_disclosed",
    ),
]


OUTCOME_FIELDS = [
    Case(
        "a disclosure log's outcome field: information provided",
        "FOI reference: 2024/331\nOutcome: Information provided in full\n\nRequest\nHow many tablets did the"
        " Council buy in 2023?\n\nResponse\nPlease see the attached document.\n",
        "disclosed",
    ),
    Case(
        "an outcome field: partially provided",
        "FOI reference: 2024/331\nOutcome: Partially provided\n\nRequest\nCopies of the tender evaluations for the"
        " leisure contract.\n\nResponse\nPlease see the attached document.\n",
        "partly_disclosed",
    ),
    Case(
        "the letter says in prose that it has partially complied",
        "Dear Mr Lyle,\n\nWe have partially complied with your request. Please see the attached.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: the letter says it has fully complied",
        "Dear Mr Lyle,\n\nWe have fully complied with your request. Please see the attached.\n",
        "disclosed",
    ),
    Case(
        "near miss: an outcome field whose 'part' is not a partial release",
        "Outcome: Information provided as part of the publication scheme\n\nRequest\nThe 2023 pay policy.\n\n"
        "Response\nSee attached.\n",
        "disclosed",
    ),
    Case(
        "a status field: part disclosed",
        "Status: Part disclosed\n\nRequest\nCopies of the tender evaluations.\n\nResponse\nSee attached.\n",
        "partly_disclosed",
    ),
    Case(
        "an outcome field in a two-column grid (a web page's table or definition list)",
        "FOI 2024/55\n\nOutcome\tPartially disclosed\nDate\t3 May 2024\n\nRequest\n\nCopies of the minutes of the"
        " parking board.\n\nResponse\n\nPlease see the attached response letter.\n",
        "partly_disclosed",
    ),
    Case(
        "near miss: a status field that says only the request is closed",
        "Status: Closed\n\nRequest\nCopies of the tender evaluations.\n\nResponse\nThe tender evaluations are"
        " withheld in full under section 43(2) of the Freedom of Information Act 2000.\n",
        "refused",
    ),
    Case(
        "near miss: 'Outcome:' inside the quoted request",
        'You asked:\n"Please tell me for each appeal:\nOutcome: upheld or refused\nDate of hearing"\n\n'
        "Our response:\nThe Council does not hold this information.\n",
        "not_held",
    ),
]


PENDING_LETTERS = [
    Case(
        "a request for clarification: no outcome yet",
        "Dear Mr Hurst,\n\nBefore we can deal with your request, we need you to clarify which service areas you mean,"
        " as the Council has over 40 services. Please reply to this email.\n",
        "unknown",
    ),
    Case(
        "an extension to consider an exemption's public interest test: no outcome yet",
        "Dear Mr Hurst,\n\nWe have extended the time for our response to consider the public interest test under"
        " section 43 of the Freedom of Information Act 2000. We now expect to reply by 14 June 2024.\n",
        "unknown",
    ),
    Case(
        "a fees notice: no outcome yet",
        "Dear Mr Hurst,\n\nA fee of £45.00 is payable before we can send the copies you asked for.\n",
        "unknown",
    ),
    Case(
        "near miss: the letter clarifies its own figures",
        "Dear Mr Hurst,\n\nThe Council carried out 46 food hygiene inspections of takeaways in 2023. We need to"
        " clarify that this figure includes follow-up visits.\n",
        "disclosed",
    ),
    Case(
        "near miss: a clarification asked earlier, the answer now given",
        "Dear Mr Hurst,\n\nOn 3 May we asked you to clarify your request, and you replied on 6 May. The Council"
        " received 312 noise complaints in 2023.\n",
        "disclosed",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [
        ("In 2023 there were 12 fires at the depot.", True),
        ("The number of requests we received in 2022/23 was 1,204.", True),
        ("£4,000 was spent on new signs.", True),
        ("61 members of staff received a long-service award.", True),
        ("Of these, 14 were upheld.", True),
        # near misses: dates, time limits, a count of documents found, a table's cells
        ("We received your request on 12 March.", False),
        ("You will receive a reply within 20 working days.", False),
        ("Request received 9/4/2024", False),
        ("We identified 6 documents.", False),
        ("1077\tReady Made Staffing Inc", False),
        ("Visitors paid £15 each towards the coach.", False),
    ],
)
def test_answer_figure(sentence: str, answers: bool) -> None:
    """A figure given as an answer, read by the outcome itself (the totals may leave it out)."""
    assert (ANSWER_FIGURE.search(sentence) is not None) == answers


CASES = [
    pytest.param(c, id=c.name)
    for c in (
        *PARTS,
        *GRID,
        *NIL,
        *WITHHELD,
        *REVIEW,
        *NOT_HELD,
        *NCND,
        *EMAIL,
        *PROSE,
        *NCND_WORDINGS,
        *WITHHELD_WHOLE,
        *US_SEARCH,
        *NOT_STATED,
        *DRAWN_GRID,
        *CLAUSES,
        *LABELLED,
        *POINTERS_AND_REVIEWS,
        *NCND_REASONED,
        *SUPPOSED,
        *UNDER_HEADING,
        *YES_NO,
        *COST_WORDS,
        *DESCRIBED,
        *DECIDED,
        *NOTHING_TO_GIVE,
        *FOISA_NOTICE,
        *NUMBERED_UNDER_HEADING,
        *EXPLAINING,
        *PORTAL,
        *BARE_ITEMS,
        *RELEASE_FRAMES,
        *OUTCOME_FIELDS,
        *PENDING_LETTERS,
    )
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
