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

from foiparse.batch.work import Job, work

READY = b'{"ready":true}\n'


def _cap_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX: no cap
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main(argv: list[str] | None = None) -> int:
    """Serve tasks until standard input closes."""
    args = sys.argv[1:] if argv is None else argv
    job = Job(**orjson.loads(args[0])) if args else Job()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())  # C libraries that print cannot corrupt the records
    _cap_memory(job.max_memory_mb)
    import foiparse.pipeline  # noqa: F401  (loaded before saying ready: a task's clock excludes start-up)

    out.write(READY)
    out.flush()
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        task = orjson.loads(line)
        record = work(task["path"], job)
        record["key"] = task["key"]
        out.write(orjson.dumps(record) + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
