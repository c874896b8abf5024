"""One input of a batch, done where it runs (a worker process, or a Dask worker).

The result is a plain, JSON-ready record, so it crosses a pipe or a cluster as it is
and the process that writes the database has nothing left to parse: the document's
row, its child rows (exemptions, prior requests, totals, table cells) and its JSON.
A record always comes back: an error becomes a record with its class and message.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import shutil
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from foiparse._version import __version__
from foiparse.errors import FoiparseError, InputTooLargeError, TooSlowError, UnsupportedFormatError
from foiparse.limits import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_MEMORY_MB,
    MAX_PAGES,
    MAX_SECONDS,
)

# What does not change what a document's JSON says: the batch machinery and the command line.
_NOT_PARSER = ("batch/", "collate/", "cli.py", "__main__.py", "isolate.py", "outputs.py", "_version.py")
# What a record holds (its columns, which attachments are documents, where each cell stands).
_PARSER_IN_BATCH = ("batch/work.py", "collate/figures.py")


def code_digest(package: Path) -> str:
    """A sha256 over the package's code and data that produce the output (paths and bytes, in order).

    So a re-run after any change to a reader, an extractor, the provisions table or the
    schema parses everything again, even when nobody bumped the version.
    """
    digest = hashlib.sha256()
    files = {path.relative_to(package).as_posix(): path for path in package.rglob("*") if path.is_file()}
    for relative, path in sorted(files.items()):
        wanted = relative.endswith((".py", ".json")) or relative.startswith("data/")
        ours = relative in _PARSER_IN_BATCH or not relative.startswith(_NOT_PARSER)
        if wanted and ours and "__pycache__" not in relative:
            digest.update(relative.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def parser_version() -> str:
    """The resume key of every record: the release and a digest of what produces the output.

    Computed once per process, when a record is first made (a few milliseconds), so a
    worker's start-up does not pay for it.
    """
    from foiparse.schema import schema_bytes

    package = Path(__file__).resolve().parent.parent
    schema = hashlib.sha256(schema_bytes()).hexdigest()
    libraries = ";".join(f"{name}={_installed(name)}" for name in _READING_LIBRARIES)
    code = hashlib.sha256((code_digest(package) + schema + libraries).encode("ascii", "replace")).hexdigest()
    return f"{__version__}+{code[:12]}"


# The libraries that read the inputs: a new version of one can change what is read, so
# upgrading it re-parses like an upgrade of foiparse.
_READING_LIBRARIES = ("pypdfium2", "selectolax", "python-docx", "charset-normalizer")


def _installed(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


# Names a batch parses whatever their bytes look like; other files are parsed only when
# their bytes are a PDF or a web page, and are otherwise recorded as skipped.
RESPONSE_SUFFIXES = frozenset({"", ".txt", ".text", ".htm", ".html", ".xhtml", ".pdf", ".docx", ".odt", ".doc", ".eml"})

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Job:
    """How every input of a batch is read; sent once to each worker."""

    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES
    timeout: float = MAX_SECONDS
    max_memory_mb: int = MAX_MEMORY_MB  # a worker's address space; 0 for no limit
    max_chars: int = MAX_CHARS
    max_depth: int = MAX_HTML_DEPTH
    max_elements: int = MAX_HTML_ELEMENTS
    ocr: str = "auto"  # PDF pages read from their image: auto (pages without text), always, never
    keep_json: bool = True  # the document's JSON (ingest); parse_many rebuilds the response from it
    pack: bool = False  # ingest: the JSON compressed and the text alone, as the database stores them (see flatten)

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data, for a worker's command line."""
        return asdict(self)


def failure(path: str, status: str, error_class: str, message: str, **extra: Any) -> Record:
    """A record for an input that gave no response."""
    return {**_failed(path, status, error_class, message, **extra), "parser_version": parser_version()}


def _failed(path: str, status: str, error_class: str, message: str, **extra: Any) -> Record:
    """A worker's record of an input that gave no response, without the parser version.

    The process that writes the database stamps every record with its own version (the
    one the next run compares with), so a worker need not digest the package for it.
    """
    return {"path": path, "status": status, "error_class": error_class, "error": message, **extra}


