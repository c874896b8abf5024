"""JSON conversion of the model: deterministic, lossless, and the inverse of itself.

Keys come out in one fixed order (the contract's), so the same input gives the same
bytes; ``from_dict(to_dict(x)) == x`` holds for every response the model can hold.
Written out by hand rather than with ``dataclasses.asdict``: it is several times
faster, and it is the one place where the JSON names (``from``/``to``) differ from
the Python ones.
"""

from __future__ import annotations

from typing import Any

import orjson

from foiparse.model import (
    Attachment,
    Authority,
    Block,
    Exemption,
    FoiResponse,
    Message,
    OcrLine,
    ParseWarning,
    Period,
    PriorRequest,
    Question,
    Reference,
    Request,
    Source,
    Span,
    Table,
    Total,
)

JsonDict = dict[str, Any]


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _to_span(value: Any) -> Span:
    return (int(value[0]), int(value[1]))


def _opt_span(value: Any) -> Span | None:
    return None if value is None else _to_span(value)


def to_dict(response: FoiResponse) -> JsonDict:
    """The response as plain JSON-ready data, keys in the contract's order.

    ``source.converter`` and ``ocr_lines`` appear only when there is something to say
    (a converted or recognised input): most outputs never have them.
    """
    src = response.source
    out: JsonDict = {
        "schema_version": response.schema_version,
        "source": {
            "name": src.name,
            "format": src.format,
            "sha256": src.sha256,
            "bytes": src.bytes,
            "encoding": src.encoding,
            "bom": src.bom,
            "pages": src.pages,
        },
        "authority": None
        if response.authority is None
        else {"name": response.authority.name, "span": _span(response.authority.span)},
        "reference": None
        if response.reference is None
        else {
            "text": response.reference.text,
            "id": response.reference.id,
            "span": _span(response.reference.span),
        },
        "date": response.date,
        "date_span": _span(response.date_span),
        "legislation": list(response.legislation),
        "outcome": response.outcome,
        "request": None if response.request is None else _request(response.request),
        "prior_requests": [
            {
                "reference": p.reference,
                "id": p.id,
                "date": p.date,
                "url": p.url,
                "span": _span(p.span),
            }
            for p in response.prior_requests
        ],
        "exemptions": [
            {
                "law": e.law,
                "provision": e.provision,
                "name": e.name,
                "kind": e.kind,
                "cited_as": e.cited_as,
                "span": _span(e.span),
            }
            for e in response.exemptions
        ],
        "totals": [
            {
                "value": t.value,
                "text": t.text,
                "unit": t.unit,
                "measure": t.measure,
                "period": None if t.period is None else {"from": t.period.start, "to": t.period.end},
                "span": _span(t.span),
                "confidence": t.confidence,
            }
            for t in response.totals
        ],
        "tables": [
            {
                "title": t.title,
                "columns": list(t.columns),
                "rows": [list(row) for row in t.rows],
                "span": _span(t.span),
                "page": t.page,
                "row_pages": list(t.row_pages),
            }
            for t in response.tables
        ],
        "status": response.status,
        "messages": [
            {"direction": m.direction, "author": m.author, "date": m.date, "span": _span(m.span)}
            for m in response.messages
        ],
        "attachments": [
            {"name": a.name, "url": a.url, "span": _span(a.span), "content_type": a.content_type, "size": a.size}
            for a in response.attachments
        ],
        "blocks": [{"kind": b.kind, "text": b.text, "span": _span(b.span), "page": b.page} for b in response.blocks],
        "warnings": [{"code": w.code, "message": w.message, "span": _span(w.span)} for w in response.warnings],
    }
    if src.converter is not None:
        out["source"]["converter"] = src.converter
    if response.ocr_lines:
        out["ocr_lines"] = [
            {"span": _span(o.span), "page": o.page, "box": list(o.box), "confidence": o.confidence}
            for o in response.ocr_lines
        ]
    return out


def _request(request: Request) -> JsonDict:
    return {
        "text": request.text,
        "span": _span(request.span),
        "questions": [{"number": q.number, "text": q.text, "span": _span(q.span)} for q in request.questions],
    }


