"""Process isolation and its clocks: a stopped process is not a slow one, a worker that cannot start is one line.

The stop tests use real signals. A ``sitecustomize`` put on ``PYTHONPATH`` makes the
parse of any input named ``stop-me*`` stop its own process (``self``), or stop its
whole process group as a terminal's Ctrl-Z does (``group``), so the moment of the stop
is certain; the test then waits past the timeout and resumes it.
"""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, ROOT
from foiparse import isolate
from foiparse.batch.pool import Pool
from foiparse.batch.work import Job
from foiparse.cli import cli
from foiparse.errors import WorkerStartError
from foiparse.pipeline import read_input

LETTER = FIXTURES / "leicester-data-breaches-2019.txt"

_HOOK = """
import os, signal, time
_how = os.environ.get("FOIPARSE_TEST_STOP")
if _how:
    import foiparse.pipeline as _pipeline
    _parse = _pipeline.parse

    def parse(source, *args, **kwargs):
        if "stop-me" in str(source) + str(kwargs.get("name")):
            if _how == "self":
                os.kill(os.getpid(), signal.SIGSTOP)
            elif _how == "group":
                os.killpg(0, signal.SIGTSTP)
            elif _how == "sleep":
                time.sleep(600)
        return _parse(source, *args, **kwargs)

    _pipeline.parse = parse
"""


@pytest.fixture
def hooked(tmp_path: Path) -> Callable[[str], dict[str, str]]:
    """An environment whose Python processes stop themselves when they parse ``stop-me*``."""
    folder = tmp_path / "hook"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(_HOOK)

    def env(how: str) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": f"{folder}{os.pathsep}{ROOT / 'src'}", "FOIPARSE_TEST_STOP": how}

    return env


