"""Review pages in a real headless Chromium, used as a person would: click, step, filter, zoom, print.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and Playwright for Python (the
dev extras); without either the tests are skipped with the command that installs it.
Screenshots are kept in ``build/test-artifacts/`` (or ``$FOIPARSE_ARTIFACTS``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED
from foiparse.cli import cli
from test_review import HOSTILE

ARTIFACTS = Path(os.environ.get("FOIPARSE_ARTIFACTS") or ROOT / "build" / "test-artifacts")
FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox will not start
    "--disable-gpu",
    "--disable-background-networking",  # the machine's network is closed: no update or sync traffic
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    named = os.environ.get("FOIPARSE_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(why: str) -> NoReturn:
    """Skip, unless this run must have the browser (``.ci/run`` sets FOIPARSE_BROWSER_REQUIRED where it is)."""
    if os.environ.get("FOIPARSE_BROWSER_REQUIRED"):
        pytest.fail(f"the browser tests must run here: {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium()
    if path is None:
        unavailable("no Chromium: install it with `apt-get install chromium` (or set FOIPARSE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("no Playwright: pip install -e '.[dev]'")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def review_of(tmp_path: Path, *files: Path) -> Path:
    out = tmp_path / "review.html"
    result = CliRunner().invoke(cli, ["review", *map(str, files), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    return out


def in_view(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }",
        )
    )


def test_clicking_a_value_brings_its_highlight_into_view_and_flashes_it(page: Any, tmp_path: Path) -> None:
    page.goto(review_of(tmp_path, SEED).as_uri())
    button = page.locator("button.go.f-total").first
    target = button.get_attribute("data-go")
    mark = f'mark[data-ids~="{target}"]'
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    button.click()
    assert in_view(page, mark)
    assert "flash" in (page.get_attribute(mark, "class") or "")
    assert page.inner_text(mark) == "259"
    shot(page, "review-seed-total")


def test_hovering_a_highlight_says_what_it_was_read_as(page: Any, tmp_path: Path) -> None:
    page.goto(review_of(tmp_path, SEED).as_uri())
    mark = page.locator("mark.f-exemption").first
    mark.hover()
    assert "exemption FOIA 21" in (mark.get_attribute("title") or "")


def test_n_and_p_step_through_the_highlights_in_text_order(page: Any, tmp_path: Path) -> None:
    page.goto(review_of(tmp_path, SEED).as_uri())
    order = page.evaluate("window.foiparseReview.order")
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.locator("mark.current").first.get_attribute("data-ids").split(" ").count(order[1]) == 1
    page.keyboard.press("p")
    assert order[0] in page.locator("mark.current").first.get_attribute("data-ids").split(" ")
    assert "1 of" in page.inner_text(".keys .now")


def test_a_hostile_response_runs_no_script_and_fetches_nothing(page: Any, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    url = review_of(tmp_path, hostile).as_uri()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(url)
    for mark in page.locator("mark").all()[:5]:
        mark.hover()
    page.get_by_text("click", exact=False).first.click()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert requests == [url]
    body = page.inner_text(".body")
    assert "<script>window.__pwned=1</script>" in body and 'onerror="window.__pwned=2"' in body
    assert page.locator(".body img, .body a, .body script, .body svg").count() == 0
    shot(page, "review-hostile")


def test_at_200_percent_zoom_the_page_is_one_column_without_sideways_scrolling(browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.goto(review_of(tmp_path, SEED).as_uri())
    text_box = page.locator(".text").bounding_box()
    panel_box = page.locator(".panel").bounding_box()
    assert panel_box["y"] >= text_box["y"] + text_box["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "review-zoom-200")
    context.close()


def test_printing_hides_the_controls_and_keeps_the_text(page: Any, tmp_path: Path) -> None:
    page.goto(review_of(tmp_path, SEED).as_uri())
    page.emulate_media(media="print")
    assert page.eval_on_selector("button.go", "e => getComputedStyle(e).display") == "none"
    assert "259" in page.inner_text(".body")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    letter = SEED.read_text(encoding="utf-8")
    for k in range(130):  # more than a page of the index (100 rows)
        (folder / f"letter-{k:03}.txt").write_text(letter.replace("259", str(1000 + k)), encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    db = folder.parent / "many.sqlite"
    CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "-q"])
    out = folder.parent / "site"
    result = CliRunner().invoke(cli, ["review", "--db", str(db), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.stderr
    return out


def test_the_index_filters_sorts_and_pages(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    assert page.get_attribute("html", "data-ready") == "132"
    assert page.locator("#documents tbody tr").count() == 100
    assert page.inner_text("#shown") == "132 of 132 documents"
    page.select_option("#status", "failed")
    assert page.inner_text("#shown") == "1 of 132 documents"
    assert "CorruptFileError" in page.inner_text("#documents tbody")
    page.select_option("#status", "")
    page.fill("#q", "letter-12")
    assert page.locator("#documents tbody tr").count() == 10
    page.fill("#q", "")
    page.click("#next")
    assert page.locator("#documents tbody tr").count() == 32
    first = page.locator("#documents tbody tr td a").first
    page.click("#documents th button[data-sort='1']")  # the rows come by path: a click turns them round
    assert first.inner_text().endswith("letter-129.txt")
    page.click("#documents th button[data-sort='1']")
    assert first.inner_text().endswith("broken.pdf")
    assert "CorruptFileError" in page.inner_text("#failures")
    shot(page, "review-site-index")


def test_a_document_page_of_the_site_navigates_to_its_values(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.fill("#q", "letter-007")
    page.click("#documents tbody tr td a")
    assert page.url.endswith(".html") and "/docs/" in page.url
    button = page.locator("button.go.f-total").first
    button.click()
    assert in_view(page, f'mark[data-ids~="{button.get_attribute("data-go")}"]')
    assert page.locator("a[rel=next]").count() == 1
    shot(page, "review-site-document")
