"""Which laws the response is made under, and which law an unqualified citation means.

A law counts when the letter names it outside the complaints boilerplate (which often
lists every regime the authority handles). Scottish bodies say "the Freedom of Information
Act" and "the EIRs" for their own laws: a letter that sends its complaints to the Scottish
Information Commissioner (or writes from a .scot address) is read as under FOISA / the EISR.
The Data Protection Act counts only when the letter dealt with (part of) the request under it. The same section number means different
things under FOIA and FOISA, so the exemption extractor asks :func:`default_law`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from foiparse.catalogue import catalogue
from foiparse.extract.context import Context
from foiparse.layout.segment import BOILERPLATE, SALUTATION
from foiparse.lazyre import lazy

ORDER = ("FOIA", "EIR", "FOISA", "EISR", "DPA", "US-FOIA", "IL-FOIA", "NY-FOIL")

MENTIONS: dict[str, Callable[[], re.Pattern[str]]] = {
    "FOISA": lazy(
        r"Freedom\s+of\s+Information\s+\(\s*Scotland\s*\)\s+Act|\bFOI\s?\(S\)\s?A\b|\bFOISA\b",
        re.IGNORECASE,
    ),
    "EISR": lazy(r"Environmental\s+Information\s+\(\s*Scotland\s*\)\s+Regulations|\bEISRs?\b", re.IGNORECASE),
    # "EIR" in capitals: a scanned "eir" is a word broken by the OCR, not the Regulations.
    "EIR": lazy(
        r"Environmental\s+Information\s+Regulations(?!\s+\(\s*Scotland)|(?-i:\bEIRs?\b)(?!\s*/?\s*\d)",
        re.IGNORECASE,
    ),
    # "FOIL" as the law's name: before "request", "appeal", "no." and the like, not kitchen foil.
    "NY-FOIL": lazy(
        r"Freedom\s+of\s+Information\s+Law\b|Public\s+Officers\s+Law"
        r"|(?-i:\bFOIL\b)(?=[ \t]*(?:requests?|appeals?|records|officer|law|no\b|#|[”\"’')]))",
        re.IGNORECASE,
    ),
    "IL-FOIA": lazy(r"Illinois\s+Freedom\s+of\s+Information\s+Act|\b5\s+ILCS\s+140|\bIllinois\s+FOIA\b", re.IGNORECASE),
    "US-FOIA": lazy(r"\b5\s+U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?552\b|\(b\)\s?\([1-9]\)"),
    "FOIA": lazy(
        r"Freedom\s+of\s+Information\s+Act(?!\s+\(\s*Scotland)|\bFOIA?\b(?!\s*\(S\))|Freedom\s+of\s+Information\s+request",
        re.IGNORECASE,
    ),
}


# "the £600 limit under the FOIA provides a useful benchmark": another law's figure borrowed as a measure.
YARDSTICK = re.compile(
    r"\b(?:benchmark|yardstick|indicator|indication|reference\s+point|(?:as\s+an?|useful|helpful)\s+(?:guide|measure|comparison)"
    r"|by\s+analogy|(?:had|have|has)\s+regard\s+to)\b",
    re.IGNORECASE,
)

# "... under the EIR and not the Freedom of Information Act": named, but not used.
NOT_USED = re.compile(
    r"(?:rather\s+than|instead\s+of|and\s+not|not\s+under|but\s+not|not\s+the"
    r"|not\s+(?:a\s+)?(?:public\s+authority|subject\s+to|covered\s+by)(?:\s+(?:for\s+the\s+purposes\s+of|under))?)"
    r"\s+(?:under\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


# Every mention of a law holds one of these (lower case); other lines are not searched.
_LAW_WORDS = (
    "freedom",
    "foi",
    "environmental",
    "eir",
    "eisr",
    "ilcs",
    "illinois",
    "u.s.c",
    "usc",
    "(b)",
    "officers law",
)


# A law's pattern is only run when one of its words occurs at all.
_GUARDS: dict[str, tuple[str, ...]] = {
    "FOISA": ("scotland", "foisa", "foi(s)a", "fois"),
    "EISR": ("scotland", "eisr"),
    "EIR": ("environmental", "eir"),
    "IL-FOIA": ("illinois", "ilcs"),
    "US-FOIA": ("u.s.", "u. s.", "usc", "(b)"),
    "NY-FOIL": ("foil", "information law", "officers law"),
    "FOIA": ("freedom", "foi"),
}


def find_laws(ctx: Context) -> tuple[str, ...]:
    """The laws named in the substance of the letter, in a fixed order.

    Where the letter's own text names none, a law the request was handled or made under
    counts: the acknowledgement quoted below a reply ("logged as a request under the
    Environmental Information Regulations"), or the requester's "Under the Freedom of
    Information Act, I would like...". Either is the frame of this exchange, not boilerplate.
    """
    found: set[str] = set()
    only_in_references: set[str] = set()  # laws seen only as "FOI 1234"-style reference prefixes
    loose_foi = False
    disowned: set[str] = set()
    handled_under: set[str] = set()  # named in the quoted thread or the request, in an "under the X" frame
    lines = ctx.lines_with(_LAW_WORDS)
    for law, pattern in MENTIONS.items():
        if not ctx.has(*_GUARDS[law]):
            continue
        for match in ctx.iter_matches_on(pattern(), lines, into_next=True):
            start, end = match.span()
            quoted = start >= ctx.history_start or ctx.in_request(start, end)  # the thread below, the request
            kind = ctx.kind_at(start)
            if kind == "boilerplate" and not quoted and _owns_a_ground(ctx, law, start, end):
                kind = "paragraph"  # the letter's own reasoning run into the complaints block
            if quoted or kind in ("boilerplate", "signature"):
                if _handled_under(ctx, start, end) or (quoted and _named_in_thread(ctx, match, kind)):
                    handled_under.add(law)
                continue
            if NOT_USED.search(ctx.text[max(0, start - 60) : start]):
                disowned.add(law)  # "we are not a public authority for the purposes of the FOIA"
                continue
            if law == "FOIA" and found & {"EIR", "EISR"} and YARDSTICK.search(ctx.text, *ctx.sentence(start, end)):
                continue  # the Act's cost limit taken as a guide to what is unreasonable under the Regulations
            if len(match.group()) <= 5 and _REFERENCE_PREFIX.match(ctx.text, end):
                only_in_references.add(law)
                continue
            if _beside_another_law(ctx.text, start, end):
                continue  # "FOI/EIR requests", "FOIA EIR requests": a kind of request, not the law applied
            if law == "FOIA" and _loose_foi(match.group()) and not _ACT_AFTER.match(ctx.text, end):
                loose_foi = True  # "your FOI request", "FOI Team": weaker than the Act named
                continue
            found.add(law)
            only_in_references.discard(law)
            break
    if ("FOIA" in only_in_references or loose_foi) and not found & {"EIR", "EISR", "FOISA", "FOIA"} and not disowned:
        # "FOI 1234" or "your FOI request" alone still says FOI, unless the letter names a regime
        found.add("FOISA" if _scottish(ctx) else "FOIA")
    if not found and not disowned:
        found = handled_under
    if found & {"FOIA", "EIR", "FOISA", "EISR"} and _handled_under_dpa(ctx):
        found.add("DPA")  # part of the request answered as a subject access request
    if "FOIA" in found and "FOISA" not in found and not _bare_foia_outside_scotland(ctx) and _surely_scottish(ctx):
        found.add("FOISA")  # "the Freedom of Information Act" from a Scottish body is its own Act (no "2000")
    if "FOISA" in found and not _bare_foia_outside_scotland(ctx):
        found.discard("FOIA")  # "FOI" in a Scottish letter means FOISA
    if "EIR" in found and (found & {"FOISA", "EISR"} or _surely_scottish(ctx)) and not _english_eir_by_name(ctx):
        # Scottish bodies call their Regulations "the EIRs" too: without the English title, the EISR.
        found.discard("EIR")
        found.add("EISR")
    if found & {"US-FOIA", "IL-FOIA", "NY-FOIL"}:
        found.discard("FOIA")  # a US letter's "Freedom of Information Act" is not the UK one
        if found & {"IL-FOIA", "NY-FOIL"} and not _USC.search(ctx.text):
            found.discard("US-FOIA")
    elif "FOIA" in found and not _bare_foia_outside_scotland(ctx) and (state := _us_state(ctx)) is not None:
        # "FOIA" from an American body: its state's Act where we know it, else not the UK's.
        found.discard("FOIA")
        if state == "IL":
            found.add("IL-FOIA")
    return tuple(law for law in ORDER if law in found)


# "logged as a request under the", "dealt with under the", "I am writing to you under the", "Pursuant to the"
_UNDER_FRAME = re.compile(
    r"\b(?:under|pursuant\s+to|in\s+accordance\s+with)\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?$", re.IGNORECASE
)


# "section 25 of the", "regulation 10(4)(b) of the": the words before a law's name that cite one of its provisions.
_CITED_BEFORE = re.compile(
    r"\b(?:sections?|s\.?|regulations?|regs?\.?)[ \t]*(?P<p>\d{1,2}[A-Z]?(?:[ \t]?\([0-9a-z]{1,4}\)){0,4})"
    r"[ \t,]*(?:of|under)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _owns_a_ground(ctx: Context, law: str, start: int, end: int) -> bool:
    """A law named as the owner of a ground for withholding, in a sentence free of the complaints wording.

    The segmenter can run a letter's last reasoning into the complaints block that follows
    ("... section 25 of the Act applies" beside "the Information Commissioner"): the
    citation of a ground, not a procedural section, says the letter is made under that law.
    """
    m = _CITED_BEFORE.search(ctx.text, max(0, start - 40), start)
    if m is None:
        return False
    provision = re.sub(r"[ \t]", "", m.group("p"))
    cat = catalogue()
    if cat.lookup(law, provision) is None or cat.is_procedural(law, provision):
        return False
    a, b = ctx.sentence(m.start(), end)
    return BOILERPLATE.search(ctx.text, a, b) is None


_ENGLISH_EIR = lazy(r"Environmental\s+Information\s+Regulations(?!\s+\(\s*Scotland)", re.IGNORECASE)


def _english_eir_by_name(ctx: Context) -> bool:
    """The English Regulations named by their title outside the complaints wording, not just "the EIRs"."""
    for m in _ENGLISH_EIR().finditer(ctx.text):
        if ctx.kind_at(m.start()) not in ("boilerplate", "signature") and not NOT_USED.search(
            ctx.text[max(0, m.start() - 60) : m.start()]
        ):
            return True
    return False


# The Data Protection Act is named in most letters that withhold personal data; it is a law the response is
# made under only when the letter says it dealt with (part of) the request under it.
_DPA_FRAME = lazy(
    r"\b(?:dealt\s+with|handled|considered|treated|answered)\s+(?:(?:it|this|them|(?:your|the|this)\s+request"
    r"|(?:this|that|the\s+\w+)\s+part(?:\s+of\s+(?:your|the)\s+request)?)\s+)?"
    r"under\s+(?:both\s+)?(?:the\s+)?(?:[^.;]{0,60}?\band\s+(?:the\s+)?)?(?P<dpa>Data\s+Protection\s+Act)"
    r"|\bsubject\s+access\s+request\s+under\s+(?:the\s+)?(?P<sar>Data\s+Protection\s+Act)",
    re.IGNORECASE,
)


def _handled_under_dpa(ctx: Context) -> bool:
    """The letter's own words deal with the request, or part of it, under the Data Protection Act."""
    if not ctx.has("data protection"):
        return False
    for m in _DPA_FRAME().finditer(ctx.text):
        at = m.start("dpa") if m.group("dpa") else m.start("sar")
        if at < ctx.history_start and not ctx.in_request(m.start(), at) and ctx.kind_at(at) not in _NOT_OWN:
            return True
    return False


_NOT_OWN = ("boilerplate", "signature", "quote")


def _handled_under(ctx: Context, start: int, end: int) -> bool:
    """A law named in the quoted thread or in the request, as the one the request is dealt with or made under."""
    if not (start >= ctx.history_start or ctx.in_request(start, end)):
        return False
    a, b = ctx.sentence(start, end)
    if BOILERPLATE.search(ctx.text, a, b):
        return False
    return _UNDER_FRAME.search(ctx.text, max(a, start - 40), start) is not None


def _named_in_thread(ctx: Context, match: re.Match[str], kind: str) -> bool:
    """A law named by its full name in the prose of an earlier message quoted below the reply (a forwarded letter).

    Not the request, not a reference prefix or a loose "FOI request", not a law disowned or paired with another.
    """
    start, end = match.span()
    if kind in ("boilerplate", "signature") or ctx.in_request(start, end) or len(match.group()) <= 5:
        return False
    if _loose_foi(match.group()) and not _ACT_AFTER.match(ctx.text, end):
        return False
    return not NOT_USED.search(ctx.text[max(0, start - 60) : start])


# A US postal address: "Chicago, Illinois 60602", "Albany, NY 12224"; or an e-mail date in a US time zone.
_US_STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY", "District of Columbia": "DC",
}  # fmt: skip
_US_ADDRESS = re.compile(
    r"[A-Za-z.],[ \t]*(?P<state>"
    + "|".join(sorted((re.escape(n) for n in _US_STATES), key=len, reverse=True))
    + "|"
    + "|".join(sorted(set(_US_STATES.values())))
    + r")[ \t]+\d{5}(?:-\d{4})?\b",
    re.IGNORECASE,
)
_ZIP = re.compile(r"(?<![\d-])\d{5}(?:-\d{4})?(?![\d-])")
_US_TIME_ZONE = re.compile(r"\bGMT[-\u2212\u00ad]0[4-8]00\s*\((?:E|C|M|P)[SD]T\)")


