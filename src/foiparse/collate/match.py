"""Line up the figures that answer the same question across many responses.

Every figure gets a key: *what* it counts (a subject: a row label, a column header or a
total's measure, in canonical form) and *when* (a period: a financial or calendar year,
or a range of dates), whichever of a table's two labels names the period. A table whose
years run down the side and one whose years run across give the same keys, so a
transposed answer lines up with the rest. A key that two or more responses share is a
column of the dataset; a figure whose key no other response has is reported as
unmatched, with why, and so is a figure that could not be keyed at all. Responses that
give no figure (refused, not held) are rows of the dataset with their outcome and the
exemptions they relied on, never a silent gap.

The user's corrections come in as a mapping from a label as written to the subject it
means (:mod:`foiparse.collate.mapping`); a label the mapping names is not normalised again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from foiparse.collate.figures import Figure
from foiparse.collate.labels import canonical, is_total
from foiparse.collate.periods import PeriodKey, period_from_dates, period_in, period_of
from foiparse.layout.cells import is_value

TOTAL = "total"  # the subject of every total row or column, whatever its wording
_SPACE = re.compile(r"\s+")
# A label that starts by saying it counts ("Number sent to the wrong recipient", "No. sent
# ...") names what follows: only as written, never in a key ("number plate" sorts first).
_COUNTING = re.compile(r"^(?:number|count|no\.|nos\.|num\.?)\s+(?!of\b)(?=[^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Key:
    """What a figure counts and when: two figures with one key answer the same question."""

    subject: str
    period: str  # a PeriodKey's label, or "" when the figure names no period


@dataclass(frozen=True, slots=True)
class Placed:
    """A figure with the key it was given, or the reason it has none."""

    figure: Figure
    key: Key | None
    label: str | None  # the wording its subject was read from
    why: str | None = None  # why it is not in the dataset (no key, only one response has it, a clash)
    note: str | None = None  # how it was matched, when not by its own words alone


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the dataset: a key, its heading, and how many responses gave it."""

    key: Key
    heading: str
    responses: int
    start: str  # the period's first day, for ordering ("" without a period)


@dataclass(frozen=True, slots=True)
class Respondent:
    """One response: who it is from, how it answered, and its figure for each column it gave."""

    document: str
    authority: str | None
    date: str | None
    reference: str | None
    outcome: str
    exemptions: tuple[str, ...]
    reasons: tuple[str, ...]  # the exemptions' names (a refusal's or a withholding's reasons)
    values: Mapping[Key, Figure] = field(default_factory=dict)

    @property
    def cited(self) -> list[str]:
        """Each exemption with its name: ``FOIA s.12 (Cost of compliance)``."""
        names = list(self.reasons) + [""] * max(0, len(self.exemptions) - len(self.reasons))
        return [f"{e} ({n})" if n else e for e, n in zip(self.exemptions, names, strict=False)]

    @property
    def answer(self) -> str:
        """How it answered: ``answered`` (figures of the dataset), its outcome when it gave none, or ``no_figures``."""
        if self.values:
            return "answered"
        return self.outcome if self.outcome in ("refused", "not_held", "neither_confirm_nor_deny") else "no_figures"


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be parsed: listed, so it is not mistaken for a response without figures."""

    document: str
    status: str
    error: str


@dataclass(frozen=True, slots=True)
class Collation:
    """The matched dataset and everything that did not make it in."""

    columns: tuple[Column, ...]
    respondents: tuple[Respondent, ...]
    placed: tuple[Placed, ...]  # every figure, keyed or not, in document order
    failures: tuple[Failure, ...] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)  # each label seen, as written -> its subject

    @property
    def unmatched(self) -> tuple[Placed, ...]:
        """The figures that are not in the dataset, each with why."""
        return tuple(p for p in self.placed if p.why is not None)


def label_text(text: str) -> str:
    """A label as the mapping file holds it: its words, single-spaced."""
    return _SPACE.sub(" ", text).strip()


class _Subjects:
    """Subjects for labels: the user's mapping where it names the label, else the canonical form."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.given = {label_text(k): v.strip() for k, v in mapping.items() if label_text(k) and v.strip()}
        self.seen: dict[str, str] = {}

    def __call__(self, text: str) -> str | None:
        label = label_text(text)
        if not label:
            return None
        subject = self.seen.get(label)
        if subject is None:
            given = self.given.get(label)
            if given is not None:
                subject = given
            else:
                found = canonical(_COUNTING.sub("", label, count=1))
                subject = TOTAL if is_total(found) else found.key
            self.seen[label] = subject
        return subject or None


