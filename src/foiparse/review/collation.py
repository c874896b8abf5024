"""The review site's collation page: the matched dataset, who answered, and a chart per figure.

The same :class:`~foiparse.collate.match.Collation` that ``foiparse collate`` writes as
CSV, shown as a page of the site: which authority answered, refused or did not hold
the information (with the exemptions and their names), the wide table with each
authority linked to its document's page, a bar chart of the most widely given figure
by authority (and one for every other column, folded away), and the figures that did
not match. Static HTML and SVG: no script is needed to read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from foiparse.collate.match import Collation, Column
from foiparse.collate.write import figure_value
from foiparse.review.charts import bars
from foiparse.review.page import site_page

_ANSWERS = {
    "answered": "answered",
    "refused": "refused",
    "not_held": "not held",
    "neither_confirm_nor_deny": "neither confirmed nor denied",
    "no_figures": "no matching figures",
}
SHOWN_UNMATCHED = 200  # figures listed on the page; the rest are counted (long.csv has them all)


def collation_page(collation: Collation, pages: Mapping[str, int], title: str) -> str:
    """The page; ``pages`` maps a document to its page id in ``docs/`` (a document without one is not linked)."""
    people = collation.respondents
    tally: dict[str, int] = {}
    for r in people:
        tally[r.answer] = tally.get(r.answer, 0) + 1
    summary = "".join(
        f"<span><strong>{n:,}</strong> {escape(_ANSWERS.get(answer, answer))}</span>"
        for answer, n in sorted(tally.items(), key=lambda kv: -kv[1])
    )
    body = [
        '<header><nav class="site"><a href="index.html">all documents</a></nav>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary"><span><strong>{len(people):,}</strong> responses</span>{summary}'
        f"<span><strong>{len(collation.columns):,}</strong> matched figures</span>"
        f"<span><strong>{len(collation.unmatched):,}</strong> not matched</span></p></header><main>",
    ]
    body.append(_charts(collation))
    body.append("<h2>Who answered</h2>" + _answers(collation, pages))
    body.append("<h2>The dataset</h2>" + _dataset(collation, pages))
    body.append("<h2>Not matched</h2>" + _unmatched(collation))
    body.append("</main>")
    return site_page(title, "".join(body))


def _link(document: str, label: str | None, pages: Mapping[str, int]) -> str:
    text = escape(label or document)
    page = pages.get(document)
    return f'<a href="docs/{page}.html">{text}</a>' if page is not None else text


def _chart(column: Column, collation: Collation) -> str:
    rows: list[tuple[str, float]] = []
    for r in collation.respondents:
        figure = r.values.get(column.key)
        if figure is not None and figure.value is not None:
            rows.append((r.authority or r.document, float(figure.value)))
    rows.sort(key=lambda kv: (-kv[1], kv[0]))
    return bars(f"{column.heading}, by authority", rows)


def _charts(collation: Collation) -> str:
    if not collation.columns:
        return "<p>No figure is given by enough responses to be collated.</p>"
    widest = max(collation.columns, key=lambda c: c.responses)
    others = [c for c in collation.columns if c is not widest]
    parts = [f'<section class="charts" aria-label="charts">{_chart(widest, collation)}</section>']
    if others:
        folded = "".join(_chart(c, collation) for c in others)
        parts.append(
            f"<details><summary>Charts of the other {len(others):,} figures</summary>"
            f'<section class="charts">{folded}</section></details>'
        )
    return "".join(parts)


def _answers(collation: Collation, pages: Mapping[str, int]) -> str:
    rows = []
    for r in collation.respondents:
        reasons = "; ".join(r.cited)
        rows.append(
            f"<tr><td>{_link(r.document, r.authority, pages)}</td><td>{escape(_ANSWERS.get(r.answer, r.answer))}</td>"
            f"<td>{escape(r.outcome.replace('_', ' '))}</td><td>{escape(reasons)}</td></tr>"
        )
    for f in collation.failures:
        rows.append(
            f'<tr><td class="path">{escape(f.document)}</td><td>could not be read</td><td>{escape(f.status)}</td>'
            f'<td class="error">{escape(f.error)}</td></tr>'
        )
    head = '<tr><th scope="col">Authority</th><th scope="col">Answer</th><th scope="col">Outcome</th><th scope="col">Exemptions</th></tr>'
    return f'<div class="table"><table id="answers"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def _dataset(collation: Collation, pages: Mapping[str, int]) -> str:
    if not collation.columns:
        return "<p>Nothing to show.</p>"
    head = '<th scope="col">Authority</th>' + "".join(
        f'<th scope="col">{escape(c.heading)}</th>' for c in collation.columns
    )
    rows = []
    for r in collation.respondents:
        cells = []
        for c in collation.columns:
            figure = r.values.get(c.key)
            value = "" if figure is None else _shown(figure_value(figure))
            cells.append(f"<td>{escape(value)}</td>")
        rows.append(f'<tr><th scope="row">{_link(r.document, r.authority, pages)}</th>{"".join(cells)}</tr>')
    return f'<div class="table"><table id="dataset"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _unmatched(collation: Collation) -> str:
    unmatched = collation.unmatched
    if not unmatched:
        return "<p>Every figure found its match.</p>"
    rows = []
    for item in unmatched[:SHOWN_UNMATCHED]:
        f = item.figure
        label = item.label or " / ".join(x for x in (f.row_label, f.column_header) if x) or (f.measure or "")
        rows.append(
            f"<tr><td>{escape(f.authority or f.document)}</td><td>{escape(label)}</td>"
            f"<td>{escape(f.text or '')}</td><td>{escape(item.why or '')}</td></tr>"
        )
    more = len(unmatched) - SHOWN_UNMATCHED
    note = f"<p>and {more:,} more: long.csv from <code>foiparse collate</code> lists them all.</p>" if more > 0 else ""
    head = '<tr><th scope="col">Authority</th><th scope="col">Label</th><th scope="col">As written</th><th scope="col">Why</th></tr>'
    return f'<div class="table"><table id="unmatched"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>{note}'


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
