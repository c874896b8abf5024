"""The schema itself: valid draft 2020-12, and strict enough to catch drift."""

from __future__ import annotations

from typing import Any

import jsonschema
import orjson
import pytest

from conftest import SEED
from foiparse import parse, to_dict, validate
from foiparse.errors import SchemaValidationError
from foiparse.schema import load_schema


def seed_dict() -> dict[str, Any]:
    return to_dict(parse(SEED))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("outcome",), "maybe"),
        (("legislation",), ["FOI Act"]),
        (("totals", 0, "value"), "259"),
        (("totals", 0, "confidence"), 1.5),
        (("totals", 0, "confidence"), "high"),
        (("exemptions", 0, "kind"), "procedural"),
        (("source", "sha256"), "abc"),
        (("date",), "04/11/2019"),
        (("blocks", 0, "span"), [1]),
    ],
)
def test_schema_rejects_a_wrong_value(path: tuple[str | int, ...], value: object) -> None:
    obj = seed_dict()
    target: Any = obj
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SchemaValidationError) as info:
        validate(obj)
    assert info.value.json_path.startswith("$." + str(path[0]))


def test_schema_rejects_an_unknown_field() -> None:
    obj = seed_dict()
    obj["extra"] = 1
    with pytest.raises(SchemaValidationError):
        validate(obj)


def test_schema_version_in_output_matches_the_schema() -> None:
    assert seed_dict()["schema_version"] == load_schema()["properties"]["schema_version"]["const"]


def test_output_is_json_that_orjson_and_the_schema_agree_on() -> None:
    validate(orjson.loads(orjson.dumps(seed_dict())))


def test_the_models_value_lists_are_the_schemas() -> None:
    from foiparse.model import BLOCK_KINDS, EXEMPTION_KINDS, FORMATS, OUTCOMES

    props = load_schema()["properties"]
    assert list(OUTCOMES) == props["outcome"]["enum"]
    assert list(FORMATS) == props["source"]["properties"]["format"]["enum"]
    assert list(BLOCK_KINDS) == props["blocks"]["items"]["properties"]["kind"]["enum"]
    assert [*EXEMPTION_KINDS, None] == props["exemptions"]["items"]["properties"]["kind"]["enum"]


def test_a_total_without_its_confidence_is_refused() -> None:
    obj = seed_dict()
    del obj["totals"][0]["confidence"]
    with pytest.raises(SchemaValidationError):
        validate(obj)


@pytest.mark.parametrize("law", ["NY-FOIL", "IL-FOIA", "US-FOIA", "FOISA"])
def test_schema_accepts_every_law_the_extractor_can_name(law: str) -> None:
    obj = seed_dict()
    obj["legislation"] = [law]
    validate(obj)


@pytest.mark.parametrize("law", ["NY-FOI", "NYFOIL", "ny-foil"])
def test_schema_rejects_a_misspelt_state_law(law: str) -> None:
    obj = seed_dict()
    obj["legislation"] = [law]
    with pytest.raises(SchemaValidationError):
        validate(obj)
