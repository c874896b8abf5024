"""Who wrote the response, its own reference number, and its date."""

from __future__ import annotations

import functools
import math
import os
import re
import zlib
from dataclasses import dataclass, replace

from foiparse.extract import weigh
from foiparse.extract.context import Context
from foiparse.extract.dates import FoundDate
from foiparse.layout.segment import SALUTATION, SIGN_OFF
from foiparse.lazyre import lazy
from foiparse.model import Authority, Reference, Span

_CAP = r"(?:[A-Z][\w'’.&-]*|&)"
_JOIN = r"(?:[ \t]+(?:of|and|for|the|upon|on|in|&)(?=[ \t]+[A-Z&]))*"
_ORG_TYPES = r"""(?:
    (?:City|County|Borough|District|Metropolitan[ \t]+Borough|Town|Parish|Combined|Unitary)[ \t]+Council|Council
  | Constabular(?:y|ies)|Police(?:[ \t]+(?:Service|Force|Department|Scotland))?|Sheriff'?s[ \t]+Office
  | Fire[ \t]+(?:and|&)[ \t]+Rescue[ \t]+(?:Service|Authority)
  | (?:NHS[ \t]+)?(?:Foundation[ \t]+)?Trust|Health[ \t]+Board|Integrated[ \t]+Care[ \t]+Board
  | Clinical[ \t]+Commissioning[ \t]+Group|Ambulance[ \t]+Service(?:[ \t]+NHS[ \t]+Trust)?
  | University|College|(?:Police[ \t]+and[ \t]+Crime[ \t]+)?Commissioner
  | Government|Executive|Assembly|Parliament|State['’]?s[ \t]+Attorney['’]?s[ \t]+Office
  | Administration|Agency|Bureau|Authority|Commission
)"""
ORG = re.compile(
    rf"""(?<![\w'’])(?:
        (?:Department|Ministry|Office)[ \t]+(?:of|for)(?:[ \t]+(?:the[ \t]+)?{_CAP}(?:,|[ \t]+and|[ \t]+&)?){{1,6}}
      | (?:{_CAP}{_JOIN}[ \t]+){{1,6}}{_ORG_TYPES}\b(?:[ \t]+of(?:[ \t]+the)?(?:[ \t]+[A-Z][\w'’-]*){{1,3}})?
      | NHS(?:[ \t]+[A-Z][a-z]+){{1,3}}(?:[ \t]+(?:CCG|ICB)\b)?\b
      | (?:London|Royal)[ \t]+Borough[ \t]+of(?:[ \t]+[A-Z][\w'’-]*){{1,3}}
      | (?:University|Bureau|Department|Office|Agency|Commission|Board)[ \t]+of(?:[ \t]+the)?(?:[ \t]+[A-Z][\w'’-]*){{1,4}}
      | Police[ \t]+Scotland | Police[ \t]+Service[ \t]+of[ \t]+Northern[ \t]+Ireland
      | Transport[ \t]+for[ \t]+London | Ordnance[ \t]+Survey | Home[ \t]+Office | Cabinet[ \t]+Office
    )""",
    re.VERBOSE,
)
_ORG_WORD = re.compile(
    r"Council|Constabular|Police|Sheriff|Rescue|Trust|Board|Group|Service|University|College|Commissioner"
    r"|Government|Executive|Assembly|Parliament|Attorney|Administration|Agency|Bureau|Authority|Department"
    r"|Ministry|Office|NHS|Transport|Ordnance|Borough|Commission"
)
_LIST_MARK = re.compile(r"^(?:[A-Z]?\d{1,2}[.)]|\([A-Za-z0-9]{1,3}\))\s+")  # "A1. The Council"
_ORG_WORDS_LOWER = tuple(word.lower() for word in _ORG_WORD.pattern.split("|"))
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_JOINS = re.compile(r"(?:[ \t,]+(?:and|&|of|for|the))+$", re.IGNORECASE)
_NOT_AUTHORITY = re.compile(
    r"^(?:the\s+)?(?:information\s+commissioner|scottish\s+information|first-tier|open\s+government|freedom\s+of"
    r"|data\s+protection|local\s+government|your|our|this|dear|yours|the\s+(?:council|trust|force)$"
    r"|(?:superintendent|chief|director|mayor|head|deputy|assistant)\b)",  # a person's title: "Superintendent of Police"
    re.IGNORECASE,
)

