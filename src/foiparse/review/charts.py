"""Bar charts as inline SVG: drawn once when the site is written, readable without script or network.

Every label is escaped; the bars carry their numbers as text too, so a screen reader
(and a printout) gets the figures, not only the shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

# Colours of the stacked parts (outcomes), distinct in print and for the common colour blindnesses.
PALETTE = ("#1b9e77", "#66a61e", "#d95f02", "#7570b3", "#e7298a", "#a6761d", "#666666", "#e6ab02")

_ROW = 22  # pixels per bar
_LABEL = 260  # pixels for the labels on the left
_WIDTH = 640


def _short(text: str, most: int = 32) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _figure(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def bars(title: str, rows: Sequence[tuple[str, float]], colour: str = "#4e79a7") -> str:
    """One bar per row, longest first as given; the title is the chart's accessible name."""
    if not rows:
        return f"<figure><figcaption>{escape(title)}</figcaption><p>none</p></figure>"
    top = max(v for _, v in rows) or 1
    span = _WIDTH - _LABEL - 60
    height = _ROW * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * _ROW
        w = max(1, round(span * value / top))
        parts.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end" font-size="12"><title>{escape(label)}</title>'
            f"{escape(_short(label))}</text>"
            f'<rect x="{_LABEL}" y="{y + 3}" width="{w}" height="{_ROW - 6}" fill="{colour}"/>'
            f'<text x="{_LABEL + w + 4}" y="{y + 15}" font-size="12">{_figure(value)}</text>'
        )
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{''.join(parts)}</figure>"


def stacked(title: str, rows: Sequence[tuple[str, Mapping[str, int]]], parts: Sequence[str]) -> str:
    """One bar per row, cut into ``parts`` (in that order, with a legend): outcomes per authority."""
    if not rows:
        return f"<figure><figcaption>{escape(title)}</figcaption><p>none</p></figure>"
    top = max(sum(counts.values()) for _, counts in rows) or 1
    span = _WIDTH - _LABEL - 60
    legend_rows = (len(parts) + 3) // 4
    height = _ROW * len(rows) + 8 + 18 * legend_rows
    colour = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(parts)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, counts) in enumerate(rows):
        y = 4 + i * _ROW
        x = float(_LABEL)
        out.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end" font-size="12"><title>{escape(label)}</title>'
            f"{escape(_short(label))}</text>"
        )
        for part in parts:
            n = counts.get(part, 0)
            if not n:
                continue
            w = span * n / top
            out.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{_ROW - 6}" fill="{colour[part]}">'
                f"<title>{escape(label)}: {escape(part)} {n:,}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12">{sum(counts.values()):,}</text>')
    base = 8 + _ROW * len(rows)
    for i, part in enumerate(parts):
        x, y = 10 + (i % 4) * 155, base + (i // 4) * 18
        out.append(
            f'<rect x="{x}" y="{y + 2}" width="12" height="12" fill="{colour[part]}"/>'
            f'<text x="{x + 16}" y="{y + 12}" font-size="12">{escape(part)}</text>'
        )
    out.append("</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{''.join(out)}</figure>"
