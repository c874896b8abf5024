"""One response as HTML: its text with every extracted value highlighted, and the fields beside it.

The text is untrusted (anyone can publish a response, and a hostile one may hold
markup): every piece of it goes through :func:`html.escape`, attribute values
included, and pages carry a Content-Security-Policy that lets nothing run but
foiparse's own script and nothing be fetched, so a mistake in escaping still runs nothing.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from foiparse.review.marks import Mark, marks_of, runs

_LABELS = {
    "authority": "Authority",
    "reference": "Reference",
    "date": "Date",
    "request": "Request",
    "question": "Questions",
    "prior": "Earlier requests",
    "exemption": "Exemptions",
    "total": "Totals",
    "table": "Tables",
    "warning": "Warnings",
}


@cache
def asset(name: str) -> str:
    """A file of the page's own CSS or JavaScript, shipped in the package."""
    return resources.files("foiparse.review").joinpath("assets", name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def text_of(obj: Mapping[str, Any]) -> str:
    """The document text, as :attr:`foiparse.model.FoiResponse.text` joins it."""
    return "".join(block.get("text", "") for block in obj.get("blocks") or ())


def _page_starts(obj: Mapping[str, Any]) -> dict[int, int]:
    """Where each page after the first begins in the text, from the blocks' pages."""
    starts: dict[int, int] = {}
    last = None
    for block in obj.get("blocks") or ():
        page = block.get("page")
        if page is not None and last is not None and page != last:
            starts[block["span"][0]] = page
        if page is not None:
            last = page
    return starts


def _text_html(text: str, marks: Sequence[Mark], key: str, pages: Mapping[int, int]) -> str:
    parts: list[str] = []
    for a, z, ids in runs(len(text), marks, tuple(pages)):
        if a in pages:
            parts.append(f'<span class="page-break" role="separator">page {pages[a]}</span>')
        piece = escape(text[a:z], quote=False)
        if not ids:
            parts.append(piece)
            continue
        inner = min(ids, key=lambda i: marks[i].end - marks[i].start)
        names = " ".join(f"{key}-{i}" for i in ids)
        title = escape("\n".join(marks[i].detail for i in ids))
        parts.append(f'<mark class="f-{marks[inner].field}" data-ids="{names}" title="{title}">{piece}</mark>')
    return "".join(parts)


def _go(mark_id: str, field: str, value: str, detail: str = "") -> str:
    extra = f' <span class="detail">{escape(detail)}</span>' if detail else ""
    return f'<li><button type="button" class="go f-{field}" data-go="{mark_id}">{escape(value)}</button>{extra}</li>'


def _table_html(table: Mapping[str, Any], go: str | None) -> str:
    title = table.get("title")
    caption = f"<caption>{escape(title)}</caption>" if title else ""
    head = "".join(f"<th scope=col>{escape(str(c))}</th>" for c in table.get("columns") or ())
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in table.get("rows") or ()
    )
    button = f'<button type="button" class="go f-table" data-go="{go}">show in the text</button>' if go else ""
    return (
        f'<div class="table">{button}<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def _link(url: Any) -> str:
    """A link only to a web address: a ``javascript:`` or ``data:`` URL in a response stays text."""
    if not isinstance(url, str):
        return ""
    shown = escape(url)
    if url.lower().startswith(("https://", "http://")):
        return f' <a href="{shown}" rel="noopener noreferrer nofollow">{shown}</a>'
    return f" <span>{shown}</span>"


def article(obj: Mapping[str, Any], key: str, title: str) -> str:
    """One response's section of a page: its text with the marks, and the panel of fields.

    ``key`` makes the marks' ids unique on a page that shows several responses.
    """
    text = text_of(obj)
    marks = marks_of(obj)
    source = obj.get("source") or {}
    facts = [
        ("outcome", str(obj.get("outcome") or "unknown").replace("_", " ")),
        ("legislation", ", ".join(obj.get("legislation") or ()) or "none named"),
        ("format", str(source.get("format", ""))),
    ]
    if source.get("pages"):
        facts.append(("pages", str(source["pages"])))
    if obj.get("status"):
        facts.append(("status", str(obj["status"])))
    panel = ['<dl class="facts">', *(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in facts), "</dl>"]
    by_field: dict[str, list[int]] = {}
    for i, m in enumerate(marks):
        by_field.setdefault(m.field, []).append(i)
    tables = list(obj.get("tables") or ())
    table_marks = by_field.get("table", [])
    for field in _LABELS:
        if field == "table":
            if tables:
                panel.append(f"<section><h3>{_LABELS[field]}</h3>")
                spans = {(marks[i].start, marks[i].end): f"{key}-{i}" for i in table_marks}
                for table in tables:
                    span = table.get("span") or [0, 0]
                    panel.append(_table_html(table, spans.get((span[0], span[1]))))
                panel.append("</section>")
            continue
        if field == "warning":
            warnings = obj.get("warnings") or ()
            if warnings:
                said = {(marks[i].start, marks[i].end, marks[i].value): f"{key}-{i}" for i in by_field.get(field, [])}
                items = []
                for w in warnings:
                    span = w.get("span") or [0, 0]
                    go = said.get((span[0], span[1], w["code"]))
                    message = f"{w['code']}: {w['message']}"
                    items.append(_go(go, field, w["code"], w["message"]) if go else f"<li>{escape(message)}</li>")
                panel.append(f'<section><h3>{_LABELS[field]}</h3><ul class="values">{"".join(items)}</ul></section>')
            continue
        found = by_field.get(field)
        if not found:
            continue
        items = [_go(f"{key}-{i}", field, marks[i].value, marks[i].detail) for i in found]
        panel.append(f'<section><h3>{_LABELS[field]}</h3><ul class="values">{"".join(items)}</ul></section>')
        if field == "prior":
            links = [_link(p.get("url")) for p in obj.get("prior_requests") or () if p.get("url")]
            if links:
                panel.append(f'<p class="links">{"".join(links)}</p>')
    body = _text_html(text, marks, key, _page_starts(obj))
    return (
        f'<article class="doc" id="{key}" aria-label="{escape(title)}">'
        f'<div class="text"><h2>{escape(title)}</h2><div class="body">{body}</div></div>'
        f'<aside class="panel" aria-label="extracted fields">{"".join(panel)}</aside></article>'
    )


def failure(path: str, status: str, error_class: str | None, error: str | None) -> str:
    """An input that gave no response: listed with its error, never left out."""
    why = f"{error_class or status}: {error or ''}"
    return f'<li class="failed"><span class="path">{escape(path)}</span> <span class="error">{escape(why)}</span></li>'


_KEYS = (
    '<p class="keys" aria-live="polite"><kbd>n</kbd> / <kbd>p</kbd>: next / previous highlight.'
    ' Click a value to see it in the text; hover a highlight to see what it was read as. <span class="now"></span></p>'
)


def standalone(title: str, articles: Iterable[str], failures: Sequence[str] = (), nav: Sequence[str] = ()) -> str:
    """A whole page with its CSS and script inline: one file that opens anywhere, fetching nothing."""
    css, js = asset("review.css"), asset("review.js")
    policy = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; img-src data:;"
        " base-uri 'none'; form-action 'none'"
    )
    listed = f'<nav class="docs"><ul>{"".join(nav)}</ul></nav>' if len(nav) > 1 else ""
    failed = (
        f'<section class="failures"><h2>Inputs that gave no response</h2><ul>{"".join(failures)}</ul></section>'
        if failures
        else ""
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{css}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>{_KEYS}</header>{listed}{failed}<main>{''.join(articles)}</main>"
        f"<script>{js}</script></body></html>"
    )


SITE_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


def site_page(title: str, body: str, up: str = "") -> str:
    """A page of a review site: the CSS and script are the site's own files (``assets/``), fetched from nowhere else."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{SITE_POLICY}">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="{up}assets/review.css"></head><body>'
        f'{body}<script src="{up}assets/review.js"></script></body></html>'
    )


def document_page(obj: Mapping[str, Any] | None, title: str, nav: str, failed: str = "") -> str:
    """One document's page of a site: its review, or the error that stopped it."""
    main = article(obj, "d", title) if obj is not None else f'<ul class="failures">{failed}</ul>'
    return site_page(title, f"<header>{nav}<h1>{escape(title)}</h1>{_KEYS}</header><main>{main}</main>", "../")
