"""Every word of a document lands in some section, for any text at all."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carecompare.parsers import parse_file, parse_text
from carecompare.parsers.clean import normalise
from carecompare.samples import sample_paths
from helpers import FIXTURES, missing_words, words

HEADINGY = st.sampled_from(
    [
        "Safeguarding",
        "Score: 2",
        "# Score: 3",
        "Indicative score:",
        "2 - Evidence shows some shortfalls",
        "What people expect",
        "Key findings for this quality statement",
        "Making safeguarding personal",
        "Theme 3: How the local authority ensures safety within the system",
        "Derbyshire County Council: local authority assessment",
        "How does Derby City Council safeguard adults whose circumstances make them vulnerable"
        " and protect them from harm?",
        "The experiences and progress of children in care and care leavers requires"
        " improvement to be good.",
        "© Care Quality Commission",
        "---",
        "- a list item",
        "",
    ]
)
LINES = st.lists(st.one_of(HEADINGY, st.text(max_size=80)), max_size=40)


def _check(text: str) -> None:
    document = parse_text(text)
    assert not missing_words(normalise(text), document)
    for section in document.sections:
        assert section.kind in ("theme", "statement", "subsection", "section")
        assert section.line >= 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(LINES, st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_parsing_any_text_never_raises_and_keeps_every_word(lines, separator):
    _check(separator.join(lines))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text):
    _check(text)


def test_samples_and_fixtures_keep_every_word():
    # Text fixtures only: a saved page's markup is not its words (test_html checks those).
    texts = [str(p) for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md")]
    for path in [*sample_paths(), *texts]:
        document = parse_file(path)
        with open(path, encoding="utf-8") as file:
            source = normalise(file.read())
        lost = missing_words(source, document)
        # Markup words that are not document words: inline <u> tags.
        lost.pop("u", None)
        assert not lost, f"{path}: lost {dict(lost)}"
        assert sum(words(source).values()) > 0


def test_stars_inside_a_word_part_its_words():
    # Found by hypothesis: '0**0' lost both zeros when emphasis markers were dropped.
    _check("0**0 and foo**bar**baz")
    assert "0 0" in parse_text("x 0**0 y").sections[0].text
