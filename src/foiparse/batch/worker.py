"""A batch worker process: ``python -m foiparse.batch.worker JOB_JSON``.

It reads one task per line on standard input (``{"key": …, "path": …}``) and answers
each with one record per line on its standard output, in order. Its address space is
capped (``Job.max_memory_mb``) so that a hostile file kills this process, not the
machine; the pool that started it notices, records the input and starts another.
Standard output is kept for the records alone: anything a parsing library prints goes
to the null device.
"""

from __future__ import annotations

import os
import sys

import orjson

from foiparse.batch.work import Job, failure, work
from foiparse.isolate import cap_memory

READY = b'{"ready":true}\n'


def main(argv: list[str] | None = None) -> int:
    """Serve tasks until standard input closes."""
    args = sys.argv[1:] if argv is None else argv
    job = Job(**orjson.loads(args[0])) if args else Job()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())  # C libraries that print cannot corrupt the records
    cap_memory(job.max_memory_mb)
    import foiparse.pipeline  # noqa: F401  (loaded before saying ready: a task's clock excludes start-up)

    out.write(READY)
    out.flush()
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        task = orjson.loads(line)
        path = task["path"].encode("latin-1").decode("utf-8", "surrogateescape")  # the path's bytes, as sent
        record = work(path, job)
        record["key"] = task["key"]
        del record["path"]  # the pool knows it; it may hold bytes that are not UTF-8
        try:
            answer = orjson.dumps(record)
        except (TypeError, ValueError) as exc:  # a bug: still one record, not a dead worker
            answer = orjson.dumps(
                {**failure("", "failed", "InternalError", f"cannot send the result: {exc}"), "key": task["key"]}
            )
        out.write(answer + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
