"""Review pages and sites, without a browser: what they mark, how they escape, what they list."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, SEED
from foiparse import parse
from foiparse.cli import cli
from foiparse.review import review_html
from foiparse.review.marks import Mark, marks_of, runs
from foiparse.review.page import article, text_of
from foiparse.review.site import write_site
from foiparse.serialize import to_dict

HOSTILE = (
    "Freedom of Information Act 2000 <script>window.__pwned=1</script>\n\n"
    'Dear Mr </textarea><img src=x onerror="window.__pwned=2"> Smith,\n\n'
    'Thank you for your request <a href="javascript:window.__pwned=3">click</a> of 1 May 2024.\n\n'
    "You asked: how many parking fines were issued in 2023?\n\n"
    "The Council issued 1,234 parking fines in 2023. Some information is withheld under section 40(2) of the FOIA.\n\n"
    "Yours sincerely,\nHarbury </script><script>window.__pwned=5</script> District Council\n"
)


def seed_obj() -> dict[str, Any]:
    return to_dict(parse(SEED))


def test_every_value_with_a_span_is_marked_with_its_field() -> None:
    obj = seed_obj()
    fields = {m.field for m in marks_of(obj)}
    assert {"authority", "request", "prior", "exemption", "total", "table"} <= fields
    total = next(m for m in marks_of(obj) if m.field == "total")
    assert text_of(obj)[total.start : total.end] == "259"
    assert "259" in total.value and f"confidence {obj['totals'][0]['confidence']:.2f}" in total.detail


def test_marks_come_in_the_order_of_the_text() -> None:
    starts = [m.start for m in marks_of(seed_obj())]
    assert starts == sorted(starts)


def test_a_value_without_a_usable_span_is_not_marked() -> None:
    obj = {"authority": {"name": "X", "span": [5, 5]}, "totals": [{"value": 3, "unit": "count", "span": None}]}
    assert marks_of(obj) == []


@given(
    st.integers(min_value=0, max_value=60),
    st.lists(st.tuples(st.integers(0, 70), st.integers(1, 30)), max_size=12),
    st.lists(st.integers(0, 70), max_size=3),
)
def test_runs_cover_the_text_once_with_exactly_the_marks_over_each_piece(
    length: int, spans: list[tuple[int, int]], breaks: list[int]
) -> None:
    marks = [Mark("total", a, a + n, "v", "d") for a, n in spans]
    pieces = list(runs(length, marks, breaks))
    assert "".join("x" * (z - a) for a, z, _ in pieces) == "x" * length
    assert all(a < z for a, z, _ in pieces)
    for a, z, ids in pieces:
        covering = {i for i, m in enumerate(marks) if m.start <= a and z <= min(m.end, length) and m.start < m.end}
        assert set(ids) == covering
    cuts = {a for a, _, _ in pieces}
    assert {b for b in breaks if 0 < b < length} <= cuts


def test_the_page_shows_the_text_exactly_once_and_unchanged() -> None:
    obj = seed_obj()
    html = article(obj, "k", "seed")
    body = re.search(r'<div class="body">(.*?)</div></div><aside', html, re.S)
    assert body is not None
    shown = unescape(re.sub(r"<[^>]+>", "", body.group(1)))
    assert shown == text_of(obj)


def test_pdf_pages_keep_their_breaks() -> None:
    obj = to_dict(parse(FIXTURES / "pdf-two-pages-ruled-tables.pdf"))
    html = article(obj, "k", "pdf")
    assert html.count('class="page-break"') == obj["source"]["pages"] - 1


def test_hostile_text_is_escaped_everywhere() -> None:
    obj = to_dict(parse(HOSTILE.encode(), name="hostile.txt"))
    page = review_html([("<b>name</b>.txt", obj, None, None), ("</script>.txt", None, "CorruptFileError", "<i>x</i>")])
    assert len(re.findall(r"<script\b", page)) == 1  # foiparse's own, at the end
    assert "<img" not in page and '<a href="javascript' not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_the_standalone_page_allows_only_its_own_script_and_style() -> None:
    page = review_html([("seed", seed_obj(), None, None)])
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    script = re.search(r"<script>(.*)</script>", page, re.S)
    style = re.search(r"<style>(.*)</style>", page, re.S)
    assert script is not None and style is not None

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert f"script-src {digest(script.group(1))};" in policy.group(1)
    assert f"style-src {digest(style.group(1))};" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)


def test_a_prior_request_link_is_a_link_only_for_a_web_address() -> None:
    obj = seed_obj()
    obj["prior_requests"][0]["url"] = "javascript:alert(1)"
    html = article(obj, "k", "seed")
    assert 'href="javascript' not in html and "javascript:alert(1)" in html
    assert 'href="https://directory' in article(seed_obj(), "k", "seed")


def test_review_command_writes_one_page_and_lists_a_failed_input(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["review", str(SEED), str(missing), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Inputs that gave no response" in page and "missing.txt" in page
    assert 'data-go="doc1-' in page


def test_review_command_wants_files_or_a_database_not_both(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["review"]).exit_code == 2
    both = CliRunner().invoke(cli, ["review", str(SEED), "--db", str(tmp_path / "x.sqlite")])
    assert both.exit_code == 2 and "either FILES or --db" in both.stderr


def index_rows(site: Path) -> list[list[Any]]:
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="rows">(.*?)</script>', html, re.S)
    assert found is not None
    rows: list[list[Any]] = json.loads(found.group(1))
    return rows


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "hostile-<script><!--<b>.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (folder / "ruled.pdf").write_bytes((FIXTURES / "pdf-two-pages-ruled-tables.pdf").read_bytes())
    db = folder.parent / "site.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "-q", "-j", "1"])
    assert result.exit_code == 1, result.stderr  # the broken PDF
    return db


def test_site_has_an_index_row_and_a_page_for_every_document(ingested: Path, tmp_path: Path) -> None:
    summary = write_site(ingested, tmp_path / "site")
    rows = index_rows(tmp_path / "site")
    assert summary.documents == len(rows) == 4 and summary.failed == 1 and summary.ok == 3
    for row in rows:
        assert (tmp_path / "site" / "docs" / f"{row[0]}.html").is_file()
    broken = next(r for r in rows if r[1].endswith("broken.pdf"))
    assert broken[2] == "failed" and broken[10] == "CorruptFileError" and broken[11]
    page = (tmp_path / "site" / "docs" / f"{broken[0]}.html").read_text(encoding="utf-8")
    assert "CorruptFileError" in page


def test_site_index_cannot_be_broken_out_of_by_a_name(ingested: Path, tmp_path: Path) -> None:
    write_site(ingested, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("<script") == 2 and html.count("</script>") == 2  # the rows' element and the index script
    assert "<!--" not in html
    assert any("<script><!--<b>" in r[1] for r in index_rows(tmp_path / "site"))


def test_site_charts_count_outcomes_and_failures(ingested: Path, tmp_path: Path) -> None:
    write_site(ingested, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Outcomes per authority" in html and "Leicester City Council" in html
    assert re.search(r"CorruptFileError</text><rect[^>]*/><text[^>]*>1</text>", html)


def test_review_db_command_reports_what_it_wrote(ingested: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "--db", str(ingested), "-o", str(tmp_path / "s"), "--no-progress"])
    assert result.exit_code == 0, result.stderr
    assert "4 documents (3 parsed, 1 failed)" in result.stderr


def test_review_db_command_refuses_a_file_that_is_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    result = CliRunner().invoke(cli, ["review", "--db", str(bad), "-o", str(tmp_path / "s")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_row_whose_stored_json_is_damaged_is_listed_as_failed_not_dropped(ingested: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "damaged.sqlite"
    shutil.copy(ingested, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET json = x'00ff' WHERE path LIKE '%seed.txt'")
    summary = write_site(db, tmp_path / "site")
    seed = next(r for r in index_rows(tmp_path / "site") if r[1].endswith("seed.txt"))
    assert summary.documents == 4 and seed[2] == "failed" and "cannot be read" in seed[11]


# --- the collation page (issue #19) --------------------------------------------------


@pytest.fixture(scope="module")
def mass_foi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import massfoi_letters

    db = tmp_path_factory.mktemp("massfoi") / "breaches.sqlite"
    args = ["ingest", *map(str, massfoi_letters()), "--db", str(db), "-q", "-j", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    return db


def test_a_site_has_a_collation_page_only_when_asked(mass_foi: Path, tmp_path: Path) -> None:
    write_site(mass_foi, tmp_path / "plain")
    assert not (tmp_path / "plain" / "collation.html").exists()
    assert "collation.html" not in (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")
    write_site(mass_foi, tmp_path / "site", collate=True)
    assert 'href="collation.html"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    html = (tmp_path / "site" / "collation.html").read_text(encoding="utf-8")
    dataset = html.split('<table id="dataset">')[1].split("</table>")[0]
    heads = re.findall(r'<th scope="col">([^<]*)</th>', dataset)
    assert heads[:4] == ["Authority", "Cyber attack 2019/20", "Cyber attack 2020/21", "Cyber attack 2021/22"]
    row = re.search(r"Borough of Kettleford</a></th>(.*?)</tr>", dataset)
    assert row is not None and re.findall(r"<td>([^<]*)</td>", row.group(1))[:3] == ["3", "6", "4"]
    answers = html.split('<table id="answers">')[1].split("</table>")[0]
    assert re.search(r"Upper Tarn Council</a></td><td>refused</td><td>refused</td><td>FOIA s\.12 \(Cost", answers)
    assert re.search(r"Coldharbour Combined Authority</a></td><td>not held</td>", answers)
    assert "Cyber attack 2021/22, by authority" in html and "<svg" in html  # the chart of the widest figure
    for link in re.findall(r'href="(docs/\d+\.html)"', html):
        assert (tmp_path / "site" / link).is_file()


def test_the_collation_page_escapes_what_the_responses_say(tmp_path: Path) -> None:
    from foiparse.collate.figures import Figure
    from foiparse.collate.match import collate
    from foiparse.review.collation import collation_page

    def figure(document: str, label: str, text: str) -> Figure:
        return Figure(
            document, "<script>alert(1)</script>", None, None, "disclosed", (), (), "cell", 0, None, 0, 1,
            label, "2019/20", text, 1, None, None, None, None, None, None,
        )  # fmt: skip

    hostile = "<img src=x onerror=alert(1)>"
    done = collate([("a", [figure("a", hostile, "1")]), ("b", [figure("b", hostile, "1")])])
    html = collation_page(done, {}, "<title>")
    assert "<img" not in html and "<script>alert" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_collate_on_a_review_of_files_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["review", str(SEED), "--collate"])
    assert result.exit_code == 2 and "--collate needs --db" in result.stderr
