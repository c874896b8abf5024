"""Build ``src/foiparse/data/bodies.txt.gz``, the names of public bodies, from okfn/publicbodies (public domain).

Run from the project's root: ``python tools/build_bodies.py [DIR]`` (DIR holds ``publicbodies-gb.csv``
and ``publicbodies-us.csv``; default ``../shared/data``). Each output line is one body's name or
abbreviation folded as :func:`foiparse.extract.metadata.fold_name` folds a candidate (lower case,
letters and digits, single spaces, no leading "the"), plus :data:`ADDITIONS`, bodies named since the
list was made (2021). Only the names are kept: a web site's host is matched against the letter's own
names instead (``foi@camden.gov.uk`` and "London Borough of Camden"), which also works for bodies the
list lacks. Sorted and written without a timestamp, so a rebuild is byte-identical.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "foiparse" / "data" / "bodies.txt.gz"

# UK departments renamed or created after 2021 (no body of the tune corpus is added by hand).
ADDITIONS = (
    "Department for Levelling Up, Housing and Communities",
    "Ministry of Housing, Communities and Local Government",
    "Department for Energy Security and Net Zero",
    "Department for Science, Innovation and Technology",
    "Department for Business and Trade",
    "UK Health Security Agency",
    "Office for Health Improvement and Disparities",
)


def fold_name(name: str) -> str:
    """The same folding as ``foiparse.extract.metadata.fold_name`` (a test keeps them in step)."""
    text = name.casefold().replace("’", "'").replace("'s", "s").replace("&", " and ")
    words = re.findall(r"[0-9a-z]+", text)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def main(argv: list[str]) -> int:
    """Write the folded names; print how many."""
    source = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    names: set[str] = {fold_name(n) for n in ADDITIONS}
    for file in ("publicbodies-gb.csv", "publicbodies-us.csv"):
        with (source / file).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                names.update(fold_name(label) for label in (row["name"], row.get("abbreviation") or ""))
    names.discard("")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("\n".join(sorted(names)).encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{OUT.relative_to(ROOT)}: {len(names)} names, {len(buf.getvalue())} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
