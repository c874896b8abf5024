"""Exemptions and refusal grounds relied on, resolved to a law and a catalogued provision.

Citations come in many forms ("section 40(2)", "s.40(2)", "s40 (2)", "sections 31(1)(a)
and (b)", "Reg. 12(4)(b)", "regs. 12(4)(b) and 13", "exception 12 (5)e", "section 40.2",
"sections 40 to 43", "§7(1)(d)(v)(vi)", "5 ILCS 140/7(1)(c)", "(b)(6)", "Public Officers
Law § 87(2)(b)", "Exemptions 6 and 7(C)", "31(1)(a)(b)"); grounds are also named without
a number ("the cost limit", "vexatious", "manifestly unreasonable") or, for the cost limit,
by its figure ("would exceed £450", "well over 40 hours"). Not exemptions: procedural
sections, sections of other Acts, sections quoted in the requester's own words, a section
named to say it does not apply or weighed and set aside, the sections another provision
refers to, a ground warned of for a request not yet made, a line counting a ground's uses,
and the complaints boilerplate.
"""

from __future__ import annotations

import functools
import re

from foiparse.catalogue import Provision, catalogue
from foiparse.extract.context import Context
from foiparse.extract.legislation import YARDSTICK, default_law
from foiparse.layout.segment import BOILERPLATE
from foiparse.lazyre import lazy
from foiparse.model import Exemption

_SUB = r"(?:[ \t]?\([ \t]?[0-9a-zA-Z]{1,4}[ \t]?\))"
# No provision goes deeper than "36(2)(b)(ii)": a citation is read to at most this many
# levels, so a hostile "40(2)(2)(2)..." costs nothing and the catalogue's lookup (which
# strips one level at a time) stays short.
_LEVELS = 4
_SUBS = rf"{_SUB}{{1,{_LEVELS}}}"
# "12.4.b", "40.2": a provision written with dots (read as brackets under the UK laws).
_DOTTED = r"(?:\.(?:\d{1,2}(?!\d)|(?-i:[a-z]{1,3}(?![a-zA-Z])))){1,4}"
# "12 (5)e": a last letter written without its brackets.
_BARE_LETTER = r"(?:(?<=\))(?-i:[a-z])(?![\w(]))"
_NUM = rf"\d{{1,2}}[A-Z]?(?!\d)(?:{_DOTTED}|{_SUB}{{0,{_LEVELS}}}{_BARE_LETTER}?)(?![\d.]\d)"
# Between two items of a list: "and", "or", a comma...; or a range, "40 to 43", "40-43".
_RANGE = r"(?:[ \t]+(?:to|through)[ \t]+|[-\u2013](?=\d))"
_JOIN = rf"(?:[ \t]*(?:,|and|or|&|/)\s*|{_RANGE})"
_MOST_ITEMS = 200  # items of one citation list read: no letter lists more (bounded work on "40, 40, 40, ...")
CITATION = re.compile(
    rf"""(?<![\w])(?P<word>sections?|ss?\.?|secs?\.?|regulations?|regs?\.?|exemptions?|exceptions?|§§?)[ \t]*\n?[ \t]*
        (?P<list>{_NUM}(?:{_JOIN}(?:(?:sections?|ss?\.?|regulations?|regs?\.?|§§?)\s*)?(?:{_NUM}|{_SUBS})){{0,{_MOST_ITEMS}}})""",
    re.IGNORECASE | re.VERBOSE,
)
_ITEM = re.compile(rf"(?P<num>{_NUM})|(?P<sub>{_SUBS})")
_MAX_CITED = 200  # characters of evidence for one item of a list of citations
_CAPPED = re.compile(rf"[^(]*(?:\([^()]*\)){{0,{_LEVELS}}}")  # a sibling's provision, to the same depth
# "(b)(6)", "(b)(7)(C)"; "Exemption 6", "Exemptions 6 and 7(C)", "Exemptions 4, 5, and 6".
_US_ITEM = r"[1-9](?:[ \t]?\([A-Fa-f]\))?(?![\w(]|[ \t]*U\.?[ \t]?S\.?[ \t]?C)"  # "Exemption 6, 5 U.S.C." lists one
US_EXEMPTION = lazy(
    r"\(b\)[ \t]?\([1-9]\)(?:[ \t]?\([A-F]\))?"
    rf"|\bExemptions?[ \t]+(?P<list>{_US_ITEM}(?:(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+){_US_ITEM})*)"
)
_US_LIST_ITEM = re.compile(r"(?P<n>[1-9])(?:[ \t]?\((?P<sub>[A-Fa-f])\))?")
# "of the X Act / Regulations" right after a citation says whose section it is.
OF_LAW = re.compile(
    r"""[ \t,]*(?:of|under|in)\s+(?:the\s+)?(?P<law>
        Freedom[ \t\n]+of[ \t\n]+Information[ \t\n]+\(Scotland\)[ \t\n]+Act | FOI\(?S\)?A | FOISA
      | Freedom[ \t\n]+of[ \t\n]+Information[ \t\n]+Act | FOIA? | FOI[ \t]+Act | Act
      | Environmental[ \t\n]+Information[ \t\n]+\(Scotland\)[ \t\n]+Regulations | EISR
      | Environmental[ \t\n]+Information[ \t\n]+Regulations | EIRs? | Regulations
      | (?P<other>\(?[A-Z][\w()]*(?:[ \t\n]+(?:\(?[A-Z][\w()]*\)?|of|and|the|\d{4}))*[ \t\n]+(?:Act|Regulations|Order|Code|Rules)))""",
    re.VERBOSE,
)
# "section 12 of the attached report", "paragraph 43 of our policy": a part of some document.
OF_DOCUMENT = re.compile(
    r"[ \t,]*of\s+(?:the|this|that|our|your|an?|its|their)\s+(?!act\b|regulations\b|freedom\b|environmental\b|foi)[a-z]"
    # "the section 41 notice period", "a section 8 notice": a notice served under some other Act
    r"|[ \t]+notices?\b"
)
# A ground named in words counts only in a sentence that decides something with it...
_DECIDES = re.compile(
    r"\b(?:consider\w*|deem\w*|regard\w*|conclud\w*|decid\w*|refus\w*|appl(?:y|ies|ied)|rel(?:y|ies|ied)|engag\w*"
    r"|exceed\w*|exempt|withh[eo]ld\w*|unable|cannot|can\s*not|would|estimat\w*|under\s+section|section\s+1[24]"
    r"|reg(?:ulation)?\s+12)\b",
    re.IGNORECASE,
)
# ...and not one that reports an earlier response or a hypothesis.
_REPORTED = re.compile(
    r"\b(?:previous(?:ly)?|earlier|at\s+that\s+time|(?:explained|stated|said)\s+that|if\s+(?:you|we|the)"
    r"|would\s+not\s+apply|does\s+not\s+apply)\b",
    re.IGNORECASE,
)
_LAW_NAMES = {
    "freedomofinformationscotlandact": "FOISA",
    "fois": "FOISA",
    "foisa": "FOISA",
    "freedomofinformationact": "FOIA",
    "foi": "FOIA",
    "foia": "FOIA",
    "foiact": "FOIA",
    "environmentalinformationscotlandregulations": "EISR",
    "eisr": "EISR",
    "environmentalinformationregulations": "EIR",
    "eir": "EIR",
    "eirs": "EIR",
    "illinoisfreedomofinformationact": "IL-FOIA",
    "illinoisfoia": "IL-FOIA",
}


