"""Exemptions and refusal grounds relied on, resolved to a law and a catalogued provision.

Citations come in many forms ("section 40(2)", "s.40(2)", "s40 (2)", "sections 31(1)(a)
and (b)", "Reg. 12(4)(b)", "regs. 12(4)(b) and 13", "exception 12 (5)e", "section 40.2",
"sections 40 to 43", "§7(1)(d)(v)(vi)", "5 ILCS 140/7(1)(c)", "(b)(6)", "Public Officers
Law § 87(2)(b)"); grounds are also named without a number ("the cost limit",
"vexatious", "manifestly unreasonable"). Not exemptions: procedural sections, sections
of other Acts, sections quoted in the requester's own words, a section named to say it
does not apply, and the complaints boilerplate.
"""

from __future__ import annotations

import functools
import re

from foiparse.catalogue import Provision, catalogue
from foiparse.extract.context import Context
from foiparse.extract.legislation import default_law
from foiparse.lazyre import lazy
from foiparse.model import Exemption
from foiparse.segment import BOILERPLATE

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
CITATION = re.compile(
    rf"""(?<![\w])(?P<word>sections?|ss?\.?|secs?\.|regulations?|regs?\.?|exemptions?|exceptions?|§§?)[ \t]*\n?[ \t]*
        (?P<list>{_NUM}(?:{_JOIN}(?:(?:sections?|ss?\.?|regulations?|regs?\.?|§§?)\s*)?(?:{_NUM}|{_SUBS}))*)""",
    re.IGNORECASE | re.VERBOSE,
)
_ITEM = re.compile(rf"(?P<num>{_NUM})|(?P<sub>{_SUBS})")
_MAX_CITED = 200  # characters of evidence for one item of a list of citations
_CAPPED = re.compile(rf"[^(]*(?:\([^()]*\)){{0,{_LEVELS}}}")  # a sibling's provision, to the same depth
US_EXEMPTION = lazy(r"\(b\)[ \t]?\([1-9]\)(?:[ \t]?\([A-F]\))?|\bExemptions?[ \t]+(?P<n>[1-9])\b(?!\s*\()")
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
    r"|exceed\w*|exempt|withh[eo]ld\w*|unable|cannot|can\s*not|would|under\s+section|section\s+1[24]|reg(?:ulation)?\s+12)\b",
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
    named = [e for e in _named_grounds(ctx) if (e.law, _section(e.provision)) not in sections]
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
    kind = ctx.kind_at(start)
    if kind == "signature":
        return True
    if kind == "boilerplate":
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


# What was done with the information, said outright: outside the letter's paragraphs a ground
# counts only in such a sentence, and not in a general one ("information may be withheld").
_DONE = re.compile(
    r"\b(?:withh[eo]ld|redact(?:ed|ion)|(?:is|are|was|were|remains?)\s+(?:\w+ly\s+)?exempt|refused|exceeds?|(?:have|has)\s+(?:been\s+)?"
    r"(?:applied|relied|engaged))\b",
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
    r"(?:(?:sections?|ss?\.?|secs?\.|regulations?|regs?\.?|exceptions?|§§?)[ \t]*)?$",
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
    # Most citations have none of the words a negation needs: skip the sentence lookup and the patterns.
    if _NOT_HINT_BEFORE.search(before) is None and _NOT_HINT_AFTER.search(after, 0, 90) is None:
        return False
    lo, hi = ctx.sentence(start, end)
    if _NOT_RELIED_BEFORE.search(before, max(0, lo - (start - len(before)))):
        return True
    return _NOT_RELIED_AFTER.match(after, 0, max(0, min(hi - end, len(after)))) is not None


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
        if _skip(ctx, match.start(), match.end()):
            continue
        word = match.group("word")
        law = _law_before(ctx, match.start()) or _law_after(ctx, match.end(), word)
        if law is None:
            continue
        base_full = ""
        claimed = 0
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
                if (law, provision) in seen:  # "sections 40, 40, 40, ...": the first says it
                    continue
                entry = cat.lookup(law, provision)
                if entry is None or cat.is_procedural(law, provision):
                    continue
                if _not_relied(ctx, match.start("list") + item.start(), b):
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
    return [p]


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


def _sibling(cited: str, sub: str) -> str:
    """``31(1)(a)`` and ``(b)`` -> ``31(1)(b)``; ``36(2)(b)(ii)`` and ``(c)`` -> ``36(2)(c)``.

    The bare part replaces the last part of the same kind (number, letter, roman numeral).
    """
    parts = re.findall(r"\([^()]*\)", cited)
    head = cited[: len(cited) - len("".join(parts))]

    def kind(part: str) -> str:
        if part[1:-1].isdigit():
            return "number"
        return "roman" if _ROMAN().fullmatch(part) and parts and _ROMAN().fullmatch(parts[-1]) else "letter"

    want = kind(sub)
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
            return law
    return default_law(ctx, word)


def _us_citations(ctx: Context) -> list[Exemption]:
    if "US-FOIA" not in ctx.laws:  # "Exemption 1" in a UK letter is its own numbering
        return []
    cat = catalogue()
    out = []
    for match in US_EXEMPTION().finditer(ctx.text):
        if _skip(ctx, match.start(), match.end()):
            continue
        provision = f"(b)({match.group('n')})" if match.group("n") else match.group().replace(" ", "").replace("\t", "")
        entry = cat.lookup("US-FOIA", provision)
        if entry is not None:
            out.append(Exemption("US-FOIA", provision, entry.name, entry.kind, match.group(), match.span()))
    return out


# "5 ILCS 140/7(1)(c)": the Illinois Act cited by its place in the compiled statutes.
_ILCS = lazy(
    r"\b5[ \t]*ILCS[ \t]*140[ \t]*/[ \t]*(?P<p>\d+(?:\.\d+)?(?:[ \t]?\([ \t]?[0-9a-z.]{1,8}[ \t]?\)){0,4})",
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
            if _REPORTED.search(ctx.text, a, b) or not _DECIDES.search(ctx.text, a, b):
                continue
            if (
                borrowed
                and law == "FOIA"
                and (provision.kind != "cost_limit" or not _NAMES_FOIA.search(ctx.text, a, b))
            ):
                continue  # a ground of a law the letter is not under counts only when its sentence names that law
            done.add(provision.key)
            out.append(Exemption(law, provision.key, provision.name, provision.kind, match.group(), match.span()))
    return out


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
