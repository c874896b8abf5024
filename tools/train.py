"""Fit the weights of foiparse's weighed decisions on the tune corpus (``make train``).

Every decision an extractor makes through :mod:`foiparse.extract.weigh` is recorded
while the corpus is parsed, so the candidates and features seen here are the ones
parsing sees. Each candidate is labelled from the answer key with the scorer's own
matching (``../shared/eval/score.py``), a logistic regression is fitted per decision
(scikit-learn, a development dependency only), its cut-off is chosen on the same
documents, and the result is written to ``src/foiparse/data/weights/<decision>.json``
with rounded numbers, so a re-run on the same corpus gives the same bytes.

Leave-one-authority-out cross-validation is printed beside the fit: each authority's
documents are scored by weights fitted without them, which is what a new council's
letters will meet.

    python tools/train.py                       # every decision, print and write
    python tools/train.py --decision total      # one decision
    python tools/train.py --dry-run             # print only
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib.util
import json
import math
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "src" / "foiparse" / "data" / "weights"
SHARED = ROOT.parent / "shared"

# One recorded decision: its name and its candidates as (value, features).
Recorded = tuple[str, list[tuple[str, dict[str, float]]]]


@functools.cache
def _scorer() -> ModuleType:
    """The evaluation's own matching, so a candidate is "right" exactly when the scorer would count it."""
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        sys.exit(f"train.py: {path} not found: training needs ../shared beside the project")
    spec = importlib.util.spec_from_file_location("foiparse_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"train.py: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _authority(value: str, gold: Mapping[str, Any]) -> bool | None:
    want = gold.get("authority")
    if not want:
        return None  # the key does not say: neither right nor wrong
    a, b = re.sub(r"^the ", "", _scorer().fold(value)), re.sub(r"^the ", "", _scorer().fold(want))
    return bool(a) and (a in b or b in a)


def _reference(value: str, gold: Mapping[str, Any]) -> bool | None:
    if "reference" not in gold:
        return None
    want = gold.get("reference")
    return bool(want) and _scorer().alnum(value) == _scorer().alnum(want)


def _date(value: str, gold: Mapping[str, Any]) -> bool | None:
    if "date" not in gold:
        return None
    return bool(gold.get("date")) and value == gold.get("date")


def _outcome(value: str, gold: Mapping[str, Any]) -> bool | None:
    want = gold.get("outcome")
    return None if want in (None, "unknown") else value == want


def _request(value: str, gold: Mapping[str, Any]) -> bool | None:
    if "request" not in gold:
        return None  # the project's fixtures record how the request starts, not its words
    want = gold.get("request")
    return bool(want) and _scorer().token_f1(value, want) >= 0.8


def _total(value: str, gold: Mapping[str, Any]) -> bool | None:
    if "totals" not in gold:
        return None
    number = _scorer().to_number(value)
    if number is None:
        return False
    key = round(float(number), 6)
    if key in {round(float(v), 6) for v in gold.get("totals_optional") or []}:
        return None
    return key in {round(float(v), 6) for v in gold.get("totals") or []}


def _prior(value: str, gold: Mapping[str, Any]) -> bool | None:
    if "prior_requests" not in gold:
        return None
    got = _scorer().alnum(value)
    if any(_scorer().alnum(x) and _scorer().alnum(x) in got for x in gold.get("prior_requests_optional") or []):
        return None
    return any(_scorer().alnum(x) and _scorer().alnum(x) in got for x in gold.get("prior_requests") or [])


@dataclass(frozen=True)
class Decision:
    """How one decision is labelled and judged: ``one`` winner per set, or ``each`` candidate on its own."""

    kind: str
    label: Callable[[str, Mapping[str, Any]], bool | None]


DECISIONS: dict[str, Decision] = {
    "authority": Decision("one", _authority),
    "reference": Decision("one", _reference),
    "date": Decision("one", _date),
    "outcome": Decision("one", _outcome),
    "request": Decision("one", _request),
    "total": Decision("each", _total),
    "prior": Decision("each", _prior),
}


def _parse_one(path: str | bytes) -> list[Recorded]:
    """Parse one document with recording on; a document that fails to parse gives no candidates."""
    from foiparse import FoiparseError, parse
    from foiparse.extract import weigh

    with weigh.recording() as records:
        try:
            parse(path, name=None if isinstance(path, str) else "example.txt")
        except FoiparseError:
            return []
    return [(name, [(str(c.value), dict(c.features)) for c in cands]) for name, cands in records]


@dataclass
class Example:
    """One document: its answer key, its authority (the cross-validation group) and its decisions."""

    name: str
    group: str
    gold: dict[str, Any]
    records: list[Recorded]


def _groups(corpus: Path) -> dict[str, str]:
    groups: dict[str, str] = {}
    sources = corpus / "SOURCES.tsv"
    if sources.exists():
        for line in sources.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) > 2:
                groups[cols[0]] = re.sub(r"\s*\(.*\)\s*$", "", cols[2]).strip().casefold()
    return groups


