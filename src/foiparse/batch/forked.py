"""A batch worker forked from this process instead of started as a new interpreter.

The command line has loaded the parser before it starts its workers, so a worker
forked from it is ready in a few milliseconds, where ``python -m foiparse.batch.worker``
loads Python and the parser again (about a fifth of a second, before the first file).
The child is the same worker (:func:`foiparse.batch.worker.serve`) on the same pipes,
under the same memory cap and time limit, and looks to the pool like the subprocess it
replaces. It keeps nothing of the command's: the other workers' pipes are closed in it,
and its standard streams are the null device (tasks and answers go by their own pipes).
Ingest keeps starting new interpreters: it can run inside a daemonic Dask worker, whose
threads a fork would copy in whatever state they were.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterable
from typing import IO, Any

from foiparse.batch.worker import serve  # imported here, before any fork: a child imports nothing

_POLL = 0.01  # seconds between looks at a child being waited for with a time limit


class ForkedWorker:
    """The parts of :class:`subprocess.Popen` the pool uses, for a forked worker."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdin: IO[bytes] | None = stdin
        self.stdout: IO[bytes] | None = stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """Its exit code (negative: the signal that killed it) once it has ended, else None."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: it has ended, how is not known
                self.returncode = -signal.SIGKILL
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for it to end, at most ``timeout`` seconds (then :class:`subprocess.TimeoutExpired`)."""
        if timeout is None:
            while self.returncode is None:
                try:
                    _, status = os.waitpid(self.pid, 0)
                except ChildProcessError:
                    self.returncode = -signal.SIGKILL
                    break
                self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode
        deadline = time.monotonic() + timeout
        while (code := self.poll()) is None:
            if time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout)
            time.sleep(_POLL)
        return code

    def kill(self) -> None:
        """Kill it (nothing if it has already ended)."""
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def fork_worker(settings: dict[str, Any], inherited: Iterable[int]) -> ForkedWorker:
    """A worker forked from this process, serving ``settings``'s job; ``inherited``: descriptors it must not keep.

    Raises:
        OSError: no pipe or process could be made (too many open files or processes, no memory).
    """
    tasks_read, tasks_write = os.pipe()
    try:
        answers_read, answers_write = os.pipe()
    except OSError:
        os.close(tasks_read)
        os.close(tasks_write)
        raise
    try:
        pid = os.fork()
    except OSError:
        for fd in (tasks_read, tasks_write, answers_read, answers_write):
            os.close(fd)
        raise
    if pid == 0:  # the child: never returns
        _child(settings, tasks_read, answers_write, [tasks_write, answers_read, *inherited])
    os.close(tasks_read)
    os.close(answers_write)
    return ForkedWorker(pid, os.fdopen(tasks_write, "wb"), os.fdopen(answers_read, "rb", buffering=0))


def _child(settings: dict[str, Any], tasks: int, answers: int, foreign: list[int]) -> None:
    code = 0
    try:
        for fd in foreign:
            with contextlib.suppress(OSError):
                os.close(fd)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the command's own streams are not the worker's: what a library prints is lost
            os.dup2(null, fd)
        if null > 2:
            os.close(null)
        with os.fdopen(tasks, "rb") as task_stream, os.fdopen(answers, "wb") as out:
            serve(settings, task_stream, out)
    except BaseException:
        code = 70
    finally:
        os._exit(code)
