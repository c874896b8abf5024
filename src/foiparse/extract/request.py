"""The request, as the response quotes it back, and its numbered questions.

Letters introduce the request with a cue ("You asked:", "Your request:", "Request",
"I note you seek access to the following information:"), either as a heading with the
request below it or inline after a colon. Q&A letters instead quote each question
before its answer; there the request is the questions, in order, without the answers.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import replace

from foiparse.extract import weigh
from foiparse.extract.context import Context
from foiparse.extract.starts import finditer, openings_anywhere
from foiparse.extract.voice import voice
from foiparse.extract.weigh import Candidate
from foiparse.layout.cells import is_value
from foiparse.layout.lines import Line, strip_span
from foiparse.layout.segment import LIST_MARK
from foiparse.lazyre import lazy
from foiparse.model import Block, Question, Request

# The bullets PDF text gives besides those segmentation knows ("●", "o", "➢").
_MORE_BULLETS = re.compile(r"^[ \t]*[●○■□➢►▶✓✔o][ \t]+\S")


def _list_mark(text: str) -> re.Match[str] | None:
    """A list mark opening ``text``, a non-breaking space after it counting as a space."""
    plain = text.replace("\xa0", " ")
    return LIST_MARK.match(plain) or _MORE_BULLETS.match(plain)


_CUE_WORDS = r"""
    (?:specifically,?\s+|in\s+summary,?\s+)?you\s+(?:have\s+)?(?:asked|requested|wrote)(?:\s+(?:for|us))?
        (?:\s+the\s+following(?:\s+(?:information|records|documents|data|questions))?)?
  | your\s+(?:original\s+)?(?:request|questions?|e-?mail|enquiry)(?:\s*,[^,:\n]{3,60},|\s+(?:of|dated)\s+[^,:\n]{3,30}?)?
        (?:\s+(?:was|read|reads|stated|said|asked|(?:(?:was|is|read|reads|stated|(?:was|is)\s+worded)\s+)?(?:as\s+follows|reproduced|set\s+out|copied|quoted)(?:\s+(?:below|here))?))?
  | (?:request|enquiry)\s+(?:summary|description)|(?:summary|description)\s+of\s+(?:the\s+|your\s+)?(?:request|enquiry)
  | (?:description\s+of\s+(?:the\s+)?)?(?:records|information|documents|details|data)\s+(?:sought|requested)
  | (?:text|wording)\s+of\s+(?:the\s+|your\s+)?request|request\s+wording
  | (?:you\s+(?:made|submitted|sent)\s+|we\s+received\s+)?the\s+following\s+request
  | what\s+you\s+(?:asked|requested)(?:\s+(?:for|us))?
  | (?:the\s+|original\s+)?request(?:\s+(?:details|text))?
  | (?:the\s+)?questions?\s+(?:asked|put|raised)|request\s+(?:or|and|/)\s*questions?
  | (?:the\s+)?(?:request|questions?)\s+and\s+(?:the\s+|final\s+|our\s+)?(?:responses?|answers?|replies)
  | requesting(?:\s+the\s+following(?:\s+information)?)?
  | (?:details\s+of\s+|summary\s+of\s+)(?:the\s+|your\s+)?request
  | (?:the\s+)?(?:(?:specific|exact|full|following)\s+)?information\s+(?:that\s+)?(?:you\s+)?(?:have\s+)?requested
        (?:\s+(?:was|were|is|reads?)(?:\s+as\s+follows)?|\s+as\s+follows)?
  | information\s+request(?:ed)?
  | (?:you\s+)?(?:have\s+)?(?:asked|requested)\s+(?:us\s+)?(?:for\s+)?the\s+following(?:\s+information)?
  | i\s+note\s+(?:that\s+)?you\s+(?:seek|sought|have\s+sought)\s+access\s+to\s+the\s+following(?:\s+information)?
  | in\s+your\s+(?:e-?mail|letter|request|correspondence)(?:\s+(?:of|dated|received(?:\s+on)?|sent(?:\s+on)?)\s+[^,:\n]{3,40})?,?\s+you\s+(?:asked|requested|wrote|said)(?:\s+for)?(?:\s+the\s+following(?:\s+information)?)?
"""
# One pattern, used three ways (see _cue_line, _cue_inline, _cue_trailing): compiling
# it once rather than three times is a noticeable part of a cold start.
CUE = re.compile(_CUE_WORDS, re.IGNORECASE | re.VERBOSE)
_WORD = re.compile(r"\S+")

# What starts the response, and so ends the request.
RESPONSE_CUE = re.compile(
    r"""^[ \t]*(?:(?:our|the|council'?s?|trust'?s?|force'?s?)\s+)?
        (?:response|reply|answer|decision|outcome|information\s+(?:provided|released|disclosed))s?
        (?:\s+to\s+(?:your\s+)?(?:request|questions?))?\b[ \t]*[:\-–]?""",
    re.IGNORECASE | re.VERBOSE,
)
QUESTION_MARK = lazy(r"^[ \t]*(Q(?:uestion)?[ \t]?\d{1,2}[a-z]?)[ \t]*[.:)\-–]?[ \t]*", re.IGNORECASE)
_ANY_QUESTION = re.compile(r"[ \t]*Q(?:uestion)?[ \t]?\d", re.IGNORECASE)
ANSWER_MARK = lazy(
    r"^[ \t]*(?:A(?:nswer)?[ \t]?\d{1,2}[a-z]?\b|answer\b|response\b|reply\b|our\s+response\b)[ \t]*[.:)\-–]?",
    re.IGNORECASE,
)
NUMBER = re.compile(
    r"""^[ \t"“‘']*(?:
        \(?(?P<n>\d{1,2}[a-z]?)[.)](?!\d) | \((?P<p>\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})\)
      | (?P<l>[a-z]|[ivx]{1,4})[.)] | (?P<q>Q(?:uestion)?[ \t]?\d{1,2}[a-z]?)[.:)]?
    )[ \t]+""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that start the authority's answer, and so end a request quoted above them.