def extract_exemptions(ctx: Context) -> tuple[Exemption, ...]:
    """Every ground relied on, once per (law, provision), in document order."""
    found: dict[tuple[str, str], Exemption] = {}
    cited = [*_citations(ctx), *_us_citations(ctx), *_ilcs_citations(ctx)]
    # A ground named in words beside its own citation ("Section 14 ... deemed to be vexatious")
    # is that citation again: the number the letter wrote wins over the one the words suggest.
    sections = {(e.law, _section(e.provision)) for e in cited}
    named = [e for e in (*_named_grounds(ctx), *_cost_frames(ctx)) if (e.law, _section(e.provision)) not in sections]
    for exemption in (*cited, *named):
        key = (exemption.law, exemption.provision)
        if key not in found:
            found[key] = exemption
    # A bare "section 40" beside "section 40(2)" is the same ground said twice.
    result = [
        e
        for e in found.values()
        if not any(o.law == e.law and o.provision.startswith(e.provision + "(") for o in found.values())
    ]
    result.sort(key=lambda e: e.span[0])
    return tuple(result)


def _section(provision: str) -> str:
    return provision.split("(", 1)[0]


def _skip(ctx: Context, start: int, end: int) -> bool:
    if ctx.in_request(start, end):
        return True
    if _counted(ctx, start, end):
        return True
    kind = ctx.kind_at(start)
    if kind == "signature":
        return True
    if kind == "boilerplate":
        block = ctx.block_at(start)
        if block is not None and _regulator_only(ctx, *block.span):
            return False  # a regulator named in the reasoning ("the Commissioner's guidance"), no complaints wording
        # A long run of text labelled boilerplate can hold the letter's own reasoning (a
        # paragraph that runs on into the complaints wording): its sentence must say what was done.
        a, b = ctx.sentence(start, end)
        return bool(BOILERPLATE.search(ctx.text, a, b)) or not _done(ctx.text[a:b])
    if kind == "table":
        # A cell of prose (a review grid's "Response" cell) decides like a paragraph; a
        # short cell ("Section 40 | 12") counts exemptions, it does not rely on them.
        line = ctx.lines[ctx.index.line_no(start)]
        cell = ctx.text[line.start : line.end]
        return len(cell.split()) < 15 or not _done(cell)
    return False


# The rest of a line that counts a ground's uses: its name, then "= 12", ": 12" or a tab and the figure.
_COUNT_ROW = re.compile(r"[^.;\n=:|\t]{0,80}(?:=|:|\||\t)[ \t]*\d[\d,]*(?:\.\d+)?%?[ \t]*$")


def _counted(ctx: Context, start: int, end: int) -> bool:
    """A ground at the head of a line that counts its uses ("Section 43 Commercial interests = 2"), not its use."""
    line = ctx.lines[ctx.index.line_no(start)]
    return _COUNT_ROW.match(ctx.text, end, line.end) is not None


