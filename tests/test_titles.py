"""Title recognition: exact, fuzzy within the pinned threshold, and glued to a paragraph."""

from __future__ import annotations

import pytest

from carecompare.parsers.cqc import glued_index, heading_index
from carecompare.parsers.titles import TITLE_THRESHOLD, TitleIndex


def known(text: str):
    found = heading_index().match(text)
    return (found.value.role, found.value.id) if found else None


def test_threshold_is_pinned():
    assert TITLE_THRESHOLD == 90.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Safeguarding", ("statement", "safeguarding")),
        ("SAFEGUARDING:", ("statement", "safeguarding")),
        ("Safe systems, pathways and transitions", ("statement", "safe_pathways")),
        ("Supporting people to lead healthier lives", ("statement", "healthier_lives")),
        ("What people expect:", ("part", "expect")),
        ("The local authority’s commitment", ("part", "commitment")),
        # a dropped letter and '&' for 'and' still match
        (
            "Safeguarding systems processes & practice",
            ("subsection", "safeguarding_systems_processes_and_practices"),
        ),
        (
            "Responding to concerns and undertaking section 42 enquires",
            ("subsection", "responding_to_concerns_and_undertaking_section_42_enquiries"),
        ),
        ("Theme 2: Providing support", None),  # themes are recognised by their number
        ("Providing support", ("theme", "providing_support")),
    ],
)
def test_known_titles(text, expected):
    assert known(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Safeguarding adults board",
        "Safeguarding was a priority",
        "Learning from complaints",
        "Direct payment rates",
        "What people told us",
    ],
)
def test_near_misses_are_not_titles(text):
    assert known(text) is None


def test_glued_heading_is_split_at_the_title():
    text = "Safeguarding systems, processes and practices The board met every quarter."
    found = glued_index().match_prefix(text)
    assert found is not None
    assert text[found.end :] == "The board met every quarter."


def test_glued_prefix_needs_a_sentence_after_it():
    # "Direct payments were ..." is a sentence about direct payments, not a heading.
    assert glued_index().match_prefix("Direct payments were used well across the county.") is None


def test_index_of_arbitrary_titles():
    index = TitleIndex([("Alpha beta gamma", 1), ("Delta", 2)])
    assert index.match("alpha-beta gamma").value == 1
    assert index.match("Epsilon") is None
    assert len(index) == 2
