"""The benchmark's generated inputs (benchmarks/corpus.py): distinct, yet the same kind of letter as the fixture."""

from __future__ import annotations

import re

from conftest import FIXTURES, ROOT, SEED, load_script
from foiparse import parse

CORPUS = load_script(ROOT / "benchmarks" / "corpus.py")


def test_generated_letters_all_differ_in_their_text_not_by_a_marker() -> None:
    letters = CORPUS.letters(3 * len(CORPUS.text_fixtures()) + 5)
    assert len(set(letters)) == len(letters)
    assert not [letter for letter in letters if b"BENCH-" in letter]  # the fallback for a fixture with no figures


def test_varying_a_letter_changes_its_figures_but_not_their_widths_or_the_law_it_cites() -> None:
    text = SEED.read_text(encoding="utf-8")
    varied = CORPUS.vary(text, 3)
    assert varied != text
    assert [len(d) for d in re.findall(r"\d+", varied)] == [len(d) for d in re.findall(r"\d+", text)]
    assert "Section 21 of the FOIA" in varied
    assert "Freedom of Information Act 2000" in varied
    assert "– 259." not in varied


def test_varied_word_letter_and_email_still_parse_to_the_same_shape() -> None:
    word = (FIXTURES / "docx-council-letter.docx").read_bytes()
    mail = (FIXTURES / "eml-reply-with-attachment.eml").read_bytes()
    for original, varied, name in (
        (word, CORPUS.vary_docx(word, 5), "letter.docx"),
        (mail, CORPUS.vary_eml(mail, 5), "reply.eml"),
    ):
        before, after = parse(original, name=name), parse(varied, name=name)
        assert varied != original
        assert after.text != before.text
        assert len(after.tables) == len(before.tables)
        assert [e.provision for e in after.exemptions] == [e.provision for e in before.exemptions]