def work(path: str, job: Job) -> Record:
    """Read, parse and flatten one input; never raises."""
    started = time.perf_counter()
    try:
        record = _work(path, job)
    except FoiparseError as exc:
        status = "timeout" if isinstance(exc, TooSlowError) else "failed"
        record = _failed(path, status, type(exc).__name__, exc.message)
    except MemoryError:
        record = _failed(path, "failed", "InputTooLargeError", "out of memory while parsing")
    except Exception as exc:  # a bug in foiparse must cost one input, not the batch
        record = _failed(path, "failed", "InternalError", f"{type(exc).__name__}: {exc}")
    record.setdefault("sha256", None)
    record["seconds"] = round(time.perf_counter() - started, 6)
    return record


def _work(path: str, job: Job) -> Record:
    from foiparse.detect import detect_format
    from foiparse.pipeline import Options, parse, read_input

    data, _ = read_input(path, path, job.max_bytes, follow_links=False)  # links were resolved by the walk
    if len(data) > job.max_bytes:
        raise InputTooLargeError(f"input too large: over the limit of {job.max_bytes:,} bytes", path=path)
    digest = hashlib.sha256(data).hexdigest()
    try:
        mtime_ns: int | None = os.stat(path).st_mtime_ns
    except OSError:
        mtime_ns = None  # gone since it was read: what was read is recorded
    base = {"sha256": digest, "size": len(data), "mtime_ns": mtime_ns}
    suffix = os.path.splitext(path)[1].lower()
    try:
        fmt = detect_format(data, path)
    except UnsupportedFormatError as exc:
        if suffix in RESPONSE_SUFFIXES:
            raise
        return _failed(path, "skipped", "UnsupportedFormatError", exc.message, **base)
    if suffix not in RESPONSE_SUFFIXES and fmt == "text":
        message = f"not a response file type ({suffix}): parse it by name to read it as text"
        return _failed(path, "skipped", "UnsupportedFormatError", message, **base)
    if fmt == "odt" and shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        message = (
            f"reading .{fmt} needs LibreOffice, which is not installed here (apt install libreoffice-writer-nogui)"
        )
        return _failed(path, "skipped", "UnsupportedFormatError", message, **base)
    options = Options(
        format=fmt,
        max_bytes=job.max_bytes,
        max_pages=job.max_pages,
        max_seconds=job.timeout,
        max_chars=job.max_chars,
        max_depth=job.max_depth,
        max_elements=job.max_elements,
        ocr=job.ocr,
    )
    try:
        response = parse(data, options, name=path)
    except FoiparseError as exc:
        raise exc.with_path(path) from None
    record = flatten(response, job.keep_json, pack=job.pack)
    record.update(path=path, status="ok", error_class=None, error=None, **base)
    if fmt == "eml":
        record["children"] = _attachments(data, path, options, job.keep_json, job.pack)
    return record


ATTACHED_FORMATS = ("pdf", "docx", "odt", "doc")  # an e-mail's attachments parsed as documents of their own
_ATTACHED_SUFFIXES = (".pdf", ".docx", ".odt", ".doc")
_ATTACHED_TYPES = (
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
)


