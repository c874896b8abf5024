"""Collating the answers to one request across many documents (``foiparse collate``).

:func:`figures` turns one response's JSON into its figures (table cells and prose
totals, with where each stands); :func:`collate` lines up many responses' figures on what
they count and when; :func:`write_collation` writes the wide and long CSVs, the report
and the mapping file. :func:`from_database` and :func:`from_files` give the responses of
an ingest database or of files parsed now. Names are imported when first used: the
batch workers import ``foiparse.collate.figures`` alone (each cell's place in the text),
and parsing a letter imports none of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foiparse.collate.figures import Figure, figures
    from foiparse.collate.match import Collation, Failure, Key, collate
    from foiparse.collate.sources import from_database, from_files
    from foiparse.collate.write import read_mapping, write_collation

_HOMES = {
    "Figure": "figures",
    "figures": "figures",
    "Collation": "match",
    "Failure": "match",
    "Key": "match",
    "collate": "match",
    "from_database": "sources",
    "from_files": "sources",
    "read_mapping": "write",
    "write_collation": "write",
}

__all__ = [
    "Collation",
    "Failure",
    "Figure",
    "Key",
    "collate",
    "figures",
    "from_database",
    "from_files",
    "read_mapping",
    "write_collation",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'foiparse.collate' has no attribute {name!r}")
    return getattr(importlib.import_module(f"foiparse.collate.{home}"), name)
