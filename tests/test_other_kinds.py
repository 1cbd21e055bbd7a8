"""Annual reports, Ofsted reports, unknown documents, and telling them apart."""

from __future__ import annotations

import pytest

from carecompare.parsers import parse_file, parse_text
from carecompare.parsers.detect import detect_kind


def test_annual_report_sections_by_ascof_domain(fixture_path):
    document = parse_file(fixture_path("annual-local-account.txt"))
    assert document.kind == "annual_report"
    assert document.council == "Wiltshire Council"
    assert document.period == "2019/20"
    domains = [s for s in document.sections if s.role == "domain"]
    assert [s.statement for s in domains] == [None, "safeguarding"]
    safeguarding = domains[1]
    assert safeguarding.title == (
        "How do we safeguard adults whose circumstances make them vulnerable and "
        "protect them from avoidable harm?"
    )
    assert safeguarding.theme == "ensuring_safety"
    # A closing heading ends the domain before it.
    priorities = document.sections[-1]
    assert priorities.title.startswith("Our priorities") and priorities.statement is None


def test_numbered_list_of_domains_is_not_a_heading():
    text = (
        "Annual Report 2015/16 of the adult social care outcomes framework\n\n"
        "1. Safeguarding adults whose circumstances make them vulnerable and protecting\n"
        "them from avoidable harm.\n"
    )
    document = parse_text(text)
    assert document.kind == "annual_report"
    assert not [s for s in document.sections if s.role == "domain"]


def test_ofsted_judgements_from_a_table(fixture_path):
    document = parse_file(fixture_path("ofsted-ilacs.txt"))
    assert document.kind == "ofsted_children"
    assert document.council == "Leeds City Council"
    assert document.rating == "Outstanding"
    assert document.judgements == {
        "help_and_protection": "Good",
        "children_in_care": "Outstanding",
        "leadership": "Outstanding",
    }


def test_ofsted_judgements_in_sentences():
    text = (
        "Ofsted praises children's services in Sefton\n"
        "Ofsted rated Sefton as requires improvement to be good overall effectiveness.\n"
        "The experiences and progress of children who need help and protection is inadequate.\n"
        "The experiences and progress of children in care and care leavers requires "
        "improvement to be good.\n"
        "The impact of leaders on social work practice with children and families is good.\n"
    )
    document = parse_text(text)
    assert document.kind == "ofsted_children"
    assert document.council == "Sefton Metropolitan Borough Council"
    assert document.rating == "Requires improvement to be good"
    assert document.judgements == {
        "help_and_protection": "Inadequate",
        "children_in_care": "Requires improvement to be good",
        "leadership": "Good",
    }
    judged = [s for s in document.sections if s.role == "judgement"]
    assert [s.statement for s in judged] == ["safeguarding", "care_provision", "governance"]


def test_a_paragraph_that_states_two_judgements_gives_each_its_own_grade():
    text = (
        "Ofsted inspection of Rutland children's services\n\n"
        "Overall effectiveness is good.\n\n"
        "The impact of leaders on social work practice with children and families is "
        "outstanding, and the experiences and progress of children in care and care leavers "
        "requires improvement to be good.\n\n"
        "Children who need help and protection: good. Leaders know their services well.\n"
    )
    document = parse_text(text)
    assert document.rating == "Good"
    assert document.judgements == {
        "help_and_protection": "Good",
        "children_in_care": "Requires improvement to be good",
        "leadership": "Outstanding",
    }
    # The paragraph is one section, the first judgement's; the other is graded all the same.
    judged = [s.key.rsplit("/", 1)[-1] for s in document.sections if s.role == "judgement"]
    assert judged == ["leadership", "help_and_protection"]


def test_unknown_document_splits_on_its_own_headings():
    text = (
        "# Minutes of the health scrutiny panel\n\nPresent: five members.\n\n"
        "## Item 1\n\nThe panel noted the report.\n\n"
        "Waiting lists\n\nThe chair asked why people were waiting longer than last year.\n"
    )
    document = parse_text(text)
    assert document.kind == "other"
    assert [s.title for s in document.sections] == [
        "Minutes of the health scrutiny panel",
        "Item 1",
        "Waiting lists",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Key findings for this quality statement. The local authority commitment.",
            "cqc_assessment",
        ),
        ("Our Annual Report on the Adult Social Care Outcomes Framework.", "annual_report"),
        ("Ofsted judged overall effectiveness to be good for care leavers.", "ofsted_children"),
        ("A shopping list: eggs, milk, bread.", "other"),
        ("", "other"),
    ],
)
def test_kind_detection(text, kind):
    assert detect_kind(text) == kind


def test_ofsted_full_report_sections_follow_each_judgement_heading(fixture_path):
    document = parse_file(fixture_path("ofsted-ilacs.txt"))
    help_sections = [s for s in document.sections if s.key.endswith("/help_and_protection")]
    assert any("front door team" in s.text for s in help_sections)
    care = [s for s in document.sections if s.key.endswith("/children_in_care")]
    assert any("stable homes" in s.text for s in care)
    # The grades stay those of the table, and a plain heading opens its own section.
    assert document.judgements["help_and_protection"] == "Good"
    assert document.sections[-1].title == "What needs to improve in this local authority?"
