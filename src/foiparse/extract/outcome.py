"""The outcome of the request, read from what the letter says happened to each part of it.

The letter's own words (not the complaints boilerplate, the signature, the quoted
request or the e-mail history below the reply) are read for statements: information
given (figures, tables, "please find attached", a nil answer), withheld (an exemption
relied on, "refused", redactions, a pointer to published information), not held, and
neither-confirm-nor-deny. Each statement belongs to the request part whose quoted
question it follows, or to the whole letter. The outcome combines them: some parts
answered and some withheld or not held is ``partly_disclosed``; everything withheld is
``refused``; nothing held is ``not_held``; NCND only when it covers the whole request.

Each statement is read in its sentence (:func:`_reframe`): nothing in the requester's
review rights or in a supposed clause ("if it is not held, please say so") counts; a
withholding said only of information if held ("were it held, it would be exempt"),
or argued beside a neither-confirm-nor-deny, is NCND's reasoning. Answers are found
without the other extractors too: figures in an answer frame ("there were 45", "the
Council received 312"), answers under a label ("Response: not held") and the answer
column of a question-and-answer grid, so a letter whose totals or tables go unread
still reads as answered. A sentence of stock text run into the answer is read when it
states what happened and is not about rights, re-use or what may happen.

A page's own field for the outcome ("Outcome: Information provided") decides when it
has one. "We do not have a policy" said of a thing a yes/no question asked about is a
"no", an answer, not a not-held notice; a release that is the letter's explanation (its
reasons, a retention schedule, guidance offered as "may be useful") or work a refusal
says it would take ("would need to be redacted") hands nothing over.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from foiparse.extract.context import Context
from foiparse.extract.starts import finditer_each, is_word_char, search
from foiparse.model import Exemption, ParseWarning, Span, Table, Total

_ = r"[ \t\n\xa0]+"  # white space inside a phrase: line breaks and no-break spaces included

NCND = re.compile(
    rf"""\b(?:neither{_}confirm(?:s|ing)?{_}n?or{_}den(?:y|ies|ying)
      | (?:refuse[sd]?|declines?|declined|not|unable|can[’']?not|can[’']t){_}(?:to{_})?confirm{_}or{_}deny
      | (?:not|no{_}longer|unable)(?:{_}[\w’']+){{0,4}}?{_}to{_}confirm{_}or{_}deny
      | (?:will{_}not|won[’']t|refuse[sd]?{_}to|decline[sd]?{_}to){_}confirm{_}(?:whether|if)(?:{_}or{_}not)?
        {_}(?:it|we|the{_}\w+|any)(?:{_}\w+)?{_}(?:holds?|has|have|exists?)
      | (?:exempt(?:ed|s)?|excluded|excludes|relieved|removes?|disapplie[sd]){_}(?:\w+{_}){{0,3}}?from{_}(?:the{_}|its{_}|our{_})?
        duty{_}to{_}confirm{_}or{_}deny
      | duty{_}to{_}confirm{_}or{_}deny(?:{_}[\w,’']+){{0,8}}?{_}(?:does|do|shall|will|would){_}not{_}(?:arise|apply)
      | (?:to{_})?confirm(?:ing)?{_}or{_}deny(?:ing)?{_}(?:whether|that|if)\b[^.]{{0,200}}?\bwould\b
      # "confirm or deny whether" after a refusal or its ground, not after a duty ("a duty to confirm or deny whether")
      | (?:not|cannot|unable|neither|refus\w*|declin\w*|exempt\w*|rely|relies|relying|virtue)(?:{_}[\w()’'.,]+){{0,8}}?
        {_}(?:to{_})?confirm(?:ing)?{_}or{_}deny(?:ing)?{_}(?:whether|that|if)\b
      | confirming{_}or{_}denying\b[^.]{{0,200}}?\bwould\b
      | (?:is|are|was|were),?{_}or{_}(?:is|are|was|were){_}not,?{_}held
      | (?:does|do|did),?{_}or{_}(?:does|do|did){_}not,?{_}exist
      | Glomar)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Provisions that exist to neither confirm nor deny: FOIA's "(duty to confirm or deny)" subsections,
# FOISA s.18, EIR 12(6) and 13(5). A citation of one of them is an NCND statement wherever it stands.
_NCND_PROVISIONS = {
    "FOIA": re.compile(
        r"(?:23\(5\)|24\(2\)|26\(3\)|27\(4\)|28\(3\)|29\(2\)|30\(3\)|31\(3\)|32\(3\)|33\(3\)|34\(2\)"
        r"|35\(3\)|36\(3\)|37\(2\)|38\(2\)|39\(2\)|40\(5[AB]?\)|41\(2\)|42\(2\)|43\(3\)|44\(2\))"
    ),
    "FOISA": re.compile(r"18(?:\(|$)"),
    "EIR": re.compile(r"12\(6\)|13\(5\)"),
}
# A withholding said of information only as it would be if held ("if held, it would be exempt"):
# NCND's reasoning, or a not-held answer's aside, never a refusal of what is held.
HYPOTHETICAL = re.compile(
    rf"""\b(?:(?:if|were|should|even{_}if|assuming){_}(?:the|this|that|such|any|it|they|we|those|these|relevant|recorded)\b
          (?:{_}[\w’',()-]+){{0,8}}?{_}(?:held|exist(?:ed|s)?|to{_}exist|hold|holds|did)\b
      | if{_}(?:held|recorded|it{_}exists|they{_}exist)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# The requester's rights after the answer: what it says about withholding is no statement of it.
RIGHTS = re.compile(
    r"^\W*(?:if|should|where)\s+you\b|^\W*you\s+(?:may|can|have|are\s+entitled|also|should)\b"
    r"|\bright\s+(?:to|of)\s+(?:request|ask|appeal|complain|seek)",
    re.IGNORECASE,
)
_RIGHTS_TOPIC = re.compile(
    r"\b(?:review|appeal\w*|complain\w*|commissioner|ICO|dissatisfied|unhappy|content|satisfied)\b", re.IGNORECASE
)
# A phrase after these in its sentence is asked or supposed, not stated: "please confirm whether it is held".
_SUPPOSED = re.compile(
    r"\b(?:if|whether|unless|please\s+(?:confirm|tell|state|advise|let|provide|explain|send|supply|indicate))\b",
    re.IGNORECASE,
)

_HOLD_VERB = (
    r"(?:hold|have|record|keep|collect|retain|maintain|capture|possess|collate|compile|track|monitor|log|store)"
)
# Not held, but not said of the format asked for ("we do not hold it in the format you asked for").
_NOT_FORMAT = rf"(?!(?:{_}[\w’']+){{0,5}}?{_}in{_}(?:the|that|this|a|an){_}(?:\w+{_})?(?:format|form)\b)"
NOT_HELD = re.compile(
    rf"""\b(?<!you[ ])(?<!you\n)(?:(?:does|do|did){_}not{_}{_HOLD_VERB}\b(?!{_}(?:to|any{_}(?:objection|plans?))\b)
      | (?:doesn[’']t|don[’']t|didn[’']t){_}{_HOLD_VERB}\b
      | (?:is|are|was|were){_}not{_}held
      | (?:information|data|records?|figures){_}(?:requested{_})?(?:is{_}|are{_})?not{_}held
      | (?:^|(?<=[ ][ ])|(?<=[\t|])|(?<=\n[ ]))(?:(?:answer|response|a\d*)[ \t]*[:.-][ \t]*)?not{_}(?:held|recorded)\b
      | not{_}held{_}by
      | (?:unable{_}to|could{_}not|cannot){_}(?:locate|find|identify){_}(?:any{_})?(?:[\w-]+{_}){{0,2}}?(?:records|documents|information)
      | (?:search|searches){_}(?:[\w-]+{_}){{0,6}}?(?:did{_}not|failed{_}to){_}(?:locate|identify|yield|produce|return|find|reveal)
      | (?:yielded|produced|returned|revealed|located|found|identified){_}no{_}(?:[\w-]+{_}){{0,2}}?(?:records|documents|information)
      | there{_}(?:are|were){_}no{_}(?:responsive{_}|relevant{_})?(?:records|documents)
      | no{_}(?:records|documents){_}responsive
      | no{_}(?:recorded{_}|relevant{_})?information{_}(?:is{_}|was{_}|has{_}been{_})?(?:held|found|located|recorded)
      | hold[s]?{_}no{_}(?:recorded{_}|relevant{_})?information
      | no{_}(?:such{_}|responsive{_})?records?{_}(?:exist|are{_}held|were{_}found|were{_}located|could{_}be{_}(?:found|located))
      | (?:have|has|hold|holds|keep|keeps){_}no{_}(?:records?|(?:recorded{_})?information{_}(?:on|about|regarding|relating|that|which|held))
      | (?:did|could|have|has|had){_}not{_}(?:locate|find|found|identify|identified|located){_}any{_}(?:[\w-]+{_}){{0,2}}?(?:records|documents|information|data)
      | (?:does|do){_}not{_}(?:exist|possess)
      | no{_}such{_}(?:\w+{_})?(?:exists|is{_}held)
      | no{_}records?{_}(?:of|is|are|was|were){_}(?:held|kept|found|any|the)
      | not{_}(?:recorded|captured|collated)(?:{_}(?:in|by|at|centrally)\b|[ \t]*$)){_NOT_FORMAT}""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
# Held, but not broken down as asked: not held for that part.
NOT_BROKEN_DOWN = re.compile(
    rf"""\b(?:(?:cannot|can{_}?not|can[’']t|(?:are|is|am){_}unable{_}to){_}
          (?:break{_}(?:\w+{_}){{0,4}}?down|split|separate{_}out)
      | (?:do|does){_}not{_}break{_}(?:\w+{_}){{0,4}}?down
      | (?:hold|record|keep)s?{_}(?:\w+{_}){{1,8}}?and{_}not{_}(?:at|by|in){_}(?:\w+{_}){{0,3}}?(?:level|basis))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_COVER = r"(?:letter|notice|decision|response|reply|appeal|determination|correspondence)"
# A sign of an answer, too weak alone to outweigh a refusal ("see below", "we can confirm").
GIVEN = re.compile(
    rf"""\b(?:please{_}(?:find|see){_}(?:below|attached|enclosed|the{_}attached)
        (?!{_}(?:(?:my|our|a|the){_})?{_COVER}\b)
      | (?:is|are){_}(?:provided{_}below|set{_}out{_}below|as{_}follows)
      | (?<!not[ ])(?<!n.t[ ])(?:holds?|does{_}hold){_}(?:the|some|this|that){_}information
      | (?:can|am{_}able{_}to|are{_}able{_}to){_}(?:confirm|provide|advise|release|disclose)
      | results{_}are{_}given|in{_}response{_}to{_}your{_}(?:questions?|request){_}(?:below|as{_}follows)
      | please{_}(?:find|see){_}(?:the{_})?(?:information|answers?|figures|details|data|responses?){_}(?:requested{_})?below)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_HANDED = (
    r"(?:records|documents|files?|data(?:set)?|information|spreadsheets?|minutes|papers|ledger|figures|statistics)"
)
# Information actually handed over: enough, beside a refusal, to make the outcome partial.
RELEASED = re.compile(
    rf"""\b(?:please{_}(?:find|see){_}(?:attached|enclosed|the{_}attached)(?:{_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+|[ \t]*:)
      | (?:attached|enclosed){_}(?:is|are|please{_}find|you{_}will{_}find){_}(?:the|an?|copies|cop(?:y|ies){_}of|all|each|our|\d+)\b
        (?!{_}{_COVER}\b)
      | (?:enclosed|attached){_}please{_}find{_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+
      | (?:request|it){_}(?:is|has{_}been){_}granted(?!{_}in{_}part)
      | (?:we|I){_}(?:have{_})?(?:attached|enclosed|enclose|attach){_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+
      | (?:the|these|those|responsive){_}(?:[\w-]+{_}){{0,3}}?{_HANDED}
        {_}(?:\w+{_}){{0,3}}?(?:is|are|have{_}been|has{_}been){_}(?:attached|enclosed|provided|released|disclosed)
      | (?:is|are){_}(?:attached|enclosed|provided{_}below|set{_}out{_}below)
      | (?<!previously[ ])(?<!already[ ])(?:released|disclosed|provided){_}(?:in{_}full|below
            |to{_}you(?!{_}(?:in|with){_}(?:your|the|our){_}(?:original|previous|earlier|first)))
      | (?:are|am){_}(?:able{_}to|pleased{_}to){_}(?:provide|release|disclose)
      | (?<!not[ ])decided{_}to{_}(?:disclose|release|provide|grant)
      | (?:have|has){_}been{_}able{_}to{_}(?:provide|release|disclose|supply)
      | please{_}find{_}(?:the{_}|our{_}|all{_})?(?:[\w-]+{_}){{0,3}}?{_HANDED}{_}(?:attached|enclosed)
      | (?:answers?|responses?|information|figures|data){_}(?:[\w-]+{_}){{0,4}}?(?:is|are){_}(?:contained{_}|set{_}out{_}|provided{_}|included{_})?
        (?:in|within|on){_}the{_}(?:attached|enclosed){_}(?!{_COVER}\b)\w+
      # records released through a portal or link
      | (?:log{_}in|sign{_}in|visit|go{_}to|click)\b[^.\n]{{0,120}}?\bto{_}(?:view|download|access|retrieve|review|obtain)
        {_}(?:the{_}|your{_})?(?:responsive|requested|released){_}(?:records|documents|files)
      | (?:responsive|requested|released){_}(?:records|documents|files){_}(?:are|is){_}(?:now{_})?available{_}(?:for{_}download{_}|to{_}(?:view|download){_})?
        (?:at|on|via|through|in|from)
      | (?:are|am|is){_}(?:providing|releasing|disclosing|enclosing|attaching|producing){_}(?!(?:our|the|a|this){_}{_COVER}\b)
      | (?:is|are){_}being{_}(?:provided|released|disclosed|produced)
      | (?:have|has){_}(?:supplied|provided|released|disclosed){_}(?:the{_}|some{_})?(?:information|data|figures|records|documents)
      | cop(?:y|ies){_}of{_}(?:all{_})?(?:of{_})?(?:the{_}|your{_})?(?:information|records|documents|data)
      | (?:remaining|other){_}information{_}(?:is|has{_}been|are|have{_}been){_}
        (?:provided|attached|enclosed|released|disclosed|set{_}out))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A nil answer is an answer: "there were no", "the Council has not undertaken any", "none".
NIL = re.compile(
    rf"""\b(?:(?:has|have|had|did){_}not{_}(?:\w+{_}){{0,2}}?
            (?!(?:locat|find|found|identif|hold|held|keep|kept|record|retain|collect|captur|possess|have|had|been|be)\w*\b)
            \w{{4,}}(?:{_}out)?{_}any
            (?!{_}(?:clarification|response|reply|payment|fee|confirmation|further|correspondence|contact))
      | there{_}(?:were|have{_}been|has{_}been){_}no\b(?!{_}(?:records?|information|data)\b)
      | no{_}such{_}(?!records?\b|information\b|data\b)\w+{_}(?:were|have{_}been|has{_}been)
      | no{_}(?:targets|policies|plans|contracts|cases|incidents|complaints|claims|payments|prosecutions)
        {_}(?:or{_}\w+{_})?(?:in{_}place|were|have|has|exist)
      | (?<!attachments:[ ])(?<!exemptions:[ ])(?<!enclosures:[ ])(?<!applied:[ ])(?:none|nil|zero)(?=[ \t]*(?:[.;]|$)))""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
# The letter says it has nothing to give: what it attaches beside this explains, it answers nothing
# ("there is no information we can provide; the retention schedule is attached").
NOTHING = re.compile(
    rf"""\b(?:no{_}(?:recorded{_}|relevant{_})?information{_}(?:that{_})?(?:we|I|it){_}(?:can|could|are{_}able{_}to|is{_}able{_}to)
        {_}(?:provide|disclose|release|supply|give|send)
      | nothing{_}(?:that{_})?(?:we|I){_}(?:can|could|are{_}able{_}to){_}(?:provide|disclose|release|supply|send)
      | (?:have|has|had){_}no{_}information{_}to{_}(?:provide|disclose|release|supply|give|send)
      | (?:have|has|had){_}nothing{_}to{_}(?:provide|disclose|release|supply|give|send))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# The letter is a step on the way, not the answer: a request for clarification, a fee, more time.
PENDING = re.compile(
    rf"""\b(?:(?:need|require|ask)\w*{_}you{_}to{_}clarify
      | please{_}(?:could{_}you{_})?clarify{_}(?:your{_}request|which|what|the{_}(?:scope|period|dates?))
      | before{_}(?:we|I){_}can{_}(?:deal{_}with|process|respond{_}to|answer|consider){_}(?:it|this|your)
      | fee{_}of{_}[£$]\d|(?:fee|charge|payment){_}(?:of{_}[£$][\d,.]+{_})?(?:is|will{_}be){_}(?:payable|required|due)|fees{_}notice
      | (?:extend|extended|extending){_}the{_}(?:time|deadline|period|date){_}for{_}(?:our|the|a|this){_}(?:response|reply)
      | (?:now{_})?expect{_}to{_}(?:reply|respond){_}(?:to{_}you{_})?by
      | will{_}(?:respond|reply){_}(?:to{_}(?:you|your{_}request){_})?(?:within|by|no{_}later{_}than){_}(?:\d|the{_}\d))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "Refused" said alone: a refusal unless the letter also hands something over.
REFUSED_WORD = re.compile(
    rf"""\b(?:refus(?:ed|ing|al)(?!{_}(?:collection|to{_}confirm))|refuses?{_}(?:your|this|the|it|to(?!{_}confirm))|denied
      | (?<!confirmation[ ]or[ ])(?<!confirmation[ ]and[ ])denial
      # a review or appeal that upholds the first decision, whatever it was
      | (?<!not[ ])(?:concur|agree){_}with{_}the{_}(?:\w+{_}){{0,2}}?(?:determination|decision|RAO|records{_}access{_}officer)
      | (?:upheld|uphold|upholding){_}(?:the|our){_}(?:original{_}|initial{_})?(?:decision|refusal|determination)
      # a complaint about the first answer not upheld: that answer stands
      | not{_}(?:to{_})?(?:upheld|uphold){_}your{_}(?:complaint|appeal)
      | (?:complaint|appeal){_}(?:is|has{_}been|was){_}not{_}upheld)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Information withheld or the request refused, in words.
REFUSED = re.compile(
    rf"""\b(?:exempt{_}from{_}(?:disclosure|release|production)|withheld{_}in{_}full|unable{_}to{_}comply
      | (?:withheld|exempt|denied|refused|redacted){_}in{_}(?:its|their){_}entirety
      | (?:exempt|denied|refused){_}in{_}full
      | (?:request|appeal|access){_}(?:is|was|has{_}been|must{_}be){_}(?:hereby{_})?(?:denied|declined)
      | (?:decided|decision){_}not{_}to{_}(?:disclose|release|provide)
      | not{_}(?:obliged|required){_}to{_}(?:comply|provide|disclose|release|answer)
      | (?:is|are){_}exempt{_}(?:under|by{_}virtue|pursuant)
      | will{_}not{_}be{_}(?:disclosing|releasing|providing)
      | (?:withhold|withholding){_}(?:the|this|that|these|those|all){_}(?:\w+{_}){{0,2}}?(?:information|records|documents|data)
      | den(?:y|ied|ying){_}(?:the|your){_}(?:request|appeal)
      | (?:cannot|can{_}not|will{_}not){_}be{_}(?:shared|disclosed|released)
      | (?:have{_}been|has{_}been|is|are|been|being){_}withheld
      | exceed(?:s|ed)?{_}the{_}(?:appropriate{_}|upper{_}|cost{_}|fees{_})?(?:cost{_})?limit
      | (?:cost|take|be){_}(?:more{_}than|in{_}excess{_}of|over|beyond){_}the{_}(?:appropriate|upper|cost|fees?){_}(?:cost{_})?limit
      # a US request refused as too vague to search on (FOIA's and FOIL's "reasonably describes")
      | (?:does|did|do){_}not{_}reasonably{_}describe
      | (?:rely|relying|relied){_}on{_}(?:the{_})?(?:\w+{_}){{0,3}}?(?:exemptions?|exceptions?|regulations?|sections?)
        {_}(?:\w+{_}){{0,3}}?for{_}the{_}(?:remainder|rest){_}of)""",
    re.IGNORECASE | re.VERBOSE,
)
REDACTED = re.compile(
    rf"\b(?<!un)(?:redact(?:ed|ions)|with{_}(?:some{_})?(?:details|information|names){_}(?:removed|withheld))\b",
    re.IGNORECASE,
)
# The letter says itself that the answer is partial.
PARTIAL = re.compile(
    rf"""\b(?:(?:upheld|granted|released|disclosed|answered|denied|withheld){_}in{_}part
      | partial(?:ly)?{_}(?:upheld|granted|denied|disclosed|released|successful|provided|answered|supplied|complied)
      | (?:released|disclosed|provided|produced){_}with{_}(?:some{_}|certain{_}|minor{_})?redactions
      | partial{_}(?:disclosure|release)
      | (?:withholding|withheld|withhold|redacting|refusing){_}(?:only{_})?(?:some|parts?|certain){_}(?:of{_})?(?:the{_})?information
      | (?:release|releasing|provide|providing|disclose|disclosing){_}(?:only{_})?(?:some|part){_}of{_}(?:the{_}|this{_})?information
      | (?:some|part|parts|certain){_}(?:of{_})?(?:the{_}|this{_}|that{_})?(?:information|data|records|documents)
        {_}(?:\w+{_}){{0,3}}?(?:is|are|has{_}been|have{_}been|is{_}being|are{_}being){_}(?:withheld|redacted|exempt)
      | (?:remainder|rest){_}of{_}(?:the{_})?(?:information|records|documents){_}(?:is|are|has{_}been|have{_}been){_}(?:withheld|exempt))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A pointer to information already published, in place of an answer (s.21's ground, named or not).
PUBLISHED = re.compile(
    rf"""\b(?:(?:already|publicly|freely|reasonably){_}(?:\w+{_})?(?:available|accessible){_}(?:to{_}you{_})?(?:on|at|from|via|in|through)
      | (?:from|in|on){_}our{_}(?:disclosure{_}log|publication{_}scheme)
      | previous{_}responses
      | (?:information|data|figures|statistics|details|it|this|they|these|reports?|minutes|documents?|policy|policies)
        (?:{_}[\w’'-]+){{0,5}}?{_}(?:is|are|was|were|has{_}been|have{_}been){_}(?:already{_})?published{_}(?:on|at|via){_}(?:our|the{_}\w+[’']?s?|its){_}(?:web(?:{_})?site|web(?:{_})?pages?|site|intranet))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER = r"[£$]?\d[\d,]*(?:\.\d+)?%?"
_ABOUT = rf"(?:(?:a{_}total{_}of|approximately|around|about|roughly|just{_}(?:over|under)|over|under|fewer{_}than|less{_}than|more{_}than){_})?"
# Not a count: a date, a time limit, a year standing alone.
_NOT_COUNT = (
    rf"(?!{_}(?:working{_})?(?:days?|hours?|weeks?|months?|years?|minutes?)\b"
    rf"|{_}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|[/.:-]\d|\^?(?:st|nd|rd|th)\b)"
)
# Who did what a figure counts: the authority ("we", "the Council", "Harbury District Council", "DSS"),
# not anyone named in an explanation ("Guests paid £28 each").
_DOER = (
    r"(?:\b(?:we|I|it|they)|\bthe(?:[ \t\n]+[\w-]+){1,4}?"
    r"|(?-i:\b[A-Z][\w&-]*(?:[ \t\n]+(?:of[ \t\n]+)?[A-Z][\w&-]*)+|\b[A-Z]{2,}[a-z]?))"
)
# A figure given as the answer, in the letter's own words: "there were 45", "the total cost was £1,200",
# "we received 312", "£4,000 was spent", "61 members of staff received". The outcome's own reading,
# so that a letter whose figures the totals leave out (precision first) still reads as answered.
ANSWER_FIGURE = re.compile(
    rf"""(?:\b(?:there{_}(?:were|was|are|is|have{_}been|has{_}been)
          | (?:total|number|figure|amount|cost|spend|sum|count)(?:{_}[\w/-]+){{0,10}}?{_}(?:was|were|is|are|came{_}to|amounted{_}to|totall?ed|stands{_}at)
          | {_DOER}{_}(?:(?:has|have|had){_})?
            (?:received|issued|recorded|spent|paid|employed|processed|removed|collected|served|investigated|prosecuted
             |awarded|approved|installed|repaired|attended|reported|logged|identified{_}(?!\d[\d,]*{_}(?:documents?|records|pages?|files?|e-?mails?)))
          ){_}{_ABOUT}(?P<n>{_NUMBER})\b{_NOT_COUNT}(?!(?:{_}[\w-]+){{0,3}}?{_}(?:documents?|records|pages?|files?|e-?mails?)\b)
      | (?P<m>[£$]\d[\d,]*(?:\.\d+)?){_}(?:was|were|has{_}been|have{_}been){_}(?:spent|paid|received|awarded|charged|recovered|raised|collected)
      | (?<![\w.,/£$\t-])(?P<k>\d[\d,]*)\b{_NOT_COUNT}(?-i:(?:[ ][a-z][\w-]*){{0,4}}?[ ](?:were|was)[ ](?:\w+[ ])?
          (?:received|issued|recorded|made|reported|placed|employed|paid|served|carried{_}out|removed|evaluated|investigated
           |dismissed|completed|submitted|logged|excluded|referred|prosecuted|fined|cancelled|closed|opened|upheld|granted))\b
      | (?<![\w.,/£$\t-])(?P<j>\d[\d,]*)\b{_NOT_COUNT}(?-i:(?:[ ][a-z][\w-]*){{1,4}}?[ ](?:received|attended|had|made|took|completed))\b)""",
    re.IGNORECASE | re.VERBOSE,
)

# An answer written after its label, or on the line under it: "Response: 14", "Answer to question 2: Not held",
# "A3. No", "Our response:" above "The Council operates 86 charging points."
ANSWER_LABEL = re.compile(
    r"""^[ \t]*(?:(?:(?:our|the)[ \t]+)?(?:answer|response|reply)s?(?:[ \t]+(?:to[ \t]+)?(?:q(?:uestion)?[ \t]*)?\d{1,2})?
          (?:[ \t]*:|[ \t]+[\u2013\u2014-][ \t]|[ \t]*:?[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?=[^\n]{1,160}(?:\n[ \t]*(?:\n|\Z)|\Z)))
          # on its line, or heading a paragraph of one short line
        | A(?:[ \t]?\d{1,2}[.:)]|:))
      [ \t]*(?P<answer>\S[^\n]*)""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
# A numbered or bulleted line that is only an answer: a figure, a nil, a yes or no, "not held".
BARE_ITEM = re.compile(
    r"""^[ \t]*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|Q\d{1,2}[.:)]?|[-•*])[ \t]+
      (?P<answer>(?:[£$]?\d[\d,]*(?:\.\d+)?%?|yes|no|none|nil|zero|not[ \t]+(?:held|recorded|known))\.?)[ \t]*$""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_DATE_ONLY = re.compile(
    r"\W*(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[ \t]+\d{1,2},?)?"
    r"[ \t]+\d{4}\W*|\W*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\W*",
    re.IGNORECASE,
)

# FOISA's notice that information is not held.
FOISA_NOT_HELD = re.compile(r"\b(?:section|s\.?)[ \t\xa0]?17\b(?![.,]\d)", re.IGNORECASE)
# The reasoning of a cost-limit refusal: figures in it are estimates, not answers.
COST = re.compile(r"\b(?:hours?|minutes?|cost|limit|estimat\w*|£\s?4[05]0|£\s?600)\b", re.IGNORECASE)
# The cost limit itself, however the refusal is framed (FOIA s.12, EIR "manifestly unreasonable").
COST_LIMIT = re.compile(
    rf"£\s?(?:450|600)\b|\b(?:18|24){_}hours\b|\b(?:appropriate|cost){_}limit\b|\bcost{_}of{_}compliance\b",
    re.IGNORECASE,
)
# A sentence of legal argument or contact details: its figures cite, they do not answer.
CITING = re.compile(
    r"\b(?:ILCS|U\.\s?S\.\s?C|Counselor|Commissioner|reviewed[ \t\n]+by|right[ \t\n]+(?:to|of)[ \t\n]+(?:review|appeal))\b"
    r"|\b(?:Ill|App|Dist|Supp|v|F)\.|\b(?:Ill|App)[ \t]+\d|\b\d[ \t]?d[ \t]+\d|§|\(\d{3}\)",
)

# A count of what the search found within the request's scope: the size of a release or a refusal, no answer.
IN_SCOPE = re.compile(
    rf"""\b(?:(?:fall|falls|fell|falling|come|comes|are|is){_}within{_}(?:the{_})?scope
      | (?:documents?|records?|pages?|files?|e-?mails?|items?|submissions?){_}(?:\w+{_}){{0,2}}?responsive{_}to
      | (?:identified|located|found|retrieved|hold|holds|reviewed){_}\d[\d,]*{_}(?:\w+{_}){{0,2}}?
        (?:documents?|records|pages?|files?|e-?mails?|submissions?)\b(?!{_}(?:of|on|about|for){_}(?!(?:the|your){_}request)))""",
    re.IGNORECASE | re.VERBOSE,
)

_NOT_HELD_EXCEPTIONS = frozenset({"12(4)(a)", "10(4)(a)"})

# WhatDoTheyKnow's (Alaveteli's) request statuses that say how a request ended.
_STATUSES = {
    "successful": "disclosed",
    "partially_successful": "partly_disclosed",
    "not_held": "not_held",
    "rejected": "refused",
}


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the letter says happened at ``span``.

    ``kind``: information handed over (``released``, ``figure``, a part ``answered`` in
    words, a ``nil`` answer), withheld (``withheld``, an ``exemption`` relied on,
    ``redacted``, ``published`` elsewhere), ``not_held``, ``ncnd``, the letter calling
    itself ``partial`` or saying it has ``nothing`` to give, a letter ``pending`` the answer
    (clarification, a fee, more time: it decides nothing), and the weak ones: ``given``
    ("see below"), ``refused_word``,
    ``prose`` (an answer in plain words, when nothing else is said).

    ``part`` is the request part (1-based) whose quoted question the statement follows;
    0 is the letter before any quoted question, or a letter that quotes none.
    """

    kind: str
    span: Span
    part: int = 0


# Signs of information handed over (a nil answer is the weakest of them, see decide) and withheld.
_DISCLOSED = frozenset({"released", "figure", "answered", "nil"})
_WITHHELD = frozenset({"withheld", "exemption", "published", "redacted"})
# What says what happened, as against a hint ("see below") or a word that may be the requester's.
_STRONG = _DISCLOSED | _WITHHELD | {"not_held", "ncnd"}
# Blocks that are not the letter's own words; boilerplate is read only when nothing else says anything.
# Tables are read: a grid of questions and answers holds the answers.
_STOCK = frozenset({"signature", "blank", "quote"})
_NOT_OWN = _STOCK | {"boilerplate"}
# A weak statement that reading it in its sentence may make a strong one: "refused" beside NCND is NCND's.
_TURNS_STRONG = frozenset({"refused_word"})


def extract_outcome(
    ctx: Context, exemptions: tuple[Exemption, ...], totals: tuple[Total, ...], tables: tuple[Table, ...]
) -> str:
    """One of the contract's outcomes; ``unknown`` when the letter gives no signal."""
    stated = _STATUSES.get(ctx.status or "") or _field(ctx)
    if stated is not None:
        return stated  # the page says how the request ended
    return decide(statements(ctx, exemptions, totals, tables))


# A disclosure log's own field for how the request ended: "Outcome: Information provided", "Decision: Refused".
OUTCOME_FIELD = re.compile(
    r"^[ \t]*(?:[-•*][ \t]*)?(?:(?:request|foi|final)[ \t]+)?(?:outcome|decision|result|status)(?:[ \t]*:|[ \t]+[\u2013\u2014-]|[ ]*\t)[ \t]*"
    r"(?P<value>[^\n]{2,60}?)[ \t.]*$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD_VALUES = (
    ("neither_confirm_nor_deny", re.compile(r"\bneither[ \t]+confirm|\bNCND\b", re.IGNORECASE)),
    (
        "partly_disclosed",
        re.compile(
            r"\bpartial(?:ly)?\b|\bpart[ \t]+(?:disclos|releas|provid|grant|refus|withh|suppl|answer)\w*|\bin[ \t]+part\b",
            re.IGNORECASE,
        ),
    ),
    (
        "not_held",
        re.compile(r"\bnot[ \t]+(?:held|recorded)\b|\bno[ \t]+(?:information|records?|data)\b", re.IGNORECASE),
    ),
    (
        "refused",
        re.compile(
            r"\b(?:refus\w*|withheld|exempt\w*|exception\w*|declined|rejected|denied|not[ \t]+(?:provided|disclosed|released))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "disclosed",
        re.compile(
            r"\b(?:provided|disclosed|released|granted|supplied|successful|answered|full[ \t]+disclosure)\b",
            re.IGNORECASE,
        ),
    ),
)


_CHOICE = re.compile(r"\bor\b|/|\?", re.IGNORECASE)


def _field(ctx: Context) -> str | None:
    """The outcome a page states in a field of its own ("Outcome: Information provided"), if it states one.

    Only a short value read as a verdict on its own line, outside the quoted request;
    a field whose value says nothing of the kind ("Outcome: see letter") is no answer.
    """
    for m in OUTCOME_FIELD.finditer(ctx.text, 0, ctx.history_start):
        value = m.group("value")
        if ctx.in_request(*m.span()) or len(value.split()) > 8 or _CHOICE.search(value):
            continue  # the request's words, or a form offering choices ("upheld or refused")
        for outcome, pattern in _FIELD_VALUES:
            if pattern.search(value):
                return outcome
    return None


def decide(found: Iterable[Statement]) -> str:
    """Combine statements (see :func:`statements`) into one outcome.

    Information handed over beside anything withheld, not held or neither confirmed nor
    denied is partial; withheld alone is a refusal, not held alone not held. A nil
    answer or a redaction counts as an answer but not as enough to outweigh NCND, and a
    nil answer beside "not held" with nothing else given reads as not held.
    """
    said = list(found)
    kinds = {s.kind for s in said}
    fates = set(_fates(said).values())
    handed = bool(kinds & (_DISCLOSED - {"nil"})) or "D" in fates
    answered = handed or bool(kinds & {"nil", "redacted"})
    withheld = bool(kinds & _WITHHELD) or "W" in fates
    not_held = "not_held" in kinds or "N" in fates
    if "ncnd" in kinds and not handed and not (kinds & {"exemption", "withheld"}):
        return "neither_confirm_nor_deny"  # it covers the whole request: nothing given or refused beside it
    if "partial" in kinds and (answered or withheld or "given" in kinds):
        return "partly_disclosed"
    if "nothing" in kinds and not_held and not withheld and not kinds & {"figure", "answered"} and "D" not in fates:
        return "not_held"  # nothing held to give: what is attached explains (a retention schedule, a link)
    if handed and (withheld or not_held or "ncnd" in kinds):
        return "partly_disclosed"
    if answered and not handed and not_held:
        # A nil answer beside "not held", both about the whole request: nothing to give.
        return "partly_disclosed" if withheld else "not_held"
    if answered and withheld:
        return "partly_disclosed"
    if answered:
        return "disclosed"
    if withheld:
        return "refused"
    if not_held:
        return "not_held"  # "this letter is a refusal notice" beside "not held" is a not-held answer
    if "refused_word" in kinds:
        return "refused"
    if "ncnd" in kinds:
        return "neither_confirm_nor_deny"
    if kinds & {"given", "prose"}:
        return "disclosed"
    return "unknown"


def _fates(said: list[Statement]) -> dict[int, str]:
    """Each quoted part's fate: D answered, W withheld, N not held (in that order of strength)."""
    by_part: dict[int, set[str]] = {}
    for s in said:
        if s.part:
            by_part.setdefault(s.part, set()).add(s.kind)
    out = {}
    for part, kinds in by_part.items():
        if kinds & _DISCLOSED:
            out[part] = "D"
        elif kinds & _WITHHELD:
            out[part] = "W"
        elif "not_held" in kinds:
            out[part] = "N"
    return out


def statements(
    ctx: Context, exemptions: tuple[Exemption, ...], totals: tuple[Total, ...], tables: tuple[Table, ...]
) -> list[Statement]:
    """Every statement of what happened to the request, each with the part it belongs to.

    Read above the e-mail history first; when the reply says nothing there (a forwarded
    or quoted reply), below it too; when the letter's own words say nothing at all,
    in what was taken for boilerplate as well (an answer inside a block of stock text).
    """
    end = stop = len(ctx.text)
    if len(ctx.blocks) > _MOST_BLOCKS:
        ctx.warnings.append(
            ParseWarning(
                "outcome_cut",
                f"{len(ctx.blocks):,} blocks: the outcome was read from the first {_MOST_BLOCKS:,}",
                ctx.blocks[_MOST_BLOCKS].span,
            )
        )
    out = _statements(ctx, exemptions, totals, tables, ctx.history_start)
    if not any(s.kind != "given" for s in out) and ctx.history_start < end:
        out = _statements(ctx, exemptions, totals, tables, end)
    else:
        stop = ctx.history_start
    if _substance(ctx, end):
        # What was taken for boilerplate may hold an answer run into it: words only (a bare table is
        # no letter), only what says what happened, in a sentence that is not stock text. When the
        # letter's own words say nothing, any sentence of it.
        strong = any(s.kind in _STRONG for s in out)
        seen = set(out)
        out += [
            s
            for s in _statements(ctx, exemptions, totals, (), end if not strong else stop, _STOCK, _STRONG)
            if s.kind in _STRONG and s not in seen and (not strong or not _stock_sentence(ctx, s.span, _MODAL))
        ]
    if not out and not ctx.messages:
        out = _prose(ctx, _substance(ctx, ctx.history_start, _NOT_OWN | {"table"}))
    return out


# Words of the stock text around an answer: re-use, rights, complaints, where to find things.
_STOCK_WORDS = re.compile(
    r"\b(?:re-?us\w*|licen[cs]\w*|copyright|commissioner|ICO|review|complain\w*|appeal\w*|dissatisfied|unhappy"
    r"|data\s+protection|privacy|disclosure\s+log|publication\s+scheme|www|https?|advice|guidance|the\s+Act\s+(?:allows|gives|requires))\b",
    re.IGNORECASE,
)


# Stock text speaks of what may happen ("information may be withheld where an exemption applies").
_MODAL = re.compile(r"\b(?:may|might|where|would|should|can|could|will)\b", re.IGNORECASE)


def _stock_sentence(ctx: Context, span: Span, *more: re.Pattern[str]) -> bool:
    """Whether the sentence at ``span`` is stock text (rights, re-use, where to find things)."""
    a, z = ctx.sentence(*span)
    a = max(a, span[0] - 250)
    z = min(z, span[1] + 250)
    return any(search(p, ctx.words, a, z) is not None for p in (_STOCK_WORDS, *more))


# A sentence about the letter itself, not an answer: thanks, receipt, handling, contact, rights.
_HANDLING = re.compile(
    r"\b(?:thank\w*|request\w*|receiv\w*|dear|regards|sincerely|faithfully|contact\w*|review\w*|complain\w*"
    r"|commissioner|queries|query|questions?|apolog\w*|delay\w*|dealt|handled|considered|licen[cs]e|re-use|email|e-mail"
    r"|clarif\w*|extend\w*|extension|deadline|acknowledg\w*|working|fees?|narrow\w*|process\w*|respond\w*|reply)\b",
    re.IGNORECASE,
)


# A sentence of plain prose: up to a full stop (not one inside a number or "Ltd."), or the end of the block.
_SENTENCE = re.compile(r"\S(?:[^.!?]|[.](?=\w))*(?:[.!?]+|$)")


def _prose(ctx: Context, ranges: list[Span]) -> list[Statement]:
    """An answer in plain words: a letter that says nothing else but tells the requester something.

    Weakest of all signs: it decides only when the letter has no other statement. It
    needs two sentences of the letter's own words that are not about the request's
    receipt and handling.
    """
    told = [
        m.span()
        for lo, hi in ranges
        for m in _SENTENCE.finditer(ctx.text, lo, hi)
        if len(_WORDS.findall(m.group())) >= 6 and not _HANDLING.search(m.group())
    ]
    return [Statement("prose", told[0])] if len(told) >= 2 else []


def _statements(
    ctx: Context,
    exemptions: tuple[Exemption, ...],
    totals: tuple[Total, ...],
    tables: tuple[Table, ...],
    stop: int,
    skip: frozenset[str] = _NOT_OWN,
    kept: frozenset[str] | None = None,
) -> list[Statement]:
    """The statements before ``stop``, read in the blocks not in ``skip``.

    ``kept``: the kinds the caller keeps, when it drops the rest. Then a phrase whose
    statements can only be of another kind is not looked for, unless the letter quotes
    questions: there every statement marks its part as said something of.
    """
    if not _substance(ctx, stop, skip | {"table"}):
        return []  # no words of its own: a bare table or annex says nothing of an outcome
    ranges = _substance(ctx, stop, skip)  # a table's cells too: a question-and-answer grid is read
    # The questions quoted between the answers (not a thread's messages, which are whole),
    # or repeated before each answer when the request is quoted whole elsewhere.
    whole = {m.span for m in ctx.messages}
    questions = sorted(s for s in ctx.request_spans if s not in whole and ranges[0][0] <= s[0] < ranges[-1][1])
    if not ctx.messages and len(questions) < 2:
        questions = _echoes(ctx, ranges)
        ranges = _without(ranges, questions)
    if ctx.messages or len(questions) < 2:
        questions = []
    ends = [q[1] for q in questions]
    out: list[Statement] = []

    def add(kind: str, span: Span) -> None:
        out.append(Statement(kind, span, bisect.bisect_right(ends, span[0])))

    for pattern, kind in (
        (RELEASED, "released"),
        (GIVEN, "given"),
        (NIL, "nil"),
        (REFUSED, "withheld"),
        (REFUSED_WORD, "refused_word"),
        (REDACTED, "redacted"),
        (PARTIAL, "partial"),
        (PUBLISHED, "published"),
        (NOT_HELD, "not_held"),
        (NOT_BROKEN_DOWN, "not_held"),
        (NCND, "ncnd"),
        (NOTHING, "nothing"),
        (PENDING, "pending"),
    ):
        if kept is not None and not questions and kind not in kept and kind not in _TURNS_STRONG:
            continue
        for (lo, hi), found in zip(ranges, _found(ctx, pattern, ranges), strict=True):
            for m in found:
                if kind in _DENIABLE and _NEGATED.search(ctx.text, max(lo, m.start() - 60), m.start()):
                    continue
                if kind == "released" and _NOT_DONE.search(ctx.text, max(lo, m.start() - 40), m.start()):
                    continue  # "it cannot be released to you"
                if kind in {"redacted", "released"} and _NOT_POSSIBLE.match(ctx.text, m.end(), min(hi, m.end() + 80)):
                    continue  # "a redacted version is not possible"
                add(kind, m.span())
    # What was taken for the request may hold the answer too (a question and its answer run together):
    # only the authority's own voice counts there, never a figure or a word the requester could write.
    for a, b in ctx.request_spans:
        if (a, b) in whole or a >= stop:
            continue
        for pattern, kind in (
            (RELEASED, "released"),
            (REFUSED, "withheld"),
            (REDACTED, "redacted"),
            (NOT_HELD, "not_held"),
        ):
            for m in _found(ctx, pattern, [(a, min(b, stop))])[0]:
                s0 = max(a, ctx.sentence(*m.span())[0])
                if not _ASKING.search(ctx.text, s0, m.start()) and not _NEGATED.search(ctx.text, s0, m.start()):
                    add(kind, m.span())
    # An answer under its label ("Response: ...", "A2: ..."): the authority's voice even inside what was
    # taken for the request (a question and its answer run together).
    readable = sorted([*ranges, *((a, min(b, stop)) for a, b in ctx.request_spans if (a, b) not in whole and a < stop)])
    starts = [a for a, _ in readable]
    for m in ANSWER_LABEL.finditer(ctx.text, readable[0][0], readable[-1][1]):  # a label may head the next block
        begins = m.start("answer")
        i = bisect.bisect_right(starts, begins) - 1
        if i < 0 or begins >= readable[i][1]:
            continue  # the answer is not in words the letter's own or the request's
        if (told := _cell_kind(m.group("answer"))) is not None and not _DATE_ONLY.fullmatch(m.group("answer")):
            add(told, m.span("answer"))
    # A numbered list of bare answers ("1. 2,400", "2. Nil", "3. Not held"): no question reads like that.
    for found in _found(ctx, BARE_ITEM, ranges):
        for m in found:
            if _count(m.group("answer").rstrip(".")) and (told := _cell_kind(m.group("answer"))) is not None:
                add(told, m.span("answer"))
    # Every answer figure holds a digit: a block without one cannot match.
    with_digits = [(lo, hi) for lo, hi in ranges if _A_DIGIT.search(ctx.text, lo, hi) is not None]
    for found in _found(ctx, ANSWER_FIGURE, with_digits):
        for m in found:
            at = next(m.span(g) for g in ("n", "m", "k", "j") if m.group(g) is not None)
            if _count(ctx.text[at[0] : at[1]]) and _answers(ctx, at, {e.kind for e in exemptions}):
                add("figure", at)
    if "FOISA" in ctx.laws:
        for lo, hi in ranges:
            for m in FOISA_NOT_HELD.finditer(ctx.text, lo, hi):
                add("not_held", m.span())
    for table in tables:
        if table.span[0] < stop and not ctx.in_request(*table.span) and _figures(table):
            add("released", table.span)
    for table in tables:
        if table.span[0] < stop:
            out.extend(_answer_column(table.columns, table.rows, table.span))
    out.extend(_drawn_grids(ctx, stop))
    kinds = {e.kind for e in exemptions}
    for total in totals:
        if total.span[0] < stop and _answers(ctx, total.span, kinds):
            add("figure", total.span)
    # A section cited where the letter neither confirms nor denies is NCND's wherever else it is argued.
    ncnd_sections = {_section(e) for e in exemptions if _in_ncnd_sentence(ctx, e) or _ncnd_provision(e)}
    for e in exemptions:
        if e.provision in _NOT_HELD_EXCEPTIONS or (e.law == "FOISA" and e.provision == "17"):
            add("not_held", e.span)
        elif _section(e) in ncnd_sections:
            add("ncnd", e.span)
        else:
            add("exemption", e.span)
    out = _reframe(ctx, out, {t.span for t in tables})
    if questions:
        out.extend(_plain_answers(ctx, ranges, questions, {s.part for s in out}))
    return sorted(out, key=lambda s: s.span)


def _found(ctx: Context, pattern: re.Pattern[str], ranges: list[Span]) -> list[list[re.Match[str]]]:
    """A pattern's matches over each range, kept on the document.

    ``statements`` reads the same blocks more than once (the letter, then with its
    boilerplate), and the phrase patterns are the costliest part of finding the outcome.
    """
    known, pid = ctx.matches, id(pattern)  # patterns are module constants: their ids are theirs for the whole parse
    missing = [r for r in ranges if (pid, *r) not in known]
    if missing:
        for r, found in zip(missing, finditer_each(pattern, ctx.words, missing), strict=True):
            known[pid, *r] = found
    return [known[pid, lo, hi] for lo, hi in ranges]


_A_DIGIT = re.compile(r"\d")
_READ_AT_MOST = 20
_CONDITIONAL = frozenset({"not_held", "withheld", "refused_word", "released", "redacted", "nil", "nothing"})


def _reframe(ctx: Context, said: list[Statement], whole: set[Span]) -> list[Statement]:
    """Each statement read in its sentence.

    Dropped: whatever stands in the requester's review rights, a phrase that is asked
    or supposed ("please confirm whether it is held"), and "held" or "not held" said
    where the letter neither confirms nor denies ("is or is not held"). A withholding
    said only of information if held ("were it held, it would be exempt") is the
    reasoning of a neither-confirm-nor-deny when the letter gives one, else nothing.
    A table (in ``whole``) or a grid is no sentence and stays as it is. Bounded work:
    only the first few statements of each kind in each part are read (the outcome
    needs to know what was said, not how often).
    """
    ncnd = any(s.kind == "ncnd" for s in said)
    out = []
    read: dict[tuple[str, int], int] = {}
    for s in said:
        if s.span in whole or s.span[1] - s.span[0] > 1000:
            out.append(s)
            continue
        read[s.kind, s.part] = n = read.get((s.kind, s.part), 0) + 1
        if n > _READ_AT_MOST:
            continue
        a, z = ctx.sentence(*s.span)
        # Within the paragraph and near: a "sentence" that runs over a list is no one sentence.
        a = min(max(a, s.span[0] - 250, ctx.text.rfind("\n\n", max(0, s.span[0] - 250), s.span[0]) + 1), s.span[0])
        z = max(min(z, s.span[1] + 250), s.span[1])
        if RIGHTS.search(ctx.text, a, z) and _RIGHTS_TOPIC.search(ctx.text, a, z):
            continue
        if s.kind in {"withheld", "exemption", "refused_word", "published"} and search(HYPOTHETICAL, ctx.words, a, z):
            if ncnd:
                out.append(Statement("ncnd", s.span, s.part))
            continue
        if s.kind in {"not_held", "given"} and search(NCND, ctx.words, a, z):
            continue
        if s.kind in {"exemption", "figure", "withheld", "refused_word"} and search(PENDING, ctx.words, a, z):
            continue  # "we have extended the time to consider section 43", "the Council has over 40 services"
        if s.kind == "released" and _explains(ctx, a, z, s.span):
            continue  # what is attached or set out below explains the answer ("our retention schedule is attached")
        if s.kind == "not_held" and _says_no(ctx, s.span):
            out.append(Statement("nil", s.span, s.part))
            continue
        if s.kind in {"redacted", "released"} and search(_WOULD, ctx.words, a, s.span[0]):
            continue  # work a refusal says it would take ("would need to be located and redacted"), not done
        if s.kind in {"withheld", "refused_word"} and ncnd and _after_ncnd(ctx, a, z):
            out.append(Statement("ncnd", s.span, s.part))  # "... is exempt": the harm in confirming or denying
            continue
        if s.kind == "published" and search(RELEASED, ctx.words, a, z):
            continue  # published and sent all the same: "it is on our website and attached for ease"
        if s.kind in _CONDITIONAL and search(_SUPPOSED, ctx.words, _clause_start(ctx.text, a, s.span[0]), s.span[0]):
            continue
        out.append(s)
    return out


# What a letter attaches or sets out to explain its answer, not information asked for: its reasons,
# the public interest test, how long records are kept, guidance, or anything offered as "may be helpful".
_EXPLAINING = re.compile(
    rf"""\b(?:public{_}interest|reasons?|reasoning|explanation|(?:retention|disposal|records?){_}(?:and{_}disposal{_})?schedule
      | retention{_}(?:policy|period)|guidance|leaflet|(?:complaints?|review|appeals?){_}(?:procedure|process)|your{_}rights
      | (?:the|these|this){_}exemptions?|(?:may|might){_}(?:\w+{_}){{0,3}}?(?:helpful|useful|of{_}(?:interest|help|use|assistance)))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A clause that is a relative clause inside its sentence's subject.
_RELATIVE = re.compile(r"[ \t\n]*(?:which|who)\b", re.IGNORECASE)
# Where the object of "please find attached ..." ends: "a spreadsheet, as per the explanation above".
_OBJECT_END = re.compile(r"[.;:!?]|\b(?:and|but|which|that|as|per|with|following|from|for|under)\b", re.IGNORECASE)


def _explains(ctx: Context, a: int, z: int, span: Span) -> bool:
    """Whether a release at ``span`` (in the sentence ``a..z``) hands over an explanation, not what was asked.

    Read in its clause: the subject before it ("our retention schedule is attached") and
    its object up to the next clause ("please find attached the guidance, which ...").
    Not when the request itself asked for that kind of thing (a copy of the retention schedule).
    """
    end = _OBJECT_END.search(ctx.text, span[1], z)
    start = _clause_start(ctx.text, a, span[0])
    while start > a:  # the subject past a relative clause: "X, which you may find useful, is attached"
        before = _clause_start(ctx.text, a, start - 1)
        if not _RELATIVE.match(ctx.text, before):
            break
        start = _clause_start(ctx.text, a, before - 1) if before > a else a
    m = search(_EXPLAINING, ctx.words, start, end.start() if end else z)
    if m is None:
        return False
    asked = re.compile(r"[\W_]+".join(re.escape(w) for w in _WORDS.findall(m.group())), re.IGNORECASE)
    return not any(asked.search(ctx.text, lo, hi) for lo, hi in ctx.request_spans)


# "We do not have a travel policy" and what it is about: the thing said not to exist, not information.
_HAVE_NOT = re.compile(r"(?:do|does|did)[ \t\n]+not[ \t\n]+have|(?:don|doesn|didn)[’']t[ \t\n]+have", re.IGNORECASE)
_HAD = re.compile(
    r"[ \t\n]+(?:(?:a|an|any)[ \t\n]+)?(?:[\w-]+[ \t\n]+){0,3}?(?P<head>[\w-]+)"
    r"(?=[ \t\n]*(?:[.,;:!?)]|$)|[ \t\n]+(?:for|on|in|of|that|which|to|at|with|and|or|but|as|because|currently|instead|yet)\b)",
    re.IGNORECASE,
)
_INFO_HEAD = re.compile(
    r"(?:information|records?|data|figures?|details|cop(?:y|ies)|documents?|files?|breakdown|list|statistics|numbers?"
    r"|footage|recordings?|reports?|correspondence|e-?mails?|minutes|logs?|notes|evidence|photographs?|images?"
    r"|documentation|paperwork|spreadsheets?|access|way|means|system|ability|capacity|scope|time|resources?)",
    re.IGNORECASE,
)


def _says_no(ctx: Context, span: Span) -> bool:
    """Whether "we do not have a X" answers a question that asked whether there is one ("Does it have an X?").

    Then it is a "no", an answer like any other; said of information or records, or where
    the request asked for a copy of X, it is a not-held answer.
    """
    if not ctx.request_spans:
        return False
    said = list(NOT_HELD.finditer(ctx.text, *span)) if span[1] - span[0] <= 1000 else []
    return bool(said) and all(_no_to(ctx, m.span()) for m in said)


def _no_to(ctx: Context, span: Span) -> bool:
    """Whether one not-held phrase at ``span`` is "do not have" said of a thing a yes/no question asked about."""
    if _HAVE_NOT.fullmatch(ctx.text, *span) is None:
        return False
    m = _HAD.match(ctx.text, span[1], min(len(ctx.text), span[1] + 80))
    if m is None or _INFO_HEAD.fullmatch(m.group("head")):
        return False
    asked = re.compile(
        rf"(?:^|[.?!:][ \t]+)[^\w\n]*(?:\d{{1,2}}[.)][ \t]*)?(?:does|do|has|have|is[ \t]+there|are[ \t]+there)\b"
        rf"[^?\n.]{{0,150}}\b{re.escape(m.group('head'))}s?\b[^?\n.]{{0,100}}\?",
        re.IGNORECASE | re.MULTILINE,
    )
    return any(asked.search(ctx.text[a : min(b, a + 20_000)]) for a, b in ctx.request_spans)


# What would have to be done, not what was: "documents which would require to be ... redacted".
_WOULD = re.compile(
    r"\b(?:(?:would|could|might)(?:[ \t\n]+(?:need|require|have))?|needs?|required?s?)[ \t\n]+(?:to[ \t\n]+)?be\b"
    r"(?:\W+(?!(?:has|have|had|is|are|was|were)\b)\w+){0,6}\W*$",  # no new clause: "where it would be unfair, names were"
    re.IGNORECASE,
)

# "No information has been withheld", "we have not redacted": a withholding denied.
_DENIABLE = frozenset({"withheld", "redacted", "refused_word"})
_NOT_POSSIBLE = re.compile(
    r"[^.;\n]{0,40}?\b(?:(?:is|was|are|were|would[ \t\n]+be)[ \t\n]+not[ \t\n]+(?:possible|feasible|practicable|appropriate)"
    r"|cannot[ \t\n]+be[ \t\n]+(?:provided|produced|made|released)|(?:is|are)[ \t\n]+impossible)\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(r"\b(?:not|cannot|can[’']t|unable[ \t\n]+to|never)(?:[ \t\n]+\w+){0,2}[ \t\n]*$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|nothing|none|never)\b(?:\W+\w+){0,4}\W*$", re.IGNORECASE)
# The requester's voice before a phrase: "if the information is not held", "please confirm whether".
_ASKING = re.compile(r"\b(?:if|whether|please|you|your|I|we\s+would|would\s+like|request\w*)\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[\W_]{0,6}(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)][\W_]{0,4})?", re.IGNORECASE)
_NUMBERED = re.compile(r"[ \t]*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|Q\d{1,2}[.:]?|[-•*])[ \t]+", re.IGNORECASE)


def _echoes(ctx: Context, ranges: list[Span]) -> list[Span]:
    """Where the letter repeats the request's lines, one span per question repeated before its answer.

    Each line of the quoted request (four words or more) is looked for, word by word, in
    the letter's own words; echoes of neighbouring lines join into one question.
    """
    found: list[Span] = []
    lo, hi = ranges[0][0], ranges[-1][1]
    lines = [line for a, b in ctx.request_spans for line in ctx.text[a : min(b, a + 20_000)].split("\n")]
    for line in lines[:80]:  # bounded work, however long the request
        if (m := _NUMBERED.match(line)) is not None:
            line = line[m.end() :]
        words = _WORDS.findall(line)
        if len(words) < 4:
            continue
        found.extend(span for span in _repeated(ctx.text, words, lo, hi) if not ctx.in_request(span[0], span[0]))
    merged: list[Span] = []
    for a, b in sorted(found):
        if merged and _JOIN.fullmatch(ctx.text, merged[-1][1], a):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged if len(merged) >= 2 else []


def _repeated(text: str, words: list[str], lo: int, hi: int) -> list[Span]:
    r"""Each place in ``text[lo:hi]``, left to right and not overlapping, where ``words`` follow one another whole.

    The spans of searching for ``\bw1[\W_]+w2[\W_]+ ... wn\b`` over the range, without
    compiling a pattern for every line of every letter's request: each place the first
    word stands is checked word by word.
    """
    first, out = words[0], []
    at = text.find(first, lo, hi)
    while at != -1:
        end = _run_from(text, words, at, hi)
        if end is not None:
            out.append((at, end))
        at = text.find(first, end if end is not None else at + 1, hi)
    return out


def _run_from(text: str, words: list[str], at: int, hi: int) -> int | None:
    """Where ``words`` end if they stand whole from ``at``, apart only by what is not a letter or digit."""
    if at > 0 and is_word_char(text[at - 1]):
        return None
    pos = at + len(words[0])
    for word in words[1:]:
        gap = pos
        while gap < hi and not text[gap].isalnum():
            gap += 1
        if gap == pos or gap + len(word) > hi or not text.startswith(word, gap):
            return None
        pos = gap + len(word)  # a word that runs on is caught at the next gap, or at the end
    return None if pos < hi and is_word_char(text[pos]) else pos


def _without(ranges: list[Span], cuts: list[Span]) -> list[Span]:
    """``ranges`` with ``cuts`` taken out."""
    out = []
    for lo, hi in ranges:
        for a, b in cuts:
            if b <= lo or a >= hi:
                continue
            if a > lo:
                out.append((lo, a))
            lo = max(lo, b)
        if lo < hi:
            out.append((lo, hi))
    return out


# A grid's column that holds the authority's answers, beside one that holds the questions.
_ANSWER_HEAD = re.compile(
    r"\b(?:response|answer|reply|outcome|information\s+(?:provided|held|released))\b", re.IGNORECASE
)
_CITED = re.compile(r"\b(?:exempt\w*|(?:section|s|reg(?:ulation)?)\.?\s*\d)", re.IGNORECASE)
_GRID_LINE = re.compile(r"^[ \t]*[|+].*[|+][ \t]*$", re.MULTILINE)
_GRID_RULE = re.compile(r"[ \t]*[+|]?[-=:+| ]*-{3}[-=:+| ]*")
_GRID_PART = 1000  # grid rows are parts of their own, numbered apart from quoted questions


def _answer_column(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]], span: Span) -> list[Statement]:
    """What each row of a question-and-answer grid says happened to its question.

    Only a grid whose header names an answer column after another column: a grid of
    figures is read as a release elsewhere.
    """
    col = next((j for j, head in enumerate(columns) if j and _ANSWER_HEAD.search(head)), None)
    if col is None:
        return []
    out = []
    for i, row in enumerate(rows, start=_GRID_PART):
        cell = row[col] if col < len(row) else ""
        if (kind := _cell_kind(cell)) is not None:
            out.append(Statement(kind, span, i))
    return out


def _cell_kind(cell: str) -> str | None:
    """An answer cell's statement: NCND, not held, withheld, published elsewhere, or answered."""
    if not re.search(r"[^\W_]", cell):
        return None
    for pattern, kind in (
        (NCND, "ncnd"),
        (NOT_HELD, "not_held"),
        (NOT_BROKEN_DOWN, "not_held"),
        (REFUSED, "withheld"),
        (REFUSED_WORD, "withheld"),
        (_CITED, "withheld"),
        (PUBLISHED, "published"),
        (RELEASED, "released"),
        (GIVEN, "given"),
    ):
        if pattern.search(cell):
            return kind
    if re.search(rf"\b(?:see|attached|enclosed)\b.*\b{_COVER}\b", cell, re.IGNORECASE):
        return None  # "see the attached letter": the answer is elsewhere
    return "answered"


def _drawn_grids(ctx: Context, stop: int) -> list[Statement]:
    """Question-and-answer grids drawn with ``|`` and ``+---+`` that no table reader took."""
    out: list[Statement] = []
    if ctx.text.find("|", 0, stop) == -1 and ctx.text.find("+", 0, stop) == -1:
        return out  # a grid line holds a "|" or a "+": most letters have neither, and need no scan
    skip = [b.span for b in ctx.blocks if b.kind in ("boilerplate", "signature")]
    runs: list[list[re.Match[str]]] = []
    for m in _GRID_LINE.finditer(ctx.text, 0, stop):
        if runs and ctx.text.count("\n", runs[-1][-1].end(), m.start()) == 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if any(a <= run[0].start() < b for a, b in skip):
            continue
        ruled = sum(1 for m in run if _GRID_RULE.fullmatch(m.group())) > 2
        groups: list[list[str]] = [[]]
        for m in run:
            if _GRID_RULE.fullmatch(m.group()):
                groups.append([])
            else:
                groups[-1].append(m.group().strip().strip("|"))
                if not ruled:
                    groups.append([])
        rows = [
            tuple(
                " ".join(part.strip() for part in cell).strip()
                for cell in zip(*(ln.split("|") for ln in g), strict=False)
            )
            for g in groups
            if g
        ]
        if len(rows) >= 2:
            out.extend(_answer_column(rows[0], rows[1:], (run[0].start(), run[-1].end())))
    return out


def _count(number: str) -> bool:
    """Whether a figure can be a count or a sum: not a year written alone ("in 2019 there were")."""
    return not re.fullmatch(r"(?:19|20)\d\d", number)


def _answers(ctx: Context, span: Span, exemption_kinds: set[str | None]) -> bool:
    """Whether a figure at ``span`` reads as an answer.

    Not an estimate in a refusal's reasoning, a citation, a count of what the search
    found, or a not-held note.
    """
    if exemption_kinds and exemption_kinds <= {"vexatious", "repeated"}:
        return False  # a vexatious request is not answered; its figures are the requester's history
    a, z = ctx.sentence(*span)
    if ("cost_limit" in exemption_kinds and COST.search(ctx.text, a, z)) or search(COST_LIMIT, ctx.words, a, z):
        return False
    if CITING.search(ctx.text, a, z) or search(IN_SCOPE, ctx.words, a, z):
        return False
    # "Not held" said of another part in the same sentence ("we do not hold X; the total is 12") leaves the figure.
    for m in _CLAUSE.finditer(ctx.text, a, z):
        if m.end() <= span[0]:
            a = m.end()
        elif m.start() >= span[1]:
            z = m.start()
            break
    return search(NOT_HELD, ctx.words, a, z) is None


# Where one clause of a sentence ends and another, about something else, begins.
_CLAUSE = re.compile(r";|\b(?:but|however|whereas|although)\b", re.IGNORECASE)


def _figures(table: Table) -> bool:
    """Whether a table holds figures (a form laid out as a grid of labels is no release)."""
    return sum(any(c.isdigit() for c in cell) for row in table.rows for cell in row[1:]) >= 2


_NOT_AN_ANSWER = re.compile(r"\b(?:request|freedom|information|complain\w*|review|commissioner|act)\b", re.IGNORECASE)


def _plain_answers(ctx: Context, ranges: list[Span], questions: list[Span], flagged: set[int]) -> list[Statement]:
    """A part answered in words ("No targets are in place", "MEDEQUIP Ltd") with nothing withheld or not held.

    Only between two quoted questions: after the last one the letter's closing begins.
    """
    out = []
    for i in range(1, len(questions)):
        if i in flagged:
            continue
        q1, stop = questions[i - 1][1], questions[i][0]
        text = " ".join(ctx.text[max(lo, q1) : min(hi, stop)] for lo, hi in ranges if lo < stop and hi > q1)
        if re.search(r"[A-Za-z0-9]{2,}", text) and not _NOT_AN_ANSWER.search(text):
            out.append(Statement("answered", (q1, stop), i))
    return out


def _section(exemption: Exemption) -> tuple[str, str]:
    """The law and section an exemption's provision belongs to: ``30(3)`` -> ``30``."""
    return exemption.law, exemption.provision.split("(")[0]


def _clause_start(text: str, a: int, at: int) -> int:
    """Where the clause holding ``at`` begins: "we checked whether we hold it, and it is not held"."""
    cuts = [m.end() for m in re.finditer(r"[,;:]|\b(?:and|but)\b", text[a:at])]
    return a + cuts[-1] if cuts else a


def _after_ncnd(ctx: Context, a: int, z: int) -> bool:
    """Whether the sentence ``a..z`` or the one before it neither confirms nor denies."""
    before = ctx.sentence(a - 2, a - 1)[0] if a > 1 else a
    return search(NCND, ctx.words, max(before, a - 400), z) is not None


def _ncnd_provision(exemption: Exemption) -> bool:
    """Whether an exemption is a provision that exists to neither confirm nor deny (FOIA s.23(5), FOISA s.18...)."""
    pattern = _NCND_PROVISIONS.get(exemption.law)
    return pattern is not None and pattern.match(exemption.provision) is not None


def _in_ncnd_sentence(ctx: Context, exemption: Exemption) -> bool:
    """Whether an exemption is cited in a sentence saying it will neither confirm nor deny, or the one after it."""
    a, hi = ctx.sentence(*exemption.span)
    lo = ctx.sentence(a - 2, a - 1)[0] if a > 1 else a
    return search(NCND, ctx.words, lo, hi) is not None or "confirm or deny" in ctx.text[lo:hi].lower()


def _substance(ctx: Context, stop: int, skip: frozenset[str] = _NOT_OWN) -> list[Span]:
    """The letter's own words before ``stop``: no ``skip`` blocks (boilerplate, signature...) or quoted request.

    Only the first ``_MOST_BLOCKS`` blocks are read: each is scanned by every phrase
    pattern, and 150,000 one-character paragraphs took 12 seconds and 180 MB.
    """
    own = [
        (block.span[0], min(block.span[1], stop))
        for block in ctx.blocks[:_MOST_BLOCKS]
        if block.kind not in skip and block.span[0] < stop
    ]
    return _without(own, sorted(ctx.request_spans))


_MOST_BLOCKS = 20_000
