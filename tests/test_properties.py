"""Properties over arbitrary input, for every stage a document passes through: loading,
parsing, figures, search, export and the JSON records never raise, never drop a word, and
never let a control character from the input through."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_checks import check_tables

from carecompare.export import ExportOptions, export_markdown
from carecompare.parsers import LoadError, parse_text
from carecompare.parsers.clean import normalise
from carecompare.parsers.load import source_from_bytes
from carecompare.records import document_record, metric_record, parse_record
from carecompare.search import SearchIndex
from helpers import missing_words

CONTROL = frozenset(chr(c) for c in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)))
"""Characters no output may hold (tab and newline are allowed in JSON strings and markdown)."""

PIECES = st.sampled_from(
    [
        "Derbyshire County Council: local authority assessment",
        "Safeguarding",
        "Score: 2",
        "Indicative score:",
        "3 - Evidence shows a good standard",
        "What people expect",
        "Key findings for this quality statement",
        "Making safeguarding personal",
        "Theme 3: How the local authority ensures safety within the system",
        "The percentage of people satisfied was higher (69.29%) than the national average "
        "(61.21%).",
        "Only 13.64% of carers felt in control, compared to a national average of 22.1%.",
        "The median wait was 21 days, with the national average being 14 days.",
        "£1,187,534,000 was spent, which was £128,569,000 more than estimated.",
        "Key Measures 2010/11 2011/12 2012/13",
        "People who feel safe 62.6% 64.7% 66.4%",
        "[bold]x[/bold] [@click=app.quit]quit[/] [link=https://x]y[/link]",
        "\x1b[2J\x1b]52;c;aGk=\x07 escape \x9b31m",
        "| a | b |\n`code` <script>x</script> # not a heading",
        "- a list item",
        "",
        "---",
    ]
)
DOCUMENT_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=60)), max_size=30).map("\n\n".join)
QUERIES = st.one_of(
    st.sampled_from(["safeguarding", "safegaurding backlgo", "national average", "dols", "£"]),
    st.text(max_size=20),
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def no_controls(text: str) -> bool:
    return not CONTROL.intersection(text)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".htm"]))
def test_loading_any_bytes_gives_text_or_a_named_error(data, suffix):
    try:
        source = source_from_bytes(f"file{suffix}", data)
    except LoadError as error:
        assert error.path == f"file{suffix}" and error.reason
        return
    assert isinstance(source.text, str)
    assert no_controls(normalise(source.text).replace("\t", ""))


@SETTINGS
@given(DOCUMENT_TEXT)
def test_parsing_keeps_every_word_and_no_control_character(text):
    document = parse_text(text, "doc.txt")
    assert not missing_words(normalise(text), document)
    for section in document.sections:
        assert no_controls(section.title) and no_controls(section.text)
    for metric in document.metrics:
        assert math.isfinite(metric.value)
        assert all(math.isfinite(c.value) for c in metric.comparators)
        assert no_controls(metric.label + metric.quote + metric.sentence)
        assert metric.verdict in ("better", "worse", "similar", "unknown")
        assert 0 <= metric.section < len(document.sections)


@SETTINGS
@given(DOCUMENT_TEXT)
def test_json_records_always_serialise_without_control_characters(text):
    document = parse_text(text, "doc.txt")
    records = [document_record(document), parse_record(document)] + [
        metric_record(document, metric) for metric in document.metrics
    ]
    json.dumps(records, allow_nan=False)
    assert all(no_controls(value) for value in strings_in(records))


def strings_in(value: object):
    """Every string inside nested records."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


@SETTINGS
@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=3), QUERIES)
def test_search_never_raises_and_snippets_are_clean(texts, query):
    documents = [parse_text(text, f"doc{i}.txt") for i, text in enumerate(texts)]
    index = SearchIndex.build(documents)
    for hit in index.search(query, 10):
        assert 0 <= hit.document < len(documents)
        assert no_controls(hit.snippet)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=3))
def test_export_never_raises_and_is_clean_valid_markdown(texts):
    documents = [parse_text(text, f"doc{i}.txt") for i, text in enumerate(texts)]
    markdown = export_markdown(documents, ExportOptions(produced_at=None))
    assert no_controls(markdown.replace("\t", ""))
    assert "\x1b" not in markdown
    tables = check_tables(markdown)
    assert not tables.mismatched and not tables.stray_pipe_lines
