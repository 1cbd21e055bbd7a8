"""Figures a report cites: every comparator shape the reports use, in sentences of our own."""

from __future__ import annotations

import pytest

from carecompare.parsers import Metric, parse_text
from carecompare.parsers.figures import MAX_FIGURES


def figures(*paragraphs: str) -> list[Metric]:
    """The figures of a small assessment made of these paragraphs."""
    text = "# Wessex Council: local authority assessment\n\n## Assessing needs\n\n"
    return list(parse_text(text + "\n\n".join(paragraphs), "wessex.md").metrics)


def one(*paragraphs: str) -> Metric:
    found = [m for m in figures(*paragraphs) if m.comparators]
    assert len(found) == 1, found
    return found[0]


def pairs(metric: Metric) -> list[tuple[str, str, float]]:
    return [(c.label, c.kind, c.value) for c in metric.comparators]


def test_higher_in_council_than_the_national_average():
    metric = one(
        "The share of people satisfied with their care and support was higher in Wessex "
        "(69.29%) than the national average (61.21%)."
    )
    assert (metric.quote, metric.value, metric.unit) == ("69.29%", 69.29, "%")
    assert pairs(metric) == [("national average", "national", 61.21)]
    assert metric.metric == "ascs_satisfaction"
    assert metric.gap == pytest.approx(8.08)
    assert metric.verdict == "better"


def test_compared_to_a_national_average_of():
    metric = one(
        "Just 13.6% of carers felt they had control over their daily life compared to a "
        "national average of 22.1%."
    )
    assert pairs(metric) == [("national average", "national", 22.1)]
    assert metric.metric == "sace_control"
    assert metric.verdict == "worse"


def test_with_the_national_average_being():
    metric = one(
        "Some 40.5% of carers said they had encouragement and support, with the national "
        "average being 31.47%."
    )
    assert pairs(metric) == [("national average", "national", 31.47)]
    assert metric.metric == "sace_encouragement"


def test_national_average_in_brackets_after_the_measure():
    metric = one("Long-term clients reviewed in the year stood at 52.4% (national average 38.2%).")
    assert metric.value == 52.4
    assert pairs(metric) == [("national average", "national", 38.2)]


def test_not_statistically_different_is_similar():
    metric = one(
        "Of people who use services, 70.1% said they feel safe, which was not statistically "
        "different from the England average (69.7%)."
    )
    assert pairs(metric) == [("England average", "national", 69.7)]
    assert metric.similar
    assert metric.verdict == "similar"


def test_one_figure_against_three_comparators():
    metric = one(
        "In our survey 66.4% of service users said they felt safe, better than our comparator "
        "group (65.4%), England (65.0%) and the East Midlands (63.4%)."
    )
    assert pairs(metric) == [
        ("comparator group", "peer_group", 65.4),
        ("England", "national", 65.0),
        ("East Midlands", "regional", 63.4),
    ]
    assert metric.reference is not None and metric.reference.label == "England"
    assert metric.gap == pytest.approx(1.4)


def test_two_pairs_in_one_sentence():
    found = [
        m
        for m in figures(
            "Of people using services, 70.7% felt safe compared to a national average of "
            "69.69% and 89.35% said those services made them feel safe compared to a national "
            "average of 87.12%."
        )
        if m.comparators
    ]
    assert [(m.value, pairs(m)[0][2]) for m in found] == [(70.7, 69.69), (89.35, 87.12)]
    assert [m.metric for m in found] == ["ascs_feel_safe", "ascs_services_made_safe"]


def test_comparators_named_together_and_given_together():
    metric = one(
        "In total 3,120 people had a personal budget; the overall result was 61%.",
        "This was better than our comparator group and national averages of 50% and 54%.",
    )
    assert metric.value == 61
    assert pairs(metric) == [
        ("comparator group", "peer_group", 50),
        ("national averages", "national", 54),
    ]


def test_respectively_pairs_each_figure_with_its_average():
    found = figures(
        "Ratings were good: 81% of nursing homes, 84% of residential homes and 90% of "
        "homecare agencies were rated good or outstanding, against 76%, 82% and 85% "
        "respectively for the national average."
    )
    assert [(m.value, pairs(m)[0][2]) for m in found] == [(81, 76), (84, 82), (90, 85)]


def test_a_sentence_that_refers_back_to_the_figure_before():
    metric = one(
        "National data showed 88.2% of people said services had made them feel safe. This "
        "was above the England average of 86%."
    )
    assert metric.value == 88.2
    assert pairs(metric) == [("England average", "national", 86)]