# A reference: letters and digits joined by - / _ . (at least one digit), maybe after "FOI ".
# Not a date: "Our ref:" over an empty value, then the letter's date on the next line.
_NOT_DAY = r"(?![0-3]?\d(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
_REF_TOKEN = (
    r"(?P<ref>(?:(?:[A-Z]{1,4}/)?(?:FOI[ARS]?|EIR|FOISA|IR)(?:[ \t]+|[ \t]*[-/_][ \t]*)"
    r"|(?-i:[A-Z]{2,6})[ \t]+(?=\d{4})(?!(?:19|20)\d\d\b))?"  # a scheme's capitals, then its number: "ATISN 15770"
    rf"{_NOT_DAY}(?=[\w/.&-]*\d)"
    r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*(?:[-/_.][A-Za-z0-9&]+|[ \t][-/][ \t](?=\d)[A-Za-z0-9]+)*)"  # "FOI / 4191 / 2020", "FOI-2388-2324"
)
# "No", also as a PDF sets a superscript "o" apart ("Reference N o:").
_NO = r"(?:n[ \t]?o|number)"
REFERENCE = re.compile(
    rf"""(?<!your\s)(?<!your\s\s)(?<!crime\s)(?<!incident\s)(?<!complaint\s)\b(?:
        our\s+ref(?:erence)?(?:\s+(?:no|number))?\.?
      | tracking(?:\s+(?:no|number)\.?|[ \t]*(?=\#))                   # "Tracking #"
      | (?:foi|foia|foil|eir|foisa|information)\s+(?:request\s+)?ref(?:erence)?(?:\s+{_NO})?\.?
      | (?:request|case|file|tfl)\s+(?:ref(?:erence)?|id|no|number)\.?
      | request(?=[ \t]+(?:FOI[ARS]?|EIR|FOISA)[ \t]*[-/_]?[ \t]*\d)   # "Request EIR/24/0640"
      | ref(?:erence)?(?:\s+{_NO})?\.?
      | freedom\s+of\s+information\s+request(?:\s+(?:id|no|number|ref(?:erence)?))?
      | (?:foi|foia|foil)\s+(?:file\s+)?(?:request\s+)?(?:no|number|id)\.?
      | request[ \t]*(?=\#[ \t]*[A-Za-z-]*\d{{3}})                       # "Request #2023-118", not "request #1"
    )[ \t]*[:#]?[ \t]*(?:[-–][ \t]*)?(?:\n[ \t]*(?:\n[ \t]*)?(?:[-•*][ \t]+)?)?{_REF_TOKEN}""",
    re.IGNORECASE | re.VERBOSE,
)
HEADER_REF = lazy(
    r"^[ \t]*(?:[\w ,:–-]{0,40}?[ \t(])?(?P<ref>(?:FOI[ARS]?|EIR|RFI)[ \t]?[-/_]?[ \t]?\d[\w]*(?:[-/][\w]+|[ \t][-/][ \t](?=\d)[\w]+)*"
    r"|FOI[ \t]+[A-Z]{2,5}/[\w-]*\d[\w-]*(?:/[\w-]+)*"  # "FOI DOF/2023-0003": a department's own series
    r"|(?:FI|F|IR|REQ)[ \t]?[-/_]?[ \t]?(?:\d{3,}[\w]*|\d+[-/][\w]+)(?:[-/][\w]+)*)\b"
)
# A reference in a sentence about an earlier request is a prior request, not the letter's own.
_EARLIER = re.compile(
    r"\b(?:previous(?:ly)?(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|quarters?))|earlier|prior|already"
    r"|further\s+to(?!\s+your\s+(?:request|e-?mail|letter|enquiry))|follow(?:-|\s)?up\s+to)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:(?-i:[A-Z]{1,4})/(?:FOI[ARS]?|EIR)[ \t]+(?=\d)"  # "DC/FOI 295/18": a unit's letters, the scheme, a space
    r"|(?:FOISA|FOI[ARS]?|EIR|RFI)(?:[ \t]*[-/_:][ \t]*(?=\d)|[ \t]+(?=\d|(?-i:[A-Z]{2,5}/))|(?=\d))"
    r"|(?-i:[A-Z]{2,6})[ \t]+(?=\d))",  # a scheme's own capitals apart from the number: "ATISN 15770"
    re.IGNORECASE,
)
# A heading that is only a label and an id: "Request 101003186899", "Response A1346436".
_TITLE_REF = re.compile(
    r"^[ \t]*(?:request|response|case|our[ \t]+ref(?:erence)?)(?:[ \t]+(?:no\.?|number|id))?[ \t]*[:#]?[ \t]*"
    r"(?P<ref>[A-Z]{0,3}\d{5,}[A-Z]?)[ \t]*$",
    re.IGNORECASE,
)
# A heading naming the scheme and the request or response, then only its number: "FOI Request 2240",
# "Freedom of information request response - 05411". Not a year ("FOI requests 2024").
_TITLE_SCHEME = re.compile(
    r"^[ \t]*(?:FOI[ARS]?|EIR|freedom[ \t]+of[ \t]+information|environmental[ \t]+information)"
    r"(?:[ \t]+(?:request|response|release|disclosure|case)){1,2}(?:[ \t]+(?:no\.?|number|ref(?:erence)?))?"
    r"[ \t]*(?:[-–:#][ \t]*)?(?!(?:19|20)\d\d(?:/\d\d)?[ \t]*$)(?P<ref>[A-Z]{0,3}\d{3,}(?:[-/][A-Z0-9]+)*)[ \t]*$",
    re.IGNORECASE,
)
# A disclosure log entry's title ending in its serial and year: "Custody Images (1648A/23)", "Title - 1175/20".
_TITLE_SERIAL = re.compile(
    r"^[^\n]{3,80}?(?:[ \t][-–][ \t]+|[ \t]\()(?P<ref>(?!(?:19|20)\d\d/)\d{1,6}[A-Z]?/\d\d)\)?[ \t]*$"
)
# A labelled code of letters only: "Reference Number: CHS/AWZBQX".
_LETTER_CODE = re.compile(
    r"\b(?:our[ \t]+ref(?:erence)?|reference[ \t]+(?:no\.?|number))[ \t]*:[ \t]*(?P<ref>(?-i:[A-Z]{2,5}/[A-Z]{4,}))\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"^[ \t,]*(?:at[ \t]+)?\d{1,2}[:.]\d\d(?::\d\d)?(?:[ \t]?[ap]\.?m\.?)?(?:[ \t]*(?:[+-]\d{4}|GMT|BST|UTC)(?:[ \t]*\([A-Z]{2,5}\))?)?[ \t]*$",
    re.IGNORECASE,
)
_TITLE_DASH = re.compile(r"[ \t]+[-–][ \t]+[A-Z]")
_SPACED_ON = re.compile(r"[ \t]+\d")


def _spaced_out(ref: str, line: str, end: int) -> bool:
    """Whether a year is followed by more numbers, as in a file name ("FOI 2020 2021 3027"): no reference."""
    return bool(re.fullmatch(r"\D*(?:19|20)\d\d", ref)) and _SPACED_ON.match(line, end) is not None


