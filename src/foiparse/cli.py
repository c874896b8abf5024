"""The ``foiparse`` command: a thin shell over the library.

``foiparse FILE...`` parses (the ``parse`` command is the default); ``render``,
``schema``, ``validate``, ``ingest`` and ``export`` are subcommands. Library errors
become one line on stderr naming the file and the cause, with every control character
escaped (:func:`printable`), so no name can forge a second line; exit codes are 0 (all
parsed), 1 (an input failed), 2 (usage, or an output that is an input) and 130
(interrupted). No output is opened before it is known not to be an input.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import stat
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import IO, Any, TypeVar

import click

from foiparse._version import __version__
from foiparse.errors import FoiparseError, InputTooLargeError, InvalidJsonError, SchemaValidationError
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
from foiparse.options import OCR_MODES

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_TIMEOUT = 7 * 24 * 3600.0  # a week: beyond any parse, and within what the clock calls accept
MAX_JOBS = 256  # worker processes: beyond this a machine spends its memory on workers, not parsing
MAX_MEMORY_CAP_MB = 1024 * 1024  # 1 TiB: the largest --max-memory (an address-space limit must fit in 64 bits)
MAX_BYTES_CAP = 1 << 40  # 1 TiB: the largest --max-bytes (a read size must fit in the C types beneath)
MAX_LISTED_PATH = 64 * 1024  # bytes in one line of `ingest -`: sixteen times Linux's PATH_MAX
MAX_JSON_BYTES = 128 * 1024 * 1024  # one JSON object for validate and render; see _json_objects


class _UsageLine(click.UsageError):
    """A usage error shown as one line, like every other failure (``--help`` gives the rest)."""

    def show(self, file: IO[Any] | None = None) -> None:
        hint = f" (see {self.ctx.command_path} --help)" if self.ctx is not None else ""
        _fail("", self.format_message().rstrip(".") + hint)


@contextlib.contextmanager
def _one_line_usage() -> Iterator[None]:
    try:
        yield
    except (click.exceptions.NoArgsIsHelpError, _UsageLine):
        raise
    except click.UsageError as exc:
        raise _UsageLine(exc.format_message(), ctx=exc.ctx) from None


class _Seconds(click.FloatRange):
    """A number of seconds in a range; ``nan`` passes every comparison, so it is refused here."""

    name = "seconds"
    what = "a number of seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not {self.what}", param, ctx)
        return number


class _Fraction(_Seconds):
    """A number from 0 to 1, refusing ``nan`` as ``_Seconds`` does."""

    name = "fraction"
    what = "a number from 0 to 1"


class _DefaultToParse(click.Group):
    """A group whose first argument, when it is not a command, is a file to parse."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["parse", *args]
        with _one_line_usage():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _one_line_usage():
                return super().invoke(ctx)
        except KeyboardInterrupt:  # Ctrl-C in render, validate or export: one line, as parse and ingest say it
            _fail("", "interrupted")
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:  # no command's own handling caught it: still one line, never a traceback
            if exc.errno in (errno.EMFILE, errno.ENFILE):
                from foiparse.isolate import why_not_started

                _fail(exc.filename or "", f"cannot open a file: {why_not_started(exc)}")
            else:
                _fail(exc.filename or "", f"{exc.strerror or exc}")
            sys.exit(EXIT_FAILED)


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
    """The one way a line reaches stderr: ``foiparse: PATH: message``, both parts made printable."""
    line = f"foiparse: {printable(path)}: {printable(message)}" if path else f"foiparse: {printable(message)}"
    with contextlib.suppress(OSError):
        click.echo(line, err=True)


def printable(text: str) -> str:
    r"""``text`` safe on one line of a terminal or a log: what is not printable is escaped.

    Control characters (newline, ESC, NUL), invisible format characters (bidi overrides)
    and line separators become ``\xNN``, ``\uNNNN`` or ``\UNNNNNNNN``; a byte of a file name
    that is not UTF-8 becomes ``\xNN`` as in the database (:func:`foiparse.pipeline.display_name`).
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        code -= 0xDC00
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _size_limits(command: Any) -> Any:
    """The limits on one input's size, shared by ``parse`` and ``ingest`` (the README lists them once)."""
    options = [
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1, max=MAX_BYTES_CAP),
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


