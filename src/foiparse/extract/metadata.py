"""Who wrote the response, its own reference number, and its date."""

from __future__ import annotations

import re
from collections import Counter

from foiparse.extract.context import Context
from foiparse.extract.dates import FoundDate
from foiparse.lazyre import lazy
from foiparse.model import Authority, Reference, Span

_CAP = r"(?:[A-Z][\w'’.&-]*|&)"
_JOIN = r"(?:[ \t]+(?:of|and|for|the|upon|on|in|&)(?=[ \t]+[A-Z&]))*"
_ORG_TYPES = r"""(?:
    (?:City|County|Borough|District|Metropolitan[ \t]+Borough|Town|Parish|Combined|Unitary)[ \t]+Council|Council
  | Constabulary|Police(?:[ \t]+(?:Service|Force|Department|Scotland))?|Sheriff'?s[ \t]+Office
  | Fire[ \t]+(?:and|&)[ \t]+Rescue[ \t]+(?:Service|Authority)
  | (?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust|Health[ \t]+Board|Integrated[ \t]+Care[ \t]+Board
  | Clinical[ \t]+Commissioning[ \t]+Group|Ambulance[ \t]+Service(?:[ \t]+NHS[ \t]+Trust)?
  | University|College|(?:Police[ \t]+and[ \t]+Crime[ \t]+)?Commissioner
  | Government|Executive|Assembly|Parliament|State['’]?s[ \t]+Attorney['’]?s[ \t]+Office
  | Administration|Agency|Bureau|Authority
)"""
ORG = re.compile(
    rf"""(?<![\w'’])(?:
        (?:Department|Ministry|Office)[ \t]+(?:of|for)(?:[ \t]+(?:the[ \t]+)?{_CAP}(?:,|[ \t]+and|[ \t]+&)?){{1,6}}
      | (?:{_CAP}{_JOIN}[ \t]+){{1,6}}{_ORG_TYPES}\b(?:[ \t]+of(?:[ \t]+the)?(?:[ \t]+[A-Z][\w'’-]*){{1,3}})?
      | NHS(?:[ \t]+[A-Z][a-z]+){{1,3}}\b
      | (?:University|Bureau|Department|Office|Agency|Commission|Board)[ \t]+of(?:[ \t]+the)?(?:[ \t]+[A-Z][\w'’-]*){{1,4}}
      | Police[ \t]+Scotland | Police[ \t]+Service[ \t]+of[ \t]+Northern[ \t]+Ireland
      | Transport[ \t]+for[ \t]+London | Ordnance[ \t]+Survey | Home[ \t]+Office | Cabinet[ \t]+Office
    )""",
    re.VERBOSE,
)
_ORG_WORD = re.compile(
    r"Council|Constabulary|Police|Sheriff|Rescue|Trust|Board|Group|Service|University|College|Commissioner"
    r"|Government|Executive|Assembly|Parliament|Attorney|Administration|Agency|Bureau|Authority|Department"
    r"|Ministry|Office|NHS|Transport|Ordnance"
)
_LIST_MARK = re.compile(r"^(?:[A-Z]?\d{1,2}[.)]|\([A-Za-z0-9]{1,3}\))\s+")  # "A1. The Council"
_ORG_WORDS_LOWER = tuple(word.lower() for word in _ORG_WORD.pattern.split("|"))
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_JOINS = re.compile(r"(?:[ \t,]+(?:and|&|of|for|the))+$", re.IGNORECASE)
_NOT_AUTHORITY = re.compile(
    r"^(?:the\s+)?(?:information\s+commissioner|scottish\s+information|first-tier|open\s+government|freedom\s+of"
    r"|data\s+protection|local\s+government|your|our|this|dear|yours|the\s+(?:council|trust|force)$)",
    re.IGNORECASE,
)

