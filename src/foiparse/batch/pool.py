"""Worker processes that can be killed: a hung or runaway input costs its timeout and nothing more.

Each worker is a child process (``python -m foiparse.batch.worker``) fed tasks on a
pipe. The pool keeps two tasks in flight per worker so that a worker never waits for
the parent; the first of them is timed from the moment the worker could start it. When
it overruns, the worker is killed and replaced, the input is recorded as a timeout, and
the task queued behind it goes back to the queue. A worker that dies (a crash inside a
parsing library, or its memory cap) is replaced the same way and the input recorded as
failed. Records come back in the order they finish; ``ahead`` bounds how far past the
oldest unfinished input tasks are sent, so a caller that puts them back in input order
holds a bounded number of them. A record may be followed by bytes of its own (the
command line's JSON, ``"bytes": N``), which come back as its ``body``.

Two kinds of task run in the same workers: ingest's record (a
:class:`~foiparse.batch.work.Job`) and the command line's printed JSON (a
:class:`~foiparse.batch.render_task.RenderJob`); the job given says which.

A task's time is kept by :class:`foiparse.isolate.Stopwatch`: the worker's CPU time, and
the time it spent waiting on something other than a CPU, neither counting while the
worker or this process was stopped (Ctrl-Z) or the machine was too busy to run it.
Whatever a worker has written is read before it is judged, so a finished task is never
a timeout.

A worker that cannot be started (too many open files or processes, no memory) or that
dies before it is ready costs no task: the pool goes on with the workers it has, and
fails with one :class:`~foiparse.errors.WorkerCrashedError` naming the cause only when
it has none and several starts in a row failed.

Plain subprocesses rather than ``multiprocessing``: they can run inside a daemonic Dask
worker, hold nothing forked from the parent, and can be killed without a trace. The
command line, which has loaded the parser already, forks its workers instead
(``fork=True``, :mod:`foiparse.batch.forked`): the same worker, ready at once.
"""

from __future__ import annotations

import collections
import contextlib
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from foiparse.batch.forked import ForkedWorker, fork_worker
from foiparse.batch.work import Record, failure
from foiparse.errors import WorkerStartError
from foiparse.isolate import TICK, Stopwatch, why_not_started

IN_FLIGHT = 8  # tasks sent ahead to each worker: it never waits while the parent writes
_START_WAIT = 60.0  # seconds (on a Stopwatch) a worker may take to load the parser before it is given up
_START_TRIES = 3  # starts that fail in a row, with no worker left, before the pool gives up
_PIPE_BUDGET = 32 * 1024  # bytes of tasks in a worker's pipe (which holds 64 KB), so a write never blocks


class AnyJob(Protocol):
    """What the pool needs of a job: its limits, and its settings for a worker's command line."""

    @property
    def timeout(self) -> float:
        """Seconds one task may take."""

    @property
    def max_memory_mb(self) -> int:
        """A worker's address space (0: no cap)."""

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Worker:
    process: subprocess.Popen[bytes] | ForkedWorker
    watch: Stopwatch  # the first task in flight since it could start; before ready, the start itself
    buffer: bytearray = field(default_factory=bytearray)
    tasks: collections.deque[tuple[int, str]] = field(default_factory=collections.deque)
    ready: bool = False  # it has loaded the parser: its tasks are timed from then
    pending: collections.deque[int] = field(default_factory=collections.deque)  # bytes of each task sent
    scanned: int = 0  # how far the buffer has been searched for a line end
    head: Record | None = None  # a record whose bytes are still arriving

    @property
    def answering(self) -> bool:
        """Whether it has begun to answer its task (judged finished with it: only the pipe is slow)."""
        return bool(self.buffer) or self.head is not None

    @property
    def fd(self) -> int:
        assert self.process.stdout is not None
        return self.process.stdout.fileno()


