from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "leicester-data-breaches-2019.txt"
SUFFIXES = (".txt", ".html", ".htm", ".pdf")


# PDFs that must fail, and the error each gives (written by fixtures/make_pdfs.py's broken()).
BROKEN = {
    "pdf-encrypted.pdf": "EncryptedPdfError",
    "pdf-no-text-layer.pdf": "NoTextLayerError",
    "pdf-truncated.pdf": "CorruptFileError",
}


def fixture_files() -> list[Path]:
    """Every response fixture that parses (goldens sit beside them as <stem>.expected.json)."""
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in SUFFIXES)


def golden_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