# A reference: letters and digits joined by - / _ . (at least one digit), maybe after "FOI ".
_REF_TOKEN = (
    r"(?P<ref>(?:(?:FOI[ARS]?|EIR|FOISA|IR)(?:[ \t]+|[ \t]*[-/_][ \t]*))?(?=[\w/.&-]*\d)"
    r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*(?:[-/_.][A-Za-z0-9&]+|[ \t][-/][ \t](?=\d)[A-Za-z0-9]+)*)"  # "FOI / 4191 / 2020", "FOI-2388-2324"
)
REFERENCE = re.compile(
    rf"""(?<!your\s)(?<!your\s\s)(?<!crime\s)(?<!incident\s)(?<!complaint\s)\b(?:
        our\s+ref(?:erence)?(?:\s+(?:no|number))?\.?
      | tracking\s+(?:no|number)\.?
      | (?:foi|foia|eir|foisa|information)\s+(?:request\s+)?ref(?:erence)?(?:\s+(?:no|number))?\.?
      | (?:request|case|file|tfl)\s+(?:ref(?:erence)?|id|no|number)\.?
      | request(?=[ \t]+(?:FOI[ARS]?|EIR|FOISA)[ \t]*[-/_]?[ \t]*\d)   # "Request EIR/24/0640"
      | ref(?:erence)?(?:\s+(?:no|number))?\.?
      | freedom\s+of\s+information\s+request(?:\s+(?:id|no|number|ref(?:erence)?))?
      | (?:foi|foia)\s+(?:file\s+)?(?:request\s+)?(?:no|number|id)\.?
    )[ \t]*[:#]?[ \t]*(?:[-–][ \t]*)?(?:\n[ \t]*)?{_REF_TOKEN}""",
    re.IGNORECASE | re.VERBOSE,
)
HEADER_REF = lazy(
    r"^[ \t]*(?:[\w ,:–-]{0,40}?[ \t(])?(?P<ref>(?:FOI[ARS]?|EIR|RFI)[ \t]?[-/_]?[ \t]?\d[\w]*(?:[-/][\w]+|[ \t][-/][ \t](?=\d)[\w]+)*"
    r"|(?:FI|F|IR|REQ)[ \t]?[-/_]?[ \t]?(?:\d{3,}[\w]*|\d+[-/][\w]+)(?:[-/][\w]+)*)\b"
)
# A reference in a sentence about an earlier request is a prior request, not the letter's own.
_EARLIER = re.compile(
    r"\b(?:previous(?:ly)?(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|quarters?))|earlier|prior|already"
    r"|further\s+to(?!\s+your\s+(?:request|e-?mail|letter|enquiry))|follow(?:-|\s)?up\s+to)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:FOI[ARS]?|EIR|FOISA|RFI)(?:[ \t]*[-/_:][ \t]*|[ \t]*)(?=\d)", re.IGNORECASE)
_CLOCK = re.compile(
    r"^[ \t,]*(?:at[ \t]+)?\d{1,2}[:.]\d\d(?::\d\d)?(?:[ \t]?[ap]\.?m\.?)?(?:[ \t]*(?:[+-]\d{4}|GMT|BST|UTC)(?:[ \t]*\([A-Z]{2,5}\))?)?[ \t]*$",
    re.IGNORECASE,
)
_SPACED_ON = re.compile(r"[ \t]+\d")


def _spaced_out(ref: str, line: str, end: int) -> bool:
    """Whether a year is followed by more numbers, as in a file name ("FOI 2020 2021 3027"): no reference."""
    return bool(re.fullmatch(r"\D*(?:19|20)\d\d", ref)) and _SPACED_ON.match(line, end) is not None


_WEEKDAY_LEAD = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?[ \t]+", re.IGNORECASE)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
DATE_LABEL = re.compile(
    # Longest first: the first alternative that matches is the one taken.
    # An optional label in another language first: "Dyddiad / Date:".
    r"^[ \t]*(?:[-•*][ \t]+)?(?:\w+[ \t]*/[ \t]*)?(?:date\s+of\s+(?:response|reply|letter|issue|decision)|date\s+(?:sent|responded|replied|issued)"
    r"|response\s+date|(?:response|reply|letter|decision)\s+(?:issued|sent|dated)(?:\s+on)?|dated|date|responded(?:\s+on)?"
    r"|issued(?:\s+on)?|sent)[ \t]*[:\-–]?[ \t]*",
    re.IGNORECASE,
)
_TOP_LINES = 25
# The body naming itself as the one that holds the request: "the X is in receipt of your …",
# "X has received your request", "your request to X", "… that you submitted to X".
_RECEIVES = re.compile(
    r"[ \t\n]+(?:is[ \t\n]+in[ \t\n]+receipt[ \t\n]+of|(?:has[ \t\n]+|have[ \t\n]+)?received[ \t\n]+your"
    r"|acknowledges[ \t\n]+(?:receipt|your))\b",
    re.IGNORECASE,
)
_SENT_TO = re.compile(
    r"\b(?:(?:submitted|sent|made|addressed|wrote)[ \t\n]+to|(?:request|application)[ \t\n]+to)[ \t\n]+(?:the[ \t\n]+)?$",
    re.IGNORECASE,
)
_PASSED_ON = re.compile(r"\b(?:pass|transferr?|forward|refer|redirect|sent\s+on)", re.IGNORECASE)  # to another body


