"""Saved web pages: the samples saved as pages parse as their texts do; the page's chrome goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import CHROME_WORDS, html_from_text, plain_text

from carecompare.corpus import load_corpus
from carecompare.parsers import LoadError, expand_paths, parse_bytes, parse_file, parse_text
from carecompare.parsers.readers.html import read_html
from carecompare.samples import sample_paths
from helpers import FIXTURES, section_words, words

FACTS = ("kind", "council", "published", "period", "rating", "indicative", "scores", "judgements")
SAMPLES = [Path(p) for p in sample_paths()]
TEXTS = SAMPLES + sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
"""The samples (the seed documents) and the text fixtures in the shapes other councils use."""


def read(markup: str) -> str:
    return read_html(Path("page.html"), markup.encode())


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("sample", TEXTS, ids=lambda p: p.name)
def test_a_saved_document_parses_as_its_text(sample):
    text = sample.read_text(encoding="utf-8")
    expected = parse_text(text, str(sample))
    document = parse_bytes(html_from_text(text).encode(), sample.with_suffix(".html"))
    assert {fact: getattr(document, fact) for fact in FACTS} == {
        fact: getattr(expected, fact) for fact in FACTS
    }
    source = words(plain_text(text))
    assert sum((source & section_words(document)).values()) / sum(source.values()) >= 0.98
    everything = " ".join(s.title + " " + s.text for s in document.sections)
    assert [phrase for phrase in CHROME_WORDS if phrase in everything] == []


def test_a_saved_overview_page_gives_the_rating_and_the_nine_scores():
    document = parse_file(FIXTURES / "saved-overview-page.html")
    assert document.kind == "cqc_assessment"
    assert document.council == "Wakefield Council"
    assert document.published.isoformat() == "2024-07-12"
    assert document.rating == "Requires improvement"
    assert document.scores == {
        "assessing_needs": 2,
        "healthier_lives": 2,
        "equity": 3,
        "care_provision": 2,
        "partnerships": 3,
        "safe_pathways": 2,
        "safeguarding": 1,
        "governance": 2,
        "learning": 3,
    }
    text = " ".join(s.title + " " + s.text for s in document.sections)
    for chrome in ("This site uses cookies", "Find and compare services", "Search this website",
                   "Breadcrumb", "Privacy notice", "GTM-ABCD", "schema.org", "narrow"):  # fmt: skip
        assert chrome not in text
    assert "people’s care and treatment" in text  # &rsquo;
    assert "£366,184,000" in text  # &pound;


def test_a_saved_statement_page_gives_its_statement_score_and_findings():
    document = parse_file(FIXTURES / "saved-statement-page.html")
    assert (document.kind, document.council) == ("cqc_assessment", "Leeds City Council")
    assert document.published.isoformat() == "2024-10-04"
    assert document.scores == {"safeguarding": 3}
    findings = [s.title for s in document.sections if s.role == "finding"]
    assert "Making safeguarding personal" in findings
    assert "Safeguarding systems, processes and practices" in findings
    text = " ".join(s.title + " " + s.text for s in document.sections)
    assert "thresholds were clear & applied consistently" in text
    assert "What a Section 42 enquiry is" in text  # <details> is content
    for chrome in ("Cookies on the CQC website", "Give feedback on care", "On this page",
                   "Print this page", "Ensuring safety", "dataset.ready"):  # fmt: skip
        assert chrome not in text


def test_headings_lists_paragraphs_and_breaks_become_lines():
    text = read(
        page(
            "<h2>Key findings</h2><p>First   paragraph,\n spread over\tlines.</p>"
            "<ul><li>one</li><li>two <em>items</em><ul><li>nested</li></ul></li></ul>"
            "<p>line one<br>line two</p><h3>Next <a href='#'>heading</a></h3>"
            "<table><tr><th>Measure</th><th>2023</th></tr><tr><td>Waits</td><td>62</td></tr></table>"
            "<dl><dt>Assessment published:</dt><dd>1 May 2024</dd></dl>"
        )
    )
    assert text.splitlines() == [
        "## Key findings",
        "",
        "First paragraph, spread over lines.",
        "",
        "- one",
        "- two items",
        "- nested",
        "",
        "line one",
        "line two",
        "",
        "### Next heading",
        "",
        "Measure 2023",
        "Waits 62",
        "",
        "Assessment published: 1 May 2024",
    ]


def test_scripts_styles_and_hidden_things_are_dropped_and_entities_decoded():
    text = read(
        page(
            "<script>var x = '<p>not text</p>';</script><style>p { color: red }</style>"
            "<noscript>Turn on JavaScript</noscript><template><p>later</p></template>"
            "<div hidden>hidden attribute</div><div style='display:none'>display none</div>"
            "<p aria-hidden='true'>decoration</p><svg><text>chart label</text></svg>"
            "<form><label>Name</label><input value='typed'><button>Send</button></form>"
            "<p>Fish &amp; chips &rsquo;n&#8217; &#163;5 &lt;b&gt;</p>",
            head="<script>head script</script><style>h1 { margin: 0 }</style>",
        )
    )
    assert text.strip() == "Name\n\nFish & chips ’n’ £5 <b>"


def test_the_sites_header_and_footer_go_but_an_articles_stay():
    text = read(
        page(
            "<header>Site banner</header><nav>Menu</nav>"
            "<main><article><header><h1>Derby City Council: local authority assessment</h1>"
            "</header><p>Body.</p><footer>Report footer</footer></article></main>"
            "<footer>Site footer</footer><div class='cookie-banner'>We use cookies</div>"
        )
    )
    assert "Site banner" not in text and "Site footer" not in text
    assert "Menu" not in text and "We use cookies" not in text
    assert "# Derby City Council: local authority assessment" in text
    assert "Report footer" in text


def test_a_page_named_only_by_its_title_keeps_the_title():
    text = read(page("<p>Score: 2</p>", head="<title>Derby City Council: safeguarding</title>"))
    assert text.splitlines()[0] == "# Derby City Council: safeguarding"


def test_a_windows_1252_page_is_decoded():
    data = page("<p>People’s care – £5</p>").encode("cp1252")
    assert "People’s care – £5" in read_html(Path("old.htm"), data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (page("<script>only()</script><nav>Home</nav>").encode(), "the page has no text"),
        (b"\x00\x01\x02binary\x00" * 50, "binary data, not a text document"),
        (
            page("<div>" * 5000 + "deep" + "</div>" * 5000).encode(),
            "the page's elements are nested too deeply to read",
        ),
    ],
    ids=["only-chrome", "binary", "nested-too-deeply"],
)
def test_a_page_without_text_gets_a_clear_message(data, reason):
    with pytest.raises(LoadError) as raised:
        read_html(Path("bad.html"), data)
    assert str(raised.value).startswith(f"bad.html: {reason}")


def test_a_saved_pages_files_folder_is_not_read_as_documents(tmp_path):
    (tmp_path / "Derby.html").write_text(page("<h1>Derby City Council</h1><p>Safeguarding.</p>"))
    parts = tmp_path / "Derby_files"
    parts.mkdir()
    (parts / "frame.html").write_text(page("<p>An advert in a frame.</p>"))
    (parts / "app.js").write_text("console.log(1)")
    other = tmp_path / "notes_files"  # no page of that name beside it: an ordinary folder
    other.mkdir()
    (other / "kept.md").write_text("# Notes\n\nSafeguarding notes.\n")
    found = [Path(path).relative_to(tmp_path).as_posix() for path, _ in expand_paths([tmp_path])]
    assert found == ["Derby.html", "notes_files/kept.md"]


def test_html_with_scripts_among_good_files_loads_with_the_rest(tmp_path):
    (tmp_path / "a.html").write_text(page("<script>alert('x')</script><p>Leeds City Council.</p>"))
    (tmp_path / "b.html").write_text(page("<script>alert('only a script')</script>"))
    (tmp_path / "c.md").write_text("# Derby City Council\n\nText.\n")
    corpus = load_corpus([str(tmp_path)], use_cache=False, workers=1)
    assert [Path(d.path).name for d in corpus.documents] == ["a.html", "c.md"]
    assert [Path(f.path).name for f in corpus.failures] == ["b.html"]
    assert "alert" not in corpus.documents[0].sections[0].text
