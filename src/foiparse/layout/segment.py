"""Segmentation of plain text into blocks that tile it exactly.

Blocks are built from whole lines, so joining their texts gives the document text
back character for character. A block's kind says what the lines are (a heading, a
list item, a table, the complaints boilerplate, the signature and contact block, a
run of blank lines); extractors use the kinds to know where not to look.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from foiparse.layout.lines import Line
from foiparse.model import Block

LIST_MARK = re.compile(
    r"""^[ \t]*(?:
        [-•*·▪◦–]                                   # bullets
      | \(?\d{1,2}[a-z]?[.)](?!\d)                  # 1.  1)  (1)  1a)
      | \(\d{1,2}[a-z]?\)
      | \(?[a-hj-z][.)]                             # a.  (b)  c)
      | \((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)      # (i) (iv)
      | (?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]
      | Q(?:uestion)?[ ]?\d{1,2}[a-z]?[.:)]?        # Q1  Q1.  Question 2:
    )[ \t]+\S""",
    re.VERBOSE | re.IGNORECASE,
)
SIGN_OFF = re.compile(
    r"^[ \t]*(?:yours[ \t]+(?:sincerely|faithfully|truly)|(?:very[ \t]+)?truly[ \t]+yours|(?:kind|best|warm|many)[ \t]+"
    r"(?:regards|thanks)|regards|with[ \t]+thanks|sincerely|respectfully|cordially)\b[,.!]?[ \t]*$",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"""(?:if[ ]you[ ]are[ ](?:dis|un)?(?:satisfied|happy)
      | (?:ask|request|apply)[ ]for[ ](?:an[ ])?(?:internal[ ])?review
      | right[ ]to[ ](?:complain|appeal|request[ ]a[ ]review|ask[ ]for)
      | information[ ]commissioner'?s?[ ]office | ico\.org\.uk | wycliffe[ ]house
      | scottish[ ]information[ ]commissioner | itspublicknowledge
      | open[ ]government[ ]licen[cs]e | re-?use[ ](?:of[ ])?(?:the[ ])?information
      | copyright[ ](?:\d{4}|©|of[ ]the) | ©[ ]?\d{4} | all[ ]rights[ ]reserved
      | (?:we[ ]use|accept(?:[ ]all)?|essential)[ ]cookies | cookie[ ](?:settings|preferences|policy)
      | (?:see|read)[ ]our[ ]privacy[ ]notice
      | you[ ](?:may|can)[ ](?:appeal|file[ ]an[ ]appeal|seek[ ](?:a[ ])?review) | your[ ]appeal
      | administrative[ ]appeal | mediation[ ]services
    )""",
    re.VERBOSE | re.IGNORECASE,
)
CONTACT = re.compile(
    r"""\b[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}\b                # a UK postcode
      | ,[ ]?(?:[A-Z]{2}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ]\d{5}(?:-\d{4})?\b  # a US state and ZIP code
      | @[\w-]+\.
      | \b(?:tel|telephone|phone|fax|e-?mail|web)\b\s*:""",
    re.VERBOSE,
)
SALUTATION = re.compile(r"^[ \t]*(?:dear|hello|hi|good\s+(?:morning|afternoon))\b", re.IGNORECASE)
HEADING_MAX = 70


def segment(text: str, lines: Sequence[Line], tables: Sequence[tuple[int, int]] = ()) -> tuple[Block, ...]:
    """Blocks tiling ``text``; ``tables`` are ``(first, last)`` line numbers of tables."""
    table_at = dict(tables)
    pieces: list[tuple[str, int, int]] = []  # kind, first line, last line
    i, n = 0, len(lines)
    while i < n:
        if i in table_at:
            pieces.append(("table", i, table_at[i]))
            i = table_at[i] + 1
            continue
        j = i
        if lines[i].blank:
            while j + 1 < n and lines[j + 1].blank and (j + 1) not in table_at:
                j += 1
            pieces.append(("blank", i, j))
        else:
            while j + 1 < n and not lines[j + 1].blank and (j + 1) not in table_at:
                j += 1
            pieces.extend(_unwrap(lines, _split_run(lines, i, j)))
        i = j + 1
    return tuple(_blocks(text, lines, _mark_signatures(text, lines, pieces)))


def _unwrap(lines: Sequence[Line], pieces: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Split a paragraph at the line breaks that end a sentence, when most of them do.

    Web pages and e-mails saved as text often have no blank lines at all: every line
    is a paragraph. A hard-wrapped paragraph, whose lines break mid-sentence, stays whole.
    """
    out: list[tuple[str, int, int]] = []
    for kind, first, last in pieces:
        if kind != "paragraph" or last - first < 2:
            out.append((kind, first, last))
            continue
        breaks = [k for k in range(first, last) if _ends_sentence(lines[k].text, lines[k + 1].text)]
        if len(breaks) * 10 < (last - first) * 6:
            out.append((kind, first, last))
            continue
        start = first
        for k in breaks:
            out.append(("paragraph", start, k))
            start = k + 1
        out.append(("paragraph", start, last))
    return out


