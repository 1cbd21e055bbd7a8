"""The search index on small documents of our own: AND of the words, the last one as a prefix,
typos, ranking, highlighting, and the API the reader calls."""

from __future__ import annotations

import threading

import pytest

from carecompare.parsers import Document, Section, parse_text
from carecompare.search import SearchIndex
from carecompare.vocabulary import Vocabulary
from carecompare.words import spans_of
from helpers import FIXTURES


def section(title: str, text: str, statement: str | None = None, role: str = "body") -> Section:
    return Section(
        title=title, kind="subsection", line=10, text=text, statement=statement, role=role
    )


def document(council: str, *sections: Section, path: str | None = None) -> Document:
    return Document(
        path=path or f"{council.split()[0].lower()}.txt",
        kind="cqc_assessment",
        council=council,
        sections=tuple(sections),
    )


FILLER = "Staff described their work with partners across the area in some detail. " * 6

DOCUMENTS = [
    document(
        "Kent County Council",
        section(
            "Safeguarding systems",
            "There was a backlog of safeguarding enquiries, which leaders were reducing.",
            "safeguarding",
        ),
        section(
            "Hospital discharge",
            "Discharge from hospital was timely. " + FILLER + "A backlog of reviews remained.",
            "safe_pathways",
        ),
        section(
            "Carers",
            "Unpaid carers could get respite breaks and carers assessments were timely.",
            "assessing_needs",
        ),
    ),
    document(
        "Cornwall Council",
        section(
            "Responding to concerns",
            "Deprivation of Liberty Safeguards (DoLS) applications joined a waiting list; "
            "the waiting list for DoLS was long.",
            "safeguarding",
        ),
        section(
            "Direct payments",
            "People used direct payments flexibly. Direct payments were reviewed yearly.",
            "healthier_lives",
        ),
        section("Page footer", "Safeguarding backlog help and contact details.", role="furniture"),
    ),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(DOCUMENTS)


def where(index: SearchIndex, hit) -> str:
    return index.documents[hit.document].sections[hit.section].title


def titles(index: SearchIndex, query: str) -> list[str]:
    return [where(index, hit) for hit in index.search(query)]


# -- matching ------------------------------------------------------------------------------


def test_every_word_must_be_found(index):
    assert titles(index, "dols waiting") == ["Responding to concerns"]
    assert titles(index, "dols payments") == []


def test_the_last_word_is_a_prefix_as_it_is_typed(index):
    assert titles(index, "direct pay") == ["Direct payments"]
    assert titles(index, "respite br") == ["Carers"]
    # Earlier words are whole words: "resp" begins "respite" but is no word of the index,
    # nor a typo away from one.
    assert titles(index, "resp breaks") == []


def test_a_space_after_the_last_word_finishes_it(index):
    assert titles(index, "direct pay") == ["Direct payments"]
    assert titles(index, "direct pay ") == []


def test_typos_still_find(index):
    assert titles(index, "safegaurding backlgo")[0] == "Safeguarding systems"
    assert titles(index, "hosptial dischrage")[0] == "Hospital discharge"
    assert titles(index, "dircet paymnets") == ["Direct payments"]


def test_a_word_finds_its_plural_and_singular(index):
    assert "Carers" in titles(index, "carer respite ")
    assert "Direct payments" in titles(index, "payment ")


def test_hyphens_and_case_do_not_matter():
    docs = [
        document("York Council", section("Wellbeing", "Their well-being improved.")),
        document("Hull City Council", section("Other", "Short-term support ended.")),
    ]
    index = SearchIndex.build(docs)
    assert titles(index, "WELLBEING") == ["Wellbeing"]
    assert titles(index, "well being") == ["Wellbeing"]
    assert titles(index, "short term") == ["Other"]
    assert titles(index, "shortterm") == ["Other"]


def test_council_and_statement_words_find_a_section_weakly(index):
    # "cornwall" is only in the council's name: Cornwall's DoLS section is found.
    assert titles(index, "cornwall dols") == ["Responding to concerns"]
    # A section that says the word itself ranks above one found by its statement's name.
    ranked = titles(index, "safeguarding")
    assert ranked.index("Safeguarding systems") < ranked.index("Responding to concerns")


def test_nothing_found_for_unknown_words_and_empty_queries(index):
    assert index.search("zzqxv") == []
    assert index.search("") == []
    assert index.search("  ,.; ") == []
    assert index.search("dols", limit=0) == []


# -- ranking -------------------------------------------------------------------------------


def test_words_close_together_rank_first(index):
    docs = [
        document(
            "Leeds City Council",
            section("Far", "Backlog. " + FILLER + FILLER + "Reviews of cases."),
            section("Near", FILLER + "The reviews backlog was cleared. " + FILLER),
        )
    ]
    close = SearchIndex.build(docs)
    assert titles(close, "reviews backlog") == ["Near", "Far"]


def test_words_in_the_title_rank_first():
    docs = [
        document(
            "Bury Council",
            section("Partnerships", "Advocacy was offered to some people."),
            section("Advocacy", "People were offered an advocate when needed."),
        )
    ]
    assert titles(SearchIndex.build(docs), "advoca")[0] == "Advocacy"


def test_words_many_times_rank_first():
    docs = [
        document(
            "Bolton Council",
            section("Once", "Reablement was mentioned. " + FILLER),
            section("Often", "Reablement helped. Reablement grew. Reablement worked. " + FILLER),
        )
    ]
    assert titles(SearchIndex.build(docs), "reablement") == ["Often", "Once"]


def test_page_furniture_ranks_last(index):
    ranked = titles(index, "safeguarding backlog")
    assert ranked[0] == "Safeguarding systems"
    assert ranked[-1] == "Page footer"


def test_a_title_like_the_query_ranks_first():
    docs = [
        document(
            "Brent Council",
            section("Equipment", "Adaptations and equipment were delivered on time."),
            section("Home adaptations", "Adaptations at home took months to arrange."),
        )
    ]
    assert titles(SearchIndex.build(docs), "home adaptations")[0] == "Home adaptations"


def test_hits_are_best_first_and_limited(index):
    hits = index.search("safeguarding", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


# -- highlighting --------------------------------------------------------------------------


def test_snippet_spans_mark_the_matched_words(index):
    [hit] = index.search("dols waiting li")
    marked = [hit.snippet[a:b].casefold() for a, b in hit.snippet_spans]
    assert set(marked) == {"dols", "waiting", "list"}
    assert "\n" not in hit.snippet


def test_text_and_title_spans_mark_the_matched_words_in_place(index):
    [hit] = index.search("direct paym")
    target = index.documents[hit.document].sections[hit.section]
    assert [target.text[a:b] for a, b in hit.text_spans] == [
        "direct",
        "payments",
        "Direct",
        "payments",
    ]
    assert [target.title[a:b] for a, b in hit.title_spans] == ["Direct", "payments"]


def test_typo_hits_mark_the_words_found_not_the_words_typed(index):
    hit = index.search("safegaurding backlgo")[0]
    marked = {hit.snippet[a:b].casefold() for a, b in hit.snippet_spans}
    assert marked == {"safeguarding", "backlog"}


def test_query_terms_highlight_any_text(index):
    terms = index.query_terms("carers respit")
    text = "Carers' respite: carers."
    assert [text[a:b] for a, b in spans_of(text, terms)] == ["Carers", "respite", "carers"]


def test_snippet_is_taken_around_the_match_and_line_is_its_line():
    text = "Opening words here. " * 30 + "The DoLS backlog was long.\n\nMore text."
    parsed = parse_text("# Kirklees Council\n\n## Findings\n\n" + text, "kirklees.md")
    index = SearchIndex.build([parsed])
    [hit] = index.search("dols backlog")
    assert hit.snippet.startswith("… ")
    assert "DoLS backlog" in hit.snippet
    assert hit.line == 5


# -- the API the reader uses ---------------------------------------------------------------


def test_hits_name_documents_and_sections_by_index(index):
    for hit in index.search("safeguarding"):
        assert 0 <= hit.document < len(index.documents)
        assert 0 <= hit.section < len(index.documents[hit.document].sections)
        assert hit.target is index.documents[hit.document].sections[hit.section]


def test_built_in_a_thread_and_searched_from_another():
    built: list[SearchIndex] = []
    worker = threading.Thread(target=lambda: built.append(SearchIndex.build(DOCUMENTS)))
    worker.start()
    worker.join()
    [index] = built
    results: list[list[str]] = []
    searchers = [
        threading.Thread(target=lambda: results.append(titles(index, "dols waiting l")))
        for _ in range(4)
    ]
    for searcher in searchers:
        searcher.start()
    for searcher in searchers:
        searcher.join()
    assert results == [["Responding to concerns"]] * 4


def test_the_index_does_not_change_while_searched(index):
    before = [(h.document, h.section, h.score) for h in index.search("safeguarding backlog")]
    for query in ["s", "sa", "saf", "safeguarding b", "zz", "dols"]:
        index.search(query)
    after = [(h.document, h.section, h.score) for h in index.search("safeguarding backlog")]
    assert after == before


def test_an_index_of_nothing_finds_nothing():
    index = SearchIndex.build([])
    assert len(index) == 0
    assert index.search("care") == []


def test_a_document_parsed_from_our_fixture_is_searchable():
    parsed = parse_text((FIXTURES / "york-safeguarding-pdf.txt").read_text(), "york.txt")
    index = SearchIndex.build([parsed])
    hit = index.search("making safeguarding personal")[0]
    assert where(index, hit) == "Making safeguarding personal"


def test_vocabulary_prefix_and_typo_lookup():
    vocabulary = Vocabulary(["backlog", "backlogs", "back", "dols"], [3, 1, 5, 2])
    assert {vocabulary.terms[t] for t, _ in vocabulary.expand("backl", True)} == {
        "backlog",
        "backlogs",
    }
    (term, quality), *others = vocabulary.expand("backlgo", False)
    assert vocabulary.terms[term] == "backlog" and quality < 1
    assert {vocabulary.terms[t] for t, _ in others} == {"backlogs"}
    assert vocabulary.expand("dols", False)[0] == (3, 1.0)
    assert vocabulary.expand("xyz", True) == ()


def test_a_document_without_words_can_be_searched():
    # Found by the property tests: no section held a word, and the index divided by zero.
    from carecompare.parsers import parse_text
    from carecompare.search import SearchIndex

    index = SearchIndex.build([parse_text(":", "colon.txt")])
    assert index.search("safeguarding", 5) == []
