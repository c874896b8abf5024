"""Earlier FOI requests and published responses the letter points to.

A reference counts as a prior request when its sentence says so (previous, earlier,
already published, a similar request, the disclosure log...), in any shape ("FOI 1234",
"F0029751", "CAS-89155", "DA3720", "2020.41771", another number in the response's own
scheme); a link counts when it is the page of one response (a disclosure-log entry, a
WhatDoTheyKnow request), never a site's general FOI page. The response's own reference
(labelled "Our ref", or written shorter) and the requester's ("your ref") are not prior
requests.
"""

from __future__ import annotations

import re

from foiparse.extract.context import Context
from foiparse.model import PriorRequest, Reference

PRIOR_REF = re.compile(
    r"""(?<![\w/-])(?P<ref>
        (?:FOI[ARS]?|EIR|FOISA|IR|RFI|ATISN|FOI[ \t]?Requests?)(?:[ \t]+(?:requests?|ref(?:erence)?|response))?
        (?:[ \t]+(?:no|number))?\.?[ \t]*[-/:#_–]?[ \t]*\[?(?P<id>\d[\w]*(?:[-/][\w]+)*)
      | (?P<fid>F\d{5,}|IC-\d{3,}-[A-Z0-9]{4}|FS\d{8})
    )(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
# Reference words with no scheme prefix: "request 1438", "reference number 2020-21-3027".
LOOSE_REF = re.compile(
    r"\b(?:(?:ref(?:erence)?(?:[ \t]+(?:no\.?|number))?|(?:request|case)[ \t]+(?:no\.?|number|id|ref(?:erence)?))"
    r"[ \t]*[:#]?[ \t]*(?P<id>\d{3,}(?:[-/.]\d+)*)\b"
    # A bare "request 1438" only where the number ends the phrase ("request 500 further records" is a count).
    # "a previous request, PFR-FOI-0117": a house format, letters before the number
    r"|(?:previous|earlier|prior|original|similar)[ \t]+(?:foi[ \t]+)?request[,:]?[ \t]+(?:\(?ref(?:erence)?[:.]?[ \t]*)?"
    r"(?P<house>[a-z][a-z0-9]*(?:[-/][a-z0-9]+)*[-/]\d\w*(?:[-/]\w+)*|[a-z]{1,5}\d{3,}(?![\w/-]))"
    r"|(?:requests?|case)[ \t]+(?P<bare>\d{3,}(?:[-/]\d+)*)"
    r"(?=[ \t]*(?:[,.;:)]|$|\s+(?:of|dated|from|in|which|was|were|and|or|to|for|that|on|by|is|has|had)\b)))",
    re.IGNORECASE,
)
URL = re.compile(r"https?://[^\s<>\"'\]\[)]+|www\.[^\s<>\"'\]\[)]+", re.IGNORECASE)
# A link to a published response: one of these words as a part of its path.
PRIOR_URL = re.compile(
    r"(?:^|[/._?=&-])(?:foi|foia|eir|foi-?requests?|disclosure|disclosure-?log|freedom-of-information|request)(?:$|[/._?=&-]|\d)"
    r"|whatdotheyknow\.com/request/",
    re.IGNORECASE,
)
PRIOR_CUES = re.compile(
    r"""\b(?:previous(?:ly)?(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|quarters?))|earlier|prior|past|former|original|already|before|last\s+year
      | similar|same\s+(?:information|request)|published|disclosure\s+log|publication\s+scheme
      | (?:was|were|has\s+been|have\s+been)\s+(?:answered|responded|released|provided|published)
      | (?:refer|referred)\s+(?:you\s+)?to|see\s+(?:our|the)\s+response|link\s+to
      | (?:your|my|his|her|their)\s+(?:other|related|linked)\s+requests?
      | review\w*\s+(?:of\s+)?(?:its\s+|the\s+|our\s+)?handling|our\s+handling\s+of\s+(?:your|the|this|that)\s+request
      | further\s+to(?!\s+your\s+(?:request|e-?mail|letter|enquiry))|follow(?:ing|-|\s)?up\s+(?:to|on|of)
      | update[ds]?\s+(?:to|of|on)
      | following\s+(?:on\s+)?from|follow(?:s|ed)\s+(?:on\s+from\s+)?(?:your|our|an?|the)\s+(?:\w+\s+)?requests?)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Numbers of other kinds of case: a crime, a complaint, a tribunal appeal.
