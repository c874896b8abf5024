"""What makes a grid of cells (an HTML or Word table) a table of figures rather than layout."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A cell that is a value: a number, an amount, a percentage, a suppressed count ("<5", "*", "-"), "n/a".
FIGURE = re.compile(r"^[£$€]?\s?\d[\d,.]*%?$|^[<>*-]|^n/?a$", re.IGNORECASE)
_SENTENCE_SPACES = 7  # a cell with this many spaces is a sentence, not a label or a value


def prose_grid(rows: Sequence[Sequence[str]], header_rows: int = 0) -> bool:
    """Rows of sentences with no figure beside their first cells: a question-and-answer layout.

    Such a grid is read as the letter's text, so its words reach the request and outcome
    and nothing in it is offered as a table of counts.
    """
    body = rows[header_rows:]
    if any(FIGURE.match(cell.strip()) for row in body for cell in row[1:] if cell.strip()):
        return False
    return any(cell.count(" ") >= _SENTENCE_SPACES for row in body for cell in row)
