"""A collation written out: the wide and long CSVs, the report, and the mapping file.

``wide.csv`` has a row per response (authority, outcome, exemptions, then a column per
matched figure), the shape a journalist charts; ``long.csv`` has a row per figure, keyed
or not, with where it stands in its document; ``report.md`` says who answered, who
refused or did not hold the information and why, and which figures did not match and
why; ``mapping.csv`` (``label,canonical``) lists every label seen and the subject it was
matched as: edit its second column and run again, and the edit is used.

Every CSV cell goes through :func:`foiparse.batch.export.csv_cell`, so no cell runs as a
formula in a spreadsheet, and each file is written whole or not at all.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from foiparse.batch.export import csv_cell
from foiparse.collate.figures import Figure
from foiparse.collate.match import Collation, Placed, Respondent, label_text
from foiparse.errors import FoiparseError
from foiparse.outputs import write_atomically

WIDE = "wide.csv"
LONG = "long.csv"
REPORT = "report.md"
MAPPING = "mapping.csv"
_MAPPING_HEADER = ["label", "canonical"]

_WIDE_LEAD = ["authority", "document", "date", "reference", "answer", "outcome", "exemptions"]
_LONG_HEADER = [
    "authority",
    "document",
    "outcome",
    "subject",
    "period",
    "column",
    "matched",
    "why",
    "note",
    "kind",
    "table",
    "title",
    "row_label",
    "column_header",
    "text",
    "value",
    "unit",
    "measure",
    "page",
    "span_start",
    "span_end",
]


class MappingFileError(FoiparseError):
    """The mapping file cannot be read as ``label,canonical`` rows."""

    exit_code = 2


def read_mapping(path: str | os.PathLike[str]) -> dict[str, str]:
    """The user's ``label,canonical`` rows; a missing file is an empty mapping (the first run)."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise MappingFileError(f"cannot read the mapping file: {exc.strerror or exc}", path=os.fspath(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingFileError("the mapping file is not UTF-8 text", path=os.fspath(path)) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}
    if [c.strip().lower() for c in rows[0][:2]] != _MAPPING_HEADER:
        raise MappingFileError("the mapping file must start with the header label,canonical", path=os.fspath(path))
    mapping: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise MappingFileError(f"line {number} has no canonical column", path=os.fspath(path))
        label, subject = _unquoted(row[0]), _unquoted(row[1])
        if label_text(label):
            mapping[label_text(label)] = subject.strip()
    return mapping


def _unquoted(cell: str) -> str:
    """A cell as written by :func:`csv_cell`: the ``'`` that kept it from running as a formula removed."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return cell[1:]
    return cell


def write_collation(collation: Collation, folder: str | os.PathLike[str], mapping_path: str | os.PathLike[str]) -> None:
    """Write the four files: ``folder``'s wide, long and report, and the mapping at ``mapping_path``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    files = [
        (out / WIDE, _csv(_wide_rows(collation))),
        (out / LONG, _csv(_long_rows(collation))),
        (out / REPORT, report(collation).encode("utf-8")),
        (Path(mapping_path), _csv(_mapping_rows(collation.mapping))),
    ]
    for path, data in files:
        with write_atomically(path) as fh:
            fh.write(data)