# A sentence that says a request came before: only then is a second "our ref" another request.
_EARLIER = re.compile(
    r"\b(?:previous(?:ly)?|earlier|prior|similar|same|repeat\w*|already|answered|responded)\b", re.IGNORECASE
)
_OTHER_CASE = re.compile(
    r"\b(?:crime|incident|complaint|ombudsman|tribunal|court|appeal|planning|claim|account|invoice)s?[\s,(]*$",
    re.IGNORECASE,
)
YOUR_REF = re.compile(r"\byour\s+ref(?:erence)?(?:\s+(?:no|number))?\.?\s*[:#]?\s*$", re.IGNORECASE)
# The response's own reference, labelled as such: "Our ref: FOI 1234", a "Subject:" or "Ref:" line.
OUR_REF = re.compile(r"\bour\s+ref(?:erence)?(?:\s+(?:no|number))?\.?\s*[:#]?\s*$", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"[ \t>]*(?:subject|ref(?:erence)?(?:[ \t]+(?:no|number))?\.?|case[ \t]+(?:no|number|ref))[ \t]*:", re.I
)


def _not_earlier(ctx: Context, start: int, before: str, *, other_own: bool = False) -> bool:
    """A reference that is the requester's, the response's own, or another kind of case.

    "Our ref" before an id is the response's own reference, unless the response's own is
    known and this is another (``other_own``): "your request of 11 January (our ref FOI-4471)".
    """
    if YOUR_REF.search(before) or (OUR_REF.search(before) and not other_own) or _OTHER_CASE.search(before):
        return True
    line = ctx.lines[ctx.index.line_no(start)]
    return _HEADER_LINE.match(ctx.text, line.start, line.end) is not None


