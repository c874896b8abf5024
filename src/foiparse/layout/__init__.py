"""Layout: the stage between the readers and the extractors, for every format.

A reader hands over the document text and what its format says outright (HTML and
Word blocks, the ruled tables a PDF draws, a PDF's pages and running headers). Layout
adds what only the text shows: its lines, the tables printed as text, and the blocks
(headings, paragraphs, list items, quotes, the signature). The extractors read a
:class:`Layout` and never look for structure themselves, so one table finder and one
segmenter serve text, PDF and e-mail alike.

Modules: :mod:`.lines` (line splitting and offsets), :mod:`.tables` (text tables from
evidence of columns), :mod:`.cells` (what a table cell holds), :mod:`.segment` (blocks),
:mod:`.pages` (text tables cut by a page break, joined).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from foiparse.layout.lines import Line, LineIndex, split_lines
from foiparse.layout.pages import join_pages
from foiparse.layout.segment import SALUTATION, SIGN_OFF, relabel, segment
from foiparse.layout.tables import FoundTable, check_totals, find_tables
from foiparse.model import Block, Document, ParseWarning, Table


@dataclass(frozen=True, slots=True)
class Layout:
    """A document's lines, blocks and tables, with the warnings finding them raised."""

    lines: list[Line]
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...]
    warnings: tuple[ParseWarning, ...] = ()


def lay_out(doc: Document) -> Layout:
    """The layout of ``doc``: the reader's own blocks when it gave them, else found in the text.

    Tables a reader found (a PDF's ruled tables) are kept, and the text finder reads
    only the lines outside them, so no figure is tabled twice.
    """
    lines = split_lines(doc.text)
    tables = doc.tables
    blocks = doc.blocks
    warnings: list[ParseWarning] = []
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
            tables = join_pages(tables, doc.text, doc.page_starts, doc.furniture, doc.tables)
    return Layout(lines=lines, blocks=blocks, tables=tables, warnings=tuple(warnings))


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
