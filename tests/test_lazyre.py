"""The pattern cache: compiled patterns written once, then handed to ``re`` ready-made at start-up."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from foiparse import lazyre

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "leicester-data-breaches-2019.txt"


def _fresh_keys(word: str = "") -> list[tuple[type, str | bytes, int]]:
    """Patterns no test has compiled yet (a unique word in each), of every kind the cache holds."""
    word = word or f"w{uuid.uuid4().hex}"
    return [
        (str, rf"(?P<ref>{word})[ \t]*(?P<year>(?:19|20)\d\d)", int(re.IGNORECASE)),
        (str, rf"(?i)(?<!\w){word}\s+(?:attached|enclosed)\b  # verbose", int(re.VERBOSE)),  # flags set inline
        (bytes, rf"^{word}(\d+)$".encode(), int(re.MULTILINE)),
    ]


def _compiled_by_re(pattern: str | bytes, flags: int) -> re.Pattern[str] | re.Pattern[bytes]:
    """``re``'s own compile, bypassing every cache."""
    from re import _compiler  # type: ignore[attr-defined]

    compiled: re.Pattern[str] | re.Pattern[bytes] = _compiler.compile(pattern, flags)
    return compiled


def test_a_cached_pattern_is_handed_out_without_compiling_and_is_what_re_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    word = f"w{uuid.uuid4().hex}"
    keys = _fresh_keys(word)
    expected = [_compiled_by_re(pattern, flags) for _, pattern, flags in keys]
    cache = tmp_path / "patterns.bin"
    assert lazyre.write_cache(keys, str(cache)) == len(keys)
    assert lazyre.preload(str(cache)) == len(keys)

    from re import _compiler  # type: ignore[attr-defined]

    def refuse(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(_compiler, "compile", refuse)
    for (_, pattern, flags), want in zip(keys, expected, strict=True):
        got = re.compile(pattern, flags)
        assert got == want  # same pattern, flags and compiled code
        assert (got.flags, got.groups, got.groupindex) == (want.flags, want.groups, want.groupindex)
    found = re.compile(rf"(?P<ref>{word})[ \t]*(?P<year>(?:19|20)\d\d)", re.IGNORECASE).search(
        f"see {word.upper()} 2019"
    )
    assert found is not None and found.group("year") == "2019"


def test_a_cache_written_by_another_python_build_is_not_used(tmp_path: Path) -> None:
    keys = _fresh_keys()
    cache = tmp_path / "patterns.bin"
    lazyre.write_cache(keys, str(cache))
    _, entries = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps(("3.99.0 (another build)|cpython-399|1|4|1114111", entries)))
    assert lazyre.preload(str(cache)) == 0
    assert all(key not in re._cache for key in keys)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps(("x", [1, 2])), marshal.dumps([1, 2, 3])],
    ids=["empty", "garbage", "wrong-shape", "not-a-pair"],
)
def test_a_damaged_cache_is_ignored(tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "patterns.bin"
    cache.write_bytes(content)
    assert lazyre.preload(str(cache)) == 0


def test_a_truncated_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "patterns.bin"
    lazyre.write_cache(_fresh_keys(), str(cache))
    cache.write_bytes(cache.read_bytes()[:-40])
    assert lazyre.preload(str(cache)) == 0


def test_no_cache_file_is_no_error(tmp_path: Path) -> None:
    assert lazyre.preload(str(tmp_path / "absent.bin")) == 0


def test_a_cache_from_the_seed_gives_the_same_output_as_compiling(tmp_path: Path) -> None:
    """Parse the seed in a fresh process whose every pattern came from a cache written just before."""
    cache = tmp_path / "patterns.bin"
    script = f"""
import re, sys
keys = []
original = re._compile
def record(pattern, flags):
    if isinstance(pattern, (str, bytes)):
        keys.append((type(pattern), pattern, int(flags)))
    return original(pattern, flags)
re._compile = record
import foiparse
from foiparse import lazyre
plain = foiparse.to_json(foiparse.parse({str(SEED)!r}))
re._compile = original
print(lazyre.write_cache(keys, {str(cache)!r}) > 100)
re.purge()
print(lazyre.preload({str(cache)!r}) > 100)
import importlib
for name in [m for m in sys.modules if m.startswith("foiparse.") and m != "foiparse.lazyre"]:
    del sys.modules[name]
import foiparse.pipeline, foiparse.serialize
cached = foiparse.serialize.to_json(foiparse.pipeline.parse({str(SEED)!r}))
print(cached == plain)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "True"]


def test_compile_lazy_compiles_every_lazy_pattern() -> None:
    word = f"w{uuid.uuid4().hex}"
    compiled = lazyre.lazy(word)
    lazyre.compile_lazy()
    assert compiled.cache_info().currsize == 1  # type: ignore[attr-defined]
    assert compiled().pattern == word
