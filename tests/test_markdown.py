"""Document text in markdown shows what the document says: no HTML, links, emphasis or
structure it did not have, no control characters, and a table row stays one row."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_checks import check_tables, rendered, renderer

from carecompare.markdown import ABSENT, block, cell, details, html_text, inline, table

# Letters and every character markdown or GitHub gives a meaning, with the whitespace,
# control characters and bidi overrides documents carry.
SPECIAL = ["\n", "\n\n", "  ", "\t", "\x1b[31m", "\x07", "\x00", "\u202e", "\u2028", "&copy;"]
SPECIAL += ["http://x.org", "<script>", "</details>", "<!--", "1.", "- ", "> ", "# ", "    "]
ALPHABET = st.sampled_from([*"ab1 .)#-+=*_`~[]()<>!|\\&;:/$@^\"'{}", *SPECIAL])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)

# Tokens that only markup could have made; none may come from document text.
MARKUP_TOKENS = {
    "html_inline",
    "html_block",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "em_open",
    "strong_open",
    "s_open",
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "hr",
    "table_open",
}
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def token_types(markdown: str) -> set[str]:
    types = set()
    for token in renderer().parse(markdown):
        types.add(token.type)
        types.update(child.type for child in token.children or ())
    return types


def words_of(text: str) -> str:
    return " ".join(text.split())


def visible(source: str) -> str:
    """What the reader should see of document text: the same characters, whitespace
    collapsed, controls and escape sequences gone."""
    from carecompare.markdown import clean

    return words_of(clean(source))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_block_text_renders_as_itself_and_makes_no_markup(text):
    markdown = block(text)
    assert not token_types(markdown) & MARKUP_TOKENS, markdown
    tags, shown = rendered(markdown)
    assert set(tags) <= {"p", "br"}
    assert words_of(shown) == visible(text)
    assert not CONTROLS.search(markdown)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_inline_text_is_literal_even_at_the_start_of_a_line(text):
    markdown = inline(text)
    assert "\n" not in markdown
    assert not token_types(markdown) & MARKUP_TOKENS, markdown
    assert words_of(rendered(markdown)[1]) == visible(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_cells_keep_a_table_row_whole(first, second):
    markdown = table(["A", "B"], [[cell(first), cell(second)]])
    report = check_tables(markdown)
    assert report.tables == 1 and report.rows == 2
    assert report.mismatched == [] and report.stray_pipe_lines == []
    types = token_types(markdown) - {"table_open"}
    assert not types & MARKUP_TOKENS, markdown
    cells = [t for t in renderer().parse(markdown) if t.type == "inline"][2:]
    shown = [
        words_of("".join(c.content for c in t.children or () if c.type.startswith("text")))
        for t in cells
    ]
    assert shown == [visible(first) or ABSENT, visible(second) or ABSENT]


def test_specific_escapes():
    assert inline("# heading") == "\\# heading"
    assert inline("1. first") == "1\\. first"
    assert cell("61.2%") == "61.2%"  # a cell never starts a line: no escape needed
    assert inline("a | b") == "a \\| b"
    assert inline("$5 and $10") == "\\$5 and \\$10"  # GitHub would read maths
    assert inline("&copy; & more") == "&amp;copy; & more"
    assert inline("sample_docs/a_b.txt") == "sample_docs/a_b.txt"
    assert inline("_emphasis_") == "\\_emphasis\\_"
    # No GitHub mention; an e-mail address stays as written.
    assert (
        inline("Follow @DerbyCC, or care@derby.gov.uk") == "Follow \\@DerbyCC, or care@derby.gov.uk"
    )
    assert block("one\ntwo\n\nthree") == "one\\\ntwo\n\nthree"


def test_html_text_for_summaries():
    assert html_text('<b>"x"</b> & \x1b[1my') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y"


def test_details_body_is_markdown_and_the_block_closes():
    markdown = details(html_text("Key text"), block("</details> <script>x</script>"))
    tags, shown = rendered(markdown)
    assert "script" not in tags
    assert "</details>" in shown and "<script>x</script>" in shown


def test_table_refuses_a_row_of_the_wrong_width():
    with pytest.raises(ValueError, match="2 cells"):
        table(["A", "B", "C"], [["1", "2"]])