# The words of a complaints paragraph, as against a regulator only named (for its guidance or decisions).
_COMPLAINTS = re.compile(
    r"\b(?:review|appeal|complain\w*|complaint|dissatisfied|unhappy|not\s+(?:happy|satisfied)|right\s+to"
    r"|apply\s+to|decision\s+notice|licen[cs]e|copyright|cookies?|privacy)\b",
    re.IGNORECASE,
)


_REGULATOR = re.compile(r"commissioner|ico\.org|wycliffe|itspublicknowledge", re.IGNORECASE)


def _regulator_only(ctx: Context, start: int, end: int) -> bool:
    """A block labelled boilerplate only because it names the regulator, with none of the complaints wording."""
    hits = [m.group() for m in BOILERPLATE.finditer(ctx.text, start, end)]
    return bool(hits) and all(_REGULATOR.search(h) for h in hits) and not _COMPLAINTS.search(ctx.text, start, end)


# What was done with the information, said outright: outside the letter's paragraphs a ground
# counts only in such a sentence, and not in a general one ("information may be withheld").
_DONE = re.compile(
    r"\b(?:withh[eo]ld|redact(?:ed|ion)|(?:is|are|was|were|remains?)\s+(?:\w+ly\s+)?exempt|refused|exceeds?|(?:have|has)\s+(?:been\s+)?"
    r"(?:applied|relied|engaged))\b"
    # "... section 25 applies and the information is not reproduced", "applies to this information":
    # said of this case, not "applies where ..." (what a section covers)
    r"|\bappl(?:y|ies)(?=\s*(?:[.;]|and\b|to\s+(?:this|these|that|your|some|all|part|the\s+(?:information|data|records?|request))))",
    re.IGNORECASE,
)
_GENERAL = re.compile(
    r"\b(?:may|might|can|could)\s+(?:be\s+|have\s+been\s+)?(?:withh|exempt|refus|redact|appl)", re.IGNORECASE
)


def _done(sentence: str) -> bool:
    return bool(_DONE.search(sentence)) and not _GENERAL.search(sentence) and not _REPORTED.search(sentence)


# A section named to say it is not used: "outside the scope of s.35", "we are no longer relying on s.43".
_NOT_RELIED_BEFORE = re.compile(
    r"(?:(?:outside|beyond)\s+(?:the\s+)?scope\s+of|rather\s+than|instead\s+of|other\s+than"
    r"|(?:not|no\s+longer|never)\s+(?:be\s+|being\s+)?(?:rel(?:y|ying|ied)|appl(?:y|ying|ied)|engag\w*|cit\w*|claim\w*)"
    r"(?:\s+(?:on|upon|under))?|(?:do|does|did)\s+not\s+(?:consider|believe|think|find)(?:\s+that)?)"
    r"\s+(?:the\s+)?(?:exemptions?\s+(?:at|in|under)\s+)?"
    r"(?:(?:sections?|ss?\.?|secs?\.?|regulations?|regs?\.?|exceptions?|§§?)[ \t]*)?$",
    re.IGNORECASE,
)
# "one or more of sections 28 to 35", "the bodies listed at section 23(3)": what a provision refers to, not a ground.
_DESCRIBED = re.compile(
    r"\b(?:(?:one\s+or\s+more|any|either|none)\s+of\s+(?:the\s+)?"
    r"|(?<!exemption\s)(?<!exemptions\s)(?<!exception\s)(?<!exceptions\s)"
    r"(?:listed|defined|described|specified|named|mentioned|referred\s+to)\s+(?:at|in|under|by)\s+)$",
    re.IGNORECASE,
)
_NOT_RELIED_AFTER = re.compile(
    r"(?:\s+of\s+the\s+[\w ()]{0,60}?)?\s*(?:\([^()\n]{0,60}\)\s*)?(?:exemptions?\s+)?"
    r"(?:(?:does|do|did|would|will|could|can|may)\s*(?:not|n't)\s+(?:apply|be\s+(?:engaged|applied|relied))"
    r"|cannot\s+(?:apply|be\s+(?:engaged|applied|relied))"
    r"|(?:is|was|are|were)\s+not\s+(?:engaged|applicable|relevant|being\s+relied|relied|applied)"
    r"|appl(?:y|ies)\s+only|(?:can|may)\s+only\s+(?:be\s+)?appl|only\s+appl(?:y|ies)\s+(?:to|where|if|when))",
    re.IGNORECASE,
)


def _not_relied(ctx: Context, start: int, end: int) -> bool:
    """A citation whose own clause says the ground is not used, or only states what it covers."""
    before = ctx.text[max(0, start - 80) : start]
    after = ctx.text[end : end + 120]
    if "whether" in before.lower() and _WEIGHED.search(before):
        # "we considered whether section 24 might apply, but do not consider it engaged"
        lo, hi = ctx.sentence(start, end)
        if _DROPPED.search(ctx.text, end, hi):
            return True
    # Most citations have none of the words a negation needs: skip the sentence lookup and the patterns.
    if _NOT_HINT_BEFORE.search(before) is None and _NOT_HINT_AFTER.search(after, 0, 90) is None:
        return False
    lo, hi = ctx.sentence(start, end)
    if _NOT_RELIED_BEFORE.search(before, max(0, lo - (start - len(before)))):
        return True
    return _NOT_RELIED_AFTER.match(after, 0, max(0, min(hi - end, len(after)))) is not None