_WEEKDAY_LEAD = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?[ \t]+", re.IGNORECASE)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
DATE_LABEL = re.compile(
    # Longest first: the first alternative that matches is the one taken. Not anchored with "^": it is
    # matched at the start of each "label: value" pair of a line (``pattern.match(line, offset)``).
    # An optional label in another language first or after: "Dyddiad / Date:", "Date / Dyddiad:".
    # A disclosure log's "Published" or "Date released" is the date the response was made public.
    r"[ \t]*(?:[-•*][ \t]+)?(?:\w+[ \t]*/[ \t]*)?(?:date\s+of\s+(?:this\s+|our\s+)?(?:response|reply|letter|issue|decision)"
    r"|date\s+(?:sent|responded|replied|issued|released|published)|date\s+of\s+(?:release|publication|disclosure)"
    r"|(?:release|publication|disclosure)\s+date|response\s+date|(?:response|reply|letter|decision)\s+(?:issued|sent|dated)(?:\s+on)?|dated|date|responded(?:\s+on)?|response"
    r"|issued(?:\s+on)?|sent|(?:released|published)(?:\s+on)?)(?:[ \t]*/[ \t]*[^\W\d]+)?[ \t]*[:\-–]?[ \t]*",
    re.IGNORECASE,
)
_TOP_LINES = 25
# The body naming itself as the one that holds the request: "the X is in receipt of your …",
# "X has received your request", "your request to X", "… that you submitted to X".
_RECEIVES = re.compile(
    r"(?:[ \t]*\((?:the[ \t]+)?[“\"'‘]?[\w.]{2,12}[”\"'’]?\))?"  # "the Chicago Police Department (“CPD”) is in receipt"
    r"[ \t\n]+(?:is[ \t\n]+in[ \t\n]+receipt[ \t\n]+of|(?:has[ \t\n]+|have[ \t\n]+)?received[ \t\n]+your"
    r"|(?:has|have)[ \t\n]+(?:now[ \t\n]+|carefully[ \t\n]+)?considered[ \t\n]+your"
    r"|acknowledges[ \t\n]+(?:receipt|your)|(?:can[ \t\n]+)?confirms?[ \t\n]+(?:that|it))\b"
    r"|['’]s[ \t\n]+(?:response|reply)[ \t\n]+to[ \t\n]+(?:your|a|the|this)\b",  # "This is X's response to a ..."
    re.IGNORECASE,
)
# "(your request) submitted to X", "you wrote to X", "filed this request with X": a request and whom it went to,
# not "the figures were sent to X".
_SENT_TO = re.compile(
    r"\b(?:(?:you|request|application|enquiry)\b[^.\n]{0,30}?(?:submitted|sent|made|addressed|wrote)[ \t\n]+to"
    r"|(?:request|application)[ \t\n]+(?:to|with)|contacting|(?:e-?mail|letter|enquiry|correspondence)[ \t\n]+to)"
    r"[ \t\n]+(?:the[ \t\n]+)?$",
    re.IGNORECASE,
)
# To another body: passed on, or where a request "would need to be made to".
_PASSED_ON = re.compile(
    r"\b(?:pass|transferr?|forward|refer|redirect|sent\s+on|need|should|would|could|must|may|can)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Mention:
    """One naming of a body: its span and what surrounds it."""

    span: Span
    capitals: bool
    first_line: bool  # the letter's first line
    head: bool  # above the salutation, near the top: the letterhead
    signature: bool  # the sign-off block
    receives: bool  # "X is in receipt of your request", "your request to X"
    on_behalf: bool  # "on behalf of X"
    addressed: bool  # "Dear X," (a request addressed to the body)
    source_note: bool  # "Source: X" under a table: where figures came from
    in_request: bool  # in the request's words, kept only when the letter's own host spells the name
    voice: bool  # its sentence speaks as the writer or to the requester ("we", "our", "your request")


# After a name in a sentence, another capitalised word: the name qualifies a thing ("the Home Office Incident
# Recording System", "a City Council Member"), it does not stand for the writer.
_NEXT_CAPITAL = re.compile(r"[ \t]+(?!(?:The|This|That|We|It|I|Our|In|On|If|For)\b)[A-Z][a-z]")
_WORD_BEFORE = re.compile(r"(?:^|[ \t])[a-z]+[ \t]+$")  # in a sentence: "the", "utilise", "with a"
_FROM = re.compile(r"[ \t>]*from[ \t]*:[ \t]*(?:the[ \t]+)?$", re.IGNORECASE)
_REGISTERED = re.compile(
    r"[ \t\n]+is[ \t\n]+(?:a[ \t\n]+)?(?:registered[ \t\n]+(?:in|as|charity|company)|(?:charity|company)[ \t\n]+registered)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright)[ \t]*(?:\d{4}(?:[-–]\d{2,4})?[ \t]*)?(?:the[ \t]+)?$", re.IGNORECASE)
_VOICE = re.compile(
    r"(?-i:\b(?:[Ww]e|[Oo]ur|us)\b)|\byour[ \t\n]+(?:request|enquiry|application|e-?mail|letter|correspondence)",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(r"\bon[ \t\n]+behalf[ \t\n]+of[ \t\n]+(?:the[ \t\n]+)?$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DEAR_WORD = re.compile(r"^Dear[ \t]+", re.IGNORECASE)
_DEAR = re.compile(r"^[ \t]*dear[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
_SOURCE = re.compile(r"^[ \t]*(?:data[ \t]+)?sources?[ \t]*:", re.IGNORECASE)
# A part of a body: a bureau, division or unit; a department or office "of" a function.
_UNIT = re.compile(
    r"^(?:(?:Bureau|Division|Unit|Section|Branch|Directorate|Team|Department|Office|Service)[ \t\n]+(?:of|for)\b"
    r"|.*\b(?:Division|Unit|Section|Branch|Directorate|Team)$)",
    re.IGNORECASE,
)
# "Rahm Emanuel Department of Police": a person's name before a department in a letterhead.
_PERSON_LEAD = re.compile(
    r"^((?:[A-Z][a-z]+\.?[ \t]+){2,3})((?:Department|Office|Bureau|Ministry)[ \t]+(?:of|for)\b.*)$"
)
# "Consequently the Council": a sentence's first word before "the".
_TRAILING_MONTH = re.compile(
    r"['’]?[ \t]+(?:January|February|March|April|May|June|July|August|September|October|November|December)$"
)
_WORD_THE = re.compile(r"^[A-Z][a-z]+[ \t]+the[ \t]+(?=[A-Z])")
_GENERIC = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "city",
        "county",
        "borough",
        "district",
        "council",
        "police",
        "department",
        "office",
        "service",
        "services",
        "trust",
        "nhs",
        "authority",
        "board",
        "state",
        "government",
        "agency",
        "bureau",
        "commission",
        "royal",
        "london",
        "metropolitan",
        "health",
        "fire",
        "rescue",
        "university",
        "college",
        "national",
        "public",
        "information",
        "foi",
    ]
)
# Words that say what kind of body, not which: a name of these alone names none ("NHS Foundation Trust").
_TYPE_ONLY = frozenset(
    [
        "nhs",
        "foundation",
        "trust",
        "county",
        "city",
        "borough",
        "district",
        "town",
        "parish",
        "council",
        "councils",
        "police",
        "service",
        "force",
        "constabulary",
        "health",
        "board",
        "fire",
        "and",
        "rescue",
        "authority",
        "integrated",
        "care",
        "combined",
        "unitary",
    ]
)
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_MAIL_PROVIDERS = frozenset(
    {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "aol", "icloud", "btinternet"}
)
_LABEL_SKIP = frozenset({"www", "mail", "foi", "foia", "ilocal", "web", "en", "gov", "org", "co", "ac", "uk", "us"})


def fold_name(name: str) -> str:
    """A body's name for comparing: lower case, letters and digits, single spaces, no leading "the".

    ``tools/build_bodies.py`` folds the shipped list the same way.
    """
    text = name.casefold().replace("’", "'").replace("'s", "s").replace("&", " and ")
    words = re.findall(r"[0-9a-z]+", text)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@functools.cache
def _bodies() -> frozenset[str]:
    """The folded names of known public bodies (okfn/publicbodies; ``tools/build_bodies.py``), read once."""
    # A path beside the package rather than importlib.resources, whose import a cold start would pay;
    # zlib rather than gzip (the file is one gzip member), whose import it would also pay.
    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "bodies.txt.gz"), "rb") as fh:
        raw = fh.read()
    return frozenset(zlib.decompress(raw, wbits=16 + zlib.MAX_WBITS).decode("utf-8").split("\n"))


def _first_word(name: str) -> str:
    words = name.lower().split(None, 2)
    return words[1] if words[0] == "the" and len(words) > 1 else words[0]


@functools.cache
def _first_words() -> frozenset[str]:
    """The first word of every known body's name, lower case: most lines are no body's name from their first word."""
    return frozenset(name.split(" ", 1)[0] for name in _bodies())


_PUBLIC_DOMAINS = (".gov.uk", ".police.uk", ".nhs.uk", ".ac.uk", ".gov.scot", ".gov.wales")


