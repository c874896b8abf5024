"""Regular expressions compiled on first use.

Compiling every pattern at import costs a cold ``foiparse FILE`` tens of milliseconds;
patterns that most letters never reach (US citations, questions-and-answers layouts,
the Scottish regimes) are wrapped here so that only the letters that need them pay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(pattern, flags)``, compiled on its first call."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
