"""Is this tree slower than an earlier commit? Warm documents per second, interleaved.

    python benchmarks/ab.py REV [--rounds N] [FILE ...]

Checks REV out (``git archive``) into a temporary folder and times the same inputs
with each tree's code in fresh processes, alternating the two trees round by round,
so that the machine's load falls on both alike. Prints each tree's median and the
ratio of this tree to REV. The inputs default to the seed letter and the two-page
ruled-table PDF (the ones issues name when they say "no slower").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ["fixtures/leicester-data-breaches-2019.txt", "fixtures/pdf-two-pages-ruled-tables.pdf"]

# Run in a fresh interpreter per tree and round: parse each file warm, best of three batches.
TIMER = r"""
import json, sys, time
from foiparse import parse
out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    parse(data, name=path)
    t0 = time.perf_counter(); parse(data, name=path); once = time.perf_counter() - t0
    n = max(5, min(300, int(0.5 / max(once, 1e-6))))
    best = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(n):
            parse(data, name=path)
        best = max(best, n / (time.perf_counter() - t0))
    out[path] = best
print(json.dumps(out))
"""


def _checkout(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True).stdout
    tar = into / "src.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            t.extractall(into, filter="data")
        else:  # our own repository's archive: nothing in it points outside
            t.extractall(into)
    return into / "src"


def _time(src: Path, files: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", TIMER, *files], env=env, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", help="the commit to compare with (a hash, a tag, HEAD~3)")
    ap.add_argument("files", nargs="*", help="inputs to time (default: the seed and the ruled-table PDF)")
    ap.add_argument("--rounds", type=int, default=5, help="alternations of the two trees (default 5)")
    args = ap.parse_args()
    files = [str((ROOT / f) if not Path(f).is_absolute() else f) for f in (args.files or DEFAULT)]
    with tempfile.TemporaryDirectory() as tmp:
        trees = {args.rev: _checkout(args.rev, Path(tmp)), "this tree": ROOT / "src"}
        runs: dict[str, dict[str, list[float]]] = {name: {f: [] for f in files} for name in trees}
        for _ in range(args.rounds):
            for name, src in trees.items():
                for f, rate in _time(src, files).items():
                    runs[name][f].append(rate)
    for f in files:
        old, new = statistics.median(runs[args.rev][f]), statistics.median(runs["this tree"][f])
        print(f"{Path(f).name:45} {args.rev}: {old:7.1f} docs/s   this tree: {new:7.1f} docs/s   ratio {new / old:.3f}")
        for name in trees:
            print(f"    {name:12} runs: {', '.join(f'{x:.1f}' for x in runs[name][f])}")


if __name__ == "__main__":
    main()