def extract_prior_requests(ctx: Context, own: Reference | None) -> tuple[PriorRequest, ...]:
    """Prior requests in document order, one per identifier; links merged into them."""
    own_id = _key(own.id) if own else None
    found: list[PriorRequest] = []
    seen: dict[str, int] = {}
    for pattern, words in ((PRIOR_REF, _SCHEME_WORDS), (LOOSE_REF, _LOOSE_WORDS)):
        for match in _on_lines(ctx, pattern, words):
            ref_start, ref_end = (
                match.span("ref") if "ref" in match.groupdict() and match.group("ref") else match.span()
            )
            groups = match.groupdict()
            ident = groups.get("id") or groups.get("fid") or groups.get("house") or groups.get("bare")
            key = _key(ident)
            if not key or _is_own(key, own_id) or key in seen or ctx.is_claimed(ref_start, ref_end):
                continue
            if _PLACEHOLDER.match(ctx.text, ref_end) or _spaced_year(ctx.text, ident, ref_end):
                continue  # "[FOI #256525 email]": the thread's own address
            if _financial_year(ident):
                continue  # "the figures for 2019/20 to 2022/23": years, not a request's id
            if _same_as_found(key, found):
                ctx.claim((ref_start, ref_end))  # "1438" after "2019-20-1438": that request again, not a figure
                continue
            before = ctx.text[max(0, ref_start - 30) : ref_start]
            a, b = ctx.sentence(ref_start, ref_end)
            other_own = own_id is not None and _EARLIER.search(ctx.text, a, b) is not None
            if ctx.kind_at(ref_start) in ("boilerplate",) or _not_earlier(ctx, ref_start, before, other_own=other_own):
                continue
            if not PRIOR_CUES.search(ctx.text, a, b) or _is_url_part(ctx.text, ref_start):
                continue
            seen[key] = len(found)
            ctx.claim((ref_start, ref_end))
            found.append(
                PriorRequest(
                    reference=ctx.text[ref_start:ref_end],
                    id=ident,
                    span=(ref_start, ref_end),
                    date=_date_after(ctx, ref_end, b),
                )
            )
            for a2, b2 in _listed_after(ctx, match.end(), ident or ""):  # "FOI requests 1369 and 1438"
                more = ctx.text[a2:b2]
                if _same_as_found(_key(more), found):
                    ctx.claim((a2, b2))
                elif _key(more) not in seen and _key(more) != own_id:
                    seen[_key(more)] = len(found)
                    ctx.claim((a2, b2))
                    found.append(PriorRequest(reference=more, id=more, span=(a2, b2)))
    for ref_start, ref_end in _same_scheme(ctx, own):
        ident = ctx.text[ref_start:ref_end]
        key = _key(ident)
        if (
            _is_own(key, own_id)
            or key in seen
            or _financial_year(ident)  # "2019/20" in the shape of "2024/1876"
            or ctx.is_claimed(ref_start, ref_end)
            or ctx.kind_at(ref_start) == "boilerplate"
        ):
            continue
        a, b = ctx.sentence(ref_start, ref_end)
        before = ctx.text[max(0, ref_start - 30) : ref_start]
        if not PRIOR_CUES.search(ctx.text, a, b) or _not_earlier(ctx, ref_start, before):
            continue
        seen[key] = len(found)
        ctx.claim((ref_start, ref_end))
        found.append(
            PriorRequest(reference=ident, id=ident, span=(ref_start, ref_end), date=_date_after(ctx, ref_end, b))
        )
    for match in _urls(ctx):
        url = match.group().rstrip(".,;:")
        if not PRIOR_URL.search(url.split("//", 1)[-1]) or ctx.kind_at(match.start()) in ("boilerplate", "signature"):
            continue
        a, b = ctx.sentence(match.start(), match.end())
        para = ctx.block_at(match.start())
        # The link's sentence and the one before it ("A link to the response is below:").
        lead = ctx.sentence(max(0, a - 2), max(0, a - 1))[0] if a > 1 else a
        context = ctx.text[lead:b]
        url_key = _key(url)
        linked = next((k for k in seen if k and k in url_key), None)
        if linked is not None:
            i = seen[linked]
            if found[i].url is None:
                old = found[i]
                found[i] = PriorRequest(old.reference, old.id, old.span, old.date, url)
            ctx.claim(match.span())
            continue
        path = url.split("//", 1)[-1].split("/", 1)[-1]
        ids = [i for i in re.findall(r"\d{3,}(?:[-/]\d+)*", path) if not re.fullmatch(r"(?:19|20)\d\d", i)]
        ident = ids[-1] if ids else None
        if ident is None and para is not None and PRIOR_CUES.search(context):
            # "That response is available at URL": the link belongs to the request just named.
            near = [i for i, p in enumerate(found) if para.span[0] <= p.span[0] < match.start() and p.url is None]
            if near:
                old = found[near[-1]]
                found[near[-1]] = PriorRequest(old.reference, old.id, old.span, old.date, url)
                ctx.claim(match.span())
                continue
        if not _points_to_prior(context, ident is not None or _RESPONSE_PAGE.search(path) is not None):
            continue
        if ident is not None and (_key(ident) == own_id or _key(ident) in seen):
            continue
        if ident is not None:
            seen[_key(ident)] = len(found)
        ctx.claim(match.span())
        found.append(PriorRequest(reference=None, id=ident, span=(match.start(), match.start() + len(url)), url=url))
    found.extend(_from_links(ctx, found, seen, own_id))
    found.sort(key=lambda p: p.span[0])
    return tuple(found)


# A page of one published response: a disclosure-log entry, a WhatDoTheyKnow request.
_RESPONSE_PAGE = re.compile(
    r"(?:disclosure-?log|foi-?(?:response|disclosure)s?|(?:^|/)request)/[\w-]{6,}", re.IGNORECASE
)
_COMPLAINT = re.compile(r"\bcomplain|\bright\s+to\b|internal\s+review|Information\s+Commissioner", re.IGNORECASE)