def _host_labels(ctx: Context) -> set[str]:
    """The distinctive labels of the e-mail and web hosts in the letter (``foi@camden.gov.uk`` -> camden).

    Found from each "@", "www." and "://" with ``str.find``: a pattern scanned over the whole letter costs more.
    Also a public body's bare domain in a footer ("scotland.police.uk"), found from its ending.
    """
    text = ctx.text
    labels: set[str] = set()
    starts: list[int] = []
    for mark in ("@", "www.", "://"):
        at = text.find(mark)
        while at != -1 and len(starts) < 200:
            if mark != "@" or (at and (text[at - 1].isalnum() or text[at - 1] in "._-")):
                starts.append(at + len(mark))
            at = text.find(mark, at + 1)
    for mark in _PUBLIC_DOMAINS:
        at = text.find(mark)
        while at != -1 and len(starts) < 200:
            start = at
            while start and (text[start - 1].isalnum() or text[start - 1] in ".-"):
                start -= 1
            if start < at and text[start - 1 : start] not in ("@", "/") and text[start : start + 4] != "www.":
                starts.append(start)
            at = text.find(mark, at + 1)
    for start in starts:
        m = _HOST.match(text, start)
        if m is None:
            continue
        parts = [p for p in m.group().lower().split(".")[:-1] if p not in _LABEL_SKIP]
        if parts and parts[0] not in _MAIL_PROVIDERS:
            labels.add(parts[0].replace("-", ""))
    return labels


def _matches_host(key: str, labels: set[str]) -> bool:
    """Whether a host label spells the name: its words run together, its initials, or its own distinctive word."""
    words = key.split()
    initials = "".join(w[0] for w in words if w not in ("of", "and", "the", "for"))
    distinctive = [w for w in words if w not in _GENERIC and len(w) >= 4]
    for label in labels:
        if len(label) >= 3 and label == initials:
            return True
        if any(w == label or (len(label) > len(w) and label.startswith(w)) for w in distinctive):
            return True
        if any("".join(words[i:j]) == label for i in range(len(words)) for j in range(i + 2, len(words) + 1)):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _clean_name(raw: str) -> str:
    """A matched name without what is not part of it.

    That is "Dear", a list mark, "the", a trailing month or join, a person's name before a department.
    Cached (bounded): the same names recur in every letter of a body.
    """
    name = _LEADING_THE.sub("", _LIST_MARK.sub("", _DEAR_WORD.sub("", raw.strip(" ,."))))
    name = _WORD_THE.sub("", name)
    name = _TRAILING_JOINS.sub("", _TRAILING_MONTH.sub("", name)).rstrip("’'")
    person = _PERSON_LEAD.match(name)
    if person and not _ORG_WORD.search(person.group(1)):
        name = person.group(2)
    return name


def extract_authority(ctx: Context) -> Authority | None:
    """The body that wrote the letter, weighed among every body it names (``weigh.choose("authority")``).

    Each distinct name is one candidate, its features gathered over all its mentions:
    where it stands (letterhead, sign-off, or where a page names its own body: "From: X",
    "© X", "X is a charity registered in ..."), whether the letter names it as the body
    answering ("X is in receipt of", "X have considered your request", "your request to X",
    "filed this request with X", "on behalf of X", "Dear X"), whether its sentence speaks as the writer,
    whether it is a known public body or spelled by the letter's e-mail or web host, and
    whether it is only a part (a bureau, a division) of another body the letter names.
    Not candidates: a name in the request's words (unless the letter's own host spells it), a
    name qualifying a thing ("the Home Office Incident Recording System"), a kind of body alone
    ("your NHS Trust").
    The name is reported as first written in ordinary case when there is such a mention.
    """
    mentions: dict[str, list[_Mention]] = {}
    names: dict[str, str] = {}
    head_end = _head_end(ctx)
    first_end = _first_line_end(ctx)
    if first_end - ctx.text.rfind("\n", 0, first_end) > 100:
        first_end = 0  # a paragraph, not a letterhead
    signed = _sign_off_zones(ctx)
    named = _org_matches(ctx)
    if not any(f.start() < head_end or any(a <= f.start() < b for a, b in signed) for f in named):
        named += _listed_lines(ctx, head_end, signed)  # no pattern found a name where the writer's stands
        repeated = _repeated_head_lines(ctx, head_end, signed)
        named += repeated
    else:
        repeated = []
    alone = {f.start() for f in repeated}
    labels = _host_labels(ctx)
    for match in named:
        raw = match.group()
        name = _clean_name(raw)
        short = len(name.split()) < 2 and match.start() not in alone  # one word: only as a repeated letterhead
        if _NOT_AUTHORITY.match(name) or short or "  " in name or "\t" in name:
            continue  # "Financial      Agency": two cells of a table's header, not a name
        if _TYPE_ONLY.issuperset(fold_name(name).split()):
            continue  # "your NHS Trust", "the County Council": a kind of body, not a body's name
        at = match.start() + raw.index(name)
        end = at + len(name)
        line = ctx.lines[ctx.index.line_no(at)]
        before = ctx.text[max(0, at - 40) : at]
        addressed = _DEAR.match(ctx.text[line.start : at]) is not None
        in_request = ctx.in_request(at, end) and not addressed
        if ctx.kind_at(at) == "table" or (in_request and not _matches_host(fold_name(name), labels)):
            continue  # a body the requester names is not the writer, unless the letter's own host spells it
        if _WORD_BEFORE.search(before) and _NEXT_CAPITAL.match(ctx.text, end):
            continue  # "the Home Office Incident Recording System": a name qualifying a thing names no writer
        key = _SPACES.sub(" ", name).casefold()
        # Where the writer names itself: the sign-off; a message's "From: X"; "X is a charity registered in ..."
        signature = (
            ctx.kind_at(at) == "signature"
            or any(a <= at < b for a, b in signed)
            or ("\n" not in name and _FROM.match(ctx.text, line.start, at) is not None)
            or _REGISTERED.match(ctx.text, end) is not None
            or _COPYRIGHT.search(before) is not None
        )
        mentions.setdefault(key, []).append(
            _Mention(
                span=(at, end),
                capitals=name.isupper(),
                first_line=at < first_end,
                head=at < head_end,
                signature=signature,
                receives=bool(_RECEIVES.match(ctx.text, end))
                or bool(_SENT_TO.search(before) and not _PASSED_ON.search(before)),
                on_behalf=signature and _ON_BEHALF.search(before) is not None,
                addressed=addressed,
                source_note=_SOURCE.match(ctx.text[line.start : at]) is not None,
                in_request=in_request,
                voice=_VOICE.search(ctx.text, *ctx.sentence(at, end)) is not None,
            )
        )
        names.setdefault(key, name)
    if not mentions:
        return None
    units = {key: bool(_UNIT.match(key)) for key in mentions}
    # A body a unit may belong to: a whole body the letter puts somewhere that says who wrote.
    whole_named = any(
        not units[key] and any(m.first_line or m.head or m.signature or m.receives or m.addressed for m in found)
        for key, found in mentions.items()
    )
    size = max(1, len(ctx.text))
    candidates = []
    for key, found in mentions.items():
        folded = fold_name(key)
        features = {
            "mentions": math.log2(1 + len(found)),
            "first_line": float(any(m.first_line for m in found)),
            "letterhead": float(any(m.head and not m.first_line for m in found)),
            "signature": float(any(m.signature for m in found)),
            "receives": float(any(m.receives for m in found)),
            "on_behalf": float(any(m.on_behalf for m in found)),
            "addressed": float(any(m.addressed for m in found)),
            "listed": float(folded in _bodies()),
            "host": float(bool(labels) and _matches_host(folded, labels)),
            "unit_of_named": float(units[key] and whole_named),
            "source_note": float(all(m.source_note for m in found)),
            "voice": float(any(m.voice for m in found)),
            "in_request": float(all(m.in_request for m in found)),
            "capitals_only": float(all(m.capitals for m in found)),
            "position": found[0].span[0] / size,
        }
        # reported where written in ordinary case, outside the request's words when it is named there too
        span = min(found, key=lambda m: (m.in_request, m.capitals)).span
        candidates.append(weigh.Candidate(item=span, value=ctx.text[span[0] : span[1]], span=span, features=features))
    chosen = weigh.choose("authority", candidates)
    if chosen is None:
        return None
    a, b = chosen[0].item
    return Authority(name=ctx.text[a:b], span=(a, b))


