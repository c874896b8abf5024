"""Run one parse in a forked child with a time limit and a memory cap.

Some hostile inputs cost their time and memory inside C libraries (PDFium inflating a
compressed stream to gigabytes, lexbor on markup nested a hundred thousand deep) where
no check of ours runs, and PDFium answers an allocation it cannot make by aborting the
process. So the command line parses each input in a child forked from itself: the
modules are already loaded, so this costs a few milliseconds, and the parent can stop
the child at its time limit or notice that its memory cap killed it, and say so in one
line. The library's :func:`foiparse.parse` runs in the caller's process as before;
:func:`foiparse.parse_many` isolates each input the same way, in worker processes.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time
from collections.abc import Callable
from typing import Any

import orjson

from foiparse import errors
from foiparse.errors import FoiparseError, TooSlowError, WorkerCrashedError


def cap_memory(megabytes: int) -> None:
    """Limit this process's address space (0: no limit); an allocation past it fails."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def call_isolated(work: Callable[[], bytes], *, timeout: float, max_memory_mb: int, path: str | None) -> bytes:
    """``work()`` run in a forked child; its bytes, or its FoiparseError raised here.

    Raises:
        TooSlowError: the child ran past ``timeout`` seconds and was stopped.
        WorkerCrashedError: the child died (its memory cap, or a crash in a parsing library).
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: no isolation
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, max_memory_mb)
    os.close(write_end)
    try:
        payload = _read_until(read_end, pid, time.monotonic() + timeout, timeout, path)
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
    raise RuntimeError(body.decode("utf-8", "replace"))


def _child(work: Callable[[], bytes], fd: int, max_memory_mb: int) -> None:
    code = 0
    try:
        with contextlib.suppress(Exception):
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the child
        _die_with_parent()
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


def _read_until(fd: int, pid: int, deadline: float, timeout: float, path: str | None) -> bytes:
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TooSlowError(f"took longer than {timeout:g} s: stopped", path=path)
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _die_with_parent() -> None:
    """Linux: the child is killed if the parent dies first (so no parse outlives its command)."""
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