# How PDF pages without text are read: one option, the same on parse, ingest and review.
_ocr_option = click.option(
    "--ocr",
    type=click.Choice(OCR_MODES),
    default="auto",
    show_default=True,
    help="Read PDF pages from their image (OCR): auto (scanned pages, a stamp over them allowed), always, never.",
)

F = TypeVar("F", bound=Callable[..., Any])


def _timeout_option(what: str = "an input") -> Callable[[F], F]:
    """``--timeout``, the same limit for every command that parses."""
    return click.option(
        "--timeout",
        type=_Seconds(min=0, min_open=True, max=MAX_TIMEOUT),
        default=MAX_SECONDS,
        show_default=True,
        help=f"Stop parsing {what} after this many seconds.",
    )


def _jobs_option(help_text: str) -> Callable[[F], F]:
    """``--jobs``/``-j``: worker processes, at most MAX_JOBS; ``help_text`` says what they do and the default."""
    return click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None, help=help_text)


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
@_timeout_option()
@click.option(
    "--max-memory",
    type=click.IntRange(min=0, max=MAX_MEMORY_CAP_MB),
    default=MAX_MEMORY_MB,
    show_default=True,
    help="Megabytes of memory parsing one input may use (0: no limit).",
)
@click.option(
    "--min-confidence",
    type=_Fraction(min=0.0, max=1.0),
    default=0.0,
    show_default=True,
    help="Leave out totals whose confidence is below this (0 to 1).",
)
@_jobs_option(
    f"Worker processes parsing several files, at most {MAX_JOBS}.  [default: all cores, at most one per file]"
)
@_ocr_option
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
    min_confidence: float,
    jobs: int | None,
    ocr: str,
) -> None:
    """Parse FOI responses (files, or - for standard input) to JSON.

    One file prints one indented JSON object; several print one compact object per
    line (JSONL), in the order given. Several files are parsed by --jobs worker
    processes that load the parser once; one file, and standard input, in a child
    forked from this command. Either is stopped at --timeout and capped at
    --max-memory. A file that fails is reported on stderr and the rest go on; the
    exit code then names the cause (see the README), or is 1 for several.
    """
    from foiparse.batch.ordered import InOrder
    from foiparse.batch.render_task import RenderJob

    job = RenderJob(
        format=fmt,
        max_bytes=max_bytes,
        max_pages=max_pages,
        timeout=timeout,
        max_memory_mb=max_memory,
        max_chars=max_chars,
        max_depth=max_depth,
        max_elements=max_elements,
        min_confidence=min_confidence,
        ocr=ocr,
        validate=check,
        compact=jsonl or len(files) > 1,
    )
    codes: set[int] = set()
    _refuse_output_onto(output, files, "an input")
    with contextlib.suppress(_NothingToWrite), _writing(output) as out, InOrder(files, job, jobs) as inputs:
        wrote = False
        outcomes = iter(inputs)
        while True:
            try:
                outcome = next(outcomes, None)
            except KeyboardInterrupt:
                _fail(inputs.current, "interrupted")
                sys.exit(EXIT_INTERRUPTED)
            if outcome is None:
                break
            if outcome.message:
                codes.add(outcome.exit_code)
                _fail(outcome.where, outcome.message)
            try:
                out.write(outcome.body)
                out.flush()
                wrote = wrote or bool(outcome.body)
            except BrokenPipeError:  # `foiparse … | head`: the reader left; stop quietly
                _quiet_stdout()
                sys.exit(_exit_code(codes))
        if not wrote:
            raise _NothingToWrite  # every input failed: an output file keeps what it held
    _FINISHED.add("parse")
    sys.exit(_exit_code(codes))