_CELLS = re.compile(r"[ \t]{2,}|[ \t]*[·|•,][ \t]*")
_CELL_MARKS = re.compile(r"[ \t]{2}|[·|•,]")


def _listed_lines(ctx: Context, head_end: int, signed: list[Span]) -> list[_Found]:
    """Known public bodies standing alone in the letterhead or the sign-off ("Natural England", "HM Treasury").

    Looked for only when the patterns found no name in either zone.

    The list (``_bodies``) names bodies whose names carry no word a pattern could know them by; only these
    two short zones are looked at, a line or a column of a line at a time.
    """
    text = ctx.text
    zones = [(0, head_end), *signed]
    out = []
    for lo, hi in zones:
        if hi <= lo:
            continue
        for i in range(ctx.index.line_no(lo), ctx.index.line_no(max(lo, hi - 1)) + 1):
            line = ctx.lines[i]
            if line.blank or len(line.text) > 160:
                continue
            at = line.start
            for part in _CELLS.split(line.text) if _CELL_MARKS.search(line.text) else (line.text,):
                name = part.strip()
                start = text.find(name, at, line.end) if name else -1
                if start != -1:
                    at = start + len(name)
                    if (
                        2 <= name.count(" ") + 1 <= 8
                        and name[:1].isupper()
                        and _first_word(name) in _first_words()
                        and fold_name(name) in _bodies()
                    ):
                        out.append(_Found(text, start, start + len(name)))
    return out


_HEAD_NAME = re.compile(r"[A-Z][\w'’&.,-]*(?:[ \t][\w'’&.,()-]+){0,7}")
_ROLE_WORDS = re.compile(
    r"\b(?:team|officer|manager|adviser|advisor|coordinator|co-ordinator|lead|assistant|unit|desk|governance|"
    r"information|compliance|requests?|department|directorate|office|division|section|branch)\b",
    re.IGNORECASE,
)


def _repeated_head_lines(ctx: Context, head_end: int, signed: list[Span]) -> list[_Found]:
    """A name that stands alone on a line of the letterhead and again below the sign-off ("Ofcom" ... "Ofcom").

    A body whose name has no type word a pattern could know it by still heads its own
    letter and closes it; a line in both places is the writer. Lines naming a role or a
    team ("Information Requests Team") are the writer's unit, not the body.
    """
    if not signed or head_end <= 0:
        return []
    top: dict[str, tuple[int, int]] = {}
    for line in ctx.lines[: ctx.index.line_no(max(0, head_end - 1)) + 1]:
        name = line.text.strip()
        if _HEAD_NAME.fullmatch(name) and len(name) <= 60 and not _ROLE_WORDS.search(name):
            start = line.start + line.text.index(name)
            top.setdefault(name.casefold(), (start, start + len(name)))
    out = []
    for lo, hi in signed:
        last = ctx.index.line_no(max(lo, hi - 1))
        for i in range(ctx.index.line_no(lo) + 1, last + 1):
            key = ctx.lines[i].text.strip().casefold()
            below = next((x.text for x in ctx.lines[i + 1 : last + 1] if not x.blank), "")
            if key in top and _ROLE_WORDS.search(below):
                del top[key]  # a name over a role ("Jo Bell" / "Information Officer") is the person who signed
            span = top.pop(key, None)
            if span is not None:
                out.append(_Found(ctx.text, *span))
    return out


def _sign_off_zones(ctx: Context) -> list[Span]:
    """The dozen lines below each sign-off ("Yours sincerely"): the writer's name, role and body."""
    zones = []
    for i in ctx.lines_with(("sincerely", "regards", "faithfully", "truly", "respectfully", "thanks")):
        if SIGN_OFF.match(ctx.lines[i].text):
            last = ctx.lines[min(i + 12, len(ctx.lines) - 1)]
            zones.append((ctx.lines[i].start, last.stop))
    return zones


def _head_end(ctx: Context) -> int:
    """Where the letterhead ends: the salutation, when it stands among the first lines; else the first line's end."""
    for line in ctx.lines[:_TOP_LINES]:
        if SALUTATION.match(line.text):
            return line.start
    return _first_line_end(ctx)


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
        if _in_capitals(body) and sum(c.isalpha() for c in body) >= 6:
            titled = _title_case(body)
            if len(titled) == len(body):
                found.extend(
                    _Found(ctx.text, line.start + m.start(), line.start + m.end()) for m in ORG.finditer(titled)
                )
    found.extend(_wrapped_matches(ctx, lines))
    found.sort(key=lambda f: f.start())
    return found


def _wrapped_matches(ctx: Context, lines: list[int]) -> list[_Found]:
    """Names hard-wrapped over a line break ("the Cook County / State's Attorney's Office").

    Only where a sentence runs on: the name starts inside the line above, after other words, and the
    next line starts flush (an indented line is another column; a stack of short lines is a sign-off).
    """
    text = ctx.text
    out = []
    for i in lines:
        line = ctx.lines[i]
        if not i or not line.text[:1].isupper():
            continue  # an indented line starts with a blank
        prev = ctx.lines[i - 1]
        if prev.blank or not prev.text[-1:].isalpha():
            continue
        last_word = prev.text[prev.text.rfind(" ") + 1 :]
        if not last_word[:1].isupper() and last_word not in ("of", "the", "and", "for"):
            continue  # a name runs over the break only from a capital or a joining word
        joined = text[prev.start : line.end].replace("\n", " ")
        for m in ORG.finditer(joined):
            if prev.indent < m.start() < prev.end - prev.start < m.end() and joined[: m.start()].strip():
                out.append(_Found(text, prev.start + m.start(), prev.start + m.end()))
    return out


_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "upon", "&"})


