"""Word-written .doc files of your own, read beside antiword (skipped unless both are at hand).

Set ``FOIPARSE_DOC_SAMPLES`` to a folder of .doc files (never committed: third-party documents
stay outside the project) and install antiword. Each file must read, or fail with a
``FoiparseError`` for a real cause (an encrypted file), and its words must be antiword's words:
at least 90% of antiword's found in ours, and 90% of ours in antiword's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from foiparse.errors import EmptyInputError, EncryptedDocumentError
from foiparse.readers.doc import read_word97

_FOLDER = Path(os.environ.get("FOIPARSE_DOC_SAMPLES", "/nonexistent"))
_SAMPLES = sorted(p for p in _FOLDER.glob("*") if p.suffix.lower() in (".doc", ".dot")) if _FOLDER.is_dir() else []
_ANTIWORD = shutil.which("antiword")

pytestmark = pytest.mark.skipif(not (_SAMPLES and _ANTIWORD), reason="needs FOIPARSE_DOC_SAMPLES and antiword")


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("path", _SAMPLES, ids=[p.name for p in _SAMPLES])
def test_a_word_written_doc_reads_the_words_antiword_reads(path: Path) -> None:
    assert _ANTIWORD is not None
    reference = subprocess.run([_ANTIWORD, "-w", "0", str(path)], capture_output=True, timeout=60, check=False)
    theirs = _words(reference.stdout.decode("utf-8", "replace"))
    try:
        ours = _words(read_word97(path.read_bytes(), path.name).text)
    except EncryptedDocumentError:
        assert reference.returncode != 0 or not theirs
        return
    except EmptyInputError:
        assert sum(theirs.values()) <= 2  # a picture alone: antiword prints its "[pic]"
        return
    common = sum((ours & theirs).values())
    assert common >= 0.9 * sum(theirs.values()) - 1
    assert common >= 0.9 * sum(ours.values()) - 1
