"""A corpus of hostile and broken inputs, generated (never checked in), and a check that runs them.

    python fuzz/hostile.py OUT_DIR            # write every kind into OUT_DIR
    python fuzz/hostile.py OUT_DIR --check    # ... then run `foiparse` on each, one line per kind

Each kind says what foiparse must answer: the exit code (and so the error class, see
the README), a piece of the one-line message, and the time it may take. ``--check``
runs each input in a fresh ``foiparse`` process and measures its wall time and the
peak memory of the process tree, then ingests the whole folder beside good responses.
The test suite runs the same check (tests/test_hostile.py).
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import random
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
LETTER = FIXTURES / "leicester-data-breaches-2019.txt"
PDF_LETTER = FIXTURES / "pdf-ruled-table-letter.pdf"
HTML_LETTER = FIXTURES / "nested-tables-spans.html"


@dataclass(frozen=True)
class Kind:
    """One hostile input and the answer it must get."""

    name: str  # the file (or directory) name written
    make: Callable[[Path], None]  # writes it at the path given
    exit_code: int  # 0: parsed
    message: str = ""  # a piece of the stderr line
    seconds: float = 10.0  # wall time allowed, process start included
    args: tuple[str, ...] = ()  # extra options before the path; where one holds "{path}", the whole command line
    unprivileged: bool = False  # run without root's power to read anything (setpriv), as a user would
    stdin: bytes = b""  # what the command reads on standard input
    after: Callable[[Path], str | None] | None = None  # a check once it ran: what is wrong, or None

    def command(self, path: Path) -> list[str]:
        """The arguments after ``foiparse``: the options and the path, or the template filled in."""
        if any("{path}" in arg for arg in self.args):
            return [arg.replace("{path}", str(path)) for arg in self.args]
        return [*self.args, str(path)]


def _write(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def _minimal_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF made of these objects (numbered from 1) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def _pages_pdf(count: int) -> bytes:
    """``count`` blank pages."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"] * count
    return _minimal_pdf(objects)


def _flate_bomb(path: Path) -> None:
    """A one-page PDF whose content stream is 1.5 MB of deflate that inflates to 1.5 GB."""
    block = b" " * (64 * 1024 * 1024)
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(block) for _ in range(24)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    path.write_bytes(_minimal_pdf(objects))