# A ground the letter warns may meet a request yet to be made: "we cannot prejudge any future request, but
# much of it would likely be exempt under section 36(1)"; "a narrowed request may engage section 43".
_HYPOTHETICAL = re.compile(
    r"\bprejudge|\b(?:any|a|your)\s+(?:future|new|fresh|further|subsequent|refined|narrower|narrowed|revised|reduced)"
    r"\s+(?:\w+\s+)?requests?\b|\b(?:if|should|were)\s+you\s+(?:were\s+to\s+|wish\s+to\s+|decide\s+to\s+)?"
    r"(?:submit|narrow|refine|reduce|resubmit)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL_WORDS = (
    "prejudge",
    "future",
    "new request",
    "fresh",
    "further",
    "subsequent",
    "refine",
    "narrow",
    "revised",
    "reduce",
    "submit",
    "resubmit",
)


def _hypothetical(ctx: Context, start: int, end: int) -> bool:
    """A citation in a sentence about a request not yet made, unless it also says what was done with this one."""
    if not ctx.has(*_HYPOTHETICAL_WORDS):
        return False
    a, b = ctx.sentence(start, end)
    return _HYPOTHETICAL.search(ctx.text, a, b) is not None and not _APPLIED_NOW.search(ctx.text, a, b)


# "... has been applied to this request and would be applied to any future request".
_APPLIED_NOW = re.compile(
    r"\b(?:have|has)\s+(?:been\s+)?(?:applied|relied|engaged)|\b(?:refused|withheld|redacted)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?exempt\b",
    re.IGNORECASE,
)


_WEIGHED = re.compile(
    r"\bwhether\s+(?:the\s+)?(?:exemptions?\s+(?:at|in|under)\s+)?"
    r"(?:(?:sections?|ss?\.?|secs?\.?|regulations?|regs?\.?|exceptions?|§§?)[ \t]*)?$",
    re.IGNORECASE,
)
_DROPPED = re.compile(
    r"\bnot\s+(?:consider|think|believe|find)\w*\s+(?:that\s+)?(?:it|this|that|the\s+exemption)\s+"
    r"(?:is\s+|was\s+|to\s+be\s+|would\s+be\s+)?(?:engaged|appl\w*|relevant)"
    r"|\b(?:is|was|were|are)\s+not\s+(?:engaged|applicable|relevant)|\b(?:does|did)\s+not\s+apply\b",
    re.IGNORECASE,
)
_NOT_HINT_BEFORE = re.compile(
    r"scope|rather\s+than|instead\s+of|other\s+than|no\s+longer|never"
    r"|not\s+(?:rel|appl|engag|cit|claim|be|consider|believe|think|find)",
    re.IGNORECASE,
)
_NOT_HINT_AFTER = re.compile(r"not|n't|only", re.IGNORECASE)


def _citations(ctx: Context) -> list[Exemption]:
    out: list[Exemption] = []
    cat = catalogue()
    for match in _citation_matches(ctx):
        if _counted(ctx, match.start(), match.end()):
            ctx.claim(match.span())  # a section number, not a figure, though nothing relies on it
            continue
        if _skip(ctx, match.start(), match.end()):
            continue
        word = match.group("word")
        law = _law_before(ctx, match.start()) or _law_after(ctx, match.end(), word)
        if law is None:
            continue
        base_full = ""
        claimed = 0
        described = _DESCRIBED.search(ctx.text, max(0, match.start() - 60), match.start()) is not None
        # "sections 40 to 43" is a range; "section 12 to 18 hours" is not.
        plural = word.lower().rstrip(".") in (
            "sections",
            "ss",
            "secs",
            "regulations",
            "regs",
            "exemptions",
            "exceptions",
            "§§",
        )
        prev_end = match.start("list")
        seen: set[tuple[str, str]] = set()
        text = match.group("list")
        for item in _ITEM.finditer(text):
            separator = text[prev_end - match.start("list") : item.start()]
            prev_end = match.start("list") + item.end()
            if item.group("num"):
                provisions = _provisions(item.group("num"), law)
                if _RANGE_SEPARATOR.fullmatch(separator) and plural and base_full.isdigit() and provisions[0].isdigit():
                    low, high = int(base_full), int(provisions[0])
                    provisions = [str(n) for n in range(low + 1, high + 1)] if low < high <= low + 10 else []
                base_full = provisions[0] if provisions else base_full
            else:
                if not base_full:
                    continue
                provision = _sibling(base_full, _provisions(item.group("sub"), law)[0])
                provisions = [_CAPPED.match(provision).group()]  # type: ignore[union-attr]  # always matches
            b = match.start("list") + item.end()
            # The citation from its word, unless the list is long: then the item alone.
            a = match.start() if b - match.start() <= _MAX_CITED else match.start("list") + item.start()
            for provision in provisions:
                if described or (law, provision) in seen:  # "sections 40, 40, 40, ...": the first says it
                    continue
                entry = cat.lookup(law, provision)
                if entry is None or cat.is_procedural(law, provision):
                    continue
                if _not_relied(ctx, match.start("list") + item.start(), b) or _hypothetical(ctx, a, b):
                    continue
                seen.add((law, provision))
                out.append(Exemption(law, provision, entry.name, entry.kind, ctx.text[a:b], (a, b)))
                out.extend(_quoted_items(ctx, match.end(), law, provision))
            ctx.claim((max(match.start(), claimed), b))  # only what is new: a long list stays linear
            claimed = b
    return out