def _read_stdin(max_bytes: int) -> bytes:
    """Standard input, read inside the parser process (see :func:`foiparse.batch.ordered.read_stdin`)."""
    from foiparse.batch.ordered import read_stdin

    return read_stdin(max_bytes)


class _NothingToWrite(Exception):
    """Raised inside ``_writing`` to leave an output file as it was (its temporary file is dropped)."""


def _refuse_output_onto(output: str, inputs: Sequence[str], what: str) -> None:
    """Exit 2 with one line when the output is one of the inputs: checked before it is opened, which empties it.

    ``-`` counts as the file behind it when that is a regular file: ``foiparse - -o x < x``
    reads x and would replace it, and ``export --jsonl - >> db`` would write into the
    database (a terminal or pipe is no file anyone would lose).
    """
    target = _file_behind(output, 1)
    sources = [source for name in inputs if (source := _file_behind(name, 0))]
    if not target:
        return
    from foiparse.errors import OutputIsInputError
    from foiparse.outputs import refuse_overwriting

    try:
        refuse_overwriting(target, sources, what)
    except OutputIsInputError as exc:
        _fail("<stdout>" if output == "-" else exc.path or output, exc.message.replace("/dev/fd/0", "standard input"))
        sys.exit(exc.exit_code)


@contextlib.contextmanager
def _writing(output: str) -> Iterator[IO[bytes]]:
    """Where a command writes (``-``: standard output), any write error one line naming it and exit 1.

    A file is written whole or not at all (:func:`foiparse.outputs.write_atomically`),
    so a run that fails or is stopped leaves the old file as it was. A reader that leaves
    standard output early (``| head``) stops the command quietly.
    """
    from foiparse.outputs import write_atomically

    label = "<stdout>" if output == "-" else output
    if output == "-" and 1 in _CLOSED:
        _fail(label, "cannot write: standard output is closed")
        sys.exit(EXIT_FAILED)
    try:
        if output == "-":
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            with write_atomically(output) as out:
                yield out
    except BrokenPipeError:  # `foiparse … | head`: the reader left; stop quietly
        _quiet_stdout()
        sys.exit(EXIT_OK)
    except OSError as exc:
        if output == "-":
            _quiet_stdout()
        _fail(label, f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def _exit_code(codes: set[int]) -> int:
    """0 when nothing failed; the cause's own code when every failure had the same one; else 1."""
    if not codes:
        return EXIT_OK
    return codes.pop() if len(codes) == 1 else EXIT_FAILED


def _json_limit(command: Any) -> Any:
    """``--max-bytes`` of ``render`` and ``validate``: the largest JSON object (or JSON line) read."""
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1, max=MAX_BYTES_CAP),
        default=MAX_JSON_BYTES,
        show_default=True,
        help="Refuse a JSON object (a whole file, or one line of JSON lines) larger than this many bytes.",
    )(command)


def _file_behind(name: str, fd: int) -> str:
    """``name``, or for ``-`` the regular file on descriptor ``fd`` (empty when it is none)."""
    if name != "-":
        return name
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        return ""
    return f"/dev/fd/{fd}" if regular else ""


@cli.command("render")
@click.argument("json_file", type=click.Path(allow_dash=True), default="-")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write the text here."
)
@_json_limit
def render_command(json_file: str, output: str, max_bytes: int) -> None:
    """Print the document text of a parsed response (JSON from foiparse).

    For a plain-text input this gives back the original file byte for byte: same
    encoding, byte-order mark, line endings and trailing white space.
    """
    _refuse_output_onto(output, [json_file], "an input")
    try:
        with contextlib.closing(_json_objects(json_file, max_bytes)) as objects:
            where, obj = next(objects)
            if next(objects, None) is not None:
                raise InvalidJsonError("holds several JSON objects (JSON lines): render takes one", path=json_file)
        text = render_bytes(_load_response_object(obj, where))
    except FoiparseError as exc:
        _fail(exc.path or json_file, _reason(exc))
        sys.exit(exc.exit_code)
    with _writing(output) as out:
        out.write(text)