def _text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of Helvetica text."""
    content = (
        b"BT /F1 11 Tf 72 770 Td 14 TL "
        + b" ".join(
            b"(" + line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '"
            for line in lines
        )
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _minimal_pdf(objects)


def _broken_xref(path: Path) -> None:
    """A good letter whose cross-reference table points at the wrong offsets (PDFium rebuilds it)."""
    data = _text_pdf(["Dear Ms Okoro,", "The Council recorded 49 incidents in 2023."])
    head, _, tail = data.partition(b"xref\n")
    table, _, trailer = tail.partition(b"trailer")
    broken = b"\n".join(
        line[:10].replace(b"0", b"9") + line[10:] if line.endswith(b" n ") else line for line in table.split(b"\n")
    )
    path.write_bytes(head + b"xref\n" + broken + b"trailer" + trailer)


def _corrupted_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(20_000))


def _truncated_pdf(path: Path) -> None:
    data = PDF_LETTER.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas  # the dev extra

    page = canvas.Canvas(str(path), encrypt="a-secret")
    page.drawString(72, 770, "This response is protected by a password.")
    page.save()


def _no_text_pdf(path: Path) -> None:
    content = b"0.8 g 72 400 450 300 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    path.write_bytes(_minimal_pdf(objects))


def _no_pages_pdf(path: Path) -> None:
    path.write_bytes(_minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))


def _huge_line(path: Path) -> None:
    """200 MB on one line, written in pieces."""
    piece = b"The Council recorded 12 incidents. " * 30_000
    with open(path, "wb") as fh:
        written = 0
        while written < 200 * 1024 * 1024:
            fh.write(piece)
            written += len(piece)


def _zip(members: dict[str, str]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buf.getvalue()


def _symlink_loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    path.symlink_to(other)
    other.symlink_to(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _unreadable(path: Path) -> None:
    path.write_bytes(LETTER.read_bytes())
    path.chmod(0)


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_bytes(LETTER.read_bytes())


def _letter() -> bytes:
    return LETTER.read_bytes()


KINDS: list[Kind] = [
    Kind("empty.txt", _write(b""), 4, "empty input"),
    Kind("whitespace-only.txt", _write(b" \t\r\n" * 1000), 4, "empty input"),
    Kind("bom-only.txt", _write(b"\xef\xbb\xbf"), 4, "empty input"),
    Kind("binary-junk.txt", _write(random.Random(1).randbytes(65_536)), 3, "binary data"),
    Kind("nul-bytes.txt", _write(_letter().replace(b" ", b"\x00", 200)), 3, "unsupported format"),
    Kind("control-characters.txt", _write(bytes(range(1, 9)) * 4000), 3, "binary data"),
    Kind("png-named.txt", _write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 512), 3, "a PNG image"),
    Kind("zip-named.txt", _write(_zip({"xl/workbook.xml": "<workbook/>"})), 3, "ZIP archive"),
    Kind("broken-zip.docx", _write(b"PK\x03\x04" + b"\x00" * 512), 8, "corrupt ZIP"),
    Kind("gzip-named.txt", _write(gzip.compress(b"Dear Sir, " * 100, mtime=0)), 3, "gzip"),
    Kind("pdf-named.html", _write(PDF_LETTER.read_bytes()), 0),
    Kind("html-named.pdf", _write(HTML_LETTER.read_bytes()), 0),
    Kind("truncated.pdf", _truncated_pdf, 8, "corrupt or truncated PDF"),
    Kind("corrupted.pdf", _corrupted_pdf, 8, "corrupt"),
    Kind("broken-xref.pdf", _broken_xref, 0),
    Kind("encrypted.pdf", _encrypted_pdf, 6, "encrypted PDF"),
    Kind("no-text-layer.pdf", _no_text_pdf, 7, "no text layer"),
    Kind("no-pages.pdf", _no_pages_pdf, 8, "corrupt PDF"),
    Kind("blank-2000-pages.pdf", _write(_pages_pdf(2000)), 7, "no text layer", seconds=20),
    Kind("pages-2001.pdf", _write(_pages_pdf(2001)), 9, "too many pages"),
    Kind("flate-bomb.pdf", _flate_bomb, 11, "out of memory", seconds=30),
    Kind(
        "nested-100000-deep.html",
        _write(b"<html><body>" + b"<div>" * 100_000 + b"Dear Sir" + b"</div>" * 100_000 + b"</body></html>"),
        9,
        "nested too deep",
    ),
    Kind("600000-elements.html", _write(b"<html><body><p>Dear Sir,</p>" + b"<b>x</b>" * 600_000), 9, "too many HTML"),
    Kind(
        "colspan-100000.html",
        _write(b'<table><tr><td colspan="100000" rowspan="100000">Dear Sir</td><td>5</td></tr></table>'),
        0,
    ),
    Kind("unclosed-comment.html", _write(b"<html><body><p>Dear Sir, 12 cases.</p><!-- " + b"<div>" * 50_000), 0),
    Kind(
        "script-only.html", _write(b"<html><head><script>" + b"var x = '<div>';" * 5000 + b"</script></head></html>"), 4
    ),
    Kind(
        "external-references.html",
        _write(
            b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><head>'
            b'<link rel="stylesheet" href="http://192.0.2.1/a.css"><script src="http://192.0.2.1/a.js"></script></head>'
            b'<body><img src="http://192.0.2.1/a.png"><iframe src="file:///etc/passwd"></iframe>'
            b"<p>Dear Sir, &x; We hold 12 records.</p></body></html>"
        ),
        0,
    ),
    Kind(
        "billion-laughs.xhtml",
        _write(
            b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Dear Sir, &d;&d;&d;&d;</p></body></html>'
        ),
        0,
    ),
    Kind("huge-single-line-200MB.txt", _huge_line, 9, "input too large"),
    Kind(
        "six-million-characters.txt",
        _write(b"Dear Sir,\n" + b"The Council holds 12 files. " * 215_000),
        9,
        "too much text",
    ),
    Kind("invalid-utf8.txt", _write(_letter() + b"\n\xff\xfe\xc3\x28 broken \xe2\x82 bytes\n"), 0),
    Kind("utf16-without-bom.txt", _write(_letter().decode("utf-8").encode("utf-16-le")), 0),
    Kind("utf32-with-bom.txt", _write(_letter().decode("utf-8").encode("utf-32")), 0),
    Kind("directory-given", _directory, 1, "is a directory"),
    Kind("symlink-loop.txt", _symlink_loop, 1, "symbolic links"),
    Kind("named-pipe.txt", _fifo, 1, "not a regular file"),
    Kind("unreadable.txt", _unreadable, 1, "permission denied", unprivileged=True),
]


def generate(folder: Path) -> list[Path]:
    """Write every kind into ``folder`` (created); return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = folder / kind.name
        kind.make(path)
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Outcome:
    """What one run of ``foiparse`` on a hostile input did."""

    kind: Kind
    exit_code: int
    stderr: str
    seconds: float
    peak_mb: float
    problem: str | None = None  # what the kind's own check after the run found wrong

    @property
    def ok(self) -> bool:
        """The expected exit code and message, in time, under 1 GB, and nothing but one line on stderr."""
        lines = self.stderr.splitlines()
        one_line = (not lines) if self.kind.exit_code == 0 else len(lines) == 1
        return (
            self.exit_code == self.kind.exit_code
            and self.kind.message in self.stderr
            and one_line
            and "Traceback" not in self.stderr
            and self.seconds <= self.kind.seconds
            and self.peak_mb < 1024
            and self.problem is None
        )