_RANGE_SEPARATOR = re.compile(_RANGE, re.IGNORECASE)
_DECIMAL_LAWS = frozenset({"IL-FOIA"})  # laws with decimal section numbers ("9.5"), not dotted subsections
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


_PLAIN = re.compile(r"\d{1,2}[A-Z]?(?:\((?:\d{1,2}[A-Z]?|[a-km-z]{1,2}|[ivx]{1,4})\))*")
_BARE_LAST = re.compile(r"\)([a-z])$")
_SCANNED_ONE = re.compile(r"^(\w+?)\([lI]\)")
_LETTERS = re.compile(r"\(([A-Za-z]+)\)")
_PARTS = re.compile(r"\(([^()]*)\)")


def _provisions(raw: str, law: str) -> list[str]:
    """A provision as cited, written as the catalogue writes it; two when it lists two items.

    "40.2" -> 40(2) and "12.4.b" -> 12(4)(b) (not under a law with decimal sections);
    "12(5)e" -> 12(5)(e); "7(l)(d)" -> 7(1)(d) (a scanned "1" at the first level, where
    no provision has a letter); "(V)" -> (v) except under US FOIA, whose third level is
    upper case; "7(1)(d)(v)(vi)" -> 7(1)(d)(v) and 7(1)(d)(vi), as no roman numeral
    stands under another.
    """
    p = raw.replace(" ", "").replace("\t", "")
    if p.isdigit():
        return [p]  # most citations: "40", "12"
    if _PLAIN.fullmatch(p) is None:  # "40(2)", "31(1)(a)" are written as catalogued already
        if "." in p and law not in _DECIMAL_LAWS:
            head, *rest = p.split(".")
            p = head + "".join(f"({part})" for part in rest if part)
        p = _BARE_LAST.sub(r")(\1)", p)
        p = _SCANNED_ONE.sub(r"\1(1)", p)
        if law != "US-FOIA":
            p = _LETTERS.sub(lambda m: f"({m.group(1).lower()})", p)
    parts = _PARTS.findall(p)
    if len(parts) >= 3 and _ROMAN_VALUES.get(parts[-2], 99) < _ROMAN_VALUES.get(parts[-1], 0):
        head = p[: p.rindex("(")]
        return [head, head[: head.rindex("(")] + f"({parts[-1]})"]
    run = _LETTER_RUN.search(p)
    if run and p[0].isdigit():
        # "31(1)(a)(b)": two paragraphs of one subsection, each a ground; "40(2)(a)(b)": the two
        # conditions of one ground, which is "40(2)".
        head, letters = p[: run.start()], _PARTS.findall(run.group())
        if letters == sorted(set(letters)):
            return [head] if (law, head) in _CONJUNCTIVE else [f"{head}({letter})" for letter in letters]
    return [p]


# Two or more paragraph letters at the end of a provision ("(a)(b)", "(a)(b)(c)"); not "(i)", "(v)", "(x)",
# which are roman numerals under a letter.
_LETTER_RUN = re.compile(r"(?:\([a-hj-uwyz]\)){2,}$")
# Provisions whose lettered paragraphs are conditions that hold together, not separate grounds.
_CONJUNCTIVE = frozenset({("FOIA", "40(2)"), ("FOIA", "40(3)")})


# A statute quoted after its citation, with only the items relied on: "7(1)(d) ... disclosure would:"
# then "(v) disclose ..." and "(vi) endanger ..." on lines of their own.
_ITEM_LINE = re.compile(r"[ \t]*\((?P<item>[ivx]{1,4}|[a-z]{1,2}|\d{1,2})\)[ \t]+\S")
_FIRST_ITEMS = frozenset({"i", "a", "1"})
_COLON_END = re.compile(r":[ \t]*\n")
_SENTENCE_END = re.compile(r"[.;]\s")


def _next_level(provision: str) -> str:
    """The kind of item one level below a provision: (1) under 7, (a) under (1), (i) under (a); none under (i)."""
    parts = _PARTS.findall(provision)
    if not parts:
        return "number"
    last = parts[-1]
    if last.isdigit():
        return "letter"
    if last.isalpha() and last.islower():
        return "" if last in _ROMAN_VALUES and len(parts) >= 2 and parts[-2].isalpha() else "roman"
    return ""


def _quoted_items(ctx: Context, end: int, law: str, provision: str) -> list[Exemption]:
    """The items of a provision quoted below its citation, when the quote picks some of them.

    A quote that starts at the first item ("(a)" or "(i)") is the whole provision, and
    says nothing of which item applies.
    """
    text = ctx.text
    m = _COLON_END.search(text, end, min(len(text), end + 400))
    if m is None or _SENTENCE_END.search(text, end, m.start()):
        return []
    colon = m.start()
    cat = catalogue()
    found: list[Exemption] = []
    want = _next_level(provision)
    line_no = ctx.index.line_no(colon) + 1
    stop = min(len(ctx.lines), line_no + 40)  # a quote is short: a letter with no blank lines is not read to its end
    blank = False
    while line_no < stop and len(found) < 10:
        line = ctx.lines[line_no]
        line_no += 1
        if line.blank:
            blank = True
            continue
        m = _ITEM_LINE.match(text, line.start, line.end)
        if m is None:
            if blank or not found:
                break  # a new paragraph, not the quote's
            continue  # the item's text running on
        blank = False
        item = m.group("item")
        if item in _FIRST_ITEMS and not found:
            return []
        kind = "number" if item.isdigit() else "roman" if item in _ROMAN_VALUES and want == "roman" else "letter"
        if kind != want:
            return []
        sub = f"{provision}({item})"
        entry = cat.lookup(law, sub)
        if entry is None:
            return []
        a, b = m.start("item") - 1, m.end("item") + 1
        found.append(Exemption(law, sub, entry.name, entry.kind, text[a:b], (a, b)))
    return found


