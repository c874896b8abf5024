"""The ``foiparse`` command: a thin shell over the library.

``foiparse FILE...`` parses (the ``parse`` command is the default); ``render``,
``schema``, ``validate``, ``ingest`` and ``export`` are subcommands. Library errors
become one line on stderr naming the file and the cause; exit codes are 0 (all
parsed), 1 (an input failed), 2 (usage) and 130 (interrupted).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from foiparse._version import __version__
from foiparse.errors import FoiparseError, InvalidJsonError, SchemaValidationError
from foiparse.limits import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_MEMORY_MB,
    MAX_PAGES,
    MAX_SECONDS,
)
from foiparse.model import FORMATS, FoiResponse

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_TIMEOUT = 7 * 24 * 3600.0  # a week: beyond any parse, and within what the clock calls accept


class _DefaultToParse(click.Group):
    """A group whose first argument, when it is not a command, is a file to parse."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["parse", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToParse, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="foiparse")
def cli() -> None:
    """Turn published FOI responses into grounded, schema-checked JSON.

    \b
    foiparse FILE              parse one response, print its JSON
    foiparse FILE FILE ...     parse several, print one JSON object per line
    foiparse render OUT.json   print the document text back
    foiparse ingest DIR        parse a directory into SQLite
    foiparse export --jsonl -  write the database out as JSON lines or CSV

    A file named like a command is parsed with ``foiparse parse NAME``.
    """


def _fail(path: str, message: str) -> None:
    click.echo(f"foiparse: {path}: {message}" if path else f"foiparse: {message}", err=True)


def _size_limits(command: Any) -> Any:
    """The limits on one input's size, shared by ``parse`` and ``ingest`` (the README lists them once)."""
    options = [
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=MAX_BYTES,
            show_default=True,
            help="Refuse inputs larger than this many bytes.",
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(min=1),
            default=MAX_PAGES,
            show_default=True,
            help="Refuse PDFs with more pages than this.",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            default=MAX_CHARS,
            show_default=True,
            help="Refuse inputs whose document text is longer than this many characters.",
        ),
        click.option(
            "--max-depth",
            type=click.IntRange(min=1),
            default=MAX_HTML_DEPTH,
            show_default=True,
            help="Refuse HTML whose elements are nested deeper than this.",
        ),
        click.option(
            "--max-elements",
            type=click.IntRange(min=1),
            default=MAX_HTML_ELEMENTS,
            show_default=True,
            help="Refuse HTML with more elements than this.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True, readable=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write the JSON here instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Read the input as this format instead of detecting it from its bytes.",
)
@click.option("--jsonl", is_flag=True, help="One compact JSON object per line, even for a single file.")
@click.option("--validate", "check", is_flag=True, help="Check each JSON object against the schema before printing it.")
@_size_limits
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=MAX_TIMEOUT),
    default=MAX_SECONDS,
    show_default=True,
    help="Stop parsing an input after this many seconds.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=0),
    default=MAX_MEMORY_MB,
    show_default=True,
    help="Megabytes of memory parsing one input may use (0: no limit).",
)
def parse_command(
    files: Sequence[str],
    output: str,
    fmt: str | None,
    jsonl: bool,
    check: bool,
    max_bytes: int,
    max_pages: int,
    max_chars: int,
    max_depth: int,
    max_elements: int,
    timeout: float,
    max_memory: int,
) -> None:
    """Parse FOI responses (files, or - for standard input) to JSON.

    One file prints one indented JSON object; several print one compact object per
    line (JSONL). Each input is parsed in a child process stopped at --timeout and
    capped at --max-memory. A file that fails is reported on stderr and the rest go
    on; the exit code then names the cause (see the README), or is 1 for several.
    """
    from foiparse.isolate import call_isolated
    from foiparse.pipeline import Options

    options = Options(
        format=fmt,
        max_bytes=max_bytes,
        max_pages=max_pages,
        max_seconds=timeout,
        max_chars=max_chars,
        max_depth=max_depth,
        max_elements=max_elements,
    )
    one_per_line = jsonl or len(files) > 1
    codes: set[int] = set()
    try:
        out = click.open_file(output, "wb")
    except OSError as exc:
        _fail(output, f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)
    with out:
        for name in files:
            label = "<stdin>" if name == "-" else name
            try:
                source = sys.stdin.buffer.read(max_bytes + 1) if name == "-" else name

                def work(source: str | bytes = source, name: str = name) -> bytes:
                    return _parse_to_json(source, options, None if name == "-" else name, check, one_per_line)

                result = call_isolated(work, timeout=timeout, max_memory_mb=max_memory, path=label)
                try:
                    out.write(result)
                    out.flush()
                except BrokenPipeError:  # `foiparse … | head`: the reader left; stop quietly
                    _quiet_stdout()
                    sys.exit(EXIT_OK if not codes else _exit_code(codes))
            except KeyboardInterrupt:
                _fail(label, "interrupted")
                sys.exit(EXIT_INTERRUPTED)
            except FoiparseError as exc:
                codes.add(exc.exit_code)
                _fail(exc.path or label, exc.message)
            except Exception as exc:  # a bug must still be one line, and must not stop the batch
                codes.add(EXIT_FAILED)
                _fail(label, f"internal error ({type(exc).__name__}: {exc}); please report it")
    sys.exit(_exit_code(codes))


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    import os

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def _parse_to_json(source: str | bytes, options: Any, name: str | None, check: bool, compact: bool) -> bytes:
    from foiparse.pipeline import parse
    from foiparse.serialize import to_dict, to_json

    response = parse(source, options, name=name)
    if check:
        from foiparse.schema import validate

        validate(to_dict(response), path=name)
    return to_json(response, indent=not compact)