_MEASURE = """
import resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(
    sys.argv[1:], stdin=sys.stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300
)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stdout.write(f"{done.returncode} {seconds:.3f} {peak:.1f}\\n")
sys.stdout.write(done.stderr.decode("utf-8", "replace"))
"""


def run(kind: Kind, path: Path, foiparse: list[str]) -> Outcome:
    """Run ``foiparse`` on one input in a fresh process tree, measuring time and peak memory."""
    prefix: list[str] = []
    if kind.unprivileged and os.geteuid() == 0:  # root reads any file: drop that power for this run
        prefix = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *prefix, *foiparse, *kind.command(path)],
        input=kind.stdin,
        capture_output=True,
        check=True,
    )
    head, _, stderr = done.stdout.decode("utf-8", "replace").partition("\n")
    code, seconds, peak = head.split()
    problem = kind.after(path) if kind.after is not None else None
    return Outcome(kind, int(code), stderr, float(seconds), float(peak), problem)


def check(folder: Path, foiparse: list[str] | None = None) -> list[Outcome]:
    """Run every kind; print a table; return the outcomes."""
    command = foiparse or [sys.executable, "-m", "foiparse"]
    outcomes = []
    print(f"{'kind':34} {'exit':>4} {'want':>4} {'s':>6} {'MB':>6}  ok  stderr")
    for kind in KINDS:
        outcome = run(kind, folder / kind.name, command)
        outcomes.append(outcome)
        print(
            f"{kind.name:34} {outcome.exit_code:4} {kind.exit_code:4} {outcome.seconds:6.2f} {outcome.peak_mb:6.0f}"
            f"  {'yes' if outcome.ok else 'NO '} {(outcome.problem or outcome.stderr).strip()[:90]}"
        )
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """Write the corpus; with --check, run it and exit 1 unless every kind got its answer."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="where to write the inputs")
    parser.add_argument("--check", action="store_true", help="run foiparse on each and report")
    args = parser.parse_args(argv)
    started = time.monotonic()
    generate(args.folder)
    print(f"{len(KINDS)} kinds written to {args.folder} in {time.monotonic() - started:.1f} s")
    if not args.check:
        return 0
    outcomes = check(args.folder)
    bad = [o.kind.name for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(bad)} of {len(outcomes)} as documented" + (f"; not: {', '.join(bad)}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
