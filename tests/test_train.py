"""tools/train.py on small made-up decisions: fitted signs, cut-offs, cross-validation and stable output.

The corpus it is run on lives outside the repository; these tests give it candidate sets
whose right answers are known, so a change to fitting or judging shows here first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import load_script
from foiparse.extract.weigh import Model

ROOT = Path(__file__).resolve().parent.parent
train: Any = load_script(ROOT / "tools" / "train.py")


@pytest.fixture(autouse=True)
def _labels_without_the_scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Label by plain equality, so the tests need not have ../shared/eval beside the clone."""
    monkeypatch.setitem(train.DECISIONS, "authority", train.Decision("one", lambda v, g: v == g["authority"]))
    monkeypatch.setitem(train.DECISIONS, "total", train.Decision("each", lambda v, g: float(v) in g["totals"]))


def _example(name: str, group: str, decision: str, candidates: list[tuple[str, dict[str, float]]]) -> Any:
    return train.Example(name, group, {"authority": "Right Council", "totals": [12]}, [(decision, candidates)])


def _authority_examples() -> list[Any]:
    """Each letter names the right body in its sign-off and another body in passing."""
    out = []
    for i in range(12):
        out.append(
            _example(
                f"{i}.txt",
                f"body {i % 4}",
                "authority",
                [("Other Agency", {"mentions": 1.0}), ("Right Council", {"signature": 1.0, "mentions": 1.0})],
            )
        )
    return out


def test_a_feature_that_marks_the_right_candidate_gets_a_positive_weight() -> None:
    rows, sets = train.rows_for("authority", _authority_examples())
    fitted = train.fit(rows, "one", 1.0)
    assert fitted.weights["signature"] > 0
    assert sum(ok for _, ok in sets) == len(sets) == 12
    assert train.judge(rows, fitted, "one", fitted.threshold)[0] == 1.0


def test_the_runtime_reads_fitted_weights_to_the_same_probability() -> None:
    rows, _ = train.rows_for("authority", _authority_examples())
    fitted = train.fit(rows, "one", 1.0)
    runtime = Model(bias=fitted.bias, weights=fitted.weights, threshold=fitted.threshold)
    for features in rows.features:
        assert runtime.probability(features) == pytest.approx(train.probability(fitted, features))


def test_leave_one_authority_out_judges_each_group_by_weights_fitted_without_it() -> None:
    score, report = train.cross_validate("authority", _authority_examples(), 1.0)
    assert score == 1.0 and "4 authorities" in report


def test_a_set_whose_right_candidate_was_passed_over_is_not_rightly_abstained() -> None:
    rows = train.Rows(
        features=[{"x": 1.0}, {"y": 1.0}],
        labels=[0, 1],
        sets=[0, 0],
        docs=[None, None],
        values=["a", "b"],
    )
    fitted = train.Fit(bias=-5.0, weights={"x": 1.0}, threshold=0.5)  # every candidate far below the cut-off
    assert train._decided(rows, fitted, 0.5) == (0, 0, 1)


def test_each_decisions_are_judged_by_precision_first() -> None:
    examples = [
        _example(f"{i}.txt", f"body {i % 3}", "total", [("12", {"answer_verb": 1.0}), ("2019", {"year_like": 1.0})])
        for i in range(9)
    ]
    rows, _ = train.rows_for("total", examples)
    fitted = train.fit(rows, "each", 1.0)
    assert fitted.weights["answer_verb"] > 0 > fitted.weights["year_like"]
    score, text = train.judge(rows, fitted, "each", fitted.threshold)
    assert score == 1.0 and "0 wrong" in text


def test_fitting_twice_gives_the_same_numbers() -> None:
    examples = _authority_examples()
    rows, _ = train.rows_for("authority", examples)
    assert train.fit(rows, "one", 0.3) == train.fit(rows, "one", 0.3)