class Pool:
    """``jobs`` worker processes running a job's task (see the module docstring) under a time limit."""

    def __init__(self, jobs: int, job: AnyJob, *, fork: bool = False) -> None:
        self.jobs = max(1, jobs)
        self.job = job
        self.fork = fork  # workers forked from this process (which has loaded the parser), not new interpreters
        self._selector = selectors.DefaultSelector()
        self._workers: list[_Worker] = []
        self._failed_starts = 0  # in a row, since a worker last became ready
        self._why = ""  # why the last start failed
        self._finished: set[int] = set()  # keys answered past the oldest unfinished one
        self._oldest = 0  # the oldest key not yet answered

    def run(self, paths: Iterable[str], ahead: int | None = None) -> Generator[Record, None, None]:
        """A record for every path, as each finishes (each path is tagged with its position as ``key``).

        With ``ahead``, no task is sent whose key is ``ahead`` or more past the oldest
        unanswered one. A run left before its end (the iterator closed, an interrupt)
        kills its workers at once.

        Raises:
            WorkerCrashedError: no worker process could be started.
        """
        queue: collections.deque[tuple[int, str]] = collections.deque(enumerate(paths))
        if not queue:
            return
        finished = False
        try:
            for _ in range(min(self.jobs, len(queue))):
                if not self._start():
                    break  # out of processes or files: go on with the workers there are
            while queue or any(w.tasks for w in self._workers):
                if not self._workers:
                    self._revive()
                self._deal(queue, ahead)
                for record in self._collect(queue):
                    self._answered(record["key"])
                    yield record
            finished = True
        finally:
            self.close(kill=not finished)

    def _deal(self, queue: collections.deque[tuple[int, str]], ahead: int | None) -> None:
        """Send tasks one worker at a time, round after round, so that a few tasks are spread over all workers."""
        dealt = True
        while dealt and queue:
            dealt = False
            for worker in self._workers:
                if (
                    queue
                    and len(worker.tasks) < IN_FLIGHT
                    and (ahead is None or queue[0][0] < self._oldest + ahead)
                    and self._room(worker, queue[0])
                ):
                    self._send(worker, queue.popleft())
                    dealt = True

    def close(self, kill: bool = False) -> None:
        """Stop every worker: their queues are closed (the stubborn are killed), or with ``kill``, at once."""
        for worker in self._workers:
            self._stop(worker, kill=kill)
        self._workers.clear()

    def _answered(self, key: int) -> None:
        self._finished.add(key)
        while self._oldest in self._finished:
            self._finished.remove(self._oldest)
            self._oldest += 1

    def _start(self) -> bool:
        """Start one more worker; False (and the reason kept) when the system refuses."""
        try:
            process = self._forked() if self.fork else self._spawned()
        except OSError as exc:  # EMFILE, EAGAIN, ENOMEM: from the pipes, fork or exec
            self._start_failed(why_not_started(exc))
            return False
        worker = _Worker(process, Stopwatch(process.pid))
        os.set_blocking(worker.fd, False)
        self._selector.register(worker.fd, selectors.EVENT_READ, worker)
        self._workers.append(worker)
        return True

    def _spawned(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        return subprocess.Popen(
            [sys.executable, "-m", "foiparse.batch.worker", orjson.dumps(self.job.to_dict()).decode()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )

    def _forked(self) -> ForkedWorker:
        ours = [self._selector.fileno()] if hasattr(self._selector, "fileno") else []
        for worker in self._workers:  # the other workers' pipes: a copy held by this one would keep them open
            ours += [stream.fileno() for stream in (worker.process.stdin, worker.process.stdout) if stream is not None]
        return fork_worker(self.job.to_dict(), ours)

    def _start_failed(self, why: str) -> None:
        self._failed_starts += 1
        self._why = why

    def _revive(self) -> None:
        """Start a worker when none is left, or fail with the reason once starting has failed too often."""
        while not self._workers:
            if self._failed_starts >= _START_TRIES:
                raise WorkerStartError(f"cannot start worker processes: {self._why}")
            if not self._start():
                time.sleep(0.2 * self._failed_starts)  # processes of others may end meanwhile

    @staticmethod
    def _line(task: tuple[int, str]) -> bytes:
        # A path is any bytes the file system allows: sent as Latin-1 text of its bytes, which JSON can carry.
        raw = task[1].encode("utf-8", "surrogateescape").decode("latin-1")
        return orjson.dumps({"key": task[0], "path": raw}) + b"\n"

    def _room(self, worker: _Worker, task: tuple[int, str]) -> bool:
        """Whether the task fits in the worker's pipe: a write must never wait on a worker that waits on us."""
        return not worker.tasks or sum(worker.pending) + len(self._line(task)) <= _PIPE_BUDGET

    def _send(self, worker: _Worker, task: tuple[int, str]) -> None:
        if not worker.tasks and worker.ready:
            worker.watch.restart()
        line = self._line(task)
        worker.tasks.append(task)
        worker.pending.append(len(line))
        assert worker.process.stdin is not None
        try:
            worker.process.stdin.write(line)
            worker.process.stdin.flush()
        except BrokenPipeError:
            pass  # it died: its end of file is read below and its tasks accounted for

    def _collect(self, queue: collections.deque[tuple[int, str]]) -> Iterator[Record]:
        for key, _ in self._selector.select(timeout=TICK):
            yield from self._read(key.data, queue)
        for worker in list(self._workers):
            if not worker.tasks or worker not in self._workers or not worker.watch.due(TICK):
                continue  # idle, gone, or looked at within the tick: its clocks cannot have run out since
            worker.watch.look()
            limit = self.job.timeout if worker.ready else _START_WAIT
            if worker.answering or not worker.watch.over(limit):
                continue  # a worker that has begun to answer is done with its task
            yield from self._read(worker, queue)  # what it wrote since the select is read before it is judged
            if worker not in self._workers or not worker.tasks or worker.answering or not worker.watch.over(limit):
                continue  # it answered (which restarts its watch), or died and was replaced
            if worker.ready:
                key_, path = worker.tasks.popleft()
                worker.pending.popleft()
                message = f"took longer than {self.job.timeout:g} s: stopped"
                yield {**failure(path, "timeout", "TooSlowError", message), "key": key_}
            else:  # it never started a task: they go back to the queue
                self._start_failed(f"a worker process did not load the parser within {_START_WAIT:g} s")
            self._replace(worker, queue)

    def _read(self, worker: _Worker, queue: collections.deque[tuple[int, str]]) -> Iterator[Record]:
        """Every record the worker has written so far."""
        while True:
            try:
                chunk = os.read(worker.fd, 1 << 16)
            except BlockingIOError:
                return
            if not chunk:  # the worker is gone
                yield from self._dead(worker, queue)
                return
            worker.buffer += chunk
            while (record := self._next_record(worker)) is not None:
                if record.get("ready"):
                    worker.ready = True
                    worker.watch.restart()
                    self._failed_starts = 0
                    continue
                if worker.tasks and worker.tasks[0][0] == record.get("key"):
                    _, path = worker.tasks.popleft()
                    worker.pending.popleft()
                    record["path"] = path  # the name as the caller gave it, whatever its bytes
                worker.watch.restart(lazily=True)  # the next task's clock, read at its first look
                yield record

    @staticmethod
    def _next_record(worker: _Worker) -> Record | None:
        """The next whole record in the worker's buffer (with its bytes, if it has any), or None yet."""
        if worker.head is None:
            end = worker.buffer.find(b"\n", worker.scanned)
            if end < 0:
                worker.scanned = len(worker.buffer)
                return None
            record: Record = orjson.loads(bytes(worker.buffer[:end]))
            del worker.buffer[: end + 1]
            worker.scanned = 0
            if "bytes" not in record:
                return record
            worker.head = record
        size = int(worker.head["bytes"])
        if len(worker.buffer) < size:
            return None
        record, worker.head = worker.head, None
        with memoryview(worker.buffer) as view:
            record["body"] = bytes(view[:size])  # one copy (a slice of the bytearray would be another)
        del worker.buffer[:size]
        return record

    def _dead(self, worker: _Worker, queue: collections.deque[tuple[int, str]]) -> Iterator[Record]:
        """A worker's end of file: its task failed, or, if it died loading, it costs none."""
        returncode = worker.process.wait()
        if not worker.ready:
            cap = self.job.max_memory_mb
            hint = f" (is the memory cap of {cap:,} MB too low?)" if cap > 0 else ""
            self._start_failed(f"{_death(returncode)} before it was ready{hint}")
        elif worker.tasks:
            key_, path = worker.tasks.popleft()
            worker.pending.popleft()
            yield {**failure(path, "failed", "WorkerCrashedError", _death(returncode)), "key": key_}
        self._replace(worker, queue)

    def _replace(self, worker: _Worker, queue: collections.deque[tuple[int, str]]) -> None:
        """Stop a worker, put the tasks it had not started back in front of the queue, start another.

        After several failed starts in a row no other is tried while workers remain: the
        pool goes on with those (:meth:`_revive` tries again if none is left).
        """
        queue.extendleft(reversed(worker.tasks))
        worker.tasks.clear()
        worker.pending.clear()
        self._stop(worker, kill=True)
        self._workers.remove(worker)
        if (queue or any(w.tasks for w in self._workers)) and self._failed_starts < _START_TRIES:
            self._start()

    def _stop(self, worker: _Worker, kill: bool = False) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self._selector.unregister(worker.fd)
        process = worker.process
        if kill:
            process.kill()
        else:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


def _death(returncode: int) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        hint = " (out of memory?)" if -returncode in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV) else ""
        return f"the worker process died of {name}{hint}"
    return f"the worker process exited with status {returncode}"
