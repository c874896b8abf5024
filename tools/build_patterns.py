"""Write the pattern cache: every regular expression foiparse compiles, already compiled.

Run from the project's root with the interpreter that will run foiparse (``make run``
does, after ``compileall``): ``.venv/bin/python tools/build_patterns.py [FILE...]``.
It imports every module of the package, compiles every lazy pattern, and parses the
given files (default: every input in ``fixtures/``), recording each pattern ``re``
compiles on the way (patterns written inside functions included, when two inputs ask
for them). It writes them to ``src/foiparse/__pycache__/patterns.<python>.bin`` (see
:mod:`foiparse.lazyre`), and the openings of the long phrase patterns beside it
(:func:`foiparse.extract.starts.write_cache`). Like bytecode, the files are not in git
and are rebuilt whenever this runs; a stale file only means that a new pattern is
compiled (or read for its openings) the ordinary way.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any

# Recording starts before foiparse is imported: most patterns are compiled by its imports.
# Each key maps to the inputs it was compiled for ("" for none: at import, or a lazy
# pattern); each place that compiles a pattern at parse time, to the patterns it compiled.
SEEN: dict[tuple[type, str | bytes, int], set[str]] = {}
SITES: dict[tuple[str, int], set[tuple[type, str | bytes, int]]] = {}
INPUT = [""]
MADE_PER_INPUT = 8  # patterns past which a place is taken to build them from each input's own words
_RE: Any = re  # its private _compile is where every compile passes
_compile: Any = _RE._compile


def _record(pattern: Any, flags: Any) -> Any:
    if isinstance(pattern, (str, bytes)):
        key = (type(pattern), pattern, int(flags))
        SEEN.setdefault(key, set()).add(INPUT[0])
        if INPUT[0]:
            caller = sys._getframe(1)
            while caller.f_back is not None and caller.f_globals.get("__name__") in ("re", "functools"):
                caller = caller.f_back
            SITES.setdefault((caller.f_code.co_filename, caller.f_lineno), set()).add(key)
    return _compile(pattern, flags)


_RE._compile = _record

import foiparse  # noqa: E402
from foiparse import lazyre  # noqa: E402
from foiparse.extract import starts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("foiparse.__main__", "foiparse.batch.worker")  # modules that run something when imported


def main(argv: list[str]) -> int:
    """Record, then write the cache; the exit status."""
    files = [Path(a) for a in argv] or sorted(p for p in (ROOT / "fixtures").iterdir() if _is_input(p))
    for module in pkgutil.walk_packages(foiparse.__path__, "foiparse."):
        if module.name not in SKIP:
            with contextlib.suppress(ImportError):  # an optional dependency that is not installed
                importlib.import_module(module.name)
    lazyre.compile_lazy()
    for path in files:
        INPUT[0] = str(path)
        with contextlib.suppress(Exception):  # an input that fails still taught us its patterns
            foiparse.parse(path)
    _RE._compile = _compile
    openings = starts.write_cache()  # where each long phrase pattern can begin, worked out while parsing
    # A pattern built from one input's own words (its request, its reference) would never
    # be asked for again: left out are those of a place that built many, each for one input.
    one_off = {key for made in SITES.values() if len(made) > MADE_PER_INPUT for key in made}
    keys = [key for key, inputs in SEEN.items() if "" in inputs or len(inputs) >= 2 or key not in one_off]
    written = lazyre.write_cache(keys)
    print(f"{lazyre.cache_path()}: {written} patterns (from {len(files)} files)", file=sys.stderr)
    print(f"{starts.cache_path()}: openings of {openings} patterns", file=sys.stderr)
    return 0


def _is_input(path: Path) -> bool:
    """A fixture that is an input, not an expected output or a script."""
    return path.is_file() and not path.name.endswith((".json", ".py", ".md"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
