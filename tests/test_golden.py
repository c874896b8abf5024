"""Every fixture parses to its golden JSON, validates, and round-trips."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from conftest import fixture_files, golden_path
from foiparse import from_dict, parse, to_dict, to_json, validate
from foiparse.cli import render_bytes
from foiparse.grounding import check_grounding

FILES = fixture_files()
IDS = [p.name for p in FILES]
TEXT_FILES = [p for p in FILES if p.suffix == ".txt"]
TEXT_IDS = [p.name for p in TEXT_FILES]
PAGES = [p for p in FILES if p.suffix in (".html", ".htm")]


def test_there_are_fixtures_of_our_own_beside_the_seed() -> None:
    assert len(FILES) >= 11


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_fixture_matches_its_golden_json(path: Path) -> None:
    golden = golden_path(path)
    assert golden.exists(), f"no golden for {path.name}: run `make golden` and review it"
    actual = to_json(parse(path, name=path.name))
    assert orjson.loads(actual) == orjson.loads(golden.read_bytes())
    assert actual == golden.read_bytes(), "same content but different bytes: key order or indent changed"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_output_validates_against_the_schema_and_its_spans_hold_their_evidence(path: Path) -> None:
    response = parse(path, name=path.name)
    validate(to_dict(response))
    check_grounding(response)


@pytest.mark.parametrize("path", TEXT_FILES, ids=TEXT_IDS)
def test_text_to_json_to_text_is_byte_identical(path: Path) -> None:
    response = from_dict(orjson.loads(to_json(parse(path))))
    assert render_bytes(response) == path.read_bytes()


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_model_round_trips_through_dict(path: Path) -> None:
    response = parse(path)
    assert from_dict(to_dict(response)) == response
    assert from_dict(orjson.loads(to_json(response))) == response


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_span_slices_back_to_its_evidence(path: Path) -> None:
    r = parse(path)
    text = r.text
    for b in r.blocks:
        assert text[b.span[0] : b.span[1]] == b.text
    if r.authority:
        assert text[slice(*r.authority.span)] == r.authority.name
    if r.reference:
        assert text[slice(*r.reference.span)] == r.reference.text
    for q in r.request.questions if r.request else ():
        assert text[slice(*q.span)] == q.text
    for e in r.exemptions:
        assert text[slice(*e.span)] == e.cited_as
    for t in r.totals:
        assert text[slice(*t.span)] == t.text
    for p in r.prior_requests:
        if p.reference is not None:
            assert text[slice(*p.span)] == p.reference


def test_parsing_twice_gives_the_same_bytes() -> None:
    path = FILES[0]
    assert to_json(parse(path)) == to_json(parse(path))


def _without_spans(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k not in ("span", "date_span")}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_a_page_renders_to_its_document_text(path: Path) -> None:
    response = parse(path)
    rendered = render_bytes(from_dict(orjson.loads(to_json(response))))
    assert rendered == response.text.encode("utf-8")
    assert not any(tag in response.text.lower() for tag in ("<p>", "<div", "<br", "<td", "<span"))  # no markup


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("path", TEXT_FILES, ids=TEXT_IDS)
def test_line_endings_do_not_change_what_is_extracted(path: Path, ending: bytes) -> None:
    lf = path.read_bytes().replace(b"\r\n", b"\n")
    other = lf.replace(b"\n", ending)
    expected, actual = to_dict(parse(lf)), to_dict(parse(other))
    fields = [k for k in expected if k not in ("source", "blocks", "warnings", "date_span")]
    assert {k: _without_spans(actual[k]) for k in fields} == {k: _without_spans(expected[k]) for k in fields}
    assert render_bytes(from_dict(actual)) == other
