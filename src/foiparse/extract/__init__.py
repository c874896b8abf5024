"""Extraction: from a read document to a :class:`~foiparse.model.FoiResponse`.

The extractors run in a fixed order because later ones rely on what earlier ones
claimed: the request first (citations inside it are the requester's words), then the
laws, the own reference and date, exemptions, prior requests, and last the totals,
which must not count anything already explained as a reference, a date or a citation.
"""

from __future__ import annotations

from foiparse.extract.context import Context
from foiparse.extract.exemptions import extract_exemptions
from foiparse.extract.legislation import find_laws
from foiparse.extract.metadata import extract_authority, extract_date, extract_reference
from foiparse.extract.outcome import extract_outcome
from foiparse.extract.prior import extract_prior_requests
from foiparse.extract.request import extract_request, request_spans
from foiparse.extract.tables import find_tables
from foiparse.extract.totals import extract_totals
from foiparse.lines import split_lines
from foiparse.model import Document, FoiResponse
from foiparse.segment import relabel, segment


def extract(doc: Document) -> FoiResponse:
    """Segment (when the reader did not) and run every extractor over ``doc``."""
    lines = split_lines(doc.text)
    warnings = list(doc.warnings)
    tables = doc.tables
    blocks = doc.blocks
    if not blocks:
        found, table_warnings = find_tables(doc.text, lines)
        warnings.extend(table_warnings)
        tables = tables + tuple(f.table for f in found)
        blocks = segment(doc.text, lines, [(f.first, f.last) for f in found])
    ctx = Context(text=doc.text, blocks=blocks, tables=tables, lines=lines)
    request = extract_request(ctx)
    if request is not None:
        ctx.request_spans = request_spans(request)
        for span in ctx.request_spans:
            ctx.blocks = relabel(ctx.blocks, span, "quote")
    ctx.laws = find_laws(ctx)
    reference = extract_reference(ctx)
    dated = extract_date(ctx)
    exemptions = extract_exemptions(ctx)
    prior = extract_prior_requests(ctx, reference)
    totals = extract_totals(ctx)
    laws = ctx.laws or tuple(dict.fromkeys(e.law for e in exemptions))
    return FoiResponse(
        source=doc.source,
        blocks=ctx.blocks,
        authority=extract_authority(ctx),
        reference=reference,
        date=dated[0] if dated else None,
        date_span=dated[1] if dated else None,
        legislation=laws,
        outcome=extract_outcome(ctx, exemptions, totals, tables),
        request=request,
        prior_requests=prior,
        exemptions=exemptions,
        totals=totals,
        tables=tables,
        warnings=tuple(warnings),
    )
