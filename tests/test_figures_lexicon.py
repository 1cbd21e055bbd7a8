"""The metric lexicon: what metrics.yaml says, how strictly phrasings match, bad YAML."""

from __future__ import annotations

import pytest

from carecompare.parsers.figures.lexicon import Lexicon, lexicon, words_of
from carecompare.parsers.figures.numbers import find_numbers
from carecompare.parsers.knowledge import KnowledgeError


def measure_id(context: str, population: str = "people") -> str | None:
    found = lexicon().measure(words_of(context.lower()), population)  # type: ignore[arg-type]
    return found.measure.id if found else None


def test_every_measure_has_phrasings_and_a_known_unit():
    units = {"%", "GBP", "count", "score", "per100k", "days", "weeks", "months"}
    for measure in lexicon().measures:
        assert measure.phrases, measure.id
        assert measure.unit in units, measure.id


def test_sources_the_issue_names_are_known():
    known = set(lexicon().source_population)
    assert {"ASCS", "SACE", "SALT", "ASCOF", "ASC-FR", "Skills for Care", "SAC"} <= known


@pytest.mark.parametrize(
    ("context", "population", "expected"),
    [
        ("70.1% of people felt safe", "people", "ascs_feel_safe"),  # "felt" for "feel"
        ("the services they use made them feel safe", "people", "ascs_services_made_safe"),
        ("carers who felt safe", "carers", "sace_feel_safe"),
        ("people did not feel safe", "people", None),  # the opposite measure
        ("felt they had control over their daily life", "people", "ascs_control"),
        ("felt they had control over their daily life", "carers", "sace_control"),
        (
            "service users aged 18-64 receiving a direct payment",
            "people",
            "ascof_direct_payments_18_64",
        ),
        ("still at home 91 days after discharge from hospital", "people", "ascof_home_91_days"),
        ("the average wait for a carers assessment", "people", "wait_carers_assessment"),
        ("felt they had encouragement", "people", None),  # not a people measure
    ],
)
def test_phrasings_match_fuzzily_but_not_loosely(context, population, expected):
    assert measure_id(context, population) == expected


def test_a_figures_unit_must_agree_with_the_measure():
    # 212 people waiting is a count, not the wait itself.
    found = lexicon().measure(words_of("people waiting for a carers assessment"), "people", "count")
    assert found is None


def test_directions_for_unknown_measures_come_from_plain_words():
    direction = lexicon().direction
    assert direction(words_of("the median waiting time for allocation")) is False
    assert direction(words_of("a backlog of reviews")) is False
    assert direction(words_of("population aged over 65")) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("£1,187,534,000 and 12,120 and 8.38", [1187534000, 12120, 8.38]),
        ("69.29% then 16.4 % then 45 per cent", [69.29, 16.4, 45]),
        ("£1.2m and £350k", [1_200_000, 350_000]),
        ("24hrs, DE1 3AB, www.site.uk/2024, 2nd and 8th", []),
    ],
)
def test_numbers_as_reports_write_them(text, values):
    assert [n.value for n in find_numbers(text)] == values


def test_bad_lexicon_entries_are_named():
    minimal = {"comparators": [], "sources": [], "not_figures": {}, "metrics": []}
    with pytest.raises(KnowledgeError, match="kind"):
        Lexicon({**minimal, "comparators": [{"kind": "galactic", "phrases": ["x"]}]})
    with pytest.raises(KnowledgeError, match="phrases"):
        Lexicon({**minimal, "metrics": [{"id": "m", "label": "m", "phrases": []}]})
    with pytest.raises(KnowledgeError, match="bad pattern"):
        Lexicon({**minimal, "not_figures": {"number": ["("]}})
    with pytest.raises(KnowledgeError, match="twice"):
        twice = {"id": "m", "label": "m", "phrases": ["x"]}
        Lexicon({**minimal, "metrics": [twice, twice]})
