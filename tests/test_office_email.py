"""Word documents and e-mails: readers, detection by content, LibreOffice, and attachments in a batch."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from email.message import EmailMessage
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, HAS_LIBREOFFICE
from foiparse import parse
from foiparse.batch import ingest
from foiparse.cli import cli
from foiparse.detect import detect_format
from foiparse.errors import CorruptFileError, InputTooLargeError, UnsupportedFormatError

DOCX = FIXTURES / "docx-council-letter.docx"
ODT = FIXTURES / "odt-council-letter.odt"
EML = FIXTURES / "eml-reply-with-attachment.eml"


def _docx(build: object = None) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Dear Ms Okoro,")
    if callable(build):
        build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_word_table_with_merged_cells_repeats_them_in_every_place_they_cover() -> None:
    tables = parse(DOCX).tables
    assert [t.columns for t in tables] == [
        ("Notices", "2022/23", "2023/24"),
        ("Ward", "Notices issued", "Notices issued"),
    ]
    assert tables[1].rows == (("Abbey", "2022/23: 20", "2023/24: 26"), ("Abbey", "paid: 17", "paid: 22"))


def _word_grid(rows: list[list[str]]) -> bytes:
    def build(doc: object) -> None:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    return _docx(build)


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["Request", "Please send me the contract you hold with the supplier of the patient record system"],
            ["Response", "The contract is attached, with the prices redacted under section 43 of the Act."],
        ],
        [
            ["Question", "Answer"],
            ["Do you use an algorithm to flag families for early help?", "No, we do not use any such system."],
            ["If so, who supplied it to the council?", "Not applicable, as we do not use one at all."],
        ],
    ],
    ids=["label and sentence", "question and answer"],
)
def test_a_word_table_of_sentences_is_read_as_the_letters_text_not_as_a_table(rows: list[list[str]]) -> None:
    result = parse(_word_grid(rows))
    assert result.tables == ()
    texts = [b.text for b in result.blocks]
    assert all(any(cell in t for t in texts) for row in rows for cell in row)


def test_a_word_table_of_figures_with_long_labels_is_still_a_table() -> None:
    rows = [
        ["Type of incident reported to the council by members of the public", "2022", "2023"],
        ["Fly-tipping on private land reported through the online form in that year", "412", "388"],
    ]
    (table,) = parse(_word_grid(rows)).tables
    assert table.rows == (tuple(rows[1]),)


def test_word_headers_footers_headings_and_list_items_keep_their_roles() -> None:
    response = parse(DOCX)
    kinds = {b.text.strip(): b.kind for b in response.blocks if b.kind != "blank"}
    assert kinds["Harbury District Council · Information Governance"] == "boilerplate"
    assert kinds["OFFICIAL · harbury.gov.uk/foi"] == "boilerplate"
    assert kinds["• figures are for the financial year ending 31 March;"] == "list_item"
    assert response.reference is not None and response.reference.text == "FOI-2024-0733"
    assert [(e.law, e.provision) for e in response.exemptions] == [("FOIA", "40(2)")]


def test_a_text_box_is_read_after_the_paragraph_that_holds_it() -> None:
    from docx.oxml import parse_xml

    def with_box(doc: object) -> None:
        paragraph = doc.add_paragraph("The figures are in the box below.")  # type: ignore[attr-defined]
        box = parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>Incidents recorded in 2023: 49</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
        paragraph._p.append(box)
        doc.add_paragraph("Yours sincerely,")  # type: ignore[attr-defined]

    text = parse(_docx(with_box), name="box.docx").text
    assert text.index("in the box below") < text.index("Incidents recorded in 2023: 49") < text.index("Yours")


def test_formats_are_detected_by_content_not_by_name() -> None:
    assert detect_format(DOCX.read_bytes()) == "docx"
    assert detect_format(EML.read_bytes()) == "eml"
    assert parse(DOCX.read_bytes(), name="letter.txt").source.format == "docx"
    assert parse(EML.read_bytes(), name="reply.txt").source.format == "eml"
    pasted = b"From: FOI Team\nTo: A Requester\nSubject: Your request\n\nDear Sir,\nWe hold 12 records.\n"
    assert detect_format(pasted) == "text"  # a letter pasted with its headers, no mail software's own


def test_a_zip_that_is_not_a_word_document_is_unsupported_and_a_broken_one_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="ZIP archive"):
        parse(buf.getvalue(), name="sheet.xlsx")
    broken = DOCX.read_bytes()[:4000]
    with pytest.raises((CorruptFileError, UnsupportedFormatError)):
        parse(broken, name="broken.docx")


def test_a_word_document_that_unpacks_to_too_much_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import foiparse.readers.docx as reader

    monkeypatch.setattr(reader, "MAX_UNPACKED", 10_000)
    with pytest.raises(InputTooLargeError, match="too large unpacked"):
        parse(DOCX)


def test_an_odt_without_libreoffice_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(UnsupportedFormatError, match=r"needs LibreOffice .*apt install libreoffice-writer-nogui"):
        parse(ODT)


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
def test_an_odt_gives_the_same_letter_as_its_docx() -> None:
    odt, docx = parse(ODT), parse(DOCX)
    assert odt.source.format == "odt"
    assert (odt.authority, odt.reference, odt.date, odt.exemptions) == (
        docx.authority,
        docx.reference,
        docx.date,
        docx.exemptions,
    )
    assert [t.rows for t in odt.tables] == [t.rows for t in docx.tables]


def test_an_email_reply_fills_fields_from_its_headers_and_lists_its_attachments() -> None:
    response = parse(EML)
    assert response.authority is not None and response.authority.name == "Harbury District Council"
    assert response.date == "2024-03-12"
    assert response.reference is not None and response.reference.text == "FOI-2024-0588"
    [attachment] = response.attachments
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "FOI-2024-0588-response.pdf",
        "application/pdf",
        len((FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes()),
    )
    assert attachment.span is not None and response.text[slice(*attachment.span)] == attachment.name


def test_the_quoted_history_of_an_email_is_not_taken_for_the_reply() -> None:
    response = parse(EML)
    assert [t.value for t in response.totals] == [49]  # "over 300" is the requester's, below the reply
    assert response.request is not None and response.request.text.startswith("How many data protection incidents")
    quoted = [b for b in response.blocks if b.kind == "quote"]
    assert quoted and all(b.span[0] > response.text.index("-----Original Message-----") for b in quoted)


def test_an_html_only_email_is_read_through_the_html_reader() -> None:
    message = EmailMessage()
    message["From"] = "Westmoor Constabulary <foi@westmoor.police.uk>"
    message["Date"] = "Mon, 08 Apr 2024 10:00:00 +0100"
    message["Subject"] = "Freedom of Information request 000412/24"
    message["MIME-Version"] = "1.0"
    message.set_content(
        "<html><body><p>Dear Mr Hale,</p><table><tr><th>Month</th><th>Arrests</th></tr>"
        "<tr><td>January</td><td>41</td></tr><tr><td>February</td><td>37</td></tr></table></body></html>",
        subtype="html",
    )
    response = parse(bytes(message), name="reply.eml")
    assert [(t.columns, t.rows) for t in response.tables] == [
        (("Month", "Arrests"), (("January", "41"), ("February", "37")))
    ]
    table = response.tables[0]
    assert response.text[slice(*table.span)].startswith("Month\tArrests")


def test_the_cli_prints_grounded_json_for_word_and_email_and_render_gives_the_text(tmp_path: Path) -> None:
    runner = CliRunner()
    for path in (DOCX, EML):
        out = tmp_path / f"{path.stem}.json"
        result = runner.invoke(cli, [str(path), "-o", str(out), "--validate"])
        assert result.exit_code == 0, result.stderr
        assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0
        rendered = runner.invoke(cli, ["render", str(out)])
        assert rendered.exit_code == 0
        assert rendered.stdout_bytes.decode("utf-8") == parse(path, name=str(path)).text
        assert orjson.loads(out.read_bytes())["source"]["format"] == path.suffix.lstrip(".")


def test_ingest_parses_each_pdf_attachment_as_a_document_linked_to_its_email(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reply.eml").write_bytes(EML.read_bytes())
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 1, "attachment ok": 1}
    assert "attachments: 1 ok" in summary.line()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, format, status, parent, authority FROM documents ORDER BY path").fetchall()
        cells = conn.execute(
            "SELECT count(*) FROM table_cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id"
            " WHERE d.format = 'pdf'"
        ).fetchone()
    email_path = str(folder / "reply.eml")
    assert rows == [
        (email_path, "eml", "ok", None, "Harbury District Council"),
        (f"{email_path}#FOI-2024-0588-response.pdf", "pdf", "ok", email_path, "Harbury District Council"),
    ]
    assert cells == (12,)
    again = ingest([folder], db, jobs=1, progress=False, force=True)
    assert again.counts == {"ok": 1, "attachment ok": 1}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)  # replaced, not doubled


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
def test_a_legacy_doc_is_read_through_libreoffice(tmp_path: Path) -> None:
    import shutil
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(DOCX),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = (tmp_path / f"{DOCX.stem}.doc").read_bytes()
    assert detect_format(data) == "doc"
    response = parse(data, name="letter.doc")
    assert response.source.format == "doc"
    assert response.reference is not None and response.reference.text == "FOI-2024-0733"
    assert [(e.law, e.provision) for e in response.exemptions] == [("FOIA", "40(2)")]


# Found by review: each of these once dropped text, raised past FoiparseError, or ran unbounded.


def _raw_docx(body: str, header: str | None = None) -> bytes:
    """A minimal .docx from raw WordprocessingML (for structures python-docx cannot write)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sect = '<w:sectPr><w:headerReference w:type="first" r:id="rH"/><w:titlePg/></w:sectPr>' if header else ""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": f'<?xml version="1.0"?><w:document {w} {r}><w:body>{body}{sect}</w:body></w:document>',
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + (
            '<Relationship Id="rH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            if header
            else ""
        )
        + "</Relationships>",
    }
    if header:
        parts["word/header1.xml"] = f'<?xml version="1.0"?><w:hdr {w}><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        pytest.param(
            f"<w:sdt><w:sdtContent>{_p('Withheld under section 40(2)')}</w:sdtContent></w:sdt>",
            "Withheld under section 40(2)",
            id="content control",
        ),
        pytest.param(
            "<w:p><w:r><w:t>Start </w:t></w:r><w:ins><w:r><w:t>INSERTED </w:t></w:r></w:ins>"
            '<w:fldSimple w:instr="DATE"><w:r><w:t>FIELD </w:t></w:r></w:fldSimple>'
            "<w:hyperlink><w:r><w:t>LINK</w:t></w:r></w:hyperlink></w:p>",
            "Start INSERTED FIELD LINK",
            id="insertions fields links",
        ),
        pytest.param(
            f"<w:tbl><w:tr><w:tc>{_p('A')}</w:tc><w:tc><w:tbl><w:tr><w:tc>{_p('INNER')}</w:tc></w:tr></w:tbl>"
            f"{_p('')}</w:tc></w:tr><w:tr><w:tc>{_p('B')}</w:tc><w:tc>{_p('C')}</w:tc></w:tr></w:tbl>",
            "A\tINNER",
            id="nested table",
        ),
    ],
)
def test_word_text_in_every_container_is_read(body: str, wanted: str) -> None:
    assert wanted in parse(_raw_docx(_p("Dear Sir,") + body), name="x.docx").text