def _us_state(ctx: Context) -> str | None:
    """The US state of the writer's address (letterhead or signature), "US" when only the time zone says so.

    Only the letter's own furniture is read: an American company named in the answer is not the writer.
    """
    head = ctx.lines[: next((i for i, line in enumerate(ctx.lines[:8]) if SALUTATION.match(line.text)), 8)]
    spans = [(0, head[-1].end if head else 0), *(b.span for b in ctx.blocks if b.kind == "signature")]
    for lo, hi in spans:
        for zip_code in _ZIP.finditer(ctx.text, lo, hi):  # few five-digit numbers: try the state only before one
            m = _US_ADDRESS.search(ctx.text, max(lo, zip_code.start() - 40), zip_code.end())
            if m is None or m.end() != zip_code.end():
                continue
            state = m.group("state")
            name = " ".join(w.capitalize() if w.lower() != "of" else "of" for w in state.split())
            if name in _US_STATES and (state == name or state.isupper()):
                return _US_STATES[name]
            if len(state) == 2 and state.isupper():
                return state  # a two-letter code in capitals ("IL"), never the word "in" or "or"
    if ctx.has("gmt") and _US_TIME_ZONE.search(ctx.text):
        return "US"
    return None


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
# Only a Scottish authority sends its requesters to the Scottish regulator.
_SCOTTISH_REGULATOR = lazy(r"Scottish\s+Information\s+Commissioner|itspublicknowledge", re.IGNORECASE)


