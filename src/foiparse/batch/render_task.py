"""The command line's task: one input to the exact bytes ``foiparse FILE`` prints, or its error.

``foiparse FILE...`` runs it in the persistent batch workers (``"kind": "json"`` in the
worker's job) and, for a single file or standard input, in a child forked from the
command itself; both call :func:`render`, so the bytes are the same either way. A
worker answers with the bytes themselves, framed by their length (see
:mod:`foiparse.batch.worker`), so the command only writes them: nothing is decoded or
encoded again on the way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from foiparse import errors
from foiparse.errors import FoiparseError, InputTooLargeError
from foiparse.limits import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_MEMORY_MB,
    MAX_PAGES,
    MAX_SECONDS,
)

KIND = "json"  # the worker's job says which task it runs: this one, or ingest's record (no kind)


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What the command line was asked for: the options of ``foiparse FILE...``, sent once to each worker."""

    format: str | None = None
    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES
    timeout: float = MAX_SECONDS
    max_memory_mb: int = MAX_MEMORY_MB
    max_chars: int = MAX_CHARS
    max_depth: int = MAX_HTML_DEPTH
    max_elements: int = MAX_HTML_ELEMENTS
    min_confidence: float = 0.0
    ocr: str = "auto"  # PDF pages read from their image: auto (pages without text), always, never
    validate: bool = False  # check each object against the schema before it is printed
    compact: bool = True  # one line (JSON lines), or indented for one file

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data for a worker's command line, marked as this kind."""
        return {**asdict(self), "kind": KIND}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RenderJob:
        """The job a worker was started with (:meth:`to_dict`'s data)."""
        return cls(**{key: value for key, value in data.items() if key != "kind"})

    def options(self) -> Any:
        """The library's options for one input."""
        from foiparse.options import Options

        return Options(
            format=self.format,
            max_bytes=self.max_bytes,
            max_pages=self.max_pages,
            max_seconds=self.timeout,
            max_chars=self.max_chars,
            max_depth=self.max_depth,
            max_elements=self.max_elements,
            min_confidence=self.min_confidence,
            ocr=self.ocr,
        )


def render(source: str | bytes, options: Any, name: str | None, check: bool, compact: bool) -> bytes:
    """The JSON ``foiparse`` prints for one input (a path, or standard input's bytes with no name)."""
    from foiparse.pipeline import parse
    from foiparse.serialize import to_dict, to_json

    response = parse(source, options, name=name)
    if check:
        from foiparse.schema import validate

        validate(to_dict(response), path=name)
    return to_json(response, indent=not compact)


def warm(job: RenderJob) -> None:
    """Import what :func:`render` needs, so that no task (nor a forked child) pays for it."""
    import foiparse.pipeline
    import foiparse.serialize

    if job.validate:
        import foiparse.schema  # noqa: F401


def work(path: str, job: RenderJob, options: Any = None) -> tuple[dict[str, Any], bytes | None]:
    """One input in a worker: ``({}, bytes)``, or an error record and None; never raises.

    The error record carries what the command line needs to say it as it always has
    (:func:`error_from`): the error's class, message, path and evidence.
    """
    try:
        return {}, render(path, options or job.options(), path, job.validate, job.compact)
    except FoiparseError as exc:
        return describe(exc), None
    except MemoryError:
        cap = f" (the cap is {job.max_memory_mb:,} MB)" if job.max_memory_mb > 0 else ""
        return describe(InputTooLargeError(f"ran out of memory while parsing{cap}")), None
    except Exception as exc:  # a bug in foiparse costs one input, not the batch
        return {"error_class": "InternalError", "error": _wire(f"{type(exc).__name__}: {exc}")}, None


def describe(exc: FoiparseError) -> dict[str, Any]:
    """An error as JSON-ready data; any text may hold a file name's undecodable bytes, so each is sent as Latin-1."""
    extra = {
        key: _wire(value) if isinstance(value, str) else value
        for key, value in vars(exc).items()
        if key not in ("message", "path") and isinstance(value, (int, str, type(None)))
    }
    return {
        "error_class": type(exc).__name__,
        "error": _wire(exc.message),
        "error_path": None if exc.path is None else _wire(exc.path),
        "extra": extra,
    }


def failure_of(record: dict[str, Any], label: str) -> tuple[int, str, str]:
    """What the command says of a record that holds no JSON: its exit code, the name its line gives, and why.

    A bug is said as the forked child's is: ``internal error (Class: message); please report it``.
    """
    if record.get("error_class") == "InternalError":
        return 1, label, f"internal error ({_unwire(str(record.get('error')))}); please report it"
    exc = error_from(record, label)
    return exc.exit_code, exc.path or label, exc.message


def error_from(record: dict[str, Any], path: str) -> FoiparseError:
    """The error a worker's record (or the pool's own, for a timeout or a crash) stands for, named as ``path``."""
    cls = getattr(errors, str(record.get("error_class")), FoiparseError)
    if not (isinstance(cls, type) and issubclass(cls, FoiparseError)):
        cls = FoiparseError
    exc = cls.__new__(cls)
    where = record.get("error_path")
    FoiparseError.__init__(exc, _unwire(str(record.get("error"))), path=path if where is None else _unwire(where))
    for key, value in (record.get("extra") or {}).items():
        setattr(exc, key, _unwire(value) if isinstance(value, str) else value)
    return exc


def _wire(text: str) -> str:
    try:
        return text.encode("utf-8", "surrogateescape").decode("latin-1")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte: shown escaped
        return text.encode("utf-8", "backslashreplace").decode("latin-1")


def _unwire(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # not sent as Latin-1: the pool's own words
        return text
