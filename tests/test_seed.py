"""The user's own example: every field of the contract's "seed fixture" section, with evidence."""

from __future__ import annotations

import pytest

from conftest import ROOT, SEED
from foiparse import FoiResponse, parse


@pytest.fixture(scope="module")
def seed() -> FoiResponse:
    return parse(SEED)


def evidence(r: FoiResponse, span: tuple[int, int]) -> str:
    return r.text[span[0] : span[1]]


def test_fixture_is_a_byte_identical_copy_of_the_shared_seed() -> None:
    shared = ROOT.parent / "shared" / "seed" / SEED.name
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()


def test_authority_is_leicester_city_council(seed: FoiResponse) -> None:
    assert seed.authority is not None
    assert seed.authority.name == "Leicester City Council"
    assert evidence(seed, seed.authority.span) == "Leicester City Council"


def test_request_is_both_sentences(seed: FoiResponse) -> None:
    assert seed.request is not None
    assert seed.request.text == (
        "I would like to know how many data breaches the council has suffered since 2017. "
        "Also, what were the causes of those breaches."
    )
    assert evidence(seed, seed.request.span) == seed.request.text


def test_prior_request_is_foia_18553_of_july_2019_with_its_link(seed: FoiResponse) -> None:
    assert len(seed.prior_requests) == 1
    prior = seed.prior_requests[0]
    assert (prior.reference, prior.id, prior.date) == ("FOIA 18553", "18553", "2019-07")
    assert prior.url == "https://directory.leicester.gov.uk/foi-directory/foia-18553/"
    assert evidence(seed, prior.span) == "FOIA 18553"


def test_section_21_is_the_only_exemption(seed: FoiResponse) -> None:
    assert [(e.law, e.provision, e.kind) for e in seed.exemptions] == [("FOIA", "21", "absolute")]
    assert evidence(seed, seed.exemptions[0].span) == "Section 21"
    # It is applied to the information up to 19 June 2019: the citation's sentence says so.
    start = seed.exemptions[0].span[0]
    assert "to 19 June 2019" in seed.text[start : seed.text.index("\n", start)]


def test_total_is_259_for_2019_up_to_4_november(seed: FoiResponse) -> None:
    assert len(seed.totals) == 1
    total = seed.totals[0]
    assert (total.value, total.unit, total.text) == (259, "count", "259")
    assert total.period is not None
    assert (total.period.start, total.period.end) == ("2019", "2019-11-04")
    assert total.measure is not None and "data breaches" in total.measure
    assert evidence(seed, total.span) == "259"


def test_breach_type_table_has_18_rows_adding_up_to_62(seed: FoiResponse) -> None:
    assert len(seed.tables) == 1
    table = seed.tables[0]
    assert table.columns == ("Type of breach", "Number of incidents")
    assert len(table.rows) == 18
    assert table.rows[0] == ("Letter to wrong address", "15")
    assert table.rows[-1] == ("Letter not sent securely", "1")
    assert sum(int(row[1]) for row in table.rows) == 62
    assert table.title is not None and "since 1st September 2019" in table.title


def test_law_and_outcome(seed: FoiResponse) -> None:
    assert seed.legislation == ("FOIA",)
    assert seed.outcome == "partly_disclosed"
    assert seed.reference is None
    assert seed.date is None


def test_nothing_is_warned_about(seed: FoiResponse) -> None:
    assert seed.warnings == ()
