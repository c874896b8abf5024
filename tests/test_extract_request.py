"""The quoted request by example: each case a letter fragment, the request text and its numbers.

Positive cases quote the request after a cue in several wordings (a heading, inline
after a colon, at the end of a sentence, numbered, bulleted, a questions-and-answers
letter); near misses mention "your request" without quoting it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from foiparse import parse
from foiparse.extract.request import request_spans
from foiparse.model import Request


class Case(NamedTuple):
    name: str
    text: str
    expected: str | None  # the request text, None when the letter does not quote it
    numbers: tuple[str, ...] = ()  # the question numbers, as written


EXAMPLES = [
    Case(
        "You asked: inline",
        "Dear Ms Khan,\n\n"
        "You asked: How many pothole compensation claims did the Council pay in 2023?\n\n"
        "The Council paid 312 claims in 2023.\n",
        "How many pothole compensation claims did the Council pay in 2023?",
    ),
    Case(
        "You asked: inline, quoted",
        "You asked: “Please tell me how many fixed penalty notices were issued for\n"
        "littering in Harbury town centre in 2023.”\n\n"
        "We issued 1,118 such notices.\n",
        "Please tell me how many fixed penalty notices were issued for\nlittering in Harbury town centre in 2023.",
    ),
    Case(
        "Your request heading, request below",
        "Your request\n\n"
        "Please provide the number of stop and search encounters carried out in Harbury in\n"
        "2023, broken down by the ethnicity of the person searched.\n\n"
        "Our response\n\n"
        "The figures are attached.\n",
        "Please provide the number of stop and search encounters carried out in Harbury in\n"
        "2023, broken down by the ethnicity of the person searched.",
    ),
    Case(
        "Request: heading with a numbered list",
        "Request:\n"
        "1. How many mental health nurses did the Trust employ on 31 March 2024?\n"
        "2. How many vacancies for mental health nurses were there on that date?\n"
        "3. How much did the Trust spend on agency mental health nurses in 2023/24?\n\n"
        "Response:\n"
        "Please see the table below.\n",
        "1. How many mental health nurses did the Trust employ on 31 March 2024?\n"
        "2. How many vacancies for mental health nurses were there on that date?\n"
        "3. How much did the Trust spend on agency mental health nurses in 2023/24?",
        ("1", "2", "3"),
    ),
    Case(
        "I note you seek access to the following information (Scotland)",
        "I note you seek access to the following information:\n\n"
        "“Copies of the minutes of the Roads and Infrastructure Committee held in 2023.”\n\n"
        "The minutes are published on the Council's website.\n",
        "Copies of the minutes of the Roads and Infrastructure Committee held in 2023.",
    ),
    Case(
        "In your email of <date>, you asked for the following information",
        "In your email of 4 March 2024, you asked for the following information:\n\n"
        "(a) the number of taxi licences issued in 2023; and\n"
        "(b) the number of taxi licences revoked in 2023.\n\n"
        "The Council issued 214 licences and revoked 6.\n",
        "(a) the number of taxi licences issued in 2023; and\n(b) the number of taxi licences revoked in 2023.",
        ("a", "b"),
    ),
    Case(
        "You requested the following information, bulleted",
        "You requested the following information:\n"
        "- the total spent on taxis for staff travel in 2023\n"
        "- the number of taxi journeys booked in 2023\n\n"
        "We spent £18,240 on 1,406 journeys.\n",
        "- the total spent on taxis for staff travel in 2023\n- the number of taxi journeys booked in 2023",
    ),
    Case(
        "roman-numbered parts",
        "Your request:\n"
        "(i) the number of school exclusions in 2022/23;\n"
        "(ii) the number of those exclusions that were permanent.\n\n"
        "Our response:\n"
        "The figures are 412 and 19 respectively.\n",
        "(i) the number of school exclusions in 2022/23;\n(ii) the number of those exclusions that were permanent.",
        ("i", "ii"),
    ),
    Case(
        "Summary of request: inline",
        "Summary of request: The number of fire safety inspections carried out at care homes\n"
        "in each of the last three years.\n\n"
        "The Service carried out 96, 104 and 121 inspections respectively.\n",
        "The number of fire safety inspections carried out at care homes\nin each of the last three years.",
    ),
    Case(
        "Information requested: heading",
        "Information requested\n\n"
        "All correspondence between the Department and the contractor about the delay to\n"
        "the Westgate bridge works between 1 January and 30 June 2023.\n\n"
        "Response\n\n"
        "The correspondence is attached with personal data removed.\n",
        "All correspondence between the Department and the contractor about the delay to\n"
        "the Westgate bridge works between 1 January and 30 June 2023.",
    ),
    Case(
        "a dated lead-in under the cue",
        "Request\n\n"
        "On 12 February 2024 you asked:\n\n"
        "How many CCTV cameras does the Council operate in Perth city centre?\n\n"
        "Response\n\n"
        "The Council operates 14 cameras there.\n",
        "How many CCTV cameras does the Council operate in Perth city centre?",
    ),
    Case(
        "Q1/A1 questions-and-answers letter",
        "Q1. How many households were on the housing register on 31 March 2024?\n"
        "A1. There were 6,418 households.\n\n"
        "Q2. How many of them were in Band A?\n"
        "A2. 512 households were in Band A.\n",
        "How many households were on the housing register on 31 March 2024?\nHow many of them were in Band A?",
        ("Q1", "Q2"),
    ),
    Case(
        "Q1 with Response: answers",
        "Q1 What was the Trust's spend on interpreters in 2023?\n"
        "Response: £86,400.\n\n"
        "Q2 How many languages were interpreted?\n"
        "Response: 47.\n\n"
        "Q3 Which supplier holds the contract?\n"
        "Response: Lingua Health Ltd.\n",
        "What was the Trust's spend on interpreters in 2023?\n"
        "How many languages were interpreted?\n"
        "Which supplier holds the contract?",
        ("Q1", "Q2", "Q3"),
    ),
    Case(
        "the request at the end of a sentence, colon",
        "Thank you for your email of 2 May 2024, in which you made the following request:\n\n"
        "Please send me the Council's policy on the removal of abandoned vehicles.\n\n"
        "The policy is attached.\n",
        "Please send me the Council's policy on the removal of abandoned vehicles.",
    ),
    Case(
        "You asked for the following: then a numbered list",
        "You asked for the following:\n\n"
        "1. The number of residents' parking permits issued in 2023.\n"
        "2. The income from those permits.\n\n"
        "Response\n\n"
        "The Council issued 5,210 permits, bringing in £312,600.\n",
        "1. The number of residents' parking permits issued in 2023.\n2. The income from those permits.",
        ("1", "2"),
    ),
    Case(
        "a numbered question wrapped over two lines",
        "Your request:\n"
        "1. How many paramedics left the Ambulance Service in 2023, broken down by\n"
        "   their length of service?\n"
        "2. How many paramedics joined the Ambulance Service in 2023?\n\n"
        "Our response:\n"
        "The figures are attached.\n",
        "1. How many paramedics left the Ambulance Service in 2023, broken down by\n"
        "   their length of service?\n"
        "2. How many paramedics joined the Ambulance Service in 2023?",
        ("1", "2"),
    ),
    Case(
        "You requested: police, neither confirm nor deny",
        "You requested:\n"
        "Any records of complaints made against the officer who policed the Harbury\n"
        "carnival in August 2022.\n\n"
        "Response:\n"
        "Westmarsh Police can neither confirm nor deny that it holds this information.\n",
        "Any records of complaints made against the officer who policed the Harbury\ncarnival in August 2022.",
    ),
    Case(
        "Your request was as follows:",
        "Your request was as follows:\n\n"
        "Please provide the number of dog fouling fines issued in each ward in 2023.\n\n"
        "We issued 44 fines in total.\n",
        "Please provide the number of dog fouling fines issued in each ward in 2023.",
    ),
    Case(
        "You requested the following records: (US agency)",
        "You requested the following records:\n\n"
        "All emails sent by the Director of Public Works about the Elm Street culvert\n"
        "between January 1, 2023 and March 31, 2023.\n\n"
        "The Department located 212 pages of responsive records.\n",
        "All emails sent by the Director of Public Works about the Elm Street culvert\n"
        "between January 1, 2023 and March 31, 2023.",
    ),
    Case(
        "You wrote: and a quoted request",
        "You wrote:\n\n"
        '"Please tell me how many noise complaints the Council received in 2023."\n\n'
        "The Council received 1,043 noise complaints in 2023.\n",
        "Please tell me how many noise complaints the Council received in 2023.",
    ),
    Case(
        "Your request is reproduced below:",
        "Your request is reproduced below:\n\n"
        "Please tell me how many Blue Badges the Council issued in 2023.\n\n"
        "The Council issued 3,127 Blue Badges.\n",
        "Please tell me how many Blue Badges the Council issued in 2023.",
    ),
    Case(
        "Specifically, you asked:",
        "Specifically, you asked:\n\n"
        "How many drivers were caught by the bus lane camera on Station Road in 2023?\n\n"
        "The camera recorded 3,914 contraventions.\n",
        "How many drivers were caught by the bus lane camera on Station Road in 2023?",
    ),
    Case(
        "a cue line inside a page without blank lines",
        "Freedom of Information Request - Ref: FOI 2231-2024\n"
        "Thank you for your recent request. Please find our response below.\n"
        "You asked:\n"
        "How many electric vehicle charging points does the Trust operate?\n"
        "Our response:\n"
        "The Trust operates 14 charging points.\n",
        "How many electric vehicle charging points does the Trust operate?",
    ),
    Case(
        "a lead-in with a clause before its colon",
        "Thank you for your request received on 4 May 2024.\n"
        "Specifically you asked the following, further to your earlier request:\n"
        "\u201cPlease provide the minutes of the parking board since March 2023.\u201d\n"
        "I can confirm that we hold the information you require.\n",
        "Please provide the minutes of the parking board since March 2023.",
    ),
    Case(
        "a lead-in paragraph ending 'requesting:'",
        "Dear Requester\n\nThank you for your letter dated 3rd June 2024, requesting:\n\n"
        "'Copies of the minutes of the harbour board for 2023.'\n\nWe enclose the minutes.\n",
        "Copies of the minutes of the harbour board for 2023.",
    ),
    Case(
        "a quoted request over several paragraphs",
        "Thank you for your letter, requesting:\n\n"
        "'Please tell me whether the Council took part in the 2023 survey.\n\n"
        "If it did, please send me its survey return.'\n\n"
        "Response\n\nThe Council did not take part.\n",
        "Please tell me whether the Council took part in the 2023 survey.\n\nIf it did, please send me its survey return.",
    ),
    Case(
        "the information you requested was as follows:",
        "I refer to your request for information received on 2 April 2024.\n\n"
        "The exact information you requested was as follows:\n"
        "The names of the contractors who cleaned the bus station in 2023\n"
        "The value of each cleaning contract\n"
        "In response, the contracts register is published on our website.\n",
        "The names of the contractors who cleaned the bus station in 2023\nThe value of each cleaning contract",
    ),
    Case(
        "a questions-and-response heading over several asking paragraphs",
        "Questions and final response:\n\n"
        "Could you please send me every report on flooding at Mill Lane since 2020?\n\n"
        "This should be limited to reports written by the drainage team.\n\n"
        "If any report names a contractor, could you also tell me which one?\n\n"
        "We hold two reports, which are attached.\n",
        "Could you please send me every report on flooding at Mill Lane since 2020?\n\n"
        "This should be limited to reports written by the drainage team.\n\n"
        "If any report names a contractor, could you also tell me which one?",
    ),
    Case(
        "a disclosure-log entry with no cue, the answer under a Response line",
        "FOI request (FOIR-55120)\n"
        "Street lighting\n"
        "Requested Mon 3 June 2024\n"
        "Responded Fri 14 June 2024\n"
        "I would like to know how many street lights were converted to LED in 2023.\n"
        "Please also confirm the cost of the conversion programme.\n"
        "Response\n"
        "The Council converted 2,140 street lights at a cost of £512,000.\n",
        "I would like to know how many street lights were converted to LED in 2023.\n"
        "Please also confirm the cost of the conversion programme.",
    ),
    Case(
        "a questionnaire: each bulleted question followed by its answer",
        "Records management survey\n"
        "- Which system do you use to store case files?\n"
        " CaseStore 4\n"
        "- How many case files do you hold?\n"
        " 18,400\n"
        "- Do you scan paper records on arrival?\n"
        " Yes\n",
        "Which system do you use to store case files?\n"
        "How many case files do you hold?\n"
        "Do you scan paper records on arrival?",
        ("1", "2", "3"),
    ),
    Case(
        "an imperative request with its breakdown list, answered below",
        "Freedom of Information Request ID\n"
        "20117\n"
        "For the year 2023/24 please provide a breakdown of:\n"
        "- Total spend on interpreters\n"
        "- Spend per language\n"
        "This information is published in our annual report.\n",
        "For the year 2023/24 please provide a breakdown of:\n- Total spend on interpreters\n- Spend per language",
    ),
    Case(
        "a letter that answers a quoted question and then a second one",
        "How many school crossing patrols did the Council fund in 2023/24?\n"
        "The Council funded 41 patrols.\n"
        "What was the total cost of those patrols?\n"
        "The total cost was £388,000.\n",
        "How many school crossing patrols did the Council fund in 2023/24?\nWhat was the total cost of those patrols?",
        ("1", "2"),
    ),
    Case(
        "a request quoted inside the letter's sentence",
        "Thank you for your request of 11 March 2024 asking for \u201cthe minutes of any meeting at which the\n"
        "council discussed closing the Hexley toilets.\u201d We hold no such minutes.\n",
        "the minutes of any meeting at which the\ncouncil discussed closing the Hexley toilets.",
    ),
    Case(
        'you requested "..." after a US-style opening',
        'This letter responds to your request dated May 30, 2024. You requested "all incident reports concerning\n'
        'the barge collision at Lock 19 in March 2023." We located 14 pages.\n',
        "all incident reports concerning\nthe barge collision at Lock 19 in March 2023.",
    ),
    Case(
        "the letter's own summary of the request",
        "Dear Ms Moss,\n\nYou asked for the number of officers issued with body-worn cameras as of 1 June 2023\n"
        "and the amount spent on them.\n\nThe force issued 1,240 cameras.\n",
        "the number of officers issued with body-worn cameras as of 1 June 2023\nand the amount spent on them.",
    ),
    Case(
        "a cue with a clause inside it",
        "Your request, received on 30 October 2024, was as follows:\n\n"
        "All correspondence with Harrow Aggregates about the quarry since 2019.\n\nWe hold 212 documents.\n",
        "All correspondence with Harrow Aggregates about the quarry since 2019.",
    ),
    Case(
        "a qualifier after the question mark stays with the question",
        "You asked:\n1. How many fly-tipping reports did the council receive in 2022? Covering all 12 wards.\n"
        "2. Please provide copies of any letters sent to residents about the\nfly-tipping on our street since we complained.\n\n"
        "The council received 1,204 reports.\n",
        "1. How many fly-tipping reports did the council receive in 2022? Covering all 12 wards.\n"
        "2. Please provide copies of any letters sent to residents about the\nfly-tipping on our street since we complained.",
        ("1", "2"),
    ),
    Case(
        "a request written as 'we'",
        "You asked:\nPlease provide the number of air quality monitors in the borough.\n"
        "We would also like the annual NO2 readings from each monitor for 2022.\n\nThe Council has 14 monitors.\n",
        "Please provide the number of air quality monitors in the borough.\n"
        "We would also like the annual NO2 readings from each monitor for 2022.",
    ),
    Case(
        "same-line questions and answers",
        "How many parking fines did the council issue in 2022? 1,234 were issued.\n"
        "How many were cancelled on appeal? 56 were cancelled.\n",
        "How many parking fines did the council issue in 2022?\nHow many were cancelled on appeal?",
        ("1", "2"),
    ),
    Case(
        "a year range wrapped onto the next line stays in the question",
        "You asked:\n1. How many crimes were recorded on hospital grounds in the years\n2019/20 to 2023/24?\n"
        "2. Please break them down by hospital.\n\nThe force recorded 2,500 crimes.\n",
        "1. How many crimes were recorded on hospital grounds in the years\n2019/20 to 2023/24?\n"
        "2. Please break them down by hospital.",
        ("1", "2"),
    ),
    Case(
        "a summary in the present tense ending in a closing quotation mark",
        "Dear Mr Ames,\n\nYou ask for all notices the Office issued in 2015 with \u201cthe amounts and types of property\n"
        "seized.\u201d\n\nI am refusing your request.\n",
        "all notices the Office issued in 2015 with \u201cthe amounts and types of property\nseized.",
    ),
    Case(
        "interleaved: numbered parts, each followed by its answer",
        "Dear Ms Okafor,\n"
        "Thank you for your request for information about school crossing patrols which we received\n"
        "on 02/05/2024.\n"
        "Please find the Council's response to your request set out below:\n"
        "1. The number of school crossing patrol sites your authority funded in each of the last\n"
        "three school years.\n"
        "41 sites in each year.\n"
        "2. The annual cost of the service for each of those years. If the cost is shared with\n"
        "schools, please provide the share each paid.\n"
        "We do not hold a breakdown of costs by year.\n"
        "If you have any queries about this response, please contact us.\n",
        "1. The number of school crossing patrol sites your authority funded in each of the last\n"
        "three school years.\n"
        "2. The annual cost of the service for each of those years. If the cost is shared with\n"
        "schools, please provide the share each paid.",
        ("1", "2"),
    ),
    Case(
        "interleaved: questions without question marks after the acknowledgement",
        "Dear Mr Reyes\n"
        "Thank you for your request for information relating to bus shelters which we received on 09/01/2025.\n"
        "How many bus shelters the Council maintains\n"
        "The Council maintains 312 shelters.\n"
        "How many were damaged by vandalism in 2024\n"
        "There were 57 reports of damage in 2024.\n"
        "If you have any queries about this response, please contact us.\n",
        "How many bus shelters the Council maintains\nHow many were damaged by vandalism in 2024",
        ("1", "2"),
    ),
    Case(
        "interleaved: Question N labels, unmarked answers",
        "Please see our response below:\n"
        "Question 1\n"
        "Do you use your own staff or contractors to empty litter bins in parks\n"
        "Litter bins are emptied by our own grounds team.\n"
        "Question 2\n"
        "How often are the bins in Castle Park emptied?\n"
        "Daily between April and September, otherwise twice a week.\n"
        "Kind regards,\n",
        "Do you use your own staff or contractors to empty litter bins in parks\n"
        "How often are the bins in Castle Park emptied?",
        ("1", "2"),
    ),
    Case(
        "interleaved: an item with its answer after the full stop",
        "Please find our response set out below:\n"
        "1. The number of your staff who work fully from home. We do not hold this information.\n"
        "2. The number of your staff who work in the office on some days of the week.\n"
        "We do not hold this information either.\n"
        "Yours sincerely,\n",
        "1. The number of your staff who work fully from home.\n"
        "2. The number of your staff who work in the office on some days of the week.",
        ("1", "2"),
    ),
    Case(
        "US letter: you are seeking the following, over several paragraphs",
        "Dear Ms. Lindqvist:\n\n"
        "The Department is in receipt of your Freedom of Information Act request. In your request you\n"
        "indicate that you are seeking the following:\n\n"
        "Pursuant to the state Freedom of Information Act, I hereby request the following records:\n\n"
        "Invoices for the repair of marked patrol vehicles paid in 2014.\n\n"
        "Invoice 4471 dated 03/02/2014\n"
        "Invoice 4490 dated 03/09/2014\n\n"
        "Your request was reviewed by the undersigned in consultation with the Fleet Division.\n",
        "Pursuant to the state Freedom of Information Act, I hereby request the following records:\n\n"
        "Invoices for the repair of marked patrol vehicles paid in 2014.\n\n"
        "Invoice 4471 dated 03/02/2014\n"
        "Invoice 4490 dated 03/09/2014",
    ),
    Case(
        "US letter: in receipt of your request for:",
        "Dear Mr. Abara:\n"
        "The Office is in receipt of your Freedom of Information Act (FOIA) request for:\n\n"
        "Records showing the overtime paid to building inspectors in 2019 and 2020.\n\n"
        "On June 3, 2021, the Office sought a five day extension to respond to your request.\n",
        "Records showing the overtime paid to building inspectors in 2019 and 2020.",
    ),
    Case(
        "You requested: inline, inside a block, up to Our response",
        "Dear Mr Dunn,\n"
        "Thank you for your request for information which we received on 04/10/2023.\n"
        "You requested: The number of street trees felled in the borough in 2022 and the\n"
        "reason recorded for each felling.\n"
        "Our response: 214 trees were felled in 2022; the reasons are in the attached list.\n",
        "The number of street trees felled in the borough in 2022 and the\nreason recorded for each felling.",
    ),
    Case(
        "cue heading carrying the date the request came",
        "Your Request Received 3/2/2024\n"
        "Please provide the number of complaints about noise from licensed premises in 2023.\n"
        "Our Response Sent 1/3/2024\n"
        "We received 86 such complaints.\n",
        "Please provide the number of complaints about noise from licensed premises in 2023.",
    ),
    Case(
        "US letter: your request seeks the following records",
        "The Department received a records request from you on May 2, 2024. Your request seeks the following records:\n\n"
        '"All contracts between the Department and towing companies in force on January 1, 2024."\n\n'
        "The Department has located 12 pages of responsive records.\n",
        "All contracts between the Department and towing companies in force on January 1, 2024.",
    ),
    Case(
        "US letter: responding to your request seeking:, with o bullets",
        "Dear Ms. Varga:\n\n"
        "We are now timely responding to your request seeking:\n\n"
        "   salary records for every firefighter employed in 2016, with:\n"
        "      o   Last name\n"
        "      o   Annual salary\n\n"
        "In response to your request, the Department is releasing the attached spreadsheet.\n",
        "salary records for every firefighter employed in 2016, with:\n      o   Last name\n      o   Annual salary",
    ),
    Case(
        "numbered questions without question marks, asked of you",
        "FOI request 2291\n\n"
        "1) How many complaints about missed bin collections have you received in each of the last 3 years\n\n"
        "2) How many of those complaints did you uphold\n\n"
        "Response\n\n"
        "Please see the attached spreadsheet.\n",
        "1) How many complaints about missed bin collections have you received in each of the last 3 years\n"
        "2) How many of those complaints did you uphold",
        ("1", "2"),
    ),
    Case(
        "a form's row: You Requested:<tab>the request",
        "Harbury District Council\nFreedom of Information request\n\n"
        "Reference Number:\tFOI2024-1187\t12 June 2024\n"
        "Date Received:\t30 May 2024\n"
        "You Requested:\tPlease provide copies of the contracts for the maintenance of the district's public "
        "toilets in force during 2023.\n"
        "Our Response:\tThe contracts are attached.\n",
        "Please provide copies of the contracts for the maintenance of the district's public toilets in force "
        "during 2023.",
    ),
    Case(
        "a review's table: one Request<tab>row per question",
        "Your request of 3 March 2024 asked for two pieces of information:\n\n"
        "Question 1\tQuestion 1\n"
        "Request\tThe number of planning enforcement notices the Council served in 2023.\n"
        "Original response\tWe served 37 notices.\n"
        "Question 2\tQuestion 2\n"
        "Request\tThe number of those notices that were appealed to the Planning Inspectorate.\n"
        "Original response\tThis information is not held.\n",
        "The number of planning enforcement notices the Council served in 2023.\n"
        "The number of those notices that were appealed to the Planning Inspectorate.",
        ("1", "2"),
    ),
    Case(
        "a request paragraph, then its bullets after blank lines",
        "In your request, you asked for:\n\n"
        "records about the Council's use of automated decision systems in housing allocation. This could include:\n\n"
        "·     Any reports or evaluations of the systems.\n\n"
        "·     Any contracts relating to the systems.\n\n"
        "Our response:\n\n"
        "The Council does not use such systems.\n",
        "records about the Council's use of automated decision systems in housing allocation. This could include:\n\n"
        "·     Any reports or evaluations of the systems.\n\n"
        "·     Any contracts relating to the systems.",
    ),
    Case(
        "a labelled question, then a follow-up question in its own paragraph",
        "Questions and final response:\n\n"
        "Question 1 – How many chimney fires did the Service attend in 2023.\n\n"
        "Could you also give the figure for 2022?\n\n"
        "Please find the figures below:\n\n"
        "2023: 212\n",
        "Question 1 – How many chimney fires did the Service attend in 2023.\n\n"
        "Could you also give the figure for 2022?",
    ),
    Case(
        "a requester's message that only mentions internal reviews is still the request",
        "Dear Harbourside Council,\n"
        "Please provide the records you hold about the handling of my earlier request, including\n"
        "any notes made when the internal review of it was carried out.\n"
        "Yours faithfully,\n"
        "J. Moss\n",
        "Please provide the records you hold about the handling of my earlier request, including\n"
        "any notes made when the internal review of it was carried out.",
    ),
    # ---- round 2: the request quoted inside the letter's own sentence, after a request noun or "you asked"
    Case(
        "I refer to your request of <date> for quoted",
        'Dear Mr Okafor,\n\nI refer to your request of 14 February 2024 for "the number of fixed penalty notices '
        'issued for fly-tipping in Harbury in 2023".\n\nThe Council issued 211 such notices.\n',
        "the number of fixed penalty notices issued for fly-tipping in Harbury in 2023",
    ),
    Case(
        "Thank you for your request of <date> for curly-quoted",
        "Thank you for your request of 3 July 2024 for “copies of the minutes of the Harbury Bridge\n"
        "steering group meetings held in 2023”.\n\nThe minutes are attached.\n",
        "copies of the minutes of the Harbury Bridge\nsteering group meetings held in 2023",
    ),
    Case(
        "Your request sought quoted (US)",
        'Dear Ms Alvarez:\n\nThis letter responds to your request dated May 2, 2024. Your request sought "all e-mails '
        'between the Parks Division and Lakeview Turf LLC concerning the Riverside field contract."\n\n'
        "The Department located 18 pages of responsive records.\n",
        "all e-mails between the Parks Division and Lakeview Turf LLC concerning the Riverside field contract.",
    ),
    Case(
        "Your request dated <US date> sought: quotation in the block below",
        "Your request dated March 4, 2024 sought:\n\n"
        '"the number of building permits issued for rooftop solar panels in the 12th Ward in 2023."\n\n'
        "The Department issued 96 such permits.\n",
        "the number of building permits issued for rooftop solar panels in the 12th Ward in 2023.",
    ),
    Case(
        "FOIL: a request the agency construed as a quotation",
        "This letter responds to your FOIL request No. 2024-0412 which the Department construed as\n"
        "“Any and all records of inspections of the Elm Street shelter in 2023”.\n\n"
        "The Department has located 12 pages of records.\n",
        "Any and all records of inspections of the Elm Street shelter in 2023",
    ),
    Case(
        "a request 'which sought:' running to the end of its sentence",
        "On or about May 6, 2024, you submitted FOIL request no. R-2024-118 to the Office, which sought: copies of "
        "all invoices paid to Harbury Fencing Ltd. in 2023. The Office granted the request in part.\n",
        "copies of all invoices paid to Harbury Fencing Ltd. in 2023.",
    ),
    Case(
        "Your e-mail of <date> asked: the request in the block below",
        "Your e-mail of 9 April 2024 asked:\n\n"
        "Please provide the number of school crossing patrols the Council funded in each year since 2020.\n\n"
        "The Council funded 41 patrols in each of those years.\n",
        "Please provide the number of school crossing patrols the Council funded in each year since 2020.",
    ),
    Case(
        "Your request was for single curly quotes",
        "Your request was for ‘the total the Council spent on agency social workers in 2023’.\n\n"
        "The Council spent £1.2 million.\n",
        "the total the Council spent on agency social workers in 2023",
    ),
    Case(
        "in which you asked for quoted",
        'Thank you for your e-mail of 2 June, in which you asked for "the dates of every Harbury Licensing '
        'Committee meeting cancelled since 2022".\n\nNo meetings were cancelled.\n',
        "the dates of every Harbury Licensing Committee meeting cancelled since 2022",
    ),
    Case(
        "your request regarding quoted (Ireland)",
        "I refer to your request under the Freedom of Information Act 2014, received on 3 May 2024, regarding "
        "'the number of social housing units allocated in Harbury in 2023'.\n\n"
        "The Council allocated 212 units.\n",
        "the number of social housing units allocated in Harbury in 2023",
    ),
    Case(
        "Request Summary: heading",
        "Request Summary:\nThe number of parking fines issued on Harbury High Street in 2023.\n\nResponse:\nWe issued 1,204 fines.\n",
        "The number of parking fines issued on Harbury High Street in 2023.",
    ),
    Case(
        "Your request read as follows:",
        "Your request read as follows:\n\n"
        "Please provide the number of empty council homes in Harbury on 1 April 2024.\n\n"
        "The Council had 88 empty homes on that date.\n",
        "Please provide the number of empty council homes in Harbury on 1 April 2024.",
    ),
    Case(
        "Description of Records Sought: inline (US form)",
        "Description of Records Sought: All contracts between the Village and Apex Towing for 2022 and 2023.\n\n"
        "The Village located two contracts, enclosed.\n",
        "All contracts between the Village and Apex Towing for 2022 and 2023.",
    ),
    Case(
        "You made the following request: quoted block",
        "Dear Ms Byrne,\n\nYou made the following request:\n\n"
        '"Copies of all correspondence between the Council and the Harbury Marina Company in 2023."\n\n'
        "The correspondence is attached.\n",
        "Copies of all correspondence between the Council and the Harbury Marina Company in 2023.",
    ),
    Case(
        "We received your request on <date> for the following information:",
        "We received your request on 3 May 2024 for the following information:\n\n"
        "The number of trees felled by the Council in Harbury Park in 2023.\n\nThe Council felled 14 trees.\n",
        "The number of trees felled by the Council in Harbury Park in 2023.",
    ),
    Case(
        "You requested copies of ... (US paraphrase)",
        "Dear Mr Lee:\n\nYou requested copies of all police reports concerning the fire at 12 Elm Street on "
        "June 3, 2023. The Department has located 2 reports, enclosed.\n",
        "copies of all police reports concerning the fire at 12 Elm Street on June 3, 2023.",
    ),
    Case(
        "in which you asked whether ...",
        "Thank you for your email of 2 May 2024 in which you asked whether the Council holds a register of "
        "private water supplies in Harbury.\n\nThe Council holds such a register; it is attached.\n",
        "whether the Council holds a register of private water supplies in Harbury.",
    ),
    Case(
        "You asked us to provide ...",
        "You asked us to provide the number of fly-tipping incidents in Harbury in 2023.\n\nThere were 912 incidents.\n",
        "the number of fly-tipping incidents in Harbury in 2023.",
    ),
    Case(
        "Your request seeks: to the end of the sentence (US)",
        "Your request seeks: all emails between the Mayor and the Parks Director concerning the Elm Street pool "
        "in 2024. The City located 14 pages.\n",
        "all emails between the Mayor and the Parks Director concerning the Elm Street pool in 2024.",
    ),
    Case(
        "What you asked for heading",
        "What you asked for\n\nThe number of CCTV cameras operated by the Council in Harbury town centre.\n\n"
        "What we are providing\n\nThe Council operates 46 cameras.\n",
        "The number of CCTV cameras operated by the Council in Harbury town centre.",
    ),
    Case(
        "answers numbered as the questions, after a gap, are not parts",
        "Your request was received on 3 May 2024 and you asked:\n\n"
        "1. How many bus shelters does the Council maintain?\n2. How many were vandalised in 2023?\n\n"
        "1. 412\n2. 37\n",
        "1. How many bus shelters does the Council maintain?\n2. How many were vandalised in 2023?",
        ("1", "2"),
    ),
    Case(
        "a disclosure-log entry: context sentences between the asks are kept",
        "FOI request FOI-2291\nRequested 3 May 2024\n\n"
        "This is an information request about the Council's fleet of electric vans.\n"
        "Please provide the following for 2023/24:\n"
        "1. The number of electric vans owned.\n"
        "2. The total spent on charging them.\n"
        "Vans leased rather than owned should be counted too.\n"
        "Please give figures for the whole Council.\n\n"
        "Response\n\nThe Council owns 42 electric vans and spent £61,000 on charging.\n",
        "This is an information request about the Council's fleet of electric vans.\n"
        "Please provide the following for 2023/24:\n"
        "1. The number of electric vans owned.\n"
        "2. The total spent on charging them.\n"
        "Vans leased rather than owned should be counted too.\n"
        "Please give figures for the whole Council.",
        ("1", "2"),
    ),
    Case(
        "FOIL: 'your Freedom of Information Law (\"FOIL\") request No. ... which the Department construed as'",
        "This responds to your Freedom of Information Law (“FOIL”)\nrequest No. 2024-0088 which the Department "
        "construed as\n“Any and all records of the Harbury pier inspection (2023)”\nThe Department located no records.\n",
        "Any and all records of the Harbury pier inspection (2023)",
    ),
    Case(
        "a Request heading repeated before each part, a Response heading after it",
        "Request\n1. How many CCTV cameras does the Council operate?\nResponse\n1. The Council operates 212 cameras.\n"
        "Request\n2. How many were faulty on 1 April 2024?\nResponse\n2. 14 were faulty.\n",
        "1. How many CCTV cameras does the Council operate?\n2. How many were faulty on 1 April 2024?",
        ("1", "2"),
    ),
    Case(
        "you requested information regarding quoted",
        'You requested information regarding "the cost of the new Harbury library roof". The roof cost £412,000.\n',
        "the cost of the new Harbury library roof",
    ),
    Case(
        "you sought information on ... (paraphrase)",
        "You sought information on the number of parking permits issued to Harbury residents in 2023. "
        "The Council issued 5,120 permits.\n",
        "information on the number of parking permits issued to Harbury residents in 2023.",
    ),
    Case(
        "a request/response grid drawn with | and +---+, cells over several lines",
        "Our response to each part is set out below.\n\n"
        "+---------------------------------------+---------------------------+\n"
        "| Your request                          | Our response              |\n"
        "+---------------------------------------+---------------------------+\n"
        "| 1. How many parking bays for disabled | 118 bays.                 |\n"
        "| drivers are there in Harbury?         |                           |\n"
        "+---------------------------------------+---------------------------+\n"
        "| 2. How many blue badges were issued   | Not held.                 |\n"
        "| in 2023?                              |                           |\n"
        "+---------------------------------------+---------------------------+\n",
        "1. How many parking bays for disabled\ndrivers are there in Harbury?\n2. How many blue badges were issued\nin 2023?",
        ("1", "2"),
    ),
    Case(
        "a markdown grid with a Question column and a Response column",
        "| Question | Response |\n"
        "|---|---|\n"
        "| How many allotment plots does the Council let? | 640 plots |\n"
        "| How long is the waiting list? | 212 people |\n",
        "How many allotment plots does the Council let?\nHow long is the waiting list?",
        ("1", "2"),
    ),
    Case(
        "each part followed by a labelled answer ('Trust response:')",
        "Thank you for your request for information.\n\nYou asked:\n"
        "1. Does the Trust use agency radiographers?\nTrust response: Yes.\n"
        "2. How many agency radiographers did the Trust use in 2023?\nTrust response: 42.\n\n"
        "Yours sincerely,\nFOI Team\n",
        "1. Does the Trust use agency radiographers?\n2. How many agency radiographers did the Trust use in 2023?",
        ("1", "2"),
    ),
    Case(
        "the answer right under the question, no blank line between",
        "Your request:\nHow many public toilets does the Council maintain?\nThe Council maintains 14 public toilets.\n",
        "How many public toilets does the Council maintain?",
    ),
    Case(
        "'Specifically, we are requesting:' (an organisation asking)",
        "Dear Sir or Madam\n\nThis request concerns the Harbury parking permit database.\n\n"
        "Specifically, we are requesting:\n\n"
        "- any contracts with the supplier of the database;\n\n"
        "- any reports on how the database is audited.\n\n"
        "Yours faithfully\nHarbury Transparency Group\n",
        "This request concerns the Harbury parking permit database.\nSpecifically, we are requesting:\n"
        "any contracts with the supplier of the database;\nany reports on how the database is audited.",
        ("1", "2", "3", "4"),  # gathered passage by passage
    ),
    Case(
        "'I write in response to your request ..., which read:' introduces the request",
        "I write in response to your request for information, received on 3 May 2024, which read:\n\n"
        "Please provide the number of library members in Harbury on 1 April 2024.\n\n"
        "There were 8,120 members on that date.\n",
        "Please provide the number of library members in Harbury on 1 April 2024.",
    ),
    Case(
        "a review letter: the request quoted in its account of what happened",
        'Internal review of FOI 2024-118\n\nOn 2 May 2024 you asked for "the number of complaints about the Harbury '
        'crematorium in 2023". On 30 May we refused the request under section 12. On 3 June you asked for an '
        "internal review.\n\nI have reviewed the decision and uphold it.\n",
        "the number of complaints about the Harbury crematorium in 2023",
    ),
    Case(
        "a page footer with contact details after a run-on request is not part of it",
        "In your request you indicate that you are seeking the following:\n\n"
        "Copies of all invoices paid to Lakeview Towing in 2023.\n\n"
        "Copies of all contracts with Lakeview Towing in force in 2023.\n\n"
        "Non-emergency: (312) 555-0100 - E-mail: records@harbury.example.gov - www.harbury.example.gov\n\n"
        "Your request was reviewed by the Records Unit.\n",
        "Copies of all invoices paid to Lakeview Towing in 2023.\n\nCopies of all contracts with Lakeview Towing in force in 2023.",
    ),
    Case(
        "'Request:' and 'Response:' inline before each part and its answer",
        "Request: How many allotments does the Council let?\nResponse: 640.\n\n"
        "Request: How long is the waiting list for an allotment?\nResponse: 212 people are waiting.\n",
        "How many allotments does the Council let?\nHow long is the waiting list for an allotment?",
        ("1", "2"),
    ),
    Case(
        "a review's summary lead-in over the nearer cue, and the reviewer's words after the request",
        "Dear Mr Lowe\n"
        "Thank you for your request for an internal review of your Freedom of\n"
        "Information request. I apologise for the time you have had to wait for a\n"
        "response to be provided.\n"
        "I can now confirm that a full review of the decision made in this case\n"
        "has been conducted with a summary as follows:\n"
        "You contacted the council on 4 March 2024 with the following\n"
        "request:\n"
        "Please supply all reports on the Harbury Road bridge inspection in 2023,\n"
        "including any photographs taken by the inspectors and any notes made at\n"
        "the time of the inspection.\n"
        "I have reviewed your complaint and have determined that the reports should\n"
        "have been released to you at the time. I apologise for this and attach\n"
        "them to this letter.\n",
        "Please supply all reports on the Harbury Road bridge inspection in 2023,\n"
        "including any photographs taken by the inspectors and any notes made at\n"
        "the time of the inspection.",
    ),
    Case(
        "interleaved: the items a question names ('the following services') are part of it",
        "Please find our response to your request set out below:\n"
        "How many complaints did you receive about the following services in 2023?\n"
        "Bins\nStreet lighting\nParks and open spaces\n"
        "We received 412 about bins, 98 about street lighting and 41 about parks.\n"
        "Do you publish these figures on your website?\nNo\nYours sincerely,\nFOI Team\n",
        "How many complaints did you receive about the following services in 2023?\n"
        "Bins\nStreet lighting\nParks and open spaces\nDo you publish these figures on your website?",
        ("1", "2"),
    ),
    Case(
        "an HTML table with a 'Your request' column and an 'Our response' column",
        "<html><body><p>Thank you for your request for information.</p><table>"
        "<tr><th>Your request</th><th>Our response</th></tr>"
        "<tr><td>How many parks does the Council maintain?</td><td>14</td></tr>"
        "<tr><td>How many have toilets?</td><td>6</td></tr></table></body></html>",
        "How many parks does the Council maintain?\nHow many have toilets?",
        ("1", "2"),
    ),
    Case(
        "We received your request on <date> as follows:",
        "We received your request on 3 May 2024 as follows:\n\n"
        "Please provide the number of dog fouling fines issued in Harbury in 2023.\n\nWe issued 57 fines.\n",
        "Please provide the number of dog fouling fines issued in Harbury in 2023.",
    ),
    Case(
        "Text of request: heading",
        "Text of request:\nThe number of grit bins in Harbury on 1 December 2023.\n\nResponse:\nThere were 212 grit bins.\n",
        "The number of grit bins in Harbury on 1 December 2023.",
    ),
    Case(
        "Details requested: inline",
        "Details requested: the number of street trees planted in Harbury in 2023.\n\nThe Council planted 410 trees.\n",
        "the number of street trees planted in Harbury in 2023.",
    ),
    Case(
        "an e-mail chain: the requester's message from a personal address, newest first",
        "Dear Ms Noor,\n\nThe records you asked for are attached.\n\nSincerely,\nRecords Officer\n\n"
        "From: Lena Noor [mailto:lena.noor@gmail.com]\n"
        "Sent: Monday, May 6, 2024 9:12 AM\n"
        "To: Records Officer\n"
        "Subject: Records request\n\n"
        "Hello Mr. Diaz\n\n"
        "I would like to request copies of all towing contracts the Village signed in 2023.\n\n"
        "Please let me know if I can clarify anything.\n\n"
        "Thank you\n\nLena Noor\n",
        "I would like to request copies of all towing contracts the Village signed in 2023.",
    ),
    Case(
        "a flattened log entry: 'Dear <authority>,' and the message on one line, up to the column rule",
        "Dear Harbury Waste Authority, I understand a report on fly-tipping hotspots went to the waste "
        "committee in March. I would like you to release that report and the minutes of the meeting that "
        "discussed it. | Please find the report and minutes attached.\n",
        "I understand a report on fly-tipping hotspots went to the waste committee in March. I would like you to "
        "release that report and the minutes of the meeting that discussed it.",
    ),
]

NEAR_MISSES = [
    Case(
        "thanks for the request, not quoted",
        "Thank you for your request for information received on 3 May 2024. We have\n"
        "considered it under the Freedom of Information Act 2000.\n\n"
        "The Council spent £3,400 on translation services in 2023.\n",
        None,
    ),
    Case(
        "your request has been considered",
        "Your request has been considered and the information you asked for is enclosed.\n",
        None,
    ),
    Case(
        "a response heading and its answer",
        "Response\n\nThe information you asked for is not held by the Council.\n",
        None,
    ),
    Case(
        "the subject line of the letter",
        "Re: Freedom of Information Request – FOI 2024-0112\n\n"
        "Dear Sir or Madam,\n\n"
        "I am writing in response to your request for information about grass cutting.\n",
        None,
    ),
    Case(
        "request dates in a header",
        "Date of request: 3 May 2024\nDate of response: 28 May 2024\n\nThe Council does not hold this information.\n",
        None,
    ),
    Case(
        "internal review boilerplate",
        "If you are unhappy with this response you may request an internal review within\n40 working days.\n",
        None,
    ),
    Case(
        "the answer introduced with 'in response to your request:'",
        "Please find below the information held in response to your request:\n\n"
        "The Council spent £3,400 on translation services in 2023.\n",
        None,
    ),
    Case(
        "quarters labelled Q1 to Q4 under a response heading",
        "Response:\n"
        "Q1 2023 saw 45 complaints about missed bins.\n"
        "Q2 2023 saw 52 complaints about missed bins.\n"
        "Q3 2023 saw 38 complaints about missed bins.\n",
        None,
    ),
    Case(
        "the authority's lead-in to its answer",
        "Dear Mr Patel,\n\nThank you for your email of 4 March 2024. Please find below the information you requested:\n\n"
        "The Council issued 4,812 penalty charge notices in 2023.\n",
        None,
    ),
    Case(
        "an authority's letter to 'Dear Sir/Madam'",
        "Dear Sir/Madam,\n\nI am writing in response to your request.\nThe Council issued 4,812 notices in 2023.\n\n"
        "Yours faithfully,\nFOI Team\n",
        None,
    ),
    Case(
        "an authority's answer that asks the reader to get in touch",
        "The Council holds the information you asked for and it is attached.\n\n"
        "Please contact the FOI team if you need the figures in another format.\n",
        None,
    ),
    Case(
        "an answer with a rhetorical question from the authority",
        "Why does the Council not publish these figures? We publish them quarterly on our website.\n",
        None,
    ),
    Case(
        "an apology and a promise, no request",
        "I apologise for the delay in responding. I can confirm that the Council holds no such records.\n",
        None,
    ),
    Case(
        "a WhatDoTheyKnow footer asking for replies to this request",
        "The Council does not hold this information.\n\n"
        "Please use this email address for all replies to this request:\nrequest-88@example.org\n",
        None,
    ),
    Case(
        "an internal review offered to the reader is not the request",
        "The Council holds no such records. You asked for an internal review of a previous request in 2023; that\n"
        "review is closed.\n",
        None,
    ),
    Case(
        "an authority sentence opening 'I would like to apologise'",
        "I would like to apologise for the delay in responding to your request. The Council holds no records.\n",
        None,
    ),
    Case(
        "a help-page question heading",
        "What can I do if I am unhappy with how my request was handled?\n"
        "You can ask for an internal review within 40 working days.\n",
        None,
    ),
    Case(
        "interleaved near miss: answers with bullets but no part after the lead-in",
        "Please find the Council's response to your request set out below:\n"
        "Section 43 applies because disclosure would prejudice commercial interests.\n"
        "Arguments for disclosure:\n"
        "- Promote transparency in the way public money is spent.\n"
        "- Encourage other suppliers to bid for contracts.\n"
        "We believe the public interest favours withholding the information.\n",
        None,
    ),
    Case(
        "a message that asks for an internal review is not the request",
        "Dear Harbourside Council,\n"
        "I am writing to request an internal review of your handling of my request about\n"
        "playground inspections, which you refused under section 12.\n"
        "Yours faithfully,\n"
        "J. Moss\n",
        None,
    ),
    Case(
        "a message that points to an attachment holds no request",
        "Dear FOI Team,\nPlease see my request in the attached file.\nKind regards,\nA. Patel\n",
        None,
    ),
    Case(
        "interleaved: answers numbered again after the parts are not parts",
        "Please find our response to your request set out below:\n"
        "1. How many dog fouling fines did you issue in 2023?\n"
        "2. How many of those fines were paid?\n"
        "We have answered each question below.\n"
        "1. The Council issued 402 fines in 2023.\n"
        "2. 311 of those fines were paid.\n"
        "Yours sincerely,\n",
        "1. How many dog fouling fines did you issue in 2023?\n2. How many of those fines were paid?",
        ("1", "2"),
    ),
    Case(
        "interleaved: a sentence opening with Where is no question",
        "Please find our response to your request set out below:\n"
        "1. The number of your residents waiting for a care assessment.\n"
        "1,203 residents.\n"
        "2. The longest wait for an assessment in days.\n"
        "96 days.\n"
        "Where fewer than five people are counted we show <5 instead.\n"
        "Yours sincerely,\n",
        "1. The number of your residents waiting for a care assessment.\n"
        "2. The longest wait for an assessment in days.",
        ("1", "2"),
    ),
    Case(
        "a sentence about what the request seeks is no lead-in",
        "Your request seeks records the Department does not maintain.\n\n"
        "The Department has located no responsive records.\n",
        None,
    ),
    Case(
        "an authority's sentence opening How many, about its own work, is no question",
        "How many staff we employ changes each month, so the figure below is a snapshot.\n\n"
        "The Council employed 4,120 staff on 31 March 2024.\n",
        None,
    ),
    Case(
        "a form with no request row",
        "Harbury District Council\nFreedom of Information request\n\n"
        "Reference Number:\tFOI2024-1188\t12 June 2024\n"
        "Date Received:\t30 May 2024\n"
        "Our Response:\tThe contracts are attached.\n",
        None,
    ),
    Case(
        "a Request<tab>row holding only an identifier",
        "Request\tFOI-2291\nDate\t4 March 2024\n\nThe Council holds no such records.\n",
        None,
    ),
    Case(
        "figures listed after the request paragraph are the answer",
        "In your request, you asked for:\n\n"
        "The number of noise complaints the Council received in each of the last two years.\n\n"
        "- 2022: 418\n\n"
        "- 2023: 377\n",
        "The number of noise complaints the Council received in each of the last two years.",
    ),
    # ---- round 2 near misses: a request noun with no request quoted after it
    Case(
        "your request for an internal review is no request text",
        "Thank you for your request for an internal review, which we received on 2 May 2024.\n\n"
        "The reviewer upholds the original decision.\n",
        None,
    ),
    Case(
        "we received your request for information on <date>: no request text",
        "We received your request for information on 2 May 2024. The Council holds no such records.\n",
        None,
    ),
    Case(
        "an internal review in quotation marks is no request",
        'Your request for "an internal review of the decision" was received on 4 June.\n\n'
        "The reviewer upholds the original decision.\n",
        None,
    ),
    Case(
        "a quoted name inside a phrase after 'your request about' is no request",
        'Your request about the "Harbury Green Lanes" scheme has been considered. The Council holds no such records.\n',
        None,
    ),
    Case(
        "a document title quoted in the answer is no request",
        'Thank you for your request. We have published "Harbury Town Centre Parking Strategy 2023" on our website.\n',
        None,
    ),
    Case(
        "'please find below the information your letter asked for:' introduces the answer",
        "Please find below the information your letter asked for:\n\nThe Council spent £4,120 on the review.\n",
        None,
    ),
    Case(
        "'you requested the details in a format' is no paraphrase",
        "You requested the details in Excel format. The Council holds no such records.\n",
        None,
    ),
    Case(
        "'you asked us to provide it by e-mail' is no request",
        "You asked us to provide it by e-mail. The Council holds no such records.\n",
        None,
    ),
    Case(
        "a records-sought row pointing to an attachment",
        "Description of Records Sought: see attached\n\nThe Village holds no such records.\n",
        None,
    ),
    Case(
        "a neutral line after a question is its answer, not context between asks",
        "FOI request FOI-2292\n\n"
        "How many electric vans does the Council own?\n"
        "The fleet is being reviewed this year.\n"
        "How much did the Council spend on charging them in 2023?\n"
        "The charging costs are not recorded separately.\n",
        "How many electric vans does the Council own?\nHow much did the Council spend on charging them in 2023?",
        ("1", "2"),
    ),
    Case(
        "a Request heading repeated with no response heading after it is no set of parts",
        "Request\nFOI-2291\n\nRequest\nFOI-2292\n\nThe Council holds no such records.\n",
        None,
    ),
    Case(
        "'you have requested records on third parties' (a form letter's description) is no request",
        "You have requested records on one or more third party individuals. We can neither confirm nor deny "
        "that such records exist.\n",
        None,
    ),
    Case(
        "a grid of figures with no request column",
        "| Year | Complaints |\n|---|---|\n| 2022 | 418 |\n| 2023 | 377 |\n",
        None,
    ),
    Case(
        "one labelled answer is no set of answered parts",
        "The Council considered your complaint carefully.\nCouncil response: the complaint is not upheld.\n",
        None,
    ),
    Case(
        "a quoted request for an internal review is passed over for the request quoted before it",
        'Your request of 2 May 2024 sought "the number of pest control visits made by the Council in 2023".\n\n'
        'In your e-mail of 9 June, you wrote: "Please carry out an internal review of this decision."\n\n'
        "The reviewer upholds the original decision.\n",
        "the number of pest control visits made by the Council in 2023",
    ),
    Case(
        "a quoted request for an internal review alone is no request",
        'In your e-mail of 9 June, you wrote: "Please carry out an internal review of your decision on my request."\n\n'
        "The reviewer upholds the original decision.\n",
        None,
    ),
    Case(
        "the topic of a request named in the acknowledgement is no request text",
        "Thank you for your request for information about pothole repairs on Harbury Road, which we received on "
        "3 May 2024.\n\nThe Council repaired 48 potholes on that road in 2023.\n",
        None,
    ),
    Case(
        "a statute quoted with 'a request for information' in it is no request",
        'Section 40(2) of the Act states that "any information to which a request for information relates is also '
        'exempt information if it constitutes personal data".\n',
        None,
    ),
    Case(
        "answers marked 'A1.' and 'Response:' in one letter: read as questions and answers",
        "Q1. How many libraries does the Council run?\nA1. The Council runs 9 libraries.\n\n"
        "Q2. How many library staff are volunteers?\nResponse: 41 volunteers.\n\n"
        "Q3. How many libraries opened on Sundays in 2023?\nA3. Two libraries opened on Sundays.\n\n"
        "Q4. How much was spent on new books in 2023?\nResponse: £88,000.\n",
        "How many libraries does the Council run?\nHow many library staff are volunteers?\n"
        "How many libraries opened on Sundays in 2023?\nHow much was spent on new books in 2023?",
        ("Q1", "Q2", "Q3", "Q4"),
    ),
    Case(
        "an acknowledgement asking the requester to pay a fee is no request",
        "Dear Ms. Cole:\n\nThis letter acknowledges receipt of your FOIA request received on May 3, 2024. The "
        "estimated fee is $45.00. Please send a check payable to the City of Harbury within 30 days. Could you also "
        "provide a daytime telephone number?\n\nSincerely,\nRecords Officer\n",
        None,
    ),
    Case(
        "questions the letter asks on the reader's behalf ('Why have I received this letter?') are no request",
        "Why have I received this letter? You asked us to review how the Council handled your request. "
        "Which parts were considered? All parts of your request were considered.\n",
        None,
    ),
    Case(
        "interleaved: a short answer under a question that names no items is no part",
        "Please find our response to your request set out below:\n"
        "How many complaints did you receive about bins in 2023?\n"
        "Bins collected late\n"
        "Do you publish these figures on your website?\nNo\nYours sincerely,\nFOI Team\n",
        "How many complaints did you receive about bins in 2023?\nDo you publish these figures on your website?",
        ("1", "2"),
    ),
    Case(
        "an HTML table of figures with no request column",
        "<html><body><p>The figures are below.</p><table>"
        "<tr><th>Year</th><th>Complaints</th></tr><tr><td>2022</td><td>418</td></tr>"
        "<tr><td>2023</td><td>377</td></tr></table></body></html>",
        None,
    ),
    Case(
        "'your request ... as follows' with no colon and nothing quoted is no lead-in",
        "We dealt with your request as follows because it was made by e-mail. The Council holds no such records.\n",
        None,
    ),
    Case(
        "an e-mail printed from the requester's own mailbox: the body under its header is the authority's reply",
        "From: Records Officer - To: lena.noor@gmail.com - Date: May 9, 2024\n"
        "Subject: RE: Records request\n\n"
        "Dear Ms Noor,\n\nWe have located no towing contracts signed in 2023.\n\nSincerely,\nRecords Officer\n",
        None,
    ),
    Case(
        "an authority's letter opening 'Dear Mr Shah,' on the same line is no requester's message",
        "Dear Mr Shah, thank you for your request for information about fly-tipping, which we received on 3 May "
        "2024. The Council holds no report of the kind you describe.\n",
        None,
    ),
    Case(
        "list items after blank lines that end in a year are still the request's",
        "You asked for:\n\n- the number of taxi licences issued in 2023\n\n- the number of taxi licences revoked in 2023\n\n"
        "The Council issued 214 licences and revoked 6.\n",
        "- the number of taxi licences issued in 2023\n\n- the number of taxi licences revoked in 2023",
    ),
    Case(
        "lettered parts that start again under each numbered heading are not answers",
        "Your request:\n\n1. Staff:\n\na) the number of social workers\n\nb) the number of vacancies\n\n"
        "2. Costs:\n\na) the agency spend\n\nb) the overtime spend\n\nOur response:\n\nThe figures are attached.\n",
        "1. Staff:\n\na) the number of social workers\n\nb) the number of vacancies\n\n2. Costs:\n\n"
        "a) the agency spend\n\nb) the overtime spend",
        ("1a", "1b", "2a", "2b"),
    ),
    Case(
        "a requester's line after the question, in no answering shape, is not cut off",
        "Your request:\nHow many noise complaints did the Council receive in 2023?\n"
        "If you have this broken down by ward, please include that.\n\nThe Council received 1,412 complaints.\n",
        "How many noise complaints did the Council receive in 2023?\n"
        "If you have this broken down by ward, please include that.",
    ),
    Case(
        "an answer in no voice between two asks ('This information is not held.') is not context",
        "FOI request FOI-2293\n\nPlease provide the number of electric vans the Council owns.\n"
        "This information is not held.\nPlease provide the cost of charging them in 2023.\n",
        "Please provide the number of electric vans the Council owns.\nPlease provide the cost of charging them in 2023.",
        ("1", "2"),
    ),
]

# Frames the weights fitted by `make train` get wrong today: strict, so a refit that gets one
# right fails here and the case moves back to the tables above.
MISSED = {
    "a review's table: one Request<tab>row per question",
    "a Request heading repeated before each part, a Response heading after it",
    "each part followed by a labelled answer ('Trust response:')",
    "a review letter: the request quoted in its account of what happened",
    "'Request:' and 'Response:' inline before each part and its answer",
    "a Request heading repeated with no response heading after it is no set of parts",
    "a quoted request for an internal review alone is no request",
}
XFAIL: list[Any] = [
    pytest.param(
        c, id=c.name, marks=pytest.mark.xfail(strict=True, reason="the fitted request weights choose another frame")
    )
    for c in (*EXAMPLES, *NEAR_MISSES)
    if c.name in MISSED
]

CASES = [pytest.param(c, id=c.name) for c in (*EXAMPLES, *NEAR_MISSES) if c.name not in MISSED] + XFAIL


@pytest.mark.parametrize("case", CASES)
def test_request(case: Case) -> None:
    response = parse(case.text.encode(), name="t.txt")
    request = response.request
    assert (request.text if request else None) == case.expected
    numbers = tuple(q.number for q in request.questions) if request else ()
    assert numbers == case.numbers
    if request is None:
        return
    for q in request.questions:
        pieces = [response.text[a:z] for a, z in request_spans(Request(q.text, q.span, (q,)))]
        assert "\n".join(pieces) == q.text  # a grid cell's lines, else the span's own text
    if request.text != "\n".join(q.text for q in request.questions):
        assert response.text[request.span[0] : request.span[1]] == request.text
