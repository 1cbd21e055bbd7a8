"""The gap indicator: symbols that say above/below, how far and better/worse without colour."""

from __future__ import annotations

from carecompare.gaps import (
    BAR_OFF,
    BAR_ON,
    BEST,
    WORST,
    bar,
    format_gap,
    format_number,
    gap_indicator,
    rank_mark,
)
from carecompare.parsers import Comparator, Metric


def metric(value, comparators=(), higher_is_better=True, unit="%", similar=False) -> Metric:
    return Metric(
        label="people who feel safe",
        quote=f"{value}{unit}",
        value=value,
        unit=unit,
        line=1,
        section=0,
        comparators=tuple(comparators),
        higher_is_better=higher_is_better,
        similar=similar,
    )


NATIONAL = Comparator("national average", "national", 61.21, "61.21%")


def test_better_figure_reads_without_colour():
    found = gap_indicator(metric(69.29, [NATIONAL]))
    assert found.verdict == "better"
    assert (found.arrow, found.gap, found.symbol) == ("▲", "+8.08 pp", "✓")
    assert found.value == "69.29%"
    assert found.reference == "61.21% national average"
    assert found.bar == BAR_ON + BAR_OFF * 4


def test_lower_is_better_below_the_comparator_is_better():
    found = gap_indicator(
        metric(40, [Comparator("England", "national", 100)], higher_is_better=False, unit="days")
    )
    assert (found.arrow, found.gap, found.symbol, found.verdict) == (
        "▼",
        "-60 days",
        "✓",
        "better",
    )
    assert found.bar == BAR_ON * 5  # 60% of the comparator: past the full-bar mark


def test_worse_similar_and_unknown():
    assert gap_indicator(metric(55, [NATIONAL])).symbol == "✗"
    level = gap_indicator(metric(61.21, [NATIONAL]))
    assert (level.arrow, level.gap, level.symbol) == ("=", "±0 pp", "≈")
    said_similar = gap_indicator(metric(60, [NATIONAL], similar=True))
    assert said_similar.symbol == "≈" and said_similar.arrow == "▼"
    no_direction = gap_indicator(metric(70, [NATIONAL], higher_is_better=None))
    assert no_direction.symbol == "?" and no_direction.gap == "+8.79 pp"


def test_no_comparator_shows_only_the_value():
    found = gap_indicator(metric(12, []))
    assert (found.value, found.gap, found.arrow, found.bar, found.symbol) == (
        "12%",
        "",
        "",
        "",
        "?",
    )


def test_reference_is_the_national_comparator_before_others():
    regional = Comparator("East Midlands", "regional", 50)
    found = gap_indicator(metric(69.29, [regional, NATIONAL]))
    assert found.gap == "+8.08 pp"


def test_numbers_and_bars():
    assert format_number(8.080000001) == "8.08"
    assert format_number(1187534000) == "1,187,534,000"
    assert format_gap(-0.5, "weeks") == "-0.5 weeks"
    assert format_gap(3, "count") == "+3"
    assert bar(0.01, 100) == BAR_ON + BAR_OFF * 4  # any gap shows
    assert bar(0, 100) == BAR_OFF * 5
    assert bar(5, 0) == BAR_ON * 5


def test_rank_marks():
    assert rank_mark(0, {0}, {2}) == BEST
    assert rank_mark(2, {0}, {2}) == WORST
    assert rank_mark(1, {0}, {2}) == ""
