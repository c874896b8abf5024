"""What a review page highlights: every extracted value that points at the text, with what it was read as.

Works on the JSON object (:func:`foiparse.serialize.to_dict`'s shape), not the model:
a database holds exactly that, and a site of 100,000 pages should not rebuild
dataclasses it only reads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# The fields a page colours, in the order its panel lists them.
FIELDS = ("authority", "reference", "date", "request", "question", "prior", "exemption", "total", "table", "warning")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted value: its field, its place in the text, a short value and what it was read as."""

    field: str
    start: int
    end: int
    value: str  # as the panel shows it
    detail: str  # as the highlight's tooltip explains it


def _span(item: Mapping[str, Any] | None, key: str = "span") -> tuple[int, int] | None:
    if not item:
        return None
    span = item.get(key)
    if not isinstance(span, list | tuple) or len(span) != 2:
        return None
    start, end = span
    return (start, end) if isinstance(start, int) and isinstance(end, int) and 0 <= start < end else None


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def marks_of(obj: Mapping[str, Any]) -> list[Mark]:
    """Every value of a response that has a span, in the order of the text."""
    out: list[Mark] = []

    def add(field: str, span: tuple[int, int] | None, value: str, detail: str) -> None:
        if span is not None:
            out.append(Mark(field, span[0], span[1], value, detail))

    authority = obj.get("authority")
    if authority:
        add("authority", _span(authority), authority["name"], f"authority: {authority['name']}")
    reference = obj.get("reference")
    if reference:
        add("reference", _span(reference), reference["id"], f"reference: {reference['id']}")
    if obj.get("date"):
        add("date", _span(obj, "date_span"), obj["date"], f"date of the response: {obj['date']}")
    request = obj.get("request")
    if request:
        add("request", _span(request), "the request", "the request")
        for q in request.get("questions") or ():
            add("question", _span(q), f"question {q['number']}", f"question {q['number']} of the request")
    for p in obj.get("prior_requests") or ():
        ident = p.get("id") or p.get("reference") or "earlier request"
        when = f", {p['date']}" if p.get("date") else ""
        add("prior", _span(p), ident, f"earlier request {ident}{when}")
    for e in obj.get("exemptions") or ():
        name = f": {e['name']}" if e.get("name") else ""
        kind = f" ({e['kind']})" if e.get("kind") else ""
        add("exemption", _span(e), f"{e['law']} {e['provision']}", f"exemption {e['law']} {e['provision']}{name}{kind}")
    for t in obj.get("totals") or ():
        measure = f" {t['measure']}" if t.get("measure") else ""
        period = t.get("period") or {}
        when = f", {period.get('from') or '…'} to {period.get('to') or '…'}" if period else ""
        confidence = t.get("confidence")
        sure = f", confidence {confidence:.2f}" if isinstance(confidence, float | int) else ""
        add(
            "total",
            _span(t),
            f"{_number(t['value'])} {t['unit']}",
            f"total {_number(t['value'])} ({t['unit']}){measure}{when}{sure}",
        )
    for k, table in enumerate(obj.get("tables") or (), 1):
        shape = f"{len(table.get('rows') or ())} rows × {len(table.get('columns') or ())} columns"
        add("table", _span(table), f"table {k}", f"table {k}: {shape}")
    for w in obj.get("warnings") or ():
        add("warning", _span(w), w["code"], f"warning {w['code']}: {w['message']}")
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def runs(length: int, marks: Sequence[Mark], breaks: Sequence[int] = ()) -> Iterator[tuple[int, int, list[int]]]:
    """The text cut where any mark (or page) begins or ends: each piece with the marks covering it.

    A sweep over the boundaries, so a page with many values costs the sum, not the product.
    Marks reaching past the text are cut to it.
    """
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        start, end = min(m.start, length), min(m.end, length)
        if start < end:
            opens.setdefault(start, []).append(i)
            closes.setdefault(end, []).append(i)
    cuts = sorted({0, length, *opens, *closes, *(b for b in breaks if 0 < b < length)})
    active: dict[int, None] = {}
    for a, z in itertools.pairwise(cuts):
        for i in closes.get(a, ()):
            active.pop(i, None)
        for i in opens.get(a, ()):
            active[i] = None
        yield a, z, list(active)
