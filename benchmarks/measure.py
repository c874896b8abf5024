"""Timing and memory helpers for the benchmarks: medians, fresh processes, a process tree's peak memory.

On a shared machine a number measured now is not comparable with one measured an hour
ago, so every comparison here is interleaved: :func:`interleave` runs the contenders in
turn, round after round, and keeps each one's median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def rate(func: Callable[[], object], repeat: int, rounds: int = 5) -> float:
    """Median calls per second over ``rounds`` rounds of ``repeat`` calls (after a warm-up)."""
    for _ in range(max(1, repeat // 10)):
        func()
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        rates.append(repeat / (time.perf_counter() - start))
    return statistics.median(rates)


def interleave(contenders: Mapping[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Each contender's median over ``rounds`` rounds, the contenders taking turns within a round."""
    values: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, measure in contenders.items():
            values[name].append(measure())
    return {name: statistics.median(v) for name, v in values.items()}


def wall(cmd: Sequence[str], env: Mapping[str, str] | None = None) -> tuple[float, int]:
    """Seconds one run of ``cmd`` takes (its output thrown away), and its exit code."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, env=dict(env) if env is not None else None)
    return time.perf_counter() - start, done.returncode


def python_json(code: str, *args: str, env: Mapping[str, str] | None = None) -> object:
    """What ``code`` prints (one JSON value) when run by a fresh interpreter with ``args``."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        env=dict(env) if env is not None else None,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    return int(stat[stat.rindex(b")") + 2 :].split()[1])  # the name may hold spaces and brackets


@dataclass
class TreeMemory:
    """Samples the resident memory of a process and all its descendants, summed, every ``interval`` seconds.

    Reads ``/proc/*/status`` (VmRSS); a process's parent is read once, when it is first seen.
    """

    root: int
    interval: float = 0.05
    peak_kb: int = 0
    peak_parts: tuple[tuple[str, int], ...] = ()  # at the peak: each process's role and KB
    last_kb: int = 0
    samples: int = 0
    _parents: dict[int, int | None] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> TreeMemory:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024

    def sample(self) -> int:
        """The tree's resident memory now, in KB (and the peak updated)."""
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        alive = set(pids)
        for pid in list(self._parents):
            if pid not in alive:
                del self._parents[pid]
        for pid in pids:
            if pid not in self._parents:
                self._parents[pid] = _parent(pid)
        children: dict[int, list[int]] = {}
        for pid, parent in self._parents.items():
            if parent is not None:
                children.setdefault(parent, []).append(pid)
        parts: list[tuple[int, int]] = []
        todo = [self.root]
        while todo:
            pid = todo.pop()
            parts.append((pid, _rss_kb(pid)))
            todo.extend(children.get(pid, ()))
        total = sum(kb for _, kb in parts)
        self.last_kb = total
        if total > self.peak_kb:
            self.peak_kb = total
            self.peak_parts = tuple((self._role(pid), kb) for pid, kb in parts if kb)
        self.samples += 1
        return total

    def _role(self, pid: int) -> str:
        if pid == self.root:
            return "main"
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            return "gone"
        words = [a.decode(errors="replace") for a in argv if a]
        return next(
            (w.rsplit(".", 1)[-1] for w in words if w.startswith("foiparse.")), Path(words[0]).name if words else "?"
        )

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)


@dataclass(frozen=True)
class Watched:
    """One command run under :class:`TreeMemory`."""

    seconds: float
    peak_mb: float
    returncode: int
    peak_parts: tuple[tuple[str, int], ...]

    def breakdown(self) -> str:
        """The peak, process by process: ``main 120 + worker 80 + worker 79 MB``."""
        return " + ".join(f"{role} {kb / 1024:.0f}" for role, kb in self.peak_parts) + " MB"


def watch(
    cmd: Sequence[str],
    *,
    stdin: bytes | None = None,
    report: Callable[[float, float], None] | None = None,
    every: float = 15.0,
    cwd: Path | None = None,
) -> Watched:
    """Run ``cmd`` (output thrown away), sampling its process tree's memory; ``report(seconds, MB)`` every ``every`` s."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL, stdout=subprocess.DEVNULL, cwd=cwd
    )
    with TreeMemory(process.pid) as memory:
        if stdin is not None and process.stdin is not None:
            process.stdin.write(stdin)
            process.stdin.close()
        next_report = start + every
        while process.poll() is None:
            time.sleep(0.05)
            if report is not None and time.perf_counter() >= next_report:
                report(time.perf_counter() - start, memory.last_kb / 1024)
                next_report += every
    return Watched(time.perf_counter() - start, memory.peak_mb, process.returncode, memory.peak_parts)


def importtime(module: str, runs: int = 3, top: int = 10, also: Sequence[str] = ()) -> list[tuple[str, float, float]]:
    """The ``top`` slowest modules ``import module`` loads (``python -X importtime``): name, self and cumulative ms.

    Medians of ``runs``; then ``module`` itself and the packages in ``also``, for their cumulative time.
    """
    seen: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"], check=True, capture_output=True, text=True
        )
        for line in done.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) != 3 or not parts[0].strip().isdigit():
                continue
            seen.setdefault(parts[2].strip(), []).append((int(parts[0]), int(parts[1])))
    rows = [
        (name, statistics.median(s for s, _ in v) / 1000, statistics.median(c for _, c in v) / 1000)
        for name, v in seen.items()
    ]
    return sorted(rows, key=lambda row: -row[1])[:top] + [r for name in (*also, module) for r in rows if r[0] == name]


def stale_bytecode(package: Path) -> int:
    """How many modules under ``package`` have no bytecode as new as their source (each then compiles at start)."""
    import importlib.util

    count = 0
    for source in package.rglob("*.py"):
        cached = Path(importlib.util.cache_from_source(str(source)))
        if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
            count += 1
    return count
