"""Extraction: from a read document to a :class:`~foiparse.model.FoiResponse`.

The extractors run in a fixed order because later ones rely on what earlier ones
claimed: the request first (citations inside it are the requester's words), then the
laws, the own reference and date, exemptions, prior requests, the totals (which must
not count anything already explained as a reference, a date or a citation), and last
the authority and the outcome, which weigh everything found before them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from foiparse.extract.context import Context, working_text
from foiparse.extract.exemptions import extract_exemptions
from foiparse.extract.legislation import find_laws
from foiparse.extract.metadata import extract_authority, extract_date, extract_reference
from foiparse.extract.outcome import extract_outcome
from foiparse.extract.prior import extract_prior_requests
from foiparse.extract.request import extract_request, request_spans
from foiparse.extract.totals import extract_totals
from foiparse.layout import Layout, lay_out
from foiparse.layout.segment import relabel
from foiparse.model import Document, FoiResponse, ParseWarning


def extract(doc: Document, layout: Layout | None = None) -> FoiResponse:
    """Run every extractor over ``doc`` laid out as ``layout`` (found here when not given)."""
    laid = layout if layout is not None else lay_out(doc)
    lines, blocks, tables = laid.lines, laid.blocks, laid.tables
    warnings = [*doc.warnings, *laid.warnings]
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
        ocr_lines=doc.ocr_lines,
    )
    return response if ctx.text is doc.text else ground(response, doc.text)


# Words any FOI response uses somewhere.
_FOI_WORDS = re.compile(
    r"\b(?:requests?|requested|information|freedom|foi|foia|foisa|eir|exempt\w*|disclos\w*|withheld|held|holds?)\b",
    re.IGNORECASE,
)


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