@cli.command("explain")
@click.argument("file", type=click.Path(allow_dash=True, readable=False))
@click.option(
    "--all", "show_all", is_flag=True, help="List every candidate, not only the three likeliest of each choice."
)
@_timeout_option("the input")
def explain_command(file: str, show_all: bool, timeout: float) -> None:
    """Show how each weighed choice was made for FILE.

    For the authority, the reference, the date, the request and each total: the
    candidates, the probability the fitted weights give each (+ marks those at or
    above the threshold) and the features that moved it most.
    """
    from foiparse.isolate import call_isolated
    from foiparse.pipeline import Options

    label = "<stdin>" if file == "-" else file
    try:

        def work() -> bytes:
            from foiparse.extract import weigh
            from foiparse.pipeline import parse

            source = _read_stdin(Options().max_bytes) if file == "-" else file
            with weigh.recording() as records:
                parse(source, name=None if file == "-" else file)
            return weigh.explain(records, limit=None if show_all else 3).encode("utf-8")

        result = call_isolated(work, timeout=timeout, max_memory_mb=1024, path=label)
    except FoiparseError as exc:
        _fail(exc.path or label, exc.message)
        sys.exit(exc.exit_code)
    except OSError as exc:
        _fail(label, f"cannot read: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)
    with _writing("-") as out:
        out.write(result)


def _reason(exc: FoiparseError) -> str:
    return f"invalid: {exc.message}" if isinstance(exc, SchemaValidationError) else exc.message


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
    except (UnicodeError, ValueError) as exc:  # a codec that is no character set (idna, undefined)
        raise FoiparseError(f"the text cannot be written back as {encoding!r} ({exc})") from None
    return (bom_for(encoding) if response.source.bom else b"") + body


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


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every output follows."""
    from foiparse.schema import schema_bytes

    with _writing("-") as out:
        out.write(schema_bytes())


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_json_limit
def validate_command(files: Sequence[str], max_bytes: int) -> None:
    """Check foiparse JSON (one object, or JSON lines): the schema, then every span against the text.

    JSON lines are read and checked one line at a time, so a long file costs the memory
    of one object. The exit code names the cause when every file failed for the same one.
    """
    codes: set[int] = set()
    for name in files:
        count = 0
        try:
            for where, obj in _json_objects(name, max_bytes):
                _load_response_object(obj, where)
                count += 1
        except FoiparseError as exc:
            codes.add(exc.exit_code)
            _fail(exc.path or name, _reason(exc))
            continue
        with _writing("-") as out:
            out.write(f"{printable(name)}: valid ({count} object{'s' if count != 1 else ''})\n".encode())
    sys.exit(_exit_code(codes))


def _json_objects(name: str, limit: int) -> Generator[tuple[str, Any], None, None]:
    """Each JSON object of a file with where it is: one document, or JSON lines, read one object at a time.

    A first line that is JSON by itself means JSON lines: each later line is read and
    parsed on its own (``name:LINE`` names it), so memory stays that of one line however
    long the file. Otherwise the file is one document (an indented one, as ``foiparse FILE``
    prints). Either way no more than ``limit`` bytes are held for one object: the JSON of
    a parse within the default limits is far smaller, and reading an endless input stops.
    """
    with _open_json(name) as fh:
        line, number, size = b"", 0, 0  # size: bytes read so far (blank lines are counted, not kept)
        while not line.strip():
            line = _read_line(fh, limit, name, number + 1)
            if not line:
                raise InvalidJsonError("not JSON (the file is empty)", path=name)
            number += 1
            size += len(line)
            if size > limit:
                raise _json_too_large(name, limit)
        try:
            first = _loads(line)
        except ValueError:  # one document over several lines: read the rest, up to the limit
            rest = _read_upto(fh, limit + 1 - size, name)
            if size + len(rest) > limit:
                raise _json_too_large(name, limit) from None
            data = line + rest
            yield name, _load_json(data, name)
            return
        pending, at, count = first, number, 1
        while line := _read_line(fh, limit, name, number + 1):
            number += 1
            if not line.strip():
                continue
            yield f"{name}:{at}", pending
            pending, at, count = _load_json(line, f"{name}:{number}"), number, count + 1
        yield (name if count == 1 else f"{name}:{at}"), pending


@contextlib.contextmanager
def _open_json(name: str) -> Iterator[IO[bytes]]:
    """Standard input for ``-``; else a regular file, opened without waiting (a named pipe would block)."""
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FoiparseError("no such file", path=name) from None
    except PermissionError:
        raise FoiparseError("permission denied", path=name) from None
    except (OSError, ValueError) as exc:
        raise FoiparseError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path=name) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise FoiparseError("is a directory, not a file", path=name)
        raise FoiparseError(
            "not a regular file: a device, named pipe or socket (it could be endless or wait forever);"
            " give - to read standard input",
            path=name,
        )
    os.set_blocking(fd, True)
    with open(fd, "rb") as fh:
        yield fh


def _read_line(fh: IO[bytes], limit: int, name: str, number: int) -> bytes:
    """One line, refused when longer than ``limit`` bytes (read no further than that)."""
    try:
        line = fh.readline(limit + 1)
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=name) from None
    if len(line) > limit and not line.endswith(b"\n"):
        raise _json_too_large(f"{name}:{number}", limit)
    return line


def _read_upto(fh: IO[bytes], size: int, name: str) -> bytes:
    """At most ``size`` bytes, read in pieces (one large read would reserve all of ``size`` at once)."""
    chunks: list[bytes] = []
    try:
        while size > 0 and (chunk := fh.read(min(size, 1 << 20))):
            chunks.append(chunk)
            size -= len(chunk)
    except OSError as exc:
        raise FoiparseError(f"cannot read: {exc.strerror or exc}", path=name) from None
    return b"".join(chunks)


def _json_too_large(where: str, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"JSON object too large: over the limit of {limit:,} bytes (--max-bytes)", path=where, limit=limit
    )


def _loads(data: bytes) -> Any:
    from foiparse.serialize import loads

    return loads(data)


def _load_json(data: bytes, name: str) -> Any:
    try:
        return _loads(data)
    except ValueError as exc:
        raise InvalidJsonError(f"not JSON ({exc})", path=name) from None


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
@_jobs_option(f"Worker processes, at most {MAX_JOBS}.  [default: all cores]")
@click.option(
    "--timeout",
    type=_Seconds(min=0, min_open=True, max=MAX_TIMEOUT),
    default=MAX_SECONDS,
    show_default=True,
    help="Seconds one input may take; its worker is then stopped and the input recorded as timeout.",
)
@click.option(
    "--max-memory",
    "max_memory",
    type=click.IntRange(min=0, max=MAX_MEMORY_CAP_MB),
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
@click.option("--follow-links", is_flag=True, help="Read links in the folders whose target is outside them.")
@_ocr_option
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
    follow_links: bool,
    ocr: str,
) -> None:
    """Parse files and directories (recursively, in a stable order) into a SQLite database.

    Give - to read a list of paths, one per line, from standard input. Every input gets
    a row in the documents table with its status (ok, failed, timeout, skipped) and, when
    it failed, the error's class and message. A second run skips inputs already done
    (same bytes, same parser version), so a run that was stopped can simply be started
    again. Exits 1 when an input failed or timed out. A listed path with a NUL byte
    (no file can have one) is reported in one line and recorded as failed.
    """
    from foiparse.batch import ingest
    from foiparse.batch.walk import read_list

    names = [p for p in paths if p != "-"]
    refused = 0
    if "-" in paths:
        for listed in read_list(_listed_lines(sys.stdin.buffer)):
            if "\0" in listed:  # said at once, and recorded as a failed input by the walk
                refused += 1
                _fail(listed, "a NUL byte in a path read from standard input: no file has this name")
            names.append(listed)
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
            ocr=ocr,
            include=include,
            exclude=exclude,
            force=force,
            retry_failed=retry_failed,
            progress=False if quiet else progress,
            scheduler=scheduler,
            follow_links=follow_links,
        )
    except FoiparseError as exc:
        _fail(exc.path or db_path, exc.message)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        _fail(db_path, "interrupted: what was done is saved; run the same command again to finish")
        sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        _fail(db_path, summary.line())
        if summary.failed:
            _fail("", f"see them with: sqlite3 {db_path} 'SELECT * FROM failures'")
    sys.exit(EXIT_FAILED if summary.failed or refused else EXIT_OK)


def _listed_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of a path list, each bounded: a longer one means this is no list (``/dev/zero``)."""
    number = 0
    while line := stream.readline(MAX_LISTED_PATH + 1):
        number += 1
        if len(line) > MAX_LISTED_PATH and not line.endswith(b"\n"):
            _fail("<stdin>", f"line {number} is longer than {MAX_LISTED_PATH:,} bytes: not a list of paths")
            sys.exit(EXIT_FAILED)
        yield line


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
@click.option(
    "--cells",
    "cells",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    metavar="FILE",
    help="Write one row per table cell and per total, with its provenance, to FILE.csv or FILE.jsonl"
    " (- for CSV on standard output).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (no summary).")
def export_command(db_path: str, jsonl: str | None, tables: str | None, cells: str | None, quiet: bool) -> None:
    """Write a batch database out: documents as JSON lines, tables as CSV, every figure as a row.

    Nothing is written over the database; in CSV, a cell a spreadsheet would run as a
    formula starts with ' (the JSON keeps the text as written).
    """
    from foiparse.batch.export import database_files, export_cells, export_jsonl, export_tables
    from foiparse.outputs import same_file

    if not jsonl and not tables and not cells:
        raise click.UsageError("say what to export: --jsonl FILE, --tables DIR and/or --cells FILE")
    form = "csv"
    if cells and cells != "-":
        form = os.path.splitext(cells)[1].lower().lstrip(".")
        if form not in ("csv", "jsonl"):
            raise click.BadParameter(
                "name it FILE.csv or FILE.jsonl (or - for CSV on standard output)", param_hint="--cells"
            )
    outputs = [name for name in (jsonl, cells) if name and name != "-"]
    if jsonl and cells and (jsonl == cells == "-" or ("-" not in (jsonl, cells) and same_file(jsonl, cells))):
        raise click.UsageError("--jsonl and --cells cannot write to the same file")
    for output in (jsonl, cells, tables):
        if output:
            _refuse_output_onto(output, database_files(db_path), "the database")
    try:
        if jsonl:
            with _writing(jsonl) as out:
                count = export_jsonl(db_path, out)
            if not quiet:
                _fail("", f"{count:,} documents written to {'<stdout>' if jsonl == '-' else jsonl}")
        if cells:
            with _writing(cells) as out:
                rows = export_cells(db_path, out, form=form)
            if not quiet:
                left = f" ({rows.left_out:,} failed or timed out: see the failures view)" if rows.left_out else ""
                where = "<stdout>" if cells == "-" else cells
                _fail("", f"{rows.figures:,} figures from {rows.documents:,} documents written to {where}{left}")
        if tables:
            written = export_tables(db_path, tables, keep=outputs)
            if not quiet:
                _fail("", f"{written.tables:,} tables and {written.combined:,} combined CSVs written to {tables}")
    except FoiparseError as exc:
        _fail(exc.path or db_path, exc.message)
        sys.exit(exc.exit_code)
    except OSError as exc:
        _fail(exc.filename or tables or "", f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)


@cli.command("review")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, readable=False))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Build a site for this database (from foiparse ingest) instead of reviewing FILES.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    default=None,
    help="The HTML file to write for FILES (- for standard output), or the site's folder for --db."
    "  [default: review.html, or review-site with --db]",
)
@_timeout_option()
@_jobs_option(f"Worker processes parsing FILES, at most {MAX_JOBS}.  [default: all cores]")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error while a site is written.  [default: when it is a terminal]",
)
@click.option(
    "--collate",
    "collated",
    is_flag=True,
    help="With --db: add a collation page (collation.html), the responses' figures lined up as foiparse collate does.",
)
@_ocr_option
def review_command(
    files: Sequence[str],
    db_path: str | None,
    output: str | None,
    timeout: float,
    jobs: int | None,
    progress: bool | None,
    collated: bool,
    ocr: str,
) -> None:
    """See every extracted value where the response says it.

    \b
    foiparse review FILE... -o review.html   one self-contained page
    foiparse review --db foi.sqlite -o site  a static site for a whole ingest

    The page shows each response's text with every extracted value highlighted (one
    colour per field) beside the list of fields: click a value to go to it, hover a
    highlight to see what it was read as, n and p step through the highlights. A site
    adds an index of every document with charts, filters and the inputs that failed.
    Pages fetch nothing and run no script but their own.
    """
    from foiparse.outputs import refuse_overwriting, write_atomically

    if bool(files) == bool(db_path):
        raise click.UsageError("give either FILES or --db DATABASE")
    if collated and not db_path:
        raise click.UsageError("--collate needs --db DATABASE (for files, use foiparse collate FILE...)")
    if db_path:
        _review_site(db_path, output or "review-site", progress, collated)
        return
    from foiparse.batch import parse_many
    from foiparse.review import review_html
    from foiparse.serialize import to_dict

    target = output or "review.html"
    _refuse_output_onto(target, files, "an input")
    items: list[tuple[str, Any, str | None, str | None]] = []
    for result in parse_many(files, jobs=jobs, timeout=timeout, ocr=ocr):
        if result.response is not None:
            items.append((result.path, to_dict(result.response), None, None))
        else:
            error = result.error or FoiparseError(result.status)
            _fail(result.path, error.message)
            items.append((result.path, None, type(error).__name__, error.message))
    page = review_html(items).encode("utf-8")
    try:
        if target == "-":
            with _writing("-") as out:
                out.write(page)
        else:
            refuse_overwriting(target, files, "an input")
            with write_atomically(target) as fh:
                fh.write(page)
    except OSError as exc:
        _fail(target, f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_FAILED if any(obj is None for _, obj, _, _ in items) else EXIT_OK)