def _attachments(data: bytes, path: str, options: Any, keep_json: bool, pack: bool = False) -> list[Record]:
    """Each PDF or Word attachment of an e-mail as a record of its own, named ``EMAIL#ATTACHMENT``.

    The name is for people; the row's identity is the e-mail's path and the attachment's
    position in it, so a file that happens to be called ``EMAIL#ATTACHMENT`` cannot clash.
    """
    from dataclasses import replace

    from foiparse.detect import detect_format
    from foiparse.pipeline import display_name, parse
    from foiparse.readers.email import attachments_of

    parent = display_name(path)
    out = []
    for position, item in enumerate(attachments_of(data), start=1):
        name = f"{parent}#{item.name}"
        base = {
            "sha256": hashlib.sha256(item.data).hexdigest(),
            "size": len(item.data),
            "mtime_ns": None,
            "parent": parent,
            "attachment": position,  # its identity, with the e-mail's path: no file's path can take it
        }
        looks_like = (
            os.path.splitext(item.name)[1].lower() in _ATTACHED_SUFFIXES or item.content_type in _ATTACHED_TYPES
        )
        try:
            fmt = detect_format(item.data, name)
        except FoiparseError as exc:
            if looks_like:  # a damaged letter is recorded, not passed over
                out.append(_failed(name, "failed", type(exc).__name__, exc.message, **base))
            continue
        if fmt not in ATTACHED_FORMATS:
            continue
        try:
            response = parse(item.data, replace(options, format=fmt), name=name)
        except FoiparseError as exc:
            out.append(_failed(name, "failed", type(exc).__name__, exc.message, **base))
            continue
        except Exception as exc:  # a bug costs this attachment, not the e-mail and its others
            out.append(_failed(name, "failed", "InternalError", f"{type(exc).__name__}: {exc}", **base))
            continue
        child = flatten(response, keep_json, pack=pack)
        child.update(path=name, status="ok", error_class=None, error=None, **base)
        out.append(child)
    return out


def flatten(response: Any, keep_json: bool = True, *, pack: bool = False) -> Record:
    """The rows a response gives: the document's own columns and its child rows.

    With ``pack`` (ingest), the JSON comes compressed, as the database keeps it (zlib,
    base64 to cross the pipe as JSON: ``json_z``, and its size, ``json_size``) with the
    document text beside it for the full-text index, so the one process writing the
    database neither compresses nor parses any document.
    """
    from foiparse.collate.figures import Pages, cell_spans, label_width
    from foiparse.layout.cells import number_of
    from foiparse.serialize import to_json

    document_text = response.text
    tables = []
    for ordinal, table in enumerate(response.tables):
        cells = []
        pages = table.row_pages or ()
        spans = cell_spans(document_text, {"span": table.span, "columns": table.columns, "rows": table.rows})
        for r, row in enumerate(table.rows):
            page = pages[r] if r < len(pages) else table.page
            width = label_width(row)
            for c, text in enumerate(row):
                header = table.columns[c] if c < len(table.columns) else None
                value = number_of(text)
                if isinstance(value, int) and abs(value) >= 2**63:
                    value = float(value)  # SQLite and JSON carry 64-bit integers; a longer figure is kept as a real
                span = spans[r][c] or (None, None)
                cells.append([r, c, header, text, value, page, *span, int(c < width)])
        tables.append(
            {
                "ordinal": ordinal,
                "title": table.title,
                "columns": list(table.columns),
                "n_rows": len(table.rows),
                "page": table.page,
                "span": list(table.span),
                "cells": cells,
            }
        )
    block_pages = Pages([block.span[0] for block in response.blocks], [block.page for block in response.blocks])
    record: Record = {
        "format": response.source.format,
        "authority": response.authority.name if response.authority else None,
        "reference": response.reference.text if response.reference else None,
        "date": response.date,
        "outcome": response.outcome,
        "legislation": ",".join(response.legislation),
        "request": response.request.text if response.request else None,
        "pages": response.source.pages,
        "json": to_json(response, indent=False).decode("utf-8").rstrip("\n") if keep_json and not pack else None,
        "exemptions": [
            [e.law, e.provision, e.name, e.kind, e.cited_as, e.span[0], e.span[1]] for e in response.exemptions
        ],
        "prior_requests": [[p.reference, p.id, p.date, p.span[0], p.span[1]] for p in response.prior_requests],
        "totals": [
            [
                t.value,
                t.text,
                t.unit,
                t.measure,
                t.period.start if t.period else None,
                t.period.end if t.period else None,
                t.span[0],
                t.span[1],
                block_pages.at(t.span[0]),
            ]
            for t in response.totals
        ],
        "tables": tables,
    }
    if pack and keep_json:
        raw = to_json(response, indent=False).rstrip(b"\n")
        del record["json"]
        record.update(
            json_z=base64.b64encode(zlib.compress(raw)).decode("ascii"), json_size=len(raw), text=document_text
        )
    return record
