"""What a table cell or a figure looks like: shared by the table and totals extractors."""

from __future__ import annotations

import functools
import re

# A figure as it appears in a table cell: counts, money, percentages, and the
# markers authorities use for suppressed or missing values, which are kept as text.
VALUE = re.compile(
    r"""^(?:
        [£$€]?\s?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s?[%kmKM]?        # 1,234  £12,500.50
      | [£$€]?\s?-?\d+(?:\.\d+)?\s?[%kmKM]?                       # 15  12.5%  £450
      | [<>≤≥]\s?=?\s?\d+(?:\.\d+)?                               # <5  > 10
      | \*+ | -+ | – | — | x | X | ~                              # suppressed or nil
      | n/?a | N/?A | nil | Nil | NIL | null | none | None
    )$""",
    re.VERBOSE,
)

NUMBER = re.compile(r"^[£$€]?\s?(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s?%?$")


@functools.lru_cache(maxsize=8192)
def is_value(cell: str) -> bool:
    """True for a figure or a suppression marker, as a table cell holds them."""
    return bool(VALUE.match(cell.strip()))


def number_of(cell: str) -> int | float | None:
    """The number a cell states, or None for text and suppression markers (``<5`` stays text)."""
    match = NUMBER.match(cell.strip())
    if not match:
        return None
    digits = match.group(1).replace(",", "")
    return float(digits) if "." in digits else int(digits)