def _scottish(ctx: Context) -> bool:
    """A Scottish authority: named in the letterhead (the first lines), or by the stronger signs below."""
    head = ctx.text[: ctx.lines[min(7, len(ctx.lines) - 1)].end] if ctx.lines else ""
    return bool(_SCOTTISH_BODY().search(head)) or _surely_scottish(ctx)


def _surely_scottish(ctx: Context) -> bool:
    """Writing from a .scot address, or sending complaints to the Scottish regulator.

    Strong enough to read "the Freedom of Information Act" or "the EIRs" as the Scottish
    law; a Scottish body named near the top is not (an English department may point to it).
    """
    return bool(
        (".scot" in ctx.lower and _SCOTTISH_ADDRESS().search(ctx.text))
        or (ctx.has("scottish", "itspublicknowledge") and _SCOTTISH_REGULATOR().search(ctx.text))
    )


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


def default_law(ctx: Context, word: str) -> str | None:
    """The law a bare ``section N`` (``regulation N``, ``exception N``, ``§ N``) most likely belongs to.

    None for a section sign in a letter under no US law: UK letters do not cite their Acts that way.
    """
    laws = ctx.laws
    low = word.lower()
    if low.startswith(("reg", "exception")):
        return "EISR" if "EISR" in laws or ("FOISA" in laws and "EIR" not in laws) else "EIR"
    if low.startswith("§"):
        return next((law for law in ("IL-FOIA", "NY-FOIL") if law in laws), None)
    for law in ("FOISA", "IL-FOIA", "NY-FOIL", "US-FOIA"):
        if law in laws and "FOIA" not in laws:
            return law
    if "FOIA" not in laws and (("EISR" in laws and "EIR" not in laws) or _surely_scottish(ctx)):
        return "FOISA"  # no Act named, but a Scottish body (or the Scottish Regulations): the (Scotland) Act's
    return "FOIA"
