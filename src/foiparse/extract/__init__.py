"""Extraction: from a read document to a :class:`~foiparse.model.FoiResponse`.

The extractors run in a fixed order because later ones rely on what earlier ones
claimed: the request first (citations inside it are the requester's words), then the
laws, the own reference and date, exemptions, prior requests, the totals (which must
not count anything already explained as a reference, a date or a citation), and last
the authority and the outcome, which weigh everything found before them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from foiparse.extract.context import Context, working_text
from foiparse.extract.exemptions import extract_exemptions
from foiparse.extract.legislation import find_laws
from foiparse.extract.metadata import extract_authority, extract_date, extract_reference
from foiparse.extract.outcome import extract_outcome
from foiparse.extract.prior import extract_prior_requests
from foiparse.extract.request import extract_request, request_spans
from foiparse.extract.tables import FoundTable, check_totals, find_tables
from foiparse.extract.totals import extract_totals
from foiparse.lines import Line, LineIndex, split_lines
from foiparse.model import Block, Document, FoiResponse, ParseWarning
from foiparse.segment import SALUTATION, SIGN_OFF, relabel, segment


def extract(doc: Document) -> FoiResponse:
    """Segment (when the reader did not) and run every extractor over ``doc``."""
    lines = split_lines(doc.text)
    warnings = list(doc.warnings)
    tables = doc.tables
    blocks = doc.blocks
    if not blocks:
        index = LineIndex(lines)
        marked = [(index.line_no(t.span[0]), index.line_no(max(t.span[0], t.span[1] - 1))) for t in tables]
        found, table_warnings = find_tables(doc.text, lines, marked)
        found = _after_salutation(found, lines)
        warnings.extend(table_warnings)
        warnings.extend(w for t in tables for w in check_totals(t))
        tables = tuple(sorted(tables + tuple(f.table for f in found), key=lambda t: t.span))
        blocks = segment(doc.text, lines, sorted([*marked, *((f.first, f.last) for f in found)]))
        if doc.furniture:
            # Running headers and footers, whatever they looked like (a footer can look like a sign-off).
            blocks = relabel(blocks, doc.furniture, "boilerplate", ("paragraph", "list_item", "heading", "signature"))
        if doc.page_starts:
            blocks = _paged(blocks, doc.page_starts)
            tables = tuple(
                t if t.page is not None else replace(t, page=bisect.bisect_right(doc.page_starts, t.span[0]))
                for t in tables
            )
    ctx = Context(
        text=working_text(doc.text),
        blocks=blocks,
        tables=tables,
        lines=lines,
        messages=doc.messages,
        status=doc.status,
        links=doc.links,
    )
    request = extract_request(ctx)
    # The requester's own messages in a thread are their words, like the quoted request.
    asked = tuple(m.span for m in doc.messages if m.direction == "to_authority")
    # ... and so is what a reply quotes of the messages before it.
    asked += tuple(
        (q, m.span[1])
        for m in doc.messages
        if m.direction == "from_authority" and (q := ctx.quoted_in(*m.span)) < m.span[1]
    )
    if request is not None or asked:
        ctx.request_spans = (*(request_spans(request) if request else ()), *asked)
        ctx.blocks = relabel(ctx.blocks, ctx.request_spans, "quote")
    ctx.laws = find_laws(ctx)
    reference = extract_reference(ctx)
    dated = extract_date(ctx)
    exemptions = extract_exemptions(ctx)
    prior = extract_prior_requests(ctx, reference)
    ids = {_digits(r.id) for r in (reference, *prior) if r is not None and r.id}
    ids |= {serial for p in prior if p.id for serial in _serials(p.id)}
    totals = extract_totals(ctx, frozenset(i for i in ids if i))
    # The laws are those the letter names: an exemption's law guessed from "section 40(2)"
    # alone is not evidence of which Act the letter is made under.
    laws = ctx.laws
    # A web page may be any page of a site; a text or PDF file given to us is taken as a response.
    signals = bool(laws or request or reference or exemptions or prior or doc.messages)
    foi = doc.source.format == "text" or signals or _FOI_WORDS.search(ctx.text) is not None
    if not foi:  # a news item, a help page: nothing in it answers a request
        totals = ()
        ctx.warnings.append(
            ParseWarning("not_a_response", "nothing here reads as an FOI response: no totals or outcome")
        )
    response = FoiResponse(
        source=doc.source,
        blocks=ctx.blocks,
        authority=extract_authority(ctx),
        reference=reference,
        date=dated[0] if dated else None,
        date_span=dated[1] if dated else None,
        legislation=laws,
        outcome=extract_outcome(ctx, exemptions, totals, tables) if foi else "unknown",
        request=request,
        prior_requests=prior,
        exemptions=exemptions,
        totals=totals,
        tables=tables,
        status=doc.status,
        messages=doc.messages,
        attachments=doc.attachments,
        warnings=(*warnings, *ctx.warnings),
    )
    return response if ctx.text is doc.text else ground(response, doc.text)


# Words any FOI response uses somewhere.
_FOI_WORDS = re.compile(
    r"\b(?:requests?|requested|information|freedom|foi|foia|foisa|eir|exempt\w*|disclos\w*|withheld|held|holds?)\b",
    re.IGNORECASE,
)


def _after_salutation(found: list[FoundTable], lines: list[Line]) -> list[FoundTable]:
    """Tables in the body of the letter.

    Not the letterhead's address above "Dear ...", nor a small block of contact details
    below the sign-off.
    """
    dear = next((i for i, line in enumerate(lines[:80]) if SALUTATION.match(line.text)), None)
    if dear is not None:
        found = [f for f in found if f.first > dear]
        signed = next((i for i in range(dear + 1, len(lines)) if SIGN_OFF.match(lines[i].text)), None)
        if signed is not None:
            found = [f for f in found if f.first < signed or len(f.table.rows) >= 3]
    return found


def _paged(blocks: tuple[Block, ...], page_starts: tuple[int, ...]) -> tuple[Block, ...]:
    """Each block with the page it starts on."""
    return tuple(replace(b, page=bisect.bisect_right(page_starts, b.span[0])) for b in blocks)


def _digits(ident: str) -> str:
    return "".join(c for c in ident if c.isdigit()) if ident.replace(",", "").isdigit() else ident


def _serials(ident: str) -> list[str]:
    """The serial at the end of an earlier request's id ("2019-20-1438" -> "1438"), often written alone.

    Four digits or more only: a shorter number is as likely to be a count.
    """
    parts = [p for p in ident.replace("/", "-").split("-") if p]
    return [parts[-1]] if len(parts) > 1 and parts[-1].isdigit() and len(parts[-1]) >= 4 else []


def ground(response: FoiResponse, text: str) -> FoiResponse:
    r"""Take every item's evidence from the document text itself (not the working text).

    Extraction ran on a copy with normalised line breaks; the spans are the same, and
    this puts back the exact characters (a ``\\r\\n`` inside a quoted request, say).
    """

    def at(span: tuple[int, int]) -> str:
        return text[span[0] : span[1]]

    request = response.request
    if request is not None:
        questions = tuple(replace(q, text=at(q.span)) for q in request.questions)
        joined = request.text == "\n".join(q.text for q in request.questions) and bool(questions)
        request = replace(
            request, questions=questions, text="\n".join(q.text for q in questions) if joined else at(request.span)
        )
    return replace(
        response,
        authority=None if response.authority is None else replace(response.authority, name=at(response.authority.span)),
        reference=None if response.reference is None else replace(response.reference, text=at(response.reference.span)),
        request=request,
        prior_requests=tuple(
            replace(p, reference=at(p.span)) if p.reference is not None else p for p in response.prior_requests
        ),
        exemptions=tuple(replace(e, cited_as=at(e.span)) for e in response.exemptions),
        totals=tuple(replace(t, text=at(t.span)) for t in response.totals),
    )
