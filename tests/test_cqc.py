"""The CQC parser on fixtures in the shapes CQC publishes, for councils the seeds lack."""

from __future__ import annotations

import datetime

import pytest

from carecompare.parsers import parse_file, parse_text

ALL_NINE = [
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


def sections_of(document, kind=None, statement=None):
    return [
        s
        for s in document.sections
        if (kind is None or s.kind == kind) and (statement is None or s.statement == statement)
    ]


def test_markdown_report_with_the_overview_list_of_scores(fixture_path):
    document = parse_file(fixture_path("hounslow-overview.md"))
    assert document.kind == "cqc_assessment"
    assert document.council == "London Borough of Hounslow"
    assert document.published == datetime.date(2024, 5, 22)
    assert document.rating == "Good"
    assert not document.indicative
    # The overview's list gives all nine; the list's titles do not start statements.
    assert list(document.scores) == ALL_NINE
    assert document.scores["partnerships"] == 4
    statements = [s.statement for s in sections_of(document, "statement")]
    assert statements == ["assessing_needs", "learning"]


def test_heading_levels_do_not_decide_structure(fixture_path):
    document = parse_file(fixture_path("hounslow-overview.md"))
    titles = [s.title for s in sections_of(document, "subsection", "assessing_needs")]
    # '####', a plain line, and an unknown '###' heading inside key findings
    assert titles == [
        "Assessment, care planning and review arrangements",
        "Timeliness of assessments, care planning and reviews",
        "Hospital discharge hub",
    ]
    statement = sections_of(document, "statement", "assessing_needs")[0]
    assert statement.score == 3  # from '# Score: 3'
    parts = [s.role for s in sections_of(document, "section", "assessing_needs")]
    assert parts == ["expect", "commitment", "key_findings"]


def test_council_name_heading_in_the_rating_box_is_not_a_section(fixture_path):
    document = parse_file(fixture_path("hounslow-overview.md"))
    rating = next(s for s in document.sections if s.key == "doc/rating")
    assert "London Borough of Hounslow" in rating.text and "Good" in rating.text


def test_pilot_indicative_scores_on_the_line_after_the_label(fixture_path):
    document = parse_file(fixture_path("rotherham-pilot.txt"))
    assert document.council == "Rotherham Metropolitan Borough Council"
    assert document.indicative
    assert document.rating == "Requires improvement"
    assert document.published == datetime.date(2023, 11, 24)
    assert document.scores == {
        "assessing_needs": 2,  # "2 - Evidence shows some shortfalls"
        "safe_pathways": 3,  # "Safe systems, pathways and transitions"
        "safeguarding": 1,  # "1 - Inadequate: Evidence shows significant shortfalls"
        "governance": 2,  # "2- Evidence shows some shortfalls" straight under the label
    }


def test_footer_is_furniture(fixture_path):
    document = parse_file(fixture_path("rotherham-pilot.txt"))
    assert document.sections[-1].furniture
    assert document.sections[-1].title == "© Care Quality Commission"


def test_statement_pages_saved_into_one_file_are_one_document(fixture_path):
    document = parse_file(fixture_path("cornwall-statement-pages.md"))
    assert document.council == "Cornwall Council"
    assert document.scores == {"equity": 2, "safeguarding": 3}
    repeated_title = [s for s in document.sections if s.title.startswith("Cornwall Council:")]
    assert [s.role for s in repeated_title] == ["title", "furniture"]
    assert any(s.furniture and s.title == "Downloads" for s in document.sections)
    # Text after "Back to top" carries on the finding it interrupted.
    findings = sections_of(document, "subsection", "safeguarding")
    assert {s.key for s in findings} == {"safeguarding/making_safeguarding_personal"}
    assert "reviewed them at closure" in findings[-1].text


def test_pdf_text_glued_and_broken_headings(fixture_path):
    document = parse_file(fixture_path("york-safeguarding-pdf.txt"))
    assert document.council == "City of York Council"  # the text says only "York"
    assert document.scores == {"safeguarding": 3}
    titles = [s.title for s in sections_of(document, "subsection", "safeguarding")]
    assert titles == [
        "Safeguarding systems, processes and practices",  # glued to its paragraph
        "Responding to concerns and undertaking Section 42 enquiries",  # over two lines
        "Making safeguarding personal",
    ]
    glued = sections_of(document, "subsection", "safeguarding")[0]
    assert glued.text.startswith("The city's safeguarding adults board met every quarter")
    assert glued.line == 19


def test_early_report_overall_score_out_of_100(fixture_path):
    document = parse_file(fixture_path("early-report-scored.txt"))
    assert document.overall_score == 78
    assert document.rating == "Good"  # CQC's threshold: 63-87% is good
    assert document.scores == {"partnerships": 4}


def test_statement_sections_carry_theme_and_score(fixture_path):
    document = parse_file(fixture_path("rotherham-pilot.txt"))
    safeguarding = sections_of(document, "statement", "safeguarding")[0]
    assert (safeguarding.theme, safeguarding.score) == ("ensuring_safety", 1)
    findings = sections_of(document, "section", "safeguarding")[0]
    assert findings.theme == "ensuring_safety" and findings.score is None


@pytest.mark.parametrize(
    ("line", "score"),
    [
        ("Score: 2", 2),
        ("# Score: 3", 3),
        ("3 - Evidence shows a good standard", 3),
        ("1 - Inadequate: Evidence shows significant shortfalls", 1),
        ("2- Evidence shows some shortfalls", 2),
        ("4 – Evidence shows an exceptional standard", 4),
    ],
)
def test_each_printed_score_form(line, score):
    text = f"Safeguarding\n\n{line}\n\nKey findings for this quality statement\n\nText.\n"
    assert parse_text(text).scores == {"safeguarding": score}


def test_statement_title_in_a_sentence_is_not_a_statement():
    text = (
        "Derby City Council: local authority assessment\n\n"
        "Safeguarding was a priority for the council and partners alike.\n\n"
        "Key findings for this quality statement\n\nText.\n"
    )
    document = parse_text(text)
    assert not sections_of(document, "statement")


def test_theme_list_items_are_not_statements():
    text = (
        "Theme 3: How the local authority ensures safety within the system\n\n"
        "This theme includes these quality statements:\n\n"
        "- Safe pathways, systems and transitions\n- Safeguarding\n\n"
        "Safeguarding\n\nScore: 2\n\nWhat people expect\n\nI feel safe.\n\n"
        "Key findings for this quality statement\n\nText.\n"
    )
    document = parse_text(text)
    assert [s.statement for s in sections_of(document, "statement")] == ["safeguarding"]
    theme = sections_of(document, "theme")[0]
    assert theme.theme == "ensuring_safety" and "- Safeguarding" in theme.text


def test_variant_headings_other_councils_use(fixture_path):
    document = parse_file(fixture_path("leeds-variants.txt"))
    assert document.rating == "Requires improvement"  # on the rating heading's own line
    # "Quality statement 1: ... – Score: 2" and "... - indicative score 3"
    assert document.scores == {"assessing_needs": 2, "safeguarding": 3}
    themes = [s.theme for s in sections_of(document, "theme")]
    assert themes == ["working_with_people", "ensuring_safety"]  # named with the council
    assert [s.title for s in document.sections if s.furniture] == ["Page 4 of 20"]
    # After the page number the key findings carry on under the same key.
    findings = [s for s in document.sections if s.key == "safeguarding/key_findings"]
    assert findings[-1].text.startswith("Concerns were triaged")


def test_looking_ahead_does_not_judge_blocks_by_the_previous_statement():
    # Inside the previous statement's key findings a short plain line would be a heading;
    # under the new statement, before its key findings, it is just text.
    text = (
        "Key findings for this quality statement\n\n"
        "Safeguarding\n\nScore: 2\n\nKey findings for this quality statement\n\n"
        "Making safeguarding personal\n\n"
        "People were asked what outcomes they wanted and staff recorded the answers.\n\n"
        "Governance, management and sustainability\n\nScore: 3\n\n"
        "Leadership team changes\n\n"
        "The local authority commitment\n\nWe have clear responsibilities and roles.\n"
    )
    document = parse_text(text)
    governance = sections_of(document, "statement", "governance")[0]
    assert "Leadership team changes" in governance.text
    assert not [s for s in document.sections if s.title == "Leadership team changes"]


def test_a_numbered_line_in_key_findings_is_a_list_item_not_a_heading():
    text = (
        "Safeguarding\n\nScore: 2\n\nKey findings for this quality statement\n\n"
        "1. Urgent cases were seen the same day\n\n"
        "Staff described how they prioritised the most urgent concerns every morning.\n"
    )
    document = parse_text(text)
    assert not sections_of(document, "subsection")
    assert "1. Urgent cases" in sections_of(document, "section", "safeguarding")[0].text
