"""Choices weighed from named features, with weights fitted on real responses.

An extractor that must choose (which organisation wrote the letter, which passage is
the request, whether a figure is an answer) lists its candidates, gives each a small
dict of named features, and asks :func:`choose` (one winner, or none) or
:func:`each` (every candidate likely enough). The weights are a logistic model per
decision, stored as ``data/weights/<decision>.json`` and fitted by ``make train``
(``tools/train.py``, scikit-learn at development time only): the runtime reads them in
pure Python, and :func:`why` shows what made a candidate win.

While ``tools/train.py`` runs, :func:`recording` collects every decision's candidates
in the context they were made in, so training sees exactly what parsing sees.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import orjson

T = TypeVar("T")

Features = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One possible answer: the extractor's own ``item``, its ``value`` as the answer key would write it."""

    item: T
    value: str
    span: tuple[int, int]
    features: Features = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic model: ``bias`` plus a weight per named feature, and the cut-off for a choice."""

    bias: float
    weights: Mapping[str, float]
    threshold: float = 0.5

    def logit(self, features: Features) -> float:
        """The log-odds: unknown features weigh nothing, so old weights still read new extractors."""
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Features) -> float:
        """The logistic of the log-odds, clamped so that no weight overflows ``exp``."""
        z = max(-60.0, min(60.0, self.logit(features)))
        return 1.0 / (1.0 + math.exp(-z))


@functools.cache
def model(decision: str) -> Model:
    """The shipped weights for ``decision`` (a missing file is a packaging bug, so it raises)."""
    # A path beside the package rather than importlib.resources, whose import a cold start would pay.
    with open(
        os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "weights", f"{decision}.json"), "rb"
    ) as fh:
        raw: dict[str, Any] = orjson.loads(fh.read())
    return Model(
        bias=float(raw["bias"]),
        weights={str(k): float(v) for k, v in raw["weights"].items()},
        threshold=float(raw.get("threshold", 0.5)),
    )


# (decision, candidates, document features) for each decision made while recording.
Record = tuple[str, tuple[Candidate[Any], ...]]
_RECORDER: contextvars.ContextVar[list[Record] | None] = contextvars.ContextVar("foiparse_weigh", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[Record]]:
    """Collect every decision's candidates made inside the block (for ``tools/train.py``)."""
    records: list[Record] = []
    token = _RECORDER.set(records)
    try:
        yield records
    finally:
        _RECORDER.reset(token)


def _record(decision: str, candidates: Sequence[Candidate[Any]]) -> None:
    records = _RECORDER.get()
    if records is not None and candidates:
        records.append((decision, tuple(candidates)))


def choose(decision: str, candidates: Sequence[Candidate[T]]) -> tuple[Candidate[T], float] | None:
    """The likeliest candidate and its probability, or None when none reaches the decision's threshold.

    Ties go to the earliest candidate, so the result does not depend on set order.
    """
    _record(decision, candidates)
    fitted = model(decision)
    best: tuple[Candidate[T], float] | None = None
    for candidate in candidates:
        p = fitted.probability(candidate.features)
        if best is None or p > best[1]:
            best = (candidate, p)
    return best if best is not None and best[1] >= fitted.threshold else None


def each(decision: str, candidates: Sequence[Candidate[T]]) -> list[tuple[Candidate[T], float]]:
    """Every candidate at or above the decision's threshold, in the given order, with its probability."""
    _record(decision, candidates)
    fitted = model(decision)
    scored = [(c, fitted.probability(c.features)) for c in candidates]
    return [(c, p) for c, p in scored if p >= fitted.threshold]


def probability(decision: str, features: Features) -> float:
    """The probability the fitted model gives one candidate (not recorded)."""
    return model(decision).probability(features)


def why(decision: str, features: Features) -> list[tuple[str, float]]:
    """Each feature's contribution to the logit, largest effect first: why a candidate won or lost."""
    weights = model(decision).weights
    parts = [(name, weights.get(name, 0.0) * value) for name, value in features.items()]
    return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))


def explain(records: Sequence[Record], *, limit: int | None = 3) -> str:
    """A readable account of recorded decisions: each candidate's probability and the features that moved it.

    ``limit`` candidates per decision, likeliest first (None for all); the features shown
    are the four with the largest effect, so a user can see why one candidate won.
    """
    out: list[str] = []
    for decision, candidates in records:
        fitted = model(decision)
        scored = sorted(
            ((fitted.probability(c.features), i, c) for i, c in enumerate(candidates)), key=lambda t: (-t[0], t[1])
        )
        kept = sum(1 for p, _, _ in scored if p >= fitted.threshold)
        out.append(f"{decision}: {len(candidates)} candidates, {kept} at or above the threshold {fitted.threshold:.2f}")
        for p, _, c in scored if limit is None else scored[:limit]:
            mark = "+" if p >= fitted.threshold else " "
            value = c.value if len(c.value) <= 60 else c.value[:57] + "..."
            parts = ", ".join(f"{name} {effect:+.2f}" for name, effect in why(decision, c.features)[:4])
            out.append(f"  {mark} {p:.2f}  {value!r} at {c.span[0]}-{c.span[1]}" + (f"  ({parts})" if parts else ""))
    return "\n".join(out) + ("\n" if out else "")