def _points_to_prior(context: str, one_response: bool) -> bool:
    """Whether a link is to an earlier response: the page of one response, in a sentence that points to it.

    A site's general pages (its FOI page, its disclosure log, a dataset) are never an
    earlier request, whatever the sentence says ("earlier requests are published in our
    disclosure log: ..."); nor is a link in the complaints advice.
    """
    return one_response and not _COMPLAINT.search(context) and PRIOR_CUES.search(context) is not None


def _same_scheme(ctx: Context, own: Reference | None) -> list[tuple[int, int]]:
    """Identifiers written in the response's own reference scheme ("DOF/2023-0871" beside "DOF/2024-0112").

    Another number in the authority's own scheme is another of its cases; the scheme must be
    distinctive (letters and a separator, or two groups of digits), never a bare number.
    """
    if own is None or not own.id:
        return []
    groups = re.findall(r"[A-Za-z]+|\d+|[^A-Za-z\d]+", own.id)
    letters = sum(len(g) for g in groups if g.isalpha())
    digit_groups = [g for g in groups if g.isdigit()]
    if not digit_groups or (letters < 2 and len(digit_groups) < 2) or len(groups) > 9:
        return []
    parts = []
    for i, g in enumerate(groups):
        if g.isdigit():
            last = i == len(groups) - 1
            parts.append(rf"\d{{{max(1, len(g) - 2)},{len(g) + 2}}}" if last else rf"\d{{{len(g)}}}")
        else:
            parts.append(re.escape(g))
    pattern = re.compile(rf"(?<![\w/-])(?i:{''.join(parts)})(?![\w/-])")
    first = groups[0]
    if not ctx.has(first.lower() if first.isalpha() else first):
        return []
    return [m.span() for lo, hi in ctx.outside_tables for m in pattern.finditer(ctx.text, lo, hi)]


def _urls(ctx: Context) -> list[re.Match[str]]:
    """Web addresses written in the text, outside tables (a cheap test first: most letters have none)."""
    if not ctx.has("http", "www."):
        return []
    return [m for lo, hi in ctx.outside_tables for m in URL.finditer(ctx.text, lo, hi)]


def _from_links(
    ctx: Context, found: list[PriorRequest], seen: dict[str, int], own_id: str | None
) -> list[PriorRequest]:
    """Hyperlinks of a page: the address of a prior request named in their text or sentence, or a new one.

    "our previous response <a href=/disclosure-log/1234>", where the link text need not say which.
    """
    out: list[PriorRequest] = []
    for link in ctx.links:
        a, b = link.span
        if ctx.kind_at(a) in ("boilerplate", "signature", "table") or ctx.in_request(a, b):
            continue
        if not PRIOR_URL.search(link.url.split("//", 1)[-1]):
            continue
        s0, s1 = ctx.sentence(a, b)
        named = next((i for i, p in enumerate(found) if s0 <= p.span[0] < s1 and p.url is None), None)
        if named is not None:
            old = found[named]
            found[named] = PriorRequest(old.reference, old.id, old.span, old.date, link.url)
            continue
        if any(p.url == link.url for p in (*found, *out)):
            continue
        path = link.url.split("//", 1)[-1].split("/", 1)[-1]
        ids = [i for i in re.findall(r"\d{3,}(?:[-/]\d+)*", path) if not re.fullmatch(r"(?:19|20)\d\d", i)]
        ident = ids[-1] if ids else None
        if not _points_to_prior(ctx.text[s0:s1], ident is not None or _RESPONSE_PAGE.search(path) is not None):
            continue
        if ident is not None and (_key(ident) == own_id or _key(ident) in seen):
            continue
        out.append(PriorRequest(reference=None, id=ident, span=(a, b), url=link.url))
    return out


# Lines a reference can be on hold one of these (lower case) and a digit.
_SCHEME_WORDS = ("foi", "eir", "rfi", "atisn", "ic-")
_LOOSE_WORDS = ("request", "ref", "case")


