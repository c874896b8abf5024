"""The outcome of the request, from what the letter says and what was found in it.

Signals are read outside the complaints boilerplate and the quoted request:
information given (figures, tables, "please find attached", "we hold"), information
withheld (exemptions relied on), not held, and neither-confirm-nor-deny.
"""

from __future__ import annotations

import re

from foiparse.extract.context import Context
from foiparse.model import Exemption, Table, Total

NCND = re.compile(r"neither\s+confirm\s+nor\s+deny", re.IGNORECASE)
NOT_HELD = re.compile(
    r"""\b(?:(?:does|do|did)[ \t\n]+not[ \t\n]+(?:hold|have|record|keep|collect|retain)
      | (?:is|are|was|were)[ \t\n]+not[ \t\n]+held
      | not[ \t\n]+held[ \t\n]+by
      | no[ \t\n]+(?:recorded[ \t\n]+)?information[ \t\n]+(?:is[ \t\n]+|was[ \t\n]+)?held
      | hold[s]?[ \t\n]+no[ \t\n]+(?:recorded[ \t\n]+)?information
      | no[ \t\n]+(?:such[ \t\n]+)?records?[ \t\n]+(?:exist|are[ \t\n]+held|were[ \t\n]+found)
      | (?:doesn't|don't)[ \t\n]+hold
      | (?:have|has|hold|holds|keep|keeps)[ \t\n]+no[ \t\n]+records?
      | no[ \t\n]+records?[ \t\n]+(?:of|is|are|was|were)[ \t\n]+(?:held|kept|found|any|the)
      | not[ \t\n]+(?:recorded|captured|collated)(?:[ \t\n]+(?:in|by|at|centrally)\b|[ \t]*$))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Held, but not broken down as asked: not held only when the letter gives no figures at all.
NOT_BROKEN_DOWN = re.compile(
    r"""\b(?:(?:cannot|can[ \t\n]?not|can't|(?:are|is|am)[ \t\n]+unable[ \t\n]+to)[ \t\n]+
          (?:break[ \t\n]+(?:\w+[ \t\n]+){0,4}?down|split|separate[ \t\n]+out)
      | (?:hold|record|keep)s?[ \t\n]+(?:\w+[ \t\n]+){1,8}?and[ \t\n]+not[ \t\n]+(?:at|by|in)[ \t\n]+(?:\w+[ \t\n]+){0,3}?(?:level|basis))\b""",
    re.IGNORECASE | re.VERBOSE,
)
GIVEN = re.compile(
    r"""\b(?:please[ \t\n]+(?:find|see)[ \t\n]+(?:attached|enclosed|the[ \t\n]+attached)
      | redact(?:ed|ions?)|with[ \t\n]+(?:some[ \t\n]+)?(?:details|information|names)[ \t\n]+(?:removed|withheld)
      | (?:is|are)[ \t\n]+(?:attached|enclosed|provided[ \t\n]+below|set[ \t\n]+out[ \t\n]+below|as[ \t\n]+follows)
      | (?<!not[ ])(?<!n.t[ ])(?:holds?|does[ \t\n]+hold)[ \t\n]+(?:the|some|this|that)[ \t\n]+information
      | (?:can|am[ \t\n]+able[ \t\n]+to|are[ \t\n]+able[ \t\n]+to)[ \t\n]+(?:confirm|provide|advise|release|disclose)
      | (?:a|the)[ \t\n]+cop(?:y|ies)[ \t\n]+of[ \t\n]+(?:the|all|your)
      | results[ \t\n]+are[ \t\n]+given|in[ \t\n]+response[ \t\n]+to[ \t\n]+your[ \t\n]+(?:questions?|request)[ \t\n]+(?:below|as[ \t\n]+follows)
      | (?:released|disclosed)[ \t\n]+in[ \t\n]+(?:full|part)
      # a nil answer: "the Council has not undertaken any", "there were no", "none"
      | (?:has|have|had|did)[ \t\n]+not[ \t\n]+(?:\w+[ \t\n]+){0,2}?(?:undertaken|carried[ \t\n]+out|received|issued|spent|made
            |paid|employed|used|commissioned|purchased|bought|awarded)[ \t\n]+any
            (?![ \t\n]+(?:clarification|response|reply|payment|fee|confirmation|further|correspondence|contact))
      | there[ \t\n]+(?:were|was|have[ \t\n]+been|has[ \t\n]+been)[ \t\n]+no)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Stronger than GIVEN: information actually handed over, despite an exemption.
RELEASED = re.compile(
    r"""\b(?:please[ \t\n]+(?:find|see)[ \t\n]+(?:attached|enclosed|the[ \t\n]+attached)
      | redact(?:ed|ions?)|with[ \t\n]+(?:some[ \t\n]+)?(?:details|information|names)[ \t\n]+(?:removed|withheld)
      | (?:is|are)[ \t\n]+(?:attached|enclosed|provided[ \t\n]+below|set[ \t\n]+out[ \t\n]+below)
      | (?<!previously[ ])(?<!already[ ])(?:released|disclosed|provided)[ \t\n]+(?:in[ \t\n]+(?:full|part)|below
            |to[ \t\n]+you(?![ \t\n]+(?:in|with)[ \t\n]+(?:your|the|our)[ \t\n]+(?:original|previous|earlier|first)))
      | (?:are|am)[ \t\n]+(?:able[ \t\n]+to|pleased[ \t\n]+to)[ \t\n]+(?:provide|release|disclose)
      | (?:are|am|is)[ \t\n]+(?:providing|releasing|disclosing|enclosing|attaching)\b
      | (?:remaining|other)[ \t\n]+information[ \t\n]+(?:is|has[ \t\n]+been|are|have[ \t\n]+been)[ \t\n]+
        (?:provided|attached|enclosed|released|disclosed|set[ \t\n]+out))\b""",
    re.IGNORECASE | re.VERBOSE,
)
REFUSED = re.compile(
    r"\b(?:refus(?:ed|ing|al)|refuses?[ \t\n]+(?:your|this|the|to|it)|(?:is|are)[ \t\n]+exempt[ \t\n]+from[ \t\n]+disclosure|withheld[ \t\n]+in[ \t\n]+full|unable[ \t\n]+to[ \t\n]+comply)\b",
    re.IGNORECASE,
)


def extract_outcome(
    ctx: Context, exemptions: tuple[Exemption, ...], totals: tuple[Total, ...], tables: tuple[Table, ...]
) -> str:
    """One of the contract's outcomes; ``unknown`` when the letter gives no signal.

    "Released" is information handed over (tables, enclosures, redacted copies);
    "given" is any sign of an answer, figures in prose included.
    """
    stated = _STATUSES.get(ctx.status or "")
    if stated is not None:
        return stated  # the page says how the request ended
    body = _substance(ctx)
    low = body.lower()
    released = bool(tables) or _says(RELEASED, body, low, _RELEASED_WORDS)
    given = released or bool(totals) or _says(GIVEN, body, low, _GIVEN_WORDS)
    if "neither" in low and NCND.search(body) and not released and all(_in_ncnd_sentence(ctx, e) for e in exemptions):
        return "neither_confirm_nor_deny"  # a refusal outside the NCND part makes the letter a refusal
    if exemptions:
        if all(e.provision in _NOT_HELD_EXCEPTIONS for e in exemptions) and not released:
            return "not_held"  # EIR 12(4)(a) / EISR 10(4)(a): the exception for information not held
        # A cost-limit or vexatious refusal covers the whole request: stray figures in
        # its reasoning are no disclosure, only tables or enclosures are.
        whole_request = all(e.kind in ("cost_limit", "vexatious", "repeated") for e in exemptions)
        handed_over = released if whole_request else released or bool(totals)
        return "partly_disclosed" if handed_over else "refused"
    if _says(REFUSED, body, low, ("refus", "exempt", "withheld", "unable")) and not given:
        return "refused"
    if not totals and not released and NOT_BROKEN_DOWN.search(body):
        return "not_held"
    if NOT_HELD.search(body):
        # Figures beside "not held" count when the letter also says it is answering, or
        # when a figure stands in a sentence of its own (one part held, another not).
        answered = bool(totals) and (_says(GIVEN, body, low, _GIVEN_WORDS) or any(_apart(ctx, t) for t in totals))
        return "disclosed" if released or answered else "not_held"
    return "disclosed" if given else "unknown"


_GIVEN_WORDS = (
    "find",
    "see",
    "attached",
    "enclosed",
    "below",
    "follows",
    "hold",
    "confirm",
    "provide",
    "able",
    "results",
    "response",
    "released",
    "disclosed",
    "not",
    "no",
)
_RELEASED_WORDS = (
    "providing",
    "releasing",
    "disclosing",
    "enclosing",
    "attaching",
    "redact",
    "removed",
    "find",
    "see",
    "attached",
    "enclosed",
    "below",
    "released",
    "disclosed",
    "provided",
    "able",
    "pleased",
    "remaining",
    "other information",
)


_NOT_HELD_EXCEPTIONS = frozenset({"12(4)(a)", "10(4)(a)"})


# WhatDoTheyKnow's (Alaveteli's) request statuses that say how a request ended.
_STATUSES = {
    "successful": "disclosed",
    "partially_successful": "partly_disclosed",
    "not_held": "not_held",
    "rejected": "refused",
}


def _in_ncnd_sentence(ctx: Context, exemption: Exemption) -> bool:
    """Whether an exemption is cited in the sentence saying "neither confirm nor deny", or the one after it."""
    a, hi = ctx.sentence(*exemption.span)
    lo = ctx.sentence(a - 2, a - 1)[0] if a > 1 else a
    return NCND.search(ctx.text, lo, hi) is not None or "confirm or deny" in ctx.text[lo:hi].lower()


def _apart(ctx: Context, total: Total) -> bool:
    """Whether a total is stated in a sentence that says nothing about information not held."""
    a, z = ctx.sentence(*total.span)
    return NOT_HELD.search(ctx.text, a, z) is None


def _says(pattern: re.Pattern[str], body: str, low: str, words: tuple[str, ...]) -> bool:
    """``pattern`` occurs in ``body``; the cheap word test runs first."""
    return any(word in low for word in words) and pattern.search(body) is not None


def _substance(ctx: Context) -> str:
    """The letter's own words: no boilerplate, signature or quoted request."""
    parts = []
    for block in ctx.blocks:
        if block.kind in ("boilerplate", "signature", "blank", "quote"):
            continue
        if ctx.in_request(*block.span):
            continue
        parts.append(ctx.block_text(block))
    return "".join(parts)
