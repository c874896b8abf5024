"""The outcome's reading of stock text looks only for the kinds it keeps: the same statements as reading it all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from foiparse import parse
from foiparse.extract import outcome

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.txt"))
LETTERS = [
    # "refused" beside a neither-confirm-nor-deny, in stock text: a weak word made NCND's reasoning
    "Dear Ms Smith\n\nThank you for your request.\n\nYours sincerely\n\nWe neither confirm nor deny whether the "
    "information is held. To confirm it would be exempt, so the request is refused.\n",
    # stock text holding a pointer, a fee and a promise: kinds the reading of stock text drops
    "Dear Sir\n\nYour request has been considered.\n\nIf you are unhappy, please find attached our complaints "
    "procedure. A fee of £10 is payable. We will respond by 3 May. We have no information we can provide.\n",
    # quoted questions: a weak statement under one marks its part as said something of
    "Dear Mr Baptiste,\n\nThank you for your email. Each of your questions is set out below, followed by our "
    "answer.\n\nQ1. How many cars did the Council buy in 2023?\nPlease see below.\n\nQ2. How many bicycles did "
    "the Council buy in 2023?\nPlease see below.\n\nQ3. How many vans did the Council buy in 2023?\nPlease see "
    "below.\n\nYours sincerely\n\nJo Bloggs\n",
]


def _compare(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every reading that keeps some kinds also read everything, and check the kept kinds agree."""
    real = outcome._statements
    checked: list[int] = []

    def both(*args: Any, **kwargs: Any) -> list[outcome.Statement]:
        got = real(*args, **kwargs)
        kept = args[6] if len(args) > 6 else kwargs.get("kept")
        if kept is not None:
            everything = real(*args[:6])
            assert [s for s in got if s.kind in kept] == [s for s in everything if s.kind in kept]
            checked.append(len(everything))
        return got

    monkeypatch.setattr(outcome, "_statements", both)
    return checked


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_stock_text_read_for_strong_statements_gives_those_of_reading_it_all(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compare(monkeypatch)
    parse(path.read_bytes(), name=path.name)


@pytest.mark.parametrize("text", LETTERS)
def test_weak_statements_in_stock_text_are_not_looked_for(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = _compare(monkeypatch)
    parse(text.encode(), name="letter.txt")
    assert checked  # the stock text was read for strong statements
