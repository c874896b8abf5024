"""Labels by example: each row a label as authorities write it, its canonical key and the rules used."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foiparse.collate import labels
from foiparse.collate.labels import Label, canonical, is_total

# (label, key, rules)
EXAMPLES: list[tuple[str, str, tuple[str, ...]]] = [
    ("incident", "incident", ()),
    ("Incident", "incident", ("case",)),
    ("Incidents", "incident", ("case", "plural")),
    ("Number of incidents", "incident", ("case", "plural", "filler")),
    ("Total number of incidents", "incident", ("case", "plural", "filler")),
    ("No. of Incidents*", "incident", ("punctuation", "case", "abbreviation", "plural", "filler")),
    ("No of incidents", "incident", ("case", "abbreviation", "plural", "filler")),
    ("Num. of incidents", "incident", ("case", "abbreviation", "plural", "filler")),
    ("Incident number", "incident number", ("case",)),  # "number" alone is not a filler: it may be an ID
    ("Incident no.", "incident number", ("case", "abbreviation")),
    ("# of incidents", "incident", ("abbreviation", "plural", "filler")),
    ("INCIDENTS (1)", "incident", ("punctuation", "case", "plural")),
    ("Incidents [2]", "incident", ("punctuation", "case", "plural")),
    ("Incidents†", "incident", ("punctuation", "case", "plural")),
    ("Cyber attack¹", "attack cyber", ("punctuation", "case", "word order")),
    ("Cyber attacks", "attack cyber", ("case", "plural", "word order")),
    ("Cyber-attacks", "attack cyber", ("case", "punctuation", "plural", "word order")),
    ("Cyberattacks", "attack cyber", ("case", "plural", "synonym", "word order")),
    ("Cyber security training", "cyber security training", ("case",)),
    ("Devices lost or stolen", "device lost stolen", ("case", "plural", "filler")),
    ("Lost or stolen devices", "device lost stolen", ("case", "plural", "filler", "word order")),
    ("Lost/stolen devices", "device lost stolen", ("case", "punctuation", "plural", "word order")),
    ("Lost & stolen devices", "device lost stolen", ("case", "punctuation", "plural", "filler", "word order")),
    ("Lost device", "device lost", ("case", "word order")),
    ("Stolen device", "device stolen", ("case", "word order")),
    ("Expenditure (£)", "pound spend", ("case", "punctuation", "synonym", "word order")),
    ("Spending £", "pound spend", ("case", "punctuation", "synonym", "word order")),
    ("Cost", "spend", ("case", "synonym")),
    ("Number of employees", "staff", ("case", "plural", "synonym", "filler")),
    ("Members of staff", "staff", ("case", "plural", "synonym")),
    ("Staff members", "staff", ("case", "plural", "synonym")),
    ("Personnel", "staff", ("case", "synonym")),
    ("Pupils", "student", ("case", "plural", "synonym")),
    ("Children's services", "child service", ("case", "punctuation", "plural")),
    ("Childrens services", "child service", ("case", "plural")),
    ("People", "person", ("case", "plural")),
    ("Knives seized", "knife seized", ("case", "plural")),
    ("Policies", "policy", ("case", "plural")),
    ("Addresses", "address", ("case", "plural")),
    ("Boxes", "box", ("case", "plural")),
    ("Searches", "search", ("case", "plural")),
    ("Status", "status", ("case",)),
    ("Analysis", "analysis", ("case",)),
    ("Premises", "premises", ("case",)),
    ("Bus", "bus", ("case",)),
    ("Dept.", "department", ("case", "abbreviation")),
    ("Govt depts", "department government", ("case", "abbreviation", "plural", "word order")),
    ("Approx. cost", "approximate spend", ("case", "abbreviation", "synonym")),
    ("Info requests", "information request", ("case", "abbreviation", "plural")),
    ("FOI requests", "freedom information request", ("case", "abbreviation", "plural", "filler")),
    ("Freedom of Information requests", "freedom information request", ("case", "plural", "filler")),
    ("E-mails", "email", ("case", "punctuation", "plural", "synonym")),
    ("WTE", "equivalent full time", ("case", "abbreviation", "synonym", "word order")),
    ("Full-time equivalent", "equivalent full time", ("case", "punctuation", "word order")),
    ("Ref No.", "number reference", ("case", "abbreviation", "word order")),
    ("No", "no", ("case",)),  # the answer, not an abbreviation
    ("Yes/No", "no yes", ("case", "punctuation", "word order")),
    ("Grade A", "a grade", ("case", "word order")),
    ("A&E attendances", "a attendance e", ("case", "punctuation", "plural", "filler", "word order")),
    ("Section 40(2)", "2 40 section", ("case", "punctuation", "word order")),
    ("Section 40 (2)", "2 40 section", ("case", "punctuation", "word order")),  # after a number: not a footnote
    ("<5 years", "5 under year", ("punctuation", "plural", "word order")),
    (">5 years", "5 over year", ("punctuation", "plural", "word order")),
    ("65+", "65 over", ("punctuation", "filler")),  # "65 and over"
    ("1+1", "1 1 plus", ("punctuation", "word order")),
    ("18 to 24", "18 24", ("filler",)),
    ("Percentage of staff", "percent staff", ("case", "synonym", "filler")),
    ("% of staff", "percent staff", ("punctuation", "filler")),
    ("£1,000 - £5,000", "1000 5000 pound pound", ("punctuation", "word order")),
    ("Total", "total", ("case",)),
    ("TOTAL:", "total", ("case", "punctuation")),
    ("Totals", "total", ("case", "plural")),
    ("Grand total", "total", ("case", "synonym")),
    ("Overall", "total", ("case", "synonym")),
    ("All", "total", ("case", "synonym")),
    ("Sum", "total", ("case", "synonym")),
    ("Total cost", "spend total", ("case", "synonym", "word order")),
    # a step that would leave nothing is not applied
    ("Number of", "number of", ("case",)),
    ("The", "the", ("case",)),
    ("***", "***", ()),
    ("(1)", "1", ("punctuation",)),
    ("  Spaced   out  ", "out spaced", ("case", "word order")),  # white space alone is no rule
    ("", "", ()),
]


@pytest.mark.parametrize(("text", "key", "rules"), EXAMPLES, ids=[e[0] or "empty" for e in EXAMPLES])
def test_a_label_gets_its_canonical_key_and_the_rules_that_made_it(text: str, key: str, rules: tuple[str, ...]) -> None:
    assert canonical(text) == Label(key, rules)


# Wordings that name one thing: each group must share one key.
SAME: list[list[str]] = [
    [
        "Number of incidents",
        "No. of incidents",
        "No of Incidents",
        "INCIDENTS",
        "Incidents*",
        "incidents (1)",
        "# of incidents",
    ],
    ["Number of breaches", "Total number of breaches", "Breaches recorded", "Reported breaches", "The breaches"],
    [
        "Lost or stolen devices",
        "Devices lost or stolen",
        "Lost/stolen devices",
        "Lost & stolen device",
        "Devices - lost/stolen",
    ],
    ["Cyber attacks", "Cyber-attack", "cyberattacks", "Cyber Attack¹"],
    ["Total spend", "Total expenditure", "Total cost", "TOTAL COSTS", "Total spending"],
    ["Number of staff", "No. of employees", "Staff", "Members of staff", "Personnel"],
    ["Total", "TOTAL", "Grand total", "Grand Total:", "Totals", "All", "Overall", "Sum"],
    ["65+", "65 and over", "65 & over", "65 +"],
    ["18-24", "18 to 24", "18 – 24", "18 - 24"],
    ["% of staff", "Percentage of staff", "Staff (per cent)", "Staff %"],
    ["Requests for information", "Information requests", "Info. requests", "Requests for info"],
]


@pytest.mark.parametrize("group", SAME, ids=[g[0] for g in SAME])
def test_wordings_of_one_thing_share_a_key(group: list[str]) -> None:
    assert len({canonical(text).key for text in group}) == 1, {text: canonical(text).key for text in group}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cyber attack", "Cyber security training"),
        ("Lost device", "Stolen device"),
        ("Lost device", "Lost or stolen device"),
        ("Incidents", "Breaches"),  # every breach is an incident, not every incident a breach
        ("Incidents", "Incidents reported to the ICO"),
        ("Cost", "Cost (£)"),
        ("Cost (£)", "Cost (£000)"),
        ("Under 18", "Over 18"),
        ("<5", ">5"),
        ("Grade A", "Grade B"),
        ("Grade A", "Grade"),
        ("Section 40(1)", "Section 40(2)"),
        ("No", "Number"),
        ("Social workers", "Staff"),
        ("All other incidents", "All incidents"),
        ("Total incidents", "Total"),
    ],
)
def test_different_things_keep_different_keys(a: str, b: str) -> None:
    assert canonical(a).key != canonical(b).key


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Total", True),
        ("TOTAL", True),
        ("Grand total", True),
        ("Overall total", True),
        ("Sum total", True),
        ("Totals:", True),
        ("All", True),
        ("Total*", True),
        ("Total incidents", False),  # a label that counts something, whatever the table does with it
        ("Subtotal", False),
        ("All other", False),
        ("Overall satisfaction", False),
        ("Incidents", False),
    ],
)
def test_a_total_row_or_column_is_recognised_by_its_label_alone(text: str, total: bool) -> None:
    assert is_total(canonical(text)) is total


# Singular/plural pairs of FOI vocabulary, irregular ones included: plural variants must meet.
PAIRS = [
    ("incident", "incidents"),
    ("breach", "breaches"),
    ("device", "devices"),
    ("laptop", "laptops"),
    ("policy", "policies"),
    ("complaint", "complaints"),
    ("request", "requests"),
    ("address", "addresses"),
    ("box", "boxes"),
    ("officer", "officers"),
    ("vehicle", "vehicles"),
    ("child", "children"),
    ("person", "people"),
    ("knife", "knives"),
    ("analysis", "analyses"),
    ("search", "searches"),
    ("referral", "referrals"),
    ("crime", "crimes"),
    ("stop", "stops"),
    ("fine", "fines"),
    ("camera", "cameras"),
    ("virus", "viruses"),
]
FILLERS = ["number of", "the", "No. of", "total number of", "recorded", "in", "for"]


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4, unique=True),
    st.data(),
)
def test_case_punctuation_plural_and_filler_variants_of_a_word_list_share_a_key(
    pairs: list[tuple[str, str]], data: st.DataObject
) -> None:
    plain = " ".join(singular for singular, _ in pairs)
    words = []
    for singular, plural in pairs:
        word = data.draw(st.sampled_from([singular, plural]))
        word = data.draw(st.sampled_from([word, word.upper(), word.title()]))
        words.append(word + data.draw(st.sampled_from(["", "*", "¹", "/", " -", ",", " &"])))
    words = data.draw(st.permutations(words))
    text = data.draw(st.sampled_from(["", *FILLERS])) + " " + " ".join(words)
    assert canonical(text).key == canonical(plain).key


@settings(max_examples=500)
@given(
    st.text(max_size=60)
    | st.lists(
        st.sampled_from(
            [
                *labels.vocabulary().expansions,
                *labels.vocabulary().synonym_of,
                "of",
                "no",
                "the",
                "total",
                "and",
                "staff",
                "member",
                "Incidents",
                "A",
                "&",
                "-",
                "(1)",
                "Grand",
                "number",
                "mail",
                "e",
            ]
        ),
        max_size=6,
    ).map(" ".join)
    | st.lists(
        st.sampled_from(["number", "of", "total", "e", "mail", "grand", "the", "no", "staff", "member"]), max_size=4
    ).map(" ".join)
)
def test_canonical_is_idempotent_on_its_key_and_never_empties_a_label(text: str) -> None:
    found = canonical(text)
    assert canonical(found.key).key == found.key
    assert bool(found.key) == bool(text.strip())


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Total number of", "total"),  # sorted: "number of total", then "number of" is a filler
        ("mail the e", "email"),  # sorted: "e mail", then a synonym
        ("Of no", "no"),
    ],
)
def test_a_key_is_settled_even_when_sorting_brings_a_phrase_together(text: str, key: str) -> None:
    assert canonical(text).key == key
    assert canonical(key).key == key


def test_every_vocabulary_target_is_a_fixed_point_so_keys_are_stable() -> None:
    vocab = labels.vocabulary()
    for variant, target in vocab.synonym_of.items():
        assert canonical(variant).key == canonical(target).key, variant
    for word in vocab.invariant:
        assert canonical(word).key == word
    for plural, singular in vocab.irregular.items():
        assert canonical(plural).key == canonical(singular).key, plural


def test_the_vocabulary_file_is_what_the_labels_use() -> None:
    with open(labels._VOCABULARY, "rb") as fh:
        assert labels.build(tomllib.load(fh)) == labels.vocabulary()
