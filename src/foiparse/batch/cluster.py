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
from foiparse.batch.work import Job, Record, failure
from foiparse.errors import FoiparseError, MissingBackendError

CHUNK = 64  # inputs per Dask task: enough to pay for a task's overhead, few enough to spread
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler


def run_on_dask(paths: list[str], job: Job, scheduler: str, chunk: int = CHUNK) -> Iterator[Record]:
    """A record for every path (``key``: its position), parsed on the cluster at ``scheduler``, as chunks finish.

    Raises:
        MissingBackendError: dask.distributed is not installed.
        FoiparseError: the scheduler cannot be reached.
    """
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise MissingBackendError(
            "running on a Dask cluster needs dask.distributed: pip install 'foiparse[dask]'"
        ) from exc
    if not paths:
        return
    try:
        client = distributed.Client(scheduler, timeout=f"{CONNECT_TIMEOUT:g}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise FoiparseError(f"cannot reach the Dask scheduler: {exc}", path=scheduler) from None
    try:
        settings = job.to_dict()
        starts = {}
        for offset in range(0, len(paths), chunk):
            future = client.submit(run_chunk, paths[offset : offset + chunk], settings, pure=False)
            starts[future.key] = (future, offset)
        for future in distributed.as_completed([f for f, _ in starts.values()]):
            offset = starts[future.key][1]
            part = paths[offset : offset + chunk]
            try:
                records = future.result()
            except Exception as exc:  # a Dask worker lost with its chunk: each input is recorded, not dropped
                message = f"the Dask task failed: {type(exc).__name__}: {exc}"
                records = [
                    {**failure(path, "failed", "WorkerCrashedError", message), "key": k} for k, path in enumerate(part)
                ]
            for record in records:
                record["key"] += offset
                yield record
    finally:
        client.close()


def run_chunk(paths: list[str], settings: dict[str, Any]) -> list[Record]:
    """Run on a Dask worker: one chunk through a one-process pool."""
    return list(Pool(1, Job(**settings)).run(paths))
