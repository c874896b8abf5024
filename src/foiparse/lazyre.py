"""Regular expressions compiled on first use, or not compiled at all.

Compiling a pattern is slow in CPython: ``re`` parses and compiles it in Python, and
foiparse's few hundred patterns cost a cold ``foiparse FILE`` about 90 ms, most of
which a plain-text letter does use. Two things cut that:

* :func:`lazy` wraps a pattern that most letters never reach (US citations,
  questions-and-answers layouts, the Scottish regimes), so only the letters that need
  it pay for it.
* :func:`preload` fills ``re``'s own cache of compiled patterns from the pattern cache,
  a file of already compiled patterns that :func:`write_cache` writes beside the
  package's bytecode (``tools/build_patterns.py``, run by ``make run``). Every
  ``re.compile(p, flags)`` (and ``re.search(p, ...)``...) of a pattern in the file then
  returns at once, whoever calls it. The file holds what ``re`` itself would build
  (the ``_sre`` code of each pattern); it is used only by the Python build that wrote
  it, each entry is checked against ``re.compile`` when it is written, and a pattern
  missing from it (added since, or never met while the cache was built) is compiled
  as before. So the cache changes how soon a pattern is ready, never what it matches.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's own engine, to rebuild compiled patterns
import array
import functools
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

_LAZY: list[Callable[[], re.Pattern[str]]] = []  # every lazy pattern, so the cache builder can reach them all

Key = tuple[type, str | bytes, int]  # re's own cache key: (type(pattern), pattern, flags)


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(pattern, flags)``, compiled on its first call."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    _LAZY.append(compiled)
    return compiled


def compile_lazy() -> None:
    """Compile every :func:`lazy` pattern of the modules imported so far (to record them)."""
    for compiled in _LAZY:
        compiled()


def cache_path() -> str:
    """Where this Python's pattern cache is: beside the package's bytecode, named like it."""
    tag = sys.implementation.cache_tag or "none"
    return os.path.join(os.path.dirname(__file__), "__pycache__", f"patterns.{tag}.bin")


def _stamp() -> str:
    """What must match for compiled code to be reused: the Python build and its ``_sre`` version."""
    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"


def preload(path: str | None = None) -> int:
    """Put the cached patterns into ``re``'s cache; how many were put (0 when none can be used).

    An unreadable, damaged or foreign file is ignored (from the first entry that cannot
    be read): every other pattern is compiled as it would be without one. The cache may then hold more than ``re``'s bound of
    512; ``re`` still drops its oldest entry for each pattern it compiles after.
    """
    cache: Any = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return 0
    added = 0
    try:
        with open(path or cache_path(), "rb") as fh:
            stamp, entries = marshal.loads(fh.read())
        if stamp != _stamp():
            return 0
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
            key = (type(pattern), pattern, flags)
            if key in cache:
                continue
            codes = array.array("I", code).tolist()
            cache[key] = _sre.compile(pattern, final_flags, codes, groups, groupindex, indexgroup)
            added += 1
    except (OSError, EOFError, ValueError, TypeError, IndexError, RuntimeError, re.error):
        pass  # no cache, or not one this Python can use: the rest is compiled as usual
    return added


def _entry(pattern: str | bytes, flags: int) -> tuple[Any, ...] | None:
    """What ``re._compiler.compile`` hands ``_sre.compile``, or None when it cannot be rebuilt exactly."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        final_flags = int(flags | tree.state.flags)
        packed = array.array("I", code).tobytes()
        entry = (pattern, flags, final_flags, packed, tree.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, final_flags, array.array("I", packed).tolist(), *entry[4:])
        reference = _compiler.compile(pattern, flags)  # as re.compile, without filling re's cache
    except Exception:
        return None
    return entry if rebuilt == reference else None


def write_cache(keys: Iterable[Key], path: str | None = None) -> int:
    """Compile ``keys`` and write them as this Python's pattern cache; how many were written.

    Only patterns that rebuild equal to ``re.compile``'s (same flags, same code) are
    kept. The file is written beside and renamed over, so a reader never sees half.
    """
    entries = []
    for kind, pattern, flags in dict.fromkeys(keys):
        if flags & re.DEBUG or not isinstance(pattern, kind):
            continue
        entry = _entry(pattern, flags)
        if entry is not None:
            entries.append(entry)
    from foiparse.outputs import write_atomically  # only the cache builder writes: not on a parse's path

    target = path or cache_path()
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with write_atomically(target) as fh:
        fh.write(marshal.dumps((_stamp(), entries)))
    return len(entries)