def test_a_first_page_header_is_read_as_furniture() -> None:
    response = parse(_raw_docx(_p("Dear Sir, we hold 12 files."), header="NORTHSHIRE COUNCIL"), name="x.docx")
    [block] = [b for b in response.blocks if "NORTHSHIRE" in b.text]
    assert block.kind == "boilerplate"


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param("<w:tc><w:tcPr><w:vMerge/></w:tcPr>" + _p("x") + "</w:tc>", id="vMerge in the first row"),
        pytest.param('<w:tc><w:tcPr><w:gridSpan w:val="50000000"/></w:tcPr>' + _p("A") + "</w:tc>", id="huge gridSpan"),
        pytest.param('<w:tc><w:tcPr><w:gridSpan w:val="zero"/></w:tcPr>' + _p("A") + "</w:tc>", id="bad gridSpan"),
    ],
)
def test_odd_word_tables_are_read_in_bounded_time(cells: str) -> None:
    import time

    body = f"<w:tbl><w:tr>{cells}<w:tc>{_p('B')}</w:tc></w:tr><w:tr><w:tc>{_p('C')}</w:tc><w:tc>{_p('D')}</w:tc></w:tr></w:tbl>"
    started = time.monotonic()
    text = parse(_raw_docx(_p("Dear Sir,") + body), name="x.docx").text
    assert time.monotonic() - started < 5 and "D" in text and len(text) < 2000