def _on_lines(ctx: Context, pattern: re.Pattern[str], words: tuple[str, ...]) -> list[re.Match[str]]:
    """Matches of ``pattern`` on the lines that hold one of ``words`` and a digit.

    Prefixes too short to search for as words ("IR-123", "F0012345", "FS50123456")
    are found from the runs of digits they stand before.
    """
    lines = set(ctx.lines_with(words, digits=True))
    if pattern is PRIOR_REF:
        text = ctx.text
        for s, _ in ctx.digit_runs:
            if s and (
                text[s - 1] in "fF" or text[s - 2 : s].upper() == "FS" or text[max(0, s - 3) : s - 1].upper() == "IR"
            ):
                lines.add(ctx.index.line_no(s))
    return ctx.matches_on(pattern, lines)


# "1369, 1402 and 1438": a separator is required, and a year or a count ("250 pages") is no id.
_MORE_IDS = re.compile(r"[ \t]*(?:,|and|&|or)[ \t]*\n?[ \t]*(?!(?:19|20)\d\d\b)(\d{3,}(?:[-/]\d+)*)(?![\w/-])")


def _listed_after(ctx: Context, end: int, first: str) -> list[tuple[int, int]]:
    """Spans of further identifiers listed straight after a reference: "1369, 1402 and 1438".

    Each must have the first one's shape (as many digits), so "request 4410 and 250
    pages" lists no second request.
    """
    shape = re.sub(r"\d", "9", first)
    spans = []
    pos = end
    while (m := _MORE_IDS.match(ctx.text, pos)) is not None and re.sub(r"\d", "9", m.group(1)) == shape:
        spans.append(m.span(1))
        pos = m.end()
    return spans


def _key(ident: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", (ident or "").casefold())


def _is_own(key: str, own_id: str | None) -> bool:
    """The response's own reference, or it written shorter or longer ("1234" beside "FOI/2024/1234")."""
    if not own_id:
        return False
    short, long = sorted((key, own_id), key=len)
    return long.endswith(short) and sum(c.isdigit() for c in short) >= 3


def _same_as_found(key: str, found: list[PriorRequest]) -> bool:
    """The same request written shorter or longer: "1438" beside "2019-20-1438"."""
    return any(p.id and (_key(p.id).endswith(key) or key.endswith(_key(p.id))) for p in found)


def _spaced_year(text: str, ident: str | None, end: int) -> bool:
    """Whether a year is followed by more numbers, a reference spaced out in a file name ("FOI 2020 2021 3027")."""
    return (
        bool(ident and re.fullmatch(r"(?:19|20)\d\d", ident)) and re.match(r"[ \t]+\d", text[end : end + 3]) is not None
    )


def _financial_year(ident: str | None) -> bool:
    """A year and the next ("2019/20", "2022-2023"): a period, never a request's id."""
    m = re.fullmatch(r"((?:19|20)\d\d)[/-]((?:19|20)?\d\d)", ident or "")
    return m is not None and int(m.group(2)[-2:]) == (int(m.group(1)) + 1) % 100


# WhatDoTheyKnow writes "[FOI #256525 email]" for the address of the thread's own request.
_PLACEHOLDER = re.compile(r"[ \t]+email\]", re.IGNORECASE)
_URL_BEFORE = re.compile(r"(?:https?://|www\.)\S*$")


def _is_url_part(text: str, start: int) -> bool:
    lo = max(0, start - 300)  # bounded: a letter may be one long line
    line_start = max(text.rfind("\n", lo, start), lo - 1) + 1
    return bool(_URL_BEFORE.search(text, line_start, start))


def _date_after(ctx: Context, end: int, limit: int) -> str | None:
    """A date just after the reference ("FOI 123, July 2019", "of 3 May 2023")."""
    for found in ctx.dates_between(end, min(limit, end + 60)):
        if found.iso is None:
            continue
        between = ctx.text[end : found.start]
        if re.fullmatch(r"[\s,(]*(?:of|dated|on|from|sent|in)?[\s,(]*", between, re.IGNORECASE):
            return found.iso
    return None
