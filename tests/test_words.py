"""Words as search sees them: the fast form used to index and the form with offsets used to
highlight must agree, whatever the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from carecompare.words import compound_spans, query_words, spans_of, terms, word_spans


def test_case_punctuation_and_quotes_are_ignored():
    words, _ = terms("‘Safeguarding’ backlogs, (DoLS) — “waiting list”!")
    assert words == ["safeguarding", "backlogs", "dols", "waiting", "list"]


def test_apostrophes_inside_a_word_join_it():
    words, _ = terms("People’s views and the carers' group didn't")
    assert words == ["peoples", "views", "and", "the", "carers", "group", "didnt"]


def test_hyphenated_words_give_their_parts_and_the_joined_word():
    words, joined = terms("Joined-Up-Care and well-being, not a - dash")
    assert words == ["joined", "up", "care", "and", "well", "being", "not", "a", "dash"]
    assert joined == ["joinedupcare", "wellbeing"]


def test_query_words_are_each_kept_once_in_order():
    assert query_words("Care  care-home CARE!") == ["care", "home"]
    assert query_words("  ... ") == []


def test_word_spans_point_at_the_words():
    text = "The carers’ group met twice."
    assert [(s.term, text[s.start : s.end]) for s in word_spans(text)] == [
        ("the", "The"),
        ("carers", "carers"),
        ("group", "group"),
        ("met", "met"),
        ("twice", "twice"),
    ]


def test_spans_of_finds_wanted_words_and_whole_compounds():
    text = "Well-being matters; wellbeing and being well."
    spans = spans_of(text, {"wellbeing"})
    assert [text[a:b] for a, b in spans] == ["Well-being", "wellbeing"]
    assert [text[a:b] for a, b in spans_of(text, {"being"})] == ["being", "being"]


def test_compound_spans_joined_form():
    [span] = list(compound_spans("a short-term plan"))
    assert (span.term, span.start, span.end) == ("shortterm", 2, 12)


_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 -'’,.\n_éÉ“”()İß–£•")),
    max_size=80,
)


@given(_TEXT)
def test_indexed_words_are_the_words_highlighting_finds(text):
    """`terms` (fast, no offsets) and `word_spans` (offsets) give the same words in the same
    order, so a word's position in the index is its position in the text."""
    words, joined = terms(text)
    assert words == [span.term for span in word_spans(text)]
    assert sorted(joined) == sorted(span.term for span in compound_spans(text))


@given(_TEXT, st.sets(st.sampled_from(["abc", "xyz", "a", "019", "éé", "abcxyz"])))
def test_spans_of_marks_exactly_the_wanted_words(text, wanted):
    spans = spans_of(text, wanted)
    plain = [(s.start, s.end) for s in word_spans(text) if s.term in wanted]
    joined = [(s.start, s.end) for s in compound_spans(text) if s.term in wanted]
    covered = {i for a, b in spans for i in range(a, b)}
    assert all(i in covered for a, b in plain + joined for i in range(a, b))
    assert spans == sorted(spans)
