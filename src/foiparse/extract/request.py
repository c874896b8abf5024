"""The request, as the response quotes it back, and its numbered questions.

Letters introduce the request with a cue ("You asked:", "Your request:", "Request",
"I note you seek access to the following information:"), either as a heading with the
request below it or inline after a colon. Q&A letters instead quote each question
before its answer; there the request is the questions, in order, without the answers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from foiparse.extract.cells import is_value
from foiparse.extract.context import Context
from foiparse.extract.voice import voice
from foiparse.lazyre import lazy
from foiparse.lines import Line, strip_span
from foiparse.model import Block, Question, Request
from foiparse.segment import LIST_MARK

_CUE_WORDS = r"""
    (?:specifically,?\s+|in\s+summary,?\s+)?you\s+(?:have\s+)?(?:asked|requested|wrote)(?:\s+(?:for|us))?
        (?:\s+the\s+following(?:\s+(?:information|records|documents|data|questions))?)?
  | your\s+(?:original\s+)?(?:request|questions?|e-?mail|enquiry)(?:\s*,[^,:\n]{3,60},)?
        (?:\s+(?:was|read|reads|stated|said|asked|(?:(?:was|is)\s+)?(?:as\s+follows|reproduced|set\s+out|copied|quoted)(?:\s+(?:below|here))?))?
  | (?:the\s+|original\s+)?request(?:\s+(?:details|text))?
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
    """The quoted request, or None when the letter does not reproduce it."""
    return (
        _thread_request(ctx)
        or _after_cue(ctx)
        or _quoted_inline(ctx)
        or _questions_and_answers(ctx)
        or _requesters_message(ctx)
        or _paraphrased(ctx)
        or _gathered(ctx)
    )


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
    return _request(ctx, s, e) if e - s >= 3 else None


# "You requested "all incident reports ..."", "your request ... asking for "the minutes ..."".
_INLINE_QUOTE = lazy(
    r"""\b(?:you[ \t\n]+(?:have[ \t\n]+)?(?:asked|requested|wrote|sought)|asking|requesting|seeking)
        (?:[ \t\n]+(?:us[ \t\n]+)?(?:for|about|whether|that))?(?:[ \t\n]+the[ \t\n]+following)?[ \t\n]*:?[ \t\n]*
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
    r"""(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t]*(?:(?:in[ \t]+your[ \t]+\w+[^,\n]{0,40},[ \t]+)|(?:on[ \t]+[^,\n]{3,30},?[ \t]+))?
        you[ \t]+(?:have[ \t]+)?(?:asked|requested|ask|request|seek|sought)[ \t]+(?:us[ \t]+|the[ \t]+council[ \t]+|the[ \t]+\w+[ \t]+)?
        (?P<rest>(?:for|whether|about|how|what|which|if|when|where|who)[ \t]+(?!an?[ \t]+internal[ \t]+review|a[ \t]+review)
          [^\n]*?(?:\n[^\n]+?)*?[.?]["'”’)\]]*(?=\s|$))""",
    re.IGNORECASE | re.VERBOSE,
)


def _paraphrased(ctx: Context) -> Request | None:
    """The request as the letter sums it up: "You asked for the number of ... ." (the rest of that sentence)."""
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
    r"[ \t]*(?:yours[ \t]+(?:faithfully|sincerely|truly)|(?:kind|best|many)[ \t]+(?:regards|thanks)|regards|thank[ \t]+you)\b",
    re.IGNORECASE,
)


def _requesters_message(ctx: Context) -> Request | None:
    """The requester's message, where a reply quotes it or a thread begins with it.

    It opens with a salutation to the authority and runs to the requester's sign-off.
    """
    lines = ctx.lines
    for i, line in enumerate(lines):
        if not TO_AUTHORITY().match(line.text) or ctx.kind_at(line.start) in ("boilerplate", "table"):
            continue
        j = i + 1
        while j < len(lines) and not SIGN_OFF().match(lines[j].text):
            j += 1
            if j - i > 60:
                break
        if j >= len(lines) or j - i > 60 or j == i + 1:
            continue
        a, z = strip_span(ctx.text, lines[i + 1].start, lines[j - 1].end, _QUOTES)
        if z - a >= 3:
            return _request(ctx, a, z)
    return None


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
        if not body.endswith(":") and not _cue_line(line.text):
            continue
        if not (_cue_line(line.text) or _cue_trailing(body) is not None or _is_lead_in(body)):
            continue
        if _GIVING().search(body.rsplit(".", 1)[-1]):
            continue  # "... In response to your request:" introduces the answer
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


def _cue_line(line: str) -> bool:
    """The cue alone on its line, maybe with a colon or dash: a heading for the request below."""
    core = line.strip().rstrip(" \t:-–")
    return bool(core) and CUE.fullmatch(core) is not None


def _cue_inline(line: str) -> int | None:
    """Where the request starts after "cue:" on the same line, or None."""
    colon = line.find(":")
    if colon <= 0 or CUE.fullmatch(line[:colon].strip()) is None:
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
    """Where the requester's words are: the questions of a Q&A letter, else the whole span."""
    if request.text != "\n".join(q.text for q in request.questions) or not request.questions:
        return (request.span,)
    return tuple(q.span for q in request.questions)


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
    nxt = _next_content(blocks, b + 1)
    while nxt is not None:
        block = blocks[nxt]
        if RESPONSE_CUE.match(ctx.block_text(block)) or block.kind == "heading":
            break
        adjacent = blocks[nxt - 1].kind != "blank"
        if not (block.kind == "list_item" and (listing or adjacent or blocks[nxt - 1].kind == "list_item")):
            break
        listing = True
        end = block.span[1]
        nxt = _next_content(blocks, nxt + 1)
    if not listing and nxt is not None:
        end = _paragraphs_asking(ctx, nxt, end)
    start, end = strip_span(ctx.text, start, _answer_starts(ctx, start, end), _QUOTES)
    if end - start < 3:
        return None
    return _request(ctx, start, end)


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
    for line in ctx.lines[first + 1 :]:
        if line.start >= end:
            break
        cue = RESPONSE_CUE.match(line.text)
        if (cue and (len(line.text.split()) <= 6 or line.text.rstrip().endswith(":"))) or RESPONSE_OPENER().match(
            line.text
        ):
            return line.start
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
        and len(body.split()) <= 25
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
            or LIST_MARK.match(line.text)
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
    for k, (first, last) in enumerate(_segments(ctx)):
        a, z = ctx.lines[first].start, ctx.lines[last].end
        text = ctx.text[a:z]
        said = voice(text)
        item = LIST_MARK.match(text) is not None
        if said == "requester" or (open_list and item and said != "authority"):
            if said == "requester":
                asking_words = max(asking_words, len(text.split()))
            start = headings[0] if headings else first  # "1. Staffing" / "a) Social workers" / "i) How many ...?"
            answered = _answered_inside(ctx, a, z)
            if last_included == k - 1 - len(headings) and parts and start == parts[-1][1] + 1:
                parts[-1] = (parts[-1][0], last)
            else:
                parts.append((start, last))
            last_included = -2 if answered else k  # an answer on its line closes the part
            open_list = text.rstrip().endswith(":") or (open_list and item)
            headings = []
        else:
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
