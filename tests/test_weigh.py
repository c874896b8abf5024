"""Weighed decisions: the runtime formula, choosing, abstaining, recording, and the shipped weights."""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path

import pytest

from foiparse.extract import weigh
from foiparse.extract.weigh import Candidate, Model

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fitted(monkeypatch: pytest.MonkeyPatch) -> Model:
    m = Model(bias=-1.0, weights={"answer_verb": 3.0, "in_request": -4.0}, threshold=0.6)
    monkeypatch.setattr(weigh, "model", lambda decision: m)
    return m


def test_probability_is_the_logistic_of_bias_plus_weighted_features(fitted: Model) -> None:
    assert fitted.probability({"answer_verb": 1.0}) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert fitted.probability({}) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_an_unknown_feature_weighs_nothing(fitted: Model) -> None:
    assert fitted.probability({"never_fitted": 5.0}) == fitted.probability({})


def test_huge_weights_do_not_overflow(fitted: Model) -> None:
    assert fitted.probability({"answer_verb": 1e9}) == pytest.approx(1.0)
    assert fitted.probability({"in_request": 1e9}) == pytest.approx(0.0)


def test_choose_takes_the_likeliest_candidate(fitted: Model) -> None:
    weak = Candidate("a", "a", (0, 1), {})
    strong = Candidate("b", "b", (2, 3), {"answer_verb": 1.0})
    chosen = weigh.choose("x", [weak, strong])
    assert chosen is not None and chosen[0] is strong


def test_choose_abstains_when_no_candidate_reaches_the_threshold(fitted: Model) -> None:
    assert weigh.choose("x", [Candidate("a", "a", (0, 1), {"in_request": 1.0})]) is None
    assert weigh.choose("x", []) is None


def test_a_tie_goes_to_the_earliest_candidate(fitted: Model) -> None:
    first = Candidate("a", "a", (0, 1), {"answer_verb": 1.0})
    second = Candidate("b", "b", (2, 3), {"answer_verb": 1.0})
    chosen = weigh.choose("x", [first, second])
    assert chosen is not None and chosen[0] is first


def test_each_keeps_every_likely_candidate_in_order(fitted: Model) -> None:
    cands = [Candidate(str(i), str(i), (i, i + 1), {"answer_verb": float(i % 2)}) for i in range(4)]
    assert [c.value for c, _ in weigh.each("x", cands)] == ["1", "3"]


def test_why_names_the_features_that_moved_the_score_largest_first(fitted: Model) -> None:
    assert weigh.why("x", {"answer_verb": 1.0, "in_request": 1.0, "never_fitted": 1.0}) == [
        ("in_request", -4.0),
        ("answer_verb", 3.0),
    ]


def test_decisions_are_recorded_only_inside_recording(fitted: Model) -> None:
    cand = Candidate("a", "a", (0, 1), {"answer_verb": 1.0})
    weigh.choose("outside", [cand])
    with weigh.recording() as records:
        weigh.choose("inside", [cand])
        weigh.each("inside_each", [cand])
    weigh.choose("after", [cand])
    assert [name for name, _ in records] == ["inside", "inside_each"]


def _shipped() -> list[str]:
    folder = resources.files("foiparse") / "data" / "weights"
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))


def test_every_decision_the_code_makes_has_shipped_weights() -> None:
    used = set()
    for path in (ROOT / "src" / "foiparse").rglob("*.py"):
        used |= set(re.findall(r"weigh\.(?:choose|each|probability)\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
    assert used <= set(_shipped())


def test_every_shipped_weights_file_is_finite_and_trainable() -> None:
    train = (ROOT / "tools" / "train.py").read_text(encoding="utf-8")
    for name in _shipped():
        raw = json.loads((resources.files("foiparse") / "data" / "weights" / f"{name}.json").read_text())
        numbers = [raw["bias"], raw.get("threshold", 0.5), *raw["weights"].values()]
        assert all(math.isfinite(float(x)) for x in numbers), name
        assert 0.0 < float(raw.get("threshold", 0.5)) < 1.0, name
        assert f'"{name}": Decision(' in train, f"tools/train.py cannot fit {name}"