def _in_capitals(line: str) -> bool:
    """A line in capitals, maybe with its small words in lower case ("THE UNIVERSITY of EDINBURGH")."""
    if line.isupper():
        return True
    words = line.split()
    return len(words) >= 2 and any(w.isupper() for w in words) and all(w.isupper() or w in _SMALL for w in words)


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
    """The response's own reference, weighed among every id the letter labels or heads with (``weigh.choose``).

    Candidates: a labelled id ("Our ref: ...", "Request number ..."), a heading that is only a label and an
    id, a labelled code of letters, an id heading the letter ("FOI 1234"), the subject line of a thread.
    A labelled id beats a heading and a heading beats a subject; among equals the first written wins.
    An id inside the request, or in a sentence about an earlier request, is a candidate that loses.
    """
    size = max(1, len(ctx.text))
    history = ctx.history_start
    found: list[weigh.Candidate[Span]] = []

    def add(a: int, b: int, kind: str, **extra: float) -> None:
        ident = _PREFIX.sub("", ctx.text[a:b])
        features = {kind: 1.0, "position": a / size, "in_history": float(a >= history), **extra}
        found.append(weigh.Candidate(item=(a, b), value=ident, span=(a, b), features=features))

    for match in _labelled_refs(ctx):
        ref = _clean(match.group("ref"))
        if not re.search(r"\d", ref) or ("\n" in ctx.text[match.start() : match.start("ref")] and len(ref) < 3):
            continue  # no digit; or a label ending its line over a list's "1." ("... quote this reference" / "1.")
        # "Internal review reference: ...": a review's own number, as much the writer's as "Our ref"
        our = (
            match.group().lower().startswith("our")
            or _REVIEW_LABEL.search(ctx.text, max(0, match.start() - 20), match.start()) is not None
        )
        s0, s1 = ctx.sentence(match.start(), match.end())
        a = match.start("ref")
        add(
            a,
            a + len(ref),
            "labelled",
            label_our=float(our),
            in_request=float(ctx.in_request(match.start(), match.end())),
            # "your earlier request No. 123": a prior request, not this letter's reference
            earlier=float(not our and _EARLIER.search(ctx.text, s0, s1) is not None),
        )
    for (a, b), _ in _stacked(ctx):
        add(a, b, "labelled", label_our=1.0, in_request=0.0, earlier=0.0)
    ceiling = _ceiling(
        "reference",
        ("title", "letter_code", "header", "subject"),
        ("position", "in_history", "in_request", "earlier", "fuller"),
    )
    if any(weigh.probability("reference", c.features) > ceiling for c in found):
        return _chosen_reference(ctx, found)  # a labelled id no heading can beat: the rest is not looked for
    top = ctx.lines[:_TOP_LINES]
    first = next((x for x in top if not x.blank), None)
    for line in top:
        m = _TITLE_REF.match(line.text) or _TITLE_SCHEME.match(line.text)
        if m is None and line is first:
            m = _TITLE_SERIAL.match(line.text)
        if m is not None:
            add(line.start + m.start("ref"), line.start + m.end("ref"), "title")
    for i in ctx.lines_with(("ref",)):
        line = ctx.lines[i]
        code = _LETTER_CODE.search(line.text)
        if code is not None:
            a = line.start + code.start("ref")
            add(a, line.start + code.end("ref"), "letter_code", in_request=float(ctx.in_request(line.start, line.end)))
    for line in top:
        m = HEADER_REF().match(line.text)
        # a short line; or a long one the id opens, as a title after it ("FOI 2023/24-017 - Staff travel ...")
        titled = (
            m is not None
            and m.start("ref") == line.indent
            and _TITLE_DASH.match(line.text, m.end("ref")) is not None
            and not re.fullmatch(r"\D*(?:19|20)\d\d", m.group("ref"))  # "FOI 2023 - the year in review"
        )
        short = len(line.text.strip()) <= 60 or bool(titled)
        if m and short and not _spaced_out(m.group("ref"), line.text, m.end("ref")):
            a = line.start + m.start("ref")
            add(a, a + len(_clean(m.group("ref"))), "header", earlier=float(_EARLIER.search(line.text) is not None))
    for i in ctx.lines_with(("subject", "re:")):
        line = ctx.lines[i]
        m = SUBJECT_REF().match(line.text) or SUBJECT_REQUEST_REF().match(line.text)
        if m:
            a = line.start + m.start("ref")
            add(a, a + len(_clean(m.group("ref"))), "subject", earlier=float(_EARLIER.search(line.text) is not None))
    return _chosen_reference(ctx, found)


@functools.cache
def _ceiling(decision: str, kinds: tuple[str, ...], others: tuple[str, ...]) -> float:
    """The most probable a candidate of one of ``kinds`` can be (its other features at their most helpful).

    A candidate already found above it wins whatever those kinds would add, so they need not be looked for:
    the shortcut holds for any fitted weights, not only the hand-set ones.
    """
    model = weigh.model(decision)
    helpful = {name: 1.0 for name in others if model.weights.get(name, 0.0) > 0}  # every feature lies in 0..1
    return max(weigh.probability(decision, {kind: 1.0, **helpful}) for kind in kinds)


# A two-column letterhead flattened by a PDF: the labels first, then their values in the same order
# ("Our Ref: Date: IM-FOI-2018-1421 06 July 2018"). The id is taken only where the date follows it.
_STACKED = re.compile(
    r"\bour[ \t]+ref(?:erence)?[ \t]*:[ \t]*date[ \t]*:[ \t]*"
    + _NOT_DAY
    + r"(?P<ref>(?=[\w/.-]*\d)[A-Za-z0-9]+(?:[-/_.][A-Za-z0-9]+)*)[ \t]+",
    re.IGNORECASE,
)


def _stacked(ctx: Context) -> list[tuple[Span, FoundDate]]:
    """Each "Our Ref: Date: ID DATE" of a flattened letterhead: the id's span and the date after it."""
    out = []
    for i in ctx.lines_with(("ref",)):
        line = ctx.lines[i]
        for m in _STACKED.finditer(ctx.text, line.start, line.end):
            after = ctx.dates_between(m.end(), line.end)
            if after and after[0].iso and after[0].start == m.end():
                out.append(((m.start("ref"), m.end("ref")), after[0]))
    return out


def _chosen_reference(ctx: Context, found: list[weigh.Candidate[Span]]) -> Reference | None:
    """The likeliest candidate; one that writes out another's number in full ("R001395-103124" beside "1395") gains."""
    keys = [re.sub(r"[\W_]", "", c.value).lower() for c in found]
    found = [
        replace(c, features={**c.features, "fuller": 1.0})
        if any(3 <= len(k) < len(keys[i]) and k in keys[i] for k in keys)
        else c
        for i, c in enumerate(found)
    ]
    chosen = weigh.choose("reference", found)
    return None if chosen is None else _reference(ctx, *chosen[0].item)


