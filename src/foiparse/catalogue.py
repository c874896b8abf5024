"""The catalogue of provisions (``data/provisions.toml``), loaded once and looked up.

Kept as data so that a provision's name, kind or cue words can be corrected without
touching the extractors. The TOML is read through ``_provisions.py``, the same data
as a Python literal (``tools/build_provisions.py`` writes it; a test keeps the two
equal), so that a cold start loads bytecode instead of parsing TOML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Provision:
    """One ground for withholding: where it is, what it is called, what kind it is."""

    law: str
    key: str
    name: str
    kind: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Provisions by law, and the procedural ones that are never exemptions."""

    provisions: dict[str, dict[str, Provision]]
    procedural: dict[str, frozenset[str]]
    titles: dict[str, str]  # law -> its full title, for messages and documentation

    def lookup(self, law: str, provision: str) -> Provision | None:
        """Most specific first: ``40(2)(a)`` finds ``40(2)``, then ``40``."""
        table = self.provisions.get(law, {})
        key = provision
        while key:
            if key in table:
                return table[key]
            shorter = re.sub(r"\([^()]*\)$", "", key)
            if shorter == key:
                break
            key = shorter
        return None

    def is_procedural(self, law: str, provision: str) -> bool:
        """True for provisions letters cite that do not withhold anything."""
        proc = self.procedural.get(law, frozenset())
        key = provision
        while key:
            if key in proc:
                return True
            shorter = re.sub(r"\([^()]*\)$", "", key)
            if shorter == key:
                return False
            key = shorter
        return False


@functools.cache
def catalogue() -> Catalogue:
    """The packaged catalogue, built once per process."""
    from foiparse._provisions import CATALOGUE

    return build(CATALOGUE)


def build(raw: dict[str, Any]) -> Catalogue:
    """A catalogue from the tables of ``provisions.toml`` as ``tomllib`` reads them."""
    laws = raw["laws"]
    provisions = {
        law: {
            key: Provision(law, key, entry["name"], entry["kind"], tuple(entry.get("cues", ())))
            for key, entry in entries.items()
        }
        for law, entries in raw.items()
        if law != "laws"
    }
    procedural = {law: frozenset(info.get("procedural", ())) for law, info in laws.items()}
    titles = {law: info["title"] for law, info in laws.items()}
    return Catalogue(provisions, procedural, titles)
