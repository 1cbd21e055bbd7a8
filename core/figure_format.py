"""Figures as a report prints them: values with their unit, signed gaps, and the verdict as a
symbol and a word, so a gap reads the same without colour."""

from __future__ import annotations

from carecompare.parsers import Metric

VERDICT_MARKS = {
    "better": "✓ better",
    "worse": "✗ worse",
    "similar": "≈ similar",
    "unknown": "? direction unknown",
}
"""The verdict of a gap to the national average, as symbol and word."""

BEST, WORST = "▲", "▼"
"""Marks for the best and the worst figure (or score) among the documents compared."""

MAX_DECIMALS = 3

# How a unit reads after a value and after a difference of two values. A difference of two
# percentages is in percentage points.
_VALUE_SUFFIX = {"%": "%", "per100k": " per 100k", "count": "", "score": "", "GBP": ""}
_GAP_SUFFIX = {"%": " pp", "per100k": " per 100k", "count": "", "score": "", "GBP": ""}


def decimals(value: float) -> int:
    """How many decimal places a figure is given to (at most MAX_DECIMALS)."""
    text = f"{abs(value):.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def number(value: float, places: int | None = None, sign: bool = False) -> str:
    """A number with thousands separators, to `places` decimals (its own when None)."""
    places = decimals(value) if places is None else places
    return f"{value:{'+' if sign else ''},.{places}f}"


def value_text(value: float, unit: str) -> str:
    """A figure with its unit ("61.21%", "£1,200", "18 days")."""
    if unit == "GBP":
        return f"-£{number(-value)}" if value < 0 else f"£{number(value)}"
    return number(value) + _VALUE_SUFFIX.get(unit, f" {unit}" if unit else "")


def gap_text(gap: float, unit: str, places: int) -> str:
    """A signed difference with its unit ("+8.08 pp", "-£1,200", "+3 days")."""
    if unit == "GBP":
        return ("-£" if gap < 0 else "+£") + number(abs(gap), places)
    return number(gap, places, sign=True) + _GAP_SUFFIX.get(unit, f" {unit}" if unit else "")


def metric_gap(metric: Metric, against: str = "") -> str | None:
    """The metric's gap to its reference comparator with its verdict ("+8.08 pp, ✓ better";
    with `against`, "+1.4 pp vs 65%, ✓ better"), or None without a comparator."""
    reference = metric.reference
    gap = metric.gap
    if reference is None or gap is None:
        return None
    places = max(decimals(metric.value), decimals(reference.value))
    against = f" vs {against}" if against else ""
    return f"{gap_text(gap, metric.unit, places)}{against}, {VERDICT_MARKS[metric.verdict]}"


def spread(values: list[float], unit: str) -> str | None:
    """How far apart the highest and lowest of several figures are, or None for fewer than
    two different values."""
    if len(set(values)) < 2:
        return None
    places = max(decimals(value) for value in values)
    return gap_text(max(values) - min(values), unit, places).lstrip("+")
