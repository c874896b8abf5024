"""Worker processes that can be killed: a hung or runaway input costs its timeout and nothing more.

Each worker is a child process (``python -m foiparse.batch.worker``) fed tasks on a
pipe. The pool keeps two tasks in flight per worker so that a worker never waits for
the parent; the first of them is timed from the moment the worker could start it. When
it overruns, the worker is killed and replaced, the input is recorded as a timeout, and
the task queued behind it goes back to the queue. A worker that dies (a crash inside a
parsing library, or its memory cap) is replaced the same way and the input recorded as
failed. Records come back in the order they finish.

Plain subprocesses rather than ``multiprocessing``: they can run inside a daemonic Dask
worker, hold nothing forked from the parent, and can be killed without a trace.
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from foiparse.batch.work import Job, Record, failure

IN_FLIGHT = 8  # tasks sent ahead to each worker: it never waits while the parent writes
_GRACE = 1.0  # seconds past the timeout before a worker is killed: the reader's own limit speaks first
_START_WAIT = 60.0  # how long to wait for a worker to load the parser before giving up on it
_PIPE_BUDGET = 32 * 1024  # bytes of tasks in a worker's pipe (which holds 64 KB), so a write never blocks


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    buffer: bytearray = field(default_factory=bytearray)
    tasks: collections.deque[tuple[int, str]] = field(default_factory=collections.deque)
    since: float = 0.0  # when the first task in flight could start
    ready: bool = False  # it has loaded the parser: its clock runs from then
    started: float = field(default_factory=time.monotonic)
    pending: collections.deque[int] = field(default_factory=collections.deque)  # bytes of each task sent
    scanned: int = 0  # how far the buffer has been searched for a line end

    @property
    def fd(self) -> int:
        assert self.process.stdout is not None
        return self.process.stdout.fileno()


class Pool:
    """``jobs`` worker processes running :func:`foiparse.batch.work.work` under a time limit."""

    def __init__(self, jobs: int, job: Job) -> None:
        self.jobs = max(1, jobs)
        self.job = job
        self._selector = selectors.DefaultSelector()
        self._workers: list[_Worker] = []

    def run(self, paths: Iterable[str]) -> Iterator[Record]:
        """A record for every path, as each finishes (each path is tagged with its position as ``key``)."""
        queue: collections.deque[tuple[int, str]] = collections.deque(enumerate(paths))
        if not queue:
            return
        try:
            for _ in range(min(self.jobs, len(queue))):
                self._start()
            while queue or any(w.tasks for w in self._workers):
                for worker in self._workers:
                    while queue and len(worker.tasks) < IN_FLIGHT and self._room(worker, queue[0]):
                        self._send(worker, queue.popleft())
                yield from self._collect(queue)
        finally:
            self.close()

    def close(self) -> None:
        """Stop every worker (their queues are closed; the stubborn are killed)."""
        for worker in self._workers:
            self._stop(worker)
        self._workers.clear()

    def _start(self) -> _Worker:
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        process = subprocess.Popen(
            [sys.executable, "-m", "foiparse.batch.worker", orjson.dumps(self.job.to_dict()).decode()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
        )
        worker = _Worker(process)
        os.set_blocking(worker.fd, False)
        self._selector.register(worker.fd, selectors.EVENT_READ, worker)
        self._workers.append(worker)
        return worker

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
            worker.since = time.monotonic()
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
        now = time.monotonic()
        limit = self.job.timeout + min(_GRACE, self.job.timeout / 2)
        busy = [w for w in self._workers if w.tasks and w.ready]
        starting = [w.started + _START_WAIT - now for w in self._workers if not w.ready]
        wait = min([*(w.since + limit - now for w in busy), *starting], default=_START_WAIT)
        for key, _ in self._selector.select(timeout=max(0.0, wait)):
            worker: _Worker = key.data
            yield from self._read(worker, queue)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.tasks and worker.ready and now - worker.since > limit:
                key_, path = worker.tasks.popleft()
                message = f"took longer than {self.job.timeout:g} s: stopped"
                yield {**failure(path, "timeout", "TooSlowError", message), "key": key_}
                self._replace(worker, queue)
            elif worker.tasks and not worker.ready and now - worker.started > _START_WAIT:
                key_, path = worker.tasks.popleft()
                message = f"the worker process did not start within {_START_WAIT:g} s"
                yield {**failure(path, "failed", "WorkerCrashedError", message), "key": key_}
                self._replace(worker, queue)

    def _read(self, worker: _Worker, queue: collections.deque[tuple[int, str]]) -> Iterator[Record]:
        try:
            chunk = os.read(worker.fd, 1 << 16)
        except BlockingIOError:
            return
        if not chunk:  # the worker is gone
            returncode = worker.process.wait()
            if worker.tasks:
                key_, path = worker.tasks.popleft()
                yield {**failure(path, "failed", "WorkerCrashedError", _death(returncode)), "key": key_}
            self._replace(worker, queue)
            return
        worker.buffer += chunk
        while (end := worker.buffer.find(b"\n", worker.scanned)) >= 0:
            line = bytes(worker.buffer[:end])
            del worker.buffer[: end + 1]
            worker.scanned = 0
            record: Record = orjson.loads(line)
            if record.get("ready"):
                worker.ready, worker.since = True, time.monotonic()
                continue
            if worker.tasks and worker.tasks[0][0] == record.get("key"):
                _, path = worker.tasks.popleft()
                worker.pending.popleft()
                record["path"] = path  # the name as the caller gave it, whatever its bytes
            worker.since = time.monotonic()
            yield record
        worker.scanned = len(worker.buffer)

    def _replace(self, worker: _Worker, queue: collections.deque[tuple[int, str]]) -> None:
        """Stop a worker, put the tasks it had not started back in front of the queue, start another."""
        queue.extendleft(reversed(worker.tasks))
        worker.tasks.clear()
        worker.pending.clear()
        self._stop(worker, kill=True)
        self._workers.remove(worker)
        if queue or any(w.tasks for w in self._workers):
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
