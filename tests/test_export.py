"""The markdown diff: golden files byte for byte, tables a renderer reads whole, the parts
the report must have, the options, and document text that cannot inject markup."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from export_cases import (
    CASES,
    GOLDEN,
    built_document,
    figure,
    figure_documents,
    golden_body,
    pair_documents,
    sample_documents,
)
from markdown_checks import check_tables, rendered

from carecompare.export import (
    ExportOptions,
    body,
    default_file_name,
    export_markdown,
    header_line,
)
from carecompare.export_options import SelectionError, documents_of_councils, statement_ids
from carecompare.export_view import document_labels
from carecompare.figure_format import gap_text, metric_gap, value_text
from carecompare.parsers import Comparator, Document, Section
from carecompare.parsers.knowledge import taxonomy

REGENERATE = "python tests/golden/regenerate.py"


@pytest.fixture(scope="module")
def samples() -> list[Document]:
    return sample_documents()


@pytest.mark.parametrize("name", list(CASES))
def test_export_matches_its_golden_file_byte_for_byte(name):
    stored = (GOLDEN / name).read_bytes().decode("utf-8")
    made = golden_body(name)
    assert made == stored, f"{name} differs from the export; if on purpose, run {REGENERATE}"


@pytest.mark.parametrize("name", list(CASES))
def test_every_table_row_has_the_headers_number_of_cells(name):
    report = check_tables(CASES[name]())
    assert report.tables >= 1
    assert report.mismatched == []
    assert report.stray_pipe_lines == []


def test_same_input_same_body_and_the_first_line_says_what_and_when(samples):
    early = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    later = datetime(2025, 3, 2, 18, 5, tzinfo=timezone(timedelta(hours=1)))
    first = export_markdown(samples, ExportOptions(produced_at=early))
    second = export_markdown(samples, ExportOptions(produced_at=later))
    assert first.splitlines()[0] == "*Exported by carecompare 0.1.0 on 2025-03-01 09:30 UTC.*"
    assert second.splitlines()[0] == header_line(later)
    assert "2025-03-02 17:05 UTC" in second.splitlines()[0]
    assert body(first) == body(second)
    assert "2025" not in body(first).split("## Documents compared")[0]


def test_samples_name_every_council_and_every_statement(samples):
    text = export_markdown(samples)
    for council in ("Derby City Council", "Derbyshire County Council", "North Lincolnshire"):
        assert council in text
    for statement in taxonomy().statements:
        assert f"### {statement.number}. {statement.title}" in text
    # Ofsted's judgements and the annual report's period are shown, not dropped.
    assert "Requires improvement to be good" in text and "covers 2012/13" in text


def test_scores_mark_who_is_ahead_and_by_how_much(samples):
    text = export_markdown(samples, ExportOptions(statements=("assessing_needs",)))
    row = next(line for line in text.splitlines() if line.startswith("| 1. Assessing needs"))
    # Derbyshire 2, North Lincolnshire 3 (the samples' published scores).
    assert "2 ▼" in row and "3 ▲" in row
    assert row.endswith("▲ North Lincolnshire ahead of ▼ Derbyshire County (CQC) by 1 |")


def test_headings_one_council_has_and_the_other_lacks_are_listed():
    text = export_markdown(pair_documents())
    safeguarding = text.split("### 7. Safeguarding")[1].split("### 8.")[0]
    assert "| Making safeguarding personal | ✓ | – |" in safeguarding
    assert "Hartlepool Borough" in safeguarding and "Rutland County" in safeguarding


def test_figures_largest_gap_first_with_direction_and_single_council_figures_under_it():
    text = export_markdown(figure_documents())
    shared = text.split("### Cited by more than one document")[1].split("###")[0]
    measures = [line.split(" | ")[0] for line in shared.splitlines() if line.startswith("| ")]
    assert measures[2:] == [
        "| median wait for an assessment",  # 42 days against 20: gap 22
        "| people satisfied with their care and support (ASCS)",  # gap 4.89
        "| people who use services who feel safe (ASCS)",  # gap 1.4
    ]
    # Lower is better for waits: 18 days is best, 42 worst.
    assert "18 ▲ (-2 days, ✓ better)" in shared and "42 ▼ (+22 days, ✗ worse)" in shared
    # A different national figure (an earlier year's) is named.
    assert "66.4% ▼ (+1.4 pp vs 65%, ✓ better)" in shared
    singles = text.split("### Cited by one document only")[1].split("## Statement")[0]
    assert singles.index("#### Hartlepool Borough") < singles.index("gross spend")
    assert singles.index("#### Rutland County") < singles.index("East Midlands 21%")
    assert "+6.1 pp, ? direction unknown" in singles


def test_statement_and_document_choice():
    documents = figure_documents()
    options = ExportOptions(documents=(2, 0), statements=("safeguarding",), key_text=False)
    text = export_markdown(documents, options)
    assert "Rutland" not in text
    assert text.index("| Torbay |") < text.index("| Hartlepool Borough |")  # order chosen
    assert "### 7. Safeguarding" in text and "### 1." not in text
    assert "statement 7 Safeguarding" in text
    assert "text about" not in text  # no key text
    assert "people satisfied" not in text  # a figure of another statement


def test_long_key_text_is_collapsed_and_short_text_is_not(samples):
    text = export_markdown(samples, ExportOptions(statements=("safeguarding",)))
    assert "<details>\n<summary>Key text: 4 headings, " in text
    pair = export_markdown(pair_documents(), ExportOptions(statements=("governance",)))
    assert "<details>" not in pair and "Leaders had a plan" in pair


def test_unknown_statement_id_is_an_error():
    with pytest.raises(ValueError, match="frobnicate"):
        export_markdown(figure_documents(), ExportOptions(statements=("frobnicate",)))


def test_no_documents_still_gives_a_report():
    text = export_markdown([])
    assert "No documents were given." in text and check_tables(text).mismatched == []


HOSTILE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) ![i](http://x/i.png) "
    "<img src=x onerror=alert(1)> `code` **bold** | pipe \x1b[31mred\x1b[0m \x07 "
    "\u202eevil\u202c &lt;entity&gt; $x$ ~~gone~~\n# heading\n> quote\n- item\n1. item\n"
    "    indented code\n---\n</details>\n<details open>"
)


def hostile_document() -> Document:
    return Document(
        path="evil|name<b>.txt",
        kind="cqc_assessment",
        council="Rutland County Council <script>",
        rating="Good | <b>x</b>",
        scores={"safeguarding": 2},
        sections=(
            Section(HOSTILE, "statement", 1, "", statement="safeguarding", key="safeguarding"),
            Section(
                "[a](http://x) | # <i>title</i>",
                "subsection",
                2,
                HOSTILE * 20,
                statement="safeguarding",
                role="finding",
                key="safeguarding/x/hostile",
            ),
        ),
        metrics=(
            replace(
                figure("rate | <b>x</b>", 5.0, national=4.0),
                quote="5% <script>",
                comparators=(Comparator("[national](http://x)", "national", 4.0, "`4%`"),),
            ),
        ),
    )


def test_document_text_cannot_inject_html_links_or_structure():
    documents = [hostile_document(), figure_documents()[2]]
    text = export_markdown(documents)
    tags, shown = rendered(text)
    allowed = {"h1", "h2", "h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td"}
    allowed |= {"strong", "em", "details", "summary", "br"}
    assert set(tags) <= allowed, set(tags) - allowed
    assert tags.count("details") == 1  # ours; the text's `<details open>` is shown, not made
    assert "<script>alert(1)</script>" in shown and "[click](javascript:alert(1))" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "$x$" not in text and "\\$x\\$" in text  # GitHub maths
    report = check_tables(text)
    assert report.mismatched == [] and report.stray_pipe_lines == []
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(not line.startswith(("# heading", "#### <")) for line in headings)


def test_labels_tell_documents_of_one_council_apart():
    derby_cqc = built_document("Derby City Council", {"safeguarding": 2}, {}, ())
    derby_annual = replace(derby_cqc, kind="annual_report", path="annual.txt", period="2012/13")
    derby_again = replace(derby_cqc, path="other/derby_city_council.txt")
    york = built_document("City of York Council", {}, {}, ())
    labels = document_labels([derby_cqc, derby_annual, york])
    assert labels == ("Derby City (CQC)", "Derby City (annual report)", "City of York")
    assert document_labels([derby_cqc, derby_again]) == (
        "Derby City (CQC, derby_city_council.txt)",
        "Derby City (CQC, derby_city_council.txt) #2",
    )


def test_statements_chosen_by_number_id_or_title():
    assert statement_ids(["7", "assessing needs"]) == ("assessing_needs", "safeguarding")
    assert statement_ids(["governance,1", "Safe systems, pathways and transitions"]) == (
        "assessing_needs",
        "safe_pathways",
        "governance",
    )
    with pytest.raises(SelectionError, match="no statement 'ten'"):
        statement_ids(["ten"])


def test_councils_chosen_by_name_as_whole_words(samples):
    def councils(names):
        return {samples[i].council for i in documents_of_councils(samples, names)}

    assert councils(["Derby"]) == {"Derby City Council"}
    assert councils(["derbyshire county council"]) == {"Derbyshire County Council"}
    assert councils(["Lincolnshire", "Derby City"]) == {
        "North Lincolnshire Council",
        "Derby City Council",
    }
    with pytest.raises(SelectionError, match="Derbyshire County Council"):
        documents_of_councils(samples, ["Rutland"])


def test_figure_formats():
    assert value_text(1187534000, "GBP") == "£1,187,534,000"
    assert value_text(12.5, "per100k") == "12.5 per 100k"
    assert gap_text(-1200, "GBP", 0) == "-£1,200"
    assert gap_text(8.079999, "%", 2) == "+8.08 pp"
    satisfied = figure("satisfied", 69.29, national=61.21)
    assert metric_gap(satisfied) == "+8.08 pp, ✓ better"
    assert metric_gap(figure("no comparator", 5.0)) is None


def test_default_file_name_says_what_is_compared(samples):
    assert default_file_name(samples) == (
        "carecompare-derby-city-derbyshire-county-north-lincolnshire.md"
    )
    chosen = ExportOptions(documents=(4,), statements=("safe_pathways",))
    assert default_file_name(samples, chosen) == ("carecompare-north-lincolnshire-safe-pathways.md")
    odd = replace(samples[0], council="../../etc/passwd <x>")
    assert default_file_name([odd]) == "carecompare-etc-passwd-x.md"
    assert default_file_name([]) == "carecompare.md"
