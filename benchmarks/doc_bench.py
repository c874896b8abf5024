"""Word 97-2003 (.doc): the binary reader's docs/s beside LibreOffice converting the same file (issue #18).

    python benchmarks/doc_bench.py [--repeat N] [--rounds N]

``doc_rows`` is what ``bench.py`` prints: for each .doc fixture, the reader alone and the
whole pipeline (warm, in one process), and, when LibreOffice is installed, the seconds
its conversion of the same file takes (a fresh ``soffice --convert-to docx`` each time,
as ``read_converted`` runs it), with the ratio of the two.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import rate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("doc-*.doc"))


def _convert_seconds(path: Path, office: str) -> float:
    """Wall time of one LibreOffice conversion of ``path`` to .docx, in a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="foiparse-bench-") as tmp:
        command = [
            office,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(path),
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        return time.perf_counter() - start


def _pipeline(data: bytes, name: str) -> bytes:
    from foiparse import parse, to_json

    return to_json(parse(data, name=name))


def doc_rows(repeat: int = 200, rounds: int = 3) -> list[tuple[str, str, str]]:
    """Rows of (what, docs/s, seconds per doc): the reader, the pipeline and LibreOffice on each .doc fixture."""
    from foiparse.readers.doc import read_word97

    office = shutil.which("soffice") or shutil.which("libreoffice")
    rows: list[tuple[str, str, str]] = []
    for path in FIXTURES:
        data = path.read_bytes()
        reader = rate(functools.partial(read_word97, data, path.name), repeat, rounds)
        whole = rate(functools.partial(_pipeline, data, path.name), max(1, repeat // 4), rounds)
        rows.append((f"{path.name}: doc reader", f"{reader:,.0f}", f"{1 / reader:.5f}"))
        rows.append((f"{path.name}: whole pipeline", f"{whole:,.0f}", f"{1 / whole:.5f}"))
        if office is None:
            rows.append((f"{path.name}: LibreOffice conversion", "not installed", "-"))
            continue
        seconds = statistics.median(_convert_seconds(path, office) for _ in range(rounds))
        rows.append((f"{path.name}: LibreOffice conversion", f"{1 / seconds:,.2f}", f"{seconds:.3f}"))
        rows.append((f"{path.name}: reader faster by", f"x {seconds * reader:,.0f}", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    print(f"{'Word 97-2003 (.doc)':56}{'docs/s':>14}{'s/doc':>14}")
    for label, per_second, seconds in doc_rows(args.repeat, args.rounds):
        print(f"{label:56}{per_second:>14}{seconds:>14}")


if __name__ == "__main__":
    main()