_LAW_BEFORE = re.compile(r"(?P<ny>Public\s+Officers\s+Law|\bPOL)\s*(?:\(\s*[\"“]?POL[\"”]?\s*\)\s*)?$")


def _law_before(ctx: Context, start: int) -> str | None:
    """A law named right before its section sign: "Public Officers Law § 87(2)(b)"."""
    if ctx.text[start] != "§":
        return None
    m = _LAW_BEFORE.search(ctx.text, max(0, start - 40), start)
    return "NY-FOIL" if m else None


_ROMAN = lazy(r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)")


_NUMBER_PART = re.compile(r"\(\d+[A-Z]?\)")


def _sibling(cited: str, sub: str) -> str:
    """``31(1)(a)`` and ``(b)`` -> ``31(1)(b)``; ``36(2)(b)(ii)`` and ``(c)`` -> ``36(2)(c)``.

    The bare part replaces the last part of the same kind (number, letter, roman numeral).
    """
    parts = re.findall(r"\([^()]*\)", cited)
    head = cited[: len(cited) - len("".join(parts))]

    def kind(part: str) -> str:
        if _NUMBER_PART.fullmatch(part):
            return "number"  # "(2)", "(3A)"
        return "roman" if _ROMAN().fullmatch(part) and parts and _ROMAN().fullmatch(parts[-1]) else "letter"

    want = kind(sub[: sub.index(")") + 1])  # "(3A)(a)" beside "40(2)" replaces the "(2)"
    for i in range(len(parts) - 1, -1, -1):
        if kind(parts[i]) == want:
            return head + "".join(parts[:i]) + sub
    return cited + sub


_CITE_WORDS = (
    "sections",
    "section",
    "ss",
    "s",
    "secs",
    "sec",
    "regulations",
    "regulation",
    "regs",
    "reg",
    "exemptions",
    "exemption",
    "exceptions",
    "exception",
    "§",
)


_CITE_WORDS_LONGEST_FIRST = tuple(sorted(_CITE_WORDS, key=len, reverse=True))


def _citation_matches(ctx: Context) -> list[re.Match[str]]:
    """CITATION matches, tried only where a number follows one of the citation words.

    Cheaper than scanning the whole letter: most numbers are ruled out by a look at
    the word before them.
    """
    text = ctx.text
    out: list[re.Match[str]] = []
    last = 0
    in_tables = _table_digit_runs(ctx)
    for s, _ in sorted((*ctx.digit_runs, *in_tables)) if in_tables else ctx.digit_runs:
        if s < last or (s and text[s - 1].isdigit()):
            continue
        before = text[max(0, s - 16) : s].rstrip(" \t\n.").lower()
        if not before.endswith(_CITE_WORDS):
            continue
        word = next(w for w in _CITE_WORDS_LONGEST_FIRST if before.endswith(w))  # "regulations", not its "s"
        start = len(before) - len(word)
        if start > 0 and (before[start - 1].isalnum() or before[start - 1] in "_'’"):
            continue  # "costs 40", "Regs" inside a longer word, "the Council's 40 officers"
        m = CITATION.match(text, max(0, s - 16) + start)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_TABLE_DIGITS = re.compile(r"\d+")


def _table_digit_runs(ctx: Context) -> list[tuple[int, int]]:
    """Runs of digits in tables whose text cites a section: a cell of prose can rely on one."""
    runs: list[tuple[int, int]] = []
    for block in ctx.blocks:
        if block.kind == "table" and _cites_in(ctx, *block.span):
            runs.extend(m.span() for m in _TABLE_DIGITS.finditer(ctx.text, *block.span))
    return runs


def _cites_in(ctx: Context, start: int, end: int) -> bool:
    """Whether a table's text holds a citation word before a number (a cheap look at the lower-cased text first)."""
    low = ctx.lower
    if len(low) == len(ctx.text) and not any(low.find(w, start, end) >= 0 for w in _TABLE_WORDS):
        return False
    return _TABLE_CUE.search(ctx.text, start, end) is not None


_TABLE_CUE = re.compile(r"(?:section|regulation|exception|exemption)s?\s+\d", re.IGNORECASE)
_TABLE_WORDS = ("section", "regulation", "exception", "exemption")


