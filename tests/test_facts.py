"""Our own fixtures against facts written by hand (fixtures/facts.json), not by the parser.

The goldens pin today's output; these pin what a careful reader would extract, so a
golden regenerated from a regression still fails here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import FIXTURES, HAS_LIBREOFFICE
from foiparse import FoiResponse, parse

FACTS: dict[str, dict[str, Any]] = json.loads((FIXTURES / "facts.json").read_text(encoding="utf-8"))
NAMES = sorted(FACTS)
_NUMBERING = re.compile(r"^[\"“‘']*(?:\(?\d{1,2}[a-z]?[.)]|Q\d+[.:)]?)\s*")


@pytest.fixture(scope="module", params=NAMES)
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], FoiResponse]:
    name: str = request.param
    if name.endswith(".odt") and not HAS_LIBREOFFICE:
        pytest.skip("LibreOffice is not installed: the .odt cannot be read here")
    return FACTS[name], parse(FIXTURES / name)


def test_authority(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert (r.authority.name if r.authority else None) == facts["authority"]


def test_own_reference(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert (r.reference.id if r.reference else None) == facts["reference"]


def test_date(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert r.date == facts["date"]


def test_legislation(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert list(r.legislation) == facts["legislation"]


def test_outcome(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    gap = facts.get("known_gaps", {}).get("outcome")
    if gap:  # a gap the README names: this fails once it is closed, so the fact is then checked again
        assert r.outcome != facts["outcome"], f"known gap closed, drop it from facts.json: {gap}"
        pytest.xfail(gap)
    assert r.outcome == facts["outcome"]


def test_request_and_its_questions(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    if facts["request_starts"] is None:  # a page that is no FOI response quotes no request
        assert r.request is None
        return
    assert r.request is not None
    assert _NUMBERING.sub("", r.request.text).startswith(facts["request_starts"])
    assert len(r.request.questions) == facts["questions"]


def test_prior_requests(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert [p.id for p in r.prior_requests] == facts["prior_requests"]


def test_exemptions(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert sorted([e.law, e.provision] for e in r.exemptions) == sorted(facts["exemptions"])


def test_totals(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    assert sorted(float(t.value) for t in r.totals) == sorted(float(v) for v in facts["totals"])


def test_tables(case: tuple[dict[str, Any], FoiResponse]) -> None:
    facts, r = case
    got = [{"columns": list(t.columns), "rows": [list(row) for row in t.rows]} for t in r.tables]
    assert got == [{"columns": t["columns"], "rows": t["rows"]} for t in facts["tables"]]
