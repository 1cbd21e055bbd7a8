"""The gap indicator: how far a council's figure stands from its national comparator, as
symbols that carry the meaning without colour (NO_COLOR, colour-blind readers).

A figure reads like `69.29%  ▲ +8.08 pp ▰▰▱▱▱ ✓`: the arrow says above or below the
comparator, the signed number how far, the bar how far relative to the comparator, and the
last symbol whether that is better or worse by the measure's direction. Across the councils
compared, the best and worst of one measure are marked too. Colour only repeats it.
"""

from __future__ import annotations

from dataclasses import dataclass

from carecompare.parsers import Metric
from carecompare.parsers.model import Verdict

BAR_WIDTH = 5
"""Cells of the magnitude bar."""
FULL_BAR = 0.5
"""A gap of half the comparator's value (or more) fills the bar."""

ARROW_ABOVE, ARROW_BELOW, ARROW_LEVEL = "▲", "▼", "="
BAR_ON, BAR_OFF = "▰", "▱"
VERDICT_SYMBOLS: dict[Verdict, str] = {
    "better": "✓",
    "worse": "✗",
    "similar": "≈",
    "unknown": "?",
}
BEST, WORST = "★ best", "▽ worst"

LEGEND: tuple[tuple[str, str], ...] = (
    (f"{ARROW_ABOVE} {ARROW_BELOW}", "above / below the national figure"),
    ("+8.08 pp", "the gap, in the figure's unit (pp: percentage points)"),
    (f"{BAR_ON * 2}{BAR_OFF * 3}", "the gap relative to the national figure (full at 50%)"),
    (VERDICT_SYMBOLS["better"], "better than the national figure, by the measure's direction"),
    (VERDICT_SYMBOLS["worse"], "worse than the national figure"),
    (VERDICT_SYMBOLS["similar"], "similar (or said to be not significantly different)"),
    (VERDICT_SYMBOLS["unknown"], "direction unknown, or no comparator"),
    (BEST, "the best of the councils compared, for this measure"),
    (WORST, "the worst of the councils compared, for this measure"),
)
"""Each symbol and what it means, for the help screen."""


@dataclass(frozen=True, slots=True)
class GapIndicator:
    """One figure against its reference comparator, ready to show."""

    verdict: Verdict
    value: str
    """The council's figure as the report writes it."""
    reference: str
    """The comparator's figure and name ("61.21% national average"), or "" when none."""
    arrow: str
    """Above, below or level with the comparator; "" when there is none."""
    gap: str
    """The signed gap with its unit ("+8.08 pp"), or "" when there is no comparator."""
    bar: str
    """The gap's size relative to the comparator, BAR_WIDTH cells; "" without a comparator."""
    symbol: str
    """The verdict's symbol (VERDICT_SYMBOLS)."""


def format_number(value: float) -> str:
    """A figure without float noise: 8.08, 112, 0.5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_gap(gap: float, unit: str) -> str:
    """The signed gap and its unit: "+8.08 pp" for percentages, "-3 days", "+0.4"."""
    sign = "+" if gap > 0 else ("-" if gap < 0 else "±")
    magnitude = format_number(abs(gap))
    if unit == "%":
        return f"{sign}{magnitude} pp"
    if unit in ("", "count", "score", "rank"):
        return f"{sign}{magnitude}"
    return f"{sign}{magnitude} {unit}"


def _with_unit(value: float, unit: str) -> str:
    number = format_number(value)
    if unit == "%":
        return f"{number}%"
    if unit == "GBP":
        return f"£{number}"
    if unit in ("", "count", "score", "rank"):
        return number
    return f"{number} {unit}"


def bar(gap: float, reference: float, width: int = BAR_WIDTH) -> str:
    """Filled cells for the gap relative to the reference value (any gap shows one cell)."""
    if gap == 0:
        return BAR_OFF * width
    share = 1.0 if reference == 0 else min(1.0, abs(gap) / abs(reference) / FULL_BAR)
    filled = max(1, round(share * width))
    return BAR_ON * filled + BAR_OFF * (width - filled)


def gap_indicator(metric: Metric) -> GapIndicator:
    """The indicator for one figure (all fields empty but the value when it has no comparator)."""
    verdict = metric.verdict
    reference = metric.reference
    gap = metric.gap
    if reference is None or gap is None:
        return GapIndicator(verdict, metric.quote, "", "", "", "", VERDICT_SYMBOLS[verdict])
    arrow = ARROW_ABOVE if gap > 0 else (ARROW_BELOW if gap < 0 else ARROW_LEVEL)
    reference_text = reference.quote or _with_unit(reference.value, metric.unit)
    return GapIndicator(
        verdict=verdict,
        value=metric.quote or _with_unit(metric.value, metric.unit),
        reference=f"{reference_text} {reference.label}".strip(),
        arrow=arrow,
        gap=format_gap(gap, metric.unit),
        bar=bar(gap, reference.value),
        symbol=VERDICT_SYMBOLS[verdict],
    )


def rank_mark(index: int, best: set[int], worst: set[int]) -> str:
    """BEST, WORST or "" for a document among the councils compared (best_and_worst())."""
    if index in best:
        return BEST
    if index in worst:
        return WORST
    return ""