def test_a_figure_with_no_comparator_is_still_reported():
    found = figures("There were 412 active care providers in the county.")
    assert [(m.quote, m.unit, m.comparators, m.label) for m in found] == [
        ("412", "count", (), "active care providers in the county")
    ]
    assert found[0].gap is None and found[0].verdict == "unknown"


def test_money_with_commas_and_its_own_estimate():
    metric = one(
        "The local authority estimated that in 2023/24 its total budget would be "
        "£912,400,000. Its actual spend for that year was £1,187,534,000."
    )
    assert (metric.quote, metric.value, metric.unit) == ("£1,187,534,000", 1187534000, "GBP")
    assert pairs(metric) == [("estimate", "estimate", 912400000)]


@pytest.mark.parametrize(
    ("sentence", "quote", "unit"),
    [
        ("The average wait for an assessment was 2.5 weeks.", "2.5 weeks", "weeks"),
        ("The median wait for a review was 21 days.", "21 days", "days"),
        ("Minor adaptations took 9 months on average.", "9 months", "months"),
        ("Around 12,120 people received long-term support.", "12,120", "count"),
        ("Sick days were 8.38 a year per worker.", "8.38", "days"),
        ("Admissions were 4.5 per 100,000 adults.", "4.5", "per100k"),
        ("Some 45 per cent of carers were in work.", "45 per cent", "%"),
    ],
)
def test_units(sentence, quote, unit):
    [metric] = figures(sentence)
    assert (metric.quote, metric.unit) == (quote, unit)


def test_previous_years_in_prose():
    metric = one(
        "The quality of life score rose from 18.1 in 2019/20 to 18.6 in 2020/21 and reached "
        "18.9 in 2021/22."
    )
    assert metric.value == 18.9
    assert pairs(metric) == [("2020/21", "previous", 18.6), ("2019/20", "previous", 18.1)]


def test_up_from_last_years_figure():
    metric = one("The team completed 1,204 reviews in 2023/24, up from 980 in 2022/23.")
    assert (metric.value, pairs(metric)) == (1204, [("2022/23", "previous", 980)])


def test_a_target():
    metric = one("The council beat its target of 90%, with 94% of enquiries closed on time.")
    assert (metric.value, pairs(metric)) == (94, [("target", "target", 90)])


def test_a_figure_in_the_national_averages_brackets_is_not_the_average():
    metric = one(
        "Fewer people stayed at home than the national average (65% of people aged 65+ were "
        "still at home 91 days after discharge, compared to 82% nationally)."
    )
    assert (metric.value, pairs(metric)) == (65, [("nationally", "national", 82)])


def test_comparator_of_a_different_unit_is_not_paired():
    # The target is in days, the wait in weeks: two different measures, not a comparison.
    found = figures(
        "There is a target of 3 days for first contact and the average wait for a carers "
        "assessment was 2.5 weeks."
    )
    assert [(m.quote, m.comparators) for m in found] == [("2.5 weeks", ())]


def test_years_dates_ages_and_identifiers_are_not_figures():
    found = figures(
        "In 2022/23, published 16 August 2024, people aged 18-64 and those aged 65 and over "
        "in Theme 2 were seen; section 42 enquiries for over-65s, 1 in 5 of whom were "
        "referred within 28 days after discharge, made up 37% of the work."
    )
    assert [m.quote for m in found] == ["37%"]


def test_table_of_measures_by_year():
    text = (
        "# Wessex Council adult social care annual report 2022/23\n\n"
        "How does Wessex Council ensure that people have a positive experience of care and "
        "support?\n\n"
        "Key Measures 2020/21 2021/22 2022/23\n"
        "User satisfaction with care and support 60.1% 63.4% 59.4%\n"
        "Proportion of people who use services who feel safe 62.6% - 66.4%\n"
        "Delayed transfers of care per 100,000 8.9 9.2 12.0\n\n"
        "These results come from the annual survey.\n"
    )
    found = parse_text(text, "wessex-annual.txt").metrics
    assert [(m.value, pairs(m)) for m in found] == [
        (59.4, [("2021/22", "previous", 63.4), ("2020/21", "previous", 60.1)]),
        (66.4, [("2020/21", "previous", 62.6)]),
        (12.0, [("2021/22", "previous", 9.2), ("2020/21", "previous", 8.9)]),
    ]
    assert [m.metric for m in found] == [
        "ascs_satisfaction",
        "ascs_feel_safe",
        "ascof_delayed_transfers",
    ]
    assert found[2].unit == "per100k"
    assert found[2].verdict == "worse"  # more delays than last year
    assert [m.line for m in found] == [6, 7, 8]


