"""Write ``src/foiparse/_provisions.py``, the provisions catalogue as a Python module.

Run from the project's root after editing ``src/foiparse/data/provisions.toml``:
``python tools/build_provisions.py``. The TOML stays the file to edit (comments, one
provision per table); the module holds the same data as a literal, so a cold start
reads bytecode instead of parsing TOML (``tomllib`` and the parse cost a few
milliseconds). ``tests/test_catalogue.py`` fails while the two differ.
"""

from __future__ import annotations

import pprint
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "foiparse" / "data" / "provisions.toml"
TARGET = ROOT / "src" / "foiparse" / "_provisions.py"

HEADER = '''"""The provisions catalogue, generated from ``data/provisions.toml``: do not edit.

Edit the TOML, then run ``python tools/build_provisions.py``. Read by :mod:`foiparse.catalogue`.
"""

from typing import Any

'''


def render(raw: dict[str, Any]) -> str:
    """The module's text: the TOML's tables as one dict literal, in the TOML's order."""
    return f"{HEADER}CATALOGUE: dict[str, Any] = {pprint.pformat(raw, width=116, sort_dicts=False)}\n"


def main() -> int:
    """Write the module; the exit status."""
    with SOURCE.open("rb") as fh:
        raw = tomllib.load(fh)
    TARGET.write_text(render(raw), encoding="utf-8")
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff:  # the project's own layout, so that `ruff format --check` passes and diffs stay small
        subprocess.run([ruff, "format", "--quiet", str(TARGET)], check=True)
    count = sum(len(entries) for law, entries in raw.items() if law != "laws")
    print(f"{TARGET.relative_to(ROOT)}: {count} provisions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
