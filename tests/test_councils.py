"""Councils: from a page title as spelled, else the full name of the place the text names."""

from __future__ import annotations

import pytest

from carecompare.parsers.councils import directory
from carecompare.parsers.knowledge import councils


def test_every_council_is_listed_once():
    names = [council.name for council in councils()]
    assert len(names) == len(set(names)) == 153


@pytest.mark.parametrize(
    ("title", "council"),
    [
        ("Derbyshire County Council", "Derbyshire County Council"),
        ("Hounslow Council", "Hounslow Council"),  # an alias, as the title spells it
        ("Derby", "Derby City Council"),  # a place name gives the full name
        ("Newtown District Council", "Newtown District Council"),  # unknown, but a council
        ("Minutes of the meeting", None),
    ],
)
def test_from_title(title, council):
    assert directory().from_title(title) == council


@pytest.mark.parametrize(
    ("text", "council"),
    [
        ("Derby received 3,931 referrals. Staff in Derby told us.", "Derby City Council"),
        ("Derbyshire Carers and Derbyshire staff. Derby once.", "Derbyshire County Council"),
        (
            "North Lincolnshire has 19 wards across North Lincolnshire.",
            "North Lincolnshire Council",
        ),
        ("Children in Kingston upon Hull were seen quickly.", "Hull City Council"),
        # The small words inside names come from the list: "with" as in this one.
        ("Blackburn with Darwen has 150,000 people.", "Blackburn with Darwen Borough Council"),
        ("In the city of Bristol; derby in lower case is no name.", "Bristol City Council"),
        ("No council is named here at all.", None),
    ],
)
def test_mentioned(text, council):
    found = directory().mentioned(text)
    if council is None:
        assert found is None
    else:
        assert found == directory().lookup(council).name