def test_at_home_91_days_after_discharge_below_national_is_worse():
    metric = one(
        "Only 65% of people aged 65 and over were still at home 91 days after discharge, "
        "compared to 82% nationally."
    )
    assert metric.metric == "ascof_home_91_days"
    assert metric.higher_is_better is True
    assert metric.gap == pytest.approx(-17)
    assert metric.verdict == "worse"


def test_a_shorter_wait_than_the_national_average_is_better():
    metric = one(
        "The average wait for an occupational therapy assessment was 2.5 weeks, against a "
        "national average of 6 weeks."
    )
    assert metric.metric is None  # not a measure the lexicon knows ...
    assert metric.higher_is_better is False  # ... but "wait" says lower is better
    assert metric.verdict == "better"


def test_unknown_direction_is_never_guessed():
    metric = one("Wessex had 23.1% of its population over 65, compared with 18.3% nationally.")
    assert metric.higher_is_better is None
    assert metric.verdict == "unknown"


def test_source_named_in_the_sentence_or_earlier_in_the_paragraph():
    found = figures(
        "The Adult Social Care Survey (ASCS) showed good results. For example, 71.3% of "
        "people felt they had control over their daily life compared to a national average "
        "of 77.2%. Carers were less positive: 19.8% of carers felt they had control over "
        "their daily life, against a national average of 22.1% (SACE)."
    )
    assert [(m.value, m.source) for m in found] == [(71.3, "ASCS"), (19.8, "SACE")]


def test_a_source_about_carers_is_not_given_to_a_figure_about_people():
    found = figures(
        "More people (67.7%) found it easy to find information about support than the "
        "national average (66.3%). 62.8% of carers found it easy to find information and "
        "advice, compared with 57.8% nationally (SACE)."
    )
    assert [(m.value, m.source) for m in found] == [(67.7, None), (62.8, "SACE")]


def test_two_sources_named_together():
    [metric] = figures(
        "Short and Long-Term Support (SALT) and ASCOF data showed 31.4% of service users used "
        "direct payments."
    )
    assert metric.source == "SALT/ASCOF"


def test_line_and_section_of_each_figure():
    text = (
        "# Wessex Council: local authority assessment\n\n"
        "## Assessing needs\n\n"
        "Most people were happy.\n"
        "Satisfaction with care and support was 64.2%,\n"
        "against a national average of 61.2%.\n"
    )
    document = parse_text(text, "wessex.md")
    [metric] = document.metrics
    assert metric.line == 6
    assert document.sections[metric.section].text.count("64.2%") == 1


def test_text_that_looks_like_markup_is_kept_as_text():
    [metric] = figures("[bold]Carers[/bold] waiting for support: 41 people.")
    assert "[bold]" in metric.sentence


def test_figure_and_average_given_together_in_brackets():
    metric = one(
        "Satisfaction with care and support was better than the England average (69.3% "
        "compared to 61.2%)."
    )
    assert (metric.value, pairs(metric)) == (69.3, [("England average", "national", 61.2)])
    assert metric.label == "Satisfaction with care and support"


def test_not_significantly_different_to_is_similar_too():
    metric = one(
        "Social contact was 44.1%, which was not significantly different to the England "
        "average of 44.4%."
    )
    assert metric.verdict == "similar"


def test_a_file_of_nothing_but_figures_stops_at_the_cap_with_a_warning():
    line = " ".join(f"{n % 90 + 1}.5% of people and" for n in range(MAX_FIGURES + 500))
    document = parse_text(f"# Wessex Council: local authority assessment\n\n{line}\n", "big.md")
    assert len(document.metrics) == MAX_FIGURES
    assert any(str(MAX_FIGURES) in warning for warning in document.warnings)


def test_a_statistic_alone_does_not_name_a_figure():
    # "a median of 42 days": 'median' says how, not what; the subject stays in the label.
    [metric] = figures("People waited a median of 42 days for an assessment.")
    assert metric.label == "People waited a median"
    [metric] = figures("There was a median waiting time for allocation of 152 days.")
    assert metric.label == "median waiting time for allocation"


def test_a_list_of_bracketed_figures_gives_each_its_own_words():
    found = figures(
        "Repairs were completed in less than 3 months (48.5%), within 6 months (78.8%), "
        "within 9 months (93.9%) and within 12 months (100%)."
    )
    labels = {m.quote: m.label for m in found}
    # "less than 3 months" bounds what is counted: it is no comparison with another figure.
    assert labels["48.5%"] == "Repairs were completed in less than 3 months"
    # After "and", the words name the next figure, not this one.
    assert labels["93.9%"] == "within 9 months"
    assert labels["100%"] == "within 12 months"