# "Subject: RE: FOI 2025-0412 - Acknowledgement": the thread's subject names the request replied to.
SUBJECT_REF = lazy(
    r"^[ \t>]*(?:subject|re)[ \t]*:[^\n]*?(?<![\w/-])(?P<ref>(?:FOI[ARS]?|EIR|RFI)[ \t]?[-/_]?[ \t]?\d[\w]*(?:[-/][\w]+)*)\b",
    re.IGNORECASE,
)


# "Re: FOIA Request #24-0392", "Re: Freedom of Information Act Request EPA-2024-003871": the id after
# "request" on a subject line, when it holds a digit, is four characters or more and is not a date.
SUBJECT_REQUEST_REF = lazy(
    r"""^[ \t>]*(?:subject|re)[ \t]*:[^\n]*?\brequest(?:[ \t]+(?:no\.?|number))?[ \t]*[#:]?[ \t]*
        (?=[\w-]*\d)(?=[\w-]{4})(?P<ref>[A-Za-z0-9]\w*(?:[-/]\w+)*)\b
        (?![ \t]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|/)""",
    re.IGNORECASE | re.VERBOSE,
)

_REVIEW_LABEL = re.compile(r"(?:^|\n|[ \t])(?:internal[ \t]+)?review[ \t]+$", re.IGNORECASE)
_BARE_PREFIX = re.compile(r"[ \t]*(?:[-•*][ \t]+)?(?:(?:FOI[ARS]?|EIR|FOISA|RFI)[ \t]*[-/_]?[ \t]*)?$", re.IGNORECASE)
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
        # The label may stand on the line above ("Request ID" then the number), or over a blank line
        # ("Tracking #", "", "039-2020"); with only a scheme or a list's bullet before the number
        # ("Reference –" then "EIR / 1737088"; "- FoI Number" then "- 2023-661").
        above = line.start
        if number and _BARE_PREFIX.match(text, line.start, s):
            up = number - 1 if number < 2 or not ctx.lines[number - 1].blank else number - 2
            above = ctx.lines[up].start
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


def _thread_reply_date(ctx: Context) -> FoundDate | None:
    """In a thread, the date of the authority's last message that is not an acknowledgement."""
    replies = [m for m in ctx.messages if m.direction == "from_authority" and m.date]
    substantive = [m for m in replies if not _HOLDING().search(ctx.text, *m.span)] or replies
    if not substantive:
        return None
    last = substantive[-1]
    head = ctx.lines[ctx.index.line_no(last.span[0])]
    for found in ctx.dates_between(last.span[0], head.end):
        if found.iso is not None and found.iso == last.date:
            return found
    return None


def extract_date(ctx: Context) -> tuple[str, Span] | None:
    """The letter's date, weighed among its dated lines (``weigh.choose("date")``).

    Candidates: in a thread, the authority's last substantive message's date; a labelled date
    ("Date: 4 May 2024", "Date responded" above it, "Our Ref: Date: ID DATE" flattened, a log
    entry's "Published" beside FOI words, which a date labelled as the response's beats); a full
    date alone on one of the first lines.
    A labelled date beats one standing alone, and among equals the first wins; a date quoted from
    earlier messages, or running on in a sentence, is a candidate that loses. Only when there is
    none of these, the dated heading of a thread's last message ("Vale Council, 14 May 2024").
    """
    size = max(1, len(ctx.text))
    found: list[weigh.Candidate[FoundDate]] = []

    def add(date: FoundDate, kind: str, **extra: float) -> None:
        if date.iso is not None:
            features = {kind: 1.0, "position": date.start / size, **extra}
            found.append(weigh.Candidate(item=date, value=date.iso, span=(date.start, date.end), features=features))

    if ctx.messages:
        reply = _thread_reply_date(ctx)
        if reply is not None:
            add(reply, "thread_reply")
    for _, stacked in _stacked(ctx):
        add(stacked, "labelled")
    for i in ctx.lines_with(("date", "sent", "respon", "issued", "released", "published")):
        labelled = _labelled_date(ctx, i)
        if labelled is not None:
            date, label = labelled
            if _PUBLISHED_LABEL.search(label) and not _near_request(ctx, i):
                continue  # a news page's "Published": a date made public, of no FOI response
            add(
                date,
                "labelled",
                label_response=float(_RESPONSE_LABEL.search(label) is not None),
                label_published=float(_PUBLISHED_LABEL.search(label) is not None),
                in_history=float(ctx.lines[i].start >= ctx.history_start),  # the quoted earlier messages' dates
            )
    ceiling = _ceiling("date", ("top_alone",), ("position", "in_sentence"))
    if not any(weigh.probability("date", c.features) > ceiling for c in found):  # else no lone date can win
        for date, in_sentence in _top_dates(ctx):
            add(date, "top_alone", in_sentence=float(in_sentence))
    if not found:
        heading = _thread_date(ctx)
        if heading is not None:
            add(heading, "thread_heading")
    if any(c.features.get("label_response") and not c.features.get("in_history") for c in found):
        # the date a disclosure log made the response public, beside the one it was sent, is not the letter's
        found = [c for c in found if not c.features.get("label_published")]
    chosen = weigh.choose("date", found)
    return None if chosen is None else _date(ctx, chosen[0].item)


_RESPONSE_LABEL = re.compile(r"respon|repl|issued|decision|letter", re.IGNORECASE)
# Made public: a disclosure log may publish a response days after it was sent.
_PUBLISHED_LABEL = re.compile(r"publi|releas|disclos", re.IGNORECASE)
_FOI_WORDS = lazy(
    r"\b(?:FOI[ALS]?|EIRs?|FOISA|freedom[ \t]+of[ \t]+information|environmental[ \t]+information|(?:case|request)[ \t]+(?:ref|reference|number|no)\b)",
    re.IGNORECASE,
)


def _near_request(ctx: Context, i: int) -> bool:
    """Whether the lines around line ``i`` speak of an FOI request: a disclosure log entry's block of fields."""
    lo, hi = max(0, i - 8), min(len(ctx.lines) - 1, i + 8)
    return _FOI_WORDS().search(ctx.text, ctx.lines[lo].start, ctx.lines[hi].end) is not None


# "Issued 12 June 2023, this FOI response ...": the sentence says the date is the response's.
_THIS_RESPONSE = re.compile(
    r",[ \t]+(?:this|the|our)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:response|reply|letter|decision)\b", re.IGNORECASE
)


# Separators between several "label: value" pairs on one line ("Ref: X · Date of response: Y").
# It starts at the separator itself: a leading [ \t]* would rescan a long run of blanks from
# each of its positions (quadratic: a 133 KB line took a minute).
# Also, in a mail header flattened onto one line, " - " or a blank before the next "Field:" ("... - Date: 4 May").
_PAIRS = re.compile(r"(?:[·|;•]|\t|[ \t]-[ \t]|[ \t](?=(?:Date|Sent|Subject|To|Cc|Attachments):))[ \t]*")
# A run of three blanks: a letterhead's second column ("Date: 4 May 2024      London").
_COLUMNS = re.compile(r" {3,}")
_RANGE = re.compile(r"[ \t]*(?:[-–]|to|until)[ \t]*\d", re.IGNORECASE)
# After a date: its time ("at 10:18 AM", ", 6:54 PM").
_CLOCK_LEAD = re.compile(r"[ \t,]*(?:at[ \t]+)?\d{1,2}[:.]\d\d(?::\d\d)?(?:[ \t]?[ap]\.?m\.?)?", re.IGNORECASE)


