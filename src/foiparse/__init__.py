"""foiparse: published Freedom of Information responses to grounded, schema-checked JSON.

>>> from foiparse import parse, to_json
>>> response = parse("fixtures/leicester-data-breaches-2019.txt")
>>> response.authority.name
'Leicester City Council'
"""

from __future__ import annotations

from foiparse._version import __version__
from foiparse.errors import FoiparseError
from foiparse.model import Document, FoiResponse
from foiparse.pipeline import Options, load_document, parse
from foiparse.schema import validate
from foiparse.serialize import from_dict, to_dict, to_json

__all__ = [
    "Document",
    "FoiResponse",
    "FoiparseError",
    "Options",
    "__version__",
    "from_dict",
    "load_document",
    "parse",
    "to_dict",
    "to_json",
    "validate",
]
