"""Which laws the response is made under, and which law an unqualified citation means.

A law counts when the letter names it outside the complaints boilerplate (which often
lists every regime the authority handles). The same section number means different
things under FOIA and FOISA, so the exemption extractor asks :func:`default_law`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from foiparse.extract.context import Context
from foiparse.lazyre import lazy

ORDER = ("FOIA", "EIR", "FOISA", "EISR", "US-FOIA", "IL-FOIA")

MENTIONS: dict[str, Callable[[], re.Pattern[str]]] = {
    "FOISA": lazy(
        r"Freedom\s+of\s+Information\s+\(\s*Scotland\s*\)\s+Act|\bFOI\s?\(S\)\s?A\b|\bFOISA\b",
        re.IGNORECASE,
    ),
    "EISR": lazy(r"Environmental\s+Information\s+\(\s*Scotland\s*\)\s+Regulations|\bEISRs?\b", re.IGNORECASE),
    "EIR": lazy(
        r"Environmental\s+Information\s+Regulations(?!\s+\(\s*Scotland)|\bEIRs?\b(?!\s*/?\s*\d)",
        re.IGNORECASE,
    ),
    "IL-FOIA": lazy(r"Illinois\s+Freedom\s+of\s+Information\s+Act|\b5\s+ILCS\s+140|\bIllinois\s+FOIA\b", re.IGNORECASE),
    "US-FOIA": lazy(r"\b5\s+U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?552\b|\(b\)\s?\([1-9]\)"),
    "FOIA": lazy(
        r"Freedom\s+of\s+Information\s+Act(?!\s+\(\s*Scotland)|\bFOIA?\b(?!\s*\(S\))|Freedom\s+of\s+Information\s+request",
        re.IGNORECASE,
    ),
}


# "... under the EIR and not the Freedom of Information Act": named, but not used.
NOT_USED = re.compile(
    r"(?:rather\s+than|instead\s+of|and\s+not|not\s+under|but\s+not|not\s+the"
    r"|not\s+(?:a\s+)?(?:public\s+authority|subject\s+to|covered\s+by)(?:\s+(?:for\s+the\s+purposes\s+of|under))?)"
    r"\s+(?:under\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


# Every mention of a law holds one of these (lower case); other lines are not searched.
_LAW_WORDS = ("freedom", "foi", "environmental", "eir", "eisr", "ilcs", "illinois", "u.s.c", "usc", "(b)")


# A law's pattern is only run when one of its words occurs at all.
_GUARDS: dict[str, tuple[str, ...]] = {
    "FOISA": ("scotland", "foisa", "foi(s)a", "fois"),
    "EISR": ("scotland", "eisr"),
    "EIR": ("environmental", "eir"),
    "IL-FOIA": ("illinois", "ilcs"),
    "US-FOIA": ("u.s.", "u. s.", "usc", "(b)"),
    "FOIA": ("freedom", "foi"),
}


def find_laws(ctx: Context) -> tuple[str, ...]:
    """The laws named in the substance of the letter, in a fixed order."""
    found: set[str] = set()
    only_in_references: set[str] = set()  # laws seen only as "FOI 1234"-style reference prefixes
    loose_foi = False
    disowned: set[str] = set()
    lines = ctx.lines_with(_LAW_WORDS)
    for law, pattern in MENTIONS.items():
        if not ctx.has(*_GUARDS[law]):
            continue
        for match in ctx.iter_matches_on(pattern(), lines, into_next=True):
            if ctx.kind_at(match.start()) in ("boilerplate", "signature") or ctx.in_request(match.start(), match.end()):
                continue
            if NOT_USED.search(ctx.text[max(0, match.start() - 60) : match.start()]):
                disowned.add(law)  # "we are not a public authority for the purposes of the FOIA"
                continue
            if len(match.group()) <= 5 and _REFERENCE_PREFIX.match(ctx.text, match.end()):
                only_in_references.add(law)
                continue
            if _beside_another_law(ctx.text, match.start(), match.end()):
                continue  # "FOI/EIR requests", "FOIA EIR requests": a kind of request, not the law applied
            if law == "FOIA" and _loose_foi(match.group()) and not _ACT_AFTER.match(ctx.text, match.end()):
                loose_foi = True  # "your FOI request", "FOI Team": weaker than the Act named
                continue
            found.add(law)
            only_in_references.discard(law)
            break
    if ("FOIA" in only_in_references or loose_foi) and not found & {"EIR", "EISR", "FOISA", "FOIA"} and not disowned:
        # "FOI 1234" or "your FOI request" alone still says FOI, unless the letter names a regime
        found.add("FOISA" if _scottish(ctx) else "FOIA")
    if "FOISA" in found and not _bare_foia_outside_scotland(ctx):
        found.discard("FOIA")  # "FOI" in a Scottish letter means FOISA
    if found & {"US-FOIA", "IL-FOIA"}:
        found.discard("FOIA")  # a US letter's "Freedom of Information Act" is not the UK one
        if "IL-FOIA" in found and not _USC.search(ctx.text):
            found.discard("US-FOIA")
    return tuple(law for law in ORDER if law in found)


_LAW_ABBREVIATION = r"(?:FOIA?|FOISA|EIRs?|EISRs?)"
_BEFORE_ANOTHER = re.compile(rf"\b{_LAW_ABBREVIATION}[ \t]*(?:/|&|\+|,|and|or)?[ \t]*$", re.IGNORECASE)
_AFTER_ANOTHER = re.compile(rf"[ \t]*(?:/|&|\+|,|and|or)?[ \t]*{_LAW_ABBREVIATION}\b", re.IGNORECASE)
_ACT_AFTER = re.compile(r"[ \t]+Act\b")
# Scottish public authorities answer under FOISA, whatever their pages call a request: a
# Scottish body in the letterhead, or the authority's own .scot address.
_SCOTTISH_BODY = lazy(
    r"\bScottish[ \t]+(?:Government|Parliament|Ministers)\b|\bPolice[ \t]+Scotland\b|(?<!New )\bScotland\b"
)
_SCOTTISH_ADDRESS = lazy(r"[\w.-]*\bgov\.scot\b|@[\w.-]+\.scot\b")


def _scottish(ctx: Context) -> bool:
    """A Scottish authority: named in the letterhead (the first lines), or writing from a .scot address."""
    head = ctx.text[: ctx.lines[min(7, len(ctx.lines) - 1)].end] if ctx.lines else ""
    return bool(_SCOTTISH_BODY().search(head) or (".scot" in ctx.lower and _SCOTTISH_ADDRESS().search(ctx.text)))


def _beside_another_law(text: str, start: int, end: int) -> bool:
    """An abbreviation written next to another law's ("FOI/EIR", "FOIA EIR"), naming a kind of request."""
    if end - start > 6:
        return False
    return bool(_BEFORE_ANOTHER.search(text, max(0, start - 10), start) or _AFTER_ANOTHER.match(text, end))


def _loose_foi(mention: str) -> bool:
    """A mention that is not the Act by name: "FOI", "Freedom of Information request"."""
    low = " ".join(mention.lower().split())
    return low == "foi" or low.startswith("freedom of information request")


_REFERENCE_PREFIX = re.compile(r"[ \t]*[-/_]?[ \t]*\d")
_USC = re.compile(r"\b5\s+U\.?\s?S\.?\s?C")


def _bare_foia_outside_scotland(ctx: Context) -> bool:
    return bool(re.search(r"Freedom\s+of\s+Information\s+Act\s+2000", ctx.text, re.IGNORECASE))


def default_law(ctx: Context, word: str) -> str:
    """The law a bare ``section N`` (or ``regulation N``) most likely belongs to."""
    laws = ctx.laws
    if word.lower().startswith("reg"):
        return "EISR" if "EISR" in laws or ("FOISA" in laws and "EIR" not in laws) else "EIR"
    for law in ("FOISA", "IL-FOIA", "US-FOIA"):
        if law in laws and "FOIA" not in laws:
            return law
    return "FOIA"
