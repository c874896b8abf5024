"""Batch work: many inputs in worker processes with time and memory limits, into SQLite or as results.

* :func:`ingest` walks files and directories into a SQLite database people can query
  (``foiparse ingest``), resumable and idempotent;
* :func:`parse_many` yields each input's response or error, in input order;
* :mod:`foiparse.batch.export` writes a database back out as JSON lines or CSV tables.

The names are loaded when first asked for, so that a module of this package (the
command line's task, a worker) can be imported without SQLite and the pool behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foiparse.batch.runner import BatchResult, IngestSummary, ingest, parse_many

__all__ = ["BatchResult", "IngestSummary", "ingest", "parse_many"]


def __getattr__(name: str) -> Any:
    """``ingest``, ``parse_many`` and their results, from :mod:`foiparse.batch.runner` when first asked for."""
    if name in __all__:
        from foiparse.batch import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'foiparse.batch' has no attribute {name!r}")
