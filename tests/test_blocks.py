"""Blocks: the three layouts of input text, and reflowing lines into paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from carecompare.parsers.blocks import classify, classify_all, segment
from carecompare.parsers.clean import clean_lines


def blocks_of(text: str):
    return segment(clean_lines(text))


def test_web_text_has_one_paragraph_per_line():
    text = "A heading\nFirst paragraph is a long line of prose.\nSecond paragraph, also prose.\n"
    segments = blocks_of(text)
    assert segments.layout == "unwrapped"
    assert [b.text for b in segments.blocks] == [
        "A heading",
        "First paragraph is a long line of prose.",
        "Second paragraph, also prose.",
    ]


def test_wrapped_text_joins_lines_and_breaks_at_blank_lines():
    text = (
        "The council told us that most people were seen within four weeks of\n"
        "asking for an assessment, although some waited much longer than\n"
        "that during the winter.\n\n"
        "A second paragraph begins here and carries on over the next\n"
        "line as wrapped text does.\n"
    )
    segments = blocks_of(text)
    assert segments.layout == "wrapped"
    assert len(segments.blocks) == 2
    assert segments.blocks[0].text.endswith("much longer than that during the winter.")


def test_double_spaced_pdf_text_joins_across_single_blank_lines():
    lines = [
        "Staff told us they had the training they needed to carry out their",
        "safeguarding duties and felt positive about how waiting lists had come",
        "down over the year, and partners agreed that the position had improved.",
        "The safeguarding board met every quarter with good attendance from its",
        "partners and an independent chair who challenged the local authority.",
        "",
        "",
        "A new paragraph after two blank lines begins here and then it carries",
        "on over a second line as wrapped text does in these documents today.",
        "Short last line.",
    ]
    text = "\n\n".join(lines)
    segments = blocks_of(text)
    assert segments.layout == "double"
    assert segments.blocks[0].text.startswith("Staff told us")
    assert "safeguarding duties" in segments.blocks[0].text
    assert any(b.text.startswith("A new paragraph") for b in segments.blocks)


def test_hyphen_at_line_end_joins_without_a_space():
    text = "the multi-\nagency team met every week and the self-\ndirected support team too\n"
    segments = blocks_of(text)
    assert "multi-agency team" in segments.blocks[0].text
    assert "self-directed" in segments.blocks[0].text


def test_list_items_and_table_rows_stay_on_their_own_lines():
    text = (
        "Our aims for the year ahead were these, agreed with partners in the\n"
        "spring and reviewed in the autumn by the board\n"
        "- fewer waits\n- more carers supported\n\n"
        "Key Measures 2011/12 2012/13\n"
        "People who feel safe 64.7% 66.4%\n"
        "People satisfied with care 63.4% 59.4%\n"
    )
    segments = blocks_of(text)
    texts = [b.text for b in segments.blocks]
    assert "- fewer waits\n- more carers supported" in texts
    assert any("64.7% 66.4%\nPeople satisfied" in t for t in texts)


def test_line_map_points_at_input_lines():
    text = "\n\nFirst line of a paragraph that goes on\nand on to a second line\n"
    block = blocks_of(text).blocks[0]
    reflowed, line_map = block.reflowed
    assert line_map[0] == (0, 3)
    assert line_map[1][1] == 4
    assert reflowed[line_map[1][0] :].startswith("and on")


def test_separators_and_markdown_heading_marks_are_not_words():
    segments = blocks_of("## Heading ##\n\n---\n\ntext")
    assert [b.text for b in segments.blocks] == ["Heading", "text"]
    assert segments.blocks[0].first.heading == 2


LINE_PIECES = st.sampled_from(
    ["a", "Z", " ", "\t", "x.", "b)", "1.", "12)", "- ", "*", "---", "# ", "## T", "•", "(", "é"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(LINE_PIECES, max_size=6).map("".join), max_size=12))
def test_classify_all_agrees_with_classify(cleaned):
    # classify_all makes plain lines itself; it must make the very lines classify does.
    expected = [classify(number, text) for number, text in enumerate(cleaned, start=1)]
    found = classify_all(cleaned)
    assert found == expected
    assert [type(line) for line in found] == [type(line) for line in expected]