def _csv(rows: Iterable[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([csv_cell(_cell(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def figure_value(figure: Figure) -> object:
    """What the dataset holds for a figure: its number, or its text when it states none ("<5", "*")."""
    return figure.value if figure.value is not None else figure.text


def _wide_rows(collation: Collation) -> Iterable[list[object]]:
    yield [*_WIDE_LEAD, *(c.heading for c in collation.columns)]
    for r in collation.respondents:
        lead: list[object] = [
            r.authority,
            r.document,
            r.date,
            r.reference,
            r.answer,
            r.outcome,
            "; ".join(r.exemptions),
        ]
        yield lead + [figure_value(r.values[c.key]) if c.key in r.values else None for c in collation.columns]


def _long_rows(collation: Collation) -> Iterable[list[object]]:
    yield list(_LONG_HEADER)
    headings = {c.key: c.heading for c in collation.columns}
    for item in collation.placed:
        f = item.figure
        key = item.key
        yield [
            f.authority,
            f.document,
            f.outcome,
            key.subject if key else None,
            key.period if key else None,
            headings.get(key) if key and item.why is None else None,
            "yes" if item.why is None else "no",
            item.why,
            item.note,
            f.kind,
            f.table,
            f.title,
            f.row_label,
            f.column_header,
            f.text,
            f.value,
            f.unit,
            f.measure,
            f.page,
            f.span[0] if f.span else None,
            f.span[1] if f.span else None,
        ]


def _mapping_rows(mapping: Mapping[str, str]) -> Iterable[list[object]]:
    yield list(_MAPPING_HEADER)
    for label in sorted(mapping, key=lambda s: (s.casefold(), s)):
        yield [label, mapping[label]]


def report(collation: Collation) -> str:
    """What a reader must know about the dataset: who answered, who did not and why, what did not match."""
    lines = ["# Collation report", ""]
    respondents = collation.respondents
    answered = [r for r in respondents if r.answer == "answered"]
    lines.append(
        f"{len(respondents)} responses, {len(answered)} with figures in the dataset; "
        f"{len(collation.columns)} matched columns; {len(collation.unmatched)} figures not matched; "
        f"{sum(f.status != 'skipped' for f in collation.failures)} inputs could not be parsed."
    )
    lines.append("")
    lines += [
        "## Responses",
        "",
        "| authority | document | answer | outcome | exemptions | reasons |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in respondents:
        lines.append(
            "| "
            + " | ".join(
                _md(x)
                for x in (
                    r.authority or "(not found)",
                    r.document,
                    r.answer,
                    r.outcome,
                    "; ".join(r.exemptions),
                    "; ".join(r.reasons),
                )
            )
            + " |"
        )
    lines.append("")
    without = [r for r in respondents if r.answer != "answered"]
    if without:
        lines += ["## Did not answer with figures", ""]
        for r in without:
            lines.append(f"- {_md(r.authority or r.document)}: {_md(_why_not(r))}")
        lines.append("")
    for title, chosen in (
        ("Inputs that could not be parsed", [f for f in collation.failures if f.status != "skipped"]),
        ("Inputs skipped (not a response's file type)", [f for f in collation.failures if f.status == "skipped"]),
    ):
        if chosen:
            lines += [f"## {title}", ""]
            lines += [f"- {_md(f.document)}: {f.status}: {_md(f.error)}" for f in chosen]
            lines.append("")
    unmatched = collation.unmatched
    if unmatched:
        lines += [
            "## Figures not matched",
            "",
            "| authority | label | period | as written | why |",
            "| --- | --- | --- | --- | --- |",
        ]
        for item in unmatched:
            lines.append(
                "| "
                + " | ".join(
                    _md(x)
                    for x in (
                        item.figure.authority or item.figure.document,
                        _label_of(item),
                        item.key.period if item.key else "",
                        item.figure.text or "",
                        item.why or "",
                    )
                )
                + " |"
            )
        lines.append("")
        reasons: dict[str, int] = defaultdict(int)
        for item in unmatched:
            reasons[_reason_kind(item.why or "")] += 1
        lines.append(
            "Why, in all: " + "; ".join(f"{n} {why}" for why, n in sorted(reasons.items(), key=lambda kv: -kv[1])) + "."
        )
        lines.append("")
    return "\n".join(lines)


def _why_not(r: Respondent) -> str:
    """Why a response is not in the dataset, in its own terms: its outcome and the exemptions it relied on."""
    cited = "; ".join(r.cited)
    if r.answer == "not_held":
        return "does not hold the information" + (f" ({cited})" if cited else "")
    if r.answer == "refused":
        return "refused" + (f" under {cited}" if cited else ", citing no exemption foiparse recognised")
    if r.answer == "neither_confirm_nor_deny":
        return "neither confirms nor denies holding it" + (f" ({cited})" if cited else "")
    return f"{r.outcome.replace('_', ' ')}, but no figure of it matched another response's (see below)"


def _label_of(item: Placed) -> str:
    f = item.figure
    if item.label:
        return item.label
    return " / ".join(x for x in (f.row_label, f.column_header) if x) or (f.measure or "")


def _reason_kind(why: str) -> str:
    for word in ("no other response", "clashes", "repeats", "both its row", "neither", "without a measure", "no words"):
        if word in why:
            return {
                "no other response": "given by one response only",
                "clashes": "clash within a response",
                "repeats": "repeated within a response",
                "both its row": "two periods",
                "neither": "no label",
                "without a measure": "total without a measure",
                "no words": "label without words",
            }[word]
    return why


def _md(text: str) -> str:
    """A value in a Markdown table cell: one line, pipes escaped, nothing that renders as markup."""
    flat = " ".join(str(text).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
