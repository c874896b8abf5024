"""Exemptions and refusal grounds relied on, resolved to a law and a catalogued provision.

Citations come in many forms ("section 40(2)", "s.40(2)", "s40 (2)", "sections 31(1)(a)
and (b)", "Reg. 12(4)(b)", "(b)(6)"); grounds are also named without a number ("the
cost limit", "vexatious", "manifestly unreasonable"). Not exemptions: procedural
sections, sections of other Acts, sections quoted in the requester's own words, and
the complaints boilerplate.
"""

from __future__ import annotations

import functools
import re

from foiparse.catalogue import Provision, catalogue
from foiparse.extract.context import Context
from foiparse.extract.legislation import default_law
from foiparse.lazyre import lazy
from foiparse.model import Exemption

_SUB = r"(?:[ \t]?\([ \t]?[0-9a-zA-Z]{1,4}[ \t]?\))"
# No provision goes deeper than "36(2)(b)(ii)": a citation is read to at most this many
# levels, so a hostile "40(2)(2)(2)..." costs nothing and the catalogue's lookup (which
# strips one level at a time) stays short.
_LEVELS = 4
_SUBS = rf"{_SUB}{{1,{_LEVELS}}}"
_NUM = rf"\d{{1,2}}[A-Z]?(?![\d.]\d){_SUB}{{0,{_LEVELS}}}"
CITATION = re.compile(
    rf"""(?<![\w])(?P<word>sections?|ss?\.?|secs?\.|regulations?|regs?\.?|exemptions?)[ \t]*\n?[ \t]*
        (?P<list>{_NUM}(?:[ \t]*(?:,|and|or|&|/)\s*(?:(?:sections?|ss?\.?|regulations?|regs?\.?)\s*)?(?:{_NUM}|{_SUBS}))*)""",
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
    for exemption in (*_citations(ctx), *_us_citations(ctx), *_ilcs_citations(ctx), *_named_grounds(ctx)):
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


def _skip(ctx: Context, start: int, end: int) -> bool:
    return ctx.in_request(start, end) or ctx.kind_at(start) in ("boilerplate", "signature", "table")


def _citations(ctx: Context) -> list[Exemption]:
    out: list[Exemption] = []
    cat = catalogue()
    for match in _citation_matches(ctx):
        if _skip(ctx, match.start(), match.end()):
            continue
        word = match.group("word")
        law = _law_after(ctx, match.end(), word)
        if law is None:
            continue
        base = base_full = ""
        claimed = 0
        seen: set[tuple[str, str]] = set()
        for item in _ITEM.finditer(match.group("list")):
            if item.group("num"):
                provision = re.sub(r"[ \t]", "", item.group("num"))
                base = re.sub(r"\([^()]*\)$", "", provision) if "(" in provision else provision
                base_full = provision
            else:
                if not base:
                    continue
                provision = _sibling(base_full, re.sub(r"[ \t]", "", item.group("sub")))
                provision = _CAPPED.match(provision).group()  # type: ignore[union-attr]  # always matches
            b = match.start("list") + item.end()
            if (law, provision) not in seen:  # "sections 40, 40, 40, ...": the first says it
                entry = cat.lookup(law, provision)
                if entry is None or cat.is_procedural(law, provision):
                    continue
                # The citation from its word, unless the list is long: then the item alone.
                a = match.start() if b - match.start() <= _MAX_CITED else match.start("list") + item.start()
                seen.add((law, provision))
                out.append(Exemption(law, provision, entry.name, entry.kind, ctx.text[a:b], (a, b)))
            ctx.claim((max(match.start(), claimed), b))  # only what is new: a long list stays linear
            claimed = b
    return out


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
)


def _citation_matches(ctx: Context) -> list[re.Match[str]]:
    """CITATION matches, tried only where a number follows one of the citation words.

    Cheaper than scanning the whole letter: most numbers are ruled out by a look at
    the word before them.
    """
    text = ctx.text
    out: list[re.Match[str]] = []
    last = 0
    for s, _ in ctx.digit_runs:
        if s < last or (s and text[s - 1].isdigit()):
            continue
        before = text[max(0, s - 16) : s].rstrip(" \t\n.").lower()
        if not before.endswith(_CITE_WORDS):
            continue
        word = next(w for w in _CITE_WORDS if before.endswith(w))
        start = len(before) - len(word)
        if start > 0 and (before[start - 1].isalnum() or before[start - 1] in "_'’"):
            continue  # "costs 40", "Regs" inside a longer word, "the Council's 40 officers"
        m = CITATION.match(text, max(0, s - 16) + start)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


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
_ILCS = lazy(r"\b5[ \t]*ILCS[ \t]*140[ \t]*/[ \t]*(?P<p>\d+(?:\.\d+)?(?:[ \t]?\([0-9a-z.]{1,8}\)){0,4})", re.IGNORECASE)


def _ilcs_citations(ctx: Context) -> list[Exemption]:
    if not ctx.has("ilcs"):
        return []
    cat = catalogue()
    out = []
    for match in _ILCS().finditer(ctx.text):
        if _skip(ctx, match.start(), match.end()):
            continue
        provision = re.sub(r"[ \t]", "", match.group("p"))
        entry = cat.lookup("IL-FOIA", provision)
        if entry is None or cat.is_procedural("IL-FOIA", provision):
            continue
        out.append(Exemption("IL-FOIA", provision, entry.name, entry.kind, match.group(), match.span()))
        ctx.claim(match.span())
    return out


def _named_grounds(ctx: Context) -> list[Exemption]:
    """Grounds named in words ("exceed the cost limit", "vexatious"); the first mention of each."""
    cat = catalogue()
    laws = [law for law in ctx.laws if law in cat.provisions] or ["FOIA"]
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
            done.add(provision.key)
            out.append(Exemption(law, provision.key, provision.name, provision.kind, match.group(), match.span()))
    return out


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
