"""A batch worker process: ``python -m foiparse.batch.worker JOB_JSON``.

It reads one task per line on standard input (``{"key": …, "path": …}``) and answers
each with one record per line on its standard output, in order. The job says which
task it runs: ingest's record (:func:`foiparse.batch.work.work`), or, when it holds
``"kind": "json"``, the bytes ``foiparse FILE...`` prints (:mod:`foiparse.batch.render_task`).
Such bytes follow their record line unchanged, which says how many there are
(``{"key": …, "bytes": N}``), so they are neither escaped nor parsed on the way.

Its address space is capped (``max_memory_mb``) so that a hostile file kills this
process, not the machine; the pool that started it notices, records the input and
starts another. Standard output is kept for the answers alone: anything a parsing
library prints goes to the null device.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import IO, Any

import orjson

from foiparse.batch import render_task
from foiparse.batch.work import Job, failure, work
from foiparse.isolate import cap_memory, die_with_parent

READY = b'{"ready":true}\n'

Answer = tuple[dict[str, Any], bytes | None]  # a record, and the bytes that follow it (if any)


def main(argv: list[str] | None = None) -> int:
    """Serve tasks until standard input closes."""
    args = sys.argv[1:] if argv is None else argv
    settings: dict[str, Any] = orjson.loads(args[0]) if args else {}
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())  # C libraries that print cannot corrupt the records
    serve(settings, sys.stdin.buffer, out)
    return 0


def serve(settings: dict[str, Any], tasks: IO[bytes], out: IO[bytes]) -> None:
    """Load the parser for the job ``settings`` describes, say ready, and answer each task until ``tasks`` ends."""
    answer: Callable[[str], Answer]
    if settings.get("kind") == render_task.KIND:
        answer = _command_line(render_task.RenderJob.from_dict(settings))
    else:
        job = Job(**settings)
        cap_memory(job.max_memory_mb)
        import foiparse.pipeline  # noqa: F401  (loaded before saying ready: a task's clock excludes start-up)

        answer = lambda path: (_record(path, job), None)  # noqa: E731
    out.write(READY)
    out.flush()
    for line in tasks:
        if not line.strip():
            continue
        task = orjson.loads(line)
        path = task["path"].encode("latin-1").decode("utf-8", "surrogateescape")  # the path's bytes, as sent
        record, body = answer(path)
        record["key"] = task["key"]
        if body is not None:
            record["bytes"] = len(body)
        try:
            head = orjson.dumps(record)
        except (TypeError, ValueError) as exc:  # a bug: still one record, not a dead worker
            body = None
            head = orjson.dumps(
                {**failure("", "failed", "InternalError", f"cannot send the result: {exc}"), "key": task["key"]}
            )
        out.write(head + b"\n" + body if body is not None else head + b"\n")
        out.flush()


def _command_line(job: render_task.RenderJob) -> Callable[[str], Answer]:
    """The command line's task: as its forked child, Ctrl-C is left to the command and the worker dies with it."""
    with contextlib.suppress(Exception):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command stops its workers itself
    die_with_parent()
    cap_memory(job.max_memory_mb)
    render_task.warm(job)
    options = job.options()
    return lambda path: render_task.work(path, job, options)


def _record(path: str, job: Job) -> dict[str, Any]:
    record = work(path, job)
    del record["path"]  # the pool knows it; it may hold bytes that are not UTF-8
    return record


if __name__ == "__main__":
    sys.exit(main())