def extract_authority(ctx: Context) -> Authority | None:
    """The body named most often, by weight.

    The letterhead and signature count double; a body naming itself as the one that
    received the request counts two more. Ties go to the first named. The name is reported as first written in ordinary
    case when there is such a mention, so a capitalised letterhead does not win it.
    """
    counts: Counter[str] = Counter()
    spans: dict[str, list[Span]] = {}
    letterhead_end = _first_line_end(ctx)
    for match in _org_matches(ctx):
        raw = match.group()
        name = _LEADING_THE.sub("", _LIST_MARK.sub("", raw.strip(" ,")))
        name = _TRAILING_JOINS.sub("", name)
        if _NOT_AUTHORITY.match(name) or len(name.split()) < 2:
            continue
        if ctx.in_request(match.start(), match.end()) or ctx.kind_at(match.start()) == "table":
            continue
        if "  " in name or "\t" in name:
            continue  # "Financial      Agency": two cells of a table's header, not a name
        key = re.sub(r"\s+", " ", name).casefold()
        weight = 2 if ctx.kind_at(match.start()) == "signature" or match.start() < letterhead_end else 1
        before = ctx.text[max(0, match.start() - 40) : match.start()]
        if _RECEIVES.match(ctx.text, match.end()) or (_SENT_TO.search(before) and not _PASSED_ON.search(before)):
            weight += 2  # the body names itself as the one answering: stronger than a line of the letterhead
        counts[key] += weight
        start = match.start() + raw.index(name)
        spans.setdefault(key, []).append((start, start + len(name)))
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -spans[k][0][0]))
    a, b = next((sp for sp in spans[best] if not ctx.text[sp[0] : sp[1]].isupper()), spans[best][0])
    return Authority(name=ctx.text[a:b], span=(a, b))


class _Found:
    """A match found on a title-cased copy of an all-capitals line, mapped back."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self) -> str:
        return self._text[self._start : self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _org_matches(ctx: Context) -> list[_Found]:
    """Names of bodies, including letterheads written in capitals.

    ORG is costly to run over a whole letter, so it runs only on lines that hold
    one of the words every name ends or starts with.
    """
    text = ctx.text
    lines = sorted(
        {ctx.index.line_no(m.start()) for lo, hi in ctx.outside_tables for m in _ORG_WORD.finditer(text, lo, hi)}
    )
    found = [
        _Found(text, m.start(), m.end())
        for i in lines
        for m in ORG.finditer(text, ctx.lines[i].start, ctx.lines[i].end)
    ]
    for line in ctx.lines:
        body = line.text
        if body.isupper() and sum(c.isalpha() for c in body) >= 6:
            titled = _title_case(body)
            if len(titled) == len(body):
                found.extend(
                    _Found(ctx.text, line.start + m.start(), line.start + m.end()) for m in ORG.finditer(titled)
                )
    found.sort(key=lambda f: f.start())
    return found


_SMALL_WORDS = re.compile(r"(?<=\S[ \t])(Of|The|And|For|In|On|Upon)(?=[ \t])")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z][’'])S\b")


def _title_case(caps: str) -> str:
    """A name in capitals as it is written in ordinary case ("Office of the State’s Attorney")."""
    titled = _POSSESSIVE.sub("s", caps.title())
    return _SMALL_WORDS.sub(lambda m: m.group(1).lower(), titled)


def _first_line_end(ctx: Context) -> int:
    first = next((line for line in ctx.lines if not line.blank), None)
    return first.end if first else 0


def extract_reference(ctx: Context) -> Reference | None:
    """The response's own reference: labelled ("Our ref:"), or heading the letter."""
    for match in _labelled_refs(ctx):
        ref = _clean(match.group("ref"))
        if not re.search(r"\d", ref) or ctx.in_request(match.start(), match.end()):
            continue
        s0, s1 = ctx.sentence(match.start(), match.end())
        if _EARLIER.search(ctx.text, s0, s1) and not match.group().lower().startswith("our"):
            continue  # "your earlier request No. 123": a prior request, not this letter's reference
        a = match.start("ref")
        return _reference(ctx, a, a + len(ref))
    for line in ctx.lines[:_TOP_LINES]:
        m = HEADER_REF().match(line.text)
        if (
            m
            and len(line.text.strip()) <= 60
            and not _EARLIER.search(line.text)
            and not _spaced_out(m.group("ref"), line.text, m.end("ref"))
        ):
            ref = _clean(m.group("ref"))
            a = line.start + m.start("ref")
            return _reference(ctx, a, a + len(ref))
    return _subject_reference(ctx)


