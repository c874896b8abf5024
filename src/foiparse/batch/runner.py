"""Batch runs: parse many inputs in worker processes, into SQLite (``ingest``) or as results (``parse_many``)."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from foiparse import errors
from foiparse.batch.pool import Pool, default_jobs
from foiparse.batch.store import Seen, Store
from foiparse.batch.walk import Input
from foiparse.batch.walk import walk as walk
from foiparse.batch.work import Job, Record, failure, parser_version
from foiparse.errors import FoiparseError
from foiparse.limits import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_MEMORY_MB,
    MAX_PAGES,
    MAX_SECONDS,
)
from foiparse.model import FoiResponse
from foiparse.pipeline import display_name

_COMMIT_EVERY = 5000  # inputs (or one second, whichever comes first: a kill loses at most that)
_COMMIT_SECONDS = 1.0
Runner = Callable[[list[str], Job], Iterator[Record]]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What a run did: inputs per status (``unchanged``: done by an earlier run), time, rate."""

    counts: dict[str, int]
    seconds: float
    still_failed: int = 0  # unchanged inputs that an earlier run recorded as failed or timed out

    @property
    def failed(self) -> int:
        """Inputs that failed or ran out of time, in this run or (unchanged since) in an earlier one."""
        bad = ("failed", "timeout", "attachment failed", "attachment timeout")
        return sum(self.counts.get(status, 0) for status in bad) + self.still_failed

    @property
    def parsed(self) -> int:
        """Inputs this run worked on (everything but ``unchanged``)."""
        return sum(n for s, n in self.counts.items() if s != "unchanged" and not s.startswith("attachment"))

    @property
    def rate(self) -> float:
        """Inputs worked on per second."""
        return self.parsed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One line for people: counts per status, time and rate."""
        order = ["ok", "failed", "timeout", "skipped", "unchanged"]
        parts = [f"{self.counts[s]:,} {s}" for s in order if self.counts.get(s)] or ["no inputs"]
        attached = [f"{n:,} {s.split()[1]}" for s, n in sorted(self.counts.items()) if s.startswith("attachment")]
        if attached:
            parts.append(f"attachments: {', '.join(attached)}")
        if self.still_failed:
            parts.append(f"of which {self.still_failed:,} failed before (--retry-failed to try them again)")
        rate = f" ({self.rate:,.0f} documents/s)" if self.parsed else ""
        return f"{', '.join(parts)} in {self.seconds:.1f} s{rate}"


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One input of :func:`parse_many`: its response, or the error that stopped it."""

    path: str
    status: str  # ok, failed, timeout or skipped
    response: FoiResponse | None = None
    error: FoiparseError | None = None


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    timeout: float = MAX_SECONDS,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    max_memory_mb: int = MAX_MEMORY_MB,
    max_chars: int = MAX_CHARS,
    max_depth: int = MAX_HTML_DEPTH,
    max_elements: int = MAX_HTML_ELEMENTS,
    ocr: str = "auto",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    follow_links: bool = False,
) -> Iterator[BatchResult]:
    """Parse files (and the files under directories) in ``jobs`` worker processes, in input order.

    Each input runs under ``timeout`` seconds and ``max_memory_mb`` of memory in a
    worker that is replaced when it overruns, so no input can stop the others.
    Errors are yielded, not raised. A link found in a directory whose target is outside
    the directories given is skipped unless ``follow_links``.
    """
    from foiparse.serialize import from_dict, loads

    job = Job(
        max_bytes=max_bytes,
        max_pages=max_pages,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        max_chars=max_chars,
        max_depth=max_depth,
        max_elements=max_elements,
        ocr=ocr,
    )
    inputs = _inputs(paths, include, exclude, follow_links)
    todo = [i.source for i in inputs if i.problem is None]
    records: dict[int, Record] = {}
    results = Pool(jobs or default_jobs(), job).run(todo)
    key = 0
    for item in inputs:
        name = display_name(item.path)
        if item.problem is not None:
            yield BatchResult(name, item.status, error=FoiparseError(item.problem, path=name))
            continue
        while key not in records:
            record = next(results)
            records[record["key"]] = record
        record = records.pop(key)
        key += 1
        if record["status"] == "ok":
            yield BatchResult(name, "ok", response=from_dict(loads(record["json"])))
        else:
            yield BatchResult(name, record["status"], error=_error(record, name))


def _inputs(
    paths: Iterable[str | os.PathLike[str]], include: Sequence[str], exclude: Sequence[str], follow_links: bool
) -> list[Input]:
    """The inputs under ``paths``, each once: paths are made absolute, so "docs" and "./docs" are one."""
    return list(_unique(walk([os.path.abspath(os.fspath(p)) for p in paths], include, exclude, follow_links)))


