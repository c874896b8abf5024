from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "leicester-data-breaches-2019.txt"
SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".odt", ".eml")


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
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in SUFFIXES and (keep or p.suffix != ".odt"))


def golden_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