# "Subject: RE: FOI 2025-0412 - Acknowledgement": the thread's subject names the request replied to.
SUBJECT_REF = lazy(
    r"^[ \t>]*(?:subject|re)[ \t]*:[^\n]*?(?<![\w/-])(?P<ref>(?:FOI[ARS]?|EIR|RFI)[ \t]?[-/_]?[ \t]?\d[\w]*(?:[-/][\w]+)*)\b",
    re.IGNORECASE,
)


def _subject_reference(ctx: Context) -> Reference | None:
    """The reference in an e-mail's subject line, when the letter states none of its own."""
    for i in ctx.lines_with(("subject", "re:")):
        line = ctx.lines[i]
        m = SUBJECT_REF().match(line.text)
        if m and not _EARLIER.search(line.text):
            ref = _clean(m.group("ref"))
            a = line.start + m.start("ref")
            return _reference(ctx, a, a + len(ref))
    return None


_REF_WORDS = ("ref", "request", "case", "file", "tfl", "foi", "tracking")


def _labelled_refs(ctx: Context) -> list[re.Match[str]]:
    """REFERENCE matches, searched only around numbers that have a label word just before them."""
    text = ctx.text
    out: list[re.Match[str]] = []
    last = 0
    for s, _ in ctx.digit_runs:
        if s < last:
            continue
        lead = text[max(0, s - 45) : s].lower()
        if not any(word in lead for word in _REF_WORDS):
            continue  # no label word just before this number
        number = ctx.index.line_no(s)
        line = ctx.lines[number]
        # The label may stand on the line above ("Request ID" then the number).
        above = ctx.lines[number - 1].start if number and not text[line.start : s].strip() else line.start
        for start in _word_starts(text, max(above, s - 45), s):
            m = REFERENCE.match(text, start, line.end)
            if m is not None and m.start() <= s < m.end():
                out.append(m)
                last = m.end()
                break
    return out


def _word_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``lo..hi`` where a word begins (anchored matches are far cheaper than scans)."""
    return [i for i in range(lo, hi) if text[i].isalnum() and (i == 0 or not text[i - 1].isalnum())]


def _clean(ref: str) -> str:
    return ref.rstrip(".,;:)-/")


def _reference(ctx: Context, a: int, b: int) -> Reference:
    text = ctx.text[a:b]
    ident = _PREFIX.sub("", text)
    ctx.claim((a, b))
    return Reference(text=text, id=ident, span=(a, b))


# An acknowledgement or holding reply: the thread's substantive reply comes later.
_HOLDING = lazy(
    r"\b(?:acknowledg\w*|currently[ \t\n]+(?:processing|considering|dealing)|(?:will|aim[ \t\n]+to)[ \t\n]+respond"
    r"|(?:has|have)[ \t\n]+been[ \t\n]+(?:received|logged)|will[ \t\n]+be[ \t\n]+(?:dealt|handled)[ \t\n]+with"
    r"|receipt[ \t\n]+of[ \t\n]+your|automatic(?:ally)?[ \t\n]+(?:generated|reply)|auto-?reply)\b",
    re.IGNORECASE,
)


def _thread_reply_date(ctx: Context) -> tuple[str, Span] | None:
    """In a thread, the date of the authority's last message that is not an acknowledgement."""
    replies = [m for m in ctx.messages if m.direction == "from_authority" and m.date]
    substantive = [m for m in replies if not _HOLDING().search(ctx.text, *m.span)] or replies
    if not substantive:
        return None
    last = substantive[-1]
    head = ctx.lines[ctx.index.line_no(last.span[0])]
    for found in ctx.dates_between(last.span[0], head.end):
        if found.iso is not None and found.iso == last.date:
            ctx.claim((found.start, found.end))
            return found.iso, (found.start, found.end)
    return None


def extract_date(ctx: Context) -> tuple[str, Span] | None:
    """The letter's date: a labelled date ("Date: 4 May 2024"), or a date alone on a line near the top.

    In a thread, the authority's last substantive message's date.
    """
    if ctx.messages:
        dated = _thread_reply_date(ctx)
        if dated is not None:
            return dated
    for i in ctx.lines_with(("date", "sent", "responded", "issued")):
        line = ctx.lines[i]
        if line.start >= ctx.history_start:
            continue  # the quoted earlier messages' dates are not the reply's
        labelled = _labelled_date(ctx, i)
        if labelled is not None:
            return labelled
    return _unlabelled_date(ctx)


