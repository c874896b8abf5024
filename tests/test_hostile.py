"""The hostile corpus (fuzz/hostile.py): each input gets its documented answer, in time and under 1 GB."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT, load_script
from foiparse.batch import ingest

pytest.importorskip("reportlab")


HOSTILE = load_script(ROOT / "fuzz" / "hostile.py")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    HOSTILE.generate(folder)
    return folder


def test_the_corpus_has_at_least_fifty_five_kinds() -> None:
    assert len(HOSTILE.KINDS) >= 55
    assert len({kind.name for kind in HOSTILE.KINDS}) == len(HOSTILE.KINDS)


@pytest.mark.parametrize("kind", HOSTILE.KINDS, ids=lambda kind: kind.name)
def test_each_hostile_input_gets_its_documented_answer(corpus: Path, kind: Any) -> None:
    outcome = HOSTILE.run(kind, corpus / kind.name, [sys.executable, "-m", "foiparse"])
    assert outcome.exit_code == kind.exit_code, outcome.stderr
    assert kind.message in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert len(outcome.stderr.splitlines()) == (0 if kind.exit_code == 0 else 1)
    assert outcome.seconds <= kind.seconds
    assert outcome.peak_mb < 1024
    assert outcome.problem is None, outcome.problem


def test_ingest_records_every_hostile_input_and_parses_the_good_ones_beside_them(corpus: Path, tmp_path: Path) -> None:
    good = ["leicester-data-breaches-2019.txt", "pdf-ruled-table-letter.pdf", "alaveteli-thread.html"]
    for name in good:
        (corpus / f"good-{name}").write_bytes((FIXTURES / name).read_bytes())
    db = tmp_path / "foi.sqlite"
    summary = ingest([corpus], db, jobs=2, timeout=20, progress=False)
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT path, status FROM documents WHERE attachment IS NULL").fetchall())
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]  # an e-mail's attachments too
    names = {Path(path).name: status for path, status in rows.items()}
    assert all(names[f"good-{name}"] == "ok" for name in good)
    on_disk = {p.name for p in corpus.rglob("*") if not p.is_dir() or p.is_symlink()} - {"symlink-loop.txt.other"}
    assert on_disk - {"directory-given"} <= set(names) | {"inside.txt"}
    assert names["inside.txt"] == "ok"  # the directory given was walked
    assert names["flate-bomb.pdf"] == "failed"
    assert names["named-pipe.txt"] == "skipped"
    assert names["symlink-loop.txt"] == "failed"
    assert sum(summary.counts.values()) == stored


def test_a_file_that_vanishes_or_changes_during_a_batch_is_recorded_as_it_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import foiparse.batch.runner as runner

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes((FIXTURES / "leicester-data-breaches-2019.txt").read_bytes())
    replacement = (FIXTURES / "police-stop-search.txt").read_bytes()
    listed = runner.walk

    def walk_then_change(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = list(listed(*args, **kwargs))
        (folder / "a.txt").unlink()  # gone after it was listed
        (folder / "b.txt").write_bytes(replacement)  # rewritten after it was listed
        yield from items

    monkeypatch.setattr(runner, "walk", walk_then_change)
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    with sqlite3.connect(db) as conn:
        rows = {
            Path(r[0]).name: r[1:] for r in conn.execute("SELECT path, status, error, sha256, authority FROM documents")
        }
    assert rows["a.txt"][0] == "failed" and "no such file" in rows["a.txt"][1]
    assert rows["b.txt"][0] == "ok" and rows["b.txt"][2] == hashlib.sha256(replacement).hexdigest()
    assert rows["b.txt"][3] == "Northshire Constabulary"  # the bytes parsed are the bytes recorded
    assert rows["c.txt"][0] == "ok"
    assert summary.counts == {"ok": 2, "failed": 1}


_WATCHED: list[tuple[str, tuple[Any, ...]]] = []
_WATCHING = [False]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _WATCHING[0] and (
        event.startswith(("socket.", "urllib.", "http.")) or event in ("open", "subprocess.Popen", "os.system")
    ):
        _WATCHED.append((event, args))


sys.addaudithook(_audit)  # a hook cannot be removed: it records only while _WATCHING is set


@pytest.mark.parametrize(
    "name",
    ["external-references.html", "billion-laughs.xhtml", "broken-xref.pdf", "pdf-named.html", "invalid-utf8.txt"],
)
def test_parsing_touches_no_network_and_no_file_but_its_input(corpus: Path, name: str) -> None:
    import foiparse
    from foiparse import parse

    parse(corpus / "pdf-named.html")  # load every module first: importing reads files
    parse(corpus / "external-references.html")
    allowed = (str(Path(foiparse.__file__).parent), sys.prefix, sys.base_prefix)
    _WATCHED.clear()
    _WATCHING[0] = True
    try:
        parse(corpus / name)
    finally:
        _WATCHING[0] = False
    opened = [str(args[0]) for event, args in _WATCHED if event == "open" and isinstance(args[0], (str, Path))]
    assert not [event for event, _ in _WATCHED if event != "open"]
    assert all(path == str(corpus / name) or path.startswith(allowed) for path in opened), opened


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<div>" * 20_000, id="plain"),
        pytest.param("<div></b>" * 20_000, id="stray end tags"),
        pytest.param("<div/>" * 20_000, id="self-closing divs (open in HTML)"),
        pytest.param("<!-->" + "<div>" * 20_000, id="after an empty comment"),
    ],
)
def test_deep_html_is_refused_however_its_tags_are_written(markup: str) -> None:
    from foiparse.errors import InputTooLargeError
    from foiparse.readers.html import check_structure

    with pytest.raises(InputTooLargeError, match="nested too deep"):
        check_structure("<html><body>" + markup + "x", 10_000, 500_000)


def test_svg_elements_that_close_themselves_do_not_count_as_depth() -> None:
    from foiparse.readers.html import check_structure

    check_structure("<html><body><svg>" + '<path d="M0 0"/>' * 20_000 + "</svg>", 10_000, 500_000)


def test_ctrl_c_stops_the_parse_with_one_line_and_exit_130(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    # A parse still under way when Ctrl-C comes, whatever the machine's speed: its standard input
    # is a pipe nobody writes to, read inside the parser process.
    process = subprocess.Popen(
        [sys.executable, "-m", "foiparse", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # A test run started in the background (`make test &`) ignores SIGINT, and so would foiparse.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole group
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert err.decode().splitlines() == ["foiparse: <stdin>: interrupted"]


def test_a_reader_that_leaves_early_is_no_error_and_a_timeout_must_be_finite(tmp_path: Path) -> None:
    import subprocess

    files = [str(p) for p in sorted(FIXTURES.glob("*.txt"))[:12]]
    pipeline = subprocess.run(
        f"{sys.executable} -m foiparse {' '.join(files)} | head -c 10", shell=True, capture_output=True, check=False
    )
    assert b"internal error" not in pipeline.stderr and b"Traceback" not in pipeline.stderr
    done = subprocess.run([sys.executable, "-m", "foiparse", "--timeout", "inf", files[0]], capture_output=True)
    assert done.returncode == 2 and b"--timeout" in done.stderr
