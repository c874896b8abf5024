"""Rewrite the golden files: ``python tests/regen_golden.py [NAME ...]`` (or ``make golden``).

``collate`` as a NAME rewrites only the mass-FOI set's collated wide.csv.

Each fixture's expected JSON is the parser's output for it. Run this only after a
change meant to alter extraction, then read the per-field summary it prints and the
``git diff`` of ``fixtures/*.expected.json`` before committing. Tests never rewrite
goldens.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import MASSFOI_GOLDEN, collate_massfoi, fixture_files, golden_path
from foiparse import parse, to_dict, to_json

FIELDS = (
    "authority",
    "reference",
    "date",
    "legislation",
    "outcome",
    "request",
    "prior_requests",
    "exemptions",
    "totals",
    "tables",
    "blocks",
    "warnings",
)


def summarise(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [field for field in FIELDS if old.get(field) != new.get(field)]


def main(names: list[str]) -> int:
    for path in fixture_files():
        if names and path.name not in names and path.stem not in names:
            continue
        response = parse(path, name=path.name)
        target = golden_path(path)
        old = orjson.loads(target.read_bytes()) if target.exists() else {}
        changed = summarise(old, to_dict(response))
        target.write_bytes(to_json(response))
        status = "new" if not old else ("changed: " + ", ".join(changed) if changed else "unchanged")
        print(f"{path.name}: {status}")
    if not names or "collate" in names:
        with tempfile.TemporaryDirectory() as out:
            wide = collate_massfoi(Path(out))
        old_wide = MASSFOI_GOLDEN.read_text(encoding="utf-8") if MASSFOI_GOLDEN.exists() else None
        MASSFOI_GOLDEN.parent.mkdir(exist_ok=True)
        MASSFOI_GOLDEN.write_text(wide, encoding="utf-8")
        status = "new" if old_wide is None else ("unchanged" if old_wide == wide else "changed")
        print(f"{MASSFOI_GOLDEN.relative_to(MASSFOI_GOLDEN.parents[3])}: {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