def _ends_sentence(line: str, following: str) -> bool:
    nxt = following.lstrip()[:1]
    return line.rstrip()[-1:] in _SENTENCE_ENDS and (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(-•*")


_SENTENCE_ENDS = frozenset(".!?:;\"'”’)")


def _split_run(lines: Sequence[Line], first: int, last: int) -> list[tuple[str, int, int]]:
    """Cut a run of non-blank lines into headings, list items and paragraphs."""
    out: list[tuple[str, int, int]] = []
    start = first
    kind = "paragraph"
    for k in range(first, last + 1):
        text = lines[k].text
        if LIST_MARK.match(text):
            if k > start:
                out.append((kind, start, k - 1))
            start, kind = k, "list_item"
        elif k == first and heading_like(text) and (last == first or _starts_upper(lines[k + 1].text)):
            out.append(("heading", k, k))
            start, kind = k + 1, "paragraph"
        elif SIGN_OFF.match(text) and k > start:
            out.append((kind, start, k - 1))
            start, kind = k, "signature"
        elif k > first and _section_heading(text, lines[k - 1].text):
            if k > start:  # "Response" inside a run with no blank lines
                out.append((kind, start, k - 1))
            out.append(("heading", k, k))
            start, kind = k + 1, "paragraph"
    if start <= last:
        out.append((kind, start, last))
    return out


def _section_heading(text: str, previous: str) -> bool:
    """A short title line between two pieces of a run, such as "Request" or "Our response"."""
    words = text.split()
    return (
        0 < len(words) <= 3
        and heading_like(text)
        and (
            previous.rstrip()[-1:] in ".?!:;)\"'”’"
            or (LIST_MARK.match(previous) is not None and text.strip().rstrip(":").lower() in _SECTION_NAMES)
        )
        and not any(c.isdigit() for c in text)
    )


# Section titles that may follow a list item directly, the list's last line unpunctuated.
_SECTION_NAMES = frozenset(
    ["response", "our response", "answer", "reply", "decision", "outcome", "request", "your request", "information"]
)


def heading_like(text: str) -> bool:
    """A short line that names what follows rather than saying something."""
    s = text.strip()
    if not s or len(s) > HEADING_MAX or len(s.split()) > 10:
        return False
    if s.rstrip("\"'”’)")[-1:] in ".,;!?" or not any(c.isalpha() for c in s) or s[0].islower():
        return False  # a sentence, maybe in quotation marks
    words = s.rstrip(":").split()
    if words and words[-1].lower() in _RUNS_ON:
        return False  # "We issued 4,812 notices in": a hard-wrapped sentence, not a heading
    if words and words[0].lower() in _SUBJECTS:
        return False  # "We received 45 complaints": a statement, not a title
    return not (s.startswith(("http", "www.")) or "@" in s or SIGN_OFF.match(s))


_SUBJECTS = frozenset(["we", "i", "they", "it", "he", "she", "there", "thank", "dear"])
_RUNS_ON = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "that",
        "which",
        "who",
        "than",
    ]
)