def collate(
    responses: Iterable[tuple[str, list[Figure]]],
    *,
    mapping: Mapping[str, str] | None = None,
    min_responses: int = 2,
    failures: Iterable[Failure] = (),
) -> Collation:
    """The dataset the responses' figures make: ``responses`` gives each document's figures in order.

    A key becomes a column when at least ``min_responses`` responses give it (one, for a
    single response). Within one response the first figure for a key is kept; another
    with the same value is the same statement made twice (a table and its prose), one
    with a different value is reported as a clash.
    """
    subjects = _Subjects(mapping or {})
    found: list[tuple[Respondent, list[Placed]]] = []
    for document, figures in responses:
        first = figures[0] if figures else None
        respondent = Respondent(
            document=document,
            authority=first.authority if first else None,
            date=first.date if first else None,
            reference=first.reference if first else None,
            outcome=first.outcome if first else "unknown",
            exemptions=first.exemptions if first else (),
            reasons=first.reasons if first else (),
        )
        found.append((respondent, list(_placed(figures, subjects))))
    merged = _contained(found, set(subjects.given.values()))
    subjects.seen.update({label: merged.get(subject, subject) for label, subject in subjects.seen.items()})
    placed: list[Placed] = []
    respondents: list[tuple[Respondent, dict[Key, Figure]]] = []
    for respondent, items in found:
        keyed: dict[Key, Figure] = {}
        for item in items:
            if item.key is not None and item.key.subject in merged:
                into = merged[item.key.subject]
                item = Placed(
                    item.figure, Key(into, item.key.period), item.label, item.why, f"matched to {into!r} by its words"
                )
            if item.key is not None and item.why is None:
                held = keyed.get(item.key)
                if held is None:
                    keyed[item.key] = item.figure
                elif held.value != item.figure.value or (held.text != item.figure.text and held.value is None):
                    why = f"clashes with {_where(held)} for the same key"
                    item = Placed(item.figure, item.key, item.label, why, item.note)
            placed.append(item)
        respondents.append((respondent, keyed))
    needed = max(1, min(min_responses, len(respondents)))
    counts = Counter(key for _, keyed in respondents for key in keyed)
    wanted = {key for key, n in counts.items() if n >= needed}
    headings = _headings(placed, wanted)
    starts = {p.label: p.start for p in _periods(placed)}
    reach: Counter[str] = Counter()  # a subject -> the most responses any of its periods has
    for key in wanted:
        reach[key.subject] = max(reach[key.subject], counts[key])
    columns = sorted(
        (Column(key, headings[key], counts[key], starts.get(key.period, "")) for key in wanted),
        key=lambda c: (c.key.subject == TOTAL, -reach[c.key.subject], headings[c.key], c.start),
    )
    columns = _grouped(columns)
    finished = []
    for item in placed:
        if item.key is not None and item.why is None and item.key not in wanted:
            why = f"no other response gives {_describe(item.key)}"
            item = Placed(item.figure, item.key, item.label, why, item.note)
        finished.append(item)
    people = tuple(
        Respondent(
            r.document,
            r.authority,
            r.date,
            r.reference,
            r.outcome,
            r.exemptions,
            r.reasons,
            {k: f for k, f in keyed.items() if k in wanted},
        )
        for r, keyed in respondents
    )
    return Collation(tuple(columns), people, tuple(finished), tuple(failures), dict(subjects.seen))