def _law_after(ctx: Context, end: int, word: str) -> str | None:
    """The law a citation belongs to: named after it, else the letter's default."""
    if OF_DOCUMENT.match(ctx.text, end, min(len(ctx.text), end + 60)):
        return None
    m = OF_LAW.match(ctx.text, end, min(len(ctx.text), end + 120))
    if m:
        if m.group("other"):
            name = re.sub(r"[^a-z]", "", m.group("law").lower())
            if name not in _LAW_NAMES:
                return None  # a section of some other Act
        key = re.sub(r"[^a-z]", "", m.group("law").lower())
        if key in _LAW_NAMES:
            law = _LAW_NAMES[key]
            if law == "FOIA" and key in ("foi", "foia") and "FOIA" not in ctx.laws:
                return default_law(ctx, word)  # "Section 7(1)(c) of FOIA" in an Illinois letter is its FOIA
            scottish = _SCOTTISH_TWIN.get(law)
            if scottish and key in _ABBREVIATIONS and scottish in ctx.laws and law not in ctx.laws:
                return scottish  # "regulation 10(4)(b) of the EIRs" in a letter under the Scottish Regulations
            return law
    return default_law(ctx, word)


# A short name is the letter's own law when only the Scottish one is in play.
_SCOTTISH_TWIN = {"FOIA": "FOISA", "EIR": "EISR"}
_ABBREVIATIONS = frozenset({"foi", "foia", "foiact", "eir", "eirs"})


def _us_citations(ctx: Context) -> list[Exemption]:
    if "US-FOIA" not in ctx.laws:  # "Exemption 1" in a UK letter is its own numbering
        return []
    cat = catalogue()
    out = []
    for match in US_EXEMPTION().finditer(ctx.text):
        if _skip(ctx, match.start(), match.end()):
            continue
        if match.group("list"):
            provisions = [
                f"(b)({m.group('n')})" + (f"({m.group('sub').upper()})" if m.group("sub") else "")
                for m in _US_LIST_ITEM.finditer(match.group("list"))
            ]
        else:
            provisions = [match.group().replace(" ", "").replace("\t", "")]
        for provision in provisions:
            entry = cat.lookup("US-FOIA", provision)
            if entry is not None:
                out.append(Exemption("US-FOIA", provision, entry.name, entry.kind, match.group(), match.span()))
    return out


# "5 ILCS 140/7(1)(c)": the Illinois Act cited by its place in the compiled statutes.
_ILCS = lazy(
    r"\b5\s*ILCS\s*140\s*/[ \t]*(?P<p>\d+(?:\.\d+)?(?:[ \t]?\([ \t]?[0-9a-z.]{1,8}[ \t]?\)){0,4})",
    re.IGNORECASE,
)


def _ilcs_citations(ctx: Context) -> list[Exemption]:
    if not ctx.has("ilcs"):
        return []
    cat = catalogue()
    out = []
    for match in _ILCS().finditer(ctx.text):
        if _skip(ctx, match.start(), match.end()):
            continue
        for provision in _provisions(match.group("p"), "IL-FOIA"):
            entry = cat.lookup("IL-FOIA", provision)
            if entry is None or cat.is_procedural("IL-FOIA", provision):
                continue
            out.append(Exemption("IL-FOIA", provision, entry.name, entry.kind, match.group(), match.span()))
            out.extend(_quoted_items(ctx, match.end(), "IL-FOIA", provision))
        ctx.claim(match.span())
    return out


def _named_grounds(ctx: Context) -> list[Exemption]:
    """Grounds named in words ("exceed the cost limit", "vexatious"); the first mention of each."""
    cat = catalogue()
    laws = [law for law in ctx.laws if law in cat.provisions] or ["FOIA"]
    borrowed = "EIR" in laws and "FOIA" not in laws
    if borrowed:
        laws.append("FOIA")  # the EIR have no cost limit: a letter under them that cites one uses the FOIA's
    out = []
    for law in laws:
        pattern, by_cue = _cue_pattern(law)
        if pattern is None or not ctx.has(*by_cue):
            continue
        done: set[str] = set()
        for match in _cue_matches(ctx, pattern, by_cue):
            provision = by_cue.get(match.group().casefold())
            if provision is None:
                continue
            if provision.key in done or _skip(ctx, match.start(), match.end()):
                continue
            if ctx.is_claimed(match.start(), match.end()):
                continue
            a, b = ctx.sentence(match.start(), match.end())
            if _REPORTED.search(ctx.text, a, b) or not _DECIDES.search(ctx.text, a, b) or _hypothetical(ctx, a, b):
                continue
            if provision.kind == "cost_limit" and _GENERAL_COST.search(ctx.text, a, b):
                continue  # "a public authority is not obliged to comply where ...": the Act explained
            if (
                borrowed
                and law == "FOIA"
                and (
                    provision.kind != "cost_limit"
                    or not _NAMES_FOIA.search(ctx.text, a, b)
                    or YARDSTICK.search(ctx.text, a, b)
                )
            ):
                continue  # a ground of a law the letter is not under counts only when its sentence names that law
            done.add(provision.key)
            out.append(Exemption(law, provision.key, provision.name, provision.kind, match.group(), match.span()))
    return out