def _starts_upper(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and (s[0].isupper() or s[0].isdigit() or not s[0].isalpha())


def _mark_signatures(
    text: str, lines: Sequence[Line], pieces: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Boilerplate paragraphs by their wording; the sign-off and contact lines after it."""
    out: list[tuple[str, int, int]] = []
    in_zone = False
    candidates = _boilerplate_lines(text, lines)
    for kind, first, last in _split_boilerplate(lines, pieces, candidates):
        if kind == "blank" or kind == "table":
            out.append((kind, first, last))
            continue
        first_text, last_text = lines[first].text, lines[last].text
        if (
            kind != "signature"
            and any(k in candidates for k in range(first, last + 1))
            and BOILERPLATE.search(" ".join(lines[k].text for k in range(first, last + 1)))
        ):
            kind = "boilerplate"
            in_zone = last_text.rstrip().endswith(":")
        elif kind == "signature" or SIGN_OFF.match(first_text):
            kind, in_zone = "signature", True
        elif kind in ("paragraph", "heading") and (in_zone or "@" in last_text or _has_digit(last_text)):
            short = all(len(lines[k].text.strip()) <= 60 for k in range(first, last + 1))
            if short and in_zone and not SALUTATION.match(first_text):
                kind = "signature"
            elif short and CONTACT.search(last_text):
                kind = "signature"  # an address or contact group; it does not open a signature zone
            else:
                in_zone = False
        else:
            in_zone = False
        out.append((kind, first, last))
    return out


def _split_boilerplate(
    lines: Sequence[Line], pieces: list[tuple[str, int, int]], candidates: set[int]
) -> list[tuple[str, int, int]]:
    """Cut the boilerplate sentences out of a long paragraph, so the rest keeps its kind.

    E-mails saved as text often run a whole letter together, hard-wrapped with no blank
    line; one "if you are unhappy" must not turn the answer above it into boilerplate.
    """
    out: list[tuple[str, int, int]] = []
    for kind, first, last in pieces:
        if kind != "paragraph" or last - first < 4 or not any(k in candidates for k in range(first, last + 1)):
            out.append((kind, first, last))
            continue
        flags = [False] * (last - first + 1)
        for k in range(first, last + 1):
            if k in candidates and BOILERPLATE.search(lines[k].text):
                flags[k - first] = True  # the wording is on this line
            elif k < last and (k in candidates or k + 1 in candidates):
                # ...or runs over the break into the next line, without being all on it
                window = lines[k].text + " " + lines[k + 1].text
                if BOILERPLATE.search(window) and not BOILERPLATE.search(lines[k + 1].text):
                    flags[k - first] = True
        for k in range(first, last):  # a boilerplate sentence runs on to its full stop...
            if flags[k - first] and not flags[k + 1 - first] and lines[k].text.rstrip()[-1:] not in ".!?":
                flags[k + 1 - first] = True
        for k in range(last - 1, first - 1, -1):  # ...and back to where it began
            if flags[k + 1 - first] and not flags[k - first] and lines[k].text.rstrip()[-1:] not in ".!?:":
                flags[k - first] = True
        start = first
        for k in range(first + 1, last + 2):
            if k > last or flags[k - first] != flags[k - 1 - first]:
                out.append(("paragraph", start, k - 1))
                start = k
    return out


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


# Words at least one of which every BOILERPLATE match contains; checked first because
# substring tests cost a fraction of a regex search.
_BOILERPLATE_WORDS = (
    "satisf",
    "happy",
    "review",
    "right to",
    "commissioner",
    "ico.org",
    "wycliffe",
    "itspublicknowledge",
    "licen",
    "re-use",
    "reuse",
    "re use",
    "copyright",
    "cookies",
    "privacy",
    "appeal",
    "mediation",
)


_BOILERPLATE_HINT = re.compile("|".join(re.escape(word) for word in _BOILERPLATE_WORDS))


def _boilerplate_lines(text: str, lines: Sequence[Line]) -> set[int]:
    """Lines holding a word that boilerplate needs; only blocks with one are searched."""
    low = text.lower()
    if len(low) != len(text):
        return set(range(len(lines)))  # lower() changed a length: search everything
    starts = [line.start for line in lines]
    return {bisect.bisect_right(starts, m.start()) - 1 for m in _BOILERPLATE_HINT.finditer(low)}


def _blocks(text: str, lines: Sequence[Line], pieces: list[tuple[str, int, int]]) -> list[Block]:
    merged: list[tuple[str, int, int]] = []
    for kind, first, last in pieces:
        if merged and kind in ("signature", "boilerplate") and merged[-1][0] == kind and merged[-1][2] + 1 == first:
            merged[-1] = (kind, merged[-1][1], last)  # one contact block, not a block a line
        else:
            merged.append((kind, first, last))
    blocks = []
    for kind, first, last in merged:
        start, stop = lines[first].start, lines[last].stop
        blocks.append(Block(kind=kind, text=text[start:stop], span=(start, stop)))
    return blocks


_QUOTES_AND_SPACE = " \t\r\n\"'“”‘’"


def relabel(
    blocks: Sequence[Block],
    spans: Sequence[tuple[int, int]],
    kind: str,
    kinds: tuple[str, ...] = ("paragraph", "list_item", "heading"),
) -> tuple[Block, ...]:
    """Give ``kind`` to the blocks whose words lie wholly inside one of ``spans`` (the request).

    A block holding a question and its answer keeps its kind: the answer is not a quote.
    One pass over blocks and sorted spans, however many questions a letter quotes.
    """
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    out = []
    for blk in blocks:
        if blk.kind in kinds:
            # Quotation marks around the request are not part of its span.
            start = blk.span[0] + len(blk.text) - len(blk.text.lstrip(_QUOTES_AND_SPACE))
            end = blk.span[1] - (len(blk.text) - len(blk.text.rstrip(_QUOTES_AND_SPACE)))
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and ordered[i][0] <= start and end <= ordered[i][1]:
                blk = Block(kind, blk.text, blk.span, blk.page)
        out.append(blk)
    return tuple(out)