def _review_site(db_path: str, output: str, progress: bool | None, collated: bool = False) -> None:
    from foiparse.batch.export import database_files
    from foiparse.review.site import site_error, write_site

    _refuse_output_onto(output, database_files(db_path), "the database")
    show = sys.stderr.isatty() if progress is None else progress
    bar: Any = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True)
    try:
        summary = write_site(
            db_path, output, progress=(lambda n: bar.update(n - bar.n)) if bar is not None else None, collate=collated
        )
    except (FoiparseError, OSError) as exc:
        if bar is not None:
            bar.close()
        where = exc.path if isinstance(exc, FoiparseError) else getattr(exc, "filename", None)
        _fail(str(where or output), site_error(exc))
        sys.exit(exc.exit_code if isinstance(exc, FoiparseError) else EXIT_FAILED)
    if bar is not None:
        bar.close()
    _fail(
        "",
        f"{summary.documents:,} documents ({summary.ok:,} parsed, {summary.failed:,} failed) written to {summary.index}",
    )


@cli.command("collate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, readable=False))
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Collate the responses in this database (from foiparse ingest) instead of parsing FILES.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="collated",
    show_default=True,
    help="The folder for wide.csv, long.csv and report.md.",
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="The label,canonical file: read when it exists, then written back with every label seen."
    "  [default: OUTPUT/mapping.csv]",
)
@click.option(
    "--min-responses",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="A figure becomes a column of wide.csv when at least this many responses give it.",
)
@_timeout_option()
@_jobs_option(f"Worker processes parsing FILES, at most {MAX_JOBS}.  [default: all cores]")
@_ocr_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (no summary).")
def collate_command(
    files: Sequence[str],
    db_path: str | None,
    output: str,
    mapping_path: str | None,
    min_responses: int,
    timeout: float,
    jobs: int | None,
    ocr: str,
    quiet: bool,
) -> None:
    """Line up the answers many authorities gave to one request.

    \b
    foiparse collate --db foi.sqlite -o collated
    foiparse collate responses/ -o collated

    Table cells and stated totals are matched on what they count (row labels, column
    headers and measures, normalised) and when (years and periods), whichever way round
    a table is. OUTPUT gets wide.csv (a row per response, a column per matched figure),
    long.csv (a row per figure, with where it stands), report.md (who refused or did not
    hold the information and why; what did not match and why) and mapping.csv: correct
    its canonical column and run again to merge or split labels.
    """
    from foiparse.batch.export import database_files
    from foiparse.collate.match import Failure, collate
    from foiparse.collate.sources import from_database, from_files
    from foiparse.collate.write import MAPPING, read_mapping, write_collation

    if bool(files) == bool(db_path):
        raise click.UsageError("give either FILES or --db DATABASE")
    mapping_file = mapping_path or os.path.join(output, MAPPING)
    inputs = database_files(db_path) if db_path else list(files)
    _refuse_output_onto(output, inputs, "an input")
    _refuse_output_onto(mapping_file, inputs, "an input")
    failures: list[Failure] = []
    try:
        mapping = read_mapping(mapping_file)
        if db_path:
            responses = from_database(db_path, failures)
        else:
            responses = from_files(files, failures, jobs=jobs, timeout=timeout, ocr=ocr)
        collation = collate(responses, mapping=mapping, min_responses=min_responses, failures=failures)
        write_collation(collation, output, mapping_file)
    except FoiparseError as exc:
        _fail(exc.path or db_path or output, exc.message)
        sys.exit(exc.exit_code)
    except OSError as exc:
        _fail(exc.filename or output, f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)
    failed = [f for f in collation.failures if f.status != "skipped"]
    for failure in failed:
        _fail(failure.document, failure.error or failure.status)
    if not quiet:
        answered = sum(r.answer == "answered" for r in collation.respondents)
        _fail(
            "",
            f"{len(collation.respondents):,} responses ({answered:,} with figures), "
            f"{len(collation.columns):,} matched columns, {len(collation.unmatched):,} figures not matched: "
            f"written to {output}",
        )
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script and ``python -m foiparse``.

    A command that has written everything and closed its workers leaves the process at
    once: tearing down the interpreter (freeing every module and pattern) would take
    longer than many a parse. Called with ``argv`` (tests, embedding), it returns as usual.
    """
    _CLOSED.update(_occupy_closed_streams())
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="foiparse")
    except SystemExit as exc:
        if argv is None and _FINISHED and isinstance(exc.code, int | None):
            _leave(exc.code or 0)
        raise


# Commands that finished their work: nothing is left to flush but the standard streams.
_FINISHED: set[str] = set()


def _leave(code: int) -> None:
    """Flush standard output and error and end the process without tearing the interpreter down."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # let the ordinary exit report or swallow it
    os._exit(code)


# Standard streams the command was started without (``foiparse x.txt >&-``).
_CLOSED: set[int] = set()


def _occupy_closed_streams() -> set[int]:
    """Put ``/dev/null`` where standard input, output or error is closed, and say which were.

    A closed descriptor 0, 1 or 2 would be taken by the next file opened (a database, an
    output file), and a later write to "standard output" would go into it. Python also
    leaves ``sys.stdout`` as None then, which fails in every command that prints.
    """
    closed = set()
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            closed.add(fd)
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, "r" if fd == 0 else "w", closefd=False))  # noqa: SIM115 - for the process's life
    return closed
