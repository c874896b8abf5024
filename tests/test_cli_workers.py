"""``foiparse FILE...`` through persistent workers: the same bytes, lines and exit codes as one file at a time.

The reference is the command itself given one file (``--jsonl`` so that each is one
line), which parses in a child forked per input as every input was before the workers:
several files through the workers must print exactly those bytes, in input order, and
say exactly those lines on stderr, whatever the options and however many workers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT, SEED
from foiparse.batch import forked, pool
from foiparse.batch.pool import Pool
from foiparse.batch.render_task import RenderJob, render
from foiparse.cli import cli
from foiparse.options import Options

GOOD = [
    SEED,
    FIXTURES / "police-stop-search.txt",
    FIXTURES / "cp1252-ambulance-response.txt",
    FIXTURES / "council-disclosure-log-entry.html",
    FIXTURES / "pdf-ruled-table-letter.pdf",
    FIXTURES / "docx-council-letter.docx",
    FIXTURES / "eml-reply-with-attachment.eml",
    FIXTURES / "nhs-trust-agency-spend.txt",
]


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, list[str]]:
    result = CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr.splitlines()


def one_at_a_time(options: list[str], files: list[str], stdin: bytes | None = None) -> tuple[int, bytes, list[str]]:
    """What the command prints for each file alone (a forked child each), put together as for several."""
    codes: set[int] = set()
    out, err = b"", []
    for name in files:
        code, printed, said = run(["--jsonl", *options, name], stdin if name == "-" else None)
        if code:
            codes.add(code)
        out += printed
        err += said
    return (codes.pop() if len(codes) == 1 else 1) if codes else 0, out, err


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Good responses of every format, and inputs that fail for several causes, mixed."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    image = tmp_path / "image.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    odd = tmp_path / os.fsdecode(b"a\xffb.txt")  # names that are not UTF-8 cross to the workers and back
    odd.write_bytes(SEED.read_bytes())
    odd_empty = tmp_path / os.fsdecode(b"e\xfe\nx.txt")
    odd_empty.write_bytes(b"")
    files = [str(p) for p in GOOD]
    return [
        files[0],
        str(empty),
        *files[1:4],
        str(odd),
        str(tmp_path / "missing.txt"),
        *files[4:],
        str(odd_empty),
        str(image),
        str(tmp_path),
    ]


@pytest.mark.parametrize(
    "options",
    [[], ["--validate"], ["--min-confidence", "0.9"], ["--format", "text"], ["--max-chars", "3000"], ["--jsonl"]],
    ids=lambda options: " ".join(options) or "defaults",
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_several_files_print_the_bytes_and_lines_each_file_alone_prints(
    inputs: list[str], options: list[str], jobs: str
) -> None:
    expected = one_at_a_time(options, inputs)
    assert expected[1].count(b"\n") >= 4 and len(expected[2]) >= 3  # both kinds are compared
    assert run(["--jobs", jobs, *options, *inputs]) == expected


def test_standard_input_among_the_files_keeps_its_place(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"  # slower than the small files after it: the workers finish out of order
    big.write_bytes(SEED.read_bytes() * 40)
    files = [str(big), str(FIXTURES / "police-stop-search.txt"), "-", str(SEED), str(FIXTURES / "vexatious-s14.txt")]
    stdin = (FIXTURES / "council-parking-fines.txt").read_bytes()
    code, out, err = run(["-j", "2", *files], stdin)
    assert (code, err) == (0, [])
    names = [orjson.loads(line)["source"]["name"] for line in out.splitlines()]
    assert names == [files[0], files[1], None, files[3], files[4]]
    assert (code, out, err) == one_at_a_time([], files, stdin)


def test_the_workers_are_started_once_not_once_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    forks = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    files = [str(p) for p in GOOD[:3]] * 2
    code, out, _ = run(["-j", "2", *files])
    assert code == 0 and len(out.splitlines()) == 6
    assert len(forks) == 2
    forks.clear()
    monkeypatch.setattr(pool, "default_jobs", lambda: 8)
    code, out, _ = run(files[:3])
    assert code == 0 and len(forks) == 3  # by default one per core, but no more than there are files


def test_files_are_parsed_one_by_one_when_no_worker_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any) -> Any:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked, "fork_worker", refused)
    monkeypatch.setattr(pool, "fork_worker", refused)
    files = [str(p) for p in GOOD[:3]]
    assert run(files) == one_at_a_time([], files)


def test_a_bug_is_the_same_one_line_whether_the_file_is_alone_or_among_others(monkeypatch: pytest.MonkeyPatch) -> None:
    import foiparse.pipeline

    real = foiparse.pipeline.parse

    def parse(source: Any, *args: Any, **kwargs: Any) -> Any:
        if "police" in str(source):
            raise ValueError("boom")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(foiparse.pipeline, "parse", parse)  # the workers are forked from here: they have it too
    buggy = str(FIXTURES / "police-stop-search.txt")
    line = f"foiparse: {buggy}: internal error (ValueError: boom); please report it"
    assert run([buggy]) == (1, b"", [line])
    code, out, err = run([str(SEED), buggy, str(SEED)])
    assert (code, err, len(out.splitlines())) == (1, [line], 2)


@pytest.mark.parametrize("value", ["0", "257", "x"])
def test_jobs_out_of_range_is_a_usage_error(value: str) -> None:
    code, out, err = run(["-j", value, str(SEED), str(SEED)])
    assert code == 2 and out == b"" and len(err) == 1 and "--jobs" in err[0]


# --- the workers themselves ---------------------------------------------------------


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "new interpreter"])
def test_a_worker_answers_with_the_bytes_the_command_prints(fork: bool) -> None:
    files = [str(p) for p in GOOD[:4]]
    job = RenderJob(compact=True, validate=True)
    records = sorted(Pool(2, job, fork=fork).run(files), key=lambda r: int(r["key"]))
    assert [r["body"] for r in records] == [render(f, Options(), f, True, True) for f in files]


def test_a_pool_sends_no_task_further_ahead_of_the_oldest_unanswered_than_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[tuple[int, int]] = []
    real = Pool._send

    def send(self: Pool, worker: Any, task: tuple[int, str]) -> None:
        sent.append((task[0], self._oldest))
        real(self, worker, task)

    monkeypatch.setattr(Pool, "_send", send)
    files = [str(SEED)] * 12
    records = list(Pool(2, RenderJob(), fork=True).run(files, ahead=3))
    assert sorted(r["key"] for r in records) == list(range(12))
    assert all(key < oldest + 3 for key, oldest in sent)
    assert len(sent) == 12


# --- crashes, overruns, interrupts and readers that leave: the command's own processes -----

_HOOK = """
import os, signal, time
from pathlib import Path
_how = os.environ.get("FOIPARSE_TEST_HOOK")
if _how:
    import foiparse.pipeline as _pipeline
    _parse = _pipeline.parse

    def parse(source, *args, **kwargs):
        if "hook-me" in str(source):
            if _how == "crash":
                os.kill(os.getpid(), signal.SIGKILL)
            Path(os.environ["FOIPARSE_TEST_SIGNAL"]).touch()
            time.sleep(600)
        return _parse(source, *args, **kwargs)

    _pipeline.parse = parse
