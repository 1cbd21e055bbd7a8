"""Alignment: the same section stands in the same row for every document."""

from __future__ import annotations

from carecompare.align import align
from carecompare.parsers import parse_file
from helpers import FIXTURES


def comparison(*names: str):
    return align([parse_file(FIXTURES / name) for name in names])


def test_statements_line_up_and_missing_sections_are_empty_cells():
    result = comparison("rotherham-pilot.txt", "york-safeguarding-pdf.txt")
    row = next(r for r in result.rows if r.key == "safeguarding")
    assert row.kind == "statement" and all(row.cells)
    findings = next(r for r in result.rows if r.key == "safeguarding/making_safeguarding_personal")
    assert not findings.cells[0] and findings.cells[1]  # only York has this heading
    assert all(len(r.cells) == 2 for r in result.rows)


def test_rows_follow_the_framework_order():
    result = comparison("hounslow-overview.md", "rotherham-pilot.txt")
    statement_rows = [r.statement for r in result.rows if r.kind == "statement"]
    # Hounslow's overview scores all nine, so each statement has its row, in framework order.
    assert statement_rows == [
        "assessing_needs",
        "healthier_lives",
        "equity",
        "care_provision",
        "partnerships",
        "safe_pathways",
        "safeguarding",
        "governance",
        "learning",
    ]
    findings = [r.key for r in result.rows_of("assessing_needs") if r.kind == "subsection"]
    assert findings[:2] == [
        "assessing_needs/assessment_care_planning_and_review_arrangements",
        "assessing_needs/timeliness_of_assessments_care_planning_and_reviews",
    ]
    assert result.rows[-1].key == "furniture"


def test_variant_titles_share_a_row():
    result = comparison("rotherham-pilot.txt", "hounslow-overview.md")
    pathways = next(r for r in result.rows if r.key == "safe_pathways")
    assert pathways.title == "Safe pathways, systems and transitions"
    assert pathways.cells[0][0].title == "Safe systems, pathways and transitions"
    assert result.scores("safe_pathways") == (3, 3)


def test_ofsted_and_annual_sections_sit_under_their_statements():
    result = comparison("ofsted-ilacs.txt", "annual-local-account.txt", "york-safeguarding-pdf.txt")
    keys = [r.key for r in result.rows_of("safeguarding")]
    assert "safeguarding/ofsted/help_and_protection" in keys
    assert "safeguarding/ascof/safeguarding" in keys
