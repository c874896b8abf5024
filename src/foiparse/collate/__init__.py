"""Collating the answers to one request across many documents (``foiparse collate``).

:func:`figures` turns one response's JSON into its figures (table cells and prose
totals, with where each stands); :func:`collate` lines up many responses' figures on what
they count and when; :func:`write_collation` writes the wide and long CSVs, the report
and the mapping file. :func:`from_database` and :func:`from_files` give the responses of
an ingest database or of files parsed now. Parsing a letter never imports this package.
"""

from __future__ import annotations

from foiparse.collate.figures import Figure, figures
from foiparse.collate.match import Collation, Failure, Key, collate
from foiparse.collate.sources import from_database, from_files
from foiparse.collate.write import read_mapping, write_collation

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