def collect(corpus: Path, jobs: int) -> list[Example]:
    """Parse every labelled document of ``corpus`` and keep what each decision saw."""
    groups = _groups(corpus)
    labels = sorted((corpus / "labels").glob("*.json"))
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in labels]
    paths = [str(corpus / "docs" / g["file"]) for g in golds]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        recorded = list(pool.map(_parse_one, paths, chunksize=1))
    return [Example(g["file"], groups.get(g["file"], g["file"]), g, r) for g, r in zip(golds, recorded, strict=True)]


def collect_fixtures(folder: Path, jobs: int) -> list[Example]:
    """The project's own letters (``fixtures/``), labelled by ``fixtures/facts.json``: each its own authority.

    They are written in shapes the tune corpus has few of, so fitting on both keeps a
    frame the corpus lacks from being weighed as if it were never an answer.
    """
    facts: dict[str, dict[str, Any]] = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    names = sorted(facts)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        recorded = list(pool.map(_parse_one, [str(folder / n) for n in names], chunksize=1))
    keys = ("authority", "reference", "date", "outcome", "totals", "prior_requests")
    return [
        Example(name, f"fixture {name}", {k: facts[name].get(k) for k in keys}, records)
        for name, records in zip(names, recorded, strict=True)
    ]


def _parse_text(text: str) -> list[Recorded]:
    return _parse_one(text.encode("utf-8"))


# The example tables of the extractors: (file under tests/examples, answer-key field, its tables).
EXAMPLE_TABLES = (
    ("totals.toml", "totals", ("examples", "near_misses", "evidence")),
    ("request.toml", "request", ("examples", "near_misses")),
)


def collect_examples(jobs: int) -> list[Example]:
    """The letters of the extractors' example tables (``tests/examples/*.toml``), one authority per table.

    Each case is a short letter we wrote with what it should give; together they hold an
    example of every frame and near miss an extractor knows, which the corpus may lack.
    """
    out: list[Example] = []
    for filename, field, tables in EXAMPLE_TABLES:
        with (ROOT / "tests" / "examples" / filename).open("rb") as f:
            data = tomllib.load(f)
        cases = [c for name in tables for c in data[name]]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            recorded = list(pool.map(_parse_text, [c["text"] for c in cases], chunksize=8))
        for c, records in zip(cases, recorded, strict=True):
            expected = c.get("expected")
            gold = {field: list(expected) if field == "totals" else expected}
            out.append(Example(f"{field} example: {c['name']}", f"{field} examples", gold, records))
    return out


@dataclass
class Rows:
    """A decision's labelled candidates, with the set and document each belongs to."""

    features: list[dict[str, float]]
    labels: list[int]
    sets: list[int]  # index into Rows.docs of the candidate set
    docs: list[Example]
    values: list[str]