# Separators between several "label: value" pairs on one line ("Ref: X · Date of response: Y").
# It starts at the separator itself: a leading [ \t]* would rescan a long run of blanks from
# each of its positions (quadratic: a 133 KB line took a minute).
_PAIRS = re.compile(r"(?:[·|;•]|\t)[ \t]*")


def _labelled_date(ctx: Context, i: int) -> tuple[str, Span] | None:
    """A date after a date label on line ``i``: at the label's end, or alone on the next line."""
    line = ctx.lines[i]
    starts = [0] + [m.end() for m in _PAIRS.finditer(line.text)]
    for offset in starts:
        label = DATE_LABEL.match(line.text, offset)
        if label is None:
            continue
        label_end = line.start + label.end()
        if not ctx.text[label_end : line.end].strip() and i + 1 < len(ctx.lines):
            nxt = ctx.lines[i + 1]  # "Date responded" then the date on a line of its own
            found = ctx.dates_between(nxt.start + nxt.indent, nxt.end)
            if (
                found
                and found[0].iso
                and len(found[0].iso) == 10  # a full date: "February 2026" alone is a month
                and found[0].start == nxt.start + nxt.indent
                and _alone(ctx.text[found[0].end : nxt.end])
            ):
                return _date(ctx, found[0])
            continue
        weekday = _WEEKDAY_LEAD.match(ctx.text, label_end, line.end)
        if weekday:
            label_end = weekday.end()  # "Responded Mon 27 June 2022"
        after = ctx.dates_between(label_end, line.end)
        if after and after[0].iso and after[0].start == label_end:
            rest = ctx.text[after[0].end : line.end]
            stop = _PAIRS.search(rest)  # another "label: value" pair follows on the line
            if _alone_or_run_on(ctx.text, after[0].end, line.end) or (
                stop is not None and not rest[: stop.start()].strip()
            ):
                return _date(ctx, after[0])
    return None


def _unlabelled_date(ctx: Context) -> tuple[str, Span] | None:
    """A full date alone on one of the letter's first lines, else the dated heading of a thread's last message."""
    top = ctx.lines[:_TOP_LINES]
    for found in ctx.dates_between(0, top[-1].end if top else 0):
        line = ctx.lines[ctx.index.line_no(found.start)]
        rest = ctx.text[line.start : found.start] + ctx.text[found.end : line.end]
        number = ctx.index.line_no(found.start)
        previous = ctx.lines[number - 1].text.rstrip() if number else ""
        run_on = previous[-1:].isalpha() and ":" not in previous  # "Your ref: broadband stats" is a label line
        if previous and previous[-1:] not in ".:!?" and not ctx.lines[number - 1].blank and run_on:
            continue  # "... which we received on\n26/12/2023.": the end of a sentence, not the letter's date
        if found.iso and len(found.iso) == 10 and _alone(rest):
            return _date(ctx, found)
    return _thread_date(ctx)


def _thread_date(ctx: Context) -> tuple[str, Span] | None:
    """In a request thread, the date heading the authority's last message ("Vale Council, 14 May 2024")."""
    best: FoundDate | None = None
    for i in ctx.lines_with(_ORG_WORDS_LOWER):
        line = ctx.lines[i]
        org = ORG.match(line.text)
        if org is None or not line.text[org.end() :].lstrip().startswith(","):
            continue
        found = ctx.dates_between(line.start + org.end(), line.end)
        if found and found[0].iso and len(found[0].iso) == 10 and _alone(ctx.text[found[0].end : line.end]):
            best = found[0]
    return None if best is None else _date(ctx, best)


def _alone_or_run_on(text: str, end: int, line_end: int) -> bool:
    """A labelled date alone on its line, or run into the next line's first word ("2022This")."""
    return _alone(text[end:line_end]) or (text[end - 1 : end].isdigit() and text[end : end + 1].isupper())


def _alone(rest: str) -> bool:
    """Nothing else on the line but punctuation, a weekday or a time ("Sent: 17 April 2024 10:42")."""
    rest = _CLOCK.sub("", rest).strip(" \t,.")
    return not rest or bool(_WEEKDAY.fullmatch(rest))


def _date(ctx: Context, found: FoundDate) -> tuple[str, Span] | None:
    if found.iso is None:
        return None
    ctx.claim((found.start, found.end))
    return found.iso, (found.start, found.end)
