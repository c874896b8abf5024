from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "leicester-data-breaches-2019.txt"
SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".odt", ".doc", ".eml")


# PDFs that must fail, and the error each gives (written by fixtures/make_pdfs.py's broken()).
BROKEN = {
    "pdf-encrypted.pdf": "EncryptedPdfError",
    "pdf-no-text-layer.pdf": "NoTextLayerError",
    "pdf-truncated.pdf": "CorruptFileError",
}


HAS_LIBREOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))


def fixture_files(converted: bool = True) -> list[Path]:
    """Every response fixture that parses (goldens sit beside them as <stem>.expected.json).

    An .odt needs LibreOffice to be read: without it (or with ``converted=False``, for
    tests that parse thousands of variants) it is left out, and a test of its own checks
    the error that names what to install.
    """
    keep = converted and HAS_LIBREOFFICE
    folders = (FIXTURES, FIXTURES / "massfoi")  # massfoi: one request answered by fifteen authorities (issue #19)
    found = (p for folder in folders for p in folder.iterdir())
    return sorted(p for p in found if p.suffix in SUFFIXES and (keep or p.suffix != ".odt"))


def load_script(path: Path) -> ModuleType:
    """A project script that is not part of the package (fuzz/hostile.py, fixtures/make_pdfs.py) as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


MASSFOI = FIXTURES / "massfoi"
MASSFOI_GOLDEN = MASSFOI / "collated" / "wide.csv"  # `foiparse collate` of the set: rewritten by `make golden`


def massfoi_letters() -> list[Path]:
    """The fifteen letters of the mass-FOI set (not their goldens, the truth or the generator)."""
    return [p for p in fixture_files() if p.parent == MASSFOI]


def collate_massfoi(out: Path, mapping: Path | None = None) -> str:
    """``foiparse collate`` of the mass-FOI letters into ``out``: its wide.csv, paths relative to the project."""
    from click.testing import CliRunner

    from foiparse.cli import cli

    args = ["collate", *map(str, massfoi_letters()), "-o", str(out), "--jobs", "1", "-q"]
    if mapping is not None:
        args += ["--mapping", str(mapping)]
    done = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return (out / "wide.csv").read_text(encoding="utf-8").replace(f"{ROOT}/", "")


def golden_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
