"""The JSON Schema of foiparse's output, and validation against it.

There is one copy of the schema, ``schemas/foiparse.schema.json`` at the top of the
repository. The wheel carries it inside the package (a hatch force-include); an
editable install or a source checkout reads it from the repository instead.
jsonschema is imported only when something is validated: it costs start-up time
that ``foiparse FILE`` does not need.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import orjson

from foiparse.errors import FoiparseError, SchemaValidationError

SCHEMA_NAME = "foiparse.schema.json"


def schema_bytes() -> bytes:
    """The schema file's bytes, from the installed package or the source tree."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, SCHEMA_NAME)
    checkout = os.path.join(os.path.dirname(os.path.dirname(here)), "schemas", SCHEMA_NAME)
    for path in (packaged, checkout):
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                return fh.read()
    raise FoiparseError(f"the packaged schema is missing (looked for {packaged})")  # pragma: no cover


@functools.cache
def load_schema() -> dict[str, Any]:
    """The schema as a dict (parsed once per process)."""
    schema: dict[str, Any] = orjson.loads(schema_bytes())
    return schema


@functools.cache
def _validator() -> Any:
    import jsonschema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(data: Any, *, path: str | None = None) -> None:
    """Raise :class:`SchemaValidationError` for the first problem, naming where it is.

    The error reported is the deepest one jsonschema finds (``best_match``), which is
    the one a person can act on.
    """
    import jsonschema.exceptions

    validator = _validator()
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = error.json_path
        raise SchemaValidationError(f"{where}: {error.message}", path=path, json_path=where)
