"""Where a collation's responses come from: a batch database, or files parsed now.

Both give each response's figures in path order, and the inputs that could not be
parsed as :class:`~foiparse.collate.match.Failure` so the report can list them. The
database is read in one pass along its path index with one document's JSON in memory at
a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from foiparse.collate.figures import Figure, figures
from foiparse.collate.match import Failure


def from_database(db_path: str | os.PathLike[str], failures: list[Failure]) -> Iterator[tuple[str, list[Figure]]]:
    """Each parsed document's figures; the failed, timed-out and skipped ones are added to ``failures``."""
    from foiparse.batch.export import _open
    from foiparse.batch.store import unpack

    store = _open(db_path)
    try:
        for path, status, error, json in store.rows(
            "SELECT path, status, error, CASE WHEN status = 'ok' THEN json END FROM documents "
            "WHERE attachment IS NULL OR status = 'ok' ORDER BY path, id"
        ):
            if status != "ok" or json is None:
                failures.append(Failure(path, status, error or ""))
                continue
            yield path, list(figures(orjson.loads(unpack(json) or b"{}"), document=path))
    finally:
        store.close()


def from_files(paths: Iterable[str], failures: list[Failure], **limits: Any) -> Iterator[tuple[str, list[Figure]]]:
    """Each file's figures, parsed in worker processes under the usual limits (``parse_many``'s keywords)."""
    from foiparse.batch.runner import parse_many
    from foiparse.serialize import to_dict

    for result in parse_many(paths, **limits):
        if result.response is None:
            failures.append(Failure(result.path, result.status, result.error.message if result.error else ""))
            continue
        yield result.path, list(figures(to_dict(result.response), document=result.path))