def _error(record: Record, name: str) -> FoiparseError:
    cls = getattr(errors, str(record.get("error_class")), FoiparseError)
    if not (isinstance(cls, type) and issubclass(cls, FoiparseError)):
        cls = FoiparseError
    return cls(str(record.get("error")), path=name)


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    db_path: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    timeout: float = MAX_SECONDS,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    max_memory_mb: int = MAX_MEMORY_MB,
    max_chars: int = MAX_CHARS,
    max_depth: int = MAX_HTML_DEPTH,
    max_elements: int = MAX_HTML_ELEMENTS,
    ocr: str = "auto",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    force: bool = False,
    retry_failed: bool = False,
    progress: bool | None = None,
    scheduler: str | None = None,
    follow_links: bool = False,
) -> IngestSummary:
    """Parse every input into the SQLite database ``db_path`` and say what was done.

    Inputs already recorded with the same bytes (sha256) and parser version (see
    :func:`~foiparse.batch.work.parser_version`) are left alone unless ``force``;
    ``retry_failed`` tries failed, timed-out and skipped ones again. ``scheduler``
    (``tcp://host:port``) runs the parsing on a Dask cluster instead of local worker
    processes; the rows written are the same. A link found in a directory whose target
    is outside the directories given is recorded as skipped unless ``follow_links``.
    A database error on one input is recorded as that input's failure.
    """
    started = time.perf_counter()
    job = Job(
        max_bytes=max_bytes,
        max_pages=max_pages,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        max_chars=max_chars,
        max_depth=max_depth,
        max_elements=max_elements,
        ocr=ocr,
        pack=True,  # the JSON compressed and the text taken out in the workers, not in the one writer
    )
    store = Store(db_path)
    counts: Counter[str] = Counter()
    stale = 0  # inputs a run before this one recorded as failed, unchanged since
    try:
        seen = store.seen()
        todo: list[Input] = []
        version = parser_version()
        for item in _inputs(paths, include, exclude, follow_links):
            name = display_name(item.path)
            before = seen.get(name)
            if item.problem is not None:
                if (
                    before is not None
                    and (before.status, before.parser_version) == (item.status, version)
                    and not force
                ):
                    counts["unchanged"] += 1
                    stale += item.status == "failed"
                else:
                    problem = failure(name, item.status, "FoiparseError", item.problem)
                    counts[_put(store, problem, name not in seen)] += 1
            elif not force and _done(store, item, name, before, retry_failed):
                counts["unchanged"] += 1
                stale += before is not None and before.status in ("failed", "timeout")
            else:
                todo.append(item)
        store.commit()
        if scheduler:
            from foiparse.batch.cluster import run_on_dask

            records = run_on_dask([i.source for i in todo], job, scheduler)
        else:
            records = Pool(jobs or default_jobs(), job).run([i.source for i in todo])
        _write(store, records, todo, seen, counts, _show_progress(progress))
    finally:
        store.close()
    return IngestSummary(dict(counts), time.perf_counter() - started, stale)


def _unique(inputs: Iterable[Input]) -> Iterator[Input]:
    seen: set[str] = set()
    for item in inputs:
        if item.path not in seen:
            seen.add(item.path)
            yield item


def _done(store: Store, item: Input, name: str, before: Seen | None, retry_failed: bool) -> bool:
    """Whether an earlier run already did this input: same parser, same bytes.

    A record made by another parser version is never done, whatever its status: the
    new one may read what the old one failed on or skipped as unsupported.
    """
    if before is None or before.parser_version != parser_version():
        return False
    if retry_failed and before.status in ("failed", "timeout", "skipped"):
        return False
    if before.size == item.size and before.mtime_ns == item.mtime_ns:
        return True  # unchanged on disk: trust the stored digest, do not read the file again
    if before.sha256 is None or before.size != item.size:
        return False
    try:
        with open(item.path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return False
    if digest != before.sha256:
        return False
    if item.mtime_ns is not None:
        store.touch(name, item.mtime_ns)  # touched but not changed
    return True


def _write(
    store: Store, records: Iterator[Record], todo: list[Input], seen: dict[str, Seen], counts: Counter[str], show: bool
) -> None:
    bar = None
    if show and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)
    last_commit = time.monotonic()
    version = parser_version()
    try:
        for record in records:
            item = todo[record["key"]]
            record["path"] = display_name(item.path)
            _stamp(record, version)
            if item.target is not None:  # a link, read through its target: its attachments are the link's
                read_as = len(display_name(item.target))
                for child in record.get("children", ()):
                    child.update(path=record["path"] + child["path"][read_as:], parent=record["path"])
            record.setdefault("size", item.size)  # a worker that died or overran said nothing of it
            record.setdefault("mtime_ns", item.mtime_ns)
            status = _put(store, record, record["path"] not in seen)
            counts[status] += 1
            for child in record.get("children", ()) if status == record["status"] else ():
                counts[f"attachment {child['status']}"] += 1  # an e-mail's attachments, parsed as documents
            now = time.monotonic()
            if store.pending >= _COMMIT_EVERY or now - last_commit >= _COMMIT_SECONDS:
                store.commit()
                last_commit = now
            if bar is not None:
                bar.update(1)
                bad = counts["failed"] + counts["timeout"]
                if bad:
                    bar.set_postfix(failed=bad, refresh=False)
    finally:
        store.commit()
        if bar is not None:
            bar.close()


def _stamp(record: Record, version: str) -> None:
    """Key a record by this process's parser version, the one the next run compares with.

    The workers run the same installed code; should it change under a running batch,
    the next run's digest differs from this one and it parses everything again.
    """
    record["parser_version"] = version
    for child in record.get("children", ()):
        child["parser_version"] = version


def _put(store: Store, record: Record, new: bool) -> str:
    """Store one input's record and return its status; a database error on it becomes its failure.

    Its rows were rolled back (a savepoint), so the failure takes their place and the
    batch goes on; if even that cannot be written, the database itself is at fault and
    the error stops the run.
    """
    try:
        store.put(record, new=new)
    except FoiparseError as exc:
        kept = {key: record.get(key) for key in ("sha256", "size", "mtime_ns")}
        store.put(
            failure(record["path"], "failed", "FoiparseError", f"cannot be stored: {exc.message}", **kept), new=new
        )
        return "failed"
    return str(record["status"])


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
