"""Readers turn an input's bytes into a :class:`~foiparse.model.Document`.

One function per format, all with the same signature, chosen from ``READERS`` by the
detected format. Modules are imported on first use, so a text-only run never pays
for a PDF or HTML backend. Readers know nothing of extraction: they only produce the
document text (and what the format itself says about blocks and tables).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from foiparse.errors import UnsupportedFormatError
from foiparse.model import Document

Reader = Callable[..., Document]  # (data, name, **limits) -> Document

# format -> "module:function"; a format listed in PLANNED has no reader yet.
READERS: dict[str, str] = {
    "text": "foiparse.readers.text:read_text",
    "html": "foiparse.readers.html:read_html",
    "pdf": "foiparse.readers.pdf:read_pdf",
    "docx": "foiparse.readers.docx:read_docx",
    "odt": "foiparse.readers.docx:read_odt",
    "doc": "foiparse.readers.docx:read_doc",
    "eml": "foiparse.readers.email:read_eml",
}
PLANNED: dict[str, str] = {}


def get_reader(fmt: str, name: str | None = None) -> Reader:
    """The reader for ``fmt``, imported on first use."""
    target = READERS.get(fmt)
    if target is None:
        why = PLANNED.get(fmt, f"no reader for format {fmt!r}")
        raise UnsupportedFormatError(f"unsupported format: {why}", path=name, detected=fmt)
    module_name, _, func = target.partition(":")
    reader: Reader = getattr(importlib.import_module(module_name), func)
    return reader
