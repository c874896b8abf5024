"""The same batch on a Dask cluster (``foiparse ingest --scheduler tcp://HOST:PORT``).

Inputs are sent in chunks; each chunk runs on a Dask worker through the same worker
pool as a local run (one killable child process, the same time and memory limits), so
the records, and the rows written from them, are the same. The inputs' paths must be
readable on the workers (a shared file system). Needs the ``dask`` extra.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from foiparse.batch.pool import Pool
from foiparse.batch.work import Job, Record
from foiparse.errors import MissingBackendError

CHUNK = 64  # inputs per Dask task: enough to pay for a task's overhead, few enough to spread


def run_on_dask(paths: list[str], job: Job, scheduler: str, chunk: int = CHUNK) -> Iterator[Record]:
    """A record for every path, parsed on the cluster at ``scheduler``, as chunks finish."""
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise MissingBackendError(
            "running on a Dask cluster needs dask.distributed: pip install 'foiparse[dask]'"
        ) from exc
    if not paths:
        return
    client = distributed.Client(scheduler, timeout="30s")
    try:
        settings = job.to_dict()
        futures = [
            client.submit(run_chunk, paths[i : i + chunk], settings, pure=False) for i in range(0, len(paths), chunk)
        ]
        for future in distributed.as_completed(futures):
            yield from future.result()
    finally:
        client.close()


def run_chunk(paths: list[str], settings: dict[str, Any]) -> list[Record]:
    """Run on a Dask worker: one chunk through a one-process pool."""
    return list(Pool(1, Job(**settings)).run(paths))