def _contained(found: list[tuple[Respondent, list[Placed]]], kept: set[str]) -> dict[str, str]:
    """Subjects to merge into the one other subject whose words contain theirs, if no response gives both.

    "wrong recipient" joins "information sent wrong recipient" when nothing else contains it.

    Two labels of one response are two things, so a merge never joins them; a subject with
    two candidate homes stays where it is (the report and the mapping file show it). A
    subject the user's mapping names is never moved, though others may join it.
    """
    where: dict[str, set[int]] = defaultdict(set)
    for n, (_, items) in enumerate(found):
        for item in items:
            if item.key is not None and item.why is None:
                where[item.key.subject].add(n)
    words = {s: frozenset(s.split()) for s in where if s != TOTAL and " | " not in s}
    having: dict[str, set[str]] = defaultdict(set)  # a word -> the subjects with it
    for subject, its in words.items():
        for word in its:
            having[word].add(subject)
    root: dict[str, str] = {}
    given = {s: set(where[s]) for s in words}  # a home -> the responses giving it or a subject joined to it

    def home(subject: str) -> str:
        while subject in root:
            subject = root[subject]
        return subject

    for subject in sorted(words, key=lambda s: (-len(words[s]), s)):  # the longest first, so chains end in one home
        if subject in kept:
            continue
        postings = sorted((having[w] for w in words[subject]), key=len)
        wider = set(postings[0]).intersection(*postings[1:])  # the subjects with all its words
        homes = {home(other) for other in wider if len(words[other]) > len(words[subject])}
        if len(homes) != 1:
            continue
        (target,) = homes
        if where[subject] & given[target]:
            continue
        root[subject] = target
        given[target] |= where[subject]
    return {s: home(s) for s in root}


def _placed(figures: list[Figure], subjects: _Subjects) -> Iterable[Placed]:
    """Each figure with its key: a table's figures are keyed knowing the table's shape."""
    figures = _years_as_labels(figures)
    tables: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.table is not None and _is_figure(figure):
            tables[figure.table].append(figure)
    shapes = {t: _Shape.of(cells) for t, cells in tables.items()}
    for figure in figures:
        if figure.kind == "none":
            continue
        if figure.kind == "total":
            yield _total(figure, subjects)
        elif _is_figure(figure):
            yield _cell(figure, subjects, shapes[figure.table or 0])


def _years_as_labels(figures: list[Figure]) -> list[Figure]:
    """Rows that start with a bare year ("2019 | 12 | 7"), labelled by it.

    The year looks like a figure, so the row came with no label; it is the period its
    figures are for.
    """
    rows: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.kind == "cell" and figure.table is not None and figure.row is not None:
            rows[(figure.table, figure.row)].append(figure)
    years: dict[tuple[int, int], Figure] = {}
    for where, cells in rows.items():
        first = min(cells, key=lambda f: f.col or 0)
        if first.row_label is None and first.text and _period(first.text) is not None and len(cells) > 1:
            years[where] = first
    if not years:
        return figures
    out = []
    for figure in figures:
        year = years.get((figure.table or 0, figure.row or 0)) if figure.kind == "cell" else None
        if year is None:
            out.append(figure)
        elif figure is not year:
            out.append(replace(figure, row_label=year.text))
    return out