def test_odd_zips_are_unsupported_not_a_crash() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    data = bytearray(buf.getvalue())
    at = data.index(b"mimetype") + 8
    data[at : at + 4] = b"\xff\xff\xff\xff"  # broken deflate data in the member
    with pytest.raises((UnsupportedFormatError, CorruptFileError)):
        parse(bytes(data), name="x.odt")


def test_a_malformed_mail_header_is_kept_as_written() -> None:
    data = b"From: a@b\nTo: <\nSubject: FOI 1234\nMessage-ID: <x@y>\n\nDear Sir, we hold 12 files.\n"
    response = parse(data, name="x.eml")
    assert "To: <" in response.text


def test_an_html_mail_body_is_read_in_the_charset_the_mail_declares() -> None:
    message = EmailMessage()
    message["From"] = "foi@harbury.gov.uk"
    message["MIME-Version"] = "1.0"
    message.set_content(
        '<html><head><meta charset="iso-8859-1"></head><body><p>Dear Sir, the fee is \u00a3450.</p></body></html>',
        subtype="html",
        charset="utf-8",
    )
    assert "the fee is \u00a3450." in parse(bytes(message), name="x.eml").text


def test_a_forwarded_message_and_its_attachment_are_not_dropped() -> None:
    inner = EmailMessage()
    inner["From"] = "foi@harbury.gov.uk"
    inner["Subject"] = "FOI-2024-0588"
    inner.set_content("Dear Ms Okoro, the Council recorded 49 incidents.")
    inner.add_attachment(DOCX.read_bytes(), maintype="application", subtype="octet-stream", filename="response.docx")
    outer = EmailMessage()
    outer["From"] = "a.okoro@example.org"
    outer["MIME-Version"] = "1.0"
    outer.set_content("Forwarding the council's reply.")
    outer.add_attachment(inner)
    response = parse(bytes(outer), name="fwd.eml")
    assert "the Council recorded 49 incidents" in response.text
    assert "response.docx" in [a.name for a in response.attachments]


def test_a_damaged_attachment_is_recorded_and_fails_the_run(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "foi@harbury.gov.uk"
    message["MIME-Version"] = "1.0"
    message.set_content("Dear Ms Okoro, please find our response attached.")
    message.add_attachment(
        b"PK\x03\x04 broken", maintype="application", subtype="octet-stream", filename="response.docx"
    )
    message.add_attachment(
        (FIXTURES / "pdf-ruled-table-letter.pdf").read_bytes(),
        maintype="application",
        subtype="pdf",
        filename="letter.pdf",
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reply.eml").write_bytes(bytes(message))
    db = tmp_path / "foi.sqlite"
    summary = ingest([folder], db, jobs=1, progress=False)
    assert summary.counts == {"ok": 1, "attachment ok": 1, "attachment failed": 1} and summary.failed == 1
    with sqlite3.connect(db) as conn:
        rows = dict(
            conn.execute("SELECT substr(path, instr(path, '#') + 1), status FROM documents WHERE parent IS NOT NULL")
        )
    assert rows == {"response.docx": "failed", "letter.pdf": "ok"}