def _exit_code(codes: set[int]) -> int:
    """0 when nothing failed; the cause's own code when every failure had the same one; else 1."""
    if not codes:
        return EXIT_OK
    return codes.pop() if len(codes) == 1 else EXIT_FAILED


@cli.command("render")
@click.argument("json_file", type=click.Path(allow_dash=True), default="-")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write the text here."
)
def render_command(json_file: str, output: str) -> None:
    """Print the document text of a parsed response (JSON from foiparse).

    For a plain-text input this gives back the original file byte for byte: same
    encoding, byte-order mark, line endings and trailing white space.
    """
    try:
        response = _load_response(_read(json_file), json_file)
        text = render_bytes(response)
        with click.open_file(output, "wb") as out:
            out.write(text)
    except SchemaValidationError as exc:
        _fail(exc.path or json_file, f"invalid: {exc.message}")
        sys.exit(EXIT_FAILED)
    except FoiparseError as exc:
        _fail(exc.path or json_file, exc.message)
        sys.exit(EXIT_FAILED)
    except OSError as exc:
        _fail(output, f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)


def _read(name: str) -> bytes:
    """A file's bytes (``-`` is standard input), read errors as one-line FoiparseErrors."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise FoiparseError("is a directory, not a file", path=name) from None
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=name) from None


def render_bytes(response: FoiResponse) -> bytes:
    """The document text, encoded as the input was (UTF-8 for HTML and PDF)."""
    from foiparse.readers.text import bom_for

    if response.source.format != "text":
        return response.text.encode("utf-8")  # the page's text, not its markup: no charset to keep
    encoding = response.source.encoding or "utf-8"
    try:
        body = response.text.encode(encoding)
    except LookupError:
        raise FoiparseError(f"unknown encoding {encoding!r} in source.encoding") from None
    except UnicodeEncodeError as exc:
        raise FoiparseError(f"the text cannot be written back as {encoding} (offset {exc.start})") from None
    return (bom_for(encoding) if response.source.bom else b"") + body


def _load_response(data: bytes, name: str) -> FoiResponse:
    return _load_response_object(_load_json(data, name), name)


def _load_response_object(obj: Any, name: str) -> FoiResponse:
    """Schema first, then the spans against the text (:mod:`foiparse.grounding`)."""
    from foiparse.grounding import check_grounding
    from foiparse.schema import validate
    from foiparse.serialize import from_dict

    if not isinstance(obj, dict):
        raise InvalidJsonError("not a foiparse JSON object", path=name)
    validate(obj, path=name)
    response = from_dict(obj)
    check_grounding(response, path=name)
    return response


def _load_json(data: bytes, name: str) -> Any:
    from foiparse.serialize import loads

    try:
        return loads(data)
    except ValueError as exc:
        raise InvalidJsonError(f"not JSON ({exc})", path=name) from None


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every output follows."""
    from foiparse.schema import schema_bytes

    sys.stdout.buffer.write(schema_bytes())


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
def validate_command(files: Sequence[str]) -> None:
    """Check foiparse JSON (one object, or JSON lines): the schema, then every span against the text."""
    failed = 0
    for name in files:
        try:
            objects = _objects(_read(name), name)
            for number, obj in enumerate(objects, start=1):
                where = name if len(objects) == 1 else f"{name}:{number}"
                _load_response_object(obj, where)
            click.echo(f"{name}: valid ({len(objects)} object{'s' if len(objects) != 1 else ''})")
        except SchemaValidationError as exc:
            failed += 1
            _fail(exc.path or name, f"invalid: {exc.message}")
        except FoiparseError as exc:
            failed += 1
            _fail(exc.path or name, exc.message)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _objects(data: bytes, name: str) -> list[Any]:
    """One JSON document, or JSON lines when the file holds several."""
    try:
        return [_load_json(data, name)]
    except InvalidJsonError:
        lines = [line for line in data.splitlines() if line.strip()]
        if len(lines) < 2 or not _parses(lines[0]):
            raise  # not JSON lines either: report where the document itself breaks
        return [_load_json(line, name) for line in lines]


