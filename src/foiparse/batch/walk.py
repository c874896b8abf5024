"""The inputs of a batch: files named, files under directories named, or a list on standard input.

The order is stable (each directory's entries sorted by name), so two runs over the
same tree see the same sequence. Nothing is silently dropped: a directory that cannot
be listed, a link to a directory (not followed, so a link loop cannot trap the walk)
and a named path that does not exist each come back as an input with a problem, which
the batch records.

A link to a file found in a directory is read only when its target, fully resolved
(links to links, ``..``), lies inside one of the directories given; otherwise it is
skipped, so a ``letter.txt -> /etc/passwd`` planted in a folder of replies is not stored
(``follow_links`` reads it). A file named directly is the caller's choice and is read.
The target is resolved once, here, and that is the path the worker opens, so a link
swapped after the walk cannot redirect the read.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Input:
    """A path to parse, or a path with the reason it cannot be."""

    path: str
    problem: str | None = None  # set: recorded as failed (or skipped) without parsing
    status: str = "failed"
    size: int | None = None
    mtime_ns: int | None = None
    target: str | None = None  # for a link: the file it resolved to at walk time, which is what is read

    @property
    def source(self) -> str:
        """The path a worker opens."""
        return self.target or self.path


def walk(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    follow_links: bool = False,
) -> Iterator[Input]:
    """Every input under ``paths``, filtered by glob patterns on the file name or its path.

    The patterns filter named files too, so a list of paths read from standard input
    can be narrowed the same way as a directory.
    """
    names = [os.fspath(raw) for raw in paths]
    roots = None if follow_links else [os.path.realpath(p) for p in names if os.path.isdir(p)]
    for path in names:
        if os.path.isdir(path):  # a link to a directory named on purpose is followed, once
            yield from _walk_dir(path, include, exclude, roots)
        elif _wanted(path, os.path.basename(path), include, exclude):
            yield _link(path, None) if os.path.islink(path) else _file(path)  # named: read wherever it points


def _walk_dir(top: str, include: Sequence[str], exclude: Sequence[str], roots: list[str] | None) -> Iterator[Input]:
    problems: list[Input] = []

    def note(exc: OSError) -> None:
        where = exc.filename or top
        problems.append(Input(os.fspath(where), f"cannot list the directory: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(top, onerror=note, followlinks=False):
        yield from problems
        problems.clear()
        dirs.sort()
        for name in list(dirs):
            full = os.path.join(root, name)
            if os.path.islink(full) and _wanted(full, name, include, exclude):
                yield Input(full, "a link to a directory: not followed (name its target to read it)", "skipped")
        for name in sorted(files):
            full = os.path.join(root, name)
            if _wanted(full, name, include, exclude):
                yield _link(full, roots) if os.path.islink(full) else _file(full)
    yield from problems


def _wanted(path: str, name: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    def hit(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)

    return (not include or hit(include)) and not hit(exclude)


def _link(path: str, roots: list[str] | None) -> Input:
    """A link found in a directory: read through its target, if that is inside a folder given."""
    target = os.path.realpath(path)
    found = _file(target)
    if found.problem is not None:  # dangling, a loop, a pipe: as for the link itself, nothing is read
        return _file(path)
    if roots is not None and not any(os.path.commonpath([root, target]) == root for root in roots):
        reason = "a link to a file outside the folders given: not read (--follow-links to read it)"
        return Input(path, reason, "skipped")
    return Input(path, size=found.size, mtime_ns=found.mtime_ns, target=target)


def _file(path: str) -> Input:
    try:
        stat = os.stat(path)
    except ValueError:  # a NUL byte, from a list on standard input: recorded, and the batch goes on
        return Input(path, "the path holds a NUL byte: no file can have this name")
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else f"cannot read: {exc.strerror or exc}"
        return Input(path, reason)
    if not os.path.isfile(path):
        return Input(path, "not a regular file (a device, pipe or socket)", "skipped")
    return Input(path, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def read_list(lines: Iterable[bytes]) -> list[str]:
    """Paths listed one per line (``foiparse ingest -``), as the file system's bytes; blank lines are ignored."""
    return [os.fsdecode(line.rstrip(b"\r\n")) for line in lines if line.strip()]