def _labelled_date(ctx: Context, i: int) -> tuple[FoundDate, str] | None:
    """A date after a date label on line ``i``: at the label's end, or alone on the next line."""
    line = ctx.lines[i]
    starts = sorted(
        {0, *(m.end() for m in _PAIRS.finditer(line.text)), *(m.end() for m in _COLUMNS.finditer(line.text))}
    )
    for offset in starts:
        label = DATE_LABEL.match(line.text, offset)
        if label is None:
            continue
        label_end = line.start + label.end()
        if not ctx.text[label_end : line.end].strip() and i + 1 < len(ctx.lines):
            nxt = ctx.lines[i + 1]  # "Date responded" then the date on a line of its own
            bullet = _BULLET.match(ctx.text, nxt.start, nxt.end)  # "- Published" then "- 4 June 2019"
            value_start = bullet.end() if bullet else nxt.start + nxt.indent
            found = ctx.dates_between(value_start, nxt.end)
            if (
                found
                and found[0].iso
                and len(found[0].iso) == 10  # a full date: "February 2026" alone is a month
                and found[0].start == value_start
                and _alone(ctx.text[found[0].end : nxt.end])
            ):
                return found[0], label.group()
            continue
        weekday = _WEEKDAY_LEAD.match(ctx.text, label_end, line.end)
        if weekday:
            label_end = weekday.end()  # "Responded Mon 27 June 2022"
        after = ctx.dates_between(label_end, line.end)
        if after and "/" in label.group() and _OTHER_LANGUAGE.fullmatch(ctx.text, label_end, after[0].start):
            label_end = after[0].start  # "Dyddiad / Date: 9 Chwefror 2024 / 9 February 2024": the second is ours
        if after and after[0].iso and after[0].start == label_end:
            rest = ctx.text[after[0].end : line.end]
            if _RANGE.match(rest):
                continue  # "Date - 01/04/19 - 31/03/24": the period the figures cover
            clock = _CLOCK_LEAD.match(rest)
            rest = rest[clock.end() :] if clock else rest
            # another "label: value" pair, or another column, follows on the line
            stops = [m.start() for m in (_PAIRS.search(rest), _COLUMNS.search(rest)) if m is not None]
            if _alone_or_run_on(ctx.text, after[0].end, line.end) or (stops and not rest[: min(stops)].strip(" \t,")):
                return after[0], label.group()
            if offset == 0 and _RESPONSE_LABEL.search(label.group()) and _THIS_RESPONSE.match(rest):
                return after[0], label.group()
            if "/" in label.group() and _OTHER_LANGUAGE_AFTER.fullmatch(rest.rstrip()):
                return after[0], label.group()  # "Date / Dyddiad: 4 May 2024 / 4 Mai 2024"
    return None


# A bilingual label's value in the other language first, then " / ": "9 Chwefror 2024 / ".
_OTHER_LANGUAGE = re.compile(r"[^/\n]{4,30}?[ \t]/[ \t]*")
_OTHER_LANGUAGE_AFTER = re.compile(r"[ \t]/[ \t]*[^/\n]{4,30}")
_BULLET = re.compile(r"[ \t]*[-•*][ \t]+")
_RUNS_ON = re.compile(r"\b(?:dated|on|of|from|since|until|by|and|to|before|after)$", re.IGNORECASE)
_HEAD_LINES = 60  # a letterhead of many address lines: the date may stand below line 25, above "Dear"


def _top_dates(ctx: Context) -> list[tuple[FoundDate, bool]]:
    """Full dates alone on one of the letter's first lines, each with whether a sentence runs through it."""
    dear = next((i for i, line in enumerate(ctx.lines[:_HEAD_LINES]) if SALUTATION.match(line.text)), 0)
    top = ctx.lines[: max(_TOP_LINES, dear)]
    out = []
    for found in ctx.dates_between(0, top[-1].end if top else 0):
        if not found.iso or len(found.iso) != 10:
            continue
        line = ctx.lines[ctx.index.line_no(found.start)]
        if not _alone(ctx.text[line.start : found.start] + ctx.text[found.end : line.end]):
            continue
        number = ctx.index.line_no(found.start)
        previous = ctx.lines[number - 1].text.rstrip() if number else ""
        # "Your ref: broadband stats" is a label line; "...: Appeal dated" runs on all the same.
        run_on = previous[-1:].isalpha() and (":" not in previous or _RUNS_ON.search(previous) is not None)
        # A letterhead's name or address over the date ("Office of the Registrar" / "1 October 2021") does
        # not run on into it: its last word is a capital's, and no full stop ends the date's line.
        last_word = previous[previous.rfind(" ") + 1 :]
        if (
            run_on
            and last_word[:1].isupper()
            and not _RUNS_ON.search(previous)
            and not line.text.rstrip().endswith(".")
        ):
            run_on = False
        run_on = run_on or previous[-1:] in ")”"  # "... the Department’s (the “Department”)\nNovember 3, 2022"
        # "... which we received on\n26/12/2023.": the end of a sentence, not the letter's date
        ends = bool(previous) and previous[-1:] not in ".:!?" and not ctx.lines[number - 1].blank and run_on
        following = ctx.lines[number + 1].text.lstrip() if number + 1 < len(ctx.lines) else ""
        out.append((found, ends or following[:1].islower()))  # "November 3, 2022\nresponse (the ...)": it goes on
    return out


def _thread_date(ctx: Context) -> FoundDate | None:
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
    return best


def _alone_or_run_on(text: str, end: int, line_end: int) -> bool:
    """A labelled date alone on its line, or run into the next line's first word ("2022This")."""
    return _alone(text[end:line_end]) or (text[end - 1 : end].isdigit() and text[end : end + 1].isupper())


def _alone(rest: str) -> bool:
    """Nothing else on the line but punctuation, a weekday or a time ("Sent: 17 April 2024 10:42")."""
    rest = _CLOCK.sub("", rest).strip(" \t,.")
    return not rest or bool(_WEEKDAY.fullmatch(rest) or _VIA.fullmatch(rest))


# "September 28, 2015   Sent via E-Mail": how the letter went, beside its date.
_VIA = re.compile(r"(?:sent[ \t]+)?(?:via|by)[ \t]+(?:e-?mail|post|fax|mail)", re.IGNORECASE)


def _date(ctx: Context, found: FoundDate) -> tuple[str, Span] | None:
    if found.iso is None:
        return None
    ctx.claim((found.start, found.end))
    return found.iso, (found.start, found.end)