def from_dict(data: JsonDict) -> FoiResponse:
    """Rebuild the model from :func:`to_dict`'s output (or parsed JSON of it)."""
    src = data["source"]
    authority = data.get("authority")
    reference = data.get("reference")
    request = data.get("request")
    return FoiResponse(
        schema_version=data["schema_version"],
        source=Source(
            name=src.get("name"),
            format=src["format"],
            sha256=src["sha256"],
            bytes=src["bytes"],
            encoding=src.get("encoding"),
            bom=bool(src.get("bom", False)),
            pages=src.get("pages"),
            converter=src.get("converter"),
        ),
        authority=None if authority is None else Authority(name=authority["name"], span=_to_span(authority["span"])),
        reference=None
        if reference is None
        else Reference(text=reference["text"], id=reference["id"], span=_to_span(reference["span"])),
        date=data.get("date"),
        date_span=_opt_span(data.get("date_span")),
        legislation=tuple(data.get("legislation", ())),
        outcome=data.get("outcome", "unknown"),
        request=None
        if request is None
        else Request(
            text=request["text"],
            span=_to_span(request["span"]),
            questions=tuple(
                Question(number=q["number"], text=q["text"], span=_to_span(q["span"]))
                for q in request.get("questions", ())
            ),
        ),
        prior_requests=tuple(
            PriorRequest(
                reference=p.get("reference"),
                id=p.get("id"),
                date=p.get("date"),
                url=p.get("url"),
                span=_to_span(p["span"]),
            )
            for p in data.get("prior_requests", ())
        ),
        exemptions=tuple(
            Exemption(
                law=e["law"],
                provision=e["provision"],
                name=e.get("name"),
                kind=e.get("kind"),
                cited_as=e["cited_as"],
                span=_to_span(e["span"]),
            )
            for e in data.get("exemptions", ())
        ),
        totals=tuple(
            Total(
                value=t["value"],
                text=t["text"],
                unit=t["unit"],
                measure=t.get("measure"),
                period=None
                if t.get("period") is None
                else Period(start=t["period"].get("from"), end=t["period"].get("to")),
                span=_to_span(t["span"]),
                confidence=t.get("confidence", 1.0),
            )
            for t in data.get("totals", ())
        ),
        tables=tuple(
            Table(
                title=t.get("title"),
                columns=tuple(t.get("columns", ())),
                rows=tuple(tuple(row) for row in t.get("rows", ())),
                span=_to_span(t["span"]),
                page=t.get("page"),
                row_pages=tuple(t.get("row_pages", ())),
            )
            for t in data.get("tables", ())
        ),
        status=data.get("status"),
        messages=tuple(
            Message(direction=m["direction"], author=m.get("author"), date=m.get("date"), span=_to_span(m["span"]))
            for m in data.get("messages", ())
        ),
        attachments=tuple(
            Attachment(
                name=a["name"],
                url=a.get("url"),
                span=_opt_span(a.get("span")),
                content_type=a.get("content_type"),
                size=a.get("size"),
            )
            for a in data.get("attachments", ())
        ),
        blocks=tuple(
            Block(kind=b["kind"], text=b["text"], span=_to_span(b["span"]), page=b.get("page"))
            for b in data.get("blocks", ())
        ),
        warnings=tuple(
            ParseWarning(code=w["code"], message=w["message"], span=_opt_span(w.get("span")))
            for w in data.get("warnings", ())
        ),
        ocr_lines=tuple(
            OcrLine(
                span=_to_span(o["span"]),
                page=o["page"],
                box=(o["box"][0], o["box"][1], o["box"][2], o["box"][3]),
                confidence=o["confidence"],
            )
            for o in data.get("ocr_lines", ())
        ),
    )


def to_json(response: FoiResponse, *, indent: bool = True) -> bytes:
    """UTF-8 JSON bytes ending in a newline; indented for people, compact for JSONL."""
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(to_dict(response), option=option)


def loads(data: bytes | str) -> Any:
    """Parse JSON text (orjson: fast, strict UTF-8)."""
    return orjson.loads(data)