"""


@pytest.fixture
def command(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """``python -m foiparse`` in a session of its own, marked so that every process it starts can be found."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(_HOOK)
    mark = uuid.uuid4().hex
    started: list[subprocess.Popen[bytes]] = []

    def start(args: list[str], how: str = "", **kwargs: Any) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": f"{hook}{os.pathsep}{ROOT / 'src'}",
            "FOIPARSE_TEST_HOOK": how,
            "FOIPARSE_TEST_SIGNAL": str(tmp_path / "sleeping"),
            "FOIPARSE_TEST_MARK": mark,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "foiparse", *args],
            env=env,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # `make test &` ignores SIGINT
            **kwargs,
        )
        started.append(process)
        return process

    start.mark = mark  # type: ignore[attr-defined]
    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _marked(mark: str) -> list[int]:
    """The processes whose environment holds ``mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if f"FOIPARSE_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
    return found


def _none_left(mark: str) -> bool:
    """Whether every process of the command has ended (each gets a few seconds to)."""
    deadline = time.monotonic() + 10
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _marked(mark)


def test_a_worker_that_dies_is_that_files_one_line_and_the_rest_are_printed(
    tmp_path: Path, command: Callable[..., subprocess.Popen[bytes]]
) -> None:
    crash = tmp_path / "hook-me.txt"
    crash.write_bytes(SEED.read_bytes())
    files = [str(SEED), str(crash), str(FIXTURES / "police-stop-search.txt"), str(SEED)]
    process = command(["-j", "1", *files], "crash", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 11
    assert err.decode().splitlines() == [f"foiparse: {crash}: the worker process died of SIGKILL (out of memory?)"]
    names = [orjson.loads(line)["source"]["name"] for line in out.splitlines()]
    assert names == [files[0], files[2], files[3]]


def test_a_file_over_its_time_is_one_line_and_the_rest_are_printed(tmp_path: Path) -> None:
    letter = (FIXTURES / "police-stop-search.txt").read_bytes()
    slow = tmp_path / "slow.txt"
    slow.write_bytes(letter * (4_500_000 // len(letter)))
    files = [str(SEED), str(slow), str(SEED)]
    code, out, err = run(["-j", "1", "--timeout", "0.3", *files])
    assert (code, err) == (10, [f"foiparse: {slow}: took longer than 0.3 s: stopped"])
    assert out == run(["--jsonl", str(SEED)])[1] * 2


def test_ctrl_c_is_one_line_naming_the_file_awaited_and_no_worker_is_left(
    tmp_path: Path, command: Callable[..., subprocess.Popen[bytes]]
) -> None:
    sleeper = tmp_path / "hook-me.txt"
    sleeper.write_bytes(SEED.read_bytes())
    process = command(
        ["-j", "2", str(sleeper), str(SEED), str(SEED)], "sleep", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "sleeping").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode().splitlines() == [f"foiparse: {sleeper}: interrupted"]
    assert _none_left(command.mark)  # type: ignore[attr-defined]


def test_a_reader_that_leaves_early_stops_the_workers_quietly(command: Callable[..., subprocess.Popen[bytes]]) -> None:
    files = [str(p) for p in sorted(FIXTURES.glob("*.txt"))] * 3
    process = command(["-j", "2", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()  # `| head -1`
    _, err = process.communicate(timeout=120)
    assert orjson.loads(first)["source"]["name"] == files[0]
    assert (process.returncode, err) == (0, b"")
    assert _none_left(command.mark)  # type: ignore[attr-defined]