def rows_for(name: str, examples: Iterable[Example]) -> tuple[Rows, list[tuple[Example, bool]]]:
    """Labelled rows, plus each candidate set with whether the answer key's value was among its candidates."""
    decision = DECISIONS[name]
    rows = Rows([], [], [], [], [])
    sets: list[tuple[Example, bool]] = []
    for example in examples:
        for recorded_name, candidates in example.records:
            if recorded_name != name:
                continue
            labelled = [(v, f, decision.label(v, example.gold)) for v, f in candidates]
            if decision.kind == "one" and all(y is None for *_, y in labelled):
                continue
            index = len(sets)
            sets.append((example, any(y for *_, y in labelled)))
            for value, features, y in labelled:
                if y is None:
                    continue
                rows.features.append(features)
                rows.labels.append(int(y))
                rows.sets.append(index)
                rows.docs.append(example)
                rows.values.append(value)
    return rows, sets


@dataclass(frozen=True)
class Fit:
    """A fitted model as the runtime reads it."""

    bias: float
    weights: dict[str, float]
    threshold: float


def fit(rows: Rows, kind: str, c: float) -> Fit:
    """A regularised logistic regression over named features, and the cut-off that scores best on its own data."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(rows.features)
    if len(set(rows.labels)) < 2:
        sign = 4.0 if rows.labels and rows.labels[0] else -4.0
        return Fit(sign, {}, 0.5)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(x, rows.labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), 4)
    }
    fitted = Fit(round(float(model.intercept_[0]), 4), dict(sorted(weights.items())), 0.5)
    best = max((judge(rows, fitted, kind, t / 100)[0], -abs(t - 50), t / 100) for t in range(5, 96, 5))
    return Fit(fitted.bias, fitted.weights, best[2])


def probability(fitted: Fit, features: Mapping[str, float]) -> float:
    """The runtime's own formula (``weigh.Model.probability``), for weights not yet written."""
    z = fitted.bias + sum(fitted.weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def judge(rows: Rows, fitted: Fit, kind: str, threshold: float) -> tuple[float, str]:
    """How well the weights decide: F0.5 over candidates (``each``), or top-1 accuracy per set (``one``)."""
    if kind == "each":
        tp = fp = fn = 0
        for features, y in zip(rows.features, rows.labels, strict=True):
            chosen = probability(fitted, features) >= threshold
            tp += chosen and y == 1
            fp += chosen and y == 0
            fn += (not chosen) and y == 1
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        return f05, f"P {p:.2f} R {r:.2f} F0.5 {f05:.2f} ({tp} right, {fp} wrong, {fn} missed)"
    right, abstained_right, total = _decided(rows, fitted, threshold)
    accuracy = (right + abstained_right) / total if total else 0.0
    return accuracy, f"top-1 right {right}/{total} (+{abstained_right} rightly none): {accuracy:.2f}"


def _decided(rows: Rows, fitted: Fit, threshold: float) -> tuple[int, int, int]:
    """Sets whose top candidate is right and chosen; sets with no right candidate where none is chosen; all sets."""
    best: dict[int, tuple[float, int]] = {}
    positive: set[int] = set()
    for features, y, s in zip(rows.features, rows.labels, rows.sets, strict=True):
        p = probability(fitted, features)
        if y:
            positive.add(s)
        if s not in best or p > best[s][0]:
            best[s] = (p, y)
    right = sum(1 for p, y in best.values() if p >= threshold and y == 1)
    abstained = sum(1 for s, (p, _) in best.items() if p < threshold and s not in positive)
    return right, abstained, len(best)


def cross_validate(name: str, examples: list[Example], c: float) -> tuple[float, str]:
    """Leave one authority out: each authority judged by weights fitted on the others.

    Gives F0.5 over candidates for ``each`` decisions (precision first), and for ``one``
    decisions the share of sets decided as well as their candidates allow (the right
    candidate chosen, or none chosen when no candidate is right).
    """
    kind = DECISIONS[name].kind
    groups = sorted({e.group for e in examples})
    held: list[Rows] = []
    fits: list[Fit] = []
    for group in groups:
        train, _ = rows_for(name, (e for e in examples if e.group != group))
        test, _ = rows_for(name, (e for e in examples if e.group == group))
        if not test.labels or not train.labels:
            continue
        held.append(test)
        fits.append(fit(train, kind, c))
    if not held:
        return 0.0, "no held-out candidates"
    if kind == "each":
        tp = fp = fn = 0
        for test, fitted in zip(held, fits, strict=True):
            for features, y in zip(test.features, test.labels, strict=True):
                chosen = probability(fitted, features) >= fitted.threshold
                tp += chosen and y == 1
                fp += chosen and y == 0
                fn += (not chosen) and y == 1
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        return f05, f"leave-one-authority-out ({len(held)} authorities): P {p:.2f} R {r:.2f} F1 {f1:.2f}"
    right = total = 0
    for test, fitted in zip(held, fits, strict=True):
        picked, abstained, count = _decided(test, fitted, fitted.threshold)
        right += picked + abstained
        total += count
    return right / total, (
        f"leave-one-authority-out ({len(held)} authorities): {right}/{total} sets decided as well as "
        f"their candidates allow ({right / total:.2f})"
    )


def main(argv: list[str] | None = None) -> int:
    """Fit, cross-validate, print and (unless --dry-run) write each decision's weights."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus", help="docs/, labels/ and SOURCES.tsv")
    ap.add_argument("--decision", action="append", choices=sorted(DECISIONS), help="fit only these")
    ap.add_argument(
        "--c",
        type=float,
        action="append",
        help="inverse regularisation strength to try (default: 0.03 0.1 0.3 1 3, the best by cross-validation)",
    )
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dry-run", action="store_true", help="print the fits, write nothing")
    ap.add_argument(
        "--no-fixtures",
        action="store_true",
        help="fit on the corpus alone, not also on fixtures/ and the example tables",
    )
    args = ap.parse_args(argv)

    examples = collect(args.corpus, args.jobs)
    if not args.no_fixtures:
        examples += collect_fixtures(ROOT / "fixtures", args.jobs)
        examples += collect_examples(args.jobs)
    print(f"{len(examples)} documents, {len({e.group for e in examples})} authorities")
    seen = collections.Counter(name for e in examples for name, _ in e.records)
    for name in args.decision or sorted(DECISIONS):
        if not seen[name]:
            print(f"\n{name}: no extractor records this decision yet")
            continue
        kind = DECISIONS[name].kind
        rows, sets = rows_for(name, examples)
        reachable = sum(ok for _, ok in sets)
        tried = [(cross_validate(name, examples, c), c) for c in args.c or (0.03, 0.1, 0.3, 1.0, 3.0)]
        (_, report), c = max(tried, key=lambda t: (t[0][0], -abs(math.log(t[1]))))
        fitted = fit(rows, kind, c)
        print(
            f"\n{name} ({kind}): {len(rows.labels)} candidates in {len(sets)} sets, {sum(rows.labels)} right; "
            f"the right value is among the candidates in {reachable}/{len(sets)} sets"
        )
        print(f"  {report} with C={c}")
        print(f"  fitted on all: {judge(rows, fitted, kind, fitted.threshold)[1]} at threshold {fitted.threshold}")
        top = sorted(fitted.weights.items(), key=lambda kv: -abs(kv[1]))[:8]
        print("  strongest: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
        if not args.dry_run:
            out = {
                "decision": name,
                "fitted_on": f"{len({e.name for e in rows.docs})} documents (tune corpus, fixtures, example letters) by tools/train.py",
                "bias": fitted.bias,
                "c": c,
                "cross_validation": report,
                "threshold": fitted.threshold,
                "weights": fitted.weights,
            }
            WEIGHTS.mkdir(parents=True, exist_ok=True)
            (WEIGHTS / f"{name}.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
