"""The inputs of ``foiparse FILE...``, each to the bytes it prints or its error, in input order.

Several files go through the persistent batch workers (:class:`~foiparse.batch.pool.Pool`,
the command line's task of :mod:`foiparse.batch.render_task`), forked from the command
once it has loaded the parser (:mod:`foiparse.batch.forked`), so that the parser is
loaded once, not once per file; their answers are put back in input order as they come,
and no more than a bounded number are sent ahead of the oldest one still awaited, so
memory stays that of a few answers however many files there are. Standard input (``-``)
and a single file are parsed in a child forked from the command (:mod:`foiparse.isolate`),
warmed first: the parser is imported before the fork, so the child does not import it.
When the system will start no worker (``ulimit -u``, ``ulimit -n``), the files left are
parsed in forked children instead, each reporting its own failure to start.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from foiparse.batch.render_task import RenderJob, failure_of, render, warm
from foiparse.errors import FoiparseError

Record = dict[str, Any]  # a worker's answer (as :mod:`foiparse.batch.work` has it, without importing that)
AHEAD_PER_WORKER = 32  # tasks sent past the oldest unanswered one, per worker: answers held for ordering


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's result: the bytes to print, or the exit code and the line that say why there are none."""

    body: bytes = b""
    exit_code: int = 0
    where: str = ""  # the name the error line gives
    message: str = ""


def label_of(name: str) -> str:
    """How an input is named in messages."""
    return "<stdin>" if name == "-" else name


class InOrder:
    """Each input's :class:`Outcome`, in input order; ``current`` names the input awaited (for an interrupt).

    Close it (or use it as a context manager) when leaving early: its workers are then
    killed at once.
    """

    def __init__(self, files: Sequence[str], job: RenderJob, jobs: int | None) -> None:
        self.files = list(files)
        self.job = job
        self.current = ""
        self._warm = False
        self._records: Generator[Record, None, None] | None = None
        named = [name for name in self.files if name != "-"]
        if len(named) >= 2:  # one file goes to a child of its own: no pool to set up and stop
            from foiparse.batch.pool import Pool, default_jobs

            workers = min(jobs or default_jobs(), len(named))
            self._load()
            self._records = Pool(workers, job, fork=True).run(named, ahead=AHEAD_PER_WORKER * workers)

    def __enter__(self) -> InOrder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (killed when their answers are no longer wanted)."""
        if self._records is not None:
            with contextlib.suppress(Exception):
                self._records.close()
            self._records = None

    def __iter__(self) -> Iterator[Outcome]:
        waiting: dict[int, Record] = {}
        key = 0
        for name in self.files:
            self.current = label_of(name)
            if name == "-":
                yield self._alone(name)
                continue
            record = waiting.pop(key, None) or self._answer(key, waiting)
            key += 1
            yield self._alone(name) if record is None else self._outcome(record, name)

    def _answer(self, key: int, waiting: dict[int, Record]) -> Record | None:
        """The workers' record for input ``key`` (others that come first are kept); None when there are no workers."""
        while self._records is not None:
            try:
                record = next(self._records)
            except StopIteration:
                break
            except Exception:  # WorkerStartError: no worker would start (or a bug in the pool)
                self._records = None  # the rest are forked from here one by one, each with its answer or its line
                break
            if record["key"] == key:
                return record
            waiting[record["key"]] = record
        return None

    def _outcome(self, record: Record, name: str) -> Outcome:
        if "body" in record:
            return Outcome(record["body"])
        code, where, message = failure_of(record, label_of(name))
        return Outcome(exit_code=code, where=where, message=message)

    def _load(self) -> None:
        """Import here, once, what parsing needs: each worker or child is forked with it loaded."""
        if not self._warm:
            from foiparse.isolate import warm as warm_isolate

            warm(self.job)
            warm_isolate()
            self._warm = True

    def _alone(self, name: str) -> Outcome:
        """One input in a child forked from this process, as each input was before the workers."""
        from foiparse.isolate import InternalError, call_isolated

        self._load()
        job = self.job
        label = label_of(name)

        def work() -> bytes:
            source = read_stdin(job.max_bytes) if name == "-" else name
            return render(source, job.options(), None if name == "-" else name, job.validate, job.compact)

        try:
            return Outcome(call_isolated(work, timeout=job.timeout, max_memory_mb=job.max_memory_mb, path=label))
        except FoiparseError as exc:
            return Outcome(exit_code=exc.exit_code, where=exc.path or label, message=exc.message)
        except OSError as exc:  # standard input could not be read
            return Outcome(exit_code=1, where=label, message=f"cannot read: {exc.strerror or exc}")
        except InternalError as exc:
            return Outcome(exit_code=1, where=label, message=f"internal error ({exc}); please report it")
        except Exception as exc:  # a bug must still be one line, and must not stop the others
            return Outcome(
                exit_code=1, where=label, message=f"internal error ({type(exc).__name__}: {exc}); please report it"
            )


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, read inside the parser process: under its memory cap and time limit.

    Read by the command itself, an endless or huge standard input under a large
    ``--max-bytes`` would take the machine's memory before any cap applied.
    """
    from foiparse.pipeline import read_limited

    try:
        return read_limited(sys.stdin.buffer, max_bytes)
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path="<stdin>") from None
