"""The outcome of the request, read from what the letter says happened to each part of it.

The letter's own words (not the complaints boilerplate, the signature, the quoted
request or the e-mail history below the reply) are read for statements: information
given (figures, tables, "please find attached", a nil answer), withheld (an exemption
relied on, "refused", redactions, a pointer to published information), not held, and
neither-confirm-nor-deny. Each statement belongs to the request part whose quoted
question it follows, or to the whole letter. The outcome combines them: some parts
answered and some withheld or not held is ``partly_disclosed``; everything withheld is
``refused``; nothing held is ``not_held``; NCND only when it covers the whole request.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from foiparse.extract.context import Context
from foiparse.model import Exemption, Span, Table, Total

_ = r"[ \t\n\xa0]+"  # white space inside a phrase: line breaks and no-break spaces included

NCND = re.compile(
    rf"""\b(?:neither{_}confirm{_}n?or{_}deny
      | (?:refuse|decline|not|unable){_}(?:to{_})?confirm{_}or{_}deny
      | confirm(?:ing)?{_}or{_}deny(?:ing)?{_}(?:whether|that|if)
      | confirming{_}or{_}denying)\b""",
    re.IGNORECASE | re.VERBOSE,
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
      | (?:unable{_}to|could{_}not|cannot){_}(?:locate|find|identify){_}(?:any{_})?(?:responsive{_}|relevant{_})?(?:records|documents|information)
      | there{_}(?:are|were){_}no{_}(?:responsive{_}|relevant{_})?(?:records|documents)
      | no{_}(?:records|documents){_}responsive
      | no{_}(?:recorded{_}|relevant{_})?information{_}(?:is{_}|was{_}|has{_}been{_})?(?:held|found|located|recorded)
      | hold[s]?{_}no{_}(?:recorded{_}|relevant{_})?information
      | no{_}(?:such{_}|responsive{_})?records?{_}(?:exist|are{_}held|were{_}found|were{_}located|could{_}be{_}(?:found|located))
      | (?:have|has|hold|holds|keep|keeps){_}no{_}(?:records?|(?:recorded{_})?information{_}(?:on|about|regarding|relating|that|which|held))
      | (?:did|could){_}not{_}(?:locate|find|identify){_}any{_}(?:responsive{_})?(?:records|documents|information)
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
      | results{_}are{_}given|in{_}response{_}to{_}your{_}(?:questions?|request){_}(?:below|as{_}follows))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_HANDED = r"(?:records|documents|files?|data(?:set)?|information|spreadsheets?|minutes|papers|ledger)"
# Information actually handed over: enough, beside a refusal, to make the outcome partial.
RELEASED = re.compile(
    rf"""\b(?:please{_}(?:find|see){_}(?:attached|enclosed|the{_}attached)(?:{_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+|[ \t]*:)
      | (?:attached|enclosed){_}(?:is|are|please{_}find|you{_}will{_}find){_}(?:the|an?|copies|cop(?:y|ies){_}of|all|each|our|\d+)\b
        (?!{_}{_COVER}\b)
      | (?:enclosed|attached){_}please{_}find{_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+
      | (?:request|it){_}(?:is|has{_}been){_}granted(?!{_}in{_}part)
      | (?:we|I){_}(?:have{_})?(?:attached|enclosed){_}(?!(?:(?:my|our|a|the){_})?{_COVER}\b)\w+
      | (?:the|these|those|responsive){_}(?:[\w-]+{_}){{0,3}}?{_HANDED}
        {_}(?:\w+{_}){{0,3}}?(?:is|are|have{_}been|has{_}been){_}(?:attached|enclosed|provided|released|disclosed)
      | (?:is|are){_}(?:attached|enclosed|provided{_}below|set{_}out{_}below)
      | (?<!previously[ ])(?<!already[ ])(?:released|disclosed|provided){_}(?:in{_}full|below
            |to{_}you(?!{_}(?:in|with){_}(?:your|the|our){_}(?:original|previous|earlier|first)))
      | (?:are|am){_}(?:able{_}to|pleased{_}to){_}(?:provide|release|disclose)
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
# "Refused" said alone: a refusal unless the letter also hands something over.
REFUSED_WORD = re.compile(
    rf"""\b(?:refus(?:ed|ing|al)(?!{_}(?:collection|to{_}confirm))|refuses?{_}(?:your|this|the|it|to(?!{_}confirm))|denied|denial
      # a review or appeal that upholds the first decision, whatever it was
      | (?<!not[ ])(?:concur|agree){_}with{_}the{_}(?:\w+{_}){{0,2}}?(?:determination|decision|RAO|records{_}access{_}officer)
      | (?:upheld|uphold|upholding){_}(?:the|our){_}(?:original{_}|initial{_})?(?:decision|refusal|determination))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Information withheld or the request refused, in words.
REFUSED = re.compile(
    rf"""\b(?:exempt{_}from{_}(?:disclosure|release|production)|withheld{_}in{_}full|unable{_}to{_}comply
      | (?:request|appeal|access){_}(?:is|was|has{_}been|must{_}be){_}(?:denied|declined)
      | (?:decided|decision){_}not{_}to{_}(?:disclose|release|provide)
      | not{_}(?:obliged|required){_}to{_}comply
      | (?:is|are){_}exempt{_}(?:under|by{_}virtue|pursuant)
      | will{_}not{_}be{_}(?:disclosing|releasing|providing)
      | (?:withhold|withholding){_}(?:the|this|that|these|those|all){_}(?:\w+{_}){{0,2}}?(?:information|records|documents|data)
      | den(?:y|ied|ying){_}(?:the|your){_}(?:request|appeal)
      | (?:cannot|can{_}not|will{_}not){_}be{_}(?:shared|disclosed|released)
      | (?:have{_}been|has{_}been|is|are|been|being){_}withheld
      | exceed(?:s|ed)?{_}the{_}(?:appropriate{_}|cost{_}|fees{_})?(?:cost{_})?limit
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
      | partial(?:ly)?{_}(?:upheld|granted|disclosed|released|successful)
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
      | previous{_}responses)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# FOISA's notice that information is not held.
FOISA_NOT_HELD = re.compile(rf"\bsection{_}17\b", re.IGNORECASE)
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
    itself ``partial``, and the weak ones: ``given`` ("see below"), ``refused_word``,
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


def extract_outcome(
    ctx: Context, exemptions: tuple[Exemption, ...], totals: tuple[Total, ...], tables: tuple[Table, ...]
) -> str:
    """One of the contract's outcomes; ``unknown`` when the letter gives no signal."""
    stated = _STATUSES.get(ctx.status or "")
    if stated is not None:
        return stated  # the page says how the request ended
    return decide(statements(ctx, exemptions, totals, tables))


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
    end = len(ctx.text)
    out = _statements(ctx, exemptions, totals, tables, ctx.history_start)
    if not any(s.kind != "given" for s in out) and ctx.history_start < end:
        out = _statements(ctx, exemptions, totals, tables, end)
    if not any(s.kind in _STRONG for s in out) and _substance(ctx, end):
        # Words only (a bare table is no letter), and only what says what happened.
        out += [s for s in _statements(ctx, exemptions, totals, (), end, _STOCK) if s.kind in _STRONG and s not in out]
    if not out and not ctx.messages:
        out = _prose(ctx, _substance(ctx, ctx.history_start, _NOT_OWN | {"table"}))
    return out


# A sentence about the letter itself, not an answer: thanks, receipt, handling, contact, rights.
_HANDLING = re.compile(
    r"\b(?:thank\w*|request\w*|receiv\w*|dear|regards|sincerely|faithfully|contact\w*|review\w*|complain\w*"
    r"|commissioner|queries|query|questions?|apolog\w*|delay\w*|dealt|handled|considered|licen[cs]e|re-use|email|e-mail"
    r"|clarif\w*|extend\w*|extension|deadline|acknowledg\w*|working|fees?|narrow\w*|process\w*|respond\w*|reply)\b",
    re.IGNORECASE,
)


def _prose(ctx: Context, ranges: list[Span]) -> list[Statement]:
    """An answer in plain words: a letter that says nothing else but tells the requester something.

    Weakest of all signs: it decides only when the letter has no other statement. It
    needs two sentences of the letter's own words that are not about the request's
    receipt and handling.
    """
    told = []
    for lo, hi in ranges:
        at = lo
        while at < hi:
            a, z = ctx.sentence(at, at + 1)
            z = min(max(z, at + 1), hi)
            sentence = ctx.text[max(a, lo) : z]
            if len(_WORDS.findall(sentence)) >= 6 and not _HANDLING.search(sentence):
                told.append((max(a, lo), z))
            at = z
    return [Statement("prose", told[0])] if len(told) >= 2 else []


def _statements(
    ctx: Context,
    exemptions: tuple[Exemption, ...],
    totals: tuple[Total, ...],
    tables: tuple[Table, ...],
    stop: int,
    skip: frozenset[str] = _NOT_OWN,
) -> list[Statement]:
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
    ):
        for lo, hi in ranges:
            for m in pattern.finditer(ctx.text, lo, hi):
                if kind not in _DENIABLE or not _NEGATED.search(ctx.text, max(lo, m.start() - 60), m.start()):
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
            for m in pattern.finditer(ctx.text, a, min(b, stop)):
                s0 = max(a, ctx.sentence(*m.span())[0])
                if not _ASKING.search(ctx.text, s0, m.start()) and not _NEGATED.search(ctx.text, s0, m.start()):
                    add(kind, m.span())
    if "FOISA" in ctx.laws:
        for lo, hi in ranges:
            for m in FOISA_NOT_HELD.finditer(ctx.text, lo, hi):
                add("not_held", m.span())
    for table in tables:
        if table.span[0] < stop and not ctx.in_request(*table.span) and _figures(table):
            add("released", table.span)
    kinds = {e.kind for e in exemptions}
    for total in totals:
        if total.span[0] < stop and _answers(ctx, total, kinds):
            add("figure", total.span)
    # A section cited where the letter neither confirms nor denies is NCND's wherever else it is argued.
    ncnd_sections = {_section(e) for e in exemptions if _in_ncnd_sentence(ctx, e)}
    for e in exemptions:
        if e.provision in _NOT_HELD_EXCEPTIONS or (e.law == "FOISA" and e.provision == "17"):
            add("not_held", e.span)
        elif _section(e) in ncnd_sections:
            add("ncnd", e.span)
        else:
            add("exemption", e.span)
    if questions:
        out.extend(_plain_answers(ctx, ranges, questions, {s.part for s in out}))
    return sorted(out, key=lambda s: s.span)


# "No information has been withheld", "we have not redacted": a withholding denied.
_DENIABLE = frozenset({"withheld", "redacted", "refused_word"})
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
        pattern = re.compile(r"\b" + r"[\W_]+".join(re.escape(w) for w in words) + r"\b")
        at = lo
        while (m := pattern.search(ctx.text, at, hi)) is not None:
            if not ctx.in_request(m.start(), m.start()):
                found.append(m.span())
            at = m.end()
    merged: list[Span] = []
    for a, b in sorted(found):
        if merged and _JOIN.fullmatch(ctx.text, merged[-1][1], a):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged if len(merged) >= 2 else []


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


def _answers(ctx: Context, total: Total, exemption_kinds: set[str | None]) -> bool:
    """Whether a total reads as an answer: not an estimate in a refusal's reasoning, a citation or a not-held note."""
    if exemption_kinds and exemption_kinds <= {"vexatious", "repeated"}:
        return False  # a vexatious request is not answered; its figures are the requester's history
    a, z = ctx.sentence(*total.span)
    if ("cost_limit" in exemption_kinds and COST.search(ctx.text, a, z)) or COST_LIMIT.search(ctx.text, a, z):
        return False
    return CITING.search(ctx.text, a, z) is None and NOT_HELD.search(ctx.text, a, z) is None


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


def _in_ncnd_sentence(ctx: Context, exemption: Exemption) -> bool:
    """Whether an exemption is cited in a sentence saying it will neither confirm nor deny, or the one after it."""
    a, hi = ctx.sentence(*exemption.span)
    lo = ctx.sentence(a - 2, a - 1)[0] if a > 1 else a
    return NCND.search(ctx.text, lo, hi) is not None or "confirm or deny" in ctx.text[lo:hi].lower()


def _substance(ctx: Context, stop: int, skip: frozenset[str] = _NOT_OWN) -> list[Span]:
    """The letter's own words before ``stop``: no ``skip`` blocks (boilerplate, signature...) or quoted request."""
    own = [
        (block.span[0], min(block.span[1], stop))
        for block in ctx.blocks
        if block.kind not in skip and block.span[0] < stop
    ]
    return _without(own, sorted(ctx.request_spans))