RESPONSE_OPENER = lazy(
    r"""[ \t]*(?:
        we\s+(?:can|do|does|have|hold|are|cannot|can't|don't|did|will|received|note|are\s+unable)
      | i\s+(?:can|am)\s+(?:confirm|writing|able|pleased)
      | (?:i|we)\s+have\s+(?:now\s+)?(?:reviewed|considered)\s+(?:your|this)\s+(?:complaint|request|case|appeal|decision)
      | we\s+have\s+(?:now\s+)?(?:searched|located|carried\s+out|conducted)
      | please\s+(?:find|see)
      | the\s+(?:council|trust|force|department|authority|service|board|government|office)\s+
            (?:does|do|can|holds?|has|have|is|cannot|can't|did)
      | (?:our\s+)?(?:response|answer|reply)\s*:
      | in\s+(?:response|reply|answer)\b
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "In response to your request:" introduces the answer, not the request.
_ANSWERING = re.compile(
    r"\b(?:in\s+(?:response|reply|answer)\s+to|further\s+to|regarding|with\s+regard\s+to)\s+$",
    re.IGNORECASE,
)
_QUOTES = " \t\r\n\"'“”‘’"
_CONTENT_KINDS = ("paragraph", "list_item", "quote", "heading")


def extract_request(ctx: Context) -> Request | None:
    """The quoted request, or None when the letter does not reproduce it.

    Each frame that can hold a request proposes one candidate; the shipped weights
    (``data/weights/request.json``) choose among them. The hand-set weights rank the
    frames from the most explicit (the requester's own message) to the least (passages
    gathered by voice alone), and refuse a "request" that only points elsewhere.
    """
    candidates: list[Candidate[Request]] = []
    for source, find in _FRAMES:
        found = find(ctx)
        if found is not None:
            features = _features(source, found)
            # in the second half of a long letter: where the review, the appeal or the thread goes on
            features["late"] = float(found.span[0] > len(ctx.text) / 2 and len(ctx.text) > 2000)
            # in what segmentation took for closing matter: a page run together, or a footer's example
            features["in_boilerplate"] = float(ctx.kind_at(found.span[0]) == "boilerplate")
            # in quotation marks in the letter: the writer marks the words as someone else's
            before = ctx.text[max(0, found.span[0] - 3) : found.span[0]].rstrip()
            features["quoted"] = float(bool(before) and before[-1] in "\"“‘'")
            candidates.append(Candidate(found, found.text, found.span, features))
    candidates = [
        replace(
            c,
            features={
                **c.features,
                "inside_more_parts": _inside_more_parts(c, candidates),
                "start_of_longer": _start_of_longer(c, candidates),
            },
        )
        for c in candidates
    ]
    if any(c.features["points_elsewhere"] for c in candidates):
        # The requester's message says the request is in an attachment: what else looks like one is weaker.
        candidates = [replace(c, features={**c.features, "request_elsewhere": 1.0}) for c in candidates]
    # A rule, not a weight: a few words pointing to an attachment ("see attached") are never the request.
    chosen = weigh.choose("request", [c for c in candidates if not c.features["points_elsewhere"]])
    return chosen[0].item if chosen is not None else None


def _inside_more_parts(candidate: Candidate[Request], candidates: list[Candidate[Request]]) -> float:
    """1 when another frame (not one gathering by voice) found a request around this one with more parts.

    A cue read block by block stops at the first answer; a frame that follows the parts
    through their answers sees the rest of the request.
    """
    a, z = candidate.span
    own = len(candidate.item.questions)
    return float(
        any(
            c is not candidate
            and not c.features.get("frame_gathered")
            and c.span[0] <= a
            and z <= c.span[1]
            and len(c.item.questions) > max(own, 1)
            for c in candidates
        )
    )


def _start_of_longer(candidate: Candidate[Request], candidates: list[Candidate[Request]]) -> float:
    """1 when another frame (not one gathering by voice) found these words and more after them.

    A reply quoting the opening of a request under a cue, beside the requester's own whole
    message in the thread: the longer one is the request as it was sent.
    """
    own = " ".join(candidate.value.split())
    return float(
        any(
            c is not candidate
            and not c.features.get("frame_gathered")
            and len(c.value.split()) >= len(own.split()) + 5
            and " ".join(c.value.split()).startswith(own)
            for c in candidates
        )
    )


_ELSEWHERE = lazy(r"\b(?:attach(?:ed|ment)|enclosed|below|above|link)\b", re.IGNORECASE)


def _features(source: str, request: Request) -> dict[str, float]:
    """Named features of one candidate: which frame found it, and what its text looks like."""
    words = len(_WORD.findall(request.text))
    said = voice(request.text)
    return {
        f"frame_{source}": 1.0,
        "requester_voice": float(said == "requester"),
        "authority_voice": float(said == "authority"),
        "parts": float(min(len(request.questions), 10)) / 10,
        "question_mark": float("?" in request.text),
        "few_words": float(words < 4),
        "points_elsewhere": float(words < 15 and _ELSEWHERE().search(request.text) is not None),
        "review_asked": float(_REVIEW_ASKED().search(request.text) is not None),
        "log_words": math.log1p(words) / 10,
        # passages gathered by voice alone, and too few words to be a whole request: likely a fragment
        "thin_gathered": float(source == "gathered" and words < 60),
        "request_elsewhere": 0.0,
    }


_SALUTATION = lazy(r"[ \t]*(?:dear|hello|hi|good[ \t]+(?:morning|afternoon)|to[ \t]+whom)\b", re.IGNORECASE)
_CLOSING_THANKS = lazy(
    r"[ \t]*(?:many[ \t]+thanks|thanks(?:[ \t]+in[ \t]+advance)?|thanking[ \t]+you)\b", re.IGNORECASE
)


def _thread_request(ctx: Context) -> Request | None:
    """In a correspondence thread, the requester's first message: between the salutation and the sign-off."""
    first = next((m for m in ctx.messages if m.direction == "to_authority"), None)
    if first is None:
        return None
    a, z = first.span
    lines = ctx.lines[ctx.index.line_no(a) : ctx.index.line_no(max(a, z - 1)) + 1]
    body = [line for line in lines if not line.blank]
    if len(body) < 2:
        return None
    start_at = next((k + 1 for k, line in enumerate(body) if _SALUTATION().match(line.text)), 1)  # or after the header
    end_at = next(
        (
            k
            for k in range(start_at, len(body))
            if SIGN_OFF().match(body[k].text) or _CLOSING_THANKS().match(body[k].text)
        ),
        len(body),
    )
    if end_at <= start_at:
        return None
    s, e = strip_span(ctx.text, body[start_at].start, body[end_at - 1].end, _QUOTES)
    e = _without_logistics(ctx, s, e)
    return _request(ctx, s, e) if e - s >= 3 else None


# "You requested "all incident reports ..."", "your request ... asking for "the minutes ..."".
_INLINE_QUOTE = lazy(
    r"""\b(?:you[ \t\n]+(?:have[ \t\n]+)?(?:asked|requested|wrote|sought)|asking|requesting|seeking)
        (?:[ \t\n]+(?:us[ \t\n]+)?(?:for|about|whether|that))?(?:[ \t\n]+the[ \t\n]+following)?[ \t\n]*+(?::[ \t\n]*+)?
        (?P<open>["“‘'])""",
    re.IGNORECASE | re.VERBOSE,
)
_CLOSING = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def _quoted_inline(ctx: Context) -> Request | None:
    """A request quoted inside the letter's own sentence, up to its closing quotation mark."""
    if not ctx.has("ask", "request", "wrote", "sought", "seeking"):
        return None
    for match in _INLINE_QUOTE().finditer(ctx.text):
        if ctx.kind_at(match.start()) in _SKIPPED_KINDS:
            continue
        a = match.end()
        z = ctx.text.find(_CLOSING[match.group("open")], a, a + 3000)
        if z == -1 or "\n\n" in ctx.text[a:z]:
            continue
        a, z = strip_span(ctx.text, a, z, _QUOTES)
        if len(ctx.text[a:z].split()) >= 3:
            return _request(ctx, a, z)
    return None


# "You asked for the number of officers ...": the letter's own account of the request.
_PARAPHRASE = lazy(
    r"""(?:(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*(?:(?:in[ \t]+your[ \t]+\w+[^,\n]{0,40},[ \t]+)|(?:on[ \t]+[^,\n]{3,30},?[ \t]+))?
        |\b(?:in[ \t]+which|where)[ \t]+)
        you[ \t]+(?:have[ \t]+)?(?:asked|requested|ask|request|seek|sought)[ \t]+(?:us[ \t]+|the[ \t]+council[ \t]+|the[ \t]+\w+[ \t]+)?
        (?:(?:us[ \t]+)?to[ \t]+(?:provide|supply|disclose|send|release|list|give)[ \t]+(?:you[ \t]+|me[ \t]+)?(?:with[ \t]+)?)?
        (?P<rest>(?:for|whether|about|how|what|which|if|when|where|who|copies[ \t]+of|a[ \t]+copy[ \t]+of|any[ \t]+and[ \t]+all|all[ \t]+records|access[ \t]+to
            |information[ \t]+(?:on|about|regarding|concerning|relating[ \t]+to)
            |the[ \t]+(?:number|total|amount|cost|names?|list))[ \t]++(?!an?[ \t\n]+internal[ \t\n]+review|a[ \t\n]+review)
          [^\n]*?(?:\n[^\n]+?)*?[.?]["'”’)\]]*(?=\s|$))""",
    re.IGNORECASE | re.VERBOSE,
)


# "Thank you for your request for the number of ..., which we received on 3 May.": the acknowledgement
# names what was asked; the clause saying when it came is not part of it.
_THANKED_FOR = lazy(
    r"""(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*thank(?:s|[ \t]+you)[ \t\n]+for[ \t\n]+your[ \t\n]+
        (?:(?:recent|freedom[ \t\n]+of[ \t\n]+information|foi|foia|eir|information)[ \t\n]+)*(?:request|e-?mail|letter)
        (?:[ \t\n]+(?:of|dated|received(?:[ \t\n]+on)?)[ \t\n]+[^,.\n]{3,30})?[ \t\n]+for[ \t\n]+
        (?P<rest>(?:the[ \t\n]+(?:number|total|amount|cost|names?|list|details)|copies[ \t\n]+of|a[ \t\n]+copy[ \t\n]+of|all[ \t\n]+records|any[ \t\n]+records)\b
          [^.?!]*?)(?=,?[ \t\n]+(?:which|that)[ \t\n]+(?:we|was|the)\b|,[ \t\n]*(?:received|dated|sent)\b|[.?!](?:\s|$))""",
    re.IGNORECASE | re.VERBOSE,
)


def _paraphrased(ctx: Context) -> Request | None:
    """The request as the letter sums it up: "You asked for the number of ... ." (the rest of that sentence).

    Or as its acknowledgement names it: "Thank you for your request for the number of ...".
    """
    if ctx.has("thank"):
        for match in _THANKED_FOR().finditer(ctx.text):
            if ctx.kind_at(match.start("rest")) in _SKIPPED_KINDS:
                continue
            a, z = strip_span(ctx.text, *match.span("rest"), _QUOTES + ",")
            if len(ctx.text[a:z].split()) >= 6:
                return Request(text=ctx.text[a:z], span=(a, z), questions=())
    if not ctx.has(
        "you asked", "you requested", "you have asked", "you have requested", "you ask", "you seek", "you sought"
    ):
        return None
    for match in _PARAPHRASE().finditer(ctx.text):
        if ctx.kind_at(match.start("rest")) in _SKIPPED_KINDS:
            continue
        a, z = match.span("rest")
        first = ctx.text[a:z].split(None, 1)
        if first and first[0].lower() == "for":
            a += len(ctx.text[a:z]) - len(first[1]) if len(first) > 1 else 0
        a, z = strip_span(ctx.text, a, z, _QUOTES)
        if len(ctx.text[a:z].split()) >= 5:
            return Request(text=ctx.text[a:z], span=(a, z), questions=())
    return None


def _after_cue(ctx: Context) -> Request | None:
    for b, block in enumerate(ctx.blocks):
        if block.kind == "boilerplate":  # a page run together with its closing matter may still hold a cue
            inside = _cue_inside(ctx, b, block)
            if inside is not None:
                return inside
        if block.kind not in _CONTENT_KINDS:
            continue
        first_line = ctx.block_text(block).split("\n", 1)[0]
        if _cue_line(first_line):
            start = block.span[0] + len(first_line) + 1
            if start >= block.span[1]:  # the cue is a heading: the request is the next block
                following = _next_content(ctx.blocks, b + 1)
                if following is None:
                    continue
                start = ctx.blocks[following].span[0]
                b = following
            return _collect(ctx, b, start)
        inline = _cue_inline(first_line)
        if inline is not None:
            return _collect(ctx, b, block.span[0] + inline)
        trailing = _cue_trailing(ctx.block_text(block)) if block.kind == "paragraph" else None
        if trailing is not None and _GIVING().search(ctx.block_text(block)[:trailing].rsplit(".", 1)[-1]):
            trailing = None  # "Please find below the information you requested:" introduces the answer
        if trailing is not None and not _ANSWERING.search(ctx.block_text(block), 0, trailing):
            following = _next_content(ctx.blocks, b + 1)
            if following is not None:
                return _collect(ctx, following, ctx.blocks[following].span[0])
        if block.kind == "paragraph" and _RUN_ON_LEAD().search(ctx.block_text(block)):
            following = _next_content(ctx.blocks, b + 1)  # "... you indicate that you are seeking the following:"
            if following is not None:
                return _run_on(ctx, following)
        if (
            block.kind == "paragraph"
            and _is_lead_in(ctx.block_text(block))
            and not _ANSWERING.search(ctx.block_text(block))
        ):
            following = _next_content(ctx.blocks, b + 1)  # "Thank you for your letter of 28 May, requesting:"
            if following is not None:
                return _collect(ctx, following, ctx.blocks[following].span[0])
        inside = _cue_inside(ctx, b, block)
        if inside is not None:
            return inside
    return None


# "Dear Harbourside Council," "Dear FOI Team,": a message to the authority, so the
# requester's own (quoted in a reply, or first in a thread). "Dear Sir/Madam" is left
# out: authorities write it to requesters as often as requesters write it to them.
TO_AUTHORITY = lazy(
    r"""[ \t]*dear[ \t]+(?:foi|freedom[ \t]+of[ \t]+information
      |information[ \t]+(?:governance|rights|compliance|request)
      |[^,\n]{0,60}?\b(?:council|trust|police|constabulary|department|ministry|office|authority|service|board
        |team|officer|government|executive|university|commission|agency))\b[^,\n]{0,40}[,:]?[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
SIGN_OFF = lazy(
    r"[ \t]*(?:(?:yours[ \t]+(?:faithfully|sincerely|truly)|(?:kind|best|many)[ \t]+(?:regards|thanks)|regards|thank[ \t]+you)\b"
    r"|(?:sincerely|respectfully)[ \t]*,?[ \t]*$)",
    re.IGNORECASE,
)


# "To whom it may concern:": a request letter's salutation, but an authority may write it too,
# so the message under it counts only when it opens by asking.
_TO_WHOM = lazy(r"[ \t]*to[ \t]+whom[ \t]+it[ \t]+may[ \t]+concern[ \t]*[,:]?[ \t]*$", re.IGNORECASE)
# A closing paragraph of a request about how it is to be handled, not what it asks for:
# fees, the format of the copies, the purpose of the request, the time allowed for a reply.
_LOGISTICS = lazy(
    r"""\b(?:fees?[ \t\n]+(?:be[ \t\n]+)?waived|waive[ \t\n]+(?:any|all|the)[ \t\n]+(?:fees|charges)|fee[ \t\n]+waiver|willing[ \t\n]+to[ \t\n]+pay
      |in[ \t\n]+the[ \t\n]+event[ \t\n]+(?:that[ \t\n]+)?(?:there[ \t\n]+(?:are|is)[ \t\n]+|of[ \t\n]+)?(?:any[ \t\n]+)?(?:fees|charges|costs)
      |(?:inform|notify|advise|tell)[ \t\n]+me[ \t\n]+[^.]{0,60}\b(?:fees|charges|costs)
      |(?:not[ \t\n]+(?:being[ \t\n]+(?:made[ \t\n]+)?)?for|non[ \t\n]*[-—–]?[ \t\n]*)(?:a[ \t\n]+)?commercial[ \t\n]+purposes?
      |prefer[^.]{0,60}\b(?:electronic|e-?mail|cd-?rom)|electronic(?:ally)?[ \t\n]+format|cd-?rom
      |within[ \t\n]+\d+[ \t\n]+(?:business|working)[ \t\n]+days|as[ \t\n]+the[ \t\n]+statute[ \t\n]+requires
      |made[ \t\n]+available[ \t\n]+to[ \t\n]+the[ \t\n]+(?:general[ \t\n]+)?public|expedit(?:e|ed|ion)[ \t\n]+(?:processing|the[ \t\n]+request))""",
    re.IGNORECASE | re.VERBOSE,
)


def _without_logistics(ctx: Context, a: int, z: int) -> int:
    """The end of a request message without its closing paragraphs on fees, format and timing.

    Each paragraph dropped, from the last back, is short, asks no question and speaks of
    how the request is handled; the first paragraph is always kept.
    """
    while True:
        cut = ctx.text.rfind("\n\n", a, z)
        if cut == -1:
            return z
        last = ctx.text[cut:z].strip()
        if "?" in last or len(last.split()) > 70 or _LOGISTICS().search(last) is None:
            return z
        z = len(ctx.text[a:cut].rstrip()) + a


def _requesters_message(ctx: Context) -> Request | None:
    """The requester's message, where a reply quotes it or a thread begins with it.

    It opens with a salutation to the authority and runs to the requester's sign-off;
    its closing paragraphs on fees, format and timing are left out.
    """
    lines = ctx.lines
    for i, line in enumerate(lines):
        whom = _TO_WHOM().match(line.text) is not None
        if not (whom or TO_AUTHORITY().match(line.text)) or ctx.kind_at(line.start) in ("boilerplate", "table"):
            continue
        j = i + 1
        while j < len(lines) and not SIGN_OFF().match(lines[j].text):
            j += 1
            if j - i > 60:
                break
        if j >= len(lines) or j - i > 60 or j == i + 1:
            continue
        a, z = strip_span(ctx.text, lines[i + 1].start, lines[j - 1].end, _QUOTES)
        if whom and voice(ctx.text[a : min(z, a + 400)]) != "requester":
            continue  # "To whom it may concern:" over the authority's own letter
        z = _without_logistics(ctx, a, z)
        if z - a >= 3 and not _REVIEW_ASKED().search(ctx.text, a, z):
            return _request(ctx, a, z)
    return None


_INLINE_SIGN_OFF = lazy(
    r"[ \t]\|[ \t]|\b(?:yours[ \t]+(?:faithfully|sincerely|truly)|kind[ \t]+regards|best[ \t]+regards)\b", re.I
)


def _inline_message(ctx: Context) -> Request | None:
    """A requester's message run onto one line with its salutation ("Dear Harbury Council, I would like ...").

    Pages that flatten a message keep the salutation and the words on one line; the
    message runs to its sign-off or to the column rule ("|") of a flattened table.
    """
    for line in ctx.lines:
        comma = line.text.find(",", 0, 120)
        if comma == -1 or not TO_AUTHORITY().match(line.text[: comma + 1]) or ctx.kind_at(line.start) == "table":
            continue
        a = line.start + comma + 1
        stop = _INLINE_SIGN_OFF().search(ctx.text, a, line.end)
        a, z = strip_span(ctx.text, a, stop.start() if stop else line.end, _QUOTES + " \t")
        if len(ctx.text[a:z].split()) >= 15 and not _REVIEW_ASKED().search(ctx.text, a, z):
            return _request(ctx, a, z)
    return None


# "I am writing to request an internal review of ...": a later message, not the request.
_REVIEW_ASKED = lazy(
    r"""\b(?:I|we)[ \t\n]+(?:am[ \t\n]+|are[ \t\n]+|would[ \t\n]+|'d[ \t\n]+)?(?:writing[ \t\n]+to[ \t\n]+)?
        (?:request|requesting|ask|asking|like|want|wish)\b[^.?!]{0,80}?\binternal[ \t\n]+review\b
      | \bplease[ \t\n]+(?:carry[ \t\n]+out|conduct|undertake|arrange|complete|do|review)\b[^.?!]{0,40}?\binternal[ \t\n]+review\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _cue_rows(ctx: Context) -> Request | None:
    """Rows of a form or table whose label cell is a cue ("You Requested:", "Request<tab>"): the values are the request.

    A review letter that tabulates each question with its request and outcome has one
    such row per question; they are the request's parts, in order.
    """
    if "\t" not in ctx.text:
        return None
    spans: list[tuple[int, int]] = []
    for line in ctx.lines:
        label, tab, _ = line.text.partition("\t")
        if not tab:
            continue
        at = len(label) + 1 if _cue_line(label) else None
        if at is None and ctx.kind_at(line.start) == "table":
            at = _cue_inline(line.text)  # "You Requested: ..." in a form's cell
        if at is None:
            continue
        a, z = strip_span(ctx.text, line.start + at, line.end, _QUOTES)
        if len(ctx.text[a:z].split()) >= 5:
            spans.append((a, z))
    if not spans:
        return None
    if len(spans) == 1:
        return _request(ctx, *spans[0])
    questions = tuple(Question(number=str(n), text=ctx.text[a:z], span=(a, z)) for n, (a, z) in enumerate(spans, 1))
    return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)


def _cue_inside(ctx: Context, b: int, block: Block) -> Request | None:
    """A cue on a line of its own inside a block, as pages without blank lines have it.

    The request runs from the next line to the end of the block, or to the first
    line that starts the response ("Our response:", "We hold ...", "Please find ...").
    """
    first = ctx.index.line_no(block.span[0])
    last = ctx.index.line_no(block.span[1] - 1)
    for i in range(first + 1, last + 1):
        line = ctx.lines[i]
        body = line.text.strip()
        inline = _cue_inline(line.text)
        if inline is not None and i < last:  # "You requested: The number of ..." on a line inside the block
            end = i + 1
            while end <= last and not (
                RESPONSE_CUE.match(ctx.lines[end].text) or RESPONSE_OPENER().match(ctx.lines[end].text)
            ):
                end += 1
            a, z = strip_span(ctx.text, line.start + inline, ctx.lines[end - 1].end, _QUOTES)
            if end <= last and z - a >= 3:
                return _request(ctx, a, z)
        if not body.endswith(":") and not _cue_line(line.text):
            continue
        if not (_cue_line(line.text) or _cue_trailing(body) is not None or _is_lead_in(body)):
            body = _sentence_to(ctx, first, i)  # a lead-in wrapped over lines: judge its whole sentence
            if not (_cue_trailing(body) is not None or _is_lead_in(body)):
                continue
        if _GIVING().search(body.rsplit(".", 1)[-1]):
            continue  # "... In response to your request:" introduces the answer
        if _lead_in_below(ctx, i, last):
            continue  # "... a summary as follows:" over "You contacted us with the following request:"
        if i == last:  # the cue ends the block: the request is what follows
            following = _next_content(ctx.blocks, b + 1)
            return None if following is None else _collect(ctx, following, ctx.blocks[following].span[0])
        end = i + 1
        while end <= last and not (
            RESPONSE_CUE.match(ctx.lines[end].text) or RESPONSE_OPENER().match(ctx.lines[end].text)
        ):
            end += 1
        if end == i + 1:
            continue
        if end > last:  # the request runs to the end of the block: it may go on in list items
            return _collect(ctx, b, ctx.lines[i + 1].start)
        a, z = strip_span(ctx.text, ctx.lines[i + 1].start, ctx.lines[end - 1].end, _QUOTES)
        if z - a >= 3:
            return _request(ctx, a, z)
    return None


def _sentence_to(ctx: Context, first: int, i: int) -> str:
    """The sentence that ends on line ``i``, joined from the lines it wraps over (four at most, from line ``first``)."""
    k = i
    while k > max(first, i - 3) and not (
        ctx.lines[k - 1].blank or ctx.lines[k - 1].text.rstrip().endswith((".", "?", "!", ":", ","))
    ):
        k -= 1
    joined = " ".join(line.text.strip() for line in ctx.lines[k : i + 1])
    return _SENTENCE_BREAK.split(joined)[-1]


def _lead_in_below(ctx: Context, i: int, last: int) -> bool:
    """Whether the line or two under line ``i`` are a lead-in of their own, ending in a colon: the nearer cue."""
    for j in range(i + 1, min(i + 3, last + 1)):
        if ctx.lines[j].text.rstrip().endswith(":"):
            joined = " ".join(line.text.strip() for line in ctx.lines[i + 1 : j + 1])
            return _cue_line(ctx.lines[j].text) or _cue_trailing(joined) is not None or _is_lead_in(joined)
    return False


# "Your Request Received 9/4/2024": a cue heading may carry the date the request came in.
# Each run of blanks is followed by a token it cannot be confused with, so a line of
# blanks costs linear time (an earlier form rescanned them: a minute for 500 blanks).
_DATED = re.compile(
    r"[ \t]+(?:(?i:received|dated|sent|submitted|made)[ \t]+)?(?:(?i:on)[ \t]+)?(?:[:\-–][ \t]*)?"
    r"(?:\d{1,2}(?:\^?(?:st|nd|rd|th))?[ /.\-][ \w/.\-]{2,12}\d{2,4}|[A-Z][a-z]+[ \t]+\d{1,2},?[ \t]+\d{4})$"
)


@functools.cache
def _cue_openings() -> tuple[frozenset[str], ...] | None:
    """The cue's openings by length (one letter, two, three), read from the pattern on first use."""
    found = openings_anywhere(CUE)
    return None if found is None else tuple(frozenset(o for o in found if len(o) == n) for n in range(1, 4))


def _may_open_cue(text: str) -> bool:
    """Whether ``text`` begins as the cue can: most lines do not, and are told apart by their first letters."""
    head = text[:3]
    by_length = _cue_openings()
    if by_length is None or not head.isascii():  # a letter not plain ASCII may fold to one of the cue's
        return True
    head = head.lower()
    return head[:1] in by_length[0] or head[:2] in by_length[1] or head in by_length[2]


def _cue_line(line: str) -> bool:
    """The cue alone on its line, maybe with a colon or dash or the date it came: a heading for the request below."""
    core = line.strip().rstrip(" \t:-–")
    if not core or not _may_open_cue(core) or CUE.match(core) is None:
        return False  # the cue has no look-around or anchor: what matches no start of the line fits no part of it
    if CUE.fullmatch(core) is not None:
        return True
    tail = core[-60:]  # a cue's date is short: look only at the end of the line
    dated = _DATED.search(tail)
    return dated is not None and CUE.fullmatch(core[: len(core) - len(tail) + dated.start()]) is not None


def _cue_inline(line: str) -> int | None:
    """Where the request starts after "cue:" on the same line, or None."""
    colon = line.find(":")
    if colon <= 0 or not _may_open_cue(cue := line[:colon].strip()) or CUE.fullmatch(cue) is None:
        return None
    rest = line[colon + 1 :]
    start = colon + 1 + len(rest) - len(rest.lstrip(" \t"))
    return start if rest.strip() else None


def _cue_trailing(text: str) -> int | None:
    """Where a cue starts that ends a paragraph before its final colon ("... you asked for:")."""
    body = text.rstrip()
    if not body.endswith(":"):
        return None
    head = body[:-1].rstrip(" \t")
    lo = max(0, len(head) - 200)
    for word in _WORD.finditer(head, lo):  # earliest start first: the longest cue wins
        if CUE.fullmatch(head, word.start()) is not None:
            if " " not in head[word.start() :].strip() and word.start() > 0:
                return None  # "... for all replies to this request:": one word ending a sentence is no cue
            return word.start()
    return None


def request_spans(request: Request) -> tuple[tuple[int, int], ...]:
    """Where the requester's words are: the questions of a Q&A letter, else the whole span.

    A part read from a column of a text grid is shorter than its span: its lines sit in
    one column, a grid line apart, and only those pieces are the requester's.
    """
    if request.text != "\n".join(q.text for q in request.questions) or not request.questions:
        return (request.span,)
    return tuple(piece for q in request.questions for piece in _column_pieces(q))


def _column_pieces(question: Question) -> tuple[tuple[int, int], ...]:
    a, z = question.span
    pieces = question.text.split("\n")
    if z - a == len(question.text) or len(pieces) < 2:
        return (question.span,)
    step = (z - len(pieces[-1]) - a) / (len(pieces) - 1)  # from one line's cell to the next's
    return tuple((a + round(k * step), a + round(k * step) + len(p)) for k, p in enumerate(pieces))


def _next_content(blocks: tuple[Block, ...], b: int) -> int | None:
    while b < len(blocks) and blocks[b].kind == "blank":
        b += 1
    if b < len(blocks) and blocks[b].kind in _CONTENT_KINDS:
        return b
    return None


def _collect(ctx: Context, b: int, start: int) -> Request | None:
    """From ``start`` in block ``b``: that block, then following list items that continue it."""
    blocks = ctx.blocks
    if RESPONSE_CUE.match(ctx.block_text(blocks[b])) and blocks[b].kind == "heading":
        return None
    lead_in = _next_content(blocks, b + 1)
    if _is_lead_in(ctx.text[start : blocks[b].span[1]]) and lead_in is not None:
        b, start = lead_in, blocks[lead_in].span[0]  # "On 4 June you asked for:" introduces it
    end = blocks[b].span[1]
    quoted = _quoted_to(ctx, b, start)
    if quoted is not None:  # a request in quotation marks runs to its closing mark
        b, end = quoted, blocks[quoted].span[1]
    listing = blocks[b].kind == "list_item" or ctx.block_text(blocks[b]).rstrip().endswith(":")
    first_number = _first_number(ctx.text[start : blocks[b].span[1]])
    nxt = _next_content(blocks, b + 1)
    while nxt is not None:
        block = blocks[nxt]
        if RESPONSE_CUE.match(ctx.block_text(block)) or block.kind == "heading":
            break
        mark = _list_mark(ctx.block_text(block))
        body = ctx.block_text(block)[mark.end() - 1 :] if mark else ctx.block_text(block)
        if (first_number and _first_number(ctx.block_text(block)) == first_number) or (
            blocks[nxt - 1].kind == "blank" and _ANSWER_START().match(body.strip(_QUOTES))
        ):
            break  # the numbering starts again from the first part, or an item after a gap is a figure: the answers
        adjacent = blocks[nxt - 1].kind != "blank"
        if not (
            block.kind == "list_item"
            and (listing or adjacent or blocks[nxt - 1].kind == "list_item" or _asks_on(ctx.block_text(block)))
        ):
            break
        listing = True
        end = block.span[1]
        nxt = _next_content(blocks, nxt + 1)
    if nxt is not None:
        end = _paragraphs_asking(ctx, nxt, end)
    elif listing:
        end = _items_into_closing(ctx, end)
    start, end = strip_span(ctx.text, start, _answer_starts(ctx, start, end), _QUOTES)
    if end - start < 3:
        return None
    return _request(ctx, start, end)


def _items_into_closing(ctx: Context, end: int) -> int:
    """Extend a list over the items that segmentation ran into a closing-matter block after it.

    A page with no blank lines can have its last items taken for closing matter with the
    rest of the letter: each line there that opens with a list mark, and the wrapped
    lines under it, still belong to the list; the first other line ends it.
    """
    block = ctx.block_at(end)
    if block is None or block.kind == "blank":
        block = next((k for k in ctx.blocks if k.span[0] >= end and k.kind != "blank"), None)
    if block is None or block.kind != "boilerplate":
        return end
    width, wrapped = _wrap_width(ctx)
    i = ctx.index.line_no(block.span[0])
    item = False
    while i < len(ctx.lines) and ctx.lines[i].start < block.span[1]:
        line = ctx.lines[i]
        if _list_mark(line.text):
            item = True
        elif not item:
            break
        end = line.end
        text = line.text.rstrip()
        item = bool(text) and wrapped and (len(text) >= 0.8 * width or _HANGING.search(text) is not None)
        i += 1
    return end


def _first_number(text: str) -> str | None:
    """The number mark ("1.", "a)") opening ``text``, with its style, or None."""
    m = NUMBER.match(text)
    if m is None:
        return None
    style, number = _style(m)
    return f"{style}:{number.lower()}"


# "In your request you indicate that you are seeking the following:": the request follows, over as many
# paragraphs and lists as it takes, up to the letter's own account of what it did.
_RUN_ON_LEAD = lazy(
    r"""\byour?\b[^.:\n]{0,60}?\b(?:seeks?|seeking|sought|requests|requested|requesting|asks|asked|asking|stated|states)\b
        [^.:\n]{0,20}?\bthe[ \t\n]+following(?:[ \t\n]+\w+)?[ \t]*:[ \t]*$
      | \byou(?:r[ \t\n]+request)?[ \t\n]+(?:state|stated|wrote|write)[ \t]*[:,]?[ \t]*$
      | \byour\b[^.:\n]{0,60}?\brequest[ \t\n]+(?:for|seeking|requesting|asking[ \t\n]+for)[ \t]*:[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Your request was reviewed by ...", "On November 9, 2015, CPD sought ...": the letter's narrative resumes.
_NARRATIVE = lazy(
    r"""[ \t]*(?:(?:your|this|the)[ \t]+(?:foia?[ \t]+|foil[ \t]+)?(?:request|appeal)[ \t]+(?:was|were|has|is|had)\b
      | on[ \t]+(?:or[ \t]+about[ \t]+)?(?:[a-z]+[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+[a-z]+[ \t]+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_CLOSING_MARKS = ('"', "”", "’’", "''")


def _run_on(ctx: Context, b: int) -> Request | None:
    """The request from block ``b`` to the last block before the authority speaks again (25 blocks at most)."""
    blocks = ctx.blocks
    start, end = blocks[b].span
    for k in range(b, min(len(blocks), b + 25)):
        block = blocks[k]
        if block.kind in ("blank", "boilerplate"):
            continue
        text = ctx.block_text(block)
        if k > b and _contact_lines(text):
            continue  # a page's letterhead or footer run in between: not the request, which may go on below
        if k > b and (
            block.kind in ("signature", "table")
            or voice(text) == "authority"
            or _NARRATIVE().match(text)
            or RESPONSE_CUE.match(text)
            or RESPONSE_OPENER().match(text)
        ):
            break
        end = block.span[1]
        if k > b and text.rstrip().endswith(_CLOSING_MARKS):
            break  # the quotation closes
    a, z = strip_span(ctx.text, start, end, _QUOTES)
    return _request(ctx, a, z) if z - a >= 3 else None


# An e-mail address, a web address, a telephone number: a letterhead's or footer's contact details.
_CONTACT = lazy(
    r"[\w.+-]+(?:@|\bat\s)[\w-]+\.[\w.]+|\bwww\.|\bhttps?://|\(?\b\d{3,5}\)?[ .-]\d{3}[ .-]?\d{3,4}\b|\b\d-\d-\d\b",
    re.IGNORECASE,
)


def _contact_lines(text: str) -> bool:
    """A short block with two kinds of contact details at least (say a telephone number and a web site)."""
    if len(text) > 400:
        return False
    kinds = set()
    for match in _CONTACT().finditer(text):
        found = match.group().lower()
        kinds.add("mail" if "@" in found or " at " in found else "web" if "www" in found or "http" in found else "tel")
    return len(kinds) >= 2


def _asks_on(item: str) -> bool:
    """A list item after a blank line that still belongs to the request: it neither answers nor gives a figure."""
    mark = _list_mark(item)
    body = item[mark.end() - 1 :] if mark else item
    return voice(body) != "authority" and not _answers(body) and not _STATED.search(body)


def _paragraphs_asking(ctx: Context, b: int, end: int) -> int:
    """Extend a request over the paragraphs after it that still ask, up to the first that answers.

    Paragraphs in no clear voice between two asking ones are kept ("This should cover
    only ..."); trailing ones are not: they may be the start of the answer.
    """
    blocks = ctx.blocks
    for k in range(b, min(len(blocks), b + 12)):
        block = blocks[k]
        if block.kind == "blank":
            continue
        if block.kind not in ("paragraph", "quote", "list_item"):
            break
        said = voice(ctx.block_text(block))
        if said == "authority":
            break
        if said == "requester":
            end = block.span[1]
    return end


def _answer_starts(ctx: Context, start: int, end: int) -> int:
    """Where the authority's answer begins inside ``start..end`` (a block with no blank line before it), else ``end``."""
    first = ctx.index.line_no(start)
    for k, line in enumerate(ctx.lines[first + 1 :], first + 1):
        if line.start >= end:
            break
        cue = RESPONSE_CUE.match(line.text)
        if (cue and (len(line.text.split()) <= 6 or line.text.rstrip().endswith(":"))) or RESPONSE_OPENER().match(
            line.text
        ):
            return line.start
        if ctx.lines[k - 1].text.rstrip(_QUOTES).endswith("?") and not _list_mark(line.text) and _states(line.text):
            return line.start  # "How many ...?" then "The Council maintains 14.": the answer, no blank line between
    return end


_OPENING = {"'": "'", '"': '"', "“": "”", "‘": "’"}


def _quoted_to(ctx: Context, b: int, start: int) -> int | None:
    """The block where a request opened with a quotation mark closes it, if it runs on past ``b``."""
    mark = _OPENING.get(ctx.text[start : start + 1])
    if mark is None or ctx.block_text(ctx.blocks[b]).rstrip().endswith(mark):
        return None
    for k in range(b + 1, min(len(ctx.blocks), b + 25)):
        block = ctx.blocks[k]
        if block.kind == "blank":
            continue
        if block.kind not in _CONTENT_KINDS or RESPONSE_CUE.match(ctx.block_text(block)):
            return None
        if ctx.block_text(block).rstrip().rstrip(".,;").endswith(mark):
            return k
    return None


# "Please find below the information you requested:": the authority giving, not asking.
_GIVING = lazy(
    r"\b(?:please\s+(?:find|see)|our\s+(?:response|answer|reply)|here\s+is|below\s+is|set\s+out\s+below"
    r"|(?:is|are)\s+as\s+follows|in\s+(?:response|reply|answer)\s+to|we\s+(?:can|have|hold|are))\b",
    re.IGNORECASE,
)


def _is_lead_in(text: str) -> bool:
    """A short sentence ending in a colon that announces the request rather than being it."""
    body = text.strip()
    if _GIVING().search(body.rsplit(".", 1)[-1]):
        return False
    return (
        body.endswith(":")
        and len(body.split()) <= (40 if re.search(r"\bthe\s+following\b", body, re.I) else 25)
        and "\n\n" not in body
        and bool(
            re.search(
                r"\b(?:asked|asking|requested|requesting|wrote|writing|request(?:ed)?\s+for|as\s+follows)\b",
                body,
                re.I,
            )
        )
    )


def _request(ctx: Context, start: int, end: int) -> Request:
    """The request over ``start..end``; answers written under its numbered questions are left out.

    A letter that answers each question in turn ("1. How many ...? 219") has the
    questions as its request, joined in order, as a questions-and-answers letter does.
    """
    questions = _questions(ctx, start, end)
    answered = tuple(_without_answer(ctx, q) for q in questions)
    if answered != questions:
        return Request(text="\n".join(q.text for q in answered), span=(start, end), questions=answered)
    return Request(text=ctx.text[start:end], span=(start, end), questions=questions)


def _without_answer(ctx: Context, question: Question) -> Question:
    """A numbered question cut where an answer written under it begins.

    Only a clear answer cuts: a figure, "Yes", "No", "None", "Total ...", or words
    that can only be the authority's ("We hold ...", "Please see the attached").
    """
    a, z = question.span
    text = ctx.text
    mark = text.find("?", a, z)
    while mark != -1:
        if _answers(text[mark + 1 : z]):
            return _cut(ctx, question, mark + 1)  # "... evicted? Total evictions = 219"
        mark = text.find("?", mark + 1, z)
    first = ctx.index.line_no(a)
    for line in ctx.lines[first + 1 :]:
        if line.start >= z:
            break
        if _answers(text[line.start : min(line.end, z)]) or RESPONSE_OPENER().match(line.text):
            return _cut(ctx, question, line.start)
    return question


# A figure (not a list number such as "1." or "2)"), or a one-word answer.
_ANSWER_START = lazy(
    r"[ \t]*(?:[£$€]?\d[\d,]*(?:\.\d+)?(?![.)][ \t]|[\d,./–-])|(?:yes|no|none|nil|n/a|total)\b)", re.IGNORECASE
)  # "2019/20 to 2023/24." continues a question: a year range is no answer


def _states(text: str) -> bool:
    """A line that can only be an answer under a question: a figure, yes/no, or the authority stating ("The Council ...")."""
    body = text.strip(_QUOTES)
    return bool(body) and (
        _ANSWER_START().match(body) is not None
        or (voice(body) == "authority" and re.match(r"(?:the|our|we)\b", body, re.IGNORECASE) is not None)
    )


def _answers(text: str) -> bool:
    """Whether ``text`` opens an answer: a figure, yes/no/none, a total, or the authority's voice."""
    body = text.strip(_QUOTES)
    return bool(body) and (_ANSWER_START().match(body) is not None or voice(body) == "authority")


def _cut(ctx: Context, question: Question, at: int) -> Question:
    a, z = strip_span(ctx.text, question.span[0], at, _QUOTES)
    return replace(question, text=ctx.text[a:z], span=(a, z)) if z > a else question


def _questions(ctx: Context, start: int, end: int) -> tuple[Question, ...]:
    """Numbered parts inside the request: each from its number to the next.

    Numbering nests ("1. The contract:" over "a." and "b."): a part that ends in a colon
    and is followed by a deeper style of numbering is a heading, not a question, and
    its number prefixes those below it ("1a", "1b").
    """
    marks: list[tuple[int, int, str, str]] = []  # line start, text start, number, numbering style
    for line in ctx.lines[ctx.index.line_no(start) :]:
        if line.start >= end:
            break
        m = NUMBER.match(line.text)
        if m and line.end > start:
            style, number = _style(m)
            marks.append((line.start, line.start + m.end(), number.replace(" ", ""), style))
    questions = []
    outline: list[tuple[str, str]] = []  # (style, number) of the headings above the current part
    for k, (_, text_start, number, style) in enumerate(marks):
        while outline and style in (s for s, _ in outline):
            outline.pop()
        stop = marks[k + 1][0] if k + 1 < len(marks) else end
        a, z = strip_span(ctx.text, max(text_start, start), min(stop, end), _QUOTES)
        deeper = k + 1 < len(marks) and marks[k + 1][3] != style and all(marks[k + 1][3] != s for s, _ in outline)
        if deeper and ctx.text[a:z].endswith(":") and "\n" not in ctx.text[a:z]:
            outline.append((style, number))
            continue
        if z > a:
            full = "".join(n for _, n in outline) + number
            questions.append(Question(number=full, text=ctx.text[a:z], span=(a, z)))
    return tuple(questions) if len(questions) >= 2 else ()


def _questions_and_answers(ctx: Context) -> Request | None:
    """Q1 ... A1 ... Q2 ... letters: the questions, in order, are the request."""
    if not any(line.text.lstrip()[:1] in ("Q", "q") and _ANY_QUESTION.match(line.text) for line in ctx.lines):
        return None
    lines = ctx.lines
    questions: list[Question] = []
    i = 0
    while i < len(lines):
        m = QUESTION_MARK().match(lines[i].text)
        if not m or lines[i].text[m.end() : m.end() + 1].isdigit():
            i += 1
            continue  # "Q1 2023 saw ...": a quarter, not a question
        if ctx.kind_at(lines[i].start) in ("boilerplate", "signature", "table"):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(lines)
            and not ANSWER_MARK().match(lines[j + 1].text)
            and not QUESTION_MARK().match(lines[j + 1].text)
        ):
            if lines[j + 1].blank and j + 2 < len(lines) and ANSWER_MARK().match(lines[j + 2].text):
                break
            j += 1
            if j - i > 12:
                break
        a, z = strip_span(ctx.text, lines[i].start + m.end(), lines[j].end, _QUOTES)
        if z > a:
            questions.append(Question(number=m.group(1).replace(" ", ""), text=ctx.text[a:z], span=(a, z)))
        i = j + 1
    answered = any(ANSWER_MARK().match(line.text) for line in lines)
    if len(questions) < 2 or not answered:
        return None
    start, end = questions[0].span[0], questions[-1].span[1]
    text = "\n".join(q.text for q in questions)
    return Request(text=text, span=(start, end), questions=tuple(questions))


_BULLETS = "-•*·▪◦–"  # a bulleted part starts at its words, as a numbered question does
_SKIPPED_KINDS = ("blank", "boilerplate", "signature", "table")
_ENDS_SENTENCE = tuple(".?!:")


def _segments(ctx: Context) -> list[tuple[int, int]]:
    """Runs of lines that read as one unit: a sentence or list item, never across blocks."""
    out: list[tuple[int, int]] = []
    first = -1
    block_starts = set(ctx._block_starts)
    for i, line in enumerate(ctx.lines):
        if line.blank or ctx.kind_at(line.start) in _SKIPPED_KINDS:
            if first >= 0:
                out.append((first, i - 1))
            first = -1
            continue
        if first >= 0 and (
            line.start in block_starts
            or _list_mark(line.text)
            or _ends_unit(ctx.lines[i - 1])
            or is_value(line.text)  # a figure on its own line answers the question above it
        ):
            out.append((first, i - 1))
            first = -1
        if first < 0:
            first = i
    if first >= 0:
        out.append((first, len(ctx.lines) - 1))
    return out


def _ends_unit(line: Line) -> bool:
    """A line ending a sentence, or a short line such as a label: the next line starts afresh."""
    body = line.text.rstrip().rstrip(_QUOTES)
    return body.endswith(_ENDS_SENTENCE) or len(body.split()) <= 6


_ROMAN = frozenset(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"])


def _style(m: re.Match[str]) -> tuple[str, str]:
    """A number mark's numbering style and number: "1." digits, "a)" letters, "ii)" roman, "Q2" questions."""
    style, number = next((k, g) for k, g in m.groupdict().items() if g)
    if style in ("l", "p") and number.lower() in _ROMAN:
        style += "r"
    return style, number


def _answered_inside(ctx: Context, a: int, z: int) -> bool:
    """Whether the segment ``a..z`` holds its own answer after a question mark."""
    mark = ctx.text.find("?", a, z)
    while mark != -1:
        if _answers(ctx.text[mark + 1 : z]):
            return True
        mark = ctx.text.find("?", mark + 1, z)
    return False


def _cut_span(ctx: Context, a: int, z: int) -> tuple[int, int]:
    """A gathered part without an answer on its own line ("How many ...? 1,234 were issued.")."""
    part = _without_answer(ctx, Question(number="", text=ctx.text[a:z], span=(a, z)))
    return part.span


def _part_numbers(ctx: Context, spans: list[tuple[int, int]]) -> list[str]:
    """Each part's number: its written numbering through the outline ("1ai", "1aii", "1bi"), else its position."""
    outline: list[tuple[str, str]] = []
    numbers = []
    for n, (a, z) in enumerate(spans, 1):
        written = False
        for line in ctx.lines[ctx.index.line_no(a) : ctx.index.line_no(max(a, z - 1)) + 1]:
            m = NUMBER.match(line.text)
            if m is None:
                break
            style, number = _style(m)
            while outline and (style in (s for s, _ in outline)):
                outline.pop()
            outline.append((style, number.replace(" ", "")))
            written = True
        numbers.append("".join(no for _, no in outline) if written else str(n))
    return numbers


def _explains(text: str, said: str, item: bool) -> bool:
    """Whether a segment between two asks may be the requester's context: neutral prose, no answer.

    After a question ("... in 2023?") the next neutral line is more likely its answer,
    so the caller stops explaining there.
    """
    return said == "neutral" and not (
        item or _answers(text) or _STATED.search(text) or is_value(text) or _ANSWERISH().search(text)
    )


# Words an answer uses and a request's context seldom does: "not held", "exempt", "attached".
_ANSWERISH = lazy(
    r"\b(?:not[ \t\n]+(?:held|recorded|known|available)|no[ \t\n]+(?:such[ \t\n]+)?(?:information|records?|data)[ \t\n]+(?:is|are|was|were)"
    r"|exempt|withheld|refused|redacted|attached|enclosed|see[ \t\n]+(?:below|above|table|attached))\b",
    re.IGNORECASE,
)


def _gathered(ctx: Context) -> Request | None:
    """A request given with no cue: the passages in the requester's voice, in order.

    Disclosure-log entries and questionnaires reproduce the request bare, sometimes with
    each question followed by its answer; see :mod:`foiparse.extract.voice`. A passage
    ending in a colon takes the list items below it.
    """
    parts: list[tuple[int, int]] = []  # line ranges of runs of included segments
    asking_words = 0
    open_list = False
    last_included = last_heading = -2
    headings: list[int] = []  # first lines of the numbered headings just before this segment
    between = 0  # segments since the last included one that explain it: neutral prose, no answer
    explaining = False  # whether every segment since the last included one did so
    prev_last = -1
    for k, (first, last) in enumerate(_segments(ctx)):
        a, z = ctx.lines[first].start, ctx.lines[last].end
        text = ctx.text[a:z]
        said = voice(text)
        item = _list_mark(text) is not None
        # only blank lines since the previous segment: no table, footer or signature between
        explaining = explaining and all(ctx.lines[i].blank for i in range(prev_last + 1, first))
        prev_last = last
        if said == "requester" or (open_list and item and said != "authority"):
            if said == "requester":
                asking_words = max(asking_words, len(text.split()))
            start = headings[0] if headings else first  # "1. Staffing" / "a) Social workers" / "i) How many ...?"
            answered = _answered_inside(ctx, a, z)
            if last_included == k - 1 - len(headings) and parts and start == parts[-1][1] + 1:
                parts[-1] = (parts[-1][0], last)
            elif parts and explaining and 0 < between <= 4 and last_included == k - 1 - between and not headings:
                parts[-1] = (parts[-1][0], last)  # "Refurbishments should include ...": context between two asks
            else:
                parts.append((start, last))
            last_included = -2 if answered else k  # an answer on its line closes the part
            open_list = text.rstrip().endswith(":") or (open_list and item)
            headings = []
            between, explaining = 0, not answered and not text.rstrip(_QUOTES).endswith("?")
        else:
            between += 1
            explaining = explaining and _explains(text, said, item)
            open_list = False
            short_item = item and said == "neutral" and len(text.split()) <= 8 and "\n" not in text
            # an outline is a few levels deep, not a long list: keep the last few
            headings = [*headings[-4:], first] if short_item and (not headings or k == last_heading + 1) else []
            last_heading = k
    spans = [strip_span(ctx.text, ctx.lines[f].start, ctx.lines[z].end, _QUOTES + _BULLETS) for f, z in parts]
    spans = [_cut_span(ctx, a, z) for a, z in spans if z > a]
    if not spans or asking_words < 6 or sum(len(ctx.text[a:z].split()) for a, z in spans) < 8:
        return None
    if len(spans) == 1:
        a, z = spans[0]
        return _request(ctx, a, z)
    numbers = _part_numbers(ctx, spans)
    questions = tuple(
        Question(number=no, text=ctx.text[a:z], span=(a, z)) for no, (a, z) in zip(numbers, spans, strict=True)
    )
    return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)


# ---------------------------------------------------------------- interleaved questions and answers

# "Please find the Council's response to your request set out below:", "Please see the response below.":
# what follows is the request, part by part, each part followed by its answer.
_ANSWERS_BELOW = lazy(
    r"""\b(?:response|reply|answers?|information)\b[^.\n]{0,60}?\b(?:below|as\s+follows)\b[ \t]*[:.]?[ \t]*$
      | \b(?:below|following)\s+(?:is|are)\s+(?:our|the)\s+(?:response|reply|answers?)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "Thank you for your request for information ... which we received on 21/02/2024.": the acknowledgement
# before a request quoted bare.
_ACKNOWLEDGED = lazy(r"[ \t]*thank(?:s|[ \t]+you)[ \t]+for[ \t]+your\b[^.]*\b(?:request|e-?mail|letter)\b", re.I)
# The letter's closing matter: the request and its answers are above it.
_CLOSING_MATTER = lazy(
    r"""[ \t]*(?:if[ \t]+you[ \t]+(?:have|are|remain|require|need|would)\b
      | the[ \t]+information[ \t]+(?:provided|supplied|released)[ \t]+in[ \t]+this[ \t]+(?:response|letter)
      | (?:from|sent|subject)[ \t]*:
      | (?:yours[ \t]+(?:faithfully|sincerely|truly)|(?:kind|best|warm)[ \t]+regards|regards)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_MARKED_ANSWER = lazy(r"[ \t]*(?:A[ \t]?\d{1,2}[a-z]?|answer(?:[ \t]?\d{1,2}[a-z]?)?)[ \t]*[.:)\-–]", re.IGNORECASE)
_QUESTION_LABEL = lazy(r"[ \t]*(?:question|q)[ \t]*\d{1,2}[a-z]?[ \t]*[.:)\-–]?[ \t]*$", re.IGNORECASE)
# A part opening with a question word is a question even without its question mark.
_INTERROGATIVE = lazy(
    r"""[ \t]*(?:how[ \t]+(?:many|much|often|long|do|does|did|is|are|was|were)|what|which|who|whom|whose|why
      |(?:do|does|did|are|is|was|were|have|has|can|could|will|would)[ \t]+(?:you|your|the|any|there)\b)\b""",
    re.IGNORECASE | re.VERBOSE,
)


_NAMES_ITEMS = re.compile(r"\b(?:the|each\s+of\s+the)\s+following\b(?![^?]*\?\s*\S)", re.IGNORECASE)
# An item stating a figure or "n/a": an answer listed under its question, not a part of it.
_STATED = re.compile(r"[£$€][ \t]?\d|\bn/a\b|\d[\d,]*(?:\.\d+)?%?[ \t]*$", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def _units(ctx: Context, first: int, last: int) -> list[tuple[int, int]]:
    """Lines ``first..last`` grouped into units: a list item, a sentence, or a line the writer ended early.

    Hard-wrapped letters break lines where the next word would not fit; a line that
    stops short of that width ends what it says ("... resurfacing works" above "Amey uses ...").
    """
    lines = ctx.lines
    width, wrapped = _wrap_width(ctx)
    out: list[tuple[int, int]] = []
    start = -1
    for i in range(first, last + 1):
        line = lines[i]
        if line.blank:
            if start >= 0:
                out.append((start, i - 1))
            start = -1
            continue
        if start < 0:
            start = i
        nxt = lines[i + 1] if i < last else None
        body = line.text.rstrip()
        following = nxt.text.split(None, 1)[0] if nxt is not None and not nxt.blank else ""
        if not following or _list_mark(nxt.text if nxt else "") or _QUESTION_LABEL().match(body):
            ends = True
        elif following[0].islower() or _HANGING.search(body):
            ends = False  # "... is the" / "service delivered ...": the sentence goes on
        else:
            ends = (
                not wrapped or body.rstrip(_QUOTES).endswith(_ENDS_SENTENCE) or len(body) + 1 + len(following) <= width
            )
        if ends:
            out.append((start, i))
            start = -1
    return out


def _wrap_width(ctx: Context) -> tuple[int, bool]:
    """The width the letter's lines were wrapped at, and whether they were wrapped at all.

    Wrapped text has many lines close to its widest ordinary line; a letter written a
    paragraph to a line does not, and there every line ends what it says.
    """
    lengths = sorted(len(line.text.rstrip()) for line in ctx.lines if not line.blank)
    if not lengths:
        return 0, False
    width = lengths[(len(lengths) * 9) // 10]
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width, near >= 0.3 * len(lengths)


# A line ending in a word that cannot end a sentence: the next line continues it.
_HANGING = re.compile(r"(?:\b(?:the|a|an|of|and|or|to|for|your|our|any|all|each|per)|[,(/&–-])$", re.I)


def _answer_inside(ctx: Context, a: int, z: int) -> int:
    """Where a sentence answering the part begins inside ``a..z`` ("... in person. We don't hold ..."), else ``z``."""
    for match in _SENTENCE_BREAK.finditer(ctx.text, a, z):
        rest = ctx.text[match.end() : z]
        sentence = re.split(r"(?<=[.?!])\s", rest, maxsplit=1)[0]
        if voice(sentence) == "authority" or _ANSWER_START().match(sentence):
            return match.start() + 1
    return z


_SENTENCE_BREAK = re.compile(r"[.?!][\"'”’)]*\s+(?=[A-Z0-9£$])")


def _interleaved(ctx: Context) -> Request | None:
    """A request quoted part by part, each part followed by its answer, with no marks for either.

    After the letter says its answers follow ("Please find our response set out below:"),
    the parts are the numbered or bulleted items, the questions and the passages in the
    requester's voice; everything else up to the closing matter is the answer.
    """
    lines = ctx.lines
    head = next(
        (
            i
            for i, line in enumerate(lines[:80])
            if _ANSWERS_BELOW().search(line.text)
            or _ACKNOWLEDGED().match(line.text)
            or _requesters_lead_in(ctx, i) is not None
        ),
        None,
    )
    if head is None:
        return None
    # "I am requesting the following information ...:": the request's own first words, then its parts
    own_lead = _requesters_lead_in(ctx, head)
    first = head + 1
    while first < len(lines) and not lines[first - 1].text.rstrip().endswith((".", ":", "?")) and first - head < 4:
        first += 1  # the lead-in runs on over a wrapped line or two
    if not _ANSWERS_BELOW().search(" ".join(lines[k].text for k in range(head, first))):
        # after a bare acknowledgement, a lead-in to the answers may still follow
        for k in range(first, min(first + 4, len(lines))):
            if _ANSWERS_BELOW().search(lines[k].text):
                first = k + 1
                break
    last = next((i for i in range(first, len(lines)) if _CLOSING_MATTER().match(lines[i].text)), len(lines)) - 1
    if last - first < 2 or any(_MARKED_ANSWER().match(lines[i].text) for i in range(first, last + 1)):
        return None  # too short, or a letter that marks its answers ("A1:"), which _questions_and_answers reads
    parts: list[tuple[int, int]] = []  # character spans of runs of parts
    answers_between = False
    primary: str | None = None  # the numbering style of the first item: the request's own parts
    opener = False  # the last part ended in a colon: the items below it are its parts
    labelled = False  # "Question 3" on a line of its own: the next unit is the question
    last_unit = -1
    addressed = False  # some part asks, or speaks to the authority as "you"
    numbers_seen: set[str] = set()
    heading: tuple[int, int] | None = None  # a short item that may head the next part: (unit, start)
    listing = False  # the last part names items listed below it ("the following species")
    for n, (u, v) in enumerate(_units(ctx, first, last)):
        a, z = lines[u].start, _answer_inside(ctx, lines[u].start, lines[v].end)
        text = ctx.text[a:z]
        plain = text.replace("\xa0", " ")
        if _QUESTION_LABEL().match(plain):
            labelled = True
            continue
        said = voice(text)
        mark = _list_mark(plain)
        numbered = NUMBER.match(plain)
        style = _style(numbered)[0] if numbered else ("bullet" if mark else None)
        if primary is None and said != "authority":
            primary = style or "plain"  # the first part's numbering is the request's own
        body = plain[mark.end() - 1 :] if mark else plain
        asking = said == "requester" or body.rstrip(_QUOTES).endswith("?") or bool(_INTERROGATIVE().match(body))
        # "... involving the following species?" over "Rats" / "Mice": the items it names, their marks lost
        named = (
            listing and last_unit == n - 1 and len(body.split()) <= 12 and not (_answers(body) or _STATED.search(body))
        )
        if said == "authority" or (style is None and not (asking or labelled or named)):
            is_part = False
            if not parts and said != "authority":
                return None  # the first thing after the lead-in is an answer, not a part
        else:
            follows = last_unit == n - 1 and last_unit >= 0 and not _STATED.search(body)
            is_part = style is None or style == primary or opener or asking or follows
        if is_part and numbered and style == primary:
            number = _style(numbered)[1].lower()
            if number in numbers_seen:
                break  # the numbering starts again: the answers, numbered as the parts were
            numbers_seen.add(number)
        labelled = False
        if not is_part:
            if style == primary:
                opener = False
            short = style is not None and said == "neutral" and len(body.split()) <= 8 and not _STATED.search(body)
            heading = (n, a) if short else None  # "b) Team managers" over the question it heads
            continue
        if heading is not None and heading[0] == n - 1:
            a = heading[1]
        heading = None
        if parts and last_unit == n - 1:
            parts[-1] = (parts[-1][0], z)
        else:
            answers_between = answers_between or bool(parts)
            parts.append((a, z))
        last_unit = n if z == lines[v].end else -1  # an answer after the part ends it
        addressed = addressed or asking or _SECOND_PERSON.search(text) is not None
        if style is None or style == primary:
            opener = text.rstrip().endswith(":")
        else:
            opener = opener or text.rstrip().endswith(":")
        listing = (listing and named) or _NAMES_ITEMS.search(text) is not None
    if len(parts) < 2 or not answers_between or not (addressed or own_lead is not None):
        return None
    if own_lead is not None:  # the lead-in opens the first part, as the requester wrote it
        parts[0] = (own_lead, parts[0][1])
    spans = [strip_span(ctx.text, a, z, _QUOTES + _BULLETS) for a, z in parts]
    spans = [(a, z) for a, z in spans if z > a]
    if sum(len(ctx.text[a:z].split()) for a, z in spans) < 8:
        return None
    numbers = _part_numbers(ctx, spans)
    questions = tuple(
        Question(number=no, text=ctx.text[a:z], span=(a, z)) for no, (a, z) in zip(numbers, spans, strict=True)
    )
    return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)


def _record(ctx: Context) -> Request | None:
    """A disclosure-log record: one request heading, then one response heading; the request is all between.

    "Request / I am writing to ask ... / 1. ... / 2. ... / Response / ...": the page's own
    labels bound the request, so its parts, tables and notes are kept whole, where the
    block-by-block reading of a cue stops at the first line that is not a list item.
    """
    lines = ctx.lines
    heads = [
        i for i, line in enumerate(lines[:120]) if line.text.strip() and len(line.text) <= 60 and _cue_line(line.text)
    ]
    if len(heads) != 1 or ctx.kind_at(lines[heads[0]].start) in _SKIPPED_KINDS:
        return None  # no heading, or several: a letter of sections (_sections)
    i = heads[0]
    end = next(
        (
            j
            for j in range(i + 1, min(len(lines), i + 80))
            if RESPONSE_CUE.match(lines[j].text) and len(lines[j].text.split()) <= 4
        ),
        None,
    )
    if end is None:
        return None
    a, z = strip_span(ctx.text, lines[i + 1].start, lines[end - 1].end, _QUOTES)
    first = ctx.block_at(a)
    lead = ctx.text[a : first.span[1]] if first is not None else ""
    if first is not None and _is_lead_in(lead) and voice(lead) != "requester":
        return None  # "On 4 June you asked:": the letter tells of the request (the cue frame reads it)
    if ctx.text[a - 1 : a] in _OPENING and "\n\n" in ctx.text[a:z]:
        return None  # a quoted request with more under it: the quote is the request, the rest narrative
    if len(ctx.text[a:z].split()) < 4:
        return None
    if any(a <= b.span[0] < z and _authority_speaks(ctx, b) for b in ctx.blocks):
        return None  # the authority speaks between the labels: a letter's headings, not a record's fields
    return _request(ctx, a, z)


def _authority_speaks(ctx: Context, block: Block) -> bool:
    """A paragraph in the authority's voice ("We have handled your request ..."); a part may say "please note"."""
    return block.kind in ("paragraph", "quote") and voice(ctx.block_text(block)) == "authority"


# "... replicated below. 1. How many ...? Having considered ... 2. What ...?": a part's number
# after the end of a sentence, inside a long line (a page whose text was run onto one line).
_RUN_IN_MARK = re.compile(r"(?:^|(?<=[.?!:)\"”’])[ \t]+)(\d{1,2})\.[ \t]+(?=[A-Z])")


def _run_in_parts(ctx: Context) -> Request | None:
    """Numbered parts inside one long line, each followed by its answer, as flattened pages have them.

    Parts numbered 1, 2, ... in order; a part is its first sentence, which asks (a question
    or "please provide ..."), and the sentences after it that still ask. The first
    sentence that does not ask starts the answer.
    """
    for line in ctx.lines:
        if len(line.text) < 400 or ctx.kind_at(line.start) in ("table", "boilerplate"):
            continue
        chain: list[tuple[int, int]] = []  # each part's number mark and where its words start
        for m in _RUN_IN_MARK.finditer(line.text):
            if int(m.group(1)) == len(chain) + 1:
                chain.append((m.start(1), m.end()))
        if len(chain) < 2:
            continue
        spans: list[tuple[int, int]] = []
        for k, (at, words) in enumerate(chain):
            stop = chain[k + 1][0] if k + 1 < len(chain) else min(len(line.text), at + 1500)
            end = 0
            for n, (start, sentence) in enumerate(_sentences(line.text[words:stop])):
                said = voice(sentence)
                if not (sentence.rstrip(_QUOTES).endswith("?") or said == "requester") or (
                    n == 0 and said == "authority"
                ):
                    break
                end = words + start + len(sentence)
            if end == 0:
                return None  # a numbered sentence that does not ask: the authority's own list
            a, z = strip_span(ctx.text, line.start + at, line.start + end, _QUOTES)
            spans.append((a, z))
        questions = tuple(Question(number=str(n), text=ctx.text[a:z], span=(a, z)) for n, (a, z) in enumerate(spans, 1))
        return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)
    return None


def _sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` with where each starts."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        out.append((start, text[start : m.start() + 1]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:].rstrip()))
    return out


def _requesters_lead_in(ctx: Context, i: int) -> int | None:
    """Where the requester's own lead-in ending on line ``i`` starts ("I am requesting the following:"), or None."""
    text = ctx.lines[i].text.rstrip()
    if not text.endswith(":") or ctx.kind_at(ctx.lines[i].start) in _SKIPPED_KINDS:
        return None
    sentence = _sentence_to(ctx, 0, i)
    if not _is_lead_in(sentence) or voice(sentence) != "requester":
        return None
    return ctx.lines[i].start + len(text) - len(sentence.strip()) if sentence.strip() in text else None


def _sections(ctx: Context) -> Request | None:
    """A request heading repeated before each part, each part followed by a response heading.

    "Request / 1. How many ...? / Response / 1. 212 / Request / 2. ..." : the parts, in order,
    are the request. Each runs from below its heading to the response heading after it.
    """
    lines = ctx.lines
    heads = [i for i, line in enumerate(lines) if line.text.strip() and len(line.text) <= 60 and _cue_line(line.text)]
    if len(heads) < 2:
        return None
    spans: list[tuple[int, int]] = []
    for n, i in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else min(len(lines), i + 40)
        end = next(
            (j for j in range(i + 1, stop) if RESPONSE_CUE.match(lines[j].text) and len(lines[j].text.split()) <= 4),
            None,
        )
        if end is None or end == i + 1 or ctx.kind_at(lines[i].start) in _SKIPPED_KINDS:
            return None  # every heading is answered by a response heading, or this is no such letter
        a, z = strip_span(ctx.text, lines[i + 1].start, lines[end - 1].end, _QUOTES)
        if z > a:
            spans.append((a, z))
    if len(spans) < 2:
        return None
    numbers = _part_numbers(ctx, spans)
    questions = tuple(
        Question(number=no, text=ctx.text[a:z], span=(a, z)) for no, (a, z) in zip(numbers, spans, strict=True)
    )
    return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)


# "Trust response:", "Council's reply -", "Answer:": a label before each part's answer.
_ANSWER_LABEL = lazy(
    r"""[ \t]*(?:(?:the[ \t]+)?(?:trust|council|force|board|department|authority|university|college|service|agency|our)(?:'s|’s)?[ \t]+)?
        (?:response|answer|reply)(?:[ \t]*\d{1,2}[a-z]?)?[ \t]*[:\-–]""",
    re.IGNORECASE | re.VERBOSE,
)


def _labelled(ctx: Context) -> Request | None:
    """Parts each followed by a labelled answer ("Trust response: 42."): the parts, in order, are the request.

    A part is the run of lines before its answer label, back to the end of the answer
    above it (a blank line or a new number) or, for the first part, to a blank line or
    a cue. Two labelled answers at least, and no part in the authority's voice.
    """
    lines = ctx.lines
    labels = [i for i, line in enumerate(lines) if _ANSWER_LABEL().match(line.text)]
    if len(labels) < 2 or any(
        ANSWER_MARK().match(line.text) and not _ANSWER_LABEL().match(line.text) for line in lines
    ):
        return None  # few labels, or answers also marked "A1.": a questions-and-answers letter
    spans: list[tuple[int, int]] = []
    marks: list[str | None] = []
    floor = 0
    for j in labels:
        i = j - 1
        while i >= floor and not lines[i].blank and not _cue_line(lines[i].text) and not _is_lead_in(lines[i].text):
            if i < j - 1 and NUMBER.match(lines[i + 1].text) and i + 1 > floor and spans:
                break  # the previous answer ran on until this part's number
            i -= 1
        first = i + 1
        if first >= j or ctx.kind_at(lines[first].start) in _SKIPPED_KINDS:
            return None
        labelled = QUESTION_MARK().match(lines[first].text)  # "Question 1:" / "Q1": its number, not its words
        cue = _cue_inline(lines[first].text)  # "Request: How many ...?": the words after the cue
        start = lines[first].start + (labelled.end() if labelled else cue or 0)
        a, z = strip_span(ctx.text, start, lines[j - 1].end, _QUOTES)
        if z <= a or voice(ctx.text[a:z]) == "authority":
            return None
        spans.append((a, z))
        marks.append(labelled.group(1).replace(" ", "") if labelled else None)
        floor = j + 1
    numbers = _part_numbers(ctx, spans)
    questions = tuple(
        Question(number=mark or no, text=ctx.text[a:z], span=(a, z))
        for mark, no, (a, z) in zip(marks, numbers, spans, strict=True)
    )
    return Request(text="\n".join(q.text for q in questions), span=(spans[0][0], spans[-1][1]), questions=questions)


# ---------------------------------------------------------------- a request/response grid drawn with | and +---+

# Matched against a stripped line: no blank runs at either end to backtrack over.
_GRID_ROW = re.compile(r"\|.*\|")
_GRID_RULE = re.compile(r"\+[-=+ ]*\+|\|?:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)+(?:[ \t]*\|)?")
_GRID_REQUEST = re.compile(r"(?:your\s+|the\s+)?(?:request(?:ed)?|questions?|information\s+requested)", re.IGNORECASE)


def _table_column(ctx: Context) -> Request | None:
    """A table whose header names a request column and a response column: each row's request cell is a part."""
    for table in ctx.tables:
        col = next(
            (
                c
                for c, name in enumerate(table.columns)
                if _GRID_REQUEST.fullmatch(name.strip()) or CUE.fullmatch(name.strip())
            ),
            None,
        )
        if col is None or not any(RESPONSE_CUE.fullmatch(name.strip()) for name in table.columns):
            continue
        questions: list[Question] = []
        at = table.span[0]
        for n, row in enumerate(table.rows, 1):
            cell = row[col].strip() if col < len(row) else ""
            a = ctx.text.find(cell, at, table.span[1]) if cell else -1
            if a == -1:
                continue  # an empty cell, or one the text does not hold as written
            at = a + len(cell)
            m = NUMBER.match(cell)
            questions.append(Question(number=_style(m)[1] if m else str(n), text=cell, span=(a, at)))
        if questions:
            return Request(
                text="\n".join(q.text for q in questions),
                span=(questions[0].span[0], questions[-1].span[1]),
                questions=tuple(questions),
            )
    return None


def _grid(ctx: Context) -> Request | None:
    """A table drawn in text whose header names a request column and a response column.

    Each row's request cell, over as many lines as the row takes, is one part. A part's
    text is its cell's lines joined by newlines; its span runs from the first line's
    cell to the last's (see :func:`request_spans` for the lines in between).
    """
    if "|" not in ctx.text:
        return None
    lines = ctx.lines
    for h, line in enumerate(lines):
        if not _GRID_ROW.fullmatch(line.text.strip()) or ctx.kind_at(line.start) == "table":
            continue
        bars = [k for k, ch in enumerate(line.text) if ch == "|"]
        cells = [line.text[x + 1 : y].strip() for x, y in itertools.pairwise(bars)]
        col = next((c for c, cell in enumerate(cells) if _GRID_REQUEST.fullmatch(cell) or CUE.fullmatch(cell)), None)
        if col is None or h + 1 >= len(lines) or not any(RESPONSE_CUE.fullmatch(cell) for cell in cells):
            continue
        rows: list[list[tuple[int, int]]] = [[]]
        ruled = _GRID_RULE.fullmatch(lines[h + 1].text.strip()) is not None and "+" in lines[h + 1].text
        for below in lines[h + 1 :]:
            if _GRID_RULE.fullmatch(below.text.strip()):
                rows.append([])
                continue
            marks = [k for k, ch in enumerate(below.text) if ch == "|"]
            if not _GRID_ROW.fullmatch(below.text.strip()) or len(marks) != len(bars):
                break
            a, z = strip_span(ctx.text, below.start + marks[col] + 1, below.start + marks[col + 1], " \t")
            if z > a:
                rows[-1].append((a, z))
            if not ruled:
                rows.append([])  # a grid without rules between its rows: one line, one row
        parts = [row for row in rows if row]
        if len(parts) < 1:
            return None
        questions = []
        for n, row in enumerate(parts, 1):
            text = "\n".join(ctx.text[a:z] for a, z in row)
            m = NUMBER.match(text)
            number = _style(m)[1] if m else str(n)
            questions.append(Question(number=number, text=text, span=(row[0][0], row[-1][1])))
        return Request(
            text="\n".join(q.text for q in questions),
            span=(questions[0].span[0], questions[-1].span[1]),
            questions=tuple(questions),
        )
    return None


# ---------------------------------------------------------------- an e-mail from the requester, quoted in a chain

_HEADER_FROM = lazy(r"[ \t>]*from[ \t]*:[ \t]*(?P<who>[^\n]{1,200})$", re.IGNORECASE)
_HEADER_OTHER = lazy(r"[ \t>]*(?:sent|date|to|cc|subject)[ \t]*:", re.IGNORECASE)
_WROTE = lazy(r"[ \t>]*on[ \t][^\n]{5,120}\bwrote[ \t]*:[ \t]*$", re.IGNORECASE)
# Addresses at the big public mail services: a person writing, not an office.
_PERSONAL_MAIL = lazy(
    r"@(?:gmail|googlemail|hotmail|outlook|live|yahoo|ymail|icloud|me|aol|protonmail|proton|btinternet|sky|gmx|mail)\.",
    re.IGNORECASE,
)


_OFFER = lazy(
    r"[ \t]*(?:please[ \t]+(?:let[ \t]+me[ \t]+know|contact[ \t]+me|do[ \t]+not[ \t]+hesitate|don't[ \t]+hesitate|feel[ \t]+free)"
    r"|(?:do[ \t]+)?let[ \t]+me[ \t]+know|if[ \t]+you[ \t]+(?:have|need|require)[ \t]+any)\b",
    re.IGNORECASE,
)


def _chain_message(ctx: Context) -> Request | None:
    """The requester's e-mail in a forwarded chain: "From:" a personal address, its body up to the sign-off.

    Chains run newest first, so the first such message is the one the reply above it
    answers. The body starts after the header lines and the salutation.
    """
    if not ctx.has("from:", "wrote:") or not _PERSONAL_MAIL().search(ctx.text):
        return None
    lines = ctx.lines
    for i, line in enumerate(lines):
        m = _HEADER_FROM().match(line.text)
        if m is None or not _PERSONAL_MAIL().search(m.group("who")):
            continue
        j = i + 1
        while j < len(lines) and j - i < 8 and (_HEADER_OTHER().match(lines[j].text) or lines[j].blank):
            j += 1
        if j == i + 1:
            continue  # a "From:" line with no header block under it
        if j < len(lines) and _SALUTATION().match(lines[j].text):
            j += 1
        end = next(
            (
                k
                for k in range(j, min(len(lines), j + 80))
                if SIGN_OFF().match(lines[k].text)
                or _CLOSING_THANKS().match(lines[k].text)
                or _HEADER_FROM().match(lines[k].text)
                or _WROTE().match(lines[k].text)
                or lines[k].text.strip() == "--"
            ),
            None,
        )
        if end is None or end <= j:
            continue
        last = end - 1
        while last > j and lines[last].blank:
            last -= 1
        first_of_last = last
        while first_of_last > j and not lines[first_of_last - 1].blank:
            first_of_last -= 1
        if first_of_last > j and _OFFER().match(lines[first_of_last].text):
            last = first_of_last - 1  # "Please let me know if I can clarify anything.": the closing offer
        a, z = strip_span(ctx.text, lines[j].start, lines[last].end, _QUOTES + " \t\n")
        z = _without_logistics(ctx, a, z)
        if z - a >= 3 and voice(ctx.text[a : a + 400]) == "requester" and not _REVIEW_ASKED().search(ctx.text, a, z):
            return _request(ctx, a, z)  # it opens by asking: the account holder's own reply would answer
    return None


# ---------------------------------------------------------------- a request framed by the letter's own sentence

# Blank runs written so that no two parts can take the same blanks: a long run of them costs linear time.
_GAP = r"[ \t]*(?:\n[ \t]*)?"  # a space that may wrap onto the next line
_SP = r"[ \t]+(?:\n[ \t]*)?|\n[ \t]*"  # at least one blank, maybe across a wrapped line
# "your request", "the FOIL request", "your Freedom of Information Act (FOIA) request", "your e-mail of 3 May".
_REQUEST_NOUN = rf"""(?:\b(?:your|the|this|that|their|his|her|my)(?:{_SP})|(?=(?i:foi|foil|foia|eir)\b))
    (?:(?:original|initial|recent|above|foi|foia|foil|foisa|eir|opra|cpra|\(["“]?(?:foia?|foil|foisa|eir)["”]?\)
        |freedom(?:{_SP})of(?:{_SP})information|act|law|information|records?|public|open|access|data|written)(?:{_SP}))*
    (?:request|application|e-?mail|letter|enquiry|inquiry|correspondence|submission)\b"""
# What may come between the noun and the verb: a date, "received on ...", "(ref 123)", "which the Department".
_MIDDLE = r"""(?:[^.?!;:"“”‘\n]|\n(?!\s*\n)|\b(?:No|no|Ref|ref|Nos|seq)\.|\.(?=\d)){0,110}?"""
_VERB = rf"""(?P<verb>
    (?:in(?:{_SP}))?(?:which|where|that)(?:{_SP})(?:you(?:{_SP}))?(?:have(?:{_SP}))?(?:asked|requested|sought|seek|wrote|stated|said)
        (?:(?:{_SP})(?:us(?:{_SP}))?(?:for|about|whether))?
  | (?:which|that)(?:{_SP})(?:asked|requested|sought|seeks|seeking|read|reads|stated|states|said)(?:(?:{_SP})(?:for|about|whether))?
  | (?:(?:which|that|as)(?:{_SP})(?:[\w’']+(?:{_SP})){{0,3}}?)?(?:construed|interpreted|understood|clarified)(?:{_SP})(?:as|to(?:{_SP})be)
        (?:(?:{_SP})(?:a(?:{_SP})request(?:{_SP})for|seeking|requesting))?
  | (?:was|is)(?:{_SP})(?:as(?:{_SP})follows|for|worded(?:{_SP})as(?:{_SP})follows|in(?:{_SP})the(?:{_SP})following(?:{_SP})terms)
  | (?:sought|seeks|seeking|requesting|requested|read|reads|stated|states|said|asked(?:(?:{_SP})(?:for|about|whether))?
      |asking(?:(?:{_SP})(?:for|about|whether))?)
  | (?P<bare>(?=as(?:{_SP})follows))
  | (?P<weak>for|about|regarding|concerning|relating(?:{_SP})to|in(?:{_SP})relation(?:{_SP})to|on(?:{_SP})the(?:{_SP})subject(?:{_SP})of)
)"""
# "you asked", "you have requested", "you sought", "you wrote": the letter tells the reader what they asked.
_YOU_VERB = rf"""\byou(?:{_SP})(?:have(?:{_SP})|had(?:{_SP}))?(?:asked|requested|sought|seek|wrote|requested(?:{_SP})access(?:{_SP})to)
    (?:(?:{_SP})(?:us(?:{_SP}))?(?:for|about|whether|that))?"""
_FOLLOWING = rf"""(?P<following>(?:{_SP})the(?:{_SP})following(?:(?:{_SP})(?:information|records|documents|data|questions?))?
    |(?:{_SP})as(?:{_SP})follows)?
    (?:(?:{_SP})(?:information|records|documents|details|data|copies|a(?:{_SP})copy)
        (?:{_SP})(?:on|about|regarding|concerning|relating(?:{_SP})to|in(?:{_SP})relation(?:{_SP})to|pertaining(?:{_SP})to|of))?"""
_FRAMED = lazy(
    rf"""(?:(?P<noun>{_REQUEST_NOUN}){_MIDDLE}(?<=[\s,)])(?:,{_GAP})?{_VERB}|(?P<you>{_YOU_VERB})){_FOLLOWING}
        (?P<colon>[ \t]*[:\-–])?(?P<gap>\s*)(?P<open>["“‘']?)""",
    re.IGNORECASE | re.VERBOSE,
)
# The authority giving: what follows is the answer ("Please find below the information your e-mail asked for:").
# "In response to your request, which read:" is not here: the verb says what follows.
_GIVING_HERE = lazy(
    r"\b(?:please\s+(?:find|see)|our\s+(?:response|answer|reply)|here\s+is|below\s+is|set\s+out\s+below"
    r"|(?:is|are)\s+as\s+follows|we\s+(?:can|have|hold|are))\b",
    re.IGNORECASE,
)
# A quotation asking for a review, or naming only an attachment, is no request.
_NOT_A_REQUEST = lazy(
    r"[ \t]*(?:an?[ \t]+)?(?:internal[ \t]+review|review|appeal)\b|[^\n]{0,80}?\binternal[ \t]+review\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.?!][\"'”’)]*(?=\s+[A-Z0-9\"“(]|\s*$)")
# Where "you asked" may open a clause: after a stop, a comma, a line break, or "and"/"where"/"when".
_CLAUSE_START = lazy(r"(?:^|[.!?:;,(\n]|\b(?:and|where|which|then|also))[ \t]*$", re.IGNORECASE)


def _close_quote(text: str, a: int, mark: str) -> int:
    """Where the quotation opened before ``a`` closes: a closing mark that ends a word, not one opening a paragraph.

    Returns -1 when it does not close within 3,000 characters. An apostrophe inside a
    word ("the Department's") closes nothing.
    """
    close = _CLOSING[mark]
    z = text.find(close, a)
    while z != -1 and z - a <= 3000:
        before = text[z - 1] if z > a else " "
        after = text[z + 1 : z + 2]
        if not before.isspace() and not (close in "'’" and after.isalnum()):
            return z
        z = text.find(close, z + 1)
    return -1


def _framed(ctx: Context) -> list[tuple[str, Request]]:
    """Requests the letter frames in its own sentence, each with how it is framed.

    "quote": quoted words after a request noun and a verb ("Your request of 2 May sought
    "..."", "which the Department construed as "..."", "you asked for "..."");
    "lead": such a frame ending in a colon, the request in the block below it;
    "sentence": such a frame with a strong verb and a colon, the request running on to
    the end of its sentence ("..., which sought: records of ...").
    The quotation marks and the frame are not part of the request.
    """
    if not ctx.has("request", "you asked", "you sought", "you wrote", "you requested", "you seek", "you stated"):
        return []
    found: list[tuple[str, Request]] = []
    text = ctx.text
    for match in finditer(_FRAMED(), ctx.words, 0, len(text)):
        if ctx.kind_at(match.start()) in ("blank", "signature", "table"):
            continue
        if match.group("you") and not _CLAUSE_START().search(text, max(0, match.start() - 30), match.start()):
            continue  # "the information you requested": an object clause, not the letter telling what was asked
        weak = match.group("weak") is not None
        mark = match.group("open")
        if match.group("bare") is not None and match.group("colon") is None:
            continue  # "... as follows" with nothing after it
        if mark:
            a = match.end()
            if match.group("gap").count("\n") >= 2 and ctx.kind_at(a) in _SKIPPED_KINDS:
                continue
            z = _close_quote(text, a, mark)
            if z == -1:
                continue
            after = text[z + 1 : z + 40]
            if "\n\n" in text[a:z] and not match.group("gap").count("\n"):
                continue  # quoted inline, the quotation may not run over paragraphs
            if not re.match(
                r"[ \t]*(?:[.,;:!?)\]]|\n|$|\((?!\w+\))|and\b|which\b|under\b|in\b|on\b|dated\b|received\b)", after
            ):
                continue  # "your request about "Green Lanes" scheme": the quotation is part of a phrase
            a, z = strip_span(text, a, z, _QUOTES)
            if len(text[a:z].split()) < 3 or _NOT_A_REQUEST().match(text, a):
                continue
            found.append(("quote", _request(ctx, a, z)))
            continue
        if (weak and not match.group("following")) or match.group("colon") is None:
            continue  # "your request for the following:" and "your request ... as follows:" lead in; "for" alone does not
        if _GIVING_HERE().search(text[max(0, match.start() - 80) : match.start()].rsplit(".", 1)[-1]):
            continue  # "Please find below the information your letter asked for:"
        if weak and _ANSWERING.search(text, max(0, match.start() - 40), match.start()):
            continue  # "In response to your request for the following:" may introduce the answer
        gap = match.group("gap")
        if "\n" in gap:  # the frame ends its paragraph: the request is the block below
            block = ctx.block_at(match.end())
            if block is None or block.kind not in _CONTENT_KINDS or text[block.span[0] : match.end()].strip():
                continue
            b = ctx.blocks.index(block)
            lead = _collect(ctx, b, block.span[0])
            if lead is not None and not _NOT_A_REQUEST().match(lead.text):
                found.append(("lead", lead))
            continue
        a = match.end()
        end = _SENTENCE_END.search(text, a, min(len(text), a + 1500))
        line_end = text.find("\n\n", a)
        z = end.end() if end is not None else -1
        if z == -1 or (line_end != -1 and line_end < z):
            continue
        a, z = strip_span(text, a, z, _QUOTES)
        if len(text[a:z].split()) >= 5 and not _NOT_A_REQUEST().match(text, a):
            found.append(("sentence", Request(text=text[a:z], span=(a, z), questions=())))
    return found


_LAST_FRAMED: list[tuple[Context, list[tuple[str, Request]]]] = []  # the last letter's, read by three frames


def _framed_kind(kind: str) -> Callable[[Context], Request | None]:
    def find(ctx: Context) -> Request | None:
        if not _LAST_FRAMED or _LAST_FRAMED[0][0] is not ctx:
            _LAST_FRAMED[:] = [(ctx, _framed(ctx))]
        return next((r for k, r in _LAST_FRAMED[0][1] if k == kind), None)

    find.__doc__ = f"The first request framed as {kind!r} (see :func:`_framed`)."
    return find


# Every frame that can hold a request, with the name its candidate's feature carries.
_FRAMES: tuple[tuple[str, Callable[[Context], Request | None]], ...] = (
    ("thread", _thread_request),
    ("message", _requesters_message),
    ("chain", _chain_message),
    ("message", _inline_message),
    ("interleaved", _interleaved),
    ("row", _cue_rows),
    ("sections", _sections),
    ("record", _record),
    ("run_in", _run_in_parts),
    ("grid", _grid),
    ("table_column", _table_column),
    ("labelled", _labelled),
    ("cue", _after_cue),
    ("quoted", _quoted_inline),
    ("framed_quote", _framed_kind("quote")),
    ("framed_lead", _framed_kind("lead")),
    ("framed_sentence", _framed_kind("sentence")),
    ("qa", _questions_and_answers),
    ("paraphrase", _paraphrased),
    ("gathered", _gathered),
)