def _state(pid: int) -> str:
    """The process's state letter (R, S, D, T, t, Z), or '' once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat[stat.rindex(")") + 2]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_for(condition: Callable[[], Any], seconds: float = 60.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.02)
    raise AssertionError("the condition never came true")


def _stopped_child(pid: int) -> int:
    return int(_wait_for(lambda: next((c for c in _children(pid) if _state(c) == "T"), 0)))


# --- defect 5: stopped is not slow -------------------------------------------------


def test_a_parse_whose_child_was_stopped_longer_than_the_timeout_gives_its_result(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]]
) -> None:
    letter = tmp_path / "stop-me.txt"
    letter.write_bytes(LETTER.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "--timeout", "1", str(letter)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hooked("self"),
    )
    child = _stopped_child(process.pid)
    time.sleep(3)  # stopped three times its timeout: it used no time of its own
    with contextlib.suppress(ProcessLookupError):  # (killed as too slow)
        os.kill(child, signal.SIGCONT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    assert b'"authority"' in out


def test_a_parse_whose_parent_was_stopped_past_the_timeout_reads_the_finished_result(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]]
) -> None:
    letter = tmp_path / "stop-me.txt"
    letter.write_bytes(LETTER.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "--timeout", "1", str(letter)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hooked("self"),
    )
    child = _stopped_child(process.pid)
    os.kill(process.pid, signal.SIGSTOP)
    _wait_for(lambda: _state(process.pid) == "T")
    time.sleep(2.5)
    os.kill(child, signal.SIGCONT)  # the child finishes while its parent is stopped
    _wait_for(lambda: _state(child) == "Z")
    os.kill(process.pid, signal.SIGCONT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    assert b'"authority"' in out


def test_ctrl_z_of_a_parse_longer_than_the_timeout_stops_and_resumes_parent_and_child(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]]
) -> None:
    letter = tmp_path / "stop-me.txt"
    letter.write_bytes(LETTER.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "--timeout", "1", str(letter)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hooked("group"),
        process_group=0,  # a job of its own, in this session, as a shell makes one
    )
    child = _stopped_child(process.pid)
    _wait_for(lambda: _state(process.pid) == "T")  # SIGTSTP stopped the whole job
    time.sleep(3)
    os.killpg(process.pid, signal.SIGCONT)  # fg
    out, err = process.communicate(timeout=60)
    assert _state(child) == ""
    assert (process.returncode, err) == (0, b"")
    assert b'"authority"' in out


def test_ctrl_z_of_a_parse_of_several_files_longer_than_the_timeout_prints_every_file(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]]
) -> None:
    files = []
    for name in ("a.txt", "stop-me.txt", "z.txt"):
        (tmp_path / name).write_bytes(LETTER.read_bytes())
        files.append(str(tmp_path / name))
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "-j", "2", "--timeout", "1", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=hooked("group"),
        process_group=0,
    )
    _wait_for(lambda: _state(process.pid) == "T")  # the worker's SIGTSTP stopped the whole job
    time.sleep(3)
    os.killpg(process.pid, signal.SIGCONT)  # fg
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    assert [line.split(b'"name":"')[1].split(b'"')[0].decode() for line in out.splitlines()] == files


def test_a_child_that_sleeps_forever_is_still_stopped(tmp_path: Path, hooked: Callable[[str], dict[str, str]]) -> None:
    letter = tmp_path / "stop-me.txt"
    letter.write_bytes(LETTER.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "foiparse", "--timeout", "0.5", str(letter)],
        capture_output=True,
        env=hooked("sleep"),
        timeout=120,
    )
    assert done.returncode == 10
    assert done.stderr.decode().splitlines() == [f"foiparse: {letter}: took longer than 0.5 s: stopped"]


def test_a_batch_worker_stopped_longer_than_the_timeout_records_its_input_as_ok(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = tmp_path / "stop-me.txt"
    letter.write_bytes(LETTER.read_bytes())
    for name, value in hooked("self").items():
        monkeypatch.setenv(name, value)

    def resume_the_stopped_worker() -> None:
        worker = _stopped_child(os.getpid())
        time.sleep(3)
        with contextlib.suppress(ProcessLookupError):  # (killed as too slow)
            os.kill(worker, signal.SIGCONT)

    waker = threading.Thread(target=resume_the_stopped_worker)
    waker.start()
    records = list(Pool(1, Job(timeout=1)).run([str(letter)]))
    waker.join()
    assert [(r["status"], r.get("error")) for r in records] == [("ok", None)]


def test_ctrl_z_of_an_ingest_longer_than_the_timeout_records_every_input_as_ok(
    tmp_path: Path, hooked: Callable[[str], dict[str, str]]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "stop-me.txt", "z.txt"):
        (folder / name).write_bytes(LETTER.read_bytes())
    db = tmp_path / "foi.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "ingest", "-q", str(folder), "--db", str(db), "-j", "2", "--timeout", "1"],
        stderr=subprocess.PIPE,
        env=hooked("group"),
        process_group=0,
    )
    _wait_for(lambda: _state(process.pid) == "T")
    time.sleep(3)
    os.killpg(process.pid, signal.SIGCONT)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT status FROM documents")) == [("ok",)] * 3


def test_a_batch_worker_that_spins_is_stopped_at_its_timeout(tmp_path: Path) -> None:
    letter = (FIXTURES / "police-stop-search.txt").read_bytes()
    slow = tmp_path / "slow.txt"
    slow.write_bytes(letter * (4_500_000 // len(letter)))
    records = list(Pool(1, Job(timeout=0.3)).run([str(slow), str(LETTER)]))
    assert {(Path(r["path"]).name, r["status"]) for r in records} == {("slow.txt", "timeout"), (LETTER.name, "ok")}


def test_a_parent_that_was_stopped_does_not_count_the_stop_against_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    hours = itertools.count(0.0, 3600.0)
    monkeypatch.setattr(isolate, "_wall", lambda: next(hours))  # each look at the clock finds an hour gone

    def work() -> bytes:
        time.sleep(0.5)
        return b"done"

    assert isolate.call_isolated(work, timeout=1, max_memory_mb=0, path="x") == b"done"


def test_the_memory_cap_counts_memory_held_not_address_space_only_reserved() -> None:
    import mmap

    from foiparse.errors import InputTooLargeError

    def allocate(megabytes: int) -> Callable[[], bytes]:
        return lambda: b"%d" % len(bytearray(megabytes << 20))

    with open("/proc/self/statm", "rb") as fh:
        held = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
    cap = held + 200
    with mmap.mmap(-1, 2000 << 20) as reserved:  # address space, never touched: reserved, not held
        assert len(reserved) == 2000 << 20
        assert isolate.call_isolated(allocate(100), timeout=10, max_memory_mb=cap, path="x") == b"104857600"
        with pytest.raises(InputTooLargeError, match=f"the cap is {cap:,} MB"):
            isolate.call_isolated(allocate(300), timeout=10, max_memory_mb=cap, path="x")


# --- defect 13: a size limit of gigabytes reserves nothing -------------------------


def test_a_size_limit_of_two_gigabytes_still_parses_a_letter(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(LETTER.read_bytes())
    result = CliRunner().invoke(cli, ["--max-bytes", "2000000000", str(letter)])
    assert result.exit_code == 0, result.output
    records = list(Pool(1, Job(max_bytes=2_000_000_000)).run([str(letter)]))
    assert [r["status"] for r in records] == ["ok"]


def test_standard_input_under_a_size_limit_of_gigabytes_reserves_only_what_it_holds() -> None:
    capped = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (700 << 20, resource.RLIM_INFINITY)); "
        "from foiparse.cli import main; main(sys.argv[1:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", capped, "-", "--max-bytes", "2000000000", "--max-memory", "0"],
        input=LETTER.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b'"schema_version"' in done.stdout


def test_a_size_limit_over_the_memory_cap_parses_small_inputs_and_refuses_large_ones(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(LETTER.read_bytes())
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as fh:
        fh.truncate(300 * 1024 * 1024)  # 300 MB of zeros that take no disk
    options = ["--max-bytes", "2000000000", "--max-memory", "200"]
    assert CliRunner().invoke(cli, [*options, str(letter)]).exit_code == 0
    result = CliRunner().invoke(cli, [*options, str(sparse)])
    assert result.exit_code in (9, 11), result.output
    assert "internal error" not in result.output


def test_reading_with_a_limit_reserves_only_what_the_input_holds() -> None:
    from foiparse.pipeline import read_limited

    class Greedy(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            assert size is not None and 0 < size <= 64 * 1024 * 1024, f"read({size}) reserves too much"
            return super().read(size)

    assert read_limited(Greedy(b"abc"), 10**12) == b"abc"
    assert read_limited(Greedy(b"x" * 100), 10) == b"x" * 11  # one byte past the limit shows it is over
    data, _ = read_input(LETTER, limit=10**15)
    assert data == LETTER.read_bytes()


# --- defect 14: workers that cannot start --------------------------------------------


def test_a_pool_runs_with_the_workers_it_could_start(monkeypatch: pytest.MonkeyPatch) -> None:
    real = subprocess.Popen
    started = [0]

    def popen(*args: Any, **kwargs: Any) -> Any:
        if started[0] >= 1:
            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))
        started[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    records = list(Pool(4, Job()).run([str(LETTER)] * 6))
    assert [r["status"] for r in records] == ["ok"] * 6


def test_a_pool_that_can_start_no_worker_says_why_in_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def popen(*args: Any, **kwargs: Any) -> Any:
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    monkeypatch.setattr(subprocess, "Popen", popen)
    with pytest.raises(WorkerStartError, match="cannot start worker processes: Resource temporarily unavailable"):
        list(Pool(4, Job()).run([str(LETTER)] * 3))


def test_a_pool_whose_workers_die_before_they_are_ready_fails_with_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")  # a worker that exits at once, as one that cannot load
    with pytest.raises(
        WorkerStartError, match="cannot start worker processes: the worker process exited with status 1"
    ):
        list(Pool(2, Job()).run([str(LETTER)] * 3))


@pytest.mark.parametrize(("nofile", "ok"), [(24, True), (9, False)])
def test_an_ingest_under_a_low_open_files_limit_runs_or_says_why(tmp_path: Path, nofile: int, ok: bool) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(12):
        (folder / f"letter-{number}.txt").write_bytes(LETTER.read_bytes())
    db = tmp_path / "foi.sqlite"
    options = ["--db", str(db), "-j", "8"]
    done = subprocess.run(
        [
            "prlimit",
            f"--nofile={nofile}",
            "--",
            sys.executable,
            "-m",
            "foiparse",
            "ingest",
            "-q",
            str(folder),
            *options,
        ],
        capture_output=True,
        timeout=300,
    )
    lines = done.stderr.decode().splitlines()
    if ok:
        assert (done.returncode, lines) == (0, [])
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone() == (12,)
    else:
        assert done.returncode == 1
        assert len(lines) == 1 and "cannot start worker processes: Too many open files" in lines[0], lines


@pytest.mark.parametrize("limit", [5, 6, 7, 8, 9, 12])
@pytest.mark.parametrize("command", ["parse", "ingest", "validate"])
def test_every_command_under_a_tiny_open_file_limit_is_one_line_never_a_traceback(
    tmp_path: Path, command: str, limit: int
) -> None:
    """Below 5 descriptors Python itself cannot start; from there on, foiparse speaks in one line."""
    import resource

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(LETTER.read_bytes())
    args = {
        "parse": [str(LETTER)],
        "ingest": ["ingest", "-q", str(folder), "--db", str(tmp_path / "db.sqlite"), "-j", "2"],
        "validate": ["validate", str(LETTER.with_suffix(".expected.json"))],
    }[command]

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    done = subprocess.run(
        [sys.executable, "-m", "foiparse", *args],
        capture_output=True,
        timeout=300,
        preexec_fn=few_files,
        check=False,
    )
    err = done.stderr.decode()
    assert "Traceback" not in err and len(err.splitlines()) <= 1, err
    assert done.returncode in (0, 1, 11), err


@pytest.mark.parametrize("limit", [5, 6, 8])
def test_several_files_under_a_tiny_open_file_limit_are_each_parsed_or_one_line(limit: int) -> None:
    import resource

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    done = subprocess.run(
        [sys.executable, "-m", "foiparse", "-j", "2", str(LETTER), str(LETTER), str(LETTER)],
        capture_output=True,
        timeout=300,
        preexec_fn=few_files,
        check=False,
    )
    err = done.stderr.decode().splitlines()
    assert "Traceback" not in done.stderr.decode()
    assert len(done.stdout.splitlines()) + len(err) == 3, err  # each file: its JSON or its line
    assert all("cannot start the parser process" in line for line in err), err
    assert done.returncode == (11 if err else 0)


def test_a_parse_whose_child_cannot_be_forked_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fork() -> int:
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    def popen(*args: Any, **kwargs: Any) -> Any:
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(subprocess, "Popen", popen)  # nor a worker: the files fall back to a child each
    for files in ([str(LETTER)], [str(LETTER), str(LETTER)]):
        result = CliRunner().invoke(cli, files)
        assert result.exit_code == 11
        lines = [line for line in result.output.splitlines() if line.startswith("foiparse:")]
        assert len(lines) == len(files)
        assert all(
            line.startswith(f"foiparse: {LETTER}: cannot start the parser process: Resource temporarily")
            for line in lines
        )


def test_a_busy_pool_reads_its_workers_clocks_once_a_tick_not_once_a_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading /proc for every answer cost the parent a tenth of a millisecond a document."""
    reads: list[int] = []
    real = isolate.usage

    def counted(pid: int) -> isolate.Usage | None:
        reads.append(pid)
        return real(pid)

    monkeypatch.setattr(isolate, "usage", counted)
    letters = []
    for i in range(60):
        letter = tmp_path / f"{i}.txt"
        letter.write_bytes(LETTER.read_bytes())
        letters.append(str(letter))
    started = time.monotonic()
    records = list(Pool(1, Job()).run(letters))
    ticks = (time.monotonic() - started) / isolate.TICK
    assert [r["status"] for r in records] == ["ok"] * 60
    assert len(reads) <= ticks + 10  # a few at the start, then one a tick at most
