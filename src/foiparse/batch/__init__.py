"""Batch work: many inputs in worker processes with time and memory limits, into SQLite or as results.

* :func:`ingest` walks files and directories into a SQLite database people can query
  (``foiparse ingest``), resumable and idempotent;
* :func:`parse_many` yields each input's response or error, in input order;
* :mod:`foiparse.batch.export` writes a database back out as JSON lines or CSV tables.
"""

from __future__ import annotations

from foiparse.batch.runner import BatchResult, IngestSummary, ingest, parse_many

__all__ = ["BatchResult", "IngestSummary", "ingest", "parse_many"]
