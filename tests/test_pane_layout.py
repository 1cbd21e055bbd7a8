"""The panes as lines: wrapping, alignment of rows across columns, and safe text."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from reader_fixtures import three_councils
from rich.cells import cell_len

from carecompare.align import align
from carecompare.metric_align import align_metrics
from carecompare.parsers.clean import safe_text
from carecompare.reading import place_figures, statement_rows
from carecompare.tui.pane_layout import (
    EMPTY_CELL,
    build_layout,
    column_widths,
    columns_per_page,
    highlight_terms,
    mark_terms,
    wrap,
    wrap_spans,
)
from helpers import words


def line_text(line) -> str:
    return "".join(text for text, _role in line)


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.integers(2, 60)
)
def test_wrap_keeps_every_word_and_the_width(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    joined = " ".join(lines)
    # Cutting long words may split them; the characters all stay, in order, less the
    # control characters and escape sequences safe_text removes.
    assert "".join(joined.split()) == "".join(safe_text(text).split())
    assert not any(re.search(r"[\x00-\x1f\x7f-\x9f]", line) for line in lines)


def test_wrap_keeps_paragraphs_apart():
    assert wrap("one two three\n\nfour", 8) == ["one two", "three", "", "four"]
    assert wrap("a\n\n\n\nb", 5) == ["a", "", "b"]


def test_wrap_spans_breaks_between_words_and_merges_roles():
    lines = wrap_spans(
        [("69.29%", "value"), ("  ", "note"), ("vs 61.21% national average", "note")], 20
    )
    assert [line_text(line) for line in lines] == ["69.29%  vs 61.21%", "national average"]
    assert lines[0] == (("69.29%", "value"), ("  vs 61.21%", "note"))


def test_marking_words_for_search():
    line = (("Making safeguarding personal", "text"),)
    wanted = highlight_terms(["SAFEGUARDING", " "])
    assert mark_terms(line, wanted) == (
        ("Making ", "text"),
        ("safeguarding", "match"),
        (" personal", "text"),
    )
    assert highlight_terms(["", " "]) == frozenset()
    assert mark_terms(line, frozenset()) is line


def test_marking_whole_words_across_spans_and_in_their_forms():
    line = (("Carers’ well-", "text"), ("being", "note"), (" was careful.", "text"))
    wanted = highlight_terms(["carers", "well-being", "care"])
    assert mark_terms(line, wanted) == (
        ("Carers", "match"),
        ("’ ", "text"),
        ("well-", "match"),
        ("being", "match"),
        (" was careful.", "text"),  # "care" is a word, not a part of one
    )
    unmarked = (("Nothing here", "text"),)
    assert mark_terms(unmarked, wanted) is unmarked


def test_columns_share_the_width_and_page_when_narrow():
    assert column_widths(80, 3) == (26, 26, 26)
    assert sum(column_widths(101, 4)) + 3 == 101
    assert columns_per_page(200, 3) == 3
    assert columns_per_page(50, 3) == 2
    assert columns_per_page(10, 3) == 1


def test_every_row_stands_at_the_same_height_in_every_column():
    documents = three_councils()
    comparison = align(documents)
    figures = place_figures(comparison, align_metrics(documents))
    layout = build_layout(comparison, (0, 1, 2), 90, figures)
    assert layout.height == sum(block.height for block in layout.blocks)
    for block in layout.blocks:
        assert len(block.cells) == 3
        assert block.height == 2 + max(len(cell.lines) for cell in block.cells)
        for cell, width in zip(block.cells, layout.widths, strict=True):
            assert all(cell_len(line_text(line)) <= width - 2 for line in cell.lines)
    personal = next(
        b for b in layout.blocks if comparison.rows[b.row].title == "Making safeguarding personal"
    )
    beta = personal.cells[1]
    assert beta.empty and line_text(beta.lines[0]) == EMPTY_CELL
    assert "(2 of 3 documents)" in line_text(personal.title)


def test_statement_cells_have_a_score_badge_and_the_band_marks_the_spread():
    documents = three_councils()
    comparison = align(documents)
    layout = build_layout(comparison, (0, 1, 2), 120, {})
    row = statement_rows(comparison)["safeguarding"]
    block = next(b for b in layout.blocks if b.row == row)
    assert line_text(block.title) == "7 · Safeguarding   ≠ scores differ by 1"
    badges = [block.cells[i].lines[0] for i in range(3)]
    assert [line_text(b).strip() for b in badges] == ["3 ●●●○", "2 ●●○○", "3 ●●●○"]
    assert badges[1][0][1] == "score-2"


def test_figures_show_their_gap_indicator_and_rank():
    documents = three_councils()
    comparison = align(documents)
    figures = place_figures(comparison, align_metrics(documents))
    layout = build_layout(comparison, (0, 1, 2), 120, figures)
    row = statement_rows(comparison)["safeguarding"]
    block = next(b for b in layout.blocks if b.row == row)
    alpha = "\n".join(line_text(line) for line in block.cells[0].lines)
    assert "◆ people who feel safe" in alpha
    assert "▲ +5.31 pp ▰▱▱▱▱ ✓ better  ★ best" in alpha
    beta = "\n".join(line_text(line) for line in block.cells[1].lines)
    assert "▲ +52 days ▰▰▰▰▰ ✗ worse  ▽ worst" in beta
    gamma = "\n".join(line_text(line) for line in block.cells[2].lines)
    assert "= ±0 pp ▱▱▱▱▱ ≈ similar" in gamma
    key = block.cells[0].figures[0][0]
    start, end = layout.figure_span(key, row)
    assert block.top < start < end <= block.top + block.height


def test_document_text_is_never_markup_and_loses_control_characters():
    documents = three_councils()
    hostile = "Press [@click=app.quit]here[/] or [bold]this[/bold]\x1b[31m red\x07 \x9b2J done"
    documents[0] = replace(
        documents[0],
        sections=tuple(
            replace(s, text=hostile) if s.key == "safeguarding" else s
            for s in documents[0].sections
        ),
    )
    comparison = align(documents)
    layout = build_layout(comparison, (0, 1, 2), 150, {})
    row = statement_rows(comparison)["safeguarding"]
    block = next(b for b in layout.blocks if b.row == row)
    text = " ".join(line_text(line) for line in block.cells[0].lines)
    assert "[@click=app.quit]here[/] or [bold]this[/bold] red done" in text
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text)
    assert words(text) >= words("Press click app quit here or bold this red done")