def _parses(line: bytes) -> bool:
    from foiparse.serialize import loads

    try:
        loads(line)
    except ValueError:
        return False
    return True


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default="foiparse.sqlite",
    show_default=True,
    help="The SQLite database to create or add to.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes.  [default: all cores]")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=MAX_TIMEOUT),
    default=MAX_SECONDS,
    show_default=True,
    help="Seconds one input may take; its worker is then stopped and the input recorded as timeout.",
)
@click.option(
    "--max-memory",
    "max_memory",
    type=click.IntRange(min=0),
    default=MAX_MEMORY_MB,
    show_default=True,
    help="Megabytes of memory one worker may use (0: no limit); an input over it is recorded as failed.",
)
@_size_limits
@click.option("--include", multiple=True, metavar="GLOB", help="Only files whose name or path matches (repeatable).")
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Leave out files whose name or path matches (repeatable)."
)
@click.option("--force", is_flag=True, help="Parse again inputs that are already in the database.")
@click.option("--retry-failed", is_flag=True, help="Parse again inputs that failed or timed out last time.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Parse on this Dask cluster instead of local workers (needs foiparse[dask] and a shared file system).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error.  [default: when it is a terminal]",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (no progress, no summary).")
def ingest_command(
    paths: Sequence[str],
    db_path: str,
    jobs: int | None,
    timeout: float,
    max_memory: int,
    max_bytes: int,
    max_pages: int,
    max_chars: int,
    max_depth: int,
    max_elements: int,
    include: Sequence[str],
    exclude: Sequence[str],
    force: bool,
    retry_failed: bool,
    scheduler: str | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Parse files and directories (recursively, in a stable order) into a SQLite database.

    Give - to read a list of paths, one per line, from standard input. Every input gets
    a row in the documents table with its status (ok, failed, timeout, skipped) and, when
    it failed, the error's class and message. A second run skips inputs already done
    (same bytes, same parser version), so a run that was stopped can simply be started
    again. Exits 1 when an input failed or timed out.
    """
    from foiparse.batch import ingest
    from foiparse.batch.walk import read_list

    names = [p for p in paths if p != "-"]
    if "-" in paths:
        names += read_list(sys.stdin.buffer)
    try:
        summary = ingest(
            names,
            db_path,
            jobs=jobs,
            timeout=timeout,
            max_bytes=max_bytes,
            max_pages=max_pages,
            max_memory_mb=max_memory,
            max_chars=max_chars,
            max_depth=max_depth,
            max_elements=max_elements,
            include=include,
            exclude=exclude,
            force=force,
            retry_failed=retry_failed,
            progress=False if quiet else progress,
            scheduler=scheduler,
        )
    except FoiparseError as exc:
        _fail(exc.path or db_path, exc.message)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        _fail(db_path, "interrupted: what was done is saved; run the same command again to finish")
        sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        click.echo(f"foiparse: {db_path}: {summary.line()}", err=True)
        if summary.failed:
            click.echo(f"foiparse: see them with: sqlite3 {db_path} 'SELECT * FROM failures'", err=True)
    sys.exit(EXIT_FAILED if summary.failed else EXIT_OK)


@cli.command("export")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default="foiparse.sqlite",
    show_default=True,
    help="The database foiparse ingest wrote.",
)
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    metavar="FILE",
    help="Write every parsed document's JSON here, one per line (- for standard output).",
)
@click.option(
    "--tables",
    "tables",
    type=click.Path(file_okay=False),
    default=None,
    metavar="DIR",
    help="Write every table as CSV into DIR, and into DIR/combined one CSV per set of same-column tables.",
)
def export_command(db_path: str, jsonl: str | None, tables: str | None) -> None:
    """Write a batch database out: documents as JSON lines, tables as CSV."""
    from foiparse.batch.export import export_jsonl, export_tables

    if not jsonl and not tables:
        raise click.UsageError("say what to export: --jsonl FILE and/or --tables DIR")
    try:
        if jsonl:
            with click.open_file(jsonl, "wb") as out:
                count = export_jsonl(db_path, out)
            click.echo(f"foiparse: {count:,} documents written to {jsonl}", err=True)
        if tables:
            written = export_tables(db_path, tables)
            click.echo(
                f"foiparse: {written.tables:,} tables and {written.combined:,} combined CSVs written to {tables}",
                err=True,
            )
    except FoiparseError as exc:
        _fail(exc.path or db_path, exc.message)
        sys.exit(EXIT_FAILED)
    except OSError as exc:
        _fail(exc.filename or "", f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script and ``python -m foiparse``."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="foiparse")