# The cost limit stated by its figure: "would exceed £450", "in excess of 18 hours", "over the £600 threshold",
# with the words of an estimate of the work. The figures are the limits the Fees Regulations set (£450 or
# 18 hours; £600 or 24 hours for central government; £600 or 40 hours under FOISA), not any amount.
_COST_FRAME = lazy(
    r"\b(?:exceed(?:s|ed|ing)?|in\s+excess\s+of|(?:more|longer|greater)\s+than|over|above|beyond|outside)\s+(?:the\s+)?(?:(?:current|upper|"
    r"statutory|prescribed|appropriate)\s+)*(?:cost\s+limit\s+of\s+)?"
    r"(?:£[ \t]?(?:450|600)(?:\.00)?(?!\d|,\d)|(?:18|24|40)(?:[ \t]+|-)(?:hours?|hrs?)\b)"
    r"|\btoo\s+costly\b|\bcosts?\s+(?:limit|threshold|ceiling)s?\b|\bcost\s+limitations?\b",
    re.IGNORECASE,
)
_COST_WORDS = (
    "450",
    "600",
    "hour",
    "hrs",
    "costly",
    "cost limit",
    "costs limit",
    "threshold",
    "ceiling",
    "cost limitation",
)
# The sentence estimates the work this request would take: not a figure the letter reports as spent.
_ESTIMATE = re.compile(
    r"\b(?:would|will|estimat\w*|unable|cannot|can\s*not|not\s+(?:be\s+)?(?:able|obliged|required))\b", re.IGNORECASE
)


def _cost_frames(ctx: Context) -> list[Exemption]:
    """The cost limit applied by its figure or its plain words, without the section number; the first such sentence."""
    laws = ctx.laws
    if laws and not set(laws) & {"FOIA", "FOISA", "EIR", "EISR"}:
        return []  # an American letter: its fees are not a refusal ground
    if not ctx.has(*_COST_WORDS):
        return []
    cat = catalogue()
    # Only the lines with a figure or word of the limit, and the line before ("would exceed\n£450").
    lines = {n for i in ctx.lines_with(_COST_WORDS) for n in (i - 1, i) if n >= 0}
    for match in ctx.iter_matches_on(_COST_FRAME(), lines, into_next=True):
        start, end = match.span()
        if _skip(ctx, start, end) or ctx.is_claimed(start, end):
            continue
        a, b = ctx.sentence(start, end)
        if (
            _REPORTED.search(ctx.text, a, b)
            or not _ESTIMATE.search(ctx.text, a, b)
            or _hypothetical(ctx, a, b)
            or _GENERAL_COST.search(ctx.text, a, b)
            or not _WORK.search(ctx.text, a, b)
            or _WAIVED.search(ctx.text, a, b)
        ):
            continue
        law = _cost_law(ctx, a, b)
        entry = cat.lookup(law, "12") if law else None
        if law is None or entry is None:
            continue
        return [Exemption(law, "12", entry.name, entry.kind, match.group(), match.span())]
    return []


# "a public authority is not obliged to ... if the authority estimates": what the Act allows, not this decision.
_GENERAL_COST = re.compile(
    r"\b(?:an?|any)\s+(?:(?:scottish\s+)?public\s+)?authorit(?:y|ies)\s+(?:is|are|does|do|need|may|can)\b|\bif\s+the\s+authority\b"
    r"|\b(?:allows?|permits?|entitles?)\s+(?:public\s+)?authorities\b",
    re.IGNORECASE,
)


# What the hours or pounds are of: the work of answering (hours alone may be a shift or a response time,
# pounds a fine or a fee).
_WORK = re.compile(
    r"\bcost|\b(?:locat|retriev|extract|search|compl[yi]|process|identif|review|examin|collat|read|answer|check)\w*",
    re.IGNORECASE,
)


# "Although locating the data would take more than 18 hours, we have provided it": the limit set aside.
_WAIVED = re.compile(
    r"\b(?:although|though|despite|notwithstanding|nevertheless)\b[^.]*\b(?:have|has|are|is)\s+(?:been\s+)?"
    r"(?:provid|suppl|attach|answer|disclos|releas|decid\w*\s+to\s+(?:provide|answer|release|disclose))\w*",
    re.IGNORECASE,
)


def _cost_law(ctx: Context, a: int, b: int) -> str | None:
    """Whose cost limit: the letter's Act; a letter under the Regulations alone borrows it only by naming the Act."""
    laws = ctx.laws
    if "FOISA" in laws and "FOIA" not in laws:
        return "FOISA"
    if "FOIA" in laws:
        return "FOIA"
    if laws:  # the EIR or EISR alone: their own ground is "manifestly unreasonable"
        return "FOIA" if _NAMES_FOIA.search(ctx.text, a, b) and not YARDSTICK.search(ctx.text, a, b) else None
    return default_law(ctx, "section")


_NAMES_FOIA = re.compile(
    r"Freedom\s+of\s+Information\b(?!\s+\(Scotland\))|\bFOIA?\b|Fees\)?\s+Regulations", re.IGNORECASE
)


def _cue_matches(ctx: Context, pattern: re.Pattern[str], by_cue: dict[str, Provision]) -> list[re.Match[str]]:
    """Matches of the cue pattern, tried only on lines where a cue occurs."""
    lines = ctx.lines_with(tuple(by_cue))
    return ctx.matches_on(pattern, lines)


@functools.cache
def _cue_pattern(law: str) -> tuple[re.Pattern[str] | None, dict[str, Provision]]:
    """One pattern for every cue of a law's provisions (longest first), and the cue -> provision map."""
    by_cue = {cue.casefold(): p for p in catalogue().provisions.get(law, {}).values() for cue in p.cues}
    if not by_cue:
        return None, by_cue
    words = "|".join(re.escape(cue) for cue in sorted(by_cue, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), by_cue
