"""Letter metadata by example: the authority, the own reference, the date, the laws, the outcome.

Each case names the field it checks, a letter fragment, and what a careful reader
would record for that field. Near misses hold something that looks like the field but
is not it: the requester's reference, a crime reference, the date a request was
received, a law named only in the complaints boilerplate, an organisation named in the
requester's own words.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import FoiResponse, parse
from foiparse.extract.dates import find_dates

Value = str | tuple[str, ...] | None


class Case(NamedTuple):
    field: str  # authority (its name), reference (its id), date, legislation, outcome
    name: str
    text: str
    expected: Value


AUTHORITY = [
    Case(
        "authority",
        "a one-word body heading its letter and closing it under the sign-off",
        "Regulan\nRiver House, 4 Quay Street\n\nDear Mr Oduya,\n\nWe hold the information.\n\n"
        "Yours sincerely,\n\nCasework Team\nRegulan\n",
        "Regulan",
    ),
    Case(
        "authority",
        "near miss: a team heading the letter and signing it is the writer's unit, not the body",
        "Information Requests Team\n\nDear Mr Oduya,\n\nWe hold the information.\n\n"
        "Yours sincerely,\n\nInformation Requests Team\n",
        None,
    ),
    Case(
        "authority",
        "near miss: the signer's name at the top of the page and over a role below the sign-off",
        "Dana Whitlock\nInformation Governance Officer\n\nDear Mr Oduya,\n\nWe hold the information.\n\n"
        "Yours sincerely,\n\nDana Whitlock\nInformation Governance Officer\n",
        None,
    ),
    Case(
        "authority",
        "near miss: a one-word line at the top only is not a body",
        "Confidential\n\nDear Mr Oduya,\n\nWe hold the information.\n\nYours sincerely,\n\nA. Patel\n",
        None,
    ),
    Case(
        "authority",
        "a letterhead in capitals with small words and a possessive",
        "OFFICE OF THE STATE’S ATTORNEY\n\nDear Mr Lane,\n\nYour request is refused.\n",
        "OFFICE OF THE STATE’S ATTORNEY",
    ),
    Case(
        "authority",
        "fire and rescue service named in the opening sentence",
        "Dear Mr Kerr,\n\nThank you for your request to Dunmore Fire and Rescue Service, received on 2 May 2024.\n",
        "Dunmore Fire and Rescue Service",
    ),
    Case(
        "authority",
        "a university in the signature",
        "Dear Ms Lamb,\n\nThe information is attached.\n\nYours sincerely\n\nInformation Compliance Officer\n"
        "University of Eastmoor\n",
        "University of Eastmoor",
    ),
    Case(
        "authority",
        "a police force named in capitals in the letterhead",
        "GREYHAVEN POLICE\nFreedom of Information Unit\n\nDear Mr Obi,\n\nGreyhaven Police holds the information.\n",
        "Greyhaven Police",
    ),
    Case(
        "authority",
        "the body the requester asked about is not the author",
        "Dear Mr Hart,\n\nYou asked: How much did Harbury District Council pay Kestrel Waste Services in 2023?\n\n"
        "Yours sincerely\n\nFOI Officer\nWestmarsh County Council\n",
        "Westmarsh County Council",
    ),
    Case(
        "authority",
        "the Information Commissioner named in the boilerplate is not the author",
        "Dear Ms Cole,\n\nThe information is not held.\n\n"
        "If you are unhappy you may complain to the Information Commissioner's Office.\n",
        None,
    ),
    Case(
        "authority",
        "two cells of a table header are no name",
        "The figures are:\n\nFinancial      Agency      Permanent\nYear           FTE         FTE\n"
        "2023/24        14.50       61.25\n",
        None,
    ),
    Case(
        "authority",
        "council letterhead",
        "Harbury District Council\n"
        "Civic Centre, Market Street, Harbury HB4 7TX\n\n"
        "Dear Mr Okafor,\n\n"
        "Thank you for your request for information.\n",
        "Harbury District Council",
    ),
    Case(
        "authority",
        "constabulary in the signature",
        "Dear Ms Reid,\n\n"
        "The information you asked for is attached.\n\n"
        "Yours sincerely\n\n"
        "Freedom of Information Unit\n"
        "Westmarsh Constabulary\n",
        "Westmarsh Constabulary",
    ),
    Case(
        "authority",
        "NHS foundation trust",
        "Northfield Hospitals NHS Foundation Trust\n\n"
        "Dear Dr Evans,\n\n"
        "Northfield Hospitals NHS Foundation Trust holds the information you requested.\n",
        "Northfield Hospitals NHS Foundation Trust",
    ),
    Case(
        "authority",
        "government department",
        "Department for Transport\n"
        "Great Minster House\n\n"
        "Dear Mr Shah,\n\n"
        "The Department for Transport has considered your request.\n",
        "Department for Transport",
    ),
    Case(
        "authority",
        "Scottish health board named NHS <area>",
        "Dear Mrs Fraser,\n\n"
        "NHS Lothian has considered your request under the Freedom of Information\n"
        "(Scotland) Act 2002.\n",
        "NHS Lothian",
    ),
    Case(
        "authority",
        "a letterhead in capitals, the name in ordinary case below",
        "HARBURY DISTRICT COUNCIL\n\nDear Mr Okafor,\n\nHarbury District Council does not hold this information.\n",
        "Harbury District Council",
    ),
    Case(
        "authority",
        "fire and rescue service",
        "Eastshire Fire and Rescue Service\n\n"
        "Dear Sir,\n\n"
        "Eastshire Fire and Rescue Service attended 412 false alarms in 2023.\n",
        "Eastshire Fire and Rescue Service",
    ),
    Case(
        "authority",
        "US sheriff's office",
        "Cook County Sheriff's Office\n"
        "FOIA Unit\n\n"
        "Dear Requester,\n\n"
        "The Cook County Sheriff's Office has received your request.\n",
        "Cook County Sheriff's Office",
    ),
    Case(
        "authority",
        "Transport for London",
        "Transport for London\n\nDear Ms Adeyemi,\n\nTransport for London holds the information you asked for.\n",
        "Transport for London",
    ),
    Case(
        "authority",
        "a body named in the request is not the author",
        "Harbury District Council\n\n"
        "You asked: How much did Westmarsh County Council pay Westmarsh County Council\n"
        "Trading Ltd in 2023?\n\n"
        "Harbury District Council does not hold this information.\n",
        "Harbury District Council",
    ),
    Case(
        "authority",
        "the Commissioner in the boilerplate is not the author",
        "Eastshire Fire and Rescue Service\n\n"
        "The information is attached.\n\n"
        "If you are unhappy with this response, you can complain to the Information\n"
        "Commissioner's Office. The Information Commissioner's Office can be contacted at\n"
        "Wycliffe House, Water Lane, Wilmslow.\n",
        "Eastshire Fire and Rescue Service",
    ),
    Case(
        "authority",
        "Federal Bureau of Investigation",
        "Federal Bureau of Investigation\n"
        "Record/Information Dissemination Section\n\n"
        "Dear Requester,\n\n"
        "The Federal Bureau of Investigation has received your request.\n",
        "Federal Bureau of Investigation",
    ),
    Case(
        "authority",
        "Police Scotland",
        "Dear Mr Grant,\n\n"
        "Thank you for your request to Police Scotland, received on 3 May 2024.\n"
        "Police Scotland does not hold this information.\n",
        "Police Scotland",
    ),
    Case(
        "authority",
        "University of <place>",
        "University of Harbury\n"
        "Information Compliance Office\n\n"
        "Dear Ms Lee,\n\n"
        "The University of Harbury does not hold this information.\n",
        "University of Harbury",
    ),
    Case(
        "authority",
        "the body in receipt of the request, over a letterhead that runs an official's name into it",
        "Jane Doe Department of Parks · City of Harbury\n"
        "Mayor              12 High Street\n\n"
        "Dear Mr Lee:\n\n"
        "The Harbury Parks Authority is in receipt of your request of 3 May.\n"
        "Records are enclosed.\n\n"
        "Sincerely,\n\nA. Clerk\nFreedom of Information Officer\n",
        "Harbury Parks Authority",
    ),
    Case(
        "authority",
        "the body a request was submitted to",
        "Dear Ms Lee,\n\n"
        "I have received the request that you submitted to the Harbury District Council on 3 May.\n"
        "The Harbury Licensing Authority holds it, and we have passed your request to the\n"
        "Harbury Licensing Authority.\n",
        "Harbury District Council",
    ),
    Case(
        "authority",
        "near miss: a body merely mentioned stays behind the letterhead",
        "Harbury District Council\n\n"
        "Dear Ms Lee,\n\n"
        "The Environment Agency holds records of this kind.\n"
        "Harbury District Council does not.\n",
        "Harbury District Council",
    ),
    # Weighed (issue 14): the body naming itself as the one answering, a unit of a named body,
    # a person's name in a letterhead, "Dear X", a hard-wrapped name, an e-mail host.
    Case(
        "authority",
        "the body in receipt of the request beats its bureau in the sign-off",
        "Dear Mr Fan:\n\nThe Maple Ridge Police Department (“MRPD”) is in receipt of your request.\n\n"
        "Sincerely,\n\nLt. A. Cole\nBureau of Internal Affairs\n",
        "Maple Ridge Police Department",
    ),
    Case(
        "authority",
        "near miss: a body the request was passed on to is not the writer",
        "Dear Mr Fan,\n\nWe have passed your request to Eastvale Police Department, which holds the records.\n\n"
        "Yours sincerely\n\nFOI Officer\nWestvale County Council\n",
        "Westvale County Council",
    ),
    Case(
        "authority",
        "near miss: where a request 'would need to be made to' is another body",
        "Dear Ms Lee,\n\nAny request about the scheme would need to be made to the Upton Combined Authority.\n\n"
        "Yours sincerely\n\nFOI Officer\nUpton City Council\n",
        "Upton City Council",
    ),
    Case(
        "authority",
        "a person's name before a department in the letterhead is not part of the body",
        "Maria Lopez Department of Police · Town of Brookfield\n\nJune 3, 2016\n\nDear Mr Fan:\n\n"
        "The Brookfield Police Department is in receipt of your request.\n",
        "Brookfield Police Department",
    ),
    Case(
        "authority",
        "near miss: the person's name is dropped even when the department is all there is",
        "Maria Lopez Department of Police\n\nDear Mr Fan:\n\nThe records are attached.\n",
        "Department of Police",
    ),
    Case(
        "authority",
        "a request addressed to the body ('Dear X,')",
        "Dear Eastbrook Waste Authority,\n\nPlease send me the minutes of the recycling group.\n\n"
        "Yours faithfully,\nA Requester\n",
        "Eastbrook Waste Authority",
    ),
    Case(
        "authority",
        "near miss: a person addressed is no body",
        "Dear Mr Eastbrook,\n\nThe minutes are attached.\n",
        None,
    ),
    Case(
        "authority",
        "a name hard-wrapped over a line break in the opening sentence",
        "Dear Mr Lane:\n\nI have received the request that you submitted to the Lakeshore County\n"
        "State’s Attorney’s Office last week.\n",
        "Lakeshore County\nState’s Attorney’s Office",
    ),
    Case(
        "authority",
        "near miss: a stacked sign-off (a role above a bureau) is not one wrapped name",
        "Dear Mr Lane,\n\nThe records are attached.\n\nSincerely,\n\nCommanding Officer\nBureau of Patrol\n",
        "Bureau of Patrol",
    ),
    Case(
        "authority",
        "a London borough in the letterhead",
        "London Borough of Elmbridge\nInformation Team\n\nDear Requester\n\nThe Council holds the information.\n",
        "London Borough of Elmbridge",
    ),
    Case(
        "authority",
        "near miss: a sentence's first word before 'the Council' is no name",
        "Dear Requester\n\nConsequently the Council holds no such records.\n",
        None,
    ),
    Case(
        "authority",
        "the e-mail host spells one of two bodies named",
        "Dear Mr Hale,\n\nThe Southmoor District Council, like the Eastfield Borough Council, uses this site.\n\n"
        "Write to foi@eastfield.gov.uk with any questions.\n",
        "Eastfield Borough Council",
    ),
    Case(
        "authority",
        "near miss: without the host, the first named of the two",
        "Dear Mr Hale,\n\nThe Southmoor District Council, like the Eastfield Borough Council, uses this site.\n",
        "Southmoor District Council",
    ),
    Case(
        "authority",
        "near miss: a person's title is no body",
        "Superintendent of Police\n\nDear Mr Fan,\n\nThe records are attached.\n",
        None,
    ),
    Case(
        "authority",
        "near miss: the source of a table's figures is not the writer",
        "Dear Mr Fan,\n\nThe table is attached.\n\nSource: Department of Planning and Technology.\n\n"
        "Sincerely,\n\nA. Webb\nGreyton Police Department\n",
        "Greyton Police Department",
    ),
    Case(
        "authority",
        "a known public body alone in the letterhead, with no word a pattern knows it by",
        "Natural England\nFoundry House\n\nDear Ms Ray,\n\nWe hold no records.\n",
        "Natural England",
    ),
    Case(
        "authority",
        "a known public body below the sign-off",
        "Dear Ms Ray,\n\nWe hold no records.\n\nYours sincerely\n\nInformation Rights Team\nHM Treasury\n",
        "HM Treasury",
    ),
    Case(
        "authority",
        "near miss: a known body named in passing in the letter's body",
        "Dear Ms Ray,\n\nWe asked Natural England for the data.\n",
        None,
    ),
    # Round 6: shapes from real responses of authorities the rules were not written on.
    Case(
        "authority",
        "two forces answering together, under a plural name, say they considered the request",
        "Dear Sir,\n\nEastshire and Westmoor Constabularies have considered your request and the response is below.\n",
        "Eastshire and Westmoor Constabularies",
    ),
    Case(
        "authority",
        "a commission a request was filed with, on a request-tracking page",
        "Ada Reyes filed this request with the Lakeland State Parole Commission.\n\nTracking #\n\n22-104\n\n"
        "From: Ada Reyes\n\nPlease send the records.\n",
        "Lakeland State Parole Commission",
    ),
    Case(
        "authority",
        "near miss: a commission data were sent to is not the writer",
        "Dear Mr Hale,\n\nThe figures were sent to the Electoral Commission in May.\n\n"
        "Yours sincerely\n\nFOI Officer\nWestmarsh County Council\n",
        "Westmarsh County Council",
    ),
    Case(
        "authority",
        "near miss: a department's name qualifying a system it runs names no writer",
        "Dear Ms Kerr,\n\nThe Westmoor Fire and Rescue Service uses the Home Office Incident Recording System, "
        "which we keep up to date.\n",
        "Westmoor Fire and Rescue Service",
    ),
    Case(
        "authority",
        "a message's From: header names the body; a council in the page's title qualifies a member",
        "Letters with a Harbury City Council Member\n\nFrom: Lakeland Gaming Commission\n\nDear Mr Ode,\n\n"
        "Your request is too broad.\n",
        "Lakeland Gaming Commission",
    ),
    Case(
        "authority",
        "an office heading the letter belongs to the body its footer registers as a charity",
        "Office of the Registrar\n\nDear Mr Ode,\n\nWe do not hold this.\n\n"
        "The University of Eastmoor is a charity registered in Scotland, No SC000000\n",
        "University of Eastmoor",
    ),
    Case(
        "authority",
        "a letterhead in capitals with its small word in lower case",
        "THE UNIVERSITY of LOWMOOR\nRecords Office\nNew Hall, Kirk Street\n\nDear Ms Ode,\n\nWe hold the data.\n",
        "UNIVERSITY of LOWMOOR",
    ),
    Case(
        "authority",
        "a web page's copyright line names the body whose page it is",
        "Tree works in parks\n\nThe answer is below.\n\nWe hold 12 records.\n\n© 2024 Kinsford District Council\n",
        "Kinsford District Council",
    ),
    Case(
        "authority",
        "a log entry calling itself the body's response",
        "Permit records\n\nThis is Westmoor Water Authority's response to a freedom of information request.\n",
        "Westmoor Water Authority",
    ),
    Case(
        "authority",
        "thanked for contacting the body",
        "Dear Ms Cole,\n\nThank you for contacting Westmarsh County Council.\n\nWe hold the information.\n",
        "Westmarsh County Council",
    ),
    Case(
        "authority",
        "near miss: another body the requester may contact is not the writer",
        "Dear Ms Cole,\n\nWe do not hold this. You may wish to try contacting the Harbury District Council about this."
        "\n\nYours sincerely\n\nFOI Team\nWestmarsh County Council\n",
        "Westmarsh County Council",
    ),
    Case(
        "authority",
        "the body confirming what it holds",
        "Dear Ms Cole,\n\nKinsford District Council can confirm that it holds the information.\n",
        "Kinsford District Council",
    ),
    Case(
        "authority",
        "named only in the request, but the letter's own footer domain spells it",
        'Our ref: 2024-118\n\nYou asked:\n\n"How many people were held in Lowmoor Police cells in 2023?"\n\n'
        "We hold this information. The figure is attached.\n\nlowmoor.police.uk\n",
        "Lowmoor Police",
    ),
    Case(
        "authority",
        "near miss: a body named in the request that the footer domain does not spell",
        'Our ref: 2024-118\n\nYou asked:\n\n"How many people were held in Lowmoor Police cells in 2023?"\n\n'
        "We hold this information. The figure is attached.\n\nwestmarsh.gov.uk\n",
        None,
    ),
    Case(
        "authority",
        "near miss: only a kind of body, no body's name",
        "Reference 2024-77\n\nThe figures for our NHS Foundation Trust are below.\n\nThe County Council holds the rest.\n",
        None,
    ),
]

REFERENCE = [
    Case(
        "reference",
        "an id after 'Request #' on the subject line of a US letter",
        "CITY OF HALDEN\n\nJanuary 4, 2024\n\nRE: FOIA Request #24-0392\n\nDear Mr. Ruiz:\n\nRecords are enclosed.\n",
        "24-0392",
    ),
    Case(
        "reference",
        "an agency-prefixed id after the Act's name and 'Request'",
        "Re: Freedom of Information Act Request EPA-2024-003871\n\nDear Ms. Lund:\n\nRecords are enclosed.\n",
        "EPA-2024-003871",
    ),
    Case(
        "reference",
        "near miss: the request's date after 'Request' on the subject line",
        "Re: FOIA Request 12 March 2024\n\nDear Ms. Lund:\n\nRecords are enclosed.\n",
        None,
    ),
    Case(
        "reference",
        "near miss: a slashed date after 'Request dated'",
        "Re: FOIA Request dated 12/15/15\n\nDear Ms. Lund:\n\nRecords are enclosed.\n",
        None,
    ),
    Case(
        "reference",
        "'Request' and a scheme-prefixed id in a heading line",
        "Environmental Information Regulations 2004 - Request EIR/24/0640\n\nDear Mr Hale,\n",
        "24/0640",
    ),
    Case(
        "reference",
        "an ampersand inside the reference",
        "Our reference: FOI/R&B/3304\n\nDear Ms Hall,\n",
        "FOI/R&B/3304",
    ),
    Case(
        "reference",
        "the subject line of the quoted acknowledgement",
        "Dear Mr Ash,\n\nThe Council holds no such records.\n\nFOI Team\n-----Original Message-----\n"
        "From: FOI Team\nSent: 4 March 2025 10:02\nSubject: FOI 2025-0412 - Acknowledgement of your request\n",
        "2025-0412",
    ),
    Case(
        "reference",
        "a year spaced out in an attachment name is no reference",
        "1 Attachment\nRE FOI 2020 2021 3027 Redacted.pdf\n\nDear Ms Patel,\n\nWe hold no such records.\n",
        None,
    ),
    Case("reference", "Our ref: FOI <n>", "Our ref: FOI 1234\n\nDear Mr Okafor,\n", "1234"),
    Case(
        "reference",
        "Our reference: year/number",
        "Date: 14 March 2024\nOur reference: 2024/0871\n\nDear Ms Reid,\n",
        "2024/0871",
    ),
    Case(
        "reference",
        "FOI request reference with a hyphenated prefix",
        "FOI Request Reference: FOI-2024-118\n\nDear Dr Evans,\n",
        "2024-118",
    ),
    Case(
        "reference",
        "police request ID",
        "Request ID: 000512/24\n\nDear Mr Shah,\n",
        "000512/24",
    ),
    Case(
        "reference",
        "EIR prefix and a space",
        "Reference No. EIR 24/061\n\nDear Mrs Fraser,\n",
        "24/061",
    ),
    Case(
        "reference",
        "a reference heading the letter",
        "FOI 2024-0219\n\nDear Sir or Madam,\n\nThank you for your request.\n",
        "2024-0219",
    ),
    Case(
        "reference",
        "Home Office F-number",
        "Our ref: F00851267\n\nDear Mr Jones,\n",
        "F00851267",
    ),
    Case(
        "reference",
        "US FOIA request number",
        "Re: FOIA Request No. 2024-HQ-01187\n\nDear Requester:\n",
        "2024-HQ-01187",
    ),
    Case(
        "reference",
        "Scottish FOISA prefix",
        "Our Ref: FOISA/2024/0311\n\nDear Mrs Fraser,\n",
        "2024/0311",
    ),
    Case(
        "reference",
        "your reference then ours",
        "Your reference: 4471\nOur reference: 2024/118\n\nDear Mr Baptiste,\n",
        "2024/118",
    ),
    Case(
        "reference",
        "only the requester's reference",
        "Your ref: AB/123\n\nDear Sir,\n\nThank you for your letter.\n",
        None,
    ),
    Case(
        "reference",
        "reference as an ordinary word",
        "With reference to your request of 3 May 2024, for reference the 2023 figures are\nattached.\n",
        None,
    ),
    Case(
        "reference",
        "a reference number in the requester's words",
        "You asked: Please send me the contract with reference 55123 held by the Council.\n\n"
        "The contract is attached.\n",
        None,
    ),
    Case(
        "reference",
        "a US tracking number",
        "Dear Requester:\n\n"
        "Your request was assigned tracking number 2024-FOIA-00123. The responsive\n"
        "records are enclosed.\n",
        "2024-FOIA-00123",
    ),
    Case(
        "reference",
        "a police crime reference",
        "Dear Mr Grant,\n\nThe incident you mention was recorded under crime reference number 41/22871/23.\n",
        None,
    ),
    Case(
        "reference",
        "a heading that only starts like a reference",
        "IR35 REVIEW\n\nDear Ms Shah,\n\nWe hold the information.\n",
        None,
    ),
    Case(
        "reference",
        "a label on the line above its number",
        "Freedom of Information Request ID\n10376\n\nDear Sir,\n",
        "10376",
    ),
    Case(
        "reference",
        "a spaced reference with slashes",
        "FOI / 4191 / 2020 - Response Times\n\nDear Sir,\n",
        "4191 / 2020",
    ),
    Case(
        "reference",
        "a heading with a dash before the reference",
        "Request for information - FOI12292\n\nDear Requester\n",
        "12292",
    ),
    Case(
        "reference",
        "an e-mail subject with en dashes",
        "Subject: Re – Freedom of Information Request – Reference – FOI / 991101\n\nDear Ms Ulke,\n",
        "991101",
    ),
    # Issue 14: labels on the line above, headings that are only a label and an id, a unit's series.
    Case(
        "reference",
        "a subject's label at a line's end, the id on the next line after a scheme",
        "Subject: Re – Environmental Information Regulations Request – Reference –\nEIR / 123456\n\nDear Ms Ray,\n",
        "123456",
    ),
    Case(
        "reference", "a heading 'Request' and a long number", "Request 101003186899\n\nDear Ms Ray,\n", "101003186899"
    ),
    Case("reference", "near miss: 'Request 12' is a question's number", "Request 12\n\nHow many bins?\n", None),
    Case("reference", "a heading 'Response' and a code", "Response A1346436\n\nDear Ms Ray,\n", "A1346436"),
    Case(
        "reference",
        "a disclosure log title ending in serial/year",
        "Custody Records (2231B/23)\n\nRequest\n\nHow many custody images are held?\n",
        "2231B/23",
    ),
    Case(
        "reference", "near miss: a title ending in a financial year", "Budget Report - 2019/20\n\nDear Ms Ray,\n", None
    ),
    Case(
        "reference",
        "a labelled code of letters only",
        "Request for Information - Reference Number: ABC/QWERTY\n\nDear Ms Ray,\n",
        "ABC/QWERTY",
    ),
    Case(
        "reference",
        "near miss: a label followed by words",
        "Reference Number: SEE BELOW\n\nDear Ms Ray,\n",
        None,
    ),
    Case("reference", "a unit's letters before FOI", "Our Ref: DC/FOI 412/19\n\nDear Ms Ray,\n", "412/19"),
    Case("reference", "FOI and a department's series", "ANNEX A\n\nFOI DOF/2023-0007\n\nRequest\n", "DOF/2023-0007"),
    Case("reference", "near miss: FOI and words", "FOI Decision Notice\n\nDear Ms Ray,\n", None),
    Case("reference", "a New York FOIL number", "FOIL No. 2022-0931\n\nDear Ms Ray,\n", "2022-0931"),
    Case(
        "reference",
        "a number written out in full beats its short form written first",
        "Subject: FOIL no. 2207\n\nRE: FOIL no. R002207-551920\n\nDear Ms Ray,\n",
        "R002207-551920",
    ),
    Case(
        "reference",
        "near miss: of two different numbers the first written wins",
        "Subject: FOIL no. 2207\n\nRE: FOIL no. R003388-551920\n\nDear Ms Ray,\n",
        "2207",
    ),
    Case("reference", "'Request #' and an id", "Request #2023-118\n\nDear Ms Ray,\n", "2023-118"),
    Case(
        "reference",
        "near miss: 'request #1' numbers a part of the request",
        "Dear Ms Ray,\n\nIn request #1 you asked for the costs.\n",
        None,
    ),
    # Round 6: shapes from real responses of authorities the rules were not written on.
    Case(
        "reference",
        "'Tracking #' with its number below a blank line",
        "Request tracking\n\nTracking #\n\n118-2024\n\nStatus\nClosed\n",
        "118-2024",
    ),
    Case(
        "reference",
        "near miss: a sentence ending in 'reference' over a numbered question",
        "Dear Mr Ode,\n\nIf you write again, please quote the reference\n\n1. The number of permits issued\n",
        None,
    ),
    Case(
        "reference",
        "a list of fields: the label and its number on bulleted lines",
        "- FoI Number\n- 2024-318\n- Subject\n- Parking\n",
        "2024-318",
    ),
    Case(
        "reference",
        "a bilingual label and a scheme's capitals before the number",
        "Ein cyf/Our ref  PQRS 20417\n\nDear Ms Rees,\n\nWe hold the information.\n",
        "20417",
    ),
    Case(
        "reference",
        "near miss: an empty 'Our ref:' over the letter's date",
        "Our ref:\n\n4 June 2024\n\nDear Ms Rees,\n",
        None,
    ),
    Case(
        "reference",
        "'No' split by a PDF into 'N o'",
        "Freedom of Information Request Reference N o: FOI 008812-21\n\nI write in connection with your request.\n",
        "008812-21",
    ),
    Case(
        "reference",
        "a heading of the scheme, 'Request' and the number",
        "FOI Request 3318\n\nSubject: Road gritting\n\nStatus: Complete\n",
        "3318",
    ),
    Case(
        "reference",
        "near miss: a heading of the scheme and a year",
        "FOI requests 2024\n\nSubject: Road gritting\n",
        None,
    ),
    Case(
        "reference",
        "a log entry's heading ending in a dash and its number",
        "Freedom of information request response - 07123\n\nFOI request\n",
        "07123",
    ),
    Case(
        "reference",
        "a long title that the id opens",
        "FOI 2024/25-031 - Spending on agency staff in adult social care services across the county\n\n"
        "Response\n\nWe hold this.\n",
        "2024/25-031",
    ),
    Case(
        "reference",
        "near miss: a long title opened by the scheme and a year",
        "FOI 2023 - a summary of the requests we received last year and how quickly we answered them\n\n"
        "We answered most.\n",
        None,
    ),
    Case(
        "reference",
        "a flattened two-column letterhead: the labels, then the id and the date",
        "OFFICIAL\nOur Ref: Date: XY-FOI-2022-0991 14 March 2022\n\nDear Sir,\n",
        "XY-FOI-2022-0991",
    ),
    Case(
        "reference",
        "near miss: a flattened letterhead with no id before the date",
        "OFFICIAL\nOur Ref: Date: 14 March 2022\n\nDear Sir,\n",
        None,
    ),
    Case(
        "reference",
        "near miss: a law's capitals and its year after 'Reference:'",
        "Reference: GDPR 2018 guidance\n\nDear Ms Rees,\n\nWe hold the information.\n",
        None,
    ),
    Case(
        "reference",
        "near miss: a service's capitals and a short number after 'Ref:'",
        "Ref: NHS 111 calls\n\nDear Ms Rees,\n\nWe hold the information.\n",
        None,
    ),
    Case(
        "reference",
        "a review letter's own 'Internal review reference' beats the original request's 'our reference'",
        "Westmarsh County Council\n\nInternal review reference: IR-24-0311\nDate: 2 May 2024\n\nDear Ms Cole,\n\n"
        "You asked us to review our response to your request (our reference FOI 24-1187).\n",
        "IR-24-0311",
    ),
    Case(
        "reference",
        "near miss: a review offered, with no number of its own",
        "Dear Ms Cole,\n\nThis is our response to your request (our reference FOI 24-1187). "
        "You may ask for an internal review.\n",
        "24-1187",
    ),
]

DATE = [
    Case(
        "date",
        "an RFC 2822 e-mail Date header",
        "From: Parish Clerk\nDate: Tue, 16 Apr 2024 10:42:17 +0100\nSubject: FOI\n\nDear Mr Lee,\n",
        "2024-04-16",
    ),
    Case("date", "a bilingual label", "Dyddiad / Date: 22/10/2024\n\nDear Ms Rees,\n", "2024-10-22"),
    Case(
        "date",
        "a date line under a 'Your ref:' label line",
        "Department for Rural Affairs\nYour ref: broadband stats\n15 November 2024\n\nDear Mr Cole,\n",
        "2024-11-15",
    ),
    Case(
        "date",
        "the reply's own e-mail header, with a time",
        "From: FOI Team\nSent: 17 April 2024 10:42\nTo: J Smith\n\nDear Mr Smith,\n\nThe information is attached.\n",
        "2024-04-17",
    ),
    Case(
        "date",
        "only the quoted acknowledgement's Sent date",
        "Dear Mr Smith,\n\nThe information is attached.\n\nFOI Team\n-----Original Message-----\nFrom: FOI Team\n"
        "Sent: 04 February 2025 09:37\nSubject: Acknowledgement\n",
        None,
    ),
    Case(
        "date",
        "responded, with a weekday, run into the next sentence on a saved web page",
        "FOI request (FOIR-55120)\nRequested Tue 4 June 2024\nResponded Fri 14 June 2024The Council holds\n",
        "2024-06-14",
    ),
    Case("date", "date sent label", "Date sent: 9 January 2025\n\nDear Mr Lowe,\n", "2025-01-09"),
    Case("date", "ISO date on its own line", "2024-11-04\n\nDear Ms Grant,\n", "2024-11-04"),
    Case(
        "date",
        "the deadline for an internal review is not the letter's date",
        "Dear Mr Webb,\n\nIf you want a review, please write to us by 30 June 2024.\n",
        None,
    ),
    Case(
        "date",
        "a month alone is no date",
        "Date of response\nFebruary 2026\n\nThe information is attached.\n",
        None,
    ),
    Case(
        "date",
        "a date ending the sentence of the line above is not the letter's date",
        "Dear Ms Young,\n\nThank you for your request which we received on\n26/12/2023.\n",
        None,
    ),
    Case("date", "Date: label", "Date: 14 March 2024\n\nDear Mr Okafor,\n", "2024-03-14"),
    Case("date", "ordinal day on its own line", "14th March 2024\n\nDear Ms Reid,\n", "2024-03-14"),
    Case("date", "weekday and date", "Thursday 14 March 2024\n\nDear Dr Evans,\n", "2024-03-14"),
    Case("date", "numeric day-first", "14/03/2024\n\nDear Mr Shah,\n", "2024-03-14"),
    Case("date", "US month-first", "March 14, 2024\n\nDear Requester:\n", "2024-03-14"),
    Case(
        "date",
        "date of response beside date of request",
        "Date of request: 3 May 2024\nDate of response: 28 May 2024\n\nDear Mrs Fraser,\n",
        "2024-05-28",
    ),
    Case(
        "date",
        "a date under the letterhead and address",
        "Harbury District Council\nCivic Centre\nHarbury HB4 7TX\n\n2 April 2024\n\nDear Mr Okafor,\n",
        "2024-04-02",
    ),
    Case(
        "date",
        "only the date the request was received",
        "Dear Ms Reid,\n\nThank you for your request, which we received on 3 May 2024.\n",
        None,
    ),
    Case(
        "date",
        "only the date of the request",
        "Date of request: 3 May 2024\n\nDear Mr Shah,\n",
        None,
    ),
    Case(
        "date",
        "dates in the request",
        "You asked: How many complaints did the Trust receive between 1 January 2023 and\n31 December 2023?\n",
        None,
    ),
    Case(
        "date",
        "a received date in a US header",
        "Received: March 2, 2024\n\nDear Requester:\n",
        None,
    ),
    Case(
        "date",
        "a US letter's numeric date is month first",
        "Date: 03/04/2024\n\nDear Requester:\n\nThis letter responds to your request under the Freedom of "
        "Information Act, 5 U.S.C. 552.\n",
        "2024-03-04",
    ),
    Case(
        "date",
        "a UK letter's numeric date is day first",
        "Date: 03/04/2024\n\nDear Sir,\n\nYour request was handled under the Freedom of Information Act 2000.\n",
        "2024-04-03",
    ),
    Case("date", "a weekday after the label", "Requested Tue 21 June 2022\nResponded Mon 27 June 2022\n", "2022-06-27"),
    Case(
        "date",
        "a date ending a hard-wrapped sentence is not the letter's date",
        "Dear Mr Ulke,\nThank you for your request, which we received on\n26/12/2023.\n",
        None,
    ),
    # Issue 14: how the letter went beside its date, a space before the comma, d-m-yyyy, mail headers
    # flattened onto one line, a letterhead's second column, a long letterhead.
    Case("date", "a date and how it was sent", "March 3, 2016 Sent via E-Mail\n\nDear Mr Fan:\n", "2016-03-03"),
    Case("date", "near miss: a date with other words", "March 3, 2016 Smith v. Jones\n\nDear Mr Fan:\n", None),
    Case("date", "a blank before the comma", "October 21 , 2015\n\nDear Mr Fan:\n", "2015-10-21"),
    Case("date", "'Response' and a day-month-year with hyphens", "Response 05-01-2023\n\nDear Ms Ray,\n", "2023-01-05"),
    Case("date", "near miss: 'Response' and a financial year", "Response 2021-22\n\nDear Ms Ray,\n", None),
    Case(
        "date",
        "a mail header flattened onto one line",
        "From: FOI Desk - To: a@example.com - Date: February 2, 2017 at 10:18 AM, Attachments: x.xlsx\n\n"
        "Dear Mr Fan,\n",
        "2017-02-02",
    ),
    Case("date", "near miss: a labelled period", "Date - 01/04/19 - 31/03/24\n\nDear Mr Fan,\n", None),
    Case(
        "date",
        "a letterhead's second column beside the date",
        "Date: 13 April 2018        Leeds.\n\nDear Mr Fan,\n",
        "2018-04-13",
    ),
    Case(
        "date",
        "a 'Date' label at the end of a column, the date below it",
        "Data Team                                Date\n                                         16 July 2018\n\n"
        "Dear Mr Fan,\n",
        "2018-07-16",
    ),
    Case(
        "date",
        "near miss: a date inside a sentence run over three lines",
        "Re: your appeal of the Office’s (the “Office”)\nNovember 3, 2022\nresponse to your request\n\nDear Mr Lane,\n",
        None,
    ),
    Case(
        "date",
        "a date below a long letterhead, above the salutation",
        "".join(f"Address line {i}\n" for i in range(30))
        + "\nJuly 22, 2015\n\nDear Mr Kroll:\n\nThe records are attached.\n",
        "2015-07-22",
    ),
    Case(
        "date",
        "near miss: a date alone far below the top, after the salutation",
        "Dear Mr Kroll:\n\n" + "".join(f"Paragraph {i}.\n" for i in range(30)) + "\nJuly 22, 2015\n",
        None,
    ),
    Case("date", "'date of this response'", "Date of this response: 4 May 2024\n\nDear Ms Ray,\n", "2024-05-04"),
    Case("date", "near miss: 'date of your request'", "Date of your request: 4 May 2024\n\nDear Ms Ray,\n", None),
    Case(
        "date",
        "a date above a salutation on line 50",
        "".join(f"Address line {i}\n" for i in range(40)) + "\nJuly 22, 2015\n\n" + "Firm\n" * 6 + "\nDear Mr Kroll:\n",
        "2015-07-22",
    ),
    # Round 6: shapes from real responses of authorities the rules were not written on.
    Case(
        "date",
        "a flattened two-column letterhead: the date after the id",
        "OFFICIAL\nOur Ref: Date: XY-FOI-2022-0991 14 March 2022\n\nDear Sir,\n",
        "2022-03-14",
    ),
    Case(
        "date",
        "a log entry's 'Date released' among bulleted fields",
        "- Date released: 3 March 2025\n- Request Number: 202411234\n- Release of information under: FOI\n",
        "2025-03-03",
    ),
    Case(
        "date",
        "'Published' under a case reference",
        "Case reference FOI2023/07777\n\nPublished 5 December 2023\n\nRequest\n\nHow many buses?\n",
        "2023-12-05",
    ),
    Case(
        "date",
        "'Published' and its date on bulleted lines of a log entry",
        "- Published\n- 9 May 2022\n- FOI reference\n- FOI/22/00912\n",
        "2022-05-09",
    ),
    Case(
        "date",
        "near miss: a news page's 'Published' is no response's date",
        "Bins move by a day after the bank holiday\n\nPublished: 14 August 2024\n\nBins will be emptied a day late.\n",
        None,
    ),
    Case(
        "date",
        "the date the response was issued beats the date the log published it",
        "Published: 28 June 2023\n\nFOI 2023/24-101 - Staff travel\n\n"
        "Issued 12 June 2023, this FOI response explains the cost limit.\n",
        "2023-06-12",
    ),
    Case(
        "date",
        "near miss: 'Issued' and a date running on into a sentence about something else",
        "Issued 12 June 2023, the guidance says what a charge may be.\n",
        None,
    ),
    Case(
        "date",
        "published, not received",
        "Case reference EIR2025/1234\nReceived 2 May 2024\nPublished 20 May 2024\nRequest\n",
        "2024-05-20",
    ),
    Case(
        "date",
        "near miss: only the date the request was received",
        "Case reference EIR2025/1234\nReceived 2 May 2024\nRequest\n",
        None,
    ),
    Case(
        "date",
        "a date under the letterhead's office name",
        "Records Management\nOffice of the Registrar\n3 November 2022\nDear Ms Lowe,\n\nWe hold no such records.\n",
        "2022-11-03",
    ),
    Case(
        "date",
        "near miss: a sentence running on into a date and its full stop",
        "Dear Ms Lowe,\n\nThis is about the letter which we received from the Council\n26/12/2023.\n",
        None,
    ),
    Case(
        "date",
        "'Date of release' in a log entry",
        "Case reference FOI/24/0091\nDate of release: 7 March 2024\n\nRequest\n",
        "2024-03-07",
    ),
    Case(
        "date",
        "a bilingual date, the other language's first",
        "Ein Cyf / Our Ref: 2023-551\nDyddiad / Date: 3 Mawrth 2023 / 3 March 2023\n\nAnnwyl / Dear Ms Rhys,\n",
        "2023-03-03",
    ),
    Case(
        "date",
        "a bilingual date, ours first",
        "Date / Dyddiad: 4 May 2024 / 4 Mai 2024\n\nDear Sir,\n",
        "2024-05-04",
    ),
    Case(
        "date",
        "near miss: words and a slash before a date after a label in one language",
        "Date: see below / 4 May 2024\n\nDear Sir,\n",
        None,
    ),
]

LEGISLATION = [
    Case(
        "legislation",
        "the Freedom of Information Act 2000",
        "Your request has been dealt with under the Freedom of Information Act 2000.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "FOIA abbreviated",
        "We have considered your request under the FOIA.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "the Environmental Information Regulations on one line",
        "As your request concerns emissions from the depot, it has been handled under\n"
        "the Environmental Information Regulations 2004.\n",
        ("EIR",),
    ),
    Case(
        "legislation",
        "FOISA on one line, with a bare FOI",
        "Your FOI request has been handled under the\nFreedom of Information (Scotland) Act 2002.\n",
        ("FOISA",),
    ),
    Case(
        "legislation",
        "EIR rather than FOIA",
        "Your request has been considered under the EIR rather than the Freedom of\nInformation Act.\n",
        ("EIR",),
    ),
    Case(
        "legislation",
        "both UK regimes",
        "Parts of your request fall under the Freedom of Information Act 2000 and parts\n"
        "under the Environmental Information Regulations 2004.\n",
        ("FOIA", "EIR"),
    ),
    Case(
        "legislation",
        "EISR",
        "We have dealt with your request under the Environmental Information (Scotland)\nRegulations 2004 (EISR).\n",
        ("EISR",),
    ),
    Case(
        "legislation",
        "US FOIA by its statute",
        "This letter responds to your Freedom of Information Act request, 5 U.S.C. § 552.\n",
        ("US-FOIA",),
    ),
    Case(
        "legislation",
        "Illinois FOIA",
        "The Village has reviewed your request under the Illinois Freedom of Information\nAct, 5 ILCS 140.\n",
        ("IL-FOIA",),
    ),
    Case(
        "legislation",
        "EIR named only in the complaints boilerplate",
        "Your request has been dealt with under the Freedom of Information Act 2000.\n\n"
        "If you are dissatisfied with the handling of your request under the Freedom of\n"
        "Information Act or the Environmental Information Regulations, you may ask for an\n"
        "internal review.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "EIR as a reference prefix",
        "Our ref: EIR 24/061\n\nYour request has been handled under the Freedom of Information Act 2000.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "a law in the requester's words",
        "You asked: How many requests under the Environmental Information Regulations did\n"
        "the Council receive in 2023?\n\n"
        "Response: The Council received 212 such requests, under the FOIA.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "the Data Protection Act only",
        "Your request for your own records will be handled under the Data Protection Act\n"
        "2018 as a subject access request.\n",
        (),
    ),
    Case(
        "legislation",
        "the Environmental Information Regulations wrapped over two lines",
        "As your request concerns emissions, it has been handled under the Environmental\n"
        "Information Regulations 2004.\n",
        ("EIR",),
    ),
    Case(
        "legislation",
        "FOISA wrapped over two lines, with a bare FOI",
        "Your FOI request has been handled under the Freedom of Information (Scotland)\nAct 2002.\n",
        ("FOISA",),
    ),
    Case(
        "legislation",
        "an EIR letter whose reference starts FOI",
        "Our ref: FOI/2024/0193\n\nYour request has been handled under the Environmental Information Regulations 2004.\n",
        ("EIR",),
    ),
    Case(
        "legislation",
        "a kind of request named beside another law is not the law applied",
        "We did not take part in the survey of FOI/EIR requests. This reply is made under section 1 of\n"
        "the Freedom of Information Act 2000.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "an EIR letter that calls the request a Freedom of Information request",
        "Thank you for your Freedom of Information request. We have dealt with it under the\n"
        "Environmental Information Regulations 2004, as it concerns emissions.\n",
        ("EIR",),
    ),
    Case(
        "legislation",
        "a Scottish Government page that says only FOI",
        "Please see attached a copy of the information you requested.\n\n"
        "About FOI\nThe Scottish Government publishes its FOI responses at www.gov.scot.\n",
        ("FOISA",),
    ),
    Case(
        "legislation",
        "an English council page that says only FOI",
        "Please see attached a copy of the information you requested.\n\nAbout FOI\nWe publish FOI responses here.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "the FOI Act named beside one EIR mention",
        "We have withheld names under section 40(2) of the FOI Act. Environmental information is handled\n"
        "separately under the EIR.\n",
        ("FOIA", "EIR"),
    ),
    Case(
        "legislation",
        "an English department pointing to the Scottish Government",
        "This reply is made under the FOI Act. For devolved matters please contact the Scottish Government.\n",
        ("FOIA",),
    ),
    Case(
        "legislation",
        "a body that says it is not a public authority under the Act",
        'You headed your email "Freedom of Information request". We are not a public authority for the purposes\n'
        "of the Freedom of Information Act 2000.\n",
        (),
    ),
]

OUTCOME = [
    Case(
        "outcome",
        "please find attached",
        "Please find attached the information you requested.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "a figure given",
        "The Council issued 4,812 penalty charge notices in 2023.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "US records enclosed",
        "Your request is granted in full. The responsive records are enclosed.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "does not hold",
        "Harbury District Council does not hold the information you have requested.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "no recorded information is held",
        "Response: No recorded information is held on this subject.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "withheld in full under an exemption",
        "The contract pricing is exempt under section 43(2) of the Freedom of Information\n"
        "Act 2000 and is withheld in full.\n",
        "refused",
    ),
    Case(
        "outcome",
        "released with redactions",
        "Please find attached the contract. The unit prices have been redacted under\n"
        "section 43(2) of the Freedom of Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "outcome",
        "the cost limit",
        "We estimate that complying with your request would exceed the cost limit, so we\n"
        "are refusing it under section 12 of the Freedom of Information Act 2000.\n",
        "refused",
    ),
    Case(
        "outcome",
        "vexatious",
        "The Council considers this request vexatious and will not be responding further.\n",
        "refused",
    ),
    Case(
        "outcome",
        "US withheld under an exemption",
        "Your request was processed under 5 U.S.C. § 552. The draft memoranda are withheld\nin full under (b)(5).\n",
        "refused",
    ),
    Case(
        "outcome",
        "neither confirm nor deny whether records exist",
        "Westmarsh Police can neither confirm nor deny whether any such records exist, by\n"
        "virtue of section 30(3) of the Freedom of Information Act 2000.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "outcome",
        "no signal",
        "Thank you for your request, which we received on 3 May 2024.\n",
        "unknown",
    ),
    Case(
        "outcome",
        "neither confirm nor deny that it holds the information",
        "Westmarsh Police can neither confirm nor deny that it holds the information you\nrequested.\n",
        "neither_confirm_nor_deny",
    ),
    Case(
        "outcome",
        "not held under EIR regulation 12(4)(a)",
        "The Council does not hold this information, so regulation 12(4)(a) of the\n"
        "Environmental Information Regulations 2004 applies.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "not held, with a number in the advice",
        "The Council does not hold this information. You may wish to contact Westmarsh\n"
        "County Council, which maintains the roads in the 14 parishes.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "questions and answers in one block, both not held",
        "Q1. How many drones does the Council own?\nA1. The Council does not hold this information.\n\n"
        "Q2. How many pilots are trained?\nA2. The Council does not hold this information.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "refuse collection is not a refusal",
        "The Council's refuse collection service does not record missed bins by street.\n",
        "not_held",
    ),
    Case("outcome", "'hold no' across a line break", "We hold no\ninformation about this.\n", "not_held"),
    Case(
        "outcome",
        "'no record of' is not held",
        "We have no record of any letters sent to the highways authority about response times.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "a copy of the information",
        "Please see attached a copy of all the information you requested.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "'unable to provide' without an exemption is no refusal",
        "The Council did not take part in the survey and is therefore unable to provide a return.\n",
        "unknown",
    ),
    Case(
        "outcome",
        "a cost-limit refusal with figures in its reasoning",
        "We estimate that locating the 262 records would take 43 hours, which exceeds the cost limit under section 12 "
        "of the Freedom of Information Act 2000.\nWe are therefore refusing your request.\n",
        "refused",
    ),
    Case(
        "outcome",
        "documents released with redactions",
        "The documents are enclosed. Names of junior staff have been redacted under section 40(2) of the Freedom of "
        "Information Act 2000.\n",
        "partly_disclosed",
    ),
    Case(
        "outcome",
        "'please see below' before a not-held answer",
        "Please see below the answer to your request.\nWe have no record of any letters sent about response times.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "a nil answer is an answer",
        "The Council has not undertaken any refurbishment of its offices during 2023-24.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "there were none",
        "There were no prosecutions for fly-tipping in the borough in 2023.\n",
        "disclosed",
    ),
    Case(
        "outcome",
        "information not held in the breakdown asked for",
        "We cannot break our agency spend down by band or specialty.\n"
        "We hold budgets at the post level and not at agency level.\n",
        "not_held",
    ),
    Case(
        "outcome",
        "a vexatious refusal upheld, its reasons 'provided to you' before",
        "I have upheld the original refusal under section 14(1) of the Freedom of Information Act 2000.\n"
        "The explanation of why the exemption applied was provided to you in the original response.\n",
        "refused",
    ),
    Case(
        "outcome",
        "one part answered, another not held",
        "The council spent £6,240 on trolley collections in 2023-24. The council holds no record of the fees\n"
        "retailers pay to the contractor.\n",
        "partly_disclosed",
    ),
    Case(
        "outcome",
        "the rest disclosed to you beside an exemption",
        "Some information is withheld under section 43(2) of the Freedom of Information Act 2000. The rest of the\n"
        "information is disclosed to you in the spreadsheet accompanying this letter.\n",
        "partly_disclosed",
    ),
    Case(
        "outcome",
        "a figure given though it cannot be broken down",
        "The council issued 1,234 parking fines in 2022, but we cannot break this figure down by street.\n",
        "partly_disclosed",
    ),
    Case(
        "outcome",
        "a request closed for want of clarification",
        "As we have not received any clarification from you, your request has now been closed.\n",
        "unknown",
    ),
    Case(
        "outcome",
        "one part refused outright, another neither confirmed nor denied",
        "Question 1 is refused under sections 30(1) and 31(1)(a) of the Freedom of Information Act 2000.\n\n"
        "For question 2, the force can neither confirm nor deny that it holds the information, by virtue of\n"
        "section 23(5) and section 24(2).\n",
        "refused",
    ),
]

XFAIL: list[Any] = []  # none known today; add cases with pytest.mark.xfail(strict=True)

CASES = [
    pytest.param(c, id=f"{c.field}: {c.name}") for c in (*AUTHORITY, *REFERENCE, *DATE, *LEGISLATION, *OUTCOME)
] + XFAIL


def test_body_list_folds_as_the_build_script_does() -> None:
    """The shipped list is folded by ``tools/build_bodies.py``; candidates by ``metadata.fold_name``: the same way."""
    import importlib.util
    from pathlib import Path

    from foiparse.extract import metadata

    path = Path(__file__).resolve().parents[1] / "tools" / "build_bodies.py"
    spec = importlib.util.spec_from_file_location("build_bodies", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for name in ("The Cook County State’s Attorney’s Office", "Camden & Islington NHS Trust", "Moray Council"):
        assert build.fold_name(name) == metadata.fold_name(name)
    assert metadata.fold_name("Moray Council") in metadata._bodies()


def _value(response: FoiResponse, field: str) -> Value:
    if field == "authority":
        return response.authority.name if response.authority else None
    if field == "reference":
        return response.reference.id if response.reference else None
    if field == "date":
        return response.date
    if field == "legislation":
        return response.legislation
    return response.outcome


@pytest.mark.parametrize("case", CASES)
def test_metadata(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    assert _value(response, case.field) == case.expected
    text = response.text
    if case.field == "authority" and response.authority:
        assert text[response.authority.span[0] : response.authority.span[1]] == response.authority.name
    if case.field == "reference" and response.reference:
        assert text[response.reference.span[0] : response.reference.span[1]] == response.reference.text
    if case.field == "date" and response.date:
        assert response.date_span is not None
        written = text[response.date_span[0] : response.date_span[1]]
        us = any(law in ("US-FOIA", "IL-FOIA") for law in response.legislation)
        assert [d.iso for d in find_dates(written, month_first=us)] == [response.date]
