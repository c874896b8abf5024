"""Fuzz each reader, and the extraction behind it, with a time budget (hypothesis).

    python fuzz/fuzz_readers.py --reader pdf --minutes 30 [--out fuzz-failures] [--seed N]

Inputs are random bytes and mutations of our own fixtures of that format: bytes flipped,
inserted, deleted and truncated, pieces of two fixtures spliced, and tokens that matter
to the format planted (``obj``/``stream``/``xref`` for PDF, tags, comments and spans for
HTML, NULs, BOMs and line ends for text). Each input goes through ``foiparse.parse``
with that format. The only acceptable outcomes are a response or a ``FoiparseError``
subclass, within ``--hang`` seconds. Anything else is written to ``--out`` with its
traceback, and the run exits 1. The summary line gives the inputs tried and the
failures found.
"""

from __future__ import annotations

import argparse
import hashlib
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foiparse import Options, parse
from foiparse.errors import FoiparseError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUFFIXES = {"text": ".txt", "html": ".html", "pdf": ".pdf"}
TOKENS = {
    "text": [
        b"\x00",
        b"\r",
        b"\r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"Dear Sir,\n",
        b"section 40(2)",
        b"\t",
        b"1,234",
        b"\xe2\x80\xa8",
    ],
    "html": [
        b"<table>",
        b"</table>",
        b"<tr><td colspan=9999 rowspan=9999>",
        b"<!--",
        b"-->",
        b"<script>",
        b"&#x0;",
        b"<div>" * 50,
        b'<meta charset="utf-16">',
        b"<br>",
        b"<dl><dt>Q</dt><dd>",
    ],
    "pdf": [
        b"obj",
        b"endobj",
        b"stream\n",
        b"endstream",
        b"/Length 99999999",
        b"xref",
        b"trailer",
        b"<<",
        b">>",
        b"/Rotate 90",
        b"9999 0 R",
        b"%%EOF",
    ],
}


class Hang(Exception):
    """An input that ran past the per-input limit."""


@contextmanager
def _limit(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _mutate(data: bytes, ops: list[tuple[int, int, int, bytes]], other: bytes) -> bytes:
    out = bytearray(data)
    for kind, position, value, token in ops:
        at = position % (len(out) + 1)
        if kind == 0 and out:
            out[at % len(out)] = value  # flip a byte
        elif kind == 1:
            out[at:at] = token  # plant a token
        elif kind == 2:
            del out[at : at + value]  # cut a piece
        elif kind == 3:
            out = out[:at]  # truncate
        elif kind == 4:
            start = position % (len(other) + 1)
            out[at:at] = other[start : start + value * 16]  # splice in a piece of another input
    return bytes(out)


def run(reader: str, minutes: float, out: Path, seed: int | None, hang: float) -> tuple[int, int]:
    """Fuzz one reader for ``minutes``; return (inputs tried, failures found)."""
    seeds = [p.read_bytes() for p in sorted(FIXTURES.glob(f"*{SUFFIXES[reader]}"))]
    options = Options(format=reader, max_seconds=hang)
    tried = 0
    failures = 0
    deadline = time.monotonic() + minutes * 60
    op = st.tuples(st.integers(0, 4), st.integers(0, 1 << 20), st.integers(0, 255), st.sampled_from(TOKENS[reader]))
    inputs = st.one_of(
        st.binary(max_size=4096),
        st.builds(_mutate, st.sampled_from(seeds), st.lists(op, max_size=12), st.sampled_from(seeds)),
    )

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(inputs)
    def one(data: bytes) -> None:
        nonlocal tried, failures
        tried += 1
        try:
            with _limit(hang * 2):
                parse(data, options, name=f"fuzz{SUFFIXES[reader]}")
        except FoiparseError:
            return
        except Exception as exc:
            failures += 1
            digest = hashlib.sha256(data).hexdigest()[:16]
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{reader}-{digest}{SUFFIXES[reader]}").write_bytes(data)
            (out / f"{reader}-{digest}.txt").write_text(
                "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), encoding="utf-8"
            )
            print(f"FAILURE {reader}-{digest}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)

    if seed is not None:
        import random

        random.seed(seed)
    rounds = 0
    while time.monotonic() < deadline:
        one()
        rounds += 1
        if rounds % 10 == 0:
            print(f"{reader}: {tried:,} inputs, {failures} failures", file=sys.stderr, flush=True)
    return tried, failures


def main(argv: list[str] | None = None) -> int:
    """Fuzz a reader for a while; exit 1 if any input raised anything but a FoiparseError or hung."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reader", choices=sorted(SUFFIXES), required=True)
    parser.add_argument("--minutes", type=float, default=30.0, help="time budget (default 30)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failing inputs go")
    parser.add_argument("--seed", type=int, default=None, help="seed Python's random (hypothesis varies anyway)")
    parser.add_argument("--hang", type=float, default=20.0, help="seconds one input may take (default 20)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    tried, failures = run(args.reader, args.minutes, args.out, args.seed, args.hang)
    minutes = (time.monotonic() - started) / 60
    print(f"{args.reader}: {tried:,} inputs in {minutes:.1f} min, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