_TOTAL_WORD = re.compile(r"\s*(?:grand\s+)?(?:total|all|overall|sum)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a table's figures say about its labels: one value column or several; its total row and column."""

    single_column: bool
    totals: frozenset[str]  # labels that name a total by their place and their first word

    @classmethod
    def of(cls, cells: list[Figure]) -> _Shape:
        """The shape of a table's figures.

        A label starting "Total", "All" or "Overall" that comes last on its side ("Total
        incidents", "All breaches") is the table's total, though its words say more.
        """
        rows = [c.row_label for c in sorted(cells, key=lambda c: c.row or 0) if c.row_label]
        columns = [c.column_header for c in sorted(cells, key=lambda c: c.col or 0) if c.column_header]
        totals = {
            side[-1]
            for side in (rows, columns)
            if len(dict.fromkeys(side)) >= 3 and _TOTAL_WORD.match(side[-1]) is not None
        }
        return cls(len({c.col for c in cells}) == 1, frozenset(totals))


def _is_figure(figure: Figure) -> bool:
    """A cell that states a figure, or marks one as withheld ("<5", "*"): not a label, not empty."""
    return figure.kind == "cell" and bool(figure.text) and is_value(figure.text or "")


def _total(figure: Figure, subjects: _Subjects) -> Placed:
    period = period_from_dates(figure.period_start, figure.period_end)
    if not figure.measure:
        return Placed(figure, None, None, "a total without a measure: what it counts is not stated")
    subject = subjects(figure.measure)
    if subject is None:
        return Placed(figure, None, figure.measure, "its measure has no words to match on")
    return Placed(figure, Key(subject, period.label if period else ""), figure.measure)


def _cell(figure: Figure, subjects: _Subjects, shape: _Shape) -> Placed:
    """A cell's key: the period from whichever label names one, the subject from the other."""
    row, column, title = figure.row_label or "", figure.column_header or "", figure.title or ""
    across, down = _period(column), _period(row)
    period: PeriodKey | None
    if across is not None and down is not None:
        return Placed(figure, None, None, "both its row and its column name a period")
    if across is not None:
        period, label = across, row
    elif down is not None:
        period, label = down, column
    else:
        period = period_in(title) if title.strip() else None
        if row and column and not shape.single_column and not _same(subjects, row, column):
            if row in shape.totals or column in shape.totals:
                label = column if row in shape.totals else row
                if row in shape.totals and column in shape.totals:
                    return Placed(figure, Key(TOTAL, period.label if period else ""), row)
            else:
                return _keyed(figure, subjects, f"{row} | {column}", period, pair=(row, column))
        else:
            label = row or column
    if not label:
        return Placed(figure, None, None, "neither its row nor its column says what it counts")
    if label in shape.totals:
        return Placed(figure, Key(TOTAL, period.label if period else ""), label)
    return _keyed(figure, subjects, label, period)


def _keyed(
    figure: Figure, subjects: _Subjects, label: str, period: PeriodKey | None, pair: tuple[str, str] | None = None
) -> Placed:
    if pair is not None:
        parts = [subjects(pair[0]), subjects(pair[1])]
        if None in parts:
            return Placed(figure, None, label, "its labels have no words to match on")
        subject = " | ".join(p for p in parts if p)
    else:
        found = subjects(label)
        if found is None:
            return Placed(figure, None, label, "its label has no words to match on")
        subject = found
    return Placed(figure, Key(subject, period.label if period else ""), label)


def _same(subjects: _Subjects, a: str, b: str) -> bool:
    return subjects(a) == subjects(b)


def _period(text: str) -> PeriodKey | None:
    return period_of(text) if text.strip() else None


def _title(figure: Figure) -> PeriodKey | None:
    return period_in(figure.title) if figure.title and figure.title.strip() else None


def _periods(placed: list[Placed]) -> Iterable[PeriodKey]:
    for item in placed:
        if item.key is None or not item.key.period:
            continue
        figure = item.figure
        found = None
        if figure.kind == "total":
            found = period_from_dates(figure.period_start, figure.period_end)
        else:
            for found in (_period(figure.column_header or ""), _period(figure.row_label or ""), _title(figure)):
                if found is not None and found.label == item.key.period:
                    break
        if found is not None and found.label == item.key.period:
            yield found


def _headings(placed: list[Placed], wanted: set[Key]) -> dict[Key, str]:
    """Each column's heading: its subject as most responses worded it, then its period.

    On a tie, a wording that is the subject itself comes first; a total's is "Total"
    whatever the tables called it.
    """
    wordings: dict[str, Counter[str]] = defaultdict(Counter)
    for item in placed:
        if item.key is not None and item.key in wanted and item.label:
            wordings[item.key.subject][label_text(item.label)] += 1

    def rank(subject: str, wording: str, n: int) -> tuple[int, bool, str]:
        return (-n, canonical(wording).key != subject, wording)

    names = {s: min(c, key=lambda w: rank(s, w, c[w])) for s, c in wordings.items()}
    names[TOTAL] = "Total"
    return {k: f"{names.get(k.subject, k.subject)} {k.period}".strip() for k in wanted}


def _grouped(columns: list[Column]) -> list[Column]:
    """Columns of one subject side by side, periods in order, subjects in the order they first come."""
    order: dict[str, int] = {}
    for column in columns:
        order.setdefault(column.key.subject, len(order))
    return sorted(columns, key=lambda c: (order[c.key.subject], c.start, c.key.period))


def _where(figure: Figure) -> str:
    if figure.kind == "total":
        return f"the total {figure.text!r}"
    return f"table {(figure.table or 0) + 1}'s cell {figure.text!r}"


def _describe(key: Key) -> str:
    return f"{key.subject!r}" + (f" for {key.period}" if key.period else "")
