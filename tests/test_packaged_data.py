"""Packaged data read the quick way: the provisions module is the TOML, the bodies list is the gzip file."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tomllib
from pathlib import Path

from foiparse import _provisions
from foiparse.catalogue import build, catalogue
from foiparse.extract import metadata

ROOT = Path(__file__).resolve().parent.parent
TOML = ROOT / "src" / "foiparse" / "data" / "provisions.toml"
SEED = ROOT / "fixtures" / "leicester-data-breaches-2019.txt"


def test_the_generated_module_holds_the_toml_as_written_in_its_order() -> None:
    with TOML.open("rb") as fh:
        raw = tomllib.load(fh)
    # json keeps the order, which decides among cues of one length: run tools/build_provisions.py if this fails
    assert json.dumps(_provisions.CATALOGUE) == json.dumps(raw)


def test_the_catalogue_is_the_one_the_toml_describes() -> None:
    with TOML.open("rb") as fh:
        raw = tomllib.load(fh)
    assert catalogue() == build(raw)
    assert catalogue().lookup("FOIA", "40(2)(a)") == catalogue().provisions["FOIA"]["40(2)"]


def test_parsing_a_text_letter_reads_no_toml_and_loads_no_resource_machinery() -> None:
    script = f"""
import sys, foiparse
foiparse.parse({str(SEED)!r})
print(sorted(m for m in ("tomllib", "importlib.resources", "zipfile", "tempfile") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_bodies_and_their_first_words_are_every_line_of_the_gzip_file() -> None:
    names = gzip.decompress((ROOT / "src" / "foiparse" / "data" / "bodies.txt.gz").read_bytes()).decode("utf-8")
    lines = names.split("\n")
    assert metadata._bodies() == frozenset(lines)
    assert metadata._first_words() == frozenset(line.split(" ", 1)[0] for line in lines)
