"""Properties that hold for any input, checked with hypothesis."""

from __future__ import annotations

from pathlib import Path

import orjson
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import fixture_files
from foiparse import FoiResponse, Options, from_dict, parse, to_dict, to_json
from foiparse.cli import render_bytes
from foiparse.errors import FoiparseError
from foiparse.layout.lines import split_lines
from foiparse.layout.segment import segment

FIXTURE_BYTES = [p.read_bytes() for p in fixture_files(converted=False)]
# Text made of letter-like pieces: words, numbers, FOI words, line breaks and tabs.
PIECES = st.sampled_from(
    [
        "Dear Sir",
        "section 40(2)",
        "FOI 1234",
        "£1,200",
        "259",
        "\n",
        "\r\n",
        "\t",
        "  ",
        ".",
        ":",
        "You asked:",
        "1.",
        "Q1",
        "Total",
        "<5",
        "*",
        "2019",
        "04.11.19",
        "Council",
        "—",
        "é",
        "https://x.org/foi-12",
    ]
)
LETTERS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse_or_none(data: bytes) -> FoiResponse | None:
    try:
        return parse(data, name="prop.txt")
    except FoiparseError:
        return None


def check_spans(r: FoiResponse) -> None:
    text = r.text
    pos = 0
    for block in r.blocks:
        assert block.span == (pos, pos + len(block.text))
        pos = block.span[1]
    assert pos == len(text)
    items: list[tuple[tuple[int, int], str | None]] = []
    if r.authority:
        items.append((r.authority.span, r.authority.name))
    if r.reference:
        items.append((r.reference.span, r.reference.text))
    items += [(e.span, e.cited_as) for e in r.exemptions]
    items += [(t.span, t.text) for t in r.totals]
    items += [(q.span, q.text) for q in (r.request.questions if r.request else ())]
    for span, evidence in items:
        assert 0 <= span[0] <= span[1] <= len(text)
        assert text[span[0] : span[1]] == evidence
    others = [t.span for t in r.tables] + [m.span for m in r.messages]
    others += [a.span for a in r.attachments if a.span is not None]
    for a, b in others:
        assert 0 <= a <= b <= len(text)
    for att in r.attachments:
        if att.span is not None:
            assert att.name == text[att.span[0] : att.span[1]].strip()


@FAST
@given(LETTERS)
def test_blocks_tile_any_text(text: str) -> None:
    blocks = segment(text, split_lines(text))
    assert "".join(b.text for b in blocks) == text


@FAST
@given(LETTERS)
def test_spans_slice_back_and_the_model_round_trips(text: str) -> None:
    r = parse_or_none(text.encode("utf-8"))
    assume(r is not None)
    assert r is not None
    check_spans(r)
    assert from_dict(to_dict(r)) == r
    assert from_dict(orjson.loads(to_json(r))) == r


@FAST
@given(LETTERS)
def test_text_input_renders_back_byte_for_byte(text: str) -> None:
    data = text.encode("utf-8")
    r = parse_or_none(data)
    assume(r is not None)
    assert r is not None
    assert render_bytes(r) == data


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_response_or_a_foiparse_error(data: bytes) -> None:
    r = parse_or_none(data)
    if r is not None:
        check_spans(r)


@FAST
@given(
    st.sampled_from(FIXTURE_BYTES),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    st.integers(0, 10_000),
)
def test_mutated_fixtures_give_a_response_or_a_foiparse_error(
    data: bytes, flips: list[tuple[int, int]], cut: int
) -> None:
    mutated = bytearray(data[: max(1, cut)] if cut < len(data) else data)
    for at, value in flips:
        mutated[at % len(mutated)] = value
    r = parse_or_none(bytes(mutated))
    if r is not None:
        check_spans(r)


# Pages made of the pieces HTML responses are built from, well formed or not.
TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<div class='correspondence incoming'>",
        "<div class='outgoing correspondence'>",
        "</div>",
        "<table>",
        "<tr>",
        "<td colspan='3'>",
        "<td rowspan='2'>",
        "<th>",
        "</td>",
        "</tr>",
        "</table>",
        "<ul><li>",
        "</li></ul>",
        "<a href='/request/x/attach/1/a.pdf'>",
        "</a>",
        "<script>var x = 1;</script>",
        "<nav>Home</nav>",
        "<time datetime='2024-05-04'>4 May 2024</time>",
        "<pre>  a\n  b</pre>",
        "&amp;",
        "&nbsp;",
        "<!-- c -->",
    ]
)
PAGES = st.lists(st.one_of(TAGS, PIECES, st.text(max_size=10)), max_size=60).map(
    lambda parts: "<html><body>" + "".join(parts)
)


@FAST
@given(PAGES)
def test_any_page_gives_grounded_json_or_a_foiparse_error(page: str) -> None:
    try:
        r = parse(page.encode("utf-8"), Options(format="html"), name="prop.html")
    except FoiparseError:
        return
    check_spans(r)
    assert from_dict(orjson.loads(to_json(r))) == r


@FAST
@given(st.binary(max_size=2000))
def test_the_html_reader_raises_only_foiparse_errors(data: bytes) -> None:
    try:
        r = parse(b"<html><body>" + data, Options(format="html"), name="prop.html")
    except FoiparseError:
        return
    check_spans(r)


FILLER = st.lists(
    st.sampled_from(
        [
            "The Council has considered your request.",
            "We can confirm this.",
            "Thank you for writing.",
            "Further details are below.",
            "Please contact us with any questions.",
        ]
    ),
    min_size=0,
    max_size=4,
).map(" ".join)


@FAST
@given(FILLER, st.sampled_from(["section 40(2)", "s.40(2)", "Section 40 (2)", "s40(2)"]), FILLER)
def test_a_planted_exemption_is_found_at_its_exact_span(before: str, cited: str, after: str) -> None:
    text = f"{before}\n\nThe names are withheld under {cited} of the Freedom of Information Act 2000.\n\n{after}\n"
    r = parse(text.encode(), name="plant.txt")
    start = text.index(cited)
    assert [(e.law, e.provision, e.span) for e in r.exemptions] == [("FOIA", "40(2)", (start, start + len(cited)))]


@FAST
@given(FILLER, st.integers(2, 999_999), FILLER)
def test_a_planted_total_is_found_at_its_exact_span(before: str, value: int, after: str) -> None:
    figure = f"{value:,}"
    text = f"{before}\n\nWe received {figure} complaints about noise.\n\n{after}\n"
    r = parse(text.encode(), name="plant.txt")
    start = text.index(figure)
    assert [(t.value, t.span) for t in r.totals] == [(value, (start, start + len(figure)))]


def test_fixture_paths_exist() -> None:
    assert all(Path(p).exists() for p in fixture_files())


def test_a_long_letter_of_figures_is_bounded_and_says_so() -> None:
    r = parse(b"We received 45 complaints and " * 5000, name="long.txt")
    assert len(r.totals) == 1000
    assert [w.code for w in r.warnings] == ["totals_truncated"]
