"""foiparse: published Freedom of Information responses to grounded, schema-checked JSON.

>>> from foiparse import parse, to_json
>>> response = parse("fixtures/leicester-data-breaches-2019.txt")
>>> response.authority.name
'Leicester City Council'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from foiparse import lazyre

lazyre.preload()  # before any module of ours compiles its patterns: they then come ready-made

from foiparse._version import __version__  # noqa: E402
from foiparse.errors import FoiparseError  # noqa: E402
from foiparse.model import Document, FoiResponse  # noqa: E402
from foiparse.pipeline import Options, load_document, parse  # noqa: E402
from foiparse.schema import validate  # noqa: E402
from foiparse.serialize import from_dict, to_dict, to_json  # noqa: E402

if TYPE_CHECKING:
    from foiparse.batch.runner import ingest as ingest
    from foiparse.batch.runner import parse_many as parse_many

__all__ = [
    "Document",
    "FoiResponse",
    "FoiparseError",
    "Options",
    "__version__",
    "from_dict",
    "ingest",
    "load_document",
    "parse",
    "parse_many",
    "to_dict",
    "to_json",
    "validate",
]


def __getattr__(name: str) -> Any:
    """``ingest`` and ``parse_many`` load the batch machinery only when asked for."""
    if name in ("ingest", "parse_many"):
        from foiparse import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'foiparse' has no attribute {name!r}")
