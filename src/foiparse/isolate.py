"""Run one parse in a forked child with a time limit and a memory cap.

Some hostile inputs cost their time and memory inside C libraries (PDFium inflating a
compressed stream to gigabytes, lexbor on markup nested a hundred thousand deep) where
no check of ours runs, and PDFium answers an allocation it cannot make by aborting the
process. So the command line parses a single input (or standard input) in a child
forked from itself: the modules are already loaded, so this costs a few milliseconds,
and the parent can stop the child at its time limit or notice that its memory cap
killed it, and say so in one line. Several inputs go to worker processes that stay
(:mod:`foiparse.batch.pool`), judged by the same clocks. The library's
:func:`foiparse.parse` runs in the caller's process as before; :func:`foiparse.parse_many`
isolates each input in those worker processes.

Stopped is not slow. A time limit is judged on two clocks kept by :class:`Stopwatch`,
neither of which runs while the child or the parent is stopped (Ctrl-Z, SIGSTOP):

* the child's own CPU time (``/proc/PID/stat``: it and its reaped children): a parse
  that computes is stopped once it has used ``timeout`` seconds (plus a little grace);
* the wall time during which the child was waiting on something other than a CPU
  (sleeping or blocked: state S or D): a parse that hangs without computing is stopped
  after ``3 × timeout`` of it (plus grace). Time stopped (T), and time waiting for a
  CPU on a busy machine (R), do not count; neither does time the parent itself did not
  look: each look counts at most a second past the one before, so a parent resumed
  after an hour finds the hour uncounted.

Whatever the child has written is read before it is judged, so a finished parse is
never a timeout. Without ``/proc`` (not Linux) the wall clock is all there is.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import orjson

from foiparse import errors
from foiparse.errors import FoiparseError, TooSlowError, WorkerCrashedError, WorkerStartError

# Imported now, not when a limit is hit: with every file descriptor in use, an import cannot open its file.
_resource: ModuleType | None
try:
    import resource as _resource
except ImportError:  # pragma: no cover - not POSIX
    _resource = None


def cap_memory(megabytes: int) -> None:
    """Let this process hold at most ``megabytes`` of memory (0: no limit); an allocation past it fails.

    The limit is on address space, the one the kernel enforces, but address space this
    process has only reserved and never touched (libraries mapped and not loaded, a
    model's file mapped, inherited by a child forked from a large process) is added on
    top: it is not memory, and a cap that counted it would fail a parse that uses little.
    """
    resource = _resource
    if megabytes <= 0 or resource is None:
        return
    limit = megabytes * 1024 * 1024 + _reserved_now()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _reserved_now() -> int:
    """Bytes of address space this process maps but does not hold (``/proc/self/statm``: size - resident)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            size, resident = (int(n) for n in fh.read().split()[:2])
    except (OSError, ValueError):
        return 0
    return max(0, size - resident) * os.sysconf("SC_PAGE_SIZE")


class InternalError(RuntimeError):
    """A bug in foiparse met in the child: its exception as ``Class: message``."""


def call_isolated(work: Callable[[], bytes], *, timeout: float, max_memory_mb: int, path: str | None) -> bytes:
    """``work()`` run in a forked child; its bytes, or its FoiparseError raised here.

    Raises:
        TooSlowError: the child ran past ``timeout`` seconds (see :class:`Stopwatch`) and was stopped.
        WorkerCrashedError: the child could not be started, or died (its memory cap, or a crash in a
            parsing library).
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation
        return work()
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:
        raise WorkerStartError(f"cannot start the parser process: {why_not_started(exc)}", path=path) from None
    try:
        pid = os.fork()
    except OSError as exc:  # EAGAIN (too many processes), ENOMEM
        os.close(read_end)
        os.close(write_end)
        raise WorkerStartError(f"cannot start the parser process: {why_not_started(exc)}", path=path) from None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, max_memory_mb)
    os.close(write_end)
    try:
        payload = _read_until_done(read_end, Stopwatch(pid), timeout, path)
    except BaseException:  # an interrupt, or the timeout: the child must not outlive the parse
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not payload:
        raise WorkerCrashedError(_death(status, max_memory_mb), path=path, returncode=status)
    kind, body = payload[:1], payload[1:]
    if kind == b"R":
        return body
    if kind == b"E":
        raise _rebuild(orjson.loads(body))
    raise InternalError(body.decode("utf-8", "replace"))


def why_not_started(exc: OSError) -> str:
    """The reason a process or pipe could not be made, naming the limit that was reached."""
    reason = exc.strerror or str(exc)
    resource = _resource
    if resource is None:  # pragma: no cover - not POSIX
        return reason
    if exc.errno == errno.EMFILE:
        return f"{reason} (ulimit -n {resource.getrlimit(resource.RLIMIT_NOFILE)[0]})"
    if exc.errno == errno.EAGAIN and (processes := resource.getrlimit(resource.RLIMIT_NPROC)[0]) >= 0:
        return f"{reason} (ulimit -u {processes})"
    return reason


TICK = 0.25  # seconds between looks at a busy child
_GRACE = 1.0  # seconds of CPU past the timeout before a child is stopped: the reader's own limit speaks first
_IDLE_FACTOR = 3  # a child that waits (not computing) is stopped after this many timeouts of waiting
_MAX_GAP = 1.0  # the most one look at a child counts past the last: longer, and the parent was stopped


def _wall() -> float:
    return time.monotonic()


@dataclass(frozen=True, slots=True)
class Usage:
    """What ``/proc/PID/stat`` says of a process."""

    state: str  # R running or waiting for a CPU, S/D waiting on something else, T/t stopped, Z exited
    cpu: float  # seconds of CPU used by it and its children that have exited


_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def usage(pid: int) -> Usage | None:
    """The process's state and CPU time, or None where ``/proc`` cannot say (gone, or not Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
        fields = stat[stat.rindex(b")") + 2 :].split()
        ticks = sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
        return Usage(fields[0].decode("ascii", "replace"), ticks / _TICKS_PER_SECOND)
    except (OSError, ValueError, IndexError):
        return None


class Stopwatch:
    """The time one process has spent on its task, on the two clocks the module docstring explains."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.restart()

    def restart(self, *, lazily: bool = False) -> None:
        """Start timing anew (a new task, or the process has just become ready).

        ``lazily``: the CPU used so far is read at the next look, not now. A pool whose
        workers answer hundreds of tasks a second would otherwise read ``/proc`` for
        every one; the CPU a task uses before that look (at most a tick) goes uncounted.
        """
        found = None if lazily else usage(self.pid)
        self._cpu_at_start: float | None = None if lazily else found.cpu if found else 0.0
        self._looked = _wall()
        self.cpu = 0.0
        self.waiting = 0.0

    def due(self, every: float) -> bool:
        """Whether ``every`` seconds have passed since the last look (or the start)."""
        return _wall() - self._looked >= every

    def look(self) -> None:
        """Add what has passed since the last look."""
        now = _wall()
        gap, self._looked = now - self._looked, now
        found = usage(self.pid)
        if found is not None:
            if self._cpu_at_start is None:
                self._cpu_at_start = found.cpu
            self.cpu = found.cpu - self._cpu_at_start
        if found is None or found.state in ("S", "D"):
            self.waiting += min(max(gap, 0.0), _MAX_GAP)

    def over(self, limit: float) -> bool:
        """Whether it has used more than ``limit`` seconds of CPU, or waited ``3 × limit`` (grace added to both)."""
        grace = min(_GRACE, limit / 2)
        return self.cpu > limit + grace or self.waiting > _IDLE_FACTOR * limit + grace


def _child(work: Callable[[], bytes], fd: int, max_memory_mb: int) -> None:
    code = 0
    try:
        with contextlib.suppress(Exception):
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the child
        die_with_parent()
        try:
            cap_memory(max_memory_mb)
            payload = b"R" + work()
        except FoiparseError as exc:
            payload = b"E" + _describe(exc)
        except MemoryError:
            cap = f" (the cap is {max_memory_mb:,} MB)" if max_memory_mb > 0 else ""
            payload = b"E" + _describe(errors.InputTooLargeError(f"ran out of memory while parsing{cap}"))
        except BaseException as exc:  # reported by the parent as an internal error
            payload = b"X" + f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _read_until_done(fd: int, watch: Stopwatch, timeout: float, path: str | None) -> bytes:
    """Everything the child writes; the child is judged only when nothing is waiting to be read."""
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([fd], [], [], TICK)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            continue
        watch.look()
        if watch.over(timeout):
            raise TooSlowError(f"took longer than {timeout:g} s: stopped", path=path)


def warm() -> None:
    """Import in the parent what every forked child would otherwise import again (ctypes, for :func:`die_with_parent`)."""
    import ctypes  # noqa: F401


def die_with_parent() -> None:
    """Linux: this process is killed if its parent dies first (so no parse outlives its command)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _describe(exc: FoiparseError) -> bytes:
    extra = {
        k: v for k, v in vars(exc).items() if k not in ("message", "path") and isinstance(v, (int, str, type(None)))
    }
    return orjson.dumps({"class": type(exc).__name__, "message": exc.message, "path": exc.path, "extra": extra})


def _rebuild(data: dict[str, Any]) -> FoiparseError:
    cls = getattr(errors, data["class"], FoiparseError)
    if not (isinstance(cls, type) and issubclass(cls, FoiparseError)):
        cls = FoiparseError
    exc = cls.__new__(cls)
    FoiparseError.__init__(exc, data["message"], path=data["path"])
    for key, value in data["extra"].items():
        setattr(exc, key, value)
    return exc


def _death(status: int, max_memory_mb: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        cap = f" (the cap is {max_memory_mb:,} MB)" if max_memory_mb > 0 else ""
        return f"the parser died of {name}: out of memory{cap}, or a crash inside a parsing library"
    return f"the parser exited with status {os.WEXITSTATUS(status)} before answering"
